// Internals shared by the parser runtime (parser.cc) and trainer
// (parser_train.cc): the per-sentence word arrays, the arc-hybrid state, the
// feature templates and the weight tables. Not part of the public API.
//
// Nodes of a sentence of n words: 0 = artificial root, 1..n = words,
// n+1 = "none" (padding for absent stack/buffer items and children, whose
// fields hold fixed "none" values, so feature code never branches).
#ifndef SITREP_PARSE_PARSER_INTERNAL_H_
#define SITREP_PARSE_PARSER_INTERNAL_H_

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace sitrep::parse_internal {

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// FNV-1a of the form with ASCII letters lower-cased and digits mapped to '0'
// ("Iraq's" and "IRAQ'S" hash alike; "1999" like "2005").
inline uint64_t HashWordForm(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<unsigned char>(c + 32);
    else if (c >= '0' && c <= '9')
      c = '0';
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}
inline uint64_t HashString(std::string_view s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

inline constexpr int kShift = 0, kLeft = 1, kRight = 2, kNumMoves = 3;
inline constexpr int kNoLabel = 255;

// What the parser sees of one sentence.
struct Words {
  int n = 0;
  std::vector<uint64_t> form;          // hashed normalised form
  std::vector<uint64_t> lemma;         // hashed lemma
  std::vector<uint32_t> tag;           // upos | hashed xpos << 5
  std::vector<uint8_t> upos;           // coarse tag alone (robust to XPOS errors)
  std::vector<uint64_t> suffix;        // hashed last 3 bytes of the normalised form
  std::vector<uint16_t> punct_before;  // number of PUNCT words in [1, i)
  std::vector<uint16_t> verbs_before;  // number of VERB words in [1, i)
  void Resize(int words);              // sets root and none nodes
  void Set(int i, std::string_view form_text, Upos upos, std::string_view xpos,
           std::string_view lemma_text);
  // Call once all words are Set.
  void Finish();
};

// Arc-hybrid configuration.
struct State {
  int n = 0;
  int none = 1;
  std::vector<int> stack;  // stack.back() = s0
  int b = 1;               // first buffer word; buffer empty when b > n
  std::vector<int> head;   // -1 until attached
  std::vector<uint8_t> label;
  std::vector<int> lc1, lc2, rc1, rc2;  // left-/right-most children and the next ones
  std::vector<uint8_t> nl, nr;          // numbers of left / right children (capped)
  std::vector<uint64_t> lset, rset;     // label sets of left / right children

  void Reset(int words);
  int S(int i) const {
    int k = static_cast<int>(stack.size()) - 1 - i;
    return k >= 0 ? stack[k] : none;
  }
  int B(int i) const { return b + i <= n ? b + i : none; }
  bool Terminal() const { return b > n && stack.size() == 1; }
  bool Legal(int move) const {
    switch (move) {
      case kShift:
        return b <= n;
      case kLeft:
        return b <= n && !stack.empty() && stack.back() != 0;
      default:  // kRight: the root takes its one child only at the very end
        return stack.size() >= 2 && (stack[stack.size() - 2] != 0 || b > n);
    }
  }
  // Head and dependent of the arc `move` (kLeft/kRight) would make.
  void ArcOf(int move, int* h, int* d) const {
    *d = stack.back();
    *h = move == kLeft ? b : stack[stack.size() - 2];
  }
  void Apply(int move, int label_id);
  void AddArc(int h, int d, int label_id);
};

// Feature extraction. Return the number of 32-bit keys written to `out`
// (at most kMaxMoveFeatures / kMaxLabelFeatures; parser_test.cc checks the
// templates in parser.cc stay below).
inline constexpr int kMaxMoveFeatures = 192;
inline constexpr int kMaxLabelFeatures = 96;
int MoveFeatures(const Words& w, const State& st, uint32_t* out);
int LabelFeatures(const Words& w, const State& st, int h, int d, uint32_t* out);

// float <-> IEEE half, round to nearest.
uint16_t FloatToHalf(float f);
float HalfToFloat(uint16_t h);

// Runtime tables: open addressing on the 32-bit key (0 = empty slot).
struct MoveBucket {
  uint32_t key;
  float w[kNumMoves];
};
// 16 bytes, aligned: a probe touches one cache line. Features with one or
// two labels (83 % of the committed model's) keep their weights in the
// bucket itself, so scoring them needs no second memory access.
struct alignas(16) LabelBucket {
  uint32_t key;
  uint32_t a;  // kOne/kTwo: float bits of the 1st weight; kList: begin in
               // label_sparse; kDense: row index in label_dense
  uint32_t b;  // kTwo: float bits of the 2nd weight; kList: end
  uint8_t kind;
  uint8_t l0, l1;  // kOne/kTwo: labels of the inline weights
  uint8_t pad;
  enum Kind : uint8_t { kOne = 1, kTwo = 2, kList = 3, kDense = 4 };
};
// Features with at least this many labels get a dense row at run time.
inline constexpr uint32_t kDenseMinLabels = 6;
struct LabelWeight {
  float w;
  uint32_t label;
};

// Compact run-time move table, used when every move weight is exactly a
// float16 (always true for a loaded or trained model: weights go through
// float16): one 64-byte line holds 8 entries as 16-bit tags and float16
// weights, so a probe touches one cache line and the table is 4x smaller
// than MoveBucket's (16 MB instead of 64 MB for the committed model). A key
// k lives in its home line A = k & mask or, when A was full at build time, in
// its alternate line A ^ AltOf(k >> bits). The tag is (k >> bits) << 1 |
// (0 home, 1 alternate), so (line, tag) gives back k exactly: lookups are
// exact, as with MoveBucket. kEmptyTag is never a valid tag because
// bits >= kMinMoveLineBits leaves at most 14 high bits (tag <= 0x7FFF).
struct alignas(64) MoveLine {
  uint16_t tag[8];
  uint16_t w[8][3];  // float16, converted exactly by HalfToFloatFast
};
inline constexpr uint16_t kEmptyTag = 0xFFFF;

// Allocator for the big run-time tables: 2 MB aligned and, on Linux, advised
// to use transparent huge pages (fewer TLB misses on random probes).
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}
  T* allocate(size_t n);
  void deallocate(T* p, size_t) { std::free(p); }
  bool operator==(const HugePageAllocator&) const { return true; }
};
void* AllocateHuge(size_t bytes);
template <class T>
T* HugePageAllocator<T>::allocate(size_t n) {
  return static_cast<T*>(AllocateHuge(n * sizeof(T)));
}
inline constexpr uint32_t kMinMoveLineBits = 18;
inline uint32_t AltOf(uint32_t hi, uint32_t bits) {
  return ((hi * 0x9E3779B1u) >> (32 - bits)) | 1u;  // never 0: alternate != home
}
// Exact float16 -> float for every finite half (normal or subnormal):
// equals HalfToFloat(h) bit for bit when the exponent field is not 31.
inline float HalfToFloatFast(uint16_t h) {
  uint32_t bits = static_cast<uint32_t>(h & 0x7FFFu) << 13;
  float f;
  std::memcpy(&f, &bits, 4);
  f *= 0x1p112f;
  std::memcpy(&bits, &f, 4);
  bits |= static_cast<uint32_t>(h & 0x8000u) << 16;
  std::memcpy(&f, &bits, 4);
  return f;
}

// Keys are already the high half of a 64-bit mix, so their low bits are
// uniform and serve as the slot directly.
inline uint32_t SlotOf(uint32_t key) { return key; }

struct Model {
  std::vector<std::string> labels;
  int root_label = 0;
  int punct_label = -1;

  // Sorted by key: the serialised form.
  std::vector<uint32_t> move_keys;
  std::vector<float> move_weights;  // kNumMoves per key
  std::vector<uint32_t> label_keys;
  std::vector<uint32_t> label_offsets;  // label_keys.size() + 1
  std::vector<LabelWeight> label_weights;

  // Built from the above by BuildTables(): move_lines when every move weight
  // is an exact finite float16 (then move_table is empty), else move_table.
  std::vector<MoveLine, HugePageAllocator<MoveLine>> move_lines;
  uint32_t move_line_bits = 0;
  uint32_t move_line_mask = 0;
  std::vector<MoveBucket> move_table;
  uint32_t move_mask = 0;
  std::vector<LabelBucket, HugePageAllocator<LabelBucket>> label_table;
  uint32_t label_mask = 0;
  std::vector<float, HugePageAllocator<float>> label_dense;  // rows of label_stride floats
  std::vector<LabelWeight, HugePageAllocator<LabelWeight>> label_sparse;  // lists of the others
  uint32_t label_stride = 0;  // labels.size() rounded up to 8

  void BuildTables();
  void ScoreMoves(const uint32_t* f, int nf, float* scores) const;
  void ScoreLabels(const uint32_t* f, int nf, float* scores) const;  // labels.size()

  // Parses words into st (heads and labels), greedy.
  void ParseWords(const Words& w, State& st) const;
  // Best label id for the arc h -> d in st (never "root" unless h == 0).
  int BestLabel(const Words& w, const State& st, int h, int d, float* scratch) const;
};

}  // namespace sitrep::parse_internal

#endif  // SITREP_PARSE_PARSER_INTERNAL_H_

#include "parse/parser.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <new>
#include <vector>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#include <xmmintrin.h>
#endif

#include "core/binary_io.h"
#include "core/strings.h"
#include "parse/parser_internal.h"

namespace sitrep {
namespace parse_internal {

namespace {

constexpr uint32_t kRootTag = 30, kNoneTag = 31;
const uint64_t kRootForm = HashString("<ROOT>");
const uint64_t kNoneForm = HashString("<NONE>");

// Collects 32-bit feature keys; each Add() is one template (numbered in call
// order, so the order of Add() calls is part of the model format). One
// multiply per argument: the high half of the last product is the key.
struct Sink {
  uint32_t* out;
  int n = 0;
  uint64_t t = 0;
  static constexpr uint64_t kMul = 0x9E3779B97F4A7C15ULL;
  void Add(uint64_t a) { Put(((++t * 0xD6E8FEB86659FD93ULL) ^ a) * kMul); }
  void Add(uint64_t a, uint64_t b) { Put((((++t * 0xD6E8FEB86659FD93ULL) ^ a) * kMul ^ b) * kMul); }
  void Add(uint64_t a, uint64_t b, uint64_t c) {
    Put(((((++t * 0xD6E8FEB86659FD93ULL) ^ a) * kMul ^ b) * kMul ^ c) * kMul);
  }
  void Add(uint64_t a, uint64_t b, uint64_t c, uint64_t d) {
    Put((((((++t * 0xD6E8FEB86659FD93ULL) ^ a) * kMul ^ b) * kMul ^ c) * kMul ^ d) * kMul);
  }
  void Put(uint64_t h) {
    uint32_t k = static_cast<uint32_t>((h ^ (h >> 29)) >> 32);
    out[n++] = k ? k : 1;
  }
};

inline uint64_t DistBucket(int a, int b, int none) {
  if (a == none || b == none) return 15;
  int d = b > a ? b - a : a - b;
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 6) return 5;
  if (d <= 9) return 6;
  if (d <= 14) return 7;
  return 8;
}

}  // namespace

void Words::Resize(int words) {
  n = words;
  size_t size = static_cast<size_t>(words) + 2;
  if (form.size() < size) {
    form.resize(size);
    lemma.resize(size);
    tag.resize(size);
    upos.resize(size);
    suffix.resize(size);
    punct_before.resize(size);
    verbs_before.resize(size);
  }
  form[0] = kRootForm;
  lemma[0] = kRootForm;
  tag[0] = kRootTag;
  upos[0] = kRootTag;
  suffix[0] = kRootForm;
  form[words + 1] = kNoneForm;
  lemma[words + 1] = kNoneForm;
  tag[words + 1] = kNoneTag;
  upos[words + 1] = kNoneTag;
  suffix[words + 1] = kNoneForm;
}

void Words::Finish() {
  uint16_t count = 0, verbs = 0;
  punct_before[0] = verbs_before[0] = 0;
  for (int i = 1; i <= n + 1; ++i) {
    punct_before[i] = count;
    verbs_before[i] = verbs;
    if (i <= n && upos[i] == static_cast<uint8_t>(Upos::kPunct) && count < 60000) ++count;
    if (i <= n && upos[i] == static_cast<uint8_t>(Upos::kVerb) && verbs < 60000) ++verbs;
  }
}

void Words::Set(int i, std::string_view form_text, Upos upos_tag, std::string_view xpos,
                std::string_view lemma_text) {
  form[i] = HashWordForm(form_text);
  lemma[i] = HashWordForm(lemma_text);
  tag[i] = static_cast<uint32_t>(upos_tag) | (static_cast<uint32_t>(HashString(xpos)) & 0x7FFFFFFu)
                                                 << 5;
  upos[i] = static_cast<uint8_t>(upos_tag);
  suffix[i] = HashWordForm(form_text.substr(form_text.size() > 3 ? form_text.size() - 3 : 0)) + 7;
}

void State::Reset(int words) {
  n = words;
  none = words + 1;
  size_t size = static_cast<size_t>(words) + 2;
  stack.clear();
  stack.reserve(size);
  stack.push_back(0);
  b = 1;
  head.assign(size, -1);
  label.assign(size, static_cast<uint8_t>(kNoLabel));
  lc1.assign(size, none);
  lc2.assign(size, none);
  rc1.assign(size, none);
  rc2.assign(size, none);
  nl.assign(size, 0);
  nr.assign(size, 0);
  lset.assign(size, 0);
  rset.assign(size, 0);
}

void State::AddArc(int h, int d, int label_id) {
  head[d] = h;
  label[d] = static_cast<uint8_t>(label_id);
  uint64_t bit = label_id == kNoLabel ? 0 : (1ULL << (label_id & 63));
  if (d < h) {
    if (lc1[h] == none || d < lc1[h]) {
      lc2[h] = lc1[h];
      lc1[h] = d;
    } else if (lc2[h] == none || d < lc2[h]) {
      lc2[h] = d;
    }
    if (nl[h] < 250) ++nl[h];
    lset[h] |= bit;
  } else {
    if (rc1[h] == none || d > rc1[h]) {
      rc2[h] = rc1[h];
      rc1[h] = d;
    } else if (rc2[h] == none || d > rc2[h]) {
      rc2[h] = d;
    }
    if (nr[h] < 250) ++nr[h];
    rset[h] |= bit;
  }
}

void State::Apply(int move, int label_id) {
  if (move == kShift) {
    stack.push_back(b++);
    return;
  }
  int d = stack.back();
  stack.pop_back();
  int h = move == kLeft ? b : stack.back();
  AddArc(h, d, label_id);
}

int MoveFeatures(const Words& W, const State& st, uint32_t* out) {
  Sink f{out};
  const int s0 = st.S(0), s1 = st.S(1), s2 = st.S(2);
  const int b0 = st.B(0), b1 = st.B(1), b2 = st.B(2);
  const int s0l = st.lc1[s0], s0l2 = st.lc2[s0], s0r = st.rc1[s0], s0r2 = st.rc2[s0];
  const int s1l = st.lc1[s1], s1r = st.rc1[s1];
  const int b0l = st.lc1[b0], b0l2 = st.lc2[b0];
  auto w = [&](int i) -> uint64_t { return W.form[i]; };
  auto p = [&](int i) -> uint64_t { return W.tag[i]; };
  auto l = [&](int i) -> uint64_t { return st.label[i]; };
  const uint64_t d0 = DistBucket(s0, b0, st.none), d1 = DistBucket(s1, s0, st.none);

  // Single words.
  f.Add(w(s0), p(s0));
  f.Add(w(s0));
  f.Add(p(s0));
  f.Add(w(b0), p(b0));
  f.Add(w(b0));
  f.Add(p(b0));
  f.Add(w(b1), p(b1));
  f.Add(w(b1));
  f.Add(p(b1));
  f.Add(w(b2), p(b2));
  f.Add(w(b2));
  f.Add(p(b2));
  f.Add(w(s1), p(s1));
  f.Add(w(s1));
  f.Add(p(s1));
  f.Add(w(s2));
  f.Add(p(s2));
  // Pairs.
  f.Add(w(s0), p(s0), w(b0), p(b0));
  f.Add(w(s0), p(s0), w(b0));
  f.Add(w(s0), w(b0), p(b0));
  f.Add(w(s0), p(s0), p(b0));
  f.Add(p(s0), w(b0), p(b0));
  f.Add(w(s0), w(b0));
  f.Add(p(s0), p(b0));
  f.Add(p(b0), p(b1));
  f.Add(w(s1), p(s1), w(s0), p(s0));
  f.Add(w(s1), w(s0));
  f.Add(p(s1), p(s0));
  f.Add(w(s1), p(s0));
  f.Add(p(s1), w(s0));
  f.Add(w(s1), p(s1), p(s0));
  f.Add(p(s1), w(s0), p(s0));
  f.Add(w(s1), w(b0));
  f.Add(p(s1), p(b0));
  // Triples.
  f.Add(p(b0), p(b1), p(b2));
  f.Add(p(s0), p(b0), p(b1));
  f.Add(p(s1), p(s0), p(b0));
  f.Add(p(s0), p(s0l), p(b0));
  f.Add(p(s0), p(s0r), p(b0));
  f.Add(p(s0), p(b0), p(b0l));
  f.Add(p(s1), p(s0), p(s0l));
  f.Add(p(s1), p(s0), p(s0r));
  f.Add(p(s1), p(s1r), p(s0));
  f.Add(p(s1), p(s1l), p(s0));
  f.Add(p(s2), p(s1), p(s0));
  f.Add(p(s1), p(s0), p(b1));
  f.Add(w(s0), p(b0), p(b1));
  f.Add(p(s0), w(b0), p(b1));
  f.Add(w(s1), p(s0), p(b0));
  f.Add(p(s1), w(s0), p(b0));
  // Distance.
  f.Add(w(s0), d0);
  f.Add(p(s0), d0);
  f.Add(w(b0), d0);
  f.Add(p(b0), d0);
  f.Add(w(s0), w(b0), d0);
  f.Add(p(s0), p(b0), d0);
  f.Add(p(s1), p(s0), d1);
  f.Add(w(s1), w(s0), d1);
  // Valency.
  f.Add(w(s0), st.nr[s0]);
  f.Add(p(s0), st.nr[s0]);
  f.Add(w(s0), st.nl[s0]);
  f.Add(p(s0), st.nl[s0]);
  f.Add(w(b0), st.nl[b0]);
  f.Add(p(b0), st.nl[b0]);
  f.Add(w(s1), st.nr[s1]);
  f.Add(p(s1), st.nr[s1], st.nl[s1]);
  // Children.
  f.Add(w(s0l));
  f.Add(p(s0l));
  f.Add(l(s0l));
  f.Add(w(s0r));
  f.Add(p(s0r));
  f.Add(l(s0r));
  f.Add(w(b0l));
  f.Add(p(b0l));
  f.Add(l(b0l));
  f.Add(w(s1r), p(s1r));
  f.Add(l(s1r), p(s1));
  f.Add(l(s1l), p(s1));
  f.Add(w(s0l2));
  f.Add(p(s0l2));
  f.Add(l(s0l2));
  f.Add(w(s0r2));
  f.Add(p(s0r2));
  f.Add(l(s0r2));
  f.Add(w(b0l2));
  f.Add(p(b0l2));
  f.Add(l(b0l2));
  f.Add(p(s0), p(s0l), p(s0l2));
  f.Add(p(s0), p(s0r), p(s0r2));
  f.Add(p(b0), p(b0l), p(b0l2));
  f.Add(p(s0), l(s0l), l(s0r), p(b0));
  f.Add(p(s1), l(s1r), p(s0), l(s0l));
  // Label sets.
  f.Add(w(s0), st.rset[s0]);
  f.Add(p(s0), st.rset[s0]);
  f.Add(w(s0), st.lset[s0]);
  f.Add(p(s0), st.lset[s0]);
  f.Add(w(b0), st.lset[b0]);
  f.Add(p(b0), st.lset[b0]);
  f.Add(p(s1), st.lset[s1], st.rset[s1], p(s0));
  // Lemmas of the candidates.
  f.Add(W.lemma[s0], p(b0));
  f.Add(W.lemma[b0], p(s0));
  f.Add(W.lemma[s1], p(s0));
  // Coarse tags and suffixes: less sensitive to tagging errors.
  auto u = [&](int i) -> uint64_t { return W.upos[i]; };
  auto x = [&](int i) -> uint64_t { return W.suffix[i]; };
  f.Add(u(s0), u(b0));
  f.Add(u(s1), u(s0), u(b0));
  f.Add(u(b0), u(b1), u(b2));
  f.Add(u(s0), u(b0), u(b1));
  f.Add(u(s0), w(b0));
  f.Add(w(s0), u(b0));
  f.Add(u(s1), u(s0), d1);
  f.Add(u(s0), u(b0), d0);
  f.Add(x(s0));
  f.Add(x(b0));
  f.Add(x(b1));
  f.Add(x(s1));
  f.Add(x(s0), u(b0));
  f.Add(u(s0), x(b0));
  f.Add(x(s1), u(s0));
  f.Add(u(s1), x(s0));
  // String neighbours of s0 and b0, and the 4th buffer word.
  const int n = st.n, none = st.none;
  auto prev = [&](int i) { return (i <= 1 || i == none) ? none : i - 1; };
  auto next = [&](int i) { return (i == 0 || i >= n) ? none : i + 1; };
  f.Add(p(s0), p(next(s0)), p(b0));
  f.Add(p(prev(s0)), p(s0), p(b0));
  f.Add(p(s0), p(prev(b0)), p(b0));
  f.Add(u(s1), u(next(s1)), u(s0));
  f.Add(u(b1), u(b2), u(st.B(3)));
  // Punctuation between s0 and b0, and between s1 and s0.
  auto pc = [&](int a, int b) -> uint64_t {
    if (a == none || b == none || b <= a) return 99;
    int c = W.punct_before[b] - W.punct_before[a + 1];
    return c < 3 ? c : 3;
  };
  f.Add(pc(s0, b0), p(s0), p(b0));
  f.Add(pc(s1, s0), p(s1), p(s0));
  // What is left of the sentence after b0: verbs and punctuation ahead.
  {
    const int after = b0 == none ? n + 1 : b0 + 1;
    const int va = W.verbs_before[n + 1] - W.verbs_before[after];
    const int pa = W.punct_before[n + 1] - W.punct_before[after];
    const uint64_t v = va < 2 ? va : 2, q = pa < 2 ? pa : 2;
    f.Add(v, p(s0), p(b0));
    f.Add(q, p(s0), p(b0));
    f.Add(v, q, u(s1), u(s0));
    int vb =
        (s1 == none || s0 == none || s0 <= s1) ? 9 : W.verbs_before[s0] - W.verbs_before[s1 + 1];
    f.Add(vb < 2 ? vb : 2, p(s1), p(s0));
  }
  return f.n;
}

int LabelFeatures(const Words& W, const State& st, int h, int d, uint32_t* out) {
  Sink f{out};
  auto w = [&](int i) -> uint64_t { return W.form[i]; };
  auto p = [&](int i) -> uint64_t { return W.tag[i]; };
  auto l = [&](int i) -> uint64_t { return st.label[i]; };
  const uint64_t dir = h < d ? 1 : 2;
  const uint64_t dist = DistBucket(h, d, st.none);
  const int ld = st.lc1[d], ld2 = st.lc2[d], rd = st.rc1[d];
  const int hl = st.lc1[h], hr = st.rc1[h];
  const uint64_t lh = W.lemma[h];

  f.Add(w(d));
  f.Add(p(d));
  f.Add(w(d), p(d));
  f.Add(w(h));
  f.Add(p(h));
  f.Add(w(h), p(h));
  f.Add(p(d), p(h), dir);
  f.Add(w(d), p(h), dir);
  f.Add(p(d), w(h), dir);
  f.Add(w(d), w(h), dir);
  f.Add(p(d), p(h), dir, dist);
  f.Add(lh, p(d), dir);
  f.Add(lh, w(d));
  f.Add(st.lset[d], p(d));
  f.Add(st.rset[d], p(d));
  f.Add(st.lset[d], st.rset[d], p(d));
  f.Add(w(ld), p(d));
  f.Add(l(ld), p(d));
  f.Add(w(rd), p(d));
  f.Add(l(rd), p(d));
  f.Add(w(ld), p(d), p(h), dir);
  f.Add(l(ld), l(ld2), p(d));
  f.Add(w(ld), w(d));
  f.Add(w(ld), lh, dir);
  f.Add(st.lset[h], p(d), dir);
  f.Add(st.rset[h], p(d), dir);
  f.Add(st.lset[h], st.rset[h], p(d), p(h));
  f.Add(l(hl), l(hr), p(d), dir);
  f.Add(p(d - 1), p(d), p(h));
  f.Add(p(d + 1), p(d), p(h));
  f.Add(w(d - 1), p(d));
  f.Add(w(d + 1), p(d));
  f.Add(p(st.B(0)), p(d), p(h), dir);
  f.Add(p(st.S(1)), p(d), p(h), dir);
  f.Add(st.nl[d], st.nr[d], p(d));
  f.Add(p(d), p(h), dir, h == 0 ? 1 : 0);
  f.Add(W.upos[d], W.upos[h], dir);
  f.Add(W.suffix[d], p(h), dir);
  f.Add(W.suffix[d], W.upos[d]);
  f.Add(W.upos[d], w(h), dir);
  f.Add(W.lemma[d], lh);
  f.Add(W.lemma[d], p(h), dir);
  f.Add(W.suffix[h], p(d), dir);
  {
    const int lo = h < d ? h : d, hi = h < d ? d : h;
    int c = lo == 0 ? 0 : W.punct_before[hi] - W.punct_before[lo + 1];
    f.Add(c < 3 ? c : 3, p(d), p(h), dir);
  }
  f.Add(w(rd), l(rd), w(d));
  f.Add(l(ld), l(rd), p(d), p(h));
  return f.n;
}

uint16_t FloatToHalf(float value) {
  uint32_t x;
  std::memcpy(&x, &value, 4);
  uint32_t sign = (x >> 16) & 0x8000u;
  int32_t exp = static_cast<int32_t>((x >> 23) & 0xFF) - 127 + 15;
  uint32_t mant = x & 0x7FFFFFu;
  if (((x >> 23) & 0xFF) == 0xFF)
    return static_cast<uint16_t>(sign | 0x7C00u | (mant ? 0x200u : 0));
  if (exp >= 31) return static_cast<uint16_t>(sign | 0x7C00u);  // overflow -> inf
  if (exp <= 0) {
    if (exp < -10) return static_cast<uint16_t>(sign);
    mant |= 0x800000u;
    int shift = 14 - exp;
    uint32_t half = mant >> shift;
    uint32_t rem = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rem > mid || (rem == mid && (half & 1))) ++half;
    return static_cast<uint16_t>(sign | half);
  }
  uint32_t half = (static_cast<uint32_t>(exp) << 10) | (mant >> 13);
  uint32_t rem = mant & 0x1FFFu;
  if (rem > 0x1000u || (rem == 0x1000u && (half & 1))) ++half;  // may carry into exp
  return static_cast<uint16_t>(sign | half);
}

float HalfToFloat(uint16_t h) {
  uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
  uint32_t exp = (h >> 10) & 0x1F;
  uint32_t mant = h & 0x3FFu;
  uint32_t x;
  if (exp == 0) {
    if (mant == 0) {
      x = sign;
    } else {
      int e = -1;
      do {
        ++e;
        mant <<= 1;
      } while (!(mant & 0x400u));
      x = sign | static_cast<uint32_t>(127 - 15 - e) << 23 | (mant & 0x3FFu) << 13;
    }
  } else if (exp == 31) {
    x = sign | 0x7F800000u | mant << 13;
  } else {
    x = sign | (exp + 127 - 15) << 23 | mant << 13;
  }
  float f;
  std::memcpy(&f, &x, 4);
  return f;
}

namespace {
uint32_t TableSize(size_t entries) {
  uint32_t size = 16;
  while (size < entries * 2) size *= 2;
  return size;
}
}  // namespace

void* AllocateHuge(size_t bytes) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t align = bytes >= kHuge ? kHuge : 64;
  void* p = std::aligned_alloc(align, (bytes + align - 1) / align * align);
  if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= kHuge) madvise(p, (bytes + align - 1) / align * align, MADV_HUGEPAGE);
#endif
  return p;
}

namespace {
bool ExactHalf(float f, uint16_t* h) {
  *h = FloatToHalf(f);
  if ((*h & 0x7C00u) == 0x7C00u) return false;  // inf / NaN
  // Bit for bit (so -0.0 stays -0.0).
  const float back = HalfToFloatFast(*h);
  uint32_t a, b;
  std::memcpy(&a, &back, 4);
  std::memcpy(&b, &f, 4);
  return a == b;
}

// Fills lines for 2^bits lines; false if some key finds both its lines full
// or some weight is not an exact finite float16.
bool FillMoveLines(const std::vector<uint32_t>& keys, const std::vector<float>& weights,
                   uint32_t bits, std::vector<MoveLine, HugePageAllocator<MoveLine>>* lines) {
  const uint32_t mask = (1u << bits) - 1;
  MoveLine empty;
  for (int j = 0; j < 8; ++j) {
    empty.tag[j] = kEmptyTag;
    for (int m = 0; m < kNumMoves; ++m) empty.w[j][m] = 0;
  }
  lines->assign(size_t{1} << bits, empty);
  for (size_t i = 0; i < keys.size(); ++i) {
    const uint32_t key = keys[i], hi = key >> bits, home = key & mask;
    uint16_t w[kNumMoves];
    for (int m = 0; m < kNumMoves; ++m) {
      if (!ExactHalf(weights[i * kNumMoves + m], &w[m])) return false;
    }
    bool placed = false;
    for (uint32_t which = 0; which < 2 && !placed; ++which) {
      MoveLine& line = (*lines)[which == 0 ? home : home ^ AltOf(hi, bits)];
      for (int j = 0; j < 8; ++j) {
        if (line.tag[j] != kEmptyTag) continue;
        line.tag[j] = static_cast<uint16_t>(hi << 1 | which);
        for (int m = 0; m < kNumMoves; ++m) line.w[j][m] = w[m];
        placed = true;
        break;
      }
    }
    if (!placed) return false;
  }
  return true;
}

// Mask of the tags of `line` equal to `tag` (bit 2j for entry j).
inline uint32_t MatchTags(const MoveLine& line, uint16_t tag) {
#if defined(__SSE2__)
  __m128i tags = _mm_load_si128(reinterpret_cast<const __m128i*>(line.tag));
  return static_cast<uint32_t>(
      _mm_movemask_epi8(_mm_cmpeq_epi16(tags, _mm_set1_epi16(static_cast<short>(tag)))));
#else
  uint32_t m = 0;
  for (int j = 0; j < 8; ++j) m |= (line.tag[j] == tag ? 3u : 0u) << (2 * j);
  return m;
#endif
}
}  // namespace

void Model::BuildTables() {
  // Compact lines at a load <= 0.5 (one more bit if a key finds no room).
  move_lines.clear();
  move_table.clear();
  move_line_bits = 0;
  uint32_t bits = kMinMoveLineBits;
  while ((size_t{8} << bits) / 2 < move_keys.size()) ++bits;
  for (; bits <= 28; ++bits) {
    if (FillMoveLines(move_keys, move_weights, bits, &move_lines)) {
      move_line_bits = bits;
      break;
    }
    bool all_exact = true;
    for (float f : move_weights) {
      uint16_t h;
      all_exact = all_exact && ExactHalf(f, &h);
    }
    if (!all_exact) break;
  }
  if (move_line_bits == 0) {
    move_lines.clear();
    move_lines.shrink_to_fit();
  }
  move_line_mask = move_line_bits == 0 ? 0 : (1u << move_line_bits) - 1;
  uint32_t size = move_line_bits != 0 ? 1 : TableSize(move_keys.size());
  move_table.assign(size, MoveBucket{0, {0, 0, 0}});
  if (move_line_bits != 0) size = 0;
  move_mask = size - 1;
  for (size_t i = 0; size != 0 && i < move_keys.size(); ++i) {
    uint32_t s = SlotOf(move_keys[i]) & move_mask;
    while (move_table[s].key != 0) s = (s + 1) & move_mask;
    move_table[s].key = move_keys[i];
    for (int m = 0; m < kNumMoves; ++m) move_table[s].w[m] = move_weights[i * kNumMoves + m];
  }
  size = TableSize(label_keys.size());
  label_table.assign(size, LabelBucket{});
  label_mask = size - 1;
  label_stride = static_cast<uint32_t>((labels.size() + 7) / 8 * 8);
  label_dense.clear();
  label_sparse.clear();
  for (size_t i = 0; i < label_keys.size(); ++i) {
    uint32_t s = SlotOf(label_keys[i]) & label_mask;
    while (label_table[s].key != 0) s = (s + 1) & label_mask;
    const uint32_t begin = label_offsets[i], end = label_offsets[i + 1];
    LabelBucket& bucket = label_table[s];
    bucket.key = label_keys[i];
    if (end - begin >= kDenseMinLabels) {
      uint32_t row = static_cast<uint32_t>(label_dense.size() / label_stride);
      label_dense.resize(label_dense.size() + label_stride, 0.0f);
      float* dense = &label_dense[static_cast<size_t>(row) * label_stride];
      for (uint32_t k = begin; k < end; ++k) dense[label_weights[k].label] = label_weights[k].w;
      bucket.kind = LabelBucket::kDense;
      bucket.a = row;
    } else if (end - begin <= 2) {
      bucket.kind = end - begin == 1 ? LabelBucket::kOne : LabelBucket::kTwo;
      std::memcpy(&bucket.a, &label_weights[begin].w, 4);
      bucket.l0 = static_cast<uint8_t>(label_weights[begin].label);
      if (end - begin == 2) {
        std::memcpy(&bucket.b, &label_weights[begin + 1].w, 4);
        bucket.l1 = static_cast<uint8_t>(label_weights[begin + 1].label);
      }
    } else {
      bucket.kind = LabelBucket::kList;
      bucket.a = static_cast<uint32_t>(label_sparse.size());
      label_sparse.insert(label_sparse.end(), label_weights.begin() + begin,
                          label_weights.begin() + end);
      bucket.b = static_cast<uint32_t>(label_sparse.size());
    }
  }
}

void Model::ScoreMoves(const uint32_t* f, int nf, float* scores) const {
  if (move_line_bits != 0) {
    const uint32_t bits = move_line_bits, mask = move_line_mask;
    const MoveLine* lines = move_lines.data();
    // Prefetch kAhead features ahead of the probe (48-64 measured best:
    // prefetching all ~125 first stalls once the line fill buffers are full).
    constexpr int kAhead = 48;
    for (int i = 0; i < nf && i < kAhead; ++i) __builtin_prefetch(&lines[f[i] & mask]);
    float s0 = 0, s1 = 0, s2 = 0;
    for (int i = 0; i < nf; ++i) {
      if (i + kAhead < nf) __builtin_prefetch(&lines[f[i + kAhead] & mask]);
      const uint32_t hi = f[i] >> bits, home = f[i] & mask;
      const MoveLine* line = &lines[home];
      uint32_t m = MatchTags(*line, static_cast<uint16_t>(hi << 1));
      if (m == 0) {
        // Not at home: it can only be in the alternate line if home is full.
        if (MatchTags(*line, kEmptyTag) != 0) continue;
        line = &lines[home ^ AltOf(hi, bits)];
        m = MatchTags(*line, static_cast<uint16_t>(hi << 1 | 1));
        if (m == 0) continue;
      }
      const uint16_t* w = line->w[__builtin_ctz(m) >> 1];
      s0 += HalfToFloatFast(w[0]);
      s1 += HalfToFloatFast(w[1]);
      s2 += HalfToFloatFast(w[2]);
    }
    scores[0] = s0;
    scores[1] = s1;
    scores[2] = s2;
    return;
  }
  uint32_t slots[kMaxMoveFeatures];
  for (int i = 0; i < nf; ++i) {
    slots[i] = SlotOf(f[i]) & move_mask;
    __builtin_prefetch(&move_table[slots[i]]);
  }
  float s0 = 0, s1 = 0, s2 = 0;
  for (int i = 0; i < nf; ++i) {
    uint32_t s = slots[i];
    for (;;) {
      const MoveBucket& b = move_table[s];
      if (b.key == f[i]) {
        s0 += b.w[0];
        s1 += b.w[1];
        s2 += b.w[2];
        break;
      }
      if (b.key == 0) break;
      s = (s + 1) & move_mask;
    }
  }
  scores[0] = s0;
  scores[1] = s1;
  scores[2] = s2;
}

void Model::ScoreLabels(const uint32_t* f, int nf, float* __restrict scores) const {
  const uint32_t stride = label_stride;
  std::fill(scores, scores + stride, 0.0f);
  uint32_t slots[kMaxLabelFeatures];
  for (int i = 0; i < nf; ++i) {
    slots[i] = SlotOf(f[i]) & label_mask;
    __builtin_prefetch(&label_table[slots[i]]);
  }
  const float* __restrict dense = label_dense.data();
  const LabelWeight* __restrict sparse = label_sparse.data();
  // Probe every feature first and prefetch the weights of the hits, so the
  // row/list loads overlap; then add them up in feature order (the same
  // additions in the same order as one feature at a time).
  const LabelBucket* hits[kMaxLabelFeatures];
  int nh = 0;
  for (int i = 0; i < nf; ++i) {
    uint32_t s = slots[i];
    for (;;) {
      const LabelBucket& b = label_table[s];
      if (b.key == f[i]) {
        hits[nh++] = &b;
        if (b.kind == LabelBucket::kDense) {
          const float* row = dense + static_cast<size_t>(b.a) * stride;
          for (uint32_t k = 0; k < stride; k += 16) __builtin_prefetch(row + k);
          __builtin_prefetch(row + stride - 1);
        } else if (b.kind == LabelBucket::kList) {
          __builtin_prefetch(sparse + b.a);
          __builtin_prefetch(sparse + b.b - 1);
        }
        break;
      }
      if (b.key == 0) break;
      s = (s + 1) & label_mask;
    }
  }
  for (int i = 0; i < nh; ++i) {
    const LabelBucket& b = *hits[i];
    switch (b.kind) {
      case LabelBucket::kTwo: {
        float w0, w1;
        std::memcpy(&w0, &b.a, 4);
        std::memcpy(&w1, &b.b, 4);
        scores[b.l0] += w0;
        scores[b.l1] += w1;
        break;
      }
      case LabelBucket::kOne: {
        float w0;
        std::memcpy(&w0, &b.a, 4);
        scores[b.l0] += w0;
        break;
      }
      case LabelBucket::kList:
        for (uint32_t k = b.a; k < b.b; ++k) scores[sparse[k].label] += sparse[k].w;
        break;
      default: {
        const float* __restrict row = dense + static_cast<size_t>(b.a) * stride;
#if defined(__SSE2__)
        for (uint32_t k = 0; k < stride; k += 4) {
          _mm_storeu_ps(scores + k, _mm_add_ps(_mm_loadu_ps(scores + k), _mm_loadu_ps(row + k)));
        }
#else
        for (uint32_t k = 0; k < stride; ++k) scores[k] += row[k];
#endif
      }
    }
  }
}

int Model::BestLabel(const Words& w, const State& st, int h, int d, float* scratch) const {
  if (h == 0) return root_label;
  uint32_t feats[kMaxLabelFeatures];
  int nf = LabelFeatures(w, st, h, d, feats);
  ScoreLabels(feats, nf, scratch);
  int best = -1;
  for (int k = 0; k < static_cast<int>(labels.size()); ++k) {
    if (k == root_label) continue;
    if (best < 0 || scratch[k] > scratch[best]) best = k;
  }
  return best < 0 ? root_label : best;
}

void Model::ParseWords(const Words& w, State& st) const {
  st.Reset(w.n);
  uint32_t feats[kMaxMoveFeatures];
  float scores[kNumMoves];
  float label_scores[256];
  while (!st.Terminal()) {
    bool legal[kNumMoves];
    int num_legal = 0, best = -1;
    for (int m = 0; m < kNumMoves; ++m) {
      legal[m] = st.Legal(m);
      num_legal += legal[m];
      if (legal[m]) best = m;
    }
    // With one legal move (stack holding only the root, or an empty buffer)
    // scoring cannot change the decision: skip it.
    if (num_legal > 1) {
      int nf = MoveFeatures(w, st, feats);
      ScoreMoves(feats, nf, scores);
      best = -1;
      for (int m = 0; m < kNumMoves; ++m) {
        if (legal[m] && (best < 0 || scores[m] > scores[best])) best = m;
      }
    }
    int label = kNoLabel;
    if (best != kShift) {
      int h, d;
      st.ArcOf(best, &h, &d);
      label = BestLabel(w, st, h, d, label_scores);
    }
    st.Apply(best, label);
  }
}

}  // namespace parse_internal

using parse_internal::Model;

namespace {
constexpr std::string_view kParserMagic = "sitrep.parser";
// Bump whenever the section layout, the feature templates or their hashing
// change: keys of an older model would silently mean other features.
constexpr uint32_t kParserVersion = 3;
}  // namespace

Parser::Parser(std::unique_ptr<parse_internal::Model> model) : model_(std::move(model)) {
  // The bare temporal's label in this model's scheme (UD 2.13+: obl:unmarked).
  tmod_label_ = "obl:tmod";
  for (const std::string& l : model_->labels)
    if (l == "obl:unmarked") tmod_label_ = l;
}
Parser::~Parser() = default;

const std::vector<std::string>& Parser::labels() const { return model_->labels; }
size_t Parser::num_move_features() const { return model_->move_keys.size(); }
size_t Parser::num_label_features() const { return model_->label_keys.size(); }

std::string Parser::Serialize() const {
  const Model& m = *model_;
  ByteWriter w;
  w.String(kParserMagic);
  w.U32(kParserVersion);
  w.StringVector(m.labels);
  w.U32(static_cast<uint32_t>(m.root_label));
  w.PodVector(m.move_keys);
  std::vector<uint16_t> halves(m.move_weights.size());
  for (size_t i = 0; i < halves.size(); ++i)
    halves[i] = parse_internal::FloatToHalf(m.move_weights[i]);
  w.PodVector(halves);
  w.PodVector(m.label_keys);
  w.PodVector(m.label_offsets);
  std::vector<uint8_t> ids(m.label_weights.size());
  halves.resize(m.label_weights.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    ids[i] = static_cast<uint8_t>(m.label_weights[i].label);
    halves[i] = parse_internal::FloatToHalf(m.label_weights[i].w);
  }
  w.PodVector(ids);
  w.PodVector(halves);
  w.U64(Fnv1a64(w.bytes()));
  return w.Release();
}

StatusOr<std::unique_ptr<Parser>> Parser::Load(std::string_view section) {
  if (section.size() < 8) return DataLossError("parser section: truncated");
  uint64_t stored_sum;
  std::memcpy(&stored_sum, section.data() + section.size() - 8, 8);
  std::string_view body = section.substr(0, section.size() - 8);
  ByteReader r(body);
  std::string magic;
  if (!r.String(&magic).ok() || magic != kParserMagic) {
    return DataLossError("parser section: bad magic (not a parser model)");
  }
  uint32_t version = 0;
  SITREP_RETURN_IF_ERROR(r.U32(&version).WithContext("parser section"));
  if (version != kParserVersion) {
    return DataLossError("parser section: unknown version " + std::to_string(version));
  }
  if (Fnv1a64(body) != stored_sum) return DataLossError("parser section: checksum mismatch");
  auto m = std::make_unique<Model>();
  SITREP_RETURN_IF_ERROR(r.StringVector(&m->labels).WithContext("parser section"));
  uint32_t root = 0;
  SITREP_RETURN_IF_ERROR(r.U32(&root).WithContext("parser section"));
  if (m->labels.empty() || m->labels.size() > 250 || root >= m->labels.size() ||
      m->labels[root] != "root") {
    return DataLossError("parser section: bad label set");
  }
  m->root_label = static_cast<int>(root);
  for (size_t i = 0; i < m->labels.size(); ++i) {
    if (m->labels[i] == "punct") m->punct_label = static_cast<int>(i);
  }
  std::vector<uint16_t> halves;
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->move_keys).WithContext("parser section"));
  SITREP_RETURN_IF_ERROR(r.PodVector(&halves).WithContext("parser section"));
  if (halves.size() != m->move_keys.size() * parse_internal::kNumMoves) {
    return DataLossError("parser section: move weight count mismatch");
  }
  for (size_t i = 0; i < m->move_keys.size(); ++i) {
    if (m->move_keys[i] == 0 || (i > 0 && m->move_keys[i] <= m->move_keys[i - 1])) {
      return DataLossError("parser section: move keys not sorted");
    }
  }
  m->move_weights.resize(halves.size());
  for (size_t i = 0; i < halves.size(); ++i)
    m->move_weights[i] = parse_internal::HalfToFloat(halves[i]);
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->label_keys).WithContext("parser section"));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->label_offsets).WithContext("parser section"));
  std::vector<uint8_t> ids;
  SITREP_RETURN_IF_ERROR(r.PodVector(&ids).WithContext("parser section"));
  SITREP_RETURN_IF_ERROR(r.PodVector(&halves).WithContext("parser section"));
  if (!r.done()) return DataLossError("parser section: trailing bytes");
  if (ids.size() != halves.size() || m->label_offsets.size() != m->label_keys.size() + 1 ||
      m->label_offsets.front() != 0 || m->label_offsets.back() != ids.size()) {
    return DataLossError("parser section: label weight layout mismatch");
  }
  for (size_t i = 0; i < m->label_keys.size(); ++i) {
    if (m->label_keys[i] == 0 || (i > 0 && m->label_keys[i] <= m->label_keys[i - 1]) ||
        m->label_offsets[i + 1] < m->label_offsets[i]) {
      return DataLossError("parser section: label keys not sorted");
    }
  }
  m->label_weights.resize(ids.size());
  for (size_t i = 0; i < ids.size(); ++i) {
    if (ids[i] >= m->labels.size()) return DataLossError("parser section: label id out of range");
    m->label_weights[i] = {parse_internal::HalfToFloat(halves[i]), ids[i]};
  }
  m->BuildTables();
  return std::make_unique<Parser>(std::move(m));
}

void RepairWeekdayAttachments(Document& doc, const Sentence& s, std::string_view tmod) {
  const int n = static_cast<int>(s.token_end - s.token_begin);
  auto tok = [&](int i) -> Token& { return doc.tokens[s.token_begin + i - 1]; };
  // The nearest verb above token i (0 if none): where a temporal belongs.
  auto verb_above = [&](int i) {
    for (int h = tok(i).head, guard = 0; h > 0 && guard < n; h = tok(h).head, ++guard)
      if (tok(h).upos == Upos::kVerb) return h;
    return 0;
  };
  for (int w = 2; w <= n; ++w) {
    if (WeekdayIndex(doc.Form(tok(w))) < 0) continue;
    const int p = w - 1;
    Token& pt = tok(p);
    if (pt.upos != Upos::kPropn) continue;
    Token& wt = tok(w);
    if (pt.head == w && pt.deprel == "compound") {
      // "captured Baidoa(compound) Tuesday(obl)": the name takes the
      // weekday's place in the tree, the weekday becomes its clause's temporal.
      const int head = wt.head;
      std::string rel = wt.deprel;
      if (rel.starts_with("obl") || rel == "nmod:tmod" || rel == "nmod:unmarked") {
        bool has_obj = false;
        for (int k = 1; k <= n; ++k)
          has_obj |= k != w && tok(k).head == head && tok(k).deprel == "obj";
        rel = head > 0 && tok(head).upos == Upos::kVerb && !has_obj ? "obj" : "obl";
      }
      for (int k = 1; k <= n; ++k)
        if (k != p && tok(k).head == w) tok(k).head = p;
      pt.head = head;
      pt.deprel = rel;
      const int v = verb_above(p);
      wt.head = v;
      wt.deprel = v > 0 ? std::string(tmod) : "dep";
      if (v == 0 && head == 0) {  // the weekday was the root: the name is now
        wt.head = p;
        wt.deprel = std::string(tmod);
      }
    } else if (wt.head == p && (wt.deprel == "flat" || wt.deprel == "compound")) {
      // "the town of Huddur Tuesday(flat)": no part of the name.
      const int v = verb_above(p);
      if (v == 0) continue;
      wt.head = v;
      wt.deprel = std::string(tmod);
    }
  }
}

void RepairTrailingSource(Document& doc, const Sentence& s) {
  const int n = static_cast<int>(s.token_end - s.token_begin);
  auto tok = [&](int i) -> Token& { return doc.tokens[s.token_begin + i - 1]; };
  const int last = n;  // a headline: no final full stop
  int dash = 0;
  bool colon = false;
  for (int i = last; i >= 2 && i >= last - 5; --i) {
    std::string_view f = doc.Form(tok(i));
    colon = f == ":";
    if (colon || IsDashWord(f)) {
      dash = i;
      break;
    }
  }
  if (dash < 3 || dash == last) return;
  // A dash between spaces (not "al-Qaeda"); after a colon, a name or two
  // or three words with no preposition ("...: MoI", "...: security sources").
  if (!colon && (!tok(dash - 1).space_after || !tok(dash).space_after)) return;
  if (colon && last - dash > 3) return;
  for (int i = dash + 1; colon && i <= last; ++i) {
    if (tok(i).upos == Upos::kAdp || tok(i).upos == Upos::kNum) return;
  }
  int root = 0, top = 0;
  for (int i = 1; i <= n; ++i) {
    if (tok(i).head == 0) root = i;
  }
  for (int i = dash + 1; i <= last; ++i) {
    const Token& t = tok(i);
    if (t.upos == Upos::kVerb || t.upos == Upos::kAux || t.upos == Upos::kPron) return;
    if (t.head > 0 && (t.head <= dash || t.head > last)) {
      if (top != 0) return;  // the tail is no one phrase
      top = i;
    }
  }
  if (top == 0 || root == 0 || root > dash || tok(top).upos == Upos::kPunct) return;
  if (tok(top).upos != Upos::kNoun && tok(top).upos != Upos::kPropn) return;
  if (tok(root).upos != Upos::kVerb) return;  // a clause, not a label ("Job Title: Attorney")
  // No preposition before the separator governs the tail ("Sent by: X").
  for (int i = 1; i < dash; ++i) {
    if (tok(i).head > dash && tok(i).upos == Upos::kAdp) return;
  }
  // Words before the separator hung from the tail go back to the clause
  // ("killed in Donbass(obl of newspaper) - newspaper").
  const int old_head = tok(top).head;
  for (int i = 1; i < dash; ++i) {
    if (tok(i).head > dash) tok(i).head = old_head;
  }
  tok(top).head = root;
  tok(top).deprel = "parataxis";
  tok(dash).head = top;
  tok(dash).deprel = "punct";
}

void RepairNumberBeforePreposition(Document& doc, const Sentence& s) {
  const int n = static_cast<int>(s.token_end - s.token_begin);
  auto tok = [&](int i) -> Token& { return doc.tokens[s.token_begin + i - 1]; };
  for (int i = 1; i + 2 <= n; ++i) {
    Token& num = tok(i);
    if (num.upos != Upos::kNum || num.deprel != "nummod" || num.head <= i + 1) continue;
    const int h = num.head;
    // A preposition of the noun between the figure and the noun.
    bool across = false;
    for (int k = i + 1; k < h; ++k) {
      across |= tok(k).upos == Upos::kAdp && tok(k).head == h && tok(k).deprel == "case";
    }
    const int v = tok(h).head;
    if (!across || v <= 0 || v >= i || tok(v).upos != Upos::kVerb) continue;
    if (tok(h).deprel != "obj" && !tok(h).deprel.starts_with("obl")) continue;
    bool has_obj = false;
    for (int k = 1; k <= n; ++k) has_obj |= k != h && tok(k).head == v && tok(k).deprel == "obj";
    if (has_obj) continue;
    num.head = v;
    num.deprel = "obj";
    if (tok(h).deprel == "obj") tok(h).deprel = "obl";
  }
}

namespace {

bool IsReportingLemma(std::string_view l) {
  return l == "say" || l == "tell" || l == "report" || l == "add" || l == "state" ||
         l == "announce" || l == "confirm" || l == "claim";
}

}  // namespace

void RepairReportedParticiple(Document& doc, const Sentence& s) {
  const int n = static_cast<int>(s.token_end - s.token_begin);
  auto tok = [&](int i) -> Token& { return doc.tokens[s.token_begin + i - 1]; };
  for (int i = 3; i < n; ++i) {
    Token& part = tok(i);
    if (part.xpos != "VBG" || part.deprel != "advcl" || doc.Form(tok(i - 1)) != ",") continue;
    const int h = part.head;
    if (h <= i + 1 || h > n || !IsReportingLemma(tok(h).lemma)) continue;
    // The reported clause: the speech verb's last ccomp before the participle.
    int clause = 0;
    bool has_subject = false;
    for (int k = 1; k <= n; ++k) {
      if (tok(k).head != h) continue;
      if (tok(k).deprel == "ccomp" && k < i - 1 && tok(k).upos == Upos::kVerb) clause = k;
      has_subject |= tok(k).deprel.starts_with("nsubj");
    }
    if (clause == 0) continue;
    part.head = clause;
    if (has_subject) continue;
    // The speaker: the phrase between the last comma and the speech verb,
    // hung by the parser inside the participle's clause.
    int comma = 0;
    for (int k = h - 1; k > i; --k) {
      if (doc.Form(tok(k)) == ",") {
        comma = k;
        break;
      }
    }
    if (comma == 0 || comma + 1 >= h) continue;
    // Its head is the first word hung outside it; later ones ("in Nairobi"
    // hung on the victims) join the speaker's phrase.
    int top = 0;
    std::vector<int> rest;
    for (int k = comma + 1; k < h; ++k) {
      const int kh = tok(k).head;
      if (kh > comma && kh < h) continue;
      if (top == 0) {
        top = k;
      } else {
        rest.push_back(k);
      }
    }
    if (top == 0) continue;
    Token& speaker = tok(top);
    if (speaker.upos != Upos::kNoun && speaker.upos != Upos::kPropn && speaker.upos != Upos::kPron)
      continue;
    const int old_head = speaker.head;
    if (old_head == h || old_head <= 0) continue;
    // Words before the comma that hung on the speaker go back to its old
    // head: "arresting 12(nummod of sources), security sources said".
    for (int k = 1; k < comma; ++k) {
      Token& w = tok(k);
      if (w.head != top) continue;
      w.head = old_head;
      if (w.deprel == "nummod" && tok(old_head).upos == Upos::kVerb) w.deprel = "obj";
    }
    speaker.head = h;
    speaker.deprel = "nsubj";
    for (int k : rest) tok(k).head = top;
  }
}

void ApplyPostRules(Document& doc, const Sentence& s, std::string_view tmod) {
  RepairWeekdayAttachments(doc, s, tmod);
  RepairTrailingSource(doc, s);
  RepairNumberBeforePreposition(doc, s);
  RepairReportedParticiple(doc, s);
}

void Parser::Parse(Document& doc, const Sentence& s) const {
  if (s.token_end <= s.token_begin || s.token_end > doc.tokens.size()) return;
  thread_local parse_internal::Words words;
  thread_local parse_internal::State state;
  const int n = static_cast<int>(s.token_end - s.token_begin);
  words.Resize(n);
  for (int i = 1; i <= n; ++i) {
    const Token& t = doc.tokens[s.token_begin + i - 1];
    words.Set(i, doc.Form(t), t.upos, t.xpos, t.lemma);
  }
  words.Finish();
  model_->ParseWords(words, state);
  for (int i = 1; i <= n; ++i) {
    Token& t = doc.tokens[s.token_begin + i - 1];
    t.head = state.head[i];
    int label = state.label[i];
    t.deprel = label < static_cast<int>(model_->labels.size()) ? model_->labels[label] : "dep";
  }
  ApplyPostRules(doc, s, tmod_label_);
}

namespace {
std::string_view Universal(std::string_view label) {
  size_t colon = label.find(':');
  return colon == std::string_view::npos ? label : label.substr(0, colon);
}
}  // namespace

ParserScores EvaluateParser(const Parser& p, const std::vector<ConlluSentence>& input,
                            const std::vector<ConlluSentence>& gold) {
  ParserScores scores;
  Document doc = DocumentFromConllu(input, /*keep_annotation=*/true);
  size_t parsed_tokens = 0;
  // CPU time of this thread, so that other processes on the machine do not
  // distort the speed figure.
  auto cpu_now = [] {
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
  };
  const double start = cpu_now();
  for (const Sentence& s : doc.sentences) {
    p.Parse(doc, s);
    parsed_tokens += s.size();
  }
  const double seconds = cpu_now() - start;
  size_t uas = 0, las = 0, las_u = 0, lab = 0, words = 0;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i].words;
    words += g.size();
    if (i >= doc.sentences.size() || doc.sentences[i].size() != g.size()) continue;
    const Sentence& s = doc.sentences[i];
    for (size_t j = 0; j < g.size(); ++j) {
      const Token& t = doc.tokens[s.token_begin + j];
      bool head_ok = t.head == g[j].head;
      bool full_ok = t.deprel == g[j].deprel;
      bool univ_ok = Universal(t.deprel) == Universal(g[j].deprel);
      uas += head_ok;
      las += head_ok && full_ok;
      las_u += head_ok && univ_ok;
      lab += full_ok;
    }
  }
  scores.words = words;
  if (words > 0) {
    scores.uas = 100.0 * uas / words;
    scores.las = 100.0 * las / words;
    scores.las_universal = 100.0 * las_u / words;
    scores.label_acc = 100.0 * lab / words;
  }
  scores.tokens_per_second = seconds > 0 ? parsed_tokens / seconds : 0;
  return scores;
}

}  // namespace sitrep

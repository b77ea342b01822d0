#include "tag/tagger.h"

#include <algorithm>
#include <cstring>
#include <limits>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/binary_io.h"
#include "tag/tagger_model.h"

namespace sitrep {
namespace tag_internal {
namespace {

constexpr uint64_t kLowerSeed = 0x1002;
constexpr uint64_t kBosHash = 0xb05b05b05ULL;
constexpr uint64_t kEosHash = 0xe05e05e05ULL;

enum FlagBits : uint64_t {
  kHasDigit = 1,
  kHasHyphen = 2,
  kHasUpper = 4,
  kAllUpper = 8,
  kInitCap = 16,
  kHasPeriod = 32,
  kNonAscii = 64,
  kNoLetter = 128,
};

}  // namespace

WordInfo BosInfo() {
  WordInfo w;
  w.form = w.lower = w.shape = w.amb = w.flags = kBosHash;
  for (auto& p : w.pre) p = kBosHash;
  for (auto& s : w.suf) s = kBosHash;
  return w;
}

WordInfo EosInfo() {
  WordInfo w;
  w.form = w.lower = w.shape = w.amb = w.flags = kEosHash;
  for (auto& p : w.pre) p = kEosHash;
  for (auto& s : w.suf) s = kEosHash;
  return w;
}

bool TaggerModel::HasClass(const DictEntry& e, int cls) const {
  for (uint32_t c = 0; c < e.cand_count; ++c)
    if (dict_cands[e.cand_begin + c] == cls) return true;
  return false;
}

uint8_t TaggerModel::NpStart(const DictEntry& e) const {
  uint8_t any = 0;
  for (uint32_t c = 0; c < e.cand_count; ++c) {
    const uint8_t k = class_np[dict_cands[e.cand_begin + c]];
    if (k == 2) return 0;
    any |= k;
  }
  return any;
}

bool TaggerModel::IsDeterminer(const WordInfo& info) const {
  // "that" opens clauses more often than noun phrases.
  if (info.lex < 0 || info.clause_opener) return false;
  const DictEntry& e = dict[static_cast<size_t>(info.lex)];
  for (uint32_t c = 0; c < e.cand_count; ++c)
    if (class_determiner[dict_cands[e.cand_begin + c]]) return true;
  return false;
}

void TaggerModel::Describe(std::string_view word, WordInfo* info) const {
  const size_t n = word.size();
  info->form = HashBytes(word, kFormSeed);
  info->lower = HashLower(word, 0, n, kLowerSeed);
  for (size_t k = 1; k <= 4; ++k) info->suf[k - 1] = HashLower(word, n - std::min(k, n), n, 20 + k);
  for (size_t k = 1; k <= 3; ++k) info->pre[k - 1] = HashLower(word, 0, std::min(k, n), 30 + k);

  // Shape: "Al-Zaman" => "Xx-Xx", "1,000" => "d,d", "U.S." => "X.X.".
  uint64_t shape = 1469598103934665603ULL;
  unsigned char last = 0;
  uint64_t flags = 0;
  bool has_lower = false, has_letter = false;
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = static_cast<unsigned char>(word[i]);
    unsigned char s;
    if (c >= 'A' && c <= 'Z') {
      s = 'X';
      flags |= kHasUpper;
      has_letter = true;
      if (i == 0) flags |= kInitCap;
    } else if (c >= 'a' && c <= 'z') {
      s = 'x';
      has_lower = has_letter = true;
    } else if (c >= '0' && c <= '9') {
      s = 'd';
      flags |= kHasDigit;
    } else if (c >= 0x80) {
      flags |= kNonAscii;
      has_letter = true;
      if (c < 0xC0) continue;  // continuation byte
      s = 'u';
    } else {
      s = c;
      if (c == '-') flags |= kHasHyphen;
      if (c == '.') flags |= kHasPeriod;
    }
    if (s == last) continue;
    last = s;
    shape ^= s;
    shape *= 1099511628211ULL;
  }
  if ((flags & kHasUpper) && !has_lower) flags |= kAllUpper;
  if (!has_letter) flags |= kNoLetter;
  info->shape = Mix64(shape);
  info->flags = flags | (std::min<uint64_t>(n, 12) << 8);

  static const uint64_t kOpeners[] = {
      HashBytes("when", kLowerSeed),     HashBytes("as", kLowerSeed),
      HashBytes("after", kLowerSeed),    HashBytes("before", kLowerSeed),
      HashBytes("because", kLowerSeed),  HashBytes("while", kLowerSeed),
      HashBytes("since", kLowerSeed),    HashBytes("until", kLowerSeed),
      HashBytes("although", kLowerSeed), HashBytes("though", kLowerSeed),
      HashBytes("once", kLowerSeed),     HashBytes("if", kLowerSeed),
      HashBytes("that", kLowerSeed)};
  static const uint64_t kAnd = HashBytes("and", kLowerSeed);
  static const uint64_t kBut = HashBytes("but", kLowerSeed);
  info->clause_opener = 0;
  for (uint64_t h : kOpeners) info->clause_opener |= info->lower == h ? 1 : 0;
  info->coord = info->lower == kAnd || info->lower == kBut ? 1 : 0;
  // Unknown words are mostly nouns, adjectives and names; numbers too.
  info->np_start = (flags & kNoLetter) ? ((flags & kHasDigit) ? 1 : 0) : 1;

  info->dict = -1;
  info->lex = -1;
  info->noun_by_plural = 0;
  info->noun_by_lower = 0;
  info->news_past = 0;
  info->plural_noun = 0;
  info->verb_by_stem = 0;
  info->verb_by_past = 0;
  info->news_noun = 0;  // MarkNewsNouns() sets them when the coder's nouns are there
  info->news_compound = 0;
  // News prepositions the web treebank lacks (Best() gives them IN).
  static const uint64_t kAmid = HashBytes("amid", kLowerSeed);
  static const uint64_t kAmidst = HashBytes("amidst", kLowerSeed);
  info->news_preposition = info->lower == kAmid || info->lower == kAmidst ? 1 : 0;
  info->amb = kUnknownAmb;
  if (const uint32_t* idx = dict_index.Find(info->form)) {
    info->dict = static_cast<int32_t>(*idx);
    info->lex = info->dict;
    if (dict[*idx].amb) info->amb = dict[*idx].amb;
    info->np_start = NpStart(dict[*idx]);
  } else {
    // "Killed" at the start of a sentence: the ambiguity class of "killed".
    const uint32_t* lower_idx =
        (flags & kHasUpper) ? dict_index.Find(HashLower(word, 0, n, kFormSeed)) : nullptr;
    if (lower_idx) info->lex = static_cast<int32_t>(*lower_idx);
    if (lower_idx) info->np_start = NpStart(dict[*lower_idx]);
    size_t prefix_len = 0;
    const int32_t prefixed = lower_idx ? -1 : PrefixedPastVerb(word, &prefix_len);
    if (prefixed >= 0) {
      info->lex = prefixed;
      info->np_start = NpStart(dict[static_cast<size_t>(prefixed)]);
    }
    if (lower_idx && dict[*lower_idx].amb) {
      info->amb = dict[*lower_idx].amb;
    } else if (prefixed >= 0 && dict[static_cast<size_t>(prefixed)].amb) {
      info->amb = dict[static_cast<size_t>(prefixed)].amb;
    } else if (unknown_as_unk) {
      // A word rare in training: its identity features would have no weight,
      // so it is given those of the trainer's rare words.
      info->form = info->lower = kUnkHash;
    }
  }
}

const DictEntry* TaggerModel::LowerFormWith(std::string_view stem, std::string_view suffix) const {
  std::string form(stem);
  for (char& c : form) c = static_cast<char>(AsciiLower(static_cast<unsigned char>(c)));
  form.append(suffix);
  const uint32_t* idx = dict_index.Find(HashBytes(form, kFormSeed));
  return idx != nullptr ? &dict[*idx] : nullptr;
}

int32_t TaggerModel::PrefixedPastVerb(std::string_view word, size_t* prefix_len) const {
  if (word.size() < 6 || vbd_class < 0 || vbn_class < 0) return -1;
  for (char c : word)
    if (c < 'a' || c > 'z') return -1;
  static constexpr std::string_view kPrefixes[] = {"re",   "over", "under", "out",
                                                   "with", "mis",  "up"};
  for (std::string_view p : kPrefixes) {
    if (word.size() < p.size() + 3 || word.substr(0, p.size()) != p) continue;
    const uint32_t* idx = dict_index.Find(HashBytes(word.substr(p.size()), kFormSeed));
    if (idx == nullptr) continue;
    const DictEntry& e = dict[*idx];
    bool verbs_only = e.cand_count > 0;
    for (uint32_t k = 0; k < e.cand_count; ++k)
      verbs_only = verbs_only && class_verbal[dict_cands[e.cand_begin + k]] != 0;
    if (!verbs_only || (!HasClass(e, vbd_class) && !HasClass(e, vbn_class))) continue;
    *prefix_len = p.size();
    return static_cast<int32_t>(*idx);
  }
  return -1;
}

void TaggerModel::MarkNounByPlural(std::string_view word, WordInfo* info) const {
  if (info->lex < 0 || jj_class < 0 || nns_class < 0 || nn_class < 0) return;
  const DictEntry& e = dict[static_cast<size_t>(info->lex)];
  if (!HasClass(e, jj_class) || HasClass(e, nn_class)) return;
  const DictEntry* plural = LowerFormWith(word, "s");
  info->noun_by_plural = plural != nullptr && HasClass(*plural, nns_class) ? 1 : 0;
}

void TaggerModel::MarkByLower(std::string_view word, WordInfo* info) const {
  info->noun_by_lower = info->number_by_lower = 0;
  if (word.empty() || word[0] < 'A' || word[0] > 'Z') return;
  const uint32_t* lower = dict_index.Find(HashLower(word, 0, word.size(), kFormSeed));
  if (lower == nullptr) return;
  info->noun_by_lower = nn_class >= 0 && HasClass(dict[*lower], nn_class) ? 1 : 0;
  info->number_by_lower = cd_class >= 0 && HasClass(dict[*lower], cd_class) ? 1 : 0;
}

bool TaggerModel::TitleWordReadsAsLower(std::string_view word, const WordInfo& info) const {
  if ((info.flags & kInitCap) == 0 || (info.flags & (kAllUpper | kHasDigit | kNonAscii)) != 0)
    return false;
  const uint32_t* lower = dict_index.Find(HashLower(word, 0, word.size(), kFormSeed));
  if (lower == nullptr) return false;
  const DictEntry& low = dict[*lower];
  bool closed = false;
  for (uint32_t k = 0; k < low.cand_count; ++k)
    closed = closed || class_closed[dict_cands[low.cand_begin + k]] != 0;
  if (!closed) return false;
  if (info.dict < 0) return true;
  const DictEntry& e = dict[static_cast<size_t>(info.dict)];
  return !HasClass(e, nnp_class) && !HasClass(e, nnps_class);
}

bool TaggerModel::EndsInIng(const WordInfo& info) {
  static const uint64_t kIng = HashLower("ing", 0, 3, 23);  // WordInfo::suf[2]'s seed
  return info.suf[2] == kIng;
}

void TaggerModel::MarkVerbByStem(std::string_view word, WordInfo* info) const {
  info->verb_by_stem = 0;
  if (word.size() < 4 || (word.back() != 's' && word.back() != 'S') || vb_class < 0) return;
  const std::string_view stem = word.substr(0, word.size() - 1);
  auto has = [&](std::string_view suffix, std::initializer_list<int> classes) {
    const DictEntry* e = LowerFormWith(stem, suffix);
    if (e == nullptr) return false;
    for (int c : classes)
      if (c >= 0 && HasClass(*e, c)) return true;
    return false;
  };
  // The base ("attacks": "attack" as VB) or the participle, also as an
  // adjective ("wounds": "wounded", "injures": "injured").
  const bool e_stem = stem.back() == 'e' || stem.back() == 'E';
  info->verb_by_stem = has("", {vb_class, vbp_class}) ||
                       has("ed", {vbd_class, vbn_class, jj_class}) ||
                       (e_stem && has("d", {vbd_class, vbn_class, jj_class}));
}

void TaggerModel::MarkAcronyms(WordInfo* infos, size_t n) const {
  if (nnp_class < 0) return;
  // Names in news spelt like English function words: the Islamic State, the
  // World Health Organization. Web text's emphasis ("they ARE organised",
  // "has NO flavor") uses the others, so only these are read as names.
  static const uint64_t kNames[] = {HashBytes("IS", kFormSeed), HashBytes("WHO", kFormSeed)};
  auto upper_word = [&](size_t j) {
    const uint64_t f = infos[j].flags;
    return (f & kAllUpper) != 0 && (f & kNoLetter) == 0 && (f >> 8) > 1;
  };
  // Whether some reading of word j is a function word ("there": EX).
  auto function_reading = [&](size_t j) {
    if (infos[j].lex < 0) return false;
    const DictEntry& e = dict[static_cast<size_t>(infos[j].lex)];
    for (uint32_t k = 0; k < e.cand_count; ++k) {
      const uint8_t c = dict_cands[e.cand_begin + k];
      const Upos u = class_upos[c];
      if (class_closed[c] || u == Upos::kAux || u == Upos::kPron || u == Upos::kDet ||
          u == Upos::kAdp || u == Upos::kCconj || u == Upos::kSconj || u == Upos::kPart)
        return true;
    }
    return false;
  };
  for (size_t i = 0; i < n; ++i) {
    infos[i].acronym = 0;
    if (infos[i].sentence_case == 2 || !upper_word(i)) continue;
    if (std::find(std::begin(kNames), std::end(kNames), infos[i].form) == std::end(kNames))
      continue;
    if ((i > 0 && upper_word(i - 1)) || (i + 1 < n && upper_word(i + 1))) continue;
    if (i == 0 && n > 1 && function_reading(1)) continue;
    infos[i].acronym = 1;
    infos[i].np_start = 1;
  }
}

void TaggerModel::MarkNewsVerb(std::string_view word, WordInfo* info) const {
  info->news_verb = 0;
  if (news_verbs.size() == 0 || word.size() < 3) return;
  auto known = [&](size_t len) {
    return news_verbs.Find(HashLower(word, 0, len, kFormSeed)) != nullptr;
  };
  const size_t n = word.size();
  const char last = static_cast<char>(AsciiLower(static_cast<unsigned char>(word[n - 1])));
  const char before = static_cast<char>(AsciiLower(static_cast<unsigned char>(word[n - 2])));
  if (known(n))
    info->news_verb = 1;
  else if (last == 's' && (known(n - 1) || (before == 'e' && known(n - 2))))
    info->news_verb = 2;
}

void TaggerModel::MarkNewsNouns(const std::vector<std::string_view>& words, WordInfo* infos) const {
  uint64_t prev = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const uint64_t h = HashLower(words[i], 0, words[i].size(), kLowerSeed);
    const uint32_t* one = news_nouns.Find(h);
    const uint32_t* two = i > 0 ? news_compounds.Find(CompoundKey(prev, h)) : nullptr;
    infos[i].news_noun = one != nullptr ? static_cast<uint8_t>(*one) : 0;
    infos[i].news_compound = two != nullptr ? static_cast<uint8_t>(*two) : 0;
    prev = h;
  }
}

void TaggerModel::MarkPluralNoun(std::string_view word, WordInfo* info) const {
  info->plural_noun = 0;
  const size_t n = word.size();
  if (nns_class < 0 || nn_class < 0 || n < 4 ||
      AsciiLower(static_cast<unsigned char>(word[n - 1])) != 's')
    return;
  if (info->lex >= 0 && HasClass(dict[static_cast<size_t>(info->lex)], nns_class)) {
    info->plural_noun = 1;
    return;
  }
  // "strikes", "rockets": the singular was seen as a noun (hashed in place:
  // this runs for every word in -s).
  const uint32_t* one = dict_index.Find(HashLower(word, 0, n - 1, kFormSeed));
  info->plural_noun = one != nullptr && HasClass(dict[*one], nn_class) ? 1 : 0;
}

void TaggerModel::MarkNewsPast(std::string_view word, WordInfo* info) const {
  info->news_past = 0;
  const size_t n = word.size();
  if (news_verbs.size() == 0 || n < 5 ||
      AsciiLower(static_cast<unsigned char>(word[n - 1])) != 'd' ||
      AsciiLower(static_cast<unsigned char>(word[n - 2])) != 'e')
    return;
  auto known = [&](size_t len) {
    return news_verbs.Find(HashLower(word, 0, len, kFormSeed)) != nullptr;
  };
  info->news_past = known(n - 2) || known(n - 1) ? 1 : 0;  // "wound-ed", "injure-d"
}

void TaggerModel::MarkVerbByPast(std::string_view word, WordInfo* info) const {
  info->verb_by_past = 0;
  if (info->lex < 0 || word.size() < 3 || vbd_class < 0 || vbn_class < 0 || vb_class < 0) return;
  const DictEntry& e = dict[static_cast<size_t>(info->lex)];
  if (!HasClass(e, nn_class) || HasClass(e, vb_class) || HasClass(e, vbp_class)) return;
  auto past = [&](std::string_view suffix) {
    const DictEntry* p = LowerFormWith(word, suffix);
    return p != nullptr && (HasClass(*p, vbd_class) || HasClass(*p, vbn_class));
  };
  const char last = static_cast<char>(word.back() | 0x20);
  const char doubled[3] = {last, 'e', 'd'};  // "gun" -> "gunned"
  info->verb_by_past = past("ed") || (last == 'e' && past("d")) ||
                       (last != 'e' && past(std::string_view(doubled, 3)));
}

void MarkSentenceCase(WordInfo* infos, size_t n) {
  size_t alpha = 0, cap = 0, upper = 0;
  for (size_t i = 0; i < n; ++i) {
    const uint64_t f = infos[i].flags;
    if (f & kNoLetter) continue;
    ++alpha;
    if (f & kInitCap) ++cap;
    if ((f & kAllUpper) && (f >> 8) > 1) ++upper;
  }
  uint32_t mode = 0;
  if (alpha >= 3) {
    if (upper * 2 >= alpha)
      mode = 2;
    else if (cap * 5 >= alpha * 3)
      mode = 1;
    else if (cap == 0)
      mode = 3;
  }
  for (size_t i = 0; i < n; ++i) infos[i].sentence_case = mode;
}

int StaticFeatures(const WordInfo* w, uint64_t* out) {
  const WordInfo& w0 = w[0];
  int n = 0;
  out[n++] = Feat(1, 0);
  out[n++] = Feat(2, w0.form);
  out[n++] = Feat(3, w0.lower);
  out[n++] = Feat(4, w0.suf[0]);
  out[n++] = Feat(5, w0.suf[1]);
  out[n++] = Feat(6, w0.suf[2]);
  out[n++] = Feat(7, w0.suf[3]);
  out[n++] = Feat(8, w0.pre[0]);
  out[n++] = Feat(9, w0.pre[1]);
  out[n++] = Feat(10, w0.pre[2]);
  out[n++] = Feat(11, w0.shape);
  out[n++] = Feat(12, w0.flags);
  out[n++] = Feat(13, w0.flags & 0x1f);
  out[n++] = Feat(14, w[-1].lower);
  out[n++] = Feat(15, w[-2].lower);
  out[n++] = Feat(16, w[1].lower);
  out[n++] = Feat(17, w[2].lower);
  out[n++] = Feat(18, w[-1].suf[2]);
  out[n++] = Feat(19, w[1].suf[2]);
  out[n++] = Feat(20, w[-1].lower, w0.lower);
  out[n++] = Feat(21, w0.lower, w[1].lower);
  out[n++] = Feat(22, w0.amb);
  out[n++] = Feat(23, w[1].amb);
  out[n++] = Feat(24, w[2].amb);
  out[n++] = Feat(25, w0.amb, w[1].amb);
  out[n++] = Feat(26, w[-1].shape);
  out[n++] = Feat(27, w[1].shape);
  out[n++] = Feat(28, w[-1].lower, w0.shape);
  out[n++] = Feat(29, w[1].lower, w0.suf[2]);
  out[n++] = Feat(30, w[-1].amb);
  return n;
}

int DynamicFeatures(const WordInfo* w, uint8_t p1, uint8_t p2, uint64_t* out) {
  const WordInfo& w0 = w[0];
  int n = 0;
  out[n++] = Feat(101, p1);
  out[n++] = Feat(102, p2);
  out[n++] = Feat(103, p1, p2);
  out[n++] = Feat(104, p1, w0.lower);
  out[n++] = Feat(105, p1, w0.amb);
  out[n++] = Feat(106, p1, w0.suf[2]);
  out[n++] = Feat(107, p1, w[1].amb);
  out[n++] = Feat(108, p1, p2, w0.amb);
  return n;
}

uint8_t TaggerModel::Best(const WordInfo& info, float* scores) const {
  if (info.news_preposition && info.dict < 0 && in_class >= 0)
    return static_cast<uint8_t>(in_class);
  if (info.acronym) return static_cast<uint8_t>(nnp_class);
  const uint8_t best = BestScored(info, scores);
  const DictEntry* e = info.lex >= 0 ? &dict[static_cast<size_t>(info.lex)] : nullptr;
  const bool letters = (info.flags & kNoLetter) == 0;
  if (Allowed(e, best, letters)) return best;
  int alt = -1;
  for (size_t c = 0; c < class_upos.size(); ++c) {
    if (!Allowed(e, static_cast<int>(c), letters)) continue;
    if (alt < 0 || scores[c] > scores[alt]) alt = static_cast<int>(c);
  }
  return alt < 0 ? best : static_cast<uint8_t>(alt);
}

bool TaggerModel::Allowed(const DictEntry* e, int cls, bool letters) const {
  // "Policeman shot dead": no modal, since "shot" never was one in training.
  // (News prepositions EWT lacks, "amid", are WordInfo::news_preposition.)
  if (class_closed[cls]) return e != nullptr && HasClass(*e, cls);
  if (letters && class_upos[cls] == Upos::kPunct) return e != nullptr && HasClass(*e, cls);
  if (e == nullptr) return true;
  if (cls != vb_class && cls != vbp_class) return true;
  // A past form is no present one: "Two militants shot dead" is not "shoot".
  bool past = false, present = false;
  for (uint32_t k = 0; k < e->cand_count; ++k) {
    const int c = dict_cands[e->cand_begin + k];
    past |= c == vbd_class || c == vbn_class;
    present |= c == vb_class || c == vbp_class;
  }
  return !past || present;
}

uint8_t TaggerModel::BestScored(const WordInfo& info, float* scores) const {
  if (info.dict >= 0) {
    const DictEntry& e = dict[static_cast<size_t>(info.dict)];
    if (e.restrict && e.cand_count > 0) {
      const uint8_t* c = dict_cands.data() + e.cand_begin;
      uint8_t best = c[0];
      for (uint32_t i = 1; i < e.cand_count; ++i)
        if (scores[c[i]] > scores[best]) best = c[i];
      return best;
    }
  }
  const size_t k = class_upos.size();
#if defined(__SSE2__)
  // First index of the maximum, four at a time; the padding classes
  // [k, num_classes_padded) are set to -inf. Same answer as the scalar loop.
  for (size_t i = k; i < num_classes_padded; ++i)
    scores[i] = -std::numeric_limits<float>::infinity();
  __m128 mx = _mm_loadu_ps(scores);
  for (size_t c = 4; c < num_classes_padded; c += 4) mx = _mm_max_ps(mx, _mm_loadu_ps(scores + c));
  mx = _mm_max_ps(mx, _mm_shuffle_ps(mx, mx, 0x4E));
  mx = _mm_max_ps(mx, _mm_shuffle_ps(mx, mx, 0xB1));
  for (size_t c = 0; c < num_classes_padded; c += 4) {
    const int mask = _mm_movemask_ps(_mm_cmpeq_ps(_mm_loadu_ps(scores + c), mx));
    if (mask) return static_cast<uint8_t>(c + static_cast<size_t>(__builtin_ctz(mask)));
  }
  return 0;
#else
  uint8_t best = 0;
  for (size_t i = 1; i < k; ++i)
    if (scores[i] > scores[best]) best = static_cast<uint8_t>(i);
  return best;
#endif
}

void TaggerModel::AddDense(const float* row, float* scores) const {
#if defined(__SSE2__)
  for (size_t c = 0; c < num_classes_padded; c += 4)
    _mm_storeu_ps(scores + c, _mm_add_ps(_mm_loadu_ps(scores + c), _mm_loadu_ps(row + c)));
#else
  for (size_t c = 0; c < num_classes_padded; ++c) scores[c] += row[c];
#endif
}

void TaggerModel::Decode(const WordInfo* infos, size_t begin, size_t n, uint8_t* classes) const {
  uint64_t feats[kMaxFeatures];
  float scores[256];
  uint8_t p1 = begin >= 1 ? classes[begin - 1] : kBosClass;
  uint8_t p2 = begin >= 2 ? classes[begin - 2] : kBosClass;
  for (size_t i = begin; i < n; ++i) {
    int nf = StaticFeatures(infos + i, feats);
    nf += DynamicFeatures(infos + i, p1, p2, feats + nf);
    std::memset(scores, 0, num_classes_padded * sizeof(float));
    Score(feats, nf, scores);
    const uint8_t c = Best(infos[i], scores);
    classes[i] = c;
    p2 = p1;
    p1 = c;
  }
}

size_t TaggerModel::MainVerbRule(const WordInfo* infos, size_t begin, size_t n,
                                 const uint8_t* classes) const {
  static const uint64_t kAtHash = HashBytes("at", kLowerSeed);
  static const uint64_t kLeastHash = HashBytes("least", kLowerSeed);
  static const uint64_t kInXpos = HashBytes("IN");  // class_xpos_hash of ADP/IN and SCONJ/IN
  bool verb_before = false;    // since the sentence start, a clause opener or a closing quote
  bool finite_before = false;  // in the whole sentence
  size_t last_verb = n;        // the last verb before the word, n if none
  size_t paren_vbn = n;        // "NP , VBN" opening a participle phrase before any finite verb
  auto step = [&](size_t i) {
    const uint8_t c = classes[i];
    finite_before |= class_finite[c] != 0;
    if (i >= 2 && c == vbn_class && classes[i - 1] == comma_class &&
        class_nominal[classes[i - 2]] && !finite_before && paren_vbn == n)
      paren_vbn = i;
    // A participle after a hyphen is part of a modifier ("the Saudi-led
    // coalition launched an offensive"); an -ing word right after a
    // preposition is a modifier or a gerund, not the clause's verb ("In
    // neighbouring Helmand province, an air strike ... killed").
    if (class_verbal[c] && !(i > 0 && classes[i - 1] == hyph_class) &&
        !(i > 0 && c == vbg_class && class_xpos_hash[classes[i - 1]] == kInXpos)) {
      verb_before = true;
      last_verb = i;
    }
    if (infos[i].clause_opener || c == close_quote_class) verb_before = false;
  };
  // Only a full sentence (ending in . ! ?) needs a finite verb; a headline
  // or caption ("Police officer killed in Kabul blast") does not.
  const bool full_sentence = n > 0 && classes[n - 1] == period_class;
  for (size_t i = 0; i < begin; ++i) step(i);
  static const uint64_t kSubjectPronouns[] = {
      HashBytes("he", kLowerSeed), HashBytes("she", kLowerSeed), HashBytes("they", kLowerSeed),
      HashBytes("we", kLowerSeed), HashBytes("i", kLowerSeed)};
  static const uint64_t kIt = HashBytes("it", kLowerSeed);
  for (size_t i = begin; i < n; ++i) {
    // "Hamas said it fired(VBN) rockets at Tel Aviv": right after a subject
    // pronoun (he, she, they, we, I; "it" right after a finite verb), before
    // its object, a participle is the clause's past verb.
    if (i > 0 && i + 1 < n && classes[i] == vbn_class &&
        (infos[i + 1].np_start || class_det_or_number[classes[i + 1]])) {
      const uint64_t p = infos[i - 1].lower;
      bool subject = std::find(std::begin(kSubjectPronouns), std::end(kSubjectPronouns), p) !=
                     std::end(kSubjectPronouns);
      subject |= p == kIt && i >= 2 && class_finite[classes[i - 2]] != 0;
      if (subject) return i;
    }
    if (i > 0 && classes[i] == vbn_class) {
      const uint8_t prev = classes[i - 1];
      if (!verb_before && class_nominal[prev]) {
        // The object may open with "at least" ("killed at least seven"), or
        // with a word training saw only otherwise that is tagged a noun here
        // before another noun ("fired tear(NN; only a verb in EWT) gas").
        if (infos[i + 1].np_start ||
            (i + 2 < n && infos[i + 1].lower == kAtHash && infos[i + 2].lower == kLeastHash) ||
            (infos[i + 1].lex >= 0 && class_common_noun[classes[i + 1]] && i + 2 < n &&
             class_common_noun[classes[i + 2]]))
          return i;
        // ... or follow a coordinated participle that has it ("attacked and
        // overran several checkpoints").
        if (i + 3 < n && infos[i + 1].coord &&
            (classes[i + 2] == vbn_class || classes[i + 2] == vbd_class) && infos[i + 3].np_start)
          return i;
        // A finite verb in a later adverbial clause does not count.
        bool finite_after = false;
        for (size_t j = i + 1; j < n && !finite_after && !infos[j].clause_opener; ++j)
          finite_after = class_finite[classes[j]];
        if (!finite_after && full_sentence) return i;
      }
      if (infos[i - 1].coord && last_verb < n && classes[last_verb] == vbd_class &&
          infos[i + 1].np_start)
        return i;
      if (prev == comma_class && paren_vbn < n && !finite_before) return i;
    }
    // "when a shell hit their house": a base form right after a singular
    // noun, with no verb (modal, "to") before it in its clause, is finite;
    // not VBZ, so past tense when the word has been seen as VBD.
    if (i > 0 && classes[i] == vb_class && !verb_before && class_singular[classes[i - 1]] &&
        infos[i].dict >= 0 && HasClass(dict[static_cast<size_t>(infos[i].dict)], vbd_class))
      return i;
    step(i);
  }
  return n;
}

size_t TaggerModel::HeadlineVerbRule(const WordInfo* infos, size_t n, const uint8_t* classes,
                                     uint8_t* cls) const {
  if (n < 3 || classes[n - 1] == period_class || vbp_class < 0 || vbz_class < 0) return n;
  // A participle after a hyphen is part of a modifier ("US-led raids").
  auto is_verb = [&](size_t j) {
    return class_verbal[classes[j]] != 0 && !(j > 0 && classes[j - 1] == hyph_class);
  };
  auto is_quote = [&](size_t j) {
    return classes[j] == open_quote_class || classes[j] == close_quote_class;
  };
  const bool gerund_subject = GerundSubject(infos, n, classes);
  // A verb closes the search until the next clause opener: "Two killed
  // after bandits ambush herders" has a second headline verb.
  bool verb_in_clause = false;
  for (size_t i = 1; i + 1 < n; ++i) {
    if (infos[i].clause_opener) {
      verb_in_clause = false;
      continue;
    }
    if (is_verb(i)) verb_in_clause = true;
    // Nor is the head of an event compound ("Car bomb in Baghdad"; "in" may
    // be a particle): EventNounRule.
    if (verb_in_clause || infos[i].news_compound != 0) continue;
    // A verb of the coder's dictionary (news_verb) needs no treebank
    // evidence, and may have been read as an adjective ("recapture").
    const uint8_t news = infos[i].news_verb;
    // lex: a title-case headline's "Kills" is looked up as "kills", and
    // read as a proper noun when only its lower case was seen ("Herdsmen
    // Kill 2").
    const bool title_word = classes[i] == nnp_class && (infos[i].lex >= 0 || news != 0) &&
                            (infos[i].dict < 0 || infos[i].sentence_case == 1);
    // The subject right before it, or before a quote opening the headline's
    // claim ("Yemen army 'kills wanted militant'").
    // Or before an adverb ("Roadside bomb reportedly targets convoy").
    const bool after_subject =
        class_nominal[classes[i - 1]] ||
        (i >= 2 && is_quote(i - 1) && class_nominal[classes[i - 2]]) ||
        (i >= 2 && class_upos[classes[i - 1]] == Upos::kAdv && class_nominal[classes[i - 2]]) ||
        (i == 1 && gerund_subject);
    // After a gerund subject, an -s form whose stem is a verb, or one never
    // seen in training, may be the verb ("Fighting rages in Tripoli").
    const bool by_stem =
        i == 1 && gerund_subject && (infos[i].verb_by_stem != 0 || infos[i].lex < 0);
    if ((!class_common_noun[classes[i]] && !title_word && !(news != 0 && classes[i] == jj_class)) ||
        !after_subject || (infos[i].lex < 0 && news == 0 && !by_stem))
      continue;
    // The object may open with a quote ('rebels kill "scores"') or follow a
    // particle ("gun down tribal elder").
    size_t obj = i + 1;
    bool after_particle = false;
    if (i + 2 < n && !title_word &&
        (classes[i + 1] == open_quote_class ||
         (infos[i + 1].dict >= 0 && rp_class >= 0 &&
          HasClass(dict[static_cast<size_t>(infos[i + 1].dict)], rp_class)))) {
      obj = i + 2;
      after_particle = classes[i + 1] != open_quote_class;
    }
    // A figure starts the object too ("kill 2": web text's "2" can be "to"),
    // and so does a participle before a noun ("kill suspected gunman").
    // Not one before a determiner or a number: that is a verb with its own
    // object ("The Syrian government forces captured a new ...").
    const bool participle = (classes[obj] == vbn_class || classes[obj] == vbd_class) &&
                            obj + 1 < n && infos[obj + 1].np_start &&
                            !class_det_or_number[classes[obj + 1]];
    const DictEntry* e = infos[i].lex >= 0 ? &dict[static_cast<size_t>(infos[i].lex)] : nullptr;
    // After a gerund subject the verb is singular, and may be intransitive
    // before a preposition ("Fighting rages in Tripoli") if seen as a verb.
    const bool by_gerund = i == 1 && gerund_subject;
    if (by_gerund && (classes[i] != nns_class || title_word)) continue;
    const bool intransitive = by_gerund && classes[i + 1] == in_class &&
                              (news == 2 || by_stem || (e != nullptr && HasClass(*e, vbz_class)));
    // After a particle that may be a preposition ("attack on a former spy"),
    // only a word that cannot be one (np_start) opens the object.
    if (!infos[obj].np_start && !(!after_particle && IsDeterminer(infos[obj])) &&
        class_upos[classes[obj]] != Upos::kNum && !participle && !intransitive)
      continue;
    // A plural form ("plans", "kills") reads as VBZ, a singular one as VBP
    // (seen as VBP or as the base form: "kill" is mostly "to kill" in EWT).
    const bool plural =
        news != 0 ? news == 2
                  : classes[i] == nns_class ||
                        (title_word && (HasClass(*e, nns_class) || HasClass(*e, vbz_class)));
    // "Pro-gov't forces recapture key sites", "Myanmar forces fire tear
    // gas": a plural noun right before a present-tense verb (a news verb's
    // base form, or a word seen as VBP or VB) is that verb's subject, not
    // the verb.
    if (plural && news != 0 && i + 2 < n) {
      const WordInfo& next = infos[i + 1];
      const DictEntry* ne = next.lex >= 0 ? &dict[static_cast<size_t>(next.lex)] : nullptr;
      if (next.news_verb == 1 || (ne != nullptr && (HasClass(*ne, vbp_class) ||
                                                    (vb_class >= 0 && HasClass(*ne, vb_class)))))
        continue;
    }
    const int want = plural ? vbz_class : vbp_class;
    // Seen as this verb, or as the base form; or, before its object outside
    // title case, known by its past form ("target": "targeted").
    const bool seen = news != 0 || by_stem || HasClass(*e, want) ||
                      (!plural && vb_class >= 0 && HasClass(*e, vb_class));
    const bool by_past = !plural && !title_word && infos[i].verb_by_past && obj == i + 1 &&
                         infos[i].sentence_case != 1;
    if (!seen && !by_past) continue;
    bool verb_after = false;
    for (size_t j = obj; j < n && !verb_after; ++j) {
      if (classes[j] == comma_class || infos[j].clause_opener) break;
      // Nor a verb of another clause after "and" ("... and clashes erupt in it").
      if (classes[j] == cc_class && j + 2 < n && class_nominal[classes[j + 1]] &&
          class_finite[classes[j + 2]] && class_upos[classes[j + 2]] == Upos::kVerb)
        break;
      // An auxiliary does not count: headlines drop them, and a capitalised
      // acronym such as "IS" ("kill 2 IS militants") is tagged as one. Nor
      // does a participle opening the object ("kill suspected gunman").
      verb_after = is_verb(j) && class_upos[classes[j]] == Upos::kVerb && !(j == obj && participle);
    }
    if (verb_after) continue;
    *cls = static_cast<uint8_t>(want);
    return i;
  }
  return n;
}

bool TaggerModel::GerundSubject(const WordInfo* infos, size_t n, const uint8_t* classes) const {
  if (n < 3 || vbg_class < 0 || nn_class < 0 || classes[n - 1] == period_class) return false;
  if (classes[0] == nn_class) return EndsInIng(infos[0]);  // "Kidnapping rises in Haiti"
  if (classes[0] != vbg_class) return false;
  return infos[0].lex < 0 || HasClass(dict[static_cast<size_t>(infos[0].lex)], nn_class) ||
         infos[0].noun_by_lower != 0;
}

size_t TaggerModel::CompoundSubjectRule(const WordInfo* infos, size_t n,
                                        const uint8_t* classes) const {
  if (n < 4 || classes[n - 1] == period_class || nn_class < 0 || vbz_class < 0 || vbp_class < 0)
    return n;
  bool verb_before = false;  // a verb among words 0 .. i - 3, since the last clause opener
  for (size_t i = 2; i + 1 < n; ++i) {
    if (i >= 3) {
      if (infos[i - 3].clause_opener) verb_before = false;
      if (class_verbal[classes[i - 3]]) verb_before = true;
    }
    if (verb_before || classes[i - 2] != nn_class ||
        (classes[i - 1] != vbp_class && classes[i - 1] != vb_class) || infos[i].news_verb != 2 ||
        !class_common_noun[classes[i]] || infos[i - 1].lex < 0 ||
        !HasClass(dict[static_cast<size_t>(infos[i - 1].lex)], nn_class))
      continue;
    if (infos[i + 1].np_start || class_upos[classes[i + 1]] == Upos::kNum) return i;
  }
  return n;
}

size_t TaggerModel::HeadlineParticipleRule(const WordInfo* infos, size_t n,
                                           const uint8_t* classes) const {
  if (n < 3 || classes[n - 1] == period_class || nn_class < 0 || in_class < 0) return n;
  for (size_t i = 0; i < n; ++i)
    if (class_verbal[classes[i]] != 0) return n;
  static const uint64_t kDead = HashBytes("dead", kLowerSeed);
  for (size_t i = 1; i + 1 < n; ++i) {
    if (classes[i] != nn_class || !class_nominal[classes[i - 1]] || infos[i].lex < 0) continue;
    const DictEntry& e = dict[static_cast<size_t>(infos[i].lex)];
    if (!HasClass(e, vbn_class) && !HasClass(e, vbd_class)) continue;
    if (classes[i + 1] == in_class || infos[i + 1].lower == kDead) return i;
  }
  return n;
}

size_t TaggerModel::ShotDeadRule(const WordInfo* infos, size_t begin, size_t n,
                                 const uint8_t* classes, uint8_t* cls) const {
  if (nn_class < 0 || vbn_class < 0 || vbd_class < 0) return n;
  static const uint64_t kDead = HashBytes("dead", kLowerSeed);
  bool verb_before = false;  // a verb among words 0 .. i - 1, since the last clause opener
  for (size_t i = 0; i + 1 < n; ++i) {
    if (i >= 1) {
      if (infos[i - 1].clause_opener) verb_before = false;
      if (class_verbal[classes[i - 1]]) verb_before = true;
    }
    if (i < std::max<size_t>(begin, 1) || classes[i] != nn_class || infos[i + 1].lower != kDead ||
        !class_nominal[classes[i - 1]] || infos[i].lex < 0)
      continue;
    const DictEntry& e = dict[static_cast<size_t>(infos[i].lex)];
    if (!HasClass(e, vbn_class) && !HasClass(e, vbd_class)) continue;
    const bool object = i + 2 < n && infos[i + 2].np_start;
    *cls = static_cast<uint8_t>(!verb_before && object ? vbd_class : vbn_class);
    return i;
  }
  return n;
}

bool TaggerModel::HeadlineGerundRule(const WordInfo* infos, size_t n,
                                     const uint8_t* classes) const {
  if (n < 3 || vbg_class < 0 || nn_class < 0 || classes[0] != vbg_class ||
      classes[n - 1] == period_class)
    return false;
  for (size_t i = 1; i < n; ++i)
    if (class_verbal[classes[i]] != 0) return false;
  if (infos[0].lex >= 0 && !HasClass(dict[static_cast<size_t>(infos[0].lex)], nn_class) &&
      infos[0].noun_by_lower == 0)
    return false;
  if (classes[1] == in_class) return true;
  return classes[1] == cc_class && class_common_noun[classes[2]] != 0;
}

size_t TaggerModel::CoordinatedVerbRule(const WordInfo* infos, size_t n, const uint8_t* classes,
                                        uint8_t* cls) const {
  if (comma_class < 0 || vbz_class < 0 || vbp_class < 0 || nns_class < 0 || nn_class < 0) return n;
  int finite = -1;  // the last finite verb, -1 after a clause opener
  for (size_t i = 0; i + 1 < n; ++i) {
    if (infos[i].clause_opener) finite = -1;
    if (class_finite[classes[i]]) finite = static_cast<int>(i);
    if (finite < 0 || i < 2 || classes[i - 1] != comma_class) continue;
    const bool plural = classes[i] == nns_class;
    if (!plural && classes[i] != nn_class) continue;
    const int want = plural ? vbz_class : vbp_class;
    // Its own verb's tense: "kills 4, wounds 5", "kill 9, abduct 35".
    if (classes[finite] != want) continue;
    const DictEntry* e = infos[i].lex >= 0 ? &dict[static_cast<size_t>(infos[i].lex)] : nullptr;
    const bool seen = (plural && infos[i].verb_by_stem) ||
                      (e != nullptr && (HasClass(*e, want) || (!plural && HasClass(*e, vb_class))));
    if (!seen) continue;
    if (class_upos[classes[i + 1]] != Upos::kNum && !infos[i + 1].np_start) continue;
    *cls = static_cast<uint8_t>(want);
    return i;
  }
  return n;
}

size_t TaggerModel::AdjectivePastRule(const WordInfo* infos, size_t begin, size_t n,
                                      const uint8_t* classes) const {
  if (jj_class < 0 || vbd_class < 0 || vbn_class < 0) return n;
  bool verb_before = false;
  for (size_t i = 0; i + 1 < n; ++i) {
    if (infos[i].clause_opener || classes[i] == comma_class) verb_before = false;
    if (class_verbal[classes[i]]) verb_before = true;
    if (i < std::max<size_t>(begin, 1) || classes[i] != jj_class || verb_before) continue;
    if (!class_nominal[classes[i - 1]] || !class_det_or_number[classes[i + 1]]) continue;
    const DictEntry* e = infos[i].lex >= 0 ? &dict[static_cast<size_t>(infos[i].lex)] : nullptr;
    const bool past = e != nullptr && (HasClass(*e, vbd_class) || HasClass(*e, vbn_class));
    if (!past && infos[i].news_past == 0) continue;
    return i;
  }
  return n;
}

size_t TaggerModel::CoordinatedPastRule(const WordInfo* infos, size_t begin, size_t n,
                                        const uint8_t* classes) const {
  if (jj_class < 0 || vbd_class < 0) return n;
  size_t last_verb = n;          // the clause's last verb, n if none
  bool noun_after_verb = false;  // a nominal since that verb
  for (size_t i = 0; i + 1 < n; ++i) {
    if (infos[i].clause_opener) last_verb = n;
    if (i >= std::max<size_t>(begin, 2) && classes[i] == jj_class && infos[i - 1].coord &&
        last_verb < n && classes[last_verb] == vbd_class && noun_after_verb &&
        class_det_or_number[classes[i + 1]]) {
      const DictEntry* e = infos[i].lex >= 0 ? &dict[static_cast<size_t>(infos[i].lex)] : nullptr;
      if ((e != nullptr && (HasClass(*e, vbd_class) || HasClass(*e, vbn_class))) ||
          infos[i].news_past != 0)
        return i;
    }
    if (class_verbal[classes[i]]) {
      last_verb = i;
      noun_after_verb = false;
    } else if (class_nominal[classes[i]]) {
      noun_after_verb = true;
    }
  }
  return n;
}

size_t TaggerModel::NounPastRule(const WordInfo* infos, size_t n, const uint8_t* classes) const {
  if (nn_class < 0 || jj_class < 0 || vbd_class < 0 || n < 4) return n;
  for (size_t i = 0; i < n; ++i)
    if (class_verbal[classes[i]] || class_upos[classes[i]] == Upos::kAux) return n;
  for (size_t i = 2; i + 1 < n; ++i) {
    if (classes[i] != nn_class || !class_determiner[classes[i - 2]]) continue;
    if (classes[i - 1] != jj_class && classes[i - 1] != nn_class) continue;
    if (!infos[i + 1].np_start && class_upos[classes[i + 1]] != Upos::kNum) continue;
    // The subject: seen as a noun, or never seen and in lower case.
    const WordInfo& subj = infos[i - 1];
    if (subj.lex >= 0 ? !HasClass(dict[static_cast<size_t>(subj.lex)], nn_class)
                      : (subj.flags & kHasUpper) != 0)
      continue;
    if (infos[i].lex < 0 || !HasClass(dict[static_cast<size_t>(infos[i].lex)], vbd_class)) continue;
    return i;
  }
  return n;
}

size_t TaggerModel::PluralSubjectRule(const WordInfo* infos, size_t begin, size_t n,
                                      const uint8_t* classes) const {
  if (nns_class < 0 || vbz_class < 0 || vbp_class < 0) return n;
  for (size_t i = begin; i + 1 < n; ++i) {
    if (classes[i] != vbz_class && classes[i] != vbp_class) continue;
    if (!class_finite[classes[i + 1]] && classes[i + 1] != vbn_class) continue;
    if (!infos[i].plural_noun) continue;
    if (i > 0) {
      const uint8_t prev = classes[i - 1];
      const Upos u = class_upos[prev];
      // Not after a pronoun ("he strikes", "it rains"), but after "that"
      // opening a clause whatever its tag.
      const bool modifier = infos[i - 1].clause_opener ||
                            (u != Upos::kPron && (class_nominal[prev] || u == Upos::kAdj ||
                                                  u == Upos::kDet || u == Upos::kNum));
      if (!modifier) continue;
    }
    return i;
  }
  return n;
}

bool TaggerModel::InitialNumberRule(const WordInfo* infos, size_t n, const uint8_t* classes) const {
  return n >= 2 && cd_class >= 0 && classes[0] == nnp_class && infos[0].number_by_lower != 0 &&
         (infos[1].flags & kHasUpper) == 0;
}

bool TaggerModel::InitialNounRule(const WordInfo* infos, size_t n, const uint8_t* classes) const {
  if (n < 3 || jj_class < 0 || nn_class < 0 || classes[0] != jj_class || infos[0].lex < 0)
    return false;
  const uint8_t next = classes[1];
  if (next != vbn_class && next != vbd_class && next != vbz_class && next != vbp_class)
    return false;
  return infos[0].noun_by_plural || HasClass(dict[static_cast<size_t>(infos[0].lex)], nn_class);
}

bool TaggerModel::InitialAdjectiveRule(const WordInfo* /*infos*/, size_t n,
                                       const uint8_t* classes) const {
  if (n < 4 || jj_class < 0 || (classes[0] != vbd_class && classes[0] != vbn_class)) return false;
  if (classes[n - 1] == period_class) return false;  // headlines only
  if (!class_common_noun[classes[1]]) return false;
  const uint8_t v = classes[2];
  return v == vbp_class || v == vbz_class || v == vb_class;
}

size_t TaggerModel::EventNounRule(const WordInfo* infos, size_t begin, size_t n,
                                  const uint8_t* classes, uint8_t* cls, bool* modifier) const {
  *modifier = false;
  if (nn_class < 0 || nns_class < 0 || in_class < 0 || vbz_class < 0) return n;
  static const uint64_t kBetween = HashBytes("between", kLowerSeed);
  auto ends_phrase = [&](size_t j) {
    return j >= n || classes[j] == in_class || classes[j] == comma_class ||
           classes[j] == period_class;
  };
  size_t between = n;        // the last "between"
  size_t conj = n;           // the "and" after it
  bool verb_before = false;  // a verb before word i
  for (size_t i = 0; i < n; verb_before |= class_verbal[classes[i]] != 0, ++i) {
    const uint8_t c = classes[i];
    if (infos[i].lower == kBetween) {
      between = i;
      conj = n;
      continue;
    }
    if (between < n && conj == n && infos[i].coord && i > between + 1) {
      conj = i;
      continue;
    }
    if (i < begin) continue;
    // The modifier of a compound event noun: "car(VBP) bombing".
    if (infos[i].news_compound != 0 && i - 1 >= begin && class_verbal[classes[i - 1]]) {
      *cls = static_cast<uint8_t>(nn_class);
      return i - 1;
    }
    // The head of a compound event noun, after its modifier.
    if (infos[i].news_compound != 0 && class_verbal[c]) {
      *cls = static_cast<uint8_t>(infos[i].news_compound == 2 ? nns_class : nn_class);
      *modifier = classes[i - 1] == nnp_class && (i == 1 || infos[i - 1].sentence_case == 1);
      return i;
    }
    // An event noun opening the sentence before a preposition, read as a
    // name or an imperative.
    if (i == 0 && infos[0].news_noun != 0 && (c == nnp_class || c == vb_class) && n > 1 &&
        classes[1] == in_class) {
      *cls = static_cast<uint8_t>(infos[0].news_noun == 2 ? nns_class : nn_class);
      return 0;
    }
    // "Air strikes on X and clashes(VBZ) in Y": an event noun after "and"
    // and a noun, before a preposition, in a sentence with no verb before it.
    if (infos[i].news_noun != 0 && !verb_before && i >= 2 && infos[i - 1].coord &&
        class_nominal[classes[i - 2]] && i + 1 < n && classes[i + 1] == in_class &&
        (infos[i].news_noun == 2 ? c == vbz_class : (c == vbp_class || c == vb_class))) {
      *cls = static_cast<uint8_t>(infos[i].news_noun == 2 ? nns_class : nn_class);
      return i;
    }
    // The second conjunct of "between": nouns up to a preposition or comma.
    if (conj < n && i > conj + 1) {
      if (ends_phrase(i)) {
        between = conj = n;
        continue;
      }
      if (!class_verbal[c] || !ends_phrase(i + 1)) continue;
      const uint8_t prev = classes[i - 1];
      if (prev == nns_class || (!class_nominal[prev] && class_upos[prev] != Upos::kAdj)) continue;
      const DictEntry* e = infos[i].lex >= 0 ? &dict[static_cast<size_t>(infos[i].lex)] : nullptr;
      if (c == vbz_class && infos[i].plural_noun != 0) {
        *cls = static_cast<uint8_t>(nns_class);
        return i;
      }
      if (c != vbz_class && e != nullptr && HasClass(*e, nn_class)) {
        *cls = static_cast<uint8_t>(nn_class);
        return i;
      }
    }
  }
  return n;
}

size_t TaggerModel::ObjectNounRule(const WordInfo* infos, size_t begin, size_t n,
                                   const uint8_t* classes) const {
  if (jj_class < 0 || nn_class < 0) return n;
  for (size_t i = std::max<size_t>(begin, 1); i < n; ++i) {
    if (classes[i] != jj_class || !infos[i].noun_by_plural) continue;
    const int prev = classes[i - 1];
    if (prev != vb_class && prev != vbd_class && prev != vbp_class && prev != vbz_class) continue;
    if (i + 1 < n) {
      const Upos next = class_upos[classes[i + 1]];
      if (next == Upos::kNoun || next == Upos::kPropn || next == Upos::kAdj || next == Upos::kNum)
        continue;
    }
    return i;
  }
  return n;
}

size_t TaggerModel::DeterminerAdjectiveNounRule(const WordInfo* infos, size_t begin, size_t n,
                                                const uint8_t* classes) const {
  if (jj_class < 0 || nn_class < 0) return n;
  for (size_t i = std::max<size_t>(begin, 1); i + 1 < n; ++i) {
    if (classes[i] != jj_class || !class_determiner[classes[i - 1]]) continue;
    const uint8_t next = classes[i + 1];
    const Upos nu = class_upos[next];
    if (class_finite[next] == 0 && nu != Upos::kAux) continue;
    const bool noun =
        infos[i].noun_by_plural != 0 ||
        (infos[i].lex >= 0 && HasClass(dict[static_cast<size_t>(infos[i].lex)], nn_class));
    if (!noun) continue;
    return i;
  }
  return n;
}

size_t TaggerModel::ParticipleAfterBeRule(const WordInfo* infos, size_t begin, size_t n,
                                          const uint8_t* classes) const {
  if (vbn_class < 0 || vb_class < 0 || vbp_class < 0 || vbd_class < 0) return n;
  static const uint64_t kBe[] = {HashBytes("was", kLowerSeed),  HashBytes("were", kLowerSeed),
                                 HashBytes("been", kLowerSeed), HashBytes("being", kLowerSeed),
                                 HashBytes("is", kLowerSeed),   HashBytes("are", kLowerSeed),
                                 HashBytes("be", kLowerSeed)};
  for (size_t i = std::max<size_t>(begin, 1); i < n; ++i) {
    const uint8_t c = classes[i];
    if (c != vb_class && c != vbp_class && c != vbd_class) continue;
    if (std::find(std::begin(kBe), std::end(kBe), infos[i - 1].lower) == std::end(kBe)) continue;
    if (infos[i].lex < 0 || !HasClass(dict[static_cast<size_t>(infos[i].lex)], vbn_class)) continue;
    return i;
  }
  return n;
}

void TaggerModel::Predict(const WordInfo* infos, size_t n, uint8_t* classes) const {
  Decode(infos, 0, n, classes);
  if (!main_verb_rule || vbn_class < 0 || vbd_class < 0) return;
  // Sets word i to `cls` and decodes the rest of the sentence again.
  auto set = [&](size_t i, int cls) {
    classes[i] = static_cast<uint8_t>(cls);
    Decode(infos, i + 1, n, classes);
  };
  // Applies a rule that scans from a position (returning n when it finds no
  // word) up to `rounds` times, each time after the word it changed.
  auto repeat = [&](int rounds, int cls, auto rule) {
    for (size_t from = 0; rounds-- > 0;) {
      const size_t i = rule(from);
      if (i >= n) break;
      set(i, cls);
      from = i + 1;
    }
  };
  if (InitialNumberRule(infos, n, classes)) set(0, cd_class);
  if (InitialNounRule(infos, n, classes)) set(0, nn_class);
  if (InitialAdjectiveRule(infos, n, classes)) set(0, jj_class);
  uint8_t cls = 0;
  auto event_nouns = [&] {
    bool modifier = false;
    for (size_t from = 0, round = 0; round < 4; ++round) {
      const size_t e = EventNounRule(infos, from, n, classes, &cls, &modifier);
      if (e >= n) break;
      if (modifier) set(e - 1, nn_class);
      set(e, cls);
      from = e + 1;
    }
  };
  // Before the verb rules, which look for a verb after the nouns ("air
  // strikes target X"), and before the headline verb rule; again at the
  // end, as a rule's change before an event noun decodes it again.
  event_nouns();
  for (size_t from = 0, round = 0; round < 2; ++round) {
    const size_t k = ShotDeadRule(infos, from, n, classes, &cls);
    if (k >= n) break;
    set(k, cls);
    from = k + 1;
  }
  repeat(4, nns_class, [&](size_t from) { return PluralSubjectRule(infos, from, n, classes); });
  // A past verb coordinated right after the main verb, before an object,
  // takes its tense, also where decoding after the change reads it as an
  // adjective ("The Syrian army killed and wounded(VBN, then JJ) scores of
  // terrorists").
  for (size_t from = 0, round = 0; round < 8; ++round) {
    const size_t i = MainVerbRule(infos, from, n, classes);
    if (i >= n) break;
    const bool coordinated = i + 3 < n && infos[i + 1].coord && infos[i + 3].np_start &&
                             (classes[i + 2] == vbn_class || classes[i + 2] == vbd_class);
    set(i, vbd_class);
    if (coordinated && classes[i + 2] != vbd_class) set(i + 2, vbd_class);
    from = i + 1;
  }
  repeat(4, vbd_class, [&](size_t from) { return AdjectivePastRule(infos, from, n, classes); });
  repeat(4, vbd_class, [&](size_t from) { return CoordinatedPastRule(infos, from, n, classes); });
  if (const size_t p = NounPastRule(infos, n, classes); p < n) {
    set(p - 1, nn_class);
    set(p, vbd_class);
  }
  event_nouns();
  for (int round = 0; round < 3; ++round) {
    const size_t h = HeadlineVerbRule(infos, n, classes, &cls);
    if (h >= n) break;
    if (h == 1 && GerundSubject(infos, n, classes)) set(0, nn_class);  // "Shelling targets X"
    set(h, cls);
  }
  if (const size_t c = CompoundSubjectRule(infos, n, classes); c < n) {
    set(c - 1, nn_class);
    set(c, vbz_class);
  }
  if (HeadlineGerundRule(infos, n, classes)) set(0, nn_class);
  if (const size_t p = HeadlineParticipleRule(infos, n, classes); p < n) set(p, vbn_class);
  for (int round = 0; round < 4; ++round) {
    const size_t c = CoordinatedVerbRule(infos, n, classes, &cls);
    if (c >= n) break;
    set(c, cls);
  }
  repeat(4, nn_class, [&](size_t from) { return ObjectNounRule(infos, from, n, classes); });
  repeat(4, nn_class,
         [&](size_t from) { return DeterminerAdjectiveNounRule(infos, from, n, classes); });
  repeat(4, vbn_class, [&](size_t from) { return ParticipleAfterBeRule(infos, from, n, classes); });
  event_nouns();
}

void TaggerModel::Lemmatize(std::string_view word, uint8_t cls, std::string* out) const {
  const uint64_t xh = class_xpos_hash[cls];
  bool has_upper = false;
  for (char c : word) has_upper |= (c >= 'A' && c <= 'Z');
  if (has_upper) {
    if (const uint32_t* i = exact_index.Find(ExactKey(word, xh))) {
      *out = lemmas[*i];
      return;
    }
  }
  if (class_lemma_is_form[cls]) {
    out->assign(word.data(), word.size());
    return;
  }
  if (const uint32_t* i = lower_index.Find(LowerKey(word, xh))) {
    *out = lemmas[*i];
    return;
  }
  // "retook" -> "re" + "take".
  if (size_t prefix_len = 0; class_verbal[cls] && PrefixedPastVerb(word, &prefix_len) >= 0) {
    if (const uint32_t* i = lower_index.Find(LowerKey(word.substr(prefix_len), xh))) {
      out->assign(word.substr(0, prefix_len));
      out->append(lemmas[*i]);
      return;
    }
  }
  const size_t n = word.size();
  size_t keep = n;
  const LemmaRule* rule = nullptr;
  for (size_t len = std::min<size_t>(n, max_suffix) + 1; len-- > 0;) {
    if (const uint32_t* r = rule_index.Find(RuleKey(word, len, xh))) {
      if (rules[*r].strip <= n) {
        rule = &rules[*r];
        keep = n - rule->strip;
        break;
      }
    }
  }
  out->resize(keep);
  for (size_t i = 0; i < keep; ++i)
    (*out)[i] = static_cast<char>(AsciiLower(static_cast<unsigned char>(word[i])));
  if (rule) out->append(rule->append);
  if (!known_lemmas.empty() && !KnownLemma(*out)) RespellLemma(word, cls, out);
  if (!out->empty() && n > 0 && word[0] >= 'A' && word[0] <= 'Z' &&
      static_cast<unsigned char>((*out)[0]) == AsciiLower(static_cast<unsigned char>(word[0])) &&
      std::find(keep_case_xpos.begin(), keep_case_xpos.end(), xh) != keep_case_xpos.end()) {
    (*out)[0] = word[0];
  }
}

void TaggerModel::RespellLemma(std::string_view word, uint8_t cls, std::string* out) const {
  const std::string& x = class_xpos[cls];
  std::string f(word);
  for (char& c : f) c = static_cast<char>(AsciiLower(static_cast<unsigned char>(c)));
  auto ends = [&](std::string_view e) {
    return f.size() > e.size() + 1 && std::string_view(f).substr(f.size() - e.size()) == e;
  };
  auto is_vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
  // "hitt" -> "hit", "patroll" -> "patrol"; "" if no doubled final consonant.
  auto undouble = [&](const std::string& s) {
    const size_t k = s.size();
    if (k < 3 || s[k - 1] != s[k - 2] || is_vowel(s[k - 1])) return std::string();
    return s.substr(0, k - 1);
  };
  std::string cands[6];
  int m = 0;
  const bool verb = x.size() >= 2 && x[0] == 'V' && x[1] == 'B';
  if (verb && ends("ed")) {
    const std::string stem = f.substr(0, f.size() - 2);
    cands[m++] = stem;
    cands[m++] = stem + "e";
    cands[m++] = undouble(stem);
    if (stem.back() == 'i') cands[m++] = stem.substr(0, stem.size() - 1) + "y";
  } else if (verb && ends("ing")) {
    const std::string stem = f.substr(0, f.size() - 3);
    cands[m++] = stem;
    cands[m++] = stem + "e";
    cands[m++] = undouble(stem);
    if (stem.back() == 'y') cands[m++] = stem.substr(0, stem.size() - 1) + "ie";
  } else if ((x == "NNS" || x == "VBZ") && ends("s")) {
    cands[m++] = f.substr(0, f.size() - 1);
    if (ends("es")) cands[m++] = f.substr(0, f.size() - 2);
    if (ends("ies")) cands[m++] = f.substr(0, f.size() - 3) + "y";
    if (ends("ses")) cands[m++] = f.substr(0, f.size() - 3) + "sis";  // crises
    cands[m++] = f;                                                   // series
  }
  for (int i = 0; i < m; ++i) {
    if (!cands[i].empty() && KnownLemma(cands[i])) {
      *out = cands[i];
      return;
    }
  }
  // No known candidate: at least no doubled final consonant left by "-ed"
  // or "-ing" other than ll, ss, ff, zz ("hitt" -> "hit").
  if (verb && (ends("ed") || ends("ing"))) {
    const std::string u = undouble(*out);
    const char last = out->empty() ? 0 : out->back();
    if (!u.empty() && last != 'l' && last != 's' && last != 'f' && last != 'z') *out = u;
  }
}

void TaggerModel::BuildIndexes() {
  class_xpos_hash.clear();
  class_finite.clear();
  class_np.clear();
  class_nominal.clear();
  class_verbal.clear();
  class_closed.clear();
  class_singular.clear();
  class_det_or_number.clear();
  class_determiner.clear();
  class_common_noun.clear();
  vbp_class = vbz_class = rp_class = nns_class = open_quote_class = hyph_class = -1;
  nn_class = jj_class = nnp_class = nnps_class = in_class = vbg_class = cc_class = cd_class = -1;
  vb_class = vbd_class = vbn_class = comma_class = close_quote_class = period_class = -1;
  static const char* const kNpStart[] = {"DT",  "CD", "PRP$", "PDT", "PRP",  "JJ", "JJR",
                                         "JJS", "NN", "NNS",  "NNP", "NNPS", "$",  "WP$"};
  static const char* const kClosed[] = {"MD",  "DT",  "PDT", "IN", "CC", "PRP", "PRP$", "WP",
                                        "WP$", "WDT", "WRB", "EX", "TO", "POS", "RP"};
  static const char* const kNotNpStart[] = {"IN",    "TO",   "RP", ",",  ".",  ":",   "-LRB-",
                                            "-RRB-", "HYPH", "CC", "``", "''", "WDT", "WRB"};
  for (size_t k = 0; k < class_xpos.size(); ++k) {
    const std::string& x = class_xpos[k];
    class_xpos_hash.push_back(HashBytes(x));
    class_finite.push_back(x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD" ? 1 : 0);
    uint8_t np = 0;
    for (const char* t : kNpStart) np = x == t ? 1 : np;
    for (const char* t : kNotNpStart) np = x == t ? 2 : np;
    class_np.push_back(np);
    class_nominal.push_back(x == "NN" || x == "NNS" || x == "NNP" || x == "NNPS" || x == "PRP");
    class_verbal.push_back(x.rfind("VB", 0) == 0 || x == "MD" || x == "TO" ? 1 : 0);
    uint8_t closed = 0;
    for (const char* t : kClosed) closed = x == t ? 1 : closed;
    class_closed.push_back(closed);
    if (class_upos[k] == Upos::kVerb && x == "VBD") vbd_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kVerb && x == "VBN") vbn_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kVerb && x == "VB") vb_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kAdp && x == "RP") rp_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kAdp && x == "IN") in_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kVerb && x == "VBG") vbg_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kCconj && x == "CC") cc_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kNoun && x == "NNS") nns_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kNoun && x == "NN") nn_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPropn && x == "NNP") nnp_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPropn && x == "NNPS") nnps_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kNum && x == "CD") cd_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kAdj && x == "JJ") jj_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPunct && x == "``") open_quote_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPunct && x == "HYPH") hyph_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kVerb && x == "VBP") vbp_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kVerb && x == "VBZ") vbz_class = static_cast<int>(k);
    class_singular.push_back(x == "NN" || x == "NNP" ? 1 : 0);
    class_det_or_number.push_back(x == "DT" || x == "CD" || x == "PRP$" ? 1 : 0);
    class_determiner.push_back(x == "DT" || x == "PDT" || x == "PRP$" ? 1 : 0);
    class_common_noun.push_back(class_upos[k] == Upos::kNoun && (x == "NN" || x == "NNS") ? 1 : 0);
    if (class_upos[k] == Upos::kPunct && x == ",") comma_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPunct && x == ".") period_class = static_cast<int>(k);
    if (class_upos[k] == Upos::kPunct && x == "''") close_quote_class = static_cast<int>(k);
  }
  dict_index.Reset(dict.size());
  for (size_t i = 0; i < dict.size(); ++i) dict_index.Insert(dict[i].key, static_cast<uint32_t>(i));
  num_classes_padded = (class_upos.size() + 3) / 4 * 4;
  feat_index.Reset(feat_keys.size());
  dense_weights.clear();
  uint32_t off = 0;
  for (size_t i = 0; i < feat_keys.size(); ++i) {
    if (feat_counts[i] >= kDenseMin) {
      const size_t dense_off = dense_weights.size();
      dense_weights.resize(dense_off + num_classes_padded, 0.0f);
      for (uint32_t j = off; j < off + feat_counts[i]; ++j)
        dense_weights[dense_off + weights[j].cls] = weights[j].w;
      feat_index.Insert(feat_keys[i], static_cast<uint32_t>(dense_off) | kDenseBit);
    } else {
      feat_index.Insert(feat_keys[i], off << 8 | feat_counts[i]);
    }
    off += feat_counts[i];
  }
  exact_index.Reset(exact_keys.size());
  for (size_t i = 0; i < exact_keys.size(); ++i) exact_index.Insert(exact_keys[i], exact_values[i]);
  lower_index.Reset(lower_keys.size());
  for (size_t i = 0; i < lower_keys.size(); ++i) lower_index.Insert(lower_keys[i], lower_values[i]);
  rule_index.Reset(rule_keys.size());
  for (size_t i = 0; i < rule_keys.size(); ++i) rule_index.Insert(rule_keys[i], rule_values[i]);
}

}  // namespace tag_internal

using tag_internal::TaggerModel;
using tag_internal::WordInfo;

namespace {

constexpr char kTaggerMagic[4] = {'S', 'R', 'T', 'G'};
constexpr uint32_t kTaggerVersion = 2;  // 2: known lemmas, main-verb rule flag

// Per-thread scratch so that tagging does not allocate per token.
struct Scratch {
  std::vector<WordInfo> infos;
  std::vector<uint8_t> classes;
  std::vector<std::string_view> words;
  // A Title Case line's words as the model reads them (TitleWordReadsAsLower).
  std::vector<std::string_view> read;
  std::vector<std::string> lowered;
};

// For a Title Case line, points s.read at lower-case copies of its function
// words and describes them again; returns the words the model is to read
// (`words` itself for any other line).
const std::vector<std::string_view>& ReadTitleCase(const TaggerModel& m,
                                                   const std::vector<std::string_view>& words,
                                                   Scratch& s) {
  const size_t n = words.size();
  tag_internal::MarkSentenceCase(s.infos.data() + 2, n);
  if (n < 3 || s.infos[2].sentence_case != 1) return words;
  s.read.assign(words.begin(), words.end());
  if (s.lowered.size() < n) s.lowered.resize(n);
  bool any = false;
  for (size_t i = 1; i < n; ++i) {
    if (!m.TitleWordReadsAsLower(words[i], s.infos[i + 2])) continue;
    std::string& low = s.lowered[i];
    low.assign(words[i].data(), words[i].size());
    for (char& c : low)
      c = static_cast<char>(tag_internal::AsciiLower(static_cast<unsigned char>(c)));
    s.read[i] = low;
    m.Describe(s.read[i], &s.infos[i + 2]);
    any = true;
  }
  return any ? s.read : words;
}

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

// Tags words into scratch.classes.
void RunModel(const TaggerModel& m, const std::vector<std::string_view>& in, Scratch& s) {
  const size_t n = in.size();
  if (s.infos.size() < n + 4) s.infos.resize(n + 4);
  s.classes.resize(n);
  s.infos[0] = tag_internal::BosInfo();
  s.infos[1] = tag_internal::BosInfo();
  for (size_t i = 0; i < n; ++i) m.Describe(in[i], &s.infos[i + 2]);
  const std::vector<std::string_view>& words = ReadTitleCase(m, in, s);
  for (size_t i = 0; i < n; ++i) {  // for InitialNounRule, ObjectNounRule, AdjectivePastRule
    m.MarkNounByPlural(words[i], &s.infos[i + 2]);
    m.MarkNewsPast(words[i], &s.infos[i + 2]);
    m.MarkPluralNoun(words[i], &s.infos[i + 2]);
  }
  if (n > 0) m.MarkByLower(words[0], &s.infos[2]);  // InitialNumberRule, headline rules
  for (size_t i = 1; i < n; ++i)                    // for CoordinatedVerbRule
    if (words[i - 1] == ",") m.MarkVerbByStem(words[i], &s.infos[i + 2]);
  // Headlines (no final . ! ?) only, for HeadlineVerbRule.
  if (n > 2 && words[n - 1] != "." && words[n - 1] != "!" && words[n - 1] != "?") {
    // For GerundSubject: "Fighting rages in ...".
    if (words[0].size() > 4 && TaggerModel::EndsInIng(s.infos[2]))
      m.MarkVerbByStem(words[1], &s.infos[3]);
    for (size_t i = 1; i + 1 < n; ++i) {
      m.MarkVerbByPast(words[i], &s.infos[i + 2]);
      m.MarkNewsVerb(words[i], &s.infos[i + 2]);
    }
  }
  tag_internal::MarkSentenceCase(s.infos.data() + 2, n);
  m.MarkAcronyms(s.infos.data() + 2, n);
  if (m.news_nouns.size() > 0 || m.news_compounds.size() > 0)
    m.MarkNewsNouns(words, s.infos.data() + 2);
  s.infos[n + 2] = tag_internal::EosInfo();
  s.infos[n + 3] = tag_internal::EosInfo();
  m.Predict(s.infos.data() + 2, n, s.classes.data());
}

}  // namespace

Tagger::Tagger(std::unique_ptr<TaggerModel> model) : model_(std::move(model)) {}
Tagger::~Tagger() = default;

void Tagger::AddHeadlineVerbs(const std::vector<std::string>& lemmas) {
  for (const std::string& l : lemmas)
    if (!l.empty())
      model_->news_verbs.Insert(tag_internal::HashLower(l, 0, l.size(), tag_internal::kFormSeed),
                                1);
}

namespace {

// "strike" -> "strikes", "clash" -> "clashes", "casualty" -> "casualties".
std::string PluralOf(std::string_view w) {
  std::string p(w);
  const auto ends = [&](std::string_view s) { return w.ends_with(s); };
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return p + "es";
  if (w.size() > 1 && w.back() == 'y' &&
      std::string_view("aeiou").find(w[w.size() - 2]) == std::string_view::npos)
    return p.substr(0, p.size() - 1) + "ies";
  return p + "s";
}

}  // namespace

void Tagger::AddHeadlineNouns(const std::vector<std::string>& phrases) {
  using tag_internal::HashLower;
  using tag_internal::kLowerSeed;
  for (const std::string& phrase : phrases) {
    const size_t space = phrase.find_last_of(' ');
    const std::string_view head = space == std::string::npos
                                      ? std::string_view(phrase)
                                      : std::string_view(phrase).substr(space + 1);
    if (head.empty()) continue;
    const std::string plural = PluralOf(head);
    const auto hash = [&](std::string_view w) { return HashLower(w, 0, w.size(), kLowerSeed); };
    if (space == std::string::npos) {
      model_->news_nouns.Insert(hash(head), 1);
      model_->news_nouns.Insert(hash(plural), 2);
      continue;
    }
    const size_t before = phrase.find_last_of(' ', space - 1);
    const std::string_view mod =
        std::string_view(phrase).substr(before == std::string::npos ? 0 : before + 1,
                                        space - (before == std::string::npos ? 0 : before + 1));
    if (mod.empty()) continue;
    model_->news_compounds.Insert(TaggerModel::CompoundKey(hash(mod), hash(head)), 1);
    model_->news_compounds.Insert(TaggerModel::CompoundKey(hash(mod), hash(plural)), 2);
  }
}

size_t Tagger::num_classes() const { return model_->class_upos.size(); }
size_t Tagger::num_weights() const { return model_->weights.size(); }

void Tagger::TagWords(const std::vector<std::string_view>& words, std::vector<Upos>* upos,
                      std::vector<std::string>* xpos, std::vector<std::string>* lemmas) const {
  Scratch& s = ThreadScratch();
  RunModel(*model_, words, s);
  const size_t n = words.size();
  if (upos) upos->resize(n);
  if (xpos) xpos->resize(n);
  if (lemmas) lemmas->resize(n);
  for (size_t i = 0; i < n; ++i) {
    const uint8_t c = s.classes[i];
    if (upos) (*upos)[i] = model_->class_upos[c];
    if (xpos) (*xpos)[i] = model_->class_xpos[c];
    if (lemmas) model_->Lemmatize(words[i], c, &(*lemmas)[i]);
  }
}

void Tagger::Tag(Document& doc, const Sentence& sent) const {
  if (sent.token_end <= sent.token_begin || sent.token_end > doc.tokens.size()) return;
  Scratch& s = ThreadScratch();
  // RunModel does not touch s.words, so it can hold the input.
  s.words.clear();
  for (uint32_t t = sent.token_begin; t < sent.token_end; ++t)
    s.words.push_back(doc.Form(doc.tokens[t]));
  RunModel(*model_, s.words, s);
  for (uint32_t t = sent.token_begin; t < sent.token_end; ++t) {
    Token& tok = doc.tokens[t];
    const uint8_t c = s.classes[t - sent.token_begin];
    tok.upos = model_->class_upos[c];
    tok.xpos = model_->class_xpos[c];
    model_->Lemmatize(s.words[t - sent.token_begin], c, &tok.lemma);
  }
}

std::string Tagger::Serialize() const {
  const TaggerModel& m = *model_;
  ByteWriter w;
  w.Raw(kTaggerMagic, 4);
  w.U32(kTaggerVersion);
  // Classes.
  std::vector<uint8_t> upos;
  for (Upos u : m.class_upos) upos.push_back(static_cast<uint8_t>(u));
  w.PodVector(upos);
  w.StringVector(m.class_xpos);
  w.PodVector(m.class_lemma_is_form);
  // Dictionary.
  w.PodVector(m.dict);
  w.PodVector(m.dict_cands);
  // Weights: keys, per-key counts, then (class, weight) columns.
  w.PodVector(m.feat_keys);
  std::vector<uint8_t> counts(m.feat_counts.begin(), m.feat_counts.end());
  w.PodVector(counts);
  std::vector<uint8_t> cls;
  std::vector<float> ws;
  cls.reserve(m.weights.size());
  ws.reserve(m.weights.size());
  for (const auto& e : m.weights) {
    cls.push_back(static_cast<uint8_t>(e.cls));
    ws.push_back(e.w);
  }
  w.PodVector(cls);
  w.PodVector(ws);
  // Lemmatizer.
  w.StringVector(m.lemmas);
  w.PodVector(m.exact_keys);
  w.PodVector(m.exact_values);
  w.PodVector(m.lower_keys);
  w.PodVector(m.lower_values);
  std::vector<uint32_t> strips;
  std::vector<std::string> appends;
  for (const auto& r : m.rules) {
    strips.push_back(r.strip);
    appends.push_back(r.append);
  }
  w.PodVector(strips);
  w.StringVector(appends);
  w.PodVector(m.rule_keys);
  w.PodVector(m.rule_values);
  w.PodVector(m.keep_case_xpos);
  w.U32(m.max_suffix);
  w.U8(m.unknown_as_unk);
  w.PodVector(m.known_lemmas);
  w.U8(m.main_verb_rule);
  return w.Release();
}

StatusOr<std::unique_ptr<Tagger>> Tagger::Load(std::string_view section) {
  auto m = std::make_unique<TaggerModel>();
  ByteReader r(section);
  char magic[4];
  if (!r.Raw(magic, 4).ok() || std::memcmp(magic, kTaggerMagic, 4) != 0)
    return DataLossError("tagger section: bad magic");
  uint32_t version = 0;
  SITREP_RETURN_IF_ERROR(r.U32(&version));
  // Version 1 (before known lemmas and the main-verb flag) still loads: its
  // features are the same; it gets the main-verb rule, not the respelling.
  if (version != kTaggerVersion && version != 1)
    return DataLossError("tagger section: unknown format version " + std::to_string(version));
  auto fail = [](std::string_view what) {
    return DataLossError("tagger section: " + std::string(what));
  };
  std::vector<uint8_t> upos;
  SITREP_RETURN_IF_ERROR(r.PodVector(&upos));
  SITREP_RETURN_IF_ERROR(r.StringVector(&m->class_xpos));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->class_lemma_is_form));
  const size_t k = upos.size();
  if (k == 0 || k > static_cast<size_t>(tag_internal::kMaxClasses) || m->class_xpos.size() != k ||
      m->class_lemma_is_form.size() != k)
    return fail("bad class table");
  for (uint8_t u : upos) {
    if (u == 0 || u >= kNumUpos) return fail("bad UPOS value");
    m->class_upos.push_back(static_cast<Upos>(u));
  }
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->dict));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->dict_cands));
  for (uint8_t c : m->dict_cands)
    if (c >= k) return fail("bad dictionary class");
  for (const auto& e : m->dict)
    if (uint64_t{e.cand_begin} + e.cand_count > m->dict_cands.size())
      return fail("bad dictionary entry");

  SITREP_RETURN_IF_ERROR(r.PodVector(&m->feat_keys));
  std::vector<uint8_t> counts;
  SITREP_RETURN_IF_ERROR(r.PodVector(&counts));
  std::vector<uint8_t> cls;
  std::vector<float> ws;
  SITREP_RETURN_IF_ERROR(r.PodVector(&cls));
  SITREP_RETURN_IF_ERROR(r.PodVector(&ws));
  if (counts.size() != m->feat_keys.size() || cls.size() != ws.size())
    return fail("bad weight table");
  uint64_t total = 0;
  for (uint8_t c : counts) total += c;
  if (total != cls.size()) return fail("weight counts do not add up");
  if (total >= (1u << 23)) return fail("too many weights");
  m->feat_counts.assign(counts.begin(), counts.end());
  m->weights.resize(cls.size());
  for (size_t i = 0; i < cls.size(); ++i) {
    if (cls[i] >= k) return fail("bad weight class");
    m->weights[i] = {cls[i], ws[i]};
  }

  SITREP_RETURN_IF_ERROR(r.StringVector(&m->lemmas));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->exact_keys));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->exact_values));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->lower_keys));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->lower_values));
  std::vector<uint32_t> strips;
  std::vector<std::string> appends;
  SITREP_RETURN_IF_ERROR(r.PodVector(&strips));
  SITREP_RETURN_IF_ERROR(r.StringVector(&appends));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->rule_keys));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->rule_values));
  SITREP_RETURN_IF_ERROR(r.PodVector(&m->keep_case_xpos));
  SITREP_RETURN_IF_ERROR(r.U32(&m->max_suffix));
  SITREP_RETURN_IF_ERROR(r.U8(&m->unknown_as_unk));
  if (version >= 2) {
    SITREP_RETURN_IF_ERROR(r.PodVector(&m->known_lemmas));
    SITREP_RETURN_IF_ERROR(r.U8(&m->main_verb_rule));
  }
  if (!std::is_sorted(m->known_lemmas.begin(), m->known_lemmas.end()) || m->main_verb_rule > 1)
    return fail("bad known lemmas or flags");
  if (!r.done()) return fail("trailing bytes");
  if (m->exact_keys.size() != m->exact_values.size() ||
      m->lower_keys.size() != m->lower_values.size() ||
      m->rule_keys.size() != m->rule_values.size() || strips.size() != appends.size() ||
      m->max_suffix > 64)
    return fail("bad lemmatizer tables");
  for (uint32_t v : m->exact_values)
    if (v >= m->lemmas.size()) return fail("bad lemma index");
  for (uint32_t v : m->lower_values)
    if (v >= m->lemmas.size()) return fail("bad lemma index");
  for (uint32_t v : m->rule_values)
    if (v >= strips.size()) return fail("bad rule index");
  for (size_t i = 0; i < strips.size(); ++i) m->rules.push_back({strips[i], std::move(appends[i])});
  m->BuildIndexes();
  return std::make_unique<Tagger>(std::move(m));
}

TaggerScores EvaluateTagger(const Tagger& t, const std::vector<ConlluSentence>& gold) {
  TaggerScores s;
  size_t upos_ok = 0, xpos_ok = 0, lemma_ok = 0;
  std::vector<std::string_view> words;
  std::vector<Upos> upos;
  std::vector<std::string> xpos, lemmas;
  for (const ConlluSentence& sent : gold) {
    if (sent.words.empty()) continue;
    words.clear();
    for (const auto& w : sent.words) words.push_back(w.form);
    t.TagWords(words, &upos, &xpos, &lemmas);
    for (size_t i = 0; i < sent.words.size(); ++i) {
      const auto& g = sent.words[i];
      upos_ok += UposName(upos[i]) == g.upos;
      xpos_ok += xpos[i] == g.xpos;
      lemma_ok += lemmas[i] == g.lemma;
    }
    s.tokens += sent.words.size();
  }
  if (s.tokens) {
    s.upos = 100.0 * upos_ok / s.tokens;
    s.xpos = 100.0 * xpos_ok / s.tokens;
    s.lemma = 100.0 * lemma_ok / s.tokens;
  }
  return s;
}

}  // namespace sitrep

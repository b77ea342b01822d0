// Trainer of the tagger: averaged perceptron over the features of
// tagger_model.h, plus the lemmatizer tables learned from the treebank.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstring>
#include <map>
#include <ostream>
#include <set>
#include <utility>

#include "tag/tagger.h"
#include "tag/tagger_model.h"

namespace sitrep {

using tag_internal::DictEntry;
using tag_internal::FlatMap;
using tag_internal::TaggerModel;
using tag_internal::WordInfo;

namespace {

constexpr int kMaxStatic = 40;

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(tag_internal::AsciiLower(static_cast<unsigned char>(c)));
  return out;
}

// English irregular verbs, "base past participle" ('/' separates variants).
// The treebank lacks many that news needs ("fled", "overran"); they fill
// the (form, VBD/VBN) lemma table where the treebank has no entry.
constexpr const char* kIrregularVerbs[] = {"arise arose arisen",
                                           "awake awoke awoken",
                                           "bear bore borne/born",
                                           "beat beat beaten",
                                           "become became become",
                                           "begin began begun",
                                           "bend bent bent",
                                           "bind bound bound",
                                           "bite bit bitten",
                                           "bleed bled bled",
                                           "blow blew blown",
                                           "break broke broken",
                                           "breed bred bred",
                                           "bring brought brought",
                                           "build built built",
                                           "burn burnt burnt",
                                           "burst burst burst",
                                           "buy bought bought",
                                           "catch caught caught",
                                           "choose chose chosen",
                                           "cling clung clung",
                                           "come came come",
                                           "creep crept crept",
                                           "deal dealt dealt",
                                           "dig dug dug",
                                           "do did done",
                                           "draw drew drawn",
                                           "drink drank drunk",
                                           "drive drove driven",
                                           "eat ate eaten",
                                           "fall fell fallen",
                                           "feed fed fed",
                                           "feel felt felt",
                                           "fight fought fought",
                                           "find found found",
                                           "flee fled fled",
                                           "fling flung flung",
                                           "fly flew flown",
                                           "forbid forbade forbidden",
                                           "forget forgot forgotten",
                                           "forgive forgave forgiven",
                                           "freeze froze frozen",
                                           "get got got/gotten",
                                           "give gave given",
                                           "go went gone",
                                           "grind ground ground",
                                           "grow grew grown",
                                           "hang hung hung",
                                           "have had had",
                                           "hear heard heard",
                                           "hide hid hidden",
                                           "hold held held",
                                           "keep kept kept",
                                           "kneel knelt knelt",
                                           "know knew known",
                                           "lay laid laid",
                                           "lead led led",
                                           "leap leapt leapt",
                                           "leave left left",
                                           "lend lent lent",
                                           "lose lost lost",
                                           "make made made",
                                           "mean meant meant",
                                           "meet met met",
                                           "mislead misled misled",
                                           "overcome overcame overcome",
                                           "overrun overran overrun",
                                           "oversee oversaw overseen",
                                           "overtake overtook overtaken",
                                           "overthrow overthrew overthrown",
                                           "pay paid paid",
                                           "rebuild rebuilt rebuilt",
                                           "retake retook retaken",
                                           "ride rode ridden",
                                           "ring rang rung",
                                           "rise rose risen",
                                           "run ran run",
                                           "say said said",
                                           "see saw seen",
                                           "seek sought sought",
                                           "sell sold sold",
                                           "send sent sent",
                                           "shake shook shaken",
                                           "shine shone shone",
                                           "shoot shot shot",
                                           "show showed shown",
                                           "shrink shrank shrunk",
                                           "sing sang sung",
                                           "sink sank sunk",
                                           "sit sat sat",
                                           "slay slew slain",
                                           "sleep slept slept",
                                           "slide slid slid",
                                           "sling slung slung",
                                           "speak spoke spoken",
                                           "speed sped sped",
                                           "spend spent spent",
                                           "spin spun spun",
                                           "spring sprang sprung",
                                           "stand stood stood",
                                           "steal stole stolen",
                                           "stick stuck stuck",
                                           "sting stung stung",
                                           "stride strode stridden",
                                           "strike struck struck/stricken",
                                           "strive strove striven",
                                           "swear swore sworn",
                                           "sweep swept swept",
                                           "swim swam swum",
                                           "swing swung swung",
                                           "take took taken",
                                           "teach taught taught",
                                           "tear tore torn",
                                           "tell told told",
                                           "think thought thought",
                                           "throw threw thrown",
                                           "tread trod trodden",
                                           "undergo underwent undergone",
                                           "understand understood understood",
                                           "undertake undertook undertaken",
                                           "uphold upheld upheld",
                                           "wake woke woken",
                                           "wear wore worn",
                                           "weave wove woven",
                                           "weep wept wept",
                                           "win won won",
                                           "withdraw withdrew withdrawn",
                                           "withhold withheld withheld",
                                           "write wrote written"};

// Plural nouns without a singular, or whose "singular" is another word. The
// treebank gives every identity-lemma plural ("troops", "species") its own
// form as lemma; news needs the singular for the others ("troops" -> "troop").
constexpr const char* kPluraliaTantum[] = {
    "species",         "series",     "means",    "headquarters", "whereabouts",  "clothes",
    "goods",           "pants",      "jeans",    "trousers",     "scissors",     "thanks",
    "regards",         "remains",    "premises", "outskirts",    "auspices",     "glasses",
    "sunglasses",      "billiards",  "news",     "manners",      "arms",         "odds",
    "congratulations", "belongings", "earnings", "savings",      "surroundings", "proceedings"};

// Whether a plural noun whose treebank lemma is its own form should get its
// regular singular instead: alphabetic, ends in a plural "s" (not -ss, -us,
// -is, -ics), not a plurale tantum.
bool RegularPlural(std::string_view f) {
  if (f.size() < 4 || f.back() != 's') return false;
  for (char c : f)
    if (c < 'a' || c > 'z') return false;
  auto ends = [&](std::string_view e) {
    return f.size() >= e.size() && f.substr(f.size() - e.size()) == e;
  };
  if (ends("ss") || ends("us") || ends("is") || ends("ics") || ends("ings")) return false;
  for (const char* p : kPluraliaTantum)
    if (f == p) return false;
  return true;
}

// The singular of a regular plural, preferring a candidate in `known`
// (lemmas seen in training): "casualties" -> "casualty", "troops" -> "troop".
std::string Singular(const std::string& f, const std::set<std::string>& known) {
  auto ends = [&](std::string_view e) {
    return f.size() > e.size() + 1 && std::string_view(f).substr(f.size() - e.size()) == e;
  };
  std::vector<std::string> cands;  // the first is the default
  if (ends("ies")) cands.push_back(f.substr(0, f.size() - 3) + "y");
  if (ends("ches") || ends("shes") || ends("xes") || ends("sses") || ends("zes"))
    cands.push_back(f.substr(0, f.size() - 2));
  cands.push_back(f.substr(0, f.size() - 1));
  if (ends("ves")) {
    cands.push_back(f.substr(0, f.size() - 3) + "f");
    cands.push_back(f.substr(0, f.size() - 3) + "fe");
  }
  for (const auto& c : cands)
    if (known.count(c)) return c;
  return cands.front();
}

// Deterministic across standard libraries (std::shuffle is not).
void Shuffle(std::vector<uint32_t>& v, uint64_t& state) {
  for (size_t i = v.size(); i > 1; --i) {
    state += 0x9E3779B97F4A7C15ULL;
    uint64_t r = tag_internal::Mix64(state);
    std::swap(v[i - 1], v[r % i]);
  }
}

struct TrainEntry {
  uint32_t cls;
  float w;
  double total;  // sum of w over the updates so far, lazily
  int64_t ts;    // step of the last change of w
};

// The weights being learned: feature hash -> sparse row.
class Perceptron {
 public:
  void Score(const uint64_t* feats, int n, float* scores) const {
    for (int i = 0; i < n; ++i) {
      const uint32_t* r = index_.Find(feats[i]);
      if (!r) continue;
      for (const TrainEntry& e : rows_[*r]) scores[e.cls] += e.w;
    }
  }
  void Update(const uint64_t* feats, int n, uint32_t truth, uint32_t guess, int64_t now) {
    for (int i = 0; i < n; ++i) {
      uint32_t* r = index_.FindMutable(feats[i]);
      if (!r) {
        index_.Insert(feats[i], static_cast<uint32_t>(rows_.size()));
        keys_.push_back(feats[i]);
        rows_.emplace_back();
        r = index_.FindMutable(feats[i]);
      }
      auto& row = rows_[*r];
      Add(row, truth, 1.0f, now);
      Add(row, guess, -1.0f, now);
    }
  }
  // Averaged weights at step `now`, pruned, in key order.
  void Compile(int64_t now, float prune, TaggerModel* m) const {
    std::vector<uint32_t> order(keys_.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](uint32_t a, uint32_t b) { return keys_[a] < keys_[b]; });
    m->feat_keys.clear();
    m->feat_counts.clear();
    m->weights.clear();
    std::vector<tag_internal::WeightEntry> row;
    for (uint32_t i : order) {
      row.clear();
      for (const TrainEntry& e : rows_[i]) {
        double avg = (e.total + static_cast<double>(now - e.ts) * e.w) / static_cast<double>(now);
        if (std::fabs(avg) >= prune) row.push_back({e.cls, static_cast<float>(avg)});
      }
      if (row.empty()) continue;
      std::sort(row.begin(), row.end(), [](const auto& a, const auto& b) { return a.cls < b.cls; });
      m->feat_keys.push_back(keys_[i]);
      m->feat_counts.push_back(static_cast<uint32_t>(row.size()));
      m->weights.insert(m->weights.end(), row.begin(), row.end());
    }
  }
  size_t num_features() const { return keys_.size(); }

 private:
  static void Add(std::vector<TrainEntry>& row, uint32_t cls, float delta, int64_t now) {
    for (TrainEntry& e : row) {
      if (e.cls == cls) {
        e.total += static_cast<double>(now - e.ts) * e.w;
        e.ts = now;
        e.w += delta;
        return;
      }
    }
    row.push_back({cls, delta, 0.0, now});
  }
  FlatMap index_{1 << 20};
  std::vector<uint64_t> keys_;
  std::vector<std::vector<TrainEntry>> rows_;
};

// Classes, dictionary and lemmatizer tables: everything but the weights.
Status BuildSkeleton(const std::vector<ConlluSentence>& train, const TaggerTrainOptions& opt,
                     TaggerModel* m,
                     std::map<std::pair<std::string, std::string>, uint8_t>* class_ids) {
  // Classes, sorted by (UPOS, XPOS) name for a stable numbering.
  std::set<std::pair<std::string, std::string>> names;
  for (const auto& s : train)
    for (const auto& w : s.words) {
      std::string u = UposFromName(w.upos) == Upos::kNone ? "X" : w.upos;
      names.insert({u, w.xpos});
    }
  if (names.empty()) return InvalidArgumentError("TrainTagger: no training words");
  if (names.size() > static_cast<size_t>(tag_internal::kMaxClasses))
    return InvalidArgumentError("TrainTagger: more than 255 (UPOS, XPOS) classes");
  // XPOS tags whose lemma is (almost) always the form: NNP "Homs", ADD
  // "www.un.org". Unseen words of these tags keep their form.
  // Only capitalised forms tell keeping from lowercasing: "And"/CC -> "and".
  std::map<std::string, std::pair<int, int>> identity;  // xpos -> (lemma == form, all)
  for (const auto& s : train)
    for (const auto& w : s.words) {
      if (LowerAscii(w.form) == w.form) continue;
      identity[w.xpos].first += w.lemma == w.form;
      identity[w.xpos].second++;
    }
  std::set<std::string> lemma_is_form;
  for (const auto& [x, c] : identity)
    if (c.first >= 0.95 * c.second && c.second >= 20) lemma_is_form.insert(x);
  for (const auto& [u, x] : names) {
    (*class_ids)[{u, x}] = static_cast<uint8_t>(m->class_upos.size());
    m->class_upos.push_back(UposFromName(u));
    m->class_xpos.push_back(x);
    m->class_lemma_is_form.push_back(lemma_is_form.count(x) ? 1 : 0);
  }
  auto class_of = [&](const ConlluWord& w) {
    std::string u = UposFromName(w.upos) == Upos::kNone ? "X" : w.upos;
    return class_ids->at({u, w.xpos});
  };

  // Tag dictionary over exact forms.
  std::map<std::string, std::map<uint8_t, int>> form_classes;
  for (const auto& s : train)
    for (const auto& w : s.words) form_classes[w.form][class_of(w)]++;
  std::vector<DictEntry> dict;
  for (const auto& [form, counts] : form_classes) {
    int total = 0;
    for (const auto& [c, n] : counts) total += n;
    if (total < opt.ambiguity_min_count) continue;
    DictEntry e;
    e.key = tag_internal::HashBytes(form, tag_internal::kFormSeed);
    uint64_t amb = tag_internal::kAmbSeed;
    e.cand_begin = static_cast<uint32_t>(m->dict_cands.size());
    for (const auto& [c, n] : counts) {
      amb = tag_internal::Feat(77, amb, c);
      m->dict_cands.push_back(c);
    }
    e.cand_count = static_cast<uint16_t>(counts.size());
    e.amb = amb ? amb : 1;
    e.restrict = opt.restrict_min_count > 0 && total >= opt.restrict_min_count ? 1 : 0;
    dict.push_back(e);
  }
  std::sort(dict.begin(), dict.end(),
            [](const DictEntry& a, const DictEntry& b) { return a.key < b.key; });
  m->dict = std::move(dict);

  // Lemmatizer: majority lemma per (form, xpos) and per (lowercase form, xpos).
  using Key = std::pair<std::string, std::string>;
  std::map<Key, std::map<std::string, int>> exact, lower;
  std::map<std::string, std::pair<int, int>> caps;  // xpos -> (kept capital, lowercased)
  // Known lemmas (lowercase): the runtime picks among spelling candidates
  // ("shelled" -> "shell" rather than "shel") with them.
  std::set<std::string> known;
  for (const auto& s : train)
    for (const auto& w : s.words)
      if (!w.lemma.empty() && !lemma_is_form.count(w.xpos)) known.insert(LowerAscii(w.lemma));
  if (opt.news_lemmas)
    for (const char* v : kIrregularVerbs) known.insert(std::string(v, std::strchr(v, ' ') - v));
  for (const auto& s : train)
    for (size_t i = 0; i < s.words.size(); ++i) {
      const auto& w = s.words[i];
      if (w.lemma.empty() || w.form.empty()) continue;
      std::string lemma = w.lemma;
      if (opt.news_lemmas && w.xpos == "NNS" && LowerAscii(w.lemma) == LowerAscii(w.form) &&
          RegularPlural(LowerAscii(w.form)))
        lemma = Singular(LowerAscii(w.form), known);
      exact[{w.form, w.xpos}][lemma]++;
      lower[{LowerAscii(w.form), w.xpos}][lemma]++;
      if (i > 0 && w.form[0] >= 'A' && w.form[0] <= 'Z' && !lemma_is_form.count(w.xpos) &&
          !w.lemma.empty()) {
        if (w.lemma[0] == w.form[0])
          caps[w.xpos].first++;
        else
          caps[w.xpos].second++;
      }
    }
  auto majority = [](const std::map<std::string, int>& counts) {
    const std::string* best = nullptr;
    int best_n = -1;
    for (const auto& [l, n] : counts)
      if (n > best_n) best = &l, best_n = n;
    return *best;
  };
  std::map<std::string, uint32_t> lemma_ids;
  auto lemma_id = [&](const std::string& l) {
    auto [it, inserted] = lemma_ids.emplace(l, static_cast<uint32_t>(m->lemmas.size()));
    if (inserted) m->lemmas.push_back(l);
    return it->second;
  };
  if (opt.news_lemmas) {
    // Irregular past forms the treebank does not have, under both VBD and
    // VBN (taggers confuse them): "fled" -> "flee".
    for (const char* v : kIrregularVerbs) {
      std::vector<std::string> parts;
      std::string cur;
      for (const char* c = v;; ++c) {
        if (*c == ' ' || *c == '/' || *c == 0) {
          parts.push_back(cur);
          cur.clear();
          if (*c == 0) break;
        } else {
          cur += *c;
        }
      }
      for (size_t k = 1; k < parts.size(); ++k)
        for (const char* x : {"VBD", "VBN"})
          if (parts[k] != parts[0] && !lower.count({parts[k], x}))
            lower[{parts[k], x}][parts[0]] = 1;
    }
  }
  for (const auto& l : known) m->known_lemmas.push_back(tag_internal::HashBytes(l));
  std::sort(m->known_lemmas.begin(), m->known_lemmas.end());
  std::map<Key, std::string> lower_major;
  for (const auto& [key, counts] : lower) {
    // A lowercase form seen as such keeps its own majority lemma; the counts
    // over all casings are the fallback for capitalised forms.
    auto own = exact.find(key);
    std::string l = majority(own != exact.end() ? own->second : counts);
    lower_major[key] = l;
    m->lower_keys.push_back(tag_internal::LowerKey(key.first, tag_internal::HashBytes(key.second)));
    m->lower_values.push_back(lemma_id(l));
  }
  for (const auto& [key, counts] : exact) {
    std::string l = majority(counts);
    const std::string& fallback = lemma_is_form.count(key.second)
                                      ? key.first
                                      : lower_major[{LowerAscii(key.first), key.second}];
    // Only forms with a capital are looked up exactly (see Lemmatize).
    if (l == fallback || LowerAscii(key.first) == key.first) continue;
    m->exact_keys.push_back(tag_internal::ExactKey(key.first, tag_internal::HashBytes(key.second)));
    m->exact_values.push_back(lemma_id(l));
  }
  // Suffix rules from the lowercase types: "attacked"/VBD -> "attack" gives
  // (strip 2, "") for the suffixes "ed", "ked", "cked", ... of length >= 2.
  std::map<Key, std::map<std::pair<uint32_t, std::string>, int>> rule_counts;
  for (const auto& [key, l] : lower_major) {
    if (lemma_is_form.count(key.second)) continue;
    const std::string& f = key.first;
    std::string ll = LowerAscii(l);
    size_t lcp = 0;
    while (lcp < f.size() && lcp < ll.size() && f[lcp] == ll[lcp]) ++lcp;
    uint32_t strip = static_cast<uint32_t>(f.size() - lcp);
    std::string append = ll.substr(lcp);
    for (size_t len = strip; len <= std::min<size_t>(f.size(), m->max_suffix); ++len)
      rule_counts[{key.second, f.substr(f.size() - len)}][{strip, append}]++;
  }
  std::map<std::pair<uint32_t, std::string>, uint32_t> rule_ids;
  for (const auto& [key, counts] : rule_counts) {
    const std::pair<uint32_t, std::string>* best = nullptr;
    int best_n = -1;
    for (const auto& [r, n] : counts)
      if (n > best_n) best = &r, best_n = n;
    auto [it, inserted] = rule_ids.emplace(*best, static_cast<uint32_t>(m->rules.size()));
    if (inserted) m->rules.push_back({best->first, best->second});
    const std::string& suffix = key.second;
    // RuleKey hashes the last `len` bytes of a form; the suffix is such a form.
    m->rule_keys.push_back(
        tag_internal::RuleKey(suffix, suffix.size(), tag_internal::HashBytes(key.first)));
    m->rule_values.push_back(it->second);
  }
  for (const auto& [x, kc] : caps)
    if (kc.first > kc.second) m->keep_case_xpos.push_back(tag_internal::HashBytes(x));
  return OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<Tagger>> TrainTagger(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const TaggerTrainOptions& options,
                                              std::ostream* log) {
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  TaggerModel skeleton;
  std::map<std::pair<std::string, std::string>, uint8_t> class_ids;
  SITREP_RETURN_IF_ERROR(BuildSkeleton(train, options, &skeleton, &class_ids));
  skeleton.main_verb_rule = options.main_verb_rule ? 1 : 0;
  skeleton.BuildIndexes();
  const size_t k = skeleton.class_upos.size();

  // Precompute word infos, gold classes and static features of every token.
  struct Sent {
    size_t info_begin, token_begin, size;
  };
  std::vector<Sent> sents;
  std::vector<WordInfo> infos;
  std::vector<uint8_t> gold;
  std::vector<uint64_t> static_feats;
  int num_static = 0;
  // Jackknifed ambiguity classes: a training word gets the class computed
  // without the sentences of its own fold, as an unseen test word would.
  constexpr int kFolds = 10;
  std::map<std::string, std::map<uint8_t, std::array<int, kFolds>>> fold_counts;
  {
    size_t si = 0;
    for (const auto& s : train) {
      if (s.words.empty()) continue;
      const int fold = static_cast<int>(si++ % kFolds);
      for (const auto& w : s.words) {
        std::string u = UposFromName(w.upos) == Upos::kNone ? "X" : w.upos;
        fold_counts[w.form][class_ids.at({u, w.xpos})][fold]++;
      }
    }
  }
  auto jack_amb = [&](const std::string& form, int fold) -> uint64_t {
    auto it = fold_counts.find(form);
    if (it == fold_counts.end()) return 0;
    int total = 0;
    uint64_t amb = tag_internal::kAmbSeed;
    for (const auto& [c, per_fold] : it->second) {
      int n = -per_fold[fold];
      for (int f : per_fold) n += f;
      if (n <= 0) continue;
      total += n;
      amb = tag_internal::Feat(77, amb, c);
    }
    if (total < options.ambiguity_min_count) return 0;
    return amb ? amb : 1;
  };
  size_t sent_index = 0;
  for (const auto& s : train) {
    if (s.words.empty()) continue;
    const int fold = static_cast<int>(sent_index++ % kFolds);
    Sent st{infos.size() + 2, gold.size(), s.words.size()};
    infos.push_back(tag_internal::BosInfo());
    infos.push_back(tag_internal::BosInfo());
    for (const auto& w : s.words) {
      WordInfo wi;
      skeleton.Describe(w.form, &wi);
      if (options.jackknife_ambiguity) {
        wi.amb = jack_amb(w.form, fold);
        if (!wi.amb && w.form != LowerAscii(w.form)) wi.amb = jack_amb(LowerAscii(w.form), fold);
        if (!wi.amb) {
          wi.amb = tag_internal::kUnknownAmb;
          if (skeleton.unknown_as_unk) wi.form = wi.lower = tag_internal::kUnkHash;
        }
      }
      infos.push_back(wi);
      std::string u = UposFromName(w.upos) == Upos::kNone ? "X" : w.upos;
      gold.push_back(class_ids.at({u, w.xpos}));
    }
    tag_internal::MarkSentenceCase(&infos[st.info_begin], st.size);
    infos.push_back(tag_internal::EosInfo());
    infos.push_back(tag_internal::EosInfo());
    sents.push_back(st);
  }
  for (const Sent& st : sents)
    for (size_t i = 0; i < st.size; ++i) {
      uint64_t buf[kMaxStatic];
      const int count = tag_internal::StaticFeatures(&infos[st.info_begin + i], buf);
      if (num_static && count != num_static)
        return InternalError("TrainTagger: StaticFeatures must return a fixed count");
      num_static = count;
      static_feats.insert(static_feats.end(), buf, buf + num_static);
    }

  Perceptron perceptron;
  std::vector<uint32_t> order(sents.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = options.seed;
  int64_t now = 1;
  std::unique_ptr<Tagger> best;
  double best_score = -1;
  int best_epoch = 0;
  uint64_t feats[tag_internal::kMaxFeatures];
  float scores[256];
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    Shuffle(order, rng);
    size_t correct = 0, total = 0;
    for (uint32_t si : order) {
      const Sent& st = sents[si];
      uint8_t p1 = tag_internal::kBosClass, p2 = tag_internal::kBosClass;
      for (size_t i = 0; i < st.size; ++i) {
        const size_t t = st.token_begin + i;
        std::copy_n(&static_feats[t * num_static], num_static, feats);
        const WordInfo* w = &infos[st.info_begin + i];
        int nf = num_static + tag_internal::DynamicFeatures(w, p1, p2, feats + num_static);
        std::fill_n(scores, k, 0.0f);  // the trainer adds sparse rows only
        perceptron.Score(feats, nf, scores);
        // Unconstrained: Allowed() is a prediction-time filter, not part of learning.
        uint8_t guess = skeleton.BestScored(*w, scores);
        if (guess != gold[t])
          perceptron.Update(feats, nf, gold[t], guess, now);
        else
          ++correct;
        ++total;
        ++now;
        p2 = p1;
        p1 = guess;
      }
    }
    auto model = std::make_unique<TaggerModel>(skeleton);
    perceptron.Compile(now, options.prune_below, model.get());
    model->BuildIndexes();
    auto tagger = std::make_unique<Tagger>(std::move(model));
    double score = epoch;  // without dev data, the last epoch wins
    std::string dev_text;
    if (!dev.empty()) {
      TaggerScores ds = EvaluateTagger(*tagger, dev);
      score = ds.upos + ds.xpos;
      dev_text = " dev upos " + std::to_string(ds.upos) + " xpos " + std::to_string(ds.xpos) +
                 " lemma " + std::to_string(ds.lemma);
    }
    if (log) {
      *log << "tagger epoch " << epoch << ": train acc " << (total ? 100.0 * correct / total : 0.0)
           << dev_text << " features " << perceptron.num_features() << " weights "
           << tagger->num_weights() << " (" << seconds() << " s)" << std::endl;
    }
    if (score > best_score) {
      best_score = score;
      best_epoch = epoch;
      best = std::move(tagger);
    } else if (!dev.empty() && epoch - best_epoch >= 3) {
      break;
    }
  }
  if (log) *log << "tagger: kept epoch " << best_epoch << " (" << seconds() << " s)" << std::endl;
  return best;
}

}  // namespace sitrep

// Internals of the tagger shared by the runtime (tagger.cc) and the trainer
// (tagger_train.cc): hashing, feature extraction, the compiled model layout.
// Not part of the public API; include tag/tagger.h instead.
//
// Features are 64-bit hashes of (template id, values). Word-level values are
// hashed once per word into a WordInfo, without building strings:
//   "Attacked" => form=H("Attacked") lower=H("attacked") suf3=H("ked")
//                 pre2=H("at") shape=H("Xx") flags={upper,init_cap,len=8}
// Static features (depend only on the words) and dynamic features (depend on
// the two previous predicted classes) are extracted separately so that the
// trainer can precompute the static ones once.
#ifndef SITREP_TAG_TAGGER_MODEL_H_
#define SITREP_TAG_TAGGER_MODEL_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace sitrep::tag_internal {

inline constexpr int kMaxFeatures = 48;
inline constexpr int kMaxClasses = 255;
inline constexpr uint8_t kBosClass = 255;      // "previous class" before the first word
inline constexpr uint64_t kFormSeed = 0x1001;  // seed of WordInfo::form and DictEntry::key
inline constexpr uint64_t kUnknownAmb = 0x5eed0a11b0a7ULL;  // ambiguity class of unknown words
inline constexpr uint64_t kAmbSeed = 0x0a3b;
inline constexpr uint64_t kUnkHash = 0x0dd0c0ffeeULL;  // form/lower of words too rare in training

inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t HashBytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return Mix64(h);
}

inline unsigned char AsciiLower(unsigned char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c + 32) : c;
}

// Hash of the ASCII-lowercased bytes s[begin, end).
inline uint64_t HashLower(std::string_view s, size_t begin, size_t end, uint64_t seed) {
  uint64_t h = 1469598103934665603ULL ^ seed;
  for (size_t i = begin; i < end; ++i) {
    h ^= AsciiLower(static_cast<unsigned char>(s[i]));
    h *= 1099511628211ULL;
  }
  return Mix64(h);
}

inline uint64_t Feat(uint64_t tmpl, uint64_t a) {
  return Mix64(a ^ (tmpl * 0x9E3779B97F4A7C15ULL));
}
inline uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b) {
  return Mix64(Feat(tmpl, a) + b * 0xC2B2AE3D27D4EB4FULL);
}
inline uint64_t Feat(uint64_t tmpl, uint64_t a, uint64_t b, uint64_t c) {
  return Mix64(Feat(tmpl, a, b) + c * 0x165667B19E3779F9ULL);
}

// Open-addressing map from nonzero 64-bit keys to a 32-bit value. Key 0 is
// remapped to 1 (one collision in 2^64).
class FlatMap {
 public:
  FlatMap() = default;
  explicit FlatMap(size_t expected) { Reset(expected); }
  void Reset(size_t expected) {
    size_t cap = 16;
    while (cap < expected * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_ = 0;
  }
  // Returns false if the key was already there (value left unchanged).
  bool Insert(uint64_t key, uint32_t value) {
    key = key ? key : 1;
    if ((size_ + 1) * 2 > slots_.size()) Grow();
    size_t i = key & mask_;
    while (slots_[i].key != 0) {
      if (slots_[i].key == key) return false;
      i = (i + 1) & mask_;
    }
    slots_[i] = {key, value};
    ++size_;
    return true;
  }
  const uint32_t* Find(uint64_t key) const {
    key = key ? key : 1;
    size_t i = key & mask_;
    while (true) {
      const Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == 0) return nullptr;
      i = (i + 1) & mask_;
    }
  }
  // Hints the cache that Find(key) will follow.
  void Prefetch(uint64_t key) const {
    key = key ? key : 1;
    __builtin_prefetch(&slots_[key & mask_]);
  }
  uint32_t* FindMutable(uint64_t key) {
    return const_cast<uint32_t*>(static_cast<const FlatMap*>(this)->Find(key));
  }
  size_t size() const { return size_; }

 private:
  struct Slot {
    uint64_t key = 0;
    uint32_t value = 0;
  };
  void Grow() {
    std::vector<Slot> old = std::move(slots_);
    Reset(old.size());
    for (const Slot& s : old)
      if (s.key) Insert(s.key, s.value);
  }
  std::vector<Slot> slots_ = std::vector<Slot>(1);  // one empty slot: Find works before Reset
  size_t mask_ = 0;
  size_t size_ = 0;
};

// Tag dictionary entry of a training word (keyed by the hash of its form).
struct DictEntry {
  uint64_t key = 0;
  uint64_t amb = 0;         // hash of its sorted class list, 0 if too rare
  uint32_t cand_begin = 0;  // [cand_begin, cand_begin + cand_count) of dict_cands
  uint16_t cand_count = 0;
  uint8_t restrict = 0;  // 1: only these classes may be predicted
  uint8_t pad = 0;
};

struct WordInfo {
  uint64_t form = 0, lower = 0, shape = 0, amb = 0;
  uint64_t pre[3] = {0, 0, 0};
  uint64_t suf[4] = {0, 0, 0, 0};
  uint64_t flags = 0;
  int32_t dict = -1;             // index into TaggerModel::dict, -1 if unknown
  int32_t lex = -1;              // dict entry of the form, else of its lowercase ("AMONG"), else -1
  uint8_t noun_by_plural = 0;    // an adjective in training whose plural was a noun ("civilians")
  uint8_t verb_by_stem = 0;      // a form in -s whose stem was a base verb ("wounds": "wound")
  uint8_t verb_by_past = 0;      // a noun whose past form was a verb ("gun": "gunned")
  uint8_t news_verb = 0;         // MarkNewsVerb(): 1 a news verb's base form, 2 its -s form
  uint8_t news_preposition = 0;  // "amid", "amidst": IN at prediction (Best())
  uint8_t noun_by_lower = 0;     // MarkByLower(): "Fighting" whose lowercase was NN
  uint8_t number_by_lower = 0;   // MarkByLower(): "Seven" whose lowercase was CD
  uint8_t news_past = 0;         // MarkNewsPast(): "wounded", the -ed form of a news verb
  uint8_t plural_noun = 0;       // MarkPluralNoun(): seen as NNS, or its singular as NN
  uint8_t acronym = 0;           // MarkAcronyms(): "IS" of "IS militants", NNP at prediction
  uint8_t news_noun = 0;      // MarkNewsNouns(): 1 a coder's event noun, 2 its plural ("strikes")
  uint8_t news_compound = 0;  // MarkNewsNouns(): the same for the head of "car bomb", "air strikes"
  uint32_t sentence_case = 0;  // MarkSentenceCase(): 0 mixed, 1 title, 2 upper, 3 lower
  // For TaggerModel::MainVerbRule (not features):
  uint8_t np_start = 0;       // can start a noun phrase ("the", "four", "rebel"), not "in", ","
  uint8_t clause_opener = 0;  // "when", "after", "as", "because", "that", ... (opens a clause)
  uint8_t coord = 0;          // "and", "but"
};

// One stored weight: feature row entries are (class, weight).
struct WeightEntry {
  uint32_t cls;
  float w;
};

// Suffix-rewrite rule of the lemmatizer: strip `strip` bytes, append `append`.
struct LemmaRule {
  uint32_t strip = 0;
  std::string append;
};

// The compiled, immutable model.
struct TaggerModel {
  // Classes.
  std::vector<Upos> class_upos;
  std::vector<std::string> class_xpos;
  std::vector<uint64_t> class_xpos_hash;  // HashBytes(xpos), for lemma tables
  // Derived from class_upos/class_xpos by BuildIndexes(), for MainVerbRule():
  std::vector<uint8_t> class_finite;  // VBD, VBZ, VBP, MD
  std::vector<uint8_t> class_np;      // 1: DT CD PRP$ JJ NN ... start noun phrases; 2: IN TO , ...
  std::vector<uint8_t> class_determiner;  // DT PDT PRP$
  std::vector<uint8_t> class_nominal;     // NN, NNS, NNP, NNPS, PRP
  std::vector<uint8_t> class_verbal;      // VB*, MD, TO
  // Closed word classes (MD DT PDT IN CC PRP PRP$ WP WP$ WDT WRB EX TO POS RP):
  // Best() gives one to a word only when training saw the word in it.
  std::vector<uint8_t> class_closed;
  int vbd_class = -1, vbn_class = -1;  // VERB/VBD, VERB/VBN
  int vb_class = -1;                   // VERB/VB
  int vbp_class = -1, vbz_class = -1;  // VERB/VBP, VERB/VBZ
  int rp_class = -1;                   // ADP/RP (particle: "gun down")
  int nns_class = -1;                  // NOUN/NNS
  int nn_class = -1, jj_class = -1;    // NOUN/NN, ADJ/JJ
  int nnp_class = -1;                  // PROPN/NNP
  int nnps_class = -1;                 // PROPN/NNPS
  int in_class = -1;                   // ADP/IN
  int vbg_class = -1, cc_class = -1;
  int cd_class = -1;                             // NUM/CD             // VERB/VBG, CCONJ/CC
  int open_quote_class = -1;                     // PUNCT/``
  int hyph_class = -1;                           // PUNCT/HYPH
  std::vector<uint8_t> class_common_noun;        // NOUN/NN, NOUN/NNS
  std::vector<uint8_t> class_singular;           // NN, NNP
  std::vector<uint8_t> class_det_or_number;      // DT, CD, PRP$ (open a definite object)
  int comma_class = -1, close_quote_class = -1;  // PUNCT/, and PUNCT/''
  int period_class = -1;                         // PUNCT/. (also ! and ?)
  std::vector<uint8_t>
      class_lemma_is_form;  // unseen words of this XPOS (NNP, ADD) keep their form as lemma

  // Verb lemmas the treebank barely has but news headlines use ("ambush",
  // "recapture", "gun" of "gun down"), hashed like dictionary forms: the
  // event coder's verbs (Tagger::AddHeadlineVerbs). Not part of the model
  // file; empty unless a coder is set. HeadlineVerbRule's evidence.
  FlatMap news_verbs;
  // The coder's event nouns (Tagger::AddHeadlineNouns), by lowercase hash
  // (kLowerSeed) of the form: a one-word noun in news_nouns, a compound's
  // last two words in news_compounds (CompoundKey); value 1 for the singular,
  // 2 for the plural. EventNounRule's evidence; not part of the model file.
  FlatMap news_nouns;
  FlatMap news_compounds;
  static uint64_t CompoundKey(uint64_t modifier, uint64_t head) {
    return Mix64(modifier ^ (head * 0x9E3779B97F4A7C15ULL));
  }

  // Tag dictionary.
  std::vector<DictEntry> dict;
  std::vector<uint8_t> dict_cands;
  FlatMap dict_index;  // form hash -> index into dict

  // Perceptron weights: feature hash -> row of entries.
  std::vector<uint64_t> feat_keys;
  std::vector<uint32_t> feat_counts;
  std::vector<WeightEntry> weights;
  FlatMap feat_index;  // feature hash -> index into feat_keys

  // Lemmatizer.
  std::vector<std::string> lemmas;
  std::vector<uint64_t> exact_keys;  // Feat(1, form with a capital, xpos) -> lemma index
  std::vector<uint32_t> exact_values;
  std::vector<uint64_t> lower_keys;  // Feat(2, lower form, xpos) -> lemma index
  std::vector<uint32_t> lower_values;
  std::vector<LemmaRule> rules;
  std::vector<uint64_t> rule_keys;  // Feat(3, xpos, suffix) -> rule index
  std::vector<uint32_t> rule_values;
  std::vector<uint64_t> keep_case_xpos;  // xpos hashes whose lemma keeps an initial capital
  // Sorted HashBytes() of the lowercase lemmas seen in training (and of the
  // irregular verbs' bases): Lemmatize() prefers a spelling candidate that
  // is a known lemma ("shelled" -> "shell", not "shel").
  std::vector<uint64_t> known_lemmas;
  bool KnownLemma(std::string_view lemma) const {
    return std::binary_search(known_lemmas.begin(), known_lemmas.end(), HashBytes(lemma));
  }
  uint32_t max_suffix = 6;
  // Words not in the dictionary get form = lower = kUnkHash (model flag).
  uint8_t unknown_as_unk = 1;
  FlatMap exact_index, lower_index, rule_index;

  // Builds the FlatMap indexes and offsets from the vectors above.
  void BuildIndexes();

  // WordInfo::np_start of a dictionary word: one of its classes starts noun
  // phrases and none is a preposition, particle or punctuation.
  uint8_t NpStart(const DictEntry& e) const;
  // Whether a word was seen as a determiner (DT, PDT, PRP$), "that" aside:
  // "a" and "the" have rare readings in the web treebank (IN, CC, LS) that
  // make their np_start 0.
  bool IsDeterminer(const WordInfo& info) const;
  // Whether class `cls` is among the entry's training classes.
  bool HasClass(const DictEntry& e, int cls) const;

  // Fills info for one word (dictionary lookup included).
  void Describe(std::string_view word, WordInfo* info) const;
  // Sets info->noun_by_plural for a described word seen only as an adjective
  // whose plural was seen as a noun (InitialNounRule's and ObjectNounRule's
  // evidence).
  void MarkNounByPlural(std::string_view word, WordInfo* info) const;
  // For a sentence's capitalised first word, one lookup of its lowercase
  // form: info->noun_by_lower if it was seen as a singular noun ("Fighting":
  // "the fighting"; evidence of HeadlineGerundRule and GerundSubject), and
  // info->number_by_lower if as a number ("Seven"; InitialNumberRule's).
  void MarkByLower(std::string_view word, WordInfo* info) const;
  // In a Title Case line ("Rebels Attack Army Base Near Homs"), whether a
  // capitalised word other than the first is read in lower case: a function
  // word (its lower case was seen in a closed class: "Near", "Than",
  // "After", "Into") that training never saw capitalised as a name. The treebank
  // has few such lines, so the model reads their capitals as names. Content
  // words keep their capitals: lowering them cost EWT accuracy.
  bool TitleWordReadsAsLower(std::string_view word, const WordInfo& info) const;
  // Whether a word ends in "ing" (by the suffix hash Describe() set).
  static bool EndsInIng(const WordInfo& info);
  // Sets info->news_past for the -ed/-d form of a news verb (news_verbs:
  // "wounded", "injured"), AdjectivePastRule's evidence where the treebank
  // saw the word only as an adjective.
  void MarkNewsPast(std::string_view word, WordInfo* info) const;
  // Sets info->plural_noun for a word in -s seen as NNS, or whose singular
  // was seen as NN ("strikes": "strike"): PluralSubjectRule's evidence.
  void MarkPluralNoun(std::string_view word, WordInfo* info) const;
  // Sets info->verb_by_stem (CoordinatedVerbRule's evidence for a word
  // after a comma).
  void MarkVerbByStem(std::string_view word, WordInfo* info) const;
  // Sets info->verb_by_past for a word seen as a noun but never as a base
  // verb whose past form was seen as VBD/VBN ("gun": "gunned", "shell":
  // "shelled"): HeadlineVerbRule's evidence in headlines.
  void MarkVerbByPast(std::string_view word, WordInfo* info) const;
  // Sets WordInfo::acronym of infos[0..n): "IS" (the Islamic State) and
  // "WHO" (the World Health Organization), upper-case names spelt like
  // function words, are names ("IS claims attack", "kill 2 IS militants") in
  // a sentence that is not upper case, unless a neighbour is upper case too
  // (shouting: "SHE IS THE BEST") or the word opens a question before a
  // function word ("IS there any ...").
  void MarkAcronyms(WordInfo* infos, size_t n) const;
  // Sets news_noun and news_compound of infos[0..n) (news_nouns,
  // news_compounds) for EventNounRule.
  void MarkNewsNouns(const std::vector<std::string_view>& words, WordInfo* infos) const;
  // Sets info->news_verb: 1 if the lowercase word is in news_verbs ("ambush"),
  // 2 if it is one of them + "s"/"es" ("targets", "ambushes").
  void MarkNewsVerb(std::string_view word, WordInfo* info) const;
  // The dictionary entry of lowercase `stem` + `suffix` ("Civilian", "s":
  // "civilians"), nullptr if training did not see it.
  const DictEntry* LowerFormWith(std::string_view stem, std::string_view suffix) const;
  // An unseen lower-case verb form made of a prefix (re, over, under, out,
  // with, mis, up) and a past form seen only as a verb: "retook" (took),
  // "overran" (ran). Returns the remainder's dictionary index and sets
  // *prefix_len, or -1. Describe() reads the word as the remainder (its
  // ambiguity class and allowed classes) and Lemmatize() as the prefix plus
  // the remainder's lemma ("retake").
  int32_t PrefixedPastVerb(std::string_view word, size_t* prefix_len) const;

  // Predicts classes for n words; `infos` points at element 0 of an array
  // with two padding entries on each side (BOS at -2,-1; EOS at n, n+1).
  // Greedy decoding, then MainVerbRule() corrections (each followed by
  // decoding the rest of the sentence again).
  void Predict(const WordInfo* infos, size_t n, uint8_t* classes) const;
  // Greedy decoding of words [begin, n), classes [0, begin) being fixed.
  void Decode(const WordInfo* infos, size_t begin, size_t n, uint8_t* classes) const;
  // News main verbs. The treebank's web text makes "-ed" after a noun mostly
  // a participle ("items purchased"), so greedy decoding tags "Gunmen
  // killed four officers" killed/VBN. Returns the first word i >= begin
  // tagged VERB/VBN (or VERB/VB, last case) that is a clause's past-tense
  // main verb (to become VERB/VBD), or n:
  //  * no verb before it in the sentence (or since the last "when", "after",
  //    "as", "that", ... or closing quote), a noun or pronoun right before it, and
  //    either a word that can start a noun phrase right after it (an
  //    object: "killed four"; or "and" and another past form before it:
  //    "attacked and overran several checkpoints") or, in a sentence ending
  //    in . ! ?, no finite
  //    verb after it before the next clause opener ("The minister resigned
  //    after ..."; but the headline "Officer killed in Kabul blast" keeps VBN);
  //  * or it follows "and"/"but" after a VERB/VBD with no verb in between,
  //    and an object follows ("arrested 23 people and confiscated weapons");
  //  * or it follows a comma that closes a participle phrase opened right
  //    after the subject, with no finite verb yet ("The ceasefire, brokered
  //    by Egypt, collapsed");
  //  * or (for VERB/VB) it directly follows a singular noun with no verb
  //    before it in its clause, and the word has been seen as VBD ("when a
  //    shell hit their house": finite, and not VBZ, so past).
  // "The man killed in the attack was ..." keeps VBN (finite verb after,
  // no object). On EWT dev the rule changes little (XPOS 94.58 -> 94.60).
  size_t MainVerbRule(const WordInfo* infos, size_t begin, size_t n, const uint8_t* classes) const;
  uint8_t main_verb_rule = 1;  // model flag: apply MainVerbRule() and HeadlineVerbRule()
  // Headlines drop articles and auxiliaries, and the web treebank has few, so
  // greedy decoding reads the verb of "Taliban attack buses in north
  // Afghanistan" or "Gunmen kill 2 militants" as a noun. In a sentence that
  // does not end in . ! ?, returns the first common noun i that
  //  * has been seen in training as a present-tense verb (VBP or VB, or VBZ
  //    for a form in -s),
  //  * comes right after a noun or pronoun (or a quote after one) with no
  //    verb before it in its clause (the sentence, or since the last clause
  //    opener: "Two killed after bandits ambush herders"; Predict() applies
  //    the rule up to three times),
  //  * is followed by a word that can start a noun phrase (its object; after
  //    an opening quote or a particle: "gun down tribal elder"; a determiner
  //    counts, but not right after a particle that may be a preposition:
  //    "attack on a former spy"),
  //  * and has no verb after it before the next comma or clause opener (a
  //    participle opening the object, "kill suspected gunman", is none, but
  //    one before a determiner or number has its own object: "forces
  //    arrested three members"; nor is the verb of a clause "and NOUN VERB");
  // *cls is the verb class to give it. Returns n if there is none. A full
  // sentence ("The attack plans were ...") is never changed.
  size_t HeadlineVerbRule(const WordInfo* infos, size_t n, const uint8_t* classes,
                          uint8_t* cls) const;
  // "Shelling targets the Eastern Ghouta", "Fighting rages in Tripoli": in a
  // headline (no final . ! ?), whether the first word is an -ing form tagged
  // NN, or VBG and may be a noun (unseen in training, or seen itself or in
  // lower case as a singular noun). HeadlineVerbRule then reads it as the
  // subject of a plural-looking word right after it, which may also be
  // followed by a preposition when seen as VBZ, a coder verb's -s form,
  // unseen, or an -s form whose stem is a verb (MarkVerbByStem); Predict()
  // makes a VBG subject a noun (NN).
  bool GerundSubject(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Rocket fire hits Sderot", "Police raid targets activists": in a
  // headline, a word tagged VB/VBP right after a singular common noun, with
  // no verb before them in the clause, that was seen as a singular noun, and
  // is followed by the -s form of a news verb (MarkNewsVerb) before a noun
  // phrase or a number, is a noun of the subject, and the -s word its verb:
  // a singular subject takes no VBP. Returns the -s word's index (Predict()
  // makes the word before it NN and it VBZ), or n.
  size_t CompoundSubjectRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Man shot in Sao Jose complex", "Journalist shot dead": in a headline (no
  // final . ! ?) with no verb at all, a singular common noun right after a
  // noun or pronoun, seen in training as VBN or VBD ("shot"), before a
  // preposition or "dead", is the headline's passive participle (VBN).
  // Returns its index, or n.
  size_t HeadlineParticipleRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Police found a man shot(NN) dead", "A gunman shot(NN) dead a
  // policeman": in any sentence, a singular common noun seen in training as
  // VBN or VBD, right after a noun or pronoun and right before "dead", is
  // the verb of the killing ("shot dead" is never a noun phrase). Past
  // (*cls VBD) when no verb precedes it in its clause and a noun phrase
  // follows "dead" (its object), else the participle (VBN). Returns its
  // index from `begin`, or n.
  size_t ShotDeadRule(const WordInfo* infos, size_t begin, size_t n, const uint8_t* classes,
                      uint8_t* cls) const;
  // "Shelling and clashes in Quneitra", "Fighting in Tripoli": a headline (no
  // final . ! ?) with no verb but its first word, an -ing form (VBG) before
  // "and"/"or" and a common noun or before a preposition, opens with a noun
  // (an event's name), not with a gerund subject whose verb is missing. Only
  // a word unseen in training or seen (itself or in lower case) as a singular
  // noun. Whether word 0 is one.
  bool HeadlineGerundRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Civilian killed in Raqqa countryside", "Teen killed as ...": a sentence
  // that opens with an adjective seen as a singular noun too (or whose
  // plural was seen as a noun: "civilians"), right before a verb, opens with
  // that noun (an adjective there would have nothing to modify). Whether
  // word 0 is one.
  bool InitialNounRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Renewed clashes take place in ...", "Displaced families return home": a
  // headline (no final . ! ?) that opens with a past form tagged VBD or VBN,
  // then a noun, then
  // a present-tense verb (VBP, VBZ or VB) opens with an adjective: the
  // present verb is the clause's. Whether word 0 is one.
  bool InitialAdjectiveRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Seven people were killed", "Seven killed in Mayadin": a sentence that
  // opens with a capitalised word read as a proper noun whose lower case was
  // seen as a number (MarkByLower), before a word with no capital
  // letter, opens with that number ("Seven Seas Navigation" keeps its
  // name). Whether word 0 is one.
  bool InitialNumberRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "The blast(JJ) left(NN) 12 people dead.": in a sentence with no verb at
  // all, a singular noun seen in training as VBD, right after a determiner
  // and an adjective or noun that was seen as a noun (or never seen, in
  // lower case: EWT has no "blast"), and right before the
  // start of a noun phrase, is the past verb and the word before it its
  // subject. Returns the verb's index (the subject is the word before), or n.
  size_t NounPastRule(const WordInfo* infos, size_t n, const uint8_t* classes) const;
  // "Irish guerrillas wounded(JJ) two British soldiers ..., police said": an
  // adjective seen in training as VBD or VBN, right after a noun or pronoun
  // with no verb before it in its clause, and right before a determiner,
  // number or possessive (its object), is the clause's past verb (VBD).
  // Also an adjective that is the -ed form of a news verb (MarkNewsPast).
  // Returns its index from `begin`, or n.
  size_t AdjectivePastRule(const WordInfo* infos, size_t begin, size_t n,
                           const uint8_t* classes) const;
  // "An explosion killed at least 12 people and wounded(JJ) 30 others": an
  // adjective seen in training as VBD or VBN (or a news verb's -ed form),
  // right after "and", right before a determiner, number or possessive,
  // where the clause's last verb is a past tense (VBD) with a noun after it
  // before the "and", is that verb's coordinated past (VBD). Returns its
  // index from `begin`, or n.
  size_t CoordinatedPastRule(const WordInfo* infos, size_t begin, size_t n,
                             const uint8_t* classes) const;
  // "Coalition air strikes(VBZ) hit Houthi positions", "rockets(VBZ) had
  // hit": a word tagged VBZ/VBP that may be a plural noun (MarkPluralNoun),
  // right before a finite verb or a participle, and after a noun,
  // adjective, determiner, number or a clause opener, is that verb's plural
  // subject (NNS).
  // Returns its index from `begin`, or n.
  size_t PluralSubjectRule(const WordInfo* infos, size_t begin, size_t n,
                           const uint8_t* classes) const;
  // "Suicide attack kills 4, wounds 5 in ...", "Taliban attack buses, kill
  // 9, abduct 35": after a comma, a noun seen as a verb of the same person
  // as the clause's finite verb (VBZ for a form in -s, or one whose stem is
  // a base verb; VBP otherwise), before a number or a noun phrase, is that
  // verb's conjunct. Returns the first such word (its class in *cls), or n.
  size_t CoordinatedVerbRule(const WordInfo* infos, size_t n, const uint8_t* classes,
                             uint8_t* cls) const;
  // "Troops kill militant in Kunar", "forces kill civilian working on his
  // land": right after a verb, a word seen only as an adjective whose plural
  // was seen as a noun ("militants", "civilians"), with no noun, adjective or
  // number after it to modify, is that noun. Returns the first such word i
  // >= begin, or n.
  // Event nouns the decoder read as verbs (news_nouns, news_compounds):
  // "Car bomb(VBP) in Baghdad", "Air strikes(VBZ) on Nawa", a sentence's
  // first word "Airstrikes(NNP) on Nawa" before a preposition, and a noun
  // after a noun in the second conjunct of "between": "clashes between
  // rebels and regime forces(VBZ) in Daraa". Returns the word to become a
  // noun (*cls NN or NNS) from `begin` on, or n; *modifier is set when the
  // word before it, a proper noun only by its capital, becomes NN too.
  size_t EventNounRule(const WordInfo* infos, size_t begin, size_t n, const uint8_t* classes,
                       uint8_t* cls, bool* modifier) const;
  size_t ObjectNounRule(const WordInfo* infos, size_t begin, size_t n,
                        const uint8_t* classes) const;
  // "Two soldiers and a civilian(JJ) were killed": an adjective seen in
  // training as a noun (or whose plural was a noun), right after a
  // determiner and right before a finite verb or an auxiliary, is that noun
  // (NN). Returns its index from `begin`, or n.
  size_t DeterminerAdjectiveNounRule(const WordInfo* infos, size_t begin, size_t n,
                                     const uint8_t* classes) const;
  // "dozens were hurt(VB)": a base, present or past form right after a form
  // of "be" (was, were, been, being, is, are, be) that training saw as a
  // past participle is that participle (VBN). Returns its index from
  // `begin`, or n.
  size_t ParticipleAfterBeRule(const WordInfo* infos, size_t begin, size_t n,
                               const uint8_t* classes) const;

  // Writes the lemma of `word` tagged with class `cls` into *out: the
  // (form, XPOS) tables, else the longest-suffix rule; when the rule's
  // result is not a known lemma, RespellLemma() may replace it.
  void Lemmatize(std::string_view word, uint8_t cls, std::string* out) const;
  // For a verb form in -ed/-ing or a plural/VBZ in -s whose rule lemma
  // *out is unknown: the first known lemma among the spelling candidates
  // ("shelled": shell; "patrolled": patroll, patrolle, patrol; "crises":
  // crise, cris, crisis); else *out without a doubled final consonant other
  // than ll/ss/ff/zz.
  void RespellLemma(std::string_view word, uint8_t cls, std::string* out) const;

  // Adds the scores of features [feats, feats+n) into scores[0..K).
  // feat_index values pack (row offset << 8 | row length).
  // Rows with at least kDenseMin entries are kept dense (num_classes_padded
  // floats, added with SIMD); feat_index values with the top bit set are
  // offsets into dense_weights.
  static constexpr uint32_t kDenseMin = 12;
  static constexpr uint32_t kDenseBit = 0x80000000u;
  void Score(const uint64_t* feats, int n, float* scores) const {
    // Three passes so that the cache misses of a token overlap: prefetch the
    // slots, find the rows and prefetch them, then add.
    uint32_t vals[kMaxFeatures];
    int m = 0;
    for (int i = 0; i < n; ++i) feat_index.Prefetch(feats[i]);
    for (int i = 0; i < n; ++i) {
      const uint32_t* v = feat_index.Find(feats[i]);
      if (!v) continue;
      vals[m++] = *v;
      if (*v & kDenseBit)
        __builtin_prefetch(dense_weights.data() + (*v & ~kDenseBit));
      else
        __builtin_prefetch(weights.data() + (*v >> 8));
    }
    for (int j = 0; j < m; ++j) {
      const uint32_t v = vals[j];
      if (v & kDenseBit) {
        AddDense(dense_weights.data() + (v & ~kDenseBit), scores);
        continue;
      }
      const WeightEntry* e = weights.data() + (v >> 8);
      const WeightEntry* end = e + (v & 0xff);
      for (; e != end; ++e) scores[e->cls] += e->w;
    }
  }
  void AddDense(const float* row, float* scores) const;
  std::vector<float> dense_weights;
  size_t num_classes_padded = 0;  // class count rounded up to a multiple of 4
  // Best class among the word's allowed ones: BestScored(), unless Allowed()
  // refuses it; then the best class the word may take.
  uint8_t Best(const WordInfo& info, float* scores) const;
  // Whether a word with dictionary entry e (nullptr: unknown) may take class
  // cls: a closed class only if training saw the word in it, and VB or VBP
  // not for a form seen as VBD/VBN but never as VB or VBP. Prediction-time
  // constraints (the model is unchanged); on EWT test UPOS 95.42 -> 95.45.
  // A word with letters takes a punctuation class (",", "." ...) only if
  // training saw it there: "the M23 immediately withdraw(,) from" was a comma.
  bool Allowed(const DictEntry* e, int cls, bool letters) const;
  // Best-scoring class, among the dictionary's classes for a restricted word.
  // Writes -inf into the padding scores[K, num_classes_padded).
  uint8_t BestScored(const WordInfo& info, float* scores) const;
};

// Sets WordInfo::sentence_case of infos[0..n): whether the sentence is
// mostly Title Case ("Rebels Attack Town"), UPPER CASE, all lowercase or mixed.
void MarkSentenceCase(WordInfo* infos, size_t n);

// Padding infos.
WordInfo BosInfo();
WordInfo EosInfo();

// Static features of the word at w[0] (w[-2..2] valid). Returns the count,
// which must be the same for every word (the trainer stores them in a grid).
int StaticFeatures(const WordInfo* w, uint64_t* out);
// Features depending on the previous two predicted classes.
int DynamicFeatures(const WordInfo* w, uint8_t p1, uint8_t p2, uint64_t* out);

// The (lowercased form, xpos) keys of the lemma tables.
inline uint64_t ExactKey(std::string_view form, uint64_t xpos_hash) {
  return Feat(1, HashBytes(form), xpos_hash);
}
inline uint64_t LowerKey(std::string_view form, uint64_t xpos_hash) {
  return Feat(2, HashLower(form, 0, form.size(), 0), xpos_hash);
}
inline uint64_t RuleKey(std::string_view form, size_t suffix_len, uint64_t xpos_hash) {
  return Feat(3, xpos_hash, HashLower(form, form.size() - suffix_len, form.size(), 0));
}

}  // namespace sitrep::tag_internal

#endif  // SITREP_TAG_TAGGER_MODEL_H_

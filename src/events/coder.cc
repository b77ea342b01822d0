#include "events/coder.h"

#include <algorithm>
#include <numeric>
#include <span>

#include "core/clause.h"
#include "core/paths.h"
#include "core/strings.h"
#include "events/derived_codes.h"

#ifdef SITREP_EVENTS_HAVE_ACTORS
#include "actors/recognizer.h"
#endif
#ifdef SITREP_EVENTS_HAVE_CAMEO
#include "cameo/cameo.h"
#endif

namespace sitrep::events {

struct Coder::Impl {
#ifdef SITREP_EVENTS_HAVE_ACTORS
  std::unique_ptr<actors::Recognizer> recognizer;
#endif
#ifdef SITREP_EVENTS_HAVE_CAMEO
  std::unique_ptr<cameo::ModeDetector> modes;
#endif
};

namespace {

constexpr int32_t kNil = -1;

// Whether the ASCII lower case of s is `lower` (which is lower case), without a copy.
bool EqualsLower(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

// ASCII lower case of s into *out, reusing its buffer.
void LowerInto(std::string_view s, std::string* out) {
  out->assign(s);
  for (char& c : *out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

bool IsRelPronoun(std::string_view lower) {
  return lower == "who" || lower == "which" || lower == "that" || lower == "whom" ||
         lower == "what" || lower == "whose";
}

// "dozens of vehicles", "hundreds of their positions": the noun after "of" is
// what the phrase is about.
bool IsQuantityNoun(std::string_view l) {
  return l == "dozen" || l == "dozens" || l == "hundred" || l == "hundreds" || l == "thousand" ||
         l == "thousands" || l == "score" || l == "scores" || l == "number" || l == "quantity" ||
         l == "amount" || l == "lot" || l == "group" || l == "handful" || l == "couple" ||
         l == "pair" || l == "batch" || l == "some" || l == "many" || l == "most" || l == "all" ||
         l == "ten" || l == "tens" || l == "million" || l == "millions";
}

bool IsNominal(Upos u) {
  return u == Upos::kNoun || u == Upos::kPropn || u == Upos::kPron || u == Upos::kNum ||
         u == Upos::kX;
}

int Root(std::string_view code) {
  if (code.size() < 2) return 0;
  return (code[0] - '0') * 10 + (code[1] - '0');
}

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Prepositions whose noun is a target when no pattern says otherwise:
// "clashed with X", "fired at X", "called on X", "sanctions against X".
bool IsTargetPrep(std::string_view p) {
  return p == "against" || p == "on" || p == "upon" || p == "with" || p == "to" || p == "toward" ||
         p == "towards" || p == "at" || p == "into" || p == "onto";
}

// Nouns that are never actors: times and channels ("on Thursday", "by
// telephone"), the occasion of an act ("at the request of Britain"), and
// where shots go that hit no one ("fired into the air", "into the sea").
bool IsNonActorNoun(std::string_view l) {
  if (WeekdayIndex(l) >= 0 || MonthIndex(l) != 0) return true;
  static constexpr std::string_view kWords[] = {
      "morning",    "afternoon", "evening",   "night",      "overnight",  "week",       "weekend",
      "month",      "year",      "day",       "today",      "yesterday",  "tomorrow",   "hour",
      "minute",     "time",      "dawn",      "dusk",       "midnight",   "noon",       "telephone",
      "phone",      "email",     "statement", "interview",  "letter",     "video",      "message",
      "conference", "briefing",  "decade",    "century",    "season",     "tonight",    "date",
      "wound",      "injury",    "gunshot",   "shrapnel",   "blast",      "explosion",  "crash",
      "accident",   "disease",   "hunger",    "flood",      "earthquake", "storm",      "illness",
      "fire",       "heat",      "cold",      "figure",     "data",       "estimate",   "tally",
      "count",      "record",    "request",   "invitation", "behest",     "initiative", "air",
      "sky",        "sea",       "ocean",     "water",      "waters",     "alert"};
  for (std::string_view w : kWords) {
    if (l == w) return true;
  }
  return false;
}

// Gatherings that stand for the people in them when they are the target of
// repression or violence ("police broke up the rally", "troops opened fire on
// a demonstration", "an airstrike hit a wedding"): the sector of those
// people, else empty.
std::string_view GatheringSector(std::string_view l) {
  static constexpr std::string_view kProtests[] = {"protest", "demonstration", "rally",
                                                   "march",   "sit-in",        "vigil"};
  for (std::string_view w : kProtests) {
    if (l == w) return "OPP";
  }
  if (l == "crowd" || l == "gathering" || l == "wedding" || l == "funeral") return "CVL";
  return {};
}

// Nouns that name a settlement or an area, never an actor ("al-Dumayr city's
// clashes"). Not country, state or capital, which may stand for a government.
bool IsAreaNoun(std::string_view l) {
  static constexpr std::string_view kWords[] = {
      "city",   "town",     "village",      "province", "district",      "governorate",
      "county", "region",   "countryside",  "suburb",   "neighbourhood", "neighborhood",
      "camp",   "locality", "municipality", "area",     "outskirts"};
  for (std::string_view w : kWords) {
    if (l == w) return true;
  }
  return false;
}

// Verbs whose object does what a "to" infinitive after it says ("forced
// the army to withdraw", "sent troops to quell the unrest"). After any other
// verb such an infinitive is the subject's purpose ("Pakistan summoned the
// envoy to protest", "police used tear gas to disperse them").
bool IsObjectControlVerb(std::string_view l) {
  static constexpr std::string_view kWords[] = {
      "ask",       "urge",     "force",    "order",    "allow",     "permit",    "invite",
      "encourage", "persuade", "compel",   "tell",     "warn",      "require",   "enable",
      "help",      "pressure", "press",    "push",     "oblige",    "authorize", "authorise",
      "instruct",  "direct",   "prompt",   "cause",    "get",       "want",      "expect",
      "send",      "deploy",   "dispatch", "mobilize", "mobilise",  "hire",      "recruit",
      "train",     "arm",      "lead",     "assign",   "task",      "empower",   "incite",
      "call",      "appeal",   "beg",      "implore",  "challenge", "pay",       "leave",
      "need",      "like",     "advise",   "remind",   "inspire",   "motivate",  "drive"};
  for (std::string_view w : kWords) {
    if (l == w) return true;
  }
  return false;
}

// Verbs whose subject may be an event noun or weapon that stands for the
// attacker: "air strikes killed 12 civilians".
bool IsCasualtyVerb(std::string_view lemma) {
  return lemma == "kill" || lemma == "wound" || lemma == "injure" || lemma == "hurt" ||
         lemma == "die";
}

bool IsDeathVerb(std::string_view lemma) { return lemma == "die" || lemma == "perish"; }

bool IsInstrumentVerb(std::string_view lemma) {
  return lemma == "kill" || lemma == "hit" || lemma == "destroy" || lemma == "wound" ||
         lemma == "injure" || lemma == "damage" || lemma == "target" || lemma == "strike" ||
         lemma == "level" || lemma == "flatten" || lemma == "claim";
}

// The parse of one sentence with child lists, reused across sentences.
class SentenceView {
 public:
  void Reset(const Document& doc, const Sentence& s) {
    doc_ = &doc;
    b_ = s.token_begin;
    e_ = s.token_end;
    toks_ = doc.tokens.data() + b_;
    local_.clear();
    Build();
  }

  // A writable copy of token i for parse repairs (RepairParse): the first
  // call copies the sentence's tokens; the Document is never changed.
  // Call Rebuild() after the edits.
  Token& Mutable(uint32_t i) {
    if (local_.empty()) {
      local_.assign(doc_->tokens.begin() + b_, doc_->tokens.begin() + e_);
      toks_ = local_.data();
    }
    return local_[i - b_];
  }
  void Rebuild() { Build(); }
  bool repaired() const { return !local_.empty(); }

  uint32_t begin() const { return b_; }
  const Document& doc() const { return *doc_; }
  uint32_t end() const { return e_; }
  // The sentence's tokens (the repaired copy after RepairParse).
  std::span<const Token> tokens() const { return {toks_, e_ - b_}; }
  const Token& tok(uint32_t i) const { return toks_[i - b_]; }
  int32_t head(uint32_t i) const { return head_[i - b_]; }
  const std::string& lemma(uint32_t i) const { return lower_[i - b_]; }
  // The lower-cased form of token i (forms are never changed by repairs).
  const std::string& form(uint32_t i) const { return form_[i - b_]; }
  std::string_view rel(uint32_t i) const { return toks_[i - b_].deprel; }

 private:
  void Build() {
    const Document& doc = *doc_;
    const uint32_t n = e_ - b_;
    head_.assign(n, kNil);
    lower_.resize(n);
    form_.resize(n);
    first_.assign(n + 1, 0);
    for (uint32_t i = 0; i < n; ++i) {
      const Token& t = toks_[i];
      // Buffers are reused across sentences: no allocation per token.
      LowerInto(doc.Form(t), &form_[i]);
      if (t.lemma.empty()) {
        lower_[i] = form_[i];
      } else {
        LowerInto(t.lemma, &lower_[i]);
      }
      if (t.head > 0 && static_cast<uint32_t>(t.head) <= n &&
          static_cast<uint32_t>(t.head) != i + 1) {
        head_[i] = static_cast<int32_t>(b_ + t.head - 1);
        ++first_[t.head - 1 + 1];
      }
    }
    for (uint32_t i = 0; i < n; ++i) first_[i + 1] += first_[i];
    kids_.assign(first_[n], 0);
    fill_.assign(first_.begin(), first_.end() - 1);
    for (uint32_t i = 0; i < n; ++i) {
      if (head_[i] != kNil) kids_[fill_[head_[i] - b_]++] = b_ + i;
    }
  }

 public:
  std::span<const uint32_t> kids(uint32_t i) const {
    return std::span<const uint32_t>(kids_.data() + first_[i - b_],
                                     first_[i - b_ + 1] - first_[i - b_]);
  }
  // First child with exactly this relation (or with this relation as the
  // prefix before ':' when `prefix` is true), or kNil.
  int32_t Child(uint32_t i, std::string_view r, bool prefix = false) const {
    for (uint32_t c : kids(i)) {
      std::string_view cr = rel(c);
      if (cr == r ||
          (prefix && StartsWith(cr, r) && (cr.size() == r.size() || cr[r.size()] == ':')))
        return static_cast<int32_t>(c);
    }
    return kNil;
  }
  // The lemma of a noun's `case` child ("on" for "on Idlib"), or "".
  std::string_view CaseOf(uint32_t n) const {
    for (uint32_t c : kids(n)) {
      if (rel(c) == "case") return lemma(c);
    }
    return {};
  }
  bool HasCase(uint32_t n, std::string_view prep) const {
    for (uint32_t c : kids(n)) {
      if (rel(c) == "case" && lemma(c) == prep) return true;
    }
    return false;
  }
  // The "of" noun of a quantity noun ("dozens of vehicles" -> vehicles;
  // "tens of thousands of Colombians" -> Colombians), else n.
  uint32_t ContentNoun(uint32_t n) const {
    for (int level = 0; level < 3 && IsQuantityNoun(lemma(n)); ++level) {
      uint32_t of = n;
      for (uint32_t c : kids(n)) {
        if (rel(c) == "nmod" && HasCase(c, "of")) {
          of = c;
          break;
        }
      }
      if (of == n) break;
      n = of;
    }
    return n;
  }
  // n and its conj children, recursively: "Syria and Russia" -> {Syria, Russia}.
  // Depth-limited: a hand-built Document may hold a conj cycle.
  void Expand(uint32_t n, std::vector<uint32_t>* out, int depth = 0) const {
    out->push_back(n);
    if (depth > 16) return;
    // "Syrian and Russian (air strikes)": conjoined adjectives too.
    for (uint32_t c : kids(n)) {
      if (rel(c) == "conj" && (IsNominal(tok(c).upos) || tok(c).upos == tok(n).upos))
        Expand(c, out, depth + 1);
    }
  }

 private:
  const Document* doc_ = nullptr;
  const Token* toks_ = nullptr;  // the Document's tokens, or local_ after a repair
  std::vector<Token> local_;
  uint32_t b_ = 0, e_ = 0;
  std::vector<int32_t> head_;
  std::vector<std::string> lower_;
  std::vector<std::string> form_;  // lower-cased forms
  std::vector<uint32_t> first_, fill_, kids_;
};

// GatheringSector of noun n, also a party of guests: "a wedding party".
std::string_view GatheringSectorOf(const SentenceView& v, uint32_t n) {
  if (v.lemma(n) == "party") {
    for (uint32_t c : v.kids(n))
      if (c < n && v.rel(c) == "compound" && !GatheringSector(v.lemma(c)).empty())
        return GatheringSector(v.lemma(c));
    return {};
  }
  return GatheringSector(v.lemma(n));
}

bool IsObl(std::string_view r) { return r == "obl" || StartsWith(r, "obl:"); }
bool IsNmod(std::string_view r) { return r == "nmod" || StartsWith(r, "nmod:"); }

// kAttribution: "according to X", a statement by X reporting its clause.
enum class PredKind : uint8_t { kVerb, kLight, kNoun, kInstrument, kAttribution };

// Verbs and nouns of a fight between two sides: "clashed", "clashes",
// "scuffled".
bool IsClashLemma(std::string_view l) {
  return l == "clash" || l == "scuffle" || l == "skirmish" || l == "brawl" || l == "fight";
}

// A month's name, capitalised: "March", not "a march" or "may".
bool IsMonthName(const SentenceView& v, uint32_t n) {
  const std::string_view f = v.doc().Form(v.tok(n));
  return !f.empty() && f[0] >= 'A' && f[0] <= 'Z' && MonthIndex(v.lemma(n)) != 0;
}

// A day of a month, a time and no target: "On 2(obl) February 2015, a
// helicopter dropped two barrel bombs".
bool IsDayOfMonth(const SentenceView& v, uint32_t n) {
  if (v.tok(n).upos != Upos::kNum) return false;
  for (uint32_t c : v.kids(n)) {
    if (IsMonthName(v, c)) return true;
  }
  return n + 1 < v.end() && IsMonthName(v, n + 1);
}

// A day of a month, a weekday or a month: "on 2 February", "on Monday".
bool IsDate(const SentenceView& v, uint32_t n) {
  return IsDayOfMonth(v, n) || WeekdayIndex(v.lemma(n)) >= 0 || IsMonthName(v, n);
}

struct Pred {
  PredKind kind = PredKind::kVerb;
  uint32_t verb = 0;  // clause verb (the noun itself for kNoun)
  uint32_t noun = 0;  // event noun (kLight, kNoun, kInstrument)
  uint32_t trig_begin = 0, trig_end = 0, trig_head = 0;
  std::string code;  // own code; empty = no event of its own
  Complement complement = Complement::kNone;
  bool mutual = false;
  bool undergo = false;  // +undergo: the subject is the target
  bool specific = false;
  int32_t pattern_target = kNil;  // noun of a bare pattern preposition
  int32_t fixed_object = kNil;    // object fixed by "=a|b" (not a target)
  std::vector<uint32_t> particles;
  // Resolved.
  std::vector<uint32_t> sources, targets;
  bool negated = false;
  Modality modality = Modality::kFactual;
  int32_t governor = kNil;         // index in preds of the complement-taking predicate
  int32_t attached = kNil;         // without governor: the predicate whose advcl/conj this is
  int32_t complement_noun = kNil;  // event noun complement ("called for a ceasefire")
  uint32_t complement_begin = 0;   // first token of its matched phrase
  std::string complement_code;     // code of the complement (clause or noun)
  int32_t reported_by = kNil;      // event index
  int32_t first_event = kNil;      // event index of this predicate's first event
  int depth = 0;
  bool done = false;
  // A headline's event noun ("Clashes in Aleppo"): an event even when
  // neither actor is named (see step 3).
  bool actorless = false;
  // The act of "claimed responsibility for an attack" (step 2b): its
  // targets are the noun's own ("on police"), never the claim's object.
  bool claimed_act = false;
};

// The event of a noun carried by a verb ("carried out air strikes", the act
// of "claimed responsibility for an attack"): the phrase [nb, noun] is the
// trigger.
Pred LightPred(uint32_t verb, uint32_t noun, const NounPattern& np, uint32_t nb) {
  Pred lp;
  lp.kind = PredKind::kLight;
  lp.verb = verb;
  lp.noun = noun;
  lp.code = np.code;
  lp.specific = !np.modifiers.empty();
  lp.trig_begin = nb;
  lp.trig_end = noun + 1;
  lp.trig_head = noun;
  return lp;
}

class Matcher;

// Per-call scratch state.
struct Work {
  SentenceView v;
  std::vector<Pred> preds;
  std::vector<int32_t> pred_of_verb;  // sentence-relative token -> pred index (verb preds)
  std::vector<uint8_t> consumed_noun;
  std::vector<int32_t> mention_by_head;   // doc token -> mention whose head it is
  std::vector<int32_t> mention_covering;  // doc token -> innermost mention containing it
  const Matcher* matcher = nullptr;       // the sentence's matcher (for ActorFor)
  NounPattern strike;                     // a bare "strike" read in context (StrikeInContext)
};

class Matcher {
 public:
  Matcher(const Dictionary& dict, Work& w) : dict_(dict), w_(w), v_(w.v) {}

  // Best verb pattern for verb token t, filling pred fields. False if none.
  bool MatchVerb(uint32_t t, Pred* p) const { return MatchVerbAs(t, v_.lemma(t), p); }

  // Whether token t heads an actor mention ("protesters", "the army").
  bool HeadsMention(uint32_t t) const {
    return t < w_.mention_by_head.size() && w_.mention_by_head[t] != kNil;
  }
  // The mention token t heads, or kNil.
  int32_t MentionHeadedBy(uint32_t t) const {
    return t < w_.mention_by_head.size() ? w_.mention_by_head[t] : kNil;
  }

  bool MatchVerbAs(uint32_t t, std::string_view lemma, Pred* p) const {
    for (const VerbPattern& pat : dict_.Verbs(lemma)) {
      Pred q;
      if (!MatchPattern(t, pat, &q)) continue;
      *p = std::move(q);
      return true;
    }
    return false;
  }

  // A clause head the tagger took for an adjective or noun: "Syrian troops
  // advanced(ADJ) towards X" (a subject, no copula, no determiner). Tries the
  // form without -ed/-d/-s as the verb lemma.
  bool MatchMistaggedVerb(uint32_t t, Pred* p) const {
    const Token& tok = v_.tok(t);
    if (tok.upos != Upos::kAdj && tok.upos != Upos::kNoun) return false;
    std::string_view r = v_.rel(t);
    if (r != "root" && r != "conj" && r != "ccomp" && r != "parataxis") return false;
    if (v_.Child(t, "nsubj") == kNil || v_.Child(t, "cop") != kNil || v_.Child(t, "det") != kNil)
      return false;
    const std::string& form = v_.form(t);
    for (size_t cut : {2u, 1u}) {
      if (form.size() > cut + 2 && (form.ends_with("ed") || form.ends_with("s")) &&
          MatchVerbAs(t, std::string_view(form).substr(0, form.size() - cut), p))
        return true;
    }
    return false;
  }

  // Longest noun pattern for noun token n; sets [*begin, n] to cover the
  // matched modifiers. nullptr if none.
  const NounPattern* MatchNoun(uint32_t n, uint32_t* begin) const {
    const NounPattern* p = MatchNounAs(n, v_.lemma(n), begin);
    if (p != nullptr && p->modifiers.empty() && p->lemma == "strike" && !w_.strike.code.empty())
      return &w_.strike;
    if (p != nullptr) return p;
    // "talks" (lemma "talk"), "hostilities": the plural form itself.
    const std::string& form = v_.form(n);
    if (form != v_.lemma(n)) return MatchNounAs(n, form, begin);
    // A plural the treebank never saw, left as its own lemma ("airstrikes").
    const std::string_view stem = UnseenPluralStem(v_.lemma(n));
    return stem.empty() ? nullptr : MatchNounAs(n, stem, begin);
  }

  // "airstrikes" -> "airstrike" for a noun whose lemma kept its plural -s;
  // empty for any other word.
  std::string_view UnseenPluralStem(std::string_view lemma) const {
    if (lemma.size() < 5 || !lemma.ends_with('s') || lemma.ends_with("ss")) return {};
    return lemma.substr(0, lemma.size() - 1);
  }

  // The weapon or carrier a noun names ("Russian jets" -> 195), or nullptr.
  const NounPattern* MatchWeapon(uint32_t n) const {
    uint32_t b = 0;
    const NounPattern* p = MatchIn(n, dict_.Weapons(v_.lemma(n)), &b);
    if (p != nullptr) return p;
    const std::string& form = v_.form(n);
    if (form != v_.lemma(n)) return MatchIn(n, dict_.Weapons(form), &b);
    const std::string_view stem = UnseenPluralStem(v_.lemma(n));
    return stem.empty() ? nullptr : MatchIn(n, dict_.Weapons(stem), &b);
  }

  const NounPattern* MatchNounAs(uint32_t n, std::string_view key, uint32_t* begin) const {
    return MatchIn(n, dict_.Nouns(key), begin);
  }

  const NounPattern* MatchIn(uint32_t n, std::span<const NounPattern> pats, uint32_t* begin) const {
    for (const NounPattern& pat : pats) {
      uint32_t b = n;
      bool ok = true;
      for (const std::string& m : pat.modifiers) {
        bool found = false;
        for (uint32_t c : v_.kids(n)) {
          std::string_view r = v_.rel(c);
          if ((r == "compound" || r == "amod") && v_.lemma(c) == m) {
            found = true;
            b = std::min(b, c);
          }
        }
        if (!found) {
          ok = false;
          break;
        }
      }
      if (ok) {
        *begin = b;
        return &pat;
      }
    }
    return nullptr;
  }

  bool IsLightVerb(uint32_t t) const {
    for (const LightVerb& lv : dict_.LightVerbs(v_.lemma(t))) {
      if (lv.particle.empty()) return true;
      for (uint32_t c : v_.kids(t)) {
        if ((v_.rel(c) == "compound:prt" || v_.rel(c) == "advmod") && v_.lemma(c) == lv.particle)
          return true;
      }
    }
    return false;
  }

 private:
  bool MatchPattern(uint32_t t, const VerbPattern& pat, Pred* p) const {
    p->verb = t;
    p->code = pat.code;
    p->complement = pat.complement;
    p->mutual = pat.mutual;
    p->undergo = pat.undergo;
    p->specific = pat.specificity > 0;
    if (!pat.object_lemmas.empty()) {
      int32_t obj = v_.Child(t, "obj");
      if (obj == kNil || !Has(pat.object_lemmas, obj)) return false;
      p->fixed_object = obj;
    }
    for (const PrepSlot& slot : pat.slots) {
      if (!MatchSlot(t, p->fixed_object, slot, p)) return false;
    }
    return true;
  }

  bool Has(const std::vector<std::string>& lemmas, uint32_t n) const {
    n = v_.ContentNoun(n);
    if (std::find(lemmas.begin(), lemmas.end(), v_.lemma(n)) != lemmas.end()) return true;
    // "live rounds", "rubber rounds": bullets, not an artillery round.
    if (v_.lemma(n) != "round") return false;
    for (uint32_t c : v_.kids(n)) {
      const std::string& m = v_.lemma(c);
      if ((v_.rel(c) == "amod" || v_.rel(c) == "compound") &&
          (m == "live" || m == "rubber" || m == "plastic"))
        return std::find(lemmas.begin(), lemmas.end(), "bullet") != lemmas.end();
    }
    return false;
  }

  bool MatchSlot(uint32_t t, int32_t fixed_object, const PrepSlot& slot, Pred* p) const {
    // A particle: "carry out", "pull back"; or a secondary predicate after
    // the verb or its object: "burned them alive", "were buried alive" (the
    // parser hangs it as the verb's xcomp or the object's amod).
    if (slot.lemmas.empty()) {
      for (uint32_t c : v_.kids(t)) {
        std::string_view r = v_.rel(c);
        if ((r == "compound:prt" || ((r == "advmod" || r == "xcomp") && c > t)) &&
            v_.lemma(c) == slot.word) {
          p->particles.push_back(c);
          return true;
        }
        if (r != "obj" || c < t) continue;
        for (uint32_t k : v_.kids(c)) {
          if (k > c && v_.rel(k) == "amod" && v_.lemma(k) == slot.word) {
            p->particles.push_back(k);
            return true;
          }
        }
      }
    }
    // A preposition: the case word of an obl/obj of the verb or an nmod of
    // the fixed object.
    auto try_nouns = [&](uint32_t h, bool nmod) -> bool {
      for (uint32_t c : v_.kids(h)) {
        std::string_view r = v_.rel(c);
        bool ok_rel = nmod ? IsNmod(r) : (IsObl(r) || r == "obj" || r == "iobj");
        if (!ok_rel || !v_.HasCase(c, slot.word)) continue;
        if (!slot.lemmas.empty() && !Has(slot.lemmas, c)) continue;
        // "dropped barrel bombs on 2 February", "opened fire on Monday": a
        // date is not the target.
        if (slot.is_target && IsDate(v_, c)) continue;
        if (slot.is_target) p->pattern_target = static_cast<int32_t>(c);
        for (uint32_t k : v_.kids(c)) {
          if (v_.rel(k) == "case") p->particles.push_back(k);
        }
        return true;
      }
      return false;
    };
    if (try_nouns(t, false)) return true;
    if (fixed_object != kNil && try_nouns(static_cast<uint32_t>(fixed_object), true)) return true;
    // "accused Israel of aggression" with "of" hung on the object.
    int32_t obj = v_.Child(t, "obj");
    if (obj != kNil && obj != fixed_object && !slot.is_target &&
        try_nouns(static_cast<uint32_t>(obj), true))
      return true;
    return false;
  }

  const Dictionary& dict_;
  Work& w_;
  const SentenceView& v_;
};

// Resolves arguments of clause verbs on the parse.
// Verbs of harm done to someone, read as passive when they stand without an
// auxiliary or object after their subject, as headlines write them ("Police
// officer killed in Kabul", "Two militants shot dead in Poonch").
bool IsHarmVerb(std::string_view lemma) {
  static constexpr std::string_view kVerbs[] = {
      "kill",   "wound",    "injure",     "hurt",     "shoot",  "stab",   "behead",   "execute",
      "murder", "slay",     "lynch",      "abduct",   "kidnap", "arrest", "detain",   "torture",
      "rape",   "assault",  "beat",       "gun",      "hack",   "burn",   "massacre", "batter",
      "maim",   "strangle", "decapitate", "bludgeon", "hang"};
  for (std::string_view v : kVerbs) {
    if (lemma == v) return true;
  }
  return false;
}

// Whether past form `verb` reads as a passive without its auxiliary
// (core/clause.h): "At least 26 killed in attack".
bool ReadsAsPassive(const SentenceView& v, uint32_t verb) {
  return ReadsAsBarePassive(v.doc(), v.tokens(), verb - v.begin());
}

class Arguments {
 public:
  Arguments(const SentenceView& v, const std::vector<Pred>& preds,
            const std::vector<int32_t>& pred_of_verb, const Matcher& matcher)
      : v_(v), preds_(preds), pred_of_verb_(pred_of_verb), matcher_(matcher) {}

  const Pred* PredOf(uint32_t verb) const {
    int32_t i = pred_of_verb_[verb - v_.begin()];
    return i == kNil ? nullptr : &preds_[i];
  }

  // Whether noun n or a word of its phrase before it heads an actor mention
  // ("European Union member states": the mention's head is "member").
  bool HasMentionIn(uint32_t n) const {
    if (matcher_.HeadsMention(n)) return true;
    for (uint32_t c : v_.kids(n)) {
      if (c < n && matcher_.HeadsMention(c)) return true;
    }
    return false;
  }

  // Replaces a relative pronoun by the noun its clause modifies.
  uint32_t Antecedent(uint32_t n, uint32_t verb) const {
    if (IsRelPronoun(v_.lemma(n)) && v_.tok(n).upos != Upos::kNoun) {
      // The relative clause is this verb's, or a clause it heads.
      uint32_t x = verb;
      for (int guard = 0; guard < 4; ++guard) {
        if (v_.rel(x) == "acl:relcl" && v_.head(x) != kNil)
          return static_cast<uint32_t>(v_.head(x));
        if (v_.head(x) == kNil) break;
        x = static_cast<uint32_t>(v_.head(x));
      }
    }
    return n;
  }

  // Agent (source) and patient of the clause headed by `verb`.
  // `patient_out` gets the passive subject or relative object, if any.
  void Resolve(uint32_t verb, std::vector<uint32_t>* agents, std::vector<uint32_t>* patients,
               int depth = 0) const {
    if (depth > 6) return;
    bool passive = false;
    // A mis-attached subject under an auxiliary: "its aircraft had(<-nsubj) hit".
    for (uint32_t c : v_.kids(verb)) {
      if (StartsWith(v_.rel(c), "aux") && c < verb && agents->empty()) {
        int32_t sub = v_.Child(c, "nsubj");
        if (sub != kNil && v_.Child(verb, "nsubj") == kNil)
          v_.Expand(static_cast<uint32_t>(sub), agents);
      }
    }
    // With two subjects (a parse error) the one nearest the verb.
    int32_t subj = kNil;
    for (uint32_t c : v_.kids(verb)) {
      std::string_view r = v_.rel(c);
      if ((r == "nsubj" || r == "csubj") &&
          (IsNominal(v_.tok(c).upos) || v_.tok(c).upos == Upos::kDet)) {
        if (subj == kNil || Distance(c, verb) < Distance(static_cast<uint32_t>(subj), verb))
          subj = static_cast<int32_t>(c);
      }
    }
    // "Police officer killed in Kabul": the subject is the one harmed.
    const bool headline_passive = subj != kNil && IsHarmVerb(v_.lemma(verb)) &&
                                  v_.tok(static_cast<uint32_t>(subj)).upos != Upos::kPron &&
                                  ReadsAsPassive(v_, verb);
    if (subj != kNil && !headline_passive) {
      const uint32_t ante = Antecedent(static_cast<uint32_t>(subj), verb);
      // "IS claimed the bombing, which killed 23", "carried out an attack
      // that killed five": a relative clause on an event noun that a light
      // verb (or a claim) carries acts through that verb's agent.
      if (ante != static_cast<uint32_t>(subj)) {
        for (const Pred& q : preds_) {
          if (q.kind != PredKind::kLight || q.noun != ante || q.verb == verb) continue;
          std::vector<uint32_t> qp;
          Resolve(q.verb, agents, &qp, depth + 1);
          break;
        }
      }
      if (agents->empty()) v_.Expand(ante, agents);
    }
    for (uint32_t c : v_.kids(verb)) {
      std::string_view r = v_.rel(c);
      if (r == "nsubj:pass" || (headline_passive && static_cast<int32_t>(c) == subj)) {
        passive = true;
        v_.Expand(Antecedent(c, verb), patients);
      }
    }
    // "Benito Portillo Torres, killed in Culiacan", "Two soldiers, one
    // civilian killed": a bare passive of harm hung after a comma on the
    // noun before it (the parser's conj/appos/acl of a nominal) has that
    // noun as the one harmed.
    if (!passive && subj == kNil && IsHarmVerb(v_.lemma(verb)) && ReadsAsPassive(v_, verb) &&
        v_.head(verb) != kNil) {
      const uint32_t g = static_cast<uint32_t>(v_.head(verb));
      std::string_view r = v_.rel(verb);
      bool comma = false;
      for (uint32_t k = g + 1; k < verb; ++k)
        comma |= v_.tok(k).upos == Upos::kPunct && v_.lemma(k) == ",";
      if (g < verb && comma && (r == "conj" || r == "appos" || StartsWith(r, "acl")) &&
          (v_.tok(g).upos == Upos::kPropn || v_.tok(g).upos == Upos::kNoun) &&
          v_.tok(g).upos != Upos::kPron && v_.head(g) == kNil) {
        passive = true;
        v_.Expand(g, patients);
      }
    }
    if (passive) {
      int32_t by = ByAgent(verb);
      if (by != kNil) v_.Expand(static_cast<uint32_t>(by), agents);
      return;
    }
    // Relative object: "the town that rebels captured"; not when the verb
    // has an object of its own ("said on the app that rockets had hit the
    // districts": "that" opens a clause).
    int objects = 0;
    for (uint32_t c : v_.kids(verb)) objects += v_.rel(c) == "obj" ? 1 : 0;
    for (uint32_t c : v_.kids(verb)) {
      if (objects == 1 && v_.rel(c) == "obj" && IsRelPronoun(v_.lemma(c))) {
        uint32_t a = Antecedent(c, verb);
        if (a != c) v_.Expand(a, patients);
      }
    }
    // Object gap of a relative clause: "the town (that) the rebels seized".
    // Not where a conjunct's object is shared ("a report that forces
    // raped, beat and assaulted(conj) civilians": a content clause).
    auto shared_object = [&] {
      for (uint32_t c : v_.kids(verb))
        if (v_.rel(c) == "conj" && v_.Child(c, "obj") != kNil && v_.Child(c, "nsubj") == kNil)
          return true;
      return false;
    };
    if (v_.rel(verb) == "acl:relcl" && subj != kNil && !IsRelPronoun(v_.lemma(subj)) &&
        patients->empty() && v_.Child(verb, "obj") == kNil && v_.head(verb) != kNil &&
        IsNominal(v_.tok(v_.head(verb)).upos) && !shared_object())
      v_.Expand(static_cast<uint32_t>(v_.head(verb)), patients);
    if (!agents->empty()) return;
    int32_t h = v_.head(verb);
    if (h == kNil) return;
    const uint32_t g = static_cast<uint32_t>(h);
    std::string_view r = v_.rel(verb);
    const std::string& xpos = v_.tok(verb).xpos;
    // "The attackers detonated a bomb ..., then opened(parataxis) fire": a
    // subjectless parataxis clause is a conjunct the parser missed.
    if (r == "conj" || (r == "parataxis" && v_.tok(g).upos == Upos::kVerb)) {
      std::vector<uint32_t> gp;
      Resolve(g, agents, &gp, depth + 1);
      // "Two men abducted and killed in Zamora", "kidnapped and shot dead":
      // a participle coordinated with another passive participle has the
      // same patients, when it has none of its own.
      if (r == "conj" && patients->empty() && xpos == "VBN" && v_.tok(g).xpos == "VBN" &&
          v_.Child(verb, "obj") == kNil)
        *patients = std::move(gp);
      return;
    }
    // "left three civilians injured", "found him shot dead": a bare past
    // participle says what befell the object, which is its patient.
    if (r == "xcomp" && xpos == "VBN" && patients->empty() && v_.Child(verb, "aux") == kNil &&
        v_.Child(verb, "mark") == kNil) {
      if (int32_t obj = v_.Child(g, "obj"); obj != kNil) {
        v_.Expand(static_cast<uint32_t>(obj), patients);
        return;
      }
    }
    if (r == "xcomp" || ((r == "advcl" || r == "ccomp") && HasMarkTo(verb))) {
      // Object control ("urged Israel to withdraw") or subject control
      // ("Iran threatened to close the strait").
      const Pred* gp = PredOf(g);
      if (gp != nullptr && gp->pattern_target != kNil &&
          (gp->complement == Complement::kDemand || gp->complement == Complement::kAppeal)) {
        v_.Expand(static_cast<uint32_t>(gp->pattern_target), agents);
        return;
      }
      int32_t obj = v_.Child(g, "obj");
      if (obj == kNil) obj = v_.Child(g, "iobj");
      // A purpose clause is the subject's ("summoned the envoy to protest").
      const bool purpose = r == "advcl" && !IsObjectControlVerb(v_.lemma(g));
      if (obj != kNil && !purpose && (gp == nullptr || gp->fixed_object != obj)) {
        v_.Expand(static_cast<uint32_t>(obj), agents);
        return;
      }
      std::vector<uint32_t> gpat;
      Resolve(g, agents, &gpat, depth + 1);
      // "Obama is scheduled to attend", "X was ordered to withdraw": the
      // passive subject controls the infinitive.
      if (agents->empty() && v_.Child(g, "nsubj:pass") != kNil) *agents = std::move(gpat);
      return;
    }
    // "defied a ban on rallies to demand(acl of ban) reforms": an infinitive
    // the parser hung on an object that is no actor is the clause's purpose;
    // its agent is the subject of the verb that governs that object (a
    // possessor first: "the army's plan to retake the town"). Not an event
    // noun's ("a demonstration organized by X to claim their rights": the
    // demonstrators'), nor an object an asking verb controls ("asked the
    // member states to consider").
    uint32_t noun_begin = 0;
    if (r == "acl" && HasMarkTo(verb) && IsNominal(v_.tok(g).upos) && !HasMentionIn(g) &&
        matcher_.MatchNoun(g, &noun_begin) == nullptr) {
      if (int32_t poss = v_.Child(g, "nmod:poss"); poss != kNil) {
        v_.Expand(static_cast<uint32_t>(poss), agents);
        return;
      }
      const int32_t gv = v_.head(g);
      const Pred* gp = gv == kNil ? nullptr : PredOf(static_cast<uint32_t>(gv));
      const bool asks = gp != nullptr && (gp->complement == Complement::kDemand ||
                                          gp->complement == Complement::kAppeal);
      if (gv != kNil && !asks && v_.rel(g) == "obj" && v_.tok(gv).upos == Upos::kVerb) {
        std::vector<uint32_t> gpat;
        Resolve(static_cast<uint32_t>(gv), agents, &gpat, depth + 1);
        return;
      }
    }
    if (r == "acl" && IsNominal(v_.tok(g).upos)) {
      const Pred* own = PredOf(verb);
      bool say = own != nullptr && own->complement == Complement::kSay;
      // "villages shelled by the army"; but a participle with an object is an
      // active verb the parser hung on a noun ("forces killed seven insurgents").
      // A harm verb the tagger read as past reads as a passive too when
      // nothing follows it that a past would need ("12 killed(VBD) in attack
      // on a market": the 12 are the victims, not the killers).
      const bool bare_harm = IsHarmVerb(v_.lemma(verb)) && ReadsAsPassive(v_, verb);
      if ((xpos == "VBN" || bare_harm) && !say && v_.Child(verb, "obj") == kNil) {
        v_.Expand(g, patients);
        int32_t by = ByAgent(verb);
        if (by != kNil) v_.Expand(static_cast<uint32_t>(by), agents);
      } else if (HasMark(verb, "in")) {
        // "Casualties in shelling on Daraa": what came of the act, not its
        // actor; "Martyrs in shelling by the regime forces" names it.
        int32_t by = ByAgent(verb);
        if (by != kNil) v_.Expand(static_cast<uint32_t>(by), agents);
      } else {
        v_.Expand(g, agents);
      }
      return;
    }
    if (r == "acl:relcl" && IsNominal(v_.tok(g).upos)) {
      v_.Expand(g, agents);
      return;
    }
    if (r == "advcl" && xpos == "VBG") {
      // "X ambushed Y, killing nine soldiers, officials said" with the
      // participle hung on "said": the reported clause's subject.
      const Pred* gp = PredOf(g);
      if (gp != nullptr && gp->complement == Complement::kSay) {
        int32_t c = v_.Child(g, "ccomp");
        if (c != kNil && static_cast<uint32_t>(c) != verb) {
          std::vector<uint32_t> cpat;
          Resolve(static_cast<uint32_t>(c), agents, &cpat, depth + 1);
          return;
        }
      }
      std::vector<uint32_t> gpat;
      Resolve(g, agents, &gpat, depth + 1);
    }
  }

  static uint32_t Distance(uint32_t a, uint32_t b) { return a < b ? b - a : a - b; }

  // The agent of a passive: obl:agent, or a "by" phrase naming a possible actor.
  int32_t ByAgent(uint32_t verb) const {
    for (uint32_t c : v_.kids(verb)) {
      if (v_.rel(c) == "obl:agent" && !IsNonActorNoun(v_.lemma(c))) return static_cast<int32_t>(c);
    }
    for (uint32_t c : v_.kids(verb)) {
      if (IsObl(v_.rel(c)) && v_.HasCase(c, "by") && v_.tok(c).upos != Upos::kNum &&
          !IsNonActorNoun(v_.lemma(c)))
        return static_cast<int32_t>(c);
    }
    return kNil;
  }

  bool HasMark(uint32_t verb, std::string_view word) const {
    for (uint32_t c : v_.kids(verb)) {
      if (v_.rel(c) == "mark" && v_.lemma(c) == word) return true;
    }
    return false;
  }
  bool HasMarkTo(uint32_t verb) const { return HasMark(verb, "to"); }

  // Targets of a clause verb when there is no patient: the pattern's
  // preposition, obj, iobj, then an obl with a target preposition.
  void Targets(uint32_t verb, const Pred& p, std::vector<uint32_t>* out, int depth = 0) const {
    if (p.pattern_target != kNil) {
      v_.Expand(static_cast<uint32_t>(p.pattern_target), out);
      return;
    }
    // "condemned a renewed offensive(xcomp) by M23 rebels": an event noun
    // the parser made the verb's xcomp is its object, and names its actor,
    // the one acted upon. (As an obj, the emit step maps it to that actor:
    // "A target that is an event noun with an actor".)
    for (uint32_t c : v_.kids(verb)) {
      if (v_.rel(c) != "xcomp" || c < verb || static_cast<int32_t>(c) == p.fixed_object ||
          static_cast<int32_t>(c) == p.complement_noun)
        continue;
      uint32_t nb = 0;
      if (matcher_.MatchNoun(c, &nb) == nullptr) continue;
      for (uint32_t k : v_.kids(c)) {
        if ((IsNmod(v_.rel(k)) || IsObl(v_.rel(k))) && v_.HasCase(k, "by") &&
            IsNominal(v_.tok(k).upos) && !IsNonActorNoun(v_.lemma(k))) {
          v_.Expand(k, out);
          return;
        }
      }
    }
    for (std::string_view want : {"obj", "iobj"}) {
      for (uint32_t c : v_.kids(verb)) {
        if (v_.rel(c) == want && static_cast<int32_t>(c) != p.fixed_object &&
            static_cast<int32_t>(c) != p.complement_noun && IsNominal(v_.tok(c).upos) &&
            !IsRelPronoun(v_.lemma(c))) {
          v_.Expand(c, out);
          return;
        }
      }
    }
    // "burned 12 villagers alive", "shot two men dead" parsed as a small
    // clause: the noun before the result adjective (the verb's xcomp).
    for (uint32_t c : v_.kids(verb)) {
      if (v_.rel(c) != "xcomp" || c < verb || v_.tok(c).upos != Upos::kAdj) continue;
      for (uint32_t k : v_.kids(c)) {
        std::string_view r = v_.rel(k);
        if ((r == "obl:unmarked" || r == "nsubj") && k < c && IsNominal(v_.tok(k).upos)) {
          v_.Expand(k, out);
          return;
        }
      }
    }
    // "demanded that the M23 withdraw", "urged that the army be withdrawn":
    // the one asked is the complement clause's subject.
    if (p.complement == Complement::kDemand || p.complement == Complement::kAppeal) {
      for (uint32_t c : v_.kids(verb)) {
        if (v_.rel(c) != "ccomp" || c < verb) continue;
        for (uint32_t k : v_.kids(c)) {
          std::string_view r = v_.rel(k);
          if ((r == "nsubj" || r == "nsubj:pass") && IsNominal(v_.tok(k).upos) &&
              v_.tok(k).upos != Upos::kPron) {
            v_.Expand(k, out);
            return;
          }
        }
      }
    }
    auto from_obl = [&](uint32_t h, bool nmod) {
      for (uint32_t c : v_.kids(h)) {
        std::string_view r = v_.rel(c);
        if (!(nmod ? IsNmod(r) : IsObl(r)) || r == "obl:agent" || r == "obl:tmod" ||
            static_cast<int32_t>(c) == p.complement_noun)
          continue;
        // "opened fire with machine guns": an instrument, not a target.
        if (v_.HasCase(c, "with") && matcher_.MatchWeapon(c) != nullptr) continue;
        // "on Thursday", "by telephone": a time or channel is no target, and
        // a target may follow ("fired tear gas ... at protesters ... on
        // Thursday" with "at" hung on the object).
        if (IsNonActorNoun(v_.lemma(v_.ContentNoun(c))) || IsDayOfMonth(v_, c)) continue;
        if (IsTargetPrep(v_.CaseOf(c))) {
          v_.Expand(c, out);
          return true;
        }
      }
      return false;
    };
    if (from_obl(verb, false)) return;
    // "accused Saudi Arabia of espionage" parsed with the accused as the
    // subject of the obl noun.
    for (uint32_t c : v_.kids(verb)) {
      if (!IsObl(v_.rel(c)) || static_cast<int32_t>(c) == p.complement_noun) continue;
      int32_t sub = v_.Child(c, "nsubj");
      if (sub != kNil && IsNominal(v_.tok(sub).upos) && static_cast<uint32_t>(sub) < c) {
        v_.Expand(static_cast<uint32_t>(sub), out);
        return;
      }
    }
    if (p.fixed_object != kNil) {
      std::vector<uint32_t> objs;
      v_.Expand(static_cast<uint32_t>(p.fixed_object), &objs);
      for (uint32_t o : objs) {
        if (from_obl(o, true)) return;
      }
      // "expelled Rwanda's ambassador", "recalled the ambassador of Qatar":
      // the fixed object's owner is the target.
      const auto fo = static_cast<uint32_t>(p.fixed_object);
      for (uint32_t c : v_.kids(fo)) {
        std::string_view r = v_.rel(c);
        // Only a name after "of": "a barrage of rockets", "a state of
        // emergency" name no one.
        const bool of_name = r == "nmod" && v_.HasCase(c, "of") && v_.tok(c).upos == Upos::kPropn;
        if ((r == "nmod:poss" || of_name) && IsNominal(v_.tok(c).upos) &&
            !IsNonActorNoun(v_.lemma(c)) && !IsRelPronoun(v_.lemma(c)) &&
            v_.tok(c).upos != Upos::kPron) {
          v_.Expand(c, out);
          return;
        }
      }
      const int root = p.code.empty() ? 0 : Root(p.code);
      // "destroyed(=tank) two Russian tanks", "summoned(=ambassador) the
      // British ambassador": a fixed object that names its country stands
      // for that country's actor ("three tanks" names no one; "recalled its
      // ambassador" is the actor's own).
      const int32_t poss = v_.Child(fo, "nmod:poss");
      if (const int32_t m = matcher_.MentionHeadedBy(fo);
          m != kNil && !v_.doc().mentions[static_cast<size_t>(m)].country.empty() &&
          (poss == kNil || v_.tok(static_cast<uint32_t>(poss)).upos != Upos::kPron)) {
        v_.Expand(fo, out);
        return;
      }
      // "police broke up(=protest|rally|...) the rally": a gathering that
      // repression or violence falls on stands for the people in it.
      if (root >= 17 && root <= 20 && !GatheringSectorOf(v_, v_.ContentNoun(fo)).empty()) {
        v_.Expand(fo, out);
        return;
      }
    }
    // "attacked and captured the town": a conjunct shares the object.
    if (depth == 0 && p.fixed_object == kNil) {
      if (v_.rel(verb) == "conj" && v_.head(verb) != kNil && v_.Child(verb, "nsubj") == kNil) {
        uint32_t g = static_cast<uint32_t>(v_.head(verb));
        int32_t obj = v_.Child(g, "obj");
        if (obj != kNil && g < verb) v_.Expand(static_cast<uint32_t>(obj), out);
        return;
      }
      for (uint32_t c : v_.kids(verb)) {
        if (v_.rel(c) == "conj" && v_.Child(c, "nsubj") == kNil && v_.Child(c, "obj") != kNil) {
          v_.Expand(static_cast<uint32_t>(v_.Child(c, "obj")), out);
          return;
        }
      }
    }
  }

  // Own negation and modality of a clause verb.
  void Polarity(uint32_t verb, bool* negated, Modality* modality) const {
    for (uint32_t c : v_.kids(verb)) {
      std::string_view r = v_.rel(c);
      const std::string& l = v_.lemma(c);
      if ((r == "advmod" || r == "neg") && (l == "not" || l == "n't" || l == "never"))
        *negated = true;
      if (r == "aux") {
        if (l == "will" || l == "shall" || l == "'ll" || l == "wo") {
          if (*modality == Modality::kFactual) *modality = Modality::kFuture;
        } else if (l == "would" || l == "could" || l == "might" || l == "may" || l == "can" ||
                   l == "should" || l == "must" || l == "'d" || l == "ca") {
          *modality = Modality::kHypothetical;
        }
      }
      if (r == "mark" && (l == "if" || l == "unless")) *modality = Modality::kHypothetical;
    }
  }

 private:
  const SentenceView& v_;
  const std::vector<Pred>& preds_;
  const std::vector<int32_t>& pred_of_verb_;
  const Matcher& matcher_;
};

}  // namespace

Coder::Coder() : impl_(std::make_unique<Impl>()) {}
Coder::~Coder() = default;

StatusOr<std::unique_ptr<Coder>> Coder::Create(const CoderOptions& options) {
  std::unique_ptr<Coder> c(new Coder());
  std::string dir = options.dictionary_dir.empty() ? DataPath("events") : options.dictionary_dir;
  SITREP_ASSIGN_OR_RETURN(c->dict_, Dictionary::Load(dir));
  c->warnings_ = c->dict_->warnings();
  c->mentions_ = options.mentions;
#ifdef SITREP_EVENTS_HAVE_ACTORS
  if (options.mentions == CoderOptions::Mentions::kRecognize) {
    actors::RecognizerOptions ro;
    ro.dictionary_dir = options.actors_dir;
    SITREP_ASSIGN_OR_RETURN(c->impl_->recognizer, actors::Recognizer::Create(ro));
    for (const std::string& w : c->impl_->recognizer->warnings()) c->warnings_.push_back(w);
  }
#endif
#ifdef SITREP_EVENTS_HAVE_CAMEO
  SITREP_ASSIGN_OR_RETURN(c->impl_->modes, cameo::ModeDetector::LoadDefault());
#endif
  return c;
}

StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options) {
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Coder> c, Coder::Create(options));
  return std::unique_ptr<EventCoder>(std::move(c));
}

namespace {

// Index of mentions by head token and by covering span.
void IndexMentions(const Document& doc, Work& w) {
  w.mention_by_head.assign(doc.tokens.size(), kNil);
  w.mention_covering.assign(doc.tokens.size(), kNil);
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const ActorMention& am = doc.mentions[m];
    // Mentions that point outside the document (hand-built input) are ignored.
    if (am.token_begin >= am.token_end || am.token_end > doc.tokens.size() ||
        am.head >= doc.tokens.size())
      continue;
    if (am.head < doc.tokens.size() && w.mention_by_head[am.head] == kNil)
      w.mention_by_head[am.head] = static_cast<int32_t>(m);
    uint32_t end = std::min<uint32_t>(am.token_end, doc.tokens.size());
    for (uint32_t t = am.token_begin; t < end; ++t) {
      int32_t& cur = w.mention_covering[t];
      if (cur == kNil || (doc.mentions[cur].token_end - doc.mentions[cur].token_begin >
                          am.token_end - am.token_begin))
        cur = static_cast<int32_t>(m);
    }
  }
}

int32_t NewMention(Document& doc, Work& w, uint32_t sentence, uint32_t b, uint32_t e, uint32_t head,
                   ActorMention::Kind kind) {
  ActorMention m;
  m.sentence = sentence;
  m.token_begin = b;
  m.token_end = e;
  m.head = head;
  m.kind = kind;
  doc.mentions.push_back(std::move(m));
  int32_t idx = static_cast<int32_t>(doc.mentions.size() - 1);
  w.mention_by_head[head] = idx;
  for (uint32_t t = b; t < e; ++t) {
    if (w.mention_covering[t] == kNil) w.mention_covering[t] = idx;
  }
  return idx;
}

uint32_t Leftmost(const SentenceView& v, uint32_t t, int depth) {
  uint32_t b = t;
  if (depth > 4) return b;
  for (uint32_t k : v.kids(t)) {
    if (k < b && v.rel(k) != "punct") b = std::min(b, Leftmost(v, k, depth + 1));
  }
  return b;
}

// Words that stand for an unstated number of people in headlines: "Several
// killed", "Many wounded".
bool IsQuantifierWord(std::string_view lemma) {
  static constexpr std::string_view kWords[] = {
      "several", "many", "some", "dozens", "scores", "hundreds", "thousands", "numerous", "few"};
  for (std::string_view w : kWords) {
    if (lemma == w) return true;
  }
  return false;
}

// The obl:agent of a verb ("killed by gunmen"), or kNil.
int32_t ByAgentOf(const SentenceView& v, uint32_t verb) { return v.Child(verb, "obl:agent"); }

// The victims of casualty verb h, or kNil: its passive subject ("33 soldiers
// were killed"); the subject of "die"/"perish"; or, in headline style
// without an auxiliary, the subject or figure of a past form without an
// object ("At least 26 killed in attack", "Police officer killed in Kabul
// blast": the tagger reads these as VBD; "kill" with no object is passive).
int32_t CasualtyVictims(const SentenceView& v, int32_t h) {
  if (h == kNil) return kNil;
  const uint32_t verb = static_cast<uint32_t>(h);
  const std::string& lemma = v.lemma(verb);
  if (!IsCasualtyVerb(lemma) && !IsDeathVerb(lemma)) return kNil;
  if (int32_t sp = v.Child(verb, "nsubj:pass"); sp != kNil) return sp;
  if (IsDeathVerb(lemma)) return v.Child(verb, "nsubj");
  if (!ReadsAsPassive(v, verb)) return kNil;
  if (int32_t s = v.Child(verb, "nsubj"); s != kNil) return s;
  if (int32_t n = v.Child(verb, "nummod"); n != kNil) return n;
  // "Several killed in attacks": a quantifier the parser hung as a modifier.
  for (uint32_t c : v.kids(verb)) {
    if (c < verb && v.rel(c) == "amod" && IsQuantifierWord(v.lemma(c)))
      return static_cast<int32_t>(c);
  }
  return kNil;
}

// Whether a phrase under token n says where: an obl/nmod child with
// in/near/at/on/around/across/outside (or a conjunct with one).
bool SaysWhere(const SentenceView& v, uint32_t n) {
  for (uint32_t c : v.kids(n)) {
    if (!IsNmod(v.rel(c)) && !IsObl(v.rel(c)) && v.rel(c) != "conj") continue;
    // Not "at least four", nor "on Monday".
    if (v.lemma(c) == "least" || v.lemma(c) == "most" || IsDate(v, c)) continue;
    for (std::string_view prep : {"in", "near", "at", "on", "around", "across", "outside"})
      if (v.HasCase(c, prep)) return true;
  }
  return false;
}

// Whether event noun t is said to happen somewhere, actors unnamed: the
// subject of an occurrence verb ("Heavy fighting erupted in Tripoli",
// "clashes continue in Kabani", "clashes take place in Jisr al-Shughour",
// "fighting broke out near the airport") or of an existential "there was"
// ("There was heavy fighting in Panjshir"), with a place phrase.
bool OccursSomewhere(const SentenceView& v, uint32_t t) {
  if (v.rel(t) != "nsubj" || v.head(t) == kNil) return false;
  const uint32_t h = static_cast<uint32_t>(v.head(t));
  const std::string& lemma = v.lemma(h);
  bool occurs = lemma == "erupt" || lemma == "continue" || lemma == "intensify" ||
                lemma == "rage" || lemma == "resume" || lemma == "escalate" || lemma == "flare" ||
                lemma == "spread" || lemma == "occur" || lemma == "ensue";
  bool where = false;
  if (lemma == "take") {  // "take place in X": the place phrase may hang on "place"
    int32_t o = v.Child(h, "obj");
    occurs = o != kNil && v.lemma(static_cast<uint32_t>(o)) == "place";
    where = occurs && SaysWhere(v, static_cast<uint32_t>(o));
  }
  if (lemma == "break") {
    int32_t prt = v.Child(h, "compound:prt");
    occurs = prt != kNil && v.lemma(static_cast<uint32_t>(prt)) == "out";
  }
  if (lemma == "be") occurs = v.Child(h, "expl") != kNil;
  return occurs && (where || SaysWhere(v, h) || SaysWhere(v, t));
}

// Whether verb h is "leave" with the dead or wounded as its result
// ("Air operations leave 14 Taliban dead", "the blast left 12 people
// wounded", "shelling leaves casualties in X"): the subject event noun
// carries the event, like "killed".
// A past participle of a casualty verb: "injured(VBN, lemma injure)".
bool CasualtyParticiple(const SentenceView& v, uint32_t t) {
  const std::string& l = v.lemma(t);
  return v.tok(t).xpos == "VBN" && (l == "injure" || l == "wound" || l == "kill");
}

bool LeavesCasualties(const SentenceView& v, uint32_t h) {
  if (v.lemma(h) != "leave") return false;
  for (uint32_t c : v.kids(h)) {
    if (v.rel(c) != "xcomp" && v.rel(c) != "obj") continue;
    const std::string& l = v.lemma(c);
    if (l == "dead" || l == "wounded" || l == "injured") return true;
    if (v.rel(c) == "xcomp" && CasualtyParticiple(v, c)) return true;  // "left 3 civilians injured"
    if (v.rel(c) == "obj" && (l == "casualty" || l == "victim")) return true;
    for (uint32_t d : v.kids(c)) {
      const std::string& m = v.lemma(d);
      if ((v.rel(d) == "amod" || v.rel(d) == "xcomp") &&
          (m == "dead" || m == "wounded" || m == "injured"))
        return true;
      // "left 14 people killed(acl)".
      if ((v.rel(d) == "acl" || v.rel(d) == "xcomp") && CasualtyParticiple(v, d)) return true;
    }
  }
  return false;
}

// Whether event noun t has a phrase that names its place: in/near/at/on/
// around/across/outside before a proper noun ("clashes in Jopar", also by
// the words: the preposition right after t, a proper noun within four,
// "clashes in the countryside of Al-Hasakah"), or
// before a noun that a proper noun modifies ("in the countryside of
// Al-Hasakah", "on Idlib countryside").
bool NamesItsPlace(const SentenceView& v, uint32_t t) {
  // By the words, as the parser may hang the phrase elsewhere ("Shells on
  // the centre of Aleppo and clashes in Jobar", "in Jobar" under "Shells").
  if (t + 2 < v.end() && v.tok(t + 1).upos == Upos::kAdp) {
    const std::string& prep = v.lemma(t + 1);
    if (prep == "in" || prep == "near" || prep == "at" || prep == "on" || prep == "around" ||
        prep == "outside") {
      for (uint32_t k = t + 2; k < v.end() && k < t + 6; ++k) {
        const Upos u = v.tok(k).upos;
        if (u == Upos::kPropn) return !IsDate(v, k);
        // "in the countryside of Al-Hasakah"
        if (u != Upos::kDet && u != Upos::kAdj && u != Upos::kNoun && v.lemma(k) != "of") break;
      }
    }
  }
  for (uint32_t c : v.kids(t)) {
    if ((!IsNmod(v.rel(c)) && !IsObl(v.rel(c))) || IsDate(v, c)) continue;
    bool place = false;
    for (std::string_view prep : {"in", "near", "at", "on", "around", "across", "outside"})
      place = place || v.HasCase(c, prep);
    if (!place) continue;
    if (v.tok(c).upos == Upos::kPropn) return true;
    for (uint32_t d : v.kids(c)) {
      if ((IsNmod(v.rel(d)) || v.rel(d) == "compound") && v.tok(d).upos == Upos::kPropn)
        return true;
    }
  }
  return false;
}

// Whether noun t heads a sentence that is only an event, as a headline or
// caption is ("Clashes in the countryside of Aleppo", "Fierce shelling in
// Idlib city and clashes in Jobar"): t is the root, or a conjunct of a root
// noun, has no copula, the sentence has no verb or auxiliary, and the noun
// (or the root) says where, with in/near/at/on/around/across/outside; or,
// anywhere in such a sentence, t names its place (NamesItsPlace). A
// report's title ("Executions 2007", "Ethnic Cleansing of Rural Fulani") is
// no event report.
bool HeadlineEventNoun(const SentenceView& v, uint32_t t) {
  // No clause: a participle modifying a noun ("Renewed clashes") or a
  // conjoined -ing noun without subject or auxiliary ("clashes in Jopar and
  // shelling on Douma") is none.
  auto verbless = [&] {
    for (uint32_t i = v.begin(); i < v.end(); ++i) {
      const Token& tok = v.tok(i);
      if (tok.upos == Upos::kAux) return false;
      if (tok.upos != Upos::kVerb) continue;
      const std::string_view r = v.rel(i);
      if (r == "amod" || r == "compound") continue;
      if (tok.xpos == "VBG" && r == "conj" && v.Child(i, "nsubj") == kNil &&
          v.Child(i, "aux") == kNil)
        continue;
      return false;
    }
    return true;
  };
  uint32_t head = t;
  if (v.rel(t) == "conj" && v.head(t) != kNil) head = static_cast<uint32_t>(v.head(t));
  if (v.Child(t, "cop") != kNil || v.Child(head, "cop") != kNil) return false;
  const bool no_clause = verbless();
  // A line with no clause reports every event noun in it that names its
  // place, wherever the parser hung it ("Shells on the centre of Aleppo and
  // clashes in Jopar", "3 casualties in the aerial bombing on Nawa").
  // Not what a title's noun is "of" ("the Organisation of Massacres in
  // Rwanda").
  if (NamesItsPlace(v, t) && !(IsNmod(v.rel(t)) && v.HasCase(t, "of")) && no_clause) return true;
  if (v.rel(head) == "root") return no_clause && (SaysWhere(v, t) || SaysWhere(v, head));
  // The parser may make a verbless headline one long noun phrase ("Shelling
  // and clashes in Quneitra and Damascus countryside" headed by
  // "countryside"). By the words, then: the noun (or the conjunct after the
  // first) opens the sentence, after modifiers only, and a place phrase
  // follows it (in/near/at/... before a proper noun).
  bool first = true;
  for (uint32_t i = v.begin(); i < t; ++i) {
    const Upos u = v.tok(i).upos;
    if (u == Upos::kCconj || (u == Upos::kPunct && v.lemma(i) == ",")) {
      first = false;
      continue;
    }
    if (u != Upos::kDet && u != Upos::kAdj && u != Upos::kNoun && u != Upos::kNum) return false;
  }
  if ((!first && v.rel(t) != "conj") || !no_clause) return false;
  for (uint32_t i = t + 1; i + 1 < v.end(); ++i) {
    const std::string& w = v.lemma(i);
    if (v.tok(i).upos != Upos::kAdp) continue;
    if (w != "in" && w != "near" && w != "at" && w != "on" && w != "around" && w != "outside")
      return false;
    for (uint32_t k = i + 1; k < v.end() && k < i + 4; ++k)
      if (v.tok(k).upos == Upos::kPropn) return true;
    return false;
  }
  return false;
}

// The mention standing for argument token `a`: the one headed by it, else a
// dictionary mention among its modifiers ("rebel positions" -> "rebel"), else
// the innermost one covering it, else a new kUnknown/kPronoun mention.
int32_t ActorFor(Document& doc, Work& w, uint32_t sentence, uint32_t a, bool gathering) {
  const SentenceView& v = w.v;
  if (w.mention_by_head[a] == kNil && v.ContentNoun(a) != a) a = v.ContentNoun(a);
  if (w.mention_by_head[a] != kNil) return w.mention_by_head[a];
  for (uint32_t c : v.kids(a)) {
    std::string_view r = v.rel(c);
    if ((r == "compound" || r == "amod" || r == "nmod:poss" || r == "flat" || r == "nmod") &&
        w.mention_by_head[c] != kNil &&
        doc.mentions[w.mention_by_head[c]].kind != ActorMention::Kind::kUnknown)
      return w.mention_by_head[c];
  }
  // One level down the compounds: "an army supply base" -> army.
  for (uint32_t c : v.kids(a)) {
    if (v.rel(c) != "compound" || c > a) continue;
    for (uint32_t k : v.kids(c)) {
      if ((v.rel(k) == "compound" || v.rel(k) == "amod") && w.mention_by_head[k] != kNil &&
          doc.mentions[w.mention_by_head[k]].kind != ActorMention::Kind::kUnknown)
        return w.mention_by_head[k];
    }
  }
  if (w.mention_covering[a] != kNil) return w.mention_covering[a];
  const Token& t = v.tok(a);
  if (!IsNominal(t.upos) && t.upos != Upos::kAdj && t.upos != Upos::kDet) return kNil;
  if (IsNonActorNoun(v.lemma(a)) || v.rel(a) == "obl:tmod" || v.rel(a) == "obl:unmarked" ||
      IsRelPronoun(v.lemma(a)))
    return kNil;
  // An event is not an actor: "the fighting killed 42 people". A gathering
  // attacked or broken up is its people (GatheringSector).
  const std::string_view gathering_sector =
      gathering && t.upos == Upos::kNoun ? GatheringSectorOf(v, a) : std::string_view();
  if (w.matcher != nullptr && t.upos == Upos::kNoun && gathering_sector.empty()) {
    uint32_t nb = 0;
    if (w.matcher->MatchNoun(a, &nb) != nullptr) return kNil;
  }
  // The phrase: left modifiers and right flat/compound parts.
  uint32_t b = a, e = a + 1;
  for (uint32_t c : v.kids(a)) {
    std::string_view r = v.rel(c);
    if (c < a && (r == "det" || r == "amod" || r == "compound" || r == "nummod" ||
                  r == "nmod:poss" || r == "flat" || r == "advmod" || r == "det:poss")) {
      b = std::min(b, Leftmost(v, c, 0));  // "at least four"
    }
    if (c > a && (r == "flat" || r == "compound" || StartsWith(r, "flat:"))) e = std::max(e, c + 1);
  }
  if (!gathering_sector.empty()) {
    const int32_t m = NewMention(doc, w, sentence, b, e, a, ActorMention::Kind::kAgent);
    doc.mentions[m].sector = std::string(gathering_sector);
    doc.mentions[m].code = "---" + doc.mentions[m].sector;
    return m;
  }
  ActorMention::Kind kind =
      t.upos == Upos::kPron ? ActorMention::Kind::kPronoun : ActorMention::Kind::kUnknown;
  return NewMention(doc, w, sentence, b, e, a, kind);
}

// ActorFor, plus the other actors of conjoined modifiers: "Turkish and Syrian
// forces" -> "Syrian forces" (SYRMIL) and "Turkish" (TUR).
std::vector<int32_t> ActorsFor(Document& doc, Work& w, uint32_t sentence, uint32_t a,
                               bool gathering = false) {
  std::vector<int32_t> out;
  int32_t m = ActorFor(doc, w, sentence, a, gathering);
  if (m == kNil) return out;
  out.push_back(m);
  const SentenceView& v = w.v;
  for (uint32_t c : v.kids(a)) {
    if (v.rel(c) != "amod" && v.rel(c) != "compound") continue;
    std::vector<uint32_t> conj;
    v.Expand(c, &conj);
    if (conj.size() < 2) continue;
    for (uint32_t x : conj) {
      int32_t mx = w.mention_by_head[x];
      if (mx == kNil || doc.mentions[mx].kind == ActorMention::Kind::kUnknown) continue;
      if (mx != m && std::find(out.begin(), out.end(), mx) == out.end() &&
          (doc.mentions[mx].token_begin >= doc.mentions[m].token_end ||
           doc.mentions[mx].token_end <= doc.mentions[m].token_begin))
        out.push_back(mx);
    }
  }
  return out;
}

// Irregular past forms of dictionary verbs, for tokens the tagger took for
// nouns ("its air force hit(NOUN) 27 targets").
std::string_view IrregularBase(std::string_view form) {
  static constexpr std::pair<std::string_view, std::string_view> kForms[] = {
      {"struck", "strike"},
      {"stricken", "strike"},
      {"shot", "shoot"},
      {"fought", "fight"},
      {"took", "take"},
      {"taken", "take"},
      {"overran", "overrun"},
      {"threw", "throw"},
      {"thrown", "throw"},
      {"led", "lead"},
      {"met", "meet"},
      {"sent", "send"},
      {"held", "hold"},
      {"brought", "bring"},
      {"drove", "drive"},
      {"driven", "drive"},
      {"blew", "blow"},
      {"blown", "blow"},
      {"spoke", "speak"},
      {"told", "tell"},
      {"won", "win"},
      {"stole", "steal"},
      {"stolen", "steal"},
      {"beaten", "beat"},
      {"seen", "see"},
      {"saw", "see"},
      {"said", "say"},
      {"gave", "give"},
      {"given", "give"},
      {"fled", "flee"},
      {"caught", "catch"},
      {"sought", "seek"},
      {"laid", "lay"},
      {"withdrew", "withdraw"},
      {"withdrawn", "withdraw"},
      {"hit", "hit"}};
  for (const auto& [f, base] : kForms) {
    if (form == f) return base;
  }
  return {};
}

// The dictionary verb a token's form or lemma can be ("hit" -> hit,
// "shelled" -> shell, "struck" -> strike, "bombs" -> bomb), or "".
std::string VerbLemmaOf(const Dictionary& dict, const SentenceView& v, uint32_t t) {
  const std::string& form = v.form(t);
  std::vector<std::string> cands;
  if (std::string_view irr = IrregularBase(form); !irr.empty()) cands.emplace_back(irr);
  cands.push_back(v.lemma(t));
  cands.push_back(form);
  if (form.size() > 4 && form.ends_with("ied"))
    cands.push_back(form.substr(0, form.size() - 3) + "y");
  if (form.size() > 4 && form.ends_with("ed")) {
    std::string stem = form.substr(0, form.size() - 2);
    cands.push_back(stem);
    cands.push_back(stem + "e");
    if (stem.size() > 2 && stem.back() == stem[stem.size() - 2])
      cands.push_back(stem.substr(0, stem.size() - 1));
  }
  if (form.size() > 3 && form.ends_with("s")) cands.push_back(form.substr(0, form.size() - 1));
  if (form.size() > 4 && form.ends_with("es")) cands.push_back(form.substr(0, form.size() - 2));
  for (const std::string& c : cands) {
    if (!c.empty() && !dict.Verbs(c).empty()) return c;
  }
  return {};
}

// The code of a bare "strike" (190 in nouns.txt) from its context: a labour
// word in the sentence makes it a strike (143: "workers staged a strike");
// else an air, drone or artillery weapon of nouns.txt (`weapon` lines with a
// 19x code) in the sentence or the one before gives that code ("Russian
// jets ... the strikes hit" -> 195). "" = keep 190.
std::string StrikeInContext(const Dictionary& dict, const Document& doc, uint32_t si) {
  static constexpr std::string_view kLabour[] = {
      "worker",  "union",   "employee", "teacher", "nurse",  "doctor", "miner",
      "docker",  "trucker", "driver",   "wage",    "salary", "pay",    "pension",
      "walkout", "labour",  "labor",    "student", "picket", "striker"};
  const Sentence& s = doc.sentences[si];
  bool has_strike = false;
  for (uint32_t t = s.token_begin; t < s.token_end && !has_strike; ++t) {
    has_strike = EqualsLower(doc.tokens[t].lemma, "strike");
  }
  if (!has_strike) return {};
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    if (doc.tokens[t].upos != Upos::kNoun) continue;  // not "European Union"
    for (std::string_view w : kLabour) {
      if (EqualsLower(doc.tokens[t].lemma, w)) return "143";
    }
  }
  std::string l;  // reused buffer
  auto weapon_in = [&](uint32_t b, uint32_t e) -> std::string {
    for (uint32_t t = b; t < e; ++t) {
      if (doc.tokens[t].upos == Upos::kVerb) continue;  // "shelled"
      LowerInto(doc.tokens[t].lemma, &l);
      if (l == "air" && t + 1 < e) return "195";  // "air force", "air raid", "air power"
      for (const NounPattern& w : dict.Weapons(l)) {
        if (w.modifiers.empty() && StartsWith(w.code, "19")) return w.code;
      }
    }
    return {};
  };
  std::string c = weapon_in(s.token_begin, s.token_end);
  if (c.empty() && si > 0)
    c = weapon_in(doc.sentences[si - 1].token_begin, doc.sentences[si - 1].token_end);
  return c;
}

// Repairs two tagger/parser errors of wire copy that hide a clause's verb,
// on a private copy of the sentence (SentenceView::Mutable):
//
// 1. A noun with an object that is a dictionary verb form:
//    "its air force hit(NOUN, compound: force) 27 targets(obj)" -> "hit" is
//    the verb, the nearest nominal before it ("force") its subject, and the
//    modifiers before that nominal ("its air") move to it. Only without a
//    determiner, preposition or copula on the noun.
// 2. A sentence whose root is a noun (no copula, no subject) with a past verb
//    after it that the parser made an adjective of the following noun:
//    "Syrian troops(root) ... attacked(amod) rebel forces" -> "attacked" is the
//    root, "troops" its subject, "forces" its object. Only when nothing of
//    that noun phrase stands before the verb ("the attacked villages").
bool RepairNounClause(const Dictionary& dict, SentenceView& v, uint32_t r);

void RepairParse(const Dictionary& dict, SentenceView& v,
                 std::span<const int32_t> mention_by_head) {
  const uint32_t b = v.begin(), e = v.end();
  auto set_head = [&](uint32_t t, int32_t h, std::string_view rel) {
    Token& m = v.Mutable(t);
    m.head = h == kNil ? 0 : static_cast<int32_t>(h - b + 1);
    if (!rel.empty()) m.deprel = std::string(rel);
  };
  bool changed = false;
  // 0. "X and allied Y": a participle after "and" followed by a noun is that
  //    noun's modifier, and the noun is X's conjunct. The parser made the
  //    participle a verb: the root with X as its subject ("soldiers(nsubj) and
  //    allied(root) militia(nsubj of backed)"), or X's conjunct.
  for (uint32_t t = b + 2; t + 1 < e && !changed; ++t) {
    const Token& tok = v.tok(t);
    if (tok.upos != Upos::kVerb || (tok.xpos != "VBN" && tok.xpos != "VBD")) continue;
    const uint32_t n = t + 1;
    if (v.rel(t - 1) != "cc" || v.head(t - 1) != static_cast<int32_t>(t) ||
        (v.tok(n).upos != Upos::kNoun && v.tok(n).upos != Upos::kPropn) ||
        v.Child(t, "obj") != kNil)
      continue;
    int32_t x = kNil;
    if (v.rel(t) == "conj" && v.head(t) != kNil && v.head(t) < static_cast<int32_t>(t - 1) &&
        IsNominal(v.tok(v.head(t)).upos))
      x = v.head(t);
    int32_t sub = v.Child(t, "nsubj");
    if (x == kNil && sub != kNil && sub < static_cast<int32_t>(t - 1)) x = sub;
    if (x == kNil) continue;
    // n must hang below t ("militia" -> backed -> allied).
    int32_t up = v.head(n);
    for (int guard = 0; up != kNil && up != static_cast<int32_t>(t) && guard < 4; ++guard)
      up = v.head(up);
    if (up != static_cast<int32_t>(t)) continue;
    std::vector<uint32_t> others;
    for (uint32_t c : v.kids(t)) {
      if (c != static_cast<uint32_t>(x) && c != t - 1) others.push_back(c);
    }
    if (x == sub) {  // X takes the participle's place in the tree
      Token& xm = v.Mutable(static_cast<uint32_t>(x));
      xm.head = v.tok(t).head;
      xm.deprel = v.tok(t).deprel;
    }
    set_head(n, x, "conj");
    set_head(t - 1, static_cast<int32_t>(n), "cc");
    Token& m = v.Mutable(t);
    m.upos = Upos::kAdj;
    m.xpos = "JJ";
    set_head(t, static_cast<int32_t>(n), "amod");
    for (uint32_t c : others) {
      if (c == n) continue;
      Token& k = v.Mutable(c);
      k.head = static_cast<int32_t>(x - b + 1);
      if (k.upos == Upos::kVerb && k.deprel != "conj") k.deprel = "acl";
    }
    changed = true;
  }
  // 0b. A noun the parser made the xcomp of a verb without an object is the
  //     object when a pattern of the verb fixes it: "had taken(VERB) full
  //     control(xcomp) of the base" (192 take =control).
  for (uint32_t t = b; t < e; ++t) {
    if (v.tok(t).upos != Upos::kVerb || v.Child(t, "obj") != kNil) continue;
    int32_t x = v.Child(t, "xcomp");
    if (x == kNil || static_cast<uint32_t>(x) < t || v.tok(x).upos != Upos::kNoun ||
        v.Child(x, "cop") != kNil || v.Child(x, "case") != kNil || v.Child(x, "mark") != kNil)
      continue;
    // Only where a pattern of the verb wants this noun as its object ("take
    // =control"): "is called(xcomp) a martyr" stays a naming complement.
    bool wanted = false;
    for (const VerbPattern& pat : dict.Verbs(v.lemma(t))) {
      for (const std::string& l : pat.object_lemmas) wanted = wanted || l == v.lemma(x);
    }
    if (!wanted) continue;
    v.Mutable(static_cast<uint32_t>(x)).deprel = "obj";
    changed = true;
  }
  // 0c. A conjunct comes after the word it is joined to. A participle the
  //     parser made the conjunct of a later verb ("..., killing three people
  //     ... and wounding(conj of said) 19 others, officials said") joins the
  //     nearest participle before it that is a clause of its own.
  for (uint32_t t = b + 1; t < e; ++t) {
    if (v.rel(t) != "conj" || v.tok(t).xpos != "VBG" || v.head(t) == kNil ||
        v.head(t) <= static_cast<int32_t>(t))
      continue;
    // Participles inside a noun phrase on the way ("a boy waiting(acl) at a
    // bus stop", "including(case)") are passed over; a finite verb ends the
    // search.
    for (uint32_t p = t; p-- > b;) {
      const std::string& x = v.tok(p).xpos;
      if (x == "VBD" || x == "VBZ" || x == "VBP" || x == "MD") break;
      if (x != "VBG" || v.tok(p).upos != Upos::kVerb) continue;
      const std::string_view r = v.rel(p);
      if (r != "advcl" && r != "conj" && r != "xcomp") continue;
      set_head(t, static_cast<int32_t>(p), "conj");
      changed = true;
      break;
    }
  }
  // 0d. A preposition cannot open a finite clause: "Police(root) in(mark)
  //     Hong Kong(nsubj) fired(advcl) tear gas" is "Police in Hong Kong"
  //     firing. The place after the preposition modifies the noun before it,
  //     and that noun is the verb's subject.
  for (uint32_t t = b + 3; t < e && !changed; ++t) {
    const std::string& x = v.tok(t).xpos;
    if (v.tok(t).upos != Upos::kVerb || (x != "VBD" && x != "VBZ" && x != "VBP")) continue;
    const int32_t n = v.head(t);
    if (n == kNil || !IsNominal(v.tok(n).upos)) continue;
    int32_t mark = kNil, subj = kNil;
    for (uint32_t c : v.kids(t)) {
      if (v.rel(c) == "mark" && c < t) mark = static_cast<int32_t>(c);
      if (v.rel(c) == "nsubj" && c < t) subj = static_cast<int32_t>(c);
    }
    static constexpr std::string_view kPlacePreps[] = {"in", "at", "near", "from", "outside"};
    if (mark == kNil || subj == kNil || n >= mark || mark >= subj ||
        std::ranges::find(kPlacePreps, v.form(mark)) == std::end(kPlacePreps))
      continue;
    const Token& nt = v.tok(static_cast<uint32_t>(n));
    Token& m = v.Mutable(t);
    m.head = nt.head;
    m.deprel = nt.deprel;
    set_head(static_cast<uint32_t>(n), static_cast<int32_t>(t), "nsubj");
    set_head(static_cast<uint32_t>(subj), n, "nmod");
    set_head(static_cast<uint32_t>(mark), subj, "case");
    changed = true;
  }
  // 0e. A nominal the parser made a compound (or an unmarked oblique) of a
  //     past verb heading a clause is its subject: "Taliban(compound)
  //     battered(root) in Kandahar". Not a present form: "Syria(compound) Daily Report(root)"
  //     is a title.
  for (uint32_t t = b + 1; t < e; ++t) {
    const std::string_view tr = v.rel(t);
    const std::string& tx = v.tok(t).xpos;
    if (v.tok(t).upos != Upos::kVerb || (tx != "VBD" && tx != "VBN") ||
        v.Child(t, "nsubj") != kNil || v.Child(t, "nsubj:pass") != kNil ||
        (tr != "root" && tr != "ccomp" && tr != "parataxis" && tr != "conj"))
      continue;
    int32_t c = kNil;
    for (uint32_t k : v.kids(t)) {
      if (k < t && v.rel(k) == "compound" && IsNominal(v.tok(k).upos)) c = static_cast<int32_t>(k);
      // Or an unmarked oblique before a bare participle with no object:
      // "Presidential guard(obl:unmarked) shot(root) dead in Kabul attack"
      // (not "was gang(obl:unmarked)-raped").
      if (UnmarkedSubjectOfParticiple(v.tokens(), t - b, k - b) && IsNominal(v.tok(k).upos) &&
          !IsNonActorNoun(v.lemma(k)) && !IsDate(v, k))
        c = static_cast<int32_t>(k);
    }
    if (c == kNil) continue;
    v.Mutable(static_cast<uint32_t>(c)).deprel = "nsubj";
    changed = true;
  }
  // 0f. A subordinator the parser read as a preposition of the noun before
  //     the clause: "had arrested 300 people(nsubj of clashed) after(case)
  //     protesters(nmod) clashed with officers" is "arrested [300 people]
  //     [after protesters clashed ...]": the first noun is the object of the
  //     verb before it (which has none), the second the clause's subject.
  for (uint32_t t = b + 4; t < e; ++t) {
    const std::string& x = v.tok(t).xpos;
    if (v.tok(t).upos != Upos::kVerb || (x != "VBD" && x != "VBZ" && x != "VBP")) continue;
    const int32_t g = v.head(t);
    const int32_t n1 = v.Child(t, "nsubj");
    // Not a measure of time: "said, two weeks(nsubj) after(case) rebels
    // kidnapped ..." is "two weeks after [rebels kidnapped]".
    if (g == kNil || n1 == kNil || g >= n1 || n1 >= static_cast<int32_t>(t) ||
        v.tok(static_cast<uint32_t>(g)).upos != Upos::kVerb ||
        v.Child(static_cast<uint32_t>(g), "obj") != kNil ||
        IsNonActorNoun(v.lemma(static_cast<uint32_t>(n1))))
      continue;
    static constexpr std::string_view kSubordinators[] = {"after", "before", "since",  "until",
                                                          "as",    "while",  "because"};
    int32_t n2 = kNil, mark = kNil;
    for (uint32_t c : v.kids(static_cast<uint32_t>(n1))) {
      if (c < t && c > static_cast<uint32_t>(n1) && v.rel(c) == "nmod" &&
          IsNominal(v.tok(c).upos)) {
        const int32_t k = v.Child(c, "case");
        if (k != kNil && std::ranges::find(kSubordinators, v.form(static_cast<uint32_t>(k))) !=
                             std::end(kSubordinators)) {
          n2 = static_cast<int32_t>(c);
          mark = k;
        }
      }
    }
    if (n2 == kNil) continue;
    set_head(static_cast<uint32_t>(n1), g, "obj");
    set_head(static_cast<uint32_t>(n2), static_cast<int32_t>(t), "nsubj");
    set_head(static_cast<uint32_t>(mark), static_cast<int32_t>(t), "mark");
    v.Mutable(static_cast<uint32_t>(mark)).upos = Upos::kSconj;
    v.Mutable(t).deprel = "advcl";
    changed = true;
  }
  // 0i. A subordinator the parser read as the preposition of the clause's
  //     own subject: "Fighting eased after(case) the coalition(obl) paused
  //     its assault" is "after [the coalition paused ...]". A finite verb
  //     with no subject whose oblique, marked so, stands right before it
  //     (only its auxiliaries or adverbs between) has that oblique as its
  //     subject. The oblique may hang on another verb, the verb being its
  //     conjunct ("The town fell after government troops(obl of fell)
  //     withdrew(conj)"; it becomes an adverbial clause of that verb) or its
  //     head ("Fighting eased(advcl of paused) after the coalition(obl of
  //     eased) paused(root)"), or on a measure of time ("a week after
  //     gunmen(nmod of week) stormed(parataxis) a hotel"). Not a conjunct
  //     joined by "and" or "or", which shares its subject ("entered the
  //     town and after the battle seized the bridge").
  for (uint32_t t = b + 2; t < e; ++t) {
    const std::string& x = v.tok(t).xpos;
    const bool finite = x == "VBD" || x == "VBZ" || x == "VBP";
    const bool conj = v.rel(t) == "conj";
    if (v.tok(t).upos != Upos::kVerb || (conj && v.Child(t, "cc") != kNil) ||
        (!finite && v.Child(t, "aux", true) == kNil) || v.Child(t, "nsubj", true) != kNil ||
        v.Child(t, "expl") != kNil)
      continue;
    static constexpr std::string_view kSubordinators[] = {"after", "before", "since", "until",
                                                          "as",    "while",  "once"};
    int32_t n = kNil, mark = kNil;
    static constexpr std::string_view kMeasures[] = {"week", "day",  "month",
                                                     "year", "hour", "minute"};
    auto consider = [&](uint32_t c) {
      const int32_t h = v.head(c);
      if (h == kNil || !IsNominal(v.tok(c).upos) || v.tok(c).upos == Upos::kNum) return;
      // An oblique of a verb, or the noun after a measure of time ("a
      // week(obl) after(case) gunmen(nmod of week) stormed a hotel").
      const auto hu = static_cast<uint32_t>(h);
      const bool verb_obl = IsObl(v.rel(c)) && v.tok(hu).upos == Upos::kVerb;
      const bool time_measure =
          IsNmod(v.rel(c)) && std::ranges::find(kMeasures, v.lemma(hu)) != std::end(kMeasures);
      // Not "as a result of", "as part of".
      const std::string& l = v.lemma(c);
      if ((!verb_obl && !time_measure) || IsNonActorNoun(l) || l == "result" ||
          l == "consequence" || l == "part")
        return;
      const int32_t k = v.Child(c, "case");
      if (k == kNil || std::ranges::find(kSubordinators, v.lemma(static_cast<uint32_t>(k))) ==
                           std::end(kSubordinators))
        return;
      // Only the noun's own phrase, then the verb's auxiliaries and adverbs.
      for (uint32_t j = c + 1; j < t; ++j) {
        int32_t up = static_cast<int32_t>(j);
        while (up != kNil && up != static_cast<int32_t>(c) && up != static_cast<int32_t>(t))
          up = v.head(static_cast<uint32_t>(up));
        const std::string_view r = v.rel(j);
        if (v.tok(j).upos == Upos::kPunct) return;
        if (up != static_cast<int32_t>(c) && (v.head(j) != static_cast<int32_t>(t) ||
                                              (r != "aux" && r != "aux:pass" && r != "advmod")))
          return;
      }
      n = static_cast<int32_t>(c);
      mark = k;
    };
    for (uint32_t c = b; c < t; ++c) consider(c);
    if (n == kNil) continue;
    const bool passive = v.Child(t, "aux:pass") != kNil;
    set_head(static_cast<uint32_t>(n), static_cast<int32_t>(t), passive ? "nsubj:pass" : "nsubj");
    set_head(static_cast<uint32_t>(mark), static_cast<int32_t>(t), "mark");
    v.Mutable(static_cast<uint32_t>(mark)).upos = Upos::kSconj;
    if (conj || v.rel(t) == "parataxis") v.Mutable(t).deprel = "advcl";
    changed = true;
  }
  // 0h. What someone was found to have suffered is a passive clause of its
  //     own: "Two men were found shot(xcomp) dead" is "two men [were] shot
  //     dead" (agent unknown). The one found becomes the participle's
  //     passive subject: the object of an active "found" ("Police found
  //     him shot dead"), else its subject.
  for (uint32_t x = b + 1; x < e; ++x) {
    const int32_t f = v.head(x);
    const std::string& xx = v.tok(x).xpos;
    if (v.rel(x) != "xcomp" || (xx != "VBN" && xx != "JJ") || f == kNil ||
        v.lemma(static_cast<uint32_t>(f)) != "find" || v.Child(x, "nsubj:pass") != kNil ||
        v.Child(x, "obj") != kNil)
      continue;
    // The tagger may read the participle as an adjective ("shot(JJ) dead").
    const std::string verb = VerbLemmaOf(dict, v, x);
    if (!IsHarmVerb(verb)) continue;
    int32_t s = v.Child(static_cast<uint32_t>(f), "obj");
    if (s == kNil) s = v.Child(static_cast<uint32_t>(f), "nsubj:pass");
    if (s == kNil && v.Child(static_cast<uint32_t>(f), "aux:pass") == kNil)
      s = v.Child(static_cast<uint32_t>(f), "nsubj");  // headline: "Two men found beheaded"
    if (s == kNil || static_cast<uint32_t>(s) > x) continue;
    set_head(static_cast<uint32_t>(s), static_cast<int32_t>(x), "nsubj:pass");
    Token& m = v.Mutable(x);
    m.upos = Upos::kVerb;
    m.xpos = "VBN";
    m.lemma = verb;
    changed = true;
  }
  // 0j. "..., killing 15 worshippers(nsubj of said), security
  //     sources(conj) said": the object of a verb with none, right after
  //     it, that the parser made the first of two subjects of a speech verb
  //     joined by a bare comma. It is the verb's object; the second noun is
  //     the speaker.
  for (uint32_t n1 = b + 1; n1 < e; ++n1) {
    const int32_t sv = v.head(n1);
    if (v.rel(n1) != "nsubj" || sv == kNil || static_cast<uint32_t>(sv) < n1 ||
        !IsNominal(v.tok(n1).upos))
      continue;
    const std::string& sl = v.lemma(static_cast<uint32_t>(sv));
    if (sl != "say" && sl != "tell" && sl != "report" && sl != "add" && sl != "confirm") continue;
    int32_t n2 = kNil;
    for (uint32_t c : v.kids(n1))
      if (c > n1 && v.rel(c) == "conj" && v.Child(c, "cc") == kNil && IsNominal(v.tok(c).upos))
        n2 = static_cast<int32_t>(c);
    // Or both subjects of the speech verb: "arrested 12 Palestinians(nsubj of
    // said) during raids, the army(nsubj) said".
    if (n2 == kNil) {
      for (uint32_t c : v.kids(static_cast<uint32_t>(sv))) {
        if (c <= n1 || v.rel(c) != "nsubj" || !IsNominal(v.tok(c).upos)) continue;
        const uint32_t lc = Leftmost(v, c, 0);
        if (lc > b && v.lemma(lc - 1) == ",") n2 = static_cast<int32_t>(c);
        break;
      }
    }
    const uint32_t start = Leftmost(v, n1, 0);
    if (n2 == kNil || start <= b) continue;
    uint32_t verb = start - 1;
    const std::string& x = v.tok(verb).xpos;
    if (v.tok(verb).upos != Upos::kVerb || (x != "VBG" && x != "VBD" && x != "VBN") ||
        v.Child(verb, "obj") != kNil || v.Child(verb, "ccomp") != kNil)
      continue;
    set_head(n1, static_cast<int32_t>(verb), "obj");
    set_head(static_cast<uint32_t>(n2), sv, "nsubj");
    changed = true;
  }
  // 0k. A verb joined to a word before it by a hyphen ("North Korea
  //     test-fired two missiles") is the dictionary's hyphenated verb when
  //     there is one ("test-fire"): the word becomes its compound, and a
  //     subject the parser made passive is active when the verb has an
  //     object and no passive auxiliary.
  for (uint32_t t = b + 2; t < e; ++t) {
    if (v.tok(t).upos != Upos::kVerb || v.tok(t - 1).xpos != "HYPH" ||
        v.head(t - 2) != static_cast<int32_t>(t))
      continue;
    std::string joined = StrCat({v.lemma(t - 2), "-", v.lemma(t)});
    if (dict.Verbs(joined).empty()) continue;
    Token& m = v.Mutable(t);
    m.lemma = std::move(joined);
    set_head(t - 2, static_cast<int32_t>(t), "compound");
    if (v.Child(t, "obj") != kNil && v.Child(t, "aux:pass") == kNil) {
      if (const int32_t sp = v.Child(t, "nsubj:pass"); sp != kNil)
        v.Mutable(static_cast<uint32_t>(sp)).deprel = "nsubj";
      if (m.xpos == "VBN" && v.Child(t, "aux") == kNil) m.xpos = "VBD";
    }
    changed = true;
  }
  // 0p. A finite verb the parser made part of the name before it in a
  //     title-case headline ("Taliban(root) Seize(flat) Key District(obj of
  //     Seize)"), with an object or oblique of its own, heads the clause:
  //     the name is its subject.
  for (uint32_t t = b + 1; t < e; ++t) {
    const int32_t h = v.head(t);
    const std::string& x = v.tok(t).xpos;
    if (v.tok(t).upos != Upos::kVerb || (x != "VBP" && x != "VBZ" && x != "VBD") ||
        (v.rel(t) != "flat" && v.rel(t) != "compound") || h == kNil ||
        static_cast<uint32_t>(h) >= t || v.tok(static_cast<uint32_t>(h)).upos != Upos::kPropn)
      continue;
    bool args = false;
    for (uint32_t c : v.kids(t)) args |= v.rel(c) == "obj" || IsObl(v.rel(c));
    if (!args) continue;
    const Token old_head = v.tok(static_cast<uint32_t>(h));
    Token& m = v.Mutable(t);
    m.head = old_head.head;
    m.deprel = old_head.deprel;
    set_head(static_cast<uint32_t>(h), static_cast<int32_t>(t), "nsubj");
    changed = true;
  }
  // 0m. A passive subject of a participle with an object and no auxiliary
  //     is an active subject: "Government troops(nsubj:pass)
  //     recaptured(VBN) the town ..., the army said".
  for (uint32_t t = b + 1; t < e; ++t) {
    if (v.tok(t).upos != Upos::kVerb || v.tok(t).xpos != "VBN" || v.Child(t, "obj") == kNil ||
        v.Child(t, "aux", true) != kNil)
      continue;
    // A conjunct shares its head's auxiliaries: "were killed and more than a
    // dozen injured".
    if (v.rel(t) == "conj" && v.head(t) != kNil &&
        v.Child(static_cast<uint32_t>(v.head(t)), "aux", true) != kNil)
      continue;
    const int32_t sp = v.Child(t, "nsubj:pass");
    if (sp == kNil || static_cast<uint32_t>(sp) > t) continue;
    v.Mutable(static_cast<uint32_t>(sp)).deprel = "nsubj";
    v.Mutable(t).xpos = "VBD";
    changed = true;
  }
  // 0n. "The army said its troops(obj of said) had neutralised(ccomp) 25
  //     terrorists": the object of a speech verb right before its clause
  //     complement, which has no subject, is that clause's subject.
  for (uint32_t c = b + 2; c < e; ++c) {
    const int32_t sv = v.head(c);
    if (v.rel(c) != "ccomp" || sv == kNil || static_cast<uint32_t>(sv) > c ||
        v.tok(c).upos != Upos::kVerb || v.Child(c, "nsubj", true) != kNil)
      continue;
    const std::string& sl = v.lemma(static_cast<uint32_t>(sv));
    if (sl != "say" && sl != "tell" && sl != "report" && sl != "add" && sl != "confirm" &&
        sl != "claim" && sl != "announce")
      continue;
    const int32_t o = v.Child(static_cast<uint32_t>(sv), "obj");
    if (o == kNil || static_cast<uint32_t>(o) > c || !IsNominal(v.tok(o).upos) ||
        v.Child(static_cast<uint32_t>(sv), "iobj") != kNil)
      continue;
    // Nothing but the clause's auxiliaries between the object and the verb.
    bool adjacent = true;
    for (uint32_t k = static_cast<uint32_t>(o) + 1; k < c && adjacent; ++k)
      adjacent = v.head(k) == static_cast<int32_t>(c) && StartsWith(v.rel(k), "aux");
    if (!adjacent) continue;
    set_head(static_cast<uint32_t>(o), static_cast<int32_t>(c), "nsubj");
    changed = true;
  }
  // 0o. "fired tear gas at protesters demanding(advcl of fired) the
  //     president's resignation": an -ing verb right after a noun, with no
  //     comma or subordinator, that the parser hung as an adverbial clause
  //     of the verb governing that noun's phrase, describes the noun (acl).
  //     Not a harm ("shelled the village killing 12" is the shelling's).
  for (uint32_t t = b + 2; t < e; ++t) {
    const int32_t h = v.head(t);
    if (v.rel(t) != "advcl" || v.tok(t).xpos != "VBG" || h == kNil ||
        static_cast<uint32_t>(h) >= t || v.Child(t, "mark") != kNil ||
        v.Child(t, "nsubj", true) != kNil || IsHarmVerb(v.lemma(t)) || IsCasualtyVerb(v.lemma(t)))
      continue;
    // The noun names people: the head of an actor mention ("protesters",
    // not "the streets" or "on Thursday").
    const uint32_t n = t - 1;
    if ((v.tok(n).upos != Upos::kNoun && v.tok(n).upos != Upos::kPropn) || v.tok(n).xpos == "NN" ||
        n >= mention_by_head.size() || mention_by_head[n] == kNil ||
        v.doc().mentions[static_cast<size_t>(mention_by_head[n])].kind ==
            ActorMention::Kind::kUnknown)
      continue;
    // The noun hangs (through its phrase) under the same verb.
    int32_t up = v.head(n);
    for (int guard = 0; up != kNil && up != h && guard < 4; ++guard) up = v.head(up);
    if (up != h) continue;
    set_head(t, static_cast<int32_t>(n), "acl");
    changed = true;
  }
  // 0l. A named actor the tagger read as an adverb or adjective ("Al-Shabaab
  //     (RB) carried out an attack"), hung as a modifier on a later verb
  //     that has no subject, is that verb's subject.
  for (uint32_t t = b; t < e && t < mention_by_head.size(); ++t) {
    if (mention_by_head[t] == kNil) continue;
    const ActorMention& am = v.doc().mentions[static_cast<size_t>(mention_by_head[t])];
    if (am.kind != ActorMention::Kind::kNamed && am.kind != ActorMention::Kind::kCountry) continue;
    const Upos u = v.tok(t).upos;
    const int32_t h = v.head(t);
    if ((u != Upos::kAdv && u != Upos::kAdj) || h == kNil || static_cast<uint32_t>(h) <= t ||
        v.tok(static_cast<uint32_t>(h)).upos != Upos::kVerb ||
        (v.rel(t) != "advmod" && v.rel(t) != "amod") ||
        v.Child(static_cast<uint32_t>(h), "nsubj", true) != kNil)
      continue;
    Token& m = v.Mutable(t);
    m.upos = Upos::kPropn;
    m.xpos = "NNP";
    m.deprel = "nsubj";
    changed = true;
  }
  // 0g. A place preposition inside a compound opens a phrase that the
  //     compound's head ends: "killed in Davao City operation(obj)" is "in
  //     [Davao City operation]", an oblique, not an object (as
  //     ReadsAsBarePassive reads it). The preposition moves to the head.
  for (uint32_t o = b + 1; o < e; ++o) {
    const int32_t verb = v.head(o);
    if (v.rel(o) != "obj" || verb == kNil || static_cast<uint32_t>(verb) >= o ||
        v.tok(static_cast<uint32_t>(verb)).upos != Upos::kVerb)
      continue;
    const int32_t k = PrepositionInsideObject(v.doc(), v.tokens(), verb - b, o - b);
    if (k < 0) continue;
    set_head(b + static_cast<uint32_t>(k), static_cast<int32_t>(o), "case");
    v.Mutable(o).deprel = "obl";
    changed = true;
  }
  if (changed) {
    v.Rebuild();
    changed = false;
  }
  // 1. Nouns with objects.
  for (uint32_t t = b; t < e; ++t) {
    const Token& tok = v.tok(t);
    if (tok.upos != Upos::kNoun && tok.upos != Upos::kPropn) continue;
    if (v.Child(t, "det") != kNil || v.Child(t, "case") != kNil || v.Child(t, "cop") != kNil)
      continue;
    int32_t obj = v.Child(t, "obj");
    if (obj == kNil || static_cast<uint32_t>(obj) < t || !IsNominal(v.tok(obj).upos)) continue;
    int32_t subj = kNil;
    for (uint32_t c : v.kids(t)) {
      std::string_view r = v.rel(c);
      if (c < t && (r == "compound" || r == "nsubj") &&
          (v.tok(c).upos == Upos::kNoun || v.tok(c).upos == Upos::kPropn ||
           v.tok(c).upos == Upos::kPron))
        subj = static_cast<int32_t>(c);
    }
    if (subj == kNil) continue;
    std::string lemma = VerbLemmaOf(dict, v, t);
    if (lemma.empty()) continue;
    const std::string& form = v.form(t);
    std::vector<uint32_t> before;
    for (uint32_t c : v.kids(t)) {
      if (c < static_cast<uint32_t>(subj)) before.push_back(c);
    }
    Token& m = v.Mutable(t);
    m.upos = Upos::kVerb;
    m.xpos = (form != lemma && form.ends_with("s")) ? "VBZ" : "VBD";
    m.lemma = lemma;
    set_head(static_cast<uint32_t>(subj), static_cast<int32_t>(t), "nsubj");
    for (uint32_t c : before) set_head(c, subj, "");
    changed = true;
  }
  // 1b. A past verb form inside a noun compound chain that stands where a
  //     clause is: "the army's air force struck(NOUN, compound) RSF
  //     positions(ccomp)" -> "force" subject, "struck" verb, "positions" object.
  for (uint32_t t = b; t < e && !changed; ++t) {
    const Token& tok = v.tok(t);
    if ((tok.upos != Upos::kNoun && tok.upos != Upos::kPropn) || v.rel(t) != "compound") continue;
    const std::string& form = v.form(t);
    if (IrregularBase(form).empty() && !(form.size() > 4 && form.ends_with("ed"))) continue;
    // The top of the compound chain ("struck" -> RSF -> positions).
    int32_t hh = v.head(t);
    for (int guard = 0; hh != kNil && v.rel(hh) == "compound" && guard < 8; ++guard)
      hh = v.head(hh);
    if (hh == kNil || static_cast<uint32_t>(hh) <= t) continue;
    const uint32_t h = static_cast<uint32_t>(hh);
    std::string_view hr = v.rel(h);
    if (hr != "root" && hr != "ccomp" && hr != "conj" && hr != "parataxis") continue;
    if (v.Child(h, "case") != kNil || v.Child(h, "cop") != kNil) continue;
    // The subject: the nearest nominal before the form, hung on the form
    // ("force <-compound- struck") or on the chain's top.
    int32_t subj = kNil;
    bool kid_after = false;
    for (uint32_t x : {t, h}) {
      for (uint32_t c : v.kids(x)) {
        if (x == t && c > t && v.tok(c).upos != Upos::kNum) kid_after = true;
        if (c < t && v.rel(c) == "compound" && IsNominal(v.tok(c).upos) &&
            (subj == kNil || c > static_cast<uint32_t>(subj)))
          subj = static_cast<int32_t>(c);
      }
    }
    if (subj == kNil || kid_after) continue;
    std::string lemma = VerbLemmaOf(dict, v, t);
    if (lemma.empty()) continue;
    std::vector<uint32_t> before;
    for (uint32_t x : {t, h}) {
      for (uint32_t c : v.kids(x)) {
        if (c < static_cast<uint32_t>(subj)) before.push_back(c);
      }
    }
    Token& m = v.Mutable(t);
    m.upos = Upos::kVerb;
    m.xpos = "VBD";
    m.lemma = lemma;
    m.head = v.tok(h).head;
    m.deprel = std::string(hr);
    set_head(static_cast<uint32_t>(subj), static_cast<int32_t>(t), "nsubj");
    for (uint32_t c : before) set_head(c, subj, "");
    for (uint32_t c : v.kids(t)) {
      if (c > t) set_head(c, static_cast<int32_t>(h), "nummod");  // "hit 12(flat) depots"
    }
    set_head(h, static_cast<int32_t>(t), "obj");
    // The head's other clause-level dependents (punct, the speech verb's
    // parataxis) stay on the noun: harmless for argument reading.
    changed = true;
  }
  // 1c. A past form after a subject noun that the tagger made its
  //     adjective: "Syrian troops(root|nsubj) advanced(ADJ, amod of troops)
  //     towards Deir ez-Zor(obl)". The form becomes the clause's verb, in the
  //     noun's place (root, or a complement of the noun's head), the noun its
  //     subject, the noun's later dependents its own. Needs an obl/obj.
  for (uint32_t t = b; t < e && !changed; ++t) {
    const Token& tok = v.tok(t);
    if (v.rel(t) != "amod" || (tok.upos != Upos::kAdj && tok.upos != Upos::kVerb)) continue;
    int32_t nn = v.head(t);
    if (nn == kNil || static_cast<uint32_t>(nn) >= t) continue;
    const uint32_t n = static_cast<uint32_t>(nn);
    std::string_view nr = v.rel(n);
    if ((nr != "root" && nr != "nsubj") ||
        (v.tok(n).upos != Upos::kNoun && v.tok(n).upos != Upos::kPropn) ||
        v.Child(n, "cop") != kNil || v.Child(n, "nsubj") != kNil)
      continue;
    bool has_arg = false;
    for (uint32_t c : v.kids(t)) {
      std::string_view r = v.rel(c);
      if (r == "obj" || ((IsObl(r) || IsNmod(r)) && v.Child(c, "case") != kNil)) has_arg = true;
    }
    if (!has_arg) continue;
    const std::string& form = v.form(t);
    if (IrregularBase(form).empty() && !(form.size() > 4 && form.ends_with("ed"))) continue;
    std::string lemma = VerbLemmaOf(dict, v, t);
    if (lemma.empty()) continue;
    std::vector<uint32_t> after;
    for (uint32_t c : v.kids(n)) {
      if (c > t) after.push_back(c);
    }
    const int32_t n_head = v.tok(n).head;
    Token& m = v.Mutable(t);
    m.upos = Upos::kVerb;
    m.xpos = "VBD";
    m.lemma = lemma;
    m.head = n_head;
    m.deprel = nr == "root" ? "root" : "ccomp";
    for (uint32_t c : v.kids(t)) {
      if (IsNmod(v.rel(c))) v.Mutable(c).deprel = "obl";
    }
    set_head(n, static_cast<int32_t>(t), "nsubj");
    for (uint32_t c : after) {
      Token& k = v.Mutable(c);
      k.head = static_cast<int32_t>(t - b + 1);
      if (k.deprel == "nmod") k.deprel = "obl";
    }
    changed = true;
  }
  if (changed) v.Rebuild();
  // 2. A noun where a clause must be (root, ccomp, parataxis; no copula, no
  //    subject: "Congolese army troops(ccomp) backed by ... shelled(amod) M23
  //    positions, a spokesman said") and a verb inside its phrase taken for an
  //    adjective or a participle: the verb takes the noun's place.
  for (uint32_t r = b; r < e; ++r) {
    std::string_view rr = v.rel(r);
    if ((rr != "root" && rr != "ccomp" && rr != "parataxis") ||
        (v.tok(r).upos != Upos::kNoun && v.tok(r).upos != Upos::kPropn) ||
        v.Child(r, "cop") != kNil || v.Child(r, "nsubj") != kNil)
      continue;
    if (RepairNounClause(dict, v, r)) return;
  }
}

// Step 2 of RepairParse for the clause noun r; true if the parse changed.
bool RepairNounClause(const Dictionary& dict, SentenceView& v, uint32_t r) {
  const uint32_t b = v.begin(), e = v.end();
  const int32_t root = static_cast<int32_t>(r);
  auto set_head = [&](uint32_t t, int32_t h, std::string_view rel) {
    Token& m = v.Mutable(t);
    m.head = h == kNil ? 0 : static_cast<int32_t>(h - b + 1);
    if (!rel.empty()) m.deprel = std::string(rel);
  };
  auto under_r = [&](uint32_t t) {
    int32_t up = v.head(t);
    for (int guard = 0; up != kNil && guard < 32; ++guard) {
      if (up == root) return true;
      up = v.head(static_cast<uint32_t>(up));
    }
    return false;
  };
  // The verb takes r's place: r's head and relation.
  auto promote = [&](uint32_t t) {
    const Token& rt = v.tok(r);
    const int32_t r_head = rt.head;
    const std::string r_rel = rt.deprel;
    Token& m = v.Mutable(t);
    m.head = r_head;
    m.deprel = r_rel;
    set_head(r, static_cast<int32_t>(t), "nsubj");
  };
  // 2a. A past form directly before its object, taken for the object's
  //     adjective: "Syrian troops(root) ... attacked(amod) rebel forces".
  for (uint32_t t = r + 1; t < e; ++t) {
    const Token& tok = v.tok(t);
    if (tok.upos != Upos::kVerb || (tok.xpos != "VBD" && tok.xpos != "VBN")) continue;
    if (v.rel(t) != "amod") continue;
    int32_t h = v.head(t);
    if (h == kNil || static_cast<uint32_t>(h) <= t || !IsNominal(v.tok(h).upos) ||
        !v.kids(t).empty())
      continue;
    bool np_before = false;
    for (uint32_t c : v.kids(static_cast<uint32_t>(h))) {
      if (c < t) np_before = true;
    }
    if (np_before || t == r + 1 || dict.Verbs(v.lemma(t)).empty()) continue;
    if (!under_r(t)) continue;
    promote(t);
    set_head(static_cast<uint32_t>(h), static_cast<int32_t>(t), "obj");
    v.Rebuild();
    return true;
  }
  // 2b. "Kenyan troops(root) backed by a wave of helicopter strikes
  //     attacked(acl of strikes) Shabaab fighters(obj)": the last past form
  //     with an object and no subject hung on a later noun is the root's verb.
  for (uint32_t t = e; t-- > r + 1;) {
    const Token& tok = v.tok(t);
    if (tok.upos != Upos::kVerb || (tok.xpos != "VBD" && tok.xpos != "VBN")) continue;
    if (v.rel(t) == "acl" && v.head(t) != root && v.Child(t, "obj") > static_cast<int32_t>(t) &&
        v.Child(t, "nsubj") == kNil && v.Child(t, "nsubj:pass") == kNil &&
        !dict.Verbs(v.lemma(t)).empty() && under_r(t)) {
      promote(t);
      v.Rebuild();
      return true;
    }
  }
  // 2c. "Thousands of supporters of the June 5 Movement, an opposition
  //     coalition of ..., marched(acl of coalition) through the city": a
  //     past form right after the comma that closes an apposition, with no
  //     subject (nor, for a participle, a "by" agent), is the root's verb
  //     even without an object.
  for (uint32_t t = r + 2; t < e; ++t) {
    const Token& tok = v.tok(t);
    if (tok.upos != Upos::kVerb || (tok.xpos != "VBD" && tok.xpos != "VBN") || v.rel(t) != "acl" ||
        v.form(t - 1) != "," || v.head(t) == root || v.Child(t, "nsubj") != kNil ||
        v.Child(t, "nsubj:pass") != kNil || dict.Verbs(v.lemma(t)).empty() || !under_r(t))
      continue;
    // A participle with a "by" agent is a passive modifier ("civilians,
    // displaced by the fighting, ...").
    bool by = v.Child(t, "obl:agent") != kNil;
    for (uint32_t c : v.kids(t)) by = by || (v.rel(c) == "obl" && v.CaseOf(c) == "by");
    if (tok.xpos == "VBN" && by) continue;
    promote(t);
    v.Rebuild();
    return true;
  }
  return false;
}

// Whether the article already has a violent event (CAMEO roots 18-20) coded
// in an earlier sentence or earlier in this one.
bool ViolenceBefore(const Document& doc) {
  for (const Event& e : doc.events) {
    if (e.cameo.size() >= 2 &&
        (e.cameo.compare(0, 2, "18") == 0 || e.cameo.compare(0, 2, "19") == 0 ||
         e.cameo.compare(0, 2, "20") == 0))
      return true;
  }
  return false;
}

// "themselves", "himself", "itself" (lower case).
bool IsReflexive(std::string_view lower) {
  return lower.ends_with("self") || lower.ends_with("selves");
}

// Whether target mention t is a possessive or reflexive pronoun that stands
// for the source s itself: "the coalition paused its(target) assault",
// "bombers ... killing themselves": no actor acts on itself there. Not an
// object pronoun, which never means its own clause's subject ("police
// warned them"): where the resolver says so, it is wrong, not the target.
bool PronounForItself(const Document& doc, int32_t t, int32_t s) {
  if (t == kNil || s == kNil ||
      doc.mentions[static_cast<size_t>(t)].kind != ActorMention::Kind::kPronoun)
    return false;
  const Token& p = doc.tokens[doc.mentions[static_cast<size_t>(t)].head];
  if (p.xpos != "PRP$") {
    std::string form;
    LowerInto(doc.Form(p), &form);
    if (!IsReflexive(form)) return false;
  }
  auto root = [&](int32_t m) {
    for (int guard = 0; guard < 16 && doc.mentions[static_cast<size_t>(m)].antecedent >= 0; ++guard)
      m = doc.mentions[static_cast<size_t>(m)].antecedent;
    return m;
  };
  return root(t) == root(s);
}

// Whether the violence of verb t is no one's act: its subject, or in a
// passive its "by"/"in" cause, is a natural hazard, disease, accident or
// market figure (nouns.txt `nonagent`): "Floods killed 20 people", "The
// storm hit the coast", "40 were killed in the earthquake". A participle or
// conjunct with no subject of its own ("..., killing 40 people") asks its
// head clause. Any other subject or agent beside it is an actor after all
// ("Floods and gunmen killed ...", "killed by gunmen in the storm"). A
// relative or reduced clause asks the noun it modifies ("the earthquake that
// struck the island").
bool NonAgentCause(const Dictionary& dict, const SentenceView& v, uint32_t t) {
  for (int guard = 0; guard < 4; ++guard) {
    // "an earthquake (that) struck the island", "a tremor ..., killing two":
    // the noun the clause hangs on.
    if (v.tok(t).upos == Upos::kNoun) return dict.IsNonAgent(v.lemma(t));
    bool cause = false, agent = false;
    for (uint32_t c : v.kids(t)) {
      std::string_view r = v.rel(c);
      if (r == "nsubj" && IsRelPronoun(v.lemma(c))) continue;
      if (r == "nsubj" || (IsObl(r) && v.HasCase(c, "by"))) {
        (dict.IsNonAgent(v.lemma(c)) ? cause : agent) = true;
        for (uint32_t k : v.kids(c)) {
          if (v.rel(k) == "conj") (dict.IsNonAgent(v.lemma(k)) ? cause : agent) = true;
        }
      } else if (IsObl(r) && v.HasCase(c, "in") && v.Child(t, "nsubj:pass") != kNil &&
                 dict.IsNonAgent(v.lemma(c))) {
        cause = true;
      }
    }
    if (cause || agent) return cause && !agent;
    std::string_view r = v.rel(t);
    if (v.head(t) == kNil || (r != "advcl" && r != "conj" && r != "xcomp" && !r.starts_with("acl")))
      return false;
    t = static_cast<uint32_t>(v.head(t));
  }
  return false;
}

void CodeSentence(const Dictionary& dict, Document& doc, uint32_t si, Work& w) {
  const Sentence& s = doc.sentences[si];
  SentenceView& v = w.v;
  v.Reset(doc, s);
  RepairParse(dict, v, w.mention_by_head);
  w.strike.code = StrikeInContext(dict, doc, si);
  w.strike.lemma = "strike";
  const uint32_t n = s.token_end - s.token_begin;
  w.preds.clear();
  w.pred_of_verb.assign(n, kNil);
  w.consumed_noun.assign(n, 0);
  Matcher matcher(dict, w);
  w.matcher = &matcher;
  auto rel_idx = [&](uint32_t t) { return t - s.token_begin; };

  // 1. Verb and light-verb predicates.
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const Token& tok = v.tok(t);
    Pred p;
    if (tok.upos != Upos::kVerb) {
      if (!matcher.MatchMistaggedVerb(t, &p)) continue;
      p.kind = PredKind::kVerb;
      p.trig_begin = t;
      p.trig_end = t + 1;
      p.trig_head = t;
      w.pred_of_verb[rel_idx(t)] = static_cast<int32_t>(w.preds.size());
      w.preds.push_back(std::move(p));
      continue;
    }
    bool have_verb = matcher.MatchVerb(t, &p);
    bool verb_fixed = have_verb && p.fixed_object != kNil;
    if (!verb_fixed && matcher.IsLightVerb(t)) {
      int32_t obj = v.Child(t, "obj");
      if (obj == kNil) obj = v.Child(t, "nsubj:pass");
      uint32_t nb = 0;
      const NounPattern* np =
          obj != kNil ? matcher.MatchNoun(static_cast<uint32_t>(obj), &nb) : nullptr;
      if (np != nullptr) {
        Pred lp = LightPred(t, static_cast<uint32_t>(obj), *np, nb);
        w.consumed_noun[rel_idx(lp.noun)] = 1;
        w.pred_of_verb[rel_idx(t)] = static_cast<int32_t>(w.preds.size());
        w.preds.push_back(std::move(lp));
        continue;
      }
    }
    if (!have_verb) continue;
    p.kind = PredKind::kVerb;
    p.trig_begin = t;
    p.trig_end = t + 1;
    p.trig_head = t;
    std::sort(p.particles.begin(), p.particles.end());
    for (uint32_t k : p.particles) {
      if (k == p.trig_end) ++p.trig_end;
    }
    w.pred_of_verb[rel_idx(t)] = static_cast<int32_t>(w.preds.size());
    w.preds.push_back(std::move(p));
  }

  // 2. Event nouns as complements of appeal/demand/threat/intent/reject verbs
  //    ("called for a ceasefire", "threatened sanctions").
  for (Pred& p : w.preds) {
    if (p.kind != PredKind::kVerb || p.complement == Complement::kNone ||
        p.complement == Complement::kSay || p.complement == Complement::kDeny)
      continue;
    std::vector<uint32_t> cands;
    if (p.pattern_target != kNil) cands.push_back(static_cast<uint32_t>(p.pattern_target));
    for (uint32_t c : v.kids(p.verb)) {
      std::string_view r = v.rel(c);
      if (r == "obj" || (IsObl(r) && (v.HasCase(c, "for") || v.HasCase(c, "to"))))
        cands.push_back(c);
    }
    // "pledged $500 million in(of) humanitarian aid": the amount's noun.
    if (const int32_t o = v.Child(p.verb, "obj"); o != kNil) {
      for (uint32_t c : v.kids(static_cast<uint32_t>(o)))
        if (IsNmod(v.rel(c)) && (v.HasCase(c, "in") || v.HasCase(c, "of"))) cands.push_back(c);
    }
    for (uint32_t c : cands) {
      uint32_t nb = 0;
      const NounPattern* np = matcher.MatchNoun(c, &nb);
      if (np == nullptr) continue;
      p.complement_noun = static_cast<int32_t>(c);
      p.complement_begin = nb;
      p.complement_code = np->code;
      if (p.pattern_target == static_cast<int32_t>(c)) p.pattern_target = kNil;
      w.consumed_noun[rel_idx(c)] = 1;
      break;
    }
  }

  // 2b. The act a party claims: "IS claimed responsibility for an attack on
  //     police" is the claim (015) and the attack, coded like a light verb's
  //     noun (source the claimer, target "on police"); attribution marks it
  //     `claimed`. A clause there ("for attacking", "for a bombing that
  //     killed") is coded already.
  //     Without "responsibility", a claim whose object is a violent act
  //     ("Qaeda claims attacks", "IS claimed the bombing") is the same claim
  //     (015, not a statement) of the same act.
  const size_t verb_preds = w.preds.size();
  for (size_t i = 0; i < verb_preds; ++i) {
    const Pred& p = w.preds[i];
    if (p.kind != PredKind::kVerb) continue;
    std::vector<uint32_t> cands;
    bool act_object = false;
    if (p.fixed_object != kNil) {
      const uint32_t resp = static_cast<uint32_t>(p.fixed_object);
      if (v.lemma(resp) != "responsibility" && v.lemma(resp) != "credit") continue;
      for (uint32_t c : v.kids(p.verb)) {
        if (IsObl(v.rel(c)) && v.HasCase(c, "for")) cands.push_back(c);
      }
      for (uint32_t c : v.kids(resp)) {
        if (IsNmod(v.rel(c)) && v.HasCase(c, "for")) cands.push_back(c);
      }
    } else if (v.lemma(p.verb) == "claim" && p.complement == Complement::kSay) {
      for (uint32_t c : v.kids(p.verb)) {
        if (v.rel(c) == "obj") cands.push_back(c);
      }
      act_object = true;
    }
    for (uint32_t c : cands) {
      uint32_t nb = 0;
      const NounPattern* np = w.consumed_noun[rel_idx(c)] ? nullptr : matcher.MatchNoun(c, &nb);
      if (np == nullptr || Root(np->code) < 14) continue;
      Pred lp = LightPred(p.verb, c, *np, nb);
      if (act_object) w.preds[i].code = "015";
      lp.claimed_act = true;
      w.consumed_noun[rel_idx(c)] = 1;
      w.preds.push_back(std::move(lp));
      break;
    }
  }

  // 3. Event nouns as the subject of a violence verb, and on their own.
  Arguments args(v, w.preds, w.pred_of_verb, matcher);
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    const Token& tok = v.tok(t);
    if ((tok.upos != Upos::kNoun && tok.upos != Upos::kPropn) || w.consumed_noun[rel_idx(t)])
      continue;
    uint32_t nb = 0;
    const NounPattern* np = matcher.MatchNoun(t, &nb);
    if (np == nullptr) continue;
    // Actor modifiers: "Russian air strikes", "the army's offensive",
    // "attack by gunmen", "clashes between X and Y", "strikes on Idlib".
    std::vector<uint32_t> src, tgt;
    bool between = false;         // "clashes between X and Y": Y is the target, not the victims
    bool place_modifier = false;  // "Kabul blast" (see place_like below)
    // Modifiers of the noun, and "between" phrases of the verb it is the subject
    // of ("clashes broke out between X and Y").
    std::vector<uint32_t> mods(v.kids(t).begin(), v.kids(t).end());
    if (v.rel(t) == "nsubj" && v.head(t) != kNil) {
      for (uint32_t c : v.kids(static_cast<uint32_t>(v.head(t)))) {
        if (IsObl(v.rel(c)) && (v.HasCase(c, "between") || v.HasCase(c, "among")))
          mods.push_back(c);
      }
    }
    for (uint32_t c : mods) {
      std::string_view r = v.rel(c);
      // A possessor that names a settlement or an area is the event's place,
      // not its actor: "clashes in al-Dumayr city's outskirts", "the
      // village's shelling" (countries, states and capitals may stand for
      // their governments, and stay actors).
      if (r == "nmod:poss") {
        if (IsAreaNoun(v.lemma(c)))
          place_modifier = true;
        else
          v.Expand(c, &src);
      }
      // A proper noun no actor dictionary knows, right before the event noun,
      // is its place in news style ("Kabul blast", "Nangarhar airstrike",
      // "Laghman clash"), not its actor.
      // Only common nouns of the trigger's phrase ("Kabul suicide attack")
      // and the rest of the name ("Agusan Norte clash") may stand between.
      bool adjacent = c < t && t - c <= 3;
      for (uint32_t k = c + 1; adjacent && k < t; ++k)
        adjacent = v.tok(k).upos == Upos::kNoun ||
                   (v.tok(k).upos == Upos::kPropn && v.head(k) == static_cast<int32_t>(c) &&
                    (v.rel(k) == "flat" || v.rel(k) == "compound"));
      const bool place_like = v.tok(c).upos == Upos::kPropn && r == "compound" && adjacent &&
                              w.mention_by_head[c] == kNil && w.mention_covering[c] == kNil;
      place_modifier |= place_like;
      if ((r == "amod" || r == "compound") && !place_like &&
          (w.mention_by_head[c] != kNil || v.tok(c).upos == Upos::kPropn ||
           (v.tok(c).upos == Upos::kAdj && c > s.token_begin && !doc.Form(v.tok(c)).empty() &&
            doc.Form(v.tok(c))[0] >= 'A' && doc.Form(v.tok(c))[0] <= 'Z')))
        v.Expand(c, &src);
      if ((IsNmod(r) || IsObl(r)) && r != "nmod:poss") {
        std::string_view prep = v.CaseOf(c);
        if (prep == "by" || prep == "from") {
          v.Expand(c, &src);
        } else if (prep == "between" || prep == "among") {
          std::vector<uint32_t> both;
          v.Expand(c, &both);
          if (both.size() >= 2) {
            between = true;
            src.push_back(both[0]);
            tgt.insert(tgt.end(), both.begin() + 1, both.end());
          } else {
            src.insert(src.end(), both.begin(), both.end());
          }
        } else if ((prep == "on" || prep == "against" || prep == "upon" || prep == "at" ||
                    prep == "into" || prep == "with" || prep == "to") &&
                   v.lemma(c) != "least" && v.lemma(c) != "most") {  // "at least four raids"
          // "With" names the other side only when it is a party ("clashes
          // with rebels"); otherwise the means ("battle with mace and rocks",
          // "an attack with knives").
          const bool party =
              v.tok(c).upos == Upos::kPropn ||
              (w.mention_by_head[c] != kNil &&
               doc.mentions[w.mention_by_head[c]].kind != ActorMention::Kind::kUnknown);
          if (prep != "with" || party) v.Expand(c, &tgt);
        }
      }
    }
    Pred p;
    p.noun = t;
    p.code = np->code;
    p.specific = !np->modifiers.empty();
    p.trig_begin = nb;
    p.trig_end = t + 1;
    p.trig_head = t;
    // As the subject of a violence verb: "air strikes killed 12 civilians".
    int32_t h = v.head(t);
    if (v.rel(t) == "nsubj" && h != kNil && v.tok(h).upos == Upos::kVerb && Root(np->code) >= 18 &&
        Root(np->code) <= 20) {
      int32_t vp = w.pred_of_verb[rel_idx(h)];
      bool violent_verb =
          IsInstrumentVerb(v.lemma(h)) || LeavesCasualties(v, static_cast<uint32_t>(h)) ||
          (vp != kNil && Root(w.preds[vp].code) >= 18 && Root(w.preds[vp].code) <= 20);
      if (violent_verb) {
        p.kind = PredKind::kInstrument;
        p.verb = static_cast<uint32_t>(h);
        p.sources = std::move(src);
        if (vp != kNil) {
          w.preds[vp].done = true;  // replaced by the noun's event
          p.particles = w.preds[vp].particles;
        }
        // "A roadside bombing killed one soldier and wounded two others": a
        // casualty verb coordinated without a subject of its own is the same
        // happening; its victims are counted on the noun's event.
        for (uint32_t c : v.kids(static_cast<uint32_t>(h))) {
          if (v.rel(c) != "conj" || c < static_cast<uint32_t>(h) || !IsCasualtyVerb(v.lemma(c)) ||
              v.Child(c, "nsubj") != kNil)
            continue;
          if (int32_t cp = w.pred_of_verb[rel_idx(c)]; cp != kNil) w.preds[cp].done = true;
        }
        int32_t obj = v.Child(p.verb, "obj");
        // "left five soldiers wounded" parsed as a small clause: the
        // casualties are the subject of the xcomp.
        if (obj == kNil && LeavesCasualties(v, p.verb)) {
          if (const int32_t x = v.Child(p.verb, "xcomp"); x != kNil)
            obj = v.Child(static_cast<uint32_t>(x), "nsubj");
        }
        if (obj != kNil && !between) v.Expand(static_cast<uint32_t>(obj), &p.targets);
        if (p.targets.empty()) p.targets = std::move(tgt);
        w.preds.push_back(std::move(p));
        continue;
      }
    }
    // The means of a passive casualty verb: "33 soldiers were killed in an air
    // strike" -> 195 with the soldiers as target; so too in headline style
    // ("At least 26 killed in attack") and with "die" ("20 rebels die in
    // clashes").
    int32_t victims = kNil;
    if (IsObl(v.rel(t)) && h != kNil && v.tok(h).upos == Upos::kVerb)
      victims = CasualtyVictims(v, h);
    // Headline tolls: "Three dead in Kabul suicide attack", "Five wounded in
    // attack on bus": the casualty adjective modifies the victims.
    if (IsObl(v.rel(t)) && h != kNil && v.tok(h).upos == Upos::kAdj &&
        (v.rel(h) == "amod" || v.rel(h) == "conj") && v.head(h) != kNil) {
      const std::string& adj = v.lemma(static_cast<uint32_t>(h));
      if (adj == "dead" || adj == "wounded" || adj == "injured" || adj == "killed") {
        int32_t head = v.head(h);
        // "Four dead, 56 wounded": the conjunct's own figure, else its head's;
        // "Several killed, wounded in attacks" (wounded the conjunct of
        // "Several"): the head itself.
        if (v.rel(h) == "conj" && v.tok(static_cast<uint32_t>(head)).upos == Upos::kAdj &&
            !IsQuantifierWord(v.lemma(static_cast<uint32_t>(head))))
          head = v.head(static_cast<uint32_t>(head));
        if (head != kNil) victims = head;
      }
    }
    if (victims != kNil && Root(np->code) >= 18 && Root(np->code) <= 20 &&
        (v.HasCase(t, "in") || v.HasCase(t, "by")) &&
        ByAgentOf(v, static_cast<uint32_t>(h)) == kNil) {
      p.kind = PredKind::kInstrument;
      p.verb = static_cast<uint32_t>(h);
      p.sources = std::move(src);
      v.Expand(static_cast<uint32_t>(victims), &p.targets);
      // The casualty word is no victim of its own ("Several killed, wounded").
      std::erase(p.targets, static_cast<uint32_t>(h));
      int32_t vp = w.pred_of_verb[rel_idx(h)];
      if (vp != kNil) w.preds[vp].done = true;
      w.preds.push_back(std::move(p));
      continue;
    }
    // The means of a response: "Israel responded with air strikes on Gaza",
    // "the army retaliated with artillery fire on rebel positions". The
    // responder is the noun's actor (not a weapon modifier), and the noun's
    // event replaces a generic retaliation.
    if (IsObl(v.rel(t)) && v.HasCase(t, "with") && h != kNil &&
        (v.lemma(h) == "respond" || v.lemma(h) == "retaliate" || v.lemma(h) == "reply" ||
         v.lemma(h) == "react") &&
        Root(np->code) >= 18 && Root(np->code) <= 20) {
      const int32_t subj = v.Child(static_cast<uint32_t>(h), "nsubj");
      const bool weapons_only = std::all_of(
          src.begin(), src.end(), [&](uint32_t a) { return matcher.MatchWeapon(a) != nullptr; });
      if (subj != kNil && weapons_only) {
        src.clear();
        v.Expand(static_cast<uint32_t>(subj), &src);
        if (const int32_t vp = w.pred_of_verb[rel_idx(h)]; vp != kNil) w.preds[vp].done = true;
      }
    }
    // On its own a noun needs its actor: "talks with the government" alone
    // says nothing about who acts. A headline or caption that is only the
    // event ("Clashes in the countryside of Aleppo", "Fierce shelling in
    // Idlib city") reports it, actors unknown, with its place and date: an
    // event noun of contention (CAMEO 14-20) heading a sentence without a
    // verb or copula. So is a noun that names its place ("BIFF killed, 3
    // soldiers wounded in Maguindanao clash"), and one said to happen
    // somewhere ("Heavy fighting erupted in Tripoli": OccursSomewhere).
    if (src.empty()) {
      if (!(HeadlineEventNoun(v, t) || place_modifier || OccursSomewhere(v, t)) ||
          Root(np->code) < 14)
        continue;
      p.actorless = true;
    }
    p.kind = PredKind::kNoun;
    p.verb = t;
    p.sources = std::move(src);
    p.targets = std::move(tgt);
    w.preds.push_back(std::move(p));
  }

  // 3c. A headline that is only a casualty report ("Five dead in Kabul", "1
  //     dead, at least 20 injured in Central African Republic"): with no
  //     other event in its sentence and no violence before it in the
  //     article, it reports violence whose actors are unknown, as "At least
  //     20 people were killed in Mogadishu" does, so its place, date and
  //     dead are not lost. A count with "dead" that says where.
  //     Casualty verbs without an agent do not count as acts ("20 injured").
  for (uint32_t t = v.begin(); t < v.end(); ++t) {
    if (v.lemma(t) != "dead" || v.tok(t).upos != Upos::kAdj || v.head(t) == kNil ||
        v.rel(t) != "amod")
      continue;
    const auto h = static_cast<uint32_t>(v.head(t));
    const bool counted = v.tok(h).upos == Upos::kNum || v.Child(h, "nummod") != kNil;
    // The place may hang on a conjoined count ("1 dead, 20 injured in X").
    bool where = SaysWhere(v, t) || SaysWhere(v, h);
    for (uint32_t c : v.kids(h)) where = where || (v.rel(c) == "conj" && SaysWhere(v, c));
    if (!counted || !where) continue;
    const bool only_casualty_verbs =
        std::all_of(w.preds.begin(), w.preds.end(), [&](const Pred& q) {
          return q.kind == PredKind::kVerb && IsCasualtyVerb(v.lemma(q.verb)) &&
                 v.Child(q.verb, "nsubj") == kNil;
        });
    if (!only_casualty_verbs || ViolenceBefore(doc)) break;  // the same for any count
    Pred p;
    p.kind = PredKind::kNoun;
    p.code = "190";
    p.verb = t;
    p.noun = t;
    p.trig_begin = t;
    p.trig_end = t + 1;
    p.trig_head = t;
    p.actorless = true;
    if (v.tok(h).upos != Upos::kNum) p.targets.push_back(h);
    w.preds.push_back(std::move(p));
    break;
  }

  // 4. Arguments, polarity and governors.
  for (size_t i = 0; i < w.preds.size(); ++i) {
    Pred& p = w.preds[i];
    if (p.done) continue;
    if (p.kind == PredKind::kVerb || p.kind == PredKind::kLight) {
      std::vector<uint32_t> patients;
      args.Resolve(p.verb, &p.sources, &patients);
      // "displaced by fighting between two armed groups", "clashing among
      // rival factions": a mutual verb with no subject has its parties in
      // its "between"/"among" phrase, not the subject of the clause it
      // hangs on ("Thousands fled after fighting between the army and rebels").
      if (p.mutual && p.kind == PredKind::kVerb && v.Child(p.verb, "nsubj") == kNil) {
        for (uint32_t c : v.kids(p.verb)) {
          if (IsObl(v.rel(c)) && (v.HasCase(c, "between") || v.HasCase(c, "among"))) {
            p.sources.clear();
            v.Expand(c, &p.sources);
            std::erase_if(patients, [&](uint32_t a) {
              return std::find(p.sources.begin(), p.sources.end(), a) != p.sources.end();
            });
            break;
          }
        }
      }
      // "Afghan forces sustained casualties": the subject suffered the act.
      // Only an armed party, a named group or a country suffers an act of
      // war: "the economy suffered heavy losses" is none.
      if (p.undergo) {
        p.targets = std::move(p.sources);
        p.sources.clear();
        patients.clear();
        const bool party = std::any_of(p.targets.begin(), p.targets.end(), [&](uint32_t a) {
          const int32_t m = w.mention_by_head[a];
          if (m == kNil) return false;
          const ActorMention& am = doc.mentions[static_cast<size_t>(m)];
          if (am.kind == ActorMention::Kind::kNamed || am.kind == ActorMention::Kind::kCountry)
            return true;
          static constexpr std::string_view kArmed[] = {"MIL", "REB", "INS", "UAF", "COP", "SEP"};
          return am.kind == ActorMention::Kind::kAgent &&
                 std::find(std::begin(kArmed), std::end(kArmed), am.sector) != std::end(kArmed);
        });
        if (!party) {
          p.done = true;
          continue;
        }
      }
      // A gerund the parser hung on a noun after "in" ("Casualties in
      // shelling in Daraa") is the act itself, reported as an event noun of
      // contention is: actors unknown, with its place and date.
      if (p.kind == PredKind::kVerb && v.rel(p.verb) == "acl" && v.tok(p.verb).xpos == "VBG" &&
          args.HasMark(p.verb, "in") && Root(p.code) >= 14)
        p.actorless = true;
      // "a mortar bomb was fired at it": the weapon is no target; the "at"
      // phrase is.
      std::vector<uint32_t> weapons;
      std::erase_if(patients, [&](uint32_t a) {
        uint32_t nb = 0;
        if (v.tok(a).upos != Upos::kNoun || w.mention_by_head[a] != kNil) return false;
        if (matcher.MatchWeapon(a) != nullptr) {
          weapons.push_back(a);
          return true;
        }
        return matcher.MatchNoun(a, &nb) != nullptr;
      });
      if (patients.empty() && !weapons.empty()) {
        // "four tanks were destroyed": the weapon is the target after all.
        std::vector<uint32_t> alt;
        args.Targets(p.verb, p, &alt);
        patients = alt.empty() ? weapons : alt;
      }
      if (!patients.empty()) {
        p.targets = std::move(patients);
        if (p.kind == PredKind::kLight) {
          // "air strikes were carried out by X on Y": the noun is the patient.
          p.targets.clear();
        }
      }
      if (p.targets.empty()) {
        if (p.kind == PredKind::kLight) {
          // "air strikes on Idlib", "an offensive against X", "talks with X".
          // For cooperation nouns "on" is the topic: "talks on Syria".
          const bool coop = Root(p.code) >= 1 && Root(p.code) <= 9;
          for (uint32_t c : v.kids(p.noun)) {
            std::string_view prep = v.CaseOf(c);
            if (coop && prep != "with" && prep != "to" && prep != "between") continue;
            if (IsNmod(v.rel(c)) && v.rel(c) != "nmod:poss" && IsTargetPrep(prep)) {
              v.Expand(c, &p.targets);
              break;
            }
          }
          if (p.targets.empty() && !p.claimed_act) {
            Pred q;
            q.fixed_object = static_cast<int32_t>(p.noun);
            args.Targets(p.verb, q, &p.targets);
            if (coop) {
              std::erase_if(p.targets, [&](uint32_t a) {
                std::string_view prep = v.CaseOf(a);
                return !prep.empty() && prep != "with" && prep != "to" && prep != "between";
              });
            }
          }
        } else {
          args.Targets(p.verb, p, &p.targets);
          if (p.targets.empty() && p.complement_noun != kNil) {
            for (uint32_t c : v.kids(static_cast<uint32_t>(p.complement_noun))) {
              if (IsNmod(v.rel(c)) && IsTargetPrep(v.CaseOf(c))) {
                v.Expand(c, &p.targets);
                break;
              }
            }
          }
        }
      }
    }
    args.Polarity(p.verb, &p.negated, &p.modality);
    if (p.kind == PredKind::kNoun) {
      // A stand-alone noun takes no modality from its verb; but "no attacks".
      p.negated = false;
      p.modality = Modality::kFactual;
      for (uint32_t c : v.kids(p.noun)) {
        if (v.rel(c) == "det" && v.lemma(c) == "no") p.negated = true;
      }
    }
    if (v.rel(p.verb) == "root" && v.tok(s.token_end - 1).begin < doc.text.size() &&
        doc.Form(v.tok(s.token_end - 1)) == "?")
      p.modality = Modality::kHypothetical;
  }
  // Governors: a clause complement of a complement-taking predicate.
  auto governor_of = [&](const Pred& p) -> int32_t {
    if (p.kind == PredKind::kNoun) return kNil;
    uint32_t verb = p.verb;
    std::string_view r = v.rel(verb);
    int32_t h = v.head(verb);
    if (h == kNil) return kNil;
    int32_t gi = w.pred_of_verb[rel_idx(static_cast<uint32_t>(h))];
    if (gi == kNil && r == "acl" && args.HasMark(verb, "that")) {
      // "said in a statement that its aircraft had hit ...": the clause hangs
      // on the statement noun.
      int32_t hh = v.head(static_cast<uint32_t>(h));
      if (hh != kNil && IsObl(v.rel(static_cast<uint32_t>(h))))
        gi = w.pred_of_verb[rel_idx(static_cast<uint32_t>(hh))];
      if (gi != kNil && w.preds[gi].complement != Complement::kSay) gi = kNil;
      if (gi != kNil) return gi;
    }
    if (gi == kNil) return kNil;
    const Pred& g = w.preds[gi];
    if (g.complement == Complement::kNone || g.kind != PredKind::kVerb) return kNil;
    bool comp =
        r == "ccomp" || r == "xcomp" || (r == "parataxis" && g.complement == Complement::kSay);
    if (r == "advcl" && args.HasMarkTo(verb) && g.complement != Complement::kSay) comp = true;
    if (r == "advcl" && g.complement == Complement::kSay && v.tok(verb).xpos == "VBG" &&
        v.Child(static_cast<uint32_t>(h), "ccomp") != kNil)
      comp = true;
    return comp ? gi : kNil;
  };
  for (size_t i = 0; i < w.preds.size(); ++i) {
    Pred& p = w.preds[i];
    if (p.done) continue;
    p.governor = governor_of(p);
    if (p.governor == kNil && p.kind != PredKind::kNoun && v.rel(p.verb) == "conj") {
      // "said troops attacked X and seized Y": the second conjunct is reported too.
      int32_t h = v.head(p.verb);
      int32_t hi = h == kNil ? kNil : w.pred_of_verb[rel_idx(static_cast<uint32_t>(h))];
      if (hi != kNil && hi != static_cast<int32_t>(i)) p.governor = governor_of(w.preds[hi]);
    }
  }
  // "X attacked Y, police said": the speech verb hangs on the reported clause.
  for (size_t i = 0; i < w.preds.size(); ++i) {
    Pred& g = w.preds[i];
    if (g.done || g.kind != PredKind::kVerb || g.complement != Complement::kSay) continue;
    std::string_view r = v.rel(g.verb);
    int32_t h = v.head(g.verb);
    if (h == kNil) continue;
    if (r == "conj") {
      // '"We have captured the hill," the commander said': parsed as a conj
      // after a comma or a closing quote.
      bool quote_or_comma = false;
      for (uint32_t t = static_cast<uint32_t>(h) + 1; t < g.verb; ++t) {
        std::string_view f = doc.Form(v.tok(t));
        if (f == "," || f == "\"" || f == "''" || f == "\xE2\x80\x9D") quote_or_comma = true;
      }
      if (!quote_or_comma || v.Child(g.verb, "cc") != kNil) continue;
    } else if (r != "parataxis" && r != "ccomp") {
      continue;
    }
    int32_t hi = w.pred_of_verb[rel_idx(static_cast<uint32_t>(h))];
    if (hi != kNil && w.preds[hi].governor == kNil) w.preds[hi].governor = static_cast<int32_t>(i);
  }
  // "Jets struck X, according to the Observatory": a statement (010) by the
  // Observatory that reports the clause.
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    if (v.lemma(t) != "accord" && v.lemma(t) != "according") continue;
    int32_t x = v.head(t);
    if (v.rel(t) != "case" || x == kNil || !IsObl(v.rel(static_cast<uint32_t>(x)))) continue;
    int32_t verb = v.head(static_cast<uint32_t>(x));
    if (verb == kNil) continue;
    Pred a;
    a.kind = PredKind::kAttribution;
    a.verb = t;
    a.code = "010";
    a.complement = Complement::kSay;
    a.trig_begin = t;
    a.trig_end = t + 1;
    if (t + 1 < s.token_end && v.lemma(t + 1) == "to") a.trig_end = t + 2;
    a.trig_head = t;
    v.Expand(static_cast<uint32_t>(x), &a.sources);
    const int32_t ai = static_cast<int32_t>(w.preds.size());
    for (Pred& p : w.preds) {
      if (!p.done && p.governor == kNil && p.verb == static_cast<uint32_t>(verb) &&
          p.kind != PredKind::kNoun)
        p.governor = ai;
    }
    w.preds.push_back(std::move(a));
  }
  // A threat/appeal/... without its own target takes its complement's:
  // "X threatened to attack Y" -> 1384 X -> Y.
  for (Pred& p : w.preds) {
    if (p.governor == kNil || p.done) continue;
    Pred& g = w.preds[p.governor];
    if (g.complement != Complement::kSay && g.complement != Complement::kDeny && g.targets.empty())
      g.targets = p.targets;
  }
  // "Police said gunmen attacked X, killing four": the participle (advcl or
  // conj of a coded clause) shares that clause's reporting and modality.
  for (size_t i = 0; i < w.preds.size(); ++i) {
    Pred& p = w.preds[i];
    if (p.done || p.governor != kNil || p.kind == PredKind::kNoun ||
        p.kind == PredKind::kAttribution)
      continue;
    std::string_view r = v.rel(p.verb);
    if (r != "advcl" && r != "conj" && !(r == "parataxis" && v.Child(p.verb, "nsubj") == kNil))
      continue;
    int32_t h = v.head(p.verb);
    int32_t hi = h == kNil ? kNil : w.pred_of_verb[rel_idx(static_cast<uint32_t>(h))];
    if (hi != kNil && hi != static_cast<int32_t>(i) && p.complement != Complement::kSay &&
        w.preds[hi].governor != static_cast<int32_t>(i) &&
        w.preds[hi].attached != static_cast<int32_t>(i))
      p.attached = hi;
  }
  // Depth (governors and attachment heads first) and the complement codes.
  for (Pred& p : w.preds) {
    int d = 0;
    const Pred* x = &p;
    while (d < 8) {
      int32_t up = x->governor != kNil ? x->governor : x->attached;
      if (up == kNil) break;
      x = &w.preds[up];
      ++d;
    }
    p.depth = d;
  }
  for (Pred& p : w.preds) {
    if (p.governor == kNil || p.done) continue;
    Pred& g = w.preds[p.governor];
    if (g.complement_code.empty() && !p.code.empty()) g.complement_code = p.code;
  }
  std::vector<uint32_t> order(w.preds.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return w.preds[a].depth < w.preds[b].depth; });

  // 5. Emit events, governors first.
  for (uint32_t i : order) {
    Pred& p = w.preds[i];
    if (p.done) continue;
    if (p.governor == kNil && p.attached != kNil) {
      const Pred& a = w.preds[p.attached];
      if (p.reported_by == kNil) p.reported_by = a.reported_by;
      if (p.modality == Modality::kFactual) p.modality = a.modality;
    }
    if (p.governor != kNil) {
      const Pred& g = w.preds[p.governor];
      switch (g.complement) {
        case Complement::kSay:
          p.reported_by = g.first_event;
          break;
        case Complement::kDeny:
          p.reported_by = g.first_event;
          p.negated = true;
          break;
        case Complement::kThreat:
          p.modality = Modality::kThreatened;
          p.negated = p.negated || g.negated;
          break;
        case Complement::kIntent:
          p.modality = Modality::kIntended;
          p.negated = p.negated || g.negated;
          break;
        case Complement::kAppeal:
        case Complement::kDemand:
          p.modality = Modality::kDemanded;
          break;
        case Complement::kReject:
          p.negated = true;
          break;
        case Complement::kFuture:
          if (p.modality == Modality::kFactual) p.modality = Modality::kFuture;
          break;
        case Complement::kNone:
          break;
      }
      if (g.complement == Complement::kReject && g.code.empty() && g.negated) p.negated = false;
      if (p.modality == Modality::kFactual && g.modality != Modality::kFactual)
        p.modality = g.modality;
      if (p.reported_by == kNil) p.reported_by = g.reported_by;
      // In reported speech "we"/"I" is the speaker: "'We will retaliate,' the minister said".
      if (g.complement == Complement::kSay || g.complement == Complement::kDeny) {
        std::vector<uint32_t> fixed;
        bool replaced = false;
        for (uint32_t a : p.sources) {
          const std::string& l = v.lemma(a);
          if (v.tok(a).upos == Upos::kPron && (l == "we" || l == "i") && !g.sources.empty()) {
            if (!replaced) fixed.insert(fixed.end(), g.sources.begin(), g.sources.end());
            replaced = true;
          } else {
            fixed.push_back(a);
          }
        }
        p.sources = std::move(fixed);
      }
    }
    std::string code = p.code;
    bool derived = false;
    if (p.complement != Complement::kNone && !p.complement_code.empty() && !p.code.empty()) {
      code = DerivedCode(p.complement, p.complement_code, p.code);
      derived = code != p.code;
    }
    // "shelled residential districts, killing three people": the killing is
    // the shelling's doing and takes its code.
    if (p.kind == PredKind::kVerb && IsCasualtyVerb(v.lemma(p.verb)) &&
        (v.rel(p.verb) == "advcl" || v.rel(p.verb) == "conj") && v.head(p.verb) != kNil) {
      int32_t hi = w.pred_of_verb[rel_idx(static_cast<uint32_t>(v.head(p.verb)))];
      if (hi != kNil && !w.preds[hi].code.empty() && Root(w.preds[hi].code) >= 18 &&
          Root(w.preds[hi].code) <= 20 && v.lemma(w.preds[hi].verb) != v.lemma(p.verb))
        code = w.preds[hi].code;
    }
    // "did not comment" is declining comment (011), not a negated statement.
    if (p.negated && p.governor == kNil && p.complement == Complement::kSay &&
        v.lemma(p.verb) == "comment") {
      code = "011";
      p.negated = false;
    }
    // "plans to attack": no intent-to-cooperate code; the attack carries kIntended.
    if (p.complement == Complement::kIntent && !p.complement_code.empty() && !derived) code.clear();
    // A generic attack refined by its weapon or carrier: subject ("jets struck"),
    // instrument ("with drones") or agent ("by helicopters").
    // Per source: "Syrian troops and Russian jets attacked" -> 190 and 195.
    std::vector<std::string> source_code(p.sources.size(), code);
    if (code == "190" || code == "180") {
      for (uint32_t c : v.kids(p.verb)) {
        if (IsObl(v.rel(c)) && (v.HasCase(c, "with") || v.HasCase(c, "by"))) {
          if (const NounPattern* wp = matcher.MatchWeapon(c)) {
            code = wp->code;
            std::fill(source_code.begin(), source_code.end(), code);
            break;
          }
        }
      }
      // "attacked the base with mortars", with the phrase hung on the object.
      int32_t obj = v.Child(p.verb, "obj");
      for (uint32_t c :
           obj == kNil ? std::span<const uint32_t>() : v.kids(static_cast<uint32_t>(obj))) {
        if (IsNmod(v.rel(c)) && v.HasCase(c, "with")) {
          if (const NounPattern* wp = matcher.MatchWeapon(c)) {
            code = wp->code;
            std::fill(source_code.begin(), source_code.end(), code);
            break;
          }
        }
      }
      for (size_t k = 0; k < p.sources.size(); ++k) {
        if (const NounPattern* wp = matcher.MatchWeapon(p.sources[k])) {
          source_code[k] = wp->code;
          // "rockets hit the district": the weapon is no actor but gives the code.
          if (source_code.size() == 1 || code == "190" || code == "180") code = wp->code;
        }
      }
      // "Suicide bombings hit mosques, killing 63": the subject the killing
      // takes from the clause it hangs on is an event noun; its code.
      for (size_t k = 0; k < p.sources.size() && (code == "190" || code == "180"); ++k) {
        uint32_t nb = 0;
        const NounPattern* np = matcher.MatchNoun(p.sources[k], &nb);
        if (np == nullptr || Root(np->code) < 18 || Root(np->code) > 20) continue;
        source_code[k] = np->code;
        if (source_code.size() == 1) code = np->code;
      }
    }
    // "claimed the suicide bombing that killed 12 policemen": a harm in a
    // relative clause on an event noun of 18-20 takes that noun's code.
    if ((code == "190" || code == "180") && p.kind == PredKind::kVerb &&
        IsCasualtyVerb(v.lemma(p.verb)) && v.rel(p.verb) == "acl:relcl" && v.head(p.verb) != kNil) {
      uint32_t nb = 0;
      const NounPattern* np = matcher.MatchNoun(static_cast<uint32_t>(v.head(p.verb)), &nb);
      if (np != nullptr && Root(np->code) >= 18 && Root(np->code) <= 20) {
        code = np->code;
        std::fill(source_code.begin(), source_code.end(), code);
      }
    }
    // "12 people were killed when an airstrike hit a wedding", "... when a
    // mortar shell landed on their house": a harm with no actor takes the
    // code of the event noun or weapon that is the subject of its "when"
    // or "as" clause.
    if ((code == "190" || code == "180") && p.sources.empty() && IsCasualtyVerb(v.lemma(p.verb))) {
      for (uint32_t c : v.kids(p.verb)) {
        if (v.rel(c) != "advcl" || c < p.verb) continue;
        bool when = false;
        for (uint32_t m : v.kids(c))
          when |= m < c && (v.rel(m) == "advmod" || v.rel(m) == "mark") &&
                  (v.lemma(m) == "when" || v.lemma(m) == "as");
        const int32_t subj = v.Child(c, "nsubj");
        if (!when || subj == kNil) continue;
        uint32_t nb = 0;
        const NounPattern* np = matcher.MatchNoun(static_cast<uint32_t>(subj), &nb);
        if (np == nullptr || Root(np->code) < 18 || Root(np->code) > 20)
          np = matcher.MatchWeapon(static_cast<uint32_t>(subj));
        if (np != nullptr) code = np->code;
        break;
      }
    }
    // "Israeli warplanes fired a missile": fire from an aircraft or drone
    // is an aerial attack (195x), not artillery.
    if (code == "194") {
      for (size_t k = 0; k < p.sources.size(); ++k) {
        const NounPattern* wp = matcher.MatchWeapon(p.sources[k]);
        if (wp == nullptr || !StartsWith(wp->code, "195")) continue;
        source_code[k] = wp->code;
        if (source_code.size() == 1) code = wp->code;
      }
    }
    // "three soldiers were killed": after a violent event of the article it
    // reports that event's casualties, not an event of its own (no actor).
    // With none before it ("At least 20 people were killed in Mogadishu on
    // Tuesday."), it is the only report of the violence: an event whose
    // actor is unknown, so its place, date and dead are not lost.
    if (p.kind == PredKind::kVerb && p.sources.empty() && IsCasualtyVerb(v.lemma(p.verb)) &&
        (ViolenceBefore(doc) || p.targets.empty() || p.negated))
      continue;
    // "The shelling left three civilians injured": the subject's event has
    // these casualties (LeavesCasualties); the participle is no event.
    if (p.kind == PredKind::kVerb && p.sources.empty() && IsCasualtyVerb(v.lemma(p.verb)) &&
        v.head(p.verb) != kNil && (v.rel(p.verb) == "xcomp" || v.rel(p.verb) == "acl") &&
        LeavesCasualties(v, static_cast<uint32_t>(v.head(p.verb))))
      continue;
    if (code.empty() && p.complement_noun == kNil) continue;
    if (p.kind == PredKind::kVerb && Root(code) >= 18 && Root(code) <= 20 &&
        NonAgentCause(dict, v, p.verb))
      continue;
    // "declined to give her surname": refusing something we do not code says
    // too little (a refused statement is 011, a refused release 1243, ...).
    if (p.complement == Complement::kReject && p.complement_code.empty() &&
        (v.Child(p.verb, "xcomp") != kNil || v.Child(p.verb, "ccomp") != kNil))
      continue;
    // "a commander who asked not to be named": a request to be left unnamed.
    if ((p.complement == Complement::kAppeal || p.complement == Complement::kDemand) &&
        p.complement_code.empty() && p.targets.empty()) {
      int32_t x = v.Child(p.verb, "xcomp");
      if (x == kNil) x = v.Child(p.verb, "ccomp");
      if (x != kNil && v.Child(static_cast<uint32_t>(x), "aux:pass") != kNil) continue;
    }
    // A statement's target is only a known actor addressed by iobj, "to" or
    // the object of "tell" ("told reporters" is not one; "said soldiers ..."
    // with "soldiers" as obj is a parse error).
    if (p.complement == Complement::kSay || p.complement == Complement::kDeny) {
      std::erase_if(p.targets, [&](uint32_t a) {
        std::string_view r = v.rel(a);
        bool addressed = r == "iobj" || (r == "obj" && v.lemma(p.verb) == "tell") ||
                         (IsObl(r) && v.HasCase(a, "to"));
        if (!addressed) return true;
        int32_t m = w.mention_by_head[a];
        return m == kNil || doc.mentions[m].kind == ActorMention::Kind::kUnknown;
      });
    }
    // A target that is an event noun with an actor stands for that actor:
    // "condemned a renewed offensive by M23 rebels" -> M23; "repelled an
    // assault by the militants" -> the militants.
    for (uint32_t& a : p.targets) {
      uint32_t nb = 0;
      if (v.tok(a).upos != Upos::kNoun || matcher.MatchNoun(a, &nb) == nullptr) continue;
      for (uint32_t c : v.kids(a)) {
        std::string_view r = v.rel(c);
        if (r == "nmod:poss" || (IsNmod(r) && v.HasCase(c, "by")) ||
            ((r == "amod" || r == "compound") && w.mention_by_head[c] != kNil &&
             doc.mentions[w.mention_by_head[c]].kind != ActorMention::Kind::kUnknown)) {
          a = c;
          break;
        }
      }
    }
    std::vector<int32_t> srcs, tgts;
    std::vector<std::string> src_codes;
    for (size_t k = 0; k < p.sources.size(); ++k) {
      // A weapon no mention covers is no agent: "rockets hit the district".
      const uint32_t a = p.sources[k];
      if (w.mention_by_head[a] == kNil && w.mention_covering[a] == kNil &&
          matcher.MatchWeapon(a) != nullptr) {
        bool modifier_actor = false;
        for (uint32_t c : v.kids(a))
          modifier_actor = modifier_actor || w.mention_by_head[c] != kNil;
        if (!modifier_actor) continue;
      }
      for (int32_t m : ActorsFor(doc, w, si, p.sources[k])) {
        if (std::find(srcs.begin(), srcs.end(), m) == srcs.end()) {
          srcs.push_back(m);
          src_codes.push_back(source_code[k]);
        }
      }
    }
    // The gathering repression or violence falls on stands for its people.
    const bool gathering_target = !code.empty() && Root(code) >= 17 && Root(code) <= 20;
    for (uint32_t a : p.targets) {
      for (int32_t m : ActorsFor(doc, w, si, a, gathering_target)) {
        if (std::find(tgts.begin(), tgts.end(), m) == tgts.end()) tgts.push_back(m);
      }
    }
    if (srcs.empty() && tgts.empty() && !p.actorless) continue;
    // "Turkish and Syrian troops clashed": each against the other.
    struct Pair {
      int32_t source, target;
      const std::string* code;  // the source's code (weapon-refined)
    };
    std::vector<Pair> pairs;
    // Cooperation carried by a noun is mutual too: "X and Y held talks".
    const bool mutual =
        p.mutual || (p.kind == PredKind::kLight && Root(code) >= 3 && Root(code) <= 6);
    if (mutual && tgts.empty() && srcs.size() >= 2) {
      for (size_t a = 0; a < srcs.size(); ++a) {
        for (int32_t b : srcs) {
          if (srcs[a] != b) pairs.push_back({srcs[a], b, &src_codes[a]});
        }
      }
    } else {
      if (srcs.empty()) {
        srcs.push_back(kNil);
        src_codes.push_back(code);
      }
      if (tgts.empty()) tgts.push_back(kNil);
      for (size_t a = 0; a < srcs.size(); ++a) {
        for (int32_t b : tgts) pairs.push_back({srcs[a], b, &src_codes[a]});
      }
    }
    // The complement noun's own event: "called for a ceasefire" -> 0256 and a
    // demanded 0871; "preparing a new offensive" -> an intended 190.
    struct Emit {
      std::string code;
      uint32_t tb, te, th;
      Modality modality;
      bool negated;
    };
    std::vector<Emit> emits;
    if (!code.empty())
      emits.push_back({code, p.trig_begin, p.trig_end, p.trig_head, p.modality, p.negated});
    if (p.complement_noun != kNil) {
      Modality m = p.modality;
      bool neg = p.negated;
      switch (p.complement) {
        case Complement::kThreat:
          m = Modality::kThreatened;
          break;
        case Complement::kIntent:
          m = Modality::kIntended;
          break;
        case Complement::kAppeal:
        case Complement::kDemand:
          m = Modality::kDemanded;
          neg = false;
          break;
        case Complement::kReject:
          neg = true;
          break;
        case Complement::kFuture:
          m = Modality::kFuture;
          break;
        default:
          break;
      }
      uint32_t cn = static_cast<uint32_t>(p.complement_noun);
      emits.push_back({p.complement_code, p.complement_begin, cn + 1, cn, m, neg});
    }
    for (size_t ei = 0; ei < emits.size(); ++ei) {
      const Emit& em = emits[ei];
      for (const Pair& pr : pairs) {
        const int32_t sm = pr.source, tm = pr.target;
        Event e;
        e.sentence = si;
        e.trigger_begin = em.tb;
        e.trigger_end = em.te;
        e.trigger_head = em.th;
        e.cameo = ei == 0 && !code.empty() ? *pr.code : em.code;
        e.source = sm;
        e.target = tm == sm || PronounForItself(doc, tm, sm) ? kNil : tm;
        // Protesters and police clashing: the protesters protest violently
        // (145), the police repress them (175); not a military battle.
        if (ei == 0 && Root(e.cameo) == 19 && e.source != kNil && e.target != kNil &&
            IsClashLemma(v.lemma(em.th))) {
          const std::string& ss = doc.mentions[e.source].sector;
          const std::string& ts = doc.mentions[e.target].sector;
          if (ss == "OPP" && ts == "COP") e.cameo = "145";
          if (ss == "COP" && ts == "OPP") e.cameo = "175";
        }
        // "Protesters set fire to the party's headquarters": destruction by
        // a crowd of protesters is a riot (145).
        if (ei == 0 && e.cameo == "1712" && e.source != kNil &&
            doc.mentions[e.source].sector == "OPP")
          e.cameo = "145";
        // "Pakistan summoned the envoy to protest against cross-border
        // firing": a government's protest is diplomatic disapproval (111),
        // not a demonstration.
        if (ei == 0 && e.cameo == "141" && e.source != kNil && p.kind == PredKind::kVerb &&
            v.lemma(em.th) == "protest") {
          const ActorMention& am = doc.mentions[e.source];
          if (!am.code.empty() &&
              (am.sector == "GOV" || am.sector.empty() || am.code.starts_with("IGO")))
            e.cameo = "111";
        }
        e.negated = em.negated;
        e.modality = em.modality;
        e.reported_by = p.reported_by;
        float c = 0.6f;
        auto coded = [&](int32_t m) { return m != kNil && !doc.mentions[m].code.empty(); };
        if (coded(e.source)) c += 0.15f;
        if (coded(e.target)) c += 0.1f;
        if (p.specific) c += 0.05f;
        if (e.source == kNil) c -= 0.15f;
        if (e.target == kNil) c -= 0.1f;
        if (p.kind == PredKind::kNoun) c -= 0.1f;
        e.confidence = std::clamp(c, 0.05f, 0.99f);
        if (p.first_event == kNil) p.first_event = static_cast<int32_t>(doc.events.size());
        doc.events.push_back(std::move(e));
      }
    }
  }
}

// Whether mention m (or kNil) names an actor the dictionaries know.
bool IsCoded(const Document& doc, int32_t m) {
  return m != kNil && !doc.mentions[static_cast<size_t>(m)].code.empty();
}

// Targets read off an attack's own consequences, for the events of one
// sentence (from doc.events[first] on; v is its repaired tree):
//  * an attack (CAMEO 18-20) whose object is no actor ("attacked a
//    checkpoint", "shelled residential districts") or that has none, and
//    whose participle of harm says whom it hurt ("..., killing four
//    officers"), has those victims as its target (same source);
//  * "killing three people and wounding 19 others": the others harmed in
//    the same act are people too (a civilian victim group only: "killing
//    two soldiers and wounding five others" may mean anyone). The "others"
//    mention becomes a reference to the first group.
void TargetsFromConsequences(Document& doc, const SentenceView& v, size_t first) {
  // Not the attackers themselves ("detonated explosives, killing
  // themselves").
  auto harm_on_others = [&](const Event& k) {
    return IsCasualtyVerb(v.lemma(k.trigger_head)) && IsCoded(doc, k.target) &&
           !IsReflexive(v.lemma(doc.mentions[static_cast<size_t>(k.target)].head));
  };
  auto harm_participle = [&](const Event& k) {
    return v.tok(k.trigger_head).xpos == "VBG" && harm_on_others(k);
  };
  for (size_t i = first; i < doc.events.size(); ++i) {
    Event& e = doc.events[i];
    // Not an abduction: "kidnapped two, wounding eight soldiers".
    if (Root(e.cameo) < 18 || StartsWith(e.cameo, "181") || IsCoded(doc, e.target) || e.negated)
      continue;
    for (size_t j = first; j < doc.events.size(); ++j) {
      const Event& k = doc.events[j];
      if (j == i || k.source != e.source ||
          v.head(k.trigger_head) != static_cast<int32_t>(e.trigger_head))
        continue;
      // "..., killing four officers", or a relative clause on the event
      // noun: "claimed the bombing that killed 12 policemen".
      const uint32_t t = k.trigger_head;
      const bool relative = v.rel(t) == "acl:relcl" && harm_on_others(k);
      if (!relative && (!harm_participle(k) || v.rel(t) != "advcl")) continue;
      e.target = k.target;
      break;
    }
  }
  for (size_t i = first; i < doc.events.size(); ++i) {
    const Event& e = doc.events[i];
    if (e.target == kNil || IsCoded(doc, e.target)) continue;
    ActorMention& others = doc.mentions[static_cast<size_t>(e.target)];
    if (v.lemma(others.head) != "other" || !IsCasualtyVerb(v.lemma(e.trigger_head)) ||
        v.rel(e.trigger_head) != "conj")
      continue;
    for (size_t j = first; j < doc.events.size(); ++j) {
      const Event& k = doc.events[j];
      if (j == i || k.source != e.source || !harm_participle(k) ||
          v.head(e.trigger_head) != static_cast<int32_t>(k.trigger_head) ||
          doc.mentions[static_cast<size_t>(k.target)].sector != "CVL")
        continue;
      const ActorMention group = doc.mentions[static_cast<size_t>(k.target)];
      others.kind = ActorMention::Kind::kReference;
      others.antecedent = k.target;
      others.code = group.code;
      others.country = group.country;
      others.sector = group.sector;
      break;
    }
  }
}

// Puts mentions back in text order, remapping every index into them.
void SortMentions(Document& doc) {
  const size_t m = doc.mentions.size();
  std::vector<uint32_t> order(m);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    const ActorMention& x = doc.mentions[a];
    const ActorMention& y = doc.mentions[b];
    if (x.token_begin != y.token_begin) return x.token_begin < y.token_begin;
    return x.token_end > y.token_end;
  });
  bool sorted = true;
  for (size_t i = 0; i < m; ++i) sorted = sorted && order[i] == i;
  if (sorted) return;
  std::vector<int32_t> new_index(m);
  for (size_t i = 0; i < m; ++i) new_index[order[i]] = static_cast<int32_t>(i);
  std::vector<ActorMention> out;
  out.reserve(m);
  for (uint32_t o : order) out.push_back(std::move(doc.mentions[o]));
  for (ActorMention& am : out) {
    if (am.antecedent >= 0 && static_cast<size_t>(am.antecedent) < m)
      am.antecedent = new_index[am.antecedent];
  }
  doc.mentions = std::move(out);
  for (Event& e : doc.events) {
    if (e.source >= 0) e.source = new_index[e.source];
    if (e.target >= 0) e.target = new_index[e.target];
  }
}

}  // namespace

Status Coder::Code(Document& doc) const {
  doc.events.clear();
  if (mentions_ == CoderOptions::Mentions::kRecognize) {
#ifdef SITREP_EVENTS_HAVE_ACTORS
    SITREP_RETURN_IF_ERROR(impl_->recognizer->Process(doc));
#else
    doc.mentions.clear();
#endif
  }
  Work w;
  IndexMentions(doc, w);
  for (uint32_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (s.token_end > doc.tokens.size() || s.token_begin >= s.token_end) continue;
    bool parsed = true;
    for (uint32_t t = s.token_begin; t < s.token_end && parsed; ++t)
      parsed = doc.tokens[t].head >= 0;
    if (!parsed) {
      doc.Warn(s.begin, "events: sentence " + std::to_string(si) + " has no parse; not coded");
      continue;
    }
    const size_t first = doc.events.size();
    CodeSentence(*dict_, doc, si, w);
    TargetsFromConsequences(doc, w.v, first);
  }
#ifdef SITREP_EVENTS_HAVE_CAMEO
  for (Event& e : doc.events) e.plover_mode = impl_->modes->Detect(doc, e);
#endif
  SortMentions(doc);
  return OkStatus();
}

}  // namespace sitrep::events

// Event locations: which of doc.places is where each coded event happened
// (LocateTrigger, LocateEvents) and the document's focus place (ChooseFocus).
// See places.h for the rules; recognition and resolution live in places.cc.
#include <algorithm>
#include <cctype>
#include <string>
#include <unordered_map>
#include <vector>

#include "places/places.h"
#include "places/words.h"

namespace sitrep::places {

using geo::NormalizeName;

namespace {

using internal::DeprelIs;
using internal::Designator;
using internal::DesignatorOf;
using internal::EqualsLower;
using internal::InList;
using internal::IsAcronym;
using internal::IsDirectionNoun;
using internal::IsPlacePartNoun;
using internal::IsPlaceVerb;

// ---------------------------------------------------------------- word lists
// (the few places.cc lists the location rules also need)

// ---------------------------------------------------------------- locations

// The sentence containing token t (binary search).
const Sentence* SentenceOf(const Document& doc, uint32_t t) {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), t,
                             [](uint32_t x, const Sentence& s) { return x < s.token_begin; });
  if (it == doc.sentences.begin()) return nullptr;
  --it;
  return t < it->token_end ? &*it : nullptr;
}

// The syntactic head of a place's tokens: the first whose head lies outside.
uint32_t PlaceHead(const Document& doc, const Sentence& s, const Place& p) {
  for (uint32_t t = p.token_begin; t < p.token_end; ++t) {
    if (t + 1 < p.token_end && (DeprelIs(doc.tokens[t], "det") || DeprelIs(doc.tokens[t], "case") ||
                                doc.tokens[t].upos == Upos::kPunct))
      continue;  // "the Deir ez-Zor": the name, not its article
    int64_t h = doc.HeadIndex(s, t);
    if (h < p.token_begin || h >= p.token_end) return t;
  }
  return p.token_begin;
}

// The "case" word attached to token h ("in", "from"), empty if none.
std::string_view CaseOf(const Document& doc, const Sentence& s, uint32_t h) {
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    if (doc.HeadIndex(s, t) == static_cast<int64_t>(h) && doc.tokens[t].deprel == "case")
      return doc.Form(doc.tokens[t]);
  }
  return {};
}

std::string_view LemmaOrForm(const Document& doc, uint32_t t) {
  const Token& tok = doc.tokens[t];
  return tok.lemma.empty() ? doc.Form(tok) : std::string_view(tok.lemma);
}

// Nouns of military/violent events: "the siege of Homs", "the Mosul operation".
bool IsEventNoun(std::string_view f) {
  return InList(f, {"siege",    "occupation", "bombardment", "shelling",  "invasion",
                    "capture",  "liberation", "battle",      "operation", "offensive",
                    "assault",  "attack",     "attacks",     "raid",      "bombing",
                    "bombings", "fighting",   "clashes",     "blockade",  "encirclement"});
}

bool IsSpeechLemma(std::string_view l) {
  return InList(l, {"say", "tell", "acknowledge", "admit", "deny", "confirm", "claim", "announce",
                    "report", "state", "quote"});
}
// Verbs of intent whose complement has not happened: "vowed to march into X".
bool IsIntentLemma(std::string_view l) {
  return InList(l, {"vow", "threaten", "plan", "intend", "promise", "pledge", "want", "hope", "aim",
                    "seek", "expect"});
}

// Verbs of a lasting state: "troops which have their bases in X".
bool IsStativeLemma(std::string_view l) {
  return InList(l, {"have", "live", "base", "reside", "stay", "own", "belong"});
}

// A token with a subject of its own among its dependents: "Varela was killed"
// in "Montoya was captured and Varela was killed".
bool HasOwnSubject(const Document& doc, const Sentence& s, uint32_t v) {
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    if (doc.HeadIndex(s, t) != static_cast<int64_t>(v)) continue;
    const Token& d = doc.tokens[t];
    if (!DeprelIs(d, "nsubj") && !DeprelIs(d, "csubj") && !DeprelIs(d, "expl")) continue;
    // "soldiers, who returned fire in X" misread as parataxis: a relative.
    return !InList(doc.Form(d), {"who", "which", "that", "whom"});
  }
  return false;
}

bool IsCasualtyLemma(std::string_view l) {
  // Adjectives too: "... and four others (were) wounded".
  return InList(l, {"kill", "wound", "injure", "die", "hurt", "shoot", "maim", "stab", "killed",
                    "wounded", "injured", "dead"});
}
// Whether token v heads another event's clause, coordinated with or loosely
// attached to the trigger's, with a subject of its own: "Montoya was
// captured last year and Varela was killed in Venezuela" (for "captured"),
// "They were killed, an activist said, speaking from Mosul". Its places are
// not the trigger's, not even as the sentence fallback. Not foreign: the same
// incident's casualties ("a soldier was shot and a woman was wounded in X"),
// or its other victims counted ("... killed and four others were wounded").
bool IsForeignClause(const Document& doc, const Sentence& s, uint32_t v, uint32_t trigger) {
  const Token& t = doc.tokens[v];
  bool conj = DeprelIs(t, "conj");
  if ((!conj && !DeprelIs(t, "parataxis")) || !HasOwnSubject(doc, s, v)) return false;
  if (conj && IsCasualtyLemma(LemmaOrForm(doc, v)) && IsCasualtyLemma(LemmaOrForm(doc, trigger)))
    return false;
  // The clause's subjects. "... were killed after(case of bombers) suicide
  // bombers targeted(parataxis) a wake in X": a clause opened by a
  // subordinator the parser hung on its subject says how the event came
  // about; its place is the event's. A conjunct whose subject is a number
  // or "others" ("... and three others were wounded") is the same incident.
  for (uint32_t c = s.token_begin; c < s.token_end; ++c) {
    if (doc.HeadIndex(s, c) != static_cast<int64_t>(v) || !DeprelIs(doc.tokens[c], "nsubj"))
      continue;
    for (uint32_t d = s.token_begin; d < c; ++d) {
      if (doc.HeadIndex(s, d) == static_cast<int64_t>(c) && DeprelIs(doc.tokens[d], "case") &&
          InList(doc.Form(doc.tokens[d]),
                 {"after", "before", "when", "as", "since", "until", "while", "because"}))
        return false;
    }
    if (!conj) continue;
    if (doc.tokens[c].upos == Upos::kNum || EqualsLower(doc.Form(doc.tokens[c]), "others"))
      return false;
    for (uint32_t d = s.token_begin; d < s.token_end; ++d) {
      if (doc.HeadIndex(s, d) == static_cast<int64_t>(c) && DeprelIs(doc.tokens[d], "nummod"))
        return false;
    }
  }
  return true;
}

// Verbs of taking a place from someone: "captured X from Y".
bool IsTakeLemma(std::string_view l) {
  return InList(
      l, {"capture", "seize", "retake", "recapture", "wrest", "take", "liberate", "free", "win"});
}

bool IsClauseBoundary(const Token& t) {
  return DeprelIs(t, "ccomp") || DeprelIs(t, "advcl") || DeprelIs(t, "acl:relcl") ||
         DeprelIs(t, "parataxis") || DeprelIs(t, "csubj") || DeprelIs(t, "xcomp") ||
         DeprelIs(t, "conj");
}

bool IsLaunchLemma(std::string_view l) {
  return InList(l, {"fire", "launch", "shoot", "lob", "fly", "take"});
}
bool IsProjectileLemma(std::string_view l) {
  return InList(l, {"missile", "rocket", "shell", "mortar", "drone", "projectile", "grenade",
                    "bomb", "artillery", "barrage", "salvo", "uav"});
}
bool IsImpactPrep(std::string_view f) {
  return InList(f, {"at", "on", "into", "toward", "towards", "to", "in", "near", "against", "onto",
                    "inside", "over"});
}

struct Option {
  int32_t place = -1;
  bool clause = false;
  int strength = 0;            // 2 locative preposition/relation, 1 direct object
  bool direction_ref = false;  // "south of X": X is a reference point
  bool launch = false;
  int path = 0;
  int precision_rank = 0;
  int distance = 0;
  bool operator<(const Option& o) const {  // "better than"
    if (clause != o.clause) return clause;
    if ((strength == 0) != (o.strength == 0)) return strength != 0;
    if (direction_ref != o.direction_ref) return !direction_ref;
    if (precision_rank != o.precision_rank) return precision_rank < o.precision_rank;
    if (path != o.path) return path < o.path;
    if (strength != o.strength) return strength > o.strength;
    if (precision_rank != o.precision_rank) return precision_rank < o.precision_rank;
    return distance < o.distance;
  }
};

int PrecisionRank(GeoPrecision p) {
  switch (p) {
    case GeoPrecision::kPoint:
    case GeoPrecision::kCity:
    case GeoPrecision::kNone:
      return 0;
    case GeoPrecision::kAdmin1:
      return 1;
    case GeoPrecision::kFeature:
      return 2;
    case GeoPrecision::kCountry:
      return 3;
  }
  return 3;
}

// The confidence of the coarsened copy ChooseFocus may append (no recognised
// place gets exactly this value).
constexpr float kFocusCopyConfidence = 0.5f;

// The coarsened copy ChooseFocus may append (same span as an earlier place,
// or an actor mention's span): not a place of its own sentence.
bool IsFocusCopy(const Document& doc, size_t pi) {
  if (static_cast<int32_t>(pi) != doc.focus_place || pi + 1 != doc.places.size()) return false;
  const Place& f = doc.places[pi];
  if (f.confidence != kFocusCopyConfidence) return false;
  for (size_t j = 0; j < pi; ++j) {
    if (doc.places[j].token_begin == f.token_begin && doc.places[j].token_end == f.token_end)
      return true;
  }
  for (const ActorMention& a : doc.mentions) {
    if (a.token_begin == f.token_begin && a.token_end == f.token_end) return true;
  }
  return false;
}

// A headline's label: "Tijuana, Baja California: 4 Alleged Sicarios
// Captured", "Mali: fighting intensifies in the region of Gao". The place
// opens the sentence, maybe with its province after a comma, and a colon
// follows. Upper-case labels ("KABUL: ...") are datelines (FindDateline) and
// never get here.
bool IsHeadlineLabel(const Document& doc, const Sentence& s, const Place& p) {
  if (p.token_begin != s.token_begin) return false;
  uint32_t e = p.token_end;
  if (e + 1 < s.token_end && doc.Form(doc.tokens[e]) == ",") {
    for (const Place& q : doc.places) {
      if (q.token_begin == e + 1 && q.token_end <= s.token_end) e = q.token_end;
    }
  }
  return e + 1 < s.token_end && doc.Form(doc.tokens[e]) == ":";
}

// The places and country mentions of each sentence, so that locating every
// event of a long document reads only its own sentence's (a scan of the
// whole document per event made a 2 MiB document's place stage quadratic).
struct SentenceItems {
  std::vector<uint32_t> places;                       // indices into doc.places
  std::vector<const ActorMention*> country_mentions;  // kCountry ("Moscow said")
};

// Items of every sentence, in one pass over places and mentions.
std::vector<SentenceItems> ItemsBySentence(const Document& doc) {
  std::vector<SentenceItems> out(doc.sentences.size());
  for (size_t pi = 0; pi < doc.places.size(); ++pi) {
    const Place& p = doc.places[pi];
    if (p.token_begin >= doc.tokens.size()) continue;
    const Sentence* sp = SentenceOf(doc, p.token_begin);
    if (sp == nullptr || p.token_end > sp->token_end) continue;
    out[static_cast<size_t>(sp - doc.sentences.data())].places.push_back(static_cast<uint32_t>(pi));
  }
  for (const ActorMention& m : doc.mentions) {
    if (m.kind == ActorMention::Kind::kCountry && m.sentence < out.size())
      out[m.sentence].country_mentions.push_back(&m);
  }
  return out;
}

TriggerLocation LocateIn(const Document& doc, uint32_t trigger, int32_t event, Fallback fallback,
                         const Sentence* sp, const SentenceItems& items) {
  TriggerLocation out;
  if (sp != nullptr) {
    const Sentence& s = *sp;
    const ActorMention* source = nullptr;
    if (event >= 0 && static_cast<size_t>(event) < doc.events.size()) {
      int32_t m = doc.events[event].source;
      if (m >= 0 && static_cast<size_t>(m) < doc.mentions.size()) source = &doc.mentions[m];
    }
    bool launch_event = IsLaunchLemma(LemmaOrForm(doc, trigger));
    // A projectile as the trigger's subject or object: "rockets hit X".
    for (uint32_t t = s.token_begin; t < s.token_end && !launch_event; ++t) {
      if (doc.HeadIndex(s, t) == static_cast<int64_t>(trigger) &&
          IsProjectileLemma(LemmaOrForm(doc, t)) &&
          (DeprelIs(doc.tokens[t], "nsubj") || DeprelIs(doc.tokens[t], "obj")))
        launch_event = true;
    }
    if (IsProjectileLemma(LemmaOrForm(doc, trigger))) launch_event = true;

    // Countries and capitals acting as actors in this sentence ("Moscow said").
    const std::vector<const ActorMention*>& country_mentions = items.country_mentions;
    // The trigger and its ancestors.
    std::vector<char> above_trigger(s.token_end - s.token_begin, 0);
    for (int64_t a = trigger, n = 0; a >= 0 && n < 64;
         a = doc.HeadIndex(s, static_cast<uint32_t>(a)), ++n)
      above_trigger[a - s.token_begin] = 1;
    Option best, best_launch;
    bool have = false, have_launch = false;
    for (const uint32_t pi : items.places) {
      const Place& p = doc.places[pi];
      if (p.dateline || p.in_actor_name) continue;
      if (p.token_begin <= trigger && trigger < p.token_end) continue;
      if (IsFocusCopy(doc, pi)) continue;
      if (IsHeadlineLabel(doc, s, p)) {
        // The weakest option of the sentence: any place the text gives the
        // event itself comes first.
        Option o;
        o.place = static_cast<int32_t>(pi);
        o.precision_rank = PrecisionRank(p.precision);
        o.path = 100;
        o.distance = static_cast<int>(trigger - p.token_end + 1);
        if (!have || o < best) {
          best = o;
          have = true;
        }
        continue;
      }
      uint32_t h = PlaceHead(doc, s, p);
      const Token& ht = doc.tokens[h];
      // A name modifying a noun ("the Nicosia airport", "Grozny's streets")
      // takes the role of that noun: "at the Nicosia airport" is locative,
      // "a Tampa woman" or "the Abidjan accord" is not.
      uint32_t role = h;
      bool modifier = DeprelIs(ht, "compound") || DeprelIs(ht, "amod") ||
                      DeprelIs(ht, "nmod:poss") || DeprelIs(ht, "flat") || DeprelIs(ht, "appos");
      if (modifier) {
        int64_t g = doc.HeadIndex(s, h);
        if (g < 0) continue;
        role = static_cast<uint32_t>(g);
      }
      const Token& rt = doc.tokens[role];
      std::string_view case_word = CaseOf(doc, s, role);
      bool actor = false;
      for (const ActorMention* m : country_mentions) {
        if (m->token_begin < p.token_end && p.token_begin < m->token_end) actor = true;
      }
      // "from Yemen" may be coded as an actor but is still a place, and so is
      // the object of a verb whose objects are places ("destroyed Pakistan").
      bool place_object = doc.HeadIndex(s, role) == static_cast<int64_t>(trigger) &&
                          (DeprelIs(rt, "obj") || DeprelIs(rt, "nsubj:pass")) &&
                          IsPlaceVerb(LemmaOrForm(doc, trigger));
      if (actor && case_word.empty() && !place_object) continue;
      // A subject is no place, unless it has a place preposition: the
      // parser's second subject in "Suicide bombings at two Baghdad markets
      // killed ..." is a place phrase.
      if (DeprelIs(rt, "nsubj") && !DeprelIs(rt, "nsubj:pass") &&
          !(case_word == "at" || case_word == "in" || case_word == "near"))
        continue;
      if (DeprelIs(rt, "obl:agent") || DeprelIs(rt, "csubj")) continue;
      if (!modifier && DeprelIs(ht, "nmod:poss")) continue;
      // "a U.S. airstrike", "Iraq's army": a country modifying a noun is a
      // nationality, not where it happened (unless the noun is a place noun:
      // "the Syrian-Turkish border").
      if (modifier && p.precision == GeoPrecision::kCountry && !DeprelIs(ht, "nmod:poss") &&
          DesignatorOf(doc.Form(rt)) == Designator::kNone && !IsPlacePartNoun(doc.Form(rt)))
        continue;
      if (source != nullptr && source->head >= p.token_begin && source->head < p.token_end)
        continue;  // the source itself is the place name
      Option o;
      o.place = static_cast<int32_t>(pi);
      o.precision_rank = PrecisionRank(p.precision);
      // Unresolved "Shaba province" is still a province.
      if ((p.precision == GeoPrecision::kNone || o.precision_rank == 0) &&
          p.token_end > p.token_begin &&
          DesignatorOf(doc.Form(doc.tokens[p.token_end - 1])) == Designator::kAdmin)
        o.precision_rank = 1;
      o.distance = static_cast<int>(p.token_begin > trigger ? p.token_begin - trigger
                                                            : trigger - p.token_end + 1);
      // "the town of Huddur", "north of Hama": "of" after a place noun.
      bool of_place = false;
      if (EqualsLower(case_word, "of")) {
        int64_t g = doc.HeadIndex(s, role);
        if (g >= 0) {
          std::string_view gf = doc.Form(doc.tokens[static_cast<uint32_t>(g)]);
          of_place =
              DesignatorOf(gf) != Designator::kNone || IsDirectionNoun(gf) || IsPlacePartNoun(gf);
        }
        if (!p.relation.empty()) of_place = true;
        // "the siege of Homs", "the occupation of Latvia".
        if (g >= 0 && IsEventNoun(LemmaOrForm(doc, static_cast<uint32_t>(g)))) of_place = true;
        // "the terminals of Heathrow airport": a named site.
        if (p.token_end > p.token_begin &&
            DesignatorOf(doc.Form(doc.tokens[p.token_end - 1])) != Designator::kNone)
          of_place = true;
      }
      bool from = EqualsLower(case_word, "from");
      bool locative = (!case_word.empty() && IsImpactPrep(case_word)) || from || of_place ||
                      !p.relation.empty() ||
                      InList(case_word, {"across", "throughout", "outside", "around", "within",
                                         "along", "between", "through", "beyond"});
      o.direction_ref =
          p.relation.size() > 3 && p.relation.compare(p.relation.size() - 3, 3, " of") == 0;
      // "the center of X", "the outskirts of X" lie inside or at X; only
      // compass directions ("30 km north of X") point away from it.
      if (o.direction_ref) {
        std::string_view first = std::string_view(p.relation).substr(0, p.relation.find(' '));
        if (InList(first, {"center", "centre", "heart", "outskirts", "edge", "suburbs", "part",
                           "parts", "vicinity", "outside"}))
          o.direction_ref = false;
      }
      int64_t cur = h;
      bool crossed = false, reached = false, via_launch = false, foreign = false;
      bool reported = false, stative = false;
      int path = 0;
      for (int steps = 0; cur >= 0 && steps < 64; ++steps) {
        if (cur == trigger) {
          reached = true;
          break;
        }
        const Token& ct = doc.tokens[static_cast<uint32_t>(cur)];
        if (cur != h && (IsLaunchLemma(LemmaOrForm(doc, static_cast<uint32_t>(cur))) ||
                         IsProjectileLemma(LemmaOrForm(doc, static_cast<uint32_t>(cur)))))
          via_launch = true;
        if (IsClauseBoundary(ct) || DeprelIs(ct, "acl")) {
          crossed = true;
          // "troops which have their bases in X", "migrants living in X":
          // a state of a participant, not where the event happened.
          if (IsStativeLemma(LemmaOrForm(doc, static_cast<uint32_t>(cur)))) stative = true;
        }
        // "according to (a statement from) officials in X": the source's place.
        // "was captured, and acknowledged before a judge in X": a speech
        // verb coordinated with the trigger's clause says where it was said.
        if (cur != h && !above_trigger[cur - s.token_begin] && DeprelIs(ct, "conj") &&
            ct.upos == Upos::kVerb && IsSpeechLemma(LemmaOrForm(doc, static_cast<uint32_t>(cur))))
          reported = true;
        // "have vowed to march into X": planned, not done.
        if (cur != h && DeprelIs(ct, "xcomp")) {
          int64_t g = doc.HeadIndex(s, static_cast<uint32_t>(cur));
          if (g >= 0 && IsIntentLemma(LemmaOrForm(doc, static_cast<uint32_t>(g)))) reported = true;
        }
        if (EqualsLower(CaseOf(doc, s, static_cast<uint32_t>(cur)), "according")) reported = true;
        if (IsForeignClause(doc, s, static_cast<uint32_t>(cur), trigger)) foreign = true;
        cur = doc.HeadIndex(s, static_cast<uint32_t>(cur));
        ++path;
      }
      // A direct argument of the trigger: "captured Badme", "patrolled Jerusalem".
      bool direct = reached && doc.HeadIndex(s, role) == static_cast<int64_t>(trigger) &&
                    (DeprelIs(rt, "obj") || DeprelIs(rt, "nsubj:pass"));
      // Last resort: a town naming the subject's or object's noun ("Hong Kong
      // people demonstrated", "a posh Sofia restaurant").
      // A town naming an event noun on the way ("killed since the launch of
      // the Mosul operation"): usable, but only as the sentence fallback (it
      // may name another event: "hours before the Baghdad bombings, ...").
      bool named_event = modifier && DeprelIs(ht, "compound") && reached &&
                         IsEventNoun(doc.Form(rt)) && p.precision != GeoPrecision::kCountry;
      // The noun may be an "of" phrase of the object or passive subject:
      // "the owner of a posh Sofia restaurant was shot".
      bool of_argument = false;
      if (path == 3 && EqualsLower(case_word, "of")) {
        const int64_t a = doc.HeadIndex(s, role);
        of_argument = a >= 0 && (DeprelIs(doc.tokens[static_cast<uint32_t>(a)], "obj") ||
                                 DeprelIs(doc.tokens[static_cast<uint32_t>(a)], "nsubj:pass"));
      }
      bool named_argument = named_event || (modifier && p.precision != GeoPrecision::kCountry &&
                                            DeprelIs(ht, "compound") && reached && !crossed &&
                                            (path <= 2 || of_argument));
      if (!locative && !direct && !named_argument) continue;
      if (!reached) {
        // Not under the trigger: only the place's own path up to the
        // trigger's ancestors counts (a foreign clause on the way is another
        // event's).
        foreign = false;
        for (int64_t c = h, n = 0; c >= 0 && n < 64 && !above_trigger[c - s.token_begin];
             c = doc.HeadIndex(s, static_cast<uint32_t>(c)), ++n) {
          if (IsForeignClause(doc, s, static_cast<uint32_t>(c), trigger)) foreign = true;
        }
      }
      if (foreign || reported || stative) continue;
      // "captured X from Y": Y held it before; the event is at X.
      if (from && !launch_event && IsTakeLemma(LemmaOrForm(doc, trigger))) continue;
      o.strength = locative ? 2 : direct ? 1 : 0;
      // A modifier ("the Baghdad neighbourhood of Al-Bayaa") is one step
      // further from the event than the phrase it modifies.
      o.path = reached ? path + (modifier ? 1 : 0) : 100;
      o.clause = reached && !crossed && !named_event;
      // "the Baghdad neighbourhood of Al-Bayaa", "the village of X near Y":
      // the name after a designator is the place itself, named precisely.
      // Not after a named district or area: in "the Thantho district of Yala
      // province" Yala is the container.
      if (of_place && reached) {
        int64_t g = doc.HeadIndex(s, role);
        Designator d = g >= 0 ? DesignatorOf(doc.Form(doc.tokens[static_cast<uint32_t>(g)]))
                              : Designator::kNone;
        bool named_container = false;
        if (d != Designator::kNone && d != Designator::kCity) {
          for (const uint32_t qi : items.places) {
            const Place& q = doc.places[qi];
            if (q.token_begin <= g && g < q.token_end && q.token_end - q.token_begin > 1)
              named_container = true;
          }
        }
        if (d != Designator::kNone && !named_container) o.path = std::max(0, o.path - 2);
      }
      if (from) {
        std::string_view gov_lemma;
        int64_t g = doc.HeadIndex(s, role);
        if (g >= 0) gov_lemma = LemmaOrForm(doc, static_cast<uint32_t>(g));
        if (launch_event || via_launch || IsLaunchLemma(gov_lemma) ||
            IsProjectileLemma(gov_lemma)) {
          o.launch = true;
        }
      }
      if (o.launch) {
        if (!have_launch || o < best_launch) {
          best_launch = o;
          have_launch = true;
        }
        continue;
      }
      if (!have || o < best) {
        best = o;
        have = true;
      }
    }
    if (have_launch) out.launch_location = best_launch.place;
    if (have && (best.clause || fallback != Fallback::kClause)) {
      out.location = best.place;
      out.basis = best.clause ? LocationBasis::kClause : LocationBasis::kSentence;
      return out;
    }
  }
  if (fallback == Fallback::kDocument && doc.focus_place >= 0) {
    out.location = doc.focus_place;
    out.basis = LocationBasis::kDocument;
  }
  return out;
}

}  // namespace

TriggerLocation LocateTrigger(const Document& doc, uint32_t trigger, int32_t event,
                              Fallback fallback) {
  const Sentence* sp = trigger < doc.tokens.size() ? SentenceOf(doc, trigger) : nullptr;
  if (sp == nullptr) return LocateIn(doc, trigger, event, fallback, sp, SentenceItems{});
  const std::vector<SentenceItems> by_sentence = ItemsBySentence(doc);
  return LocateIn(doc, trigger, event, fallback, sp,
                  by_sentence[static_cast<size_t>(sp - doc.sentences.data())]);
}

void LocateEvents(Document& doc) {
  const std::vector<SentenceItems> by_sentence = ItemsBySentence(doc);
  static const SentenceItems kNone;
  for (size_t i = 0; i < doc.events.size(); ++i) {
    Event& e = doc.events[i];
    const Sentence* sp =
        e.trigger_head < doc.tokens.size() ? SentenceOf(doc, e.trigger_head) : nullptr;
    const SentenceItems& items =
        sp != nullptr ? by_sentence[static_cast<size_t>(sp - doc.sentences.data())] : kNone;
    TriggerLocation loc =
        LocateIn(doc, e.trigger_head, static_cast<int32_t>(i), Fallback::kDocument, sp, items);
    e.location = loc.location;
    e.launch_location = loc.launch_location;
    e.location_basis = loc.basis;
  }
}

void CountryOfLocalActors(Document& doc) {
  auto root = [](const std::string& cameo) {
    return cameo.size() >= 2 ? (cameo[0] - '0') * 10 + (cameo[1] - '0') : -1;
  };
  auto localize = [&](int32_t m, const std::string& iso, bool police_only) {
    if (m < 0 || static_cast<size_t>(m) >= doc.mentions.size()) return;
    ActorMention& a = doc.mentions[static_cast<size_t>(m)];
    // A reference stands for its group ("killing three people and wounding
    // 19 others(reference)").
    if ((a.kind != ActorMention::Kind::kAgent && a.kind != ActorMention::Kind::kReference) ||
        !a.country.empty())
      return;
    if (a.sector != "COP" && (police_only || (a.sector != "CVL" && a.sector != "OPP"))) return;
    // In occupied territory the police are often the occupier's.
    if (a.sector == "COP" && (iso == "PSE" || iso == "ESH")) return;
    a.country = iso;
    a.code = iso + a.sector;
  };
  // Only in the story's country: a place abroad may be a misread name ("the
  // Temple Mount" read as Temple, Texas) or a story's aside.
  std::string_view focus;
  if (doc.focus_place >= 0 && static_cast<size_t>(doc.focus_place) < doc.places.size())
    focus = doc.places[static_cast<size_t>(doc.focus_place)].country;
  for (const Event& e : doc.events) {
    const int r = root(e.cameo);
    if (r != 14 && r != 17 && r != 18 && r != 19 && r != 20) continue;
    if (e.location < 0 || static_cast<size_t>(e.location) >= doc.places.size()) continue;
    const Place& p = doc.places[static_cast<size_t>(e.location)];
    if (p.country.empty() || (!focus.empty() && p.country != focus)) continue;
    // The victims of violence, repression or a protest's crowd where it
    // happened; the protesters themselves in a protest; the police on
    // either side.
    localize(e.target, p.country, false);
    localize(e.source, p.country, r != 14);
  }
  // A place attacked: "shelled Kharkiv", "shelled residential districts of
  // Kharkiv", "bombed the town of Saraqib" have the place's country as
  // their target, as CAMEO codes a city (not a place near the target: "a
  // village near Hama" stays uncoded).
  for (const Event& e : doc.events) {
    const int r = root(e.cameo);
    if (r < 18 || r > 20 || e.target < 0 || static_cast<size_t>(e.target) >= doc.mentions.size())
      continue;
    ActorMention& m = doc.mentions[static_cast<size_t>(e.target)];
    if (!m.code.empty() || m.kind != ActorMention::Kind::kUnknown ||
        m.sentence >= doc.sentences.size() || e.trigger_head >= doc.tokens.size())
      continue;
    // A move towards a place attacks no one there: "pushed deeper into the
    // old city of al-Raqqa", "advanced towards Deir ez-Zor".
    if (InList(LemmaOrForm(doc, e.trigger_head),
               {"advance", "push", "move", "enter", "march", "head", "close", "pour", "deploy"}))
      continue;
    const Sentence& s = doc.sentences[m.sentence];
    // "the Saudi city of Jizan": a settlement noun names the place, which
    // may lie outside the story's country.
    const bool settlement =
        InList(LemmaOrForm(doc, m.head), {"city", "town", "village", "capital", "port"});
    for (const Place& pl : doc.places) {
      // (Not an acronym: "ANA official" is the Afghan army's, not Ana's.)
      if (pl.sentence != m.sentence || pl.country.empty() || pl.in_actor_name ||
          pl.token_end <= pl.token_begin || IsAcronym(doc.Slice(pl.begin, pl.end)))
        continue;
      const bool inside = pl.token_begin >= m.token_begin && pl.token_end <= m.token_end;
      const uint32_t ph = PlaceHead(doc, s, pl);
      const bool of_target = doc.HeadIndex(s, ph) == static_cast<int64_t>(m.head) &&
                             EqualsLower(CaseOf(doc, s, ph), "of");
      if (!inside && !of_target) continue;
      if (!focus.empty() && pl.country != focus && !(of_target && settlement)) continue;
      m.kind = ActorMention::Kind::kCountry;
      m.country = pl.country;
      m.code = pl.country;
      break;
    }
  }
}

void ChooseFocus(const geo::Gazetteer& gaz, Document& doc) {
  doc.focus_place = -1;
  // Country evidence: each named place 1, each actor mention with a country
  // ("Syrian troops") 0.5, the dateline 0.3.
  std::unordered_map<std::string, float> weight;
  std::unordered_map<std::string, int> admin_count;
  std::vector<std::string> order;  // first-mention order for ties
  auto add = [&](const std::string& iso, float w) {
    if (iso.empty()) return;
    if (weight.find(iso) == weight.end()) order.push_back(iso);
    weight[iso] += w;
  };
  size_t m = 0;
  for (const Place& p : doc.places) {
    while (m < doc.mentions.size() && doc.mentions[m].token_begin < p.token_begin) {
      add(doc.mentions[m].country, 0.5f);
      ++m;
    }
    if (!p.in_actor_name) add(p.country, p.dateline ? 0.3f : 1.0f);
  }
  for (; m < doc.mentions.size(); ++m) add(doc.mentions[m].country, 0.5f);
  std::string focus;
  float best = 0;
  for (const std::string& iso : order) {
    if (weight[iso] > best) {
      best = weight[iso];
      focus = iso;
    }
  }
  if (focus.empty()) return;
  int inside = 0;
  for (const Place& p : doc.places) {
    if (p.dateline || p.in_actor_name || p.country != focus ||
        p.precision == GeoPrecision::kCountry)
      continue;
    if (p.admin1.empty()) continue;
    ++inside;
    ++admin_count[p.admin1];
  }
  std::string admin;
  // The focus is a province when most specific places of the focus country
  // lie in it (at least two), or when only one specific place is named at
  // all (a headline, a short report): then its province is the coarser
  // stand-in, not the whole country.
  for (const auto& [a, n] : admin_count) {
    if ((n >= 2 || inside == 1) && 5 * n >= 3 * inside && (admin.empty() || a < admin)) admin = a;
  }
  GeoPrecision want = admin.empty() ? GeoPrecision::kCountry : GeoPrecision::kAdmin1;
  for (size_t i = 0; i < doc.places.size(); ++i) {
    const Place& p = doc.places[i];
    if (p.dateline || p.in_actor_name || p.country != focus || p.precision != want) continue;
    if (want == GeoPrecision::kAdmin1 &&
        NormalizeName(p.admin1.empty() ? p.name : p.admin1) != NormalizeName(admin))
      continue;
    doc.focus_place = static_cast<int32_t>(i);
    return;
  }
  const geo::Entry* e = want == GeoPrecision::kAdmin1 ? gaz.Admin1(focus, admin) : nullptr;
  if (e == nullptr) e = gaz.Country(focus);
  if (e == nullptr) return;
  // The coarsened copy takes the span of the first place inside the focus
  // (not the dateline if another will do), else of the first actor mention
  // of that country ("Syrian troops").
  Place copy;
  bool found = false;
  for (int pass = 0; pass < 2 && !found; ++pass) {
    for (const Place& p : doc.places) {
      if (p.country != focus || p.in_actor_name || (pass == 0 && p.dateline)) continue;
      copy = p;
      found = true;
      break;
    }
  }
  if (!found) {
    for (const ActorMention& a : doc.mentions) {
      if (a.country != focus || a.token_end <= a.token_begin || a.token_end > doc.tokens.size())
        continue;
      copy.sentence = a.sentence;
      copy.token_begin = a.token_begin;
      copy.token_end = a.token_end;
      copy.begin = doc.tokens[a.token_begin].begin;
      copy.end = doc.tokens[a.token_end - 1].end;
      found = true;
      break;
    }
  }
  if (!found) return;
  copy.name = std::string(e->name);
  copy.country = std::string(e->country);
  copy.admin1 = std::string(e->admin1);
  copy.lat = e->lat;
  copy.lon = e->lon;
  copy.geonameid = e->geonameid;
  copy.feature = std::string(e->feature);
  copy.precision = e->precision;
  copy.relation.clear();
  copy.part.clear();
  copy.part_lat = copy.part_lon = std::numeric_limits<double>::quiet_NaN();
  copy.dateline = false;
  copy.confidence = kFocusCopyConfidence;
  doc.places.push_back(std::move(copy));
  doc.focus_place = static_cast<int32_t>(doc.places.size() - 1);
}

}  // namespace sitrep::places

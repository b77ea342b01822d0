// Dictionary: sitrep's own verb and event-noun patterns (data/events/), loaded
// once and immutable afterwards.
//
// Two readable text files (format in data/events/README.md):
//
//   verbs.txt   "190 attack"                       attack X          -> 190
//               "190 open =fire on"                open fire on X    -> 190, target X
//               "0256 call for:ceasefire|truce"    (not used: see +appeal)
//               "1123 accuse of:aggression|attack" accuse X of aggression -> 1123
//               "130 threaten +threat"             threatened to attack -> 1384
//   nouns.txt   "195 air strike"                   "carried out air strikes" -> 195
//               "light carry out"                  a light verb that carries event nouns
//               "weapon 195 jet"                   "Russian jets struck X" -> 195
//               "nonagent flood"                   "Floods killed 20 people" -> no event
//
//   SITREP_ASSIGN_OR_RETURN(auto dict, events::Dictionary::Load(DataPath("events")));
//   for (const std::string& w : dict->warnings()) std::cerr << w << "\n";
//   for (const events::VerbPattern& p : dict->Verbs("attack")) ...   // p.code == "190"
//
// Malformed lines are skipped and reported in warnings() as "verbs.txt:12: ...".
// A Dictionary is immutable once loaded and may be shared across threads.
#ifndef SITREP_EVENTS_DICTIONARY_H_
#define SITREP_EVENTS_DICTIONARY_H_

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace sitrep::events {

// What a verb does with its complement clause or complement event noun.
enum class Complement : uint8_t {
  kNone,
  kSay,     // +say: "X said (that) Y attacked Z" -> 010 + the reported event
  kDeny,    // +deny: "X denied attacking Z" -> 016 + the attack, negated and reported
  kThreat,  // +threat: "X threatened to attack Z" -> 1384; the attack is kThreatened
  kIntent,  // +intent: "X plans to meet Z" -> 036; the meeting is kIntended
  kAppeal,  // +appeal: "X urged Z to withdraw" / "called for a ceasefire" -> 0256
  kDemand,  // +demand: "X called on Z to withdraw" -> 1056; the withdrawal is kDemanded
  kReject,  // +reject: "X refused to withdraw" -> 1246; the withdrawal is negated
  kFuture,  // +future: "X is scheduled to visit Y" -> the visit is kFuture
};
// "say", "deny", ... ; "" for kNone.
std::string_view ComplementName(Complement c);

// "word" in a verb pattern: a particle or preposition, or "prep:a|b".
struct PrepSlot {
  std::string word;                 // "on", "out", "of"
  std::vector<std::string> lemmas;  // allowed noun lemmas after it; empty = any
  bool is_target = false;           // a bare word: its noun is the event's target
};

struct VerbPattern {
  std::string code;   // CAMEO code; empty = no event of its own ("fail +reject")
  std::string lemma;  // "call"
  std::vector<PrepSlot> slots;
  std::vector<std::string> object_lemmas;  // "=a|b": required direct object lemma
  Complement complement = Complement::kNone;
  // +mutual: with two or more subjects and no target, each acts on the others
  // ("Turkish and Syrian troops clashed").
  bool mutual = false;
  // +undergo: the subject suffers the act, whose agent is not named ("Afghan
  // forces sustained casualties", "the rebels suffered heavy losses"): the
  // subject is the target and the source is unknown.
  bool undergo = false;
  int specificity = 0;  // number of words/constraints after the lemma
  std::string origin;   // "verbs.txt:12"
};

struct NounPattern {
  std::string code;
  std::string lemma;                   // head noun lemma: "strike"
  std::vector<std::string> modifiers;  // lemmas of compound/amod children: {"air"}
  std::string origin;
};

struct LightVerb {
  std::string lemma;     // "carry"
  std::string particle;  // "out"; empty if none
};

class Dictionary {
 public:
  // Reads <dir>/verbs.txt and <dir>/nouns.txt. NotFoundError if either file
  // is missing; malformed lines become warnings and are skipped.
  static StatusOr<std::unique_ptr<Dictionary>> Load(const std::string& dir);
  // Parses the two files' contents (for tests); `verbs_name`/`nouns_name` name
  // them in warnings.
  static std::unique_ptr<Dictionary> FromText(std::string_view verbs, std::string_view nouns,
                                              std::string_view verbs_name = "verbs.txt",
                                              std::string_view nouns_name = "nouns.txt");

  // Patterns for a verb lemma (lower case), most specific first, file order
  // among equals. Empty if the lemma is unknown.
  std::span<const VerbPattern> Verbs(std::string_view lemma) const;
  // Every verb lemma with a pattern, sorted.
  std::vector<std::string> VerbLemmas() const;
  // Every event noun and weapon as its words, modifiers first ("air strike",
  // "clash"), sorted, each once.
  std::vector<std::string> NounPhrases() const;
  // Noun patterns for a head lemma (lower case), most modifiers first.
  std::span<const NounPattern> Nouns(std::string_view lemma) const;
  // Weapon/carrier patterns for a head lemma ("jet" -> 195), most modifiers first.
  std::span<const NounPattern> Weapons(std::string_view lemma) const;
  // Light verbs with this lemma (several particles possible).
  std::span<const LightVerb> LightVerbs(std::string_view lemma) const;
  // Whether a noun lemma names a cause that is no one's act (`nonagent`
  // lines: a natural hazard, a disease, an accident, a market figure): "The
  // earthquake killed 40 people" and "Oil prices hit ..." are no events.
  bool IsNonAgent(std::string_view lemma) const;

  // Every CAMEO code used by a verb or noun pattern, with its origin
  // ("verbs.txt:12"), in no particular order.
  std::vector<std::pair<std::string, std::string>> Codes() const;

  const std::vector<std::string>& warnings() const { return warnings_; }
  size_t num_verb_patterns() const { return num_verbs_; }
  size_t num_noun_patterns() const { return num_nouns_; }

 private:
  Dictionary() = default;
  void ParseVerbs(std::string_view text, std::string_view name);
  void ParseNouns(std::string_view text, std::string_view name);
  void Finish();

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  template <typename T>
  using Map = std::unordered_map<std::string, std::vector<T>, StringHash, std::equal_to<>>;
  Map<VerbPattern> verbs_;
  Map<NounPattern> nouns_;
  Map<NounPattern> weapons_;
  Map<LightVerb> light_;
  std::unordered_set<std::string, StringHash, std::equal_to<>> non_agents_;
  size_t num_verbs_ = 0;
  size_t num_nouns_ = 0;
  std::vector<std::string> warnings_;
};

// A valid CAMEO code shape: 2-4 digits, the first two a root 01..20.
bool IsCameoCodeShape(std::string_view code);

}  // namespace sitrep::events

#endif  // SITREP_EVENTS_DICTIONARY_H_

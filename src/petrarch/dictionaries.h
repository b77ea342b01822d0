// Readers for PETRARCH2 dictionaries, compiled into immutable lookup tables.
//
//   Verbs   (CAMEO.2.0.txt, PETR.Validate.verbs.txt):
//     &TIETYPES            a synset; "+MILITARY" lines are its members (plurals are
//     +MILITARY            generated unless the name or the member ends in '_')
//     --- ABANDON [345] ---              a verb block with its default code
//     ABANDON                            a verb (regular forms generated)
//     BREAK {BROKE BROKEN}               irregular forms given: only these
//     +BREAK_DOWN {+BROKE_DOWN}          compound verb, '+' marks the verb word
//     WIRE_+TAP [1711]                   compound with its own code
//     - * &TIETYPES TIES [902]           a pattern: words before '*' are matched
//                                        before the verb, after it after the verb;
//                                        '_' = adjacent, ' ' = words may intervene;
//                                        $ source, + target, ^ skip a noun phrase,
//                                        % compound actor
//     ~ a (a b ATTACK) SAY = a b 015     transformations (VerbTransformation)
//   Actors  (Phoenix.*.actors.txt, PETR.Validate.actors.txt):
//     GONDOR [GON]          "_" joins words; "+MINAS_TIRITH" lines are synonyms;
//     +MINAS_TIRITH         codes on indented lines may be date-restricted:
//     GOLLUM                [HOB <950601]  [HOBGOV 19950601-19990815]  [HOBREB >990816]
//     THE_SHIRE [FRO/BIL/SAM]   several codes at once
//   Agents  (Phoenix.agents.txt): "POLICE {} [~COP]" ({} = no plural),
//     "!PERSON! = MAN, MEN" substitution sets, "MSF {} [NGO~]" (prefix agent).
//   Discards: "BASEBALL" (sentence), "+TYPHOON" (story); '_' at the end = whole word.
//   Issues:  "n:kindergarten [EARLY_CHILDHOOD_EDUCATION]" with n:, v:, '+' expansions.
//
//   SITREP_ASSIGN_OR_RETURN(DictionaryFiles files, FindDictionaryFiles(dir));
//   SITREP_ASSIGN_OR_RETURN(auto dicts, Dictionaries::Load(files));
//   for (const std::string& w : dicts->warnings()) std::cerr << w << "\n";
//     // "PETR.Validate.verbs.txt:57: pattern without [code]; skipped"
//
// Every malformed line is reported as "file:line: message" and skipped. Words
// are compared upper-cased. A loaded Dictionaries object is immutable.
#ifndef SITREP_PETRARCH_DICTIONARIES_H_
#define SITREP_PETRARCH_DICTIONARIES_H_

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace sitrep::petrarch {

// "Arnor" -> "ARNOR" (ASCII only; other bytes unchanged).
std::string Upper(std::string_view s);
// Date "YYYYMMDD" or "YYMMDD" (years < 30 are 20xx) -> YYYYMMDD as an int; -1 if malformed.
int ParseDictionaryDate(std::string_view s);

// A code valid on some dates: kind kAlways, kBefore (date < to),
// kFrom (date >= from) or kRange (from <= date <= to).
struct DatedCode {
  enum class Kind { kAlways, kBefore, kFrom, kRange };
  std::string code;
  Kind kind = Kind::kAlways;
  int from = 0, to = 0;
};

// A word trie mapping phrases ("MINAS TIRITH") to values; longest match.
class PhraseTrie {
 public:
  PhraseTrie();
  // Returns the slot for `words`, creating nodes as needed; -1 value = unset.
  int& Slot(const std::vector<std::string>& words);
  // Longest phrase starting at words[begin]: returns its value and sets *length,
  // or -1 if none.
  int LongestMatch(const std::vector<std::string>& words, size_t begin, size_t* length) const;

 private:
  struct Node {
    std::unordered_map<std::string, int> next;
    int value = -1;
  };
  std::vector<Node> nodes_;
};

struct ActorEntry {
  std::vector<std::string> root;  // the first phrase of the entry
  std::vector<DatedCode> codes;   // in file order; dated ones are tried first
  // The code on `date` (YYYYMMDD): the first dated code whose range holds,
  // else the first undated one; empty if none. A code "A/B/C" means several actors.
  std::string CodeOn(int date) const;
};

struct AgentCode {
  std::string code;     // "GOV", "NGO"
  bool prefix = false;  // "[NGO~]": written before the actor code
};

struct PatternElement {
  enum class Kind { kWord, kSynset, kSource, kTarget, kSkip, kCompound };
  Kind kind = Kind::kWord;
  std::string word;  // kWord
  int synset = -1;   // kSynset: index into VerbDictionary::synsets
  // Adjacent to the element before it (for upper: to the element after it /
  // the verb; see VerbPattern).
  bool joined = false;
};

struct VerbPattern {
  // Text order. upper[i].joined: upper[i] must be immediately followed by the
  // next element (or the verb for the last one). lower[i].joined: lower[i]
  // must immediately follow the previous element (or the verb for lower[0]).
  std::vector<PatternElement> upper, lower;
  std::string code;  // "064", "032:033", "---"
  std::string line;  // file:line, for reports
};

struct VerbForm {
  std::vector<std::string> front;  // words before the verb ("WIRE" in WIRE_+TAP)
  std::vector<std::string> back;   // words after it ("DOWN" in +BREAK_DOWN)
  std::string code;                // own code, else the block's
  int block = -1;
};

struct VerbBlock {
  std::string name;  // "ABANDON"
  std::string code;  // "345", "---"
  std::vector<VerbPattern> patterns;
};

// "~ a (a b ATTACK) SAY = a b 015": a verb coded like SAY whose clause holds an
// event coded like ATTACK becomes one event. Variables name actors: the upper
// verb's source ("a"), the lower event's source and target ("a", "b"; "_" =
// none, "." = any); the result is written with them. "Q" as the lower verb
// matches any code and as the result code copies it.
struct VerbTransformation {
  std::string upper_source;                // "a"
  std::string lower_source, lower_target;  // "a", "b", "_", "."
  std::string lower_verb, upper_verb;      // "ATTACK", "SAY" (dictionary verbs) or "Q"
  std::string result_source, result_target, result_code;  // "a", "b", "015" or "Q"
};

struct VerbDictionary {
  std::vector<VerbBlock> blocks;
  std::unordered_map<std::string, std::vector<VerbForm>> forms;  // by verb word
  // First word of a compound's front part -> verb words ("WIRE" -> {"TAP", "TAPPED"}),
  // for parses that make the first word the verb ("(VB wire) (NN tap)").
  std::unordered_map<std::string, std::vector<std::string>> by_front_word;
  // synsets[i] = member phrases (each a word list), longest first.
  std::vector<std::vector<std::vector<std::string>>> synsets;
  std::unordered_map<std::string, int> synset_index;  // "&TIETYPES" -> i
  int transformations = 0;
  std::vector<VerbTransformation> transformation_rules;  // in file order
};

struct DiscardPhrase {
  std::string phrase;       // upper-cased, single spaces
  bool story = false;       // '+' phrases discard the whole story
  bool whole_word = false;  // written with a trailing '_'
};

struct IssuePhrase {
  std::vector<std::string> words;
  std::string code;
};

struct DictionaryFiles {
  std::string verbs;
  std::vector<std::string> actors;
  std::string agents, discards, issues;  // may be empty
  // Options from a PETR_config.ini [Options] section (lower-case names).
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<std::string> warnings;  // unknown options etc.
};

// Finds the dictionaries in `dir`: a PETR_config.ini there (or in ../config)
// names them; else CAMEO.2.0.txt, Phoenix.{Countries,International,MilNonState}
// .actors.txt, Phoenix.agents.txt, Phoenix.discards.txt, Phoenix.IssueCoding.txt.
// NotFoundError if no verb or actor file exists.
StatusOr<DictionaryFiles> FindDictionaryFiles(const std::string& dir);
// Reads a PETR_config.ini; dictionary names are resolved against `dict_dir`.
StatusOr<DictionaryFiles> ReadPetrConfig(const std::string& ini_path, const std::string& dict_dir);

class Dictionaries {
 public:
  // NotFoundError if a named file cannot be read. Malformed lines are warnings.
  static StatusOr<std::unique_ptr<Dictionaries>> Load(const DictionaryFiles& files);
  // Builds from in-memory texts (tests); `name`s are used in warnings.
  static std::unique_ptr<Dictionaries> FromText(std::string_view verbs, std::string_view actors,
                                                std::string_view agents,
                                                std::string_view discards = {},
                                                std::string_view issues = {});

  const VerbDictionary& verbs() const { return verbs_; }
  const std::vector<ActorEntry>& actors() const { return actors_; }
  const PhraseTrie& actor_trie() const { return actor_trie_; }
  const std::vector<std::vector<AgentCode>>& agents() const { return agents_; }
  const PhraseTrie& agent_trie() const { return agent_trie_; }
  const std::vector<DiscardPhrase>& discards() const { return discards_; }
  const std::vector<IssuePhrase>& issues() const { return issues_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Dictionaries() = default;
  void ReadVerbs(std::string_view text, const std::string& name);
  void ReadActors(std::string_view text, const std::string& name);
  void ReadAgents(std::string_view text, const std::string& name);
  void ReadDiscards(std::string_view text, const std::string& name);
  void ReadIssues(std::string_view text, const std::string& name);
  void Warn(const std::string& name, int line, const std::string& message);

  VerbDictionary verbs_;
  std::vector<ActorEntry> actors_;
  PhraseTrie actor_trie_;
  std::vector<std::vector<AgentCode>> agents_;
  PhraseTrie agent_trie_;
  std::vector<DiscardPhrase> discards_;
  std::vector<IssuePhrase> issues_;
  std::vector<std::string> warnings_;
};

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_DICTIONARIES_H_

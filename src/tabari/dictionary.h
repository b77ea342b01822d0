// TABARI dictionaries: the .actors, .agents and .verbs files of a TABARI
// project (see docs/tabari.manual.0.8.3b1.pdf, chapters 5 and 6), read into
// immutable in-memory tables that the coder (coder.h) matches against text.
//
//   .actors   ARNOR  [ARN]                       phrase and code
//             GOLLUM                             synonym group with dated codes
//             +SMEAGOL
//                 [HOB < 950601]
//                 [HOBGOV 950601 - 990815]
//             <NOUN> FORCES_ </NOUN>   <ADJECTIVE> EVIL </ADJECTIVE>
//   .agents   FOREIGN_MINISTER_  [~GOVFRM]       "~" marks where the actor code goes
//   .verbs    RESTOR  [064]                      verb root (a stem), default code
//             - * DIPLOMATIC  [064]              pattern: "*" is the verb
//             - + WAS * BY $  [223]              $ source, + target, % both, ^ skip
//             BREAK_ [1717]
//             { BROKE_ BROKEN_ }                 irregular forms
//             <SYNSETS> &CURRENCY +DOLLAR +EURO </SYNSETS>
//
// Phrase syntax (shared by all three files): words are upper-cased; "-" in a
// dictionary becomes "_". A word followed by "_" must match exactly (regular
// endings S, 'S — and for verbs S ED ES EN ING — are still allowed), by "="
// exactly with no endings, otherwise it is a stem ("SYRI" matches "SYRIAN").
// "_" or "~" between two words means "immediately followed by"; a blank means
// any number of words may come between. Patterns may contain alternatives
// "{ A | B }" and synsets "&NAME"; both are expanded when the file is read, so
// every stored pattern is a plain sequence of elements.
//
// Reading never fails on a malformed line: the line is skipped and a warning
// "file:line: message" is collected (warnings()). Only an unreadable file is
// an error (NotFoundError / IoError).
#ifndef SITREP_TABARI_DICTIONARY_H_
#define SITREP_TABARI_DICTIONARY_H_

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep::tabari {

// One element of a phrase or pattern.
struct PhraseElem {
  enum class Kind : uint8_t {
    kWord,      // a literal word or stem
    kVerb,      // "*": the verb itself (patterns only)
    kSource,    // "$"
    kTarget,    // "+"
    kCompound,  // "%": a compound actor that is both source and target
    kSkip,      // "^": skip one actor
  };
  Kind kind = Kind::kWord;
  std::string text;         // upper case, kWord only
  bool exact = false;       // followed by "_" or "=" in the dictionary
  bool no_endings = false;  // followed by "=": no regular endings either
  bool adjacent = false;    // the NEXT element must immediately follow this one
};

using Phrase = std::vector<PhraseElem>;

// Which regular endings an exact word accepts.
enum class Endings : uint8_t { kNone, kNoun, kVerb };

// Does dictionary word `e` match text word `w` (both upper case)?
//   {"SYRI", stem} matches "SYRIAN"; {"DEPART", exact} matches "DEPARTED" (verb
//   endings) but not "DEPARTX"; {"BAN", no_endings} matches only "BAN".
bool WordMatches(const PhraseElem& e, std::string_view w, Endings endings);

// A code with an optional date restriction: "[HOBGOV 950601-990815]".
struct DatedCode {
  std::string code;       // "HOBGOV", "FRO/BIL/SAM", "---", "###", "+++"
  int32_t from = 0;       // YYYYMMDD, 0 = open
  int32_t to = 99999999;  // YYYYMMDD inclusive
  bool restricted = false;
};

struct ActorEntry {
  Phrase phrase;
  std::string text;  // the phrase as written (after "-" -> "_")
  int group = 0;     // index of the synonym group (codes live there)
};

struct ActorGroup {
  std::vector<DatedCode> codes;
  std::string parent;  // first phrase of the group
};

// Resolves dated codes for a date (YYYYMMDD): the first satisfied restriction,
// else the unrestricted default, else "---".
std::string ResolveCode(const std::vector<DatedCode>& codes, int32_t date);

// Parses "YYMMDD" (00-30 -> 20xx) or "YYYYMMDD" into YYYYMMDD; -1 if invalid.
int32_t ParseTabariDate(std::string_view s);

// Phrases indexed by the first two letters of their first word (stems of one
// letter go to a separate list), tried longest first.
class PhraseIndex {
 public:
  void Add(int id, const Phrase& p, size_t weight);
  void Finish();
  // Ids whose first word could match `word`, best (longest) first; valid
  // until the index is changed.
  const std::vector<int>& Candidates(std::string_view word) const;

 private:
  struct Item {
    int id;
    size_t weight;
    char first_char;
  };
  std::map<std::string, std::vector<Item>, std::less<>> by_prefix_;
  std::vector<Item> short_;
  std::map<std::string, std::vector<int>, std::less<>> merged_;
  std::map<char, std::vector<int>> short_ids_;
};

class ActorDictionary {
 public:
  // Reads a .actors (or .agents when `agents`) file and appends its entries.
  Status Read(const std::string& path, bool agents);
  void Finish();

  const std::vector<ActorEntry>& entries() const { return entries_; }
  const std::vector<ActorGroup>& groups() const { return groups_; }
  const std::vector<Phrase>& nouns() const { return nouns_; }
  const std::vector<Phrase>& adjectives() const { return adjectives_; }
  const PhraseIndex& index() const { return index_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<ActorEntry> entries_;
  std::vector<ActorGroup> groups_;
  std::vector<Phrase> nouns_;
  std::vector<Phrase> adjectives_;
  PhraseIndex index_;
  std::vector<std::string> warnings_;
};

// An event code as written in a .verbs file: "064", "032:033" (paired),
// "023?" (subordinate), "031!" (dominant), "---", "###", "+++".
struct VerbCode {
  std::string code;    // "064"
  std::string paired;  // "033" for "032:033", empty otherwise
  bool subordinate = false;
  bool dominant = false;
  bool IsNull() const { return code == "---"; }
  bool IsDiscard() const { return code == "###"; }
  bool IsComplex() const { return code == "+++"; }
};
// "032:033" -> {code "032", paired "033"}; "023?" -> subordinate.
VerbCode ParseVerbCode(std::string_view s);

struct VerbPattern {
  Phrase before;                      // elements before "*", in text order
  Phrase after;                       // elements after "*"
  bool verb_adjacent_before = false;  // last `before` element must touch the verb
  bool verb_adjacent_after = false;   // first `after` element must touch the verb
  VerbCode code;
  size_t length = 0;  // letters, for longest-first ordering
  std::string text;   // as written, for reports
};

struct VerbRoot {
  std::string text;  // "RESTOR"
  VerbCode code;
  std::vector<VerbPattern> patterns;  // longest first
  bool time = false;                  // from the <TIME> section
};

class VerbDictionary {
 public:
  Status Read(const std::string& path);
  void Finish();

  // Forms: each is a phrase that identifies a root (the root itself and its
  // irregular forms).
  struct Form {
    Phrase phrase;
    int root = 0;
  };
  const std::vector<Form>& forms() const { return forms_; }
  const std::vector<VerbRoot>& roots() const { return roots_; }
  const PhraseIndex& index() const { return index_; }
  bool has_time() const { return has_time_; }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  Status ReadSynsets(const std::vector<std::string>& lines, size_t* i, const std::string& path);
  // Expands "{ A | B }" alternatives and (when `synsets`) "&NAME" synsets.
  std::vector<std::string> ExpandPattern(const std::string& text, int depth, bool synsets) const;
  void AddPattern(int root, const std::string& body, const VerbCode& code,
                  const std::string& where);

  std::vector<Form> forms_;
  std::vector<VerbRoot> roots_;
  std::map<std::string, std::vector<std::string>> synsets_;
  PhraseIndex index_;
  bool has_time_ = false;
  std::vector<std::string> warnings_;
};

// Parses a phrase "TO_LET_ESCAPE" / "+ WAS * BY $" into elements. Returns
// false (with `error`) for a phrase with stray characters.
bool ParsePhrase(std::string_view text, Phrase* out, std::string* error);

// Upper-cases and replaces "-" with "_" (the dictionary normal form).
std::string NormalizeDictText(std::string_view s);

}  // namespace sitrep::tabari

#endif  // SITREP_TABARI_DICTIONARY_H_

// The TABARI sentence coder: TABARI's shallow parse and pattern matching,
// re-implemented from the TABARI 0.8.3 manual (chapter 7 "How TABARI looks at
// a sentence"), driven by a loaded Project (project.h).
//
//   SITREP_ASSIGN_OR_RETURN(auto project, Project::Load("Validate.project"));
//   SentenceCoder coder(*project);
//   SentenceResult r = coder.Code("Arnor is about to restore full diplomatic ties with "
//                                 "Gondor almost five years after crowds trashed its "
//                                 "embassy, a senior official said on Saturday.",
//                                 19950101, project->options());
//   // r.status == kCoded, r.events[0] == {"ARN", "GON", "064"}
//
// The steps:
//  1. filter: upper case, "-" "?" "!" become blanks, periods after lower-case
//     letters dropped ("U.S." kept), commas split off, "1,500" -> "1500";
//  2. classify words left to right, longest dictionary phrase first: actors
//     (date-resolved codes; a null code makes a noun, ### discards, +++ marks
//     complex), fixed words (THE A AN, pronouns, AND BUT OR NOR, WAS WERE BEEN,
//     BY), <NOUN>/<ADJECTIVE> lists, verbs (a verb right after a determiner or
//     capitalised inside a mixed-case sentence is a noun);
//  3. attach agents to the adjacent actor ("Arnor security officials" ->
//     ARNGOV; "former" -> ELI); build compound actors ("A, B and the evil C")
//     and compound nouns/adjectives (their conjunctions do not split clauses);
//  4. drop comma-delimited clauses whose length is within COMMA: limits;
//  5. resolve pronouns (HE/IT/ITS: first actor before them; THEY/THEIR: first
//     compound actor; FORWARD: the previous record's first actor);
//  6. apply the complexity filter (COMPLEX: VERBS[n] CONJ[n] NOACTPRIOR ...);
//  7. split into clauses at conjunctions; in each clause try the verbs left to
//     right, each verb's patterns longest first (the part before "*" is matched
//     backwards from the verb, the part after forwards), else its default code;
//     source = $ / first actor before the verb (after a conjunction: the
//     carried source unless an actor opens the clause), target = + / first
//     actor after the verb with a different code (else the nearest one before
//     it); passive voice ("was opposed by") swaps them; paired codes give two
//     events; subordinate codes (023?) count only if nothing else was coded.
//
// A SentenceCoder is immutable and may be shared across threads.
#ifndef SITREP_TABARI_CODER_H_
#define SITREP_TABARI_CODER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "tabari/project.h"

namespace sitrep::tabari {

struct CodedEvent {
  std::string source, target, code;
  // Byte ranges in the coded text; -1 when not from the text (default codes).
  int32_t verb_begin = -1, verb_end = -1;
  int32_t source_begin = -1, source_end = -1;
  int32_t target_begin = -1, target_end = -1;
  bool operator==(const CodedEvent& o) const {
    return source == o.source && target == o.target && code == o.code;
  }
};

enum class SentenceStatus : uint8_t {
  kCoded,     // at least one event
  kNoEvents,  // parsed, nothing coded
  kTooShort,  // fewer than SET: MINIMUM WORDS words
  kComplex,   // +++ code or a COMPLEX: condition
  kDiscard,   // ### code
};
// "coded", "no events", "too short", "complex", "discard".
const char* SentenceStatusName(SentenceStatus s);

struct SentenceResult {
  SentenceStatus status = SentenceStatus::kNoEvents;
  std::vector<CodedEvent> events;
  std::string reason;  // why complex/discard, for reports
};

// Cross-record state for FORWARD: pronoun forwarding (validation / stories).
struct ForwardState {
  std::vector<std::string> first_actor;  // codes of the previous record's first actor
  bool valid = false;
};

class SentenceCoder {
 public:
  // `project` must outlive the coder.
  explicit SentenceCoder(const Project& project) : project_(project) {}
  // Codes one sentence (any bytes; never fails). `date` is YYYYMMDD (for
  // dated actor codes). `forward` (may be null) carries FORWARD: state.
  SentenceResult Code(std::string_view text, int32_t date, const Options& options,
                      ForwardState* forward = nullptr) const;

 private:
  const Project& project_;
};

}  // namespace sitrep::tabari

#endif  // SITREP_TABARI_CODER_H_

// The TABARI validation suite runner and the TABARI EventCoder: the entry
// points the CLI wires to `sitrep validate tabari PROJECT [--report F]` and
// `sitrep code --tabari-project FILE`.
//
//   ValidateOptions opt{.project_path = ".../Validate.project", .report_path = "r.jsonl"};
//   SITREP_ASSIGN_OR_RETURN(ValidateResult r, RunValidation(opt, std::cout));
//   // prints "FAIL DEMO-07: expected [...] coded [...]" lines, then "442 passed, 7 failed"
//
//   SITREP_ASSIGN_OR_RETURN(auto coder, CreateCoder({.project_path = "my.project"}));
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   SITREP_RETURN_IF_ERROR(coder->Code(doc));  // doc.mentions, doc.events
//
// Validation records (TABARI's own format, see project.h) carry the expected
// events in their comment: "{ ARN / GON / 064 }", or "{---}" (no event),
// "{###}" (discard), "{+++}" (complex); "-{" stops checking; "{ OPTION: ... }"
// changes an option from that record on. Records up to the one whose id starts
// with "FINAL" are run (the rest of TABARI's file needs other settings).
// Pass rule (PETRARCH's): the sorted multiset of (source, target, event)
// equals the expected one exactly; a special block passes when the coder
// reached that outcome. After "-{" only the events listed before it must be
// present.
#ifndef SITREP_TABARI_VALIDATE_H_
#define SITREP_TABARI_VALIDATE_H_

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "core/event_coder.h"
#include "core/status.h"

namespace sitrep {
class Analyzer;
}

namespace sitrep::tabari {

struct ValidateOptions {
  std::string project_path;
  std::string report_path;  // JSON Lines report; empty = none
  // Not needed: TABARI's validation texts are coded with TABARI's own word
  // filter so that its dictionaries' stems and connectors behave as designed.
  const Analyzer* analyzer = nullptr;
};

struct ValidateResult {
  int passed = 0, failed = 0;
  std::vector<std::string> warnings;  // "file:line: message"
};

// Runs every validation record of the project's text files. Prints failing
// ids with expected vs coded to `out` and ends with "N passed, N failed".
// Errors: NotFoundError for a missing project/dictionary/text file, IoError
// if the report cannot be written.
StatusOr<ValidateResult> RunValidation(const ValidateOptions& options, std::ostream& out);

struct CoderOptions {
  std::string project_path;
};

// An EventCoder (core/event_coder.h) that codes every sentence of an analysed
// Document with the project's dictionaries and options: doc.mentions get the
// word range of each matched actor phrase, doc.events the verb's token range,
// the event code (in `cameo`) and source/target. name() is "tabari".
StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options);

}  // namespace sitrep::tabari

#endif  // SITREP_TABARI_VALIDATE_H_

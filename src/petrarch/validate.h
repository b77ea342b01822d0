// The PETRARCH2 validation suite as a test, and the PETRARCH2 dictionary coder
// behind `sitrep code --petrarch-dict DIR`.
//
//   ValidateOptions o;
//   o.records_path = "../shared/corpora/petrarch2/text/PETR.UnitTest.records.xml";
//   o.parse = ParseSource::kGiven;            // code the records' own <Parse> trees
//   SITREP_ASSIGN_OR_RETURN(ValidateResult r, RunValidation(o, std::cout));
//   // prints "FAIL DEMO-02: expected [...] coded [...]" lines, then "250 passed, 29 failed"
//
// Pass rule (PETRARCH's): the sorted multiset of (source, target, event)
// triples coded for a sentence equals the expected one exactly; records that
// expect `noevents` pass when nothing is coded; records that expect an error
// ("bad_input_parse", "storydiscard", "sentencediscard", "dateline") pass when
// that condition is raised. Only sentence="true" records count; a record with
// no <EventCoding> passes outright. <Config> records apply to the records after
// them (unknown options are reported in `warnings`). The dictionaries are the
// ones the file's <Environment> names, read from `dictionary_dir`.
//
// ParseSource::kOurs analyses <Text> with `analyzer` (sitrep's tokenizer,
// tagger and parser), converts each sentence's UD parse to a Penn tree with
// sitrep::treeconv and codes that: the real measure for a migrating user.
// kGiven codes the suite's <Parse>, separating coder errors from parser errors.
#ifndef SITREP_PETRARCH_VALIDATE_H_
#define SITREP_PETRARCH_VALIDATE_H_

#include <memory>
#include <ostream>
#include <string>
#include <tuple>
#include <vector>

#include "core/event_coder.h"
#include "core/status.h"
#include "petrarch/records.h"

namespace sitrep {
class Analyzer;
}

namespace sitrep::petrarch {

enum class ParseSource { kOurs, kGiven };

struct ValidateOptions {
  std::string records_path;
  std::string dictionary_dir;  // empty = "<records dir>/../dictionaries"
  ParseSource parse = ParseSource::kOurs;
  std::string report_path;             // JSON lines, one per record; empty = none
  const Analyzer* analyzer = nullptr;  // kOurs: required unless null -> created from default model
};

struct ValidateResult {
  int passed = 0, failed = 0;
  std::vector<std::string> warnings;
};

// (source, target, event) as the suites write them: ("ARN", "GON", "064").
using CodeTriple = std::tuple<std::string, std::string, std::string>;

// One record's outcome, printed and reported the same way by the PETRARCH2
// and UniversalPetrarch runners.
struct RecordOutcome {
  std::string id;
  std::string text;  // the record's text; empty = not reported
  std::vector<CodeTriple> expected;
  std::string expected_error;  // "bad_input_parse", ...; empty if none expected
  std::vector<CodeTriple> coded;
  std::string coded_error;
  bool passed = false;
};

// PETRARCH's pass rule for one record, shared by the PETRARCH2 and
// UniversalPetrarch runners: `expected` are the record's <EventCoding>s,
// `coded`/`coded_error` what the coder gave. Both lists come back sorted.
// A record with no <EventCoding> passes; one that expects an error passes
// when exactly that error is raised; `noevents` passes when nothing is coded;
// otherwise the sorted (source, target, event) lists must be equal.
RecordOutcome JudgeRecord(const std::string& id, const std::vector<ExpectedCoding>& expected,
                          std::vector<CodeTriple> coded, const std::string& coded_error);

// "[(ARN GON 064), (BREGOV --- 023)]".
std::string ShowTriples(const std::vector<CodeTriple>& triples);

// A failed record prints "FAIL <id>: expected [...], coded [...]" to `out`;
// every record writes its JSON line to `report` if that is not null:
// {"id", "text"?, "expected", "expected_error"?, "coded", "passed", "error"}.
void WriteRecordOutcome(const RecordOutcome& r, std::ostream& out, std::ostream* report);

// Prints failing ids with expected vs coded to `out`, ends with "N passed, N failed".
// Errors: NotFoundError (records or dictionaries missing), InvalidArgumentError
// (malformed records file), FailedPreconditionError (kOurs without treeconv).
StatusOr<ValidateResult> RunValidation(const ValidateOptions& options, std::ostream& out);

// `sitrep code --petrarch-dict DIR`: codes our own parse with PETRARCH2
// dictionaries (DIR holds a PETR_config.ini or the CAMEO.2.0.txt + Phoenix.*
// files). Implements core/event_coder.h (fills doc.mentions and doc.events).
struct CoderOptions {
  std::string dictionary_dir;
};
StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options);

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_VALIDATE_H_

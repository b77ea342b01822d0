// The UniversalPetrarch (UD-PETRARCH) validation suite, coded by sitrep's
// PETRARCH2-compatible coder on Penn trees built from UD parses.
//
//   UpValidateOptions o;
//   o.records_path = "../shared/corpora/universalpetrarch/validate/PETR_Validate_records_2_02.xml";
//   o.parse = ParseSource::kGiven;  // the records' own UDPipe CoNLL-U -> treeconv::ToPtb
//   UpScore score;
//   o.score = &score;
//   SITREP_ASSIGN_OR_RETURN(ValidateResult r, RunUpValidation(o, std::cout));
//   // prints "FAIL DEMO-01: expected [...] coded [...]" lines, then "N passed, N failed",
//   // then UniversalPetrarch's own tally ("UP: 244 records, 213 correct, ...").
//
// The records file is not well-formed XML (see the corpus' PROVENANCE.md); it
// is read line by line: a record starts at a line beginning "<Sentence ",
// holds one "<EventCoding .../>" per line, a <Text> and a <Parse> with
// CoNLL-U (UD v1 relation names, as UDPipe 1 wrote them), and ends at
// "</Sentence>". "<Config option=.. value=../>" lines apply to the records
// after them; "<PLEvent" lines are ignored. Only records with
// evaluate="true" whose category is listed in the <Environment>'s <Include>
// are scored. The dictionaries are the ones <Environment> names (Verbfile,
// Actorfile, Agentfile, Discardfile), read from `dictionary_dir` with the
// PETRARCH2 readers (petrarch/dictionaries.h); their warnings (lines those
// readers cannot take) come back in ValidateResult::warnings.
//
// ParseSource::kGiven codes each record's given UD parse (converted with
// treeconv::ToPtb); ParseSource::kOurs codes our own analysis of <Text>.
//
// Two scores:
//  * PETRARCH's pass rule (as petrarch::RunValidation): the sorted multiset of
//    (source, target, event) triples equals the expected one; "~" in expected
//    codes reads as "---"; `noevents` records pass when nothing is coded.
//  * UniversalPetrarch's own tally (its validation.py): a coded event whose
//    source or target is "---" is skipped; one that equals an expected triple
//    is correct; expected ones not matched are "not coded", other coded ones
//    "extra"; a noevents record with nothing coded counts one correct.
//    TP = correct / (correct + not coded), FP = extra / records.
#ifndef SITREP_PETRARCH_UP_VALIDATE_H_
#define SITREP_PETRARCH_UP_VALIDATE_H_

#include <ostream>
#include <string>

#include "core/status.h"
#include "petrarch/validate.h"

namespace sitrep::petrarch {

// UniversalPetrarch's validation.py tally over the scored records.
struct UpScore {
  int records = 0;
  int correct = 0;
  int not_coded = 0;
  int extra = 0;
  int null_coded = 0;  // coded with event code "---"
  // Records all of whose expected triples are coded and nothing extra (the
  // PETRARCH pass rule after UP's skipping of "---" sources/targets).
  int exact_records = 0;
  double TruePositiveRate() const {
    return correct + not_coded == 0 ? 0.0 : double(correct) / double(correct + not_coded);
  }
  double ExtraPerRecord() const { return records == 0 ? 0.0 : double(extra) / double(records); }
};

struct UpValidateOptions {
  std::string records_path;
  std::string dictionary_dir;  // empty = the records file's directory
  ParseSource parse = ParseSource::kGiven;
  std::string report_path;             // JSON lines, one per record; empty = none
  const Analyzer* analyzer = nullptr;  // kOurs: null = created from the default model
  UpScore* score = nullptr;            // if set, receives UniversalPetrarch's tally
};

// Errors: NotFoundError (records or dictionaries missing), IoError (report
// not writable), FailedPreconditionError (built without sitrep::treeconv).
// A record whose CoNLL-U is malformed is coded as the error
// "bad_input_parse" (and fails unless it expects that error).
StatusOr<ValidateResult> RunUpValidation(const UpValidateOptions& options, std::ostream& out);

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_UP_VALIDATE_H_

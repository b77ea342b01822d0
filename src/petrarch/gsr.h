// Agreement with PETRARCH2's own output on real wire text.
//
// UniversalPetrarch's PETR2_GSR_validation.xml records what PETRARCH2 coded
// (CAMEO.2.0.txt + Phoenix.*) for the sentences of GigaWord.sample.PETR.xml.
// CompareWithGsr codes the records file (options.records_path, with
// options.parse and options.dictionary_dir) and compares, sentence by
// sentence, the sorted multisets of (source, target, code):
//
//   ValidateOptions o;
//   o.records_path = ".../petrarch2/text/GigaWord.sample.PETR.xml";
//   o.dictionary_dir = ".../petrarch2/dictionaries";
//   o.parse = ParseSource::kGiven;
//   SITREP_ASSIGN_OR_RETURN(GsrComparison c, CompareWithGsr(".../PETR2_GSR_validation.xml", o));
//   // c.same of c.compared sentences agree; c.differences lists the others:
//   // "GOLD-8: PETRARCH2 (IGOUNOMIL SYR 080) | ours (IGOUNOMIL SYR 0874)"
//
// Records are paired by their words (letters and digits, case-folded; the
// <Text>, or the words of the parse where <Text> is empty), because some ids of
// the two files name edited or different sentences ("GOLD_5", "NEG_0") or two
// sentences ("GOLD_9"). The pairing by id ('_' = '-') is also counted.
//
// Errors: NotFoundError (a file missing), and those of RunValidation.
#ifndef SITREP_PETRARCH_GSR_H_
#define SITREP_PETRARCH_GSR_H_

#include <string>
#include <vector>

#include "core/status.h"
#include "petrarch/validate.h"

namespace sitrep::petrarch {

struct GsrComparison {
  int gold_records = 0;  // <Sentence> records in the GSR file
  int compared = 0;      // paired with a record of the same words
  int same = 0;          // ... and coded identically
  int compared_by_id = 0, same_by_id = 0;
  std::vector<std::string> differences;  // "ID: PETRARCH2 (S T C) ... | ours (S T C) ..."
  std::vector<std::string> not_found;    // GSR ids with no record of the same words
};

StatusOr<GsrComparison> CompareWithGsr(const std::string& gsr_path, ValidateOptions options);

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_GSR_H_

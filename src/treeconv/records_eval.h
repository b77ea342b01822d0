// Measures ToPtb against the CoreNLP-style parses of a PETRARCH records file.
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));
//   SITREP_ASSIGN_OR_RETURN(RecordsEvalResult r,
//                           EvaluateOnRecords(*analyzer, {.records_path = path}, &std::cerr));
//   // r.brackets.F1(), r.top_split_matches / r.scored
//
// Each record's <Text> goes through our own analyzer (tokenize, tag, parse),
// then ToPtb; the result is scored against the record's <Parse> with
// CompareBrackets (labelled brackets, punctuation ignored) and TopSplit.
// Records whose parse is not a Penn tree, or whose words differ from the text
// (PETRARCH2's files have a few such records), are counted and skipped.
#ifndef SITREP_TREECONV_RECORDS_EVAL_H_
#define SITREP_TREECONV_RECORDS_EVAL_H_

#include <ostream>
#include <string>

#include "core/status.h"
#include "pipeline/analyzer.h"
#include "treeconv/ptb_eval.h"
#include "treeconv/to_ptb.h"

namespace sitrep::treeconv {

struct RecordsEvalOptions {
  std::string records_path;
  // Only records with sentence="true" (or evaluate="true").
  bool sentences_only = true;
  // Write "id F1 gold test" and both trees for each record to `details`.
  bool verbose = false;
};

struct RecordsEvalResult {
  int records = 0;        // records read (after the sentence filter)
  int scored = 0;         // records scored
  int bad_gold = 0;       // gold parse not a Penn tree
  int word_mismatch = 0;  // text and parse spell different words
  int exact = 0;          // all brackets right
  int top_split_matches = 0;
  BracketScore brackets;  // summed over scored records
  ConversionNotes notes;  // what ToPtb changed, summed over all converted sentences
};

// NotFoundError/InvalidArgumentError if the records file cannot be read.
StatusOr<RecordsEvalResult> EvaluateOnRecords(const Analyzer& analyzer,
                                              const RecordsEvalOptions& options,
                                              std::ostream* details);

// The converter alone: converts the UD parses (CoNLL-U in <Parse>) of
// `ud_records_path` and scores them against the Penn parses of the records
// with the same <Text> in `options.records_path` (UniversalPetrarch's
// PETR.UnitTest.records.parsing_parsed.xml holds CoreNLP's own trees
// converted to UD, so this measures how well ToPtb inverts that conversion).
StatusOr<RecordsEvalResult> EvaluateConversion(const std::string& ud_records_path,
                                               const RecordsEvalOptions& options,
                                               std::ostream* details);

}  // namespace sitrep::treeconv

#endif  // SITREP_TREECONV_RECORDS_EVAL_H_

#include "treeconv/records_eval.h"

#include <cstdio>

#include "treeconv/petr_records.h"
#include "treeconv/to_ptb.h"

namespace sitrep::treeconv {

StatusOr<RecordsEvalResult> EvaluateOnRecords(const Analyzer& analyzer,
                                              const RecordsEvalOptions& options,
                                              std::ostream* details) {
  SITREP_ASSIGN_OR_RETURN(std::vector<PetrRecord> records, ReadPetrRecords(options.records_path));
  RecordsEvalResult result;
  for (const PetrRecord& r : records) {
    if (options.sentences_only && !r.IsSentence()) continue;
    ++result.records;
    StatusOr<PtbTree> gold = ParsePtb(r.parse);
    if (!gold.ok()) {
      ++result.bad_gold;
      if (details) *details << r.id << "\tBAD-GOLD\t" << gold.status().ToString() << "\n";
      continue;
    }
    Document doc;
    doc.id = r.id;
    doc.text = r.text;
    Status st = analyzer.Analyze(doc);
    if (!st.ok()) return st.WithContext(r.id);
    std::string ours;
    if (doc.sentences.size() == 1) {
      ours = ToPtb(doc, 0);
    } else {
      // Several sentences by our splitter: one ROOT over their trees.
      ours = "(ROOT";
      for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
        const std::string t = ToPtb(doc, i);
        ours += " " + t.substr(6, t.size() - 7);  // strip "(ROOT " and ")"
      }
      ours += ")";
    }
    StatusOr<PtbTree> test = ParsePtb(ours);
    if (!test.ok()) return test.status().WithContext(r.id + ": our own tree");
    StatusOr<BracketScore> score = CompareBrackets(*gold, *test);
    if (!score.ok()) {
      ++result.word_mismatch;
      if (details) *details << r.id << "\tWORDS\t" << score.status().message() << "\n";
      continue;
    }
    ++result.scored;
    result.brackets.Add(*score);
    if (score->matched == score->gold && score->matched == score->test) ++result.exact;
    const bool split = TopSplit(*gold) == TopSplit(*test);
    if (split) ++result.top_split_matches;
    if (details && options.verbose) {
      char f1[32];
      std::snprintf(f1, sizeof f1, "%.3f", score->F1());
      *details << r.id << "\tF1=" << f1 << "\tsplit=" << (split ? "yes" : "no") << "\n"
               << "  gold: " << WritePtb(*gold) << "\n"
               << "  ours: " << ours << "\n"
               << "  gold split: " << TopSplit(*gold) << "\n"
               << "  ours split: " << TopSplit(*test) << "\n";
    }
  }
  return result;
}

}  // namespace sitrep::treeconv

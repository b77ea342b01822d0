#include "treeconv/records_eval.h"

#include <cstdio>
#include <map>

#include "treeconv/petr_records.h"
#include "treeconv/to_ptb.h"

namespace sitrep::treeconv {

namespace {

void Score(const std::string& id, const PtbTree& gold, const std::string& ours,
           const RecordsEvalOptions& options, std::ostream* details, RecordsEvalResult& result) {
  StatusOr<PtbTree> test = ParsePtb(ours);
  if (!test.ok()) {
    ++result.word_mismatch;  // cannot happen for ToPtb output; counted, not fatal
    if (details) *details << id << "\tBAD-OURS\t" << test.status().ToString() << "\n";
    return;
  }
  StatusOr<BracketScore> score = CompareBrackets(gold, *test);
  if (!score.ok()) {
    ++result.word_mismatch;
    if (details) *details << id << "\tWORDS\t" << score.status().message() << "\n";
    return;
  }
  ++result.scored;
  result.brackets.Add(*score);
  if (score->matched == score->gold && score->matched == score->test) ++result.exact;
  const bool split = TopSplit(gold) == TopSplit(*test);
  if (split) ++result.top_split_matches;
  if (details && options.verbose) {
    char f1[32];
    std::snprintf(f1, sizeof f1, "%.3f", score->F1());
    *details << id << "\tF1=" << f1 << "\tsplit=" << (split ? "yes" : "no") << "\n"
             << "  gold: " << WritePtb(gold) << "\n"
             << "  ours: " << ours << "\n"
             << "  gold split: " << TopSplit(gold) << "\n"
             << "  ours split: " << TopSplit(*test) << "\n";
  }
}

void AddNotes(const ConversionNotes& n, ConversionNotes& total) {
  total.reattached += n.reattached;
  total.lifted += n.lifted;
  total.subjects_merged += n.subjects_merged;
  total.clauses_repaired += n.clauses_repaired;
  total.reports_raised += n.reports_raised;
}

// One ROOT over the trees of all sentences of a document.
std::string DocumentPtb(const Document& doc, ConversionNotes& total) {
  ConversionNotes notes;
  if (doc.sentences.size() == 1) {
    std::string out = ToPtb(doc, 0, &notes);
    AddNotes(notes, total);
    return out;
  }
  std::string ours = "(ROOT";
  for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
    const std::string t = ToPtb(doc, i, &notes);
    AddNotes(notes, total);
    ours += " " + t.substr(6, t.size() - 7);  // strip "(ROOT " and ")"
  }
  ours += ")";
  return ours;
}

}  // namespace

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
    const std::string ours = DocumentPtb(doc, result.notes);
    Score(r.id, *gold, ours, options, details, result);
  }
  return result;
}

StatusOr<RecordsEvalResult> EvaluateConversion(const std::string& ud_records_path,
                                               const RecordsEvalOptions& options,
                                               std::ostream* details) {
  SITREP_ASSIGN_OR_RETURN(std::vector<PetrRecord> gold_records,
                          ReadPetrRecords(options.records_path));
  SITREP_ASSIGN_OR_RETURN(std::vector<PetrRecord> ud_records, ReadPetrRecords(ud_records_path));
  // Records are matched by their text (UniversalPetrarch renumbered some ids).
  std::map<std::string, const PetrRecord*> by_text;
  for (const PetrRecord& r : ud_records) {
    if (!options.sentences_only || r.IsSentence()) by_text.emplace(r.text, &r);
  }
  RecordsEvalResult result;
  for (const PetrRecord& g : gold_records) {
    if (options.sentences_only && !g.IsSentence()) continue;
    auto it = by_text.find(g.text);
    if (it == by_text.end()) continue;
    ++result.records;
    StatusOr<PtbTree> gold = ParsePtb(g.parse);
    if (!gold.ok()) {
      ++result.bad_gold;
      continue;
    }
    StatusOr<Document> doc = DocumentFromRecordConllu(it->second->parse_raw);
    if (!doc.ok()) {
      ++result.bad_gold;
      if (details) *details << g.id << "\tBAD-UD\t" << doc.status().ToString() << "\n";
      continue;
    }
    Score(g.id, *gold, DocumentPtb(*doc, result.notes), options, details, result);
  }
  return result;
}

}  // namespace sitrep::treeconv

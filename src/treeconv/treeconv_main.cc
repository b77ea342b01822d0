// sitrep_treeconv_tool: developer tool for the UD -> Penn converter.
//
//   sitrep_treeconv_tool text < article.txt        # analyse, print one Penn tree per sentence
//   sitrep_treeconv_tool conllu FILE                # convert given UD parses (no analysis)
//   sitrep_treeconv_tool eval [RECORDS.xml] [-v]    # our parse of <Text> vs the records' <Parse>
//   sitrep_treeconv_tool eval-conv [UD_RECORDS.xml] [--gold RECORDS.xml] [-v]
//                                               # given UD parses vs PETRARCH2's trees
#include <cstdio>
#include <iostream>
#include <iterator>
#include <string>

#include "core/conllu.h"
#include "core/paths.h"
#include "pipeline/analyzer.h"
#include "treeconv/records_eval.h"
#include "treeconv/to_ptb.h"

namespace {

void PrintResult(const sitrep::treeconv::RecordsEvalResult& r) {
  std::printf(
      "records %d scored %d (bad gold %d, different words %d)\n"
      "brackets gold %lld ours %lld matched %lld: P %.4f R %.4f F1 %.4f\n"
      "exact trees %d (%.1f%%), top-level split matches %d (%.1f%%)\n",
      r.records, r.scored, r.bad_gold, r.word_mismatch, (long long)r.brackets.gold,
      (long long)r.brackets.test, (long long)r.brackets.matched, r.brackets.Precision(),
      r.brackets.Recall(), r.brackets.F1(), r.exact, r.scored ? 100.0 * r.exact / r.scored : 0.0,
      r.top_split_matches, r.scored ? 100.0 * r.top_split_matches / r.scored : 0.0);
  std::printf(
      "conversion changed: %d heads reattached, %d arcs lifted, %d subjects merged, %d clauses "
      "repaired, %d reporting clauses raised\n",
      r.notes.reattached, r.notes.lifted, r.notes.subjects_merged, r.notes.clauses_repaired,
      r.notes.reports_raised);
}

int Usage() {
  std::cerr << "usage: sitrep_treeconv_tool text < FILE | conllu FILE | eval [RECORDS.xml] [-v] | "
               "eval-conv [UD_RECORDS.xml] [-v]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sitrep;
  if (argc < 2) return Usage();
  const std::string mode = argv[1];
  if (mode == "conllu") {
    if (argc < 3) return Usage();
    auto sents = ReadConllu(argv[2]);
    if (!sents.ok()) {
      std::cerr << sents.status().ToString() << "\n";
      return 1;
    }
    Document doc = DocumentFromConllu(*sents, /*keep_annotation=*/true);
    for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
      std::cout << treeconv::ToPtb(doc, i) << "\n";
    }
    return 0;
  }
  if (mode == "eval-conv") {
    treeconv::RecordsEvalOptions opts;
    const std::string corpora = SITREP_CORPORA_DIR;
    opts.records_path = corpora + "/petrarch2/text/PETR.UnitTest.records.xml";
    std::string ud =
        corpora + "/universalpetrarch/data/text/PETR.UnitTest.records.parsing_parsed.xml";
    for (int i = 2; i < argc; ++i) {
      const std::string a = argv[i];
      if (a == "-v") {
        opts.verbose = true;
      } else if (a == "--gold" && i + 1 < argc) {
        opts.records_path = argv[++i];
      } else {
        ud = a;
      }
    }
    auto r = treeconv::EvaluateConversion(ud, opts, &std::cout);
    if (!r.ok()) {
      std::cerr << r.status().ToString() << "\n";
      return 1;
    }
    PrintResult(*r);
    return 0;
  }
  auto analyzer = Analyzer::Create({});
  if (!analyzer.ok()) {
    std::cerr << analyzer.status().ToString() << "\n";
    return 1;
  }
  if (mode == "text") {
    Document doc;
    doc.text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    Status st = (*analyzer)->Analyze(doc);
    if (!st.ok()) {
      std::cerr << st.ToString() << "\n";
      return 1;
    }
    for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
      std::cout << treeconv::ToPtb(doc, i) << "\n";
    }
    return 0;
  }
  if (mode == "eval") {
    treeconv::RecordsEvalOptions opts;
    opts.records_path =
        std::string(SITREP_CORPORA_DIR) + "/petrarch2/text/PETR.UnitTest.records.xml";
    for (int i = 2; i < argc; ++i) {
      const std::string a = argv[i];
      if (a == "-v") {
        opts.verbose = true;
      } else {
        opts.records_path = a;
      }
    }
    auto r = treeconv::EvaluateOnRecords(**analyzer, opts, &std::cout);
    if (!r.ok()) {
      std::cerr << r.status().ToString() << "\n";
      return 1;
    }
    PrintResult(*r);
    return 0;
  }
  return Usage();
}

// ToPtb on our own parse of the PETRARCH2 unit-test records, scored against
// their CoreNLP-style trees (see README.md for the figures).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "treeconv/records_eval.h"

namespace sitrep::treeconv {
namespace {

const std::string kCorpora = SITREP_CORPORA_DIR;
const std::string kRecords = kCorpora + "/petrarch2/text/PETR.UnitTest.records.xml";
const std::string kUdRecords =
    kCorpora + "/universalpetrarch/data/text/PETR.UnitTest.records.parsing_parsed.xml";
const std::string kUdpipeRecords =
    kCorpora + "/universalpetrarch/validate/PETR_Validate_records_2_02.xml";

TEST(TreeconvCorpusTest, OurParseAgainstPetrarchTrees) {
  if (!std::filesystem::exists(kRecords)) GTEST_SKIP() << "corpus absent: " << kRecords;
  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto r = EvaluateOnRecords(**analyzer, {.records_path = kRecords}, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << "scored " << r->scored << " of " << r->records << ": F1 " << r->brackets.F1()
            << ", top-level split " << r->top_split_matches << "\n";
  EXPECT_EQ(r->records, 279);
  EXPECT_GE(r->scored, 260);
  EXPECT_GT(r->brackets.F1(), 0.80);
  EXPECT_GT(r->top_split_matches, r->scored * 85 / 100);
}

TEST(TreeconvCorpusTest, CoreNlpUdBackToTrees) {
  if (!std::filesystem::exists(kRecords) || !std::filesystem::exists(kUdRecords)) {
    GTEST_SKIP() << "corpus absent: " << kUdRecords;
  }
  auto r = EvaluateConversion(kUdRecords, {.records_path = kRecords}, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << "scored " << r->scored << ": F1 " << r->brackets.F1() << "\n";
  EXPECT_GE(r->scored, 260);
  EXPECT_GT(r->brackets.F1(), 0.68);
}

// UDPipe's parses of the same sentences (UniversalPetrarch's suite), matched
// by text: the converter on a parser other than ours.
TEST(TreeconvCorpusTest, UdpipeUdToTrees) {
  if (!std::filesystem::exists(kRecords) || !std::filesystem::exists(kUdpipeRecords)) {
    GTEST_SKIP() << "corpus absent: " << kUdpipeRecords;
  }
  auto r = EvaluateConversion(kUdpipeRecords, {.records_path = kRecords}, nullptr);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << "scored " << r->scored << ": F1 " << r->brackets.F1() << "\n";
  EXPECT_GE(r->scored, 200);
  EXPECT_GT(r->brackets.F1(), 0.82);
}

}  // namespace
}  // namespace sitrep::treeconv

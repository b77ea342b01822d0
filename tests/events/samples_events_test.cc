// sitrep's own event coder (src/events) on the 12 sample articles, scored
// against the golden expected events in samples/expected/ (see
// events_gold.h). Prints the per-article table and every difference, and
// fails when the micro-averaged figures drop below the floors below.
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "events/coder.h"
#include "events_gold.h"
#include "io/reader.h"
#include "pipeline/analyzer.h"

namespace sitrep::events_gold {
namespace {

namespace fs = std::filesystem;

// Floors on the micro-averaged figures, a little below (about 0.04) what the
// coder reached when they were last measured, so that a regression fails the
// test. Measured 2026-11-25 12:42 UTC (tree at 03aa642): trigP 0.85, trigR
// 0.95, root 0.96, code 0.88, source 0.86, target 0.72, triple F1 0.52 (142
// gold, 159 coded, 135 matched). Raise them when the coder improves; lower them
// only with a reason in the commit message. The coder's rules were developed
// while looking at these articles: the figures are a development-set score.
struct Floors {
  double trigger_precision, trigger_recall, root_agreement, code_agreement, source_agreement,
      target_agreement, triple_f1;
};
constexpr Floors kFloors = {
    .trigger_precision = 0.81,
    .trigger_recall = 0.91,
    .root_agreement = 0.92,
    .code_agreement = 0.84,
    .source_agreement = 0.82,
    .target_agreement = 0.68,
    .triple_f1 = 0.48,
};

TEST(SamplesEventsTest, CoderMeetsTheFloorsOnTheSampleArticles) {
  const fs::path samples = fs::path(SITREP_SOURCE_DIR) / "samples";
  const fs::path expected = samples / "expected";
  if (!fs::is_directory(expected)) GTEST_SKIP() << "no " << expected;
  auto coder = events::CreateCoder({});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  // As `sitrep code` runs it: the coder's headline verbs reach the tagger.
  AnalyzerOptions options;
  options.coder = coder->get();
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  // The JSON Lines copy carries the story dates, which actor codes depend on
  // (the Taliban are AFGINSTAL in 2019); its text and offsets equal the .txt files'.
  auto reader = DocumentReader::Create({(samples / "jsonl" / "articles.jsonl").string()}, {});
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();

  std::vector<ArticleScore> scores;
  ArticleScore total;
  while (auto r = (*reader)->Next()) {
    ASSERT_TRUE(r->status.ok()) << r->status.ToString();
    Document& doc = *r->doc;
    StatusOr<GoldFile> gold = ReadGoldFile((expected / (doc.id + ".events")).string());
    ASSERT_TRUE(gold.ok()) << gold.status().ToString();
    ResolveTriggers(doc, *gold);
    EXPECT_TRUE(gold->warnings.empty()) << gold->warnings[0];
    Status coded = (*analyzer)->Analyze(doc);
    ASSERT_TRUE(coded.ok()) << doc.id << ": " << coded.ToString();
    ArticleScore s = ScoreArticle(doc, *gold);
    total.Add(s);
    scores.push_back(std::move(s));
  }
  ASSERT_EQ(scores.size(), 12u);
  std::cout << FormatTable(scores, total) << "errors: " << FormatErrorCounts(CountErrors(scores))
            << "\n"
            << FormatDifferences(scores);

  EXPECT_GE(total.TriggerPrecision(), kFloors.trigger_precision);
  EXPECT_GE(total.TriggerRecall(), kFloors.trigger_recall);
  EXPECT_GE(total.RootAgreement(), kFloors.root_agreement);
  EXPECT_GE(total.CodeAgreement(), kFloors.code_agreement);
  EXPECT_GE(total.SourceAgreement(), kFloors.source_agreement);
  EXPECT_GE(total.TargetAgreement(), kFloors.target_agreement);
  EXPECT_GE(total.TripleF1(), kFloors.triple_f1);
}

}  // namespace
}  // namespace sitrep::events_gold

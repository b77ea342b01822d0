// Slow: trains tagger + jackknifed parser on UD English EWT and checks the
// parser's targets on EWT test with predicted tags (CoNLL 2018 convention:
// punctuation included, LAS on the universal part of the label).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/conllu.h"
#include "parse/jackknife.h"
#include "parse/parser.h"
#include "parse/parser_train.h"
#include "tag/tagger.h"

namespace sitrep {
namespace {

TEST(ParserEwt, ReachesTargetsWithPredictedTags) {
  const std::string dir = std::string(SITREP_CORPORA_DIR) + "/ud-english-ewt/";
  if (!std::filesystem::exists(dir + "en_ewt-ud-train.conllu")) {
    GTEST_SKIP() << "UD English EWT not found in " << dir << " (SITREP_CORPORA_DIR)";
  }
  auto train = ReadConllu(dir + "en_ewt-ud-train.conllu");
  auto dev = ReadConllu(dir + "en_ewt-ud-dev.conllu");
  auto test = ReadConllu(dir + "en_ewt-ud-test.conllu");
  ASSERT_TRUE(train.ok() && dev.ok() && test.ok());

  auto tagger = TrainTagger(*train, *dev, {}, nullptr);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  auto dev_tagged = RetagSentences(**tagger, *dev);
  auto test_tagged = RetagSentences(**tagger, *test);
  auto jack = MakeParserTrainingSet(*train, *dev, {}, nullptr);
  ASSERT_TRUE(jack.ok()) << jack.status().ToString();

  const auto start = std::chrono::steady_clock::now();
  auto parser = TrainParser(*jack, dev_tagged, {}, nullptr);
  ASSERT_TRUE(parser.ok()) << parser.status().ToString();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("parser training: %.0f s\n", seconds);  // reported, not asserted

  const std::string bytes = (*parser)->Serialize();
  EXPECT_LE(bytes.size(), 25u * 1000 * 1000);
  auto loaded = Parser::Load(bytes);
  ASSERT_TRUE(loaded.ok());

  ParserScores s = EvaluateParser(**loaded, test_tagged, *test);
  std::printf("EWT test, predicted tags: UAS %.2f LAS %.2f LAS(full) %.2f (%zu words)\n", s.uas,
              s.las_universal, s.las, s.words);
  EXPECT_GE(s.uas, 85.0);
  EXPECT_GE(s.las_universal, 82.0);
}

}  // namespace
}  // namespace sitrep

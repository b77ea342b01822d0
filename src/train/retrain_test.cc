// Slow: retrains the whole model from ../shared/corpora/ud-english-ewt with
// the committed options and checks that its scores on EWT test are within
// 0.3 points of the committed model's (training is deterministic, so they are
// normally identical; the test also reports whether the bytes are).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "pipeline/analyzer.h"
#include "pipeline/evaluate.h"
#include "train/trainer.h"

namespace sitrep {
namespace {

TEST(RetrainTest, RetrainedModelMatchesCommittedScores) {
  std::string corpus = std::string(SITREP_CORPORA_DIR) + "/ud-english-ewt";
  if (!std::filesystem::exists(corpus + "/en_ewt-ud-train.conllu")) {
    GTEST_SKIP() << "corpus absent: " << corpus;
  }
  TrainOptions opt;
  opt.corpus_dir = corpus;
  auto model = TrainModel(opt, &std::cerr);
  ASSERT_TRUE(model.ok()) << model.status().ToString();
  std::string fresh = ::testing::TempDir() + "/retrained.sitrep";
  ASSERT_TRUE(WriteModelFile(fresh, *model).ok());
  std::string committed = std::string(SITREP_SOURCE_DIR) + "/models/en_ewt.sitrep";
  auto committed_bytes = ReadFileToString(committed);
  ASSERT_TRUE(committed_bytes.ok());
  std::printf("retrained model is %s the committed one\n",
              model->Serialize() == *committed_bytes ? "byte-identical to" : "DIFFERENT from");

  auto gold = ReadConllu(corpus + "/en_ewt-ud-test.conllu");
  ASSERT_TRUE(gold.ok());
  auto score = [&](const std::string& path) {
    AnalyzerOptions ao;
    ao.model_path = path;
    auto a = Analyzer::Create(ao);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return EvaluateGoldTokenization(**a, *gold);
  };
  EvalScores a = score(committed), b = score(fresh);
  std::printf("committed: UPOS %.2f UAS %.2f LAS %.2f\n", 100 * a.upos, 100 * a.uas, 100 * a.las);
  std::printf("retrained: UPOS %.2f UAS %.2f LAS %.2f\n", 100 * b.upos, 100 * b.uas, 100 * b.las);
  EXPECT_NEAR(100 * a.upos, 100 * b.upos, 0.3);
  EXPECT_NEAR(100 * a.uas, 100 * b.uas, 0.3);
  EXPECT_NEAR(100 * a.las, 100 * b.las, 0.3);
}

}  // namespace
}  // namespace sitrep

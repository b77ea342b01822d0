// Slow: trains on UD English EWT and checks the accuracy on its test set.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>

#include "tag/tagger.h"

namespace sitrep {
namespace {

TEST(TaggerEwtTest, TestUposAtLeast95) {
  const std::string dir = std::string(SITREP_CORPORA_DIR) + "/ud-english-ewt/en_ewt-ud-";
  if (!std::ifstream(dir + "train.conllu")) {
    GTEST_SKIP() << "UD English EWT not found under " << SITREP_CORPORA_DIR
                 << "/ud-english-ewt; skipping the tagger accuracy test";
  }
  auto train = ReadConllu(dir + "train.conllu");
  auto dev = ReadConllu(dir + "dev.conllu");
  auto test = ReadConllu(dir + "test.conllu");
  ASSERT_TRUE(train.ok() && dev.ok() && test.ok());
  auto tagger = TrainTagger(*train, *dev, {}, &std::cerr);
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  TaggerScores s = EvaluateTagger(**tagger, *test);
  std::cerr << "EWT test: UPOS " << s.upos << " XPOS " << s.xpos << " lemma " << s.lemma << " over "
            << s.tokens << " words\n";
  EXPECT_GE(s.upos, 95.0);
  EXPECT_GE(s.xpos, 94.0);
  EXPECT_GE(s.lemma, 96.0);
  EXPECT_LT((*tagger)->Serialize().size(), 10u << 20);
}

}  // namespace
}  // namespace sitrep

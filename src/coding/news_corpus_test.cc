#include "coding/news_corpus.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(NewsCorpusTest, RecordTextsAreDecodedAndCollapsed) {
  auto texts = PetrarchRecordTexts(
      "<Sentence><Text>\n  Rebels &amp; troops\n  clashed.\n</Text></Sentence>"
      "<Sentence><Text></Text></Sentence><Text>unclosed");
  ASSERT_EQ(texts.size(), 1u);
  EXPECT_EQ(texts[0], "Rebels & troops clashed.");
}

TEST(NewsCorpusTest, HeadlinesSplitOnSemicolonsAndHonourQuotes) {
  auto h = UcdpHeadlines(
      "\"id\",\"source_headline\",\"x\"\n"
      "1,\"Army says \"\"20 killed\"\"; Rebels deny, again\",z\n"
      "2,,z\n");
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_EQ(h->size(), 2u);
  EXPECT_EQ((*h)[0], "Army says \"20 killed\"");
  EXPECT_EQ((*h)[1], "Rebels deny, again");
}

TEST(NewsCorpusTest, MissingColumnIsAnError) {
  EXPECT_FALSE(UcdpHeadlines("a,b\n1,2\n").ok());
  EXPECT_FALSE(UcdpHeadlines("").ok());
}

}  // namespace
}  // namespace sitrep

#include "petrarch/ptb.h"

#include <gtest/gtest.h>

#include <random>

namespace sitrep::petrarch {
namespace {

TEST(PtbTest, ReadsCoreNlpTree) {
  auto t = ParsePtb("(ROOT (S (NP (NNP Arnor)) \n (VP (VBD left)\n) (. .)))");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->nodes[t->root].label, "ROOT");
  std::vector<int> leaves = t->Leaves();
  ASSERT_EQ(leaves.size(), 3u);
  EXPECT_EQ(t->nodes[leaves[0]].label, "NNP");
  EXPECT_EQ(t->nodes[leaves[0]].word, "Arnor");
  EXPECT_EQ(t->nodes[leaves[1]].word, "left");
  EXPECT_EQ(t->nodes[t->nodes[leaves[1]].parent].label, "VP");
  EXPECT_EQ(t->ToString(), "(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))");
}

TEST(PtbTest, BareRootGetsRootLabel) {
  auto t = ParsePtb("( (S (NP (PRP it)) (VP (VBZ works))))");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->nodes[t->root].label, "ROOT");
}

TEST(PtbTest, ReportsMalformedInputWithPosition) {
  // A missing "(VP" leaves one ')' too many (like the suite's ERROR-02).
  auto extra = ParsePtb("(ROOT (S (NP (NNP Arnor)) (VBZ is) (IN about))) (. .)))");
  ASSERT_FALSE(extra.ok());
  EXPECT_NE(extra.status().message().find("byte"), std::string::npos);
  // Missing ')' at the end (ERROR-03).
  EXPECT_FALSE(ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is)").ok());
  EXPECT_FALSE(ParsePtb("Arnor left").ok());                     // no brackets
  EXPECT_FALSE(ParsePtb("(ROOT (S (NP Arnor (NNP x))))").ok());  // word beside children
  EXPECT_FALSE(ParsePtb("(ROOT (S ( (NN x))))").ok());           // empty inner label
  EXPECT_FALSE(ParsePtb("(ROOT (NP))").ok());                    // empty constituent
  EXPECT_FALSE(ParsePtb("(ROOT (NN x)) (ROOT (NN y))").ok());    // two trees
  EXPECT_FALSE(ParsePtb("").ok());
  EXPECT_FALSE(ParsePtb("   \n ").ok());
}

TEST(PtbTest, DepthIsBounded) {
  std::string deep;
  for (int i = 0; i < kMaxPtbDepth + 10; ++i) deep += "(X ";
  deep += "(NN x)";
  for (int i = 0; i < kMaxPtbDepth + 10; ++i) deep += ")";
  EXPECT_FALSE(ParsePtb(deep).ok());
}

TEST(PtbTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  const std::string alphabet = "() \nNPVBSabc.,\x01\xff";
  int ok = 0;
  for (int n = 0; n < 5000; ++n) {
    std::string s;
    int len = static_cast<int>(rng() % 60);
    for (int i = 0; i < len; ++i) {
      s.push_back(n % 2 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()]);
    }
    auto t = ParsePtb(s);
    if (t.ok()) {
      ++ok;
      // Whatever parses re-parses to the same tree.
      auto again = ParsePtb(t->ToString());
      ASSERT_TRUE(again.ok()) << s;
      EXPECT_EQ(again->ToString(), t->ToString());
    }
  }
  EXPECT_LT(ok, 5000);
}

}  // namespace
}  // namespace sitrep::petrarch

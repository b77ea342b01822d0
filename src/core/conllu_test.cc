#include "core/conllu.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

constexpr char kSample[] =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# newpar id = p1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n";

TEST(ConlluTest, ParsesWordsAndMultiwordTokens) {
  auto sents = ParseConllu(kSample);
  ASSERT_TRUE(sents.ok()) << sents.status().ToString();
  ASSERT_EQ(sents->size(), 1u);
  const ConlluSentence& s = (*sents)[0];
  EXPECT_EQ(s.text, "I don't know.");
  EXPECT_TRUE(s.new_doc);
  ASSERT_EQ(s.words.size(), 5u);
  EXPECT_EQ(s.words[3].head, 0);
  EXPECT_FALSE(s.words[3].space_after);
  ASSERT_EQ(s.multiwords.size(), 1u);
  EXPECT_EQ(s.multiwords[0].form, "don't");
}

TEST(ConlluTest, DocumentSpansPointIntoRebuiltText) {
  auto sents = ParseConllu(kSample);
  ASSERT_TRUE(sents.ok());
  Document doc = DocumentFromConllu(*sents, /*keep_annotation=*/true);
  EXPECT_EQ(doc.text, "I don't know.");
  ASSERT_EQ(doc.tokens.size(), 5u);
  EXPECT_EQ(doc.Form(doc.tokens[1]), "do");
  EXPECT_EQ(doc.Form(doc.tokens[2]), "n't");
  EXPECT_EQ(doc.Slice(doc.tokens[2].begin, doc.tokens[2].end), "n't");
  EXPECT_EQ(doc.tokens[3].deprel, "root");
  std::string out = DocumentToConllu(doc);
  EXPECT_NE(out.find("4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No"), std::string::npos);
}

TEST(ConlluTest, ReportsMalformedLineNumber) {
  std::string bad = "1\tword\n\n";
  auto r = ParseConllu(bad);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 1"), std::string::npos);
  std::vector<std::string> errors;
  std::string mixed = std::string(kSample) + "1\tonly\ttwo\n\n" + kSample;
  auto lenient = ParseConllu(mixed, &errors);
  ASSERT_TRUE(lenient.ok());
  EXPECT_EQ(lenient->size(), 2u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("line 12"), std::string::npos);
}

}  // namespace
}  // namespace sitrep

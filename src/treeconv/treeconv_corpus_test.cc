// ToPtb on our own parse of the PETRARCH2 unit-test records, scored against
// their CoreNLP-style trees (see README.md for the figures).
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

#include "core/conllu.h"
#include "treeconv/ptb_eval.h"
#include "treeconv/records_eval.h"
#include "treeconv/to_ptb.h"

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

// Every gold-parsed sentence of UD English EWT (train + dev + test, 16.6k, all
// the constructions of the treebank) converts to a tree that parses back and
// spells the sentence's words in order (a reporting clause raised to the root
// once left trailing punctuation out of order), and the parse repairs meant
// for parser errors never fire on these correct parses.
TEST(TreeconvCorpusTest, EwtGoldParsesKeepTheirWords) {
  const std::string dir = kCorpora + "/ud-english-ewt/";
  if (!std::filesystem::exists(dir + "en_ewt-ud-dev.conllu"))
    GTEST_SKIP() << "corpus absent: " << dir;
  int sentences = 0;
  ConversionNotes total;
  for (const char* split : {"train", "dev", "test"}) {
    auto sents = ReadConllu(dir + "en_ewt-ud-" + split + ".conllu");
    ASSERT_TRUE(sents.ok()) << sents.status().ToString();
    Document doc = DocumentFromConllu(*sents, /*keep_annotation=*/true);
    for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
      ConversionNotes notes;
      const std::string out = ToPtb(doc, i, &notes);
      total.reattached += notes.reattached;
      total.subjects_merged += notes.subjects_merged;
      total.clauses_repaired += notes.clauses_repaired;
      EXPECT_EQ(notes.clauses_repaired + notes.subjects_merged, 0)
          << "a parse repair fired on a gold parse: " << (*sents)[i].sent_id << ": " << out;
      auto tree = ParsePtb(out);
      ASSERT_TRUE(tree.ok()) << out;
      const std::vector<std::string> words = Words(*tree);
      const Sentence& s = doc.sentences[i];
      ASSERT_EQ(words.size(), s.size()) << out;
      for (uint32_t t = 0; t < s.size(); ++t) {
        const std::string_view form = doc.Form(doc.tokens[s.token_begin + t]);
        if (form.find_first_of("()[]{} ") == std::string_view::npos) {
          ASSERT_EQ(words[t], form) << (*sents)[i].sent_id << ": " << out;
        }
      }
      ++sentences;
    }
  }
  EXPECT_GT(sentences, 16000);
  EXPECT_EQ(total.reattached, 0);  // gold trees are trees
}

}  // namespace
}  // namespace sitrep::treeconv

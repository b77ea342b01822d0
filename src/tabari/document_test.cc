// The TABARI EventCoder on a document analysed by sitrep's own pipeline
// (sentence splitting and tokens from the Analyzer), with our own small
// fictional dictionaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/analyzer.h"
#include "tabari/validate.h"

namespace sitrep::tabari {
namespace {

TEST(TabariDocumentTest, CodesEverySentenceOfAnAnalysedDocument) {
  auto analyzer = Analyzer::Create({});
  if (!analyzer.ok()) GTEST_SKIP() << "no model: " << analyzer.status().ToString();
  std::filesystem::path dir = std::filesystem::temp_directory_path() / "sitrep_tabari_doc_test";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "d.actors") << "VALORIA  [VAL]\nQUENTARA_  [QNT]\nMORVATH  [MRV]\n";
  std::ofstream(dir / "d.verbs") << "PRAISE  [041]\nCONDEMN  [122]\n- * RAIDS  [123]\n";
  std::ofstream(dir / "d.options") << "COMPLEX: NOACTPRIOR\nSET: MINIMUM WORDS = 4\n";
  std::ofstream(dir / "d.project")
      << "<actorsfile> d.actors\n<verbsfile> d.verbs\n<optionsfile> d.options\n";
  auto coder = CreateCoder({(dir / "d.project").string()});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();

  Document doc;
  doc.date = "2019-04-12";
  doc.text =
      "Valoria praised Quentara for its help on Monday. Officials in the capital were "
      "pleased. Morvath condemned the raids by Quentara on its border villages.";
  ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
  ASSERT_GE(doc.sentences.size(), 3u);
  ASSERT_TRUE((*coder)->Code(doc).ok());
  ASSERT_EQ(doc.events.size(), 2u);
  const Event& a = doc.events[0];
  EXPECT_EQ(a.cameo, "041");
  EXPECT_EQ(doc.Form(doc.tokens[a.trigger_begin]), "praised");
  EXPECT_EQ(doc.mentions[a.source].code, "VAL");
  EXPECT_EQ(doc.Form(doc.tokens[doc.mentions[a.source].token_begin]), "Valoria");
  EXPECT_EQ(doc.mentions[a.target].code, "QNT");
  const Event& b = doc.events[1];
  EXPECT_EQ(b.cameo, "123");
  EXPECT_EQ(b.sentence, 2u);
  EXPECT_EQ(doc.mentions[b.source].code, "MRV");
  EXPECT_EQ(doc.mentions[b.target].code, "QNT");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sitrep::tabari

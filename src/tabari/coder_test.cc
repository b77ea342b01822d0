#include "tabari/coder.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "tabari/validate.h"

namespace sitrep::tabari {
namespace {

// Our own small project (fictional states), written for these tests.
constexpr char kActors[] =
    "<NOUN>\nSHEEP\nGOATS\n</NOUN>\n<ADJECTIVE>\nEVIL\nGRAND\n</ADJECTIVE>\n"
    "VALORIA  [VAL]\nQUENTARA_  [QNT]\nHALVEN_ISLES  [HVN]\nMORVATH  [MRV]\n"
    "TARSIL  [TRS]\nCURSED_LEAGUE  [###]\nGLOOMBALL  [+++]\nOLDHAM  [OLD <900101] [NEW]\n";
constexpr char kAgents[] = "DEFENCE_MINISTER_  [~GOVDEF]\nPOLICE_  [~COP]\n";
constexpr char kVerbs[] =
    "PRAISE  [041]\n"
    "ACCUSE  [112]\n- + * OF SPYING BY $  [113]\n"
    "MEET  [031:031]\n- % * IN  [036]\n"
    "SAID  [010?]\n"
    "ATTACK  [190]\n- * WITH DRONES  [195]\n"
    "CONDEMN  [122]\n"
    "HELP  [070]\n"
    "CHANT  [180]\n- NEVER LA LA LA LA LA LA * [181]\n";
constexpr char kOptions[] = "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR\nSET: MINIMUM WORDS = 5\n";

class CoderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::filesystem::temp_directory_path() / "sitrep_tabari_coder_test";
    std::filesystem::create_directories(dir_);
    Write("t.actors", kActors);
    Write("t.agents", kAgents);
    Write("t.verbs", kVerbs);
    Write("t.options", kOptions);
    Write("t.project",
          "test project\n<actorsfile> t.actors\n<agentsfile> t.agents\n"
          "<verbsfile> t.verbs\n<optionsfile> t.options\n<textfile> t.text\n");
    auto p = Project::Load((dir_ / "t.project").string());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    project_ = std::move(*p).release();
  }
  static void TearDownTestSuite() {
    delete project_;
    std::filesystem::remove_all(dir_);
  }
  static void Write(const std::string& name, const std::string& content) {
    std::ofstream(dir_ / name) << content;
  }
  static std::string Events(const SentenceResult& r) {
    std::string s;
    for (const auto& e : r.events) s += e.source + "/" + e.target + "/" + e.code + " ";
    return s;
  }
  SentenceResult Code(const std::string& text, int32_t date = 20000101) {
    SentenceCoder coder(*project_);
    return coder.Code(text, date, project_->options());
  }
  static inline std::filesystem::path dir_;
  static inline Project* project_ = nullptr;
};

TEST_F(CoderTest, SubjectVerbObject) {
  EXPECT_EQ(Events(Code("Valoria praised Quentara's response to the flooding on Monday.")),
            "VAL/QNT/041 ");
}

TEST_F(CoderTest, PatternWithDesignatedActorsReversesRoles) {
  EXPECT_EQ(Events(Code("Tarsil was accused of spying by the Halven Isles on Monday.")),
            "HVN/TRS/113 ");
}

TEST_F(CoderTest, PassiveVoiceWithoutPattern) {
  EXPECT_EQ(Events(Code("Tarsil was condemned by Morvath in a statement on Monday.")),
            "MRV/TRS/122 ");
}

TEST_F(CoderTest, CompoundActorsAndPairedCodes) {
  EXPECT_EQ(Events(Code("Valoria and Tarsil will meet in the capital of Morvath next week.")),
            "VAL/TRS/036 TRS/VAL/036 ");
  EXPECT_EQ(Events(Code("Valoria and the grand Tarsil praised Morvath for its aid.")),
            "VAL/MRV/041 TRS/MRV/041 ");
}

TEST_F(CoderTest, AgentsCombineWithActors) {
  EXPECT_EQ(Events(Code("The Valoria defence minister praised Quentara police on Monday.")),
            "VALGOVDEF/QNTCOP/041 ");
}

TEST_F(CoderTest, ConjunctionSplitsClausesButNotCompoundNouns) {
  EXPECT_EQ(Events(Code("Valoria praised Quentara on Monday but Morvath condemned Tarsil.")),
            "VAL/QNT/041 MRV/TRS/122 ");
  EXPECT_EQ(Events(Code("Valoria sent sheep and goats to help Quentara after the storm.")),
            "VAL/QNT/070 ");
}

TEST_F(CoderTest, SubordinateCodeOnlyWithoutOtherEvents) {
  EXPECT_EQ(Events(Code("Valoria said Quentara had been kind during the whole crisis.")),
            "VAL/QNT/010 ");
  EXPECT_EQ(Events(Code("Valoria said it would attack Quentara with drones soon.")),
            "VAL/QNT/195 ");
}

TEST_F(CoderTest, NounAfterDeterminer) {
  // "the attack" is a noun, so the sentence's verb is "condemned".
  EXPECT_EQ(Events(Code("Morvath condemned the attack on Tarsil by rebels on Monday.")),
            "MRV/TRS/122 ");
}

TEST_F(CoderTest, CommaClauseIsDropped) {
  EXPECT_EQ(Events(Code("Valoria praised Quentara, the officials of Morvath said on Monday.")),
            "VAL/QNT/041 ");
}

TEST_F(CoderTest, DiscardComplexAndTooShort) {
  EXPECT_EQ(Code("The Cursed League praised Valoria for the match on Monday.").status,
            SentenceStatus::kDiscard);
  EXPECT_EQ(Code("Gloomball fans praised Valoria for the match on Monday.").status,
            SentenceStatus::kComplex);
  // NOACTPRIOR: no actor before the first verb.
  EXPECT_EQ(Code("Officials praised Valoria for the match on Monday.").status,
            SentenceStatus::kComplex);
  EXPECT_EQ(Code("Valoria praised Quentara.").status, SentenceStatus::kTooShort);
}

TEST_F(CoderTest, DateRestrictedCodes) {
  EXPECT_EQ(Events(Code("Oldham praised Quentara for the rescue on Monday.", 19890101)),
            "OLD/QNT/041 ");
  EXPECT_EQ(Events(Code("Oldham praised Quentara for the rescue on Monday.", 19950101)),
            "NEW/QNT/041 ");
}

// A pattern of repeated words against text of repeated words fails without
// trying every combination (the backtracking has a step budget).
TEST_F(CoderTest, PathologicalBacktrackingTerminates) {
  std::string text = "Valoria";
  for (int i = 0; i < 200; ++i) text += " la";
  text += " chanted at Quentara.";
  EXPECT_EQ(Events(Code(text)), "VAL/QNT/180 ");
}

TEST_F(CoderTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  SentenceCoder coder(*project_);
  const std::string alphabet = "Valoria Quentara praised, and the by was % $ + * ^ { } [ ] \"'.-";
  for (int i = 0; i < 3000; ++i) {
    std::string s;
    int n = static_cast<int>(rng() % 200);
    for (int k = 0; k < n; ++k)
      s += (rng() % 3 == 0) ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    SentenceResult r = coder.Code(s, 20000101, project_->options());
    for (const auto& e : r.events) EXPECT_FALSE(e.code.empty());
  }
}

TEST_F(CoderTest, EventCoderFillsMentionsAndEvents) {
  auto coder = CreateCoder({(dir_ / "t.project").string()});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  EXPECT_EQ((*coder)->name(), "tabari");
  // A hand-built analysed document: one sentence, whitespace tokens.
  Document doc;
  doc.date = "2001-02-03";
  doc.text = "Valoria praised Quentara for the rescue on Monday .";
  Sentence s;
  s.begin = 0;
  s.end = static_cast<uint32_t>(doc.text.size());
  uint32_t b = 0;
  for (uint32_t i = 0; i <= doc.text.size(); ++i) {
    if (i == doc.text.size() || doc.text[i] == ' ') {
      Token t;
      t.begin = b;
      t.end = i;
      doc.tokens.push_back(t);
      b = i + 1;
    }
  }
  s.token_end = static_cast<uint32_t>(doc.tokens.size());
  doc.sentences.push_back(s);
  ASSERT_TRUE((*coder)->Code(doc).ok());
  ASSERT_EQ(doc.events.size(), 1u);
  const Event& e = doc.events[0];
  EXPECT_EQ(e.cameo, "041");
  EXPECT_EQ(e.trigger_begin, 1u);
  ASSERT_GE(e.source, 0);
  EXPECT_EQ(doc.mentions[e.source].code, "VAL");
  EXPECT_EQ(doc.mentions[e.source].token_begin, 0u);
  EXPECT_EQ(doc.mentions[e.target].code, "QNT");
  EXPECT_EQ(doc.mentions[e.target].token_begin, 2u);
}

}  // namespace
}  // namespace sitrep::tabari

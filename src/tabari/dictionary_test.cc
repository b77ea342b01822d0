#include "tabari/dictionary.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "tabari/project.h"

namespace sitrep::tabari {
namespace {

std::string WriteTemp(const std::string& name, const std::string& content) {
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path) << content;
  return path;
}

bool Contains(const std::vector<std::string>& v, const std::string& needle) {
  for (const auto& s : v)
    if (s.find(needle) != std::string::npos) return true;
  return false;
}

TEST(PhraseTest, ConnectorsAndExactness) {
  Phrase p;
  std::string err;
  ASSERT_TRUE(ParsePhrase("TO_LET_ESCAPE", &p, &err));
  ASSERT_EQ(p.size(), 3u);
  EXPECT_TRUE(p[0].exact);
  EXPECT_TRUE(p[0].adjacent);
  EXPECT_TRUE(p[1].adjacent);
  EXPECT_FALSE(p[2].exact);
  ASSERT_TRUE(ParsePhrase("+ WAS * BY $", &p, &err));
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(p[0].kind, PhraseElem::Kind::kTarget);
  EXPECT_EQ(p[2].kind, PhraseElem::Kind::kVerb);
  EXPECT_EQ(p[4].kind, PhraseElem::Kind::kSource);
  EXPECT_FALSE(p[1].adjacent);
  ASSERT_TRUE(ParsePhrase("REAL~_PLEASANT", &p, &err));
  EXPECT_FALSE(p[0].exact);  // "~": partial match, next word adjacent
  EXPECT_TRUE(p[0].adjacent);
  ASSERT_TRUE(ParsePhrase("BAN=", &p, &err));
  EXPECT_TRUE(p[0].no_endings);
  EXPECT_FALSE(ParsePhrase("BAD{WORD", &p, &err));
}

TEST(PhraseTest, StemsAndRegularEndings) {
  PhraseElem stem{PhraseElem::Kind::kWord, "SYRI", false, false, false};
  EXPECT_TRUE(WordMatches(stem, "SYRIAN", Endings::kNoun));
  EXPECT_FALSE(WordMatches(stem, "SYRACUSE", Endings::kNoun));
  PhraseElem verb{PhraseElem::Kind::kWord, "DEPART", true, false, false};
  for (const char* w : {"DEPART", "DEPARTS", "DEPARTED", "DEPARTING", "DEPARTEN"})
    EXPECT_TRUE(WordMatches(verb, w, Endings::kVerb)) << w;
  EXPECT_FALSE(WordMatches(verb, "DEPARTX", Endings::kVerb));
  EXPECT_FALSE(WordMatches(verb, "DEPARTED", Endings::kNoun));
  PhraseElem e_final{PhraseElem::Kind::kWord, "DEPLORE", true, false, false};
  EXPECT_TRUE(WordMatches(e_final, "DEPLORED", Endings::kVerb));
  EXPECT_TRUE(WordMatches(e_final, "DEPLORING", Endings::kVerb));
  PhraseElem noun{PhraseElem::Kind::kWord, "ESTONIA", true, false, false};
  EXPECT_TRUE(WordMatches(noun, "ESTONIA'S", Endings::kNoun));
  EXPECT_FALSE(WordMatches(noun, "ESTONIAB", Endings::kNoun));
  PhraseElem fixed{PhraseElem::Kind::kWord, "BAN", true, true, false};
  EXPECT_FALSE(WordMatches(fixed, "BANS", Endings::kVerb));
}

TEST(CodeTest, VerbCodesDatesAndRestrictions) {
  VerbCode v = ParseVerbCode("032:033");
  EXPECT_EQ(v.code, "032");
  EXPECT_EQ(v.paired, "033");
  EXPECT_TRUE(ParseVerbCode("023?").subordinate);
  EXPECT_TRUE(ParseVerbCode("031!").dominant);
  EXPECT_TRUE(ParseVerbCode("---").IsNull());
  EXPECT_EQ(ParseTabariDate("950601"), 19950601);
  EXPECT_EQ(ParseTabariDate("010114"), 20010114);
  EXPECT_EQ(ParseTabariDate("20070101"), 20070101);
  EXPECT_EQ(ParseTabariDate("951301"), -1);
  EXPECT_EQ(ParseTabariDate("95x101"), -1);
  std::vector<DatedCode> codes = {{"OLD", 0, 19950601, true}, {"NEW", 0, 99999999, false}};
  EXPECT_EQ(ResolveCode(codes, 19940101), "OLD");
  EXPECT_EQ(ResolveCode(codes, 19960101), "NEW");
  EXPECT_EQ(ResolveCode({{"X", 19900101, 19901231, true}}, 19950101), "---");
}

TEST(ActorReaderTest, MalformedLinesAreReportedAndSkipped) {
  std::string path = WriteTemp("tabari_test.actors",
                               "<NOUN>\nWIDGETS_\n</NOUN>\n"
                               "VALORIA  [VAL]\n"
                               "BROKEN  [VAL\n"              // line 5: missing ]
                               "NOCODE  [ 991201-010114]\n"  // line 6: date but no code
                               "QUENTARA\n+QUENTARAN\n  [QNT < 950601]\n  [QNTGOV]\n"
                               "HALVEN_ISLES  [HVN]\n"
                               "~~FINISH\nIGNORED [IGN]\n");
  ActorDictionary d;
  ASSERT_TRUE(d.Read(path, false).ok());
  d.Finish();
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.actors:5: missing ]"));
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.actors:6: missing code"));
  ASSERT_EQ(d.entries().size(), 4u);  // VALORIA QUENTARA QUENTARAN HALVEN_ISLES
  EXPECT_EQ(d.nouns().size(), 1u);
  const ActorGroup& g = d.groups()[d.entries()[2].group];
  EXPECT_EQ(ResolveCode(g.codes, 19940101), "QNT");
  EXPECT_EQ(ResolveCode(g.codes, 19990101), "QNTGOV");
  std::remove(path.c_str());
}

TEST(AgentReaderTest, AgentCodeNeedsTilde) {
  std::string path =
      WriteTemp("tabari_test.agents", "HARBOUR_MASTER_ [~GOV]\nPOET_ [LIT]\nGUILD_ [ART~]\n");
  ActorDictionary d;
  ASSERT_TRUE(d.Read(path, true).ok());
  EXPECT_EQ(d.entries().size(), 2u);
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.agents:2: agent code without ~"));
  std::remove(path.c_str());
}

TEST(VerbReaderTest, PatternsSynsetsAndErrors) {
  std::string path = WriteTemp("tabari_test.verbs",
                               "<SYNSETS>\n&COIN\n+FLORIN\n+DUCAT_\n</SYNSETS>\n"
                               "- * ORPHAN [010]\n"  // line 6: pattern before any verb
                               "PLEDGE  [050]\n"
                               "- * &COIN [071]\n"
                               "- * { GRAIN | SALT } [073]\n"
                               "- NO STAR [111]\n"  // line 10: missing *
                               "- * LONG_DETAILED_THING [090]\n"
                               "BREAK_ [195]\n{ BROKE_ BROKEN_ }\n"
                               "MISSING CODE\n");  // line 14
  VerbDictionary d;
  ASSERT_TRUE(d.Read(path).ok());
  d.Finish();
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.verbs:6: pattern before any verb"));
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.verbs:10: missing verb marker"));
  EXPECT_TRUE(Contains(d.warnings(), "tabari_test.verbs:14: missing ["));
  ASSERT_EQ(d.roots().size(), 2u);
  const VerbRoot& pledge = d.roots()[0];
  ASSERT_EQ(pledge.patterns.size(), 5u);           // 2 synset + 2 alternatives + 1
  EXPECT_EQ(pledge.patterns[0].code.code, "090");  // longest first
  EXPECT_EQ(d.forms().size(), 4u);                 // PLEDGE BREAK_ BROKE_ BROKEN_
  std::remove(path.c_str());
}

TEST(VerbReaderTest, ExplodingAlternativesAreCapped) {
  std::string body = "- *";
  for (int g = 0; g < 6; ++g) body += " { A | B | C | D | E | F | G | H | I | J }";
  std::string path = WriteTemp("tabari_explode.verbs", "BOOM [010]\n" + body + " [011]\n");
  VerbDictionary d;
  ASSERT_TRUE(d.Read(path).ok());  // 10^6 combinations: capped, not expanded
  EXPECT_LE(d.roots()[0].patterns.size(), 4096u);
  EXPECT_TRUE(Contains(d.warnings(), "tabari_explode.verbs:2: pattern has too many alternatives"));
  std::remove(path.c_str());
}

TEST(OptionsTest, CommandsAndUnknownOptions) {
  Options o;
  std::string err;
  EXPECT_TRUE(ApplyOptionLine("COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN", &o, &err));
  EXPECT_EQ(o.complex_verbs, 5);
  EXPECT_TRUE(o.no_act_prior);
  EXPECT_TRUE(
      ApplyOptionLine("COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8", &o, &err));
  EXPECT_EQ(o.comma_bmax, 8);
  EXPECT_TRUE(ApplyOptionLine("COMMA: OFF", &o, &err));
  EXPECT_FALSE(o.comma_on);
  EXPECT_TRUE(ApplyOptionLine("DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER", &o, &err));
  EXPECT_EQ(o.default_source, "DEFSRC");
  EXPECT_TRUE(o.default_prior && o.default_after);
  EXPECT_TRUE(ApplyOptionLine("DEFAULT: OFF", &o, &err));
  EXPECT_TRUE(o.default_source.empty());
  EXPECT_TRUE(ApplyOptionLine("SET: CODE BY SENTENCE", &o, &err));
  EXPECT_EQ(o.code_by, Options::CodeBy::kSentence);
  EXPECT_TRUE(ApplyOptionLine("SET: MINIMUM WORDS = 4", &o, &err));
  EXPECT_EQ(o.min_words, 4);
  EXPECT_TRUE(ApplyOptionLine("// a comment", &o, &err));
  EXPECT_FALSE(ApplyOptionLine("SET: FLUX CAPACITOR = TRUE", &o, &err));
  EXPECT_NE(err.find("FLUX"), std::string::npos);
  EXPECT_FALSE(ApplyOptionLine("FROBNICATE: NOW", &o, &err));
  EXPECT_FALSE(ApplyOptionLine("COMPLEX: VERBS[x]", &o, &err));
  EXPECT_EQ(o.complex_verbs, 5);  // unchanged after an error
}

TEST(OptionsTest, FileWarningsHaveLineNumbers) {
  std::string path = WriteTemp("tabari_test.options", "SET: LABEL = TRUE\nWHATEVER: 1\n");
  Options o;
  std::vector<std::string> w;
  ASSERT_TRUE(ReadOptionsFile(path, &o, &w).ok());
  EXPECT_TRUE(Contains(w, "tabari_test.options:2: unknown option command"));
  std::remove(path.c_str());
}

TEST(RecordsTest, HeadersContinuationsAndComments) {
  auto recs = ParseTextRecords(
      "# banner\n\n950101  TEST-01\nValoria thanked Quentara after a\n"
      "12-year rift.\n/* note\n\\n{ VAL / QNT / 041 } */\n\n"
      "950102 TEST-02\nSecond record./* { --- } */\n");
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].id, "TEST-01");
  EXPECT_EQ(recs[0].date, 19950101);
  EXPECT_EQ(recs[0].text, "Valoria thanked Quentara after a 12-year rift.");
  EXPECT_NE(recs[0].comment.find("{ VAL / QNT / 041 }"), std::string::npos);
  EXPECT_EQ(recs[1].text, "Second record.");
  EXPECT_EQ(RecordDate("9501201", false), 19950120);   // first six digits
  EXPECT_EQ(RecordDate("186010029", true), 18601002);  // SET: YYYY = TRUE
  EXPECT_EQ(RecordDate("12", false), 0);
}

TEST(ProjectTest, MissingFilesAreErrors) {
  EXPECT_EQ(Project::Load("/nonexistent/x.project").status().code(), StatusCode::kNotFound);
  std::string path = WriteTemp("tabari_empty.project", "<textfile> x.text\n");
  EXPECT_FALSE(Project::Load(path).ok());
  std::remove(path.c_str());
}

// Every reader of outside input survives random bytes and random mixtures of
// its own syntax; whatever it cannot use becomes a warning.
TEST(ReaderFuzzTest, RandomInputNeverCrashes) {
  std::mt19937 rng(11);
  const std::string syntax = "[]{}<>|&+-_~=*$%^;#/:\n \tABC019<>~~FINISH\n<NOUN>\n</NOUN>\n";
  for (int round = 0; round < 200; ++round) {
    std::string content;
    int n = static_cast<int>(rng() % 600);
    for (int k = 0; k < n; ++k)
      content += (rng() % 4 == 0) ? static_cast<char>(rng() % 256) : syntax[rng() % syntax.size()];
    std::string path = WriteTemp("tabari_fuzz.dict", content);
    ActorDictionary actors;
    EXPECT_TRUE(actors.Read(path, round % 2 == 0).ok());
    actors.Finish();
    VerbDictionary verbs;
    EXPECT_TRUE(verbs.Read(path).ok());
    verbs.Finish();
    Options o;
    std::vector<std::string> w;
    EXPECT_TRUE(ReadOptionsFile(path, &o, &w).ok());
    auto recs = ReadTextRecords(path);
    EXPECT_TRUE(recs.ok());
    std::remove(path.c_str());
  }
}

}  // namespace
}  // namespace sitrep::tabari

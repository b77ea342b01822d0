#include "cameo/cameo.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "pipeline/analyzer.h"

namespace sitrep::cameo {
namespace {

std::string SourcePath(const std::string& rel) {
  return std::string(SITREP_SOURCE_DIR) + "/" + rel;
}

const Table& Shipped() {
  static const Table* table = [] {
    auto t = Table::Load(SourcePath("data/cameo/cameo.tsv"));
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? std::move(t).value().release() : nullptr;
  }();
  return *table;
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path) << text;
  return path;
}

// ---------------------------------------------------------------- the table

TEST(CameoTable, ShippedTableLoadsWithoutWarnings) {
  const Table& t = Shipped();
  for (const std::string& w : t.warnings()) ADD_FAILURE() << w;
  // 20 roots + 298 three- and four-digit codes of CAMEO 1.1b3.
  EXPECT_EQ(t.size(), 318u);
}

TEST(CameoTable, AllTwentyRootsPresent) {
  const Table& t = Shipped();
  for (int r = 1; r <= 20; ++r) {
    char root[3];
    std::snprintf(root, sizeof root, "%02d", r);
    const CodeInfo* c = t.Find(root);
    ASSERT_NE(c, nullptr) << root;
    EXPECT_FALSE(c->label.empty());
  }
}

TEST(CameoTable, EveryRowIsConsistent) {
  const Table& t = Shipped();
  for (const CodeInfo& c : t.codes()) {
    SCOPED_TRACE(c.code);
    const CodeInfo* root = t.Find(Table::Root(c.code));
    ASSERT_NE(root, nullptr);
    if (c.code.size() == 4) {
      EXPECT_NE(t.Find(std::string_view(c.code).substr(0, 3)), nullptr);
    }
    int r = std::stoi(std::string(Table::Root(c.code)));
    int want = r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
    EXPECT_EQ(c.quad_class, want);
    EXPECT_EQ(c.quad_class, root->quad_class);
    EXPECT_GE(c.goldstein, -10.0);
    EXPECT_LE(c.goldstein, 10.0);
    EXPECT_TRUE(c.plover_event.empty() || IsPloverEvent(c.plover_event));
    EXPECT_TRUE(IsAcledType(c.acled_event_type, c.acled_sub_event_type));
    // Material conflict with an ACLED type: violence, protest or strategic.
    if (r >= 2 && r <= 13 && c.code != "057" && Table::Root(c.code) != "08") {
      EXPECT_TRUE(c.acled_event_type.empty()) << "verbal events have no ACLED type";
    }
  }
}

TEST(CameoTable, KnownRows) {
  const Table& t = Shipped();
  const CodeInfo* c = t.Find("190");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->quad_class, 4);
  EXPECT_DOUBLE_EQ(c->goldstein, -10.0);
  EXPECT_EQ(c->plover_event, "ASSAULT");
  EXPECT_EQ(c->acled_event_type, "Battles");
  EXPECT_EQ(c->acled_sub_event_type, "Armed clash");

  c = t.Find("195");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->plover_mode, "aerial");
  EXPECT_EQ(c->acled_sub_event_type, "Air/drone strike");
  EXPECT_EQ(t.Find("1952")->plover_mode, "drone");
  EXPECT_DOUBLE_EQ(t.Find("057")->goldstein, 8.0);
  EXPECT_EQ(t.Find("057")->acled_sub_event_type, "Agreement");
  EXPECT_DOUBLE_EQ(t.Find("0874")->goldstein, 10.0);
  EXPECT_EQ(t.Find("0874")->plover_event, "RETREAT");
  EXPECT_EQ(t.Find("0831")->plover_event, "CONCEDE");
  EXPECT_EQ(t.Find("173")->acled_sub_event_type, "Arrests");
  EXPECT_EQ(t.Find("145")->acled_event_type, "Riots");
  EXPECT_EQ(t.Find("141")->acled_sub_event_type, "Peaceful protest");
  EXPECT_EQ(t.Find("1831")->acled_sub_event_type, "Suicide bomb");
  EXPECT_EQ(t.Find("1821")->acled_sub_event_type, "Sexual violence");
  EXPECT_EQ(t.Find("181")->acled_sub_event_type, "Abduction/forced disappearance");
  EXPECT_EQ(t.Find("2041")->acled_sub_event_type, "Chemical weapon");
  EXPECT_EQ(t.Find("042")->plover_event, "CONSULT");
  EXPECT_EQ(t.Find("112")->plover_event, "ACCUSE");
  EXPECT_EQ(t.Find("1053")->plover_event, "REQUEST");
  EXPECT_TRUE(t.Find("010")->plover_event.empty());
  EXPECT_TRUE(t.Find("046")->acled_event_type.empty());
  // Codes in the manual with no weight of their own carry the parent's.
  EXPECT_DOUBLE_EQ(t.Find("1951")->goldstein, t.Find("195")->goldstein);
  EXPECT_DOUBLE_EQ(t.Find("1214")->goldstein, t.Find("121")->goldstein);
}

TEST(CameoTable, FindOrAncestorAndRoot) {
  const Table& t = Shipped();
  EXPECT_EQ(Table::Root("0231"), "02");
  EXPECT_EQ(Table::Root("190"), "19");
  EXPECT_EQ(Table::Root("1"), "1");
  EXPECT_EQ(t.Find("0239"), nullptr);
  ASSERT_NE(t.FindOrAncestor("0239"), nullptr);
  EXPECT_EQ(t.FindOrAncestor("0239")->code, "023");
  EXPECT_EQ(t.FindOrAncestor("0231")->code, "0231");
  EXPECT_EQ(t.FindOrAncestor("199")->code, "19");
  EXPECT_EQ(t.FindOrAncestor(""), nullptr);
  EXPECT_EQ(t.FindOrAncestor("9"), nullptr);
  EXPECT_EQ(t.FindOrAncestor("99"), nullptr);
}

TEST(CameoTable, MalformedRowsAreWarnedWithFileAndLineAndSkipped) {
  std::string path = WriteTemp("bad_cameo.tsv",
                               "# comment\n"
                               "code\tlabel\tquad_class\tgoldstein\tplover_event\tplover_mode\t"
                               "acled_event_type\tacled_sub_event_type\n"
                               "19\tFight\t4\t-10\tASSAULT\t\tBattles\tArmed clash\n"  // line 3
                               "190\tForce\t4\tx\tASSAULT\n"                    // 4: goldstein
                               "191\tBlockade\t2\t-9.5\tCOERCE\n"               // 5: quad
                               "192\tOccupy\t4\n"                               // 6: columns
                               "193\tSmall arms\t4\t-10\tFIGHTING\n"            // 7: plover
                               "19\tFight again\t4\t-10\n"                      // 8: duplicate
                               "1x4\tBad\t4\t-10\n"                             // 9: code
                               "194\tHeavy\t4\t-10\t\t\tBattles\tAir strike\n"  // 10: acled
                               "195\tAerial\t4\t-12\n"                          // 11: range
                               "\n"
                               "1952\tDrone\t4\t\tASSAULT\tdrone\n"  // 13: ok
                               "2041\tChemical\t4\t-10\n");          // 14: no root
  auto t = Table::Load(path);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  const std::vector<std::string>& w = (*t)->warnings();
  ASSERT_EQ(w.size(), 9u);
  EXPECT_EQ(w[0], "bad_cameo.tsv:4: goldstein not a number: 'x'");
  EXPECT_NE(w[1].find("bad_cameo.tsv:5: quad_class 2"), std::string::npos) << w[1];
  EXPECT_NE(w[2].find("bad_cameo.tsv:6: expected 4 to 8"), std::string::npos) << w[2];
  EXPECT_NE(w[3].find("bad_cameo.tsv:7: unknown PLOVER event type 'FIGHTING'"), std::string::npos);
  EXPECT_NE(w[4].find("bad_cameo.tsv:8: duplicate code 19"), std::string::npos) << w[4];
  EXPECT_NE(w[5].find("bad_cameo.tsv:9: code is not"), std::string::npos) << w[5];
  EXPECT_NE(w[6].find("bad_cameo.tsv:10: unknown ACLED type"), std::string::npos) << w[6];
  EXPECT_NE(w[7].find("bad_cameo.tsv:11: goldstein out of"), std::string::npos) << w[7];
  EXPECT_NE(w[8].find("bad_cameo.tsv:14: code 2041 has no row for its root 20"), std::string::npos)
      << w[8];
  // Good rows are kept; the first "19" wins; the empty Goldstein cell of 1952
  // is inherited from its nearest ancestor with one (19).
  EXPECT_EQ((*t)->size(), 3u);
  EXPECT_EQ((*t)->Find("19")->label, "Fight");
  ASSERT_NE((*t)->Find("1952"), nullptr);
  EXPECT_DOUBLE_EQ((*t)->Find("1952")->goldstein, -10.0);
  EXPECT_EQ((*t)->Find("190"), nullptr);
  EXPECT_EQ((*t)->FindOrAncestor("190")->code, "19");
}

TEST(CameoTable, MissingOrEmptyFileIsAnError) {
  auto missing = Table::Load(::testing::TempDir() + "/no_such_cameo.tsv");
  EXPECT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  auto empty = Table::Load(WriteTemp("empty_cameo.tsv", "# nothing\nnot\ta\ttable\trow\n"));
  EXPECT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kDataLoss);
  // Arbitrary bytes never crash the parser.
  std::string junk;
  for (int i = 0; i < 2000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  auto parsed = Table::Parse(junk, "junk");
  EXPECT_FALSE(parsed.ok());
}

// ------------------------------------------------------------ ClassifyAcled

AcledType Acled(const char* code, const char* mode, const char* src, const char* tgt) {
  const CodeInfo* c = Shipped().Find(code);
  EXPECT_NE(c, nullptr) << code;
  if (c == nullptr) return {};
  return ClassifyAcled(*c, mode, src, tgt);
}

TEST(ClassifyAcled, DefaultsFromTheTable) {
  EXPECT_EQ(Acled("190", "", "UAF", "COP"), (AcledType{"Battles", "Armed clash"}));
  EXPECT_EQ(Acled("173", "", "COP", "CVL"), (AcledType{"Strategic developments", "Arrests"}));
  EXPECT_EQ(Acled("145", "", "CVL", "GOV"), (AcledType{"Riots", "Violent demonstration"}));
  EXPECT_EQ(Acled("141", "", "CVL", "GOV"), (AcledType{"Protests", "Peaceful protest"}));
  EXPECT_EQ(Acled("057", "", "GOV", "GOV"), (AcledType{"Strategic developments", "Agreement"}));
  EXPECT_EQ(Acled("0874", "", "REB", ""),
            (AcledType{"Strategic developments", "Non-violent transfer of territory"}));
}

TEST(ClassifyAcled, VerbalEventsStayEmptyWhateverTheMode) {
  EXPECT_EQ(Acled("046", "", "GOV", "GOV"), AcledType{});
  EXPECT_EQ(Acled("1384", "aerial", "MIL", "CVL"), AcledType{});  // a threatened air strike
  EXPECT_EQ(Acled("163", "", "GOV", "GOV"), AcledType{});
}

TEST(ClassifyAcled, WeaponModeDecidesExplosionsRemoteViolence) {
  EXPECT_EQ(Acled("190", "aerial", "MIL", "REB"),
            (AcledType{"Explosions/Remote violence", "Air/drone strike"}));
  EXPECT_EQ(Acled("190", "drone", "MIL", "CVL"),
            (AcledType{"Explosions/Remote violence", "Air/drone strike"}));
  EXPECT_EQ(Acled("190", "artillery", "MIL", "REB"),
            (AcledType{"Explosions/Remote violence", "Shelling/artillery/missile attack"}));
  EXPECT_EQ(Acled("1823", "explosives", "UAF", "CVL"),
            (AcledType{"Explosions/Remote violence", "Remote explosive/landmine/IED"}));
  EXPECT_EQ(Acled("183", "suicide", "INS", "MIL"),
            (AcledType{"Explosions/Remote violence", "Suicide bomb"}));
  EXPECT_EQ(Acled("180", "grenade", "UAF", "CVL"),
            (AcledType{"Explosions/Remote violence", "Grenade"}));
  EXPECT_EQ(Acled("190", "cbrn", "MIL", "CVL"),
            (AcledType{"Explosions/Remote violence", "Chemical weapon"}));
  // The code's own mode applies when the text shows none.
  EXPECT_EQ(Acled("195", "", "MIL", "CVL"),
            (AcledType{"Explosions/Remote violence", "Air/drone strike"}));
  EXPECT_EQ(Acled("194", "", "MIL", "REB"),
            (AcledType{"Explosions/Remote violence", "Shelling/artillery/missile attack"}));
}

TEST(ClassifyAcled, TargetsAndSourcesDecideBattlesCiviliansRiots) {
  EXPECT_EQ(Acled("190", "", "MIL", "CVL"), (AcledType{"Violence against civilians", "Attack"}));
  EXPECT_EQ(Acled("193", "firearms", "REB", "REF"),
            (AcledType{"Violence against civilians", "Attack"}));
  EXPECT_EQ(Acled("1823", "", "UAF", "MIL"), (AcledType{"Battles", "Armed clash"}));
  EXPECT_EQ(Acled("186", "", "UAF", "COP"), (AcledType{"Battles", "Armed clash"}));
  EXPECT_EQ(Acled("186", "", "UAF", "GOV"), (AcledType{"Violence against civilians", "Attack"}));
  EXPECT_EQ(Acled("182", "", "CVL", "CVL"), (AcledType{"Riots", "Mob violence"}));
  EXPECT_EQ(Acled("181", "", "REB", "CVL"),
            (AcledType{"Violence against civilians", "Abduction/forced disappearance"}));
  EXPECT_EQ(Acled("190", "sexual", "MIL", "CVL"),
            (AcledType{"Violence against civilians", "Sexual violence"}));
  EXPECT_EQ(Acled("192", "", "MIL", "REB"), (AcledType{"Battles", "Government regains territory"}));
  EXPECT_EQ(Acled("192", "", "REB", "MIL"),
            (AcledType{"Battles", "Non-state actor overtakes territory"}));
  // Unknown sectors: the default.
  EXPECT_EQ(Acled("190", "", "", ""), (AcledType{"Battles", "Armed clash"}));
}

TEST(ClassifyAcled, ProtestsAndRepression) {
  EXPECT_EQ(Acled("141", "riot", "CVL", "GOV"), (AcledType{"Riots", "Violent demonstration"}));
  EXPECT_EQ(Acled("175", "crowd-control", "COP", "CVL"),
            (AcledType{"Protests", "Protest with intervention"}));
  EXPECT_EQ(Acled("175", "firearms", "COP", "CVL"),
            (AcledType{"Protests", "Excessive force against protesters"}));
  EXPECT_EQ(Acled("190", "crowd-control", "COP", "CVL"),
            (AcledType{"Protests", "Protest with intervention"}));
}

// -------------------------------------------------------------- ModeDetector

const ModeDetector& Modes() {
  static const ModeDetector* d = [] {
    auto m = ModeDetector::Load(SourcePath("data/cameo/plover_modes.tsv"),
                                SourcePath("data/cameo/cameo.tsv"));
    EXPECT_TRUE(m.ok()) << m.status().ToString();
    return m.ok() ? std::move(m).value().release() : nullptr;
  }();
  return *d;
}

struct W {
  const char* form;
  const char* lemma;
  int head;  // 1-based in the sentence, 0 = root
  const char* deprel;
};

// One hand-parsed sentence.
Document MakeDoc(const std::vector<W>& words) {
  Document doc;
  Sentence s;
  s.token_begin = 0;
  for (const W& w : words) {
    if (!doc.text.empty()) doc.text += ' ';
    Token t;
    t.begin = static_cast<uint32_t>(doc.text.size());
    doc.text += w.form;
    t.end = static_cast<uint32_t>(doc.text.size());
    t.lemma = w.lemma;
    t.head = w.head;
    t.deprel = w.deprel;
    doc.tokens.push_back(t);
  }
  s.end = static_cast<uint32_t>(doc.text.size());
  s.token_end = static_cast<uint32_t>(doc.tokens.size());
  doc.sentences.push_back(s);
  return doc;
}

Event At(uint32_t trigger, const char* cameo) {
  Event e;
  e.trigger_begin = trigger;
  e.trigger_end = trigger + 1;
  e.trigger_head = trigger;
  e.cameo = cameo;
  return e;
}

TEST(ModeDetector, LexiconLoadsWithoutWarnings) {
  for (const std::string& w : Modes().warnings()) ADD_FAILURE() << w;
  EXPECT_GT(Modes().size(), 100u);
}

TEST(ModeDetector, HandParsedSentences) {
  // "Syrian warplanes bombed rebel positions"
  Document d1 = MakeDoc({{"Syrian", "syrian", 2, "amod"},
                         {"warplanes", "warplane", 3, "nsubj"},
                         {"bombed", "bomb", 0, "root"},
                         {"rebel", "rebel", 5, "compound"},
                         {"positions", "position", 3, "obj"}});
  EXPECT_EQ(Modes().Detect(d1, At(2, "190")), "aerial");
  // "A drone strike killed three fighters": the mode sits two steps away.
  Document d2 = MakeDoc({{"A", "a", 3, "det"},
                         {"drone", "drone", 3, "compound"},
                         {"strike", "strike", 4, "nsubj"},
                         {"killed", "kill", 0, "root"},
                         {"three", "three", 6, "nummod"},
                         {"fighters", "fighter", 4, "obj"}});
  EXPECT_EQ(Modes().Detect(d2, At(3, "190")), "drone");
  // A PROTEST-only term does not apply to an ASSAULT code: "strike" alone.
  Document d3 = MakeDoc({{"The", "the", 2, "det"},
                         {"strike", "strike", 3, "nsubj"},
                         {"killed", "kill", 0, "root"},
                         {"two", "two", 3, "obj"}});
  EXPECT_EQ(Modes().Detect(d3, At(2, "190")), "");
  EXPECT_EQ(Modes().Detect(d3, At(1, "143")), "strike");
  // "a suicide car bomb exploded": suicide outranks the longer "car bomb".
  Document d4 = MakeDoc({{"a", "a", 4, "det"},
                         {"suicide", "suicide", 4, "compound"},
                         {"car", "car", 4, "compound"},
                         {"bomb", "bomb", 5, "nsubj"},
                         {"exploded", "explode", 0, "root"}});
  EXPECT_EQ(Modes().Detect(d4, At(4, "183")), "suicide");
  // Hyphens: "air - strikes" (split) and "air-strike" (one token).
  Document d5 = MakeDoc({{"air", "air", 3, "compound"},
                         {"-", "-", 3, "punct"},
                         {"strikes", "strike", 4, "nsubj"},
                         {"hit", "hit", 0, "root"}});
  EXPECT_EQ(Modes().Detect(d5, At(3, "190")), "aerial");
  Document d6 = MakeDoc({{"Air-Strikes", "air-strike", 2, "nsubj"}, {"hit", "hit", 0, "root"}});
  EXPECT_EQ(Modes().Detect(d6, At(1, "190")), "aerial");
}

TEST(ModeDetector, StaysInsideTheEventsClause) {
  // "Troops attacked the village and jets bombed the town": the jets belong
  // to the conjoined clause, not to "attacked".
  Document d = MakeDoc({{"Troops", "troop", 2, "nsubj"},
                        {"attacked", "attack", 0, "root"},
                        {"the", "the", 4, "det"},
                        {"village", "village", 2, "obj"},
                        {"and", "and", 7, "cc"},
                        {"jets", "jet", 7, "nsubj"},
                        {"bombed", "bomb", 2, "conj"},
                        {"the", "the", 9, "det"},
                        {"town", "town", 7, "obj"}});
  EXPECT_EQ(Modes().Detect(d, At(1, "190")), "");
  EXPECT_EQ(Modes().Detect(d, At(6, "195")), "aerial");
}

TEST(ModeDetector, MalformedEventsGiveEmptyNotACrash) {
  Document d = MakeDoc({{"jets", "jet", 2, "nsubj"}, {"struck", "strike", 0, "root"}});
  Event e = At(1, "195");
  e.sentence = 5;
  EXPECT_EQ(Modes().Detect(d, e), "");
  e = At(99, "195");
  EXPECT_EQ(Modes().Detect(d, e), "");
  e = At(1, "");
  EXPECT_EQ(Modes().Detect(d, e), "");  // unknown code: only "*" terms apply
  d.tokens[0].head = 77;                // a broken parse
  EXPECT_EQ(Modes().Detect(d, At(1, "195")), "");
  Document empty;
  EXPECT_EQ(Modes().Detect(empty, At(0, "195")), "");
}

// Random parses, random event indices: never a crash, always a known mode or "".
TEST(ModeDetector, RandomDocumentsNeverCrash) {
  const char* words[] = {"air",    "-",      "strike", "jets",   "bombed", "suicide",
                         "bomber", "tear",   "gas",    "the",    "hunger", "strike",
                         "",       "rioted", "ied",    "mortar", "rounds"};
  const char* rels[] = {"nsubj", "obj",       "compound", "amod", "aux", "conj",
                        "xcomp", "acl:relcl", "root",     "obl",  ""};
  std::set<std::string> known = {""};
  for (const char* m : {"aerial", "drone", "artillery", "missile", "explosives", "suicide",
                        "crowd-control", "hunger", "strike", "riot", "firearms", "grenade"}) {
    known.insert(m);
  }
  uint32_t seed = 12345;
  auto next = [&](uint32_t mod) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 8) % mod;
  };
  for (int round = 0; round < 2000; ++round) {
    std::vector<W> ws;
    uint32_t n = next(9);
    for (uint32_t i = 0; i < n; ++i) {
      const char* w = words[next(sizeof words / sizeof *words)];
      ws.push_back(
          {w, w, static_cast<int>(next(n + 3)) - 1, rels[next(sizeof rels / sizeof *rels)]});
    }
    Document d = MakeDoc(ws);
    Event e = At(next(n + 2), next(2) ? "190" : "14");
    e.trigger_end = e.trigger_begin + next(3);
    e.sentence = next(4) == 0 ? 1 : 0;
    std::string mode = Modes().Detect(d, e);
    EXPECT_TRUE(known.count(mode)) << mode;
  }
}

TEST(ModeDetector, MalformedLexiconLinesAreWarned) {
  std::string modes = WriteTemp("bad_modes.tsv",
                                "term\tmode\tevents\tpriority\n"
                                "air strike\taerial\tASSAULT\t3\n"
                                "jet\taerial\tFIGHTING\t3\n"  // line 3
                                "drone\n"                     // line 4
                                "mortar\tartillery\t*\thigh\n");
  auto d = ModeDetector::Load(modes, SourcePath("data/cameo/cameo.tsv"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_EQ((*d)->warnings().size(), 3u);
  EXPECT_NE((*d)->warnings()[0].find("bad_modes.tsv:3: unknown PLOVER"), std::string::npos);
  EXPECT_NE((*d)->warnings()[1].find("bad_modes.tsv:4: expected 3 or 4"), std::string::npos);
  EXPECT_NE((*d)->warnings()[2].find("bad_modes.tsv:5: priority"), std::string::npos);
  EXPECT_EQ((*d)->size(), 1u);
}

// On our own sentences through the real analyzer (tokenizer, tagger, parser).
class ModeDetectorOnParsedText : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Create({});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
  }
  // The mode for the event whose trigger is the first token with `form`.
  std::string ModeOf(const std::string& text, const std::string& trigger, const char* cameo) {
    Document doc;
    doc.text = text;
    Status st = analyzer_->Analyze(doc);
    EXPECT_TRUE(st.ok()) << st.ToString();
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
      if (doc.Form(doc.tokens[t]) != trigger) continue;
      Event e = At(t, cameo);
      for (uint32_t s = 0; s < doc.sentences.size(); ++s)
        if (t >= doc.sentences[s].token_begin && t < doc.sentences[s].token_end) e.sentence = s;
      return Modes().Detect(doc, e);
    }
    ADD_FAILURE() << "no token '" << trigger << "' in: " << text;
    return "?";
  }
  static inline Analyzer* analyzer_ = nullptr;
};

TEST_F(ModeDetectorOnParsedText, OwnSentences) {
  EXPECT_EQ(ModeOf("Russian warplanes bombed rebel positions near the border on Tuesday.", "bombed",
                   "195"),
            "aerial");
  EXPECT_EQ(ModeOf("A drone strike killed three militants in the north.", "killed", "190"),
            "drone");
  EXPECT_EQ(ModeOf("Government forces shelled the town overnight.", "shelled", "190"), "artillery");
  EXPECT_EQ(ModeOf("A roadside bomb killed two soldiers on Sunday.", "killed", "190"),
            "explosives");
  EXPECT_EQ(ModeOf("Gunmen opened fire on a crowded bus.", "opened", "190"), "firearms");
  EXPECT_EQ(ModeOf("Police fired tear gas at the crowd.", "fired", "175"), "crowd-control");
  EXPECT_EQ(ModeOf("Police launched a tear gas attack on the crowd.", "launched", "175"),
            "crowd-control");
  EXPECT_EQ(ModeOf("Rebels launched a gas attack on the town.", "launched", "190"), "cbrn");
  EXPECT_EQ(ModeOf("Dozens of prisoners went on hunger strike last week.", "went", "142"),
            "hunger");
  EXPECT_EQ(ModeOf("The minister met his counterpart in the capital.", "met", "040"), "");
  EXPECT_EQ(ModeOf("Two suicide bombers blew themselves up at a market on Tuesday.", "blew", "190"),
            "suicide");
  EXPECT_EQ(
      ModeOf("A grenade attack killed ten people in a village, police said.", "killed", "190"),
      "grenade");
}

}  // namespace
}  // namespace sitrep::cameo

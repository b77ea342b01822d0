#include "petrarch/coder.h"

#include <gtest/gtest.h>

#include <random>

namespace sitrep::petrarch {
namespace {

constexpr char kVerbs[] = R"(&TIES
+MILITARY
+ECONOMIC

--- RESTORE [064] ---
RESTORE
- * &TIES TIES [902]
--- OPPOSE [112] ---
OPPOSE
--- MEET [031:032] ---
MEET {MET MEETS MEETING}
--- RENEW [064] ---
RENEW
--- SHOT [223] ---
SHOT
- + WAS * DEAD IN $ [224]
--- SAY [023] ---
SAY {SAID SAYS SAYING}
--- CORDON [---] ---
+CORDON_OFF {+CORDONED_OFF}  [1721]
)";
constexpr char kActors[] = R"(ARNOR [ARN]
GONDOR [GON]
+MINAS_TIRITH
OSGILIATH [OSG]
ERIADOR [ERI]
+ERIADORIAN
GOLLUM
	[HOB <950601]
	[HOBGOV 19950601-19990815]
)";
constexpr char kAgents[] = "GOVERNMENT [~GOV]\nSOLDIER [~MIL]\nMSF {} [NGO~]\nPOLICE {} [~COP]\n";

class CoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dicts_ = Dictionaries::FromText(kVerbs, kActors, kAgents, "+TYPHOON\nBASEBALL\n");
    ASSERT_TRUE(dicts_->warnings().empty()) << dicts_->warnings()[0];
  }
  std::vector<std::string> Code(const std::string& tree, int date = 19950101,
                                CoderConfig config = {}, const std::string& text = "") {
    auto t = ParsePtb(tree);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (!t.ok()) return {};
    TreeCoder coder(*dicts_);
    std::vector<std::string> out;
    for (const CodedEvent& e : coder.Code(*t, text, date, config).events)
      out.push_back(e.source + " " + e.target + " " + e.code);
    std::sort(out.begin(), out.end());
    return out;
  }
  std::unique_ptr<Dictionaries> dicts_;
};

using V = std::vector<std::string>;

TEST_F(CoderTest, SubjectVerbObject) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) "
                 "(PP (IN with) (NP (NNP Gondor)))) (. .)))"),
            V{"ARN GON 064"});
}

TEST_F(CoderTest, PatternWithSynsetAndSkippedWords) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (JJ full) (JJ economic) "
                 "(NNS ties)) (PP (IN with) (NP (NNP Gondor)))) (. .)))"),
            V{"ARN GON 902"});
}

TEST_F(CoderTest, AgentsCombineWithActors) {
  EXPECT_EQ(Code("(ROOT (S (NP (NP (NNP Gondor) (POS 's)) (NN government)) (VP (VBD restored) "
                 "(NP (NNS ties)) (PP (IN with) (NP (NNP MSF) (NNP Arnor)))) (. .)))"),
            V{"GONGOV NGOARN 064"});
  // An agent alone: "---COP".
  CoderConfig no_dyad;
  no_dyad.require_dyad = false;
  EXPECT_EQ(Code("(ROOT (S (NP (NN police)) (VP (VBD said)) (. .)))", 19950101, no_dyad),
            V{"---COP --- 023"});
  EXPECT_EQ(Code("(ROOT (S (NP (NN police)) (VP (VBD said)) (. .)))"), V{});
}

TEST_F(CoderTest, ActorOfPrepositionalPhraseWithAgent) {
  EXPECT_EQ(Code("(ROOT (S (NP (NP (NNS Soldiers)) (PP (IN from) (NP (NNP Gondor)))) "
                 "(VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP Arnor)))) (. .)))"),
            V{"GONMIL ARN 064"});
}

TEST_F(CoderTest, PassiveWithByPhraseSwapsRoles) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Eriador)) (VP (VBD was) (VP (VBN opposed) (PP (IN by) "
                 "(NP (NNP Osgiliath))))) (. .)))"),
            V{"OSG ERI 112"});
}

TEST_F(CoderTest, PatternBindsSourceAndTarget) {
  EXPECT_EQ(Code("(ROOT (S (NP (DT An) (NNP Eriadorian)) (VP (VBD was) (VP (VBN shot) (ADJP "
                 "(JJ dead)) (PP (IN in) (NP (NNP Osgiliath))))) (. .)))"),
            V{"OSG ERI 224"});
}

TEST_F(CoderTest, ActivePassiveCodePair) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))"),
            (V{"ARN GON 031", "GON ARN 032"}));
}

TEST_F(CoderTest, CompoundSubjectsAndCooperationPairs) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor) (CC and) (NNP Gondor)) (VP (VBD renewed) "
                 "(NP (NNS ties))) (. .)))"),
            (V{"ARN GON 064", "GON ARN 064"}));
  EXPECT_EQ(Code("(ROOT (S (NP (NP (NNP Arnor)) (CC and) (NP (NNP Gondor))) (VP (VBD restored) "
                 "(NP (NNS ties)) (PP (IN with) (NP (NNP Osgiliath)))) (. .)))"),
            (V{"ARN OSG 064", "GON OSG 064"}));
}

TEST_F(CoderTest, CompoundVerbWithParticle) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD cordoned) (PRT (RP off)) (NP (NNP Gondor))) "
                 "(. .)))"),
            V{"ARN GON 1721"});
  // Without the particle the verb has no code.
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD cordoned) (NP (NNP Gondor))) (. .)))"), V{});
}

TEST_F(CoderTest, DateRestrictedCodes) {
  const char* tree =
      "(ROOT (S (NP (NNP Gollum)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP "
      "Gondor)))) (. .)))";
  EXPECT_EQ(Code(tree, 19920102), V{"HOB GON 064"});
  EXPECT_EQ(Code(tree, 19960101), V{"HOBGOV GON 064"});
  EXPECT_EQ(Code(tree, 20050101), V{});  // no code on that date
}

TEST_F(CoderTest, InfinitiveTakesTheUpperSubject) {
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) (VP (IN about) (S (VP (TO to) (VP (VB "
                 "restore) (NP (NNS ties)) (PP (IN with) (NP (NNP Gondor)))))))) (. .)))"),
            V{"ARN GON 064"});
}

TEST_F(CoderTest, TerminalCommaClauseIsRemoved) {
  const char* tree =
      "(ROOT (S (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) (PP (IN with) (NP (NNP "
      "Gondor))))) (, ,) (NP (DT a) (NN government) (NN official)) (VP (VBD said)) (. .)))";
  CoderConfig c;
  c.require_dyad = false;
  EXPECT_EQ(Code(tree, 19950101, c), V{"ARN GON 064"});
  c.comma_emax = 0;
  EXPECT_EQ(Code(tree, 19950101, c), (V{"---GOV --- 023", "ARN GON 064"}));
}

TEST_F(CoderTest, NegationIsMarked) {
  auto t = ParsePtb(
      "(ROOT (S (NP (NNP Arnor)) (VP (VBD did) (RB not) (VP (VB meet) (NP (NNP Gondor)))) (. .)))");
  ASSERT_TRUE(t.ok());
  TreeCoder coder(*dicts_);
  SentenceCoding c = coder.Code(*t, {}, 19950101, {});
  ASSERT_FALSE(c.events.empty());
  EXPECT_TRUE(c.events[0].negated);
  auto u = ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))");
  ASSERT_TRUE(u.ok());
  EXPECT_FALSE(coder.Code(*u, {}, 19950101, {}).events[0].negated);
}

TEST_F(CoderTest, Discards) {
  TreeCoder coder(*dicts_);
  EXPECT_EQ(coder.CheckDiscard("A typhoon hit Gondor."), SentenceCoding::Discard::kStory);
  EXPECT_EQ(coder.CheckDiscard("Baseball in Gondor."), SentenceCoding::Discard::kSentence);
  EXPECT_EQ(coder.CheckDiscard("Arnor met Gondor."), SentenceCoding::Discard::kNone);
  // Whole words between white space, as PETRARCH2 splits: "baseball," and
  // "baseballs" are other words.
  EXPECT_EQ(coder.CheckDiscard("After baseball, Arnor met Gondor."),
            SentenceCoding::Discard::kNone);
  EXPECT_EQ(coder.CheckDiscard("Arnor met Gondor at baseballs"), SentenceCoding::Discard::kNone);
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Arnor)) (VP (VBD met) (NP (NNP Gondor))) (. .)))", 19950101, {},
                 "Arnor met Gondor at a baseball game."),
            V{});
}

TEST_F(CoderTest, ConfigOptions) {
  CoderConfig c;
  EXPECT_TRUE(c.Set("require_dyad", "FALSE").ok());
  EXPECT_FALSE(c.require_dyad);
  EXPECT_TRUE(c.Set("new_actor_length", "4").ok());
  EXPECT_EQ(c.new_actor_length, 4);
  EXPECT_FALSE(c.Set("comma_max", "many").ok());
  EXPECT_FALSE(c.Set("require_dyad", "perhaps").ok());
  Status unknown = c.Set("frobnicate", "1");
  EXPECT_FALSE(unknown.ok());
  EXPECT_NE(unknown.message().find("unknown PETRARCH option"), std::string::npos);
  EXPECT_TRUE(c.Set("write_event_text", "True").ok());  // output-only option
}

TEST_F(CoderTest, NewActors) {
  CoderConfig c;
  c.new_actor_length = 2;
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Frodo) (NNP Baggins)) (VP (VBD met) (NP (NNP Gondor))) (. .)))",
                 19950101, c),
            (V{"\"FRODO BAGGINS\" GON 031", "GON \"FRODO BAGGINS\" 032"}));
  c.new_actor_length = 1;
  EXPECT_EQ(Code("(ROOT (S (NP (NNP Frodo) (NNP Baggins)) (VP (VBD met) (NP (NNP Gondor))) (. .)))",
                 19950101, c),
            V{});
}

TEST_F(CoderTest, RandomTreesNeverCrash) {
  std::mt19937 rng(11);
  const char* labels[] = {"S",   "NP",  "VP", "PP", "SBAR", "ADJP", "CC",  ",",
                          "VBD", "NNP", "IN", "TO", "PRP",  "HYPH", "ROOT"};
  const char* words[] = {"Arnor",   "Gondor",   "met", "and", ",",   "by",   "was",       "to",
                         "restore", "soldiers", "it",  "-",   "off", "said", "government"};
  TreeCoder coder(*dicts_);
  CoderConfig c;
  c.require_dyad = false;
  c.new_actor_length = 3;
  c.comma_bmax = 5;
  for (int n = 0; n < 3000; ++n) {
    // Random well-formed trees.
    std::function<std::string(int)> gen = [&](int depth) -> std::string {
      std::string l = labels[rng() % 15];
      if (depth > 5 || rng() % 3 == 0) return "(" + l + " " + words[rng() % 15] + ")";
      std::string s = "(" + l;
      int k = 1 + static_cast<int>(rng() % 4);
      for (int i = 0; i < k; ++i) s += " " + gen(depth + 1);
      return s + ")";
    };
    auto t = ParsePtb("(ROOT " + gen(0) + ")");
    ASSERT_TRUE(t.ok());
    (void)coder.Code(*t, "text", 19950101, c);
  }
  SUCCEED();
}

// The verb dictionary's '~' transformations combine a reporting or wanting
// verb with the event of its clause.
std::vector<std::string> CodeWithTransformations(const std::string& tree) {
  constexpr char kTransformVerbs[] = R"(--- EXPLAIN_VERBAL [010] ---
SAY {SAYS SAID SAYING}
--- PHYSICAL_CONFLICT [190] ---
ATTACK
--- DEMAND [100] ---
WANT [030]
~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK) SAY = a b 112
~ a (b . ATTACK) WANT = a b 021
)";
  auto d = Dictionaries::FromText(kTransformVerbs, kActors, kAgents, "");
  EXPECT_TRUE(d->warnings().empty());
  EXPECT_EQ(d->verbs().transformation_rules.size(), 3u);
  auto t = ParsePtb(tree);
  EXPECT_TRUE(t.ok());
  if (!t.ok()) return {};
  TreeCoder coder(*d);
  std::vector<std::string> out;
  for (const CodedEvent& e : coder.Code(*t, "", 19950101, {}).events)
    out.push_back(e.source + " " + e.target + " " + e.code);
  std::sort(out.begin(), out.end());
  return out;
}

TEST(CoderTransformationTest, SayingOneAttackedIsAClaimOfResponsibility) {
  EXPECT_EQ(CodeWithTransformations("(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) "
                                    "(S (NP (PRP it)) (VP (VBD attacked) (NP (NNP Gondor))))))))"),
            std::vector<std::string>{"ARN GON 015"});
}

TEST(CoderTransformationTest, SayingAnotherAttackedIsAnAccusation) {
  EXPECT_EQ(CodeWithTransformations("(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (IN that) "
                                    "(S (NP (NNP Osgiliath)) (VP (VBD attacked) (NP (NNP "
                                    "Gondor))))))))"),
            std::vector<std::string>{"ARN OSG 112"});
}

TEST(CoderTransformationTest, WantingAnotherToAttackIsAnAppeal) {
  EXPECT_EQ(CodeWithTransformations("(ROOT (S (NP (NNP Arnor)) (VP (VBZ wants) (S (NP (NNP "
                                    "Osgiliath)) (VP (TO to) (VP (VB attack) (NP (NNP "
                                    "Gondor))))))))"),
            std::vector<std::string>{"ARN OSG 021"});
}

TEST(CoderTransformationTest, WithoutAMatchingRuleTheReportedEventStays) {
  EXPECT_EQ(CodeWithTransformations("(ROOT (S (NP (NNP Arnor)) (VP (VBD said) (SBAR (S (NP (NNP "
                                    "Osgiliath)) (VP (VBZ wants) (NP (NNP Gondor))))))))"),
            std::vector<std::string>{"OSG GON 030"});
}

TEST_F(CoderTest, ParticipleModifyingANounIsPassive) {
  // "There were Gondor soldiers shot in Arnor": Arnor acts on the soldiers.
  EXPECT_EQ(Code("(ROOT (S (NP (EX There)) (VP (VBD were) (NP (NP (NNP Gondor) (NNS soldiers)) "
                 "(VP (VBN shot) (PP (IN in) (NP (NNP Arnor))))))))"),
            std::vector<std::string>{"ARN GONMIL 223"});
}

// An infinitive complement without a subject folds into its verb; of two
// verbal-family codes (01-04, 09-11, 13-15, 17) the complement's is kept.
std::vector<std::string> CodeFolded(const std::string& complement) {
  auto d = Dictionaries::FromText(
      "--- PLEDGE [030] ---\nPLEDGE\n--- EXPEL [174] ---\nEXPEL\n--- RESTORE [064] ---\nRESTORE\n",
      kActors, kAgents, "");
  auto t = ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBD pledged) (S (VP (TO to) (VP (VB " +
                    complement + ") (NP (NNP Gondor))))))))");
  EXPECT_TRUE(t.ok());
  if (!t.ok()) return {};
  TreeCoder coder(*d);
  std::vector<std::string> out;
  for (const CodedEvent& e : coder.Code(*t, "", 19950101, {}).events)
    out.push_back(e.source + " " + e.target + " " + e.code);
  return out;
}

TEST(CoderFoldTest, TwoVerbalCodesKeepTheComplements) {
  EXPECT_EQ(CodeFolded("expel"), std::vector<std::string>{"ARN GON 174"});
}

TEST(CoderFoldTest, AMaterialComplementKeepsTheUpperCode) {
  EXPECT_EQ(CodeFolded("restore"), std::vector<std::string>{"ARN GON 030"});
}

}  // namespace
}  // namespace sitrep::petrarch

#include "events/dictionary.h"

#include <gtest/gtest.h>

#include <set>

#include "core/paths.h"
#include "events/derived_codes.h"

#ifdef SITREP_EVENTS_TEST_HAVE_CAMEO
#include "cameo/cameo.h"
#endif

namespace sitrep::events {
namespace {

TEST(Dictionary, ShippedFilesLoadWithoutWarnings) {
  auto d = Dictionary::Load(DataPath("events"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  for (const std::string& w : (*d)->warnings()) ADD_FAILURE() << w;
  EXPECT_GT((*d)->num_verb_patterns(), 300u);
  EXPECT_GT((*d)->num_noun_patterns(), 100u);
  // All 20 CAMEO roots are reachable from the dictionary.
  std::set<std::string> roots;
  for (const auto& [code, origin] : (*d)->Codes()) roots.insert(code.substr(0, 2));
  for (int r = 1; r <= 20; ++r) {
    char buf[3];
    std::snprintf(buf, sizeof buf, "%02d", r);
    EXPECT_TRUE(roots.count(buf)) << "no pattern for root " << buf;
  }
}

#ifdef SITREP_EVENTS_TEST_HAVE_CAMEO
TEST(Dictionary, EveryCodeIsInTheCameoTable) {
  auto d = Dictionary::Load(DataPath("events"));
  ASSERT_TRUE(d.ok());
  auto table = cameo::Table::LoadDefault();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  for (const auto& [code, origin] : (*d)->Codes()) {
    EXPECT_NE((*table)->Find(code), nullptr) << origin << ": " << code << " is not a CAMEO code";
  }
}
#endif

TEST(Dictionary, MalformedLinesAreWarnedWithFileAndLineAndSkipped) {
  auto d = Dictionary::FromText(
      "190 attack\n"
      "# a comment\n"
      "\n"
      "999 attack\n"           // 4: not a CAMEO code
      "190\n"                  // 5: no lemma
      "190 Attack\n"           // 6: not lower case
      "130 threaten +scare\n"  // 7: unknown flag
      "- fail\n"               // 8: no code and no flag
      "190 attack\n"           // 9: duplicate
      "111 accuse of:\n"       // 10: empty noun list
      "0256 call for:ceasefire|truce\n",
      "195 air strike\n"
      "light\n"    // 2
      "42 raid\n"  // 3
      "190 raid\n",
      "v.txt", "n.txt");
  std::vector<std::string> want = {"v.txt:4:", "v.txt:5:",  "v.txt:6:", "v.txt:7:", "v.txt:8:",
                                   "v.txt:9:", "v.txt:10:", "n.txt:2:", "n.txt:3:"};
  ASSERT_EQ(d->warnings().size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(d->warnings()[i].rfind(want[i], 0), 0u) << d->warnings()[i];
  }
  ASSERT_EQ(d->Verbs("attack").size(), 1u);
  ASSERT_EQ(d->Verbs("call").size(), 1u);
  const VerbPattern& call = d->Verbs("call")[0];
  EXPECT_EQ(call.code, "0256");
  ASSERT_EQ(call.slots.size(), 1u);
  EXPECT_EQ(call.slots[0].word, "for");
  EXPECT_FALSE(call.slots[0].is_target);
  EXPECT_EQ(call.slots[0].lemmas, (std::vector<std::string>{"ceasefire", "truce"}));
  ASSERT_EQ(d->Nouns("strike").size(), 1u);
  EXPECT_EQ(d->Nouns("strike")[0].modifiers, std::vector<std::string>{"air"});
  EXPECT_EQ(d->Nouns("raid")[0].code, "190");
}

TEST(Dictionary, MostSpecificPatternFirst) {
  auto d = Dictionary::FromText(
      "112 accuse\n1123 accuse of:aggression\n100 call on +demand\n020 call for +appeal\n"
      "190 open =fire on\n190 open =fire\n",
      "light carry out\n195 strike\n195 air strike\n");
  EXPECT_TRUE(d->warnings().empty());
  EXPECT_EQ(d->Verbs("accuse")[0].code, "1123");
  EXPECT_EQ(d->Verbs("accuse")[1].code, "112");
  EXPECT_EQ(d->Verbs("open")[0].slots.size(), 1u);
  EXPECT_EQ(d->Verbs("call")[0].complement, Complement::kDemand);
  EXPECT_EQ(d->Nouns("strike")[0].modifiers.size(), 1u);
  ASSERT_EQ(d->LightVerbs("carry").size(), 1u);
  EXPECT_EQ(d->LightVerbs("carry")[0].particle, "out");
  EXPECT_TRUE(d->LightVerbs("launch").empty());
}

TEST(Dictionary, BlockingPatternsAndNonAgentCauses) {
  auto d = Dictionary::FromText("190 hit\n- hit =high|low|record\n",
                                "nonagent flood\n"
                                "nonagent\n"           // 2: no noun
                                "nonagent Storm\n"     // 3: not lower case
                                "nonagent flood\n"     // 4: duplicate
                                "nonagent a storm\n",  // 5: two words
                                "v.txt", "n.txt");
  std::vector<std::string> want = {"n.txt:2:", "n.txt:3:", "n.txt:4:", "n.txt:5:"};
  ASSERT_EQ(d->warnings().size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(d->warnings()[i].rfind(want[i], 0), 0u) << d->warnings()[i];
  }
  // The object-constrained "-" comes first and has no code: "prices hit a
  // record" is no attack; "hit the town" still is.
  ASSERT_EQ(d->Verbs("hit").size(), 2u);
  EXPECT_EQ(d->Verbs("hit")[0].code, "");
  EXPECT_EQ(d->Verbs("hit")[0].object_lemmas, (std::vector<std::string>{"high", "low", "record"}));
  EXPECT_EQ(d->Verbs("hit")[1].code, "190");
  EXPECT_TRUE(d->IsNonAgent("flood"));
  EXPECT_FALSE(d->IsNonAgent("storm"));
  EXPECT_FALSE(d->IsNonAgent("raid"));
  // A nonagent is no event noun, and the tagger is not told about it.
  EXPECT_TRUE(d->Nouns("flood").empty());
  EXPECT_TRUE(d->NounPhrases().empty());
}

TEST(DerivedCodes, FollowTheParallelCameoRoots) {
  EXPECT_EQ(DerivedCode(Complement::kThreat, "190", "130"), "1384");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "195", "130"), "1384");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "191", "130"), "1381");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "163", "130"), "1312");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "2041", "130"), "1385");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "051", "130"), "130");
  EXPECT_EQ(DerivedCode(Complement::kDemand, "0874", "100"), "1056");
  EXPECT_EQ(DerivedCode(Complement::kDemand, "0841", "100"), "1053");
  EXPECT_EQ(DerivedCode(Complement::kDemand, "046", "100"), "106");
  EXPECT_EQ(DerivedCode(Complement::kAppeal, "0871", "020"), "0256");
  EXPECT_EQ(DerivedCode(Complement::kAppeal, "073", "020"), "0233");
  EXPECT_EQ(DerivedCode(Complement::kIntent, "046", "030"), "036");
  EXPECT_EQ(DerivedCode(Complement::kIntent, "045", "030"), "039");
  EXPECT_EQ(DerivedCode(Complement::kIntent, "190", "030"), "030");
  EXPECT_EQ(DerivedCode(Complement::kReject, "0841", "120"), "1243");
  EXPECT_EQ(DerivedCode(Complement::kReject, "046", "120"), "125");
  EXPECT_EQ(DerivedCode(Complement::kReject, "010", "120"), "011");
  EXPECT_EQ(DerivedCode(Complement::kSay, "190", "010"), "010");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "", "130"), "130");
  EXPECT_EQ(DerivedCode(Complement::kThreat, "x", "130"), "130");
}

TEST(Dictionary, MissingDirectoryIsNotFound) {
  auto d = Dictionary::Load("/nonexistent/sitrep/events");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sitrep::events

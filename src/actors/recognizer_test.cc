// Tests on our own sentences (written for sitrep, not taken from any corpus),
// analysed by the committed model and then run through the recognizer.
#include "actors/recognizer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/analyzer.h"

namespace sitrep::actors {
namespace {

using Kind = ActorMention::Kind;

class RecognizerTest : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Create({});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
    auto r = Recognizer::Create({});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    recognizer_ = std::move(r).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    delete recognizer_;
  }

  static Document Run(const std::string& text, const std::string& date = "2015-10-08") {
    Document doc;
    doc.text = text;
    doc.date = date;
    Status st = analyzer_->Analyze(doc);
    EXPECT_TRUE(st.ok()) << st.ToString();
    st = recognizer_->Process(doc);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return doc;
  }
  static std::string Text(const Document& doc, const ActorMention& m) {
    return std::string(doc.Slice(doc.tokens[m.token_begin].begin, doc.tokens[m.token_end - 1].end));
  }
  // The mention whose text is exactly `text`, or nullptr.
  static const ActorMention* Find(const Document& doc, const std::string& text) {
    for (const ActorMention& m : doc.mentions) {
      if (Text(doc, m) == text) return &m;
    }
    return nullptr;
  }
  static std::string Dump(const Document& doc) {
    std::string s;
    for (const ActorMention& m : doc.mentions) {
      s += "[" + Text(doc, m) + " " + m.code + " -> " + std::to_string(m.antecedent) + "] ";
    }
    return s;
  }
  // The mention containing the first occurrence of `word`, or nullptr.
  static const ActorMention* Containing(const Document& doc, const std::string& word) {
    for (uint32_t t = 0; t < doc.tokens.size(); ++t) {
      if (doc.Form(doc.tokens[t]) == word) {
        int32_t i = MentionAt(doc, t);
        return i < 0 ? nullptr : &doc.mentions[i];
      }
    }
    return nullptr;
  }

  static Analyzer* analyzer_;
  static Recognizer* recognizer_;
};
Analyzer* RecognizerTest::analyzer_ = nullptr;
Recognizer* RecognizerTest::recognizer_ = nullptr;

TEST_F(RecognizerTest, CountryName) {
  Document doc = Run("Syria condemned the raid on Tuesday.");
  const ActorMention* m = Find(doc, "Syria");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->kind, Kind::kCountry);
  EXPECT_EQ(m->code, "SYR");
  EXPECT_EQ(m->country, "SYR");
  EXPECT_EQ(m->sector, "");
}

TEST_F(RecognizerTest, CountryAsPlaceIsNoActor) {
  Document doc = Run("Fighting continued in Syria and across Iraq on Tuesday.");
  EXPECT_EQ(Find(doc, "Syria"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "Iraq"), nullptr) << Dump(doc);
}

TEST_F(RecognizerTest, DemonymAgent) {
  Document doc = Run("Syrian troops shelled the town overnight.");
  const ActorMention* m = Find(doc, "Syrian troops");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->kind, Kind::kAgent);
  EXPECT_EQ(m->code, "SYRMIL");
  EXPECT_EQ(m->sector, "MIL");
  EXPECT_EQ(doc.Form(doc.tokens[m->head]), "troops");
}

TEST_F(RecognizerTest, PluralDemonymIsCountry) {
  Document doc = Run("Iranians voted on Friday.");
  const ActorMention* m = Find(doc, "Iranians");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "IRN");
}

TEST_F(RecognizerTest, CapitalAsMetonymActs) {
  Document doc = Run("Moscow said the strikes would continue.");
  const ActorMention* m = Find(doc, "Moscow");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->kind, Kind::kCountry);
  EXPECT_EQ(m->code, "RUS");
}

TEST_F(RecognizerTest, CapitalAsPlaceIsNoActor) {
  Document doc = Run("The talks were held in Moscow on Monday.");
  EXPECT_EQ(Find(doc, "Moscow"), nullptr) << Dump(doc);
  doc = Run("Two delegations arrived in Damascus late on Sunday.");
  EXPECT_EQ(Find(doc, "Damascus"), nullptr) << Dump(doc);
}

TEST_F(RecognizerTest, CapitalCoordinatedWithActors) {
  Document doc = Run("Washington and its allies rejected the plan.");
  const ActorMention* m = Find(doc, "Washington");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "USA");
}

TEST_F(RecognizerTest, AgentAloneHasNoCountry) {
  Document doc = Run("Police arrested three men near the market.");
  const ActorMention* m = Find(doc, "Police");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "---COP");
  EXPECT_EQ(m->country, "");
  EXPECT_EQ(m->sector, "COP");
}

TEST_F(RecognizerTest, CompoundActorsAreTwoMentions) {
  Document doc = Run("Syrian troops and allied militia attacked the village at dawn.");
  const ActorMention* a = Find(doc, "Syrian troops");
  const ActorMention* b = Containing(doc, "militia");
  ASSERT_NE(a, nullptr) << Dump(doc);
  ASSERT_NE(b, nullptr) << Dump(doc);
  EXPECT_NE(a, b);
  EXPECT_EQ(a->code, "SYRMIL");
  EXPECT_EQ(b->sector, "UAF");
  EXPECT_EQ(b->country, "");  // allied militia are not said to be Syrian
}

TEST_F(RecognizerTest, CoordinatedDemonyms) {
  Document doc = Run("Syrian and Russian jets bombed the town.");
  const ActorMention* s = Find(doc, "Syrian");
  const ActorMention* r = Find(doc, "Russian jets");
  ASSERT_NE(s, nullptr) << Dump(doc);
  ASSERT_NE(r, nullptr) << Dump(doc);
  EXPECT_EQ(s->code, "SYRMIL");
  EXPECT_EQ(r->code, "RUSMIL");
}

TEST_F(RecognizerTest, PossessorGivesTheCountry) {
  Document doc = Run("Assad's armed forces shelled the suburbs.");
  const ActorMention* m = Find(doc, "Assad's armed forces");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "SYRMIL");
  doc = Run("Turkey's army moved tanks to the border.");
  m = Find(doc, "Turkey's army");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "TURMIL");
}

TEST_F(RecognizerTest, TitleWithDemonym) {
  Document doc = Run("The Russian foreign minister flew home.");
  const ActorMention* m = Find(doc, "The Russian foreign minister");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "RUSGOV");
  EXPECT_EQ(m->kind, Kind::kAgent);
}

TEST_F(RecognizerTest, DateRangedPerson) {
  Document doc = Run("Sergei Lavrov met the envoy in Geneva.", "2015-10-08");
  const ActorMention* m = Find(doc, "Sergei Lavrov");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->kind, Kind::kNamed);
  EXPECT_EQ(m->code, "RUSGOV");
  EXPECT_EQ(m->name, "Sergei Lavrov");
  // Before he took office he is a Russian elite.
  doc = Run("Sergei Lavrov met the envoy in Geneva.", "2002-06-01");
  m = Find(doc, "Sergei Lavrov");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "RUSELI");
}

TEST_F(RecognizerTest, TitleAndNameAreOneMention) {
  Document doc = Run("Russian Foreign Minister Sergei Lavrov arrived on Monday.");
  ASSERT_EQ(doc.mentions.size(), 1u) << Dump(doc);
  EXPECT_EQ(Text(doc, doc.mentions[0]), "Russian Foreign Minister Sergei Lavrov");
  EXPECT_EQ(doc.mentions[0].code, "RUSGOV");
  EXPECT_EQ(doc.mentions[0].name, "Sergei Lavrov");
}

TEST_F(RecognizerTest, SameAliasTwoPeoplePicksTheOneInOffice) {
  Document doc = Run("Bush spoke to reporters.", "2003-03-20");
  ASSERT_NE(Find(doc, "Bush"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "Bush")->name, "George W. Bush");
  EXPECT_EQ(Find(doc, "Bush")->code, "USAGOV");
  doc = Run("Clinton spoke to reporters.", "2010-03-20");
  ASSERT_NE(Find(doc, "Clinton"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "Clinton")->name, "Hillary Clinton");
}

TEST_F(RecognizerTest, DateRangedGroup) {
  Document doc = Run("The Taliban captured the district.", "2019-04-12");
  const ActorMention* m = Containing(doc, "Taliban");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "AFGINSTAL");
  doc = Run("The Taliban captured the district.", "2022-04-12");
  m = Containing(doc, "Taliban");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "AFGGOVTAL");
}

TEST_F(RecognizerTest, AppositionIsOneMention) {
  Document doc = Run("Turkey, a NATO member, closed its airspace.");
  const ActorMention* m = Find(doc, "Turkey");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "TUR");
  EXPECT_EQ(Containing(doc, "NATO"), nullptr) << Dump(doc);
}

// A sentence opening with a place phrase is no apposition: the agent after
// the comma is a mention of its own, and "it" refers to it.
TEST_F(RecognizerTest, AnOpeningPlacePhraseIsNoApposition) {
  Document doc = Run(
      "In Washington, the U.S. Commerce Department said on Thursday it had restricted exports.");
  const ActorMention* m = Find(doc, "the U.S. Commerce Department");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "USAGOV");
  const ActorMention* it = Find(doc, "it");
  ASSERT_NE(it, nullptr) << Dump(doc);
  EXPECT_EQ(it->code, "USAGOV");
  // After "according to" a name keeps its appositive.
  doc = Run("According to Pramila Patten, the UN envoy, the talks failed.");
  EXPECT_EQ(Find(doc, "the UN envoy"), nullptr) << Dump(doc);
}

TEST_F(RecognizerTest, PronounResolvesToPerson) {
  Document doc = Run("Vladimir Putin arrived in Ankara on Monday. He said the talks were useful.",
                     "2019-01-01");
  const ActorMention* he = Find(doc, "He");
  ASSERT_NE(he, nullptr) << Dump(doc);
  EXPECT_EQ(he->kind, Kind::kPronoun);
  ASSERT_GE(he->antecedent, 0);
  EXPECT_EQ(doc.mentions[he->antecedent].name, "Vladimir Putin");
  EXPECT_EQ(he->code, "RUSGOV");
}

TEST_F(RecognizerTest, PossessivePronounGivesTheCountry) {
  Document doc = Run("Moscow said its air force hit 27 targets.");
  const ActorMention* m = Find(doc, "its air force");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "RUSMIL");
}

TEST_F(RecognizerTest, ShortReferences) {
  Document doc =
      Run("The Syrian Observatory for Human Rights said 12 people were killed. "
          "The Observatory said the toll could rise.");
  const ActorMention* full = Containing(doc, "Syrian");
  const ActorMention* ref = Find(doc, "The Observatory");
  ASSERT_NE(full, nullptr) << Dump(doc);
  ASSERT_NE(ref, nullptr) << Dump(doc);
  EXPECT_EQ(ref->kind, Kind::kReference);
  EXPECT_EQ(ref->code, full->code);
  EXPECT_EQ(&doc.mentions[ref->antecedent], full);
}

TEST_F(RecognizerTest, TheGroupAndTheMilitants) {
  Document doc =
      Run("Islamic State claimed the bombing in a statement. The group said more attacks would "
          "follow. Police said the militants fled.");
  const ActorMention* g = Find(doc, "The group");
  ASSERT_NE(g, nullptr) << Dump(doc);
  EXPECT_EQ(g->code, "IMGMOSISI");
  EXPECT_EQ(g->kind, Kind::kReference);
  const ActorMention* m = Find(doc, "the militants");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "IMGMOSISI");
}

TEST_F(RecognizerTest, TheMinistryResolvesToTheSameHead) {
  Document doc =
      Run("The Russian defence ministry said its jets hit ten targets. The ministry gave no "
          "further details.");
  const ActorMention* m = Find(doc, "The ministry");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "RUSGOV");
  EXPECT_EQ(m->kind, Kind::kReference);
}

// A definite sector noun ("the rebels", "the government") never takes the
// code of a named group of another sector, nor of each other.
TEST_F(RecognizerTest, DefiniteSectorNounKeepsItsSector) {
  Document doc =
      Run("Hezbollah said it fired rockets at Israeli positions. The rebels said they would "
          "withdraw if the government agreed to talks.");
  const ActorMention* rebels = Find(doc, "The rebels");
  ASSERT_NE(rebels, nullptr) << Dump(doc);
  EXPECT_EQ(rebels->code, "---REB") << Dump(doc);
  EXPECT_EQ(rebels->antecedent, -1) << Dump(doc);
  const ActorMention* gov = Find(doc, "the government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "---GOV") << Dump(doc);
  EXPECT_EQ(gov->antecedent, -1) << Dump(doc);
  const ActorMention* it = Find(doc, "it");
  ASSERT_NE(it, nullptr) << Dump(doc);
  EXPECT_EQ(it->code, "LBNUAFHEZ");
}

// Within the sector or its family the nearest named antecedent wins:
// "the rebels" => a REB group, "the militants" => an IMG/INS group; a group
// of another sector is skipped ("the militants" after Hezbollah, UAF).
TEST_F(RecognizerTest, DefiniteSectorNounResolvesWithinItsFamily) {
  Document doc = Run("Houthi rebels fired a missile at the port. The rebels said it was a warning.",
                     "2018-11-22");
  const ActorMention* m = Find(doc, "The rebels");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "YEMREBHTH") << Dump(doc);
  EXPECT_EQ(m->antecedent, 0) << Dump(doc);

  doc = Run("The Islamic State claimed the bombing. The militants said their fighters escaped.");
  m = Find(doc, "The militants");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "IMGMOSISI") << Dump(doc);

  doc = Run("Hezbollah fighters crossed the border. The militants fired mortars.");
  m = Find(doc, "The militants");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "---INS") << Dump(doc);
  EXPECT_EQ(m->antecedent, -1) << Dump(doc);
}

// "the government" takes the country of a country or state actor nearby
// (no antecedent: the code is not a copy), never of a rebel group; the
// story's home country may still give it one.
TEST_F(RecognizerTest, GovernmentTakesNoCountryFromArmedGroups) {
  Document doc = Run("Syrian troops shelled the town. The government said it would not negotiate.");
  const ActorMention* gov = Find(doc, "The government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "SYRGOV") << Dump(doc);
  EXPECT_EQ(gov->antecedent, -1) << Dump(doc);

  doc = Run("M23 rebels seized the town. The rebels said the government refused to negotiate.",
            "2022-11-03");
  gov = Find(doc, "the government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "---GOV") << Dump(doc);
  EXPECT_EQ(gov->antecedent, -1) << Dump(doc);

  doc =
      Run("Congolese troops fought M23 rebels near Goma in eastern Congo on Monday. Thousands of "
          "residents fled to Uganda from Congo. M23 said the government had refused to negotiate.",
          "2022-11-03");
  gov = Find(doc, "the government");
  ASSERT_NE(gov, nullptr) << Dump(doc);
  EXPECT_EQ(gov->code, "CODGOV") << Dump(doc);  // the home country
  EXPECT_EQ(gov->antecedent, -1) << Dump(doc);
}

// "they" needs a plural head or an armed group; "it" a non-person.
TEST_F(RecognizerTest, PronounsAgreeInNumber) {
  Document doc = Run("Russian troops entered the village. They said it was calm.");
  const ActorMention* they = Find(doc, "They");
  ASSERT_NE(they, nullptr) << Dump(doc);
  EXPECT_EQ(they->code, "RUSMIL");
  EXPECT_EQ(they->antecedent, 0);

  doc = Run("NATO said they would send more troops.");
  EXPECT_EQ(Find(doc, "they"), nullptr) << Dump(doc);

  doc = Run("The Defence Ministry said it had sent reinforcements. They arrived on Monday.");
  EXPECT_EQ(Find(doc, "They"), nullptr) << Dump(doc);
  const ActorMention* it = Find(doc, "it");
  ASSERT_NE(it, nullptr) << Dump(doc);
  EXPECT_EQ(it->code, "---GOV");

  doc = Run("The Houthis said they had captured the town.", "2018-11-22");
  they = Find(doc, "they");
  ASSERT_NE(they, nullptr) << Dump(doc);
  EXPECT_EQ(they->code, "YEMREBHTH");
}

// "they" may be the owner of plural non-actors: "the council's members".
TEST_F(RecognizerTest, TheyAfterAnOwnerOfPluralMembers) {
  Document doc = Run(
      "The U.N. Security Council met on Monday. The council's members said they were concerned.");
  const ActorMention* they = Find(doc, "they");
  ASSERT_NE(they, nullptr) << Dump(doc);
  EXPECT_EQ(they->code, "IGOUNO");
  doc = Run("The U.N. Security Council met on Monday. The council said they were concerned.");
  EXPECT_EQ(Find(doc, "they"), nullptr) << Dump(doc);
}

// "he" / "she" only for persons: named people or person agents.
TEST_F(RecognizerTest, PersonPronounsNeedAPerson) {
  Document doc =
      Run("The army said it had shelled rebel positions. He said the operation was over.");
  EXPECT_EQ(Find(doc, "He"), nullptr) << Dump(doc);
  doc = Run("Syria said the attack killed ten people. She said it was a crime.");
  EXPECT_EQ(Find(doc, "She"), nullptr) << Dump(doc);
  doc =
      Run("The army shelled rebel positions. A military spokesman said he expected more fighting.");
  const ActorMention* he = Find(doc, "he");
  ASSERT_NE(he, nullptr) << Dump(doc);
  EXPECT_EQ(he->code, "---MIL");
  ASSERT_GE(he->antecedent, 0);
  EXPECT_EQ(Text(doc, doc.mentions[he->antecedent]), "A military spokesman");
}

// "its forces" after a government without a country: the state's military.
TEST_F(RecognizerTest, ItsForcesAfterAGovernment) {
  Document doc = Run("The government said its forces were advancing.");
  const ActorMention* m = Find(doc, "its forces");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "---MIL");
}

TEST_F(RecognizerTest, BackerBeforeHyphenIsNoActor) {
  Document doc = Run("Iran-backed militias fired rockets at the base.");
  EXPECT_EQ(Find(doc, "Iran"), nullptr) << Dump(doc);
  const ActorMention* m = Containing(doc, "militias");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "---UAF");  // backed by Iran, not Iranian
  EXPECT_EQ(doc.Form(doc.tokens[m->token_begin]), "Iran");
}

TEST_F(RecognizerTest, GenericMembersNeedAModifier) {
  Document doc = Run("Fifteen members voted for the resolution.");
  EXPECT_TRUE(doc.mentions.empty()) << Dump(doc);
  doc = Run("Hezbollah members crossed the border.");
  const ActorMention* m = Find(doc, "Hezbollah members");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "LBNUAFHEZ");
}

TEST_F(RecognizerTest, PossessivePronounOfAGroup) {
  Document doc = Run("The Taliban said its fighters had captured two checkpoints.", "2019-04-12");
  const ActorMention* m = Find(doc, "its fighters");
  ASSERT_NE(m, nullptr) << Dump(doc);
  EXPECT_EQ(m->code, "AFGINSTAL");
}

TEST_F(RecognizerTest, HomeCountryOfTheStory) {
  const std::string text =
      "YANGON (sitrep) - Police fired tear gas at protesters in Myanmar on Friday. "
      "Myanmar's junta said order would be restored. Burmese exiles in Thailand "
      "called for calm, and gunmen attacked a post near the Myanmar border.";
  Document doc = Run(text, "2021-03-05");
  const ActorMention* police = Find(doc, "Police");
  ASSERT_NE(police, nullptr) << Dump(doc);
  EXPECT_EQ(police->code, "MMRCOP");
  const ActorMention* protesters = Find(doc, "protesters");
  ASSERT_NE(protesters, nullptr) << Dump(doc);
  EXPECT_EQ(protesters->code, "MMROPP");
  const ActorMention* gunmen = Find(doc, "gunmen");
  ASSERT_NE(gunmen, nullptr) << Dump(doc);
  EXPECT_EQ(gunmen->code, "---UAF");  // unaligned armed men get no country
  // Off: the sector only.
  auto plain = Recognizer::Create({.dictionary_dir = "", .home_country = HomeCountry::kOff});
  ASSERT_TRUE(plain.ok());
  ASSERT_TRUE((*plain)->Process(doc).ok());
  ASSERT_NE(Find(doc, "Police"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "Police")->code, "---COP");
}

TEST_F(RecognizerTest, NoHomeCountryWhenCountriesCompete) {
  Document doc =
      Run("Police arrested traders near the border. Kenya and Uganda both denied it. "
          "Uganda and Kenya later met.");
  const ActorMention* police = Find(doc, "Police");
  ASSERT_NE(police, nullptr) << Dump(doc);
  EXPECT_EQ(police->code, "---COP");
}

// One Recognizer shared by threads gives the same mentions as one thread.
TEST_F(RecognizerTest, SharedAcrossThreads) {
  const std::vector<std::string> texts = {
      "Syrian troops and allied militia attacked rebels near Hama. Moscow said its air force "
      "hit Islamic State targets.",
      "The Taliban said its fighters captured two districts. Afghan forces denied it.",
      "Turkey, a NATO member, said Russian jets had crossed its airspace. Ankara summoned "
      "the Russian ambassador."};
  std::vector<Document> docs;
  std::vector<std::string> expected;
  for (const std::string& t : texts) {
    docs.push_back(Run(t, "2019-04-12"));
    expected.push_back(Dump(docs.back()));
  }
  std::vector<std::vector<Document>> copies(2, docs);
  std::vector<std::thread> threads;
  for (auto& batch : copies) {
    threads.emplace_back([&batch] {
      for (int round = 0; round < 50; ++round) {
        for (Document& d : batch) (void)recognizer_->Process(d);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  for (const auto& batch : copies) {
    for (size_t i = 0; i < batch.size(); ++i) EXPECT_EQ(Dump(batch[i]), expected[i]);
  }
}

TEST_F(RecognizerTest, UnresolvedPronounIsDropped) {
  Document doc = Run("They said nothing.");
  EXPECT_TRUE(doc.mentions.empty()) << Dump(doc);
}

TEST_F(RecognizerTest, CaseSensitiveAbbreviations) {
  Document doc = Run("Let us see what it is. It is late, said the US envoy.");
  for (const ActorMention& m : doc.mentions) {
    EXPECT_NE(Text(doc, m), "us") << Dump(doc);
    EXPECT_NE(m.code, "IMGMOSISI") << Dump(doc);
  }
  ASSERT_NE(Find(doc, "the US envoy"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "the US envoy")->code, "USAGOV");
}

TEST_F(RecognizerTest, MentionsAreInTextOrderAndDisjoint) {
  Document doc =
      Run("Syrian troops and Hezbollah fighters attacked rebels near Aleppo, the Syrian "
          "Observatory said. Russian jets and Turkish artillery hit the town. Lavrov said Moscow "
          "and Ankara would talk. The UN said it was alarmed.");
  ASSERT_GE(doc.mentions.size(), 6u) << Dump(doc);
  for (size_t i = 1; i < doc.mentions.size(); ++i) {
    EXPECT_LE(doc.mentions[i - 1].token_end, doc.mentions[i].token_begin) << Dump(doc);
  }
  for (const ActorMention& m : doc.mentions) {
    EXPECT_LT(m.token_begin, m.token_end);
    EXPECT_GE(m.head, m.token_begin);
    EXPECT_LT(m.head, m.token_end);
    EXPECT_LT(m.sentence, doc.sentences.size());
    if (m.antecedent >= 0) {
      EXPECT_LT(doc.mentions[m.antecedent].token_begin, m.token_begin);
    }
  }
}

TEST_F(RecognizerTest, MentionAt) {
  Document doc = Run("Syrian troops shelled the town.");
  ASSERT_EQ(doc.mentions.size(), 1u) << Dump(doc);
  EXPECT_EQ(MentionAt(doc, 1), 0);  // "troops", the head
  EXPECT_EQ(MentionAt(doc, 0), 0);  // "Syrian", inside
  EXPECT_EQ(MentionAt(doc, 2), -1);
  EXPECT_EQ(MentionAt(doc, 1000), -1);
}

TEST_F(RecognizerTest, EmptyDocument) {
  Document doc = Run("");
  EXPECT_TRUE(doc.mentions.empty());
  Document bare;
  EXPECT_TRUE(recognizer_->Process(bare).ok());
}

TEST_F(RecognizerTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    std::string text;
    int n = static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) {
      // Mix random bytes with dictionary words to exercise the matcher.
      static const char* kWords[] = {" Syrian ", " troops ",   " Moscow ", " said ",
                                     " its ",    " the ",      " group ",  ", a ",
                                     " IS ",     " al-Qaeda ", "'s "};
      if (rng() % 3 == 0) {
        text += kWords[rng() % (sizeof kWords / sizeof kWords[0])];
      } else {
        text.push_back(static_cast<char>(rng() % 256));
      }
    }
    Document doc;
    doc.text = text;
    if (!analyzer_->Analyze(doc).ok()) continue;  // the analyzer may refuse bad UTF-8
    EXPECT_TRUE(recognizer_->Process(doc).ok());
  }
}

TEST_F(RecognizerTest, UnparsedAndInconsistentTokens) {
  Document doc = Run("Syrian troops said they shelled Moscow.");
  for (Token& t : doc.tokens) {
    t.head = -1;
    t.deprel.clear();
    t.lemma.clear();
  }
  EXPECT_TRUE(recognizer_->Process(doc).ok());
  // Heads pointing outside the sentence are ignored.
  for (Token& t : doc.tokens) t.head = 1000;
  EXPECT_TRUE(recognizer_->Process(doc).ok());
  // A sentence range beyond the tokens is an error, not a crash.
  doc.sentences[0].token_end = static_cast<uint32_t>(doc.tokens.size() + 5);
  EXPECT_FALSE(recognizer_->Process(doc).ok());
}

TEST_F(RecognizerTest, WarningsFromABrokenDictionaryDirectory) {
  auto r = Recognizer::Create({.dictionary_dir = "/nonexistent/actors", .home_country = {}});
  EXPECT_FALSE(r.ok());
  auto d = Dictionary::FromTexts(
      {{"countries.txt", "SYR | Syria\n"}, {"agents.txt", "troops | MIL\ntroops\n"}});
  std::unique_ptr<Recognizer> rec = Recognizer::FromDictionary(std::move(d));
  ASSERT_EQ(rec->warnings().size(), 1u);
  EXPECT_EQ(rec->warnings()[0].rfind("agents.txt:2: ", 0), 0u) << rec->warnings()[0];
}

}  // namespace
}  // namespace sitrep::actors

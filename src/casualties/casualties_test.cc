#include "casualties/casualties.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::casualties {
namespace {

using Kind = Casualty::Kind;
using Qualifier = Casualty::Qualifier;

// ---------------------------------------------------------------------------
// Number reading.

std::optional<Number> Read(std::vector<std::string_view> words) { return ReadNumber(words); }

TEST(ReadNumber, DigitsAndSeparators) {
  EXPECT_EQ(Read({"13"})->value, 13);
  EXPECT_EQ(Read({"10,000"})->value, 10000);
  EXPECT_EQ(Read({"250,000", "people"})->value, 250000);
  EXPECT_EQ(Read({"250,000", "people"})->words, 1u);
  EXPECT_EQ(Read({"1.5", "million"})->value, 1500000);
  EXPECT_EQ(Read({"1.5", "million"})->words, 2u);
  EXPECT_EQ(Read({"13", "thousand"})->value, 13000);
  EXPECT_FALSE(Read({"1.5"}));    // not a head count
  EXPECT_FALSE(Read({"10,00"}));  // malformed grouping
  EXPECT_FALSE(Read({"3rd"}));
  EXPECT_FALSE(Read({"2014-15"}));
  EXPECT_FALSE(Read({"people"}));
  EXPECT_FALSE(Read({}));
}

TEST(ReadNumber, Words) {
  EXPECT_EQ(Read({"thirteen"})->value, 13);
  EXPECT_EQ(Read({"twenty-five"})->value, 25);
  EXPECT_EQ(Read({"thirty", "-", "three", "soldiers"})->value, 33);
  EXPECT_EQ(Read({"thirty", "-", "three", "soldiers"})->words, 3u);
  EXPECT_EQ(Read({"two", "hundred"})->value, 200);
  EXPECT_EQ(Read({"two", "hundred", "and", "fifty", "people"})->value, 250);
  EXPECT_EQ(Read({"two", "hundred", "and", "fifty", "people"})->words, 4u);
  EXPECT_EQ(Read({"three", "thousand", "five", "hundred"})->value, 3500);
  EXPECT_EQ(Read({"a", "hundred", "people"})->value, 100);
  EXPECT_EQ(Read({"one", "million"})->value, 1000000);
  // "and" not followed by a number word is not part of it.
  EXPECT_EQ(Read({"two", "and", "a", "half"})->value, 2);
  EXPECT_EQ(Read({"two", "and", "a", "half"})->words, 1u);
}

TEST(ReadNumber, VagueQuantitiesUseAcledMinimum) {
  auto d = Read({"dozens", "of", "people"});
  ASSERT_TRUE(d);
  EXPECT_EQ(d->value, 12);
  EXPECT_TRUE(d->vague);
  EXPECT_EQ(d->words, 1u);
  EXPECT_EQ(Read({"scores"})->value, 20);
  EXPECT_EQ(Read({"hundreds"})->value, 100);
  EXPECT_EQ(Read({"thousands"})->value, 1000);
  EXPECT_EQ(Read({"tens", "of", "thousands", "of", "people"})->value, 10000);
  EXPECT_EQ(Read({"tens", "of", "thousands"})->words, 3u);
  EXPECT_EQ(Read({"hundreds", "of", "thousands"})->value, 100000);
  auto a = Read({"a", "dozen", "soldiers"});
  ASSERT_TRUE(a);
  EXPECT_EQ(a->value, 12);
  EXPECT_TRUE(a->approximate);
  EXPECT_EQ(Read({"two", "dozen"})->value, 24);
  EXPECT_EQ(Read({"a", "couple", "of"})->value, 2);
  EXPECT_FALSE(Read({"a", "soldier"}));
  EXPECT_FALSE(Read({"several"}));
}

TEST(ReadNumber, OverflowIsFlaggedNeverWrapped) {
  auto n = Read({"99999999999999999999999"});
  ASSERT_TRUE(n);
  EXPECT_TRUE(n->overflow);
  EXPECT_EQ(n->value, 0);
  auto m = Read({"9,000,000,000,000", "billion"});
  ASSERT_TRUE(m);
  EXPECT_TRUE(m->overflow);
  auto w = Read({"nine", "billion", "billion", "billion"});
  ASSERT_TRUE(w);
  EXPECT_TRUE(w->overflow || w->value > 0);  // never negative, never UB
  EXPECT_GE(w->value, 0);
}

// ---------------------------------------------------------------------------
// Through the real analyzer and event coder.

class CasualtiesTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Create({});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(*a).release();
    auto c = events::CreateCoder({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = std::move(*c).release();
    auto s = CasualtyStage::Create({});
    ASSERT_TRUE(s.ok());
    stage_ = std::move(*s).release();
  }
  static void TearDownTestSuite() {
    delete stage_;
    delete coder_;
    delete analyzer_;
  }

  static Document Run(const std::string& text) {
    Document doc;
    doc.id = "t";
    doc.date = "2020-01-01";
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    Status st = stage_->Process(doc);
    EXPECT_TRUE(st.ok()) << st.ToString();
    return doc;
  }
  // The first count of the given kind, or nullptr.
  static const Casualty* First(const Document& doc, Kind kind) {
    for (const Casualty& c : doc.casualties)
      if (c.kind == kind) return &c;
    return nullptr;
  }
  static std::string Trigger(const Document& doc, int32_t event) {
    if (event < 0) return "";
    const Event& e = doc.events[static_cast<size_t>(event)];
    return std::string(
        doc.Slice(doc.tokens[e.trigger_begin].begin, doc.tokens[e.trigger_end - 1].end));
  }
  static std::string Root(const Document& doc, int32_t event) {
    if (event < 0) return "";
    return doc.events[static_cast<size_t>(event)].cameo.substr(0, 2);
  }
  static bool Violent(const Document& doc, int32_t event) {
    std::string r = Root(doc, event);
    return r == "18" || r == "19" || r == "20";
  }

  static inline Analyzer* analyzer_ = nullptr;
  static inline EventCoder* coder_ = nullptr;
  static inline CasualtyStage* stage_ = nullptr;
};

// `doc` may be a temporary (Run(...)): bound once to a reference, which keeps it alive.
#define EXPECT_COUNT(doc, kind, n, qual)                                              \
  do {                                                                                \
    const Document& d_ = (doc);                                                       \
    const Casualty* c_ = First(d_, kind);                                             \
    ASSERT_NE(c_, nullptr) << d_.text;                                                \
    EXPECT_EQ(c_->count, n) << d_.text;                                               \
    EXPECT_EQ(c_->qualifier, qual) << d_.text << " " << QualifierName(c_->qualifier); \
  } while (0)

TEST_F(CasualtiesTest, ParticipleOfTheAttackCarriesTheDeaths) {
  Document doc =
      Run("Gunmen attacked a checkpoint near the border on Monday, killing at least 13 "
          "civilians.");
  ASSERT_EQ(doc.casualties.size(), 1u);
  const Casualty& c = doc.casualties[0];
  EXPECT_EQ(c.kind, Kind::kKilled);
  EXPECT_EQ(c.count, 13);
  EXPECT_EQ(c.qualifier, Qualifier::kAtLeast);
  EXPECT_EQ(c.victims, "civilians");
  EXPECT_EQ(c.side, "civilian");
  EXPECT_EQ(doc.Slice(c.begin, c.end), "at least 13 civilians");
  EXPECT_FALSE(c.cumulative);
  EXPECT_EQ(Trigger(doc, c.event), "attacked");
  EXPECT_EQ(doc.events[static_cast<size_t>(c.event)].casualties, std::vector<int32_t>{0});
}

// "Suicide bombings at two Kabul markets killed at least 18 people": the
// parser makes "markets" a second subject, or hangs "killed" on it as a
// participle; either way "two" counts markets, not victims.
TEST_F(CasualtiesTest, ACountInAPlacePhraseIsNoVictims) {
  Document doc =
      Run("Suicide bombings at two Kabul markets killed at least 18 people on Sunday, the latest "
          "attacks to hit the city as Afghan forces battle the Taliban movement in Kunduz.");
  ASSERT_EQ(doc.casualties.size(), 1u);
  EXPECT_EQ(doc.casualties[0].count, 18);
  EXPECT_EQ(doc.casualties[0].victims, "people");
}

TEST_F(CasualtiesTest, PassiveSubject) {
  Document doc = Run("Thirteen people were killed when rebels shelled the market.");
  EXPECT_COUNT(doc, Kind::kKilled, 13, Qualifier::kExact);
  EXPECT_TRUE(Violent(doc, First(doc, Kind::kKilled)->event));
}

TEST_F(CasualtiesTest, BareObject) {
  Document doc = Run("Rebels attacked the village on Sunday and killed 13.");
  EXPECT_COUNT(doc, Kind::kKilled, 13, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kKilled)->victims, "");
}

TEST_F(CasualtiesTest, LeftDead) {
  Document doc = Run("A car bomb exploded outside the ministry, leaving 13 people dead.");
  EXPECT_COUNT(doc, Kind::kKilled, 13, Qualifier::kExact);
  doc = Run("The bombing left 9 dead and 20 wounded.");
  EXPECT_COUNT(doc, Kind::kKilled, 9, Qualifier::kExact);
}

TEST_F(CasualtiesTest, DeathToll) {
  Document doc = Run("The death toll from the bombing rose to 40 on Tuesday.");
  EXPECT_COUNT(doc, Kind::kKilled, 40, Qualifier::kExact);
  EXPECT_FALSE(First(doc, Kind::kKilled)->cumulative);
}

TEST_F(CasualtiesTest, TollSupersedesEarlierCountsOfItsEvent) {
  Document doc =
      Run("A car bomb exploded in the market on Monday, killing 30 people. The death toll "
          "from the bombing rose to 40 on Tuesday.");
  ASSERT_EQ(doc.casualties.size(), 2u);
  int64_t total = 0;
  for (const Event& e : doc.events)
    for (int32_t i : e.casualties)
      if (doc.casualties[static_cast<size_t>(i)].kind == Kind::kKilled)
        total += doc.casualties[static_cast<size_t>(i)].count;
  ASSERT_GE(doc.casualties[0].event, 0);
  EXPECT_EQ(doc.casualties[1].event, doc.casualties[0].event);  // the toll's event
  EXPECT_EQ(total, 40);
}

TEST_F(CasualtiesTest, KilledAndWoundedHeadline) {
  Document doc = Run("13 killed and 20 wounded in market bombing");
  EXPECT_COUNT(doc, Kind::kKilled, 13, Qualifier::kExact);
  EXPECT_COUNT(doc, Kind::kInjured, 20, Qualifier::kExact);
}

TEST_F(CasualtiesTest, HeadlinesWithBrokenParses) {
  // Our own headline-style lines; the parser often gets these wrong, the
  // lexical fallback reads the count next to the casualty word.
  EXPECT_COUNT(Run("11 Somali Rebels killed near the river town"), Kind::kKilled, 11,
               Qualifier::kExact);
  EXPECT_COUNT(Run("Nine Nigerien soldiers killed in Islamic State ambush"), Kind::kKilled, 9,
               Qualifier::kExact);
  EXPECT_COUNT(Run("Bandits Kill 3 in Zamfara village"), Kind::kKilled, 3, Qualifier::kExact);
  Document doc = Run("Three dead, 41 wounded in bus station explosion.");
  EXPECT_COUNT(doc, Kind::kKilled, 3, Qualifier::kExact);
  EXPECT_COUNT(doc, Kind::kInjured, 41, Qualifier::kExact);
  EXPECT_COUNT(Run("Commander killed in fight with smugglers"), Kind::kKilled, 1,
               Qualifier::kExact);
  EXPECT_COUNT(Run("Market blast death toll climbs to six"), Kind::kKilled, 6, Qualifier::kExact);
  Document toll = Run("Yemen death toll passes 150,000");
  const Casualty* c = First(toll, Kind::kKilled);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->count, 150000);
  EXPECT_TRUE(c->cumulative);
  // A casualty word between the number and its noun is a modifier.
  doc = Run("At least five displaced villagers killed in a fresh raid by gunmen");
  EXPECT_COUNT(doc, Kind::kKilled, 5, Qualifier::kAtLeast);
  EXPECT_EQ(First(doc, Kind::kDisplaced), nullptr);
  EXPECT_EQ(First(Run("Troops capture 2 rebel camps in the hills"), Kind::kArrested), nullptr);
  // Money and units are not head counts.
  doc = Run("Smuggler carrying bounty of Rs 9 lakh killed in shootout");
  for (const Casualty& k : doc.casualties) EXPECT_NE(k.count, 9);
}

TEST_F(CasualtiesTest, DeadAndWounded) {
  Document doc =
      Run("Militants stormed the army base, killing one soldier and wounding 20 others.");
  EXPECT_COUNT(doc, Kind::kKilled, 1, Qualifier::kExact);
  EXPECT_COUNT(doc, Kind::kInjured, 20, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "government");
}

TEST_F(CasualtiesTest, IntransitiveDie) {
  Document doc = Run("At least 4 officers died in the ambush.");
  EXPECT_COUNT(doc, Kind::kKilled, 4, Qualifier::kAtLeast);
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "security");
}

TEST_F(CasualtiesTest, Slain) {
  Document doc = Run("Two soldiers were slain near the border.");
  EXPECT_COUNT(doc, Kind::kKilled, 2, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "government");
}

TEST_F(CasualtiesTest, ArrestsAndDetentions) {
  Document doc = Run("Police arrested 30 protesters in the capital on Friday.");
  EXPECT_COUNT(doc, Kind::kArrested, 30, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kArrested)->side, "protester");
  doc = Run("Security forces detained dozens of students after the march.");
  EXPECT_COUNT(doc, Kind::kArrested, 12, Qualifier::kAtLeast);
  EXPECT_EQ(First(doc, Kind::kArrested)->victims, "students");
}

TEST_F(CasualtiesTest, Abduction) {
  Document doc = Run("Gunmen abducted 276 schoolgirls from a school in the north.");
  EXPECT_COUNT(doc, Kind::kAbducted, 276, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kAbducted)->side, "civilian");
}

TEST_F(CasualtiesTest, Displacement) {
  Document doc = Run("The attack displaced 10,000 people from their homes.");
  EXPECT_COUNT(doc, Kind::kDisplaced, 10000, Qualifier::kExact);
}

TEST_F(CasualtiesTest, NumberWordsInText) {
  Document doc = Run("Militants killed twenty-five soldiers in the raid.");
  EXPECT_COUNT(doc, Kind::kKilled, 25, Qualifier::kExact);
  doc = Run("Fighters killed two hundred and fifty villagers, witnesses said.");
  EXPECT_COUNT(doc, Kind::kKilled, 250, Qualifier::kExact);
  doc = Run("The floods and fighting displaced 1.5 million people in the region.");
  EXPECT_COUNT(doc, Kind::kDisplaced, 1500000, Qualifier::kExact);
  doc = Run("Security forces arrested hundreds of protesters.");
  EXPECT_COUNT(doc, Kind::kArrested, 100, Qualifier::kAtLeast);
  doc = Run("The offensive displaced tens of thousands of people.");
  EXPECT_COUNT(doc, Kind::kDisplaced, 10000, Qualifier::kAtLeast);
  doc = Run("Gunmen killed a dozen villagers.");
  EXPECT_COUNT(doc, Kind::kKilled, 12, Qualifier::kAbout);
}

TEST_F(CasualtiesTest, Qualifiers) {
  EXPECT_COUNT(Run("Jets bombed the town, killing more than 100 people."), Kind::kKilled, 100,
               Qualifier::kAtLeast);
  EXPECT_COUNT(Run("Jets bombed the town, killing nearly 50 people."), Kind::kKilled, 50,
               Qualifier::kAtMost);
  EXPECT_COUNT(Run("Jets bombed the town, killing up to 30 people."), Kind::kKilled, 30,
               Qualifier::kAtMost);
  EXPECT_COUNT(Run("Jets bombed the town, killing about 20 people."), Kind::kKilled, 20,
               Qualifier::kAbout);
  EXPECT_COUNT(Run("Jets bombed the town, killing some 20 people."), Kind::kKilled, 20,
               Qualifier::kAbout);
  EXPECT_COUNT(Run("Jets bombed the town, killing over 60 people."), Kind::kKilled, 60,
               Qualifier::kAtLeast);
  EXPECT_COUNT(Run("More than 10+ people were killed in the attack."), Kind::kKilled, 10,
               Qualifier::kAtLeast);
  EXPECT_COUNT(Run("Witnesses said 10+ people were killed in the attack."), Kind::kKilled, 10,
               Qualifier::kAtLeast);
}

TEST_F(CasualtiesTest, SinglePeopleWithoutNumbers) {
  EXPECT_COUNT(Run("A soldier was killed in the attack."), Kind::kKilled, 1, Qualifier::kExact);
  EXPECT_COUNT(Run("Insurgents killed the district governor in Helmand."), Kind::kKilled, 1,
               Qualifier::kExact);
  EXPECT_COUNT(Run("Both soldiers died in the explosion."), Kind::kKilled, 2, Qualifier::kExact);
  Document doc = Run("A husband, his wife and their baby were killed in the raid.");
  EXPECT_COUNT(doc, Kind::kKilled, 3, Qualifier::kExact);
  EXPECT_EQ(First(doc, Kind::kKilled)->victims, "husband, his wife and their baby");
  EXPECT_COUNT(Run("Gunmen killed a doctor and his driver."), Kind::kKilled, 2, Qualifier::kExact);
  // Single people and a number in one list: 2 + 2.
  doc = Run("Gunmen killed a judge, his son and two guards.");
  int64_t killed = 0;
  for (const Casualty& c : doc.casualties)
    if (c.kind == Kind::kKilled) killed += c.count;
  EXPECT_EQ(killed, 4);
}

TEST_F(CasualtiesTest, CountInTheNextSentenceGoesToThePreviousViolentEvent) {
  Document doc =
      Run("Syrian jets bombed the town of Ariha on Thursday. At least 13 civilians were "
          "killed, a monitor said.");
  const Casualty* c = First(doc, Kind::kKilled);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->sentence, 1u);
  EXPECT_EQ(c->count, 13);
  ASSERT_GE(c->event, 0);
  EXPECT_EQ(doc.events[static_cast<size_t>(c->event)].sentence, 0u);
  EXPECT_EQ(Trigger(doc, c->event), "bombed");
}

TEST_F(CasualtiesTest, KilledCountsGoOnlyToViolentEvents) {
  Document doc = Run("The minister met the ambassador on Monday. He said 13 people were killed.");
  for (const Casualty& c : doc.casualties) {
    if (c.event >= 0) {
      EXPECT_TRUE(Violent(doc, c.event)) << doc.events[c.event].cameo;
    }
  }
}

TEST_F(CasualtiesTest, RunningTotalsAreCumulative) {
  Document doc = Run("The war has killed 250,000 people.");
  const Casualty* c = First(doc, Kind::kKilled);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->count, 250000);
  EXPECT_TRUE(c->cumulative);
  EXPECT_EQ(c->event, -1);
  for (const Event& e : doc.events) EXPECT_TRUE(e.casualties.empty());

  doc =
      Run("Rebels shelled the city on Monday, killing 5 people. More than 300 people have been "
          "killed there since March.");
  ASSERT_EQ(doc.casualties.size(), 2u);
  EXPECT_FALSE(doc.casualties[0].cumulative);
  EXPECT_TRUE(doc.casualties[1].cumulative);
  EXPECT_EQ(doc.casualties[1].event, -1);

  // An aggregate over a period.
  doc = Run("The army said it had killed 130 militants over the past week.");
  ASSERT_NE(First(doc, Kind::kKilled), nullptr);
  EXPECT_TRUE(First(doc, Kind::kKilled)->cumulative);

  doc = Run("Gunmen shot dead two policemen, bringing the death toll to 40.");
  bool saw_total = false;
  for (const Casualty& k : doc.casualties)
    if (k.count == 40) {
      saw_total = true;
      EXPECT_TRUE(k.cumulative);
      EXPECT_EQ(k.event, -1);
    }
  EXPECT_TRUE(saw_total);

  // Raising a toll, and a sum over many days.
  doc = Run("The attack raised the death toll to 270.");
  ASSERT_NE(First(doc, Kind::kKilled), nullptr);
  EXPECT_EQ(First(doc, Kind::kKilled)->count, 270);
  EXPECT_TRUE(First(doc, Kind::kKilled)->cumulative);
  doc = Run("Air strikes killed 200 people in 13 days.");
  ASSERT_NE(First(doc, Kind::kKilled), nullptr);
  EXPECT_TRUE(First(doc, Kind::kKilled)->cumulative);
  // One day's figure is not.
  doc = Run("Gunmen killed 15 people in 24 hours.");
  ASSERT_NE(First(doc, Kind::kKilled), nullptr);
  EXPECT_FALSE(First(doc, Kind::kKilled)->cumulative);
  // Nor is "since dawn": the day's toll of the day's attacks.
  for (const char* text :
       {"At least 12 people have been killed in air strikes on Douma since dawn.",
        "Five soldiers have been killed in clashes near Hama since this morning."}) {
    doc = Run(text);
    ASSERT_NE(First(doc, Kind::kKilled), nullptr) << text;
    EXPECT_FALSE(First(doc, Kind::kKilled)->cumulative) << text;
    EXPECT_GE(First(doc, Kind::kKilled)->event, 0) << text;
  }
}

TEST_F(CasualtiesTest, RepeatedDeathsAreNotCountedTwice) {
  Document doc =
      Run("Gunmen attacked a bus in the north on Monday, killing 13 civilians. The government "
          "condemned the attack. Officials said 13 civilians were killed in the attack.");
  std::vector<const Casualty*> killed;
  for (const Casualty& c : doc.casualties)
    if (c.kind == Kind::kKilled) killed.push_back(&c);
  ASSERT_EQ(killed.size(), 2u);
  EXPECT_EQ(killed[0]->repeats, -1);
  EXPECT_EQ(killed[1]->repeats, 0);
  EXPECT_EQ(killed[1]->event, -1);
  int64_t total = 0;
  for (const Event& e : doc.events)
    for (int32_t i : e.casualties) total += doc.casualties[static_cast<size_t>(i)].count;
  EXPECT_EQ(total, 13);
}

// The dead on the document's events, counted once.
int64_t KilledOnEvents(const Document& doc) {
  int64_t total = 0;
  for (const Event& e : doc.events)
    for (int32_t i : e.casualties)
      if (doc.casualties[static_cast<size_t>(i)].kind == Kind::kKilled)
        total += doc.casualties[static_cast<size_t>(i)].count;
  return total;
}

TEST_F(CasualtiesTest, ALaterCountOfTheSameSideIsPartOfTheTotal) {
  const std::string summary =
      "Two civilians were killed in separate attacks in Kashmir on Monday, police said. ";
  const struct {
    std::string text;
    int64_t dead;
  } cases[] = {
      // The second sentence tells of one of the two civilians.
      {summary + "A civilian was killed and another wounded in a grenade attack in Srinagar.", 2},
      // Another side, or a cue word, adds.
      {"Two soldiers were killed in separate attacks in Kashmir on Monday, police said. A "
       "civilian was killed in a grenade attack in Srinagar.",
       3},
      {summary + "A civilian was also killed in a grenade attack in Srinagar.", 3},
      {summary + "Another civilian was killed in a grenade attack in Srinagar.", 3},
  };
  for (const auto& c : cases) {
    Document doc = Run(c.text);
    EXPECT_EQ(KilledOnEvents(doc), c.dead) << doc.text;
  }
}

TEST_F(CasualtiesTest, ConjoinedVictimsAndPassivesAfterBe) {
  // "a civilian" is a noun before "were", not an adjective; "were hurt" is
  // a passive.
  Document doc = Run("Two soldiers and a civilian were killed in the clashes.");
  EXPECT_EQ(KilledOnEvents(doc), 3) << doc.text;
  EXPECT_COUNT(Run("At least three people died and dozens were hurt when security forces fired "
                   "on protesters."),
               Kind::kInjured, 12, Qualifier::kAtLeast);
}

TEST_F(CasualtiesTest, IncludingIsPartOfTheCount) {
  Document doc = Run("Air strikes killed 13 people, including 4 children, in the town.");
  ASSERT_EQ(doc.casualties.size(), 1u) << doc.casualties.size();
  EXPECT_EQ(doc.casualties[0].count, 13);
  EXPECT_EQ(doc.casualties[0].victims, "people, including 4 children");
}

TEST_F(CasualtiesTest, AmongIsPartOfTheLargerCount) {
  for (const char* text : {"Two BSF men among eight killed in Kashmir",
                           "Two policemen were among eight people killed in the blast."}) {
    Document doc = Run(text);
    ASSERT_EQ(doc.casualties.size(), 1u) << text;
    EXPECT_EQ(doc.casualties[0].count, 8) << text;
  }
}

TEST_F(CasualtiesTest, SinglePeopleAmongALargerCountAreInIt) {
  Document doc =
      Run("Lashkar commander, National Conference activist among eight killed in Kashmir.");
  int64_t killed = 0;
  for (const Casualty& c : doc.casualties)
    if (c.kind == Kind::kKilled) killed += c.count;
  EXPECT_EQ(killed, 8);
}

TEST_F(CasualtiesTest, AHeadlineListSharesItsParticiple) {
  Document doc = Run("Twelve soldiers, 26 insurgents killed in clashes in Afghanistan");
  int64_t killed = 0;
  for (const Casualty& c : doc.casualties)
    if (c.kind == Kind::kKilled) killed += c.count;
  EXPECT_EQ(killed, 38);
}

// Single people listed after a comma: "kill doctor, his associate" (the
// second hung as an oblique) and kin ("a man and his nephew").
TEST_F(CasualtiesTest, AListOfSinglePeopleAfterAComma) {
  for (const char* text : {"Gunmen kill doctor, his associate in east Afghanistan",
                           "A man and his nephew were killed in Kandahar."}) {
    Document doc = Run(text);
    const Casualty* c = First(doc, Kind::kKilled);
    ASSERT_NE(c, nullptr) << text;
    EXPECT_EQ(c->count, 2) << text;
  }
  // A place after the comma is no second victim.
  Document place = Run("Troops kill commander, Kabul");
  const Casualty* c = First(place, Kind::kKilled);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->count, 1);
}

TEST_F(CasualtiesTest, ShotDeadAndBeatenToDeathAreKillings) {
  for (const char* text :
       {"Policeman shot dead in Kabul", "A mob beat a farmer to death.",
        // The parser makes the guard an unmarked oblique of "shot".
        "Presidential guard shot dead in Kabul attack", "Gunmen shot the mayor dead on Monday.",
        "Gunmen gunned down a tribal elder in Uruzgan.",
        // The tagger's model reads this "shot" as a noun.
        "A gunman shot dead a policeman in Culiacan."}) {
    Document doc = Run(text);
    const Casualty* c = First(doc, Kind::kKilled);
    ASSERT_NE(c, nullptr) << text;
    EXPECT_EQ(c->count, 1) << text;
  }
}

// Found in a state of violence: the count is killed (the tagger may read
// "shot" as an adjective there); "found dead" alone says nothing of how.
TEST_F(CasualtiesTest, FoundShotDeadIsAKilling) {
  const struct {
    const char* text;
    int64_t count;
  } kCases[] = {{"Two men were found shot dead in Juarez.", 2},
                {"A man was found shot dead in Juarez on Monday.", 1},
                {"Three women found beheaded near Reynosa", 3},
                // After an active "found", the one found is the object.
                {"Police found a man shot dead in his car.", 1},
                {"Residents found the bodies of three men shot dead near Acapulco.", 3},
                // The tagger's model reads this "shot" as a noun.
                {"Two farmers found a man shot dead near Acapulco.", 1}};
  for (const auto& c : kCases) {
    Document doc = Run(c.text);
    const Casualty* k = First(doc, Kind::kKilled);
    ASSERT_NE(k, nullptr) << c.text;
    EXPECT_EQ(k->count, c.count) << c.text;
  }
}

TEST_F(CasualtiesTest, BurnedOrBuriedAliveAreKillings) {
  for (const char* text : {"Militants burned 12 villagers alive on Tuesday.",
                           "Twelve people were burned alive in their homes.",
                           "Soldiers burn 12 local guerrillas alive in Sagaing"}) {
    Document doc = Run(text);
    const Casualty* c = First(doc, Kind::kKilled);
    ASSERT_NE(c, nullptr) << text;
    EXPECT_EQ(c->count, 12) << text;
  }
  // Burning houses kills no one, and "alive" alone is no death.
  EXPECT_EQ(First(Run("Rioters burned 12 houses in the town."), Kind::kKilled), nullptr);
  EXPECT_EQ(First(Run("Rescuers found 12 miners alive."), Kind::kKilled), nullptr);
}

TEST_F(CasualtiesTest, VictimsAndSides) {
  Document doc = Run("Rebels killed 13 regime forces near Hama.");
  EXPECT_EQ(First(doc, Kind::kKilled)->victims, "regime forces");
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "government");
  doc = Run("Troops killed 11 (rebel) fighters in the clashes.");
  EXPECT_EQ(First(doc, Kind::kKilled)->victims, "(rebel) fighters");
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "rebel");
  doc = Run("Gunmen killed 12 members of the security forces.");
  EXPECT_EQ(First(doc, Kind::kKilled)->victims, "members of the security forces");
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "security");
  doc = Run("Jets bombed the market, killing 7 people.");
  EXPECT_EQ(First(doc, Kind::kKilled)->side, "");  // "people" says nothing of the side
  // The speakers after a comma are not the arrested.
  doc = Run("Police opened fire, killing one person and arresting 12, security sources said.");
  ASSERT_NE(First(doc, Kind::kArrested), nullptr);
  EXPECT_EQ(First(doc, Kind::kArrested)->count, 12);
  EXPECT_EQ(First(doc, Kind::kArrested)->victims, "");
  EXPECT_EQ(First(doc, Kind::kArrested)->side, "");
}

TEST_F(CasualtiesTest, NotCasualties) {
  EXPECT_TRUE(Run("No one was killed in the attack.").casualties.empty());
  EXPECT_TRUE(Run("The rebels threatened to kill 100 hostages.").casualties.empty());
  EXPECT_TRUE(Run("Troops did not kill 20 civilians, the army said.").casualties.empty());
  Document doc = Run("Troops destroyed 13 vehicles and killed 5 fighters on March 3.");
  ASSERT_EQ(doc.casualties.size(), 1u);
  EXPECT_EQ(doc.casualties[0].count, 5);
  EXPECT_TRUE(Run("The ministers met for 3 hours in 2019.").casualties.empty());
  // One count for two kinds: the split is unknown.
  EXPECT_TRUE(Run("About 15 people were killed and injured in the shelling.").casualties.empty());
}

TEST_F(CasualtiesTest, AbsurdCountsAreDroppedWithAWarning) {
  Document doc = Run("Rebels killed 10,000,000,000 people in the attack.");
  EXPECT_TRUE(doc.casualties.empty());
  bool warned = false;
  for (const Diagnostic& d : doc.diagnostics)
    if (d.message.find("implausible casualty count") != std::string::npos) {
      warned = true;
      EXPECT_EQ(doc.text.substr(static_cast<size_t>(d.offset), 14), "10,000,000,000");
    }
  EXPECT_TRUE(warned);
  doc = Run("Rebels killed 999999999999999999999999999 people in the attack.");
  EXPECT_TRUE(doc.casualties.empty());
  EXPECT_FALSE(doc.diagnostics.empty());
  // A plausible large displacement is kept.
  doc = Run("The war displaced 12 million people.");
  EXPECT_COUNT(doc, Kind::kDisplaced, 12000000, Qualifier::kExact);
}

TEST_F(CasualtiesTest, RandomBytesNeverCrash) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 ,.;:-()'\"\n"
      " killed wounded dozens hundreds of at least thousand million 1,000 ";
  for (int i = 0; i < 60; ++i) {
    std::string text;
    size_t len = rng() % 400;
    for (size_t k = 0; k < len; ++k) {
      if (rng() % 7 == 0) {
        static const char* words[] = {" killed ",
                                      " were killed ",
                                      " 13 ",
                                      " dozens of ",
                                      " at least ",
                                      " wounding ",
                                      " the death toll rose to ",
                                      " 99999999999999999999 ",
                                      " since ",
                                      " including "};
        text += words[rng() % 10];
      } else {
        text += alphabet[rng() % alphabet.size()];
      }
    }
    Document doc = Run(text);
    for (const Casualty& c : doc.casualties) {
      EXPECT_GE(c.count, 0);
      EXPECT_LE(c.count, 100'000'000);
      EXPECT_LE(c.begin, c.end);
      EXPECT_LE(c.end, doc.text.size());
      EXPECT_LT(c.event, static_cast<int32_t>(doc.events.size()));
    }
  }
}

// The stage runs inside the Analyzer's pipeline after coding (its required
// layers are provided by the code stage).
TEST(CasualtyStage, RunsAsAContextStageOfTheAnalyzer) {
  auto coder = events::CreateCoder({});
  ASSERT_TRUE(coder.ok());
  auto stage = CasualtyStage::Create({});
  ASSERT_TRUE(stage.ok());
  AnalyzerOptions options;
  options.coder = coder->get();
  options.context_stages = {stage->get()};
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  EXPECT_NE((*analyzer)->pipeline().provided_layers() & kLayerCasualties, 0u);
  Document doc;
  doc.text = "Gunmen attacked a checkpoint, killing at least four officers.";
  ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
  ASSERT_EQ(doc.casualties.size(), 1u);
  EXPECT_EQ(doc.casualties[0].count, 4);
  EXPECT_GE(doc.casualties[0].event, 0);
}

TEST(CasualtyStage, MalformedHeadsAndEmptyDocuments) {
  auto stage = CasualtyStage::Create({});
  ASSERT_TRUE(stage.ok());
  Document empty;
  EXPECT_TRUE((*stage)->Process(empty).ok());
  Document doc;
  doc.text = "killed 13 people";
  doc.sentences.push_back({0, 16, 0, 3, 0});
  for (auto [b, e, head] :
       std::vector<std::tuple<uint32_t, uint32_t, int32_t>>{{0, 6, 99}, {7, 9, -7}, {10, 16, 3}}) {
    Token t;
    t.begin = b;
    t.end = e;
    t.head = head;
    t.deprel = "obj";
    doc.tokens.push_back(t);
  }
  doc.events.push_back(Event{});
  doc.events[0].trigger_head = 12345;
  doc.events[0].cameo = "190";
  EXPECT_TRUE((*stage)->Process(doc).ok());
  // Sentence ranges outside the tokens are skipped.
  doc.sentences.push_back({0, 16, 2, 50, 0});
  EXPECT_TRUE((*stage)->Process(doc).ok());
  Options bad;
  bad.max_count = 0;
  EXPECT_FALSE(CasualtyStage::Create(bad).ok());
}

}  // namespace
}  // namespace sitrep::casualties

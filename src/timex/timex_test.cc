// The timex stage on our own sentences, through the real Analyzer and coder.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>

#include "events/coder.h"
#include "pipeline/analyzer.h"
#include "timex/recognizer.h"
#include "timex/timex_stage.h"

namespace sitrep::timex {
namespace {

class TimexTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto a = Analyzer::Create({});
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    analyzer_ = std::move(a).value().release();
    auto c = events::CreateCoder({});
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    coder_ = std::move(c).value().release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    delete coder_;
  }

  static Document Run(const std::string& date, const std::string& text) {
    Document doc;
    doc.id = "test";
    doc.date = date;
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    EXPECT_TRUE(TimexStage().Process(doc).ok());
    return doc;
  }

  // The expression whose text is exactly `span`; fails the test if absent.
  static const TimeExpression* Find(const Document& doc, std::string_view span) {
    for (const TimeExpression& t : doc.times) {
      if (doc.Slice(t.begin, t.end) == span) return &t;
    }
    std::string all;
    for (const TimeExpression& t : doc.times)
      all += "[" + std::string(doc.Slice(t.begin, t.end)) + "] ";
    ADD_FAILURE() << "no time expression '" << span << "'; found: " << all;
    return nullptr;
  }

  // The value of the expression `span` in `text` on story date `date`.
  static std::string Value(const std::string& date, const std::string& text,
                           std::string_view span) {
    Document doc = Run(date, text);
    const TimeExpression* t = Find(doc, span);
    return t ? t->value : "<none>";
  }

  static const Event* EventAt(const Document& doc, std::string_view trigger) {
    for (const Event& e : doc.events) {
      if (doc.Slice(doc.tokens[e.trigger_begin].begin, doc.tokens[e.trigger_end - 1].end) ==
          trigger) {
        return &e;
      }
    }
    ADD_FAILURE() << "no event '" << trigger << "'";
    return nullptr;
  }

  static Analyzer* analyzer_;
  static EventCoder* coder_;
};
Analyzer* TimexTest::analyzer_ = nullptr;
EventCoder* TimexTest::coder_ = nullptr;

TEST_F(TimexTest, WeekdaysAcrossYearEnd) {
  // Tue 2019-01-01.
  EXPECT_EQ(Value("2019-01-01", "Gunmen attacked a checkpoint on Thursday.", "on Thursday"),
            "2018-12-27");
  EXPECT_EQ(Value("2019-01-01", "Rebels shelled the town on Tuesday.", "on Tuesday"), "2019-01-01");
  EXPECT_EQ(Value("2019-01-01", "Rebels shelled the town on Wednesday.", "on Wednesday"),
            "2018-12-26");
  EXPECT_EQ(Value("2019-01-01", "Rebels shelled the town last Tuesday.", "last Tuesday"),
            "2018-12-25");
  // Across a month end: Mon 2019-04-01.
  EXPECT_EQ(Value("2019-04-01", "Troops killed three militants on Friday.", "on Friday"),
            "2019-03-29");
  // Leap day: Sun 2020-03-01 -> Saturday 2020-02-29.
  EXPECT_EQ(Value("2020-03-01", "Troops killed three militants on Saturday.", "on Saturday"),
            "2020-02-29");
}

TEST_F(TimexTest, WeekendsAndFixedHolidays) {
  // "the weekend" is the last Saturday and Sunday up to the story date;
  // "last weekend" the one before the story's week. Sun 2023-01-01.
  Document sun = Run("2023-01-01", "Gunmen attacked a village over the weekend.");
  const TimeExpression* t = Find(sun, "over the weekend");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2022-12-31");
  EXPECT_EQ(t->precision, DatePrecision::kWeek);
  EXPECT_EQ(t->range_begin, "2022-12-31");
  EXPECT_EQ(t->range_end, "2023-01-01");
  EXPECT_EQ(Value("2023-01-01", "Police arrested 30 people last weekend.", "last weekend"),
            "2022-12-24");
  // Wed 2022-06-01: both are the weekend just past; a Saturday story's "the
  // weekend" is that day.
  EXPECT_EQ(Value("2022-06-01", "Police arrested 30 people last weekend.", "last weekend"),
            "2022-05-28");
  EXPECT_EQ(Value("2022-06-01", "Troops raided the camp at the weekend.", "at the weekend"),
            "2022-05-28");
  EXPECT_EQ(Value("2022-06-04", "Troops raided the camp at the weekend.", "at the weekend"),
            "2022-06-04");
  EXPECT_EQ(Value("2022-06-01", "Protesters will march next weekend.", "next weekend"),
            "2022-06-04");
  // Fixed holidays are their dates, the last one up to the story date.
  EXPECT_EQ(Value("2022-06-01", "Gunmen attacked a church on Christmas Day.", "on Christmas Day"),
            "2021-12-25");
  EXPECT_EQ(Value("2022-12-26", "Gunmen attacked a church on Christmas Eve.", "on Christmas Eve"),
            "2022-12-24");
  EXPECT_EQ(Value("2023-01-02", "Soldiers killed two men on New Year's Eve.", "on New Year's Eve"),
            "2022-12-31");
  EXPECT_EQ(Value("2023-01-02", "Soldiers killed two men on New Year's Day.", "on New Year's Day"),
            "2023-01-01");
  // "the new year" is no date.
  Document none = Run("2023-01-02", "Rebels vowed to fight on into the new year.");
  EXPECT_TRUE(none.times.empty()) << none.times[0].value;
}

TEST_F(TimexTest, WeekdayForms) {
  Document doc = Run("2019-04-12",  // a Friday
                     "Gunmen attacked a checkpoint on Thursday night. Jets struck early "
                     "Wednesday. Police arrested two men on Monday and Tuesday.");
  const TimeExpression* t = Find(doc, "on Thursday night");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-11");
  EXPECT_EQ(t->precision, DatePrecision::kDay);
  t = Find(doc, "early Wednesday");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-10");
  t = Find(doc, "on Monday and Tuesday");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-08");
  EXPECT_EQ(t->range_begin, "2019-04-08");
  EXPECT_EQ(t->range_end, "2019-04-09");
}

TEST_F(TimexTest, FutureWeekday) {
  // Fri 2019-04-12: talks "will" happen -> the next Thursday.
  Document doc = Run("2019-04-12", "The two sides will meet in Geneva on Thursday.");
  const TimeExpression* t = Find(doc, "on Thursday");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-18");
  EXPECT_EQ(t->problem, "after the story date");
  EXPECT_EQ(Value("2019-04-12", "The minister is due to visit Kabul next Monday.", "next Monday"),
            "2019-04-15");
  EXPECT_EQ(Value("2019-04-12", "The talks will resume tomorrow.", "tomorrow"), "2019-04-13");
  // A month or day without a year in a future clause: the next one.
  EXPECT_EQ(Value("2019-04-12", "The country will hold elections in March.", "in March"),
            "2020-03-01");
  EXPECT_EQ(Value("2019-04-12", "Talks are scheduled to resume on March 2.", "on March 2"),
            "2020-03-02");
  // The same words in the past tense stay in the past.
  EXPECT_EQ(Value("2019-04-12", "The country held elections in March.", "in March"), "2019-03-01");
}

TEST_F(TimexTest, Deictic) {
  const std::string d = "2019-03-01";  // a Friday
  EXPECT_EQ(Value(d, "Militants attacked a base yesterday.", "yesterday"), "2019-02-28");
  EXPECT_EQ(Value(d, "Militants attacked a base today.", "today"), "2019-03-01");
  EXPECT_EQ(Value(d, "Militants attacked a base last night.", "last night"), "2019-02-28");
  EXPECT_EQ(Value(d, "Militants attacked a base this morning.", "this morning"), "2019-03-01");
  Document doc = Run(d, "Jets pounded the city overnight.");
  const TimeExpression* t = Find(doc, "overnight");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-02-28");
  EXPECT_EQ(t->range_end, "2019-03-01");
}

TEST_F(TimexTest, WeeksMonthsYears) {
  const std::string d = "2019-01-03";  // Thursday
  Document doc = Run(d, "Rebels seized the town last week.");
  const TimeExpression* t = Find(doc, "last week");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2018-12-24");
  EXPECT_EQ(t->precision, DatePrecision::kWeek);
  EXPECT_EQ(t->range_end, "2018-12-30");
  doc = Run(d, "Rebels seized the town last month.");
  t = Find(doc, "last month");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2018-12-01");
  EXPECT_EQ(t->precision, DatePrecision::kMonth);
  EXPECT_EQ(t->range_end, "2018-12-31");
  doc = Run("2019-04-20", "Rebels seized the town earlier this month.");
  t = Find(doc, "earlier this month");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-01");
  EXPECT_EQ(t->range_end, "2019-04-20");
  EXPECT_EQ(Value(d, "Rebels seized the town last year.", "last year"), "2018-01-01");
  EXPECT_EQ(Value(d, "Rebels seized the town this week.", "this week"), "2018-12-31");
}

TEST_F(TimexTest, MonthsAndDays) {
  const std::string d = "2019-04-12";
  Document doc = Run(d, "Troops shelled the town in late July.");
  const TimeExpression* t = Find(doc, "in late July");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2018-07-01");  // no year: the latest July before the story
  EXPECT_EQ(t->precision, DatePrecision::kMonth);
  EXPECT_EQ(t->range_begin, "2018-07-21");
  EXPECT_EQ(t->range_end, "2018-07-31");
  EXPECT_EQ(Value(d, "Troops shelled the town on March 2.", "on March 2"), "2019-03-02");
  EXPECT_EQ(Value(d, "Troops shelled the town on Mar. 2, 2015.", "on Mar. 2, 2015"), "2015-03-02");
  EXPECT_EQ(Value(d, "Troops shelled the town on 2 March 2015.", "on 2 March 2015"), "2015-03-02");
  EXPECT_EQ(Value(d, "Troops shelled the town on the 5th.", "on the 5th"), "2019-04-05");
  EXPECT_EQ(Value(d, "Troops shelled the town on the 25th.", "on the 25th"), "2019-03-25");
  EXPECT_EQ(Value(d, "Troops shelled the town in 2014.", "in 2014"), "2014-01-01");
  EXPECT_EQ(Value(d, "Troops shelled the town in March.", "in March"), "2019-03-01");
  EXPECT_EQ(Value(d, "Troops shelled the town in May.", "in May"), "2018-05-01");
  EXPECT_EQ(Value(d, "Troops shelled the town on 2019-04-10.", "on 2019-04-10"), "2019-04-10");
  // December mentioned in a January story: last year.
  EXPECT_EQ(Value("2019-01-03", "Troops shelled the town on December 30.", "on December 30"),
            "2018-12-30");
  doc = Run(d, "The group was founded in the 1990s.");
  t = Find(doc, "in the 1990s");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->range_end, "1999-12-31");
}

TEST_F(TimexTest, MayAndMarchAreNotAlwaysMonths) {
  Document doc = Run("2019-04-12", "Rebels may attack the city. Thousands march in the capital.");
  EXPECT_TRUE(doc.times.empty());
}

TEST_F(TimexTest, NamesAndModifiersAreNotDates) {
  Document doc =
      Run("2020-07-11",
          "Supporters of the June 5 Movement marched through the city. The army "
          "disputed a November election. As every Thursday, the group met. The Good Friday "
          "Agreement ended the conflict.");
  EXPECT_TRUE(doc.times.empty());
}

TEST_F(TimexTest, RangesAndNumericDates) {
  const std::string d = "2021-02-12";
  Document doc = Run(d, "Weekly highlights 4 - 10 February 2021.");
  const TimeExpression* t = Find(doc, "4 - 10 February 2021");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2021-02-04");
  EXPECT_EQ(t->range_end, "2021-02-10");
  doc = Run("1996-02-29", "Massacres took place in Rwanda from April to July 1994.");
  t = Find(doc, "from April to July 1994");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "1994-04-01");
  EXPECT_EQ(t->precision, DatePrecision::kMonth);
  EXPECT_EQ(t->range_end, "1994-07-31");
  doc = Run("2019-06-27", "Casualty report: June 21-27");
  t = Find(doc, "June 21-27");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-06-21");
  EXPECT_EQ(t->range_end, "2019-06-27");
  doc = Run("2004-03-10", "Violations of humanitarian law 1991-2002");
  ASSERT_EQ(doc.times.size(), 1u);
  EXPECT_EQ(doc.times[0].range_begin, "1991-01-01");
  EXPECT_EQ(doc.times[0].range_end, "2002-12-31");
  EXPECT_EQ(Value("2013-01-10", "Final death toll for 29/12/2012", "for 29/12/2012"), "2012-12-29");
  // Day-first unless that is after the story date and month-first is not.
  EXPECT_EQ(Value("2012-08-20", "Final report on those killed on 10/8/2012", "on 10/8/2012"),
            "2012-08-10");
  EXPECT_EQ(Value("2012-05-10", "Final report on those killed on 5/9/2012", "on 5/9/2012"),
            "2012-05-09");
  EXPECT_EQ(Value("2012-07-28", "Daily report 2012.07.27", "2012.07.27"), "2012-07-27");
  EXPECT_EQ(Value("2013-01-03", "Thursday 3 January 2013", "Thursday 3 January 2013"),
            "2013-01-03");
  EXPECT_EQ(Value("2018-01-03", "Executions 2007", "2007"), "2007-01-01");
}

TEST_F(TimexTest, AgoDurationSince) {
  const std::string d = "2019-03-02";
  EXPECT_EQ(Value(d, "Rebels seized the town two days ago.", "two days ago"), "2019-02-28");
  Document doc = Run(d, "Rebels seized the town three weeks ago.");
  const TimeExpression* t = Find(doc, "three weeks ago");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->precision, DatePrecision::kWeek);
  EXPECT_EQ(t->value, "2019-02-04");
  doc = Run(d, "The town has been besieged for three days.");
  t = Find(doc, "for three days");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, TimeExpression::Kind::kDuration);
  EXPECT_EQ(t->value, "2019-02-27");
  doc = Run(d, "Clashes have continued for a year.");
  t = Find(doc, "for a year");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, TimeExpression::Kind::kDuration);
  EXPECT_EQ(t->value, "2018-03-02");
  EXPECT_EQ(t->precision, DatePrecision::kYear);
  doc = Run(d, "Fighting has raged since dawn.");
  t = Find(doc, "since dawn");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, TimeExpression::Kind::kSince);
  EXPECT_EQ(t->value, "2019-03-02");
  doc = Run(d, "Fighting has raged since Monday.");
  t = Find(doc, "since Monday");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->kind, TimeExpression::Kind::kSince);
  EXPECT_EQ(t->value, "2019-02-25");
  EXPECT_EQ(t->range_end, "2019-03-02");
  EXPECT_EQ(Value(d, "Fighting has raged since 2011.", "since 2011"), "2011-01-01");
  EXPECT_EQ(Value(d, "Fighting has raged since March.", "since March"), "2019-03-01");
  EXPECT_EQ(Value(d, "Militants killed 15 soldiers in the past 24 hours.", "in the past 24 hours"),
            "2019-03-01");
}

TEST_F(TimexTest, RelativeToAnEarlierDate) {
  Document doc =
      Run("2019-04-12",
          "Rebels seized the town on March 30. Troops recaptured the town two days later. "
          "Jets struck the area the following day.");
  const TimeExpression* t = Find(doc, "two days later");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-01");  // across a month end
  t = Find(doc, "the following day");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2019-04-02");
  const Event* retook = EventAt(doc, "recaptured");
  ASSERT_NE(retook, nullptr);
  EXPECT_EQ(retook->date, "2019-04-01");
  EXPECT_EQ(retook->date_basis, DateBasis::kText);
  // Nothing named before: unresolved.
  doc = Run("2019-04-12", "Troops retook the town the next day.");
  t = Find(doc, "the next day");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "no earlier date");
  EXPECT_EQ(t->value, "");
}

TEST_F(TimexTest, DurationsDateOnlyPerfectClauses) {
  // "has besieged ... for three days": began three days before the story.
  Document doc = Run("2019-03-02", "Rebels have besieged the town for three days.");
  const Event* besieged = EventAt(doc, "besieged");
  ASSERT_NE(besieged, nullptr);
  EXPECT_EQ(besieged->date, "2019-02-27");
  EXPECT_EQ(besieged->date_basis, DateBasis::kText);
  // "jailed for five years": the length of the sentence, not when.
  doc = Run("2019-03-02", "A court jailed the two opposition leaders for five years.");
  const Event* arrested = EventAt(doc, "jailed");
  ASSERT_NE(arrested, nullptr);
  EXPECT_EQ(arrested->date, "2019-03-02");
  EXPECT_EQ(arrested->date_basis, DateBasis::kStoryDate);
}

TEST_F(TimexTest, EventDatingAndReportedSpeech) {
  Document doc = Run("2019-04-12",  // Friday
                     "Police said on Friday that gunmen had attacked a checkpoint on "
                     "Wednesday, killing four officers.");
  const Event* said = EventAt(doc, "said");
  const Event* attacked = EventAt(doc, "attacked");
  ASSERT_NE(said, nullptr);
  ASSERT_NE(attacked, nullptr);
  EXPECT_EQ(said->date, "2019-04-12");
  EXPECT_EQ(said->date_basis, DateBasis::kText);
  EXPECT_EQ(attacked->date, "2019-04-10");
  EXPECT_EQ(attacked->date_basis, DateBasis::kText);
  EXPECT_EQ(attacked->date_precision, DatePrecision::kDay);
  // A statement dated in the text does not date the attack it reports.
  doc = Run("2019-04-12", "Police said on Thursday gunmen had attacked a checkpoint.");
  attacked = EventAt(doc, "attacked");
  ASSERT_NE(attacked, nullptr);
  EXPECT_EQ(attacked->date_basis, DateBasis::kStoryDate);
  EXPECT_EQ(attacked->time, -1);
}

TEST_F(TimexTest, InheritanceFromParagraph) {
  // One paragraph: the second sentence has no time expression.
  Document doc = Run("2019-04-12",
                     "Rebels attacked an army base on Tuesday. Troops arrested ten rebels.\n\n"
                     "Jets bombed a market.");
  ASSERT_GE(doc.sentences.size(), 3u);
  ASSERT_EQ(doc.sentences[0].paragraph, doc.sentences[1].paragraph);
  const Event* arrested = EventAt(doc, "arrested");
  ASSERT_NE(arrested, nullptr);
  EXPECT_EQ(arrested->date, "2019-04-09");
  EXPECT_EQ(arrested->date_basis, DateBasis::kParagraph);
  const Event* bombed = EventAt(doc, "bombed");
  ASSERT_NE(bombed, nullptr);
  EXPECT_EQ(bombed->date, "2019-04-12");
  EXPECT_EQ(bombed->date_basis, DateBasis::kStoryDate);
  // A report whose sentence's date is the reported act's does not inherit
  // the paragraph's: the source spoke on no date the text gives.
  doc = Run("2019-04-12",
            "Rebels attacked an army base on Tuesday. On Wednesday, fighters ambushed a convoy, "
            "according to a military source.");
  const Event* said = EventAt(doc, "according to");
  const Event* ambushed = EventAt(doc, "ambushed");
  ASSERT_NE(said, nullptr);
  ASSERT_NE(ambushed, nullptr);
  EXPECT_EQ(ambushed->date, "2019-04-10");
  EXPECT_EQ(said->date, "2019-04-12");
  EXPECT_EQ(said->date_basis, DateBasis::kStoryDate);
  // A duration or "since" in an earlier sentence is not inherited.
  doc = Run("2019-03-02", "Rebels have besieged the town for three days. Jets bombed a market.");
  ASSERT_EQ(doc.sentences[0].paragraph, doc.sentences[1].paragraph);
  bombed = EventAt(doc, "bombed");
  ASSERT_NE(bombed, nullptr);
  EXPECT_EQ(bombed->date_basis, DateBasis::kStoryDate);
  // No story date: nothing to fall back to.
  doc = Run("", "Jets bombed a market.");
  bombed = EventAt(doc, "bombed");
  ASSERT_NE(bombed, nullptr);
  EXPECT_EQ(bombed->date_basis, DateBasis::kNone);
  EXPECT_EQ(bombed->date, "");
}

TEST_F(TimexTest, FutureNeverDatesFactualEvent) {
  // An absolute date after the story date on a past-tense attack.
  Document doc = Run("2019-04-12", "Rebels attacked the town on May 20, 2019.");
  const TimeExpression* t = Find(doc, "on May 20, 2019");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "after the story date");
  const Event* attacked = EventAt(doc, "attacked");
  ASSERT_NE(attacked, nullptr);
  EXPECT_EQ(attacked->date_basis, DateBasis::kStoryDate);
}

// "Police said on Saturday they had arrested ...": wire style puts a time
// between a past speech verb and the complement's subject on the speech
// verb, even where the parser hangs it on the complement. After a present
// verb it is the complement's ("says last night militants attacked").
TEST_F(TimexTest, TimeBeforeAComplementsSubject) {
  Document doc = Run("2023-07-08",  // a Saturday
                     "Police said on Saturday they had arrested 300 people.");
  const Event* said = EventAt(doc, "said");
  const Event* arrested = EventAt(doc, "arrested");
  ASSERT_NE(said, nullptr);
  ASSERT_NE(arrested, nullptr);
  EXPECT_EQ(said->date_basis, DateBasis::kText);
  EXPECT_NE(arrested->date_basis, DateBasis::kText);
  doc = Run("2021-03-01", "The radio says last night militants attacked a base.");
  const Event* attacked = EventAt(doc, "attacked");
  ASSERT_NE(attacked, nullptr);
  EXPECT_EQ(attacked->date, "2021-02-28");
  EXPECT_EQ(attacked->date_basis, DateBasis::kText);
}

TEST_F(TimexTest, BadInput) {
  // Before 1900.
  Document doc = Run("2019-04-12", "British troops occupied the city in 1882.");
  const TimeExpression* t = Find(doc, "in 1882");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "before 1900");
  EXPECT_EQ(t->value, "");
  // No such day.
  doc = Run("2019-04-12", "Troops shelled the town on February 30.");
  t = Find(doc, "on February 30");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "invalid date");
  EXPECT_EQ(t->value, "");
  // An absurd year.
  doc = Run("2019-04-12", "Troops will withdraw in 9999.");
  t = Find(doc, "in 9999");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "after the story date");
  // No story date: relative expressions unresolved, absolute ones resolved.
  doc = Run("", "Gunmen attacked a checkpoint on Thursday. Troops shelled it on 2 March 2015.");
  t = Find(doc, "on Thursday");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "no story date");
  EXPECT_EQ(t->value, "");
  t = Find(doc, "on 2 March 2015");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->value, "2015-03-02");
  // A malformed or pre-1900 story date: a warning, relative dates unresolved.
  for (const char* bad : {"2019-02-30", "yesterday", "1850-01-01", "2019-04-12-junk"}) {
    doc = Run(bad, "Gunmen attacked a checkpoint on Thursday.");
    t = Find(doc, "on Thursday");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->problem, "no story date") << bad;
    EXPECT_FALSE(doc.diagnostics.empty()) << bad;
  }
  // A story date near 1900: "last year" would be before 1900.
  doc = Run("1900-03-01", "Rebels seized the town last year.");
  t = Find(doc, "last year");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->problem, "before 1900");
}

// Word salad from the recogniser's own vocabulary: every expression is well
// formed (spans inside its sentence, values and ranges real days, begin <= end).
TEST_F(TimexTest, DateWordSaladKeepsInvariants) {
  const std::vector<std::string> words = {
      "on",   "Thursday",   "the",   "5th",       "of",        "May",        "2014",
      "-",    "to",         "last",  "week",      "mid-July",  "early",      "since",
      "for",  "three",      "days",  "ago",       "1990s",     "29/12/2012", "2019-02-30",
      "9999", "0000",       "31st",  "February",  "and",       ",",          "in",
      "past", "24",         "hours", "overnight", "yesterday", "next",       "a",
      "year", "99/99/9999", "1/1/1", "Dec.",      "Sept",      "1850-1999",  "30",
      "late", "earlier",    "this",  "month",     "dawn",      "March",      "troops"};
  std::mt19937 rng(11);
  TimexStage stage;
  for (int round = 0; round < 40; ++round) {
    Document doc;
    doc.date = round % 4 == 0 ? "" : (round % 4 == 1 ? "1900-01-02" : "2020-02-29");
    for (int i = 0; i < 60; ++i) {
      doc.text += words[rng() % words.size()];
      doc.text += (i % 15 == 14) ? ". " : " ";
    }
    ASSERT_TRUE(analyzer_->Analyze(doc).ok());
    ASSERT_TRUE(coder_->Code(doc).ok());
    ASSERT_TRUE(stage.Process(doc).ok());
    for (const TimeExpression& t : doc.times) {
      ASSERT_LT(t.sentence, doc.sentences.size());
      const Sentence& s = doc.sentences[t.sentence];
      EXPECT_LE(s.token_begin, t.token_begin);
      EXPECT_LT(t.token_begin, t.token_end);
      EXPECT_LE(t.token_end, s.token_end);
      EXPECT_LT(t.begin, t.end);
      if (t.value.empty()) {
        EXPECT_FALSE(t.problem.empty()) << doc.Slice(t.begin, t.end);
        continue;
      }
      auto v = ParseIsoDate(t.value), b = ParseIsoDate(t.range_begin),
           e = ParseIsoDate(t.range_end);
      ASSERT_TRUE(v && b && e) << doc.Slice(t.begin, t.end);
      EXPECT_LE(DaysFromCivil(*b), DaysFromCivil(*e))
          << doc.Slice(t.begin, t.end) << " story " << doc.date;
      EXPECT_GE(v->year, 1900);
    }
    for (const Event& ev : doc.events) {
      EXPECT_TRUE(ev.time < static_cast<int32_t>(doc.times.size()));
      if (!ev.date.empty()) {
        EXPECT_TRUE(ParseIsoDate(ev.date).has_value());
      }
    }
  }
}

// Layers that break their own contract (heads outside the sentence, events
// pointing nowhere) are read defensively.
TEST_F(TimexTest, MalformedLayersNeverCrash) {
  Document doc = Run("2019-04-12", "Gunmen attacked a checkpoint on Thursday. Jets struck.");
  ASSERT_FALSE(doc.tokens.empty());
  for (size_t t = 0; t < doc.tokens.size(); ++t) {
    doc.tokens[t].head = t % 3 == 0 ? 999 : (t % 3 == 1 ? -5 : doc.tokens[t].head);
  }
  Event bad;
  bad.sentence = 100;
  bad.trigger_begin = bad.trigger_end = bad.trigger_head = 100000;
  bad.reported_by = 77;
  doc.events.push_back(bad);
  Event odd = doc.events.front();
  odd.reported_by = -9;
  odd.trigger_head = static_cast<uint32_t>(doc.tokens.size() - 1);
  doc.events.push_back(odd);
  EXPECT_TRUE(TimexStage().Process(doc).ok());
  EXPECT_EQ(doc.events[doc.events.size() - 2].date, "");
}

// The stage plugs into the Analyzer after coding (requires events + parse).
TEST_F(TimexTest, RunsAsAnalyzerContextStage) {
  TimexStage stage;
  AnalyzerOptions options;
  options.coder = coder_;
  options.context_stages = {&stage};
  auto analyzer = Analyzer::Create(options);
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  Document doc;
  doc.date = "2019-01-01";
  doc.text = "Gunmen attacked a police checkpoint on Thursday.";
  ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
  ASSERT_EQ(doc.times.size(), 1u);
  EXPECT_EQ(doc.times[0].value, "2018-12-27");
  ASSERT_FALSE(doc.events.empty());
  EXPECT_EQ(doc.events[0].date, "2018-12-27");
  EXPECT_EQ(doc.events[0].date_basis, DateBasis::kText);
}

TEST_F(TimexTest, RandomBytesNeverCrash) {
  std::mt19937 rng(7);
  TimexStage stage;
  for (int round = 0; round < 30; ++round) {
    Document doc;
    doc.date = round % 3 == 0 ? "" : "2019-04-12";
    std::string text;
    const int n = 50 + static_cast<int>(rng() % 400);
    for (int i = 0; i < n; ++i) text.push_back(static_cast<char>(rng() % 256));
    if (round % 2 == 0) text += " on Thursday in 2014 the 5th of May 12 days ago since";
    doc.text = text;
    ASSERT_TRUE(analyzer_->Analyze(doc).ok() || true);
    (void)coder_->Code(doc);
    EXPECT_TRUE(stage.Process(doc).ok());
    for (const TimeExpression& t : doc.times) {
      EXPECT_LE(t.begin, t.end);
      EXPECT_LE(t.end, doc.text.size());
    }
  }
  // A document with no analysis at all.
  Document empty;
  empty.date = "2019-04-12";
  EXPECT_TRUE(stage.Process(empty).ok());
  EXPECT_TRUE(empty.times.empty());
}

}  // namespace
}  // namespace sitrep::timex

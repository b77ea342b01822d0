#include "timex/date_math.h"

#include <gtest/gtest.h>

namespace sitrep::timex {
namespace {

TEST(DateMath, EpochAndKnownDays) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({1970, 1, 2}), 1);
  EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
  EXPECT_EQ(DaysFromCivil({1900, 1, 1}), -25567);
  EXPECT_EQ(Weekday(DaysFromCivil({1970, 1, 1})), 3);   // Thursday
  EXPECT_EQ(Weekday(DaysFromCivil({2019, 1, 1})), 1);   // Tuesday
  EXPECT_EQ(Weekday(DaysFromCivil({1900, 1, 1})), 0);   // Monday
  EXPECT_EQ(Weekday(DaysFromCivil({2000, 2, 29})), 1);  // Tuesday
  EXPECT_EQ(Weekday(DaysFromCivil({2024, 2, 29})), 3);  // Thursday
}

TEST(DateMath, LeapRules) {
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_TRUE(IsLeapYear(2020));
  EXPECT_FALSE(IsLeapYear(2019));
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2020, 2), 29);
  EXPECT_EQ(DaysInMonth(2019, 4), 30);
  EXPECT_EQ(DaysInMonth(2019, 12), 31);
  EXPECT_EQ(DaysInMonth(2019, 13), 0);
  EXPECT_EQ(DaysInMonth(2019, 0), 0);
  EXPECT_TRUE(IsValidDate(2020, 2, 29));
  EXPECT_FALSE(IsValidDate(2019, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_FALSE(IsValidDate(2019, 2, 30));
  EXPECT_FALSE(IsValidDate(2019, 4, 31));
  EXPECT_FALSE(IsValidDate(2019, 1, 0));
}

// Every day from 1800 to 2200 round-trips, days are consecutive, and the
// weekday advances by one each day.
TEST(DateMath, ExhaustiveRoundTrip) {
  int64_t expected = DaysFromCivil({1800, 1, 1});
  int weekday = Weekday(expected);
  for (int y = 1800; y <= 2200; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= DaysInMonth(y, m); ++d) {
        const int64_t days = DaysFromCivil({y, m, d});
        ASSERT_EQ(days, expected) << y << "-" << m << "-" << d;
        ASSERT_EQ(CivilFromDays(days), (CivilDate{y, m, d}));
        ASSERT_EQ(Weekday(days), weekday);
        ++expected;
        weekday = (weekday + 1) % 7;
      }
    }
  }
}

std::string ThursdayOnOrBefore(CivilDate d) {
  return FormatIsoDays(OnOrBefore(DaysFromCivil(d), 3));
}

TEST(DateMath, WeekdaysAcrossMonthAndYearEnds) {
  // Story Tue 2019-01-01: "on Thursday" -> 2018-12-27.
  EXPECT_EQ(ThursdayOnOrBefore({2019, 1, 1}), "2018-12-27");
  // A Thursday story: the story date itself.
  EXPECT_EQ(ThursdayOnOrBefore({2018, 12, 27}), "2018-12-27");
  // Across a month end: Mon 2019-04-01 -> Thu 2019-03-28.
  EXPECT_EQ(ThursdayOnOrBefore({2019, 4, 1}), "2019-03-28");
  // Across a leap day: Sun 2020-03-01 -> Thu 2020-02-27; Sat 2020-02-29 -> Thu 27.
  EXPECT_EQ(ThursdayOnOrBefore({2020, 3, 1}), "2020-02-27");
  // Thu 2024-02-29 itself.
  EXPECT_EQ(ThursdayOnOrBefore({2024, 2, 29}), "2024-02-29");
  // Tuesday on a Tuesday story.
  const int64_t tue = DaysFromCivil({2019, 1, 1});
  EXPECT_EQ(OnOrBefore(tue, 1), tue);
  EXPECT_EQ(OnOrAfter(tue, 1), tue);
  // Next Friday after Mon 2018-12-31 -> 2019-01-04.
  EXPECT_EQ(FormatIsoDays(OnOrAfter(DaysFromCivil({2018, 12, 31}), 4)), "2019-01-04");
  // ISO weeks: Wed 2020-01-01 belongs to the week of Mon 2019-12-30.
  EXPECT_EQ(FormatIsoDays(WeekStart(DaysFromCivil({2020, 1, 1}))), "2019-12-30");
  // Exhaustive: the result is on or before, has the weekday, is less than 7 days back.
  for (int64_t d = DaysFromCivil({1999, 12, 1}); d < DaysFromCivil({2001, 3, 1}); ++d) {
    for (int w = 0; w < 7; ++w) {
      const int64_t b = OnOrBefore(d, w);
      const int64_t a = OnOrAfter(d, w);
      ASSERT_EQ(Weekday(b), w);
      ASSERT_EQ(Weekday(a), w);
      ASSERT_LE(b, d);
      ASSERT_GT(b, d - 7);
      ASSERT_GE(a, d);
      ASSERT_LT(a, d + 7);
    }
  }
}

TEST(DateMath, AddMonths) {
  EXPECT_EQ(AddMonths({2019, 1, 15}, -1), (CivilDate{2018, 12, 1}));
  EXPECT_EQ(AddMonths({2019, 12, 31}, 1), (CivilDate{2020, 1, 1}));
  EXPECT_EQ(AddMonths({2019, 3, 31}, -1), (CivilDate{2019, 2, 1}));
  EXPECT_EQ(AddMonths({2019, 3, 1}, -27), (CivilDate{2016, 12, 1}));
  EXPECT_EQ(AddMonths({2019, 3, 1}, 0), (CivilDate{2019, 3, 1}));
}

TEST(DateMath, ParseAndFormat) {
  EXPECT_EQ(ParseIsoDate("2019-04-12"), (CivilDate{2019, 4, 12}));
  EXPECT_EQ(ParseIsoDate("2020-02-29"), (CivilDate{2020, 2, 29}));
  EXPECT_EQ(ParseIsoDate("2019-04-12T08:30:00Z"), (CivilDate{2019, 4, 12}));
  EXPECT_FALSE(ParseIsoDate("2019-02-29"));
  EXPECT_FALSE(ParseIsoDate("1900-02-29"));
  EXPECT_FALSE(ParseIsoDate("2019-13-01"));
  EXPECT_FALSE(ParseIsoDate("2019-4-12"));
  EXPECT_FALSE(ParseIsoDate("12/04/2019"));
  EXPECT_FALSE(ParseIsoDate(""));
  EXPECT_FALSE(ParseIsoDate("2019-04-1x"));
  EXPECT_FALSE(ParseIsoDate("2019-04-12junk"));
  EXPECT_EQ(FormatIsoDate({2019, 4, 5}), "2019-04-05");
  EXPECT_EQ(FormatIsoDate({812, 1, 1}), "0812-01-01");
}

}  // namespace
}  // namespace sitrep::timex

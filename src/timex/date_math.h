// Civil (proleptic Gregorian) date arithmetic: the calendar under the timex
// stage. Pure functions on plain values; no time zones, no clocks.
//
//   int64_t d = DaysFromCivil({2019, 1, 1});        // 17897 (days since 1970-01-01)
//   Weekday(d)                                      // 1 = Tuesday (0 = Monday)
//   FormatIsoDate(CivilFromDays(OnOrBefore(d, 3)))  // "2018-12-27": the Thursday
//                                                   //   on or before Tue 2019-01-01
//   DaysInMonth(2020, 2) == 29; IsLeapYear(1900) == false; IsLeapYear(2000) == true
//   ParseIsoDate("2019-02-30")                      // nullopt: no such day
//
// Weekdays are numbered ISO-style from 0 = Monday to 6 = Sunday.
#ifndef SITREP_TIMEX_DATE_MATH_H_
#define SITREP_TIMEX_DATE_MATH_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sitrep::timex {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..DaysInMonth(year, month)
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Gregorian leap rule: divisible by 4, except centuries not divisible by 400.
bool IsLeapYear(int year);
// 28..31; 0 if `month` is not 1..12.
int DaysInMonth(int year, int month);
// True if month is 1..12 and day is 1..DaysInMonth.
bool IsValidDate(int year, int month, int day);

// Days since 1970-01-01 (negative before). `d` need not be valid: the day and
// month are taken as given (callers validate first).
int64_t DaysFromCivil(const CivilDate& d);
// The inverse of DaysFromCivil.
CivilDate CivilFromDays(int64_t days);
// 0 = Monday .. 6 = Sunday.
int Weekday(int64_t days);

// The day with weekday `weekday` (0..6) on or before `days` (the day itself if
// it has that weekday), and on or after it.
int64_t OnOrBefore(int64_t days, int weekday);
int64_t OnOrAfter(int64_t days, int weekday);
// The Monday of the ISO week holding `days`.
int64_t WeekStart(int64_t days);

// The first day of the month `months` after (negative: before) the month of
// `d`: AddMonths({2019,1,15}, -1) = {2018,12,1}.
CivilDate AddMonths(const CivilDate& d, int months);

// Strict "YYYY-MM-DD" (exactly 10 bytes, a real day); nullopt otherwise.
// A longer string whose first 10 bytes are such a date followed by 'T' or ' '
// ("2019-04-12T08:00:00Z") gives that date.
std::optional<CivilDate> ParseIsoDate(std::string_view s);
// "2019-04-05"; years outside 0..9999 are printed as they are.
std::string FormatIsoDate(const CivilDate& d);
inline std::string FormatIsoDays(int64_t days) { return FormatIsoDate(CivilFromDays(days)); }

}  // namespace sitrep::timex

#endif  // SITREP_TIMEX_DATE_MATH_H_

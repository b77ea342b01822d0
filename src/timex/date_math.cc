#include "timex/date_math.h"

#include <cstdio>

namespace sitrep::timex {

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return day >= 1 && day <= DaysInMonth(year, month);
}

// The era-based algorithm: an era is 400 years = 146097 days; years start on
// March 1 so that the leap day is the last day of the year.
int64_t DaysFromCivil(const CivilDate& d) {
  int64_t y = d.year;
  const int64_t m = d.month;
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                       // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;               // [0, 146096]
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t days) {
  const int64_t z = days + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);  // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                       // [0, 11]
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;               // [1, 31]
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;                  // [1, 12]
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

int Weekday(int64_t days) {
  // 1970-01-01 was a Thursday (3).
  const int64_t w = (days + 3) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int64_t OnOrBefore(int64_t days, int weekday) { return days - ((Weekday(days) - weekday + 7) % 7); }

int64_t OnOrAfter(int64_t days, int weekday) { return days + ((weekday - Weekday(days) + 7) % 7); }

int64_t WeekStart(int64_t days) { return OnOrBefore(days, 0); }

CivilDate AddMonths(const CivilDate& d, int months) {
  int64_t index = static_cast<int64_t>(d.year) * 12 + (d.month - 1) + months;
  int64_t year = index >= 0 ? index / 12 : -((-index + 11) / 12);
  int month = static_cast<int>(index - year * 12) + 1;
  return {static_cast<int>(year), month, 1};
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() > 10 && (s[10] == 'T' || s[10] == ' ')) s = s.substr(0, 10);
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto digits = [&](size_t from, size_t n, int* out) {
    int v = 0;
    for (size_t i = from; i < from + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
  };
  CivilDate d;
  if (!digits(0, 4, &d.year) || !digits(5, 2, &d.month) || !digits(8, 2, &d.day)) {
    return std::nullopt;
  }
  if (!IsValidDate(d.year, d.month, d.day)) return std::nullopt;
  return d;
}

std::string FormatIsoDate(const CivilDate& d) {
  char buf[48];
  if (d.year >= 0 && d.year <= 9999) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  } else {
    std::snprintf(buf, sizeof buf, "%d-%02d-%02d", d.year, d.month, d.day);
  }
  return buf;
}

}  // namespace sitrep::timex

#include "timex/recognizer.h"

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <unordered_set>

#include "core/strings.h"

namespace sitrep::timex {
namespace {

enum class Unit : uint8_t { kNone, kHour, kDay, kWeek, kMonth, kYear };
// How much of a calendar unit: "early July", "earlier this month".
enum class Part : uint8_t { kWhole, kEarly, kMid, kLate, kUpToStory, kFromStory };

struct Core {
  enum class Type : uint8_t {
    kWeekday,     // weekday, mod
    kRelDay,      // offset days from the story date ("yesterday")
    kUnitOffset,  // unit + offset ("last week" = week -1), part
    kMonth,       // month, optional year/day, part; year_offset for "last March"
    kDayOfMonth,  // day
    kYear,        // year, part
    kDecade,      // year = first year
    kIsoDay,      // year, month, day (may be invalid)
    kAgo,         // count units before the story date
    kPast,        // the last count units up to the story date
    kAfterText,   // offset days from the last day named earlier ("the next day")
  };
  Type type = Type::kRelDay;
  int weekday = -1;
  int mod = 0;  // kWeekday: 0 none/this, -1 last, +1 next; kMonth: same for "last March"
  int offset = 0;
  Unit unit = Unit::kNone;
  int count = 0;
  int year = 0, month = 0, day = 0;
  int year_end = 0;        // kYear: "1993-2003" -> 2003
  bool swappable = false;  // kIsoDay from "10/8/2012": day and month may be swapped
  Part part = Part::kWhole;
  bool overnight = false;
  bool weekend = false;      // kWeekday: "the weekend" (Saturday and Sunday)
  bool future_word = false;  // next, tomorrow, coming, later
};

// ---------------------------------------------------------------- words

// Weekdays and months are core's WeekdayIndex and MonthIndex.

bool IsAbbrevMonth(std::string_view s) { return s.size() <= 4 && s != "june" && s != "july"; }

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// "3", "three", "a", "an" -> count; -1 otherwise.
int CountOf(std::string_view s) {
  if (AllDigits(s)) return s.size() <= 4 ? ToInt(s) : -1;
  static constexpr std::array<std::string_view, 21> kWords = {
      "zero",     "one",     "two",     "three",     "four",     "five",     "six",
      "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
      "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
  for (int i = 1; i < static_cast<int>(kWords.size()); ++i) {
    if (s == kWords[i]) return i;
  }
  if (s == "a" || s == "an") return 1;
  if (s == "thirty") return 30;
  if (s == "forty-eight") return 48;
  if (s == "twenty-four") return 24;
  return -1;
}

Unit UnitOf(std::string_view s) {
  if (s == "hour" || s == "hours") return Unit::kHour;
  if (s == "day" || s == "days") return Unit::kDay;
  if (s == "week" || s == "weeks") return Unit::kWeek;
  if (s == "month" || s == "months") return Unit::kMonth;
  if (s == "year" || s == "years") return Unit::kYear;
  return Unit::kNone;
}

// "5", "5th", "21st", "2nd", "3rd" -> 1..31 (day of month); 0 otherwise.
// `need_suffix`: only "5th"-style forms.
int DayNumberOf(std::string_view s, bool need_suffix) {
  size_t n = 0;
  while (n < s.size() && s[n] >= '0' && s[n] <= '9') ++n;
  if (n == 0 || n > 2) return 0;
  std::string_view rest = s.substr(n);
  if (rest.empty()) {
    if (need_suffix) return 0;
  } else if (rest != "st" && rest != "nd" && rest != "rd" && rest != "th") {
    return 0;
  }
  int d = ToInt(s.substr(0, n));
  return d >= 1 && d <= 31 ? d : 0;
}

// A four-digit year, 1000..9999; 0 otherwise.
int YearOf(std::string_view s) {
  if (s.size() != 4 || !AllDigits(s)) return 0;
  int y = ToInt(s);
  return y >= 1000 ? y : 0;
}

// "1990s" -> 1990; 0 otherwise.
int DecadeOf(std::string_view s) {
  if (s.size() != 5 || s[4] != 's' || !AllDigits(s.substr(0, 4))) return 0;
  int y = ToInt(s.substr(0, 4));
  return y >= 1000 && y % 10 == 0 ? y : 0;
}

bool IsTimeOfDay(std::string_view s) {
  return s == "morning" || s == "afternoon" || s == "evening" || s == "night";
}

bool IsDayBoundary(std::string_view s) {
  return s == "dawn" || s == "dusk" || s == "daybreak" || s == "noon" || s == "midnight" ||
         s == "nightfall" || s == "sunrise" || s == "sunset" || s == "morning";
}

bool IsDash(std::string_view s) { return s == "-" || s == "\u2013" || s == "\u2014"; }

// Words that may introduce a time expression and belong to its span.
bool IsPrefix(std::string_view s) {
  return s == "on" || s == "in" || s == "at" || s == "during" || s == "by" || s == "from" ||
         s == "until" || s == "till" || s == "through" || s == "throughout" || s == "before" ||
         s == "after" || s == "since" || s == "for" || s == "over" || s == "within" || s == "of";
}

int ModOf(std::string_view s) {
  if (s == "last" || s == "past") return -1;
  if (s == "this") return 0;
  if (s == "next" || s == "coming") return 1;
  return 2;  // not a modifier
}

Part PartOf(std::string_view s) {
  if (s == "early") return Part::kEarly;
  if (s == "mid" || s == "middle") return Part::kMid;
  if (s == "late") return Part::kLate;
  if (s == "earlier") return Part::kUpToStory;
  if (s == "later") return Part::kFromStory;
  return Part::kWhole;
}

// Can an expression start with this (lower-cased) word? A fast filter over
// every first word MatchCore and the prefixes accept.
bool CanStart(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] >= '0' && s[0] <= '9') return true;
  if (s.size() > 4 && s.substr(0, 4) == "mid-") return true;
  static const std::unordered_set<std::string_view> kStarts = [] {
    std::unordered_set<std::string_view> set = {
        "on",        "in",          "at",          "during",    "by",       "from",     "until",
        "till",      "through",     "throughout",  "before",    "after",    "since",    "for",
        "over",      "within",      "of",          "early",     "late",     "mid",      "middle",
        "earlier",   "later",       "the",         "yesterday", "today",    "tonight",  "tomorrow",
        "overnight", "last",        "this",        "next",      "past",     "coming",   "a",
        "an",        "one",         "two",         "three",     "four",     "five",     "six",
        "seven",     "eight",       "nine",        "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen",  "fifteen",     "sixteen",     "seventeen", "eighteen", "nineteen", "twenty",
        "thirty",    "forty-eight", "twenty-four", "christmas", "new",      "boxing"};
    return set;
  }();
  return kStarts.count(s) != 0 || WeekdayIndex(s) >= 0 || MonthIndex(s) != 0;
}

// ---------------------------------------------------------------- matching

struct View {
  const Document& doc;
  uint32_t begin;                // document index of the sentence's first token
  std::vector<std::string> low;  // lower-cased forms, a trailing '.' dropped
  size_t size() const { return low.size(); }
  std::string_view at(size_t i) const {
    return i < low.size() ? std::string_view(low[i]) : std::string_view();
  }
  const Token& tok(size_t i) const { return doc.tokens[begin + i]; }
  bool capitalized(size_t i) const {
    std::string_view f = doc.Form(tok(i));
    return !f.empty() && f[0] >= 'A' && f[0] <= 'Z';
  }
  std::string_view tok_xpos(size_t i) const {
    return i < low.size() ? std::string_view(tok(i).xpos) : std::string_view();
  }
  bool is_noun(size_t i) const {
    if (i >= low.size()) return false;
    const std::string& x = tok(i).xpos;
    return x == "NN" || x == "NNS";
  }
};

// A month name at i: 1..12 or 0. Month names must be capitalised; "May" and
// "March" (and bare abbreviations) need a day/year number next to them or a
// cue word before; a token tagged as a verb or modal is never a month.
int MonthAt(const View& v, size_t i, bool cued) {
  if (i >= v.size()) return 0;
  int m = MonthIndex(v.at(i));
  if (m == 0 || !v.capitalized(i)) return 0;
  const std::string& x = v.tok(i).xpos;
  if (x == "MD" || (x.size() >= 2 && x[0] == 'V' && x[1] == 'B')) return 0;
  std::string_view s = v.at(i);
  bool ambiguous = s == "may" || s == "march" || IsAbbrevMonth(s);
  if (!ambiguous || cued) return m;
  bool number_after = DayNumberOf(v.at(i + 1), false) != 0 || YearOf(v.at(i + 1)) != 0;
  bool number_before = i > 0 && DayNumberOf(v.at(i - 1), false) != 0;
  return number_after || number_before ? m : 0;
}

// Optional ", YYYY" or "YYYY" at i: the year (and sets *end), else 0.
int YearAfter(const View& v, size_t i, size_t* end) {
  if (int y = YearOf(v.at(i)); y != 0) {
    *end = i + 1;
    return y;
  }
  if (v.at(i) == ",") {
    if (int y = YearOf(v.at(i + 1)); y != 0) {
      *end = i + 2;
      return y;
    }
  }
  return 0;
}

// Month-led: "March", "March 2", "Mar. 2, 2015", "March 2015". `cued`: a cue
// word came before. Returns the end or 0.
size_t MatchMonthFirst(const View& v, size_t i, bool cued, Core* c) {
  int m = MonthAt(v, i, cued);
  if (m == 0) return 0;
  c->type = Core::Type::kMonth;
  c->month = m;
  size_t end = i + 1;
  // Not a date: "the June 5 Movement", "March 2 rally".
  const bool name_after =
      v.is_noun(i + 2) ||
      ((v.tok_xpos(i + 2) == "NNP" || v.tok_xpos(i + 2) == "NNPS") &&
       MonthIndex(v.at(i + 2)) == 0 && WeekdayIndex(v.at(i + 2)) < 0 && v.at(i + 2) != "gmt");
  if (int d = DayNumberOf(v.at(i + 1), false); d != 0 && !name_after) {
    c->day = d;
    end = i + 2;
    size_t yend = end;
    if (int y = YearAfter(v, end, &yend); y != 0) {
      c->year = y;
      end = yend;
    }
    return end;
  }
  if (int y = YearOf(v.at(i + 1)); y != 0) {
    c->year = y;
    return i + 2;
  }
  if (v.at(i + 1) == "," && YearOf(v.at(i + 2)) != 0) {
    c->year = YearOf(v.at(i + 2));
    return i + 3;
  }
  // A bare abbreviation needs a number.
  if (IsAbbrevMonth(v.at(i)) && v.at(i) != "may") return 0;
  // A month alone after an article modifies a noun: "a November election".
  if (i > 0 && (v.at(i - 1) == "a" || v.at(i - 1) == "an" || v.at(i - 1) == "the")) return 0;
  return end;
}

// Day-led: "2 March", "2nd of March 2015". Returns the end or 0.
size_t MatchDayFirst(const View& v, size_t i, bool the, Core* c) {
  int d = DayNumberOf(v.at(i), the);
  if (d == 0) return 0;
  size_t j = i + 1;
  if (v.at(j) == "of") ++j;
  int m = MonthAt(v, j, true);
  if (m == 0) {
    if (the) {  // "the 5th"
      c->type = Core::Type::kDayOfMonth;
      c->day = d;
      return i + 1;
    }
    return 0;
  }
  c->type = Core::Type::kMonth;
  c->month = m;
  c->day = d;
  size_t end = j + 1;
  size_t yend = end;
  if (int y = YearAfter(v, end, &yend); y != 0) {
    c->year = y;
    end = yend;
  }
  return end;
}

// "2012.07.27" (year first), "29/12/2012", "10/8/2012" (year last) in one
// token. Returns 1 and fills a kIsoDay core, or 0.
size_t MatchNumericDate(std::string_view t, Core* c) {
  const char sep = t.find('/') != std::string_view::npos ? '/' : '.';
  std::string_view parts[3];
  size_t from = 0;
  for (int k = 0; k < 3; ++k) {
    size_t at = k < 2 ? t.find(sep, from) : t.size();
    if (at == std::string_view::npos) return 0;
    parts[k] = t.substr(from, at - from);
    if (!AllDigits(parts[k])) return 0;
    from = at + 1;
  }
  if (from < t.size()) return 0;
  c->type = Core::Type::kIsoDay;
  if (parts[0].size() == 4 && parts[1].size() <= 2 && parts[2].size() <= 2) {
    c->year = ToInt(parts[0]);
    c->month = ToInt(parts[1]);
    c->day = ToInt(parts[2]);
    return 1;
  }
  if (parts[2].size() == 4 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    c->year = ToInt(parts[2]);
    const int a = ToInt(parts[0]), b = ToInt(parts[1]);
    if (b > 12 && a <= 12) {  // 12/29/2012
      c->month = a;
      c->day = b;
    } else {
      c->day = a;
      c->month = b;
      c->swappable = a <= 12 && a != b;
    }
    return 1;
  }
  return 0;
}

// The core of an expression at i (after any preposition and "the").
// `prefix`: the preposition before it ("" if none). Returns the end or 0.
size_t MatchCore(const View& v, size_t i, std::string_view prefix, bool the, Core* c) {
  std::string_view t = v.at(i);
  if (t.empty()) return 0;
  using T = Core::Type;
  // "the day before yesterday"
  if (t == "day" && the && v.at(i + 1) == "before" && v.at(i + 2) == "yesterday") {
    c->type = T::kRelDay;
    c->offset = -2;
    return i + 3;
  }
  // Relative to the last day the text named: "the next day", "the following
  // day", "the previous day", "two days later", "a week earlier".
  if (the && (t == "next" || t == "following" || t == "previous") && v.at(i + 1) == "day") {
    c->type = T::kAfterText;
    c->offset = t == "previous" ? -1 : 1;
    return i + 2;
  }
  if (!the) {
    if (int cnt = CountOf(t); cnt > 0 && cnt <= 366) {
      const Unit u = UnitOf(v.at(i + 1));
      const std::string_view dir = v.at(i + 2);
      if ((u == Unit::kDay || u == Unit::kWeek) && (dir == "later" || dir == "earlier")) {
        c->type = T::kAfterText;
        c->offset = (u == Unit::kWeek ? 7 : 1) * cnt * (dir == "later" ? 1 : -1);
        return i + 3;
      }
    }
  }
  if (!the) {
    int rel = 99;
    if (t == "yesterday") rel = -1;
    if (t == "today" || t == "tonight") rel = 0;
    if (t == "tomorrow") rel = 1;
    if (rel != 99) {
      c->type = T::kRelDay;
      c->offset = rel;
      c->future_word = rel > 0;
      size_t end = i + 1;
      if (IsTimeOfDay(v.at(end))) ++end;
      return end;
    }
    if (t == "overnight") {
      c->type = T::kRelDay;
      c->offset = -1;
      c->overnight = true;
      return i + 1;
    }
    if ((t == "earlier" || t == "later") && v.at(i + 1) == "today") {
      c->type = T::kRelDay;
      c->offset = 0;
      c->future_word = t == "later";
      return i + 2;
    }
  }
  // Day boundaries after a preposition: "since dawn", "at dawn on Friday".
  if (IsDayBoundary(t) && !prefix.empty() && prefix != "for" && prefix != "over" && !the) {
    size_t j = i + 1;
    if (v.at(j) == "on" || v.at(j) == "of") ++j;
    Core next;
    if (size_t e = MatchCore(v, j, "on", false, &next);
        e != 0 && (next.type == T::kWeekday || next.type == T::kRelDay ||
                   (next.type == T::kMonth && next.day != 0) || next.type == T::kIsoDay)) {
      *c = next;
      return e;
    }
    // Alone, only "since dawn" is dated (the story day); "at dawn", "before
    // midnight" name no day: the event inherits one (see timex_stage.h).
    if (prefix != "since") return 0;
    c->type = T::kRelDay;
    c->offset = 0;
    return i + 1;
  }
  // Fixed-date holidays: "on Christmas Day", "on New Year's Eve", like
  // "on December 25" (the last one up to the story date).
  if (!the) {
    int hm = 0, hd = 0;
    size_t end = 0;
    if (t == "christmas" && (v.at(i + 1) == "day" || v.at(i + 1) == "eve")) {
      hm = 12;
      hd = v.at(i + 1) == "eve" ? 24 : 25;
      end = i + 2;
    } else if (t == "boxing" && v.at(i + 1) == "day") {
      hm = 12;
      hd = 26;
      end = i + 2;
    } else if (t == "new" && v.at(i + 1) == "year" && v.at(i + 2) == "'s" &&
               (v.at(i + 3) == "day" || v.at(i + 3) == "eve")) {
      hm = v.at(i + 3) == "eve" ? 12 : 1;
      hd = v.at(i + 3) == "eve" ? 31 : 1;
      end = i + 4;
    }
    if (hm != 0) {
      c->type = T::kMonth;
      c->month = hm;
      c->day = hd;
      if (IsTimeOfDay(v.at(end))) ++end;
      return end;
    }
  }
  // "over the weekend", "at the weekend": the last Saturday and Sunday up
  // to the story date.
  if (t == "weekend" && the) {
    c->type = T::kWeekday;
    c->weekday = 5;
    c->weekend = true;
    return i + 1;
  }
  // last/this/next/past/coming ...
  if (int mod = ModOf(t); mod != 2 && !the) {
    std::string_view n = v.at(i + 1);
    if (n == "weekend" && t != "past") {
      c->type = T::kWeekday;
      c->weekday = 5;
      c->weekend = true;
      c->mod = mod;
      c->future_word = mod > 0;
      return i + 2;
    }
    if (t == "last" && n == "night") {
      c->type = T::kRelDay;
      c->offset = -1;
      return i + 2;
    }
    if (t == "this" && IsTimeOfDay(n)) {
      c->type = T::kRelDay;
      c->offset = 0;
      return i + 2;
    }
    if (int w = WeekdayIndex(n); w >= 0 && t != "past") {
      c->type = T::kWeekday;
      c->weekday = w;
      c->mod = mod;
      c->future_word = mod > 0;
      size_t end = i + 2;
      if (IsTimeOfDay(v.at(end))) ++end;
      return end;
    }
    if (Unit u = UnitOf(n); u != Unit::kNone && u != Unit::kHour && (n.back() != 's')) {
      c->type = T::kUnitOffset;
      c->unit = u;
      c->offset = mod;
      c->future_word = mod > 0;
      return i + 2;
    }
    if (int m = MonthAt(v, i + 1, true); m != 0 && t != "past") {
      c->type = T::kMonth;
      c->month = m;
      c->mod = mod;
      c->future_word = mod > 0;
      return i + 2;
    }
    if (t == "last" || t == "past") {  // "past three days", "last 24 hours"
      if (int cnt = CountOf(n); cnt > 0) {
        if (Unit u = UnitOf(v.at(i + 2)); u != Unit::kNone) {
          c->type = T::kPast;
          c->count = cnt;
          c->unit = u;
          return i + 3;
        }
      }
      if (Unit u = UnitOf(n); u != Unit::kNone) {  // "the past week" (with "the")
        c->type = T::kPast;
        c->count = 1;
        c->unit = u;
        return i + 2;
      }
    }
  }
  if (t == "past" || t == "last") {  // after "the": "the past three days", "the last week"
    std::string_view n = v.at(i + 1);
    int cnt = CountOf(n);
    Unit u = cnt > 0 ? UnitOf(v.at(i + 2)) : UnitOf(n);
    if (u != Unit::kNone && the) {
      c->type = T::kPast;
      c->count = cnt > 0 ? cnt : 1;
      c->unit = u;
      return cnt > 0 ? i + 3 : i + 2;
    }
  }
  // early/mid/late/earlier/later ...
  if (Part p = PartOf(t); p != Part::kWhole && !the) {
    size_t j = i + 1;
    if (v.at(j) == "-") ++j;
    if (int w = WeekdayIndex(v.at(j)); w >= 0 && (p == Part::kEarly || p == Part::kLate)) {
      c->type = T::kWeekday;
      c->weekday = w;
      size_t end = j + 1;
      if (IsTimeOfDay(v.at(end))) ++end;
      return end;
    }
    if (int mod = ModOf(v.at(j)); mod != 2 && v.at(j) != "past") {
      Unit u = UnitOf(v.at(j + 1));
      if (u == Unit::kWeek || u == Unit::kMonth || u == Unit::kYear) {
        c->type = T::kUnitOffset;
        c->unit = u;
        c->offset = mod;
        c->part = p;
        c->future_word = mod > 0 || p == Part::kFromStory;
        return j + 2;
      }
    }
    if (p != Part::kUpToStory && p != Part::kFromStory) {
      Core m;
      if (size_t e = MatchMonthFirst(v, j, true, &m); e != 0 && m.day == 0) {
        *c = m;
        c->part = p;
        return e;
      }
      if (int y = YearOf(v.at(j)); y != 0) {
        c->type = T::kYear;
        c->year = y;
        c->part = p;
        return j + 1;
      }
    }
    return 0;
  }
  // "mid-July", "mid-2014" as one token.
  if (t.size() > 4 && t.substr(0, 4) == "mid-" && !the) {
    std::string_view rest = t.substr(4);
    if (int m = MonthIndex(rest); m != 0) {
      c->type = T::kMonth;
      c->month = m;
      c->part = Part::kMid;
      size_t end = i + 1;
      size_t yend = end;
      if (int y = YearAfter(v, end, &yend); y != 0) {
        c->year = y;
        end = yend;
      }
      return end;
    }
    if (int y = YearOf(rest); y != 0) {
      c->type = T::kYear;
      c->year = y;
      c->part = Part::kMid;
      return i + 1;
    }
  }
  // "every Thursday", "on Thursdays": habits, not days.
  const bool habitual = i > 0 && (v.at(i - 1) == "every" || v.at(i - 1) == "each");
  // A capitalised modifier makes a name: "Good Friday (Agreement)", "Bloody
  // Sunday", "Super Tuesday".
  auto name_word = [](std::string_view w) {
    return w == "good" || w == "black" || w == "bloody" || w == "super" || w == "ash" ||
           w == "holy" || w == "palm" || w == "easter" || w == "cyber" || w == "shrove";
  };
  const bool named = i > 1 && v.capitalized(i - 1) && !IsPrefix(v.at(i - 1)) &&
                     (v.tok_xpos(i - 1) == "JJ" || name_word(v.at(i - 1))) &&
                     MonthIndex(v.at(i - 1)) == 0 && PartOf(v.at(i - 1)) == Part::kWhole;
  if (int w = WeekdayIndex(t); w >= 0 && !the && v.capitalized(i) && !habitual && !named) {
    // "Thursday, March 2" / "Thursday 3 January 2013": the date says it all.
    size_t k = v.at(i + 1) == "," ? i + 2 : i + 1;
    Core dated;
    size_t e = MatchMonthFirst(v, k, true, &dated);
    if (e == 0 || dated.day == 0) e = MatchDayFirst(v, k, false, &dated);
    if (e != 0 && dated.type == T::kMonth && dated.day != 0) {
      *c = dated;
      return e;
    }
    c->type = T::kWeekday;
    c->weekday = w;
    size_t end = i + 1;
    if (IsTimeOfDay(v.at(end))) ++end;
    return end;
  }
  if (!the) {
    if (size_t e = MatchMonthFirst(v, i, !prefix.empty(), c); e != 0) return e;
  }
  if (size_t e = MatchDayFirst(v, i, the, c); e != 0) {
    // "the 5th" alone only after "on"
    if (c->type == T::kDayOfMonth && prefix != "on" && prefix != "since" && prefix != "by" &&
        prefix != "until") {
      return 0;
    }
    return e;
  }
  // ISO date, one token: 2019-04-12.
  if (t.size() == 10 && t[4] == '-' && t[7] == '-' && AllDigits(t.substr(0, 4)) &&
      AllDigits(t.substr(5, 2)) && AllDigits(t.substr(8, 2)) && !the) {
    c->type = T::kIsoDay;
    c->year = ToInt(t.substr(0, 4));
    c->month = ToInt(t.substr(5, 2));
    c->day = ToInt(t.substr(8, 2));
    return i + 1;
  }
  if (int d = DecadeOf(t); d != 0) {
    c->type = T::kDecade;
    c->year = d;
    return i + 1;
  }
  // Numeric dates: "2012.07.27", "29/12/2012", "10/8/2012" (day first unless
  // the second number cannot be a month; see Resolve for the ambiguous ones).
  if (!the && t.size() >= 8 && t.size() <= 10) {
    if (size_t e = MatchNumericDate(t, c); e != 0) return i + 1;
  }
  // Year ranges: "1993-2003" (one token) or "1991 - 1994".
  if (!the && t.size() == 9 && t[4] == '-' && YearOf(t.substr(0, 4)) && YearOf(t.substr(5))) {
    const int y1 = YearOf(t.substr(0, 4)), y2 = YearOf(t.substr(5));
    if (y2 >= y1) {
      c->type = T::kYear;
      c->year = y1;
      c->year_end = y2;
      return i + 1;
    }
  }
  if (int y = YearOf(t); y != 0 && !the && IsDash(v.at(i + 1)) && YearOf(v.at(i + 2)) >= y) {
    c->type = T::kYear;
    c->year = y;
    c->year_end = YearOf(v.at(i + 2));
    return i + 3;
  }
  if (int y = YearOf(t); y != 0 && !the && !prefix.empty() && prefix != "for" && prefix != "over" &&
                         prefix != "within" && !v.is_noun(i + 1) && v.at(i + 1) != "%" &&
                         !IsDash(v.at(i + 1))) {
    c->type = T::kYear;
    c->year = y;
    return i + 1;
  }
  // A bare year closing a title: "Executions 2007", "Annual report: 2016",
  // "..., 1994".
  if (int y = YearOf(t); y >= 1900 && y < 2100 && !the && prefix.empty() && i > 0) {
    size_t k = i + 1;
    while (k < v.size() && (v.at(k) == "." || v.at(k) == ")")) ++k;
    const Upos before = v.tok(i - 1).upos;
    const std::string_view b = v.at(i - 1);
    if (k == v.size() && (before == Upos::kNoun || before == Upos::kPropn || b == ":" || b == "," ||
                          b == "(" || IsDash(b))) {
      c->type = T::kYear;
      c->year = y;
      return i + 1;
    }
  }
  // "two days ago"; "for three days"; "in 24 hours"
  if (int cnt = CountOf(t); cnt > 0 && !the) {
    Unit u = UnitOf(v.at(i + 1));
    if (u != Unit::kNone) {
      if (v.at(i + 2) == "ago") {
        c->type = T::kAgo;
        c->count = cnt;
        c->unit = u;
        return i + 3;
      }
      bool span_prefix = prefix == "for" || prefix == "over" || prefix == "within" ||
                         (prefix == "in" && (u == Unit::kHour));
      if (span_prefix) {
        c->type = T::kPast;
        c->count = cnt;
        c->unit = u;
        return i + 2;
      }
    }
  }
  return 0;
}

// The second half of a range after the core `first` ending at `end`:
// "... and Friday", "... to July 1994", "...-27" (a bare day after a month
// day), "... – November 14th, 2021". Returns the new end or 0.
size_t MatchRangeEnd(const View& v, const Core& first, size_t end, Core* second) {
  std::string_view c = v.at(end);
  const bool weekday = first.type == Core::Type::kWeekday;
  const bool dash = IsDash(c) || c == "to" || c == "through" || c == "until" || c == "till";
  if (!(dash || (weekday && (c == "and" || c == "or")))) return 0;
  size_t k = end + 1;
  if (v.at(k) == "on") ++k;
  Core next;
  if (first.type == Core::Type::kMonth && first.day != 0 && first.year == 0 && dash) {
    if (int d = DayNumberOf(v.at(k), false); d != 0 && MonthAt(v, k + 1, true) == 0) {
      next = first;  // "June 21-27", "June 21-27, 2019"
      next.day = d;
      size_t e = k + 1;
      size_t yend = e;
      if (int y = YearAfter(v, e, &yend); y != 0) {
        next.year = y;
        e = yend;
      }
      *second = next;
      return e;
    }
  }
  const size_t e = MatchCore(v, k, "on", false, &next);
  if (e == 0) return 0;
  const bool same = weekday ? next.type == Core::Type::kWeekday
                            : next.type != Core::Type::kWeekday && next.type != Core::Type::kAgo &&
                                  next.type != Core::Type::kPast;
  if (!same) return 0;
  *second = next;
  return e;
}

// ---------------------------------------------------------------- resolving

struct Resolution {
  bool ok = false;
  int64_t value = 0, range_begin = 0, range_end = 0;
  DatePrecision precision = DatePrecision::kNone;
  std::string problem;
};

bool IsRelative(const Core& c) {
  using T = Core::Type;
  switch (c.type) {
    case T::kYear:
    case T::kDecade:
    case T::kIsoDay:
      return false;
    case T::kMonth:
      return c.year == 0;
    default:
      return true;
  }
}

int64_t Days(int y, int m, int d) { return DaysFromCivil({y, m, d}); }

// The first and last day of part `p` of [first, last] (a month or year), with
// the story day `s` for kUpToStory / kFromStory.
void ApplyPart(Part p, Unit unit, int64_t s, int64_t* first, int64_t* last) {
  CivilDate f = CivilFromDays(*first);
  switch (p) {
    case Part::kWhole:
      return;
    case Part::kUpToStory:
      *last = std::min(*last, s);
      return;
    case Part::kFromStory:
      *first = std::max(*first, s);
      return;
    default:
      break;
  }
  if (unit == Unit::kMonth) {
    if (p == Part::kEarly) *last = Days(f.year, f.month, 10);
    if (p == Part::kMid) {
      *first = Days(f.year, f.month, 11);
      *last = Days(f.year, f.month, 20);
    }
    if (p == Part::kLate) *first = Days(f.year, f.month, 21);
  } else if (unit == Unit::kYear) {
    if (p == Part::kEarly) *last = Days(f.year, 4, 30);
    if (p == Part::kMid) {
      *first = Days(f.year, 5, 1);
      *last = Days(f.year, 8, 31);
    }
    if (p == Part::kLate) *first = Days(f.year, 9, 1);
  } else if (unit == Unit::kWeek) {
    if (p == Part::kEarly) *last = *first + 2;
    if (p == Part::kMid) {
      *first += 2;
      *last = *first + 2;
    }
    if (p == Part::kLate) *first += 4;
  }
}

// `s` shifted back by n units (exact calendar months/years, day clamped).
int64_t ShiftBack(int64_t s, Unit u, int n) {
  CivilDate d = CivilFromDays(s);
  switch (u) {
    case Unit::kHour:
      return s - (n + 23) / 24;
    case Unit::kDay:
      return s - n;
    case Unit::kWeek:
      return s - 7LL * n;
    case Unit::kMonth: {
      CivilDate m = AddMonths(d, -n);
      m.day = std::min(d.day, DaysInMonth(m.year, m.month));
      return DaysFromCivil(m);
    }
    case Unit::kYear: {
      int y = d.year - n;
      return Days(y, d.month, std::min(d.day, DaysInMonth(y, d.month)));
    }
    case Unit::kNone:
      break;
  }
  return s;
}

DatePrecision PrecisionOf(Unit u) {
  switch (u) {
    case Unit::kWeek:
      return DatePrecision::kWeek;
    case Unit::kMonth:
      return DatePrecision::kMonth;
    case Unit::kYear:
      return DatePrecision::kYear;
    default:
      return DatePrecision::kDay;
  }
}

Resolution Resolve(const Core& c, const std::optional<CivilDate>& story, bool future,
                   const std::optional<int64_t>& text_anchor) {
  using T = Core::Type;
  Resolution r;
  if (c.type == T::kAfterText) {
    if (!text_anchor) {
      r.problem = "no earlier date";
      return r;
    }
    r.value = r.range_begin = r.range_end = *text_anchor + c.offset;
    r.precision = DatePrecision::kDay;
    if (r.range_begin < DaysFromCivil({1900, 1, 1})) {
      r.problem = "before 1900";
      return r;
    }
    r.ok = true;
    if (story && r.range_begin > DaysFromCivil(*story)) r.problem = "after the story date";
    return r;
  }
  if (IsRelative(c) && !story) {
    r.problem = "no story date";
    return r;
  }
  const int64_t s = story ? DaysFromCivil(*story) : 0;
  const CivilDate sd = story ? *story : CivilDate{};
  auto day = [&r](int64_t d) {
    r.value = r.range_begin = r.range_end = d;
    r.precision = DatePrecision::kDay;
  };
  switch (c.type) {
    case T::kWeekday:
      if (c.weekend) {
        // "last weekend": the one before this week; "the weekend", "this
        // weekend": the last one up to the story date (or the next one in
        // future speech); "next weekend": the next one.
        int64_t sat = 0;
        if (c.mod < 0) {
          sat = OnOrBefore(WeekStart(s) - 1, 5);
        } else if (c.mod > 0 || future) {
          sat = OnOrAfter(c.mod > 0 ? s + 1 : s - 1, 5);
        } else {
          sat = OnOrBefore(s, 5);
        }
        r.value = r.range_begin = sat;
        r.range_end = sat + 1;
        r.precision = DatePrecision::kWeek;
        break;
      }
      if (c.mod < 0) {
        day(OnOrBefore(s - 1, c.weekday));
      } else if (c.mod > 0) {
        day(OnOrAfter(s + 1, c.weekday));
      } else {
        day(future ? OnOrAfter(s, c.weekday) : OnOrBefore(s, c.weekday));
      }
      break;
    case T::kRelDay:
      day(s + c.offset);
      if (c.overnight) r.range_end = s;
      break;
    case T::kUnitOffset: {
      int64_t first = 0, last = 0;
      if (c.unit == Unit::kWeek) {
        first = WeekStart(s) + 7LL * c.offset;
        last = first + 6;
      } else if (c.unit == Unit::kMonth) {
        CivilDate m = AddMonths(sd, c.offset);
        first = DaysFromCivil(m);
        last = Days(m.year, m.month, DaysInMonth(m.year, m.month));
      } else if (c.unit == Unit::kYear) {
        first = Days(sd.year + c.offset, 1, 1);
        last = Days(sd.year + c.offset, 12, 31);
      } else {
        return r;
      }
      r.value = first;
      ApplyPart(c.part, c.unit, s, &first, &last);
      r.range_begin = first;
      r.range_end = last;
      r.precision = PrecisionOf(c.unit);
      break;
    }
    case T::kMonth: {
      int y = c.year;
      if (y == 0) {
        y = sd.year;
        const int ds = sd.month * 100 + sd.day;
        const int dm = c.month * 100 + (c.day != 0 ? c.day : 1);
        if (c.mod < 0) {
          if (c.month >= sd.month) --y;
        } else if (c.mod > 0) {
          if (c.month <= sd.month) ++y;
        } else if (future) {
          if (c.day != 0 ? dm < ds : c.month < sd.month) ++y;
        } else {
          if (c.day != 0 ? dm > ds : c.month > sd.month) --y;
        }
      }
      if (y < 1900) {
        r.problem = "before 1900";
        return r;
      }
      if (c.day != 0) {
        if (!IsValidDate(y, c.month, c.day)) {
          r.problem = "invalid date";
          return r;
        }
        day(Days(y, c.month, c.day));
      } else {
        int64_t first = Days(y, c.month, 1);
        int64_t last = Days(y, c.month, DaysInMonth(y, c.month));
        r.value = first;
        ApplyPart(c.part, Unit::kMonth, s, &first, &last);
        r.range_begin = first;
        r.range_end = last;
        r.precision = DatePrecision::kMonth;
      }
      break;
    }
    case T::kDayOfMonth: {
      CivilDate m{sd.year, sd.month, 1};
      if (!future && c.day > sd.day) m = AddMonths(m, -1);
      if (future && c.day < sd.day) m = AddMonths(m, 1);
      if (!IsValidDate(m.year, m.month, c.day)) {
        r.problem = "invalid date";
        return r;
      }
      day(Days(m.year, m.month, c.day));
      break;
    }
    case T::kYear:
    case T::kDecade: {
      const int last_year =
          c.type == T::kDecade ? c.year + 9 : (c.year_end != 0 ? c.year_end : c.year);
      if (last_year < 1900 || c.year < 1900) {
        r.problem = "before 1900";
        return r;
      }
      int64_t first = Days(c.year, 1, 1);
      int64_t last = Days(last_year, 12, 31);
      r.value = first;
      ApplyPart(c.part, Unit::kYear, s, &first, &last);
      r.range_begin = first;
      r.range_end = last;
      r.precision = DatePrecision::kYear;
      break;
    }
    case T::kIsoDay: {
      if (c.year < 1900) {
        r.problem = "before 1900";
        return r;
      }
      if (!IsValidDate(c.year, c.month, c.day)) {
        r.problem = "invalid date";
        return r;
      }
      int64_t d = Days(c.year, c.month, c.day);
      // 10/8/2012: day-first, unless that is after the story date and
      // month-first is not.
      if (c.swappable && story) {
        const int64_t alt = Days(c.year, c.day, c.month);
        if (d > s && alt <= s) d = alt;
      }
      day(d);
      break;
    }
    case T::kAgo: {
      const int64_t d = ShiftBack(s, c.unit, c.count);
      if (c.unit == Unit::kWeek) {
        r.value = r.range_begin = WeekStart(d);
        r.range_end = r.range_begin + 6;
        r.precision = DatePrecision::kWeek;
      } else if (c.unit == Unit::kMonth) {
        CivilDate m = CivilFromDays(d);
        r.value = r.range_begin = Days(m.year, m.month, 1);
        r.range_end = Days(m.year, m.month, DaysInMonth(m.year, m.month));
        r.precision = DatePrecision::kMonth;
      } else if (c.unit == Unit::kYear) {
        CivilDate m = CivilFromDays(d);
        r.value = r.range_begin = Days(m.year, 1, 1);
        r.range_end = Days(m.year, 12, 31);
        r.precision = DatePrecision::kYear;
      } else {
        day(d);
      }
      break;
    }
    case T::kAfterText:
      break;  // handled above
    case T::kPast: {
      const int64_t d = ShiftBack(s, c.unit, c.count);
      r.value = r.range_begin = d;
      r.range_end = s;
      r.precision = PrecisionOf(c.unit);
      break;
    }
  }
  if (r.range_begin < Days(1900, 1, 1)) {
    r.problem = "before 1900";
    return r;
  }
  r.ok = true;
  if (story && r.range_begin > s) r.problem = "after the story date";
  return r;
}

// ---------------------------------------------------------------- parse cues

bool IsFutureLemma(std::string_view l) {
  return l == "will" || l == "shall" || l == "'ll" || l == "wo";
}

bool IsScheduleLemma(std::string_view l) {
  return l == "schedule" || l == "due" || l == "expect" || l == "set" || l == "plan" || l == "go" ||
         l == "intend" || l == "prepare";
}

// Does the clause of document token `h` speak of the future? Walks up to the
// first verb, then looks for will/shall among its aux children or a
// scheduling verb it is the complement of.
bool ClauseIsFuture(const Document& doc, const Sentence& s, int32_t h) {
  for (int steps = 0; h >= 0 && steps < 6; ++steps) {
    const Token& t = doc.tokens[h];
    if (t.upos == Upos::kVerb || t.upos == Upos::kAux) break;
    h = doc.HeadIndex(s, h);
  }
  if (h < 0) return false;
  auto has_future_aux = [&](int32_t v) {
    for (uint32_t k = s.token_begin; k < s.token_end; ++k) {
      if (doc.HeadIndex(s, k) == v && doc.tokens[k].deprel.rfind("aux", 0) == 0 &&
          IsFutureLemma(doc.tokens[k].lemma)) {
        return true;
      }
    }
    return false;
  };
  if (has_future_aux(h)) return true;
  if (doc.tokens[h].deprel == "xcomp") {
    int32_t up = doc.HeadIndex(s, h);
    if (up >= 0 && (IsScheduleLemma(doc.tokens[up].lemma) || has_future_aux(up))) return true;
  }
  return false;
}

}  // namespace

std::vector<Recognized> RecognizeSentence(const Document& doc, uint32_t sentence,
                                          const std::optional<CivilDate>& story,
                                          std::optional<int64_t>* last_day) {
  std::vector<Recognized> out;
  if (sentence >= doc.sentences.size()) return out;
  const Sentence& s = doc.sentences[sentence];
  if (s.token_end > doc.tokens.size() || s.token_begin > s.token_end) return out;
  View v{doc, s.token_begin, {}};
  v.low.reserve(s.size());
  for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
    std::string_view f = doc.Form(doc.tokens[t]);
    std::string low(f.size() > 1 && f.back() == '.' ? f.substr(0, f.size() - 1) : f);
    for (char& ch : low) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    v.low.push_back(std::move(low));
  }
  const size_t n = v.size();
  size_t i = 0;
  while (i < n) {
    if (!CanStart(v.at(i))) {  // most tokens: one hash lookup
      ++i;
      continue;
    }
    size_t start = i;
    size_t j = i;
    if ((v.at(j) == "early" || v.at(j) == "late") && v.at(j + 1) == "on") j += 2;
    std::string_view prefix;
    if (IsPrefix(v.at(j))) {
      prefix = v.at(j);
      ++j;
    }
    bool the = false;
    if (v.at(j) == "the") {
      the = true;
      ++j;
    }
    Core core;
    size_t end = 0;
    Core second;
    bool has_second = false;
    if (!the && DayNumberOf(v.at(j), false) != 0 && (IsDash(v.at(j + 1)) || v.at(j + 1) == "to")) {
      Core d2;  // "4 - 10 February 2021": the first day takes the month of the second
      if (size_t e = MatchDayFirst(v, j + 2, false, &d2); e != 0 && d2.type == Core::Type::kMonth) {
        core = d2;
        core.day = DayNumberOf(v.at(j), false);
        second = d2;
        has_second = true;
        end = e;
      }
    }
    if (end == 0) end = MatchCore(v, j, prefix, the, &core);
    if (end == 0 && the) {  // "in the" + something that does not take "the"
      end = 0;
    }
    if (end == 0) {
      ++i;
      continue;
    }
    // Ranges: "on Thursday and Friday", "from April to July 1994",
    // "June 21-27", "June-July 1994", "1 January to 30 September 2019".
    if (size_t e = has_second ? 0 : MatchRangeEnd(v, core, end, &second); e != 0) {
      has_second = true;
      end = e;
      if (core.type == Core::Type::kMonth && core.year == 0 && core.mod == 0 &&
          second.type == Core::Type::kMonth && second.year != 0) {
        core.year = core.month > second.month ? second.year - 1 : second.year;
      }
    }
    Recognized rec;
    TimeExpression& x = rec.expr;
    x.sentence = sentence;
    x.token_begin = s.token_begin + static_cast<uint32_t>(start);
    x.token_end = s.token_begin + static_cast<uint32_t>(end);
    x.begin = doc.tokens[x.token_begin].begin;
    x.end = doc.tokens[x.token_end - 1].end;
    if (prefix == "since") x.kind = TimeExpression::Kind::kSince;
    if ((prefix == "for" || prefix == "over") && core.type == Core::Type::kPast) {
      x.kind = TimeExpression::Kind::kDuration;
    }
    // The span's top word and what it hangs on.
    for (uint32_t t = x.token_begin; t < x.token_end; ++t) {
      int32_t h = doc.HeadIndex(s, t);
      if (doc.tokens[t].head < 0) break;  // not parsed
      if (h < static_cast<int32_t>(x.token_begin) || h >= static_cast<int32_t>(x.token_end)) {
        rec.head_token = h;
        if (doc.tokens[t].deprel != "case" && doc.tokens[t].deprel != "punct") break;
      }
    }
    // Parse repair: a prepositional time phrase parsed as a compound or
    // adjective of the noun after it ("said on Thursday gunmen attacked":
    // on Thursday -compound-> gunmen) belongs to the verb before it.
    if (!prefix.empty() && rec.head_token >= static_cast<int32_t>(x.token_end)) {
      bool modifier = false;
      for (uint32_t t = x.token_begin; t < x.token_end; ++t) {
        if (doc.HeadIndex(s, t) == rec.head_token &&
            (doc.tokens[t].deprel == "compound" || doc.tokens[t].deprel == "amod")) {
          modifier = true;
        }
      }
      if (modifier) {
        for (int64_t k = static_cast<int64_t>(x.token_begin) - 1;
             k >= static_cast<int64_t>(s.token_begin); --k) {
          if (doc.tokens[k].upos == Upos::kVerb) {
            rec.head_token = static_cast<int32_t>(k);
            break;
          }
        }
      }
    }
    rec.future =
        core.future_word || (rec.head_token >= 0 && ClauseIsFuture(doc, s, rec.head_token));
    std::optional<int64_t> no_anchor;
    Resolution r = Resolve(core, story, rec.future, last_day ? *last_day : no_anchor);
    if (r.ok && has_second) {
      Resolution r2 = Resolve(second, story, rec.future, last_day ? *last_day : no_anchor);
      const int64_t limit = core.type == Core::Type::kWeekday ? 14 : 366 * 50;
      if (r2.ok && r2.range_end >= r.range_begin && r2.range_end - r.range_begin < limit) {
        r.range_end = r2.range_end;
      }
    }
    x.problem = r.problem;
    if (r.ok && last_day && r.precision == DatePrecision::kDay && r.problem.empty() &&
        x.kind == TimeExpression::Kind::kPoint) {
      *last_day = r.value;
    }
    if (r.ok) {
      x.value = FormatIsoDays(r.value);
      x.precision = r.precision;
      x.range_begin = FormatIsoDays(r.range_begin);
      x.range_end = FormatIsoDays(r.range_end);
      // "since March": up to the story date (not when the start is later).
      if (x.kind == TimeExpression::Kind::kSince && story &&
          DaysFromCivil(*story) >= r.range_begin) {
        x.range_end = FormatIsoDate(*story);
      }
    }
    out.push_back(std::move(rec));
    i = end;
  }
  return out;
}

}  // namespace sitrep::timex

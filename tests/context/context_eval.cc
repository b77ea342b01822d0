#include "context_eval.h"

#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/binary_io.h"
#include "core/strings.h"

namespace sitrep::context_eval {
namespace {

std::optional<double> ParseNumber(std::string_view s) {
  std::string t = std::string(TrimSpace(s));
  if (t.empty()) return std::nullopt;
  char* end = nullptr;
  double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

std::optional<int> ParseInt(std::string_view s) {
  auto v = ParseNumber(s);
  if (!v || *v != std::floor(*v) || std::fabs(*v) > 2e9) return std::nullopt;
  return static_cast<int>(*v);
}

std::string StrOr(const Json& j, const char* key) {
  if (!j.is_object()) return "";
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Json* ObjectOr(const Json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? &*it : nullptr;
}

std::optional<double> NumberOr(const Json& j, const char* key) {
  if (!j.is_object()) return std::nullopt;
  auto it = j.find(key);
  if (it == j.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) return ParseNumber(it->get<std::string>());
  return std::nullopt;
}

std::string Share(int num, int den) {
  char buf[64];
  if (den == 0) {
    std::snprintf(buf, sizeof buf, "  n/a (%d/%d)", num, den);
  } else {
    std::snprintf(buf, sizeof buf, "%.3f (%d/%d)", static_cast<double>(num) / den, num, den);
  }
  return buf;
}

std::string Compact(const Json* j) {
  if (j == nullptr || j->is_null()) return "null";
  return j->dump(-1, ' ', false, Json::error_handler_t::replace);
}

bool IsViolentRoot(const Json& r) {
  std::string root = StrOr(r, "cameo_root");
  if (root.empty())
    root = StrOr(r, "cameo").substr(0, std::min<size_t>(2, StrOr(r, "cameo").size()));
  return root == "18" || root == "19" || root == "20";
}

}  // namespace

// ---------------------------------------------------------------- CSV

std::vector<std::string> SplitSources(std::string_view cell) {
  std::vector<std::string> out;
  if (std::string(TrimSpace(cell)).empty()) return out;
  size_t start = 0;
  while (true) {
    size_t semi = cell.find(';', start);
    out.push_back(std::string(TrimSpace(cell.substr(
        start, semi == std::string_view::npos ? std::string_view::npos : semi - start))));
    if (semi == std::string_view::npos) break;
    start = semi + 1;
  }
  return out;
}

// ---------------------------------------------------------------- Dates, distance

namespace {

// Howard Hinnant's days_from_civil.
int DaysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (first 10 characters).
bool ParseYmd(std::string_view s, int* y, int* m, int* d) {
  if (s.size() > 10) s = s.substr(0, 10);
  if (s.size() < 4 || !Digits(s.substr(0, 4))) return false;
  *y = std::stoi(std::string(s.substr(0, 4)));
  *m = 1;
  *d = 1;
  if (s.size() == 4) return true;
  if (s.size() < 7 || s[4] != '-' || !Digits(s.substr(5, 2))) return false;
  *m = std::stoi(std::string(s.substr(5, 2)));
  if (*m < 1 || *m > 12) return false;
  if (s.size() == 7) return true;
  if (s.size() != 10 || s[7] != '-' || !Digits(s.substr(8, 2))) return false;
  *d = std::stoi(std::string(s.substr(8, 2)));
  return *d >= 1 && *d <= DaysInMonth(*y, *m);
}

}  // namespace

std::optional<int> DayNumber(std::string_view ymd) {
  int y, m, d;
  if (!ParseYmd(ymd, &y, &m, &d)) return std::nullopt;
  return DaysFromCivil(y, m, d);
}

std::optional<DayRange> DateValueRange(std::string_view value, std::string_view precision) {
  int y, m, d;
  if (!ParseYmd(value, &y, &m, &d)) return std::nullopt;
  int day = DaysFromCivil(y, m, d);
  if (precision == "week") return DayRange{day, day + 6};
  if (precision == "month") {
    return DayRange{DaysFromCivil(y, m, 1), DaysFromCivil(y, m, DaysInMonth(y, m))};
  }
  if (precision == "year") return DayRange{DaysFromCivil(y, 1, 1), DaysFromCivil(y, 12, 31)};
  return DayRange{day, day};
}

double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kRad = M_PI / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

// ---------------------------------------------------------------- Records

RecordsByDoc GroupRecords(std::string_view jsonl) {
  RecordsByDoc out;
  size_t pos = 0;
  while (pos < jsonl.size()) {
    size_t nl = jsonl.find('\n', pos);
    std::string_view line =
        jsonl.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? jsonl.size() : nl + 1;
    if (std::string(TrimSpace(line)).empty()) continue;
    Json j = Json::parse(line, nullptr, /*allow_exceptions=*/false);
    std::string doc = StrOr(j, "doc_id");
    if (j.is_discarded() || !j.is_object() || doc.empty()) {
      ++out.skipped_lines;
      continue;
    }
    out.docs[doc].push_back(std::move(j));
    ++out.records;
  }
  return out;
}

const Json* MainEvent(const std::vector<Json>& records) {
  if (records.empty()) return nullptr;
  for (const Json& r : records) {
    if (IsViolentRoot(r)) return &r;
  }
  std::set<std::string> reporters;
  for (const Json& r : records) {
    std::string by = StrOr(r, "reported_by");
    if (!by.empty()) reporters.insert(by);
  }
  for (const Json& r : records) {
    if (!reporters.count(StrOr(r, "id"))) return &r;
  }
  return &records.front();
}

std::optional<double> CasualtyCount(const Json& record, const char* field) {
  const Json* c = ObjectOr(record, field);
  if (c == nullptr) return std::nullopt;
  return NumberOr(*c, "count");
}

// ---------------------------------------------------------------- UCDP

int UcdpEvent::deaths_min() const { return std::min({low, best, high}); }
int UcdpEvent::deaths_max() const { return std::max({low, best, high}); }

StatusOr<UcdpSet> LoadUcdp(std::string_view csv_text) {
  SITREP_ASSIGN_OR_RETURN(CsvTable table, ParseCsv(csv_text));
  const char* kNeeded[] = {"id",       "source_date", "source_headline", "date_start",
                           "date_end", "latitude",    "longitude",       "best",
                           "low",      "high",        "where_prec",      "where_description",
                           "adm_1",    "country",     "type_of_violence"};
  std::map<std::string, int> col;
  for (const char* name : kNeeded) {
    int c = table.Column(name);
    if (c < 0) return NotFoundError(std::string("UCDP CSV has no column '") + name + "'");
    col[name] = c;
  }
  UcdpSet set;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    ++set.rows;
    std::string where = "line " + std::to_string(table.row_lines[r]);
    if (row.size() != table.header.size()) {
      ++set.bad_rows;
      set.warnings.push_back(where + ": " + std::to_string(row.size()) + " fields, header has " +
                             std::to_string(table.header.size()));
      continue;
    }
    auto get = [&](const char* name) -> const std::string& { return row[col[name]]; };
    std::vector<std::string> headlines = SplitSources(get("source_headline"));
    if (headlines.empty() || headlines[0].empty()) {
      ++set.no_headline;
      continue;
    }
    std::vector<std::string> dates = SplitSources(get("source_date"));
    if (dates.empty() || !DayNumber(dates[0]) || dates[0].size() != 10) {
      ++set.no_date;
      continue;
    }
    UcdpEvent e;
    e.id = std::string(TrimSpace(get("id")));
    e.source_date = dates[0];
    e.headline = headlines[0];
    e.headlines = static_cast<int>(headlines.size());
    e.date_start = std::string(TrimSpace(get("date_start")));
    e.date_end = std::string(TrimSpace(get("date_end")));
    e.where_description = get("where_description");
    e.adm_1 = get("adm_1");
    e.country = get("country");
    auto lat = ParseNumber(get("latitude")), lon = ParseNumber(get("longitude"));
    auto best = ParseInt(get("best")), low = ParseInt(get("low")), high = ParseInt(get("high"));
    auto prec = ParseInt(get("where_prec")), tov = ParseInt(get("type_of_violence"));
    if (e.id.empty() || !lat || !lon || !best || !low || !high || !DayNumber(e.date_start) ||
        !DayNumber(e.date_end)) {
      ++set.bad_rows;
      set.warnings.push_back(where + ": id, coordinates, dates or death counts unreadable");
      continue;
    }
    e.lat = *lat;
    e.lon = *lon;
    e.best = *best;
    e.low = *low;
    e.high = *high;
    e.where_prec = prec.value_or(0);
    e.type_of_violence = tov.value_or(0);
    set.events.push_back(std::move(e));
  }
  return set;
}

std::string UcdpDocumentsJsonl(const std::vector<UcdpEvent>& events) {
  std::string out;
  for (const UcdpEvent& e : events) {
    Json j = {{"id", e.id}, {"date", e.source_date}, {"text", e.headline}};
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kRight:
      return "right";
    case Outcome::kWrong:
      return "wrong";
    case Outcome::kNull:
      return "null";
    case Outcome::kNoEvent:
      return "no_event";
  }
  return "?";
}

UcdpHeadlineScore ScoreUcdpHeadline(const UcdpEvent& gold, const std::vector<Json>& records) {
  UcdpHeadlineScore s;
  s.gold = &gold;
  s.main = MainEvent(records);
  for (const Json& r : records) {
    auto c = CasualtyCount(r, "fatalities");
    if (c && *c >= gold.deaths_min() && *c <= gold.deaths_max()) s.any_event_deaths = true;
  }
  if (s.main == nullptr) return s;
  const Json& m = *s.main;

  // Place.
  const Json* loc = ObjectOr(m, "location");
  s.place_named = loc != nullptr;
  s.our_precision = loc ? StrOr(*loc, "precision") : "";
  if (s.our_precision.empty()) s.our_precision = "none";
  auto lat = loc ? NumberOr(*loc, "lat") : std::nullopt;
  auto lon = loc ? NumberOr(*loc, "lon") : std::nullopt;
  if (lat && lon) {
    s.km = HaversineKm(*lat, *lon, gold.lat, gold.lon);
    s.place = s.km <= 50.0 ? Outcome::kRight : Outcome::kWrong;
  } else {
    s.place = Outcome::kNull;
  }

  // Date: right when a day-precision value lies in [date_start, date_end].
  const Json* date = ObjectOr(m, "date");
  std::string value = date ? StrOr(*date, "value") : "";
  std::string precision = date ? StrOr(*date, "precision") : "";
  auto range = DateValueRange(value, precision);
  auto first = DayNumber(gold.date_start), last = DayNumber(gold.date_end);
  if (!range) {
    s.date = Outcome::kNull;
  } else {
    s.date_from_text = StrOr(*date, "basis") != "story_date" && !StrOr(*date, "text").empty();
    bool day = precision.empty() || precision == "day";
    s.date =
        day && range->first >= *first && range->first <= *last ? Outcome::kRight : Outcome::kWrong;
    s.date_overlaps = range->first <= *last && range->last >= *first;
  }

  // Deaths.
  s.count = CasualtyCount(m, "fatalities");
  if (!s.count) {
    s.deaths = Outcome::kNull;
  } else {
    s.deaths = *s.count >= gold.deaths_min() && *s.count <= gold.deaths_max() ? Outcome::kRight
                                                                              : Outcome::kWrong;
  }
  return s;
}

void OutcomeCounts::Add(Outcome o) {
  switch (o) {
    case Outcome::kRight:
      ++right;
      break;
    case Outcome::kWrong:
      ++wrong;
      break;
    case Outcome::kNull:
      ++null;
      break;
    case Outcome::kNoEvent:
      ++no_event;
      break;
  }
}

UcdpSummary ScoreUcdp(const std::vector<UcdpEvent>& events, const RecordsByDoc& records) {
  UcdpSummary s;
  static const std::vector<Json> kNone;
  for (const UcdpEvent& e : events) {
    auto it = records.docs.find(e.id);
    UcdpHeadlineScore h = ScoreUcdpHeadline(e, it == records.docs.end() ? kNone : it->second);
    ++s.headlines;
    if (h.main != nullptr) ++s.with_event;
    s.place.Add(h.place);
    s.date.Add(h.date);
    s.deaths.Add(h.deaths);
    if (h.place == Outcome::kNull && h.place_named) ++s.place_without_coordinates;
    if (h.date_from_text) ++s.date_from_text;
    if (h.date_overlaps) ++s.date_overlaps;
    auto sd = DayNumber(e.source_date), first = DayNumber(e.date_start),
         last = DayNumber(e.date_end);
    if (sd && first && last && *sd >= *first && *sd <= *last) ++s.story_date_in_range;
    if (h.deaths == Outcome::kNull && e.deaths_min() == 0) ++s.deaths_null_gold_zero;
    if (h.any_event_deaths) ++s.deaths_any_event;
    if (h.deaths == Outcome::kWrong) {
      if (*h.count > e.deaths_max()) ++s.deaths_over_high;
      if (*h.count < e.deaths_min()) ++s.deaths_under_low;
    }
    if (h.place != Outcome::kNoEvent) s.place_by_our_precision[h.our_precision].Add(h.place);
    s.place_by_prec[e.where_prec >= 1 && e.where_prec <= 7 ? e.where_prec : 0].Add(h.place);
    if (h.km >= 0) {
      if (h.km <= 50) {
        ++s.km_50;
      } else if (h.km <= 161) {
        ++s.km_161;
      } else if (h.km <= 500) {
        ++s.km_500;
      } else {
        ++s.km_far;
      }
    }
    s.scores.push_back(h);
  }
  return s;
}

std::string FormatUcdpSummary(const UcdpSummary& s) {
  std::ostringstream o;
  o << "UCDP GED headlines: " << s.headlines << " scored, " << s.with_event
    << " with at least one event record\n";
  o << "place within 50 km of UCDP's coordinates\n"
    << "  over all headlines          " << Share(s.place.right, s.headlines) << "\n"
    << "  over headlines with a place " << Share(s.place.right, s.place.produced()) << "\n"
    << "  main event location null    " << Share(s.place.null, s.place.with_event())
    << "  (of which a place without coordinates: " << s.place_without_coordinates << ")\n"
    << "  distance buckets of placed: <=50 km " << s.km_50 << ", <=161 km " << s.km_161
    << ", <=500 km " << s.km_500 << ", >500 km " << s.km_far << "\n";
  o << "  by UCDP where_prec (right/placed/headlines):";
  for (int p = 0; p < 8; ++p) {
    const OutcomeCounts& c = s.place_by_prec[p];
    if (c.total() == 0) continue;
    o << " " << p << ": " << c.right << "/" << c.produced() << "/" << c.total() << ";";
  }
  o << "\n  by our precision (right/placed/main events):";
  for (const auto& [name, c] : s.place_by_our_precision) {
    o << " " << name << ": " << c.right << "/" << c.produced() << "/" << c.total() << ";";
  }
  o << "\n";
  o << "date inside [date_start, date_end] (day precision)\n"
    << "  over all headlines          " << Share(s.date.right, s.headlines) << "\n"
    << "  over headlines with a date  " << Share(s.date.right, s.date.produced()) << "\n"
    << "  main event date null        " << Share(s.date.null, s.date.with_event()) << "\n"
    << "  date taken from the text    " << Share(s.date_from_text, s.date.produced()) << "\n"
    << "  range overlaps (any precision) " << Share(s.date_overlaps, s.headlines) << "\n"
    << "  baseline: story date inside " << Share(s.story_date_in_range, s.headlines) << "\n";
  o << "deaths: fatalities.count inside [low, high] (widened to include best)\n"
    << "  over all headlines          " << Share(s.deaths.right, s.headlines) << "\n"
    << "  over headlines with a count " << Share(s.deaths.right, s.deaths.produced()) << "\n"
    << "  main event fatalities null  " << Share(s.deaths.null, s.deaths.with_event())
    << "  (UCDP low = 0 for " << s.deaths_null_gold_zero << " of them)\n"
    << "  some event of the headline in range " << Share(s.deaths_any_event, s.headlines) << "\n"
    << "  wrong counts: above high " << s.deaths_over_high << ", below low " << s.deaths_under_low
    << "\n";
  o << "headlines without any event record: " << s.headlines - s.with_event << "\n";
  return o.str();
}

std::string FormatUcdpGoldProfile(const std::vector<UcdpEvent>& events) {
  int prec[8] = {0};
  int same_day = 0, week = 0, longer = 0;
  int lag_before = 0, lag_0 = 0, lag_1 = 0, lag_7 = 0, lag_more = 0;
  int best_0 = 0, best_1 = 0, best_10 = 0, best_more = 0, wide = 0, several = 0, odd = 0;
  for (const UcdpEvent& e : events) {
    ++prec[e.where_prec >= 1 && e.where_prec <= 7 ? e.where_prec : 0];
    int first = DayNumber(e.date_start).value_or(0), last = DayNumber(e.date_end).value_or(0);
    int sd = DayNumber(e.source_date).value_or(0);
    int width = last - first;
    (width == 0 ? same_day : width <= 6 ? week : longer)++;
    if (sd < first) {
      ++lag_before;
    } else if (sd <= last) {
      ++lag_0;
    } else if (sd - last == 1) {
      ++lag_1;
    } else if (sd - last <= 7) {
      ++lag_7;
    } else {
      ++lag_more;
    }
    (e.best == 0 ? best_0 : e.best == 1 ? best_1 : e.best <= 10 ? best_10 : best_more)++;
    if (e.high > e.low) ++wide;
    if (e.best < e.low || e.best > e.high || e.high < e.low) ++odd;
    if (e.headlines > 1) ++several;
  }
  std::ostringstream o;
  o << "gold profile of the " << events.size() << " usable headlines\n  where_prec:";
  for (int p = 0; p < 8; ++p) {
    if (prec[p] > 0) o << " " << p << "=" << prec[p];
  }
  o << "\n  date range: one day " << same_day << ", 2-7 days " << week << ", longer " << longer
    << "\n  story date vs range: before " << lag_before << ", inside " << lag_0 << ", 1 day after "
    << lag_1 << ", 2-7 days after " << lag_7 << ", later " << lag_more << "\n  best: 0 -> "
    << best_0 << ", 1 -> " << best_1 << ", 2-10 -> " << best_10 << ", >10 -> " << best_more
    << "; low < high on " << wide << "; best outside [low, high] or high < low on " << odd
    << "\n  cells with several headlines (first one used): " << several << "\n";
  return o.str();
}

std::string FormatUcdpDisagreements(const UcdpSummary& s, int per_kind) {
  std::ostringstream o;
  auto block = [&](const UcdpHeadlineScore& h, const std::string& what) {
    const UcdpEvent& g = *h.gold;
    o << "- " << g.id << " [" << g.source_date << "] " << g.headline << "\n";
    o << "    gold: " << what << "\n";
    if (h.main != nullptr) {
      o << "    ours: trigger=" << Compact(ObjectOr(*h.main, "trigger")) << " cameo=\""
        << StrOr(*h.main, "cameo") << "\"\n";
    }
  };
  struct Kind {
    const char* title;
    Outcome UcdpHeadlineScore::*field;
  };
  const Kind kinds[] = {{"PLACE", &UcdpHeadlineScore::place},
                        {"DATE", &UcdpHeadlineScore::date},
                        {"DEATHS", &UcdpHeadlineScore::deaths}};
  for (const Kind& k : kinds) {
    for (Outcome want : {Outcome::kWrong, Outcome::kNull}) {
      int shown = 0, total = 0;
      for (const UcdpHeadlineScore& h : s.scores) total += h.*(k.field) == want;
      o << "\n## " << k.title << " " << OutcomeName(want) << ": " << total << " headlines (up to "
        << per_kind << " shown)\n";
      for (const UcdpHeadlineScore& h : s.scores) {
        if (h.*(k.field) != want || shown >= per_kind) continue;
        ++shown;
        const UcdpEvent& g = *h.gold;
        std::ostringstream what;
        if (k.field == &UcdpHeadlineScore::place) {
          char buf[96];
          std::snprintf(buf, sizeof buf, "%.4f,%.4f prec=%d", g.lat, g.lon, g.where_prec);
          what << buf << " " << g.country << " / " << g.adm_1 << " / " << g.where_description;
          block(h, what.str());
          o << "    ours: location=" << Compact(ObjectOr(*h.main, "location"));
          if (h.km >= 0) o << " (" << static_cast<int>(h.km) << " km)";
          o << "\n";
        } else if (k.field == &UcdpHeadlineScore::date) {
          what << "[" << g.date_start << ", " << g.date_end << "]";
          block(h, what.str());
          o << "    ours: date=" << Compact(ObjectOr(*h.main, "date")) << "\n";
        } else {
          what << "best=" << g.best << " low=" << g.low << " high=" << g.high
               << " (headlines in cell: " << g.headlines << ")";
          block(h, what.str());
          o << "    ours: fatalities=" << Compact(ObjectOr(*h.main, "fatalities")) << "\n";
        }
      }
    }
  }
  int shown = 0, total = 0;
  for (const UcdpHeadlineScore& h : s.scores) total += h.main == nullptr;
  o << "\n## NO EVENT: " << total << " headlines (up to " << per_kind << " shown)\n";
  for (const UcdpHeadlineScore& h : s.scores) {
    if (h.main != nullptr || shown >= per_kind) continue;
    ++shown;
    o << "- " << h.gold->id << " [" << h.gold->source_date << "] " << h.gold->headline << "\n";
  }
  return o.str();
}

// ---------------------------------------------------------------- PLOVER

StatusOr<std::vector<PloverRecord>> LoadPlover(std::string_view json_text) {
  Json all = Json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (all.is_discarded()) return DataLossError("PLOVER GSR file is not valid JSON");
  if (!all.is_array()) return DataLossError("PLOVER GSR file is not a JSON array");
  std::vector<PloverRecord> out;
  for (const Json& j : all) {
    if (!j.is_object() || StrOr(j, "event") == "DOCUMENT") continue;
    PloverRecord r;
    r.id = StrOr(j, "id");
    r.text = StrOr(j, "text");
    r.event = StrOr(j, "event");
    if (r.id.empty() || r.text.empty()) continue;
    if (auto d = NumberOr(j, "dead")) r.dead = static_cast<int>(*d);
    if (auto d = NumberOr(j, "injured")) r.injured = static_cast<int>(*d);
    if (const Json* loc = ObjectOr(j, "eventLoc")) {
      r.loc_name = StrOr(*loc, "name");
      r.loc_country = StrOr(*loc, "country code");
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::string PloverDocumentsJsonl(const std::vector<PloverRecord>& records) {
  std::string out;
  for (const PloverRecord& r : records) {
    Json j = {{"id", r.id}, {"date", "2000-01-01"}, {"text", r.text}};
    out += j.dump(-1, ' ', false, Json::error_handler_t::replace);
    out += '\n';
  }
  return out;
}

namespace {

std::vector<std::string> PlaceWords(std::string_view s) {
  static const std::set<std::string> kStop = {
      "the",  "of",      "in",     "province", "governorate", "district", "city",
      "town", "village", "region", "state",    "county",      "area",     "capital",
      "near", "at",      "el",     "al",       "de"};
  std::vector<std::string> words;
  std::string w;
  auto flush = [&]() {
    if (!w.empty() && !kStop.count(w)) words.push_back(w);
    w.clear();
  };
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) {
      w.push_back(static_cast<char>(std::tolower(u)));
    } else {
      flush();
    }
  }
  flush();
  return words;
}

// Optimal-string-alignment distance is at most 1 (one insertion, deletion,
// substitution or swap of neighbours): "algers" ~ "algiers".
bool WithinOneEdit(const std::string& a, const std::string& b) {
  if (a == b) return true;
  size_t n = a.size(), m = b.size();
  if (n + 1 < m || m + 1 < n) return false;
  size_t i = 0;
  while (i < n && i < m && a[i] == b[i]) ++i;
  if (n == m) {
    if (a.compare(i + 1, std::string::npos, b, i + 1, std::string::npos) == 0) return true;
    return i + 1 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           a.compare(i + 2, std::string::npos, b, i + 2, std::string::npos) == 0;
  }
  const std::string& longer = n > m ? a : b;
  const std::string& shorter = n > m ? b : a;
  return longer.compare(i + 1, std::string::npos, shorter, i, std::string::npos) == 0;
}

// Words of 5+ letters may differ by one edit (spelling variants in gold).
bool SameWord(const std::string& a, const std::string& b) {
  if (a == b) return true;
  return a.size() >= 5 && b.size() >= 5 && WithinOneEdit(a, b);
}

bool Contains(const std::vector<std::string>& big, const std::vector<std::string>& small) {
  if (small.empty()) return false;
  for (const std::string& w : small) {
    if (std::none_of(big.begin(), big.end(),
                     [&](const std::string& b) { return SameWord(b, w); })) {
      return false;
    }
  }
  return true;
}

// The location of a record matches the gold place name by its name or its text.
bool LocationMatches(const Json& record, const std::string& gold) {
  const Json* loc = ObjectOr(record, "location");
  if (loc == nullptr) return false;
  return SamePlaceName(StrOr(*loc, "name"), gold) || SamePlaceName(StrOr(*loc, "text"), gold);
}

void ScoreCount(const std::optional<int>& gold, const std::vector<Json>& records, const Json* main,
                const char* field, PloverCountScore* s, const std::string& id,
                std::vector<std::string>* notes) {
  bool any_count = false, any_exact = false;
  for (const Json& r : records) {
    auto c = CasualtyCount(r, field);
    if (!c) continue;
    any_count = true;
    if (gold && *c == *gold) any_exact = true;
  }
  if (!gold) {
    if (any_count) {
      ++s->spurious;
      notes->push_back(id + ": " + field + " given but gold has none: " +
                       Compact(main ? ObjectOr(*main, field) : nullptr));
    }
    return;
  }
  ++s->gold;
  auto c = main ? CasualtyCount(*main, field) : std::nullopt;
  if (c && *c == *gold) ++s->main_exact;
  if (!c) ++s->main_null;
  if (any_exact) ++s->any_exact;
  if (any_count) ++s->found;
  if (!c || *c != *gold) {
    notes->push_back(id + ": " + field + " gold " + std::to_string(*gold) + ", ours " +
                     Compact(main ? ObjectOr(*main, field) : nullptr));
  }
}

}  // namespace

bool SamePlaceName(std::string_view a, std::string_view b) {
  std::vector<std::string> wa = PlaceWords(a), wb = PlaceWords(b);
  return Contains(wa, wb) || Contains(wb, wa);
}

PloverSummary ScorePlover(const std::vector<PloverRecord>& records, const RecordsByDoc& coded) {
  PloverSummary s;
  static const std::vector<Json> kNone;
  for (const PloverRecord& r : records) {
    ++s.records;
    auto it = coded.docs.find(r.id);
    const std::vector<Json>& recs = it == coded.docs.end() ? kNone : it->second;
    const Json* main = MainEvent(recs);
    if (main != nullptr) ++s.with_event;
    ScoreCount(r.dead, recs, main, "fatalities", &s.dead, r.id, &s.disagreements);
    ScoreCount(r.injured, recs, main, "injured", &s.injured, r.id, &s.disagreements);
    if (r.loc_name.empty()) continue;
    ++s.loc_gold;
    bool main_same = main != nullptr && LocationMatches(*main, r.loc_name);
    bool any_same = std::any_of(recs.begin(), recs.end(),
                                [&](const Json& x) { return LocationMatches(x, r.loc_name); });
    if (main_same) ++s.loc_same;
    if (any_same) ++s.loc_any;
    if (main == nullptr || ObjectOr(*main, "location") == nullptr) ++s.loc_null;
    if (!main_same) {
      s.disagreements.push_back(r.id + ": location gold \"" + r.loc_name + "\", ours " +
                                Compact(main ? ObjectOr(*main, "location") : nullptr));
    }
  }
  return s;
}

std::string FormatPloverSummary(const PloverSummary& s) {
  std::ostringstream o;
  o << "PLOVER GSR records: " << s.records << ", " << s.with_event << " with an event record\n";
  auto counts = [&](const char* name, const PloverCountScore& c) {
    o << name << " (gold on " << c.gold << " records)\n"
      << "  main event count exact      " << Share(c.main_exact, c.gold) << "\n"
      << "  some event count exact      " << Share(c.any_exact, c.gold) << "\n"
      << "  some count found            " << Share(c.found, c.gold) << "\n"
      << "  main event count null       " << Share(c.main_null, c.gold) << "\n"
      << "  count where gold has none   " << c.spurious << " records\n";
  };
  counts("dead vs fatalities.count", s.dead);
  counts("injured vs injured.count", s.injured);
  o << "eventLoc vs location name/text (gold on " << s.loc_gold << " records)\n"
    << "  main event same place       " << Share(s.loc_same, s.loc_gold) << "\n"
    << "  some event same place       " << Share(s.loc_any, s.loc_gold) << "\n"
    << "  main event location null    " << Share(s.loc_null, s.loc_gold) << "\n";
  return o.str();
}

// ---------------------------------------------------------------- Running the binary

Status WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  if (!out) return IoError(path + ": cannot open for writing");
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError(path + ": write failed");
  return OkStatus();
}

namespace {
std::string ShellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}
}  // namespace

StatusOr<std::string> RunSitrepCode(const RunOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (options.binary.empty() || !fs::exists(options.binary, ec)) {
    return NotFoundError("sitrep binary not found: '" + options.binary + "'");
  }
  if (!fs::exists(options.input, ec)) return NotFoundError(options.input + ": no such input");
  fs::path dir =
      options.work_dir.empty() ? fs::path(options.input).parent_path() : fs::path(options.work_dir);
  if (dir.empty()) dir = ".";
  std::string stem = fs::path(options.input).stem().string();
  std::string out = (dir / (stem + ".coded.jsonl")).string();
  std::string err = (dir / (stem + ".coded.stderr")).string();
  std::string cmd = ShellQuote(options.binary) + " code " + options.extra_args + " " +
                    ShellQuote(options.input) + " >" + ShellQuote(out) + " 2>" + ShellQuote(err);
  int rc = std::system(cmd.c_str());
  int exit_code = rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  if (exit_code != 0 && exit_code != 1) {
    auto e = ReadFileToString(err);
    std::string first = e.ok() ? e->substr(0, 600) : "";
    return InternalError("'" + cmd + "' exited with " + std::to_string(exit_code) + ": " + first);
  }
  return ReadFileToString(out);
}

// ---------------------------------------------------------------- Whole evaluations

namespace {

StatusOr<std::string> CodedOutput(const EvalOptions& options, const std::string& docs_name,
                                  const std::string& docs) {
  if (!options.coded.empty()) return ReadFileToString(options.coded);
  std::error_code ec;
  std::filesystem::create_directories(options.work_dir, ec);
  if (ec) return IoError(options.work_dir + ": cannot create: " + ec.message());
  std::string input = (std::filesystem::path(options.work_dir) / docs_name).string();
  SITREP_RETURN_IF_ERROR(WriteFile(input, docs));
  return RunSitrepCode({.binary = options.binary,
                        .input = input,
                        .extra_args = options.extra_args,
                        .work_dir = options.work_dir});
}

}  // namespace

StatusOr<std::unique_ptr<UcdpRun>> RunUcdpEval(const EvalOptions& options) {
  std::string path = options.corpora_dir + "/ucdp-ged-sample/ucdpged.csv";
  if (!std::filesystem::exists(path)) return NotFoundError(path + ": no such file");
  SITREP_ASSIGN_OR_RETURN(std::string csv, ReadFileToString(path));
  auto run = std::make_unique<UcdpRun>();
  SITREP_ASSIGN_OR_RETURN(run->set, LoadUcdp(csv));
  SITREP_ASSIGN_OR_RETURN(std::string out, CodedOutput(options, "ucdp_headlines.jsonl",
                                                       UcdpDocumentsJsonl(run->set.events)));
  run->records = GroupRecords(out);
  run->summary = ScoreUcdp(run->set.events, run->records);
  return run;
}

StatusOr<std::unique_ptr<PloverRun>> RunPloverEval(const EvalOptions& options) {
  std::string path = options.corpora_dir + "/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt";
  if (!std::filesystem::exists(path)) return NotFoundError(path + ": no such file");
  SITREP_ASSIGN_OR_RETURN(std::string text, ReadFileToString(path));
  auto run = std::make_unique<PloverRun>();
  SITREP_ASSIGN_OR_RETURN(run->records, LoadPlover(text));
  SITREP_ASSIGN_OR_RETURN(std::string out, CodedOutput(options, "plover_gsr.jsonl",
                                                       PloverDocumentsJsonl(run->records)));
  run->coded = GroupRecords(out);
  run->summary = ScorePlover(run->records, run->coded);
  return run;
}

}  // namespace sitrep::context_eval

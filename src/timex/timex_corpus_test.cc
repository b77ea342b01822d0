// UCDP GED sample (../shared/corpora/ucdp-ged-sample/ucdpged.csv): each
// `source_headline` is run through the pipeline with its `source_date` as the
// story date; where a headline has a resolved time expression, its range must
// meet the event's gold [date_start - 1 day, date_end]. Prints the shares.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/strings.h"
#include "events/coder.h"
#include "pipeline/analyzer.h"
#include "timex/date_math.h"
#include "timex/timex_stage.h"

namespace sitrep::timex {
namespace {

TEST(TimexCorpus, UcdpHeadlinesFallInTheEventWindow) {
  const std::string path = std::string(SITREP_CORPORA_DIR) + "/ucdp-ged-sample/ucdpged.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "corpus not found: " << path;
  std::stringstream ss;
  ss << in.rdbuf();
  auto table = ParseCsv(ss.str());
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  ASSERT_FALSE(table->rows.empty());
  std::map<std::string, size_t> col;
  for (const char* need : {"source_date", "source_headline", "date_start", "date_end"}) {
    ASSERT_GE(table->Column(need), 0) << need;
    col[need] = static_cast<size_t>(table->Column(need));
  }
  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto coder = events::CreateCoder({});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  TimexStage stage;

  int headlines = 0, with_time = 0, checked = 0, hits = 0, day_checked = 0, day_hits = 0;
  int with_event = 0, event_right = 0, baseline_right = 0, event_from_text = 0;
  std::map<std::string, int> problems;
  for (size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    if (row.size() < table->header.size()) continue;
    auto start = ParseIsoDate(row[col["date_start"]]);
    auto end = ParseIsoDate(row[col["date_end"]]);
    if (!start || !end) continue;
    const int64_t lo = DaysFromCivil(*start) - 1;
    const int64_t hi = DaysFromCivil(*end);
    std::vector<std::string_view> heads = SplitOn(row[col["source_headline"]], ';');
    std::vector<std::string_view> dates = SplitOn(row[col["source_date"]], ';');
    for (size_t h = 0; h < heads.size(); ++h) {
      std::string text = std::string(TrimSpace(heads[h]));
      if (text.empty()) continue;
      ++headlines;
      Document doc;
      doc.id = "ucdp-" + std::to_string(r + 1);
      doc.date =
          std::string(TrimSpace(h < dates.size() ? dates[h] : (dates.empty() ? "" : dates[0])));
      doc.text = text;
      ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
      ASSERT_TRUE((*coder)->Code(doc).ok());
      ASSERT_TRUE(stage.Process(doc).ok());
      // Event level: the first event's date against the story-date baseline,
      // day precision inside [date_start, date_end] (no slack).
      const auto story = ParseIsoDate(doc.date);
      if (!doc.events.empty() && story) {
        ++with_event;
        const Event& ev = doc.events.front();
        auto in_range = [&](const std::string& iso) {
          auto d = ParseIsoDate(iso);
          return d && DaysFromCivil(*d) >= lo + 1 && DaysFromCivil(*d) <= hi;
        };
        if (ev.date_precision == DatePrecision::kDay && in_range(ev.date)) ++event_right;
        if (in_range(doc.date)) ++baseline_right;
        if (ev.date_basis == DateBasis::kText) {
          ++event_from_text;
          if (std::getenv("TIMEX_VERBOSE") && !in_range(ev.date)) {
            std::printf("EVENT-MISS story %s gold %s..%s got %s (%s) in: %s\n", doc.date.c_str(),
                        row[col["date_start"]].c_str(), row[col["date_end"]].c_str(),
                        ev.date.c_str(), DatePrecisionName(ev.date_precision), text.c_str());
          }
        }
      }
      if (doc.times.empty()) continue;
      ++with_time;
      const TimeExpression* first = nullptr;
      for (const TimeExpression& t : doc.times) {
        if (!t.value.empty()) {
          first = &t;
          break;
        }
        ++problems[t.problem];
      }
      if (first == nullptr) continue;
      ++checked;
      const int64_t b = DaysFromCivil(*ParseIsoDate(first->range_begin));
      const int64_t e = DaysFromCivil(*ParseIsoDate(first->range_end));
      const bool hit = b <= hi && e >= lo;
      hits += hit;
      if (first->precision == DatePrecision::kDay) {
        ++day_checked;
        day_hits += hit;
      }
      if (!hit && std::getenv("TIMEX_VERBOSE")) {
        std::printf("MISS story %s gold %s..%s got %s..%s '%s' in: %s\n", doc.date.c_str(),
                    row[col["date_start"]].c_str(), row[col["date_end"]].c_str(),
                    first->range_begin.c_str(), first->range_end.c_str(),
                    std::string(doc.Slice(first->begin, first->end)).c_str(), text.c_str());
      }
    }
  }
  const double share_time = headlines ? 1.0 * with_time / headlines : 0;
  const double share_hit = checked ? 1.0 * hits / checked : 0;
  std::printf(
      "UCDP headlines: %d; with a time expression: %d (%.1f%%); resolved: %d; "
      "within [date_start-1, date_end]: %d (%.1f%%); day precision: %d/%d\n",
      headlines, with_time, 100 * share_time, checked, hits, 100 * share_hit, day_hits,
      day_checked);
  for (const auto& [p, n] : problems) std::printf("  unresolved '%s': %d\n", p.c_str(), n);
  std::printf(
      "headlines with an event: %d; first event dated inside [date_start, date_end] "
      "(day): %d; story date inside (baseline): %d; event dated from the text: %d\n",
      with_event, event_right, baseline_right, event_from_text);
  // Measured when set: 1036 headlines, 229 with a time expression (22.1%),
  // 203 of 229 within the window (88.6%); events 180 right vs 171 baseline.
  EXPECT_GT(headlines, 1000);
  EXPECT_GE(share_time, 0.21);
  EXPECT_GE(share_hit, 0.87);
  // Dating events from the text must beat taking the story date.
  EXPECT_GT(event_right, baseline_right);
}

}  // namespace
}  // namespace sitrep::timex

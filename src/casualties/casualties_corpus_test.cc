// Casualty counts against third-party gold data in ../shared/corpora (read in
// place, never copied):
//   (a) PLOVER gold-standard records: the 15 records with `dead` and the 3
//       with `injured`; our count of that kind in the record's text.
//   (b) UCDP GED sample headlines with low/best/high deaths: share of rows
//       whose headlines give a killed count, and share of those whose count
//       lies within [low, high] (weak labels: see README.md).
// Floors sit just under the figures measured when the tests were written.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "casualties/casualties.h"
#include "core/binary_io.h"
#include "core/csv.h"
#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::casualties {
namespace {

std::string CorpusPath(const std::string& rel) {
  return std::string(SITREP_CORPORA_DIR) + "/" + rel;
}

class CasualtiesCorpusTest : public ::testing::Test {
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
    doc.id = "corpus";
    doc.text = text;
    EXPECT_TRUE(analyzer_->Analyze(doc).ok());
    EXPECT_TRUE(coder_->Code(doc).ok());
    EXPECT_TRUE(stage_->Process(doc).ok());
    return doc;
  }
  static inline Analyzer* analyzer_ = nullptr;
  static inline EventCoder* coder_ = nullptr;
  static inline CasualtyStage* stage_ = nullptr;
};

TEST_F(CasualtiesCorpusTest, PloverGoldRecordsDeadAndInjured) {
  std::string path = CorpusPath("plover/gold_standard_records/PLOVER_GSR_CAMEO.txt");
  auto file = ReadFileToString(path);
  if (!file.ok()) GTEST_SKIP() << "PLOVER gold records not found at " << path;
  const std::string text = std::move(*file);
  nlohmann::json records = nlohmann::json::parse(text, nullptr, false);
  ASSERT_TRUE(records.is_array()) << path << " is not a JSON array";
  int total = 0, exact = 0, attached = 0, found_any = 0;
  for (const auto& r : records) {
    if (!r.is_object() || !r.contains("text")) continue;
    for (const char* field : {"dead", "injured"}) {
      if (!r.contains(field)) continue;
      Casualty::Kind kind =
          std::string(field) == "dead" ? Casualty::Kind::kKilled : Casualty::Kind::kInjured;
      int64_t gold = std::stoll(r[field].get<std::string>());
      Document doc = Run(r["text"].get<std::string>());
      ++total;
      bool any = false, hit = false, hit_attached = false;
      std::string ours;
      for (const Casualty& c : doc.casualties) {
        if (c.kind != kind || c.repeats >= 0) continue;
        any = true;
        ours += std::to_string(c.count) + (c.cumulative  ? "(cumulative) "
                                           : c.event < 0 ? "(no event) "
                                                         : " ");
        if (c.count == gold) {
          hit = true;
          if (c.event >= 0) hit_attached = true;
        }
      }
      found_any += any;
      exact += hit;
      attached += hit_attached;
      if (!hit)
        std::printf("MISS %s %s gold=%lld ours=%s\n", r["id"].get<std::string>().c_str(), field,
                    static_cast<long long>(gold), ours.empty() ? "-" : ours.c_str());
      else if (!hit_attached)
        std::printf("UNATTACHED %s %s gold=%lld ours=%s\n", r["id"].get<std::string>().c_str(),
                    field, static_cast<long long>(gold), ours.c_str());
    }
  }
  std::printf(
      "PLOVER GSR: %d dead/injured figures; a count found %d, exact %d (%.1f%%), exact and "
      "attached to an event %d (%.1f%%)\n",
      total, found_any, exact, 100.0 * exact / total, attached, 100.0 * attached / total);
  EXPECT_EQ(total, 18);
  // Measured at d8a0c35: exact 18/18, exact and attached to an event 14/18
  // (the coder codes no violent event in 3 of them; 1 is a running total).
  EXPECT_GE(exact, 17);
  EXPECT_GE(attached, 13);
}

TEST_F(CasualtiesCorpusTest, UcdpHeadlinesKilledWithinLowHigh) {
  std::string path = CorpusPath("ucdp-ged-sample/ucdpged.csv");
  auto file = ReadFileToString(path);
  if (!file.ok()) GTEST_SKIP() << "UCDP GED sample not found at " << path;
  const std::string text = std::move(*file);
  auto table = ParseCsv(text);
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  const auto& header = table->header;
  int h = table->Column("source_headline"), lo = table->Column("low"), hi = table->Column("high"),
      best = table->Column("best");
  ASSERT_GE(h, 0);
  ASSERT_GE(lo, 0);
  ASSERT_GE(hi, 0);
  ASSERT_GE(best, 0);
  int with_headline = 0, with_count = 0, within = 0, equal_best = 0;
  for (const auto& row : table->rows) {
    if (row.size() != header.size()) continue;
    const std::string& cell = row[static_cast<size_t>(h)];
    if (cell.find_first_not_of(" \t;.") == std::string::npos) continue;
    ++with_headline;
    int64_t low = std::atoll(row[static_cast<size_t>(lo)].c_str());
    int64_t high = std::atoll(row[static_cast<size_t>(hi)].c_str());
    int64_t b = std::atoll(row[static_cast<size_t>(best)].c_str());
    // Several sources are separated by ';': each headline is its own document.
    // The row's count: the first non-cumulative killed count of its headlines.
    int64_t ours = -1;
    std::stringstream ss(cell);
    std::string one;
    while (ours < 0 && std::getline(ss, one, ';')) {
      if (one.find_first_not_of(" \t.") == std::string::npos) continue;
      Document doc = Run(one);
      for (const Casualty& c : doc.casualties)
        if (c.kind == Casualty::Kind::kKilled && !c.cumulative && c.repeats < 0) {
          ours = c.count;
          break;
        }
    }
    if (ours < 0) continue;
    ++with_count;
    bool in = ours >= std::min(low, high) && ours <= std::max(low, high);
    within += in;
    equal_best += ours == b;
    if (!in && std::getenv("SITREP_CASUALTIES_VERBOSE"))
      std::printf("OUT [%lld..%lld] ours=%lld | %s\n", static_cast<long long>(low),
                  static_cast<long long>(high), static_cast<long long>(ours), cell.c_str());
  }
  std::printf(
      "UCDP GED headlines: %d rows with a headline; a killed count in %d (%.1f%%); "
      "within [low, high] %d (%.1f%% of those), equal to best %d (%.1f%%)\n",
      with_headline, with_count, 100.0 * with_count / with_headline, within,
      100.0 * within / std::max(with_count, 1), equal_best,
      100.0 * equal_best / std::max(with_count, 1));
  ASSERT_GT(with_headline, 500);
  // Floors just under the figures measured at d8a0c35 (README.md): 197 rows
  // with a count, 64 of them within [low, high].
  EXPECT_GE(with_count, 185);
  EXPECT_GE(within, 58);
}

}  // namespace
}  // namespace sitrep::casualties

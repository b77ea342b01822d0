// The store's reads for the HTTP API (store_reads.cc): counts, one incident
// with its reports and fatality figures, stats by day/type/country.
#include <gtest/gtest.h>

#include <filesystem>
#include <numeric>

#include "server/test_db.h"
#include "store/stats_testing.h"
#include "store/store.h"

namespace sitrep::store {
namespace {

class StoreReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = server::testing_db::FreshDir("store_reads_test");
    server::testing_db::MakeSampleDb(dir_ + "/events.sqlite");
    auto db = Store::Open(dir_ + "/events.sqlite");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(*db);
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  // The incident of the event with this id.
  int64_t IncidentOf(const std::string& event_id) {
    int64_t incident = -1;
    EXPECT_TRUE(db_->Scan({},
                          [&](StoredEvent&& e) {
                            if (e.record["id"] == event_id) incident = e.incident_id;
                            return OkStatus();
                          })
                    .ok());
    return incident;
  }
  std::string dir_;
  std::unique_ptr<Store> db_;
};

TEST_F(StoreReadsTest, CountsMatchScansAndIgnorePaging) {
  for (const char* country : {"", "SYR", "AFG", "USA"}) {
    QueryFilter f;
    f.country = country;
    size_t events = 0, incidents = 0;
    ASSERT_TRUE(db_->Scan(f,
                          [&](StoredEvent&&) {
                            ++events;
                            return OkStatus();
                          })
                    .ok());
    ASSERT_TRUE(db_->ScanIncidents(f,
                                   [&](const Incident&) {
                                     ++incidents;
                                     return OkStatus();
                                   })
                    .ok());
    f.limit = 1;
    f.offset = 1;
    auto n = db_->CountEvents(f);
    ASSERT_TRUE(n.ok()) << n.status().ToString();
    EXPECT_EQ(*n, static_cast<int64_t>(events)) << country;
    auto m = db_->CountIncidents(f);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
    EXPECT_EQ(*m, static_cast<int64_t>(incidents)) << country;
  }
  auto all = db_->CountEvents({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, 7);
  QueryFilter syr;
  syr.country = "syr";
  EXPECT_EQ(*db_->CountEvents(syr), 3);
  QueryFilter text;
  text.text = "car bomb";
  EXPECT_EQ(*db_->CountEvents(text), 1);
}

TEST_F(StoreReadsTest, CountRefusesMalformedFilter) {
  QueryFilter f;
  f.from = "April";
  EXPECT_EQ(db_->CountEvents(f).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->CountIncidents(f).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(db_->Stats(f).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(StoreReadsTest, IncidentWithReportsAndAttributedFigure) {
  const int64_t id = IncidentOf("kdh-0412:2:2");
  ASSERT_GT(id, 0);
  auto detail = db_->GetIncident(id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->incident.id, id);
  EXPECT_EQ(detail->incident.country, "AFG");
  ASSERT_TRUE(detail->incident.fatalities_best.has_value());
  EXPECT_EQ(*detail->incident.fatalities_best, 4);
  bool found = false;
  for (const StoredEvent& e : detail->reports) {
    EXPECT_EQ(e.incident_id, id);
    if (e.record["id"] == "kdh-0412:2:2") {
      found = true;
      EXPECT_EQ(e.doc_source, "Test Wire");
      EXPECT_EQ(e.doc_title, "Checkpoint attacked");
      EXPECT_EQ(e.doc_url, "https://example.org/kdh-0412");
    }
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(static_cast<int64_t>(detail->reports.size()), detail->incident.n_events);
  ASSERT_EQ(detail->fatality_figures.size(), 1u);
  const FatalityFigure& f = detail->fatality_figures[0];
  EXPECT_EQ(f.count, 4);
  EXPECT_EQ(f.qualifier, "exact");
  EXPECT_EQ(f.doc_id, "kdh-0412");
  EXPECT_EQ(f.event_id, "kdh-0412:2:2");
  EXPECT_EQ(f.source, "Police");  // the attribution, not the wire
}

TEST_F(StoreReadsTest, UnattributedFigureFallsBackToDocumentSource) {
  const int64_t id = IncidentOf("idl-0415:0:0");
  ASSERT_GT(id, 0);
  auto detail = db_->GetIncident(id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  ASSERT_EQ(detail->fatality_figures.size(), 1u);
  EXPECT_EQ(detail->fatality_figures[0].count, 13);
  EXPECT_EQ(detail->fatality_figures[0].qualifier, "at_least");
  EXPECT_EQ(detail->fatality_figures[0].source, "Idlib Wire");
}

TEST_F(StoreReadsTest, IncidentWithoutFiguresHasNone) {
  const int64_t id = IncidentOf("dmc-0416:1:0");
  ASSERT_GT(id, 0);
  auto detail = db_->GetIncident(id);
  ASSERT_TRUE(detail.ok());
  EXPECT_TRUE(detail->fatality_figures.empty());
  EXPECT_EQ(detail->reports.size(), 1u);
  EXPECT_FALSE(detail->incident.fatalities_best.has_value());
}

TEST_F(StoreReadsTest, UnknownIncidentIsNotFound) {
  EXPECT_EQ(db_->GetIncident(987654).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(db_->GetIncident(-1).status().code(), StatusCode::kNotFound);
}

const StatsRow* Row(const std::vector<StatsRow>& rows, const std::string& key) {
  for (const StatsRow& r : rows) {
    if (r.key == key) return &r;
  }
  return nullptr;
}

TEST_F(StoreReadsTest, StatsByDayTypeCountry) {
  auto s = db_->Stats({});
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->total_events, 7);
  EXPECT_EQ(s->total_incidents, *db_->CountIncidents({}));
  EXPECT_EQ(s->total_fatalities, 4 + 13);
  auto sum = [](const std::vector<StatsRow>& rows) {
    return std::accumulate(rows.begin(), rows.end(), int64_t{0},
                           [](int64_t a, const StatsRow& r) { return a + r.events; });
  };
  EXPECT_EQ(sum(s->by_day), 7);
  // Each incident counts once by day and by type: the rows add up to the totals.
  auto sum_of = [](const std::vector<StatsRow>& rows, int64_t StatsRow::*field) {
    int64_t n = 0;
    for (const StatsRow& r : rows) n += r.*field;
    return n;
  };
  EXPECT_EQ(sum_of(s->by_day, &StatsRow::incidents), s->total_incidents);
  EXPECT_EQ(sum_of(s->by_day, &StatsRow::fatalities), s->total_fatalities);
  EXPECT_EQ(sum_of(s->by_type, &StatsRow::incidents), s->total_incidents);
  EXPECT_EQ(sum_of(s->by_type, &StatsRow::fatalities), s->total_fatalities);
  EXPECT_EQ(sum_of(s->by_country, &StatsRow::incidents), s->total_incidents);
  EXPECT_EQ(sum_of(s->by_country, &StatsRow::fatalities), s->total_fatalities);
  EXPECT_EQ(sum(s->by_type), 7);
  EXPECT_EQ(sum(s->by_country), 7);
  // Days in order.
  for (size_t i = 1; i < s->by_day.size(); ++i) {
    EXPECT_LT(s->by_day[i - 1].key, s->by_day[i].key);
  }
  const StatsRow* day = Row(s->by_day, "2019-04-10");
  ASSERT_NE(day, nullptr);
  EXPECT_EQ(day->events, 2);
  EXPECT_EQ(day->fatalities, 4);
  const StatsRow* day14 = Row(s->by_day, "2019-04-14");
  ASSERT_NE(day14, nullptr);
  EXPECT_EQ(day14->events, 1);
  EXPECT_EQ(day14->incidents, 1);
  EXPECT_EQ(day14->fatalities, 13);
  const StatsRow* syr = Row(s->by_country, "SYR");
  ASSERT_NE(syr, nullptr);
  EXPECT_EQ(syr->events, 3);
  EXPECT_EQ(syr->fatalities, 13);
  const StatsRow* unplaced = Row(s->by_country, "");
  ASSERT_NE(unplaced, nullptr);
  EXPECT_EQ(unplaced->events, 2);
  EXPECT_EQ(unplaced->fatalities, 0);
  const StatsRow* assault = Row(s->by_type, "ASSAULT");
  ASSERT_NE(assault, nullptr);
  EXPECT_EQ(assault->events, 4);
  EXPECT_EQ(assault->fatalities, 17);
  // Most events first.
  EXPECT_EQ(s->by_type.front().key, "ASSAULT");
}

// Without a filter, stats come from indexes and the incidents table; the same
// figures as the per-event pass that a filter matching everything takes.
TEST_F(StoreReadsTest, StatsOfEverythingEqualsStatsOfAllMatches) {
  auto all = db_->Stats({});
  QueryFilter everything;
  everything.from = "0001-01-01";  // every sample event has a date
  auto matched = db_->Stats(everything);
  ASSERT_TRUE(all.ok() && matched.ok());
  store::stats_testing::ExpectSameStats(*all, *matched);
}

TEST_F(StoreReadsTest, StatsFollowTheFilter) {
  QueryFilter f;
  f.country = "AFG";
  auto s = db_->Stats(f);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total_events, 2);
  EXPECT_EQ(s->total_fatalities, 4);
  ASSERT_EQ(s->by_country.size(), 1u);
  EXPECT_EQ(s->by_country[0].key, "AFG");
  f = {};
  f.from = "2030-01-01";
  s = db_->Stats(f);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total_events, 0);
  EXPECT_TRUE(s->by_day.empty());
}

}  // namespace
}  // namespace sitrep::store

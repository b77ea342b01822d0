#include "store/store.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "store/stats_testing.h"
#include "store/test_records.h"

namespace sitrep::store {
namespace {

namespace fs = std::filesystem;

std::set<std::string> Ids(const std::vector<json>& records) {
  std::set<std::string> ids;
  for (const json& r : records) ids.insert(r["id"].get<std::string>());
  return ids;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "store_test_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = dir_ + "/events.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Store> OpenOrDie() {
    auto s = Store::Open(path_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::vector<json> Q(Store& db, const QueryFilter& f) {
    auto r = db.Query(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<json>{};
  }

  std::string dir_, path_;
};

TEST_F(StoreTest, CreatesSchemaAndReopens) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->Count("documents"), 0);
    EXPECT_EQ(*db->Count("events"), 0);
    EXPECT_EQ(*db->IntegrityCheck(), "ok");
    EXPECT_FALSE(db->Count("sqlite_master").ok());  // only our tables
  }
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->schema_version(), kSchemaVersion);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  EXPECT_EQ(*db->Count("documents"), 4);
}

TEST_F(StoreTest, RefusesNonDatabaseFile) {
  {
    std::ofstream(path_) << "this is not a database, just some text that is long enough to "
                            "fill a SQLite header page and more..........................\n";
  }
  auto s = Store::Open(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss) << s.status().ToString();
  EXPECT_NE(s.status().message().find(path_), std::string::npos);
}

void RawSql(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST_F(StoreTest, RefusesForeignDatabaseAndNewerSchema) {
  // A SQLite database with someone else's tables: not touched.
  const std::string other = dir_ + "/other.sqlite";
  RawSql(other, "CREATE TABLE accounts(id INTEGER, owner TEXT)");
  auto s = Store::Open(other);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss) << s.status().ToString();
  // A store written by a newer sitrep.
  { ASSERT_TRUE(OpenOrDie()); }
  RawSql(path_, "PRAGMA user_version = 99");
  s = Store::Open(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition) << s.status().ToString();
  // A path that cannot be created.
  auto bad = Store::Open(dir_ + "/no/such/dir/x.sqlite");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kIoError);
}

TEST_F(StoreTest, IngestIsIdempotent) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  IngestStats st1, st2;
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch(), {}, &st1).ok());
  EXPECT_EQ(st1.inserted, 4u);
  EXPECT_EQ(st1.events, 7u);
  const int64_t events = *db->Count("events"), incidents = *db->Count("incidents"),
                sentences = *db->Count("sentences"), geo = *db->Count("event_geo");
  std::vector<json> before = Q(*db, {});
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch(), {}, &st2).ok());
  EXPECT_EQ(st2.unchanged, 4u);
  EXPECT_EQ(st2.inserted + st2.replaced, 0u);
  EXPECT_EQ(*db->Count("events"), events);
  EXPECT_EQ(*db->Count("incidents"), incidents);
  EXPECT_EQ(*db->Count("sentences"), sentences);
  EXPECT_EQ(*db->Count("event_geo"), geo);
  EXPECT_EQ(Q(*db, {}), before);
  EXPECT_EQ(events, 7);
  EXPECT_EQ(incidents, 6);  // kdh-0412's two reports of the checkpoint attack merge
  EXPECT_EQ(geo, 5);        // located events
}

TEST_F(StoreTest, UpdatedDocumentReplacesItsEvents) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  // kdh-0412 had 3 events; the new version has 1, with another text.
  DocumentRecords d = testing_records::SampleBatch()[0];
  d.document.text += " Updated: the toll rose.";
  d.records.resize(1);
  d.sentences.clear();  // sentences from the records: the roadside one is gone
  d.records[0]["fatalities"] = {{"count", 9}, {"qualifier", "exact"}, {"victims", nullptr}};
  IngestStats st;
  ASSERT_TRUE(db->IngestBatch({d}, {}, &st).ok());
  EXPECT_EQ(st.replaced, 1u);
  EXPECT_EQ(*db->Count("events"), 4);
  EXPECT_EQ(*db->Count("incidents"), 4);  // the emptied incidents are gone
  QueryFilter f;
  f.min_fatalities = 9;
  f.actor = "AFG";
  std::vector<json> hits = Q(*db, f);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["doc_id"], "kdh-0412");
  EXPECT_EQ(db->GetDocument("kdh-0412")->text, d.document.text);
  // The old sentences left the full-text index.
  QueryFilter t;
  t.text = "roadside";
  EXPECT_TRUE(Q(*db, t).empty());
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

TEST_F(StoreTest, InvalidDocumentIsSkippedRestIngested) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  std::vector<DocumentRecords> batch = testing_records::SampleBatch();
  batch[1].records[0]["doc_id"] = "someone-else";
  batch[2].records.push_back(json::array({1, 2}));
  IngestStats st;
  ASSERT_TRUE(db->IngestBatch(batch, {}, &st).ok());
  EXPECT_EQ(st.rejected, 2u);
  ASSERT_EQ(st.errors.size(), 2u);
  EXPECT_NE(st.errors[0].find("doc " + batch[1].document.id), std::string::npos);
  EXPECT_NE(st.errors[1].find("not a JSON object"), std::string::npos);
  EXPECT_EQ(*db->Count("documents"), 2);
}

TEST_F(StoreTest, EveryFilter) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  using S = std::set<std::string>;
  auto ids = [&](QueryFilter f) { return Ids(Q(*db, f)); };
  QueryFilter f;
  EXPECT_EQ(ids(f).size(), 7u);

  f = {};
  f.from = "2019-04-10";
  f.to = "2019-04-11";
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2", "kdh-0412:5:0"}));
  f = {};
  f.country = "syr";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f = {};
  f.admin1 = "idlib";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0"}));
  f = {};  // around Idlib and Damascus, not Kandahar
  f.min_lon = 35.0;
  f.min_lat = 33.0;
  f.max_lon = 37.5;
  f.max_lat = 36.5;
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f.min_lon = 60.0;  // crossing the antimeridian: lon >= 60 or lon <= 37.5
  f.max_lon = 37.5;
  f.min_lat = 30.0;
  EXPECT_EQ(ids(f),
            (S{"kdh-0412:2:1", "kdh-0412:2:2", "idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f.min_lon = 170.0;
  f.max_lon = -170.0;
  EXPECT_TRUE(ids(f).empty());
  f = {};  // 50 km around Idlib city: Ariha (~14 km) yes, Damascus (~300 km) no
  f.near_lat = 35.93;
  f.near_lon = 36.63;
  f.near_km = 50;
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0"}));
  f.near_km = 10;  // Idlib city itself only
  EXPECT_EQ(ids(f), (S{"idl-0415:3:0"}));
  f = {};
  f.actor = "AFG";  // code prefix
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:0", "kdh-0412:5:0"}));
  f = {};
  f.actor = "taliban";  // words of the text or name
  EXPECT_EQ(ids(f), (S{"kdh-0412:5:0"}));
  f = {};
  f.actor = "---UAF";  // a code with dashes and the LIKE escape
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2"}));
  f = {};
  f.cameo = "19";
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2", "idl-0415:0:0"}));
  f.cameo = "195";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0"}));
  f = {};
  f.plover = "assault";
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2", "idl-0415:0:0", "idl-0415:3:0"}));
  f = {};
  f.acled = "Explosions/Remote violence";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0"}));
  f.acled = "air/drone strike";  // sub-event type, any case
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0"}));
  f = {};
  f.min_fatalities = 5;
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0"}));
  f.min_fatalities = 1;
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:2", "idl-0415:0:0"}));
  f = {};
  f.text = "checkpoint";
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:0", "kdh-0412:2:1", "kdh-0412:2:2"}));
  f.text = "Checkpoint KANDAHAR";  // all words, any case
  EXPECT_EQ(ids(f).size(), 3u);
  f.text = "checkpoint Idlib";
  EXPECT_TRUE(ids(f).empty());
  // Full text with a country, dates or a radius probes the text per event
  // (sql_where.h's EXISTS form): the answer is the text filter's (the IN form)
  // intersected with the other filter's.
  {
    auto intersect = [&](const QueryFilter& other) {
      QueryFilter text_only;
      text_only.text = "checkpoint";
      S a = ids(text_only), b = ids(other), out;
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(out, out.end()));
      return out;
    };
    auto both = [&](QueryFilter other) {
      other.text = "checkpoint";
      return ids(other);
    };
    std::vector<QueryFilter> others(5);
    others[0].country = "AFG";
    others[1].country = "SYR";
    others[2].from = "2019-01-01";
    others[2].to = "2030-12-31";
    others[3].to = "2000-01-01";
    others[4].near_lat = 31.61;
    others[4].near_lon = 65.71;
    others[4].near_km = 50;
    for (size_t i = 0; i < others.size(); ++i) {
      EXPECT_EQ(both(others[i]), intersect(others[i])) << "filter " << i;
    }
    EXPECT_EQ(both(others[0]).size(), 2u);  // the third checkpoint event has no place
    EXPECT_TRUE(both(others[1]).empty());
    EXPECT_EQ(both(others[2]).size(), 3u);
  }
  // Combined filters, ordering, limit and offset.
  f = {};
  f.plover = "ASSAULT";
  f.country = "AFG";
  std::vector<json> all = Q(*db, f);
  ASSERT_EQ(all.size(), 2u);
  f.limit = 1;
  f.offset = 1;
  std::vector<json> page = Q(*db, f);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0], all[1]);
  // Malformed filters are errors, not crashes.
  f = {};
  f.from = "April";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.near_lat = 1;
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.cameo = "19'; DROP TABLE events; --";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*db->Count("events"), 7);
}

TEST_F(StoreTest, FullTextWithQuotesAndOddCharacters) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  QueryFilter f;
  // Each of these is plain words for kWords: no FTS5 syntax error, no SQL.
  for (const char* q : {"\"checkpoint", "checkpoint\"", "check*", "NEAR(a b)", "-checkpoint",
                        "a OR b", "'; DROP TABLE events; --", "(", "\"\"\"", "col:umn", "^x", "{x}",
                        "al-Raqqa's", "ḩamāh", "\xff\xfe"}) {
    f.text = q;
    auto r = db->Query(f);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().ToString();
  }
  f.text = "\"Kandahar\"";  // quotes are separators to the tokenizer: still the word
  EXPECT_EQ(Q(*db, f).size(), 3u);
  f.text = "\"strikes,\"";
  EXPECT_TRUE(db->Query(f).ok());
  f.text = "air-strike";  // a hyphenated word is one quoted phrase: "air strike"
  EXPECT_EQ(Ids(Q(*db, f)), (std::set<std::string>{"idl-0415:0:0"}));
  f.text = "   ";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  // FTS5 syntax on request; its errors are InvalidArgument.
  f.text_syntax = QueryFilter::TextSyntax::kFts5;
  f.text = "checkpoint OR airstrike*";
  EXPECT_GE(Q(*db, f).size(), 3u);
  f.text = "\"unbalanced";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(QuoteFtsWords("say \"no\" now"), "\"say\" \"\"\"no\"\"\" \"now\"");
}

// Merging (merge.h): four reports from Baghdad in one week.
std::vector<DocumentRecords> BaghdadReports() {
  using testing_records::Actor;
  using testing_records::Count;
  using testing_records::Place;
  using testing_records::Record;
  std::vector<DocumentRecords> b(4);
  auto doc = [&](int i, const char* id, const char* date, const char* source, std::string text) {
    b[i].document = {id, date, "", source, "", text};
  };
  // A: a suicide bombing on the 21st, 28 dead (the text dates it).
  const std::string a = "Two suicide bombers struck a market in Baghdad on Thursday, killing 28.";
  doc(0, "bgd-a", "2021-01-21", "Wire A", a);
  json r = Record("bgd-a", "2021-01-21", 0, 0, a, "1831", "2021-01-21");
  r["acled"] = {{"event_type", "Explosions/Remote violence"}, {"sub_event_type", "Suicide bomb"}};
  r["location"] = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.34, 44.40, "city");
  r["fatalities"] = Count(28, "at_least", "people");
  b[0].records.push_back(r);
  // B: the next day, no date in the text, 32 dead, 5 km away.
  const std::string bt = "The toll from the twin bombing in Baghdad rose to 32, officials said.";
  doc(1, "bgd-b", "2021-01-22", "Wire B", bt);
  r = Record("bgd-b", "2021-01-22", 0, 0, bt, "183", "2021-01-22");
  r["date"]["basis"] = "story_date";
  r["location"] = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.31, 44.36, "city");
  r["fatalities"] = Count(32, "exact", "people");
  r["attribution"] = {{"text", "officials"}, {"status", "reported"}, {"start", 0}, {"end", 0}};
  b[1].records.push_back(r);
  // C: a protest the same day in the same city: a different incident.
  const std::string c = "Hundreds protested power cuts in Baghdad on Thursday.";
  doc(2, "bgd-c", "2021-01-21", "Wire C", c);
  r = Record("bgd-c", "2021-01-21", 0, 0, c, "141", "2021-01-21");
  r["source"] = Actor("Hundreds", "IRQ", "IRQ", nullptr, nullptr, "country");
  r["location"] = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.34, 44.40, "city");
  b[2].records.push_back(r);
  // D: a car bomb three days later in the same city: another incident.
  const std::string d = "A car bomb killed five people in Baghdad on Sunday.";
  doc(3, "bgd-d", "2021-01-24", "Wire D", d);
  r = Record("bgd-d", "2021-01-24", 0, 0, d, "183", "2021-01-24");
  r["location"] = Place("Baghdad", "Baghdad", "IRQ", "Baghdad", 33.35, 44.42, "city");
  r["fatalities"] = Count(5, "exact", "people");
  b[3].records.push_back(r);
  return b;
}

std::map<std::string, int64_t> IncidentOfDoc(Store& db) {
  std::map<std::string, int64_t> out;
  EXPECT_TRUE(db.Scan({}, [&](StoredEvent&& e) {
                  out[e.record["doc_id"].get<std::string>()] = e.incident_id;
                  return OkStatus();
                }).ok());
  return out;
}

TEST_F(StoreTest, MergesReportsOfOneIncidentNotItsNeighbours) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(BaghdadReports()).ok());
  std::map<std::string, int64_t> inc = IncidentOfDoc(*db);
  EXPECT_EQ(inc["bgd-a"], inc["bgd-b"]);
  EXPECT_NE(inc["bgd-a"], inc["bgd-c"]);
  EXPECT_NE(inc["bgd-a"], inc["bgd-d"]);
  EXPECT_EQ(*db->Count("incidents"), 3);
  std::vector<Incident> rows;
  ASSERT_TRUE(db->ScanIncidents({}, [&](const Incident& i) {
                  rows.push_back(i);
                  return OkStatus();
                }).ok());
  const Incident* bombing = nullptr;
  for (const Incident& i : rows) {
    if (i.id == inc["bgd-a"]) bombing = &i;
  }
  ASSERT_NE(bombing, nullptr);
  EXPECT_EQ(bombing->n_events, 2);
  EXPECT_EQ(bombing->n_documents, 2);
  EXPECT_EQ(bombing->date_first, "2021-01-21");
  EXPECT_EQ(bombing->date_last, "2021-01-22");
  EXPECT_EQ(*bombing->fatalities_low, 28);
  EXPECT_EQ(*bombing->fatalities_best, 28);  // lower median of 28 and 32
  EXPECT_EQ(*bombing->fatalities_high, 32);
  EXPECT_EQ(bombing->country, "IRQ");
  EXPECT_EQ(bombing->event_family, "Explosions/Remote violence");

  // B is corrected: the bombing was in Basra. It leaves A's incident.
  DocumentRecords b = BaghdadReports()[1];
  b.document.text += " (corrected)";
  b.records[0]["location"] =
      testing_records::Place("Basra", "Basra", "IRQ", "Basra", 30.51, 47.78, "city");
  ASSERT_TRUE(db->IngestBatch({b}).ok());
  inc = IncidentOfDoc(*db);
  EXPECT_NE(inc["bgd-a"], inc["bgd-b"]);
  EXPECT_EQ(*db->Count("incidents"), 4);
  rows.clear();
  ASSERT_TRUE(db->ScanIncidents({}, [&](const Incident& i) {
                  rows.push_back(i);
                  return OkStatus();
                }).ok());
  for (const Incident& i : rows) {
    if (i.id == inc["bgd-a"]) {
      EXPECT_EQ(i.n_documents, 1);
      EXPECT_EQ(*i.fatalities_high, 28);
    }
  }
  // Deleting by replacement with no events empties and removes the incident.
  b.records.clear();
  b.document.text += " (retracted)";
  ASSERT_TRUE(db->IngestBatch({b}).ok());
  EXPECT_EQ(*db->Count("incidents"), 3);
}

TEST_F(StoreTest, IngestOrderDoesNotChangeIncidentsAfterRemerge) {
  std::vector<std::map<std::string, int64_t>> results;
  for (bool reverse : {false, true}) {
    fs::remove(path_);
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    std::vector<DocumentRecords> docs = BaghdadReports();
    if (reverse) std::reverse(docs.begin(), docs.end());
    for (const DocumentRecords& d : docs) ASSERT_TRUE(db->IngestBatch({d}).ok());
    ASSERT_TRUE(db->Remerge().ok());
    EXPECT_EQ(*db->IntegrityCheck(), "ok");
    std::map<std::string, int64_t> inc = IncidentOfDoc(*db);
    EXPECT_EQ(inc["bgd-a"], inc["bgd-b"]);
    EXPECT_EQ(*db->Count("incidents"), 3);
    results.push_back(inc);
  }
  EXPECT_EQ(results[0], results[1]);  // same ids too: date order, then document
}

// Stats() without a filter reads the rollup that triggers keep (store.cc,
// kStatsRollup); a filter matching every event takes the exact per-event
// path. The two agree after every kind of write.
void ExpectRollupEqualsExactStats(Store& db, const std::string& step) {
  SCOPED_TRACE(step);
  auto rollup = db.Stats({});
  QueryFilter everything;
  everything.from = "0001-01-01";  // every test event has a date
  auto exact = db.Stats(everything);
  ASSERT_TRUE(rollup.ok()) << rollup.status().ToString();
  ASSERT_TRUE(exact.ok()) << exact.status().ToString();
  EXPECT_EQ(rollup->total_events, *db.Count("events"));
  stats_testing::ExpectSameStats(*rollup, *exact);
}

TEST_F(StoreTest, StatsRollupFollowsIngestReplacementMergingAndRemerge) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ExpectRollupEqualsExactStats(*db, "empty");
  EXPECT_EQ(db->Stats({})->total_events, 0);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  ExpectRollupEqualsExactStats(*db, "ingest");
  EXPECT_GT(db->Stats({})->total_fatalities, 0);
  // Replacement: fewer events, another toll.
  DocumentRecords d = testing_records::SampleBatch()[0];
  d.document.text += " Updated: the toll rose.";
  d.records.resize(1);
  d.sentences.clear();
  d.records[0]["fatalities"] = {{"count", 9}, {"qualifier", "exact"}, {"victims", nullptr}};
  ASSERT_TRUE(db->IngestBatch({d}).ok());
  ExpectRollupEqualsExactStats(*db, "replacement");
  // Merging across documents, one at a time (incidents grow, change figures).
  for (const DocumentRecords& r : BaghdadReports()) ASSERT_TRUE(db->IngestBatch({r}).ok());
  ExpectRollupEqualsExactStats(*db, "merging");
  // A merged report retracted: its incident shrinks.
  DocumentRecords b = BaghdadReports()[1];
  b.records.clear();
  b.document.text += " (retracted)";
  ASSERT_TRUE(db->IngestBatch({b}).ok());
  ExpectRollupEqualsExactStats(*db, "retraction");
  ASSERT_TRUE(db->Remerge().ok());
  ExpectRollupEqualsExactStats(*db, "remerge");
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

TEST_F(StoreTest, StatsRollupIsBuiltForAStoreWithoutIt) {
  StoreStats before;
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
    ASSERT_TRUE(db->IngestBatch(BaghdadReports()).ok());
    before = *db->Stats({});
  }
  // A version 2 store written before the rollup existed.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "DROP TABLE stats_events; DROP TABLE stats_incidents;", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ExpectRollupEqualsExactStats(*db, "rebuilt");
  auto after = db->Stats({});
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->total_events, before.total_events);
  EXPECT_EQ(after->total_incidents, before.total_incidents);
  EXPECT_EQ(after->total_fatalities, before.total_fatalities);
  EXPECT_GT(before.total_incidents, 0);
  // The rebuilt triggers keep it: a new document counts.
  ASSERT_TRUE(db->IngestBatch({testing_records::SampleBatch()[0]}).ok());
  DocumentRecords extra = BaghdadReports()[3];
  extra.document.id = "bgd-e";
  for (json& r : extra.records) r["doc_id"] = "bgd-e";
  ASSERT_TRUE(db->IngestBatch({extra}).ok());
  ExpectRollupEqualsExactStats(*db, "after rebuild");
  EXPECT_EQ(db->Stats({})->total_events, before.total_events + 1);
}

TEST_F(StoreTest, SchemaVersion1IsMigratedAndReclustered) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->IngestBatch(BaghdadReports()).ok());
  }
  // Back to what version 1 had: no span table, the old indexes, one incident
  // per event.
  RawSql(path_,
         "DROP TABLE incident_span; DROP INDEX events_country_date_incident; "
         "DROP INDEX events_date_incident; CREATE INDEX events_country_date ON events(country, "
         "date); CREATE INDEX events_date ON events(date); "
         "INSERT INTO incidents(id, n_events, n_documents) SELECT 100 + rowid, 1, 1 FROM events; "
         "UPDATE events SET incident_id = 100 + rowid; DELETE FROM incidents WHERE id < 100; "
         "PRAGMA user_version = 1;");
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->schema_version(), 2);
  EXPECT_EQ(*db->Count("incidents"), 3);
  std::map<std::string, int64_t> inc = IncidentOfDoc(*db);
  EXPECT_EQ(inc["bgd-a"], inc["bgd-b"]);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

// A child process ingests a huge batch; the parent kills it with SIGKILL in
// the middle of the transaction. The database must be intact, the batch
// before it complete, and no document of the killed batch half-written.
TEST_F(StoreTest, KillMidBatchLeavesDatabaseConsistent) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  }
  const size_t kDocs = 1500, kStopAt = 1000;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto db = Store::Open(path_);
    if (!db.ok()) _exit(3);
    std::vector<DocumentRecords> batch = testing_records::ManyDocuments(kDocs, 30);
    // An update of a committed document in the same batch: must stay old.
    DocumentRecords upd = testing_records::SampleBatch()[0];
    upd.document.text += " (updated)";
    upd.records.resize(1);
    batch.insert(batch.begin(), upd);
    IngestOptions o;
    o.on_document = [&](size_t i) {
      if (i == kStopAt) {
        char c = 'k';
        (void)!write(fds[1], &c, 1);
        pause();  // wait for the parent's SIGKILL
      }
    };
    Status s = (*db)->IngestBatch(batch, o);
    _exit(s.ok() ? 0 : 4);
  }
  close(fds[1]);
  char c = 0;
  ASSERT_EQ(read(fds[0], &c, 1), 1) << "child died before reaching the kill point";
  close(fds[0]);
  // The child is now inside the transaction with thousands of rows written.
  ASSERT_GT(fs::file_size(path_ + "-wal"), 1u << 20) << "the batch spilled nothing to the WAL";
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  EXPECT_EQ(WTERMSIG(wstatus), SIGKILL);

  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
  EXPECT_EQ(*db->Count("documents"), 4);  // only the first, committed batch
  EXPECT_EQ(*db->Count("events"), 7);
  EXPECT_EQ(*db->Count("incidents"), 6);
  EXPECT_EQ(*db->Count("event_geo"), 5);
  EXPECT_EQ(db->GetDocument("kdh-0412")->text, testing_records::SampleBatch()[0].document.text);
  // Each document has all or none of its events: here, all of the old ones.
  for (const DocumentRecords& d : testing_records::SampleBatch()) {
    QueryFilter f;
    size_t n = 0;
    for (const json& r : Q(*db, f)) n += r["doc_id"] == d.document.id;
    EXPECT_EQ(n, d.records.size()) << d.document.id;
  }
  // And the store still works: the same huge batch now commits in full.
  IngestStats st;
  ASSERT_TRUE(db->IngestBatch(testing_records::ManyDocuments(200, 30), {}, &st).ok());
  EXPECT_EQ(st.inserted, 200u);
  EXPECT_EQ(*db->Count("events"), 7 + 200 * 30);
}

}  // namespace
}  // namespace sitrep::store

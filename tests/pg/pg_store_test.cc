// The store's behaviour on both backends: every check of the parameterised
// StoreBackendTest runs once on SQLite (a temp file) and once on PostgreSQL +
// PostGIS (SITREP_PG_URL, a real server that run_pg_tests.sh starts in a
// temporary directory; without it the PostgreSQL cases skip). PgOnly tests
// what only a server has (foreign schemas, killed clients, concurrent
// writers, lost connections), SameAnswers compares the two backends query by
// query, and PgCli runs the real `sitrep ingest/query/export --db postgresql://`.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#ifdef SITREP_PG_TEST_HTTP
#include <httplib.h>
#endif

#include "store/run_tool_testing.h"
#include "store/store.h"
#include "store/test_records.h"

namespace sitrep::store {
namespace {

namespace fs = std::filesystem;
using S = std::set<std::string>;

std::string PgUrl() {
  const char* u = std::getenv("SITREP_PG_URL");
  return u ? u : "";
}

// Runs SQL on the test server outside the store (setup and sabotage).
bool PgExec(const std::string& sql) {
  PGconn* c = PQconnectdb(PgUrl().c_str());
  bool ok = PQstatus(c) == CONNECTION_OK;
  PQsetNoticeProcessor(
      c, [](void*, const char*) {}, nullptr);
  if (ok) {
    PGresult* r = PQexec(c, sql.c_str());
    ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok) ADD_FAILURE() << sql << ": " << PQerrorMessage(c);
    PQclear(r);
  }
  PQfinish(c);
  return ok;
}

S Ids(const std::vector<json>& records) {
  S ids;
  for (const json& r : records) ids.insert(r["id"].get<std::string>());
  return ids;
}

std::string TempDir(const std::string& what) {
  std::string d = ::testing::TempDir() + "pg_store_test_" + std::to_string(getpid()) + "_" + what;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

// A fresh store of either backend. PostgreSQL: the `sitrep` schema dropped.
class Backend {
 public:
  explicit Backend(const std::string& kind) : kind_(kind) {}
  ~Backend() {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  // Empty when this backend cannot run here (the test skips).
  std::string Target(const std::string& test) {
    if (kind_ == "sqlite") {
      std::string name = test;
      for (char& c : name) {
        if (c == '/') c = '_';
      }
      dir_ = TempDir(name);
      return dir_ + "/events.sqlite";
    }
    if (PgUrl().empty()) return "";
    if (!PgExec("DROP SCHEMA IF EXISTS sitrep CASCADE")) return "";
    return PgUrl();
  }

 private:
  std::string kind_, dir_;
};

class StoreBackendTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<Backend>(GetParam());
    target_ = backend_->Target(::testing::UnitTest::GetInstance()->current_test_info()->name());
    if (target_.empty()) {
      GTEST_SKIP() << "SITREP_PG_URL is not set: run tests/pg/run_pg_tests.sh (ctest -L pg) for "
                      "the PostgreSQL cases";
    }
  }
  std::unique_ptr<Store> OpenOrDie() {
    auto s = Store::Open(target_);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
  std::vector<json> Q(const Store& db, const QueryFilter& f) {
    auto r = db.Query(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<json>{};
  }
  bool pg() const { return GetParam() == "postgres"; }

  std::unique_ptr<Backend> backend_;
  std::string target_;
};

TEST_P(StoreBackendTest, CreatesSchemaAndReopens) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->Count("documents"), 0);
    EXPECT_EQ(*db->Count("events"), 0);
    EXPECT_EQ(*db->IntegrityCheck(), "ok");
    EXPECT_EQ(db->Count("pg_class").status().code(), StatusCode::kInvalidArgument);
  }
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(db->schema_version(), kSchemaVersion);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  EXPECT_EQ(*db->Count("documents"), 4);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

TEST_P(StoreBackendTest, IngestIsIdempotent) {
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
  EXPECT_EQ(sentences, 7);  // 4 given, 2 + 1 from the records' sentences
  EXPECT_EQ(geo, 5);        // located events
  // The stored records are the ingested ones, byte for byte.
  std::vector<std::string> want;
  for (const DocumentRecords& d : testing_records::SampleBatch()) {
    for (const json& r : d.records) want.push_back(r.dump());
  }
  std::multiset<std::string> got;
  for (const json& r : before) got.insert(r.dump());
  EXPECT_EQ(got, std::multiset<std::string>(want.begin(), want.end()));
}

TEST_P(StoreBackendTest, UpdatedDocumentReplacesItsEvents) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  const int64_t incidents_before = *db->Count("incidents");
  DocumentRecords d = testing_records::SampleBatch()[0];
  d.document.text += " Updated: the toll rose.";
  d.records.resize(1);
  d.sentences.clear();  // sentences from the records: the roadside one is gone
  d.records[0]["fatalities"] = {{"count", 9}, {"qualifier", "exact"}, {"victims", nullptr}};
  IngestStats st;
  ASSERT_TRUE(db->IngestBatch({d}, {}, &st).ok());
  EXPECT_EQ(st.replaced, 1u);
  EXPECT_EQ(*db->Count("events"), 4);
  EXPECT_LT(*db->Count("incidents"), incidents_before);  // the emptied incidents are gone
  QueryFilter f;
  f.min_fatalities = 9;
  f.actor = "AFG";
  std::vector<json> hits = Q(*db, f);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0]["doc_id"], "kdh-0412");
  EXPECT_EQ(db->GetDocument("kdh-0412")->text, d.document.text);
  EXPECT_EQ(db->GetDocument("nope").status().code(), StatusCode::kNotFound);
  QueryFilter t;
  t.text = "roadside";
  EXPECT_TRUE(Q(*db, t).empty());
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

TEST_P(StoreBackendTest, InvalidDocumentIsSkippedRestIngested) {
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

TEST_P(StoreBackendTest, EveryFilter) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  auto ids = [&](QueryFilter f) {
    S got = Ids(Q(*db, f));
    // Counts agree with the scan.
    auto n = db->CountEvents(f);
    EXPECT_TRUE(n.ok() && *n == static_cast<int64_t>(got.size())) << n.status().ToString();
    return got;
  };
  QueryFilter f;
  EXPECT_EQ(ids(f).size(), 7u);
  f.from = "2019-04-10";
  f.to = "2019-04-11";
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2", "kdh-0412:5:0"}));
  f = {};
  f.country = "syr";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f = {};
  f.admin1 = "IDLIB";
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0"}));
  f = {};  // around Idlib and Damascus, not Kandahar
  f.min_lon = 35.0;
  f.min_lat = 33.0;
  f.max_lon = 37.5;
  f.max_lat = 36.5;
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f.max_lat = 35.85;  // Ariha (35.81) in, Idlib city (35.93) out
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "dmc-0416:1:0"}));
  f.max_lat = 36.5;
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
  f.near_km = 0;  // exactly the point
  EXPECT_EQ(ids(f), (S{"idl-0415:3:0"}));
  f.near_km = 400;  // Damascus too, Kandahar (~2,500 km) not
  EXPECT_EQ(ids(f), (S{"idl-0415:0:0", "idl-0415:3:0", "dmc-0416:1:0"}));
  f = {};
  f.actor = "AFG";  // code prefix
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:0", "kdh-0412:5:0"}));
  f.actor = "taliban";  // words of the text or name
  EXPECT_EQ(ids(f), (S{"kdh-0412:5:0"}));
  f.actor = "---UAF";  // a code with dashes
  EXPECT_EQ(ids(f), (S{"kdh-0412:2:1", "kdh-0412:2:2"}));
  f.actor = "%";  // LIKE wildcards are plain characters
  EXPECT_TRUE(ids(f).empty());
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
  // Ordered by date, then ingest order.
  std::vector<json> every = Q(*db, {});
  for (size_t i = 1; i < every.size(); ++i) {
    EXPECT_LE(every[i - 1]["date"]["value"].get<std::string>(),
              every[i]["date"]["value"].get<std::string>());
  }
  // Malformed filters are errors, not crashes, and not SQL.
  f = {};
  f.from = "April";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.near_lat = 1;
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.min_lon = 1;
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.cameo = "19'; DROP TABLE events; --";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f = {};
  f.country = "SYR'; DROP TABLE events; --";
  EXPECT_TRUE(Q(*db, f).empty());
  f = {};
  f.limit = -5;
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(*db->Count("events"), 7);
}

TEST_P(StoreBackendTest, FullTextWithQuotesAndOddCharacters) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  QueryFilter f;
  for (const char* q : {"\"checkpoint", "checkpoint\"", "check*", "NEAR(a b)", "-checkpoint",
                        "a OR b", "'; DROP TABLE events; --", "(", "\"\"\"", "col:umn", "^x", "{x}",
                        "al-Raqqa's", "ḩamāh", "\xff\xfe", "a & b | !c <-> d:*"}) {
    f.text = q;
    auto r = db->Query(f);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().ToString();
  }
  f.text = "\"Kandahar\"";
  EXPECT_EQ(Q(*db, f).size(), 3u);
  f.text = "air-strike";  // a hyphenated word is one phrase: "air strike"
  EXPECT_EQ(Ids(Q(*db, f)), (S{"idl-0415:0:0"}));
  f.text = "strike air";  // plain words in any order
  EXPECT_EQ(Ids(Q(*db, f)), (S{"idl-0415:0:0"}));
  f.text = "strike-air";  // but a phrase keeps its order
  EXPECT_TRUE(Q(*db, f).empty());
  f.text = "witnesses";  // a word in quotes in the sentence
  EXPECT_EQ(Ids(Q(*db, f)), (S{"idl-0415:3:0"}));
  f.text = "   ";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
  f.text_syntax = QueryFilter::TextSyntax::kFts5;
  f.text = "checkpoint OR airstrike";
  EXPECT_EQ(Q(*db, f).size(), 3u);
  f.text = "checkpoint OR \"air strike\"";
  EXPECT_EQ(Q(*db, f).size(), 4u);
  f.text = "\"unbalanced";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
}

TEST_P(StoreBackendTest, DiacriticsAreFolded) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  std::vector<DocumentRecords> b = testing_records::SampleBatch();
  DocumentRecords d;
  const std::string s = "Shelling hit Ḩamāh and Dayr az Zawr, Médecins Sans Frontières said.";
  d.document = {"hama-0501", "2019-05-01", "", "", "", s};
  d.records.push_back(
      testing_records::Record("hama-0501", "2019-05-01", 0, 0, s, "194", "2019-05-01"));
  ASSERT_TRUE(db->IngestBatch({d}).ok());
  QueryFilter f;
  for (const char* q : {"hamah", "HAMAH", "Ḩamāh", "frontieres medecins", "Frontières"}) {
    f.text = q;
    EXPECT_EQ(Q(*db, f).size(), 1u) << q;
  }
}

// Incidents, counts, one incident and the aggregates, checked against each
// other (their exact grouping is the merge's business; SameAnswers checks the
// two backends group alike).
TEST_P(StoreBackendTest, IncidentsCountsAndStats) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  std::vector<Incident> incidents;
  ASSERT_TRUE(db->ScanIncidents({}, [&](const Incident& in) {
                  incidents.push_back(in);
                  return OkStatus();
                }).ok());
  EXPECT_EQ(static_cast<int64_t>(incidents.size()), *db->Count("incidents"));
  EXPECT_EQ(*db->CountIncidents({}), *db->Count("incidents"));
  int64_t n_events = 0;
  for (const Incident& in : incidents) {
    n_events += in.n_events;
    auto detail = db->GetIncident(in.id);
    ASSERT_TRUE(detail.ok()) << detail.status().ToString();
    EXPECT_EQ(static_cast<int64_t>(detail->reports.size()), in.n_events);
    EXPECT_EQ(detail->incident.event_types, in.event_types);
    for (const StoredEvent& e : detail->reports) EXPECT_EQ(e.incident_id, in.id);
  }
  EXPECT_EQ(n_events, 7);
  EXPECT_EQ(db->GetIncident(987654321).status().code(), StatusCode::kNotFound);
  // The incident with 13 dead (Ariha): its figure and where it comes from.
  QueryFilter f;
  f.min_fatalities = 10;
  std::vector<Incident> big;
  ASSERT_TRUE(db->ScanIncidents(f, [&](const Incident& in) {
                  big.push_back(in);
                  return OkStatus();
                }).ok());
  ASSERT_EQ(big.size(), 1u);
  EXPECT_EQ(big[0].fatalities_best, 13);
  EXPECT_EQ(big[0].country, "SYR");
  auto detail = db->GetIncident(big[0].id);
  ASSERT_TRUE(detail.ok());
  ASSERT_EQ(detail->fatality_figures.size(), 1u);
  EXPECT_EQ(detail->fatality_figures[0].count, 13);
  EXPECT_EQ(detail->fatality_figures[0].qualifier, "at_least");
  EXPECT_EQ(detail->fatality_figures[0].event_id, "idl-0415:0:0");
  // Paging applies to incidents.
  QueryFilter page;
  page.limit = 2;
  page.offset = 1;
  std::vector<int64_t> paged;
  ASSERT_TRUE(db->ScanIncidents(page, [&](const Incident& in) {
                  paged.push_back(in.id);
                  return OkStatus();
                }).ok());
  ASSERT_EQ(paged.size(), 2u);
  EXPECT_EQ(paged[0], incidents[1].id);
  // Stats: totals agree with the counts; 4 + 13 dead.
  auto stats = db->Stats({});
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(stats->total_events, 7);
  EXPECT_EQ(stats->total_incidents, *db->Count("incidents"));
  EXPECT_EQ(stats->total_fatalities, 17);
  int64_t by_day = 0, by_country = 0;
  for (const StatsRow& r : stats->by_day) by_day += r.events;
  for (const StatsRow& r : stats->by_country) by_country += r.events;
  EXPECT_EQ(by_day, 7);
  EXPECT_EQ(by_country, 7);
  ASSERT_FALSE(stats->by_day.empty());
  EXPECT_EQ(stats->by_day.front().key, "2019-04-10");
  f = {};
  f.country = "SYR";
  stats = db->Stats(f);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total_events, 3);
  ASSERT_EQ(stats->by_country.size(), 1u);
  EXPECT_EQ(stats->by_country[0].key, "SYR");
  EXPECT_EQ(stats->by_country[0].fatalities, 13);
  f.from = "bad";
  EXPECT_EQ(db->Stats(f).status().code(), StatusCode::kInvalidArgument);
}

// Two reports of one air strike (different documents, wording and tolls)
// are one incident with UCDP's low/best/high; a protest in the same town on
// the same day is another.
TEST_P(StoreBackendTest, ReportsOfOneHappeningAreOneIncident) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  using testing_records::Actor;
  using testing_records::Count;
  using testing_records::Place;
  using testing_records::Record;
  auto strike = [&](const std::string& doc, const std::string& sentence, int dead, double lat,
                    const char* qualifier) {
    DocumentRecords d;
    d.document = {doc, "2019-04-15", "", doc == "wire-a" ? "Wire A" : "Wire B", "", sentence};
    json r = Record(doc, "2019-04-15", 0, 0, sentence, "195", "2019-04-14");
    r["source"] = Actor("Syrian jets", "SYRMIL", "SYR", "MIL", nullptr, "agent");
    r["plover"] = {{"event", "ASSAULT"}, {"mode", "aerial"}};
    r["acled"] = {{"event_type", "Explosions/Remote violence"},
                  {"sub_event_type", "Air/drone strike"}};
    r["location"] = Place("Ariha", "Ariha", "SYR", "Idlib", lat, 36.61, "city");
    r["fatalities"] = Count(dead, qualifier, "civilians");
    d.records.push_back(r);
    return d;
  };
  std::vector<DocumentRecords> batch = {
      strike("wire-a", "Syrian jets struck Ariha on Sunday, killing at least 13 civilians.", 13,
             35.81, "at_least"),
      strike("wire-b", "An air raid on the town of Ariha on Sunday killed 15 people.", 15, 35.815,
             "exact")};
  DocumentRecords protest;
  const std::string p = "Residents of Ariha protested on Sunday against the shelling.";
  protest.document = {"wire-c", "2019-04-15", "", "Wire C", "", p};
  json r = Record("wire-c", "2019-04-15", 0, 0, p, "141", "2019-04-14");
  r["plover"] = {{"event", "PROTEST"}, {"mode", "demo"}};
  r["acled"] = {{"event_type", "Protests"}, {"sub_event_type", "Peaceful protest"}};
  r["location"] = Place("Ariha", "Ariha", "SYR", "Idlib", 35.81, 36.61, "city");
  protest.records.push_back(r);
  batch.push_back(protest);
  ASSERT_TRUE(db->IngestBatch(batch).ok());
  EXPECT_EQ(*db->Count("events"), 3);
  EXPECT_EQ(*db->Count("incidents"), 2);
  QueryFilter f;
  f.plover = "ASSAULT";
  std::vector<Incident> found;
  ASSERT_TRUE(db->ScanIncidents(f, [&](const Incident& in) {
                  found.push_back(in);
                  return OkStatus();
                }).ok());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].n_events, 2);
  EXPECT_EQ(found[0].n_documents, 2);
  EXPECT_EQ(found[0].fatalities_low, 13);
  EXPECT_EQ(found[0].fatalities_high, 15);
  auto detail = db->GetIncident(found[0].id);
  ASSERT_TRUE(detail.ok()) << detail.status().ToString();
  EXPECT_EQ(detail->reports.size(), 2u);
  EXPECT_EQ(detail->fatality_figures.size(), 2u);
  // Replacing one report re-splits nothing here but keeps the rows right.
  DocumentRecords upd = batch[1];
  upd.document.text += " The toll rose to 16.";
  upd.records[0]["fatalities"]["count"] = 16;
  ASSERT_TRUE(db->IngestBatch({upd}).ok());
  QueryFilter all_assault;
  all_assault.plover = "ASSAULT";
  EXPECT_EQ(*db->CountIncidents(all_assault), 1);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
  // Remerge gives the same grouping.
  Status s = db->Remerge();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(*db->Count("incidents"), 2);
  EXPECT_EQ(*db->CountIncidents(all_assault), 1);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreBackendTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

// ---------------------------------------------------------------------------
// The same ingest gives the same answers on both backends.

class SameAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PgUrl().empty()) GTEST_SKIP() << "SITREP_PG_URL is not set (run_pg_tests.sh sets it)";
    ASSERT_TRUE(PgExec("DROP SCHEMA IF EXISTS sitrep CASCADE"));
    dir_ = TempDir("same");
    auto a = Store::Open(dir_ + "/events.sqlite");
    auto b = Store::Open(PgUrl());
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    sqlite_ = std::move(*a);
    pg_ = std::move(*b);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
  std::unique_ptr<Store> sqlite_, pg_;
};

std::vector<std::string> Incidents(const Store& db, const QueryFilter& f) {
  std::vector<std::string> out;
  Status s = db.ScanIncidents(f, [&](const Incident& in) {
    // Everything but the id (each backend numbers its own).
    json j = {in.date_first,
              in.date_last,
              in.lat.value_or(-999),
              in.lon.value_or(-999),
              in.country,
              in.admin1,
              in.location,
              in.precision,
              in.event_family,
              in.event_types,
              in.fatalities_low.value_or(-1),
              in.fatalities_best.value_or(-1),
              in.fatalities_high.value_or(-1),
              in.n_events,
              in.n_documents};
    out.push_back(j.dump());
    return OkStatus();
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(SameAnswers, OnSamplesAndBulk) {
  std::vector<DocumentRecords> batch = testing_records::SampleBatch();
  for (DocumentRecords& d : testing_records::ManyDocuments(80, 6)) batch.push_back(std::move(d));
  IngestStats sa, sb;
  ASSERT_TRUE(sqlite_->IngestBatch(batch, {}, &sa).ok());
  ASSERT_TRUE(pg_->IngestBatch(batch, {}, &sb).ok());
  EXPECT_EQ(sa.inserted, sb.inserted);
  EXPECT_EQ(sa.events, sb.events);
  for (const char* t : {"documents", "sentences", "events", "incidents", "event_geo"}) {
    EXPECT_EQ(*sqlite_->Count(t), *pg_->Count(t)) << t;
  }
  std::vector<QueryFilter> filters(12);
  filters[1].country = "irq";
  filters[2].near_lat = 36.03, filters[2].near_lon = 43.5, filters[2].near_km = 20;
  filters[3].min_lon = 43.2, filters[3].min_lat = 36.02, filters[3].max_lon = 43.6,
  filters[3].max_lat = 36.05;
  filters[4].text = "river residents";
  filters[5].min_fatalities = 4, filters[5].limit = 50, filters[5].offset = 7;
  filters[6].actor = "---reb";
  filters[7].from = "2019-04-11", filters[7].to = "2019-12-31";
  filters[8].cameo = "19", filters[8].admin1 = "nineveh";
  filters[9].plover = "ASSAULT", filters[9].near_lat = 35.9, filters[9].near_lon = 36.6;
  filters[9].near_km = 500;
  filters[10].text = "report 17";
  filters[11].limit = 10, filters[11].offset = 470;
  for (size_t i = 0; i < filters.size(); ++i) {
    auto a = sqlite_->Query(filters[i]);
    auto b = pg_->Query(filters[i]);
    ASSERT_TRUE(a.ok() && b.ok()) << i << ": " << a.status().ToString() << " / "
                                  << b.status().ToString();
    EXPECT_EQ(*a, *b) << "filter " << i;  // same records in the same order
    EXPECT_FALSE(a->empty() && i != 11) << "filter " << i << " selects nothing";
    EXPECT_EQ(Incidents(*sqlite_, filters[i]), Incidents(*pg_, filters[i])) << "filter " << i;
    EXPECT_EQ(*sqlite_->CountIncidents(filters[i]), *pg_->CountIncidents(filters[i]));
    auto x = sqlite_->Stats(filters[i]);
    auto y = pg_->Stats(filters[i]);
    ASSERT_TRUE(x.ok() && y.ok()) << x.status().ToString() << " / " << y.status().ToString();
    EXPECT_EQ(x->total_events, y->total_events) << i;
    EXPECT_EQ(x->total_incidents, y->total_incidents) << i;
    EXPECT_EQ(x->total_fatalities, y->total_fatalities) << i;
    auto rows = [](const std::vector<StatsRow>& v) {
      std::vector<std::string> out;
      for (const StatsRow& r : v) {
        out.push_back(r.key + "|" + std::to_string(r.events) + "|" + std::to_string(r.incidents) +
                      "|" + std::to_string(r.fatalities));
      }
      return out;
    };
    EXPECT_EQ(rows(x->by_day), rows(y->by_day)) << i;
    EXPECT_EQ(rows(x->by_type), rows(y->by_type)) << i;
    EXPECT_EQ(rows(x->by_country), rows(y->by_country)) << i;
  }
  // Re-clustered in date order, still alike.
  ASSERT_TRUE(sqlite_->Remerge().ok());
  Status s = pg_->Remerge();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(Incidents(*sqlite_, {}), Incidents(*pg_, {}));
  EXPECT_EQ(*pg_->IntegrityCheck(), "ok");
}

// ---------------------------------------------------------------------------
// What only a server has.

class PgOnly : public ::testing::Test {
 protected:
  void SetUp() override {
    if (PgUrl().empty()) GTEST_SKIP() << "SITREP_PG_URL is not set (run_pg_tests.sh sets it)";
    ASSERT_TRUE(PgExec("DROP SCHEMA IF EXISTS sitrep CASCADE"));
  }
  std::unique_ptr<Store> OpenOrDie() {
    auto s = Store::Open(PgUrl());
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }
};

TEST_F(PgOnly, RefusesForeignSchemaNewerVersionAndUnreachableServer) {
  ASSERT_TRUE(PgExec("CREATE SCHEMA sitrep; CREATE TABLE sitrep.accounts(id int, owner text)"));
  auto s = Store::Open(PgUrl());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDataLoss) << s.status().ToString();
  ASSERT_TRUE(PgExec("DROP SCHEMA sitrep CASCADE"));
  { ASSERT_TRUE(OpenOrDie()); }
  ASSERT_TRUE(PgExec("UPDATE sitrep.schema_version SET version = 99"));
  s = Store::Open(PgUrl());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition) << s.status().ToString();
  ASSERT_TRUE(PgExec("DROP SCHEMA sitrep CASCADE"));
  // Nobody listens on port 1; the password never reaches a message.
  s = Store::Open("postgresql://someone:s3cret@127.0.0.1:1/nothing?connect_timeout=2");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIoError);
  EXPECT_EQ(s.status().message().find("s3cret"), std::string::npos) << s.status().message();
  EXPECT_TRUE(Store::IsPostgresUrl("postgres://x/y"));
  EXPECT_FALSE(Store::IsPostgresUrl("events.sqlite"));
}

TEST_F(PgOnly, DocumentsWithBytesPostgresCannotHoldAreRejected) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  std::vector<DocumentRecords> batch = testing_records::SampleBatch();
  batch[1].document.text += std::string("\xff\xfe", 2);
  batch[2].document.title = std::string("a\0b", 3);
  IngestStats st;
  ASSERT_TRUE(db->IngestBatch(batch, {}, &st).ok());
  EXPECT_EQ(st.rejected, 2u);
  EXPECT_EQ(st.inserted, 2u);
  EXPECT_EQ(*db->Count("documents"), 2);
  QueryFilter f;
  f.admin1 = "\xff";
  EXPECT_EQ(db->Query(f).status().code(), StatusCode::kInvalidArgument);
}

// A child ingests a big batch and is SIGKILLed inside the transaction: the
// server rolls it back; the earlier batch is whole, the store still works.
TEST_F(PgOnly, KillMidBatchLeavesStoreConsistent) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  }
  const size_t kDocs = 150, kStopAt = 100;
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    close(fds[0]);
    auto db = Store::Open(PgUrl());
    if (!db.ok()) _exit(3);
    std::vector<DocumentRecords> batch = testing_records::ManyDocuments(kDocs, 5);
    DocumentRecords upd = testing_records::SampleBatch()[0];
    upd.document.text += " (updated)";
    upd.records.resize(1);
    batch.insert(batch.begin(), upd);
    IngestOptions o;
    o.on_document = [&](size_t i) {
      if (i == kStopAt) {
        char c = 'k';
        (void)!write(fds[1], &c, 1);
        pause();
      }
    };
    Status s = (*db)->IngestBatch(batch, o);
    _exit(s.ok() ? 0 : 4);
  }
  close(fds[1]);
  char c = 0;
  ASSERT_EQ(read(fds[0], &c, 1), 1) << "child died before reaching the kill point";
  close(fds[0]);
  // Thousands of rows are written, uncommitted: invisible to another reader.
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    EXPECT_EQ(*db->Count("events"), 7);
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  int wstatus = 0;
  ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
  ASSERT_TRUE(WIFSIGNALED(wstatus));
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
  EXPECT_EQ(*db->Count("documents"), 4);
  EXPECT_EQ(*db->Count("events"), 7);
  EXPECT_EQ(db->GetDocument("kdh-0412")->text, testing_records::SampleBatch()[0].document.text);
  // The server noticed the dead client and released its lock: ingest works.
  IngestStats st;
  Status s = db->IngestBatch(testing_records::ManyDocuments(50, 5), {}, &st);
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(st.inserted, 50u);
  EXPECT_EQ(*db->Count("events"), 7 + 250);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

// Two processes ingest overlapping batches at once: both finish, every
// document is stored once, nothing is half-written.
TEST_F(PgOnly, ConcurrentWritersSerialise) {
  { ASSERT_TRUE(OpenOrDie()); }
  std::vector<pid_t> children;
  for (int k = 0; k < 2; ++k) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      auto db = Store::Open(PgUrl());
      if (!db.ok()) _exit(3);
      std::vector<DocumentRecords> batch = testing_records::ManyDocuments(60, 5);
      // Child 0 takes documents 0-39, child 1 takes 20-59.
      std::vector<DocumentRecords> mine(batch.begin() + k * 20, batch.begin() + k * 20 + 40);
      for (int round = 0; round < 3; ++round) {
        if (!(*db)->IngestBatch(mine).ok()) _exit(4);
      }
      _exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(WIFEXITED(wstatus));
    EXPECT_EQ(WEXITSTATUS(wstatus), 0);
  }
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  EXPECT_EQ(*db->Count("documents"), 60);
  EXPECT_EQ(*db->Count("events"), 300);
  EXPECT_EQ(*db->IntegrityCheck(), "ok");
}

// The server drops the connection (a restart, an admin): the next call
// reconnects.
TEST_F(PgOnly, ReconnectsAfterLostConnection) {
  auto db = OpenOrDie();
  ASSERT_TRUE(db);
  ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  ASSERT_TRUE(PgExec(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
      "datname = current_database() AND backend_type = 'client backend'"));
  // The first call may fail with IoError (the broken socket is found there),
  // the one after works again.
  StatusOr<int64_t> n = db->Count("events");
  if (!n.ok()) {
    EXPECT_EQ(n.status().code(), StatusCode::kIoError) << n.status().ToString();
    n = db->Count("events");
  }
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 7);
  QueryFilter f;
  f.text = "checkpoint";
  auto hits = db->Query(f);
  ASSERT_TRUE(hits.ok()) << hits.status().ToString();
  EXPECT_EQ(hits->size(), 3u);
}

// ---------------------------------------------------------------------------
// The real binary with --db postgresql://.

#ifdef SITREP_BINARY
using Result = tool_testing::ToolResult;

Result RunTool(const std::string& args, const std::string& dir) {
  return tool_testing::RunTool(SITREP_BINARY, args, dir);
}

TEST_F(PgOnly, CliIngestQueryExport) {
  const std::string dir = TempDir("cli");
  const std::string db = "'" + PgUrl() + "'";
  const std::string articles = std::string(SITREP_SOURCE_DIR) + "/samples/jsonl/articles.jsonl";
  Result r = RunTool("ingest " + articles + " --db " + db, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto store = OpenOrDie();
  ASSERT_TRUE(store);
  const int64_t events = *store->Count("events");
  EXPECT_GT(events, 50);
  EXPECT_EQ(*store->IntegrityCheck(), "ok");
  // Again: nothing changes.
  r = RunTool("ingest " + articles + " --db " + db, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(*store->Count("events"), events);
  // query --format jsonl: the records, as stored.
  r = RunTool("query --db " + db + " --format jsonl --plover ASSAULT", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  size_t n = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << line;
    EXPECT_EQ(j["plover"]["event"], "ASSAULT");
    ++n;
  }
  QueryFilter f;
  f.plover = "ASSAULT";
  EXPECT_EQ(static_cast<int64_t>(n), *store->CountEvents(f));
  EXPECT_GT(n, 0u);
  // export --format geojson: a FeatureCollection of incidents.
  r = RunTool("export --db " + db + " --format geojson", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json g = json::parse(r.out, nullptr, false);
  ASSERT_FALSE(g.is_discarded());
  EXPECT_EQ(g["type"], "FeatureCollection");
  EXPECT_GT(g["features"].size(), 0u);
  // An unreachable server is exit code 2 with a message, not a crash.
  r = RunTool("query --db 'postgresql://nobody@127.0.0.1:1/x?connect_timeout=2'", dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("cannot connect"), std::string::npos) << r.err;
  fs::remove_all(dir);
}

// The merge test set (tests/merge/reports.jsonl: 43 reports of 10 incidents
// and distractors), coded and ingested by the real binary into both
// backends: the same incidents, and the same again after Remerge.
TEST_F(PgOnly, CliSameIncidentsAsSqliteOnMergeSet) {
  const std::string reports = std::string(SITREP_SOURCE_DIR) + "/tests/merge/reports.jsonl";
  if (!fs::exists(reports)) GTEST_SKIP() << reports << " is not there";
  const std::string dir = TempDir("mergeset");
  const std::string sqlite = dir + "/m.sqlite";
  Result r = RunTool("ingest " + reports + " --db " + sqlite, dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunTool("ingest " + reports + " --db '" + PgUrl() + "'", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto a = Store::Open(sqlite);
  auto b = Store::Open(PgUrl());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_GT(*(*b)->Count("incidents"), 10);
  EXPECT_EQ(*(*a)->Count("incidents"), *(*b)->Count("incidents"));
  EXPECT_EQ(Incidents(**a, {}), Incidents(**b, {}));
  ASSERT_TRUE((*a)->Remerge().ok());
  ASSERT_TRUE((*b)->Remerge().ok());
  EXPECT_EQ(Incidents(**a, {}), Incidents(**b, {}));
  EXPECT_EQ(*(*b)->IntegrityCheck(), "ok");
  fs::remove_all(dir);
}

#ifdef SITREP_PG_TEST_HTTP
// `sitrep serve --db postgresql://...`: the HTTP API over the server store.
TEST_F(PgOnly, ServeOverPostgres) {
  {
    auto db = OpenOrDie();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->IngestBatch(testing_records::SampleBatch()).ok());
  }
  const std::string dir = TempDir("serve");
  const std::string err = dir + "/stderr";
  const std::string url = PgUrl();
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    if (!std::freopen(err.c_str(), "w", stderr)) _exit(3);
    execl(SITREP_BINARY, SITREP_BINARY, "serve", "--db", url.c_str(), "--port", "0", "--threads",
          "2", "--gazetteer", "none", static_cast<char*>(nullptr));
    _exit(127);
  }
  // "sitrep: serving http://127.0.0.1:41234/ (db ...)"
  int port = 0;
  for (int i = 0; i < 300 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    std::ifstream in(err);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const size_t at = text.find("serving http://");
    if (at != std::string::npos) {
      const size_t colon = text.find(':', at + 15);
      if (colon != std::string::npos) port = std::atoi(text.c_str() + colon + 1);
    }
    if (waitpid(pid, nullptr, WNOHANG) == pid) break;
  }
  ASSERT_GT(port, 0) << "sitrep serve did not start";
  httplib::Client cli("127.0.0.1", port);
  auto r = cli.Get("/api/stats");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  json stats = json::parse(r->body, nullptr, false);
  EXPECT_EQ(stats["total_events"], 7) << r->body;
  r = cli.Get("/api/incidents?country=SYR");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  json page = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(page.contains("items")) << r->body;
  ASSERT_FALSE(page["items"].empty());
  const int64_t id = page["items"][0]["id"].get<int64_t>();
  r = cli.Get("/api/incidents/" + std::to_string(id));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  r = cli.Get("/api/incidents/987654321");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  kill(pid, SIGTERM);
  int wstatus = 0;
  EXPECT_EQ(waitpid(pid, &wstatus, 0), pid);
  fs::remove_all(dir);
}
#endif  // SITREP_PG_TEST_HTTP
#endif

}  // namespace
}  // namespace sitrep::store

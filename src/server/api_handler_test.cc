// ApiHandler without sockets: parameters, every endpoint, errors, POST with a
// stand-in coder, static files and path traversal.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "server/api_server.h"
#include "server/test_db.h"

namespace sitrep::server {
namespace {

using store::json;
namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Parameters.

std::multimap<std::string, std::string> P(
    std::initializer_list<std::pair<const std::string, std::string>> l) {
  return std::multimap<std::string, std::string>(l);
}

TEST(FilterFromParamsTest, DefaultsAndEveryFilter) {
  auto f = FilterFromParams({});
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f->limit, 100);
  EXPECT_EQ(f->offset, 0);
  f = FilterFromParams(P({{"from", "2019-04-01"},
                          {"to", "2019-04-30"},
                          {"country", "afg"},
                          {"admin1", "Kandahar"},
                          {"bbox", "60,29.5,75.1,38"},
                          {"near", "31.6, 65.7, 50"},
                          {"actor", "Taliban"},
                          {"cameo", "19"},
                          {"plover", "ASSAULT"},
                          {"acled", "Battles"},
                          {"min_fatalities", "3"},
                          {"q", "checkpoint police"},
                          {"limit", "10000"},
                          {"offset", "20"},
                          {"_", "1700000000"}}));  // unknown: ignored
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->from, "2019-04-01");
  EXPECT_EQ(f->to, "2019-04-30");
  EXPECT_EQ(f->country, "afg");
  EXPECT_EQ(f->admin1, "Kandahar");
  EXPECT_DOUBLE_EQ(*f->min_lon, 60);
  EXPECT_DOUBLE_EQ(*f->min_lat, 29.5);
  EXPECT_DOUBLE_EQ(*f->max_lon, 75.1);
  EXPECT_DOUBLE_EQ(*f->max_lat, 38);
  EXPECT_DOUBLE_EQ(*f->near_lat, 31.6);
  EXPECT_DOUBLE_EQ(*f->near_lon, 65.7);
  EXPECT_DOUBLE_EQ(*f->near_km, 50);
  EXPECT_EQ(f->actor, "Taliban");
  EXPECT_EQ(f->cameo, "19");
  EXPECT_EQ(f->plover, "ASSAULT");
  EXPECT_EQ(f->acled, "Battles");
  EXPECT_EQ(*f->min_fatalities, 3);
  EXPECT_EQ(f->text, "checkpoint police");
  EXPECT_EQ(f->text_syntax, store::QueryFilter::TextSyntax::kWords);
  EXPECT_EQ(f->limit, 10000);
  EXPECT_EQ(f->offset, 20);
}

TEST(FilterFromParamsTest, EmptyValuesAreAbsent) {
  auto f = FilterFromParams(P({{"country", ""}, {"q", "  "}, {"limit", ""}, {"bbox", ""}}));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE(f->country.empty());
  EXPECT_TRUE(f->text.empty());
  EXPECT_EQ(f->limit, 100);
  EXPECT_FALSE(f->min_lon.has_value());
}

TEST(FilterFromParamsTest, MalformedValuesNameTheParameter) {
  struct Case {
    const char* name;
    const char* value;
  };
  for (const Case& c : std::vector<Case>{{"bbox", "1,2"},
                                         {"bbox", "1,2,3,x"},
                                         {"bbox", "1,2,3,4,5"},
                                         {"bbox", "0,50,10,40"},  // min_lat > max_lat
                                         {"bbox", "-200,0,0,10"},
                                         {"bbox", "nan,0,1,1"},
                                         {"near", "31,65"},
                                         {"near", "91,65,10"},
                                         {"near", "31,65,-1"},
                                         {"from", "2019-13-01"},
                                         {"from", "yesterday"},
                                         {"to", "2019-02-30"},
                                         {"country", "AFGH"},
                                         {"country", "A1G"},
                                         {"cameo", "19a"},
                                         {"cameo", "12345"},
                                         {"min_fatalities", "-1"},
                                         {"min_fatalities", "ten"},
                                         {"limit", "10001"},
                                         {"limit", "-5"},
                                         {"limit", "1e3"},
                                         {"offset", "-1"},
                                         {"offset", "99999999999999999999999"}}) {
    auto f = FilterFromParams(P({{c.name, c.value}}));
    ASSERT_FALSE(f.ok()) << c.name << "=" << c.value;
    EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(f.status().message().rfind(std::string("bad '") + c.name + "'", 0), 0u)
        << f.status().message();
  }
  auto f = FilterFromParams(P({{"bbox", "1,2"}}));
  EXPECT_EQ(f.status().message(), "bad 'bbox': expected 4 comma-separated numbers");
  f = FilterFromParams(P({{"actor", std::string(5000, 'a')}}));
  EXPECT_FALSE(f.ok());
}

TEST(ParseQueryStringTest, FormEncoding) {
  auto p = ParseQueryString("q=air+strike&acled=Air%2Fdrone%20strike&x&&y=1=2&bad=%zz%4&c=%2B");
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p.find("q")->second, "air strike");
  EXPECT_EQ(p.find("acled")->second, "Air/drone strike");
  EXPECT_EQ(p.find("x")->second, "");
  EXPECT_EQ(p.find("y")->second, "1=2");
  EXPECT_EQ(p.find("bad")->second, "%zz%4");
  EXPECT_EQ(p.find("c")->second, "+");
  EXPECT_TRUE(ParseQueryString("").empty());
}

TEST(ContentTypeTest, ByExtension) {
  EXPECT_EQ(ContentTypeForPath("/index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/a/app.js"), "application/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/a/app.MJS"), "application/javascript; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/s.css"), "text/css; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/d.json"), "application/json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/w.geojson"), "application/geo+json; charset=utf-8");
  EXPECT_EQ(ContentTypeForPath("/i.svg"), "image/svg+xml");
  EXPECT_EQ(ContentTypeForPath("/i.png"), "image/png");
  EXPECT_EQ(ContentTypeForPath("/f.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeForPath("/x.bin"), "application/octet-stream");
  EXPECT_EQ(ContentTypeForPath("/dir.d/noext"), "application/octet-stream");
}

// ---------------------------------------------------------------------------
// Endpoints over the sample store.

// A stand-in for the event coder: one ASSAULT record per document on its
// first sentence (the text up to the first '.'), located in Kabul.
StatusOr<CodedDocuments> FakeCoder(std::vector<Document> docs) {
  CodedDocuments out;
  for (Document& d : docs) {
    if (d.text.find("FAIL") != std::string::npos) {
      out.errors.push_back("doc " + d.id + ": could not be coded");
      continue;
    }
    store::DocumentRecords r;
    r.document = {d.id, d.date, d.title, d.source, d.url, d.text};
    if (!d.text.empty()) {
      const size_t end = std::min(d.text.find('.'), d.text.size());
      const std::string sentence = d.text.substr(0, end);
      r.sentences.push_back({0, 0, static_cast<int64_t>(end), sentence});
      json rec = store::testing_records::Record(d.id, d.date, 0, 0, sentence, "190",
                                                d.date.empty() ? "2020-01-01" : d.date);
      rec["plover"]["event"] = "ASSAULT";
      rec["location"] =
          store::testing_records::Place("Kabul", "Kabul", "AFG", "Kabul", 34.53, 69.17, "city");
      r.records.push_back(rec);
    }
    out.documents.push_back(std::move(r));
  }
  return out;
}

class ApiHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_db::FreshDir("api_handler_test");
    db_ = dir_ + "/events.sqlite";
    testing_db::MakeSampleDb(db_);
    web_ = dir_ + "/web";
    fs::create_directories(web_ + "/assets");
    Write(web_ + "/index.html", "<!doctype html><title>map</title>");
    Write(web_ + "/assets/app.js", "console.log(1);");
    Write(web_ + "/assets/style.css", "body{}");
    Write(web_ + "/.secret", "hidden");
    Write(dir_ + "/outside.txt", "outside the web folder");
    fs::create_symlink(dir_ + "/outside.txt", web_ + "/escape.txt");
    ApiOptions options;
    options.web_dir = web_;
    options.coder = FakeCoder;
    options.max_body = 4096;
    auto h = ApiHandler::Create(db_, options);
    ASSERT_TRUE(h.ok()) << h.status().ToString();
    handler_ = std::move(*h);
  }
  void TearDown() override {
    handler_.reset();
    fs::remove_all(dir_);
  }
  static void Write(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }
  Response Get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
    return handler_->Handle({"GET", path, std::move(params), ""});
  }
  Response Post(const std::string& path, const std::string& body) {
    return handler_->Handle({"POST", path, {}, body});
  }
  static json Body(const Response& r) {
    json j = json::parse(r.body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r.body;
    return j;
  }
  // An error response: JSON with the code and a message.
  static void ExpectError(const Response& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
    json j = Body(r);
    ASSERT_TRUE(j.contains("error")) << r.body;
    EXPECT_EQ(j["error"]["code"], status);
    EXPECT_TRUE(j["error"]["message"].is_string());
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  }
  std::string dir_, db_, web_;
  std::unique_ptr<ApiHandler> handler_;
};

TEST_F(ApiHandlerTest, CreateRefusesMissingDatabase) {
  auto h = ApiHandler::Create(dir_ + "/nope.sqlite", {});
  EXPECT_EQ(h.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(dir_ + "/nope.sqlite"));
  Write(dir_ + "/junk.sqlite", "this is not a database, just some bytes of text...........");
  h = ApiHandler::Create(dir_ + "/junk.sqlite", {});
  EXPECT_FALSE(h.ok());
}

TEST_F(ApiHandlerTest, IncidentsPageWithTotal) {
  Response r = Get("/api/incidents", P({{"limit", "2"}, {"offset", "1"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
  json j = Body(r);
  const int64_t total = j["total"];
  EXPECT_GE(total, 5);  // 7 events; merging may join some
  EXPECT_EQ(j["limit"], 2);
  EXPECT_EQ(j["offset"], 1);
  ASSERT_EQ(j["items"].size(), 2u);
  for (const char* key : {"id", "date_first", "date_last", "lat", "lon", "country", "admin1",
                          "location", "precision", "event_family", "event_types", "fatalities_low",
                          "fatalities_best", "fatalities_high", "n_events", "n_documents"}) {
    EXPECT_TRUE(j["items"][0].contains(key)) << key;
  }
  // Paging walks every incident once.
  std::set<int64_t> ids;
  for (int64_t offset = 0; offset < total; offset += 2) {
    json page =
        Body(Get("/api/incidents", P({{"limit", "2"}, {"offset", std::to_string(offset)}})));
    for (const json& in : page["items"]) ids.insert(in["id"].get<int64_t>());
  }
  EXPECT_EQ(static_cast<int64_t>(ids.size()), total);
}

TEST_F(ApiHandlerTest, IncidentsFiltered) {
  json j = Body(Get("/api/incidents", P({{"country", "SYR"}, {"min_fatalities", "1"}})));
  ASSERT_EQ(j["total"], 1);
  const json& in = j["items"][0];
  EXPECT_EQ(in["country"], "SYR");
  EXPECT_EQ(in["admin1"], "Idlib");
  EXPECT_EQ(in["location"], "Ariha");
  EXPECT_EQ(in["precision"], "city");
  EXPECT_EQ(in["event_family"], "ASSAULT");
  EXPECT_EQ(in["fatalities_best"], 13);
  EXPECT_NEAR(in["lat"].get<double>(), 35.81, 1e-9);
  // An unplaced incident has null coordinates, not 0.
  j = Body(Get("/api/incidents", P({{"cameo", "112"}})));
  ASSERT_EQ(j["total"], 1);
  EXPECT_TRUE(j["items"][0]["lat"].is_null());
  EXPECT_TRUE(j["items"][0]["country"].is_null());
  EXPECT_TRUE(j["items"][0]["fatalities_best"].is_null());
  j = Body(Get("/api/incidents", P({{"bbox", "60,29,75,38"}})));
  EXPECT_GE(j["total"].get<int>(), 1);
  for (const json& i : j["items"]) EXPECT_EQ(i["country"], "AFG");
  j = Body(Get("/api/incidents", P({{"near", "35.8,36.6,20"}})));
  EXPECT_EQ(j["total"], 2);  // Ariha and Idlib city
  j = Body(Get("/api/incidents", P({{"q", "students"}})));
  EXPECT_EQ(j["total"], 1);
}

TEST_F(ApiHandlerTest, EventsCarryTheirIncident) {
  Response r = Get("/api/events", P({{"country", "SYR"}}));
  ASSERT_EQ(r.status, 200) << r.body;
  json j = Body(r);
  EXPECT_EQ(j["total"], 3);
  ASSERT_EQ(j["items"].size(), 3u);
  for (const json& e : j["items"]) {
    EXPECT_EQ(e["schema"], "sitrep.event/1");
    ASSERT_TRUE(e["incident_id"].is_number_integer());
    EXPECT_TRUE(e.contains("span"));
    EXPECT_TRUE(e.contains("sentence"));
    // The incident exists.
    EXPECT_EQ(Get("/api/incidents/" + std::to_string(e["incident_id"].get<int64_t>())).status, 200);
  }
  j = Body(Get("/api/events", P({{"limit", "0"}})));
  EXPECT_EQ(j["total"], 7);
  EXPECT_TRUE(j["items"].empty());
  j = Body(Get("/api/events", P({{"actor", "Taliban"}})));
  EXPECT_EQ(j["total"], 1);
  j = Body(Get("/api/events", P({{"acled", "air/drone strike"}})));
  EXPECT_EQ(j["total"], 1);
}

TEST_F(ApiHandlerTest, OneIncidentWithReportsAndFigures) {
  json events = Body(Get("/api/events", P({{"min_fatalities", "4"}, {"country", "AFG"}})));
  ASSERT_EQ(events["total"], 1);
  const int64_t id = events["items"][0]["incident_id"];
  Response r = Get("/api/incidents/" + std::to_string(id));
  ASSERT_EQ(r.status, 200) << r.body;
  json j = Body(r);
  EXPECT_EQ(j["incident"]["id"], id);
  ASSERT_FALSE(j["reports"].empty());
  bool found = false;
  for (const json& rep : j["reports"]) {
    EXPECT_EQ(rep["event"]["incident_id"], id);
    if (rep["event"]["id"] == "kdh-0412:2:2") {
      found = true;
      EXPECT_EQ(rep["document"]["id"], "kdh-0412");
      EXPECT_EQ(rep["document"]["date"], "2019-04-12");
      EXPECT_EQ(rep["document"]["title"], "Checkpoint attacked");
      EXPECT_EQ(rep["document"]["source"], "Test Wire");
      EXPECT_EQ(rep["document"]["url"], "https://example.org/kdh-0412");
      EXPECT_EQ(rep["event"]["fatalities"]["count"], 4);
    }
  }
  EXPECT_TRUE(found);
  ASSERT_EQ(j["fatality_figures"].size(), 1u);
  EXPECT_EQ(j["fatality_figures"][0]["count"], 4);
  EXPECT_EQ(j["fatality_figures"][0]["qualifier"], "exact");
  EXPECT_EQ(j["fatality_figures"][0]["doc_id"], "kdh-0412");
  EXPECT_EQ(j["fatality_figures"][0]["source"], "Police");
}

TEST_F(ApiHandlerTest, IncidentIdErrors) {
  ExpectError(Get("/api/incidents/987654"), 404);
  ExpectError(Get("/api/incidents/abc"), 400);
  ExpectError(Get("/api/incidents/-3"), 400);
  ExpectError(Get("/api/incidents/1.5"), 400);
  ExpectError(Get("/api/incidents/99999999999999999999999999"), 400);
  ExpectError(Get("/api/incidents/1/reports"), 404);
}

TEST_F(ApiHandlerTest, Stats) {
  Response r = Get("/api/stats");
  ASSERT_EQ(r.status, 200) << r.body;
  json j = Body(r);
  EXPECT_EQ(j["total_events"], 7);
  EXPECT_EQ(j["total_fatalities"], 17);
  EXPECT_TRUE(j["total_incidents"].is_number_integer());
  ASSERT_TRUE(j["by_day"].is_array());
  bool day = false;
  for (const json& d : j["by_day"]) {
    if (d["date"] == "2019-04-14") {
      day = true;
      EXPECT_EQ(d["events"], 1);
      EXPECT_EQ(d["incidents"], 1);
      EXPECT_EQ(d["fatalities"], 13);
    }
  }
  EXPECT_TRUE(day);
  EXPECT_EQ(j["by_type"][0]["type"], "ASSAULT");
  EXPECT_EQ(j["by_type"][0]["events"], 4);
  EXPECT_EQ(j["by_type"][0]["fatalities"], 17);
  bool unplaced = false;
  for (const json& c : j["by_country"]) unplaced |= c["country"].is_null();
  EXPECT_TRUE(unplaced);  // events without a place: country null
  j = Body(Get("/api/stats", P({{"country", "SYR"}, {"from", "2019-04-15"}})));
  EXPECT_EQ(j["total_events"], 2);
  EXPECT_EQ(j["total_fatalities"], 0);
}

TEST_F(ApiHandlerTest, MalformedFiltersAre400OnEveryListEndpoint) {
  for (const char* path : {"/api/incidents", "/api/events", "/api/stats"}) {
    Response r = Get(path, P({{"bbox", "1,2"}}));
    ExpectError(r, 400);
    EXPECT_EQ(Body(r)["error"]["message"], "bad 'bbox': expected 4 comma-separated numbers");
    ExpectError(Get(path, P({{"from", "2019-4-1"}})), 400);
    ExpectError(Get(path, P({{"limit", "many"}})), 400);
  }
}

TEST_F(ApiHandlerTest, UnknownPathsAndMethods) {
  ExpectError(Get("/api/nothing"), 404);
  ExpectError(Get("/api/incidentsx"), 404);
  Response r = handler_->Handle({"POST", "/api/incidents", {}, "{}"});
  ExpectError(r, 405);
  ASSERT_EQ(r.headers.size(), 1u);
  EXPECT_EQ(r.headers[0].first, "Allow");
  ExpectError(handler_->Handle({"DELETE", "/api/incidents/1", {}, ""}), 405);
  ExpectError(handler_->Handle({"GET", "/api/documents", {}, ""}), 405);
  ExpectError(handler_->Handle({"PUT", "/index.html", {}, "x"}), 405);
  json index = Body(Get("/api"));
  EXPECT_TRUE(index["endpoints"].is_array());
}

TEST_F(ApiHandlerTest, PostOneArticleArrayAndJsonLines) {
  Response r = Post("/api/documents",
                    R"({"id": "post-1", "date": "2020-03-01", "title": "Clash",)"
                    R"( "text": "Gunmen stormed a compound near the airport. Two died."})");
  ASSERT_EQ(r.status, 201) << r.body;
  json j = Body(r);
  EXPECT_EQ(j["documents"], 1);
  ASSERT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(j["events"][0]["doc_id"], "post-1");
  EXPECT_TRUE(j["errors"].empty());
  // Stored and visible to the readers.
  json found = Body(Get("/api/events", P({{"q", "compound airport"}})));
  EXPECT_EQ(found["total"], 1);
  EXPECT_EQ(Body(Get("/api/stats"))["total_events"], 8);

  r = Post("/api/documents",
           R"([{"id": "post-2", "date": "2020-03-02", "text": "Rockets hit a depot. None died."},)"
           R"( {"id": "post-3", "date": "2020-03-02", "text": "A convoy was ambushed."}])");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["documents"], 2);
  EXPECT_EQ(Body(r)["events"].size(), 2u);

  r = Post("/api/documents",
           "{\"id\": \"post-4\", \"text\": \"Shelling resumed at dawn.\"}\n"
           "not json at all\n"
           "\n"
           "{\"id\": \"post-5\", \"text\": \"FAIL to code this one.\"}\r\n");
  ASSERT_EQ(r.status, 201) << r.body;
  j = Body(r);
  EXPECT_EQ(j["documents"], 1);
  ASSERT_EQ(j["errors"].size(), 2u);
  EXPECT_NE(j["errors"][0].get<std::string>().find("line 2"), std::string::npos) << j["errors"];
  EXPECT_NE(j["errors"][1].get<std::string>().find("post-5"), std::string::npos);
  EXPECT_EQ(Body(Get("/api/stats"))["total_events"], 11);

  // The same article again changes nothing.
  r = Post("/api/documents", R"({"id": "post-4", "text": "Shelling resumed at dawn."})");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(Body(r)["unchanged"], 1);
  EXPECT_EQ(Body(Get("/api/stats"))["total_events"], 11);
}

TEST_F(ApiHandlerTest, PostedArticleWithoutIdGetsAStableOne) {
  const std::string body = R"({"date": "2020-05-05", "text": "Protesters gathered downtown."})";
  json a = Body(Post("/api/documents", body));
  json b = Body(Post("/api/documents", body));
  ASSERT_EQ(a["document_ids"].size(), 1u);
  EXPECT_EQ(a["document_ids"], b["document_ids"]);
  EXPECT_EQ(a["document_ids"][0].get<std::string>().rfind("post-", 0), 0u);
  EXPECT_EQ(b["unchanged"], 1);
}

TEST_F(ApiHandlerTest, PostErrors) {
  ExpectError(Post("/api/documents", ""), 400);
  ExpectError(Post("/api/documents", "   \n"), 400);
  ExpectError(Post("/api/documents", "hello"), 400);
  ExpectError(Post("/api/documents", "[1, 2"), 400);
  ExpectError(Post("/api/documents", "[1, 2]"), 400);  // no object
  ExpectError(Post("/api/documents", "{\"text\": 5}"), 400);
  ExpectError(Post("/api/documents", "{\"date\": \"2019-02-30\", \"text\": \"x\"}"), 400);
  ExpectError(Post("/api/documents", "{broken\n{also broken"), 400);
  ExpectError(Post("/api/documents", std::string(5000, ' ') + "{}"), 413);
  ApiOptions no_coder;
  auto h = ApiHandler::Create(db_, no_coder);
  ASSERT_TRUE(h.ok());
  ExpectError((*h)->Handle({"POST", "/api/documents", {}, "{\"text\": \"x\"}"}), 503);
  // Nothing was stored by any of these.
  EXPECT_EQ(Body(Get("/api/stats"))["total_events"], 7);
}

TEST_F(ApiHandlerTest, StaticFiles) {
  Response r = Get("/");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(r.body, "<!doctype html><title>map</title>");
  r = Get("/assets/app.js");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "application/javascript; charset=utf-8");
  EXPECT_EQ(r.body, "console.log(1);");
  r = Get("/assets//./style.css");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(Get("/assets/").status, 404);  // a folder without index.html
  ExpectError(Get("/missing.js"), 404);
  for (const char* bad : {"/../../etc/passwd", "/assets/../../outside.txt", "/..", "/.secret",
                          "/escape.txt", "/assets/..\\..\\outside.txt", "relative"}) {
    Response b = Get(bad);
    EXPECT_EQ(b.status, 404) << bad;
    EXPECT_EQ(b.body.find("outside the web folder"), std::string::npos) << bad;
    EXPECT_EQ(b.body.find("root:"), std::string::npos) << bad;
  }
  EXPECT_EQ(Get(std::string("/index.html\0x", 13)).status, 404);
}

TEST_F(ApiHandlerTest, MissingWebFolderSaysAssetsNotBuilt) {
  ApiOptions options;
  options.web_dir = dir_ + "/no-web";
  auto h = ApiHandler::Create(db_, options);
  ASSERT_TRUE(h.ok());
  Response r = (*h)->Handle({"GET", "/", {}, ""});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  EXPECT_NE(r.body.find("make web"), std::string::npos);
  EXPECT_EQ((*h)->Handle({"GET", "/app.js", {}, ""}).status, 404);
  // The API works without the page.
  EXPECT_EQ((*h)->Handle({"GET", "/api/stats", {}, ""}).status, 200);
}

}  // namespace
}  // namespace sitrep::server

namespace sitrep::server {
namespace {

// Garbage in every part of a request: always a response, JSON under /api/.
TEST_F(ApiHandlerTest, GarbageRequestsAlwaysGetAnAnswer) {
  std::mt19937 rng(12345);
  const std::vector<std::string> paths = {
      "/api/incidents", "/api/events", "/api/stats", "/api/incidents/",
      "/api/documents", "/api/",       "/"};
  const std::vector<std::string> names = {"from",           "to",    "country", "admin1", "bbox",
                                          "near",           "actor", "cameo",   "plover", "acled",
                                          "min_fatalities", "q",     "limit",   "offset"};
  auto junk = [&](size_t max) {
    std::string s(rng() % (max + 1), '\0');
    for (char& c : s) c = static_cast<char>(rng() % 256);
    return s;
  };
  const std::vector<std::string> methods = {"GET", "POST", "PUT", "HEAD", "", "\x01"};
  for (int i = 0; i < 400; ++i) {
    Request req;
    req.method = methods[rng() % methods.size()];
    req.path = paths[rng() % paths.size()] + (rng() % 2 ? junk(12) : "");
    for (int k = rng() % 4; k > 0; --k) {
      req.params.emplace(rng() % 3 ? names[rng() % names.size()] : junk(5), junk(20));
    }
    if (rng() % 2) {
      req.body = rng() % 2 ? junk(300) : R"({"id": 1, "text": )" + junk(40);
    }
    Response r = handler_->Handle(req);
    EXPECT_GE(r.status, 200);
    EXPECT_LT(r.status, 600);
    if (req.path.rfind("/api/", 0) == 0 && req.method != "POST") {
      EXPECT_FALSE(json::parse(r.body, nullptr, false).is_discarded()) << r.body;
    }
  }
  EXPECT_EQ(Get("/api/stats").status, 200);
}

}  // namespace
}  // namespace sitrep::server

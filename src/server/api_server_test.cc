// A real ApiServer on 127.0.0.1 (a free port), driven by httplib::Client:
// every endpoint, httplib-level errors as JSON, path traversal over the wire,
// concurrent readers beside a writer, one log line per request, clean stop.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

#include "server/api_server.h"
#include "server/test_db.h"

namespace sitrep::server {
namespace {

using store::json;
namespace fs = std::filesystem;

StatusOr<CodedDocuments> OneEventPerDocument(std::vector<Document> docs) {
  CodedDocuments out;
  for (Document& d : docs) {
    store::DocumentRecords r;
    r.document = {d.id, d.date, d.title, d.source, d.url, d.text};
    r.records.push_back(store::testing_records::Record(d.id, d.date, 0, 0, d.text, "190",
                                                       d.date.empty() ? "2021-01-01" : d.date));
    out.documents.push_back(std::move(r));
  }
  return out;
}

class ApiServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_db::FreshDir("api_server_test");
    db_ = dir_ + "/events.sqlite";
    testing_db::MakeSampleDb(db_);
    fs::create_directories(dir_ + "/web");
    std::ofstream(dir_ + "/web/index.html") << "<!doctype html><p>sitrep map</p>";
    std::ofstream(dir_ + "/web/world.geojson") << R"({"type": "FeatureCollection"})";
    ApiOptions options;
    options.web_dir = dir_ + "/web";
    options.max_body = 64 * 1024;
    options.threads = 4;
    options.coder = OneEventPerDocument;
    options.log = [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log_.push_back(line);
    };
    auto server = ApiServer::Create(db_, options);
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(*server);
    auto port = server_->Bind("127.0.0.1", 0);
    ASSERT_TRUE(port.ok()) << port.status().ToString();
    port_ = *port;
    thread_ = std::thread([this] { run_status_ = server_->Run(); });
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    EXPECT_TRUE(run_status_.ok()) << run_status_.ToString();
    server_.reset();
    fs::remove_all(dir_);
  }
  httplib::Client Client() {
    httplib::Client c("127.0.0.1", port_);
    c.set_connection_timeout(10);
    c.set_read_timeout(30);
    return c;
  }
  static json Body(const httplib::Result& r) {
    EXPECT_TRUE(r);
    if (!r) return nullptr;
    json j = json::parse(r->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << r->body;
    return j;
  }
  static void ExpectJsonError(const httplib::Result& r, int status) {
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    EXPECT_EQ(r->status, status) << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
    json j = json::parse(r->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << r->body;
    EXPECT_EQ(j["error"]["code"], status) << r->body;
  }
  std::string dir_, db_;
  std::unique_ptr<ApiServer> server_;
  int port_ = 0;
  std::thread thread_;
  Status run_status_;
  std::mutex log_mutex_;
  std::vector<std::string> log_;
};

TEST_F(ApiServerTest, EveryEndpointOverLoopback) {
  httplib::Client c = Client();
  auto r = c.Get("/api/incidents?country=SYR&limit=5");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/json; charset=utf-8");
  json j = Body(r);
  EXPECT_EQ(j["limit"], 5);
  EXPECT_GE(j["total"].get<int>(), 1);
  const int64_t id = j["items"][0]["id"];

  j = Body(c.Get("/api/incidents/" + std::to_string(id)));
  EXPECT_EQ(j["incident"]["id"], id);
  EXPECT_FALSE(j["reports"].empty());

  j = Body(c.Get("/api/events?q=car%20bomb"));
  EXPECT_EQ(j["total"], 1);
  EXPECT_EQ(j["items"][0]["id"], "idl-0415:3:0");

  {
    // As a browser's form sends it ('+' for a space): the client must not
    // escape the '+' itself.
    httplib::Client raw = Client();
    raw.set_url_encode(false);
    j = Body(raw.Get("/api/events?acled=Air%2Fdrone+strike"));
    EXPECT_EQ(j["total"], 1);
  }

  j = Body(c.Get("/api/stats?from=2019-04-10&to=2019-04-14"));
  EXPECT_EQ(j["total_events"], 5);
  EXPECT_EQ(j["total_fatalities"], 17);

  r = c.Post("/api/documents", R"({"id": "wire-1", "date": "2021-02-03", "text": "Shots."})",
             "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  j = Body(r);
  EXPECT_EQ(j["documents"], 1);
  EXPECT_EQ(j["events"].size(), 1u);
  EXPECT_EQ(Body(c.Get("/api/stats"))["total_events"], 8);

  r = c.Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(r->body, "<!doctype html><p>sitrep map</p>");
  r = c.Get("/world.geojson");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Content-Type"), "application/geo+json; charset=utf-8");
}

TEST_F(ApiServerTest, ErrorsAreJson) {
  httplib::Client c = Client();
  ExpectJsonError(c.Get("/api/incidents?bbox=1,2"), 400);
  ExpectJsonError(c.Get("/api/incidents?near=a,b,c"), 400);
  ExpectJsonError(c.Get("/api/incidents/99999"), 404);
  ExpectJsonError(c.Get("/api/incidents/seven"), 400);
  ExpectJsonError(c.Get("/api/unknown"), 404);
  ExpectJsonError(c.Delete("/api/incidents/1"), 405);
  ExpectJsonError(c.Put("/api/documents", "{}", "application/json"), 405);
  ExpectJsonError(c.Post("/api/documents", "not json", "application/json"), 400);
  ExpectJsonError(c.Post("/api/documents", "[{\"text\": 1}]", "application/json"), 400);
  // Over the body limit: refused by httplib before our handler, still JSON.
  ExpectJsonError(c.Post("/api/documents", std::string(100 * 1024, 'x'), "application/json"), 413);
  // Path traversal, plain and percent-encoded.
  for (const char* path : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                           "/..%2f..%2fetc%2fpasswd", "/web/../../etc/passwd"}) {
    auto r = c.Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_NE(r->status, 200) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // Still serving.
  EXPECT_EQ(c.Get("/api/stats")->status, 200);
}

TEST_F(ApiServerTest, GarbageRequestDoesNotStopTheServer) {
  httplib::Client c = Client();
  // A raw socket sending a broken request line, then a normal client.
  {
    httplib::Client raw("127.0.0.1", port_);
    raw.set_read_timeout(5);
    httplib::Request req;
    req.method = "BREW";
    req.path = "/api/stats";
    auto r = raw.send(req);
    if (r) {
      EXPECT_GE(r->status, 400);
    }
  }
  auto r = c.Get("/api/stats");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST_F(ApiServerTest, ConcurrentReadersBesideAWriter) {
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      httplib::Client c = Client();
      for (int i = 0; i < 15; ++i) {
        auto r = (i % 3 == 0)   ? c.Get("/api/stats")
                 : (i % 3 == 1) ? c.Get("/api/incidents?limit=3")
                                : c.Get("/api/events?country=AFG");
        if (!r || r->status != 200) ++failures;
      }
      (void)t;
    });
  }
  threads.emplace_back([&] {
    httplib::Client c = Client();
    for (int i = 0; i < 10; ++i) {
      auto r = c.Post("/api/documents",
                      "{\"id\": \"c-" + std::to_string(i) + "\", \"text\": \"Report.\"}",
                      "application/json");
      if (!r || r->status != 201) ++failures;
    }
  });
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Body(Client().Get("/api/stats"))["total_events"], 17);
}

TEST_F(ApiServerTest, LogsOneLinePerRequest) {
  httplib::Client c = Client();
  ASSERT_TRUE(c.Get("/api/stats?country=SYR"));
  ASSERT_TRUE(c.Get("/api/incidents/424242"));
  // The line is written after the response is sent: wait for it.
  std::vector<std::string> log;
  for (int i = 0; i < 1000; ++i) {
    {
      std::lock_guard<std::mutex> lock(log_mutex_);
      log = log_;
    }
    if (log.size() >= 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_EQ(log.size(), 2u);
  // Each line is written after its response has gone out, by the worker that
  // served it: the two may arrive in either order.
  std::sort(log.begin(), log.end());
  EXPECT_EQ(log[0].rfind("GET /api/incidents/424242 404 ", 0), 0u) << log[0];
  EXPECT_EQ(log[1].rfind("GET /api/stats?country=SYR 200 ", 0), 0u) << log[1];
  for (const std::string& line : log) EXPECT_EQ(line.substr(line.size() - 3), " ms") << line;
}

TEST(ApiServerLifecycleTest, StopBeforeRunAndBindErrors) {
  const std::string dir = testing_db::FreshDir("api_server_lifecycle");
  testing_db::MakeSampleDb(dir + "/e.sqlite");
  auto server = ApiServer::Create(dir + "/e.sqlite", {});
  ASSERT_TRUE(server.ok());
  EXPECT_EQ((*server)->Run().code(), StatusCode::kFailedPrecondition);
  auto port = (*server)->Bind("127.0.0.1", 0);
  ASSERT_TRUE(port.ok());
  // The same port again is refused.
  auto other = ApiServer::Create(dir + "/e.sqlite", {});
  ASSERT_TRUE(other.ok());
  EXPECT_EQ((*other)->Bind("127.0.0.1", *port).status().code(), StatusCode::kIoError);
  EXPECT_FALSE((*other)->Bind("not-an-address.invalid", 0).ok());
  // Stop before Run: Run returns at once.
  (*server)->Stop();
  EXPECT_TRUE((*server)->Run().ok());
  server->reset();
  other->reset();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sitrep::server

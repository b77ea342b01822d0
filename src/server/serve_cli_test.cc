// Runs the real `sitrep serve` as a user would: on a free port (--port 0, the
// port read from its "serving" line), queried and posted to with
// httplib::Client, stopped with SIGTERM (exit 0). Also: a missing database
// and a taken port are refused with exit 2.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "server/test_db.h"

namespace sitrep::server {
namespace {

using store::json;
namespace fs = std::filesystem;

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A `sitrep serve` child process with its stderr in a file.
class ServeProcess {
 public:
  ServeProcess(const std::vector<std::string>& args, const std::string& err_path)
      : err_path_(err_path) {
    pid_ = fork();
    if (pid_ == 0) {
      FILE* err = std::freopen(err_path.c_str(), "w", stderr);
      (void)err;
      std::vector<char*> argv;
      std::string bin = SITREP_BINARY;
      argv.push_back(bin.data());
      std::vector<std::string> copy = args;
      for (std::string& a : copy) argv.push_back(a.data());
      argv.push_back(nullptr);
      execv(bin.c_str(), argv.data());
      _exit(127);
    }
  }
  ~ServeProcess() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  // The port from "serving http://127.0.0.1:PORT/", or -1 if the process
  // exits (or says nothing within a minute).
  int WaitForPort() {
    const std::regex serving("serving http://[^:]+:([0-9]+)/");
    for (int i = 0; i < 6000; ++i) {
      std::smatch m;
      const std::string err = ReadFile(err_path_);
      if (std::regex_search(err, m, serving)) return std::stoi(m[1]);
      int status = 0;
      if (waitpid(pid_, &status, WNOHANG) == pid_) {
        exited_ = true;
        exit_status_ = status;
        return -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return -1;
  }
  // Sends `sig` (0: none) and returns the exit code (-1 if killed by a signal).
  int Stop(int sig) {
    if (!exited_) {
      if (sig) kill(pid_, sig);
      waitpid(pid_, &exit_status_, 0);
      exited_ = true;
    }
    return WIFEXITED(exit_status_) ? WEXITSTATUS(exit_status_) : -1;
  }
  std::string err() const { return ReadFile(err_path_); }

 private:
  std::string err_path_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_status_ = 0;
};

class ServeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing_db::FreshDir("serve_cli_test");
    db_ = dir_ + "/events.sqlite";
    testing_db::MakeSampleDb(db_);
    fs::create_directories(dir_ + "/web");
    std::ofstream(dir_ + "/web/index.html") << "<!doctype html><p>the map</p>";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_, db_;
};

TEST_F(ServeCliTest, ServesQueriesCodesPostedArticlesAndStopsOnSigterm) {
  ServeProcess p({"serve", "--db", db_, "--port", "0", "--web", dir_ + "/web", "--gazetteer",
                  "none", "--threads", "2"},
                 dir_ + "/stderr");
  const int port = p.WaitForPort();
  ASSERT_GT(port, 0) << p.err();
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(120);

  auto r = c.Get("/api/stats");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["total_events"], 7);

  r = c.Get("/");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "<!doctype html><p>the map</p>");

  r = c.Get("/api/incidents?from=20190401");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);

  // A real article (our own text), coded by the pipeline of sitrep ingest.
  const json article = {
      {"id", "serve-test-1"},
      {"date", "2019-05-02"},
      {"title", "Checkpoint attacked"},
      {"source", "Test Wire"},
      {"text",
       "Gunmen attacked a police checkpoint on Wednesday, killing four officers, a police "
       "spokesman said. The attackers fled into nearby fields."}};
  r = c.Post("/api/documents", article.dump(), "application/json");
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  ASSERT_EQ(r->status, 201) << r->body;
  json posted = json::parse(r->body);
  EXPECT_EQ(posted["documents"], 1);
  ASSERT_FALSE(posted["events"].empty()) << r->body;
  EXPECT_EQ(posted["events"][0]["doc_id"], "serve-test-1");
  r = c.Get("/api/events?q=checkpoint%20gunmen");
  ASSERT_TRUE(r);
  json found = json::parse(r->body);
  EXPECT_GE(found["total"].get<int>(), 1) << r->body;

  EXPECT_EQ(p.Stop(SIGTERM), 0) << p.err();
  const std::string err = p.err();
  EXPECT_NE(err.find("GET /api/stats 200"), std::string::npos) << err;
  EXPECT_NE(err.find("POST /api/documents 201"), std::string::npos) << err;
  EXPECT_NE(err.find("stopped"), std::string::npos) << err;
}

TEST_F(ServeCliTest, SigintStopsAnIdleServer) {
  ServeProcess p({"serve", "--db", db_, "--port", "0", "--web", dir_ + "/web"}, dir_ + "/stderr");
  ASSERT_GT(p.WaitForPort(), 0) << p.err();
  EXPECT_EQ(p.Stop(SIGINT), 0) << p.err();
}

TEST_F(ServeCliTest, MissingDatabaseAndTakenPortAreRefused) {
  {
    ServeProcess p({"serve", "--db", dir_ + "/none.sqlite", "--port", "0"}, dir_ + "/err1");
    EXPECT_EQ(p.Stop(0), 2);
    EXPECT_NE(p.err().find("no such database"), std::string::npos) << p.err();
    EXPECT_FALSE(fs::exists(dir_ + "/none.sqlite"));
  }
  ServeProcess first({"serve", "--db", db_, "--port", "0"}, dir_ + "/err2");
  const int port = first.WaitForPort();
  ASSERT_GT(port, 0) << first.err();
  ServeProcess second({"serve", "--db", db_, "--port", std::to_string(port)}, dir_ + "/err3");
  EXPECT_EQ(second.Stop(0), 2) << second.err();
  EXPECT_NE(second.err().find("cannot bind"), std::string::npos) << second.err();
  EXPECT_EQ(first.Stop(SIGTERM), 0);
}

}  // namespace
}  // namespace sitrep::server

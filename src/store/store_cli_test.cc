// Runs `sitrep ingest|query|export` as a user would: bad record lines are reported with
// file:line and the rest stored; a file that is not a database is refused;
// ingest of raw documents codes them; query formats; export to a file.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/run_tool_testing.h"
#include "store/store.h"
#include "store/test_records.h"

namespace sitrep::store {
namespace {

namespace fs = std::filesystem;

using Result = tool_testing::ToolResult;

Result RunTool(const std::string& args, const std::string& dir) {
  return tool_testing::RunTool(SITREP_BINARY, args, dir);
}

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "store_cli_test_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    db_ = dir_ + "/events.sqlite";
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_, db_;
};

TEST_F(StoreCliTest, BrokenRecordLineIsReportedRestIngested) {
  const std::string records = dir_ + "/coded.jsonl";
  {
    std::ofstream out(records);
    int line = 0;
    for (const DocumentRecords& d : testing_records::SampleBatch()) {
      for (const json& r : d.records) {
        out << r.dump() << "\n";
        if (++line == 3) out << "{\"id\": \"broken\", \"doc_id\": \n";  // line 4
      }
    }
    out << "[1, 2]\n";  // line 9: not an object
  }
  Result r = RunTool("ingest --records " + records + " --db " + db_, dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(records + ":4: not a JSON object"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(records + ":9: not a JSON object"), std::string::npos) << r.err;
  auto db = Store::Open(db_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->Count("events"), 7);
  EXPECT_EQ(*(*db)->Count("documents"), 3);  // the one without events is not in the records

  // Idempotent from the command line too.
  r = RunTool("ingest --records " + records + " --db " + db_, dir_);
  EXPECT_NE(r.err.find("0 new, 0 replaced, 3 unchanged"), std::string::npos) << r.err;

  // Query formats.
  r = RunTool("query --db " + db_ + " --country SYR --format jsonl", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 3);
  r = RunTool("query --db " + db_ + " --near 35.93,36.63,50 --format csv", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("id,doc_id,date,", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("idl-0415:0:0,idl-0415,2019-04-14,SYR,Idlib,Ariha"), std::string::npos)
      << r.out;
  r = RunTool("query --db " + db_ + " --text '\"checkpoint' --format table", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("query: 3 events"), std::string::npos) << r.err;
  r = RunTool("query --db " + db_ + " --bbox 1,2,3", dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--bbox"), std::string::npos) << r.err;

  // Export to a file.
  r = RunTool(
      "export --db " + db_ + " --format acled-csv -o " + dir_ + "/acled.csv --plover ASSAULT",
      dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("export: 4 events"), std::string::npos) << r.err;
  EXPECT_GT(fs::file_size(dir_ + "/acled.csv"), 200u);
}

TEST_F(StoreCliTest, NonDatabaseFileIsRefused) {
  { std::ofstream(db_) << "id,date\n1,2019-04-12\n" << std::string(2000, 'x') << "\n"; }
  Result r = RunTool("ingest --records /dev/null --db " + db_, dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(db_), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << r.err;
  r = RunTool("query --db " + dir_ + "/missing.sqlite", dir_);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no such database"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ + "/missing.sqlite"));
}

TEST_F(StoreCliTest, IngestCodesDocuments) {
  const std::string docs = dir_ + "/docs.jsonl";
  {
    std::ofstream out(docs);
    out << json{{"id", "a1"},
                {"date", "2019-04-12"},
                {"title", "Clash"},
                {"text",
                 "KABUL - Police said gunmen attacked a checkpoint in Kandahar on "
                 "Wednesday. Officials condemned the attack."}}
               .dump()
        << "\n";
    out << "{not json\n";
    out << json{{"id", "a2"},
                {"date", "2019-04-13"},
                {"text", "Protesters marched in Kabul on Friday, and police arrested ten."}}
               .dump()
        << "\n";
    // a1 again, corrected: the later version wins, as it would across batches.
    out << json{{"id", "a1"},
                {"date", "2019-04-12"},
                {"title", "Clash (corrected)"},
                {"text",
                 "KABUL - Police said gunmen attacked a checkpoint in Kandahar on "
                 "Wednesday, killing two officers."}}
               .dump()
        << "\n";
  }
  Result r = RunTool("ingest " + docs + " --db " + db_ + " --threads 2 --gazetteer none", dir_);
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the broken line
  EXPECT_NE(r.err.find(docs + ":2"), std::string::npos) << r.err;
  auto db = Store::Open(db_);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(*(*db)->Count("documents"), 2);
  EXPECT_GE(*(*db)->Count("events"), 2);
  EXPECT_EQ((*db)->GetDocument("a1")->title, "Clash (corrected)");
  // Every sentence of the documents is searchable, not only those with events.
  QueryFilter f;
  f.text = "checkpoint";
  auto hits = (*db)->Query(f);
  ASSERT_TRUE(hits.ok());
  EXPECT_GE(hits->size(), 1u);
  for (const json& h : *hits) EXPECT_EQ(h["doc_id"], "a1");
}

}  // namespace
}  // namespace sitrep::store

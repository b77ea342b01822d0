// A store file made of the hand-built records of store/test_records.h, for
// the server tests (their own temporary folder; removed by the caller).
#ifndef SITREP_SERVER_TEST_DB_H_
#define SITREP_SERVER_TEST_DB_H_

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "store/store.h"
#include "store/test_records.h"

namespace sitrep::server::testing_db {

// A fresh folder under the test temp dir, named after the running test.
inline std::string FreshDir(const std::string& prefix) {
  const std::string dir = ::testing::TempDir() + prefix + "_" + std::to_string(getpid()) + "_" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name();
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The sample batch, with a source for idl-0415 so that its unattributed
// death toll falls back to the document's source.
inline std::vector<store::DocumentRecords> SampleDocuments() {
  std::vector<store::DocumentRecords> b = store::testing_records::SampleBatch();
  b[1].document.source = "Idlib Wire";
  return b;
}

// Writes SampleDocuments() into `path`; fails the test on error.
inline void MakeSampleDb(const std::string& path) {
  auto db = store::Store::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  store::IngestStats stats;
  ASSERT_TRUE((*db)->IngestBatch(SampleDocuments(), {}, &stats).ok());
  ASSERT_EQ(stats.inserted, 4u);
}

}  // namespace sitrep::server::testing_db

#endif  // SITREP_SERVER_TEST_DB_H_

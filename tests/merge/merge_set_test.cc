// Incident merging on our own test set, through the real binary: `sitrep
// ingest tests/merge/reports.jsonl` codes 43 reports (32 of 10 incidents, 11
// distractors: same place and week, another happening), then the store's
// incidents are scored pairwise against gold.tsv (merge_eval.h defines the
// report's incident and the pairs). Also: shuffled ingest orders, before and
// after Store::Remerge().
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>

#include "merge_eval.h"

namespace sitrep::merge_eval {
namespace {

namespace fs = std::filesystem;

const std::string kSource = SITREP_SOURCE_DIR;
const std::string kReports = kSource + "/tests/merge/reports.jsonl";
const std::string kGold = kSource + "/tests/merge/gold.tsv";

int RunSitrep(const std::string& args) {
  const std::string cmd = std::string(SITREP_BINARY) + " " + args;
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class MergeSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "merge_set_test_" + std::to_string(getpid()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name();
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string dir_;
};

TEST_F(MergeSetTest, PairwisePrecisionAndRecallOfIngestedReports) {
  const std::string db = dir_ + "/m.sqlite";
  ASSERT_EQ(RunSitrep("ingest " + kReports + " --db " + db + " 2>" + dir_ + "/err"), 0);
  auto e = EvaluateMerging(db, kGold);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  std::cout << FormatEval(*e);
  EXPECT_EQ(e->reports, 43);
  EXPECT_EQ(e->gold_incidents, 21);
  EXPECT_GE(e->precision, 0.9);
  EXPECT_GE(e->recall, 0.9);
}

// The same documents in three shuffled orders, in batches of 7: the figures
// at ingest stay close to the ordered ones; after Remerge() they are equal.
TEST_F(MergeSetTest, ShuffledIngestOrdersAndRemerge) {
  const std::string coded = dir_ + "/coded.jsonl";
  ASSERT_EQ(RunSitrep("code " + kReports + " >" + coded + " 2>" + dir_ + "/err"), 0);
  // Records grouped by document, in the order `sitrep code` wrote them.
  std::vector<std::vector<std::string>> docs;
  {
    std::ifstream in(coded);
    std::string line, last;
    while (std::getline(in, line)) {
      json r = json::parse(line, nullptr, false);
      ASSERT_FALSE(r.is_discarded());
      const std::string doc = r.value("doc_id", std::string());
      if (docs.empty() || doc != last) docs.emplace_back();
      docs.back().push_back(line);
      last = doc;
    }
  }
  ASSERT_EQ(docs.size(), 43u);
  std::vector<MergeEval> at_ingest, remerged;
  for (unsigned seed : {0u, 1u, 2u, 3u}) {
    std::vector<std::vector<std::string>> order = docs;
    if (seed > 0) std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    const std::string file = dir_ + "/order" + std::to_string(seed) + ".jsonl";
    {
      std::ofstream out(file);
      for (const auto& d : order) {
        for (const std::string& l : d) out << l << "\n";
      }
    }
    const std::string db = dir_ + "/order" + std::to_string(seed) + ".sqlite";
    ASSERT_EQ(
        RunSitrep("ingest --records " + file + " --batch 7 --db " + db + " 2>>" + dir_ + "/err"),
        0);
    auto e = EvaluateMerging(db, kGold);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    at_ingest.push_back(*e);
    {
      auto s = store::Store::Open(db);
      ASSERT_TRUE(s.ok());
      ASSERT_TRUE((*s)->Remerge().ok());
      EXPECT_EQ(*(*s)->IntegrityCheck(), "ok");
    }
    e = EvaluateMerging(db, kGold);
    ASSERT_TRUE(e.ok()) << e.status().ToString();
    remerged.push_back(*e);
    std::printf("order %u: at ingest P %.3f R %.3f (tp %d fp %d fn %d); remerged P %.3f R %.3f\n",
                seed, at_ingest.back().precision, at_ingest.back().recall, at_ingest.back().tp,
                at_ingest.back().fp, at_ingest.back().fn, remerged.back().precision,
                remerged.back().recall);
  }
  for (size_t i = 0; i < at_ingest.size(); ++i) {
    EXPECT_NEAR(at_ingest[i].precision, at_ingest[0].precision, 0.1) << "order " << i;
    EXPECT_NEAR(at_ingest[i].recall, at_ingest[0].recall, 0.1) << "order " << i;
    EXPECT_EQ(remerged[i].tp, remerged[0].tp) << "order " << i;
    EXPECT_EQ(remerged[i].fp, remerged[0].fp) << "order " << i;
    EXPECT_EQ(remerged[i].fn, remerged[0].fn) << "order " << i;
  }
  EXPECT_GE(remerged[0].precision, 0.9);
  EXPECT_GE(remerged[0].recall, 0.9);
}

}  // namespace
}  // namespace sitrep::merge_eval

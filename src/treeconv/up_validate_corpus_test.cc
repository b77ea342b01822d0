// The UniversalPetrarch UD suite on its given parses and on ours (figures in
// src/treeconv/README.md). Floors, not exact counts: the coder evolves.
#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "petrarch/up_validate.h"

namespace sitrep::petrarch {
namespace {

const std::string kRecords =
    std::string(SITREP_CORPORA_DIR) + "/universalpetrarch/validate/PETR_Validate_records_2_02.xml";

void RunSuite(ParseSource parse, int min_passed, double min_tp) {
  if (!std::filesystem::exists(kRecords)) GTEST_SKIP() << "corpus absent: " << kRecords;
  UpValidateOptions o;
  o.records_path = kRecords;
  o.parse = parse;
  UpScore score;
  o.score = &score;
  std::ostringstream out;
  auto r = RunUpValidation(o, out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::cout << r->passed << " passed, " << r->failed << " failed; UP TP "
            << score.TruePositiveRate() << " FP " << score.ExtraPerRecord() << "\n";
  EXPECT_EQ(r->passed + r->failed, 245);
  EXPECT_GE(r->passed, min_passed);
  EXPECT_GE(score.TruePositiveRate(), min_tp);
}

TEST(UpValidateCorpusTest, GivenParses) { RunSuite(ParseSource::kGiven, 160, 0.75); }
TEST(UpValidateCorpusTest, OurParses) { RunSuite(ParseSource::kOurs, 150, 0.72); }

}  // namespace
}  // namespace sitrep::petrarch

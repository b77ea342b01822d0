// Runs the PETRARCH2 validation suite (../shared/corpora/petrarch2) both ways
// and asserts floors just below the measured pass rates (README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "petrarch/gsr.h"
#include "petrarch/records.h"
#include "petrarch/validate.h"
#include "pipeline/analyzer.h"

namespace sitrep::petrarch {
namespace {

namespace fs = std::filesystem;

std::string Corpus(const std::string& rel) {
  return (fs::path(SITREP_CORPORA_DIR) / "petrarch2" / rel).string();
}

class PetrarchCorpusTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(Corpus("text/PETR.UnitTest.records.xml")))
      GTEST_SKIP() << "PETRARCH2 corpus not found under " << SITREP_CORPORA_DIR;
  }
  static const Analyzer* GetAnalyzer() {
    static std::unique_ptr<Analyzer> analyzer = [] {
      auto a = Analyzer::Create({});
      return a.ok() ? std::move(*a) : nullptr;
    }();
    return analyzer.get();
  }
};

TEST_F(PetrarchCorpusTest, UnitTestRecordsOnGivenParses) {
  ValidateOptions o;
  o.records_path = Corpus("text/PETR.UnitTest.records.xml");
  o.parse = ParseSource::kGiven;
  o.report_path = (fs::temp_directory_path() / "petrarch_given_report.jsonl").string();
  std::ostringstream out;
  auto r = RunValidation(o, out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->passed + r->failed, 279);
  EXPECT_GE(r->passed, 266) << out.str();  // measured 268 (96.1%)
  EXPECT_NE(out.str().find(std::to_string(r->passed) + " passed, "), std::string::npos);
  std::ifstream report(o.report_path);
  std::string line;
  int lines = 0, passed = 0;
  while (std::getline(report, line)) {
    auto j = nlohmann::json::parse(line);
    ++lines;
    passed += j["passed"].get<bool>() ? 1 : 0;
    EXPECT_TRUE(j.contains("id") && j.contains("coded") && j.contains("expected") &&
                j.contains("error"));
  }
  EXPECT_EQ(lines, 279);
  EXPECT_EQ(passed, r->passed);
  // The two malformed <Parse> records are recognised as such.
  EXPECT_EQ(out.str().find("ERROR-02"), std::string::npos);
  EXPECT_EQ(out.str().find("ERROR-03"), std::string::npos);
}

TEST_F(PetrarchCorpusTest, UnitTestRecordsOnOurParse) {
  const Analyzer* analyzer = GetAnalyzer();
  if (analyzer == nullptr) GTEST_SKIP() << "model not found";
  ValidateOptions o;
  o.records_path = Corpus("text/PETR.UnitTest.records.xml");
  o.parse = ParseSource::kOurs;
  o.analyzer = analyzer;
  std::ostringstream out;
  auto r = RunValidation(o, out);
  if (!r.ok() && r.status().code() == StatusCode::kFailedPrecondition)
    GTEST_SKIP() << r.status().ToString();
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->passed + r->failed, 279);
  EXPECT_GE(r->passed, 246) << out.str();  // measured 252 (90.3%)
}

TEST_F(PetrarchCorpusTest, GigaWordSampleCodesWithoutCrashing) {
  for (ParseSource p : {ParseSource::kGiven, ParseSource::kOurs}) {
    if (p == ParseSource::kOurs && GetAnalyzer() == nullptr) continue;
    ValidateOptions o;
    o.records_path = Corpus("text/GigaWord.sample.PETR.xml");
    o.dictionary_dir = Corpus("dictionaries");  // the Phoenix dictionaries
    o.parse = p;
    o.analyzer = GetAnalyzer();
    std::ostringstream out;
    auto r = RunValidation(o, out);
    if (!r.ok() && r.status().code() == StatusCode::kFailedPrecondition) continue;
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->passed, 76);  // no gold events: every record passes outright
  }
}

// Agreement with what PETRARCH2 itself coded on the GigaWord sample
// (UniversalPetrarch's PETR2_GSR_validation.xml; README.md has the categories
// of the differences).
TEST_F(PetrarchCorpusTest, AgreesWithPetrarch2OnGigaWordSample) {
  std::string gsr = (fs::path(SITREP_CORPORA_DIR) / "universalpetrarch" / "data" / "text" /
                     "PETR2_GSR_validation.xml")
                        .string();
  if (!fs::exists(gsr)) GTEST_SKIP() << "UniversalPetrarch corpus not found: " << gsr;
  for (ParseSource p : {ParseSource::kGiven, ParseSource::kOurs}) {
    if (p == ParseSource::kOurs && GetAnalyzer() == nullptr) continue;
    ValidateOptions o;
    o.records_path = Corpus("text/GigaWord.sample.PETR.xml");
    o.dictionary_dir = Corpus("dictionaries");
    o.parse = p;
    o.analyzer = GetAnalyzer();
    auto c = CompareWithGsr(gsr, o);
    if (!c.ok() && c.status().code() == StatusCode::kFailedPrecondition) continue;
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    std::string diffs;
    for (const std::string& d : c->differences) diffs += d + "\n";
    EXPECT_EQ(c->gold_records, 78);
    EXPECT_EQ(c->compared, 63);  // 15 GSR records name sentences not in the sample
    if (p == ParseSource::kGiven) {
      EXPECT_GE(c->same, 31) << diffs;  // measured 32 (27 before this round)
      EXPECT_GE(c->same_by_id, 31);     // measured 32 of 73 (26 before)
    } else {
      EXPECT_GE(c->same, 25) << diffs;  // measured 26 (22 before)
    }
  }
}

TEST_F(PetrarchCorpusTest, EventCoderWithPhoenixDictionaries) {
  const Analyzer* analyzer = GetAnalyzer();
  if (analyzer == nullptr) GTEST_SKIP() << "model not found";
  auto coder = CreateCoder({Corpus("dictionaries")});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  EXPECT_EQ((*coder)->name(), "petrarch2");
  // The Phoenix files have a few malformed lines; they are reported.
  bool line_numbers = false;
  for (const std::string& w : (*coder)->warnings())
    line_numbers = line_numbers || w.find(".txt:") != std::string::npos;
  EXPECT_TRUE(line_numbers);
  auto file = ReadRecordsFile(Corpus("text/GigaWord.sample.PETR.xml"));
  ASSERT_TRUE(file.ok());
  size_t events = 0;
  for (const Record& r : file->records) {
    Document doc;
    doc.id = r.id;
    doc.text = r.text;
    doc.date = r.date.size() == 8
                   ? r.date.substr(0, 4) + "-" + r.date.substr(4, 2) + "-" + r.date.substr(6, 2)
                   : "";
    ASSERT_TRUE(analyzer->Analyze(doc).ok());
    Status st = (*coder)->Code(doc);
    if (st.code() == StatusCode::kFailedPrecondition) GTEST_SKIP() << st.ToString();
    ASSERT_TRUE(st.ok()) << st.ToString();
    for (const Event& e : doc.events) {
      ASSERT_LT(e.trigger_begin, doc.tokens.size());
      if (e.source >= 0) {
        ASSERT_LT(static_cast<size_t>(e.source), doc.mentions.size());
      }
      if (e.target >= 0) {
        ASSERT_LT(static_cast<size_t>(e.target), doc.mentions.size());
      }
      EXPECT_FALSE(e.cameo.empty());
    }
    events += doc.events.size();
  }
  EXPECT_GT(events, 10u);
}

}  // namespace
}  // namespace sitrep::petrarch

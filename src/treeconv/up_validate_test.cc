// RunUpValidation (src/petrarch/up_validate.h) on a small records file of our
// own, written the way UniversalPetrarch's files are (not well-formed XML,
// CoNLL-U with UD v1 relations in <Parse>), with our own tiny dictionaries.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "petrarch/up_validate.h"

namespace sitrep::petrarch {
namespace {

namespace fs = std::filesystem;

std::string Conllu(const std::vector<std::string>& rows) {
  std::string out;
  for (const std::string& r : rows) out += r + "\n";
  return out;
}

const std::string kRestore = Conllu({
    "1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
    "2\trestored\trestore\tVERB\tVBD\t_\t0\troot\t_\t_",
    "3\tties\ttie\tNOUN\tNNS\t_\t2\tdobj\t_\t_",
    "4\twith\twith\tADP\tIN\t_\t5\tcase\t_\t_",
    "5\tGondor\tGondor\tPROPN\tNNP\t_\t2\tnmod\t_\t_",
    "6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_",
});

const std::string kRecords =
    "<?xml version='1.0' encoding='utf-8'?>\n<Validation>\n<!--\n# <Sentence a header comment\n"
    "-->\n<Environment>\n    <Verbfile>verbs.txt</Verbfile>\n"
    "    <Actorfile>actors.txt</Actorfile>\n    <Include>DEMO </Include>\n</Environment>\n"
    "<Sentences>\n"
    "<Sentence category=\"DEMO\" date=\"20150101\" id=\"T-01\" evaluate=\"true\">\n"
    "<!-- passes: the given parse codes ARN GON 064 -->\n"
    "<EventCoding eventcode=\"064\" sourcecode=\"ARN\" targetcode=\"GON\" />\n"
    "<PLEvent {\"event\": \"064\"}>\n"
    "<Text>\nArnor restored ties\nwith Gondor.\n</Text>\n<Parse>\n" +
    kRestore +
    "</Parse></Sentence>\n\n"
    "<Sentence category=\"DEMO\" date=\"20150101\" id=\"T-02\" evaluate=\"true\">\n"
    "<EventCoding eventcode=\"064\" sourcecode=\"GON\" targetcode=\"ARN\" />\n"
    "<Text>Arnor restored ties with Gondor.</Text>\n<Parse>\n" +
    kRestore +
    "</Parse></Sentence>\n"
    "<Sentence category=\"OTHER\" date=\"20150101\" id=\"T-03\" evaluate=\"true\">\n"
    "<EventCoding eventcode=\"999\" sourcecode=\"GON\" targetcode=\"ARN\" />\n"
    "<Text>Arnor restored ties with Gondor.</Text>\n<Parse>\n" +
    kRestore +
    "</Parse></Sentence>\n"
    "<Sentence category=\"DEMO\" date=\"20150101\" id=\"T-04\" evaluate=\"false\">\n"
    "<EventCoding eventcode=\"999\" sourcecode=\"GON\" targetcode=\"ARN\" />\n"
    "<Text>Arnor restored ties with Gondor.</Text>\n<Parse>\n" +
    kRestore +
    "</Parse></Sentence>\n"
    "<Sentence category=\"DEMO\" date=\"20150101\" id=\"T-05\" evaluate=\"true\">\n"
    "<EventCoding noevents=\"True\" />\n<Text>Arnor slept.</Text>\n<Parse>\n" +
    Conllu({"1\tArnor\tArnor\tPROPN\tNNP\t_\t2\tnsubj\t_\t_",
            "2\tslept\tsleep\tVERB\tVBD\t_\t0\troot\t_\t_",
            "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_"}) +
    "</Parse></Sentence>\n"
    "<Sentence category=\"DEMO\" date=\"20150101\" id=\"T-06\" evaluate=\"true\">\n"
    "<EventCoding eventcode=\"064\" sourcecode=\"ARN\" targetcode=\"GON\" />\n"
    "<Text>Broken parse.</Text>\n<Parse>\n1\tBroken\tx\tADJ\tJJ\t_\tseven\tamod\n"
    "</Parse></Sentence>\n</Sentences>\n</Validation>\n";

class UpValidateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sitrep_up_validate_test_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    Write("verbs.txt", "--- RESTORE [064] ---\nRESTORE\n");
    Write("actors.txt", "ARNOR [ARN]\nGONDOR [GON]\n");
    Write("records.xml", kRecords);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  fs::path dir_;
};

TEST_F(UpValidateTest, ScoresIncludedEvaluatedRecords) {
  UpValidateOptions o;
  o.records_path = (dir_ / "records.xml").string();
  o.report_path = (dir_ / "report.jsonl").string();
  UpScore score;
  o.score = &score;
  std::ostringstream out;
  auto r = RunUpValidation(o, out);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  // T-01 and T-05 pass; T-02 (reversed roles) and T-06 (bad parse) fail;
  // T-03 (category not included) and T-04 (evaluate="false") are not scored.
  EXPECT_EQ(r->passed, 2) << out.str();
  EXPECT_EQ(r->failed, 2) << out.str();
  EXPECT_NE(out.str().find("FAIL T-02: expected [(GON ARN 064)], coded [(ARN GON 064)]"),
            std::string::npos)
      << out.str();
  EXPECT_NE(out.str().find("FAIL T-06: expected [(ARN GON 064)], coded error bad_input_parse"),
            std::string::npos)
      << out.str();
  EXPECT_EQ(score.records, 4);
  EXPECT_EQ(score.correct, 2);    // T-01, and T-05's empty coding
  EXPECT_EQ(score.not_coded, 2);  // T-02, T-06
  EXPECT_EQ(score.extra, 1);      // T-02
  EXPECT_EQ(score.exact_records, 2);
  std::ifstream report(o.report_path);
  std::string line;
  int lines = 0;
  while (std::getline(report, line)) ++lines;
  EXPECT_EQ(lines, 4);
}

TEST_F(UpValidateTest, MissingFilesAreErrors) {
  UpValidateOptions o;
  o.records_path = (dir_ / "absent.xml").string();
  std::ostringstream out;
  EXPECT_EQ(RunUpValidation(o, out).status().code(), StatusCode::kNotFound);
  o.records_path = (dir_ / "records.xml").string();
  o.dictionary_dir = (dir_ / "nowhere").string();
  EXPECT_FALSE(RunUpValidation(o, out).ok());
}

TEST_F(UpValidateTest, UnclosedRecordIsInvalid) {
  Write("bad.xml", "<Sentence category=\"DEMO\" id=\"X\" evaluate=\"true\">\n<Text>x</Text>\n");
  UpValidateOptions o;
  o.records_path = (dir_ / "bad.xml").string();
  std::ostringstream out;
  auto r = RunUpValidation(o, out);
  EXPECT_FALSE(r.ok());
}

}  // namespace
}  // namespace sitrep::petrarch

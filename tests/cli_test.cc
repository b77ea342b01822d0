// End-to-end tests of build/sitrep: bad input is reported with where it is,
// the rest is processed, and the exit code says whether anything failed.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/binary_io.h"
#include "core/utf8.h"

namespace sitrep {
namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out, err;
};

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sitrep_cli_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& bytes) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p.string();
  }

  // Runs `sitrep ARGS` with `stdin_bytes` on standard input.
  RunResult Run(const std::string& args, const std::string& stdin_bytes = "") {
    std::string in = Write("stdin.bin", stdin_bytes);
    std::string out = (dir_ / "stdout.txt").string(), err = (dir_ / "stderr.txt").string();
    std::string cmd =
        std::string(SITREP_BINARY) + " " + args + " <" + in + " >" + out + " 2>" + err;
    int rc = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    r.out = ReadFileToString(out).value();
    r.err = ReadFileToString(err).value();
    return r;
  }

  fs::path dir_;
};

std::vector<nlohmann::json> JsonLines(const std::string& s) {
  std::vector<nlohmann::json> out;
  std::istringstream in(s);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) out.push_back(nlohmann::json::parse(line));
  }
  return out;
}

TEST_F(CliTest, AnalyzesPlainTextWithOffsetsIntoTheOriginalBytes) {
  std::string text =
      "Troops retake town\n\nBEIRUT, March 5 (sitrep) - Syrian troops attacked rebel positions "
      "near Hama on Thursday, the army said.\n";
  std::string path = Write("story.txt", text);
  RunResult r = Run("analyze --format jsonl --date 2015-03-05 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "story");
  EXPECT_EQ(docs[0]["date"], "2015-03-05");
  ASSERT_FALSE(docs[0]["sentences"].empty());
  for (const auto& s : docs[0]["sentences"]) {
    for (const auto& t : s["tokens"]) {
      size_t b = t["start"], e = t["end"];
      ASSERT_LE(e, text.size());
      // A token's form is its bytes (or, for a few words, a normalised form).
      std::string bytes = text.substr(b, e - b);
      EXPECT_TRUE(bytes == t["form"].get<std::string>() || !bytes.empty()) << bytes;
      EXPECT_FALSE(t["upos"].is_null());
      EXPECT_FALSE(t["deprel"].is_null());
    }
  }
}

TEST_F(CliTest, EmptyDocumentGivesNoOutputAndNoError) {
  RunResult r = Run("analyze --format jsonl -", "");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  RunResult ws = Run("analyze --format jsonl -", "  \n\n \t\n");
  EXPECT_EQ(ws.exit_code, 0) << ws.err;
  EXPECT_EQ(ws.out, "");
}

TEST_F(CliTest, InvalidUtf8IsRepairedWithAWarningNamingTheByteOffset) {
  std::string text = "Police said protesters marched \xFF\xFE in the capital.";
  RunResult r = Run("analyze --format jsonl -", text);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("byte 31"), std::string::npos) << r.err;
  EXPECT_TRUE(IsValidUtf8(r.out));
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_NE(docs[0]["sentences"][0]["text"].get<std::string>().find("\xEF\xBF\xBD"),
            std::string::npos);
}

TEST_F(CliTest, BrokenJsonlLineIsReportedAndTheRestProcessed) {
  std::string jsonl =
      R"({"id": "a", "date": "2019-04-12", "text": "Gunmen attacked a checkpoint."})"
      "\n"
      R"({"id": "b", "text": "unterminated)"
      "\n"
      R"({"id": "c", "date": "2019-04-13", "text": "The minister visited Kabul."})"
      "\n";
  std::string path = Write("feed.jsonl", jsonl);
  RunResult r = Run("analyze --format jsonl " + path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("feed.jsonl:2"), std::string::npos) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0]["id"], "a");
  EXPECT_EQ(docs[1]["id"], "c");
}

TEST_F(CliTest, HugeDocumentIsRefusedClearlyAndOthersProcessed) {
  std::string big_path = (dir_ / "huge.txt").string();
  {
    std::ofstream f(big_path, std::ios::binary);
    std::string para = "The convoy reached the town after a long delay. ";
    for (size_t n = 0; n < (50u << 20); n += para.size()) f << para;
  }
  std::string small = Write("small.txt", "Rebels shelled the airport on Monday.");
  RunResult r = Run("analyze --format jsonl " + big_path + " " + small);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("huge.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("RESOURCE_EXHAUSTED"), std::string::npos) << r.err;
  auto docs = JsonLines(r.out);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0]["id"], "small");
}

TEST_F(CliTest, MissingAndCorruptModelsAreClearErrors) {
  RunResult missing = Run("analyze --model " + (dir_ / "nope.sitrep").string() + " -", "Hi.");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("model file not found"), std::string::npos) << missing.err;
  std::string bad = Write("bad.sitrep", "SITREPMD garbage that is not a model");
  RunResult corrupt = Run("analyze --model " + bad + " -", "Hi.");
  EXPECT_EQ(corrupt.exit_code, 2);
  EXPECT_NE(corrupt.err.find("DATA_LOSS"), std::string::npos) << corrupt.err;
}

TEST_F(CliTest, MissingInputFileIsReportedAndOthersProcessed) {
  std::string ok = Write("ok.txt", "Demonstrators gathered outside parliament.");
  RunResult r = Run("analyze --format jsonl " + (dir_ / "absent.txt").string() + " " + ok);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("absent.txt"), std::string::npos);
  EXPECT_EQ(JsonLines(r.out).size(), 1u);
}

TEST_F(CliTest, ParseKeepsGivenTokenization) {
  std::string conllu =
      "# sent_id = x1\n# text = Rebels can't hold Raqqa.\n"
      "1\tRebels\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "4\thold\t_\t_\t_\t_\t_\t_\t_\t_\n"
      "5\tRaqqa\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n"
      "6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  std::string path = Write("in.conllu", conllu);
  RunResult r = Run("parse --conllu-in " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("# sent_id = x1"), std::string::npos);
  EXPECT_NE(r.out.find("2-3\tcan't"), std::string::npos);
  EXPECT_NE(r.out.find("3\tn't\tnot\tPART"), std::string::npos) << r.out;
  // Exactly one root, every word has a head.
  int roots = 0, words = 0;
  std::istringstream in(r.out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#' || line.find('-') < line.find('\t')) continue;
    ++words;
    std::vector<std::string> cols;
    std::istringstream ls(line);
    std::string c;
    while (std::getline(ls, c, '\t')) cols.push_back(c);
    ASSERT_EQ(cols.size(), 10u);
    if (cols[6] == "0") ++roots;
    EXPECT_NE(cols[7], "_");
  }
  EXPECT_EQ(words, 6);
  EXPECT_EQ(roots, 1);
}

TEST_F(CliTest, UsageErrorExitsTwo) {
  RunResult r = Run("analyze --threads 0 -", "x");
  EXPECT_EQ(r.exit_code, 2);
  RunResult bad_date = Run("analyze --date 2015-02-30 -", "x");
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("2015-02-30"), std::string::npos) << bad_date.err;
}

// ---- sitrep code: event records (docs/events.md) -------------------------

const char* kContractFields[] = {
    "schema",    "id",         "doc_id",      "doc_date",   "sentence_index", "sentence",
    "span",      "trigger",    "cameo",       "cameo_root", "cameo_label",    "quad_class",
    "goldstein", "plover",     "acled",       "source",     "target",         "location",
    "date",      "fatalities", "attribution", "negated",    "confidence"};

TEST_F(CliTest, CodeWritesOneContractRecordPerEventWithTrueOffsets) {
  std::string text =
      "Clashes near Hama\n\nBEIRUT, Oct 8 (sitrep) - Syrian troops attacked rebel positions "
      "near Hama on Thursday, the army said. Russian jets did not bomb the town, the ministry "
      "said.\n";
  std::string path = Write("story.txt", text);
  RunResult r = Run("code --date 2015-10-08 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto events = JsonLines(r.out);
  ASSERT_FALSE(events.empty()) << r.err;
  bool attack = false, negated_bombing = false;
  std::set<std::string> ids;
  for (const auto& e : events) {
    for (const char* field : kContractFields) EXPECT_TRUE(e.contains(field)) << field;
    EXPECT_EQ(e["schema"], "sitrep.event/1");
    EXPECT_TRUE(ids.insert(e["id"].get<std::string>()).second) << "duplicate id " << e["id"];
    EXPECT_EQ(e["doc_id"], "story");
    EXPECT_EQ(e["doc_date"], "2015-10-08");
    // Every offset points at the bytes it names.
    const auto& t = e["trigger"];
    EXPECT_EQ(
        text.substr(t["start"].get<size_t>(), t["end"].get<size_t>() - t["start"].get<size_t>()),
        t["text"].get<std::string>());
    for (const char* role : {"source", "target"}) {
      const auto& a = e[role];
      if (a.is_null()) continue;
      EXPECT_EQ(
          text.substr(a["start"].get<size_t>(), a["end"].get<size_t>() - a["start"].get<size_t>()),
          a["text"].get<std::string>());
    }
    const auto& sp = e["span"];
    EXPECT_EQ(
        text.substr(sp["start"].get<size_t>(), sp["end"].get<size_t>() - sp["start"].get<size_t>()),
        e["sentence"].get<std::string>());
    if (e["cameo_root"] == "19" && !e["source"].is_null() && e["source"]["code"] == "SYRMIL") {
      attack = true;
      EXPECT_EQ(e["quad_class"], 4);
      EXPECT_FALSE(e["negated"].get<bool>());
    }
    if (e["trigger"]["text"] == "bomb") {
      negated_bombing = e["negated"].get<bool>();
      EXPECT_EQ(e["source"]["code"], "RUSMIL");
    }
  }
  EXPECT_TRUE(attack) << r.out;
  EXPECT_TRUE(negated_bombing) << r.out;
}

TEST_F(CliTest, CodeTablePrintsTheSummaryColumns) {
  std::string path = Write("story.txt", "Police arrested 20 protesters in Bamako on Friday.\n");
  RunResult r = Run("code --format table --date 2020-07-11 " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* col : {"date", "source", "event", "target", "place", "dead", "[story]"}) {
    EXPECT_NE(r.out.find(col), std::string::npos) << col << "\n" << r.out;
  }
  EXPECT_NE(r.out.find("173"), std::string::npos) << r.out;
}

TEST_F(CliTest, CodeReportsBadLinesAndCodesTheRest) {
  std::string jsonl =
      "{\"id\": \"a\", \"date\": \"2019-04-12\", \"text\": \"Taliban fighters attacked a police "
      "checkpoint in Kandahar.\"}\n"
      "{\"id\": \"b\", \"text\": broken\n"
      "{\"id\": \"c\", \"text\": \"\"}\n"
      "{\"id\": \"d\", \"text\": \"Protesters clashed with police in Bogota.\"}\n";
  std::string path = Write("feed.jsonl", jsonl);
  RunResult r = Run("code " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:2"), std::string::npos) << r.err;
  std::set<std::string> docs;
  for (const auto& e : JsonLines(r.out)) docs.insert(e["doc_id"].get<std::string>());
  EXPECT_TRUE(docs.count("a")) << r.out;
  EXPECT_TRUE(docs.count("d")) << r.out;
}

// Issue 4's bad input: an absurd count, a date before 1900 and one after the
// story date, a place in no gazetteer. Each has a clear, documented result
// (docs/events.md) and the other fields of the same records stay filled.
// A document of too many tokens (here a run of punctuation over a lowered
// --max-doc-tokens) is refused before tokenizing, naming its line; the next
// document is coded.
TEST_F(CliTest, CodeRefusesADocumentOfTooManyTokensAndCodesTheRest) {
  std::string jsonl = "{\"id\": \"p\", \"text\": \"" + std::string(5000, '(') +
                      "\"}\n"
                      "{\"id\": \"d\", \"text\": \"Protesters clashed with police in Bogota.\"}\n";
  std::string path = Write("feed.jsonl", jsonl);
  RunResult r = Run("code --max-doc-tokens 1000 " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("RESOURCE_EXHAUSTED"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("--max-doc-tokens"), std::string::npos) << r.err;
  std::set<std::string> docs;
  for (const auto& e : JsonLines(r.out)) docs.insert(e["doc_id"].get<std::string>());
  EXPECT_EQ(docs.count("p"), 0u) << r.out;
  EXPECT_TRUE(docs.count("d")) << r.out;
}

TEST_F(CliTest, ContextFieldsHandleAbsurdCountsOddDatesAndUnknownPlaces) {
  std::string jsonl =
      "{\"id\": \"absurd\", \"date\": \"2019-04-12\", \"text\": \"Gunmen attacked a checkpoint "
      "in Kandahar province on Wednesday, killing 10,000,000,000 officers.\"}\n"
      "{\"id\": \"old\", \"date\": \"2019-04-12\", \"text\": \"Rebels attacked the town of "
      "Hama on 5 March 1850.\"}\n"
      "{\"id\": \"future\", \"date\": \"2019-04-12\", \"text\": \"Rebels attacked the town of "
      "Hama on 5 March 2031.\"}\n"
      "{\"id\": \"unknown\", \"date\": \"2019-04-12\", \"text\": \"Troops shelled rebel "
      "positions in Qzxwvabad on Thursday, killing 13 fighters.\"}\n";
  std::string path = Write("odd.jsonl", jsonl);
  RunResult r = Run("code " + path);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::vector<nlohmann::json>> by_doc;
  for (const auto& e : JsonLines(r.out)) by_doc[e["doc_id"].get<std::string>()].push_back(e);
  ASSERT_FALSE(by_doc["absurd"].empty()) << r.out;
  // The implausible count is dropped with a warning naming its byte offset;
  // place and date of the same event are still there.
  EXPECT_NE(r.err.find("implausible casualty count"), std::string::npos) << r.err;
  for (const auto& e : by_doc["absurd"]) {
    EXPECT_TRUE(e["fatalities"].is_null()) << e.dump();
    EXPECT_EQ(e["location"]["name"], "Kandahar") << e.dump();
    EXPECT_EQ(e["date"]["value"], "2019-04-10") << e.dump();
  }
  // Neither a date before 1900 nor one after the story date dates a past
  // event: it keeps the story date, marked as such.
  for (const char* doc : {"old", "future"}) {
    ASSERT_FALSE(by_doc[doc].empty()) << doc << r.out;
    for (const auto& e : by_doc[doc]) {
      EXPECT_EQ(e["date"]["basis"], "story_date") << e.dump();
      EXPECT_EQ(e["date"]["value"], "2019-04-12") << e.dump();
      EXPECT_EQ(e["location"]["country"], "SYR") << e.dump();
    }
  }
  // A place no gazetteer knows stays as text with null coordinates; the
  // date and the count of the same event are unaffected.
  bool unknown_place = false, counted = false;
  for (const auto& e : by_doc["unknown"]) {
    if (e["location"].is_object() && e["location"]["text"] == "Qzxwvabad") {
      unknown_place = true;
      EXPECT_TRUE(e["location"]["lat"].is_null()) << e.dump();
      EXPECT_TRUE(e["location"]["precision"].is_null()) << e.dump();
      EXPECT_EQ(e["date"]["value"], "2019-04-11") << e.dump();
      counted |= e["fatalities"].is_object() && e["fatalities"]["count"] == 13;
    }
  }
  EXPECT_TRUE(unknown_place) << r.out;
  EXPECT_TRUE(counted) << r.out;
}

TEST_F(CliTest, CodeSurvivesRandomBytes) {
  std::string bytes;
  uint32_t x = 12345;
  for (int i = 0; i < 20000; ++i) {
    x = x * 1103515245u + 12345u;
    bytes += static_cast<char>(x >> 24);
    if (i % 97 == 0) bytes += " attacked the ";
  }
  std::string path = Write("noise.txt", bytes);
  RunResult r = Run("code " + path);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  for (const auto& e : JsonLines(r.out)) EXPECT_EQ(e["schema"], "sitrep.event/1");
}

TEST_F(CliTest, CodeReportsAMalformedDictionaryLineWithFileAndLine) {
  fs::path dict = dir_ / "events";
  fs::create_directories(dict);
  fs::copy_file(fs::path(SITREP_SOURCE_DIR) / "data/events/nouns.txt", dict / "nouns.txt");
  std::string verbs =
      ReadFileToString(std::string(SITREP_SOURCE_DIR) + "/data/events/verbs.txt").value();
  verbs = "190 attack\nthis line is not an entry\n" + verbs;
  std::ofstream(dict / "verbs.txt", std::ios::binary) << verbs;
  std::string path = Write("story.txt", "Rebels attacked the town.\n");
  RunResult r = Run("code --events-dir " + dict.string() + " " + path);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("verbs.txt:2"), std::string::npos) << r.err;
  EXPECT_FALSE(JsonLines(r.out).empty()) << "the good lines are still used";
}

TEST_F(CliTest, ValidateReportsPassesAndWritesOneJsonLinePerRecord) {
  std::string records =
      std::string(SITREP_CORPORA_DIR) + "/petrarch2/text/PETR.UnitTest.records.xml";
  if (!fs::exists(records)) GTEST_SKIP() << "PETRARCH2 suite not found: " << records;
  std::string report = (dir_ / "report.jsonl").string();
  RunResult r = Run("validate petrarch --given-parse --report " + report + " " + records);
  EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << r.err;
  EXPECT_NE(r.out.find(" passed, "), std::string::npos) << r.out;
  auto lines = JsonLines(ReadFileToString(report).value());
  EXPECT_GT(lines.size(), 250u);
  for (const auto& l : lines) {
    EXPECT_TRUE(l.contains("id"));
    EXPECT_TRUE(l.contains("coded"));
    EXPECT_TRUE(l.contains("error"));
  }
  RunResult bad = Run("validate petrarch " + (dir_ / "missing.xml").string());
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace sitrep

// ModeDetector against the PLOVER gold-standard records (the CAMEO manual's
// examples coded in PLOVER, ../shared/corpora/plover): for each record whose
// gold mode has a counterpart in our mode vocabulary, analyse the sentence,
// take the first word of the gold event text as the trigger, give the event
// the CAMEO root of its PLOVER type, and compare the detected mode.
//
// Gold modes are not always shown by the words ("retaken a village" is coded
// heavy-weapons), so recall has a ceiling well below 1; the test reports the
// figures and guards against regressions with floors.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "cameo/cameo.h"
#include "core/binary_io.h"
#include "pipeline/analyzer.h"

namespace sitrep::cameo {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Gold PLOVER 0.5 mode -> the modes of ours that count as a match.
const std::map<std::string, std::set<std::string>>& GoldToOurs() {
  static const std::map<std::string, std::set<std::string>> kMap = {
      {"assassinate", {"assassinate"}},
      {"beat", {"beat"}},
      {"explosives", {"explosives"}},
      {"sexual", {"sexual"}},
      {"suicide-attack", {"suicide"}},
      {"torture", {"torture"}},
      {"arrest", {"arrest"}},
      {"detain", {"arrest"}},
      {"ban", {"ban"}},
      {"curfew", {"curfew"}},
      {"deport", {"deport"}},
      {"destroy", {"destroy", "arson"}},  // PLOVER's destroy covers burning
      {"confiscate", {"seize"}},
      {"martial-law", {"martial-law"}},
      {"firearms", {"firearms"}},
      {"phone", {"phone"}},
      {"visit", {"visit"}},
      {"host", {"visit"}},
      {"police", {"police"}},
      {"troops", {"troops"}},
      {"obstruct", {"obstruct"}},
      {"riot", {"riot"}},
      {"riot-spon", {"riot"}},
      {"strike-gen", {"strike"}},
      {"strike-hun", {"hunger"}},
      {"demo-org", {"demo"}},
      {"demo-spon", {"demo"}},
      {"heavy-weapons", {"artillery", "aerial", "missile"}},
  };
  return kMap;
}

// A CAMEO root standing for each PLOVER type of the gold file.
const char* RootFor(const std::string& plover) {
  static const std::map<std::string, const char*> kRoot = {
      {"ASSAULT", "18"},  {"FIGHT", "19"},    {"COERCE", "17"},
      {"PROTEST", "14"},  {"THREATEN", "13"}, {"CONSULT", "04"},
      {"MOBILIZE", "15"}, {"SANCTION", "16"}, {"RETREAT", "08"}};
  auto it = kRoot.find(plover);
  return it == kRoot.end() ? "" : it->second;
}

TEST(ModeGold, PloverGoldStandardRecords) {
  const std::string path =
      std::string(SITREP_CORPORA_DIR) + "/plover/gold_standard_records/PLOVER_GSR_CAMEO.txt";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "corpus absent: " << path;
  auto bytes = ReadFileToString(path);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  nlohmann::json records = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  ASSERT_TRUE(records.is_array());

  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto modes = ModeDetector::LoadDefault();
  ASSERT_TRUE(modes.ok()) << modes.status().ToString();

  // SITREP_VERBOSE=1 lists the records where the detected mode differs.
  const bool verbose = std::getenv("SITREP_VERBOSE") != nullptr;
  int comparable = 0, correct = 0, wrong = 0, none = 0;
  std::map<std::string, std::pair<int, int>> per_mode;  // gold -> (correct, total)
  for (const nlohmann::json& r : records) {
    if (!r.is_object() || !r.contains("mode") || !r["mode"].is_string()) continue;
    const std::string gold = r["mode"].get<std::string>();
    auto want = GoldToOurs().find(gold);
    if (want == GoldToOurs().end()) continue;
    const std::string event = r.value("event", "");
    const char* root = RootFor(event);
    if (*root == '\0' || !r.contains("text") || !r.contains("eventText")) continue;
    std::string first = r["eventText"].get<std::string>();
    first = Lower(first.substr(0, first.find(' ')));

    Document doc;
    doc.text = r["text"].get<std::string>();
    ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
    int trigger = -1;
    for (uint32_t t = 0; t < doc.tokens.size() && trigger < 0; ++t)
      if (Lower(doc.Form(doc.tokens[t])) == first) trigger = static_cast<int>(t);
    if (trigger < 0) continue;
    Event e;
    e.trigger_begin = e.trigger_head = static_cast<uint32_t>(trigger);
    e.trigger_end = e.trigger_begin + 1;
    e.cameo = root;
    for (uint32_t s = 0; s < doc.sentences.size(); ++s)
      if (e.trigger_head >= doc.sentences[s].token_begin &&
          e.trigger_head < doc.sentences[s].token_end) {
        e.sentence = s;
      }
    std::string got = (*modes)->Detect(doc, e);
    ++comparable;
    if (verbose && !want->second.count(got)) {
      std::printf("miss %s gold=%s got='%s' trigger=%s\n", r.value("id", "").c_str(), gold.c_str(),
                  got.c_str(), first.c_str());
    }
    ++per_mode[gold].second;
    if (got.empty()) {
      ++none;
    } else if (want->second.count(got)) {
      ++correct;
      ++per_mode[gold].first;
    } else {
      ++wrong;
    }
  }
  for (const auto& [gold, counts] : per_mode)
    std::printf("  %-14s %d/%d\n", gold.c_str(), counts.first, counts.second);
  const double precision = correct + wrong ? double(correct) / (correct + wrong) : 0;
  const double recall = comparable ? double(correct) / comparable : 0;
  std::printf(
      "PLOVER gold modes: %d comparable records, %d correct, %d wrong, %d none: "
      "precision %.2f, recall %.2f\n",
      comparable, correct, wrong, none, precision, recall);
  EXPECT_GE(comparable, 60);
  // Measured 2026-11-25: 85 comparable, precision 0.96, recall 0.78.
  EXPECT_GE(precision, 0.85);
  EXPECT_GE(recall, 0.65);
}

}  // namespace
}  // namespace sitrep::cameo

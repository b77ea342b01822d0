// sitrep_events_score: scores coded events against golden expected events.
//
//   sitrep_events_score samples/jsonl/articles.jsonl samples/expected  # sitrep's own coder
//   sitrep code samples/jsonl/articles.jsonl > coded.jsonl
//   sitrep_events_score samples/jsonl/articles.jsonl samples/expected --coded coded.jsonl --diff
//
// ARTICLES is anything DocumentReader reads (a directory, a .txt, a .jsonl;
// prefer JSON Lines with story dates: date-restricted actor codes need them);
// each document NAME is scored against EXPECTED/NAME.events (documents without
// one are skipped with a note). --coded reads the JSON Lines of `sitrep code`
// (any coder: trigger.start/end, source.code, cameo, target.code, negated,
// modality, id, reported_by) instead of running a coder; the offsets must be
// into the same text, i.e. the same articles. Prints one row per article and a
// "micro" row; --diff adds the missing / extra / wrong events, --errors the
// error categories. Exit code 0, 1 if a file could not be read, 2 on usage errors.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "events_gold.h"
#include "io/reader.h"

#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::events_gold {
namespace {

using json = nlohmann::json;

std::string StrOr(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string ActorCode(const json& record, const char* key) {
  auto it = record.find(key);
  if (it == record.end() || !it->is_object()) return "";
  return StrOr(*it, "code");
}

// Coded events per doc_id from `sitrep code` output; bad lines are reported and skipped.
bool ReadCodedJsonl(const std::string& path, std::map<std::string, std::vector<CodedEvent>>* out) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << path << ": cannot open\n";
    return false;
  }
  std::vector<std::pair<std::string, json>> records;
  std::set<std::string> reporters;
  std::string line;
  for (int line_no = 1; std::getline(in, line); ++line_no) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    json j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    auto trigger = j.is_object() ? j.find("trigger") : j.end();
    if (!j.is_object() || trigger == j.end() || !trigger->is_object() ||
        !trigger->value("start", json()).is_number_unsigned() ||
        !trigger->value("end", json()).is_number_unsigned()) {
      std::cerr << path << ":" << line_no << ": not an event record, skipped\n";
      continue;
    }
    if (std::string by = StrOr(j, "reported_by"); !by.empty()) reporters.insert(by);
    records.emplace_back(StrOr(j, "doc_id"), std::move(j));
  }
  for (auto& [doc_id, j] : records) {
    CodedEvent c;
    const json& t = j["trigger"];
    c.trigger = Span{t["start"].get<uint32_t>(), t["end"].get<uint32_t>()};
    c.source = ActorCode(j, "source");
    c.target = ActorCode(j, "target");
    c.cameo = StrOr(j, "cameo");
    c.negated = j.value("negated", json(false)).is_boolean() && j["negated"].get<bool>();
    std::string modality = StrOr(j, "modality");
    for (Modality m : {Modality::kFuture, Modality::kIntended, Modality::kThreatened,
                       Modality::kHypothetical, Modality::kDemanded}) {
      if (modality == ModalityName(m)) c.modality = m;
    }
    c.attribution = reporters.count(StrOr(j, "id")) > 0;
    (*out)[doc_id].push_back(std::move(c));
  }
  return true;
}

int Usage() {
  std::cerr << "usage: sitrep_events_score ARTICLES EXPECTED_DIR [--coded FILE.jsonl] [--diff] "
               "[--errors]\n";
  return 2;
}

int Main(int argc, char** argv) {
  std::vector<std::string> positional;
  std::string coded_path;
  bool diff = false, errors = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--diff") {
      diff = true;
    } else if (a == "--errors") {
      errors = true;
    } else if (a == "--coded" && i + 1 < argc) {
      coded_path = argv[++i];
    } else if (a == "-h" || a == "--help" || a.rfind("--", 0) == 0) {
      return Usage();
    } else {
      positional.push_back(a);
    }
  }
  if (positional.size() != 2) return Usage();
  const std::string& expected_dir = positional[1];

  std::map<std::string, std::vector<CodedEvent>> coded_by_doc;
  if (!coded_path.empty() && !ReadCodedJsonl(coded_path, &coded_by_doc)) return 1;
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<EventCoder> coder;
  if (coded_path.empty()) {
    auto c = events::CreateCoder({});
    if (!c.ok()) {
      std::cerr << c.status().ToString() << "\n";
      return 1;
    }
    coder = std::move(*c);
    // With the coder set, the analysis is the one `sitrep code` runs (its
    // headline verbs reach the tagger) and ends with coding.
    AnalyzerOptions options;
    options.coder = coder.get();
    auto a = Analyzer::Create(options);
    if (!a.ok()) {
      std::cerr << a.status().ToString() << "\n";
      return 1;
    }
    analyzer = std::move(*a);
  }

  auto reader = DocumentReader::Create({positional[0]}, {});
  if (!reader.ok()) {
    std::cerr << reader.status().ToString() << "\n";
    return 2;
  }
  int rc = 0;
  std::vector<ArticleScore> scores;
  ArticleScore total;
  while (auto r = (*reader)->Next()) {
    if (!r->status.ok()) {
      std::cerr << r->status.ToString() << "\n";
      rc = 1;
      continue;
    }
    Document& doc = *r->doc;
    StatusOr<GoldFile> gold = ReadGoldFile(expected_dir + "/" + doc.id + ".events");
    if (!gold.ok()) {
      std::cerr << "note: " << gold.status().ToString() << "; " << doc.id << " not scored\n";
      continue;
    }
    ResolveTriggers(doc, *gold);
    for (const std::string& w : gold->warnings) std::cerr << "warning: " << w << "\n";
    ArticleScore s;
    if (!coded_path.empty()) {
      s = ScoreEvents(doc, *gold, coded_by_doc[doc.id]);
    } else {
      Status st = analyzer->Analyze(doc);
      if (!st.ok()) {
        std::cerr << doc.id << ": " << st.ToString() << "\n";
        rc = 1;
      }
      s = ScoreArticle(doc, *gold);
    }
    total.Add(s);
    scores.push_back(std::move(s));
  }
  std::cout << FormatTable(scores, total);
  if (errors) std::cout << "errors: " << FormatErrorCounts(CountErrors(scores)) << "\n";
  if (diff) std::cout << FormatDifferences(scores);
  return rc;
}

}  // namespace
}  // namespace sitrep::events_gold

int main(int argc, char** argv) { return sitrep::events_gold::Main(argc, argv); }

// sitrep_petrarch_tool: runs the PETRARCH2 validation suite until the CLI's
// `sitrep validate petrarch` is wired.
//
//   sitrep_petrarch_tool validate FILE [--given-parse] [--report OUT.jsonl] [--dict DIR]
//   sitrep_petrarch_tool tree "(ROOT ...)" --dict DIR [--date YYYYMMDD]   codes one tree
//   sitrep_petrarch_tool gsr GSR.xml RECORDS.xml --dict DIR [--given-parse]
//     compares with PETRARCH2's own output on RECORDS.xml as UniversalPetrarch's
//     PETR2_GSR_validation.xml records it (line-based file; ids match with '_' = '-').
#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "petrarch/coder.h"
#include "petrarch/validate.h"

int main(int argc, char** argv) {
  using namespace sitrep::petrarch;
  if (argc < 3) {
    std::cerr
        << "usage: sitrep_petrarch_tool validate FILE [--given-parse] [--report F] [--dict DIR]\n";
    return 2;
  }
  std::string cmd = argv[1];
  ValidateOptions o;
  o.records_path = argv[2];
  int date = 0;
  int first_option = 3;
  std::string gsr_path;
  if (cmd == "gsr") {
    if (argc < 4) return 2;
    gsr_path = argv[2];
    o.records_path = argv[3];
    first_option = 4;
  }
  for (int i = first_option; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--given-parse")
      o.parse = ParseSource::kGiven;
    else if (a == "--report" && i + 1 < argc)
      o.report_path = argv[++i];
    else if (a == "--dict" && i + 1 < argc)
      o.dictionary_dir = argv[++i];
    else if (a == "--date" && i + 1 < argc)
      date = std::atoi(argv[++i]);
    else {
      std::cerr << "unknown argument " << a << "\n";
      return 2;
    }
  }
  if (cmd == "tree") {
    auto files = FindDictionaryFiles(o.dictionary_dir);
    if (!files.ok()) {
      std::cerr << files.status().ToString() << "\n";
      return 1;
    }
    auto dicts = Dictionaries::Load(*files);
    if (!dicts.ok()) {
      std::cerr << dicts.status().ToString() << "\n";
      return 1;
    }
    auto tree = ParsePtb(o.records_path);
    if (!tree.ok()) {
      std::cerr << tree.status().ToString() << "\n";
      return 1;
    }
    TreeCoder coder(**dicts);
    for (const CodedEvent& e : coder.Code(*tree, {}, date, {}).events)
      std::cout << e.source << "\t" << e.target << "\t" << e.code << "\n";
    return 0;
  }
  if (cmd == "gsr") {
    using Triple = std::vector<std::string>;
    auto norm = [](std::string id) {
      for (char& c : id)
        if (c == '_') c = '-';
      return id;
    };
    // Records are paired by their words, not their ids: a few ids of the two
    // files name different sentences (GOLD_5) or two of them (GOLD_9).
    auto words_key = [](const std::string& text) {
      std::string k;
      for (unsigned char c : text)
        if (std::isalnum(c)) k += static_cast<char>(std::tolower(c));
      return k;
    };
    struct Gold {
      std::string id, text, parse_words;
      std::vector<Triple> events;
    };
    std::vector<Gold> gold;
    std::ifstream in(gsr_path);
    if (!in) {
      std::cerr << "cannot read " << gsr_path << "\n";
      return 1;
    }
    std::string line;
    enum { kOut, kText, kParse } where = kOut;
    const std::regex id_re("<Sentence .*id=\"([^\"]+)\"");
    const std::regex attr_re("(\\w+)=\"([^\"]*)\"");
    while (std::getline(in, line)) {
      std::smatch m;
      if (line.rfind("<Sentence", 0) == 0 && std::regex_search(line, m, id_re)) {
        gold.push_back({norm(m[1]), "", "", {}});
        where = kOut;
        continue;
      }
      if (gold.empty()) continue;
      Gold& g = gold.back();
      if (line.rfind("<Text>", 0) == 0) {
        where = kText;
      } else if (line.rfind("</Text>", 0) == 0 || line.find("</Parse>") != std::string::npos) {
        where = kOut;
      } else if (line.rfind("<Parse>", 0) == 0) {
        where = kParse;
      } else if (where == kText) {
        g.text += line + " ";
      } else if (where == kParse) {
        size_t tab = line.find('\t');
        if (tab != std::string::npos)
          g.parse_words += line.substr(tab + 1, line.find('\t', tab + 1) - tab - 1) + " ";
      } else if (line.rfind("<EventCoding", 0) == 0 && line.find("noevents") == std::string::npos) {
        std::map<std::string, std::string> a;
        for (auto it = std::sregex_iterator(line.begin(), line.end(), attr_re);
             it != std::sregex_iterator(); ++it)
          a[(*it)[1]] = (*it)[2];
        g.events.push_back({a["sourcecode"], a["targetcode"], a["eventcode"]});
      }
    }
    std::string report = std::filesystem::temp_directory_path() / "petrarch_gsr_report.jsonl";
    o.report_path = report;
    std::ostringstream ignore;
    auto r = RunValidation(o, ignore);
    if (!r.ok()) {
      std::cerr << r.status().ToString() << "\n";
      return 1;
    }
    std::ifstream rep(report);
    std::map<std::string, std::vector<Triple>> coded_by_words, coded_by_id;
    while (std::getline(rep, line)) {
      auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (j.is_discarded() || !j.contains("text")) continue;
      std::vector<Triple> coded;
      for (const auto& t : j["coded"]) coded.push_back(t.get<Triple>());
      coded_by_words.emplace(words_key(j["text"].get<std::string>()), coded);
      coded_by_id.emplace(norm(j["id"].get<std::string>()), coded);
    }
    int same = 0, total = 0, unmatched = 0, same_id = 0, total_id = 0;
    for (Gold& g : gold) {
      // The earlier measure: paired by id even where the words differ.
      if (auto c = coded_by_id.find(g.id); c != coded_by_id.end()) {
        std::vector<Triple> coded = c->second, want = g.events;
        std::sort(coded.begin(), coded.end());
        std::sort(want.begin(), want.end());
        ++total_id;
        same_id += coded == want;
      }
      std::string key =
          words_key(g.text.find_first_not_of(" ") == std::string::npos ? g.parse_words : g.text);
      auto c = coded_by_words.find(key);
      if (c == coded_by_words.end()) {
        ++unmatched;
        std::cout << "NOT IN RECORDS " << g.id << "\n";
        continue;
      }
      std::vector<Triple> coded = c->second, want = g.events;
      std::sort(coded.begin(), coded.end());
      std::sort(want.begin(), want.end());
      ++total;
      if (coded == want) {
        ++same;
      } else {
        std::cout << "DIFF " << g.id << ": PETRARCH2";
        for (const auto& t : want) std::cout << " (" << t[0] << " " << t[1] << " " << t[2] << ")";
        std::cout << " | ours";
        for (const auto& t : coded) std::cout << " (" << t[0] << " " << t[1] << " " << t[2] << ")";
        std::cout << "\n";
      }
    }
    std::cout << same_id << " of " << total_id << " paired by id\n";
    std::cout << unmatched << " records of " << gold.size()
              << " have no record with the same words (not compared)\n";
    std::cout << same << " of " << total << " sentences coded as PETRARCH2 did\n";
    return 0;
  }
  auto r = RunValidation(o, std::cout);
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    return 1;
  }
  for (const std::string& w : r->warnings) std::cerr << "warning: " << w << "\n";
  return r->failed == 0 ? 0 : 1;
}

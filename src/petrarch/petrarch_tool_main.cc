// sitrep_petrarch_tool: runs the PETRARCH2 validation suite until the CLI's
// `sitrep validate petrarch` is wired.
//
//   sitrep_petrarch_tool validate FILE [--given-parse] [--report OUT.jsonl] [--dict DIR]
//   sitrep_petrarch_tool tree "(ROOT ...)" --dict DIR [--date YYYYMMDD]   codes one tree
//   sitrep_petrarch_tool gsr GSR.xml RECORDS.xml --dict DIR [--given-parse]
//     compares with PETRARCH2's own output on RECORDS.xml as UniversalPetrarch's
//     PETR2_GSR_validation.xml records it (line-based file; ids match with '_' = '-').
#include <algorithm>
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
    std::map<std::string, std::vector<Triple>> gold;
    std::ifstream in(gsr_path);
    if (!in) {
      std::cerr << "cannot read " << gsr_path << "\n";
      return 1;
    }
    std::string line, current;
    const std::regex id_re("<Sentence .*id=\"([^\"]+)\"");
    const std::regex attr_re("(\\w+)=\"([^\"]*)\"");
    while (std::getline(in, line)) {
      std::smatch m;
      if (std::regex_search(line, m, id_re) && line.rfind("<Sentence", 0) == 0) {
        current = norm(m[1]);
        gold[current];
        continue;
      }
      if (current.empty() || line.rfind("<EventCoding", 0) != 0 ||
          line.find("noevents") != std::string::npos)
        continue;
      std::map<std::string, std::string> a;
      for (auto it = std::sregex_iterator(line.begin(), line.end(), attr_re);
           it != std::sregex_iterator(); ++it)
        a[(*it)[1]] = (*it)[2];
      gold[current].push_back({a["sourcecode"], a["targetcode"], a["eventcode"]});
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
    int same = 0, total = 0;
    while (std::getline(rep, line)) {
      auto j = nlohmann::json::parse(line);
      auto g = gold.find(norm(j["id"].get<std::string>()));
      if (g == gold.end()) continue;
      std::vector<Triple> coded;
      for (const auto& t : j["coded"]) coded.push_back(t.get<Triple>());
      std::vector<Triple> want = g->second;
      std::sort(coded.begin(), coded.end());
      std::sort(want.begin(), want.end());
      ++total;
      if (coded == want) {
        ++same;
      } else {
        std::cout << "DIFF " << g->first << ": PETRARCH2";
        for (const auto& t : want) std::cout << " (" << t[0] << " " << t[1] << " " << t[2] << ")";
        std::cout << " | ours";
        for (const auto& t : coded) std::cout << " (" << t[0] << " " << t[1] << " " << t[2] << ")";
        std::cout << "\n";
      }
    }
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

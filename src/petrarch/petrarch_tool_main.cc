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
#include "petrarch/gsr.h"
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
    auto c = CompareWithGsr(gsr_path, o);
    if (!c.ok()) {
      std::cerr << c.status().ToString() << "\n";
      return 1;
    }
    for (const std::string& id : c->not_found) std::cout << "NOT IN RECORDS " << id << "\n";
    for (const std::string& d : c->differences) std::cout << "DIFF " << d << "\n";
    std::cout << c->same_by_id << " of " << c->compared_by_id << " paired by id\n";
    std::cout << c->not_found.size() << " records of " << c->gold_records
              << " have no record with the same words (not compared)\n";
    std::cout << c->same << " of " << c->compared << " sentences coded as PETRARCH2 did\n";
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

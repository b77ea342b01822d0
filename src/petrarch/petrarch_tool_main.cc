// sitrep_petrarch_tool: runs the PETRARCH2 validation suite until the CLI's
// `sitrep validate petrarch` is wired.
//
//   sitrep_petrarch_tool validate FILE [--given-parse] [--report OUT.jsonl] [--dict DIR]
//   sitrep_petrarch_tool tree "(ROOT ...)" --dict DIR [--date YYYYMMDD]   codes one tree
#include <cstring>
#include <iostream>

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
  for (int i = 3; i < argc; ++i) {
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
  auto r = RunValidation(o, std::cout);
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    return 1;
  }
  for (const std::string& w : r->warnings) std::cerr << "warning: " << w << "\n";
  return r->failed == 0 ? 0 : 1;
}

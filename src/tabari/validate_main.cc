// sitrep_tabari_validate PROJECT [REPORT.jsonl]: runs a TABARI validation
// project (development tool; the CLI offers `sitrep validate tabari`).
#include <iostream>

#include "tabari/validate.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: sitrep_tabari_validate PROJECT [REPORT.jsonl]\n";
    return 2;
  }
  sitrep::tabari::ValidateOptions opt;
  opt.project_path = argv[1];
  if (argc > 2) opt.report_path = argv[2];
  auto r = sitrep::tabari::RunValidation(opt, std::cout);
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    return 2;
  }
  for (const auto& w : r->warnings) std::cerr << "warning: " << w << "\n";
  return r->failed == 0 ? 0 : 1;
}

// sitrep_up_validate: runs the UniversalPetrarch UD validation suite
// (petrarch/up_validate.h) until the CLI offers it.
//
//   sitrep_up_validate [RECORDS.xml] [--ours] [--report OUT.jsonl] [--dict DIR] [--warnings]
//
// Default records: $SITREP_CORPORA_DIR/universalpetrarch/validate/PETR_Validate_records_2_02.xml;
// default parse: the records' own UD parses (--ours: our analysis of <Text>).
#include <iostream>
#include <string>

#include "petrarch/up_validate.h"

int main(int argc, char** argv) {
  using namespace sitrep::petrarch;
  UpValidateOptions o;
  o.records_path = std::string(SITREP_CORPORA_DIR) +
                   "/universalpetrarch/validate/PETR_Validate_records_2_02.xml";
  bool warnings = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--ours") {
      o.parse = ParseSource::kOurs;
    } else if (a == "--report" && i + 1 < argc) {
      o.report_path = argv[++i];
    } else if (a == "--dict" && i + 1 < argc) {
      o.dictionary_dir = argv[++i];
    } else if (a == "--warnings") {
      warnings = true;
    } else if (!a.empty() && a[0] != '-') {
      o.records_path = a;
    } else {
      std::cerr << "usage: sitrep_up_validate [RECORDS.xml] [--ours] [--report F] [--dict DIR] "
                   "[--warnings]\n";
      return 2;
    }
  }
  auto r = RunUpValidation(o, std::cout);
  if (!r.ok()) {
    std::cerr << r.status().ToString() << "\n";
    return 1;
  }
  std::cerr << r->warnings.size() << " dictionary/config warnings\n";
  if (warnings) {
    for (const std::string& w : r->warnings) std::cerr << "warning: " << w << "\n";
  }
  return 0;
}

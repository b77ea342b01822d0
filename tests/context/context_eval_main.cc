// sitrep_context_eval: scores the location, date and casualty fields of
// `sitrep code` records against the UCDP GED sample and the PLOVER gold
// records (tests/context/README.md says what is scored and how).
//
//   sitrep_context_eval ucdp   [--sitrep build/sitrep] [--report ucdp_report.txt]
//   sitrep_context_eval plover [--sitrep build/sitrep] [--report plover_report.txt]
//
// Flags:
//   --corpora DIR      third-party data (default: the build's SITREP_CORPORA_DIR)
//   --sitrep BIN       the binary to run (default: the one built with this tool)
//   --sitrep-args STR  extra arguments for `sitrep code` (shell words, e.g. "--threads 2")
//   --coded FILE       score this `sitrep code` output instead of running the binary
//   --work-dir DIR     keep the documents and the output there (default: a temp folder,
//                      removed at the end)
//   --report FILE      write the summary and disagreements there (default: stdout only)
//   --examples N       disagreements per kind in the report (default 30)
// Prints the summary on stdout. Exit code 0, 1 if the evaluation could not
// run (missing corpus or binary, bad file), 2 on usage errors.
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <string>

#include "context_eval.h"

#ifndef SITREP_BINARY
#define SITREP_BINARY ""
#endif
#ifndef SITREP_CORPORA_DIR
#define SITREP_CORPORA_DIR "../shared/corpora"
#endif

namespace sitrep::context_eval {
namespace {

int Usage() {
  std::cerr << "usage: sitrep_context_eval ucdp|plover [--corpora DIR] [--sitrep BIN]\n"
               "       [--sitrep-args STR] [--coded FILE] [--work-dir DIR] [--report FILE]\n"
               "       [--examples N]\n";
  return 2;
}

int Main(int argc, char** argv) {
  if (argc < 2) return Usage();
  std::string mode = argv[1];
  if (mode != "ucdp" && mode != "plover") return Usage();
  EvalOptions options;
  options.corpora_dir = SITREP_CORPORA_DIR;
  options.binary = SITREP_BINARY;
  options.work_dir = (std::filesystem::temp_directory_path() /
                      ("sitrep_context_eval_" + std::to_string(::getpid())))
                         .string();
  bool own_work_dir = true;  // a temp folder removed at the end
  std::string report;
  int examples = 30;
  for (int i = 2; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return Usage();
    std::string value = argv[++i];
    if (flag == "--corpora") {
      options.corpora_dir = value;
    } else if (flag == "--sitrep") {
      options.binary = value;
    } else if (flag == "--sitrep-args") {
      options.extra_args = value;
    } else if (flag == "--coded") {
      options.coded = value;
    } else if (flag == "--work-dir") {
      options.work_dir = value;
      own_work_dir = false;
    } else if (flag == "--report") {
      report = value;
    } else if (flag == "--examples") {
      examples = std::atoi(value.c_str());
    } else {
      return Usage();
    }
  }

  // The temp folder goes on every path out (not a folder the user named).
  struct RemoveOnExit {
    const std::string* dir;
    bool active;
    ~RemoveOnExit() {
      std::error_code ec;
      if (active) std::filesystem::remove_all(*dir, ec);
    }
  } cleanup{&options.work_dir, own_work_dir && options.coded.empty()};

  std::string summary, details;
  if (mode == "ucdp") {
    auto run = RunUcdpEval(options);
    if (!run.ok()) {
      std::cerr << "sitrep_context_eval: " << run.status().ToString() << "\n";
      return 1;
    }
    const UcdpSet& set = (*run)->set;
    summary = "UCDP rows " + std::to_string(set.rows) + ": usable " +
              std::to_string(set.events.size()) + ", skipped without headline " +
              std::to_string(set.no_headline) + ", without source date " +
              std::to_string(set.no_date) + ", bad " + std::to_string(set.bad_rows) + "\n";
    for (const std::string& w : set.warnings) summary += "  warning: " + w + "\n";
    if ((*run)->records.skipped_lines > 0) {
      summary += "output lines that are not event records: " +
                 std::to_string((*run)->records.skipped_lines) + "\n";
    }
    summary += FormatUcdpGoldProfile(set.events);
    summary += FormatUcdpSummary((*run)->summary);
    details = FormatUcdpDisagreements((*run)->summary, examples);
  } else {
    auto run = RunPloverEval(options);
    if (!run.ok()) {
      std::cerr << "sitrep_context_eval: " << run.status().ToString() << "\n";
      return 1;
    }
    summary = FormatPloverSummary((*run)->summary);
    details = "\n## Disagreements\n";
    for (const std::string& d : (*run)->summary.disagreements) details += "- " + d + "\n";
  }
  std::cout << summary;
  if (!report.empty()) {
    Status s = WriteFile(report, summary + details);
    if (!s.ok()) {
      std::cerr << "sitrep_context_eval: " << s.ToString() << "\n";
      return 1;
    }
    std::cout << "report: " << report << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace sitrep::context_eval

int main(int argc, char** argv) { return sitrep::context_eval::Main(argc, argv); }

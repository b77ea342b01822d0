// Flags and helpers shared by the subcommands of `sitrep` (sitrep_main.cc,
// coding_commands.cc). Exit codes: 0 = everything processed, 1 = some input
// failed (reported on stderr, the rest processed), 2 = usage error or nothing
// could run (e.g. no model).
#ifndef SITREP_CLI_CLI_COMMON_H_
#define SITREP_CLI_CLI_COMMON_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "io/reader.h"
#include "pipeline/analyzer.h"

namespace sitrep::cli {

constexpr int kExitOk = 0;
constexpr int kExitSomeFailed = 1;
constexpr int kExitFatal = 2;

struct CommonFlags {
  std::vector<std::string> inputs;
  std::string model;
  std::string id, date, input_format = "auto";
  int threads = 1;
  size_t max_doc_bytes = 16u << 20;
};

void AddInputFlags(CLI::App* cmd, CommonFlags* f);
void AddModelFlags(CLI::App* cmd, CommonFlags* f);

StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const CommonFlags& f,
                                                 AnalysisDepth depth = AnalysisDepth::kParse,
                                                 const EventCoder* coder = nullptr);
StatusOr<std::unique_ptr<DocumentReader>> MakeReader(const CommonFlags& f);

// Prints a document's warnings and errors to stderr, with where they are.
void PrintDiagnostics(const Document& doc);

// PrintDiagnostics, then the document's error if `status` is not OK
// ("sitrep: error: feed.jsonl:3: ..."); returns status.ok().
bool ReportDocument(const Document& doc, const Status& status);

// "sitrep: <status>" on stderr; returns kExitFatal.
int Fatal(const Status& status);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_CLI_COMMON_H_

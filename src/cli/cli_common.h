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
#include "geo/gazetteer.h"
#include "io/reader.h"
#include "pipeline/analyzer.h"
#include "pipeline/stage.h"

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
  uint32_t max_doc_tokens = 4'000'000;
  // Where places are resolved: a gazetteer index, a GeoNames dump folder, or
  // "none" (see MakeContextStages); empty = the default index.
  std::string gazetteer;
};

void AddInputFlags(CLI::App* cmd, CommonFlags* f);
void AddModelFlags(CLI::App* cmd, CommonFlags* f);
// --gazetteer, for the commands that code events.
void AddContextFlags(CLI::App* cmd, CommonFlags* f);

// The stages that run after event coding (issue 4, core/context.h): places
// and event locations, dates, casualties, attribution. Owns the gazetteer.
struct ContextStages {
  std::unique_ptr<geo::Gazetteer> gazetteer;  // null with --gazetteer none
  std::vector<std::unique_ptr<Stage>> owned;
  std::vector<const Stage*> stages() const;
};
// `gazetteer` is
//   ""                  the default index (geo::DefaultIndexPath(), built by `make`);
//   an index file       written by `sitrep gazetteer build`;
//   a GeoNames dump     a folder holding allCountries.txt (or cities500.txt)
//                       and admin1CodesASCII.txt, or the main .txt file itself:
//                       compiled in memory at start (a minute for the full dump;
//                       `sitrep gazetteer build` once is faster for repeated runs);
//   "none"              no places: locations stay null.
// NotFoundError naming the path (and how to build it) if it is missing.
StatusOr<std::unique_ptr<ContextStages>> MakeContextStages(const std::string& gazetteer);

// With `context`, its stages run after `coder` (both must outlive the Analyzer).
StatusOr<std::unique_ptr<Analyzer>> MakeAnalyzer(const CommonFlags& f,
                                                 AnalysisDepth depth = AnalysisDepth::kParse,
                                                 const EventCoder* coder = nullptr,
                                                 const ContextStages* context = nullptr);
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

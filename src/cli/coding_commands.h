// The event-coding subcommands of `sitrep`:
//   sitrep code [FILES...] [--format jsonl|table] [--petrarch-dict DIR | --tabari-project FILE]
//   sitrep validate petrarch|up|tabari FILE [--given-parse] [--report OUT.jsonl]
//   sitrep bench --code            (analyse-only vs analyse+code on real news text)
#ifndef SITREP_CLI_CODING_COMMANDS_H_
#define SITREP_CLI_CODING_COMMANDS_H_

#include <memory>
#include <string>

#include "cameo/cameo.h"
#include "cli/cli_common.h"
#include "coding/event_record.h"

namespace sitrep::cli {

struct CodeFlags {
  std::string format = "jsonl";  // jsonl | table
  std::string petrarch_dict;     // code with PETRARCH2 dictionaries in this folder
  std::string tabari_project;    // code with this TABARI .project
  std::string actors_dir;        // sitrep's own dictionaries (default: data/actors)
  std::string events_dir;        // (default: data/events)
};
void AddCodeFlags(CLI::App* cmd, CodeFlags* c);
int RunCode(const CommonFlags& f, const CodeFlags& c);

// What `sitrep code` (and `sitrep ingest`) run: the coder chosen by the
// flags, the context stages after it, the analyzer and the record writer.
// The members own what the analyzer and the recorder point into.
struct CodingSetup {
  std::unique_ptr<EventCoder> coder;
  std::unique_ptr<cameo::Table> table;
  std::unique_ptr<cameo::ModeDetector> modes;
  std::unique_ptr<ContextStages> context;
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<EventRecorder> recorder;
};
// Prints the coder's dictionary warnings on stderr ("sitrep: warning: ...").
StatusOr<std::unique_ptr<CodingSetup>> MakeCodingSetup(const CommonFlags& f, const CodeFlags& c);

struct ValidateFlags {
  std::string suite;  // petrarch | up | tabari
  std::string path;   // records file or TABARI .project
  std::string dictionary_dir;
  std::string report;
  bool given_parse = false;
};
void AddValidateFlags(CLI::App* cmd, ValidateFlags* v);
int RunValidate(const CommonFlags& f, const ValidateFlags& v);

// Sentences/s of analyse-only and analyse+code (sitrep's coder) on the
// GigaWord sample and UCDP headlines under `corpora_dir` plus our samples,
// repeated to at least `min_sentences`; 1 thread, then f.threads. With
// `one_document`, the repeated texts are one document (paragraphs apart):
// the cost of a long document, which must grow in proportion to its length.
int RunCodeBench(const CommonFlags& f, const std::string& corpora_dir, size_t min_sentences,
                 bool one_document = false);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_CODING_COMMANDS_H_

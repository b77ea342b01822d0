// The event-store subcommands of `sitrep` (src/store, docs/store.md):
//   sitrep ingest FILES... --db events.sqlite [--threads N] [--batch N]
//   sitrep ingest --records coded.jsonl --db events.sqlite      (already-coded records)
//   sitrep query --db events.sqlite [--from D --to D --country ISO3 --admin1 NAME
//                --bbox minlon,minlat,maxlon,maxlat --near lat,lon,km --actor CODE_OR_TEXT
//                --cameo CODE --plover TYPE --acled TYPE --min-fatalities N --text WORDS
//                --limit N --offset N] [--format table|jsonl|csv]
//   sitrep export --db events.sqlite --format acled-csv|gdelt-tsv|geojson|jsonl [-o FILE]
//                [the query filters]
//
// Wiring (sitrep_main.cc):
//   IngestFlags ingest_flags;
//   CLI::App* ingest = app.add_subcommand("ingest", "Code documents and store their events");
//   AddInputFlags(ingest, &common); AddModelFlags(ingest, &common);
//   AddContextFlags(ingest, &common); AddIngestFlags(ingest, &ingest_flags);
//   ... if (ingest->parsed()) return RunIngest(common, ingest_flags);
// and the same with QueryFlags/AddQueryFlags/RunQuery, ExportFlags/AddExportFlags/RunExport.
#ifndef SITREP_CLI_STORE_COMMANDS_H_
#define SITREP_CLI_STORE_COMMANDS_H_

#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_common.h"
#include "coding/event_record.h"
#include "store/store.h"

namespace sitrep::cli {

// The query filters as flags (shared by query and export).
struct FilterFlags {
  std::string from, to, country, admin1, bbox, near, actor, cameo, plover, acled, text;
  int64_t min_fatalities = -1;
  bool fts = false;  // --text is FTS5 syntax, not plain words
  int64_t limit = -1, offset = 0;
};
void AddFilterFlags(CLI::App* cmd, FilterFlags* f);
// "--bbox 35,33,37.5,36.5" etc. into a store filter; InvalidArgument with the
// flag's name on malformed numbers.
StatusOr<store::QueryFilter> ToQueryFilter(const FilterFlags& f);

struct IngestFlags {
  std::string db;
  std::vector<std::string> records;  // already-coded record files (sitrep code output)
  size_t batch = 256;                // documents per transaction
  std::string actors_dir, events_dir;
};
void AddIngestFlags(CLI::App* cmd, IngestFlags* i);
// Codes f.inputs with the pipeline of `sitrep code` (coder, then the context
// stages of MakeContextStages(f.gazetteer)) and/or reads i.records, and stores
// them in i.db in batches of i.batch documents, one transaction each.
// Exit: 0 all stored, 1 some input failed (reported with file:line, the rest
// stored), 2 the database or the pipeline could not be opened.
int RunIngest(const CommonFlags& f, const IngestFlags& i);

// The stored form of an analysed and coded document: its metadata and text,
// its sentences (for the full-text index) and its event records. What
// `sitrep ingest` writes, and what `sitrep serve` stores for POSTed articles.
store::DocumentRecords ToDocumentRecords(const Document& doc, const EventRecorder& recorder,
                                         std::string_view coder_name);

struct QueryFlags {
  std::string db;
  std::string format = "auto";  // auto (table on a terminal, else jsonl) | table | jsonl | csv
  FilterFlags filter;
};
void AddQueryFlags(CLI::App* cmd, QueryFlags* q);
int RunQuery(const QueryFlags& q);

struct ExportFlags {
  std::string db;
  std::string format;  // acled-csv | gdelt-tsv | geojson | jsonl
  std::string output;  // -o FILE; stdout if empty
  FilterFlags filter;
};
void AddExportFlags(CLI::App* cmd, ExportFlags* e);
int RunExport(const ExportFlags& e);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_STORE_COMMANDS_H_

// sitrep_store_tool: the store subcommands of `sitrep` (src/cli/store_commands.cc)
// in a binary of their own, for the CLI tests until they are wired into
// `sitrep`. Same flags and exit codes:
//   sitrep_store_tool ingest FILES... --db events.sqlite [--records coded.jsonl]
//   sitrep_store_tool query --db events.sqlite [filters] [--format table|jsonl|csv]
//   sitrep_store_tool export --db events.sqlite --format acled-csv|gdelt-tsv|geojson|jsonl
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "cli/store_commands.h"

int main(int argc, char** argv) {
  using namespace sitrep::cli;  // NOLINT
  try {
    CLI::App app{"sitrep event store commands"};
    app.require_subcommand(1);
    CommonFlags common;
    IngestFlags ingest_flags;
    QueryFlags query_flags;
    ExportFlags export_flags;
    auto* ingest = app.add_subcommand("ingest", "Code documents and store their events");
    AddInputFlags(ingest, &common);
    AddModelFlags(ingest, &common);
    AddContextFlags(ingest, &common);
    AddIngestFlags(ingest, &ingest_flags);
    auto* query = app.add_subcommand("query", "Events from the store that match the filters");
    AddQueryFlags(query, &query_flags);
    auto* exp = app.add_subcommand("export", "The store as ACLED CSV, GDELT TSV, GeoJSON, JSONL");
    AddExportFlags(exp, &export_flags);
    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      int code = app.exit(e);
      return code == 0 ? kExitOk : kExitFatal;
    }
    if (ingest->parsed()) return RunIngest(common, ingest_flags);
    if (query->parsed()) return RunQuery(query_flags);
    if (exp->parsed()) return RunExport(export_flags);
    return kExitFatal;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sitrep: internal error: %s\n", e.what());
    return kExitFatal;
  }
}

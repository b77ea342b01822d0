// `sitrep serve`: the HTTP API and the web page over an event store
// (src/server, docs/api.md).
//   sitrep serve --db events.sqlite [--host 127.0.0.1] [--port 8080] [--web DIR]
//                [--max-body BYTES] [--threads N] [--model M] [--gazetteer G]
//
// Wiring (sitrep_main.cc):
//   ServeFlags serve_flags;
//   CLI::App* serve = app.add_subcommand("serve", "...");
//   AddContextFlags(serve, &common);
//   AddServeFlags(serve, &serve_flags);
//   ... if (serve->parsed()) return RunServe(common, serve_flags);
//
// Prints "sitrep: serving http://127.0.0.1:8080/ ..." on stderr once it
// listens (with --port 0, the port it picked), then one line per request
// ("sitrep: GET /api/stats 200 2.3 ms"). SIGINT or SIGTERM stop it cleanly
// (exit 0). POST /api/documents codes with the pipeline of `sitrep ingest`,
// loaded on the first POST. Exit 2 if the store cannot be opened or the
// address cannot be bound.
#ifndef SITREP_CLI_SERVE_COMMANDS_H_
#define SITREP_CLI_SERVE_COMMANDS_H_

#include <cstddef>
#include <string>

#include "cli/cli_common.h"

namespace sitrep::cli {

struct ServeFlags {
  std::string db;  // a SQLite file (made by sitrep ingest) or a postgresql:// URL
  std::string host = "127.0.0.1";
  int port = 8080;
  std::string web;  // static files; default: the `web` folder next to the binary
  size_t max_body = 8u << 20;
  int threads = 8;
  // For POST /api/documents: the model and coding dictionaries (defaults of
  // sitrep ingest). --threads here is the server's, not the analyzer's.
  std::string model, actors_dir, events_dir;
};
void AddServeFlags(CLI::App* cmd, ServeFlags* s);
int RunServe(const CommonFlags& f, const ServeFlags& s);

}  // namespace sitrep::cli

#endif  // SITREP_CLI_SERVE_COMMANDS_H_

#include "cli/serve_commands.h"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/coding_commands.h"
#include "cli/store_commands.h"
#include "server/api_server.h"

namespace sitrep::cli {
namespace {

// The `web` folder next to the running binary (build/sitrep -> build/web).
std::string DefaultWebDir() {
  std::error_code ec;
  std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "web";
  return (exe.parent_path() / "web").string();
}

// POST /api/documents: the coding setup of `sitrep ingest`, made on first use
// (the model and gazetteer take a moment to load, and a server that is only
// read never needs them). The handler calls this under its writer mutex.
server::DocumentCoder MakeLazyCoder(const CommonFlags& f, const ServeFlags& s) {
  struct State {
    CommonFlags flags;
    CodeFlags code_flags;
    std::unique_ptr<CodingSetup> setup;
    Status failed = OkStatus();
  };
  auto state = std::make_shared<State>();
  state->flags = f;
  state->flags.model = s.model;
  state->flags.threads = 1;
  state->code_flags.actors_dir = s.actors_dir;
  state->code_flags.events_dir = s.events_dir;
  return [state](std::vector<Document> docs) -> StatusOr<server::CodedDocuments> {
    if (!state->setup && state->failed.ok()) {
      StatusOr<std::unique_ptr<CodingSetup>> setup =
          MakeCodingSetup(state->flags, state->code_flags);
      if (!setup.ok()) {
        state->failed = setup.status();
      } else {
        state->setup = std::move(*setup);
      }
    }
    if (!state->failed.ok()) return state->failed;
    const CodingSetup& setup = *state->setup;
    server::CodedDocuments out;
    for (Document& doc : docs) {
      Status st = setup.analyzer->Analyze(doc);
      if (!st.ok()) {
        out.errors.push_back("doc " + doc.id + ": " + st.message());
        continue;
      }
      out.documents.push_back(ToDocumentRecords(doc, *setup.recorder, setup.coder->name()));
    }
    return out;
  };
}

}  // namespace

void AddServeFlags(CLI::App* cmd, ServeFlags* s) {
  cmd->add_option("--db", s->db,
                  "Event store: SQLite file (made by sitrep ingest) or postgresql://")
      ->required();
  cmd->add_option("--host", s->host, "Address to listen on (default 127.0.0.1)");
  cmd->add_option("--port", s->port, "Port (default 8080; 0 = any free port)")
      ->check(CLI::Range(0, 65535));
  cmd->add_option("--web", s->web, "Folder of the web page (default: web/ next to the binary)");
  cmd->add_option("--max-body", s->max_body, "Largest request body in bytes (default 8 MiB)")
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  cmd->add_option("--threads", s->threads, "Worker threads (default 8)")->check(CLI::Range(1, 256));
  cmd->add_option("--model", s->model, "Model file (default: models/en_ewt.sitrep)");
  cmd->add_option("--actors-dir", s->actors_dir, "sitrep actor dictionaries (default data/actors)");
  cmd->add_option("--events-dir", s->events_dir, "sitrep verb dictionaries (default data/events)");
}

int RunServe(const CommonFlags& f, const ServeFlags& s) {
  // SIGINT/SIGTERM are taken by a waiting thread, not by whichever thread
  // they hit: block them here, before any thread starts (threads inherit it).
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  // A client closing its connection early must not kill the server.
  signal(SIGPIPE, SIG_IGN);

  server::ApiOptions options;
  options.web_dir = s.web.empty() ? DefaultWebDir() : s.web;
  options.max_body = s.max_body;
  options.threads = s.threads;
  options.coder = MakeLazyCoder(f, s);
  options.log = [](const std::string& line) { std::fprintf(stderr, "sitrep: %s\n", line.c_str()); };
  auto server = server::ApiServer::Create(s.db, options);
  if (!server.ok()) return Fatal(server.status());
  auto port = (*server)->Bind(s.host, s.port);
  if (!port.ok()) return Fatal(port.status());
  std::error_code ec;
  const bool have_web = std::filesystem::is_directory(options.web_dir, ec);
  std::fprintf(stderr, "sitrep: serving http://%s:%d/ (db %s; web %s%s); Ctrl-C stops\n",
               s.host.c_str(), *port, s.db.c_str(), options.web_dir.c_str(),
               have_web ? "" : ", missing: run make web");

  server::ApiServer* srv = server->get();
  std::mutex mu;
  bool done = false;  // Run returned: the waiter is woken to exit
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::lock_guard<std::mutex> lock(mu);
    if (!done) {
      std::fprintf(stderr, "sitrep: %s: stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
      srv->Stop();
    }
  });
  Status run = srv->Run();
  {
    std::lock_guard<std::mutex> lock(mu);
    done = true;
  }
  // Wakes the waiter's sigwait, which waits for exactly this signal: it ends
  // the thread's wait, not the thread.
  pthread_kill(waiter.native_handle(), SIGTERM);  // NOLINT(bugprone-bad-signal-to-kill-thread)
  waiter.join();
  server->reset();
  if (!run.ok()) return Fatal(run);
  std::fprintf(stderr, "sitrep: serve: stopped\n");
  return kExitOk;
}

}  // namespace sitrep::cli

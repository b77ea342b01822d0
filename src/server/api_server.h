// The HTTP API of `sitrep serve` (docs/api.md is the contract): a JSON API
// over a store::Store under /api/ and the static web page at /.
//
//   ApiOptions options;
//   options.web_dir = "build/web";
//   options.coder = MyCoder;  // for POST /api/documents (see DocumentCoder)
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<ApiServer> server,
//                           ApiServer::Create("events.sqlite", options));
//   SITREP_ASSIGN_OR_RETURN(int port, server->Bind("127.0.0.1", 8080));  // 0: any free port
//   std::thread stopper([&] { WaitForSignal(); server->Stop(); });
//   SITREP_RETURN_IF_ERROR(server->Run());  // blocks until Stop()
//
//   $ curl 'http://127.0.0.1:8080/api/incidents?country=AFG&from=2019-04-01&limit=1'
//   {"total":1,"limit":1,"offset":0,"items":[{"id":2,"date_first":"2019-04-10",...}]}
//   $ curl 'http://127.0.0.1:8080/api/incidents?bbox=1,2'
//   {"error":{"code":400,"message":"bad 'bbox': expected 4 comma-separated numbers"}}
//
// Two layers:
//   ApiHandler  the requests as plain values: Handle(Request) -> Response. No
//               sockets; unit tests call it directly. Thread-safe: each call
//               borrows a read Store from a pool (one connection per
//               concurrent request; SQLite's WAL lets them read beside the
//               writer); POST /api/documents codes and writes under one mutex
//               with its own writer Store.
//   ApiServer   cpp-httplib around the handler: every method and path goes to
//               Handle; bodies over max_body are refused with 413 before they
//               are read into memory; every response (also httplib's own
//               errors) is JSON; one log line per request on the logger.
//
// Nothing a client sends can crash the server: malformed parameters, ids,
// bodies and paths are 4xx JSON errors; a store failure is a 500 JSON error;
// an exception inside a handler is caught at the boundary and becomes a 500.
#ifndef SITREP_SERVER_API_SERVER_H_
#define SITREP_SERVER_API_SERVER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "store/store.h"

namespace sitrep::server {

// What POST /api/documents needs from the event coder: the stored form of
// each analysed and coded document (its metadata, text, sentences and event
// records, as `sitrep ingest` stores them). The server library does not link
// the pipeline; `sitrep serve` builds this from the CLI's coding setup.
struct CodedDocuments {
  std::vector<store::DocumentRecords> documents;
  // Per-document failures ("doc a1: ..."); those documents are not stored.
  std::vector<std::string> errors;
};
// Called with the posted documents (never concurrently: the handler holds its
// writer mutex). A non-OK status means nothing could be coded (e.g. the model
// is missing): the request gets a 503.
using DocumentCoder = std::function<StatusOr<CodedDocuments>(std::vector<Document> documents)>;

struct ApiOptions {
  // Static files served at / (index.html for "/"); empty or missing: "/"
  // answers a short page saying the assets were not built (`make web`).
  std::string web_dir;
  // Larger request bodies get 413 (default 8 MiB).
  size_t max_body = 8u << 20;
  // httplib's worker threads (and so at most this many read Stores).
  int threads = 8;
  // Null: POST /api/documents answers 503 ("coding is not available").
  DocumentCoder coder;
  // One line per request ("GET /api/stats 200 3.1 ms"); null: no log.
  std::function<void(const std::string&)> log;
};

// A request as the handler sees it. `path` is percent-decoded, without the
// query; `params` are the decoded query parameters (the first of a repeated
// name wins).
struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // "/api/incidents/7"
  std::multimap<std::string, std::string> params;
  std::string body;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. {"Allow", "GET"}
};

// The parameters of a URL query as a browser's form or URLSearchParams
// writes them: "q=air+strike&acled=Air%2Fdrone%20strike&x" ->
// {q: "air strike", acled: "Air/drone strike", x: ""}. A malformed escape
// ("%zz") is kept as it is.
std::multimap<std::string, std::string> ParseQueryString(std::string_view query);

// {"error": {"code": 404, "message": "no incident 99"}}
Response ErrorResponse(int status, const std::string& message);

// "/x/app.js" -> "application/javascript; charset=utf-8"; by extension
// (html, js, mjs, css, json, geojson, svg, png, jpg, ico, woff, woff2, wasm,
// map, txt), else "application/octet-stream".
std::string ContentTypeForPath(const std::string& path);

// Query parameters -> store filter (the names of docs/api.md: from, to,
// country, admin1, bbox, near, actor, cameo, plover, acled, min_fatalities, q,
// limit, offset). limit defaults to 100 and is at most 10000. Unknown names
// are ignored. InvalidArgument with the parameter's name otherwise:
//   bbox=1,2          -> "bad 'bbox': expected 4 comma-separated numbers"
//   from=2019-13-01   -> "bad 'from': 2019-13-01: month 13 out of range"
StatusOr<store::QueryFilter> FilterFromParams(
    const std::multimap<std::string, std::string>& params);

// The stored records and incidents as API JSON (docs/api.md).
store::json IncidentJson(const store::Incident& incident);

class ApiHandler {
 public:
  // Opens one Store on `db` (a SQLite path or a postgresql:// URL) to check
  // it; more are opened on demand, one per concurrent request. Errors: those
  // of store::Store::Open, and NotFound for a SQLite file that does not exist
  // (serve never creates a database).
  static StatusOr<std::unique_ptr<ApiHandler>> Create(const std::string& db,
                                                      const ApiOptions& options);
  ~ApiHandler();
  ApiHandler(const ApiHandler&) = delete;
  ApiHandler& operator=(const ApiHandler&) = delete;

  // Never throws; every outcome is a Response (see the endpoints in docs/api.md).
  Response Handle(const Request& request) const;

  const ApiOptions& options() const { return options_; }

 private:
  class StorePool;
  ApiHandler(ApiOptions options, std::unique_ptr<StorePool> pool);
  Response Dispatch(const Request& request) const;
  Response ListIncidents(const Request& request) const;
  Response ListEvents(const Request& request) const;
  Response GetIncident(const std::string& id) const;
  Response Stats(const Request& request) const;
  Response PostDocuments(const Request& request) const;
  Response StaticFile(const std::string& path) const;

  ApiOptions options_;
  std::unique_ptr<StorePool> pool_;
  mutable std::mutex write_mutex_;                // POST /api/documents: coding and writing
  mutable std::unique_ptr<store::Store> writer_;  // opened by the first POST
};

class ApiServer {
 public:
  static StatusOr<std::unique_ptr<ApiServer>> Create(const std::string& db,
                                                     const ApiOptions& options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; port 0 picks a free one. Returns the port.
  // IoError if the address cannot be bound (in use, bad host).
  StatusOr<int> Bind(const std::string& host, int port);
  // Serves until Stop() (from another thread or a signal-waiting thread).
  // FailedPrecondition before Bind; IoError if the listener fails.
  Status Run();
  // Stops Run(); safe from any thread, idempotent.
  void Stop();

  const ApiHandler& handler() const { return *handler_; }

 private:
  class Impl;
  explicit ApiServer(std::unique_ptr<ApiHandler> handler);
  std::unique_ptr<ApiHandler> handler_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sitrep::server

#endif  // SITREP_SERVER_API_SERVER_H_

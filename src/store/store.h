// Store: the embedded event database (SQLite) behind `sitrep ingest`, `query`
// and `export`.
//
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db,
//                           store::Store::Open("events.sqlite"));
//   store::DocumentRecords d;
//   d.document = {.id = "kdh-0412", .date = "2019-04-12", .text = "KABUL - Police said ..."};
//   d.records = recorder.Records(doc, "sitrep");   // the JSON of docs/events.md
//   SITREP_RETURN_IF_ERROR(db->IngestBatch({d}));    // one transaction
//   store::QueryFilter f;
//   f.country = "AFG";
//   f.from = "2019-04-01";
//   f.min_fatalities = 1;
//   f.text = "checkpoint \"police\"";                // words, quoted safely for FTS5
//   SITREP_ASSIGN_OR_RETURN(std::vector<store::json> hits, db->Query(f));
//   // hits[0] is the stored record, byte-for-byte the JSON that was ingested.
//
// Schema (version kSchemaVersion, PRAGMA user_version; docs/store.md):
//   documents(id, hash, date, title, source, url, text, ingested_at)
//   sentences(id, doc_id, sentence_index, start, end, text) + sentences_fts (FTS5,
//       external content, kept in sync by triggers)
//   incidents(id, date_first, date_last, lat, lon, country, admin1, location,
//       event_family, fatalities_low/best/high, n_events, n_documents)
//   events(rowid, id, doc_id, incident_id, every scalar field of the record, record)
//   event_geo (R*Tree over the (lat, lon) of located events)
//   incident_span (R*Tree over the day range and country of each incident)
//
// Incidents: reports of the same happening are merged (merge.h has the rules;
// docs/store.md, "Merging"). At ingest each event joins the best compatible
// incident among those near it in time and in its country, or starts one; an
// event that fits two compatible incidents merges them. Replacing a document
// re-clusters what is left of its incidents. Remerge() re-clusters the whole
// store in date order, so that the result does not depend on ingest order.
//
// Ingest is idempotent: a document whose id and content hash are already
// stored is left alone; a document with a known id and a new hash has its
// sentences, events and (now empty) incidents replaced. Each IngestBatch is one
// transaction: a crash or kill in the middle leaves every document with either
// all of its old or all of its new rows.
//
// A Store holds one SQLite connection and is not thread-safe: use it from one
// thread at a time (open one Store per thread to read in parallel; WAL lets
// readers run beside one writer).
#ifndef SITREP_STORE_STORE_H_
#define SITREP_STORE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace sitrep::store {

using json = nlohmann::ordered_json;

inline constexpr int kSchemaVersion = 2;

// The stored document (Document's metadata and text; no analysis layers).
struct StoredDocument {
  std::string id;
  std::string date;  // "YYYY-MM-DD" or empty
  std::string title, source, url;
  std::string text;  // may be empty when only records were given (--records)
};

// One sentence for the full-text index.
struct StoredSentence {
  int64_t index = 0;  // 0-based sentence index in the document
  int64_t start = 0, end = 0;
  std::string text;
};

// One document with its event records (the JSON of docs/events.md). When
// `sentences` is empty, the sentences are taken from the records' `sentence`
// fields (one per distinct sentence_index).
struct DocumentRecords {
  StoredDocument document;
  std::vector<StoredSentence> sentences;
  std::vector<json> records;
};

// FNV-1a 64 of date, title and text, as 16 hex digits; with records and no
// text (--records ingest) the records' JSON is hashed instead of the text.
std::string ContentHash(const DocumentRecords& d);

struct IngestOptions {
  // Called after each document of a batch has been written (inside the
  // transaction, before the commit), with its index in the batch. For progress
  // display; the kill test uses it to stop a child process mid-batch.
  std::function<void(size_t)> on_document;
};

struct IngestStats {
  size_t inserted = 0;              // new documents
  size_t replaced = 0;              // known id, new hash
  size_t unchanged = 0;             // known id, same hash: nothing written
  size_t rejected = 0;              // invalid records: skipped, see errors
  size_t events = 0;                // event rows written
  std::vector<std::string> errors;  // "doc <id>: record 3: no string id"
};

// Every filter is optional; set ones are combined with AND.
struct QueryFilter {
  std::string from, to;  // event date range "YYYY-MM-DD", inclusive
  std::string country;   // ISO 3166-1 alpha-3 of the event's location
  std::string admin1;    // province name, case-insensitive
  // Bounding box (degrees). min_lon > max_lon crosses the antimeridian.
  std::optional<double> min_lon, min_lat, max_lon, max_lat;
  // Radius around a point: R*Tree prefilter, then haversine distance.
  std::optional<double> near_lat, near_lon, near_km;
  // Source or target: a CAMEO actor code prefix ("SYR", "SYRMIL", "---UAF"),
  // or words of the actor's text or canonical name ("Taliban"), case-insensitive.
  std::string actor;
  std::string cameo;   // CAMEO code prefix: "19" (root), "190", "1951"
  std::string plover;  // PLOVER event type, case-insensitive: "ASSAULT"
  std::string acled;   // ACLED event_type or sub_event_type: "Battles", "Air/drone strike"
  std::optional<int64_t> min_fatalities;
  // Full text over the event's sentence. kWords: every word must occur (each
  // is quoted for FTS5, so quotes, *, -, AND, NEAR are plain words); kFts5: the
  // caller's FTS5 query syntax (errors are InvalidArgument).
  enum class TextSyntax { kWords, kFts5 };
  std::string text;
  TextSyntax text_syntax = TextSyntax::kWords;
  int64_t limit = -1;  // -1 = no limit
  int64_t offset = 0;
};

// "air strike" -> "\"air\" \"strike\""; "say \"no\"" -> "\"say\" \"\"\"no\"\"\"".
// Empty when `text` has no words.
std::string QuoteFtsWords(const std::string& text);

// One event as scanned: its row, its incident, its document's metadata and
// the stored record.
struct StoredEvent {
  int64_t rowid = 0;  // stable while the document is not replaced
  int64_t incident_id = 0;
  std::string doc_source, doc_url, doc_title;
  std::string ingested_at;  // "2026-11-25T14:30:00Z"
  json record;
};

// An incident row: the merged reports of one happening (docs/store.md,
// "Merging"). date_first/last: the earliest and latest event date of its
// reports; place: its most precise located report's; event_family: the most
// frequent family (PLOVER type, else ACLED type, else CAMEO label) among its
// material-conflict events, else among all; fatalities: UCDP's low / best /
// high over its documents (merge.h, AggregateFigures).
struct Incident {
  int64_t id = 0;
  std::string date_first, date_last;
  std::optional<double> lat, lon;
  std::string country, admin1, location, precision;
  std::string event_family;  // PLOVER type, else ACLED type, else CAMEO root label
  std::string event_types;   // distinct "cameo/PLOVER/ACLED type" of its events, "; "-joined
  std::optional<int64_t> fatalities_low, fatalities_best, fatalities_high;
  int64_t n_events = 0, n_documents = 0;
};

// One report behind an incident: an event with its document's metadata.
// (GetIncident; the HTTP API's /api/incidents/{id}.)
struct FatalityFigure {
  int64_t count = 0;
  std::string qualifier;  // "exact", "at_least", "about", "at_most"
  std::string event_id, doc_id;
  std::string source;  // who gives the figure: the attribution's source, else the document's source
};
struct IncidentDetail {
  Incident incident;
  std::vector<FatalityFigure> fatality_figures;  // one per report that gives a death count
  std::vector<StoredEvent> reports;              // its events, by date then ingest order
};

// Aggregates for the HTTP API's /api/stats (counts over the events matching a
// filter; incident fatalities are fatalities_best).
struct StatsRow {
  std::string key;  // a date "YYYY-MM-DD", an event type or an ISO3 country
  int64_t events = 0, incidents = 0, fatalities = 0;
};
struct StoreStats {
  int64_t total_events = 0, total_incidents = 0, total_fatalities = 0;
  std::vector<StatsRow> by_day, by_type, by_country;
};

// The store interface. Two backends: SQLite (a file path or ":memory:";
// sqlite_store.h) and PostgreSQL + PostGIS (a "postgresql://" or "postgres://"
// URL; pg_store.h). Open picks one by the shape of its argument.
class Store {
 public:
  // Opens or creates the database at `path_or_url`, creating or migrating the
  // schema. SQLite: WAL mode with foreign keys on. Errors: IoError if it cannot
  // be opened or reached; DataLossError if it is not a sitrep store (unknown
  // tables); FailedPrecondition if its schema version is newer than this
  // program's; Unimplemented for a URL when built without PostgreSQL support.
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path_or_url);
  // True for "postgresql://..." and "postgres://..." (Open's PostgreSQL backend).
  static bool IsPostgresUrl(const std::string& path_or_url);
  virtual ~Store() = default;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Writes the batch in one transaction (see the header comment). Invalid
  // documents (a record that is not an object, has no string "id", or whose
  // doc_id differs from the document's) are skipped and counted in `stats`;
  // a database error rolls the whole batch back and is returned.
  virtual Status IngestBatch(const std::vector<DocumentRecords>& batch,
                             const IngestOptions& options = {}, IngestStats* stats = nullptr) = 0;

  // The records matching `filter`, ordered by event date then ingest order.
  // InvalidArgument for a malformed filter (bad date, radius without a point,
  // FTS5 syntax error).
  StatusOr<std::vector<json>> Query(const QueryFilter& filter) const;
  // Same, streamed: `fn` is called for each match; a non-OK status from `fn`
  // stops the scan and is returned.
  virtual Status Scan(const QueryFilter& filter,
                      const std::function<Status(StoredEvent&&)>& fn) const = 0;
  // The incidents with at least one event matching `filter` (limit/offset
  // apply to incidents), ordered by id.
  virtual Status ScanIncidents(const QueryFilter& filter,
                               const std::function<Status(const Incident&)>& fn) const = 0;

  // --- Reads for the HTTP API (SQLite: store_reads.cc) -----------------------
  // How many events / incidents match `filter` (limit and offset ignored).
  virtual StatusOr<int64_t> CountEvents(const QueryFilter& filter) const = 0;
  virtual StatusOr<int64_t> CountIncidents(const QueryFilter& filter) const = 0;
  // One incident with all its reports; NotFound for an unknown id.
  virtual StatusOr<IncidentDetail> GetIncident(int64_t id) const = 0;
  // Counts and fatalities by day, event type and country over `filter`.
  virtual StatusOr<StoreStats> Stats(const QueryFilter& filter) const = 0;
  // ---------------------------------------------------------------------------

  // Re-clusters every event into incidents in date order (then document,
  // sentence, ingest order) in one transaction, and rewrites the incident rows:
  // the incidents of a store then no longer depend on the order its documents
  // were ingested in. Incident ids change. A store opened from schema version
  // 1 is re-clustered this way once. Unimplemented in backends without it.
  virtual Status Remerge() { return UnimplementedError("Remerge: not supported by this store"); }

  // The stored document, NotFound if none.
  virtual StatusOr<StoredDocument> GetDocument(const std::string& id) const = 0;
  // Row counts: "documents", "sentences", "events", "incidents", "event_geo".
  virtual StatusOr<int64_t> Count(const std::string& table) const = 0;
  // "ok" from the backend's integrity check, else its first message.
  virtual StatusOr<std::string> IntegrityCheck() const = 0;
  // The schema version of the open database.
  int schema_version() const { return kSchemaVersion; }
  const std::string& path() const { return path_; }

 protected:
  explicit Store(std::string path) : path_(std::move(path)) {}

 private:
  std::string path_;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_STORE_H_

// PgStore: the PostgreSQL + PostGIS backend of store::Store, the shared store
// for teams (store.h is the manual; this header says what differs).
//
//   // once, as a superuser of the server: CREATE EXTENSION postgis;
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> db,
//       store::Store::Open("postgresql://sitrep@db.example.org:5432/events"));
//   SITREP_RETURN_IF_ERROR(db->IngestBatch(batch));       // one transaction
//   store::QueryFilter f;
//   f.near_lat = 35.93, f.near_lon = 36.63, f.near_km = 25; // ST_DWithin on geography
//   f.text = "air strike";                                  // tsvector @@ tsquery
//   SITREP_ASSIGN_OR_RETURN(std::vector<store::json> hits, db->Query(f));
//
// Schema: the tables of the SQLite store in a PostgreSQL schema `sitrep` of
// the database the URL names (the connection's search_path is set to
// `sitrep` and PostGIS's schema), so a shared database can hold other
// applications' tables beside them:
//   sitrep.schema_version(version)            the version (kSchemaVersion)
//   documents, sentences, incidents, events   the columns of docs/store.md;
//       dates and CAMEO codes are text COLLATE "C" (ISO dates compare as text)
//   sentences.tsv   tsvector ('simple' configuration) over the normalised text
//                   (pg_text.h), GIN index
//   events.geog, incidents.geog   geography(Point,4326) of (lon, lat), GiST
//                   indices (events also on geog::geometry for boxes)
//   incidents.span_lo/hi, span_cc_lo/hi + generated `span box`, GiST index:
//                   the merge candidates (SQLite's incident_span R*Tree)
// There is no event_geo table: Count("event_geo") counts located events.
//
// Incidents are merged exactly as the SQLite store merges them (merge.h
// decides; pg_store.cc's PgMerger is store.cc's Merger statement for
// statement: candidates whose span meets the event's plus its document's,
// absorb, re-split of a replaced document's incidents, incident rows
// recomputed at the end of the batch), so the same ingest gives the same
// incidents, and Stats/GetIncident follow store_reads.cc's rules. Remerge()
// re-clusters in date order; a version 1 store is migrated and re-clustered.
//
// Semantics are those of the SQLite store, with these differences:
//   - full text (kWords): every word must occur, a hyphenated word is a phrase,
//     Latin diacritics are folded (pg_text.h); kFts5 syntax is mapped onto
//     websearch_to_tsquery (quoted phrases, OR, -word / NOT word; no NEAR, no
//     prefix "*": a trailing "*" is ignored);
//   - radius: ST_DWithin on the sphere as the index prefilter, then the same
//     haversine distance as SQLite, so both give the same events;
//   - text values must be valid UTF-8 without NUL bytes: a document with other
//     bytes in its text, title, source, url, sentences or records is rejected
//     (IngestStats::errors), a filter with them is InvalidArgument;
//   - concurrency: any number of processes may read and write one store; each
//     IngestBatch takes a transaction-scoped advisory lock so that batches
//     (and the incident merging in them) run one at a time; readers never
//     wait. Open takes another one while it creates or migrates the schema.
//   - IntegrityCheck runs sanity queries (foreign keys, incident counts,
//     geography vs lat/lon, version) and returns "ok" or the first problem.
// A lost connection (server restart) is re-established once at the start of
// the next call. Ingest costs about five round trips per event (insert,
// candidates, samples of uncached candidates, link, span): about 2,400
// records/s on a local server, SQLite about 8,000 (docs/store.md, "PostgreSQL").
//
// A PgStore holds one libpq connection and is not thread-safe: use one per
// thread (the server may run on another machine; open as many as needed).
#ifndef SITREP_STORE_PG_STORE_H_
#define SITREP_STORE_PG_STORE_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "store/store.h"

struct pg_conn;  // libpq's PGconn

namespace sitrep::store {

// Connects to the server at `url` (a libpq connection URI), creates or migrates
// the schema (PostGIS extension, same tables as SQLite) and returns the store.
// IoError if the server cannot be reached; FailedPrecondition if PostGIS is
// not available or the schema is newer than this program's; DataLoss if the
// database has a `sitrep` schema that is not a sitrep store; Unimplemented when
// sitrep was built without libpq.
StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& url);

class PgStore final : public Store {
 public:
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& url);
  ~PgStore() override;

  Status IngestBatch(const std::vector<DocumentRecords>& batch, const IngestOptions& options = {},
                     IngestStats* stats = nullptr) override;
  Status Scan(const QueryFilter& filter,
              const std::function<Status(StoredEvent&&)>& fn) const override;
  Status ScanIncidents(const QueryFilter& filter,
                       const std::function<Status(const Incident&)>& fn) const override;
  StatusOr<int64_t> CountEvents(const QueryFilter& filter) const override;
  StatusOr<int64_t> CountIncidents(const QueryFilter& filter) const override;
  StatusOr<IncidentDetail> GetIncident(int64_t id) const override;
  StatusOr<StoreStats> Stats(const QueryFilter& filter) const override;
  StatusOr<StoredDocument> GetDocument(const std::string& id) const override;
  StatusOr<int64_t> Count(const std::string& table) const override;
  StatusOr<std::string> IntegrityCheck() const override;
  Status Remerge() override;

  class Conn;  // the libpq connection (pg_store.cc)

 private:
  PgStore(std::unique_ptr<Conn> conn, std::string url);
  std::unique_ptr<Conn> conn_;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_PG_STORE_H_

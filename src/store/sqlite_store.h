// SqliteStore: the SQLite backend of store::Store (store.h is the manual).
// Internal to src/store: code outside opens stores with Store::Open.
//
// Its methods are defined in several files: store.cc (open, schema, ingest,
// scans, incident merging over the tables), store_reads.cc (the HTTP API's reads);
// the merge decisions are backend-independent (merge.h).
#ifndef SITREP_STORE_SQLITE_STORE_H_
#define SITREP_STORE_SQLITE_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "store/store.h"

struct sqlite3;

namespace sitrep::store {

class SqliteStore final : public Store {
 public:
  static StatusOr<std::unique_ptr<Store>> Open(const std::string& path);
  ~SqliteStore() override;

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

  sqlite3* handle() const { return db_; }

 private:
  SqliteStore(sqlite3* db, std::string path) : Store(std::move(path)), db_(db) {}
  Status Migrate();
  // Builds the whole-store stats rollup (store.cc, kStatsRollup) when missing.
  Status EnsureStatsRollup();
  sqlite3* db_;
};

}  // namespace sitrep::store

#endif  // SITREP_STORE_SQLITE_STORE_H_

// SqliteStore's reads for the HTTP API (store.h, "Reads for the HTTP API").
#include <sqlite3.h>

#include "store/sqlite_store.h"

namespace sitrep::store {

StatusOr<int64_t> SqliteStore::CountEvents(const QueryFilter& filter) const {
  int64_t n = 0;
  QueryFilter f = filter;
  f.limit = -1;
  f.offset = 0;
  SITREP_RETURN_IF_ERROR(Scan(f, [&](StoredEvent&&) {
    ++n;
    return OkStatus();
  }));
  return n;
}

StatusOr<int64_t> SqliteStore::CountIncidents(const QueryFilter& filter) const {
  int64_t n = 0;
  QueryFilter f = filter;
  f.limit = -1;
  f.offset = 0;
  SITREP_RETURN_IF_ERROR(ScanIncidents(f, [&](const Incident&) {
    ++n;
    return OkStatus();
  }));
  return n;
}

StatusOr<IncidentDetail> SqliteStore::GetIncident(int64_t id) const {
  return UnimplementedError("GetIncident " + std::to_string(id) + ": not implemented yet");
}

StatusOr<StoreStats> SqliteStore::Stats(const QueryFilter&) const {
  return UnimplementedError("Stats: not implemented yet");
}

}  // namespace sitrep::store

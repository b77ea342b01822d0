// The PostgreSQL + PostGIS backend of store::Store (store.h is the manual):
// Store::Open("postgresql://user@host:port/dbname") lands here.
#ifndef SITREP_STORE_PG_STORE_H_
#define SITREP_STORE_PG_STORE_H_

#include <memory>
#include <string>

#include "store/store.h"

namespace sitrep::store {

// Connects to the server at `url` (a libpq connection URI), creates or migrates
// the schema (PostGIS extension, same tables as SQLite) and returns the store.
// IoError if the server cannot be reached; FailedPrecondition if PostGIS is
// not available; Unimplemented when sitrep was built without libpq.
StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& url);

}  // namespace sitrep::store

#endif  // SITREP_STORE_PG_STORE_H_

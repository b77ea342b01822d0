#include "store/pg_store.h"

namespace sitrep::store {

// Placeholder until the libpq backend lands (issue 5 item 7).
StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& url) {
  return UnimplementedError(url + ": PostgreSQL support is not built in yet");
}

}  // namespace sitrep::store

// OpenPostgres when sitrep is built without libpq (src/store/CMakeLists.txt
// compiles this file instead of pg_store.cc).
#include "store/pg_store.h"

namespace sitrep::store {

StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& url) {
  (void)url;
  return UnimplementedError(
      "this sitrep was built without PostgreSQL support (install libpq-dev and rebuild)");
}

}  // namespace sitrep::store

// Internal to src/store's SQLite backend: the prepared-statement wrapper
// and the incident row reader shared by store.cc and store_reads.cc.
//
//   Stmt q;
//   SITREP_RETURN_IF_ERROR(q.Prepare(db, "SELECT " + std::string(kIncidentColumns) +
//                                            " FROM incidents WHERE id = ?", {int64_t{7}}));
//   SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
//   if (row) Incident in = IncidentFromRow(q, 0);
#ifndef SITREP_STORE_SQLITE_STMT_H_
#define SITREP_STORE_SQLITE_STMT_H_

#include <sqlite3.h>

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/sql_where.h"
#include "store/store.h"

namespace sitrep::store::sqlite {

using sql::Value;

// ---------------------------------------------------------------------------
// A small RAII prepared statement with typed binds.

class Stmt {
 public:
  Stmt() = default;
  ~Stmt() { sqlite3_finalize(stmt_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Status Prepare(sqlite3* db, const std::string& sql) {
    db_ = db;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt_, nullptr) != SQLITE_OK) {
      return InternalError(std::string("sqlite: ") + sqlite3_errmsg(db));
    }
    return OkStatus();
  }
  // Prepare, then bind `binds` to ?1, ?2, ...
  Status Prepare(sqlite3* db, const std::string& sql, const std::vector<Value>& binds) {
    SITREP_RETURN_IF_ERROR(Prepare(db, sql));
    for (size_t i = 0; i < binds.size(); ++i) Bind(static_cast<int>(i + 1), binds[i]);
    return OkStatus();
  }
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  void Bind(int i, const Value& v) {
    if (const auto* s = std::get_if<std::string>(&v)) {
      sqlite3_bind_text(stmt_, i, s->data(), static_cast<int>(s->size()), SQLITE_TRANSIENT);
    } else if (const auto* n = std::get_if<int64_t>(&v)) {
      sqlite3_bind_int64(stmt_, i, *n);
    } else if (const auto* d = std::get_if<double>(&v)) {
      sqlite3_bind_double(stmt_, i, *d);
    } else {
      sqlite3_bind_null(stmt_, i);
    }
  }
  // SQLITE_ROW -> true, SQLITE_DONE -> false, else an error.
  StatusOr<bool> Step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error(rc);
  }
  Status Run() {
    SITREP_ASSIGN_OR_RETURN(bool row, Step());
    (void)row;
    return OkStatus();
  }
  Status Error(int rc) const {
    std::string msg = std::string("sqlite: ") + sqlite3_errmsg(db_);
    if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) return DataLossError(msg);
    return IoError(msg);
  }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Real(int col) const { return sqlite3_column_double(stmt_, col); }
  bool Null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const {
    const unsigned char* p = sqlite3_column_text(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p),
                           static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  std::optional<double> OptReal(int col) const {
    return Null(col) ? std::nullopt : std::optional<double>(Real(col));
  }
  std::optional<int64_t> OptInt(int col) const {
    return Null(col) ? std::nullopt : std::optional<int64_t>(Int(col));
  }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// The incidents columns IncidentFromRow reads, in its order.
inline constexpr const char* kIncidentColumns =
    "id, date_first, date_last, lat, lon, country, admin1, location, precision, event_family, "
    "event_types, fatalities_low, fatalities_best, fatalities_high, n_events, n_documents";

// The incident whose kIncidentColumns start at column `first` of q's row.
inline Incident IncidentFromRow(const Stmt& q, int first = 0) {
  Incident in;
  int i = first;
  in.id = q.Int(i++);
  in.date_first = q.Text(i++);
  in.date_last = q.Text(i++);
  in.lat = q.OptReal(i++);
  in.lon = q.OptReal(i++);
  in.country = q.Text(i++);
  in.admin1 = q.Text(i++);
  in.location = q.Text(i++);
  in.precision = q.Text(i++);
  in.event_family = q.Text(i++);
  in.event_types = q.Text(i++);
  in.fatalities_low = q.OptInt(i++);
  in.fatalities_best = q.OptInt(i++);
  in.fatalities_high = q.OptInt(i++);
  in.n_events = q.Int(i++);
  in.n_documents = q.Int(i++);
  return in;
}

}  // namespace sitrep::store::sqlite

#endif  // SITREP_STORE_SQLITE_STMT_H_

#include "store/store.h"

#include <sqlite3.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <set>
#include <string_view>
#include <utility>
#include <variant>

#include "core/binary_io.h"
#include "store/pg_store.h"
#include "store/sql_where.h"
#include "store/sqlite_store.h"

namespace sitrep::store {
namespace {

// ---------------------------------------------------------------------------
// Schema. Version 1. Each migration step takes the database from version i
// to i+1; Open runs the missing ones in one transaction.

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE documents(
  id TEXT PRIMARY KEY,
  hash TEXT NOT NULL,
  date TEXT,
  title TEXT,
  source TEXT,
  url TEXT,
  text TEXT NOT NULL DEFAULT '',
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE sentences(
  id INTEGER PRIMARY KEY,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_index INTEGER NOT NULL,
  start INTEGER,
  end INTEGER,
  text TEXT NOT NULL,
  UNIQUE(doc_id, sentence_index)
);
CREATE VIRTUAL TABLE sentences_fts USING fts5(
  text, content='sentences', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER sentences_ai AFTER INSERT ON sentences BEGIN
  INSERT INTO sentences_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER sentences_ad AFTER DELETE ON sentences BEGIN
  INSERT INTO sentences_fts(sentences_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;

CREATE TABLE incidents(
  id INTEGER PRIMARY KEY,
  date_first TEXT,
  date_last TEXT,
  lat REAL,
  lon REAL,
  country TEXT,
  admin1 TEXT,
  location TEXT,
  precision TEXT,
  event_family TEXT,
  event_types TEXT,
  fatalities_low INTEGER,
  fatalities_best INTEGER,
  fatalities_high INTEGER,
  n_events INTEGER NOT NULL DEFAULT 0,
  n_documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX incidents_date ON incidents(date_first);
CREATE INDEX incidents_country ON incidents(country, date_first);

CREATE TABLE events(
  rowid INTEGER PRIMARY KEY,
  id TEXT NOT NULL,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  incident_id INTEGER REFERENCES incidents(id),
  sentence_index INTEGER,
  doc_date TEXT,
  date TEXT,
  date_precision TEXT,
  date_basis TEXT,
  trigger_text TEXT,
  trigger_lemma TEXT,
  cameo TEXT,
  cameo_root TEXT,
  quad_class INTEGER,
  goldstein REAL,
  plover_event TEXT,
  plover_mode TEXT,
  acled_event_type TEXT,
  acled_sub_event_type TEXT,
  source_text TEXT, source_code TEXT, source_country TEXT, source_sector TEXT, source_name TEXT,
  target_text TEXT, target_code TEXT, target_country TEXT, target_sector TEXT, target_name TEXT,
  location_text TEXT,
  location_name TEXT,
  country TEXT,
  admin1 TEXT,
  lat REAL,
  lon REAL,
  geo_precision TEXT,
  location_basis TEXT,
  fatalities INTEGER,
  fatalities_qualifier TEXT,
  injured INTEGER,
  arrested INTEGER,
  abducted INTEGER,
  displaced INTEGER,
  attribution_text TEXT,
  attribution_status TEXT,
  negated INTEGER,
  modality TEXT,
  confidence REAL,
  coder TEXT,
  record TEXT NOT NULL,
  UNIQUE(doc_id, id)
);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_doc ON events(doc_id, sentence_index);
CREATE INDEX events_incident ON events(incident_id);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_country_date ON events(country, date);
CREATE INDEX events_admin1 ON events(admin1 COLLATE NOCASE);
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_cameo_root ON events(cameo_root, date);
CREATE INDEX events_plover ON events(plover_event COLLATE NOCASE, date);
CREATE INDEX events_acled ON events(acled_event_type COLLATE NOCASE, date);
CREATE INDEX events_acled_sub ON events(acled_sub_event_type COLLATE NOCASE);
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_fatalities ON events(fatalities) WHERE fatalities IS NOT NULL;

CREATE VIRTUAL TABLE event_geo USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER events_ad AFTER DELETE ON events BEGIN
  DELETE FROM event_geo WHERE id = old.rowid;
END;
)sql";

// ---------------------------------------------------------------------------
// A small RAII prepared statement with typed binds.

using Value = std::variant<std::monostate, int64_t, double, std::string>;

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

Status Exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc == SQLITE_OK) return OkStatus();
  std::string msg = err ? err : sqlite3_errstr(rc);
  sqlite3_free(err);
  if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT) {
    return DataLossError("not a SQLite database (" + msg + ")");
  }
  return IoError("sqlite: " + msg);
}

// Haversine distance in km between two (lat, lon) points, as SQL function
// haversine_km(lat1, lon1, lat2, lon2).
double HaversineKm(double lat1, double lon1, double lat2, double lon2) {
  constexpr double kEarthKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * kRad, dlon = (lon2 - lon1) * kRad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) + std::cos(lat1 * kRad) *
                                                           std::cos(lat2 * kRad) *
                                                           std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kEarthKm * std::asin(std::sqrt(std::min(1.0, a)));
}

void HaversineSql(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  for (int i = 0; i < argc; ++i) {
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL) {
      sqlite3_result_null(ctx);
      return;
    }
  }
  sqlite3_result_double(ctx,
                        HaversineKm(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1]),
                                    sqlite3_value_double(argv[2]), sqlite3_value_double(argv[3])));
}

// ---------------------------------------------------------------------------
// Record field access: unknown is null, so every getter tolerates a missing
// key, a null and a wrong type.

const json* Child(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

Value Str(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_string()) return c->get<std::string>();
  return std::monostate{};
}
Value Int(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_number_integer()) return c->get<int64_t>();
  if (c && c->is_number()) return static_cast<int64_t>(c->get<double>());
  if (c && c->is_boolean()) return static_cast<int64_t>(c->get<bool>());
  return std::monostate{};
}
Value Real(const json& j, const char* key) {
  const json* c = Child(j, key);
  if (c && c->is_number()) {
    double v = c->get<double>();
    if (std::isfinite(v)) return v;
  }
  return std::monostate{};
}
const json& Obj(const json& j, const char* key) {
  static const json kNull;
  const json* c = Child(j, key);
  return c && c->is_object() ? *c : kNull;
}
std::string AsString(const Value& v) {
  const auto* s = std::get_if<std::string>(&v);
  return s ? *s : std::string();
}

std::string NowUtc() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The column values of one event row, in kEventColumns order.
constexpr const char* kEventColumns[] = {"id",
                                         "doc_id",
                                         "incident_id",
                                         "sentence_index",
                                         "doc_date",
                                         "date",
                                         "date_precision",
                                         "date_basis",
                                         "trigger_text",
                                         "trigger_lemma",
                                         "cameo",
                                         "cameo_root",
                                         "quad_class",
                                         "goldstein",
                                         "plover_event",
                                         "plover_mode",
                                         "acled_event_type",
                                         "acled_sub_event_type",
                                         "source_text",
                                         "source_code",
                                         "source_country",
                                         "source_sector",
                                         "source_name",
                                         "target_text",
                                         "target_code",
                                         "target_country",
                                         "target_sector",
                                         "target_name",
                                         "location_text",
                                         "location_name",
                                         "country",
                                         "admin1",
                                         "lat",
                                         "lon",
                                         "geo_precision",
                                         "location_basis",
                                         "fatalities",
                                         "fatalities_qualifier",
                                         "injured",
                                         "arrested",
                                         "abducted",
                                         "displaced",
                                         "attribution_text",
                                         "attribution_status",
                                         "negated",
                                         "modality",
                                         "confidence",
                                         "coder",
                                         "record"};
constexpr size_t kNumEventColumns = sizeof(kEventColumns) / sizeof(kEventColumns[0]);
constexpr size_t ColumnIndex(std::string_view name) {
  for (size_t i = 0; i < kNumEventColumns; ++i) {
    if (name == kEventColumns[i]) return i;
  }
  return kNumEventColumns;
}
constexpr size_t kColIncident = ColumnIndex("incident_id");
constexpr size_t kColDate = ColumnIndex("date");
constexpr size_t kColCountry = ColumnIndex("country");
constexpr size_t kColAdmin1 = ColumnIndex("admin1");
constexpr size_t kColLat = ColumnIndex("lat");
constexpr size_t kColLon = ColumnIndex("lon");
constexpr size_t kColPrecision = ColumnIndex("geo_precision");
constexpr size_t kColFatalities = ColumnIndex("fatalities");
static_assert(kColFatalities < kNumEventColumns && kColIncident == 2);

std::vector<Value> EventValues(const json& r, std::string dump, const std::string& doc_id,
                               int64_t incident_id) {
  std::vector<Value> v;
  v.reserve(kNumEventColumns);
  v.push_back(Str(r, "id"));
  v.push_back(doc_id);
  v.push_back(incident_id);
  v.push_back(Int(r, "sentence_index"));
  v.push_back(Str(r, "doc_date"));
  const json& date = Obj(r, "date");
  Value date_value = Str(date, "value");
  if (std::holds_alternative<std::monostate>(date_value)) date_value = Str(r, "doc_date");
  v.push_back(date_value);
  v.push_back(Str(date, "precision"));
  v.push_back(Str(date, "basis"));
  const json& trigger = Obj(r, "trigger");
  v.push_back(Str(trigger, "text"));
  v.push_back(Str(trigger, "lemma"));
  v.push_back(Str(r, "cameo"));
  v.push_back(Str(r, "cameo_root"));
  v.push_back(Int(r, "quad_class"));
  v.push_back(Real(r, "goldstein"));
  const json& plover = Obj(r, "plover");
  v.push_back(Str(plover, "event"));
  v.push_back(Str(plover, "mode"));
  const json& acled = Obj(r, "acled");
  v.push_back(Str(acled, "event_type"));
  v.push_back(Str(acled, "sub_event_type"));
  for (const char* role : {"source", "target"}) {
    const json& a = Obj(r, role);
    v.push_back(Str(a, "text"));
    v.push_back(Str(a, "code"));
    v.push_back(Str(a, "country"));
    v.push_back(Str(a, "sector"));
    v.push_back(Str(a, "name"));
  }
  const json& loc = Obj(r, "location");
  v.push_back(Str(loc, "text"));
  v.push_back(Str(loc, "name"));
  v.push_back(Str(loc, "country"));
  v.push_back(Str(loc, "admin1"));
  Value lat = Real(loc, "lat"), lon = Real(loc, "lon");
  bool located = std::holds_alternative<double>(lat) && std::holds_alternative<double>(lon) &&
                 std::abs(std::get<double>(lat)) <= 90 && std::abs(std::get<double>(lon)) <= 180;
  v.push_back(located ? lat : Value{});
  v.push_back(located ? lon : Value{});
  v.push_back(Str(loc, "precision"));
  v.push_back(Str(loc, "basis"));
  const json& fat = Obj(r, "fatalities");
  v.push_back(Int(fat, "count"));
  v.push_back(Str(fat, "qualifier"));
  for (const char* kind : {"injured", "arrested", "abducted", "displaced"}) {
    v.push_back(Int(Obj(r, kind), "count"));
  }
  const json& att = Obj(r, "attribution");
  v.push_back(Str(att, "text"));
  v.push_back(Str(att, "status"));
  v.push_back(Int(r, "negated"));
  v.push_back(Str(r, "modality"));
  v.push_back(Real(r, "confidence"));
  v.push_back(Str(r, "coder"));
  v.push_back(std::move(dump));
  return v;
}

// "ASSAULT", else the ACLED type, else the CAMEO label, else the code.
std::string EventFamily(const json& r) {
  for (const Value& v : {Str(Obj(r, "plover"), "event"), Str(Obj(r, "acled"), "event_type"),
                         Str(r, "cameo_label"), Str(r, "cameo")}) {
    if (std::string s = AsString(v); !s.empty()) return s;
  }
  return "";
}

// "190/ASSAULT/Battles", "010" (the parts that are set).
std::string EventType(const json& r) {
  std::string out;
  for (const Value& v :
       {Str(r, "cameo"), Str(Obj(r, "plover"), "event"), Str(Obj(r, "acled"), "event_type")}) {
    if (std::string s = AsString(v); !s.empty()) out += (out.empty() ? "" : "/") + s;
  }
  return out;
}

// The WHERE clause builder is shared with store_reads.cc (sql_where.h).
using sql::BuildWhere;
using sql::LimitSql;
using sql::Where;

}  // namespace

std::string QuoteFtsWords(const std::string& text) {
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
    word.clear();
  };
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      flush();
    } else {
      word += c;
    }
  }
  flush();
  return out;
}

namespace {

// The hash of ContentHash, with the records' JSON already serialised.
std::string HashWithDumps(const StoredDocument& doc, const std::vector<std::string>& dumps) {
  uint64_t h = Fnv1a64(doc.date);
  h = Fnv1a64(std::string_view("\x1f", 1), h);
  h = Fnv1a64(doc.title, h);
  h = Fnv1a64(std::string_view("\x1f", 1), h);
  if (!doc.text.empty()) {
    h = Fnv1a64(doc.text, h);
  } else {
    for (const std::string& r : dumps) {
      h = Fnv1a64(r, h);
      h = Fnv1a64(std::string_view("\n", 1), h);
    }
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::string ContentHash(const DocumentRecords& d) {
  std::vector<std::string> dumps;
  if (d.document.text.empty()) {
    for (const json& r : d.records) dumps.push_back(r.dump());
  }
  return HashWithDumps(d.document, dumps);
}

bool Store::IsPostgresUrl(const std::string& path_or_url) {
  return path_or_url.rfind("postgresql://", 0) == 0 || path_or_url.rfind("postgres://", 0) == 0;
}

StatusOr<std::unique_ptr<Store>> Store::Open(const std::string& path_or_url) {
  if (IsPostgresUrl(path_or_url)) return OpenPostgres(path_or_url);
  return SqliteStore::Open(path_or_url);
}

StatusOr<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(
      path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return IoError(path + ": cannot open database: " + msg);
  }
  std::unique_ptr<SqliteStore> store(new SqliteStore(db, path));
  sqlite3_busy_timeout(db, 10000);
  sqlite3_extended_result_codes(db, 0);
  // The first read of the header tells a non-database file apart.
  Status s = Exec(db,
                  "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; "
                  "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-32768; PRAGMA temp_store=MEMORY;");
  if (!s.ok()) return s.WithContext(path);
  sqlite3_create_function(db, "haversine_km", 4, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr,
                          HaversineSql, nullptr, nullptr);
  s = store->Migrate();
  if (!s.ok()) return s.WithContext(path);
  return std::unique_ptr<Store>(std::move(store));
}

SqliteStore::~SqliteStore() { sqlite3_close(db_); }

Status SqliteStore::Migrate() {
  Stmt v;
  SITREP_RETURN_IF_ERROR(v.Prepare(db_, "PRAGMA user_version"));
  SITREP_ASSIGN_OR_RETURN(bool row, v.Step());
  int version = row ? static_cast<int>(v.Int(0)) : 0;
  if (version > kSchemaVersion) {
    return FailedPreconditionError("store schema version " + std::to_string(version) +
                                   " is newer than this sitrep's (" +
                                   std::to_string(kSchemaVersion) + ")");
  }
  if (version == kSchemaVersion) {
    Stmt t;
    SITREP_RETURN_IF_ERROR(
        t.Prepare(db_, "SELECT count(*) FROM sqlite_master WHERE name IN ('documents','events')"));
    SITREP_ASSIGN_OR_RETURN(bool r, t.Step());
    if (!r || t.Int(0) != 2) return DataLossError("not a sitrep store (tables missing)");
    return OkStatus();
  }
  if (version == 0) {
    // A fresh file, or someone else's database: refuse to add our tables to
    // a database that already has tables.
    Stmt t;
    SITREP_RETURN_IF_ERROR(t.Prepare(db_, "SELECT count(*) FROM sqlite_master"));
    SITREP_ASSIGN_OR_RETURN(bool r, t.Step());
    if (r && t.Int(0) > 0) {
      return DataLossError("not a sitrep store (a SQLite database with other tables)");
    }
  }
  SITREP_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  Status s = OkStatus();
  if (version < 1) s = Exec(db_, kSchemaV1);
  // Later versions: if (s.ok() && version < 2) s = Exec(db_, kSchemaV2Migration); ...
  if (s.ok()) {
    s = Exec(db_, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  }
  if (!s.ok()) {
    (void)Exec(db_, "ROLLBACK");
    return s;
  }
  return Exec(db_, "COMMIT");
}

Status SqliteStore::IngestBatch(const std::vector<DocumentRecords>& batch,
                                const IngestOptions& options, IngestStats* stats) {
  IngestStats local;
  IngestStats& st = stats ? *stats : local;
  Stmt get_hash, del_doc, ins_doc, ins_sent, ins_event, ins_incident, ins_geo, old_incidents,
      del_incident;
  SITREP_RETURN_IF_ERROR(get_hash.Prepare(db_, "SELECT hash FROM documents WHERE id = ?"));
  SITREP_RETURN_IF_ERROR(del_doc.Prepare(db_, "DELETE FROM documents WHERE id = ?"));
  SITREP_RETURN_IF_ERROR(
      ins_doc.Prepare(db_,
                      "INSERT INTO documents(id, hash, date, title, source, url, text, "
                      "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  SITREP_RETURN_IF_ERROR(ins_sent.Prepare(
      db_,
      "INSERT OR IGNORE INTO sentences(doc_id, sentence_index, start, end, text) VALUES (?, ?, "
      "?, ?, ?)"));
  std::string cols, marks;
  for (size_t i = 0; i < kNumEventColumns; ++i) {
    cols += (i ? ", " : "") + std::string(kEventColumns[i]);
    marks += i ? ", ?" : "?";
  }
  SITREP_RETURN_IF_ERROR(
      ins_event.Prepare(db_, "INSERT INTO events(" + cols + ") VALUES (" + marks + ")"));
  SITREP_RETURN_IF_ERROR(ins_incident.Prepare(
      db_,
      "INSERT INTO incidents(date_first, date_last, lat, lon, country, admin1, location, "
      "precision, event_family, event_types, fatalities_low, fatalities_best, fatalities_high, "
      "n_events, n_documents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)"));
  SITREP_RETURN_IF_ERROR(ins_geo.Prepare(
      db_, "INSERT INTO event_geo(id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)"));
  SITREP_RETURN_IF_ERROR(old_incidents.Prepare(
      db_, "SELECT DISTINCT incident_id FROM events WHERE doc_id = ? AND incident_id IS NOT NULL"));
  SITREP_RETURN_IF_ERROR(del_incident.Prepare(
      db_,
      "DELETE FROM incidents WHERE id = ? AND NOT EXISTS (SELECT 1 FROM events WHERE "
      "incident_id = ?)"));

  SITREP_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  auto body = [&]() -> Status {
    const std::string now = NowUtc();
    std::set<std::string> seen_in_batch;
    for (size_t di = 0; di < batch.size(); ++di) {
      const DocumentRecords& d = batch[di];
      const std::string& id = d.document.id;
      // Validate before writing anything of this document.
      std::string problem;
      if (id.empty()) problem = "document without an id";
      std::set<std::string> record_ids;
      for (size_t i = 0; problem.empty() && i < d.records.size(); ++i) {
        const json& r = d.records[i];
        if (!r.is_object()) {
          problem = "record " + std::to_string(i) + ": not a JSON object";
        } else if (!Child(r, "id") || !r["id"].is_string()) {
          problem = "record " + std::to_string(i) + ": no string \"id\"";
        } else if (!record_ids.insert(r["id"].get<std::string>()).second) {
          problem = "record " + std::to_string(i) + ": id " + r["id"].dump() + " given twice";
        } else if (Child(r, "doc_id") && r["doc_id"] != id) {
          problem = "record " + std::to_string(i) + ": doc_id " + r["doc_id"].dump() +
                    " is not the document's";
        }
      }
      if (problem.empty() && !seen_in_batch.insert(id).second) {
        problem = "given twice in one batch";
      }
      if (!problem.empty()) {
        ++st.rejected;
        st.errors.push_back("doc " + id + ": " + problem);
        continue;
      }
      std::vector<std::string> dumps;
      dumps.reserve(d.records.size());
      for (const json& r : d.records) dumps.push_back(r.dump());
      const std::string hash = HashWithDumps(d.document, dumps);
      get_hash.Reset();
      get_hash.Bind(1, id);
      SITREP_ASSIGN_OR_RETURN(bool known, get_hash.Step());
      const std::string old_hash = known ? get_hash.Text(0) : "";
      get_hash.Reset();
      if (known && old_hash == hash) {
        ++st.unchanged;
        if (options.on_document) options.on_document(di);
        continue;
      }
      if (known) {
        // Replace: drop the document (cascading to sentences and events, the
        // events' trigger clearing event_geo), then the incidents left empty.
        std::vector<int64_t> incidents;
        old_incidents.Reset();
        old_incidents.Bind(1, id);
        while (true) {
          SITREP_ASSIGN_OR_RETURN(bool row, old_incidents.Step());
          if (!row) break;
          incidents.push_back(old_incidents.Int(0));
        }
        old_incidents.Reset();
        del_doc.Reset();
        del_doc.Bind(1, id);
        SITREP_RETURN_IF_ERROR(del_doc.Run());
        for (int64_t inc : incidents) {
          del_incident.Reset();
          del_incident.Bind(1, inc);
          del_incident.Bind(2, inc);
          SITREP_RETURN_IF_ERROR(del_incident.Run());
        }
        ++st.replaced;
      } else {
        ++st.inserted;
      }
      ins_doc.Reset();
      const StoredDocument& doc = d.document;
      auto opt = [](const std::string& s) -> Value { return s.empty() ? Value{} : Value{s}; };
      int k = 1;
      for (const Value& v : {Value{id}, Value{hash}, opt(doc.date), opt(doc.title), opt(doc.source),
                             opt(doc.url), Value{doc.text}, Value{now}}) {
        ins_doc.Bind(k++, v);
      }
      SITREP_RETURN_IF_ERROR(ins_doc.Run());

      auto add_sentence = [&](int64_t index, const Value& start, const Value& end,
                              const std::string& text) -> Status {
        ins_sent.Reset();
        ins_sent.Bind(1, id);
        ins_sent.Bind(2, index);
        ins_sent.Bind(3, start);
        ins_sent.Bind(4, end);
        ins_sent.Bind(5, text);
        return ins_sent.Run();
      };
      if (!d.sentences.empty()) {
        for (const StoredSentence& s : d.sentences) {
          SITREP_RETURN_IF_ERROR(add_sentence(s.index, s.start, s.end, s.text));
        }
      } else {
        for (const json& r : d.records) {
          Value index = Int(r, "sentence_index");
          Value text = Str(r, "sentence");
          if (!std::holds_alternative<int64_t>(index) ||
              !std::holds_alternative<std::string>(text)) {
            continue;
          }
          const json& span = Obj(r, "span");
          SITREP_RETURN_IF_ERROR(add_sentence(std::get<int64_t>(index), Int(span, "start"),
                                              Int(span, "end"), std::get<std::string>(text)));
        }
      }

      for (size_t ri = 0; ri < d.records.size(); ++ri) {
        const json& r = d.records[ri];
        // Its own incident for now (merging relinks later).
        std::vector<Value> ev = EventValues(r, std::move(dumps[ri]), id, 0);
        const json& loc = Obj(r, "location");
        const Value& date = ev[kColDate];
        const Value& lat = ev[kColLat];
        const Value& lon = ev[kColLon];
        const Value& fat = ev[kColFatalities];
        ins_incident.Reset();
        k = 1;
        for (const Value& v :
             {date, date, lat, lon, ev[kColCountry], ev[kColAdmin1], Str(loc, "name"),
              ev[kColPrecision], opt(EventFamily(r)), Value{EventType(r)}, fat, fat, fat}) {
          ins_incident.Bind(k++, v);
        }
        SITREP_RETURN_IF_ERROR(ins_incident.Run());
        ev[kColIncident] = static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
        ins_event.Reset();
        for (size_t i = 0; i < ev.size(); ++i) ins_event.Bind(static_cast<int>(i + 1), ev[i]);
        Status s = ins_event.Run();
        if (!s.ok()) return s.WithContext("doc " + id + ": event " + AsString(ev[0]));
        const int64_t rowid = sqlite3_last_insert_rowid(db_);
        if (std::holds_alternative<double>(lat)) {
          ins_geo.Reset();
          ins_geo.Bind(1, rowid);
          ins_geo.Bind(2, lat);
          ins_geo.Bind(3, lat);
          ins_geo.Bind(4, lon);
          ins_geo.Bind(5, lon);
          SITREP_RETURN_IF_ERROR(ins_geo.Run());
        }
        ++st.events;
      }
      if (options.on_document) options.on_document(di);
    }
    return OkStatus();
  };
  Status s = body();
  if (!s.ok()) {
    (void)Exec(db_, "ROLLBACK");
    return s;
  }
  return Exec(db_, "COMMIT");
}

Status SqliteStore::Scan(const QueryFilter& filter,
                         const std::function<Status(StoredEvent&&)>& fn) const {
  SITREP_ASSIGN_OR_RETURN(Where w, BuildWhere(filter));
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(db_,
                                   "SELECT e.rowid, e.incident_id, d.source, d.url, d.title, "
                                   "d.ingested_at, e.record FROM events e LEFT JOIN documents d "
                                   "ON d.id = e.doc_id" +
                                       w.sql + " ORDER BY e.date, e.rowid" + LimitSql(filter)));
  for (size_t i = 0; i < w.binds.size(); ++i) q.Bind(static_cast<int>(i + 1), w.binds[i]);
  while (true) {
    StatusOr<bool> step = q.Step();
    if (!step.ok() && !filter.text.empty() &&
        filter.text_syntax == QueryFilter::TextSyntax::kFts5 &&
        sqlite3_errcode(db_) == SQLITE_ERROR) {
      // The only user text that reaches SQL as syntax is an FTS5 query.
      return InvalidArgumentError("full-text query \"" + filter.text +
                                  "\": " + step.status().message());
    }
    SITREP_ASSIGN_OR_RETURN(bool row, std::move(step));
    if (!row) break;
    StoredEvent e;
    e.rowid = q.Int(0);
    e.incident_id = q.Int(1);
    e.doc_source = q.Text(2);
    e.doc_url = q.Text(3);
    e.doc_title = q.Text(4);
    e.ingested_at = q.Text(5);
    e.record = json::parse(q.Text(6), nullptr, /*allow_exceptions=*/false);
    if (e.record.is_discarded()) return DataLossError("stored record is not JSON");
    SITREP_RETURN_IF_ERROR(fn(std::move(e)));
  }
  return OkStatus();
}

StatusOr<std::vector<json>> Store::Query(const QueryFilter& filter) const {
  std::vector<json> out;
  SITREP_RETURN_IF_ERROR(Scan(filter, [&](StoredEvent&& e) {
    out.push_back(std::move(e.record));
    return OkStatus();
  }));
  return out;
}

Status SqliteStore::ScanIncidents(const QueryFilter& filter,
                                  const std::function<Status(const Incident&)>& fn) const {
  QueryFilter events_filter = filter;
  events_filter.limit = -1;
  events_filter.offset = 0;
  SITREP_ASSIGN_OR_RETURN(Where w, BuildWhere(events_filter));
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(
      db_,
      "SELECT id, date_first, date_last, lat, lon, country, admin1, location, precision, "
      "event_family, event_types, fatalities_low, fatalities_best, fatalities_high, n_events, "
      "n_documents FROM incidents WHERE id IN (SELECT e.incident_id FROM events e" +
          w.sql + ") ORDER BY id" + LimitSql(filter)));
  for (size_t i = 0; i < w.binds.size(); ++i) q.Bind(static_cast<int>(i + 1), w.binds[i]);
  while (true) {
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    Incident in;
    in.id = q.Int(0);
    in.date_first = q.Text(1);
    in.date_last = q.Text(2);
    in.lat = q.OptReal(3);
    in.lon = q.OptReal(4);
    in.country = q.Text(5);
    in.admin1 = q.Text(6);
    in.location = q.Text(7);
    in.precision = q.Text(8);
    in.event_family = q.Text(9);
    in.event_types = q.Text(10);
    in.fatalities_low = q.OptInt(11);
    in.fatalities_best = q.OptInt(12);
    in.fatalities_high = q.OptInt(13);
    in.n_events = q.Int(14);
    in.n_documents = q.Int(15);
    SITREP_RETURN_IF_ERROR(fn(in));
  }
  return OkStatus();
}

StatusOr<StoredDocument> SqliteStore::GetDocument(const std::string& id) const {
  Stmt q;
  SITREP_RETURN_IF_ERROR(
      q.Prepare(db_, "SELECT id, date, title, source, url, text FROM documents WHERE id = ?"));
  q.Bind(1, id);
  SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return NotFoundError("no document " + id);
  return StoredDocument{q.Text(0), q.Text(1), q.Text(2), q.Text(3), q.Text(4), q.Text(5)};
}

StatusOr<int64_t> SqliteStore::Count(const std::string& table) const {
  static const std::set<std::string> kTables = {"documents", "sentences", "events", "incidents",
                                                "event_geo"};
  if (!kTables.count(table)) return InvalidArgumentError("no table " + table);
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(db_, "SELECT count(*) FROM " + table));
  SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

StatusOr<std::string> SqliteStore::IntegrityCheck() const {
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(db_, "PRAGMA integrity_check"));
  SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Text(0) : std::string("no result");
}

}  // namespace sitrep::store

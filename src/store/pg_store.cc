// PgStore (pg_store.h): the PostgreSQL + PostGIS backend over libpq. Every
// value reaches the server as a parameter of PQexecParams / PQexecPrepared;
// the SQL text is built only from constants.
#include "store/pg_store.h"

#include <libpq-fe.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "store/event_row.h"
#include "store/merge.h"
#include "store/pg_text.h"
#include "store/sql_where.h"

namespace sitrep::store {

using sql::Value;

namespace {

// ---------------------------------------------------------------------------
// Schema, version kSchemaVersion, in the PostgreSQL schema `sitrep` (created
// with the search_path set to sitrep first, so the names below land there).
// kSchema is the current schema for a new store; kMigrateV1 takes a version 1
// store (before incident merging) to version 2, and RemergeAll then clusters
// its events.

constexpr const char* kSchema = R"sql(
CREATE TABLE schema_version(version integer NOT NULL);
CREATE TABLE documents(
  id text PRIMARY KEY,
  hash text NOT NULL,
  date text COLLATE "C",
  title text,
  source text,
  url text,
  text text NOT NULL DEFAULT '',
  ingested_at text NOT NULL
);
CREATE INDEX documents_date ON documents(date);

CREATE TABLE sentences(
  id bigserial PRIMARY KEY,
  doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence_index bigint NOT NULL,
  start bigint,
  "end" bigint,
  text text NOT NULL,
  tsv tsvector NOT NULL,
  UNIQUE(doc_id, sentence_index)
);
CREATE INDEX sentences_tsv ON sentences USING gin(tsv);

CREATE TABLE incidents(
  id bigserial PRIMARY KEY,
  date_first text COLLATE "C",
  date_last text COLLATE "C",
  lat double precision,
  lon double precision,
  geog geography(Point, 4326),
  country text,
  admin1 text,
  location text,
  precision text,
  event_family text,
  event_types text,
  fatalities_low bigint,
  fatalities_best bigint,
  fatalities_high bigint,
  n_events bigint NOT NULL DEFAULT 0,
  n_documents bigint NOT NULL DEFAULT 0,
  -- The merge span (SQLite's incident_span): day range and country cells of
  -- the events that may merge across documents; NULL when none may.
  span_lo bigint,
  span_hi bigint,
  span_cc_lo bigint,
  span_cc_hi bigint,
  span_fc_lo bigint,
  span_fc_hi bigint,
  span box GENERATED ALWAYS AS (box(point(span_lo, span_cc_lo), point(span_hi, span_cc_hi)))
    STORED
);
CREATE INDEX incidents_date ON incidents(date_first);
CREATE INDEX incidents_country ON incidents(country, date_first);
CREATE INDEX incidents_geog ON incidents USING gist(geog);
CREATE INDEX incidents_span ON incidents USING gist(span);

CREATE TABLE events(
  rowid bigserial PRIMARY KEY,
  id text NOT NULL,
  doc_id text NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  incident_id bigint REFERENCES incidents(id),
  sentence_index bigint,
  doc_date text COLLATE "C",
  date text COLLATE "C",
  date_precision text,
  date_basis text,
  trigger_text text,
  trigger_lemma text,
  cameo text COLLATE "C",
  cameo_root text COLLATE "C",
  quad_class bigint,
  goldstein double precision,
  plover_event text,
  plover_mode text,
  acled_event_type text,
  acled_sub_event_type text,
  source_text text, source_code text, source_country text, source_sector text, source_name text,
  target_text text, target_code text, target_country text, target_sector text, target_name text,
  location_text text,
  location_name text,
  country text,
  admin1 text,
  lat double precision,
  lon double precision,
  geo_precision text,
  location_basis text,
  fatalities bigint,
  fatalities_qualifier text,
  injured bigint,
  arrested bigint,
  abducted bigint,
  displaced bigint,
  attribution_text text,
  attribution_status text,
  negated bigint,
  modality text,
  confidence double precision,
  coder text,
  record text NOT NULL,
  geog geography(Point, 4326),
  UNIQUE(doc_id, id)
);
CREATE INDEX events_id ON events(id);
CREATE INDEX events_doc ON events(doc_id, sentence_index);
CREATE INDEX events_incident ON events(incident_id, rowid);
CREATE INDEX events_date_incident ON events(date, incident_id);
CREATE INDEX events_country_date_incident ON events(country, date, incident_id);
CREATE INDEX events_admin1 ON events(lower(admin1));
CREATE INDEX events_cameo ON events(cameo);
CREATE INDEX events_cameo_root ON events(cameo_root, date);
CREATE INDEX events_plover ON events(lower(plover_event), date);
CREATE INDEX events_acled ON events(lower(acled_event_type), date);
CREATE INDEX events_acled_sub ON events(lower(acled_sub_event_type));
CREATE INDEX events_source_code ON events(source_code);
CREATE INDEX events_target_code ON events(target_code);
CREATE INDEX events_fatalities ON events(fatalities) WHERE fatalities IS NOT NULL;
CREATE INDEX events_geog ON events USING gist(geog);
CREATE INDEX events_geom ON events USING gist((geog::geometry));
)sql";

constexpr const char* kMigrateV1 = R"sql(
ALTER TABLE incidents ADD COLUMN span_lo bigint, ADD COLUMN span_hi bigint,
  ADD COLUMN span_cc_lo bigint, ADD COLUMN span_cc_hi bigint,
  ADD COLUMN span_fc_lo bigint, ADD COLUMN span_fc_hi bigint,
  ADD COLUMN span box GENERATED ALWAYS AS (box(point(span_lo, span_cc_lo),
    point(span_hi, span_cc_hi))) STORED;
CREATE INDEX incidents_span ON incidents USING gist(span);
DROP INDEX IF EXISTS events_date;
DROP INDEX IF EXISTS events_country_date;
CREATE INDEX events_date_incident ON events(date, incident_id);
CREATE INDEX events_country_date_incident ON events(country, date, incident_id);
)sql";

// Advisory lock keys (pg_advisory_xact_lock(hashtext(...))).
constexpr const char* kSchemaLock = "sitrep.schema";
constexpr const char* kIngestLock = "sitrep.ingest";

// "postgresql://user:secret@host/db" -> "postgresql://user:***@host/db", for
// messages and Store::path().
std::string RedactUrl(const std::string& url) {
  const size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const size_t at = url.find('@', scheme + 3);
  if (at == std::string::npos) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

std::string TrimRight(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

std::string ParamText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", std::get<double>(v));
  return buf;
}

struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};

// A query result in text format.
class Rows {
 public:
  Rows() = default;
  explicit Rows(PGresult* r) : r_(r) {}
  int size() const { return r_ ? PQntuples(r_.get()) : 0; }
  bool Null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
  std::string Text(int row, int col) const {
    return std::string(PQgetvalue(r_.get(), row, col),
                       static_cast<size_t>(PQgetlength(r_.get(), row, col)));
  }
  int64_t Int(int row, int col) const {
    return Null(row, col) ? 0 : std::strtoll(PQgetvalue(r_.get(), row, col), nullptr, 10);
  }
  std::optional<int64_t> OptInt(int row, int col) const {
    return Null(row, col) ? std::nullopt : std::optional<int64_t>(Int(row, col));
  }
  std::optional<double> OptReal(int row, int col) const {
    if (Null(row, col)) return std::nullopt;
    return std::strtod(PQgetvalue(r_.get(), row, col), nullptr);
  }

 private:
  std::unique_ptr<PGresult, ResultDeleter> r_;
};

// ---------------------------------------------------------------------------
using row::AsString;
using row::Child;
using row::ColumnIndex;
using row::EventValues;
using row::Int;
using row::IsNull;
using row::kEventColumns;
using row::kNumEventColumns;
using row::NowUtc;
using row::Obj;
using row::Str;

constexpr size_t kColIncident = ColumnIndex("incident_id");
constexpr size_t kColDate = ColumnIndex("date");
constexpr size_t kColCountry = ColumnIndex("country");
constexpr size_t kColAdmin1 = ColumnIndex("admin1");
constexpr size_t kColLat = ColumnIndex("lat");
constexpr size_t kColLon = ColumnIndex("lon");
constexpr size_t kColPrecision = ColumnIndex("geo_precision");
constexpr size_t kColFatalities = ColumnIndex("fatalities");
static_assert(kColFatalities < kNumEventColumns && kColIncident == 2);

// ---------------------------------------------------------------------------
// The WHERE clause of a QueryFilter over `events e`, with $n parameters. The
// same conditions as sql_where.h's SQLite clause.

struct PgWhere {
  std::string sql;  // " WHERE ..." or ""
  std::vector<Value> binds;
  // "$3" for a new parameter.
  std::string Arg(Value v) {
    binds.push_back(std::move(v));
    return "$" + std::to_string(binds.size());
  }
};

Status CheckText(const std::string& s, const char* what) {
  if (!pg::IsPgText(s)) return InvalidArgumentError(std::string(what) + ": not valid UTF-8");
  return OkStatus();
}

StatusOr<PgWhere> BuildPgWhere(const QueryFilter& f) {
  PgWhere w;
  std::vector<std::string> conds;
  if (!f.from.empty()) {
    if (!sql::IsIsoDate(f.from)) {
      return InvalidArgumentError("--from: expected YYYY-MM-DD: " + f.from);
    }
    conds.push_back("e.date >= " + w.Arg(f.from));
  }
  if (!f.to.empty()) {
    if (!sql::IsIsoDate(f.to)) return InvalidArgumentError("--to: expected YYYY-MM-DD: " + f.to);
    conds.push_back("e.date <= " + w.Arg(f.to));
  }
  SITREP_RETURN_IF_ERROR(CheckText(f.country, "country"));
  SITREP_RETURN_IF_ERROR(CheckText(f.admin1, "admin1"));
  SITREP_RETURN_IF_ERROR(CheckText(f.actor, "actor"));
  SITREP_RETURN_IF_ERROR(CheckText(f.plover, "plover"));
  SITREP_RETURN_IF_ERROR(CheckText(f.acled, "acled"));
  if (!f.country.empty()) conds.push_back("e.country = " + w.Arg(sql::Upper(f.country)));
  if (!f.admin1.empty()) conds.push_back("lower(e.admin1) = lower(" + w.Arg(f.admin1) + ")");
  const bool any_box = f.min_lon || f.min_lat || f.max_lon || f.max_lat;
  if (any_box) {
    if (!(f.min_lon && f.min_lat && f.max_lon && f.max_lat)) {
      return InvalidArgumentError("bounding box needs min_lon, min_lat, max_lon, max_lat");
    }
    if (*f.min_lat > *f.max_lat || std::abs(*f.min_lat) > 90 || std::abs(*f.max_lat) > 90 ||
        std::abs(*f.min_lon) > 180 || std::abs(*f.max_lon) > 180) {
      return InvalidArgumentError("bounding box out of range");
    }
    const std::string lat_lo = w.Arg(*f.min_lat), lat_hi = w.Arg(*f.max_lat),
                      lon_lo = w.Arg(*f.min_lon), lon_hi = w.Arg(*f.max_lon);
    if (*f.min_lon <= *f.max_lon) {
      // The GiST index on geog::geometry, then the exact columns.
      conds.push_back("e.geog::geometry && ST_MakeEnvelope(" + lon_lo + "::float8, " + lat_lo +
                      "::float8, " + lon_hi + "::float8, " + lat_hi + "::float8, 4326) AND e.lat " +
                      "BETWEEN " + lat_lo + " AND " + lat_hi + " AND e.lon BETWEEN " + lon_lo +
                      " AND " + lon_hi);
    } else {  // crosses the antimeridian
      conds.push_back("e.lat BETWEEN " + lat_lo + " AND " + lat_hi + " AND (e.lon >= " + lon_lo +
                      " OR e.lon <= " + lon_hi + ")");
    }
  }
  const bool any_near = f.near_lat || f.near_lon || f.near_km;
  if (any_near) {
    if (!(f.near_lat && f.near_lon && f.near_km)) {
      return InvalidArgumentError("radius filter needs lat, lon and km");
    }
    const double lat = *f.near_lat, lon = *f.near_lon, km = *f.near_km;
    if (std::abs(lat) > 90 || std::abs(lon) > 180 || !(km >= 0) || !std::isfinite(km)) {
      return InvalidArgumentError("radius filter out of range (lat, lon, km >= 0)");
    }
    const std::string plat = w.Arg(lat), plon = w.Arg(lon);
    // ST_DWithin on the sphere (the GiST index) with a margin, then the
    // haversine distance of the SQLite store.
    conds.push_back("ST_DWithin(e.geog, ST_SetSRID(ST_MakePoint(" + plon + "::float8, " + plat +
                    "::float8), 4326)::geography, " + w.Arg(km * 1000.0 * 1.001 + 10.0) +
                    "::float8, false) AND 2 * 6371.0088 * asin(sqrt(least(1.0, " +
                    "power(sin(radians(e.lat - " + plat + "::float8) / 2), 2) + cos(radians(" +
                    plat + "::float8)) * cos(radians(e.lat)) * power(sin(radians(e.lon - " + plon +
                    "::float8) / 2), 2)))) <= " + w.Arg(km) + "::float8");
  }
  if (!f.actor.empty()) {
    const std::string prefix = w.Arg(sql::LikeEscape(f.actor) + "%");
    const std::string words = w.Arg("%" + sql::LikeEscape(f.actor) + "%");
    conds.push_back("(e.source_code ILIKE " + prefix + " ESCAPE '\\' OR e.target_code ILIKE " +
                    prefix + " ESCAPE '\\' OR e.source_text ILIKE " + words +
                    " ESCAPE '\\' OR e.target_text ILIKE " + words +
                    " ESCAPE '\\' OR e.source_name ILIKE " + words +
                    " ESCAPE '\\' OR e.target_name ILIKE " + words + " ESCAPE '\\')");
  }
  if (!f.cameo.empty()) {
    for (char c : f.cameo) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return InvalidArgumentError("--cameo: expected a code of digits: " + f.cameo);
      }
    }
    if (f.cameo.size() == 2) {
      conds.push_back("e.cameo_root = " + w.Arg(f.cameo));
    } else {
      std::string upper = f.cameo;
      upper.back() = static_cast<char>(upper.back() + 1);  // "195" -> ["195", "19:")
      conds.push_back("e.cameo >= " + w.Arg(f.cameo) + " AND e.cameo < " + w.Arg(upper));
    }
  }
  if (!f.plover.empty()) {
    conds.push_back("lower(e.plover_event) = lower(" + w.Arg(f.plover) + ")");
  }
  if (!f.acled.empty()) {
    const std::string a = w.Arg(f.acled);
    conds.push_back("(lower(e.acled_event_type) = lower(" + a +
                    ") OR lower(e.acled_sub_event_type) = lower(" + a + "))");
  }
  if (f.min_fatalities) conds.push_back("e.fatalities >= " + w.Arg(*f.min_fatalities));
  if (!f.text.empty()) {
    std::string tsquery;
    if (f.text_syntax == QueryFilter::TextSyntax::kWords) {
      std::vector<std::string> words = pg::FtsWordQueries(f.text);
      bool any = false;
      for (char c : f.text) any |= !std::isspace(static_cast<unsigned char>(c));
      if (!any) return InvalidArgumentError("full-text query has no words");
      for (const std::string& word : words) {
        tsquery += (tsquery.empty() ? "" : " && ") + std::string("phraseto_tsquery('simple', ") +
                   w.Arg(word) + ")";
      }
    } else {
      SITREP_ASSIGN_OR_RETURN(std::string q, pg::FtsWebSearch(f.text));
      tsquery = "websearch_to_tsquery('simple', " + w.Arg(q) + ")";
    }
    if (tsquery.empty()) {
      conds.push_back("false");  // words with no letters or digits ("(", "---")
    } else {
      conds.push_back(
          "(e.doc_id, e.sentence_index) IN (SELECT s.doc_id, s.sentence_index FROM sentences s "
          "WHERE s.tsv @@ (" +
          tsquery + "))");
    }
  }
  if (f.limit < -1 || f.offset < 0) return InvalidArgumentError("negative limit or offset");
  for (size_t i = 0; i < conds.size(); ++i) w.sql += (i == 0 ? " WHERE " : " AND ") + conds[i];
  return w;
}

// " LIMIT $n OFFSET $m" (a NULL limit is no limit), or "".
std::string PgLimit(const QueryFilter& f, PgWhere& w) {
  if (f.limit < 0 && f.offset == 0) return "";
  return " LIMIT " + w.Arg(f.limit < 0 ? Value{} : Value{f.limit}) + "::bigint OFFSET " +
         w.Arg(f.offset) + "::bigint";
}

QueryFilter Unpaged(const QueryFilter& filter) {
  QueryFilter f = filter;
  f.limit = -1;
  f.offset = 0;
  return f;
}

constexpr const char* kIncidentColumns =
    "id, date_first, date_last, lat, lon, country, admin1, location, precision, event_family, "
    "event_types, fatalities_low, fatalities_best, fatalities_high, n_events, n_documents";

Incident IncidentFromRow(const Rows& q, int r) {
  Incident in;
  in.id = q.Int(r, 0);
  in.date_first = q.Text(r, 1);
  in.date_last = q.Text(r, 2);
  in.lat = q.OptReal(r, 3);
  in.lon = q.OptReal(r, 4);
  in.country = q.Text(r, 5);
  in.admin1 = q.Text(r, 6);
  in.location = q.Text(r, 7);
  in.precision = q.Text(r, 8);
  in.event_family = q.Text(r, 9);
  in.event_types = q.Text(r, 10);
  in.fatalities_low = q.OptInt(r, 11);
  in.fatalities_best = q.OptInt(r, 12);
  in.fatalities_high = q.OptInt(r, 13);
  in.n_events = q.Int(r, 14);
  in.n_documents = q.Int(r, 15);
  return in;
}

// The columns of Scan and GetIncident: an event with its document.
constexpr const char* kEventSelect =
    "SELECT e.rowid, e.incident_id, d.source, d.url, d.title, d.ingested_at, e.record FROM "
    "events e LEFT JOIN documents d ON d.id = e.doc_id";

StatusOr<StoredEvent> EventFromRow(const Rows& q, int r) {
  StoredEvent e;
  e.rowid = q.Int(r, 0);
  e.incident_id = q.Int(r, 1);
  e.doc_source = q.Text(r, 2);
  e.doc_url = q.Text(r, 3);
  e.doc_title = q.Text(r, 4);
  e.ingested_at = q.Text(r, 5);
  e.record = json::parse(q.Text(r, 6), nullptr, /*allow_exceptions=*/false);
  if (e.record.is_discarded()) return DataLossError("stored record is not JSON");
  return e;
}

}  // namespace

// ---------------------------------------------------------------------------
// The connection: parameterised execution, errors as Status, one reconnect.

class PgStore::Conn {
 public:
  ~Conn() {
    if (c_) PQfinish(c_);
  }

  static StatusOr<std::unique_ptr<Conn>> Connect(const std::string& url) {
    auto conn = std::make_unique<Conn>();
    conn->url_ = url;
    conn->c_ = PQconnectdb(url.c_str());
    if (!conn->c_) return IoError(RedactUrl(url) + ": cannot connect: out of memory");
    if (PQstatus(conn->c_) != CONNECTION_OK) {
      return IoError(RedactUrl(url) + ": cannot connect: " + TrimRight(PQerrorMessage(conn->c_)));
    }
    conn->Quiet();
    return conn;
  }

  // Reconnects once when the server closed the connection (a restart).
  Status EnsureConnected() {
    if (PQstatus(c_) == CONNECTION_OK) return OkStatus();
    PQreset(c_);
    if (PQstatus(c_) != CONNECTION_OK) {
      return IoError(RedactUrl(url_) + ": connection lost: " + TrimRight(PQerrorMessage(c_)));
    }
    Quiet();
    prepared_.clear();
    if (!search_path_.empty()) {
      SITREP_RETURN_IF_ERROR(Run("SELECT set_config('search_path', $1, false)", {search_path_}));
    }
    return OkStatus();
  }

  StatusOr<Rows> Exec(const std::string& sql, const std::vector<Value>& params = {}) {
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (IsNull(params[i])) continue;
      texts[i] = ParamText(params[i]);
      values[i] = texts[i].c_str();
    }
    return Check(PQexecParams(c_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                              values.data(), nullptr, nullptr, 0));
  }
  // Same, as a named statement prepared on first use.
  StatusOr<Rows> ExecPrepared(const std::string& name, const std::string& sql,
                              const std::vector<Value>& params) {
    if (!prepared_.count(name)) {
      StatusOr<Rows> p = Check(PQprepare(c_, name.c_str(), sql.c_str(), 0, nullptr));
      if (!p.ok()) return p.status();
      prepared_.insert(name);
    }
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      if (IsNull(params[i])) continue;
      texts[i] = ParamText(params[i]);
      values[i] = texts[i].c_str();
    }
    return Check(PQexecPrepared(c_, name.c_str(), static_cast<int>(params.size()), values.data(),
                                nullptr, nullptr, 0));
  }
  Status Run(const std::string& sql, const std::vector<Value>& params = {}) {
    return Exec(sql, params).status();
  }
  // Several constant statements (the schema); no parameters.
  Status RunScript(const char* sql) { return Check(PQexec(c_, sql)).status(); }

  bool InTransaction() const { return PQtransactionStatus(c_) != PQTRANS_IDLE; }
  int NextCursor() { return ++cursors_; }
  void set_search_path(std::string p) { search_path_ = std::move(p); }

 private:
  void Quiet() {
    PQsetNoticeProcessor(
        c_, [](void*, const char*) {}, nullptr);
    PQsetClientEncoding(c_, "UTF8");
  }

  StatusOr<Rows> Check(PGresult* r) {
    Rows rows(r);
    const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return rows;
    const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    const std::string code = state ? state : "";
    const std::string msg =
        "postgres: " + (primary ? std::string(primary) : TrimRight(PQerrorMessage(c_))) +
        (code.empty() ? "" : " (" + code + ")");
    if (PQstatus(c_) != CONNECTION_OK || code.rfind("08", 0) == 0 || code.rfind("57P", 0) == 0 ||
        code.empty()) {
      return IoError(msg);
    }
    if (code.rfind("22", 0) == 0) return InvalidArgumentError(msg);
    return InternalError(msg);
  }

  PGconn* c_ = nullptr;
  std::string url_, search_path_;
  std::set<std::string> prepared_;
  int cursors_ = 0;
};

namespace {

// Runs `body` in a transaction of its own (BEGIN ... COMMIT, ROLLBACK on
// error), or inside the caller's when one is open.
Status InTransaction(PgStore::Conn& c, const std::function<Status()>& body) {
  const bool own = !c.InTransaction();
  if (own) SITREP_RETURN_IF_ERROR(c.Run("BEGIN"));
  Status s = body();
  if (!own) return s;
  if (!s.ok()) {
    (void)c.Run("ROLLBACK");
    return s;
  }
  return c.Run("COMMIT");
}

// Streams the rows of `sql` through a cursor, 1,000 at a time, so that a scan
// of millions of events holds one page in memory and `fn` may run other
// queries on the same connection.
Status Stream(PgStore::Conn& c, const std::string& sql, const std::vector<Value>& params,
              const std::function<Status(const Rows&, int)>& fn) {
  constexpr int kPage = 1000;
  const std::string cursor = "sitrep_cursor_" + std::to_string(c.NextCursor());
  return InTransaction(c, [&]() -> Status {
    SITREP_RETURN_IF_ERROR(c.Run("DECLARE " + cursor + " NO SCROLL CURSOR FOR " + sql, params));
    Status s = OkStatus();
    while (s.ok()) {
      StatusOr<Rows> page = c.Exec("FETCH " + std::to_string(kPage) + " FROM " + cursor);
      if (!page.ok()) return page.status();
      for (int i = 0; s.ok() && i < page->size(); ++i) s = fn(*page, i);
      if (page->size() < kPage) break;
    }
    if (!s.ok()) {
      (void)c.Run("CLOSE " + cursor);
      return s;
    }
    return c.Run("CLOSE " + cursor);
  });
}

// ---------------------------------------------------------------------------
// Incident merging over the tables: the SQLite store's Merger (store.cc) on
// PostgreSQL. merge.h decides; this finds the candidates (incidents whose
// span box meets the event's, and those of its own document), moves events
// between incidents and rewrites incident rows, statement for statement as
// SQLite does, so that both backends make the same incidents of the same
// ingest. One PgMerger per transaction.

// ISO3 "IRQ" -> a number for the span's country axis (0 when unknown).
int64_t CountryCell(const std::string& iso3) {
  if (iso3.size() != 3) return 0;
  int64_t n = 0;
  for (char c : iso3) {
    if (c < 'A' || c > 'Z') return 0;
    n = n * 27 + (c - 'A' + 1);
  }
  return n;
}

// The event columns a MergeKey is made of, in KeyFromRow's order.
constexpr const char* kKeyColumns =
    "e.doc_id, e.doc_date, e.date, e.date_precision, e.date_basis, e.cameo, e.plover_event, "
    "e.acled_event_type, e.source_code, e.source_country, e.source_sector, e.source_name, "
    "e.target_code, e.target_country, e.target_sector, e.target_name, e.lat, e.lon, "
    "e.geo_precision, e.country, e.admin1, e.fatalities";
constexpr int kNumKeyColumns = 22;

MergeKey KeyFromRow(const Rows& q, int r, const MergeParams& params, int first = 0) {
  MergeFields f;
  int i = first;
  f.doc_id = q.Text(r, i++);
  f.doc_date = q.Text(r, i++);
  f.date = q.Text(r, i++);
  f.date_precision = q.Text(r, i++);
  f.date_basis = q.Text(r, i++);
  f.cameo = q.Text(r, i++);
  f.plover = q.Text(r, i++);
  f.acled_event_type = q.Text(r, i++);
  for (ActorKey* a : {&f.source, &f.target}) {
    a->code = q.Text(r, i++);
    a->country = q.Text(r, i++);
    a->sector = q.Text(r, i++);
    a->name = q.Text(r, i++);
  }
  f.lat = q.OptReal(r, i++);
  f.lon = q.OptReal(r, i++);
  f.precision = q.Text(r, i++);
  f.country = q.Text(r, i++);
  f.admin1 = q.Text(r, i++);
  f.fatalities = q.OptInt(r, i++);
  return KeyFromFields(f, params);
}

// Rank of a place precision for "the most precise located report".
int PrecisionRank(const std::string& p) {
  static const char* kOrder[] = {"point", "city", "feature", "admin1", "country"};
  for (int i = 0; i < 5; ++i) {
    if (p == kOrder[i]) return i;
  }
  return 5;
}

class PgMerger {
 public:
  explicit PgMerger(PgStore::Conn& c, MergeParams params = {}) : c_(c), params_(params) {}

  // The incident the event with `key` joins (merge.h, Decide), or a new
  // incident row; incidents it links are merged into that one. The caller
  // writes the event's incident_id.
  StatusOr<int64_t> Link(const MergeKey& key) {
    const bool cross = MergesAcrossDocuments(key, params_);
    const int64_t cc = CountryCell(key.country), fc = FamilyClass(key);
    // The candidates: incidents whose span (days x country by the GiST box,
    // then the family class) meets the event's, when it may merge across
    // documents, and those of its own document.
    SITREP_ASSIGN_OR_RETURN(
        Rows ids,
        c_.ExecPrepared(
            "m_candidate_ids",
            "SELECT id FROM incidents WHERE $4::boolean AND span && box(point($1::float8, "
            "$3::float8), point($2::float8, $3::float8)) AND span_fc_lo <= $6 AND span_fc_hi >= "
            "$6 UNION SELECT incident_id FROM events WHERE doc_id = $5 AND incident_id IS NOT "
            "NULL ORDER BY 1",
            {key.day_lo - params_.day_slack, key.day_hi + params_.day_slack, cc,
             std::string(cross ? "true" : "false"), key.doc_id, fc}));
    std::vector<int64_t> uncached;
    for (int r = 0; r < ids.size(); ++r) {
      if (!cache_.count(ids.Int(r, 0))) uncached.push_back(ids.Int(r, 0));
    }
    SITREP_RETURN_IF_ERROR(LoadSamples(uncached));
    std::vector<Candidate> candidates;
    for (int r = 0; r < ids.size(); ++r) {
      Candidate cand;
      cand.id = ids.Int(r, 0);
      cand.members = std::move(cache_[cand.id]);  // lent to Decide, given back below
      candidates.push_back(std::move(cand));
    }
    Decision d = Decide(key, candidates, params_);
    for (Candidate& cand : candidates) cache_[cand.id] = std::move(cand.members);
    int64_t target = d.incident;
    if (target == 0) {
      SITREP_ASSIGN_OR_RETURN(target, NewIncident());
    }
    std::vector<MergeKey>& sample = cache_[target];  // empty for a new incident
    for (int64_t a : d.absorb) {
      auto it = cache_.find(a);
      if (it != cache_.end()) {
        for (MergeKey& k : it->second) AddToSample(sample, std::move(k));
        cache_.erase(it);
      }
      SITREP_RETURN_IF_ERROR(
          c_.ExecPrepared("m_move_events",
                          "UPDATE events SET incident_id = $1 WHERE incident_id = $2", {target, a})
              .status());
      // The target's span takes in the absorbed one's (least/greatest skip NULLs).
      SITREP_RETURN_IF_ERROR(
          c_.ExecPrepared("m_absorb_span",
                          "UPDATE incidents t SET span_lo = least(t.span_lo, a.span_lo), "
                          "span_hi = greatest(t.span_hi, a.span_hi), span_cc_lo = "
                          "least(t.span_cc_lo, a.span_cc_lo), span_cc_hi = greatest(t.span_cc_hi, "
                          "a.span_cc_hi), span_fc_lo = least(t.span_fc_lo, a.span_fc_lo), "
                          "span_fc_hi = greatest(t.span_fc_hi, a.span_fc_hi) FROM incidents a "
                          "WHERE t.id = $1 AND a.id = $2 AND "
                          "a.span_lo IS NOT NULL",
                          {target, a})
              .status());
      SITREP_RETURN_IF_ERROR(DeleteIncident(a));
      dirty_.erase(a);
    }
    if (cross) {
      // Only when it grows: an unchanged row is not rewritten (no dead tuple
      // for every event of a big incident).
      SITREP_RETURN_IF_ERROR(
          c_.ExecPrepared("m_extend_span",
                          "UPDATE incidents SET span_lo = least(span_lo, $2), span_hi = "
                          "greatest(span_hi, $3), span_cc_lo = least(span_cc_lo, $4), span_cc_hi "
                          "= greatest(span_cc_hi, $4), span_fc_lo = least(span_fc_lo, $5), "
                          "span_fc_hi = greatest(span_fc_hi, $5) WHERE id = $1 AND (span_lo IS "
                          "NULL OR span_lo > $2 OR span_hi < $3 OR span_cc_lo > $4 OR span_cc_hi "
                          "< $4 OR span_fc_lo > $5 OR span_fc_hi < $5)",
                          {target, key.day_lo, key.day_hi, cc, fc})
              .status());
    }
    AddToSample(sample, key);
    dirty_.insert(target);
    if (++cached_keys_ > kMaxCachedKeys) {
      cache_.clear();
      cached_keys_ = 0;
    }
    return target;
  }

  // After some of its events were deleted: re-clusters the rest of an
  // incident among themselves (in date order) and gives every cluster but the
  // first a new incident. Incidents of more than kMaxResplit events are only
  // recomputed.
  Status Resplit(int64_t incident) {
    dirty_.insert(incident);
    reshaped_.insert(incident);
    cache_.erase(incident);
    std::vector<int64_t> rowids;
    SITREP_ASSIGN_OR_RETURN(std::vector<MergeKey> keys, Members(incident, -1, &rowids));
    if (keys.size() < 2 || keys.size() > kMaxResplit) return OkStatus();
    std::vector<size_t> order(keys.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return keys[a].day_lo < keys[b].day_lo; });
    std::vector<MergeKey> sorted;
    sorted.reserve(order.size());
    for (size_t i : order) sorted.push_back(keys[i]);
    std::vector<int> cluster = ClusterKeys(sorted, params_);
    std::map<int, int64_t> incident_of = {{0, incident}};
    for (size_t i = 0; i < sorted.size(); ++i) {
      auto it = incident_of.find(cluster[i]);
      if (it == incident_of.end()) {
        SITREP_ASSIGN_OR_RETURN(int64_t fresh, NewIncident());
        it = incident_of.emplace(cluster[i], fresh).first;
        dirty_.insert(fresh);
        reshaped_.insert(fresh);
      }
      if (it->second == incident) continue;
      SITREP_RETURN_IF_ERROR(c_.ExecPrepared("m_move_event",
                                             "UPDATE events SET incident_id = $1 WHERE rowid = $2",
                                             {it->second, rowids[order[i]]})
                                 .status());
    }
    return OkStatus();
  }

  // Rewrites the rows and spans of every incident touched since the last
  // Flush; an incident left without events is deleted.
  Status Flush() {
    for (int64_t id : dirty_) {
      if (reshaped_.count(id)) SITREP_RETURN_IF_ERROR(RecomputeSpan(id));
      SITREP_RETURN_IF_ERROR(Recompute(id));
    }
    dirty_.clear();
    reshaped_.clear();
    return OkStatus();
  }

 private:
  static constexpr size_t kMaxResplit = 4000;
  static constexpr size_t kMaxCachedKeys = 200000;

  // The members Decide compares an event with, cached for the transaction as
  // the SQLite store's Merger caches them (its Sample and AddToSample): loaded
  // as Members(id, max_members_compared) reads them, then each linked event
  // replaces the middle one of a full sample. Loads every id of `ids` in one
  // round trip: part 0 the first `limit` members by insertion, part 1 the last
  // `limit - limit / 2` (newest first), used only when part 0 is full.
  Status LoadSamples(const std::vector<int64_t>& ids) {
    if (ids.empty()) return OkStatus();
    const int64_t limit = static_cast<int64_t>(params_.max_members_compared);
    std::string array = "{";
    for (size_t i = 0; i < ids.size(); ++i) array += (i ? "," : "") + std::to_string(ids[i]);
    array += "}";
    SITREP_ASSIGN_OR_RETURN(
        Rows q,
        c_.ExecPrepared(
            "m_samples",
            std::string("SELECT ids.id, m.* FROM unnest($1::bigint[]) AS ids(id) CROSS JOIN "
                        "LATERAL ((SELECT 0 AS part, ") +
                kKeyColumns +
                ", e.rowid FROM events e WHERE e.incident_id = ids.id ORDER BY e.rowid LIMIT "
                "$2::bigint) UNION ALL (SELECT 1, " +
                kKeyColumns +
                ", e.rowid FROM events e WHERE e.incident_id = ids.id AND EXISTS (SELECT 1 FROM "
                "events f WHERE f.incident_id = ids.id ORDER BY f.rowid OFFSET $2::bigint - 1 "
                "LIMIT 1) ORDER BY e.rowid DESC LIMIT $3::bigint)) m ORDER BY ids.id, m.part, "
                "CASE WHEN m.part = 0 THEN m.rowid ELSE -m.rowid END",
            {array, limit, limit - limit / 2}));
    for (int64_t id : ids) cache_[id];  // an incident without events has an empty sample
    for (int r = 0; r < q.size();) {
      const int64_t id = q.Int(r, 0);
      std::vector<MergeKey> first, last;
      for (; r < q.size() && q.Int(r, 0) == id; ++r) {
        // Columns: id, part, the key columns, rowid.
        (q.Int(r, 1) == 0 ? first : last).push_back(KeyFromRow(q, r, params_, 2));
      }
      if (static_cast<int64_t>(first.size()) == limit && limit >= 2) {
        first.resize(static_cast<size_t>(limit / 2));
        for (MergeKey& k : last) first.push_back(std::move(k));
      }
      cached_keys_ += first.size();
      cache_[id] = std::move(first);
    }
    return OkStatus();
  }
  void AddToSample(std::vector<MergeKey>& sample, MergeKey key) const {
    const size_t max = std::max<size_t>(2, params_.max_members_compared);
    if (sample.size() >= max) sample.erase(sample.begin() + static_cast<ptrdiff_t>(max / 2));
    sample.push_back(std::move(key));
  }

  StatusOr<int64_t> NewIncident() {
    SITREP_ASSIGN_OR_RETURN(
        Rows q, c_.ExecPrepared("m_new_incident",
                                "INSERT INTO incidents(n_events, n_documents) VALUES (0, 0) "
                                "RETURNING id",
                                {}));
    return q.Int(0, 0);
  }

  Status DeleteIncident(int64_t id) {
    return c_.ExecPrepared("m_del_incident", "DELETE FROM incidents WHERE id = $1", {id}).status();
  }

  // Keys of an incident's events by insertion; with `limit` >= 0 at most
  // `limit`: the first and the last half.
  StatusOr<std::vector<MergeKey>> Members(int64_t incident, int64_t limit,
                                          std::vector<int64_t>* rowids) {
    std::vector<MergeKey> out;
    auto read = [&](bool last, int64_t n) -> Status {
      const std::string sql = std::string("SELECT ") + kKeyColumns +
                              ", e.rowid FROM events e WHERE e.incident_id = $1 ORDER BY e.rowid" +
                              (last ? " DESC" : "") + " LIMIT $2::bigint";
      SITREP_ASSIGN_OR_RETURN(Rows q, c_.ExecPrepared(last ? "m_members_last" : "m_members_first",
                                                      sql, {incident, n < 0 ? Value{} : Value{n}}));
      for (int r = 0; r < q.size(); ++r) {
        out.push_back(KeyFromRow(q, r, params_));
        if (rowids) rowids->push_back(q.Int(r, kNumKeyColumns));
      }
      return OkStatus();
    };
    if (limit < 0) {
      SITREP_RETURN_IF_ERROR(read(false, -1));
      return out;
    }
    SITREP_RETURN_IF_ERROR(read(false, limit));
    if (static_cast<int64_t>(out.size()) == limit && limit >= 2) {
      out.resize(static_cast<size_t>(limit / 2));
      SITREP_RETURN_IF_ERROR(read(true, limit - limit / 2));
    }
    return out;
  }

  // The span from scratch, after events left the incident (Link only ever
  // extends it): the hull of the members that merge across documents.
  Status RecomputeSpan(int64_t id) {
    SITREP_ASSIGN_OR_RETURN(std::vector<MergeKey> keys, Members(id, -1, nullptr));
    Value lo, hi, cc_lo, cc_hi, fc_lo, fc_hi;
    for (const MergeKey& k : keys) {
      if (!MergesAcrossDocuments(k, params_)) continue;
      const int64_t cc = CountryCell(k.country), fc = FamilyClass(k);
      if (IsNull(lo)) {
        lo = k.day_lo, hi = k.day_hi, cc_lo = cc, cc_hi = cc, fc_lo = fc, fc_hi = fc;
      } else {
        fc_lo = std::min(std::get<int64_t>(fc_lo), fc);
        fc_hi = std::max(std::get<int64_t>(fc_hi), fc);
        lo = std::min(std::get<int64_t>(lo), k.day_lo);
        hi = std::max(std::get<int64_t>(hi), k.day_hi);
        cc_lo = std::min(std::get<int64_t>(cc_lo), cc);
        cc_hi = std::max(std::get<int64_t>(cc_hi), cc);
      }
    }
    return c_
        .ExecPrepared("m_put_span",
                      "UPDATE incidents SET span_lo = $2, span_hi = $3, span_cc_lo = $4, "
                      "span_cc_hi = $5, span_fc_lo = $6, span_fc_hi = $7 WHERE id = $1",
                      {id, lo, hi, cc_lo, cc_hi, fc_lo, fc_hi})
        .status();
  }

  // The incident row from its events; deletes an incident left empty.
  Status Recompute(int64_t id) {
    SITREP_ASSIGN_OR_RETURN(
        Rows q,
        c_.ExecPrepared(
            "m_report_rows",
            "SELECT e.id, e.doc_id, e.date, e.lat, e.lon, e.geo_precision, e.country, e.admin1, "
            "e.location_name, e.plover_event, e.acled_event_type, CASE WHEN e.plover_event IS "
            "NULL AND e.acled_event_type IS NULL THEN e.record::json ->> 'cameo_label' END, "
            "e.cameo, e.quad_class, e.fatalities, e.fatalities_qualifier, "
            "e.attribution_text, d.source, d.title FROM events e LEFT JOIN documents d ON d.id = "
            "e.doc_id WHERE e.incident_id = $1 ORDER BY e.rowid",
            {id}));
    std::string date_first, date_last, types;
    std::set<std::string> docs, seen_types;
    int64_t n = 0;
    int best_rank = 7;
    std::vector<Value> place(6);  // lat, lon, country, admin1, location, precision
    std::map<std::string, int> family_votes, violent_votes;
    std::vector<std::string> family_order;
    std::vector<Figure> figures;
    for (int r = 0; r < q.size(); ++r) {
      ++n;
      const std::string doc = q.Text(r, 1), date = q.Text(r, 2);
      docs.insert(doc);
      if (!date.empty()) {
        if (date_first.empty() || date < date_first) date_first = date;
        if (date_last.empty() || date > date_last) date_last = date;
      }
      auto opt_text = [&](int col) -> Value {
        return q.Null(r, col) ? Value{} : Value{q.Text(r, col)};
      };
      // The place: the most precise located report (0-5), else the first
      // unlocated one with a country (6).
      const bool located = !q.Null(r, 3) && !q.Null(r, 4);
      const int rank = located ? PrecisionRank(q.Text(r, 5)) : (q.Null(r, 6) ? 7 : 6);
      if (rank < best_rank) {
        best_rank = rank;
        place = {located ? Value{*q.OptReal(r, 3)} : Value{},
                 located ? Value{*q.OptReal(r, 4)} : Value{},
                 opt_text(6),
                 opt_text(7),
                 opt_text(8),
                 opt_text(5)};
      }
      // The family: PLOVER type, else ACLED type, else the CAMEO label.
      std::string family;
      for (int col : {9, 10, 11, 12}) {
        if (family.empty()) family = q.Text(r, col);
      }
      if (!family.empty()) {
        if (!family_votes.count(family)) family_order.push_back(family);
        ++family_votes[family];
        if (q.Int(r, 13) == 4) ++violent_votes[family];
      }
      std::string type;
      for (int col : {12, 9, 10}) {
        if (std::string t = q.Text(r, col); !t.empty()) type += (type.empty() ? "" : "/") + t;
      }
      if (!type.empty() && seen_types.insert(type).second) {
        types += (types.empty() ? "" : "; ") + type;
      }
      if (!q.Null(r, 14)) {
        std::string source = q.Text(r, 16);
        if (source.empty()) source = q.Text(r, 17);
        if (source.empty()) source = doc;
        figures.push_back({q.Int(r, 14), q.Text(r, 15), doc, q.Text(r, 0), source});
      }
    }
    // Material conflict (quad class 4) families first, then any; ties: first seen.
    std::string family;
    for (const auto* votes : {&violent_votes, &family_votes}) {
      int top = 0;
      for (const std::string& f : family_order) {
        auto it = votes->find(f);
        if (it != votes->end() && it->second > top) {
          top = it->second;
          family = f;
        }
      }
      if (!family.empty()) break;
    }
    if (n == 0) return DeleteIncident(id);
    FatalityRange fat = AggregateFigures(figures);
    auto opt = [](const std::string& v) -> Value { return v.empty() ? Value{} : Value{v}; };
    auto opt_int = [](const std::optional<int64_t>& v) -> Value { return v ? Value{*v} : Value{}; };
    return c_
        .ExecPrepared(
            "m_upd_incident",
            "UPDATE incidents SET date_first = $1, date_last = $2, lat = $3::float8, lon = "
            "$4::float8, geog = ST_SetSRID(ST_MakePoint($4::float8, $3::float8), "
            "4326)::geography, country = $5, admin1 = $6, location = $7, precision = $8, "
            "event_family = $9, event_types = $10, fatalities_low = $11, fatalities_best = $12, "
            "fatalities_high = $13, n_events = $14, n_documents = $15 WHERE id = $16",
            {opt(date_first), opt(date_last), place[0], place[1], place[2], place[3], place[4],
             place[5], opt(family), Value{types}, opt_int(fat.low), opt_int(fat.best),
             opt_int(fat.high), Value{n}, Value{static_cast<int64_t>(docs.size())}, Value{id}})
        .status();
  }

  PgStore::Conn& c_;
  MergeParams params_;
  std::set<int64_t> dirty_;
  std::set<int64_t> reshaped_;  // lost events since the last Flush: span from scratch
  std::unordered_map<int64_t, std::vector<MergeKey>> cache_;  // incident -> sample
  size_t cached_keys_ = 0;
};

// Re-clusters every event in date order (text-dated days before story-dated
// events of the same date, then document, sentence, ingest order), inside the
// caller's transaction.
Status RemergeAll(PgStore::Conn& c) {
  SITREP_RETURN_IF_ERROR(c.Run("UPDATE events SET incident_id = NULL"));
  SITREP_RETURN_IF_ERROR(c.Run("DELETE FROM incidents"));
  SITREP_ASSIGN_OR_RETURN(
      Rows ids, c.Exec("SELECT rowid FROM events ORDER BY date NULLS FIRST, CASE WHEN date_basis "
                       "IN ('text', 'paragraph') AND date_precision = 'day' THEN 0 ELSE 1 END, "
                       "doc_id COLLATE \"C\", sentence_index NULLS FIRST, rowid"));
  PgMerger merger(c);
  const MergeParams params;
  for (int i = 0; i < ids.size(); ++i) {
    const int64_t rowid = ids.Int(i, 0);
    SITREP_ASSIGN_OR_RETURN(Rows row, c.ExecPrepared("m_load_key",
                                                     std::string("SELECT ") + kKeyColumns +
                                                         " FROM events e WHERE e.rowid = $1",
                                                     {rowid}));
    if (row.size() == 0) continue;
    SITREP_ASSIGN_OR_RETURN(int64_t incident, merger.Link(KeyFromRow(row, 0, params)));
    SITREP_RETURN_IF_ERROR(c.ExecPrepared("m_move_event",
                                          "UPDATE events SET incident_id = $1 WHERE rowid = $2",
                                          {incident, rowid})
                               .status());
  }
  return merger.Flush();
}

}  // namespace

// ---------------------------------------------------------------------------
// Open: PostGIS, the schema, the search_path.

StatusOr<std::unique_ptr<Store>> OpenPostgres(const std::string& url) { return PgStore::Open(url); }

PgStore::PgStore(std::unique_ptr<Conn> conn, std::string url)
    : Store(std::move(url)), conn_(std::move(conn)) {}

PgStore::~PgStore() = default;

StatusOr<std::unique_ptr<Store>> PgStore::Open(const std::string& url) {
  const std::string shown = RedactUrl(url);
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Conn> conn, Conn::Connect(url));
  Conn& c = *conn;
  Status s = InTransaction(c, [&]() -> Status {
    SITREP_RETURN_IF_ERROR(c.Run("SELECT pg_advisory_xact_lock(hashtext($1))", {kSchemaLock}));
    // PostGIS: use it where it is installed; install it if we may.
    const std::string find_postgis =
        "SELECT n.nspname FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace "
        "WHERE x.extname = 'postgis'";
    SITREP_ASSIGN_OR_RETURN(Rows ext, c.Exec(find_postgis));
    if (ext.size() == 0) {
      SITREP_ASSIGN_OR_RETURN(Rows avail,
                              c.Exec("SELECT 1 FROM pg_available_extensions WHERE name = "
                                     "'postgis'"));
      if (avail.size() == 0) {
        return FailedPreconditionError("PostGIS is not installed on the server");
      }
      Status created = c.Run("CREATE EXTENSION IF NOT EXISTS postgis");
      if (!created.ok()) {
        return FailedPreconditionError(
            "PostGIS is not enabled in this database and sitrep may not enable it (as a "
            "superuser: CREATE EXTENSION postgis): " +
            created.message());
      }
      SITREP_ASSIGN_OR_RETURN(ext, c.Exec(find_postgis));
      if (ext.size() == 0) return FailedPreconditionError("PostGIS could not be enabled");
    }
    SITREP_ASSIGN_OR_RETURN(Rows sp,
                            c.Exec("SELECT 'sitrep, ' || quote_ident($1::text)", {ext.Text(0, 0)}));
    const std::string search_path = sp.Text(0, 0);
    // Our schema: absent (create it), a sitrep store (check its version), or
    // someone else's (refuse).
    SITREP_ASSIGN_OR_RETURN(
        Rows tables,
        c.Exec("SELECT count(*), count(*) FILTER (WHERE tablename = 'schema_version'), "
               "count(*) FILTER (WHERE tablename IN ('documents', 'events', 'incidents', "
               "'sentences')) FROM pg_tables WHERE schemaname = 'sitrep'"));
    const int64_t n_tables = tables.Int(0, 0), has_version = tables.Int(0, 1),
                  n_ours = tables.Int(0, 2);
    SITREP_RETURN_IF_ERROR(c.Run("CREATE SCHEMA IF NOT EXISTS sitrep"));
    SITREP_RETURN_IF_ERROR(c.Run("SELECT set_config('search_path', $1, false)", {search_path}));
    c.set_search_path(search_path);
    int version = 0;
    if (has_version) {
      SITREP_ASSIGN_OR_RETURN(Rows v, c.Exec("SELECT max(version) FROM schema_version"));
      version = static_cast<int>(v.Int(0, 0));
    } else if (n_tables > 0) {
      return DataLossError("not a sitrep store (schema \"sitrep\" holds other tables)");
    }
    if (version > kSchemaVersion) {
      return FailedPreconditionError("store schema version " + std::to_string(version) +
                                     " is newer than this sitrep's (" +
                                     std::to_string(kSchemaVersion) + ")");
    }
    if (version == kSchemaVersion) {
      if (n_ours != 4) return DataLossError("not a sitrep store (tables missing)");
      return OkStatus();
    }
    if (version == 0) {
      SITREP_RETURN_IF_ERROR(c.RunScript(kSchema));
    } else if (version == 1) {
      // Before merging every event was its own incident: cluster them.
      SITREP_RETURN_IF_ERROR(c.Run("SELECT pg_advisory_xact_lock(hashtext($1))", {kIngestLock}));
      SITREP_RETURN_IF_ERROR(c.RunScript(kMigrateV1));
      SITREP_RETURN_IF_ERROR(RemergeAll(c));
    }
    SITREP_RETURN_IF_ERROR(c.Run("DELETE FROM schema_version"));
    return c.Run("INSERT INTO schema_version(version) VALUES ($1)",
                 {static_cast<int64_t>(kSchemaVersion)});
  });
  if (!s.ok()) return s.WithContext(shown);
  return std::unique_ptr<Store>(new PgStore(std::move(conn), shown));
}

// ---------------------------------------------------------------------------
// Ingest.

Status PgStore::IngestBatch(const std::vector<DocumentRecords>& batch, const IngestOptions& options,
                            IngestStats* stats) {
  IngestStats local;
  IngestStats& st = stats ? *stats : local;
  Conn& c = *conn_;
  SITREP_RETURN_IF_ERROR(c.EnsureConnected());
  std::string cols, marks;
  for (size_t i = 0; i < kNumEventColumns; ++i) {
    cols += (i ? ", " : "") + std::string(kEventColumns[i]);
    marks += (i ? ", $" : "$") + std::to_string(i + 1);
  }
  const std::string lat = "$" + std::to_string(kColLat + 1) + "::float8",
                    lon = "$" + std::to_string(kColLon + 1) + "::float8";
  const std::string ins_event = "INSERT INTO events(" + cols + ", geog) VALUES (" + marks +
                                ", ST_SetSRID(ST_MakePoint(" + lon + ", " + lat +
                                "), 4326)::geography) RETURNING rowid";
  // Unpacks a rejected document's problem into the stats.
  auto reject = [&](const std::string& id, const std::string& problem) {
    ++st.rejected;
    st.errors.push_back("doc " + id + ": " + problem);
  };
  // Counts are applied after the commit: a rolled-back batch reports nothing
  // as written.
  IngestStats counts;
  Status s = InTransaction(c, [&]() -> Status {
    SITREP_RETURN_IF_ERROR(c.Run("SELECT pg_advisory_xact_lock(hashtext($1))", {kIngestLock}));
    PgMerger merger(c);
    const std::string now = NowUtc();
    std::set<std::string> seen_in_batch;
    for (size_t di = 0; di < batch.size(); ++di) {
      const DocumentRecords& d = batch[di];
      const StoredDocument& doc = d.document;
      const std::string& id = doc.id;
      // Validate before writing anything of this document.
      std::string problem;
      if (id.empty()) problem = "document without an id";
      for (const std::string* f :
           {&doc.id, &doc.date, &doc.title, &doc.source, &doc.url, &doc.text}) {
        if (problem.empty() && !pg::IsPgText(*f)) problem = "not valid UTF-8 (or a NUL byte)";
      }
      for (const StoredSentence& sent : d.sentences) {
        if (problem.empty() && !pg::IsPgText(sent.text)) {
          problem = "sentence " + std::to_string(sent.index) + ": not valid UTF-8";
        }
      }
      std::set<std::string> record_ids;
      std::vector<std::string> dumps;
      dumps.reserve(d.records.size());
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
        } else {
          try {
            dumps.push_back(r.dump());
          } catch (const json::exception&) {
            problem = "record " + std::to_string(i) + ": not valid UTF-8";
          }
        }
      }
      if (problem.empty() && !seen_in_batch.insert(id).second) problem = "given twice in one batch";
      if (!problem.empty()) {
        reject(id, problem);
        continue;
      }
      const std::string hash = ContentHash(d);
      SITREP_ASSIGN_OR_RETURN(
          Rows old, c.ExecPrepared("get_hash", "SELECT hash FROM documents WHERE id = $1", {id}));
      const bool known = old.size() > 0;
      if (known && old.Text(0, 0) == hash) {
        ++counts.unchanged;
        if (options.on_document) options.on_document(di);
        continue;
      }
      if (known) {
        // Replace: the incidents of its events, then the document (cascading
        // to sentences and events), then the incidents left empty.
        SITREP_ASSIGN_OR_RETURN(
            Rows incidents,
            c.ExecPrepared("old_incidents",
                           "SELECT DISTINCT incident_id FROM events WHERE doc_id = $1 AND "
                           "incident_id IS NOT NULL",
                           {id}));
        SITREP_RETURN_IF_ERROR(
            c.ExecPrepared("del_doc", "DELETE FROM documents WHERE id = $1", {id}).status());
        // The incidents it was in lose its events: re-cluster (or delete) them.
        for (int i = 0; i < incidents.size(); ++i) {
          SITREP_RETURN_IF_ERROR(merger.Resplit(incidents.Int(i, 0)));
        }
        ++counts.replaced;
      } else {
        ++counts.inserted;
      }
      auto opt = [](const std::string& v) -> Value { return v.empty() ? Value{} : Value{v}; };
      SITREP_RETURN_IF_ERROR(
          c.ExecPrepared("ins_doc",
                         "INSERT INTO documents(id, hash, date, title, source, url, text, "
                         "ingested_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                         {id, hash, opt(doc.date), opt(doc.title), opt(doc.source), opt(doc.url),
                          doc.text, now})
              .status());
      auto add_sentence = [&](int64_t index, const Value& start, const Value& end,
                              const std::string& text) -> Status {
        return c
            .ExecPrepared("ins_sent",
                          "INSERT INTO sentences(doc_id, sentence_index, start, \"end\", text, "
                          "tsv) VALUES ($1, $2, $3, $4, $5, to_tsvector('simple', $6)) ON "
                          "CONFLICT (doc_id, sentence_index) DO NOTHING",
                          {id, index, start, end, text, pg::FtsNormalize(text)})
            .status();
      };
      if (!d.sentences.empty()) {
        for (const StoredSentence& sent : d.sentences) {
          SITREP_RETURN_IF_ERROR(add_sentence(sent.index, sent.start, sent.end, sent.text));
        }
      } else {
        for (const json& r : d.records) {
          Value index = Int(r, "sentence_index");
          Value text = Str(r, "sentence");
          if (IsNull(index) || IsNull(text)) continue;
          const json& span = Obj(r, "span");
          SITREP_RETURN_IF_ERROR(add_sentence(std::get<int64_t>(index), Int(span, "start"),
                                              Int(span, "end"), std::get<std::string>(text)));
        }
      }
      // The events, in record order, not yet linked; then each is linked to
      // the incident it reports (merge.h), or a new one: first those the text
      // dates to a day, then the rest (headlines dated by the story date
      // only), which so prefer their own document's happening to an earlier
      // one nearby. (The SQLite store's order.)
      std::vector<std::pair<int64_t, MergeKey>> to_link;
      to_link.reserve(d.records.size());
      for (size_t ri = 0; ri < d.records.size(); ++ri) {
        const json& r = d.records[ri];
        std::vector<Value> ev = EventValues(r, std::move(dumps[ri]), id);
        StatusOr<Rows> row = c.ExecPrepared("ins_event", ins_event, ev);
        if (!row.ok()) return row.status().WithContext("doc " + id + ": event " + AsString(ev[0]));
        to_link.emplace_back(row->Int(0, 0), KeyFromRecord(r));
        ++counts.events;
      }
      std::stable_partition(to_link.begin(), to_link.end(),
                            [](const auto& e) { return e.second.text_dated_day; });
      for (const auto& [rowid, key] : to_link) {
        SITREP_ASSIGN_OR_RETURN(int64_t incident, merger.Link(key));
        SITREP_RETURN_IF_ERROR(c.ExecPrepared("m_move_event",
                                              "UPDATE events SET incident_id = $1 WHERE rowid = $2",
                                              {incident, rowid})
                                   .status());
      }
      if (options.on_document) options.on_document(di);
    }
    // The rows of the incidents this batch touched.
    return merger.Flush();
  });
  if (!s.ok()) return s;
  st.inserted += counts.inserted;
  st.replaced += counts.replaced;
  st.unchanged += counts.unchanged;
  st.events += counts.events;
  return OkStatus();
}

Status PgStore::Remerge() {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  return InTransaction(*conn_, [&]() -> Status {
    SITREP_RETURN_IF_ERROR(conn_->Run("SELECT pg_advisory_xact_lock(hashtext($1))", {kIngestLock}));
    return RemergeAll(*conn_);
  });
}

// ---------------------------------------------------------------------------
// Reads.

Status PgStore::Scan(const QueryFilter& filter,
                     const std::function<Status(StoredEvent&&)>& fn) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(PgWhere w, BuildPgWhere(filter));
  const std::string sql = std::string(kEventSelect) + w.sql +
                          " ORDER BY e.date NULLS FIRST, e.rowid" + PgLimit(filter, w);
  return Stream(*conn_, sql, w.binds, [&](const Rows& q, int r) -> Status {
    SITREP_ASSIGN_OR_RETURN(StoredEvent e, EventFromRow(q, r));
    return fn(std::move(e));
  });
}

Status PgStore::ScanIncidents(const QueryFilter& filter,
                              const std::function<Status(const Incident&)>& fn) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(PgWhere w, BuildPgWhere(Unpaged(filter)));
  const std::string sql = std::string("SELECT ") + kIncidentColumns +
                          " FROM incidents WHERE id IN (SELECT e.incident_id FROM events e" +
                          w.sql + ") ORDER BY id" + PgLimit(filter, w);
  return Stream(*conn_, sql, w.binds,
                [&](const Rows& q, int r) -> Status { return fn(IncidentFromRow(q, r)); });
}

StatusOr<int64_t> PgStore::CountEvents(const QueryFilter& filter) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(PgWhere w, BuildPgWhere(Unpaged(filter)));
  SITREP_ASSIGN_OR_RETURN(Rows q, conn_->Exec("SELECT count(*) FROM events e" + w.sql, w.binds));
  return q.Int(0, 0);
}

StatusOr<int64_t> PgStore::CountIncidents(const QueryFilter& filter) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(PgWhere w, BuildPgWhere(Unpaged(filter)));
  SITREP_ASSIGN_OR_RETURN(
      Rows q, conn_->Exec("SELECT count(DISTINCT e.incident_id) FROM events e" + w.sql, w.binds));
  return q.Int(0, 0);
}

StatusOr<IncidentDetail> PgStore::GetIncident(int64_t id) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  IncidentDetail out;
  SITREP_ASSIGN_OR_RETURN(Rows in, conn_->Exec(std::string("SELECT ") + kIncidentColumns +
                                                   " FROM incidents WHERE id = $1",
                                               {id}));
  if (in.size() == 0) return NotFoundError("no incident " + std::to_string(id));
  out.incident = IncidentFromRow(in, 0);
  SITREP_ASSIGN_OR_RETURN(
      Rows q, conn_->Exec(std::string(kEventSelect) +
                              " WHERE e.incident_id = $1 ORDER BY e.date NULLS FIRST, e.rowid",
                          {id}));
  for (int r = 0; r < q.size(); ++r) {
    SITREP_ASSIGN_OR_RETURN(StoredEvent e, EventFromRow(q, r));
    // "fatalities": {"count": 4, "qualifier": "at_least"} -> one figure, given
    // by the attribution's source ("Police") or else the document's.
    const json* fat = Child(e.record, "fatalities");
    if (fat && fat->is_object() && Child(*fat, "count") && (*fat)["count"].is_number()) {
      FatalityFigure f;
      f.count = (*fat)["count"].get<int64_t>();
      f.qualifier = AsString(Str(*fat, "qualifier"));
      f.event_id = AsString(Str(e.record, "id"));
      f.doc_id = AsString(Str(e.record, "doc_id"));
      f.source = AsString(Str(Obj(e.record, "attribution"), "text"));
      if (f.source.empty()) f.source = e.doc_source;
      out.fatality_figures.push_back(std::move(f));
    }
    out.reports.push_back(std::move(e));
  }
  return out;
}

StatusOr<StoreStats> PgStore::Stats(const QueryFilter& filter) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(PgWhere w, BuildPgWhere(Unpaged(filter)));
  // The SQLite store's rule, aggregated on the server: events count on their
  // own day, their incident's family and their own country; an incident
  // counts once, on the earliest day of its matching events, under its family
  // and its own country, so that each breakdown adds up to the totals.
  // Rows: (kind 1 day | 2 type | 3 country, key, events, incidents, fatalities).
  std::string sql;
  if (w.sql.empty()) {
    // Everything: the events by day and country (index-only), one pass over
    // the incident rows.
    sql =
        "SELECT kind, key, sum(ev)::bigint, sum(inc)::bigint, sum(fat)::bigint FROM ("
        "SELECT 1 AS kind, coalesce(date, '') AS key, count(*) AS ev, 0 AS inc, 0 AS fat FROM "
        "events GROUP BY 2 UNION ALL "
        "SELECT 3, coalesce(country, ''), count(*), 0, 0 FROM events GROUP BY 2 UNION ALL "
        "SELECT 1, coalesce(date_first, ''), 0, count(*), sum(coalesce(fatalities_best, 0)) FROM "
        "incidents WHERE n_events > 0 GROUP BY 2 UNION ALL "
        "SELECT 2, coalesce(event_family, ''), sum(n_events), count(*), "
        "sum(coalesce(fatalities_best, 0)) FROM incidents WHERE n_events > 0 GROUP BY 2 UNION ALL "
        "SELECT 3, coalesce(country, ''), 0, count(*), sum(coalesce(fatalities_best, 0)) FROM "
        "incidents WHERE n_events > 0 GROUP BY 2) x GROUP BY kind, key";
  } else {
    sql =
        "WITH m AS MATERIALIZED (SELECT e.incident_id, coalesce(e.date, '') AS day, "
        "coalesce(e.country, '') AS country, coalesce(i.event_family, '') AS family FROM events e "
        "LEFT JOIN incidents i ON i.id = e.incident_id" +
        w.sql +
        "), inc AS (SELECT incident_id, coalesce(min(nullif(day, '')), '') AS first_day FROM m "
        "GROUP BY incident_id), incx AS (SELECT inc.first_day, coalesce(i.event_family, '') AS "
        "family, coalesce(i.country, '') AS country, coalesce(i.fatalities_best, 0) AS f FROM inc "
        "LEFT JOIN incidents i ON i.id = inc.incident_id) "
        "SELECT kind, key, sum(ev)::bigint, sum(inc)::bigint, sum(fat)::bigint FROM ("
        "SELECT 1 AS kind, day AS key, count(*) AS ev, 0 AS inc, 0 AS fat FROM m GROUP BY day "
        "UNION ALL SELECT 2, family, count(*), 0, 0 FROM m GROUP BY family "
        "UNION ALL SELECT 3, country, count(*), 0, 0 FROM m GROUP BY country "
        "UNION ALL SELECT 1, first_day, 0, count(*), sum(f) FROM incx GROUP BY first_day "
        "UNION ALL SELECT 2, family, 0, count(*), sum(f) FROM incx GROUP BY family "
        "UNION ALL SELECT 3, country, 0, count(*), sum(f) FROM incx GROUP BY country) x "
        "GROUP BY kind, key";
  }
  SITREP_ASSIGN_OR_RETURN(Rows q, conn_->Exec(sql, w.binds));
  StoreStats out;
  for (int r = 0; r < q.size(); ++r) {
    const int64_t kind = q.Int(r, 0);
    StatsRow row{q.Text(r, 1), q.Int(r, 2), q.Int(r, 3), q.Int(r, 4)};
    if (kind == 1) {
      out.total_events += row.events;
      out.total_incidents += row.incidents;
      out.total_fatalities += row.fatalities;
    }
    (kind == 1 ? out.by_day : kind == 2 ? out.by_type : out.by_country).push_back(row);
  }
  std::sort(out.by_day.begin(), out.by_day.end(),
            [](const StatsRow& a, const StatsRow& b) { return a.key < b.key; });
  for (auto* v : {&out.by_type, &out.by_country}) {
    std::sort(v->begin(), v->end(), [](const StatsRow& a, const StatsRow& b) {
      return a.events != b.events ? a.events > b.events : a.key < b.key;
    });
  }
  return out;
}

StatusOr<StoredDocument> PgStore::GetDocument(const std::string& id) const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_RETURN_IF_ERROR(CheckText(id, "document id"));
  SITREP_ASSIGN_OR_RETURN(
      Rows q,
      conn_->Exec("SELECT id, date, title, source, url, text FROM documents WHERE id = $1", {id}));
  if (q.size() == 0) return NotFoundError("no document " + id);
  return StoredDocument{q.Text(0, 0), q.Text(0, 1), q.Text(0, 2),
                        q.Text(0, 3), q.Text(0, 4), q.Text(0, 5)};
}

StatusOr<int64_t> PgStore::Count(const std::string& table) const {
  static const std::map<std::string, std::string> kCounts = {
      {"documents", "SELECT count(*) FROM documents"},
      {"sentences", "SELECT count(*) FROM sentences"},
      {"events", "SELECT count(*) FROM events"},
      {"incidents", "SELECT count(*) FROM incidents"},
      {"event_geo", "SELECT count(*) FROM events WHERE geog IS NOT NULL"}};
  auto it = kCounts.find(table);
  if (it == kCounts.end()) return InvalidArgumentError("no table " + table);
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  SITREP_ASSIGN_OR_RETURN(Rows q, conn_->Exec(it->second));
  return q.Int(0, 0);
}

StatusOr<std::string> PgStore::IntegrityCheck() const {
  SITREP_RETURN_IF_ERROR(conn_->EnsureConnected());
  static const std::pair<const char*, const char*> kChecks[] = {
      {"schema version is not this sitrep's",
       "SELECT count(*) FROM schema_version WHERE version <> $1"},
      {"events without a document",
       "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = "
       "e.doc_id)"},
      {"sentences without a document",
       "SELECT count(*) FROM sentences s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id "
       "= s.doc_id)"},
      {"events without an incident",
       "SELECT count(*) FROM events e WHERE e.incident_id IS NULL OR NOT EXISTS (SELECT 1 FROM "
       "incidents i WHERE i.id = e.incident_id)"},
      {"incidents without events",
       "SELECT count(*) FROM incidents i WHERE NOT EXISTS (SELECT 1 FROM events e WHERE "
       "e.incident_id = i.id)"},
      {"incidents whose n_events or n_documents are wrong",
       "SELECT count(*) FROM incidents i JOIN (SELECT incident_id, count(*) AS n, count(DISTINCT "
       "doc_id) AS d FROM events GROUP BY incident_id) c ON c.incident_id = i.id WHERE i.n_events "
       "<> c.n OR i.n_documents <> c.d"},
      {"events whose geography is not their lat/lon",
       "SELECT count(*) FROM events WHERE (geog IS NULL) <> (lat IS NULL OR lon IS NULL) OR "
       "(geog IS NOT NULL AND (abs(ST_Y(geog::geometry) - lat) > 1e-9 OR "
       "abs(ST_X(geog::geometry) - lon) > 1e-9))"},
      {"events that are not valid JSON objects",
       "SELECT count(*) FROM events WHERE left(record, 1) <> '{'"},
  };
  for (const auto& [what, sql] : kChecks) {
    std::vector<Value> params;
    if (std::string_view(sql).find("$1") != std::string_view::npos) {
      params.push_back(static_cast<int64_t>(kSchemaVersion));
    }
    SITREP_ASSIGN_OR_RETURN(Rows q, conn_->Exec(sql, params));
    if (q.Int(0, 0) != 0) return std::to_string(q.Int(0, 0)) + " " + what;
  }
  return std::string("ok");
}

}  // namespace sitrep::store

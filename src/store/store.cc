#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <variant>

#include "core/binary_io.h"
#include "core/strings.h"
#include "store/event_row.h"
#include "store/merge.h"
#include "store/pg_store.h"
#include "store/sql_where.h"
#include "store/sqlite_stmt.h"
#include "store/sqlite_store.h"

namespace sitrep::store {
namespace {

// ---------------------------------------------------------------------------
// Schema. Version 2 (kSchemaV1 + kSchemaV2). Each migration step takes the database from version i
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

// Version 2: incident merging. incident_span is an R*Tree over the day range
// (days since 1970), the country (CountryCell) and the family class (merge.h,
// FamilyClass) of each incident whose events may merge with other documents'
// (MergesAcrossDocuments): the candidates of a new event are the incidents
// whose span box meets its own. The covering (country, date, incident_id) index serves the map
// query (the incidents of one country and month) without reading event rows.
constexpr const char* kSchemaV2 = R"sql(
CREATE VIRTUAL TABLE incident_span USING rtree(id, min_day, max_day, min_cc, max_cc, min_fc, max_fc);
DROP INDEX IF EXISTS events_country_date;
DROP INDEX IF EXISTS events_date;
CREATE INDEX events_country_date_incident ON events(country, date, incident_id);
CREATE INDEX events_date_incident ON events(date, incident_id);
)sql";

// The whole-store stats rollup, kept by triggers in the same transaction as
// every write (ingest, replacement, merging, Remerge, raw SQL), so that
// Stats() without a filter reads a few thousand rows instead of every event
// and incident (store_reads.cc, StatsOfEverything). Same counting rule:
// stats_events counts each event on its own day and country; stats_incidents
// counts each incident with n_events > 0 once, on date_first, under its
// country and event_family, with n_events and fatalities_best (NULL -> 0).
// NULL keys are stored as ''. Rows whose counts fall to 0 stay (the reads
// skip them). (Re)built on open when either table is missing (EnsureStatsRollup),
// so that the schema version, shared with PostgreSQL (store.h), is unchanged.
constexpr const char* kStatsRollup = R"sql(
DROP TRIGGER IF EXISTS stats_events_ai;
DROP TRIGGER IF EXISTS stats_events_ad;
DROP TRIGGER IF EXISTS stats_events_au;
DROP TRIGGER IF EXISTS stats_incidents_ai;
DROP TRIGGER IF EXISTS stats_incidents_ad;
DROP TRIGGER IF EXISTS stats_incidents_au;
DROP TABLE IF EXISTS stats_events;
DROP TABLE IF EXISTS stats_incidents;
CREATE TABLE stats_events(
  day TEXT NOT NULL, country TEXT NOT NULL, events INTEGER NOT NULL,
  PRIMARY KEY(day, country)) WITHOUT ROWID;
CREATE TABLE stats_incidents(
  day TEXT NOT NULL, country TEXT NOT NULL, family TEXT NOT NULL,
  incidents INTEGER NOT NULL, events INTEGER NOT NULL, fatalities INTEGER NOT NULL,
  PRIMARY KEY(day, country, family)) WITHOUT ROWID;
CREATE TRIGGER stats_events_ai AFTER INSERT ON events BEGIN
  INSERT INTO stats_events(day, country, events)
  VALUES (coalesce(new.date, ''), coalesce(new.country, ''), 1)
  ON CONFLICT(day, country) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER stats_events_ad AFTER DELETE ON events BEGIN
  UPDATE stats_events SET events = events - 1
  WHERE day = coalesce(old.date, '') AND country = coalesce(old.country, '');
END;
CREATE TRIGGER stats_events_au AFTER UPDATE OF date, country ON events BEGIN
  UPDATE stats_events SET events = events - 1
  WHERE day = coalesce(old.date, '') AND country = coalesce(old.country, '');
  INSERT INTO stats_events(day, country, events)
  VALUES (coalesce(new.date, ''), coalesce(new.country, ''), 1)
  ON CONFLICT(day, country) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER stats_incidents_ai AFTER INSERT ON incidents WHEN new.n_events > 0 BEGIN
  INSERT INTO stats_incidents(day, country, family, incidents, events, fatalities)
  VALUES (coalesce(new.date_first, ''), coalesce(new.country, ''),
          coalesce(new.event_family, ''), 1, new.n_events, coalesce(new.fatalities_best, 0))
  ON CONFLICT(day, country, family) DO UPDATE SET incidents = incidents + 1,
    events = events + excluded.events, fatalities = fatalities + excluded.fatalities;
END;
CREATE TRIGGER stats_incidents_ad AFTER DELETE ON incidents WHEN old.n_events > 0 BEGIN
  UPDATE stats_incidents SET incidents = incidents - 1, events = events - old.n_events,
    fatalities = fatalities - coalesce(old.fatalities_best, 0)
  WHERE day = coalesce(old.date_first, '') AND country = coalesce(old.country, '')
    AND family = coalesce(old.event_family, '');
END;
CREATE TRIGGER stats_incidents_au
AFTER UPDATE OF date_first, country, event_family, n_events, fatalities_best ON incidents BEGIN
  UPDATE stats_incidents SET incidents = incidents - 1, events = events - old.n_events,
    fatalities = fatalities - coalesce(old.fatalities_best, 0)
  WHERE old.n_events > 0 AND day = coalesce(old.date_first, '')
    AND country = coalesce(old.country, '') AND family = coalesce(old.event_family, '');
  INSERT INTO stats_incidents(day, country, family, incidents, events, fatalities)
  SELECT coalesce(new.date_first, ''), coalesce(new.country, ''),
         coalesce(new.event_family, ''), 1, new.n_events, coalesce(new.fatalities_best, 0)
  WHERE new.n_events > 0
  ON CONFLICT(day, country, family) DO UPDATE SET incidents = incidents + 1,
    events = events + excluded.events, fatalities = fatalities + excluded.fatalities;
END;
INSERT INTO stats_events(day, country, events)
  SELECT coalesce(date, ''), coalesce(country, ''), count(*) FROM events GROUP BY 1, 2;
INSERT INTO stats_incidents(day, country, family, incidents, events, fatalities)
  SELECT coalesce(date_first, ''), coalesce(country, ''), coalesce(event_family, ''), count(*),
         sum(n_events), sum(coalesce(fatalities_best, 0))
  FROM incidents WHERE n_events > 0 GROUP BY 1, 2, 3;
)sql";

using sql::Value;
using sqlite::IncidentFromRow;
using sqlite::kIncidentColumns;
using sqlite::Stmt;

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
using row::AsString;
using row::Child;
using row::ColumnIndex;
using row::EventValues;
using row::Int;
using row::kEventColumns;
using row::kNumEventColumns;
using row::NowUtc;
using row::Obj;
using row::Str;

constexpr size_t kColIncident = ColumnIndex("incident_id");
constexpr size_t kColLat = ColumnIndex("lat");
constexpr size_t kColLon = ColumnIndex("lon");
constexpr size_t kColFatalities = ColumnIndex("fatalities");
static_assert(kColFatalities < kNumEventColumns && kColIncident == 2);

// The WHERE clause builder is shared with store_reads.cc (sql_where.h).
using sql::BuildWhere;
using sql::LimitSql;
using sql::Where;

// ---------------------------------------------------------------------------
// Incident merging over the tables (merge.h decides; this finds candidates,
// moves events between incidents and rewrites incident rows). One Merger per
// transaction.

// ISO3 "IRQ" -> a number for the R*Tree's country axis (0 when unknown);
// at most 27^3, exact in the R*Tree's 32-bit floats.
int64_t CountryCell(const std::string& iso3) {
  if (iso3.size() != 3) return 0;
  int64_t n = 0;
  for (char c : iso3) {
    if (c < 'A' || c > 'Z') return 0;
    n = n * 27 + (c - 'A' + 1);
  }
  return n;
}

// The event columns a MergeKey is made of, in FieldsFromRow's order.
constexpr const char* kKeyColumns =
    "e.doc_id, e.doc_date, e.date, e.date_precision, e.date_basis, e.cameo, e.plover_event, "
    "e.acled_event_type, e.source_code, e.source_country, e.source_sector, e.source_name, "
    "e.target_code, e.target_country, e.target_sector, e.target_name, e.lat, e.lon, "
    "e.geo_precision, e.country, e.admin1, e.fatalities";
constexpr int kNumKeyColumns = 22;

MergeKey KeyFromRow(const Stmt& q, int first, const MergeParams& params) {
  MergeFields f;
  int i = first;
  f.doc_id = q.Text(i++);
  f.doc_date = q.Text(i++);
  f.date = q.Text(i++);
  f.date_precision = q.Text(i++);
  f.date_basis = q.Text(i++);
  f.cameo = q.Text(i++);
  f.plover = q.Text(i++);
  f.acled_event_type = q.Text(i++);
  for (ActorKey* a : {&f.source, &f.target}) {
    a->code = q.Text(i++);
    a->country = q.Text(i++);
    a->sector = q.Text(i++);
    a->name = q.Text(i++);
  }
  f.lat = q.OptReal(i++);
  f.lon = q.OptReal(i++);
  f.precision = q.Text(i++);
  f.country = q.Text(i++);
  f.admin1 = q.Text(i++);
  f.fatalities = q.OptInt(i++);
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

class Merger {
 public:
  explicit Merger(sqlite3* db, MergeParams params = {}) : db_(db), params_(params) {}

  Status Prepare() {
    const std::string key_cols = kKeyColumns;
    SITREP_RETURN_IF_ERROR(span_query_.Prepare(
        db_,
        "SELECT id FROM incident_span WHERE max_day >= ? AND min_day <= ? AND min_cc <= ? AND "
        "max_cc >= ? AND min_fc <= ? AND max_fc >= ?"));
    SITREP_RETURN_IF_ERROR(doc_incidents_.Prepare(
        db_,
        "SELECT DISTINCT incident_id FROM events WHERE doc_id = ? AND incident_id IS NOT NULL"));
    SITREP_RETURN_IF_ERROR(members_first_.Prepare(
        db_, "SELECT " + key_cols +
                 ", e.rowid FROM events e WHERE e.incident_id = ? ORDER BY e.rowid LIMIT ?"));
    SITREP_RETURN_IF_ERROR(members_last_.Prepare(
        db_, "SELECT " + key_cols +
                 ", e.rowid FROM events e WHERE e.incident_id = ? ORDER BY e.rowid DESC LIMIT ?"));
    SITREP_RETURN_IF_ERROR(
        new_incident_.Prepare(db_, "INSERT INTO incidents(n_events, n_documents) VALUES (0, 0)"));
    SITREP_RETURN_IF_ERROR(
        move_events_.Prepare(db_, "UPDATE events SET incident_id = ? WHERE incident_id = ?"));
    SITREP_RETURN_IF_ERROR(
        move_event_.Prepare(db_, "UPDATE events SET incident_id = ? WHERE rowid = ?"));
    SITREP_RETURN_IF_ERROR(del_incident_.Prepare(db_, "DELETE FROM incidents WHERE id = ?"));
    SITREP_RETURN_IF_ERROR(get_span_.Prepare(
        db_,
        "SELECT min_day, max_day, min_cc, max_cc, min_fc, max_fc FROM incident_span WHERE id = ?"));
    SITREP_RETURN_IF_ERROR(del_span_.Prepare(db_, "DELETE FROM incident_span WHERE id = ?"));
    SITREP_RETURN_IF_ERROR(ins_span_.Prepare(
        db_,
        "INSERT INTO incident_span(id, min_day, max_day, min_cc, max_cc, min_fc, max_fc) VALUES "
        "(?, ?, ?, ?, ?, ?, ?)"));
    SITREP_RETURN_IF_ERROR(report_rows_.Prepare(
        db_,
        "SELECT e.id, e.doc_id, e.date, e.lat, e.lon, e.geo_precision, e.country, e.admin1, "
        "e.location_name, e.plover_event, e.acled_event_type, "
        "CASE WHEN e.plover_event IS NULL AND e.acled_event_type IS NULL THEN "
        "json_extract(e.record, '$.cameo_label') END, e.cameo, e.quad_class, e.fatalities, "
        "e.fatalities_qualifier, e.attribution_text, d.source, d.title "
        "FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE e.incident_id = ? "
        "ORDER BY e.rowid"));
    return upd_incident_.Prepare(
        db_,
        "UPDATE incidents SET date_first = ?, date_last = ?, lat = ?, lon = ?, country = ?, "
        "admin1 = ?, location = ?, precision = ?, event_family = ?, event_types = ?, "
        "fatalities_low = ?, fatalities_best = ?, fatalities_high = ?, n_events = ?, "
        "n_documents = ? WHERE id = ?");
  }

  // The incident the event with `key` joins: the best candidate (merge.h,
  // Decide) among the incidents whose span meets its own and those of its
  // own document, or a new incident row. Incidents it links are merged into
  // that one. The caller writes the event's incident_id.
  StatusOr<int64_t> Link(const MergeKey& key) {
    std::set<int64_t> ids;
    const bool cross = MergesAcrossDocuments(key, params_);
    const int64_t cc = CountryCell(key.country);
    const int64_t fc = FamilyClass(key);
    if (cross) {
      span_query_.Reset();
      int k = 1;
      for (const Value& v :
           {Value{key.day_lo - params_.day_slack}, Value{key.day_hi + params_.day_slack}, Value{cc},
            Value{cc}, Value{fc}, Value{fc}}) {
        span_query_.Bind(k++, v);
      }
      while (true) {
        SITREP_ASSIGN_OR_RETURN(bool row, span_query_.Step());
        if (!row) break;
        ids.insert(span_query_.Int(0));
      }
      span_query_.Reset();
    }
    if (!key.doc_id.empty()) {
      doc_incidents_.Reset();
      doc_incidents_.Bind(1, key.doc_id);
      while (true) {
        SITREP_ASSIGN_OR_RETURN(bool row, doc_incidents_.Step());
        if (!row) break;
        ids.insert(doc_incidents_.Int(0));
      }
      doc_incidents_.Reset();
    }
    // The candidates borrow the cached samples (moved out and back: no copies).
    std::vector<Candidate> candidates;
    for (int64_t id : ids) {
      SITREP_RETURN_IF_ERROR(LoadSample(id));
      Candidate c;
      c.id = id;
      c.members = std::move(cache_[id]);
      candidates.push_back(std::move(c));
    }
    Decision d = Decide(key, candidates, params_);
    for (Candidate& c : candidates) cache_[c.id] = std::move(c.members);
    int64_t target = d.incident;
    if (target == 0) {
      new_incident_.Reset();
      SITREP_RETURN_IF_ERROR(new_incident_.Run());
      target = sqlite3_last_insert_rowid(db_);
    }
    std::vector<MergeKey>& sample = cache_[target];  // empty for a new incident
    for (int64_t a : d.absorb) {
      auto it = cache_.find(a);
      if (it != cache_.end()) {
        for (MergeKey& k : it->second) AddToSample(sample, std::move(k));
        cache_.erase(it);
      }
      move_events_.Reset();
      move_events_.Bind(1, target);
      move_events_.Bind(2, a);
      SITREP_RETURN_IF_ERROR(move_events_.Run());
      SITREP_ASSIGN_OR_RETURN(std::optional<Span> span, GetSpan(a));
      if (span) SITREP_RETURN_IF_ERROR(ExtendSpan(target, *span));
      SITREP_RETURN_IF_ERROR(DeleteIncident(a));
      dirty_.erase(a);
      ++absorbed_;
    }
    AddToSample(sample, key);
    if (cross) {
      SITREP_RETURN_IF_ERROR(ExtendSpan(target, {key.day_lo, key.day_hi, cc, cc, fc, fc}));
    }
    dirty_.insert(target);
    cached_keys_ += 1;
    if (cached_keys_ > kMaxCachedKeys) {
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
        new_incident_.Reset();
        SITREP_RETURN_IF_ERROR(new_incident_.Run());
        it = incident_of.emplace(cluster[i], sqlite3_last_insert_rowid(db_)).first;
        dirty_.insert(it->second);
        reshaped_.insert(it->second);
      }
      if (it->second == incident) continue;
      move_event_.Reset();
      move_event_.Bind(1, it->second);
      move_event_.Bind(2, rowids[order[i]]);
      SITREP_RETURN_IF_ERROR(move_event_.Run());
    }
    return OkStatus();
  }

  // Rewrites the rows and spans of every incident touched since the last
  // Flush; an incident left without events is deleted.
  Status Flush() {
    for (int64_t id : dirty_) SITREP_RETURN_IF_ERROR(Recompute(id));
    dirty_.clear();
    reshaped_.clear();
    return OkStatus();
  }

  size_t absorbed() const { return absorbed_; }

 private:
  static constexpr size_t kMaxResplit = 4000;
  static constexpr size_t kMaxCachedKeys = 200000;
  struct Span {
    int64_t lo, hi, cc_lo, cc_hi, fc_lo, fc_hi;
  };

  // The members Decide compares an event with (MergeParams::
  // max_members_compared of them: the first and the latest half), cached for
  // the transaction.
  Status LoadSample(int64_t incident) {
    if (cache_.count(incident)) return OkStatus();
    SITREP_ASSIGN_OR_RETURN(
        std::vector<MergeKey> keys,
        Members(incident, static_cast<int64_t>(params_.max_members_compared), nullptr));
    cached_keys_ += keys.size();
    cache_[incident] = std::move(keys);
    return OkStatus();
  }
  void AddToSample(std::vector<MergeKey>& sample, MergeKey key) {
    const size_t max = std::max<size_t>(2, params_.max_members_compared);
    if (sample.size() >= max) sample.erase(sample.begin() + static_cast<ptrdiff_t>(max / 2));
    sample.push_back(std::move(key));
  }

  // Keys of an incident's events by insertion; with `limit` >= 0 at most
  // `limit`: the first and the last half.
  StatusOr<std::vector<MergeKey>> Members(int64_t incident, int64_t limit,
                                          std::vector<int64_t>* rowids) {
    std::vector<MergeKey> out;
    auto read = [&](Stmt& q, int64_t n) -> Status {
      q.Reset();
      q.Bind(1, incident);
      q.Bind(2, n);
      while (true) {
        SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
        if (!row) break;
        out.push_back(KeyFromRow(q, 0, params_));
        if (rowids) rowids->push_back(q.Int(kNumKeyColumns));
      }
      q.Reset();
      return OkStatus();
    };
    if (limit < 0) {
      SITREP_RETURN_IF_ERROR(read(members_first_, -1));
      return out;
    }
    SITREP_RETURN_IF_ERROR(read(members_first_, limit));
    if (static_cast<int64_t>(out.size()) == limit && limit >= 2) {
      out.resize(static_cast<size_t>(limit / 2));
      SITREP_RETURN_IF_ERROR(read(members_last_, limit - limit / 2));
    }
    return out;
  }

  StatusOr<std::optional<Span>> GetSpan(int64_t id) {
    get_span_.Reset();
    get_span_.Bind(1, id);
    SITREP_ASSIGN_OR_RETURN(bool row, get_span_.Step());
    std::optional<Span> s;
    if (row) {
      s = Span{static_cast<int64_t>(std::llround(get_span_.Real(0))),
               static_cast<int64_t>(std::llround(get_span_.Real(1))),
               static_cast<int64_t>(std::llround(get_span_.Real(2))),
               static_cast<int64_t>(std::llround(get_span_.Real(3))),
               static_cast<int64_t>(std::llround(get_span_.Real(4))),
               static_cast<int64_t>(std::llround(get_span_.Real(5)))};
    }
    get_span_.Reset();
    return s;
  }

  Status PutSpan(int64_t id, const Span& s) {
    del_span_.Reset();
    del_span_.Bind(1, id);
    SITREP_RETURN_IF_ERROR(del_span_.Run());
    ins_span_.Reset();
    int k = 1;
    for (int64_t v : {id, s.lo, s.hi, s.cc_lo, s.cc_hi, s.fc_lo, s.fc_hi}) ins_span_.Bind(k++, v);
    return ins_span_.Run();
  }

  Status ExtendSpan(int64_t id, Span add) {
    SITREP_ASSIGN_OR_RETURN(std::optional<Span> old, GetSpan(id));
    if (old) {
      add.lo = std::min(add.lo, old->lo);
      add.hi = std::max(add.hi, old->hi);
      add.cc_lo = std::min(add.cc_lo, old->cc_lo);
      add.cc_hi = std::max(add.cc_hi, old->cc_hi);
      add.fc_lo = std::min(add.fc_lo, old->fc_lo);
      add.fc_hi = std::max(add.fc_hi, old->fc_hi);
    }
    return PutSpan(id, add);
  }

  Status DeleteIncident(int64_t id) {
    del_span_.Reset();
    del_span_.Bind(1, id);
    SITREP_RETURN_IF_ERROR(del_span_.Run());
    del_incident_.Reset();
    del_incident_.Bind(1, id);
    return del_incident_.Run();
  }

  Status Recompute(int64_t id) {
    if (reshaped_.count(id)) SITREP_RETURN_IF_ERROR(RecomputeSpan(id));
    return RecomputeRow(id);
  }

  // The span from scratch, after events left the incident (Link only ever
  // extends it): the hull of the members that merge across documents.
  Status RecomputeSpan(int64_t id) {
    SITREP_ASSIGN_OR_RETURN(std::vector<MergeKey> keys, Members(id, -1, nullptr));
    std::optional<Span> span;
    for (const MergeKey& k : keys) {
      if (!MergesAcrossDocuments(k, params_)) continue;
      const int64_t cc = CountryCell(k.country), fc = FamilyClass(k);
      if (!span) {
        span = Span{k.day_lo, k.day_hi, cc, cc, fc, fc};
      } else {
        span->lo = std::min(span->lo, k.day_lo);
        span->hi = std::max(span->hi, k.day_hi);
        span->cc_lo = std::min(span->cc_lo, cc);
        span->cc_hi = std::max(span->cc_hi, cc);
        span->fc_lo = std::min(span->fc_lo, fc);
        span->fc_hi = std::max(span->fc_hi, fc);
      }
    }
    if (span) return PutSpan(id, *span);
    del_span_.Reset();
    del_span_.Bind(1, id);
    return del_span_.Run();
  }

  // The incident row from its events; deletes an incident left empty.
  Status RecomputeRow(int64_t id) {
    Stmt& q = report_rows_;
    q.Reset();
    q.Bind(1, id);
    std::string date_first, date_last, types;
    std::set<std::string> docs, seen_types;
    int64_t n = 0;
    int best_rank = 7;
    std::vector<Value> place(6);  // lat, lon, country, admin1, location, precision
    std::map<std::string, int> family_votes, violent_votes;
    std::vector<std::string> family_order;
    std::vector<Figure> figures;
    while (true) {
      SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      ++n;
      const std::string doc = q.Text(1), date = q.Text(2);
      docs.insert(doc);
      if (!date.empty()) {
        if (date_first.empty() || date < date_first) date_first = date;
        if (date_last.empty() || date > date_last) date_last = date;
      }
      auto opt_text = [&](int col) -> Value { return q.Null(col) ? Value{} : Value{q.Text(col)}; };
      // The place: the most precise located report (0-5), else the first
      // unlocated one with a country (6).
      const bool located = !q.Null(3) && !q.Null(4);
      const int rank = located ? PrecisionRank(q.Text(5)) : (q.Null(6) ? 7 : 6);
      if (rank < best_rank) {
        best_rank = rank;
        place = {located ? Value{q.Real(3)} : Value{},
                 located ? Value{q.Real(4)} : Value{},
                 opt_text(6),
                 opt_text(7),
                 opt_text(8),
                 opt_text(5)};
      }
      // The family: PLOVER type, else ACLED type, else the CAMEO label.
      std::string family;
      for (int col : {9, 10, 11, 12}) {
        if (family.empty()) family = q.Text(col);
      }
      if (!family.empty()) {
        if (!family_votes.count(family)) family_order.push_back(family);
        ++family_votes[family];
        if (q.Int(13) == 4) ++violent_votes[family];
      }
      std::string type;
      for (int col : {12, 9, 10}) {
        if (std::string t = q.Text(col); !t.empty()) type += (type.empty() ? "" : "/") + t;
      }
      if (!type.empty() && seen_types.insert(type).second) {
        types += (types.empty() ? "" : "; ") + type;
      }
      if (!q.Null(14)) {
        std::string source = q.Text(16);
        if (source.empty()) source = q.Text(17);
        if (source.empty()) source = doc;
        figures.push_back({q.Int(14), q.Text(15), doc, q.Text(0), source});
      }
    }
    q.Reset();
    if (n == 0) return DeleteIncident(id);
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
    FatalityRange fat = AggregateFigures(figures);
    auto opt = [](const std::string& s) -> Value { return s.empty() ? Value{} : Value{s}; };
    auto opt_int = [](const std::optional<int64_t>& v) -> Value { return v ? Value{*v} : Value{}; };
    upd_incident_.Reset();
    int k = 1;
    for (const Value& v :
         {opt(date_first), opt(date_last), place[0], place[1], place[2], place[3], place[4],
          place[5], opt(family), Value{types}, opt_int(fat.low), opt_int(fat.best),
          opt_int(fat.high), Value{n}, Value{static_cast<int64_t>(docs.size())}, Value{id}}) {
      upd_incident_.Bind(k++, v);
    }
    return upd_incident_.Run();
  }

  sqlite3* db_;
  MergeParams params_;
  Stmt span_query_, doc_incidents_, members_first_, members_last_, new_incident_, move_events_,
      move_event_, del_incident_, get_span_, del_span_, ins_span_, report_rows_, upd_incident_;
  std::set<int64_t> dirty_;
  std::set<int64_t> reshaped_;  // lost events since the last Flush: span from scratch
  std::unordered_map<int64_t, std::vector<MergeKey>> cache_;  // incident -> Sample
  size_t cached_keys_ = 0;
  size_t absorbed_ = 0;
};

// Re-clusters every event in date order (text-dated days before story-dated
// events of the same date, then document, sentence, ingest order), inside the
// caller's transaction.
Status RemergeAll(sqlite3* db) {
  SITREP_RETURN_IF_ERROR(Exec(db,
                              "UPDATE events SET incident_id = NULL; DELETE FROM incident_span; "
                              "DELETE FROM incidents;"));
  std::vector<int64_t> rowids;
  {
    Stmt q;
    SITREP_RETURN_IF_ERROR(
        q.Prepare(db,
                  "SELECT rowid FROM events ORDER BY date, CASE WHEN date_basis IN ('text', "
                  "'paragraph') AND date_precision = 'day' THEN 0 ELSE 1 END, doc_id, "
                  "sentence_index, rowid"));
    while (true) {
      SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      rowids.push_back(q.Int(0));
    }
  }
  Merger merger(db);
  SITREP_RETURN_IF_ERROR(merger.Prepare());
  Stmt load, set;
  SITREP_RETURN_IF_ERROR(
      load.Prepare(db, std::string("SELECT ") + kKeyColumns + " FROM events e WHERE e.rowid = ?"));
  SITREP_RETURN_IF_ERROR(set.Prepare(db, "UPDATE events SET incident_id = ? WHERE rowid = ?"));
  const MergeParams params;
  for (int64_t rowid : rowids) {
    load.Reset();
    load.Bind(1, rowid);
    SITREP_ASSIGN_OR_RETURN(bool row, load.Step());
    if (!row) continue;
    MergeKey key = KeyFromRow(load, 0, params);
    load.Reset();
    SITREP_ASSIGN_OR_RETURN(int64_t incident, merger.Link(key));
    set.Reset();
    set.Bind(1, incident);
    set.Bind(2, rowid);
    SITREP_RETURN_IF_ERROR(set.Run());
  }
  return merger.Flush();
}

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
  v.Reset();  // no statement may be active while the migration drops indexes
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
    t.Reset();
    return EnsureStatsRollup();
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
  if (s.ok() && version < 2) {
    s = Exec(db_, kSchemaV2);
    // A version 1 store had one incident per event: cluster them.
    if (s.ok() && version == 1) s = RemergeAll(db_);
  }
  if (s.ok()) {
    s = Exec(db_, ("PRAGMA user_version=" + std::to_string(kSchemaVersion)).c_str());
  }
  if (!s.ok()) {
    (void)Exec(db_, "ROLLBACK");
    return s;
  }
  SITREP_RETURN_IF_ERROR(Exec(db_, "COMMIT"));
  return EnsureStatsRollup();
}

Status SqliteStore::EnsureStatsRollup() {
  auto has_rollup = [this]() -> StatusOr<bool> {
    Stmt t;
    SITREP_RETURN_IF_ERROR(t.Prepare(
        db_,
        "SELECT count(*) FROM sqlite_master WHERE name IN ('stats_events', 'stats_incidents')"));
    SITREP_ASSIGN_OR_RETURN(bool r, t.Step());
    return r && t.Int(0) == 2;
  };
  SITREP_ASSIGN_OR_RETURN(bool present, has_rollup());
  if (present) return OkStatus();
  SITREP_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  // Another process may have built it while this one waited for the lock.
  StatusOr<bool> again = has_rollup();
  Status s = again.ok() ? OkStatus() : again.status();
  if (s.ok() && !*again) s = Exec(db_, kStatsRollup);
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
  Stmt get_hash, del_doc, ins_doc, ins_sent, ins_event, ins_geo, old_incidents, set_incident;
  SITREP_RETURN_IF_ERROR(
      set_incident.Prepare(db_, "UPDATE events SET incident_id = ? WHERE rowid = ?"));
  Merger merger(db_);
  SITREP_RETURN_IF_ERROR(merger.Prepare());
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
  SITREP_RETURN_IF_ERROR(ins_geo.Prepare(
      db_, "INSERT INTO event_geo(id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)"));
  SITREP_RETURN_IF_ERROR(old_incidents.Prepare(
      db_, "SELECT DISTINCT incident_id FROM events WHERE doc_id = ? AND incident_id IS NOT NULL"));
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
        st.errors.push_back(StrCat({"doc ", id, ": ", problem}));
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
        // The incidents it was in lose its events: re-cluster (or delete) them.
        for (int64_t inc : incidents) SITREP_RETURN_IF_ERROR(merger.Resplit(inc));
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

      // The events, in record order, not yet linked; then each is linked to
      // the incident it reports (merge.h), or a new one: first those the text
      // dates to a day, then the rest (headlines dated by the story date
      // only), which so prefer their own document's happening to an earlier
      // one nearby.
      std::vector<std::pair<int64_t, MergeKey>> to_link;
      to_link.reserve(d.records.size());
      for (size_t ri = 0; ri < d.records.size(); ++ri) {
        const json& r = d.records[ri];
        std::vector<Value> ev = EventValues(r, std::move(dumps[ri]), id, int64_t{0});
        ev[kColIncident] = Value{};
        const Value& lat = ev[kColLat];
        const Value& lon = ev[kColLon];
        ins_event.Reset();
        for (size_t i = 0; i < ev.size(); ++i) ins_event.Bind(static_cast<int>(i + 1), ev[i]);
        Status s = ins_event.Run();
        if (!s.ok()) return s.WithContext("doc " + id + ": event " + AsString(ev[0]));
        const int64_t rowid = sqlite3_last_insert_rowid(db_);
        to_link.emplace_back(rowid, KeyFromRecord(r));
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
      std::stable_partition(to_link.begin(), to_link.end(),
                            [](const auto& e) { return e.second.text_dated_day; });
      for (const auto& [rowid, key] : to_link) {
        SITREP_ASSIGN_OR_RETURN(int64_t incident, merger.Link(key));
        set_incident.Reset();
        set_incident.Bind(1, incident);
        set_incident.Bind(2, rowid);
        SITREP_RETURN_IF_ERROR(set_incident.Run());
      }
      if (options.on_document) options.on_document(di);
    }
    // The rows of the incidents this batch touched.
    return merger.Flush();
  };
  Status s = body();
  if (!s.ok()) {
    (void)Exec(db_, "ROLLBACK");
    return s;
  }
  return Exec(db_, "COMMIT");
}

Status SqliteStore::Remerge() {
  SITREP_RETURN_IF_ERROR(Exec(db_, "BEGIN IMMEDIATE"));
  Status s = RemergeAll(db_);
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
  SITREP_RETURN_IF_ERROR(
      q.Prepare(db_, "SELECT " + std::string(kIncidentColumns) +
                         " FROM incidents WHERE id IN (SELECT e.incident_id FROM events e" + w.sql +
                         ") ORDER BY id" + LimitSql(filter)));
  for (size_t i = 0; i < w.binds.size(); ++i) q.Bind(static_cast<int>(i + 1), w.binds[i]);
  while (true) {
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    Incident in = IncidentFromRow(q);
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

// SqliteStore's reads for the HTTP API (store.h, "Reads for the HTTP API"):
// counts, one incident with its reports, and the aggregates of /api/stats.
// Each is one SQL statement over the filter of sql_where.h, so that the
// indexes of store.cc's schema serve them.
#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/sql_where.h"
#include "store/sqlite_stmt.h"
#include "store/sqlite_store.h"

namespace sitrep::store {
namespace {

using sqlite::IncidentFromRow;
using sqlite::kIncidentColumns;
using sqlite::Stmt;

// The filter without paging (counts and aggregates ignore limit and offset).
QueryFilter Unpaged(const QueryFilter& filter) {
  QueryFilter f = filter;
  f.limit = -1;
  f.offset = 0;
  return f;
}

StatusOr<int64_t> CountOne(sqlite3* db, const std::string& sql,
                           const std::vector<sql::Value>& binds) {
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(db, sql, binds));
  SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
  return row ? q.Int(0) : 0;
}

const json* Field(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() || it->is_null() ? nullptr : &*it;
}
std::string StringField(const json& j, const char* key) {
  const json* v = Field(j, key);
  return v && v->is_string() ? v->get<std::string>() : std::string();
}

}  // namespace

StatusOr<int64_t> SqliteStore::CountEvents(const QueryFilter& filter) const {
  SITREP_ASSIGN_OR_RETURN(sql::Where w, sql::BuildWhere(Unpaged(filter)));
  return CountOne(db_, "SELECT count(*) FROM events e" + w.sql, w.binds);
}

StatusOr<int64_t> SqliteStore::CountIncidents(const QueryFilter& filter) const {
  SITREP_ASSIGN_OR_RETURN(sql::Where w, sql::BuildWhere(Unpaged(filter)));
  // Every events.incident_id names an incident row (ingest and merging keep
  // them linked), so this counts what ScanIncidents lists.
  return CountOne(db_, "SELECT count(DISTINCT e.incident_id) FROM events e" + w.sql, w.binds);
}

StatusOr<IncidentDetail> SqliteStore::GetIncident(int64_t id) const {
  IncidentDetail out;
  {
    Stmt q;
    SITREP_RETURN_IF_ERROR(q.Prepare(
        db_, "SELECT " + std::string(kIncidentColumns) + " FROM incidents WHERE id = ?", {id}));
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) return NotFoundError("no incident " + std::to_string(id));
    out.incident = IncidentFromRow(q);
  }
  Stmt q;
  SITREP_RETURN_IF_ERROR(
      q.Prepare(db_,
                "SELECT e.rowid, e.incident_id, d.source, d.url, d.title, d.ingested_at, e.record "
                "FROM events e LEFT JOIN documents d ON d.id = e.doc_id WHERE e.incident_id = ? "
                "ORDER BY e.date, e.rowid",
                {id}));
  while (true) {
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
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
    // "fatalities": {"count": 4, "qualifier": "at_least", ...} -> one figure,
    // given by the attribution's source ("Police") or else the document's.
    if (const json* fat = Field(e.record, "fatalities");
        fat && fat->is_object() && Field(*fat, "count") && (*fat)["count"].is_number()) {
      FatalityFigure f;
      f.count = (*fat)["count"].get<int64_t>();
      f.qualifier = StringField(*fat, "qualifier");
      f.event_id = StringField(e.record, "id");
      f.doc_id = StringField(e.record, "doc_id");
      const json* att = Field(e.record, "attribution");
      f.source = att ? StringField(*att, "text") : std::string();
      if (f.source.empty()) f.source = e.doc_source;
      out.fatality_figures.push_back(std::move(f));
    }
    out.reports.push_back(std::move(e));
  }
  return out;
}

namespace {

// No filter: the whole store, from the stats rollup that triggers keep
// (store.cc, kStatsRollup): a few rows per day and country, never the event
// or incident rows. Same figures as StatsOfMatches over every event, given
// that incidents' date_first, event_family and n_events describe their
// events (ingest and merging keep them so; store_reads_test checks it).
Status StatsOfEverything(sqlite3* db, StoreStats* out,
                         std::unordered_map<std::string, StatsRow>& by_day,
                         std::unordered_map<std::string, StatsRow>& by_type,
                         std::unordered_map<std::string, StatsRow>& by_country) {
  {
    Stmt q;
    SITREP_RETURN_IF_ERROR(
        q.Prepare(db, "SELECT day, country, events FROM stats_events WHERE events != 0"));
    while (true) {
      SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
      if (!row) break;
      const int64_t n = q.Int(2);
      by_day[q.Text(0)].events += n;
      by_country[q.Text(1)].events += n;
      out->total_events += n;
    }
  }
  Stmt q;
  SITREP_RETURN_IF_ERROR(
      q.Prepare(db,
                "SELECT day, country, family, incidents, events, fatalities FROM stats_incidents "
                "WHERE incidents != 0"));
  while (true) {
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const int64_t incidents = q.Int(3), fatalities = q.Int(5);
    out->total_incidents += incidents;
    out->total_fatalities += fatalities;
    StatsRow& type = by_type[q.Text(2)];
    type.events += q.Int(4);
    for (StatsRow* r : {&by_day[q.Text(0)], &type, &by_country[q.Text(1)]}) {
      r->incidents += incidents;
      r->fatalities += fatalities;
    }
  }
  return OkStatus();
}

// One row per matching event with its incident's family, country and best
// figure, aggregated here in one pass.
Status StatsOfMatches(sqlite3* db, const sql::Where& w, StoreStats* out,
                      std::unordered_map<std::string, StatsRow>& by_day,
                      std::unordered_map<std::string, StatsRow>& by_type,
                      std::unordered_map<std::string, StatsRow>& by_country) {
  Stmt q;
  SITREP_RETURN_IF_ERROR(q.Prepare(
      db,
      "SELECT e.incident_id, e.date, e.country, i.event_family, i.fatalities_best, i.country "
      "FROM events e LEFT JOIN incidents i ON i.id = e.incident_id" +
          w.sql,
      w.binds));
  struct IncidentInfo {
    std::string first_day, family, country;
    int64_t fatalities = 0;
  };
  std::unordered_map<int64_t, IncidentInfo> incidents;
  StoreStats& o = *out;
  while (true) {
    SITREP_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    const int64_t incident = q.Int(0);  // 0 for an event without one
    std::string day = q.Text(1);
    ++o.total_events;
    auto [it, fresh] = incidents.try_emplace(incident);
    if (fresh) {
      it->second = {day, q.Text(3), q.Text(5), q.OptInt(4).value_or(0)};
    } else if (!day.empty() && (it->second.first_day.empty() || day < it->second.first_day)) {
      it->second.first_day = day;
    }
    ++by_day[day].events;
    ++by_type[it->second.family].events;
    ++by_country[q.Text(2)].events;
  }
  for (const auto& [id, in] : incidents) {
    ++o.total_incidents;
    o.total_fatalities += in.fatalities;
    for (StatsRow* r : {&by_day[in.first_day], &by_type[in.family], &by_country[in.country]}) {
      ++r->incidents;
      r->fatalities += in.fatalities;
    }
  }
  return OkStatus();
}

}  // namespace

StatusOr<StoreStats> SqliteStore::Stats(const QueryFilter& filter) const {
  SITREP_ASSIGN_OR_RETURN(sql::Where w, sql::BuildWhere(Unpaged(filter)));
  // Events count on their own day, type (their incident's family) and
  // country. An incident counts once: on the earliest day of its matching
  // events, under its event family and its own country, so that each of
  // by_day, by_type and by_country adds up to the totals.
  std::unordered_map<std::string, StatsRow> by_day, by_type, by_country;
  StoreStats out;
  if (w.sql.empty()) {
    SITREP_RETURN_IF_ERROR(StatsOfEverything(db_, &out, by_day, by_type, by_country));
  } else {
    SITREP_RETURN_IF_ERROR(StatsOfMatches(db_, w, &out, by_day, by_type, by_country));
  }
  auto rows = [](std::unordered_map<std::string, StatsRow>& groups) {
    std::vector<StatsRow> v;
    v.reserve(groups.size());
    for (auto& [key, r] : groups) {
      r.key = key;
      v.push_back(std::move(r));
    }
    return v;
  };
  // Days in date order (the unknown day "" first); types and countries by
  // events, most first, then by key.
  out.by_day = rows(by_day);
  std::sort(out.by_day.begin(), out.by_day.end(),
            [](const StatsRow& a, const StatsRow& b) { return a.key < b.key; });
  out.by_type = rows(by_type);
  out.by_country = rows(by_country);
  for (auto* v : {&out.by_type, &out.by_country}) {
    std::sort(v->begin(), v->end(), [](const StatsRow& a, const StatsRow& b) {
      return a.events != b.events ? a.events > b.events : a.key < b.key;
    });
  }
  return out;
}

}  // namespace sitrep::store

// The SQL WHERE clause of a store::QueryFilter over `events e` (SQLite),
// shared by store.cc (scans) and store_reads.cc (counts, stats). Internal to
// src/store.
//
//   QueryFilter f;
//   f.country = "afg";
//   f.from = "2019-04-01";
//   SITREP_ASSIGN_OR_RETURN(sql::Where w, sql::BuildWhere(f));
//   // w.sql   == " WHERE e.date >= ? AND e.country = ?"
//   // w.binds == {"2019-04-01", "AFG"}
//   std::string q = "SELECT count(*) FROM events e" + w.sql + sql::LimitSql(f);
//
// BuildWhere returns InvalidArgument for a malformed filter (bad date, partial
// bounding box or radius, out-of-range coordinates, non-digit CAMEO code, an
// FTS5 query with no words, negative limit/offset). The radius condition uses
// the SQL function haversine_km that SqliteStore::Open registers.
#ifndef SITREP_STORE_SQL_WHERE_H_
#define SITREP_STORE_SQL_WHERE_H_

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <variant>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace sitrep::store::sql {

// A bind value: NULL, integer, real or text.
using Value = std::variant<std::monostate, int64_t, double, std::string>;

inline bool IsIsoDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

inline std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Escapes % _ and \ for LIKE ... ESCAPE '\'.
inline std::string LikeEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

// Builds the WHERE clause of a filter over `events e` with its bind values.
struct Where {
  std::string sql;  // " WHERE ..." or ""
  std::vector<Value> binds;
};

inline StatusOr<Where> BuildWhere(const QueryFilter& f) {
  std::vector<std::string> conds;
  Where w;
  auto add = [&](std::string cond, std::initializer_list<Value> binds) {
    conds.push_back(std::move(cond));
    for (const Value& b : binds) w.binds.push_back(b);
  };
  if (!f.from.empty()) {
    if (!IsIsoDate(f.from)) return InvalidArgumentError("--from: expected YYYY-MM-DD: " + f.from);
    add("e.date >= ?", {f.from});
  }
  if (!f.to.empty()) {
    if (!IsIsoDate(f.to)) return InvalidArgumentError("--to: expected YYYY-MM-DD: " + f.to);
    add("e.date <= ?", {f.to});
  }
  if (!f.country.empty()) add("e.country = ?", {Upper(f.country)});
  if (!f.admin1.empty()) add("e.admin1 = ? COLLATE NOCASE", {f.admin1});
  const bool any_box = f.min_lon || f.min_lat || f.max_lon || f.max_lat;
  if (any_box) {
    if (!(f.min_lon && f.min_lat && f.max_lon && f.max_lat)) {
      return InvalidArgumentError("bounding box needs min_lon, min_lat, max_lon, max_lat");
    }
    if (*f.min_lat > *f.max_lat || std::abs(*f.min_lat) > 90 || std::abs(*f.max_lat) > 90 ||
        std::abs(*f.min_lon) > 180 || std::abs(*f.max_lon) > 180) {
      return InvalidArgumentError("bounding box out of range");
    }
    // The R*Tree stores 32-bit floats rounded outwards: prefilter with a small
    // margin, then test the exact columns.
    constexpr double kEps = 1e-4;
    if (*f.min_lon <= *f.max_lon) {
      add("e.rowid IN (SELECT id FROM event_geo WHERE max_lat >= ? AND min_lat <= ? AND "
          "max_lon >= ? AND min_lon <= ?) AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?",
          {*f.min_lat - kEps, *f.max_lat + kEps, *f.min_lon - kEps, *f.max_lon + kEps, *f.min_lat,
           *f.max_lat, *f.min_lon, *f.max_lon});
    } else {  // crosses the antimeridian
      add("e.lat BETWEEN ? AND ? AND (e.lon >= ? OR e.lon <= ?)",
          {*f.min_lat, *f.max_lat, *f.min_lon, *f.max_lon});
    }
  }
  const bool any_near = f.near_lat || f.near_lon || f.near_km;
  if (any_near) {
    if (!(f.near_lat && f.near_lon && f.near_km)) {
      return InvalidArgumentError("radius filter needs lat, lon and km");
    }
    const double lat = *f.near_lat, lon = *f.near_lon, km = *f.near_km;
    if (std::abs(lat) > 90 || std::abs(lon) > 180 || !(km >= 0)) {
      return InvalidArgumentError("radius filter out of range (lat, lon, km >= 0)");
    }
    constexpr double kKmPerDegree = 111.195;
    const double dlat = km / kKmPerDegree + 1e-3;
    const double coslat = std::cos(lat * 3.14159265358979323846 / 180.0);
    double min_lon = -180, max_lon = 180;
    const double min_lat = std::max(-90.0, lat - dlat), max_lat = std::min(90.0, lat + dlat);
    // Near a pole or across the antimeridian: every longitude.
    if (coslat > 1e-6 && max_lat < 89.9 && min_lat > -89.9) {
      double dlon = km / (kKmPerDegree * std::cos(std::max(std::abs(min_lat), std::abs(max_lat)) *
                                                  3.14159265358979323846 / 180.0)) +
                    1e-3;
      if (lon - dlon >= -180 && lon + dlon <= 180) {
        min_lon = lon - dlon;
        max_lon = lon + dlon;
      }
    }
    add("e.rowid IN (SELECT id FROM event_geo WHERE max_lat >= ? AND min_lat <= ? AND "
        "max_lon >= ? AND min_lon <= ?) AND haversine_km(?, ?, e.lat, e.lon) <= ?",
        {min_lat, max_lat, min_lon, max_lon, lat, lon, km});
  }
  if (!f.actor.empty()) {
    const std::string prefix = LikeEscape(f.actor) + "%";
    const std::string words = "%" + LikeEscape(f.actor) + "%";
    add("(e.source_code LIKE ? ESCAPE '\\' OR e.target_code LIKE ? ESCAPE '\\' OR "
        "e.source_text LIKE ? ESCAPE '\\' OR e.target_text LIKE ? ESCAPE '\\' OR "
        "e.source_name LIKE ? ESCAPE '\\' OR e.target_name LIKE ? ESCAPE '\\')",
        {prefix, prefix, words, words, words, words});
  }
  if (!f.cameo.empty()) {
    for (char c : f.cameo) {
      if (!std::isdigit(static_cast<unsigned char>(c))) {
        return InvalidArgumentError("--cameo: expected a code of digits: " + f.cameo);
      }
    }
    if (f.cameo.size() == 2) {
      add("e.cameo_root = ?", {f.cameo});
    } else {
      // A prefix as a range, so that the cameo index serves it: "195" ->
      // ["195", "19:") (':' follows '9').
      std::string upper = f.cameo;
      upper.back() = static_cast<char>(upper.back() + 1);
      add("e.cameo >= ? AND e.cameo < ?", {f.cameo, upper});
    }
  }
  if (!f.plover.empty()) add("e.plover_event = ? COLLATE NOCASE", {f.plover});
  if (!f.acled.empty()) {
    add("(e.acled_event_type = ? COLLATE NOCASE OR e.acled_sub_event_type = ? COLLATE NOCASE)",
        {f.acled, f.acled});
  }
  if (f.min_fatalities) add("e.fatalities >= ?", {*f.min_fatalities});
  if (!f.text.empty()) {
    std::string q =
        f.text_syntax == QueryFilter::TextSyntax::kWords ? QuoteFtsWords(f.text) : f.text;
    if (q.empty()) return InvalidArgumentError("full-text query has no words");
    // With another selective filter, that filter's index drives and FTS5 is
    // probed per candidate event (a common word with one country and month:
    // 17 ms instead of 1.3 s on the 1M-event store, docs/benchmarks.md);
    // alone, the word's matches drive (a rare word: 22 ms instead of 90 ms).
    const bool narrowed = !f.from.empty() || !f.to.empty() || !f.country.empty() ||
                          !f.admin1.empty() || any_box || any_near;
    if (narrowed) {
      add("EXISTS (SELECT 1 FROM sentences s, sentences_fts WHERE s.doc_id = e.doc_id AND "
          "s.sentence_index = e.sentence_index AND sentences_fts.rowid = s.id AND "
          "sentences_fts MATCH ?)",
          {q});
    } else {
      add("(e.doc_id, e.sentence_index) IN (SELECT s.doc_id, s.sentence_index FROM sentences s "
          "WHERE s.id IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?))",
          {q});
    }
  }
  if (f.limit < -1 || f.offset < 0) return InvalidArgumentError("negative limit or offset");
  for (size_t i = 0; i < conds.size(); ++i) {
    w.sql += (i == 0 ? " WHERE " : " AND ") + conds[i];
  }
  return w;
}

inline std::string LimitSql(const QueryFilter& f) {
  if (f.limit < 0 && f.offset == 0) return "";
  return " LIMIT " + std::to_string(f.limit) + " OFFSET " + std::to_string(f.offset);
}

}  // namespace sitrep::store::sql

#endif  // SITREP_STORE_SQL_WHERE_H_

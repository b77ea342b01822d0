// One event record (docs/events.md) as the scalar columns of the `events`
// table, shared by the SQLite (store.cc) and PostgreSQL (pg_store.cc)
// backends so that both store the same row for the same record.
//
//   std::vector<sql::Value> v = row::EventValues(record, record.dump(), "kdh-0412", int64_t{7});
//   v[row::ColumnIndex("country")]  // "AFG", or monostate when the record has no country
//
// Getters tolerate a missing key, a null and a wrong type (all give null); a
// non-finite or out-of-range number is null too.
#ifndef SITREP_STORE_EVENT_ROW_H_
#define SITREP_STORE_EVENT_ROW_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "store/sql_where.h"
#include "store/store.h"

namespace sitrep::store::row {

using sql::Value;

const json* Child(const json& j, const char* key);
Value Str(const json& j, const char* key);
Value Int(const json& j, const char* key);
Value Real(const json& j, const char* key);
// The object at `key`, or a null json.
const json& Obj(const json& j, const char* key);
std::string AsString(const Value& v);
bool IsNull(const Value& v);
// "2026-11-25T14:30:00Z".
std::string NowUtc();

// The event columns of both backends, in EventValues' order.
inline constexpr const char* kEventColumns[] = {"id",
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
inline constexpr size_t kNumEventColumns = sizeof(kEventColumns) / sizeof(kEventColumns[0]);
constexpr size_t ColumnIndex(std::string_view name) {
  for (size_t i = 0; i < kNumEventColumns; ++i) {
    if (name == kEventColumns[i]) return i;
  }
  return kNumEventColumns;
}

// The row of record `r` (`dump` is its serialised JSON, stored as `record`);
// `incident_id` is the row's incident (null until merging links it).
std::vector<Value> EventValues(const json& r, std::string dump, const std::string& doc_id,
                               Value incident_id = {});

}  // namespace sitrep::store::row

#endif  // SITREP_STORE_EVENT_ROW_H_

// Export writers: the stored events (or incidents) in the formats other tools
// read. The mapping from our record fields to each format's columns is in
// docs/store.md.
//
//   SITREP_ASSIGN_OR_RETURN(auto countries, store::CountryTable::LoadDefault());
//   store::QueryFilter f;  f.country = "SYR";
//   size_t rows = 0;
//   SITREP_RETURN_IF_ERROR(store::Export(*db, f, store::ExportFormat::kAcledCsv, *countries,
//                                        std::cout, &rows));
//   // event_id_cnty,event_date,year,time_precision,disorder_type,event_type,...
//   // syr-0412:2:1,2019-04-10,2019,1,Political violence,Battles,Armed clash,...
//
// kAcledCsv: ACLED's 31 columns, RFC 4180 quoting (a field with a comma,
//   quote, CR or LF is quoted, quotes doubled), one row per event.
// kGdeltTsv: GDELT 2.0-style event table (25 columns, see kGdeltColumns), one
//   row per event; tab, newline, CR and backslash in a field are written as
//   \t \n \r \\ (TsvField).
// kGeoJson: a FeatureCollection of the incidents with coordinates (Point
//   features; properties: counts, types, dates, fatalities).
// kJsonl: the stored records, one per line, exactly as ingested.
#ifndef SITREP_STORE_EXPORT_H_
#define SITREP_STORE_EXPORT_H_

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "store/store.h"

namespace sitrep::store {

struct CountryInfo {
  std::string iso3;
  int numeric = 0;  // ISO 3166-1 numeric ("004" -> 4); ACLED's `iso`
  std::string name;
  std::string region;  // ACLED-style region: "Middle East", "Western Africa"
};

// data/store/iso_numeric.tsv: iso3 TAB numeric TAB name TAB region; '#' comments.
// Immutable after loading; malformed lines are skipped and listed in
// warnings() as "file:line: why".
class CountryTable {
 public:
  // NotFound if the file is missing.
  static StatusOr<std::unique_ptr<CountryTable>> Load(const std::string& path);
  // DataPath("store/iso_numeric.tsv").
  static StatusOr<std::unique_ptr<CountryTable>> LoadDefault();
  // The entry for an ISO3 code ("SYR"), null if unknown.
  const CountryInfo* Find(std::string_view iso3) const;
  size_t size() const { return by_iso3_.size(); }
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::unordered_map<std::string, CountryInfo> by_iso3_;
  std::vector<std::string> warnings_;
};

enum class ExportFormat { kAcledCsv, kGdeltTsv, kGeoJson, kJsonl };
// "acled-csv", "gdelt-tsv", "geojson", "jsonl"; InvalidArgument otherwise.
StatusOr<ExportFormat> ParseExportFormat(std::string_view name);

// Writes the events (incidents for kGeoJson) matching `filter` to `out`;
// `rows` (optional) gets the number of rows / features written.
Status Export(const Store& store, const QueryFilter& filter, ExportFormat format,
              const CountryTable& countries, std::ostream& out, size_t* rows = nullptr);

// The column names of each table format, in order.
extern const std::vector<std::string> kAcledColumns;
extern const std::vector<std::string> kGdeltColumns;

// One row of each table format for one stored event (exposed for tests and
// the HTTP API).
std::vector<std::string> AcledRow(const StoredEvent& e, const CountryTable& countries);
std::vector<std::string> GdeltRow(const StoredEvent& e);

// RFC 4180: `a,b` -> `"a,b"`, `say "no"` -> `"say ""no"""`, plain text unchanged.
std::string CsvField(std::string_view s);
// `a<TAB>b` -> `a\tb`, newline -> `\n`, CR -> `\r`, backslash -> `\\`.
std::string TsvField(std::string_view s);
// Joins fields with ',' (CsvField each) or TAB (TsvField each); no newline.
std::string CsvLine(const std::vector<std::string>& fields);
std::string TsvLine(const std::vector<std::string>& fields);

// ACLED's disorder_type for an event type/sub-event type: "Political
// violence", "Demonstrations", "Political violence; Demonstrations",
// "Strategic developments", or "" when the event has no ACLED type.
std::string AcledDisorderType(std::string_view event_type, std::string_view sub_event_type);
// ACLED's actor type ("inter") code from a CAMEO sector and the event type:
// 1 state forces, 2 rebel groups, 3 political militias, 4 identity militias,
// 5 rioters, 6 protesters, 7 civilians, 8 external/other forces; 0 if unknown.
int AcledInter(std::string_view sector, std::string_view event_type, bool is_source);

}  // namespace sitrep::store

#endif  // SITREP_STORE_EXPORT_H_

// End-to-end evaluation of the context fields of event records (where, when,
// how many) against third-party gold data, by scoring what `sitrep code`
// prints. The scorer only reads the JSON records (docs/events.md), so it
// measures the whole program whatever module fills a field.
//
// UCDP GED sample (../shared/corpora/ucdp-ged-sample/ucdpged.csv): each row
// with a source headline and a source date becomes one document
// {"id": UCDP id, "date": first source_date, "text": first source_headline};
// the headline's main event is scored for place (within 50 km of UCDP's
// latitude/longitude), date (inside [date_start, date_end]) and deaths
// (fatalities.count inside [low, high]):
//
//   SITREP_ASSIGN_OR_RETURN(std::string csv, ReadFileToString(path));
//   SITREP_ASSIGN_OR_RETURN(UcdpSet set, LoadUcdp(csv));
//   // set.events: 1 per usable row; set.rows / set.no_headline / set.no_date
//   WriteFile("docs.jsonl", UcdpDocumentsJsonl(set.events));
//   SITREP_ASSIGN_OR_RETURN(std::string out, RunSitrepCode({.binary = "build/sitrep",
//                                                           .input = "docs.jsonl"}));
//   RecordsByDoc records = GroupRecords(out);
//   UcdpSummary s = ScoreUcdp(set.events, records);
//   std::cout << FormatUcdpSummary(s);   // shares, with null and no-event counts
//
// The main event of a document (`MainEvent`) is its first violent event
// (CAMEO root 18, 19 or 20), else its first event that is not only the
// attribution of another ("Police *said* ..."), else its first event.
//
// PLOVER gold records (../shared/corpora/plover/gold_standard_records/
// PLOVER_GSR_CAMEO.txt, one JSON array): each record's `text` is one document
// (date 2000-01-01); `dead` and `injured` are compared with the main event's
// fatalities/injured counts, `eventLoc.name` with its location:
//
//   SITREP_ASSIGN_OR_RETURN(std::vector<PloverRecord> recs, LoadPlover(json_text));
//   PloverSummary p = ScorePlover(recs, GroupRecords(out));
//
// Nothing here throws or crashes on odd input: malformed CSV is an error
// Status with its line, bad rows and non-record output lines are counted.
#ifndef SITREP_TESTS_CONTEXT_CONTEXT_EVAL_H_
#define SITREP_TESTS_CONTEXT_CONTEXT_EVAL_H_

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/csv.h"
#include "core/status.h"

namespace sitrep::context_eval {

using Json = nlohmann::json;

// CSV: core/csv.h (ParseCsv, CsvTable).

// The `;`-separated parts of a multi-source cell, each trimmed of spaces:
//   "2013-01-03;2013-01-03" => {"2013-01-03", "2013-01-03"};  "" => {}.
std::vector<std::string> SplitSources(std::string_view cell);

// ---------------------------------------------------------------- Dates, distance

// Days since 1970-01-01 of "YYYY-MM-DD" (the first 10 characters; "YYYY-MM"
// means the 1st, "YYYY" January 1st). nullopt for anything else or an
// impossible date ("2019-02-30").
std::optional<int> DayNumber(std::string_view ymd);

// The days a date value with a precision covers, inclusive:
//   ("2019-04-10","day") => [d, d]; ("2019-04-08","week") => [d, d+6];
//   ("2019-04-10","month") => April 1..30; ("2019-04-10","year") => the year.
// An empty or unknown precision counts as "day". nullopt if the value is bad.
struct DayRange {
  int first = 0, last = 0;
};
std::optional<DayRange> DateValueRange(std::string_view value, std::string_view precision);

// Great-circle distance in km (haversine, R = 6371 km).
double HaversineKm(double lat1, double lon1, double lat2, double lon2);

// ---------------------------------------------------------------- Records

// Event records of `sitrep code` grouped by doc_id, in output order.
struct RecordsByDoc {
  std::map<std::string, std::vector<Json>> docs;
  int records = 0;
  int skipped_lines = 0;  // not JSON, or not an object with a string doc_id
};
RecordsByDoc GroupRecords(std::string_view jsonl);

// The event a headline or gold sentence is about (see the overview); nullptr
// when `records` is empty.
const Json* MainEvent(const std::vector<Json>& records);

// Numeric `count` of record[field] ("fatalities", "injured", "arrested") when
// it is an object with a number (or numeric string) count; else nullopt.
std::optional<double> CasualtyCount(const Json& record, const char* field);

// ---------------------------------------------------------------- UCDP

struct UcdpEvent {
  std::string id;
  std::string source_date;  // first of the `;` list, YYYY-MM-DD
  std::string headline;     // first of the `;` list
  int headlines = 0;        // how many the cell listed
  std::string date_start, date_end;
  double lat = 0, lon = 0;
  int where_prec = 0;  // UCDP's 1 (exact) .. 7 (country/international waters)
  std::string where_description, adm_1, country;
  int best = 0, low = 0, high = 0;
  int type_of_violence = 0;

  // The deaths range scored: [min(low, best, high), max(low, best, high)].
  // 13 of the 1,000 rows have best outside [low, high] or high < low
  // (id 406097: best 18, low 18, high 17); the widest reading is taken.
  int deaths_min() const;
  int deaths_max() const;
};

struct UcdpSet {
  std::vector<UcdpEvent> events;  // usable rows
  int rows = 0;
  int no_headline = 0;                // skipped: empty source_headline
  int no_date = 0;                    // skipped: headline but no valid source_date
  int bad_rows = 0;                   // skipped: wrong field count or unparsable gold fields
  std::vector<std::string> warnings;  // "line N: why" for bad rows
};

// Reads the UCDP GED CSV. Errors: CSV errors (ParseCsv) and a missing
// required column (NotFoundError naming it).
StatusOr<UcdpSet> LoadUcdp(std::string_view csv_text);

// One JSON document per line: {"id","date","text"}.
std::string UcdpDocumentsJsonl(const std::vector<UcdpEvent>& events);

// How one field of one headline scored.
enum class Outcome {
  kRight,
  kWrong,
  kNull,     // the main event has the field null (or unusable: no coordinates)
  kNoEvent,  // no event record for the headline
};
std::string_view OutcomeName(Outcome o);

struct UcdpHeadlineScore {
  const UcdpEvent* gold = nullptr;
  const Json* main = nullptr;  // into the RecordsByDoc scored
  Outcome place = Outcome::kNoEvent, date = Outcome::kNoEvent, deaths = Outcome::kNoEvent;
  double km = -1;                 // distance when placed with coordinates
  bool place_named = false;       // location object present (maybe without coordinates)
  std::string our_precision;      // location.precision, "none" if null/absent
  bool date_from_text = false;    // date.basis is not "story_date" and date.text is set
  bool date_overlaps = false;     // a coarser date range overlaps [start, end]
  std::optional<double> count;    // main event's fatalities.count
  bool any_event_deaths = false;  // some event of the headline has count in [low, high]
};

// Scores one headline given its records (may be empty).
UcdpHeadlineScore ScoreUcdpHeadline(const UcdpEvent& gold, const std::vector<Json>& records);

// Counts of one field's outcomes.
struct OutcomeCounts {
  int right = 0, wrong = 0, null = 0, no_event = 0;
  void Add(Outcome o);
  int total() const { return right + wrong + null + no_event; }
  int produced() const { return right + wrong; }  // field filled
  int with_event() const { return right + wrong + null; }
};

struct UcdpSummary {
  int headlines = 0;  // usable headlines scored
  int with_event = 0;
  OutcomeCounts place, date, deaths;
  int place_without_coordinates = 0;  // location object but lat/lon null (counted in place.null)
  int date_from_text = 0;             // main event's date came from the text, not the story date
  int date_overlaps = 0;              // right or a coarser range overlapping UCDP's
  int story_date_in_range = 0;        // baseline: the story date inside [start, end]
  int deaths_null_gold_zero = 0;      // deaths null and UCDP low == 0 (a fair abstention)
  int deaths_any_event = 0;           // some event (not just the main one) in [low, high]
  int deaths_over_high = 0, deaths_under_low = 0;
  // Distance buckets of placed headlines: <=50, <=161, <=500, >500 km.
  int km_50 = 0, km_161 = 0, km_500 = 0, km_far = 0;
  // Place outcomes by UCDP's where_prec (index 1..7; 0 = unknown): 1 exact
  // place, 2 within ~25 km, 3 second-order admin, 4 first-order admin,
  // 5 part of a country, 6 country, 7 international waters/air.
  OutcomeCounts place_by_prec[8];
  // Place outcomes by our location.precision ("point", "city", "admin1",
  // "feature", "country"; "none" for a place without one).
  std::map<std::string, OutcomeCounts> place_by_our_precision;
  std::vector<UcdpHeadlineScore> scores;
};

UcdpSummary ScoreUcdp(const std::vector<UcdpEvent>& events, const RecordsByDoc& records);

// "place within 50 km: 0.123 (83/674 headlines); 0.456 of 182 located; ..."
std::string FormatUcdpSummary(const UcdpSummary& s);

// What the gold itself looks like, for reading the shares: UCDP's where_prec,
// the width of [date_start, date_end], the story date's lag after date_end,
// `best`, and cells listing several headlines.
std::string FormatUcdpGoldProfile(const std::vector<UcdpEvent>& events);

// Up to `per_kind` disagreements of each kind (place, date, deaths: wrong
// first, then null), one block per headline with gold and ours.
std::string FormatUcdpDisagreements(const UcdpSummary& s, int per_kind);

// ---------------------------------------------------------------- PLOVER

struct PloverRecord {
  std::string id, text, event;
  std::optional<int> dead, injured;
  std::string loc_name;     // eventLoc.name, "" if none
  std::string loc_country;  // eventLoc["country code"] (ISO 3166-1 alpha-2), "" if none
};

// Reads the GSR JSON array; the DOCUMENT header and objects without text are
// skipped. `dead`/`injured` may be numbers or numeric strings. Errors: not
// JSON or not an array -> DataLossError.
StatusOr<std::vector<PloverRecord>> LoadPlover(std::string_view json_text);

// One JSON document per line: {"id","date":"2000-01-01","text"}.
std::string PloverDocumentsJsonl(const std::vector<PloverRecord>& records);

// Place names compared loosely: lower-case, diacritics-free ASCII words
// without "the", "of", "province", "city", ... ("province of Herat" ~ "Herat").
// True when the significant words of one contain those of the other; words
// of 5+ letters match within one edit ("Algers" ~ "Algiers": the gold has
// such spellings).
bool SamePlaceName(std::string_view a, std::string_view b);

struct PloverCountScore {
  int gold = 0;        // records with the gold field
  int main_exact = 0;  // main event's count == gold
  int any_exact = 0;   // some event of the record has count == gold
  int found = 0;       // some event has a count at all
  int main_null = 0;   // main event has no count (or no event)
  int spurious = 0;    // records WITHOUT the gold field where we gave a count
};

struct PloverSummary {
  int records = 0;
  int with_event = 0;
  PloverCountScore dead, injured;
  int loc_gold = 0;
  int loc_same = 0;                        // main event's location name/text is the gold place
  int loc_any = 0;                         // some event's location is the gold place
  int loc_null = 0;                        // main event's location null (or no event)
  std::vector<std::string> disagreements;  // one line each
};

PloverSummary ScorePlover(const std::vector<PloverRecord>& records, const RecordsByDoc& coded);
std::string FormatPloverSummary(const PloverSummary& s);

// ---------------------------------------------------------------- Running the binary

struct RunOptions {
  std::string binary;      // path to `sitrep`
  std::string input;       // a .jsonl file of documents
  std::string extra_args;  // appended after `code` (e.g. "--threads 2"), shell words
  std::string work_dir;    // where stdout/stderr go; default: the input's folder
};

// Runs `BINARY code EXTRA_ARGS INPUT` and returns its standard output.
// Exit code 1 (some documents failed) is accepted: their records are missing.
// Errors: the binary is missing (NotFoundError), it could not run or exited
// with another code (InternalError with the first stderr lines).
StatusOr<std::string> RunSitrepCode(const RunOptions& options);

// Writes `bytes` to `path`. IoError if it cannot.
Status WriteFile(const std::string& path, std::string_view bytes);

// ---------------------------------------------------------------- Whole evaluations

struct EvalOptions {
  std::string corpora_dir;  // ../shared/corpora
  std::string binary;       // sitrep; unused when `coded` is set
  std::string extra_args;   // for `sitrep code`
  std::string work_dir;     // documents and output go here (created)
  std::string coded;        // score this `sitrep code` output instead of running the binary
};

// The UCDP evaluation: loads the CSV, writes WORK_DIR/ucdp_headlines.jsonl,
// runs the binary (or reads `coded`), scores. Errors: the corpus file is
// missing (NotFoundError), and those of LoadUcdp / RunSitrepCode.
// The summary's scores point into `set` and `records`: keep the struct whole.
struct UcdpRun {
  UcdpSet set;
  RecordsByDoc records;
  UcdpSummary summary;
};
StatusOr<std::unique_ptr<UcdpRun>> RunUcdpEval(const EvalOptions& options);

// The PLOVER evaluation (WORK_DIR/plover_gsr.jsonl), likewise.
struct PloverRun {
  std::vector<PloverRecord> records;
  RecordsByDoc coded;
  PloverSummary summary;
};
StatusOr<std::unique_ptr<PloverRun>> RunPloverEval(const EvalOptions& options);

}  // namespace sitrep::context_eval

#endif  // SITREP_TESTS_CONTEXT_CONTEXT_EVAL_H_

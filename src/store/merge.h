// Merging reports of the same incident: the backend-independent decision
// logic behind the store's incidents (issue 5 item 2; docs/store.md, "Merging").
//
// Every event record is reduced to a small MergeKey (what happened, who, where,
// when, how many dead); two keys are Compatible when nothing in them says they
// are different happenings; an event joins the best incident whose every
// member it is compatible with (Decide), and incidents it is compatible with
// that are compatible with each other merge. Casualty figures of the reports
// of one incident become UCDP's low / best / high (AggregateFigures).
//
//   MergeKey a = KeyFromRecord(json::parse(R"({"doc_id": "afp-1", "cameo": "183",
//       "plover": {"event": "ASSAULT"}, "acled": {"event_type": "Explosions/Remote violence"},
//       "location": {"country": "IRQ", "admin1": "Baghdad", "lat": 33.34, "lon": 44.40,
//                    "precision": "city"},
//       "date": {"value": "2021-01-21", "precision": "day", "basis": "text"},
//       "fatalities": {"count": 32}})"));
//   MergeKey b = ...;  // "ap-7": a suicide bombing (1831) in Baghdad, story date 2021-01-22
//   Compatible(a, b, {});     // true: explosions, 0 km, dates 1 day apart at most
//   Explain(a, b, {});        // "" when compatible, else the first reason: "family
//                             //  Protest vs Remote violence", "place 212 km > 25 km", ...
//
// The rules (parameters in MergeParams):
// - Family (FamilyOf): ACLED's event type when the record has one, else the
//   CAMEO code. Violent families — Battle (190 192 193 196 Battles), Remote
//   violence (183 bombings, 194 artillery, 195 air strikes; Explosions/Remote
//   violence), Violence against civilians (180 181 182 184 185 186, 20x) —
//   are compatible with each other (one report's clash is another's massacre
//   or bombing); Protest (14x, Protests, Riots) with Protest and Coercion (17x:
//   the police's tear gas and arrests at the protest); Coercion with Coercion;
//   Force posture (15x) with itself; every other family (statements, appeals,
//   cooperation: CAMEO 01-13) only with the same CAMEO root, the same known
//   source actor and the same document or a place (never from a wire's
//   say-so alone). Violence and Protest never merge.
// - Place: different known countries never merge. Point and city within
//   `point_km` (25), feature within `feature_km` (150), the larger radius
//   wins; an admin1 place takes a point of the same admin1 (by name; by
//   `admin1_km` when a name is missing) or another admin1 of the same name; a
//   country-precision place takes any place of that country.
// - Date: each key is a day range (DayRangeOf): a day dated by the text is
//   itself, a day where only the story date (or the paragraph's last date)
//   stands in is
//   [story - story_lookback_days (1), story] (wires report yesterday's events);
//   week, month and year are their whole range. Two ranges merge when the
//   gap between them is at most `day_slack` (1): reports disagree by a day
//   across midnight and time zones. Two events of one document dated to
//   different days by its text are different happenings.
// - Actors: source is compared with source and target with target, or crossed
//   when that finds more of the same actors (one report's attacker is the
//   other's "clashed with"). Two actors conflict when both are specific
//   non-state armed groups and differ ("AFGINSTAL" vs "AFGINSISI"); a
//   conflict means different incidents. Everything else is neutral: unknown
//   or generic actors ("gunmen", ---UAF), and states of different countries
//   (wires disagree on whose jets: "Syrian or Russian warplanes").
// - Across documents both keys must have a place, a date and a range of at
//   most `max_range_days` (31): a year-precision aside or an unplaced event
//   stays alone, or merges within its own document (headline and lead).
//
// Thread-safety: pure functions over values.
#ifndef SITREP_STORE_MERGE_H_
#define SITREP_STORE_MERGE_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sitrep::store {

// Days since 1970-01-01 of "YYYY-MM-DD"; nullopt when malformed.
std::optional<int64_t> DaysFromIso(const std::string& date);
// "YYYY-MM-DD" of a day number.
std::string IsoFromDays(int64_t days);

enum class Family {
  kUnknown,
  kBattle,            // 190 192 193 196; ACLED Battles
  kRemoteViolence,    // 183 194 195; ACLED Explosions/Remote violence
  kCivilianViolence,  // 180 181 182 184 185 186 20x; ACLED Violence against civilians
  kProtest,           // 14x; ACLED Protests, Riots
  kCoercion,          // 17x
  kPosture,           // 15x
  kOther,             // CAMEO 01-13, 16: compared by CAMEO root
};
// "Battle", "Remote violence", ...
const char* FamilyName(Family f);
// From the CAMEO code ("1831"), the PLOVER type and the ACLED event type
// (ACLED's type wins when set: "Riots" -> kProtest).
Family FamilyOf(const std::string& cameo, const std::string& acled_event_type);
// The family compatibility table of the header comment (symmetric). kOther
// pairs need the same CAMEO root as well (checked by Compatible).
bool FamiliesCompatible(Family a, Family b);
bool IsViolent(Family f);

enum class PlacePrecision { kNone, kPoint, kCity, kFeature, kAdmin1, kCountry };
// "point", "city", "feature", "admin1", "country"; anything else kNone.
PlacePrecision PlacePrecisionOf(const std::string& s);

// One side of an event.
struct ActorKey {
  std::string code;     // CAMEO actor code: "AFGINSTAL", "---UAF", "" when unknown
  std::string country;  // ISO3 of the actor, "" when unknown
  std::string sector;   // "INS", "COP", ...
  std::string name;     // canonical name ("Taliban"), "" when none
  bool known() const { return !code.empty() || !country.empty() || !name.empty(); }
};

// The raw fields a key is made of, as stored (record fields or table columns).
struct MergeFields {
  std::string doc_id, doc_date;
  std::string date, date_precision, date_basis;  // date.value, precision, basis
  std::string cameo, plover, acled_event_type;
  ActorKey source, target;
  std::optional<double> lat, lon;
  std::string precision, country, admin1;
  std::optional<int64_t> fatalities;
};

struct MergeKey {
  std::string doc_id;
  Family family = Family::kUnknown;
  std::string cameo, cameo_root;  // "1831", "18"
  ActorKey source, target;
  // Place (has_coords: lat/lon usable).
  PlacePrecision precision = PlacePrecision::kNone;
  bool has_coords = false;
  double lat = 0, lon = 0;
  std::string country, admin1;
  // Day range [day_lo, day_hi] (days since 1970), has_date false when unknown.
  bool has_date = false;
  int64_t day_lo = 0, day_hi = 0;
  bool text_dated_day = false;  // a single day given by the text itself
  std::optional<int64_t> fatalities;

  bool has_place() const { return precision != PlacePrecision::kNone || !country.empty(); }
};

struct MergeParams {
  double point_km = 25;     // point and city places
  double feature_km = 150;  // features (plain, river, region)
  double admin1_km = 150;   // admin1 vs a point whose admin1 name is unknown
  int day_slack = 1;        // allowed gap between two day ranges
  int story_lookback_days = 1;
  int max_range_days = 31;  // wider date ranges (years) never merge across documents
  // Decide compares an event with at most this many members of a candidate
  // incident (the first and last half by insertion), which bounds the cost in
  // huge incidents.
  size_t max_members_compared = 24;
};

MergeKey KeyFromFields(const MergeFields& f, const MergeParams& params = {});
// True when the key may merge with events of other documents: a known family
// (for CAMEO 01-13 and 16, with a known source), a place (coordinates, admin1
// or country), a date, and a date range of at most `max_range_days`.
bool MergesAcrossDocuments(const MergeKey& k, const MergeParams& params = {});
// A number that is equal for any two keys that can be Compatible across
// documents (the family compatibility classes: violence 1, protest and
// coercion 2, force posture 3; other families by CAMEO root and source code;
// 0 unknown), below 2^24 so that an R*Tree's 32-bit floats hold it exactly.
// Lets a store look up candidates by class.
int64_t FamilyClass(const MergeKey& k);
// From a record of docs/events.md; missing or null fields are unknown.
MergeKey KeyFromRecord(const nlohmann::ordered_json& record, const MergeParams& params = {});

// The day range of a date: ("2021-01-21", "day", "text") -> [d, d];
// ("2021-01-22", "day", "story_date") -> [d-1, d]; "week" -> [d, d+6];
// "month" -> the month; "year" -> the year. False when `value` is malformed.
bool DayRangeOf(const std::string& value, const std::string& precision, const std::string& basis,
                const MergeParams& params, int64_t* lo, int64_t* hi);

// Great-circle distance in km.
double DistanceKm(double lat1, double lon1, double lat2, double lon2);

// Why `a` and `b` cannot be the same happening ("" when they can be):
// "family ...", "place ...", "date ...", "actors ...", "no place", "no date".
std::string Explain(const MergeKey& a, const MergeKey& b, const MergeParams& params = {});
bool Compatible(const MergeKey& a, const MergeKey& b, const MergeParams& params = {});
// How alike two compatible keys are (higher is closer; about 0..5): same
// document, nearer places and dates, same actors and codes. Ranks candidates.
double Similarity(const MergeKey& a, const MergeKey& b, const MergeParams& params = {});

// A candidate incident: its id and (some of) its members' keys.
struct Candidate {
  int64_t id = 0;
  std::vector<MergeKey> members;
};
struct Decision {
  int64_t incident = 0;         // the incident to join; 0 = start a new one
  std::vector<int64_t> absorb;  // further candidates to merge into `incident`
};
// The event joins the candidate with the highest mean Similarity, plus 1.5
// when it holds an event of the event's own document, among those whose
// every member it is Compatible with (ties: the lower id). Other such
// candidates whose members are all compatible with the chosen one's are
// absorbed (the event links them).
Decision Decide(const MergeKey& event, const std::vector<Candidate>& candidates,
                const MergeParams& params = {});

// Clusters keys in the given order with Decide, every earlier cluster being a
// candidate; returns a cluster number per key (0, 1, ... in order of
// creation). O(n^2): for tests, evaluation and re-splitting one incident.
std::vector<int> ClusterKeys(const std::vector<MergeKey>& keys, const MergeParams& params = {});

// --- Casualty figures (UCDP's low / best / high) ----------------------------
struct Figure {
  int64_t count = 0;
  std::string qualifier;  // "exact", "at_least", "about", "at_most"
  std::string doc_id, event_id;
  std::string source;  // who gives it: attribution text, else the document's source
};
struct FatalityRange {
  std::optional<int64_t> low, best, high;  // all null when no report gives a figure
  // One figure per voice of a document (its largest for the incident), by
  // count then document id; low/best/high index into it (-1 when null).
  std::vector<Figure> figures;
  int low_index = -1, best_index = -1, high_index = -1;
};
// From the figures of an incident's events (cumulative totals are not event
// fatalities: the coder leaves them out). Each voice of a document (the
// figure's source: attribution text, else the document's source) counts
// once, with its largest figure, and one document gives a count only once:
// a story where police say 4 and the Taliban claim 12 gives both, a headline
// and a lead repeating 4 give one. low = the smallest, high = the largest;
// best = the figure given by strictly more documents than any other, else
// the median of the figures (the lower middle one for an even count, so that
// best is always a reported figure). Example: 4 (police), 4 (AP), 12
// (Taliban) -> low 4, best 4, high 12; 5, 7 -> low 5, best 5, high 7.
FatalityRange AggregateFigures(const std::vector<Figure>& figures);

}  // namespace sitrep::store

#endif  // SITREP_STORE_MERGE_H_

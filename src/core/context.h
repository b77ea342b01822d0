// Context layers: where, when, how many and says who. The geo, timex,
// casualties and attribution stages add these to a Document after event
// coding (see docs/events.md for the JSON fields they become).
//
//   "BEIRUT (Reuters) - Syrian jets struck Ariha in Idlib province on Thursday,
//    killing at least 13 civilians, the Observatory said."
//   places[0]     = {"BEIRUT", Beirut LBN, precision kCity, dateline = true}
//   places[1]     = {"Ariha", Ariha SYR/Idlib, kCity}
//   places[2]     = {"Idlib province", Idlib SYR, kAdmin1}
//   times[0]      = {"on Thursday", value "2019-04-11", kDay}
//   casualties[0] = {"at least 13 civilians", kKilled, 13, kAtLeast, victims "civilians",
//                    event 0}
//   events[0].location = 1 (Ariha; basis kClause), events[0].time = 0,
//   events[0].attribution = {status kReported, source "the Observatory"}
//
// Like mentions and events, these are flat vectors of plain structs holding
// document token indices and byte offsets; indices link them to each other.
// An index of -1 means "none". Unknown is unknown: a place that no gazetteer
// knows keeps its text with NaN coordinates; nothing is guessed.
#ifndef SITREP_CORE_CONTEXT_H_
#define SITREP_CORE_CONTEXT_H_

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace sitrep {

// How exact a place is (the contract's `location.precision`).
enum class GeoPrecision : uint8_t {
  kNone,     // not resolved: text only, no coordinates
  kPoint,    // a named village, town quarter or site
  kCity,     // a city or town
  kAdmin1,   // a province, governorate, state
  kFeature,  // a natural feature or region: sea, plain, river, "the Sahel", "Darfur"
  kCountry,  // a whole country
};
// "point", "city", "admin1", "feature", "country"; "none" for kNone.
const char* GeoPrecisionName(GeoPrecision p);

// A place named in the text, resolved against the gazetteer where possible.
struct Place {
  uint32_t sentence = 0;     // index into Document::sentences
  uint32_t token_begin = 0;  // [token_begin, token_end): document tokens of the name
  uint32_t token_end = 0;    //   ("Kandahar province", "the Caspian Sea")
  uint32_t begin = 0;        // byte span in Document::text of the same phrase
  uint32_t end = 0;
  // Resolution. Empty / NaN / 0 when the gazetteer does not know the place.
  std::string name;     // canonical name: "Ar Raqqah", "Caspian Sea"
  std::string country;  // ISO 3166-1 alpha-3, "" if none or several
  std::string admin1;   // province name, ASCII ("Hama", not "Ḩamāh"), "" if none
  double lat = std::numeric_limits<double>::quiet_NaN();
  double lon = std::numeric_limits<double>::quiet_NaN();
  int64_t geonameid = 0;  // GeoNames id; 0 for our own supplement entries or none
  std::string feature;    // GeoNames feature code ("PPLA", "ADM1", "PCLI") or our
                          // supplement type ("sea", "plain", "region")
  GeoPrecision precision = GeoPrecision::kNone;
  // Direction or proximity words before the name: "north of", "near",
  // "outside", "western"; empty if none. The coordinates are the named
  // place's own (a part has its own point, below).
  std::string relation;
  // When the relation names a part of a country or province ("northern
  // Syria", "the east of Aleppo province", "central Mali"): "north",
  // "northeast", ..., "northwest" or "central", and part_lat/part_lon are
  // that part's point (geo::Gazetteer::Part), which an event located here
  // takes. Empty (and NaN) otherwise.
  std::string part;
  double part_lat = std::numeric_limits<double>::quiet_NaN();
  double part_lon = std::numeric_limits<double>::quiet_NaN();
  bool dateline = false;  // the story's dateline ("BEIRUT (Reuters) -")
  // A country, province or feature named inside an actor's name ("the United
  // States President", "Taco Bell Canada"): a place mention, but never where
  // an event happened, and no focus evidence beyond the actor's own.
  bool in_actor_name = false;
  float confidence = 0.0f;
};

// Where an event's location came from, from most to least specific.
enum class LocationBasis : uint8_t {
  kNone,      // no location
  kClause,    // a place in the event's own clause
  kSentence,  // a place elsewhere in the same sentence
  kDocument,  // the document's focus place (precision coarsened)
};
// "clause", "sentence", "document"; "none".
const char* LocationBasisName(LocationBasis b);

// How exact a date is (the contract's `date.precision`).
enum class DatePrecision : uint8_t { kNone, kDay, kWeek, kMonth, kYear };
// "day", "week", "month", "year"; "none".
const char* DatePrecisionName(DatePrecision p);

// A time expression in the text, resolved against the story date.
struct TimeExpression {
  enum class Kind : uint8_t {
    kPoint,     // "on Thursday", "March 2", "last week", "in 2014"
    kDuration,  // "for a year", "for three days" (value: when it began, if known)
    kSince,     // "since dawn", "since March" (value: the start)
  };
  uint32_t sentence = 0;
  uint32_t token_begin = 0;  // document tokens, including "on"/"in"/"since"
  uint32_t token_end = 0;
  uint32_t begin = 0;  // byte span in Document::text
  uint32_t end = 0;
  Kind kind = Kind::kPoint;
  // ISO date of the (first) day meant: "2019-04-10" for day precision; the
  // Monday for a week; the first day of the month or year for coarser ones.
  // Empty if it could not be resolved (see `problem`).
  std::string value;
  DatePrecision precision = DatePrecision::kNone;
  std::string range_begin;  // inclusive ISO day range the expression covers:
  std::string range_end;    //   "late July 2019" -> 2019-07-21 .. 2019-07-31
  // Why it was not resolved or looks wrong, empty if fine: "before 1900",
  // "after the story date", "no story date".
  std::string problem;
};

// Where an event's date came from.
enum class DateBasis : uint8_t {
  kNone,       // no story date and no time expression
  kText,       // a time expression governing the event (Event::time)
  kParagraph,  // inherited: the last resolved date earlier in the same paragraph
  kStoryDate,  // the story date
};
// "text", "paragraph", "story_date"; "none".
const char* DateBasisName(DateBasis b);

// A count of people killed, injured, arrested, abducted or displaced.
struct Casualty {
  enum class Kind : uint8_t { kKilled, kInjured, kArrested, kAbducted, kDisplaced };
  enum class Qualifier : uint8_t { kExact, kAtLeast, kAbout, kAtMost };
  uint32_t sentence = 0;
  uint32_t token_begin = 0;  // the count phrase: "at least 13 civilians"
  uint32_t token_end = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  Kind kind = Kind::kKilled;
  int64_t count = 0;  // ACLED's conservative reading of number words: dozens = 12
  Qualifier qualifier = Qualifier::kExact;
  std::string victims;  // "civilians", "regime forces", "(rebel) fighters"; "" if unsaid
  // Side of the victims where the text says so: "civilian", "government",
  // "rebel", "security", "militant", "" if unknown.
  std::string side;
  // A running total ("the war has killed 250,000 people", "since March"):
  // attached to no event.
  bool cumulative = false;
  int32_t event = -1;  // index into Document::events it belongs to, -1 if none
  // The same deaths stated again later in the article: index of the first
  // statement in Document::casualties; such a count is not added to an event.
  int32_t repeats = -1;
};
// "killed", "injured", "arrested", "abducted", "displaced".
const char* CasualtyKindName(Casualty::Kind k);
// "exact", "at_least", "about", "at_most".
const char* QualifierName(Casualty::Qualifier q);

// Who says an event happened, and how firmly.
enum class AttributionStatus : uint8_t {
  kAsserted,     // in the reporter's own voice
  kReported,     // a third party says so ("according to police", "X told Reuters")
  kClaimed,      // a party claims its own action or success
  kDenied,       // the party denies it
  kUnconfirmed,  // "could not be confirmed", "reportedly", "it was unclear"
};
// "asserted", "reported", "claimed", "denied", "unconfirmed".
const char* AttributionStatusName(AttributionStatus s);

struct Attribution {
  AttributionStatus status = AttributionStatus::kAsserted;
  // The source's phrase ("the Syrian Observatory for Human Rights", "state
  // media", "sources in the region"); empty span (begin == end) when none.
  uint32_t begin = 0;
  uint32_t end = 0;
  int32_t mention = -1;  // index into Document::mentions of the source, -1 if none
  // The cue word(s): "said", "according to", "claimed", "could not confirm".
  uint32_t cue_begin = 0;
  uint32_t cue_end = 0;
};

}  // namespace sitrep

#endif  // SITREP_CORE_CONTEXT_H_

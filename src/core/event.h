// Actor mentions and coded events: the layers that the actor and event stages
// add to a Document (see docs/events.md for the JSON record they become).
//
//   "Syrian troops shelled rebel positions near Hama on Thursday."
//   mentions[0] = {tokens [0,2) "Syrian troops", code "SYRMIL", country "SYR",
//                  sector "MIL", kind kAgent}
//   mentions[1] = {tokens [3,5) "rebel positions", code "---REB", sector "REB"}
//   events[0]   = {trigger "shelled" (token 2), cameo "195", source 0, target 1}
//
// Mentions and events are flat vectors of plain structs holding document token
// indices (into Document::tokens, not sentence-relative) and indices into each
// other; no text is copied. Coordination is expanded: "Syrian and Russian jets
// bombed Idlib" gives two events that share a trigger.
#ifndef SITREP_CORE_EVENT_H_
#define SITREP_CORE_EVENT_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/context.h"

namespace sitrep {

struct ActorMention {
  enum class Kind : uint8_t {
    kUnknown,    // a noun phrase in an actor role that no dictionary knows
    kCountry,    // "Syria", "Syrian" (demonym), "Moscow" (capital as metonym)
    kNamed,      // a named person, group or organisation from a dictionary
    kAgent,      // a sector noun, possibly with a country: "Syrian troops", "police"
    kPronoun,    // "he", "they", "its" — see `antecedent`
    kReference,  // a short reference: "the ministry", "the Observatory" — see `antecedent`
  };
  uint32_t sentence = 0;     // index into Document::sentences
  uint32_t token_begin = 0;  // [token_begin, token_end): document token indices of the phrase
  uint32_t token_end = 0;
  uint32_t head = 0;  // document token index of the phrase's head word
  Kind kind = Kind::kUnknown;
  // Full CAMEO-style code with agents: "SYRMIL", "IGOUNO", "USAGOV", "---REB"
  // (sector known, country not). Empty when nothing is known.
  std::string code;
  std::string country;  // ISO 3166-1 alpha-3, empty if unknown
  std::string sector;   // primary sector ("MIL", "GOV", "REB", ...), empty if none
  std::string name;     // canonical dictionary name ("Bashar al-Assad"), empty if none
  // For pronouns and short references: index into Document::mentions of the
  // earlier mention this one was resolved to (its code is copied here too); -1 if none.
  int32_t antecedent = -1;
};

// Whether the text says the event happened.
enum class Modality : uint8_t {
  kFactual,       // "troops attacked"
  kFuture,        // "troops will attack"
  kIntended,      // "plans to attack", "vowed to retake", "is about to restore"
  kThreatened,    // "threatened to attack" (the threat itself is coded 13x)
  kHypothetical,  // "would attack if", "could attack", questions
  kDemanded,      // "called on X to withdraw" (the demand is coded 10x)
};
// "factual", "future", "intended", "threatened", "hypothetical", "demanded".
const char* ModalityName(Modality m);

struct Event {
  uint32_t sentence = 0;       // index into Document::sentences
  uint32_t trigger_begin = 0;  // [trigger_begin, trigger_end): document token indices
  uint32_t trigger_end = 0;    //   "attacked"; "air strikes"; "called on"
  uint32_t trigger_head = 0;   // document token index of the trigger's head word
  std::string cameo;           // "190", "0231", "1823"
  std::string plover_mode;     // "aerial", "artillery", "drone", ...; empty if not shown
  int32_t source = -1;         // index into Document::mentions, -1 = none
  int32_t target = -1;         // index into Document::mentions, -1 = none
  bool negated = false;        // "did not attack", "denied attacking"
  Modality modality = Modality::kFactual;
  // Reported speech: index into Document::events of the statement event
  // ("Police said ...") that reports this one; -1 if none.
  int32_t reported_by = -1;
  float confidence = 0.0f;          // 0..1
  std::vector<std::string> issues;  // issue codes (PETRARCH issue coding), usually empty

  // Context (core/context.h), set by the stages after coding.
  int32_t location = -1;         // index into Document::places: where it happened
  int32_t launch_location = -1;  // where missiles/rockets/drones were fired from, -1 if unsaid
  LocationBasis location_basis = LocationBasis::kNone;
  int32_t time = -1;  // index into Document::times of the expression dating it, -1 if none
  std::string date;   // resolved ISO date (see TimeExpression::value), "" if none
  DatePrecision date_precision = DatePrecision::kNone;
  DateBasis date_basis = DateBasis::kNone;
  std::vector<int32_t> casualties;  // indices into Document::casualties
  Attribution attribution;
};

}  // namespace sitrep

#endif  // SITREP_CORE_EVENT_H_

// Derived CAMEO codes: what a complement-taking verb ("threaten", "urge",
// "call on", "plan", "refuse") makes of the code of its complement.
//
//   DerivedCode(Complement::kThreat, "190", "130")  == "1384"  threatened to attack
//   DerivedCode(Complement::kDemand, "0874", "100") == "1056"  called on X to withdraw
//   DerivedCode(Complement::kAppeal, "0871", "020") == "0256"  called for a ceasefire
//   DerivedCode(Complement::kIntent, "046", "030")  == "036"   plans to negotiate
//   DerivedCode(Complement::kReject, "0841", "120") == "1243"  refused to release
//   DerivedCode(Complement::kThreat, "", "130")     == "130"   no coded complement
//
// The tables follow the parallel structure of CAMEO 1.1b3 roots 02/03/10/12/13
// against 04-09 and 14-20 (see src/events/README.md). Where the complement has
// no counterpart (an intent to attack, an appeal to attack) the verb's own code
// is returned and the complement event carries the modality instead.
#ifndef SITREP_EVENTS_DERIVED_CODES_H_
#define SITREP_EVENTS_DERIVED_CODES_H_

#include <string>
#include <string_view>

#include "events/dictionary.h"

namespace sitrep::events {

// kSay, kDeny and kNone return `own_code`.
std::string DerivedCode(Complement kind, std::string_view complement_code,
                        std::string_view own_code);

}  // namespace sitrep::events

#endif  // SITREP_EVENTS_DERIVED_CODES_H_

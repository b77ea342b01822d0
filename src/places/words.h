// Word tests shared by place recognition (places.cc) and event location
// (locate.cc): lower-case comparisons, designators ("province", "city"),
// place verbs and nouns, relation prefixes. Internal to src/places.
#ifndef SITREP_PLACES_WORDS_H_
#define SITREP_PLACES_WORDS_H_

#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "core/document.h"

namespace sitrep::places::internal {

bool EqualsLower(std::string_view form, std::string_view lower);
bool InList(std::string_view form, std::initializer_list<std::string_view> list);
enum class Designator : uint8_t { kNone, kAdmin, kCity, kOther };

Designator DesignatorOf(std::string_view f);
// Verbs whose objects are usually places: "captured Birao", "shelled Saraqib".
bool IsPlaceVerb(std::string_view l);
// The subset of IsPlaceVerb whose objects are never people ("shell",
// "overrun", "liberate"; not "capture", "attack").
bool IsPlaceOnlyVerb(std::string_view l);
// Nouns naming a part of a place: "the streets of Kampala", "in Somalia's
// capital", "the countryside of Aleppo".
bool IsPlacePartNoun(std::string_view f);
// "UN", "U.N.", "FAO": upper-case letters (and dots) only; also the
// ministries' "MoD", "MoI", "DoD": short, upper case at both ends.
bool IsAcronym(std::string_view f);
// A compass word, any case: "north", "Northeast", "south-west".
bool IsCompassWord(std::string_view f);
bool IsDirectionNoun(std::string_view f);
// A faith or its followers, any case: "Catholic", "Shiites", "Druze".
bool IsFaithWord(std::string_view f);
// A public office or body a town's name may precede: "Mayor", "Governor",
// "Council", "Police", "Sheriff", "Attorney", "Judge" (any case).
bool IsOfficeWord(std::string_view f);
// The rank before such an office: "Vice", "Deputy", "Acting".
bool IsOfficeRank(std::string_view f);
bool DeprelIs(const Token& t, std::string_view prefix);

}  // namespace sitrep::places::internal

#endif  // SITREP_PLACES_WORDS_H_

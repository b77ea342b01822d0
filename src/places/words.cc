#include "places/words.h"

#include <cctype>

namespace sitrep::places::internal {

bool EqualsLower(std::string_view form, std::string_view lower) {
  if (form.size() != lower.size()) return false;
  for (size_t i = 0; i < form.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(form[i])) != lower[i]) return false;
  }
  return true;
}

bool InList(std::string_view form, std::initializer_list<std::string_view> list) {
  for (std::string_view w : list) {
    if (EqualsLower(form, w)) return true;
  }
  return false;
}

Designator DesignatorOf(std::string_view f) {
  if (InList(f, {"province", "governorate", "state", "prefecture", "oblast", "region", "provinces",
                 "county", "district", "territory", "emirate", "canton", "krai", "republic",
                 "wilayat", "muhafazah"})) {
    return Designator::kAdmin;
  }
  if (InList(f, {"city",         "town",          "village",       "municipality",
                 "cities",       "towns",         "villages",      "municipalities",
                 "township",     "townships",     "settlement",    "settlements",
                 "camp",         "camps",         "neighbourhood", "neighbourhoods",
                 "neighborhood", "neighborhoods", "suburb",        "suburbs",
                 "port",         "airport",       "base"})) {
    return Designator::kCity;
  }
  if (InList(f,
             {"valley",    "plain",     "mountains", "desert",  "river",    "area",    "border",
              "gorge",     "peninsula", "island",    "islands", "strip",    "heights", "coast",
              "gulf",      "bay",       "sea",       "lake",    "corridor", "basin",   "oilfield",
              "oilfields", "refinery",  "dam",       "crossing"})) {
    return Designator::kOther;
  }
  return Designator::kNone;
}

// Verbs whose objects are usually places: "captured Birao", "shelled Saraqib".
bool IsPlaceVerb(std::string_view l) {
  return InList(l, {"capture",  "seize",     "storm",    "shell",   "bomb",    "besiege",
                    "liberate", "recapture", "overrun",  "raid",    "bombard", "encircle",
                    "surround", "enter",     "evacuate", "occupy",  "annex",   "retake",
                    "patrol",   "invade",    "blockade", "destroy", "attack",  "hit",
                    "strike",   "target",    "defend",   "control", "secure"});
}

// Verbs whose objects are places and never people: "shelled Saraqib",
// "overran Badme", not "captured" or "attacked" (which take people too).
bool IsPlaceOnlyVerb(std::string_view l) {
  return InList(l, {"shell", "bomb", "bombard", "besiege", "overrun", "liberate", "recapture",
                    "retake", "storm", "annex", "occupy", "encircle", "invade", "blockade"});
}

// Nouns naming a part of a place: "the streets of Kampala", "in Somalia's
// capital", "the countryside of Aleppo".
bool IsPlacePartNoun(std::string_view f) {
  return InList(
      f, {"streets",   "street",    "capital",   "countryside",    "vicinity",      "battlefields",
          "area",      "areas",     "territory", "soil",           "heart",         "edge",
          "perimeter", "environs",  "skies",     "waters",         "coast",         "shores",
          "outskirts", "suburbs",   "centre",    "center",         "parts",         "part",
          "north",     "south",     "east",      "west",           "interior",      "hinterland",
          "downtown",  "districts", "quarter",   "neighbourhoods", "neighborhoods", "towns",
          "villages",  "cities",    "provinces", "regions",        "settlements",   "side",
          "sector",    "zone",      "borders",   "frontier",       "hometown",      "half",
          "much",      "most",      "rest",      "swathes",        "swaths",        "city",
          "town",      "slum",      "slums",     "shantytown",     "enclave",       "stronghold"});
}

bool IsAcronym(std::string_view f) {
  int letters = 0, upper = 0;
  for (char ch : f) {
    if (ch == '.') continue;
    bool up = ch >= 'A' && ch <= 'Z';
    if (!up && !(ch >= 'a' && ch <= 'z')) return false;
    ++letters;
    upper += up ? 1 : 0;
  }
  if (letters < 2 || letters > 5) return false;
  if (upper == letters) return true;
  return letters >= 3 && upper >= 2 && f.front() >= 'A' && f.front() <= 'Z' && f.back() >= 'A' &&
         f.back() <= 'Z';
}

bool IsCompassWord(std::string_view f) {
  return InList(f, {"north", "south", "east", "west", "northeast", "northwest", "southeast",
                    "southwest", "north-east", "north-west", "south-east", "south-west"});
}

bool IsDirectionNoun(std::string_view f) {
  return IsCompassWord(f) || InList(f, {"outskirts", "center", "centre", "heart", "edge", "suburbs",
                                        "part", "parts", "outside", "vicinity"});
}

bool IsFaithWord(std::string_view f) {
  return InList(
      f, {"catholic",   "catholics", "protestant", "protestants", "muslim",  "muslims", "christian",
          "christians", "sunni",     "sunnis",     "shiite",      "shiites", "shia",    "jew",
          "jews",       "jewish",    "hindu",      "hindus",      "sikh",    "sikhs",   "buddhist",
          "buddhists",  "druze",     "alawite",    "alawites",    "copt",    "copts",   "coptic"});
}

bool IsOfficeWord(std::string_view f) {
  return InList(f, {"mayor", "governor", "council", "councillor", "councilor", "police", "sheriff",
                    "attorney", "judge", "prefect", "mayoralty"});
}

bool IsOfficeRank(std::string_view f) { return InList(f, {"vice", "deputy", "acting"}); }

bool DeprelIs(const Token& t, std::string_view prefix) {
  return std::string_view(t.deprel).substr(0, prefix.size()) == prefix;
}

}  // namespace sitrep::places::internal

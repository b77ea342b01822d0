// ClassifyAcled: see the rules in cameo.h (and docs/events.md).
#include <array>

#include "cameo/cameo.h"

namespace sitrep::cameo {
namespace {

constexpr std::string_view kBattles = "Battles";
constexpr std::string_view kExplosions = "Explosions/Remote violence";
constexpr std::string_view kCivilians = "Violence against civilians";
constexpr std::string_view kProtests = "Protests";
constexpr std::string_view kRiots = "Riots";

template <size_t N>
bool In(std::string_view s, const std::array<std::string_view, N>& set) {
  for (std::string_view x : set)
    if (x == s) return true;
  return false;
}

// State forces: GOV counts here only as a source (a government "takes" a town
// with its forces); as a target an unarmed official is not a state force.
bool IsStateForce(std::string_view sector) {
  static constexpr std::array<std::string_view, 3> kSet = {"MIL", "COP", "SPY"};
  return In(sector, kSet);
}

bool IsNonStateArmed(std::string_view sector) {
  static constexpr std::array<std::string_view, 6> kSet = {"REB", "INS", "SEP",
                                                           "UAF", "IMG", "MLA"};
  return In(sector, kSet);
}

bool IsArmed(std::string_view sector) {
  return IsStateForce(sector) || IsNonStateArmed(sector) || sector == "PKO";
}

bool IsCivilian(std::string_view sector) {
  static constexpr std::array<std::string_view, 16> kSet = {
      "CVL", "REF", "EDU", "MED", "HLH", "LAB", "BUS", "AGR",
      "HRI", "NGO", "NGM", "DEV", "ENV", "REL", "SET", "OPP"};
  return In(sector, kSet);
}

AcledType Make(std::string_view type, std::string_view sub) {
  return AcledType{std::string(type), std::string(sub)};
}

}  // namespace

AcledType ClassifyAcled(const CodeInfo& code, std::string_view plover_mode,
                        std::string_view source_sector, std::string_view target_sector) {
  AcledType out{code.acled_event_type, code.acled_sub_event_type};
  // Rule 1: no ACLED category for the code -> none, whatever the text says.
  if (out.event_type.empty()) return out;
  std::string_view mode = plover_mode.empty() ? std::string_view(code.plover_mode) : plover_mode;
  const bool violent =
      out.event_type == kBattles || out.event_type == kExplosions || out.event_type == kCivilians;

  if (violent) {
    // Rule 2: the weapon shown by the text.
    if (mode == "aerial" || mode == "drone") return Make(kExplosions, "Air/drone strike");
    if (mode == "artillery" || mode == "missile") {
      return Make(kExplosions, "Shelling/artillery/missile attack");
    }
    if (mode == "explosives") return Make(kExplosions, "Remote explosive/landmine/IED");
    if (mode == "suicide") return Make(kExplosions, "Suicide bomb");
    if (mode == "grenade") return Make(kExplosions, "Grenade");
    if (mode == "cbrn") return Make(kExplosions, "Chemical weapon");
    if (mode == "crowd-control") return Make(kProtests, "Protest with intervention");
    if (mode == "sexual") return Make(kCivilians, "Sexual violence");
    if (mode == "abduct") return Make(kCivilians, "Abduction/forced disappearance");
    if (out.event_type == kExplosions) return out;

    // Rule 3: taking territory, by who takes it.
    if (code.code == "192") {
      if (IsStateForce(source_sector) || source_sector == "GOV") {
        return Make(kBattles, "Government regains territory");
      }
      if (IsNonStateArmed(source_sector)) {
        return Make(kBattles, "Non-state actor overtakes territory");
      }
      return out;
    }
    // Rule 4: a civilian mob.
    if (source_sector == "CVL" && !IsArmed(target_sector)) return Make(kRiots, "Mob violence");
    // Rule 5: fighting against the unarmed is violence against civilians.
    if (out.event_type == kBattles && IsCivilian(target_sector)) return Make(kCivilians, "Attack");
    // Rule 6: an attack on armed men is a battle.
    if (out.event_type == kCivilians && out.sub_event_type == "Attack" && IsArmed(target_sector)) {
      return Make(kBattles, "Armed clash");
    }
    return out;
  }

  // Rule 7: protests and their repression.
  if (Table::Root(code.code) == "14" && out.event_type == kProtests && mode == "riot") {
    return Make(kRiots, "Violent demonstration");
  }
  if (code.code == "175") {
    if (mode == "firearms" || mode == "beat" || mode == "artillery" || mode == "explosives") {
      return Make(kProtests, "Excessive force against protesters");
    }
    return Make(kProtests, "Protest with intervention");
  }
  // Rule 8: the table default.
  return out;
}

}  // namespace sitrep::cameo

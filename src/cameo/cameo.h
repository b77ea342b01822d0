// CAMEO event codes and what they map to: label, quad class, Goldstein weight,
// PLOVER event type and mode, ACLED event type and sub-event type.
//
//   SITREP_ASSIGN_OR_RETURN(auto table, cameo::Table::LoadDefault());  // data/cameo/cameo.tsv
//   const cameo::CodeInfo* c = table->FindOrAncestor("1951");
//   // c->label "Precision-guided aerial attack", c->quad_class 4, c->goldstein -10,
//   // c->plover_event "ASSAULT", c->plover_mode "aerial",
//   // c->acled_event_type "Explosions/Remote violence", c->acled_sub_event_type "Air/drone strike"
//
//   // "Gunmen attacked a checkpoint" coded 190, source sector UAF, target sector COP:
//   cameo::AcledType a = cameo::ClassifyAcled(*table->Find("190"), "", "UAF", "COP");
//   // a = {"Battles", "Armed clash"}
//   // "Troops attacked villagers" (190, MIL -> CVL): {"Violence against civilians", "Attack"}
//   // "Jets attacked the town" (190, mode "aerial"): {"Explosions/Remote violence", "Air/drone
//   strike"}
//
//   SITREP_ASSIGN_OR_RETURN(auto modes, cameo::ModeDetector::LoadDefault());
//   // doc: "Russian warplanes bombed rebel positions." with event trigger "bombed" (cameo 195)
//   std::string mode = modes->Detect(doc, doc.events[0]);  // "aerial"
//
// The table file (data/cameo/cameo.tsv) and the mode lexicon
// (data/cameo/plover_modes.tsv) are our own; docs/events.md explains the
// mapping rules. Tables and detectors are immutable after loading and may be
// shared across threads.
#ifndef SITREP_CAMEO_CAMEO_H_
#define SITREP_CAMEO_CAMEO_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/event.h"
#include "core/status.h"

namespace sitrep::cameo {

// One row of the code table. Empty strings mean "none" (e.g. no ACLED type
// for most verbal cooperation, no PLOVER type for plain statements, 01x).
struct CodeInfo {
  std::string code;      // "190", "0231", "19"
  std::string label;     // "Conventional military force"
  int quad_class = 0;    // 1 verbal coop., 2 material coop., 3 verbal conflict, 4 material conflict
  double goldstein = 0;  // -10 .. +10
  std::string plover_event;          // "ASSAULT", "REQUEST", ... ; empty if PLOVER does not code it
  std::string plover_mode;           // default mode for the code ("aerial" for 195), empty if none
  std::string acled_event_type;      // "Battles", ...; empty if ACLED has no category
  std::string acled_sub_event_type;  // "Armed clash", ...
};

// The CAMEO code table. Build with Load/LoadDefault; const afterwards.
class Table {
 public:
  // Reads a cameo.tsv file: '#' comments and blank lines ignored, one header
  // line starting with "code", then tab-separated rows of
  //   code label quad_class goldstein plover_event plover_mode acled_event_type
  //   acled_sub_event_type
  // (trailing empty cells may be left out; an empty goldstein cell takes the
  // parent code's weight). Malformed rows are skipped and reported in
  // warnings() as "cameo.tsv:12: goldstein not a number: 'x'".
  // NotFoundError if the file cannot be read; DataLossError if it has no valid row.
  static StatusOr<std::unique_ptr<Table>> Load(const std::string& tsv_path);
  // Load(DataPath("cameo/cameo.tsv")).
  static StatusOr<std::unique_ptr<Table>> LoadDefault();
  // As Load, from text in memory; `origin` names it in warnings ("cameo.tsv").
  static StatusOr<std::unique_ptr<Table>> Parse(std::string_view text, std::string_view origin);

  // Exact lookup: Find("0231"); nullptr if the code is not in the table.
  const CodeInfo* Find(std::string_view code) const;
  // The code or its nearest ancestor: "0231" -> "023" -> "02"; nullptr if
  // not even the root is known (or the code is empty).
  const CodeInfo* FindOrAncestor(std::string_view code) const;
  // The two-digit root of a code: "0231" -> "02", "190" -> "19"; the code
  // itself if it is shorter than two characters.
  static std::string_view Root(std::string_view code);

  // Problems found while loading, one per skipped or suspicious row.
  const std::vector<std::string>& warnings() const { return warnings_; }
  size_t size() const { return codes_.size(); }
  // All rows in file order.
  const std::vector<CodeInfo>& codes() const { return codes_; }

 private:
  Table() = default;
  std::vector<CodeInfo> codes_;
  std::unordered_map<std::string, size_t> index_;  // code -> position in codes_
  std::vector<std::string> warnings_;
};

// The PLOVER 2021 event types accepted in the table (plus CRIME from the
// PLOVER definitions): AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID,
// RETREAT, INVESTIGATE, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION,
// MOBILIZE, COERCE, ASSAULT, CRIME.
bool IsPloverEvent(std::string_view type);
// True if `sub_type` is one of ACLED's sub-event types of `event_type`
// ("Battles", "Armed clash"). Both empty is also valid (no ACLED category).
bool IsAcledType(std::string_view event_type, std::string_view sub_type);

struct AcledType {
  std::string event_type;      // "Battles"; empty if ACLED has no category
  std::string sub_event_type;  // "Armed clash"
  bool operator==(const AcledType&) const = default;
};

// The ACLED type of one event. Starts from the code's table default and
// refines it with what the text shows. `plover_mode` is the mode seen in the
// text (ModeDetector::Detect), empty to use the code's default mode; sectors
// are CAMEO sector codes of the source and target actors ("MIL", "CVL"),
// empty if unknown. Rules, in order (the first that applies to a field wins):
//
//  1. Codes with no ACLED default (most verbal events, threats, sanctions)
//     stay empty whatever the mode or sectors: a threatened air strike is
//     not an ACLED event.
//  2. Violent defaults (Battles, Explosions/Remote violence, Violence against
//     civilians) take the weapon the text shows:
//       aerial, drone            -> Explosions/Remote violence / Air/drone strike
//       artillery, missile       -> Explosions/Remote violence / Shelling/artillery/missile attack
//       explosives               -> Explosions/Remote violence / Remote explosive/landmine/IED
//       suicide                  -> Explosions/Remote violence / Suicide bomb
//       grenade                  -> Explosions/Remote violence / Grenade
//       cbrn                     -> Explosions/Remote violence / Chemical weapon
//       crowd-control (tear gas) -> Protests / Protest with intervention
//       sexual                   -> Violence against civilians / Sexual violence
//       abduct                   -> Violence against civilians / Abduction/forced disappearance
//     Explosions/Remote violence keeps its type whoever the target is (ACLED
//     codes a strike on a market as Explosions/Remote violence too).
//  3. Occupying territory (192): a state source (GOV, MIL, COP, SPY) ->
//     Battles / Government regains territory; a non-state armed source
//     (REB, INS, SEP, UAF, ...) -> Battles / Non-state actor overtakes territory.
//  4. Battles or Violence against civilians by a civilian source (CVL: a mob,
//     villagers) against anyone who is not armed -> Riots / Mob violence.
//  5. Battles / Armed clash against an unarmed target (civilian sectors
//     CVL, REF, EDU, MED, HLH, LAB, BUS, AGR, HRI, NGO, NGM, DEV, ENV, REL,
//     SET, OPP) -> Violence against civilians / Attack.
//  6. Violence against civilians / Attack against an armed target (MIL, COP,
//     SPY, REB, INS, SEP, UAF, IMG, MLA, PKO) -> Battles / Armed clash
//     ("gunmen attacked a checkpoint").
//  7. Protests (14x): mode riot -> Riots / Violent demonstration.
//     Repression (175): mode firearms, beat, artillery, explosives -> Protests /
//     Excessive force against protesters; otherwise Protests / Protest with
//     intervention.
//  8. Everything else keeps the table default: 145 -> Riots / Violent
//     demonstration, 173 -> Strategic developments / Arrests, 171x ->
//     Strategic developments / Looting/property destruction, 057, 0871 ->
//     Strategic developments / Agreement, 0874 -> Non-violent transfer of
//     territory, 15x -> Change to group/activity.
AcledType ClassifyAcled(const CodeInfo& code, std::string_view plover_mode,
                        std::string_view source_sector, std::string_view target_sector);

// Finds the PLOVER mode shown by the words of an event's clause: the trigger,
// the trigger head's dependents and their dependents (subjects, objects,
// obliques, compounds, modifiers, open complements "threatened to impose a
// curfew", noun complements "an attempt to assassinate"; not conjuncts,
// relative or other clauses). A trigger head that is an auxiliary or a
// modifier ("have [been killed]", "roadside [bombing]") brings in the word it
// depends on. Words are matched by lemma, lower-cased form, or a base-form
// guess when the lemma is off ("rioted" -> "riot").
//
//   "Russian warplanes bombed rebel positions"   (195, trigger "bombed") -> "aerial"
//   "a drone strike killed three fighters"       (trigger "killed")     -> "drone"
//   "the army shelled the town"                  (trigger "shelled")    -> "artillery"
//   "a suicide bomber blew himself up"            -> "suicide"
//   "police fired tear gas at the crowd"          -> "crowd-control"
//   "prisoners went on hunger strike"  (142)      -> "hunger"
//
// Driven by data/cameo/plover_modes.tsv: term (one or more words, matched
// against a token's lemma or lower-cased form; "-" tokens between words are
// skipped and hyphens inside a token ignored), mode, the PLOVER event types
// the term applies to ("*" = any), and a priority. When several terms match,
// the highest priority wins ("suicide car bomb": suicide over explosives),
// then the longer term, then the one nearer the trigger. A term only applies
// if the event's code (table lookup, nearest ancestor) has one of its PLOVER
// types; an unknown code only gets "*" terms.
class ModeDetector {
 public:
  // Malformed lexicon lines are skipped and reported in warnings().
  // NotFoundError if a file cannot be read; DataLossError if no entry is valid.
  static StatusOr<std::unique_ptr<ModeDetector>> Load(const std::string& modes_tsv,
                                                      const std::string& cameo_tsv);
  // Load(DataPath("cameo/plover_modes.tsv"), DataPath("cameo/cameo.tsv")).
  static StatusOr<std::unique_ptr<ModeDetector>> LoadDefault();

  // The mode, or "" if the text shows none or the event's indices do not
  // point into `doc` (never crashes on a malformed event).
  std::string Detect(const Document& doc, const Event& event) const;

  const std::vector<std::string>& warnings() const { return warnings_; }
  size_t size() const { return entries_.size(); }
  const Table& table() const { return *table_; }

 private:
  struct Entry {
    std::vector<std::string> words;   // "tear", "gas"
    std::string mode;                 // "crowd-control"
    std::vector<std::string> events;  // PLOVER types; empty = any
    int priority = 0;
    size_t line = 0;  // order in the file, for ties
  };
  ModeDetector() = default;
  std::unique_ptr<Table> table_;
  std::vector<Entry> entries_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_word_;
  // PLOVER types named by some entry, and whether an entry applies to any
  // type: lets Detect return early for events no term can apply to.
  std::set<std::string, std::less<>> entry_types_;
  bool has_any_type_entry_ = false;
  uint32_t max_words_ = 0;  // longest term, in words
  std::vector<std::string> warnings_;
};

}  // namespace sitrep::cameo

#endif  // SITREP_CAMEO_CAMEO_H_

// Places: toponyms in a parsed Document, resolved against the gazetteer
// (geo::Gazetteer), and the location of every coded event.
//
//   SITREP_ASSIGN_OR_RETURN(auto gaz, geo::Gazetteer::Load(geo::DefaultIndexPath()));
//   places::PlaceStage stage(gaz.get());          // after tokenize/tag/parse/code
//   doc.text = "BEIRUT (Reuters) - Syrian jets struck Ariha in Idlib province on "
//              "Thursday. Rockets fired from Gaza hit Ashkelon.";
//   ... analyzer->Analyze(doc); coder->Code(doc); stage.Process(doc);
//   // doc.places:
//   //   "BEIRUT"          Beirut LBN        city    dateline = true
//   //   "Ariha"           Ariha SYR/Idlib   city    (admin hierarchy: "in Idlib province")
//   //   "Idlib province"  Idlib SYR         admin1
//   //   "Gaza", "Ashkelon"
//   // events: "struck" -> location "Ariha" (basis clause)
//   //         "hit"    -> location "Ashkelon", launch_location "Gaza"
//
// Recognition (RecognizePlaces), per sentence, longest match over tokens
// driven by Gazetteer::IsPrefix ("Deir" -> "Deir ez-Zor"):
//   - countries, provinces (ADM1), continents and our supplement's features
//     ("the Caspian Sea", "Darfur") are accepted when capitalised;
//   - towns and villages (weak: every capitalised word is a village
//     somewhere) only with evidence: a locative preposition ("in/near/
//     outside/from/to X"), a designator ("X province", "the city of X"), a
//     direction ("north of X", "western X"), an apposition to a known place
//     ("Ariha, Idlib"), a capital, a large population (>= 100k), or an
//     earlier accepted mention of the same name in the document;
//   - never: demonyms ("Syrian troops" is an actor; the country counts as
//     document evidence), names inside a named actor mention ("Bashar
//     al-Assad"), acronyms as towns ("U.N." is no Indian village "Un"),
//     months and weekdays, a weak name glued to other proper
//     nouns ("Francisco Duque");
//   - an unknown capitalised name after in/near/outside or before a
//     designator ("in Palauig", "Kodori Gorge"), or in a list with an
//     accepted place, is kept as text with NaN coordinates (precision
//     kNone); so is a small town (< 20k people, not a capital) that lies in
//     none of the story's countries (a local name the gazetteer lacks).
//     An unknown name followed by the place containing it ("Los Espinos,
//     Zamora", "Cellardyke in Fife") takes that place's point, name and
//     precision, with relation "in".
//   - short and former country names ("US", "Britain", "Turkey", "DRC") and
//     continents / world regions ("Africa", "North America") come from a
//     small built-in table when the gazetteer lacks them.
// Span: the name plus a following designator and a preceding "the"
// ("the Caspian Sea", "Idlib province"); direction/proximity words go to
// Place::relation ("north of", "western", "near", "outside").
// Disambiguation among same-named entries: score = log10(population) + feature
// prior (country > feature > admin1 > town without designator; a designator
// selects admin vs city) + document countries (from unambiguous countries,
// demonyms, actor mentions' countries of accepted names, the dateline) + admin
// hierarchy (the next place in ", Idlib" / "in Idlib province" names the
// entry's province or country, ", in Scott County" a county of its province,
// "in Morelia" a town within 50 km) + province evidence (another name of the
// document is the entry's province: "Marion" in a story that says "Indiana").
// A name resolved through a hierarchy keeps that reading at its other
// mentions. Counties and districts (index built with --admin2) are weak
// names like towns; one named like one of its towns is that town.
//
// The dateline ("BEIRUT (Reuters) -", "KABUL, March 3 (AFP) -", "ISLAMABAD:")
// is a Place with dateline = true: weak document evidence, never an event
// location.
//
// Event location (LocateTrigger, per event):
//   1. clause: places under the trigger in the parse, without crossing a
//      clause boundary (ccomp, advcl, relcl, parataxis, csubj); a locative
//      preposition beats an object or a compound; shorter paths beat longer
//      ones; finer precision wins ties;
//   2. sentence: any other usable place of the sentence, nearest first;
//   3. document: the document's focus place (focus country, or its focus
//      province when most places of the story lie in one), basis kDocument.
//   Never used: the dateline, a place acting as an actor (overlapping a
//   kCountry mention: "Moscow said"), subjects and possessors ("Syria's
//   war"), by-agents. Launches: "fired/launched from X" (a launch verb or a
//   projectile noun in the path) gives launch_location = X, and the location
//   is where it hit ("at/on/into/towards Y", or the clause's other place).
//   Also refused, even as the sentence fallback (locate.cc, README): places
//   in another event's coordinated clause ("X was captured and Y was killed
//   in Z"), "according to officials in X", "captured X from Y" (Y), plans
//   ("vowed to march into X"), states ("troops which have bases in X").
//
// Everything here is const and thread-safe; the gazetteer must outlive the stage.
#ifndef SITREP_PLACES_PLACES_H_
#define SITREP_PLACES_PLACES_H_

#include <cstdint>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "geo/gazetteer.h"
#include "pipeline/stage.h"

namespace sitrep::places {

struct RecognizeOptions {
  // Keep capitalised names no gazetteer knows (after in/near/outside, or
  // before a designator) as unresolved places.
  bool keep_unknown = true;
  // Towns with at least this population are accepted without other evidence.
  int64_t bare_town_population = 100000;
  // A town (not a capital) in none of the document's countries, in a story
  // whose countries are known, stays unresolved below this population: the
  // name is more likely a local place the gazetteer lacks.
  int64_t foreign_town_population = 20000;
};

// Replaces doc.places with the places named in the text (dateline included),
// in text order, and resets doc.focus_place to -1. Needs tokens and tags;
// uses the parse and doc.mentions when present. Never fails on odd input.
void RecognizePlaces(const geo::Gazetteer& gazetteer, Document& doc,
                     const RecognizeOptions& options = {});

// Sets doc.focus_place: the story's main country (or province), as an index
// into doc.places. Country evidence: each place 1, each actor mention with a
// country 0.5 ("Syrian troops"), the dateline 0.3; the province when >= 2
// places and >= 60 % of those below country level lie in it. If no place
// names the focus at that precision, a coarsened copy of the first place
// inside it (else of the first actor mention of that country) is appended
// (same span, the country's or province's own entry, precision
// kCountry/kAdmin1, confidence 0.5). -1 if there is no evidence at all.
// Call after RecognizePlaces.
void ChooseFocus(const geo::Gazetteer& gazetteer, Document& doc);

// Where the event with this trigger token (a document token index) happened.
struct TriggerLocation {
  int32_t location = -1;         // index into doc.places
  int32_t launch_location = -1;  // index into doc.places
  LocationBasis basis = LocationBasis::kNone;
};
enum class Fallback : uint8_t {
  kDocument,  // clause, then sentence, then doc.focus_place
  kSentence,  // clause, then sentence only (single-sentence evaluation)
  kClause,    // the event's own clause only
};
// Works on any token, also one no event was coded for. `event` (index into
// doc.events, or -1) lets its source mention's span be avoided.
TriggerLocation LocateTrigger(const Document& doc, uint32_t trigger, int32_t event = -1,
                              Fallback fallback = Fallback::kDocument);

// Sets location, launch_location and location_basis of every doc.events[i].
void LocateEvents(Document& doc);

// Civilians, protesters and police without a country ("killing three
// people", "protesters marched", "police fired tear gas") in a protest,
// repression or violence event (CAMEO roots 14, 17-20) are of the country
// where it happened: their mention takes the event's place's country
// ("---CVL" -> "UKRCVL"), as ACLED's "Civilians (Ukraine)" does (civilians
// and protesters as targets, or as the source of a protest; police on
// either side). Soldiers, officials, journalists and refugees are left
// alone: they are often foreign.
void CountryOfLocalActors(Document& doc);

// The stage: RecognizePlaces + ChooseFocus + LocateEvents + CountryOfLocalActors.
class PlaceStage : public Stage {
 public:
  // `gazetteer` is not owned and must outlive the stage.
  explicit PlaceStage(const geo::Gazetteer* gazetteer, RecognizeOptions options = {})
      : gazetteer_(gazetteer), options_(options) {}
  std::string_view name() const override { return "places"; }
  uint32_t requires_layers() const override {
    return kLayerTokens | kLayerTags | kLayerParse | kLayerMentions | kLayerEvents;
  }
  uint32_t provides_layers() const override { return kLayerPlaces | kLayerLocations; }
  // FailedPreconditionError without a gazetteer; otherwise OK.
  Status Process(Document& doc) const override;

 private:
  const geo::Gazetteer* gazetteer_;
  RecognizeOptions options_;
};

}  // namespace sitrep::places

#endif  // SITREP_PLACES_PLACES_H_

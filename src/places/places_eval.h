// Evaluation of places against third-party gold data read in place from
// ../shared/corpora (never copied into the repository):
//
//   GeoVirus (geovirus/GeoVirus.xml): toponym precision/recall/F1 with exact
//   span match (our name without "the"/designator, e.g. "Idlib" of "Idlib
//   province", against the gold span) and with lenient overlap; accuracy within
//   161 km over all gold toponyms (a missed or unresolved toponym is a miss);
//   mean and median error in km over the gold toponyms we resolved.
//   GeoVirus offsets are characters and one too high (see its PROVENANCE.md):
//   gold bytes = Utf8Bytes(text[start-1 : end-1]).
//
//   event-location (event-location/labeled_text.jsonl.zip, records with
//   source "RELABEL"): for the gold verb, the place LocateTrigger picks
//   (clause, then sentence; no document fallback) must overlap a gold
//   LOCATION span; a record without gold location is right when we pick none.
//
//   SITREP_ASSIGN_OR_RETURN(auto s, EvalGeoVirus(path, *gaz, *analyzer, *coder));
//   std::cout << s.f1 << " " << s.acc161 << "\n";
#ifndef SITREP_PLACES_PLACES_EVAL_H_
#define SITREP_PLACES_PLACES_EVAL_H_

#include <string>
#include <vector>

#include "core/event_coder.h"
#include "core/status.h"
#include "geo/gazetteer.h"
#include "pipeline/analyzer.h"

namespace sitrep::places {

struct GeoVirusScore {
  int articles = 0;
  int gold = 0;
  int predicted = 0;
  int exact_tp = 0;    // predicted spans equal to a gold span
  int overlap_tp = 0;  // predicted spans overlapping a gold span
  int gold_found_overlap = 0;
  double precision = 0, recall = 0, f1 = 0;                          // exact
  double overlap_precision = 0, overlap_recall = 0, overlap_f1 = 0;  // lenient
  int within161 = 0;  // gold toponyms resolved within 161 km
  double acc161 = 0;  // within161 / gold
  // Also right when the gold point lies within the resolved country's,
  // province's or feature's own radius (radius_km of its gazetteer entry):
  // large areas have no single agreed reference point.
  int within161_or_area = 0;
  double acc161_or_area = 0;
  int resolved = 0;                   // gold toponyms found (overlap) and resolved to coordinates
  double mean_km = 0, median_km = 0;  // over `resolved`
  // Time of RecognizePlaces + ChooseFocus + LocateEvents (parse and coding
  // excluded) over `sentences` sentences, for the throughput figure.
  double stage_seconds = 0;     // thread CPU time
  double analysis_seconds = 0;  // tokenize+tag+parse, same docs, thread CPU time
  int sentences = 0;
  // Examples of misses for the report: "FN name | context", "FP ...", "FAR name km".
  std::vector<std::string> examples;
};

// NotFoundError if the file is missing, DataLossError if it cannot be read.
StatusOr<GeoVirusScore> EvalGeoVirus(const std::string& xml_path, const geo::Gazetteer& gazetteer,
                                     const Analyzer& analyzer, const EventCoder& coder);

struct EventLocationScore {
  int records = 0;  // RELABEL records scored
  int correct = 0;
  int with_gold = 0;  // records with >= 1 gold location
  int with_gold_correct = 0;
  int no_gold = 0;
  int no_gold_correct = 0;
  int trigger_is_event = 0;  // records where our coder has an event on the gold verb
  double accuracy = 0, with_gold_accuracy = 0, no_gold_accuracy = 0;
  // The same with Fallback::kClause (no sentence-level places).
  int clause_only_correct = 0;
  double clause_only_accuracy = 0;
  std::vector<std::string> examples;  // wrong records, "gold=.. ours=.. | sentence"
};

// Reads the zip through `unzip -p` (popen). NotFoundError if missing,
// DataLossError if it cannot be read or parsed.
StatusOr<EventLocationScore> EvalEventLocation(const std::string& zip_path,
                                               const geo::Gazetteer& gazetteer,
                                               const Analyzer& analyzer, const EventCoder& coder);

}  // namespace sitrep::places

#endif  // SITREP_PLACES_PLACES_EVAL_H_

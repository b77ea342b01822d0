// Event records: the public JSON contract of `sitrep code` (docs/events.md).
//
//   EventRecorder recorder(table, modes);   // cameo tables, shared and const
//   for (size_t i = 0; i < doc.events.size(); ++i)
//     std::cout << recorder.Record(doc, i, "sitrep").dump() << "\n";
//
// gives, for "Police said gunmen had attacked a checkpoint ..." (abridged):
//   {"schema": "sitrep.event/1", "id": "kdh-0412:2:1", "doc_id": "kdh-0412",
//    "doc_date": "2019-04-12", "sentence_index": 2, "sentence": "Police said ...",
//    "span": {"start": 311, "end": 422},
//    "trigger": {"text": "attacked", "lemma": "attack", "start": 337, "end": 345},
//    "cameo": "190", "cameo_root": "19", "cameo_label": "Use conventional military force",
//    "quad_class": 4, "goldstein": -10.0, "plover": {"event": "ASSAULT", "mode": null},
//    "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"},
//    "source": {"text": "gunmen", "code": "---UAF", ...}, "target": {...},
//    "location": null, "date": {...}, "fatalities": null,
//    "attribution": {"text": "Police", "status": "reported"},
//    "negated": false, "modality": "factual", "reported_by": "kdh-0412:2:0",
//    "confidence": 0.8, "coder": "sitrep", "issues": []}
//
// Fields that later stages fill (location, fatalities; date beyond the story
// date; attribution beyond reported speech) are null until then: unknown is
// null, never a guess.
#ifndef SITREP_CODING_EVENT_RECORD_H_
#define SITREP_CODING_EVENT_RECORD_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "cameo/cameo.h"
#include "core/document.h"

namespace sitrep {

class EventRecorder {
 public:
  // Both must outlive the recorder; `modes` may be null (then the mode is the
  // code's default mode).
  EventRecorder(const cameo::Table* table, const cameo::ModeDetector* modes)
      : table_(table), modes_(modes) {}

  // The record of doc.events[index]. `coder` is the coder's name ("sitrep").
  nlohmann::ordered_json Record(const Document& doc, size_t index, std::string_view coder) const;
  // The records of all of doc.events, in order.
  std::vector<nlohmann::ordered_json> Records(const Document& doc, std::string_view coder) const;

  // Record ids of every event of `doc`, "<doc_id>:<sentence>:<k>" where k
  // counts the events of that sentence in order.
  static std::vector<std::string> EventIds(const Document& doc);

 private:
  const cameo::Table* table_;
  const cameo::ModeDetector* modes_;
};

// A readable summary of the coded events of many documents, one row per event:
//   date        source            event                          target        place  dead
//   2019-04-12  Police (---COP)   010 Make statement             -             -      -
// Rows are given as records (the JSON above), so the table shows exactly what
// the JSONL output holds.
std::string SummaryTable(const std::vector<nlohmann::ordered_json>& records);

}  // namespace sitrep

#endif  // SITREP_CODING_EVENT_RECORD_H_

// TimexStage: fills Document::times and dates every event (Event::time, date,
// date_precision, date_basis) against the story date (Document::date).
//
//   timex::TimexStage timex;
//   AnalyzerOptions options;
//   options.coder = coder.get();
//   options.context_stages = {&timex};  // after coding (needs events + parse)
//   // doc.date = "2019-04-12" (a Friday)
//   // "Police said on Friday that gunmen had attacked a checkpoint on
//   //  Wednesday, killing four officers."
//   //   times[0] = "on Friday"    2019-04-12 (day)
//   //   times[1] = "on Wednesday" 2019-04-10 (day)
//   //   "said"     -> time 0, date 2019-04-12, basis kText
//   //   "attacked" -> time 1, date 2019-04-10, basis kText
//   //   "killing"  -> time 1 (advcl of "attacked"), basis kText
//
// How an event gets its date (first rule that applies; src/timex/README.md):
//  1. kText: a time expression attached to the event in the parse. An
//     expression is anchored at the nearest verb or event trigger above it
//     ("on Thursday night" hanging on the object "checkpoint" is anchored at
//     "attacked"); from the event's trigger we walk up through xcomp, advcl,
//     conj and nominal relations (not ccomp, parataxis, acl:relcl, csubj, and
//     never into the statement that reports the event) to the first word that
//     anchors an expression. Else the sentence's only time expression, unless
//     it is attached to the statement that reports this event or to an event
//     this one reports (so "police said on Friday (that) gunmen attacked" does
//     not date the attack on Friday).
//     An expression after the story date ("after the story date") never dates
//     a kFactual event: it is skipped as if absent. A kDuration ("for three
//     days") dates an event only in the perfect ("have besieged the town for
//     three days"); "jailed for five years" is a length: skipped. An attached
//     expression that could not be resolved ("before 1900", "invalid date",
//     "no story date") gives time = its index, date "" and basis kNone.
//  2. kParagraph: the last point expression (not a duration or "since") with
//     a value and no problem in an EARLIER sentence of the same paragraph
//     (Sentence::paragraph); `time` is its index. Sentences without a verb (a
//     dateline "KABUL, April 12 (sitrep) -", a byline) are skipped.
//  3. kStoryDate: the story date, precision kDay, time -1.
//  4. kNone: no story date (or an unusable one: not YYYY-MM-DD, before 1900;
//     a warning is added to doc.diagnostics), date "".
//
// Stateless and const: one instance may serve many threads.
//
// Naming: glibc's <sys/timex.h> (pulled in by <chrono> on some toolchains)
// declares a global `struct timex`; after `using namespace sitrep;` at global
// scope write `sitrep::timex::TimexStage` (inside namespace sitrep,
// `timex::TimexStage` is unambiguous).
#ifndef SITREP_TIMEX_TIMEX_STAGE_H_
#define SITREP_TIMEX_TIMEX_STAGE_H_

#include <cstdint>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "pipeline/stage.h"

namespace sitrep::timex {

class TimexStage : public Stage {
 public:
  std::string_view name() const override { return "timex"; }
  uint32_t requires_layers() const override { return kLayerEvents | kLayerParse; }
  uint32_t provides_layers() const override { return kLayerTimes; }
  // Replaces doc.times and the date fields of doc.events. Always OK: bad or
  // missing story dates and odd text give problems and warnings, not errors.
  Status Process(Document& doc) const override;
};

}  // namespace sitrep::timex

#endif  // SITREP_TIMEX_TIMEX_STAGE_H_

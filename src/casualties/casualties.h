// Casualty counts: how many people were killed, injured, arrested, abducted
// or displaced, read from the UD parse, and which coded event they belong to.
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));
//   SITREP_ASSIGN_OR_RETURN(auto coder, events::CreateCoder({}));
//   SITREP_ASSIGN_OR_RETURN(auto stage, casualties::CasualtyStage::Create({}));
//   Document doc;
//   doc.text = "Gunmen attacked a checkpoint in Kandahar, killing at least four officers. "
//              "Two policemen were wounded.";
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   SITREP_RETURN_IF_ERROR(coder->Code(doc));
//   SITREP_RETURN_IF_ERROR(stage->Process(doc));
//   // doc.casualties[0] = {"at least four officers", kKilled, 4, kAtLeast,
//   //                      victims "officers", side "security", event = "attacked" (190)}
//   // doc.casualties[1] = {"Two policemen", kInjured, 2, kExact, victims "policemen",
//   //                      side "security", event = "attacked" (previous sentence)}
//
// What is read (details, figures and failure categories in README.md):
//   kinds     killed: kill, slay, die, perish, execute, massacre, behead, murder,
//             assassinate, "shot dead", dead, death(s), fatalities, "death toll",
//             "lost their lives", "claimed the lives of";
//             injured: wound, injure, hurt, maim, injuries;
//             arrested: arrest, detain, apprehend, jail, imprison, "round up",
//             capture (of people); abducted: abduct, kidnap;
//             displaced: displace, uproot, flee, evacuate, "left homeless".
//   shapes    "killing 13 civilians", "13 people were killed", "killed 13",
//             "13 killed and 20 wounded", "left 13 dead", "13 dead", "13 deaths",
//             "the death toll rose to 40", "a death toll of 40", "the killing of
//             13", "at least 4 officers died", "one of the attackers was
//             killed", "a soldier was killed" (1), "killed the deputy chief" (1),
//             "both soldiers" (2).
//   numbers   digits with commas ("10,000"), decimals with a scale ("1.5
//             million"), words ("thirteen", "two hundred and fifty", "twenty-
//             five"), and ACLED's conservative reading of vague plurals:
//             a couple 2, a dozen 12, dozens 12, scores 20, tens 10, hundreds
//             100, tens of thousands 10,000, hundreds of thousands 100,000,
//             thousands 1,000, millions 1,000,000. "several", "many", "a few"
//             give no count (unknown is unknown).
//   qualifier "at least / more than / over / upwards of / in excess of" and
//             the vague plurals -> kAtLeast; "about / around / some / roughly /
//             approximately / an estimated / a dozen / a couple" -> kAbout;
//             "up to / nearly / almost / as many as / fewer than / less than /
//             under / at most" -> kAtMost; else kExact.
//   side      from the victims' words, else from an actor mention on them:
//             "civilian", "government" (soldiers, troops, army, regime forces),
//             "security" (police, security forces, guards), "rebel" (rebels,
//             insurgents, opposition fighters), "militant" (militants,
//             jihadists, gunmen), "protester"; "" if unknown.
//   events    the count goes to the violent event of its own clause: the event
//             a participle "killing ..."/"leaving ..." hangs on, else the event
//             whose trigger is the death verb itself, else an event in the death
//             verb's subject/obl ("air strikes killed 12"), else the nearest one
//             in the sentence. A sentence with no such event passes its count to
//             the last such event of the previous sentence ("At least 13 ...
//             were killed"; displacement counts do not). Kinds and the CAMEO
//             codes that may carry them: killed 18 (not 181), 19, 20, 175;
//             injured 14, 18, 19, 20, 175; arrested 14, 17, 18, 19, 20;
//             abducted 17, 18, 19, 20; displaced 17, 18, 19, 20. Negated,
//             future and hypothetical events get none.
//   cumulative "the war has killed 250,000", "since March", "so far", "to date",
//             "in total", "bringing the death toll to ..." -> cumulative, event -1.
//   repeats   the same kind and count with compatible victims (either unsaid,
//             the same side or the same head word; "people" fits any) stated
//             again later -> repeats = the first one's index, event -1, not
//             added to any event. Counts of 1-2 repeat only with the same head
//             word and when the later sentence has no violent event of its
//             own. The title is read after the body: a title count repeats the
//             body's (its `repeats` may point forward). "13 people, including
//             4 children" is one count of 13.
//   absurd    a count above Options::max_count (10 million; 100 million for
//             cumulative and displacement counts) or one that overflows int64 is
//             dropped (no Casualty) and Document::Warn names its byte offset:
//             "implausible casualty count 10000000000 ... : ignored".
//   not read  negated ("no one was killed"), hypothetical ("could kill 1,000"),
//             threatened counts; bare plurals without a number ("killed
//             civilians").
//   tolls     "the death toll rose to 40" joining an event supersedes the
//             event's earlier counts of that kind: they leave
//             Event::casualties but keep Casualty::event.
//
// A CasualtyStage is immutable once created and may be shared across threads.
#ifndef SITREP_CASUALTIES_CASUALTIES_H_
#define SITREP_CASUALTIES_CASUALTIES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "pipeline/stage.h"

namespace sitrep::casualties {

struct Options {
  // Counts above these are implausible: dropped with a document warning.
  int64_t max_count = 10'000'000;         // an event's killed/injured/arrested/abducted
  int64_t max_large_count = 100'000'000;  // cumulative totals and displacement
};

// A number read from words, as in the text.
struct Number {
  int64_t value = 0;
  size_t words = 0;          // how many of the given words it used
  bool vague = false;        // "dozens", "hundreds", "tens of thousands" (ACLED minimum)
  bool approximate = false;  // "a dozen", "a couple"
  bool overflow = false;     // too large for int64: value is 0
};

// Reads a number at the start of `words` (lower-case word forms, one per
// token). Returns nullopt if the first word does not start a number.
//   {"13"} -> 13; {"10,000"} -> 10000; {"1.5", "million"} -> 1500000;
//   {"two", "hundred", "and", "fifty"} -> 250; {"twenty-five"} -> 25;
//   {"dozens"} -> 12 vague; {"tens", "of", "thousands"} -> 10000 vague (3 words);
//   {"a", "dozen"} -> 12 approximate; {"two", "dozen"} -> 24;
//   {"99999999999999999999"} -> overflow; {"1.5"} -> nullopt (not a head count).
std::optional<Number> ReadNumber(const std::vector<std::string_view>& words);

class CasualtyStage final : public Stage {
 public:
  // InvalidArgumentError if a limit is not positive.
  static StatusOr<std::unique_ptr<CasualtyStage>> Create(const Options& options);

  std::string_view name() const override { return "casualties"; }
  uint32_t requires_layers() const override {
    return kLayerSentences | kLayerTokens | kLayerTags | kLayerLemmas | kLayerParse |
           kLayerMentions | kLayerEvents;
  }
  uint32_t provides_layers() const override { return kLayerCasualties; }
  // Replaces doc.casualties and every Event::casualties. Always OK: an
  // absurd count is a warning in doc.diagnostics; token heads outside their
  // sentence are read as "no head", sentences outside the tokens are skipped.
  Status Process(Document& doc) const override;

 private:
  explicit CasualtyStage(const Options& options) : options_(options) {}
  Options options_;
};

}  // namespace sitrep::casualties

#endif  // SITREP_CASUALTIES_CASUALTIES_H_

// Attribution and claims: who says an event happened, and how firmly.
//
// AttributionStage sets Event::attribution (core/context.h) for EVERY event of
// a coded Document: the source's phrase and actor mention, the cue word(s) and
// a status.
//
//   Document doc;
//   doc.text = "The Houthis said their missiles hit an oil facility in Jeddah. "
//              "The Saudi-led coalition said its air defences intercepted the "
//              "missiles over Jeddah.";
//   analyzer->Analyze(doc); coder->Code(doc);
//   AttributionStage stage;
//   SITREP_RETURN_IF_ERROR(stage.Process(doc));
//   // "said"(0)        asserted  (the reporter says the Houthis said it)
//   // "hit"            claimed   source "The Houthis"  cue "said"
//   // "said"(1)        asserted
//   // "intercepted"    claimed   source "The Saudi-led coalition"  cue "said"
//   // Two accounts of one happening stay two events, each with its own
//   // source and status; nothing is merged.
//
// Statuses, strongest first (the first that applies wins):
//   denied       the frame verb is a denial ("X denied carrying out", "X denied
//                that ...", "X denied reports that ...", a 016 statement event),
//                or the source says it did not do it itself ("the army said it
//                did not shell the village")
//   unconfirmed  a hedge governs the event or its frame: "reportedly",
//                "allegedly", "purportedly", "apparently", "the alleged attack",
//                "is believed/thought/suspected to", "appeared/seemed to",
//                "it was unclear whether", "could not (independently)
//                confirm/verify that", "unconfirmed reports said", "it was
//                reported that" (a speech frame without a source); or a
//                stand-alone hedge sentence right after ("The report could not
//                be independently verified." -> the events of the previous
//                sentence, and of the sentences before it in the same paragraph
//                with the same source), or in the same sentence ("..., a claim
//                that could not be verified")
//   claimed      the source is the event's own actor: same mention, pronoun
//                resolving to it ("X said it carried out"), first person ("our
//                forces", "we"), same actor code, or the same country's state
//                actors ("Russia said its jets struck"); "claimed
//                responsibility for"; "X claimed/admitted an attack" with no
//                other actor
//   reported     any other frame with a source ("police said", "according to
//                X", "X told Reuters", "witnesses said", "state media reported")
//   asserted     no frame: the reporter's own voice
//
// Frames (where the source comes from), nearest first:
//   1. the event's reported_by statement event (events::Coder's reported
//      speech: "X said (that) ...", "..., X said", "according to X", quotes);
//   2. the parse, walking from the trigger to the root: a speech verb (say,
//      tell, report, announce, claim, confirm, deny, ...) governing the path by
//      ccomp/parataxis/xcomp/obj; a speech verb hung as parataxis on a node of
//      the path ("..., police said"); an obl "according to X" on a node of the
//      path ("according to a statement from X" -> X); "quoted X as saying"
//      -> X; a report noun with a source ("the army's statement that ...").
//   3. the surface, where the parse lost the frame: "According to X, ...",
//      "..., according to X.", "..., Syrian state media reported.";
//   4. quotations, and across sentences only with a continuation cue: an
//      event inside a quotation takes the speech verb next to the quotation,
//      also when it spans sentences ('"We attacked the base. We destroyed
//      three tanks," a spokesman said.'); a sentence right after one that
//      ends in ':' with a speech verb ("He added:") takes that verb; a
//      sentence that is all quotation right after an attributed quotation
//      continues its speaker. Otherwise a frame never crosses a sentence
//      boundary.
// The source phrase is the subject's subtree (up to its first comma:
// "Rami Abdel Rahman, head of the Observatory, said" -> "Rami Abdel
// Rahman"; no dates or relative clauses); Attribution::mention is the actor
// mention whose head lies in it. The rules in full, with figures:
// src/attribution/README.md.
//
// The stage reads tokens, the parse, mentions and events; it writes only
// Event::attribution. It holds no state: one stage may serve many threads.
#ifndef SITREP_ATTRIBUTION_ATTRIBUTION_H_
#define SITREP_ATTRIBUTION_ATTRIBUTION_H_

#include <cstdint>
#include <string_view>

#include "core/document.h"
#include "core/status.h"
#include "pipeline/stage.h"

namespace sitrep::attribution {

// Sets Event::attribution of every event of `doc`. Never fails on a parsed
// and coded document; InvalidArgumentError if an event or mention points
// outside the document's tokens (the document is left unchanged then).
Status Attribute(Document& doc);

class AttributionStage : public Stage {
 public:
  AttributionStage() = default;
  std::string_view name() const override { return "attribution"; }
  uint32_t requires_layers() const override { return kLayerParse | kLayerMentions | kLayerEvents; }
  uint32_t provides_layers() const override { return kLayerAttribution; }
  Status Process(Document& doc) const override { return Attribute(doc); }
};

}  // namespace sitrep::attribution

#endif  // SITREP_ATTRIBUTION_ATTRIBUTION_H_

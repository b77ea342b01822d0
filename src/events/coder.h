// sitrep's own event coder: actor mentions (actors::Recognizer), then verb and
// event-noun patterns (events::Dictionary) on the UD parse, to CAMEO events.
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));
//   SITREP_ASSIGN_OR_RETURN(auto coder, events::CreateCoder({}));
//   Document doc;
//   doc.text = "Police said gunmen had attacked a checkpoint in Kandahar.";
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   SITREP_RETURN_IF_ERROR(coder->Code(doc));
//   // doc.events[0]: "said"     010  source "Police"  (the statement)
//   // doc.events[1]: "attacked" 190  source "gunmen", target "a checkpoint",
//   //                reported_by 0
//
// What the rules read on the parse (details and limits in src/events/README.md):
//   source   nsubj; the obl:agent ("by") of a passive; the controller of an
//            infinitive ("Iran threatened to close the strait": Iran); the noun a
//            relative clause or participle hangs on ("rebels who attacked X")
//   target   obj; nsubj:pass; a pattern's preposition ("call on X", "open fire
//            on X"); else an obl with against/on/with/to/at/into
//   conj     on either side: one event per source x target pair
//   events   "carried out air strikes on X" (light verb + event noun);
//            "Russian air strikes on X", "clashes between X and Y" (on their own);
//            "air strikes killed 12 civilians" (event noun as the subject)
//   speech   "X said (that) Y attacked Z" / "'We will retaliate,' X said" ->
//            010 by X, and Y's 190 with reported_by = the 010 event
//   negation "did not attack" -> negated; "denied attacking" -> 016 + a negated,
//            reported 190; "refused/failed to withdraw" -> the withdrawal negated
//   modality will -> kFuture; would/could/may/might/if/? -> kHypothetical;
//            "threatened to attack" -> 1384 + the attack kThreatened;
//            "plans/vows to meet" -> 036 + the meeting kIntended ("plans to
//            attack": no 03x, only the attack, kIntended);
//            "called on X to withdraw" -> 0256 (an appeal, as in the CAMEO
//            manual) and "demanded that X withdraw" -> 1056, + the withdrawal
//            kDemanded; "is scheduled/expected to visit" -> the visit kFuture
//   weapons  "Russian jets struck X" -> 195, "with mortars" -> 194
//   nouns    "called for a ceasefire" -> 0256 + a kDemanded 0871;
//            a bare "strike" from context: "workers staged a strike" -> 143,
//            with jets/warplanes/drones nearby -> their code (195), else 190
//   repairs  parse errors that hide a verb are rewritten on a private copy
//            of the sentence first: "its air force hit(NOUN) 27 targets",
//            "the air force struck(NOUN) RSF positions", "troops advanced(ADJ)
//            towards X", "troops and allied(VERB) militia ... attacked(amod)
//            rebel forces" -> the verb is coded with its subject and object
//
// Confidence (0..1) is a simple additive heuristic: 0.6, +0.15 if the source has
// a code, +0.1 if the target has one, +0.05 for a constrained pattern, -0.15
// without a source, -0.1 without a target, -0.1 for a stand-alone event noun.
//
// A Coder is immutable once created and may be shared across threads.
#ifndef SITREP_EVENTS_CODER_H_
#define SITREP_EVENTS_CODER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/event_coder.h"
#include "core/status.h"
#include "events/dictionary.h"

namespace sitrep::events {

struct CoderOptions {
  std::string dictionary_dir;  // empty = DataPath("events")
  std::string actors_dir;      // empty = DataPath("actors")
  // kRecognize: run actors::Recognizer first (replaces doc.mentions).
  // kKeep: keep doc.mentions as given (filled by hand or by another stage).
  enum class Mentions : uint8_t { kRecognize, kKeep };
  Mentions mentions = Mentions::kRecognize;
};

class Coder;

// sitrep's own coder. NotFoundError if a dictionary file is missing; errors
// of the actor recognizer or the CAMEO tables are passed on.
StatusOr<std::unique_ptr<EventCoder>> CreateCoder(const CoderOptions& options);

class Coder : public EventCoder {
 public:
  static StatusOr<std::unique_ptr<Coder>> Create(const CoderOptions& options);
  ~Coder() override;

  // Replaces doc.mentions (unless Mentions::kKeep) and doc.events. Appends a
  // kUnknown (or kPronoun) mention for each actor phrase in an event role that
  // no mention covers. Mentions end up in text order. Never fails on a
  // document without a parse: such sentences are skipped.
  Status Code(Document& doc) const override;
  std::string_view name() const override { return "sitrep"; }

  const Dictionary& dictionary() const { return *dict_; }
  // Dictionary warnings ("verbs.txt:12: ..."), then those of the actor
  // dictionaries and the CAMEO tables.
  std::vector<std::string> warnings() const override { return warnings_; }
  // The lemmas of verbs.txt.
  std::vector<std::string> HeadlineVerbs() const override { return dict_->VerbLemmas(); }
  // The event nouns and weapons of nouns.txt ("car bomb", "clash").
  std::vector<std::string> HeadlineNouns() const override { return dict_->NounPhrases(); }

 private:
  Coder();
  struct Impl;
  std::unique_ptr<Dictionary> dict_;
  std::unique_ptr<Impl> impl_;
  CoderOptions::Mentions mentions_ = CoderOptions::Mentions::kRecognize;
  std::vector<std::string> warnings_;
};

}  // namespace sitrep::events

#endif  // SITREP_EVENTS_CODER_H_

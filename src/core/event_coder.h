// EventCoder: the interface every event coder implements — sitrep's own
// (src/events), and the PETRARCH2 (src/petrarch) and TABARI (src/tabari)
// dictionary coders that migrating users select with --petrarch-dict /
// --tabari-project.
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));
//   SITREP_ASSIGN_OR_RETURN(auto coder, events::CreateCoder({}));
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   SITREP_RETURN_IF_ERROR(coder->Code(doc));   // fills doc.mentions, doc.events
//
// Coders are immutable once created and may be shared across threads.
#ifndef SITREP_CORE_EVENT_CODER_H_
#define SITREP_CORE_EVENT_CODER_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

class EventCoder {
 public:
  virtual ~EventCoder() = default;
  // Replaces doc.mentions and doc.events with this coder's analysis of a
  // document that has sentences, tokens, tags, lemmas and a UD parse.
  // Problems with one sentence are added to doc.diagnostics, not returned;
  // an error status means the document could not be coded at all.
  virtual Status Code(Document& doc) const = 0;
  // "sitrep", "petrarch2", "tabari".
  virtual std::string_view name() const = 0;
  // Problems found while loading the coder's dictionaries, one per line:
  // "verbs.txt:12: pattern without a code" (the line was skipped).
  virtual std::vector<std::string> warnings() const { return {}; }
  // Verb lemmas (lower case) the tagger should read as a headline's verb
  // where the treebank it was trained on never saw them as verbs ("ambush",
  // "recapture"): Tagger::AddHeadlineVerbs. The Analyzer passes them on.
  virtual std::vector<std::string> HeadlineVerbs() const { return {}; }
  // Event nouns (lower case, a compound's modifiers first: "air strike",
  // "car bomb", "clash") the tagger should read as nouns where a headline's
  // words look like a subject and its verb ("Car bomb in Baghdad", "Air
  // strikes on Nawa"): Tagger::AddHeadlineNouns. The Analyzer passes them on.
  virtual std::vector<std::string> HeadlineNouns() const { return {}; }
};

}  // namespace sitrep

#endif  // SITREP_CORE_EVENT_CODER_H_

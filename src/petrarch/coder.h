// The PETRARCH2-compatible coder on constituency trees.
//
//   auto dicts = Dictionaries::FromText(
//       "--- RESTORE [064] ---\nRESTORE\n", "ARNOR [ARN]\nGONDOR [GON]\n", "");
//   TreeCoder coder(*dicts);
//   SITREP_ASSIGN_OR_RETURN(PtbTree tree, ParsePtb(
//       "(ROOT (S (NP (NNP Arnor)) (VP (VBD restored) (NP (NNS ties)) "
//       "(PP (IN with) (NP (NNP Gondor)))) (. .)))"));
//   SentenceCoding c = coder.Code(tree, "Arnor restored ties with Gondor.", 19950101, {});
//   // c.events == {{"ARN", "GON", "064"}}
//
// How a sentence is coded (the behaviour the PETRARCH2 validation records
// specify):
//  * Noun phrases: the words of an NP (its own JJ/DT/NN* words and those of its
//    NP children, and of PP children that name no actor) are scanned left to
//    right for the longest actor phrase, else the longest agent phrase. Actor
//    codes are combined with agent codes ("Gondor's government" -> GONGOV,
//    "MSF Arnor diplomat" -> NGOARNGOV, "police" alone -> ---COP); actors of
//    PPs stand in when the NP names none ("ambassadors of Arnor" -> ARNGOV).
//    Date-restricted actor codes use the record date. "A/B" codes and
//    coordinated NPs give several actors.
//  * Verbs: every VP headed by a verb in the dictionary (compound verbs such as
//    "cordoned off" and "wire tapped" included) is coded with the first of its
//    block's patterns that matches — words before the verb anywhere earlier in
//    the sentence, words after it inside its VP, '_' meaning adjacent — else
//    with the verb's own code. $/+ in a pattern bind the source/target; by
//    default the source is the subject (walking up through VPs, infinitives
//    and pronouns) and the target the first actor phrase after the verb in the
//    VP, not looking into clauses that are events of their own.
//  * Passive verbs (be + VBN/VBD, or a VBN modifying a noun: "soldiers killed
//    in Ukraine") with a "by/from/in" actor swap roles.
//  * The verb dictionary's '~' transformations combine a coded verb with the
//    event of the clause under it: "~ a (a b ATTACK) CLAIM = a b 015" turns
//    "The US claimed that they had attacked Iraq" into (USA IRQ 015); the
//    upper verb's own events are dropped. Unmatched events of a clause under a
//    coded non-statement verb are dropped (PETRARCH2 reads lower clauses only
//    when the upper verb codes nothing).
//  * "A:B" codes also give the reverse event (target, source, B); several
//    sources with no target and a 03x-06x code give every ordered pair.
//  * require_dyad drops events without a source or target; otherwise the
//    missing side is "---". Agent-only actors print as "---GOV".
//  * Discards: a discard phrase in the text (whole words between white space,
//    as PETRARCH2 splits) codes nothing (story-level with '+').
#ifndef SITREP_PETRARCH_CODER_H_
#define SITREP_PETRARCH_CODER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "petrarch/dictionaries.h"
#include "petrarch/ptb.h"

namespace sitrep::petrarch {

// Options of a PETRARCH config ([Options] of PETR_config.ini, <Config> records).
struct CoderConfig {
  bool require_dyad = true;
  int new_actor_length = 0;
  bool stop_on_error = false;
  int comma_min = 2, comma_max = 8, comma_bmin = 0, comma_bmax = 0, comma_emin = 2, comma_emax = 8;
  // Applies one option; InvalidArgumentError for an unknown option or a bad value.
  Status Set(std::string_view option, std::string_view value);
};

struct CodedEvent {
  std::string source, target, code;  // "ARN", "GON", "064"; "---" for a missing side
  int verb_leaf = -1;                // index into tree.Leaves() of the verb
  std::vector<int> source_leaves;    // [first, last] leaf of the source phrase, empty if none
  std::vector<int> target_leaves;
  std::vector<std::string> issues;
  // "did not attack", "will never attack": a negation in the verb's VP chain.
  // PETRARCH codes the event anyway (its patterns may use the negation).
  bool negated = false;
};

struct SentenceCoding {
  enum class Discard { kNone, kSentence, kStory };
  Discard discard = Discard::kNone;
  std::vector<CodedEvent> events;
};

class TreeCoder {
 public:
  // `dicts` must outlive the coder.
  explicit TreeCoder(const Dictionaries& dicts) : dicts_(dicts) {}

  // Codes one parsed sentence. `text` is the raw sentence (for discards and
  // issues; may be empty); `date` is YYYYMMDD (0 = unknown: undated codes).
  SentenceCoding Code(const PtbTree& tree, std::string_view text, int date,
                      const CoderConfig& config) const;
  // The discard phrase kind found in `text` (case-insensitive).
  SentenceCoding::Discard CheckDiscard(std::string_view text) const;

 private:
  const Dictionaries& dicts_;
};

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_CODER_H_

// Parser: a greedy, labelled, transition-based dependency parser producing
// UD v2 relations with their subtypes ("nsubj:pass", "obl:tmod", ...).
//
//   SITREP_ASSIGN_OR_RETURN(ModelFile file, ReadModelFile("models/en.sitrep"));
//   SITREP_ASSIGN_OR_RETURN(std::string_view section, file.Section("parser"));
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Parser> parser, Parser::Load(section));
//   // doc's tokens carry forms, upos, xpos and lemma (from the tagger):
//   for (const Sentence& s : doc.sentences) parser->Parse(doc, s);
//   // "Police said gunmen attacked a checkpoint ."
//   //   said      head=0 root        Police    head=2 nsubj
//   //   attacked  head=2 ccomp       gunmen    head=4 nsubj
//   //   checkpoint head=4 obj        a         head=6 det     .  head=2 punct
//
// Training is in parse/parser_train.h (library sitrep::parse_train), and the
// jackknifed tagging of the training set in parse/jackknife.h.
//
// Design (why this one):
//  * Arc-hybrid transitions (SHIFT, LEFT, RIGHT; Kuhlmann et al. 2011) with
//    the artificial root at the bottom of the stack. RIGHT from the root is
//    only legal once the buffer is empty, so every output is a single-rooted
//    projective tree: each word gets exactly one head, exactly one word hangs
//    from the root, no cycles, whatever the input (1 word, 250 words, all
//    punctuation). Arc-hybrid has an exact, arc-decomposable dynamic oracle
//    (Goldberg & Nivre 2013), so training explores its own mistakes; arc-eager
//    needs post-processing of unattached words to guarantee a single root.
//  * Training trees that are not projective are projectivised by lifting
//    (the shortest non-projective arc is re-attached to its grandparent,
//    until none is left) before the oracle sees them; labels are unchanged.
//  * Factored labels: an averaged perceptron over 3 moves picks the move, and
//    a second averaged perceptron over the ~50 full labels is scored only
//    when an arc is made. In arc-hybrid the dependent is complete when it is
//    attached, so the label model sees all its children (the "case" word of
//    an "obl", the "aux:pass" of an "nsubj:pass" head...). Per word that is
//    2 x 3 + 50 scores instead of 2 x 101 with labelled transitions, and a
//    3-wide instead of a 101-wide weight row per move feature (labelled
//    transitions were not built here; this is the reasoning, not a
//    measurement).
//  * Rich non-local features (after Zhang & Nivre 2011): words, UPOS+XPOS of
//    s0..s2, b0..b2, left/right-most children and their labels, second
//    children, valencies, distance, label sets. Features are 32-bit hashes
//    kept in exact open-addressing tables: only features that received an
//    update during training are stored (unseen features score 0 instead of
//    colliding), weights stored as float16 in the serialised section.
//    More: coarse UPOS and 3-letter suffixes (robust to XPOS errors), string
//    neighbours of s0/b0, punctuation and verb counts ahead of b0.
//  * The trainer averages the weights of two runs with different shuffles
//    (+0.5 LAS on EWT dev and test) and keeps features whose averaged weight
//    is >= 0.75: 16.9 MB, see parse/README.md for the figures.
//
// Thread-safety: a loaded Parser is immutable; Parse() is const and may be
// called from many threads at once (scratch space is thread_local, so no heap
// allocation per word once a thread has seen its longest sentence).
#ifndef SITREP_PARSE_PARSER_H_
#define SITREP_PARSE_PARSER_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/conllu.h"
#include "core/document.h"
#include "core/status.h"

namespace sitrep {

namespace parse_internal {
struct Model;
}

class Parser {
 public:
  // Loads a "parser" section written by Serialize(). DataLossError if the
  // section is malformed, truncated, or of an unknown magic/version.
  static StatusOr<std::unique_ptr<Parser>> Load(std::string_view section);

  ~Parser();
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // The "parser" section: magic, version, labels, feature tables.
  std::string Serialize() const;

  // Reads forms (doc.Form), upos, xpos and lemma of tokens
  // [s.token_begin, s.token_end) and sets head (1-based within the sentence,
  // 0 = root) and deprel on each of them. Always yields a tree with exactly
  // one root; an empty sentence is left alone.
  void Parse(Document& doc, const Sentence& s) const;

  // The full relation labels the model knows ("acl", "acl:relcl", ...).
  const std::vector<std::string>& labels() const;
  // Number of stored move / label features (for reports).
  size_t num_move_features() const;
  size_t num_label_features() const;

  // Implementation detail (used by the trainer).
  explicit Parser(std::unique_ptr<parse_internal::Model> model);
  const parse_internal::Model& model() const { return *model_; }

 private:
  std::unique_ptr<parse_internal::Model> model_;
  std::string tmod_label_;  // "obl:unmarked" if the model has it, else "obl:tmod"
};

// A weekday right after a name is no part of it, as greedy parsing of wire
// style makes it: "captured Baidoa(compound) Tuesday(obl)" becomes Baidoa
// taking the weekday's place (obj/obl of its verb) with Tuesday a temporal
// of that verb; "the town of Huddur Tuesday(flat)" gets Tuesday re-attached
// to the clause's verb as `tmod`. Parse() applies it to every sentence.
void RepairWeekdayAttachments(Document& doc, const Sentence& s, std::string_view tmod);

// A wire headline's source after a spaced dash at its end, with no full
// stop ("Italian
// volunteer killed in Donbass - newspaper", "... - defence ministry") or a
// colon ("...: MoI", at most three words, no preposition or number) is no
// argument of the clause: the verbless tail of at most five words, hung by
// greedy parsing as an object or oblique, becomes a `parataxis` of the verb
// root (the separator its `punct`), unless a word before the separator
// belongs to it ("Sent by: X"). Parse() applies it to every sentence.
void RepairTrailingSource(Document& doc, const Sentence& s);

// A figure hung as the number of a noun that follows a preposition after
// it ("killed 5(nummod of protests) during protests") is the object of the
// verb above that noun: no number modifies a noun across its preposition.
// The noun, if it was the object, becomes an oblique.
void RepairNumberBeforePreposition(Document& doc, const Sentence& s);

// "Rebels shelled Juba, killing about 20 people, relief officials said":
// greedy parsing hangs the participle (VBG after a comma) as an advcl of the
// reporting verb at the end. When that verb (say, tell, report, ...) has a
// ccomp before the participle, the participle is that clause's. When the
// reporting verb has no subject, the one phrase between the last comma and
// it, hung inside the participle's clause, becomes its nsubj (a figure
// before the comma that hung on it goes back to that phrase's old head:
// "arresting 12, security sources said").
void RepairReportedParticiple(Document& doc, const Sentence& s);

// Parse()'s post-rules, in order: RepairWeekdayAttachments,
// RepairTrailingSource, RepairNumberBeforePreposition, RepairReportedParticiple.
void ApplyPostRules(Document& doc, const Sentence& s, std::string_view tmod);

struct ParserScores {
  double uas = 0;            // % words with the right head
  double las = 0;            // % right head and full label ("nsubj:pass")
  double las_universal = 0;  // % right head and universal label (before ':'),
                             // as the CoNLL 2018 evaluation; punctuation included
  double label_acc = 0;      // % right full label, head ignored
  size_t words = 0;
  double tokens_per_second = 0;  // parse only, thread CPU time
};

// Parses `input` (same sentences as `gold`, with the tags to use) and scores
// heads/labels against `gold`. Sentences whose word counts differ count all
// their gold words as wrong.
ParserScores EvaluateParser(const Parser& p, const std::vector<ConlluSentence>& input,
                            const std::vector<ConlluSentence>& gold);

}  // namespace sitrep

#endif  // SITREP_PARSE_PARSER_H_

// UD dependencies -> Penn Treebank phrase structure (CoreNLP style).
//
// PETRARCH-style coders read constituency trees. sitrep parses into UD
// dependencies, so this module rebuilds a Penn bracketing from a tagged and
// parsed sentence, following the conventions of the Stanford CoreNLP parser
// that PETRARCH2's dictionaries and validation records were written against:
//
//   "Arnor has restored ties with Gondor ."
//   nsubj(restored, Arnor) aux(restored, has) obj(restored, ties)
//   nmod(ties, Gondor) case(Gondor, with) punct(restored, .)
//     =>
//   (ROOT (S (NP (NNP Arnor)) (VP (VBZ has) (VP (VBN restored) (NP (NP (NNS ties))
//     (PP (IN with) (NP (NNP Gondor)))))) (. .)))
//
// Each head word projects a stack of layers, innermost first:
//   core (NP / VP / ADJP / ADVP / QP with the head and its complements),
//   nominal post-modifiers (NP over NP), coordination, case (PP),
//   one VP per auxiliary or copula, infinitival "to" (VP), VP coordination,
//   the clause (S, with the subject and fronted modifiers), S coordination,
//   and SBAR (complementizer or relative wh-phrase).
// A dependent goes into the layer its relation asks for; layers are kept
// contiguous (a dependent nearer the head never sits in a higher layer than
// one farther away), punctuation at the edge of a phrase is attached one level
// up, and the tree is made projective first (non-projective arcs are lifted).
// See README.md in this folder for the rules and measured agreement.
//
// Usage:
//   Document doc = ...;  // tagged and parsed (pipeline::Analyzer, or DocumentFromConllu)
//   for (uint32_t i = 0; i < doc.sentences.size(); ++i)
//     std::cout << treeconv::ToPtb(doc, i) << "\n";
#ifndef SITREP_TREECONV_TO_PTB_H_
#define SITREP_TREECONV_TO_PTB_H_

#include <cstdint>
#include <string>

#include "core/document.h"

namespace sitrep::treeconv {

// Penn bracketing of sentence `sentence_index` of a tagged+parsed doc:
// "(ROOT (S (NP (NNP Arnor)) (VP ...)) (. .)))". Leaves use Token::xpos
// (falling back to a tag derived from UPOS) and the token form, with ( ) [ ]
// { } escaped as -LRB- -RRB- -LSB- -RSB- -LCB- -RCB- and spaces inside a form
// replaced by "_". Never fails: a sentence without a (valid) parse comes back
// as a flat (ROOT (FRAG ...)); heads that form cycles or point outside the
// sentence are reattached to the root; an index out of range gives
// "(ROOT (FRAG))".
std::string ToPtb(const Document& doc, uint32_t sentence_index);

// What the conversion had to change in the given parse before projecting it
// (see README.md): counts for one sentence, for diagnostics and tests.
struct ConversionNotes {
  int reattached = 0;        // heads out of range, cycles, extra roots -> root
  int lifted = 0;            // non-projective arcs lifted
  int subjects_merged = 0;   // second subject of one predicate made conj/appos
  int clauses_repaired = 0;  // subordinator read as a preposition, rebuilt
  int reports_raised = 0;    // closing reporting clause raised to the root
};

// ToPtb that also reports, in `*notes` (overwritten; may be null), what it
// changed in the parse.
std::string ToPtb(const Document& doc, uint32_t sentence_index, ConversionNotes* notes);

// The Penn tag used for a token: its xpos if set, else one derived from UPOS
// ("NOUN" -> "NN", "PUNCT" -> "." or ",", ...).
std::string PennTag(const Document& doc, const Token& token);

}  // namespace sitrep::treeconv

#endif  // SITREP_TREECONV_TO_PTB_H_

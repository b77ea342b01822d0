// Penn Treebank bracketed trees, as CoreNLP prints them and as the PETRARCH2
// validation records hold them in <Parse>.
//
//   SITREP_ASSIGN_OR_RETURN(PtbTree t, ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (.
//   .)))")); t.nodes[t.root].label == "ROOT" t.Leaves() == {node of "Arnor", node of "left", node
//   of "."} t.nodes[t.Leaves()[0]].label == "NNP", .word == "Arnor"
//
// A preterminal ("(NNP Arnor)") is one node with a label and a word and no
// children. Line breaks and indentation mean nothing. Malformed input
// (unbalanced brackets, a word outside a bracket, an empty label, garbage)
// gives InvalidArgumentError with the byte position; it never crashes. The
// nesting depth is bounded (kMaxPtbDepth) so random bytes cannot exhaust the
// stack of recursive users.
#ifndef SITREP_PETRARCH_PTB_H_
#define SITREP_PETRARCH_PTB_H_

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep::petrarch {

inline constexpr int kMaxPtbDepth = 400;

struct PtbNode {
  std::string label;          // "NP", "VBD"; functional suffixes are kept ("NP-SBJ")
  std::string word;           // non-empty only on preterminals
  std::vector<int> children;  // indices into PtbTree::nodes
  int parent = -1;
};

struct PtbTree {
  std::vector<PtbNode> nodes;
  int root = -1;
  // Preterminal nodes left to right.
  std::vector<int> Leaves() const;
  // Bracketed form on one line: "(ROOT (S (NP (NNP Arnor)) ...))".
  std::string ToString() const;
};

// Parses one bracketed tree. A bare "( (S ...))" root (empty label, as in the
// WSJ files) gets the label "ROOT". Trailing text after the tree is an error.
StatusOr<PtbTree> ParsePtb(std::string_view text);

}  // namespace sitrep::petrarch

#endif  // SITREP_PETRARCH_PTB_H_

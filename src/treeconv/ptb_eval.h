// Reading Penn bracketings and comparing two of them, evalb-style.
//
//   SITREP_ASSIGN_OR_RETURN(PtbTree gold, ParsePtb("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))))"));
//   SITREP_ASSIGN_OR_RETURN(PtbTree test, ParsePtb(treeconv::ToPtb(doc, 0)));
//   SITREP_ASSIGN_OR_RETURN(BracketScore s, CompareBrackets(gold, test));
//   // s.gold == 3 (S, NP, VP: preterminals and ROOT do not count), s.matched, s.F1()
//
// Scoring follows evalb's COLLINS.prm: brackets are (label, first word, last
// word) over the words that are not punctuation (tags , : `` '' . -LRB- -RRB-
// -NONE- and a few symbol tags are deleted first), ROOT/TOP and preterminals
// are not counted, ADVP and PRT are the same label, function tags ("NP-SBJ")
// and indices are dropped, and matching is on multisets. Because our words
// come from our own tokenizer, positions are measured in characters of the
// concatenated words (without spaces), so "U.S." vs "U.S" "." or a split "'s"
// do not shift the brackets: the two trees must spell the same characters.
#ifndef SITREP_TREECONV_PTB_EVAL_H_
#define SITREP_TREECONV_PTB_EVAL_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace sitrep::treeconv {

struct PtbNode {
  std::string label;  // phrase label or (for a leaf) its tag
  std::string word;   // leaves only
  std::vector<PtbNode> kids;
  bool IsLeaf() const { return kids.empty(); }
};

using PtbTree = PtbNode;

// Parses one bracketing ("(ROOT (S ...))"; an unlabelled outer "( (S ...))"
// is accepted and labelled ROOT). InvalidArgumentError on unbalanced
// parentheses, an empty tree or trailing text.
StatusOr<PtbTree> ParsePtb(std::string_view text);

// Writes a tree back on one line: "(ROOT (S (NP (NNP Arnor)) ...))".
std::string WritePtb(const PtbNode& node);

// The words of a tree (leaves), in order.
std::vector<std::string> Words(const PtbNode& tree);

struct BracketScore {
  int64_t gold = 0;     // brackets in the gold tree
  int64_t test = 0;     // brackets in the test tree
  int64_t matched = 0;  // in both (multiset intersection)
  double Precision() const { return test == 0 ? 0.0 : double(matched) / double(test); }
  double Recall() const { return gold == 0 ? 0.0 : double(matched) / double(gold); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
  void Add(const BracketScore& o) {
    gold += o.gold;
    test += o.test;
    matched += o.matched;
  }
};

// Labelled bracket agreement. InvalidArgumentError if the two trees' words
// (punctuation removed, spaces ignored, -LRB- etc. unescaped) do not spell the
// same characters.
StatusOr<BracketScore> CompareBrackets(const PtbTree& gold, const PtbTree& test);

// The top-level split of a tree: the labels and character spans of the
// children of its clause (the first S/SINV/SQ/SBARQ... below ROOT, or ROOT's
// only child), punctuation left out, e.g. "NP[0,5) VP[5,40)".
// Empty if the trees' words do not match the same way as for CompareBrackets.
std::string TopSplit(const PtbTree& tree);

}  // namespace sitrep::treeconv

#endif  // SITREP_TREECONV_PTB_EVAL_H_

// Projectivisation of dependency trees by lifting (Nivre & Nilsson 2005,
// without label encoding): while some arc h -> d is non-projective (a word
// between h and d is not dominated by h), the shortest such arc is replaced
// by head(h) -> d. The result is the projective tree closest to the input in
// this sense; the arc-hybrid oracle can only reach projective trees.
//
//   heads = {_, 3, 4, 0, 3}   (1-based, heads[0] unused; 4 -> 2 crosses 3 -> 4,
//                              since word 3 is not below 4)
//   Projectivize(heads) == 1, heads == {_, 3, 3, 0, 3}
#ifndef SITREP_PARSE_PROJECTIVIZE_H_
#define SITREP_PARSE_PROJECTIVIZE_H_

#include <vector>

namespace sitrep {

// True if heads[1..n] (0 = root) form a tree: every word reaches 0 without a
// cycle and every head is in [0, n]. heads[0] is ignored.
bool IsTree(const std::vector<int>& heads);

// True if the arc heads[d] -> d is projective.
bool IsProjectiveArc(const std::vector<int>& heads, int d);

// Lifts non-projective arcs until the tree is projective; returns the number
// of lifts. `heads` must satisfy IsTree (otherwise it is left unchanged and 0
// is returned).
int Projectivize(std::vector<int>& heads);

}  // namespace sitrep

#endif  // SITREP_PARSE_PROJECTIVIZE_H_

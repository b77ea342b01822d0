// Readings of a parsed clause that more than one stage needs.
//
//   "Police officer killed in Kabul"      killed: ReadsAsBarePassive -> true
//   "Two militants shot dead in Poonch"   shot:   true (the predicate is the harm)
//   "Gunmen killed two officers"          killed: false (an object)
//   "The army killed and wounded scores"  killed: false (the conjunct's object)
//   "Gunmen kill 5" with kill tagged VBD  kill:   false (not a past form)
#ifndef SITREP_CORE_CLAUSE_H_
#define SITREP_CORE_CLAUSE_H_

#include <cstdint>
#include <span>

#include "core/document.h"

namespace sitrep {

// Whether token `i` of `sentence` (the tokens of one parsed sentence of
// `doc`, heads 1-based within it; a repaired copy will do) reads as a
// passive written without its auxiliary, as headlines and reduced clauses
// write them: tagged VBN, or VBD in a past form (ending in "-ed" or unlike
// its lemma); with no auxiliary or object (nor a subjectless verb conjunct
// with one, whose object it shares), and no predicate but the harm
// done ("shot dead", "left wounded"). The caller decides which verbs can be
// read so ("kill", not "say"): "At least 26 killed in attack".
bool ReadsAsBarePassive(const Document& doc, std::span<const Token> sentence, uint32_t i);

// The index in `sentence` of a place preposition ("in", "at", "near",
// "inside", "outside") between verb `i` and its object `j` that the parser
// hung on a compound inside the object's phrase, or -1: "killed in Davao
// City(case: in) operation(obj)" is an oblique, "in Davao City operation",
// that the parser took for an object.
int32_t PrepositionInsideObject(const Document& doc, std::span<const Token> sentence, uint32_t i,
                                uint32_t j);

// Whether token `k` of `sentence`, an unmarked oblique ("obl:unmarked")
// before participle `i` (VBN) that has no subject, object or auxiliary,
// nor is part of a hyphenated word ("gang(obl:unmarked)-raped"), is the
// participle's passive subject the parser misplaced: "Presidential
// guard(obl:unmarked) shot dead in Kabul attack".
bool UnmarkedSubjectOfParticiple(std::span<const Token> sentence, uint32_t i, uint32_t k);

}  // namespace sitrep

#endif  // SITREP_CORE_CLAUSE_H_

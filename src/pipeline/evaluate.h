// Evaluation of the analysis against UD gold CoNLL-U, the CoNLL 2018 way.
//
// Two settings:
//  * gold tokenization: the gold words are given, we tag and parse them;
//    scores are accuracies over words.
//  * raw text: the text is rebuilt from the gold file (sentences of a
//    paragraph joined by a space, paragraphs by a blank line), we do
//    everything; system and gold words are aligned by identical byte spans
//    and each score is an F1 (a word counts as correct for LAS only if it is
//    aligned, its head is aligned to the gold head and the labels match).
// LAS compares the universal part of the relation ("nsubj" of "nsubj:pass"),
// as the CoNLL 2018 evaluation script does; `las_full` compares whole labels.
//
//   SITREP_ASSIGN_OR_RETURN(auto gold, ReadConllu(".../en_ewt-ud-test.conllu"));
//   EvalScores s = EvaluateRawText(*analyzer, gold);
//   printf("tokens F1 %.2f  LAS F1 %.2f\n", 100 * s.tokens, 100 * s.las);
#ifndef SITREP_PIPELINE_EVALUATE_H_
#define SITREP_PIPELINE_EVALUATE_H_

#include <string>
#include <vector>

#include "core/conllu.h"
#include "pipeline/analyzer.h"

namespace sitrep {

struct EvalScores {
  size_t gold_words = 0, system_words = 0;
  size_t gold_sentences = 0, system_sentences = 0;
  // F1 values in [0,1]; in the gold-tokenization setting these equal accuracy.
  double sentences = 0, tokens = 0, upos = 0, xpos = 0, lemmas = 0;
  double uas = 0, las = 0, las_full = 0;
  double seconds = 0;  // wall time of the analysis alone
};

// Tags and parses the gold words (tokenization and sentence split as given).
EvalScores EvaluateGoldTokenization(const Analyzer& analyzer,
                                    const std::vector<ConlluSentence>& gold);
// Runs the whole analysis on the rebuilt raw text.
EvalScores EvaluateRawText(const Analyzer& analyzer, const std::vector<ConlluSentence>& gold);

// Compares an analysed document with a gold one over the same text.
EvalScores CompareDocuments(const Document& system, const Document& gold);

// One line per score: "sentences F1 91.23" etc.
std::string FormatScores(const EvalScores& s, bool gold_tokenization);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_EVALUATE_H_

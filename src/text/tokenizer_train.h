// Learning the "tokenizer" model section from UD English EWT.
//
// From the training treebank it learns which hyphenated first parts EWT keeps
// whole ("e-mail", "co-workers"), which words keep a final period
// ("etc.", "Inc."), which capitalised words tend to start sentences, and an
// averaged-perceptron classifier for sentence boundaries that have no final
// punctuation (web text: "Thanks Sara", headlines, list items) or that the
// rules wrongly found. The classifier is the average of `runs` perceptrons
// trained over different shuffles (~4 s on EWT train for the defaults).
//
//   SITREP_ASSIGN_OR_RETURN(auto train, ReadConllu(".../en_ewt-ud-train.conllu"));
//   SITREP_ASSIGN_OR_RETURN(std::string section, TrainTokenizer(train));
//   model_file.AddSection("tokenizer", section);
//   SITREP_ASSIGN_OR_RETURN(auto tok, Tokenizer::Create({}, section));
#ifndef SITREP_TEXT_TOKENIZER_TRAIN_H_
#define SITREP_TEXT_TOKENIZER_TRAIN_H_

#include <string>
#include <vector>

#include "core/conllu.h"
#include "core/status.h"
#include "text/tokenizer.h"

namespace sitrep {

struct TokenizerTrainOptions {
  int epochs = 5;                // perceptron passes over the training data
  int runs = 5;                  // independently shuffled perceptrons, averaged
  int min_count = 2;             // minimum occurrences for a learned list entry
  bool learn_boundaries = true;  // train the boundary classifier
  uint64_t seed = 1;             // shuffling of examples between epochs
  float min_weight = 0.5f;       // averaged weights smaller than this are dropped
  float negative_update = 1.0f;  // update size on non-boundary examples (class balance)
};

// Returns the serialised "tokenizer" section. InvalidArgumentError if
// `train` is empty. Deterministic for a given input and options.
StatusOr<std::string> TrainTokenizer(const std::vector<ConlluSentence>& train,
                                     const TokenizerTrainOptions& options = {});

}  // namespace sitrep

#endif  // SITREP_TEXT_TOKENIZER_TRAIN_H_

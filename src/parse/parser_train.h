// Training of the dependency parser (library sitrep::parse_train; the
// runtime in parse/parser.h does not depend on it).
//
//   // train/dev carry the tags the parser will see at run time: jackknifed
//   // predicted tags for train, predicted tags for dev (parse/jackknife.h).
//   SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Parser> parser,
//                           TrainParser(train, dev, {}, &std::cerr));
//   ParserScores s = EvaluateParser(*parser, dev_tagged, dev_gold);
//   model_file.AddSection("parser", parser->Serialize());
//
// Method: arc-hybrid transitions, averaged perceptron over the 3 moves trained
// with the dynamic oracle of Goldberg & Nivre (2013) and error exploration,
// a second averaged perceptron for the label of each arc made; training trees
// are projectivised by lifting first (parse/projectivize.h). Dev LAS is
// measured after each epoch and the best epoch's averaged weights are kept.
// One epoch over EWT train takes ~2-3 s on one core.
#ifndef SITREP_PARSE_PARSER_TRAIN_H_
#define SITREP_PARSE_PARSER_TRAIN_H_

#include <cstdint>
#include <memory>
#include <ostream>
#include <vector>

#include "core/conllu.h"
#include "core/status.h"
#include "parse/parser.h"

namespace sitrep {

struct ParserTrainOptions {
  int epochs = 15;  // EWT dev LAS peaks around epoch 12-14
  uint64_t seed = 1;
  // From this epoch on (1-based), when the model's best move is wrong the
  // trainer follows it anyway with probability `explore_probability`
  // (dynamic-oracle training, Goldberg & Nivre 2012).
  int explore_from_epoch = 2;
  double explore_probability = 0.9;
  // When `dev` is not empty, the model of the epoch with the best dev LAS
  // (universal labels) is kept; otherwise the last one.
  bool keep_best_epoch = true;
  // Number of independent training runs (seeds seed, seed+7919, ...), each
  // keeping its best dev epoch, whose weights are averaged into one model
  // (same size and speed as one model, training time x runs).
  // EWT: 2 runs give +0.5 dev and test LAS over one, and a smaller model.
  int ensemble_runs = 2;
  // Train the label model only on arcs whose head is right (+0.1-0.6 LAS on
  // EWT: a wrong head makes the gold label a misleading target).
  bool label_correct_heads_only = true;
  // Averaged weights whose magnitude is below this are dropped at the end.
  // Averaged perceptron weights are mostly of magnitude >= 1; dropping the
  // smaller ones shrinks the model (EWT: 25.7 MB -> 23.2 MB at 0.75 with the
  // same dev LAS; 11.5 MB at 1.0 for -0.25 dev LAS).
  float prune_threshold = 0.75f;
};

// Trains a parser. `train` sentences carry the UPOS/XPOS/lemma the parser
// should see as features (replace gold tags with jackknifed predicted tags);
// heads/deprels are gold. `dev` may be empty. Progress lines go to `log` when
// not null. Deterministic for a fixed options.seed.
// InvalidArgumentError if `train` holds no usable sentence (no word with a
// head and a deprel).
StatusOr<std::unique_ptr<Parser>> TrainParser(const std::vector<ConlluSentence>& train,
                                              const std::vector<ConlluSentence>& dev,
                                              const ParserTrainOptions& options, std::ostream* log);

}  // namespace sitrep

#endif  // SITREP_PARSE_PARSER_TRAIN_H_

// Trainer: builds the whole model file (tokenizer data, tagger + lemmatizer,
// parser) from UD English EWT. This is what `sitrep train` runs and what
// produced the committed models/en_ewt.sitrep.
//
//   TrainOptions opt;
//   opt.corpus_dir = "../shared/corpora/ud-english-ewt";
//   SITREP_ASSIGN_OR_RETURN(ModelFile model, TrainModel(opt, &std::cerr));
//   SITREP_RETURN_IF_ERROR(WriteModelFile("models/en_ewt.sitrep", model));
//
// Training is deterministic for a given seed: the same corpus and options give
// a byte-identical model file.
#ifndef SITREP_TRAIN_TRAINER_H_
#define SITREP_TRAIN_TRAINER_H_

#include <ostream>
#include <string>

#include "core/binary_io.h"
#include "core/status.h"

namespace sitrep {

struct TrainOptions {
  // Folder holding en_ewt-ud-{train,dev}.conllu.
  std::string corpus_dir;
  uint64_t seed = 1;
  // Folds for jackknifed tags: the parser trains on tags predicted by a
  // tagger that did not see the sentence. 0 or 1 = train on gold tags.
  int jackknife_folds = 5;
  int threads = 1;  // used for the jackknife folds
};

// NotFoundError if the corpus files are missing; the failing component's
// status otherwise. Progress goes to `log` (may be null).
StatusOr<ModelFile> TrainModel(const TrainOptions& options, std::ostream* log);

}  // namespace sitrep

#endif  // SITREP_TRAIN_TRAINER_H_

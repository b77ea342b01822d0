#include "train/trainer.h"

#include <chrono>
#include <filesystem>

#include "core/conllu.h"
#include "parse/jackknife.h"
#include "parse/parser.h"
#include "parse/parser_train.h"
#include "tag/tagger.h"
#include "text/tokenizer_train.h"

namespace sitrep {
namespace {

class Timer {
 public:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace

StatusOr<ModelFile> TrainModel(const TrainOptions& options, std::ostream* log) {
  const std::string train_path = options.corpus_dir + "/en_ewt-ud-train.conllu";
  const std::string dev_path = options.corpus_dir + "/en_ewt-ud-dev.conllu";
  for (const auto& p : {train_path, dev_path}) {
    if (!std::filesystem::exists(p)) {
      return NotFoundError("training corpus file not found: " + p +
                           " (pass --corpus DIR holding UD English EWT)");
    }
  }
  Timer total;
  SITREP_ASSIGN_OR_RETURN(std::vector<ConlluSentence> train, ReadConllu(train_path));
  SITREP_ASSIGN_OR_RETURN(std::vector<ConlluSentence> dev, ReadConllu(dev_path));
  if (log) *log << "train: " << train.size() << " train / " << dev.size() << " dev sentences\n";

  ModelFile model;

  // 1. Tokenizer data (sentence-boundary classifier, EWT conventions).
  {
    Timer t;
    SITREP_ASSIGN_OR_RETURN(std::string section, TrainTokenizer(train));
    if (log) *log << "train: tokenizer " << section.size() << " bytes, " << t.Seconds() << " s\n";
    model.AddSection("tokenizer", std::move(section));
  }

  // 2. Tagger + lemmatizer on all of train (epoch picked on dev).
  TaggerTrainOptions tagger_options;
  tagger_options.seed = options.seed;
  std::unique_ptr<Tagger> tagger;
  {
    Timer t;
    SITREP_ASSIGN_OR_RETURN(tagger, TrainTagger(train, dev, tagger_options, log));
    TaggerScores s = EvaluateTagger(*tagger, dev);
    if (log) {
      *log << "train: tagger dev UPOS " << s.upos << " XPOS " << s.xpos << " lemma " << s.lemma
           << ", " << t.Seconds() << " s\n";
    }
    model.AddSection("tagger", tagger->Serialize());
  }

  // 3. Parser on jackknifed tags, tuned on dev tagged by the full tagger.
  {
    Timer t;
    std::vector<ConlluSentence> parser_train;
    if (options.jackknife_folds >= 2) {
      JackknifeOptions jk;
      jk.folds = options.jackknife_folds;
      jk.tagger = tagger_options;
      // Jackknifed copy of train plus train with gold tags (see jackknife.h).
      SITREP_ASSIGN_OR_RETURN(parser_train, MakeParserTrainingSet(train, dev, jk, log));
      if (log) *log << "train: jackknife " << jk.folds << " folds, " << t.Seconds() << " s\n";
    } else {
      parser_train = train;  // gold tags
    }
    std::vector<ConlluSentence> dev_tagged = RetagSentences(*tagger, dev);
    ParserTrainOptions parser_options;
    parser_options.seed = options.seed;
    SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Parser> parser,
                            TrainParser(parser_train, dev_tagged, parser_options, log));
    ParserScores s = EvaluateParser(*parser, dev_tagged, dev);
    if (log) {
      *log << "train: parser dev UAS " << s.uas << " LAS " << s.las_universal << " (full labels "
           << s.las << "), " << t.Seconds() << " s\n";
    }
    model.AddSection("parser", parser->Serialize());
  }
  if (log) *log << "train: done in " << total.Seconds() << " s\n";
  return model;
}

}  // namespace sitrep

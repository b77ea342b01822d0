// sitrep_parse_tool: trains and evaluates the dependency parser on UD EWT, so
// that every figure reported for the parser can be reproduced.
//
//   sitrep_parse_tool [--corpora DIR] [--out parser.bin] [--tags predicted|gold]
//                     [--epochs N] [--seed S] [--folds 5] [--cache DIR]
//   sitrep_parse_tool --model parser.bin [--tags predicted|gold] [--cache DIR]
//       (evaluates a saved section only)
//
// --tags predicted (default): a tagger trained on all of train tags dev and
// test; the parser is trained on 5-fold jackknifed tags of train followed by
// train with gold tags (MakeParserTrainingSet in parse/jackknife.h;
// --no-gold-copy for the jackknifed copy alone). --tags gold: the parser
// trains and runs on gold tags.
// --cache DIR keeps the tagged corpora (train.jackknifed.conllu,
// dev.tagged.conllu, test.tagged.conllu) to skip the taggers next time.
// Tuning flags (defaults are ParserTrainOptions'): --runs N (averaged
// runs), --prune T, --explore-from E, --explore-p P, --label-all-heads;
// --reprune T drops weights below T from a loaded/trained section;
// --write-dev FILE writes the dev parse (predicted tags) as CoNLL-U.
// Prints UAS / LAS (universal label, CoNLL 2018) / LAS (full label) on dev
// and test with predicted and gold tags, training time, section size, load
// time and parse speed (tokens/s, one thread, parse only).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "parse/jackknife.h"
#include "parse/parser.h"
#include "parse/parser_internal.h"
#include "parse/parser_train.h"
#include "tag/tagger.h"

namespace {

using namespace sitrep;

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

void PrintScores(const char* name, const ParserScores& s) {
  std::printf("%-24s UAS %.2f  LAS %.2f  LAS(full) %.2f  label %.2f  words %zu  %.0f tok/s\n", name,
              s.uas, s.las_universal, s.las, s.label_acc, s.words, s.tokens_per_second);
  std::fflush(stdout);
}

// Writes the fields the parser and its evaluation use.
std::string ToConllu(const std::vector<ConlluSentence>& sents) {
  std::string out;
  for (const ConlluSentence& s : sents) {
    for (size_t i = 0; i < s.words.size(); ++i) {
      const ConlluWord& w = s.words[i];
      auto f = [](const std::string& v) { return v.empty() ? std::string("_") : v; };
      out += std::to_string(i + 1) + "\t" + f(w.form) + "\t" + f(w.lemma) + "\t" + f(w.upos) +
             "\t" + f(w.xpos) + "\t_\t" + std::to_string(w.head) + "\t" + f(w.deprel) + "\t_\t_\n";
    }
    out += "\n";
  }
  return out;
}

struct Tagged {
  std::vector<ConlluSentence> train, dev, test;
};

StatusOr<Tagged> TagCorpora(const std::vector<ConlluSentence>& train,
                            const std::vector<ConlluSentence>& dev,
                            const std::vector<ConlluSentence>& test, int folds,
                            const std::string& cache) {
  Tagged t;
  if (!cache.empty()) {
    auto a = ReadConllu(cache + "/train.jackknifed.conllu");
    auto b = ReadConllu(cache + "/dev.tagged.conllu");
    auto c = ReadConllu(cache + "/test.tagged.conllu");
    if (a.ok() && b.ok() && c.ok() && a->size() == train.size()) {
      std::fprintf(stderr, "tagged corpora read from %s\n", cache.c_str());
      return Tagged{*a, *b, *c};
    }
  }
  auto start = std::chrono::steady_clock::now();
  SITREP_ASSIGN_OR_RETURN(std::unique_ptr<Tagger> tagger, TrainTagger(train, dev, {}, nullptr));
  t.dev = RetagSentences(*tagger, dev);
  t.test = RetagSentences(*tagger, test);
  std::fprintf(stderr, "tagger trained (%.1f s)\n", Seconds(start));
  start = std::chrono::steady_clock::now();
  JackknifeOptions jo;
  jo.folds = folds;
  SITREP_ASSIGN_OR_RETURN(t.train, JackknifeTags(train, dev, jo, &std::cerr));
  std::fprintf(stderr, "jackknifing done (%.1f s)\n", Seconds(start));
  if (!cache.empty()) {
    SITREP_RETURN_IF_ERROR(
        WriteStringToFile(cache + "/train.jackknifed.conllu", ToConllu(t.train)));
    SITREP_RETURN_IF_ERROR(WriteStringToFile(cache + "/dev.tagged.conllu", ToConllu(t.dev)));
    SITREP_RETURN_IF_ERROR(WriteStringToFile(cache + "/test.tagged.conllu", ToConllu(t.test)));
  }
  return t;
}

// Drops weights below `threshold` from a saved section (for size tuning).
std::string Reprune(const std::string& section, float threshold) {
  auto parser = Parser::Load(section);
  if (!parser.ok()) return section;
  const parse_internal::Model& in = (*parser)->model();
  auto m = std::make_unique<parse_internal::Model>();
  m->labels = in.labels;
  m->root_label = in.root_label;
  m->punct_label = in.punct_label;
  for (size_t i = 0; i < in.move_keys.size(); ++i) {
    float mx = 0;
    for (int c = 0; c < parse_internal::kNumMoves; ++c)
      mx = std::max(mx, std::fabs(in.move_weights[i * parse_internal::kNumMoves + c]));
    if (mx < threshold) continue;
    m->move_keys.push_back(in.move_keys[i]);
    for (int c = 0; c < parse_internal::kNumMoves; ++c)
      m->move_weights.push_back(in.move_weights[i * parse_internal::kNumMoves + c]);
  }
  m->label_offsets.push_back(0);
  for (size_t i = 0; i < in.label_keys.size(); ++i) {
    size_t before = m->label_weights.size();
    for (uint32_t k = in.label_offsets[i]; k < in.label_offsets[i + 1]; ++k)
      if (std::fabs(in.label_weights[k].w) >= threshold)
        m->label_weights.push_back(in.label_weights[k]);
    if (m->label_weights.size() == before) continue;
    m->label_keys.push_back(in.label_keys[i]);
    m->label_offsets.push_back(static_cast<uint32_t>(m->label_weights.size()));
  }
  m->BuildTables();
  return Parser(std::move(m)).Serialize();
}

int Run(int argc, char** argv) {
  std::string corpora = "/work/shared/corpora", out, model_path, tags = "predicted", cache;
  int folds = 5;
  bool gold_copy = true;
  float reprune = 0;
  std::string write_dev;
  ParserTrainOptions opt;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "missing value for " << a << "\n";
        std::exit(2);
      }
      return argv[++i];
    };
    if (a == "--corpora")
      corpora = next();
    else if (a == "--out")
      out = next();
    else if (a == "--model")
      model_path = next();
    else if (a == "--epochs")
      opt.epochs = std::atoi(next().c_str());
    else if (a == "--seed")
      opt.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--explore-from")
      opt.explore_from_epoch = std::atoi(next().c_str());
    else if (a == "--explore-p")
      opt.explore_probability = std::atof(next().c_str());
    else if (a == "--prune")
      opt.prune_threshold = static_cast<float>(std::atof(next().c_str()));
    else if (a == "--tags")
      tags = next();
    else if (a == "--label-all-heads")
      opt.label_correct_heads_only = false;
    else if (a == "--no-gold-copy")
      gold_copy = false;
    else if (a == "--runs")
      opt.ensemble_runs = std::atoi(next().c_str());
    else if (a == "--folds")
      folds = std::atoi(next().c_str());
    else if (a == "--cache")
      cache = next();
    else if (a == "--write-dev")
      write_dev = next();
    else if (a == "--reprune")
      reprune = static_cast<float>(std::atof(next().c_str()));
    else {
      std::cerr << "unknown argument " << a << "\n";
      return 2;
    }
  }
  if (tags != "predicted" && tags != "gold") {
    std::cerr << "--tags must be predicted or gold\n";
    return 2;
  }
  const std::string dir = corpora + "/ud-english-ewt/";
  auto train = ReadConllu(dir + "en_ewt-ud-train.conllu");
  auto dev = ReadConllu(dir + "en_ewt-ud-dev.conllu");
  auto test = ReadConllu(dir + "en_ewt-ud-test.conllu");
  if (!train.ok() || !dev.ok() || !test.ok()) {
    std::cerr << "cannot read UD EWT from " << dir << "\n";
    return 1;
  }
  Tagged tagged;
  if (tags == "predicted") {
    auto t = TagCorpora(*train, *dev, *test, folds, cache);
    if (!t.ok()) {
      std::cerr << t.status().ToString() << "\n";
      return 1;
    }
    tagged = std::move(*t);
  } else {
    tagged = Tagged{*train, *dev, *test};
  }

  std::string section;
  if (!model_path.empty()) {
    auto bytes = ReadFileToString(model_path);
    if (!bytes.ok()) {
      std::cerr << bytes.status().ToString() << "\n";
      return 1;
    }
    section = *bytes;
  } else {
    auto t0 = std::chrono::steady_clock::now();
    std::vector<ConlluSentence> train_set = tagged.train;
    if (gold_copy && tags == "predicted")
      train_set.insert(train_set.end(), train->begin(), train->end());
    auto parser = TrainParser(train_set, tagged.dev, opt, &std::cerr);
    if (!parser.ok()) {
      std::cerr << parser.status().ToString() << "\n";
      return 1;
    }
    std::printf("parser training time %.1f s (tags: %s)\n", Seconds(t0), tags.c_str());
    section = (*parser)->Serialize();
    if (!out.empty()) {
      Status st = WriteStringToFile(out, section);
      if (!st.ok()) {
        std::cerr << st.ToString() << "\n";
        return 1;
      }
    }
  }
  if (reprune > 0) section = Reprune(section, reprune);
  auto t0 = std::chrono::steady_clock::now();
  auto parser = Parser::Load(section);
  const double load = Seconds(t0);
  if (!parser.ok()) {
    std::cerr << parser.status().ToString() << "\n";
    return 1;
  }
  std::printf("section %.2f MB, load %.3f s, %zu move + %zu label features\n", section.size() / 1e6,
              load, (*parser)->num_move_features(), (*parser)->num_label_features());
  if (tags == "predicted") {
    PrintScores("dev (predicted tags)", EvaluateParser(**parser, tagged.dev, *dev));
    PrintScores("test (predicted tags)", EvaluateParser(**parser, tagged.test, *test));
  }
  if (!write_dev.empty()) {
    Document doc = DocumentFromConllu(tagged.dev, /*keep_annotation=*/true);
    for (const Sentence& s : doc.sentences) (*parser)->Parse(doc, s);
    Status st = WriteStringToFile(write_dev, DocumentToConllu(doc));
    if (!st.ok()) std::cerr << st.ToString() << "\n";
  }
  PrintScores("dev (gold tags)", EvaluateParser(**parser, *dev, *dev));
  PrintScores("test (gold tags)", EvaluateParser(**parser, *test, *test));
  double best = 0;
  for (int r = 0; r < 5; ++r) {
    best = std::max(best, EvaluateParser(**parser, tagged.test, *test).tokens_per_second);
  }
  std::printf("parse speed: %.0f tokens/s (best of 5 passes over test, thread CPU time)\n", best);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }

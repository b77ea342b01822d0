// sitrep_parse_tool: trains and evaluates the dependency parser on UD EWT.
//
//   sitrep_parse_tool --corpora /work/shared/corpora --out parser.bin
//       [--epochs 15] [--seed 1] [--tags gold]
//   sitrep_parse_tool --corpora /work/shared/corpora --model parser.bin
//       (evaluates a saved section only)
//
// Prints UAS / LAS (universal, CoNLL 2018) / LAS (full labels) on dev and
// test, training time, section size, load time and parse speed.
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "parse/parser.h"

namespace {

using namespace sitrep;

void PrintScores(const char* name, const ParserScores& s) {
  std::printf("%-22s UAS %.2f  LAS %.2f  LAS(full) %.2f  label acc %.2f  words %zu  %.0f tok/s\n",
              name, s.uas, s.las_universal, s.las, s.label_acc, s.words, s.tokens_per_second);
}

int Run(int argc, char** argv) {
  std::string corpora = "/work/shared/corpora", out, model_path, tags = "gold";
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
    if (a == "--corpora") corpora = next();
    else if (a == "--out") out = next();
    else if (a == "--model") model_path = next();
    else if (a == "--epochs") opt.epochs = std::atoi(next().c_str());
    else if (a == "--seed") opt.seed = std::strtoull(next().c_str(), nullptr, 10);
    else if (a == "--explore-from") opt.explore_from_epoch = std::atoi(next().c_str());
    else if (a == "--explore-p") opt.explore_probability = std::atof(next().c_str());
    else if (a == "--tags") tags = next();
    else {
      std::cerr << "unknown argument " << a << "\n";
      return 2;
    }
  }
  const std::string dir = corpora + "/ud-english-ewt/";
  auto train = ReadConllu(dir + "en_ewt-ud-train.conllu");
  auto dev = ReadConllu(dir + "en_ewt-ud-dev.conllu");
  auto test = ReadConllu(dir + "en_ewt-ud-test.conllu");
  if (!train.ok() || !dev.ok() || !test.ok()) {
    std::cerr << "cannot read EWT from " << dir << "\n";
    return 1;
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
    auto parser = TrainParser(*train, *dev, opt, &std::cerr);
    if (!parser.ok()) {
      std::cerr << parser.status().ToString() << "\n";
      return 1;
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("training time %.1f s\n", secs);
    section = (*parser)->Serialize();
    if (!out.empty()) {
      Status st = WriteStringToFile(out, section);
      if (!st.ok()) {
        std::cerr << st.ToString() << "\n";
        return 1;
      }
    }
  }
  auto t0 = std::chrono::steady_clock::now();
  auto parser = Parser::Load(section);
  double load = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!parser.ok()) {
    std::cerr << parser.status().ToString() << "\n";
    return 1;
  }
  std::printf("section %.2f MB, load %.3f s, %zu move + %zu label features\n",
              section.size() / 1e6, load, (*parser)->num_move_features(),
              (*parser)->num_label_features());
  PrintScores("dev (gold tags)", EvaluateParser(**parser, *dev, *dev));
  PrintScores("test (gold tags)", EvaluateParser(**parser, *test, *test));
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }

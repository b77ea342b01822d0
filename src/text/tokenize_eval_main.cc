// Scores sentence and token segmentation on a CoNLL-U file.
//
//   sitrep_tokenize_eval TEST.conllu [--train TRAIN.conllu] [--diff]
//                        [--threshold X] [--save SECTION_FILE]
#include <chrono>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "text/tokenizer.h"
#include "text/tokenizer_train.h"

int main(int argc, char** argv) {
  using namespace sitrep;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s TEST.conllu [--train TRAIN.conllu] [--diff] "
                 "[--threshold X] [--save FILE] [--section FILE]\n",
                 argv[0]);
    return 2;
  }
  std::string test_path = argv[1], train_path, save_path, section_path;
  bool diff = false, gaps = false;
  TokenizerTrainOptions train_options;
  TokenizerOptions options;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--train") && i + 1 < argc)
      train_path = argv[++i];
    else if (!std::strcmp(argv[i], "--diff"))
      diff = true;
    else if (!std::strcmp(argv[i], "--gaps"))
      gaps = true;
    else if (!std::strcmp(argv[i], "--min-weight") && i + 1 < argc)
      train_options.min_weight = std::stof(argv[++i]);
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc)
      train_options.seed = std::stoull(argv[++i]);
    else if (!std::strcmp(argv[i], "--epochs") && i + 1 < argc)
      train_options.epochs = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--threshold") && i + 1 < argc)
      options.boundary_threshold = std::stof(argv[++i]);
    else if (!std::strcmp(argv[i], "--save") && i + 1 < argc)
      save_path = argv[++i];
    else if (!std::strcmp(argv[i], "--section") && i + 1 < argc)
      section_path = argv[++i];
  }
  std::string section;
  if (!train_path.empty()) {
    auto train = ReadConllu(train_path);
    if (!train.ok()) {
      std::fprintf(stderr, "%s\n", train.status().ToString().c_str());
      return 1;
    }
    auto start = std::chrono::steady_clock::now();
    auto s = TrainTokenizer(*train, train_options);
    if (!s.ok()) {
      std::fprintf(stderr, "%s\n", s.status().ToString().c_str());
      return 1;
    }
    section = *s;
    std::fprintf(stderr, "trained in %.1f s, section %zu bytes\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                 section.size());
    if (!save_path.empty()) (void)WriteStringToFile(save_path, section);
  } else if (!section_path.empty()) {
    auto s = ReadFileToString(section_path);
    if (!s.ok()) return 1;
    section = *s;
  }
  auto tok = Tokenizer::Create(options, section);
  if (!tok.ok()) {
    std::fprintf(stderr, "%s\n", tok.status().ToString().c_str());
    return 1;
  }
  auto test = ReadConllu(test_path);
  if (!test.ok()) {
    std::fprintf(stderr, "%s\n", test.status().ToString().c_str());
    return 1;
  }
  SegmentationScores sc = EvaluateSegmentation(**tok, *test);
  std::printf("sentences: P %.4f R %.4f F1 %.4f (gold %zu, pred %zu)\n", sc.sent_p, sc.sent_r,
              sc.sent_f1, sc.gold_sents, sc.pred_sents);
  std::printf("tokens:    P %.4f R %.4f F1 %.4f (gold %zu, pred %zu)\n", sc.tok_p, sc.tok_r,
              sc.tok_f1, sc.gold_tokens, sc.pred_tokens);
  if (diff) std::fputs(SegmentationDiff(**tok, *test).c_str(), stdout);
  if (gaps) {
    // One line per sentence-boundary error: FN (gold boundary missed) or FP,
    // with the tokens around it.
    Document gold = DocumentFromConllu(*test, false);
    Document pred;
    pred.text = gold.text;
    (void)(*tok)->Process(pred);
    std::set<uint32_t> gold_ends, pred_ends;
    for (const Sentence& s : gold.sentences) gold_ends.insert(s.end);
    for (const Sentence& s : pred.sentences) pred_ends.insert(s.end);
    for (size_t t = 0; t + 1 < pred.tokens.size(); ++t) {
      uint32_t e = pred.tokens[t].end;
      bool g = gold_ends.count(e) > 0, p = pred_ends.count(e) > 0;
      if (g == p) continue;
      if (pred.text.substr(e, 2) == "\n\n") continue;
      std::string ctx;
      for (size_t k = t >= 3 ? t - 3 : 0; k < std::min(pred.tokens.size(), t + 4); ++k) {
        ctx += std::string(pred.Form(pred.tokens[k]));
        ctx += k == t ? " || " : " ";
      }
      std::printf("%s\t%s\n", g ? "FN" : "FP", ctx.c_str());
    }
  }
  return 0;
}

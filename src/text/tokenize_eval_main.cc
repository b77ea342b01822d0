// Scores sentence and token segmentation on a CoNLL-U file.
//
//   sitrep_tokenize_eval TEST.conllu [--train TRAIN.conllu] [--diff]
//                        [--threshold X] [--save SECTION_FILE]
//                        [--section SECTION_FILE] [--text FILE]...
//                        [--update-model MODEL_FILE]
//
// --update-model replaces the "tokenizer" section of a model file with the
// one just trained (--train), leaving the other sections as they are: a
// quick refresh after a tokenizer section version change, e.g.
//   sitrep_tokenize_eval dev.conllu --train train.conllu --update-model models/en_ewt.sitrep
//
// With --text, the files are tokenized instead and printed like the golden
// .expected files (one sentence per line, tokens separated by " | ").
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <set>
#include <string>
#include <vector>

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
  std::vector<std::string> text_paths;
  std::string update_model_path;
  bool diff = false, gaps = false, bench = false;
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
    else if (!std::strcmp(argv[i], "--runs") && i + 1 < argc)
      train_options.runs = std::stoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--update-model") && i + 1 < argc)
      update_model_path = argv[++i];
    else if (!std::strcmp(argv[i], "--no-vetoes"))
      options.learned_vetoes = false;
    else if (!std::strcmp(argv[i], "--bench"))
      bench = true;
    else if (!std::strcmp(argv[i], "--text") && i + 1 < argc)
      text_paths.push_back(argv[++i]);
    else if (!std::strcmp(argv[i], "--class-balance") && i + 1 < argc)
      train_options.negative_update = std::stof(argv[++i]);
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
    if (!update_model_path.empty()) {
      auto model = ReadModelFile(update_model_path);
      if (!model.ok()) {
        std::fprintf(stderr, "%s\n", model.status().ToString().c_str());
        return 1;
      }
      model->AddSection("tokenizer", section);
      Status st = WriteModelFile(update_model_path, *model);
      if (!st.ok()) {
        std::fprintf(stderr, "%s\n", st.ToString().c_str());
        return 1;
      }
      std::fprintf(stderr, "replaced the tokenizer section of %s\n", update_model_path.c_str());
    }
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
  if (!text_paths.empty()) {
    for (const std::string& path : text_paths) {
      auto text = ReadFileToString(path);
      if (!text.ok()) {
        std::fprintf(stderr, "%s\n", text.status().ToString().c_str());
        return 1;
      }
      Document doc;
      doc.text = *text;
      (void)(*tok)->Process(doc);
      std::printf("== %s\n", path.c_str());
      for (const Sentence& s : doc.sentences) {
        for (uint32_t t = s.token_begin; t < s.token_end; ++t)
          std::printf("%s%.*s", t > s.token_begin ? " | " : "",
                      static_cast<int>(doc.Form(doc.tokens[t]).size()),
                      doc.Form(doc.tokens[t]).data());
        std::printf("\n");
      }
    }
    return 0;
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
  if (bench) {
    // Throughput on the test text cut into ~4 KB documents, 5 rounds.
    std::string text = DocumentFromConllu(*test, false).text;
    std::vector<Document> docs;
    for (size_t pos = 0; pos < text.size();) {
      size_t end = std::min(text.size(), pos + 4096);
      while (end < text.size() && text[end] != ' ') ++end;
      Document d;
      d.text = text.substr(pos, end - pos);
      docs.push_back(std::move(d));
      pos = end;
    }
    size_t tokens = 0;
    std::clock_t start = std::clock();
    for (int round = 0; round < 5; ++round) {
      for (Document& d : docs) {
        (void)(*tok)->Process(d);
        tokens += d.tokens.size();
      }
    }
    double secs = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    std::printf("throughput: %.2f M tokens/s (CPU time, one thread)\n", tokens / secs / 1e6);
  }
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

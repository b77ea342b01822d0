// sitrep_tag_tool: trains the tagger on UD English EWT, writes its section,
// and reports accuracy, size, load time and speed, so the figures in the
// README can be reproduced.
//
//   sitrep_tag_tool [--corpora DIR] [--out tagger.bin] [--epochs N] [--seed S]
//   sitrep_tag_tool --model tagger.bin      # evaluate a saved section only
//   sitrep_tag_tool --model tagger.bin --tag "Rebels attacked the town ."
//   sitrep_tag_tool --model tagger.bin --news tests/golden/tag/news.tsv --misses
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <string>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "tag/tagger.h"
#include "tag/tagger_golden.h"

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double CpuNow() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

void Report(const char* name, const sitrep::TaggerScores& s) {
  std::printf("%-5s tokens %zu  UPOS %.2f  XPOS %.2f  lemma %.2f\n", name, s.tokens, s.upos, s.xpos,
              s.lemma);
}

// Most frequent UPOS confusions and lemma errors on `gold` (for tuning).
void PrintErrors(const sitrep::Tagger& tagger, const std::vector<sitrep::ConlluSentence>& gold) {
  std::map<std::string, int> upos_errors, lemma_errors;
  std::vector<std::string_view> words;
  std::vector<sitrep::Upos> upos;
  std::vector<std::string> xpos, lemmas;
  for (const auto& s : gold) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    tagger.TagWords(words, &upos, &xpos, &lemmas);
    for (size_t i = 0; i < words.size(); ++i) {
      const auto& g = s.words[i];
      if (sitrep::UposName(upos[i]) != g.upos)
        upos_errors[g.upos + " -> " + std::string(sitrep::UposName(upos[i]))]++;
      if (lemmas[i] != g.lemma && xpos[i] == g.xpos)
        lemma_errors[g.form + " " + g.xpos + " -> " + lemmas[i] + " (gold " + g.lemma + ")"]++;
    }
  }
  auto top = [](const std::map<std::string, int>& m, size_t n) {
    std::vector<std::pair<int, std::string>> v;
    v.reserve(m.size());
    for (const auto& [k, c] : m) v.push_back({-c, k});
    std::sort(v.begin(), v.end());
    for (size_t i = 0; i < v.size() && i < n; ++i)
      std::printf("  %5d  %s\n", -v[i].first, v[i].second.c_str());
  };
  std::printf("UPOS confusions (gold -> predicted):\n");
  top(upos_errors, 25);
  std::printf("lemma errors with the right XPOS:\n");
  top(lemma_errors, 40);
}

int Run(int argc, char** argv) {
  std::string corpora = SITREP_CORPORA_DIR;
  std::string out, model_path;
  sitrep::TaggerTrainOptions opt;
  bool errors = false;
  std::string sample;  // space-separated words to tag and print
  std::string news = std::string(SITREP_SOURCE_DIR) + "/tests/golden/tag/news.tsv";
  bool misses = false;
  bool no_speed = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << a << " needs a value\n";
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
      opt.epochs = std::stoi(next());
    else if (a == "--seed")
      opt.seed = std::stoull(next());
    else if (a == "--restrict")
      opt.restrict_min_count = std::stoi(next());
    else if (a == "--amb")
      opt.ambiguity_min_count = std::stoi(next());
    else if (a == "--errors")
      errors = true;
    else if (a == "--tag")
      sample = next();
    else if (a == "--news")
      news = next();
    else if (a == "--misses")
      misses = true;
    else if (a == "--no-speed")
      no_speed = true;
    else if (a == "--ewt-lemmas")
      opt.news_lemmas = false;
    else if (a == "--no-main-verb-rule")
      opt.main_verb_rule = false;
    else if (a == "--no-jackknife")
      opt.jackknife_ambiguity = false;
    else if (a == "--prune")
      opt.prune_below = std::stof(next());
    else {
      std::cerr
          << "usage: sitrep_tag_tool [--corpora DIR] [--out FILE] [--model FILE] [--epochs N] "
             "[--seed S] [--restrict N] [--amb N] [--prune X] [--no-jackknife] [--errors] "
             "[--tag \"w1 w2 ...\"] [--news FILE] [--misses] [--no-speed] [--ewt-lemmas] "
             "[--no-main-verb-rule]\n";
      return 2;
    }
  }
  const std::string ewt = corpora + "/ud-english-ewt/en_ewt-ud-";
  auto dev = sitrep::ReadConllu(ewt + "dev.conllu");
  auto test = sitrep::ReadConllu(ewt + "test.conllu");
  if (!dev.ok() || !test.ok()) {
    std::cerr << "cannot read EWT dev/test under " << corpora << "\n";
    return 1;
  }
  std::string bytes;
  if (model_path.empty()) {
    auto train = sitrep::ReadConllu(ewt + "train.conllu");
    if (!train.ok()) {
      std::cerr << train.status().ToString() << "\n";
      return 1;
    }
    double t0 = Now();
    auto tagger = sitrep::TrainTagger(*train, *dev, opt, &std::cerr);
    if (!tagger.ok()) {
      std::cerr << tagger.status().ToString() << "\n";
      return 1;
    }
    std::printf("training time %.1f s\n", Now() - t0);
    bytes = (*tagger)->Serialize();
    if (!out.empty()) {
      auto st = sitrep::WriteStringToFile(out, bytes);
      if (!st.ok()) {
        std::cerr << st.ToString() << "\n";
        return 1;
      }
    }
  } else {
    auto read = sitrep::ReadFileToString(model_path);
    if (!read.ok()) {
      std::cerr << read.status().ToString() << "\n";
      return 1;
    }
    bytes = std::move(*read);
  }
  std::printf("model size %zu bytes (%.2f MB)\n", bytes.size(), bytes.size() / 1e6);
  double t0 = Now();
  auto loaded = sitrep::Tagger::Load(bytes);
  if (!loaded.ok()) {
    std::cerr << loaded.status().ToString() << "\n";
    return 1;
  }
  std::printf("load time %.3f s\n", Now() - t0);
  const sitrep::Tagger& tagger = **loaded;
  if (!sample.empty()) {
    std::vector<std::string_view> words;
    std::string_view rest = sample;
    while (!rest.empty()) {
      size_t sp = rest.find(' ');
      if (sp != 0) words.push_back(rest.substr(0, sp));
      if (sp == std::string_view::npos) break;
      rest.remove_prefix(sp + 1);
    }
    std::vector<sitrep::Upos> upos;
    std::vector<std::string> xpos, lemmas;
    tagger.TagWords(words, &upos, &xpos, &lemmas);
    for (size_t i = 0; i < words.size(); ++i)
      std::printf("%.*s\t%s\t%s\t%s\n", static_cast<int>(words[i].size()), words[i].data(),
                  std::string(sitrep::UposName(upos[i])).c_str(), xpos[i].c_str(),
                  lemmas[i].c_str());
    return 0;
  }
  Report("dev", sitrep::EvaluateTagger(tagger, *dev));
  Report("test", sitrep::EvaluateTagger(tagger, *test));
  if (errors) PrintErrors(tagger, *dev);
  if (!news.empty()) {
    auto text = sitrep::ReadFileToString(news);
    auto gold = text.ok() ? sitrep::ParseTagGolden(*text)
                          : sitrep::StatusOr<std::vector<sitrep::GoldenSentence>>(text.status());
    if (!gold.ok()) {
      std::cerr << "news set: " << gold.status().ToString() << "\n";
    } else {
      sitrep::GoldenReport r = sitrep::EvaluateTagGolden(tagger, *gold);
      std::printf("news  sentences %zu  XPOS %zu/%zu (%.2f)  lemma %zu/%zu (%.2f)\n", gold->size(),
                  r.xpos_ok, r.xpos_checked, r.xpos_percent(), r.lemma_ok, r.lemma_checked,
                  r.lemma_percent());
      if (misses)
        for (const auto& m : r.misses) std::printf("  miss %s\n", m.c_str());
    }
  }
  if (no_speed) return 0;

  // Throughput: Tag() over a Document built from the test set, >= 2 s of
  // CPU time. Reported per CPU-second of this thread (the machine may be
  // shared) and per wall-clock second.
  sitrep::Document doc = sitrep::DocumentFromConllu(*test, /*keep_annotation=*/false);
  size_t tokens = 0;
  t0 = Now();
  const double c0 = CpuNow();
  double cpu = 0;
  do {
    for (const auto& s : doc.sentences) tagger.Tag(doc, s);
    tokens += doc.tokens.size();
    cpu = CpuNow() - c0;
  } while (cpu < 2.0);
  const double wall = Now() - t0;
  std::printf(
      "throughput %.0f tokens/s per CPU second, %.0f tokens/s wall (Tag on a Document, "
      "one thread, upos+xpos+lemma)\n",
      tokens / cpu, tokens / wall);
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }

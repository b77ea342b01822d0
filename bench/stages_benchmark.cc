// Per-stage throughput on our own sample articles (samples/*.txt), so that it
// runs without the third-party corpora. Items are tokens.
//
//   build/bench/sitrep_benchmarks --benchmark_min_time=2
#include <benchmark/benchmark.h>

#include <filesystem>

#include "core/binary_io.h"
#include "pipeline/analyzer.h"
#include "text/pathological_units.h"
#include "text/tokenizer.h"

namespace sitrep {
namespace {

std::string SampleText() {
  std::string all;
  std::vector<std::filesystem::path> files;
  for (const auto& e :
       std::filesystem::directory_iterator(std::string(SITREP_SOURCE_DIR) + "/samples")) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    auto t = ReadFileToString(p.string());
    if (t.ok()) all += *t + "\n\n";
  }
  return all;
}

const Analyzer* GetAnalyzer(AnalysisDepth depth) {
  static std::unique_ptr<Analyzer> a[3];
  int i = static_cast<int>(depth);
  if (!a[i]) {
    AnalyzerOptions opt;
    opt.depth = depth;
    auto r = Analyzer::Create(opt);
    if (!r.ok()) return nullptr;
    a[i] = std::move(*r);
  }
  return a[i].get();
}

void RunDepth(benchmark::State& state, AnalysisDepth depth) {
  const Analyzer* analyzer = GetAnalyzer(depth);
  if (!analyzer) {
    state.SkipWithError("no model (run `sitrep train` or check models/)");
    return;
  }
  std::string text = SampleText();
  if (text.empty()) {
    state.SkipWithError("no samples/*.txt");
    return;
  }
  size_t tokens = 0;
  for (auto _ : state) {
    Document doc;
    doc.text = text;
    Status s = analyzer->Analyze(doc);
    benchmark::DoNotOptimize(s);
    tokens += doc.tokens.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(tokens));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_Tokenize(benchmark::State& state) { RunDepth(state, AnalysisDepth::kTokens); }
void BM_TokenizeTag(benchmark::State& state) { RunDepth(state, AnalysisDepth::kTags); }
void BM_TokenizeTagParse(benchmark::State& state) { RunDepth(state, AnalysisDepth::kParse); }
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeTag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TokenizeTagParse)->Unit(benchmark::kMillisecond);

// Pathological inputs: long runs of one tricky unit ("....", "a+a+a+",
// "((((", URLs, e-mail-like runs), tokenized by the rules alone. A rule that
// scans back or ahead without bound shows up as N^2 in the complexity fit;
// the fit reads N lg N on this machine because 16-64 KiB inputs stay in
// cache (docs/benchmarks.md). This replaced a timed unit test, which failed
// on a loaded machine.
void BM_TokenizePathological(benchmark::State& state) {
  auto tok = Tokenizer::Create(TokenizerOptions{});
  if (!tok.ok()) {
    state.SkipWithError("tokenizer");
    return;
  }
  std::vector<std::string> texts;
  for (std::string_view unit : kPathologicalUnits) {
    std::string t;
    while (t.size() < static_cast<size_t>(state.range(0))) t += unit;
    texts.push_back(std::move(t));
  }
  for (auto _ : state) {
    for (const std::string& t : texts) {
      Document doc;
      doc.text = t;
      benchmark::DoNotOptimize((*tok)->Process(doc).ok());
    }
  }
  state.SetComplexityN(state.range(0));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0) *
                          static_cast<int64_t>(std::size(kPathologicalUnits)));
}
BENCHMARK(BM_TokenizePathological)
    ->RangeMultiplier(4)
    ->Range(1 << 14, 1 << 20)
    ->Unit(benchmark::kMillisecond)
    ->Complexity();

}  // namespace
}  // namespace sitrep

BENCHMARK_MAIN();

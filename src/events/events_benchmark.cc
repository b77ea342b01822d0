// Speed of event coding relative to tokenize + tag + parse, on the sample
// articles (samples/*.txt). The target: coding adds at most 30%.
//
//   build/src/events/events_benchmark
//   BM_Analyze          analyzer only (tokenize, tag, lemmatize, parse)
//   BM_AnalyzeAndCode   analyzer + sitrep's own coder (actors, events, PLOVER mode)
//   BM_CodeOnly         the coder alone on already parsed documents
//   BM_EventsOnly       the coder with Mentions::kKeep (no actor recognizer)
// Each reports tokens/s ("items_per_second").
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <vector>

#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::events {
namespace {

CoderOptions KeepMentions() {
  CoderOptions o;
  o.mentions = CoderOptions::Mentions::kKeep;
  return o;
}

struct Fixture {
  std::unique_ptr<Analyzer> analyzer;
  std::unique_ptr<Coder> coder;
  std::unique_ptr<Coder> events_only;
  std::vector<Document> docs;    // raw text
  std::vector<Document> parsed;  // analysed once
  size_t tokens = 0;
};

const Fixture& Get() {
  static const Fixture* f = [] {
    auto* x = new Fixture;
    auto a = Analyzer::Create({});
    auto c = Coder::Create({});
    auto e = Coder::Create(KeepMentions());
    if (!a.ok() || !c.ok() || !e.ok()) std::abort();
    x->analyzer = std::move(a).value();
    x->coder = std::move(c).value();
    x->events_only = std::move(e).value();
    std::filesystem::path dir = std::filesystem::path(SITREP_SOURCE_DIR) / "samples";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.path().extension() == ".txt" && entry.path().filename() != "README.txt")
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& p : files) {
      std::ifstream in(p);
      std::stringstream ss;
      ss << in.rdbuf();
      Document d;
      d.id = p.stem().string();
      d.text = ss.str();
      x->docs.push_back(d);
      if (!x->analyzer->Analyze(d).ok()) std::abort();
      x->tokens += d.tokens.size();
      x->parsed.push_back(std::move(d));
    }
    return x;
  }();
  return *f;
}

void BM_Analyze(benchmark::State& state) {
  const Fixture& f = Get();
  for (auto _ : state) {
    for (const Document& src : f.docs) {
      Document d = src;
      benchmark::DoNotOptimize(f.analyzer->Analyze(d).ok());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_Analyze)->Unit(benchmark::kMillisecond);

void BM_AnalyzeAndCode(benchmark::State& state) {
  const Fixture& f = Get();
  for (auto _ : state) {
    for (const Document& src : f.docs) {
      Document d = src;
      benchmark::DoNotOptimize(f.analyzer->Analyze(d).ok());
      benchmark::DoNotOptimize(f.coder->Code(d).ok());
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_AnalyzeAndCode)->Unit(benchmark::kMillisecond);

void BM_CodeOnly(benchmark::State& state) {
  const Fixture& f = Get();
  std::vector<Document> docs = f.parsed;
  for (auto _ : state) {
    for (Document& d : docs) benchmark::DoNotOptimize(f.coder->Code(d).ok());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_CodeOnly)->Unit(benchmark::kMillisecond);

void BM_EventsOnly(benchmark::State& state) {
  const Fixture& f = Get();
  std::vector<Document> docs = f.parsed;
  for (Document& d : docs) {
    if (!f.coder->Code(d).ok()) std::abort();  // mentions from the recognizer, kept
  }
  for (auto _ : state) {
    for (Document& d : docs) {
      std::vector<ActorMention> keep = d.mentions;
      benchmark::DoNotOptimize(f.events_only->Code(d).ok());
      d.mentions = std::move(keep);
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * f.tokens));
}
BENCHMARK(BM_EventsOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace sitrep::events

BENCHMARK_MAIN();

#include "pipeline/throughput.h"

#include <time.h>

#include <algorithm>
#include <chrono>

namespace sitrep {

std::vector<Document> BuildBenchCorpus(const std::vector<ConlluSentence>& gold, size_t min_tokens) {
  // Split the gold sentences into documents at "# newdoc".
  std::vector<std::vector<ConlluSentence>> groups;
  for (const ConlluSentence& s : gold) {
    if (groups.empty() || s.new_doc) groups.emplace_back();
    groups.back().push_back(s);
  }
  std::vector<Document> base;
  size_t words_per_round = 0;
  for (const auto& g : groups) {
    Document d = DocumentFromConllu(g, /*keep_annotation=*/false);
    d.ClearAnalysis();
    base.push_back(std::move(d));
    for (const auto& s : g) words_per_round += s.words.size();
  }
  std::vector<Document> out;
  if (base.empty() || words_per_round == 0) return out;
  size_t words = 0;
  for (int round = 0; words < min_tokens; ++round) {
    for (size_t i = 0; i < base.size(); ++i) {
      Document d = base[i];
      d.id = "bench-" + std::to_string(round) + "-" + std::to_string(i);
      out.push_back(std::move(d));
    }
    words += words_per_round;
  }
  return out;
}

ThroughputResult MeasureThroughput(const Analyzer& analyzer, const std::vector<Document>& docs,
                                   int threads) {
  // Streams the corpus in batches, as `sitrep analyze` does, so that memory
  // holds the model, the input text and one batch of analyses.
  constexpr size_t kBatch = 256;
  ThroughputResult r;
  r.threads = threads;
  std::vector<Document> work;
  std::vector<Status> statuses;
  timespec cpu0{}, cpu1{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu0);
  auto t0 = std::chrono::steady_clock::now();
  for (size_t start = 0; start < docs.size(); start += kBatch) {
    size_t end = std::min(docs.size(), start + kBatch);
    work.assign(docs.begin() + static_cast<std::ptrdiff_t>(start),
                docs.begin() + static_cast<std::ptrdiff_t>(end));
    analyzer.AnalyzeAll(work, threads, &statuses);
    for (size_t i = 0; i < work.size(); ++i) {
      if (!statuses[i].ok()) ++r.failed;
      r.sentences += work[i].sentences.size();
      r.tokens += work[i].tokens.size();
      r.bytes += work[i].text.size();
    }
    r.documents += work.size();
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu1);
  r.cpu_seconds = (cpu1.tv_sec - cpu0.tv_sec) + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e9;
  return r;
}

}  // namespace sitrep

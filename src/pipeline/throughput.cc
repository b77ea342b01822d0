#include "pipeline/throughput.h"

#include <chrono>

namespace sitrep {

std::vector<Document> BuildBenchCorpus(const std::vector<ConlluSentence>& gold,
                                       size_t min_tokens) {
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
  std::vector<Document> work = docs;
  std::vector<Status> statuses;
  ThroughputResult r;
  r.threads = threads;
  auto t0 = std::chrono::steady_clock::now();
  analyzer.AnalyzeAll(work, threads, &statuses);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.documents = work.size();
  for (const Document& d : work) {
    r.sentences += d.sentences.size();
    r.tokens += d.tokens.size();
    r.bytes += d.text.size();
  }
  return r;
}

}  // namespace sitrep

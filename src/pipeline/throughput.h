// Throughput measurement for `sitrep bench`: whole-pipeline speed on real
// text, reported in tokens per second.
//
//   auto gold = ReadConllu(".../en_ewt-ud-test.conllu");
//   std::vector<Document> docs = BuildBenchCorpus(*gold, 1'000'000);
//   ThroughputResult r = MeasureThroughput(*analyzer, docs, /*threads=*/1);
//   // r.tokens / r.seconds tokens per second
#ifndef SITREP_PIPELINE_THROUGHPUT_H_
#define SITREP_PIPELINE_THROUGHPUT_H_

#include <vector>

#include "core/conllu.h"
#include "pipeline/analyzer.h"

namespace sitrep {

// Raw text documents rebuilt from a CoNLL-U file (one per "# newdoc", the
// sentences of a paragraph joined by spaces), repeated with fresh ids until
// they hold at least `min_tokens` gold words.
std::vector<Document> BuildBenchCorpus(const std::vector<ConlluSentence>& gold,
                                       size_t min_tokens);

struct ThroughputResult {
  int threads = 1;
  size_t documents = 0, sentences = 0, tokens = 0, bytes = 0;
  double seconds = 0;
  double tokens_per_second() const { return seconds > 0 ? tokens / seconds : 0; }
  double sentences_per_second() const { return seconds > 0 ? sentences / seconds : 0; }
};

// Analyses a copy of `docs` on `threads` threads and times it.
ThroughputResult MeasureThroughput(const Analyzer& analyzer, const std::vector<Document>& docs,
                                   int threads);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_THROUGHPUT_H_

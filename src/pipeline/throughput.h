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
std::vector<Document> BuildBenchCorpus(const std::vector<ConlluSentence>& gold, size_t min_tokens);

struct ThroughputResult {
  int threads = 1;
  size_t documents = 0, sentences = 0, tokens = 0, bytes = 0;
  size_t failed = 0;       // documents whose analysis returned an error
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // CPU time of the process (all threads)
  double tokens_per_second() const { return seconds > 0 ? tokens / seconds : 0; }
  // Tokens per CPU-second: the single-core speed even on a busy machine.
  double tokens_per_cpu_second() const { return cpu_seconds > 0 ? tokens / cpu_seconds : 0; }
  double sentences_per_second() const { return seconds > 0 ? sentences / seconds : 0; }
};

// Analyses `docs` in batches of 256 on `threads` threads (results are
// counted and dropped) and times it, in wall and CPU time.
ThroughputResult MeasureThroughput(const Analyzer& analyzer, const std::vector<Document>& docs,
                                   int threads);

}  // namespace sitrep

#endif  // SITREP_PIPELINE_THROUGHPUT_H_

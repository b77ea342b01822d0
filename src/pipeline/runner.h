// Runner: streams documents from a reader through an Analyzer in bounded
// batches, on N threads, handing results to a sink in input order.
//
//   RunStats stats = RunAnalysis(reader, analyzer, {.threads = 2},
//       [&](const Document& doc, const Status& status) {
//         if (status.ok()) std::cout << DocumentToJson(doc) << "\n";
//       },
//       [&](const Status& read_error) { std::cerr << read_error.ToString(); });
//
// One bad document is data, not a crash: a reader error (broken JSONL line,
// refused huge file) goes to `on_read_error` and the stream goes on; an
// analysis failure goes to the sink with its status.
#ifndef SITREP_PIPELINE_RUNNER_H_
#define SITREP_PIPELINE_RUNNER_H_

#include <functional>

#include "io/reader.h"
#include "pipeline/analyzer.h"

namespace sitrep {

struct RunOptions {
  int threads = 1;
  size_t batch_documents = 64;     // at most this many documents in memory
  size_t batch_bytes = 32u << 20;  // ... or this many bytes of text
};

struct RunStats {
  size_t documents = 0, sentences = 0, tokens = 0, bytes = 0;
  size_t read_errors = 0, analysis_errors = 0, warnings = 0;
  double seconds = 0;  // analysis wall time (excluding reading and output)
  bool any_failed() const { return read_errors + analysis_errors > 0; }
};

using DocumentSink = std::function<void(const Document&, const Status&)>;
using ReadErrorSink = std::function<void(const Status&)>;

RunStats RunAnalysis(DocumentReader& reader, const Analyzer& analyzer, const RunOptions& options,
                     const DocumentSink& sink, const ReadErrorSink& on_read_error);

// Peak resident set size of this process so far, in bytes (getrusage).
size_t PeakRssBytes();

}  // namespace sitrep

#endif  // SITREP_PIPELINE_RUNNER_H_

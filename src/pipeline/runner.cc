#include "pipeline/runner.h"

#include <sys/resource.h>

#include <chrono>

namespace sitrep {

size_t PeakRssBytes() {
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<size_t>(ru.ru_maxrss) * 1024;  // Linux reports KiB
}

RunStats RunAnalysis(DocumentReader& reader, const Analyzer& analyzer, const RunOptions& options,
                     const DocumentSink& sink, const ReadErrorSink& on_read_error) {
  RunStats stats;
  std::vector<Document> batch;
  std::vector<Status> statuses;
  size_t batch_bytes = 0;
  auto flush = [&]() {
    if (batch.empty()) return;
    auto t0 = std::chrono::steady_clock::now();
    analyzer.AnalyzeAll(batch, options.threads, &statuses);
    stats.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    for (size_t i = 0; i < batch.size(); ++i) {
      const Document& d = batch[i];
      ++stats.documents;
      stats.bytes += d.text.size();
      stats.sentences += d.sentences.size();
      stats.tokens += d.tokens.size();
      for (const Diagnostic& diag : d.diagnostics) {
        if (diag.severity == Diagnostic::Severity::kWarning) ++stats.warnings;
      }
      if (!statuses[i].ok()) ++stats.analysis_errors;
      sink(d, statuses[i]);
    }
    batch.clear();
    batch_bytes = 0;
  };
  while (auto result = reader.Next()) {
    if (!result->status.ok()) {
      ++stats.read_errors;
      on_read_error(result->status);
    }
    if (!result->doc) continue;
    batch_bytes += result->doc->text.size();
    batch.push_back(std::move(*result->doc));
    if (batch.size() >= options.batch_documents || batch_bytes >= options.batch_bytes) flush();
  }
  flush();
  return stats;
}

}  // namespace sitrep

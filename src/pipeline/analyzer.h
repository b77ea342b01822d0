// Analyzer: the public entry point of sitrep's text analysis.
//
// Documents in, analysed documents out: sentences, tokens (UD words with byte
// offsets), UPOS/XPOS tags, lemmas and labelled UD dependencies, from one
// model file trained by `sitrep train`.
//
//   SITREP_ASSIGN_OR_RETURN(auto analyzer, Analyzer::Create({}));  // default model
//   Document doc;
//   doc.text = "BEIRUT: Syrian troops attacked rebel positions on Thursday.";
//   SITREP_RETURN_IF_ERROR(analyzer->Analyze(doc));
//   // doc.sentences[1] is "Syrian troops attacked ...", doc.tokens[...].deprel
//   // of "troops" is "nsubj" and its head is "attacked".
//
// An Analyzer is immutable once created and may be used from many threads.
// With AnalyzerOptions::coder set, the pipeline ends with event coding:
// tokenize -> tag -> parse -> code (actors, events).
//
// The CLI, the HTTP server and the Python module all go through this class.
#ifndef SITREP_PIPELINE_ANALYZER_H_
#define SITREP_PIPELINE_ANALYZER_H_

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/event_coder.h"
#include "core/status.h"
#include "pipeline/stage.h"

namespace sitrep {

class Tokenizer;
class Tagger;
class Parser;

// How far the analysis goes.
enum class AnalysisDepth { kTokens, kTags, kParse };

struct AnalyzerOptions {
  // Model file; empty = DefaultModelPath().
  std::string model_path;
  AnalysisDepth depth = AnalysisDepth::kParse;
  // If set (and depth is kParse), a last "code" stage runs this event coder,
  // filling Document::mentions and Document::events. Not owned: the coder must
  // outlive the Analyzer.
  const EventCoder* coder = nullptr;
  // Stages that run after coding, in this order (geo, timex, casualties,
  // attribution: core/context.h). Not owned; each must outlive the Analyzer.
  // Only used with `coder` set.
  std::vector<const Stage*> context_stages;
  // Documents estimated at more tokens than this are refused with
  // ResourceExhaustedError before tokenizing (TokenizerOptions::
  // max_document_tokens; 0 = no limit). 4 M tokens is about 15 MiB of news
  // text; 16 MiB of nothing but punctuation is 16 M.
  uint32_t max_document_tokens = 4'000'000;
};

// The model used when none is named: $SITREP_MODEL if set, else
// <dir of executable>/../models/en_ewt.sitrep, else the source tree's
// models/en_ewt.sitrep. Returns the first that exists (or the last tried).
std::string DefaultModelPath();

class Analyzer {
 public:
  // NotFoundError if the model file is missing; DataLossError if it is not a
  // sitrep model, has an unknown format version or a corrupt section.
  static StatusOr<std::unique_ptr<Analyzer>> Create(const AnalyzerOptions& options);
  ~Analyzer();

  // Analyses one document (clearing any earlier analysis). Empty text gives
  // no sentences and OK.
  Status Analyze(Document& doc) const;
  // Analyses a batch on `threads` threads; statuses[i] is docs[i]'s result.
  void AnalyzeAll(std::vector<Document>& docs, int threads, std::vector<Status>* statuses) const;
  // Tags and parses a document whose sentences and tokens are already set
  // (e.g. read from CoNLL-U with --conllu-in), keeping its tokenization.
  Status AnalyzePretokenized(Document& doc) const;

  const std::string& model_path() const { return model_path_; }
  const Pipeline& pipeline() const { return *pipeline_; }

 private:
  Analyzer() = default;
  std::string model_path_;
  // The stages hold const pointers into these; they outlive the pipelines.
  std::unique_ptr<Tokenizer> tokenizer_;
  std::unique_ptr<Tagger> tagger_;
  std::unique_ptr<Parser> parser_;
  std::unique_ptr<Pipeline> pipeline_;               // tokenize -> tag -> parse
  std::unique_ptr<Pipeline> pretokenized_pipeline_;  // tag -> parse
};

}  // namespace sitrep

#endif  // SITREP_PIPELINE_ANALYZER_H_

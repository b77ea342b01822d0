#include "pipeline/analyzer.h"

#include <unistd.h>

#include <climits>
#include <filesystem>

#include "core/binary_io.h"
#include "core/paths.h"
#include "parse/parser.h"
#include "tag/tagger.h"
#include "text/tokenizer.h"

#ifndef SITREP_SOURCE_DIR
#define SITREP_SOURCE_DIR "."
#endif

namespace sitrep {
namespace {

class TokenizeStage final : public Stage {
 public:
  explicit TokenizeStage(const Tokenizer* tokenizer) : tokenizer_(tokenizer) {}
  std::string_view name() const override { return "tokenize"; }
  uint32_t requires_layers() const override { return kLayerText; }
  uint32_t provides_layers() const override { return kLayerSentences | kLayerTokens; }
  Status Process(Document& doc) const override { return tokenizer_->Process(doc); }

 private:
  const Tokenizer* tokenizer_;  // owned by the Analyzer
};

// Runs an event coder (src/events, src/petrarch, src/tabari) after the parse.
class CodeStage final : public Stage {
 public:
  explicit CodeStage(const EventCoder* coder) : coder_(coder) {}
  std::string_view name() const override { return "code"; }
  uint32_t requires_layers() const override {
    return kLayerSentences | kLayerTokens | kLayerTags | kLayerLemmas | kLayerParse;
  }
  uint32_t provides_layers() const override { return kLayerMentions | kLayerEvents; }
  Status Process(Document& doc) const override { return coder_->Code(doc); }

 private:
  const EventCoder* coder_;
};

// A stage owned by someone else (AnalyzerOptions::context_stages).
class BorrowedStage final : public Stage {
 public:
  explicit BorrowedStage(const Stage* stage) : stage_(stage) {}
  std::string_view name() const override { return stage_->name(); }
  uint32_t requires_layers() const override { return stage_->requires_layers(); }
  uint32_t provides_layers() const override { return stage_->provides_layers(); }
  Status Process(Document& doc) const override { return stage_->Process(doc); }

 private:
  const Stage* stage_;
};

class TagStage final : public Stage {
 public:
  explicit TagStage(const Tagger* tagger) : tagger_(tagger) {}
  std::string_view name() const override { return "tag"; }
  uint32_t requires_layers() const override { return kLayerSentences | kLayerTokens; }
  uint32_t provides_layers() const override { return kLayerTags | kLayerLemmas; }
  Status Process(Document& doc) const override {
    for (const Sentence& s : doc.sentences) tagger_->Tag(doc, s);
    return OkStatus();
  }

 private:
  const Tagger* tagger_;
};

class ParseStage final : public Stage {
 public:
  explicit ParseStage(const Parser* parser) : parser_(parser) {}
  std::string_view name() const override { return "parse"; }
  uint32_t requires_layers() const override { return kLayerTags | kLayerLemmas; }
  uint32_t provides_layers() const override { return kLayerParse; }
  Status Process(Document& doc) const override {
    for (const Sentence& s : doc.sentences) parser_->Parse(doc, s);
    return OkStatus();
  }

 private:
  const Parser* parser_;
};

}  // namespace

std::string DefaultModelPath() {
  if (const char* env = std::getenv("SITREP_MODEL"); env && *env) return env;
  const std::string candidates[] = {
      ExecutableDir() + "/../models/en_ewt.sitrep",
      std::string(SITREP_SOURCE_DIR) + "/models/en_ewt.sitrep",
  };
  std::error_code ec;
  for (const auto& c : candidates) {
    if (std::filesystem::exists(c, ec)) return std::filesystem::weakly_canonical(c, ec).string();
  }
  return candidates[1];
}

Analyzer::~Analyzer() = default;

StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options) {
  std::unique_ptr<Analyzer> a(new Analyzer());
  a->model_path_ = options.model_path.empty() ? DefaultModelPath() : options.model_path;
  auto file = ReadModelFile(a->model_path_);
  if (!file.ok()) {
    if (file.status().code() == StatusCode::kNotFound) {
      return NotFoundError("model file not found: " + a->model_path_ +
                           " (train one with `sitrep train`, or pass --model)");
    }
    return file.status();
  }
  std::string_view tok_section;
  if (file->HasSection("tokenizer")) tok_section = *file->Section("tokenizer");
  TokenizerOptions tok_options;
  tok_options.max_document_tokens = options.max_document_tokens;
  auto tokenizer = Tokenizer::Create(tok_options, tok_section);
  if (!tokenizer.ok()) return tokenizer.status().WithContext(a->model_path_ + ": tokenizer");
  a->tokenizer_ = std::move(*tokenizer);

  std::vector<std::unique_ptr<Stage>> stages, pretok;
  stages.push_back(std::make_unique<TokenizeStage>(a->tokenizer_.get()));
  if (options.depth != AnalysisDepth::kTokens) {
    auto section = file->Section("tagger");
    if (!section.ok()) return section.status().WithContext(a->model_path_);
    auto tagger = Tagger::Load(*section);
    if (!tagger.ok()) return tagger.status().WithContext(a->model_path_ + ": tagger");
    a->tagger_ = std::move(*tagger);
    if (options.coder != nullptr && options.depth == AnalysisDepth::kParse) {
      a->tagger_->AddHeadlineVerbs(options.coder->HeadlineVerbs());
      a->tagger_->AddHeadlineNouns(options.coder->HeadlineNouns());
    }
    stages.push_back(std::make_unique<TagStage>(a->tagger_.get()));
    pretok.push_back(std::make_unique<TagStage>(a->tagger_.get()));
  }
  if (options.depth == AnalysisDepth::kParse) {
    auto section = file->Section("parser");
    if (!section.ok()) return section.status().WithContext(a->model_path_);
    auto parser = Parser::Load(*section);
    if (!parser.ok()) return parser.status().WithContext(a->model_path_ + ": parser");
    a->parser_ = std::move(*parser);
    stages.push_back(std::make_unique<ParseStage>(a->parser_.get()));
    pretok.push_back(std::make_unique<ParseStage>(a->parser_.get()));
  }
  if (options.coder != nullptr) {
    stages.push_back(std::make_unique<CodeStage>(options.coder));
    pretok.push_back(std::make_unique<CodeStage>(options.coder));
    for (const Stage* s : options.context_stages) {
      stages.push_back(std::make_unique<BorrowedStage>(s));
      pretok.push_back(std::make_unique<BorrowedStage>(s));
    }
  }
  SITREP_ASSIGN_OR_RETURN(a->pipeline_, Pipeline::Create(std::move(stages)));
  SITREP_ASSIGN_OR_RETURN(
      a->pretokenized_pipeline_,
      Pipeline::Create(std::move(pretok), kLayerText | kLayerSentences | kLayerTokens));
  return a;
}

Status Analyzer::Analyze(Document& doc) const {
  doc.ClearAnalysis();
  return pipeline_->Process(doc);
}

void Analyzer::AnalyzeAll(std::vector<Document>& docs, int threads,
                          std::vector<Status>* statuses) const {
  for (Document& d : docs) d.ClearAnalysis();
  pipeline_->ProcessAll(docs, threads, statuses);
}

Status Analyzer::AnalyzePretokenized(Document& doc) const {
  return pretokenized_pipeline_->Process(doc);
}

}  // namespace sitrep

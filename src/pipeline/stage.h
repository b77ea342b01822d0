// Stage and Pipeline: the analysis flow in one place.
//
// A stage does one job on a Document: it reads the layers it requires and
// adds the layers it provides. The pipeline checks once, when it is built,
// that every stage's requirements are provided by an earlier stage:
//
//   std::vector<std::unique_ptr<Stage>> stages;
//   stages.push_back(std::make_unique<TokenizeStage>(tokenizer));
//   stages.push_back(std::make_unique<TagStage>(tagger));
//   SITREP_ASSIGN_OR_RETURN(auto pipeline, Pipeline::Create(std::move(stages)));
//   SITREP_RETURN_IF_ERROR(pipeline->Process(doc));
//
// Stages are immutable after construction; one Pipeline may process many
// documents on many threads at once.
#ifndef SITREP_PIPELINE_STAGE_H_
#define SITREP_PIPELINE_STAGE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace sitrep {

// Layers of analysis a Document can carry, as bit flags.
enum Layer : uint32_t {
  kLayerText = 1u << 0,          // Document::text (always present)
  kLayerSentences = 1u << 1,     // Document::sentences
  kLayerTokens = 1u << 2,        // Document::tokens
  kLayerTags = 1u << 3,          // Token::upos, Token::xpos
  kLayerLemmas = 1u << 4,        // Token::lemma
  kLayerParse = 1u << 5,         // Token::head, Token::deprel
  kLayerMentions = 1u << 6,      // Document::mentions (actors)
  kLayerEvents = 1u << 7,        // Document::events
  kLayerPlaces = 1u << 8,        // Document::places, focus_place (geo)
  kLayerLocations = 1u << 9,     // Event::location, launch_location (geo)
  kLayerTimes = 1u << 10,        // Document::times, Event::time/date (timex)
  kLayerCasualties = 1u << 11,   // Document::casualties, Event::casualties
  kLayerAttribution = 1u << 12,  // Event::attribution
};

// "sentences|tokens" for kLayerSentences | kLayerTokens.
std::string LayerNames(uint32_t layers);

class Stage {
 public:
  virtual ~Stage() = default;
  virtual std::string_view name() const = 0;
  virtual uint32_t requires_layers() const = 0;
  virtual uint32_t provides_layers() const = 0;
  // Adds this stage's layers to `doc`. A non-OK status is about this
  // document only; the caller reports it and goes on with the next one.
  virtual Status Process(Document& doc) const = 0;
};

class Pipeline {
 public:
  // FailedPreconditionError naming the stage and the missing layers if a stage
  // requires a layer that no earlier stage provides.
  static StatusOr<std::unique_ptr<Pipeline>> Create(std::vector<std::unique_ptr<Stage>> stages,
                                                    uint32_t initial_layers = kLayerText);
  // Runs every stage in order; stops at the first failing stage and returns
  // its status prefixed with the stage name.
  Status Process(Document& doc) const;
  // Runs Process on every document, on `threads` threads (documents are
  // independent). statuses->at(i) is the result for docs[i].
  void ProcessAll(std::vector<Document>& docs, int threads, std::vector<Status>* statuses) const;

  uint32_t provided_layers() const { return provided_; }
  const std::vector<std::unique_ptr<Stage>>& stages() const { return stages_; }

 private:
  Pipeline(std::vector<std::unique_ptr<Stage>> stages, uint32_t provided)
      : stages_(std::move(stages)), provided_(provided) {}
  std::vector<std::unique_ptr<Stage>> stages_;
  uint32_t provided_;
};

}  // namespace sitrep

#endif  // SITREP_PIPELINE_STAGE_H_

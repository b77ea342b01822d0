#include "pipeline/stage.h"

#include <atomic>
#include <thread>

namespace sitrep {

std::string LayerNames(uint32_t layers) {
  static constexpr std::pair<uint32_t, const char*> kNames[] = {
      {kLayerText, "text"},
      {kLayerSentences, "sentences"},
      {kLayerTokens, "tokens"},
      {kLayerTags, "tags"},
      {kLayerLemmas, "lemmas"},
      {kLayerParse, "parse"},
      {kLayerMentions, "mentions"},
      {kLayerEvents, "events"},
      {kLayerPlaces, "places"},
      {kLayerLocations, "locations"},
      {kLayerTimes, "times"},
      {kLayerCasualties, "casualties"},
      {kLayerAttribution, "attribution"},
  };
  std::string out;
  for (const auto& [bit, name] : kNames) {
    if (layers & bit) {
      if (!out.empty()) out += '|';
      out += name;
    }
  }
  return out.empty() ? "none" : out;
}

StatusOr<std::unique_ptr<Pipeline>> Pipeline::Create(std::vector<std::unique_ptr<Stage>> stages,
                                                     uint32_t initial_layers) {
  uint32_t have = initial_layers;
  for (const auto& stage : stages) {
    if (!stage) return InvalidArgumentError("pipeline: null stage");
    uint32_t missing = stage->requires_layers() & ~have;
    if (missing) {
      return FailedPreconditionError("pipeline: stage '" + std::string(stage->name()) +
                                     "' requires " + LayerNames(missing) +
                                     ", which no earlier stage provides");
    }
    have |= stage->provides_layers();
  }
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(stages), have));
}

Status Pipeline::Process(Document& doc) const {
  for (const auto& stage : stages_) {
    Status s = stage->Process(doc);
    if (!s.ok()) return s.WithContext(stage->name());
  }
  return OkStatus();
}

void Pipeline::ProcessAll(std::vector<Document>& docs, int threads,
                          std::vector<Status>* statuses) const {
  statuses->assign(docs.size(), OkStatus());
  if (threads <= 1 || docs.size() <= 1) {
    for (size_t i = 0; i < docs.size(); ++i) (*statuses)[i] = Process(docs[i]);
    return;
  }
  std::atomic<size_t> next{0};
  auto work = [&]() {
    for (size_t i = next.fetch_add(1); i < docs.size(); i = next.fetch_add(1)) {
      (*statuses)[i] = Process(docs[i]);
    }
  };
  std::vector<std::thread> pool;
  int n = std::min<int>(threads, static_cast<int>(docs.size()));
  pool.reserve(n - 1);
  for (int t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& th : pool) th.join();
}

}  // namespace sitrep

#include "pipeline/stage.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

// A stage that records its name into the document id.
class FakeStage final : public Stage {
 public:
  FakeStage(std::string name, uint32_t needs, uint32_t gives, bool fail = false)
      : name_(std::move(name)), requires_(needs), provides_(gives), fail_(fail) {}
  std::string_view name() const override { return name_; }
  uint32_t requires_layers() const override { return requires_; }
  uint32_t provides_layers() const override { return provides_; }
  Status Process(Document& doc) const override {
    if (fail_) return InvalidArgumentError("broken on purpose");
    doc.id += name_ + ";";
    return OkStatus();
  }

 private:
  std::string name_;
  uint32_t requires_, provides_;
  bool fail_;
};

TEST(PipelineTest, RunsStagesInOrder) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<FakeStage>("tok", kLayerText, kLayerSentences | kLayerTokens));
  stages.push_back(std::make_unique<FakeStage>("tag", kLayerTokens, kLayerTags));
  auto p = Pipeline::Create(std::move(stages));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  Document doc;
  ASSERT_TRUE((*p)->Process(doc).ok());
  EXPECT_EQ(doc.id, "tok;tag;");
  EXPECT_EQ(LayerNames((*p)->provided_layers()), "text|sentences|tokens|tags");
}

TEST(PipelineTest, RefusesStagesOutOfOrderWhenBuilt) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<FakeStage>("parse", kLayerTags, kLayerParse));
  stages.push_back(std::make_unique<FakeStage>("tag", kLayerTokens, kLayerTags));
  auto p = Pipeline::Create(std::move(stages));
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().message(),
            "pipeline: stage 'parse' requires tags, which no earlier stage provides");
}

TEST(PipelineTest, FailureNamesTheStageAndOtherDocumentsGoOn) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<FakeStage>("bad", kLayerText, kLayerTokens, true));
  auto p = Pipeline::Create(std::move(stages));
  ASSERT_TRUE(p.ok());
  std::vector<Document> docs(5);
  std::vector<Status> statuses;
  (*p)->ProcessAll(docs, 3, &statuses);
  ASSERT_EQ(statuses.size(), 5u);
  for (const Status& s : statuses) EXPECT_EQ(s.message(), "bad: broken on purpose");
}

TEST(PipelineTest, ProcessAllOnManyThreadsTouchesEveryDocumentOnce) {
  std::vector<std::unique_ptr<Stage>> stages;
  stages.push_back(std::make_unique<FakeStage>("x", kLayerText, kLayerTokens));
  auto p = Pipeline::Create(std::move(stages));
  ASSERT_TRUE(p.ok());
  std::vector<Document> docs(1000);
  std::vector<Status> statuses;
  (*p)->ProcessAll(docs, 4, &statuses);
  for (const Document& d : docs) EXPECT_EQ(d.id, "x;");
}

}  // namespace
}  // namespace sitrep

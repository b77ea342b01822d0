// Places against third-party gold data in ../shared/corpora (read in place).
// Floors sit just under the figures measured with build/gazetteer.sgz
// (src/places/README.md); they skip without the corpus or the index.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "events/coder.h"
#include "geo/gazetteer.h"
#include "pipeline/analyzer.h"
#include "places/places_eval.h"

namespace sitrep::places {
namespace {

struct Loaded {
  std::unique_ptr<geo::Gazetteer> gaz;
  std::unique_ptr<EventCoder> coder;  // before the analyzer, which codes with it
  std::unique_ptr<Analyzer> analyzer;
  std::string skip;  // why the test skips, empty if it runs
};

Loaded Load(const std::string& corpus_file) {
  Loaded s;
  std::string path = std::string(SITREP_CORPORA_DIR) + "/" + corpus_file;
  if (!std::filesystem::exists(path)) {
    s.skip = path + " is absent (third-party corpus, not in the repository)";
    return s;
  }
  std::string index = geo::DefaultIndexPath();
  auto gaz = geo::Gazetteer::Load(index);
  if (!gaz.ok()) {
    s.skip = "no gazetteer index (" + gaz.status().ToString() + "); run `make build` first";
    return s;
  }
  s.gaz = std::move(gaz).value();
  auto coder = events::CreateCoder({});
  EXPECT_TRUE(coder.ok()) << coder.status().ToString();
  if (coder.ok()) s.coder = std::move(coder).value();
  // As `sitrep code` builds it: the coder's verbs reach the tagger.
  AnalyzerOptions options;
  options.coder = s.coder.get();
  auto analyzer = Analyzer::Create(options);
  EXPECT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  if (analyzer.ok()) s.analyzer = std::move(analyzer).value();
  return s;
}

TEST(PlacesCorpusTest, GeoVirus) {
  Loaded s = Load("geovirus/GeoVirus.xml");
  if (!s.skip.empty()) GTEST_SKIP() << s.skip;
  ASSERT_TRUE(s.analyzer && s.coder);
  auto score = EvalGeoVirus(std::string(SITREP_CORPORA_DIR) + "/geovirus/GeoVirus.xml", *s.gaz,
                            *s.analyzer, *s.coder);
  ASSERT_TRUE(score.ok()) << score.status().ToString();
  EXPECT_EQ(score->articles, 229);
  EXPECT_GE(score->gold, 2160);
  EXPECT_GE(score->f1, 0.90);              // 0.914 with the index make builds
  EXPECT_GE(score->overlap_f1, 0.93);      // 0.942
  EXPECT_GE(score->acc161, 0.86);          // 0.866
  EXPECT_GE(score->acc161_or_area, 0.94);  // 0.951
}

TEST(PlacesCorpusTest, EventLocation) {
  Loaded s = Load("event-location/labeled_text.jsonl.zip");
  if (!s.skip.empty()) GTEST_SKIP() << s.skip;
  ASSERT_TRUE(s.analyzer && s.coder);
  auto score =
      EvalEventLocation(std::string(SITREP_CORPORA_DIR) + "/event-location/labeled_text.jsonl.zip",
                        *s.gaz, *s.analyzer, *s.coder);
  ASSERT_TRUE(score.ok()) << score.status().ToString();
  EXPECT_GE(score->records, 490);
  EXPECT_GE(score->accuracy, 0.83);            // 0.836
  EXPECT_GE(score->with_gold_accuracy, 0.86);  // 0.872
  EXPECT_GE(score->no_gold_accuracy, 0.74);    // 0.759
}

}  // namespace
}  // namespace sitrep::places

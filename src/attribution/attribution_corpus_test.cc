// Attribution over real wire text, read in place from ../shared/corpora: the
// GigaWord sample of the PETRARCH2 validation data
// (petrarch2/text/GigaWord.sample.PETR.xml) and the CASE 2021 task 2 snippets
// (case2021-task2/test_set_final_release_with_labels.tsv). There is no gold attribution, so this
// prints the distribution of statuses and cues and asserts only invariants that must hold on any
// text. Skipped when the corpus is absent.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>

#include "attribution/attribution.h"
#include "coding/news_corpus.h"
#include "events/coder.h"
#include "pipeline/analyzer.h"

namespace sitrep::attribution {
namespace {

// Runs analysis, coding and attribution over `texts`, checks the invariants
// and prints the distribution of statuses and cues under `label`.
void CheckCorpus(const std::string& label, const std::vector<std::string>& texts) {
  auto analyzer = Analyzer::Create({});
  ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
  auto coder = events::CreateCoder({});
  ASSERT_TRUE(coder.ok()) << coder.status().ToString();
  AttributionStage stage;

  std::map<std::string, int> statuses, cues;
  int events = 0, with_source = 0, with_mention = 0;
  for (const std::string& text : texts) {
    Document doc;
    doc.text = text;
    ASSERT_TRUE((*analyzer)->Analyze(doc).ok());
    ASSERT_TRUE((*coder)->Code(doc).ok());
    Status st = stage.Process(doc);
    ASSERT_TRUE(st.ok()) << st.ToString();
    for (const Event& e : doc.events) {
      ++events;
      const Attribution& a = e.attribution;
      const char* name = AttributionStatusName(a.status);
      ++statuses[name];
      ASSERT_LE(a.begin, a.end);
      ASSERT_LE(a.end, doc.text.size());
      ASSERT_LE(a.cue_begin, a.cue_end);
      ASSERT_LE(a.cue_end, doc.text.size());
      const bool source = a.end > a.begin;
      with_source += source;
      // Only a stated source can claim, report or deny.
      if (a.status == AttributionStatus::kClaimed || a.status == AttributionStatus::kReported ||
          a.status == AttributionStatus::kDenied) {
        EXPECT_TRUE(source) << name << " without a source: " << text;
      }
      if (a.status == AttributionStatus::kAsserted) {
        EXPECT_FALSE(source) << "asserted with a source: " << text;
        EXPECT_EQ(a.cue_end, a.cue_begin);
      } else {
        EXPECT_LT(a.cue_begin, a.cue_end) << name << " without a cue: " << text;
        std::string cue(doc.Slice(a.cue_begin, a.cue_end));
        for (char& c : cue) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        ++cues[cue];
      }
      // The source lies in one sentence: the event's own, or (quotations,
      // "He added:") a neighbouring one; never across a sentence boundary.
      if (source) {
        bool inside = false;
        for (size_t s = 0; s < doc.sentences.size(); ++s) {
          const Sentence& x = doc.sentences[s];
          if (a.begin >= x.begin && a.end <= x.end) {
            inside = true;
            EXPECT_LE(s > e.sentence ? s - e.sentence : e.sentence - s, 3u) << text;
          }
        }
        EXPECT_TRUE(inside) << "source crosses a sentence boundary: " << text;
        // The source is never the event's own trigger.
        uint32_t tb = doc.tokens[e.trigger_head].begin;
        EXPECT_FALSE(tb >= a.begin && tb < a.end) << "source contains the trigger: " << text;
      }
      if (a.mention >= 0) {
        ++with_mention;
        ASSERT_LT(static_cast<size_t>(a.mention), doc.mentions.size());
        uint32_t h = doc.tokens[doc.mentions[a.mention].head].begin;
        EXPECT_TRUE(h >= a.begin && h < a.end) << "source mention outside its phrase: " << text;
      }
    }
  }
  std::cout << label << ": " << texts.size() << " documents, " << events << " events, "
            << with_source << " with a source (" << with_mention << " with an actor mention)\n";
  for (const auto& [name, n] : statuses) std::cout << "  status " << name << ": " << n << "\n";
  for (const auto& [cue, n] : cues) {
    if (n >= 2) std::cout << "  cue \"" << cue << "\": " << n << "\n";
  }
  EXPECT_GT(events, 20);
  // Wire text is full of "said": a run that finds no source at all is broken.
  EXPECT_GT(statuses["reported"] + statuses["claimed"], 0);
}

TEST(AttributionCorpusTest, GigaWordSampleInvariantsAndDistribution) {
  const std::string path =
      std::string(SITREP_CORPORA_DIR) + "/petrarch2/text/GigaWord.sample.PETR.xml";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "no GigaWord sample at " << path << " (../shared/corpora absent)";
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::string> texts = PetrarchRecordTexts(ss.str());
  ASSERT_GT(texts.size(), 10u) << "GigaWord sample has too few records";
  CheckCorpus("GigaWord sample", texts);
}

// CASE 2021 task 2 (fine-grained event classification): ~1,000 news snippets
// about protests and armed conflict, many with sources and claims.
TEST(AttributionCorpusTest, Case2021SnippetsInvariantsAndDistribution) {
  const std::string path =
      std::string(SITREP_CORPORA_DIR) + "/case2021-task2/test_set_final_release_with_labels.tsv";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << "no CASE 2021 snippets at " << path << " (../shared/corpora absent)";
  std::vector<std::string> texts;
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    size_t a = line.find('\t');
    size_t b = a == std::string::npos ? a : line.find('\t', a + 1);
    if (header || b == std::string::npos) {
      header = false;
      continue;
    }
    texts.push_back(line.substr(a + 1, b - a - 1));
  }
  ASSERT_GT(texts.size(), 100u) << "CASE 2021 file has too few snippets";
  CheckCorpus("CASE 2021 snippets", texts);
}

}  // namespace
}  // namespace sitrep::attribution

// The run-time scorers (compact move lines, prefetching label scorer) must
// give exactly the scores of a straightforward scorer over the serialised
// arrays (binary search in the sorted keys, one feature at a time, in feature
// order), so that parses never change with the in-memory layout. Checked on
// the committed model with random and real feature vectors, on EWT sentences
// (skipped when the corpus is absent), and on a model whose weights are not
// float16 (the fallback table).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <random>

#include "core/binary_io.h"
#include "core/conllu.h"
#include "parse/jackknife.h"
#include "parse/parser.h"
#include "parse/parser_internal.h"
#include "tag/tagger.h"

namespace sitrep {
namespace {

using parse_internal::kMaxLabelFeatures;
using parse_internal::kMaxMoveFeatures;
using parse_internal::kNumMoves;
using parse_internal::Model;

std::string ModelPath() { return std::string(SITREP_SOURCE_DIR) + "/models/en_ewt.sitrep"; }

void ReferenceMoves(const Model& m, const uint32_t* f, int nf, float* scores) {
  float s[kNumMoves] = {0, 0, 0};
  for (int i = 0; i < nf; ++i) {
    auto it = std::lower_bound(m.move_keys.begin(), m.move_keys.end(), f[i]);
    if (it == m.move_keys.end() || *it != f[i]) continue;
    size_t k = static_cast<size_t>(it - m.move_keys.begin());
    for (int c = 0; c < kNumMoves; ++c) s[c] += m.move_weights[k * kNumMoves + c];
  }
  for (int c = 0; c < kNumMoves; ++c) scores[c] = s[c];
}

void ReferenceLabels(const Model& m, const uint32_t* f, int nf, std::vector<float>* scores) {
  scores->assign(m.labels.size(), 0.0f);
  for (int i = 0; i < nf; ++i) {
    auto it = std::lower_bound(m.label_keys.begin(), m.label_keys.end(), f[i]);
    if (it == m.label_keys.end() || *it != f[i]) continue;
    size_t k = static_cast<size_t>(it - m.label_keys.begin());
    for (uint32_t j = m.label_offsets[k]; j < m.label_offsets[k + 1]; ++j)
      (*scores)[m.label_weights[j].label] += m.label_weights[j].w;
  }
}

// Compares both scorers on one move and one label feature vector.
void ExpectSameScores(const Model& m, const uint32_t* mf, int nmf, const uint32_t* lf, int nlf) {
  float fast[kNumMoves], ref[kNumMoves];
  m.ScoreMoves(mf, nmf, fast);
  ReferenceMoves(m, mf, nmf, ref);
  for (int c = 0; c < kNumMoves; ++c) ASSERT_EQ(fast[c], ref[c]) << "move " << c;
  float fast_labels[256];
  std::vector<float> ref_labels;
  m.ScoreLabels(lf, nlf, fast_labels);
  ReferenceLabels(m, lf, nlf, &ref_labels);
  for (size_t k = 0; k < ref_labels.size(); ++k) ASSERT_EQ(fast_labels[k], ref_labels[k]) << k;
}

std::unique_ptr<Parser> LoadCommitted() {
  auto file = ReadModelFile(ModelPath());
  if (!file.ok()) return nullptr;
  auto section = file->Section("parser");
  if (!section.ok()) return nullptr;
  auto parser = Parser::Load(*section);
  return parser.ok() ? std::move(*parser) : nullptr;
}

TEST(ParserScorer, HalfConversionIsExact) {
  for (uint32_t h = 0; h < 0x10000; ++h) {
    if ((h & 0x7C00u) == 0x7C00u) continue;  // inf / NaN are never in the lines
    float a = parse_internal::HalfToFloat(static_cast<uint16_t>(h));
    float b = parse_internal::HalfToFloatFast(static_cast<uint16_t>(h));
    ASSERT_EQ(std::memcmp(&a, &b, 4), 0) << std::hex << h;
  }
}

TEST(ParserScorer, CommittedModelRandomFeatures) {
  std::unique_ptr<Parser> parser = LoadCommitted();
  ASSERT_NE(parser, nullptr) << ModelPath();
  const Model& m = parser->model();
  ASSERT_NE(m.move_line_bits, 0u) << "the committed model should use the compact move lines";
  std::mt19937 rng(7);
  uint32_t mf[kMaxMoveFeatures], lf[kMaxLabelFeatures];
  for (int round = 0; round < 20000; ++round) {
    // Half known keys (hits), half random ones (mostly misses, some probing
    // full lines), random lengths.
    const int nmf = static_cast<int>(rng() % (kMaxMoveFeatures + 1));
    const int nlf = static_cast<int>(rng() % (kMaxLabelFeatures + 1));
    for (int i = 0; i < nmf; ++i)
      mf[i] = rng() % 2 ? m.move_keys[rng() % m.move_keys.size()] : static_cast<uint32_t>(rng());
    for (int i = 0; i < nlf; ++i)
      lf[i] = rng() % 2 ? m.label_keys[rng() % m.label_keys.size()] : static_cast<uint32_t>(rng());
    ExpectSameScores(m, mf, nmf, lf, nlf);
    if (HasFatalFailure()) return;
  }
  // Every stored move key is found with its own weights.
  for (size_t i = 0; i < m.move_keys.size(); ++i) {
    float s[kNumMoves];
    m.ScoreMoves(&m.move_keys[i], 1, s);
    for (int c = 0; c < kNumMoves; ++c) ASSERT_EQ(s[c], m.move_weights[i * kNumMoves + c]) << i;
  }
}

// Parses with the reference scorers, step by step beside the real parser's
// scorers, and checks the final parse equals Parser::Parse's.
TEST(ParserScorer, CommittedModelEwtSentences) {
  const std::string path = std::string(SITREP_CORPORA_DIR) + "/ud-english-ewt/en_ewt-ud-dev.conllu";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " not found (SITREP_CORPORA_DIR)";
  auto file = ReadModelFile(ModelPath());
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  auto tagger = Tagger::Load(*file->Section("tagger"));
  ASSERT_TRUE(tagger.ok()) << tagger.status().ToString();
  std::unique_ptr<Parser> parser = LoadCommitted();
  ASSERT_NE(parser, nullptr);
  const Model& m = parser->model();
  std::string tmod = "obl:tmod";
  for (const std::string& l : m.labels)
    if (l == "obl:unmarked") tmod = l;
  auto gold = ReadConllu(path);
  ASSERT_TRUE(gold.ok());
  std::vector<ConlluSentence> sample(gold->begin(),
                                     gold->begin() + std::min<size_t>(400, gold->size()));
  Document doc = DocumentFromConllu(RetagSentences(**tagger, sample), /*keep_annotation=*/true);

  parse_internal::Words words;
  parse_internal::State st;
  uint32_t mf[kMaxMoveFeatures], lf[kMaxLabelFeatures];
  size_t steps = 0;
  for (const Sentence& s : doc.sentences) {
    const int n = static_cast<int>(s.size());
    words.Resize(n);
    for (int i = 1; i <= n; ++i) {
      const Token& t = doc.tokens[s.token_begin + i - 1];
      words.Set(i, doc.Form(t), t.upos, t.xpos, t.lemma);
    }
    words.Finish();
    st.Reset(n);
    while (!st.Terminal()) {
      const int nmf = parse_internal::MoveFeatures(words, st, mf);
      float ref[kNumMoves];
      ReferenceMoves(m, mf, nmf, ref);
      int best = -1;
      for (int c = 0; c < kNumMoves; ++c)
        if (st.Legal(c) && (best < 0 || ref[c] > ref[best])) best = c;
      int label = parse_internal::kNoLabel;
      int nlf = 0;
      if (best != parse_internal::kShift) {
        int h, d;
        st.ArcOf(best, &h, &d);
        nlf = parse_internal::LabelFeatures(words, st, h, d, lf);
        std::vector<float> ls;
        ReferenceLabels(m, lf, nlf, &ls);
        label = m.root_label;
        if (h != 0) {
          int b = -1;
          for (int k = 0; k < static_cast<int>(ls.size()); ++k)
            if (k != m.root_label && (b < 0 || ls[k] > ls[b])) b = k;
          if (b >= 0) label = b;
        }
      }
      ExpectSameScores(m, mf, nmf, lf, nlf);
      if (HasFatalFailure()) return;
      st.Apply(best, label);
      ++steps;
    }
    // The reference decode, with Parse()'s post-rules applied to it.
    for (int i = 1; i <= n; ++i) {
      Token& t = doc.tokens[s.token_begin + i - 1];
      t.head = st.head[i];
      t.deprel = m.labels[st.label[i]];
    }
    ApplyPostRules(doc, s, tmod);
    std::vector<std::pair<int32_t, std::string>> want;
    for (int i = 1; i <= n; ++i) {
      const Token& t = doc.tokens[s.token_begin + i - 1];
      want.emplace_back(t.head, t.deprel);
    }
    parser->Parse(doc, s);
    for (int i = 1; i <= n; ++i) {
      const Token& t = doc.tokens[s.token_begin + i - 1];
      ASSERT_EQ(t.head, want[i - 1].first);
      ASSERT_EQ(t.deprel, want[i - 1].second);
    }
  }
  EXPECT_GT(steps, 10000u);
}

// Weights that are not float16 (not produced by the trainer, but legal for
// a Model) take the plain float table, with the same scores.
TEST(ParserScorer, NonHalfWeightsUseFallbackTable) {
  Model m;
  m.labels = {"root", "nsubj", "obj"};
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> weight(-3, 3);
  for (uint32_t k = 1; k < 5000; ++k) {
    m.move_keys.push_back(k * 7919u);
    for (int c = 0; c < kNumMoves; ++c) m.move_weights.push_back(weight(rng));
  }
  m.label_offsets.push_back(0);
  m.BuildTables();
  EXPECT_EQ(m.move_line_bits, 0u);
  uint32_t mf[kMaxMoveFeatures];
  for (int round = 0; round < 2000; ++round) {
    const int nmf = static_cast<int>(rng() % (kMaxMoveFeatures + 1));
    for (int i = 0; i < nmf; ++i) mf[i] = rng() % 2 ? (rng() % 6000 + 1) * 7919u : rng();
    ExpectSameScores(m, mf, nmf, mf, 0);
    if (HasFatalFailure()) return;
  }
  // The same model rounded to float16 takes the compact lines.
  for (float& w : m.move_weights) w = parse_internal::HalfToFloat(parse_internal::FloatToHalf(w));
  m.BuildTables();
  EXPECT_NE(m.move_line_bits, 0u);
  for (int round = 0; round < 2000; ++round) {
    const int nmf = static_cast<int>(rng() % (kMaxMoveFeatures + 1));
    for (int i = 0; i < nmf; ++i) mf[i] = rng() % 2 ? (rng() % 6000 + 1) * 7919u : rng();
    ExpectSameScores(m, mf, nmf, mf, 0);
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace sitrep

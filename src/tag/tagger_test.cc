#include "tag/tagger.h"

#include "core/binary_io.h"
#include "tag/tagger_golden.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

namespace sitrep {
namespace {

// A tiny hand-written treebank: (form, lemma, UPOS, XPOS) per word.
struct W {
  const char* form;
  const char* lemma;
  const char* upos;
  const char* xpos;
};

ConlluSentence Sent(std::initializer_list<W> words) {
  ConlluSentence s;
  for (const W& w : words) {
    ConlluWord cw;
    cw.form = w.form;
    cw.lemma = w.lemma;
    cw.upos = w.upos;
    cw.xpos = w.xpos;
    s.words.push_back(cw);
  }
  return s;
}

std::vector<ConlluSentence> TinyTreebank() {
  return {
      Sent({{"Rebels", "rebel", "NOUN", "NNS"},
            {"attacked", "attack", "VERB", "VBD"},
            {"the", "the", "DET", "DT"},
            {"town", "town", "NOUN", "NN"},
            {".", ".", "PUNCT", "."}}),
      Sent({{"Troops", "troop", "NOUN", "NNS"},
            {"shelled", "shell", "VERB", "VBD"},
            {"a", "a", "DET", "DT"},
            {"village", "village", "NOUN", "NN"},
            {"in", "in", "ADP", "IN"},
            {"Homs", "Homs", "PROPN", "NNP"},
            {".", ".", "PUNCT", "."}}),
      Sent({{"He", "he", "PRON", "PRP"},
            {"'s", "be", "AUX", "VBZ"},
            {"gone", "go", "VERB", "VBN"},
            {".", ".", "PUNCT", "."}}),
      Sent({{"The", "the", "DET", "DT"},
            {"police", "police", "NOUN", "NNS"},
            {"said", "say", "VERB", "VBD"},
            {"gunmen", "gunman", "NOUN", "NNS"},
            {"killed", "kill", "VERB", "VBD"},
            {"four", "four", "NUM", "CD"},
            {"officers", "officer", "NOUN", "NNS"},
            {".", ".", "PUNCT", "."}}),
      Sent({{"Militants", "militant", "NOUN", "NNS"},
            {"were", "be", "AUX", "VBD"},
            {"killing", "kill", "VERB", "VBG"},
            {"civilians", "civilian", "NOUN", "NNS"},
            {"in", "in", "ADP", "IN"},
            {"Hama", "Hama", "PROPN", "NNP"},
            {".", ".", "PUNCT", "."}}),
  };
}

std::unique_ptr<Tagger> TrainTiny() {
  TaggerTrainOptions opt;
  opt.epochs = 10;
  opt.restrict_min_count = 1000;
  opt.ambiguity_min_count = 1;
  auto t = TrainTagger(TinyTreebank(), {}, opt, nullptr);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : nullptr;
}

TEST(TaggerTest, LearnsItsTrainingSentences) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  TaggerScores s = EvaluateTagger(*tagger, TinyTreebank());
  EXPECT_EQ(s.tokens, 31u);
  EXPECT_DOUBLE_EQ(s.upos, 100.0);
  EXPECT_DOUBLE_EQ(s.xpos, 100.0);
  EXPECT_DOUBLE_EQ(s.lemma, 100.0);

  std::vector<Upos> upos;
  std::vector<std::string> xpos, lemmas;
  tagger->TagWords({"He", "'s", "gone", "."}, &upos, &xpos, &lemmas);
  EXPECT_EQ(upos, (std::vector<Upos>{Upos::kPron, Upos::kAux, Upos::kVerb, Upos::kPunct}));
  EXPECT_EQ(xpos, (std::vector<std::string>{"PRP", "VBZ", "VBN", "."}));
  EXPECT_EQ(lemmas, (std::vector<std::string>{"he", "be", "go", "."}));
}

TEST(TaggerTest, LemmatizesUnseenWordsWithSuffixRules) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::vector<Upos> upos;
  std::vector<std::string> xpos, lemmas;
  // "guards" is unseen; if tagged NNS, the rule learned from "rebels",
  // "troops" and "officers" strips the "s".
  tagger->TagWords({"Rebels", "attacked", "the", "guards", "."}, &upos, &xpos, &lemmas);
  ASSERT_EQ(xpos.size(), 5u);
  if (xpos[3] == "NNS") {
    EXPECT_EQ(lemmas[3], "guard");
  }
  EXPECT_EQ(lemmas[1], "attack");
}

TEST(TaggerTest, TagsADocumentSentence) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  Document doc;
  doc.text = "Troops shelled a village in Homs.";
  auto add = [&](uint32_t b, uint32_t e) {
    Token t;
    t.begin = b;
    t.end = e;
    doc.tokens.push_back(t);
  };
  add(0, 6);
  add(7, 14);
  add(15, 16);
  add(17, 24);
  add(25, 27);
  add(28, 32);
  add(32, 33);
  Sentence sent;
  sent.end = 33;
  sent.token_end = 7;
  doc.sentences.push_back(sent);
  tagger->Tag(doc, doc.sentences[0]);
  EXPECT_EQ(doc.tokens[1].upos, Upos::kVerb);
  EXPECT_EQ(doc.tokens[1].xpos, "VBD");
  EXPECT_EQ(doc.tokens[1].lemma, "shell");
  EXPECT_EQ(doc.tokens[5].upos, Upos::kPropn);
  EXPECT_EQ(doc.tokens[5].lemma, "Homs");
}

TEST(TaggerTest, EmptyInputs) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::vector<Upos> upos{Upos::kNoun};
  tagger->TagWords({}, &upos, nullptr, nullptr);
  EXPECT_TRUE(upos.empty());
  tagger->TagWords({""}, &upos, nullptr, nullptr);  // an empty form must not crash
  EXPECT_EQ(upos.size(), 1u);
  EXPECT_FALSE(TrainTagger({}, {}, {}, nullptr).ok());
}

TEST(TaggerTest, SerializationRoundTrip) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::string bytes = tagger->Serialize();
  auto loaded = Tagger::Load(bytes);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)->Serialize(), bytes);
  std::vector<std::string_view> words = {"Troops", "killed", "four", "rebels", "in", "Idlib", "."};
  std::vector<Upos> u1, u2;
  std::vector<std::string> x1, x2, l1, l2;
  tagger->TagWords(words, &u1, &x1, &l1);
  (*loaded)->TagWords(words, &u2, &x2, &l2);
  EXPECT_EQ(u1, u2);
  EXPECT_EQ(x1, x2);
  EXPECT_EQ(l1, l2);
}

// A version-1 section (no known lemmas, no main-verb flag at the end) still
// loads and tags like the version-2 one (minus the lemma respelling).
TEST(TaggerTest, LoadsVersionOneSections) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::string bytes = tagger->Serialize();
  // The section ends with the known-lemma vector (8-byte count, then 8 bytes
  // per lemma) and the 1-byte flag: find the count k with the k hashes after it.
  size_t k = 0;
  bool found = false;
  for (; k < 100000 && 9 + 8 * k <= bytes.size(); ++k) {
    uint64_t n = 0;
    std::memcpy(&n, bytes.data() + bytes.size() - 9 - 8 * k, 8);
    if (n == k) {
      found = true;
      break;
    }
  }
  ASSERT_TRUE(found);
  std::string v1 = bytes.substr(0, bytes.size() - 9 - 8 * k);
  v1[4] = 1;
  auto loaded = Tagger::Load(v1);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  std::vector<std::string> x1, x2;
  tagger->TagWords({"Troops", "killed", "four", "rebels", "."}, nullptr, &x1, nullptr);
  (*loaded)->TagWords({"Troops", "killed", "four", "rebels", "."}, nullptr, &x2, nullptr);
  EXPECT_EQ(x1, x2);
}

TEST(TaggerTest, TrainingIsDeterministic) {
  auto a = TrainTiny();
  auto b = TrainTiny();
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->Serialize(), b->Serialize());
}

TEST(TaggerTest, RefusesCorruptSections) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  std::string bytes = tagger->Serialize();
  EXPECT_EQ(Tagger::Load("").status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(Tagger::Load("nonsense bytes").status().code(), StatusCode::kDataLoss);
  // Truncated anywhere.
  for (size_t cut : {size_t{3}, size_t{8}, size_t{20}, bytes.size() / 2, bytes.size() - 1}) {
    auto r = Tagger::Load(std::string_view(bytes).substr(0, cut));
    EXPECT_FALSE(r.ok()) << "cut at " << cut;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  }
  // Unknown version.
  std::string v = bytes;
  v[4] = 99;
  EXPECT_EQ(Tagger::Load(v).status().code(), StatusCode::kDataLoss);
  // Trailing garbage.
  EXPECT_EQ(Tagger::Load(bytes + "x").status().code(), StatusCode::kDataLoss);
  // A flipped byte anywhere never crashes (it may or may not be detected).
  for (size_t i = 8; i < bytes.size(); ++i) {
    std::string c = bytes;
    c[i] = static_cast<char>(c[i] ^ 0x5a);
    auto r = Tagger::Load(c);
    if (r.ok()) (*r)->TagWords({"Rebels", "attacked", "."}, nullptr, nullptr, nullptr);
  }
}

TEST(TaggerGoldenTest, ParsesChecksAndRejectsMalformedLines) {
  auto g = ParseTagGolden("# comment\n\nn1\tTroops|NNS|troop attacked|VBD the town .\r\n");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->size(), 1u);
  const GoldenSentence& s = (*g)[0];
  EXPECT_EQ(s.id, "n1");
  EXPECT_EQ(s.words, (std::vector<std::string>{"Troops", "attacked", "the", "town", "."}));
  ASSERT_EQ(s.checks.size(), 2u);
  EXPECT_EQ(s.checks[0].word, 0u);
  EXPECT_EQ(s.checks[0].xpos, "NNS");
  EXPECT_EQ(s.checks[0].lemma, "troop");
  EXPECT_EQ(s.checks[1].word, 1u);
  EXPECT_EQ(s.checks[1].xpos, "VBD");
  EXPECT_EQ(s.checks[1].lemma, "");
  EXPECT_FALSE(ParseTagGolden("no tab here\n").ok());
  EXPECT_FALSE(ParseTagGolden("n1\tTroops  attacked\n").ok());  // empty token
  EXPECT_FALSE(ParseTagGolden("n1\tTroops| attacked\n").ok());  // empty tag
  EXPECT_FALSE(ParseTagGolden("n1\ta|B|c|d\n").ok());
}

TEST(TaggerGoldenTest, EvaluatesAndListsMisses) {
  auto tagger = TrainTiny();
  ASSERT_NE(tagger, nullptr);
  auto g = ParseTagGolden("n1\tRebels|NNS|rebel attacked|VBD|attack the|NN town .\n");
  ASSERT_TRUE(g.ok());
  GoldenReport r = EvaluateTagGolden(*tagger, *g);
  EXPECT_EQ(r.xpos_checked, 3u);
  EXPECT_EQ(r.xpos_ok, 2u);
  EXPECT_EQ(r.lemma_checked, 2u);
  EXPECT_EQ(r.lemma_ok, 2u);
  ASSERT_EQ(r.misses.size(), 1u);
  EXPECT_EQ(r.misses[0].rfind("n1 the: DT (want NN)", 0), 0u) << r.misses[0];
}

// The committed news set parses and is big enough (it is scored by the slow
// tagger_ewt_test, which needs the EWT corpus).
TEST(TaggerGoldenTest, NewsSetParses) {
  auto text = ReadFileToString(std::string(SITREP_SOURCE_DIR) + "/tests/golden/tag/news.tsv");
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  auto g = ParseTagGolden(*text);
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  EXPECT_GE(g->size(), 60u);
  size_t checks = 0;
  for (const auto& s : *g) checks += s.checks.size();
  EXPECT_GE(checks, 150u);
  auto held =
      ReadFileToString(std::string(SITREP_SOURCE_DIR) + "/tests/golden/tag/news_heldout.tsv");
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  auto h = ParseTagGolden(*held);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_GE(h->size(), 30u);
}

}  // namespace
}  // namespace sitrep

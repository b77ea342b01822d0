#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "core/binary_io.h"
#include "text/pathological_units.h"

namespace sitrep {
namespace {

std::unique_ptr<Tokenizer> RulesOnly() {
  auto tok = Tokenizer::Create(TokenizerOptions{});
  EXPECT_TRUE(tok.ok());
  return std::move(tok).value();
}

// "sentence one tokens | ... \n ..." with a blank line between paragraphs.
std::string Render(const Document& doc) {
  std::string out;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    if (i > 0 && s.paragraph != doc.sentences[i - 1].paragraph) out += "\n";
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      if (t > s.token_begin) out += " | ";
      out += std::string(doc.Form(doc.tokens[t]));
    }
    out += "\n";
  }
  return out;
}

std::vector<std::string> Forms(const Document& doc) {
  std::vector<std::string> v;
  for (const Token& t : doc.tokens) v.emplace_back(doc.Form(t));
  return v;
}

Document Tokenize(const Tokenizer& tok, std::string text) {
  Document doc;
  doc.text = std::move(text);
  EXPECT_TRUE(tok.Process(doc).ok());
  return doc;
}

// Checks the structural invariants every output must satisfy.
void CheckInvariants(const Document& doc) {
  uint32_t prev_end = 0;
  for (const Token& t : doc.tokens) {
    ASSERT_LT(t.begin, t.end);
    ASSERT_LE(t.end, doc.text.size());
    ASSERT_GE(t.begin, prev_end);
    prev_end = t.end;
  }
  uint32_t next = 0;
  for (const Sentence& s : doc.sentences) {
    ASSERT_EQ(s.token_begin, next);
    ASSERT_LT(s.token_begin, s.token_end);
    next = s.token_end;
    ASSERT_EQ(s.begin, doc.tokens[s.token_begin].begin);
    ASSERT_EQ(s.end, doc.tokens[s.token_end - 1].end);
  }
  ASSERT_EQ(next, doc.tokens.size());
}

// Every tests/golden/tokenize/NAME.txt is tokenized and compared with
// NAME.expected (one sentence per line, tokens separated by " | ", a blank
// line between paragraphs). Set SITREP_UPDATE_GOLDEN=1 to rewrite the
// expected files after a deliberate change.
TEST(TokenizerGoldenTest, AllFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(SITREP_SOURCE_DIR) / "tests/golden/tokenize";
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  auto tok = RulesOnly();
  bool update = std::getenv("SITREP_UPDATE_GOLDEN") != nullptr;
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++n;
    auto text = ReadFileToString(entry.path().string());
    ASSERT_TRUE(text.ok());
    Document doc = Tokenize(*tok, *text);
    CheckInvariants(doc);
    std::string got = Render(doc);
    fs::path expected_path = entry.path();
    expected_path.replace_extension(".expected");
    if (update) {
      ASSERT_TRUE(WriteStringToFile(expected_path.string(), got).ok());
      continue;
    }
    auto expected = ReadFileToString(expected_path.string());
    ASSERT_TRUE(expected.ok()) << "missing " << expected_path;
    EXPECT_EQ(got, *expected) << "golden mismatch for " << entry.path().filename();
  }
  EXPECT_GT(n, 10);
}

TEST(TokenizerTest, ContractionsAreByteSubSpans) {
  auto tok = RulesOnly();
  Document doc = Tokenize(*tok, "I don't know.");
  ASSERT_EQ(Forms(doc), (std::vector<std::string>{"I", "do", "n't", "know", "."}));
  EXPECT_EQ(doc.tokens[1].begin, 2u);
  EXPECT_EQ(doc.tokens[1].end, 4u);
  EXPECT_TRUE(doc.tokens[1].norm.empty());
  EXPECT_FALSE(doc.tokens[1].space_after);
  EXPECT_TRUE(doc.tokens[2].space_after);
  EXPECT_FALSE(doc.tokens[3].space_after);
  EXPECT_FALSE(doc.tokens[4].space_after);  // end of text
}

TEST(TokenizerTest, EwtContractions) {
  auto tok = RulesOnly();
  EXPECT_EQ(Forms(Tokenize(*tok, "can't won't cannot gonna I'm we'll they've")),
            (std::vector<std::string>{"ca", "n't", "wo", "n't", "can", "not", "gon", "na", "I",
                                      "'m", "we", "'ll", "they", "'ve"}));
  EXPECT_EQ(Forms(Tokenize(*tok, "Assad\xE2\x80\x99s men")),
            (std::vector<std::string>{"Assad", "\xE2\x80\x99s", "men"}));
  EXPECT_EQ(Forms(Tokenize(*tok, "in the '80s and O'Neill's")),
            (std::vector<std::string>{"in", "the", "'80s", "and", "O'Neill", "'s"}));
}

TEST(TokenizerTest, Hyphens) {
  auto tok = RulesOnly();
  EXPECT_EQ(Forms(Tokenize(*tok, "search-engine e-mail al-Raqqa 713-853-3989 5-3")),
            (std::vector<std::string>{"search", "-", "engine", "e-mail", "al-Raqqa", "713-853-3989",
                                      "5", "-", "3"}));
}

TEST(TokenizerTest, UrlsEmailsHandles) {
  auto tok = RulesOnly();
  EXPECT_EQ(Forms(Tokenize(*tok, "(https://example.org/a?b=c), press@example.org. @UN #Syria #1")),
            (std::vector<std::string>{"(", "https://example.org/a?b=c", ")", ",",
                                      "press@example.org", ".", "@UN", "#Syria", "#", "1"}));
}

TEST(TokenizerTest, ParagraphsAndWrappedLines) {
  auto tok = RulesOnly();
  Document doc =
      Tokenize(*tok, "Headline without stop\n\nFirst line\nwraps here. Second one.\n \n\nLast");
  ASSERT_EQ(doc.sentences.size(), 4u);
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[1].paragraph, 1u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
  EXPECT_EQ(doc.sentences[3].paragraph, 2u);
  EXPECT_EQ(doc.Slice(doc.sentences[1].begin, doc.sentences[1].end), "First line\nwraps here.");
}

TEST(TokenizerTest, ClearsPreviousAnalysis) {
  auto tok = RulesOnly();
  Document doc = Tokenize(*tok, "One. Two.");
  ASSERT_TRUE(tok->Process(doc).ok());
  EXPECT_EQ(doc.sentences.size(), 2u);
  EXPECT_EQ(doc.tokens.size(), 4u);
  doc.text.clear();
  ASSERT_TRUE(tok->Process(doc).ok());
  EXPECT_TRUE(doc.tokens.empty());
  EXPECT_TRUE(doc.sentences.empty());
}

// The estimate is an upper bound of the real count on ordinary text and
// counts every punctuation byte; over the limit a document is refused before
// any token array grows, with the estimate in the message.
TEST(TokenizerTest, DocumentsOverTheTokenLimitAreRefused) {
  const std::string news =
      "Gunmen killed 4 officers in Kandahar, police said. The U.S. embassy "
      "(in Kabul) condemned the attack -- its 3rd this year.";
  auto rules = RulesOnly();
  Document real = Tokenize(*rules, news);
  EXPECT_GE(EstimateTokens(news), real.tokens.size());
  EXPECT_LE(EstimateTokens(news), real.tokens.size() * 3 / 2);
  EXPECT_EQ(EstimateTokens("(((( ))"), 6u);
  EXPECT_EQ(EstimateTokens("caf\xC3\xA9 na\xC3\xAFve"), 2u);
  EXPECT_EQ(EstimateTokens(""), 0u);

  TokenizerOptions options;
  options.max_document_tokens = 100;
  auto tok = Tokenizer::Create(options);
  ASSERT_TRUE(tok.ok());
  Document doc;
  doc.text = std::string(101, '(');
  const Status st = (*tok)->Process(doc);
  EXPECT_EQ(st.code(), StatusCode::kResourceExhausted) << st.ToString();
  EXPECT_NE(st.message().find("about 101 tokens"), std::string::npos) << st.ToString();
  EXPECT_TRUE(doc.tokens.empty());
  doc.text = std::string(100, '(');
  EXPECT_TRUE((*tok)->Process(doc).ok());
  EXPECT_EQ(doc.tokens.size(), 100u);
}

TEST(TokenizerTest, LongSentencesAreCut) {
  TokenizerOptions options;
  options.max_sentence_tokens = 50;
  auto tok = Tokenizer::Create(options);
  ASSERT_TRUE(tok.ok());
  std::string text;
  for (int i = 0; i < 1000; ++i) text += (i % 7 == 6) ? "word, " : "word ";
  Document doc = Tokenize(**tok, text);
  CheckInvariants(doc);
  for (const Sentence& s : doc.sentences) EXPECT_LE(s.size(), 50u);
}

TEST(TokenizerTest, SerializeRoundTrip) {
  auto tok = RulesOnly();
  std::string section = tok->Serialize();
  auto again = Tokenizer::Create(TokenizerOptions{}, section);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ((*again)->Serialize(), section);
  EXPECT_EQ((*again)->data().abbreviations.size(), tok->data().abbreviations.size());
}

TEST(TokenizerTest, MalformedSectionIsDataLoss) {
  auto tok = RulesOnly();
  std::string section = tok->Serialize();
  for (size_t cut : {size_t{3}, size_t{10}, section.size() / 2, section.size() - 1}) {
    auto bad = Tokenizer::Create(TokenizerOptions{}, section.substr(0, cut));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  }
  std::string wrong = section;
  wrong[0] = 'X';
  EXPECT_EQ(Tokenizer::Create(TokenizerOptions{}, wrong).status().code(), StatusCode::kDataLoss);
  auto trailing = Tokenizer::Create(TokenizerOptions{}, section + "x");
  EXPECT_EQ(trailing.status().code(), StatusCode::kDataLoss);
}

TEST(TokenizerTest, RandomBytesDoNotCrash) {
  auto tok = RulesOnly();
  std::mt19937 rng(7);
  const char alphabet[] = "aZ9 .,'\"-()\n\t!?:;@#/&$%\xE2\x80\x99\xC3\xA9\xFF";
  for (int round = 0; round < 300; ++round) {
    Document doc;
    size_t n = rng() % 400;
    for (size_t i = 0; i < n; ++i) {
      if (rng() % 4 == 0) {
        doc.text += static_cast<char>(rng() % 256);  // arbitrary, even ill-formed bytes
      } else {
        doc.text += alphabet[rng() % (sizeof alphabet - 1)];
      }
    }
    ASSERT_TRUE(tok->Process(doc).ok());
    CheckInvariants(doc);
  }
}

// Pathological inputs (long runs of one tricky unit) tokenize with the
// invariants intact. Their cost is linear: measured, not asserted here, by
// BM_TokenizePathological in bench/stages_benchmark.cc (its BigO line).
TEST(TokenizerTest, PathologicalInputsKeepInvariants) {
  auto tok = RulesOnly();
  for (std::string_view unit : kPathologicalUnits) {
    std::string text;
    while (text.size() < 400000) text += unit;
    Document doc;
    doc.text = text;
    ASSERT_TRUE(tok->Process(doc).ok()) << "unit " << unit;
    CheckInvariants(doc);
  }
}

}  // namespace
}  // namespace sitrep

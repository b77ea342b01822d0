// Fuzz-style tests: random and mutated bytes fed as plain text and as JSON
// Lines, directly and through DocumentReader with small size limits. Checks:
// no crash, every output string is valid UTF-8 without NUL, offsets in range.
// Deterministic (fixed seeds) so that a failure can be replayed.
#include <algorithm>
#include <cstdio>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "core/utf8.h"
#include "io/formats.h"
#include "io/reader.h"

namespace sitrep {
namespace {

// Bytes that make interesting inputs: JSON syntax, whitespace, newlines,
// UTF-8 lead and continuation bytes, NUL, a BOM piece.
constexpr unsigned char kAlphabet[] = {'{',  '}',  '[',  ']',  '"',  ':',  ',',  '\\', 'u',
                                       '0',  'n',  't',  'e',  'x',  'i',  'd',  ' ',  '\n',
                                       '\r', '\t', '.',  '!',  0x00, 0x80, 0xBF, 0xC2, 0xC3,
                                       0xE2, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, 'a',  'Z'};

const char* const kSeeds[] = {
    R"({"id": "a1", "date": "2019-04-12", "title": "Clashes", "text": "Body."})",
    R"({"text": "caf\u00e9 \ud83d\ude00 \u0000 end", "source": "s", "url": "u"})",
    "Syria says rebels hit Aleppo\n\nBEIRUT, March 5 (sitrep) - Text.\r\n",
    "\xEF\xBB\xBFTitle\r\n\r\nBody \xE2\x80\x9Cquoted\xE2\x80\x9D.",
};

std::string RandomBytes(std::mt19937& rng, size_t max_len) {
  std::uniform_int_distribution<size_t> len(0, max_len);
  std::uniform_int_distribution<int> byte(0, 255);
  std::uniform_int_distribution<size_t> pick(0, sizeof kAlphabet - 1);
  std::bernoulli_distribution from_alphabet(0.7);
  std::string s(len(rng), '\0');
  for (char& c : s) c = static_cast<char>(from_alphabet(rng) ? kAlphabet[pick(rng)] : byte(rng));
  return s;
}

std::string Mutate(std::mt19937& rng, std::string s) {
  std::uniform_int_distribution<int> ops(1, 8);
  std::uniform_int_distribution<int> byte(0, 255);
  for (int n = ops(rng); n > 0; --n) {
    std::uniform_int_distribution<size_t> at(0, s.size());
    size_t i = at(rng);
    switch (byte(rng) % 3) {
      case 0:
        s.insert(s.begin() + static_cast<std::ptrdiff_t>(i), static_cast<char>(byte(rng)));
        break;
      case 1:
        if (i < s.size()) s.erase(i, 1);
        break;
      default:
        if (i < s.size()) s[i] = static_cast<char>(byte(rng));
    }
  }
  return s;
}

void CheckDocument(const Document& doc, size_t input_size) {
  for (const std::string* s : {&doc.id, &doc.date, &doc.title, &doc.source, &doc.url, &doc.text}) {
    ASSERT_TRUE(IsValidUtf8(*s)) << *s;
    ASSERT_EQ(s->find('\0'), std::string::npos);
  }
  ASSERT_LE(doc.body_begin, doc.text.size());
  if (doc.body_begin > 0) {
    ASSERT_FALSE(doc.title.empty());
  }
  for (const Diagnostic& d : doc.diagnostics) {
    ASSERT_GE(d.offset, -1);
    ASSERT_LT(d.offset, static_cast<int64_t>(input_size));
    ASSERT_TRUE(IsValidUtf8(d.message));
  }
}

std::string NextInput(std::mt19937& rng, int i) {
  if (i % 2 == 0) return RandomBytes(rng, 300);
  return Mutate(rng, kSeeds[static_cast<size_t>(i / 2) % std::size(kSeeds)]);
}

TEST(ReaderFuzzTest, RandomBytesAsTextAndJsonLine) {
  std::mt19937 rng(20261125);
  for (int i = 0; i < 20000; ++i) {
    std::string input = NextInput(rng, i);
    Document text_doc = DocumentFromText(input, {.id = "f", .date = "", .origin = "fuzz.txt"});
    CheckDocument(text_doc, input.size());
    if (text_doc.text.empty()) {
      ASSERT_TRUE(text_doc.title.empty());
    }
    StatusOr<Document> json_doc = DocumentFromJsonLine(
        input, {.origin = "fuzz.jsonl:1", .default_id = "fuzz.jsonl:1", .default_date = ""});
    if (json_doc.ok()) {
      CheckDocument(*json_doc, input.size());
    } else {
      ASSERT_TRUE(IsValidUtf8(json_doc.status().message()));
      ASSERT_EQ(json_doc.status().code(), StatusCode::kInvalidArgument);
    }
  }
}

TEST(ReaderFuzzTest, RandomStreamsThroughTheReader) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<size_t> limit(1, 400);
  for (int i = 0; i < 1000; ++i) {
    // Several random or mutated lines in one stream.
    std::string input;
    for (int k = 0; k < 5; ++k) input += NextInput(rng, i + k) + "\n";
    for (ReadOptions::Format format : {ReadOptions::Format::kText, ReadOptions::Format::kJsonl}) {
      std::FILE* in = std::tmpfile();
      ASSERT_NE(in, nullptr);
      std::fwrite(input.data(), 1, input.size(), in);
      std::rewind(in);
      ReadOptions options;
      options.format = format;
      options.standard_input = in;
      options.max_document_bytes = limit(rng);
      auto reader = DocumentReader::Create({"-"}, options);
      ASSERT_TRUE(reader.ok());
      const int max_results = 1 + static_cast<int>(std::count(input.begin(), input.end(), '\n'));
      int results = 0;
      while (auto r = (*reader)->Next()) {
        ++results;
        ASSERT_LE(results, max_results);
        ASSERT_EQ(r->status.ok(), r->doc.has_value());
        if (r->doc) {
          CheckDocument(*r->doc, input.size());
          // A bad byte (1) becomes U+FFFD (3); a title adds "\n\n".
          ASSERT_LE(r->doc->text.size(), 3 * options.max_document_bytes + 2);
        } else {
          ASSERT_TRUE(IsValidUtf8(r->status.message()));
        }
      }
      std::fclose(in);
    }
  }
}

}  // namespace
}  // namespace sitrep

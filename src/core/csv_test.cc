// The CSV reader on hand-written inputs and noise.
#include "core/csv.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace sitrep {
namespace {

TEST(ParseCsv, QuotedFieldsDoubledQuotesCommasAndNewlines) {
  auto t = ParseCsv(
      "id,headline,n\n"
      "7,\"Rebels \"\"seize\"\" town, 3 dead\",4\n"
      "8,\"two\nlines\",\n"
      "\n"
      "9,plain,\"\"\r\n"
      "10,last,5");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->header, (std::vector<std::string>{"id", "headline", "n"}));
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_EQ(t->rows[0], (std::vector<std::string>{"7", "Rebels \"seize\" town, 3 dead", "4"}));
  EXPECT_EQ(t->rows[1], (std::vector<std::string>{"8", "two\nlines", ""}));
  EXPECT_EQ(t->rows[2], (std::vector<std::string>{"9", "plain", ""}));
  EXPECT_EQ(t->rows[3], (std::vector<std::string>{"10", "last", "5"}));
  EXPECT_EQ(t->row_lines, (std::vector<int>{2, 3, 6, 7}));
  EXPECT_EQ(t->Column("n"), 2);
  EXPECT_EQ(t->Column("nope"), -1);
}

TEST(ParseCsv, AQuoteInsideAnUnquotedFieldIsKept) {
  // R writes `Reuters 1989-05-17 ""ANGOLAN ...` inside a quoted field; a bare
  // quote in the middle of an unquoted field is just a character.
  auto t = ParseCsv("a,b\nsay 5\"2,x\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows[0][0], "say 5\"2");
}

TEST(ParseCsv, UnterminatedQuoteIsAnErrorWithItsLine) {
  auto t = ParseCsv("a,b\n1,2\n3,\"open\nstill open\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("line 3"), std::string::npos) << t.status().ToString();
}

TEST(ParseCsv, TextAfterAClosingQuoteIsAnError) {
  auto t = ParseCsv("a,b\n\"x\"y,2\n");
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("line 2"), std::string::npos);
}

TEST(ParseCsv, EmptyInputHasNoHeader) {
  EXPECT_FALSE(ParseCsv("").ok());
  EXPECT_FALSE(ParseCsv("\n\n").ok());
  auto t = ParseCsv("a,b\n");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->rows.empty());
}

TEST(ParseCsv, NeverCrashesOnNoise) {
  // Pseudo-random strings over the characters that matter to the reader.
  const char kAlphabet[] = "\",\n\r;a \xC3\xA9";
  uint32_t state = 12345;
  int ok = 0, errors = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string s;
    int len = static_cast<int>(state % 40);
    for (int k = 0; k < len; ++k) {
      state = state * 1664525u + 1013904223u;
      s.push_back(kAlphabet[(state >> 16) % (sizeof kAlphabet - 1)]);
    }
    auto t = ParseCsv(s);
    (t.ok() ? ok : errors)++;
    if (t.ok()) {
      EXPECT_EQ(t->rows.size(), t->row_lines.size());
    }
  }
  EXPECT_GT(ok, 0);
  EXPECT_GT(errors, 0);
}

}  // namespace
}  // namespace sitrep

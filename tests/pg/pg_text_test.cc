// The full-text normalisation of the PostgreSQL backend (src/store/pg_text.h):
// no server needed.
#include "store/pg_text.h"

#include <gtest/gtest.h>

namespace sitrep::store::pg {
namespace {

TEST(FtsNormalize, WordsLowercasedPunctuationSeparates) {
  EXPECT_EQ(FtsNormalize("Al-Raqqa's \"air-strike\" on Ḩamāh!"), "al raqqa s air strike on hamah");
  EXPECT_EQ(FtsNormalize("  13 killed,  2019-04-10 "), "13 killed 2019 04 10");
  EXPECT_EQ(FtsNormalize(""), "");
  EXPECT_EQ(FtsNormalize("---"), "");
}

TEST(FtsNormalize, FoldsLatinDiacriticsKeepsOtherScripts) {
  EXPECT_EQ(FtsNormalize("Médecins Sans Frontières"), "medecins sans frontieres");
  EXPECT_EQ(FtsNormalize("Øresund Łódź Şanlıurfa"), "oresund lodz sanliurfa");
  EXPECT_EQ(FtsNormalize("Straße"), "straße");      // ß stays a letter
  EXPECT_EQ(FtsNormalize("دمشق حلب"), "دمشق حلب");  // Arabic kept as it is
  EXPECT_EQ(FtsNormalize("Кабул"), "Кабул");        // the server lowercases
  EXPECT_EQ(FtsNormalize("a\xC2\xA0"
                         "b—c“d”"),
            "a b c d");  // NBSP, em dash, quotes
  EXPECT_EQ(FtsNormalize("3×4"), "3 4");
}

TEST(FtsNormalize, InvalidBytesSeparateAndNeverReachTheServer) {
  EXPECT_EQ(FtsNormalize("ab\xff\xfe"
                         "cd"),
            "ab cd");
  EXPECT_EQ(FtsNormalize(std::string("a\0b", 3)), "a b");
  EXPECT_EQ(FtsNormalize("x\xE2\x82"), "x");         // truncated sequence
  EXPECT_EQ(FtsNormalize("x\xC0\xAFy"), "x y");      // overlong "/"
  EXPECT_EQ(FtsNormalize("x\xED\xA0\x80y"), "x y");  // a surrogate
  EXPECT_TRUE(IsPgText(FtsNormalize("\xff\xfe\xfd\x80\xc3")));
}

TEST(IsPgText, ValidUtf8WithoutNul) {
  EXPECT_TRUE(IsPgText("Ḩamāh, دمشق"));
  EXPECT_TRUE(IsPgText(""));
  EXPECT_FALSE(IsPgText("\xff"));
  EXPECT_FALSE(IsPgText(std::string("a\0", 2)));
  EXPECT_FALSE(IsPgText("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST(FtsWordQueries, EachWordAPhrase) {
  EXPECT_EQ(FtsWordQueries("air-strike  Kandahar ("),
            (std::vector<std::string>{"air strike", "kandahar"}));
  EXPECT_EQ(FtsWordQueries("'; DROP TABLE events; --"),
            (std::vector<std::string>{"drop", "table", "events"}));
  EXPECT_TRUE(FtsWordQueries(" ( ) \"\" ").empty());
}

TEST(FtsWebSearch, MapsTheFts5Subset) {
  EXPECT_EQ(*FtsWebSearch("checkpoint OR \"air strike\" -idlib"),
            "checkpoint or \"air strike\" -idlib");
  EXPECT_EQ(*FtsWebSearch("a AND (b OR c) NOT d"), "a b or c -d");
  EXPECT_EQ(*FtsWebSearch("airstrike*"), "airstrike");
  EXPECT_EQ(*FtsWebSearch("NOT \"al-Raqqa\""), "-\"al raqqa\"");
  EXPECT_EQ(*FtsWebSearch("OR x OR"), "x");
  EXPECT_EQ(FtsWebSearch("\"unbalanced").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(FtsWebSearch("( ) OR").status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace sitrep::store::pg

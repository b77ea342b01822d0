#include "core/strings.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(SplitOnTest, KeepsEmptyFields) {
  std::vector<std::string_view> f = SplitOn("190\tattack\t\t4", '\t');
  ASSERT_EQ(f.size(), 4u);
  EXPECT_EQ(f[0], "190");
  EXPECT_EQ(f[2], "");
  EXPECT_EQ(f[3], "4");
  EXPECT_EQ(SplitOn("", '\t'), std::vector<std::string_view>{""});
  EXPECT_EQ(SplitOn("a|", '|'), (std::vector<std::string_view>{"a", ""}));
}

TEST(TrimSpaceTest, StripsAsciiWhitespaceAtBothEnds) {
  EXPECT_EQ(TrimSpace(" Kandahar\r\n"), "Kandahar");
  EXPECT_EQ(TrimSpace("\t\v\f a b \n"), "a b");
  EXPECT_EQ(TrimSpace("   "), "");
  EXPECT_EQ(TrimSpace(""), "");
  EXPECT_EQ(TrimSpace("\xC2\xA0x"), "\xC2\xA0x");  // not Unicode spaces
}

TEST(WeekdayIndexTest, EnglishNamesInAnyCase) {
  EXPECT_EQ(WeekdayIndex("Monday"), 0);
  EXPECT_EQ(WeekdayIndex("tuesday"), 1);
  EXPECT_EQ(WeekdayIndex("SUNDAY"), 6);
  EXPECT_EQ(WeekdayIndex("Tues"), -1);
  EXPECT_EQ(WeekdayIndex("Mondays"), -1);
  EXPECT_EQ(WeekdayIndex(""), -1);
}

TEST(MonthIndexTest, NamesAndAbbreviationsInAnyCase) {
  EXPECT_EQ(MonthIndex("January"), 1);
  EXPECT_EQ(MonthIndex("may"), 5);
  EXPECT_EQ(MonthIndex("DEC"), 12);
  EXPECT_EQ(MonthIndex("Sept"), 9);
  EXPECT_EQ(MonthIndex("sep"), 9);
  EXPECT_EQ(MonthIndex("Febr"), 2);
  EXPECT_EQ(MonthIndex("Jan."), 0);  // callers strip the period
  EXPECT_EQ(MonthIndex("Ja"), 0);
  EXPECT_EQ(MonthIndex("Marc"), 0);
  EXPECT_EQ(MonthIndex("Mays"), 0);
  EXPECT_EQ(MonthIndex(""), 0);
}

TEST(IsDashWordTest, HyphensAndDashes) {
  EXPECT_TRUE(IsDashWord("-"));
  EXPECT_TRUE(IsDashWord("--"));
  EXPECT_TRUE(IsDashWord("\xE2\x80\x93"));
  EXPECT_TRUE(IsDashWord("\xE2\x80\x94"));
  EXPECT_FALSE(IsDashWord("---x"));
  EXPECT_FALSE(IsDashWord(":"));
  EXPECT_FALSE(IsDashWord(""));
}

TEST(StrCatTest, JoinsParts) {
  EXPECT_EQ(StrCat({"doc ", std::to_string(7), ": ", "bad date"}), "doc 7: bad date");
  EXPECT_EQ(StrCat({}), "");
  std::string a = "x";
  EXPECT_EQ(StrCat({a, "", a}), "xx");
}

}  // namespace
}  // namespace sitrep

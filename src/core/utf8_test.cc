#include "core/utf8.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Utf8Test, ValidatesWellFormedText) {
  EXPECT_TRUE(IsValidUtf8("plain ASCII"));
  EXPECT_TRUE(IsValidUtf8("Ḩamāh — \xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // > U+10FFFF
  EXPECT_FALSE(IsValidUtf8("abc\xE2\x82"));       // truncated at end
}

TEST(Utf8Test, RepairReplacesEachBadSequenceAndReportsOffsets) {
  std::string s = "caf\xC3\xA9 \xFF ok \xE2\x82 end";
  std::vector<Utf8Error> errors;
  EXPECT_TRUE(RepairUtf8(&s, &errors));
  EXPECT_EQ(s, "café \xEF\xBF\xBD ok \xEF\xBF\xBD end");
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].offset, 6u);
  EXPECT_EQ(errors[1].offset, 11u);
  EXPECT_EQ(errors[1].length, 2u);  // maximal subpart E2 82
  EXPECT_TRUE(IsValidUtf8(s));
}

TEST(Utf8Test, RepairDropsNulAndLeavesValidTextAlone) {
  std::string s("a\0b", 3);
  std::vector<Utf8Error> errors;
  EXPECT_TRUE(RepairUtf8(&s, &errors));
  EXPECT_EQ(s, "ab");
  std::string ok = "fine";
  EXPECT_FALSE(RepairUtf8(&ok, nullptr));
}

TEST(Utf8Test, DecodesForwardAndBackward) {
  std::string s = "aé€😀";
  size_t i = 0;
  EXPECT_EQ(DecodeUtf8(s, &i), U'a');
  EXPECT_EQ(DecodeUtf8(s, &i), U'é');
  EXPECT_EQ(DecodeUtf8(s, &i), U'€');
  EXPECT_EQ(DecodeUtf8(s, &i), U'😀');
  EXPECT_EQ(i, s.size());
  EXPECT_EQ(DecodeUtf8Backward(s, &i), U'😀');
  EXPECT_EQ(DecodeUtf8Backward(s, &i), U'€');
  std::string out;
  AppendUtf8(U'€', &out);
  EXPECT_EQ(out, "€");
}

}  // namespace
}  // namespace sitrep

#include "parse/projectivize.h"

#include <gtest/gtest.h>

namespace sitrep {
namespace {

TEST(Projectivize, LiftsCrossingArc) {
  std::vector<int> heads = {0, 3, 4, 0, 3};
  EXPECT_TRUE(IsTree(heads));
  EXPECT_FALSE(IsProjectiveArc(heads, 2));
  EXPECT_EQ(Projectivize(heads), 1);
  EXPECT_EQ(heads, (std::vector<int>{0, 3, 3, 0, 3}));
}

TEST(Projectivize, LeavesProjectiveTreeAlone) {
  std::vector<int> heads = {0, 2, 0, 2, 3};
  EXPECT_EQ(Projectivize(heads), 0);
  EXPECT_EQ(heads, (std::vector<int>{0, 2, 0, 2, 3}));
}

TEST(Projectivize, RefusesCycles) {
  std::vector<int> heads = {0, 2, 1, 0};
  EXPECT_FALSE(IsTree(heads));
  EXPECT_EQ(Projectivize(heads), 0);
}

}  // namespace
}  // namespace sitrep

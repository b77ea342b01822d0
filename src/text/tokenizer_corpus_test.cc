#include "text/tokenizer.h"
#include <gtest/gtest.h>
TEST(TokenizerTest, Placeholder) {}

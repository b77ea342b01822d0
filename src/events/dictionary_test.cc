#include "events/dictionary.h"

#include <gtest/gtest.h>
TEST(Dictionary, Placeholder) {}

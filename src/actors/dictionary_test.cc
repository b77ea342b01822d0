#include "actors/dictionary.h"

#include <gtest/gtest.h>

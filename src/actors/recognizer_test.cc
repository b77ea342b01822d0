#include "actors/recognizer.h"

#include <gtest/gtest.h>

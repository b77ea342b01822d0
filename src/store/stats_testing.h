// Tests only: two Store::Stats answers are the same, total by total and row
// by row (day, type, country), with the row's key in each failure.
//
//   ExpectSameStats(*rollup, *exact);   // the rollup tables against a full pass
#ifndef SITREP_STORE_STATS_TESTING_H_
#define SITREP_STORE_STATS_TESTING_H_

#include <gtest/gtest.h>

#include <vector>

#include "store/store.h"

namespace sitrep::store::stats_testing {

inline void ExpectSameRows(const std::vector<StatsRow>& a, const std::vector<StatsRow>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].key, b[i].key);
    EXPECT_EQ(a[i].events, b[i].events) << a[i].key;
    EXPECT_EQ(a[i].incidents, b[i].incidents) << a[i].key;
    EXPECT_EQ(a[i].fatalities, b[i].fatalities) << a[i].key;
  }
}

inline void ExpectSameStats(const StoreStats& a, const StoreStats& b) {
  EXPECT_EQ(a.total_events, b.total_events);
  EXPECT_EQ(a.total_incidents, b.total_incidents);
  EXPECT_EQ(a.total_fatalities, b.total_fatalities);
  ExpectSameRows(a.by_day, b.by_day);
  ExpectSameRows(a.by_type, b.by_type);
  ExpectSameRows(a.by_country, b.by_country);
}

}  // namespace sitrep::store::stats_testing

#endif  // SITREP_STORE_STATS_TESTING_H_

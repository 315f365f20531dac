// Shares of one whole (a survey's answers, a chart's slices) are whole percentages that sum to
// 100, and equal parts print equal shares wherever the points to hand out allow it.
#include <catch2/catch.hpp>

#include <cstdlib>

#include "figures.h"

namespace arsred {
namespace {

using Shares = std::vector<int64_t>;

TEST_CASE("largest remainder: the points go to the largest remainders") {
  CHECK(LargestRemainderPercents({1, 2, 7}) == Shares{10, 20, 70});       // exact
  CHECK(LargestRemainderPercents({1, 1, 4}) == Shares{17, 17, 66});       // 16.7, 16.7, 66.7
  CHECK(LargestRemainderPercents({276, 123, 1}) == Shares{69, 31, 0});    // 69.0, 30.75, 0.25
  CHECK(LargestRemainderPercents({0, 0}) == Shares{0, 0});                // no whole
}

TEST_CASE("largest remainder: equal parts get equal shares where the points allow") {
  // 2, 5 and 5 answers of 12: 16.7, 41.7 and 41.7 %, all with the same remainder, two points to
  // give. The two fives take them, not the first two parts (17, 42, 41 %, which an auditor read
  // as equal counts printed unequally).
  CHECK(LargestRemainderPercents({2, 5, 5}) == Shares{16, 42, 42});
  CHECK(LargestRemainderPercents({5, 2, 5}) == Shares{42, 16, 42});
  // 4, 4 and 7 of 15: the fours take the two points.
  CHECK(LargestRemainderPercents({4, 4, 7}) == Shares{27, 27, 46});
  // One point and three equal parts: it cannot be shared, the first takes it.
  CHECK(LargestRemainderPercents({1, 1, 1}) == Shares{34, 33, 33});
}

TEST_CASE("largest remainder: every split sums to 100, equal parts at most a point apart") {
  for (int64_t a = 0; a <= 12; ++a) {
    for (int64_t b = 0; b <= 12; ++b) {
      for (int64_t c = 1; c <= 12; ++c) {
        const Shares shares = LargestRemainderPercents({a, b, c});
        INFO(a << ", " << b << ", " << c);
        CHECK(shares[0] + shares[1] + shares[2] == 100);
        if (a == b) CHECK(std::abs(shares[0] - shares[1]) <= 1);  // equal, or as near as one point allows
      }
    }
  }
}

}  // namespace
}  // namespace arsred

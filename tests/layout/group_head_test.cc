// A head over several columns of numbers ("2024" over Alla, Kvinnor and Män) stands centred
// over them with a short rule under it; right-aligned, it read as the head of the last column
// alone (an auditor's and a new user's reading of Tabell 2).
#include <catch2/catch.hpp>

#include <regex>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a head over a group of number columns is centred over them and ruled under") {
  RunResult dump = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string()});
  REQUIRE(dump.exit_code == 0);
  // The participant table's group heads, then the two rules under them, in the trace's order.
  static const std::regex kGroup(
      R"(text at=([0-9.]+),([0-9.]+) font=1 [^\n]*"2024"\n  text at=([0-9.]+),[0-9.]+ font=1 [^\n]*"2023"\n)"
      R"(  rule from=([0-9.]+),([0-9.]+) to=([0-9.]+),[0-9.]+ width=0.40 [^\n]*\n)"
      R"(  rule from=([0-9.]+),[0-9.]+ to=([0-9.]+),[0-9.]+ width=0.40 )");
  std::smatch m;
  REQUIRE(std::regex_search(dump.out, m, kGroup));
  const double this_year = std::stod(m[1].str()), prior_year = std::stod(m[3].str());
  const double rule1_from = std::stod(m[4].str()), rule1_to = std::stod(m[6].str());
  const double rule2_from = std::stod(m[7].str()), rule2_to = std::stod(m[8].str());
  // "2024" is about 20 pt wide at 9.5 pt: its middle is the middle of the rule under it.
  const double width = 20;
  CHECK(std::abs(this_year + width / 2 - (rule1_from + rule1_to) / 2) < 3);
  CHECK(std::abs(prior_year + width / 2 - (rule2_from + rule2_to) / 2) < 3);
  // Each rule runs under its own group only, with a gap between the two.
  CHECK(rule1_to - rule1_from > 3 * width);
  CHECK(rule2_from - rule1_to > 3);
  // The rule stands under the heads, above the row of column heads.
  CHECK(std::stod(m[5].str()) < std::stod(m[2].str()));
}

}  // namespace
}  // namespace arsred::test

// A survey's shares are rounded once, so that its table sums to 100 %, and prose quoting a share
// prints the table's figure (a new user's report said 83 % above a table that said 82 %).
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("prose quoting a survey's share prints the share its table prints") {
  TempDir temp;
  // 4, 4 and 7 of 15 answers: 26.7, 26.7 and 46.7 %. Rounded each on its own they would sum to
  // 101 %; the table gives the point to the two largest remainders first: 27, 27 and 46 %.
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml", "    negativt: 1\n    varken_eller: 2\n",
                                       "    negativt: 4\n    varken_eller: 4\n");
  RunResult figures = RunArsred({"dump", "--stage", "figures", year.string()});
  REQUIRE(figures.exit_code == 0);
  CHECK(figures.out.find("enkat.deltagare.andel_positivt = 7/15 -> 46 % (rounded with the other shares to 100 %)") != std::string::npos);

  RunResult layout = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(layout.exit_code == 0);
  // The goal's follow-up quotes {enkat.deltagare.andel_positivt}; the table under it prints it.
  CHECK(Count(layout.out, "\"46 % ") + Count(layout.out, "\"46 %\"") == 2);
  CHECK(layout.out.find("\"47 %") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

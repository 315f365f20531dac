// A distribution table prints the shares it is given; when a column of them, each rounded by
// its source, does not add up to 100, the table says so under it (2023's Tabell 4 adds up to 99
// and 101 %).
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

constexpr const char* kRoundedNote = "Andelarna är avrundade till hela procent och summerar därför inte alltid till 100 %.";

TEST_CASE("a distribution whose given shares do not add up to 100 says that they are rounded") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml", "          arbete: 40\n          bistand: 60\n",
                                       "          arbete: 40\n          bistand: 59\n");
  RunResult layout = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(layout.exit_code == 0);
  CHECK(Count(layout.out, "\"Andelarna ") == 1);
  RunResult html = RunArsred({"build", year.string(), "--html", "-o", (temp.path() / "rapport.html").string()});
  REQUIRE(html.exit_code == 0);
  CHECK(ReadHtmlPage(temp.path() / "rapport.html").find(kRoundedNote) != std::string::npos);

  TempDir whole;
  const fs::path unchanged = EditedBaseYear(whole.path(), "verksamhet.yaml", "          arbete: 40\n", "          arbete: 40\n");
  RunResult base = RunArsred({"dump", "--stage", "layout", unchanged.string()});
  REQUIRE(base.exit_code == 0);
  CHECK(Count(base.out, "\"Andelarna ") == 0);  // 40 + 60 and 70 + 30: nothing to explain
}

}  // namespace
}  // namespace arsred::test

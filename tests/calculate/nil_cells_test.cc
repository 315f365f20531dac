// Nil in the tables (docs/rounding.md): "–" where there is nothing to report, "0" for an amount
// less than half of the unit.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// One rule for nil in every table, as official statistics print it: "–" for nothing (0 kr),
// "0" for an amount less than half of the unit. The statements had printed 0 for nothing and
// the driftredovisning "–" for anything that rounded to 0, which two readers found inconsistent.
TEST_CASE("nothing prints as a dash and an amount that rounds to 0 tkr as 0, in every table") {
  TempDir temp;
  // The budget of Medlemsbidrag 300 kr below its outcome: a deviation of 0 tkr, but not nothing.
  const fs::path year = EditedBaseYear(temp.path(), "budget.yaml", "      budget: 4200000\n", "      budget: 4199700\n");
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("<th scope=\"row\" class=\"i1\">Medlemsbidrag</th><td class=\"num\">4\u202F200</td><td class=\"num\">"
                  "4\u202F200</td><td class=\"num\">0</td>") != std::string::npos);
  // Övriga intäkter: nothing budgeted.
  CHECK(html.find("Övriga intäkter</th><td class=\"num\">50</td><td class=\"num\">–</td><td class=\"num\">50</td>") !=
        std::string::npos);
  // The cash flow's investeringsverksamhet, nothing in either year.
  CHECK(html.find("investeringsverksamheten</th><td class=\"num\">–</td><td class=\"num\">–</td>") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

// A participant table prints the participants of another or unknown gender (`ovriga`) in a
// column of their own when any row counts them: without it, a row's Alla is not the sum of the
// counts beside it. A new user's 236 = 130 + 104 + 2 printed as 236, 130, 104.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a participant table prints an Övriga column when a row counts others") {
  TempDir temp;
  const fs::path year =
      EditedBaseYear(temp.path(), "verksamhet.yaml",
                     "        text: Inskrivna deltagare\n        alla: 120\n        kvinnor: 70\n        man: 50\n",
                     "        text: Inskrivna deltagare\n        alla: 122\n        kvinnor: 70\n        man: 50\n"
                     "        ovriga: 2\n");
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  // The year's counts, then (after the shares) the year before, which counted no others.
  CHECK(html.find("<tr><th scope=\"row\">Inskrivna deltagare</th><td class=\"num\">122</td><td class=\"num\">70</td>"
                  "<td class=\"num\">50</td><td class=\"num\">2</td>") != std::string::npos);
  CHECK(html.find("<td class=\"num\">100</td><td class=\"num\">60</td><td class=\"num\">40</td><td class=\"num\">–</td>"
                  "</tr>") != std::string::npos);

  // Without others, the three columns as before.
  const fs::path base_page = temp.path() / "base.html";
  REQUIRE(RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "--html", "-o", base_page.string()})
              .exit_code == 0);
  CHECK(ReadHtmlPage(base_page).find(">Övriga</th>") == std::string::npos);
  CHECK(html.find(">Övriga</th>") != std::string::npos);
}

// A split the inputs do not make is not known: its cell is empty, not "–", which says that there
// were none. A row without its split printed "–" for women, in the table and in the time series
// quoting them. A row the year's table does not have reports nothing, and keeps its "–", as the
// 2020 report printed a year without individinriktade insatser.
TEST_CASE("a participant count not given prints an empty cell, a row not given a dash") {
  TempDir temp;
  const fs::path year =
      EditedBaseYear(temp.path(), "verksamhet.yaml",
                     "        text: Inskrivna deltagare\n        alla: 120\n        kvinnor: 70\n        man: 50\n",
                     "        text: Inskrivna deltagare\n        alla: 120\n");
  WriteFile(year / "text.yaml", ReplaceAll(ReadFile(year / "text.yaml"), ", varav\n  {tabell.deltagarfloden.inskrivna.kvinnor} kvinnor", ""));
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("<tr><th scope=\"row\">Inskrivna deltagare</th><td class=\"num\">120</td><td class=\"num\"></td>"
                  "<td class=\"num\"></td>") != std::string::npos);
  // The year before had no such row.
  CHECK(html.find("<td class=\"num\">10\u00A0%</td><td class=\"num\">–</td><td class=\"num\">–</td><td class=\"num\">–</td>"
                  "</tr>") != std::string::npos);
  // The time series that quotes the row's women.
  CHECK(html.find("<tr><th scope=\"row\">2024</th><td class=\"num\">120</td><td class=\"num\"></td></tr>") !=
        std::string::npos);
}

}  // namespace
}  // namespace arsred::test

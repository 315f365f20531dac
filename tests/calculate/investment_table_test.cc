// The investeringsredovisning, a part LKBR 10 kap. asks of every årsredovisning and one the seed
// reports left out (an auditor's finding): the year's net investments as the cash flow prints
// them, and in a year without any, a sentence that says so.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("the investeringsredovisning prints the net investments and says when there were none") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "  [[driftredovisning]]\n",
                                       "  [[driftredovisning]]\n\n  ### Investeringsredovisning\n\n"
                                       "  [[investeringsredovisning]]\n");
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("<tr><th scope=\"row\">Nettoinvesteringar</th><td class=\"num\">–</td><td class=\"num\">–</td></tr>") !=
        std::string::npos);
  CHECK(html.find("<p class=\"footnote\">Förbundet har inte gjort några investeringar under 2024.</p>") !=
        std::string::npos);
  // Listed in the contents under its heading's section, as the driftredovisning is.
  CHECK(html.find("<a href=\"#investeringsredovisning\">Investeringsredovisning</a>") != std::string::npos);
  // A misspelt embed is pointed to the right one.
  fs::create_directories(temp.path() / "b");
  const fs::path misspelt =
      EditedBaseYear(temp.path() / "b", "text.yaml", "  [[driftredovisning]]\n", "  [[investeringsredovisningen]]\n");
  CHECK(RunArsred({"check", misspelt.string()}).err.find("did you mean investeringsredovisning?") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

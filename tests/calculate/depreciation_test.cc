// Depreciation, which neither seed förbund has. A new user's förbund bought inventarier and
// wrote off 12 000 kr: its driftredovisning printed a Resultat without the depreciation (−710
// beside årets resultat −722), and a cash flow that took its depreciation from its own input
// hid the difference behind an investment of the same amount. Both passed `check`.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base year with 20 000 kr of its other costs as depreciation instead (an asset bought and
// written off within the year): the result stays what it was.
fs::path DepreciatingYear(const fs::path& dir, const std::string& cash_flow) {
  const fs::path year = EditedBaseYear(dir, "rakenskaper.yaml", "resultatrakning:\n  finansiella_intakter: 10000\n",
                                       "resultatrakning:\n  finansiella_intakter: 10000\n  avskrivningar: 20000\n" +
                                           cash_flow);
  const fs::path accounts = year / "rakenskaper.yaml";
  WriteFile(accounts, ReplaceAll(ReadFile(accounts), "        text: Övriga kostnader\n        belopp: 250000\n",
                                 "        text: Övriga kostnader\n        belopp: 230000\n"));
  return year;
}

TEST_CASE("the driftredovisning's result includes the depreciation, in a row of its own") {
  TempDir temp;
  const fs::path year = DepreciatingYear(temp.path(), "kassaflodesanalys:\n  investeringsverksamhet: -20000\n");
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const std::string figures = RunArsred({"dump", "--stage", "figures", year.string()}).out;
  CHECK(figures.find("drift.avskrivningar.utfall = -20000 kr") != std::string::npos);
  CHECK(figures.find("drift.resultat.utfall = -90000 kr") != std::string::npos);
  CHECK(figures.find("rr.arets_resultat = -90000 kr") != std::string::npos);
  CHECK(figures.find("kfa.justering_avskrivningar = 20000 kr") != std::string::npos);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("<th scope=\"row\">Avskrivningar</th><td class=\"num\">−20</td><td class=\"num\">–</td>"
                  "<td class=\"num\">−20</td>") != std::string::npos);
  // A year without depreciation has no such row (the seeds).
  fs::create_directories(temp.path() / "plain");
  const fs::path plain = EditedBaseYear(temp.path() / "plain", "text.yaml", "[[driftredovisning]]", "[[driftredovisning]]");
  CHECK(RunArsred({"dump", "--stage", "figures", plain.string()}).out.find("drift.avskrivningar") == std::string::npos);
}

TEST_CASE("a cash flow's depreciation other than the resultaträkning's is an error") {
  TempDir temp;
  const fs::path year = DepreciatingYear(temp.path(),
                                         "kassaflodesanalys:\n  justering_avskrivningar: 28000\n"
                                         "  investeringsverksamhet: -28000\n");
  RunResult check = RunArsred({"check", year.string()});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[cashflow.depreciation]: justering för av- och nedskrivningar 28 000 kr ≠ "
                       "avskrivningar in the resultaträkning 20 000 kr") != std::string::npos);
  // The investment the user balanced it with no longer hides it: closing cash is off too.
  CHECK(check.err.find("error[cashflow.closing]") != std::string::npos);
  fs::create_directories(temp.path() / "same");
  const fs::path same = DepreciatingYear(temp.path() / "same",
                                         "kassaflodesanalys:\n  justering_avskrivningar: 20000\n"
                                         "  investeringsverksamhet: -20000\n");
  RunResult twice = RunArsred({"check", same.string()});
  CHECK(twice.exit_code == 3);
  CHECK(twice.err.find("warning[cashflow.depreciation]") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

// calculate.rounding advises what to do. Where the inputs have errors, the figures do not add
// up in kronor either, and a new user was told to give amounts in kr that were in kr already:
// the cause was a cost tagged with a driftredovisning row that does not exist.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("calculate.rounding points at the inputs' errors where there are any") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", "drift: personal\n", "drift: personalx\n");
  RunResult build = RunArsred({"build", year.string(), "-o", (temp.path() / "r.pdf").string()});
  REQUIRE(build.err.find("warning[calculate.rounding]") != std::string::npos);
  CHECK(build.err.find("The inputs have errors, which are the likely cause") != std::string::npos);
  CHECK(build.err.find("give these amounts in kr") == std::string::npos);
}

TEST_CASE("a comparison year given in whole tkr is checked for sums that would not add up in print") {
  // A new user entered last year from its printed report, in tkr, with a bank balance 1 tkr off
  // (the opening cash of the cash flow with it). Each amount in tkr may be 500 kr off, so the
  // balance sheet is within what they allow; but amounts given in whole tkr print as given, and
  // the next report's column would print 3 101 against 3 100. `check` of that year says so.
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2023";
  std::string accounts = ReadFile(year / "rakenskaper.yaml");
  accounts = ReplaceAll(accounts, "likvida_medel_ingaende: 2770000", "likvida_medel_ingaende: 2771000");
  accounts = ReplaceAll(accounts,
                        "    avser: [balansrakning.fordringar, balansrakning.kassa_och_bank]\n    poster:\n"
                        "      - text: Företagskonto\n        belopp: 3000000\n        rad: kassa_och_bank\n"
                        "      - text: Skattekonto\n        belopp: 100000\n",
                        "    avser: [balansrakning.fordringar, balansrakning.kassa_och_bank]\n    enhet: tkr\n    poster:\n"
                        "      - text: Företagskonto\n        belopp: 3001\n        rad: kassa_och_bank\n"
                        "      - text: Skattekonto\n        belopp: 100\n");
  WriteFile(year / "rakenskaper.yaml", accounts);
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  CHECK(check.exit_code == 3);
  CHECK(check.err.find("warning[calculate.rounding]: no rounding to tkr keeps this identity, so the next report's 2023 "
                       "column would print figures that do not add up: Balansräkning 2023: ") != std::string::npos);
  CHECK(check.err.find("printed 3 100 ≠ 3 101 tkr") != std::string::npos);
  // As the fixture has it, nothing.
  fs::copy(kSourceDir / "tests/fixtures/base/2023/rakenskaper.yaml", year / "rakenskaper.yaml",
           fs::copy_options::overwrite_existing);
  CHECK(RunArsred({"check", year.string()}).exit_code == 0);
}

}  // namespace
}  // namespace arsred::test

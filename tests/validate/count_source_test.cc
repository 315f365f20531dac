// A participant row that counts the same persons as a row of another table names that row
// (`kalla: TABLE.ROW`) and takes its counts from it, so that the two tables cannot disagree.
// The wrong ways to write it are one-defect fixtures (tests/fixtures/bad/bad-table-source-*).
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base fixture's year with a second table whose first row is the first table's `avslutade`.
fs::path BaseWithResultTable(const fs::path& dir) {
  fs::copy(kSourceDir / "tests/fixtures/base", dir, fs::copy_options::recursive);
  const fs::path activity = dir / "2024/verksamhet.yaml";
  const std::string result_table =
      "  - id: resultat\n"
      "    rubrik: Tabell 1b. Resultat\n"
      "    andel_av: avslutade\n"
      "    rader:\n"
      "      - id: avslutade\n"
      "        text: Avslutade deltagare\n"
      "        kalla: deltagarfloden.avslutade\n"
      "      - id: arbete\n"
      "        text: Till arbete\n"
      "        kvinnor: 6\n"
      "        man: 4\n";
  std::string text = ReadFile(activity);
  const size_t series = text.find("tidsserier:\n");
  REQUIRE(series != std::string::npos);
  text.insert(series, result_table);
  WriteFile(activity, text);
  return dir / "2024";
}

bool HasLine(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos;
}

TEST_CASE("a row naming its source takes that row's counts, and shares are of them") {
  TempDir temp;
  const fs::path year = BaseWithResultTable(temp.path());
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);

  RunResult figures = RunArsred({"dump", "--stage", "figures", year.string()});
  REQUIRE(figures.exit_code == 0);
  // deltagarfloden.avslutade is 50: 30 women, 20 men.
  CHECK(HasLine(figures.out, "tabell.resultat.avslutade.alla = 50"));
  CHECK(HasLine(figures.out, "tabell.resultat.avslutade.kvinnor = 30"));
  CHECK(HasLine(figures.out, "tabell.resultat.avslutade.man = 20"));
  CHECK(HasLine(figures.out, "tabell.resultat.avslutade.kvinnor_av_alla = 30/50 -> 60 %"));
  // The other rows' shares are of the counts taken from the source.
  CHECK(HasLine(figures.out, "tabell.resultat.arbete.andel_alla = 10/50 -> 20 %"));
  CHECK(HasLine(figures.out, "tabell.resultat.arbete.andel_kvinnor = 6/30 -> 20 %"));
}

TEST_CASE("changing the source's counts changes the row that names it") {
  TempDir temp;
  const fs::path year = BaseWithResultTable(temp.path());
  const fs::path activity = year / "verksamhet.yaml";
  std::string text = ReadFile(activity);
  const std::string before = "        alla: 50\n        kvinnor: 30\n        man: 20\n";
  REQUIRE(text.find(before) != std::string::npos);
  text.replace(text.find(before), before.size(), "        alla: 40\n        kvinnor: 25\n        man: 15\n");
  WriteFile(activity, text);

  RunResult figures = RunArsred({"dump", "--stage", "figures", year.string()});
  REQUIRE(figures.exit_code == 0);
  CHECK(HasLine(figures.out, "tabell.resultat.avslutade.alla = 40"));
  CHECK(HasLine(figures.out, "tabell.resultat.arbete.andel_alla = 10/40 -> 25 %"));
}

// A count the table does not have because a row gives no split by gender says so, where it
// suggested a count of another row ("did you mean tabell.deltagare.unga.kvinnor?").
TEST_CASE("a placeholder for a gender count a summed row lacks names the row that gives none") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml",
                                       "        kvinnor: 9\n        man: 6\n        summa_av: [arbete, studier]\n",
                                       "        summa_av: [arbete, studier]\n");
  WriteFile(year / "verksamhet.yaml",
            ReplaceAll(ReadFile(year / "verksamhet.yaml"), "        kvinnor: 3\n        man: 2\n", "        alla: 5\n"));
  WriteFile(year / "text.yaml", ReplaceAll(ReadFile(year / "text.yaml"), "{tabell.deltagarfloden.inskrivna.kvinnor}",
                                           "{tabell.deltagarfloden.arbete_studier.kvinnor}"));
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[text.placeholder]: no figure `tabell.deltagarfloden.arbete_studier.kvinnor`: row "
                       "`arbete_studier` sums rows of which `studier` gives no count of kvinnor, so neither does the "
                       "sum") != std::string::npos);
  CHECK(check.err.find("did you mean") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

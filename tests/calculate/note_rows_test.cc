// A note leaves out an item that is 0 in both years, as the statements leave out a line of
// nothing; an item that is 0 in one year only still stands, with its 0 (2023's Not 5 printed
// "Övriga interimsskulder 0 0").
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a note item of 0 in both years is left out, and one of 0 in one year is kept") {
  TempDir temp;
  const std::string supplier_debts = "      - text: Leverantörsskulder\n        belopp: 400000\n";
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", supplier_debts,
                                       supplier_debts +
                                           "      - text: Övriga interimsskulder\n        belopp: 0\n"
                                           "      - text: Upplupna kostnader\n        belopp: 0\n");
  // The year before had Upplupna kostnader of 15 000 kr, in place of 15 000 of its supplier debts.
  const fs::path prior = year.parent_path() / "2023/rakenskaper.yaml";
  WriteFile(prior, ReplaceAll(ReadFile(prior), "      - text: Leverantörsskulder\n        belopp: 600000\n",
                              "      - text: Leverantörsskulder\n        belopp: 585000\n"
                              "      - text: Upplupna kostnader\n        belopp: 15000\n"));

  RunResult layout = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(layout.exit_code == 0);
  CHECK(Count(layout.out, "\"interimsskulder") == 0);
  CHECK(Count(layout.out, "\"Upplupna ") == 1);

  RunResult html = RunArsred({"build", year.string(), "--html", "-o", (temp.path() / "rapport.html").string()});
  REQUIRE(html.exit_code == 0);
  const std::string page = ReadHtmlPage(temp.path() / "rapport.html");
  CHECK(page.find("Övriga interimsskulder") == std::string::npos);
  CHECK(page.find("Upplupna kostnader</th><td class=\"num\">–</td>") != std::string::npos);  // nothing: a dash
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("sub-items of a year whose item was not broken down leave that year's cells empty") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  // 2023 gave Skuld insatser as one amount; 2024 breaks it down into Insats A and Insats B.
  const fs::path prior = year.parent_path() / "2023/rakenskaper.yaml";
  WriteFile(prior, ReplaceAll(ReadFile(prior), "      - text: Leverantörsskulder\n        belopp: 600000\n",
                              "      - text: Leverantörsskulder\n        belopp: 570000\n"
                              "      - text: Skuld insatser\n        belopp: 30000\n"));
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("<th scope=\"row\">Skuld insatser</th><td class=\"num\">60\u202F000</td><td class=\"num\">30\u202F000</td>") !=
        std::string::npos);
  // Not "–": that would say none of 2023's 30 000 was for Insats A.
  CHECK(html.find("<th scope=\"row\" class=\"i1\">Insats A</th><td class=\"num\">40\u202F000</td><td class=\"num\"></td>") !=
        std::string::npos);
}

// A note of lines under different headings prints each line's sum and no Summa of them all: a
// new user's note on fordringar and kortfristiga skulder ended in "Summa 931 645", an asset
// added to a debt. Fordringar and kassa och bank, both omsättningstillgångar, keep theirs.
TEST_CASE("a note of an asset line and a debt line has no Summa of the two") {
  TempDir temp;
  const std::string vat = "      - text: Momsfordran\n        belopp: 30000\n        rad: fordringar\n";
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", vat,
                                       vat + "      - text: Leverantörsskulder\n        belopp: 400000\n"
                                             "        rad: kortfristiga_skulder\n"
                                             "      - text: Skuld insatser\n        belopp: 60000\n"
                                             "        rad: kortfristiga_skulder\n");
  const fs::path accounts = year / "rakenskaper.yaml";
  std::string text = ReplaceAll(ReadFile(accounts), "avser: [balansrakning.fordringar, balansrakning.kassa_och_bank]",
                                "avser: [balansrakning.fordringar, balansrakning.kassa_och_bank, "
                                "balansrakning.kortfristiga_skulder]");
  const size_t debts = text.find("  - id: kortfristiga_skulder\n");
  const size_t next = text.find("  - id: beslutad_finansiering\n");
  REQUIRE((debts != std::string::npos && next != std::string::npos));
  WriteFile(accounts, text.erase(debts, next - debts));
  RunResult dump = RunArsred({"dump", "--stage", "figures", year.string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  const size_t note = dump.out.find("table not.omsattningstillgangar:");
  REQUIRE(note != std::string::npos);
  const std::string table = dump.out.substr(note, dump.out.find("\n\n", note) - note);
  CHECK(table.find("  Summa kortfristiga skulder | 460\u202F000 | ") != std::string::npos);
  CHECK(table.find("  Summa | ") == std::string::npos);

  // Without the debts, the note's lines are the omsättningstillgångar: their Summa stands.
  RunResult base = RunArsred({"dump", "--stage", "figures", (kSourceDir / "tests/fixtures/base/2024").string()});
  CHECK(base.out.find("  Summa | 2\u202F950\u202F000 | ") != std::string::npos);
}

// A prior year that kept no such note (a comparison year given its statements only) does not
// know the items: their cells are empty, where they printed "–", which says 0 kr. The note's
// Summa still prints the prior year's statement line, which it is.
TEST_CASE("a note the prior year did not keep leaves its items' prior cells empty and sums the statement line") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  const fs::path prior = temp.path() / "inputs/2023/rakenskaper.yaml";
  std::string text = ReadFile(prior);
  const size_t note = text.find("\n  - id: intakter\n");
  const size_t next = text.find("\n  - id: ", note + 1);
  REQUIRE((note != std::string::npos && next != std::string::npos));
  text.erase(note, next - note);
  WriteFile(prior, "resultatrakning:\n  verksamhetens_intakter: 4000000\n" + text);
  RunResult dump = RunArsred({"dump", "--stage", "figures", year.string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  CHECK(dump.out.find("  Bidrag regionen | 1\u202F050\u202F000 | \n") != std::string::npos);
  CHECK(dump.out.find("  Vidarefakturering | 50\u202F000 | \n") != std::string::npos);
  CHECK(dump.out.find("  Summa | 4\u202F250\u202F000 | 4\u202F000\u202F000\n") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

// An anlaggning note (typ: anlaggning), which neither seed förbund has: a new user's förbund
// bought inventarier for 60 000 kr and wrote them off over five years, and had to write them as
// an avsattning note, which printed "Ingående avsättning" for an asset. The note prints the
// acquisition value and the accumulated depreciation, each from its opening balance, and their
// sum, the redovisat värde, in both years (RKR R4).
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base years with inventarier bought in 2024 for `bought` kr (paid from the bank), written
// off by `depreciation` kr a year, and a 2025 that follows 2024 with nothing bought. `note_unit`
// is the note's `enhet` line, or "". Returns 2025's directory.
fs::path InventarierYears(const fs::path& dir, int64_t bought, int64_t depreciation, const std::string& note_unit = "") {
  fs::copy(kSourceDir / "tests/fixtures/base", dir / "inputs", fs::copy_options::recursive);
  const fs::path inputs = dir / "inputs";
  const bool in_tkr = !note_unit.empty();
  auto note = [&](int64_t amount) {
    return "  - id: inventarier\n    rubrik: Inventarier\n    avser: [balansrakning.materiella_anlaggningstillgangar]\n"
           "    typ: anlaggning\n" + note_unit + "    avskrivningstid: 5\n    poster:\n      - id: investeringar\n"
           "        text: Årets investeringar\n        belopp: " + std::to_string(in_tkr ? amount / 1000 : amount) + "\n";
  };
  auto bank = [](int64_t kr) { return "      - text: Företagskonto\n        belopp: " + std::to_string(kr) + "\n"; };
  const std::string base = ReadFile(inputs / "2024/rakenskaper.yaml");
  std::string year = ReplaceAll(base, "resultatrakning:\n  finansiella_intakter: 10000\n",
                                "resultatrakning:\n  finansiella_intakter: 10000\n  avskrivningar: " +
                                    std::to_string(depreciation) + "\n");
  year = ReplaceAll(year, "  - id: pensioner\n", note(bought) + "  - id: pensioner\n");
  // 2024 pays for the inventarier from the bank.
  std::string first = ReplaceAll(year, bank(2800000), bank(2800000 - bought));
  first = ReplaceAll(first, "noter:\n", "kassaflodesanalys:\n  investeringsverksamhet: -" + std::to_string(bought) + "\nnoter:\n");
  WriteFile(inputs / "2024/rakenskaper.yaml", first);
  // 2025: the same year again but for the inventarier, the pension provision's 80 000 kr (its
  // movements) and the result: the bank moves by result + provision + depreciation.
  fs::copy(inputs / "2024", inputs / "2025", fs::copy_options::recursive);
  std::string second = ReplaceAll(year, "belopp: " + std::to_string(in_tkr ? bought / 1000 : bought) + "\n  - id: pensioner",
                                  "belopp: 0\n  - id: pensioner");
  const int64_t result = -90000 - depreciation;
  second = ReplaceAll(second, bank(2800000), bank(2800000 - bought + result + 80000 + depreciation));
  second = second.substr(0, second.find("flerarsoversikt:")) + "flerarsoversikt:\n  antal_ar: 3\n";
  WriteFile(inputs / "2025/rakenskaper.yaml", second);
  const std::string org = ReadFile(inputs / "2025/forbund.yaml");
  WriteFile(inputs / "2025/forbund.yaml", ReplaceAll(ReplaceAll(org, "2025", "2026"), "2024", "2025"));
  return inputs / "2025";
}

std::string Row(const std::string& label, const std::string& current, const std::string& prior,
                const std::string& row_class = "") {
  auto cell = [](const std::string& value) { return "<td class=\"num\">" + ReplaceAll(value, " ", "\u202F") + "</td>"; };
  return "<tr" + (row_class.empty() ? "" : " class=\"" + row_class + "\"") + "><th scope=\"row\">" + label + "</th>" +
         cell(current) + cell(prior) + "</tr>";
}

std::string NoteTable(const fs::path& year, const fs::path& page) {
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  const size_t start = html.find("Inventarier</caption>");
  REQUIRE(start != std::string::npos);
  return html.substr(start, html.find("</table>", start) - start);
}

TEST_CASE("an anlaggning note prints its acquisition value, depreciation and redovisat värde in both years") {
  TempDir temp;
  const fs::path year = InventarierYears(temp.path(), 60000, 12000);
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  const std::string note = NoteTable(year, temp.path() / "rapport.html");
  INFO(note);
  CHECK(note.find(Row("Ingående anskaffningsvärde", "60 000", "–") + "\n" +
                  Row("Årets investeringar", "–", "60 000") + "\n" +
                  Row("Utgående anskaffningsvärde", "60 000", "60 000", "subtotal") + "\n" +
                  Row("Ingående ackumulerade avskrivningar", "−12 000", "–") + "\n" +
                  Row("Årets avskrivningar", "−12 000", "−12 000") + "\n" +
                  Row("Utgående ackumulerade avskrivningar", "−24 000", "−12 000", "subtotal") + "\n" +
                  Row("Redovisat värde", "36 000", "48 000", "total")) != std::string::npos);
  // Placeholders quote the note's figures by name.
  const std::string figures = RunArsred({"dump", "--stage", "figures", year.string()}).out;
  CHECK(figures.find("not.inventarier.ingaende_anskaffningsvarde = 60000 kr") != std::string::npos);
  CHECK(figures.find("not.inventarier.arets_avskrivningar = -12000 kr") != std::string::npos);
  CHECK(figures.find("not.inventarier.utgaende_avskrivningar = -24000 kr") != std::string::npos);
  CHECK(figures.find("not.inventarier.redovisat_varde = 36000 kr") != std::string::npos);
  CHECK(figures.find("br.materiella_anlaggningstillgangar = 36000 kr") != std::string::npos);
  // Both layouts print the same rows, the sums styled as sums.
  for (const char* layout : {"modern", "classic"}) {
    const std::string trace = RunArsred({"dump", "--stage", "layout", "--layout", layout, year.string()}).out;
    CHECK(Count(trace, "\"anskaffningsvärde\"") == 2);  // a trace's text runs are words
    CHECK(Count(trace, "\"Redovisat \"") == 1);
  }
}

TEST_CASE("a disposal prints under both the acquisition value and the accumulated depreciation") {
  // 2025 sells, at its book value of 12 000 kr, equipment bought for 20 000 kr and written off
  // by 8 000 kr: both leave the note, each in its own part, and the bank has the 12 000 kr.
  TempDir temp;
  const fs::path year = InventarierYears(temp.path(), 60000, 12000);
  const std::string accounts = ReadFile(year / "rakenskaper.yaml");
  const std::string investments = "        text: Årets investeringar\n        belopp: 0\n";
  REQUIRE(accounts.find(investments) != std::string::npos);
  std::string sold = ReplaceAll(accounts, investments,
                                investments + "      - text: Utrangeringar och försäljningar\n        belopp: -20000\n"
                                              "    avskrivningsposter:\n"
                                              "      - text: Utrangeringar och försäljningar\n        belopp: 8000\n");
  sold = ReplaceAll(sold, "belopp: 2730000\n", "belopp: 2742000\n");
  sold = ReplaceAll(sold, "noter:\n", "kassaflodesanalys:\n  investeringsverksamhet: 12000\nnoter:\n");
  WriteFile(year / "rakenskaper.yaml", sold);
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  const std::string note = NoteTable(year, temp.path() / "rapport.html");
  INFO(note);
  CHECK(note.find(Row("Årets investeringar", "–", "60 000") + "\n" +
                  Row("Utrangeringar och försäljningar", "−20 000", "–") + "\n" +
                  Row("Utgående anskaffningsvärde", "40 000", "60 000", "subtotal") + "\n" +
                  Row("Ingående ackumulerade avskrivningar", "−12 000", "–") + "\n" +
                  Row("Årets avskrivningar", "−12 000", "−12 000") + "\n" +
                  Row("Utrangeringar och försäljningar", "8 000", "–") + "\n" +
                  Row("Utgående ackumulerade avskrivningar", "−16 000", "−12 000", "subtotal") + "\n" +
                  Row("Redovisat värde", "24 000", "48 000", "total")) != std::string::npos);
  // The open data beside the page holds the note's figures, as printed.
  REQUIRE(RunArsred({"build", year.string(), "--html", "--open-data", "-o", (temp.path() / "oppen.html").string()})
              .exit_code == 0);
  const std::string data = ReadFile(temp.path() / "oppen.figures.json");
  CHECK(data.find("\"id\": \"not.inventarier.forandring_avskrivningar\", \"kind\": \"money\", \"exact\": 8000") !=
        std::string::npos);
  CHECK(data.find("\"id\": \"not.inventarier.redovisat_varde\", \"kind\": \"money\", \"exact\": 24000") !=
        std::string::npos);
}

TEST_CASE("the first year of an anlaggning note prints only the prior year's closings, which it knows") {
  TempDir temp;
  const fs::path first = InventarierYears(temp.path(), 60000, 12000).parent_path() / "2024";
  const std::string note = NoteTable(first, temp.path() / "rapport.html");
  INFO(note);
  // 2023 had no inventarier: its closings are this year's openings, 0, and its depreciation is
  // its resultaträkning's, none; what else moved in it is not known, and its cells are left
  // empty rather than "–".
  CHECK(note.find(Row("Ingående anskaffningsvärde", "–", "")) != std::string::npos);
  CHECK(note.find(Row("Årets investeringar", "60 000", "")) != std::string::npos);
  CHECK(note.find(Row("Utgående anskaffningsvärde", "60 000", "–", "subtotal")) != std::string::npos);
  CHECK(note.find(Row("Årets avskrivningar", "−12 000", "–")) != std::string::npos);
  CHECK(note.find(Row("Redovisat värde", "48 000", "–", "total")) != std::string::npos);
}

TEST_CASE("an anlaggning note in tkr keeps its sums and carries its closings in the printed figures") {
  // 12 400 kr a year rounds to 12 tkr each year, but the two years' 24 800 kr to 25: printed
  // each on its own, −12 − 12 would be −25. The rounding moves the closing depreciation to −24
  // and the redovisat värde (36 200 kr) to 37, so that 61 − 24 = 37, the balance sheet's line.
  TempDir temp;
  const fs::path year = InventarierYears(temp.path(), 61000, 12400, "    enhet: tkr\n");
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  const std::string note = NoteTable(year, temp.path() / "rapport.html");
  INFO(note);
  CHECK(note.find(Row("Ingående anskaffningsvärde", "61", "–") + "\n" +
                  Row("Årets investeringar", "–", "61") + "\n" +
                  Row("Utgående anskaffningsvärde", "61", "61", "subtotal") + "\n" +
                  Row("Ingående ackumulerade avskrivningar", "−12", "–") + "\n" +
                  Row("Årets avskrivningar", "−12", "−12") + "\n" +
                  Row("Utgående ackumulerade avskrivningar", "−24", "−12", "subtotal") + "\n" +
                  Row("Redovisat värde", "37", "49", "total")) != std::string::npos);
  const std::string figures = RunArsred({"dump", "--stage", "figures", year.string()}).out;
  CHECK(figures.find("br.materiella_anlaggningstillgangar = 36200 kr (±1000) -> 37 tkr") != std::string::npos);
  CHECK(figures.find("rr.avskrivningar = 12400 kr -> 12 tkr") != std::string::npos);
  CHECK(figures.find("not.inventarier.utgaende_avskrivningar = -24800 kr -> -24 tkr (moved off -25 by: Not Inventarier "
                     "2025: not.inventarier.utgaende_avskrivningar = not.inventarier.ingaende_avskrivningar + "
                     "not.inventarier.arets_avskrivningar)") != std::string::npos);
}

TEST_CASE("a purchase of fixed assets and the cash flow's investeringsverksamhet are checked against each other") {
  TempDir temp;
  const fs::path second = InventarierYears(temp.path(), 60000, 12000);
  const fs::path first = second.parent_path() / "2024";
  const fs::path file = first / "rakenskaper.yaml";
  const std::string paid = ReadFile(file);
  // The purchase written under financing: the cash still closes, but nothing was invested.
  WriteFile(file, ReplaceAll(paid, "investeringsverksamhet: -60000\n",
                             "investeringsverksamhet: 0\n  finansieringsverksamhet: -60000\n"));
  RunResult bought = RunArsred({"check", first.string()});
  INFO(bought.err);
  CHECK(bought.exit_code == 3);
  CHECK(bought.err.find("kassaflodesanalys.investeringsverksamhet: warning[cashflow.investing]: the anlaggning notes "
                        "add 60 000 kr to the acquisition value (first: Årets investeringar in `inventarier`), but the "
                        "cash flow's investeringsverksamhet is 0") != std::string::npos);
  // An investment in a year whose note buys nothing (the money came back as financing).
  WriteFile(file, paid);
  const std::string nothing_bought = ReadFile(second / "rakenskaper.yaml");
  WriteFile(second / "rakenskaper.yaml",
            ReplaceAll(nothing_bought, "noter:\n",
                       "kassaflodesanalys:\n  investeringsverksamhet: -5000\n  finansieringsverksamhet: 5000\nnoter:\n"));
  RunResult invested = RunArsred({"check", second.string()});
  INFO(invested.err);
  CHECK(invested.exit_code == 3);
  CHECK(invested.err.find("warning[cashflow.investing]: the cash flow invests 5 000 kr, but no anlaggning note (first "
                          "`inventarier`) adds to its acquisition value") != std::string::npos);
  // As the years are, both agree.
  WriteFile(second / "rakenskaper.yaml", nothing_bought);
  CHECK(RunArsred({"check", second.string()}).exit_code == 0);
}

}  // namespace
}  // namespace arsred::test

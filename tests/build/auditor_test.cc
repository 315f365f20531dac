// An auditor's test (issue 15, part 4): the printed reports of 2020 and 2023, in both layouts,
// read back from nothing but the PDF's text (pdftotext) and checked as an auditor checks them:
// every sum adds up in both year columns, equity and cash carry forward, the cash flow explains
// the balance sheet, each note's total is its statement line, the driftredovisning adds up and
// agrees with the income statement, a figure printed twice prints the same, and the text's
// "N tkr" are the tables' figures. auditor.h reads the PDF and makes the checks.
#include <catch2/catch.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "auditor.h"
#include "test_util.h"

namespace arsred::test {
namespace {

using auditor::Audit;
using auditor::PrintedReport;

// Builds inputs/<year> in a layout and reads the PDF back as an auditor would.
PrintedReport ReadPrinted(const std::string& year, const std::string& layout) {
  TempDir temp;
  fs::path pdf = temp.path() / ("arsredovisning-" + year + "-" + layout + ".pdf");
  RunResult run = RunArsred({"build", (kSourceDir / "inputs" / year).string(), "--layout", layout, "-o", pdf.string()});
  INFO(run.err);
  REQUIRE((run.exit_code == 0 || run.exit_code == 3));  // 3: warnings only
  ToolRun text = RunTool("pdftotext -bbox " + Quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  return auditor::ReadReport(auditor::ParseBbox(text.output));
}

// The least the auditor must have found and checked in a report, so that a reading that finds
// nothing fails rather than passes. Each kind is about two thirds of what today's reports give.
const std::vector<std::pair<std::string, int>> kLeastChecks = {
    {"sum", 40},           {"note", 16},           {"cash flow", 4}, {"cash", 3},  {"carried forward", 2},
    {"balance", 2},        {"driftredovisning", 6}, {"repeated", 12}, {"text", 14}, {"participants", 20},
};

void ExpectConsistent(const std::string& year, const std::string& layout, const std::vector<std::string>& parts) {
  PrintedReport report = ReadPrinted(year, layout);
  Audit audit = auditor::AuditReport(report);
  {
    std::string found;
    for (const std::string& part : audit.found) found += "\n  " + part;
    INFO("The auditor found in the " << year << " report (" << layout << "):" << found);
    INFO("and read:\n" << auditor::Describe(report));  // shown only if something was not found
    for (const std::string& part : parts) {
      INFO("looking for " << part);
      CHECK(audit.Found(part));
    }
    for (const auto& [kind, least] : kLeastChecks) {
      INFO("checks of kind \"" << kind << "\"");
      CHECK(audit.checks[kind] >= least);
    }
  }
  for (const std::string& finding : audit.findings) FAIL_CHECK(year << " (" << layout << "): " << finding);
}

const std::vector<std::string> k2023Parts = {
    "Resultaträkning 2023 2022", "Balansräkning 2023 2022", "Kassaflödesanalys 2023 2022",
    "Flerårsöversikt 2023 2022 2021 2020 2019 2018", "Driftredovisning 2023 2022",
    "Not 1", "Not 2", "Not 3", "Not 4", "Not 5", "Not 6", "Tabell 1", "Tabell 2", "Tabell 3"};
const std::vector<std::string> k2020Parts = {
    "Resultaträkning 2020 2019", "Balansräkning 2020 2019", "Kassaflödesanalys 2020 2019",
    "Flerårsöversikt 2020 2019 2018 2017 2016", "Driftredovisning 2020",
    "Not 1", "Not 2", "Not 3", "Not 4", "Not 5", "Not 6"};

TEST_CASE("an auditor with only the printed 2023 report finds it consistent (modern layout)", "[auditor]") {
  ExpectConsistent("2023", "modern", k2023Parts);
}

TEST_CASE("an auditor with only the printed 2023 report finds it consistent (classic layout)", "[auditor]") {
  ExpectConsistent("2023", "classic", k2023Parts);
}

TEST_CASE("an auditor with only the printed 2020 report finds it consistent (modern layout)", "[auditor]") {
  ExpectConsistent("2020", "modern", k2020Parts);
}

TEST_CASE("an auditor with only the printed 2020 report finds it consistent (classic layout)", "[auditor]") {
  ExpectConsistent("2020", "classic", k2020Parts);
}

// The figure in the row `label` of the first table whose title starts with `title`, under the
// column whose heading holds `year`.
std::optional<long long> Printed(const PrintedReport& report, const std::string& title, const std::string& label,
                                 const std::string& year) {
  for (const auditor::Table& table : report.tables) {
    if (table.title.rfind(title, 0) != 0) continue;
    for (const auditor::Row& row : table.rows) {
      if (row.label != label) continue;
      for (size_t c = 0; c < table.columns.size() && c < row.cells.size(); ++c) {
        if (table.columns[c].header.find(year) != std::string::npos && row.cells[c]) return row.cells[c]->value;
      }
    }
  }
  return std::nullopt;
}

// The two reports side by side: 2023's flerårsöversikt reprints 2019 and 2020 as the 2020
// report printed them, and the equity 2020's balance sheet printed, with 2021's result, is the
// opening equity of 2022 in the 2023 report, though 2021 and 2022 were kept only for comparison.
// An auditor found 2019's intäkter 8 972 in one and 8 973 in the other, and 4 695 + 1 361 ≠ 6 057.
TEST_CASE("an auditor with the 2020 and 2023 reports side by side finds the years they share alike", "[auditor]") {
  const PrintedReport older = ReadPrinted("2020", "modern"), newer = ReadPrinted("2023", "modern");
  for (const std::string year : {"2019", "2020"}) {
    for (const std::string row : {"Verksamhetens intäkter", "Verksamhetens kostnader", "Årets resultat"}) {
      INFO(row << " " << year);
      const auto before = Printed(older, "Flerårsöversikt", row, year), after = Printed(newer, "Flerårsöversikt", row, year);
      REQUIRE(before);
      REQUIRE(after);
      CHECK(*before == *after);
    }
  }
  const auto equity_2020 = Printed(older, "Balansräkning", "Eget kapital", "2020");
  const auto result_2021 = Printed(newer, "Flerårsöversikt", "Årets resultat", "2021");
  const auto opening_2022 = Printed(newer, "Balansräkning", "Övrigt eget kapital", "2022");
  REQUIRE(equity_2020);
  REQUIRE(result_2021);
  REQUIRE(opening_2022);
  CHECK(*equity_2020 + *result_2021 == *opening_2022);
}

// The checks themselves: one figure changed in what the auditor read must be found wherever
// the report ties it to another, whatever the report's own state.
auditor::Figure* Cell(PrintedReport& report, const std::string& title, const std::string& label, size_t column) {
  for (auditor::Table& table : report.tables) {
    if (table.title != title) continue;
    for (auditor::Row& row : table.rows) {
      if (row.label == label && column < row.cells.size() && row.cells[column]) return &*row.cells[column];
    }
  }
  return nullptr;
}

std::vector<std::string> NewFindings(const Audit& before, const Audit& after) {
  std::vector<std::string> added;
  for (const std::string& finding : after.findings) {
    if (std::find(before.findings.begin(), before.findings.end(), finding) == before.findings.end()) added.push_back(finding);
  }
  return added;
}

int Mentioning(const std::vector<std::string>& findings, const std::string& text) {
  return static_cast<int>(std::count_if(findings.begin(), findings.end(),
                                        [&](const std::string& finding) { return finding.find(text) != std::string::npos; }));
}

TEST_CASE("the auditor notices a figure that does not agree", "[auditor]") {
  const PrintedReport printed = ReadPrinted("2023", "modern");
  const Audit baseline = auditor::AuditReport(printed);

  SECTION("the year's income, tied to its note, the operating statement and the overview") {
    PrintedReport report = printed;
    auditor::Figure* income = Cell(report, "Resultaträkning", "Verksamhetens intäkter", 1);
    REQUIRE(income != nullptr);
    income->value += 2;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "Verksamhetens nettokostnader") >= 1);  // the statement's sum
    CHECK(Mentioning(added, "Not 1") >= 1);                          // the note's total
    CHECK(Mentioning(added, "Flerårsöversikt") >= 1);                // the overview
    CHECK(Mentioning(added, "Driftsredovisning") >= 1);              // the operating statement, titled by its heading
  }
  SECTION("a line of a note in kronor") {
    PrintedReport report = printed;
    auditor::Figure* line = Cell(report, "Not 5 Kortfristiga skulder", "Leverantörsskulder", 1);
    REQUIRE(line != nullptr);
    line->value += 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "\"Summa\" prints") == 1);
  }
  SECTION("a line's sum in a note of two lines, against its line of the balance sheet") {
    PrintedReport report = printed;
    // Not 3's receivables, 479 307 kr, which the balansräkning prints as 480 (tkr).
    auditor::Figure* receivables = Cell(report, "Not 3 Omsättningstillgångar", "Summa fordringar", 0);
    REQUIRE(receivables != nullptr);
    receivables->value += 5000;  // its text stays "479 307": messages quote what is printed
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "\"Summa fordringar\" for 2023 prints 479 307, but Balansräkning's \"Fordringar\" prints 480") == 1);
    CHECK(Mentioning(added, "\"Summa fordringar\" prints") == 1);  // its items
    CHECK(Mentioning(added, "the sums above it") == 1);               // the note's total
  }
  SECTION("a movement in the pension note") {
    PrintedReport report = printed;
    auditor::Figure* payments = Cell(report, "Not 4 Avsättningar för pensioner", "Årets utbetalningar", 0);
    REQUIRE(payments != nullptr);
    payments->value -= 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "\"Utgående avsättning\" prints 2 577") == 1);
  }
  SECTION("closing cash") {
    PrintedReport report = printed;
    auditor::Figure* cash = Cell(report, "Kassaflödesanalys", "Likvida medel vid årets slut", 1);
    REQUIRE(cash != nullptr);
    cash->value -= 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "opening cash") == 1);           // the cash flow's own sum
    CHECK(Mentioning(added, "\"Kassa och bank\"") >= 1);     // the balance sheet's cash
    CHECK(Mentioning(added, "closed with") >= 1);            // 2023 opens with what 2022 closed with
  }
  SECTION("a deviation in the driftredovisning") {
    PrintedReport report = printed;
    auditor::Figure* deviation = Cell(report, "Driftsredovisning", "Verksamhetskostnader", 2);
    REQUIRE(deviation != nullptr);
    deviation->value += 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "less Budget 2023") == 1);            // avvikelse = utfall − budget
    CHECK(Mentioning(added, "\"Verksamhetens nettokostnad\"") == 1);  // the column's sum
  }
  SECTION("participants: women and men against all") {
    PrintedReport report = printed;
    auditor::Figure* all = Cell(report, "Tabell 2. Deltagarflöden i insatser", "Nya deltagare", 0);
    REQUIRE(all != nullptr);
    all->value += 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "Tabell 2") == 1);
  }
  SECTION("participants: a share under its group's head") {
    PrintedReport report = printed;
    // Tabell 3's first share column, under "Andel av avslutade deltagare": 34 of 138 is 25 %.
    auditor::Figure* share = Cell(report, "Tabell 3. Resultat deltagare i finansierade insatser 2023", "Varav arbete", 3);
    REQUIRE(share != nullptr);
    REQUIRE(share->percent);
    share->value += 2;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "\"Varav arbete\"") == 1);
    CHECK(Mentioning(added, "34 of \"Avslutade deltagare\"") == 1);
  }
  SECTION("participants: one count in two tables") {
    PrintedReport report = printed;
    auditor::Figure* women = Cell(report, "Tabell 1. Antal inskrivna deltagare över tid", "2023", 1);
    REQUIRE(women != nullptr);
    women->value += 1;
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "\"inskrivna deltagare\", 2023, kvinnor") == 1);  // against Tabell 2
    CHECK(Mentioning(added, "Totalt prints 320") == 1);                       // its own sum
  }
  SECTION("a figure in the text one off the tables") {
    PrintedReport report = printed;
    REQUIRE(!report.text_figures.empty());
    // "Årets intäkter uppgår till 7 917 tkr"; 7 918 is the budget's figure, 7 916 no table's.
    REQUIRE(report.text_figures.front().value == 7917);
    report.text_figures.front().value -= 1;
    report.text_figures.front().text = "7 916";
    std::vector<std::string> added = NewFindings(baseline, auditor::AuditReport(report));
    INFO(Catch::Detail::stringify(added));
    CHECK(Mentioning(added, "says 7 916 tkr") == 1);
  }
}

}  // namespace
}  // namespace arsred::test

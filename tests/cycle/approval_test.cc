// An approved year stays put: `arsred approve` records its figures and texts, a later change is
// an error until `arsred reopen`, and the books are not imported into it.
#include <catch2/catch.hpp>

#include "load.h"
#include "test_util.h"

namespace arsred::test {
namespace {

// The base fixture with 2024 marked slutlig, as the board's decision leaves it.
struct FinalYear {
  TempDir temp;
  FinalYear() {
    fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
    Edit("forbund.yaml", "status: utkast", "status: slutlig");
  }
  fs::path year() const { return temp.path() / "inputs/2024"; }
  fs::path record() const { return year() / kApprovalFileName; }
  void Edit(const std::string& file, const std::string& from, const std::string& to) const {
    const fs::path p = file.find('/') == std::string::npos ? year() / file : temp.path() / "inputs" / file;
    const std::string text = ReadFile(p);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(p, ReplaceAll(text, from, to));
  }
  RunResult Check() const { return RunArsred({"check", year().string()}); }
};

TEST_CASE("an approved year checks clean until a figure or a text changes", "[approval]") {
  FinalYear y;
  RunResult unrecorded = y.Check();
  CHECK(unrecorded.exit_code == 3);
  CHECK(unrecorded.err.find("warning[approval.missing]: marked slutlig, but the year's figures are not recorded") !=
        std::string::npos);

  RunResult approved = RunArsred({"approve", y.year().string()});
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
  CHECK(approved.err.find("as approved on 2025-03-14 (8 files, in faststallande.yaml)") != std::string::npos);
  CHECK(ReadFile(y.record()).find("faststalld: 2025-03-14\nfiler:\n") != std::string::npos);
  CHECK(ReadFile(y.record()).find("\n  budget.yaml: ") != std::string::npos);
  CHECK(y.Check().exit_code == 0);

  // A comment or the YAML's layout is not a figure: still approved.
  WriteFile(y.year() / "budget.yaml", "# Granskad av ekonomen.\n" + ReadFile(y.year() / "budget.yaml"));
  CHECK(y.Check().exit_code == 0);

  // A text is.
  y.Edit("text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering i länet.");
  RunResult changed = y.Check();
  INFO(changed.err);
  CHECK(changed.exit_code == 2);
  CHECK(changed.err.find("text.yaml:1:1: text.yaml: error[approval.changed]: ") != std::string::npos);
  CHECK(changed.err.find("has changed since the year was approved (2025-03-14); undo the change, or reopen the "
                         "year: arsred reopen ") != std::string::npos);
  CHECK(changed.err.find("rakenskaper.yaml") == std::string::npos);  // only the file that changed
  // A final report of it is refused.
  const fs::path pdf = y.temp.path() / "r.pdf";
  RunResult final_build = RunArsred({"build", y.year().string(), "--final", "-o", pdf.string()});
  CHECK(final_build.exit_code == 2);
  CHECK(!fs::exists(pdf));

  // Reopened for a reason, it may change; approved again, it keeps the reason.
  CHECK(RunArsred({"reopen", y.year().string(), "--reason", "  "}).exit_code == 1);
  RunResult reopened = RunArsred({"reopen", y.year().string(), "--reason", "Formulering i förvaltningsberättelsen"});
  INFO(reopened.err);
  REQUIRE(reopened.exit_code == 0);
  CHECK(y.Check().exit_code == 3);  // slutlig, and not recorded again yet
  // Approved again by a new decision of the board, not the one reopened.
  RunResult same_decision = RunArsred({"approve", y.year().string()});
  CHECK(same_decision.exit_code == 2);
  CHECK(same_decision.err.find("its new approval is a new decision of the board: set `styrelsebeslut`") !=
        std::string::npos);
  CHECK(ReadFile(y.record()).find("\nfaststalld:") == std::string::npos);  // nothing was written
  y.Edit("forbund.yaml", "styrelsebeslut: 2025-03-14", "styrelsebeslut: 2025-03-28");
  y.Edit("forbund.yaml", "datum: 2025-03-14", "datum: 2025-03-28");
  RunResult again = RunArsred({"approve", y.year().string()});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(y.Check().exit_code == 0);
  const std::string record = ReadFile(y.record());
  CHECK(record.find("ateroppnad:\n  - faststalld: 2025-03-14\n    skal: \"Formulering i förvaltningsberättelsen\"") !=
        std::string::npos);
  // Approving twice is refused: the record says what the board approved.
  RunResult twice = RunArsred({"approve", y.year().string()});
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("was approved already (2025-03-28)") != std::string::npos);
}

TEST_CASE("an approval covers the earlier year's figures its report prints, and only what a later report reads",
          "[approval]") {
  FinalYear y;
  REQUIRE(RunArsred({"approve", y.year().string()}).exit_code == 0);
  const std::string record = ReadFile(y.record());
  CHECK(record.find("\n  2023/rakenskaper.yaml: ") != std::string::npos);
  CHECK(record.find("2023/text.yaml") == std::string::npos);  // an earlier year's prose is not read

  // The comparison column of the approved report is the earlier year's figures and labels.
  y.Edit("2023/rakenskaper.yaml", "text: Bidrag kommunerna", "text: Bidrag från kommunerna");
  RunResult changed = y.Check();
  INFO(changed.err);
  CHECK(changed.exit_code == 2);
  CHECK(changed.err.find("inputs/2023/rakenskaper.yaml has changed since ") != std::string::npos);
  CHECK(changed.err.find("inputs/2024 was approved (2025-03-14), whose report prints its figures; undo the change, "
                         "or reopen the year: arsred reopen ") != std::string::npos);
  y.Edit("2023/rakenskaper.yaml", "text: Bidrag från kommunerna", "text: Bidrag kommunerna");
  REQUIRE(y.Check().exit_code == 0);

  // The next year reads the approved year's figures, not its prose: a change there is the
  // approved year's own business, caught when it is checked, not in the next year's report.
  const fs::path next = y.temp.path() / "inputs/2025";
  RunResult started = RunArsred({"new", "2025", "--from", y.year().string()});
  INFO(started.err);
  REQUIRE(started.exit_code == 0);
  REQUIRE(fs::is_directory(next));
  auto approval_findings = [&] { return RunArsred({"check", next.string()}).err.find("approval.changed"); };
  CHECK(approval_findings() == std::string::npos);
  y.Edit("text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering i länet.");
  CHECK(approval_findings() == std::string::npos);
  CHECK(y.Check().exit_code == 2);
  y.Edit("text.yaml", "samordnar rehabilitering i länet.", "samordnar rehabilitering.");
  y.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800001\n        rad: kassa_och_bank");
  CHECK(approval_findings() != std::string::npos);
}

// A tester's damaged record ("x: [" appended) was never named: check gave seven findings that
// each file "was added since the year was approved ()", with an empty date.
TEST_CASE("a damaged approval record is named once, with its line, and no file is said to have changed", "[approval]") {
  FinalYear y;
  REQUIRE(RunArsred({"approve", y.year().string()}).exit_code == 0);
  WriteFile(y.record(), ReadFile(y.record()) + "x: [\n");
  RunResult damaged = y.Check();
  INFO(damaged.err);
  CHECK(damaged.exit_code == 2);
  CHECK(damaged.err.find("error[approval.unreadable]: " + y.record().string() + " cannot be read (line ") !=
        std::string::npos);
  CHECK(damaged.err.find("restore it from the archive or a copy") != std::string::npos);
  CHECK(damaged.err.find("approval.changed") == std::string::npos);
  CHECK(RunArsred({"build", y.year().string(), "--final", "-o", (y.temp.path() / "r.pdf").string()}).exit_code == 2);
  // As the message says: without a copy, removed and approved again.
  fs::remove(y.record());
  CHECK(RunArsred({"approve", y.year().string()}).exit_code == 0);
  CHECK(y.Check().exit_code == 0);
}

TEST_CASE("only a year marked slutlig and without errors is approved", "[approval]") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  RunResult draft = RunArsred({"approve", year.string()});
  CHECK(draft.exit_code == 2);
  CHECK(draft.err.find("set `status: slutlig` and `styrelsebeslut`") != std::string::npos);
  CHECK(!fs::exists(year / kApprovalFileName));

  FinalYear broken;
  broken.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800001\n        rad: kassa_och_bank");
  RunResult refused = RunArsred({"approve", broken.year().string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("error[balance.sheet]") != std::string::npos);
  CHECK(refused.err.find("a year with errors is not approved; nothing was written") != std::string::npos);
  CHECK(!fs::exists(broken.record()));
  CHECK(RunArsred({"reopen", broken.year().string(), "--reason", "x"}).exit_code == 2);  // nothing to reopen
}

TEST_CASE("the books are not imported into an approved year", "[approval][import]") {
  FinalYear y;
  WriteFile(y.year() / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  REQUIRE(RunArsred({"approve", y.year().string()}).exit_code == 0);
  const std::string before = ReadFile(y.year() / "rakenskaper.yaml");
  RunResult run = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/import/books-2024-closed.se").string(),
                             "--year", y.year().string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("has been approved (faststallande.yaml): its figures stay as the board approved them") !=
        std::string::npos);
  CHECK(ReadFile(y.year() / "rakenskaper.yaml") == before);
}

TEST_CASE("the books kept beside an approved year's figures are part of what was approved", "[approval][import]") {
  FinalYear y;
  WriteFile(y.year() / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  const std::string books = ReadFile(kSourceDir / "tests/fixtures/import/books-2024-closed.se");
  WriteFile(y.year() / kBooksFileName, books);
  RunResult approved = RunArsred({"approve", y.year().string()});
  INFO(approved.err);
  REQUIRE(approved.exit_code == 0);
  CHECK(ReadFile(y.record()).find("bokforing.se: ") != std::string::npos);
  CHECK(y.Check().exit_code == 0);

  // Another export put in their place is a change to the year.
  WriteFile(y.year() / kBooksFileName, books + "#KONTO 1999 \"Annat\"\n");
  RunResult changed = y.Check();
  INFO(changed.err);
  CHECK(changed.exit_code == 2);
  CHECK(changed.err.find("bokforing.se: error[approval.changed]: ") != std::string::npos);
  CHECK(changed.err.find("bokforing.se has changed since the year was approved") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

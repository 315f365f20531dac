// arsred import-sie: the figures of a year from the books, through the account mapping; and
// everything that makes it refuse, each with nothing written.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base fixture, with the 2024 rakenskaper.yaml that maps accounts (tests/fixtures/import),
// and the books of 2024 beside it.
struct Books {
  TempDir temp;
  Books() {
    fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
    WriteFile(accounts(), ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
    WriteFile(sie(), ReadFile(kSourceDir / "tests/fixtures/import/books-2024.se"));
  }
  fs::path year() const { return temp.path() / "inputs/2024"; }
  fs::path accounts() const { return year() / "rakenskaper.yaml"; }
  fs::path sie() const { return temp.path() / "bokslut-2024.se"; }
  void EditBooks(const std::string& from, const std::string& to) const {
    const std::string text = ReadFile(sie());
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(sie(), ReplaceAll(text, from, to));
  }
  void EditAccounts(const std::string& from, const std::string& to) const {
    const std::string text = ReadFile(accounts());
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(accounts(), ReplaceAll(text, from, to));
  }
  RunResult Import() const { return RunArsred({"import-sie", sie().string(), "--year", year().string()}); }
};

// Every belopp of the mapped items and the line given directly, set to `value`.
std::string Blank(std::string text, const std::string& value) {
  for (const char* amount : {"1050000", "2100000", "50000", "2800000", "1300000", "250000", "120000", "30000",
                             "400000"}) {
    text = ReplaceAll(text, std::string("belopp: ") + amount + "\n", "belopp: " + value + "\n");
  }
  return ReplaceAll(text, "finansiella_intakter: 10000", "finansiella_intakter: " + value);
}

TEST_CASE("the books' figures are written in place of the values, and the year checks clean", "[import]") {
  for (const char* blank : {"0", "ATT FYLLA I"}) {
    Books books;
    const std::string complete = ReadFile(books.accounts());
    WriteFile(books.accounts(), Blank(complete, blank));
    REQUIRE(ReadFile(books.accounts()) != complete);
    RunResult run = books.Import();
    INFO(blank << "\n" << run.err);
    REQUIRE(run.exit_code == 0);
    // Each amount where it belongs; comments, order and everything else as they were.
    CHECK(ReadFile(books.accounts()) == complete);
    CHECK(run.err.find("rakenskaper.yaml:10:17: noter.intakter.region = 1 050 000 kr (3010)") !=
          std::string::npos);
    CHECK(run.err.find("wrote 12 amounts") != std::string::npos);
    CHECK(run.err.find("checked 3 more against the books") != std::string::npos);
    // The books themselves are kept beside the figures, byte for byte, for the archive.
    CHECK(ReadFile(books.year() / "bokforing.se") == ReadFile(books.sie()));
    CHECK(run.err.find("kept a copy of the books as " + (books.year() / "bokforing.se").generic_string()) !=
          std::string::npos);
    RunResult check = RunArsred({"check", books.year().string()});
    INFO(check.err);
    CHECK(check.exit_code == 0);
  }
}

// A tester found the amounts written over only the first line of a value, or over the rest of
// its line: `{ingaende: ATT FYLLA I}` lost its `}`, an item written as a flow mapping lost the
// keys after `belopp`, and a value over two lines kept its second ("2000000\n FYLLA I"), each
// with exit 0. The whole value is replaced, in any style, and nothing else.
TEST_CASE("a value in any YAML style is replaced whole, with what follows it on its line kept", "[import]") {
  struct Case {
    const char* style;
    std::string written;  // a value of the fixture, as the fixture writes it with what is around it
    std::string styled;   // the same with the value to fill in, in the style
    std::string imported;  // the styled text, as the import should leave it
  };
  const std::string region = "      - id: region\n        text: Bidrag regionen\n        belopp: 1050000\n"
                             "        bidrag_fran: region\n        drift: medlemsbidrag\n";
  const std::vector<Case> cases{
      {"a flow mapping", "resultatrakning:\n  finansiella_intakter: 10000\n",
       "resultatrakning: {finansiella_intakter: ATT FYLLA I}\n", "resultatrakning: {finansiella_intakter: 10000}\n"},
      {"a flow mapping as a sequence's item, with keys after the value", region,
       "      - {id: region, text: Bidrag regionen, belopp: ATT FYLLA I, bidrag_fran: region, drift: medlemsbidrag}\n",
       "      - {id: region, text: Bidrag regionen, belopp: 1050000, bidrag_fran: region, drift: medlemsbidrag}\n"},
      {"a plain value over two lines", "        belopp: 2100000\n        bidrag_fran: stat\n",
       "        belopp: ATT\n          FYLLA I\n        bidrag_fran: stat\n",
       "        belopp: 2100000\n        bidrag_fran: stat\n"},
      {"a folded block (>-)", "        belopp: 1050000\n        bidrag_fran: kommun\n",
       "        belopp: >-\n          ATT FYLLA I\n        bidrag_fran: kommun\n",
       "        belopp: 1050000\n        bidrag_fran: kommun\n"},
      {"a literal block (|) of lines with an empty one between, a comment on its first",
       "        belopp: 50000\n        drift: ovriga_intakter\n",
       "        belopp: |  # from the ledger\n          ATT\n\n          FYLLA I\n        drift: ovriga_intakter\n",
       "        belopp: 50000  # from the ledger\n        drift: ovriga_intakter\n"},
      {"double quotes over two lines", "        belopp: 2800000\n        drift: insatser\n",
       "        belopp: \"ATT\n          FYLLA I\"\n        drift: insatser\n",
       "        belopp: 2800000\n        drift: insatser\n"},
      {"double quotes around an escaped quote", "        belopp: 1300000\n        drift: personal\n",
       "        belopp: \"ATT \\\"FYLLA\\\" I\"\n        drift: personal\n",
       "        belopp: 1300000\n        drift: personal\n"},
      {"single quotes around a quote written twice", "        belopp: 250000\n        drift: ovriga\n",
       "        belopp: 'ATT ''FYLLA'' I'\n        drift: ovriga\n", "        belopp: 250000\n        drift: ovriga\n"},
      {"a comment after the value, on its line, on its last line and after a flow mapping",
       "        belopp: 2800000\n        rad: kassa_och_bank\n      - id: skattekonto\n        text: Skattekonto\n"
       "        belopp: 120000\n        rad: fordringar\n      - id: momsfordran\n        text: Momsfordran\n"
       "        belopp: 30000\n        rad: fordringar\n",
       "        belopp: ATT FYLLA I  # from the ledger\n        rad: kassa_och_bank\n      - id: skattekonto\n"
       "        text: Skattekonto\n        belopp: ATT\n          FYLLA I  # from the ledger\n        rad: fordringar\n"
       "      - {id: momsfordran, text: Momsfordran, belopp: ATT FYLLA I, rad: fordringar}  # from the ledger\n",
       "        belopp: 2800000  # from the ledger\n        rad: kassa_och_bank\n      - id: skattekonto\n"
       "        text: Skattekonto\n        belopp: 120000  # from the ledger\n        rad: fordringar\n"
       "      - {id: momsfordran, text: Momsfordran, belopp: 30000, rad: fordringar}  # from the ledger\n"},
  };
  for (const Case& c : cases) {
    INFO(c.style);
    Books books;
    const std::string complete = ReadFile(books.accounts());
    REQUIRE(complete.find(c.written) != std::string::npos);
    WriteFile(books.accounts(), ReplaceAll(complete, c.written, c.styled));
    RunResult run = books.Import();
    INFO(run.err);
    CHECK(run.exit_code == 0);
    CHECK(ReadFile(books.accounts()) == ReplaceAll(complete, c.written, c.imported));
    RunResult check = RunArsred({"check", books.year().string()});
    INFO(check.err);
    CHECK(check.exit_code == 0);
  }
}

// Runs the import on books changed by `edit` and expects a refusal naming `code`, with the
// year's file untouched.
void ExpectRefused(const Books& books, const std::string& code, const std::string& where) {
  const std::string before = ReadFile(books.accounts());
  RunResult run = books.Import();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("[" + code + "]") != std::string::npos);
  CHECK(run.err.find(where) != std::string::npos);
  CHECK(run.err.find("nothing was written") != std::string::npos);
  CHECK(ReadFile(books.accounts()) == before);
  CHECK(!fs::exists(books.year() / "bokforing.se"));
}

TEST_CASE("lines in öre are rounded together, so that the result and the balance sheet stay the books'", "[import]") {
  // Closed books whose öre, rounded line by line, would put the result 1 kr below the books'
  // (tests/fixtures/next-year/README.md): 3740 −211,60 and 8310 12 486,37 kr.
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const std::string imported = ReadFile(year / "rakenskaper.yaml");
  std::string blank = ReplaceAll(imported, "belopp: -211\n", "belopp: ATT FYLLA I\n");
  blank = ReplaceAll(blank, "finansiella_intakter: 12486\n", "finansiella_intakter: ATT FYLLA I\n");
  REQUIRE(blank != imported);
  WriteFile(year / "rakenskaper.yaml", blank);
  RunResult run = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/next-year/bokslut-2024.se").string(),
                             "--year", year.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // 211,60 is the line nearest a half krona, so it is the one rounded the other way.
  CHECK(run.err.find("noter.intakter.oresutjamning = −211 kr (3740), rounded from −211,60 kr so that the result "
                     "lines add up to the books' result, −840 553 kr") != std::string::npos);
  CHECK(run.err.find("resultatrakning.finansiella_intakter = 12 486 kr (8300-8399)\n") != std::string::npos);
  CHECK(ReadFile(year / "rakenskaper.yaml") == imported);
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("the pension provision is checked against the books to the krona when its opening is exact", "[import]") {
  // 2023 gave the provision only in tkr (2 577); 2024 states its exact opening, 2 576 843 kr, so
  // the note's closing balance is known to the krona and must be the books' 2 595 137 kr.
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const std::string books = (kSourceDir / "tests/fixtures/next-year/bokslut-2024.se").string();
  RunResult clean = RunArsred({"import-sie", books, "--year", year.string()});
  INFO(clean.err);
  REQUIRE(clean.exit_code == 0);
  const std::string accounts = ReadFile(year / "rakenskaper.yaml");
  WriteFile(year / "rakenskaper.yaml", ReplaceAll(accounts, "belopp: 61234\n", "belopp: 61334\n"));
  RunResult off = RunArsred({"import-sie", books, "--year", year.string()});
  INFO(off.err);
  CHECK(off.exit_code == 2);
  CHECK(off.err.find("error[import.check]: the books close noter.pensioner (2200-2299) at 2 595 137 kr, the note's "
                     "opening balance and movements at 2 595 237 kr") != std::string::npos);
}

// Account -> target of a kontomappning as written ("  - konton: [1630, 4000-4999]\n    till: x").
std::map<int, std::string> TargetsOf(const std::string& mapping) {
  std::map<int, std::string> targets;
  std::istringstream in(mapping.substr(mapping.find("kontomappning:")));
  std::vector<std::pair<int, int>> ranges;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("  - konton: [", 0) == 0) {
      ranges.clear();
      std::istringstream list(line.substr(13, line.find(']') - 13));
      for (std::string item; std::getline(list, item, ',');) {
        item = ReplaceAll(ReplaceAll(item, "\"", ""), " ", "");
        const size_t dash = item.find('-');
        const int first = std::stoi(item);
        ranges.push_back({first, dash == std::string::npos ? first : std::stoi(item.substr(dash + 1))});
      }
    } else if (line.rfind("    till: ", 0) == 0) {
      for (auto [first, last] : ranges) {
        for (int account = first; account <= last; ++account) targets[account] = line.substr(10);
      }
    }
  }
  return targets;
}

TEST_CASE("a program's chart of accounts is proposed by meaning, not by little words", "[import]") {
  // The next-year fixture's books, from a program's BAS chart, and the kontomappning its
  // economist settled on. "7010 Löner till tjänstemän" shares only "till" with "Bidrag till
  // insatser", and belongs with the personnel costs.
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const std::string accounts = ReadFile(year / "rakenskaper.yaml");
  WriteFile(year / "rakenskaper.yaml", accounts.substr(0, accounts.find("kontomappning:")));
  const std::string books = (kSourceDir / "tests/fixtures/next-year/bokslut-2024.se").string();
  RunResult proposed = RunArsred({"import-sie", books, "--year", year.string(), "--propose-mapping"});
  INFO(proposed.err << proposed.out);
  REQUIRE(proposed.exit_code == 0);
  CHECK(proposed.out.find("  - konton: [7010, 7090, 7410, 7490, 7510, 7530, 7610, 7690]\n"
                          "    till: noter.kostnader.personalkostnader\n"
                          "    # 7010 Löner till tjänstemän -> Personalkostnader\n") != std::string::npos);
  CHECK(proposed.out.find("no word of the names matched") == std::string::npos);
  // Every account goes where the economist put it, but one whose name fits two items: "2990
  // Övriga upplupna kostnader", proposed as Upplupna kostnader, kept as Interimsskulder.
  const std::map<int, std::string> settled = TargetsOf(accounts), proposal = TargetsOf(proposed.out);
  CHECK(proposal.size() == 43);  // every account with a balance but 8999
  for (const auto& [account, target] : proposal) {
    INFO(account);
    if (account == 2990) {
      CHECK(target == "noter.kortfristiga_skulder.upplupna_kostnader");
      CHECK(settled.at(account) == "noter.kortfristiga_skulder.interimsskulder");
    } else if (settled.count(account)) {
      CHECK(target == settled.at(account));
    } else {
      CHECK(account == 2099);  // settled mappings leave the booked result to the closing voucher
    }
  }
}

// A proposal from books in Latin-1 that say #FORMAT PC8 matched "Bidrag F÷rsΣkringskassan" to
// the region, and said nothing of the encoding, which --dry-run warned of.
TEST_CASE("a proposal says what the books' warnings say", "[import]") {
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const std::string accounts = ReadFile(year / "rakenskaper.yaml");
  WriteFile(year / "rakenskaper.yaml", accounts.substr(0, accounts.find("kontomappning:")));
  const std::string cp437 = ReadFile(kSourceDir / "tests/fixtures/next-year/bokslut-2024.se");
  REQUIRE(cp437.find('\x94') != std::string::npos);  // ö in CP437
  const fs::path latin1 = temp.path() / "latin1.se";
  WriteFile(latin1, ReplaceAll(ReplaceAll(ReplaceAll(cp437, "\x94", "\xF6"), "\x84", "\xE4"), "\x86", "\xE5"));
  RunResult proposed = RunArsred({"import-sie", latin1.string(), "--year", year.string(), "--propose-mapping"});
  INFO(proposed.err);
  CHECK(proposed.exit_code == 0);
  CHECK(proposed.err.find("warning[sie.encoding]") != std::string::npos);
}

TEST_CASE("account names in capitals, as older programs write them, are proposed alike", "[import]") {
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const std::string accounts = ReadFile(year / "rakenskaper.yaml");
  WriteFile(year / "rakenskaper.yaml", accounts.substr(0, accounts.find("kontomappning:")));
  // The #KONTO names in capitals, in the file's own CP437: å, ä, ö are 0x86, 0x84, 0x94 and
  // Å, Ä, Ö 0x8F, 0x8E, 0x99.
  std::string books = ReadFile(kSourceDir / "tests/fixtures/next-year/bokslut-2024.se");
  for (size_t at = books.find("#KONTO"); at != std::string::npos; at = books.find("#KONTO", at + 1)) {
    for (size_t i = at; i < books.size() && books[i] != '\r' && books[i] != '\n'; ++i) {
      const unsigned char c = static_cast<unsigned char>(books[i]);
      if (c >= 'a' && c <= 'z') books[i] = static_cast<char>(c - 'a' + 'A');
      if (c == 0x86) books[i] = static_cast<char>(0x8F);
      if (c == 0x84) books[i] = static_cast<char>(0x8E);
      if (c == 0x94) books[i] = static_cast<char>(0x99);
    }
  }
  const fs::path capitals = temp.path() / "versaler.se";
  WriteFile(capitals, books);
  RunResult proposed = RunArsred({"import-sie", capitals.string(), "--year", year.string(), "--propose-mapping"});
  INFO(proposed.err << proposed.out);
  REQUIRE(proposed.exit_code == 0);
  // Every account goes where the economist put it (2990 aside, as with the names as written):
  // "FÖRSÄKRINGSKASSAN" finds the item of Försäkringskassan's contribution.
  const std::map<int, std::string> settled = TargetsOf(accounts), proposal = TargetsOf(proposed.out);
  for (const auto& [account, target] : proposal) {
    INFO(account);
    if (settled.count(account) && account != 2990) CHECK(target == settled.at(account));
  }
  CHECK(proposal.size() == 43);
}

TEST_CASE("books that are missing or a directory are refused with the system's reason", "[import]") {
  Books books;
  const fs::path missing = books.temp.path() / "saknas.se";
  RunResult run = RunArsred({"import-sie", missing.string(), "--year", books.year().string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err == "arsred: import-sie: " + missing.string() + ": No such file or directory\n");
  RunResult directory = RunArsred({"import-sie", books.year().string(), "--year", books.year().string()});
  CHECK(directory.exit_code == 2);
  CHECK(directory.err == "arsred: import-sie: " + books.year().string() + ": a directory, not a file\n");
}

// A rakenskaper.yaml saved as Windows-1252 was refused with "rakenskaper.yaml has no
// kontomappning", and a forbund.yaml that could not be read with "the books are those of
// organisation number …, not  ()": what the import could not read is what to mend.
TEST_CASE("a year whose forbund.yaml or rakenskaper.yaml cannot be read is refused with why", "[import]") {
  for (const char* file : {"rakenskaper.yaml", "forbund.yaml"}) {
    Books books;
    const fs::path path = books.year() / file;
    WriteFile(path, ReplaceAll(ReadFile(path), "\u00e4", "\xe4"));  // ä in Latin-1
    RunResult run = books.Import();
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(std::string(file) + ":") != std::string::npos);
    CHECK(run.err.find("error[file.encoding]") != std::string::npos);
    CHECK(run.err.find("import.mapping") == std::string::npos);
    CHECK(run.err.find("import.organisation") == std::string::npos);
    CHECK(run.err.find("cannot be read (above): mend that first; nothing was written") != std::string::npos);
  }
  Books without_org;
  fs::remove(without_org.year() / "forbund.yaml");
  RunResult run = without_org.Import();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("forbund.yaml is missing: mend that first") != std::string::npos);
  CHECK(run.err.find("import.organisation") == std::string::npos);
}

TEST_CASE("books of another organisation or year are refused at their line", "[import]") {
  Books other_organisation;
  other_organisation.EditBooks("#ORGNR 222000-1990", "#ORGNR 556036-0793");
  ExpectRefused(other_organisation, "import.organisation", "bokslut-2024.se:7:");

  Books other_year;
  other_year.EditBooks("#RAR 0 20240101 20241231\r\n#RAR -1 20230101 20231231",
                       "#RAR 0 20250101 20251231\r\n#RAR -1 20240101 20241231");
  ExpectRefused(other_year, "import.year", "bokslut-2024.se:8:");

  // A broken financial year that starts in the year, and a short one: year 0 must be the whole
  // calendar year, not merely start in it.
  Books broken_year;
  broken_year.EditBooks("#RAR 0 20240101 20241231\r\n#RAR -1 20230101 20231231",
                        "#RAR 0 20240501 20250430\r\n#RAR -1 20230501 20240430");
  ExpectRefused(broken_year, "import.year",
                "bokslut-2024.se:8:6: #RAR: error[import.year]: the books' year 0 is 2024-05-01 \u2013 2025-04-30, "
                "not the financial year 2024 (2024-01-01 \u2013 2024-12-31)");
  Books short_year;
  short_year.EditBooks("#RAR 0 20240101 20241231", "#RAR 0 20240101 20240630");
  ExpectRefused(short_year, "import.year",
                "bokslut-2024.se:8:6: #RAR: error[import.year]: the books' year 0 is 2024-01-01 \u2013 2024-06-30");
  const std::string err = short_year.Import().err;
  CHECK(err.find("error[") == err.rfind("error["));  // that one only
}

TEST_CASE("the organisation number is the same with the century or a suffix — books without one are warned of",
          "[import]") {
  for (const char* written : {"162220001990", "16222000-1990", "222000-1990-0001", "2220001990", "SE222000199001"}) {
    Books books;
    books.EditBooks("#ORGNR 222000-1990", std::string("#ORGNR ") + written);
    RunResult run = books.Import();
    INFO(written << "\n" << run.err);
    CHECK(run.exit_code == 0);
    CHECK(run.err.find("import.organisation") == std::string::npos);
  }
  Books century_of_another;
  century_of_another.EditBooks("#ORGNR 222000-1990", "#ORGNR 165560360793");
  ExpectRefused(century_of_another, "import.organisation", "organisation number \"165560360793\", not 222000-1990");

  Books unnamed;
  unnamed.EditBooks("#ORGNR 222000-1990\r\n", "");
  RunResult run = unnamed.Import();
  INFO(run.err);
  CHECK(run.exit_code == 0);
  // Shown where the books name the company, with its line, as every finding is.
  CHECK(run.err.find("bokslut-2024.se:6:8: #FNAMN: warning[import.organisation]: the books do not name their "
                     "organisation (no #ORGNR): make sure they are those of 222000-1990 (Samordningsförbundet "
                     "Provbygden)\n    #FNAMN \"Samordningsförbundet Provbygden\"\n           ^\n") != std::string::npos);
  CHECK(run.err.find("\"\"") == std::string::npos);
}

TEST_CASE("an account with a balance that no mapping takes is refused, named with its line", "[import]") {
  Books books;
  books.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2795000.00\r\n#UB 0 1910 5000.00");
  books.EditBooks("#KONTO 1930", "#KONTO 1910 \"Kassa\"\r\n#KONTO 1930");
  ExpectRefused(books, "import.unmapped",
                "account 1910 (Kassa) has a balance of 5 000,00 kr that no kontomappning takes: add the account "
                "to the line of rakenskaper.yaml's kontomappning it belongs to (--propose-mapping suggests one)"
                "\n    #UB 0 1910 5000.00\n          ^\n");  // the caret under the account
}

TEST_CASE("an account mapped to a line of the other statement is refused, not dropped", "[import]") {
  // A bank account among the income, whose #UB 0 a result line would not take.
  Books balance_in_result;
  balance_in_result.EditAccounts("  - konton: [1930]\n    till: noter.omsattningstillgangar.foretagskonto\n", "");
  balance_in_result.EditAccounts("konton: [3010]", "konton: [3010, 1930]");
  ExpectRefused(balance_in_result, "import.mapping",
                "error[import.mapping]: account 1930 (Företagskonto) has a balance sheet balance (#UB 0) of "
                "2 800 000,00 kr, but is mapped to noter.intakter.region, a resultaträkning line, which takes #RES 0: "
                "its amount would be lost");

  // Interest income on the bank account's line, whose #RES 0 a balance sheet line would not take.
  Books result_in_balance;
  result_in_balance.EditAccounts("konton: [8300-8399]", "konton: [8300-8309]");
  result_in_balance.EditAccounts("konton: [1930]", "konton: [1930, 8310]");
  ExpectRefused(result_in_balance, "import.mapping",
                "error[import.mapping]: account 8310 (Ränteintäkter) has a result balance (#RES 0) of "
                "−10 000,00 kr, but is mapped to noter.omsattningstillgangar.foretagskonto, a balansräkning line, "
                "which takes #UB 0: its amount would be lost");
}

TEST_CASE("the books' year before is checked against the inputs of the year before, line by line", "[import]") {
  // 2023 as the inputs give it: intäkter 4 000 000, kostnader 3 900 000, nothing financial.
  // Its books closed: the result of 100 000 kr booked to equity through 8999.
  const std::string prior_year =
      "#RES 0 8310 -10000.00\r\n#RES -1 8999 100000.00\r\n"
      "#RES -1 3010 -1000000.00\r\n#RES -1 3020 -2000000.00\r\n"
      "#RES -1 3030 -1000000.00\r\n#RES -1 4010 2500000.00\r\n#RES -1 6110 200000.00\r\n"
      "#RES -1 7010 900000.00\r\n#RES -1 7510 300000.00";
  const std::string closing_account = "#KONTO 8310 ";
  Books agreeing;
  agreeing.EditBooks(closing_account, "#KONTO 8999 \"Arets resultat\"\r\n" + closing_account);
  agreeing.EditBooks("#RES 0 8310 -10000.00", prior_year);
  RunResult clean = agreeing.Import();
  INFO(clean.err);
  REQUIRE(clean.exit_code == 0);
  CHECK(clean.err.find("import.prior_year") == std::string::npos);

  // The books' 2023 personnel costs 100 000 kr lower (and its result higher) than the inputs of
  // 2023 say: written, and warned of once, at the line's first mapping, since the comparison
  // column would print 2023's inputs.
  Books differing;
  differing.EditBooks(closing_account, "#KONTO 8999 \"Arets resultat\"\r\n" + closing_account);
  differing.EditBooks("#RES 0 8310 -10000.00",
                      ReplaceAll(ReplaceAll(prior_year, "#RES -1 7010 900000.00", "#RES -1 7010 800000.00"),
                                 "#RES -1 8999 100000.00", "#RES -1 8999 200000.00"));
  RunResult warned = differing.Import();
  INFO(warned.err);
  CHECK(warned.exit_code == 0);
  CHECK(warned.err.find("warning[import.prior_year]: the books give 2023's verksamhetens_kostnader as 3 800 000 kr "
                        "(#RES -1), but the inputs of 2023 give 3 900 000 kr") != std::string::npos);
  CHECK(warned.err.find("import.prior_year", warned.err.find("import.prior_year") + 1) == std::string::npos);
}

TEST_CASE("figures the books must agree with are checked, not written", "[import]") {
  // The pension provision: last year's closing balance and this year's movements.
  Books pensions;
  pensions.EditBooks("#UB 0 2230 -580000.00", "#UB 0 2230 -590000.00");
  pensions.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -1990000.00");
  ExpectRefused(pensions, "import.check", "the books close noter.pensioner (2200-2299) at 590 000 kr");

  // A group of poster: their sum.
  Books group;
  group.EditBooks("#UB 0 2891 -40000.00", "#UB 0 2891 -45000.00");
  group.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -1995000.00");
  ExpectRefused(group, "import.check", "noter.kortfristiga_skulder.skuld_insatser (2890-2899) 65 000 kr");
}

TEST_CASE("an anlaggning note is mapped whole, and its accounts must close at its redovisat värde", "[import]") {
  // Inventarier bought for 60 000 kr from the bank (1220) and written off by 12 000 kr (1229,
  // 7832): the accounts close at 48 000 kr, the note's redovisat värde.
  auto with_inventarier = [](const Books& books) {
    books.EditAccounts("  finansiella_intakter: 10000\n", "  finansiella_intakter: 10000\n  avskrivningar: 0\n"
                                                             "kassaflodesanalys:\n  investeringsverksamhet: -60000\n");
    books.EditAccounts("  - id: pensioner\n",
                       "  - id: inventarier\n    rubrik: Inventarier\n"
                       "    avser: [balansrakning.materiella_anlaggningstillgangar]\n    typ: anlaggning\n"
                       "    poster:\n      - text: Årets investeringar\n        belopp: 60000\n"
                       "  - id: pensioner\n");
    books.EditAccounts("kontomappning:\n", "kontomappning:\n  - konton: [1200-1299]\n    till: noter.inventarier\n"
                                            "  - konton: [7800-7899]\n    till: resultatrakning.avskrivningar\n");
    books.EditBooks("#KONTO 1630", "#KONTO 1220 \"Inventarier\"\r\n#KONTO 1229 \"Ackumulerade avskrivningar\"\r\n"
                                   "#KONTO 7832 \"Avskrivningar inventarier\"\r\n#KONTO 1630");
    books.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2740000.00\r\n#UB 0 1220 60000.00\r\n#UB 0 1229 -12000.00");
    books.EditBooks("#RES 0 8310 -10000.00", "#RES 0 8310 -10000.00\r\n#RES 0 7832 12000.00");
  };
  Books clean;
  with_inventarier(clean);
  RunResult imported = clean.Import();
  INFO(imported.err);
  REQUIRE(imported.exit_code == 0);
  CHECK(ReadFile(clean.accounts()).find("  avskrivningar: 12000\n") != std::string::npos);
  RunResult check = RunArsred({"check", clean.year().string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);

  Books off;
  with_inventarier(off);
  off.EditBooks("#UB 0 1229 -12000.00", "#UB 0 1229 -15000.00");
  off.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -1997000.00");
  ExpectRefused(off, "import.check",
                "the books close noter.inventarier (1200-1299) at 45 000 kr, the note's redovisat värde (opening "
                "balances, movements and the year's avskrivningar) at 48 000 kr");

  // Its items are movements: an item is not mapped.
  Books item;
  with_inventarier(item);
  item.EditAccounts("    till: noter.inventarier\n", "    till: noter.inventarier.investeringar\n");
  ExpectRefused(item, "import.mapping", "the items of an anlaggning note are the year's movements");
}

TEST_CASE("opening balances that are not last year's closing ones are refused", "[import]") {
  Books books;
  for (const char* record : {"#IB 0", "#UB -1"}) {
    books.EditBooks(std::string(record) + " 1930 3000000.00", std::string(record) + " 1930 3100000.00");
    books.EditBooks(std::string(record) + " 2010 -2000000.00", std::string(record) + " 2010 -2100000.00");
  }
  ExpectRefused(books, "import.opening", "the books open eget_kapital (2000-2099) at 2 100 000 kr, but 2023 "
                                         "closed it at 2 000 000 kr");
}

TEST_CASE("a mapping that names nothing, or takes an account twice, is refused and found by check", "[import]") {
  Books unknown;
  unknown.EditAccounts("till: noter.intakter.fk", "till: noter.intakter.forsakringskassan");
  ExpectRefused(unknown, "import.mapping", "note `intakter` has no item with id `forsakringskassan`");
  RunResult check = RunArsred({"check", unknown.year().string()});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[mapping.target]") != std::string::npos);

  Books twice;
  twice.EditAccounts("konton: [3020]", "konton: [3010-3020]");
  ExpectRefused(twice, "import.mapping", "accounts 3010-3020 are already mapped to noter.intakter.region");
  check = RunArsred({"check", twice.year().string()});
  CHECK(check.err.find("error[mapping.accounts]") != std::string::npos);

  // A range as Word or Excel corrects it, with an en dash or spaces: the range it meant is named.
  Books dashed;
  dashed.EditAccounts("konton: [3020]", "konton: [\"3020\u20133029\", 3000 - 3009]");
  check = RunArsred({"check", dashed.year().string()});
  CHECK(check.err.find("`3020\u20133029` is not an account or a range of accounts (e.g. 1930 or 3000-3099); did you "
                       "mean `3020-3029`?") != std::string::npos);
  CHECK(check.err.find("did you mean `3000-3009`?") != std::string::npos);
}

TEST_CASE("books that do not balance, or a section in tkr, are refused", "[import]") {
  Books unbalanced;
  WriteFile(unbalanced.sie(), ReadFile(kSourceDir / "tests/fixtures/import/books-2024-open.se"));
  unbalanced.EditBooks("#TRANS 3010 {} -1050000.00", "#TRANS 3010 {} -1050001.00");
  ExpectRefused(unbalanced, "sie.voucher", "bokslut-2024.se:");

  Books in_thousands;
  in_thousands.EditAccounts("    rubrik: Verksamhetens intäkter\n", "    rubrik: Verksamhetens intäkter\n    enhet: tkr\n");
  ExpectRefused(in_thousands, "import.unit", "the books give kronor, but this section is in tkr");
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// The books of 2024 as a program exports them at year end, before or after booking the result
// (tests/fixtures/import/make_books.py).
struct YearEndBooks : Books {
  explicit YearEndBooks(const char* which) {
    WriteFile(sie(), ReadFile(kSourceDir / "tests/fixtures/import" / (std::string("books-2024-") + which + ".se")));
  }
};

TEST_CASE("books exported before and after the result was booked import the same figures", "[import]") {
  std::string written[2];
  int k = 0;
  for (const char* which : {"open", "closed"}) {
    YearEndBooks books(which);
    WriteFile(books.accounts(), Blank(ReadFile(books.accounts()), "ATT FYLLA I"));
    RunResult run = books.Import();
    INFO(which << "\n" << run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("wrote 12 amounts") != std::string::npos);
    const bool closed = std::string(which) == "closed";
    CHECK((run.err.find("the books are closed: the year's result of −90 000 kr is booked to equity (8999 Årets "
                        "resultat)") != std::string::npos) == closed);
    CHECK(RunArsred({"check", books.year().string()}).exit_code == 0);
    written[k++] = ReadFile(books.accounts());
  }
  CHECK(written[0] == written[1]);
  CHECK(written[0] == ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
}

// A tester's books whose #KSUMMA was wrong, whose closing #KSUMMA was cut off, or that were
// edited consistently after export with the checksum kept, all imported without a word: the
// checksum is the format's only guard against an edit after export.
TEST_CASE("books with a checksum import, and are refused once changed, cut or with a wrong checksum", "[import]") {
  // books-2024-ksumma.se's checksum is computed by make_books.py (Python's zlib), not by arsred.
  YearEndBooks books("ksumma");
  WriteFile(books.accounts(), Blank(ReadFile(books.accounts()), "ATT FYLLA I"));
  RunResult run = books.Import();
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("wrote 12 amounts") != std::string::npos);
  CHECK(ReadFile(books.accounts()) == ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));

  YearEndBooks wrong("ksumma");
  wrong.EditBooks("#KSUMMA 3557377720", "#KSUMMA 12345");
  ExpectRefused(wrong, "sie.checksum",
                "bokslut-2024.se:132:9: #KSUMMA: error[sie.checksum]: the records do not add up to the file's "
                "checksum (#KSUMMA 12345; they give 3557377720): the file was changed after it was exported, or is "
                "damaged; export it again\n    #KSUMMA 12345\n            ^");

  // 10 000 kr more interest, booked to the bank: the voucher balances, and the balances agree
  // with the vouchers and add up, as an edit made with care would leave them.
  YearEndBooks edited("ksumma");
  edited.EditBooks("#TRANS 1930 {} 10000.00\r\n   #TRANS 8310 {} -10000.00",
                   "#TRANS 1930 {} 20000.00\r\n   #TRANS 8310 {} -20000.00");
  edited.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2810000.00");
  edited.EditBooks("#RES 0 8310 -10000.00", "#RES 0 8310 -20000.00");
  ExpectRefused(edited, "sie.checksum",
                "bokslut-2024.se:132:9: #KSUMMA: error[sie.checksum]: the records do not add up to the file's "
                "checksum (#KSUMMA 3557377720; they give ");
  const std::string err = edited.Import().err;
  CHECK(err.find("error[sie.") == err.rfind("error[sie."));  // nothing but the checksum tells

  // Cut after its last voucher, as a transfer that broke off would leave it.
  YearEndBooks cut("ksumma");
  cut.EditBooks("#KSUMMA 3557377720\r\n", "");
  ExpectRefused(cut, "sie.checksum",
                "bokslut-2024.se:2:1: #KSUMMA: error[sie.checksum]: the file opens a checksum but has no closing "
                "#KSUMMA with its value: the file was cut short, or changed after it was exported; export it again");
}

// The books without their records of `kinds` ("#UB 0 ", "#RES 0 ").
void DropRecords(const Books& books, std::initializer_list<const char*> kinds) {
  std::istringstream in(ReadFile(books.sie()));
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    bool drop = false;
    for (const char* kind : kinds) drop = drop || line.rfind(kind, 0) == 0;
    if (!drop) kept += line + "\n";
  }
  WriteFile(books.sie(), kept);
}

TEST_CASE("books without closing or result balances are refused in one error, not imported as 0 kr", "[import]") {
  // Vouchers only (SIE 4I, though it says #SIETYP 4); the opening balances and the result but
  // no closing balances; closed books, whose balances add up, without their result.
  struct Case {
    const char* books;
    std::initializer_list<const char*> dropped;
    const char* missing;
  };
  for (const Case& c : {Case{"open", {"#IB ", "#UB ", "#RES "}, "closing balances (#UB 0) and no result balances (#RES 0)"},
                        Case{"open", {"#UB 0 "}, "closing balances (#UB 0)"},
                        Case{"closed", {"#RES 0 "}, "result balances (#RES 0)"}}) {
    YearEndBooks books(c.books);
    DropRecords(books, c.dropped);
    ExpectRefused(books, "sie.missing",
                  std::string("bokslut-2024.se:9:6: #RAR: error[sie.missing]: the books have no ") + c.missing +
                      " for year 0: export them with balances (SIE type 4E, or 1 to 3), not only vouchers");
    const std::string err = books.Import().err;
    CHECK(err.find("error[") == err.rfind("error["));  // the one error
  }
}

TEST_CASE("in closed books, equity is checked with the year's result in it", "[import]") {
  // 1 000 kr booked straight to equity, which the year's direkta_poster do not say.
  YearEndBooks books("closed");
  books.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -2001000.00");
  books.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2801000.00");
  WriteFile(books.sie(), ReadFile(books.sie()) + "#VER A 99 20240601 \"Insatt kapital\"\r\n{\r\n"
                                                 "#TRANS 1930 {} 1000.00\r\n#TRANS 2010 {} -1000.00\r\n}\r\n");
  RunResult run = books.Import();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[import.check]: the books close the equity accounts (2000-2099) at 1 911 000 kr with "
                     "the year's result of −90 000 kr booked (8999 Årets resultat); opening equity, direct entries "
                     "and the result give 1 910 000 kr") != std::string::npos);
}

TEST_CASE("books whose balances their own vouchers contradict are refused at each account's record", "[import]") {
  // A closing balance off, so that the balances no longer add up either: said at the account.
  YearEndBooks books("open");
  books.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2800090.00");
  ExpectRefused(books, "sie.balance",
                "bokslut-2024.se:44:12: #UB: error[sie.balance]: #UB 0 of account 1930 (Företagskonto) is "
                "2 800 090,00 kr, but its #IB 0 of 3 000 000,00 kr and its #TRANS in the year's vouchers of "
                "−200 000,00 kr make 2 800 000,00 kr (off by 90,00 kr): the books contradict themselves");
  CHECK(books.Import().err.find("do not match its result") == std::string::npos);  // the sums would only repeat it

  // Two result balances swapped, so that every sum still adds up, while the vouchers book them
  // the other way: each account is said, and nothing is imported.
  YearEndBooks swapped("open");
  swapped.EditBooks("#RES 0 3010 -1050000.00", "#RES 0 3010 -2100000.00");
  swapped.EditBooks("#RES 0 3020 -2100000.00", "#RES 0 3020 -1050000.00");
  ExpectRefused(swapped, "sie.balance",
                "#RES: error[sie.balance]: #RES 0 of account 3010 (Bidrag Region) is −2 100 000,00 kr, but its "
                "#TRANS in the year's vouchers add up to −1 050 000,00 kr (off by −1 050 000,00 kr)");
  CHECK(swapped.Import().err.find("#RES 0 of account 3020 (Bidrag Försäkringskassan) is −1 050 000,00 kr, but its "
                                  "#TRANS in the year's vouchers add up to −2 100 000,00 kr") != std::string::npos);

  // The same figures without vouchers (SIE 1 to 3) have nothing to contradict them.
  Books balances_only;
  balances_only.EditBooks("#RES 0 3010 -1050000.00", "#RES 0 3010 -2100000.00");
  balances_only.EditBooks("#RES 0 3020 -2100000.00", "#RES 0 3020 -1050000.00");
  RunResult run = balances_only.Import();
  INFO(run.err);
  CHECK(run.err.find("sie.balance") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// The year's rakenskaper.yaml without its kontomappning.
void DropMapping(const Books& books) {
  const std::string text = ReadFile(books.accounts());
  WriteFile(books.accounts(), text.substr(0, text.find("kontomappning:")));
}

TEST_CASE("without a kontomappning the import says so once, first, and how to start one", "[import]") {
  YearEndBooks books("closed");
  DropMapping(books);
  const std::string before = ReadFile(books.accounts());
  RunResult run = books.Import();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[import.mapping]: rakenskaper.yaml has no kontomappning: say which accounts give which "
                     "figure (docs/sie.md); `arsred import-sie ") != std::string::npos);
  CHECK(run.err.find("--propose-mapping` prints one to start from") != std::string::npos);
  CHECK(run.err.find("error[") == run.err.rfind("error["));  // the one error
  CHECK(ReadFile(books.accounts()) == before);
}

TEST_CASE("the proposed mapping places every account, and the books import through it", "[import]") {
  YearEndBooks books("closed");
  DropMapping(books);
  WriteFile(books.accounts(), Blank(ReadFile(books.accounts()), "ATT FYLLA I"));
  RunResult proposed = RunArsred({"import-sie", books.sie().string(), "--year", books.year().string(),
                                  "--propose-mapping"});
  INFO(proposed.err << proposed.out);
  REQUIRE(proposed.exit_code == 0);
  // Accounts are placed by their BAS group and matched to items by name.
  CHECK(proposed.out.find("  - konton: [7010, 7510]\n    till: noter.kostnader.personal\n"
                          "    # 7010 Löner -> Personalkostnader\n") != std::string::npos);
  CHECK(proposed.out.find("  - konton: [2010, 2099]\n    till: eget_kapital\n") != std::string::npos);
  CHECK(proposed.out.find("# not placed: 8999 Årets resultat: no line of the report in the chart") != std::string::npos);
  // Proposing writes nothing; put in the year, the proposal imports the books' figures.
  WriteFile(books.accounts(), ReadFile(books.accounts()) + proposed.out);
  RunResult imported = books.Import();
  INFO(imported.err);
  CHECK(imported.exit_code == 0);
  CHECK(imported.err.find("wrote 12 amounts") != std::string::npos);
  RunResult check = RunArsred({"check", books.year().string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(proposed.out.find("kontomappning of its own") == std::string::npos);  // the year had none
}

// The books with every account written with five digits, as Raindance or Agresso keep Kommun-Bas:
// 1930 as 19300, 8999 Årets resultat as 89990.
std::string FiveDigitAccounts(const std::string& books) {
  std::istringstream in(books);
  std::string out;
  for (std::string line; std::getline(in, line);) {
    const size_t label = line.find('#');
    const std::string kind = label == std::string::npos ? "" : line.substr(label, line.find(' ', label) - label);
    const int before = kind == "#KONTO" || kind == "#TRANS"                 ? 1
                       : kind == "#IB" || kind == "#UB" || kind == "#RES" ? 2
                                                                          : 0;
    if (before > 0) {
      size_t account = label;
      for (int k = 0; k < before; ++k) account = line.find(' ', account) + 1;
      line.insert(line.find(' ', account), "0");
    }
    out += line + "\n";
  }
  return out;
}

TEST_CASE("a municipal chart of five-digit accounts is proposed and closed by its leading four digits",
          "[import]") {
  YearEndBooks books("closed");
  const std::string five = FiveDigitAccounts(ReadFile(books.sie()));
  REQUIRE(five.find("#RES 0 89990 ") != std::string::npos);
  WriteFile(books.sie(), five);
  DropMapping(books);
  WriteFile(books.accounts(), Blank(ReadFile(books.accounts()), "ATT FYLLA I"));
  RunResult proposed = RunArsred({"import-sie", books.sie().string(), "--year", books.year().string(),
                                  "--propose-mapping"});
  INFO(proposed.err << proposed.out);
  REQUIRE(proposed.exit_code == 0);
  CHECK(proposed.out.find("  - konton: [70100, 75100]\n    till: noter.kostnader.personal\n") != std::string::npos);
  CHECK(proposed.out.find("# not placed: 89990 Årets resultat") != std::string::npos);
  WriteFile(books.accounts(), ReadFile(books.accounts()) + proposed.out);
  RunResult imported = books.Import();
  INFO(imported.err);
  CHECK(imported.exit_code == 0);
  CHECK(imported.err.find("the books are closed: the year's result of −90 000 kr is booked to equity (89990 Årets "
                          "resultat)") != std::string::npos);
  CHECK(imported.err.find("wrote 12 amounts") != std::string::npos);
}

TEST_CASE("a proposal for a year with a mapping marks each account the mapping sends elsewhere", "[import]") {
  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  REQUIRE(RunArsred({"new", "2024", "--from", (temp.path() / "inputs/2023").string()}).exit_code == 0);
  RunResult proposed = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/next-year/bokslut-2024.se").string(),
                                  "--year", (temp.path() / "inputs/2024").string(), "--propose-mapping"});
  INFO(proposed.err << proposed.out);
  REQUIRE(proposed.exit_code == 0);
  // The carried mapping sends 2990 to the interim debts, the names to the accrued costs.
  CHECK(proposed.out.find("# The year has a kontomappning of its own; this proposal differs from it for 1 account") !=
        std::string::npos);
  CHECK(proposed.out.find("# 2990 Övriga upplupna kostnader -> Upplupna kostnader (the year's kontomappning sends "
                          "it to noter.kortfristiga_skulder.interimsskulder)") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("one run says every finding: the books' errors and the import's own, with nothing written", "[import]") {
  // A comma in an amount, a voucher that does not balance, another förbund's #ORGNR and an
  // account with a balance that no mapping takes.
  YearEndBooks books("open");
  books.EditBooks("#UB 0 2440 -400000.00", "#UB 0 2440 -400000,00");
  books.EditBooks("#TRANS 3010 {} -1050000.00", "#TRANS 3010 {} -1050001.00");
  books.EditBooks("#ORGNR 222000-1990", "#ORGNR 556036-0793");
  books.EditBooks("#UB 0 1930 2800000.00", "#UB 0 1930 2800000.00\r\n#UB 0 1910 5000.00");
  books.EditBooks("#KONTO 1930", "#KONTO 1910 \"Kassa\"\r\n#KONTO 1930");
  ExpectRefused(books, "sie.amount", "bokslut-2024.se:49:12: #UB: error[sie.amount]");
  const std::string err = books.Import().err;
  CHECK(err.find("error[sie.voucher]: voucher A 2 does not balance") != std::string::npos);
  CHECK(err.find("bokslut-2024.se:8:8: #ORGNR: error[import.organisation]") != std::string::npos);
  CHECK(err.find("error[import.unmapped]: account 1910 (Kassa) has a balance of 5 000,00 kr") != std::string::npos);
  // Nothing that only follows from the records left out: the sums and the accounts' balances
  // against the vouchers (one of which is left out), and the figures of 2440's line.
  CHECK(err.find("sie.balance") == std::string::npos);
  CHECK(err.find("error[import.check]") == std::string::npos);
  CHECK(err.find("error[import.opening]") == std::string::npos);
}

TEST_CASE("a year that does not open where the last closed still has its figures checked", "[import]") {
  // 1630 opens 10 000 kr above its close in 2023, and equity closes 10 000 kr off the report.
  Books books;
  books.EditBooks("#IB 0 1630 100000.00", "#IB 0 1630 110000.00");
  books.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -2010000.00");
  ExpectRefused(books, "sie.opening", "#IB: error[sie.opening]: #IB 0 of account 1630 is 110 000,00 kr");
  const std::string err = books.Import().err;
  CHECK(err.find("error[import.check]: the books close the equity accounts (2000-2099) at 2 010 000 kr") !=
        std::string::npos);
}

TEST_CASE("a balance left out for an error leaves out the checks of its line only", "[import]") {
  // The pension provision's closing balance is unreadable; equity still is checked.
  Books books;
  books.EditBooks("#UB 0 2230 -580000.00", "#UB 0 2230 -580000.0.0");
  books.EditBooks("#UB 0 2010 -2000000.00", "#UB 0 2010 -2010000.00");
  ExpectRefused(books, "sie.amount", "#UB: error[sie.amount]");
  const std::string err = books.Import().err;
  CHECK(err.find("error[import.check]: the books close the equity accounts (2000-2099) at 2 010 000 kr") !=
        std::string::npos);
  CHECK(err.find("noter.pensioner") == std::string::npos);
  CHECK(err.find("sie.missing") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// Books of five-digit accounts (Unit4 Agresso's chart) against a mapping of BAS's four gave a
// tester some fifty findings, each a consequence: every account unmapped, every line 0 kr.
TEST_CASE("books whose accounts have other digits than the mapping's get one error that says so", "[import]") {
  Books books;
  // Every account of the books with a fifth digit: 1930 becomes 19300.
  static const std::regex kAccount(R"((?:#(?:KONTO|KTYP|SRU) |#(?:IB|UB|RES) -?\d+ |#TRANS )\d{4}\b)");
  WriteFile(books.sie(), std::regex_replace(ReadFile(books.sie()), kAccount, "$&0"));
  const std::string before = ReadFile(books.accounts());
  RunResult run = books.Import();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(Count(run.err, "error[") == 1);
  CHECK(run.err.find("the books' accounts have 5 digits (e.g. 1") != std::string::npos);
  CHECK(run.err.find("the kontomappning's 4") != std::string::npos);
  CHECK(ReadFile(books.accounts()) == before);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// A tester whose 2021 was missing was told that the books "open eget_kapital at 2 331 095 kr,
// but 2023 closed it at −3 725 tkr": the year before's own errors, reported as the books'.
TEST_CASE("a year before with errors of its own is said once — the books are not checked against it", "[import]") {
  Books books;
  const fs::path prior = books.temp.path() / "inputs/2023/rakenskaper.yaml";
  WriteFile(prior, ReplaceAll(ReadFile(prior), "  ingaende: 1900000", "  ingaende: 1000000"));
  RunResult run = books.Import();
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("warning[import.prior_errors]: the year before has errors of its own") != std::string::npos);
  CHECK(run.err.find("import.opening") == std::string::npos);
  CHECK(run.err.find("import.check") == std::string::npos);
  CHECK(run.err.find("not checked yet, eget_kapital: the year before has errors of its own") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// A tester missed a way to see what an import would write without writing it.
TEST_CASE("import-sie --dry-run checks and says what it would write, and writes nothing", "[import]") {
  Books books;
  const std::string complete = ReadFile(books.accounts());
  WriteFile(books.accounts(), Blank(complete, "0"));
  const std::string blank = ReadFile(books.accounts());
  RunResult run = RunArsred({"import-sie", books.sie().string(), "--year", books.year().string(), "--dry-run"});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.find("noter.intakter.region = 1 050 000 kr (3010)") != std::string::npos);
  CHECK(run.err.find("would write 12 amounts") != std::string::npos);
  CHECK(run.err.find("--dry-run: nothing was written") != std::string::npos);
  CHECK(ReadFile(books.accounts()) == blank);
  CHECK_FALSE(fs::exists(books.year() / "bokforing.se"));
  // Refused books are refused as without it.
  books.EditBooks("#RAR 0 20240101 20241231", "#RAR 0 20240101 20240630");
  CHECK(RunArsred({"import-sie", books.sie().string(), "--year", books.year().string(), "--dry-run"}).exit_code == 2);
  CHECK(RunArsred({"import-sie", books.sie().string(), "--year", books.year().string(), "--dry-run",
                   "--propose-mapping"})
            .exit_code == 1);
}

}  // namespace
}  // namespace arsred::test

// The SIE 4 reader: decoding, records, vouchers, the whole-file checks, and summing balances by
// account ranges. Fixtures are in tests/fixtures/sie/ (written by make_fixtures.py there, so
// that their bytes are real CP437); small cases are written inline.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <random>
#include <regex>
#include <set>

#include "sie.h"
#include "sie_checksum.h"
#include "sie_records.h"
#include "test_util.h"

namespace arsred {
namespace {

const test::fs::path kFixtures = test::kSourceDir / "tests/fixtures/sie";

struct Read {
  SourceSet sources;
  Diagnostics diagnostics;
  SieFile sie;

  // Each finding as "error sie.voucher 22:1", ordered by position.
  std::vector<std::string> Findings() const {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics.all()) {
      out.push_back(std::string(d.severity == Severity::kError ? "error " : "warning ") + d.code + " " +
                    std::to_string(d.where.line) + ":" + std::to_string(d.where.column));
    }
    return out;
  }
  const Diagnostic& Only() const {
    REQUIRE(diagnostics.all().size() == 1);
    return diagnostics.all().front();
  }
  std::string Printed() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += FormatDiagnostic(d, sources);
    return out;
  }
};

std::unique_ptr<Read> ReadBytes(const std::string& bytes, const std::string& name = "test.se") {
  auto read = std::make_unique<Read>();
  read->sie = ReadSie(bytes, name, read->sources, read->diagnostics);
  read->diagnostics.Sort(read->sources);
  return read;
}

std::unique_ptr<Read> ReadFixture(const std::string& name) {
  std::string bytes = test::ReadFile(kFixtures / name);
  return ReadBytes(bytes, name);
}

using Findings = std::vector<std::string>;

// A small clean file of 11 lines; the cases below append lines from line 12 on.
const std::string kHead =
    "#FLAGGA 0\n"
    "#PROGRAM test 1\n"
    "#FORMAT PC8\n"
    "#GEN 20240115\n"
    "#SIETYP 4\n"
    "#FNAMN \"Test\"\n"
    "#RAR 0 20230101 20231231\n"
    "#RAR -1 20220101 20221231\n"
    "#KONTO 1930 Bank\n"
    "#KONTO 2099 Resultat\n"
    "#KONTO 3990 Bidrag\n";

TEST_CASE("a clean SIE 4 file in CP437 with CR LF reads without findings", "[sie]") {
  auto read = ReadFixture("clean.se");
  INFO(read->Printed());
  CHECK(read->diagnostics.all().empty());
  const SieFile& sie = read->sie;

  // Names decoded from CP437, quotes and escapes undone.
  CHECK(sie.company_name.value == "Samordningsförbundet i Jämtlands län");
  CHECK(sie.company_name.where.line == 7);
  CHECK(sie.company_name.where.column == 8);
  CHECK(sie.program.value == "Ekonomi \"Plus\" för föreningar");
  CHECK(sie.org_number.value == "222000-1990");
  CHECK(sie.chart_of_accounts.value == "BAS2014");
  CHECK(sie.sie_type == 4);
  REQUIRE(sie.generated);
  CHECK(sie.generated->ToString() == "2024-01-15");

  REQUIRE(sie.years.size() == 2);
  const SieYear* year = sie.LookupYear(0);
  REQUIRE(year);
  CHECK(year->start->ToString() == "2023-01-01");
  CHECK(year->end->ToString() == "2023-12-31");
  CHECK(sie.LookupYear(-1)->end->ToString() == "2022-12-31");
  CHECK(sie.LookupYear(-2) == nullptr);

  CHECK(sie.accounts.size() == 10);
  CHECK(sie.LookupAccount(1510)->name == "Kundfordringar");  // unquoted
  CHECK(sie.LookupAccount(1930)->name == "Företagskonto");
  CHECK(sie.LookupAccount(2099)->name == "Årets resultat");
  CHECK(sie.LookupAccount(7010)->name == "Löner till tjänstemän");
  CHECK(sie.LookupAccount(1930)->type == 'T');
  CHECK(sie.LookupAccount(3990)->type == 'I');
  CHECK(sie.LookupAccount(6110)->type == 0);
  CHECK(sie.LookupAccount(1234) == nullptr);

  // Balances in öre, in file order. #OIB and #PSALDO are not balances of accounts.
  CHECK(sie.balances.size() == 22);
  const SieBalance* bank = sie.LookupBalance(SieBalanceKind::kClosing, 0, 1930);
  REQUIRE(bank);
  CHECK(bank->ore == 850551550);
  CHECK(bank->where.line == 38);
  CHECK(bank->where.column == 5);
  CHECK(sie.LookupBalance(SieBalanceKind::kOpening, 0, 1930)->ore == 802969400);
  CHECK(sie.LookupBalance(SieBalanceKind::kClosing, -1, 2440)->ore == -37969400);
  CHECK(sie.LookupBalance(SieBalanceKind::kClosing, 0, 2440)->ore == 0);        // written "0"
  CHECK(sie.LookupBalance(SieBalanceKind::kResult, 0, 6110)->ore == 123450);    // written "1234.5"
  CHECK(sie.LookupBalance(SieBalanceKind::kResult, 0, 4010)->ore == 25000000);  // a quantity follows
  CHECK(sie.LookupBalance(SieBalanceKind::kResult, -1, 3990)->ore == -792973000);
  CHECK(sie.LookupBalance(SieBalanceKind::kOpening, -1, 1930) == nullptr);

  REQUIRE(sie.vouchers.size() == 6);
  const SieVoucher& service = sie.vouchers[1];
  CHECK(service.series == "A");
  CHECK(service.number == "2");
  CHECK(service.date->ToString() == "2023-03-01");
  CHECK(service.text == "Köpt tjänst \"Steg framåt\"");
  CHECK(service.where.line == 62);
  REQUIRE(service.transactions.size() == 2);
  const SieTransaction& bought = service.transactions[0];
  CHECK(bought.account == 4010);
  CHECK(bought.ore == 25000000);
  REQUIRE(bought.objects.size() == 1);
  CHECK(bought.objects[0].dimension == "6");
  CHECK(bought.objects[0].object == "P1");
  CHECK(bought.date->ToString() == "2023-03-01");
  CHECK(bought.text == "Insats \"Steg framåt\", mars");
  CHECK(bought.where.line == 64);
  CHECK(bought.where.column == 2);  // after a tab

  const SieVoucher& salary = sie.vouchers[3];
  REQUIRE(salary.transactions.size() == 3);
  REQUIRE(salary.transactions[0].objects.size() == 2);
  CHECK(salary.transactions[0].objects[0].dimension == "1");
  CHECK(salary.transactions[0].objects[0].object == "456");
  CHECK(salary.transactions[0].objects[1].object == "P1");
  CHECK_FALSE(salary.transactions[0].date);  // written ""
  CHECK(salary.transactions[0].text == "Lön april");
  CHECK(salary.transactions[1].objects.empty());  // written { }

  // #BTRANS (struck out) and #RTRANS (repeated as a #TRANS) are not lines of the voucher.
  const SieVoucher& supplies = sie.vouchers[4];
  CHECK(supplies.series == "B");
  REQUIRE(supplies.transactions.size() == 2);
  CHECK(supplies.transactions[0].ore == 123450);
  CHECK(supplies.transactions[1].ore == -123450);
}

TEST_CASE("CR LF and LF line ends read alike, at the same positions", "[sie]") {
  std::string lf = kHead + "#UB 0 1930 1,5\n";
  std::string crlf = test::ReplaceAll(lf, "\n", "\r\n");
  auto a = ReadBytes(lf);
  auto b = ReadBytes(crlf);
  CHECK(a->Findings() == Findings{"error sie.amount 12:12"});
  CHECK(b->Findings() == a->Findings());
  // The registered text has LF line ends, so the shown line has no stray CR.
  CHECK(b->sources.file(b->sie.file).text.find('\r') == std::string::npos);
}

TEST_CASE("a finding shows its line decoded from CP437, with the caret counted in characters", "[sie]") {
  // "Lön åt Äva" in CP437, then a voucher date that does not exist.
  auto read = ReadBytes(kHead + "#VER A 1 20230105 \"L\x94n \x86t \x8Eva\" 20231301\n{\n}\n");
  CHECK(read->Findings() == Findings{"error sie.date 12:32"});
  CHECK(read->Printed() ==
        "test.se:12:32: #VER: error[sie.date]: there is no date 20231301\n"
        "    #VER A 1 20230105 \"Lön åt Äva\" 20231301\n"
        "                                   ^\n");
  CHECK(read->sie.vouchers.empty());  // a voucher with an error is not kept
}

TEST_CASE("amounts are read exactly, in öre, and malformed ones are refused", "[sie]") {
  const std::map<std::string, int64_t> good = {
      {"1234.5", 123450},   {"-989750.00", -98975000}, {"12", 1200}, {"0.05", 5},
      {"-0.5", -50},        {"-0.00", 0},              {"007.10", 710},
      {"999999999999999.99", 99999999999999999},
      {"298172.000", 29817200}, {"-12.5000", -1250},  // zeros past the öre, as Dynamics NAV writes
  };
  for (const auto& [text, ore] : good) {
    INFO(text);
    std::string why;
    std::optional<int64_t> parsed = ParseSieAmount(text, &why);
    REQUIRE(parsed);
    CHECK(*parsed == ore);
  }
  const std::map<std::string, std::string> bad = {
      {"12,50", "comma"},
      {"1e3", "exponent"},
      {"12.345", "more than two decimals"},
      {"+12", "plus sign"},
      {"1 234.00", "without spaces"},
      {"1\u00A0234", "without spaces"},
      {".5", "both sides of the period"},
      {"5.", "both sides of the period"},
      {"", "expected an amount"},
      {"-", "expected an amount"},
      {"1.2.3", "expected an amount"},
      {"--1", "expected an amount"},
      {"12kr", "expected an amount"},
      {"0x10", "expected an amount"},
      {"1000000000000000", "too large"},
  };
  for (const auto& [text, reason] : bad) {
    INFO(text);
    std::string why;
    CHECK_FALSE(ParseSieAmount(text, &why));
    CHECK_THAT(why, Catch::Contains(reason));
  }
}

// "18 663.00" is two fields to SIE, the amount 18 and a quantity, which only the year's balance
// checks would catch, far from the line: a warning at the amount says how it reads.
TEST_CASE("an amount written with a space between its thousands is pointed out", "[sie]") {
  auto pointed_out = [](const std::string& record) {
    const Findings findings = ReadBytes(kHead + record + "\n")->Findings();
    return std::count(findings.begin(), findings.end(), "warning sie.amount 12:12");
  };
  CHECK(pointed_out("#UB 0 1930 18 663.00") == 1);
  CHECK(pointed_out("#IB 0 1930 -1 250.50") == 1);
  // A quantity as programs write one is not taken for a part of the amount.
  CHECK(pointed_out("#UB 0 1930 18663.00 12") == 0);
  CHECK(pointed_out("#UB 0 1930 1866.00 663.00") == 0);
}

// Two exports joined give a voucher twice: its transactions count twice, and the balance errors
// that follow name accounts, not the voucher. A warning at the second names it.
TEST_CASE("a voucher given twice is pointed out at its second", "[sie]") {
  auto voucher = [](const std::string& series_and_number) {
    return "#VER " + series_and_number + " 20230105 T\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n";
  };
  auto read = ReadBytes(kHead + voucher("A 1") + voucher("A 2") + voucher("A 1") + voucher("B 1"));
  CHECK(read->Findings() == Findings{"warning sie.voucher 22:1"});
  CHECK(read->Only().message ==
        "voucher A 1 is given a second time (first on line 12): were two exports joined? Its transactions count "
        "twice in the balances");
  // Vouchers without a number are not compared.
  CHECK(ReadBytes(kHead + voucher("\"\" \"\"") + voucher("\"\" \"\""))->Findings().empty());
}

TEST_CASE("öre round to whole kronor half away from zero", "[sie]") {
  CHECK(RoundOreToKronor(0) == 0);
  CHECK(RoundOreToKronor(49) == 0);
  CHECK(RoundOreToKronor(50) == 1);
  CHECK(RoundOreToKronor(149) == 1);
  CHECK(RoundOreToKronor(150) == 2);
  CHECK(RoundOreToKronor(-49) == 0);
  CHECK(RoundOreToKronor(-50) == -1);
  CHECK(RoundOreToKronor(-150) == -2);
  CHECK(RoundOreToKronor(850551550) == 8505516);
  CHECK(RoundOreToKronor(-98975000) == -989750);
  CHECK(RoundOreToKronor(INT64_MIN) == -92233720368547758);
  CHECK(RoundOreToKronor(INT64_MAX) == 92233720368547758);
}

TEST_CASE("amounts in messages are kronor with a decimal comma", "[sie]") {
  CHECK(FormatOre(123450) == "1 234,50 kr");
  CHECK(FormatOre(-98975000) == "\u2212989 750,00 kr");
  CHECK(FormatOre(-50) == "\u22120,50 kr");
  CHECK(FormatOre(5) == "0,05 kr");
  CHECK(FormatOre(0) == "0,00 kr");
  CHECK(FormatOre(INT64_MIN) == "\u221292 233 720 368 547 758,08 kr");
}

// What each one-defect fixture must give: nothing else, so that each shows its own defect.
const std::map<std::string, Findings> kBadFixtures = {
    {"bad-account-not-numeric.se", {"error sie.account 21:8"}},
    {"bad-amount.se", {"error sie.amount 16:12", "error sie.amount 17:12", "error sie.amount 21:13"}},
    {"bad-balance-sheet-off.se", {"error sie.balance 16:12"}},
    {"bad-binary.se", {"error sie.encoding 2:10"}},
    {"bad-brace-missing.se", {"error sie.brace 23:1"}},
    {"bad-brace-open-missing.se", {"error sie.brace 22:1"}},
    {"bad-brace-stray.se", {"error sie.brace 32:1"}},
    {"bad-currency.se", {"error sie.currency 8:9"}},
    {"bad-date-nonexistent.se", {"error sie.date 8:17"}},
    {"bad-duplicate-balance.se", {"error sie.duplicate 17:5"}},
    {"bad-empty.se", {"error sie.empty 1:1"}},
    {"bad-format-unknown.se", {"error sie.encoding 3:9"}},
    {"bad-latin1.se", {"warning sie.encoding 6:21"}},
    {"bad-objects-unclosed.se", {"error sie.objects 24:13"}},
    {"bad-opening-differs.se", {"error sie.opening 14:12"}},
    {"bad-opening-sum.se", {"error sie.balance 8:6"}},
    {"bad-orgnr.se", {"warning sie.orgnr 7:8"}},
    {"bad-quote-unclosed.se", {"error sie.quote 22:19"}},
    {"bad-record-missing-field.se", {"error sie.record 17:11"}},
    {"bad-result-vouchers.se", {"error sie.balance 20:13", "error sie.balance 21:13"}},
    {"bad-sietyp.se", {"error sie.type 5:9"}},
    {"bad-trans-outside.se", {"error sie.voucher 22:1"}},
    {"bad-utf16.se", {"error sie.encoding 1:1"}},
    {"bad-utf8.se", {"warning sie.encoding 6:21"}},
    {"bad-voucher-unbalanced.se", {"error sie.voucher 22:1"}},
    {"bad-year-unknown.se", {"error sie.year 20:5"}},
    {"bad-years-gap.se", {"error sie.year 8:6"}},
};

TEST_CASE("the base of the one-defect fixtures is clean", "[sie]") {
  auto read = ReadFixture("base.se");
  INFO(read->Printed());
  CHECK(read->diagnostics.all().empty());
  CHECK(read->sie.balances.size() == 8);
  CHECK(read->sie.vouchers.size() == 2);
}

TEST_CASE("each one-defect fixture gives exactly its findings", "[sie]") {
  // Every bad-*.se has its expectation, so that no fixture goes untested.
  std::set<std::string> on_disk;
  for (const auto& entry : test::fs::directory_iterator(kFixtures)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("bad-", 0) == 0) on_disk.insert(name);
  }
  std::set<std::string> listed;
  for (const auto& [name, findings] : kBadFixtures) listed.insert(name);
  CHECK(on_disk == listed);

  for (const auto& [name, expected] : kBadFixtures) {
    DYNAMIC_SECTION(name) {
      auto read = ReadFixture(name);
      INFO(read->Printed());
      CHECK(read->Findings() == expected);
    }
  }
}

TEST_CASE("the whole-file checks name the amounts in kronor", "[sie]") {
  SECTION("a closing balance that the vouchers contradict, at its record rather than as a sum") {
    auto read = ReadFixture("bad-balance-sheet-off.se");
    CHECK(read->Only().message ==
          "#UB 0 of account 1930 (Företagskonto) is 1 600,00 kr, but its #IB 0 of 1 000,00 kr and its #TRANS in "
          "the year's vouchers of 500,00 kr make 1 500,00 kr (off by 100,00 kr): the books contradict themselves; "
          "export them again, or mend the record");
    // The figures are still read; the importer refuses the file because of the error.
    CHECK(read->sie.LookupBalance(SieBalanceKind::kClosing, 0, 1930)->ore == 160000);
  }
  SECTION("closing balances against the result, in a file without vouchers") {
    std::string base = test::ReadFile(kFixtures / "base.se");
    base = base.substr(0, base.find("#VER"));
    auto read = ReadBytes(test::ReplaceAll(base, "#UB 0 1930 1500.00", "#UB 0 1930 1600.00"));
    CHECK(read->Only().message ==
          "the closing balances of year 0 (2023-01-01\u20132023-12-31) do not match its result: the #UB 0 amounts add "
          "up to 600,00 kr and the #RES 0 amounts to \u2212500,00 kr; together 100,00 kr, not 0");
  }
  SECTION("result balances that add up, but not to what the vouchers book") {
    auto read = ReadFixture("bad-result-vouchers.se");
    REQUIRE(read->diagnostics.all().size() == 2);
    CHECK(read->diagnostics.all()[0].message ==
          "#RES 0 of account 3990 (Bidrag från förbundsmedlemmar) is \u2212900,00 kr, but its #TRANS in the year's "
          "vouchers add up to \u2212800,00 kr (off by \u2212100,00 kr): the books contradict themselves; export them "
          "again, or mend the record");
    CHECK_THAT(read->Printed(), Catch::Contains("bad-result-vouchers.se:21:13: #RES: error[sie.balance]: #RES 0 of "
                                                "account 4010 (Köpta tjänster) is 400,00 kr, but its #TRANS in the "
                                                "year's vouchers add up to 300,00 kr"));
  }
  SECTION("opening balances") {
    auto read = ReadFixture("bad-opening-sum.se");
    CHECK_THAT(read->Only().message, Catch::Contains("the #IB 0 amounts add up to 100,00 kr, not 0"));
  }
  SECTION("a year opens where the one before closed") {
    auto read = ReadFixture("bad-opening-differs.se");
    CHECK_THAT(read->Only().message,
               Catch::StartsWith("#IB 0 of account 1930 is 1 100,00 kr but #UB -1 is 1 000,00 kr (off by 100,00 kr)"));
  }
  SECTION("a voucher") {
    auto read = ReadFixture("bad-voucher-unbalanced.se");
    CHECK(read->Only().message ==
          "voucher A 1 does not balance: its #TRANS lines add up to 50,00 kr (debit 800,00 kr, credit \u2212750,00 kr)");
    CHECK(read->sie.vouchers.size() == 1);  // the other voucher
  }
}

TEST_CASE("encodings other than CP437 are refused or pointed out", "[sie]") {
  SECTION("UTF-16") {
    CHECK_THAT(ReadFixture("bad-utf16.se")->Only().message, Catch::Contains("UTF-16"));
  }
  SECTION("UTF-8 that the file declares, by #FORMAT UTF-8 or a byte order mark, is read as UTF-8") {
    const std::string names = "#KONTO 2440 \"Leverantörsskulder\"\n";
    auto declared = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT UTF-8\n") + names);
    CHECK(declared->Findings().empty());
    CHECK(declared->sie.LookupAccount(2440)->name == "Leverantörsskulder");
    auto marked = ReadBytes("\xEF\xBB\xBF" + test::ReplaceAll(kHead, "#FORMAT PC8\n", "") + names);
    CHECK(marked->Findings().empty());
    CHECK(marked->sie.LookupAccount(2440)->name == "Leverantörsskulder");
    // A byte order mark and #FORMAT PC8 disagree: the mark is the bytes' own word.
    auto both = ReadBytes("\xEF\xBB\xBF" + kHead + names);
    CHECK(both->Findings() == Findings{"warning sie.encoding 3:9"});
    CHECK(both->sie.LookupAccount(2440)->name == "Leverantörsskulder");
    // Columns count characters: the stray c is the 20th, though the 21st byte.
    auto column =
        ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT UTF-8\n") + "#KONTO 2440 \"Å\" \"b\"c\n");
    CHECK(column->Findings() == Findings{"error sie.quote 12:20"});
  }
  SECTION("a file that says it is UTF-8 and is not is refused at the first byte that is not") {
    auto read = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT UTF-8\n") +
                          "#KONTO 2440 \"Leverant\x94rsskulder\"\n#UB 0 2440 -5.00\n");
    CHECK(read->Findings() == Findings{"error sie.encoding 12:22"});
    CHECK(read->Only().message == "byte 0x94 is not UTF-8, though the file says it is (#FORMAT UTF-8)");
    CHECK(read->sie.balances.empty());
    CHECK(ReadBytes("\xEF\xBB\xBF" + kHead + "#KONTO 2440 \"\xC3\x28\"\n")->Only().message ==
          "byte 0xC3 is not UTF-8, though the file says it is (it starts with a UTF-8 byte order mark)");
  }
  SECTION("UTF-8 without a byte order mark: read, with a warning that shows the misreading") {
    auto read = ReadFixture("bad-utf8.se");
    CHECK(read->Only().message ==
          "the file looks like UTF-8, but is read as CP437, as its #FORMAT PC8 says: ö reads as ├╢; export the "
          "file again in PC8, or mark it #FORMAT UTF-8 if it is UTF-8 throughout");
    CHECK(read->sie.company_name.value == "Samordningsf├╢rbundet i J├ñmtlands l├ñn");
    CHECK(read->sie.balances.size() == 8);
    // A file that names no format does not say PC8; it is read as CP437 because that is SIE's.
    auto unsaid = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "") + "#KONTO 2440 \"Leverantörsskulder\"\n");
    CHECK_THAT(unsaid->Printed(), Catch::Contains("the file looks like UTF-8, but is read as CP437, as a SIE file "
                                                  "without #FORMAT UTF-8 is: ö reads as ├╢"));
  }
  SECTION("Latin-1") {
    auto read = ReadFixture("bad-latin1.se");
    CHECK_THAT(read->Only().message,
               Catch::StartsWith("byte 0xF6 is ÷ in CP437, unlikely in a ledger, but ö in Latin-1"));
    // Labelled with its record, as every finding in a record is.
    CHECK_THAT(read->Printed(), Catch::StartsWith("bad-latin1.se:6:21: #FNAMN: warning[sie.encoding]: byte 0xF6"));
  }
  SECTION("a finding about the bytes of a record carries the record's label") {
    CHECK(ReadBytes(kHead + "#KONTO 2440 Skul\x07" "der\n")->Only().key_path == "#KONTO");
    CHECK(ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT UTF-8\n") + "#UB 0 2440 -5.00 \x94\n")
              ->Only()
              .key_path == "#UB");
    CHECK(ReadFixture("bad-utf16.se")->Only().key_path.empty());  // not text: no record to name
  }
  SECTION("a NUL byte") {
    auto read = ReadFixture("bad-binary.se");
    CHECK_THAT(read->Only().message, Catch::Contains("NUL"));
    CHECK(read->sie.file >= 0);
    CHECK(read->sie.balances.empty());  // nothing is read from a file that is not text
  }
  SECTION("a control character") {
    auto read = ReadBytes(kHead + "#KONTO 2440 Skul\x07" "der\n");
    CHECK(read->Findings() == Findings{"error sie.encoding 12:17"});
    CHECK_THAT(read->Only().message, Catch::Contains("0x07"));
  }
  SECTION("a carriage return that ends no line") {
    auto read = ReadBytes(kHead + "#KONTO 2440 Skulder\r#KONTO 2710 Skatt\n");
    CHECK(read->Findings() == Findings{"error sie.encoding 12:20"});
  }
  SECTION("a DOS end-of-file mark or NUL padding at the end is not part of the text, elsewhere it is refused") {
    CHECK(ReadBytes(kHead + "\x1A")->Findings().empty());
    CHECK(ReadBytes(kHead + "\x1A\x1A")->Findings().empty());
    CHECK(ReadBytes(kHead + "\x1A" "#KONTO 2440 Skulder\n")->Findings() == Findings{"error sie.encoding 12:1"});
    // Some programs end the line after it, or pad the last block with NUL bytes.
    CHECK(ReadBytes(kHead + "\x1A\r\n")->Findings().empty());
    CHECK(ReadBytes(kHead + std::string(40, '\0'))->Findings().empty());
    CHECK(ReadBytes(kHead + "\x1A\r\n" + std::string(3, '\0'))->Findings().empty());
    CHECK(ReadBytes(kHead + "\x1A\r\n#KONTO 2440 Skulder\n")->Findings() == Findings{"error sie.encoding 12:1"});
    // Named for what it is, which a reader would not recognise in "control character 0x1A".
    CHECK_THAT(ReadBytes(kHead + "\x1A" "#KONTO 2440 Skulder\n")->Only().message,
               Catch::Contains("an end-of-file mark (Ctrl-Z, 0x1A) with more records after it"));
  }
  SECTION("#FORMAT's value is read in either case, as programs write it") {
    auto pc8 = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT pc8\n") +
                         "#KONTO 2440 \"Leverant\x94rsskulder\"\n");
    CHECK(pc8->Findings().empty());
    CHECK(pc8->sie.LookupAccount(2440)->name == "Leverantörsskulder");
    auto utf8 = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT utf-8\n") +
                          "#KONTO 2440 \"Leverantörsskulder\"\n");
    CHECK(utf8->Findings().empty());
    CHECK(utf8->sie.LookupAccount(2440)->name == "Leverantörsskulder");
    // A byte order mark with #FORMAT pc8 disagrees as with PC8.
    CHECK(ReadBytes("\xEF\xBB\xBF" + test::ReplaceAll(kHead, "#FORMAT PC8\n", "#FORMAT Pc8\n"))->Findings() ==
          Findings{"warning sie.encoding 3:9"});
    // The label stays case-sensitive: #format is a label the reader does not know.
    CHECK(ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "#format UTF8\n"))->Findings().empty());
  }
  SECTION("#FORMAT other than PC8; without #FORMAT, PC8 is meant") {
    CHECK_THAT(ReadFixture("bad-format-unknown.se")->Only().message, Catch::Contains("unknown encoding \"UTF8\""));
    auto read = ReadBytes(test::ReplaceAll(kHead, "#FORMAT PC8\n", "") + "#KONTO 2440 \"Leverant\x94rsskulder\"\n");
    CHECK(read->Findings().empty());
    CHECK(read->sie.LookupAccount(2440)->name == "Leverantörsskulder");
  }
}

TEST_CASE("fields: quotes, escapes, tabs and object lists", "[sie]") {
  SECTION("a quoted value keeps its spaces; \\\" is a quote and \\\\ a backslash") {
    auto read = ReadBytes(kHead + "#KONTO 2440 \"Skulder \\\"leverant\x94rer\\\" C:\\\\x \\n\"\n");
    CHECK(read->Findings().empty());
    CHECK(read->sie.LookupAccount(2440)->name == "Skulder \"leverantörer\" C:\\x \\n");
  }
  SECTION("numbers may be quoted, fields separated by tabs, an empty name is a name") {
    auto read = ReadBytes(kHead + "#KONTO\t2440\t\"\"\n#UB 0 \"2440\" \"-12.50\"\n");
    CHECK(read->Findings() == Findings{"error sie.balance 7:6"});  // the -12,50 kr has no counterpart
    CHECK(read->sie.LookupAccount(2440)->name.empty());
    CHECK(read->sie.LookupBalance(SieBalanceKind::kClosing, 0, 2440)->ore == -1250);
  }
  SECTION("text after a closing quote") {
    CHECK(ReadBytes(kHead + "#KONTO 2440 \"Skul\"der\n")->Findings() == Findings{"error sie.quote 12:19"});
    // Excel's doubled quotes: the one error, not also "account 2440 has no #KONTO" where it is used.
    CHECK(ReadBytes(kHead + "#KONTO 2440 \"Skulder \"\"lev\"\"\"\n#UB 0 2440 -1.00\n#UB 0 1930 1.00\n")->Findings() ==
          Findings{"error sie.quote 12:23"});
  }
  SECTION("a quote inside an unquoted value") {
    CHECK(ReadBytes(kHead + "#KONTO 2440 Skul\"der\n")->Findings() == Findings{"error sie.quote 12:17"});
  }
  SECTION("object lists") {
    auto read = ReadBytes(kHead +
                          "#VER A 1 20230105 Text\n{\n"
                          "#TRANS 1930 {1 \"a}b\" 6 P1} 100.00\n"
                          "#TRANS 3990 {} -100.00\n}\n");
    CHECK(read->Findings() == Findings{});
    REQUIRE(read->sie.vouchers.size() == 1);
    const SieTransaction& t = read->sie.vouchers[0].transactions[0];
    REQUIRE(t.objects.size() == 2);
    CHECK(t.objects[0].object == "a}b");
    CHECK(t.objects[1].dimension == "6");
    CHECK(t.objects[1].object == "P1");
  }
  SECTION("object lists that are not pairs, nested, run on, or missing") {
    std::string ver = kHead + "#VER A 1 20230105 Text\n{\n";
    CHECK(ReadBytes(ver + "#TRANS 1930 {1} 100.00\n}\n")->Findings() == Findings{"error sie.objects 14:13"});
    CHECK(ReadBytes(ver + "#TRANS 1930 {1 {2 3}} 100.00\n}\n")->Findings() == Findings{"error sie.objects 14:16"});
    CHECK(ReadBytes(ver + "#TRANS 1930 {1 2}x 100.00\n}\n")->Findings() == Findings{"error sie.objects 14:18"});
    CHECK(ReadBytes(ver + "#TRANS 1930 100.00\n}\n")->Findings() == Findings{"error sie.objects 14:13"});
    CHECK(ReadBytes(ver + "#TRANS 1930 {1 2 100.00\n}\n")->Findings() == Findings{"error sie.objects 14:13"});
  }
}

TEST_CASE("records: unknown labels are skipped, malformed ones refused", "[sie]") {
  SECTION("a label the reader does not know is skipped, whatever follows it, also inside a voucher") {
    auto read = ReadBytes(kHead +
                          "#NYHET \"not closed {\n"
                          "#ub 0 1930 12,50\n"
                          "#VER A 1 20230105 Text\n{\n#NYHET 1\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n");
    CHECK(read->Findings().empty());
    CHECK(read->sie.balances.empty());
    CHECK(read->sie.vouchers.size() == 1);
  }
  SECTION("a line that is not a record") {
    CHECK(ReadBytes(kHead + "UB 0 1930 1.00\n")->Findings() == Findings{"error sie.record 12:1"});
    CHECK(ReadBytes(kHead + "  \t\n\n")->Findings().empty());
  }
  SECTION("too few fields") {
    auto read = ReadBytes(kHead + "#KONTO 2440\n");
    CHECK(read->Findings() == Findings{"error sie.record 12:12"});
    CHECK(read->Only().message == "#KONTO needs 2 fields (#KONTO account name), found 1");
  }
  SECTION("an object list where a value belongs") {
    CHECK(ReadBytes(kHead + "#KONTO 2440 {1 2}\n")->Findings() == Findings{"error sie.record 12:13"});
  }
  SECTION("account numbers are 1 to 9 digits, not starting with 0") {
    for (const char* number : {"19a0", "01930", "1234567890", "1930.0", "-1930"}) {
      INFO(number);
      CHECK(ReadBytes(kHead + "#KONTO " + number + " X\n")->Findings() == Findings{"error sie.account 12:8"});
    }
    CHECK(ReadBytes(kHead + "#KONTO 123456789 X\n")->Findings().empty());
  }
  SECTION("year indexes") {
    CHECK(ReadBytes(kHead + "#UB x 1930 1.00\n")->Findings() == Findings{"error sie.year 12:5"});
    CHECK(ReadBytes(kHead + "#UB +1 1930 1.00\n")->Findings() == Findings{"error sie.year 12:5"});
    CHECK(ReadBytes(kHead + "#UB -100 1930 1.00\n")->Findings() == Findings{"error sie.year 12:5"});
  }
  SECTION("#FLAGGA") {
    CHECK(ReadBytes(test::ReplaceAll(kHead, "#FLAGGA 0", "#FLAGGA 1"))->Findings().empty());
    CHECK(ReadBytes(test::ReplaceAll(kHead, "#FLAGGA 0", "#FLAGGA 2"))->Findings() ==
          Findings{"error sie.record 1:9"});
  }
  SECTION("#SIETYP 1 to 4 are read; 4i has no balances") {
    for (int type = 1; type <= 4; ++type) {
      auto read = ReadBytes(test::ReplaceAll(kHead, "#SIETYP 4", "#SIETYP " + std::to_string(type)));
      CHECK(read->Findings().empty());
      CHECK(read->sie.sie_type == type);
    }
    auto read = ReadBytes(test::ReplaceAll(kHead, "#SIETYP 4", "#SIETYP 4i"));
    CHECK(read->Findings() == Findings{"error sie.type 5:9"});
    CHECK_THAT(read->Only().message, Catch::Contains("vouchers only"));
    CHECK(read->sie.sie_type == 0);
  }
  SECTION("#ORGNR in the forms programs write it, its check digit right") {
    for (const char* form : {"222000-1990 1 2", "2220001990", "162220001990", "222000-1990-0001"}) {
      INFO(form);
      CHECK(ReadBytes(kHead + "#ORGNR " + form + "\n")->Findings().empty());
    }
    auto read = ReadBytes(kHead + "#ORGNR 222000-199\n");
    CHECK(read->Findings() == Findings{"warning sie.orgnr 12:8"});
    CHECK_THAT(read->Only().message, Catch::Contains("write it as NNNNNN-NNNN"));
    CHECK(read->sie.org_number.value == "222000-199");  // kept as written
    CHECK(ReadBytes(kHead + "#ORGNR 162220001991\n")->Findings() == Findings{"warning sie.orgnr 12:8"});
  }
  SECTION("#VALUTA SEK is kronor") {
    CHECK(ReadBytes(kHead + "#VALUTA SEK\n")->Findings().empty());
  }
  SECTION("a record given twice: the first counts") {
    auto read = ReadBytes(kHead + "#FNAMN \"Other\"\n#KONTO 1930 \"Other\"\n");
    CHECK(read->Findings() == Findings{"warning sie.duplicate 12:1", "warning sie.duplicate 13:8"});
    CHECK(read->sie.company_name.value == "Test");
    CHECK(read->sie.LookupAccount(1930)->name == "Bank");
  }
  SECTION("#KTYP") {
    auto read = ReadBytes(kHead + "#KTYP 1930 T\n#KTYP 3990 X\n#KTYP 2440 S\n");
    CHECK(read->Findings() == Findings{"error sie.account 13:12", "warning sie.account 14:7"});
    CHECK(read->sie.LookupAccount(1930)->type == 'T');
    CHECK(read->sie.LookupAccount(3990)->type == 0);
  }
}

TEST_CASE("years: dates must exist, years must follow each other", "[sie]") {
  SECTION("a year declared twice") {
    auto read = ReadBytes(kHead + "#RAR 0 20230101 20231231\n");
    CHECK(read->Findings() == Findings{"error sie.year 12:6"});
    CHECK(read->sie.years.size() == 2);
  }
  SECTION("a year that ends before it starts") {
    auto read = ReadBytes(test::ReplaceAll(kHead, "#RAR 0 20230101 20231231", "#RAR 0 20230101 20221231"));
    CHECK(read->Findings() == Findings{"error sie.year 7:17"});
  }
  SECTION("a date that does not exist, or is not a date") {
    CHECK(ReadBytes(kHead + "#RAR -2 20210101 20210230\n")->Findings() == Findings{"error sie.date 12:18"});
    CHECK(ReadBytes(kHead + "#RAR -2 20210101 2021-12-31\n")->Findings() == Findings{"error sie.date 12:18"});
    CHECK(ReadBytes(kHead + "#RAR -2 18991231 20211231\n")->Findings() == Findings{"error sie.date 12:9"});
    CHECK(ReadBytes(kHead + "#RAR -2 20210101 20211231\n")->Findings().empty());
    // 2020 was a leap year, 2100 will not be.
    CHECK(ReadBytes(kHead + "#GEN 20200229\n")->Findings() == Findings{"warning sie.duplicate 12:1"});
    CHECK(ReadBytes(kHead + "#GEN 21000229\n")->Findings() ==
          Findings{"warning sie.duplicate 12:1", "error sie.date 12:6"});
  }
  SECTION("a gap between years, reported at the later year") {
    auto read = ReadBytes(kHead + "#RAR -2 20200101 20201231\n");
    CHECK(read->Findings() == Findings{"error sie.year 8:6"});
    CHECK(read->Only().message ==
          "year -1 starts 2022-01-01 but year -2 ends 2020-12-31: a financial year starts the day after the one "
          "before ends");
  }
  SECTION("a balance of a year without #RAR is reported once, with the number of records") {
    auto read = ReadBytes(kHead + "#UB -3 1930 1.00\n#UB -3 2099 -1.00\n");
    CHECK(read->Findings() == Findings{"error sie.year 12:5"});
    CHECK(read->Only().message == "year -3 has no #RAR (2 records use it)");
  }
}

TEST_CASE("vouchers: braces, #TRANS lines and balance", "[sie]") {
  std::string ver = kHead + "#VER A 1 20230105 Text\n";
  SECTION("a #TRANS outside a voucher") {
    CHECK(ReadBytes(kHead + "#TRANS 1930 {} 1.00\n")->Findings() == Findings{"error sie.voucher 12:1"});
    CHECK(ReadBytes(kHead + "#RTRANS 1930 {} 1.00\n")->Findings() == Findings{"error sie.voucher 12:1"});
  }
  SECTION("a { that follows no #VER") {
    CHECK(ReadBytes(kHead + "{\n")->Findings() == Findings{"error sie.brace 12:1"});
  }
  SECTION("a second { inside a voucher") {
    auto read = ReadBytes(ver + "{\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n");
    CHECK(read->Findings() == Findings{"error sie.brace 14:1"});
    CHECK(read->sie.vouchers.empty());
  }
  SECTION("the file ends inside a voucher, or before its block") {
    CHECK(ReadBytes(ver + "{\n#TRANS 1930 {} 1.00\n")->Findings() == Findings{"error sie.brace 13:1"});
    CHECK(ReadBytes(ver)->Findings() == Findings{"error sie.brace 12:1"});
  }
  SECTION("a record of the file's top level inside a voucher: its } is missing") {
    auto read = ReadBytes(ver + "{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n#KONTO 2440 Skulder\n");
    CHECK(read->Findings() == Findings{"error sie.brace 13:1"});
    CHECK(read->Only().message == "the voucher's block is not closed: } is missing before line 16");
    CHECK(read->sie.LookupAccount(2440));  // the record itself is read
  }
  SECTION("a #VER without the fields it needs, or with a bad date") {
    CHECK(ReadBytes(kHead + "#VER A 1\n{\n}\n")->Findings() == Findings{"error sie.record 12:9"});
    CHECK(ReadBytes(kHead + "#VER A 1 2023015\n{\n}\n")->Findings() == Findings{"error sie.date 12:10"});
    CHECK(ReadBytes(kHead + "#VER A 1 20230105 Text 20230230\n{\n}\n")->Findings() ==
          Findings{"error sie.date 12:24"});
  }
  SECTION("a #TRANS with a bad date: the voucher is not kept nor summed") {
    auto read = ReadBytes(ver + "{\n#TRANS 1930 {} 1.00 20231232\n}\n");
    CHECK(read->Findings() == Findings{"error sie.date 14:21"});
    CHECK(read->sie.vouchers.empty());
  }
  SECTION("a voucher dated outside year 0: a warning at the first, counting the others") {
    auto read = ReadBytes(kHead + "#VER A 1 20221230 Text\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n" +
                          "#VER A 2 20230105 Text\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n" +
                          "#VER A 3 20240102 Text\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n");
    CHECK(read->Findings() == Findings{"warning sie.voucher 12:1"});
    CHECK(read->Only().message ==
          "voucher A 1 is dated 2022-12-30 (and 1 more), outside year 0 (2023-01-01 \u2013 2023-12-31): a file's "
          "vouchers are its year's; was it exported for another period?");
    CHECK(read->sie.vouchers.size() == 3);
    CHECK(ReadBytes(kHead + "#VER A 1 20231231 Text\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n")
              ->Findings()
              .empty());
  }
  SECTION("a #VER with no block, followed by another record") {
    auto read = ReadBytes(ver + "#KONTO 2440 Skulder\n");
    CHECK(read->Findings() == Findings{"error sie.brace 12:1"});
    CHECK(read->sie.LookupAccount(2440));
  }
  SECTION("an empty series and number; the sum is exact to the öre") {
    auto read = ReadBytes(kHead +
                          "#VER \"\" \"\" 20230105\n{\n"
                          "#TRANS 1930 {} 0.10\n#TRANS 1930 {} 0.20\n#TRANS 3990 {} -0.30\n}\n"
                          "#VER \"\" \"\" 20230106\n{\n#TRANS 1930 {} 0.1\n#TRANS 3990 {} -0.01\n}\n");
    CHECK(read->Findings() == Findings{"error sie.voucher 18:1"});
    CHECK(read->Only().message ==
          "the voucher does not balance: its #TRANS lines add up to 0,09 kr (debit 0,10 kr, credit \u22120,01 kr)");
    REQUIRE(read->sie.vouchers.size() == 1);
    CHECK(read->sie.vouchers[0].transactions.size() == 3);
  }
}

TEST_CASE("accounts: names, classes and references", "[sie]") {
  SECTION("a balance of an account without #KONTO is pointed out once per account") {
    auto read = ReadBytes(kHead + "#UB 0 1510 5.00\n#UB -1 1510 5.00\n#UB 0 2099 -5.00\n#UB -1 2099 -5.00\n");
    CHECK(read->Findings() == Findings{"warning sie.account 12:7"});
    CHECK(read->Only().message == "account 1510 has no #KONTO (2 records use it)");
  }
  SECTION("a file without any #KONTO says so once") {
    std::string head = std::regex_replace(kHead, std::regex("#KONTO[^\n]*\n"), "");
    auto read = ReadBytes(head + "#UB 0 2099 -5.00\n#UB 0 1510 5.00\n");
    CHECK(read->Findings() == Findings{"warning sie.account 9:7"});  // at the first record that uses an account
    CHECK_THAT(read->Printed(), Catch::StartsWith("test.se:9:7: #UB: warning[sie.account]: the file has no #KONTO"));
  }
  SECTION("classes by #KTYP, else by the first digit") {
    auto read = ReadBytes(kHead + "#KONTO 2999 X\n#KTYP 2999 K\n#KONTO 8999 Y\n#KTYP 8999 T\n");
    CHECK(read->Findings().empty());
    const SieFile& sie = read->sie;
    CHECK(ClassOfAccount(sie, 1930) == SieAccountClass::kBalance);
    CHECK(ClassOfAccount(sie, 2099) == SieAccountClass::kBalance);
    CHECK(ClassOfAccount(sie, 3990) == SieAccountClass::kResult);
    CHECK(ClassOfAccount(sie, 8310) == SieAccountClass::kResult);
    CHECK(ClassOfAccount(sie, 9100) == SieAccountClass::kUnknown);
    CHECK(ClassOfAccount(sie, 2999) == SieAccountClass::kResult);
    CHECK(ClassOfAccount(sie, 8999) == SieAccountClass::kBalance);
  }
  SECTION("#RES of a balance account and #UB of a result account count twice, and are pointed out") {
    auto read = ReadBytes(kHead + "#RES 0 1930 0.00\n#RES 0 2099 0.00\n#UB 0 3990 0.00\n");
    CHECK(read->Findings() == Findings{"warning sie.class 12:8", "warning sie.class 14:7"});
    // Named by their record, as every finding of the file is.
    CHECK_THAT(read->Printed(), Catch::Contains("test.se:12:8: #RES: warning[sie.class]"));
    CHECK_THAT(read->Printed(), Catch::Contains("test.se:14:7: #UB: warning[sie.class]"));
    CHECK(read->diagnostics.all()[0].message ==
          "#RES for account 1930, a balance account: its balances belong in #IB and #UB (2 such records)");
  }
}

TEST_CASE("whole-file checks: the balance sheet, the result and the years' continuity", "[sie]") {
  // Year -1 closes with bank 1 000 kr, debt −300 kr and equity −700 kr. The 2023 result of
  // −200 kr (a profit) has not been booked to equity, so #UB 0 sums to 200 kr.
  const std::string year_before = "#KONTO 2440 Skulder\n#UB -1 1930 1000.00\n#UB -1 2440 -300.00\n#UB -1 2099 -700.00\n";
  const std::string opening = "#IB 0 1930 1000.00\n#IB 0 2440 -300.00\n#IB 0 2099 -700.00\n";
  const std::string closing = "#UB 0 1930 1200.00\n#UB 0 2440 -300.00\n#UB 0 2099 -700.00\n#RES 0 3990 -200.00\n";
  SECTION("clean") {
    CHECK(ReadBytes(kHead + year_before + opening + closing)->Findings().empty());
  }
  SECTION("the result booked to equity within the year balances as well") {
    std::string booked = test::ReplaceAll(closing, "#UB 0 2099 -700.00", "#UB 0 2099 -900.00") +
                         "#KONTO 8999 \"\x8F" "rets resultat\"\n#RES 0 8999 200.00\n";
    CHECK(ReadBytes(kHead + year_before + opening + booked)->Findings().empty());
  }
  SECTION("the year before is checked too, at its #RAR") {
    auto read = ReadBytes(kHead + test::ReplaceAll(year_before, "#UB -1 2099 -700.00", "#UB -1 2099 -600.00") +
                          "#IB 0 2099 -600.00\n" + "#IB 0 1930 900.00\n#IB 0 2440 -300.00\n");
    // Year -1 closes at 100 kr with no result to match; 1930 opens 100 kr below its close.
    CHECK(read->Findings() == Findings{"error sie.balance 8:6", "error sie.opening 17:12"});
  }
  SECTION("an account missing on one side counts as 0") {
    // 2440 has no #IB 0 while #UB -1 is −300 kr; 2710 opens at 0 and did not exist before.
    auto read = ReadBytes(kHead + year_before + "#IB 0 1930 1000.00\n#IB 0 2099 -1000.00\n" + closing +
                          "#KONTO 2710 Skatt\n#IB 0 2710 0.00\n");
    CHECK(read->Findings() == Findings{"error sie.opening 14:13"});
    CHECK(read->Only().message ==
          "#IB 0 of account 2440 is missing but #UB -1 is \u2212300,00 kr (off by 300,00 kr): a year opens where the "
          "one before closed");
  }
  SECTION("equity accounts may carry the result into the new year") {
    // 2022 closed without booking its result of −200 kr; the program put it on 2099 when it
    // opened 2023, so 2099 opens at −200 kr though it did not close at all.
    std::string unbooked = "#KONTO 2091 Balanserat\n#KONTO 2440 Skulder\n"
                           "#UB -1 1930 1000.00\n#UB -1 2440 -300.00\n#UB -1 2091 -500.00\n#RES -1 3990 -200.00\n";
    std::string carried = "#IB 0 1930 1000.00\n#IB 0 2440 -300.00\n#IB 0 2091 -500.00\n#IB 0 2099 -200.00\n";
    CHECK(ReadBytes(kHead + unbooked + carried)->Findings().empty());
    // On any other account a difference is an error, even when equity makes up for it.
    auto read = ReadBytes(kHead + unbooked + test::ReplaceAll(test::ReplaceAll(carried, "1930 1000.00", "1930 1200.00"),
                                                         "2099 -200.00", "2099 -400.00"));
    CHECK(read->Findings() == Findings{"error sie.opening 18:12"});
  }
  SECTION("the year's vouchers explain every account's balance, closing vouchers like any other") {
    // 200 kr in, and the closing voucher (bokslutstransaktion) that books the result to equity.
    const std::string books = "#KONTO 8999 Resultat\n#IB 0 1930 1000.00\n#IB 0 2099 -1000.00\n"
                              "#UB 0 1930 1200.00\n#UB 0 2099 -1200.00\n#RES 0 3990 -200.00\n#RES 0 8999 200.00\n";
    const std::string vouchers = "#VER A 1 20230105 Bidrag\n{\n#TRANS 1930 {} 200.00\n#TRANS 3990 {} -200.00\n}\n"
                                 "#VER B 1 20231231 Bokslut\n{\n#TRANS 8999 {} 200.00\n#TRANS 2099 {} -200.00\n}\n";
    CHECK(ReadBytes(kHead + books + vouchers)->Findings().empty());
    // Without the closing voucher, 8999 and 2099 hold what no voucher booked: each is said, and
    // the sums, which still add up, are not.
    auto read = ReadBytes(kHead + books + vouchers.substr(0, vouchers.find("#VER B")));
    CHECK(read->Findings() == Findings{"error sie.balance 16:12", "error sie.balance 18:13"});
    // A zero balance left out counts as 0: here 1930, which the vouchers leave at 0.
    const std::string zero = "#VER A 2 20230106 Ut\n{\n#TRANS 3990 {} 1200.00\n#TRANS 1930 {} -1200.00\n}\n";
    auto left_out = ReadBytes(kHead + test::ReplaceAll(test::ReplaceAll(books, "#UB 0 1930 1200.00\n", ""),
                                                       "#RES 0 3990 -200.00", "#RES 0 3990 1000.00") +
                              vouchers + zero);
    CHECK(left_out->Findings().empty());
    // A program that also books the opening balances as the year's first voucher: the vouchers
    // alone make each closing balance, which is as consistent.
    const std::string opening_voucher = "#VER I 1 20230101 \"IB\"\n{\n#TRANS 1930 {} 1000.00\n"
                                "#TRANS 2099 {} -1000.00\n}\n";
    CHECK(ReadBytes(kHead + books + opening_voucher + vouchers)->Findings() == Findings{});
  }
  SECTION("a file without vouchers, or without balances, is not checked against them") {
    std::string base = test::ReadFile(kFixtures / "base.se");
    // base.se's result balances moved between its accounts, their sum the same; no #VER.
    std::string no_vouchers = base.substr(0, base.find("#VER"));
    no_vouchers = test::ReplaceAll(test::ReplaceAll(no_vouchers, "#RES 0 3990 -800.00", "#RES 0 3990 -900.00"),
                                   "#RES 0 4010 300.00", "#RES 0 4010 400.00");
    CHECK(ReadBytes(no_vouchers)->Findings().empty());
    // Vouchers without any #UB 0 and #RES 0: an export of vouchers only.
    CHECK(ReadBytes(kHead + "#VER A 1 20230105 T\n{\n#TRANS 1930 {} 1.00\n#TRANS 3990 {} -1.00\n}\n")
              ->Findings()
              .empty());
  }
  SECTION("a voucher or a balance left out for an error does not make accounts differ as well") {
    CHECK(ReadFixture("bad-voucher-unbalanced.se")->Findings() == Findings{"error sie.voucher 22:1"});
    CHECK(ReadFixture("bad-amount.se")->Findings().size() == 3);  // the three amounts only
    std::string base = test::ReadFile(kFixtures / "base.se");
    CHECK(ReadBytes(test::ReplaceAll(base, "#TRANS 4010 {} 300.00", "#TRANS 4010 {} 300,00"))->Findings() ==
          Findings{"error sie.amount 29:16"});
  }
  SECTION("a year without #UB is not checked against its result") {
    CHECK(ReadBytes(kHead + "#RES 0 3990 -200.00\n")->Findings().empty());
  }
  SECTION("a missing #RAR 0, #SIETYP and #FNAMN, shown at the file's first record") {
    auto read = ReadBytes("\n#FLAGGA 0\n#UB 0 1930 0.00\n");
    // Findings at one place sort by code, then by message: #FNAMN, #RAR 0, #SIETYP.
    CHECK(read->Findings() == Findings{"warning sie.missing 2:1", "error sie.missing 2:1", "warning sie.missing 2:1",
                                       "warning sie.account 3:7"});
    CHECK(read->diagnostics.all()[1].message ==
          "the file has no #RAR 0: without the financial year its balances cannot be placed");
    CHECK_THAT(read->Printed(), Catch::Contains("test.se:2:1: #FLAGGA: warning[sie.missing]: the file has no #SIETYP: "
                                                "it does not say which SIE type it is\n"
                                                "    #FLAGGA 0\n"
                                                "    ^\n"));
    // A file that names other years is told at its first #RAR.
    CHECK(ReadBytes(test::ReplaceAll(kHead, "#RAR 0 20230101 20231231\n", ""))->Findings() ==
          Findings{"error sie.missing 7:6"});
  }
}

TEST_CASE("the amounts a file may hold are capped so that every sum of them fits the inputs", "[sie]") {
  // The cap is 999 999 999 999 990 kr in all, so that no sum an import writes is past the 15
  // digits an amount of the inputs may have (check would refuse what import wrote) nor past
  // int64_t. 99 amounts of 9 999 999 999 999,99 kr fit it; the 100th would pass it.
  std::string text = kHead;
  for (int i = 0; i < 105; ++i) text += "#UB 0 " + std::to_string(1000 + i) + " -9999999999999.99\n";
  auto read = ReadBytes(text);
  Findings expected = {"error sie.amount 111:12"};
  std::vector<std::string> findings = read->Findings();
  findings.erase(std::remove_if(findings.begin(), findings.end(),
                                [](const std::string& f) { return f.rfind("warning sie.account", 0) == 0; }),
                 findings.end());
  CHECK(findings == expected);
  for (const Diagnostic& d : read->diagnostics.all()) {
    if (d.code == "sie.amount") CHECK_THAT(d.message, Catch::Contains("this cannot be a ledger"));
  }
  CHECK(read->sie.balances.size() == 99);
  int64_t sum = SumAccounts(read->sie, SieBalanceKind::kClosing, 0, {{1000, 1999}});
  CHECK(sum == -99 * 999999999999999LL);
  // A large kommun's amounts are far inside it.
  CHECK(ReadBytes(kHead + "#UB 0 1930 123456789012.50\n#UB 0 2099 -123456789012.50\n")->Findings().empty());
}

TEST_CASE("balances sum by account ranges, and unmapped accounts are listed", "[sie]") {
  auto read = ReadFixture("clean.se");
  REQUIRE(read->diagnostics.all().empty());
  const SieFile& sie = read->sie;

  CHECK(SumAccounts(sie, SieBalanceKind::kResult, 0, {{3000, 3999}}) == -98975000);
  CHECK(SumAccounts(sie, SieBalanceKind::kResult, -1, {{3000, 3999}}) == -792973000);
  CHECK(SumAccounts(sie, SieBalanceKind::kClosing, 0, {{1000, 1999}}) == 850551550);
  // An account in two ranges of one sum counts once; a range upside down holds nothing.
  CHECK(SumAccounts(sie, SieBalanceKind::kClosing, 0, {{1900, 1999}, {1930, 1930}}) == 850551550);
  CHECK(SumAccounts(sie, SieBalanceKind::kClosing, 0, {{1999, 1000}}) == 0);
  CHECK(SumAccounts(sie, SieBalanceKind::kClosing, 0, {}) == 0);
  CHECK(SumAccounts(sie, SieBalanceKind::kOpening, 0, {{1000, 2999}}) == 0);
  // The closing balance sheet and the result together come to 0.
  CHECK(SumAccounts(sie, SieBalanceKind::kClosing, 0, {{1000, 2999}}) +
            SumAccounts(sie, SieBalanceKind::kResult, 0, {{3000, 8999}}) ==
        0);
  // Account numbers compare as numbers: a five-digit account is not in a four-digit range.
  CHECK(InRanges({{3000, 3999}}, 3990));
  CHECK_FALSE(InRanges({{3000, 3999}}, 39901));

  SECTION("the result statement, with an account left out") {
    BalanceMapping mapping = MapBalances(sie, SieBalanceKind::kResult, 0,
                                         {{"rr.verksamhetens_intakter", {{3000, 3999}}},
                                          {"rr.insatser", {{4000, 4999}}},
                                          {"rr.personal", {{7000, 7699}}},
                                          {"rr.finansiella", {{8000, 8999}}}});
    REQUIRE(mapping.sums.size() == 4);
    CHECK(mapping.sums[0].target == "rr.verksamhetens_intakter");
    CHECK(mapping.sums[0].ore == -98975000);
    CHECK(mapping.sums[1].ore == 25000000);
    CHECK(mapping.sums[2].ore == 4500000);
    CHECK(mapping.sums[3].ore == 0);
    REQUIRE(mapping.unmapped.size() == 1);
    CHECK(mapping.unmapped[0].account == 6110);
    CHECK(mapping.unmapped[0].ore == 123450);
    CHECK(mapping.unmapped[0].where.line == 50);
    CHECK(RoundOreToKronor(mapping.unmapped[0].ore) == 1235);
  }
  SECTION("the balance sheet: zero balances need no target, and a note may break down a line") {
    BalanceMapping mapping = MapBalances(sie, SieBalanceKind::kClosing, 0,
                                         {{"br.kassa_och_bank", {{1900, 1999}}},
                                          {"noter.bank.foretagskonto", {{1930, 1930}}},
                                          {"br.eget_kapital", {{2000, 2099}}},
                                          {"br.kortfristiga_skulder", {{2400, 2999}}}});
    CHECK(mapping.sums[0].ore == 850551550);
    CHECK(mapping.sums[1].ore == 850551550);
    CHECK(mapping.sums[2].ore == -780000000);
    CHECK(mapping.sums[3].ore == -1200000);
    CHECK(mapping.unmapped.empty());  // 1510 closes at 0
    // The year before, 1510 held 150 000 kr and no target takes it.
    mapping = MapBalances(sie, SieBalanceKind::kClosing, -1,
                          {{"br.kassa_och_bank", {{1900, 1999}}}, {"br.eget_kapital", {{2000, 2099}}}});
    REQUIRE(mapping.unmapped.size() == 2);
    CHECK(mapping.unmapped[0].account == 1510);
    CHECK(mapping.unmapped[0].ore == 15000000);
    CHECK(mapping.unmapped[1].account == 2440);
  }
}

// Every finding of every input stays inside the file it points into: the reader is fuzzed, and
// a position past the end of a line would misplace the caret.
void CheckFindingsInside(const Read& read) {
  const SourceFile& file = read.sources.file(read.sie.file);
  for (const Diagnostic& d : read.diagnostics.all()) {
    INFO(FormatDiagnostic(d, read.sources));
    CHECK(d.code.rfind("sie.", 0) == 0);
    CHECK(d.where.file == read.sie.file);
    if (d.where.line == 0) {
      CHECK(d.where.column == 0);
      continue;
    }
    REQUIRE(d.where.line >= 1);
    REQUIRE(static_cast<size_t>(d.where.line) <= file.line_starts.size());
    std::string_view line = read.sources.LineText(read.sie.file, d.where.line);
    CHECK(d.where.column >= 1);
    CHECK(d.where.column <= Utf8Columns(line, line.size()) + 1);
  }
}

// kHead with an opening #KSUMMA after its #FLAGGA (line 2), then 13 lines (13 to 25) whose
// fields hold what the checksum must read through: a quote written \" and CP437 text, an object
// list, a label the reader does not know, and a voucher's { }. The closing #KSUMMA is line 26.
std::string WithChecksum(const std::string& value, const std::string& body_from = "", const std::string& body_to = "") {
  std::string body =
      "#KONTO 1510 \"Kundfordringar \\\"sv\x86ra\\\"\"\n"
      "#OBJEKT 1 \"456\" \"Projekt \x8F\"\n"
      "#FRAMTID {1 2} x\n"
      "#IB 0 1930 100.00\n#IB 0 2099 -100.00\n#UB 0 1930 150.00\n#UB 0 2099 -100.00\n#RES 0 3990 -50.00\n"
      "#VER A 1 20230105 \"Bidrag\"\n{\n#TRANS 1930 {1 \"456\"} 50.00\n#TRANS 3990 {} -50.00\n}\n";
  if (!body_from.empty()) {
    REQUIRE(body.find(body_from) != std::string::npos);
    body = test::ReplaceAll(body, body_from, body_to);
  }
  return "#FLAGGA 0\n#KSUMMA\n" + kHead.substr(kHead.find('\n') + 1) + body + "#KSUMMA " + value + "\n";
}

// 314976336 is zlib's CRC-32 (Python's zlib.crc32) of the CP437 bytes of
//   #PROGRAMtest1#FORMATPC8#GEN20240115#SIETYP4#FNAMNTest#RAR02023010120231231
//   #RAR-12022010120221231#KONTO1930Bank#KONTO2099Resultat#KONTO3990Bidrag
//   #KONTO1510Kundfordringar "svåra"#OBJEKT1456Projekt Å#FRAMTID12x#IB01930100.00
//   #IB02099-100.00#UB01930150.00#UB02099-100.00#RES03990-50.00#VERA120230105Bidrag
//   #TRANS1930145650.00#TRANS3990-50.00
// written out by hand by the rule of sie_checksum.h, not made by arsred.
const char* const kChecksum = "314976336";

TEST_CASE("a #KSUMMA checksum is the CRC-32 of the records between the two, by the rule of SIE 4B", "[sie]") {
  // The CRC-32 catalogue's check value (CRC-32/ISO-HDLC, zlib's) of "123456789".
  CHECK(Crc32("123456789") == 0xCBF43926u);
  CHECK(Crc32("6789", Crc32("12345")) == 0xCBF43926u);

  CHECK(ReadBytes(WithChecksum(kChecksum))->Findings() == Findings{});
  // Blanks between fields and quotes around them are not summed; CR LF reads as LF.
  CHECK(ReadBytes(WithChecksum(kChecksum, "#IB 0 1930 100.00", "#IB\t0   \"1930\" 100.00 "))->Findings() ==
        Findings{});
  CHECK(ReadBytes(test::ReplaceAll(WithChecksum(kChecksum), "\n", "\r\n"))->Findings() == Findings{});

  // A value of 2^31 or more is written unsigned by most programs (Norstedts Bokslut: 3033066896)
  // and signed by some: both are the same 32 bits. books-2024-ksumma.se's is 3557377720.
  const std::string books = test::ReadFile(test::kSourceDir / "tests/fixtures/import/books-2024-ksumma.se");
  REQUIRE(books.find("#KSUMMA 3557377720") != std::string::npos);
  for (const char* value : {"3557377720", "-737589576"}) {
    INFO(value);
    const auto read = ReadBytes(test::ReplaceAll(books, "#KSUMMA 3557377720", std::string("#KSUMMA ") + value));
    CHECK(read->Findings() == Findings{});
  }
  CHECK(ParseSieChecksum("4294967295") == 0xFFFFFFFFu);
  CHECK(ParseSieChecksum("-2147483648") == 0x80000000u);
  CHECK(ParseSieChecksum("-1") == 0xFFFFFFFFu);
  for (const char* bad : {"", "-", "4294967296", "-2147483649", "+1", "12a", "1.0", "99999999999"}) {
    CHECK(!ParseSieChecksum(bad));
  }
}

TEST_CASE("a file changed after export, cut short or without its #KSUMMA value is an error", "[sie]") {
  // Any character of a field, a voucher's text as much as an amount.
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"\"Bidrag\"\n{", "\"Bidrag!\"\n{"},
           {"#UB 0 1930 150.00", "#UB 0 1930 150.01"},
           {"{1 \"456\"}", "{1 \"457\"}"},
           {"#FRAMTID {1 2} x", "#FRAMTID {1 2} y"},
           {"\x86ra", "\x84ra"},
       }) {
    INFO(to);
    const Findings changed = ReadBytes(WithChecksum(kChecksum, from, to))->Findings();
    CHECK(std::count(changed.begin(), changed.end(), "error sie.checksum 26:9") == 1);
  }
  auto wrong = ReadBytes(WithChecksum("12345"));
  CHECK(wrong->Findings() == Findings{"error sie.checksum 26:9"});
  CHECK(wrong->Printed() ==
        "test.se:26:9: #KSUMMA: error[sie.checksum]: the records do not add up to the file's checksum (#KSUMMA "
        "12345; they give 314976336): the file was changed after it was exported, or is damaged; export it "
        "again\n    #KSUMMA 12345\n            ^\n");

  // Cut: the opening #KSUMMA is where the file says it has a checksum.
  std::string cut = WithChecksum(kChecksum);
  cut.resize(cut.find("#KSUMMA 314976336"));
  CHECK(ReadBytes(cut)->Findings() == Findings{"error sie.checksum 2:1"});

  // A line after the closing #KSUMMA is not covered by it, and said once.
  CHECK(ReadBytes(WithChecksum(kChecksum) + "#KONTO 1940 Kassa\n#KSUMMA 1\n")->Findings() ==
        Findings{"error sie.checksum 27:1"});
  CHECK(ReadBytes(WithChecksum(kChecksum) + "}\n")->Findings() ==
        Findings{"error sie.brace 27:1", "error sie.checksum 27:1"});

  CHECK(ReadBytes(WithChecksum(""))->Findings() == Findings{"error sie.checksum 26:8"});
  for (const char* bad : {"12ab", "4294967296", "{1 2}"}) {
    INFO(bad);
    CHECK(ReadBytes(WithChecksum(bad))->Findings() == Findings{"error sie.checksum 26:9"});
  }
  // A first #KSUMMA with a value: what it covers cannot be told.
  std::string unopened = test::ReplaceAll(WithChecksum(kChecksum), "#KSUMMA\n", "");
  CHECK(ReadBytes(unopened)->Findings() == Findings{"error sie.checksum 25:9"});

  // A line of a label the reader skips is summed even when its fields cannot be read, so that an
  // edit cannot hide behind one; a record with an error of its own is said once, by that error.
  CHECK(ReadBytes(WithChecksum(kChecksum, "#FRAMTID {1 2} x", "#FRAMTID {1 2} \"y"))->Findings() ==
        Findings{"error sie.checksum 26:9"});
  CHECK(ReadBytes(WithChecksum(kChecksum, "#FRAMTID {1 2} x", "#FRAMTID {1 2} \"x"))->Findings() == Findings{});
  CHECK(ReadBytes(WithChecksum(kChecksum, "#FRAMTID {1 2} x", "#FRAMTID {1 2} \"x\""))->Findings() == Findings{});
  CHECK(ReadBytes(WithChecksum(kChecksum, "Projekt \x8F\"", "Projekt \x8F"))->Findings() ==
        Findings{"error sie.quote 14:17"});
}

TEST_CASE("damaged copies of the clean file give findings inside the file, never a crash", "[sie]") {
  const std::string clean = test::ReadFile(kFixtures / "clean.se");
  const std::string interesting = std::string("\"{}\\\r\n\t #-.0\x1A\x94", 14) + std::string(1, '\0');
  std::mt19937 random(20240115);
  auto below = [&](size_t n) { return n == 0 ? 0 : static_cast<size_t>(random() % n); };
  for (int round = 0; round < 4000; ++round) {
    std::string bytes = clean;
    int edits = 1 + static_cast<int>(below(4));
    for (int e = 0; e < edits && !bytes.empty(); ++e) {
      size_t at = below(bytes.size());
      switch (below(5)) {
        case 0: bytes[at] = interesting[below(interesting.size())]; break;
        case 1: bytes.insert(at, 1, interesting[below(interesting.size())]); break;
        case 2: bytes.erase(at, 1 + below(8)); break;
        case 3: bytes.resize(at); break;
        default: bytes[at] = static_cast<char>(random()); break;
      }
    }
    INFO("round " << round);
    auto read = ReadBytes(bytes);
    CheckFindingsInside(*read);
    // What is kept is consistent: one balance per kind, year and account; vouchers balance.
    std::set<std::tuple<SieBalanceKind, int, int>> keys;
    for (const SieBalance& b : read->sie.balances) CHECK(keys.insert({b.kind, b.year_index, b.account}).second);
    for (const SieVoucher& v : read->sie.vouchers) {
      int64_t sum = 0;
      for (const SieTransaction& t : v.transactions) sum += t.ore;
      CHECK(sum == 0);
    }
  }
}

TEST_CASE("every sie code is documented in docs/sie.md", "[sie]") {
  std::string source;
  for (const char* part : {"sie.cc", "sie_lexer.cc", "sie_records.cc", "sie_ledger_checks.cc", "sie_checksum.cc"}) {
    source += test::ReadFile(test::kSourceDir / "pipeline/cycle" / part);
  }
  const std::string doc = test::ReadFile(test::kSourceDir / "docs/sie.md");
  const std::regex code(R"re((?:Error|Warning)\("(sie\.[a-z]+)")re");
  std::set<std::string> codes;
  for (std::sregex_iterator it(source.begin(), source.end(), code), end; it != end; ++it) codes.insert((*it)[1]);
  CHECK(codes.size() >= 15);
  for (const std::string& c : codes) {
    INFO(c);
    CHECK(doc.find("`" + c + "`") != std::string::npos);
  }
}

}  // namespace
}  // namespace arsred

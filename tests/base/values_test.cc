#include <catch2/catch.hpp>

#include "test_util.h"
#include "values.h"

namespace arsred {

TEST_CASE("digits are grouped in threes with a real minus sign") {
  CHECK(GroupDigits(0) == "0");
  CHECK(GroupDigits(999) == "999");
  CHECK(GroupDigits(1000) == "1 000");
  CHECK(GroupDigits(7917676) == "7 917 676");
  CHECK(GroupDigits(-1409) == "\u22121 409");
  CHECK(GroupDigits(INT64_MIN) == "\u22129 223 372 036 854 775 808");
  CHECK(GroupDigits(-1234567, "\u202F") == "\u22121\u202F234\u202F567");  // the report's narrow spaces
}

TEST_CASE("quotients round to the nearest whole number, halves away from zero") {
  CHECK(RoundedDivision(1499, 1000) == 1);
  CHECK(RoundedDivision(1500, 1000) == 2);
  CHECK(RoundedDivision(-1500, 1000) == -2);
  CHECK(RoundedDivision(-1499, 1000) == -1);
  CHECK(RoundedDivision(1500, -1000) == -2);
  CHECK(RoundedDivision(-50, 100) == -1);  // öre to kronor
  CHECK(RoundedDivision(49, 100) == 0);
  CHECK(RoundedDivision(11000, 189) == 58);  // 110 of 189 is 58 %
  CHECK(RoundedDivision(7, 0) == 0);
  CHECK(RoundedDivision(INT64_MAX, 2) == INT64_MAX / 2 + 1);  // no overflow on the way
  CHECK(RoundedDivision(INT64_MIN, 3) == -3074457345618258603);
  CHECK(NearestTkr(-325) == 0);
}

TEST_CASE("money known only in tkr is compared within its precision") {
  CHECK(SameAmount(Money::Kr(2577000), Money::Tkr(2577)));
  CHECK(SameAmount(Money::Kr(2577499), Money::Tkr(2577)));
  CHECK_FALSE(SameAmount(Money::Kr(2577501), Money::Tkr(2577)));
  CHECK_FALSE(SameAmount(Money::Kr(100), Money::Kr(101)));
  Money sum = Money::Tkr(1) + Money::Tkr(2);
  CHECK(sum.tolerance() == 1000);
  CHECK(FormatMoney(Money::Kr(-1409)) == "\u22121 409 kr");
  CHECK(FormatMoney(Money::Tkr(-1409)) == "\u22121 409 tkr");
}

TEST_CASE("integers are parsed strictly") {
  std::string why;
  CHECK(ParseInteger("0", &why) == 0);
  CHECK(ParseInteger("-326", &why) == -326);
  CHECK(ParseInteger("123456789012345", &why) == 123456789012345);
  for (const char* bad : {"", "-", "012", "+5", "-0", "1 000", "1_000", "1.5", "1,5", "0x10", "1e3",
                          "1234567890123456", "12a"}) {
    INFO(bad);
    CHECK_FALSE(ParseInteger(bad, &why).has_value());
    CHECK_FALSE(why.empty());
  }
  ParseInteger("1 000", &why);
  CHECK(why.find("spaces") != std::string::npos);
  ParseInteger("012", &why);
  CHECK(why.find("octal") != std::string::npos);
}

TEST_CASE("decimals take a point or a comma and at most two places") {
  std::string why;
  CHECK(ParseDecimal("2.4", &why)->hundredths == 240);
  CHECK(ParseDecimal("2,4", &why)->hundredths == 240);
  CHECK(ParseDecimal("8.25", &why)->hundredths == 825);
  CHECK(ParseDecimal("3", &why)->hundredths == 300);
  CHECK(Decimal{240}.ToString() == "2,4");
  CHECK(Decimal{825}.ToString() == "8,25");
  CHECK(Decimal{200}.ToString() == "2");
  // Printed with the decimals as written: 2.0 beside 1.5 in a column stays 2,0.
  CHECK(ParseDecimal("2.0", &why)->ToString() == "2,0");
  CHECK(ParseDecimal("0,50", &why)->ToString() == "0,50");
  CHECK(ParseDecimal("2.5", &why)->ToString() == "2,5");
  CHECK(ParseDecimal("2", &why)->ToString() == "2");
  for (const char* bad : {"", "2.", ".5", "2.456", "-1", "02", "2,4,5", "x"}) {
    INFO(bad);
    CHECK_FALSE(ParseDecimal(bad, &why).has_value());
  }
}

TEST_CASE("dates must exist") {
  std::string why;
  CHECK(ParseDate("2024-02-29", &why).has_value());
  CHECK_FALSE(ParseDate("2023-02-29", &why).has_value());
  CHECK(why.find("no such date") != std::string::npos);
  CHECK_FALSE(ParseDate("2100-02-29", &why).has_value());
  CHECK(ParseDate("2000-02-29", &why).has_value());
  CHECK_FALSE(ParseDate("2023-13-01", &why).has_value());
  CHECK_FALSE(ParseDate("2023-4-1", &why).has_value());
  CHECK_FALSE(ParseDate("15/3/2024", &why).has_value());
  CHECK((Date{2024, 3, 15}.ToString()) == "2024-03-15");
  CHECK((Date{2024, 3, 15} < Date{2024, 12, 1}));
}

TEST_CASE("ids are lower-case ASCII words") {
  CHECK(IsValidId("star-ragunda"));
  CHECK(IsValidId("bidrag_region"));
  CHECK(IsValidId("2023"));
  CHECK_FALSE(IsValidId(""));
  CHECK_FALSE(IsValidId("Region"));
  CHECK_FALSE(IsValidId("-x"));
  CHECK_FALSE(IsValidId("två"));
  CHECK_FALSE(IsValidId("a b"));
}

}  // namespace arsred

namespace arsred::test {
namespace {

TEST_CASE("money arithmetic is checked: past ±4 × 10^18 kr it stops and says so") {
  const Money largest = Money::Tkr(999'999'999'999'999);  // the largest amount the format allows
  Money sum;
  for (int i = 0; i < 4; ++i) sum += largest;
  CHECK(!sum.overflow);
  CHECK(sum.kronor == 3'999'999'999'999'996'000);
  sum += largest;
  CHECK(sum.overflow);
  CHECK(sum.kronor == Money::kLimit);
  // It stays marked, and the difference of two such amounts does not overflow int64 either.
  CHECK((sum + Money::Kr(1)).overflow);
  CHECK((sum - (-sum)).overflow);
  CHECK((Money{} - sum - sum).kronor == -Money::kLimit);
  CHECK(SameAmount(sum, sum));
}

TEST_CASE("an amount too large to add up is a located error, never a crash") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path accounts = temp.path() / "inputs/2024/rakenskaper.yaml";
  std::string text = ReadFile(accounts);
  const std::string from = "    avser: [resultatrakning.verksamhetens_intakter]\n    poster:\n";
  REQUIRE(text.find(from) != std::string::npos);
  text = ReplaceAll(text, from, "    avser: [resultatrakning.verksamhetens_intakter]\n    enhet: tkr\n    poster:\n");
  for (const char* amount : {"1050000", "2100000", "50000"}) {
    text = ReplaceAll(text, std::string("belopp: ") + amount + "\n", "belopp: 999999999999999\n");
  }
  // A fifth item of the largest amount takes the note past what can be held.
  const std::string after = "        drift: ovriga_intakter\n";
  REQUIRE(text.find(after) != std::string::npos);
  text = ReplaceAll(text, after, after + "      - text: Felskrivet belopp\n        belopp: 999999999999999\n        drift: ovriga_intakter\n");
  WriteFile(accounts, text);
  RunResult run = RunArsred({"check", (temp.path() / "inputs/2024").string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[money.overflow]: `not.intakter.summa` (the items of note intakter) comes to more than "
                     "arsred can hold") != std::string::npos);
  // A product too: the ceiling on equity as a share of the contributions.
  CHECK(run.err.find("error[money.overflow]: `budget.sparade_medel.tak`") != std::string::npos);
  const fs::path pdf = temp.path() / "r.pdf";
  RunResult build = RunArsred({"build", (temp.path() / "inputs/2024").string(), "-o", pdf.string()});
  CHECK(build.exit_code == 2);
}

}  // namespace
}  // namespace arsred::test

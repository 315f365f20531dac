#include <catch2/catch.hpp>

#include "prose.h"

namespace arsred {
namespace {

// "−1 409 tkr" for each number read: its sign, digits, decimals and unit.
std::vector<std::string> Read(const std::string& text) {
  std::vector<std::string> out;
  for (const TypedNumber& n : TypedNumbers(text)) {
    std::string unit = n.unit == TypedNumber::Unit::kTkr ? "tkr" : n.unit == TypedNumber::Unit::kKr ? "kr" : "%";
    out.push_back(std::string(n.negative ? "-" : "") + std::to_string(n.digits) + "/" + std::to_string(n.decimals) +
                  " " + unit + " @" + std::to_string(n.at));
  }
  return out;
}

TEST_CASE("typed numbers in Swedish forms, with their unit") {
  CHECK(Read("en minskning med 1 409 tkr jämfört") == std::vector<std::string>{"1409/0 tkr @17"});
  CHECK(Read("med 1409 tkr.") == std::vector<std::string>{"1409/0 tkr @4"});
  CHECK(Read("negativt (−1 700 kr) kopplat") == std::vector<std::string>{"-1700/0 kr @10"});
  CHECK(Read("negativt (-1 700 kr) kopplat") == std::vector<std::string>{"-1700/0 kr @10"});
  CHECK(Read("ca 10 000 kr/månad") == std::vector<std::string>{"10000/0 kr @3"});
  CHECK(Read("2,5 tkr och 34% och 34 % och 58,2 procent") ==
        std::vector<std::string>{"25/1 tkr @0", "34/0 % @12", "34/0 % @20", "582/1 % @29"});
  CHECK(Read("7\u202F917\u00A0676 kr") == std::vector<std::string>{"7917676/0 kr @0"});
}

TEST_CASE("numbers that are not figures with a unit are not read") {
  CHECK(Read("under 2023 gick 34 personer") .empty());
  CHECK(Read("uppskattningsvis 70-75 % av tiden").empty());     // a range
  CHECK(Read("uppskattningsvis 70–75 % av tiden").empty());
  CHECK(Read("ESF-2 kr, R9 kr, 1/2 kr, 2.5 kr").empty());       // names, fractions, a decimal point
  CHECK(Read("34 procentenheter lägre").empty());                  // percentage points
  CHECK(Read("4 miljoner kr").empty());
  CHECK(Read("17 krokar").empty());
  // A placeholder or a link in between (Prose::kMark) is not a space.
  CHECK(Read(std::string("1 409") + Prose::kMark + " tkr").empty());
  // Years and a count before a grouped number stay apart: "2023" cannot start a group.
  CHECK(Read("år 2023 1 409 tkr") == std::vector<std::string>{"1409/0 tkr @9"});
}

TEST_CASE("words beside a placeholder stop at the clause") {
  std::string text = std::string("ett Underskott med ") + Prose::kMark + " tkr högre än budget. Nästa";
  size_t mark = text.find(Prose::kMark);
  std::vector<ProseWord> before = WordsBefore(text, mark, 3);
  REQUIRE(before.size() == 3);
  CHECK(before[0].word == "med");
  CHECK(before[1].word == "underskott");
  CHECK(before[1].at == 4);
  std::vector<ProseWord> after = WordsAfter(text, mark + 1, 5);
  REQUIRE(after.size() == 4);  // stops at the full stop
  CHECK(after[0].word == "tkr");
  CHECK(after[1].word == "högre");
  CHECK(after[3].word == "budget");
  CHECK(WordsAfter("Överskott, mer", 0, 3).size() == 1);
  CHECK(WordsAfter("Överskott, mer", 0, 3)[0].word == "överskott");
}

}  // namespace
}  // namespace arsred

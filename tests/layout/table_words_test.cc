// Words in tables break only where they must to fit: a head between its words, not after the
// dash inside a compound ("Avvikelse utfall–/budget"), and a name in a table of words whole
// ("Smedjebackens kom-/mun" in the board's table, where "kommun" had room on the next line).
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "test_util.h"

namespace arsred::test {
namespace {

// The printed text of a layout trace's runs in `role`.
std::vector<std::string> Runs(const std::string& trace, const std::string& role) {
  static const std::regex kText(R"(^  text at=\S+ .* role=(\S+) .*"(.*)\"$)");
  std::vector<std::string> runs;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, kText) && m[1] == role) runs.push_back(m[2]);
  }
  return runs;
}

TEST_CASE("a table head breaks between its words, not after the dash of a compound") {
  for (const char* layout : {"modern", "classic"}) {
    INFO(layout);
    RunResult dump =
        RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string(), "--layout", layout});
    REQUIRE(dump.exit_code == 0);
    const std::vector<std::string> heads = Runs(dump.out, "table-header");
    CHECK(std::count(heads.begin(), heads.end(), "utfall–budget") == 1);  // the driftredovisning's "Avvikelse utfall–budget"
    CHECK(std::count(heads.begin(), heads.end(), "utfall–") == 0);
  }
}

TEST_CASE("names in a table of words are not hyphenated where the next line has room") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "  [[diagram:kostnader]]\n",
                                       "  [[diagram:kostnader]]\n\n  [[styrelse]]\n");
  // Södra Dalarna's board: named ledamöter, whose column leaves the members' a narrow one.
  std::string forbund = ReplaceAll(ReadFile(year / "forbund.yaml"), "namn: Söderby kommun", "namn: Smedjebackens kommun");
  for (const auto& [seat, name] : std::vector<std::pair<std::string, std::string>>{
           {"region", "Karin Westberg"}, {"norrby", "Lars-Erik Dahlgren"}, {"soderby", "Sofia Mattsson"},
           {"forsakringskassan", "Maria Sundqvist"}, {"arbetsformedlingen", "Johan Ekström"}}) {
    forbund = ReplaceAll(forbund, "  - medlem: " + seat + "\n    roll:", "  - medlem: " + seat + "\n    namn: " + name + "\n    roll:");
  }
  WriteFile(year / "forbund.yaml", forbund);
  for (const char* layout : {"modern", "classic"}) {
    INFO(layout);
    RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", layout});
    INFO(dump.err);
    REQUIRE(dump.exit_code == 0);
    const std::vector<std::string> cells = Runs(dump.out, "table-cell");
    REQUIRE(std::count(cells.begin(), cells.end(), "Smedjebackens ") >= 1);
    for (const std::string& cell : cells) {
      INFO(cell);
      CHECK(cell.back() != '-');
    }
  }
}

}  // namespace
}  // namespace arsred::test

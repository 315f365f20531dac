// A draft's findings are set as the checker prints them: ragged, across the columns of the
// classic layout. Justified in one narrow column, a new user found gaps of a centimetre between
// the words of a finding, and its key paths hyphenated ("forvaltningsberattel-se").
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a draft's findings run ragged across both columns of the classic layout") {
  TempDir temp;
  // One error: a drift tag misspelt.
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", "drift: personal\n", "drift: personalx\n");
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", "classic"});
  CHECK(dump.exit_code == 2);  // for the error; the layout is dumped all the same
  static const std::regex kRun(R"(^  text at=([0-9.]+),([0-9.]+) .*role=small-print .*"([^"]*)\")");
  double rightmost = 0;
  bool hyphenated = false;
  std::istringstream lines(dump.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, kRun)) continue;
    rightmost = std::max(rightmost, std::stod(m[1].str()));
    const std::string text = m[3].str();
    hyphenated |= text.size() > 1 && text.back() == '-' && text[text.size() - 2] != ' ';
  }
  // The classic layout's left column ends at 286 pt; a finding's words reach into the right one.
  CHECK(rightmost > 320);
  CHECK_FALSE(hyphenated);
}

}  // namespace
}  // namespace arsred::test

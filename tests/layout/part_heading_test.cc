// A part's heading runs across the columns of a multi-column layout (issue 22): in the classic
// layout it was set in the first column, and "GRANSKNINGSANTECKNINGAR (UTKAST)" broke as
// "GRANSKNINGSANTECKNING-" over "AR (UTKAST)".
#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a part's heading runs across the columns of the classic layout, on one line") {
  RunResult dump = RunArsred(
      {"dump", "--stage", "layout", "--layout", "classic", (kSourceDir / "tests/fixtures/base/2024").string()});
  REQUIRE(dump.exit_code == 0);
  static const std::regex kRun(R"(^  text at=([0-9.]+),([0-9.]+) .*role=heading1 .*"([^"]*)\")");
  std::vector<std::string> line;  // the runs of the appendix's heading
  double y = -1;
  std::istringstream lines(dump.out);
  for (std::string text; std::getline(lines, text);) {
    std::smatch m;
    if (!std::regex_search(text, m, kRun)) continue;
    CHECK(m[3].str().back() != '-');
    if (m[3] == "GRANSKNINGSANTECKNINGAR ") y = std::stod(m[2].str());
    if (y >= 0 && std::stod(m[2].str()) == y) line.push_back(m[3].str());
  }
  // Both words on one baseline: wider than a column, which the heading now spans.
  CHECK(line == std::vector<std::string>{"GRANSKNINGSANTECKNINGAR ", "(UTKAST)"});
}

}  // namespace
}  // namespace arsred::test

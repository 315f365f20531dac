// A list stands apart from the paragraph above it as paragraphs stand apart from each other, and
// its items stand closer (issue 22: the lists of 2023 hugged the paragraph that introduced them).
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

// The baseline of the first run of each line of `role` whose text starts a line of the test's
// text, by that word, from a layout trace.
std::map<std::string, double> Baselines(const std::string& trace) {
  static const std::regex kRun(R"(^  text at=([0-9.]+),([0-9.]+) .*role=(paragraph|list-item) .*"([^"]*)\")");
  std::map<std::string, double> found;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, kRun)) continue;
    const std::string word = m[4].str();
    if (word.rfind("Rad", 0) == 0 && !found.count(word)) found[word] = std::stod(m[2].str());
  }
  return found;
}

TEST_CASE("a list stands apart from the paragraph above it as paragraphs do, its items closer") {
  TempDir temp;
  const std::string lines =
      "  ## Om förbundet\n"
      "  RadA står först.\n\n"
      "  RadB är ett andra stycke.\n"
      "  - RadC är en punkt.\n"
      "  - RadD är nästa punkt.\n\n"
      "  RadE följer listan.\n";
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml",
                                       "  ## Om förbundet\n  {forbund.namn} samordnar rehabilitering.\n", lines);
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(dump.exit_code == 0);
  const std::map<std::string, double> y = Baselines(dump.out);
  for (const char* word : {"RadA ", "RadB ", "RadC ", "RadD ", "RadE "}) REQUIRE(y.count(word));

  const double between_paragraphs = y.at("RadA ") - y.at("RadB ");
  CHECK(y.at("RadB ") - y.at("RadC ") == Approx(between_paragraphs));  // into the list
  CHECK(y.at("RadD ") - y.at("RadE ") == Approx(between_paragraphs));  // out of it
  const double between_items = y.at("RadC ") - y.at("RadD ");
  CHECK(between_items < between_paragraphs);
  CHECK(between_items > between_paragraphs - 6);  // closer, by half the paragraph space
}

}  // namespace
}  // namespace arsred::test

// A pie's legend entry that is longer than the room beside the pie breaks over lines, and is
// printed whole (classic's narrow column printed only its first line: "Ingen offentlig" for
// "Ingen offentlig försörjning 13 %"); thin lines of paper part the slices.
#include <catch2/catch.hpp>

#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

// The text runs of a layout trace that print `word` alone.
size_t Printed(const std::string& trace, const std::string& word) {
  size_t count = 0;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  text at=", 0) == 0 && line.find("\"" + word + "\"") != std::string::npos) ++count;
  }
  return count;
}

TEST_CASE("a pie's legend entries are printed whole, over as many lines as they need") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml", "text: Övriga kostnader",
                                       "text: Verksamhetskostnader och strukturinriktade insatser");
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", "classic"});
  REQUIRE(dump.exit_code == 0);
  for (const char* word : {"\"Verksamhetskostnader ", "\"strukturinriktade ", "\"insatser ", "\"6 %\""}) {
    INFO(word);
    const size_t at = dump.out.find(word);
    REQUIRE(at != std::string::npos);
    const size_t line_start = dump.out.rfind('\n', at);
    CHECK(dump.out.substr(line_start, at - line_start).find("role=figure") != std::string::npos);
  }
  // Three slices: three lines of paper between them.
  CHECK(Count(dump.out, "width=0.75 color=#ffffff role=artifact") == 3);
}

TEST_CASE("a chart right under a heading that says the same is not titled again") {
  TempDir temp;
  const fs::path year =
      EditedBaseYear(temp.path(), "text.yaml", "  [[diagram:kostnader]]", "  ### Kostnadsfördelning\n\n  [[diagram:kostnader]]");
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(dump.exit_code == 0);
  CHECK(Printed(dump.out, "Kostnadsfördelning") == 1);  // the heading
  // Under another heading, or none, the chart keeps its title.
  RunResult plain = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string()});
  CHECK(Printed(plain.out, "Kostnadsfördelning") == 1);  // the chart's title
  CHECK(Count(plain.out, "role=caption") == Count(dump.out, "role=caption") + 1);
}

}  // namespace
}  // namespace arsred::test

// An embedded table right under a heading that says what its title says is not captioned again:
// "Driftsredovisning" over the driftredovisning prints the title once (issue 22).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace arsred::test {
namespace {

// How many caption lines "Driftredovisning" the base year's layout has when `before` stands
// in the text right above [[driftredovisning]].
size_t DriftCaptions(const std::string& before) {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path text = temp.path() / "inputs/2024/text.yaml";
  WriteFile(text, ReplaceAll(ReadFile(text), "  [[driftredovisning]]\n", before + "  [[driftredovisning]]\n"));
  RunResult dump = RunArsred({"dump", "--stage", "layout", (temp.path() / "inputs/2024").string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  size_t captions = 0;
  for (size_t at = dump.out.find("role=caption"); at != std::string::npos; at = dump.out.find("role=caption", at + 1)) {
    const size_t end = dump.out.find('\n', at);
    if (dump.out.substr(at, end - at).find("\"Driftredovisning\"") != std::string::npos) ++captions;
  }
  return captions;
}

TEST_CASE("a table's caption is left out under a heading that says the same") {
  CHECK(DriftCaptions("") == 1);                                     // after a table: captioned
  CHECK(DriftCaptions("  ## Driftredovisning\n\n") == 0);              // the same words
  CHECK(DriftCaptions("  ## DRIFTREDOVISNING\n\n") == 0);              // in capitals
  CHECK(DriftCaptions("  ## Driftsredovisning\n\n") == 0);             // one letter apart
  CHECK(DriftCaptions("  ## Drift och budget\n\n") == 1);              // other words
  CHECK(DriftCaptions("  ## Driftredovisning\n\n  Utfall mot budget.\n\n") == 1);  // not right under it
}

}  // namespace
// A table that runs onto the next page repeats its head there under its title, "(forts.)"
// added: three rows of a driftredovisning under a bare head read as a table of their own. The
// repeated lines are pagination (artifacts), as the head is.
TEST_CASE("a table continued on the next page repeats its title with (forts.) above its head") {
  TempDir temp;
  std::string rows;
  for (int month = 1; month <= 70; ++month) {
    rows += "      - text: Utbetalning " + std::to_string(month) + "\n        celler:\n          - belopp: " +
            std::to_string(1000 * month) + "\n";
  }
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "  [[diagram:kostnader]]",
                                       "  [[diagram:kostnader]]\n\n  [[belopp:utbetalningar]]");
  WriteFile(year / "rakenskaper.yaml", ReadFile(year / "rakenskaper.yaml") +
                                           "beloppstabeller:\n  - id: utbetalningar\n    rubrik: Utbetalningar under året\n"
                                           "    kolumner: [Belopp]\n    rader:\n" + rows);
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  CHECK(Count(dump.out, "role=caption structure=") >= 1);
  // Once on each page after the first it runs onto.
  const size_t continued = Count(dump.out, "role=artifact \"(forts.)\"");
  CHECK(continued >= 1);
  CHECK(Count(dump.out, "role=artifact \"Utbetalningar \"") == continued);
  CHECK(Count(dump.out, "role=artifact \"Belopp \"") == continued);  // the head, repeated
}

// A goal's row split between pages went on at the top of the next with its first line against
// the repeated head's rule (2020, page 7): a continuation stands as far below the head as a
// row's first line does.
TEST_CASE("a goal's row continued on a new page stands as far below the repeated head as a row does") {
  RunResult dump = RunArsred({"dump", "--stage", "layout", (kSourceDir / "inputs/2020").string()});
  REQUIRE(dump.exit_code == 0);
  std::istringstream lines(dump.out);
  std::vector<std::string> trace;
  for (std::string line; std::getline(lines, line);) trace.push_back(line);
  const auto y_of = [](const std::string& line, const std::string& key) {
    const size_t at = line.find(key);
    return std::stod(line.substr(line.find(',', at) + 1));
  };
  std::vector<double> gaps;  // from a head's rule to the first line under it
  bool continued = false;
  for (size_t i = 1; i + 1 < trace.size(); ++i) {
    const bool head_above = trace[i - 1].find("\"Måluppfyllelse\"") != std::string::npos;
    // A line of text in a cell (a table nested in the follow-up, which may open a continuation,
    // sets its bold head lower, by that table's own padding).
    const bool text_under = trace[i + 1].find("font=0") != std::string::npos &&
                            trace[i + 1].find("role=table-cell") != std::string::npos;
    if (!head_above || trace[i].find("  rule from=") != 0 || !text_under) continue;
    continued = continued || trace[i - 1].find("role=artifact") != std::string::npos;
    gaps.push_back(y_of(trace[i], "from=") - y_of(trace[i + 1], "at="));
  }
  REQUIRE(continued);  // the repeated head is among them
  REQUIRE(gaps.size() >= 2);
  for (double gap : gaps) CHECK(gap == Approx(gaps.front()).margin(0.01));
}

}  // namespace arsred::test

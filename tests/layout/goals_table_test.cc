// A goals table sets a cell's paragraphs a little apart and a list's items together, and draws
// a survey where the follow-up embeds it (issue 22: the goals tables put a blank line between
// paragraphs; issue 18: the survey is set by the table code).
#include <catch2/catch.hpp>

#include <map>
#include <regex>

#include "test_util.h"

namespace arsred::test {
namespace {

// Where the first text run that prints `word` stands in the layout trace: its page and baseline.
struct Baseline {
  int page = -1;
  double y = 0;
};

Baseline BaselineOf(const std::string& trace, const std::string& word) {
  static const std::regex kRun(R"(text at=[0-9.]+,([0-9.]+) .* "([^"]*)\")");
  static const std::regex kPage(R"(^page ([0-9]+) )");
  int page = -1;
  for (size_t at = 0; at < trace.size();) {
    size_t end = trace.find('\n', at);
    if (end == std::string::npos) end = trace.size();
    const std::string line = trace.substr(at, end - at);
    std::smatch m;
    if (std::regex_search(line, m, kPage)) page = std::stoi(m[1].str());
    if (std::regex_search(line, m, kRun) && m[2].str().rfind(word, 0) == 0) return {page, std::stod(m[1].str())};
    at = end + 1;
  }
  FAIL("no run prints " << word);
  return {};
}

TEST_CASE("a goal's follow-up: paragraphs a little apart, list items together, the survey in its place") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path activity = temp.path() / "inputs/2024/verksamhet.yaml";
  const std::string follow_up =
      "        redovisning: |\n"
      "          Inledande stycke.\n\n"
      "          - Första punkten.\n"
      "          - Andra punkten.\n\n"
      "          Avslutande stycke.\n\n"
      "          [[enkat:deltagare]]\n\n"
      "          Sista stycket.\n";
  std::string text = ReadFile(activity);
  const size_t from = text.find("        redovisning: |\n");
  const size_t to = text.find("tabeller:", from);
  REQUIRE(from != std::string::npos);
  REQUIRE(to != std::string::npos);
  WriteFile(activity, text.substr(0, from) + follow_up + text.substr(to));
  // The goals table first in the text, so that its one row fits on the page and is not split.
  const fs::path prose = temp.path() / "inputs/2024/text.yaml";
  const std::string goals = "  ## Måluppfyllelse\n  [[mal:verksamhetsmal]]\n";
  std::string written = ReadFile(prose);
  REQUIRE(written.find(goals) != std::string::npos);
  written = ReplaceAll(written, goals, "");
  written = ReplaceAll(written, "  # Förvaltningsberättelse\n\n", "  # Förvaltningsberättelse\n\n" + goals + "\n");
  WriteFile(prose, written);
  RunResult dump = RunArsred({"dump", "--stage", "layout", (temp.path() / "inputs/2024").string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);

  const double leading = 13;  // modern.yaml's table leading
  const Baseline status_line = BaselineOf(dump.out, "Målet");
  const Baseline last_line = BaselineOf(dump.out, "Sista");
  REQUIRE(status_line.page == last_line.page);  // the row stands on one page
  const double status = status_line.y;
  const double opening = BaselineOf(dump.out, "Inledande").y;
  const double first_item = BaselineOf(dump.out, "Första").y;
  const double second_item = BaselineOf(dump.out, "Andra").y;
  const double closing = BaselineOf(dump.out, "Avslutande").y;
  const double survey_row = BaselineOf(dump.out, "Negativt").y;
  const double last = last_line.y;
  // Paragraphs: one line and a little more apart, not a blank line.
  CHECK(status - opening == Approx(leading + 3));
  CHECK(opening - first_item == Approx(leading + 3));
  CHECK(first_item - second_item == Approx(leading));  // one list
  CHECK(second_item - closing == Approx(leading + 3));
  // The survey stands where the text embeds it, between the paragraphs around the embed.
  CHECK(survey_row < closing);
  CHECK(survey_row > last);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("a head over several number columns stands on one line: the columns widen for it") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path activity = temp.path() / "inputs/2024/verksamhet.yaml";
  const std::string text = ReadFile(activity);
  REQUIRE(text.find("    grupp: Deltagare\n") != std::string::npos);
  // Wider than the two number columns' least width together (2 × 44 pt).
  WriteFile(activity, ReplaceAll(text, "    grupp: Deltagare\n", "    grupp: Deltagare vid avslutningsenkäten\n"));
  RunResult dump = RunArsred({"dump", "--stage", "layout", (temp.path() / "inputs/2024").string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  // The survey's group head: its first word and its n on one baseline.
  const Baseline group = BaselineOf(dump.out, "avslutningsenkäten");
  const Baseline n = BaselineOf(dump.out, "(n=");
  CHECK(group.page == n.page);
  CHECK(group.y == Approx(n.y));
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// Issue 22's repeated captions, for goals as for tables: under a heading with the same words,
// the goal area's title is not printed again as the table's caption.
TEST_CASE("a goals table under a heading that says the same prints no caption of its own") {
  auto captions = [](const std::string& trace) {
    const std::string title = "\"Verksamhetsmål\"";
    size_t count = 0;
    for (size_t at = trace.find("role=caption"); at != std::string::npos; at = trace.find("role=caption", at + 1)) {
      if (trace.compare(trace.find('"', at), title.size(), title) == 0) ++count;
    }
    return count;
  };
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  RunResult plain = RunArsred({"dump", "--stage", "layout", year});
  REQUIRE(plain.exit_code == 0);
  CHECK(captions(plain.out) == 1);  // under "Måluppfyllelse": the title is its caption

  TempDir temp;
  const fs::path named_year = EditedBaseYear(temp.path(), "text.yaml", "  ## Måluppfyllelse\n", "  ## Verksamhetsmål\n");
  RunResult named = RunArsred({"dump", "--stage", "layout", named_year.string()});
  REQUIRE(named.exit_code == 0);
  CHECK(captions(named.out) == 0);
  CHECK(named.out.find("role=heading2 structure=") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

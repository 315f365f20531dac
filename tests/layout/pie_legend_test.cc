// A pie's legend entry that is longer than the room beside the pie breaks over lines, and is
// printed whole (classic's narrow column printed only its first line: "Ingen offentlig" for
// "Ingen offentlig försörjning 13 %"); thin lines of paper part the slices.
#include <catch2/catch.hpp>

#include <cmath>
#include <regex>
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

// Of the lines a chart sets in the classic layout: how many end in a hyphen, and how many start
// with `word` whole.
struct FigureWords {
  int hyphenated = 0, whole = 0;
};
FigureWords FigureWordsInClassic(const fs::path& year, const std::string& word) {
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", "classic"});
  REQUIRE(dump.exit_code == 0);
  static const std::regex kFigureText(R"(^  text at=\S+ .*role=figure .*"([^"]*)\")");
  FigureWords words;
  std::istringstream lines(dump.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, kFigureText)) continue;
    words.hyphenated += m[1].str().back() == '-';
    words.whole += m[1].str().rfind(word, 0) == 0;
  }
  return words;
}

// A new user's "Övriga verksamhetskost-/nader 5 %" beside a pie in the classic layout, where
// the word fitted whole on the next line.
TEST_CASE("a pie's legend breaks between words, not inside one that fits the room") {
  TempDir temp;
  const fs::path year =
      EditedBaseYear(temp.path(), "verksamhet.yaml", "text: Övriga kostnader", "text: Övriga verksamhetskostnader");
  const FigureWords words = FigureWordsInClassic(year, "verksamhetskostnader");
  CHECK(words.hyphenated == 0);
  CHECK(words.whole == 1);
}

// The same under a bar: "Övriga personalkost-/nader" in classic's slot, where the word fits
// whole on a line of its own.
TEST_CASE("a bar's label breaks between words, not inside one that fits the slot") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml",
                                       "typ: cirkel\n    rubrik: Kostnadsfördelning\n    delar:\n      - id: insatser\n"
                                       "        text: Insatser",
                                       "typ: stapel\n    rubrik: Kostnadsfördelning\n    delar:\n      - id: insatser\n"
                                       "        text: Övriga personalkostnader");
  const FigureWords words = FigureWordsInClassic(year, "personalkostnader");
  CHECK(words.hyphenated == 0);
  CHECK(words.whole == 1);
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

TEST_CASE("with diagrammonster, slices after the first and their swatches are hatched, each colour its own way") {
  // The base year's pie: Insatser, Personal and Övriga kostnader, in classic's greys.
  RunResult dump = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string(), "--layout",
                              "classic"});
  REQUIRE(dump.exit_code == 0);
  static const std::regex kPie(R"(path fill=\S+ role=figure structure=\d+: M ([0-9.]+),([0-9.]+) L ([0-9.]+),([0-9.]+))");
  std::smatch pie;
  REQUIRE(std::regex_search(dump.out, pie, kPie));
  const double cx = std::stod(pie[1]), cy = std::stod(pie[2]);
  const double radius = std::hypot(std::stod(pie[3]) - cx, std::stod(pie[4]) - cy);

  static const std::regex kHatch(R"(rule from=([0-9.]+),([0-9.]+) to=([0-9.]+),([0-9.]+) width=0\.35 )");
  int rising = 0, level = 0, other = 0, in_pie = 0, in_legend = 0;
  for (auto it = std::sregex_iterator(dump.out.begin(), dump.out.end(), kHatch); it != std::sregex_iterator(); ++it) {
    const double x1 = std::stod((*it)[1]), y1 = std::stod((*it)[2]), x2 = std::stod((*it)[3]), y2 = std::stod((*it)[4]);
    const double slope = (y2 - y1) / (x2 - x1);
    if (std::abs(slope - 1) < 0.01) {
      ++rising;  // the second colour: 45°
    } else if (std::abs(slope) < 0.01) {
      ++level;  // the third: across
    } else {
      ++other;
    }
    const bool inside = std::hypot(x1 - cx, y1 - cy) <= radius + 0.01 && std::hypot(x2 - cx, y2 - cy) <= radius + 0.01;
    if (inside) {
      ++in_pie;
    } else if (std::min(x1, x2) > cx + radius) {
      ++in_legend;  // a swatch, right of the pie
    }
  }
  CHECK(rising > 5);
  CHECK(level > 3);
  CHECK(other == 0);  // the first colour is plain
  CHECK(in_pie + in_legend == rising + level);  // no line strays outside a slice or a swatch
  CHECK(in_legend >= 2);

  // Modern, in colour, hatches nothing.
  RunResult modern = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string()});
  REQUIRE(modern.exit_code == 0);
  CHECK(Count(modern.out, "width=0.35 ") == 0);
}

}  // namespace
}  // namespace arsred::test

// A caption stays with the figure it captions (the auditor found "Figur 1." alone at the foot of
// a column in the classic 2023 report, its two charts at the top of the next).
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include "test_util.h"

namespace arsred::test {
namespace {

// From a layout trace: the page of the first paragraph run that is the word `word` (a run is a
// word and its space), and of the first path (a chart's slice) after it; -1 when not found.
std::pair<int, int> CaptionAndChartPages(const std::string& trace, const std::string& word) {
  std::istringstream lines(trace);
  int page = -1, caption = -1, chart = -1;
  for (std::string line; std::getline(lines, line) && chart < 0;) {
    if (line.rfind("page ", 0) == 0) page = std::stoi(line.substr(5));
    if (caption < 0 && line.find("role=paragraph") != std::string::npos && line.find("\"" + word + " \"") != std::string::npos) {
      caption = page;
    }
    if (caption >= 0 && line.rfind("  path ", 0) == 0) chart = page;
  }
  return {caption, chart};
}

// The pages of the paragraph `before` (found by its first word) and of the chart after it, with
// `filler` paragraphs of one line above them.
std::pair<int, int> PagesAfterFiller(int filler, const std::string& before) {
  std::string text;
  for (int i = 0; i < filler; ++i) text += "  Ett stycke på en rad.\n\n";
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "  [[diagram:kostnader]]\n",
                                       text + "  " + before + "\n\n  [[diagram:kostnader]]\n");
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string()});
  REQUIRE(dump.exit_code == 0);
  return CaptionAndChartPages(dump.out, before.substr(0, before.find(' ')));
}

TEST_CASE("a caption before a chart is not parted from it by a page break, wherever it falls") {
  // Paragraphs of one line push the caption down the page one line at a time, over the place
  // where the chart no longer fits below it.
  int parted_without_keeping = 0;
  for (int filler = 0; filler < 40; filler += 2) {
    const auto [caption, chart] = PagesAfterFiller(filler, "Figur 1. Kostnadsslagen i år");
    INFO("with " << filler << " lines before it, the caption is on page " << caption << ", the chart on " << chart);
    REQUIRE(caption >= 0);
    CHECK(caption == chart);
    // The same text without the figure's number is a paragraph like any other, which may end
    // a page above the chart: the search above did cross the break.
    const auto [plain, plain_chart] = PagesAfterFiller(filler, "Kostnadsslagen i år");
    if (plain != plain_chart) ++parted_without_keeping;
  }
  CHECK(parted_without_keeping > 0);
}

}  // namespace
}  // namespace arsred::test

// The outline levels of headings (report_parts.h, HeadingOutline), which the tagged PDF's H1…H6
// and the web page's h2…h6 follow: no level skipped, and headings set alike stay siblings.
#include <catch2/catch.hpp>

#include <vector>

#include "report_parts.h"

namespace arsred::test {
namespace {

std::vector<int> Outline(const std::vector<int>& set_levels) {
  HeadingOutline outline;
  std::vector<int> levels;
  for (int set : set_levels) levels.push_back(outline.Next(set));
  return levels;
}

TEST_CASE("notes set at level 3 under a level-1 heading are all at outline level 2") {
  // "Noter", then Not 1 … Not 3; before, the second note fell under the first (H2, H3, H3).
  CHECK(Outline({1, 3, 3, 3}) == std::vector<int>{1, 2, 2, 2});
}

TEST_CASE("a heading stands one level under the nearest larger one before it") {
  CHECK(Outline({1, 2, 3, 2, 3, 3, 1}) == std::vector<int>{1, 2, 3, 2, 3, 3, 1});
  // Levels jumped in the text are closed up, and what follows keeps its place among them.
  CHECK(Outline({1, 4, 4, 3, 2, 4}) == std::vector<int>{1, 2, 2, 2, 2, 3});
  // A text that starts deeper than 1 starts the outline at 1.
  CHECK(Outline({3, 3, 4, 2}) == std::vector<int>{1, 1, 2, 1});
}

}  // namespace
}  // namespace arsred::test

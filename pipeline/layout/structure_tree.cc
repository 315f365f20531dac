// The composer (composer.h), the structure tree of the tagged PDF, made in reading order as the report is composed.
#include "composer.h"

#include <algorithm>
#include <map>

#include "report_parts.h"

namespace arsred {

int Composer::Element(StructType type, int parent) {
  structure_.push_back({type, parent, "", HeaderScope::kNone});
  return static_cast<int>(structure_.size()) - 1;
}

void Composer::TagLines(std::vector<SetLine>& lines, int element) {
  std::map<std::string, int> link_elements;
  for (SetLine& line : lines) {
    for (Link& link : line.links) {
      auto [at, fresh] = link_elements.emplace(link.uri, -1);
      if (fresh) at->second = Element(StructType::kLink, element);
      link.structure = at->second;
      link.description = link.uri;
      // The typesetter starts a run where each piece of a linked word starts: the runs that
      // start within the link's area are its text.
      constexpr double kSlack = 0.01;  // the link's width is summed from the runs' advances
      for (GlyphRun& run : line.runs) {
        if (run.structure < 0 && run.x > link.x - kSlack && run.x < link.x + link.width - kSlack) {
          run.structure = at->second;
        }
      }
    }
    for (GlyphRun& run : line.runs) {
      if (run.structure < 0) run.structure = element;
    }
  }
}

int Composer::FigureElement(const ReportChart& chart) {
  const int figure = Element(StructType::kFigure);
  structure_[static_cast<size_t>(figure)].alt = ChartDescription(chart);
  return figure;
}

int Composer::HeadingElement(int level, int* outline_level) {
  // Levels are not skipped in the tree (a note's heading under "Noter" is the next level
  // down, whatever its size on the page).
  const int tree_level = std::min(heading_levels_.Next(level), 6);
  if (outline_level != nullptr) *outline_level = tree_level;
  return Element(static_cast<StructType>(static_cast<int>(StructType::kH1) + tree_level - 1));
}

}  // namespace arsred

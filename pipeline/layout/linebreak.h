// Total-fit line breaking (Knuth and Plass, "Breaking paragraphs into lines", 1981) over boxes,
// glue and penalties. The caller turns words, spaces and hyphenation points into items; this
// chooses the breaks that minimise the paragraph's total demerits.
#pragma once

#include <optional>
#include <vector>

namespace arsred {

struct BreakItem {
  enum class Kind { kBox, kGlue, kPenalty };
  Kind kind = Kind::kBox;
  double width = 0;              // box and glue: natural width; penalty: width if broken here (a hyphen)
  double stretch = 0, shrink = 0;  // glue; a box's where its letters may widen or narrow
  double penalty = 0;            // penalty only; >= kForbidden forbids, <= -kForbidden forces a break
  bool flagged = false;          // penalty only: a hyphenation break (consecutive ones cost extra)
};

inline constexpr double kForbidden = 10000;

struct BreakParams {
  double tolerance = 2.0;             // largest adjustment ratio accepted on the first pass
  double second_tolerance = 5.0;      // ... on the second pass, after the first found nothing
  double emergency_stretch = 0;       // extra stretch per line on a last pass (points)
  double line_penalty = 10;
  double flagged_demerits = 3000;     // two hyphenated lines in a row
  double fitness_demerits = 100;      // a tight line next to a loose one
  int max_consecutive_hyphens = 2;    // never more than this many hyphenated lines in a row
  bool first_pass_only = false;       // no second pass, no emergency stretch
};

struct LineBreak {
  size_t item = 0;     // index of the glue or penalty the line ends at
  double ratio = 0;    // adjustment ratio of the line ending here (-1..tolerance)
  bool hyphenated = false;
};

// Line widths: width of line i is line_widths[min(i, size-1)]. The paragraph must end with a
// forced break (a penalty of -kForbidden after finishing glue). Returns the breaks in order, or
// nullopt when no set of breaks fits even on the last pass (e.g. a box wider than the line).
std::optional<std::vector<LineBreak>> BreakLines(const std::vector<BreakItem>& items,
                                                 const std::vector<double>& line_widths, const BreakParams& params);

}  // namespace arsred

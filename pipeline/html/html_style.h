// The HTML edition's look: the layout's colours, made readable, and its one style sheet.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "layout_model.h"
#include "pages.h"

namespace arsred {

// WCAG 2.1's contrast ratio of two colours, from 1 (alike) to 21 (black on white).
double ContrastRatio(Color a, Color b);

// Text must stand out from its background by this ratio (WCAG 2.1 AA, 1.4.3, normal text).
inline constexpr double kMinimumTextContrast = 4.5;

// `color`, unchanged when it has kMinimumTextContrast against every one of `backgrounds`, and
// otherwise darkened step by step (its hue kept) until it has.
Color Readable(Color color, const std::vector<Color>& backgrounds);

// "#1f4e79".
std::string Hex(Color color);

// The colours of the HTML edition, taken from the layout and made readable on white (and on
// the layout's table stripes, where text stands on them).
struct HtmlColors {
  Color text, muted, accent, link, table_head, rule;
  Color headings[4];  // the layout's h1–h4, for the HTML's h1–h4 in main (the title takes h1's too)
  std::vector<Color> charts;
  bool chart_patterns = false;  // hatch pie slices as the PDF does (diagrammonster)
  std::optional<Color> stripe;
};
HtmlColors ColorsOf(const LayoutFile& layout);

// The style sheet: a system font stack, the layout's colours, tables with tabular figures, and
// a print style (no navigation, each part on a new page, black on white).
std::string StyleSheet(const LayoutFile& layout, const HtmlColors& colors);

}  // namespace arsred

// The composer (composer.h), charts: pies and bars, drawn as paths.
#include "composer.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>
#include <vector>

#include "report_parts.h"

namespace arsred {

namespace {

constexpr double kPieRadius = 52;  // points
// Bars: the height of the plot (the largest bar), and each bar's width, a share of its slot,
// at most kMaxBarWidth points.
constexpr double kBarPlotHeight = 110;
constexpr double kBarShareOfSlot = 0.6;
constexpr double kMaxBarWidth = 48.0;
// The page's colour, for the lines that part a pie's slices.
constexpr Color kPaperColor{255, 255, 255};

// Hatching (diagrammonster, HatchAngles): the lines' spacing and width.
constexpr double kHatchSpacing = 3.2;
constexpr double kHatchWidth = 0.35;

struct Point {
  double x, y;
};

// The part of the line through `through` in direction `d` that lies inside the convex polygon
// `polygon` (counter-clockwise or clockwise), as a rule; none when the line misses it.
std::optional<std::pair<Point, Point>> ClipToConvex(Point through, Point d, const std::vector<Point>& polygon) {
  double enter = -1e9, leave = 1e9;
  // The polygon's inside is on the same side of every edge as its centroid.
  Point centroid{0, 0};
  const double corners = static_cast<double>(polygon.size());
  for (const Point& p : polygon) centroid = {centroid.x + p.x / corners, centroid.y + p.y / corners};
  for (size_t i = 0; i < polygon.size(); ++i) {
    const Point a = polygon[i], b = polygon[(i + 1) % polygon.size()];
    Point normal{a.y - b.y, b.x - a.x};  // perpendicular to the edge
    if (normal.x * (centroid.x - a.x) + normal.y * (centroid.y - a.y) < 0) normal = {-normal.x, -normal.y};
    const double along = normal.x * d.x + normal.y * d.y;
    const double distance = normal.x * (through.x - a.x) + normal.y * (through.y - a.y);
    if (std::abs(along) < 1e-12) {
      if (distance < 0) return std::nullopt;  // parallel to the edge, outside it
      continue;
    }
    const double t = -distance / along;
    if (along > 0) {
      enter = std::max(enter, t);
    } else {
      leave = std::min(leave, t);
    }
  }
  if (leave - enter < 0.5) return std::nullopt;  // a stub shorter than half a point is noise
  return std::make_pair(Point{through.x + d.x * enter, through.y + d.y * enter},
                        Point{through.x + d.x * leave, through.y + d.y * leave});
}

// Hatch lines over a convex polygon, for the colour at `index`: lines through points spaced
// along the normal from `origin`, so that a slice's two halves and its neighbours line up.
void Hatch(Page& page, const std::vector<Point>& polygon, size_t index, const Color& fill, Point origin) {
  const std::vector<double>& angles = HatchAngles(index);
  if (angles.empty() || polygon.size() < 3) return;
  const Color ink = HatchInWhite(fill) ? kPaperColor : Color{0, 0, 0};
  double reach = 0;
  for (const Point& p : polygon) reach = std::max(reach, std::hypot(p.x - origin.x, p.y - origin.y));
  for (double degrees : angles) {
    const double radians = degrees * M_PI / 180;
    const Point d{std::cos(radians), std::sin(radians)}, normal{-d.y, d.x};
    const int steps = static_cast<int>(std::ceil(reach / kHatchSpacing));
    for (int k = -steps; k <= steps; ++k) {
      const Point through{origin.x + normal.x * k * kHatchSpacing, origin.y + normal.y * k * kHatchSpacing};
      if (auto segment = ClipToConvex(through, d, polygon)) {
        page.items.emplace_back(std::in_place_type<Rule>, segment->first.x, segment->first.y, segment->second.x,
                                segment->second.y, kHatchWidth, ink, Role::kArtifact, -1);
      }
    }
  }
}

// A pie's slice as convex polygons (a slice of more than half the pie is two), its arc in
// short chords.
std::vector<std::vector<Point>> SlicePolygons(double cx, double cy, double r, double from, double to) {
  std::vector<std::vector<Point>> parts;
  const int halves = to - from > M_PI ? 2 : 1;
  for (int h = 0; h < halves; ++h) {
    const double a0 = from + (to - from) * h / halves, a1 = from + (to - from) * (h + 1) / halves;
    std::vector<Point> polygon{{cx, cy}};
    const int chords = std::max(2, static_cast<int>(std::ceil((a1 - a0) / (M_PI / 48))));
    for (int c = 0; c <= chords; ++c) {
      const double a = a0 + (a1 - a0) * c / chords;
      polygon.push_back({cx + r * std::sin(a), cy + r * std::cos(a)});
    }
    parts.push_back(std::move(polygon));
  }
  return parts;
}

}  // namespace

void Composer::Arc(std::vector<PathOp>& ops, double cx, double cy, double r, double from, double to) {
  // Angles in radians, clockwise from 12 o'clock; cubic Béziers of at most a quarter turn.
  int segments = std::max(1, static_cast<int>(std::ceil((to - from) / (M_PI / 2))));
  double step = (to - from) / segments;
  for (int s = 0; s < segments; ++s) {
    double a0 = from + s * step, a1 = a0 + step;
    double k = 4.0 / 3.0 * std::tan((a1 - a0) / 4) * r;
    double x0 = cx + r * std::sin(a0), y0 = cy + r * std::cos(a0);
    double x3 = cx + r * std::sin(a1), y3 = cy + r * std::cos(a1);
    PathOp op;
    op.kind = PathOp::Kind::kCurveTo;
    op.x1 = x0 + k * std::cos(a0);
    op.y1 = y0 - k * std::sin(a0);
    op.x2 = x3 - k * std::cos(a1);
    op.y2 = y3 + k * std::sin(a1);
    op.x3 = x3;
    op.y3 = y3;
    ops.push_back(op);
  }
}

void Composer::Pie(const ReportChart& chart) {
  const double radius = kPieRadius;
  const double size = table_size_;
  const double line = size * 1.2;        // between the lines of one legend entry
  const double entry_gap = size * 0.25;  // more between entries
  const double legend_x = 2 * radius + 24;
  const double label_x = legend_x + size * 1.3;  // after the colour key
  // Each entry is set in full in the room beside the pie, over as many lines as it needs (a
  // narrow column, as classic's, breaks the longer ones), its words whole unless one is wider
  // than the room: "Övriga verksamhetskost-/nader" had room for the whole word below.
  const double label_width = std::max(60.0, pages_.column_width() - label_x);
  std::vector<std::vector<SetLine>> labels;
  std::vector<double> entry_top;  // below the block's top
  double legend_height = 0;
  for (const ChartPart& slice : chart.parts) {
    CheckGlyphs(slice.label, Where{}, chart.id, kRegular);
    labels.push_back(typesetter_.Set({{slice.label + " " + ChartPartValue(chart, slice), kRegular, ""}}, size,
                                     body_.color, label_width, false, Hyphenation::kOnlyToFit));
    entry_top.push_back(legend_height);
    legend_height += static_cast<double>(std::max<size_t>(1, labels.back().size())) * line + entry_gap;
  }
  const double height = std::max(2 * radius, legend_height) + 14;
  const std::vector<Color> colors = chart_colors_;
  const bool patterns = chart_patterns_;
  const int figure = FigureElement(chart);
  FlowBlock b;
  b.height = height;
  ReportChart data = chart;
  const std::vector<double> shares = PieShares(chart);
  b.draw = [=](Page& page, double left, double top, double) {
    const double cx = left + radius + 4, cy = top - radius - 6;
    double angle = 0;
    std::vector<double> boundaries;
    for (size_t i = 0; i < data.parts.size(); ++i) {
      const double sweep = 2 * M_PI * shares[i];
      const Color color = colors[i % colors.size()];
      if (sweep > 0) {
        FilledPath path;
        path.fill = color;
        if (shares[i] >= 1) {
          path.ops.push_back({PathOp::Kind::kMoveTo, cx, cy + radius});
          Arc(path.ops, cx, cy, radius, 0, 2 * M_PI);
        } else {
          path.ops.push_back({PathOp::Kind::kMoveTo, cx, cy});
          path.ops.push_back({PathOp::Kind::kLineTo, cx + radius * std::sin(angle), cy + radius * std::cos(angle)});
          Arc(path.ops, cx, cy, radius, angle, angle + sweep);
          boundaries.push_back(angle);
        }
        path.ops.push_back({PathOp::Kind::kClose});
        path.structure = figure;
        page.items.push_back(path);
        if (patterns) {
          for (const auto& polygon : SlicePolygons(cx, cy, radius, angle, angle + sweep)) {
            Hatch(page, polygon, i, color, {cx, cy});
          }
        }
      }
      angle += sweep;
      const double ly = top - 8 - entry_top[i];
      const double swatch = size * 0.8, sx = left + legend_x, sy = ly - size * 0.8;
      page.items.emplace_back(FilledRect{sx, sy, swatch, swatch, color, Role::kFigure, figure});
      if (patterns) {
        const std::vector<Point> square{{sx, sy}, {sx + swatch, sy}, {sx + swatch, sy + swatch}, {sx, sy + swatch}};
        Hatch(page, square, i, color, {sx + swatch / 2, sy + swatch / 2});
      }
      for (size_t l = 0; l < labels[i].size(); ++l) {
        for (GlyphRun run : labels[i][l].runs) {
          run.x += left + label_x;
          run.y = ly - size * 0.75 - static_cast<double>(l) * line;
          run.role = Role::kFigure;
          run.structure = figure;
          page.items.push_back(run);
        }
      }
    }
    // A thin line of paper between slices, so that neighbours of like shades (classic's greys)
    // stay apart.
    if (boundaries.size() > 1) {
      for (double at : boundaries) {
        page.items.push_back(Rule{cx, cy, cx + radius * std::sin(at), cy + radius * std::cos(at), 0.75, kPaperColor,
                                  Role::kArtifact, -1});
      }
    }
  };
  pages_.Add(b);
}

void Composer::ChartToFill() {
  const double size = table_size_;
  Caption(ChartToFillText(), size, false,
          paragraph_space_, Element(StructType::kP));
}

void Composer::Bars(const ReportChart& chart) {
  const double plot_height = kBarPlotHeight;
  double size = table_size_;
  double width = pages_.column_width();
  size_t n = chart.parts.size();
  if (n == 0) return;
  int64_t largest = 1;
  for (const ChartPart& part : chart.parts) largest = std::max(largest, part.amount);
  double slot = width / static_cast<double>(n);
  double bar = std::min(slot * kBarShareOfSlot, kMaxBarWidth);
  std::vector<std::vector<SetLine>> labels;
  for (const ChartPart& part : chart.parts) {
    CheckGlyphs(part.label + part.value, Where{}, chart.id, kRegular);
    // Under its bar, a label's words stay whole unless one is wider than the slot, as the pie's
    // legend keeps them: a short label hyphenated in a slot of its own reads as a misprint.
    labels.push_back(typesetter_.Set({{part.label, kRegular, ""}}, size * 0.9, body_.color, slot - 4, false,
                                     Hyphenation::kOnlyToFit));
  }
  size_t label_lines = 1;
  for (const auto& l : labels) label_lines = std::max(label_lines, l.size());
  FlowBlock b;
  b.height = plot_height + size * 1.6 + static_cast<double>(label_lines) * size * 1.1 + 6;
  std::vector<Color> colors = chart_colors_;
  ReportChart data = chart;
  const Typesetter* ts = &typesetter_;
  Color rule = rule_color_;
  Color text_color = body_.color;
  const int figure = FigureElement(chart);
  b.draw = [=](Page& page, double left, double top, double) {
    double base = top - size * 1.6 - plot_height;
    page.items.push_back(Rule{left, base, left + width, base, 0.5, rule, Role::kFigure, figure});
    for (size_t i = 0; i < n; ++i) {
      double h = plot_height * static_cast<double>(data.parts[i].amount) / static_cast<double>(largest);
      double x = left + static_cast<double>(i) * slot + (slot - bar) / 2;
      page.items.emplace_back(FilledRect{x, base, bar, h, colors[i % colors.size()], Role::kFigure, figure});
      GlyphRun value;
      value.size = size * 0.9;
      value.text = ForDrawing(data.parts[i].value);
      value.color = text_color;
      value.role = Role::kFigure;
      value.structure = figure;
      value.x = x + bar / 2 - ts->Width(kRegular, data.parts[i].value, size * 0.9) / 2;
      value.y = base + h + 3;
      page.items.push_back(value);
      for (size_t l = 0; l < labels[i].size(); ++l) {
        for (GlyphRun run : labels[i][l].runs) {
          run.x += left + static_cast<double>(i) * slot + (slot - labels[i][l].width) / 2;
          run.y = base - size - static_cast<double>(l) * size * 1.1;
          run.role = Role::kFigure;
          run.structure = figure;
          page.items.push_back(run);
        }
      }
    }
  };
  pages_.Add(b);
}

}  // namespace arsred

// The HTML edition (html_writer.h), charts: inline SVG named by its figures, and the same figures
// as a table under it.
#include "html_writer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace arsred {

namespace {

// Geometry of the drawings, in the SVG's own units (its viewBox; the page scales it).
constexpr double kPieRadius = 90;
// Hatch lines (diagrammonster) in the same proportion to the pie as in the PDF.
constexpr double kHatchSpacingSvg = 5.5;
constexpr double kHatchWidthSvg = 0.6;
constexpr double kPieCenter = 100;
constexpr double kLegendX = 225;
constexpr double kLegendLine = 26;
constexpr double kChartWidth = 640;
constexpr double kBarPlotHeight = 180;
constexpr double kBarTop = 28;  // room for the value above the tallest bar
constexpr double kBarLabelLine = 18;
constexpr double kMaxBarWidth = 64;

// A coordinate with two decimals, the same on every machine (no locale: snprintf's "C").
std::string Number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string s = text;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

// The words of `label` in lines of at most `width` characters (a word longer stands alone).
std::vector<std::string> WrapLabel(const std::string& label, size_t width) {
  std::vector<std::string> lines;
  size_t start = 0;
  std::string line;
  while (start <= label.size()) {
    size_t end = label.find(' ', start);
    if (end == std::string::npos) end = label.size();
    const std::string word = label.substr(start, end - start);
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
    start = end + 1;
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

}  // namespace

void HtmlWriter::Chart(const ReportChart& chart) {
  ++charts_;
  main_ += "<figure class=\"chart\">\n";
  if (!chart.title.empty()) main_ += "<figcaption>" + EscapeMarkup(chart.title) + "</figcaption>\n";
  if (chart.to_fill) {
    main_ += "<p class=\"to-fill\">" + EscapeMarkup(ChartToFillText()) + "</p>\n</figure>\n";
    return;
  }
  const std::string title_id = ids_.Make("diagram " + std::to_string(charts_));
  main_ += chart.bars ? BarsSvg(chart, title_id) : PieSvg(chart, title_id);
  // The figures the drawing shows, as a table for those who would rather read them.
  ReportTable data;
  data.head.push_back({{"Del"}, {chart.bars ? "Värde" : "Andel"}});
  data.numeric_columns = {false, true};
  for (const ChartPart& part : chart.parts) {
    data.rows.push_back(ReportRow{{{part.label, false}, {ChartPartValue(chart, part), true}}, 0, RowStyle::kBody});
  }
  const std::string caption = "Siffrorna i diagrammet" + (chart.title.empty() ? "" : ": " + chart.title);
  main_ += "<details>\n<summary>Diagrammets siffror som tabell</summary>\n" + Table(data, caption, false, "chart-data") +
           "</details>\n</figure>\n";
}

std::string HtmlWriter::PieSvg(const ReportChart& chart, const std::string& title_id) const {
  const double height =
      std::max(2 * kPieCenter, static_cast<double>(chart.parts.size()) * kLegendLine + 20);
  std::string h = "<svg role=\"img\" aria-labelledby=\"" + title_id +
                  "\" viewBox=\"0 0 " + Number(kChartWidth) + " " + Number(height) + "\">\n<title id=\"" + title_id +
                  "\">" + EscapeMarkup(ChartDescription(chart)) + "</title>\n";
  // With diagrammonster, each slice and swatch is drawn again over its colour, filled with the
  // lines of its hatching (HatchAngles): one pattern per direction and ink, named after the chart.
  auto pattern_id = [&](double degrees, bool white) {
    return title_id + "-hatch-" + std::to_string(static_cast<int>(degrees)) + (white ? "-w" : "-k");
  };
  auto hatched = [&](size_t i, const std::string& shape_start, const std::string& shape_end) {
    std::string over;
    if (!colors_.chart_patterns) return over;
    const bool white = HatchInWhite(colors_.charts[i % colors_.charts.size()]);
    for (double degrees : HatchAngles(i)) over += shape_start + "url(#" + pattern_id(degrees, white) + ")" + shape_end;
    return over;
  };
  if (colors_.chart_patterns) {
    h += "<defs>\n";
    for (double degrees : {0.0, 45.0, 90.0, 135.0}) {
      for (bool white : {false, true}) {
        h += "<pattern id=\"" + pattern_id(degrees, white) + "\" patternUnits=\"userSpaceOnUse\" width=\"" +
             Number(kHatchSpacingSvg) + "\" height=\"" + Number(kHatchSpacingSvg) + "\" patternTransform=\"rotate(" +
             Number(-degrees) + ")\"><line x1=\"0\" y1=\"" + Number(kHatchSpacingSvg / 2) + "\" x2=\"" +
             Number(kHatchSpacingSvg) + "\" y2=\"" + Number(kHatchSpacingSvg / 2) + "\" stroke=\"" +
             (white ? "#fff" : "#000") + "\" stroke-width=\"" + Number(kHatchWidthSvg) + "\"/></pattern>\n";
      }
    }
    h += "</defs>\n";
  }
  const std::vector<double> shares = PieShares(chart);  // the circle closes, whatever the percentages sum to
  double angle = 0;  // radians, clockwise from 12 o'clock
  for (size_t i = 0; i < chart.parts.size(); ++i) {
    const ChartPart& part = chart.parts[i];
    const std::string fill = Hex(colors_.charts[i % colors_.charts.size()]);
    const double sweep = 2 * M_PI * shares[i];
    if (shares[i] >= 1) {
      const std::string circle =
          "<circle cx=\"" + Number(kPieCenter) + "\" cy=\"" + Number(kPieCenter) + "\" r=\"" + Number(kPieRadius) + "\" fill=\"";
      h += circle + fill + "\"/>\n" + hatched(i, circle, "\"/>\n");
    } else if (shares[i] > 0) {
      const double x0 = kPieCenter + kPieRadius * std::sin(angle), y0 = kPieCenter - kPieRadius * std::cos(angle);
      const double x1 = kPieCenter + kPieRadius * std::sin(angle + sweep),
                   y1 = kPieCenter - kPieRadius * std::cos(angle + sweep);
      const std::string slice = "<path d=\"M" + Number(kPieCenter) + " " + Number(kPieCenter) + "L" + Number(x0) + " " +
                                Number(y0) + "A" + Number(kPieRadius) + " " + Number(kPieRadius) + " 0 " +
                                (sweep > M_PI ? "1" : "0") + " 1 " + Number(x1) + " " + Number(y1) + "Z\" fill=\"";
      const std::string edge = "\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n";
      h += slice + fill + edge + hatched(i, slice, edge);
    }
    angle += sweep;
    // The legend: the part's colour, its name and its share.
    const double y = 20 + static_cast<double>(i) * kLegendLine;
    const std::string swatch =
        "<rect x=\"" + Number(kLegendX) + "\" y=\"" + Number(y - 13) + "\" width=\"15\" height=\"15\" fill=\"";
    h += swatch + fill + "\"/>\n" + hatched(i, swatch, "\"/>\n") +
         "<text x=\"" + Number(kLegendX + 24) + "\" y=\"" + Number(y) + "\" font-size=\"15\" fill=\"" +
         Hex(colors_.text) + "\">" + EscapeMarkup(part.label + " " + ChartPartValue(chart, part)) + "</text>\n";
  }
  h += "</svg>\n";
  return h;
}

std::string HtmlWriter::BarsSvg(const ReportChart& chart, const std::string& title_id) const {
  const size_t n = std::max<size_t>(chart.parts.size(), 1);
  const double slot = kChartWidth / static_cast<double>(n);
  const double bar = std::min(slot * 0.6, kMaxBarWidth);
  const auto characters = static_cast<size_t>(std::max(6.0, slot / 7.5));  // at 13 units a letter is about 7 wide
  int64_t largest = 1;
  for (const ChartPart& part : chart.parts) largest = std::max(largest, part.amount);
  size_t label_lines = 1;
  std::vector<std::vector<std::string>> labels;
  for (const ChartPart& part : chart.parts) {
    labels.push_back(WrapLabel(part.label, characters));
    label_lines = std::max(label_lines, labels.back().size());
  }
  const double base = kBarTop + kBarPlotHeight;
  const double height = base + 8 + static_cast<double>(label_lines) * kBarLabelLine;
  const std::string text = Hex(colors_.text);
  std::string h = "<svg role=\"img\" aria-labelledby=\"" + title_id +
                  "\" viewBox=\"0 0 " + Number(kChartWidth) + " " + Number(height) + "\">\n<title id=\"" + title_id +
                  "\">" + EscapeMarkup(ChartDescription(chart)) + "</title>\n";
  for (size_t i = 0; i < chart.parts.size(); ++i) {
    const ChartPart& part = chart.parts[i];
    const double bar_height = kBarPlotHeight * static_cast<double>(std::max<int64_t>(part.amount, 0)) /
                              static_cast<double>(largest);
    const double center = slot * (static_cast<double>(i) + 0.5);
    h += "<rect x=\"" + Number(center - bar / 2) + "\" y=\"" + Number(base - bar_height) + "\" width=\"" + Number(bar) +
         "\" height=\"" + Number(bar_height) + "\" fill=\"" + Hex(colors_.charts[i % colors_.charts.size()]) + "\"/>\n";
    h += "<text x=\"" + Number(center) + "\" y=\"" + Number(base - bar_height - 7) +
         "\" font-size=\"14\" text-anchor=\"middle\" fill=\"" + text + "\">" + EscapeMarkup(part.value) + "</text>\n";
    h += "<text x=\"" + Number(center) + "\" y=\"" + Number(base + 8) + "\" font-size=\"13\" text-anchor=\"middle\" fill=\"" +
         text + "\">";
    for (const std::string& line : labels[i]) {
      h += "<tspan x=\"" + Number(center) + "\" dy=\"" + Number(kBarLabelLine) + "\">" + EscapeMarkup(line) + "</tspan>";
    }
    h += "</text>\n";
  }
  h += "<line x1=\"0\" y1=\"" + Number(base) + "\" x2=\"" + Number(kChartWidth) + "\" y2=\"" + Number(base) +
       "\" stroke=\"" + Hex(colors_.rule) + "\"/>\n</svg>\n";
  return h;
}

}  // namespace arsred

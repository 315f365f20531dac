// Reading a printed report back from pdftotext's words, and auditing it: see auditor.h.
#include "auditor.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <set>
#include <sstream>
#include <tuple>

namespace arsred::test::auditor {
namespace {

// Distances in points, as pdftotext gives them. A word space is about 2.5 pt, a thousands
// separator about 2.2 pt; the gap between a table's label and its figures, or between two
// columns of figures, is wider than kCellGap.
constexpr double kCellGap = 6;
constexpr double kAlign = 2.5;         // the figures of one column end within this of each other
constexpr double kHeadingReach = 8;    // a column heading ends within this of its figures' edge
constexpr double kColumnReach = 60;    // how far left of its edge the first figure column reaches
constexpr double kRowGap = 8;          // the white between two lines of one table is at most this
constexpr double kIndentReach = 30;    // a table's labels start within this of each other
constexpr double kFigureArea = 40;     // a heading this far right of the labels heads a column
constexpr double kTitleGap = 30;       // a table's title stands at most this far above its heading

const std::string kMinus = "\u2212";   // the minus sign of printed figures
const std::string kNilDash = "\u2013"; // the en dash of an empty cell
const std::string kNarrowSpace = "\u202F", kNoBreakSpace = "\u00A0";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string Plain(std::string text) { return Replace(Replace(text, kNarrowSpace, " "), kNoBreakSpace, " "); }

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// Lower case for comparing labels: ASCII and the Swedish capitals.
std::string Lower(std::string text) {
  for (auto [upper, lower] : {std::pair{"Å", "å"}, {"Ä", "ä"}, {"Ö", "ö"}, {"É", "é"}}) text = Replace(text, upper, lower);
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool HasLetter(const std::string& text) {
  for (unsigned char c : text) {
    // ASCII letters, or the lead byte of a Latin letter (å, ä, ö, é, …); not of U+2212 or U+2013
    if (std::isalpha(c) || c == 0xC3 || c == 0xC4 || c == 0xC5) return true;
  }
  return false;
}

bool AllDigits(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

// ---------------------------------------------------------------------------------------------
// pdftotext -bbox output

std::string Attribute(const std::string& tag, const std::string& name) {
  size_t at = tag.find(" " + name + "=\"");
  if (at == std::string::npos) return "";
  at += name.size() + 3;
  return tag.substr(at, tag.find('"', at) - at);
}

double Number(const std::string& text) { return std::strtod(text.c_str(), nullptr); }

std::string Unescape(std::string text) {
  for (auto [entity, character] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}}) {
    text = Replace(text, entity, character);
  }
  return Replace(text, "&amp;", "&");
}

// The running header lies above this share of the page's height, the footer below this one.
constexpr double kHeaderBelow = 0.072, kFooterAbove = 0.93;

// The draft's UTKAST is drawn diagonally in large letters; pdftotext gives it back as a few tall
// words of those letters.
bool IsWatermark(const Word& word) {
  return word.y1 - word.y0 > 30 && word.text.find_first_not_of("UTKAS") == std::string::npos;
}

}  // namespace

std::vector<Page> ParseBbox(const std::string& html) {
  std::vector<Page> pages;
  for (size_t at = html.find('<'); at != std::string::npos; at = html.find('<', at + 1)) {
    size_t end = html.find('>', at);
    if (end == std::string::npos) break;
    std::string tag = html.substr(at, end - at);
    if (StartsWith(tag, "<page ")) {
      pages.push_back({Number(Attribute(tag, "width")), Number(Attribute(tag, "height")), {}});
    } else if (StartsWith(tag, "<word ") && !pages.empty()) {
      size_t close = html.find("</word>", end);
      Word word{Number(Attribute(tag, "xMin")), Number(Attribute(tag, "yMin")), Number(Attribute(tag, "xMax")),
                Number(Attribute(tag, "yMax")), Plain(Unescape(html.substr(end + 1, close - end - 1)))};
      at = close;
      // The running header and footer sit in the top and bottom margins.
      Page& page = pages.back();
      double middle = (word.y0 + word.y1) / 2;
      if (IsWatermark(word) || middle < kHeaderBelow * page.height || middle > kFooterAbove * page.height) continue;
      // A word with a (narrow) no-break space inside, "7 918" where pdftotext keeps U+202F in
      // the word, is read as the words it joins, each given its share of the box.
      std::istringstream parts(word.text);
      double per_byte = (word.x1 - word.x0) / static_cast<double>(std::max<size_t>(word.text.size(), 1));
      size_t offset = 0;
      for (std::string part; parts >> part; offset += part.size()) {
        offset = word.text.find(part, offset);
        double x0 = word.x0 + per_byte * static_cast<double>(offset);
        page.words.push_back({x0, word.y0, x0 + per_byte * static_cast<double>(part.size()), word.y1, part});
      }
    }
  }
  return pages;
}

bool Row::HasFigures() const {
  return std::any_of(cells.begin(), cells.end(), [](const auto& cell) { return cell.has_value(); });
}

std::string Table::Name() const {
  if (!title.empty()) return title;
  std::string name = "the table on page " + std::to_string(page);
  if (!columns.empty() && !columns.front().header.empty()) name += " headed \"" + columns.front().header + "\"";
  return name;
}

bool Audit::Found(const std::string& what) const { return std::find(found.begin(), found.end(), what) != found.end(); }

namespace {

// ---------------------------------------------------------------------------------------------
// Figures

std::optional<Figure> ParseFigure(const std::string& printed) {
  Figure figure;
  figure.text = printed;
  std::string text = printed;
  if (text == kNilDash) {
    figure.nil = true;
    return figure;
  }
  if (!text.empty() && text.back() == '%') {
    figure.percent = true;
    text.pop_back();
    while (!text.empty() && text.back() == ' ') text.pop_back();
  }
  bool negative = false;
  if (StartsWith(text, kMinus) || StartsWith(text, "-")) {  // U+2212 as printed; a hyphen if a reader gives one
    negative = true;
    text = text.substr(text[0] == '-' ? 1 : kMinus.size());
  }
  if (size_t comma = text.find(','); comma != std::string::npos) {
    if (!AllDigits(text.substr(0, comma)) || !AllDigits(text.substr(comma + 1))) return std::nullopt;
    figure.decimal = true;
    return figure;
  }
  // Digits in groups of three after the first: "7 918", "11 030 000"; or a bare "2023".
  std::istringstream in(text);
  std::vector<std::string> groups;
  for (std::string group; in >> group;) groups.push_back(group);
  std::string digits;
  for (size_t i = 0; i < groups.size(); ++i) {
    bool fits = i == 0 ? groups.size() == 1 || groups[i].size() <= 3 : groups[i].size() == 3;
    if (!AllDigits(groups[i]) || !fits) return std::nullopt;
    digits += groups[i];
  }
  if (digits.empty() || digits.size() > 15) return std::nullopt;
  figure.value = std::stoll(digits) * (negative ? -1 : 1);
  return figure;
}

// ---------------------------------------------------------------------------------------------
// Lines, columns of the page, cells

// The words of one line of a page, or of one column of that line.
struct Chunk {
  double x0 = 0, x1 = 0;
  std::string text;
};

struct Segment {
  int page = 0;
  double y0 = 0, y1 = 0;
  std::vector<Word> words;
  std::vector<Chunk> chunks;  // words closer than kCellGap joined: a cell, a label, a run of prose
  int table = -1;             // the table it belongs to, if any
  std::string Text() const {
    std::string text;
    for (const Word& word : words) text += (text.empty() ? "" : " ") + word.text;
    return text;
  }
};

Segment MakeSegment(int page, std::vector<Word> words) {
  Segment segment;
  segment.page = page;
  segment.y0 = words.front().y0;
  segment.y1 = words.front().y1;
  for (const Word& word : words) {
    segment.y0 = std::min(segment.y0, word.y0);
    segment.y1 = std::max(segment.y1, word.y1);
    if (segment.chunks.empty() || word.x0 - segment.chunks.back().x1 >= kCellGap) {
      segment.chunks.push_back({word.x0, word.x1, word.text});
    } else {
      segment.chunks.back().x1 = word.x1;
      segment.chunks.back().text += " " + word.text;
    }
  }
  segment.words = std::move(words);
  return segment;
}

// Words on one baseline, left to right.
std::vector<std::vector<Word>> Lines(const Page& page) {
  std::vector<Word> words = page.words;
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.y1 != b.y1 ? a.y1 < b.y1 : a.x0 < b.x0; });
  std::vector<std::vector<Word>> lines;
  for (const Word& word : words) {
    if (lines.empty() || std::abs(word.y1 - lines.back().front().y1) > 2) lines.emplace_back();
    lines.back().push_back(word);
  }
  for (auto& line : lines) std::sort(line.begin(), line.end(), [](const Word& a, const Word& b) { return a.x0 < b.x0; });
  return lines;
}

// Where the two columns of a two-column layout meet: the left column's justified prose ends at
// left_end, the right column's starts at right_start. Found from the lines where prose starts
// right of the page's middle after a wide gap: in a two-column layout there are many such
// lines, all starting at the same place to a hundredth of a point.
struct Gutter {
  bool found = false;
  double left_end = 0, right_start = 0;
};

constexpr double kSamePlace = 0.15;  // points: where a column's text starts or ends, give or take
constexpr double kProseIndent = 20;  // a list's lines in a column start this far in at most

Gutter FindGutter(const std::vector<Page>& pages) {
  std::map<long, std::vector<double>> starts;  // half points -> where each line starts
  for (const Page& page : pages) {
    double middle = page.width / 2;
    for (const auto& line : Lines(page)) {
      for (size_t i = 0; i < line.size(); ++i) {
        if (line[i].x0 <= middle) continue;
        if (i > 0 && (line[i - 1].x1 >= middle || line[i].x0 - line[i - 1].x1 < 12)) break;
        int prose = 0;
        for (size_t k = i; k < line.size() && (k == i || line[k].x0 - line[k - 1].x1 < kCellGap); ++k) {
          if (HasLetter(line[k].text)) ++prose;
        }
        if (prose >= 3) starts[std::lround(line[i].x0 * 2)].push_back(line[i].x0);
        break;
      }
    }
  }
  Gutter gutter;
  auto most = std::max_element(starts.begin(), starts.end(),
                               [](const auto& a, const auto& b) { return a.second.size() < b.second.size(); });
  if (most == starts.end() || most->second.size() < 20) return gutter;
  gutter.found = true;
  std::vector<double>& xs = most->second;
  std::nth_element(xs.begin(), xs.begin() + xs.size() / 2, xs.end());
  gutter.right_start = xs[xs.size() / 2];
  for (const Page& page : pages) {
    for (const auto& line : Lines(page)) {
      for (size_t i = 1; i < line.size(); ++i) {
        if (std::abs(line[i].x0 - gutter.right_start) < kSamePlace && line[i - 1].x1 < gutter.right_start - 8) {
          gutter.left_end = std::max(gutter.left_end, line[i - 1].x1);
        }
      }
    }
  }
  return gutter;
}

// The lines of every page as segments in reading order.
//
// In a two-column layout a line may be two columns' lines side by side. It is, when nothing
// crosses the gutter and the left part ends where justified prose ends in the left column, or
// the right part starts where the right column starts, or with a word (or a bullet) at most a
// list's indent from there. (A table that spans the page has figures right of the gutter, not
// words; its headings there stand over their figures, far from the column's start.) A line with words on one side
// only belongs to a column when it is next to such a line, through other one-sided lines; else
// it is part of something that spans the page: a table's heading or group, a caption.
//
// The columns' lines read top to bottom, the left column first, until a line spans the page.
std::vector<Segment> ReadingOrder(const std::vector<Page>& pages) {
  Gutter gutter = FindGutter(pages);
  enum Kind { kSpanning, kSideBySide, kOneSided };
  std::vector<Segment> ordered;
  for (size_t p = 0; p < pages.size(); ++p) {
    int page = static_cast<int>(p) + 1;
    std::vector<std::vector<Word>> lines = Lines(pages[p]);
    std::vector<Kind> kinds;
    std::vector<std::pair<std::vector<Word>, std::vector<Word>>> sides;
    for (const auto& line : lines) {
      std::vector<Word> left, right;
      bool crossed = false;
      for (const Word& word : line) {
        if (!gutter.found) {
          crossed = true;
        } else if (word.x1 <= gutter.left_end + kSamePlace) {
          left.push_back(word);
        } else if (word.x0 >= gutter.right_start - kSamePlace) {
          right.push_back(word);
        } else {
          crossed = true;
        }
      }
      Kind kind = kSpanning;
      if (!crossed && (left.empty() || right.empty())) {
        kind = kOneSided;
      } else if (!crossed && left.front().text != "Belopp" &&
                 (std::abs(left.back().x1 - gutter.left_end) < kSamePlace ||
                  std::abs(right.front().x0 - gutter.right_start) < kSamePlace ||
                  (!ParseFigure(right.front().text) && right.front().x0 < gutter.right_start + kProseIndent))) {
        kind = kSideBySide;
      }
      kinds.push_back(kind);
      sides.emplace_back(std::move(left), std::move(right));
    }
    // One-sided lines next to side-by-side lines are column lines.
    std::vector<bool> in_columns(lines.size(), false);
    for (size_t i = 0; i < lines.size();) {
      if (kinds[i] != kOneSided) {
        in_columns[i] = kinds[i] == kSideBySide;
        ++i;
        continue;
      }
      size_t end = i;
      while (end < lines.size() && kinds[end] == kOneSided) ++end;
      bool columns = (i > 0 && kinds[i - 1] == kSideBySide) || (end < lines.size() && kinds[end] == kSideBySide);
      for (size_t k = i; k < end; ++k) in_columns[k] = columns;
      i = end;
    }
    std::vector<Segment> left, right;
    auto flush = [&] {
      for (auto* column : {&left, &right}) {
        for (Segment& segment : *column) ordered.push_back(std::move(segment));
        column->clear();
      }
    };
    for (size_t i = 0; i < lines.size(); ++i) {
      if (!in_columns[i]) {
        flush();
        ordered.push_back(MakeSegment(page, lines[i]));
        continue;
      }
      if (!sides[i].first.empty()) left.push_back(MakeSegment(page, sides[i].first));
      if (!sides[i].second.empty()) right.push_back(MakeSegment(page, sides[i].second));
    }
    flush();
  }
  return ordered;
}

// ---------------------------------------------------------------------------------------------
// Tables

// A label followed by figures only.
bool IsDataRow(const Segment& segment) {
  if (segment.chunks.size() < 2 || StartsWith(segment.chunks[0].text, "Belopp i")) return false;
  return std::all_of(segment.chunks.begin() + 1, segment.chunks.end(),
                     [](const Chunk& chunk) { return ParseFigure(chunk.text).has_value(); });
}

// A label alone: a group ("Omsättningstillgångar") or section ("TILLGÅNGAR") of a table.
bool IsLabelOnly(const Segment& segment) {
  return segment.chunks.size() == 1 && !ParseFigure(segment.chunks[0].text).has_value();
}

bool Near(double a, double b, double reach) { return std::abs(a - b) <= reach; }

bool Adjacent(const Segment& above, const Segment& below) {
  return above.page == below.page && below.y0 - above.y1 <= kRowGap && below.y0 > above.y0;
}

// The nearest line above `below` on its page that reaches over `left`, if one is close.
const Segment* Above(const std::vector<Segment>& segments, const Segment& below, double left) {
  const Segment* nearest = nullptr;
  for (const Segment& segment : segments) {
    if (segment.page != below.page || segment.y1 > below.y0 + 1 || below.y0 - segment.y1 > kTitleGap) continue;
    if (segment.chunks.front().x0 > left + kSamePlace + 3 || segment.chunks.back().x1 < left) continue;
    if (nearest == nullptr || segment.y1 > nearest->y1) nearest = &segment;
  }
  return nearest;
}

// Joins a column heading's lines: "Avvikel-" + "se utfall–" is "Avvikelse utfall–".
void AppendHeading(std::string& heading, const std::string& line) {
  if (heading.empty()) {
    heading = line;
  } else if (heading.back() == '-' && !line.empty() && std::islower(static_cast<unsigned char>(line[0]))) {
    heading.pop_back();
    heading += line;
  } else if (heading.size() >= kNilDash.size() && heading.compare(heading.size() - kNilDash.size(), kNilDash.size(), kNilDash) == 0) {
    heading += line;  // "utfall–" / "budget"
  } else {
    heading += " " + line;
  }
}

// The tables among the segments: runs of data rows (with label-only rows between them) under
// their heading lines. Marks the segments each table takes.
std::vector<Table> FindTables(std::vector<Segment>& segments) {
  std::vector<Table> tables;
  for (size_t first = 0; first < segments.size(); ++first) {
    if (segments[first].table >= 0 || !IsDataRow(segments[first])) continue;
    double left = segments[first].chunks[0].x0;
    auto in_label_column = [&](const Segment& segment) { return Near(segment.chunks[0].x0, left, kIndentReach); };

    // Down: data rows, and label-only rows between them.
    size_t last = first;
    int data_rows = 1;
    for (size_t next = first + 1; next < segments.size(); ++next) {
      const Segment& segment = segments[next];
      if (!Adjacent(segments[next - 1], segment) || !in_label_column(segment)) break;
      if (IsDataRow(segment)) {
        last = next;
        ++data_rows;
      } else if (!IsLabelOnly(segment)) {
        break;
      }
    }
    if (data_rows < 2) continue;

    // Up: label-only rows, then the heading lines, then the title.
    size_t top = first;
    while (top > 0 && Adjacent(segments[top - 1], segments[top]) && IsLabelOnly(segments[top - 1]) &&
           in_label_column(segments[top - 1])) {
      --top;
    }
    auto is_heading = [&](const Segment& segment) {
      return StartsWith(segment.chunks[0].text, "Belopp i") ||
             std::any_of(segment.chunks.begin(), segment.chunks.end(),
                         [&](const Chunk& chunk) { return chunk.x0 >= left + kFigureArea; });
    };
    size_t heading = top;
    while (heading > 0 && Adjacent(segments[heading - 1], segments[heading]) && is_heading(segments[heading - 1])) {
      --heading;
    }
    if (heading == top) {
      heading = top = first;  // no heading: the label-only lines above were not the table's
    }

    Table table;
    table.page = segments[first].page;
    // The title is the line just above the heading; or, where the heading starts a page, the
    // last line before it.
    const Segment* title = Above(segments, segments[heading], left);
    if (title == nullptr && heading > 0 && segments[heading - 1].page < segments[heading].page) title = &segments[heading - 1];
    // A line of prose (ending a sentence) just above a table is not its title.
    std::string title_end = title != nullptr ? title->words.back().text : "";
    if (title != nullptr && title->table < 0 && std::string(".,;:-").find(title_end.back()) == std::string::npos) {
      table.title = title->Text();
      // A note's heading may wrap: "Not 6 Återstående belopp för beslutad" / "finansiering av …".
      const Segment* above = Above(segments, *title, left);
      if (above != nullptr && !StartsWith(table.title, "Not ") && StartsWith(above->Text(), "Not ")) {
        table.title = above->Text() + " " + table.title;
      }
    }
    if (StartsWith(segments[heading].chunks[0].text, "Belopp i ")) table.unit = segments[heading].chunks[0].text.substr(9);

    // Columns: the figures' right edges.
    double label_left = left;
    for (size_t s = top; s <= last; ++s) {
      label_left = std::min(label_left, segments[s].chunks[0].x0);
      if (!IsDataRow(segments[s])) continue;
      for (size_t c = 1; c < segments[s].chunks.size(); ++c) {
        const Chunk& chunk = segments[s].chunks[c];
        auto column = std::find_if(table.columns.begin(), table.columns.end(),
                                   [&](const Column& col) { return Near(col.right, chunk.x1, kAlign); });
        if (column == table.columns.end()) table.columns.push_back({"", chunk.x1, false});
      }
    }
    std::sort(table.columns.begin(), table.columns.end(), [](const Column& a, const Column& b) { return a.right < b.right; });
    auto column_of = [&](double right, double reach) {
      int best = -1;
      for (size_t c = 0; c < table.columns.size(); ++c) {
        if (Near(table.columns[c].right, right, reach) &&
            (best < 0 || std::abs(table.columns[c].right - right) < std::abs(table.columns[best].right - right))) {
          best = static_cast<int>(c);
        }
      }
      return best;
    };
    // The column whose right edge is the first at or right of `x`, if it is a column's width away.
    auto column_under = [&](double x) {
      for (size_t c = 0; c < table.columns.size(); ++c) {
        const double left_edge = c == 0 ? table.columns[c].right - kColumnReach : table.columns[c - 1].right;
        if (x > left_edge && x <= table.columns[c].right) return static_cast<int>(c);
      }
      return -1;
    };
    for (size_t s = heading; s < top; ++s) {
      for (const Chunk& chunk : segments[s].chunks) {
        if (StartsWith(chunk.text, "Belopp i")) continue;
        int c = column_of(chunk.x1, kHeadingReach);
        // A heading centred over a group of columns ("2023" over Alla, Kvinnor, Män) ends
        // nowhere near a column's edge: it joins the column under its middle.
        if (c < 0) c = column_under((chunk.x0 + chunk.x1) / 2);
        if (c >= 0) AppendHeading(table.columns[c].header, chunk.text);
      }
    }
    for (size_t s = top; s <= last; ++s) {
      const Segment& segment = segments[s];
      Row row;
      row.label = segment.chunks[0].text;
      row.indented = segment.chunks[0].x0 > label_left + 3;
      row.cells.resize(table.columns.size());
      for (size_t c = 1; IsDataRow(segment) && c < segment.chunks.size(); ++c) {
        int column = column_of(segment.chunks[c].x1, kAlign);
        row.cells[column] = ParseFigure(segment.chunks[c].text);
        if (row.cells[column]->percent) table.columns[column].percent = true;
      }
      table.rows.push_back(std::move(row));
    }
    for (size_t s = heading; s <= last; ++s) segments[s].table = static_cast<int>(tables.size());
    tables.push_back(std::move(table));
    first = last;
  }
  return tables;
}

// ---------------------------------------------------------------------------------------------
// Figures in the text

// Strips what may stand before or after a number in a sentence: "(6" "395" "tkr),".
std::string Bare(std::string word) {
  while (!word.empty() && std::string("(").find(word.front()) != std::string::npos) word.erase(0, 1);
  while (!word.empty() && std::string(").,;:").find(word.back()) != std::string::npos) word.pop_back();
  return word;
}

std::vector<TextFigure> TextFigures(const std::vector<Segment>& segments) {
  // The words of the running text in reading order, each with its page. The draft's appendix
  // of findings (Granskningsanteckningar) is not the report's text; its heading is the last
  // line that starts so and is not the table of contents' line (with its leader dots).
  size_t end = segments.size();
  for (size_t s = 0; s < segments.size(); ++s) {
    std::string text = Lower(segments[s].Text());
    if (StartsWith(text, "granskningsanteckning") && text.find(". . .") == std::string::npos) end = s;
  }
  std::vector<std::pair<std::string, int>> words;
  for (size_t s = 0; s < end; ++s) {
    if (segments[s].table >= 0) continue;
    for (const Word& word : segments[s].words) words.emplace_back(word.text, segments[s].page);
  }
  std::vector<TextFigure> figures;
  for (size_t i = 1; i < words.size(); ++i) {
    if (Bare(words[i].first) != "tkr" || !AllDigits(Bare(words[i - 1].first))) continue;
    // Back over the groups of three digits: "1 409", also "2" at a line's end and "074" at the next's start.
    size_t start = i - 1;
    while (start > 0 && Bare(words[start].first).size() == 3 && AllDigits(Bare(words[start - 1].first)) &&
           Bare(words[start - 1].first).size() <= 3) {
      --start;
    }
    TextFigure figure;
    for (size_t k = start; k < i; ++k) figure.text += (k > start ? " " : "") + Bare(words[k].first);
    figure.value = std::stoll(Replace(figure.text, " ", ""));
    figure.page = words[i].second;
    for (size_t k = start >= 8 ? start - 8 : 0; k < std::min(words.size(), i + 5); ++k) {
      // Words hyphenated at a line's end are read whole: "vil-" "ket" is "vilket".
      bool joined = !figure.context.empty() && figure.context.back() == '-' && std::islower(static_cast<unsigned char>(words[k].first[0]));
      if (joined) figure.context.pop_back();
      figure.context += (figure.context.empty() || joined ? "" : " ") + words[k].first;
    }
    figures.push_back(std::move(figure));
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// The audit

std::string Format(long long value) {
  std::string digits = std::to_string(value < 0 ? -value : value), grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ' ';
    grouped += digits[i];
  }
  return (value < 0 ? kMinus : "") + grouped;
}

std::string Quoted(const std::string& text) { return "\"" + text + "\""; }

// Upper case throughout: a statement's section ("TILLGÅNGAR") or section total ("SUMMA …").
bool IsUpperCase(const std::string& text) {
  if (!HasLetter(text)) return false;
  for (const char* lower : {"å", "ä", "ö", "é"}) {
    if (text.find(lower) != std::string::npos) return false;
  }
  return std::none_of(text.begin(), text.end(), [](unsigned char c) { return std::islower(c); });
}

// A whole amount in a cell ("–" is nil, 0); none for an empty cell, a percentage or a decimal.
std::optional<long long> Amount(const Row& row, size_t column) {
  if (column >= row.cells.size() || !row.cells[column] || row.cells[column]->percent || row.cells[column]->decimal) {
    return std::nullopt;
  }
  return row.cells[column]->value;
}

std::string Printed(const Row& row, size_t column) {
  return column < row.cells.size() && row.cells[column] ? row.cells[column]->text : "nothing";
}

// The first year in a column's heading: "2023-01-01– 2023-12-31" and "Utfall 2023" are 2023.
int YearOf(const std::string& heading) {
  auto digit = [&](size_t at) { return at < heading.size() && std::isdigit(static_cast<unsigned char>(heading[at])); };
  for (size_t at = 0; at + 4 <= heading.size(); ++at) {
    if (AllDigits(heading.substr(at, 4)) && !digit(at + 4) && (at == 0 || !digit(at - 1))) return std::stoi(heading.substr(at, 4));
  }
  return 0;
}

// The columns of a statement or note that hold a year's figures, by year.
std::map<int, size_t> YearColumns(const Table& table) {
  std::map<int, size_t> years;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (int year = YearOf(table.columns[c].header); year > 0 && !table.columns[c].percent) years.emplace(year, c);
  }
  return years;
}

std::string ColumnName(const Table& table, size_t column) {
  const std::string& header = table.columns[column].header;
  if (header.empty()) return "column " + std::to_string(column + 1);
  // The driftredovisning's deviation columns are the year's of the outcome before them.
  if (StartsWith(header, "Avvikelse") && YearOf(header) == 0) {
    for (size_t c = column; c-- > 0;) {
      if (StartsWith(table.columns[c].header, "Utfall")) return header + " " + std::to_string(YearOf(table.columns[c].header));
    }
  }
  return header;
}

const Row* FindRow(const Table* table, const std::string& label) {
  if (table == nullptr) return nullptr;
  for (const Row& row : table->rows) {
    if (Lower(row.label) == Lower(label)) return &row;
  }
  return nullptr;
}

// The lines after a group's heading that belong to it (indented).
std::vector<const Row*> GroupLines(const Table& table, const std::string& group) {
  std::vector<const Row*> lines;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    if (Lower(table.rows[r].label) != Lower(group)) continue;
    for (size_t k = r + 1; k < table.rows.size() && table.rows[k].indented; ++k) lines.push_back(&table.rows[k]);
    break;
  }
  return lines;
}

// Terms of a sum, written out as an auditor would: "Fordringar" 479 + "Kassa och bank" 8 264.
struct Terms {
  long long sum = 0;
  std::string text;
  void Add(const std::string& label, long long value, const std::string& printed) {
    sum += value;
    text += (text.empty() ? "" : " + ") + Quoted(label) + " " + printed;
  }
};

// A figure where it is printed, for checks across tables.
struct Place {
  const Table* table = nullptr;
  const Row* row = nullptr;
  size_t column = 0;
  std::optional<long long> Value() const { return row == nullptr ? std::nullopt : Amount(*row, column); }
  std::string Where() const { return table->Name() + ", " + Quoted(row->label) + " (" + ColumnName(*table, column) + ")"; }
  std::string Describe() const { return Where() + ": " + Printed(*row, column); }
};

// n/d as a percentage with one decimal: "31,9 %".
std::string Percent(long long n, long long d) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(n) / static_cast<double>(d);
  return Replace(out.str(), ".", ",") + " %";
}

long long FloorThousands(long long kr) { return kr >= 0 ? kr / 1000 : -((-kr + 999) / 1000); }

class Auditor {
 public:
  explicit Auditor(const PrintedReport& report) : report_(report) {}

  Audit Run() {
    for (const Table& table : report_.tables) Identify(table);
    for (const Table& table : report_.tables) TableSums(table);
    Movements();
    IncomeStatement();
    CashFlow();
    BalanceSheet();
    CashFlowAgainstBalanceSheet();
    NotesAgainstStatements();
    Operating();
    RepeatedFigures();
    for (const Table& table : report_.tables) Participants(table);
    ParticipantsAcrossTables();
    TextAgainstTables();
    return std::move(audit_);
  }

 private:
  void Check(const std::string& kind, bool ok, const std::string& finding) {
    ++audit_.checks[kind];
    if (!ok) audit_.findings.push_back(finding);
  }

  // What each table is, from its title.
  void Identify(const Table& table) {
    std::string title = Lower(table.title);
    std::string years;
    for (auto [year, column] : YearColumns(table)) years = " " + std::to_string(year) + years;
    auto statement = [&](const Table*& slot, const std::string& name) {
      if (slot == nullptr) slot = &table;
      audit_.found.push_back(name + years);
    };
    if (title == "resultaträkning") {
      statement(income_, "Resultaträkning");
    } else if (title == "balansräkning") {
      statement(balance_, "Balansräkning");
    } else if (title == "kassaflödesanalys" || title == "finansieringsanalys") {  // its older name
      statement(cash_, "Kassaflödesanalys");
    } else if (title == "flerårsöversikt") {
      statement(overview_, "Flerårsöversikt");
    } else if (title == "driftredovisning" || title == "driftsredovisning") {
      operating_ = &table;
      std::string outcome_years;
      for (const Column& column : table.columns) {
        if (StartsWith(column.header, "Utfall")) outcome_years += " " + std::to_string(YearOf(column.header));
      }
      audit_.found.push_back("Driftredovisning" + outcome_years);
    } else if (StartsWith(title, "not ") && title.size() > 4 && std::isdigit(static_cast<unsigned char>(title[4]))) {
      int note = std::atoi(title.c_str() + 4);
      notes_.emplace(note, &table);
      audit_.found.push_back("Not " + std::to_string(note));
    } else if (StartsWith(title, "tabell ") && title.size() > 7 && std::isdigit(static_cast<unsigned char>(title[7]))) {
      audit_.found.push_back("Tabell " + std::to_string(std::atoi(title.c_str() + 7)));
    }
  }

  // The columns whose figures add up: not the note references, not percentages.
  static std::vector<size_t> AddingColumns(const Table& table) {
    std::vector<size_t> columns;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].header != "Not" && !table.columns[c].percent) columns.push_back(c);
    }
    return columns;
  }

  // `total` in `column` must be the sum of `terms` (their empty cells count as nothing).
  void CheckSum(const Table& table, const Row& total, size_t column, const std::vector<const Row*>& terms,
                const std::string& what) {
    std::optional<long long> printed = Amount(total, column);
    if (!printed) return;
    Terms sum;
    for (const Row* term : terms) {
      if (std::optional<long long> value = Amount(*term, column)) sum.Add(term->label, *value, Printed(*term, column));
    }
    Check("sum", *printed == sum.sum,
          table.Name() + ", " + ColumnName(table, column) + ": " + Quoted(total.label) + " prints " +
              Printed(total, column) + ", but " + what + " add up to " + Format(sum.sum) +
              (sum.text.empty() ? "" : " (" + sum.text + ")") + ".");
  }

  // Every table's sums. A "Summa" or "Totalt" line sums the lines since the last sum or group
  // heading (a group's indented lines when it stands under a heading without figures), or, right
  // under sums, those sums; an
  // upper-case "SUMMA …" sums the groups of its section; a line with figures followed by
  // indented lines is their sum ("Eget kapital" over "Årets resultat" and "Övrigt eget
  // kapital", "Till arbete/studier" over "Varav arbete" and "Varav studier").
  void TableSums(const Table& table) {
    const std::vector<Row>& rows = table.rows;
    auto is_sum = [](const Row& row) {
      std::string label = Lower(row.label);
      return label == "summa" || StartsWith(label, "summa ") || label == "totalt";
    };
    for (size_t r = 0; r < rows.size(); ++r) {
      const Row& row = rows[r];
      std::vector<const Row*> terms;
      std::string what;
      if (StartsWith(row.label, "SUMMA")) {
        for (size_t k = r; k-- > 0 && !(IsUpperCase(rows[k].label) && !rows[k].HasFigures());) {
          if (!rows[k].indented && rows[k].HasFigures() && !StartsWith(rows[k].label, "SUMMA")) {
            terms.insert(terms.begin(), &rows[k]);
          }
        }
        what = "the groups of its section";
      } else if (is_sum(row) && r > 0 && is_sum(rows[r - 1])) {
        // A total right under sums ("Summa fordringar", "Summa kassa och bank", then "Summa")
        // is the sum of those sums.
        for (size_t k = r; k-- > 0 && !(!rows[k].indented && !rows[k].HasFigures());) {
          if (is_sum(rows[k])) terms.insert(terms.begin(), &rows[k]);
        }
        what = "the sums above it";
      } else if (is_sum(row)) {
        std::vector<const Row*> top, indented;
        for (size_t k = r; k-- > 0;) {
          if (is_sum(rows[k]) || StartsWith(rows[k].label, "SUMMA") || (!rows[k].indented && !rows[k].HasFigures())) break;
          if (!rows[k].HasFigures()) continue;
          std::vector<const Row*>& level = rows[k].indented ? indented : top;
          level.insert(level.begin(), &rows[k]);
        }
        terms = top.empty() ? indented : top;
        what = "the lines above it";
      } else if (!row.indented && row.HasFigures() && r + 1 < rows.size() && rows[r + 1].indented) {
        for (size_t k = r + 1; k < rows.size() && rows[k].indented; ++k) terms.push_back(&rows[k]);
        what = "its lines";
      } else {
        continue;
      }
      for (size_t column : AddingColumns(table)) CheckSum(table, row, column, terms, what);
    }
  }

  // Lines that are the sum of every line above them that is not itself such a sum.
  void RunningTotals(const Table& table, const std::set<std::string>& totals, const std::vector<size_t>& columns) {
    for (size_t column : columns) {
      std::vector<const Row*> items;
      for (const Row& row : table.rows) {
        if (!Amount(row, column)) continue;
        if (totals.count(Lower(row.label))) {
          CheckSum(table, row, column, items, "the lines above it");
        } else {
          items.push_back(&row);
        }
      }
    }
  }

  static std::vector<size_t> Columns(const std::map<int, size_t>& years) {
    std::vector<size_t> columns;
    for (auto [year, column] : years) columns.push_back(column);
    return columns;
  }

  // A movement schedule (the pension note): the closing line sums the opening line and the
  // year's movements above it.
  void Movements() {
    for (const auto& [number, note] : notes_) {
      for (const Row& row : note->rows) {
        if (StartsWith(Lower(row.label), "utgående ")) RunningTotals(*note, {Lower(row.label)}, Columns(YearColumns(*note)));
      }
    }
  }

  void IncomeStatement() {
    if (income_ == nullptr) return;
    RunningTotals(*income_,
                  {"verksamhetens nettokostnader", "verksamhetens resultat", "resultat efter finansiella poster", "årets resultat"},
                  Columns(YearColumns(*income_)));
  }

  // The cash flow: each section's "Kassaflöde från …" sums its lines ("Medel från verksamheten
  // före förändring av rörelsekapital" those above it); "Årets kassaflöde" sums the sections;
  // closing cash is opening cash plus the year's cash flow.
  void CashFlow() {
    if (cash_ == nullptr) return;
    for (size_t column : Columns(YearColumns(*cash_))) {
      std::vector<const Row*> section, flows, closing;
      for (const Row& row : cash_->rows) {
        if (!Amount(row, column)) continue;
        std::string label = Lower(row.label);
        if (StartsWith(label, "medel från verksamheten")) {
          CheckSum(*cash_, row, column, section, "the lines above it in its section");
        } else if (StartsWith(label, "kassaflöde från")) {
          CheckSum(*cash_, row, column, section, "the lines of its section");
          flows.push_back(&row);
          section.clear();
        } else if (label == "årets kassaflöde") {
          CheckSum(*cash_, row, column, flows, "the sections' cash flows");
          closing.push_back(&row);
        } else if (StartsWith(label, "likvida medel vid årets början")) {
          closing.push_back(&row);
        } else if (StartsWith(label, "likvida medel vid årets slut")) {
          CheckSum(*cash_, row, column, closing, "the year's cash flow and the opening cash");
        } else {
          section.push_back(&row);
        }
      }
    }
  }

  Place At(const Table* table, const std::string& label, int year) const {
    const Row* row = FindRow(table, label);
    if (row == nullptr) return {};
    std::map<int, size_t> years = YearColumns(*table);
    if (!years.count(year)) return {};
    return {table, row, years.at(year)};
  }

  // The year of the report (the statements' newest column) and the one before.
  int Year() const { return income_ != nullptr && !YearColumns(*income_).empty() ? YearColumns(*income_).rbegin()->first : 0; }

  void BalanceSheet() {
    if (balance_ == nullptr) return;
    int year = Year();
    for (auto [y, column] : YearColumns(*balance_)) {
      Place assets = At(balance_, "SUMMA TILLGÅNGAR", y), claims = At(balance_, "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", y);
      if (assets.Value() && claims.Value()) {
        Check("balance", *assets.Value() == *claims.Value(),
              balance_->Name() + ", " + ColumnName(*balance_, column) + ": " + Quoted(assets.row->label) + " prints " +
                  Printed(*assets.row, column) + " but " + Quoted(claims.row->label) + " prints " + Printed(*claims.row, column) +
                  "; the two sides must balance.");
      }
    }
    // Equity carries forward: the report year has no direct equity entries, so the prior
    // year's closing equity is the report year's "Övrigt eget kapital".
    Place closing = At(balance_, "Eget kapital", year - 1), other = At(balance_, "Övrigt eget kapital", year);
    if (closing.Value() && other.Value()) {
      Check("carried forward", *closing.Value() == *other.Value(),
            balance_->Name() + ": " + Quoted("Eget kapital") + " in the " + ColumnName(*balance_, closing.column) +
                " column prints " + Printed(*closing.row, closing.column) + ", but " + Quoted("Övrigt eget kapital") +
                " in the " + ColumnName(*balance_, other.column) + " column prints " + Printed(*other.row, other.column) +
                "; the equity at the end of " + std::to_string(year - 1) + " is the equity " + std::to_string(year) +
                " starts from (the year has no direct equity entries).");
    }
  }

  void CompareTo(const std::string& kind, const Place& place, long long expected, const std::string& why) {
    std::optional<long long> value = place.Value();
    if (!value) return;
    Check(kind, *value == expected, place.Where() + " prints " + Printed(*place.row, place.column) + ", but " + why + ".");
  }

  // The cash flow's lines against the balance sheet's two columns, and against the pension
  // note's movement; opening and closing cash.
  void CashFlowAgainstBalanceSheet() {
    if (cash_ == nullptr || balance_ == nullptr) return;
    int year = Year();
    auto balance_line = [&](const std::string& label, int y) { return At(balance_, label, y).Value(); };
    auto difference = [&](const std::string& label, bool prior_minus_current) -> std::optional<std::pair<long long, std::string>> {
      std::optional<long long> current = balance_line(label, year), prior = balance_line(label, year - 1);
      if (!current || !prior) return std::nullopt;
      long long change = prior_minus_current ? *prior - *current : *current - *prior;
      return std::pair{change, "the balance sheet's " + Quoted(label) + " goes from " + Format(*prior) + " (" +
                                   std::to_string(year - 1) + ") to " + Format(*current) + " (" + std::to_string(year) +
                                   "), which makes " + Format(change)};
    };
    for (const Row& row : cash_->rows) {
      std::string label = Lower(row.label);
      std::optional<std::pair<long long, std::string>> change;
      if (label.find("kortfristiga fordringar") != std::string::npos) {
        change = difference("Fordringar", true);
      } else if (label.find("kortfristiga skulder") != std::string::npos) {
        change = difference("Kortfristiga skulder", false);
      } else if (StartsWith(label, "justering för gjorda avsättningar")) {
        change = difference("Avsättningar", false);
      }
      if (change) CompareTo("cash flow", At(cash_, row.label, year), change->first, change->second);
    }
    // Closing cash is what the balance sheet holds in cash (and short-term investments), in
    // each column; opening cash is the prior year's closing cash.
    for (auto [y, column] : YearColumns(*cash_)) {
      Place closing = At(cash_, "Likvida medel vid årets slut", y);
      Terms cash;
      for (const char* label : {"Kassa och bank", "Kortfristiga placeringar"}) {
        if (Place place = At(balance_, label, y); place.Value()) cash.Add(label, *place.Value(), Printed(*place.row, place.column));
      }
      if (!cash.text.empty()) {
        CompareTo("cash", closing, cash.sum, "the balance sheet's " + std::to_string(y) + " column holds " + cash.text);
      }
    }
    Place opening = At(cash_, "Likvida medel vid årets början", year), prior_closing = At(cash_, "Likvida medel vid årets slut", year - 1);
    if (prior_closing.Value()) {
      CompareTo("cash", opening, *prior_closing.Value(), "the year opens with what " + std::to_string(year - 1) + " closed with, " +
                                                             prior_closing.Describe());
    }
    // The provision's movement, from the pension note, in both columns.
    for (const auto& [number, note] : notes_) {
      if (FindRow(note, "Ingående avsättning") == nullptr || FindRow(note, "Utgående avsättning") == nullptr) continue;
      for (auto [y, column] : YearColumns(*note)) {
        Place opening_provision = At(note, "Ingående avsättning", y), closing_provision = At(note, "Utgående avsättning", y);
        if (!opening_provision.Value() || !closing_provision.Value()) continue;
        long long change = *closing_provision.Value() - *opening_provision.Value();
        const std::string movement = note->Name() + " has the provision go from " +
                                     Printed(*opening_provision.row, opening_provision.column) + " to " +
                                     Printed(*closing_provision.row, closing_provision.column) + " in " +
                                     std::to_string(y) + ", which makes " + Format(change);
        Place adjustment = At(cash_, "Justering för gjorda avsättningar", y);
        if (note->unit == "kr" && cash_->unit == "tkr") {
          // A note in kronor gives the line in tkr to within rounding: the floor or the ceiling.
          const long long floor = FloorThousands(change), ceiling = FloorThousands(change + 999);
          if (std::optional<long long> value = adjustment.Value()) {
            Check("cash flow", *value == floor || *value == ceiling,
                  adjustment.Where() + " prints " + Printed(*adjustment.row, adjustment.column) + ", but " + movement +
                      " kr, so it should be " + Format(floor) + (ceiling != floor ? " or " + Format(ceiling) : "") + ".");
          }
        } else {
          CompareTo("cash flow", adjustment, change, movement);
        }
        if (Place prior = At(note, "Utgående avsättning", y - 1); prior.Value()) {
          CompareTo("carried forward", opening_provision, *prior.Value(), "the provision at the end of " + std::to_string(y - 1) +
                                                                           " is " + prior.Describe());
        }
      }
    }
  }

  // Each note's total against the statement lines that refer to it ("Not" column). A note in
  // kronor gives the lines in tkr to within rounding: the floor or the ceiling of its total.
  void NotesAgainstStatements() {
    for (const Table* statement : {income_, balance_}) {
      if (statement == nullptr) continue;
      size_t note_column = statement->columns.size();
      for (size_t c = 0; c < statement->columns.size(); ++c) {
        if (statement->columns[c].header == "Not") note_column = c;
      }
      std::map<long long, std::vector<const Row*>> referring;
      for (const Row& row : statement->rows) {
        if (std::optional<long long> note = Amount(row, note_column)) referring[*note].push_back(&row);
      }
      for (const auto& [number, lines] : referring) {
        auto it = notes_.find(static_cast<int>(number));
        Check("note", it != notes_.end(),
              statement->Name() + " refers to Not " + std::to_string(number) + " (" + Quoted(lines.front()->label) +
                  "), which the report does not print.");
        if (it == notes_.end()) continue;
        const Table& note = *it->second;
        const Row* total = nullptr;
        for (const Row& row : note.rows) {
          if (Lower(row.label) == "summa" || StartsWith(Lower(row.label), "utgående")) total = &row;
        }
        Check("note", total != nullptr, note.Name() + " has no total (\"Summa\") to compare with " + statement->Name() + ".");
        if (total == nullptr) continue;
        std::map<int, size_t> note_years = YearColumns(note);
        for (auto [year, column] : YearColumns(*statement)) {
          if (!note_years.count(year)) continue;
          std::optional<long long> note_total = Amount(*total, note_years.at(year));
          Terms sum;
          for (const Row* line : lines) {
            if (std::optional<long long> value = Amount(*line, column)) sum.Add(line->label, *value, Printed(*line, column));
          }
          if (!note_total) continue;
          long long printed = std::llabs(sum.sum), exact = std::llabs(*note_total);
          std::string lines_text = statement->Name() + "'s line" + (lines.size() > 1 ? "s" : "") + " with Not " +
                                   std::to_string(number) + " for " + std::to_string(year) + " (" + sum.text +
                                   (lines.size() > 1 ? " = " + Format(sum.sum) : "") + ")";
          if (note.unit == "kr") {
            long long floor = FloorThousands(exact), ceiling = FloorThousands(exact + 999);
            Check("note", printed == floor || printed == ceiling,
                  note.Name() + ": " + Quoted(total->label) + " for " + std::to_string(year) + " prints " +
                      Printed(*total, note_years.at(year)) + " kr, so the " + lines_text + " should be " + Format(floor) +
                      (ceiling != floor ? " or " + Format(ceiling) : "") + " tkr in absolute value.");
          } else {
            Check("note", printed == exact,
                  note.Name() + ": " + Quoted(total->label) + " for " + std::to_string(year) + " prints " +
                      Printed(*total, note_years.at(year)) + ", but the " + lines_text + " add up to " + Format(sum.sum) + ".");
          }
          // A note of several lines sums each line's items ("Summa fordringar"): each against
          // its line on its own.
          for (const Row* line : lines) {
            const Row* subtotal = FindRow(&note, "Summa " + Lower(line->label));
            const std::optional<long long> value = Amount(*line, column);
            const std::optional<long long> items = subtotal ? Amount(*subtotal, note_years.at(year)) : std::nullopt;
            if (!value || !items) continue;
            const long long line_printed = std::llabs(*value), items_exact = std::llabs(*items);
            const long long floor = note.unit == "kr" ? FloorThousands(items_exact) : items_exact;
            const long long ceiling = note.unit == "kr" ? FloorThousands(items_exact + 999) : items_exact;
            Check("note", line_printed == floor || line_printed == ceiling,
                  note.Name() + ": " + Quoted(subtotal->label) + " for " + std::to_string(year) + " prints " +
                      Printed(*subtotal, note_years.at(year)) + ", but " + statement->Name() + "'s " +
                      Quoted(line->label) + " prints " + Printed(*line, column) + ".");
          }
        }
      }
    }
  }

  // The driftredovisning: avvikelse = utfall − budget on every line, its sums, its outcome
  // against the income statement, and its lines against the notes' lines of the same name.
  void Operating() {
    if (operating_ == nullptr) return;
    const Table& table = *operating_;
    RunningTotals(table, {"verksamhetens nettokostnad", "resultat"}, AddingColumns(table));
    std::optional<size_t> outcome, budget;
    std::map<int, size_t> outcomes;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const std::string& header = table.columns[c].header;
      if (StartsWith(header, "Utfall")) {
        outcome = c;
        outcomes.emplace(YearOf(header), c);
      } else if (StartsWith(header, "Budget")) {
        budget = c;
      } else if (StartsWith(header, "Avvikelse") && outcome && budget) {
        for (const Row& row : table.rows) {
          std::optional<long long> u = Amount(row, *outcome), b = Amount(row, *budget), d = Amount(row, c);
          if (!u || !b || !d) continue;
          Check("driftredovisning", *d == *u - *b,
                table.Name() + ", " + Quoted(row.label) + ": " + ColumnName(table, c) + " prints " + Printed(row, c) + ", but " +
                    ColumnName(table, *outcome) + " " + Printed(row, *outcome) + " less " + ColumnName(table, *budget) + " " +
                    Printed(row, *budget) + " is " + Format(*u - *b) + ".");
        }
      }
    }
    // Against the income statement, for each year with an outcome column.
    for (auto [year, column] : outcomes) {
      auto compare = [&](const std::vector<const Row*>& lines, const std::vector<std::string>& statement_labels) {
        Terms ours, theirs;
        for (const Row* line : lines) {
          if (line == nullptr) continue;
          if (std::optional<long long> value = Amount(*line, column)) ours.Add(line->label, *value, Printed(*line, column));
        }
        for (const std::string& label : statement_labels) {
          if (Place place = At(income_, label, year); place.Value()) theirs.Add(label, *place.Value(), Printed(*place.row, place.column));
        }
        if (ours.text.empty() || theirs.text.empty()) return;
        Check("repeated", ours.sum == theirs.sum,
              table.Name() + ", " + ColumnName(table, column) + ": " + ours.text + (lines.size() > 1 ? " = " + Format(ours.sum) : "") +
                  ", but the Resultaträkning's " + std::to_string(year) + " column prints " + theirs.text +
                  (statement_labels.size() > 1 ? " = " + Format(theirs.sum) : "") + ".");
      };
      std::vector<std::string> financial;
      if (income_ != nullptr) {
        for (const Row& row : income_->rows) {
          if (StartsWith(Lower(row.label), "finansiella ")) financial.push_back(row.label);
        }
      }
      compare(GroupLines(table, "Verksamhetens intäkter"), {"Verksamhetens intäkter"});
      compare(GroupLines(table, "Verksamhetens kostnader"), {"Verksamhetens kostnader"});
      compare({FindRow(&table, "Verksamhetens nettokostnad")}, {"Verksamhetens nettokostnader"});
      if (const Row* row = FindRow(&table, "Finansiella poster")) compare({row}, financial);
      if (const Row* row = FindRow(&table, "Resultat")) compare({row}, {"Årets resultat"});
      // A line of the driftredovisning that a note (in kronor) also prints by the same name.
      for (const Row& row : table.rows) {
        std::optional<long long> value = Amount(row, column);
        if (!value || !row.indented) continue;
        for (const auto& [number, note] : notes_) {
          Place exact = At(note, row.label, year);
          if (note->unit != "kr" || !exact.Value()) continue;
          long long kr = std::llabs(*exact.Value()), floor = FloorThousands(kr), ceiling = FloorThousands(kr + 999);
          Check("repeated", std::llabs(*value) == floor || std::llabs(*value) == ceiling,
                table.Name() + ", " + Quoted(row.label) + ", " + ColumnName(table, column) + ": " + Printed(row, column) +
                    ", but " + exact.Describe() + " kr makes " + Format(floor) + (ceiling != floor ? " or " + Format(ceiling) : "") +
                    " tkr in absolute value.");
        }
      }
    }
  }

  // Figures printed in more than one place: the year's result everywhere, the operating
  // income and costs in the multi-year overview.
  void RepeatedFigures() {
    if (income_ == nullptr) return;
    for (auto [year, column] : YearColumns(*income_)) {
      Place result = At(income_, "Årets resultat", year);
      if (!result.Value()) continue;
      for (const Table* table : {balance_, cash_, overview_}) {
        CompareTo("repeated", At(table, "Årets resultat", year), *result.Value(), "the same year's " + result.Describe());
      }
      for (const char* label : {"Verksamhetens intäkter", "Verksamhetens kostnader"}) {
        Place statement = At(income_, label, year);
        if (statement.Value()) CompareTo("repeated", At(overview_, label, year), *statement.Value(), statement.Describe());
      }
    }
  }

  // Participant tables: all = women + men in each group of columns; shares against the
  // counts they are shares of; a survey's "(n=N)" against its total.
  void Participants(const Table& table) {
    std::vector<size_t> counts;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (!table.columns[c].percent && table.columns[c].header != "Not") counts.push_back(c);
    }
    // Groups of (all, women, men) columns, by their headings.
    size_t none = table.columns.size(), all = none, women = none;
    for (size_t c : counts) {
      std::string header = Lower(table.columns[c].header);
      auto has = [&](const std::string& word) { return (" " + header + " ").find(" " + word + " ") != std::string::npos; };
      if (has("alla") || has("totalt")) {
        all = c;
        women = none;
      } else if (has("kvinnor")) {
        women = c;
      } else if (has("män") && all != none && women != none) {
        for (const Row& row : table.rows) {
          std::optional<long long> a = Amount(row, all), w = Amount(row, women), m = Amount(row, c);
          if (!a || !w || !m || row.cells[women]->nil || row.cells[c]->nil) continue;
          Check("participants", *a == *w + *m,
                table.Name() + ", " + Quoted(row.label) + ": " + ColumnName(table, all) + " prints " + Printed(row, all) + ", but " +
                    ColumnName(table, women) + " " + Printed(row, women) + " + " + ColumnName(table, c) + " " + Printed(row, c) +
                    " make " + Format(*w + *m) + ".");
        }
        all = none;
      }
    }
    // A share n/d printed as a whole percentage: the floor or the ceiling of 100·n/d.
    auto share = [&](const Row& row, size_t percent_column, long long n, long long d, const std::string& of) {
      if (d == 0 || !row.cells[percent_column] || !row.cells[percent_column]->percent) return;
      long long p = row.cells[percent_column]->value, floor = 100 * n / d, ceiling = (100 * n + d - 1) / d;
      Check("participants", p == floor || p == ceiling,
            table.Name() + ", " + Quoted(row.label) + ", " + ColumnName(table, percent_column) + ": " + Printed(row, percent_column) +
                ", but " + Format(n) + " of " + of + " " + Format(d) + " is " + Percent(n, d) + ".");
    };
    std::vector<size_t> shares;
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].percent) shares.push_back(c);
    }
    const Row* total = FindRow(&table, "Totalt");
    if (total != nullptr && counts.size() == 1 && shares.size() == 1) {
      // A survey: each answer's share of all answers; the heading's n is the total.
      std::optional<long long> n = Amount(*total, counts[0]);
      for (const Row& row : table.rows) {
        if (std::optional<long long> value = Amount(row, counts[0]); value && n) share(row, shares[0], *value, *n, "all");
      }
      // The group and its n head both columns, so the heading may stand over either.
      const std::string header = table.columns[counts[0]].header + " " + table.columns[shares[0]].header;
      if (size_t at = header.find("(n="); at != std::string::npos && n) {
        long long stated = std::atoll(header.c_str() + at + 3);
        Check("participants", stated == *n,
              table.Name() + ": the heading " + Quoted(header) + " says " + Format(stated) + " answered, but " + Quoted("Totalt") +
                  " prints " + Printed(*total, counts[0]) + ".");
      }
    } else if (!shares.empty() && shares.size() <= counts.size() && !table.rows.empty() &&
               std::any_of(shares.begin(), shares.end(),
                           [&](size_t c) { return table.columns[c].header.find("Andel av") != std::string::npos; })) {
      // Columns under "Andel av …" (a head centred over them, read as part of the middle one's
      // header): shares of the first line's counts, column for column.
      const Row& base = table.rows.front();
      for (size_t k = 0; k < shares.size(); ++k) {
        std::optional<long long> d = Amount(base, counts[k]);
        for (const Row& row : table.rows) {
          if (std::optional<long long> value = Amount(row, counts[k]); value && d && &row != &base) {
            share(row, shares[k], *value, *d, Quoted(base.label) + " " + ColumnName(table, counts[k]));
          }
        }
      }
    }
  }

  // The same count in two participant tables ("Tabell N."), by what is counted, the year and
  // who: a line ("Avslutade deltagare") under a group of columns of a year (a heading's year, or
  // the title's), or a table of years whose title names what it counts ("Tabell 1. Antal
  // inskrivna deltagare över tid" against the line "Inskrivna deltagare").
  void ParticipantsAcrossTables() {
    std::vector<const Table*> tables;
    std::set<std::string> lines;
    for (const Table& table : report_.tables) {
      if (!StartsWith(Lower(table.title), "tabell ")) continue;
      tables.push_back(&table);
      for (const Row& row : table.rows) lines.insert(Lower(row.label));
    }
    std::map<std::tuple<std::string, int, std::string>, std::vector<Place>> counts;
    for (const Table* table : tables) {
      std::string subject;  // what a table of years counts
      for (const std::string& line : lines) {
        if (Lower(table->title).find(line) != std::string::npos && line.size() > subject.size()) subject = line;
      }
      std::vector<std::pair<int, std::string>> columns(table->columns.size());  // year and who
      const int year = YearOf(table->title);
      // A group of columns starts at its "Alla" column. Its year heading stands over it, centred
      // or at its end, so it reads as part of one of its columns' headers.
      std::vector<size_t> group(table->columns.size(), 0);
      std::map<size_t, int> group_year;
      size_t group_start = 0;
      for (size_t c = 0; c < table->columns.size(); ++c) {
        std::string header = " " + Lower(table->columns[c].header) + " ";
        if (table->columns[c].percent) continue;
        std::string who = header.find(" alla ") != std::string::npos || header.find(" totalt ") != std::string::npos ? "alla"
                          : header.find(" kvinnor ") != std::string::npos                                            ? "kvinnor"
                          : header.find(" män ") != std::string::npos                                                ? "män"
                                                                                                                      : "";
        if (who == "alla") group_start = c;
        columns[c].second = who;
        group[c] = group_start;
        if (int heading_year = YearOf(header); heading_year > 0) group_year[group_start] = heading_year;
      }
      for (size_t c = 0; c < table->columns.size(); ++c) {
        auto heading = group_year.find(group[c]);
        columns[c].first = heading != group_year.end() ? heading->second : year;
      }
      for (const Row& row : table->rows) {
        bool of_a_year = row.label.size() == 4 && AllDigits(row.label);
        for (size_t c = 0; c < table->columns.size(); ++c) {
          if (!Amount(row, c) || row.cells[c]->nil || columns[c].second.empty()) continue;
          if (of_a_year && !subject.empty()) {
            counts[{subject, std::stoi(row.label), columns[c].second}].push_back({table, &row, c});
          } else if (!of_a_year && columns[c].first > 0) {
            counts[{Lower(row.label), columns[c].first, columns[c].second}].push_back({table, &row, c});
          }
        }
      }
    }
    for (const auto& [key, places] : counts) {
      for (size_t k = 1; k < places.size(); ++k) {
        if (places[k].table == places[0].table) continue;
        Check("repeated", places[k].Value() == places[0].Value(),
              Quoted(std::get<0>(key)) + ", " + std::to_string(std::get<1>(key)) + ", " + std::get<2>(key) + ": " +
                  places[0].Describe() + ", but " + places[k].Describe() + ".");
      }
    }
  }

  // Every "N tkr" of the running text that is within 1 of a figure a table prints in tkr, but
  // is no such figure: a reader comparing text and tables sees two figures for one amount.
  void TextAgainstTables() {
    std::map<long long, std::vector<Place>> printed;  // absolute value -> places
    for (const Table& table : report_.tables) {
      if (table.unit != "tkr") continue;
      for (const Row& row : table.rows) {
        for (size_t column : AddingColumns(table)) {
          if (std::optional<long long> value = Amount(row, column); value && !row.cells[column]->nil) {
            printed[std::llabs(*value)].push_back({&table, &row, column});
          }
        }
      }
    }
    for (const TextFigure& figure : report_.text_figures) {
      ++audit_.checks["text"];
      if (printed.count(figure.value)) continue;
      std::string near;
      for (long long value : {figure.value - 1, figure.value + 1}) {
        for (const Place& place : printed[value]) near += (near.empty() ? "" : "; ") + place.Describe();
      }
      if (!near.empty()) {
        audit_.findings.push_back("The text on page " + std::to_string(figure.page) + " says " + figure.text + " tkr (\"… " +
                                  figure.context + " …\"), a figure no table prints; the tables print " + near + ".");
      }
    }
  }

  const PrintedReport& report_;
  Audit audit_;
  const Table *income_ = nullptr, *balance_ = nullptr, *cash_ = nullptr, *overview_ = nullptr, *operating_ = nullptr;
  std::map<int, const Table*> notes_;
};

}  // namespace

PrintedReport ReadReport(const std::vector<Page>& pages) {
  std::vector<Segment> segments = ReadingOrder(pages);
  PrintedReport report;
  report.tables = FindTables(segments);
  report.text_figures = TextFigures(segments);
  return report;
}

Audit AuditReport(const PrintedReport& report) { return Auditor(report).Run(); }

std::string Describe(const PrintedReport& report) {
  std::ostringstream out;
  for (const Table& table : report.tables) {
    out << "table \"" << table.title << "\" page " << table.page << " unit " << table.unit << "\n ";
    for (const Column& column : table.columns) out << " | " << column.header << (column.percent ? " (%)" : "");
    out << "\n";
    for (const Row& row : table.rows) {
      out << "  " << (row.indented ? "  " : "") << row.label;
      for (const auto& cell : row.cells) out << " | " << (cell ? cell->text : "");
      out << "\n";
    }
  }
  for (const TextFigure& figure : report.text_figures) {
    out << "text p" << figure.page << ": " << figure.text << " tkr  [" << figure.context << "]\n";
  }
  return out.str();
}

}  // namespace arsred::test::auditor

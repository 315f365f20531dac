#include "layout.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>

#include "layout_units.h"
#include "page_builder.h"
#include "paragraph.h"
#include "statement_lines.h"

namespace arsred {

namespace {

struct Style {
  double size = 11;
  int face = kRegular;
  Color color;
};

// ---------------------------------------------------------------------------------------------
// The report, composed into blocks.

std::string Upper(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < text.size() &&
               (text[i + 1] == '\xA5' || text[i + 1] == '\xA4' || text[i + 1] == '\xB6' || text[i + 1] == '\xA9')) {
      out += static_cast<char>(c);
      out += static_cast<char>(text[++i] - 0x20);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

struct TocEntry {
  std::string title;
  int level = 1;
  std::string anchor;
};

class Composer {
 public:
  Composer(const InputSet& inputs, const ReportFigures& figures, const LayoutFile& layout,
           const LayoutResources& resources, Diagnostics& diagnostics, PageBuilder& pages,
           std::vector<StructElement>& structure)
      : inputs_(inputs), figures_(figures), layout_(layout), d_(diagnostics), pages_(pages),
        typesetter_({resources.metrics[0].get(), resources.metrics[1].get(), resources.metrics[2].get(),
                     resources.metrics[3].get()},
                    resources.hyphenator.get()),
        structure_(structure) {
    body_.size = Pt(layout.text.storlek);
    ParseColor(layout.text.farg.value, &body_.color);
    leading_ = Pt(layout.text.radavstand);
    paragraph_space_ = Pt(layout.text.styckeavstand);
    justify_ = !layout.text.marginaljusterad || layout.text.marginaljusterad->value;
    table_size_ = Pt(layout.tabeller.storlek);
    table_leading_ = Pt(layout.tabeller.radavstand);
    ParseColor(layout.tabeller.linjefarg.value, &rule_color_);
    head_color_ = ColorOr(layout.tabeller.huvudfarg, body_.color);
    if (layout.tabeller.randfarg) {
      Color c;
      if (ParseColor(layout.tabeller.randfarg->value, &c)) stripe_ = c;
    }
    for (const auto& c : layout.diagramfarger) {
      Color color;
      if (ParseColor(c.value, &color)) chart_colors_.push_back(color);
    }
  }

  const std::vector<TocEntry>& toc() const { return toc_; }
  // The elements the table of contents is filled into once the pages are known.
  int toc_heading() const { return toc_heading_; }
  int toc_element() const { return toc_element_; }

  // --- structure (the tagged PDF's tree) ------------------------------------------------------

  // A new element under `parent`. Elements are made as the report is composed, which is its
  // reading order; the renderer keeps that order.
  int Element(StructType type, int parent = 0) {
    structure_.push_back({type, parent, "", HeaderScope::kNone});
    return static_cast<int>(structure_.size()) - 1;
  }

  // Puts the lines' runs in `element`, each web link with its text in a Link element of its own.
  void TagLines(std::vector<SetLine>& lines, int element) {
    std::map<std::string, int> link_elements;
    for (SetLine& line : lines) {
      for (Link& link : line.links) {
        auto [at, fresh] = link_elements.emplace(link.uri, -1);
        if (fresh) at->second = Element(StructType::kLink, element);
        link.structure = at->second;
        link.description = link.uri;
        // The typesetter starts a run where each linked word starts, at the link's own x.
        for (GlyphRun& run : line.runs) {
          if (run.structure < 0 && run.x == link.x) run.structure = at->second;
        }
      }
      for (GlyphRun& run : line.runs) {
        if (run.structure < 0) run.structure = element;
      }
    }
  }

  // A chart's Figure element, with an alternative text that says what the chart shows:
  // "Cirkeldiagram: Kostnader 2023: Insatser 69 %, Personal 25 %, Övrigt 6 %".
  int FigureElement(const ReportChart& chart, const char* kind) {
    const int figure = Element(StructType::kFigure);
    std::string alt = std::string(kind) + (chart.title.empty() ? "" : ": " + chart.title) + ":";
    for (size_t i = 0; i < chart.parts.size(); ++i) {
      const ChartPart& part = chart.parts[i];
      alt += (i == 0 ? " " : ", ") + part.label + " " + (chart.bars ? part.value : FormatPercent(part.percent));
    }
    // Spaces for the no-break spaces of "69 %": a reader speaks them alike, and a plain space is
    // what text extraction gives.
    for (size_t at = alt.find("\u00A0"); at != std::string::npos; at = alt.find("\u00A0", at + 1)) {
      alt.replace(at, 2, " ");
    }
    structure_[static_cast<size_t>(figure)].alt = alt;
    return figure;
  }

  int HeadingElement(int level) {
    // Levels are not skipped in the tree (a note's heading under "Noter" is the next level
    // down, whatever its size on the page).
    const int tree_level = std::clamp(level, 1, heading_level_ + 1);
    heading_level_ = tree_level;
    return Element(static_cast<StructType>(static_cast<int>(StructType::kH1) + tree_level - 1));
  }

  // --- text --------------------------------------------------------------------------------

  void CheckGlyphs(const std::string& text, Where where, const std::string& path, int face) {
    const FontMetrics& metrics = typesetter_.metrics(face);
    char32_t missing = 0;
    ForEachCodePoint(text, [&](char32_t cp) {
      if (missing == 0 && cp != 0xA0 && cp != '\n' && !metrics.HasGlyph(cp)) missing = cp;
    });
    if (missing == 0) return;
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(missing));
    d_.Error("layout.glyph", where, path, std::string("the font has no glyph for ") + code + " (\"" +
                                              EncodeUtf8(std::u32string(1, missing)) + "\")");
  }

  // What a placeholder prints. One that names no figure is an error that validation has
  // reported, and a draft is still printed: it shows "[name?]" where the figure would stand.
  std::string PlaceholderText(const Inline& span) const {
    return FormatPlaceholder(figures_, span.text, span.formats).value_or("[" + span.text + "?]");
  }

  std::vector<StyledSpan> Spans(const std::vector<Inline>& inlines, int base_face, const std::string& path) {
    std::vector<StyledSpan> spans;
    for (const Inline& span : inlines) {
      StyledSpan s;
      s.face = base_face;
      switch (span.kind) {
        case Inline::Kind::kText: s.text = ProseTypography(span.text); break;
        case Inline::Kind::kEmphasis: s.text = ProseTypography(span.text); s.face = base_face | kItalic; break;
        case Inline::Kind::kStrong: s.text = ProseTypography(span.text); s.face = base_face | kBold; break;
        case Inline::Kind::kLink: s.text = span.text; s.uri = span.text; break;
        case Inline::Kind::kPlaceholder: s.text = PlaceholderText(span); break;
      }
      CheckGlyphs(s.text, span.where, path, s.face);
      spans.push_back(std::move(s));
    }
    return spans;
  }

  // Lines of text as blocks, with no line left alone at the top or bottom of a page.
  void AddLines(const std::vector<SetLine>& lines, Style style, double leading, double indent, double space_before,
                bool keep_last_with_next = false, const std::string& anchor = "") {
    for (size_t i = 0; i < lines.size(); ++i) {
      FlowBlock b;
      b.height = leading;
      b.space_before = i == 0 ? space_before : 0;
      bool orphan = i == 0 && lines.size() >= 2;
      bool widow = lines.size() >= 3 && i + 2 == lines.size();
      b.keep_with_next = orphan || widow || (lines.size() == 2 && i == 0) || (keep_last_with_next && i + 1 == lines.size());
      if (i == 0) b.anchor = anchor;
      SetLine line = lines[i];
      double ascent = style.size * 0.8;
      b.draw = [line, indent, ascent](Page& page, double x, double top, double) {
        for (GlyphRun run : line.runs) {
          run.x += x + indent;
          run.y = top - ascent;
          page.items.push_back(run);
        }
        for (Link link : line.links) {
          link.x += x + indent;
          link.y = top - ascent - 2;
          link.height = ascent + 3;
          page.items.push_back(link);
        }
      };
      pages_.Add(std::move(b));
    }
  }

  void Paragraph(const std::vector<Inline>& inlines, const std::string& path, Role role, double indent = 0,
                 double size_factor = 1.0) {
    Style style = body_;
    style.size *= size_factor;
    const std::vector<StyledSpan> spans = Spans(inlines, kRegular, path);
    const int element = Element(StructType::kP);
    std::vector<SetLine> lines =
        typesetter_.Set(spans, style.size, style.color, pages_.column_width() - indent, justify_);
    for (SetLine& line : lines) {
      for (GlyphRun& run : line.runs) run.role = role;
    }
    TagLines(lines, element);
    AddLines(lines, style, leading_ * size_factor, indent, paragraph_space_);
  }

  void Heading(int level, const std::string& raw_text, bool in_toc, bool new_sheet = false) {
    const HeadingStyle& h = level == 1 ? layout_.rubriker.h1 : level == 2 ? layout_.rubriker.h2
                            : level == 3 ? layout_.rubriker.h3 : layout_.rubriker.h4;
    std::string text = h.versaler && h.versaler->value ? Upper(raw_text) : raw_text;
    Style style{Pt(h.storlek), kBold, ColorOr(h.farg, body_.color)};
    CheckGlyphs(text, Where{}, "heading", kBold);
    auto lines = typesetter_.Set({{text, kBold, ""}}, style.size, style.color, pages_.column_width(), false);
    Role role = level == 1 ? Role::kHeading1 : level == 2 ? Role::kHeading2 : level == 3 ? Role::kHeading3 : Role::kHeading4;
    for (SetLine& line : lines) {
      for (GlyphRun& run : line.runs) run.role = role;
    }
    TagLines(lines, HeadingElement(level));
    std::string anchor = "h" + std::to_string(++heading_count_);
    if (in_toc && level <= 2) toc_.push_back({raw_text, level, anchor});
    outline_.push_back({raw_text, level, anchor});
    // The first line of a heading carries the space above and, for a part, the new page.
    FlowBlock spacer;
    spacer.height = 0;
    spacer.space_before = Pt(h.fore);
    spacer.keep_with_next = true;
    spacer.new_page = (h.ny_sida && h.ny_sida->value) || new_sheet;
    spacer.recto = new_sheet;
    spacer.span = level == 1 && pages_.columns() > 1;
    pages_.Add(spacer);
    AddLines(lines, style, style.size * 1.2, 0, 0, true, anchor);
    FlowBlock after;
    after.height = Pt(h.efter);
    after.keep_with_next = true;
    pages_.Add(after);
  }

  void Markup(const Located<Text>& text, bool in_toc) {
    list_ = -1;
    for (const arsred::Block& block : text.value.doc.blocks) {
      if (block.kind != arsred::Block::Kind::kBulletItem) list_ = -1;  // a list is its run of items
      switch (block.kind) {
        case arsred::Block::Kind::kHeading: {
          std::string title;
          for (const Inline& span : block.inlines) {
            if (span.kind == Inline::Kind::kPlaceholder) {
              title += PlaceholderText(span);
            } else {
              title += ProseTypography(span.text);
            }
          }
          Heading(block.level, title, in_toc);
          break;
        }
        case arsred::Block::Kind::kParagraph: Paragraph(block.inlines, text.path, Role::kParagraph); break;
        case arsred::Block::Kind::kSmallPrint: Paragraph(block.inlines, text.path, Role::kSmallPrint, 0, 0.82); break;
        case arsred::Block::Kind::kBulletItem: Bullet(block.inlines, text.path); break;
        case arsred::Block::Kind::kEmbed: Embed(block.embed, text.path); break;
      }
    }
  }

  void Bullet(const std::vector<Inline>& inlines, const std::string& path) {
    double indent = body_.size * 1.2;
    std::vector<StyledSpan> spans = Spans(inlines, kRegular, path);
    if (SpansAreBlank(spans)) return;  // no lines, no list item
    GlyphRun bullet;
    bullet.font = kRegular;
    bullet.size = body_.size;
    bullet.x = -indent + body_.size * 0.2;
    bullet.text = "\u2022";
    bullet.color = body_.color;
    bullet.role = Role::kListItem;
    if (list_ < 0) list_ = Element(StructType::kL);
    const int item = Element(StructType::kLI, list_);
    bullet.structure = Element(StructType::kLbl, item);
    const int body = Element(StructType::kLBody, item);
    std::vector<SetLine> lines =
        typesetter_.Set(spans, body_.size, body_.color, pages_.column_width() - indent, justify_);
    for (SetLine& line : lines) {
      for (GlyphRun& run : line.runs) run.role = Role::kListItem;
    }
    if (!lines.empty()) lines[0].runs.insert(lines[0].runs.begin(), bullet);
    TagLines(lines, body);
    AddLines(lines, body_, leading_, indent, paragraph_space_ * 0.5);
  }

  // A bold caption above a table, chart or goals table, kept with what follows; its text is the
  // structure element `element` (a table's Caption, or a P before a figure).
  void Caption(const std::string& text, double size, bool span, double space_before, int element) {
    auto lines = typesetter_.Set({{text, kBold, ""}}, size, body_.color, span ? pages_.text_width() : pages_.column_width(),
                                 false);
    TagLines(lines, element);
    for (size_t i = 0; i < lines.size(); ++i) {
      FlowBlock b;
      b.height = size * 1.3;
      b.span = span;
      b.space_before = i == 0 ? space_before : 0;
      b.keep_with_next = true;
      SetLine line = lines[i];
      b.draw = [line, size](Page& page, double left, double top, double) {
        for (GlyphRun run : line.runs) {
          run.x += left;
          run.y = top - size;
          run.role = Role::kCaption;
          page.items.push_back(run);
        }
      };
      pages_.Add(b);
    }
  }

  // --- tables ------------------------------------------------------------------------------

  // Draws one row of cells: texts set in their columns, numbers right-aligned.
  struct CellLines {
    std::vector<SetLine> lines;
    bool numeric = false;
  };

  std::vector<SetLine> SetCell(const std::string& text, int face, double width, bool numeric) {
    if (text.empty()) return {};
    CheckGlyphs(text, Where{}, "table", face);
    if (numeric) {
      SetLine line;
      GlyphRun run;
      run.font = face;
      run.size = table_size_;
      run.text = ForDrawing(text);
      run.color = body_.color;
      run.role = Role::kTableCell;
      line.width = typesetter_.Width(face, text, table_size_);
      line.runs.push_back(run);
      return {line};
    }
    return typesetter_.Set({{text, face, ""}}, table_size_, body_.color, std::max(width, 20.0), false);
  }

  void Table(const ReportTable& table, bool span, bool keep_together, const std::string& caption) {
    double total = span ? pages_.text_width() : pages_.column_width();
    size_t n = table.head.empty() ? (table.rows.empty() ? 0 : table.rows[0].cells.size()) : 0;
    for (const auto& h : table.head) {
      size_t count = 0;
      for (const HeadCell& c : h) count += static_cast<size_t>(c.span);
      n = std::max(n, count);
    }
    for (const ReportRow& r : table.rows) n = std::max(n, r.cells.size());
    if (n == 0) return;
    // Column widths: numbers take what their widest cell needs; the label column the rest.
    std::vector<double> widths(n, 0);
    const double pad = 14;  // room between neighbouring number columns
    for (const ReportRow& r : table.rows) {
      for (size_t c = 1; c < r.cells.size(); ++c) {
        int face = r.style == RowStyle::kBody ? kRegular : kBold;
        widths[c] = std::max(widths[c], typesetter_.Width(face, r.cells[c].text, table_size_) + pad);
      }
    }
    double min_number = table.has_note_column ? 62 : 44;
    for (size_t c = 1; c < n; ++c) {
      bool note = table.has_note_column && c == 1;
      widths[c] = note ? 24 : std::max(widths[c], min_number);
    }
    double numbers = 0;
    for (size_t c = 1; c < n; ++c) numbers += widths[c];
    if (total - numbers < total * 0.28) {
      // Too many columns: share the width evenly after a label column of a fixed share.
      double each = total * 0.72 / static_cast<double>(n - 1);
      for (size_t c = 1; c < n; ++c) widths[c] = each;
      numbers = total * 0.72;
    }
    widths[0] = total - numbers;
    std::vector<double> x(n, 0);
    for (size_t c = 1; c < n; ++c) x[c] = x[c - 1] + widths[c - 1];

    Color rule = rule_color_;
    double size = table_size_;
    double leading = table_leading_;
    const double full_width = x[n - 1] + widths[n - 1];  // a row's stripe and rules span the table
    auto row_block = [&](std::vector<CellLines> cells, std::vector<double> cell_x, std::vector<double> cell_w,
                         RowStyle style, int indent, bool head, bool stripe) {
      size_t line_count = 1;
      for (const CellLines& c : cells) line_count = std::max(line_count, c.lines.size());
      FlowBlock b;
      b.height = static_cast<double>(line_count) * leading + (style == RowStyle::kTotal ? 3 : 1.5);
      b.span = span;
      double indent_pt = indent * 9.0;
      Color text_color = head ? head_color_ : body_.color;
      std::optional<Color> fill = stripe ? stripe_ : std::nullopt;
      double height = b.height;
      b.draw = [=](Page& page, double left, double top, double) {
        if (fill) page.items.push_back(FilledRect{left, top - height, full_width, height, *fill});
        double first_line_offset = (style == RowStyle::kTotal || style == RowStyle::kSubtotal) ? 1.5 : 0.5;
        for (size_t c = 0; c < cells.size(); ++c) {
          for (size_t l = 0; l < cells[c].lines.size(); ++l) {
            const SetLine& line = cells[c].lines[l];
            double ox = cells[c].numeric ? cell_x[c] + cell_w[c] - line.width - 1 : cell_x[c] + (c == 0 ? indent_pt : 3);
            for (GlyphRun run : line.runs) {
              run.x += left + ox;
              run.y = top - first_line_offset - size * 0.85 - static_cast<double>(l) * leading;
              run.color = text_color;
              run.role = head ? Role::kTableHeader : Role::kTableCell;
              page.items.push_back(run);
            }
          }
        }
        double right = left + full_width;
        if (style == RowStyle::kSubtotal || style == RowStyle::kTotal) {
          double from = left + (style == RowStyle::kTotal ? 0 : cell_x[0]);
          page.items.push_back(Rule{from, top, right, top, style == RowStyle::kTotal ? 0.8 : 0.4, rule});
        }
        if (head) page.items.push_back(Rule{left, top - height, right, top - height, 0.6, rule});
      };
      return b;
    };

    // One Table element, however many pages it runs over: its caption, head rows (the year
    // heads are column headers) and rows (each line's label heads its row).
    const int table_element = Element(StructType::kTable);
    const int caption_element = caption.empty() ? -1 : Element(StructType::kCaption, table_element);

    // Head rows.
    std::vector<FlowBlock> head_blocks;
    for (size_t h = 0; h < table.head.size(); ++h) {
      std::vector<CellLines> cells;
      std::vector<double> cx, cw;
      size_t col = 0;
      const int row_element = Element(StructType::kTR, table_element);
      for (const HeadCell& cell : table.head[h]) {
        double w = 0;
        for (int k = 0; k < cell.span && col + static_cast<size_t>(k) < n; ++k) w += widths[col + static_cast<size_t>(k)];
        bool numeric = col < table.numeric_columns.size() ? table.numeric_columns[col]
                                                           : col > 0 && !(table.has_note_column && col == 1);
        CellLines cl;
        cl.numeric = numeric;
        // A head over numbers is set ragged and drawn right-aligned, line by line.
        cl.lines = SetCell(cell.text, kBold, w - 4, false);
        const int header = Element(StructType::kTH, row_element);
        structure_[static_cast<size_t>(header)].scope = HeaderScope::kColumn;
        TagLines(cl.lines, header);
        cells.push_back(cl);
        cx.push_back(col < n ? x[col] : 0);
        cw.push_back(w);
        col += static_cast<size_t>(cell.span);
      }
      head_blocks.push_back(row_block(cells, cx, cw, RowStyle::kBody, 0, h + 1 == table.head.size(), false));
      head_blocks.back().keep_with_next = true;
    }
    if (!caption.empty()) Caption(caption, size + 0.5, span, paragraph_space_ * 1.5, caption_element);
    int head_id = pages_.AddHead(head_blocks);
    for (size_t k = 0; k < head_blocks.size(); ++k) {
      FlowBlock b = head_blocks[k];
      if (k == 0 && caption.empty()) b.space_before = paragraph_space_ * 1.5;
      pages_.Add(b);
    }
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const ReportRow& row = table.rows[r];
      std::vector<CellLines> cells;
      std::vector<double> cx, cw;
      const int row_element = Element(StructType::kTR, table_element);
      for (size_t c = 0; c < row.cells.size() && c < n; ++c) {
        int face = row.style == RowStyle::kBody ? kRegular : kBold;
        bool numeric = c < table.numeric_columns.size() ? table.numeric_columns[c] : c > 0;
        if (table.has_note_column && c == 1) numeric = true;
        double label_width = widths[c] - (c == 0 ? row.indent * 9.0 + 2 : 4);
        const int cell = Element(c == 0 ? StructType::kTH : StructType::kTD, row_element);
        if (c == 0) structure_[static_cast<size_t>(cell)].scope = HeaderScope::kRow;
        cells.push_back({SetCell(row.cells[c].text, face, label_width, numeric), numeric});
        TagLines(cells.back().lines, cell);
        cx.push_back(x[c]);
        cw.push_back(widths[c]);
      }
      FlowBlock b = row_block(cells, cx, cw, row.style, row.indent, false, stripe_ && r % 2 == 1);
      b.repeat_head = head_id;
      b.keep_with_next = keep_together && r + 1 < table.rows.size();
      // A section row belongs with the row after it.
      if (row.style == RowStyle::kSection) b.keep_with_next = true;
      pages_.Add(b);
    }
    if (!table.footnote.empty()) {
      Inline note;
      note.text = table.footnote;
      Paragraph({note}, table.id, Role::kSmallPrint, 0, 0.82);
    }
    FlowBlock after;
    after.height = paragraph_space_;
    after.span = span;
    pages_.Add(after);
  }

  // --- charts ------------------------------------------------------------------------------

  static void Arc(std::vector<PathOp>& ops, double cx, double cy, double r, double from, double to) {
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

  void Pie(const ReportChart& chart) {
    const double radius = 52;
    double legend_line = table_size_ * 1.45;
    double legend_height = static_cast<double>(chart.parts.size()) * legend_line;
    double height = std::max(2 * radius, legend_height) + 14;
    std::vector<Color> colors = chart_colors_;
    double size = table_size_;
    std::vector<std::vector<SetLine>> labels;
    double label_width = pages_.column_width() - 2 * radius - 40;
    for (const ChartPart& slice : chart.parts) {
      CheckGlyphs(slice.label, Where{}, chart.id, kRegular);
      labels.push_back(typesetter_.Set({{slice.label + " " + FormatPercent(slice.percent), kRegular, ""}}, size,
                                       body_.color, std::max(60.0, label_width), false));
    }
    if (!chart.title.empty()) Caption(chart.title, size + 0.5, false, paragraph_space_ * 1.5, Element(StructType::kP));
    const int figure = FigureElement(chart, "Cirkeldiagram");
    FlowBlock b;
    b.height = height;
    ReportChart data = chart;
    b.draw = [data, colors, radius, labels, legend_line, size, figure](Page& page, double left, double top, double) {
      double cx = left + radius + 4, cy = top - radius - 6;
      double angle = 0;
      for (size_t i = 0; i < data.parts.size(); ++i) {
        double sweep = 2 * M_PI * static_cast<double>(data.parts[i].percent) / 100.0;
        Color color = colors[i % colors.size()];
        if (sweep > 0) {
          FilledPath path;
          path.fill = color;
          if (data.parts[i].percent >= 100) {
            path.ops.push_back({PathOp::Kind::kMoveTo, cx, cy + radius});
            Arc(path.ops, cx, cy, radius, 0, 2 * M_PI);
          } else {
            path.ops.push_back({PathOp::Kind::kMoveTo, cx, cy});
            path.ops.push_back({PathOp::Kind::kLineTo, cx + radius * std::sin(angle), cy + radius * std::cos(angle)});
            Arc(path.ops, cx, cy, radius, angle, angle + sweep);
          }
          path.ops.push_back({PathOp::Kind::kClose});
          path.structure = figure;
          page.items.push_back(path);
        }
        angle += sweep;
        double ly = top - 8 - static_cast<double>(i) * legend_line;
        double lx = left + 2 * radius + 24;
        page.items.push_back(FilledRect{lx, ly - size * 0.8, size * 0.8, size * 0.8, color, Role::kFigure, figure});
        for (size_t l = 0; l < labels[i].size() && l < 1; ++l) {
          for (GlyphRun run : labels[i][l].runs) {
            run.x += lx + size * 1.3;
            run.y = ly - size * 0.75;
            run.role = Role::kFigure;
            run.structure = figure;
            page.items.push_back(run);
          }
        }
      }
    };
    pages_.Add(b);
  }

  // A chart whose figures are still to fill in: its caption, and in its place a line saying why
  // it is not drawn yet (a draft only; a final report has nothing left to fill in).
  void ChartToFill(const ReportChart& chart) {
    const double size = table_size_;
    if (!chart.title.empty()) Caption(chart.title, size + 0.5, false, paragraph_space_ * 1.5, Element(StructType::kP));
    Caption(std::string(kToFillMark) + " Diagrammet ritas när dess värden är ifyllda.", size, false,
            paragraph_space_, Element(StructType::kP));
  }

  // Vertical bars, one per part, the value above each bar and the label below it.
  void Bars(const ReportChart& chart) {
    if (!chart.title.empty()) {
      Caption(chart.title, table_size_ + 0.5, false, paragraph_space_ * 1.5, Element(StructType::kP));
    }
    const double plot_height = 110;
    double size = table_size_;
    double width = pages_.column_width();
    size_t n = chart.parts.size();
    if (n == 0) return;
    int64_t largest = 1;
    for (const ChartPart& part : chart.parts) largest = std::max(largest, part.amount);
    double slot = width / static_cast<double>(n);
    double bar = std::min(slot * 0.6, 48.0);
    std::vector<std::vector<SetLine>> labels;
    for (const ChartPart& part : chart.parts) {
      CheckGlyphs(part.label + part.value, Where{}, chart.id, kRegular);
      labels.push_back(typesetter_.Set({{part.label, kRegular, ""}}, size * 0.9, body_.color, slot - 4, false));
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
    const int figure = FigureElement(chart, "Stapeldiagram");
    b.draw = [=](Page& page, double left, double top, double) {
      double base = top - size * 1.6 - plot_height;
      page.items.push_back(Rule{left, base, left + width, base, 0.5, rule, Role::kFigure, figure});
      for (size_t i = 0; i < n; ++i) {
        double h = plot_height * static_cast<double>(data.parts[i].amount) / static_cast<double>(largest);
        double x = left + static_cast<double>(i) * slot + (slot - bar) / 2;
        page.items.push_back(FilledRect{x, base, bar, h, colors[i % colors.size()], Role::kFigure, figure});
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

  // --- goals -------------------------------------------------------------------------------

  std::string StatusText(GoalStatus status) {
    for (const auto& v : EnumSpelling<GoalStatus>::kValues) {
      if (v.value == status) return std::string(v.meaning);
    }
    return "";
  }

  // The lines of a table cell's markup: its paragraphs and list items, a little apart (headings
  // are not allowed there, and embedded tables are drawn after the text).
  std::vector<SetLine> SetCellText(const Located<Text>& text, double width, double size) {
    std::vector<SetLine> out;
    for (const arsred::Block& block : text.value.doc.blocks) {
      if (block.kind == arsred::Block::Kind::kEmbed) continue;
      const bool bullet = block.kind == arsred::Block::Kind::kBulletItem;
      const double indent = bullet ? size : 0;
      std::vector<SetLine> lines =
          typesetter_.Set(Spans(block.inlines, kRegular, text.path), size, body_.color, width - indent, false);
      for (size_t i = 0; i < lines.size(); ++i) {
        for (GlyphRun& run : lines[i].runs) run.x += indent;
        if (bullet && i == 0) {
          GlyphRun dot;
          dot.size = size;
          dot.text = "\u2022";
          dot.color = body_.color;
          lines[i].runs.insert(lines[i].runs.begin(), dot);
        }
        out.push_back(lines[i]);
      }
      SetLine gap;  // a little space between paragraphs
      out.push_back(gap);
    }
    if (!out.empty()) out.pop_back();
    return out;
  }

  void Goals(const GoalArea& area) {
    // A Table of two columns, goal and follow-up, one row per goal.
    const int table_element = Element(StructType::kTable);
    if (area.rubrik) {
      Caption(area.rubrik->value, table_size_ + 1.5, true, paragraph_space_ * 2,
              Element(StructType::kCaption, table_element));
    }
    const int head_row = Element(StructType::kTR, table_element);
    const int goal_header = Element(StructType::kTH, head_row), follow_up_header = Element(StructType::kTH, head_row);
    structure_[static_cast<size_t>(goal_header)].scope = HeaderScope::kColumn;
    structure_[static_cast<size_t>(follow_up_header)].scope = HeaderScope::kColumn;
    double total = pages_.text_width();
    double left_w = total * 0.34, right_w = total - left_w;
    double size = table_size_;
    double leading = table_leading_;
    Color rule = rule_color_;
    // Head.
    FlowBlock head;
    head.height = leading + 3;
    head.span = true;
    head.keep_with_next = true;
    std::string right_title = area.rubrik_uppfoljning ? area.rubrik_uppfoljning->value : "Måluppfyllelse";
    Color head_color = head_color_;
    head.draw = [=](Page& page, double left, double top, double) {
      GlyphRun a;
      a.font = kBold;
      a.size = size;
      a.x = left + 2;
      a.y = top - size;
      a.text = "Mål";
      a.color = head_color;
      a.role = Role::kTableHeader;
      a.structure = goal_header;
      page.items.push_back(a);
      a.x = left + left_w + 6;
      a.text = right_title;
      a.structure = follow_up_header;
      page.items.push_back(a);
      page.items.push_back(Rule{left, top - leading - 3, left + total, top - leading - 3, 0.6, rule});
    };
    int head_id = pages_.AddHead({head});
    pages_.Add(head);
    for (const Goal& goal : area.mal) {
      std::vector<SetLine> left_lines = SetCellText(goal.mal, left_w - 8, size);
      const std::string status = goal.status.to_fill ? std::string(kToFillMark) : StatusText(goal.status.value);
      std::vector<SetLine> right_lines = typesetter_.Set({{status, kBold, ""}}, size, body_.color, right_w - 8, false);
      right_lines.push_back(SetLine{});
      auto body = SetCellText(goal.redovisning, right_w - 8, size);
      right_lines.insert(right_lines.end(), body.begin(), body.end());
      const int row_element = Element(StructType::kTR, table_element);
      const int goal_cell = Element(StructType::kTD, row_element);
      const int follow_up_cell = Element(StructType::kTD, row_element);
      TagLines(left_lines, goal_cell);
      TagLines(right_lines, follow_up_cell);
      // Survey tables embedded in the follow-up are drawn after its text, in the right column.
      std::vector<const ReportTable*> surveys;
      for (const arsred::Block& block : goal.redovisning.value.doc.blocks) {
        if (block.kind != arsred::Block::Kind::kEmbed) continue;
        auto it = figures_.tables.find(block.embed.substr(0, block.embed.find(':')) + "." +
                                       block.embed.substr(block.embed.find(':') + 1));
        if (it != figures_.tables.end()) surveys.push_back(&it->second);
      }
      // The row flows line by line: kept whole when it fits on a page, split between lines
      // (with the head repeated) when it does not.
      size_t line_count = std::max(left_lines.size(), right_lines.size());
      double cell_top_pad = 4;
      for (size_t l = 0; l < line_count; ++l) {
        FlowBlock line;
        line.height = leading + (l == 0 ? cell_top_pad : 0);
        line.span = true;
        line.repeat_head = head_id;
        line.keep_with_next = true;
        SetLine left_line = l < left_lines.size() ? left_lines[l] : SetLine{};
        SetLine right_line = l < right_lines.size() ? right_lines[l] : SetLine{};
        double pad = l == 0 ? cell_top_pad : 0;
        line.draw = [=](Page& page, double left, double top, double) {
          for (const auto& [set, x0] : {std::pair{left_line, left + 2}, std::pair{right_line, left + left_w + 6}}) {
            for (GlyphRun run : set.runs) {
              run.x += x0;
              run.y = top - pad - size * 0.85;
              run.role = Role::kTableCell;
              page.items.push_back(run);
            }
          }
        };
        pages_.Add(line);
      }
      // Each survey: three columns (answer, count, share) in the right column, kept whole.
      for (const ReportTable* t : surveys) {
        // A table of its own inside the follow-up cell: answer (heading its row), count, share.
        const int survey = Element(StructType::kTable, follow_up_cell);
        std::vector<std::array<int, 3>> cell_elements;
        if (t->head.size() >= 2) {
          const int row = Element(StructType::kTR, survey);
          cell_elements.push_back({Element(StructType::kTD, row), Element(StructType::kTH, row), Element(StructType::kTH, row)});
          for (int k : {1, 2}) structure_[static_cast<size_t>(cell_elements.back()[k])].scope = HeaderScope::kColumn;
        }
        for (size_t r = 0; r < t->rows.size(); ++r) {
          const int row = Element(StructType::kTR, survey);
          cell_elements.push_back({Element(StructType::kTH, row), Element(StructType::kTD, row), Element(StructType::kTD, row)});
          structure_[static_cast<size_t>(cell_elements.back()[0])].scope = HeaderScope::kRow;
        }
        FlowBlock table;
        table.height = static_cast<double>(t->rows.size() + 1) * leading + 12;
        table.span = true;
        table.repeat_head = head_id;
        table.keep_with_next = true;
        ReportTable copy = *t;
        const Typesetter* ts = &typesetter_;
        Color text_color = body_.color;
        table.draw = [=](Page& page, double left, double top, double) {
          double y = top - 6;
          double c0 = left + left_w + 6, c1 = c0 + (right_w - 8) * 0.45, c2 = c0 + (right_w - 8) * 0.75,
                 c3 = c0 + right_w - 8;
          size_t row_index = 0;
          auto cell = [&](const std::string& text, double x_left, double x_right, bool right_align, int face,
                          size_t column) {
            GlyphRun run;
            run.structure = cell_elements[row_index][column];
            run.font = face;
            run.size = size;
            run.text = ForDrawing(text);
            run.color = text_color;
            run.role = Role::kTableCell;
            double w = ts->Width(face, text, size);
            run.x = right_align ? x_right - w : x_left;
            run.y = y - size;
            page.items.push_back(run);
          };
          if (copy.head.size() >= 2) {
            cell(copy.head[1][1].text, c1, c2 - 4, true, kBold, 1);
            cell("Fördelning", c2, c3, true, kBold, 2);
            page.items.push_back(Rule{c0, y - leading - 2, c3, y - leading - 2, 0.4, rule});
            y -= leading + 2;
            ++row_index;
          }
          for (const ReportRow& r : copy.rows) {
            int face = r.style == RowStyle::kTotal ? kBold : kRegular;
            if (r.style == RowStyle::kTotal) page.items.push_back(Rule{c0, y, c3, y, 0.4, rule});
            cell(r.cells[0].text, c0, c1, false, face, 0);
            cell(r.cells[1].text, c1, c2 - 4, true, face, 1);
            cell(r.cells[2].text, c2, c3, true, face, 2);
            y -= leading;
            ++row_index;
          }
        };
        pages_.Add(table);
      }
      FlowBlock end;
      end.height = 4;
      end.span = true;
      end.draw = [=](Page& page, double left, double top, double) {
        page.items.push_back(Rule{left, top - 4, left + total, top - 4, 0.3, rule});
      };
      pages_.Add(end);
    }
    FlowBlock after;
    after.height = paragraph_space_;
    after.span = true;
    pages_.Add(after);
  }

  // --- embeds and parts ----------------------------------------------------------------------

  void Embed(const std::string& embed, const std::string& path) {
    size_t colon = embed.find(':');
    std::string kind = embed.substr(0, colon);
    std::string id = colon == std::string::npos ? "" : embed.substr(colon + 1);
    if (kind == "flerarsoversikt" || kind == "driftredovisning" || kind == "styrelse") {
      auto it = figures_.tables.find(kind);
      if (it != figures_.tables.end()) Table(it->second, kind != "styrelse", true, it->second.title);
      return;
    }
    if (kind == "diagram") {
      auto it = figures_.charts.find("diagram." + id);
      if (it == figures_.charts.end()) return;
      if (it->second.to_fill) {
        ChartToFill(it->second);
      } else {
        it->second.bars ? Bars(it->second) : Pie(it->second);
      }
      return;
    }
    if (kind == "mal") {
      for (const GoalArea& area : inputs_.report().files.verksamhet.malomraden) {
        if (area.id.value.name == id) Goals(area);
      }
      return;
    }
    auto it = figures_.tables.find(kind + "." + id);
    if (it == figures_.tables.end()) {
      // Validation has reported it (text.embed); a draft shows where it would stand.
      Inline marker;
      marker.text = "[[" + embed + "]]?";
      Paragraph({marker}, path, Role::kParagraph);
      return;
    }
    bool wide = it->second.numeric_columns.size() > 4;
    Table(it->second, wide, true, it->second.title);
  }

  void Cover() {
    FlowBlock b;
    b.new_page = true;
    b.height = pages_.text_height();
    b.span = true;
    std::string name = figures_.organisation;
    std::string number = "Organisationsnummer " + figures_.organisation_number;
    std::string all_text = name + figures_.title + figures_.subtitle + number;
    for (const std::string& line : figures_.cover_lines) all_text += line;
    CheckGlyphs(all_text, Where{}, "rapport", kBold);
    Color accent = ColorOr(layout_.rubriker.h1.farg, body_.color);
    const double text_width = pages_.text_width();
    auto title_lines = typesetter_.Set({{figures_.title, kBold, ""}}, 34, accent, text_width, false);
    TagLines(title_lines, Element(StructType::kP));
    std::vector<SetLine> subtitle_lines;
    if (!figures_.subtitle.empty()) {
      subtitle_lines = typesetter_.Set({{figures_.subtitle, kRegular, ""}}, 16, accent, text_width, false);
      TagLines(subtitle_lines, Element(StructType::kP));
    }
    auto name_lines = typesetter_.Set({{name, kRegular, ""}}, 20, body_.color, text_width, false);
    TagLines(name_lines, Element(StructType::kP));
    std::vector<std::vector<SetLine>> extra_lines;
    for (const std::string& line : figures_.cover_lines) {
      extra_lines.push_back(typesetter_.Set({{line, kRegular, ""}}, 12, body_.color, text_width, false));
      TagLines(extra_lines.back(), Element(StructType::kP));
    }
    const int number_element = Element(StructType::kP);
    b.draw = [=](Page& page, double left, double top, double width) {
      double y = top - page.height * 0.28;
      page.items.push_back(FilledRect{left, y + 30, width, 3, accent, Role::kArtifact});
      auto put = [&](const std::vector<SetLine>& lines, double line_height) {
        for (const SetLine& line : lines) {
          for (GlyphRun run : line.runs) {
            run.x += left;
            run.y = y;
            run.role = Role::kTitle;
            page.items.push_back(run);
          }
          y -= line_height;
        }
      };
      put(title_lines, 40);
      if (!subtitle_lines.empty()) {
        y += 8;  // closer to the title it belongs to
        put(subtitle_lines, 22);
        y -= 8;
      }
      put(name_lines, 26);
      for (const auto& lines : extra_lines) put(lines, 16);
      GlyphRun org;
      org.size = 12;
      org.x = left;
      org.y = y - 6;
      org.text = number;
      org.color = Color{90, 90, 90};
      org.role = Role::kTitle;
      org.structure = number_element;
      page.items.push_back(org);
    };
    pages_.Add(b);
  }

  void Statement(const char* id, bool first) {
    auto it = figures_.tables.find(id);
    if (it == figures_.tables.end()) return;
    if (first) Heading(1, "Finansiella rapporter", true);
    Heading(2, it->second.title, true);
    Table(it->second, true, true, "");
  }

  void Principles() {
    Heading(1, "Redovisningsprinciper", true);
    const auto& text = inputs_.report().files.text.redovisningsprinciper;
    if (text) Markup(*text, false);
    // The rounding policy is the tool's, so the tool states it (docs/rounding.md).
    Inline policy;
    policy.text =
        "Belopp i tkr är avrundade till hela tusental kronor, alla tillsammans, så att varje summa, varje "
        "avvikelse och varje belopp som förs vidare från ett år till nästa stämmer med de redovisade raderna. "
        "Varje belopp avrundas till ett av de två närmaste tusentalen, och ett belopp som redan är jämna "
        "tusental ändras inte. Beloppen avrundas till närmaste tusental utom där summorna annars inte skulle "
        "stämma; där avrundas så få belopp som möjligt åt andra hållet. Samma belopp redovisas med samma värde "
        "i alla tabeller och i texten.";
    if (figures_.money_unit == Unit::kKr) {
      policy.text = "Resultaträkningen, balansräkningen, kassaflödesanalysen och driftredovisningen redovisas i "
                    "hela kronor. " + policy.text;
    }
    Heading(2, "Avrundning", false);
    Paragraph({policy}, "redovisningsprinciper", Role::kParagraph);
  }

  // Each appendix a part of its own: "Bilaga 1 Ekonomiskt underlag", in the contents.
  void Appendices() {
    const std::vector<Appendix>& appendices = inputs_.report().files.text.bilagor;
    for (size_t i = 0; i < appendices.size(); ++i) {
      Heading(1, "Bilaga " + std::to_string(i + 1) + " " + ProseTypography(appendices[i].rubrik.value), true);
      Markup(appendices[i].text, false);
    }
  }

  void Notes() {
    if (figures_.note_order.empty()) return;
    Heading(1, "Noter", true);
    for (const std::string& id : figures_.note_order) {
      auto it = figures_.tables.find("not." + id);
      if (it == figures_.tables.end()) continue;
      Heading(3, it->second.title, false);
      Table(it->second, true, true, "");
    }
  }

  void Signatures() {
    const SignaturePage& s = figures_.signatures;
    // Signed on paper, the page may be asked to stand on a sheet of its own.
    const bool own_sheet = layout_.sida.underskrifter_eget_blad && layout_.sida.underskrifter_eget_blad->value;
    Heading(1, "Underskrifter", true, own_sheet);
    Inline intro;
    intro.text = "Årsredovisningen har upprättats av styrelsen för " + figures_.organisation + ".";
    Paragraph({intro}, "underskrifter", Role::kParagraph);
    std::string when = (s.place.empty() ? std::string("Ort") : s.place) + " " +
                       (s.date.empty() ? std::string("den ____________________") : s.date);
    Inline place;
    place.text = when;
    Paragraph({place}, "underskrifter", Role::kSignature);
    // Two signatures side by side, with room to sign above each line; the page is kept whole.
    double size = body_.size;
    Color color = body_.color;
    Color rule = rule_color_;
    for (size_t i = 0; i < s.lines.size(); i += 2) {
      FlowBlock b;
      b.height = 72;
      b.space_before = i == 0 ? 18 : 0;
      b.keep_with_next = i + 2 < s.lines.size();
      b.span = true;
      std::vector<SignatureLine> pair(s.lines.begin() + static_cast<std::ptrdiff_t>(i),
                                      s.lines.begin() + static_cast<std::ptrdiff_t>(std::min(i + 2, s.lines.size())));
      for (const SignatureLine& line : pair) CheckGlyphs(line.role + line.member + line.name, Where{}, "styrelse", kRegular);
      std::vector<int> elements;  // one paragraph per signature: name, role, member
      for (size_t k = 0; k < pair.size(); ++k) elements.push_back(Element(StructType::kP));
      b.draw = [=](Page& page, double left, double top, double width) {
        double column = width / 2;
        for (size_t k = 0; k < pair.size(); ++k) {
          double x = left + static_cast<double>(k) * column;
          double line_y = top - 40;
          page.items.push_back(Rule{x, line_y, x + column - 24, line_y, 0.5, rule, Role::kArtifact});
          double y = line_y - size * 1.2;
          // Name, role (in bold) and member, a line each; read as one paragraph, so each line
          // but the last ends in a space.
          const std::string* lines[] = {&pair[k].name, &pair[k].role, &pair[k].member};
          for (size_t part = 0; part < 3; ++part) {
            const std::string& text = *lines[part];
            if (text.empty()) continue;
            GlyphRun run;
            run.font = part == 1 ? kBold : kRegular;
            run.size = size * 0.95;
            run.x = x;
            run.y = y;
            run.text = text + (part < 2 ? " " : "");
            run.color = color;
            run.role = Role::kSignature;
            run.structure = elements[k];
            page.items.push_back(run);
            y -= size * 1.2;
          }
        }
      };
      pages_.Add(b);
    }
    if (s.auditors_note) {
      Inline note;
      note.text = "Vår revisionsberättelse har lämnats " +
                  (s.auditors_date.empty() ? std::string("____________________") : s.auditors_date) + ".";
      Paragraph({note}, "revisorspateckning", Role::kSignature);
    }
    if (own_sheet) pages_.NextOnNewSheet();
  }

  void Contents(int pages) {
    toc_heading_ = HeadingElement(1);
    toc_element_ = Element(StructType::kTOC);
    FlowBlock b;
    b.reserve_pages = pages;
    pages_.Add(b);
  }

  void DraftAppendix(const DraftNotes& draft) {
    if (!draft.draft) return;
    Heading(1, "Granskningsanteckningar (utkast)", true);
    Inline intro;
    intro.text = draft.findings.empty() ? "Granskningen av underlaget gav inga anmärkningar."
                                        : "Granskningen av underlaget gav följande anmärkningar, med plats i underlaget:";
    Paragraph({intro}, "utkast", Role::kParagraph);
    for (const std::string& finding : draft.findings) {
      Inline text;
      text.text = finding;
      Paragraph({text}, "utkast", Role::kSmallPrint, 0, 0.82);
    }
  }

  const std::vector<TocEntry>& outline() const { return outline_; }

 private:
  const InputSet& inputs_;
  const ReportFigures& figures_;
  const LayoutFile& layout_;
  Diagnostics& d_;
  PageBuilder& pages_;
  Typesetter typesetter_;
  Style body_;
  double leading_ = 14, paragraph_space_ = 6, table_size_ = 9.5, table_leading_ = 13;
  bool justify_ = true;
  Color rule_color_, head_color_;
  std::optional<Color> stripe_;
  std::vector<Color> chart_colors_;
  std::vector<TocEntry> toc_, outline_;
  int heading_count_ = 0;
  std::vector<StructElement>& structure_;
  int heading_level_ = 0;    // of the last heading in the structure tree
  int list_ = -1;            // the L element that consecutive bullets go into, or -1
  int toc_heading_ = -1, toc_element_ = -1;
};

std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

}  // namespace

Document LayOut(const InputSet& inputs, const ReportFigures& figures, const LayoutFile& layout,
                const LayoutResources& resources, const DraftNotes& draft, Diagnostics& diagnostics) {
  Document doc;
  doc.fonts = resources.faces;
  doc.info.title = figures.title;
  doc.info.author = figures.organisation;
  doc.info.subject = figures.title + " för " + figures.organisation + " (" +
                     figures.organisation_number + ")";
  doc.info.creator = "arsred";
  doc.info.created = figures.document_date;
  doc.info.modified = figures.document_date;

  const PageSetup& s = layout.sida;
  PageBuilder pages(doc, MmToPt(s.bredd.value), MmToPt(s.hojd.value), MmToPt(s.marginal.topp.value),
                    MmToPt(s.marginal.botten.value), MmToPt(s.marginal.inner.value), MmToPt(s.marginal.yttre.value),
                    s.kolumner ? static_cast<int>(s.kolumner->value) : 1,
                    s.spaltmellanrum ? MmToPt(s.spaltmellanrum->value) : 18,
                    s.dubbelsidig && s.dubbelsidig->value);
  doc.structure.push_back({StructType::kDocument, -1, "", HeaderScope::kNone});
  Composer composer(inputs, figures, layout, resources, diagnostics, pages, doc.structure);

  std::vector<std::string> order;
  for (const auto& part : layout.ordning) order.push_back(part.value.name);
  if (!inputs.report().files.text.bilagor.empty() &&
      std::find(order.begin(), order.end(), "bilagor") == order.end()) {
    const Appendix& first = inputs.report().files.text.bilagor.front();
    diagnostics.Warning("layout.appendices", first.where, first.path,
                        "the layout's `ordning` has no part `bilagor`, so the year's appendices are not printed");
  }
  auto compose = [&](Composer& c, int toc_pages) {
    bool statements = false;
    for (const std::string& part : order) {
      if (part == "omslag") c.Cover();
      if (part == "innehall" && toc_pages > 0) c.Contents(toc_pages);
      if (part == "forvaltningsberattelse" && inputs.report().files.text.forvaltningsberattelse) {
        c.Markup(*inputs.report().files.text.forvaltningsberattelse, true);
      }
      if (part == "resultatrakning" || part == "balansrakning" || part == "kassaflodesanalys") {
        c.Statement(part.c_str(), !statements);
        statements = true;
      }
      if (part == "redovisningsprinciper") c.Principles();
      if (part == "noter") c.Notes();
      if (part == "underskrifter") c.Signatures();
      if (part == "bilagor") c.Appendices();
    }
    c.DraftAppendix(draft);
  };
  // The table of contents needs its page count before the pages are placed; composing only
  // collects blocks, so its entries are known once everything is composed, and the reserved
  // block is given its page count before placing (SetReservedPages below: the 1 passed here only
  // asks for the block). Its lines do not depend on the page numbers.
  bool with_contents = std::find(order.begin(), order.end(), "innehall") != order.end();
  compose(composer, with_contents ? 1 : 0);
  // The contents' geometry, used both to count its pages and to set it below: where its first
  // line stands on a page, and how far down each entry takes it (a part's entry stands apart).
  const double toc_size = Pt(layout.text.storlek);
  const double toc_top = MmToPt(s.hojd.value) - MmToPt(s.marginal.topp.value) - Pt(layout.rubriker.h1.storlek) * 2.5;
  const double toc_bottom = MmToPt(s.marginal.botten.value);
  const auto entry_height = [&](const TocEntry& e) { return (e.level == 1 ? toc_size * 0.4 : 0) + toc_size * 1.45; };
  // Every entry is listed: the pages are counted with the same steps that set them.
  int toc_pages = 1;
  for (double y = toc_top; const TocEntry& e : composer.toc()) {
    if (y <= toc_bottom) {
      ++toc_pages;
      y = toc_top;
    }
    y -= entry_height(e);
  }
  pages.SetReservedPages(toc_pages);
  pages.Run();
  if (pages.overflowed()) {
    diagnostics.Error("layout.pages", Where{}, "",
                      "the report would run to more than " + std::to_string(PageBuilder::kMaxPages) + " pages");
    doc.pages.resize(PageBuilder::kMaxPages);
  }

  // Running header and footer; page labels are the physical page numbers.
  int total = static_cast<int>(doc.pages.size());
  for (int p = 0; p < total; ++p) doc.pages[static_cast<size_t>(p)].label = std::to_string(p + 1);
  bool has_cover = std::find(order.begin(), order.end(), "omslag") != order.end();
  const FontMetrics& regular = *resources.metrics[0];
  Color text_color;
  ParseColor(layout.text.farg.value, &text_color);
  auto running = [&](const RunningLine& line, bool top, int p) {
    std::map<std::string, std::string> values{{"titel", figures.title},
                                              {"forbund.namn", figures.organisation},
                                              {"forbund.organisationsnummer", figures.organisation_number},
                                              {"ar", std::to_string(figures.year)},
                                              {"sida", std::to_string(p + 1)},
                                              {"sidor", std::to_string(total)}};
    Page& page = doc.pages[static_cast<size_t>(p)];
    double size = Pt(line.storlek);
    double left = MmToPt(s.marginal.inner.value), right = page.width - MmToPt(s.marginal.yttre.value);
    if (s.dubbelsidig && s.dubbelsidig->value && (p + 1) % 2 == 0) {
      left = MmToPt(s.marginal.yttre.value);
      right = page.width - MmToPt(s.marginal.inner.value);
    }
    double y = top ? page.height - MmToPt(s.marginal.topp.value) + size * 1.6
                   : MmToPt(s.marginal.botten.value) - size * 2.2;
    auto put = [&](const std::optional<Located<std::string>>& text, int align) {
      if (!text) return;
      GlyphRun run;
      run.size = size;
      run.text = ForDrawing(Fill(text->value, values));
      run.color = Color{90, 90, 90};
      run.role = Role::kArtifact;
      double w = regular.Width(run.text, size);
      run.x = align < 0 ? left : align == 0 ? (left + right - w) / 2 : right - w;
      run.y = y;
      page.items.push_back(run);
    };
    put(line.vanster, -1);
    put(line.mitten, 0);
    put(line.hoger, 1);
    double rule_y = top ? y - size * 0.6 : y + size * 1.2;
    page.items.push_back(Rule{left, rule_y, right, rule_y, 0.3, Color{160, 160, 160}, Role::kArtifact});
  };
  for (int p = has_cover ? 1 : 0; p < total; ++p) {
    if (std::find(pages.blank().begin(), pages.blank().end(), p) != pages.blank().end()) continue;
    if (layout.sidhuvud) running(*layout.sidhuvud, true, p);
    if (layout.sidfot) running(*layout.sidfot, false, p);
  }

  // The table of contents, now that the pages are known: title, dotted leaders, page numbers,
  // each line a link to its heading.
  const auto& anchors = pages.anchors();
  if (!pages.reserved().empty()) {
    size_t entry = 0;
    double size = Pt(layout.text.storlek);
    Color accent = ColorOr(layout.rubriker.h1.farg, text_color);
    const FontMetrics& bold = *resources.metrics[1];
    for (size_t k = 0; k < pages.reserved().size(); ++k) {
      Page& page = doc.pages[static_cast<size_t>(pages.reserved()[k])];
      double left = MmToPt(s.marginal.inner.value), right = page.width - MmToPt(s.marginal.yttre.value);
      double y = page.height - MmToPt(s.marginal.topp.value) - Pt(layout.rubriker.h1.storlek);
      if (k == 0) {
        GlyphRun title;
        title.font = kBold;
        title.size = Pt(layout.rubriker.h1.storlek);
        title.x = left;
        title.y = y;
        title.text = "Innehåll";
        title.color = accent;
        title.role = Role::kHeading1;
        title.structure = composer.toc_heading();
        page.items.push_back(title);
        doc.outline.push_back({"Innehåll", 1, pages.reserved()[k], y + title.size});
      }
      y = toc_top;
      for (; entry < composer.toc().size() && y > toc_bottom; ++entry) {
        const TocEntry& e = composer.toc()[entry];
        const double next_y = y - entry_height(e);
        if (e.level == 1) y -= size * 0.4;
        auto at = anchors.find(e.anchor);
        if (at == anchors.end()) {
          y = next_y;
          continue;
        }
        std::string number = std::to_string(at->second.page + 1);
        int face = e.level == 1 ? kBold : kRegular;
        const FontMetrics& m = e.level == 1 ? bold : regular;
        double indent = e.level == 1 ? 0 : size * 1.5;
        // Each entry a TOCI holding a Link: its title, its page number and the link itself.
        doc.structure.push_back({StructType::kTOCI, composer.toc_element(), "", HeaderScope::kNone});
        doc.structure.push_back({StructType::kLink, static_cast<int>(doc.structure.size()) - 1, "", HeaderScope::kNone});
        const int link_element = static_cast<int>(doc.structure.size()) - 1;
        GlyphRun label;
        label.font = face;
        label.size = size;
        label.x = left + indent;
        label.y = y;
        label.text = ForDrawing(e.title);
        label.color = text_color;
        label.role = Role::kTocEntry;
        label.structure = link_element;
        const double title_width = m.Width(label.text, size);
        label.text += ' ';  // read as "Noter 20", not "Noter20"
        page.items.push_back(label);
        GlyphRun num = label;
        num.text = number;
        num.x = right - m.Width(number, size);
        page.items.push_back(num);
        // Dot leaders between the title and the number.
        double from = label.x + title_width + 4, to = num.x - 4;
        double dot = regular.Width(".", size) + 1.6;
        if (to - from > dot * 2) {
          // Drawn dot by dot at a fixed pitch, ending at `to`, so that the leaders line up down
          // the page.
          const int count = static_cast<int>((to - from) / dot);
          GlyphRun leader_dot;
          leader_dot.size = size;
          leader_dot.y = y;
          leader_dot.text = ".";
          leader_dot.color = Color{150, 150, 150};
          leader_dot.role = Role::kArtifact;
          leader_dot.structure = -1;
          for (int i = 0; i < count; ++i) {
            leader_dot.x = to - (count - i) * dot;
            page.items.push_back(leader_dot);
          }
        }
        Link link;
        link.x = left;
        link.y = y - 3;
        link.width = right - left;
        link.height = size + 2;
        link.target_page = at->second.page;
        link.target_y = at->second.y + 8;
        link.structure = link_element;
        link.description = e.title + ", sidan " + number;
        page.items.push_back(link);
        y = next_y;
      }
    }
  }
  for (const TocEntry& e : composer.outline()) {
    auto at = anchors.find(e.anchor);
    if (at != anchors.end()) doc.outline.push_back({e.title, e.level, at->second.page, at->second.y + 8});
  }
  std::stable_sort(doc.outline.begin(), doc.outline.end(),
                   [](const OutlineEntry& a, const OutlineEntry& b) { return a.page < b.page || (a.page == b.page && a.y > b.y); });

  if (draft.draft) {
    for (Page& page : doc.pages) page.items.push_back(Watermark{kBold, 110, "UTKAST", Color{235, 210, 210}});
  }
  return doc;
}

}  // namespace arsred

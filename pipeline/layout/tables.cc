// The composer (composer.h), tables: column widths, rows and head rows repeated after a break.
#include "composer.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include "report_parts.h"

namespace arsred {

namespace {

// Column widths, in points. A number column is as wide as its widest cell and this much more,
// and at least kMinNumberColumn, or kMinNumberColumnWithNotes in a table with a note column.
// The note column itself is narrow.
constexpr double kNumberColumnPad = 14;
constexpr double kMinNumberColumn = 44;
constexpr double kMinNumberColumnWithNotes = 62;
constexpr double kNoteColumn = 24;
// A head over several number columns gets this much room beyond its text (the 4 pt a head
// cell keeps from its edges, and a little air).
constexpr double kSpanningHeadPad = 8;
// A text cell is never set narrower than this, however many columns there are.
constexpr double kMinTextCellWidth = 20.0;
// The label column keeps at least this share of the table's width; when the numbers leave it
// less, they share kCrowdedNumberShare of the width evenly.
constexpr double kMinLabelShare = 0.28;
constexpr double kCrowdedNumberShare = 0.72;
// Each level of a row's indent moves its label this far in.
constexpr double kIndentStep = 9.0;
// Vertical rhythm of rows: each row is its lines and kRowPadding high, its text kRowTextOffset
// below its top; a row under a rule has kRuleClearance more of both, and a total row (under
// the heaviest rule, closing a statement) kTotalRowExtra more height still.
constexpr double kRowPadding = 1.5;
constexpr double kRowTextOffset = 0.5;
constexpr double kRuleClearance = 1.0;
constexpr double kTotalRowExtra = 0.5;

// The pieces a head may wrap between without a hyphen: its words, cut after a dash or slash
// where the typesetter may break a word (BreaksAfterPunctuation): in a range of figures
// ("2023-01-01–/2023-12-31") always, in a compound ("utfall–/budget") unless `whole_compounds`.
std::vector<std::string_view> HeadWords(std::string_view text, bool whole_compounds) {
  std::vector<std::string_view> pieces;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view word = text.substr(start, end - start);
    size_t from = 0;
    for (size_t cut : BreaksAfterPunctuation(word)) {
      const size_t mark = word[cut - 1] == '/' ? cut - 1 : cut - 3;  // the slash, or the en dash's three bytes
      const bool after_figure = mark > 0 && word[mark - 1] >= '0' && word[mark - 1] <= '9';
      if (whole_compounds && !after_figure) continue;
      pieces.push_back(word.substr(from, cut - from));
      from = cut;
    }
    if (from < word.size()) pieces.push_back(word.substr(from));
    start = end + 1;
  }
  return pieces;
}

}  // namespace

std::vector<SetLine> Composer::SetCell(const std::string& text, int face, double width, bool numeric,
                                       Hyphenation hyphenation) {
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
  return typesetter_.Set({{text, face, ""}}, table_size_, body_.color, std::max(width, kMinTextCellWidth), false,
                         hyphenation);
}

double Composer::CellWidth(const ReportRow& row, size_t column) const {
  return typesetter_.Width(row.style == RowStyle::kBody ? kRegular : kBold, row.cells[column].text, table_size_);
}

double Composer::WidestNumberCell(const ReportTable& table) const {
  double widest = 0;
  for (const ReportRow& r : table.rows) {
    for (size_t c = table.has_note_column ? 2 : 1; c < r.cells.size(); ++c) {
      widest = std::max(widest, CellWidth(r, c) + kNumberColumnPad);
    }
  }
  return widest;
}

Composer::TableColumns Composer::MeasureColumns(const ReportTable& table, double total) const {
  size_t n = table.head.empty() ? (table.rows.empty() ? 0 : table.rows[0].cells.size()) : 0;
  for (const auto& h : table.head) {
    size_t count = 0;
    for (const HeadCell& c : h) count += static_cast<size_t>(c.span);
    n = std::max(n, count);
  }
  for (const ReportRow& r : table.rows) n = std::max(n, r.cells.size());
  TableColumns columns;
  if (n == 0) return columns;
  // Column widths: numbers take what their widest cell needs; the label column the rest.
  std::vector<double> widths(n, 0);
  const double pad = kNumberColumnPad;
  for (const ReportRow& r : table.rows) {
    for (size_t c = 1; c < r.cells.size(); ++c) widths[c] = std::max(widths[c], CellWidth(r, c) + pad);
  }
  double min_number = std::max(table.has_note_column ? kMinNumberColumnWithNotes : kMinNumberColumn, number_column_floor_);
  for (size_t c = 1; c < n; ++c) {
    bool note = table.has_note_column && c == 1;
    widths[c] = note ? kNoteColumn : std::max(widths[c], min_number);
  }
  // A head over several number columns ("Deltagare vid avslut (n=64)" over Antal and Andel)
  // is set on one line: the columns under it widen evenly to hold it. A head over one column
  // may wrap where words end, but the column holds its longest word whole: "Före insats" over
  // "13 %" broke into "Före in-" and "sats". A compound ("Avvikelse utfall–budget") is held
  // whole where the label column keeps its share; else, as a range of figures
  // ("2023-01-01–2023-12-31") always, only its pieces are, and it breaks after its dash.
  auto widen_for_heads = [&](std::vector<double> widened, bool whole_compounds) {
    for (const auto& head : table.head) {
      size_t col = 0;
      for (const HeadCell& cell : head) {
        const auto span = static_cast<size_t>(cell.span);
        if (span == 1 && col >= 1 && col < n) {
          for (std::string_view word : HeadWords(cell.text, whole_compounds)) {
            widened[col] =
                std::max(widened[col], typesetter_.Width(kBold, std::string(word), table_size_) + kSpanningHeadPad);
          }
        }
        if (span > 1 && col >= 1 && col + span <= n) {
          double spanned = 0;
          for (size_t k = col; k < col + span; ++k) spanned += widened[k];
          const double needed = typesetter_.Width(kBold, cell.text, table_size_) + kSpanningHeadPad;
          if (needed > spanned) {
            for (size_t k = col; k < col + span; ++k) widened[k] += (needed - spanned) / static_cast<double>(span);
          }
        }
        col += span;
      }
    }
    return widened;
  };
  auto numbers_width = [&](const std::vector<double>& w) {
    double sum = 0;
    for (size_t c = 1; c < n; ++c) sum += w[c];
    return sum;
  };
  std::vector<double> whole = widen_for_heads(widths, true);
  widths = total - numbers_width(whole) >= total * kMinLabelShare ? whole : widen_for_heads(widths, false);
  double numbers = 0;
  for (size_t c = 1; c < n; ++c) numbers += widths[c];
  if (total - numbers < total * kMinLabelShare) {
    // Too many columns: share the width evenly after a label column of a fixed share.
    double each = total * kCrowdedNumberShare / static_cast<double>(n - 1);
    for (size_t c = 1; c < n; ++c) widths[c] = each;
    numbers = total * kCrowdedNumberShare;
  }
  widths[0] = total - numbers;
  // A table of words only (the board: Uppdrag, Namn, Utsedd av) shares its room evenly: given
  // all to the first column, it left the names touching the members that appointed them.
  const bool words_only = std::none_of(table.numeric_columns.begin() + (table.numeric_columns.empty() ? 0 : 1),
                                       table.numeric_columns.end(), [](bool numeric) { return numeric; });
  if (words_only && n > 1) {
    double label = 0;
    for (const ReportRow& r : table.rows) {
      if (!r.cells.empty()) label = std::max(label, typesetter_.Width(kRegular, r.cells[0].text, table_size_) + pad);
    }
    const double slack = total - numbers - label;
    if (slack > 0) {
      widths[0] = label + slack / static_cast<double>(n);
      for (size_t c = 1; c < n; ++c) widths[c] += slack / static_cast<double>(n);
    }
  }
  std::vector<double> x(n, 0);
  for (size_t c = 1; c < n; ++c) x[c] = x[c - 1] + widths[c - 1];
  columns.x = x;
  columns.width = widths;
  columns.full_width = x[n - 1] + widths[n - 1];
  return columns;
}

FlowBlock Composer::RowBlock(std::vector<CellLines> cells, std::vector<double> cell_x, std::vector<double> cell_w,
                             RowStyle style, int indent, bool head, bool stripe, bool span, double full_width,
                             bool under_head_rule) {
  size_t line_count = 1;
  for (const CellLines& c : cells) line_count = std::max(line_count, c.lines.size());
  // A row under a rule (its own, as a sum's, or the head's) sets its text kRuleClearance lower
  // and is that much taller, so that the rows after it keep the table's rhythm.
  const bool rule_above = style == RowStyle::kTotal || style == RowStyle::kSubtotal || under_head_rule;
  const double first_line_offset = rule_above ? kRowTextOffset + kRuleClearance : kRowTextOffset;
  FlowBlock b;
  b.height = static_cast<double>(line_count) * table_leading_ + kRowPadding + (rule_above ? kRuleClearance : 0) +
             (style == RowStyle::kTotal ? kTotalRowExtra : 0);
  b.span = span;
  double indent_pt = indent * kIndentStep;
  Color text_color = head ? head_color_ : body_.color;
  std::optional<Color> fill = stripe ? stripe_ : std::nullopt;
  double height = b.height, size = table_size_, leading = table_leading_;
  Color rule = rule_color_;
  b.draw = [=](Page& page, double left, double top, double) {
    if (fill) page.items.push_back(FilledRect{left, top - height, full_width, height, *fill});
    for (size_t c = 0; c < cells.size(); ++c) {
      for (size_t l = 0; l < cells[c].lines.size(); ++l) {
        const SetLine& line = cells[c].lines[l];
        double ox = cells[c].group_head ? cell_x[c] + (cell_w[c] + 3 - line.width) / 2
                    : cells[c].numeric     ? cell_x[c] + cell_w[c] - line.width - 1
                                           : cell_x[c] + (c == 0 ? indent_pt : 3);
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
    // Under a group's head, a short rule over the columns it heads (as booktabs' \cmidrule), so
    // that "2023" reads as the head of its three columns, not of the one under its end.
    for (size_t c = 0; c < cells.size(); ++c) {
      if (!cells[c].group_head) continue;
      const double y = top - height + kRowPadding / 2;
      page.items.emplace_back(std::in_place_type<Rule>, left + cell_x[c] + 6, y, left + cell_x[c] + cell_w[c] - 1, y,
                              0.4, rule);
    }
    if (style == RowStyle::kSubtotal || style == RowStyle::kTotal) {
      double from = left + (style == RowStyle::kTotal ? 0 : cell_x[0]);
      page.items.push_back(Rule{from, top, right, top, style == RowStyle::kTotal ? 0.8 : 0.4, rule});
    }
    if (head) page.items.push_back(Rule{left, top - height, right, top - height, 0.6, rule});
  };
  return b;
}

std::vector<FlowBlock> Composer::HeadRows(const ReportTable& table, const TableColumns& columns, int table_element,
                                          bool span) {
  const size_t n = columns.x.size();
  std::vector<FlowBlock> head_blocks;
  for (size_t h = 0; h < table.head.size(); ++h) {
    std::vector<CellLines> cells;
    std::vector<double> cx, cw;
    size_t col = 0;
    const int row_element = Element(StructType::kTR, table_element);
    for (const HeadCell& cell : table.head[h]) {
      double w = 0;
      for (int k = 0; k < cell.span && col + static_cast<size_t>(k) < n; ++k) {
        w += columns.width[col + static_cast<size_t>(k)];
      }
      CellLines cl;
      cl.numeric = IsNumberColumn(table, col);
      cl.group_head = cl.numeric && cell.span > 1 && h + 1 < table.head.size() && !cell.text.empty();
      // A head over numbers is set ragged and drawn right-aligned, line by line; its words stay
      // whole (MeasureColumns made room for the longest).
      cl.lines = SetCell(cell.text, kBold, w - 4, false, Hyphenation::kOnlyToFit);
      const int header = Element(StructType::kTH, row_element);
      structure_[static_cast<size_t>(header)].scope = HeaderScope::kColumn;
      structure_[static_cast<size_t>(header)].col_span = std::min(cell.span, static_cast<int>(n - std::min(col, n)));
      TagLines(cl.lines, header);
      cells.push_back(cl);
      cx.push_back(col < n ? columns.x[col] : 0);
      cw.push_back(w);
      col += static_cast<size_t>(cell.span);
    }
    head_blocks.push_back(
        RowBlock(cells, cx, cw, RowStyle::kBody, 0, h + 1 == table.head.size(), false, span, columns.full_width));
    head_blocks.back().keep_with_next = true;
  }
  return head_blocks;
}

std::vector<FlowBlock> Composer::BodyRows(const ReportTable& table, const TableColumns& columns, int table_element,
                                          bool span, Keeping keeping) {
  const size_t n = columns.x.size();
  std::vector<FlowBlock> rows;
  for (size_t r = 0; r < table.rows.size(); ++r) {
    const ReportRow& row = table.rows[r];
    std::vector<CellLines> cells;
    std::vector<double> cx, cw;
    const int row_element = Element(StructType::kTR, table_element);
    for (size_t c = 0; c < row.cells.size() && c < n; ++c) {
      int face = row.style == RowStyle::kBody ? kRegular : kBold;
      const bool numeric = IsNumberColumn(table, c);
      double label_width = columns.width[c] - (c == 0 ? row.indent * kIndentStep + 2 : 4);
      const int cell = Element(c == 0 ? StructType::kTH : StructType::kTD, row_element);
      if (c == 0) structure_[static_cast<size_t>(cell)].scope = HeaderScope::kRow;
      // A row of fewer cells than columns (a section's "TILLGÅNGAR") has its last cell span the
      // rest, so that every row of the Table has all its columns.
      if (c + 1 == row.cells.size()) structure_[static_cast<size_t>(cell)].col_span = static_cast<int>(n - c);
      // Words break only where they must to fit: "Smedjebackens kom-/mun" in the board's table,
      // where "kommun" had room on the next line.
      cells.push_back({SetCell(row.cells[c].text, face, label_width, numeric, Hyphenation::kOnlyToFit), numeric});
      TagLines(cells.back().lines, cell);
      cx.push_back(columns.x[c]);
      cw.push_back(columns.width[c]);
    }
    FlowBlock b = RowBlock(cells, cx, cw, row.style, row.indent, false, stripe_ && r % 2 == 1, span, columns.full_width,
                           r == 0 && !table.head.empty());
    b.keep_with_next = r + 1 < table.rows.size();
    b.may_break_after = b.keep_with_next && keeping == Keeping::kUnlessAGap;
    // A section row belongs with the row after it.
    if (row.style == RowStyle::kSection) {
      b.keep_with_next = true;
      b.may_break_after = false;
    }
    rows.push_back(std::move(b));
  }
  return rows;
}

void Composer::Table(const ReportTable& table, bool span, Keeping keeping, const std::string& caption,
                     bool under_heading) {
  const TableColumns columns = MeasureColumns(table, span ? pages_.text_width() : pages_.column_width());
  if (columns.x.empty()) return;

  // One Table element, however many pages it runs over: its caption, head rows (the year
  // heads are column headers) and rows (each line's label heads its row).
  const int table_element = Element(StructType::kTable);
  const int caption_element = caption.empty() ? -1 : Element(StructType::kCaption, table_element);
  std::vector<FlowBlock> head_blocks = HeadRows(table, columns, table_element, span);
  if (!caption.empty()) Caption(caption, table_size_ + 0.5, span, paragraph_space_ * 1.5, caption_element);
  // On the page a table continues on, its title ("Driftredovisning (forts.)") above its head
  // says what the rows are: a new user read three rows under a bare head as a table of its own.
  std::vector<FlowBlock> repeated_head;
  if (!table.title.empty()) repeated_head = CaptionBlocks(table.title + " (forts.)", table_size_ + 0.5, span, 0, -1);
  repeated_head.insert(repeated_head.end(), head_blocks.begin(), head_blocks.end());
  int head_id = pages_.AddHead(repeated_head);
  for (size_t k = 0; k < head_blocks.size(); ++k) {
    FlowBlock b = head_blocks[k];
    if (k == 0 && caption.empty() && !under_heading) b.space_before = paragraph_space_ * 1.5;
    pages_.Add(b);
  }
  for (FlowBlock& row : BodyRows(table, columns, table_element, span, keeping)) {
    row.repeat_head = head_id;
    pages_.Add(row);
  }
  if (!table.footnote.empty()) {
    Inline note;
    note.text = table.footnote;
    Paragraph({note}, table.id, Role::kSmallPrint, 0, kSmallPrintScale);
  }
  FlowBlock after;
  after.height = paragraph_space_;
  after.span = span;
  pages_.Add(after);
}

FlowBlock Composer::NestedTable(const ReportTable& table, double width, int parent) {
  const TableColumns columns = MeasureColumns(table, width);
  const int table_element = Element(StructType::kTable, parent);
  std::vector<FlowBlock> parts = HeadRows(table, columns, table_element, true);
  for (FlowBlock& row : BodyRows(table, columns, table_element, true, Keeping::kWhole)) parts.push_back(std::move(row));
  FlowBlock whole;
  whole.span = true;
  for (const FlowBlock& part : parts) whole.height += part.height;
  whole.draw = [parts](Page& page, double left, double top, double width_available) {
    for (const FlowBlock& part : parts) {
      part.draw(page, left, top, width_available);
      top -= part.height;
    }
  };
  return whole;
}

}  // namespace arsred

// The composer (composer.h), goals: a table of goal and follow-up per area, with the surveys its
// follow-ups embed, set by the table code (tables.cc) like every other table.
#include "composer.h"

#include <algorithm>

#include "report_parts.h"

namespace arsred {

namespace {

// The goal column takes this share of the table's width, the follow-up the rest.
constexpr double kGoalColumnShare = 0.34;
// A cell's text keeps this far from the column's right edge.
constexpr double kCellGutter = 8;
// Where a follow-up's text starts in its column (as a head cell's does).
constexpr double kFollowUpInset = 3;
// Space between a cell's paragraphs (a list's items stand together), about LaTeX's \smallskip;
// a survey inside the cell has twice that above and below it.
constexpr double kCellParagraphGap = 3;
// Space above a row's first line and below its last, where the rule between rows is.
constexpr double kRowPad = 4;

}  // namespace

std::vector<Composer::CellPiece> Composer::SetCellText(const Located<Text>& text, double width, int element) {
  std::vector<CellPiece> out;
  const double size = table_size_;
  const arsred::Block* previous = nullptr;
  for (const arsred::Block& block : text.value.doc.blocks) {
    double space_before = 0;
    if (previous != nullptr) {
      const bool same_list =
          previous->kind == arsred::Block::Kind::kBulletItem && block.kind == arsred::Block::Kind::kBulletItem;
      const bool beside_table = previous->kind == arsred::Block::Kind::kEmbed || block.kind == arsred::Block::Kind::kEmbed;
      space_before = same_list ? 0 : beside_table ? 2 * kCellParagraphGap : kCellParagraphGap;
    }
    previous = &block;
    if (block.kind == arsred::Block::Kind::kEmbed) {
      // A survey, where the text embeds it ([[enkat:ID]]); validate allows no other embed here.
      const size_t colon = block.embed.find(':');
      auto it = figures_.tables.find(block.embed.substr(0, colon) + "." + block.embed.substr(colon + 1));
      if (it == figures_.tables.end()) continue;
      CellPiece piece;
      piece.space_before = space_before;
      piece.table = NestedTable(it->second, width, element);
      out.push_back(std::move(piece));
      continue;
    }
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
    }
    TagLines(lines, element);
    for (size_t i = 0; i < lines.size(); ++i) {
      CellPiece piece;
      piece.space_before = i == 0 ? space_before : 0;
      piece.line = std::move(lines[i]);
      out.push_back(std::move(piece));
    }
  }
  return out;
}

void Composer::Goals(const GoalArea& area, const std::string& heading_above) {
  // A table of two columns, goal and follow-up, one row per goal. Its head is set by the table
  // code; a row's cells hold markup, so the rows are set here and flow piece by piece: a row is
  // kept whole when it fits on a page, and split between lines (with the head repeated) when
  // it does not.
  ReportTable goals;
  goals.id = "mal." + area.id.value.name;
  goals.head.push_back({{kGoalHead}, {GoalFollowUpHead(figures_, area)}});
  goals.numeric_columns = {false, false};
  const double total = pages_.text_width();
  const double left_w = total * kGoalColumnShare, right_w = total - left_w;
  TableColumns columns;
  columns.x = {0, left_w};
  columns.width = {left_w, right_w};
  columns.full_width = total;

  const int table_element = Element(StructType::kTable);
  // As for tables: under a heading that says the same, the heading names the table.
  const std::string caption = GoalAreaCaption(figures_, area);
  if (!caption.empty() && !SaysTheSame(caption, heading_above)) {
    Caption(caption, table_size_ + 1.5, true, paragraph_space_ * 2,
            Element(StructType::kCaption, table_element));
  }
  std::vector<FlowBlock> head = HeadRows(goals, columns, table_element, true);
  const int head_id = pages_.AddHead(head);
  for (const FlowBlock& b : head) pages_.Add(b);

  const double size = table_size_, leading = table_leading_;
  for (const Goal& goal : area.mal) {
    const int row_element = Element(StructType::kTR, table_element);
    const int goal_cell = Element(StructType::kTD, row_element);
    const int follow_up_cell = Element(StructType::kTD, row_element);
    std::vector<CellPiece> left = SetCellText(goal.mal, left_w - kCellGutter, goal_cell);
    // The follow-up opens with the goal's status, in bold.
    const std::string status = GoalStatusText(goal.status);
    std::vector<SetLine> status_lines =
        typesetter_.Set({{status, kBold, ""}}, size, body_.color, right_w - kCellGutter, false);
    TagLines(status_lines, follow_up_cell);
    std::vector<CellPiece> right;
    for (SetLine& line : status_lines) right.push_back({0, std::move(line), std::nullopt});
    std::vector<CellPiece> text = SetCellText(goal.redovisning, right_w - kCellGutter, follow_up_cell);
    if (!text.empty()) text.front().space_before = std::max(text.front().space_before, kCellParagraphGap);
    for (CellPiece& piece : text) right.push_back(std::move(piece));

    // Where each piece starts and ends, down from the row's top.
    struct Placed {
      const CellPiece* piece;
      double x, top, bottom;
    };
    std::vector<Placed> placed;
    double row_bottom = 0;
    for (const auto& [pieces, x] : {std::pair{&left, 0.0}, std::pair{&right, left_w + kFollowUpInset}}) {
      double y = kRowPad;
      for (const CellPiece& piece : *pieces) {
        y += piece.space_before;
        const double height = piece.table ? piece.table->height : leading;
        placed.push_back({&piece, x, y, y + height});
        y += height;
      }
      row_bottom = std::max(row_bottom, y);
    }
    // The row may break where no piece of either column straddles the break: after any piece
    // whose end no piece of the other column spans.
    std::vector<double> cuts{0};
    std::vector<double> ends;
    for (const Placed& p : placed) ends.push_back(p.bottom);
    std::sort(ends.begin(), ends.end());
    for (double at : ends) {
      if (at <= cuts.back() || at >= row_bottom) continue;
      bool straddled = std::any_of(placed.begin(), placed.end(), [&](const Placed& p) { return p.top < at && p.bottom > at; });
      if (!straddled) cuts.push_back(at);
    }
    cuts.push_back(row_bottom + kRowPad);
    for (size_t k = 0; k + 1 < cuts.size(); ++k) {
      const double from = cuts[k], to = cuts[k + 1];
      // The pieces that start in this stretch, each at its x and its distance below the top.
      struct Drawn {
        double x, down;
        CellPiece piece;
      };
      std::vector<Drawn> drawn;
      for (const Placed& p : placed) {
        if (p.top >= from && p.top < to) drawn.push_back({p.x, p.top - from, *p.piece});
      }
      FlowBlock block;
      block.height = to - from;
      block.span = true;
      block.repeat_head = head_id;
      // A stretch after the row's first starts where a line of it ended; on a new page, under
      // the repeated head, it needs the padding that the row's top has.
      if (k > 0) block.space_under_repeated_head = kRowPad;
      const bool last = k + 2 == cuts.size();
      block.keep_with_next = !last;  // the row's stretches stay together where they can
      block.may_break_after = !last;
      const Color rule = rule_color_;
      block.draw = [drawn, size, last, total, rule, height = block.height](Page& page, double x0, double top,
                                                                           double width) {
        for (const Drawn& d : drawn) {
          if (d.piece.table) {
            d.piece.table->draw(page, x0 + d.x, top - d.down, width);
            continue;
          }
          for (GlyphRun run : d.piece.line.runs) {
            run.x += x0 + d.x;
            run.y = top - d.down - size * 0.85;
            run.role = Role::kTableCell;
            page.items.push_back(run);
          }
        }
        if (last) {  // the rule under the row
          const double y = top - height;
          page.items.emplace_back(Rule{x0, y, x0 + total, y, 0.3, rule});
        }
      };
      pages_.Add(block);
    }
  }
  FlowBlock after;
  after.height = paragraph_space_;
  after.span = true;
  pages_.Add(after);
}

}  // namespace arsred

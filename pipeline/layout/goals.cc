// The composer (composer.h), goals: a table of goal and follow-up per area, with the surveys its follow-ups embed.
#include "composer.h"

#include <algorithm>
#include <array>

#include "enums.h"
#include "fill_marker.h"

namespace arsred {

namespace {

// The goal column takes this share of the table's width, the follow-up the rest.
constexpr double kGoalColumnShare = 0.34;
// A survey in the follow-up column: where its count and share columns start, as shares of the
// column's width (the answers take the first).
constexpr double kSurveyCountAt = 0.45;
constexpr double kSurveyShareAt = 0.75;

}  // namespace

std::string Composer::StatusText(GoalStatus status) {
  for (const auto& v : EnumSpelling<GoalStatus>::kValues) {
    if (v.value == status) return std::string(v.meaning);
  }
  return "";
}

std::vector<SetLine> Composer::SetCellText(const Located<Text>& text, double width, double size) {
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

void Composer::Goals(const GoalArea& area) {
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
  double left_w = total * kGoalColumnShare, right_w = total - left_w;
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
        double c0 = left + left_w + 6, c1 = c0 + (right_w - 8) * kSurveyCountAt, c2 = c0 + (right_w - 8) * kSurveyShareAt,
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
          if (r.style == RowStyle::kTotal) page.items.emplace_back(Rule{c0, y, c3, y, 0.4, rule});
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

}  // namespace arsred

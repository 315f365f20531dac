// The composer: the report's parts, prose, tables, charts and goals made into blocks for the
// page builder, and the structure tree of the tagged PDF made as it goes, in reading order.
// One class, its parts in files of their own as the sections below say. Internal to layout.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calculate.h"
#include "diagnostics.h"
#include "layout.h"
#include "layout_model.h"
#include "load.h"
#include "page_builder.h"
#include "report_parts.h"
#include "pages.h"
#include "paragraph.h"

namespace arsred {

struct Style {
  double size = 11;
  int face = kRegular;
  Color color;
};

// Small print (`<small>` in the text, table footnotes, the draft's findings) is set this much
// smaller than the body, on a leading smaller in proportion.
inline constexpr double kSmallPrintScale = 0.82;

struct TocEntry {
  std::string title;
  int level = 1;
  std::string anchor;
};

class Composer {
 public:
  Composer(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
           const LayoutResources& resources, Diagnostics& diagnostics, PageBuilder& pages,
           std::vector<StructElement>& structure);

  const std::vector<TocEntry>& toc() const { return toc_; }
  // The elements the table of contents is filled into once the pages are known.
  int toc_heading() const { return toc_heading_; }
  int toc_element() const { return toc_element_; }

  // --- the structure tree of the tagged PDF (structure_tree.cc) -------------------------------

  // A new element under `parent`. Elements are made as the report is composed, which is its
  // reading order; the renderer keeps that order.
  int Element(StructType type, int parent = 0);

  // Puts the lines' runs in `element`, each web link with its text in a Link element of its own.
  void TagLines(std::vector<SetLine>& lines, int element);

  // A chart's Figure element, with an alternative text that says what the chart shows
  // (ChartDescription): "Cirkeldiagram: Kostnader 2023: Insatser 69 %, Personal 25 %, Övrigt 6 %".
  int FigureElement(const ReportChart& chart);

  // A heading's element: H1…H6 at the heading's level in the outline (HeadingOutline), which it
  // also gives in `outline_level`.
  int HeadingElement(int level, int* outline_level = nullptr);

  // --- text: paragraphs, headings, lists, captions (composer.cc) ----------------------------

  void CheckGlyphs(const std::string& text, Where where, const std::string& path, int face);

  // What a placeholder prints (report_parts.h's PlaceholderText).
  std::string PlaceholderText(const Inline& span) const;

  std::vector<StyledSpan> Spans(const std::vector<Inline>& inlines, int base_face, const std::string& path);

  // Lines of text as blocks, with no line left alone at the top or bottom of a page; with
  // `span`, across the columns of a multi-column layout.
  void AddLines(const std::vector<SetLine>& lines, Style style, double leading, double indent, double space_before,
                bool keep_last_with_next = false, const std::string& anchor = "", bool span = false);

  // `keep_with_next`: its last line stays with what follows (a caption with its figure).
  void Paragraph(const std::vector<Inline>& inlines, const std::string& path, Role role, double indent = 0,
                 double size_factor = 1.0, bool keep_with_next = false);

  // `in_toc`: listed in the contents down to the second level, or at any level with
  // `at_any_level` (HeadsRequiredPart).
  void Heading(int level, const std::string& raw_text, bool in_toc, bool new_sheet = false, bool at_any_level = false);

  void Markup(const Located<Text>& text, bool in_toc);

  void Bullet(const std::vector<Inline>& inlines, const std::string& path);

  // A bold caption above a table, chart or goals table, kept with what follows; its text is the
  // structure element `element` (a table's Caption, or a P before a figure).
  void Caption(const std::string& text, double size, bool span, double space_before, int element);
  // The same as blocks, for the flow or for a table's repeated head; `element` -1: untagged.
  std::vector<FlowBlock> CaptionBlocks(const std::string& text, double size, bool span, double space_before,
                                       int element);

  // --- tables (tables.cc) ----------------------------------------------------------------------

  // Draws one row of cells: texts set in their columns, numbers right-aligned.
  struct CellLines {
    std::vector<SetLine> lines;
    bool numeric = false;
    bool group_head = false;  // a head over several columns of numbers: centred, ruled under
  };

  std::vector<SetLine> SetCell(const std::string& text, int face, double width, bool numeric,
                               Hyphenation hyphenation = Hyphenation::kWhenNeeded);

  // How a table's rows keep together on a page.
  enum class Keeping {
    kWhole,         // a statement or a note: moves whole to the next page when it does not fit
    kUnlessAGap,    // a table in the text: whole, unless moving it would leave much of a page
                    // empty (PageBuilder::SplitPoint); then it breaks between rows
  };
  // Where each column of a table `total` points wide starts, and how wide it is.
  struct TableColumns {
    std::vector<double> x, width;
    double full_width = 0;
  };
  TableColumns MeasureColumns(const ReportTable& table, double total) const;
  // The width its widest number cell needs, padding included; and one cell's text alone.
  double WidestNumberCell(const ReportTable& table) const;
  double CellWidth(const ReportRow& row, size_t column) const;
  // One row as a block: each cell's lines in its column (numbers right-aligned), the rule of a
  // total or subtotal row above it, of a head row's last line below it.
  FlowBlock RowBlock(std::vector<CellLines> cells, std::vector<double> cell_x, std::vector<double> cell_w,
                     RowStyle style, int indent, bool head, bool stripe, bool span, double full_width,
                     bool under_head_rule = false);
  // A table's head rows and body rows as blocks, their cells tagged under `table_element`.
  std::vector<FlowBlock> HeadRows(const ReportTable& table, const TableColumns& columns, int table_element, bool span);
  std::vector<FlowBlock> BodyRows(const ReportTable& table, const TableColumns& columns, int table_element, bool span,
                                  Keeping keeping);

  // With `under_heading`, the table stands right under a heading that names it: no caption, and
  // no space of its own above it (the heading's is enough).
  void Table(const ReportTable& table, bool span, Keeping keeping, const std::string& caption,
             bool under_heading = false);
  // A table `width` points wide inside a cell of another (a survey in a goal's follow-up), as
  // one block kept whole, its Table element a child of `parent`.
  FlowBlock NestedTable(const ReportTable& table, double width, int parent);

  // --- charts (charts.cc) ----------------------------------------------------------------------

  static void Arc(std::vector<PathOp>& ops, double cx, double cy, double r, double from, double to);

  void Pie(const ReportChart& chart);

  // In the place of a chart whose figures are still to fill in, a line saying why it is not
  // drawn yet (a draft only; a final report has nothing left to fill in). Embed sets a chart's
  // title, drawn or not.
  void ChartToFill();

  // Vertical bars, one per part, the value above each bar and the label below it.
  void Bars(const ReportChart& chart);

  // --- goals (goals.cc) ------------------------------------------------------------------------

  // A piece of a goal table's cell: a line of its text, or a table nested in it (a survey),
  // with the space above it.
  struct CellPiece {
    double space_before = 0;
    SetLine line;
    std::optional<FlowBlock> table;
  };
  // The pieces of a cell's markup, `width` points wide and tagged as `element`: its paragraphs
  // and list items a little apart, the items of one list together, and the surveys it embeds in
  // their places (headings are not allowed there).
  std::vector<CellPiece> SetCellText(const Located<Text>& text, double width, int element);

  // The table of a goal area; its title is not printed under a heading that says the same.
  void Goals(const GoalArea& area, const std::string& heading_above = "");

  // --- embeds: tables, charts and goals named in the text (composer.cc) -----------------------

  // `heading_above` is the text of a heading that stands right above the embed, or "": a
  // table whose title says the same is not captioned again under it.
  void Embed(const std::string& embed, const std::string& path, const std::string& heading_above);

  // --- the parts: front and back matter, statements, notes (front_back_matter.cc) -------------

  void Cover();

  void Statement(const char* id, bool first);

  void Principles();

  // Each appendix a part of its own: "Bilaga 1 Ekonomiskt underlag", in the contents.
  void Appendices();

  void Notes();

  // The signature page; with `fields` (a final report), an empty signature field over each line.
  void Signatures(bool fields);

  void Contents(int pages);

  void DraftAppendix(const DraftNotes& draft);

  const std::vector<TocEntry>& outline() const { return outline_; }

 private:
  const ReportProse& prose_;
  const ReportFigures& figures_;
  const LayoutFile& layout_;
  Diagnostics& d_;
  PageBuilder& pages_;
  Typesetter typesetter_;
  Style body_;
  double leading_ = 14, paragraph_space_ = 6, table_size_ = 9.5, table_leading_ = 13;
  // While the notes are set, the widest number cell of any note: each note's number columns are
  // at least as wide, so that the columns stand at the same place from note to note.
  double number_column_floor_ = 0;
  bool justify_ = true;
  Color rule_color_, head_color_;
  std::optional<Color> stripe_;
  std::vector<Color> chart_colors_;
  bool chart_patterns_ = false;  // hatch pie slices and swatches (diagrammonster)
  std::vector<TocEntry> toc_, outline_;
  int heading_count_ = 0;
  std::vector<StructElement>& structure_;
  HeadingOutline heading_levels_;  // the structure tree's heading levels
  int list_ = -1;            // the L element that consecutive bullets go into, or -1
  int toc_heading_ = -1, toc_element_ = -1;
};

}  // namespace arsred

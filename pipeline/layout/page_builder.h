// The page builder: places a flow of blocks (lines, table rows, charts) on pages, top to
// bottom and column by column, with headings kept with what follows, table heads repeated after
// a break, columns balanced above a spanning block, and pages left for the table of contents.
// Internal to layout.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "pages.h"

namespace arsred {

// A piece of the flow: a line of text, a table row, a chart. Placed whole.
struct FlowBlock {
  double height = 0;
  double space_before = 0;
  bool keep_with_next = false;
  bool span = false;      // full width in a multi-column layout
  bool new_page = false;  // starts on a new page
  bool recto = false;     // with new_page, in two-sided print: on a right-hand (odd) page
  int reserve_pages = 0;  // empty pages to leave here (the table of contents)
  std::function<void(Page&, double x, double top, double width)> draw;
  std::string anchor;     // an id the table of contents and the outline point at
  int repeat_head = -1;   // the table head to draw again when this row starts a page
  // Space between that repeated head and this block: a row's continuation, which has no top
  // padding of its own where the row goes on without a break.
  double space_under_repeated_head = 0;
  // A row of a table kept together (keep_with_next) that may still end a page when keeping the
  // table whole would leave much of the page empty (PageBuilder::SplitPoint).
  bool may_break_after = false;
};

struct AnchorPos {
  int page = 0;
  double y = 0;
};

class PageBuilder {
 public:
  PageBuilder(Document& doc, double page_w, double page_h, double top, double bottom, double inner, double outer,
              int columns, double gap, bool duplex)
      : doc_(doc), page_w_(page_w), page_h_(page_h), top_(top), bottom_(bottom), inner_(inner), outer_(outer),
        columns_(columns), gap_(gap), duplex_(duplex) {}

  double text_width() const { return page_w_ - inner_ - outer_; }
  double column_width() const { return (text_width() - gap_ * (columns_ - 1)) / columns_; }
  double text_height() const { return page_h_ - top_ - bottom_; }
  int columns() const { return columns_; }

  void Add(FlowBlock block) {
    if (next_on_new_sheet_) {
      block.new_page = block.recto = true;
      next_on_new_sheet_ = false;
    }
    blocks_.push_back(std::move(block));
  }
  // What is added next starts a new sheet: a new page, and in two-sided print a right-hand one,
  // so that nothing is printed on the back of the page before.
  void NextOnNewSheet() { next_on_new_sheet_ = true; }
  int AddHead(std::vector<FlowBlock> head) {
    heads_.push_back(std::move(head));
    return static_cast<int>(heads_.size()) - 1;
  }

  const std::map<std::string, AnchorPos>& anchors() const { return anchors_; }
  // Sets how many pages the (one) reserving block leaves empty.
  void SetReservedPages(int pages) {
    for (FlowBlock& b : blocks_) {
      if (b.reserve_pages > 0) b.reserve_pages = pages;
    }
  }
  const std::vector<int>& reserved() const { return reserved_; }
  // Pages left empty so that the next one is a right-hand page; they carry no running header.
  const std::vector<int>& blank() const { return blank_; }

  // Past this many pages the inputs are surely wrong (a real report has 15–40): stop and say so
  // rather than write thousands.
  static constexpr size_t kMaxPages = 1000;
  bool overflowed() const { return overflowed_; }

  void Run();

 private:
  bool AtColumnTop() const { return fresh_column_; }
  double Remaining() const { return y_ - bottom_; }

  void NewPage();

  // Where a chain [first, last] that does not fit where the flow stands may break instead of
  // moving whole to the next column or page: the last block to place here, or last + 1 when it
  // may not. It breaks only where moving would leave a quarter of the text height or more
  // empty, after a row that allows it, with at least kRowsKeptTogether rows on either side.
  size_t SplitPoint(size_t first, size_t last) const;
  static constexpr int kRowsKeptTogether = 2;

  void NextColumn();

  double ColumnX(bool span) const;

  void Place(FlowBlock& block);

  // Ends the columns above a spanning block: shares the section's blocks (of both columns)
  // between the two columns where they come out most even without parting blocks that are kept
  // together, and continues below the taller one. Leaves the page as it is when no split fits.
  void BalanceColumns();
  // Starts the columns anew below y (after a spanning block, or balanced columns).
  void StartSection(double y);

  template <class Item>
  static void MakeArtifact(Item& item) {
    if constexpr (requires { item.structure; }) item.structure = -1;
    if constexpr (requires { item.role; }) item.role = Role::kArtifact;
  }

  static void Shift(GlyphRun& run, double dx, double dy) { run.x += dx, run.y += dy; }
  static void Shift(Rule& rule, double dx, double dy) { rule.x1 += dx, rule.x2 += dx, rule.y1 += dy, rule.y2 += dy; }
  static void Shift(FilledRect& rect, double dx, double dy) { rect.x += dx, rect.y += dy; }
  static void Shift(Link& link, double dx, double dy) { link.x += dx, link.y += dy; }
  static void Shift(SignatureField& field, double dx, double dy) { field.x += dx, field.y += dy; }
  static void Shift(Watermark&, double, double) {}
  static void Shift(FilledPath& path, double dx, double dy) {
    for (PathOp& op : path.ops) {
      op.x1 += dx, op.x2 += dx, op.x3 += dx;
      op.y1 += dy, op.y2 += dy, op.y3 += dy;
    }
  }

  // Draws a block where the flow stands; `space_before` is the space left above it (0 at a
  // column's top).
  void Draw(FlowBlock& block, double space_before = 0);

  Document& doc_;
  double page_w_, page_h_, top_, bottom_, inner_, outer_;
  int columns_;
  double gap_;
  bool duplex_;
  std::vector<FlowBlock> blocks_;
  std::vector<std::vector<FlowBlock>> heads_;
  std::map<std::string, AnchorPos> anchors_;
  std::vector<int> reserved_;
  int column_ = 0;
  double section_top_ = 0;
  double y_ = 0;
  bool fresh_column_ = true;  // nothing placed in this column yet: no space above, heads repeat here
  bool overflowed_ = false;
  // The blocks of both columns since the columns began on this page (or below a spanning
  // block), for balancing: where their items start on the page, their column, where they stand,
  // their height and the space they want above them.
  struct Placed {
    size_t first_item;
    int column;
    double top;
    double height;
    double space_before;
    bool keep_with_next;
    std::string anchor;
  };
  std::vector<Placed> section_blocks_;
  bool section_repeats_head_ = false;  // a table head was repeated at a column top: not balanced
  bool force_new_page_ = false;
  bool next_on_new_sheet_ = false;
  std::vector<int> blank_;
};

}  // namespace arsred

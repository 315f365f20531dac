#include "page_builder.h"

#include <algorithm>
#include <limits>
#include <variant>

namespace arsred {

void PageBuilder::Run() {
  size_t i = 0;
  while (i < blocks_.size()) {
    if (doc_.pages.size() > kMaxPages) {
      overflowed_ = true;
      return;
    }
    // A chain: blocks tied to what follows are placed together when they fit.
    size_t j = i;
    double chain = blocks_[i].height;
    while (j + 1 < blocks_.size() && blocks_[j].keep_with_next && !blocks_[j + 1].new_page) {
      ++j;
      chain += blocks_[j].space_before + blocks_[j].height;
    }
    FlowBlock& first = blocks_[i];
    if (first.reserve_pages > 0) {
      NewPage();
      for (int k = 0; k < first.reserve_pages; ++k) {
        reserved_.push_back(static_cast<int>(doc_.pages.size()) - 1);
        if (k + 1 < first.reserve_pages) NewPage();
      }
      force_new_page_ = true;
      ++i;
      continue;
    }
    if (first.new_page || force_new_page_ || doc_.pages.empty()) {
      NewPage();
      force_new_page_ = false;
      // Page 2, 4, … is the back of a sheet: leave it blank and start on the next front.
      if (first.recto && duplex_ && doc_.pages.size() % 2 == 0) {
        blank_.push_back(static_cast<int>(doc_.pages.size()) - 1);
        NewPage();
      }
    }
    // A chain that holds a spanning block (a heading with its wide table) spans from its start:
    // the heading stands over its table, not in a column beside it. The columns above end there,
    // balanced, and the chain goes below them when it fits, else on the next page.
    size_t first_span = j + 1;
    for (size_t k = i; k <= j && first_span > j; ++k) {
      if (blocks_[k].span) first_span = k;
    }
    const bool chain_spans = first_span <= j;
    if (chain_spans) {
      for (size_t k = i; k < first_span; ++k) blocks_[k].span = true;
      if (columns_ > 1 && !section_blocks_.empty()) BalanceColumns();
    }
    double needed = (AtColumnTop() ? 0 : first.space_before) + chain;
    if (needed > Remaining() && !AtColumnTop()) {
      const size_t split = SplitPoint(i, j);
      if (split <= j) {
        // The head of the chain here, the rest from the next column or page on.
        for (size_t k = i; k <= split; ++k) Place(blocks_[k]);
        if (chain_spans) {
          NewPage();
        } else {
          NextColumn();
        }
        i = split + 1;
        continue;
      }
      if (chain <= text_height()) {
        // The next column is no help when it is no taller than the chain needs: below a spanning
        // block it starts as low as this one, and a heading moved there stood at the foot of the
        // page, parted from its text, beside an empty column.
        if (chain_spans || column_ + 1 >= columns_ || chain > section_top_ - bottom_) {
          NewPage();
        } else {
          NextColumn();
        }
      }
    }
    for (size_t k = i; k <= j; ++k) Place(blocks_[k]);
    i = j + 1;
  }
}

size_t PageBuilder::SplitPoint(size_t first, size_t last) const {
  const double room = Remaining();
  if (room < text_height() / 4) return last + 1;
  int rows_total = 0;
  for (size_t k = first; k <= last; ++k) rows_total += blocks_[k].may_break_after ? 1 : 0;
  size_t split = last + 1;
  int rows_here = 0;
  double used = 0;
  for (size_t k = first; k <= last; ++k) {
    used += blocks_[k].space_before + blocks_[k].height;
    if (used > room) break;
    if (!blocks_[k].may_break_after) continue;
    ++rows_here;
    if (rows_here >= kRowsKeptTogether && rows_total - rows_here >= kRowsKeptTogether) split = k;
  }
  return split;
}

void PageBuilder::NewPage() {
  Page page;
  page.width = page_w_;
  page.height = page_h_;
  doc_.pages.push_back(page);
  StartSection(page_h_ - top_);
  fresh_column_ = true;
}

void PageBuilder::StartSection(double y) {
  column_ = 0;
  section_top_ = y;
  y_ = y;
  section_blocks_.clear();
  section_repeats_head_ = false;
}

void PageBuilder::NextColumn() {
  if (column_ + 1 < columns_) {
    ++column_;
    y_ = section_top_;
    fresh_column_ = true;
  } else {
    NewPage();
  }
}

double PageBuilder::ColumnX(bool span) const {
  bool even = duplex_ && doc_.pages.size() % 2 == 0;  // page 2, 4, …: inner margin on the right
  double left = even ? outer_ : inner_;
  if (span) return left;
  return left + column_ * (column_width() + gap_);
}

void PageBuilder::Place(FlowBlock& block) {
  // A spanning block ends the columns above it: share their text between the two columns
  // rather than leave one emptier than the other.
  if (block.span && columns_ > 1 && !section_blocks_.empty()) BalanceColumns();
  if (block.span && column_ > 0) NewPage();
  double before = AtColumnTop() ? 0 : block.space_before;
  if (before + block.height > Remaining() && !AtColumnTop()) {
    // A spanning block has no next column: below a spanning block the columns start where the
    // flow stands, and "the next column" would draw it there again, past the foot of the page.
    if (block.span) {
      NewPage();
    } else {
      NextColumn();
    }
    before = 0;
  }
  bool started_column = AtColumnTop();
  if (started_column && block.repeat_head >= 0 && !block.new_page) {
    if (!block.span) section_repeats_head_ = true;
    // A repeated head is pagination: a reader of the tagged PDF met the head once already.
    for (FlowBlock& head : heads_[static_cast<size_t>(block.repeat_head)]) {
      const size_t first = doc_.pages.back().items.size();
      Draw(head);
      for (size_t i = first; i < doc_.pages.back().items.size(); ++i) {
        std::visit([](auto& item) { MakeArtifact(item); }, doc_.pages.back().items[i]);
      }
    }
    before = block.space_under_repeated_head;
  }
  y_ -= before;
  Draw(block, before);
  if (block.span && columns_ > 1) StartSection(y_);  // columns continue below a spanning block
}

void PageBuilder::BalanceColumns() {
  const std::vector<Placed>& blocks = section_blocks_;
  if (blocks.empty() || section_repeats_head_) return;
  // The height of blocks [from, to) stacked from a column's top (the first without its space).
  auto stacked = [&](size_t from, size_t to) {
    double height = 0;
    for (size_t k = from; k < to; ++k) height += blocks[k].height + (k > from ? blocks[k].space_before : 0);
    return height;
  };
  const double available = section_top_ - bottom_;
  size_t best = blocks.size();
  double best_height = stacked(0, blocks.size());
  if (best_height > available + 0.01) best_height = std::numeric_limits<double>::infinity();
  // Of two splits as even, the later one: the first column is the taller, as in print.
  for (size_t k = 1; k < blocks.size(); ++k) {
    if (blocks[k - 1].keep_with_next) continue;
    const double taller = std::max(stacked(0, k), stacked(k, blocks.size()));
    const bool more_even = taller < best_height - 0.01;
    const bool as_even_and_later = best < blocks.size() && taller < best_height + 0.01;
    if (more_even || as_even_and_later) {
      best_height = taller;
      best = k;
    }
  }
  if (best_height > available + 0.01) return;  // no split fits: the page stays as it is
  // Move each block to its new place: the first `best` down the first column, the rest down the
  // second, each moved with all it drew.
  Page& page = doc_.pages.back();
  const double column_step = column_width() + gap_;
  double y = section_top_;
  for (size_t k = 0; k < blocks.size(); ++k) {
    if (k == best) y = section_top_;
    if (k != 0 && k != best) y -= blocks[k].space_before;
    const int column = k < best ? 0 : 1;
    const double dx = (column - blocks[k].column) * column_step, dy = y - blocks[k].top;
    const size_t end = k + 1 < blocks.size() ? blocks[k + 1].first_item : page.items.size();
    for (size_t i = blocks[k].first_item; i < end; ++i) {
      std::visit([&](auto& item) { Shift(item, dx, dy); }, page.items[i]);
    }
    if (!blocks[k].anchor.empty()) anchors_[blocks[k].anchor].y += dy;
    y -= blocks[k].height;
  }
  StartSection(section_top_ - best_height);
  fresh_column_ = false;
}

void PageBuilder::Draw(FlowBlock& block, double space_before) {
  if (columns_ > 1 && !block.span) {
    section_blocks_.push_back({doc_.pages.back().items.size(), column_, y_, block.height, space_before > 0 ? space_before : block.space_before,
                               block.keep_with_next, block.anchor});
  }
  double width = block.span ? text_width() : column_width();
  if (block.draw) block.draw(doc_.pages.back(), ColumnX(block.span), y_, width);
  if (!block.anchor.empty()) {
    anchors_[block.anchor] = {static_cast<int>(doc_.pages.size()) - 1, std::clamp(y_ + 4, 0.0, page_h_)};
  }
  y_ -= block.height;
  if (block.height > 0 || block.draw) fresh_column_ = false;
}

}  // namespace arsred

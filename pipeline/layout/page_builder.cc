#include "page_builder.h"

#include <algorithm>
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
    // A chain that holds a spanning block (a heading with its wide table) cannot start in the
    // second column: the span would part it from its heading.
    bool chain_spans = false;
    for (size_t k = i; k <= j; ++k) chain_spans = chain_spans || blocks_[k].span;
    if (chain_spans && column_ > 0) NewPage();
    double needed = (AtColumnTop() ? 0 : first.space_before) + chain;
    if (needed > Remaining() && !AtColumnTop() && chain <= text_height()) NextColumn();
    for (size_t k = i; k <= j; ++k) Place(blocks_[k]);
    i = j + 1;
  }
}

void PageBuilder::NewPage() {
  Page page;
  page.width = page_w_;
  page.height = page_h_;
  doc_.pages.push_back(page);
  column_ = 0;
  section_top_ = page_h_ - top_;
  y_ = section_top_;
  fresh_column_ = true;
  section_blocks_.clear();
}

void PageBuilder::NextColumn() {
  if (column_ + 1 < columns_) {
    ++column_;
    y_ = section_top_;
    fresh_column_ = true;
    section_blocks_.clear();  // the first column is full: nothing to balance
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
  if (block.span && column_ > 0) NewPage();
  // A spanning block ends the columns above it: share their text between the two columns
  // rather than leave the right one empty.
  if (block.span && columns_ > 1 && column_ == 0 && section_blocks_.size() >= 2) BalanceColumns();
  double before = AtColumnTop() ? 0 : block.space_before;
  if (before + block.height > Remaining() && !AtColumnTop()) {
    NextColumn();
    before = 0;
  }
  bool started_column = AtColumnTop();
  if (started_column && block.repeat_head >= 0 && !block.new_page) {
    // A repeated head is pagination: a reader of the tagged PDF met the head once already.
    for (FlowBlock& head : heads_[static_cast<size_t>(block.repeat_head)]) {
      const size_t first = doc_.pages.back().items.size();
      Draw(head);
      for (size_t i = first; i < doc_.pages.back().items.size(); ++i) {
        std::visit([](auto& item) { MakeArtifact(item); }, doc_.pages.back().items[i]);
      }
    }
  }
  y_ -= before;
  Draw(block);
  if (block.span && columns_ > 1) {
    section_top_ = y_;  // columns continue below a spanning block
    section_blocks_.clear();
  }
}

void PageBuilder::BalanceColumns() {
  const std::vector<Placed>& blocks = section_blocks_;
  double bottom = blocks.back().top - blocks.back().height;
  size_t best = 0;
  double best_height = section_top_ - bottom;
  for (size_t k = 1; k < blocks.size(); ++k) {
    if (blocks[k - 1].keep_with_next) continue;
    double first = section_top_ - (blocks[k - 1].top - blocks[k - 1].height);
    double second = blocks[k].top - bottom;
    double taller = std::max(first, second);
    if (taller < best_height - 0.01) {
      best_height = taller;
      best = k;
    }
  }
  if (best == 0) return;
  const double dx = column_width() + gap_, dy = section_top_ - blocks[best].top;
  Page& page = doc_.pages.back();
  for (size_t i = blocks[best].first_item; i < page.items.size(); ++i) {
    std::visit([&](auto& item) { Shift(item, dx, dy); }, page.items[i]);
  }
  for (size_t k = best; k < blocks.size(); ++k) {
    if (!blocks[k].anchor.empty()) anchors_[blocks[k].anchor].y += dy;
  }
  y_ = section_top_ - best_height;
  fresh_column_ = false;
}

void PageBuilder::Draw(FlowBlock& block) {
  if (columns_ > 1 && !block.span && column_ == 0) {
    section_blocks_.push_back({doc_.pages.back().items.size(), y_, block.height, block.keep_with_next, block.anchor});
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

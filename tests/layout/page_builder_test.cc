// The page builder's flow around spanning tables (issue 22): the columns above a wide table are
// balanced, a heading stays over its wide table, and a table kept together breaks between rows
// rather than leave much of a page empty.
#include <catch2/catch.hpp>

#include "page_builder.h"

namespace arsred::test {
namespace {

// A4 with 50 pt margins all round: a text height of 741.89 pt.
constexpr double kPageW = 595.28, kPageH = 841.89, kMargin = 50, kGap = 20;

// Where each block was drawn: its page, left edge and top.
struct Drawn {
  int page = -1;
  double x = 0, top = 0;
};

class Flow {
 public:
  explicit Flow(int columns) : builder_(doc_, kPageW, kPageH, kMargin, kMargin, kMargin, kMargin, columns, kGap, false) {}

  // Adds a block and returns its number.
  size_t Add(double height, bool span = false, bool keep_with_next = false, bool may_break_after = false) {
    FlowBlock block;
    block.height = height;
    block.span = span;
    block.keep_with_next = keep_with_next;
    block.may_break_after = may_break_after;
    const size_t number = drawn_.size();
    drawn_.emplace_back();
    block.draw = [this, number](Page& page, double x, double top, double) {
      // A mark on the page, so that balancing (which moves what was drawn) moves it too.
      // (Emplaced: pushing a temporary PageItem makes GCC 12 warn, wrongly, of an uninitialized string.)
      page.items.emplace_back(std::in_place_type<Rule>, Rule{x, top, x + 1, top, 0.1, Color{}});
      drawn_[number].page = static_cast<int>(doc_.pages.size()) - 1;
      marks_.push_back({number, page.items.size() - 1});
    };
    builder_.Add(block);
    return number;
  }

  void Run() {
    builder_.Run();
    for (const auto& [number, item] : marks_) {
      const Rule& mark = std::get<Rule>(doc_.pages[static_cast<size_t>(drawn_[number].page)].items[item]);
      drawn_[number].x = mark.x1;
      drawn_[number].top = mark.y1;
    }
  }
  const Drawn& operator[](size_t number) const { return drawn_[number]; }
  size_t pages() const { return doc_.pages.size(); }

 private:
  Document doc_;
  PageBuilder builder_;
  std::vector<Drawn> drawn_;
  std::vector<std::pair<size_t, size_t>> marks_;  // block number, its mark's item
};

constexpr double kTop = kPageH - kMargin;

TEST_CASE("the columns above a wide table are balanced, and its heading stands over it") {
  Flow flow(2);
  std::vector<size_t> text;
  for (int k = 0; k < 10; ++k) text.push_back(flow.Add(50));
  const size_t heading = flow.Add(20, false, true);
  const size_t head_row = flow.Add(15, true, true);
  const size_t row = flow.Add(15, true);
  flow.Run();
  REQUIRE(flow.pages() == 1);
  // Five blocks in each column, side by side.
  CHECK(flow[text[0]].x == Approx(kMargin));
  CHECK(flow[text[5]].x > kMargin + 100);
  CHECK(flow[text[5]].top == Approx(kTop));
  CHECK(flow[text[4]].top == Approx(kTop - 200));
  // The heading at the left margin, right under the columns, and the table under it.
  CHECK(flow[heading].x == Approx(kMargin));
  CHECK(flow[heading].top == Approx(kTop - 250));
  CHECK(flow[head_row].top == Approx(kTop - 270));
  CHECK(flow[row].top == Approx(kTop - 285));
}

TEST_CASE("a wide table that comes in the second column goes below the balanced columns") {
  Flow flow(2);
  std::vector<size_t> text;
  for (int k = 0; k < 17; ++k) text.push_back(flow.Add(50));  // 14 fill the first column
  const size_t heading = flow.Add(20, false, true);
  const size_t row = flow.Add(15, true);
  flow.Run();
  REQUIRE(flow.pages() == 1);  // not on a page of its own
  CHECK(flow[text[8]].x == Approx(kMargin));  // nine blocks left, eight right
  CHECK(flow[text[9]].top == Approx(kTop));
  CHECK(flow[heading].top == Approx(kTop - 450));
  CHECK(flow[row].top == Approx(kTop - 470));
}

TEST_CASE("a table kept together breaks between rows rather than leave half a page empty") {
  Flow flow(1);
  const size_t text = flow.Add(300);
  const size_t heading = flow.Add(20, false, true);
  std::vector<size_t> rows;
  for (int k = 0; k < 30; ++k) rows.push_back(flow.Add(15, false, k + 1 < 30, k + 1 < 30));  // 450 pt
  flow.Run();
  REQUIRE(flow.pages() == 2);
  CHECK(flow[text].page == 0);
  CHECK(flow[heading].page == 0);  // not moved to the next page with its table
  CHECK(flow[heading].top == Approx(kTop - 300));
  CHECK(flow[rows[0]].page == 0);
  CHECK(flow[rows[27]].page == 1);  // the last rows, at least two, on the next page
  CHECK(flow[rows[29]].page == 1);
}

TEST_CASE("a table kept together moves whole when little of the page is left") {
  Flow flow(1);
  flow.Add(600);
  const size_t heading = flow.Add(20, false, true);
  std::vector<size_t> rows;
  for (int k = 0; k < 12; ++k) rows.push_back(flow.Add(15, false, k + 1 < 12, k + 1 < 12));
  flow.Run();
  CHECK(flow[heading].page == 1);
  CHECK(flow[rows[0]].page == 1);
}

// Eighteen signatures in classic's two columns: a spanning block that did not fit went to the
// "next column", which below a spanning block starts where the flow stood, and so was drawn
// past the foot of the page.
TEST_CASE("in two columns, spanning blocks kept together and taller than a page go on over pages, inside them") {
  Flow flow(2);
  std::vector<size_t> rows;
  for (int k = 0; k < 10; ++k) rows.push_back(flow.Add(110, true, k + 1 < 10));  // 1100 pt
  flow.Run();
  REQUIRE(flow.pages() == 2);
  for (size_t row : rows) {
    INFO("block " << row << " on page " << flow[row].page << " at " << flow[row].top);
    CHECK(flow[row].x == Approx(kMargin));
    CHECK(flow[row].top - 110 >= kMargin - 0.01);  // its foot above the bottom margin
  }
  CHECK(flow[rows[6]].page == 1);
  CHECK(flow[rows[6]].top == Approx(kTop));
}

}  // namespace
}  // namespace arsred::test

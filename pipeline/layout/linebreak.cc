#include "linebreak.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace arsred {

namespace {

using Kind = BreakItem::Kind;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Sums of widths, stretch and shrink of the boxes and glue before an item (penalties count only
// where a line ends at them).
struct Totals {
  double width = 0, stretch = 0, shrink = 0;
};

// A feasible break found so far. Nodes are kept in an arena and linked backwards by index.
struct Node {
  size_t item = 0;       // the glue or penalty the line ends at (the paragraph start has none)
  size_t line = 0;       // lines ended at this break
  int fitness = 1;       // class of the line ending here (0 tight, 1 decent, 2 loose, 3 very loose)
  int hyphen_run = 0;    // hyphenated lines in a row ending here (0: this line is not hyphenated)
  double ratio = 0;      // adjustment ratio of the line ending here, against its real stretch
  double demerits = 0;   // total from the paragraph start
  Totals after;          // totals where the next line starts (discarded glue skipped)
  int previous = -1;     // node of the previous break
};

int FitnessClass(double ratio) {
  if (ratio < -0.5) return 0;
  if (ratio <= 0.5) return 1;
  if (ratio <= 1) return 2;
  return 3;
}

class Breaker {
 public:
  Breaker(const std::vector<BreakItem>& items, const std::vector<double>& line_widths, const BreakParams& params)
      : items_(items), line_widths_(line_widths), params_(params) {
    before_.resize(items.size() + 1);
    for (size_t i = 0; i < items.size(); ++i) {
      before_[i + 1] = before_[i];
      if (items[i].kind == Kind::kPenalty) continue;
      before_[i + 1].width += items[i].width;
      if (items[i].kind != Kind::kPenalty) {  // glue, or a box whose letters may widen
        before_[i + 1].stretch += items[i].stretch;
        before_[i + 1].shrink += items[i].shrink;
      }
    }
  }

  // One pass with the given tolerance and extra stretch per line; the breaks, or nullopt when no
  // feasible set exists.
  std::optional<std::vector<LineBreak>> Run(double tolerance, double extra_stretch) {
    nodes_.clear();
    active_.clear();
    nodes_.push_back(Node{});
    active_.push_back(0);
    for (size_t b = 0; b < items_.size(); ++b) {
      if (!IsLegalBreak(b)) continue;
      TryBreak(b, tolerance, extra_stretch);
      if (active_.empty()) return std::nullopt;
    }
    // The last item is a forced break, which retired every node but those ending there.
    int best = *std::min_element(active_.begin(), active_.end(),
                                 [&](int x, int y) { return nodes_[x].demerits < nodes_[y].demerits; });
    std::vector<LineBreak> breaks;
    for (int node = best; nodes_[node].previous >= 0; node = nodes_[node].previous) {
      breaks.push_back({nodes_[node].item, nodes_[node].ratio, nodes_[node].hyphen_run > 0});
    }
    std::reverse(breaks.begin(), breaks.end());
    return breaks;
  }

 private:
  bool IsLegalBreak(size_t i) const {
    const BreakItem& item = items_[i];
    if (item.kind == Kind::kPenalty) return item.penalty < kForbidden;
    return item.kind == Kind::kGlue && i > 0 && items_[i - 1].kind == Kind::kBox;
  }
  bool IsForced(size_t i) const { return items_[i].kind == Kind::kPenalty && items_[i].penalty <= -kForbidden; }
  bool IsFlagged(size_t i) const { return items_[i].kind == Kind::kPenalty && items_[i].flagged; }

  double LineWidth(size_t line) const { return line_widths_[std::min(line, line_widths_.size() - 1)]; }

  // Lines past the last entry of line_widths are all alike, so nodes beyond it can share a class.
  size_t LineClass(size_t line) const { return std::min(line, line_widths_.size() - 1); }

  // Totals where a line after a break at b starts: glue and penalties right after the break are
  // discarded, up to the next box or forced break.
  Totals After(size_t b) const {
    size_t start = b + 1;
    while (start < items_.size() && items_[start].kind != Kind::kBox && !IsForced(start)) ++start;
    return before_[start];
  }

  // Considers ending a line at b after every active node: records the best new node per class
  // (line class, fitness, hyphen run) and retires nodes that can no longer start a line reaching b
  // or beyond (a line already too long only grows). Only nodes of one class have the same future,
  // so only they compete: a cheaper node with a longer hyphen run must not displace one that can
  // still take a hyphen.
  void TryBreak(size_t b, double tolerance, double extra_stretch) {
    const BreakItem& item = items_[b];
    bool forced = IsForced(b);
    bool flagged = IsFlagged(b);
    double break_width = item.kind == Kind::kPenalty ? item.width : 0;
    candidates_.clear();
    size_t kept = 0;
    for (int a : active_) {
      const Node& from = nodes_[a];
      double length = before_[b].width - from.after.width + break_width;
      double target = LineWidth(from.line);
      double stretch = before_[b].stretch - from.after.stretch;
      double shrink = before_[b].shrink - from.after.shrink;
      double ratio = AdjustmentRatio(target - length, stretch + extra_stretch, shrink);
      bool keep = ratio >= -1 && !forced;
      if (keep) active_[kept++] = a;
      int hyphen_run = flagged ? from.hyphen_run + 1 : 0;
      if (ratio < -1 || ratio > tolerance || hyphen_run > params_.max_consecutive_hyphens) continue;

      const double magnitude = std::abs(ratio);
      double badness = 100 * magnitude * magnitude * magnitude;
      double demerits = (params_.line_penalty + badness) * (params_.line_penalty + badness);
      if (item.kind == Kind::kPenalty && !forced) {
        demerits += item.penalty >= 0 ? item.penalty * item.penalty : -item.penalty * item.penalty;
      }
      if (flagged && from.hyphen_run > 0) demerits += params_.flagged_demerits;
      int fitness = FitnessClass(ratio);
      if (std::abs(fitness - from.fitness) > 1) demerits += params_.fitness_demerits;

      Node node;
      node.item = b;
      node.line = from.line + 1;
      node.fitness = fitness;
      node.hyphen_run = hyphen_run;
      // Emergency stretch only widens the choice of breaks; the line is still set with its own
      // glue, so report the ratio against that (0 when the line has nothing to stretch). A line
      // that must shrink has its ratio against its shrink already.
      node.ratio = extra_stretch == 0 || ratio < 0 ? ratio : stretch > 0 ? (target - length) / stretch : 0;
      node.demerits = from.demerits + demerits;
      node.previous = a;
      Offer(node);
    }
    active_.resize(kept);
    if (candidates_.empty()) return;
    Totals after = After(b);
    for (Node& node : candidates_) {
      node.after = after;
      nodes_.push_back(node);
      active_.push_back(static_cast<int>(nodes_.size() - 1));
    }
  }

  static double AdjustmentRatio(double room, double stretch, double shrink) {
    if (room > 0) return stretch > 0 ? room / stretch : kInfinity;
    if (room < 0) return shrink > 0 ? room / shrink : -kInfinity;
    return 0;
  }

  void Offer(const Node& node) {
    for (Node& candidate : candidates_) {
      if (LineClass(candidate.line) == LineClass(node.line) && candidate.fitness == node.fitness &&
          candidate.hyphen_run == node.hyphen_run) {
        if (node.demerits < candidate.demerits) candidate = node;
        return;
      }
    }
    candidates_.push_back(node);
  }

  const std::vector<BreakItem>& items_;
  const std::vector<double>& line_widths_;
  const BreakParams& params_;
  std::vector<Totals> before_;  // before_[i]: totals of items [0, i)
  std::vector<Node> nodes_;
  std::vector<int> active_;        // indices into nodes_, kept across breaks
  std::vector<Node> candidates_;   // new nodes at the break being tried (reused to avoid allocation)
};

}  // namespace

std::optional<std::vector<LineBreak>> BreakLines(const std::vector<BreakItem>& items,
                                                 const std::vector<double>& line_widths, const BreakParams& params) {
  if (line_widths.empty() || items.empty()) return std::nullopt;
  // Without a final forced break the last line would have no end to measure to.
  const BreakItem& last = items.back();
  if (last.kind != BreakItem::Kind::kPenalty || last.penalty > -kForbidden) return std::nullopt;

  Breaker breaker(items, line_widths, params);
  if (auto breaks = breaker.Run(params.tolerance, 0)) return breaks;
  if (params.first_pass_only) return std::nullopt;
  if (auto breaks = breaker.Run(params.second_tolerance, 0)) return breaks;
  if (params.emergency_stretch > 0) return breaker.Run(params.second_tolerance, params.emergency_stretch);
  return std::nullopt;
}

}  // namespace arsred

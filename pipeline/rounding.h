// The report's one rounding policy, to whole tkr (docs/rounding.md): a root is rounded to the
// nearest thousand (half away from zero), and its lines share the root's thousands by largest
// remainder, so that the printed lines always add up to the printed total. A figure rounded in
// one tree keeps its value in every other tree it appears in.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "figures.h"

namespace arsred {

int64_t NearestTkr(int64_t kronor);

class Rounder {
 public:
  explicit Rounder(const FigureTable& exact) : exact_(exact) {}

  struct Term {
    std::string name;
    int sign = 1;  // the line counts as +1 or −1 towards its root
  };

  // Fixes `name` at `tkr` (e.g. a figure that must equal another table's).
  void Fix(const std::string& name, int64_t tkr);
  bool IsFixed(const std::string& name) const;
  // The rounded value: fixed, or rounded to the nearest thousand now and fixed.
  int64_t Get(const std::string& name);
  // Rounds `root` (if not fixed) and shares it among `children` so that Σ sign × child = root.
  void Round(const std::string& root, const std::vector<Term>& children);

  const std::map<std::string, int64_t>& rounded() const { return rounded_; }
  const std::vector<std::string>& conflicts() const { return conflicts_; }

 private:
  const FigureTable& exact_;
  std::map<std::string, int64_t> rounded_;
  std::vector<std::string> conflicts_;
};

}  // namespace arsred

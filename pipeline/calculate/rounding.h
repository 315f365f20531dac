// Controlled rounding to whole tkr (docs/rounding.md). Every amount a report prints in tkr is
// rounded together with all the others, so that every identity the report shows (a sum and its
// lines, a figure repeated in another table, a balance carried into the next year) still holds
// in the printed figures.
//
// Each amount prints as the floor or the ceiling of its exact value in tkr ("zero-restricted"
// controlled rounding, Cox & Ernst 1982): an amount that is a whole number of thousands, zero
// included, prints exactly. Among the roundings that keep every identity, the one chosen moves
// the fewest amounts off conventional rounding (to the nearest thousand, halves away from zero);
// of those, the one whose printed figures lie closest to the exact amounts in total; of those,
// the first in a fixed search order. When no rounding keeps every identity, the fewest
// identities are given up, and the caller reports them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "values.h"  // NearestTkr, conventional rounding

namespace arsred {

class RoundingProblem {
 public:
  struct Term {
    int amount = 0;
    int64_t coefficient = 1;
  };

  // An amount to print in tkr, by its exact value in kronor; returns its index.
  int AddAmount(int64_t kronor);
  // Makes an amount print as `tkr` whatever the identities ask: a figure an earlier report has
  // printed already. A fixed amount is never moved; an identity it cannot meet is given up.
  void Fix(int amount, int64_t tkr);
  bool fixed(int amount) const { return fixed_[static_cast<size_t>(amount)]; }
  int64_t fixed_tkr(int amount) const { return fixed_tkr_[static_cast<size_t>(amount)]; }
  // An identity Σ coefficient × printed amount = 0; returns its index. Terms on the same amount
  // are combined; an identity whose terms cancel holds whatever the rounding.
  int AddIdentity(const std::vector<Term>& terms);

  int64_t kronor(int amount) const { return kronor_[static_cast<size_t>(amount)]; }
  size_t amount_count() const { return kronor_.size(); }
  const std::vector<std::vector<Term>>& identities() const { return identities_; }

 private:
  std::vector<int64_t> kronor_;
  std::vector<bool> fixed_;
  std::vector<int64_t> fixed_tkr_;
  std::vector<std::vector<Term>> identities_;
};

struct RoundedAmounts {
  std::vector<int64_t> tkr;        // each amount as printed
  std::vector<int> moved_by;       // each amount: the identity that moved it off conventional rounding, or −1
  std::vector<int> given_up;       // the identities no rounding could keep, in index order
  bool search_complete = true;     // false: the search stopped at its step limit (see rounding.cc)
};

RoundedAmounts RoundControlled(const RoundingProblem& problem);

}  // namespace arsred

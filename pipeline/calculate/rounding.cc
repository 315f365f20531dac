#include "rounding.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>
#include <tuple>

namespace arsred {

int RoundingProblem::AddAmount(int64_t kronor) {
  kronor_.push_back(kronor);
  fixed_.push_back(false);
  fixed_tkr_.push_back(0);
  return static_cast<int>(kronor_.size() - 1);
}

void RoundingProblem::Fix(int amount, int64_t tkr) {
  fixed_[static_cast<size_t>(amount)] = true;
  fixed_tkr_[static_cast<size_t>(amount)] = tkr;
}

int RoundingProblem::AddIdentity(const std::vector<Term>& terms) {
  std::vector<Term> combined;
  for (const Term& term : terms) {
    auto same = std::find_if(combined.begin(), combined.end(), [&](const Term& t) { return t.amount == term.amount; });
    if (same == combined.end()) {
      combined.push_back(term);
    } else {
      same->coefficient += term.coefficient;
    }
  }
  combined.erase(std::remove_if(combined.begin(), combined.end(), [](const Term& t) { return t.coefficient == 0; }),
                 combined.end());
  identities_.push_back(std::move(combined));
  return static_cast<int>(identities_.size() - 1);
}

namespace {

// What a rounding costs, compared in this order: identities given up, amounts moved off
// conventional rounding, and the growth of the total rounding error (in kronor) that the moves
// cause.
struct Cost {
  int given_up = 0;
  int moved = 0;
  int64_t error = 0;
  bool operator<(const Cost& other) const {
    return std::tie(given_up, moved, error) < std::tie(other.given_up, other.moved, other.error);
  }
};

// Each amount that is not a whole number of thousands can print at its conventional rounding or
// one thousand further, on the other side of its exact value.
struct Choice {
  int64_t conventional = 0;
  int64_t step = 0;        // +1 or −1 tkr: where the other side lies; 0 when the amount is exact
  int64_t extra_error = 0; // how much further from the exact amount the other side prints
};

// An exact branch and bound over one connected part of the problem. It branches on an identity
// that the choices so far leave unmet: one of its undecided amounts must move (each in turn is
// "the first of its amounts to move", the earlier ones staying conventional), or the identity is
// given up. Amounts left undecided when every identity holds stay conventional. The bound counts
// the identities that can no longer be met, and the moves that a set of unmet identities with no
// undecided amount in common needs at least.
class BranchAndBound {
 public:
  // Enough for any report's statements many times over; a problem that needs more is cut short
  // with the best rounding found, which still keeps every identity it does not report.
  static constexpr long kStepLimit = 200'000;

  BranchAndBound(const std::vector<int>& amounts, const std::vector<int>& identities, const RoundingProblem& problem,
                 const std::vector<Choice>& choices, const std::vector<int64_t>& residuals) {
    std::vector<int> local(problem.amount_count(), -1);
    for (size_t v = 0; v < amounts.size(); ++v) {
      local[static_cast<size_t>(amounts[v])] = static_cast<int>(v);
      const Choice& c = choices[static_cast<size_t>(amounts[v])];
      cost_.push_back(c.extra_error);
    }
    terms_.resize(identities.size());
    var_terms_.resize(amounts.size());
    for (size_t k = 0; k < identities.size(); ++k) {
      int id = identities[k];
      residual_.push_back(residuals[static_cast<size_t>(id)]);
      for (const RoundingProblem::Term& t : problem.identities()[static_cast<size_t>(id)]) {
        int v = local[static_cast<size_t>(t.amount)];
        if (v < 0) continue;  // an exact amount: part of the residual already
        int64_t effect = t.coefficient * choices[static_cast<size_t>(t.amount)].step;
        terms_[k].push_back({v, effect});
        var_terms_[static_cast<size_t>(v)].push_back({static_cast<int>(k), effect});
      }
    }
    positive_.assign(identities.size(), 0);
    negative_.assign(identities.size(), 0);
    undecided_.assign(identities.size(), 0);
    for (size_t k = 0; k < terms_.size(); ++k) {
      for (const Effect& e : terms_[k]) {
        (e.effect > 0 ? positive_[k] : negative_[k]) += e.effect;
        ++undecided_[k];
      }
    }
    state_.assign(amounts.size(), kUndecided);
    moved_by_.assign(amounts.size(), -1);
    dropped_.assign(identities.size(), false);
    mark_.assign(amounts.size(), 0);
    by_size_.resize(identities.size());
    std::iota(by_size_.begin(), by_size_.end(), 0);
    std::stable_sort(by_size_.begin(), by_size_.end(),
                     [&](int a, int b) { return terms_[static_cast<size_t>(a)].size() < terms_[static_cast<size_t>(b)].size(); });
  }

  void Run() {
    // The rounding to beat: conventional throughout, giving up every identity that breaks.
    best_moved_.assign(state_.size(), -1);
    best_dropped_.assign(terms_.size(), false);
    for (size_t k = 0; k < terms_.size(); ++k) {
      if (residual_[k] == 0) continue;
      best_dropped_[k] = true;
      ++best_.given_up;
    }
    Visit();
  }

  bool complete() const { return steps_ <= kStepLimit; }
  bool moved(size_t v) const { return best_moved_[v] >= 0; }
  int moved_by(size_t v) const { return best_moved_[v]; }  // a local identity index
  bool dropped(size_t k) const { return best_dropped_[k]; }

 private:
  enum State : char { kUndecided, kConventional, kMoved };
  struct Effect {
    int index;       // an amount in terms_, an identity in var_terms_
    int64_t effect;  // what moving the amount adds to the identity's left side
  };

  bool Reachable(size_t k) const { return negative_[k] <= residual_[k] && residual_[k] <= positive_[k]; }

  void Decide(int v, State state, int identity) {
    state_[static_cast<size_t>(v)] = state;
    moved_by_[static_cast<size_t>(v)] = identity;
    if (state == kMoved) {
      ++cost_so_far_.moved;
      cost_so_far_.error += cost_[static_cast<size_t>(v)];
    }
    for (const Effect& e : var_terms_[static_cast<size_t>(v)]) {
      size_t k = static_cast<size_t>(e.index);
      (e.effect > 0 ? positive_[k] : negative_[k]) -= e.effect;
      --undecided_[k];
      if (state == kMoved) residual_[k] -= e.effect;
    }
  }

  void Undecide(int v) {
    State state = state_[static_cast<size_t>(v)];
    for (const Effect& e : var_terms_[static_cast<size_t>(v)]) {
      size_t k = static_cast<size_t>(e.index);
      (e.effect > 0 ? positive_[k] : negative_[k]) += e.effect;
      ++undecided_[k];
      if (state == kMoved) residual_[k] += e.effect;
    }
    if (state == kMoved) {
      --cost_so_far_.moved;
      cost_so_far_.error -= cost_[static_cast<size_t>(v)];
    }
    state_[static_cast<size_t>(v)] = kUndecided;
    moved_by_[static_cast<size_t>(v)] = -1;
  }

  // The fewest further moves that the unmet identities need: a set of them that share no
  // undecided amount, each needing |residual| ÷ its largest effect.
  int MovesStillNeeded() {
    ++stamp_;
    int needed = 0;
    for (int k : by_size_) {
      size_t i = static_cast<size_t>(k);
      if (dropped_[i] || residual_[i] == 0 || !Reachable(i)) continue;
      bool independent = true;
      int64_t largest = 1;
      for (const Effect& e : terms_[i]) {
        if (state_[static_cast<size_t>(e.index)] != kUndecided) continue;
        if (mark_[static_cast<size_t>(e.index)] == stamp_) independent = false;
        largest = std::max<int64_t>(largest, std::llabs(e.effect));
      }
      if (!independent) continue;
      for (const Effect& e : terms_[i]) mark_[static_cast<size_t>(e.index)] = stamp_;
      needed += static_cast<int>((std::llabs(residual_[i]) + largest - 1) / largest);
    }
    return needed;
  }

  void Visit() {
    if (++steps_ > kStepLimit) return;
    int pick = -1;
    int unreachable = 0;
    for (size_t k = 0; k < terms_.size(); ++k) {
      if (dropped_[k] || residual_[k] == 0) continue;
      if (!Reachable(k)) {
        if (unreachable++ == 0) pick = static_cast<int>(k);
        continue;
      }
      if (unreachable == 0 && (pick < 0 || undecided_[k] < undecided_[static_cast<size_t>(pick)])) {
        pick = static_cast<int>(k);
      }
    }
    Cost bound = cost_so_far_;
    bound.given_up += unreachable;
    if (!(bound < best_)) return;
    if (pick < 0) {
      best_ = cost_so_far_;
      best_moved_.assign(state_.size(), -1);
      for (size_t v = 0; v < state_.size(); ++v) {
        if (state_[v] == kMoved) best_moved_[v] = moved_by_[v];
      }
      best_dropped_ = dropped_;
      return;
    }
    bound.moved += MovesStillNeeded();
    if (!(bound < best_)) return;
    size_t k = static_cast<size_t>(pick);
    if (unreachable == 0) {
      // Amounts whose move brings the identity closer first, then the cheapest, then in order.
      std::vector<Effect> candidates;
      for (const Effect& e : terms_[k]) {
        if (state_[static_cast<size_t>(e.index)] == kUndecided) candidates.push_back(e);
      }
      const bool up = residual_[k] > 0;
      std::stable_sort(candidates.begin(), candidates.end(), [&](const Effect& a, const Effect& b) {
        bool a_helps = (a.effect > 0) == up, b_helps = (b.effect > 0) == up;
        if (a_helps != b_helps) return a_helps;
        return cost_[static_cast<size_t>(a.index)] < cost_[static_cast<size_t>(b.index)];
      });
      for (const Effect& c : candidates) {
        Decide(c.index, kMoved, pick);
        Visit();
        Undecide(c.index);
        Decide(c.index, kConventional, -1);
      }
      for (auto c = candidates.rbegin(); c != candidates.rend(); ++c) Undecide(c->index);
    }
    dropped_[k] = true;
    ++cost_so_far_.given_up;
    Visit();
    --cost_so_far_.given_up;
    dropped_[k] = false;
  }

  // The problem, in local indices.
  std::vector<std::vector<Effect>> terms_;      // per identity: its movable amounts
  std::vector<std::vector<Effect>> var_terms_;  // per amount: the identities it is in
  std::vector<int64_t> cost_;                   // per amount: the extra error of moving it
  std::vector<int> by_size_;                    // identities, fewest amounts first

  // The search state.
  std::vector<int64_t> residual_;  // per identity: what moves must still add for it to hold
  std::vector<int64_t> positive_, negative_;  // per identity: the most undecided moves can add, and subtract
  std::vector<int> undecided_;
  std::vector<State> state_;
  std::vector<int> moved_by_;
  std::vector<bool> dropped_;
  Cost cost_so_far_;
  std::vector<long> mark_;
  long stamp_ = 0;
  long steps_ = 0;

  Cost best_;
  std::vector<int> best_moved_;
  std::vector<bool> best_dropped_;
};

// Amounts tied by identities, found by union-find.
class Parts {
 public:
  explicit Parts(size_t n) : parent_(n) { std::iota(parent_.begin(), parent_.end(), 0); }
  int Find(int a) {
    while (parent_[static_cast<size_t>(a)] != a) a = parent_[static_cast<size_t>(a)] = parent_[static_cast<size_t>(parent_[static_cast<size_t>(a)])];
    return a;
  }
  void Join(int a, int b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[static_cast<size_t>(std::max(a, b))] = std::min(a, b);
  }

 private:
  std::vector<int> parent_;
};

}  // namespace

RoundedAmounts RoundControlled(const RoundingProblem& problem) {
  const size_t n = problem.amount_count();
  std::vector<Choice> choices(n);
  RoundedAmounts out;
  out.tkr.resize(n);
  out.moved_by.assign(n, -1);
  for (size_t i = 0; i < n; ++i) {
    int64_t kronor = problem.kronor(static_cast<int>(i));
    Choice& c = choices[i];
    c.conventional = NearestTkr(kronor);
    int64_t off = kronor - c.conventional * 1000;  // in (−500, 500], or [−500, 500) below zero
    if (problem.fixed(static_cast<int>(i))) {
      c.conventional = problem.fixed_tkr(static_cast<int>(i));  // printed already: no choice left
    } else if (off != 0) {
      c.step = off > 0 ? 1 : -1;
      c.extra_error = 1000 - 2 * std::llabs(off);
    }
    out.tkr[i] = c.conventional;
  }
  const auto& identities = problem.identities();
  std::vector<int64_t> residuals(identities.size(), 0);
  Parts parts(n);
  for (size_t k = 0; k < identities.size(); ++k) {
    int first_movable = -1;
    for (const RoundingProblem::Term& t : identities[k]) {
      residuals[k] -= t.coefficient * choices[static_cast<size_t>(t.amount)].conventional;
      if (choices[static_cast<size_t>(t.amount)].step == 0) continue;
      if (first_movable < 0) first_movable = t.amount;
      parts.Join(first_movable, t.amount);
    }
    if (first_movable < 0 && residuals[k] != 0) out.given_up.push_back(static_cast<int>(k));
  }
  // Each part is solved on its own, in the order of its first amount.
  std::vector<std::vector<int>> part_amounts(n), part_identities(n);
  for (size_t i = 0; i < n; ++i) {
    if (choices[i].step != 0) part_amounts[static_cast<size_t>(parts.Find(static_cast<int>(i)))].push_back(static_cast<int>(i));
  }
  for (size_t k = 0; k < identities.size(); ++k) {
    for (const RoundingProblem::Term& t : identities[k]) {
      if (choices[static_cast<size_t>(t.amount)].step == 0) continue;
      part_identities[static_cast<size_t>(parts.Find(t.amount))].push_back(static_cast<int>(k));
      break;
    }
  }
  for (size_t root = 0; root < n; ++root) {
    const std::vector<int>& ids = part_identities[root];
    if (ids.empty()) continue;
    bool any_unmet = std::any_of(ids.begin(), ids.end(), [&](int k) { return residuals[static_cast<size_t>(k)] != 0; });
    if (!any_unmet) continue;  // conventional rounding keeps every identity of this part
    BranchAndBound search(part_amounts[root], ids, problem, choices, residuals);
    search.Run();
    out.search_complete = out.search_complete && search.complete();
    for (size_t v = 0; v < part_amounts[root].size(); ++v) {
      if (!search.moved(v)) continue;
      size_t amount = static_cast<size_t>(part_amounts[root][v]);
      out.tkr[amount] += choices[amount].step;
      out.moved_by[amount] = ids[static_cast<size_t>(search.moved_by(v))];
    }
    for (size_t k = 0; k < ids.size(); ++k) {
      if (search.dropped(k)) out.given_up.push_back(ids[k]);
    }
  }
  std::sort(out.given_up.begin(), out.given_up.end());
  return out;
}

}  // namespace arsred

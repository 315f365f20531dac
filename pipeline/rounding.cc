#include "rounding.h"

#include <algorithm>
#include <numeric>

namespace arsred {

int64_t NearestTkr(int64_t kronor) {
  // Half away from zero: 1 500 kr is 2 tkr and −1 500 kr is −2 tkr.
  return kronor >= 0 ? (kronor + 500) / 1000 : -((-kronor + 500) / 1000);
}

namespace {

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

void Rounder::Fix(const std::string& name, int64_t tkr) { rounded_[name] = tkr; }

bool Rounder::IsFixed(const std::string& name) const { return rounded_.count(name) > 0; }

int64_t Rounder::Get(const std::string& name) {
  auto it = rounded_.find(name);
  if (it != rounded_.end()) return it->second;
  int64_t value = NearestTkr(exact_.MoneyOr0(name).kronor);
  rounded_[name] = value;
  return value;
}

void Rounder::Round(const std::string& root, const std::vector<Term>& children) {
  int64_t target = Get(root);
  // Children already fixed by another tree keep their value; the rest share what remains.
  std::vector<const Term*> free;
  int64_t remaining = target;
  for (const Term& child : children) {
    if (IsFixed(child.name)) {
      remaining -= child.sign * rounded_[child.name];
    } else {
      free.push_back(&child);
    }
  }
  if (free.empty()) {
    if (remaining != 0) {
      conflicts_.push_back(root + ": its lines sum to " + std::to_string(target - remaining) + " tkr, not " +
                           std::to_string(target));
    }
    return;
  }
  // Largest remainder on the signed values: floor each, then give the thousands still missing
  // to the lines with the largest remainders (ties: the earlier line). Lines that are whole
  // thousands (nil, or given in tkr by the sources) are exact already and take none.
  std::vector<int64_t> floors(free.size()), remainders(free.size());
  std::vector<size_t> eligible;
  int64_t floor_sum = 0;
  for (size_t i = 0; i < free.size(); ++i) {
    Money m = exact_.MoneyOr0(free[i]->name);
    int64_t signed_kronor = free[i]->sign * m.kronor;
    floors[i] = FloorDiv(signed_kronor, 1000);
    remainders[i] = signed_kronor - floors[i] * 1000;
    floor_sum += floors[i];
    if (remainders[i] != 0) eligible.push_back(i);
  }
  int64_t missing = remaining - floor_sum;
  std::stable_sort(eligible.begin(), eligible.end(), [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
  int64_t placed = std::clamp<int64_t>(missing, 0, static_cast<int64_t>(eligible.size()));
  for (size_t k = 0; k < static_cast<size_t>(placed); ++k) ++floors[eligible[k]];
  int64_t extra = missing - placed;
  if (extra != 0) {
    // Only amounts known to the thousand get here: the lines and their total disagree by more
    // than rounding explains. The difference goes to the least certain line (the one with the
    // most tkr terms; ties: the largest), and is reported.
    size_t target_line = 0;
    for (size_t i = 1; i < free.size(); ++i) {
      Money a = exact_.MoneyOr0(free[i]->name), b = exact_.MoneyOr0(free[target_line]->name);
      if (a.tkr_terms > b.tkr_terms ||
          (a.tkr_terms == b.tkr_terms && std::llabs(a.kronor) > std::llabs(b.kronor))) {
        target_line = i;
      }
    }
    floors[target_line] += extra;
    conflicts_.push_back(root + ": " + free[target_line]->name + " is printed " + std::to_string(extra) +
                         " tkr off its own rounding so that the lines add up (amounts known only in tkr)");
  }
  for (size_t i = 0; i < free.size(); ++i) Fix(free[i]->name, free[i]->sign * floors[i]);
}

}  // namespace arsred

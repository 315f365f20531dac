// Controlled rounding: every identity holds in the printed figures, each figure prints as the
// floor or the ceiling of its exact amount, whole thousands never move, and no rounding that
// keeps the identities moves fewer figures off conventional rounding.
#include <catch2/catch.hpp>

#include <random>

#include "rounding.h"

namespace arsred::test {
namespace {

using Term = RoundingProblem::Term;

int64_t FloorTkr(int64_t kronor) { return kronor >= 0 ? kronor / 1000 : -((-kronor + 999) / 1000); }

// Checks what every rounding must satisfy, and returns how many amounts it moved.
int CheckRounding(const RoundingProblem& problem, const RoundedAmounts& rounded) {
  REQUIRE(rounded.tkr.size() == problem.amount_count());
  int moved = 0;
  for (size_t i = 0; i < problem.amount_count(); ++i) {
    int64_t kronor = problem.kronor(static_cast<int>(i));
    INFO("amount " << i << " = " << kronor << " kr, printed " << rounded.tkr[i]);
    if (kronor % 1000 == 0) {
      CHECK(rounded.tkr[i] == kronor / 1000);
    } else {
      CHECK((rounded.tkr[i] == FloorTkr(kronor) || rounded.tkr[i] == FloorTkr(kronor) + 1));
    }
    bool off = rounded.tkr[i] != NearestTkr(kronor);
    CHECK(off == (rounded.moved_by[i] >= 0));
    moved += off ? 1 : 0;
  }
  for (size_t k = 0; k < problem.identities().size(); ++k) {
    int64_t sum = 0;
    for (const Term& t : problem.identities()[k]) sum += t.coefficient * rounded.tkr[static_cast<size_t>(t.amount)];
    bool given_up = std::find(rounded.given_up.begin(), rounded.given_up.end(), static_cast<int>(k)) != rounded.given_up.end();
    INFO("identity " << k);
    CHECK((sum == 0) != given_up);
  }
  return moved;
}

TEST_CASE("conventional rounding is half away from zero") {
  CHECK(NearestTkr(1499) == 1);
  CHECK(NearestTkr(1500) == 2);
  CHECK(NearestTkr(-1500) == -2);
  CHECK(NearestTkr(-1499) == -1);
  CHECK(NearestTkr(0) == 0);
  CHECK(NearestTkr(-325) == 0);
}

TEST_CASE("a sum whose lines do not add up after conventional rounding moves one line") {
  RoundingProblem p;
  int total = p.AddAmount(4'200);
  int a = p.AddAmount(1'400), b = p.AddAmount(1'400), c = p.AddAmount(1'400);
  p.AddIdentity({{total, 1}, {a, -1}, {b, -1}, {c, -1}});
  RoundedAmounts r = RoundControlled(p);
  CHECK(CheckRounding(p, r) == 1);
  CHECK(r.given_up.empty());
  CHECK(r.tkr[static_cast<size_t>(total)] == 4);
  // The three lines are alike: the first moves, so the same inputs always give the same figures.
  CHECK(r.tkr[static_cast<size_t>(a)] == 2);
  CHECK(r.moved_by[static_cast<size_t>(a)] == 0);
}

TEST_CASE("the line that moves is the one whose printed figure stays closest to its amount") {
  RoundingProblem p;
  int total = p.AddAmount(3'000);  // whole: cannot move
  int a = p.AddAmount(1'100), b = p.AddAmount(1'450);
  int c = p.AddAmount(450);
  p.AddIdentity({{total, 1}, {a, -1}, {b, -1}, {c, -1}});
  RoundedAmounts r = RoundControlled(p);
  CHECK(CheckRounding(p, r) == 1);
  // 1 + 1 + 0 = 2: one line must go up; 1 450 -> 2 is off by 550 kr, 1 100 -> 2 by 900, 450 -> 1 by 550.
  // Between the two equally close, the first in order.
  CHECK(r.tkr[static_cast<size_t>(b)] == 2);
  CHECK(r.tkr[static_cast<size_t>(a)] == 1);
  CHECK(r.tkr[static_cast<size_t>(c)] == 0);
}

TEST_CASE("a figure shared by two sums moves once for both") {
  // x = a + s and y = s + b, where moving the shared s fixes both sums at once; rounding each sum
  // on its own would move two lines.
  RoundingProblem p;
  int s = p.AddAmount(1'450);
  int a = p.AddAmount(1'400), x = p.AddAmount(2'850);
  int b = p.AddAmount(2'400), y = p.AddAmount(3'850);
  p.AddIdentity({{x, 1}, {a, -1}, {s, -1}});
  p.AddIdentity({{y, 1}, {b, -1}, {s, -1}});
  RoundedAmounts r = RoundControlled(p);
  CHECK(CheckRounding(p, r) == 1);
  CHECK(r.tkr[static_cast<size_t>(s)] == 2);
}

TEST_CASE("whole thousands, zero included, never move — an identity they break is given up") {
  RoundingProblem p;
  int zero = p.AddAmount(0);
  int two = p.AddAmount(2'000), one = p.AddAmount(1'000);
  int free_line = p.AddAmount(600), free_total = p.AddAmount(1'600);
  p.AddIdentity({{two, 1}, {one, -1}, {zero, -1}});             // 2 ≠ 1 + 0: nothing can move
  p.AddIdentity({{free_total, 1}, {free_line, -1}, {one, -1}});  // 2 = 1 + 1: holds
  p.AddIdentity({{zero, 1}, {free_line, 1}, {free_line, -1}});   // its terms cancel: 0 = 0
  RoundedAmounts r = RoundControlled(p);
  CheckRounding(p, r);
  CHECK(r.given_up == std::vector<int>{0});
  CHECK(r.tkr[static_cast<size_t>(zero)] == 0);
}

TEST_CASE("an amount printed already keeps its figure — the other lines move round it, or the sum is given up") {
  // 1 400 + 1 400 = 2 800: rounded alone, one line goes up to 2. An earlier report printed the
  // first line as 1 and the total as 3, so the second line has to take the thousand.
  RoundingProblem p;
  int a = p.AddAmount(1'400), b = p.AddAmount(1'400), total = p.AddAmount(2'800);
  p.AddIdentity({{total, 1}, {a, -1}, {b, -1}});
  p.Fix(a, 1);
  p.Fix(total, 3);
  RoundedAmounts r = RoundControlled(p);
  CHECK(r.given_up.empty());
  CHECK(r.tkr[static_cast<size_t>(a)] == 1);
  CHECK(r.tkr[static_cast<size_t>(b)] == 2);
  CHECK(r.tkr[static_cast<size_t>(total)] == 3);

  // Printed as 1 + 1 = 3 before (that report gave the sum up): nothing may move, so it is given up here too.
  RoundingProblem q;
  int c = q.AddAmount(1'400), d = q.AddAmount(1'400), sum = q.AddAmount(2'800);
  q.AddIdentity({{sum, 1}, {c, -1}, {d, -1}});
  q.Fix(c, 1);
  q.Fix(d, 1);
  q.Fix(sum, 3);
  RoundedAmounts given_up = RoundControlled(q);
  CHECK(given_up.given_up == std::vector<int>{0});
  CHECK(given_up.tkr[static_cast<size_t>(sum)] == 3);
}

TEST_CASE("when the identities cannot all hold, the fewest are given up and the rest still hold") {
  // a + b = t and a + b = u with t and u a thousand apart: one of the two must go.
  RoundingProblem p;
  int a = p.AddAmount(1'200), b = p.AddAmount(1'200);
  int t = p.AddAmount(2'000), u = p.AddAmount(3'000);
  int c = p.AddAmount(700), d = p.AddAmount(1'700);
  p.AddIdentity({{t, 1}, {a, -1}, {b, -1}});
  p.AddIdentity({{u, 1}, {a, -1}, {b, -1}});
  p.AddIdentity({{d, 1}, {c, -1}, {t, -1}});  // independent of the conflict, and kept
  RoundedAmounts r = RoundControlled(p);
  CheckRounding(p, r);
  CHECK(r.given_up.size() == 1);
}

TEST_CASE("negative amounts round like positive ones, mirrored") {
  RoundingProblem p;
  int total = p.AddAmount(-4'200);
  int a = p.AddAmount(-1'400), b = p.AddAmount(-1'400), c = p.AddAmount(-1'400);
  p.AddIdentity({{total, 1}, {a, -1}, {b, -1}, {c, -1}});
  RoundedAmounts r = RoundControlled(p);
  CHECK(CheckRounding(p, r) == 1);
  CHECK(r.tkr[static_cast<size_t>(total)] == -4);
  CHECK(r.tkr[static_cast<size_t>(a)] == -2);
}

// The fewest moves any rounding that keeps every identity needs, by trying them all; -1 if none does.
int FewestMovesByBruteForce(const RoundingProblem& p) {
  const size_t n = p.amount_count();
  int best = -1;
  for (uint32_t mask = 0; mask < (1u << n); ++mask) {
    std::vector<int64_t> tkr(n);
    bool allowed = true;
    int moves = 0;
    for (size_t i = 0; i < n; ++i) {
      int64_t kronor = p.kronor(static_cast<int>(i));
      tkr[i] = NearestTkr(kronor);
      if (!(mask & (1u << i))) continue;
      if (kronor % 1000 == 0) {
        allowed = false;
        break;
      }
      tkr[i] += kronor > tkr[i] * 1000 ? 1 : -1;
      ++moves;
    }
    if (!allowed || (best >= 0 && moves >= best)) continue;
    bool holds = true;
    for (const auto& identity : p.identities()) {
      int64_t sum = 0;
      for (const Term& t : identity) sum += t.coefficient * tkr[static_cast<size_t>(t.amount)];
      holds = holds && sum == 0;
    }
    if (holds) best = moves;
  }
  return best;
}

TEST_CASE("no rounding that keeps every identity moves fewer figures (random linked sums)") {
  std::mt19937 random(20231231);
  int solved = 0, infeasible = 0;
  for (int round = 0; round < 300; ++round) {
    // Two or three sums over twelve amounts at most, sharing lines, as a report's tables do.
    RoundingProblem p;
    std::vector<int64_t> lines;
    std::uniform_int_distribution<int> count(2, 4), pick(0, 5), sign(0, 3);
    std::uniform_int_distribution<int64_t> kronor(-30'000, 30'000);
    for (int i = 0; i < 6; ++i) {
      int64_t k = kronor(random);
      if (sign(random) == 0) k = k / 1000 * 1000;  // some amounts are whole thousands
      lines.push_back(k);
      p.AddAmount(k);
    }
    int sums = 2 + (round % 2);
    for (int s = 0; s < sums; ++s) {
      std::vector<Term> terms;
      int64_t total = 0;
      for (int c = count(random); c > 0; --c) {
        int line = pick(random);
        int64_t coefficient = sign(random) == 0 ? -1 : 1;
        terms.push_back({line, -coefficient});
        total += coefficient * lines[static_cast<size_t>(line)];
      }
      terms.push_back({p.AddAmount(total), 1});
      p.AddIdentity(terms);
    }
    RoundedAmounts r = RoundControlled(p);
    int moved = CheckRounding(p, r);
    int fewest = FewestMovesByBruteForce(p);
    INFO("round " << round);
    if (fewest >= 0) {
      ++solved;
      CHECK(r.given_up.empty());
      CHECK(moved == fewest);
    } else {
      ++infeasible;
      CHECK(!r.given_up.empty());
    }
    CHECK(r.search_complete);
  }
  CHECK(solved > 200);
}

}  // namespace
}  // namespace arsred::test

#include <catch2/catch.hpp>

#include "calculate.h"
#include "sign_words.h"

namespace arsred {
namespace {

Figure Money(int64_t kronor, bool cost = false) {
  Figure f = Figure::OfMoney(Money::Kr(kronor), Where{}, "test");
  f.cost = cost;
  return f;
}

// A driftredovisning as figures.cc derives it: costs negative, avvikelse = utfall − budget.
FigureTable Drift(int64_t financial_outcome, int64_t financial_budget) {
  FigureTable t;
  t.Set("drift.personal.utfall", Money(-2338270, true));
  t.Set("drift.personal.budget", Money(-1917000, true));
  t.Set("drift.personal.avvikelse", Money(-421270, true));
  t.Set("drift.insatser.avvikelse", Money(455159, true));
  t.Set("drift.medlemsbidrag.avvikelse", Money(24993));
  t.Set("drift.intakter.avvikelse", Money(120993));
  t.Set("drift.kostnader.avvikelse", Money(4655));
  t.Set("drift.nettokostnad.avvikelse", Money(4330));
  t.Set("drift.resultat.avvikelse", Money(-25670));
  t.Set("drift.finansiella_poster.utfall", Money(financial_outcome));
  t.Set("drift.finansiella_poster.budget", Money(financial_budget));
  t.Set("drift.finansiella_poster.avvikelse", Money(financial_outcome - financial_budget));
  t.Set("rr.arets_resultat", Money(-1408670));
  t.Set("kfa.forandring_fordringar", Money(865331));
  t.Set("not.pensioner.forandring", Money(88000));
  t.Set("br.kassa_och_bank", Money(8263389));
  return t;
}

TEST_CASE("what a figure's sign means: cost rows, income rows, totals, results and changes") {
  FigureTable t = Drift(7000, 37000);
  using M = SignMeaning;
  CHECK(MeaningOf("drift.personal.avvikelse", t) == M::kCostDeviation);
  CHECK(MeaningOf("drift.medlemsbidrag.avvikelse", t) == M::kDeviation);
  CHECK(MeaningOf("drift.intakter.avvikelse", t) == M::kDeviation);
  CHECK(MeaningOf("drift.kostnader.avvikelse", t) == M::kCostDeviation);
  CHECK(MeaningOf("drift.nettokostnad.avvikelse", t) == M::kCostDeviation);
  CHECK(MeaningOf("drift.resultat.avvikelse", t) == M::kDeviation);
  CHECK(MeaningOf("drift.finansiella_poster.avvikelse", t) == M::kDeviation);  // a net income
  CHECK(MeaningOf("drift.finansiella_poster.avvikelse", Drift(-101000, 0)) == M::kCostDeviation);
  CHECK(MeaningOf("drift.finansiella_poster.avvikelse", Drift(0, -20000)) == M::kCostDeviation);
  CHECK(MeaningOf("rr.arets_resultat", t) == M::kResult);
  CHECK(MeaningOf("drift.resultat.budget", t) == M::kResult);
  CHECK(MeaningOf("kfa.forandring_fordringar", t) == M::kDecrease);
  CHECK(MeaningOf("kfa.arets_kassaflode", t) == M::kIncrease);
  CHECK(MeaningOf("not.pensioner.forandring", t) == M::kIncrease);
  CHECK(MeaningOf("br.kassa_och_bank", t) == M::kNone);
  CHECK(MeaningOf("drift.personal.utfall", t) == M::kNone);
  CHECK(MeaningOf("drift.okand.avvikelse", t) == M::kNone);
}

TEST_CASE("a cost row's negative deviation is a cost higher than budgeted") {
  FigureTable t = Drift(7000, 37000);
  CHECK(SignWord("mer_mindre", "drift.personal.avvikelse", t, -421) == "mer");
  CHECK(SignWord("hogre_lagre", "drift.personal.avvikelse", t, -421) == "högre");
  CHECK(SignWord("hogre_lagre", "drift.insatser.avvikelse", t, 455) == "lägre");
  CHECK(SignWord("mer_mindre", "drift.insatser.avvikelse", t, 455) == "mindre");
  // An income row and the result say what their sign says.
  CHECK(SignWord("hogre_lagre", "drift.intakter.avvikelse", t, 121) == "högre");
  CHECK(SignWord("hogre_lagre", "drift.resultat.avvikelse", t, -26) == "lägre");
  // över/under budget: a cost over budget is a higher cost, an income over budget a higher income.
  CHECK(SignWord("over_under", "drift.personal.avvikelse", t, -421) == "över");
  CHECK(SignWord("over_under", "drift.insatser.avvikelse", t, 455) == "under");
  CHECK(SignWord("over_under", "drift.intakter.avvikelse", t, 121) == "över");
  // Net financial items: income in 2023 (lower than budgeted), a cost in 2020 (higher).
  CHECK(SignWord("hogre_lagre", "drift.finansiella_poster.avvikelse", t, -30) == "lägre");
  CHECK(SignWord("hogre_lagre", "drift.finansiella_poster.avvikelse", Drift(-101000, 0), -101) == "högre");
}

TEST_CASE("results and changes: surplus or deficit, increase or decrease") {
  FigureTable t = Drift(7000, 37000);
  CHECK(SignWord("overskott_underskott", "rr.arets_resultat", t, -1409) == "underskott");
  CHECK(SignWord("overskott_underskott", "rr.arets_resultat", t, 2024) == "överskott");
  CHECK(SignWord("okning_minskning", "rr.arets_resultat", t, -1409) == "minskning");
  CHECK(SignWord("okning_minskning", "not.pensioner.forandring", t, 88) == "ökning");
  // The cash flow prints a decrease of receivables as a positive amount.
  CHECK(SignWord("okning_minskning", "kfa.forandring_fordringar", t, 865) == "minskning");
  CHECK(SignWord("okning_minskning", "kfa.forandring_fordringar", t, -121) == "ökning");
}

TEST_CASE("a figure printed as 0 gets both words, never a guess") {
  FigureTable t = Drift(7000, 37000);
  CHECK(SignWord("hogre_lagre", "drift.intakter.avvikelse", t, 0) == "högre/lägre");
  CHECK(SignWord("overskott_underskott", "rr.arets_resultat", t, 0) == "överskott/underskott");
}

TEST_CASE("which formats suit which figures") {
  using M = SignMeaning;
  CHECK(SignWordSuits("mer_mindre", M::kCostDeviation));
  CHECK(SignWordSuits("hogre_lagre", M::kDeviation));
  CHECK_FALSE(SignWordSuits("hogre_lagre", M::kResult));
  CHECK_FALSE(SignWordSuits("overskott_underskott", M::kDeviation));
  CHECK(SignWordSuits("okning_minskning", M::kResult));
  CHECK(SignWordSuits("okning_minskning", M::kDecrease));
  CHECK_FALSE(SignWordSuits("okning_minskning", M::kNone));
  CHECK_FALSE(SignWordSuits("mer_mindre", M::kNone));
  CHECK(IsSignWordFormat("overskott_underskott"));
  CHECK_FALSE(IsSignWordFormat("tkr"));
}

TEST_CASE("typed words read beside a placeholder") {
  CHECK(ComparativeDirection("högre") == 1);
  CHECK(ComparativeDirection("mindre") == -1);
  CHECK(ComparativeDirection("budgeterat") == 0);
  CHECK(ResultWordDirection("underskott") == -1);
  CHECK(ChangeWordDirection("ökat") == 1);
  CHECK(ChangeWordDirection("minskning") == -1);
}

TEST_CASE("a placeholder's word follows the figure as printed, after rounding") {
  ReportFigures figures;
  figures.exact = Drift(7000, 37000);
  figures.rounded_tkr["drift.personal.avvikelse"] = -421;
  figures.rounded_tkr["drift.intakter.avvikelse"] = 0;  // rounded to fit a sum, say
  CHECK(FormatPlaceholder(figures, "drift.personal.avvikelse", {"mer_mindre"}) == "mer");
  CHECK(FormatPlaceholder(figures, "drift.personal.avvikelse", {"tkr", "mer_mindre"}) == "mer");
  CHECK(FormatPlaceholder(figures, "drift.personal.avvikelse", {"tkr", "abs"}) == FormatNumber(421));
  CHECK(FormatPlaceholder(figures, "drift.intakter.avvikelse", {"hogre_lagre"}) == "högre/lägre");
  // In kronor the same deviation has its sign.
  CHECK(FormatPlaceholder(figures, "drift.intakter.avvikelse", {"kr", "hogre_lagre"}) == "högre");
  // The prior year's figures take words too.
  figures.exact_prior = Drift(-101000, 0);
  figures.rounded_tkr_prior["drift.finansiella_poster.avvikelse"] = -101;
  CHECK(FormatPlaceholder(figures, "fg.drift.finansiella_poster.avvikelse", {"hogre_lagre"}) == "högre");
}

}  // namespace
}  // namespace arsred

#include "validate.h"

#include "validate_rules.h"

namespace arsred {

bool ValidationContext::ExpectSame(const char* code, Where where, const std::string& path,
                                   const std::string& found_what, Money found, const std::string& expected_what,
                                   Money expected, const std::string& detail) {
  if (SameAmount(found, expected)) return true;
  std::string message = found_what + " " + FormatMoney(found) + " ≠ " + expected_what + " " + FormatMoney(expected);
  message += " (off by " + FormatMoney(Money::Kr(found.kronor - expected.kronor));
  if (!found.exact() || !expected.exact()) {
    message += "; tkr figures allow " + FormatMoney(Money::Kr(found.tolerance() + expected.tolerance()));
  }
  message += detail + ")";
  d.Error(code, where, path, message);
  return false;
}

const Figure* LookUpFigure(const ValidationContext& c, const std::string& name) {
  if (name.rfind("fg.", 0) == 0) return c.prior ? c.prior->Find(name.substr(3)) : nullptr;
  return c.figures.Find(name);
}

namespace {

// Checks `year`. The prior year's figures are printed in this year's report as its comparative
// column, so they are checked too (`scope` kComparative): its accounts, budget and tables, but
// not its organisation, text or overview, which this report does not print.
enum class CheckScope { kReport, kComparative };

// `prior_failed`: the prior year, checked first, has errors of its own.
void ValidateYear(const InputSet& inputs, int year, CheckScope scope, DerivedYears& derived, Diagnostics& diagnostics,
                  bool prior_failed = false) {
  const YearInput& input = *inputs.Find(year);
  // Rules read what loaded; a file that did not load has already been reported, and checking
  // the rest against its defaults would only add noise. So would checking figures of which some
  // are still to fill in: they are checked once none is left.
  if (!input.checkable()) return;
  const YearInput* prior_input = inputs.Find(year - 1);
  bool prior_has_errors = prior_input && (!prior_input->checkable() || prior_failed);
  if (prior_has_errors) {
    if (scope == CheckScope::kReport) {
      diagnostics.Error("year.prior", Where{}, prior_input->dir,
                        "the prior year's inputs have errors (above); comparisons with it are not checked");
    }
    prior_input = nullptr;
  }
  FigureTable figures = DeriveFigures(derived, year, &diagnostics);
  const FigureTable* prior = prior_input ? &derived.Of(year - 1) : nullptr;
  ValidationContext context{inputs, input, figures, prior, prior_input, derived, diagnostics, prior_has_errors};
  if (scope == CheckScope::kReport) CheckOrganisation(context);
  CheckAccounts(context, scope == CheckScope::kReport);
  CheckBudget(context);
  CheckActivity(context);
  if (scope == CheckScope::kReport) CheckTexts(context);
}

}  // namespace

void Validate(const InputSet& inputs, Diagnostics& diagnostics) {
  CheckYearFiles(inputs.report(), diagnostics);
  CheckTextsToWrite(inputs.report(), diagnostics);
  DerivedYears derived(inputs);
  // The prior year first: where it has errors of its own (a balance sheet 1 kr off), this year's
  // comparisons with it would only repeat them as this year's (year.prior).
  Diagnostics prior_findings;
  const YearInput* prior = inputs.Find(inputs.report_year - 1);
  if (inputs.report().checkable() && prior && prior->checkable()) {
    ValidateYear(inputs, inputs.report_year - 1, CheckScope::kComparative, derived, prior_findings);
  }
  ValidateYear(inputs, inputs.report_year, CheckScope::kReport, derived, diagnostics, prior_findings.HasErrors());
  diagnostics.Append(std::move(prior_findings));
}

}  // namespace arsred

#include "validate.h"

#include "validate_rules.h"

namespace arsred {

bool ValidationContext::ExpectSame(const char* code, Where where, const std::string& path,
                                   const std::string& found_what, Money found, const std::string& expected_what,
                                   Money expected) {
  if (SameAmount(found, expected)) return true;
  std::string message = found_what + " " + FormatMoney(found) + " ≠ " + expected_what + " " + FormatMoney(expected);
  if (!found.exact() || !expected.exact()) {
    message += " (off by " + FormatMoney(Money::Kr(found.kronor - expected.kronor)) + "; tkr figures allow " +
               FormatMoney(Money::Kr(found.tolerance() + expected.tolerance())) + ")";
  }
  d.Error(code, where, path, message);
  return false;
}

const Figure* LookUpFigure(const ValidationContext& c, const std::string& name) {
  if (name.rfind("fg.", 0) == 0) return c.prior ? c.prior->Find(name.substr(3)) : nullptr;
  return c.figures.Find(name);
}

void Validate(const InputSet& inputs, Diagnostics& diagnostics) {
  const YearInput& year = inputs.report();
  // Rules read what loaded; a file that did not load has already been reported, and checking
  // the rest against its defaults would only add noise.
  if (!year.complete) return;
  const YearInput* prior_input = inputs.Find(inputs.report_year - 1);
  if (prior_input && !prior_input->complete) {
    diagnostics.Error("year.prior", Where{}, prior_input->dir,
                      "the prior year's inputs have errors (above); comparisons with it are not checked");
    prior_input = nullptr;
  }
  FigureTable figures = DeriveFigures(inputs, inputs.report_year, &diagnostics);
  FigureTable prior;
  if (prior_input) prior = DeriveFigures(inputs, inputs.report_year - 1, nullptr);
  ValidationContext context{inputs, year, figures, prior_input ? &prior : nullptr, prior_input, diagnostics};
  CheckOrganisation(context);
  CheckAccounts(context);
  CheckBudget(context);
  CheckActivity(context);
  CheckTexts(context);
}

}  // namespace arsred

// Internal to validate: what every rule family sees, and the families themselves.
#pragma once

#include <string>

#include "diagnostics.h"
#include "figures.h"
#include "load.h"

namespace arsred {

struct ValidationContext {
  const InputSet& inputs;
  const YearInput& year;
  const FigureTable& figures;
  const FigureTable* prior;        // the prior year's figures, when it has a directory
  const YearInput* prior_input;    // the prior year's inputs, when it has a directory
  DerivedYears& derived;           // every year's figures, for the checks that look further back
  Diagnostics& d;
  bool prior_has_errors = false;   // the prior year has a directory, but it did not load cleanly or has errors

  bool report_year() const { return year.files.forbund.omfattning.value == Scope::kAnnualReport; }
  int year_number() const { return year.year; }
  // Reports `a` ≠ `b` unless they can be the same amount given their precision; `detail` ("; …")
  // follows how far off they are.
  bool ExpectSame(const char* code, Where where, const std::string& path, const std::string& found_what, Money found,
                  const std::string& expected_what, Money expected, const std::string& detail = "");
};

void CheckOrganisation(ValidationContext& c);
// `with_overview`: the multi-year overview is checked only for the report year itself.
void CheckAccounts(ValidationContext& c, bool with_overview);
void CheckBudget(ValidationContext& c);
void CheckActivity(ValidationContext& c);
void CheckTexts(ValidationContext& c);
// Texts of `year` that are still the "to fill" marker of `arsred new`. Needs no figures, so it is
// checked also while the year's figures are incomplete.
void CheckTextsToWrite(const YearInput& year, Diagnostics& d);
// The files a report year needs. Needs no figures either: a year begun with `arsred new` from a
// comparative year has no budget.yaml, which was said only once every value was filled in.
void CheckYearFiles(const YearInput& year, Diagnostics& d);

// The figure a placeholder or source name refers to ("fg." prefix: the prior year's), or null.
const Figure* LookUpFigure(const ValidationContext& c, const std::string& name);

}  // namespace arsred

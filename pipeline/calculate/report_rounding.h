// The report's one rounding to tkr (docs/rounding.md): every money figure of the report year
// and of the prior year, and the flerårsöversikt's figures of earlier years, as one controlled
// rounding problem (rounding.h) whose identities are the ones the printed report shows: each sum
// in the statements, the notes in tkr and the driftredovisning; årets resultat in every table;
// equity and cash carried from one year into the next; each cash-flow change line against the
// balance-sheet difference it explains; avvikelse = utfall − budget.
//
// Figures with the same exact magnitude are one amount, so a figure prints the same in every
// table, in both year columns and in the text.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "figures.h"
#include "load.h"

namespace arsred {

struct RoundedFigure {
  int64_t kronor = 0;        // the exact amount the rounding starts from
  int64_t tkr = 0;           // as printed
  int64_t conventional = 0;  // to the nearest thousand
  std::string moved_by;      // when tkr ≠ conventional: the identity that needed it
};

struct ReportRounding {
  std::map<int, std::map<std::string, RoundedFigure>> years;  // by year, then figure name
  std::vector<std::string> identities;                        // every identity kept or given up, described
  struct GivenUp {
    std::string identity;  // described, with its printed figures
    Where where;           // where its total comes from
  };
  std::vector<GivenUp> given_up;  // the identities no rounding could keep
  bool search_complete = true;
  bool before_kept = true;  // every figure printed by an earlier report prints the same here
  // Every amount of the rounding by its magnitude in kronor, as printed in tkr (not negative):
  // also the amounts without a figure of their own, such as a note's items given in kronor
  // and printed in tkr beside a note in tkr.
  std::map<int64_t, int64_t> tkr_of_magnitude;

  const RoundedFigure* Find(int year, const std::string& name) const;
  // The printed tkr of every figure of `year`, by name.
  std::map<std::string, int64_t> TkrOf(int year) const;
};

// What an earlier year's own report printed: every figure of its rounding, by year and name.
// A later report prints those years the same (docs/rounding.md).
struct PrintedBefore {
  int report_year = 0;
  std::map<int, std::map<std::string, int64_t>> tkr;
};

// The rounding of the report of `report_year` (the inputs' report year, or an earlier one that
// had a report of its own). `exact` holds the figures of every year with a directory. The
// statements' and the driftredovisning's identities take part only when they are printed in tkr.
// With `before`, the figures it holds print as it says; should that cost an identity that could
// otherwise be kept, they are rounded afresh and `before_kept` is false.
ReportRounding RoundReport(const InputSet& inputs, int report_year, const std::map<int, FigureTable>& exact,
                           bool statements_in_tkr, const PrintedBefore* before = nullptr);

}  // namespace arsred

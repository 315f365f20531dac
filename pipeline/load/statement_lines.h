// The lines of the three statements, in their order, with their printed labels: one list that
// calculate sets the statements from and that validation checks relabelled lines against
// (`benamningar.rader` in a layout or a year).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "model.h"

namespace arsred {

enum class RowStyle { kBody, kSection, kSubtotal, kTotal, kSpacer };

struct StatementLine {
  std::string_view figure;      // "rr.verksamhetens_kostnader"; empty for a section heading
  std::string_view label;       // as printed, unless relabelled
  int sign = 1;                 // costs are printed negative
  RowStyle style = RowStyle::kBody;
  std::string_view input_line = {};  // the line a note may break down, for its note number
  bool always = false;          // printed even when absent in both years
  int indent = 0;
  // The lines of a group (the fixed assets, the ansvarsförbindelser), its heading included, are
  // printed only when one of its figures is present in either year.
  std::string_view group = {};
};

struct Statement {
  std::string_view id;     // "resultatrakning", also the part of a layout's `ordning`
  std::string_view title;  // "Resultaträkning", unless renamed
  std::vector<StatementLine> lines;
};

// The resultaträkning, the balansräkning and the kassaflödesanalys.
const std::vector<Statement>& Statements();
// The one of them with the id `id` ("balansrakning"); it must be one of the three.
const Statement& StatementById(std::string_view id);

// The ids of the statements and the driftredovisning, which `benamningar` may rename.
const std::vector<std::string>& RenamableTables();
// The figure of every statement line, which `benamningar.rader` may relabel.
std::vector<std::string> RelabelableLines();

// `benamningar` of a layout or a year: each relabelled line is a statement line, named once.
void CheckStatementNames(const StatementNames& names, Diagnostics& diagnostics);

}  // namespace arsred

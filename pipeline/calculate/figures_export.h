// The report's figures as open data: every figure a report prints, with its id, its exact value
// and the value printed, each with the sign the report prints it with (a cost of the
// resultaträkning negative), as JSON or CSV (`arsred dump --stage figures --format json|csv`).
// Both are written byte for byte the same from the same figures: ordered by year, then by id.
#pragma once

#include <string>

#include "calculate.h"

namespace arsred {

// {"year": 2023, "figures": [{"year": 2023, "id": "br.eget_kapital", "kind": "money",
// "exact": 2331062, "tolerance": 4000, "printed": 2331, "unit": "tkr", ...}, ...]}
std::string FiguresJson(const ReportFigures& figures);

// The same records, one a line, under the header
// year,id,kind,exact,tolerance,printed,unit,conventional,moved_by,to_fill
std::string FiguresCsv(const ReportFigures& figures);

}  // namespace arsred

// Stage 3, calculate: the validated inputs -> the figures the report prints.
//
// Every amount printed in tkr is rounded once, here, for the whole report together
// (report_rounding.h, docs/rounding.md): both year columns of every statement, the notes in
// tkr, the driftredovisning, the flerårsöversikt, the charts and every placeholder in the text.
// Each figure prints as the floor or the ceiling of its exact amount, the same wherever it
// appears, and every identity the report shows holds in the printed figures.
//
// The result holds formatted cells (Swedish typography: U+2212 minus, U+202F in thousands,
// decimal comma, "25 %" with U+00A0, en dash for nil), so layout only places strings.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "figures.h"
#include "fill_marker.h"
#include "load.h"
#include "report_rounding.h"
#include "statement_lines.h"

namespace arsred {

// One printed cell; `numeric` cells are right-aligned on tabular figures.
struct Cell {
  std::string text;
  bool numeric = false;
};


struct ReportRow {
  std::vector<Cell> cells;
  int indent = 0;
  RowStyle style = RowStyle::kBody;
};

// A table as printed: head rows (cells may span columns), body rows, and what the first column
// and the note column are. `columns` says which columns hold numbers.
struct HeadCell {
  std::string text;
  int span = 1;
};

// What a table of amounts says of its unit, above its first column.
inline constexpr const char* kAmountsInTkr = "Belopp i tkr";
inline constexpr const char* kAmountsInKr = "Belopp i kr";

struct ReportTable {
  std::string id;        // "resultatrakning", "not.intakter", "tabell.deltagarfloden"
  std::string title;     // heading or caption ("Resultaträkning", "Not 1 Verksamhetens intäkter")
  std::string unit;      // kAmountsInTkr, kAmountsInKr, or ""
  std::vector<std::vector<HeadCell>> head;
  std::vector<bool> numeric_columns;
  std::vector<ReportRow> rows;
  bool has_note_column = false;  // column 1 holds note numbers
  std::string footnote;          // small print under the table, or ""
};

// In a column of kronor, an amount known only to the thousand (its source gives tkr) is printed
// with this mark before it, and the table says what it means in its footnote.
inline constexpr const char* kApproximateMark = "\u2248";
inline constexpr const char* kApproximateFootnote = "\u2248 Beloppet är känt endast i hela tusental kronor.";
// A table with a figure still to fill in (kToFillMark, fill_marker.h) says what the mark means.
inline constexpr const char* kToFillFootnote = "[?] Att fylla i: beloppet eller antalet är ännu inte angivet.";

struct ChartPart {
  std::string label;
  int64_t percent = 0;   // whole percent; the parts of a chart sum to 100
  int64_t amount = 0;    // what a bar's height shows: tkr for money, or a count or percentage
  std::string value;     // the figure it shows, formatted
};

struct ReportChart {
  std::string id;
  std::string title;
  bool bars = false;     // a bar chart; otherwise a pie
  bool to_fill = false;  // a part waits for a value still to fill in: the draft shows no chart yet
  std::vector<ChartPart> parts;
};

struct SignatureLine {
  std::string seat;      // the seat's id: its own, or its appointing member's
  std::string role;      // "Ordförande", "Vice ordförande", "Ledamot"
  std::string member;    // the member the ledamot comes from, e.g. "Region Jämtland Härjedalen"
  std::string name;      // the sitting ledamot; empty when the inputs give none
};

struct SignaturePage {
  std::string place;     // "Östersund"
  std::string date;      // "2024-03-15", or "" for a line to fill in by hand
  std::vector<SignatureLine> lines;
  bool auditors_note = false;
  std::string auditors_date;
};

// A figure the flerårsöversikt prints for a year that has no figures of its own (its historik),
// or the staff of a year before the report year: the open data lists it with the others.
struct OverviewFigure {
  int year = 0;
  std::string id;        // "rr.verksamhetens_kostnader", "personal.arsarbetare"
  bool money = true;     // else the staff, a decimal
  Money amount;          // as the historik gives it
  int64_t printed = 0;   // as printed, signed, in `in_kronor` ? kr : tkr
  bool in_kronor = false;
  std::string decimal;   // the staff as printed: "2,0"
};

struct ReportFigures {
  int year = 0;
  std::string organisation;        // the förbund's name
  std::string organisation_number;
  std::string title;                     // "Årsredovisning 2023"
  std::string subtitle;                  // a line under it on the cover, or ""
  std::vector<std::string> cover_lines;  // further lines for the cover, "Antagen av …" last
  bool draft = true;
  std::string document_date;       // ISO date from the inputs for the PDF's metadata

  std::map<std::string, ReportTable> tables;  // by id, see ReportTable::id
  std::map<std::string, ReportChart> charts;  // "diagram.<id>"
  std::vector<std::string> note_order;        // note ids in number order (Not 1, Not 2, ...)
  SignaturePage signatures;

  // The unit of the statements and the driftredovisning, and of a placeholder that names none.
  Unit money_unit = Unit::kTkr;
  // A text of the report quotes a figure in tkr (`{…|tkr}`): in a report in kr, those figures
  // are rounded as the statements would be in tkr, so that the text's sums hold.
  bool text_in_tkr = false;
  // The printed value in tkr of every money figure, of this year and of the prior year: one
  // rounding for the whole report.
  std::map<std::string, int64_t> rounded_tkr;
  std::map<std::string, int64_t> rounded_tkr_prior;
  ReportRounding rounding;  // every year's, with what moved each figure
  FigureTable exact;        // this year's figures at krona precision
  FigureTable exact_prior;  // the prior year's, when it has a directory
  std::vector<OverviewFigure> overview_only;  // by year, then line
};

// How the year, or else its layout, presents the statements: their unit (`belopp`), and the
// names of the statements and of their lines (`benamningar`).
struct Presentation {
  Unit unit = Unit::kTkr;
  std::map<std::string, std::string> titles;  // by table id: "kassaflodesanalys" -> "Finansieringsanalys"
  std::map<std::string, std::string> labels;  // by figure: "kfa.lopande_verksamhet" -> its label
  // What a year that does not say (`belopp`) prints in: the layout's unit, else tkr. The reports
  // of earlier years without `belopp` were printed so.
  Unit unit_unless_said = Unit::kTkr;
};

// The year's presentation: its `belopp` and `benamningar`, else the layout's, else the defaults.
Presentation PresentationOf(const OrgFile& year, std::optional<Unit> layout_unit, const StatementNames* layout_names);

// Computes the report's figures for the year `inputs` was loaded for. An identity that no
// rounding to tkr can keep is added to `diagnostics` as a warning (calculate.rounding).
// In kr (`presentation.unit`) the statements and the driftredovisning print exactly and need no
// rounding.
ReportFigures Calculate(const InputSet& inputs, bool draft, const Presentation& presentation, Diagnostics& diagnostics);

// For a year kept only for comparison (`omfattning: jamforelsear`): whether the next report
// could print its statements in tkr with every sum adding up. An identity no rounding keeps (an
// amount mistyped in a year given in whole tkr) is a warning (calculate.rounding), as when the
// report that prints it is checked.
void CheckComparisonYearRounding(const InputSet& inputs, Diagnostics& diagnostics);

// A placeholder's printed text: the figure `name` (prefix "fg." for the prior year) in
// `formats` (docs/markup.md). Returns nullopt when the figure does not exist.
std::optional<std::string> FormatPlaceholder(const ReportFigures& figures, const std::string& name,
                                             const std::vector<std::string>& formats);

// A one-line text of the inputs (a caption, a heading, a cover line) with its placeholders
// replaced by what they print; validation has checked them (text.placeholder).
std::string FillCaption(const ReportFigures& figures, const std::string& caption);

// Swedish number typography: 7917676 -> "7 917 676" with U+202F, -1409 -> "−1 409" (U+2212).
std::string FormatNumber(int64_t value);
// "25 %" with U+00A0.
std::string FormatPercent(int64_t percent);

// Whether the report prints a money figure of `year` to the krona, although a rounding of it to
// tkr exists (for a chart, a placeholder in tkr or an identity): a note's figures print in the
// note's unit; the years before the prior one only in the flerårsöversikt, in its unit; every
// other figure, in the statements, tables and placeholders, in the report's unit.
bool PrintedInKronor(const ReportFigures& figures, int year, const std::string& id);

// Every figure with its exact and rounded value, one per line (`arsred dump --stage figures`).
std::string DumpFigures(const ReportFigures& figures);

}  // namespace arsred

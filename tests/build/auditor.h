// An auditor's reading of a printed report. The auditor has the PDF and nothing else: the words
// that `pdftotext -bbox` finds on its pages are put back together into tables (a label, then
// figures in columns under their headings) and running text, and checked the way an auditor
// checks a report: every sum adds up, a figure printed twice prints the same, the statements
// agree with each other and with the notes, and the text says what the tables say.
//
// Nothing here reads arsred's inputs or calls its code: a defect in arsred cannot hide itself.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace arsred::test::auditor {

// One word as pdftotext -bbox gives it: its box in points from the page's top left corner.
struct Word {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;
};

struct Page {
  double width = 0, height = 0;
  std::vector<Word> words;
};

// The pages of `pdftotext -bbox` output, without the draft's diagonal watermark (UTKAST) and
// without the running header and footer.
std::vector<Page> ParseBbox(const std::string& html);

// A figure as printed in a table cell: "7 918", "−1 409", "–" (nil), "32 %", "2,4".
struct Figure {
  std::string text;  // as printed, its spaces made plain
  bool nil = false;
  bool percent = false;
  bool decimal = false;  // "2,4": not an amount
  long long value = 0;   // whole numbers and percentages; 0 for nil
};

struct Column {
  std::string header;  // its heading lines joined: "2023-01-01– 2023-12-31", "Avvikelse utfall–budget 2023"
  double right = 0;    // the right edge its figures are aligned on
  bool percent = false;  // its figures are percentages
};

struct Row {
  std::string label;
  bool indented = false;  // a line of the group above it
  std::vector<std::optional<Figure>> cells;  // one per column; empty where nothing is printed
  bool HasFigures() const;
};

struct Table {
  std::string title;  // the line above it: "Resultaträkning", "Not 4 Avsättningar för pensioner", "Tabell 2. …"
  std::string unit;   // "tkr" or "kr" from its "Belopp i …" heading, else ""
  int page = 0;
  std::vector<Column> columns;
  std::vector<Row> rows;
  std::string Name() const;  // for messages: the title, or the page
};

// A number followed by "tkr" in the running text.
struct TextFigure {
  long long value = 0;  // as read, without sign
  std::string text;     // the number as printed
  std::string context;  // the words around it
  int page = 0;
};

struct PrintedReport {
  std::vector<Table> tables;
  std::vector<TextFigure> text_figures;
};

PrintedReport ReadReport(const std::vector<Page>& pages);

// What the auditor found: each finding as a sentence, how many checks of each kind were made,
// and what was found to check (e.g. "Resultaträkning 2023 2022", "Not 4", "Driftredovisning 2023").
struct Audit {
  std::vector<std::string> findings;
  std::map<std::string, int> checks;
  std::vector<std::string> found;
  bool Found(const std::string& what) const;
};
Audit AuditReport(const PrintedReport& report);

// The tables and text figures as text, to see what the auditor read.
std::string Describe(const PrintedReport& report);

}  // namespace arsred::test::auditor

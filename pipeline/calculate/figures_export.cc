#include "figures_export.h"

#include <algorithm>
#include <optional>
#include <tuple>
#include <vector>

#include "statement_lines.h"

namespace arsred {

namespace {

// One printed figure. `exact` and `printed` are written as they stand: a number, a fraction
// ("69/100") or a text, and `numeric` says whether JSON writes them as numbers.
struct Record {
  int year = 0;
  std::string id;
  std::string kind;           // money, count, percent, decimal, text
  std::string exact;          // kronor, a count, "part/whole", a decimal, a text
  bool exact_numeric = true;
  std::optional<int64_t> tolerance;  // kronor either way, when the source gives whole tkr
  std::string printed;        // as the report prints it, in `unit`; "" while to fill in
  bool printed_numeric = true;
  std::string unit;           // tkr, kr, %, or ""
  std::optional<int64_t> conventional;  // tkr to the nearest thousand, when the report moved off it
  std::string moved_by;       // the identity that needed the move
  bool to_fill = false;
};

// The sign the report prints a figure with: a cost line of the resultaträkning (and so of the
// flerårsöversikt) prints negative, while the figures hold costs positive, as the inputs give
// them. A reader of the open data compares it with the printed report, so it carries the sign
// the report prints.
int PrintedSign(const std::string& id) {
  for (const Statement& statement : Statements()) {
    for (const StatementLine& line : statement.lines) {
      if (line.figure == id) return line.sign;
    }
  }
  return 1;
}

Record MoneyRecord(const ReportFigures& figures, int year, const std::string& id, Money money,
                   const RoundedFigure* rounded) {
  const int sign = PrintedSign(id);
  Record r;
  r.year = year;
  r.id = id;
  r.kind = "money";
  r.exact = std::to_string(sign * money.kronor);
  if (!money.exact()) r.tolerance = money.tolerance();
  if (rounded && !PrintedInKronor(figures, year, id)) {
    r.printed = std::to_string(sign * rounded->tkr);
    r.unit = "tkr";
    if (rounded->tkr != rounded->conventional) {
      r.conventional = sign * rounded->conventional;
      r.moved_by = rounded->moved_by;
    }
  } else {
    r.printed = std::to_string(sign * money.kronor);
    r.unit = "kr";
  }
  return r;
}

std::vector<Record> Records(const ReportFigures& figures) {
  std::vector<Record> out;
  for (const auto& [id, f] : figures.exact.all()) {
    Record r;
    switch (f.kind) {
      case Figure::Kind::kMoney:
        r = MoneyRecord(figures, figures.year, id, f.money, figures.rounding.Find(figures.year, id));
        break;
      case Figure::Kind::kCount:
        r.kind = "count";
        r.exact = r.printed = std::to_string(f.count);
        break;
      case Figure::Kind::kPercent:
        r.kind = "percent";
        r.exact = std::to_string(f.count) + "/" + std::to_string(f.of);
        r.exact_numeric = false;
        r.printed = std::to_string(f.Percent());
        r.unit = "%";
        break;
      case Figure::Kind::kDecimal:
        r.kind = "decimal";
        r.exact = r.printed = f.decimal.ToString();  // as printed: "2,4"
        r.exact_numeric = r.printed_numeric = false;
        break;
      case Figure::Kind::kText:
        r.kind = "text";
        r.exact = r.printed = f.text;
        r.exact_numeric = r.printed_numeric = false;
        break;
    }
    r.year = figures.year;
    r.id = id;
    if (f.missing()) {
      r.to_fill = true;
      r.printed.clear();
    }
    out.push_back(std::move(r));
  }
  // The years before: the prior year's column and the multi-year overview.
  for (const auto& [year, rounded] : figures.rounding.years) {
    if (year == figures.year) continue;
    for (const auto& [id, figure] : rounded) {
      const Figure* exact = year == figures.year - 1 ? figures.exact_prior.Find(id) : nullptr;
      out.push_back(MoneyRecord(figures, year, id, exact ? exact->money : Money::Kr(figure.kronor), &figure));
    }
  }
  // What the flerårsöversikt prints of the years before these: amounts from a year's historik,
  // and the staff of every year before the report year.
  for (const OverviewFigure& f : figures.overview_only) {
    Record r;
    r.year = f.year;
    r.id = f.id;
    if (f.money) {
      r.kind = "money";
      r.exact = std::to_string(PrintedSign(f.id) * f.amount.kronor);
      if (!f.amount.exact()) r.tolerance = f.amount.tolerance();
      r.printed = std::to_string(f.printed);
      r.unit = f.in_kronor ? "kr" : "tkr";
    } else {
      r.kind = "decimal";
      r.exact = r.printed = f.decimal;
      r.exact_numeric = r.printed_numeric = false;
    }
    out.push_back(std::move(r));
  }
  // The report year first, then the years before it from the earliest, each by id.
  const int report_year = figures.year;
  std::stable_sort(out.begin(), out.end(), [report_year](const Record& a, const Record& b) {
    auto key = [report_year](const Record& r) { return std::make_tuple(r.year != report_year, r.year, r.id); };
    return key(a) < key(b);
  });
  return out;
}

void AppendJsonString(std::string& out, const std::string& text) {
  out += '"';
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          static const char* kHex = "0123456789abcdef";
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 15];
        } else {
          out += static_cast<char>(c);  // UTF-8 as it is
        }
    }
  }
  out += '"';
}

void AppendCsvField(std::string& out, const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

std::string FiguresJson(const ReportFigures& figures) {
  std::string out = "{\"year\": " + std::to_string(figures.year) + ", \"figures\": [";
  bool first = true;
  for (const Record& r : Records(figures)) {
    out += first ? "\n  {" : ",\n  {";
    first = false;
    out += "\"year\": " + std::to_string(r.year) + ", \"id\": ";
    AppendJsonString(out, r.id);
    out += ", \"kind\": ";
    AppendJsonString(out, r.kind);
    out += ", \"exact\": ";
    if (r.exact_numeric) {
      out += r.exact;
    } else {
      AppendJsonString(out, r.exact);
    }
    if (r.tolerance) out += ", \"tolerance\": " + std::to_string(*r.tolerance);
    out += ", \"printed\": ";
    if (r.to_fill) {
      out += "null";
    } else if (r.printed_numeric) {
      out += r.printed;
    } else {
      AppendJsonString(out, r.printed);
    }
    out += ", \"unit\": ";
    AppendJsonString(out, r.unit);
    if (r.conventional) {
      out += ", \"conventional\": " + std::to_string(*r.conventional) + ", \"moved_by\": ";
      AppendJsonString(out, r.moved_by);
    }
    if (r.to_fill) out += ", \"to_fill\": true";
    out += "}";
  }
  out += "\n]}\n";
  return out;
}

std::string FiguresCsv(const ReportFigures& figures) {
  std::string out = "year,id,kind,exact,tolerance,printed,unit,conventional,moved_by,to_fill\r\n";
  for (const Record& r : Records(figures)) {
    const std::vector<std::string> fields = {
        std::to_string(r.year), r.id, r.kind, r.exact, r.tolerance ? std::to_string(*r.tolerance) : std::string(),
        r.printed, r.unit, r.conventional ? std::to_string(*r.conventional) : std::string(), r.moved_by,
        r.to_fill ? "true" : ""};
    for (size_t k = 0; k < fields.size(); ++k) {
      if (k > 0) out += ',';
      AppendCsvField(out, fields[k]);
    }
    out += "\r\n";  // RFC 4180
  }
  return out;
}

}  // namespace arsred

#include "calculate.h"

#include <algorithm>
#include <functional>
#include <set>
#include <sstream>

#include "model_walk.h"
#include "report_rounding.h"
#include "rounding.h"
#include "sign_words.h"

namespace arsred {

std::string FormatNumber(int64_t value) { return GroupDigits(value, "\u202F"); }  // narrow no-break space

std::string FormatPercent(int64_t percent) { return FormatNumber(percent) + "\u00A0%"; }

namespace {

const char* kNil = "\u2013";  // en dash: nothing to report in this cell

// An amount as a cell shows it: its value in the column's unit, and whether it is known only to
// the thousand while the column is in kronor.
struct PrintedAmount {
  int64_t value = 0;
  bool approximate = false;
  bool to_fill = false;
  // Exactly nothing, 0 kr: printed "–", as official statistics print a cell with nothing to
  // report; an amount that rounds to 0 tkr but is not nothing prints "0". One rule for every
  // table, where the statements had printed 0 and the driftredovisning "–".
  bool nothing = false;
};

// An amount in a column: in tkr, `rounded` is the report's rounding of it (nullopt: to the
// nearest thousand, for amounts given in tkr).
PrintedAmount PrintedOf(Money m, bool in_tkr, std::optional<int64_t> rounded = std::nullopt) {
  if (m.to_fill) return {0, false, true};
  if (!in_tkr) return {m.kronor, !m.exact(), false, m.kronor == 0};
  return {rounded ? *rounded : NearestTkr(m.kronor), false, false, m.kronor == 0};
}

Cell AmountCell(const std::optional<PrintedAmount>& amount, int sign = 1) {
  if (!amount) return {kNil, true};
  if (amount->to_fill) return {kToFillMark, true};
  if (amount->nothing) return {kNil, true};
  std::string text = FormatNumber(sign * amount->value);
  return {amount->approximate ? kApproximateMark + text : text, true};
}

// Gives the table the footnote that explains a mark, when a cell carries it.
void ExplainMarks(ReportTable& table) {
  bool approximate = false, to_fill = false;
  for (const ReportRow& row : table.rows) {
    for (const Cell& cell : row.cells) {
      approximate = approximate || (cell.numeric && cell.text.rfind(kApproximateMark, 0) == 0);
      to_fill = to_fill || (cell.numeric && cell.text == kToFillMark);
    }
  }
  if (approximate) {
    table.footnote = table.footnote.empty() ? kApproximateFootnote : table.footnote + " " + kApproximateFootnote;
  }
  if (to_fill) table.footnote = table.footnote.empty() ? kToFillFootnote : table.footnote + " " + kToFillFootnote;
}

struct YearFigures {
  FigureTable exact;
  std::map<std::string, int64_t> rounded;  // as printed in tkr
  // The report's rounding of every amount by magnitude (ReportRounding::tkr_of_magnitude), for
  // amounts without a figure: a prior year's note items in kronor printed in tkr.
  const std::map<int64_t, int64_t>* tkr_of_magnitude = nullptr;
};

// "Likvida medel vid årets slut" is the balance sheet's cash, exactly. Derived through the
// cash flow statement instead, it also carries the uncertainty of every amount known only in
// tkr (the result, the provisions), which belongs to the lines that explain the change.
void TakeClosingCashFromBalanceSheet(FigureTable& f) {
  if (!f.Find("br.summa_tillgangar") || !f.Find("kfa.likvida_medel_utgaende")) return;
  Figure closing = *f.Find("kfa.likvida_medel_utgaende");
  closing.money = f.MoneyOr0("br.kassa_och_bank") + f.MoneyOr0("br.kortfristiga_placeringar");
  closing.origin = "kassa och bank and kortfristiga placeringar in the balansräkning";
  Figure flow = *f.Find("kfa.arets_kassaflode");
  flow.money = closing.money - f.MoneyOr0("kfa.likvida_medel_ingaende");
  flow.origin = "likvida medel at the end of the year less at its start";
  f.Set("kfa.likvida_medel_utgaende", closing);
  f.Set("kfa.arets_kassaflode", flow);
}

// The exact figures of every year with a directory, closing cash taken from the balance sheet.
std::map<int, FigureTable> ExactFiguresOfEveryYear(const InputSet& inputs) {
  std::map<int, FigureTable> exact;
  DerivedYears derived(inputs);
  for (const auto& [year, input] : inputs.years) {
    exact[year] = derived.Of(year);
    TakeClosingCashFromBalanceSheet(exact[year]);
  }
  return exact;
}

// What the reports of earlier years printed, each rounded as its own report was (pinned in turn
// by the one before it), so that a figure of an earlier year prints here as it did there. A year
// kept only for comparison had no report of ours, and a report in kronor printed its figures
// exactly: such a year is passed over, and its figures are rounded in the first later report
// that prints them. So is a year whose inputs have errors, which could not be rounded as printed.
// `earlier_in_tkr`: whether an earlier year that does not say (`belopp`) printed in tkr.
std::optional<PrintedBefore> EarlierReports(const InputSet& inputs, const std::map<int, FigureTable>& exact,
                                            bool earlier_in_tkr) {
  int first = inputs.report_year;
  while (inputs.Find(first - 1)) --first;
  std::optional<PrintedBefore> before;
  for (int year = first; year < inputs.report_year; ++year) {
    const YearInput& earlier = *inputs.Find(year);
    const OrgFile& org = earlier.files.forbund;
    const bool own_report_in_tkr = org.omfattning.value == Scope::kAnnualReport &&
                                   (org.belopp ? org.belopp->value == Unit::kTkr : earlier_in_tkr);
    if (!earlier.checkable() || !own_report_in_tkr) continue;
    const ReportRounding rounding = RoundReport(inputs, year, exact, true, before ? &*before : nullptr);
    PrintedBefore printed{year, {}};
    for (const auto& [figures_year, figures] : rounding.years) {
      if (figures_year <= year) printed.tkr[figures_year] = rounding.TkrOf(figures_year);
    }
    before = std::move(printed);
  }
  return before;
}

// Whether a text or a one-line caption of the year quotes a figure in tkr (`{…|tkr}`).
bool QuotesInTkr(const YearFiles& files) {
  bool found = false;
  auto in_text = [&](const Located<Text>& text) {
    for (const Block& block : text.value.doc.blocks) {
      for (const Inline& span : block.inlines) {
        if (span.kind == Inline::Kind::kPlaceholder &&
            std::find(span.formats.begin(), span.formats.end(), "tkr") != span.formats.end()) {
          found = true;
        }
      }
    }
  };
  ValueWalker<Text, decltype(in_text)> texts{in_text};
  WalkYearFiles(texts, files, /*with_corrections=*/false);
  auto in_line = [&](const Located<std::string>& line) {
    if (line.value.find("|tkr") != std::string::npos || line.value.find(",tkr") != std::string::npos) found = true;
  };
  ValueWalker<std::string, decltype(in_line)> lines{in_line};
  WalkYearFiles(lines, files, /*with_corrections=*/false);
  return found;
}

// Figures of every year with a directory, oldest first, and the report's one rounding of them.
// Earlier reports pin their printing also in a report in kr, whose flerårsöversikt may print in
// tkr (a history known only in tkr): a new user's 2025 in kr printed 2024's intäkter 6 084
// where the 2024 report had printed 6 085.
std::map<int, YearFigures> AllYears(const InputSet& inputs, const Presentation& presentation, bool text_in_tkr,
                                    ReportRounding& rounding) {
  const bool statements_in_tkr = presentation.unit == Unit::kTkr;
  std::map<int, FigureTable> exact = ExactFiguresOfEveryYear(inputs);
  const std::optional<PrintedBefore> before =
      EarlierReports(inputs, exact, presentation.unit_unless_said == Unit::kTkr);
  // A report in kr whose text quotes figures in tkr rounds them as a report in tkr would, so that
  // "intäkter 9 542 tkr, kostnader 9 092 tkr, överskott 468 tkr" adds up; where that rounding
  // cannot keep every identity of the statements (amounts given in tkr that do not add up), the
  // statements printed in kronor are not at fault, and the figures are rounded as before.
  if (!statements_in_tkr && text_in_tkr) {
    rounding = RoundReport(inputs, inputs.report_year, exact, true, before ? &*before : nullptr);
    if (!rounding.given_up.empty()) {
      rounding = RoundReport(inputs, inputs.report_year, exact, false, before ? &*before : nullptr);
    }
  } else {
    rounding = RoundReport(inputs, inputs.report_year, exact, statements_in_tkr, before ? &*before : nullptr);
  }
  std::map<int, YearFigures> years;
  for (auto& [year, figures] : exact) {
    years[year].exact = std::move(figures);
    years[year].rounded = rounding.TkrOf(year);
    years[year].tkr_of_magnitude = &rounding.tkr_of_magnitude;
  }
  return years;
}

// Each identity no rounding to tkr keeps, as a warning (calculate.rounding) that says `what`
// follows from it. With errors in the inputs (a cost no driftredovisning row takes, say), the
// figures do not add up in kronor either: the error is the cause, not the tkr.
void ReportIdentitiesGivenUp(const ReportRounding& rounding, const std::string& what, Diagnostics& diagnostics) {
  const bool inputs_wrong = diagnostics.HasErrors();
  for (const ReportRounding::GivenUp& broken : rounding.given_up) {
    diagnostics.Warning("calculate.rounding", broken.where, "",
                        "no rounding to tkr keeps this identity, so " + what + ": " + broken.identity +
                            (inputs_wrong ? ". The inputs have errors, which are the likely cause: mend them first"
                                          : ". An amount given in whole tkr prints as given: give these amounts in kr, "
                                            "or mend the tkr amount that is off"));
  }
}

class TableBuilder {
 public:
  TableBuilder(const InputSet& inputs, const std::map<int, YearFigures>& years, const Presentation& presentation)
      : inputs_(inputs),
        years_(years),
        presentation_(presentation),
        year_(inputs.report_year),
        in_kronor_(presentation.unit == Unit::kKr) {
    current_ = &years_.at(year_);
    auto prior = years_.find(year_ - 1);
    prior_ = prior == years_.end() ? nullptr : &prior->second;
  }

  std::vector<std::string> NoteOrder() {
    // Notes are numbered in the order the statements refer to them: resultaträkning,
    // balansräkning, then ansvarsförbindelser; a note on several lines takes its first.
    std::vector<std::string> order;
    for (const std::string& line : StatementLines()) {
      for (const Note& note : accounts().noter) {
        for (const auto& a : note.avser) {
          if (a.value == line && std::find(order.begin(), order.end(), note.id.value.name) == order.end()) {
            order.push_back(note.id.value.name);
          }
        }
      }
    }
    for (const Note& note : accounts().noter) {
      if (std::find(order.begin(), order.end(), note.id.value.name) == order.end()) order.push_back(note.id.value.name);
    }
    note_order_ = order;
    return order;
  }

  std::string NoteNumberOf(const std::string& statement_line) const {
    for (size_t i = 0; i < note_order_.size(); ++i) {
      for (const Note& note : accounts().noter) {
        if (note.id.value.name != note_order_[i]) continue;
        for (const auto& a : note.avser) {
          if (a.value == statement_line) return std::to_string(i + 1);
        }
      }
    }
    return "";
  }

  // The labels of the statement lines a note annotates, by the name its items' `rad` gives
  // them, in the order of its `avser` ("balansrakning.fordringar" -> {"fordringar", "Fordringar"}).
  std::vector<std::pair<std::string, std::string>> LineLabels(const Note& note) const {
    std::vector<std::pair<std::string, std::string>> labels;
    for (const auto& annotated : note.avser) {
      const std::string& name = annotated.value;
      for (const Statement& statement : Statements()) {
        for (const StatementLine& line : statement.lines) {
          if (line.input_line == name) labels.emplace_back(name.substr(name.find('.') + 1), LabelOf(line));
        }
      }
    }
    return labels;
  }

  std::string LabelOf(const StatementLine& line) const {
    auto renamed = presentation_.labels.find(std::string(line.figure));
    return renamed != presentation_.labels.end() ? renamed->second : std::string(line.label);
  }

  std::string TitleOf(std::string_view id, std::string_view title) const {
    auto renamed = presentation_.titles.find(std::string(id));
    return renamed != presentation_.titles.end() ? renamed->second : std::string(title);
  }

  ReportRow AmountRow(const StatementLine& line) const {
    ReportRow row;
    row.style = line.style;
    row.indent = line.indent;
    row.cells.push_back({LabelOf(line), false});
    row.cells.push_back({line.input_line.empty() ? "" : NoteNumberOf(std::string(line.input_line)), false});
    auto cell = [&](const YearFigures* y) -> Cell {
      if (!y) return {"", true};
      return AmountCell(Printed(y, std::string(line.figure)), line.sign);
    };
    row.cells.push_back(cell(current_));
    if (prior_) row.cells.push_back(cell(prior_));
    return row;
  }

  // A money figure as the statements print it: exact kronor (an amount known only in tkr, as its
  // thousands), or the report's rounding in tkr.
  std::optional<PrintedAmount> Printed(const YearFigures* y, const std::string& figure) const {
    const Figure* exact = y->exact.Find(figure);
    if (!exact) return std::nullopt;
    if (in_kronor_ || exact->money.to_fill) return PrintedOf(exact->money, !in_kronor_);
    auto it = y->rounded.find(figure);
    if (it == y->rounded.end()) return std::nullopt;
    return PrintedAmount{it->second, false, false, exact->money.kronor == 0};
  }

  std::string UnitHead() const { return in_kronor_ ? kAmountsInKr : kAmountsInTkr; }

  bool Present(std::string_view figure) const {
    auto nonzero = [&](const YearFigures* y) {
      if (!y) return false;
      const Figure* f = y->exact.Find(std::string(figure));
      return f && f->money.kronor != 0;
    };
    return nonzero(current_) || nonzero(prior_);
  }

  bool GroupPresent(const Statement& statement, std::string_view group) const {
    for (const StatementLine& line : statement.lines) {
      if (line.group == group && !line.figure.empty() && Present(line.figure)) return true;
    }
    return false;
  }

  ReportTable StatementTable(const Statement& statement, const std::string& current_head,
                             const std::string& prior_head) const {
    ReportTable t;
    t.id = statement.id;
    t.title = TitleOf(statement.id, statement.title);
    t.unit = UnitHead();
    t.has_note_column = true;
    std::vector<HeadCell> head{{t.unit}, {"Not"}, {current_head}};
    if (prior_) head.push_back({prior_head});
    t.head.push_back(head);
    t.numeric_columns = {false, false, true};
    if (prior_) t.numeric_columns.push_back(true);
    for (const StatementLine& line : statement.lines) {
      if (!line.group.empty() && !GroupPresent(statement, line.group)) continue;
      if (line.style == RowStyle::kSection) {
        ReportRow row;
        row.style = RowStyle::kSection;
        row.indent = line.indent;
        row.cells.push_back({std::string(line.label), false});
        t.rows.push_back(row);
        continue;
      }
      if (!line.always && !Present(line.figure)) continue;
      t.rows.push_back(AmountRow(line));
    }
    // A statement none of whose lines has a note (the kassaflödesanalys, as a rule) prints no
    // empty Not column.
    const bool any_note = std::any_of(t.rows.begin(), t.rows.end(), [](const ReportRow& row) {
      return row.cells.size() > 1 && !row.cells[1].text.empty();
    });
    if (!any_note) {
      t.has_note_column = false;
      for (auto& head_row : t.head) head_row.erase(head_row.begin() + 1);
      t.numeric_columns.erase(t.numeric_columns.begin() + 1);
      for (ReportRow& row : t.rows) {
        if (row.cells.size() > 1) row.cells.erase(row.cells.begin() + 1);
      }
    }
    return t;
  }

  std::string Period(int y) const {
    return std::to_string(y) + "-01-01\u2013" + std::to_string(y) + "-12-31";
  }

  // The resultaträkning, the balansräkning and the kassaflödesanalys, each with its year heads.
  std::vector<ReportTable> StatementTables() const {
    std::vector<ReportTable> tables;
    for (const Statement& statement : Statements()) {
      if (statement.id == "resultatrakning") {
        tables.push_back(StatementTable(statement, Period(year_), Period(year_ - 1)));
      } else if (statement.id == "balansrakning") {
        tables.push_back(StatementTable(statement, std::to_string(year_) + "-12-31", std::to_string(year_ - 1) + "-12-31"));
      } else {
        tables.push_back(StatementTable(statement, std::to_string(year_), std::to_string(year_ - 1)));
      }
    }
    return tables;
  }

  // A table of amounts from rakenskaper.yaml, in the statements' unit, each column summed.
  ReportTable MoneyTableOf(const MoneyTable& table) const {
    ReportTable t;
    t.id = "belopp." + table.id.value.name;
    t.title = table.rubrik.value;
    t.unit = UnitHead();
    std::vector<HeadCell> head{{t.unit}};
    for (const auto& column : table.kolumner) head.push_back({column.value});
    t.head.push_back(head);
    t.numeric_columns.assign(head.size(), true);
    t.numeric_columns[0] = false;
    auto cell = [&](const std::string& name) -> Cell {
      const bool prior = name.rfind("fg.", 0) == 0;
      const YearFigures* y = prior ? prior_ : current_;
      return AmountCell(y ? Printed(y, prior ? name.substr(3) : name) : std::nullopt);
    };
    for (size_t r = 0; r < table.rader.size(); ++r) {
      ReportRow row;
      row.cells.push_back({table.rader[r].text.value, false});
      for (size_t c = 0; c < table.kolumner.size(); ++c) row.cells.push_back(cell(MoneyCellFigure(table, r, c)));
      t.rows.push_back(row);
    }
    if (!table.summa || table.summa->value) {
      ReportRow sum;
      sum.style = RowStyle::kTotal;
      sum.cells.push_back({table.summa_text ? table.summa_text->value : "Summa", false});
      for (size_t c = 0; c < table.kolumner.size(); ++c) sum.cells.push_back(cell(MoneyTableSumFigure(table, c)));
      t.rows.push_back(sum);
    }
    return t;
  }

  // The investeringsredovisning (LKBR 10 kap.): the year's net investments, the amount the cash
  // flow's investeringsverksamhet prints, as a cost is signed in a budget (what was invested,
  // positive). A year without any says so under the table, as the law's part still asks.
  ReportTable InvestmentTable() const {
    ReportTable t;
    t.id = "investeringsredovisning";
    t.title = TitleOf("investeringsredovisning", "Investeringsredovisning");
    t.unit = UnitHead();
    std::vector<HeadCell> head{{t.unit}, {std::to_string(year_)}};
    if (prior_) head.push_back({std::to_string(year_ - 1)});
    t.head.push_back(head);
    t.numeric_columns.assign(head.size(), true);
    t.numeric_columns[0] = false;
    ReportRow row;
    row.cells.push_back({"Nettoinvesteringar", false});
    for (const YearFigures* y : {current_, prior_}) {
      if (y) row.cells.push_back(AmountCell(Printed(y, "kfa.investeringsverksamhet"), -1));
    }
    t.rows.push_back(row);
    const Figure* invested = current_->exact.Find("kfa.investeringsverksamhet");
    if (!invested || (!invested->money.to_fill && invested->money.kronor == 0)) {
      t.footnote = "Förbundet har inte gjort några investeringar under " + std::to_string(year_) + ".";
    }
    ExplainMarks(t);
    return t;
  }

  ReportTable DriftTable() const {
    const auto& drift = inputs_.report().files.budget.driftredovisning;
    ReportTable t;
    t.id = "driftredovisning";
    t.title = TitleOf("driftredovisning", "Driftredovisning");
    t.unit = UnitHead();
    bool with_prior = prior_ && prior_->exact.Find("drift.resultat.utfall");
    std::vector<HeadCell> head{{t.unit}, {"Utfall " + std::to_string(year_)}, {"Budget " + std::to_string(year_)},
                               {"Avvikelse utfall\u2013budget"}};
    if (with_prior) {
      head.push_back({"Utfall " + std::to_string(year_ - 1)});
      head.push_back({"Budget " + std::to_string(year_ - 1)});
      head.push_back({"Avvikelse utfall\u2013budget"});
    }
    t.head.push_back(head);
    t.numeric_columns.assign(head.size(), true);
    t.numeric_columns[0] = false;
    auto row = [&](const std::string& figure, const std::string& label, RowStyle style, int indent) {
      ReportRow r;
      r.style = style;
      r.indent = indent;
      r.cells.push_back({label, false});
      for (const YearFigures* y : {current_, with_prior ? prior_ : nullptr}) {
        if (!y) continue;
        for (const char* column : {".utfall", ".budget", ".avvikelse"}) {
          std::optional<PrintedAmount> value = Printed(y, figure + column);
          r.cells.push_back(AmountCell(value));
        }
      }
      t.rows.push_back(r);
    };
    auto section = [&](const char* label) {
      ReportRow r;
      r.style = RowStyle::kSection;
      r.cells.push_back({label, false});
      t.rows.push_back(r);
    };
    section("Verksamhetens intäkter");
    for (const DriftRow& d : drift->rader) {
      if (d.typ.value == DriftKind::kIncome) row("drift." + d.id.value.name, d.text.value, RowStyle::kBody, 1);
    }
    section("Verksamhetens kostnader");
    for (const DriftRow& d : drift->rader) {
      if (d.typ.value == DriftKind::kCost) row("drift." + d.id.value.name, d.text.value, RowStyle::kBody, 1);
    }
    row("drift.nettokostnad", "Verksamhetens nettokostnad", RowStyle::kSubtotal, 0);
    // Rows the resultaträkning of either year calls for (Drift in figures.cc).
    auto either_year_has = [&](const std::string& figure) {
      return current_->exact.Find(figure) || (with_prior && prior_->exact.Find(figure));
    };
    if (either_year_has("drift.avskrivningar.utfall")) row("drift.avskrivningar", "Avskrivningar", RowStyle::kBody, 0);
    row("drift.finansiella_poster", "Finansiella poster", RowStyle::kBody, 0);
    if (either_year_has("drift.extraordinara_poster.utfall")) {
      row("drift.extraordinara_poster", "Extraordinära poster", RowStyle::kBody, 0);
    }
    row("drift.resultat", "Resultat", RowStyle::kTotal, 0);
    return t;
  }

 private:
  const AccountsFile& accounts() const { return inputs_.report().files.rakenskaper; }

  const InputSet& inputs_;
  const std::map<int, YearFigures>& years_;
  const Presentation& presentation_;
  int year_;
  const YearFigures* current_;
  const YearFigures* prior_;
  bool in_kronor_;
  std::vector<std::string> note_order_;
};

}  // namespace

namespace {

struct NoteLine {
  std::string key;    // id, or the label when the item has no id
  std::string label;
  std::string line;   // the statement line it belongs to (`rad`), in a note of several
  std::optional<PrintedAmount> current, prior;  // as printed, in the note's unit
  // A sub-item of a year whose item was not broken down: its cell is left empty, not "–", which
  // would say that nothing of the item was of this kind.
  bool current_not_itemised = false, prior_not_itemised = false;
  int indent = 0;
  RowStyle style = RowStyle::kBody;
  std::vector<NoteLine> children;
};

// The lines of a note, printed in kr or in tkr. Items of a note in tkr are given in tkr, so they
// are whole thousands and print as given.
// A note's items as lines; in tkr, each as the report's rounding prints its amount, where it
// has one (`tkr_of_magnitude`), else to the nearest thousand.
std::vector<NoteLine> LinesOf(const std::vector<NoteItem>& items, bool in_tkr,
                              const std::map<int64_t, int64_t>* tkr_of_magnitude) {
  auto printed = [&](Money m) {
    std::optional<int64_t> rounded;
    if (in_tkr && tkr_of_magnitude) {
      auto it = tkr_of_magnitude->find(std::llabs(m.kronor));
      if (it != tkr_of_magnitude->end()) rounded = m.kronor < 0 ? -it->second : it->second;
    }
    return PrintedOf(m, in_tkr, rounded);
  };
  std::vector<NoteLine> lines;
  for (const NoteItem& item : items) {
    NoteLine line;
    line.key = item.id ? item.id->value.name : item.text.value;
    line.label = item.text.value;
    line.line = item.rad ? item.rad->value.name : "";
    line.current = printed(NoteItemAmount(item));
    for (const NoteSubItem& sub : item.poster) {
      NoteLine child;
      child.key = sub.text.value;
      child.label = sub.text.value;
      child.current = printed(sub.belopp.value);
      child.indent = 1;
      line.children.push_back(child);
    }
    lines.push_back(line);
  }
  return lines;
}

// Puts the prior year's lines beside this year's: matched by key, and a line only the prior
// year has goes after the line it followed there, so both columns keep their order.
void MergePrior(std::vector<NoteLine>& lines, std::vector<NoteLine> prior) {
  size_t cursor = 0;
  for (NoteLine& p : prior) {
    auto match = std::find_if(lines.begin(), lines.end(), [&](const NoteLine& l) { return l.key == p.key; });
    if (match != lines.end()) {
      match->prior = p.current;
      const bool itemised_now = !match->children.empty(), itemised_then = !p.children.empty();
      MergePrior(match->children, p.children);
      for (NoteLine& child : match->children) {
        child.prior_not_itemised = itemised_now && !itemised_then && p.current.has_value();
        child.current_not_itemised = itemised_then && !itemised_now && match->current.has_value();
      }
      cursor = static_cast<size_t>(match - lines.begin()) + 1;
      continue;
    }
    NoteLine only_prior = p;
    only_prior.prior = p.current;
    only_prior.current.reset();
    for (NoteLine& child : only_prior.children) {
      child.prior = child.current;
      child.current.reset();
    }
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(cursor), only_prior);
    ++cursor;
  }
}

const Note* FindNote(const YearInput* year, const std::string& id) {
  if (!year) return nullptr;
  for (const Note& note : year->files.rakenskaper.noter) {
    if (note.id.value.name == id) return &note;
  }
  return nullptr;
}

// The sum of the lines' amounts in one column, as printed: approximate or still to fill in
// where one of them is.
std::optional<PrintedAmount> SumOf(const std::vector<const NoteLine*>& lines,
                                   std::optional<PrintedAmount> NoteLine::*column) {
  std::optional<PrintedAmount> sum;
  for (const NoteLine* line : lines) {
    const std::optional<PrintedAmount>& amount = line->*column;
    if (!amount) continue;
    if (!sum) sum = PrintedAmount{0, false, false, true};
    sum->value += amount->value;
    sum->approximate = sum->approximate || amount->approximate;
    sum->to_fill = sum->to_fill || amount->to_fill;
    sum->nothing = sum->nothing && amount->nothing;
  }
  return sum;
}

// Whether a note's item has nothing to say: no amount but 0 in either year, its sub-items none
// either. Such an item is left out, as the statements leave out a line of nothing (Present),
// and as ÅRL 3 kap. 4 § asks of a company's: a row of zeros only lengthens the note.
bool Empty(const NoteLine& line) {
  auto zero = [](const std::optional<PrintedAmount>& amount) {
    return !amount || (amount->value == 0 && !amount->to_fill);
  };
  return zero(line.current) && zero(line.prior) &&
         std::all_of(line.children.begin(), line.children.end(), [](const NoteLine& child) { return Empty(child); });
}

// Whether the statement lines a note annotates (`avser`, "balansrakning.fordringar") all stand
// under one heading of one statement, so that their sum means something: fordringar and kassa
// och bank are the omsättningstillgångar, while fordringar and kortfristiga skulder add an asset
// to a debt.
bool LinesAddUp(const Note& note) {
  std::set<std::pair<std::string_view, std::string_view>> places;  // statement, section heading
  for (const auto& annotated : note.avser) {
    for (const Statement& statement : Statements()) {
      std::string_view section;
      for (const StatementLine& line : statement.lines) {
        if (line.style == RowStyle::kSection) section = line.label;
        if (line.input_line == annotated.value) places.insert({statement.id, section});
      }
    }
  }
  return places.size() <= 1;
}

// What the prior year's column of an anlaggning note can show: all of it, from the prior year's
// note of the same id; only the closing balances, which are this year's opening ones, when the
// prior year had no such note (its opening balances and movements are not known); nothing.
enum class Column { kFromPriorNote, kClosingsOnly, kNone };

// The rows of an anlaggning note (RKR R4): the acquisition value from its opening balance
// through the year's movements (`movements`, the note's poster) to its closing balance; the
// accumulated depreciation likewise through the year's depreciation and its own movements
// (`depreciation_movements`, its avskrivningsposter); the
// redovisat värde, their sum, which is the balance-sheet line.
template <class FigureOf, class Add>
void FixedAssetRows(const Note& note, const std::vector<NoteLine>& movements,
                    const std::vector<NoteLine>& depreciation_movements, Column prior_column,
                    const FigureOf& figure, const YearFigures* current, const YearFigures* prior_figures,
                    const Add& add) {
  const std::string base = "not." + note.id.value.name;
  // A row of the note's figure `name`. `prior_closing_from` is what a row prints in the prior
  // column when the prior year has no such note: this year's opening figure of the same part
  // (".ingaende_..."), the prior year's balance-sheet line ("br.LINE"), or its resultaträkning's
  // avskrivningar ("rr.avskrivningar", given positive, printed negative as the note's).
  auto row = [&](const std::string& label, const std::string& name, RowStyle style,
                 const std::string& prior_closing_from = "") {
    NoteLine line;
    line.label = label;
    line.style = style;
    line.current = figure(current, base + name);
    if (prior_column == Column::kFromPriorNote) {
      line.prior = figure(prior_figures, base + name);
    } else if (prior_column == Column::kClosingsOnly) {
      if (!prior_closing_from.empty()) {
        // A balance-sheet line the prior year does not have is nil, and prints "–".
        const bool of_prior_year = prior_closing_from.rfind("br.", 0) == 0 || prior_closing_from.rfind("rr.", 0) == 0;
        line.prior = of_prior_year ? figure(prior_figures, prior_closing_from) : figure(current, base + prior_closing_from);
        if (line.prior && prior_closing_from == "rr.avskrivningar") line.prior->value = -line.prior->value;
      } else {
        line.prior_not_itemised = true;  // not known: an empty cell, not "–"
      }
    }
    add(line);
  };
  auto movement_rows = [&](const std::vector<NoteLine>& lines) {
    for (NoteLine line : lines) {
      line.prior_not_itemised = prior_column == Column::kClosingsOnly;
      add(line);
      for (NoteLine child : line.children) {
        child.prior_not_itemised = line.prior_not_itemised || child.prior_not_itemised;
        add(child);
      }
    }
  };
  row("Ingående anskaffningsvärde", ".ingaende_anskaffningsvarde", RowStyle::kBody);
  movement_rows(movements);
  row("Utgående anskaffningsvärde", ".utgaende_anskaffningsvarde", RowStyle::kSubtotal,
      ".ingaende_anskaffningsvarde");
  row("Ingående ackumulerade avskrivningar", ".ingaende_avskrivningar", RowStyle::kBody);
  row("Årets avskrivningar", ".arets_avskrivningar", RowStyle::kBody, "rr.avskrivningar");
  movement_rows(depreciation_movements);
  row("Utgående ackumulerade avskrivningar", ".utgaende_avskrivningar", RowStyle::kSubtotal,
      ".ingaende_avskrivningar");
  const std::string line =
      note.avser.empty() ? "" : "br." + note.avser[0].value.substr(note.avser[0].value.find('.') + 1);
  row("Redovisat värde", ".summa", RowStyle::kTotal, line);
}

// `line_labels`: the labels of the statement lines the note annotates, by `rad` ("fordringar"
// -> "Fordringar"). A note of several lines prints each line's items together, under their sum
// ("Summa fordringar"), so that each can be read against its line of the statement; the note's
// own Summa only where those lines add up (LinesAddUp).
ReportTable NoteTable(const Note& note, int number, const YearInput* prior_year, int year,
                      const YearFigures& current, const YearFigures* prior_figures,
                      const std::vector<std::pair<std::string, std::string>>& line_labels) {
  bool in_tkr = note.enhet && note.enhet->value == Unit::kTkr;
  ReportTable t;
  t.id = "not." + note.id.value.name;
  t.title = "Not " + std::to_string(number) + " " + note.rubrik.value;
  t.unit = in_tkr ? kAmountsInTkr : kAmountsInKr;
  const Note* prior = FindNote(prior_year, note.id.value.name);
  std::vector<HeadCell> head{{t.unit}, {std::to_string(year)}};
  if (prior_year) head.push_back({std::to_string(year - 1)});
  t.head.push_back(head);
  t.numeric_columns.assign(head.size(), true);
  t.numeric_columns[0] = false;

  // An anlaggning note's movements are not the items of a note of another kind.
  const bool prior_alike = prior && IsFixedAssetNote(*prior) == IsFixedAssetNote(note);
  auto lines_of = [&](std::vector<NoteItem> Note::*items) {
    std::vector<NoteLine> lines = LinesOf(note.*items, in_tkr, current.tkr_of_magnitude);
    if (prior_alike) MergePrior(lines, LinesOf((*prior).*items, in_tkr, current.tkr_of_magnitude));
    std::erase_if(lines, [](const NoteLine& line) { return Empty(line); });
    for (NoteLine& line : lines) std::erase_if(line.children, [](const NoteLine& child) { return Empty(child); });
    return lines;
  };
  std::vector<NoteLine> lines = lines_of(&Note::poster);
  auto cell = [&](const std::optional<PrintedAmount>& value) { return AmountCell(value); };
  // A prior year that kept no such note (a comparison year given only its statements): its items
  // are not known and print empty cells, not "–" (nothing), unless its lines were nothing; its
  // sums print the statement lines.
  bool prior_items_unknown = prior_year && !prior;
  auto add = [&](const NoteLine& line) {
    ReportRow row;
    row.indent = line.indent;
    row.style = line.style;
    row.cells.push_back({line.label, false});
    row.cells.push_back(line.current_not_itemised ? Cell{"", true} : cell(line.current));
    const bool prior_unknown =
        line.prior_not_itemised || (prior_items_unknown && line.style != RowStyle::kSubtotal && line.style != RowStyle::kTotal);
    if (prior_year) row.cells.push_back(prior_unknown ? Cell{"", true} : cell(line.prior));
    t.rows.push_back(row);
  };
  const std::string base = "not." + note.id.value.name;
  // A figure of the note (its opening balance, its total): in tkr, as the report rounds it.
  auto figure = [&](const YearFigures* y, const std::string& name) -> std::optional<PrintedAmount> {
    if (!y) return std::nullopt;
    const Figure* f = y->exact.Find(name);
    if (!f) return std::nullopt;
    auto it = y->rounded.find(name);
    return PrintedOf(f->money, in_tkr, it != y->rounded.end() ? std::optional<int64_t>(it->second) : std::nullopt);
  };
  // The prior year's statement line that the note's line `rad` (its only one, when empty) breaks down.
  auto prior_statement_line = [&](const std::string& rad) -> std::optional<PrintedAmount> {
    for (const auto& annotated : note.avser) {
      if (!rad.empty() && annotated.value.substr(annotated.value.find('.') + 1) != rad) continue;
      for (const Statement& statement : Statements()) {
        for (const StatementLine& line : statement.lines) {
          if (line.input_line == annotated.value) return figure(prior_figures, std::string(line.figure));
        }
      }
    }
    return std::nullopt;
  };
  if (prior_items_unknown) {
    prior_items_unknown = std::any_of(note.avser.begin(), note.avser.end(), [&](const auto& annotated) {
      const std::optional<PrintedAmount> amount =
          prior_statement_line(annotated.value.substr(annotated.value.find('.') + 1));
      return amount && !amount->nothing;
    });
  }
  if (IsFixedAssetNote(note)) {
    FixedAssetRows(note, lines, lines_of(&Note::avskrivningsposter),
                   prior_year ? (prior_alike ? Column::kFromPriorNote : Column::kClosingsOnly) : Column::kNone, figure,
                   &current, prior_figures, add);
    if (note.avskrivningstid) {
      t.footnote = "Avskrivningstid: " + std::to_string(note.avskrivningstid->value) + " år (linjär avskrivning).";
    }
    return t;
  }
  bool provision = note.typ && note.typ->value == NoteKind::kProvision;
  if (provision) {
    NoteLine opening;
    opening.label = "Ingående avsättning";
    opening.current = figure(&current, base + ".ingaende");
    opening.prior = figure(prior_figures, base + ".ingaende");
    add(opening);
  }
  auto add_with_children = [&](const NoteLine& line) {
    add(line);
    for (const NoteLine& child : line.children) add(child);
  };
  std::set<std::string> lines_used;
  for (const NoteLine& line : lines) lines_used.insert(line.line);
  if (lines_used.size() < 2 || lines_used.count("")) {
    for (const NoteLine& line : lines) add_with_children(line);
  } else {
    for (const auto& [rad, label] : line_labels) {
      std::vector<const NoteLine*> group;
      for (const NoteLine& line : lines) {
        if (line.line == rad) group.push_back(&line);
      }
      if (group.empty()) continue;
      for (const NoteLine* line : group) add_with_children(*line);
      NoteLine sum;
      sum.label = "Summa " + LowerLatin1(label);
      sum.current = SumOf(group, &NoteLine::current);
      sum.prior = prior_items_unknown ? prior_statement_line(rad) : SumOf(group, &NoteLine::prior);
      sum.style = RowStyle::kSubtotal;
      add(sum);
    }
    // An item of a line the note does not name (check refuses it: note.item_line) is not left out.
    for (const NoteLine& line : lines) {
      const bool named = std::any_of(line_labels.begin(), line_labels.end(),
                                     [&](const auto& labelled) { return labelled.first == line.line; });
      if (!named) add_with_children(line);
    }
  }
  if (!LinesAddUp(note)) return t;
  NoteLine total;
  total.label = provision ? "Utgående avsättning" : "Summa";
  total.current = figure(&current, base + ".summa");
  total.prior = figure(prior_figures, base + ".summa");
  total.style = RowStyle::kTotal;
  if (prior_items_unknown) {
    total.prior.reset();
    if (note.avser.size() == 1) total.prior = prior_statement_line("");
  }
  add(total);
  return t;
}

std::string ColumnLabel(const std::string& column) {
  if (column == "alla") return "Alla";
  if (column == "kvinnor") return "Kvinnor";
  if (column == "man") return "Män";
  if (column == "ovriga") return "Övriga";
  return column;
}

ReportTable CountTableOf(const CountTable& table, int year, const FigureTable& exact, const FigureTable* prior_exact) {
  ReportTable t;
  t.id = "tabell." + table.id.value.name;
  t.title = table.rubrik.value;
  std::vector<std::string> columns;
  for (const auto& c : table.kolumner) columns.push_back(c.value.name);
  bool with_prior = table.jamforelse && table.jamforelse->value && prior_exact;
  const std::string base = "tabell." + table.id.value.name + ".";
  if (columns.empty()) {
    columns = {"alla", "kvinnor", "man"};
    // Participants of another or unknown gender get a column of their own wherever the table
    // counts any, in either year printed: without it a row's Alla is not the sum of its parts.
    auto counts_others = [&](const FigureTable* f) {
      return f && std::any_of(table.rader.begin(), table.rader.end(), [&](const CountRow& row) {
               const Figure* others = f->Find(base + row.id.value.name + ".ovriga");
               return others && (others->missing() || others->count != 0);
             });
    };
    if (counts_others(&exact) || (with_prior && counts_others(prior_exact))) columns.push_back("ovriga");
  }
  std::string share_of;
  for (const CountRow& row : table.rader) {
    if (table.andel_av && row.id.value.name == table.andel_av->value.name) share_of = LowerLatin1(row.text.value);
  }
  // The year's counts, then their shares (the year's own), then the prior year's counts: under
  // a comparison year's head the shares would read as of that year.
  const size_t share_columns = table.andel_av ? columns.size() : 0;
  const int group = static_cast<int>(columns.size());
  // Each group of columns (the counts, their shares, the prior year's counts) under the same
  // column names.
  const int groups = 1 + (table.andel_av ? 1 : 0) + (with_prior ? 1 : 0);
  std::vector<HeadCell> labels{{""}};
  for (int g = 0; g < groups; ++g) {
    for (const auto& c : columns) labels.push_back({ColumnLabel(c)});
  }
  if (with_prior) {
    t.head.push_back({{""}, {std::to_string(year), group + static_cast<int>(share_columns)},
                      {std::to_string(year - 1), group}});
  }
  if (table.andel_av) {
    // The shares stand under one head that says what they are shares of ("Andel av avslutade
    // deltagare" over Alla, Kvinnor and Män), and the counts under "Antal", as a year stands
    // over its columns: three heads of their own ("Andel av kvinnor") broke into four lines in
    // a table with a comparison year.
    std::vector<HeadCell> shares{{""}, {"Antal", group}, {"Andel av " + share_of, group}};
    if (with_prior) shares.push_back({"Antal", group});
    t.head.push_back(shares);
  }
  t.head.push_back(labels);
  t.numeric_columns.assign(labels.size(), true);
  t.numeric_columns[0] = false;
  bool base_passed = false;  // the andel_av row
  for (const CountRow& row : table.rader) {
    ReportRow r;
    r.indent = row.indrag ? static_cast<int>(row.indrag->value) : 0;
    r.cells.push_back({row.text.value, false});
    auto count = [&](const FigureTable* f, const std::string& column) -> Cell {
      const Figure* fig = f ? f->Find(base + row.id.value.name + "." + column) : nullptr;
      if (fig && fig->missing()) return {kToFillMark, true};
      if (fig) return {FormatNumber(fig->count), true};
      // A row the year's table does not have reports nothing: "–". A split the row does not make
      // (alla alone) is not known, and left empty, but for Övriga where women and men make up all.
      auto given = [&](const char* c) { return f ? f->Find(base + row.id.value.name + "." + c) : nullptr; };
      const Figure *all = given("alla"), *women = given("kvinnor"), *men = given("man");
      if (!all) return {kNil, true};
      const bool none_other = column == "ovriga" && women && men && all->count == women->count + men->count;
      return {none_other ? kNil : "", true};
    };
    for (const auto& c : columns) r.cells.push_back(count(&exact, c));
    if (table.andel_av) {
      // Shares are of the base row, for the rows under it: what became of those it counts
      // ("Till arbete/studier" of "Avslutade deltagare"). A row above it is no part of it.
      const bool is_base = row.id.value.name == table.andel_av->value.name;
      const bool under_base = base_passed;
      base_passed = base_passed || is_base;
      for (const auto& c : columns) {
        const Figure* share = exact.Find(base + row.id.value.name + ".andel_" + c);
        std::string text = !under_base || !share ? ""
                           : share->missing() ? kToFillMark
                                              : FormatPercent(share->Percent());
        r.cells.push_back({text, true});
      }
    }
    if (with_prior) {
      for (const auto& c : columns) r.cells.push_back(count(prior_exact, c));
    }
    t.rows.push_back(r);
  }
  return t;
}

}  // namespace

namespace {

// A table with one head row: a label column, then one numeric column per head.
ReportTable TableWithHead(std::string id, std::string title, std::string corner, const std::vector<std::string>& heads) {
  ReportTable t;
  t.id = std::move(id);
  t.title = std::move(title);
  std::vector<HeadCell> head{{std::move(corner)}};
  for (const std::string& h : heads) head.push_back({h});
  t.head.push_back(head);
  t.numeric_columns.assign(head.size(), true);
  t.numeric_columns[0] = false;
  return t;
}

ReportTable SeriesTable(const TimeSeries& series, const InputSet& inputs, const std::map<int, YearFigures>& years) {
  std::vector<std::string> heads;
  for (const SeriesColumn& c : series.kolumner) heads.push_back(c.text.value);
  ReportTable t = TableWithHead("tidsserie." + series.id.value.name, series.rubrik.value, "År", heads);
  for (int y = static_cast<int>(series.fran_ar.value); y <= inputs.report_year; ++y) {
    ReportRow r;
    r.cells.push_back({std::to_string(y), false});
    const SeriesRow* history = nullptr;
    for (const SeriesRow& h : series.historik) {
      if (h.ar.value == y) history = &h;
    }
    auto own = years.find(y);
    for (const SeriesColumn& c : series.kolumner) {
      // A year whose table has no such row, or a historik row that leaves the column out, reports
      // nothing: "–", as the 2020 report printed 2017's and 2019's individinriktade insatser. A
      // split the row does not make (alla alone, no kvinnor) is not known, and left empty.
      std::string text;
      const Figure* f = own != years.end() ? own->second.exact.Find("tabell." + c.kalla.value) : nullptr;
      if (f) {
        text = f->missing() ? kToFillMark : FormatNumber(f->count);
      } else if (own != years.end()) {
        const std::string row = c.kalla.value.substr(0, c.kalla.value.rfind('.'));
        text = own->second.exact.Find("tabell." + row + ".alla") ? "" : kNil;
      } else if (history) {
        text = kNil;
        for (const auto& [column, value] : history->varden.entries) {
          if (column.value.name == c.id.value.name) text = FormatNumber(value.value);
        }
      }
      r.cells.push_back({text, true});
    }
    t.rows.push_back(r);
  }
  return t;
}

// The shares are the survey's figures (figures.cc), which prose quotes too.
ReportTable SurveyTable(const Survey& survey, const FigureTable& figures) {
  ReportTable t;
  t.id = "enkat." + survey.id.value.name;
  t.title = "";
  int64_t n = survey.negativt.value + survey.varken_eller.value + survey.positivt.value;
  const bool to_fill = survey.negativt.to_fill || survey.varken_eller.to_fill || survey.positivt.to_fill;
  std::string group = survey.grupp.value + " (n=" + (to_fill ? std::string(kToFillMark) : std::to_string(n)) + ")";
  // The group and its size head both number columns; under it, what each column counts.
  t.head.push_back({{""}, {group, 2}});
  t.head.push_back({{"Svar"}, {"Antal"}, {"Andel"}});
  t.numeric_columns = {false, true, true};
  const std::vector<int64_t> counts{survey.negativt.value, survey.varken_eller.value, survey.positivt.value};
  const char* labels[] = {"Negativt", "Varken eller", "Positivt"};
  const char* names[] = {"negativt", "varken_eller", "positivt"};
  const bool filled[] = {!survey.negativt.to_fill, !survey.varken_eller.to_fill, !survey.positivt.to_fill};
  for (size_t i = 0; i < 3; ++i) {
    const Figure* share = figures.Find(t.id + ".andel_" + names[i]);
    const std::string percent = to_fill ? kToFillMark : share ? FormatPercent(share->Percent()) : kNil;
    t.rows.push_back({{{labels[i], false}, {filled[i] ? FormatNumber(counts[i]) : kToFillMark, true}, {percent, true}}});
  }
  ReportRow total{{{"Totalt", false},
                   {to_fill ? kToFillMark : FormatNumber(n), true},
                   {to_fill ? kToFillMark : FormatPercent(n > 0 ? 100 : 0), true}}};
  total.style = RowStyle::kTotal;
  t.rows.push_back(total);
  return t;
}

// One row per category and one column per measurement (före, efter): the categories' names are
// long and many, and as column heads they broke into pieces of words. Under them, how many
// persons each measurement's percentages are of, where the inputs say.
ReportTable DistributionTable(const Distribution& d) {
  std::vector<std::string> heads;
  for (const Measurement& m : d.matningar) heads.push_back(m.text.value);
  ReportTable t = TableWithHead("fordelning." + d.id.value.name, d.rubrik.value, "", heads);
  for (const Category& c : d.kategorier) {
    ReportRow r;
    r.cells.push_back({c.text.value, false});
    for (const Measurement& m : d.matningar) {
      std::string text = kNil;
      for (const auto& [category, percent] : m.andelar.entries) {
        if (category.value.name == c.id.value.name) {
          text = percent.to_fill ? kToFillMark : FormatPercent(percent.value);
        }
      }
      r.cells.push_back({text, true});
    }
    t.rows.push_back(r);
  }
  const bool counted = std::any_of(d.matningar.begin(), d.matningar.end(), [](const Measurement& m) { return m.n; });
  if (counted) {
    ReportRow persons;
    persons.cells.push_back({"Antal personer", false});
    for (const Measurement& m : d.matningar) {
      persons.cells.push_back({!m.n ? kNil : m.n->to_fill ? kToFillMark : FormatNumber(m.n->value), true});
    }
    persons.style = RowStyle::kTotal;
    t.rows.push_back(persons);
  }
  // Percentages given as whole numbers, each rounded on its own by the source, may add up to
  // 99 or 101: the table says why, rather than leave a reader to find a column that does not
  // add up.
  for (const Measurement& m : d.matningar) {
    int64_t sum = 0;
    bool complete = !m.andelar.entries.empty();
    for (const auto& [category, percent] : m.andelar.entries) {
      complete = complete && !percent.to_fill;
      sum += percent.value;
    }
    if (complete && sum != 100) {
      t.footnote = "Andelarna är avrundade till hela procent och summerar därför inte alltid till 100 %.";
    }
  }
  return t;
}

ReportChart ChartOf(const Chart& chart, const ActivityFile& activity, const FigureTable& exact,
                    const std::map<std::string, int64_t>& rounded) {
  ReportChart out;
  out.id = "diagram." + chart.id.value.name;
  out.title = chart.rubrik.value;
  out.bars = chart.typ.value == ChartKind::kBar;
  if (chart.kalla) {
    const std::string& source = chart.kalla->value;
    std::string distribution = source.substr(0, source.find('.'));
    std::string measurement = source.substr(source.find('.') + 1);
    for (const Distribution& d : activity.fordelningar) {
      if (d.id.value.name != distribution) continue;
      for (const Measurement& m : d.matningar) {
        if (m.id.value.name != measurement) continue;
        for (const Category& c : d.kategorier) {
          for (const auto& [category, percent] : m.andelar.entries) {
            if (category.value.name == c.id.value.name) {
              out.to_fill = out.to_fill || percent.to_fill;
              out.parts.push_back({c.text.value, percent.value, percent.value, FormatPercent(percent.value)});
            }
          }
        }
      }
    }
    return out;
  }
  out.to_fill = ChartToFill(chart, exact);
  std::vector<int64_t> magnitudes = ChartMagnitudes(chart, exact);
  std::vector<int64_t> shares = LargestRemainderPercents(magnitudes);
  for (size_t i = 0; i < chart.delar.size(); ++i) {
    auto it = rounded.find(chart.delar[i].kalla.value);
    int64_t amount = it != rounded.end() ? (it->second < 0 ? -it->second : it->second) : magnitudes[i];
    std::string value = it != rounded.end() ? FormatNumber(amount) + "\u00A0tkr" : FormatNumber(amount);
    out.parts.push_back({chart.delar[i].text.value, shares[i], amount, value});
  }
  return out;
}

// `report_in_kronor`: the statements print in kr; the overview then does too where every amount
// it shows is known to the krona, so that Årets resultat reads 98 650 in both (else it is in tkr,
// as some earlier year gave its figures only so).
// `overview_only` takes the figures it prints that no year's figures hold (OverviewFigure).
ReportTable OverviewTable(const Overview& overview, const InputSet& inputs, const std::map<int, YearFigures>& years,
                          bool report_in_kronor, std::vector<OverviewFigure>& overview_only) {
  ReportTable t;
  t.id = "flerarsoversikt";
  t.title = "Flerårsöversikt";
  const int last = inputs.report_year;
  const int first = last - static_cast<int>(overview.antal_ar.value) + 1;
  struct Line {
    const char* label;
    const char* figure;
    int sign;
    Located<Money> HistoryYear::*in_history;  // the same amount in a year given by its historik
  };
  // Signed as the resultaträkning prints them, costs negative: the same amount prints the same in
  // both tables (the seeds printed the overview's costs without a sign, which an auditor read as
  // a second value).
  const Line lines[] = {
      {"Verksamhetens intäkter", "rr.verksamhetens_intakter", 1, &HistoryYear::verksamhetens_intakter},
      {"Verksamhetens kostnader", "rr.verksamhetens_kostnader", -1, &HistoryYear::verksamhetens_kostnader},
      {"Årets resultat", "rr.arets_resultat", 1, &HistoryYear::arets_resultat}};
  auto history = [&](int y) -> const HistoryYear* {
    if (!overview.historik) return nullptr;
    for (const HistoryYear& h : overview.historik->ar) {
      if (h.ar.value == y) return &h;
    }
    return nullptr;
  };
  // The amount of a line in a year: its figure, else the year's historik; nullopt for neither.
  auto amount_of = [&](const Line& line, int y) -> std::optional<Money> {
    auto own = years.find(y);
    const Figure* exact = own != years.end() ? own->second.exact.Find(line.figure) : nullptr;
    if (exact) return exact->money;
    if (const HistoryYear* h = history(y)) return (h->*line.in_history).value;
    return std::nullopt;
  };
  bool in_kronor = report_in_kronor;
  for (const Line& line : lines) {
    for (int y = last; y >= first; --y) {
      const std::optional<Money> m = amount_of(line, y);
      in_kronor = in_kronor && (!m || (m->exact() && !m->to_fill));
    }
  }
  t.unit = in_kronor ? kAmountsInKr : kAmountsInTkr;
  std::vector<HeadCell> head{{t.unit}};
  for (int y = last; y >= first; --y) head.push_back({std::to_string(y)});
  t.head.push_back(head);
  t.numeric_columns.assign(head.size(), true);
  t.numeric_columns[0] = false;
  for (const Line& line : lines) {
    ReportRow r;
    r.cells.push_back({line.label, false});
    for (int y = last; y >= first; --y) {
      auto own = years.find(y);
      const Figure* exact = own != years.end() ? own->second.exact.Find(line.figure) : nullptr;
      const std::optional<Money> amount = amount_of(line, y);
      std::string text = kNil;
      if (exact && exact->missing()) {
        text = kToFillMark;
      } else if (in_kronor) {
        if (amount) text = FormatNumber(line.sign * amount->kronor);
      } else if (own != years.end() && own->second.rounded.count(line.figure)) {
        text = FormatNumber(line.sign * own->second.rounded.at(line.figure));
      } else if (amount && history(y)) {
        text = FormatNumber(line.sign * NearestTkr(amount->kronor));
      }
      if (!exact && amount && text != kNil) {
        overview_only.push_back({y, line.figure, true, *amount,
                                 line.sign * (in_kronor ? amount->kronor : NearestTkr(amount->kronor)), in_kronor, ""});
      }
      r.cells.push_back({text, true});
    }
    t.rows.push_back(r);
  }
  // The staff of each year, all with as many decimals as the most precise of them, so that the
  // column reads 2,0 beside 2,4 rather than 2.
  std::vector<std::optional<Decimal>> staff_of_year;
  std::vector<bool> to_fill;
  int decimals = 0;
  for (int y = last; y >= first; --y) {
    auto own = years.find(y);
    const Figure* f = own != years.end() ? own->second.exact.Find("personal.arsarbetare") : nullptr;
    std::optional<Decimal> staff;
    if (f && !f->missing()) {
      staff = f->decimal;
    } else if (const HistoryYear* h = history(y); !f && h && h->arsarbetare) {
      staff = h->arsarbetare->value;
    }
    if (staff) decimals = std::max(decimals, staff->decimals);
    staff_of_year.push_back(staff);
    to_fill.push_back(f && f->missing());
  }
  ReportRow staff;
  // Full-time equivalents, not amounts: the label says so under the table's "Belopp i tkr".
  staff.cells.push_back({"Antal anställda (årsarbetare)", false});
  for (size_t i = 0; i < staff_of_year.size(); ++i) {
    std::string text = to_fill[i] ? kToFillMark : kNil;
    if (std::optional<Decimal> value = staff_of_year[i]) {
      value->decimals = std::max(value->decimals, decimals);
      text = value->ToString();
      // The report year's staff is among its figures; an earlier year's only here.
      if (i > 0) overview_only.push_back({last - static_cast<int>(i), "personal.arsarbetare", false, {}, 0, false, text});
    }
    staff.cells.push_back({text, true});
  }
  t.rows.push_back(staff);
  return t;
}

std::string MemberName(const OrgFile& org, const std::string& id) {
  for (const Member& m : org.medlemmar) {
    if (m.id.value.name == id) return m.namn.value;
  }
  return id;
}

std::string RoleLabel(BoardRole role) {
  return role == BoardRole::kChair ? "Ordförande" : role == BoardRole::kViceChair ? "Vice ordförande" : "Ledamot";
}

// The seats in signing order: the ordförande, the vice ordförande, then the others as given.
std::vector<const Seat*> SeatsInOrder(const OrgFile& org) {
  std::vector<const Seat*> seats;
  for (BoardRole role : {BoardRole::kChair, BoardRole::kViceChair, BoardRole::kMember}) {
    for (const Seat& seat : org.styrelse) {
      if (seat.roll.value == role) seats.push_back(&seat);
    }
  }
  return seats;
}

// The member whose ledamot sits in the seat: the one appointing it, or, for a seat appointed
// jointly, the one whose turn it is.
std::string SittingMember(const Seat& seat) {
  return seat.medlem ? seat.medlem->value.name : seat.innehas_av ? seat.innehas_av->value.name : "";
}

// A seat's id: its own, or the member that appoints it (validation has checked they are unique).
std::string SeatIdOf(const Seat& seat) { return seat.id ? seat.id->value.name : SittingMember(seat); }

SignaturePage Signatures(const OrgFile& org) {
  SignaturePage page;
  page.place = org.undertecknande ? org.undertecknande->ort.value : org.forbund.sate ? org.forbund.sate->value : "";
  if (org.undertecknande && org.undertecknande->datum) page.date = org.undertecknande->datum->value.ToString();
  // The sitting ledamot of each seat signs for the board (ersättare do not sign).
  for (const Seat* seat : SeatsInOrder(org)) {
    const std::string id = SeatIdOf(*seat);
    page.lines.push_back({id, RoleLabel(seat->roll.value), MemberName(org, SittingMember(*seat)),
                          seat->namn ? seat->namn->value : ""});
  }
  if (org.revisorspateckning) {
    page.auditors_note = true;
    if (org.revisorspateckning->datum) page.auditors_date = org.revisorspateckning->datum->value.ToString();
  }
  return page;
}

// "A, B och C"
std::string JoinedList(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " och " : ", ";
    out += items[i];
  }
  return out;
}

// The board as [[styrelse]] lists it: each seat's sitting ledamot and those who held it earlier
// in the year, who appointed them, and the ersättare tied to the seat (`plats`) right under it;
// then the ersättare tied to no seat.
ReportTable BoardTable(const OrgFile& org) {
  ReportTable t;
  t.id = "styrelse";
  t.title = "Styrelsens ledamöter och ersättare";
  t.head.push_back({{"Uppdrag"}, {"Namn"}, {"Utsedd av"}});
  t.numeric_columns = {false, false, false};
  auto name_or_nil = [](const std::optional<Located<std::string>>& name) { return name ? name->value : kNil; };
  auto add_substitute = [&](const Substitute& s) {
    t.rows.push_back({{{"Ersättare", false}, {name_or_nil(s.namn), false}, {MemberName(org, s.medlem.value.name), false}}});
  };
  for (const Seat* seat : SeatsInOrder(org)) {
    std::string appointed_by = MemberName(org, SittingMember(*seat));
    std::vector<std::string> others;
    for (const Located<Id>& m : seat->medlemmar) {
      if (m.value.name != SittingMember(*seat)) others.push_back(MemberName(org, m.value.name));
    }
    if (!others.empty()) appointed_by += " (gemensamt med " + JoinedList(others) + ")";
    std::string sitting = name_or_nil(seat->namn);
    if (!seat->tidigare.empty()) {
      Date from = seat->tidigare.back().till.value;
      sitting += " (från " + NextDay(from).ToString() + ")";
    }
    t.rows.push_back({{{RoleLabel(seat->roll.value), false}, {sitting, false}, {appointed_by, false}}});
    for (const FormerHolder& former : seat->tidigare) {
      ReportRow row{{{"", false}, {former.namn.value + " (till " + former.till.value.ToString() + ")", false}, {"", false}}};
      row.indent = 1;
      t.rows.push_back(row);
    }
    for (const Substitute& s : org.ersattare) {
      if (s.plats && s.plats->value.name == SeatIdOf(*seat)) add_substitute(s);
    }
  }
  for (const Substitute& s : org.ersattare) {
    if (!s.plats) add_substitute(s);
  }
  return t;
}

const char* kSmallNumbers[] = {"noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"};

}  // namespace

Presentation PresentationOf(const OrgFile& year, std::optional<Unit> layout_unit, const StatementNames* layout_names) {
  Presentation p;
  p.unit_unless_said = layout_unit.value_or(Unit::kTkr);
  p.unit = year.belopp ? year.belopp->value : p.unit_unless_said;
  // The layout's names first, so that the year's replace them.
  for (const StatementNames* names : {layout_names, year.benamningar ? &*year.benamningar : nullptr}) {
    if (!names) continue;
    auto title = [&](const char* id, const std::optional<Located<std::string>>& text) {
      if (text) p.titles[id] = text->value;
    };
    title("resultatrakning", names->resultatrakning);
    title("balansrakning", names->balansrakning);
    title("kassaflodesanalys", names->kassaflodesanalys);
    title("driftredovisning", names->driftredovisning);
    for (const LineName& line : names->rader) p.labels[line.rad.value] = line.text.value;
  }
  return p;
}

std::string FillCaption(const ReportFigures& figures, const std::string& caption) {
  if (caption.find('{') == std::string::npos && caption.find('}') == std::string::npos) return caption;
  Diagnostics checked_by_validation;
  std::string out;
  for (const Inline& span : ParseCaption(caption, Where{}, "", checked_by_validation)) {
    out += span.kind == Inline::Kind::kPlaceholder ? FormatPlaceholder(figures, span.text, span.formats).value_or("")
                                                   : span.text;
  }
  return out;
}

void CheckComparisonYearRounding(const InputSet& inputs, Diagnostics& diagnostics) {
  const ReportRounding rounding = RoundReport(inputs, inputs.report_year, ExactFiguresOfEveryYear(inputs), true);
  ReportIdentitiesGivenUp(rounding, "the next report's " + std::to_string(inputs.report_year) +
                                        " column would print figures that do not add up",
                          diagnostics);
}

ReportFigures Calculate(const InputSet& inputs, bool draft, const Presentation& presentation, Diagnostics& diagnostics) {
  ReportFigures out;
  const YearInput& input = inputs.report();
  const OrgFile& org = input.files.forbund;
  out.year = inputs.report_year;
  out.organisation = org.forbund.namn.value;
  out.organisation_number = org.forbund.organisationsnummer.value;
  const ReportIdentity* identity = org.rapport ? &*org.rapport : nullptr;
  out.title = (identity && identity->titel ? identity->titel->value : "Årsredovisning") + " " + std::to_string(out.year);
  if (identity && identity->undertitel) out.subtitle = identity->undertitel->value;
  if (identity) {
    for (const auto& line : identity->omslag) out.cover_lines.push_back(line.value);
    // The date of approval is the board's decision. Until there is one, the cover says who is
    // to adopt the report, not that it has been adopted.
    if (identity->antagen_av) {
      out.cover_lines.push_back(org.styrelsebeslut ? "Antagen av " + identity->antagen_av->value + " " +
                                                         org.styrelsebeslut->value.ToString()
                                                   : "Att antas av " + identity->antagen_av->value);
    }
  }
  out.draft = draft;
  out.document_date = std::to_string(out.year) + "-12-31";
  if (org.styrelsebeslut) out.document_date = org.styrelsebeslut->value.ToString();
  if (org.undertecknande && org.undertecknande->datum) out.document_date = org.undertecknande->datum->value.ToString();

  out.money_unit = presentation.unit;
  out.text_in_tkr = QuotesInTkr(inputs.report().files);
  std::map<int, YearFigures> years = AllYears(inputs, presentation, out.text_in_tkr, out.rounding);
  // With errors in the inputs (a cost no driftredovisning row takes, say), the figures do not
  // add up in kronor either: the error is the cause, not the tkr.
  ReportIdentitiesGivenUp(out.rounding, "the printed figures do not add up", diagnostics);
  if (!out.rounding.before_kept) {
    diagnostics.Warning("calculate.prior_year", Where{}, "",
                        "the figures of " + std::to_string(out.year - 1) + " cannot print as " +
                            std::to_string(out.year - 1) + "'s own report printed them while every sum here adds "
                            "up, so they are rounded afresh: a figure of that year may differ by 1 tkr from "
                            "that report");
  }
  if (!out.rounding.search_complete) {
    diagnostics.Warning("calculate.rounding", Where{}, "",
                        "the search for the best rounding stopped at its step limit: every identity not "
                        "reported holds, but more figures may be moved off conventional rounding than needed");
  }
  const YearFigures& current = years.at(out.year);
  const YearFigures* prior = years.count(out.year - 1) ? &years.at(out.year - 1) : nullptr;
  out.exact = current.exact;
  out.rounded_tkr = current.rounded;
  if (prior) {
    out.exact_prior = prior->exact;
    out.rounded_tkr_prior = prior->rounded;
  }

  TableBuilder builder(inputs, years, presentation);
  out.note_order = builder.NoteOrder();
  for (ReportTable& t : builder.StatementTables()) out.tables[t.id] = std::move(t);
  if (input.files.budget.driftredovisning) out.tables["driftredovisning"] = builder.DriftTable();
  out.tables["investeringsredovisning"] = builder.InvestmentTable();
  for (const MoneyTable& table : input.files.rakenskaper.beloppstabeller) {
    ReportTable t = builder.MoneyTableOf(table);
    out.tables[t.id] = std::move(t);
  }
  const YearInput* prior_input = inputs.Find(out.year - 1);
  for (size_t i = 0; i < out.note_order.size(); ++i) {
    const Note* note = FindNote(&input, out.note_order[i]);
    ReportTable t =
        NoteTable(*note, static_cast<int>(i + 1), prior_input, out.year, current, prior, builder.LineLabels(*note));
    out.tables[t.id] = std::move(t);
  }
  const AccountsFile& accounts = input.files.rakenskaper;
  if (accounts.flerarsoversikt) {
    out.tables["flerarsoversikt"] =
        OverviewTable(*accounts.flerarsoversikt, inputs, years, out.money_unit == Unit::kKr, out.overview_only);
  }
  const ActivityFile& activity = input.files.verksamhet;
  for (const CountTable& table : activity.tabeller) {
    ReportTable t = CountTableOf(table, out.year, current.exact, prior ? &prior->exact : nullptr);
    out.tables[t.id] = std::move(t);
  }
  for (const TimeSeries& series : activity.tidsserier) {
    ReportTable t = SeriesTable(series, inputs, years);
    out.tables[t.id] = std::move(t);
  }
  for (const Survey& survey : activity.enkater) {
    ReportTable t = SurveyTable(survey, current.exact);
    out.tables[t.id] = std::move(t);
  }
  for (const Distribution& d : activity.fordelningar) {
    ReportTable t = DistributionTable(d);
    out.tables[t.id] = std::move(t);
  }
  for (const Chart& chart : activity.diagram) {
    ReportChart c = ChartOf(chart, activity, current.exact, current.rounded);
    out.charts[c.id] = std::move(c);
  }
  out.signatures = Signatures(org);
  if (!org.styrelse.empty()) out.tables["styrelse"] = BoardTable(org);
  // Captions may quote figures, e.g. a count: "(… {fordelning.forsorjning.fore.n} personer)";
  // so may the heads and labels the inputs give ("{ar}" over a column of amounts).
  for (auto& [id, table] : out.tables) {
    table.title = FillCaption(out, table.title);
    for (auto& head : table.head) {
      for (HeadCell& cell : head) cell.text = FillCaption(out, cell.text);
    }
    for (ReportRow& row : table.rows) {
      if (!row.cells.empty()) row.cells[0].text = FillCaption(out, row.cells[0].text);
    }
    ExplainMarks(table);
  }
  for (auto& [id, chart] : out.charts) {
    chart.title = FillCaption(out, chart.title);
    for (ChartPart& part : chart.parts) part.label = FillCaption(out, part.label);
  }
  // The cover's lines may too ("Verksamhetsåret {ar}").
  out.subtitle = FillCaption(out, out.subtitle);
  for (std::string& line : out.cover_lines) line = FillCaption(out, line);
  return out;
}

std::optional<std::string> FormatPlaceholder(const ReportFigures& figures, const std::string& name,
                                             const std::vector<std::string>& formats) {
  bool prior = name.rfind("fg.", 0) == 0;
  std::string key = prior ? name.substr(3) : name;
  const FigureTable& table = prior ? figures.exact_prior : figures.exact;
  const std::map<std::string, int64_t>& rounded = prior ? figures.rounded_tkr_prior : figures.rounded_tkr;
  const Figure* f = table.Find(key);
  if (!f) return std::nullopt;
  if (f->missing()) return std::string(kToFillMark);
  auto has = [&](const char* format) { return std::find(formats.begin(), formats.end(), format) != formats.end(); };
  bool magnitude = has("abs");
  const std::string* word = FindSignWordFormat(formats);  // a word chosen by the sign as printed
  switch (f->kind) {
    case Figure::Kind::kText:
      return f->text;
    case Figure::Kind::kDecimal:
      return f->decimal.ToString();
    case Figure::Kind::kCount: {
      if (word) return SignWord(*word, key, table, f->count);
      int64_t n = magnitude && f->count < 0 ? -f->count : f->count;
      if (has("text") && n >= 0 && n <= 12) return std::string(kSmallNumbers[n]);
      return FormatNumber(n);
    }
    case Figure::Kind::kPercent: {
      int64_t p = f->Percent();
      if (word) return SignWord(*word, key, table, p);
      return FormatPercent(magnitude && p < 0 ? -p : p);
    }
    case Figure::Kind::kMoney: {
      // A placeholder that names no unit prints in the unit of the statements.
      const bool in_kronor = has("kr") || (!has("tkr") && figures.money_unit == Unit::kKr);
      int64_t value;
      if (in_kronor) {
        value = f->money.kronor;
      } else {
        auto it = rounded.find(key);
        value = it != rounded.end() ? it->second : NearestTkr(f->money.kronor);
      }
      if (word) return SignWord(*word, key, table, value);
      return FormatNumber(magnitude && value < 0 ? -value : value);
    }
  }
  return std::nullopt;
}

bool PrintedInKronor(const ReportFigures& figures, int year, const std::string& id) {
  auto unit_of_table = [&](const std::string& table) {
    auto it = figures.tables.find(table);
    return it != figures.tables.end() && it->second.unit == kAmountsInKr;
  };
  if (year < figures.year - 1) return unit_of_table("flerarsoversikt");
  if (id.starts_with("not.")) return unit_of_table(id.substr(0, id.find('.', 4)));
  return figures.money_unit == Unit::kKr;
}

namespace {

// "8263389 kr -> 8264 tkr (moved off 8263 by: ...)"; "(printed in kr)" after a figure that has a
// rounding to tkr but prints to the krona where it stands (PrintedInKronor).
void DumpMoney(std::ostream& out, Money money, const RoundedFigure* rounded, bool in_kronor) {
  out << money.kronor << " kr";
  if (!money.exact()) out << " (±" << money.tolerance() << ")";
  if (!rounded) return;
  out << " -> " << rounded->tkr << " tkr";
  if (rounded->tkr != rounded->conventional) {
    out << " (moved off " << rounded->conventional << " by: " << rounded->moved_by << ")";
  }
  if (in_kronor) out << " (printed in kr)";
}

}  // namespace

std::string DumpFigures(const ReportFigures& figures) {
  std::ostringstream out;
  out << "year " << figures.year << "\n";
  for (const auto& [name, f] : figures.exact.all()) {
    out << name << " = ";
    switch (f.kind) {
      case Figure::Kind::kMoney:
        DumpMoney(out, f.money, figures.rounding.Find(figures.year, name), PrintedInKronor(figures, figures.year, name));
        break;
      case Figure::Kind::kCount: out << f.count; break;
      case Figure::Kind::kPercent:
        out << f.count << "/" << f.of << " -> " << f.Percent() << " %";
        if (f.rounded_with_others && *f.rounded_with_others != RoundPercent(f.count, f.of)) {
          out << " (rounded with the other shares to 100 %)";
        }
        break;
      case Figure::Kind::kDecimal: out << f.decimal.ToString(); break;
      case Figure::Kind::kText: out << '"' << f.text << '"'; break;
    }
    out << "\n";
  }
  // The prior year's amounts (placeholders fg.NAME) and the earlier years' in the overview.
  for (const auto& [year, rounded] : figures.rounding.years) {
    if (year == figures.year) continue;
    const bool prior = year == figures.year - 1;
    out << "\n" << (prior ? "prior year " : "year ") << year << "\n";
    for (const auto& [name, r] : rounded) {
      const Figure* f = prior ? figures.exact_prior.Find(name) : nullptr;
      out << (prior ? "fg." : "") << name << " = ";
      DumpMoney(out, f ? f->money : Money::Kr(r.kronor), &r, PrintedInKronor(figures, year, name));
      out << "\n";
    }
  }
  out << "\nidentities: " << figures.rounding.identities.size() << ", given up: " << figures.rounding.given_up.size()
      << "\n";
  for (const ReportRounding::GivenUp& broken : figures.rounding.given_up) out << "  given up: " << broken.identity << "\n";
  for (const auto& [id, table] : figures.tables) {
    out << "\ntable " << id << ": " << table.title << "\n";
    for (const auto& head : table.head) {
      out << " ";
      for (const HeadCell& c : head) {
        out << " | " << c.text;
        if (c.span > 1) out << "(" << c.span << ")";
      }
      out << "\n";
    }
    for (const ReportRow& row : table.rows) {
      out << "  " << std::string(static_cast<size_t>(row.indent) * 2, ' ');
      for (size_t i = 0; i < row.cells.size(); ++i) out << (i ? " | " : "") << row.cells[i].text;
      out << "\n";
    }
    if (!table.footnote.empty()) out << "  (" << table.footnote << ")\n";
  }
  for (const auto& [id, chart] : figures.charts) {
    out << "\nchart " << id << ": " << chart.title << "\n";
    for (const ChartPart& s : chart.parts) out << "  " << s.label << " " << s.percent << " % " << s.value << "\n";
  }
  return out.str();
}

}  // namespace arsred

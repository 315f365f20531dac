// Every figure a report can print or quote, derived from one year's inputs at krona precision:
// statement lines from the notes that break them down, totals, equity, cash flow, the
// driftredovisning, counts and percentages. Names are those of the placeholders in
// docs/markup.md ("rr.arets_resultat", "tabell.deltagarfloden.inskrivna.kvinnor").
//
// Validation checks identities between these figures; calculate (for typesetting) rounds them.
// Deriving never fails: a figure whose sources are missing or contradictory is left out, and
// the problem is reported by DeriveFigures only when asked for diagnostics.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "load.h"

namespace arsred {

struct Figure {
  enum class Kind { kMoney, kCount, kPercent, kDecimal, kText };
  Kind kind = Kind::kMoney;
  Money money;                 // kMoney
  int64_t count = 0;           // kCount; kPercent: the numerator
  int64_t of = 0;              // kPercent: the denominator (a percentage is kept as a fraction)
  Decimal decimal;             // kDecimal
  std::string text;            // kText
  Where where;                 // the input the figure comes from (for a derived one: its first source)
  std::string origin;          // how it was found, for messages: "the items of note intakter"
  bool cost = false;           // a driftredovisning cost row's utfall, budget or avvikelse, which
                               // are printed negative: a more negative value is more cost
  bool to_fill = false;        // a count, share or number still to fill in, or reckoned from one
  // kPercent: the whole per cent it prints as, where it was rounded together with the other
  // shares of the same whole so that they sum to 100 % (a survey's answers, a chart's slices).
  std::optional<int64_t> rounded_with_others;

  // Whether the figure waits for a value still to fill in (an amount's flag travels with it).
  bool missing() const { return to_fill || money.to_fill; }
  // kPercent: the whole per cent that the report prints, wherever it quotes the share.
  int64_t Percent() const;

  static Figure OfMoney(Money m, Where w, std::string origin) {
    Figure f;
    f.money = m;
    f.where = w;
    f.origin = std::move(origin);
    return f;
  }
  static Figure OfCount(int64_t n, Where w, bool to_fill = false) {
    Figure f;
    f.kind = Kind::kCount;
    f.count = n;
    f.where = w;
    f.to_fill = to_fill;
    return f;
  }
  static Figure OfPercent(int64_t part, int64_t whole, Where w, bool to_fill = false) {
    Figure f;
    f.kind = Kind::kPercent;
    f.count = part;
    f.of = to_fill && whole == 0 ? 1 : whole;  // a share of counts to fill in is never divided by 0
    f.where = w;
    f.to_fill = to_fill;
    return f;
  }
};

class FigureTable {
 public:
  void Set(const std::string& name, Figure figure) { figures_[name] = std::move(figure); }
  const Figure* Find(const std::string& name) const {
    auto it = figures_.find(name);
    return it == figures_.end() ? nullptr : &it->second;
  }
  // A money figure, or zero when the line is absent (an absent statement line is nil).
  Money MoneyOr0(const std::string& name) const {
    const Figure* f = Find(name);
    return f && f->kind == Figure::Kind::kMoney ? f->money : Money{};
  }
  const std::map<std::string, Figure>& all() const { return figures_; }

 private:
  std::map<std::string, Figure> figures_;
};

// The statement lines a note may break down or the inputs may give directly, as
// "resultatrakning.LINE", "balansrakning.LINE", "ansvarsforbindelser.LINE".
const std::vector<std::string>& StatementLines();

// The figures of the years of one InputSet, each derived once, silently, on first use. A year's
// figures build on the prior year's (its opening balances), so deriving the years one at a time
// would derive the early years again for each later one. Valid while the InputSet is unchanged.
class DerivedYears {
 public:
  explicit DerivedYears(const InputSet& inputs) : inputs_(inputs) {}
  DerivedYears(const DerivedYears&) = delete;
  DerivedYears& operator=(const DerivedYears&) = delete;

  const InputSet& inputs() const { return inputs_; }
  // The figures of `year`; empty for a year without a directory.
  const FigureTable& Of(int year);

 private:
  const InputSet& inputs_;
  std::map<int, FigureTable> derived_;
};

// Derives the figures of `year` (which must be in `inputs`). Problems that make a figure
// impossible to derive (a line given twice, a note on an unknown line) go to `diagnostics`
// when it is not null. Prior-year figures are derived silently, from `years`.
FigureTable DeriveFigures(DerivedYears& years, int year, Diagnostics* diagnostics);
// The same for a single use.
FigureTable DeriveFigures(const InputSet& inputs, int year, Diagnostics* diagnostics);

// The figure a money table's cell prints: the figure it names ("fg." for the prior year's), or
// "belopp.ID.R.C" for an amount written in it (row and column counted from 1); and its columns'
// sums, "belopp.ID.summa.C".
std::string MoneyCellFigure(const MoneyTable& table, size_t row, size_t column);
std::string MoneyTableSumFigure(const MoneyTable& table, size_t column);

// A note item's amount: its own `belopp`, or the sum of its sub-items when it has them.
Money NoteItemAmount(const NoteItem& item);

// Whether the note is of fixed assets (`typ: anlaggning`): its figures are the acquisition value
// and the accumulated depreciation, "not.ID.ingaende_anskaffningsvarde" ... ".redovisat_varde".
inline bool IsFixedAssetNote(const Note& note) { return note.typ && note.typ->value == NoteKind::kFixedAsset; }

// Percent of part in whole, rounded half away from zero to a whole percent.
int64_t RoundPercent(int64_t part, int64_t whole);

// Whole percentages of `parts` that sum to exactly 100 (largest remainder; among equal
// remainders equal parts get equal shares where the points allow, else the earlier parts get
// them), so that a pie or a split of answers never shows 99 or 101 %.
std::vector<int64_t> LargestRemainderPercents(const std::vector<int64_t>& parts);

// The size of each slice of a chart drawn from figures: the magnitude of the figure it names
// (0 when there is none).
std::vector<int64_t> ChartMagnitudes(const Chart& chart, const FigureTable& figures);
// Whether a slice of the chart waits for a value still to fill in.
bool ChartToFill(const Chart& chart, const FigureTable& figures);

}  // namespace arsred

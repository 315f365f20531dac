#include "report_rounding.h"

#include <cstdlib>

#include "rounding.h"

namespace arsred {

const RoundedFigure* ReportRounding::Find(int year, const std::string& name) const {
  auto y = years.find(year);
  if (y == years.end()) return nullptr;
  auto f = y->second.find(name);
  return f == y->second.end() ? nullptr : &f->second;
}

std::map<std::string, int64_t> ReportRounding::TkrOf(int year) const {
  std::map<std::string, int64_t> out;
  auto y = years.find(year);
  if (y == years.end()) return out;
  for (const auto& [name, figure] : y->second) out[name] = figure.tkr;
  return out;
}

namespace {

// A figure of one year, counted with a sign in an identity.
struct Part {
  int year;
  std::string name;
  int sign = 1;
};

class ProblemBuilder {
 public:
  ProblemBuilder(const std::map<int, FigureTable>& exact, const PrintedBefore* before)
      : exact_(exact), before_(before) {}

  bool Has(int year, const std::string& name) const {
    auto table = exact_.find(year);
    return table != exact_.end() && table->second.Find(name) != nullptr;
  }

  // Registers a figure (once); figures of equal magnitude share one amount. A figure an earlier
  // report printed is fixed at what it printed.
  void Figure(int year, const std::string& name) {
    if (nodes_.count({year, name}) || ToFill(year, name)) return;
    auto table = exact_.find(year);
    int64_t kronor = table == exact_.end() ? 0 : table->second.MoneyOr0(name).kronor;
    const Node node = nodes_[{year, name}] = Shared(kronor);
    if (const int64_t* printed = PrintedBy(year, name); printed && !problem_.fixed(node.amount)) {
      problem_.Fix(node.amount, node.sign * *printed);
    }
  }

  // `total` = Σ parts, shown in `table` of `year`.
  void Sum(const std::string& table, int year, const Part& total, const std::vector<Part>& parts) {
    Identity identity{table, year, {total}, {}};
    for (const Part& p : parts) identity.parts.push_back({p.year, p.name, -p.sign});
    Add(identity);
  }

  // total = Σ parts, where some parts are amounts without a figure (a note item in tkr).
  void SumWithConstants(const std::string& table, int year, const Part& total, const std::vector<Part>& parts,
                        const std::vector<int64_t>& constants) {
    Identity identity{table, year, {total}, {}};
    for (const Part& p : parts) identity.parts.push_back({p.year, p.name, -p.sign});
    for (int64_t kronor : constants) identity.constants.push_back(Shared(-kronor));
    Add(identity);
  }

  void RegisterAll(int year) {
    auto table = exact_.find(year);
    if (table == exact_.end()) return;
    for (const auto& [name, figure] : table->second.all()) {
      if (figure.kind == Figure::Kind::kMoney) Figure(year, name);
    }
  }

  ReportRounding Solve() {
    RoundedAmounts solved = RoundControlled(problem_);
    ReportRounding out;
    out.search_complete = solved.search_complete;
    auto printed = [&](const Node& node) { return node.sign * solved.tkr[static_cast<size_t>(node.amount)]; };
    for (const Identity& identity : identities_) out.identities.push_back(Describe(identity, nullptr));
    for (const auto& [key, node] : nodes_) {
      RoundedFigure f;
      f.kronor = node.sign * problem_.kronor(node.amount);
      f.tkr = printed(node);
      f.conventional = NearestTkr(f.kronor);
      int by = solved.moved_by[static_cast<size_t>(node.amount)];
      if (f.tkr != f.conventional && by >= 0) f.moved_by = out.identities[static_cast<size_t>(by)];
      if (f.tkr != f.conventional && problem_.fixed(node.amount)) {
        f.moved_by = "as printed in the report of " + std::to_string(before_->report_year);
      }
      out.years[key.first][key.second] = f;
    }
    for (const auto& [magnitude, amount] : amount_of_magnitude_) {
      out.tkr_of_magnitude[magnitude] = solved.tkr[static_cast<size_t>(amount)];
    }
    for (int k : solved.given_up) {
      const Identity& identity = identities_[static_cast<size_t>(k)];
      const Part& total = identity.parts.front();
      auto table = exact_.find(total.year);
      const arsred::Figure* figure = table == exact_.end() ? nullptr : table->second.Find(total.name);
      out.given_up.push_back({Describe(identity, &out), figure ? figure->where : Where{}});
    }
    return out;
  }

 private:
  struct Node {
    int amount;
    int sign;
  };
  struct Identity {
    std::string table;
    int year;
    std::vector<Part> parts;     // Σ sign × figure + Σ constants = 0; parts[0] is the total
    std::vector<Node> constants;
  };

  Node Shared(int64_t kronor) {
    int64_t magnitude = std::llabs(kronor);
    auto it = amount_of_magnitude_.find(magnitude);
    int amount = it != amount_of_magnitude_.end() ? it->second
                                                  : (amount_of_magnitude_[magnitude] = problem_.AddAmount(magnitude));
    return {amount, kronor < 0 ? -1 : 1};
  }

  void Add(const Identity& identity) {
    // A figure still to fill in has no amount yet: what it takes part in waits for it.
    for (const Part& p : identity.parts) {
      if (ToFill(p.year, p.name)) return;
    }
    std::vector<RoundingProblem::Term> terms;
    for (const Part& p : identity.parts) {
      Figure(p.year, p.name);
      const Node& node = nodes_.at({p.year, p.name});
      terms.push_back({node.amount, static_cast<int64_t>(p.sign) * node.sign});
    }
    for (const Node& c : identity.constants) terms.push_back({c.amount, c.sign});
    problem_.AddIdentity(terms);
    identities_.push_back(identity);
  }

  // "Balansräkning 2023: br.summa_tillgangar = br.summa_anlaggningstillgangar + ..."; with the
  // rounding, also the printed figures that do not add up.
  std::string Describe(const Identity& identity, const ReportRounding* rounding) const {
    // parts[0] stands on the left, the others on the right, so their signs show reversed.
    auto term = [&](const Part& p, size_t i) {
      std::string text = i == 0 ? "" : p.sign < 0 ? (i == 1 ? " " : " + ") : (i == 1 ? " −" : " − ");
      text += p.name;
      if (p.year != identity.year) text += " (" + std::to_string(p.year) + ")";
      return text;
    };
    std::string text = identity.table + " " + std::to_string(identity.year) + ": ";
    for (size_t i = 0; i < identity.parts.size(); ++i) {
      text += term(identity.parts[i], i);
      if (i == 0) text += " =";
    }
    if (!identity.constants.empty()) text += " + the note's items";
    if (rounding) {
      text += "; printed ";
      for (size_t i = 0; i < identity.parts.size(); ++i) {
        const Part& p = identity.parts[i];
        const RoundedFigure* f = rounding->Find(p.year, p.name);
        int64_t value = f ? f->tkr : 0;
        if (i > 0) value = -p.sign * value;
        text += (i == 0 ? "" : i == 1 ? " ≠ " : " + ") + GroupDigits(value);
      }
      text += " tkr";
    }
    return text;
  }

  bool ToFill(int year, const std::string& name) const {
    auto table = exact_.find(year);
    return table != exact_.end() && table->second.MoneyOr0(name).to_fill;
  }

  const int64_t* PrintedBy(int year, const std::string& name) const {
    if (!before_) return nullptr;
    auto of_year = before_->tkr.find(year);
    if (of_year == before_->tkr.end()) return nullptr;
    auto figure = of_year->second.find(name);
    return figure == of_year->second.end() ? nullptr : &figure->second;
  }

  const std::map<int, FigureTable>& exact_;
  const PrintedBefore* before_;
  RoundingProblem problem_;
  std::map<int64_t, int> amount_of_magnitude_;
  std::map<std::pair<int, std::string>, Node> nodes_;
  std::vector<Identity> identities_;
};

void IncomeStatementIdentities(ProblemBuilder& b, int y) {
  const char* t = "Resultaträkning";
  b.Sum(t, y, {y, "rr.verksamhetens_nettokostnader"},
        {{y, "rr.verksamhetens_intakter"}, {y, "rr.verksamhetens_kostnader", -1}, {y, "rr.avskrivningar", -1}});
  b.Sum(t, y, {y, "rr.verksamhetens_resultat"}, {{y, "rr.verksamhetens_nettokostnader"}});
  b.Sum(t, y, {y, "rr.finansiella_netto"}, {{y, "rr.finansiella_intakter"}, {y, "rr.finansiella_kostnader", -1}});
  b.Sum(t, y, {y, "rr.resultat_efter_finansiella_poster"},
        {{y, "rr.verksamhetens_resultat"}, {y, "rr.finansiella_intakter"}, {y, "rr.finansiella_kostnader", -1}});
  b.Sum(t, y, {y, "rr.arets_resultat"}, {{y, "rr.resultat_efter_finansiella_poster"}, {y, "rr.extraordinara_poster"}});
}

void BalanceSheetIdentities(ProblemBuilder& b, int y, bool with_prior) {
  const char* t = "Balansräkning";
  b.Sum(t, y, {y, "br.summa_anlaggningstillgangar"},
        {{y, "br.materiella_anlaggningstillgangar"}, {y, "br.finansiella_anlaggningstillgangar"}});
  b.Sum(t, y, {y, "br.summa_omsattningstillgangar"},
        {{y, "br.fordringar"}, {y, "br.kortfristiga_placeringar"}, {y, "br.kassa_och_bank"}});
  b.Sum(t, y, {y, "br.summa_tillgangar"}, {{y, "br.summa_anlaggningstillgangar"}, {y, "br.summa_omsattningstillgangar"}});
  b.Sum(t, y, {y, "br.arets_resultat"}, {{y, "rr.arets_resultat"}});
  b.Sum(t, y, {y, "br.eget_kapital"}, {{y, "br.arets_resultat"}, {y, "br.ovrigt_eget_kapital"}});
  b.Sum(t, y, {y, "br.summa_avsattningar"}, {{y, "br.avsattningar_pensioner"}, {y, "br.andra_avsattningar"}});
  b.Sum(t, y, {y, "br.summa_skulder"}, {{y, "br.langfristiga_skulder"}, {y, "br.kortfristiga_skulder"}});
  b.Sum(t, y, {y, "br.summa_eget_kapital_och_skulder"},
        {{y, "br.eget_kapital"}, {y, "br.summa_avsattningar"}, {y, "br.summa_skulder"}});
  b.Sum(t, y, {y, "br.summa_eget_kapital_och_skulder"}, {{y, "br.summa_tillgangar"}});
  const char* e = "Eget kapital";
  b.Sum(e, y, {y, "ek.utgaende"}, {{y, "br.eget_kapital"}});
  if (with_prior) {
    b.Sum(e, y, {y, "ek.ingaende"}, {{y - 1, "br.eget_kapital"}});
    b.Sum(e, y, {y, "br.ovrigt_eget_kapital"}, {{y - 1, "br.eget_kapital"}, {y, "ek.direkta_poster"}});
  }
}

void CashFlowIdentities(ProblemBuilder& b, int y, bool with_prior) {
  const char* t = "Kassaflödesanalys";
  b.Sum(t, y, {y, "kfa.arets_resultat"}, {{y, "rr.arets_resultat"}});
  b.Sum(t, y, {y, "kfa.ej_likviditetspaverkande"},
        {{y, "kfa.justering_avsattningar"}, {y, "kfa.justering_avskrivningar"}, {y, "kfa.justering_ovriga"}});
  b.Sum(t, y, {y, "kfa.fore_rorelsekapital"},
        {{y, "kfa.arets_resultat"}, {y, "kfa.justering_avsattningar"}, {y, "kfa.justering_avskrivningar"},
         {y, "kfa.justering_ovriga"}});
  b.Sum(t, y, {y, "kfa.lopande_verksamhet"},
        {{y, "kfa.fore_rorelsekapital"}, {y, "kfa.forandring_fordringar"}, {y, "kfa.forandring_skulder"}});
  b.Sum(t, y, {y, "kfa.arets_kassaflode"},
        {{y, "kfa.lopande_verksamhet"}, {y, "kfa.investeringsverksamhet"}, {y, "kfa.finansieringsverksamhet"}});
  b.Sum(t, y, {y, "kfa.likvida_medel_utgaende"}, {{y, "kfa.likvida_medel_ingaende"}, {y, "kfa.arets_kassaflode"}});
  b.Sum(t, y, {y, "kfa.likvida_medel_utgaende"}, {{y, "br.kassa_och_bank"}, {y, "br.kortfristiga_placeringar"}});
  if (!with_prior) return;
  b.Sum(t, y, {y, "kfa.likvida_medel_ingaende"}, {{y - 1, "br.kassa_och_bank"}, {y - 1, "br.kortfristiga_placeringar"}});
  b.Sum(t, y, {y, "kfa.justering_avsattningar"}, {{y, "br.summa_avsattningar"}, {y - 1, "br.summa_avsattningar", -1}});
  b.Sum(t, y, {y, "kfa.forandring_fordringar"}, {{y - 1, "br.fordringar"}, {y, "br.fordringar", -1}});
  b.Sum(t, y, {y, "kfa.forandring_skulder"}, {{y, "br.kortfristiga_skulder"}, {y - 1, "br.kortfristiga_skulder", -1}});
}

void DriftIdentities(ProblemBuilder& b, int y, const Drift& drift) {
  const char* t = "Driftredovisning";
  std::vector<Part> income[3], cost[3];
  const char* columns[3] = {".utfall", ".budget", ".avvikelse"};
  auto row = [&](const std::string& base) {
    b.Sum(t, y, {y, base + ".avvikelse"}, {{y, base + ".utfall"}, {y, base + ".budget", -1}});
  };
  for (const DriftRow& r : drift.rader) {
    const std::string base = "drift." + r.id.value.name;
    row(base);
    for (int c = 0; c < 3; ++c) (r.typ.value == DriftKind::kCost ? cost : income)[c].push_back({y, base + columns[c]});
  }
  const bool depreciation = b.Has(y, "drift.avskrivningar.utfall");
  const bool extraordinary = b.Has(y, "drift.extraordinara_poster.utfall");
  for (int c = 0; c < 3; ++c) {
    std::string column = columns[c];
    b.Sum(t, y, {y, "drift.intakter" + column}, income[c]);
    b.Sum(t, y, {y, "drift.kostnader" + column}, cost[c]);
    b.Sum(t, y, {y, "drift.nettokostnad" + column}, {{y, "drift.intakter" + column}, {y, "drift.kostnader" + column}});
    std::vector<Part> result_parts = {{y, "drift.nettokostnad" + column}, {y, "drift.finansiella_poster" + column}};
    if (depreciation) result_parts.push_back({y, "drift.avskrivningar" + column});
    if (extraordinary) result_parts.push_back({y, "drift.extraordinara_poster" + column});
    b.Sum(t, y, {y, "drift.resultat" + column}, result_parts);
  }
  for (const char* group : {"drift.intakter", "drift.kostnader", "drift.nettokostnad", "drift.finansiella_poster",
                            "drift.resultat"}) {
    row(group);
  }
  if (depreciation) {
    row("drift.avskrivningar");
    b.Sum(t, y, {y, "drift.avskrivningar.utfall"}, {{y, "rr.avskrivningar", -1}});
  }
  if (extraordinary) {
    row("drift.extraordinara_poster");
    b.Sum(t, y, {y, "drift.extraordinara_poster.utfall"}, {{y, "rr.extraordinara_poster"}});
  }
  b.Sum(t, y, {y, "drift.intakter.utfall"}, {{y, "rr.verksamhetens_intakter"}});
  b.Sum(t, y, {y, "drift.kostnader.utfall"}, {{y, "rr.verksamhetens_kostnader", -1}});
  b.Sum(t, y, {y, "drift.finansiella_poster.utfall"}, {{y, "rr.finansiella_intakter"}, {y, "rr.finansiella_kostnader", -1}});
}

// The items of a note in tkr (given in tkr, so exact: constants), or their figures where they
// have an id.
void ItemParts(int y, const std::string& base, const std::vector<NoteItem>& items, std::vector<Part>* parts,
               std::vector<int64_t>* constants) {
  for (const NoteItem& item : items) {
    if (item.id) {
      parts->push_back({y, base + "." + item.id->value.name});
    } else {
      constants->push_back(NoteItemAmount(item).kronor);
    }
  }
}

// An anlaggning note in tkr prints the acquisition value and the accumulated depreciation each
// from its opening balance through the year's movements to its closing balance, and their sum,
// the redovisat värde, which is the balance-sheet line. The year's depreciation is the
// resultaträkning's, and the opening balances are the prior column's closing ones: of the prior
// year's note, or, where it had none, its balance-sheet line together.
void FixedAssetNoteIdentities(ProblemBuilder& b, int y, const Note& note, const std::map<int, FigureTable>& exact) {
  const std::string base = "not." + note.id.value.name;
  const std::string table = "Not " + note.rubrik.value;
  std::vector<Part> acquisition{{y, base + ".ingaende_anskaffningsvarde"}};
  std::vector<int64_t> acquisition_items;
  ItemParts(y, base, note.poster, &acquisition, &acquisition_items);
  b.SumWithConstants(table, y, {y, base + ".utgaende_anskaffningsvarde"}, acquisition, acquisition_items);
  b.Sum(table, y, {y, base + ".arets_avskrivningar"}, {{y, "rr.avskrivningar", -1}});
  std::vector<Part> depreciation{{y, base + ".ingaende_avskrivningar"}, {y, base + ".arets_avskrivningar"}};
  std::vector<int64_t> depreciation_items;
  ItemParts(y, base, note.avskrivningsposter, &depreciation, &depreciation_items);
  b.SumWithConstants(table, y, {y, base + ".utgaende_avskrivningar"}, depreciation, depreciation_items);
  b.Sum(table, y, {y, base + ".summa"},
        {{y, base + ".utgaende_anskaffningsvarde"}, {y, base + ".utgaende_avskrivningar"}});
  b.Sum(table, y, {y, base + ".redovisat_varde"}, {{y, base + ".summa"}});
  auto prior = exact.find(y - 1);
  if (prior == exact.end()) return;
  if (prior->second.Find(base + ".utgaende_anskaffningsvarde")) {
    b.Sum(table, y, {y, base + ".ingaende_anskaffningsvarde"}, {{y - 1, base + ".utgaende_anskaffningsvarde"}});
    b.Sum(table, y, {y, base + ".ingaende_avskrivningar"}, {{y - 1, base + ".utgaende_avskrivningar"}});
  } else if (note.avser.size() == 1) {
    const std::string line = "br." + note.avser[0].value.substr(note.avser[0].value.find('.') + 1);
    b.Sum(table, y, {y - 1, line}, {{y, base + ".ingaende_anskaffningsvarde"}, {y, base + ".ingaende_avskrivningar"}});
  }
}

// The report's note `id`, when it is printed in tkr: each column of a note is printed in the
// unit of the report year's note, so that a prior year's note kept in kronor prints in tkr
// beside one in tkr.
const Note* NotePrintedInTkr(const AccountsFile& report, const std::string& id) {
  for (const Note& note : report.noter) {
    if (note.id.value.name == id) return note.enhet && note.enhet->value == Unit::kTkr ? &note : nullptr;
  }
  return nullptr;
}

// A note in tkr prints its items and its total: the total must be their sum, with the opening
// balance for an avsättning note. Items given in tkr are exact; a prior year's items given in
// kronor are rounded with the rest. (`accounts` are the column's year's, `report` the report
// year's.)
void NoteIdentities(ProblemBuilder& b, int y, const AccountsFile& accounts, const AccountsFile& report,
                    const std::map<int, FigureTable>& exact) {
  for (const Note& note : accounts.noter) {
    if (!NotePrintedInTkr(report, note.id.value.name)) continue;
    const std::string base = "not." + note.id.value.name;
    if (IsFixedAssetNote(note)) {
      FixedAssetNoteIdentities(b, y, note, exact);
      continue;
    }
    std::vector<Part> parts;
    if (note.typ && note.typ->value == NoteKind::kProvision) parts.push_back({y, base + ".ingaende"});
    std::vector<int64_t> items;
    for (const NoteItem& item : note.poster) {
      if (item.id) {
        parts.push_back({y, base + "." + item.id->value.name});
      } else {
        items.push_back(NoteItemAmount(item).kronor);
      }
    }
    b.SumWithConstants("Not " + note.rubrik.value, y, {y, base + ".summa"}, parts, items);
  }
}

// The cash flow's adjustment for provisions is what the avsättning notes show the provisions
// grew by (each note's total less its opening balance), where the notes cover every provision:
// a reader checks it against the notes in a column whose balance sheet a year earlier is not
// printed (the prior year's). Taken only where it holds to the krona.
void ProvisionNoteIdentity(ProblemBuilder& b, int y, const AccountsFile& accounts, const AccountsFile& report,
                           const std::map<int, FigureTable>& exact) {
  const FigureTable& figures = exact.at(y);
  const Figure* adjustment = figures.Find("kfa.justering_avsattningar");
  if (!adjustment) return;
  std::vector<Part> parts;
  int64_t grew = 0;
  for (const Note& note : accounts.noter) {
    if (!note.typ || note.typ->value != NoteKind::kProvision || !NotePrintedInTkr(report, note.id.value.name)) continue;
    const std::string base = "not." + note.id.value.name;
    if (!figures.Find(base + ".summa") || !figures.Find(base + ".ingaende")) return;
    parts.push_back({y, base + ".summa"});
    parts.push_back({y, base + ".ingaende", -1});
    grew += figures.MoneyOr0(base + ".summa").kronor - figures.MoneyOr0(base + ".ingaende").kronor;
  }
  if (parts.empty() || grew != adjustment->money.kronor) return;
  b.Sum("Kassaflödesanalys", y, {y, "kfa.justering_avsattningar"}, parts);
}

// A money table prints each column's sum under its cells, which may name figures of either year.
void MoneyTableIdentities(ProblemBuilder& b, int y, const AccountsFile& accounts) {
  for (const MoneyTable& table : accounts.beloppstabeller) {
    if (table.summa && !table.summa->value) continue;
    for (size_t c = 0; c < table.kolumner.size(); ++c) {
      std::vector<Part> cells;
      for (size_t r = 0; r < table.rader.size(); ++r) {
        std::string name = MoneyCellFigure(table, r, c);
        const bool prior = name.rfind("fg.", 0) == 0;
        cells.push_back({prior ? y - 1 : y, prior ? name.substr(3) : name});
      }
      b.Sum("Tabell " + table.rubrik.value, y, {y, MoneyTableSumFigure(table, c)}, cells);
    }
  }
}

// When the last earlier report is older than the prior year (the years between were kept only
// for comparison), equity still carries from the equity that report printed, through each
// year's result, to the opening equity printed here: a reader adds the older report's eget
// kapital and the flerårsöversikt's results. The prior year's own balance sheet identities are
// in already.
void EquityBridgeIdentities(ProblemBuilder& b, int printed_year, int year, const std::map<int, FigureTable>& exact) {
  const char* e = "Eget kapital";
  for (int y = printed_year + 1; y < year; ++y) {
    if (!exact.count(y) || !exact.count(y - 1)) return;
    if (y < year - 1) {
      b.Sum(e, y, {y, "br.arets_resultat"}, {{y, "rr.arets_resultat"}});
      b.Sum(e, y, {y, "br.eget_kapital"}, {{y, "br.arets_resultat"}, {y, "br.ovrigt_eget_kapital"}});
    }
    b.Sum(e, y, {y, "br.ovrigt_eget_kapital"}, {{y - 1, "br.eget_kapital"}, {y, "ek.direkta_poster"}});
  }
}

}  // namespace

namespace {

ReportRounding Round(const InputSet& inputs, int year, const std::map<int, FigureTable>& exact,
                     bool statements_in_tkr, const PrintedBefore* before) {
  ProblemBuilder b(exact, before);
  const YearInput& report = *inputs.Find(year);
  std::vector<int> columns{year};
  if (exact.count(year - 1)) columns.push_back(year - 1);
  for (int y : columns) {
    const bool with_prior = y == year && columns.size() == 2;
    const YearInput* input = inputs.Find(y);
    if (statements_in_tkr) {
      IncomeStatementIdentities(b, y);
      BalanceSheetIdentities(b, y, with_prior);
      CashFlowIdentities(b, y, with_prior);
      const auto& drift = input->files.budget.driftredovisning;
      if (drift && exact.at(y).Find("drift.resultat.utfall")) DriftIdentities(b, y, *drift);
    }
    NoteIdentities(b, y, input->files.rakenskaper, report.files.rakenskaper, exact);
    if (statements_in_tkr) ProvisionNoteIdentity(b, y, input->files.rakenskaper, report.files.rakenskaper, exact);
  }
  if (statements_in_tkr) MoneyTableIdentities(b, year, report.files.rakenskaper);
  if (statements_in_tkr && before) EquityBridgeIdentities(b, before->report_year, year, exact);
  for (int y : columns) b.RegisterAll(y);
  // The flerårsöversikt's earlier years print three figures each.
  if (const auto& overview = report.files.rakenskaper.flerarsoversikt) {
    for (int y = year - static_cast<int>(overview->antal_ar.value) + 1; y < year - 1; ++y) {
      if (!exact.count(y)) continue;
      for (const char* name : {"rr.verksamhetens_intakter", "rr.verksamhetens_kostnader", "rr.arets_resultat"}) {
        b.Figure(y, name);
      }
    }
  }
  return b.Solve();
}

}  // namespace

ReportRounding RoundReport(const InputSet& inputs, int report_year, const std::map<int, FigureTable>& exact,
                           bool statements_in_tkr, const PrintedBefore* before) {
  ReportRounding rounding = Round(inputs, report_year, exact, statements_in_tkr, before);
  if (before && !rounding.given_up.empty()) {
    // The earlier report's figures are worth keeping, but not at the price of a sum that no
    // longer adds up here.
    ReportRounding afresh = Round(inputs, report_year, exact, statements_in_tkr, nullptr);
    if (afresh.given_up.size() < rounding.given_up.size()) {
      afresh.before_kept = false;
      return afresh;
    }
  }
  return rounding;
}

}  // namespace arsred

#include "figures.h"

#include <algorithm>
#include <numeric>
#include <type_traits>

#include "fill_marker.h"
#include "load_visitor.h"

namespace arsred {

namespace {

// The optional money members of a statement struct, by key, found through its Fields().
struct MoneyMembers {
  std::vector<std::pair<std::string, const std::optional<Located<Money>>*>> members;
  template <class M>
  void operator()(const char* key, M& member, const char*) {
    if constexpr (std::is_same_v<M, std::optional<Located<Money>>>) members.emplace_back(key, &member);
  }
};

template <class T>
MoneyMembers MoneyMembersOf(const T& statement) {
  MoneyMembers collector;
  const_cast<T&>(statement).Fields(collector);  // Fields() only hands out references; nothing is changed
  return collector;
}

struct StatementSection {
  const char* input_name;   // "resultatrakning"
  const char* figure_name;  // "rr"
};
constexpr StatementSection kSections[] = {
    {"resultatrakning", "rr"}, {"balansrakning", "br"}, {"ansvarsforbindelser", "ansvar"}};

std::string FigureNameOfLine(const std::string& line) {
  for (const auto& section : kSections) {
    std::string prefix = std::string(section.input_name) + ".";
    if (line.rfind(prefix, 0) == 0) return std::string(section.figure_name) + "." + line.substr(prefix.size());
  }
  return {};
}

class Deriver {
 public:
  Deriver(const InputSet& inputs, int year, Diagnostics* diagnostics, const FigureTable& prior)
      : year_(year), input_(*inputs.Find(year)), d_(diagnostics), prior_(prior) {}

  FigureTable Run() {
    General();
    Notes();
    Statements();
    Equity();
    CashFlow();
    Drift();
    Budget();
    Activity();
    MoneyTables();
    return std::move(table_);
  }

 private:
  const AccountsFile& accounts() const { return input_.files.rakenskaper; }

  void Report(const char* code, Where where, const std::string& path, const std::string& message) {
    if (d_) d_->Error(code, where, path, message);
  }

  void SetMoney(const std::string& name, Money m, Where w, const std::string& origin, bool cost = false) {
    if (m.overflow) {
      Report("money.overflow", w, name,
             "`" + name + "` (" + origin + ") comes to more than arsred can hold (4 × 10^18 kr): an amount is "
             "mistyped, most likely given in kr under `enhet: tkr`");
    }
    Figure f = Figure::OfMoney(m, w, origin);
    f.cost = cost;
    table_.Set(name, std::move(f));
  }

  void General() {
    auto text = [&](const std::string& name, const std::string& value) {
      Figure f;
      f.kind = Figure::Kind::kText;
      f.text = value;
      table_.Set(name, f);
    };
    text("ar", std::to_string(year_));
    text("foregaende_ar", std::to_string(year_ - 1));
    text("nasta_ar", std::to_string(year_ + 1));
    const Organisation& org = input_.files.forbund.forbund;
    text("forbund.namn", org.namn.value);
    text("forbund.organisationsnummer", org.organisationsnummer.value);
    if (org.bildat) text("forbund.bildat", org.bildat->value.ToString());
  }

  // The item's amount, reporting an item without one and a group whose stated amount is not
  // the sum of its sub-items.
  Money ItemAmount(const NoteItem& item) {
    if (item.poster.empty() && !item.belopp) {
      Report("note.item_amount", item.where, item.path, "the item has neither `belopp` nor `poster`");
      return {};
    }
    Money sum = NoteItemAmount(item);
    if (!item.poster.empty() && item.belopp && !SameAmount(item.belopp->value, sum)) {
      Report("note.group_sum", item.belopp->where, item.belopp->path,
             "stated " + FormatMoney(item.belopp->value) + " ≠ sum of its poster " + FormatMoney(sum));
    }
    return sum;
  }

  void Notes() {
    // An anlaggning note takes the year's depreciation from the resultaträkning's line, which
    // another note may break down: those notes are derived first.
    for (const Note& note : accounts().noter) {
      if (!IsFixedAssetNote(note)) NoteFigures(note);
    }
    for (const Note& note : accounts().noter) {
      if (IsFixedAssetNote(note)) NoteFigures(note);
    }
  }

  struct AssetOpening {
    Money acquisition, depreciation;  // depreciation negative, as printed
    Where acquisition_where, depreciation_where;
  };

  // An anlaggning note's opening balances: the prior year's closing ones, of this note; else
  // the keys that give them; else nothing, where the prior year's balance sheet had no such
  // assets (the first year with any).
  AssetOpening AssetOpeningOf(const Note& note, const std::string& base) {
    AssetOpening opening{{}, {}, note.where, note.where};
    const Figure* prior_acquisition = prior_.Find(base + ".utgaende_anskaffningsvarde");
    const Figure* prior_depreciation = prior_.Find(base + ".utgaende_avskrivningar");
    const auto& acquisition_key = note.ingaende_anskaffningsvarde;
    const auto& depreciation_key = note.ingaende_avskrivningar;
    if (prior_acquisition && prior_depreciation) {
      // Where the prior year knew them only in tkr, the exact ones the year gives (validation
      // checks that they agree).
      opening.acquisition = prior_acquisition->money;
      opening.depreciation = prior_depreciation->money;
      if (acquisition_key && !prior_acquisition->money.exact()) {
        opening.acquisition = acquisition_key->value;
        opening.acquisition_where = acquisition_key->where;
      }
      if (depreciation_key && !prior_depreciation->money.exact()) {
        opening.depreciation = depreciation_key->value;
        opening.depreciation_where = depreciation_key->where;
      }
      return opening;
    }
    if (acquisition_key) {
      opening.acquisition = acquisition_key->value;
      opening.acquisition_where = acquisition_key->where;
    }
    if (depreciation_key) {
      opening.depreciation = depreciation_key->value;
      opening.depreciation_where = depreciation_key->where;
    }
    if (acquisition_key && depreciation_key) return opening;
    const bool prior_year = prior_.Find("ar") != nullptr;
    const std::string line = note.avser.size() == 1 ? FigureNameOfLine(note.avser[0].value) : "";
    const Figure* prior_line = prior_year && !line.empty() ? prior_.Find(line) : nullptr;
    const bool nothing_before =
        prior_year && (!prior_line || (prior_line->money.kronor == 0 && !prior_line->money.to_fill));
    if (nothing_before && !acquisition_key && !depreciation_key) return opening;
    std::string missing = !acquisition_key && !depreciation_key
                              ? "`ingaende_anskaffningsvarde` and `ingaende_avskrivningar`"
                          : !acquisition_key ? "`ingaende_anskaffningsvarde`"
                                             : "`ingaende_avskrivningar`";
    std::string why = !prior_year       ? "the prior year has no directory"
                      : nothing_before ? "the two go together"
                                       : "the prior year has no anlaggning note `" + note.id.value.name +
                                             "`, and its " + note.avser[0].value + " is " +
                                             FormatMoney(prior_line->money);
    Report("note.opening", note.where, note.path,
           "an anlaggning note needs its opening balances: " + missing + " (" + why + ")");
    return opening;
  }

  // An anlaggning note: the acquisition value and the accumulated depreciation (negative, as
  // printed) each roll from their opening balance through the year's movements; the redovisat
  // värde, their sum, is the balance-sheet line. Returns that.
  Money FixedAssetFigures(const Note& note, const std::string& base, Money acquisitions) {
    const std::string& id = note.id.value.name;
    Money depreciation_movements;
    for (const NoteItem& item : note.avskrivningsposter) {
      Money amount = ItemAmount(item);
      depreciation_movements += amount;
      if (item.id) SetMoney(base + "." + item.id->value.name, amount, item.where, "note " + id);
    }
    const AssetOpening opening = AssetOpeningOf(note, base);
    SetMoney(base + ".ingaende_anskaffningsvarde", opening.acquisition, opening.acquisition_where,
             "the opening acquisition value of note " + id);
    SetMoney(base + ".forandring_anskaffningsvarde", acquisitions, note.where,
             "the movements of the acquisition value of note " + id);
    const Money acquisition = opening.acquisition + acquisitions;
    SetMoney(base + ".utgaende_anskaffningsvarde", acquisition, note.where,
             "the closing acquisition value of note " + id);
    SetMoney(base + ".ingaende_avskrivningar", opening.depreciation, opening.depreciation_where,
             "the opening accumulated depreciation of note " + id);
    // The year's depreciation is the resultaträkning's (given positive, a cost), here negative.
    const Figure* of_year = table_.Find("rr.avskrivningar");
    Money year_depreciation;
    Where year_where = note.where;
    if (of_year) {
      year_depreciation = -of_year->money;
      year_where = of_year->where;
    } else if (accounts().resultatrakning && accounts().resultatrakning->avskrivningar) {
      year_depreciation = -accounts().resultatrakning->avskrivningar->value;
      year_where = accounts().resultatrakning->avskrivningar->where;
    }
    SetMoney(base + ".arets_avskrivningar", year_depreciation, year_where, "the resultaträkning's avskrivningar");
    SetMoney(base + ".forandring_avskrivningar", depreciation_movements, note.where,
             "the movements of the accumulated depreciation of note " + id);
    const Money depreciation = opening.depreciation + year_depreciation + depreciation_movements;
    SetMoney(base + ".utgaende_avskrivningar", depreciation, note.where,
             "the closing accumulated depreciation of note " + id);
    const Money carrying = acquisition + depreciation;
    SetMoney(base + ".redovisat_varde", carrying, note.where, "the redovisat värde of note " + id);
    return carrying;
  }

  void NoteFigures(const Note& note) {
    const auto& lines = StatementLines();
    const std::string base = "not." + note.id.value.name;
    bool provision = note.typ && note.typ->value == NoteKind::kProvision;
    Money sum;
    std::map<std::string, Money> by_line;
    for (const NoteItem& item : note.poster) {
      Money amount = ItemAmount(item);
      sum += amount;
      if (item.id) SetMoney(base + "." + item.id->value.name, amount, item.where, "note " + note.id.value.name);
      if (note.avser.size() > 1) {
        if (!item.rad) {
          Report("note.item_line", item.where, item.path,
                 "the note breaks down several lines: say which with `rad`");
          continue;
        }
        by_line[item.rad->value.name] += amount;
      }
    }
    Money total = sum;
    if (provision) {
      Money opening;
      Where opening_where = note.where;
      // The opening balance is last year's closing one: of this note, or of the line it annotates;
      // where that is known only in tkr, the exact one the year gives (validation checks they agree).
      const Figure* prior_closing = prior_.Find(base + ".utgaende");
      if (!prior_closing && note.avser.size() == 1) prior_closing = prior_.Find(FigureNameOfLine(note.avser[0].value));
      if (prior_closing && (prior_closing->money.exact() || !note.ingaende)) {
        opening = prior_closing->money;
      } else if (note.ingaende) {
        opening = note.ingaende->value;
        opening_where = note.ingaende->where;
      } else {
        Report("note.opening", note.where, note.path,
               "an avsattning note needs its opening balance: `ingaende` (the prior year has no such note)");
      }
      SetMoney(base + ".ingaende", opening, opening_where, "the opening balance of note " + note.id.value.name);
      SetMoney(base + ".forandring", sum, note.where, "the movements of note " + note.id.value.name);
      total = opening + sum;
      if (note.utgaende) total = note.utgaende->value;
      SetMoney(base + ".utgaende", total, note.utgaende ? note.utgaende->where : note.where,
               "the closing balance of note " + note.id.value.name);
    }
    if (IsFixedAssetNote(note)) total = FixedAssetFigures(note, base, sum);
    SetMoney(base + ".summa", total, note.where, "the items of note " + note.id.value.name);

    for (const auto& line : note.avser) {
      if (std::find(lines.begin(), lines.end(), line.value) == lines.end()) {
        std::string message = "no statement line `" + line.value + "`";
        std::string suggestion = DidYouMean(line.value, lines);
        if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
        Report("note.line_unknown", line.where, line.path, message);
        continue;
      }
      std::string figure = FigureNameOfLine(line.value);
      if (noted_lines_.count(figure)) {
        Report("note.line_twice", line.where, line.path,
               "`" + line.value + "` is already broken down by note " + noted_lines_[figure]);
        continue;
      }
      noted_lines_[figure] = note.id.value.name;
      Money value = total;
      if (note.avser.size() > 1) {
        std::string short_name = line.value.substr(line.value.find('.') + 1);
        value = by_line[short_name];
      }
      SetMoney(figure, value, line.where, "the items of note " + note.id.value.name);
    }
    if (note.avser.size() > 1) {
      for (const NoteItem& item : note.poster) {
        if (!item.rad) continue;
        bool known = false;
        for (const auto& line : note.avser) {
          known = known || line.value.substr(line.value.find('.') + 1) == item.rad->value.name;
        }
        if (!known) {
          Report("note.item_line", item.rad->where, item.rad->path,
                 "`" + item.rad->value.name + "` is not one of the lines the note breaks down");
        }
      }
    }
  }

  template <class T>
  void DirectLines(const std::optional<T>& statement, const char* figure_prefix) {
    if (!statement) return;
    for (const auto& [key, member] : MoneyMembersOf(*statement).members) {
      if (!*member) continue;
      std::string figure = std::string(figure_prefix) + "." + key;
      if (noted_lines_.count(figure)) {
        Report("line.twice", (*member)->where, (*member)->path,
               "given here and by note " + noted_lines_[figure] + ": give it in one place");
        continue;
      }
      SetMoney(figure, (*member)->value, (*member)->where, "the inputs");
    }
  }

  void Statements() {
    DirectLines(accounts().resultatrakning, "rr");
    DirectLines(accounts().balansrakning, "br");
    DirectLines(accounts().ansvarsforbindelser, "ansvar");
    const FigureTable& t = table_;
    Where w = accounts().where;
    // Resultaträkning: costs are entered positive and shown negative.
    Money net = t.MoneyOr0("rr.verksamhetens_intakter") - t.MoneyOr0("rr.verksamhetens_kostnader") -
                t.MoneyOr0("rr.avskrivningar");
    SetMoney("rr.verksamhetens_nettokostnader", net, w, "verksamhetens intäkter − kostnader − avskrivningar");
    SetMoney("rr.verksamhetens_resultat", net, w, "verksamhetens nettokostnader");
    Money financial = t.MoneyOr0("rr.finansiella_intakter") - t.MoneyOr0("rr.finansiella_kostnader");
    SetMoney("rr.finansiella_netto", financial, w, "finansiella intäkter − kostnader");
    Money after_financial = net + financial;
    SetMoney("rr.resultat_efter_finansiella_poster", after_financial, w, "the resultaträkning");
    SetMoney("rr.arets_resultat", after_financial + t.MoneyOr0("rr.extraordinara_poster"), w,
             "the resultaträkning");
    // Balansräkning, assets side.
    Money fixed = t.MoneyOr0("br.materiella_anlaggningstillgangar") + t.MoneyOr0("br.finansiella_anlaggningstillgangar");
    Money current = t.MoneyOr0("br.fordringar") + t.MoneyOr0("br.kortfristiga_placeringar") +
                    t.MoneyOr0("br.kassa_och_bank");
    Where assets_at = FirstWhere({"br.materiella_anlaggningstillgangar", "br.finansiella_anlaggningstillgangar",
                                  "br.fordringar", "br.kortfristiga_placeringar", "br.kassa_och_bank"});
    SetMoney("br.summa_anlaggningstillgangar", fixed, assets_at, "the balansräkning");
    SetMoney("br.summa_omsattningstillgangar", current, assets_at, "the balansräkning");
    SetMoney("br.summa_tillgangar", fixed + current, assets_at, "the assets of the balansräkning");
    SetMoney("br.summa_avsattningar", t.MoneyOr0("br.avsattningar_pensioner") + t.MoneyOr0("br.andra_avsattningar"),
             w, "the balansräkning");
    SetMoney("br.summa_skulder", t.MoneyOr0("br.langfristiga_skulder") + t.MoneyOr0("br.kortfristiga_skulder"), w,
             "the balansräkning");
  }

  // Where the first of `names` that is present comes from; the statement's place otherwise.
  Where FirstWhere(std::initializer_list<const char*> names) const {
    for (const char* name : names) {
      if (const Figure* f = table_.Find(name)) return f->where;
    }
    return accounts().where;
  }

  void Equity() {
    const auto& equity = accounts().eget_kapital;
    Money opening;
    Where where = accounts().where;
    const Figure* prior_closing = prior_.Find("br.eget_kapital");
    // Last year's closing equity; where that is known only in tkr, the exact one the year gives.
    if (prior_closing && (prior_closing->money.exact() || !equity || !equity->ingaende)) {
      opening = prior_closing->money;
    } else if (equity && equity->ingaende) {
      opening = equity->ingaende->value;
      where = equity->ingaende->where;
    } else {
      Report("equity.opening", accounts().where, "eget_kapital.ingaende",
             "eget kapital at the start of the year is unknown: give `eget_kapital.ingaende` "
             "(the prior year has no directory)");
    }
    Money direct;
    if (equity) {
      for (const auto& entry : equity->direkta_poster) direct += entry.belopp.value;
    }
    Money result = table_.MoneyOr0("rr.arets_resultat");
    SetMoney("ek.ingaende", opening, where, "eget kapital at the end of the prior year");
    SetMoney("ek.direkta_poster", direct, where, "the direct entries against equity");
    SetMoney("br.arets_resultat", result, where, "the resultaträkning");
    SetMoney("br.ovrigt_eget_kapital", opening + direct, where, "opening equity and direct entries");
    SetMoney("br.eget_kapital", opening + direct + result, where, "opening equity + direct entries + årets resultat");
    SetMoney("ek.utgaende", opening + direct + result, where, "opening equity + direct entries + årets resultat");
    const FigureTable& t = table_;
    SetMoney("br.summa_eget_kapital_och_skulder",
             t.MoneyOr0("br.eget_kapital") + t.MoneyOr0("br.summa_avsattningar") + t.MoneyOr0("br.summa_skulder"),
             FirstWhere({"br.avsattningar_pensioner", "br.andra_avsattningar", "br.langfristiga_skulder",
                         "br.kortfristiga_skulder"}),
             "eget kapital, avsättningar och skulder");
  }

  void CashFlow() {
    const auto& input = accounts().kassaflodesanalys;
    const FigureTable& t = table_;
    bool from_prior = prior_.Find("br.summa_tillgangar") != nullptr;
    Where w = input ? input->where : accounts().where;
    auto given = [&](const std::optional<Located<Money>> CashFlow::*member) -> std::optional<Money> {
      if (input && (*input).*member) return ((*input).*member)->value;
      return std::nullopt;
    };
    auto derive_or_input = [&](const std::string& name, Money derived,
                               const std::optional<Located<Money>> CashFlow::*member, const char* label) {
      if (from_prior) {
        SetMoney(name, derived, w, "the balance sheets of this and the prior year");
      } else if (auto value = given(member)) {
        SetMoney(name, *value, ((*input).*member)->where, "the inputs");
      } else {
        Report("cashflow.missing", w, std::string("kassaflodesanalys.") + name.substr(4),
               std::string("the prior year has no directory, so ") + label + " must be given");
      }
    };
    Money provisions = t.MoneyOr0("br.summa_avsattningar") - prior_.MoneyOr0("br.summa_avsattningar");
    Money receivables = -(t.MoneyOr0("br.fordringar") - prior_.MoneyOr0("br.fordringar"));
    Money liabilities = t.MoneyOr0("br.kortfristiga_skulder") - prior_.MoneyOr0("br.kortfristiga_skulder");
    Money cash_prior = prior_.MoneyOr0("br.kassa_och_bank") + prior_.MoneyOr0("br.kortfristiga_placeringar");
    derive_or_input("kfa.justering_avsattningar", provisions, &CashFlow::justering_avsattningar,
                    "justering_avsattningar");
    derive_or_input("kfa.forandring_fordringar", receivables, &CashFlow::forandring_fordringar,
                    "forandring_fordringar");
    derive_or_input("kfa.forandring_skulder", liabilities, &CashFlow::forandring_skulder, "forandring_skulder");
    derive_or_input("kfa.likvida_medel_ingaende", cash_prior, &CashFlow::likvida_medel_ingaende,
                    "likvida_medel_ingaende");
    // The resultaträkning's depreciation, whether written here again or not (it must agree:
    // CheckAccounts, cashflow.depreciation).
    Money depreciation = t.MoneyOr0("rr.avskrivningar");
    Money other = given(&CashFlow::justering_ovriga).value_or(Money{});
    SetMoney("kfa.arets_resultat", t.MoneyOr0("rr.arets_resultat"), w, "the resultaträkning");
    SetMoney("kfa.justering_avskrivningar", depreciation, w, "the resultaträkning");
    SetMoney("kfa.justering_ovriga", other, w, "the inputs");
    Money adjustments = t.MoneyOr0("kfa.justering_avsattningar") + depreciation + other;
    SetMoney("kfa.ej_likviditetspaverkande", adjustments, w, "the adjustments");
    Money before_working_capital = t.MoneyOr0("rr.arets_resultat") + adjustments;
    SetMoney("kfa.fore_rorelsekapital", before_working_capital, w, "the cash flow statement");
    Money operating = before_working_capital + t.MoneyOr0("kfa.forandring_fordringar") +
                      t.MoneyOr0("kfa.forandring_skulder");
    SetMoney("kfa.lopande_verksamhet", operating, w, "the cash flow statement");
    Money investing = given(&CashFlow::investeringsverksamhet).value_or(Money{});
    Money financing = given(&CashFlow::finansieringsverksamhet).value_or(Money{});
    SetMoney("kfa.investeringsverksamhet", investing, w, "the inputs");
    SetMoney("kfa.finansieringsverksamhet", financing, w, "the inputs");
    SetMoney("kfa.arets_kassaflode", operating + investing + financing, w, "the cash flow statement");
    SetMoney("kfa.likvida_medel_utgaende", t.MoneyOr0("kfa.likvida_medel_ingaende") + t.MoneyOr0("kfa.arets_kassaflode"),
             w, "likvida medel vid årets början + årets kassaflöde");
  }

  void Drift() {
    const auto& drift = input_.files.budget.driftredovisning;
    if (!drift) return;
    // Outcome per row: the note items of the income and cost lines that are tagged with it.
    std::map<std::string, Money> outcome;
    for (const Note& note : accounts().noter) {
      for (const auto& line : note.avser) {
        bool income = line.value == "resultatrakning.verksamhetens_intakter";
        bool cost = line.value == "resultatrakning.verksamhetens_kostnader";
        if (!income && !cost) continue;
        for (const NoteItem& item : note.poster) {
          if (item.drift) outcome[item.drift->value.name] += NoteItemAmount(item);
        }
      }
    }
    Money income_outcome, income_budget, cost_outcome, cost_budget;
    for (const DriftRow& row : drift->rader) {
      const std::string base = "drift." + row.id.value.name;
      bool cost = row.typ.value == DriftKind::kCost;
      Money actual = cost ? -outcome[row.id.value.name] : outcome[row.id.value.name];
      Money budget = cost ? -row.budget.value : row.budget.value;
      SetMoney(base + ".utfall", actual, row.where, "the note items tagged drift: " + row.id.value.name, cost);
      SetMoney(base + ".budget", budget, row.budget.where, "the budget", cost);
      SetMoney(base + ".avvikelse", actual - budget, row.where, "utfall − budget", cost);
      (cost ? cost_outcome : income_outcome) += actual;
      (cost ? cost_budget : income_budget) += budget;
    }
    auto group = [&](const std::string& name, Money actual, Money budget, const std::string& origin) {
      SetMoney("drift." + name + ".utfall", actual, drift->where, origin);
      SetMoney("drift." + name + ".budget", budget, drift->where, "the budget");
      SetMoney("drift." + name + ".avvikelse", actual - budget, drift->where, "utfall − budget");
    };
    group("intakter", income_outcome, income_budget, "the income rows");
    group("kostnader", cost_outcome, cost_budget, "the cost rows");
    group("nettokostnad", income_outcome + cost_outcome, income_budget + cost_budget, "the rows");
    // Depreciation is no note item of the rows: it is the resultaträkning's own line, and a row
    // of its own, so that the driftredovisning's result is årets resultat.
    const Money depreciation = -table_.MoneyOr0("rr.avskrivningar");
    const Money depreciation_budget = drift->avskrivningar ? -drift->avskrivningar->value : Money{};
    if (depreciation.kronor != 0 || drift->avskrivningar) {
      group("avskrivningar", depreciation, depreciation_budget, "the resultaträkning");
    }
    Money financial_budget = drift->finansiella_poster ? drift->finansiella_poster->value : Money{};
    group("finansiella_poster", table_.MoneyOr0("rr.finansiella_netto"), financial_budget, "the resultaträkning");
    // Extraordinary items, rare and never budgeted, likewise.
    const Money extraordinary = table_.MoneyOr0("rr.extraordinara_poster");
    if (extraordinary.kronor != 0) group("extraordinara_poster", extraordinary, Money{}, "the resultaträkning");
    group("resultat",
          income_outcome + cost_outcome + depreciation + table_.MoneyOr0("rr.finansiella_netto") + extraordinary,
          income_budget + cost_budget + depreciation_budget + financial_budget,
          "the rows, the depreciation and the financial items");
  }

  void Budget() {
    Money contributions;
    std::map<MemberKind, Money> by_kind;
    std::map<MemberKind, Where> first_item;
    Where first_any;
    bool any = false;
    for (const Note& note : accounts().noter) {
      for (const NoteItem& item : note.poster) {
        if (!item.bidrag_fran) continue;
        if (!any) first_any = item.where;
        if (!first_item.count(item.bidrag_fran->value)) first_item[item.bidrag_fran->value] = item.where;
        any = true;
        Money amount = NoteItemAmount(item);
        contributions += amount;
        by_kind[item.bidrag_fran->value] += amount;
      }
    }
    if (any) {
      SetMoney("medlemsbidrag", contributions, first_any, "the note items marked bidrag_fran");
      for (const auto& [kind, amount] : by_kind) {
        SetMoney("medlemsbidrag." + std::string(SpellingOf(kind)), amount, first_item[kind],
                 "the note items marked bidrag_fran: " + std::string(SpellingOf(kind)));
      }
    }
    const BudgetFile& budget = input_.files.budget;
    if (budget.nasta_ar) {
      if (budget.nasta_ar->tilldelning) {
        SetMoney("budget.nasta_ar.tilldelning", budget.nasta_ar->tilldelning->value, budget.nasta_ar->tilldelning->where,
                 "the budget");
      }
      if (budget.nasta_ar->kostnader) {
        SetMoney("budget.nasta_ar.kostnader", budget.nasta_ar->kostnader->value, budget.nasta_ar->kostnader->where,
                 "the budget");
      }
    }
    if (budget.sparade_medel) {
      const auto& ceiling = *budget.sparade_medel;
      if (ceiling.belopp) {
        SetMoney("budget.sparade_medel.tak", ceiling.belopp->value, ceiling.belopp->where, "the budget");
      } else if (ceiling.andel_av_medlemsbidrag && any) {
        // A percentage of the contributions, checked like any sum (the percentage may be mistyped).
        int64_t product = 0;
        const bool wrapped =
            __builtin_mul_overflow(contributions.kronor, ceiling.andel_av_medlemsbidrag->value, &product);
        Money tak{wrapped ? 0 : RoundedDivision(product, 100), contributions.tkr_terms, contributions.overflow};
        if (wrapped || tak.kronor > Money::kLimit || tak.kronor < -Money::kLimit) {
          tak.kronor = 0;
          tak.overflow = true;
        }
        SetMoney("budget.sparade_medel.tak", tak, ceiling.andel_av_medlemsbidrag->where,
                 "a share of the member contributions");
      }
    }
  }

  static std::string CountRowName(const CountTable& table, const CountRow& row) {
    return "tabell." + table.id.value.name + "." + row.id.value.name;
  }

  // A participant row's counts as written; `alla` is kvinnor + män (+ övriga) where left out.
  void CountRowFigures(const std::string& r, const CountRow& row) {
    auto set = [&](const char* column, const std::optional<Located<int64_t>>& value) {
      if (value) table_.Set(r + "." + column, Figure::OfCount(value->value, value->where, value->to_fill));
    };
    set("kvinnor", row.kvinnor);
    set("man", row.man);
    set("ovriga", row.ovriga);
    if (row.alla) {
      set("alla", row.alla);
    } else if (row.kvinnor && row.man) {
      int64_t all = row.kvinnor->value + row.man->value + (row.ovriga ? row.ovriga->value : 0);
      const bool to_fill = row.kvinnor->to_fill || row.man->to_fill || (row.ovriga && row.ovriga->to_fill);
      table_.Set(r + ".alla", Figure::OfCount(all, row.where, to_fill));
    }
  }

  // Each group's share of a row's total, for prose such as "48 % kvinnor".
  void GroupShares(const std::string& r) {
    const Figure* all = table_.Find(r + ".alla");
    for (const char* column : {"kvinnor", "man", "ovriga"}) {
      const Figure* part = table_.Find(r + "." + column);
      if (part && all && (all->count > 0 || all->to_fill)) {
        table_.Set(r + "." + column + "_av_alla",
                   Figure::OfPercent(part->count, all->count, part->where, part->to_fill || all->to_fill));
      }
    }
  }

  // A money table's written amounts and its columns' sums; a cell that names a figure is that
  // figure. A cell naming no figure (reported by validation) counts as nothing.
  void MoneyTables() {
    for (const MoneyTable& table : accounts().beloppstabeller) {
      std::vector<Money> sums(table.kolumner.size());
      for (size_t r = 0; r < table.rader.size(); ++r) {
        const MoneyRow& row = table.rader[r];
        for (size_t c = 0; c < row.celler.size() && c < sums.size(); ++c) {
          const MoneyCell& cell = row.celler[c];
          if (cell.belopp) {
            SetMoney(MoneyCellFigure(table, r, c), cell.belopp->value, cell.where, "the table " + table.id.value.name);
            sums[c] += cell.belopp->value;
          } else if (cell.figur) {
            const std::string& name = cell.figur->value;
            const bool prior = name.rfind("fg.", 0) == 0;
            const Figure* f = prior ? prior_.Find(name.substr(3)) : table_.Find(name);
            if (f && f->kind == Figure::Kind::kMoney) sums[c] += f->money;
          }
        }
      }
      for (size_t c = 0; c < sums.size(); ++c) {
        SetMoney(MoneyTableSumFigure(table, c), sums[c], table.where, "the sum of a column of " + table.id.value.name);
      }
    }
  }

  void Activity() {
    const ActivityFile& activity = input_.files.verksamhet;
    if (activity.personal) {
      Figure f;
      f.kind = Figure::Kind::kDecimal;
      f.decimal = activity.personal->arsarbetare.value;
      f.where = activity.personal->arsarbetare.where;
      f.to_fill = activity.personal->arsarbetare.to_fill;
      table_.Set("personal.arsarbetare", f);
      if (activity.personal->finansierade_tjanster) {
        f.decimal = activity.personal->finansierade_tjanster->value;
        f.where = activity.personal->finansierade_tjanster->where;
        f.to_fill = activity.personal->finansierade_tjanster->to_fill;
        table_.Set("personal.finansierade_tjanster", f);
      }
    }
    for (const CountTable& table : activity.tabeller) {
      for (const CountRow& row : table.rader) {
        if (!row.kalla) CountRowFigures(CountRowName(table, row), row);
      }
    }
    // A row naming another table's row counts the same persons: its figures are that row's.
    for (const CountTable& table : activity.tabeller) {
      for (const CountRow& row : table.rader) {
        if (!row.kalla) continue;
        for (const char* column : {"alla", "kvinnor", "man", "ovriga"}) {
          const Figure* source = table_.Find("tabell." + row.kalla->value + "." + column);
          if (source) table_.Set(CountRowName(table, row) + "." + column, *source);
        }
      }
    }
    for (const CountTable& table : activity.tabeller) {
      for (const CountRow& row : table.rader) GroupShares(CountRowName(table, row));
      if (!table.andel_av) continue;
      const std::string of = "tabell." + table.id.value.name + "." + table.andel_av->value.name;
      for (const CountRow& row : table.rader) {
        const std::string r = CountRowName(table, row);
        for (const char* column : {"alla", "kvinnor", "man", "ovriga"}) {
          const Figure* part = table_.Find(r + "." + column);
          const Figure* whole = table_.Find(of + "." + column);
          if (part && whole && (whole->count > 0 || whole->to_fill)) {
            table_.Set(r + ".andel_" + column,
                       Figure::OfPercent(part->count, whole->count, part->where, part->to_fill || whole->to_fill));
          }
        }
      }
    }
    for (const Survey& survey : activity.enkater) {
      const std::string base = "enkat." + survey.id.value.name;
      int64_t n = survey.negativt.value + survey.varken_eller.value + survey.positivt.value;
      const bool to_fill = survey.negativt.to_fill || survey.varken_eller.to_fill || survey.positivt.to_fill;
      table_.Set(base + ".n", Figure::OfCount(n, survey.where, to_fill));
      // The shares as the survey's table prints them, summing to 100 %, so that prose quoting a
      // share says what the table under it says.
      const std::pair<const char*, const Located<int64_t>*> answers[] = {
          {"negativt", &survey.negativt}, {"varken_eller", &survey.varken_eller}, {"positivt", &survey.positivt}};
      const std::vector<int64_t> shares =
          LargestRemainderPercents({survey.negativt.value, survey.varken_eller.value, survey.positivt.value});
      for (size_t i = 0; i < std::size(answers); ++i) {
        const auto& [name, count] = answers[i];
        table_.Set(base + "." + name, Figure::OfCount(count->value, count->where, count->to_fill));
        if (n > 0 || to_fill) {
          Figure share = Figure::OfPercent(count->value, n, count->where, to_fill);
          share.rounded_with_others = shares[i];
          table_.Set(base + ".andel_" + name, share);
        }
      }
      if (!survey.positiva_svar.empty()) {
        std::vector<int64_t> counts;
        bool all_counted = true;
        bool answers_to_fill = false;
        for (const auto& answer : survey.positiva_svar) {
          all_counted = all_counted && answer.antal;
          counts.push_back(answer.antal ? answer.antal->value : 0);
          answers_to_fill = answers_to_fill || (answer.antal && answer.antal->to_fill) ||
                            (answer.andel && answer.andel->to_fill);
        }
        std::vector<int64_t> percents = LargestRemainderPercents(counts);
        Figure f;
        f.kind = Figure::Kind::kText;
        f.where = survey.positiva_svar.front().where;
        for (size_t i = 0; i < survey.positiva_svar.size(); ++i) {
          const auto& answer = survey.positiva_svar[i];
          int64_t percent = all_counted ? percents[i] : (answer.andel ? answer.andel->value : 0);
          if (i > 0) f.text += ", ";
          f.text += answer.svar.value + " " + std::to_string(percent) + "\u00A0%";
        }
        if (answers_to_fill) f.text = kToFillMark;
        f.to_fill = answers_to_fill;
        table_.Set(base + ".fordelning_positiva", f);
      }
    }
    for (const Distribution& distribution : activity.fordelningar) {
      for (const Measurement& m : distribution.matningar) {
        for (const auto& [category, percent] : m.andelar.entries) {
          table_.Set("fordelning." + distribution.id.value.name + "." + m.id.value.name + "." + category.value.name,
                     Figure::OfPercent(percent.value, 100, percent.where, percent.to_fill));
        }
        if (m.n) {
          table_.Set("fordelning." + distribution.id.value.name + "." + m.id.value.name + ".n",
                     Figure::OfCount(m.n->value, m.n->where, m.n->to_fill));
        }
      }
    }
    for (const Chart& chart : activity.diagram) {
      const std::vector<int64_t> magnitudes = ChartMagnitudes(chart, table_);
      const int64_t total = std::accumulate(magnitudes.begin(), magnitudes.end(), int64_t{0});
      const std::vector<int64_t> percents = LargestRemainderPercents(magnitudes);
      const bool to_fill = ChartToFill(chart, table_);
      for (size_t i = 0; i < chart.delar.size(); ++i) {
        if (!chart.delar[i].id) continue;
        Figure slice = Figure::OfPercent(magnitudes[i], total > 0 ? total : 1, chart.delar[i].where, to_fill);
        slice.rounded_with_others = percents[i];
        table_.Set("diagram." + chart.id.value.name + "." + chart.delar[i].id->value.name, slice);
      }
    }
  }

  int year_;
  const YearInput& input_;
  Diagnostics* d_;
  const FigureTable& prior_;  // empty when the prior year has no directory
  FigureTable table_;
  std::map<std::string, std::string> noted_lines_;  // figure name of a line -> the note that breaks it down
};

}  // namespace

const std::vector<std::string>& StatementLines() {
  static const std::vector<std::string> lines = [] {
    std::vector<std::string> out;
    auto add = [&](const char* section, const auto& statement) {
      for (const auto& [key, member] : MoneyMembersOf(statement).members) out.push_back(std::string(section) + "." + key);
    };
    add("resultatrakning", IncomeStatement{});
    add("balansrakning", BalanceSheet{});
    add("ansvarsforbindelser", Contingencies{});
    return out;
  }();
  return lines;
}

const FigureTable& DerivedYears::Of(int year) {
  static const FigureTable kNone;
  if (!inputs_.Find(year)) return kNone;
  if (auto found = derived_.find(year); found != derived_.end()) return found->second;
  const FigureTable& prior = Of(year - 1);  // map references stay valid as years are added
  return derived_.emplace(year, Deriver(inputs_, year, nullptr, prior).Run()).first->second;
}

FigureTable DeriveFigures(DerivedYears& years, int year, Diagnostics* diagnostics) {
  if (!years.inputs().Find(year)) return {};
  return Deriver(years.inputs(), year, diagnostics, years.Of(year - 1)).Run();
}

FigureTable DeriveFigures(const InputSet& inputs, int year, Diagnostics* diagnostics) {
  DerivedYears years(inputs);
  return DeriveFigures(years, year, diagnostics);
}

int64_t RoundPercent(int64_t part, int64_t whole) { return RoundedDivision(part * 100, whole); }

int64_t Figure::Percent() const { return rounded_with_others ? *rounded_with_others : RoundPercent(count, of); }

std::string MoneyCellFigure(const MoneyTable& table, size_t row, size_t column) {
  const MoneyRow& r = table.rader[row];
  if (column < r.celler.size() && r.celler[column].figur) return r.celler[column].figur->value;
  return "belopp." + table.id.value.name + "." + std::to_string(row + 1) + "." + std::to_string(column + 1);
}

std::string MoneyTableSumFigure(const MoneyTable& table, size_t column) {
  return "belopp." + table.id.value.name + ".summa." + std::to_string(column + 1);
}

Money NoteItemAmount(const NoteItem& item) {
  if (item.poster.empty()) return item.belopp ? item.belopp->value : Money{};
  Money sum;
  for (const auto& sub : item.poster) sum += sub.belopp.value;
  return sum;
}

namespace {

// Of the parts order[from, to) (one remainder), `count` to give a point each: whole groups of
// equal parts whose sizes add up to `count`, the earliest such choice; else the first `count`.
std::vector<size_t> PartsOfEqualGroups(const std::vector<size_t>& order, size_t from, size_t to,
                                       const std::vector<int64_t>& parts, int64_t count) {
  std::vector<std::vector<size_t>> groups;  // by the part's value, in order of first appearance
  for (size_t t = from; t < to; ++t) {
    auto same = std::find_if(groups.begin(), groups.end(),
                             [&](const std::vector<size_t>& g) { return parts[g.front()] == parts[order[t]]; });
    if (same == groups.end()) {
      groups.push_back({order[t]});
    } else {
      same->push_back(order[t]);
    }
  }
  // reachable[g][c]: whether groups g.. can make up exactly c.
  const size_t n = groups.size();
  const auto wanted = static_cast<size_t>(count);
  std::vector<std::vector<bool>> reachable(n + 1, std::vector<bool>(wanted + 1, false));
  reachable[n][0] = true;
  for (size_t g = n; g-- > 0;) {
    for (size_t c = 0; c <= wanted; ++c) {
      reachable[g][c] = reachable[g + 1][c] || (groups[g].size() <= c && reachable[g + 1][c - groups[g].size()]);
    }
  }
  std::vector<size_t> chosen;
  if (!reachable[0][wanted]) {
    for (size_t t = from; t < from + wanted; ++t) chosen.push_back(order[t]);
    return chosen;
  }
  size_t c = wanted;
  for (size_t g = 0; g < n && c > 0; ++g) {
    if (groups[g].size() <= c && reachable[g + 1][c - groups[g].size()]) {
      chosen.insert(chosen.end(), groups[g].begin(), groups[g].end());
      c -= groups[g].size();
    }
  }
  return chosen;
}

}  // namespace

std::vector<int64_t> LargestRemainderPercents(const std::vector<int64_t>& parts) {
  int64_t total = std::accumulate(parts.begin(), parts.end(), int64_t{0});
  std::vector<int64_t> out(parts.size(), 0);
  if (total <= 0) return out;
  std::vector<int64_t> remainder(parts.size());
  int64_t assigned = 0;
  for (size_t i = 0; i < parts.size(); ++i) {
    out[i] = parts[i] * 100 / total;
    remainder[i] = parts[i] * 100 % total;
    assigned += out[i];
  }
  std::vector<size_t> order(parts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  // The points go to the largest remainders. Where the last points fall among parts with the
  // same remainder, equal parts get the same: of 2, 5 and 5 answers, 16, 42 and 42 %, not 17, 42
  // and 41 %. Only when no set of equal parts takes exactly the points left do the earlier ones
  // get them (1, 1 and 1: 34, 33 and 33 %).
  size_t k = 0;
  while (assigned < 100 && k < order.size()) {
    size_t tied_end = k;
    while (tied_end < order.size() && remainder[order[tied_end]] == remainder[order[k]]) ++tied_end;
    const int64_t left = 100 - assigned;
    if (static_cast<int64_t>(tied_end - k) <= left) {
      for (size_t t = k; t < tied_end; ++t) ++out[order[t]];
      assigned += static_cast<int64_t>(tied_end - k);
      k = tied_end;
      continue;
    }
    for (size_t index : PartsOfEqualGroups(order, k, tied_end, parts, left)) ++out[index];
    break;
  }
  return out;
}

bool ChartToFill(const Chart& chart, const FigureTable& figures) {
  return std::any_of(chart.delar.begin(), chart.delar.end(), [&](const ChartSlice& slice) {
    const Figure* f = figures.Find(slice.kalla.value);
    return f && f->missing();
  });
}

std::vector<int64_t> ChartMagnitudes(const Chart& chart, const FigureTable& figures) {
  std::vector<int64_t> magnitudes;
  for (const ChartSlice& slice : chart.delar) {
    const Figure* f = figures.Find(slice.kalla.value);
    int64_t v = 0;
    if (f && f->kind == Figure::Kind::kMoney) v = f->money.kronor < 0 ? -f->money.kronor : f->money.kronor;
    if (f && f->kind == Figure::Kind::kCount) v = f->count;
    magnitudes.push_back(v);
  }
  return magnitudes;
}

}  // namespace arsred

// Rules on rakenskaper.yaml: the balance sheet balances, equity and provisions roll forward
// from the prior year, the cash flow ends in the bank, notes sum to their lines, note items
// name real insatser, and the multi-year overview agrees with each year's statements.
#include <algorithm>
#include <map>
#include <set>

#include "account_mapping.h"
#include "load_visitor.h"
#include "statement_lines.h"
#include "validate_rules.h"

namespace arsred {

namespace {

std::string Year(int y) { return std::to_string(y); }

// An anlaggning note: it breaks down the one line whose depreciation the resultaträkning
// gives; its opening balances, written as printed, are the prior year's closing ones, and
// where the prior year has no such note they add up to its balance-sheet line.
void CheckFixedAssetNote(ValidationContext& c, const Note& note) {
  const std::string base = "not." + note.id.value.name;
  constexpr const char* kLine = "balansrakning.materiella_anlaggningstillgangar";
  if (!note.avser.empty() && (note.avser.size() != 1 || note.avser[0].value != kLine)) {
    c.d.Error("note.kind", note.avser[0].where, note.avser[0].path,
              std::string("an anlaggning note breaks down `") + kLine +
                  "` alone: its year's depreciation is the resultaträkning's avskrivningar");
  }
  if (note.ingaende || note.utgaende) {
    const auto& at = note.ingaende ? *note.ingaende : *note.utgaende;
    c.d.Error("note.kind", at.where, at.path,
              "an anlaggning note's opening balances are `ingaende_anskaffningsvarde` and `ingaende_avskrivningar`");
  }
  const auto& acquisition = note.ingaende_anskaffningsvarde;
  const auto& depreciation = note.ingaende_avskrivningar;
  // An amount as the key takes it, in the note's unit.
  const bool in_tkr = note.enhet && note.enhet->value == Unit::kTkr;
  auto as_written = [in_tkr](Money m) { return std::to_string(in_tkr ? m.kronor / 1000 : m.kronor); };
  if (acquisition && acquisition->value.kronor < 0) {
    c.d.Error("note.sign", acquisition->where, acquisition->path,
              "an acquisition value is written positive: " + as_written(-acquisition->value));
  }
  if (depreciation && depreciation->value.kronor > 0) {
    c.d.Error("note.sign", depreciation->where, depreciation->path,
              "accumulated depreciation is written negative, as printed: " + as_written(-depreciation->value));
  }
  if (note.avskrivningstid && note.avskrivningstid->value <= 0) {
    c.d.Error("note.sign", note.avskrivningstid->where, note.avskrivningstid->path,
              "the depreciation period is a number of years, at least 1");
  }
  if (!c.prior) return;
  const Figure* prior_acquisition = c.prior->Find(base + ".utgaende_anskaffningsvarde");
  const Figure* prior_depreciation = c.prior->Find(base + ".utgaende_avskrivningar");
  if (prior_acquisition && prior_depreciation) {
    if (acquisition) {
      c.ExpectSame("note.opening", acquisition->where, acquisition->path, "ingående anskaffningsvärde",
                   acquisition->value, "the prior year's utgående anskaffningsvärde", prior_acquisition->money);
    }
    if (depreciation) {
      c.ExpectSame("note.opening", depreciation->where, depreciation->path, "ingående ackumulerade avskrivningar",
                   depreciation->value, "the prior year's utgående ackumulerade avskrivningar",
                   prior_depreciation->money);
    }
    return;
  }
  // The first year with the note: the opening redovisat värde is the prior balance sheet's.
  if (!acquisition || !depreciation || note.avser.size() != 1) return;
  const std::string line = "br." + note.avser[0].value.substr(note.avser[0].value.find('.') + 1);
  c.ExpectSame("note.carrying_value", acquisition->where, acquisition->path,
               "ingående anskaffningsvärde + ingående avskrivningar (the redovisat värde at the start of the year)",
               acquisition->value + depreciation->value,
               "the prior year's " + note.avser[0].value, c.prior->MoneyOr0(line));
}

void CheckNotes(ValidationContext& c) {
  const AccountsFile& accounts = c.year.files.rakenskaper;
  std::vector<std::string> insatser;
  for (const Insats& insats : c.year.files.verksamhet.insatser) insatser.push_back(insats.id.value.name);
  auto check_insats = [&](const std::optional<Located<Id>>& ref) {
    if (!ref || std::find(insatser.begin(), insatser.end(), ref->value.name) != insatser.end()) return;
    std::string message = "no insats `" + ref->value.name + "` in verksamhet.yaml";
    std::string suggestion = DidYouMean(ref->value.name, insatser);
    if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
    c.d.Error("note.insats", ref->where, ref->path, message);
  };

  std::set<std::string> note_ids;
  for (const Note& note : accounts.noter) {
    const std::string& id = note.id.value.name;
    if (!note_ids.insert(id).second) {
      c.d.Error("note.duplicate", note.id.where, note.id.path, "note id `" + id + "` is used twice");
    }
    if (note.avser.empty()) {
      c.d.Error("note.unreferenced", note.where, note.path,
                "the note breaks down no statement line: say which with `avser`");
    }
    std::set<std::string> item_ids;  // an anlaggning note's two lists name their figures alike
    for (const auto* items : {&note.poster, &note.avskrivningsposter}) {
      for (const NoteItem& item : *items) {
        if (item.id && !item_ids.insert(item.id->value.name).second) {
          c.d.Error("note.item_duplicate", item.id->where, item.id->path,
                    "item id `" + item.id->value.name + "` is used twice in note " + id);
        }
        check_insats(item.insats);
        for (const NoteSubItem& sub : item.poster) check_insats(sub.insats);
      }
    }
    const std::string base = "not." + id;
    if (note.summa) {
      c.ExpectSame("note.sum", note.summa->where, note.summa->path, "stated summa", note.summa->value,
                   "the sum of the items", c.figures.MoneyOr0(base + ".summa"));
    }
    bool provision = note.typ && note.typ->value == NoteKind::kProvision;
    if (!IsFixedAssetNote(note)) {
      for (const auto& key : {note.ingaende_anskaffningsvarde, note.ingaende_avskrivningar}) {
        if (key) c.d.Error("note.kind", key->where, key->path, "only an anlaggning note has this key");
      }
      if (note.avskrivningstid) {
        c.d.Error("note.kind", note.avskrivningstid->where, note.avskrivningstid->path,
                  "only an anlaggning note has this key");
      }
      if (!note.avskrivningsposter.empty()) {
        c.d.Error("note.kind", note.avskrivningsposter.front().where, note.avskrivningsposter.front().path,
                  "only an anlaggning note has avskrivningsposter");
      }
    } else {
      CheckFixedAssetNote(c, note);
    }
    if (!provision) {
      if ((note.ingaende || note.utgaende) && !IsFixedAssetNote(note)) {  // which says what it has instead
        const auto& at = note.ingaende ? *note.ingaende : *note.utgaende;
        c.d.Error("note.kind", at.where, at.path, "only an avsattning note has opening and closing balances");
      }
      continue;
    }
    const Figure* prior_closing = c.prior ? c.prior->Find(base + ".utgaende") : nullptr;
    if (c.prior && !prior_closing && note.avser.size() == 1) {
      prior_closing = c.prior->Find("br." + note.avser[0].value.substr(note.avser[0].value.find('.') + 1));
    }
    if (note.ingaende && prior_closing) {
      c.ExpectSame("note.opening", note.ingaende->where, note.ingaende->path, "ingående", note.ingaende->value,
                   "the prior year's utgående", prior_closing->money);
    }
    if (note.utgaende) {
      Money rolled = c.figures.MoneyOr0(base + ".ingaende") + c.figures.MoneyOr0(base + ".forandring");
      c.ExpectSame("note.closing", note.utgaende->where, note.utgaende->path, "utgående", note.utgaende->value,
                   "ingående + the year's movements", rolled);
    }
  }
}

// What an anlaggning note bought in the year (its movements of the acquisition value that add to
// it) stands against the cash flow's investeringsverksamhet. Sale proceeds, and purchases not yet
// paid, keep the one from being derived from the other; but a year that bought fixed assets with
// no investing cash flow, or that invested while its anlaggning notes show no purchase, has left
// one of the two out. Scrapping a written-off asset moves no cash, so only additions count.
void CheckInvestingAgainstFixedAssets(ValidationContext& c) {
  const auto& accounts = c.year.files.rakenskaper;
  const auto& flow = accounts.kassaflodesanalys;
  if (!flow) return;
  const Note* fixed_asset_note = nullptr;
  const NoteItem* first_purchase = nullptr;
  const Note* first_purchase_note = nullptr;
  Money purchases;
  for (const Note& note : accounts.noter) {
    if (!note.typ || note.typ->value != NoteKind::kFixedAsset) continue;
    if (!fixed_asset_note) fixed_asset_note = &note;
    for (const NoteItem& item : note.poster) {
      const Money amount = NoteItemAmount(item);
      if (amount.to_fill || amount.kronor <= 0) continue;
      if (!first_purchase) {
        first_purchase = &item;
        first_purchase_note = &note;
      }
      purchases += amount;
    }
  }
  if (!fixed_asset_note) return;
  const Money investing = flow->investeringsverksamhet ? flow->investeringsverksamhet->value : Money{};
  if (investing.to_fill) return;
  if (first_purchase && investing.kronor == 0) {
    const Where& where = flow->investeringsverksamhet ? flow->investeringsverksamhet->where : flow->where;
    const std::string& path = flow->investeringsverksamhet ? flow->investeringsverksamhet->path
                                                           : std::string("kassaflodesanalys");
    c.d.Warning("cashflow.investing", where, path,
                "the anlaggning notes add " + FormatMoney(purchases) + " to the acquisition value (first: " +
                    first_purchase->text.value + " in `" + first_purchase_note->id.value.name +
                    "`), but the cash flow's investeringsverksamhet is 0: write what the year paid for fixed "
                    "assets (negative), less what sales brought in");
  } else if (!first_purchase && investing.kronor < 0) {
    c.d.Warning("cashflow.investing", flow->investeringsverksamhet->where, flow->investeringsverksamhet->path,
                "the cash flow invests " + FormatMoney(-investing) + ", but no anlaggning note (first `" +
                    fixed_asset_note->id.value.name + "`) adds to its acquisition value: write the purchase among "
                    "the note's poster");
  }
}

void CheckBalance(ValidationContext& c) {
  const AccountsFile& accounts = c.year.files.rakenskaper;
  const FigureTable& f = c.figures;
  if (c.report_year()) {
    for (const char* line : {"rr.verksamhetens_intakter", "rr.verksamhetens_kostnader"}) {
      if (!f.Find(line)) {
        c.d.Error("statement.missing", accounts.where, line,
                  "a report year needs this line, from a note (`avser`) or given directly");
      }
    }
  }
  if (!f.Find("br.kassa_och_bank") && !f.Find("br.fordringar")) return;  // no balance sheet in this year's inputs
  // Any line of either side may be the one that is wrong: the message lists both sides' lines
  // as the balansräkning names them (each line a year gives, and the equity), to compare with
  // the books.
  std::string assets, claims;
  bool past_assets = false;
  for (const StatementLine& line : StatementById("balansrakning").lines) {
    if (line.figure == "br.summa_eget_kapital_och_skulder") break;  // the ansvarsförbindelser are outside
    past_assets = past_assets || line.figure == "br.summa_tillgangar";
    if (line.input_line.empty() && line.figure != "br.eget_kapital") continue;
    const Figure* figure = f.Find(std::string(line.figure));
    if (!figure) continue;
    std::string& side = past_assets ? claims : assets;
    side += (side.empty() ? "" : ", ") + LowerLatin1(std::string(line.label)) + " " + FormatMoney(figure->money);
  }
  const std::string sides = "; tillgångar: " + assets + "; eget kapital, avsättningar och skulder: " + claims;
  // An opening balance that could not be known (the earliest year's equity or provision) leaves
  // a side short: that finding is the cause, the balance sheet's difference its consequence.
  auto found_here = [&](const char* code) {
    return std::any_of(c.d.all().begin(), c.d.all().end(), [&](const Diagnostic& d) {
      return d.severity == Severity::kError && d.code == code && d.where.file == accounts.where.file;
    });
  };
  if (!found_here("equity.opening") && !found_here("note.opening")) {
    c.ExpectSame("balance.sheet", f.Find("br.summa_tillgangar")->where, "balansrakning", "summa tillgångar",
                 f.MoneyOr0("br.summa_tillgangar"), "summa eget kapital, avsättningar och skulder",
                 f.MoneyOr0("br.summa_eget_kapital_och_skulder"), sides);
  }

  const auto& equity = accounts.eget_kapital;
  if (equity && equity->ingaende && c.prior && c.prior->Find("br.eget_kapital")) {
    c.ExpectSame("equity.opening", equity->ingaende->where, equity->ingaende->path, "ingående eget kapital",
                 equity->ingaende->value, "the prior year's utgående eget kapital",
                 c.prior->MoneyOr0("br.eget_kapital"));
  }

  Money cash = f.MoneyOr0("br.kassa_och_bank") + f.MoneyOr0("br.kortfristiga_placeringar");
  const auto& flow = accounts.kassaflodesanalys;
  const Figure* bank = f.Find("br.kassa_och_bank");
  Where flow_where = flow ? flow->where : bank ? bank->where : accounts.where;
  // The cash flow's opening cash and changes not given are taken from the prior year's balance
  // sheet: where that has errors (year.prior), a difference here would be its error again.
  const bool from_prior = !flow || !flow->likvida_medel_ingaende || !flow->forandring_fordringar ||
                          !flow->forandring_skulder || !flow->justering_avsattningar;
  if (!(c.prior_has_errors && from_prior) && !found_here("cashflow.missing")) {
    c.ExpectSame("cashflow.closing", flow_where, "kassaflodesanalys", "likvida medel vid årets slut",
                 f.MoneyOr0("kfa.likvida_medel_utgaende"), "kassa och bank i balansräkningen", cash);
  }
  if (!flow) return;
  bool derived = c.prior && c.prior->Find("br.summa_tillgangar");
  // Given although the balance sheets give it: typed twice. Say so, and whether it even agrees.
  auto twice = [&](const std::optional<Located<Money>>& given, const char* figure, const char* label) {
    if (!given || !derived) return;
    if (c.ExpectSame("cashflow.derived", given->where, given->path, label, given->value,
                     "the change in the balance sheets", f.MoneyOr0(figure))) {
      c.d.Warning("cashflow.derived", given->where, given->path,
                  std::string(label) + " follows from this and the prior year's balance sheets: remove it");
    }
  };
  twice(flow->justering_avsattningar, "kfa.justering_avsattningar", "justering för gjorda avsättningar");
  twice(flow->forandring_fordringar, "kfa.forandring_fordringar", "förändring av fordringar");
  twice(flow->forandring_skulder, "kfa.forandring_skulder", "förändring av kortfristiga skulder");
  twice(flow->likvida_medel_ingaende, "kfa.likvida_medel_ingaende", "likvida medel vid årets början");
  // The depreciation is the resultaträkning's, in every year. A different one here printed in the
  // cash flow while an investment of the same difference hid it from cashflow.closing.
  if (const auto& given = flow->justering_avskrivningar) {
    if (c.ExpectSame("cashflow.depreciation", given->where, given->path, "justering för av- och nedskrivningar",
                     given->value, "avskrivningar in the resultaträkning", f.MoneyOr0("rr.avskrivningar"))) {
      c.d.Warning("cashflow.depreciation", given->where, given->path,
                  "justering för av- och nedskrivningar is the resultaträkning's avskrivningar: remove it");
    }
  }

  // Without a prior year, the provisions' change still shows in the pension note's movements.
  if (!derived && flow->justering_avsattningar) {
    for (const Note& note : accounts.noter) {
      bool provision = note.typ && note.typ->value == NoteKind::kProvision;
      if (!provision) continue;
      bool pensions = false;
      for (const auto& line : note.avser) pensions = pensions || line.value == "balansrakning.avsattningar_pensioner";
      if (!pensions || !note.ingaende || f.Find("br.andra_avsattningar")) continue;
      c.ExpectSame("cashflow.provisions", flow->justering_avsattningar->where, flow->justering_avsattningar->path,
                   "justering för gjorda avsättningar", flow->justering_avsattningar->value,
                   "the movements of note " + note.id.value.name, f.MoneyOr0("not." + note.id.value.name + ".forandring"));
    }
  }
  CheckInvestingAgainstFixedAssets(c);
}

// Cost lines are written as positive amounts; a negative cost is an income under another name
// (a printed "Finansiella kostnader 7" that raised the result was one).
void CheckSigns(ValidationContext& c) {
  const auto& statement = c.year.files.rakenskaper.resultatrakning;
  if (!statement) return;
  for (const auto* line : {&statement->verksamhetens_kostnader, &statement->avskrivningar,
                           &statement->finansiella_kostnader, &statement->verksamhetens_intakter,
                           &statement->finansiella_intakter}) {
    if (*line && (*line)->value.kronor < 0) {
      c.d.Error("statement.sign", (*line)->where, (*line)->path,
                "amounts are written positive; a negative cost is an income (and a negative income a cost): "
                "move it to the other line");
    }
  }
}

void CheckOverview(ValidationContext& c) {
  const auto& overview = c.year.files.rakenskaper.flerarsoversikt;
  if (!overview) {
    if (c.report_year()) {
      c.d.Warning("overview.missing", c.year.files.rakenskaper.where, "flerarsoversikt",
                  "R15 asks for a multi-year overview in the förvaltningsberättelse");
    }
    return;
  }
  const int year = c.inputs.report_year;
  int64_t count = overview->antal_ar.value;
  if (count < 2 || count > 10) {
    c.d.Error("overview.years", overview->antal_ar.where, overview->antal_ar.path,
              "the overview shows between 2 and 10 years");
    return;
  }
  std::map<int64_t, const HistoryYear*> history;
  if (overview->historik) {
    for (const HistoryYear& h : overview->historik->ar) {
      if (!history.emplace(h.ar.value, &h).second) {
        c.d.Error("overview.duplicate", h.ar.where, h.ar.path, "year " + Year(static_cast<int>(h.ar.value)) + " is given twice");
      }
      if (h.ar.value > year || h.ar.value <= year - count) {
        c.d.Warning("overview.unused", h.ar.where, h.ar.path,
                    "the overview shows " + Year(year - static_cast<int>(count) + 1) + "–" + Year(year) + ", not " +
                        Year(static_cast<int>(h.ar.value)));
      }
    }
  }
  for (int y = year - static_cast<int>(count) + 1; y <= year; ++y) {
    const YearInput* dir = c.inputs.Find(y);
    auto h = history.find(y);
    if (!dir) {
      if (h == history.end()) {
        c.d.Error("overview.missing_year", overview->where, "flerarsoversikt.historik",
                  "the overview shows " + Year(y) + ", but neither inputs/" + Year(y) + " nor historik gives its figures");
      }
      continue;
    }
    const FigureTable& figures = y == year ? c.figures : c.derived.Of(y);
    if (!figures.Find("personal.arsarbetare") && (h == history.end() || !h->second->arsarbetare)) {
      c.d.Error("overview.staff", overview->where, "flerarsoversikt",
                "the overview shows antal anställda for " + Year(y) + ": give personal.arsarbetare in " + dir->dir +
                    "/verksamhet.yaml");
    }
    if (h == history.end()) continue;
    // The year has a directory and a history entry: the two must agree (a printed overview
    // that disagrees with that year's own statements is what this catches).
    const HistoryYear& entry = *h->second;
    std::string label = "flerårsöversikt " + Year(y) + ": ";
    c.ExpectSame("overview.year", entry.verksamhetens_intakter.where, entry.verksamhetens_intakter.path,
                 label + "verksamhetens intäkter", entry.verksamhetens_intakter.value,
                 dir->dir + "'s resultaträkning", figures.MoneyOr0("rr.verksamhetens_intakter"));
    c.ExpectSame("overview.year", entry.verksamhetens_kostnader.where, entry.verksamhetens_kostnader.path,
                 label + "verksamhetens kostnader", entry.verksamhetens_kostnader.value,
                 dir->dir + "'s resultaträkning", figures.MoneyOr0("rr.verksamhetens_kostnader"));
    c.ExpectSame("overview.year", entry.arets_resultat.where, entry.arets_resultat.path, label + "årets resultat",
                 entry.arets_resultat.value, dir->dir + "'s resultaträkning",
                 figures.MoneyOr0("rr.arets_resultat"));
    const Figure* staff = figures.Find("personal.arsarbetare");
    if (entry.arsarbetare && staff && entry.arsarbetare->value.hundredths != staff->decimal.hundredths) {
      c.d.Error("overview.year", entry.arsarbetare->where, entry.arsarbetare->path,
                label + "antal anställda " + entry.arsarbetare->value.ToString() + " ≠ " + dir->dir +
                    "'s personal.arsarbetare " + staff->decimal.ToString());
    }
  }
}

// The account mapping for `arsred import-sie`: checked here too, so that a mapping that names
// a note item that is gone is found by `arsred check`, not only on the day of the import.
void CheckMapping(ValidationContext& c) {
  std::vector<std::pair<AccountRange, const Located<std::string>*>> taken;
  for (const AccountMapping& mapping : c.year.files.rakenskaper.kontomappning) {
    for (const Located<std::string>& text : mapping.konton) {
      auto range = ParseAccountRange(text.value);
      if (!range) {
        std::string message = "`" + text.value + "` is not an account or a range of accounts (e.g. 1930 or 3000-3099)";
        // A range as a word processor or a spreadsheet corrects it: an en dash, or spaces.
        std::string plain;
        for (size_t i = 0; i < text.value.size(); ++i) {
          const std::string_view rest = std::string_view(text.value).substr(i);
          if (rest.starts_with("\u2013") || rest.starts_with("\u2212")) {
            plain += '-';
            i += 2;
          } else if (text.value[i] != ' ') {
            plain += text.value[i];
          }
        }
        if (plain != text.value && ParseAccountRange(plain)) message += "; did you mean `" + plain + "`?";
        c.d.Error("mapping.accounts", text.where, text.path, message);
        continue;
      }
      for (const auto& [other, where] : taken) {
        if (range->first <= other.last && other.first <= range->last) {
          c.d.Error("mapping.accounts", text.where, text.path,
                    "accounts " + text.value + " are mapped already, by " + where->path + " (" + where->value + ")");
        }
      }
      taken.emplace_back(*range, &text);
    }
    std::string why;
    if (!ResolveMappingTarget(c.year.files.rakenskaper, mapping.till.value, &why)) {
      c.d.Error("mapping.target", mapping.till.where, mapping.till.path, why);
    }
  }
}

}  // namespace

// Tables of amounts: ids once, a cell for each column, each cell an amount or a money figure.
void CheckMoneyTables(ValidationContext& c) {
  std::set<std::string> ids;
  for (const MoneyTable& table : c.year.files.rakenskaper.beloppstabeller) {
    if (!ids.insert(table.id.value.name).second) {
      c.d.Error("money_table.id", table.id.where, table.id.path, "table id `" + table.id.value.name + "` is used twice");
    }
    if (table.kolumner.empty()) {
      c.d.Error("money_table.columns", table.where, table.path, "a table of amounts has one column or more (`kolumner`)");
    }
    for (const MoneyRow& row : table.rader) {
      if (row.celler.size() != table.kolumner.size()) {
        c.d.Error("money_table.columns", row.where, row.path,
                  "the row has " + std::to_string(row.celler.size()) + " cells for " +
                      std::to_string(table.kolumner.size()) + " columns");
      }
      for (const MoneyCell& cell : row.celler) {
        if (cell.belopp.has_value() == cell.figur.has_value()) {
          c.d.Error("money_table.cell", cell.where, cell.path, "a cell holds an amount (`belopp`) or a figure (`figur`)");
          continue;
        }
        if (!cell.figur) continue;
        const Figure* f = LookUpFigure(c, cell.figur->value);
        if (!f && cell.figur->value.rfind("fg.", 0) == 0 && c.prior_has_errors) continue;  // reported already
        if (!f || f->kind != Figure::Kind::kMoney) {
          std::vector<std::string> names;
          for (const auto& [name, figure] : c.figures.all()) {
            if (figure.kind == Figure::Kind::kMoney) names.push_back(name);
          }
          std::string message = f ? "`" + cell.figur->value + "` is not an amount" : "no figure `" + cell.figur->value + "`";
          std::string suggestion = f ? "" : DidYouMean(cell.figur->value, names);
          if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
          c.d.Error("money_table.figure", cell.figur->where, cell.figur->path, message);
        }
      }
    }
  }
}

// A line that only a note gives (an ansvarsförbindelse, which no account balance holds) prints
// the comparison year's figure from that year's note of the line: where it has none, its column
// prints "–", which a reader takes for nothing, whether or not the year had such a commitment.
void CheckPriorNotesOfCommitments(ValidationContext& c) {
  if (!c.report_year() || !c.prior_input || c.prior_has_errors) return;
  for (const Note& note : c.year.files.rakenskaper.noter) {
    for (const Located<std::string>& line : note.avser) {
      if (!line.value.starts_with("ansvarsforbindelser.")) continue;
      const bool prior_has_it = std::any_of(
          c.prior_input->files.rakenskaper.noter.begin(), c.prior_input->files.rakenskaper.noter.end(),
          [&](const Note& prior) {
            return std::any_of(prior.avser.begin(), prior.avser.end(),
                               [&](const Located<std::string>& l) { return l.value == line.value; });
          });
      if (prior_has_it) continue;
      const std::string prior_year = std::to_string(c.prior_input->year);
      c.d.Warning("year.prior_line", line.where, line.path,
                  prior_year + " has no note on " + line.value + ", so its column prints \u2013, which reads as "
                  "nothing: give " + prior_year + "'s rakenskaper.yaml the note (id " + note.id.value.name +
                  "), with its amounts, or with 0 where there was nothing");
    }
  }
}

void CheckAccounts(ValidationContext& c, bool with_overview) {
  CheckMoneyTables(c);
  CheckNotes(c);
  CheckPriorNotesOfCommitments(c);
  CheckSigns(c);
  CheckBalance(c);
  CheckMapping(c);
  if (with_overview) CheckOverview(c);
}

}  // namespace arsred

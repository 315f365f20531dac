// Rules on budget.yaml and the member contributions: every income and cost item counts under a
// driftredovisning row of its kind, the rows' outcome equals the resultaträkning, and the
// members pay the shares Finsam sets (the state half, the region and the kommuner a quarter).
#include <map>
#include <set>

#include "load_visitor.h"
#include "validate_rules.h"

namespace arsred {

namespace {

void CheckDriftTags(ValidationContext& c, const Drift& drift) {
  std::map<std::string, const DriftRow*> rows;
  std::vector<std::string> ids;
  for (const DriftRow& row : drift.rader) {
    if (!rows.emplace(row.id.value.name, &row).second) {
      c.d.Error("drift.duplicate", row.id.where, row.id.path, "row id `" + row.id.value.name + "` is used twice");
    }
    ids.push_back(row.id.value.name);
    // A budget exported with its costs negative would be read as a cost saved: the row's
    // avvikelse and the budgeted result would come out wrong, and the prose with them.
    if (row.typ.value == DriftKind::kCost && row.budget.value.kronor < 0) {
      c.d.Error("drift.sign", row.budget.where, row.budget.path,
                "a cost row's budget is written positive, as costs are throughout the inputs: " +
                    FormatMoney(-row.budget.value) + ", without the minus");
    }
  }
  bool income_noted = false, cost_noted = false;
  // An item that counts under no row, or under one of the other kind, is the cause of the
  // outcome column not adding up: that is reported, not its consequence.
  bool income_items_wrong = false, cost_items_wrong = false;
  for (const Note& note : c.year.files.rakenskaper.noter) {
    for (const auto& line : note.avser) {
      bool income = line.value == "resultatrakning.verksamhetens_intakter";
      bool cost = line.value == "resultatrakning.verksamhetens_kostnader";
      if (!income && !cost) continue;
      (income ? income_noted : cost_noted) = true;
      DriftKind expected = income ? DriftKind::kIncome : DriftKind::kCost;
      bool& items_wrong = income ? income_items_wrong : cost_items_wrong;
      for (const NoteItem& item : note.poster) {
        if (!item.drift) {
          items_wrong = true;
          c.d.Error("drift.untagged", item.where, item.path,
                    "every item of note " + note.id.value.name +
                        " counts under a driftredovisning row: add `drift: ROW`");
          continue;
        }
        auto row = rows.find(item.drift->value.name);
        if (row == rows.end()) {
          std::string message = "no driftredovisning row `" + item.drift->value.name + "` in budget.yaml";
          std::string suggestion = DidYouMean(item.drift->value.name, ids);
          if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
          c.d.Error("drift.row", item.drift->where, item.drift->path, message);
          items_wrong = true;
        } else if (row->second->typ.value != expected) {
          income_items_wrong = cost_items_wrong = true;  // counted on the other side: both are off
          c.d.Error("drift.kind", item.drift->where, item.drift->path,
                    "an item of the " + std::string(income ? "income" : "cost") + " note counts under the " +
                        std::string(income ? "cost" : "income") + " row `" + item.drift->value.name + "`");
        }
      }
    }
  }
  // The outcome columns must be the resultaträkning's lines; this holds when every item above is
  // tagged, and fails loudly when a line is not broken down by a note at all.
  const FigureTable& f = c.figures;
  if (!income_noted || !cost_noted) {
    c.d.Error("drift.outcome", drift.where, "driftredovisning",
              "the outcome per row is summed from the intäkter and kostnader notes: both lines need a note");
    return;
  }
  const bool income = !income_items_wrong &&
                      c.ExpectSame("drift.income", drift.where, "driftredovisning", "utfall of the income rows",
                                   f.MoneyOr0("drift.intakter.utfall"), "verksamhetens intäkter",
                                   f.MoneyOr0("rr.verksamhetens_intakter"));
  const bool cost = !cost_items_wrong &&
                    c.ExpectSame("drift.cost", drift.where, "driftredovisning", "utfall of the cost rows",
                                 -f.MoneyOr0("drift.kostnader.utfall"), "verksamhetens kostnader",
                                 f.MoneyOr0("rr.verksamhetens_kostnader"));
  // With the rows right, what the depreciation and the financial items still leave out would
  // make the driftredovisning's result another than the year's.
  if (income && cost) {
    c.ExpectSame("drift.result", drift.where, "driftredovisning", "the driftredovisning's Resultat",
                 f.MoneyOr0("drift.resultat.utfall"), "årets resultat", f.MoneyOr0("rr.arets_resultat"));
  }
}

// The share of each part of the members, within one krona per part for öresavrundning.
void CheckMemberShares(ValidationContext& c) {
  const FigureTable& f = c.figures;
  const Figure* total = f.Find("medlemsbidrag");
  if (!total) {
    if (c.report_year()) {
      c.d.Warning("members.contributions", c.year.files.rakenskaper.where, "noter",
                  "no note item is marked `bidrag_fran`, so the Finsam shares cannot be checked");
    }
    return;
  }
  struct Share {
    MemberKind kind;
    int quarters;  // the part's share of all contributions, in quarters
    const char* what;
  };
  const Share shares[] = {{MemberKind::kState, 2, "half"},
                          {MemberKind::kRegion, 1, "a quarter"},
                          {MemberKind::kMunicipality, 1, "a quarter"}};
  // A part is off when 4 × part differs from quarters × total by more than one krona per quarter.
  auto off = [&](const Share& share) {
    const Figure* part = f.Find("medlemsbidrag." + std::string(SpellingOf(share.kind)));
    Money paid = part ? part->money : Money{};
    int64_t slack = 4 + 4 * paid.tolerance() + share.quarters * total->money.tolerance();
    return std::llabs(4 * paid.kronor - share.quarters * total->money.kronor) > slack;
  };
  std::vector<const Share*> wrong;
  for (const Share& share : shares) {
    if (off(share)) wrong.push_back(&share);
  }
  // One wrong part shifts the total, so the others look wrong too. When the other two still
  // stand in Finsam's proportion to each other, only the odd one out is reported.
  if (wrong.size() == 3) {
    for (const Share& odd : shares) {
      const Share* a = nullptr;
      const Share* b = nullptr;
      for (const Share& s2 : shares) {
        if (&s2 == &odd) continue;
        (a ? b : a) = &s2;
      }
      Money pa = f.MoneyOr0("medlemsbidrag." + std::string(SpellingOf(a->kind)));
      Money pb = f.MoneyOr0("medlemsbidrag." + std::string(SpellingOf(b->kind)));
      if (std::llabs(pa.kronor * b->quarters - pb.kronor * a->quarters) <= 2) {
        wrong = {&odd};
        break;
      }
    }
  }
  for (const Share* share : wrong) {
    std::string name = "medlemsbidrag." + std::string(SpellingOf(share->kind));
    const Figure* part = f.Find(name);
    Money paid = part ? part->money : Money{};
    Where where = part ? part->where : total->where;
    // The share due, to the krona (a quarter of an amount may end in öre).
    const int64_t due = (share->quarters * total->money.kronor + 2) / 4;
    c.d.Error("members.share", where, name,
              std::string("contributions from ") + std::string(SpellingOf(share->kind)) + " " + FormatMoney(paid) +
                  " ≠ " + share->what + " of all member contributions " + FormatMoney(total->money) + ", " +
                  FormatMoney(Money::Kr(due)) + " (off by " + FormatMoney(Money::Kr(paid.kronor - due)) +
                  "), as Finsam 5 § sets");
  }
}

}  // namespace

void CheckBudget(ValidationContext& c) {
  const BudgetFile& budget = c.year.files.budget;
  if (budget.driftredovisning) {
    CheckDriftTags(c, *budget.driftredovisning);
  } else if (c.report_year() && c.year.present.count("budget.yaml")) {
    c.d.Error("drift.missing", budget.where, "driftredovisning", "a report year has a driftredovisning (LKBR 10 kap.)");
  }
  CheckMemberShares(c);
  if (budget.sparade_medel && budget.sparade_medel->belopp && budget.sparade_medel->andel_av_medlemsbidrag) {
    c.d.Error("budget.ceiling", budget.sparade_medel->where, "sparade_medel",
              "give the ceiling as `belopp` or as `andel_av_medlemsbidrag`, not both");
  }
  if (budget.sparade_medel && !budget.sparade_medel->belopp && !budget.sparade_medel->andel_av_medlemsbidrag) {
    c.d.Error("budget.ceiling", budget.sparade_medel->where, "sparade_medel",
              "give the ceiling as `belopp` or as `andel_av_medlemsbidrag`");
  }
}

}  // namespace arsred

#include "sie_ledger_checks.h"

#include <array>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace arsred {

namespace {

bool IsEquityAccount(int account) { return std::to_string(account).rfind("20", 0) == 0; }

class LedgerChecks {
 public:
  LedgerChecks(const SieFile& sie, Diagnostics& diagnostics) : sie_(sie), diagnostics_(diagnostics) {}

  void Run() {
    CheckYearsFollow();
    CheckAccountClasses();
    CheckVoucherDates();
    CheckVoucherNumbers();
    if (sie_.unread.balances.empty()) CheckBalances();
  }

 private:
  void Error(const char* code, Where where, const std::string& label, std::string message) {
    diagnostics_.Error(code, where, label, std::move(message));
  }
  void Warning(const char* code, Where where, const std::string& label, std::string message) {
    diagnostics_.Warning(code, where, label, std::move(message));
  }

  void CheckYearsFollow() {
    for (const SieYear& later : sie_.years) {
      const SieYear* earlier = sie_.LookupYear(later.index - 1);
      if (!earlier || !earlier->end || !later.start) continue;
      if (NextDay(*earlier->end) != *later.start) {
        Error("sie.year", later.where, "#RAR",
              SieYearName(later.index) + " starts " + later.start->ToString() + " but " + SieYearName(earlier->index) +
                  " ends " + earlier->end->ToString() + ": a financial year starts the day after the one before ends");
      }
    }
  }

  // A file's vouchers are those of its year 0. One dated outside it was booked in another year
  // (or the export took the wrong period), and the balances may not be what the year closed
  // with: a warning at the first, with how many there are.
  void CheckVoucherDates() {
    const SieYear* year = sie_.LookupYear(0);
    if (!year || !year->start || !year->end) return;
    const SieVoucher* first = nullptr;
    int outside = 0;
    for (const SieVoucher& v : sie_.vouchers) {
      if (!v.date || (*v.date >= *year->start && *v.date <= *year->end)) continue;
      if (!first) first = &v;
      ++outside;
    }
    if (!first) return;
    const std::string name = first->series.empty() && first->number.empty()
                                 ? "a voucher"
                                 : "voucher " + first->series + " " + first->number;
    std::string more = outside == 1 ? "" : " (and " + std::to_string(outside - 1) + " more)";
    Warning("sie.voucher", first->where, "#VER",
            name + " is dated " + first->date->ToString() + more + ", outside year 0 (" + year->start->ToString() +
                " – " + year->end->ToString() + "): a file's vouchers are its year's; was it exported for another period?");
  }

  // A voucher's series and number name it once in its year. Given twice, the file is most likely
  // two exports joined, and the voucher's transactions count twice: a warning at the second,
  // with how many more there are, ahead of the balance errors that follow from it. Vouchers
  // without a number (some programs write "" "") are not compared.
  void CheckVoucherNumbers() {
    std::map<std::pair<std::string, std::string>, const SieVoucher*> seen;
    const SieVoucher* first_again = nullptr;
    const SieVoucher* first_of_it = nullptr;
    int again = 0;
    for (const SieVoucher& v : sie_.vouchers) {
      if (v.number.empty()) continue;
      auto [it, inserted] = seen.emplace(std::make_pair(v.series, v.number), &v);
      if (inserted) continue;
      if (!first_again) {
        first_again = &v;
        first_of_it = it->second;
      }
      ++again;
    }
    if (!first_again) return;
    std::string more = again == 1 ? "" : " (and " + std::to_string(again - 1) + " more vouchers given twice)";
    Warning("sie.voucher", first_again->where, "#VER",
            "voucher " + first_again->series + " " + first_again->number + " is given a second time (first on line " +
                std::to_string(first_of_it->where.line) + ")" + more +
                ": were two exports joined? Its transactions count twice in the balances");
  }

  // A balance account's balances are #IB and #UB, a result account's is #RES. Given the other
  // way round, a record counts twice in the sums below.
  void CheckAccountClasses() {
    struct Misplaced {
      Where where;         // of the first such record
      std::string record;  // its label, "#UB", where the finding names it
      std::string label;   // "#UB for account 3990"
      int count = 0;
    };
    Misplaced balance_on_result, result_on_balance;
    for (const SieBalance& b : sie_.balances) {
      SieAccountClass account_class = ClassOfAccount(sie_, b.account);
      bool is_result = b.kind == SieBalanceKind::kResult;
      Misplaced* ref = nullptr;
      if (!is_result && account_class == SieAccountClass::kResult) ref = &balance_on_result;
      if (is_result && account_class == SieAccountClass::kBalance) ref = &result_on_balance;
      if (!ref) continue;
      if (ref->count++ == 0) {
        ref->where = b.account_where;
        ref->record = LabelOf(b.kind);
        ref->label = ref->record + " for account " + std::to_string(b.account);
      }
    }
    auto more = [](const Misplaced& ref) {
      return ref.count > 1 ? " (" + std::to_string(ref.count) + " such records)" : std::string();
    };
    if (balance_on_result.count > 0) {
      Warning("sie.class", balance_on_result.where, balance_on_result.record,
              balance_on_result.label + ", a result account: its balance belongs in #RES" + more(balance_on_result));
    }
    if (result_on_balance.count > 0) {
      Warning("sie.class", result_on_balance.where, result_on_balance.record,
              result_on_balance.label + ", a balance account: its balances belong in #IB and #UB" +
                  more(result_on_balance));
    }
  }

  std::string YearDescription(int index) const {
    const SieYear* year = sie_.LookupYear(index);
    if (!year || !year->start || !year->end) return SieYearName(index);
    return SieYearName(index) + " (" + year->start->ToString() + "\u2013" + year->end->ToString() + ")";
  }

  // Reports a finding about a whole year at its #RAR when the file has one, else at `fallback`,
  // a record of `fallback_label`.
  void YearError(const char* code, int index, Where fallback, const char* fallback_label, std::string message) {
    const SieYear* year = sie_.LookupYear(index);
    Error(code, year ? year->where : fallback, year ? "#RAR" : fallback_label, std::move(message));
  }

  // Every voucher balances, so over a year the balance accounts change by exactly minus the
  // result: Σ #UB y + Σ #RES y = Σ #IB y, and the opening balances themselves sum to 0. Checked
  // as two rules, so that each names the records that are off: Σ #IB y = 0 and
  // Σ #UB y + Σ #RES y = 0 (not reported when it is off by just what Σ #IB y is, which is said
  // already). These hold whether or not the result has been booked to equity.
  // Each year also opens where the one before closed: #IB y = #UB y-1 account by account,
  // except on equity accounts (20xx), where a program may carry the year's result when it
  // opens the next year. And when the file has year 0's vouchers, they explain each account's
  // balance of year 0 (CheckAccountsAgainstVouchers); an account they do not is reported at its
  // record, and the sums are not, since they are off by just that.
  void CheckBalances() {
    struct Totals {
      int64_t ore = 0;
      Where first;
      bool any = false;
    };
    std::map<std::pair<SieBalanceKind, int>, Totals> totals;
    for (const SieBalance& b : sie_.balances) {
      Totals& t = totals[{b.kind, b.year_index}];
      if (!t.any) t.first = b.where;
      t.any = true;
      t.ore += b.ore;
    }
    auto total = [&](SieBalanceKind kind, int year) -> const Totals* {
      auto it = totals.find({kind, year});
      return it == totals.end() ? nullptr : &it->second;
    };
    std::set<int> years;
    for (const auto& [key, t] : totals) years.insert(key.second);
    for (int year : years) {
      // A year without #RAR is reported as such; its sums would only repeat that.
      if (!sie_.LookupYear(year)) continue;
      std::string y = std::to_string(year);
      const Totals* opening = total(SieBalanceKind::kOpening, year);
      const int64_t opening_off = opening ? opening->ore : 0;
      if (opening_off != 0) {
        YearError("sie.balance", year, opening->first, "#IB",
                  "the opening balances of " + YearDescription(year) + " do not balance: the #IB " + y +
                  " amounts add up to " + FormatOre(opening->ore) + ", not 0");
      }
      const bool vouchers_agree = year != 0 || CheckAccountsAgainstVouchers();
      if (const Totals* closing = total(SieBalanceKind::kClosing, year); closing && vouchers_agree) {
        const Totals* result = total(SieBalanceKind::kResult, year);
        int64_t result_ore = result ? result->ore : 0;
        if (closing->ore + result_ore != 0 && closing->ore + result_ore != opening_off) {
          YearError("sie.balance", year, closing->first, "#UB",
                    "the closing balances of " + YearDescription(year) + " do not match its result: the #UB " + y +
                    " amounts add up to " + FormatOre(closing->ore) + " and the #RES " + y + " amounts to " +
                    FormatOre(result_ore) + "; together " + FormatOre(closing->ore + result_ore) + ", not 0" +
                    VouchersDoNotExplain(year));
        }
      }
      if (total(SieBalanceKind::kOpening, year) && total(SieBalanceKind::kClosing, year - 1)) {
        CheckOpeningFollowsClosing(year);
      }
    }
  }

  // An account whose balance of a year the year's vouchers do not make.
  struct Unexplained {
    int account = 0;
    bool result = false;                     // a result account: its #TRANS should make its #RES
    const SieBalance* opening = nullptr;     // its #IB of the year, if given
    const SieBalance* recorded = nullptr;    // the #UB (or #RES) the vouchers contradict, if given
    const SieTransaction* first = nullptr;   // its first #TRANS, if any
    int64_t vouchers = 0;                    // its #TRANS in the year's vouchers
    int64_t expected = 0;                    // what they make of its balance
  };

  // When the file has the year's vouchers, every account's balance of the year is what they make
  // of it: a balance account's #IB plus its #TRANS is its #UB, and a result account's #TRANS add
  // up to its #RES (closing vouchers, bokslutstransaktioner, are vouchers like any other). A
  // program that leaves out a zero balance may leave out its record, which then counts as 0; a
  // file with no #UB (or no #RES) of the year at all is not checked for them. Returns the
  // accounts that differ; none when a voucher was left out for an error (every account it moves
  // would differ), or when the year's dates are not known (nor, then, which vouchers are its).
  std::vector<Unexplained> AccountsVouchersDoNotExplain(int year) const {
    const SieYear* y = sie_.LookupYear(year);
    if (sie_.unread.vouchers || !y || !y->start || !y->end || *y->end < *y->start) return {};
    std::map<int, int64_t> moved;
    std::map<int, const SieTransaction*> first_line;
    bool any = false;
    for (const SieVoucher& v : sie_.vouchers) {
      if (!v.date || *v.date < *y->start || *y->end < *v.date) continue;
      any = true;
      for (const SieTransaction& t : v.transactions) {
        moved[t.account] += t.ore;
        first_line.emplace(t.account, &t);
      }
    }
    if (!any) return {};
    std::map<int, std::array<const SieBalance*, 3>> records;  // #IB, #UB, #RES of the year
    bool any_closing = false, any_result = false;
    for (const SieBalance& b : sie_.balances) {
      if (b.year_index != year) continue;
      records[b.account][static_cast<size_t>(b.kind)] = &b;
      any_closing = any_closing || b.kind == SieBalanceKind::kClosing;
      any_result = any_result || b.kind == SieBalanceKind::kResult;
    }
    for (const auto& [account, ore] : moved) records[account];  // accounts with vouchers but no balance
    std::vector<Unexplained> off;
    for (const auto& [account, r] : records) {
      const auto [opening, closing, result_record] = r;
      const auto ore = [](const SieBalance* b) { return b ? b->ore : int64_t{0}; };
      const auto it = moved.find(account);
      Unexplained u;
      u.account = account;
      u.vouchers = it == moved.end() ? 0 : it->second;
      // An account of no class (9xxx) is taken by the records it has.
      const SieAccountClass account_class = ClassOfAccount(sie_, account);
      u.result = account_class == SieAccountClass::kResult ||
                 (account_class == SieAccountClass::kUnknown && !opening && !closing);
      // Books without any #UB (or #RES) of the year do not give those balances at all, as an
      // export of vouchers only does not: nothing to contradict.
      if (!(u.result ? any_result : any_closing)) continue;
      u.opening = opening;
      u.recorded = u.result ? result_record : closing;
      u.expected = u.result ? u.vouchers : ore(opening) + u.vouchers;
      if (u.expected == ore(u.recorded)) continue;
      // Some programs also book the opening balances as a voucher of the year (an "IB"
      // voucher): the vouchers alone then make the closing balance, which is consistent too.
      if (!u.result && opening && u.vouchers == ore(u.recorded)) continue;
      const auto first = first_line.find(account);
      u.first = first == first_line.end() ? nullptr : first->second;
      off.push_back(u);
    }
    return off;
  }

  // Year 0's accounts against its vouchers (AccountsVouchersDoNotExplain): each account that
  // differs is reported at the record the vouchers contradict. Returns whether all agree.
  bool CheckAccountsAgainstVouchers() {
    const std::vector<Unexplained> off = AccountsVouchersDoNotExplain(0);
    for (const Unexplained& u : off) {
      const int64_t recorded = u.recorded ? u.recorded->ore : 0;
      const SieAccount* named = sie_.LookupAccount(u.account);
      const std::string label = u.result ? "#RES" : "#UB";
      const std::string what = label + " 0 of account " + std::to_string(u.account) +
                               (named && !named->name.empty() ? " (" + named->name + ")" : "") + " is " +
                               (u.recorded ? FormatOre(recorded) : "not given (0,00 kr)");
      const std::string made =
          u.result ? "its #TRANS in the year's vouchers add up to " + FormatOre(u.vouchers)
                   : "its #IB 0 of " + FormatOre(u.opening ? u.opening->ore : 0) +
                         " and its #TRANS in the year's vouchers of " + FormatOre(u.vouchers) + " make " +
                         FormatOre(u.expected);
      // Without the record, at the opening balance the vouchers start from, or at the account's
      // first #TRANS.
      const Where where = u.recorded ? u.recorded->amount_where : u.opening ? u.opening->amount_where : u.first->where;
      const std::string at_label = u.recorded ? label : u.opening ? "#IB" : "#TRANS";
      Error("sie.balance", where, at_label,
            what + ", but " + made + " (off by " + FormatOre(recorded - u.expected) +
                "): the books contradict themselves; export them again, or mend the record");
    }
    return off.empty();
  }

  // The accounts of a year whose balance its vouchers do not explain, for the message of its
  // sums: "; the vouchers do not explain account 1930: ...", or "" when they explain all.
  std::string VouchersDoNotExplain(int year) const {
    const std::vector<Unexplained> off = AccountsVouchersDoNotExplain(year);
    std::string named;
    for (size_t i = 0; i < off.size() && i < 5; ++i) {
      const Unexplained& u = off[i];
      named += std::string(i == 0 ? "; the vouchers do not explain " : "; ") + "account " + std::to_string(u.account) +
               ": " + (u.result ? "its #TRANS add up to " + FormatOre(u.vouchers) + " but #RES is "
                                : "#IB " + FormatOre(u.opening ? u.opening->ore : 0) + " and its #TRANS " +
                                      FormatOre(u.vouchers) + " make " + FormatOre(u.expected) + " but #UB is ") +
               FormatOre(u.recorded ? u.recorded->ore : 0);
    }
    if (off.size() > 5) named += "; and " + std::to_string(off.size() - 5) + " more accounts";
    return named;
  }

  void CheckOpeningFollowsClosing(int year) {
    std::map<int, std::pair<const SieBalance*, const SieBalance*>> by_account;  // #IB year, #UB year-1
    for (const SieBalance& b : sie_.balances) {
      if (b.kind == SieBalanceKind::kOpening && b.year_index == year) by_account[b.account].first = &b;
      if (b.kind == SieBalanceKind::kClosing && b.year_index == year - 1) by_account[b.account].second = &b;
    }
    for (const auto& [account, pair] : by_account) {
      if (IsEquityAccount(account)) continue;
      const auto [opening, closing] = pair;
      // A program may leave out a zero balance, so a missing record counts as 0.
      int64_t opening_ore = opening ? opening->ore : 0;
      int64_t closing_ore = closing ? closing->ore : 0;
      if (opening_ore == closing_ore) continue;
      std::string ib = "#IB " + std::to_string(year), ub = "#UB " + std::to_string(year - 1);
      Error("sie.opening", opening ? opening->amount_where : closing->amount_where, opening ? "#IB" : "#UB",
            ib + " of account " + std::to_string(account) + " is " + (opening ? FormatOre(opening_ore) : "missing") +
                " but " + ub + " is " + (closing ? FormatOre(closing_ore) : "missing") + " (off by " +
                FormatOre(opening_ore - closing_ore) + "): a year opens where the one before closed");
    }
  }

  const SieFile& sie_;
  Diagnostics& diagnostics_;
};

}  // namespace

bool CheckVoucherBalances(const SieVoucher& voucher, Diagnostics& diagnostics) {
  int64_t debit = 0, credit = 0;
  for (const SieTransaction& t : voucher.transactions) (t.ore > 0 ? debit : credit) += t.ore;
  if (debit + credit == 0) return true;
  const SieVoucher& v = voucher;
  std::string name = v.series.empty() && v.number.empty() ? "the voucher" : "voucher " + v.series + " " + v.number;
  diagnostics.Error("sie.voucher", v.where, "#VER",
                    name + " does not balance: its #TRANS lines add up to " + FormatOre(debit + credit) + " (debit " +
                        FormatOre(debit) + ", credit " + FormatOre(credit) + ")");
  return false;
}

void CheckLedger(const SieFile& sie, Diagnostics& diagnostics) { LedgerChecks(sie, diagnostics).Run(); }

std::string SieYearName(int index) { return "year " + std::to_string(index); }

}  // namespace arsred

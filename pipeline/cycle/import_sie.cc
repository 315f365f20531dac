#include "import_sie.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <ostream>
#include <set>
#include <type_traits>

#include "build.h"
#include "figures.h"
#include "load.h"
#include "approval.h"
#include "propose_mapping.h"
#include "read_file.h"
#include "validate.h"
#include "write_file.h"
#include "yaml_edit.h"

namespace fs = std::filesystem;

namespace arsred {

namespace {

// Books larger than this are surely not a samordningsförbund's (2023's would be about 200 KB).
constexpr size_t kMaxBooksBytes = 64u << 20;

std::string Kronor(int64_t kr) { return FormatMoney(Money::Kr(kr)); }

// One mapping, resolved and summed.
struct Mapped {
  const AccountMapping* mapping;
  MappingTarget target;
  std::vector<AccountRange> ranges;
  std::string accounts;  // as written, for messages: "3000-3099, 3990"
};

// How the books stand on the year's result. A year-end export either leaves it in the result
// accounts, which then add up to it, or comes after the closing voucher that moves it to equity
// (8999 Årets resultat against 2099 in BAS; Kommun-Bas closes on 8990-8999 too, or on 89900-89999
// in a chart of five-digit accounts): then the result accounts add up to 0, and these hold the
// result with its sign turned. Told apart by the file's own balances. An account of them that a
// mapping takes is the förbund's own, and left to it.
struct ResultBooking {
  bool booked = false;
  bool result_known = true;  // false when a #RES 0 was left out for an error: `result_ore` is not known
  std::vector<AccountRange> accounts{{8990, 8999}, {89900, 89999}};
  int64_t result_ore = 0;  // the other result accounts' sum, debit positive: a deficit is positive
  std::string names;       // "8999 Årets resultat", for messages
};

ResultBooking FindResultBooking(const SieFile& books, const std::vector<Mapped>& mapped) {
  ResultBooking booking;
  for (const Mapped& m : mapped) {
    for (const AccountRange& r : m.ranges) {
      for (const AccountRange& closing : booking.accounts) {
        if (r.first <= closing.last && closing.first <= r.last) return booking;
      }
    }
  }
  const int64_t all = SumAccounts(books, SieBalanceKind::kResult, 0, {{1, 999'999'999}});
  const int64_t closing = SumAccounts(books, SieBalanceKind::kResult, 0, booking.accounts);
  // With a #RES 0 left out for an error the sum of all is not known: closing accounts that
  // hold an amount are then taken to have closed the books, as they do in BAS.
  booking.result_known = books.BalancesKnown(SieBalanceKind::kResult, 0, {{1, 999'999'999}});
  if (closing == 0 || (booking.result_known && all != 0)) return booking;
  booking.booked = true;
  booking.result_ore = all - closing;
  for (const SieBalance& b : books.balances) {
    if (b.kind != SieBalanceKind::kResult || b.year_index != 0 || b.ore == 0) continue;
    if (!InRanges(booking.accounts, b.account)) continue;
    const SieAccount* account = books.LookupAccount(b.account);
    booking.names += (booking.names.empty() ? "" : ", ") + std::to_string(b.account) + (account ? " " + account->name : "");
  }
  return booking;
}

// The kronor written for each target, in the books' sign (debit positive). Each is its accounts'
// sum in öre, rounded to the krona. Rounded one by one, the lines of a year can miss by a krona
// what the books' own totals give: 211,60 and 12 486,37 kr round to 212 and 12 486, and the
// result comes out at −840 554 kr where the books say −840 553,23. So the written lines are
// rounded as a whole (largest remainder): the result lines add up to the books' result rounded,
// and all written lines to the books' total of their accounts rounded, which in books whose
// other balances are whole kronor is what keeps the balance sheet in balance. Where the lines
// fall short, the ones nearest a half krona are rounded the other way, never further than to
// the krona on the other side of their amount.
struct WrittenAmounts {
  std::vector<int64_t> kronor;    // by index in `mapped`, the books' sign; 0 where nothing is written
  std::vector<std::string> why;   // by index: why a line was rounded the other way, or ""
};

// Moves the rounded amounts of `lines` so that they add up to `total`, one krona each for the
// lines whose amount is nearest the other side. Gives up (leaves them) when too few can move.
void RoundToTotal(const std::vector<int64_t>& ore, const std::vector<size_t>& lines, int64_t total,
                  const std::string& reason, WrittenAmounts& amounts) {
  int64_t sum = 0;
  for (size_t i : lines) sum += amounts.kronor[i];
  const int64_t missing = total - sum;
  if (missing == 0) return;
  const int64_t step = missing > 0 ? 1 : -1;
  std::vector<std::pair<int64_t, size_t>> candidates;  // (öre the moved figure lies off its amount, line)
  for (size_t i : lines) {
    const int64_t moved = (amounts.kronor[i] + step) * 100;
    if (std::llabs(moved - ore[i]) < 100) candidates.push_back({std::llabs(moved - ore[i]), i});
  }
  if (candidates.size() < static_cast<size_t>(std::llabs(missing))) return;
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (int64_t k = 0; k < std::llabs(missing); ++k) {
    const size_t i = candidates[static_cast<size_t>(k)].second;
    amounts.kronor[i] += step;
    amounts.why[i] = reason;
  }
}

WrittenAmounts RoundWrittenAmounts(const SieFile& books, const std::vector<Mapped>& mapped) {
  WrittenAmounts amounts{std::vector<int64_t>(mapped.size(), 0), std::vector<std::string>(mapped.size())};
  std::vector<int64_t> ore(mapped.size(), 0);
  std::vector<size_t> result_lines, all_lines;
  int64_t result_ore = 0, all_ore = 0;
  for (size_t i = 0; i < mapped.size(); ++i) {
    const MappingTarget& t = mapped[i].target;
    if (t.kind != MappingTarget::Kind::kWrite) continue;
    ore[i] = SumAccounts(books, t.result ? SieBalanceKind::kResult : SieBalanceKind::kClosing, 0, mapped[i].ranges);
    amounts.kronor[i] = RoundOreToKronor(ore[i]);
    all_lines.push_back(i);
    all_ore += ore[i];
    if (t.result) {
      result_lines.push_back(i);
      result_ore += ore[i];
    }
  }
  const int64_t result = RoundOreToKronor(result_ore);
  RoundToTotal(ore, result_lines, result,
               "so that the result lines add up to the books' result, " + Kronor(-result), amounts);
  std::vector<size_t> balance_lines;
  int64_t result_written = 0;
  for (size_t i : all_lines) {
    if (mapped[i].target.result) {
      result_written += amounts.kronor[i];
    } else {
      balance_lines.push_back(i);
    }
  }
  RoundToTotal(ore, balance_lines, RoundOreToKronor(all_ore) - result_written,
               "so that the balance sheet adds up as the books do", amounts);
  for (size_t i : all_lines) {
    if (!amounts.why[i].empty()) {
      amounts.why[i] = "rounded from " + FormatOre(mapped[i].target.credit ? -ore[i] : ore[i]) + " " + amounts.why[i];
    }
  }
  return amounts;
}

// Where the year states the exact opening balance of a target that carries one over from last
// year: an avsattning note's `ingaende`, or `eget_kapital.ingaende`; null for other targets.
const std::optional<Located<Money>>* OpeningValueOf(const MappingTarget& target, const AccountsFile& accounts) {
  if (target.kind == MappingTarget::Kind::kProvisionNote) return &target.note->ingaende;
  if (target.kind == MappingTarget::Kind::kEquity && accounts.eget_kapital) return &accounts.eget_kapital->ingaende;
  return nullptr;
}

// "inputs/2024/rakenskaper.yaml:10:17"
std::string PositionOf(const SourceFile& file, const Where& where) {
  return file.path + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

// Loads the year whose figures are imported, which must have a rakenskaper.yaml to write them
// into and must not be approved. Prints why not and returns false.
bool LoadYearToImport(const std::string& year_dir, InputSet& inputs, Diagnostics& loading, std::ostream& err) {
  if (!LoadInputs(year_dir, inputs, loading)) {
    PrintDiagnostics(loading, inputs.sources, err);
    return false;
  }
  const YearInput& year = inputs.report();
  if (!year.present.count("rakenskaper.yaml")) {
    err << "arsred: import-sie: " << year.dir << " has no rakenskaper.yaml to write the figures into\n";
    return false;
  }
  // The import reads the mapping from rakenskaper.yaml and the organisation number from
  // forbund.yaml: if either cannot be read, that is what to mend, not a mapping or a number
  // that seems to be missing.
  auto normal = [](fs::path path) {
    path = path.lexically_normal();
    return path.has_filename() ? path : path.parent_path();  // "inputs/2024/" is "inputs/2024"
  };
  const bool unreadable = std::any_of(loading.all().begin(), loading.all().end(), [&](const Diagnostic& d) {
    // Only a file that could not be read as YAML at all (its encoding, its syntax): a value in
    // it that is wrong, or still to fill in, leaves the mapping and the number readable.
    const bool file_unread = d.code.starts_with("file.") || d.code.starts_with("yaml.");
    if (d.severity != Severity::kError || !d.where.known() || !file_unread) return false;
    const fs::path file = normal(inputs.sources.file(d.where.file).path);
    return file.parent_path() == normal(year.dir) &&
           (file.filename() == "rakenskaper.yaml" || file.filename() == "forbund.yaml");
  });
  if (unreadable || !year.present.count("forbund.yaml")) {
    PrintDiagnostics(loading, inputs.sources, err);
    err << "arsred: import-sie: " << year.dir << "'s "
        << (year.present.count("forbund.yaml") ? "forbund.yaml or rakenskaper.yaml cannot be read (above)"
                                              : "forbund.yaml is missing")
        << ": mend that first; nothing was written\n";
    return false;
  }
  if (IsApproved(year)) {
    err << "arsred: import-sie: " << year.dir << " has been approved (" << kApprovalFileName
        << "): its figures stay as the board approved them; to change them, reopen the year first: arsred reopen "
        << year.dir << " --reason \"…\"; nothing was written\n";
    return false;
  }
  return true;
}

// The bytes of the books' file. Prints why not, in the system's words, and returns false when it
// is not a readable file of at most kMaxBooksBytes.
bool ReadBooksFile(const std::string& path, std::string& bytes, std::ostream& err) {
  std::string why;
  std::optional<std::string> read = ReadWholeFile(path, &why, kMaxBooksBytes);
  if (!read) {
    err << "arsred: import-sie: " << path << ": " << why << "\n";
    return false;
  }
  bytes = std::move(*read);
  return true;
}

// The figures are the books' balances, never their vouchers summed. Books without a single
// #UB 0 (or #RES 0) are an export of vouchers only (SIE 4I, which some programs label #SIETYP 4),
// and would import every figure as 0 kr. A line whose accounts have no balance while others do
// is 0 kr by the books, and not refused here. Reports one error and returns false for such books.
bool CheckBooksHaveBalances(const SieFile& books, Diagnostics& diagnostics) {
  // A record left out for an error may have been one: the books are not said to lack them then.
  const auto has = [&books](SieBalanceKind kind) {
    return !books.BalancesKnown(kind, 0, {{1, 999'999'999}}) ||
           std::any_of(books.balances.begin(), books.balances.end(),
                       [kind](const SieBalance& b) { return b.kind == kind && b.year_index == 0; });
  };
  const bool closing = has(SieBalanceKind::kClosing), result = has(SieBalanceKind::kResult);
  if (closing && result) return true;
  const std::string missing = !closing && !result ? "closing balances (#UB 0) and no result balances (#RES 0)"
                              : !closing          ? "closing balances (#UB 0)"
                                                  : "result balances (#RES 0)";
  const SieYear* year = books.LookupYear(0);
  diagnostics.Error("sie.missing", year ? year->where : books.first_record, year ? "#RAR" : books.first_label,
                    "the books have no " + missing + " for year 0: export them with balances (SIE type 4E, or 1 to "
                    "3), not only vouchers");
  return false;
}

// The books must be this förbund's. #ORGNR is optional in SIE: books that leave it out are only
// said to; one that could not be read is reported as such already.
void CheckBooksOrganisation(const SieFile& books, const InputSet& inputs, Diagnostics& diagnostics) {
  const OrgFile& org = inputs.report().files.forbund;
  const std::string ours = org.forbund.organisationsnummer.value + " (" + org.forbund.namn.value + ")";
  if (!books.org_number.where.known()) {
    if (books.unread.labels.count("#ORGNR")) return;
    // Said where the books name the company, else at their first record.
    const bool named = books.company_name.where.known();
    diagnostics.Warning("import.organisation", named ? books.company_name.where : books.first_record,
                        named ? books.company_name.path : books.first_label,
                        "the books do not name their organisation (no #ORGNR): make sure they are those of " + ours);
  } else if (OrgNumberDigits(books.org_number.value) != OrgNumberDigits(org.forbund.organisationsnummer.value)) {
    diagnostics.Error("import.organisation", books.org_number.where, "#ORGNR",
                      "the books are those of organisation number \"" + books.org_number.value + "\", not " + ours);
  }
}

void CheckBooksYear(const SieFile& books, const InputSet& inputs, Diagnostics& diagnostics) {
  // The books' year 0 is the year of the report, the whole of it: a samordningsförbund's
  // financial year is the calendar year (LKBR 1 kap. 5 §; `rakenskapsar` may only say so, and
  // dates.fiscal_year checks that). Books of a broken or a short year would import another
  // period's figures as the year's. Without #RAR 0, or with its dates wrong, the reader has said
  // so already.
  const SieYear* this_year = books.LookupYear(0);
  if (!this_year || !this_year->start || !this_year->end || *this_year->end < *this_year->start) return;
  const Date first{inputs.report_year, 1, 1}, last{inputs.report_year, 12, 31};
  if (*this_year->start != first || *this_year->end != last) {
    diagnostics.Error("import.year", this_year->where, "#RAR",
                      "the books' year 0 is " + this_year->start->ToString() + " \u2013 " +
                          this_year->end->ToString() + ", not the financial year " +
                          std::to_string(inputs.report_year) + " (" + first.ToString() + " \u2013 " +
                          last.ToString() + "): a samordningsförbund's financial year is the calendar year; "
                          "export the books of " + std::to_string(inputs.report_year));
  }
}

// The mappings of `kontomappning`: their ranges, their targets, no account taken twice. A
// mapping with an error is reported and left out.
std::vector<Mapped> ResolveMappings(const AccountsFile& accounts, Diagnostics& diagnostics) {
  std::vector<Mapped> mapped;
  for (const AccountMapping& mapping : accounts.kontomappning) {
    Mapped m{&mapping, {}, {}, ""};
    bool ok = true;
    for (const Located<std::string>& text : mapping.konton) {
      auto range = ParseAccountRange(text.value);
      if (!range) {
        diagnostics.Error("import.mapping", text.where, text.path, "`" + text.value + "` is not an account or a range "
                                                                   "of accounts (e.g. 1930 or 3000-3099)");
        ok = false;
        continue;
      }
      for (const Mapped& other : mapped) {
        for (const AccountRange& taken : other.ranges) {
          if (range->first <= taken.last && taken.first <= range->last) {
            diagnostics.Error("import.mapping", text.where, text.path,
                              "accounts " + text.value + " are already mapped to " + other.mapping->till.value);
            ok = false;
          }
        }
      }
      m.ranges.push_back(*range);
      m.accounts += (m.accounts.empty() ? "" : ", ") + text.value;
    }
    std::string why;
    auto target = ResolveMappingTarget(accounts, mapping.till.value, &why);
    if (!target) {
      diagnostics.Error("import.mapping", mapping.till.where, mapping.till.path, why);
      ok = false;
    }
    if (ok) {
      m.target = *target;
      mapped.push_back(std::move(m));
    }
  }
  return mapped;
}

// The year before, checked as `arsred check` checks it. Where it has errors of its own (a year
// before it missing, a balance sheet that does not balance), its closing figures are not what the
// books should open with, and comparing them would report its errors as the books': one warning
// says so instead. Returns whether it is sound (or there is none).
bool PriorYearIsSound(const InputSet& inputs, Diagnostics& diagnostics) {
  const YearInput* prior = inputs.Find(inputs.report_year - 1);
  if (!prior) return true;
  // Loaded again as a report year of its own: as an earlier year of this one, only what this
  // year's report needs of it was read.
  InputSet prior_inputs;
  Diagnostics findings;
  if (LoadInputs(prior->dir, prior_inputs, findings)) Validate(prior_inputs, findings);
  if (!findings.HasErrors()) return true;
  diagnostics.Warning("import.prior_errors", Where{}, prior->dir,
                      "the year before has errors of its own (`arsred check " + prior->dir +
                          "` lists them): the books' opening balances and last year's result are not checked against it");
  return false;
}

// The number of digits of an account number.
int Digits(int account) { return static_cast<int>(std::to_string(account).size()); }

// Books whose accounts all have another number of digits than every account of the mapping (a
// chart of five-digit accounts, as Unit4 Agresso's, against a mapping written for BAS's four)
// match nothing: one error that says so, instead of an error for each unmapped account and
// each line read as 0 kr. Returns false for such books.
bool CheckAccountDigits(const SieFile& books, const std::vector<Mapped>& mapped, const AccountsFile& accounts,
                        Diagnostics& diagnostics) {
  std::set<int> book_digits, mapping_digits;
  int book_example = 0, mapping_example = 0;
  const Located<std::string>* first_written = nullptr;  // where the mapping's first account is written
  for (const SieBalance& b : books.balances) {
    if (b.year_index != 0 || b.ore == 0) continue;
    book_digits.insert(Digits(b.account));
    if (!book_example) book_example = b.account;
  }
  for (const Mapped& m : mapped) {
    for (const AccountRange& r : m.ranges) {
      mapping_digits.insert(Digits(r.first));
      mapping_digits.insert(Digits(r.last));
      if (!mapping_example) mapping_example = r.first;
    }
    if (!first_written && !m.mapping->konton.empty()) first_written = &m.mapping->konton.front();
  }
  if (book_digits.size() != 1 || mapping_digits.size() != 1 || *book_digits.begin() == *mapping_digits.begin()) {
    return true;
  }
  diagnostics.Error("import.mapping", first_written ? first_written->where : accounts.where,
                    first_written ? first_written->path : "kontomappning",
                    "the books' accounts have " + std::to_string(*book_digits.begin()) + " digits (e.g. " +
                        std::to_string(book_example) + "), the kontomappning's " +
                        std::to_string(*mapping_digits.begin()) + " (e.g. " + std::to_string(mapping_example) +
                        "), so that it takes none of them: write the kontomappning in the books' chart of accounts "
                        "(--propose-mapping suggests one)");
  return false;
}

// Every account with a balance is taken by some mapping; in closed books the accounts that
// moved the result to equity need none.
void ReportUnmappedAccounts(const SieFile& books, const std::vector<Mapped>& mapped, const ResultBooking& booking,
                            Diagnostics& diagnostics) {
  std::vector<AccountTarget> all;
  for (const Mapped& m : mapped) all.push_back({m.mapping->till.value, m.ranges});
  if (booking.booked) all.push_back({"the year's result, booked to equity", booking.accounts});
  for (SieBalanceKind kind : {SieBalanceKind::kClosing, SieBalanceKind::kResult}) {
    for (const SieBalance& balance : MapBalances(books, kind, 0, all).unmapped) {
      const SieAccount* account = books.LookupAccount(balance.account);
      diagnostics.Error("import.unmapped", balance.account_where, LabelOf(kind),
                        "account " + std::to_string(balance.account) + (account ? " (" + account->name + ")" : "") +
                            " has a balance of " + FormatOre(balance.ore) +
                            " that no kontomappning takes: add the account to the line of rakenskaper.yaml's "
                            "kontomappning it belongs to (--propose-mapping suggests one)");
    }
  }
}

// A balansräkning line takes its accounts' #UB 0, a resultaträkning line their #RES 0. An
// account whose balance is of the other kind adds nothing to the line it is mapped to: its amount
// would be lost without a word.
void ReportAccountsOfTheOtherKind(const SieFile& books, const std::vector<Mapped>& mapped, Diagnostics& diagnostics) {
  for (const Mapped& m : mapped) {
    const SieBalanceKind other = m.target.result ? SieBalanceKind::kClosing : SieBalanceKind::kResult;
    for (const SieBalance& balance : books.balances) {
      if (balance.kind != other || balance.year_index != 0 || balance.ore == 0) continue;
      if (!InRanges(m.ranges, balance.account)) continue;
      const SieAccount* account = books.LookupAccount(balance.account);
      const std::string kind = m.target.result ? "a balance sheet balance (#UB 0)" : "a result balance (#RES 0)";
      const std::string line = m.target.result ? "a resultaträkning line, which takes #RES 0"
                                               : "a balansräkning line, which takes #UB 0";
      diagnostics.Error("import.mapping", m.mapping->till.where, m.mapping->till.path,
                        "account " + std::to_string(balance.account) + (account ? " (" + account->name + ")" : "") +
                            " has " + kind + " of " + FormatOre(balance.ore) + ", but is mapped to " +
                            m.mapping->till.value + ", " + line + ": its amount would be lost");
    }
  }
}

// What the import writes and says once nothing refuses it.
struct ImportPlan {
  std::vector<ScalarEdit> edits;                    // of rakenskaper.yaml
  std::set<std::pair<int, int>> written_positions;  // (line, column) of the values written
  size_t openings_recorded = 0;                     // exact opening balances among the edits
  std::vector<std::string> report;                  // printed once written
  std::vector<std::string> unchecked;               // figures not checked yet, and why
};

// Takes the mappings in order. For each: the opening balance in the books against last year's
// closing figure in the report (recording it where last year knew it only in tkr), then the
// figure written, or checked against what the report takes from elsewhere.
class MappingImport {
 public:
  // `prior_sound`: the year before has no errors of its own, so that its closing figures are
  // what the books should open with.
  MappingImport(const InputSet& inputs, const Diagnostics& loading, const SieFile& books,
                const std::vector<Mapped>& mapped, const ResultBooking& booking, bool prior_sound,
                Diagnostics& diagnostics)
      : inputs_(inputs),
        accounts_(inputs.report().files.rakenskaper),
        books_(books),
        mapped_(mapped),
        booking_(booking),
        diagnostics_(diagnostics),
        written_(RoundWrittenAmounts(books, mapped)) {
    // Last year's closing figures, for the opening balances.
    if (inputs.Find(inputs.report_year - 1) && prior_sound) prior_ = DeriveFigures(inputs, inputs.report_year - 1, nullptr);
    prior_unsound_ = inputs.Find(inputs.report_year - 1) && !prior_sound;
    // Values still to fill in (from `arsred new`): what rests on them cannot be checked yet.
    for (const Diagnostic& d : loading.all()) {
      if (d.code != "fill.value" || d.where.file != accounts_.where.file) continue;
      to_fill_.insert({d.where.line, d.where.column});
    }
  }

  ImportPlan Run() && {
    if (booking_.booked) {
      plan_.report.push_back("the books are closed: the year's result of " +
                             Kronor(RoundOreToKronor(-booking_.result_ore)) + " is booked to equity (" +
                             booking_.names + ")");
    }
    for (size_t index = 0; index < mapped_.size(); ++index) Import(index);
    CheckPriorYearResults();
    return std::move(plan_);
  }

 private:
  // The books' year before (#RES -1) against the report's, line by line of the resultaträkning:
  // the comparison column prints the year before's inputs, and books that say otherwise mean
  // that one of the two is wrong. (The balansräkning's year before is checked already: its
  // closing balances are the books' opening ones, CheckOpening.)
  void CheckPriorYearResults() {
    if (!inputs_.Find(inputs_.report_year - 1)) return;
    const bool books_have_it = std::any_of(books_.balances.begin(), books_.balances.end(), [](const SieBalance& b) {
      return b.kind == SieBalanceKind::kResult && b.year_index == -1;
    });
    if (!books_have_it) return;
    struct LineSum {
      int64_t ore = 0;
      const Mapped* first = nullptr;
      bool known = true;
    };
    std::map<std::string, LineSum> lines;
    for (const Mapped& m : mapped_) {
      if (!m.target.result || !m.target.line.starts_with("resultatrakning.")) continue;
      const int64_t ore = SumAccounts(books_, SieBalanceKind::kResult, -1, m.ranges);
      LineSum& sum = lines[m.target.line];
      sum.known = sum.known && Known(m, SieBalanceKind::kResult, -1);
      sum.ore += m.target.credit ? -ore : ore;
      if (!sum.first) sum.first = &m;
    }
    const std::string last_year = std::to_string(inputs_.report_year - 1);
    for (const auto& [line, sum] : lines) {
      if (!sum.known) continue;
      const std::string name = line.substr(std::string("resultatrakning.").size());
      const Figure* reported = prior_.Find("rr." + name);
      if (!reported || reported->kind != Figure::Kind::kMoney || reported->money.to_fill) continue;
      const int64_t books = RoundOreToKronor(sum.ore);
      if (std::llabs(books - reported->money.kronor) <= reported->money.tolerance()) continue;
      diagnostics_.Warning("import.prior_year", sum.first->mapping->till.where, sum.first->mapping->till.path,
                           "the books give " + last_year + "'s " + name + " as " + Kronor(books) +
                               " (#RES -1), but the inputs of " + last_year + " give " +
                               FormatMoney(reported->money) +
                               ", which the report prints as the year before: mend the one that is wrong");
    }
  }

  void Import(size_t index) {
    const Mapped& m = mapped_[index];
    const MappingTarget& t = m.target;
    const SieBalanceKind kind = t.result ? SieBalanceKind::kResult : SieBalanceKind::kClosing;
    const int64_t kr = t.kind == MappingTarget::Kind::kWrite
                           ? (t.credit ? -written_.kronor[index] : written_.kronor[index])
                           : Amount(m, kind);
    // The opening balance in the books is last year's closing one in the report.
    if (!t.prior_figure.empty()) CheckOpening(index);
    switch (t.kind) {
      case MappingTarget::Kind::kWrite: return WriteFigure(index, kr);
      case MappingTarget::Kind::kGroupItem: return CheckGroupItem(m, kr);
      case MappingTarget::Kind::kProvisionNote: return CheckProvisionNote(index, kr);
      case MappingTarget::Kind::kFixedAssetNote: return CheckFixedAssetNote(index, kr);
      case MappingTarget::Kind::kEquity: return CheckEquity(index, kr);
    }
  }

  void CheckOpening(size_t index) {
    const Mapped& m = mapped_[index];
    const MappingTarget& t = m.target;
    if (!Known(m, SieBalanceKind::kOpening)) return;
    const Figure* closing = prior_.Find(t.prior_figure);
    if (!closing || closing->kind != Figure::Kind::kMoney) return;
    const int64_t opening = Amount(m, SieBalanceKind::kOpening);
    const std::string& name = m.mapping->till.value;
    const std::string last_year = std::to_string(inputs_.report_year - 1);
    if (std::llabs(opening - closing->money.kronor) > closing->money.tolerance()) {
      diagnostics_.Error("import.opening", m.mapping->till.where, m.mapping->till.path,
                         "the books open " + name + " (" + m.accounts + ") at " + Kronor(opening) + ", but " +
                             last_year + " closed it at " + FormatMoney(closing->money));
      return;
    }
    // An anlaggning note's two opening balances are not the one its accounts open with.
    if (closing->money.exact() || t.kind == MappingTarget::Kind::kFixedAssetNote) return;
    const std::optional<Located<Money>>* exact = OpeningValueOf(t, accounts_);
    // What the year records already: nothing new when it is the books' amount, or when there is
    // no `ingaende` and the books open at the whole thousand that last year gave.
    const bool recorded = exact && exact->has_value() && !Marked(*exact);
    if (recorded && (*exact)->value.kronor == opening) return;
    if (!recorded && !(exact && Marked(*exact)) && opening == closing->money.kronor) return;
    // Last year knew it only in tkr; the books know it to the krona. An `ingaende` of the note
    // or of equity takes the exact amount (`arsred new` asks for it); without one, the import
    // says how to add it.
    const std::string known = "the books open " + name + " at " + Kronor(opening) + ", which " + last_year +
                              " gave only in tkr (" + FormatMoney(closing->money) + ")";
    const bool in_tkr = t.note && t.note->enhet && t.note->enhet->value == Unit::kTkr;
    if (exact && exact->has_value() && !in_tkr) {
      const Where& value_at = (*exact)->where;
      const SourceFile& file = Replace(**exact, std::to_string(opening));
      ++plan_.openings_recorded;
      recorded_openings_[index] = opening;
      const std::string before = recorded ? " (it was " + Kronor((*exact)->value.kronor) + ")" : "";
      plan_.report.push_back(known + ": recorded as its exact opening balance" + before + ", " +
                             PositionOf(file, value_at));
    } else {
      plan_.report.push_back(known + ": to record the exact amount, add `ingaende: ATT FYLLA I` " +
                             (t.note ? "to note " + t.note->id.value.name : std::string("under eget_kapital")) +
                             " and import again");
    }
  }

  void WriteFigure(size_t index, int64_t kr) {
    const Mapped& m = mapped_[index];
    const MappingTarget& t = m.target;
    if (t.value == nullptr || !t.value->has_value()) {
      diagnostics_.Error("import.value", m.mapping->till.where, m.mapping->till.path,
                         m.mapping->till.value + " has no value in rakenskaper.yaml to write into: add `belopp: "
                                                 "ATT FYLLA I` (or the line) there");
      return;
    }
    if (t.unit && t.unit->value == Unit::kTkr) {
      diagnostics_.Error("import.unit", t.unit->where, t.unit->path,
                         "the books give kronor, but this section is in tkr: write `enhet: kr` (or leave it out)");
      return;
    }
    const Where& value_at = (*t.value)->where;
    const SourceFile& file = Replace(**t.value, std::to_string(kr));
    plan_.report.push_back(PositionOf(file, value_at) + ": " + m.mapping->till.value + " = " + Kronor(kr) + " (" +
                           m.accounts + ")" + (written_.why[index].empty() ? "" : ", " + written_.why[index]));
  }

  void CheckGroupItem(const Mapped& m, int64_t kr) {
    const std::string& name = m.mapping->till.value;
    if (!Known(m, SieBalanceKind::kClosing)) return;
    if (ItemMarked(*m.target.item)) {
      plan_.unchecked.push_back(name + ": its poster are still to fill in");
      return;
    }
    const Money sum = NoteItemAmount(*m.target.item);
    if (std::llabs(sum.kronor - kr) > sum.tolerance()) {
      diagnostics_.Error("import.check", m.mapping->till.where, m.mapping->till.path,
                         "the books give " + name + " (" + m.accounts + ") " + Kronor(kr) + ", its poster add up to " +
                             FormatMoney(sum));
    }
  }

  void CheckProvisionNote(size_t index, int64_t kr) {
    const Mapped& m = mapped_[index];
    const MappingTarget& t = m.target;
    const std::string& name = m.mapping->till.value;
    if (!ReadyToCheckNote(index, {&t.note->poster})) return;
    Money closing = OpeningInReport(index, prior_.Find(t.prior_figure));
    for (const NoteItem& movement : t.note->poster) closing += NoteItemAmount(movement);
    if (std::llabs(closing.kronor - kr) > closing.tolerance()) {
      diagnostics_.Error("import.check", m.mapping->till.where, m.mapping->till.path,
                         "the books close " + name + " (" + m.accounts + ") at " + Kronor(kr) +
                             ", the note's opening balance and movements at " + FormatMoney(closing));
    }
  }

  // An anlaggning note's accounts, acquisition values and accumulated depreciation together,
  // close at its redovisat värde: its opening balances and the year's movements as the year
  // derives them, less the year's depreciation as this import writes it (else as the year gives it).
  void CheckFixedAssetNote(size_t index, int64_t kr) {
    const Mapped& m = mapped_[index];
    const MappingTarget& t = m.target;
    const std::string& name = m.mapping->till.value;
    if (!ReadyToCheckNote(index, {&t.note->poster, &t.note->avskrivningsposter})) return;
    const FigureTable figures = DeriveFigures(inputs_, inputs_.report_year, nullptr);
    const std::string base = "not." + t.note->id.value.name;
    Money depreciation = figures.MoneyOr0("rr.avskrivningar");
    bool written = false;
    for (size_t i = 0; i < mapped_.size(); ++i) {
      const MappingTarget& other = mapped_[i].target;
      if (other.kind != MappingTarget::Kind::kWrite || other.line != "resultatrakning.avskrivningar") continue;
      if (!written) depreciation = Money{};
      written = true;
      depreciation += Money::Kr(other.credit ? -written_.kronor[i] : written_.kronor[i]);
    }
    Money closing = figures.MoneyOr0(base + ".ingaende_anskaffningsvarde") +
                    figures.MoneyOr0(base + ".ingaende_avskrivningar") +
                    figures.MoneyOr0(base + ".forandring_anskaffningsvarde") +
                    figures.MoneyOr0(base + ".forandring_avskrivningar") - depreciation;
    if (closing.to_fill) {
      plan_.unchecked.push_back(name + ": its opening balances or the year's avskrivningar are still to fill in");
      return;
    }
    if (std::llabs(closing.kronor - kr) > closing.tolerance()) {
      diagnostics_.Error("import.check", m.mapping->till.where, m.mapping->till.path,
                         "the books close " + name + " (" + m.accounts + ") at " + Kronor(kr) +
                             ", the note's redovisat värde (opening balances, movements and the year's "
                             "avskrivningar) at " + FormatMoney(closing));
    }
  }

  // Whether a note's balance can be checked against the books: their closing balance is known,
  // last year is checked, and no list of the note's movements is still to fill in (which the
  // plan says).
  bool ReadyToCheckNote(size_t index, std::initializer_list<const std::vector<NoteItem>*> movement_lists) {
    const Mapped& m = mapped_[index];
    const std::string& name = m.mapping->till.value;
    if (!Known(m, SieBalanceKind::kClosing) || UncheckedForPrior(index, name)) return false;
    const auto marked = [&](const NoteItem& item) { return ItemMarked(item); };
    for (const std::vector<NoteItem>* movements : movement_lists) {
      if (std::any_of(movements->begin(), movements->end(), marked)) {
        plan_.unchecked.push_back(name + ": the year's movements are still to fill in");
        return false;
      }
    }
    return true;
  }

  // The equity accounts hold last year's closing equity and the entries booked directly
  // against it, and, once the closing voucher has booked it, the year's result.
  void CheckEquity(size_t index, int64_t kr) {
    const Mapped& m = mapped_[index];
    if (!Known(m, SieBalanceKind::kClosing) || (booking_.booked && !booking_.result_known)) return;
    if (UncheckedForPrior(index, m.mapping->till.value)) return;
    Money expected = OpeningInReport(index, prior_.Find("br.eget_kapital"));
    if (accounts_.eget_kapital) {
      for (const EquityEntry& entry : accounts_.eget_kapital->direkta_poster) expected += entry.belopp.value;
    }
    std::string what = "before the year's result; opening equity and direct entries give ";
    if (booking_.booked) {
      const int64_t result = RoundOreToKronor(-booking_.result_ore);
      expected += Money::Kr(result);
      what = "with the year's result of " + Kronor(result) + " booked (" + booking_.names +
             "); opening equity, direct entries and the result give ";
    }
    if (std::llabs(expected.kronor - kr) > expected.tolerance()) {
      diagnostics_.Error("import.check", m.mapping->till.where, m.mapping->till.path,
                         "the books close the equity accounts (" + m.accounts + ") at " + Kronor(kr) + " " + what +
                             FormatMoney(expected));
    }
  }

  // Whether the books' balances of a target are all known: none of them was left out for an
  // error, which is reported already and would make the check fail for no reason of its own.
  bool Known(const Mapped& m, SieBalanceKind kind, int year_index = 0) const {
    return books_.BalancesKnown(kind, year_index, m.ranges);
  }

  // The books' amount of a target in whole kronor, in the report's sign.
  int64_t Amount(const Mapped& m, SieBalanceKind kind) const {
    const int64_t ore = SumAccounts(books_, kind, 0, m.ranges);
    return RoundOreToKronor(m.target.credit ? -ore : ore);
  }

  // The opening balance the report will use for a target that carries one (as figures.cc
  // derives it): last year's closing one when exact, else the year's own `ingaende`, as it
  // stands or as just recorded from the books, else last year's in tkr.
  // Where the year before has errors and this year gives no opening balance of its own, there
  // is nothing sound to check a closing balance against: it is listed as not checked.
  bool UncheckedForPrior(size_t index, const std::string& name) {
    if (!prior_unsound_ || recorded_openings_.count(index)) return false;
    const std::optional<Located<Money>>* own = OpeningValueOf(mapped_[index].target, accounts_);
    if (own && own->has_value() && !(*own)->to_fill) return false;
    plan_.unchecked.push_back(name + ": the year before has errors of its own, so its closing balance is not known");
    return true;
  }

  Money OpeningInReport(size_t index, const Figure* prior_closing) const {
    if (prior_closing && prior_closing->money.exact()) return prior_closing->money;
    if (auto it = recorded_openings_.find(index); it != recorded_openings_.end()) return Money::Kr(it->second);
    const std::optional<Located<Money>>* own = OpeningValueOf(mapped_[index].target, accounts_);
    if (own && own->has_value() && !(*own)->to_fill) return (*own)->value;
    return prior_closing ? prior_closing->money : Money{};
  }

  bool Marked(const std::optional<Located<Money>>& value) const {
    return value && to_fill_.count({value->where.line, value->where.column}) > 0;
  }

  bool ItemMarked(const NoteItem& item) const {
    if (Marked(item.belopp)) return true;
    for (const NoteSubItem& sub : item.poster) {
      if (to_fill_.count({sub.belopp.where.line, sub.belopp.where.column})) return true;
    }
    return false;
  }

  // Puts `text` in place of `value` in rakenskaper.yaml; returns that file.
  const SourceFile& Replace(const Located<Money>& value, std::string text) {
    plan_.edits.push_back({value.where, value.path, std::move(text)});
    plan_.written_positions.insert({value.where.line, value.where.column});
    return inputs_.sources.file(value.where.file);
  }

  const InputSet& inputs_;
  const AccountsFile& accounts_;
  const SieFile& books_;
  const std::vector<Mapped>& mapped_;
  const ResultBooking& booking_;
  Diagnostics& diagnostics_;
  const WrittenAmounts written_;
  FigureTable prior_;
  bool prior_unsound_ = false;  // the year before has a directory, but errors of its own
  std::set<std::pair<int, int>> to_fill_;       // (line, column) of the values still to fill in
  std::map<size_t, int64_t> recorded_openings_;  // by index in `mapped_`: exact openings written now
  ImportPlan plan_;
};

// What loading rakenskaper.yaml found wrong, unless it is a value about to be written or one
// still to fill in.
void ReportAccountsFileErrors(const Diagnostics& loading, int accounts_file,
                              const std::set<std::pair<int, int>>& written_positions, Diagnostics& diagnostics) {
  for (const Diagnostic& d : loading.all()) {
    if (d.severity != Severity::kError || d.where.file != accounts_file || d.code == "fill.value") continue;
    if (written_positions.count({d.where.line, d.where.column})) continue;
    diagnostics.Error(d.code, d.where, d.key_path, d.message);
  }
}

// Writes the books, kept beside the figures (the archive keeps them with the inputs), and
// rakenskaper.yaml as `text`: both or neither, since the kept books are the source of the
// figures. Prints why not and returns false.
bool WriteYearFiles(const std::string& year_dir, const std::string& books_bytes, std::string text, std::ostream& err) {
  try {
    WriteFilesTogether({{fs::path(year_dir) / kBooksFileName, books_bytes},
                        {fs::path(year_dir) / "rakenskaper.yaml", std::move(text)}});
  } catch (const std::exception& failure) {
    err << "arsred: import-sie: " << failure.what() << "; nothing was written\n";
    return false;
  }
  return true;
}

// What was written and checked, once it is written.
// What was written, or with `dry_run` what would have been.
void PrintImportReport(const ImportPlan& plan, size_t mappings, const std::string& year_dir,
                       const SourceFile& accounts_file, bool dry_run, std::ostream& err) {
  for (const std::string& line : plan.report) err << "arsred: import-sie: " << line << "\n";
  for (const std::string& line : plan.unchecked) err << "arsred: import-sie: not checked yet, " << line << "\n";
  err << "arsred: import-sie: " << (dry_run ? "would write " : "wrote ") << plan.edits.size() << " amounts into "
      << accounts_file.path << " and checked " << mappings - (plan.edits.size() - plan.openings_recorded) - plan.unchecked.size()
      << " more against the books" << (dry_run ? "" : "; run arsred check") << "\n";
  if (dry_run) {
    err << "arsred: import-sie: --dry-run: nothing was written\n";
    return;
  }
  err << "arsred: import-sie: kept a copy of the books as " << (fs::path(year_dir) / kBooksFileName).generic_string()
      << " (the archive keeps it with the inputs)\n";
}

}  // namespace

int ImportSie(const ImportRequest& request, std::ostream& out, std::ostream& err) {
  InputSet inputs;
  Diagnostics loading;
  if (!LoadYearToImport(request.year_dir, inputs, loading, err)) return kExitErrors;
  const AccountsFile& accounts = inputs.report().files.rakenskaper;
  Diagnostics diagnostics;

  std::string books_bytes;
  if (!ReadBooksFile(request.sie_file, books_bytes, err)) return kExitErrors;
  const SieFile books = ReadSie(books_bytes, request.sie_file, inputs.sources, diagnostics);
  // Books that are not text hold nothing to check further; a proposal is made from books read
  // without an error. Otherwise every check below runs on what was read, so that one run says
  // all there is to mend: each leaves out what rests on a record left out for an error.
  if (books.unread.text || (request.propose_mapping && diagnostics.HasErrors())) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: import-sie: the books cannot be read; nothing was written\n";
    return kExitErrors;
  }
  // Without balances there is nothing to import or propose: one error, saying what to export.
  if (!CheckBooksHaveBalances(books, diagnostics)) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: import-sie: nothing was written\n";
    return kExitErrors;
  }
  if (request.propose_mapping) {
    // The books' warnings matter to a proposal most: names read in the wrong encoding are
    // matched wrongly.
    PrintDiagnostics(diagnostics, inputs.sources, err);
    out << ProposeMapping(books, accounts, fs::path(request.sie_file).filename().string());
    return kExitClean;
  }
  CheckBooksOrganisation(books, inputs, diagnostics);
  CheckBooksYear(books, inputs, diagnostics);

  // Without a mapping nothing else can be said: one error, saying what to write.
  if (accounts.kontomappning.empty()) {
    diagnostics.Error("import.mapping", accounts.where, "kontomappning",
                      "rakenskaper.yaml has no kontomappning: say which accounts give which figure (docs/sie.md); "
                      "`arsred import-sie " + request.sie_file + " --year " + request.year_dir +
                          " --propose-mapping` prints one to start from");
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: import-sie: nothing was written\n";
    return kExitErrors;
  }
  const bool prior_sound = PriorYearIsSound(inputs, diagnostics);
  const std::vector<Mapped> mapped = ResolveMappings(accounts, diagnostics);
  if (!CheckAccountDigits(books, mapped, accounts, diagnostics)) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: import-sie: nothing was written\n";
    return kExitErrors;
  }
  const ResultBooking booking = FindResultBooking(books, mapped);
  ReportUnmappedAccounts(books, mapped, booking, diagnostics);
  ReportAccountsOfTheOtherKind(books, mapped, diagnostics);
  const ImportPlan plan = MappingImport(inputs, loading, books, mapped, booking, prior_sound, diagnostics).Run();
  ReportAccountsFileErrors(loading, accounts.where.file, plan.written_positions, diagnostics);
  std::optional<std::string> edited = EditScalars(inputs.sources, accounts.where.file, plan.edits, diagnostics);

  PrintDiagnostics(diagnostics, inputs.sources, err);
  if (diagnostics.HasErrors() || !edited) {
    err << "arsred: import-sie: nothing was written\n";
    return kExitErrors;
  }
  const SourceFile& accounts_file = inputs.sources.file(accounts.where.file);
  if (!request.dry_run && !WriteYearFiles(request.year_dir, books_bytes, std::move(*edited), err)) {
    return kExitErrors;
  }
  PrintImportReport(plan, mapped.size(), request.year_dir, accounts_file, request.dry_run, err);
  return ExitCodeOfWriting(diagnostics);
}

}  // namespace arsred

#include "sie.h"

#include <algorithm>

#include "sie_ledger_checks.h"
#include "sie_lexer.h"
#include "sie_records.h"

namespace arsred {

const char* LabelOf(SieBalanceKind kind) {
  switch (kind) {
    case SieBalanceKind::kOpening: return "#IB";
    case SieBalanceKind::kClosing: return "#UB";
    case SieBalanceKind::kResult: return "#RES";
  }
  return "";
}

const SieYear* SieFile::LookupYear(int index) const {
  for (const SieYear& year : years) {
    if (year.index == index) return &year;
  }
  return nullptr;
}

const SieAccount* SieFile::LookupAccount(int number) const {
  auto it = accounts.find(number);
  return it == accounts.end() ? nullptr : &it->second;
}

const SieBalance* SieFile::LookupBalance(SieBalanceKind kind, int year_index, int account) const {
  for (const SieBalance& b : balances) {
    if (b.kind == kind && b.year_index == year_index && b.account == account) return &b;
  }
  return nullptr;
}

bool SieFile::BalancesKnown(SieBalanceKind kind, int year_index, const std::vector<AccountRange>& ranges) const {
  return std::none_of(unread.balances.begin(), unread.balances.end(), [&](const SieUnread::Balance& b) {
    return b.kind == kind && (!b.year_index || *b.year_index == year_index) && (!b.account || InRanges(ranges, *b.account));
  });
}

std::string FormatOre(int64_t ore) {
  uint64_t magnitude = ore < 0 ? 0 - static_cast<uint64_t>(ore) : static_cast<uint64_t>(ore);
  std::string out = ore < 0 ? "\u2212" : "";
  out += GroupDigits(static_cast<int64_t>(magnitude / 100));
  out += ',';
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
  out += " kr";
  return out;
}

int64_t RoundOreToKronor(int64_t ore) { return RoundedDivision(ore, 100); }

SieAccountClass ClassOfAccount(const SieFile& sie, int account) {
  if (const SieAccount* a = sie.LookupAccount(account)) {
    if (a->type == 'T' || a->type == 'S') return SieAccountClass::kBalance;
    if (a->type == 'K' || a->type == 'I') return SieAccountClass::kResult;
  }
  char first = std::to_string(account)[0];
  if (account > 0 && (first == '1' || first == '2')) return SieAccountClass::kBalance;
  if (account > 0 && first >= '3' && first <= '8') return SieAccountClass::kResult;
  return SieAccountClass::kUnknown;
}

int BasAccountOf(int account) { return account >= 10000 && account <= 99999 ? account / 10 : account; }

std::string OrgNumberDigits(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
  }
  const bool suffixed = text.size() > 5 && text[text.size() - 5] == '-' && (digits.size() == 14 || digits.size() == 16);
  if (suffixed) digits.resize(digits.size() - 4);
  // The VAT number: "SE", the ten digits, "01" (SE222000199001).
  const size_t start = text.find_first_not_of(" \t");
  const bool vat = start != std::string::npos && text.compare(start, 2, "SE") == 0 && digits.size() == 12 &&
                   digits.ends_with("01");
  if (vat) return digits.substr(0, 10);
  return digits.size() == 12 ? digits.substr(2) : digits;
}

bool InRanges(const std::vector<AccountRange>& ranges, int account) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const AccountRange& r) { return r.first <= account && account <= r.last; });
}

int64_t SumAccounts(const SieFile& sie, SieBalanceKind kind, int year_index, const std::vector<AccountRange>& ranges) {
  int64_t sum = 0;
  for (const SieBalance& b : sie.balances) {
    if (b.kind == kind && b.year_index == year_index && InRanges(ranges, b.account)) sum += b.ore;
  }
  return sum;
}

BalanceMapping MapBalances(const SieFile& sie, SieBalanceKind kind, int year_index,
                           const std::vector<AccountTarget>& targets) {
  BalanceMapping mapping;
  for (const AccountTarget& target : targets) mapping.sums.push_back(TargetSum{target.target, 0});
  for (const SieBalance& b : sie.balances) {
    if (b.kind != kind || b.year_index != year_index) continue;
    bool taken = false;
    for (size_t i = 0; i < targets.size(); ++i) {
      if (!InRanges(targets[i].ranges, b.account)) continue;
      mapping.sums[i].ore += b.ore;
      taken = true;
    }
    if (!taken && b.ore != 0) mapping.unmapped.push_back(b);
  }
  std::sort(mapping.unmapped.begin(), mapping.unmapped.end(),
            [](const SieBalance& a, const SieBalance& b) { return a.account < b.account; });
  return mapping;
}

SieFile ReadSie(std::string_view bytes, const std::string& file_name, SourceSet& sources, Diagnostics& diagnostics) {
  const SieText text = DecodeSieText(bytes, file_name, sources, diagnostics);
  if (!text.readable) {
    SieFile unread;
    unread.file = text.file;
    unread.first_record = Where{text.file, 1, 1};
    unread.unread.text = true;
    return unread;
  }
  SieFile sie = ReadSieRecords(text.bytes, text.encoding, text.file, diagnostics);
  CheckLedger(sie, diagnostics);
  return sie;
}

}  // namespace arsred

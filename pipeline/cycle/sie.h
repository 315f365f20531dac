// Reads a SIE 4 file (SIE filformat ver 4B, types 1 to 4) as exported by a bookkeeping program:
// its text is decoded from CP437 (or UTF-8, where the file says so) and registered in the
// SourceSet, so that findings point at the line and column of the record with the source line
// shown like any other input's. Every finding is collected in one pass; the reader never throws
// and accepts any bytes.
//
// Money is int64_t öre, parsed from the decimal text (never through floating point). Signs are
// those of the file: debit positive, credit negative. The reader caps the sum of the absolute
// values of all amounts it keeps at kSieMaxTotalOre, so that any sum of them fits an int64_t
// and is an amount the inputs can hold.
//
// ReadSie runs the reader's three parts in turn: sie_lexer (bytes to text, lines to fields),
// sie_records (records into the structs below) and sie_ledger_checks (what must hold of the books
// as a whole). Codes, checks and what is ignored: docs/sie.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "account_mapping.h"
#include "diagnostics.h"
#include "source.h"
#include "values.h"

namespace arsred {

// 999 999 999 999 990 kr, in öre: far beyond any ledger (a large kommun's books turn over some
// 10^11 kr), and small enough that any sum of the amounts, rounded to kronor, is an amount the
// input format takes (at most 15 digits, values.cc) and that int64_t holds with room to spare.
inline constexpr int64_t kSieMaxTotalOre = 99'999'999'999'999'000;

enum class SieBalanceKind { kOpening, kClosing, kResult };  // #IB, #UB, #RES

// The record label of a kind: "#IB", "#UB" or "#RES".
const char* LabelOf(SieBalanceKind kind);

// A financial year (#RAR). Index 0 is the year of the file, -1 the one before it, and so on.
struct SieYear {
  int index = 0;
  std::optional<Date> start, end;  // absent when the record's date is not a real date
  Where where;
};

struct SieAccount {
  int number = 0;
  std::string name;  // #KONTO, decoded to UTF-8
  char type = 0;     // #KTYP: 'T' tillgång, 'S' skuld, 'K' kostnad, 'I' intäkt; 0 when not given
  Where where;       // the account number of its #KONTO
};

// One #IB, #UB or #RES record.
struct SieBalance {
  SieBalanceKind kind = SieBalanceKind::kClosing;
  int year_index = 0;
  int account = 0;
  int64_t ore = 0;
  Where where;          // the record's first field (the year index): for a finding about the year
  Where account_where;  // its account number: for a finding about the account
  Where amount_where;   // its amount: for a finding about the amount
};

// One pair of an object list, e.g. {6 "P1"}: dimension 6 (projekt), object P1.
struct SieObjectRef {
  std::string dimension;
  std::string object;
};

struct SieTransaction {
  int account = 0;
  std::vector<SieObjectRef> objects;
  int64_t ore = 0;
  std::optional<Date> date;  // only when the #TRANS gives one
  std::string text;
  Where where;
};

// A #VER and the #TRANS lines of its { } block. #RTRANS and #BTRANS are not kept: an
// #RTRANS is always repeated as a #TRANS, and a #BTRANS is a line that was struck out.
struct SieVoucher {
  std::string series;
  std::string number;
  std::optional<Date> date;
  std::string text;
  std::vector<SieTransaction> transactions;
  Where where;
};

// What a file held that the reader left out for an error (reported already). A check that rests
// on it is left out too: it would report the error's consequence, not a finding of its own.
struct SieUnread {
  bool text = false;      // not text, not the encoding it says, or no records: nothing of it was read
  bool vouchers = false;  // a voucher had an error (in a line of it, or it does not balance)
  std::set<std::string, std::less<>> labels;  // the labels of the records left out: "#ORGNR", "#UB", …
  struct Balance {
    SieBalanceKind kind = SieBalanceKind::kClosing;
    std::optional<int> year_index;  // absent when the record's year index could not be read
    std::optional<int> account;     // absent when its account could not be read
  };
  std::vector<Balance> balances;  // each #IB, #UB and #RES left out, as far as it could be read
};

struct SieFile {
  int file = -1;                 // index of the decoded text in the SourceSet
  // The file's first record (line 1 when it has none), where a finding about the file as a whole
  // is shown, such as a record it lacks: its position and label.
  Where first_record;
  std::string first_label;
  int sie_type = 0;              // #SIETYP 1 to 4; 0 when the file does not say
  Located<std::string> program;  // #PROGRAM's name; `where` is unknown when a record is absent
  std::optional<Date> generated;  // #GEN
  Located<std::string> company_name;       // #FNAMN
  Located<std::string> org_number;         // #ORGNR, as written
  Located<std::string> chart_of_accounts;  // #KPTYP, e.g. "BAS2014"
  std::vector<SieYear> years;              // #RAR, in file order
  std::map<int, SieAccount> accounts;      // by number: every #KONTO, with its #KTYP
  std::vector<SieBalance> balances;        // file order; at most one per kind, year and account
  std::vector<SieVoucher> vouchers;        // only vouchers read without an error
  SieUnread unread;                        // what was left out for an error

  // Whether every balance of one kind and year of the accounts in `ranges` was read: false when a
  // record left out may have been one of them, so that their sum is not known.
  bool BalancesKnown(SieBalanceKind kind, int year_index, const std::vector<AccountRange>& ranges) const;

  const SieYear* LookupYear(int index) const;
  const SieAccount* LookupAccount(int number) const;
  const SieBalance* LookupBalance(SieBalanceKind kind, int year_index, int account) const;
};

// Reads a SIE file's bytes. The decoded text is added to `sources` as `file_name`; findings
// (codes "sie.*") are added to `diagnostics`. The result holds what could be read: a record with
// an error is left out, and after an encoding error nothing is read at all.
SieFile ReadSie(std::string_view bytes, const std::string& file_name, SourceSet& sources, Diagnostics& diagnostics);

// "1 234,50 kr", "−989 750,00 kr": kronor with a decimal comma, digits grouped by a space and a
// minus sign (U+2212) as in the report.
std::string FormatOre(int64_t ore);

// Whole kronor, rounding halves away from zero: 50 öre is 1 kr, −50 öre is −1 kr. Round a sum of
// accounts, not each account, so that it is never more than half a krona off.
int64_t RoundOreToKronor(int64_t ore);

// Whether an account is on the balance sheet (classes 1-2) or in the result (classes 3-8): by
// its #KTYP when given (T and S balance, K and I result), else by its first digit.
enum class SieAccountClass { kBalance, kResult, kUnknown };
SieAccountClass ClassOfAccount(const SieFile& sie, int account);

// The BAS account of an account number: municipal charts (Kommun-Bas as Raindance or Agresso
// keep it, #KPTYP KB13 and the like) number their accounts with five digits, of which the
// leading four are the BAS account (19300 is 1930, 89990 is 8999). Others are their own.
int BasAccountOf(int account);

bool InRanges(const std::vector<AccountRange>& ranges, int account);

// The ten digits of an organisation number, written as programs write it: NNNNNN-NNNN or its
// ten digits; with the century, as 12 digits (16NNNNNNNNNN); or followed by a suffix that some
// programs add for a part of the organisation (NNNNNN-NNNN-0001); or as the VAT number
// (SE222000199001). Otherwise its digits as they are.
std::string OrgNumberDigits(const std::string& text);

// The sum of the balances of one kind and year whose account lies in any of the ranges (an
// account in two overlapping ranges counts once).
int64_t SumAccounts(const SieFile& sie, SieBalanceKind kind, int year_index, const std::vector<AccountRange>& ranges);

// Where the balances of one statement go: each target (a key of the YAML inputs) takes the
// accounts in its ranges.
struct AccountTarget {
  std::string target;
  std::vector<AccountRange> ranges;
};

struct TargetSum {
  std::string target;
  int64_t ore = 0;
};

struct BalanceMapping {
  std::vector<TargetSum> sums;        // one per target, in the order given
  std::vector<SieBalance> unmapped;  // non-zero balances no target takes, by account number
};

// Sums the balances of one kind and year into the targets. An account taken by two targets
// counts in both: a note's items may break down a statement line's accounts.
BalanceMapping MapBalances(const SieFile& sie, SieBalanceKind kind, int year_index,
                           const std::vector<AccountTarget>& targets);

}  // namespace arsred

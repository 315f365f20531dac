// The scalar value types of the input format. Money is integer kronor (never floating point);
// where the only source gives tkr, the amount keeps that precision so that validation can allow
// for it. Decimals (FTEs) are fixed-point hundredths. Dates are proleptic Gregorian.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "source.h"

namespace arsred {

enum class Unit { kKr, kTkr };

// An amount of money. `kronor` is exact when tkr_terms == 0. Each term given in tkr (or summed
// from one) may be up to 500 kr off the true amount, so a sum of amounts carries the count of
// its tkr terms and identities are checked within 500 kr per term.
//
// Sums and differences are checked: one that would pass ±4 × 10^18 kr (far beyond any ledger,
// but within reach of 15-digit amounts in tkr) stops there and marks the result `overflow`, which
// the figure it becomes reports (money.overflow). The bound leaves room to subtract two such
// amounts without overflowing int64.
struct Money {
  static constexpr int64_t kLimit = 4'000'000'000'000'000'000;

  int64_t kronor = 0;
  int tkr_terms = 0;
  bool overflow = false;
  // Still to fill in (`ATT FYLLA I`), or reckoned from such an amount: a draft prints a marker
  // for it, and no check or rounding counts it.
  bool to_fill = false;

  static Money Kr(int64_t kr) { return Money{kr, 0}; }
  static Money Tkr(int64_t tkr) { return Money{tkr * 1000, 1}; }
  static Money ToFill() { return Money{0, 0, false, true}; }
  bool exact() const { return tkr_terms == 0; }
  int64_t tolerance() const { return 500 * static_cast<int64_t>(tkr_terms); }

  Money operator+(Money other) const { return Checked(kronor, other.kronor, other); }
  Money operator-(Money other) const { return Checked(kronor, -other.kronor, other); }
  Money operator-() const { return {-kronor, tkr_terms, overflow, to_fill}; }
  Money& operator+=(Money other) { return *this = *this + other; }

 private:
  Money Checked(int64_t a, int64_t b, Money other) const {
    Money sum{0, tkr_terms + other.tkr_terms, overflow || other.overflow, to_fill || other.to_fill};
    const bool wrapped = __builtin_add_overflow(a, b, &sum.kronor);
    if (wrapped || sum.kronor > kLimit || sum.kronor < -kLimit) {
      const bool positive = wrapped ? a > 0 : sum.kronor > 0;
      sum.kronor = positive ? kLimit : -kLimit;
      sum.overflow = true;
    }
    return sum;
  }
};

// True when two amounts can be the same, given the precision of each; also when either is still
// to fill in, as nothing can be said of it yet.
bool SameAmount(Money a, Money b);
// "7 917 676 kr", or "7 918 tkr" for an amount known only to the thousand.
std::string FormatMoney(Money m);
// Groups digits in threes with `separator`: 7917676 -> "7 917 676", -1409 -> "−1 409" (U+2212).
// The report's own numbers use a narrow no-break space (FormatNumber, calculate.h).
std::string GroupDigits(int64_t value, std::string_view separator = " ");

// numerator / denominator to the nearest whole number, halves away from zero: 1 500 / 1 000 is
// 2 and −1 500 / 1 000 is −2. 0 when `denominator` is 0. The one rounding of quotients in
// arsred: tkr, percentages, öre to kronor.
int64_t RoundedDivision(int64_t numerator, int64_t denominator);
// To the nearest thousand, halves away from zero: 1 500 kr is 2 tkr and −1 500 kr is −2 tkr.
int64_t NearestTkr(int64_t kronor);

struct Decimal {
  int64_t hundredths = 0;
  // The decimals as written ("2.0": 1), kept in print so that a column of 2,0 and 1,5 stays
  // aligned; a value that needs more prints them all.
  int decimals = 0;
  std::string ToString() const;  // "2,4", "8,25", "2", "2,0"
};

struct Date {
  int year = 0, month = 0, day = 0;
  std::string ToString() const;  // ISO 8601
  auto operator<=>(const Date&) const = default;
};

// A year, or a full date where it is known (when a förbund was formed: 2011, or 2011-03-04).
struct YearOrDate {
  int year = 0;
  std::optional<Date> date;
  std::string ToString() const;  // "2011" or "2011-03-04"
};

bool IsRealDate(int year, int month, int day);
// The day after `d`.
Date NextDay(Date d);

// Strict parsers for plain YAML scalars. Each returns nullopt and fills `why` on failure.
std::optional<int64_t> ParseInteger(std::string_view text, std::string* why);

// Whether `s` is one or more ASCII digits and nothing else.
bool AllDigits(std::string_view s);

// `text` (UTF-8) with ASCII and the Latin-1 capitals (Å, Ä, Ö, É, Ü, ...) in lower case; other
// characters as they are. Enough for Swedish words, labels and titles.
std::string LowerLatin1(std::string text);
std::optional<Decimal> ParseDecimal(std::string_view text, std::string* why);
std::optional<Date> ParseDate(std::string_view text, std::string* why);
std::optional<YearOrDate> ParseYearOrDate(std::string_view text, std::string* why);

// A value read from an input file, with where it stood and its key path.
template <class T>
struct Located {
  T value{};
  Where where;
  std::string path;
  bool to_fill = false;  // written as `ATT FYLLA I`: `value` is only its type's default
};

// Identifiers users give to items that others refer to: lower-case letters, digits, - and _.
struct Id {
  std::string name;
};
bool IsValidId(std::string_view text);

// Base of every mapping in the format: where the mapping itself stands.
struct Anchor {
  Where where;
  std::string path;
};

}  // namespace arsred

#include "values.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>

namespace arsred {

bool SameAmount(Money a, Money b) {
  if (a.to_fill || b.to_fill) return true;
  return std::llabs(a.kronor - b.kronor) <= a.tolerance() + b.tolerance();
}

std::string GroupDigits(int64_t value, std::string_view separator) {
  std::string digits = std::to_string(value < 0 ? -(value + 1) + 1ull : static_cast<unsigned long long>(value));
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
    out += digits[i];
  }
  if (value >= 0) return out;
  std::string negative = "\u2212";  // built in two steps: GCC 12 warns falsely on "literal" + string
  negative += out;
  return negative;
}

std::string FormatMoney(Money m) {
  if (m.exact()) return GroupDigits(m.kronor) + " kr";
  // A tkr amount printed as kronor would claim a precision it does not have.
  return GroupDigits(NearestTkr(m.kronor)) + " tkr";
}

int64_t RoundedDivision(int64_t numerator, int64_t denominator) {
  if (denominator == 0) return 0;
  // On magnitudes, unsigned, so that neither INT64_MIN nor 2 × numerator can overflow.
  const auto magnitude = [](int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); };
  const uint64_t n = magnitude(numerator), d = magnitude(denominator);
  uint64_t quotient = n / d;
  const uint64_t remainder = n % d;
  if (remainder >= d - remainder) ++quotient;  // at least half the divisor: away from zero
  const bool negative = (numerator < 0) != (denominator < 0);
  return static_cast<int64_t>(negative ? 0 - quotient : quotient);
}

int64_t NearestTkr(int64_t kronor) { return RoundedDivision(kronor, 1000); }

std::string Decimal::ToString() const {
  int64_t whole = hundredths / 100, frac = hundredths % 100;
  if (frac < 0) frac = -frac;
  std::string out = std::to_string(whole);
  const int needed = frac == 0 ? 0 : frac % 10 == 0 ? 1 : 2;
  const int shown = std::max(needed, std::min(decimals, 2));
  if (shown == 0) return out;
  out += ',';
  out += static_cast<char>('0' + frac / 10);
  if (shown == 2) out += static_cast<char>('0' + frac % 10);
  return out;
}

std::string Date::ToString() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

Date NextDay(Date d) {
  if (IsRealDate(d.year, d.month, d.day + 1)) return {d.year, d.month, d.day + 1};
  if (d.month < 12) return {d.year, d.month + 1, 1};
  return {d.year + 1, 1, 1};
}

bool IsRealDate(int year, int month, int day) {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  int days = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= days;
}

std::string LowerLatin1(std::string text) {
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'A' && c <= 'Z') {
      text[i] = static_cast<char>(c - 'A' + 'a');
    } else if (c == 0xC3 && i + 1 < text.size()) {
      // U+00C0–U+00DE are C3 80–9E, their small letters 0x20 further on; × (C3 97) has none.
      const unsigned char next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9E && next != 0x97) text[i + 1] = static_cast<char>(next + 0x20);
      ++i;
    }
  }
  return text;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

std::optional<int64_t> ParseInteger(std::string_view text, std::string* why) {
  std::string_view digits = text;
  bool negative = false;
  if (!digits.empty() && digits.front() == '-') {
    negative = true;
    digits.remove_prefix(1);
  }
  if (!AllDigits(digits)) {
    // Spaces of any kind: a spreadsheet's copied "1 234" has a no-break (U+00A0) or narrow
    // no-break space (U+202F) between its groups.
    const bool spaced = text.find(' ') != std::string_view::npos || text.find("\u00A0") != std::string_view::npos ||
                        text.find("\u202F") != std::string_view::npos || text.find("\u2009") != std::string_view::npos;
    if (spaced || text.find('_') != std::string_view::npos) {
      *why = "write the number without spaces or underscores";
    } else if (text.starts_with("\u2212") || text.starts_with("\u2013")) {
      *why = "write a negative number with a hyphen-minus (-), not a minus sign or a dash";
    } else if (text.find(',') != std::string_view::npos || text.find('.') != std::string_view::npos) {
      *why = "expected a whole number, not a decimal";
    } else if (!text.empty() && text.front() == '+') {
      *why = "write the number without a plus sign";
    } else if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X' || text[1] == 'o')) {
      *why = "write the number in decimal digits (hexadecimal and octal are not accepted)";
    } else {
      *why = "expected a whole number";
    }
    return std::nullopt;
  }
  if (digits.size() > 1 && digits.front() == '0') {
    *why = "a number must not start with 0 (YAML would read it as octal)";
    return std::nullopt;
  }
  // 10^15 kr is far beyond any förbund and keeps every sum well inside int64.
  if (digits.size() > 15) {
    *why = "number too large (at most 15 digits)";
    return std::nullopt;
  }
  int64_t value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (negative) {
    if (value == 0) {
      *why = "write 0 without a sign";
      return std::nullopt;
    }
    value = -value;
  }
  return value;
}

std::optional<Decimal> ParseDecimal(std::string_view text, std::string* why) {
  size_t sep = text.find_first_of(".,");
  std::string_view whole = text.substr(0, sep);
  std::string_view frac = sep == std::string_view::npos ? std::string_view() : text.substr(sep + 1);
  if (!AllDigits(whole) || (sep != std::string_view::npos && (!AllDigits(frac) || frac.size() > 2)) ||
      whole.size() > 9) {
    *why = "expected a number with at most two decimals, such as 2,4 or 8.25";
    return std::nullopt;
  }
  if (whole.size() > 1 && whole.front() == '0') {
    *why = "a number must not start with 0";
    return std::nullopt;
  }
  int64_t w = 0, f = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), w);
  if (!frac.empty()) {
    std::from_chars(frac.data(), frac.data() + frac.size(), f);
    if (frac.size() == 1) f *= 10;
  }
  return Decimal{w * 100 + f, static_cast<int>(frac.size())};
}

std::optional<Date> ParseDate(std::string_view text, std::string* why) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !AllDigits(text.substr(0, 4)) ||
      !AllDigits(text.substr(5, 2)) || !AllDigits(text.substr(8, 2))) {
    *why = "expected a date written YYYY-MM-DD";
    return std::nullopt;
  }
  Date d;
  std::from_chars(text.data(), text.data() + 4, d.year);
  std::from_chars(text.data() + 5, text.data() + 7, d.month);
  std::from_chars(text.data() + 8, text.data() + 10, d.day);
  if (!IsRealDate(d.year, d.month, d.day)) {
    *why = "no such date: " + std::string(text);
    return std::nullopt;
  }
  return d;
}

std::optional<YearOrDate> ParseYearOrDate(std::string_view text, std::string* why) {
  if (text.size() == 4 && AllDigits(text)) {
    YearOrDate y;
    std::from_chars(text.data(), text.data() + 4, y.year);
    return y;
  }
  std::optional<Date> date = ParseDate(text, why);
  if (!date) {
    *why = "expected a year (YYYY) or a date (YYYY-MM-DD)";
    return std::nullopt;
  }
  return YearOrDate{date->year, date};
}

std::string YearOrDate::ToString() const { return date ? date->ToString() : std::to_string(year); }

bool IsValidId(std::string_view text) {
  if (text.empty() || text.size() > 64) return false;
  if (!((text[0] >= 'a' && text[0] <= 'z') || (text[0] >= '0' && text[0] <= '9'))) return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace arsred

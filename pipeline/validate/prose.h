// Reading the words and numbers that a text types, for the checks on prose (validate_text.cc):
// numbers with a unit ("1 409 tkr", "−1 700 kr", "34%", "2,5 procent") and the words beside a
// placeholder, each with its place in the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "markup.h"

namespace arsred {

// A block's prose as one string, so that words and numbers are read across emphasis: text,
// emphasis and strong spans as written, and each placeholder or link as one kMark byte, so that
// no number or word is read across one.
struct Prose {
  static constexpr char kMark = '\x01';

  struct Piece {
    size_t start;        // where the span's bytes start in `text`
    const Inline* span;
  };
  std::string text;
  std::vector<Piece> pieces;  // every span of the block, in order

  explicit Prose(const Block& block);
  // The file position of byte `offset` of `text`.
  Where At(size_t offset) const;
};

// A number typed with a unit.
struct TypedNumber {
  size_t at = 0;          // offset in the prose of its first byte (its minus sign, or first digit)
  size_t end = 0;         // offset just past its unit
  bool negative = false;  // typed with a minus sign ("-1 700", "−1 700")
  int64_t digits = 0;     // its digits without grouping or decimal comma: "2,5" gives 25
  int decimals = 0;       // digits after the decimal comma
  enum class Unit { kTkr, kKr, kPercent } unit = Unit::kTkr;
};

// Every number in `text` that is followed by tkr, kr, % or "procent" (one space at most between).
// Swedish forms: "1 409" (groups of three after a space, also U+00A0 and U+202F), "1409",
// "2,5", a minus sign "-", "−" or "–" before it. Not read: a number inside a word or a name
// ("R9", "ESF-2"), either end of a range ("70-75 %"), a number after "/" or after a decimal
// point, and one with more than 15 digits.
std::vector<TypedNumber> TypedNumbers(const std::string& text);

// A word of the prose: a run of letters (å, ä, ö and other Latin letters included) or digits,
// lower case, with its offset.
struct ProseWord {
  std::string word;
  size_t at = 0;
};

// Up to `count` words after `offset` (nearest first), stopping at a placeholder, a link or a
// mark that ends a clause (. , ; : ! ? and parentheses). "%" counts as a word.
std::vector<ProseWord> WordsAfter(const std::string& text, size_t offset, size_t count);
// Up to `count` words before `offset`, nearest first, with the same stops.
std::vector<ProseWord> WordsBefore(const std::string& text, size_t offset, size_t count);

}  // namespace arsred

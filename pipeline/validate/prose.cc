#include "prose.h"

#include <cstring>

namespace arsred {

namespace {

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The code point that starts at byte `i`, and its length in bytes. Text that reaches here has
// passed the loader's UTF-8 check, so a malformed sequence is only read as best it can be.
char32_t Decode(const std::string& s, size_t i, size_t* length) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
  if (i + n > s.size()) n = 1;
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *length = n;
  return cp;
}

// Where the code point that ends just before byte `i` starts.
size_t PreviousStart(const std::string& s, size_t i) {
  size_t p = i - 1;
  while (p > 0 && IsContinuation(s[p])) --p;
  return p;
}

char32_t Before(const std::string& s, size_t i, size_t* start) {
  if (i == 0) {
    *start = 0;
    return 0;
  }
  *start = PreviousStart(s, i);
  size_t length;
  return Decode(s, *start, &length);
}

bool IsDigit(char32_t c) { return c >= '0' && c <= '9'; }
// Latin letters, with the accented ones of Latin-1 and Latin Extended-A/B (å, ä, ö, é, æ, ...).
bool IsLetter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}
bool IsMinus(char32_t c) { return c == '-' || c == 0x2212 || c == 0x2013; }
bool IsNumberSpace(char32_t c) { return c == ' ' || c == 0xA0 || c == 0x202F; }
bool IsStop(char32_t c) {
  return c == static_cast<unsigned char>(Prose::kMark) || c == '.' || c == ',' || c == ';' || c == ':' ||
         c == '!' || c == '?' || c == '(' || c == ')';
}

bool LetterAt(const std::string& s, size_t i) {
  if (i >= s.size()) return false;
  size_t length;
  return IsLetter(Decode(s, i, &length));
}

bool IsWordChar(char32_t c) { return IsLetter(c) || IsDigit(c); }

}  // namespace

Prose::Prose(const Block& block) {
  for (const Inline& span : block.inlines) {
    pieces.push_back({text.size(), &span});
    bool prose = span.kind == Inline::Kind::kText || span.kind == Inline::Kind::kEmphasis ||
                 span.kind == Inline::Kind::kStrong;
    if (prose) {
      text += span.text;
    } else {
      text += kMark;
    }
  }
}

Where Prose::At(size_t offset) const {
  const Piece* found = nullptr;
  for (const Piece& piece : pieces) {
    if (piece.start > offset) break;
    found = &piece;
  }
  if (!found) return {};
  const Inline& span = *found->span;
  if (span.kind == Inline::Kind::kPlaceholder || span.kind == Inline::Kind::kLink) return span.where;
  return span.At(offset - found->start);
}

std::vector<TypedNumber> TypedNumbers(const std::string& text) {
  std::vector<TypedNumber> out;
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    TypedNumber n;
    n.at = i;
    bool skip = false;
    size_t prev_at;
    char32_t prev = Before(text, i, &prev_at);
    if (IsLetter(prev) || prev == '_' || prev == '/') {
      skip = true;  // inside a word or a name ("R9"), or a fraction or a date ("1/2", "10/2020")
    } else if ((prev == '.' || prev == ',') && prev_at > 0 && IsDigit(static_cast<unsigned char>(text[prev_at - 1]))) {
      skip = true;  // the decimals of "2.5", which is not a Swedish number
    } else if (IsMinus(prev)) {
      size_t before_at;
      char32_t before = Before(text, prev_at, &before_at);
      if (IsDigit(before) || IsLetter(before)) {
        skip = true;  // the end of a range ("70-75 %") or part of a name ("ESF-2")
      } else {
        n.negative = true;
        n.at = prev_at;
      }
    }

    std::string digits;
    size_t j = i;
    while (j < text.size() && IsDigit(static_cast<unsigned char>(text[j]))) digits += text[j++];
    if (digits.size() <= 3) {
      // Groups of three after a space: "1 409", "7 917 676".
      while (j < text.size()) {
        size_t length;
        if (!IsNumberSpace(Decode(text, j, &length))) break;
        size_t k = j + length;
        bool group = k + 3 <= text.size() && IsDigit(static_cast<unsigned char>(text[k])) &&
                     IsDigit(static_cast<unsigned char>(text[k + 1])) &&
                     IsDigit(static_cast<unsigned char>(text[k + 2])) &&
                     (k + 3 == text.size() || !IsDigit(static_cast<unsigned char>(text[k + 3])));
        if (!group) break;
        digits += text.substr(k, 3);
        j = k + 3;
      }
    }
    if (j + 1 < text.size() && text[j] == ',' && IsDigit(static_cast<unsigned char>(text[j + 1]))) {
      ++j;
      while (j < text.size() && IsDigit(static_cast<unsigned char>(text[j]))) {
        digits += text[j++];
        ++n.decimals;
      }
    }
    i = j;  // go on after the number, whether it is read or not
    if (j < text.size()) {
      size_t length;
      char32_t next = Decode(text, j, &length);
      if (IsMinus(next) && j + length < text.size() && IsDigit(static_cast<unsigned char>(text[j + length]))) {
        skip = true;  // the start of a range
      }
      if (next == '.' && j + 1 < text.size() && IsDigit(static_cast<unsigned char>(text[j + 1]))) skip = true;
    }
    if (skip || digits.size() > 15) continue;

    size_t k = j;
    if (k < text.size()) {
      size_t length;
      if (IsNumberSpace(Decode(text, k, &length))) k += length;
    }
    auto unit_at = [&](const char* word) {
      size_t length = std::strlen(word);
      return text.compare(k, length, word) == 0 && !LetterAt(text, k + length);
    };
    if (unit_at("tkr")) {
      n.unit = TypedNumber::Unit::kTkr;
      n.end = k + 3;
    } else if (unit_at("kr")) {
      n.unit = TypedNumber::Unit::kKr;
      n.end = k + 2;
    } else if (k < text.size() && text[k] == '%') {
      n.unit = TypedNumber::Unit::kPercent;
      n.end = k + 1;
    } else if (unit_at("procent")) {
      n.unit = TypedNumber::Unit::kPercent;
      n.end = k + 7;
    } else {
      continue;
    }
    n.digits = std::stoll(digits);
    out.push_back(n);
    i = n.end;
  }
  return out;
}

std::vector<ProseWord> WordsAfter(const std::string& text, size_t offset, size_t count) {
  std::vector<ProseWord> out;
  size_t i = offset;
  while (i < text.size() && out.size() < count) {
    size_t length;
    char32_t c = Decode(text, i, &length);
    if (IsStop(c)) break;
    if (c == '%') {
      out.push_back({"%", i});
      i += length;
    } else if (IsWordChar(c)) {
      size_t start = i;
      while (i < text.size() && IsWordChar(Decode(text, i, &length))) i += length;
      out.push_back({LowerLatin1(text.substr(start, i - start)), start});
    } else {
      i += length;
    }
  }
  return out;
}

std::vector<ProseWord> WordsBefore(const std::string& text, size_t offset, size_t count) {
  std::vector<ProseWord> out;
  size_t i = offset;
  while (i > 0 && out.size() < count) {
    size_t start;
    char32_t c = Before(text, i, &start);
    if (IsStop(c)) break;
    if (c == '%') {
      out.push_back({"%", start});
      i = start;
    } else if (IsWordChar(c)) {
      size_t end = i;
      i = start;
      while (i > 0) {
        size_t p;
        if (!IsWordChar(Before(text, i, &p))) break;
        i = p;
      }
      out.push_back({LowerLatin1(text.substr(i, end - i)), i});
    } else {
      i = start;
    }
  }
  return out;
}

}  // namespace arsred

#include "compose_accents.h"

#include <algorithm>
#include <iterator>

#include "source.h"

namespace arsred {

namespace {

struct Composition {
  char32_t letter, accent, composed;
};

constexpr Composition kCompositions[] = {
#include "latin_compositions.inc"
};

// The combining accents U+0300–U+036F, in UTF-8: CC 80–CC BF and CD 80–CD AF.
bool IsAccentAt(const std::string& text, size_t i) {
  if (i + 1 >= text.size()) return false;
  const auto lead = static_cast<unsigned char>(text[i]), next = static_cast<unsigned char>(text[i + 1]);
  return (lead == 0xCC && next >= 0x80 && next <= 0xBF) || (lead == 0xCD && next >= 0x80 && next <= 0xAF);
}

// The code point that the UTF-8 sequence ending `out` encodes, and where it starts; npos when
// the last bytes are not a character of two or three bytes (a Latin letter is one of those, or ASCII).
size_t LastCharacter(const std::string& out, char32_t* cp) {
  if (out.empty()) return std::string::npos;
  const size_t last = out.size() - 1;
  const auto b0 = static_cast<unsigned char>(out[last]);
  if (b0 < 0x80) {
    *cp = b0;
    return last;
  }
  size_t start = last;
  while (start > 0 && last - start < 3 && (static_cast<unsigned char>(out[start]) & 0xC0) == 0x80) --start;
  const auto lead = static_cast<unsigned char>(out[start]);
  const size_t length = out.size() - start;
  if (length == 2 && (lead & 0xE0) == 0xC0) {
    *cp = (lead & 0x1Fu) << 6 | (static_cast<unsigned char>(out[start + 1]) & 0x3Fu);
    return start;
  }
  if (length == 3 && (lead & 0xF0) == 0xE0) {
    *cp = (lead & 0x0Fu) << 12 | (static_cast<unsigned char>(out[start + 1]) & 0x3Fu) << 6 |
          (static_cast<unsigned char>(out[start + 2]) & 0x3Fu);
    return start;
  }
  return std::string::npos;
}

}  // namespace

char32_t ComposedLetter(char32_t letter, char32_t accent) {
  const auto at = std::lower_bound(std::begin(kCompositions), std::end(kCompositions), Composition{letter, accent, 0},
                                   [](const Composition& a, const Composition& b) {
                                     return a.letter != b.letter ? a.letter < b.letter : a.accent < b.accent;
                                   });
  return at != std::end(kCompositions) && at->letter == letter && at->accent == accent ? at->composed : 0;
}

std::string ComposeAccents(std::string text) {
  if (text.find('\xCC') == std::string::npos && text.find('\xCD') == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsAccentAt(text, i)) {
      const char32_t accent = (static_cast<unsigned char>(text[i]) & 0x1Fu) << 6 |
                              (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      char32_t letter = 0;
      const size_t start = LastCharacter(out, &letter);
      if (start != std::string::npos) {
        if (const char32_t composed = ComposedLetter(letter, accent)) {
          out.resize(start);
          AppendUtf8(out, composed);
          ++i;  // the accent's second byte
          continue;
        }
      }
    }
    out += text[i];
  }
  return out;
}

}  // namespace arsred

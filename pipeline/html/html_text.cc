#include "html_text.h"

#include "font_metrics.h"

namespace arsred {

namespace {

// The ASCII letter a Swedish or other Latin-1 letter is written as in an id (å, ä -> a; ö -> o;
// é -> e), or 0 for a character that is not a letter.
char AsciiLetter(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return static_cast<char>(cp);
  if (cp >= 'A' && cp <= 'Z') return static_cast<char>(cp - 'A' + 'a');
  if (cp >= '0' && cp <= '9') return static_cast<char>(cp);
  switch (cp) {
    case U'å': case U'ä': case U'Å': case U'Ä': case U'à': case U'á': case U'â': return 'a';
    case U'ö': case U'Ö': case U'ø': case U'Ø': case U'ó': case U'ô': return 'o';
    case U'é': case U'è': case U'É': case U'ë': case U'ê': return 'e';
    case U'ü': case U'Ü': case U'ú': return 'u';
    case U'í': case U'ï': return 'i';
    default: return 0;
  }
}

}  // namespace

std::string HeadingIds::Make(const std::string& text) {
  std::string id;
  bool gap = false;
  ForEachCodePoint(text, [&](char32_t cp) {
    const char letter = AsciiLetter(cp);
    if (letter == 0) {
      gap = !id.empty();
      return;
    }
    if (gap) id += '-';
    gap = false;
    id += letter;
  });
  if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "del-" + id;
  if (id.back() == '-') id.pop_back();
  std::string unique = id;
  for (int n = 2; used_.count(unique) > 0; ++n) unique = id + "-" + std::to_string(n);
  used_.insert(unique);
  return unique;
}

}  // namespace arsred

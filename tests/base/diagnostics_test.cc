// A finding shows its source line with a caret under the column; a very long line is shown as
// a window around the caret (a SIE file's 2 MB company name printed 2 MB on stderr).
#include <catch2/catch.hpp>

#include "diagnostics.h"
#include "source.h"

namespace arsred {
namespace {

std::string Shown(const std::string& line, int column) {
  SourceSet sources;
  const int file = sources.Add("f.txt", line + "\n");
  Diagnostic d;
  d.code = "x.y";
  d.where = Where{file, 1, column};
  d.message = "m";
  return FormatDiagnostic(d, sources);
}

TEST_CASE("a finding's source line is shown whole when short, and as a window around the caret when long") {
  CHECK(Shown("abc def", 5) == "f.txt:1:5: error[x.y]: m\n    abc def\n        ^\n");

  // 10 000 characters, the finding at character 5 000 (an 'X' among 'ö's: two bytes each).
  std::string line;
  for (int i = 0; i < 10000; ++i) line += i == 4999 ? "X" : "ö";
  const std::string shown = Shown(line, 5000);
  const size_t source = shown.find("\n    ") + 5;
  const std::string source_line = shown.substr(source, shown.find('\n', source) - source);
  const std::string caret_line = shown.substr(shown.find('\n', source) + 1);
  CHECK(source_line.size() < 400);
  CHECK(source_line.rfind("…", 0) == 0);
  CHECK(source_line.size() >= 3);
  CHECK(source_line.substr(source_line.size() - 3) == "…");
  // The caret stands under the X: count the characters before it.
  const size_t x = source_line.find('X');
  REQUIRE(x != std::string::npos);
  size_t characters_before = 0;
  for (size_t i = 0; i < x; ++i) characters_before += (static_cast<unsigned char>(source_line[i]) & 0xC0) != 0x80;
  CHECK(caret_line == "    " + std::string(characters_before, ' ') + "^\n");

  // Near the start of a long line: no ellipsis before it.
  const std::string early = Shown(line, 3);
  CHECK(early.find("\n    öö") != std::string::npos);
  CHECK(early.find("\n      ^\n") != std::string::npos);
}

TEST_CASE("characters a terminal draws in no cell of their own are shown as one ? each, so that the caret points at one") {
  // A soft hyphen at column 4, then a tab (one space), a zero-width space and an o with a combining diaeresis.
  CHECK(Shown("abc\u00ADdef", 4) == "f.txt:1:4: error[x.y]: m\n    abc?def\n       ^\n");
  CHECK(Shown("a\tb\u200Bc", 4) == "f.txt:1:4: error[x.y]: m\n    a b?c\n       ^\n");
  CHECK(Shown("fo\u0308r", 3) == "f.txt:1:3: error[x.y]: m\n    fo?r\n      ^\n");
  // A line separator would end the line in the terminal.
  CHECK(Shown("ab\u2028cd", 3) == "f.txt:1:3: error[x.y]: m\n    ab?cd\n      ^\n");
  // Visible characters beside them are left as they are.
  CHECK(Shown("för – x", 6) == "f.txt:1:6: error[x.y]: m\n    för – x\n         ^\n");
}

}  // namespace
}  // namespace arsred

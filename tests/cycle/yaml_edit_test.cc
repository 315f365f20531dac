// Values of a YAML file replaced in its text: each whole, in any style, and nothing else.
#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>

#include "yaml_edit.h"
#include "yaml_reader.h"

namespace arsred {
namespace {

struct Edited {
  SourceSet sources;
  Diagnostics diagnostics;
  std::optional<std::string> text;

  std::string Findings() const {
    std::string all;
    for (const Diagnostic& d : diagnostics.all()) all += FormatDiagnostic(d, sources);
    return all;
  }
};

// `text` with the value that starts at the first `at` (which must be in it) replaced by
// `value`, and as many more as `at` names; ASCII only, so that columns are bytes.
std::unique_ptr<Edited> Edit(const std::string& text, const std::vector<std::pair<std::string, std::string>>& edits) {
  auto edited = std::make_unique<Edited>();
  const int file = AddYamlSource(text, "rakenskaper.yaml", edited->sources).file;
  std::vector<ScalarEdit> scalar_edits;
  for (const auto& [at, value] : edits) {
    const size_t offset = text.find(at);
    REQUIRE(offset != std::string::npos);
    const size_t line_start = text.rfind('\n', offset) == std::string::npos ? 0 : text.rfind('\n', offset) + 1;
    const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(offset), '\n'));
    scalar_edits.push_back({Where{file, line, static_cast<int>(offset - line_start) + 1}, "belopp", value});
  }
  edited->text = EditScalars(edited->sources, file, scalar_edits, edited->diagnostics);
  return edited;
}

TEST_CASE("a value is replaced from its first character to its last, in each style of YAML") {
  struct Style {
    std::string before;
    std::string at;  // where the value starts
    std::string after;
  };
  const std::vector<Style> styles{
      {"a: ATT FYLLA I\nb: 2\n", "ATT", "a: 5\nb: 2\n"},
      {"a: ATT\n  FYLLA\n\n  I   # c\nb: 2\n", "ATT", "a: 5   # c\nb: 2\n"},
      {"a: [ATT\n   FYLLA, 2]\n", "ATT", "a: [5, 2]\n"},
      {"a: {x: ATT FYLLA I,y: 2}\n", "ATT", "a: {x: 5,y: 2}\n"},
      {"a: {x: \"ATT\",y: 2}\n", "\"ATT", "a: {x: 5,y: 2}\n"},
      {"a: \"ATT \\\\\\\" \\\n  FYLLA\"  # c\nb: 2\n", "\"ATT", "a: 5  # c\nb: 2\n"},
      {"a: 'it''s\n\n  I'\nb: 2\n", "'it", "a: 5\nb: 2\n"},
      {"a: !!str 7 # c\nb: 2\n", "!!str", "a: 5 # c\nb: 2\n"},
      {"a: >+\n  ATT\n\n   FYLLA\n\n\nb: 2\n", ">", "a: 5\n\n\nb: 2\n"},
      {"a: |2-  # c\n    ATT\n  FYLLA\nb: 2\n", "|", "a: 5  # c\nb: 2\n"},
      {"a:\n  - x: |\n      ATT\n    y: 2\n  - |\n   B\n", "|", "a:\n  - x: 5\n    y: 2\n  - |\n   B\n"},
      {"a: |\nb: 2\n", "|", "a: 5\nb: 2\n"},
  };
  for (const Style& style : styles) {
    INFO(style.before);
    auto edited = Edit(style.before, {{style.at, "5"}});
    INFO(edited->Findings());
    REQUIRE(edited->text);
    CHECK(*edited->text == style.after);
  }
}

TEST_CASE("several values are replaced in one text, each whole") {
  auto edited = Edit("poster:\n  - {id: a, belopp: ATT FYLLA I, drift: x}\n  - {id: b, belopp: 'ATT', drift: y}\n",
                     {{"ATT FYLLA I", "100"}, {"'ATT'", "-200"}});
  INFO(edited->Findings());
  REQUIRE(edited->text);
  CHECK(*edited->text == "poster:\n  - {id: a, belopp: 100, drift: x}\n  - {id: b, belopp: -200, drift: y}\n");
}

TEST_CASE("a replacement that would change other values is refused at the value, with nothing made") {
  // The text parsed again holds another value: what a misread end would do.
  auto changed = Edit("a: {x: ATT FYLLA I, y: 2}\n", {{"ATT", "1, z: 3"}});
  CHECK_FALSE(changed->text);
  CHECK(changed->Findings() ==
        "rakenskaper.yaml:1:8: belopp: error[import.edit]: writing 1, z: 3 in place of this value would change "
        "others: write it as a plain value on one line, such as `ATT FYLLA I`, and import again\n"
        "    a: {x: ATT FYLLA I, y: 2}\n"
        "           ^\n");
  auto twice = Edit("a: ATT FYLLA I\n", {{"ATT", "1"}, {"ATT", "2"}});
  CHECK_FALSE(twice->text);
  CHECK(twice->Findings().find("1:4: belopp: error[import.edit]: this value would be written twice") !=
        std::string::npos);
  // A place where no value starts.
  auto nowhere = Edit("a: ATT FYLLA I\n", {{"FYLLA", "1"}});
  CHECK_FALSE(nowhere->text);
  CHECK(nowhere->Findings().find("1:8: belopp: error[import.edit]: cannot tell where this value ends in the text, "
                                 "to write 1 in its place") != std::string::npos);
}

}  // namespace
}  // namespace arsred

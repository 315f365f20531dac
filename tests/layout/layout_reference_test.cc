// A year's layout, named in forbund.yaml: a name in layouts/, or a layout file of the förbund's
// own by its path from the year's directory, its fonts found beside it before fonts/. `check`
// reads the layout as `build` does, so that both report a bad reference or a missing font the
// same way, at its place.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base fixture copied, with the layout of its own beside its years (test_util.h).
struct OwnLayoutCopy {
  TempDir temp;
  fs::path layout;
  OwnLayoutCopy() {
    fs::copy(kSourceDir / "tests/fixtures/base", inputs(), fs::copy_options::recursive);
    layout = WriteOwnLayout(inputs());
    SetYearLayout(year(), "../layout/egen.yaml");
  }
  fs::path inputs() const { return temp.path() / "inputs"; }
  fs::path year() const { return inputs() / "2024"; }
  fs::path pdf() const { return temp.path() / "x.pdf"; }
  RunResult Check(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"check", year().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunArsred(args);
  }
  RunResult Build(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"build", year().string(), "-o", pdf().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunArsred(args);
  }
};

// The finding with `code` as printed: its line, and the source line and caret under it.
std::string Finding(const std::string& err, const std::string& code) {
  const size_t at = err.find("error[" + code + "]");
  if (at == std::string::npos) return "";
  const size_t start = err.rfind('\n', at) == std::string::npos ? 0 : err.rfind('\n', at) + 1;
  size_t end = at;
  for (int line = 0; line < 3; ++line) {
    end = err.find('\n', end);
    if (end == std::string::npos) return err.substr(start);
    ++end;
  }
  return err.substr(start, end - start);
}

std::string Fonts(const fs::path& pdf) { return RunTool("pdffonts " + Quote(pdf)).output; }

TEST_CASE("a year's own layout file, named by its path from the year's directory, builds with a font found beside it") {
  OwnLayoutCopy copy;
  RunResult check = copy.Check();
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.err.find("no findings") != std::string::npos);
  RunResult build = copy.Build();
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  // The regular face from beside the layout, the bold one from fonts/.
  const std::string fonts = Fonts(copy.pdf());
  INFO(fonts);
  CHECK(fonts.find("+Egen-Regular") != std::string::npos);
  CHECK(fonts.find("+Carlito-Bold") != std::string::npos);
  CHECK(fonts.find("+Carlito-Regular") == std::string::npos);
}

TEST_CASE("the same layout as a name in layouts/ makes the same report, its fonts beside it there too") {
  OwnLayoutCopy copy;
  REQUIRE(copy.Build().exit_code == 0);
  const std::string own = ReadFile(copy.pdf());

  const fs::path data = copy.temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  fs::copy_file(copy.layout, data / "layouts/egen.yaml");
  fs::copy_file(copy.layout.parent_path() / "Egen-Regular.ttf", data / "layouts/Egen-Regular.ttf");
  SetYearLayout(copy.year(), "egen");
  RunResult check = copy.Check({"--data-dir", data.string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  RunResult build = copy.Build({"--data-dir", data.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  const bool same = ReadFile(copy.pdf()) == own;
  CHECK(same);

  // And the tool's own layouts, by name, as before.
  SetYearLayout(copy.year(), "classic");
  REQUIRE(copy.Build().exit_code == 0);
  CHECK(Fonts(copy.pdf()).find("+Carlito-Regular") != std::string::npos);
}

TEST_CASE("a layout file in the year's own directory is read, and not taken for a misspelt input") {
  OwnLayoutCopy copy;
  fs::copy_file(copy.layout, copy.year() / "layout.yaml");
  fs::copy_file(copy.layout.parent_path() / "Egen-Regular.ttf", copy.year() / "Egen-Regular.ttf");
  SetYearLayout(copy.year(), "layout.yaml");
  RunResult check = copy.Check();
  INFO(check.err);
  CHECK(check.exit_code == 0);
  RunResult build = copy.Build();
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  CHECK(Fonts(copy.pdf()).find("+Egen-Regular") != std::string::npos);
  // Named no more, it is a file the tool does not read.
  SetYearLayout(copy.year(), "");
  CHECK(copy.Check().err.find("layout.yaml: warning[file.unknown]") != std::string::npos);
}

TEST_CASE("a layout reference that does not resolve is an error at the `layout:` value, the same from check and build") {
  OwnLayoutCopy copy;
  struct Case {
    std::string reference;
    const char* code;
    std::string message;
  };
  const std::string missing = (copy.inputs() / "layout/egne.yaml").generic_string();
  const std::vector<Case> cases = {
      {"modren", "layout.unknown", "no layout named `modren` in " + kSourceDir.string() + "/layouts; did you mean `modern`?"},
      {"../layout/egne.yaml", "layout.missing",
       "no layout file " + missing + " (a path in `layout:` is relative to the year's directory)"},
      {"egen.yaml", "layout.missing", "no layout file " + (copy.year() / "egen.yaml").generic_string()},
      {"classic.yaml", "layout.missing", "; did you mean `classic`?"},
      {"../layout", "layout.reference", "is neither a layout in layouts/"},
      // Even where the file is there: the inputs could not be moved with it.
      {copy.layout.string(), "layout.reference", "name the layout file by its path from the year's directory"},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    // Named by its place in the list: the absolute path differs from run to run, and Catch runs
    // the test case again for each section.
    DYNAMIC_SECTION("reference " << i) {
      SetYearLayout(copy.year(), c.reference);
      RunResult check = copy.Check();
      RunResult build = copy.Build();
      INFO(check.err);
      INFO(build.err);
      CHECK(check.exit_code == 2);
      CHECK(build.exit_code == 2);
      CHECK(!fs::exists(copy.pdf()));
      const std::string finding = Finding(check.err, c.code);
      CHECK(finding.find("forbund.yaml:4:9: layout: error[" + std::string(c.code) + "]: ") != std::string::npos);
      CHECK(finding.find(c.message) != std::string::npos);
      CHECK(finding.find("\n    layout: " + c.reference + "\n            ^\n") != std::string::npos);
      CHECK(finding == Finding(build.err, c.code));
    }
  }
}

TEST_CASE("a font found neither beside the layout nor in fonts/ is an error at its name, the same from check and build") {
  OwnLayoutCopy copy;
  WriteFile(copy.layout, ReplaceAll(ReadFile(copy.layout), "fet: Carlito-Bold.ttf", "fet: Egen-Bold.ttf"));
  RunResult check = copy.Check();
  RunResult build = copy.Build();
  INFO(check.err);
  INFO(build.err);
  CHECK(check.exit_code == 2);
  CHECK(build.exit_code == 2);
  CHECK(!fs::exists(copy.pdf()));
  const std::string finding = Finding(check.err, "layout.font");
  CHECK(finding.find(copy.layout.generic_string() + ":") == 0);
  CHECK(finding.find("typsnitt.fet: error[layout.font]: no font file Egen-Bold.ttf in " +
                     copy.layout.parent_path().generic_string() + " or " + kSourceDir.string() + "/fonts") !=
        std::string::npos);
  CHECK(finding.find("\n      fet: Egen-Bold.ttf\n") != std::string::npos);
  CHECK(finding == Finding(build.err, "layout.font"));

  // A font is named without a directory, beside the layout or not.
  WriteFile(copy.layout, ReplaceAll(ReadFile(copy.layout), "fet: Egen-Bold.ttf", "fet: ../fonts/Carlito-Bold.ttf"));
  RunResult directory = copy.Check();
  CHECK(directory.exit_code == 2);
  CHECK(Finding(directory.err, "layout.font").find("name a font file without a directory") != std::string::npos);
  CHECK(Finding(directory.err, "layout.font") == Finding(copy.Build().err, "layout.font"));
}

TEST_CASE("check reports an error in the layout file itself as build does") {
  OwnLayoutCopy copy;
  WriteFile(copy.layout, ReplaceAll(ReadFile(copy.layout), "kolumner: 1", "kolumner: 3"));
  RunResult check = copy.Check();
  RunResult build = copy.Build();
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK(build.exit_code == 2);
  const std::string finding = Finding(check.err, "layout.columns");
  CHECK(finding.find(copy.layout.generic_string() + ":") == 0);
  CHECK(finding == Finding(build.err, "layout.columns"));
}

TEST_CASE("check rounds in the layout's unit when the year names none, as build does") {
  OwnLayoutCopy copy;
  // Two notes kept in tkr that put a thousand more on the balance sheet's right side than the
  // bank adds on its left: within what amounts in tkr allow, but no rounding to tkr prints two
  // equal totals. In kronor the statements are not rounded, and the notes add up.
  const fs::path accounts = copy.year() / "rakenskaper.yaml";
  std::string text = ReadFile(accounts);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"    typ: avsattning\n    poster:\n      - text: Nyintjänad pension\n        belopp: 60000\n"
            "      - text: Ränte- och basbeloppsuppräkning\n        belopp: 20000\n",
            "    typ: avsattning\n    enhet: tkr\n    utgaende: 581\n    poster:\n      - text: Nyintjänad pension\n"
            "        belopp: 60\n      - text: Ränte- och basbeloppsuppräkning\n        belopp: 21\n"},
           {"    avser: [balansrakning.kortfristiga_skulder]\n    poster:\n      - text: Leverantörsskulder\n"
            "        belopp: 400000\n",
            "    avser: [balansrakning.kortfristiga_skulder]\n    enhet: tkr\n    poster:\n"
            "      - text: Leverantörsskulder\n        belopp: 401\n"},
           {"            belopp: 40000\n", "            belopp: 40\n"},
           {"            belopp: 20000\n", "            belopp: 20\n"},
           {"belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2801000\n        rad: kassa_och_bank"}}) {
    INFO(from);
    REQUIRE(text.find(from) != std::string::npos);
    text = ReplaceAll(text, from, to);
  }
  WriteFile(accounts, text);
  RunResult thousands = copy.Check();
  INFO(thousands.err);
  CHECK(thousands.exit_code == 3);
  CHECK(thousands.err.find("warning[calculate.rounding]") != std::string::npos);

  WriteFile(copy.layout, ReadFile(copy.layout) + "belopp: kr\n");
  RunResult kronor = copy.Check();
  INFO(kronor.err);
  CHECK(kronor.exit_code == 0);
  RunResult build = RunArsred({"dump", "--stage", "figures", copy.year().string()});
  CHECK(build.exit_code == 0);
  CHECK(build.err.find("calculate.rounding") == std::string::npos);
  CHECK(build.out.find("| Belopp i kr |") != std::string::npos);
}

TEST_CASE("the command line's layout is a name, or a layout file by its path from the current directory") {
  OwnLayoutCopy copy;
  SetYearLayout(copy.year(), "no-such-layout");  // not read while --layout says otherwise
  const std::string relative = fs::relative(copy.layout, fs::current_path()).generic_string();
  REQUIRE(!fs::path(relative).is_absolute());
  RunResult check = copy.Check({"--layout", relative});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  RunResult build = copy.Build({"--layout", relative});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  CHECK(Fonts(copy.pdf()).find("+Egen-Regular") != std::string::npos);
  REQUIRE(copy.Build({"--layout", "classic"}).exit_code == 0);

  // A reference on the command line has no place in a file; its finding is shown under --layout.
  RunResult typo = copy.Check({"--layout", "klassik"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("--layout: error[layout.unknown]: no layout named `klassik` in ") != std::string::npos);
  CHECK(typo.err.find("did you mean `classic`?") != std::string::npos);
  fs::remove(copy.pdf());
  RunResult neither = copy.Build({"--layout", "../x"});
  CHECK(neither.exit_code == 2);
  CHECK(neither.err.find("--layout: error[layout.reference]: `../x` is neither") != std::string::npos);
  CHECK(!fs::exists(copy.pdf()));
}

}  // namespace
}  // namespace arsred::test

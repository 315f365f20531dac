// The whole pipeline from inputs to PDF: reproducible bytes, what a reader's tools see,
// drafts and finals, and located errors from typesetting.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <array>
#include <map>
#include <regex>
#include <sstream>
#include <cstdio>

#include "calculate.h"
#include "test_util.h"
#include "validate.h"

namespace arsred::test {
namespace {

// pdftotext gives U+202F back as a plain space; compare numbers the same way.
std::string Plain(std::string text) { return ReplaceAll(ReplaceAll(text, "\u202F", " "), "\u00A0", " "); }

TEST_CASE("the 2023 report builds to the same bytes twice, and readers' tools accept it") {
  TempDir temp;
  fs::path a = temp.path() / "a.pdf", b = temp.path() / "b.pdf";
  RunResult first = RunArsred({"build", (kSourceDir / "inputs/2023").string(), "-o", a.string()});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  RunResult second = RunArsred({"build", (kSourceDir / "inputs/2023").string(), "-o", b.string()});
  REQUIRE(fs::exists(a));
  CHECK(ReadFile(a) == ReadFile(b));

  CHECK(RunTool("qpdf --check " + Quote(a)).exit_code == 0);
  ToolRun fonts = RunTool("pdffonts " + Quote(a));
  REQUIRE(fonts.exit_code == 0);
  int embedded = 0, lines = 0;
  for (size_t at = fonts.output.find("CID TrueType"); at != std::string::npos;
       at = fonts.output.find("CID TrueType", at + 1)) {
    ++lines;
    size_t eol = fonts.output.find('\n', at);
    if (fonts.output.substr(at, eol - at).find(" yes yes yes") != std::string::npos) ++embedded;
  }
  CHECK(lines >= 2);
  CHECK(embedded == lines);

  // Every heading and every figure of the statements, as formatted, is in the text.
  ToolRun text = RunTool("pdftotext -layout " + Quote(a) + " -");
  REQUIRE(text.exit_code == 0);
  for (const char* heading : {"Innehåll", "Förvaltningsberättelse", "Finansiella rapporter", "Resultaträkning",
                              "Balansräkning", "Kassaflödesanalys", "Redovisningsprinciper", "Noter",
                              "Underskrifter", "Driftsredovisning", "Tabell 3. Resultat deltagare"}) {
    INFO(heading);
    CHECK(text.output.find(heading) != std::string::npos);
  }
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs((kSourceDir / "inputs/2023").string(), inputs, diagnostics));
  ReportFigures figures = Calculate(inputs, true, Presentation{}, diagnostics);
  std::string plain = Plain(text.output);
  int numbers = 0;
  for (const char* id : {"resultatrakning", "balansrakning", "kassaflodesanalys", "not.intakter", "not.kortfristiga_skulder"}) {
    for (const ReportRow& row : figures.tables.at(id).rows) {
      for (size_t c = 1; c < row.cells.size(); ++c) {
        if (!row.cells[c].numeric || row.cells[c].text.empty()) continue;
        ++numbers;
        INFO(id << ": " << row.cells[0].text << " " << row.cells[c].text);
        CHECK(plain.find(Plain(row.cells[c].text)) != std::string::npos);
      }
    }
  }
  CHECK(numbers > 80);
}

TEST_CASE("both years build in both layouts") {
  TempDir temp;
  for (const char* year : {"2020", "2023"}) {
    for (const char* layout : {"modern", "classic"}) {
      fs::path out = temp.path() / (std::string(year) + layout + ".pdf");
      RunResult run = RunArsred({"build", (kSourceDir / "inputs" / year).string(), "--layout", layout, "-o", out.string()});
      INFO(year << " " << layout << "\n" << run.err);
      CHECK(run.exit_code == 0);
      CHECK(RunTool("qpdf --check " + Quote(out)).exit_code == 0);
      ToolRun info = RunTool("pdfinfo " + Quote(out));
      INFO(info.output);
      CHECK(info.output.find("Årsredovisning " + std::string(year)) != std::string::npos);
    }
  }
}

// A copy of the base fixture, to change for one test.
struct BaseCopy {
  TempDir temp;
  BaseCopy() { fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive); }
  fs::path year() const { return temp.path() / "inputs/2024"; }
  void Edit(const std::string& file, const std::string& from, const std::string& to) const {
    fs::path p = year() / file;
    std::string text = ReadFile(p);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(p, ReplaceAll(text, from, to));
  }
};

TEST_CASE("a final build is refused while the inputs have errors and nothing is written") {
  BaseCopy base;
  base.Edit("forbund.yaml", "status: utkast", "status: slutlig");
  base.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800001\n        rad: kassa_och_bank");
  fs::path out = base.temp.path() / "final.pdf";
  WriteFile(out, "previous report");
  RunResult run = RunArsred({"build", base.year().string(), "--final", "-o", out.string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("a final report is refused while the inputs have errors") != std::string::npos);
  CHECK(ReadFile(out) == "previous report");
  // Without --final the same inputs give a draft, with the finding in its appendix.
  RunResult draft = RunArsred({"dump", "--stage", "layout", base.year().string()});
  CHECK(draft.exit_code == 2);
  CHECK(draft.out.find("watermark") != std::string::npos);
  CHECK(draft.out.find("Granskningsanteckningar") != std::string::npos);
  CHECK(draft.out.find("balance.sheet") != std::string::npos);
}

TEST_CASE("a final year without findings has no watermark and no appendix") {
  BaseCopy base;
  base.Edit("forbund.yaml", "status: utkast", "status: slutlig");
  RunResult run = RunArsred({"dump", "--stage", "layout", "--final", base.year().string()});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("watermark") == std::string::npos);
  CHECK(run.out.find("Granskningsanteckningar") == std::string::npos);
  CHECK(run.out.find("Underskrifter") != std::string::npos);
  CHECK(run.out.find("2025-03-14") != std::string::npos);
}

TEST_CASE("a final year without undertecknande is signed at the förbund's säte, the date by hand") {
  BaseCopy base;
  base.Edit("forbund.yaml", "status: utkast", "status: slutlig");
  base.Edit("forbund.yaml", "undertecknande:\n  ort: Provstad\n  datum: 2025-03-14\n", "");
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  CHECK(check.err.find("error[") == std::string::npos);  // (a warning: not yet `arsred approve`d)
  RunResult run = RunArsred({"dump", "--stage", "layout", "--final", base.year().string()});
  CHECK(run.exit_code == 0);
  const size_t place = run.out.find("role=signature structure=");
  REQUIRE(place != std::string::npos);
  const std::string line = run.out.substr(place, run.out.find('\n', place) - place);
  CHECK(line.find("\"Provstad \"") != std::string::npos);
  CHECK(run.out.find("role=signature", place + 1) != std::string::npos);
  CHECK(run.out.find("\"____________________\"", place) != std::string::npos);  // the date, by hand
  // Written as the date will be (Provstad 2025-03-14), not "Provstad den ____".
  CHECK(run.out.find("\"den \"", place) == std::string::npos);
}

TEST_CASE("text the font cannot show is a located error, never a silent substitute") {
  BaseCopy base;
  base.Edit("text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering \u4E2D.");
  RunResult run = RunArsred({"build", base.year().string(), "-o", (base.temp.path() / "x.pdf").string()});
  CHECK(run.exit_code == 2);
  // At the character itself, in the middle of its line.
  CHECK(run.err.find("text.yaml:5:43: forvaltningsberattelse: error[layout.glyph]: the font's regular face, "
                     "Carlito-Regular.ttf, has no glyph for U+4E2D") != std::string::npos);
  CHECK(run.err.find("the report could not be typeset; nothing was written") != std::string::npos);
  CHECK(!fs::exists(base.temp.path() / "x.pdf"));
}

// check finds what build would refuse, without typesetting, wherever the inputs give text to print.
TEST_CASE("check finds each character the font lacks at its place, in the face that prints it") {
  BaseCopy base;
  base.Edit("text.yaml", "## Om förbundet", "## Om förbundet \u2603");                       // a heading: bold
  base.Edit("text.yaml", "samordnar rehabilitering.", "*samordnar\t\u4E2D* och \u4E2D\u4E2D.");  // italic, then regular
  base.Edit("forbund.yaml", "namn: Region Provlän", "namn: \"Region \u0394\u4E2D\"");         // a quoted name
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("text.yaml:4:19: forvaltningsberattelse: error[layout.glyph]: the font's bold face, "
                       "Carlito-Bold.ttf, has no glyph for U+2603") != std::string::npos);
  CHECK(check.err.find("text.yaml:5:28: forvaltningsberattelse: error[layout.glyph]: the font's italic face, "
                       "Carlito-Italic.ttf, has no glyph for U+0009: a tab: write a space") != std::string::npos);
  // One finding for a character however often a text has it, at its first place, in its face there.
  CHECK(check.err.find("text.yaml:5:29: forvaltningsberattelse: error[layout.glyph]: the font's italic face, "
                       "Carlito-Italic.ttf, has no glyph for U+4E2D (\"\u4E2D\"): write it otherwise, or give the "
                       "layout's `typsnitt` a font that has it (it stands 3 times in this text)") != std::string::npos);
  CHECK(check.err.find("forbund.yaml:18:20: medlemmar[2].namn: error[layout.glyph]") != std::string::npos);
  CHECK(Count(check.err, "error[layout.glyph]") == 4);  // Δ is in the font
  // build refuses the same inputs with the same findings.
  RunResult build = RunArsred({"build", base.year().string(), "-o", (base.temp.path() / "x.pdf").string()});
  CHECK(build.exit_code == 2);
  CHECK(Count(build.err, "error[layout.glyph]") == 4);
  CHECK(build.err.find("forbund.yaml:18:20: medlemmar[2].namn: error[layout.glyph]") != std::string::npos);
}

// A draft lists its findings with their files: named from the folder that holds the years, so
// that the draft is the same wherever the inputs lie, and a folder named with what the font
// cannot draw (東, or an Å stored as A and a combining ring, as macOS may) does not stop it.
TEST_CASE("a draft with findings is written, and the same, wherever its inputs lie") {
  TempDir temp;
  std::vector<std::string> pdfs;
  for (const std::string folder : {"plain", "\u6771 A\u030Arsredovisning"}) {
    const fs::path inputs = temp.path() / folder;
    fs::create_directories(inputs);
    fs::copy(kSourceDir / "tests/fixtures/base", inputs, fs::copy_options::recursive);
    const fs::path accounts = inputs / "2024/rakenskaper.yaml";
    WriteFile(accounts, ReplaceAll(ReadFile(accounts), "belopp: 2800000\n        rad: kassa_och_bank",
                                   "belopp: 2800001\n        rad: kassa_och_bank"));
    const fs::path pdf = temp.path() / (std::to_string(pdfs.size()) + ".pdf");
    RunResult run = RunArsred({"build", (inputs / "2024").string(), "-o", pdf.string()});
    INFO(run.err);
    CHECK(run.exit_code == 2);  // the error, in a draft
    REQUIRE(fs::exists(pdf));
    pdfs.push_back(ReadFile(pdf));
  }
  const bool same = pdfs[0] == pdfs[1];
  CHECK(same);
}

// Builds the base year with `layout` as layouts/<name>.yaml of a data directory of its own (the
// fonts are the project's), into x.pdf beside it.
RunResult BuildWithLayout(const BaseCopy& base, const std::string& name, const std::string& layout) {
  fs::path data = base.temp.path() / "data";
  fs::create_directories(data / "layouts");
  if (!fs::exists(data / "fonts")) fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts" / (name + ".yaml"), layout);
  return RunArsred({"build", base.year().string(), "--data-dir", data.string(), "--layout", name, "-o",
                    (base.temp.path() / "x.pdf").string()});
}

// A tester's header "{forbund.nman} {titel|foo} {" printed as typed on every page, with no finding.
TEST_CASE("a running header's or footer's placeholders are checked") {
  BaseCopy base;
  std::string layout = ReadFile(kSourceDir / "layouts/modern.yaml");
  layout = ReplaceAll(layout, "sidhuvud:\n  vanster: \"{forbund.namn}\"\n  hoger: \"{titel}\"",
                      "sidhuvud:\n  vanster: \"{forbund.nman}\"\n  hoger: \"{titel|versaler}\"\n  mitten: \"{ar\"");
  RunResult run = BuildWithLayout(base, "header", layout);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("header.yaml:54:12: sidhuvud.vanster: error[layout.placeholder]: no placeholder {forbund.nman} in "
                     "a running header or footer; they are {titel}, {forbund.namn}, {forbund.organisationsnummer}, {ar}, "
                     "{sida}, {sidor}") != std::string::npos);
  CHECK(run.err.find("sidhuvud.hoger: error[layout.placeholder]: no placeholder {titel|versaler}") != std::string::npos);
  CHECK(run.err.find("sidhuvud.mitten: error[layout.placeholder]: a brace without its pair") != std::string::npos);
  CHECK(!fs::exists(base.temp.path() / "x.pdf"));
}

TEST_CASE("layout files are checked like the inputs, with positions") {
  BaseCopy base;
  std::string layout = ReadFile(kSourceDir / "layouts/modern.yaml");
  layout = ReplaceAll(layout, "farg: \"#1a1a1a\"", "farg: \"blue\"");
  layout = ReplaceAll(layout, "kolumner: 1", "kolumner: 3");
  layout = ReplaceAll(layout, "redovisningsprinciper, noter", "redovisningsprincip, noter");
  RunResult run = BuildWithLayout(base, "bad", layout);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("bad.yaml:") != std::string::npos);
  CHECK(run.err.find("error[layout.color]") != std::string::npos);
  CHECK(run.err.find("error[layout.columns]") != std::string::npos);
  CHECK(run.err.find("did you mean `redovisningsprinciper`?") != std::string::npos);
  CHECK(!fs::exists(base.temp.path() / "x.pdf"));
  // A part far from every name lists them; the old name of the cash flow statement says how to use it.
  std::string far = ReplaceAll(ReadFile(kSourceDir / "layouts/modern.yaml"), "noter, underskrifter", "noter, signaturer");
  far = ReplaceAll(far, "kassaflodesanalys", "finansieringsanalys");
  RunResult named = BuildWithLayout(base, "far", far);
  CHECK(named.exit_code == 2);
  CHECK(named.err.find("no part `signaturer`; the parts are omslag, innehall, forvaltningsberattelse, resultatrakning, "
                       "balansrakning, kassaflodesanalys, redovisningsprinciper, noter, underskrifter, bilagor") !=
        std::string::npos);
  CHECK(named.err.find("no part `finansieringsanalys`: the part is `kassaflodesanalys`; `benamningar: "
                       "{kassaflodesanalys: Finansieringsanalys}` prints it under that name") != std::string::npos);

  // Neither a name in layouts/ nor a layout file's path (layout_reference_test.cc has the rest).
  RunResult escape = RunArsred({"build", base.year().string(), "--layout", "../x", "-o", "/tmp/never.pdf"});
  CHECK(escape.exit_code == 2);
  CHECK(escape.err.find("--layout: error[layout.reference]") != std::string::npos);
}

TEST_CASE("a layout without parts is refused where it says so, not when there is nothing to render") {
  // Found by the render fuzzer: with `ordning` left out the report had no pages, and rendering
  // was the first to notice.
  BaseCopy base;
  std::string layout = ReadFile(kSourceDir / "layouts/modern.yaml");
  const size_t order = layout.find("\nordning:");
  REQUIRE(order != std::string::npos);
  layout.erase(order + 1, layout.find(']', order) - order);  // the key and its list
  RunResult run = BuildWithLayout(base, "empty", layout);
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("empty.yaml:") != std::string::npos);
  CHECK(run.err.find("ordning: error[layout.parts]") != std::string::npos);
  CHECK(run.err.find("no pages") == std::string::npos);
  CHECK(!fs::exists(base.temp.path() / "x.pdf"));
}

TEST_CASE("a comparative year has no report") {
  RunResult run = RunArsred({"build", (kSourceDir / "inputs/2022").string(), "-o", "/tmp/never-2022.pdf"});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("comparative year") != std::string::npos);
  CHECK(!fs::exists("/tmp/never-2022.pdf"));
}

// Golden outputs per stage for the small base year: the figures and the laid-out pages, as
// text. A change to calculate or layout shows up here as a reviewable diff.
TEST_CASE("golden figures and layout traces of the base year, part by part") {
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  RunResult figures = RunArsred({"dump", "--stage", "figures", year});
  INFO(figures.err);
  CHECK(figures.exit_code == 0);
  const fs::path figures_golden = kSourceDir / "tests/golden/base-2024-figures.txt";
  if (UpdatingGoldens()) WriteFile(figures_golden, figures.out);
  CHECK(figures.out == ReadFile(figures_golden));

  for (const char* layout : {"modern", "classic"}) {
    RunResult run = RunArsred({"dump", "--stage", "layout", "--layout", layout, year});
    INFO(layout << "\n" << run.err);
    CHECK(run.exit_code == 0);
    const fs::path dir = kSourceDir / "tests/golden" / (std::string("base-2024-layout-") + layout);
    const auto parts = TraceByPart(run.out);
    std::string whole;
    for (const auto& [name, text] : parts) whole += text;
    REQUIRE(whole == run.out);  // the parts are the trace, cut
    if (UpdatingGoldens()) {
      fs::remove_all(dir);
      for (const auto& [name, text] : parts) WriteFile(dir / (name + ".txt"), text);
    }
    std::vector<std::string> expected;
    for (const auto& entry : fs::directory_iterator(dir)) expected.push_back(entry.path().stem().string());
    std::sort(expected.begin(), expected.end());
    std::vector<std::string> found;
    for (const auto& part : parts) found.push_back(part.first);
    CHECK(found == expected);
    for (const auto& [name, text] : parts) {
      INFO(layout << " part " << name);
      CHECK(text == ReadFile(dir / (name + ".txt")));
    }
    CHECK(parts.size() >= 8);
  }
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("a bar chart draws one bar per part, as high as its figure") {
  BaseCopy base;
  base.Edit("verksamhet.yaml", "diagram:\n", "diagram:\n"
            "  - id: deltagare\n"
            "    typ: stapel\n"
            "    rubrik: Deltagare\n"
            "    delar:\n"
            "      - text: Inskrivna\n"
            "        kalla: tabell.deltagarfloden.inskrivna.alla\n"
            "      - text: Avslutade\n"
            "        kalla: tabell.deltagarfloden.avslutade.alla\n");
  base.Edit("text.yaml", "[[diagram:kostnader]]", "[[diagram:kostnader]]\n\n  [[diagram:deltagare]]");
  RunResult run = RunArsred({"dump", "--stage", "layout", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // 120 inskrivna and 50 avslutade: the first bar is the full 110 pt, the second 50/120 of it.
  CHECK(run.out.find("x110.00 fill=#1f4e79 role=figure") != std::string::npos);
  CHECK(run.out.find("x45.83 fill=#5b9bd5 role=figure") != std::string::npos);
  CHECK(run.out.find("\"Avslutade\"") != std::string::npos);
}

TEST_CASE("the layout decides whether the statements are in tkr or in kr") {
  BaseCopy base;
  fs::path data = base.temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts/kronor.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") + "belopp: kr\n");
  RunResult kronor = RunArsred({"dump", "--stage", "figures", "--data-dir", data.string(), "--layout", "kronor",
                                base.year().string()});
  INFO(kronor.err);
  REQUIRE(kronor.exit_code == 0);
  CHECK(kronor.out.find("| Belopp i kr | Not | 2024-01-01") != std::string::npos);
  CHECK(kronor.out.find("Verksamhetens intäkter | 1 | 4\u202F250\u202F000") != std::string::npos);
  RunResult thousands = RunArsred({"dump", "--stage", "figures", base.year().string()});
  CHECK(thousands.out.find("Verksamhetens intäkter | 1 | 4\u202F250") != std::string::npos);
  CHECK(thousands.out.find("| Belopp i tkr | Not | 2024-01-01") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// A layout of the given page and margins (mm), in a data directory beside the base copy.
fs::path SmallLayout(const BaseCopy& base, const std::string& page, const std::string& margin) {
  fs::path data = base.temp.path() / "data";
  fs::create_directories(data / "layouts");
  if (!fs::exists(data / "fonts")) fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  std::string layout = ReadFile(kSourceDir / "layouts/modern.yaml");
  layout = ReplaceAll(ReplaceAll(layout, "bredd: 210", "bredd: " + page), "hojd: 297", "hojd: " + page);
  for (const char* side : {"topp", "botten", "inner", "yttre"}) {
    layout = ReplaceAll(layout, std::string(side) + ": 25", std::string(side) + ": " + margin);
  }
  WriteFile(data / "layouts/small.yaml", layout);
  return data;
}

TEST_CASE("margins that leave no room for text are refused") {
  BaseCopy base;
  fs::path data = SmallLayout(base, "80", "25");
  RunResult run = RunArsred({"dump", "--stage", "layout", "--data-dir", data.string(), "--layout", "small",
                             base.year().string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[layout.range]") != std::string::npos);
  CHECK(run.err.find("too little room for text") != std::string::npos);
}

TEST_CASE("font expansion beyond 3 per cent is refused where the layout gives it") {
  BaseCopy base;
  fs::path data = SmallLayout(base, "210", "25");
  std::string layout = ReadFile(data / "layouts/small.yaml");
  layout = ReplaceAll(layout, "  expansion: 2\n", "  expansion: 4\n");
  WriteFile(data / "layouts/small.yaml", layout);
  RunResult run = RunArsred({"dump", "--stage", "layout", "--data-dir", data.string(), "--layout", "small",
                             base.year().string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("small.yaml:24:14: text.expansion: error[layout.range]: must be from 0 to 3 (per cent)") !=
        std::string::npos);
}

TEST_CASE("a report that would run past the page limit stops with an error") {
  BaseCopy base;
  fs::path data = SmallLayout(base, "70", "12");
  // About 200 KiB of prose in short paragraphs, within the limit for one text, in both texts.
  std::string prose;
  while (prose.size() < 200 * 1024) prose += "  Förbundet har under året finansierat insatser för samordnad rehabilitering i länet.\n\n";
  WriteFile(base.year() / "text.yaml", "forvaltningsberattelse: |\n  # Förvaltningsberättelse\n\n" + prose +
                                           "redovisningsprinciper: |\n" + prose);
  RunResult run = RunArsred({"build", base.year().string(), "--data-dir", data.string(), "--layout", "small", "-o",
                             (base.temp.path() / "long.pdf").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[layout.pages]") != std::string::npos);
  CHECK(!fs::exists(base.temp.path() / "long.pdf"));
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("several years build in one run and each PDF equals its own build") {
  TempDir temp;
  fs::create_directories(temp.path() / "batch");
  RunResult batch = RunArsred({"build", (kSourceDir / "inputs/2020").string(), (kSourceDir / "inputs/2023").string(),
                               "-o", (temp.path() / "batch").string()});
  INFO(batch.err);
  CHECK(batch.exit_code == 0);
  for (const char* year : {"2020", "2023"}) {
    fs::path single = temp.path() / (std::string(year) + ".pdf");
    RunArsred({"build", (kSourceDir / "inputs" / year).string(), "-o", single.string()});
    CHECK(ReadFile(temp.path() / "batch" / ("arsredovisning-" + std::string(year) + ".pdf")) == ReadFile(single));
  }
  RunResult not_a_directory = RunArsred({"build", (kSourceDir / "inputs/2020").string(),
                                         (kSourceDir / "inputs/2023").string(), "-o", (temp.path() / "x.pdf").string()});
  CHECK(not_a_directory.exit_code == 1);
}

}  // namespace
// The page index of each level-1 heading, and which pages hold nothing but a draft's watermark,
// from a trace.
struct PageMap {
  std::map<std::string, int> part_page;
  std::vector<bool> empty;
};

PageMap MapPages(const std::string& trace) {
  PageMap map;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("outline level=1 page=", 0) == 0) {
      const int page = std::stoi(line.substr(21));
      map.part_page[line.substr(line.find('"'))] = page;
    } else if (line.rfind("page ", 0) == 0) {
      map.empty.push_back(true);
    } else if (line.rfind("  ", 0) == 0 && line.rfind("  watermark", 0) != 0 && !map.empty.empty()) {
      map.empty.back() = false;
    }
  }
  return map;
}

TEST_CASE("the signature page can stand on a sheet of its own, also in two-sided print") {
  BaseCopy base;
  fs::path data = base.temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  const std::string option = "  underskrifter_eget_blad: true\n";
  WriteFile(data / "layouts/classic.yaml",
            ReplaceAll(ReadFile(kSourceDir / "layouts/classic.yaml"), "  dubbelsidig: true\n", "  dubbelsidig: true\n" + option));
  WriteFile(data / "layouts/modern.yaml",
            ReplaceAll(ReadFile(kSourceDir / "layouts/modern.yaml"), "  kolumner: 1\n", "  kolumner: 1\n" + option));
  for (const char* layout : {"classic", "modern"}) {
    RunResult plain = RunArsred({"dump", "--stage", "layout", "--layout", layout, base.year().string()});
    RunResult own = RunArsred({"dump", "--stage", "layout", "--data-dir", data.string(), "--layout", layout,
                               base.year().string()});
    INFO(layout << "\n" << own.err);
    REQUIRE(own.exit_code == 0);
    const PageMap before = MapPages(plain.out), after = MapPages(own.out);
    const int signatures = after.part_page.at("\"Underskrifter\"");
    const int appendix = after.part_page.at("\"Granskningsanteckningar (utkast)\"");
    if (std::string(layout) == "classic") {
      // Two-sided: the signatures start a sheet, on a front (page 1, 3, …: an even index). When
      // they would have stood on a back, they move to the next page and that back is left
      // blank; the back of the signature page is blank too, and the appendix follows it.
      const int unmoved = before.part_page.at("\"Underskrifter\"");
      const bool on_a_back = unmoved % 2 == 1;
      CHECK(signatures == unmoved + (on_a_back ? 1 : 0));
      if (on_a_back) CHECK(after.empty[static_cast<size_t>(unmoved)]);
      CHECK(signatures % 2 == 0);
      CHECK(after.empty[static_cast<size_t>(signatures) + 1]);
      CHECK(appendix == signatures + 2);
    } else {
      // One-sided: a page of its own is all it takes, and nothing is left blank.
      CHECK(signatures == before.part_page.at("\"Underskrifter\""));
      CHECK(appendix == signatures + 1);
      CHECK(std::count(after.empty.begin(), after.empty.end(), true) == 0);
    }
  }
}

}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("an identity no rounding can keep is named — the draft still prints and --final refuses") {
  BaseCopy base;
  // The actuary's closing balance, in tkr, is a thousand more than the opening balance and the
  // movements: within what amounts in tkr allow, so the inputs are valid, but no rounding can
  // make 500 + 60 + 20 print as 581. (A thousand more in the bank keeps the balance sheet even.)
  base.Edit("rakenskaper.yaml", "    typ: avsattning\n    poster:\n      - text: Nyintjänad pension\n        belopp: 60000\n"
            "      - text: Ränte- och basbeloppsuppräkning\n        belopp: 20000\n",
            "    typ: avsattning\n    enhet: tkr\n    utgaende: 581\n    poster:\n      - text: Nyintjänad pension\n"
            "        belopp: 60\n      - text: Ränte- och basbeloppsuppräkning\n        belopp: 20\n");
  base.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2801000\n        rad: kassa_och_bank");
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  CHECK(check.exit_code == 3);
  CHECK(check.err.find("warning[calculate.rounding]: no rounding to tkr keeps this identity") != std::string::npos);
  CHECK(check.err.find("Not Avsättningar för pensioner 2024: not.pensioner.summa = not.pensioner.ingaende + "
                       "the note's items; printed 581 ≠ 500") != std::string::npos);
  // And says what to do about it.
  CHECK(check.err.find("give these amounts in kr, or mend the tkr amount that is off") != std::string::npos);

  base.Edit("forbund.yaml", "status: utkast", "status: slutlig");
  const fs::path draft = base.temp.path() / "draft.pdf", final_pdf = base.temp.path() / "final.pdf";
  RunResult build = RunArsred({"build", base.year().string(), "-o", draft.string()});
  INFO(build.err);
  CHECK(build.exit_code == 0);
  CHECK(build.err.find("warning[calculate.rounding]") != std::string::npos);
  CHECK(fs::exists(draft));
  RunResult refused = RunArsred({"build", base.year().string(), "--final", "-o", final_pdf.string()});
  INFO(refused.err);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("a final report is refused while no rounding to tkr keeps every identity") != std::string::npos);
  CHECK(!fs::exists(final_pdf));
}

TEST_CASE("a year may print its statements in kronor, whatever its layout says") {
  BaseCopy base;
  base.Edit("forbund.yaml", "omfattning: arsredovisning\n", "omfattning: arsredovisning\nbelopp: kr\n");
  RunResult run = RunArsred({"dump", "--stage", "figures", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("| Belopp i kr | Not | 2024-01-01") != std::string::npos);
  CHECK(run.out.find("table driftredovisning: Driftredovisning\n  | Belopp i kr |") != std::string::npos);
  CHECK(run.out.find("Verksamhetens intäkter | 1 | 4\u202F250\u202F000") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("a seat shared by the kommuner, a change of ledamot and ersättare: listed, and the sitting ledamot signs") {
  BaseCopy base;
  base.Edit("forbund.yaml", "  - medlem: norrby\n    roll: vice_ordforande\n  - medlem: soderby\n    roll: ledamot\n",
            "  - id: kommunerna\n    medlemmar: [norrby, soderby]\n    innehas_av: soderby\n    roll: vice_ordforande\n"
            "    namn: Cecilia Ek\n    tidigare:\n      - namn: Bo Alm\n        till: 2024-09-30\n");
  base.Edit("forbund.yaml", "rakenskapsar:\n",
            "ersattare:\n  - medlem: norrby\n    namn: Dan Falk\n  - medlem: region\n    namn: Eva Gran\nrakenskapsar:\n");
  base.Edit("text.yaml", "## Deltagare\n", "## Styrelse\n\n  [[styrelse]]\n\n  ## Deltagare\n");
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);

  RunResult figures = RunArsred({"dump", "--stage", "figures", base.year().string()});
  REQUIRE(figures.exit_code == 0);
  CHECK(figures.out.find("table styrelse: Styrelsens ledamöter och ersättare\n  | Uppdrag | Namn | Utsedd av\n"
                         "  Ordförande | – | Region Provlän\n"
                         "  Vice ordförande | Cecilia Ek (från 2024-10-01) | Söderby kommun (gemensamt med Norrby kommun)\n"
                         "     | Bo Alm (till 2024-09-30) | \n") != std::string::npos);
  CHECK(figures.out.find("  Ersättare | Dan Falk | Norrby kommun\n  Ersättare | Eva Gran | Region Provlän\n") !=
        std::string::npos);

  RunResult layout = RunArsred({"dump", "--stage", "layout", base.year().string()});
  REQUIRE(layout.exit_code == 0);
  // The board is listed where the text places it; the signatures are the seats' sitting ledamöter.
  size_t signatures = std::string::npos;  // the heading of the signature page
  for (size_t at = layout.out.find("\"Underskrifter\""); at != std::string::npos;
       at = layout.out.find("\"Underskrifter\"", at + 1)) {
    const size_t line = layout.out.rfind('\n', at) + 1;
    if (layout.out.substr(line, at - line).find("role=heading1") != std::string::npos) signatures = at;
  }
  REQUIRE(signatures != std::string::npos);
  const std::string before = layout.out.substr(0, signatures), after = layout.out.substr(signatures);
  CHECK(before.find("\"Falk\"") != std::string::npos);
  CHECK(after.find("\"Cecilia Ek \"") != std::string::npos);
  CHECK(after.find("\"Söderby kommun\"") != std::string::npos);  // whose turn it is
  CHECK(after.find("\"Falk\"") == std::string::npos);  // an ersättare does not sign
  CHECK(after.find("\"Gran\"") == std::string::npos);
  CHECK(after.find("\"Alm\"") == std::string::npos);   // nor does the ledamot who left
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("the report names itself as the year says: title, subtitle, cover lines, approval") {
  BaseCopy base;
  base.Edit("forbund.yaml", "forbund:\n",
            "rapport:\n  titel: Årsredovisning med tillhörande verksamhetsberättelse\n"
            "  undertitel: Finansiell samordning i Provbygden\n"
            "  omslag: [Norrby och Söderby kommuner]\n  antagen_av: förbundsstyrelsen\nforbund:\n");
  base.Edit("forbund.yaml", "bildat: 2015", "bildat: 2015-03-04");
  const fs::path pdf = base.temp.path() / "r.pdf";
  RunResult run = RunArsred({"build", base.year().string(), "-o", pdf.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  ToolRun cover = RunTool("pdftotext -f 1 -l 1 " + Quote(pdf) + " -");
  for (const char* words : {"Årsredovisning med tillhörande\nverksamhetsberättelse 2024", "Finansiell samordning i Provbygden",
                            "Samordningsförbundet Provbygden", "Norrby och Söderby kommuner",
                            "Antagen av förbundsstyrelsen 2025-03-14"}) {
    INFO(words << "\n" << cover.output);
    CHECK(cover.output.find(words) != std::string::npos);
  }
  ToolRun info = RunTool("pdfinfo " + Quote(pdf));
  CHECK(info.output.find("Årsredovisning med tillhörande verksamhetsberättelse 2024") != std::string::npos);
  // The running header says {titel} in both layouts.
  ToolRun text = RunTool("pdftotext -f 3 -l 3 " + Quote(pdf) + " -");
  CHECK(text.output.find("Årsredovisning med tillhörande verksamhetsberättelse 2024") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("a layout or a year renames the statements and relabels their lines — the year's names win") {
  BaseCopy base;
  fs::path data = base.temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts/aldre.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") +
                                             "benamningar:\n  kassaflodesanalys: Finansieringsanalys\n"
                                             "  driftredovisning: Driftredovisning enligt layouten\n"
                                             "  rader:\n    - rad: kfa.lopande_verksamhet\n"
                                             "      text: Medel från den löpande verksamheten\n");
  base.Edit("forbund.yaml", "forbund:\n", "benamningar:\n  driftredovisning: Driftsredovisning\nforbund:\n");
  RunResult run = RunArsred({"dump", "--stage", "figures", "--data-dir", data.string(), "--layout", "aldre",
                             base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.out.find("table kassaflodesanalys: Finansieringsanalys\n") != std::string::npos);
  CHECK(run.out.find("  Medel från den löpande verksamheten | ") != std::string::npos);
  CHECK(run.out.find("Kassaflöde från den löpande verksamheten") == std::string::npos);
  CHECK(run.out.find("table driftredovisning: Driftsredovisning\n") != std::string::npos);
  // The heading of the part is the statement's name.
  RunResult layout = RunArsred({"dump", "--stage", "layout", "--data-dir", data.string(), "--layout", "aldre",
                                base.year().string()});
  CHECK(layout.out.find("role=heading2 structure=") != std::string::npos);
  CHECK(layout.out.find("\"Finansieringsanalys\"") != std::string::npos);
  CHECK(layout.out.find("\"Kassaflödesanalys\"") == std::string::npos);
}

TEST_CASE("appendices are parts of their own, in the contents, with a table of amounts that adds up") {
  BaseCopy base;
  base.Edit("text.yaml", "redovisningsprinciper: |",
            "bilagor:\n"
            "  - rubrik: Ekonomiskt underlag\n"
            "    text: |\n"
            "      Medlemmarnas bidrag för {ar}:\n\n"
            "      [[belopp:medlemsbidrag]]\n"
            "  - rubrik: Deltagare i samverkan\n"
            "    text: |\n"
            "      ## Om uppföljningen\n\n"
            "      Uppföljningen avser {ar}.\n"
            "redovisningsprinciper: |");
  base.Edit("rakenskaper.yaml", "flerarsoversikt:",
            "beloppstabeller:\n"
            "  - id: medlemsbidrag\n"
            "    rubrik: Medlemmarnas bidrag\n"
            "    kolumner: [Bidrag]\n"
            "    rader:\n"
            "      - text: Försäkringskassan och Arbetsförmedlingen\n"
            "        celler: [{figur: not.intakter.fk}]\n"
            "      - text: Region Provlän\n"
            "        celler: [{figur: not.intakter.region}]\n"
            "      - text: Norrby kommun\n"
            "        celler: [{belopp: 525600}]\n"
            "      - text: Söderby kommun\n"
            "        celler: [{belopp: 524500}]\n"
            "flerarsoversikt:");
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  RunResult figures = RunArsred({"dump", "--stage", "figures", base.year().string()});
  // 525 600 and 524 500 kr round to 526 and 525 by themselves, one more than the sum of 4 200 000
  // kr allows: the amount exactly half way (524 500 kr) prints 524, the smallest error.
  CHECK(figures.out.find("table belopp.medlemsbidrag: Medlemmarnas bidrag\n  | Belopp i tkr | Bidrag\n"
                         "  Försäkringskassan och Arbetsförmedlingen | 2\u202F100\n  Region Provlän | 1\u202F050\n"
                         "  Norrby kommun | 526\n  Söderby kommun | 524\n  Summa | 4\u202F200\n") != std::string::npos);

  RunResult layout = RunArsred({"dump", "--stage", "layout", base.year().string()});
  REQUIRE(layout.exit_code == 0);
  // Each appendix is a level-1 part, in the outline and as a line of the contents that links to it.
  for (const char* entry : {"outline level=1 page=10 y=783.02 \"Bilaga 1 Ekonomiskt underlag\"",
                            "outline level=1 page=11 y=783.02 \"Bilaga 2 Deltagare i samverkan\"",
                            "description=\"Bilaga 1 Ekonomiskt underlag, sidan 11\"",
                            "description=\"Bilaga 2 Deltagare i samverkan, sidan 12\""}) {
    INFO(entry);
    CHECK(layout.out.find(entry) != std::string::npos);
  }
  // The appendix's own heading is not a part of its own.
  CHECK(layout.out.find("outline level=2") != std::string::npos);
  CHECK(layout.out.find("description=\"Om uppföljningen") == std::string::npos);

  // The sum row says what it is where the table asks (a balanskravsresultat).
  base.Edit("rakenskaper.yaml", "    kolumner: [Bidrag]\n", "    kolumner: [Bidrag]\n    summa_text: Summa medlemsbidrag\n");
  RunResult named = RunArsred({"dump", "--stage", "figures", base.year().string()});
  CHECK(named.out.find("  Söderby kommun | 524\n  Summa medlemsbidrag | 4\u202F200\n") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("appendices the layout does not place, and tables of amounts that do not fit, are findings") {
  BaseCopy base;
  base.Edit("text.yaml", "redovisningsprinciper: |",
            "bilagor:\n  - rubrik: Underlag\n    text: |\n      # Fel nivå\n\n      [[belopp:bidrg]]\n"
            "redovisningsprinciper: |");
  base.Edit("rakenskaper.yaml", "flerarsoversikt:",
            "beloppstabeller:\n  - id: bidrag\n    rubrik: Bidrag\n    kolumner: [A]\n    rader:\n"
            "      - text: Rad\n        celler: [{belopp: 1}]\nflerarsoversikt:");
  RunResult texts = RunArsred({"check", base.year().string()});
  INFO(texts.err);
  CHECK(texts.exit_code == 2);
  CHECK(texts.err.find("error[text.heading]: an appendix's headings start at ##") != std::string::npos);
  CHECK(texts.err.find("error[text.embed]: no belopp `bidrg` in rakenskaper.yaml: beloppstabeller; did you mean "
                       "`bidrag`?") != std::string::npos);

  base.Edit("rakenskaper.yaml", "    kolumner: [A]\n    rader:\n      - text: Rad\n        celler: [{belopp: 1}]\n",
            "    kolumner: [A, B]\n    rader:\n"
            "      - text: Rad\n        celler: [{belopp: 1}, {figur: not.intakter.fkk}]\n"
            "      - text: Kort\n        celler: [{belopp: 1, figur: not.intakter.fk}]\n");
  RunResult check = RunArsred({"check", base.year().string()});
  INFO(check.err);
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[money_table.figure]: no figure `not.intakter.fkk`; did you mean `not.intakter.fk`?") !=
        std::string::npos);
  CHECK(check.err.find("error[money_table.columns]: the row has 1 cells for 2 columns") != std::string::npos);
  CHECK(check.err.find("error[money_table.cell]: a cell holds an amount (`belopp`) or a figure (`figur`)") !=
        std::string::npos);

  BaseCopy other;
  other.Edit("text.yaml", "redovisningsprinciper: |",
             "bilagor:\n  - rubrik: Underlag\n    text: |\n      Text.\nredovisningsprinciper: |");
  std::string layout = ReplaceAll(ReadFile(kSourceDir / "layouts/modern.yaml"), ", bilagor]", "]");
  RunResult build = BuildWithLayout(other, "utan", layout);
  INFO(build.err);
  CHECK(build.exit_code == 0);
  CHECK(build.err.find("warning[layout.appendices]: the layout's `ordning` has no part `bilagor`") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("in a column of kronor, an amount known only in tkr is marked, never printed as exact") {
  BaseCopy base;
  fs::path prior = base.temp.path() / "inputs/2023/rakenskaper.yaml";
  std::string text = ReadFile(prior);
  REQUIRE(text.find("    typ: avsattning\n    ingaende: 400000\n") != std::string::npos);
  text = ReplaceAll(text, "    typ: avsattning\n    ingaende: 400000\n", "    typ: avsattning\n    enhet: tkr\n    ingaende: 400\n");
  text = ReplaceAll(text, "      - text: Nyintjänad pension\n        belopp: 100000\n",
                    "      - text: Nyintjänad pension\n        belopp: 100\n");
  WriteFile(prior, text);
  RunResult run = RunArsred({"dump", "--stage", "figures", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // 2024's note is in kronor; 2023 gave its amounts in tkr, so its column, and 2024's opening and
  // closing balances that follow from it, are marked.
  const size_t note = run.out.find("table not.pensioner:");
  REQUIRE(note != std::string::npos);
  std::string table = run.out.substr(note, run.out.find("\ntable ", note + 1) - note);
  CHECK(table.find("  Ingående avsättning | \u2248500\u202F000 | \u2248400\u202F000\n") != std::string::npos);
  CHECK(table.find("  Nyintjänad pension | 60\u202F000 | \u2248100\u202F000\n") != std::string::npos);
  CHECK(table.find("  Utgående avsättning | \u2248580\u202F000 | \u2248500\u202F000\n") != std::string::npos);
  CHECK(table.find("  (\u2248 Beloppet är känt endast i hela tusental kronor.)") != std::string::npos);

  // With the exact opening balance (from the books), 2024's column is known to the krona.
  base.Edit("rakenskaper.yaml", "    typ: avsattning\n    poster:\n", "    typ: avsattning\n    ingaende: 500212\n    poster:\n");
  base.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800212\n        rad: kassa_och_bank");
  run = RunArsred({"dump", "--stage", "figures", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  table = run.out.substr(run.out.find("table not.pensioner:"));
  CHECK(table.find("  Ingående avsättning | 500\u202F212 | \u2248400\u202F000\n") != std::string::npos);
  CHECK(table.find("  Utgående avsättning | 580\u202F212 | \u2248500\u202F000\n") != std::string::npos);
  // Nor does a table in kronor whose amounts are all exact.
  const size_t other = run.out.find("table not.kortfristiga_skulder:");
  REQUIRE(other != std::string::npos);
  CHECK(run.out.substr(other, run.out.find("\ntable ", other + 1) - other).find("Beloppet är känt") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("inputs that do not load give no draft, and build says so") {
  BaseCopy base;
  base.Edit("budget.yaml", "budget: 1250000", "budget: 125OOOO");  // letters O for zeros
  const fs::path pdf = base.temp.path() / "utkast.pdf";
  RunResult run = RunArsred({"build", base.year().string(), "-o", pdf.string()});
  CHECK(run.exit_code == 2);
  CHECK(!fs::exists(pdf));
  CHECK(run.err.find("error[value.money]") != std::string::npos);
  CHECK(run.err.find(": a file could not be read in full, so no draft was written either") != std::string::npos);
}

TEST_CASE("a draft with a misspelt placeholder is still written, showing where the figure would stand") {
  BaseCopy base;
  base.Edit("text.yaml", "{rr.arets_resultat|tkr,abs}", "{rr.arets_resultatt|tkr,abs}");
  const fs::path pdf = base.temp.path() / "utkast.pdf";
  RunResult run = RunArsred({"build", base.year().string(), "-o", pdf.string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);  // the inputs have an error
  REQUIRE(fs::exists(pdf));
  CHECK(run.err.find("nothing was written") == std::string::npos);
  // Reported once, by check's rule, not again by layout.
  const std::string finding = "error[text.placeholder]: no figure `rr.arets_resultatt`";
  CHECK(run.err.find(finding) != std::string::npos);
  CHECK(run.err.find(finding) == run.err.rfind(finding));
  ToolRun text = RunTool("pdftotext " + Quote(pdf) + " -");
  CHECK(text.output.find("underskott med [rr.arets_resultatt?] tkr") != std::string::npos);
  // The appendix lists it (its lines break where the temporary path's length puts them).
  CHECK(ReplaceAll(text.output, "\n", " ").find("error[text.placeholder]: no figure") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("the contents list every part and section, however many pages they take") {
  BaseCopy base;
  // Appendices are parts: their entries stand apart and take more room than a section's. With
  // sixty of them the contents were counted a page short, and their last entries dropped.
  std::string appendices = "bilagor:\n";
  for (int i = 1; i <= 60; ++i) appendices += "  - rubrik: Underlag " + std::to_string(i) + "\n    text: Text.\n";
  base.Edit("text.yaml", "redovisningsprinciper: |", appendices + "redovisningsprinciper: |");
  RunResult run = RunArsred({"dump", "--stage", "layout", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  for (int i = 1; i <= 60; ++i) {
    INFO(i);
    CHECK(run.out.find("description=\"Bilaga " + std::to_string(i) + " Underlag " + std::to_string(i) + ", sidan ") !=
          std::string::npos);
  }
  CHECK(run.out.find("description=\"Deltagare, sidan ") != std::string::npos);
  CHECK(run.out.find("description=\"Granskningsanteckningar (utkast), sidan ") != std::string::npos);
  // Three pages of contents, one after the other, none of them left empty.
  std::map<int, int> entries_on_page;
  int page = -1;
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("page ", 0) == 0) page = std::stoi(line.substr(5));
    if (line.find("role=toc-entry") != std::string::npos) ++entries_on_page[page];
  }
  REQUIRE(entries_on_page.size() == 3);
  CHECK(entries_on_page.rbegin()->first - entries_on_page.begin()->first == 2);
  for (const auto& [number, count] : entries_on_page) CHECK(count > 0);
  CHECK(run.out.find("\"Innehåll\"") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// 2020's heading "Viktiga förhållanden för resultat och ekonomisk ställning samt händelser av
// väsentlig betydelse" left "betydelse" alone under a full line.
TEST_CASE("a heading that wraps is balanced, its lines about as long as each other") {
  BaseCopy base;
  base.Edit("text.yaml", "## Om förbundet",
            "## Viktiga förhållanden för resultat och ekonomisk ställning samt händelser av väsentlig betydelse");
  RunResult run = RunArsred({"dump", "--stage", "layout", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // Where each word of the heading starts: "text at=X,Y ... role=heading2 structure=N \"WORD \"".
  const std::regex word_run(R"re(text at=([0-9.]+),([0-9.]+) .*role=heading2 structure=(\d+) "(.*)")re");
  std::map<double, std::pair<double, double>> lines;  // by baseline, from the top: first and last word's x
  std::string structure;
  std::istringstream trace(run.out);
  for (std::string line; std::getline(trace, line);) {
    std::smatch m;
    if (!std::regex_search(line, m, word_run)) continue;
    if (m[4] == "Viktiga ") structure = m[3];
    if (structure.empty() || m[3] != structure) continue;
    const double x = std::stod(m[1]), y = -std::stod(m[2]);
    auto [it, first] = lines.try_emplace(y, x, x);
    it->second.first = std::min(it->second.first, x);
    it->second.second = std::max(it->second.second, x);
  }
  REQUIRE(lines.size() == 2);
  const double left = lines.begin()->second.first;
  const double first_reach = lines.begin()->second.second - left, last_reach = lines.rbegin()->second.second - left;
  // Unbalanced, the second line was the one word, starting where the line does.
  CHECK(last_reach > first_reach * 0.6);
}

// 2020's "Viktiga förhållanden för resultat och ekonomisk ställning samt händelser av väsentlig
// betydelse" ran into its page number, with no leaders between.
TEST_CASE("a contents entry too long for its line goes on over the next, its number clear of it") {
  BaseCopy base;
  const std::string title = "Viktiga förhållanden för resultat och ekonomisk ställning samt händelser av väsentlig "
                            "betydelse för förbundet och dess medlemmar";
  base.Edit("text.yaml", "## Om förbundet", "## " + title);
  RunResult run = RunArsred({"dump", "--stage", "layout", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // The entry's runs: its lines, then its page number, each "text at=X,Y ... role=toc-entry ... \"TEXT\"".
  const std::regex entry_run(R"re(text at=([0-9.]+),([0-9.]+) font=0 size=([0-9.]+) .*role=toc-entry structure=(\d+) "(.*)")re");
  std::vector<std::smatch> runs;
  std::string structure;
  std::istringstream lines(run.out);
  std::vector<std::string> kept;
  for (std::string line; std::getline(lines, line);) kept.push_back(line);
  for (const std::string& line : kept) {
    std::smatch m;
    if (!std::regex_search(line, m, entry_run)) continue;
    if (m[5].str().rfind("Viktiga", 0) == 0) structure = m[4];
    if (!structure.empty() && m[4] == structure) runs.push_back(m);
  }
  REQUIRE(runs.size() == 3);  // two lines and the number
  const double size = std::stod(runs[0][3]);
  CHECK(runs[0][5].str() + runs[1][5].str() == title + " ");
  CHECK(std::stod(runs[1][1]) == Approx(std::stod(runs[0][1]) + size));  // hung by an em
  CHECK(std::stod(runs[1][2]) < std::stod(runs[0][2]));                   // on the line below
  CHECK(runs[2][2] == runs[1][2]);                                        // the number on the last line
  CHECK(std::stod(runs[2][1]) > std::stod(runs[1][1]));
  // The link covers both lines.
  CHECK(run.out.find("description=\"" + title + ", sidan ") != std::string::npos);
}

TEST_CASE("the contents list a deeper heading over the driftredovisning, and no other") {
  BaseCopy base;
  base.Edit("text.yaml", "  [[flerarsoversikt]]\n\n  [[driftredovisning]]\n",
            "  ### Flera år\n\n  [[flerarsoversikt]]\n\n  ### Driftredovisning\n\n  [[driftredovisning]]\n");
  RunResult run = RunArsred({"dump", "--stage", "layout", base.year().string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  // A required part (LKBR 10 kap.) must be found from the contents wherever the text puts it.
  CHECK(run.out.find("description=\"Driftredovisning, sidan ") != std::string::npos);
  CHECK(run.out.find("description=\"Flera år, sidan ") == std::string::npos);
  CHECK(run.out.find("description=\"Ekonomi, sidan ") != std::string::npos);

  const fs::path page = base.temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", base.year().string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadFile(page);
  const std::string contents = html.substr(0, html.find("</nav>"));
  // Listed in a list of its own inside its section's item, as the PDF indents it.
  CHECK(contents.find("<a href=\"#ekonomi\">Ekonomi</a>\n<ol>\n<li><a href=\"#driftredovisning\">Driftredovisning</a></li>\n"
                      "</ol>\n</li>\n") != std::string::npos);
  CHECK(contents.find("Flera år") == std::string::npos);
}

TEST_CASE("several years in one run: the worst year's exit code wins, whatever the order") {
  BaseCopy broken;
  broken.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800001\n        rad: kassa_och_bank");
  const fs::path out = broken.temp.path() / "out";
  fs::create_directories(out);
  const std::string clean = (kSourceDir / "tests/fixtures/base/2024").string();
  // The clean year is built after the one with errors, and before it.
  CHECK(RunArsred({"build", broken.year().string(), clean, "-o", out.string()}).exit_code == 2);
  CHECK(RunArsred({"build", clean, broken.year().string(), "-o", out.string()}).exit_code == 2);
  CHECK(RunArsred({"build", clean, clean, "-o", out.string()}).exit_code == 0);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// inputs/ and the next-year fixture's 2024 (tests/fixtures/next-year), in a temporary directory.
struct NextYear {
  TempDir temp;
  NextYear() { NextYearCopy(temp.path()); }
  fs::path year() const { return temp.path() / "2024"; }
  void ToFill(const std::string& file, const std::string& from, const std::string& key) const {
    const std::string text = ReadFile(year() / file);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(year() / file, ReplaceAll(text, from, key + ": ATT FYLLA I"));
  }
  RunResult Build(const fs::path& pdf, const std::vector<std::string>& more = {}) const {
    std::vector<std::string> args{"build", year().string(), "-o", pdf.string()};
    args.insert(args.end(), more.begin(), more.end());
    return RunArsred(args);
  }
};

TEST_CASE("a year with values still to fill in drafts with a mark in their place — --final refuses", "[fill]") {
  NextYear next;
  const fs::path pdf = next.temp.path() / "utkast.pdf";
  RunResult complete = next.Build(pdf);
  INFO(complete.err);
  REQUIRE(complete.exit_code == 0);
  const std::string filled = Plain(RunTool("pdftotext -layout " + Quote(pdf) + " -").output);
  REQUIRE(filled.find("[?]") == std::string::npos);

  // An amount, a count, a share of a distribution, a goal's status and the staff's number.
  next.ToFill("rakenskaper.yaml", "        text: Bidrag Regionen\n        belopp: 2015500",
              "        text: Bidrag Regionen\n        belopp");
  next.ToFill("verksamhet.yaml", "arsarbetare: 2.6", "arsarbetare");
  next.ToFill("budget.yaml", "budget: 6200000", "budget");
  next.ToFill("verksamhet.yaml", "kvinnor: 164", "kvinnor");
  next.ToFill("verksamhet.yaml", "ekonomiskt_bistand: 54", "ekonomiskt_bistand");
  std::string activity = ReadFile(next.year() / "verksamhet.yaml");
  WriteFile(next.year() / "verksamhet.yaml",
            activity.replace(activity.find("status: uppnatt"), 15, "status: ATT FYLLA I"));
  RunResult run = next.Build(pdf);
  INFO(run.err);
  CHECK(run.exit_code == 2);  // values to fill in are errors
  CHECK(run.err.find("error[fill.value]: to fill in: `belopp`, an amount in whole kronor") != std::string::npos);
  REQUIRE(run.err.find("wrote " + pdf.generic_string() + " (") != std::string::npos);
  // Columns as single spaces, so that a check does not rest on pdftotext's alignment.
  const std::string text = std::regex_replace(Plain(RunTool("pdftotext -layout " + Quote(pdf) + " -").output),
                                              std::regex(" {2,}"), " ");
  // The amount, and every figure reckoned from it, prints the mark: the note's item and total, the
  // statements' lines, the overview, and the prose that quotes them; the prior year as before.
  CHECK(text.find("Bidrag Regionen [?] 1 979 500")
        != std::string::npos);
  CHECK(text.find("Verksamhetens intäkter 1 [?] 7 917")
        != std::string::npos);
  CHECK(text.find("Årets intäkter uppgår till [?] tkr") != std::string::npos);
  CHECK(text.find("Antal anställda (årsarbetare) [?] 2,4") != std::string::npos);
  // What does not rest on it prints as before.
  CHECK(text.find("SUMMA TILLGÅNGAR 6 057") !=
        std::string::npos);
  // A budget still to fill in: its row's budget and deviation, and the totals, never "–" (which
  // this table prints for 0).
  CHECK(text.find("Individ- och strukturinriktade −6 054 [?] [?]") != std::string::npos);  // "insatser" wraps
  // A count and what is reckoned from it; a share; a chart cannot be drawn, and says so.
  CHECK(text.find("varav [?] kvinnor") != std::string::npos);
  CHECK(text.find("Ekonomiskt bistånd [?] 21 %") != std::string::npos);
  CHECK(text.find("[?] Diagrammet ritas när dess värden är ifyllda.") != std::string::npos);
  // Each table with the mark says what it means.
  CHECK(text.find("[?] Att fylla i: beloppet eller antalet är ännu inte angivet.") != std::string::npos);
  // The appendix lists each value to fill in with its place.
  CHECK(ReplaceAll(text, "\n", " ").find("error[fill.value]: to fill in: `kvinnor`") != std::string::npos);

  // The goal's status: in its table, in place of "Målet är uppnått".
  CHECK(text.find("Finansierade individinriktade [?]\n") != std::string::npos);

  RunResult final_build = next.Build(next.temp.path() / "slutlig.pdf", {"--final"});
  CHECK(final_build.exit_code == 2);
  CHECK(!fs::exists(next.temp.path() / "slutlig.pdf"));
}

TEST_CASE("a value a draft cannot show in its place keeps the draft from being written", "[fill]") {
  NextYear next;
  next.ToFill("forbund.yaml", "  sate: Östersund", "  sate");
  const fs::path pdf = next.temp.path() / "utkast.pdf";
  RunResult run = next.Build(pdf);
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("error[fill.value]: to fill in: `sate`") != std::string::npos);
  CHECK(!fs::exists(pdf));
}

TEST_CASE("an amount to fill in travels through sums and counts in no check", "[fill]") {
  const Money to_fill = Money::ToFill();
  const Money sum = Money::Kr(1000) + to_fill - Money::Tkr(2);
  CHECK(sum.to_fill);
  CHECK((-sum).to_fill);
  CHECK(!(Money::Kr(1000) + Money::Kr(2)).to_fill);
  CHECK(SameAmount(sum, Money::Kr(123)));
  CHECK(!SameAmount(Money::Kr(1000), Money::Kr(1001)));
}

}  // namespace
}  // namespace arsred::test

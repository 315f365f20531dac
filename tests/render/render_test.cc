#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>

#include <regex>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>

#include "font_metrics.h"
#include "pdf_doc.h"
#include "pdf_pack.h"
#include "render_pdf.h"
#include "test_util.h"

namespace arsred {
namespace {

using test::fs::path;
using test::Quote;
using test::RunToolWithErrors;
using test::ToolRun;

std::string FontPath(const std::string& file) {
  path vendored = test::kSourceDir / "fonts" / file;
  if (test::fs::exists(vendored)) return vendored.string();
  return "/usr/share/fonts/truetype/crosextra/" + file;
}

// A face as layout gives it to render: named, with its file's bytes, but without layout's
// metrics, so that render reads the font itself (as it does for a Document made elsewhere).
FontFace Face(const std::string& file, const std::string& name) {
  std::string error;
  std::shared_ptr<const FontFile> data = FontFile::Open(file, &error);
  INFO(error);
  REQUIRE(data);
  return {file, name, data, nullptr};
}

// The value of one "Name:   value" line of pdfinfo's output.
std::string PdfInfoField(const std::string& output, const std::string& name) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind(name + ":", 0) != 0) continue;
    size_t value = line.find_first_not_of(' ', name.size() + 1);
    return value == std::string::npos ? "" : line.substr(value);
  }
  return "(no " + name + ")";
}

// How libharu writes ASCII text in a content stream with the UTF-8 encoder: UTF-16 code units
// as lower-case hex.
std::string ContentHex(const std::string& ascii) {
  std::string hex;
  char unit[8];
  for (char c : ascii) {
    std::snprintf(unit, sizeof unit, "%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    hex += unit;
  }
  return hex;
}

GlyphRun Text(int font, double size, double x, double y, std::string text, Role role = Role::kParagraph) {
  GlyphRun run;
  run.font = font;
  run.size = size;
  run.x = x;
  run.y = y;
  run.text = std::move(text);
  run.role = role;
  return run;
}

// Three pages: a cover and a contents page without numbers, then page "1" with Swedish text,
// a real minus, a narrow no-break space, an NBSP, a rule, a box, a pie slice and two links.
Document SampleDocument() {
  Document document;
  document.info.title = "Årsredovisning 2023";
  document.info.author = "Samordningsförbundet i Jämtlands län";
  document.info.subject = "Årsredovisning för räkenskapsåret 2023";
  document.info.keywords = "årsredovisning, samordningsförbund";
  document.info.creator = "arsred test";
  document.info.created = "2024-03-15";
  document.info.modified = "2024-04-02";
  document.fonts = {Face(FontPath("Carlito-Regular.ttf"), "Carlito-Regular"),
                    Face(FontPath("Carlito-Bold.ttf"), "Carlito-Bold")};

  Page cover;
  cover.items.push_back(Text(1, 28, 72, 700, "Årsredovisning 2023", Role::kTitle));
  cover.items.push_back(Text(0, 14, 72, 670, "Samordningsförbundet i Jämtlands län"));
  // Listed among the text, drawn before all of it: the mark lies underneath.
  cover.items.push_back(Watermark{0, 96, "UTKAST", Color{230, 230, 230}});
  cover.items.push_back(Text(0, 10, 72, 650, "Org.nr\u00A0222000-1234"));

  Page contents;
  contents.items.push_back(Text(1, 18, 72, 760, "Innehåll", Role::kHeading1));
  contents.items.push_back(Text(0, 11, 72, 730, "Förvaltningsberättelse", Role::kTocEntry));
  contents.items.push_back(Text(0, 11, 500, 730, "1", Role::kTocEntry));
  Link to_report;
  to_report.x = 72;
  to_report.y = 726;
  to_report.width = 440;
  to_report.height = 14;
  to_report.target_page = 2;
  to_report.target_y = 790;
  contents.items.push_back(to_report);
  contents.items.push_back(Text(0, 11, 72, 700, "www.finsam.se"));
  Link to_web;
  to_web.x = 72;
  to_web.y = 696;
  to_web.width = 80;
  to_web.height = 14;
  to_web.uri = "https://www.finsam.se/";
  contents.items.push_back(to_web);

  Page report;
  report.label = "1";
  report.items.push_back(Text(1, 18, 72, 770, "Förvaltningsberättelse", Role::kHeading1));
  report.items.push_back(Text(0, 10, 72, 740, "Årets resultat blev \u22121\u202F409 tkr.", Role::kParagraph));
  report.items.push_back(Text(0, 10, 72, 726, "ÅÄÖ åäö", Role::kParagraph));
  report.items.push_back(Rule{72, 720, 523, 720, 0.5, Color{0, 0, 0}});
  report.items.push_back(FilledRect{72, 600, 120, 40, Color{31, 78, 121}});
  FilledPath slice;
  slice.fill = Color{200, 80, 40};
  // A quarter of a circle of radius 50 about (300, 500), from 12 o'clock clockwise.
  const double k = 0.5523 * 50;  // the usual cubic approximation of a quarter arc
  slice.ops = {
      {PathOp::Kind::kMoveTo, 300, 500},
      {PathOp::Kind::kLineTo, 300, 550},
      {PathOp::Kind::kCurveTo, 300 + k, 550, 350, 500 + k, 350, 500},
      {PathOp::Kind::kClose},
  };
  report.items.push_back(slice);
  report.items.push_back(Text(0, 9, 290, 60, "1", Role::kArtifact));
  report.items.push_back(Watermark{0, 96, "UTKAST", Color{230, 230, 230}});

  document.pages = {cover, contents, report};
  document.outline = {{"Innehåll", 1, 1, 790}, {"Förvaltningsberättelse", 1, 2, 790}, {"Årets resultat", 2, 2, 750}};
  return document;
}

std::vector<std::string> DirectoryEntries(const path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : test::fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("a laid-out document renders to a PDF that the PDF tools accept") {
  test::TempDir dir;
  const path pdf = dir.path() / "arsredovisning.pdf";
  std::string error;
  REQUIRE(RenderPdf(SampleDocument(), pdf.string(), {}, &error));
  CHECK(error.empty());
  CHECK(DirectoryEntries(dir.path()) == std::vector<std::string>{"arsredovisning.pdf"});

  ToolRun check = RunToolWithErrors("qpdf --check " + Quote(pdf));
  INFO(check.output);
  CHECK(check.exit_code == 0);

  ToolRun fonts = RunToolWithErrors("pdffonts " + Quote(pdf));
  INFO(fonts.output);
  REQUIRE(fonts.exit_code == 0);
  std::istringstream font_lines(fonts.output);
  std::string line;
  int font_count = 0;
  bool past_header = false;
  while (std::getline(font_lines, line)) {
    if (line.rfind("----", 0) == 0) {
      past_header = true;
      continue;
    }
    if (!past_header || line.empty()) continue;
    ++font_count;
    CHECK(line.find("Carlito") != std::string::npos);
    CHECK(line.find(" yes ") != std::string::npos);  // the "emb" column comes first of the three
    CHECK(line.find("CID TrueType") != std::string::npos);
  }
  CHECK(font_count == 2);

  ToolRun text = RunToolWithErrors("pdftotext -enc UTF-8 " + Quote(pdf) + " -");
  INFO(text.output);
  REQUIRE(text.exit_code == 0);
  // pdftotext gives U+202F (and U+2009) back as an ordinary space, and splits the diagonal
  // watermark; both are checked in the content streams below.
  for (const char* expected : {"Årsredovisning 2023", "Samordningsförbundet i Jämtlands län", "Förvaltningsberättelse",
                               "Innehåll", "Årets resultat blev \u22121 409 tkr.", "ÅÄÖ åäö", "Org.nr 222000-1234"}) {
    CHECK(text.output.find(expected) != std::string::npos);
  }

  ToolRun info = RunToolWithErrors("pdfinfo -isodates " + Quote(pdf));
  INFO(info.output);
  REQUIRE(info.exit_code == 0);
  CHECK(PdfInfoField(info.output, "Title") == "Årsredovisning 2023");
  CHECK(PdfInfoField(info.output, "Author") == "Samordningsförbundet i Jämtlands län");
  CHECK(PdfInfoField(info.output, "Subject") == "Årsredovisning för räkenskapsåret 2023");
  CHECK(PdfInfoField(info.output, "Keywords") == "årsredovisning, samordningsförbund");
  CHECK(PdfInfoField(info.output, "Creator") == "arsred test");
  CHECK(PdfInfoField(info.output, "Producer") == "arsred");
  CHECK(PdfInfoField(info.output, "CreationDate") == "2024-03-15T00:00:00Z");
  CHECK(PdfInfoField(info.output, "ModDate") == "2024-04-02T00:00:00Z");
  CHECK(PdfInfoField(info.output, "Pages") == "3");

  // The objects themselves, uncompressed: links without border and printable, the outline, the
  // page labels, the /ID and the language.
  const path qdf = dir.path() / "qdf.pdf";
  REQUIRE(RunToolWithErrors("qpdf --qdf --object-streams=disable " + Quote(pdf) + " " + Quote(qdf)).exit_code == 0);
  const std::string objects = test::ReadFile(qdf);
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = objects.find(what); at != std::string::npos; at = objects.find(what, at + 1)) ++n;
    return n;
  };
  CHECK(count("/Subtype /Link") == 2);
  CHECK(count("/F 4") == 2);
  CHECK(count("/Border [\n    0\n    0\n    0\n  ]") == 2);
  CHECK(count("/URI (https://www.finsam.se/)") == 1);
  CHECK(count("/PageLabels") == 1);
  CHECK(count("/S /r") == 0);  // numbered from the first page, the cover included
  CHECK(count("/S /D") == 1);
  CHECK(count("/Lang (sv-SE)") == 1);
  CHECK(count("/PageMode /UseOutlines") == 1);
  CHECK(count("/ID [") == 1);
  CHECK(count("Haru") == 0);

  // The content streams: the narrow no-break space and the minus are drawn as such, the NBSP
  // as a space, and the watermark turned 45° and drawn first on its page, under everything else.
  // A kerned pair splits a TJ's string with its adjustment ("<…0054>10<0041…>"): read without
  // the adjustments, the strings give the text; with them, the kerning is there.
  const std::string unkerned = std::regex_replace(objects, std::regex(">-?[0-9]+<"), "");
  auto count_unkerned = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = unkerned.find(what); at != std::string::npos; at = unkerned.find(what, at + 1)) ++n;
    return n;
  };
  // "Årets resultat blev −1 409 tkr." with U+00C5, U+2212 and U+202F.
  CHECK(count_unkerned("00c5" + ContentHex("rets resultat blev ") + "22120031202f" + ContentHex("409 tkr.")) == 1);
  CHECK(count_unkerned(ContentHex("Org.nr 222000-1234")) == 1);
  CHECK(count_unkerned("[<" + ContentHex("UTKAS") + ContentHex("T") + ">] TJ") == 2);
  // S and T kerned, by the font's pair (tests/layout/font_metrics_test.cc checks the values).
  const std::regex kerned_watermark("<" + ContentHex("UTKAS") + ">[0-9]+<" + ContentHex("T") + ">");
  CHECK(std::distance(std::sregex_iterator(objects.begin(), objects.end(), kerned_watermark), std::sregex_iterator()) == 2);
  const std::string rotated = "0.70711 0.70711 -0.70711 0.70711 ";
  CHECK(count(rotated) == 2);
  for (size_t at = objects.find(rotated); at != std::string::npos; at = objects.find(rotated, at + 1)) {
    size_t stream_start = objects.rfind("stream", at);
    const std::string before = objects.substr(stream_start, at - stream_start);
    CHECK(before.find("TJ") == std::string::npos);
    const std::string rest_of_page = objects.substr(at, objects.find("endstream", at) - at);
    CHECK(rest_of_page.find("] TJ") != std::string::npos);
  }

  // Bookmarks with their Swedish titles, nested.
  ToolRun outline = RunToolWithErrors("qpdf --json=2 --json-key=outlines " + Quote(pdf));
  INFO(outline.output);
  REQUIRE(outline.exit_code == 0);
  CHECK(outline.output.find("\"title\": \"Förvaltningsberättelse\"") != std::string::npos);
  CHECK(outline.output.find("\"title\": \"Årets resultat\"") != std::string::npos);
}

TEST_CASE("the same document renders to the same bytes, wherever it is written") {
  test::TempDir first, second;
  const Document document = SampleDocument();
  std::string error;
  REQUIRE(RenderPdf(document, (first.path() / "a.pdf").string(), {}, &error));
  REQUIRE(RenderPdf(document, (first.path() / "b.pdf").string(), {}, &error));
  REQUIRE(RenderPdf(document, (second.path() / "rapport.pdf").string(), {}, &error));
  const std::string a = test::ReadFile(first.path() / "a.pdf");
  CHECK(a.size() > 1000);
  CHECK(a == test::ReadFile(first.path() / "b.pdf"));
  CHECK(a == test::ReadFile(second.path() / "rapport.pdf"));

  // Nor does it matter where the font files were read from.
  Document moved_fonts = document;
  for (FontFace& font : moved_fonts.fonts) {
    const path copy = second.path() / path(font.file).filename();
    test::fs::copy_file(font.file, copy);
    font = Face(copy.string(), font.name);
  }
  REQUIRE(RenderPdf(moved_fonts, (second.path() / "moved-fonts.pdf").string(), {}, &error));
  CHECK(a == test::ReadFile(second.path() / "moved-fonts.pdf"));

  // The /ID follows the content: one more line gives another one.
  Document changed = document;
  changed.pages[2].items.push_back(Text(0, 10, 72, 400, "Tillägg"));
  REQUIRE(RenderPdf(changed, (second.path() / "changed.pdf").string(), {}, &error));
  auto trailer_id = [](const path& pdf) { return RunToolWithErrors("qpdf --show-object=trailer " + Quote(pdf)).output; };
  const std::string id = trailer_id(first.path() / "a.pdf");
  CHECK(id.find("/ID [") != std::string::npos);
  CHECK(id != trailer_id(second.path() / "changed.pdf"));
}

TEST_CASE("a failed render leaves the previous PDF in place and nothing beside it") {
  test::TempDir dir;
  const path target = dir.path() / "arsredovisning.pdf";
  const std::string previous = "%PDF-1.3\nthe previous, good report\n";
  test::WriteFile(target, previous);
  std::string error;

  SECTION("a face that draws text but carries no font data") {
    Document document = SampleDocument();
    document.fonts[1].data = nullptr;
    CHECK_FALSE(RenderPdf(document, target.string(), {}, &error));
    CHECK(error.find("font 1 (Carlito-Bold) from " + document.fonts[1].file + " carries no font data") !=
          std::string::npos);
  }
  SECTION("a font file that is not a font") {
    test::TempDir fonts;
    const path garbage = fonts.path() / "Trasig-Bold.ttf";
    test::WriteFile(garbage, "not a font at all");
    Document document = SampleDocument();
    document.fonts[1] = Face(garbage.string(), "Carlito-Bold");
    CHECK_FALSE(RenderPdf(document, target.string(), {}, &error));
    CHECK(error.find("cannot read font 1 (Carlito-Bold) from " + garbage.string() + ": not a TrueType font") !=
          std::string::npos);
  }
  SECTION("a link to a page the document does not have") {
    Document document = SampleDocument();
    std::get<Link>(document.pages[1].items[3]).target_page = 7;
    CHECK_FALSE(RenderPdf(document, target.string(), {}, &error));
    CHECK(error.find("page 1, item 3: link to page 7") != std::string::npos);
  }
  SECTION("the file cannot be written") {
    // The temporary file's name is occupied by a directory, so that opening it fails (even for
    // root, who could write into a read-only directory).
    const std::string temp = target.string() + ".arsred-tmp-" + std::to_string(::getpid());
    test::fs::create_directory(temp);
    CHECK_FALSE(RenderPdf(SampleDocument(), target.string(), {}, &error));
    CHECK(error.find("cannot create " + temp + ": File exists") != std::string::npos);
  }
  SECTION("a date that is not a date") {
    Document document = SampleDocument();
    document.info.created = "15 mars 2024";
    CHECK_FALSE(RenderPdf(document, target.string(), {}, &error));
    CHECK(error.find("15 mars 2024") != std::string::npos);
  }
  SECTION("a date that does not exist") {
    Document document = SampleDocument();
    document.info.modified = "2023-02-29";
    CHECK_FALSE(RenderPdf(document, target.string(), {}, &error));
    CHECK(error.find("libharu error 0x1022 HPDF_INVALID_DATE_TIME") != std::string::npos);
  }
  INFO(error);
  CHECK(error.find(target.string()) != std::string::npos);
  CHECK(test::ReadFile(target) == previous);
  CHECK(DirectoryEntries(dir.path()) == std::vector<std::string>{"arsredovisning.pdf"});
}

// Points TMPDIR (and so std::filesystem::temp_directory_path) at `directory` while it lives.
class TemporaryDirectoryOverride {
 public:
  explicit TemporaryDirectoryOverride(const path& directory) {
    if (const char* previous = std::getenv("TMPDIR")) previous_ = previous;
    ::setenv("TMPDIR", directory.c_str(), 1);
  }
  ~TemporaryDirectoryOverride() {
    if (previous_) {
      ::setenv("TMPDIR", previous_->c_str(), 1);
    } else {
      ::unsetenv("TMPDIR");
    }
  }
  TemporaryDirectoryOverride(const TemporaryDirectoryOverride&) = delete;
  TemporaryDirectoryOverride& operator=(const TemporaryDirectoryOverride&) = delete;

 private:
  std::optional<std::string> previous_;
};

TEST_CASE("fonts are embedded as subsets of the characters drawn, leaving no files behind") {
  test::TempDir dir, scratch;
  const path pdf = dir.path() / "arsredovisning.pdf";
  std::string error;
  {
    TemporaryDirectoryOverride tmp(scratch.path());
    REQUIRE(RenderPdf(SampleDocument(), pdf.string(), {}, &error));
    CHECK(DirectoryEntries(scratch.path()).empty());
    // Also when drawing fails after the fonts were loaded.
    Document broken = SampleDocument();
    std::get<Link>(broken.pages[1].items[3]).target_page = 7;
    CHECK_FALSE(RenderPdf(broken, (dir.path() / "broken.pdf").string(), {}, &error));
    CHECK(DirectoryEntries(scratch.path()).empty());
  }
  CHECK(DirectoryEntries(dir.path()) == std::vector<std::string>{"arsredovisning.pdf"});

  // Each embedded font program is a few kilobytes, not Carlito's 630 KB.
  const path qdf = dir.path() / "qdf.pdf";
  REQUIRE(RunToolWithErrors("qpdf --qdf --object-streams=disable " + Quote(pdf) + " " + Quote(qdf)).exit_code == 0);
  const std::string objects = test::ReadFile(qdf);
  int font_programs = 0;
  for (size_t at = objects.find("/Length1 "); at != std::string::npos; at = objects.find("/Length1 ", at + 1)) {
    const long length = std::stol(objects.substr(at + 9, 12));
    INFO(length);
    CHECK(length < 40000);
    ++font_programs;
  }
  CHECK(font_programs == 2);
  // Composite fonts with the Identity ordering, whose codes (Unicode values) map to the subset's
  // glyphs through a map that ends at the highest character drawn, U+2212: 2 × 8 723 bytes in
  // the regular face, and 2 × ('ö' + 1) in the bold one, which draws "Förvaltningsberättelse".
  CHECK(objects.find("/Ordering (Identity)") != std::string::npos);
  CHECK(objects.find("/Ordering (Identity-H)") == std::string::npos);
  size_t maps = 0;
  for (size_t at = objects.find("/CIDToGIDMap "); at != std::string::npos; at = objects.find("/CIDToGIDMap ", at + 1)) {
    const std::string reference = objects.substr(at + 13, objects.find(" R", at) - at - 13);
    const size_t object = objects.find("\n" + reference + " obj\n");
    REQUIRE(object != std::string::npos);
    const size_t data = objects.find("stream\n", object) + 7;
    const size_t length = objects.find("\nendstream", data) - data;
    CHECK((length == 2 * (0x2212 + 1) || length == 2 * (0xF6 + 1)));
    ++maps;
  }
  CHECK(maps == 2);
}

// The sample document's fonts and information with one page of `items`, rendered into `dir`.
path RenderOnePage(const test::TempDir& dir, std::vector<PageItem> items) {
  Document document = SampleDocument();
  Page page;
  page.items = std::move(items);
  document.pages = {page};
  document.outline.clear();
  const path pdf = dir.path() / "one-page.pdf";
  std::string error;
  const bool rendered = RenderPdf(document, pdf.string(), {}, &error);
  INFO(error);
  REQUIRE(rendered);
  return pdf;
}

// The page's text object (BT ... ET), as qpdf writes it uncompressed.
std::string TextObject(const test::TempDir& dir, const path& pdf) {
  const path qdf = dir.path() / "qdf.pdf";
  REQUIRE(RunToolWithErrors("qpdf --qdf --object-streams=disable " + Quote(pdf) + " " + Quote(qdf)).exit_code == 0);
  const std::string objects = test::ReadFile(qdf);
  return objects.substr(objects.find("BT\n"), objects.find("ET\n") - objects.find("BT\n"));
}

// Where a reader finds each word: pdftotext's boxes.
class WordBoxes {
 public:
  explicit WordBoxes(const path& pdf) : boxes_(RunToolWithErrors("pdftotext -bbox " + Quote(pdf) + " -")) {
    REQUIRE(boxes_.exit_code == 0);
  }
  double Left(const std::string& word) const {
    INFO(boxes_.output);
    const size_t at = boxes_.output.find(">" + word + "</word>");
    REQUIRE(at != std::string::npos);
    const size_t attribute = boxes_.output.rfind("xMin=\"", at);
    return std::stod(boxes_.output.substr(attribute + 6));
  }

 private:
  ToolRun boxes_;
};

TEST_CASE("runs along one baseline share a TJ and land where layout put them") {
  // A justified line: each word carries its space, and the gaps after "Det " and "årliga " are
  // stretched by different amounts, as Knuth–Plass spreads the slack. "1 234" stands apart at
  // the right margin, as in a table, and gets a text matrix of its own.
  test::TempDir dir;
  const path pdf = RenderOnePage(dir, {Text(0, 11, 70.866, 700, "Det "), Text(0, 11, 92.5, 700, "årliga "),
                                       Text(0, 11, 126.25, 700, "samrådet."), Text(0, 11, 480, 700, "1\u202F234")});

  const std::string content = TextObject(dir, pdf);
  INFO(content);
  CHECK(content.find("1 0 0 1 70.866 700 Tm\n[<") != std::string::npos);
  CHECK(content.find("1 0 0 1 480 700 Tm\n[<") != std::string::npos);
  CHECK(std::count(content.begin(), content.end(), '[') == 2);

  // Where a reader finds each word: at layout's x, to within a thousandth of a point.
  WordBoxes boxes(pdf);
  CHECK(boxes.Left("Det") == Approx(70.866).margin(0.001));
  CHECK(boxes.Left("årliga") == Approx(92.5).margin(0.001));
  CHECK(boxes.Left("samrådet.") == Approx(126.25).margin(0.001));
}

TEST_CASE("a line whose letters are widened or narrowed is scaled by its text matrix, and lands where layout put it") {
  // Font expansion: the words of one line at 101.5 %, of another at 98.5 %. The gaps between
  // them are set in the scaled units, so that each word starts where layout put it.
  test::TempDir dir;
  std::vector<PageItem> runs = {Text(0, 11, 70.866, 700, "Det "), Text(0, 11, 92.5, 700, "årliga "),
                                Text(0, 11, 126.25, 700, "samrådet."), Text(0, 11, 70.866, 680, "Ett "),
                                Text(0, 11, 91, 680, "andra.")};
  for (size_t i = 0; i < runs.size(); ++i) std::get<GlyphRun>(runs[i]).scale = i < 3 ? 1.015 : 0.985;
  const path pdf = RenderOnePage(dir, runs);

  const std::string content = TextObject(dir, pdf);
  INFO(content);
  CHECK(content.find("1.015 0 0 1 70.866 700 Tm\n[<") != std::string::npos);
  CHECK(content.find("0.985 0 0 1 70.866 680 Tm\n[<") != std::string::npos);

  WordBoxes boxes(pdf);
  CHECK(boxes.Left("årliga") == Approx(92.5).margin(0.001));
  CHECK(boxes.Left("samrådet.") == Approx(126.25).margin(0.001));
  CHECK(boxes.Left("andra.") == Approx(91).margin(0.001));
}

TEST_CASE("text is drawn as two bytes a character, with the bytes a string must escape escaped") {
  // '(' ')' '\\' must be escaped in a literal string, and a CR byte would be read as LF: 'č'
  // (U+010D) has the byte 0x0D.
  test::TempDir dir;
  const path pdf = RenderOnePage(dir, {Text(0, 11, 72, 700, "(Čapek) a\\b č")});
  ToolRun text = RunToolWithErrors("pdftotext " + Quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  CHECK(text.output.find("(Čapek) a\\b č") != std::string::npos);
  CHECK(text.output.find("Syntax") == std::string::npos);  // poppler's complaints

  // Readers differ in what they do with a bare CR in a string; the stream has none.
  const path raw = dir.path() / "raw.pdf";
  REQUIRE(RunToolWithErrors("qpdf --qdf --normalize-content=n " + Quote(pdf) + " " + Quote(raw)).exit_code == 0);
  const std::string objects = test::ReadFile(raw);
  const size_t begin = objects.find("BT\n"), end = objects.find("ET\n", begin);
  REQUIRE(end != std::string::npos);
  const std::string content = objects.substr(begin, end - begin);
  CHECK(content.find(std::string("\x01\r", 2)) == std::string::npos);
  CHECK(content.find(std::string("\x01\\r", 3)) != std::string::npos);
  CHECK(content.find(std::string("(\0\\(\x01", 5)) != std::string::npos);  // '(' as 00 \( , then 'Č'
}

TEST_CASE("a font that draws nothing is not embedded, and needs no data") {
  test::TempDir dir;
  Document document = SampleDocument();
  document.fonts.push_back({(dir.path() / "Saknas-Italic.ttf").string(), "Carlito-Italic", nullptr, nullptr});
  const path pdf = dir.path() / "arsredovisning.pdf";
  std::string error;
  REQUIRE(RenderPdf(document, pdf.string(), {}, &error));
  ToolRun fonts = RunToolWithErrors("pdffonts " + Quote(pdf));
  INFO(fonts.output);
  CHECK(fonts.output.find("Carlito-Bold") != std::string::npos);
  CHECK(fonts.output.find("Italic") == std::string::npos);
}

// The number of dark pixels in columns [from, to) of a greyscale PGM (P5) image.
size_t DarkPixels(const std::string& pgm, size_t from, size_t to) {
  std::istringstream header(pgm);
  std::string magic;
  size_t width = 0, height = 0, max = 0;
  header >> magic >> width >> height >> max;
  REQUIRE(magic == "P5");
  REQUIRE(max == 255);
  const size_t pixels = static_cast<size_t>(header.tellg()) + 1;
  REQUIRE(pgm.size() == pixels + width * height);
  size_t dark = 0;
  for (size_t y = 0; y < height; ++y) {
    for (size_t x = from; x < std::min(to, width); ++x) dark += static_cast<unsigned char>(pgm[pixels + y * width + x]) < 128;
  }
  return dark;
}

TEST_CASE("composite letters draw all their parts from the subset") {
  // 'Å' is a composite glyph in Carlito ('A' and a ring), drawn here beside a plain 'A'.
  for (int font : {0, 1}) {
    INFO("font " << font);
    Document document = SampleDocument();
    Page page;
    page.width = 400;
    page.height = 300;
    page.items.push_back(Text(font, 200, 20, 40, "Å"));
    page.items.push_back(Text(font, 200, 220, 40, "A"));
    document.pages = {page};
    document.outline.clear();

    test::TempDir dir;
    const path pdf = dir.path() / "a.pdf";
    std::string error;
    REQUIRE(RenderPdf(document, pdf.string(), {}, &error));
    REQUIRE(RunToolWithErrors("pdftoppm -r 72 -gray " + Quote(pdf) + " " + Quote(dir.path() / "page")).exit_code == 0);
    const std::string image = test::ReadFile(dir.path() / "page-1.pgm");
    const size_t ring_a = DarkPixels(image, 0, 200), a = DarkPixels(image, 200, 400);
    CHECK(a > 1000);
    CHECK(ring_a > a + a / 20);  // the 'A' and more: the ring
    CHECK(ring_a < 2 * a);
  }
}

TEST_CASE("packing goes through qpdf, loaded on first use, and refuses what qpdf cannot read") {
  test::TempDir dir;
  const path pdf = dir.path() / "plain.pdf";
  std::string error;
  REQUIRE(RenderPdf(SampleDocument(), pdf.string(), {}, &error));
  const std::string plain = test::ReadFile(pdf);
  const std::string packed = PackObjects(plain);
  CHECK(packed.find("/ObjStm") != std::string::npos);
  CHECK(PackObjects(plain) == packed);  // deterministic
  test::WriteFile(dir.path() / "packed.pdf", packed);
  CHECK(RunToolWithErrors("qpdf --check " + Quote(dir.path() / "packed.pdf")).exit_code == 0);

  try {
    PackObjects("%PDF-1.7\nnot a PDF at all\n");
    FAIL("a damaged PDF was packed");
  } catch (const RenderFailure& failure) {
    CHECK(std::string(failure.what()).find("packing the structure tree into object streams (reading)") !=
          std::string::npos);
  }
}

TEST_CASE("a PDF cannot be written into a directory that does not exist") {
  test::TempDir dir;
  const path target = dir.path() / "saknas" / "arsredovisning.pdf";
  std::string error;
  CHECK_FALSE(RenderPdf(SampleDocument(), target.string(), {}, &error));
  INFO(error);
  CHECK(error.find("cannot create " + target.string() + ".arsred-tmp-") != std::string::npos);
  CHECK(error.find(": No such file or directory") != std::string::npos);
  CHECK(DirectoryEntries(dir.path()).empty());
}

}  // namespace
}  // namespace arsred

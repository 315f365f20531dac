#include <catch2/catch.hpp>
#include <clocale>
#include <locale>

#include "trace.h"

namespace arsred {
namespace {

Document TinyDocument() {
  Document document;
  document.info.title = "Årsredovisning \"2023\"";
  document.info.author = "Förbundet";
  document.info.created = "2024-03-15";
  document.fonts = {{"fonts/Carlito-Regular.ttf", "Carlito-Regular", nullptr, nullptr}};  // traced, not drawn
  document.outline = {{"Förvaltningsberättelse", 1, 1, 800.004}};

  Page cover;
  cover.label = "";
  cover.width = 595.276;
  cover.height = 841.89;
  GlyphRun title;
  title.size = 24;
  title.x = 72;
  title.y = 700.126;
  title.text = "Årsredovisning\u00A02023";
  title.role = Role::kTitle;
  title.structure = 3;
  cover.items.push_back(title);
  cover.items.push_back(Watermark{0, 96, "UTKAST", Color{230, 230, 230}});

  Page report;
  report.label = "1";
  GlyphRun minus;
  minus.x = -0.001;  // rounds to zero: printed without a sign
  minus.y = 10.006;
  minus.text = "\u22121\u202F409 kr\ttab\\";
  minus.color = Color{31, 78, 121};
  report.items.push_back(minus);
  report.items.push_back(Rule{72, 720, 523.5, 720, 0.25, Color{0, 0, 0}, Role::kArtifact});
  report.items.push_back(FilledRect{10, 20, 30.5, 40.25, Color{255, 0, 128}, Role::kFigure});
  FilledPath slice;
  slice.fill = Color{1, 2, 3};
  slice.ops = {{PathOp::Kind::kMoveTo, 1, 2}, {PathOp::Kind::kCurveTo, 3, 4, 5, 6, 7, 8}, {PathOp::Kind::kClose}};
  report.items.push_back(slice);
  Link internal;
  internal.x = 1;
  internal.y = 2;
  internal.width = 3;
  internal.height = 4;
  internal.target_page = 0;
  internal.target_y = 800;
  report.items.push_back(internal);
  Link external;
  external.uri = "https://example.se/?a=\"b\"";
  report.items.push_back(external);

  document.pages = {cover, report};
  return document;
}

const char* const kTinyTrace =
    "info title=\"Årsredovisning \\\"2023\\\"\"\n"
    "info author=\"Förbundet\"\n"
    "info subject=\"\"\n"
    "info keywords=\"\"\n"
    "info creator=\"\"\n"
    "info language=\"sv-SE\"\n"
    "info created=\"2024-03-15\" modified=\"\"\n"
    "font 0 name=\"Carlito-Regular\" file=\"Carlito-Regular.ttf\"\n"
    "outline level=1 page=1 y=800.00 \"Förvaltningsberättelse\"\n"
    "first_numbered_page 0\n"
    "page 0 label=\"\" size=595.28x841.89\n"
    "  text at=72.00,700.13 font=0 size=24.00 color=#000000 role=title structure=3 "
    "\"Årsredovisning\\u{00A0}2023\"\n"
    "  watermark font=0 size=96.00 color=#e6e6e6 \"UTKAST\"\n"
    "page 1 label=\"1\" size=595.28x841.89\n"
    "  text at=0.00,10.01 font=0 size=10.00 color=#1f4e79 role=paragraph \"\u22121\\u{202F}409 kr\\ttab\\\\\"\n"
    "  rule from=72.00,720.00 to=523.50,720.00 width=0.25 color=#000000 role=artifact\n"
    "  rect at=10.00,20.00 size=30.50x40.25 fill=#ff0080 role=figure\n"
    "  path fill=#010203 role=figure: M 1.00,2.00 C 3.00,4.00 5.00,6.00 7.00,8.00 Z\n"
    "  link at=1.00,2.00 size=3.00x4.00 to page=0 y=800.00\n"
    "  link at=0.00,0.00 size=0.00x0.00 uri=\"https://example.se/?a=\\\"b\\\"\"\n";

TEST_CASE("the trace prints every item of every page, one line each") {
  CHECK(TraceDocument(TinyDocument()) == kTinyTrace);
}

// A decimal comma and digit grouping, as in a Swedish locale, for iostreams.
struct SwedishNumbers : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return ' '; }
  std::string do_grouping() const override { return "\3"; }
};

TEST_CASE("the trace does not depend on the locale") {
  const std::locale cpp_before = std::locale::global(std::locale(std::locale::classic(), new SwedishNumbers));
  // The C locale too, where the system has one with a decimal comma (printf would follow it).
  const std::string c_before = std::setlocale(LC_ALL, nullptr);
  const bool c_locale_changed =
      std::setlocale(LC_ALL, "sv_SE.UTF-8") != nullptr || std::setlocale(LC_ALL, "de_DE.UTF-8") != nullptr;
  const std::string trace = TraceDocument(TinyDocument());
  std::setlocale(LC_ALL, c_before.c_str());
  std::locale::global(cpp_before);
  INFO("a C locale with a decimal comma was " << (c_locale_changed ? "" : "not ") << "available");
  CHECK(trace == kTinyTrace);
}

TEST_CASE("an empty document traces its header only") {
  CHECK(TraceDocument(Document{}) ==
        "info title=\"\"\n"
        "info author=\"\"\n"
        "info subject=\"\"\n"
        "info keywords=\"\"\n"
        "info creator=\"\"\n"
        "info language=\"sv-SE\"\n"
        "info created=\"\" modified=\"\"\n"
        "first_numbered_page 0\n");
}

}  // namespace
}  // namespace arsred

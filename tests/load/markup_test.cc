#include <catch2/catch.hpp>

#include <algorithm>

#include "markup.h"

namespace arsred {
namespace {

MarkupDoc Parse(const std::string& raw, Diagnostics& d, int first_line = 10, int indent = 2) {
  Text text;
  text.raw = raw;
  text.block = true;
  text.first_line = first_line;
  text.indent = indent;
  return ParseMarkup(text, Where{0, first_line - 1, 1}, "text", d);
}

TEST_CASE("blocks: headings, paragraphs joined from lines, lists, small print, embeds") {
  Diagnostics d;
  MarkupDoc doc = Parse("# Förvaltningsberättelse\n\n## Om förbundet\nFörsta raden\nandra raden.\n\n"
                        "- en punkt\n  som fortsätter\n- två\n\n> Liten text.\n\n[[tabell:deltagare]]\n",
                        d);
  CHECK(d.all().empty());
  REQUIRE(doc.blocks.size() == 7);
  CHECK(doc.blocks[0].kind == Block::Kind::kHeading);
  CHECK(doc.blocks[0].level == 1);
  CHECK(doc.blocks[1].level == 2);
  CHECK(doc.blocks[2].kind == Block::Kind::kParagraph);
  CHECK(doc.blocks[2].inlines[0].text == "Första raden andra raden.");
  CHECK(doc.blocks[3].kind == Block::Kind::kBulletItem);
  CHECK(doc.blocks[3].inlines[0].text == "en punkt som fortsätter");
  CHECK(doc.blocks[4].kind == Block::Kind::kBulletItem);
  CHECK(doc.blocks[5].kind == Block::Kind::kSmallPrint);
  CHECK(doc.blocks[6].kind == Block::Kind::kEmbed);
  CHECK(doc.blocks[6].embed == "tabell:deltagare");
  CHECK(doc.blocks[6].where.line == 22);
  CHECK(doc.blocks[6].where.column == 3);
}

TEST_CASE("placeholders keep their own position, formats and the prior-year prefix") {
  Diagnostics d;
  MarkupDoc doc = Parse("Resultatet blev\nett underskott på {rr.arets_resultat|tkr,abs} tkr mot {fg.rr.arets_resultat}.\n", d);
  CHECK(d.all().empty());
  const auto& spans = doc.blocks.at(0).inlines;
  REQUIRE(spans.size() == 5);
  CHECK(spans[1].kind == Inline::Kind::kPlaceholder);
  CHECK(spans[1].text == "rr.arets_resultat");
  CHECK(spans[1].formats == std::vector<std::string>{"tkr", "abs"});
  CHECK(spans[1].where.line == 11);
  CHECK(spans[1].where.column == 22);
  CHECK(spans[3].text == "fg.rr.arets_resultat");
}

TEST_CASE("emphasis needs a flanking pair — lone asterisks stay text") {
  Diagnostics d;
  MarkupDoc doc = Parse("Utbildning BIP*: om BIP-studien*. Se *viktigt* och **mycket viktigt**.\n", d);
  CHECK(d.all().empty());
  const auto& spans = doc.blocks.at(0).inlines;
  REQUIRE(spans.size() == 5);
  CHECK(spans[0].text == "Utbildning BIP*: om BIP-studien*. Se ");
  CHECK(spans[1].kind == Inline::Kind::kEmphasis);
  CHECK(spans[1].text == "viktigt");
  CHECK(spans[3].kind == Inline::Kind::kStrong);
  CHECK(spans[3].text == "mycket viktigt");
}

TEST_CASE("links, literal braces and escapes") {
  Diagnostics d;
  MarkupDoc doc = Parse("Se <https://kfkl.se/rapport.pdf> och {{klamrar}} och \\*stjärna\\*.\n", d);
  CHECK(d.all().empty());
  const auto& spans = doc.blocks.at(0).inlines;
  REQUIRE(spans.size() == 3);
  CHECK(spans[1].kind == Inline::Kind::kLink);
  CHECK(spans[1].text == "https://kfkl.se/rapport.pdf");
  CHECK(spans[2].text == " och {klamrar} och *stjärna*.");
}

TEST_CASE("links go to the web or to an e-mail address, never to a script or a file") {
  Diagnostics d;
  MarkupDoc doc = Parse("Skriv till <mailto:kansli@forbundet.se> eller se <HTTPS://forbundet.se>.\n", d);
  CHECK(d.all().empty());
  const auto& spans = doc.blocks.at(0).inlines;
  REQUIRE(spans.size() == 5);
  CHECK(spans[1].kind == Inline::Kind::kLink);
  CHECK(spans[1].text == "mailto:kansli@forbundet.se");
  CHECK(spans[3].kind == Inline::Kind::kLink);
  // Another scheme is refused where it stands, and kept as text (not as a link).
  for (const char* link : {"<javascript:alert(1)>", "<JavaScript:alert(1)>", "<file:///etc/passwd>", "<data:text/html,x>"}) {
    Diagnostics refused;
    MarkupDoc text = Parse(std::string("Se ") + link + ".\n", refused);
    INFO(link);
    REQUIRE(refused.all().size() == 1);
    CHECK(refused.all()[0].code == "markup.link");
    CHECK(refused.all()[0].where.column == 6);
    for (const Inline& span : text.blocks.at(0).inlines) CHECK(span.kind != Inline::Kind::kLink);
  }
  // "<" before a word with a colon, with a space before any ">", is only text.
  Diagnostics plain;
  Parse("Antalet <Obs: preliminärt> och 3 < 4.\n", plain);
  CHECK(plain.all().empty());
}

// Each finding as "code@line:column", sorted.
std::vector<std::string> LocatedCodes(const Diagnostics& d) {
  std::vector<std::string> codes;
  for (const auto& diagnostic : d.all()) {
    codes.push_back(diagnostic.code + "@" + std::to_string(diagnostic.where.line) + ":" +
                    std::to_string(diagnostic.where.column));
  }
  std::sort(codes.begin(), codes.end());
  return codes;
}

TEST_CASE("markup errors are located") {
  Diagnostics d;
  Parse("# A\n### C\nText {öppen\n##### fem\n[[inte stängd\nSe <https://x\n", d);
  CHECK(LocatedCodes(d) == std::vector<std::string>{"markup.brace@12:8", "markup.embed@14:3", "markup.heading@13:3",
                                          "markup.heading_level@11:3", "markup.link@15:6"});
}

TEST_CASE("an embed inside a line of text is an error where it starts, not text to print") {
  Diagnostics d;
  Parse("Se tabellen nedan.\nSå här: [[tabell:deltagare]] visar det.\n- en punkt [[diagram:x]]\n", d);
  // Columns count characters: "Så här: " is eight, though nine bytes.
  CHECK(LocatedCodes(d) == std::vector<std::string>{"markup.embed@11:11", "markup.embed@12:14"});
  Diagnostics plain;
  Parse("Ett [[ utan slut, och ]] för sig.\n[[flerarsoversikt]]\n", plain);
  CHECK(plain.all().size() == 1);  // the first line, whose brackets read as one; the embed alone is fine
}

TEST_CASE("every byte of a text span keeps its place: joined lines, escapes, UTF-8, emphasis") {
  Diagnostics d;
  // Line 10 from column 3 (indent 2): "Ökade med", then line 11: "1 409 tkr {{x}} och **4 696** tkr".
  MarkupDoc doc = Parse("Ökade med\n1 409 tkr {{x}} och **4 696** tkr.\n", d);
  CHECK(d.all().empty());
  const auto& spans = doc.blocks.at(0).inlines;
  REQUIRE(spans.size() == 3);
  auto at = [](const Inline& span, const std::string& what) {
    Where w = span.At(span.text.find(what));
    return std::to_string(w.line) + ":" + std::to_string(w.column);
  };
  CHECK(spans[0].text == "Ökade med 1 409 tkr {x} och ");
  CHECK(at(spans[0], "med") == "10:9");   // after the two-byte Ö, still one column each
  CHECK(at(spans[0], "1 409") == "11:3");  // on the next line
  CHECK(at(spans[0], "tkr") == "11:9");
  CHECK(at(spans[0], "och") == "11:19");   // after "{{x}}", which is five columns as written
  CHECK(spans[1].kind == Inline::Kind::kStrong);
  CHECK(at(spans[1], "696") == "11:27");
  CHECK(at(spans[2], "tkr") == "11:33");
}

TEST_CASE("a text that does not keep its lines reports every byte at the scalar") {
  Diagnostics d;
  Text text;
  text.raw = "Rad ett\nrad två 1 409 tkr";
  text.block = false;
  MarkupDoc doc = ParseMarkup(text, Where{0, 4, 7}, "text", d);
  const Inline& span = doc.blocks.at(0).inlines.at(0);
  Where w = span.At(span.text.find("1 409"));
  CHECK(w.line == 4);
  CHECK(w.column == 7);
}

}  // namespace
}  // namespace arsred

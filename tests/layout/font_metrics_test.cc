// Font metrics: Carlito's widths agree with libharu's, a hand-built font exercises every cmap path,
// and damaged files are refused without a crash.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>

#include "font_metrics.h"
#include "test_util.h"

namespace arsred::test {
namespace {

std::unique_ptr<FontMetrics> LoadCarlito(const std::string& style = "Regular") {
  std::string error;
  auto font = FontMetrics::Load((kSourceDir / "fonts" / ("Carlito-" + style + ".ttf")).string(), &error);
  INFO(error);
  REQUIRE(font);
  return font;
}

// The width of a text without kerning: its characters' advances.
int Unkerned(const FontMetrics& font, std::string_view text) {
  int total = 0;
  ForEachCodePoint(text, [&](char32_t cp) { total += font.Advance(cp); });
  return total;
}

// Widths in 1/1000 em as libharu 2.3.0 reports them: HPDF_Font_TextWidth(font, text).width with
// the font loaded by HPDF_LoadTTFontFromFile(fonts/Carlito-*.ttf) and HPDF_GetFont(..., "UTF-8"),
// printed by a throwaway program. The same program compared Advance with libharu for every BMP
// code point of all four Carlito files: no difference. libharu does not kern.
TEST_CASE("Carlito widths are libharu's") {
  auto regular = LoadCarlito();
  CHECK(regular->units_per_em() == 2048);
  CHECK(regular->Advance(U'a') == 479);
  CHECK(regular->Advance(U' ') == 226);
  CHECK(regular->Advance(U'0') == 506);
  CHECK(regular->Advance(U'-') == 306);
  CHECK(regular->Advance(U'\u00D6') == 662);  // Ö
  CHECK(regular->Advance(U'\u2009') == 199);  // thin space
  CHECK(regular->Advance(U'\u2013') == 498);  // en dash
  CHECK(regular->Advance(U'\u2212') == 498);  // minus
  CHECK(Unkerned(*regular, "Hej") == 1359);
  CHECK(regular->Width("Hej", 12) == Approx(16.308));  // no kerned pair in it
  CHECK(Unkerned(*regular, "Årsredovisning 2023") == 8284);
  CHECK(Unkerned(*regular, "Samordningsförbundet i Jämtlands län") == 15605);
  CHECK(Unkerned(*regular, "Förvaltningsberättelse") == 9098);
  CHECK(Unkerned(*regular, "1 234 567 kr") == 5022);
  CHECK(regular->Width("", 12) == 0);

  auto bold = LoadCarlito("Bold");
  CHECK(bold->Advance(U'a') == 493);
  CHECK(Unkerned(*bold, "Hej") == 1388);
  CHECK(Unkerned(*bold, "Förvaltningsberättelse") == 9324);
  CHECK(Unkerned(*LoadCarlito("Italic"), "Hej") == 1339);
  CHECK(Unkerned(*LoadCarlito("BoldItalic"), "Hej") == 1376);
}

// Kerning as HarfBuzz's own tool gives it: `hb-shape --features=-liga,-clig,-calt,kern
// fonts/Carlito-Regular.ttf Te` (HarfBuzz 6.0.0) gives T an advance of 816 units of 2048 where
// alone it has 998: -182 units, -88.9/1000 em, -89 rounded. Likewise Vå 1048 against 1162, T.
// 795, r, 538 against 714, AV 1096 against 1185; ab is not kerned.
TEST_CASE("Carlito's kerning is the font's, as HarfBuzz applies it, and widths include it") {
  auto regular = LoadCarlito();
  CHECK(regular->Kerning(U'T', U'e') == -89);
  CHECK(regular->Kerning(U'V', U'\u00E5') == -56);  // Vå
  CHECK(regular->Kerning(U'T', U'.') == -99);
  CHECK(regular->Kerning(U'r', U',') == -86);
  CHECK(regular->Kerning(U'A', U'V') == -43);
  CHECK(regular->Kerning(U'a', U'b') == 0);
  CHECK(regular->Kerning(U'T', U'\u00A0') == 0);  // a character the font lacks: no kerning
  CHECK(regular->Width("Te", 1000) == regular->Advance(U'T') + regular->Advance(U'e') - 89);
  CHECK(regular->Width("Tekniska Verket.", 1000) < Unkerned(*regular, "Tekniska Verket."));
  // Asked again, the same (the pair is looked up once and kept).
  CHECK(regular->Kerning(U'T', U'e') == -89);
}

TEST_CASE("Carlito lacks the no-break space, which measures as .notdef") {
  auto font = LoadCarlito();
  CHECK_FALSE(font->HasGlyph(U'\u00A0'));
  CHECK_FALSE(font->HasGlyph(U'\u00AD'));  // soft hyphen
  CHECK_FALSE(font->HasGlyph(U'\u2011'));  // non-breaking hyphen
  CHECK(font->HasGlyph(U'\u202F'));        // narrow no-break space
  CHECK(font->HasGlyph(U'\u2212'));
  CHECK(font->HasGlyph(U'å'));
  // libharu gives a missing character the width of glyph 0 (.notdef): 506 in Carlito.
  CHECK(font->Advance(U'\u00A0') == 506);
  CHECK(font->Advance(U'\U0001F600') == 506);  // outside the BMP: never mapped
}

// Read back from Carlito's OS/2 table (version 3): sTypoAscender 1536, sTypoDescender -512,
// sCapHeight 1314, sxHeight 978 in 2048 units per em.
TEST_CASE("Carlito's vertical metrics come from OS/2") {
  auto font = LoadCarlito();
  CHECK(font->ascender() == 750);
  CHECK(font->descender() == -250);
  CHECK(font->cap_height() == 641);
  CHECK(font->x_height() == 477);
}

// ---- A TrueType file built by hand, small enough to reason about every byte. ----

class FontBuilder {
 public:
  void AddTable(const char (&tag)[5], std::string data) { tables_.push_back({tag, std::move(data)}); }
  std::string Build() const {
    std::string font;
    Put32(font, 0x00010000);
    Put16(font, static_cast<uint16_t>(tables_.size()));
    Put16(font, 0);  // searchRange, entrySelector, rangeShift: unused by the reader
    Put16(font, 0);
    Put16(font, 0);
    size_t offset = 12 + 16 * tables_.size();
    for (const auto& [tag, data] : tables_) {
      font += tag;
      Put32(font, 0);  // checksum
      Put32(font, static_cast<uint32_t>(offset));
      Put32(font, static_cast<uint32_t>(data.size()));
      offset += data.size();
    }
    for (const auto& table : tables_) font += table.second;
    return font;
  }

  static void Put16(std::string& out, uint32_t value) {
    out += static_cast<char>(value >> 8 & 0xFF);
    out += static_cast<char>(value & 0xFF);
  }
  static void Put32(std::string& out, uint32_t value) {
    Put16(out, value >> 16);
    Put16(out, value & 0xFFFF);
  }

 private:
  std::vector<std::pair<std::string, std::string>> tables_;
};

std::string Zeros(size_t n) { return std::string(n, '\0'); }

std::string Head(uint16_t units_per_em) {
  std::string head = Zeros(18);
  FontBuilder::Put16(head, units_per_em);
  return head + Zeros(54 - 20);
}

std::string Hhea(int16_t ascender, int16_t descender, uint16_t metric_count) {
  std::string hhea = Zeros(4);
  FontBuilder::Put16(hhea, static_cast<uint16_t>(ascender));
  FontBuilder::Put16(hhea, static_cast<uint16_t>(descender));
  hhea += Zeros(34 - 8);
  FontBuilder::Put16(hhea, metric_count);
  return hhea;
}

std::string Maxp(uint16_t glyph_count) {
  std::string maxp;
  FontBuilder::Put32(maxp, 0x00005000);
  FontBuilder::Put16(maxp, glyph_count);
  return maxp;
}

std::string Hmtx(const std::vector<uint16_t>& advances) {
  std::string hmtx;
  for (uint16_t advance : advances) {
    FontBuilder::Put16(hmtx, advance);
    FontBuilder::Put16(hmtx, 0);  // left side bearing
  }
  return hmtx;
}

std::string Os2(uint16_t version, int16_t ascender, int16_t descender, int16_t x_height, int16_t cap_height) {
  std::string os2;
  FontBuilder::Put16(os2, version);
  os2 += Zeros(68 - 2);
  FontBuilder::Put16(os2, static_cast<uint16_t>(ascender));
  FontBuilder::Put16(os2, static_cast<uint16_t>(descender));
  os2 += Zeros(86 - 72);
  FontBuilder::Put16(os2, static_cast<uint16_t>(x_height));
  FontBuilder::Put16(os2, static_cast<uint16_t>(cap_height));
  return os2 + Zeros(96 - 90);
}

struct Segment {
  uint16_t start, end;
  uint16_t delta;
  std::vector<uint16_t> glyphs;  // through idRangeOffset when not empty
};

std::string CmapFormat4(const std::vector<Segment>& segments) {
  auto seg_count = static_cast<uint16_t>(segments.size());
  std::string table;
  auto put = [&](uint32_t value) { FontBuilder::Put16(table, value); };
  put(4);
  put(0);  // length: the reader does not trust it
  put(0);
  put(seg_count * 2u);
  put(0);
  put(0);
  put(0);
  for (const Segment& s : segments) put(s.end);
  put(0);  // reservedPad
  for (const Segment& s : segments) put(s.start);
  for (const Segment& s : segments) put(s.delta);
  // idRangeOffset: bytes from this entry to the segment's first glyph in glyphIdArray.
  size_t array_index = 0;
  for (size_t i = 0; i < segments.size(); ++i) {
    if (segments[i].glyphs.empty()) {
      put(0);
    } else {
      put(static_cast<uint32_t>(2 * (segments.size() - i + array_index)));
      array_index += segments[i].glyphs.size();
    }
  }
  for (const Segment& s : segments) {
    for (uint16_t glyph : s.glyphs) put(glyph);
  }
  return table;
}

struct Group {
  uint32_t start, end, first_glyph;
};

std::string CmapFormat12(const std::vector<Group>& groups) {
  std::string table;
  FontBuilder::Put16(table, 12);
  FontBuilder::Put16(table, 0);
  FontBuilder::Put32(table, static_cast<uint32_t>(16 + 12 * groups.size()));
  FontBuilder::Put32(table, 0);
  FontBuilder::Put32(table, static_cast<uint32_t>(groups.size()));
  for (const Group& g : groups) {
    FontBuilder::Put32(table, g.start);
    FontBuilder::Put32(table, g.end);
    FontBuilder::Put32(table, g.first_glyph);
  }
  return table;
}

std::string Cmap(const std::string& format4, const std::string& format12) {
  std::string cmap;
  FontBuilder::Put16(cmap, 0);
  FontBuilder::Put16(cmap, 2);
  FontBuilder::Put16(cmap, 3);
  FontBuilder::Put16(cmap, 1);
  FontBuilder::Put32(cmap, 4 + 2 * 8);
  FontBuilder::Put16(cmap, 3);
  FontBuilder::Put16(cmap, 10);
  FontBuilder::Put32(cmap, static_cast<uint32_t>(4 + 2 * 8 + format4.size()));
  return cmap + format4 + format12;
}

// 2048 units per em; 8 glyphs, of which only the first 6 have their own advance.
//   A–C → glyphs 1–3 by idDelta; Z → glyph 9, which does not exist;
//   å æ → glyphIdArray [4, 0] plus idDelta 1, so å → 5 and æ → none (0 stays 0);
//   format 12: U+2212 → 6, U+1F600 → 6 (not in the BMP), A → 7 (format 4 already maps A).
std::string TestFont(bool with_os2 = true) {
  std::string format4 = CmapFormat4({
      {0x41, 0x43, static_cast<uint16_t>(1 - 0x41), {}},
      {0x5A, 0x5A, static_cast<uint16_t>(9 - 0x5A), {}},
      {0xE5, 0xE6, 1, {4, 0}},
      {0xFFFF, 0xFFFF, 1, {}},
  });
  std::string format12 = CmapFormat12({{0x41, 0x41, 7}, {0x2212, 0x2212, 6}, {0x1F600, 0x1F600, 6}});
  FontBuilder builder;
  // OS/2 comes first and cmap last, so that cutting the file anywhere damages a required table.
  if (with_os2) builder.AddTable("OS/2", Os2(2, 1600, -500, 1000, 1400));
  builder.AddTable("head", Head(2048));
  builder.AddTable("hhea", Hhea(1800, -400, 6));
  builder.AddTable("maxp", Maxp(8));
  builder.AddTable("hmtx", Hmtx({1000, 1024, 2048, 1229, 512, 1536}));
  builder.AddTable("cmap", Cmap(format4, format12));
  return builder.Build();
}

std::unique_ptr<FontMetrics> LoadBytes(const std::string& bytes, std::string* error) {
  TempDir dir;
  WriteFile(dir.path() / "font.ttf", bytes);
  return FontMetrics::Load((dir.path() / "font.ttf").string(), error);
}

TEST_CASE("a hand-built font: cmap formats 4 and 12, hmtx, vertical metrics") {
  std::string error;
  auto font = LoadBytes(TestFont(), &error);
  INFO(error);
  REQUIRE(font);
  // floor(advance × 1000 / 2048): 1000 → 488, 1024 → 500, 2048 → 1000, 1229 → 600, 512 → 250,
  // 1536 → 750.
  CHECK(font->Advance(U'?') == 488);  // unmapped: .notdef
  CHECK(font->Advance(U'A') == 500);  // format 4's glyph 1, not format 12's glyph 7
  CHECK(font->Advance(U'B') == 1000);
  CHECK(font->Advance(U'C') == 600);
  CHECK(font->Advance(U'å') == 750);  // glyph 5: 4 from glyphIdArray plus idDelta 1
  CHECK(font->HasGlyph(U'å'));
  CHECK_FALSE(font->HasGlyph(U'æ'));
  CHECK_FALSE(font->HasGlyph(U'Z'));  // mapped to a glyph past maxp's count
  CHECK(font->Advance(U'Z') == 488);
  CHECK(font->HasGlyph(U'\u2212'));
  CHECK(font->Advance(U'\u2212') == 750);  // glyph 6 repeats the last advance in hmtx
  CHECK_FALSE(font->HasGlyph(U'\U0001F600'));
  CHECK_FALSE(font->HasGlyph(0xFFFF));
  CHECK(font->Width("ABC", 10) == Approx(21.0));
  CHECK(font->Width("AB\u2212", 1000) == 2250);

  CHECK(font->ascender() == 781);      // 1600 × 1000 / 2048 = 781.25
  CHECK(font->descender() == -245);    // -500 × 1000 / 2048 = -244.1, rounded down
  CHECK(font->x_height() == 488);
  CHECK(font->cap_height() == 683);

  auto without_os2 = LoadBytes(TestFont(false), &error);
  REQUIRE(without_os2);
  CHECK(without_os2->ascender() == 878);    // hhea: 1800
  CHECK(without_os2->descender() == -196);  // hhea: -400
  CHECK(without_os2->cap_height() == 0);    // unknown
}

TEST_CASE("a font file is mapped whole — a directory is refused") {
  TempDir dir;
  WriteFile(dir.path() / "font.ttf", TestFont());
  WriteFile(dir.path() / "empty.ttf", "");
  std::string error;
  const std::unique_ptr<FontFile> file = FontFile::Open((dir.path() / "font.ttf").string(), &error);
  REQUIRE(file);
  CHECK(file->bytes() == TestFont());
  const std::unique_ptr<FontFile> empty = FontFile::Open((dir.path() / "empty.ttf").string(), &error);
  REQUIRE(empty);
  CHECK(empty->bytes().empty());
  CHECK_FALSE(FontFile::Open(dir.path().string(), &error));
  CHECK(error == dir.path().string() + ": cannot read the file: not a regular file");
}

TEST_CASE("damaged or foreign files are refused with a reason, never a crash") {
  std::string error;
  CHECK_FALSE(FontMetrics::Load("/nonexistent/font.ttf", &error));
  CHECK_THAT(error, Catch::Contains("cannot read"));

  CHECK_FALSE(LoadBytes("", &error));
  CHECK_FALSE(LoadBytes("Det här är ingen font.\n", &error));
  CHECK_THAT(error, Catch::Contains("not a TrueType font"));
  CHECK_FALSE(LoadBytes("OTTO" + Zeros(100), &error));
  CHECK_THAT(error, Catch::Contains("CFF"));

  std::string carlito = ReadFile(kSourceDir / "fonts" / "Carlito-Regular.ttf");
  REQUIRE(carlito.size() > 100000);
  CHECK_FALSE(LoadBytes(carlito.substr(0, 1000), &error));
  CHECK_FALSE(LoadBytes(carlito.substr(0, carlito.size() / 2), &error));  // metrics intact, glyf cut
  CHECK_THAT(error, Catch::Contains("truncated"));

  // Every proper prefix of the hand-built font cuts into its last table, cmap.
  std::string good = TestFont();
  for (size_t length = 0; length < good.size(); ++length) {
    INFO("length " << length);
    CHECK_FALSE(LoadBytes(good.substr(0, length), &error));
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("fonts with random damage load or fail, but every answer stays in range") {
  std::mt19937 random(20240601);
  std::string good = TestFont();
  std::string error;
  int loaded = 0;
  for (int round = 0; round < 300; ++round) {
    std::string bad = good;
    for (int flips = 0; flips < 4; ++flips) {
      bad[std::uniform_int_distribution<size_t>(0, bad.size() - 1)(random)] = static_cast<char>(random());
    }
    auto font = LoadBytes(bad, &error);
    if (!font) continue;
    ++loaded;
    CHECK(font->units_per_em() >= 16);
    for (char32_t cp : {U'A', U'B', U'C', U'Z', U'å', U'\u2212', U'\uFFFF'}) {
      CHECK(font->Advance(cp) >= 0);
      CHECK(font->Advance(cp) <= 65535 * 1000 / 16);
    }
  }
  CHECK(loaded > 0);  // some damage (e.g. to glyph advances) leaves a usable font
  for (int round = 0; round < 100; ++round) {
    std::string garbage("\x00\x01\x00\x00\x00\x00\x00\x00", 8);
    for (int i = 0; i < 400; ++i) garbage += static_cast<char>(random());
    garbage[5] = 20;  // claim 20 tables
    CHECK_FALSE(LoadBytes(garbage, &error));
  }
}

TEST_CASE("UTF-8 decodes and encodes, and broken input decodes to U+FFFD without over-reading") {
  CHECK(DecodeUtf8("Sä\u2212\U0001F600") == U"Sä\u2212\U0001F600");
  CHECK(EncodeUtf8(U"Sä\u2212\U0001F600") == "Sä\u2212\U0001F600");
  CHECK(DecodeUtf8("") == U"");
  CHECK(DecodeUtf8("a\xC3") == U"a\uFFFD");           // truncated two-byte sequence
  CHECK(DecodeUtf8("\xE2\x88") == U"\uFFFD\uFFFD");   // truncated three-byte sequence
  CHECK(DecodeUtf8("\xE2\x41\x42") == U"\uFFFDAB");  // continuation byte missing
  CHECK(DecodeUtf8("\xFF") == U"\uFFFD");
  CHECK(EncodeUtf8(std::u32string(1, 0xD800)) == "\uFFFD");  // a lone surrogate is not encodable
}

}  // namespace
}  // namespace arsred::test

#include "font_subset.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <random>

#include "font_metrics.h"
#include "test_util.h"

namespace arsred {
namespace {

using test::fs::path;

std::string CarlitoBytes(const std::string& file = "Carlito-Regular.ttf") {
  const path vendored = test::kSourceDir / "fonts" / file;
  return test::ReadFile(test::fs::exists(vendored) ? vendored : path("/usr/share/fonts/truetype/crosextra") / file);
}

std::vector<char32_t> CodePoints(std::string_view utf8) {
  std::u32string decoded = DecodeUtf8(utf8);
  return {decoded.begin(), decoded.end()};
}

std::string Subset(const std::string& font, std::string_view text) {
  std::string error;
  std::optional<std::string> subset = SubsetTrueType(font, CodePoints(text), &error);
  INFO(error);
  REQUIRE(subset);
  CHECK(error.empty());
  return *subset;
}

std::unique_ptr<FontMetrics> LoadMetrics(const test::TempDir& dir, const std::string& name, const std::string& bytes) {
  test::WriteFile(dir.path() / name, bytes);
  std::string error;
  std::unique_ptr<FontMetrics> metrics = FontMetrics::Load((dir.path() / name).string(), &error);
  INFO(error);
  REQUIRE(metrics);
  return metrics;
}

// --- A small sfnt reader, independent of the one under test, for looking inside subsets. ---

uint32_t U32(std::string_view data, size_t at) {
  REQUIRE(at + 4 <= data.size());
  return static_cast<uint32_t>(static_cast<unsigned char>(data[at])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(data[at + 1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(data[at + 2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(data[at + 3]));
}

uint16_t U16(std::string_view data, size_t at) {
  REQUIRE(at + 2 <= data.size());
  return static_cast<uint16_t>(static_cast<unsigned char>(data[at]) << 8 | static_cast<unsigned char>(data[at + 1]));
}

struct TableRecord {
  uint32_t checksum, offset, length;
};

struct Sfnt {
  std::string_view file;
  std::map<std::string, TableRecord> records;
  std::vector<std::string> order;  // tags as listed in the directory

  explicit Sfnt(std::string_view bytes) : file(bytes) {
    const uint16_t count = U16(file, 4);
    for (size_t i = 0; i < count; ++i) {
      const std::string tag(file.substr(12 + 16 * i, 4));
      records[tag] = {U32(file, 12 + 16 * i + 4), U32(file, 12 + 16 * i + 8), U32(file, 12 + 16 * i + 12)};
      order.push_back(tag);
    }
  }

  std::string_view Table(const std::string& tag) const {
    auto found = records.find(tag);
    REQUIRE(found != records.end());
    REQUIRE(found->second.offset + found->second.length <= file.size());
    return file.substr(found->second.offset, found->second.length);
  }

  uint16_t GlyphCount() const { return U16(Table("maxp"), 4); }

  std::string_view Glyph(uint16_t glyph) const {
    std::string_view loca = Table("loca");
    const bool long_offsets = U16(Table("head"), 50) == 1;
    const size_t start = long_offsets ? U32(loca, 4 * glyph) : 2 * size_t{U16(loca, 2 * glyph)};
    const size_t end = long_offsets ? U32(loca, 4 * glyph + 4) : 2 * size_t{U16(loca, 2 * glyph + 2)};
    REQUIRE(start <= end);
    return Table("glyf").substr(start, end - start);
  }

  // The glyph of `cp` in the (3,1) format 4 subtable.
  uint16_t GlyphOf(char32_t cp) const {
    std::string_view cmap = Table("cmap");
    for (size_t i = 0; i < U16(cmap, 2); ++i) {
      if (U16(cmap, 4 + 8 * i) != 3 || U16(cmap, 6 + 8 * i) != 1) continue;
      std::string_view sub = cmap.substr(U32(cmap, 8 + 8 * i));
      const size_t segs = U16(sub, 6) / 2;
      for (size_t s = 0; s < segs; ++s) {
        if (cp > U16(sub, 14 + 2 * s)) continue;
        const uint16_t start = U16(sub, 16 + 2 * segs + 2 * s);
        const uint16_t delta = U16(sub, 16 + 4 * segs + 2 * s);
        const size_t range_offset_at = 16 + 6 * segs + 2 * s;
        const uint16_t range_offset = U16(sub, range_offset_at);
        if (cp < start) return 0;
        if (range_offset == 0) return static_cast<uint16_t>(cp + delta);
        const uint16_t indexed = U16(sub, range_offset_at + range_offset + 2 * (cp - start));
        return indexed == 0 ? 0 : static_cast<uint16_t>(indexed + delta);
      }
    }
    return 0;
  }
};

// The component glyph ids of a composite glyph (none for a simple one).
std::vector<uint16_t> Components(std::string_view glyph) {
  std::vector<uint16_t> components;
  if (glyph.size() < 10 || static_cast<int16_t>(U16(glyph, 0)) >= 0) return components;
  for (size_t at = 10;;) {
    const uint16_t flags = U16(glyph, at);
    components.push_back(U16(glyph, at + 2));
    at += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
    if (!(flags & 0x20)) return components;
  }
}

uint32_t Checksum(std::string_view data) {
  uint32_t sum = 0;
  for (size_t at = 0; at < data.size(); at += 4) {
    uint32_t word = 0;
    for (size_t i = 0; i < 4; ++i) word = word << 8 | (at + i < data.size() ? static_cast<unsigned char>(data[at + i]) : 0u);
    sum += word;
  }
  return sum;
}

// Glyph data as copied into a subset: the same bytes, then zeros up to a multiple of 4.
std::string Padded(std::string_view glyph) {
  std::string padded(glyph);
  padded.append((4 - padded.size() % 4) % 4, '\0');
  return padded;
}

// --- A tiny hand-made font, for what Carlito does not have (nested composites, cycles). ---

void Put16(std::string& out, uint32_t value) {
  out += static_cast<char>(value >> 8 & 0xFF);
  out += static_cast<char>(value & 0xFF);
}

void Put32(std::string& out, uint32_t value) {
  Put16(out, value >> 16);
  Put16(out, value & 0xFFFF);
}

// A simple glyph: one triangle.
std::string Triangle() {
  std::string glyph;
  for (uint32_t v : {1u, 0u, 0u, 500u, 700u}) Put16(glyph, v);  // 1 contour, bounding box
  Put16(glyph, 2);                                               // endPtsOfContours
  Put16(glyph, 0);                                               // no instructions
  glyph += std::string(3, '\x01');                               // on-curve points, word deltas
  for (uint32_t v : {0u, 250u, 250u}) Put16(glyph, v);           // x deltas
  for (uint32_t v : {0u, 700u, 0xFD44u}) Put16(glyph, v);        // y deltas (0, +700, −700)
  return glyph;
}

// A composite glyph of the given components, each placed with byte offsets (0, 0).
std::string Composite(const std::vector<uint16_t>& components) {
  std::string glyph;
  for (uint32_t v : {0xFFFFu, 0u, 0u, 500u, 700u}) Put16(glyph, v);  // numberOfContours −1
  for (size_t i = 0; i < components.size(); ++i) {
    const bool more = i + 1 < components.size();
    Put16(glyph, more ? 0x0020 : 0);  // MORE_COMPONENTS; byte arguments, no scale
    Put16(glyph, components[i]);
    Put16(glyph, 0);  // two byte arguments
  }
  return glyph;
}

// A TrueType file with these glyphs (advance 100 × (id + 1)) and `cmap` (code point → glyph).
std::string MakeFont(const std::vector<std::string>& glyphs, const std::map<char32_t, uint16_t>& cmap) {
  std::map<std::string, std::string> tables;
  std::string& head = tables["head"];
  Put32(head, 0x00010000);
  Put32(head, 0x00010000);
  Put32(head, 0);           // checkSumAdjustment
  Put32(head, 0x5F0F3CF5);  // magic
  Put16(head, 0);
  Put16(head, 1000);  // unitsPerEm
  head.append(16, '\0');
  for (uint32_t v : {0u, 0u, 500u, 700u, 0u, 8u, 2u, 1u, 0u}) Put16(head, v);  // indexToLocFormat 1
  std::string& hhea = tables["hhea"];
  Put32(hhea, 0x00010000);
  for (uint32_t v : {800u, 0xFF38u, 0u}) Put16(hhea, v);
  hhea.append(24, '\0');
  Put16(hhea, static_cast<uint32_t>(glyphs.size()));
  std::string& maxp = tables["maxp"];
  Put32(maxp, 0x00005000);
  Put16(maxp, static_cast<uint32_t>(glyphs.size()));
  std::string& hmtx = tables["hmtx"];
  std::string& loca = tables["loca"];
  std::string& glyf = tables["glyf"];
  for (size_t g = 0; g < glyphs.size(); ++g) {
    Put16(hmtx, static_cast<uint32_t>(100 * (g + 1)));
    Put16(hmtx, static_cast<uint32_t>(g));
    Put32(loca, static_cast<uint32_t>(glyf.size()));
    glyf += glyphs[g];
  }
  Put32(loca, static_cast<uint32_t>(glyf.size()));
  std::string& cmap_table = tables["cmap"];
  for (uint32_t v : {0u, 1u, 3u, 1u}) Put16(cmap_table, v);
  Put32(cmap_table, 12);
  const size_t segs = cmap.size() + 1;
  for (uint32_t v : {4u, static_cast<uint32_t>(16 + 8 * segs), 0u, static_cast<uint32_t>(2 * segs), 0u, 0u, 0u}) {
    Put16(cmap_table, v);
  }
  for (const auto& [cp, glyph] : cmap) Put16(cmap_table, cp);
  Put16(cmap_table, 0xFFFF);
  Put16(cmap_table, 0);
  for (const auto& [cp, glyph] : cmap) Put16(cmap_table, cp);
  Put16(cmap_table, 0xFFFF);
  for (const auto& [cp, glyph] : cmap) Put16(cmap_table, (glyph - cp) & 0xFFFF);
  Put16(cmap_table, 1);
  for (size_t i = 0; i < segs; ++i) Put16(cmap_table, 0);

  std::string file;
  Put32(file, 0x00010000);
  Put16(file, static_cast<uint32_t>(tables.size()));
  Put16(file, 0);
  Put16(file, 0);
  Put16(file, 0);
  size_t offset = 12 + 16 * tables.size();
  for (const auto& [tag, data] : tables) {
    file += tag;
    Put32(file, 0);
    Put32(file, static_cast<uint32_t>(offset));
    Put32(file, static_cast<uint32_t>(data.size()));
    offset += (data.size() + 3) / 4 * 4;
  }
  for (const auto& [tag, data] : tables) file += Padded(data);
  return file;
}

constexpr const char* kSample = "Årsredovisning −1\u202F409 tkr. ÅÄÖ åäö Förvaltningsberättelse";

TEST_CASE("a subset of Carlito measures every character it holds as the whole font does") {
  const std::string carlito = CarlitoBytes();
  const std::string subset = Subset(carlito, kSample);
  CHECK(subset.size() < carlito.size() / 10);

  test::TempDir dir;
  std::unique_ptr<FontMetrics> whole = LoadMetrics(dir, "whole.ttf", carlito);
  std::unique_ptr<FontMetrics> part = LoadMetrics(dir, "part.ttf", subset);
  for (char32_t cp : CodePoints(kSample)) {
    INFO("U+" << std::hex << static_cast<uint32_t>(cp));
    CHECK(part->HasGlyph(cp));
    CHECK(part->Advance(cp) == whole->Advance(cp));
  }
  for (char32_t cp : CodePoints("QzéÉ€7–\u2009")) {  // in Carlito, not in the sample
    INFO("U+" << std::hex << static_cast<uint32_t>(cp));
    CHECK(whole->HasGlyph(cp));
    CHECK_FALSE(part->HasGlyph(cp));
    CHECK(part->Advance(cp) == whole->Advance(0x00A0));  // .notdef's, as for NBSP, which Carlito lacks
  }
  CHECK(part->units_per_em() == whole->units_per_em());
  CHECK(part->ascender() == whole->ascender());
  CHECK(part->descender() == whole->descender());
  CHECK(part->cap_height() == whole->cap_height());
  CHECK(part->x_height() == whole->x_height());
}

TEST_CASE("a subset is a well-formed TrueType file") {
  const std::string subset = Subset(CarlitoBytes(), kSample);
  const Sfnt font(subset);
  CHECK(U32(subset, 0) == 0x00010000);
  CHECK(font.order == std::vector<std::string>{"OS/2", "cmap", "cvt ", "fpgm", "gasp", "glyf", "head", "hhea", "hmtx",
                                               "loca", "maxp", "name", "post", "prep"});
  const size_t count = font.order.size();
  CHECK(U16(subset, 6) == 16 * 8);  // searchRange: 16 × the largest power of two ≤ 14
  CHECK(U16(subset, 8) == 3);
  CHECK(U16(subset, 10) == 16 * count - 16 * 8);
  size_t end = 12 + 16 * count;
  for (const std::string& tag : font.order) {
    INFO(tag);
    const TableRecord& record = font.records.at(tag);
    CHECK(record.offset % 4 == 0);
    CHECK(record.offset == (end + 3) / 4 * 4);
    end = record.offset + record.length;
    std::string table(font.Table(tag));
    if (tag == "head") table.replace(8, 4, std::string(4, '\0'));  // summed with adjustment 0
    CHECK(record.checksum == Checksum(table));
  }
  CHECK(subset.size() == (end + 3) / 4 * 4);
  CHECK(Checksum(subset) == 0xB1B0AFBA);  // with head.checkSumAdjustment in place

  const std::vector<char32_t> distinct = [] {
    std::vector<char32_t> cps = CodePoints(kSample);
    std::sort(cps.begin(), cps.end());
    cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
    return cps;
  }();
  // .notdef, one glyph per character, and the components of the composite letters.
  CHECK(font.GlyphCount() > distinct.size());
  CHECK(U16(font.Table("hhea"), 34) == font.GlyphCount());
  CHECK(font.Table("hmtx").size() == 4u * font.GlyphCount());
  CHECK(U32(font.Table("post"), 0) == 0x00030000);
  CHECK(font.Table("post").size() == 32);

  // cmap: one (3,1) format 4 subtable whose segments are in order and end with 0xFFFF.
  std::string_view cmap = font.Table("cmap");
  REQUIRE(U16(cmap, 2) == 1);
  CHECK(U16(cmap, 4) == 3);
  CHECK(U16(cmap, 6) == 1);
  std::string_view sub = cmap.substr(U32(cmap, 8));
  CHECK(U16(sub, 0) == 4);
  CHECK(U16(sub, 2) == sub.size());
  const size_t segs = U16(sub, 6) / 2;
  for (size_t s = 0; s < segs; ++s) {
    CHECK(U16(sub, 16 + 2 * segs + 2 * s) <= U16(sub, 14 + 2 * s));  // start ≤ end
    if (s > 0) CHECK(U16(sub, 14 + 2 * (s - 1)) < U16(sub, 16 + 2 * segs + 2 * s));
  }
  CHECK(U16(sub, 14 + 2 * (segs - 1)) == 0xFFFF);
  for (char32_t cp : distinct) {
    const uint16_t glyph = font.GlyphOf(cp);
    CHECK(glyph > 0);
    CHECK(glyph < font.GlyphCount());
  }
  CHECK(font.GlyphOf(U'Q') == 0);
}

TEST_CASE("composite glyphs keep their components, renumbered") {
  const std::string carlito = CarlitoBytes();
  const Sfnt whole(carlito);
  // 'Å' is a composite in Carlito (the 'A' and the ring, and one more glyph).
  const std::vector<uint16_t> whole_components = Components(whole.Glyph(whole.GlyphOf(U'Å')));
  REQUIRE(whole_components.size() >= 2);

  const std::string subset = Subset(carlito, "Å");  // only the composite, not 'A' itself
  const Sfnt part(subset);
  CHECK(part.GlyphOf(U'A') == 0);
  const uint16_t ring_a = part.GlyphOf(U'Å');
  REQUIRE(ring_a == 1);  // .notdef, then the characters, then the components
  CHECK(part.GlyphCount() == 2 + whole_components.size());
  const std::vector<uint16_t> part_components = Components(part.Glyph(ring_a));
  REQUIRE(part_components.size() == whole_components.size());
  for (size_t i = 0; i < part_components.size(); ++i) {
    INFO("component " << i);
    CHECK(part_components[i] == 2 + i);
    CHECK(part.Glyph(part_components[i]) == Padded(whole.Glyph(whole_components[i])));
  }
  // The composite itself is copied but for the component ids.
  std::string renumbered(whole.Glyph(whole.GlyphOf(U'Å')));
  for (size_t at = 10, i = 0; i < whole_components.size(); ++i) {
    const uint16_t flags = U16(renumbered, at);
    renumbered[at + 2] = 0;
    renumbered[at + 3] = static_cast<char>(2 + i);
    at += 4 + ((flags & 1) ? 4 : 2) + ((flags & 8) ? 2 : (flags & 0x40) ? 4 : (flags & 0x80) ? 8 : 0);
  }
  CHECK(part.Glyph(ring_a) == Padded(renumbered));
}

TEST_CASE("components of components are kept, and a cycle in a broken font ends") {
  // 0 .notdef, 1 a triangle, 2 = [1], 3 = [2], 4 = [4] (itself), 5 a triangle nobody uses.
  const std::string font = MakeFont({Triangle(), Triangle(), Composite({1}), Composite({2}), Composite({4}), Triangle()},
                                    {{U'A', 1}, {U'B', 2}, {U'C', 3}, {U'D', 4}, {U'E', 5}});
  const std::string subset = Subset(font, "C");
  const Sfnt part(subset);
  REQUIRE(part.GlyphCount() == 4);  // .notdef, C, B (its component), A (B's component)
  CHECK(part.GlyphOf(U'C') == 1);
  CHECK(part.GlyphOf(U'B') == 0);
  CHECK(Components(part.Glyph(1)) == std::vector<uint16_t>{2});
  CHECK(Components(part.Glyph(2)) == std::vector<uint16_t>{3});
  CHECK(part.Glyph(3) == Padded(Triangle()));
  // Advances go with their glyphs: C is glyph 3 of the input (advance 400).
  CHECK(U16(part.Table("hmtx"), 4) == 400);
  CHECK(U16(part.Table("hmtx"), 8) == 300);
  CHECK(U16(part.Table("hmtx"), 12) == 200);

  const std::string loop = Subset(font, "D");
  const Sfnt looped(loop);
  CHECK(looped.GlyphCount() == 2);
  CHECK(Components(looped.Glyph(1)) == std::vector<uint16_t>{1});
}

TEST_CASE("the same font and characters give the same bytes, in any order") {
  const std::string carlito = CarlitoBytes("Carlito-Bold.ttf");
  const std::string subset = Subset(carlito, kSample);
  CHECK(Subset(carlito, kSample) == subset);
  std::vector<char32_t> shuffled = CodePoints(kSample);
  std::reverse(shuffled.begin(), shuffled.end());
  shuffled.push_back(U'Å');
  shuffled.push_back(0x1F600);  // outside the BMP: left out
  shuffled.push_back(0xFFFF);   // not a character: left out
  std::string error;
  CHECK(SubsetTrueType(carlito, shuffled, &error) == subset);
  CHECK(Subset(carlito, std::string(kSample) + "Q") != subset);
}

TEST_CASE("characters the font does not have are left out") {
  const std::string carlito = CarlitoBytes();
  // Carlito has no U+00A0, U+00AD or U+2011.
  const std::string subset = Subset(carlito, "a\u00A0\u00AD\u2011");
  const Sfnt part(subset);
  CHECK(part.GlyphCount() == 2);
  CHECK(part.GlyphOf(0x00A0) == 0);
  const std::string nothing = Subset(carlito, "");
  CHECK(Sfnt(nothing).GlyphCount() == 1);  // .notdef alone
}

TEST_CASE("malformed fonts are refused with a message, never read past their end") {
  const std::string carlito = CarlitoBytes();
  const std::vector<char32_t> text = CodePoints(kSample);
  std::string error;
  auto refuses = [&](const std::string& bytes) {
    error.clear();
    std::optional<std::string> subset = SubsetTrueType(bytes, text, &error);
    return !subset && !error.empty();
  };

  CHECK(refuses(""));
  CHECK(refuses("garbage, not a font at all"));
  CHECK(error == "not a TrueType font");
  CHECK(refuses(std::string("OTTO") + std::string(100, '\0')));
  CHECK(refuses(std::string("ttcf") + std::string(100, '\0')));
  CHECK(refuses(std::string("\0\1\0\0\0\x20", 6)));  // 32 tables, none there

  SECTION("truncated anywhere") {
    for (size_t size = 0; size < carlito.size(); size += 4999) {
      INFO(size);
      CHECK(refuses(carlito.substr(0, size)));
    }
    CHECK(refuses(carlito.substr(0, carlito.size() - 1)));
  }
  SECTION("a glyph outside the glyf table") {
    const Sfnt font(carlito);
    std::string broken = carlito;
    const size_t loca = font.records.at("loca").offset;
    const uint16_t a = font.GlyphOf(U'a');
    broken.replace(loca + 4 * (a + 1), 4, "\x7F\xFF\xFF\xFF");  // the long format
    CHECK(refuses(broken));
    CHECK(error.find("glyph " + std::to_string(a)) != std::string::npos);
  }
  SECTION("a component that is not in the font") {
    std::string font = MakeFont({Triangle(), Composite({9})}, {{U'A', 1}});
    error.clear();
    CHECK_FALSE(SubsetTrueType(font, {U'A'}, &error));
    CHECK(error == "glyph 1: a component refers to glyph 9, which the font does not have");
  }
  SECTION("a composite whose records run past its end") {
    std::string composite = Composite({1, 1});
    composite.resize(composite.size() - 3);
    std::string font = MakeFont({Triangle(), Triangle(), composite}, {{U'A', 2}});
    error.clear();
    CHECK_FALSE(SubsetTrueType(font, {U'A'}, &error));
    CHECK(error == "glyph 2: its component records run past its data");
  }
  SECTION("random damage") {
    // Whatever the bytes say, the subsetter answers without crashing (run it under ASan).
    std::mt19937 random(20231231);
    const Sfnt font(carlito);
    const size_t from = 0, to = font.records.at("glyf").offset + 4096;  // directory and tables up to glyf
    for (int round = 0; round < 300; ++round) {
      std::string damaged = carlito;
      for (int i = 0; i < 8; ++i) {
        const size_t at = from + random() % (to - from);
        damaged[at] = static_cast<char>(random() & 0xFF);
      }
      error.clear();
      std::optional<std::string> subset = SubsetTrueType(damaged, text, &error);
      CHECK((subset.has_value() || !error.empty()));
    }
  }
}

}  // namespace
}  // namespace arsred

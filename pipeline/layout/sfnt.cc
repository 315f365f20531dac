#include "sfnt.h"

#include <algorithm>

namespace arsred::sfnt {

std::string TagName(uint32_t tag) {
  std::string name;
  for (int shift = 24; shift >= 0; shift -= 8) name += static_cast<char>(tag >> shift & 0xFF);
  return "'" + name + "'";
}

Bytes Tables::Find(uint32_t tag) const {
  auto found = by_tag.find(tag);
  return found != by_tag.end() ? found->second : Bytes();
}

std::optional<Tables> ReadTables(std::string_view data, std::string* error) {
  const auto fail = [error](std::string why) -> std::optional<Tables> {
    if (error) *error = std::move(why);
    return std::nullopt;
  };
  Bytes file(data);
  auto version = file.U32(0);
  if (!version) return fail("too short to be a font");
  if (*version == Tag("OTTO")) return fail("OpenType fonts with CFF outlines are not supported (only TrueType outlines can be embedded)");
  if (*version == Tag("ttcf")) return fail("font collections (.ttc) are not supported");
  if (*version != 0x00010000 && *version != Tag("true")) return fail("not a TrueType font");

  auto table_count = file.U16(4);
  if (!table_count || !file.Has(12, 16 * static_cast<size_t>(*table_count))) {
    return fail("truncated: the table directory runs past the end of the file");
  }
  Tables tables;
  for (size_t i = 0; i < *table_count; ++i) {
    const size_t record = 12 + 16 * i;
    const uint32_t tag = *file.U32(record);
    std::optional<Bytes> table = file.Slice(*file.U32(record + 8), *file.U32(record + 12));
    if (!table) return fail("truncated: table " + TagName(tag) + " runs past the end of the file");
    tables.by_tag.emplace(tag, *table);  // the first of duplicate tags counts
  }
  return tables;
}

namespace {

// Appends the mappings of a cmap format 4 subtable (segments of consecutive code points).
bool ReadCmapFormat4(Bytes subtable, CharacterMap& glyph_of) {
  auto seg_count_x2 = subtable.U16(6);
  if (!seg_count_x2 || *seg_count_x2 % 2 != 0) return false;
  size_t seg_count = *seg_count_x2 / 2;
  size_t end_codes = 14;
  size_t start_codes = end_codes + 2 * seg_count + 2;  // after the reserved pad
  size_t id_deltas = start_codes + 2 * seg_count;
  size_t id_range_offsets = id_deltas + 2 * seg_count;
  if (!subtable.Has(id_range_offsets, 2 * seg_count)) return false;
  // Segments are sorted; overlapping ones (only in broken fonts) are clipped so that each code
  // point is visited once and a hostile table cannot make this loop run for long.
  uint32_t next_cp = 0;
  for (size_t seg = 0; seg < seg_count; ++seg) {
    uint16_t end = *subtable.U16(end_codes + 2 * seg);
    uint16_t start = *subtable.U16(start_codes + 2 * seg);
    uint16_t delta = *subtable.U16(id_deltas + 2 * seg);
    size_t range_offset_at = id_range_offsets + 2 * seg;
    uint16_t range_offset = *subtable.U16(range_offset_at);
    uint32_t first = std::max<uint32_t>(start, next_cp);
    next_cp = std::max<uint32_t>(next_cp, end + 1u);
    for (uint32_t cp = first; cp <= end && cp != 0xFFFF; ++cp) {
      uint16_t glyph;
      if (range_offset == 0) {
        glyph = static_cast<uint16_t>(cp + delta);  // modulo 65536, as the format specifies
      } else {
        // idRangeOffset counts bytes from its own position to the glyph index to use.
        auto indexed = subtable.U16(range_offset_at + range_offset + 2 * (cp - start));
        if (!indexed) break;  // the segment runs off the table: keep what was readable
        glyph = *indexed == 0 ? 0 : static_cast<uint16_t>(*indexed + delta);
      }
      if (glyph != 0 && glyph_of[cp] == 0) glyph_of.Set(cp, glyph);
    }
  }
  return true;
}

// Appends the BMP mappings of a cmap format 12 subtable (groups over all of Unicode) that the
// format 4 subtable did not already give: where both map a character, format 4 wins.
bool ReadCmapFormat12(Bytes subtable, CharacterMap& glyph_of) {
  auto group_count = subtable.U32(12);
  if (!group_count || !subtable.Has(16, static_cast<size_t>(*group_count) * 12)) return false;
  uint32_t next_cp = 0;  // as in format 4: each code point is visited at most once
  for (size_t group = 0; group < *group_count && next_cp < 0xFFFF; ++group) {
    size_t at = 16 + 12 * group;
    uint32_t start = *subtable.U32(at);
    uint32_t end = *subtable.U32(at + 4);
    uint32_t first_glyph = *subtable.U32(at + 8);
    uint32_t first = std::max(start, next_cp);
    if (end >= next_cp) next_cp = std::min<uint32_t>(end, 0xFFFE) + 1;
    for (uint32_t cp = first; cp <= end && cp < 0xFFFF; ++cp) {
      uint32_t glyph = first_glyph + (cp - start);
      if (glyph != 0 && glyph <= 0xFFFF && glyph_of[cp] == 0) glyph_of.Set(cp, static_cast<uint16_t>(glyph));
    }
  }
  return true;
}

// Reads the Windows Unicode subtables of `cmap`: BMP (3,1) format 4 and full repertoire (3,10)
// format 12. False when neither is present and readable.
bool ReadCmapSubtables(Bytes cmap, CharacterMap& glyph_of) {
  std::optional<Bytes> bmp, full;
  uint16_t count = cmap.U16(2).value_or(0);
  for (size_t i = 0; i < count; ++i) {
    size_t record = 4 + 8 * i;
    auto platform = cmap.U16(record);
    auto encoding = cmap.U16(record + 2);
    auto offset = cmap.U32(record + 4);
    if (!platform || !encoding || !offset) break;
    if (*platform != 3) continue;
    auto format = cmap.U16(*offset);
    // A format 4 subtable's 16-bit length field overflows in large fonts, so it may run to the
    // end of the cmap table; every read in it is bounded by that.
    if (*encoding == 1 && format == 4) {
      bmp = cmap.Slice(*offset, cmap.size() - std::min<size_t>(*offset, cmap.size())).value_or(Bytes());
    } else if (*encoding == 10 && format == 12) {
      auto length = cmap.U32(*offset + 4);
      if (length) full = cmap.Slice(*offset, *length).value_or(Bytes());
    }
  }
  bool read = false;
  if (bmp) read = ReadCmapFormat4(*bmp, glyph_of);
  if (full) read = ReadCmapFormat12(*full, glyph_of) || read;
  return read;
}

}  // namespace

void CharacterMap::Set(char32_t cp, uint16_t glyph) {
  std::unique_ptr<Block>& block = blocks_[cp >> 8 & 0xFF];
  if (!block) block = std::make_unique<Block>();  // zeroed: nothing mapped
  (*block)[cp & 0xFF] = glyph;
}

void CharacterMap::DropGlyphsFrom(uint16_t glyph_count) {
  for (const std::unique_ptr<Block>& block : blocks_) {
    if (!block) continue;
    for (uint16_t& glyph : *block) {
      if (glyph >= glyph_count) glyph = 0;
    }
  }
}

bool ReadUnicodeCmap(Bytes cmap, CharacterMap& glyph_of) {
  glyph_of = CharacterMap();
  return ReadCmapSubtables(cmap, glyph_of);
}

}  // namespace arsred::sfnt

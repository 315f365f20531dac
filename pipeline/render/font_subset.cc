#include "font_subset.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <stdexcept>

#include "harfbuzz_subset_api.h"
#include "sfnt.h"  // layout's: the reads, the table directory and the cmap that metrics use too

namespace arsred {
namespace {

using sfnt::Tag;
using sfnt::TagName;
using sfnt::Bytes;  // every read checked against the end of the data

bool Fail(std::string* error, std::string message) {
  if (error) *error = std::move(message);
  return false;
}

// The tables of the input that the check reads, checked to be long enough for the fields read
// from them.
struct Font {
  std::map<uint32_t, Bytes> tables;  // every table, by tag
  Bytes head, hhea, maxp, hmtx, loca, glyf, cmap;
  uint16_t glyph_count = 0;   // maxp.numGlyphs
  uint16_t metric_count = 0;  // hhea.numberOfHMetrics, at most glyph_count
  bool long_offsets = false;  // head.indexToLocFormat == 1
};

bool ReadFont(std::string_view bytes, Font* font, std::string* error) {
  std::optional<sfnt::Tables> directory = sfnt::ReadTables(bytes, error);
  if (!directory) return false;
  font->tables = std::move(directory->by_tag);
  const std::pair<uint32_t, Bytes*> required[] = {
      {Tag("head"), &font->head}, {Tag("hhea"), &font->hhea}, {Tag("maxp"), &font->maxp}, {Tag("hmtx"), &font->hmtx},
      {Tag("loca"), &font->loca}, {Tag("glyf"), &font->glyf}, {Tag("cmap"), &font->cmap},
  };
  for (auto [tag, table] : required) {
    auto found = font->tables.find(tag);
    if (found == font->tables.end()) return Fail(error, "no " + TagName(tag) + " table");
    *table = found->second;
  }

  auto loca_format = font->head.U16(50);
  if (font->head.size() < 54 || !loca_format || *loca_format > 1) return Fail(error, "invalid 'head' table");
  font->long_offsets = *loca_format == 1;

  auto glyph_count = font->maxp.U16(4);
  if (!glyph_count || *glyph_count == 0) return Fail(error, "invalid 'maxp' table");
  font->glyph_count = *glyph_count;

  auto metric_count = font->hhea.U16(34);
  if (font->hhea.size() < 36 || !metric_count || *metric_count == 0) return Fail(error, "invalid 'hhea' table");
  // hmtx holds numberOfHMetrics (advance, lsb) pairs, then one lsb for each further glyph.
  font->metric_count = std::min(*metric_count, font->glyph_count);
  const size_t hmtx_size = 4 * static_cast<size_t>(font->metric_count) + 2 * (font->glyph_count - font->metric_count);
  if (!font->hmtx.Has(0, hmtx_size)) return Fail(error, "'hmtx' table shorter than 'hhea' and 'maxp' say");

  const size_t loca_size = (font->long_offsets ? 4 : 2) * (static_cast<size_t>(font->glyph_count) + 1);
  if (!font->loca.Has(0, loca_size)) return Fail(error, "'loca' table shorter than 'maxp' says");
  return true;
}

// The outline of `glyph` as it is stored in glyf: empty for a glyph without one (a space).
bool GlyphData(const Font& font, uint16_t glyph, std::string_view* data, std::string* error) {
  size_t start = 0, end = 0;
  if (font.long_offsets) {
    start = *font.loca.U32(4 * static_cast<size_t>(glyph));
    end = *font.loca.U32(4 * static_cast<size_t>(glyph) + 4);
  } else {  // the short format stores offsets divided by two
    start = 2 * static_cast<size_t>(*font.loca.U16(2 * static_cast<size_t>(glyph)));
    end = 2 * static_cast<size_t>(*font.loca.U16(2 * static_cast<size_t>(glyph) + 2));
  }
  const std::string where = "glyph " + std::to_string(glyph);
  if (end < start || !font.glyf.Has(start, end - start)) return Fail(error, where + " lies outside the 'glyf' table");
  *data = font.glyf.data().substr(start, end - start);
  if (!data->empty() && data->size() < 10) return Fail(error, where + " is shorter than a glyph header");
  return true;
}

// Calls visit(component) for each component of a composite glyph; does nothing for a simple or
// empty glyph. False when the component records run past the glyph's data.
template <typename Visit>
bool ForEachComponent(std::string_view glyph, Visit visit) {
  constexpr uint16_t kArgsAreWords = 0x0001, kHaveScale = 0x0008, kMoreComponents = 0x0020,
                     kHaveXAndYScale = 0x0040, kHaveTwoByTwo = 0x0080;
  Bytes data(glyph);
  auto contour_count = data.U16(0);
  if (!contour_count || static_cast<int16_t>(*contour_count) >= 0) return true;
  for (size_t at = 10;;) {  // after numberOfContours and the bounding box
    auto flags = data.U16(at);
    auto component = data.U16(at + 2);
    if (!flags || !component) return false;
    size_t record_size = 4 + ((*flags & kArgsAreWords) ? 4 : 2);
    if (*flags & kHaveScale) {
      record_size += 2;
    } else if (*flags & kHaveXAndYScale) {
      record_size += 4;
    } else if (*flags & kHaveTwoByTwo) {
      record_size += 8;
    }
    if (!data.Has(at, record_size)) return false;
    visit(*component);
    if (!(*flags & kMoreComponents)) return true;
    at += record_size;
  }
}

// The glyphs a subset of `code_points` holds: .notdef, the glyph of each character the font
// maps, and, recursively, the components of composite glyphs. Each is checked to lie inside glyf
// and to name only glyphs the font has, since HarfBuzz would quietly leave a broken one empty and
// the report would print blank letters. `glyph_of` is the input's cmap (sfnt::ReadUnicodeCmap).
// Returns the characters to keep, in order, or nullopt with `error` naming the broken glyph.
std::optional<std::vector<char32_t>> CheckGlyphs(const Font& font, const sfnt::CharacterMap& glyph_of,
                                                 std::vector<char32_t> code_points, std::string* error) {
  std::vector<bool> seen(font.glyph_count, false);
  std::vector<uint16_t> glyphs;  // grows while it is walked, so components of components are reached
  auto add = [&](uint16_t glyph) {
    if (!seen[glyph]) {
      seen[glyph] = true;
      glyphs.push_back(glyph);
    }
  };
  add(0);  // .notdef

  std::sort(code_points.begin(), code_points.end());
  code_points.erase(std::unique(code_points.begin(), code_points.end()), code_points.end());
  std::vector<char32_t> kept;
  for (char32_t cp : code_points) {
    if (cp == 0 || cp >= 0xFFFF) continue;  // the PDF's codes are two bytes; 0xFFFF is no character
    const uint16_t glyph = glyph_of[cp];
    if (glyph == 0 || glyph >= font.glyph_count) continue;
    kept.push_back(cp);
    add(glyph);
  }

  // A cycle of components in a broken font ends where it repeats: each glyph is walked once.
  for (size_t i = 0; i < glyphs.size(); ++i) {
    const uint16_t glyph = glyphs[i];
    std::string_view data;
    if (!GlyphData(font, glyph, &data, error)) return std::nullopt;
    std::optional<uint16_t> missing;
    const bool complete = ForEachComponent(data, [&](uint16_t component) {
      if (component < font.glyph_count) {
        add(component);
      } else {
        missing = component;
      }
    });
    const std::string where = "glyph " + std::to_string(glyph);
    if (!complete) {
      Fail(error, where + ": its component records run past its data");
      return std::nullopt;
    }
    if (missing) {
      Fail(error, where + ": a component refers to glyph " + std::to_string(*missing) + ", which the font does not have");
      return std::nullopt;
    }
  }
  return kept;
}

// The tables a PDF viewer draws TrueType glyphs with; the rest (GSUB, GPOS, kern and the like)
// are left out of the subset.
constexpr uint32_t kEmbeddedTables[] = {Tag("OS/2"), Tag("cmap"), Tag("cvt "), Tag("fpgm"), Tag("gasp"),
                                        Tag("glyf"), Tag("head"), Tag("hhea"), Tag("hmtx"), Tag("loca"),
                                        Tag("maxp"), Tag("name"), Tag("post"), Tag("prep")};

template <class T>
using Owned = std::unique_ptr<T, void (*)(T*)>;

// HarfBuzz's subset of the checked font: glyphs renumbered in the input's order, the outlines,
// advance widths and hinting kept, a cmap of exactly `characters`, post without glyph names.
std::optional<std::string> HarfBuzzSubset(std::string_view bytes, const Font& font,
                                          const std::vector<char32_t>& characters, std::string* error) {
  const HarfBuzzSubsetApi* hb = nullptr;
  try {
    hb = &arsred::HarfBuzzSubset();
  } catch (const std::runtime_error& e) {
    Fail(error, e.what());
    return std::nullopt;
  }
  if (bytes.size() > std::numeric_limits<unsigned>::max()) {
    Fail(error, "the font file is too large");
    return std::nullopt;
  }
  const Owned<hb_blob_t> blob(hb->blob_create(bytes.data(), static_cast<unsigned>(bytes.size()),
                                              HB_MEMORY_MODE_READONLY, nullptr, nullptr),
                              hb->blob_destroy);
  const Owned<hb_face_t> face(hb->face_create(blob.get(), 0), hb->face_destroy);
  const Owned<hb_subset_input_t> input(hb->subset_input_create_or_fail(), hb->subset_input_destroy);
  if (!input) {
    Fail(error, "HarfBuzz ran out of memory");
    return std::nullopt;
  }
  hb_set_t* unicodes = hb->subset_input_unicode_set(input.get());
  for (char32_t cp : characters) hb->set_add(unicodes, cp);
  hb_set_t* dropped = hb->subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const auto& [tag, table] : font.tables) {
    if (std::find(std::begin(kEmbeddedTables), std::end(kEmbeddedTables), tag) == std::end(kEmbeddedTables)) {
      hb->set_add(dropped, tag);
    }
  }
  // .notdef keeps its outline, as the font has it: a viewer draws it for a code it cannot map.
  hb->subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
  const Owned<hb_face_t> subset(hb->subset_or_fail(face.get(), input.get()), hb->face_destroy);
  if (!subset) {
    Fail(error, "HarfBuzz could not subset it");
    return std::nullopt;
  }
  const Owned<hb_blob_t> result(hb->face_reference_blob(subset.get()), hb->blob_destroy);
  unsigned length = 0;
  const char* data = hb->blob_get_data(result.get(), &length);
  if (data == nullptr || length == 0) {
    Fail(error, "HarfBuzz could not write the subset");
    return std::nullopt;
  }
  return std::string(data, length);
}

}  // namespace

std::optional<std::string> SubsetTrueType(std::string_view font_file_bytes, const std::vector<char32_t>& code_points,
                                          std::string* error) {
  Font font;
  if (!ReadFont(font_file_bytes, &font, error)) return std::nullopt;
  sfnt::CharacterMap glyph_of;
  if (!sfnt::ReadUnicodeCmap(font.cmap, glyph_of)) {
    Fail(error, "no readable Windows Unicode cmap (3,1 format 4 or 3,10 format 12)");
    return std::nullopt;
  }
  std::optional<std::vector<char32_t>> characters = CheckGlyphs(font, glyph_of, code_points, error);
  if (!characters) return std::nullopt;
  return HarfBuzzSubset(font_file_bytes, font, *characters, error);
}

}  // namespace arsred

#include "font_subset.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>

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

void PutU16(std::string& out, uint16_t value) {
  out += static_cast<char>(value >> 8);
  out += static_cast<char>(value & 0xFF);
}

void PutU32(std::string& out, uint32_t value) {
  PutU16(out, static_cast<uint16_t>(value >> 16));
  PutU16(out, static_cast<uint16_t>(value & 0xFFFF));
}

void SetU16(std::string& out, size_t at, uint16_t value) {
  out[at] = static_cast<char>(value >> 8);
  out[at + 1] = static_cast<char>(value & 0xFF);
}

void SetU32(std::string& out, size_t at, uint32_t value) {
  SetU16(out, at, static_cast<uint16_t>(value >> 16));
  SetU16(out, at + 2, static_cast<uint16_t>(value & 0xFFFF));
}

void PadTo4(std::string& out) { out.append((4 - out.size() % 4) % 4, '\0'); }

// The sum of the data as big-endian 32-bit words, the last one padded with zeros.
uint32_t Checksum(std::string_view data) {
  uint32_t sum = 0;
  for (size_t at = 0; at < data.size(); at += 4) {
    uint32_t word = 0;
    for (size_t i = 0; i < 4; ++i) {
      word <<= 8;
      if (at + i < data.size()) word |= static_cast<unsigned char>(data[at + i]);
    }
    sum += word;
  }
  return sum;
}

// For the binary-search fields of the table directory and of cmap format 4: the largest power of
// two not above `count` (at least 1), and its base-2 logarithm.
struct PowerOfTwo {
  uint16_t value = 1;
  uint16_t log2 = 0;
};

PowerOfTwo LargestPowerOfTwo(size_t count) {
  PowerOfTwo power;
  while (static_cast<size_t>(power.value) * 2 <= count) {
    power.value = static_cast<uint16_t>(power.value * 2);
    ++power.log2;
  }
  return power;
}

// The tables of the input that the subset is made from, checked to be long enough for the
// fields read from them.
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

// Calls visit(offset, component) for each component of a composite glyph, where `offset` is the
// position within `glyph` of the component's 16-bit glyph index; does nothing for a simple or
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
    visit(at + 2, *component);
    if (!(*flags & kMoreComponents)) return true;
    at += record_size;
  }
}

// Which glyphs of the input the subset holds, and what its cmap says.
struct Plan {
  struct Mapping {
    char32_t code_point;
    uint16_t glyph;  // in the subset
  };
  std::vector<uint16_t> old_glyphs;  // the input's glyph id of each subset glyph, .notdef first
  std::vector<int32_t> new_glyph;    // the subset's id of each input glyph, -1 when left out
  std::vector<Mapping> cmap;         // by code point
};

// `glyph_of` is the input's cmap, as sfnt::ReadUnicodeCmap reads it.
bool MakePlan(const Font& font, const sfnt::CharacterMap& glyph_of, std::vector<char32_t> code_points, Plan* plan,
              std::string* error) {
  plan->new_glyph.assign(font.glyph_count, -1);
  auto add = [plan](uint16_t old_glyph) {
    if (plan->new_glyph[old_glyph] < 0) {
      plan->new_glyph[old_glyph] = static_cast<int32_t>(plan->old_glyphs.size());
      plan->old_glyphs.push_back(old_glyph);
    }
    return static_cast<uint16_t>(plan->new_glyph[old_glyph]);
  };
  add(0);  // .notdef

  std::sort(code_points.begin(), code_points.end());
  code_points.erase(std::unique(code_points.begin(), code_points.end()), code_points.end());
  for (char32_t cp : code_points) {
    if (cp == 0 || cp >= 0xFFFF) continue;  // 0xFFFF is the end of every format 4 cmap
    const uint16_t glyph = glyph_of[cp];
    if (glyph == 0 || glyph >= font.glyph_count) continue;
    plan->cmap.push_back({cp, add(glyph)});
  }

  // The components of composite glyphs, breadth first: old_glyphs grows while it is walked, so
  // components of components are reached too, and a cycle in a broken font ends where it repeats.
  for (size_t i = 0; i < plan->old_glyphs.size(); ++i) {
    const uint16_t glyph = plan->old_glyphs[i];
    std::string_view data;
    if (!GlyphData(font, glyph, &data, error)) return false;
    std::optional<uint16_t> missing;
    bool complete = ForEachComponent(data, [&](size_t, uint16_t component) {
      if (component < font.glyph_count) {
        add(component);
      } else {
        missing = component;
      }
    });
    const std::string where = "glyph " + std::to_string(glyph);
    if (!complete) return Fail(error, where + ": its component records run past its data");
    if (missing) return Fail(error, where + ": a component refers to glyph " + std::to_string(*missing) +
                                        ", which the font does not have");
  }
  return true;
}

// glyf and loca of the subset; the component indices inside composite glyphs are renumbered.
// Each glyph starts at a multiple of 4, so the short loca format can be used whenever the glyf
// table is small enough for it.
bool MakeGlyphs(const Font& font, const Plan& plan, std::string* glyf, std::string* loca, bool* long_offsets,
                std::string* error) {
  std::vector<size_t> offsets;
  for (uint16_t old_glyph : plan.old_glyphs) {
    offsets.push_back(glyf->size());
    std::string_view data;
    if (!GlyphData(font, old_glyph, &data, error)) return false;
    const size_t start = glyf->size();
    glyf->append(data);
    ForEachComponent(data, [&](size_t at, uint16_t component) {
      SetU16(*glyf, start + at, static_cast<uint16_t>(plan.new_glyph[component]));
    });
    PadTo4(*glyf);
  }
  offsets.push_back(glyf->size());
  if (glyf->size() > std::numeric_limits<uint32_t>::max()) return Fail(error, "the subset's 'glyf' table is too large");
  *long_offsets = glyf->size() > 2 * size_t{0xFFFF};
  for (size_t offset : offsets) {
    if (*long_offsets) {
      PutU32(*loca, static_cast<uint32_t>(offset));
    } else {
      PutU16(*loca, static_cast<uint16_t>(offset / 2));
    }
  }
  return true;
}

// One (advance, lsb) pair per subset glyph, copied from the input: widths stay the same.
std::string MakeHorizontalMetrics(const Font& font, const Plan& plan) {
  std::string hmtx;
  const size_t metric_count = font.metric_count;
  for (uint16_t old_glyph : plan.old_glyphs) {
    const size_t metric = std::min<size_t>(old_glyph, metric_count - 1);  // later glyphs repeat the last
    const size_t lsb_at = old_glyph < metric_count ? 4 * static_cast<size_t>(old_glyph) + 2
                                                   : 4 * metric_count + 2 * (old_glyph - metric_count);
    PutU16(hmtx, *font.hmtx.U16(4 * metric));  // ReadFont checked the table's size
    PutU16(hmtx, *font.hmtx.U16(lsb_at));
  }
  return hmtx;
}

// A cmap with one subtable, (3,1) format 4. Subset glyphs are numbered in code point order, so
// consecutive characters mostly have consecutive glyphs, and every segment is a run with one
// idDelta (idRangeOffset 0, no glyphIdArray).
bool MakeCharacterMap(const Plan& plan, std::string* cmap, std::string* error) {
  struct Segment {
    uint16_t start, end, delta;
  };
  std::vector<Segment> segments;
  for (const Plan::Mapping& mapping : plan.cmap) {
    const auto cp = static_cast<uint16_t>(mapping.code_point);
    const auto delta = static_cast<uint16_t>(mapping.glyph - cp);  // modulo 65536
    if (!segments.empty() && segments.back().end + 1 == cp && segments.back().delta == delta) {
      segments.back().end = cp;
    } else {
      segments.push_back({cp, cp, delta});
    }
  }
  segments.push_back({0xFFFF, 0xFFFF, 1});  // the final segment the format requires, to .notdef

  const size_t seg_count = segments.size();
  const size_t length = 16 + 8 * seg_count;
  if (length > 0xFFFF) return Fail(error, "too many separate characters for a format 4 cmap");
  const PowerOfTwo power = LargestPowerOfTwo(seg_count);
  PutU16(*cmap, 0);   // version
  PutU16(*cmap, 1);   // numTables
  PutU16(*cmap, 3);   // platform: Windows
  PutU16(*cmap, 1);   // encoding: Unicode BMP
  PutU32(*cmap, 12);  // offset of the subtable
  PutU16(*cmap, 4);   // format
  PutU16(*cmap, static_cast<uint16_t>(length));
  PutU16(*cmap, 0);  // language
  PutU16(*cmap, static_cast<uint16_t>(2 * seg_count));
  PutU16(*cmap, static_cast<uint16_t>(2 * power.value));              // searchRange
  PutU16(*cmap, power.log2);                                         // entrySelector
  PutU16(*cmap, static_cast<uint16_t>(2 * seg_count - 2 * power.value));  // rangeShift
  for (const Segment& segment : segments) PutU16(*cmap, segment.end);
  PutU16(*cmap, 0);  // reservedPad
  for (const Segment& segment : segments) PutU16(*cmap, segment.start);
  for (const Segment& segment : segments) PutU16(*cmap, segment.delta);
  for (size_t i = 0; i < seg_count; ++i) PutU16(*cmap, 0);  // idRangeOffset
  return true;
}

// The sfnt file: the table directory sorted by tag, each table at a multiple of 4 and padded
// with zeros, its checksum in the directory, and head.checkSumAdjustment set last.
std::string Assemble(const std::map<uint32_t, std::string>& tables) {
  const auto count = static_cast<uint16_t>(tables.size());
  const PowerOfTwo power = LargestPowerOfTwo(count);
  std::string file;
  PutU32(file, 0x00010000);
  PutU16(file, count);
  PutU16(file, static_cast<uint16_t>(16 * power.value));            // searchRange
  PutU16(file, power.log2);                                        // entrySelector
  PutU16(file, static_cast<uint16_t>(16 * (count - power.value)));  // rangeShift

  size_t offset = 12 + 16 * static_cast<size_t>(count);
  for (const auto& [tag, data] : tables) {  // std::map: ascending tags
    PutU32(file, tag);
    PutU32(file, Checksum(data));
    PutU32(file, static_cast<uint32_t>(offset));
    PutU32(file, static_cast<uint32_t>(data.size()));
    offset += (data.size() + 3) / 4 * 4;
  }
  size_t head_at = 0;
  for (const auto& [tag, data] : tables) {
    if (tag == Tag("head")) head_at = file.size();
    file += data;
    PadTo4(file);
  }
  SetU32(file, head_at + 8, 0xB1B0AFBA - Checksum(file));  // checkSumAdjustment
  return file;
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
  Plan plan;
  if (!MakePlan(font, glyph_of, code_points, &plan, error)) return std::nullopt;

  std::map<uint32_t, std::string> tables;
  bool long_offsets = false;
  if (!MakeGlyphs(font, plan, &tables[Tag("glyf")], &tables[Tag("loca")], &long_offsets, error)) return std::nullopt;
  if (!MakeCharacterMap(plan, &tables[Tag("cmap")], error)) return std::nullopt;
  tables[Tag("hmtx")] = MakeHorizontalMetrics(font, plan);
  const auto glyph_count = static_cast<uint16_t>(plan.old_glyphs.size());

  std::string& head = tables[Tag("head")] = std::string(font.head.data());
  SetU32(head, 8, 0);  // checkSumAdjustment: 0 while checksums are taken, set by Assemble
  SetU16(head, 50, long_offsets ? 1 : 0);
  std::string& hhea = tables[Tag("hhea")] = std::string(font.hhea.data());
  SetU16(hhea, 34, glyph_count);  // numberOfHMetrics: every glyph has its own pair
  std::string& maxp = tables[Tag("maxp")] = std::string(font.maxp.data());
  SetU16(maxp, 4, glyph_count);

  // post version 3: the header alone, without glyph names.
  std::string& post = tables[Tag("post")] = std::string(32, '\0');
  if (auto found = font.tables.find(Tag("post")); found != font.tables.end() && found->second.size() >= 32) {
    post = std::string(found->second.data().substr(0, 32));
  }
  SetU32(post, 0, 0x00030000);

  for (uint32_t tag : {Tag("OS/2"), Tag("cvt "), Tag("fpgm"), Tag("gasp"), Tag("name"), Tag("prep")}) {
    if (auto found = font.tables.find(tag); found != font.tables.end()) tables[tag] = std::string(found->second.data());
  }
  return Assemble(tables);
}

}  // namespace arsred

// Widths of characters in a TrueType font, read from the file itself (cmap, hmtx, head, hhea,
// OS/2), so that layout measures text exactly as the PDF will draw it without depending on the
// PDF library. Widths are in thousandths of an em, floor(advance × 1000 / unitsPerEm), the same
// integers the renderer writes into the PDF's /W array (pdf_fonts.cc), so measured and drawn
// widths agree exactly.
//
// Kerning is the font's own (GPOS pair kerning, or a kern table), as HarfBuzz applies it when it
// shapes a pair of characters with kerning on and ligatures off: layout measures with it, and the
// renderer writes the same adjustments into its TJ arrays (render_pdf.cc). For the fonts that
// come with arsred, the build shapes every pair of the characters a report uses once, and the
// program carries the result (CompiledKerning); HarfBuzz shapes at run time only what that does
// not cover.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sfnt.h"

struct hb_blob_t;
struct hb_face_t;
struct hb_font_t;
struct hb_buffer_t;

namespace arsred {

class FontFile;

// A face's kerning as the build shaped it with HarfBuzz (tools/compile_kerning.cc): every pair of
// `characters` that kerns. It stands for the face only when the face's tables that shaping reads
// (kShapingTables) are byte for byte the ones it was made from.
struct CompiledKerning {
  struct Table {
    uint32_t tag = 0;
    std::string_view bytes;  // empty: the font has no such table
  };
  struct Pair {
    char32_t left = 0, right = 0;
    int16_t kerning = 0;  // 1/1000 em, never 0
  };
  std::string_view name;                // the font file's name, for the reader
  std::span<const Table> tables;        // one for each of kShapingTables, in its order
  std::span<const char32_t> characters; // in increasing order
  std::span<const Pair> pairs;          // in increasing order of (left, right)
};

// The tables whose bytes decide how HarfBuzz kerns a pair: the glyph map and advances, the
// OpenType layout tables and the older kern tables (also Apple's, which HarfBuzz prefers when
// present).
inline constexpr uint32_t kShapingTables[] = {sfnt::Tag("head"), sfnt::Tag("hhea"), sfnt::Tag("maxp"), sfnt::Tag("cmap"),
                                              sfnt::Tag("hmtx"), sfnt::Tag("GDEF"), sfnt::Tag("GSUB"), sfnt::Tag("GPOS"),
                                              sfnt::Tag("kern"), sfnt::Tag("kerx"), sfnt::Tag("morx")};
// The characters compiled kerning covers: Latin-1 and the punctuation, spaces, signs and marks of
// Swedish prose and tables (dashes, quotes, the ellipsis, the narrow no-break space between
// thousands, the minus and ≈), where the font has them.
inline constexpr std::pair<char32_t, char32_t> kCompiledKerningRanges[] = {
    {0x20, 0x7E}, {0xA0, 0xFF}, {0x2000, 0x205F}, {0x20AC, 0x20AC}, {0x2212, 0x2212}, {0x2248, 0x2248}};

class FontMetrics {
 public:
  // Reads `path`; returns null and sets `error` when it is not a usable TrueType font.
  static std::unique_ptr<FontMetrics> Load(const std::string& path, std::string* error);
  // The same from the bytes of a font file, which must outlive the metrics (HarfBuzz reads its
  // tables in place); `error` then names no file. The face's kerning comes from the entry of
  // `compiled` made from its tables, if any (compiled_kerning() says which).
  static std::unique_ptr<FontMetrics> Parse(std::string_view font_file_bytes, std::string* error,
                                            std::span<const CompiledKerning> compiled = {});
  FontMetrics(const FontMetrics&) = delete;
  FontMetrics& operator=(const FontMetrics&) = delete;
  ~FontMetrics();

  bool HasGlyph(char32_t cp) const;
  // The glyph a character maps to; 0 (.notdef) when the font lacks it.
  uint16_t Glyph(char32_t cp) const;
  // Advance width of a character in 1/1000 em (the .notdef glyph's when the font lacks it).
  int Advance(char32_t cp) const;
  // The kerning between two characters drawn side by side, in 1/1000 em (negative: closer); 0
  // when the font does not kern the pair or lacks either character. Looked up once per pair.
  // Not safe to call from two threads at once (layout and render run on one).
  int Kerning(char32_t left, char32_t right) const;
  // Width of UTF-8 text at `size` points, kerning included; with `no_break_space_as_space`,
  // U+00A0 measures as the space it is drawn as (see ForDrawing).
  double Width(std::string_view utf8, double size, bool no_break_space_as_space = false) const;

  // The compiled kerning in use, or null when HarfBuzz shapes every pair.
  const CompiledKerning* compiled_kerning() const { return compiled_; }
  // How many pairs have been looked up through HarfBuzz (those compiled kerning does not cover):
  // shaped, or found not to kern from the glyphs its kerning lookups name.
  size_t shaped_pairs() const { return shaped_pairs_; }

  int units_per_em() const { return units_per_em_; }
  // Vertical metrics in 1/1000 em (ascender positive, descender negative).
  int ascender() const { return ascender_; }
  int descender() const { return descender_; }
  int cap_height() const { return cap_height_; }
  int x_height() const { return x_height_; }

  // What a PDF font descriptor says of the face. The bounding box is of all glyphs, in 1/1000
  // em (xMin, yMin, xMax, yMax); the italic angle is in degrees, counter-clockwise from the
  // vertical; the weight is OS/2's usWeightClass (400 regular, 700 bold; 0 when unknown).
  const std::array<int, 4>& bounding_box() const { return bounding_box_; }
  double italic_angle() const { return italic_angle_; }
  bool fixed_pitch() const { return fixed_pitch_; }
  int weight() const { return weight_; }

 private:
  FontMetrics() = default;
  std::shared_ptr<const FontFile> file_;  // when Load mapped it: the bytes HarfBuzz reads
  std::string_view bytes_;                // the font file, read by HarfBuzz when it first shapes
  const CompiledKerning* compiled_ = nullptr;
  mutable size_t shaped_pairs_ = 0;
  // Makes HarfBuzz's face, font and buffer, when the face first shapes.
  void StartShaping() const;
  // The pair's compiled kerning; nullopt when the compiled kerning does not cover both.
  std::optional<int> CompiledPair(char32_t left, char32_t right) const;
  mutable hb_blob_t* blob_ = nullptr;
  mutable hb_face_t* face_ = nullptr;
  mutable hb_font_t* font_ = nullptr;
  mutable hb_buffer_t* buffer_ = nullptr;
  // Kerning looked up so far, in 1/1000 em: for two Latin-1 characters in a row of 256 per left
  // character (made when first needed; kUnknownKerning until looked up), else in a map.
  static constexpr int16_t kUnknownKerning = INT16_MIN;
  void Remember(char32_t left, char32_t right, int kerning) const;
  // Shapes a text with HarfBuzz into buffer_; kerning on, every substitution off.
  void ShapeText(const char32_t* text, size_t length) const;
  // A pair's kerning, from shaping it alone.
  int Shape(char32_t left, char32_t right) const;
  // A shaped advance, less the glyph's own, in 1/1000 em.
  int ToKerning(int shaped_advance, uint32_t glyph) const;
  void FindKerningGlyphs() const;
  unsigned glyph_count_ = 0;
  mutable bool kerning_glyphs_found_ = false;
  mutable std::vector<bool> may_kern_;  // by glyph: named by a GPOS kerning lookup (empty: shape all)
  mutable std::array<std::unique_ptr<int16_t[]>, 256> latin1_kerning_;
  mutable std::unordered_map<uint64_t, int16_t> other_kerning_;  // (left << 32 | right) -> 1/1000 em
  sfnt::CharacterMap glyph_of_;  // cmap: the glyph of each BMP character, 0 for none
  std::vector<uint16_t> advance_of_glyph_;           // hmtx, in font units
  int GlyphAdvance(uint16_t glyph) const;            // in 1/1000 em
  std::array<int, 256> latin1_advance_{};            // Advance of U+0000..U+00FF, most of any text
  int units_per_em_ = 1000;
  int ascender_ = 0, descender_ = 0, cap_height_ = 0, x_height_ = 0;
  std::array<int, 4> bounding_box_{};
  double italic_angle_ = 0;
  bool fixed_pitch_ = false;
  int weight_ = 0;
};

// Calls `visit` with each code point of UTF-8 (already validated by the loader); a malformed
// byte, reachable only with unvalidated input, gives U+FFFD.
template <class Visit>
void ForEachCodePoint(std::string_view utf8, Visit&& visit) {
  constexpr char32_t kReplacement = 0xFFFD;
  size_t i = 0;
  while (i < utf8.size()) {
    auto lead = static_cast<unsigned char>(utf8[i]);
    if (lead < 0x80) {  // the common case, ASCII
      visit(static_cast<char32_t>(lead));
      ++i;
      continue;
    }
    size_t length = (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
    if (length == 0 || length > utf8.size() - i) {
      visit(kReplacement);
      ++i;
      continue;
    }
    char32_t cp = lead & (0x7F >> length);
    bool well_formed = true;
    for (size_t k = 1; k < length; ++k) {
      auto continuation = static_cast<unsigned char>(utf8[i + k]);
      well_formed = well_formed && (continuation & 0xC0) == 0x80;
      cp = cp << 6 | (continuation & 0x3F);
    }
    visit(well_formed ? cp : kReplacement);
    i += well_formed ? length : 1;
  }
}

// A font file of at most 64 MB, mapped read-only: layout's metrics read seven of its tables and
// the renderer's subsetting only the glyphs drawn, so only those pages are touched, where
// reading would first copy all of a 600 KB file. Layout maps each face once, and the Document
// carries the mapping to render. (A font must not be truncated in place while arsred maps it:
// for a build, or for as long as `watch` keeps the layout's fonts. Replacing the file, as
// package updates and editors do, leaves the mapping intact.)
class FontFile {
 public:
  // Null and `error` ("PATH: cannot read the file: No such file or directory") when it cannot
  // be mapped.
  static std::unique_ptr<FontFile> Open(const std::string& path, std::string* error);
  FontFile(const FontFile&) = delete;
  FontFile& operator=(const FontFile&) = delete;
  ~FontFile();

  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  FontFile(void* data, size_t size) : data_(data), size_(size) {}
  void* data_;
  size_t size_;
};

// Decodes UTF-8 (already validated by the loader) into code points.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view text);

}  // namespace arsred

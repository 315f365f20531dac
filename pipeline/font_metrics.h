// Widths of characters in a TrueType font, read from the file itself (cmap, hmtx, head, hhea,
// OS/2), so that layout measures text exactly as the PDF will draw it without depending on the
// PDF library. Widths are in thousandths of an em, floor(advance × 1000 / unitsPerEm), the same
// integers the renderer writes into the PDF's /W array (pdf_fonts.cc), so measured and drawn
// widths agree exactly.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace arsred {

class FontMetrics {
 public:
  // Reads `path`; returns null and sets `error` when it is not a usable TrueType font.
  static std::unique_ptr<FontMetrics> Load(const std::string& path, std::string* error);
  // The same from the bytes of a font file; `error` then names no file.
  static std::unique_ptr<FontMetrics> Parse(std::string_view font_file_bytes, std::string* error);

  bool HasGlyph(char32_t cp) const;
  // The glyph a character maps to; 0 (.notdef) when the font lacks it.
  uint16_t Glyph(char32_t cp) const;
  // Advance width of a character in 1/1000 em (the .notdef glyph's when the font lacks it).
  int Advance(char32_t cp) const;
  // Width of UTF-8 text at `size` points.
  double Width(std::string_view utf8, double size) const;

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
  std::unordered_map<char32_t, uint16_t> glyph_of_;  // cmap (Unicode BMP)
  std::vector<uint16_t> advance_of_glyph_;           // hmtx, in font units
  int units_per_em_ = 1000;
  int ascender_ = 0, descender_ = 0, cap_height_ = 0, x_height_ = 0;
  std::array<int, 4> bounding_box_{};
  double italic_angle_ = 0;
  bool fixed_pitch_ = false;
  int weight_ = 0;
};

// Decodes UTF-8 (already validated by the loader) into code points.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view text);

}  // namespace arsred

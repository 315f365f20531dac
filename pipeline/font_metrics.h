// Widths of characters in a TrueType font, read from the file itself (cmap, hmtx, head, hhea,
// OS/2), so that layout measures text exactly as the PDF will draw it without depending on the
// PDF library. Widths are in thousandths of an em, floor(advance × 1000 / unitsPerEm), the same
// integers libharu writes into the PDF's /W array, so measured and drawn widths agree exactly.
#pragma once

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

  bool HasGlyph(char32_t cp) const;
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

 private:
  FontMetrics() = default;
  std::unordered_map<char32_t, uint16_t> glyph_of_;  // cmap (Unicode BMP)
  std::vector<uint16_t> advance_of_glyph_;           // hmtx, in font units
  int units_per_em_ = 1000;
  int ascender_ = 0, descender_ = 0, cap_height_ = 0, x_height_ = 0;
};

// Decodes UTF-8 (already validated by the loader) into code points.
std::u32string DecodeUtf8(std::string_view utf8);
std::string EncodeUtf8(std::u32string_view text);

}  // namespace arsred

// Reading TrueType (sfnt) font files: big-endian reads checked against the end of the data, the
// table directory, and the Windows Unicode cmap. Layout's metrics (font_metrics) and render's
// subsetter (font_subset) both read fonts through this, so that they agree on which glyph
// draws each character. A truncated or hostile file gives an error or an empty answer, never
// a read past its end.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arsred::sfnt {

// A view of font data whose every read is checked: nullopt when it would run past the end.
class Bytes {
 public:
  Bytes() = default;
  explicit Bytes(std::string_view data) : data_(data) {}

  std::string_view data() const { return data_; }
  size_t size() const { return data_.size(); }
  bool Has(size_t offset, size_t length) const { return offset <= data_.size() && length <= data_.size() - offset; }

  std::optional<uint16_t> U16(size_t offset) const {
    if (!Has(offset, 2)) return std::nullopt;
    return static_cast<uint16_t>(Byte(offset) << 8 | Byte(offset + 1));
  }
  std::optional<int16_t> S16(size_t offset) const {
    auto value = U16(offset);
    if (!value) return std::nullopt;
    return static_cast<int16_t>(*value);
  }
  std::optional<uint32_t> U32(size_t offset) const {
    if (!Has(offset, 4)) return std::nullopt;
    return static_cast<uint32_t>(Byte(offset)) << 24 | static_cast<uint32_t>(Byte(offset + 1)) << 16 |
           static_cast<uint32_t>(Byte(offset + 2)) << 8 | static_cast<uint32_t>(Byte(offset + 3));
  }
  // The `length` bytes at `offset`, or nullopt when they are not all inside the data.
  std::optional<Bytes> Slice(size_t offset, size_t length) const {
    if (!Has(offset, length)) return std::nullopt;
    return Bytes(data_.substr(offset, length));
  }

 private:
  unsigned Byte(size_t offset) const { return static_cast<unsigned char>(data_[offset]); }
  std::string_view data_;
};

// A table's tag as the directory stores it: Tag("glyf").
constexpr uint32_t Tag(const char (&name)[5]) {
  return static_cast<uint32_t>(static_cast<unsigned char>(name[0])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[3]));
}
// "'glyf'", for messages.
std::string TagName(uint32_t tag);

// The tables of a TrueType file, by tag (the first of duplicate tags counts).
struct Tables {
  std::map<uint32_t, Bytes> by_tag;
  // The table's bytes; empty when the file has no such table.
  Bytes Find(uint32_t tag) const;
};

// Reads the table directory of a TrueType file. Returns nullopt and sets `error` when the data
// is not a TrueType font (too short, CFF outlines, a collection) or when the directory or a
// table it lists runs past the end of the data.
std::optional<Tables> ReadTables(std::string_view file, std::string* error);

// The glyph of each BMP character, 0 for none. A font maps a few thousand of the 65 536, in a few
// dozen blocks of 256: only those blocks are stored (a full table is 128 KiB of memory to clear,
// for each face, in layout and again in render).
class CharacterMap {
 public:
  uint16_t operator[](char32_t cp) const {
    if (cp > 0xFFFF) return 0;
    const std::unique_ptr<Block>& block = blocks_[cp >> 8];
    return block ? (*block)[cp & 0xFF] : 0;
  }
  void Set(char32_t cp, uint16_t glyph);  // cp in the BMP
  // Unmaps every character mapped to a glyph of `glyph_count` or more.
  void DropGlyphsFrom(uint16_t glyph_count);

 private:
  using Block = std::array<uint16_t, 256>;
  std::array<std::unique_ptr<Block>, 256> blocks_;
};

// Fills `glyph_of` with the glyph of each BMP character from the Windows Unicode subtables of
// `cmap`: (3,1) format 4, then (3,10) format 12 for what format 4 leaves unmapped. False when
// neither is present and readable.
bool ReadUnicodeCmap(Bytes cmap, CharacterMap& glyph_of);

}  // namespace arsred::sfnt

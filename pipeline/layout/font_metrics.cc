#include "font_metrics.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <iterator>
#include <vector>
#include <optional>

namespace arsred {

namespace {

// Fonts we ship are well under a megabyte; anything far larger is not a font we want to read.
constexpr size_t kMaxFontBytes = 64 << 20;

// Big-endian reads from the font file, each checked against the end of the data: a truncated or
// hostile file yields std::nullopt, never a read past the buffer.
class Bytes {
 public:
  explicit Bytes(std::string_view data) : data_(data) {}

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
  // The `length` bytes at `offset`, or an empty view when they are not all inside the data.
  Bytes Slice(size_t offset, size_t length) const {
    return Has(offset, length) ? Bytes(data_.substr(offset, length)) : Bytes({});
  }

 private:
  unsigned Byte(size_t offset) const { return static_cast<unsigned char>(data_[offset]); }
  std::string_view data_;
};

uint32_t Tag(const char (&name)[5]) {
  return static_cast<uint32_t>(static_cast<unsigned char>(name[0])) << 24 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[1])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[2])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(name[3]));
}

// The table directory of an sfnt file.
class Tables {
 public:
  explicit Tables(Bytes file) : file_(file) {}

  // False when the directory or a table it lists runs past the end of the file (a truncated file).
  bool InsideFile() const {
    auto count = file_.U16(4);
    if (!count || !file_.Has(12, 16 * static_cast<size_t>(*count))) return false;
    for (size_t i = 0; i < *count; ++i) {
      if (!file_.Has(*file_.U32(12 + 16 * i + 8), *file_.U32(12 + 16 * i + 12))) return false;
    }
    return true;
  }

  // The table's bytes; empty when it is absent.
  Bytes Find(uint32_t tag) const {
    uint16_t count = file_.U16(4).value_or(0);
    for (size_t i = 0; i < count; ++i) {
      size_t record = 12 + 16 * i;
      auto record_tag = file_.U32(record);
      auto offset = file_.U32(record + 8);
      auto length = file_.U32(record + 12);
      if (!record_tag || !offset || !length) return Bytes({});
      if (*record_tag == tag) return file_.Slice(*offset, *length);
    }
    return Bytes({});
  }

 private:
  Bytes file_;
};

// Appends the mappings of a cmap format 4 subtable (segments of consecutive code points).
bool ReadCmapFormat4(Bytes subtable, std::vector<uint16_t>& glyph_of) {
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
      if (glyph != 0 && glyph_of[cp] == 0) glyph_of[cp] = glyph;
    }
  }
  return true;
}

// Appends the BMP mappings of a cmap format 12 subtable (groups over all of Unicode) that the
// format 4 subtable did not already give: where both map a character, format 4 wins.
bool ReadCmapFormat12(Bytes subtable, std::vector<uint16_t>& glyph_of) {
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
      if (glyph != 0 && glyph <= 0xFFFF && glyph_of[cp] == 0) glyph_of[cp] = static_cast<uint16_t>(glyph);
    }
  }
  return true;
}

// Reads the Windows Unicode subtables of `cmap`: BMP (3,1) format 4 and full repertoire (3,10)
// format 12. False when neither is present and readable.
bool ReadCmap(Bytes cmap, std::vector<uint16_t>& glyph_of) {
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
      bmp = cmap.Slice(*offset, cmap.size() - std::min<size_t>(*offset, cmap.size()));
    } else if (*encoding == 10 && format == 12) {
      auto length = cmap.U32(*offset + 4);
      if (length) full = cmap.Slice(*offset, *length);
    }
  }
  bool read = false;
  if (bmp) read = ReadCmapFormat4(*bmp, glyph_of);
  if (full) read = ReadCmapFormat12(*full, glyph_of) || read;
  return read;
}

// Font units to thousandths of an em, rounding down, as the PDF's /W widths are written.
int ToThousandths(int font_units, int units_per_em) {
  int64_t scaled = static_cast<int64_t>(font_units) * 1000;
  int64_t quotient = scaled / units_per_em;
  if (scaled % units_per_em != 0 && scaled < 0) --quotient;
  return static_cast<int>(quotient);
}

}  // namespace

std::unique_ptr<FontFile> FontFile::Open(const std::string& path, std::string* error) {
  const auto fail = [&](const std::string& why) -> std::unique_ptr<FontFile> {
    *error = path + ": " + why;
    return nullptr;
  };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail(std::string("cannot read the file: ") + std::strerror(errno));
  struct stat status {};
  if (::fstat(fd, &status) != 0 || !S_ISREG(status.st_mode)) {
    ::close(fd);
    return fail("cannot read the file: not a regular file");
  }
  const auto size = static_cast<uint64_t>(status.st_size);
  if (size > kMaxFontBytes) {
    ::close(fd);
    return fail("larger than 64 MB, too large for a font");
  }
  void* data = nullptr;
  if (size > 0) {  // an empty file maps to nothing; Parse then says what is missing
    data = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
      const int mmap_errno = errno;
      ::close(fd);
      return fail(std::string("cannot read the file: ") + std::strerror(mmap_errno));
    }
  }
  ::close(fd);  // the mapping stays valid without the descriptor
  return std::unique_ptr<FontFile>(new FontFile(data, static_cast<size_t>(size)));
}

FontFile::~FontFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

std::unique_ptr<FontMetrics> FontMetrics::Load(const std::string& path, std::string* error) {
  std::string open_error;
  std::unique_ptr<FontFile> file = FontFile::Open(path, &open_error);
  if (!file) {
    if (error) *error = open_error;
    return nullptr;
  }
  std::unique_ptr<FontMetrics> font = Parse(file->bytes(), error);
  if (!font && error) *error = path + ": " + *error;
  return font;
}

std::unique_ptr<FontMetrics> FontMetrics::Parse(std::string_view font_file_bytes, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return nullptr;
  };
  Bytes file(font_file_bytes);

  auto version = file.U32(0);
  if (!version) return fail("too short to be a font");
  if (*version == Tag("OTTO")) return fail("OpenType fonts with CFF outlines are not supported (only TrueType outlines are embedded)");
  if (*version == Tag("ttcf")) return fail("font collections (.ttc) are not supported");
  if (*version != 0x00010000 && *version != Tag("true")) return fail("not a TrueType font");

  Tables tables(file);
  if (!tables.InsideFile()) return fail("truncated: its table directory points past the end of the file");
  Bytes head = tables.Find(Tag("head"));
  Bytes hhea = tables.Find(Tag("hhea"));
  Bytes hmtx = tables.Find(Tag("hmtx"));
  Bytes cmap = tables.Find(Tag("cmap"));
  Bytes os2 = tables.Find(Tag("OS/2"));
  Bytes maxp = tables.Find(Tag("maxp"));
  Bytes post = tables.Find(Tag("post"));

  std::unique_ptr<FontMetrics> font(new FontMetrics());
  auto units_per_em = head.U16(18);
  // The OpenType specification allows 16..16384.
  if (!units_per_em || *units_per_em < 16 || *units_per_em > 16384) return fail("missing or invalid head table");
  font->units_per_em_ = *units_per_em;

  auto hhea_ascender = hhea.S16(4);
  auto hhea_descender = hhea.S16(6);
  auto metric_count = hhea.U16(34);
  if (!hhea_ascender || !hhea_descender || !metric_count || *metric_count == 0) {
    return fail("missing or invalid hhea table");
  }
  // hmtx starts with one (advance, left side bearing) pair per glyph up to numberOfHMetrics;
  // later glyphs repeat the last advance (see Advance).
  if (!hmtx.Has(0, 4 * static_cast<size_t>(*metric_count))) return fail("hmtx table shorter than hhea says");
  font->advance_of_glyph_.reserve(*metric_count);
  for (size_t glyph = 0; glyph < *metric_count; ++glyph) font->advance_of_glyph_.push_back(*hmtx.U16(4 * glyph));

  auto glyph_count = maxp.U16(4);
  if (!glyph_count || *glyph_count == 0) return fail("missing or invalid maxp table");
  font->glyph_of_.assign(0x10000, 0);
  if (!ReadCmap(cmap, font->glyph_of_)) return fail("no readable Windows Unicode cmap (3,1 format 4 or 3,10 format 12)");
  // A character mapped to a glyph the font does not have is missing (the PDF, too, gives it the
  // .notdef width).
  for (uint16_t& glyph : font->glyph_of_) {
    if (glyph >= *glyph_count) glyph = 0;
  }

  int ascender = *hhea_ascender, descender = *hhea_descender;
  // The typographic values are what the designer intends for line spacing; hhea is the fallback.
  auto os2_version = os2.U16(0);
  auto typo_ascender = os2.S16(68);
  auto typo_descender = os2.S16(70);
  if (typo_ascender && typo_descender) {
    ascender = *typo_ascender;
    descender = *typo_descender;
  }
  font->ascender_ = ToThousandths(ascender, font->units_per_em_);
  font->descender_ = ToThousandths(descender, font->units_per_em_);
  // sxHeight and sCapHeight exist from OS/2 version 2; older fonts leave them 0 (unknown).
  auto x_height = os2.S16(86);
  auto cap_height = os2.S16(88);
  if (os2_version && *os2_version >= 2 && x_height && cap_height) {
    font->x_height_ = ToThousandths(*x_height, font->units_per_em_);
    font->cap_height_ = ToThousandths(*cap_height, font->units_per_em_);
  }
  for (size_t i = 0; i < 4; ++i) {
    font->bounding_box_[i] = ToThousandths(head.S16(36 + 2 * i).value_or(0), font->units_per_em_);
  }
  font->weight_ = os2.U16(4).value_or(0);
  if (auto angle = post.U32(4)) font->italic_angle_ = static_cast<int32_t>(*angle) / 65536.0;  // 16.16 fixed
  font->fixed_pitch_ = post.U32(12).value_or(0) != 0;
  return font;
}

bool FontMetrics::HasGlyph(char32_t cp) const { return Glyph(cp) != 0; }

uint16_t FontMetrics::Glyph(char32_t cp) const { return cp < glyph_of_.size() ? glyph_of_[cp] : 0; }

int FontMetrics::Advance(char32_t cp) const {
  size_t glyph = Glyph(cp);  // glyph 0 is .notdef
  size_t metric = std::min(glyph, advance_of_glyph_.size() - 1);
  return ToThousandths(advance_of_glyph_[metric], units_per_em_);
}

double FontMetrics::Width(std::string_view utf8, double size, bool no_break_space_as_space) const {
  int64_t total = 0;
  ForEachCodePoint(utf8, [&](char32_t cp) {
    total += Advance(no_break_space_as_space && cp == 0xA0 ? U' ' : cp);
  });
  return static_cast<double>(total) * size / 1000;
}

std::u32string DecodeUtf8(std::string_view utf8) {
  std::u32string out;
  out.reserve(utf8.size());
  ForEachCodePoint(utf8, [&out](char32_t cp) { out.push_back(cp); });
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : text) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;  // not a scalar value
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | cp >> 6);
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | cp >> 18);
      out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

}  // namespace arsred

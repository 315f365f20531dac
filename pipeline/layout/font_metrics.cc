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
#include <new>
#include <optional>
#include <utility>

#include "harfbuzz_api.h"
#include "source.h"
#include "sfnt.h"

namespace arsred {

namespace {

using sfnt::Tag;

// Fonts we ship are well under a megabyte; anything far larger is not a font we want to read.
constexpr size_t kMaxFontBytes = 64 << 20;

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
  std::shared_ptr<const FontFile> file = FontFile::Open(path, &open_error);
  if (!file) {
    if (error) *error = open_error;
    return nullptr;
  }
  std::unique_ptr<FontMetrics> font = Parse(file->bytes(), error);
  if (!font && error) *error = path + ": " + *error;
  if (font) font->file_ = std::move(file);
  return font;
}

FontMetrics::~FontMetrics() {
  if (blob_ == nullptr) return;  // never shaped
  const HarfBuzzApi& hb = HarfBuzz();
  hb.buffer_destroy(buffer_);
  hb.font_destroy(font_);
  hb.face_destroy(face_);
  hb.blob_destroy(blob_);
}

std::unique_ptr<FontMetrics> FontMetrics::Parse(std::string_view font_file_bytes, std::string* error,
                                               std::span<const CompiledKerning> compiled) {
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return nullptr;
  };
  std::string directory_error;
  const std::optional<sfnt::Tables> tables = sfnt::ReadTables(font_file_bytes, &directory_error);
  if (!tables) return fail(directory_error);
  const sfnt::Bytes head = tables->Find(Tag("head"));
  const sfnt::Bytes hhea = tables->Find(Tag("hhea"));
  const sfnt::Bytes hmtx = tables->Find(Tag("hmtx"));
  const sfnt::Bytes cmap = tables->Find(Tag("cmap"));
  const sfnt::Bytes os2 = tables->Find(Tag("OS/2"));
  const sfnt::Bytes maxp = tables->Find(Tag("maxp"));
  const sfnt::Bytes post = tables->Find(Tag("post"));

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
  if (!sfnt::ReadUnicodeCmap(cmap, font->glyph_of_)) return fail("no readable Windows Unicode cmap (3,1 format 4 or 3,10 format 12)");
  // A character mapped to a glyph the font does not have is missing (the PDF, too, gives it the
  // .notdef width).
  font->glyph_of_.DropGlyphsFrom(*glyph_count);
  for (char32_t cp = 0; cp < font->latin1_advance_.size(); ++cp) {
    font->latin1_advance_[cp] = font->GlyphAdvance(font->Glyph(cp));
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

  font->bytes_ = font_file_bytes;
  font->glyph_count_ = *glyph_count;
  // The compiled kerning made from exactly these tables, if any.
  for (const CompiledKerning& entry : compiled) {
    bool same = entry.tables.size() == std::size(kShapingTables);
    for (size_t i = 0; same && i < entry.tables.size(); ++i) {
      const sfnt::Bytes table = tables->Find(kShapingTables[i]);
      same = entry.tables[i].tag == kShapingTables[i] &&
             table.data() == entry.tables[i].bytes;
    }
    if (same) {
      font->compiled_ = &entry;
      break;
    }
  }
  return font;
}

void FontMetrics::StartShaping() const {
  const HarfBuzzApi& hb = HarfBuzz();
  // HarfBuzz reads the font's bytes in place, at a scale of font units.
  blob_ = hb.blob_create(bytes_.data(), static_cast<unsigned>(bytes_.size()), HB_MEMORY_MODE_READONLY, nullptr, nullptr);
  face_ = hb.face_create(blob_, 0);
  font_ = hb.font_create(face_);
  hb.font_set_scale(font_, units_per_em_, units_per_em_);
  buffer_ = hb.buffer_create();
  if (!hb.buffer_allocation_successful(buffer_)) throw std::bad_alloc();
}

std::optional<int> FontMetrics::CompiledPair(char32_t left, char32_t right) const {
  if (compiled_ == nullptr) return std::nullopt;
  const auto& characters = compiled_->characters;
  if (!std::binary_search(characters.begin(), characters.end(), left) ||
      !std::binary_search(characters.begin(), characters.end(), right)) {
    return std::nullopt;
  }
  const auto& pairs = compiled_->pairs;
  const auto at = std::lower_bound(pairs.begin(), pairs.end(), std::pair(left, right),
                                   [](const CompiledKerning::Pair& p, const std::pair<char32_t, char32_t>& key) {
                                     return std::pair(p.left, p.right) < key;
                                   });
  return at != pairs.end() && at->left == left && at->right == right ? at->kerning : 0;
}

void FontMetrics::FindKerningGlyphs() const {
  kerning_glyphs_found_ = true;
  StartShaping();
  const unsigned glyph_count = glyph_count_;
  // The glyphs the GPOS kerning lookups name, on either side of a pair: a pair with a glyph
  // outside them is not kerned, and needs no shaping. (With GPOS kerning, HarfBuzz ignores an
  // old kern table.) A font that kerns only through a kern table, or not at all, has no such
  // lookups: then every pair is shaped.
  const HarfBuzzApi& hb = HarfBuzz();
  hb_set_t* lookups = hb.set_create();
  const hb_tag_t kern[] = {HB_TAG('k', 'e', 'r', 'n'), HB_TAG_NONE};
  hb.ot_layout_collect_lookups(face_, HB_OT_TAG_GPOS, nullptr, nullptr, kern, lookups);
  hb_set_t* glyphs = hb.set_create();
  for (hb_codepoint_t lookup = HB_SET_VALUE_INVALID; hb.set_next(lookups, &lookup);) {
    hb.ot_layout_lookup_collect_glyphs(face_, HB_OT_TAG_GPOS, lookup, nullptr, glyphs, nullptr, nullptr);
  }
  if (!hb.set_is_empty(lookups)) {
    may_kern_.assign(glyph_count, false);
    for (hb_codepoint_t glyph = HB_SET_VALUE_INVALID; hb.set_next(glyphs, &glyph);) {
      if (glyph < glyph_count) may_kern_[glyph] = true;
    }
  }
  hb.set_destroy(glyphs);
  hb.set_destroy(lookups);
}

int FontMetrics::Kerning(char32_t left, char32_t right) const {
  if (left < 256 && right < 256) {
    const std::unique_ptr<int16_t[]>& row = latin1_kerning_[left];
    if (row && row[right] != kUnknownKerning) return row[right];
  } else if (auto it = other_kerning_.find(static_cast<uint64_t>(left) << 32 | right); it != other_kerning_.end()) {
    return it->second;
  }
  const std::optional<int> compiled = CompiledPair(left, right);
  const int kerning = compiled ? *compiled : Shape(left, right);
  Remember(left, right, kerning);
  return kerning;
}

void FontMetrics::Remember(char32_t left, char32_t right, int kerning) const {
  if (left < 256 && right < 256) {
    std::unique_ptr<int16_t[]>& row = latin1_kerning_[left];
    if (!row) {
      row.reset(new int16_t[256]);
      std::fill(row.get(), row.get() + 256, kUnknownKerning);
    }
    row[right] = static_cast<int16_t>(kerning);
  } else {
    other_kerning_[static_cast<uint64_t>(left) << 32 | right] = static_cast<int16_t>(kerning);
  }
}

int FontMetrics::ToKerning(int shaped_advance, uint32_t glyph) const {
  const size_t metric = std::min<size_t>(glyph, advance_of_glyph_.size() - 1);
  const int adjustment = shaped_advance - advance_of_glyph_[metric];
  // In 1/1000 em, rounded half away from zero: symmetric for tightening and loosening.
  const int64_t scaled = static_cast<int64_t>(adjustment) * 1000;
  const int kerning = static_cast<int>((scaled + (scaled < 0 ? -units_per_em_ / 2 : units_per_em_ / 2)) / units_per_em_);
  // Far beyond any kerning, but kept apart from the mark of a pair not yet looked up.
  return std::clamp(kerning, -30000, 30000);
}

void FontMetrics::ShapeText(const char32_t* text, size_t length) const {
  // Kerning on and every ligature off; nor composition, local forms or mark positioning: the
  // text is precomposed Swedish, one glyph a character, and those lookups only cost time.
  static const hb_feature_t kFeatures[] = {
      {HB_TAG('k', 'e', 'r', 'n'), 1, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('l', 'i', 'g', 'a'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('c', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('d', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('c', 'a', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('c', 'c', 'm', 'p'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('l', 'o', 'c', 'l'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('r', 'l', 'i', 'g'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('r', 'c', 'l', 't'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('m', 'a', 'r', 'k'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
      {HB_TAG('m', 'k', 'm', 'k'), 0, HB_FEATURE_GLOBAL_START, HB_FEATURE_GLOBAL_END},
  };
  const HarfBuzzApi& hb = HarfBuzz();
  static const hb_language_t kSwedish = hb.language_from_string("sv", 2);
  hb.buffer_clear_contents(buffer_);
  hb.buffer_add_utf32(buffer_, reinterpret_cast<const uint32_t*>(text), static_cast<int>(length), 0,
                      static_cast<int>(length));
  hb.buffer_set_direction(buffer_, HB_DIRECTION_LTR);
  hb.buffer_set_script(buffer_, HB_SCRIPT_LATIN);
  hb.buffer_set_language(buffer_, kSwedish);
  hb.shape(font_, buffer_, kFeatures, sizeof kFeatures / sizeof kFeatures[0]);
}

// The pair's kerning from HarfBuzz, in 1/1000 em.
int FontMetrics::Shape(char32_t left, char32_t right) const {
  const uint16_t left_glyph = Glyph(left), right_glyph = Glyph(right);
  if (left_glyph == 0 || right_glyph == 0) return 0;
  ++shaped_pairs_;
  if (!kerning_glyphs_found_) FindKerningGlyphs();  // when the face first shapes, if ever
  if (!may_kern_.empty() && (!may_kern_[left_glyph] || !may_kern_[right_glyph])) return 0;
  const char32_t pair[] = {left, right};
  ShapeText(pair, 2);
  unsigned count = 0;
  const HarfBuzzApi& hb = HarfBuzz();
  const hb_glyph_info_t* info = hb.buffer_get_glyph_infos(buffer_, &count);
  const hb_glyph_position_t* position = hb.buffer_get_glyph_positions(buffer_, nullptr);
  // One glyph per character, the first the character's own: nothing was substituted.
  if (count != 2 || info[0].codepoint != left_glyph || info[1].cluster != 1) return 0;
  return ToKerning(position[0].x_advance, left_glyph);
}

bool FontMetrics::HasGlyph(char32_t cp) const { return Glyph(cp) != 0; }

uint16_t FontMetrics::Glyph(char32_t cp) const { return glyph_of_[cp]; }

int FontMetrics::Advance(char32_t cp) const {
  if (cp < latin1_advance_.size()) return latin1_advance_[cp];
  return GlyphAdvance(Glyph(cp));
}

int FontMetrics::GlyphAdvance(uint16_t glyph) const {
  const size_t metric = std::min<size_t>(glyph, advance_of_glyph_.size() - 1);  // glyph 0 is .notdef
  return ToThousandths(advance_of_glyph_[metric], units_per_em_);
}

double FontMetrics::Width(std::string_view utf8, double size, bool no_break_space_as_space) const {
  int64_t total = 0;
  char32_t previous = 0;
  ForEachCodePoint(utf8, [&](char32_t cp) {
    if (no_break_space_as_space && cp == 0xA0) cp = U' ';
    total += Advance(cp);
    if (previous != 0) total += Kerning(previous, cp);
    previous = cp;
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
  for (char32_t cp : text) AppendUtf8(out, cp);
  return out;
}

}  // namespace arsred

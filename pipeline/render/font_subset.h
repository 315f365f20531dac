// Subsetting of TrueType fonts for embedding: a font reduced to the characters a document draws.
//
// HarfBuzz's hb-subset makes the subset (harfbuzz_subset_api.h): .notdef and the glyphs of the
// given characters and, recursively, the components of composite glyphs, renumbered in the
// input's order, with a cmap of exactly those characters. Every glyph keeps its outline, its
// advance width and its left side bearing, so text measured with the original font draws the
// same with the subset. The hinting tables (cvt, fpgm, prep, gasp), name and OS/2 are kept; GSUB,
// GPOS, kern and the like are left out (a PDF viewer uses none of them).
//
// hb-subset reads a damaged font leniently: a truncated table, a glyph whose loca entry points
// past glyf, or a component the font does not have would be left out or emptied, and the report
// would print blank letters without a word. So the glyphs a subset needs are checked first, and
// such a font is refused with the glyph's number (font_subset_test.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arsred {

// Returns the bytes of a TrueType font holding .notdef and the glyphs of `code_points`. Code
// points the font does not map, and those outside U+0001..U+FFFE (which a PDF's two-byte codes
// cannot hold), are left out; duplicates and order do not matter. The result depends only on the
// arguments (and the HarfBuzz release), byte for byte. Returns nullopt and sets `error` when
// `font_file_bytes` is not a TrueType font that can be read (every read is checked against the
// end of the data), or HarfBuzz cannot be loaded.
std::optional<std::string> SubsetTrueType(std::string_view font_file_bytes, const std::vector<char32_t>& code_points,
                                          std::string* error);

}  // namespace arsred

// Subsetting of TrueType fonts for embedding: a font reduced to the characters a document draws.
//
// The subset keeps .notdef and the glyphs of the given characters (and, recursively, the
// components of composite glyphs), numbered 1, 2, 3… in the order of the characters and then of
// the components. Its cmap maps exactly those characters; every glyph keeps its outline, its
// advance width and its left side bearing, so text measured with the original font draws the same
// with the subset. The hinting tables (cvt, fpgm, prep, gasp), name and OS/2 are copied; GSUB,
// GPOS, kern and the like are dropped (a PDF viewer uses none of them).
//
// Why not HarfBuzz's hb-subset: tried twice (December 2026). It draws the same pages pixel for
// pixel, but
// - it reads a damaged font leniently: a truncated table, a glyph whose loca entry points past
//   glyf, or a component the font does not have is left out or emptied, and the report would
//   print blank letters without a word. This subsetter refuses such a font with the glyph's
//   number (font_subset_test.cc); with hb-subset, the same walk of the glyphs ran first as a check;
// - it costs every PDF build libharfbuzz-subset and the eight libraries it brings (GLib,
//   FreeType, graphite2, PCRE2, Brotli…), which the seed years otherwise never load: a build of
//   2023 took 5.9 % longer (60 paired runs), which put it over the speed target (bench/README.md,
//   2026-12-07). Loading them early on the idle second core gained 0.6 %.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace arsred {

// Returns the bytes of a TrueType font holding .notdef and the glyphs of `code_points`. Code
// points the font does not map, and those outside U+0001..U+FFFE (which a format 4 cmap cannot
// hold), are left out; duplicates and order do not matter. The result depends only on the
// arguments, byte for byte. Returns nullopt and sets `error` when `font_file_bytes` is not a
// TrueType font that can be read (every read is checked against the end of the data).
std::optional<std::string> SubsetTrueType(std::string_view font_file_bytes, const std::vector<char32_t>& code_points,
                                          std::string* error);

}  // namespace arsred

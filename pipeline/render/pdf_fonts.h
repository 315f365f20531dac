// The fonts of a rendered PDF, written by arsred rather than by libharu's TrueType path. Internal
// to the renderer.
//
// Each face that draws text is embedded as a subset of the characters it draws, as a composite
// font (Type0 over a CIDFontType2, encoding Identity-H) whose two-byte character codes are the
// characters' own Unicode values: a content string is the text in UTF-16BE, /CIDToGIDMap sends
// each code to the subset's glyph, /W gives each code's width, and /ToUnicode is the identity
// over the characters drawn. libharu's own path does the same in outline but builds a
// 65 536-entry CIDToGIDMap for every font, names the descriptor's ordering wrongly, and re-reads
// and re-encodes the font program; here everything is sized to what the document draws.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "font_metrics.h"
#include "haru_internals.h"

namespace arsred {

class PdfDoc;
class StreamDeflater;

// A font as pages are drawn with it.
struct EmbeddedFont {
  haru::Dict dict = nullptr;                     // the Type0 font, for the pages' /Font resources
  std::shared_ptr<const FontMetrics> metrics;  // the widths its /W array says
};

// An empty indirect dictionary that EmbedFont makes a font: pages can name a font in their
// resources before it is embedded.
haru::Dict NewFontDict(PdfDoc& pdf);

// Makes `font` (from NewFontDict) the font in `font_file_bytes` as a subset holding
// `characters` (duplicates and order do not matter; characters the font lacks draw its
// .notdef). `postscript_name` names the font in the PDF, after a subset tag derived from the
// subset's bytes. `description` names the font in error messages. Throws RenderFailure when
// the file is not a TrueType font that can be subset.
// Its streams (the font program, the maps) go to `streams`, to be deflated beside the pages.
void EmbedFont(PdfDoc& pdf, StreamDeflater& streams, haru::Dict font, std::string_view font_file_bytes,
               const std::string& postscript_name, std::vector<char32_t> characters, const std::string& description);

}  // namespace arsred

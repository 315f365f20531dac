// What the build compiles into the program from the files a report is normally made with, so that
// a build finds it ready instead of working it out again (generated into the build directory):
// - the default Swedish hyphenation dictionary (kSwedishDictionary) as its trie, with the bytes
//   it was made from (hyphenate.h, Hyphenator::Compiled; tools/compile_patterns.cc);
// - the kerning of the fonts in fonts/, shaped by HarfBuzz pair by pair (font_metrics.h,
//   CompiledKerning; tools/compile_kerning.cc).
// Each is used only for a file with exactly the bytes it was made from.
#pragma once

#include <span>

#include "font_metrics.h"
#include "hyphenate.h"

namespace arsred {

extern const Hyphenator::Compiled kSwedishPatterns;
extern const std::span<const CompiledKerning> kBundledKerning;

}  // namespace arsred

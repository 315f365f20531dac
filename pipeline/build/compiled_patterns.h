// The default Swedish hyphenation dictionary (kSwedishDictionary) as the build compiled it into
// the program: its trie ready to use, and the bytes it was made from (hyphenate.h,
// Hyphenator::Compiled). The source is generated when arsred is built, by
// tools/compile_patterns.cc, into the build directory.
#pragma once

#include "hyphenate.h"

namespace arsred {

extern const Hyphenator::Compiled kSwedishPatterns;

}  // namespace arsred

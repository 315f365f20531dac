// Accented letters typed as a letter and a combining accent (ä as a followed by U+0308), as
// macOS and text copied from a PDF may have them, read as the one character they are: the
// canonical composition of Unicode (NFC) for the Latin letters, so that the font's glyph for ä
// prints them and the checks read the words they are.
#pragma once

#include <string>

namespace arsred {

// The Latin letter that `letter` followed by the combining accent `accent` (U+0300–U+036F) is,
// or 0 when there is none.
char32_t ComposedLetter(char32_t letter, char32_t accent);

// `text` (UTF-8) with each Latin letter and combining accent that compose written as one
// character; a letter with several accents composes with each in turn where it can. Returns
// `text` unchanged when it holds no combining accent. Bytes that are not UTF-8 pass unchanged
// (the reader reports them).
std::string ComposeAccents(std::string text);

}  // namespace arsred

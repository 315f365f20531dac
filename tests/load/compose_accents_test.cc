// A letter typed as the letter and a combining accent is read as the one character it is.
#include <catch2/catch.hpp>

#include "compose_accents.h"

namespace arsred::test {
namespace {

TEST_CASE("a Latin letter and its combining accent are read as one character") {
  CHECK(ComposeAccents("fo\u0308rbund") == "förbund");
  CHECK(ComposeAccents("A\u030Arsredovisning, a\u0308ven") == "Årsredovisning, även");
  CHECK(ComposeAccents("Jo\u0308nko\u0308pings la\u0308n") == "Jönköpings län");
  // Two accents compose in turn: u, ¨ and ¯ are ǖ.
  CHECK(ComposeAccents("u\u0308\u0304") == "\u01D6");
  // What has no single character stays as it is: q with ¨, an accent with no letter before it.
  CHECK(ComposeAccents("q\u0308") == "q\u0308");
  CHECK(ComposeAccents("\u0308a") == "\u0308a");
  CHECK(ComposeAccents("\u6771\u0308") == "\u6771\u0308");
  // Text without accents, and bytes that are not UTF-8, pass unchanged.
  CHECK(ComposeAccents("Samordningsförbundet") == "Samordningsförbundet");
  CHECK(ComposeAccents("a\xCC") == "a\xCC");
  CHECK(ComposedLetter('a', 0x308) == U'ä');
  CHECK(ComposedLetter('q', 0x308) == 0);
}

}  // namespace
}  // namespace arsred::test

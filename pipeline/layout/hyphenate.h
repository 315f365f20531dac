// Swedish hyphenation by Liang's patterns, read from Debian's hyph_sv_SE.dic (the ISO-8859-1
// pattern file of libhyphen's format): words are lower-cased and converted to Latin-1 before
// lookup, and only alphabetic words are hyphenated. At least two letters stay on each side of a
// break.
//
// The patterns are kept in a plain trie. libhyphen reads the same file into an automaton whose
// fallback links pay off over millions of words; building it took 6 ms of a 30 ms build, for the
// two thousand words of a report. The trie is built in a fraction of that and gives the same
// breaks (tests/layout/hyphenate_test.cc compares the two on every word of the inputs).
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace arsred {

class Hyphenator {
 public:
  // Reads a pattern file; null (and `error`, naming the file) when it cannot be read or uses
  // what this reader does not support (UTF-8, a second level, non-standard breaks).
  static std::unique_ptr<Hyphenator> Load(const std::string& dictionary_path, std::string* error);
  // The same from the file's text; `name` is what an error calls it.
  static std::unique_ptr<Hyphenator> Parse(std::string_view text, const std::string& name, std::string* error);

  // Byte offsets into `word` (UTF-8) where a hyphen may be inserted, in increasing order. Empty
  // for words that are not purely alphabetic (numbers, URLs, words with digits) or too short.
  std::vector<size_t> BreakPoints(std::string_view word) const;

 private:
  static constexpr uint32_t kNone = UINT32_MAX;
  // A trie node: a letter (a Latin-1 byte, or '.' for a word's edge), its first child and next
  // sibling, and where its pattern's values start in values_ when a pattern ends here.
  struct Node {
    uint32_t first_child = kNone;
    uint32_t next_sibling = kNone;
    uint32_t values = kNone;
    unsigned char letter = 0;
  };

  Hyphenator() { first_letters_.fill(kNone); }
  uint32_t Child(uint32_t node, unsigned char letter) const;
  uint32_t AddChild(uint32_t node, unsigned char letter);
  bool AddPattern(std::string_view pattern);

  std::vector<Node> nodes_;      // nodes_[0] is the root
  // The root's children by letter: every lookup starts there, and the root has the most.
  std::array<uint32_t, 256> first_letters_;
  // A pattern of n letters has n + 1 values: values[k] stands before its letter k.
  std::vector<uint8_t> values_;
  int left_min_ = 2;             // letters kept before a break: 2, or the file's LEFTHYPHENMIN
  int right_min_ = 2;            // letters kept after one: 2, or the file's RIGHTHYPHENMIN
};

// The dictionary Debian installs with hyphen-sv.
inline constexpr const char* kSwedishDictionary = "/usr/share/hyphen/hyph_sv_SE.dic";

}  // namespace arsred

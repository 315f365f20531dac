// Swedish hyphenation by Liang's patterns, read from Debian's hyph_sv_SE.dic (the ISO-8859-1
// pattern file of libhyphen's format): words are lower-cased and converted to Latin-1 before
// lookup, and only alphabetic words are hyphenated. At least two letters stay on each side of a
// break.
//
// The patterns are kept in a plain trie, stored breadth first. libhyphen reads the same file into
// an automaton whose fallback links pay off over millions of words; building it took 6 ms of a
// 30 ms build, for the two thousand words of a report. The trie gives the same breaks
// (tests/layout/hyphenate_test.cc compares the two on every word of the inputs), and the default
// dictionary's trie is compiled into the program when it is built (Compiled), so that a build
// only checks that the file is still the one it was made from.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace arsred {

class Hyphenator {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;
  // A node of the trie: a letter (a Latin-1 byte, or '.' for a word's edge), where its pattern's
  // values start in the values when a pattern ends here, and its children, which stand side by
  // side from `first_child`, in order of their letters (the trie is stored breadth first: the
  // children looked through for one letter share a cache line or two).
  struct Node {
    uint32_t first_child = 0;
    uint32_t values = kNone;
    uint8_t letter = 0;
    uint16_t child_count = 0;
  };
  // A dictionary's trie in the form it is stored in, as the build compiles the default dictionary
  // into the program (tools/compile_patterns.cc), the way TeX keeps its patterns in a format file.
  // `source` is the pattern file the trie was made from, byte for byte: Load uses the trie only
  // for a file with exactly those bytes.
  struct Compiled {
    std::string_view source;
    std::span<const Node> nodes;       // nodes[0] is the root
    std::span<const uint8_t> values;   // a pattern of n letters has n + 1 values
    int left_min = 2;
    int right_min = 2;
  };

  // Reads a pattern file; null (and `error`, naming the file) when it cannot be read or uses
  // what this reader does not support (UTF-8, a second level, non-standard breaks). When the
  // file's bytes are `compiled`'s source, its trie is used as it stands instead of being built.
  static std::unique_ptr<Hyphenator> Load(const std::string& dictionary_path, std::string* error,
                                          const Compiled* compiled = nullptr);
  // The same from the file's text; `name` is what an error calls it.
  static std::unique_ptr<Hyphenator> Parse(std::string_view text, const std::string& name, std::string* error);

  // Byte offsets into `word` (UTF-8) where a hyphen may be inserted, in increasing order. Empty
  // for words that are not purely alphabetic (numbers, URLs, words with digits) or too short.
  std::vector<size_t> BreakPoints(std::string_view word) const;

  // The trie as stored, for compiling it into the program; `source` is the text it was parsed from.
  Compiled Stored(std::string_view source) const { return {source, nodes_, values_, left_min_, right_min_}; }
  // Whether the trie is a compiled one, used as it stands (for the tests).
  bool precompiled() const { return owned_nodes_.empty(); }

 private:
  Hyphenator() = default;
  explicit Hyphenator(const Compiled& compiled);
  void IndexRoot();
  uint32_t Child(uint32_t node, unsigned char letter) const;

  std::vector<Node> owned_nodes_;     // a trie this object built (empty for a compiled one)
  std::vector<uint8_t> owned_values_;
  std::span<const Node> nodes_;       // the trie in use: the owned one, or a compiled one
  std::span<const uint8_t> values_;
  // The root's children by letter: every lookup starts there, and the root has the most.
  std::array<uint32_t, 256> first_letters_{};
  int left_min_ = 2;                  // letters kept before a break: 2, or the file's LEFTHYPHENMIN
  int right_min_ = 2;                 // letters kept after one: 2, or the file's RIGHTHYPHENMIN
};

// The dictionary Debian installs with hyphen-sv.
inline constexpr const char* kSwedishDictionary = "/usr/share/hyphen/hyph_sv_SE.dic";

}  // namespace arsred

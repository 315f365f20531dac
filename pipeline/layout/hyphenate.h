// Swedish hyphenation with libhyphen and Debian's hyph_sv_SE.dic (an ISO-8859-1 dictionary of
// lower-case patterns): words are lower-cased and converted to Latin-1 before lookup, and only
// alphabetic words are hyphenated. At least two letters stay on each side of a break.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

struct _HyphenDict;

namespace arsred {

class Hyphenator {
 public:
  // Loads a dictionary; null (and `error`) when it cannot be read.
  static std::unique_ptr<Hyphenator> Load(const std::string& dictionary_path, std::string* error);
  ~Hyphenator();
  Hyphenator(const Hyphenator&) = delete;
  Hyphenator& operator=(const Hyphenator&) = delete;

  // Byte offsets into `word` (UTF-8) where a hyphen may be inserted, in increasing order. Empty
  // for words that are not purely alphabetic (numbers, URLs, words with digits) or too short.
  std::vector<size_t> BreakPoints(std::string_view word) const;

 private:
  explicit Hyphenator(_HyphenDict* dict) : dict_(dict) {}
  _HyphenDict* dict_;
};

// The dictionary Debian installs with hyphen-sv.
inline constexpr const char* kSwedishDictionary = "/usr/share/hyphen/hyph_sv_SE.dic";

}  // namespace arsred

#include "hyphenate.h"

#include <hyphen.h>

#include <climits>
#include <cstdlib>
#include <optional>

#include "font_metrics.h"

namespace arsred {

namespace {

constexpr int kLeftHyphenMin = 2;
constexpr int kRightHyphenMin = 2;

// Latin-1 letters: A–Z, a–z and 0xC0–0xFF except × (0xD7) and ÷ (0xF7).
bool IsLatin1Letter(char32_t cp) {
  return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') || (cp >= 0xC0 && cp <= 0xFF && cp != 0xD7 && cp != 0xF7);
}

char32_t ToLowerLatin1(char32_t cp) {
  bool upper = (cp >= 'A' && cp <= 'Z') || (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7);
  return upper ? cp + 0x20 : cp;
}

// A word as the dictionary wants it (lower-case Latin-1 bytes), with the UTF-8 byte offset in the
// original word at which each of its characters starts.
struct Latin1Word {
  std::string bytes;
  std::vector<size_t> utf8_offset;
};

std::optional<Latin1Word> ToLatin1Word(std::string_view word) {
  Latin1Word out;
  size_t offset = 0;
  for (char32_t cp : DecodeUtf8(word)) {
    if (!IsLatin1Letter(cp)) return std::nullopt;
    out.bytes += static_cast<char>(ToLowerLatin1(cp));
    out.utf8_offset.push_back(offset);
    offset += cp < 0x80 ? 1 : 2;  // every Latin-1 letter is one or two bytes of UTF-8
  }
  return out;
}

}  // namespace

std::unique_ptr<Hyphenator> Hyphenator::Load(const std::string& dictionary_path, std::string* error) {
  HyphenDict* dict = hnj_hyphen_load(dictionary_path.c_str());
  if (dict == nullptr) {
    if (error) *error = dictionary_path + ": cannot load the hyphenation dictionary";
    return nullptr;
  }
  // The conversion to Latin-1 below is only right for a Latin-1 dictionary.
  if (dict->utf8) {
    hnj_hyphen_free(dict);
    if (error) *error = dictionary_path + ": a UTF-8 dictionary; only ISO8859-1 dictionaries are supported";
    return nullptr;
  }
  return std::unique_ptr<Hyphenator>(new Hyphenator(dict));
}

Hyphenator::~Hyphenator() { hnj_hyphen_free(dict_); }

std::vector<size_t> Hyphenator::BreakPoints(std::string_view word) const {
  std::optional<Latin1Word> latin1 = ToLatin1Word(word);
  if (!latin1 || latin1->bytes.size() < kLeftHyphenMin + kRightHyphenMin || latin1->bytes.size() > INT_MAX / 2) {
    return {};
  }
  int length = static_cast<int>(latin1->bytes.size());
  // libhyphen writes a few bytes past the word into `hyphens` and reads `word` up to its NUL.
  std::vector<char> hyphens(latin1->bytes.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  hnj_hyphen_hyphenate3(dict_, latin1->bytes.c_str(), length, hyphens.data(), nullptr, &rep, &pos, &cut,
                        kLeftHyphenMin, kRightHyphenMin, kLeftHyphenMin, kRightHyphenMin);
  // Non-standard breaks (which change letters, as German "Schiff-fahrt") come back in rep/pos/cut;
  // Swedish patterns have none, and a plain hyphen is all the typesetter can insert anyway.
  if (rep) {
    for (int i = 0; i < length; ++i) std::free(rep[i]);
    std::free(rep);
  }
  std::free(pos);
  std::free(cut);

  std::vector<size_t> breaks;
  // An odd digit after character i allows a break after it; the bounds repeat lhmin/rhmin so
  // that the promise of two letters on each side does not rest on libhyphen alone.
  for (int i = kLeftHyphenMin - 1; i < length - kRightHyphenMin; ++i) {
    if ((hyphens[i] - '0') % 2 == 1) breaks.push_back(latin1->utf8_offset[i + 1]);
  }
  return breaks;
}

}  // namespace arsred

#include "hyphenate.h"

#include <algorithm>
#include <charconv>
#include <optional>

#include "font_metrics.h"
#include "read_file.h"

namespace arsred {

namespace {

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
  std::string why;
  const std::optional<std::string> text = ReadWholeFile(dictionary_path, &why);
  if (!text) {
    if (error) *error = dictionary_path + ": " + why;
    return nullptr;
  }
  return Parse(*text, dictionary_path, error);
}

std::unique_ptr<Hyphenator> Hyphenator::Parse(std::string_view text, const std::string& name, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = name + ": " + why;
    return nullptr;
  };
  std::unique_ptr<Hyphenator> out(new Hyphenator);
  out->nodes_.reserve(text.size() / 2);  // about one node for every two bytes of a pattern file
  out->values_.reserve(text.size());
  out->nodes_.emplace_back();
  bool first_line = true;
  size_t line_number = 0;
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    ++line_number;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    if (first_line) {
      // The first line names the patterns' character set; only a one-byte set fits Latin-1 words.
      first_line = false;
      if (line.rfind("UTF-8", 0) == 0) return fail("a UTF-8 dictionary; only ISO8859-1 dictionaries are supported");
      continue;
    }
    if (line.empty() || line[0] == '%') continue;
    // Patterns are lower case; the keywords of the format are capitals.
    if (line[0] >= 'A' && line[0] <= 'Z') {
      const size_t space = line.find(' ');
      const std::string_view keyword = line.substr(0, space);
      const std::string_view argument = space == std::string_view::npos ? "" : line.substr(space + 1);
      if (keyword == "LEFTHYPHENMIN" || keyword == "RIGHTHYPHENMIN") {
        int value = 0;
        std::from_chars(argument.data(), argument.data() + argument.size(), value);
        int& min = keyword[0] == 'L' ? out->left_min_ : out->right_min_;
        min = std::max(min, value);
        continue;
      }
      if (keyword == "COMPOUNDLEFTHYPHENMIN" || keyword == "COMPOUNDRIGHTHYPHENMIN") continue;  // a second level's
      return fail("line " + std::to_string(line_number) + ": " + std::string(keyword) +
                  " is not supported: only one level of standard patterns");
    }
    if (!out->AddPattern(line)) {
      return fail("line " + std::to_string(line_number) +
                  ": not a pattern (non-standard breaks are not supported): " + std::string(line));
    }
  }
  if (first_line || out->values_.empty()) return fail("no hyphenation patterns");
  return out;
}

uint32_t Hyphenator::Child(uint32_t node, unsigned char letter) const {
  if (node == 0) return first_letters_[letter];
  for (uint32_t child = nodes_[node].first_child; child != kNone; child = nodes_[child].next_sibling) {
    if (nodes_[child].letter == letter) return child;
  }
  return kNone;
}

uint32_t Hyphenator::AddChild(uint32_t node, unsigned char letter) {
  uint32_t child = Child(node, letter);
  if (child != kNone) return child;
  child = static_cast<uint32_t>(nodes_.size());
  Node added;
  added.letter = letter;
  if (node == 0) {
    first_letters_[letter] = child;
  } else {
    added.next_sibling = nodes_[node].first_child;
    nodes_[node].first_child = child;
  }
  nodes_.push_back(added);
  return child;
}

// A pattern such as ".a2bak": the letters ".abak" with a value before each and one after the
// last, 0 where no digit is written. A later pattern of the same letters replaces an earlier one.
// False for what is no standard pattern: a space, or a non-standard break ("sch1f/ff=f,4,2").
bool Hyphenator::AddPattern(std::string_view pattern) {
  uint32_t node = 0;
  const size_t start = values_.size();
  values_.push_back(0);
  for (char c : pattern) {
    if (c >= '0' && c <= '9') {
      values_.back() = static_cast<uint8_t>(c - '0');
    } else if (c == ' ' || c == '\t' || c == '/') {
      return false;
    } else {
      node = AddChild(node, static_cast<unsigned char>(c));
      values_.push_back(0);
    }
  }
  if (node == 0) {
    values_.resize(start);  // digits alone: no pattern
    return true;
  }
  nodes_[node].values = static_cast<uint32_t>(start);
  return true;
}

std::vector<size_t> Hyphenator::BreakPoints(std::string_view word) const {
  std::optional<Latin1Word> latin1 = ToLatin1Word(word);
  const size_t length = latin1 ? latin1->bytes.size() : 0;
  if (length < static_cast<size_t>(left_min_ + right_min_)) return {};
  // Liang: every pattern that matches a stretch of ".word." raises the values around it to its
  // own; an odd value between two letters allows a break there.
  const std::string dotted = "." + latin1->bytes + ".";
  std::vector<uint8_t> between(dotted.size() + 1, 0);  // between[k] stands before dotted[k]
  for (size_t start = 0; start < dotted.size(); ++start) {
    uint32_t node = 0;
    for (size_t at = start; at < dotted.size(); ++at) {
      node = Child(node, static_cast<unsigned char>(dotted[at]));
      if (node == kNone) break;
      if (nodes_[node].values == kNone) continue;
      const uint8_t* values = &values_[nodes_[node].values];
      for (size_t k = 0; k <= at - start + 1; ++k) between[start + k] = std::max(between[start + k], values[k]);
    }
  }
  std::vector<size_t> breaks;
  // Letter i of the word is dotted[i + 1]; a break after it is between[i + 2].
  for (size_t i = static_cast<size_t>(left_min_) - 1; i + static_cast<size_t>(right_min_) < length; ++i) {
    if (between[i + 2] % 2 == 1) breaks.push_back(latin1->utf8_offset[i + 1]);
  }
  return breaks;
}

}  // namespace arsred

#include "hyphenate.h"

#include <algorithm>
#include <utility>
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

// The trie as patterns are added: each node's children in a list, newest first. Stored (Pack),
// the children of a node stand side by side instead.
class TrieBuilder {
 public:
  TrieBuilder(size_t expected_nodes, size_t expected_values) {
    nodes_.reserve(expected_nodes);
    values_.reserve(expected_values);
    nodes_.emplace_back();
  }

  // A pattern such as ".a2bak": the letters ".abak" with a value before each and one after the
  // last, 0 where no digit is written. A later pattern of the same letters replaces an earlier
  // one. False for what is no standard pattern: a space, or a non-standard break
  // ("sch1f/ff=f,4,2").
  bool AddPattern(std::string_view pattern) {
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

  bool empty() const { return values_.empty(); }

  // The trie breadth first, each node's children side by side in order of their letters.
  std::vector<Hyphenator::Node> Pack() const {
    std::vector<Hyphenator::Node> packed;
    packed.reserve(nodes_.size());
    std::vector<uint32_t> order{0};  // built nodes in the order they are stored
    order.reserve(nodes_.size());
    std::vector<uint32_t> children;
    for (size_t at = 0; at < order.size(); ++at) {
      const BuiltNode& built = nodes_[order[at]];
      children.clear();
      for (uint32_t c = built.first_child; c != Hyphenator::kNone; c = nodes_[c].next_sibling) children.push_back(c);
      std::sort(children.begin(), children.end(),
                [&](uint32_t a, uint32_t b) { return nodes_[a].letter < nodes_[b].letter; });
      Hyphenator::Node node;
      node.letter = built.letter;
      node.values = built.values;
      node.first_child = static_cast<uint32_t>(order.size());
      node.child_count = static_cast<uint16_t>(children.size());  // at most one a byte value: 256
      packed.push_back(node);
      order.insert(order.end(), children.begin(), children.end());
    }
    return packed;
  }

  std::vector<uint8_t> TakeValues() { return std::move(values_); }

 private:
  struct BuiltNode {
    uint32_t first_child = Hyphenator::kNone;
    uint32_t next_sibling = Hyphenator::kNone;
    uint32_t values = Hyphenator::kNone;
    unsigned char letter = 0;
  };

  uint32_t AddChild(uint32_t node, unsigned char letter) {
    for (uint32_t child = nodes_[node].first_child; child != Hyphenator::kNone; child = nodes_[child].next_sibling) {
      if (nodes_[child].letter == letter) return child;
    }
    const uint32_t child = static_cast<uint32_t>(nodes_.size());
    BuiltNode added;
    added.letter = letter;
    added.next_sibling = nodes_[node].first_child;
    nodes_[node].first_child = child;
    nodes_.push_back(added);
    return child;
  }

  std::vector<BuiltNode> nodes_;  // nodes_[0] is the root
  std::vector<uint8_t> values_;
};

}  // namespace

std::unique_ptr<Hyphenator> Hyphenator::Load(const std::string& dictionary_path, std::string* error,
                                             const Compiled* compiled) {
  std::string why;
  const std::optional<std::string> text = ReadWholeFile(dictionary_path, &why);
  if (!text) {
    if (error) *error = dictionary_path + ": " + why;
    return nullptr;
  }
  if (compiled != nullptr && *text == compiled->source) return std::unique_ptr<Hyphenator>(new Hyphenator(*compiled));
  return Parse(*text, dictionary_path, error);
}

Hyphenator::Hyphenator(const Compiled& compiled)
    : nodes_(compiled.nodes), values_(compiled.values), left_min_(compiled.left_min), right_min_(compiled.right_min) {
  IndexRoot();
}

void Hyphenator::IndexRoot() {
  first_letters_.fill(kNone);
  const Node& root = nodes_[0];
  for (uint32_t child = root.first_child; child < root.first_child + root.child_count; ++child) {
    first_letters_[nodes_[child].letter] = child;
  }
}

std::unique_ptr<Hyphenator> Hyphenator::Parse(std::string_view text, const std::string& name, std::string* error) {
  auto fail = [&](const std::string& why) {
    if (error) *error = name + ": " + why;
    return nullptr;
  };
  // About one node for every two bytes of a pattern file, and a value for each byte.
  TrieBuilder trie(text.size() / 2, text.size());
  std::unique_ptr<Hyphenator> out(new Hyphenator);
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
    if (!trie.AddPattern(line)) {
      return fail("line " + std::to_string(line_number) +
                  ": not a pattern (non-standard breaks are not supported): " + std::string(line));
    }
  }
  if (first_line || trie.empty()) return fail("no hyphenation patterns");
  out->owned_nodes_ = trie.Pack();
  out->owned_values_ = trie.TakeValues();
  out->nodes_ = out->owned_nodes_;
  out->values_ = out->owned_values_;
  out->IndexRoot();
  return out;
}

uint32_t Hyphenator::Child(uint32_t node, unsigned char letter) const {
  if (node == 0) return first_letters_[letter];
  // The children stand in order of their letters: a binary search, down to a short scan.
  const Node& parent = nodes_[node];
  uint32_t low = parent.first_child, high = parent.first_child + parent.child_count;
  while (high - low > 4) {
    const uint32_t middle = low + (high - low) / 2;
    if (nodes_[middle].letter <= letter) {
      low = middle;
    } else {
      high = middle;
    }
  }
  for (; low < high; ++low) {
    if (nodes_[low].letter == letter) return low;
  }
  return kNone;
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

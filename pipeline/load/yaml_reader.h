// Reads one YAML file strictly: the checks yaml-cpp leaves to us (encoding, tabs, size) come
// first, then one pass of yaml-cpp's parser whose events are both checked (anchors, aliases,
// several documents, nesting depth) and built into a YamlNode tree. Marks in the tree are
// positions in the file registered in the SourceSet.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/mark.h>

#include "diagnostics.h"
#include "source.h"

namespace arsred {

struct ReaderLimits {
  size_t max_file_bytes = 1 << 20;  // 1 MiB: a year's largest file is about 40 KiB
  int max_depth = 32;               // the format nests at most 7 levels
  size_t max_scalar_bytes = 256 * 1024;  // one text; 2023's förvaltningsberättelse is about 40 KiB
};

struct YamlEntry;

// One node of a document, as yaml-cpp's parser reported it. Anchors and aliases are refused
// before a tree is handed out, so it is a plain tree: walking it visits each value once.
struct YamlNode {
  enum class Kind { kNull, kScalar, kSequence, kMap };

  Kind kind = Kind::kNull;      // an empty value, `~` and `null` are all kNull
  YAML::Mark mark;              // where yaml-cpp puts the node (0-based; see WhereOf)
  std::string text;             // a scalar's text, after unquoting and folding; empty otherwise
  bool plain = false;           // a scalar written without quotes, block indicator or tag
  std::vector<YamlNode> items;  // a sequence's items
  std::vector<YamlEntry> entries;  // a mapping's pairs in file order, duplicate keys kept

  bool IsNull() const { return kind == Kind::kNull; }
  bool IsScalar() const { return kind == Kind::kScalar; }
  bool IsSequence() const { return kind == Kind::kSequence; }
  bool IsMap() const { return kind == Kind::kMap; }

  // The first pair whose key is the scalar `key` (quoted or not), or null.
  const YamlEntry* Lookup(std::string_view key) const;
};

struct YamlEntry {
  YamlNode key;
  YamlNode value;
};

struct ParsedFile {
  int file = -1;  // index in the SourceSet
  YamlNode root;  // a mapping
};

// Reads `path` (already known to be a regular file) and parses it. Returns nullopt when the file
// cannot be used at all; every reason is added to `diagnostics`.
std::optional<ParsedFile> ReadYamlFile(const std::string& path, const std::string& shown_path, SourceSet& sources,
                                       Diagnostics& diagnostics, const ReaderLimits& limits = {});

// The same for text already in memory (tests, fuzzing).
std::optional<ParsedFile> ParseYamlText(std::string text, const std::string& shown_path, SourceSet& sources,
                                        Diagnostics& diagnostics, const ReaderLimits& limits = {});

// ParseYamlText in two steps, so that files can be registered in order on one thread and parsed
// on several: AddYamlSource registers the text (without a UTF-8 byte order mark, with CRLF as
// LF, UTF-16 with its byte order mark as the UTF-8 it stands for), and ParseYamlSource, which
// only reads `sources`, parses it.
struct YamlSource {
  int file = -1;             // index in the SourceSet
  bool broken_utf16 = false;  // UTF-16 by its byte order mark, with a half of a character pair alone
};
YamlSource AddYamlSource(std::string text, const std::string& shown_path, SourceSet& sources);
std::optional<ParsedFile> ParseYamlSource(YamlSource source, const SourceSet& sources, Diagnostics& diagnostics,
                                          const ReaderLimits& limits = {});

// The first byte of `text` that is not valid UTF-8, or a character the typesetter cannot handle
// (outside the Basic Multilingual Plane, a control character other than tab and line ends, or
// one that reorders text), with `why`; npos when there is none. Every input file is checked so.
size_t FindBadCharacter(std::string_view text, std::string* why);

// Reads up to `limit` bytes of a stream, growing the buffer as the file does (a file is usually
// a few KiB; sizing for the limit up front would clear a MiB for each).
std::string ReadAtMost(std::istream& in, size_t limit);

// A Where for a yaml-cpp mark (0-based line and byte column) in a registered file.
Where WhereOf(const YAML::Mark& mark, int file, const SourceSet& sources);

}  // namespace arsred

// Reads one YAML file strictly: the checks yaml-cpp leaves to us (encoding, tabs, anchors and
// aliases, several documents, nesting depth, size) come first, then the parse. The result is a
// yaml-cpp node whose marks are positions in the file registered in the SourceSet.
#pragma once

#include <istream>
#include <optional>
#include <string>

#include <yaml-cpp/yaml.h>

#include "diagnostics.h"
#include "source.h"

namespace arsred {

struct ReaderLimits {
  size_t max_file_bytes = 1 << 20;  // 1 MiB: a year's largest file is about 40 KiB
  int max_depth = 32;               // the format nests at most 7 levels
  size_t max_scalar_bytes = 256 * 1024;  // one text; 2023's förvaltningsberättelse is about 40 KiB
};

struct ParsedFile {
  int file = -1;     // index in the SourceSet
  YAML::Node root;   // a map when the parse succeeded
};

// Reads `path` (already known to be a regular file) and parses it. Returns nullopt when the file
// cannot be used at all; every reason is added to `diagnostics`.
std::optional<ParsedFile> ReadYamlFile(const std::string& path, const std::string& shown_path, SourceSet& sources,
                                       Diagnostics& diagnostics, const ReaderLimits& limits = {});

// The same for text already in memory (tests, fuzzing).
std::optional<ParsedFile> ParseYamlText(std::string text, const std::string& shown_path, SourceSet& sources,
                                        Diagnostics& diagnostics, const ReaderLimits& limits = {});

// Reads up to `limit` bytes of a stream, growing the buffer as the file does (a file is usually
// a few KiB; sizing for the limit up front would clear a MiB for each).
std::string ReadAtMost(std::istream& in, size_t limit);

// A Where for a yaml-cpp mark (0-based line and byte column) in a registered file.
Where WhereOf(const YAML::Mark& mark, int file, const SourceSet& sources);

}  // namespace arsred

// Source files and positions in them. Every value loaded from an input keeps a Where, so that
// any stage can point a diagnostic at the exact line and column the user wrote.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace arsred {

// A position in one source file: 1-based line and column (column counts characters, not bytes).
struct Where {
  int file = -1;  // index into SourceSet; -1 when the value has no source (derived or defaulted)
  int line = 0;
  int column = 0;
  bool known() const { return file >= 0; }
};

struct SourceFile {
  std::string path;                 // as given to the tool, used in messages
  std::string text;                 // the whole file, as read
  std::vector<size_t> line_starts;  // byte offset of each line, so that positions are found in O(1)
};

// Owns the text of every file read in a run. Files are only added, never removed, so indices
// and string_views into them stay valid for the run.
class SourceSet {
 public:
  int Add(std::string path, std::string text);
  const SourceFile& file(int index) const { return files_.at(static_cast<size_t>(index)); }
  int size() const { return static_cast<int>(files_.size()); }
  // The text of one line (1-based), without its line end; empty when out of range.
  std::string_view LineText(int file, int line) const;

 private:
  std::deque<SourceFile> files_;
};

// Counts the characters (code points) in the first `bytes` bytes of a UTF-8 line.
int Utf8Columns(std::string_view line, size_t bytes);

// Appends the code point `cp` in UTF-8; one that is no Unicode scalar value (a surrogate, or
// past U+10FFFF) as U+FFFD, the replacement character.
void AppendUtf8(std::string& out, char32_t cp);

}  // namespace arsred

// Values of a YAML file replaced in its text, with every other byte kept: the comments, the
// order, and what follows a value on its line (`, drift: medlemsbidrag}` in a flow mapping).
// `arsred import-sie` writes the books' amounts into rakenskaper.yaml so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "source.h"

namespace arsred {

struct ScalarEdit {
  Where where;       // the value's first character, as loaded: its quote, block indicator or tag
  std::string path;  // its key path, for messages
  std::string text;  // a plain scalar on one line that takes its place, e.g. "2331095"
};

// The text of the YAML file `file` (registered in `sources`) with each edit made. Each value is
// replaced whole: a quoted one with its quotes, a plain one through its last continuation
// line, a block one (`|`, `>-`) with its indicator and all its lines (a comment on the
// indicator's line is kept). The text made is parsed again, and must hold what the file held
// but for the values edited, which must read as their `text`. Where an edit cannot be made so,
// says why at the value (code `import.edit`) and returns nullopt.
std::optional<std::string> EditScalars(const SourceSet& sources, int file, const std::vector<ScalarEdit>& edits,
                                       Diagnostics& diagnostics);

}  // namespace arsred

// `arsred watch`: typesets a year's draft again each time one of its inputs or its layout is
// saved, so that whoever writes the inputs sees the findings and the pages as they go.
//
// WatchYear sets up inotify watches on the directories the report is read from, builds once,
// then waits. Editors save in several steps (write a temporary file, rename it over the old
// one, touch a backup), so a build starts only once no event has arrived for `settle`, and a
// burst of events makes one build. The PDF is replaced only by a build whose inputs have no
// errors: the draft open in a viewer is always the last good one, while the findings of the
// latest save are printed.
//
// Watched: the year directory; every sibling year directory before it (the prior-year column
// and the multi-year overviews are read from them); the directory that holds the years (a
// year directory that appears, disappears or is renamed); <data_dir>/layouts; and, once a build
// has found the year's layout, the directory of that layout file (a förbund's own layout may lie
// anywhere). Only the names of YAML files count (IsWatchedFileName). Not watched: the fonts and
// the hyphenation dictionary, which are read once per process (restart the watch after
// replacing them).
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "build.h"

namespace arsred {

// What one build of the watch did.
struct WatchedBuild {
  int number = 0;                    // 1 for the build at start
  std::vector<std::string> changes;  // the files (or year directories) whose events led to it; empty at start
  int exit_code = kExitClean;        // what `arsred build` would have returned for the same inputs
  size_t errors = 0;
  size_t warnings = 0;
  size_t pages = 0;                  // pages typeset; 0 when the stages stopped before the layout
  bool written = false;              // this build's PDF replaced the previous one
  std::string output;                // the PDF written or left as it was; empty when the directory names no year
  std::chrono::milliseconds took{0};
};

struct WatchControl {
  // The loop ends when *stop becomes true: it is read at least every 100 ms while waiting
  // (a build under way is finished first). A signal handler may set it.
  const std::atomic<bool>* stop = nullptr;
  int max_builds = 0;  // the loop ends after this many builds; 0: no limit
  // Called on the watching thread after each build, once its status line is printed.
  std::function<void(const WatchedBuild&)> on_build;
  std::chrono::milliseconds settle{150};  // the quiet time after the last event before a build
};

// Builds the report of `year_dir` to `output` at start and after each change, printing every
// build's findings and a status line to `err`, until `control` ends the loop. The report is a
// draft unless `settings` asks for a final one (ReportMode::kAuto is taken as kDraft). Bad
// inputs never end the loop. Returns kExitClean when stopped, kExitErrors (after saying why)
// when the watches cannot be set up.
int WatchYear(const BuildSettings& settings, const std::string& year_dir, const OutputTarget& output,
              const WatchControl& control, std::ostream& err);

// Whether an event on the file `name` in a watched directory can change the report: a .yaml or
// .yml name that is not hidden. Editors' swap, lock and backup files (.text.yaml.swp,
// .#text.yaml, text.yaml~, #text.yaml#, vim's probe file 4913) are not. Exposed for tests.
bool IsWatchedFileName(std::string_view name);

}  // namespace arsred

// The command line as a library object: parses arguments into a command and runs it. `main`
// only wraps this, so that tests can drive every command without a process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace arsred {

// Runs `arsred ARGS...` (args[0] is the program name). Diagnostics and messages go to `err`,
// requested output (schemas) to `out`. Returns the process exit code (see diagnostics.h).
int RunCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace arsred

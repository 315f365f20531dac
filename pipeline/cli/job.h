// The command line as a library object: parses arguments into a command and runs it. `main`
// only wraps this, so that tests can drive every command without a process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace arsred {

// One invocation of the tool: `Job job(argv); int code = job.Run(std::cout, std::cerr);`.
// Diagnostics and messages go to `err`, requested output (schemas, help) to `out`; Run returns
// the process exit code (see diagnostics.h) and never throws for bad input.
class Job {
 public:
  explicit Job(std::vector<std::string> args) : args_(std::move(args)) {}
  int Run(std::ostream& out, std::ostream& err) const;

 private:
  std::vector<std::string> args_;  // args_[0] is the program name
};

// The same, for callers that hold the arguments already (tests).
inline int RunCommandLine(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return Job(args).Run(out, err);
}

}  // namespace arsred

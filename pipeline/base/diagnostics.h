// Findings of every stage, in one shape: where, which rule (a stable code), how severe, what.
// Stages add to a Diagnostics and never print; the driver sorts and prints them all at the end.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "source.h"

namespace arsred {

enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;      // stable identifier of the rule, e.g. "balance.sheet"; messages may change
  Where where;
  std::string key_path;  // e.g. "noter.omsattningstillgangar.poster[2].belopp"
  std::string message;
};

class Diagnostics {
 public:
  void Error(std::string code, Where where, std::string key_path, std::string message);
  void Warning(std::string code, Where where, std::string key_path, std::string message);
  // Adds the findings of `other` after these.
  void Append(Diagnostics&& other);

  const std::vector<Diagnostic>& all() const { return items_; }
  bool HasErrors() const;
  size_t ErrorCount() const;
  size_t WarningCount() const;
  // Orders by file, line, column, then code, so that output is stable and reads top to bottom.
  void Sort(const SourceSet& sources);
  void PromoteWarnings();  // --werror

 private:
  std::vector<Diagnostic> items_;
};

// `file:line:col: key.path: severity[code]: message`, then the source line and a caret.
std::string FormatDiagnostic(const Diagnostic& d, const SourceSet& sources);

// A count of findings in words: "1 error", "3 warnings" (`noun` singular).
std::string Plural(size_t n, const char* noun);

// Sorts the findings by file and line and prints each as FormatDiagnostic does.
void PrintDiagnostics(Diagnostics& diagnostics, const SourceSet& sources, std::ostream& err);

// Exit codes of the command line tool (documented in the README).
enum ExitCode { kExitClean = 0, kExitUsage = 1, kExitErrors = 2, kExitWarnings = 3 };

int ExitCodeFor(const Diagnostics& diagnostics);
// For a command that wrote what it was asked to (a report, an archive, an import): 2 when the
// inputs have errors, else 0; its warnings are printed, not counted (`--werror` makes them errors).
int ExitCodeOfWriting(const Diagnostics& diagnostics);

}  // namespace arsred

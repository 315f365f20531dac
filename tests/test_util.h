// Helpers shared by the tests: files, temporary directories, and running the command line
// in-process with its output captured.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace arsred::test {

namespace fs = std::filesystem;

inline const fs::path kSourceDir = ARSRED_SOURCE_DIR;

std::string ReadFile(const fs::path& path);
// An HTML page as a reader's search finds its words: without the soft hyphens and the break
// hints after slashes ("/<wbr>") that the words of its tables carry.
std::string ReadHtmlPage(const fs::path& path);
void WriteFile(const fs::path& path, const std::string& text);

// A fresh directory under the system's temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct RunResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// Runs `arsred ARGS...` in this process.
RunResult RunArsred(const std::vector<std::string>& args);

// Runs a shell command (a reader's tool: qpdf, pdffonts, ...) and captures its stdout.
struct ToolRun {
  int exit_code = 0;
  std::string output;
};
ToolRun RunTool(const std::string& command);
// The same with stderr and stdout together, for tests that read the tool's complaints.
ToolRun RunToolWithErrors(const std::string& command);

// A path quoted for the shell.
std::string Quote(const fs::path& path);

// Replaces every occurrence of `from` in `text` with `to`.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to);

// tests/fixtures/base copied into `dir` as inputs/, with `from` replaced by `to` in the file
// `file` of its year 2024 (`from` must occur). Returns the year's directory: a base year with
// one edit, for a test of what that edit does.
fs::path EditedBaseYear(const fs::path& dir, const std::string& file, const std::string& from, const std::string& to);

// How many times `part` occurs in `text` (overlapping occurrences count).
size_t Count(const std::string& text, const std::string& part);

// inputs/ copied into `dir`, with `year` marked final as its board would have it (status
// slutlig, the date of approval, the first seat as ordförande; signed at the förbund's säte).
// Returns the year's directory.
fs::path FinalSeedCopy(const fs::path& dir, const std::string& year);

// The seed years of inputs/ copied into `dir` (as its own year directories), with the next-year
// fixture's 2024 beside them (tests/fixtures/next-year/README.md). Returns 2024's directory.
fs::path NextYearCopy(const fs::path& dir);

// A layout trace cut into its parts, so that a change shows in the part it touches: the
// document's head (information, fonts, outline, structure) as "00-document", then the pages of
// each part, named by its number and the part's first heading ("03-forvaltningsberattelse").
std::vector<std::pair<std::string, std::string>> TraceByPart(const std::string& trace);

// A layout of the förbund's own, as the README tells a förbund to keep it: layouts/modern.yaml
// copied as <inputs>/layout/egen.yaml, its regular face renamed Egen-Regular.ttf (Carlito Italic,
// so that a report shows which file was found) and put beside it with a licence. The other
// faces are left to fonts/. Returns the layout file.
fs::path WriteOwnLayout(const fs::path& inputs);

// Sets `layout: <reference>` in the year's forbund.yaml, as its fourth line (after `omfattning`);
// an empty reference removes it.
void SetYearLayout(const fs::path& year, const std::string& reference);

// When ARSRED_UPDATE_GOLDENS=1, golden files are rewritten instead of compared (review the diff).
bool UpdatingGoldens();

}  // namespace arsred::test

#include "diagnostics.h"

#include <algorithm>
#include <iterator>
#include <ostream>
#include <tuple>
#include <vector>

namespace arsred {

void Diagnostics::Error(std::string code, Where where, std::string key_path, std::string message) {
  items_.push_back({Severity::kError, std::move(code), where, std::move(key_path), std::move(message)});
}

void Diagnostics::Warning(std::string code, Where where, std::string key_path, std::string message) {
  items_.push_back({Severity::kWarning, std::move(code), where, std::move(key_path), std::move(message)});
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

size_t Diagnostics::ErrorCount() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(),
                                           [](const Diagnostic& d) { return d.severity == Severity::kError; }));
}

size_t Diagnostics::WarningCount() const { return items_.size() - ErrorCount(); }

void Diagnostics::Sort(const SourceSet& sources) {
  auto key = [&](const Diagnostic& d) {
    const std::string& path = d.where.known() ? sources.file(d.where.file).path : std::string();
    return std::make_tuple(!d.where.known(), path, d.where.line, d.where.column, d.code, d.key_path, d.message);
  };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
}

void Diagnostics::Append(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()), std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

void Diagnostics::PromoteWarnings() {
  for (Diagnostic& d : items_) d.severity = Severity::kError;
}

namespace {

// The most characters of a source line shown under a finding.
constexpr size_t kLongestLineShown = 160;

}  // namespace

std::string FormatDiagnostic(const Diagnostic& d, const SourceSet& sources) {
  std::string out;
  if (d.where.known()) {
    out += sources.file(d.where.file).path;
    if (d.where.line > 0) {
      out += ':';
      out += std::to_string(d.where.line);
      out += ':';
      out += std::to_string(d.where.column);
    }
    out += ": ";
  }
  if (!d.key_path.empty()) out += d.key_path + ": ";
  out += d.severity == Severity::kError ? "error" : "warning";
  out += "[" + d.code + "]: " + d.message + "\n";
  if (d.where.known() && d.where.line > 0) {
    std::string_view line = sources.LineText(d.where.file, d.where.line);
    if (!line.empty()) {
      // Tabs and other control characters would upset the terminal, and a bidirectional
      // control would show the line in another order: a tab is shown as one space (so that the
      // caret lines up under the column we counted), the others as one '?' each. So are the
      // characters a terminal draws in no cell of their own, so that the caret can point at one:
      // a soft hyphen, the zero-width ones, and a combining accent; and the line and paragraph
      // separators, which would end the line.
      std::string shown;
      for (size_t i = 0; i < line.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(line[i]);
        const unsigned char c1 = i + 1 < line.size() ? static_cast<unsigned char>(line[i + 1]) : 0;
        const unsigned char c2 = i + 2 < line.size() ? static_cast<unsigned char>(line[i + 2]) : 0;
        if (c == '\t') {
          shown += ' ';
        } else if (c < 0x20 || c == 0x7F) {
          shown += '?';
        } else if ((c == 0xC2 && ((c1 >= 0x80 && c1 <= 0x9F) || c1 == 0xAD)) ||  // U+0080–U+009F, U+00AD
                   (c == 0xCC && c1 >= 0x80) || (c == 0xCD && c1 >= 0x80 && c1 <= 0xAF)) {  // U+0300–U+036F
          shown += '?';
          i += 1;
        } else if ((c == 0xE2 && c1 == 0x80 && ((c2 >= 0x8B && c2 <= 0x8D) || c2 == 0xA8 || c2 == 0xA9)) ||
                   (c == 0xE2 && c1 == 0x81 && c2 == 0xA0) ||
                   (c == 0xEF && c1 == 0xBB && c2 == 0xBF)) {  // U+200B–U+200D, U+2028, U+2029, U+2060, U+FEFF
          shown += '?';
          i += 2;
        } else if (c == 0xE2 && ((c1 == 0x80 && c2 >= 0xAA && c2 <= 0xAE) || (c1 == 0x81 && c2 >= 0xA6 && c2 <= 0xA9))) {
          shown += '?';  // U+202A–U+202E, U+2066–U+2069
          i += 2;
        } else {
          shown += static_cast<char>(c);
        }
      }
      // A long line (a SIE file's 2 MB name, a file of one line) is shown as a window around
      // the caret, its cut ends marked with an ellipsis.
      size_t caret = static_cast<size_t>(std::max(0, d.where.column - 1));
      std::vector<size_t> starts;  // where each character of `shown` begins
      for (size_t i = 0; i < shown.size(); ++i) {
        if ((static_cast<unsigned char>(shown[i]) & 0xC0) != 0x80) starts.push_back(i);
      }
      if (starts.size() > kLongestLineShown) {
        const size_t first = caret > kLongestLineShown / 2 ? std::min(caret - kLongestLineShown / 2,
                                                                      starts.size() - kLongestLineShown)
                                                           : 0;
        const size_t last = first + kLongestLineShown;  // one past
        const size_t end = last < starts.size() ? starts[last] : shown.size();
        std::string window = shown.substr(starts[first], end - starts[first]);
        if (first > 0) {
          window = "…" + window;
          caret = caret - first + 1;
        }
        if (last < starts.size()) window += "…";
        shown = std::move(window);
      }
      out += "    " + shown + "\n";
      out += "    " + std::string(caret, ' ') + "^\n";
    }
  }
  return out;
}

int ExitCodeOfWriting(const Diagnostics& diagnostics) { return diagnostics.HasErrors() ? kExitErrors : kExitClean; }

std::string Plural(size_t n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

int ExitCodeFor(const Diagnostics& diagnostics) {
  if (diagnostics.HasErrors()) return kExitErrors;
  if (!diagnostics.all().empty()) return kExitWarnings;
  return kExitClean;
}

void PrintDiagnostics(Diagnostics& diagnostics, const SourceSet& sources, std::ostream& err) {
  diagnostics.Sort(sources);
  for (const Diagnostic& d : diagnostics.all()) err << FormatDiagnostic(d, sources);
}

}  // namespace arsred

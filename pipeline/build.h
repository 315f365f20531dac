// One year through every stage, with the settings of a run: shared by the commands that make a
// report (build, dump, archive, verify), so that an archived report is made exactly as `build`
// makes it.
#pragma once

#include <chrono>
#include <iosfwd>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calculate.h"
#include "diagnostics.h"
#include "hyphenate.h"
#include "layout.h"
#include "load.h"
#include "pages.h"
#include "render_pdf.h"

namespace arsred {

enum class ReportMode {
  kAuto,   // final when the year is marked slutlig and the inputs have no errors, else a draft
  kDraft,  // always a draft
  kFinal,  // final; refused while the inputs have errors
};

// Everything a report depends on besides its inputs. The archive's manifest records these.
struct BuildSettings {
  std::string data_dir;  // holds layouts/ and fonts/
  std::string layout;    // a file in layouts/ without ".yaml"; empty: the year's choice, else modern
  ReportMode mode = ReportMode::kAuto;
  bool pdfa = false;     // PDF/A even for a draft (a final report is always PDF/A)
  bool tagged = false;   // a tagged PDF even for a draft (a final report is, unless its layout says not)
  bool werror = false;   // warnings count as errors: a final report is refused while there are any
  std::string icc_profile = kDefaultIccProfile;
  std::string hyphenation = kSwedishDictionary;
};

// Wall time and the process's CPU time (all threads) of each stage: CPU time above wall time
// means the stage kept more than one core busy.
class StageClock {
 public:
  StageClock();
  void Lap(const char* stage);
  void Print(std::ostream& err) const;

 private:
  struct LapTime {
    const char* stage;
    double wall_ms;
    double cpu_ms;
  };
  std::chrono::steady_clock::time_point last_wall_;
  double last_cpu_ms_;
  std::vector<LapTime> laps_;
};

// One year's way through the stages, kept whole for the commands that need more than the PDF.
struct YearBuild {
  StageClock clock;
  InputSet inputs;
  Diagnostics diagnostics;
  ReportFigures figures;
  std::string layout_name;  // e.g. "modern"
  std::string layout_path;  // the layout file read
  LayoutFile layout;
  const LayoutResources* resources = nullptr;
  Document document;
  bool draft = true;
  size_t errors_before_layout = 0;  // findings in the inputs; later ones are typesetting failures
};

// Fonts and the hyphenation dictionary of each layout used, loaded once per process: building
// several years in one run pays for them once.
using ResourceCache = std::map<std::string, std::unique_ptr<LayoutResources>>;

// Loads, validates, calculates and (with `want_layout`) lays out the year in `dir`. Returns an
// exit code, after printing the findings to `err`, when it cannot go on.
std::optional<int> RunStages(const BuildSettings& settings, const std::string& dir, ResourceCache& cache,
                             YearBuild& build, bool want_layout, std::ostream& err);

// The PDF flavour a finished YearBuild is rendered in under `settings`.
RenderOptions RenderOptionsFor(const BuildSettings& settings, const YearBuild& build);

// What was written, for the line that says so: "22 pages, final, PDF/A-2a, tagged PDF/UA-1".
std::string DescribeReport(const YearBuild& build, const RenderOptions& options);

// Where a report goes: a file, or a directory that receives arsredovisning-<year>.pdf (the
// current directory when `path` is empty).
struct OutputTarget {
  std::string path;
  bool directory = false;
};

// Runs every stage and writes the PDF, printing the findings and what was written. Returns the
// exit code.
int BuildReport(const BuildSettings& settings, const std::string& dir, const OutputTarget& output,
                bool print_timings, ResourceCache& cache, std::ostream& err);

// The file name of a year's report: arsredovisning-2023.pdf.
std::string ReportFileName(int year);

void PrintDiagnostics(Diagnostics& diagnostics, const SourceSet& sources, std::ostream& err);

}  // namespace arsred

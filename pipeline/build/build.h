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
#include <string_view>
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
  std::string layout;    // --layout: a layout reference (see ResolveLayout); empty: the year's, else modern
  ReportMode mode = ReportMode::kAuto;
  bool pdfa = false;     // PDF/A even for a draft (a final report is always PDF/A)
  bool tagged = false;   // a tagged PDF even for a draft (a final report is, unless its layout says not)
  bool werror = false;   // warnings count as errors: a final report is refused while there are any
  std::string icc_profile = kDefaultIccProfile;
  std::string hyphenation = kSwedishDictionary;
};

// Wall time and the process's CPU time (all threads) of each stage: CPU time above wall time
// means the stage kept more than one core busy. Also the page faults taken in it: on a virtual
// machine each first touch of fresh memory costs a microsecond or more.
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
    long page_faults;
  };
  std::chrono::steady_clock::time_point last_wall_;
  double last_cpu_ms_;
  long last_page_faults_;
  std::vector<LapTime> laps_;
};

// A layout reference, as `layout:` in forbund.yaml or `--layout` gives it, is one of two kinds:
//  - a name, e.g. "modern": the file <data_dir>/layouts/<name>.yaml. A name has no '/'.
//  - a path ending in ".yaml", e.g. "../layout/egen.yaml": a layout file of the förbund's own.
//    In forbund.yaml it is relative to the year's directory, so that the inputs and their layout
//    move together; an absolute path is refused there. On the command line it is relative to
//    the current directory, as every path given there is, or absolute.
// Anything else (a '/' without ".yaml") is neither, and refused.
bool IsLayoutName(const std::string& reference);

// The layout file a report is set in, and where its fonts are.
struct LayoutSource {
  // The name, or a layout file's name without .yaml: an archive keeps it as layouts/<name>.yaml.
  std::string name;
  std::string path;  // the file read
  // Where each font the layout names is looked for, in order: the layout file's own directory,
  // then <data_dir>/fonts.
  std::vector<std::string> font_dirs;
};

// Resolves the layout of the report year in `inputs`: `settings.layout` (from the command line),
// else the year's `layout:`, else modern. A reference that does not resolve is an error, at the
// `layout:` value when the year gave it (with the nearest name in layouts/ for a name); then
// nullopt.
std::optional<LayoutSource> ResolveLayout(const BuildSettings& settings, const InputSet& inputs,
                                          Diagnostics& diagnostics);

// ResolveLayout, then the layout file read and checked (LoadLayout). `build` (RunStages) and
// `check` both come this way, so that they report the same findings about a layout; both then
// load its fonts with LoadLayoutFonts.
bool LoadReportLayout(const BuildSettings& settings, InputSet& inputs, Diagnostics& diagnostics,
                      LayoutSource& source, LayoutFile& layout);

// How the statements are presented: the year's `belopp` and `benamningar`, else the layout's
// (when it was loaded), else the defaults.
Presentation PresentationFor(const OrgFile& org, const LayoutFile* layout);

// One year's way through the stages, kept whole for the commands that need more than the PDF.
struct YearBuild {
  StageClock clock;
  InputSet inputs;
  Diagnostics diagnostics;
  ReportFigures figures;
  LayoutSource layout_source;  // empty until the layout is resolved
  LayoutFile layout;
  const LayoutResources* resources = nullptr;
  Document document;
  bool draft = true;
  size_t errors_before_layout = 0;  // findings in the inputs; later ones are typesetting failures
  bool unreadable = false;          // a file did not load at all: there is nothing to draft from
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

// Whether the file at `path` exists, is not empty and does not start as a report does
// (`report_start`: "%PDF-", "<!DOCTYPE html>"): a build writes only over its own earlier output.
bool HoldsOtherThan(const std::string& path, std::string_view report_start);

// The file among those a build read (a year's YAML, the layout) that `output` names, if any:
// writing the report there would replace an input with it.
std::optional<std::string> InputNamedBy(const SourceSet& sources, const std::string& output);

// What was written, for the line that says so: "22 pages, final, PDF/A-2a, tagged PDF/UA-1".
std::string DescribeReport(const YearBuild& build, const RenderOptions& options);

// What a build writes: the typeset PDF, or the HTML edition for the web (pipeline/html,
// docs/publishing.md), made from the same figures and texts.
enum class OutputFormat { kPdf, kHtml };

// Where a report goes: a file, or a directory that receives arsredovisning-<year>.pdf (or .html;
// the current directory when `path` is empty).
struct OutputTarget {
  std::string path;
  bool directory = false;
  OutputFormat format = OutputFormat::kPdf;
  // `-o -`: the report goes to standard output (one year, no open data), for a pipe.
  bool standard_output = false;
  // With kHtml: the figures as open data (FiguresJson) beside the page, linked from it.
  bool open_data = false;
};

// The notes a draft lists in its last part: every finding of the inputs, sorted by place, one
// line each.
DraftNotes DraftNotesOf(const YearBuild& build);

// Runs every stage and writes the PDF (or the HTML page), printing the findings and what was written. Returns the
// exit code.
int BuildReport(const BuildSettings& settings, const std::string& dir, const OutputTarget& output,
                bool print_timings, ResourceCache& cache, std::ostream& err);

// The file name of a year's report: arsredovisning-2023.pdf, or .html.
std::string ReportFileName(int year, OutputFormat format = OutputFormat::kPdf);

// The file of the figures as open data beside an HTML page: rapport.html -> rapport.figures.json.
std::string FiguresFileFor(const std::string& page);

}  // namespace arsred

#include "build.h"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <stdexcept>

#include "figures_export.h"
#include "html_report.h"
#include "printable_characters.h"
#include "load_visitor.h"
#include "trace.h"
#include "approval.h"
#include "compiled_resources.h"
#include "validate.h"
#include "write_file.h"

namespace arsred {

namespace fs = std::filesystem;

namespace {

double ProcessCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

long ProcessPageFaults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt + usage.ru_majflt;
}

}  // namespace

StageClock::StageClock()
    : last_wall_(std::chrono::steady_clock::now()), last_cpu_ms_(ProcessCpuMs()), last_page_faults_(ProcessPageFaults()) {}

void StageClock::Lap(const char* stage) {
  const auto wall = std::chrono::steady_clock::now();
  const double cpu_ms = ProcessCpuMs();
  const long page_faults = ProcessPageFaults();
  laps_.push_back({stage, std::chrono::duration<double, std::milli>(wall - last_wall_).count(), cpu_ms - last_cpu_ms_,
                   page_faults - last_page_faults_});
  last_wall_ = wall;
  last_cpu_ms_ = cpu_ms;
  last_page_faults_ = page_faults;
}

void StageClock::Print(std::ostream& err) const {
  LapTime total{"total", 0, 0, 0};
  auto print = [&err](const LapTime& lap) {
    err << "arsred: timing " << lap.stage << " " << lap.wall_ms << " ms (cpu " << lap.cpu_ms << " ms, "
        << lap.page_faults << " page faults)\n";
  };
  for (const LapTime& lap : laps_) {
    print(lap);
    total.wall_ms += lap.wall_ms;
    total.cpu_ms += lap.cpu_ms;
    total.page_faults += lap.page_faults;
  }
  print(total);
}

bool IsLayoutName(const std::string& reference) {
  return !reference.empty() && reference.find('/') == std::string::npos && !reference.ends_with(".yaml");
}

namespace {

// The layouts in <data_dir>/layouts by name, for a did-you-mean.
std::vector<std::string> LayoutNames(const std::string& data_dir) {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(data_dir + "/layouts", ec)) {
    if (entry.path().extension() == ".yaml") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());  // the directory's order is the file system's
  return names;
}

}  // namespace

std::optional<LayoutSource> ResolveLayout(const BuildSettings& settings, const InputSet& inputs,
                                          Diagnostics& diagnostics) {
  const OrgFile& org = inputs.report().files.forbund;
  std::string reference = "modern";
  Where where;           // a finding goes at the year's `layout:` value; --layout has no place in a file
  std::string key_path;
  fs::path base;         // what a path is relative to: the year's directory, or the current one
  const bool from_year = settings.layout.empty() && org.layout;
  if (!settings.layout.empty()) {
    reference = settings.layout;
    key_path = "--layout";
  } else if (org.layout) {
    reference = org.layout->value;
    where = org.layout->where;
    key_path = org.layout->path;
    base = inputs.report().dir;
  }
  auto fail = [&](const char* code, std::string message) {
    diagnostics.Error(code, where, key_path, std::move(message));
    return std::nullopt;
  };
  auto nearest = [&](const std::string& name) {
    const std::string suggestion = DidYouMean(name, LayoutNames(settings.data_dir));
    return suggestion.empty() ? std::string() : "; did you mean `" + suggestion + "`?";
  };
  std::error_code ec;
  if (IsLayoutName(reference)) {
    const std::string layouts = settings.data_dir + "/layouts";
    LayoutSource source{reference, layouts + "/" + reference + ".yaml", {layouts, settings.data_dir + "/fonts"}};
    if (!fs::is_regular_file(source.path, ec)) {
      return fail("layout.unknown", "no layout named `" + reference + "` in " + layouts + nearest(reference));
    }
    return source;
  }
  if (!reference.ends_with(".yaml")) {
    return fail("layout.reference", "`" + reference +
                                         "` is neither a layout in layouts/ (a name, without '/') nor a layout "
                                         "file (a path ending in .yaml)");
  }
  fs::path file = reference;
  if (from_year && file.is_absolute()) {
    return fail("layout.reference",
                "name the layout file by its path from the year's directory (e.g. ../layout/egen.yaml), so that "
                "the inputs and their layout can be moved together");
  }
  file = (base / file).lexically_normal();
  if (!fs::is_regular_file(file, ec)) {
    std::string message = fs::exists(file, ec) ? file.generic_string() + " is not a file"
                                                : "no layout file " + file.generic_string();
    if (from_year) message += " (a path in `layout:` is relative to the year's directory)";
    // `layout: modern.yaml` most likely means the layout in layouts/.
    if (reference.find('/') == std::string::npos) message += nearest(file.stem().string());
    return fail("layout.missing", message);
  }
  LayoutSource source;
  // An archive keeps the layout as layouts/<name>.yaml, so its name must be a name.
  source.name = IsLayoutName(file.stem().string()) ? file.stem().string() : "layout";
  source.path = file.generic_string();
  source.font_dirs = {file.has_parent_path() ? file.parent_path().generic_string() : ".",
                      settings.data_dir + "/fonts"};
  return source;
}

bool LoadReportLayout(const BuildSettings& settings, InputSet& inputs, Diagnostics& diagnostics,
                      LayoutSource& source, LayoutFile& layout) {
  std::optional<LayoutSource> resolved = ResolveLayout(settings, inputs, diagnostics);
  if (!resolved) return false;
  source = std::move(*resolved);
  return LoadLayout(source.path, layout, inputs.sources, diagnostics);
}

Presentation PresentationFor(const OrgFile& org, const LayoutFile* layout) {
  return PresentationOf(org, layout && layout->belopp ? std::optional<Unit>(layout->belopp->value) : std::nullopt,
                        layout && layout->benamningar ? &*layout->benamningar : nullptr);
}

std::string ReportFileName(int year, OutputFormat format) {
  return "arsredovisning-" + std::to_string(year) + (format == OutputFormat::kHtml ? ".html" : ".pdf");
}

std::string FiguresFileFor(const std::string& page) {
  return fs::path(page).replace_extension(".figures.json").string();
}

DraftNotes DraftNotesOf(const YearBuild& build) {
  DraftNotes notes;
  notes.draft = build.draft;
  Diagnostics sorted = build.diagnostics;
  sorted.Sort(build.inputs.sources);
  // Files are named from the directory that holds the years ("2024/text.yaml"), not as the
  // command line reached them: the draft is then the same wherever the inputs lie, and a
  // folder's name the font cannot draw (東, or an Å stored as A and a ring) stays off the page.
  fs::path year_dir = fs::path(build.inputs.report().dir).lexically_normal();
  if (!year_dir.has_filename()) year_dir = year_dir.parent_path();  // "inputs/2024/"
  const std::string years_dir = year_dir.parent_path().string();
  for (const Diagnostic& d : sorted.all()) {
    std::string text = FormatDiagnostic(d, build.inputs.sources);
    text = text.substr(0, text.find('\n'));
    if (!years_dir.empty()) {
      for (size_t at = text.find(years_dir + "/"); at != std::string::npos; at = text.find(years_dir + "/", at)) {
        text.erase(at, years_dir.size() + 1);
      }
    }
    notes.findings.push_back(text);
  }
  return notes;
}

std::optional<int> RunStages(const BuildSettings& settings, const std::string& dir, ResourceCache& cache,
                             YearBuild& p, bool want_layout, std::ostream& err) {
  bool loaded = LoadInputs(dir, p.inputs, p.diagnostics);
  p.clock.Lap("load");
  if (!loaded) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    p.unreadable = true;
    return kExitErrors;
  }
  Validate(p.inputs, p.diagnostics);
  CheckApprovals(p.inputs, p.diagnostics);
  if (settings.werror) p.diagnostics.PromoteWarnings();
  p.clock.Lap("validate");
  const OrgFile& org = p.inputs.report().files.forbund;
  if (!p.inputs.report().complete || org.omfattning.value != Scope::kAnnualReport) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    if (org.omfattning.value != Scope::kAnnualReport && p.inputs.report().complete) {
      err << "arsred: " << dir << " is a comparative year (omfattning: jamforelsear); it has no report\n";
    }
    p.unreadable = !p.inputs.report().complete;
    return kExitErrors;
  }
  const bool final_year = org.status && org.status->value == Status::kFinal;
  if (settings.mode == ReportMode::kFinal && !final_year) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    // What is still missing of an approved year, and only that.
    const bool chair = std::any_of(org.styrelse.begin(), org.styrelse.end(),
                                   [](const auto& seat) { return seat.roll.value == BoardRole::kChair; });
    err << "arsred: " << dir << " is a draft (forbund.yaml: status: " << (org.status ? "utkast" : "not given")
        << "): a final report is made only of a year the board has approved. Set `status: slutlig`"
        << (org.styrelsebeslut ? "" : " and `styrelsebeslut` (the date of the board's decision)")
        << (chair ? "" : ", and give the ordförande's seat `roll: ordforande`") << "; nothing was written\n";
    return kExitErrors;
  }
  if (settings.mode == ReportMode::kFinal && p.diagnostics.HasErrors()) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    err << "arsred: a final report is refused while the inputs have errors; nothing was written\n";
    return kExitErrors;
  }
  p.draft = settings.mode == ReportMode::kDraft ||
            (settings.mode == ReportMode::kAuto && (!final_year || p.diagnostics.HasErrors()));

  if (!LoadReportLayout(settings, p.inputs, p.diagnostics, p.layout_source, p.layout)) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    return kExitErrors;
  }
  p.figures = Calculate(p.inputs, p.draft, PresentationFor(org, &p.layout), p.diagnostics);
  if (settings.werror) p.diagnostics.PromoteWarnings();
  p.clock.Lap("calculate");
  // Printed figures that do not add up may be shown in a draft, never signed.
  if (!p.figures.rounding.given_up.empty() && !p.draft) {
    if (settings.mode == ReportMode::kFinal) {
      PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
      err << "arsred: a final report is refused while no rounding to tkr keeps every identity (see the "
             "calculate.rounding warnings; or print the statements in kr with `belopp: kr`); nothing was written\n";
      return kExitErrors;
    }
    p.draft = p.figures.draft = true;
  }
  std::unique_ptr<LayoutResources>& resources = cache[p.layout_source.path + "\n" + settings.hyphenation];
  if (!resources) {
    auto fresh = std::make_unique<LayoutResources>();
    const PrecompiledResources precompiled{&kSwedishPatterns, kBundledKerning};
    if (!LoadLayoutResources(p.layout, p.layout_source.font_dirs, settings.hyphenation, precompiled, *fresh,
                             p.diagnostics)) {
      PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
      return kExitErrors;
    }
    resources = std::move(fresh);
  }
  p.resources = resources.get();
  p.clock.Lap("resources");
  if (!want_layout) return std::nullopt;
  const DraftNotes notes = DraftNotesOf(p);
  p.errors_before_layout = p.diagnostics.ErrorCount();
  // A character the font lacks is a typesetting failure: found here at its place in the inputs.
  if (!CheckPrintableCharacters(p.inputs.report().files, p.inputs.sources, p.layout, *p.resources, p.diagnostics)) {
    return std::nullopt;
  }
  p.document = LayOut(ProseOf(p.inputs), p.figures, p.layout, *p.resources, notes, p.diagnostics);
  p.clock.Lap("layout");
  return std::nullopt;
}

RenderOptions RenderOptionsFor(const BuildSettings& settings, const YearBuild& build) {
  RenderOptions options;
  options.flavour = settings.pdfa || !build.draft ? PdfFlavour::kPdfA2b : PdfFlavour::kPlain;
  const bool layout_tags = !build.layout.taggad || build.layout.taggad->value;
  options.tagged = settings.tagged || (!build.draft && layout_tags);
  options.icc_profile = settings.icc_profile;
  return options;
}

std::string DescribeReport(const YearBuild& build, const RenderOptions& options) {
  const size_t pages = build.document.pages.size();
  std::string text = std::to_string(pages) + (pages == 1 ? " page" : " pages") + (build.draft ? ", draft" : ", final");
  const std::string conformance = ConformanceOf(options);
  if (!conformance.empty()) text += ", " + conformance;
  return text;
}

bool HoldsOtherThan(const std::string& path, std::string_view report_start) {
  // Only a regular file is opened (a pipe would block); what is not one, the writer refuses.
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::string start(report_start.size(), '\0');
  in.read(start.data(), static_cast<std::streamsize>(start.size()));
  if (in.gcount() == 0) return false;  // empty
  return static_cast<size_t>(in.gcount()) < report_start.size() || start != report_start;
}

std::optional<std::string> InputNamedBy(const SourceSet& sources, const std::string& output) {
  std::error_code ec;
  if (!fs::exists(output, ec)) return std::nullopt;
  for (int i = 0; i < sources.size(); ++i) {
    const std::string& input = sources.file(i).path;
    if (fs::equivalent(output, input, ec)) return input;
  }
  return std::nullopt;
}

namespace {

// Writes a made report where the target says: standard output, or the file `output`, whole or
// not at all. Says why on `err` and returns false when it cannot.
bool WriteReport(const OutputTarget& target, const std::string& output, const std::string& bytes,
                 std::ostream& err) {
  try {
    if (target.standard_output) {
      WriteToStandardOutput(bytes);
    } else {
      WriteFileAtomically(output, bytes);
    }
  } catch (const std::runtime_error& e) {
    err << "arsred: " << e.what() << "\n";
    return false;
  }
  return true;
}

// The HTML edition of a year whose stages have run: the page, and with `open_data` the figures
// as JSON beside it. The data is written first, so that a page never links to a file that is
// not there; each file is written whole or not at all.
int WriteHtmlEdition(YearBuild& p, const OutputTarget& target, const std::string& output, bool print_timings,
                     std::ostream& err) {
  const bool open_data = target.open_data;
  HtmlOptions options;
  options.hyphenator = p.resources->hyphenator.get();
  const std::string figures_path = open_data ? FiguresFileFor(output) : "";
  if (open_data) options.figures_file = fs::path(figures_path).filename().string();
  const std::string page = HtmlReport(ProseOf(p.inputs), p.figures, p.layout, DraftNotesOf(p), options);
  p.clock.Lap("html");
  if (open_data) {
    try {
      WriteFileAtomically(figures_path, FiguresJson(p.figures));
    } catch (const std::runtime_error& e) {
      err << "arsred: " << e.what() << "\n";
      return kExitErrors;
    }
  }
  if (!WriteReport(target, output, page, err)) return kExitErrors;
  p.clock.Lap("write");
  if (print_timings) p.clock.Print(err);
  if (open_data) err << "arsred: wrote " << figures_path << " (the figures as open data, JSON)\n";
  err << "arsred: wrote " << output << " (HTML, " << (p.draft ? "draft" : "final") << ")\n";
  return ExitCodeOfWriting(p.diagnostics);
}

}  // namespace

namespace {

// A final report set in another layout than the one its year names (`--layout` on an approved
// year) is the approved report in other clothes, not the one its archive holds (unless that was
// made with the same --layout): said, so that it is not taken for that one.
void NoteLayoutOfFinalReport(const BuildSettings& settings, const YearBuild& p, std::ostream& err) {
  if (p.draft || settings.layout.empty()) return;
  const OrgFile& org = p.inputs.report().files.forbund;
  const std::string own = org.layout ? org.layout->value : "modern";
  if (own == settings.layout || fs::path(own).stem() == p.layout_source.name) return;
  err << "arsred: note: this final report is set in the layout " << p.layout_source.name << " (--layout), not in "
      << own << ", which the year names\n";
}

}  // namespace

int BuildReport(const BuildSettings& settings, const std::string& dir, const OutputTarget& target,
                bool print_timings, ResourceCache& cache, std::ostream& err) {
  YearBuild p;
  const bool html = target.format == OutputFormat::kHtml;
  // The HTML edition is made from the figures and the texts, not from laid-out pages.
  if (auto code = RunStages(settings, dir, cache, p, /*want_layout=*/!html, err)) {
    // A draft shows the inputs' errors, but it needs every file read: say why there is none.
    if (p.unreadable) {
      err << "arsred: " << dir << ": a file could not be read in full, so no draft was written either; mend "
          << "the errors above\n";
    }
    return *code;
  }
  const std::string name = ReportFileName(p.figures.year, target.format);
  const std::string output = target.standard_output ? "the report to standard output"
                             : !target.directory    ? target.path
                             : target.path.empty()  ? name
                                                    : (std::filesystem::path(target.path) / name).string();
  PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
  const std::pair<std::string, std::string_view> outputs[] = {
      {target.standard_output ? std::string() : output, html ? "<!DOCTYPE html>" : "%PDF-"},
      {html && target.open_data ? FiguresFileFor(output) : std::string(), "{"}};
  for (const auto& [written, report_start] : outputs) {
    if (const std::optional<std::string> input = InputNamedBy(p.inputs.sources, written)) {
      err << "arsred: " << written << " is " << *input << ", which the build reads; name another file with -o. "
          << "Nothing was written\n";
      return kExitErrors;
    }
    // A build replaces its own earlier output, never another file: a tester's -o onto the year's
    // approval record (faststallande.yaml, which a build does not read) replaced it with a PDF.
    if (!written.empty() && HoldsOtherThan(written, report_start)) {
      err << "arsred: " << written << " exists and is not " << (report_start == "{" ? "open data" : "a report")
          << " written by arsred, so it is left as it is; name another file with -o, or remove it first. "
          << "Nothing was written\n";
      return kExitErrors;
    }
  }
  if (html) return WriteHtmlEdition(p, target, output, print_timings, err);
  // A draft may show the inputs' errors in its appendix; a report that could not be typeset
  // (a glyph the font lacks, too many pages) is not written at all.
  if (p.diagnostics.ErrorCount() > p.errors_before_layout) {
    err << "arsred: " << dir << ": the report could not be typeset; nothing was written\n";
    return kExitErrors;
  }
  const RenderOptions options = RenderOptionsFor(settings, p);
  NoteLayoutOfFinalReport(settings, p, err);
  std::string bytes, error;
  if (!RenderPdfBytes(p.document, options, &bytes, &error)) {
    err << "arsred: cannot make " << output << ": " << error << "\n";
    return kExitErrors;
  }
  if (!WriteReport(target, output, bytes, err)) return kExitErrors;
  p.clock.Lap("render+write");
  if (print_timings) p.clock.Print(err);
  err << "arsred: wrote " << output << " (" << DescribeReport(p, options) << ")\n";
  return ExitCodeOfWriting(p.diagnostics);
}

}  // namespace arsred

#include "build.h"

#include <time.h>

#include <filesystem>
#include <optional>
#include <ostream>

#include "helper_thread.h"
#include "trace.h"
#include "validate.h"

namespace arsred {

namespace {

double ProcessCpuMs() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

}  // namespace

StageClock::StageClock() : last_wall_(std::chrono::steady_clock::now()), last_cpu_ms_(ProcessCpuMs()) {}

void StageClock::Lap(const char* stage) {
  const auto wall = std::chrono::steady_clock::now();
  const double cpu_ms = ProcessCpuMs();
  laps_.push_back({stage, std::chrono::duration<double, std::milli>(wall - last_wall_).count(), cpu_ms - last_cpu_ms_});
  last_wall_ = wall;
  last_cpu_ms_ = cpu_ms;
}

void StageClock::Print(std::ostream& err) const {
  double wall_total = 0;
  double cpu_total = 0;
  auto print = [&err](const char* stage, double wall_ms, double cpu_ms) {
    err << "arsred: timing " << stage << " " << wall_ms << " ms (cpu " << cpu_ms << " ms)\n";
  };
  for (const LapTime& lap : laps_) {
    print(lap.stage, lap.wall_ms, lap.cpu_ms);
    wall_total += lap.wall_ms;
    cpu_total += lap.cpu_ms;
  }
  print("total", wall_total, cpu_total);
}

void PrintDiagnostics(Diagnostics& diagnostics, const SourceSet& sources, std::ostream& err) {
  diagnostics.Sort(sources);
  for (const Diagnostic& d : diagnostics.all()) err << FormatDiagnostic(d, sources);
}

std::string ReportFileName(int year) { return "arsredovisning-" + std::to_string(year) + ".pdf"; }

std::optional<int> RunStages(const BuildSettings& settings, const std::string& dir, ResourceCache& cache,
                             YearBuild& p, bool want_layout, std::ostream& err) {
  // The hyphenation dictionary takes as long to load as half the inputs and depends on none of
  // them, so the first year of a process loads it on a second thread, which then helps parse
  // the inputs: a third thread would slow the parsing on two cores for as long as the
  // dictionary loads. A dictionary that fails to load here is tried again, and reported, by
  // LoadLayoutResources.
  WorkQueue input_files;
  std::unique_ptr<Hyphenator> dictionary;
  std::optional<HelperThread> helper;  // after what it uses, so that it joins first
  if (cache.empty()) {
    helper.emplace("arsred-helper", [&input_files, &dictionary, path = settings.hyphenation] {
      std::string ignored;
      try {
        dictionary = Hyphenator::Load(path, &ignored);
      } catch (...) {  // out of memory, say: LoadLayoutResources tries again on this thread
      }
      input_files.Help();
    });
  }
  bool loaded = LoadInputs(dir, p.inputs, p.diagnostics, {}, helper ? &input_files : nullptr);
  p.clock.Lap("load");
  if (!loaded) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    return kExitErrors;
  }
  Validate(p.inputs, p.diagnostics);
  if (settings.werror) p.diagnostics.PromoteWarnings();
  p.clock.Lap("validate");
  const OrgFile& org = p.inputs.report().files.forbund;
  if (!p.inputs.report().complete || org.omfattning.value != Scope::kAnnualReport) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    if (org.omfattning.value != Scope::kAnnualReport && p.inputs.report().complete) {
      err << "arsred: " << dir << " is a comparative year (omfattning: jamforelsear); it has no report\n";
    }
    return kExitErrors;
  }
  const bool final_year = org.status && org.status->value == Status::kFinal;
  if (settings.mode == ReportMode::kFinal && !final_year) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    err << "arsred: " << dir << " is a draft (forbund.yaml: status: " << (org.status ? "utkast" : "not given")
        << "): a final report is made only of a year the board has approved. Set `status: slutlig` and "
           "`styrelsebeslut` (the date of the board's decision), and give the ordförande's seat "
           "`roll: ordforande`; nothing was written\n";
    return kExitErrors;
  }
  if (settings.mode == ReportMode::kFinal && p.diagnostics.HasErrors()) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    err << "arsred: a final report is refused while the inputs have errors; nothing was written\n";
    return kExitErrors;
  }
  p.draft = settings.mode == ReportMode::kDraft ||
            (settings.mode == ReportMode::kAuto && (!final_year || p.diagnostics.HasErrors()));

  p.layout_name = !settings.layout.empty() ? settings.layout : org.layout ? org.layout->value : "modern";
  if (p.layout_name.find('/') != std::string::npos || p.layout_name.find("..") != std::string::npos) {
    err << "arsred: a layout is named by its file in layouts/, e.g. modern\n";
    return kExitUsage;
  }
  p.layout_path = settings.data_dir + "/layouts/" + p.layout_name + ".yaml";
  if (!LoadLayout(p.layout_path, p.layout, p.inputs.sources, p.diagnostics)) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    return kExitErrors;
  }
  // Calculated before the resources are taken, so that the dictionary has longer to load.
  const Unit unit = org.belopp ? org.belopp->value : p.layout.belopp ? p.layout.belopp->value : Unit::kTkr;
  p.figures = Calculate(p.inputs, p.draft, unit, p.diagnostics);
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
  std::unique_ptr<LayoutResources>& resources = cache[p.layout_path + "\n" + settings.hyphenation];
  if (!resources) {
    auto fresh = std::make_unique<LayoutResources>();
    if (helper) {
      helper->Join();
      fresh->hyphenator = std::move(dictionary);
    }
    if (!LoadLayoutResources(p.layout, {settings.data_dir + "/fonts"}, settings.hyphenation, *fresh, p.diagnostics)) {
      PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
      return kExitErrors;
    }
    resources = std::move(fresh);
  }
  p.resources = resources.get();
  p.clock.Lap("resources");
  if (!want_layout) return std::nullopt;
  DraftNotes notes;
  notes.draft = p.draft;
  Diagnostics sorted = p.diagnostics;
  sorted.Sort(p.inputs.sources);
  for (const Diagnostic& d : sorted.all()) {
    std::string text = FormatDiagnostic(d, p.inputs.sources);
    notes.findings.push_back(text.substr(0, text.find('\n')));
  }
  p.errors_before_layout = p.diagnostics.ErrorCount();
  p.document = LayOut(p.inputs, p.figures, p.layout, *p.resources, notes, p.diagnostics);
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
  if (options.flavour == PdfFlavour::kPdfA2b) text += options.tagged ? ", PDF/A-2a" : ", PDF/A-2b";
  if (options.tagged) text += ", tagged PDF/UA-1";
  return text;
}

int BuildReport(const BuildSettings& settings, const std::string& dir, const OutputTarget& target,
                bool print_timings, ResourceCache& cache, std::ostream& err) {
  YearBuild p;
  if (auto code = RunStages(settings, dir, cache, p, true, err)) return *code;
  const std::string name = ReportFileName(p.figures.year);
  const std::string output = !target.directory ? target.path
                             : target.path.empty() ? name
                                                   : (std::filesystem::path(target.path) / name).string();
  PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
  // A draft may show the inputs' errors in its appendix; a report that could not be typeset
  // (a glyph the font lacks, too many pages) is not written at all.
  if (p.diagnostics.ErrorCount() > p.errors_before_layout) {
    err << "arsred: " << dir << ": the report could not be typeset; nothing was written\n";
    return kExitErrors;
  }
  const RenderOptions options = RenderOptionsFor(settings, p);
  std::string error;
  if (!RenderPdf(p.document, output, options, &error)) {
    err << "arsred: " << error << "\n";
    return kExitErrors;
  }
  p.clock.Lap("render+write");
  if (print_timings) p.clock.Print(err);
  err << "arsred: wrote " << output << " (" << DescribeReport(p, options) << ")\n";
  return ExitCodeOfWriting(p.diagnostics);
}

}  // namespace arsred

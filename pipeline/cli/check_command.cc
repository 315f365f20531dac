// arsred check: every finding of a year, as build would find it, without typesetting.
#include "command.h"

#include <optional>
#include <ostream>
#include <string>

#include "approval.h"
#include "calculate.h"
#include "diagnostics.h"
#include "load.h"
#include "printable_characters.h"
#include "validate.h"

namespace arsred {

namespace {

// The year's layout, read and checked as build reads it, with its fonts. A year with no report
// (one that did not load, or a comparative year) has no layout to check, as in build. Returns
// the layout when it loaded. Every character the report would print is looked up in its face.
std::optional<LayoutFile> CheckLayout(const BuildSettings& settings, InputSet& inputs, Diagnostics& diagnostics) {
  const YearInput& year = inputs.report();
  if (!year.complete || year.files.forbund.omfattning.value != Scope::kAnnualReport) return std::nullopt;
  LayoutSource source;
  LayoutFile layout;
  if (!LoadReportLayout(settings, inputs, diagnostics, source, layout)) return std::nullopt;
  LayoutResources fonts;
  if (!LoadLayoutFonts(layout, source.font_dirs, fonts, diagnostics)) return std::nullopt;
  CheckPrintableCharacters(year.files, inputs.sources, layout, fonts, diagnostics);
  return layout;
}

// A report year without errors is also rounded, as build would round it, so that an identity no
// rounding can keep (calculate.rounding) shows before the build; a comparison year, as the next
// report would round it.
void CheckRounding(const InputSet& inputs, const LayoutFile* layout, Diagnostics& diagnostics) {
  const YearInput& year = inputs.report();
  const OrgFile& org = year.files.forbund;
  if (diagnostics.HasErrors() || !year.complete) return;
  if (org.omfattning.value != Scope::kAnnualReport) return CheckComparisonYearRounding(inputs, diagnostics);
  Calculate(inputs, true, PresentationFor(org, layout), diagnostics);
}

}  // namespace

int CheckCommand(const CommandContext& ctx) {
  po::options_description options("check options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "werror", "treat warnings as errors");
  AddLayoutOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred check <year-dir> [--werror] [--layout NAME|FILE]\n"
      "Loads inputs/<year>/ (and the years before it beside it) and checks every rule of\n"
      "docs/validation.md; reads the year's layout and finds its fonts as build does; and checks\n"
      "that one rounding to tkr keeps every identity the report shows (in the year's `belopp`,\n"
      "else the layout's, else tkr). Prints every finding as file:line:col: key.path: message.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;

  InputSet inputs;
  Diagnostics diagnostics;
  std::string dir = vm["year-dir"].as<std::string>();
  if (LoadInputs(dir, inputs, diagnostics)) {
    Validate(inputs, diagnostics);
    CheckApprovals(inputs, diagnostics);
    const std::optional<LayoutFile> layout = CheckLayout(SettingsFrom(vm), inputs, diagnostics);
    CheckRounding(inputs, layout ? &*layout : nullptr, diagnostics);
  }
  if (vm.count("werror")) diagnostics.PromoteWarnings();
  PrintDiagnostics(diagnostics, inputs.sources, ctx.err);
  int code = ExitCodeFor(diagnostics);
  if (code == kExitClean) {
    ctx.err << "arsred: " << dir << ": no findings\n";
  } else {
    ctx.err << "arsred: " << dir << ": " << Plural(diagnostics.ErrorCount(), "error") << ", "
            << Plural(diagnostics.WarningCount(), "warning") << "\n";
  }
  // The rules that tie the figures together read a year whose files loaded without an error
  // and have nothing left to fill in: checked against values that are not there, they would
  // report consequences, not causes. Say so, so that the next run's findings are no surprise.
  const YearInput* year = inputs.Find(inputs.report_year);
  if (year && !year->checkable()) {
    ctx.err << "arsred: " << dir << ": the figures were not yet checked against each other; "
            << (year->complete ? "fill in what is marked ATT FYLLA I" : "mend the errors in reading the files above")
            << ", then check again\n";
  }
  return code;
}

}  // namespace arsred

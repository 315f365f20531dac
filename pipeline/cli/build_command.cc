// arsred build: one or several years typeset as PDF, or made into the HTML edition.
#include "command.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "diagnostics.h"

namespace arsred {

int BuildCommand(const CommandContext& ctx) {
  po::options_description options("build options");
  options.add_options()("year-dir", po::value<std::vector<std::string>>()->required(), "the year's input directory")(
      "output,o", po::value<std::string>(),
      "the PDF (or with --html the page) to write (default: arsredovisning-YEAR.pdf or .html); with several "
      "years, a directory; - for standard output (a pipe)")(
      "html", "write the HTML edition for the web instead of the PDF: one self-contained page")(
      "open-data", "with --html: also write the figures as JSON beside the page (NAME.figures.json), linked from it")(
      "pdfa", "write PDF/A also for a draft (a final report always is)")(
      "tagged", "write a tagged PDF (PDF/UA-1) also for a draft (a final report is, unless its layout says not)")(
      "timings", "print the wall time, CPU time and page faults of each stage on stderr");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", -1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred build <year-dir>... [-o FILE|DIR] [--layout NAME|FILE] [--draft | --final] [--pdfa] [--tagged]\n"
      "       arsred build <year-dir>... --html [--open-data] [-o FILE|DIR] [--layout NAME|FILE] [--draft | --final]\n"
      "Typesets each year's årsredovisning. A year that is not marked slutlig, or whose inputs\n"
      "have errors, is typeset as a draft; a final report is a tagged PDF/A-2a and PDF/UA-1 (or\n"
      "PDF/A-2b where the layout turns tagging off). A draft lists its findings on its last pages\n"
      "and prints [?] where a figure is still ATT FYLLA I; it is written while the inputs load at\n"
      "all (exit 2 when they have errors). Each PDF is written whole or not at all.\n"
      "Several years are built in one run, sharing fonts and dictionaries; -o then names a\n"
      "directory.\n"
      "With --html, the report is written as one HTML page with its style inside and no request to\n"
      "anywhere, made from the same figures and texts (a draft says Utkast at its top and lists its\n"
      "findings last); --open-data writes the figures as JSON beside it (docs/publishing.md).\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("draft") && vm.count("final")) {
    ctx.err << "arsred: build: --draft and --final exclude each other\n";
    return kExitUsage;
  }
  const bool html = vm.count("html") > 0;
  if (html && (vm.count("pdfa") || vm.count("tagged"))) {
    ctx.err << "arsred: build: --pdfa and --tagged are for the PDF, not --html\n";
    return kExitUsage;
  }
  if (vm.count("open-data") && !html) {
    ctx.err << "arsred: build: --open-data goes with --html (for the PDF: arsred dump --stage figures --format json)\n";
    return kExitUsage;
  }
  const auto& dirs = vm["year-dir"].as<std::vector<std::string>>();
  OutputTarget target;
  target.format = html ? OutputFormat::kHtml : OutputFormat::kPdf;
  target.open_data = vm.count("open-data") > 0;
  if (auto code = ParseOutputTarget(ctx, vm, "build", dirs.size(), /*pipe_allowed=*/true, target)) return *code;
  const BuildSettings settings = SettingsFrom(vm);
  ResourceCache cache;
  int worst = kExitClean;
  for (const std::string& dir : dirs) {
    int code = BuildReport(settings, dir, target, vm.count("timings") > 0, cache, ctx.err);
    // The worst year decides: a usage error or errors outrank a clean run.
    if (code != kExitClean && worst != kExitErrors) worst = code;
  }
  return worst;
}

}  // namespace arsred

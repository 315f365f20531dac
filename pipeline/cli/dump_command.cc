// arsred dump: a stage's result as text, for review and for the tests' goldens; the figures also
// as open data (JSON, CSV).
#include "command.h"

#include <ostream>
#include <string>

#include "calculate.h"
#include "diagnostics.h"
#include "figures_export.h"
#include "trace.h"

namespace arsred {

int DumpCommand(const CommandContext& ctx) {
  po::options_description options("dump options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "stage", po::value<std::string>()->required(), "figures or layout")(
      "format", po::value<std::string>()->default_value("text"),
      "for figures: text (for review), json or csv (every printed figure as open data)");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred dump --stage figures|layout <year-dir> [--format text|json|csv] [--layout NAME|FILE]\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  std::string stage = vm["stage"].as<std::string>();
  if (stage != "figures" && stage != "layout") {
    ctx.err << "arsred: dump: --stage is figures or layout\n";
    return kExitUsage;
  }
  const std::string format = vm["format"].as<std::string>();
  if (format != "text" && format != "json" && format != "csv") {
    ctx.err << "arsred: dump: --format is text, json or csv\n";
    return kExitUsage;
  }
  if (format != "text" && stage != "figures") {
    ctx.err << "arsred: dump: --format json and csv are for --stage figures\n";
    return kExitUsage;
  }
  YearBuild p;
  ResourceCache cache;
  if (auto code = RunStages(SettingsFrom(vm), vm["year-dir"].as<std::string>(), cache, p, stage == "layout", ctx.err)) {
    return *code;
  }
  PrintDiagnostics(p.diagnostics, p.inputs.sources, ctx.err);
  if (stage == "layout") {
    ctx.out << TraceDocument(p.document);
  } else if (format == "json") {
    ctx.out << FiguresJson(p.figures);
  } else if (format == "csv") {
    ctx.out << FiguresCsv(p.figures);
  } else {
    ctx.out << DumpFigures(p.figures);
  }
  // A full disk or a closed standard output loses the dump: said, as build says it.
  if (!ctx.out.flush()) {
    ctx.err << "arsred: dump: cannot write to standard output; the dump is incomplete\n";
    return kExitErrors;
  }
  return ExitCodeOfWriting(p.diagnostics);
}

}  // namespace arsred

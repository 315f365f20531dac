// arsred dump: a stage's result as text, for review and for the tests' goldens.
#include "command.h"

#include <ostream>
#include <string>

#include "calculate.h"
#include "diagnostics.h"
#include "trace.h"

namespace arsred {

int DumpCommand(const CommandContext& ctx) {
  po::options_description options("dump options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "stage", po::value<std::string>()->required(), "figures or layout");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage = "usage: arsred dump --stage figures|layout <year-dir> [--layout NAME|FILE]\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  std::string stage = vm["stage"].as<std::string>();
  if (stage != "figures" && stage != "layout") {
    ctx.err << "arsred: dump: --stage is figures or layout\n";
    return kExitUsage;
  }
  YearBuild p;
  ResourceCache cache;
  if (auto code = RunStages(SettingsFrom(vm), vm["year-dir"].as<std::string>(), cache, p, stage == "layout", ctx.err)) {
    return *code;
  }
  PrintDiagnostics(p.diagnostics, p.inputs.sources, ctx.err);
  ctx.out << (stage == "figures" ? DumpFigures(p.figures) : TraceDocument(p.document));
  return ExitCodeOfWriting(p.diagnostics);
}

}  // namespace arsred

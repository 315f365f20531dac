#include "job.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <chrono>
#include <memory>
#include <cstdlib>
#include <optional>

#include <boost/program_options.hpp>

#include "calculate.h"
#include "diagnostics.h"
#include "layout.h"
#include "load.h"
#include "render_pdf.h"
#include "schema.h"
#include "trace.h"
#include "validate.h"

namespace po = boost::program_options;

namespace arsred {

namespace {

constexpr const char* kUsage =
    "usage: arsred <command> [options]\n"
    "\n"
    "commands:\n"
    "  check <year-dir>     load and validate one year's inputs (e.g. inputs/2023)\n"
    "  build <year-dir>     typeset the year's report as PDF\n"
    "  dump <year-dir>      print a stage's result (--stage figures|layout) for review and tests\n"
    "  schema               write the JSON Schemas and the input format reference\n"
    "\n"
    "options:\n"
    "  -h, --help           show help (also: arsred <command> --help)\n"
    "  --version            show the version\n"
    "\n"
    "exit codes: 0 clean, 1 usage error, 2 errors in the inputs, 3 warnings only\n";

struct CommandContext {
  std::vector<std::string> args;  // the command's own arguments
  std::ostream& out;
  std::ostream& err;
};

// Parses a command's arguments; returns false (after printing help or the problem) when the
// command should not run. `exit_code` is then set.
bool ParseCommand(const CommandContext& ctx, const po::options_description& options,
                  const po::positional_options_description& positional, const char* usage, po::variables_map& vm,
                  int& exit_code) {
  po::options_description all;
  all.add(options).add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(ctx.args).options(all).positional(positional).run(), vm);
    // Help first: `check --help` must not fail for want of the required year directory.
    if (vm.count("help")) {
      ctx.out << usage << all;
      exit_code = kExitClean;
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    ctx.err << "arsred: " << e.what() << "\n" << usage << all;
    exit_code = kExitUsage;
    return false;
  }
  return true;
}

void PrintDiagnostics(Diagnostics& diagnostics, const SourceSet& sources, std::ostream& err) {
  diagnostics.Sort(sources);
  for (const Diagnostic& d : diagnostics.all()) err << FormatDiagnostic(d, sources);
}

std::string Plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

int CheckCommand(const CommandContext& ctx) {
  po::options_description options("check options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "werror", "treat warnings as errors");
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred check <year-dir> [--werror]\n"
      "Loads inputs/<year>/ (and the years before it beside it) and checks every rule of\n"
      "docs/validation.md. Prints every finding as file:line:col: key.path: message.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;

  InputSet inputs;
  Diagnostics diagnostics;
  std::string dir = vm["year-dir"].as<std::string>();
  if (LoadInputs(dir, inputs, diagnostics)) Validate(inputs, diagnostics);
  if (vm.count("werror")) diagnostics.PromoteWarnings();
  PrintDiagnostics(diagnostics, inputs.sources, ctx.err);
  int code = ExitCodeFor(diagnostics);
  if (code == kExitClean) {
    ctx.err << "arsred: " << dir << ": no findings\n";
  } else {
    ctx.err << "arsred: " << dir << ": " << Plural(diagnostics.ErrorCount(), "error") << ", "
            << Plural(diagnostics.WarningCount(), "warning") << "\n";
  }
  return code;
}

int SchemaCommand(const CommandContext& ctx) {
  po::options_description options("schema options");
  options.add_options()("json", po::value<std::string>(), "print the JSON Schema of one input file (e.g. forbund.yaml)")(
      "markdown", "print the input format reference")(
      "write", po::value<std::string>(), "write schema/*.schema.json and docs/input-format.md under this directory");
  po::variables_map vm;
  int exit_code = 0;
  const char* usage = "usage: arsred schema (--json FILE | --markdown | --write ROOT)\n";
  if (!ParseCommand(ctx, options, {}, usage, vm, exit_code)) return exit_code;

  SchemaCollector schema = CollectInputSchema();
  if (vm.count("json")) {
    std::string file = vm["json"].as<std::string>();
    bool known = false;
    for (const YearFileSpec& spec : kYearFileSpecs) known = known || file == spec.name;
    if (!known) {
      ctx.err << "arsred: schema: no input file named " << file << "\n";
      return kExitUsage;
    }
    ctx.out << JsonSchemaFor(schema, file);
  } else if (vm.count("markdown")) {
    ctx.out << MarkdownReference(schema);
  } else if (vm.count("write")) {
    std::filesystem::path root = vm["write"].as<std::string>();
    std::filesystem::create_directories(root / "schema");
    std::filesystem::create_directories(root / "docs");
    for (const YearFileSpec& spec : kYearFileSpecs) {
      std::string stem = std::string(spec.name).substr(0, std::string(spec.name).find('.'));
      std::ofstream(root / "schema" / (stem + ".schema.json")) << JsonSchemaFor(schema, spec.name);
    }
    std::ofstream(root / "docs" / "input-format.md") << MarkdownReference(schema);
    SchemaCollector layout = CollectLayoutSchema();
    std::ofstream(root / "schema" / "layout.schema.json") << JsonSchemaFor(layout, "layout");
    std::ofstream(root / "docs" / "layout-format.md") << LayoutMarkdownReference(layout);
  } else {
    ctx.err << usage;
    return kExitUsage;
  }
  return kExitClean;
}

// Where layouts/ and fonts/ are: --data-dir, else $ARSRED_DATA_DIR, else the source tree the
// binary was built from.
std::string DataDir(const po::variables_map& vm) {
  if (vm.count("data-dir")) return vm["data-dir"].as<std::string>();
  if (const char* env = std::getenv("ARSRED_DATA_DIR")) return env;
  return ARSRED_DATA_DIR;
}

// The stages up to layout, shared by build and dump. Returns the exit code when it cannot go on.
// Wall time of each stage, printed by --timings.
class StageClock {
 public:
  void Lap(const char* stage) {
    auto now = std::chrono::steady_clock::now();
    laps_.emplace_back(stage, std::chrono::duration<double, std::milli>(now - last_).count());
    last_ = now;
  }
  void Print(std::ostream& err) const {
    double total = 0;
    for (const auto& [stage, ms] : laps_) {
      err << "arsred: timing " << stage << " " << ms << " ms\n";
      total += ms;
    }
    err << "arsred: timing total " << total << " ms\n";
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<const char*, double>> laps_;
};

struct Pipeline {
  StageClock clock;
  InputSet inputs;
  Diagnostics diagnostics;
  ReportFigures figures;
  LayoutFile layout;
  const LayoutResources* resources = nullptr;
  Document document;
  bool draft = true;
  size_t errors_before_layout = 0;  // findings in the inputs; later ones are typesetting failures
};

// Fonts and the hyphenation dictionary of each layout used, loaded once per process: building
// several years in one run pays for them once.
using ResourceCache = std::map<std::string, std::unique_ptr<LayoutResources>>;

std::optional<int> RunStages(const po::variables_map& vm, const std::string& dir, ResourceCache& cache, Pipeline& p,
                             bool want_layout, std::ostream& err) {
  bool loaded = LoadInputs(dir, p.inputs, p.diagnostics);
  p.clock.Lap("load");
  if (!loaded) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    return kExitErrors;
  }
  Validate(p.inputs, p.diagnostics);
  p.clock.Lap("validate");
  const OrgFile& org = p.inputs.report().files.forbund;
  if (!p.inputs.report().complete || org.omfattning.value != Scope::kAnnualReport) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    if (org.omfattning.value != Scope::kAnnualReport && p.inputs.report().complete) {
      err << "arsred: " << dir << " is a comparative year (omfattning: jamforelsear); it has no report\n";
    }
    return kExitErrors;
  }
  bool final_year = org.status && org.status->value == Status::kFinal;
  bool final = vm.count("final") > 0;
  if (final && p.diagnostics.HasErrors()) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    err << "arsred: --final refused: the inputs have errors; nothing was written\n";
    return kExitErrors;
  }
  p.draft = !final && (vm.count("draft") > 0 || !final_year || p.diagnostics.HasErrors());

  std::string data = DataDir(vm);
  std::string name = vm.count("layout") ? vm["layout"].as<std::string>()
                     : org.layout          ? org.layout->value
                                           : "modern";
  if (name.find('/') != std::string::npos || name.find("..") != std::string::npos) {
    err << "arsred: a layout is named by its file in layouts/, e.g. modern\n";
    return kExitUsage;
  }
  if (!LoadLayout(data + "/layouts/" + name + ".yaml", p.layout, p.inputs.sources, p.diagnostics)) {
    PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
    return kExitErrors;
  }
  std::unique_ptr<LayoutResources>& resources = cache[data + "/layouts/" + name];
  if (!resources) {
    auto fresh = std::make_unique<LayoutResources>();
    if (!LoadLayoutResources(p.layout, data + "/fonts", *fresh, p.diagnostics)) {
      PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
      return kExitErrors;
    }
    resources = std::move(fresh);
  }
  p.resources = resources.get();
  p.clock.Lap("resources");
  p.figures = Calculate(p.inputs, p.draft, p.layout.belopp ? p.layout.belopp->value : Unit::kTkr, p.diagnostics);
  p.clock.Lap("calculate");
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

void AddPipelineOptions(po::options_description& options) {
  options.add_options()("year-dir", po::value<std::vector<std::string>>()->required(), "the year's input directory")(
      "layout", po::value<std::string>(), "layout in layouts/ (default: the year's, else modern)")(
      "data-dir", po::value<std::string>(), "where layouts/ and fonts/ are (default: the source tree)")(
      "draft", "typeset as a draft: UTKAST on every page and the findings in an appendix")(
      "final", "typeset the final report; refused while the inputs have errors")(
      "timings", "print the time each stage took on stderr");
}

// Builds one year; returns its exit code.
int BuildYear(const po::variables_map& vm, const std::string& dir, const std::string& output_option, bool several,
              ResourceCache& cache, std::ostream& err) {
  Pipeline p;
  if (auto code = RunStages(vm, dir, cache, p, true, err)) return *code;
  std::string name = "arsredovisning-" + std::to_string(p.figures.year) + ".pdf";
  std::string output = output_option.empty() ? name
                       : several              ? (std::filesystem::path(output_option) / name).string()
                                              : output_option;
  std::string error;
  PrintDiagnostics(p.diagnostics, p.inputs.sources, err);
  // A draft may show the inputs' errors in its appendix; a report that could not be typeset
  // (a glyph the font lacks, too many pages) is not written at all.
  if (p.diagnostics.ErrorCount() > p.errors_before_layout) {
    err << "arsred: " << dir << ": the report could not be typeset; nothing was written\n";
    return kExitErrors;
  }
  if (!RenderPdf(p.document, output, &error)) {
    err << "arsred: cannot write " << output << ": " << error << "\n";
    return kExitErrors;
  }
  p.clock.Lap("render+write");
  if (vm.count("timings")) p.clock.Print(err);
  err << "arsred: wrote " << output << " (" << p.document.pages.size() << " pages" << (p.draft ? ", draft" : "")
      << ")\n";
  return ExitCodeFor(p.diagnostics);
}

int BuildCommand(const CommandContext& ctx) {
  po::options_description options("build options");
  AddPipelineOptions(options);
  options.add_options()("output,o", po::value<std::string>(),
                        "the PDF to write (default: arsredovisning-YEAR.pdf); with several years, a directory");
  po::positional_options_description positional;
  positional.add("year-dir", -1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred build <year-dir>... [-o FILE|DIR] [--layout NAME] [--draft | --final]\n"
      "Typesets each year's årsredovisning. A year that is not marked slutlig, or whose inputs\n"
      "have errors, is typeset as a draft. Each PDF is written whole or not at all. Several years\n"
      "are built in one run, sharing fonts and dictionaries; -o then names a directory.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("draft") && vm.count("final")) {
    ctx.err << "arsred: build: --draft and --final exclude each other\n";
    return kExitUsage;
  }
  const auto& dirs = vm["year-dir"].as<std::vector<std::string>>();
  std::string output = vm.count("output") ? vm["output"].as<std::string>() : "";
  bool several = dirs.size() > 1;
  if (several && !output.empty() && !std::filesystem::is_directory(output)) {
    ctx.err << "arsred: build: with several years, -o names an existing directory\n";
    return kExitUsage;
  }
  ResourceCache cache;
  int worst = kExitClean;
  for (const std::string& dir : dirs) {
    int code = BuildYear(vm, dir, output, several, cache, ctx.err);
    // Errors outrank warnings, which outrank a clean run.
    if (code == kExitErrors || code == kExitUsage || (code == kExitWarnings && worst == kExitClean)) worst = code;
  }
  return worst;
}

int DumpCommand(const CommandContext& ctx) {
  po::options_description options("dump options");
  AddPipelineOptions(options);
  options.add_options()("stage", po::value<std::string>()->required(), "figures or layout");
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage = "usage: arsred dump --stage figures|layout <year-dir> [--layout NAME]\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  std::string stage = vm["stage"].as<std::string>();
  if (stage != "figures" && stage != "layout") {
    ctx.err << "arsred: dump: --stage is figures or layout\n";
    return kExitUsage;
  }
  const auto& dirs = vm["year-dir"].as<std::vector<std::string>>();
  if (dirs.size() != 1) {
    ctx.err << "arsred: dump: one year directory\n";
    return kExitUsage;
  }
  Pipeline p;
  ResourceCache cache;
  if (auto code = RunStages(vm, dirs.front(), cache, p, stage == "layout", ctx.err)) return *code;
  PrintDiagnostics(p.diagnostics, p.inputs.sources, ctx.err);
  ctx.out << (stage == "figures" ? DumpFigures(p.figures) : TraceDocument(p.document));
  return ExitCodeFor(p.diagnostics);
}

struct Command {
  const char* name;
  int (*run)(const CommandContext&);
};
constexpr Command kCommands[] = {
    {"check", CheckCommand}, {"build", BuildCommand}, {"dump", DumpCommand}, {"schema", SchemaCommand}};

}  // namespace

int Job::Run(std::ostream& out, std::ostream& err) const {
  const std::vector<std::string>& args = args_;
  if (args.size() < 2) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& first = args[1];
  if (first == "--help" || first == "-h" || first == "help") {
    out << kUsage;
    return kExitClean;
  }
  if (first == "--version") {
    out << "arsred " << ARSRED_VERSION << "\n";
    return kExitClean;
  }
  for (const Command& command : kCommands) {
    if (first == command.name) {
      return command.run(CommandContext{std::vector<std::string>(args.begin() + 2, args.end()), out, err});
    }
  }
  err << "arsred: unknown command `" << first << "`\n" << kUsage;
  return kExitUsage;
}

}  // namespace arsred

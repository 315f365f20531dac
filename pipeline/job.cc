#include "job.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <boost/program_options.hpp>

#include "diagnostics.h"
#include "load.h"
#include "schema.h"
#include "validate.h"

namespace po = boost::program_options;

namespace arsred {

namespace {

constexpr const char* kUsage =
    "usage: arsred <command> [options]\n"
    "\n"
    "commands:\n"
    "  check <year-dir>     load and validate one year's inputs (e.g. inputs/2023)\n"
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
  } else {
    ctx.err << usage;
    return kExitUsage;
  }
  return kExitClean;
}

struct Command {
  const char* name;
  int (*run)(const CommandContext&);
};
constexpr Command kCommands[] = {{"check", CheckCommand}, {"schema", SchemaCommand}};

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

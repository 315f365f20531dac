// arsred schema: the JSON Schemas and the input and layout references, made from the model.
#include "command.h"

#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string>

#include "diagnostics.h"
#include "load.h"
#include "schema.h"
#include "write_file.h"

namespace arsred {

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
    const std::filesystem::path root = vm["write"].as<std::string>();
    // Each file whole or not at all; a directory or file that cannot be written is named with
    // the system's reason.
    try {
      for (const char* dir : {"schema", "docs"}) {
        std::error_code error;
        std::filesystem::create_directories(root / dir, error);
        if (error) throw std::runtime_error("cannot create " + (root / dir).string() + ": " + error.message());
      }
      for (const YearFileSpec& spec : kYearFileSpecs) {
        std::string stem = std::string(spec.name).substr(0, std::string(spec.name).find('.'));
        WriteFileAtomically(root / "schema" / (stem + ".schema.json"), JsonSchemaFor(schema, spec.name));
      }
      WriteFileAtomically(root / "docs" / "input-format.md", MarkdownReference(schema));
      SchemaCollector layout = CollectLayoutSchema();
      WriteFileAtomically(root / "schema" / "layout.schema.json", JsonSchemaFor(layout, "layout"));
      WriteFileAtomically(root / "docs" / "layout-format.md", LayoutMarkdownReference(layout));
    } catch (const std::runtime_error& failure) {
      ctx.err << "arsred: schema: " << failure.what() << "\n";
      return kExitErrors;
    }
  } else {
    ctx.err << usage;
    return kExitUsage;
  }
  return kExitClean;
}

}  // namespace arsred

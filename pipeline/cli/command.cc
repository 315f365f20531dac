#include "command.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <ostream>

#include "diagnostics.h"

namespace arsred {

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
  } catch (const po::required_option& e) {
    // A missing argument is named as the usage line names it, not as the option behind it
    // ("--year-dir").
    std::string name = e.get_option_name();
    name.erase(0, name.find_first_not_of('-'));
    bool is_positional = false;
    for (unsigned i = 0; i < std::min(positional.max_total_count(), 8u); ++i) {
      is_positional = is_positional || positional.name_for_position(i) == name;
    }
    const std::string example = name == "year-dir" ? ", e.g. inputs/2024" : "";
    ctx.err << "arsred: " << (is_positional ? "missing <" + name + ">" + example : std::string(e.what())) << "\n"
            << usage << all;
    exit_code = kExitUsage;
    return false;
  } catch (const po::error& e) {
    ctx.err << "arsred: " << e.what() << "\n" << usage << all;
    exit_code = kExitUsage;
    return false;
  }
  return true;
}

namespace {

// Where layouts/ and fonts/ are: --data-dir, else $ARSRED_DATA_DIR, else the source tree the
// binary was built from.
std::string DataDir(const po::variables_map& vm) {
  if (vm.count("data-dir")) return vm["data-dir"].as<std::string>();
  if (const char* env = std::getenv("ARSRED_DATA_DIR")) return env;
  return ARSRED_DATA_DIR;
}

}  // namespace

void AddLayoutOptions(po::options_description& options) {
  options.add_options()("layout", po::value<std::string>(),
                        "a layout in layouts/ by name, or a layout file (a path ending in .yaml); default: the "
                        "year's `layout:`, else modern")(
      "data-dir", po::value<std::string>(), "where layouts/ and fonts/ are (default: the source tree)");
}

void AddSettingsOptions(po::options_description& options) {
  AddLayoutOptions(options);
  options.add_options()(
      "hyphenation", po::value<std::string>()->default_value(kSwedishDictionary),
      "the Swedish hyphenation dictionary (libhyphen .dic)")(
      "icc-profile", po::value<std::string>()->default_value(kDefaultIccProfile),
      "the sRGB ICC profile for PDF/A's output intent");
}

void AddModeOptions(po::options_description& options) {
  options.add_options()("draft", "typeset as a draft: UTKAST on every page and the findings in an appendix")(
      "final", "typeset the final report (PDF/A-2a and PDF/UA-1, or PDF/A-2b untagged); refused while the inputs have errors")(
      "werror", "treat warnings as errors (exit 2; a final report is refused)");
}

BuildSettings SettingsFrom(const po::variables_map& vm) {
  BuildSettings settings;
  settings.data_dir = DataDir(vm);
  if (vm.count("layout")) settings.layout = vm["layout"].as<std::string>();
  // check takes only the layout options
  if (vm.count("hyphenation")) settings.hyphenation = vm["hyphenation"].as<std::string>();
  if (vm.count("icc-profile")) settings.icc_profile = vm["icc-profile"].as<std::string>();
  if (vm.count("draft")) settings.mode = ReportMode::kDraft;
  if (vm.count("final")) settings.mode = ReportMode::kFinal;
  settings.pdfa = vm.count("pdfa") > 0;
  settings.tagged = vm.count("tagged") > 0;
  settings.werror = vm.count("werror") > 0;
  return settings;
}

std::optional<int> ParseOutputTarget(const CommandContext& ctx, const po::variables_map& vm, const char* command,
                                     size_t years, bool pipe_allowed, OutputTarget& target) {
  const std::string prefix = std::string("arsred: ") + command + ": ";
  if (vm.count("output")) {
    target.path = vm["output"].as<std::string>();
    if (target.path.empty()) {
      ctx.err << prefix << "-o names the file to write, or a directory; it was empty\n";
      return kExitUsage;
    }
  }
  if (target.path == "-") {
    if (!pipe_allowed) {
      ctx.err << prefix << "-o - (standard output) is not for a report written again on every save; name a file\n";
      return kExitUsage;
    }
    if (years > 1 || target.open_data) {
      ctx.err << prefix << "-o - writes one file to standard output: one year, without --open-data\n";
      return kExitUsage;
    }
    // A terminal would only show the bytes of a PDF.
    if (::isatty(STDOUT_FILENO)) {
      ctx.err << prefix << "-o - writes the report to standard output, which is a terminal here; send it to a "
                           "pipe, or name a file\n";
      return kExitUsage;
    }
    target.standard_output = true;
    target.path.clear();
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  const bool names_directory = !target.path.empty() && (fs::is_directory(target.path) || target.path.back() == '/');
  target.directory = years > 1 || target.path.empty() || names_directory;
  if (target.directory && !target.path.empty() && !fs::is_directory(target.path)) {
    if (!names_directory) {
      ctx.err << prefix << "with several years, -o names an existing directory, not a file\n";
      return kExitUsage;
    }
    ctx.err << prefix << "cannot write into " << target.path << ": no such directory; nothing was written\n";
    return kExitErrors;
  }
  return std::nullopt;
}

}  // namespace arsred

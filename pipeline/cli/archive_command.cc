// arsred archive: the final report with every file it was made from.
#include "command.h"

#include <ostream>
#include <string>

#include "archive.h"
#include "diagnostics.h"
#include "yaml_reader.h"

namespace arsred {

int ArchiveCommand(const CommandContext& ctx) {
  po::options_description options("archive options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "out", po::value<std::string>()->required(), "the year's archive directory, e.g. archive/2023")(
      "replace-final", po::value<std::string>(),
      "replace the archive of a final year; the reason is recorded, the old archive kept beside")(
      "werror", "treat warnings as errors: nothing is archived while there are any");
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred archive <year-dir> --out DIR [--layout NAME|FILE] [--replace-final REASON]\n"
      "Writes the year's final report (PDF/A-2a and PDF/UA-1, or PDF/A-2b where the layout turns\n"
      "tagging off) with a snapshot of every input, the books it was imported from and the approval\n"
      "record, the layout, the fonts, the hyphenation dictionary and the ICC profile it was made\n"
      "from, and a manifest of SHA-256 hashes and of the toolchain's versions, into DIR, synced to\n"
      "the disk, all at once or not at all. The archive of a year marked slutlig is not replaced\n"
      "without --replace-final. See docs/archive.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  BuildSettings settings = SettingsFrom(vm);
  settings.mode = ReportMode::kFinal;
  settings.pdfa = true;
  ArchiveRequest request;
  request.year_dir = vm["year-dir"].as<std::string>();
  request.archive_dir = vm["out"].as<std::string>();
  if (vm.count("replace-final")) request.replace_reason = vm["replace-final"].as<std::string>();
  if (vm.count("replace-final") && request.replace_reason.find_first_not_of(" \t") == std::string::npos) {
    ctx.err << "arsred: archive: --replace-final needs a reason, which the new manifest records\n";
    return kExitUsage;
  }
  // The manifest keeps the reason as one line of its YAML, which verify reads back as any input:
  // a line break or a byte that is not UTF-8 there made an archive that could not be verified.
  std::string why;
  const std::string& reason = request.replace_reason;
  if (reason.find_first_of("\r\n\t") != std::string::npos) {
    why = "it has a line break or a tab";
  } else {
    FindBadCharacter(reason, &why);  // sets `why` only where it finds one
  }
  if (!why.empty()) {
    ctx.err << "arsred: archive: --replace-final's reason is one line of UTF-8 text, which the manifest records; "
            << why << "\n";
    return kExitUsage;
  }
  return ArchiveYear(settings, request, ctx.err);
}

}  // namespace arsred

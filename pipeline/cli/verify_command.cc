// arsred verify: an archive checked against its manifest and rebuilt byte for byte.
#include "command.h"

#include <ostream>
#include <string>

#include "archive.h"

namespace arsred {

int VerifyCommand(const CommandContext& ctx) {
  po::options_description options("verify options");
  options.add_options()("archive-dir", po::value<std::string>()->required(), "the year's archive directory");
  po::positional_options_description positional;
  positional.add("archive-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred verify <archive-dir>\n"
      "Checks every file of an archive against its manifest and rebuilds the report from the\n"
      "archived sources: exit 0 when every byte matches, 2 naming each file that does not. When\n"
      "the rebuilt report differs, it says whether a source file changed or the toolchain\n"
      "(arsred, the compiler, glibc, libharu, libdeflate, qpdf) differs from the one the manifest\n"
      "records. See docs/archive.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  return VerifyArchive(vm["archive-dir"].as<std::string>(), ctx.err);
}

}  // namespace arsred

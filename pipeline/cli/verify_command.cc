// arsred verify: an archive checked against its manifest and rebuilt byte for byte.
#include "command.h"

#include <cctype>
#include <ostream>
#include <string>

#include "archive.h"

namespace arsred {

int VerifyCommand(const CommandContext& ctx) {
  po::options_description options("verify options");
  options.add_options()("archive-dir", po::value<std::string>()->required(), "the year's archive directory")(
      "seal", po::value<std::string>()->default_value(""),
      "the seal (SHA-256 of manifest.yaml) recorded when the archive was made: the manifest must still have it");
  po::positional_options_description positional;
  positional.add("archive-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred verify <archive-dir> [--seal SHA256]\n"
      "Checks every file of an archive against its manifest and rebuilds the report from the\n"
      "archived sources: exit 0 when every byte matches, 2 naming each file that does not. When\n"
      "the rebuilt report differs, it says whether a source file changed or the toolchain\n"
      "(arsred, the compiler, glibc, libharu, libdeflate, qpdf) differs from the one the manifest\n"
      "records. It prints the manifest's seal, to compare with the one recorded when the archive\n"
      "was made; --seal checks it. See docs/archive.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  std::string seal = vm["seal"].as<std::string>();
  for (char& c : seal) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!seal.empty() && (seal.size() != 64 || seal.find_first_not_of("0123456789abcdef") != std::string::npos)) {
    ctx.err << "arsred: verify: --seal is a SHA-256 in 64 hexadecimal digits, as archive printed it\n";
    return kExitUsage;
  }
  return VerifyArchive(vm["archive-dir"].as<std::string>(), seal, ctx.err);
}

}  // namespace arsred

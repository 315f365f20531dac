// arsred import-sie: the year's figures written from the books (SIE 4).
#include "command.h"

#include <ostream>
#include <string>

#include "import_sie.h"

namespace arsred {

int ImportSieCommand(const CommandContext& ctx) {
  po::options_description options("import-sie options");
  options.add_options()("sie-file", po::value<std::string>()->required(), "the books: an SIE 4 file (type 1-4)")(
      "year", po::value<std::string>()->required(), "the year's input directory, e.g. inputs/2024")(
      "propose-mapping", "print a starting kontomappning from the books' accounts, to review; writes nothing")(
      "dry-run", "check the books and say what would be written, writing nothing");
  po::positional_options_description positional;
  positional.add("sie-file", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred import-sie <file.se> --year <year-dir> [--propose-mapping | --dry-run]\n"
      "Reads the year's books from an SIE 4 file and writes, through the kontomappning in\n"
      "rakenskaper.yaml, each mapped note item and statement line into rakenskaper.yaml. Refused,\n"
      "with nothing written, when the books are another organisation's or year's, an account with\n"
      "a balance is not mapped, the books do not balance, or they disagree with last year's closing\n"
      "balances or with the figures they are checked against. Books exported before or after the\n"
      "year's result was booked to equity both import. --propose-mapping prints a kontomappning to\n"
      "start from, made from the books' account names and the year's notes. A copy of the books is\n"
      "kept in the year's directory as bokforing.se; the archive keeps it. --dry-run does all of it\n"
      "but the writing, and says what it would write. See docs/sie.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("propose-mapping") && vm.count("dry-run")) {
    ctx.err << "arsred: import-sie: --propose-mapping writes nothing already; give one of the two\n";
    return kExitUsage;
  }
  return ImportSie({vm["sie-file"].as<std::string>(), vm["year"].as<std::string>(), vm.count("propose-mapping") > 0,
                    vm.count("dry-run") > 0},
                   ctx.out, ctx.err);
}

}  // namespace arsred

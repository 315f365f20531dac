// arsred approve: the board's approval of a year recorded, so that a later change is refused.
#include "command.h"

#include <ostream>
#include <string>

#include "approve.h"

namespace arsred {

int ApproveCommand(const CommandContext& ctx) {
  po::options_description options("approve options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory");
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred approve <year-dir>\n"
      "Records that the board approved the year: a fingerprint of each of its files' figures and\n"
      "texts, in the year's faststallande.yaml. The year must be marked `status: slutlig` with its\n"
      "`styrelsebeslut`, and have no errors. From then on, check, build and import-sie refuse a\n"
      "change to it until `arsred reopen`. See docs/approval.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  return ApproveYear(vm["year-dir"].as<std::string>(), ctx.err);
}

}  // namespace arsred

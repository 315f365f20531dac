// arsred reopen: an approved year opened for a change, with the reason kept.
#include "command.h"

#include <ostream>
#include <string>

#include "approve.h"
#include "diagnostics.h"

namespace arsred {

int ReopenCommand(const CommandContext& ctx) {
  po::options_description options("reopen options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "reason", po::value<std::string>()->required(), "why the approved year is changed; kept in faststallande.yaml");
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred reopen <year-dir> --reason REASON\n"
      "Reopens an approved year so that it may be changed; faststallande.yaml keeps the reason and\n"
      "the approval it undid. Approve it again with `arsred approve` once the board has.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  const std::string reason = vm["reason"].as<std::string>();
  if (reason.find_first_not_of(" \t") == std::string::npos) {
    ctx.err << "arsred: reopen: --reason needs a reason, which faststallande.yaml keeps\n";
    return kExitUsage;
  }
  return ReopenYear(vm["year-dir"].as<std::string>(), reason, ctx.err);
}

}  // namespace arsred

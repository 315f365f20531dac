// arsred new: a year's inputs started from the year before.
#include "command.h"

#include <ostream>
#include <string>

#include "new_year.h"

namespace arsred {

int NewCommand(const CommandContext& ctx) {
  po::options_description options("new options");
  options.add_options()("year", po::value<int>()->required(), "the year to start, e.g. 2025")(
      "from", po::value<std::string>()->required(), "the prior year's input directory, e.g. inputs/2024");
  po::positional_options_description positional;
  positional.add("year", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred new <year> --from <year-dir>\n"
      "Starts <year>/ beside the prior year's directory, which must be <year-1>: the förbund,\n"
      "its members and board, the insatser, goals, tables, charts, the notes' structure and the\n"
      "account mapping are carried; every figure and text that is the year's own is written as\n"
      "ATT FYLLA I, which `arsred check` lists with its place until it is replaced. Opening\n"
      "balances come from the prior year's directory. The directory appears whole or not at all.\n"
      "Exit 2, with nothing written, when it exists, the years do not follow each other, or the\n"
      "prior year does not load. When the prior year has validation errors of its own, the new\n"
      "year is written all the same, with a warning (exit 0).\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  return NewYear(vm["year"].as<int>(), vm["from"].as<std::string>(), ctx.err);
}

}  // namespace arsred

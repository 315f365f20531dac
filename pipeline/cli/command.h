// What the commands share: a command's arguments and streams, parsing them with --help, and
// the options that decide how a report is made. Each command lives in its own file,
// <name>_command.cc, with its options, its help and its flow; job.cc dispatches to them.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>

#include "build.h"

namespace arsred {

namespace po = boost::program_options;

struct CommandContext {
  std::vector<std::string> args;  // the command's own arguments
  std::ostream& out;
  std::ostream& err;
};

// Parses a command's arguments; returns false (after printing help or the problem) when the
// command should not run. `exit_code` is then set.
bool ParseCommand(const CommandContext& ctx, const po::options_description& options,
                  const po::positional_options_description& positional, const char* usage, po::variables_map& vm,
                  int& exit_code);

// --layout and --data-dir: which layout a report is set in. check takes them too, so that it
// checks the layout that build will use.
void AddLayoutOptions(po::options_description& options);
// The options that decide how a report is made, shared by build, dump, watch and archive.
void AddSettingsOptions(po::options_description& options);
// --draft, --final and --werror.
void AddModeOptions(po::options_description& options);
BuildSettings SettingsFrom(const po::variables_map& vm);

// Where -o sends the report of `years` years: a file; a directory (an existing one, a path
// ending in /, no -o at all, or several years), which takes arsredovisning-YEAR.pdf; or, with
// `-o -` and `pipe_allowed`, standard output. Fills `target.path`, `directory` and
// `standard_output`; returns an exit code when -o cannot be used (after saying why).
std::optional<int> ParseOutputTarget(const CommandContext& ctx, const po::variables_map& vm, const char* command,
                                     size_t years, bool pipe_allowed, OutputTarget& target);

int CheckCommand(const CommandContext& ctx);
int BuildCommand(const CommandContext& ctx);
int WatchCommand(const CommandContext& ctx);
int ArchiveCommand(const CommandContext& ctx);
int VerifyCommand(const CommandContext& ctx);
int ImportSieCommand(const CommandContext& ctx);
int NewCommand(const CommandContext& ctx);
int ApproveCommand(const CommandContext& ctx);
int ReopenCommand(const CommandContext& ctx);
int DumpCommand(const CommandContext& ctx);
int SchemaCommand(const CommandContext& ctx);
int SignCommand(const CommandContext& ctx);
int SignaturesCommand(const CommandContext& ctx);

}  // namespace arsred

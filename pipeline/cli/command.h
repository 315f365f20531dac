// What the commands share: a command's arguments and streams, parsing them with --help, and
// the options that decide how a report is made. Each command lives in its own file,
// <name>_command.cc, with its options, its help and its flow; job.cc dispatches to them.
#pragma once

#include <iosfwd>
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

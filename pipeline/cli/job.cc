#include "job.h"

#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "diagnostics.h"
#include "version.h"

namespace arsred {

namespace {

constexpr const char* kUsage =
    "usage: arsred <command> [options]\n"
    "\n"
    "commands:\n"
    "  check <year-dir>     load and validate one year's inputs (e.g. inputs/2023)\n"
    "  build <year-dir>     typeset the year's report as PDF\n"
    "  archive <year-dir>   write the final report with its sources and hashes (--out DIR)\n"
    "  verify <archive-dir> check an archive's hashes and rebuild its report byte for byte\n"
    "  watch <year-dir>     typeset the draft again each time an input or the layout is saved\n"
    "  import-sie <file.se> write the year's figures from the books (--year DIR)\n"
    "  new <year>           start a year's inputs from the year before (--from DIR)\n"
    "  approve <year-dir>   record the approved year's figures, so that a later change is refused\n"
    "  reopen <year-dir>    reopen an approved year for a change (--reason R)\n"
    "  sign <report.pdf>    sign the final report in a seat's field (--seat ID --pkcs12 FILE)\n"
    "  signatures <pdf>     check who has signed, and with --archive DIR what they signed\n"
    "  dump <year-dir>      print a stage's result (--stage figures|layout) for review and tests\n"
    "  schema               write the JSON Schemas and the input format reference\n"
    "\n"
    "options:\n"
    "  -h, --help           show help (also: arsred <command> --help)\n"
    "  --version            show the version\n"
    "\n"
    "exit codes: 0 done (warnings are printed), 1 usage error, 2 errors in the inputs or a file\n"
    "that cannot be read or written (named, with the system's reason; nothing half-written is\n"
    "left); `check` exits 3 for warnings only, and --werror makes warnings errors; 70 a bug in\n"
    "arsred\n";

struct Command {
  const char* name;
  int (*run)(const CommandContext&);
};
constexpr Command kCommands[] = {
    {"check", CheckCommand},     {"build", BuildCommand}, {"archive", ArchiveCommand},
    {"verify", VerifyCommand},   {"watch", WatchCommand}, {"import-sie", ImportSieCommand},
    {"new", NewCommand},         {"dump", DumpCommand},   {"approve", ApproveCommand},
    {"reopen", ReopenCommand},   {"schema", SchemaCommand}, {"sign", SignCommand},
    {"signatures", SignaturesCommand}};

}  // namespace

int Job::Run(std::ostream& out, std::ostream& err) const {
  const std::vector<std::string>& args = args_;
  if (args.size() < 2) {
    err << kUsage;
    return kExitUsage;
  }
  const std::string& first = args[1];
  if (first == "--help" || first == "-h" || first == "help") {
    out << kUsage;
    return kExitClean;
  }
  if (first == "--version") {
    out << "arsred " << ArsredVersion() << "\n";
    return kExitClean;
  }
  for (const Command& command : kCommands) {
    if (first == command.name) {
      return command.run(CommandContext{std::vector<std::string>(args.begin() + 2, args.end()), out, err});
    }
  }
  err << "arsred: unknown command `" << first << "`\n" << kUsage;
  return kExitUsage;
}

}  // namespace arsred

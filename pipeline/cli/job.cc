#include "job.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include <signal.h>

#include <atomic>
#include <cstdlib>

#include <boost/program_options.hpp>

#include "approval.h"
#include "approve.h"
#include "archive.h"
#include "build.h"
#include "calculate.h"
#include "diagnostics.h"
#include "import_sie.h"
#include "load.h"
#include "new_year.h"
#include "schema.h"
#include "trace.h"
#include "validate.h"
#include "watch.h"
#include "write_file.h"

namespace po = boost::program_options;

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

struct CommandContext {
  std::vector<std::string> args;  // the command's own arguments
  std::ostream& out;
  std::ostream& err;
};

// Parses a command's arguments; returns false (after printing help or the problem) when the
// command should not run. `exit_code` is then set.
bool ParseCommand(const CommandContext& ctx, const po::options_description& options,
                  const po::positional_options_description& positional, const char* usage, po::variables_map& vm,
                  int& exit_code) {
  po::options_description all;
  all.add(options).add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(ctx.args).options(all).positional(positional).run(), vm);
    // Help first: `check --help` must not fail for want of the required year directory.
    if (vm.count("help")) {
      ctx.out << usage << all;
      exit_code = kExitClean;
      return false;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    ctx.err << "arsred: " << e.what() << "\n" << usage << all;
    exit_code = kExitUsage;
    return false;
  }
  return true;
}

// Where layouts/ and fonts/ are: --data-dir, else $ARSRED_DATA_DIR, else the source tree the
// binary was built from.
std::string DataDir(const po::variables_map& vm) {
  if (vm.count("data-dir")) return vm["data-dir"].as<std::string>();
  if (const char* env = std::getenv("ARSRED_DATA_DIR")) return env;
  return ARSRED_DATA_DIR;
}

// --layout and --data-dir: which layout a report is set in. check takes them too, so that it
// checks the layout that build will use.
void AddLayoutOptions(po::options_description& options) {
  options.add_options()("layout", po::value<std::string>(),
                        "a layout in layouts/ by name, or a layout file (a path ending in .yaml); default: the "
                        "year's `layout:`, else modern")(
      "data-dir", po::value<std::string>(), "where layouts/ and fonts/ are (default: the source tree)");
}

// The options that decide how a report is made, shared by build, dump and archive.
void AddSettingsOptions(po::options_description& options) {
  AddLayoutOptions(options);
  options.add_options()(
      "hyphenation", po::value<std::string>()->default_value(kSwedishDictionary),
      "the Swedish hyphenation dictionary (libhyphen .dic)")(
      "icc-profile", po::value<std::string>()->default_value(kDefaultIccProfile),
      "the sRGB ICC profile for PDF/A's output intent");
}

BuildSettings SettingsFrom(const po::variables_map& vm) {
  BuildSettings settings;
  settings.data_dir = DataDir(vm);
  if (vm.count("layout")) settings.layout = vm["layout"].as<std::string>();
  // check takes only the layout options
  if (vm.count("hyphenation")) settings.hyphenation = vm["hyphenation"].as<std::string>();
  if (vm.count("icc-profile")) settings.icc_profile = vm["icc-profile"].as<std::string>();
  if (vm.count("draft")) settings.mode = ReportMode::kDraft;
  if (vm.count("final")) settings.mode = ReportMode::kFinal;
  settings.pdfa = vm.count("pdfa") > 0;
  settings.tagged = vm.count("tagged") > 0;
  settings.werror = vm.count("werror") > 0;
  return settings;
}

// The year's layout, read and checked as build reads it, with its fonts. A year with no report
// (one that did not load, or a comparative year) has no layout to check, as in build. Returns
// the layout when it loaded.
std::optional<LayoutFile> CheckLayout(const BuildSettings& settings, InputSet& inputs, Diagnostics& diagnostics) {
  const YearInput& year = inputs.report();
  if (!year.complete || year.files.forbund.omfattning.value != Scope::kAnnualReport) return std::nullopt;
  LayoutSource source;
  LayoutFile layout;
  if (!LoadReportLayout(settings, inputs, diagnostics, source, layout)) return std::nullopt;
  LayoutResources fonts;
  if (!LoadLayoutFonts(layout, source.font_dirs, fonts, diagnostics)) return std::nullopt;
  return layout;
}

// A report year without errors is also rounded, as build would round it, so that an identity no
// rounding can keep (calculate.rounding) shows before the build.
void CheckRounding(const InputSet& inputs, const LayoutFile* layout, Diagnostics& diagnostics) {
  const YearInput& year = inputs.report();
  const OrgFile& org = year.files.forbund;
  if (diagnostics.HasErrors() || !year.complete || org.omfattning.value != Scope::kAnnualReport) return;
  Calculate(inputs, true, PresentationFor(org, layout), diagnostics);
}

int CheckCommand(const CommandContext& ctx) {
  po::options_description options("check options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "werror", "treat warnings as errors");
  AddLayoutOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred check <year-dir> [--werror] [--layout NAME|FILE]\n"
      "Loads inputs/<year>/ (and the years before it beside it) and checks every rule of\n"
      "docs/validation.md; reads the year's layout and finds its fonts as build does; and checks\n"
      "that one rounding to tkr keeps every identity the report shows (in the year's `belopp`,\n"
      "else the layout's, else tkr). Prints every finding as file:line:col: key.path: message.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;

  InputSet inputs;
  Diagnostics diagnostics;
  std::string dir = vm["year-dir"].as<std::string>();
  if (LoadInputs(dir, inputs, diagnostics)) {
    Validate(inputs, diagnostics);
    CheckApprovals(inputs, diagnostics);
    const std::optional<LayoutFile> layout = CheckLayout(SettingsFrom(vm), inputs, diagnostics);
    CheckRounding(inputs, layout ? &*layout : nullptr, diagnostics);
  }
  if (vm.count("werror")) diagnostics.PromoteWarnings();
  PrintDiagnostics(diagnostics, inputs.sources, ctx.err);
  int code = ExitCodeFor(diagnostics);
  if (code == kExitClean) {
    ctx.err << "arsred: " << dir << ": no findings\n";
  } else {
    ctx.err << "arsred: " << dir << ": " << Plural(diagnostics.ErrorCount(), "error") << ", "
            << Plural(diagnostics.WarningCount(), "warning") << "\n";
  }
  return code;
}

int SchemaCommand(const CommandContext& ctx) {
  po::options_description options("schema options");
  options.add_options()("json", po::value<std::string>(), "print the JSON Schema of one input file (e.g. forbund.yaml)")(
      "markdown", "print the input format reference")(
      "write", po::value<std::string>(), "write schema/*.schema.json and docs/input-format.md under this directory");
  po::variables_map vm;
  int exit_code = 0;
  const char* usage = "usage: arsred schema (--json FILE | --markdown | --write ROOT)\n";
  if (!ParseCommand(ctx, options, {}, usage, vm, exit_code)) return exit_code;

  SchemaCollector schema = CollectInputSchema();
  if (vm.count("json")) {
    std::string file = vm["json"].as<std::string>();
    bool known = false;
    for (const YearFileSpec& spec : kYearFileSpecs) known = known || file == spec.name;
    if (!known) {
      ctx.err << "arsred: schema: no input file named " << file << "\n";
      return kExitUsage;
    }
    ctx.out << JsonSchemaFor(schema, file);
  } else if (vm.count("markdown")) {
    ctx.out << MarkdownReference(schema);
  } else if (vm.count("write")) {
    const std::filesystem::path root = vm["write"].as<std::string>();
    // Each file whole or not at all; a directory or file that cannot be written is named with
    // the system's reason.
    try {
      for (const char* dir : {"schema", "docs"}) {
        std::error_code error;
        std::filesystem::create_directories(root / dir, error);
        if (error) throw std::runtime_error("cannot create " + (root / dir).string() + ": " + error.message());
      }
      for (const YearFileSpec& spec : kYearFileSpecs) {
        std::string stem = std::string(spec.name).substr(0, std::string(spec.name).find('.'));
        WriteFileAtomically(root / "schema" / (stem + ".schema.json"), JsonSchemaFor(schema, spec.name));
      }
      WriteFileAtomically(root / "docs" / "input-format.md", MarkdownReference(schema));
      SchemaCollector layout = CollectLayoutSchema();
      WriteFileAtomically(root / "schema" / "layout.schema.json", JsonSchemaFor(layout, "layout"));
      WriteFileAtomically(root / "docs" / "layout-format.md", LayoutMarkdownReference(layout));
    } catch (const std::runtime_error& failure) {
      ctx.err << "arsred: schema: " << failure.what() << "\n";
      return kExitErrors;
    }
  } else {
    ctx.err << usage;
    return kExitUsage;
  }
  return kExitClean;
}

void AddModeOptions(po::options_description& options) {
  options.add_options()("draft", "typeset as a draft: UTKAST on every page and the findings in an appendix")(
      "final", "typeset the final report (PDF/A-2a and PDF/UA-1, or PDF/A-2b untagged); refused while the inputs have errors")(
      "werror", "treat warnings as errors (exit 2; a final report is refused)");
}

int BuildCommand(const CommandContext& ctx) {
  po::options_description options("build options");
  options.add_options()("year-dir", po::value<std::vector<std::string>>()->required(), "the year's input directory")(
      "output,o", po::value<std::string>(),
      "the PDF to write (default: arsredovisning-YEAR.pdf); with several years, a directory")(
      "pdfa", "write PDF/A also for a draft (a final report always is)")(
      "tagged", "write a tagged PDF (PDF/UA-1) also for a draft (a final report is, unless its layout says not)")(
      "timings", "print the time each stage took on stderr");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", -1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred build <year-dir>... [-o FILE|DIR] [--layout NAME|FILE] [--draft | --final] [--pdfa] [--tagged]\n"
      "Typesets each year's årsredovisning. A year that is not marked slutlig, or whose inputs\n"
      "have errors, is typeset as a draft; a final report is a tagged PDF/A-2a and PDF/UA-1 (or\n"
      "PDF/A-2b where the layout turns tagging off). Each PDF is written whole or not at all.\n"
      "Several years are built in one run, sharing fonts and dictionaries; -o then names a\n"
      "directory.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("draft") && vm.count("final")) {
    ctx.err << "arsred: build: --draft and --final exclude each other\n";
    return kExitUsage;
  }
  const auto& dirs = vm["year-dir"].as<std::vector<std::string>>();
  OutputTarget target;
  if (vm.count("output")) target.path = vm["output"].as<std::string>();
  target.directory = dirs.size() > 1 || target.path.empty();
  if (dirs.size() > 1 && !target.path.empty() && !std::filesystem::is_directory(target.path)) {
    ctx.err << "arsred: build: with several years, -o names an existing directory\n";
    return kExitUsage;
  }
  const BuildSettings settings = SettingsFrom(vm);
  ResourceCache cache;
  int worst = kExitClean;
  for (const std::string& dir : dirs) {
    int code = BuildReport(settings, dir, target, vm.count("timings") > 0, cache, ctx.err);
    // The worst year decides: a usage error or errors outrank a clean run.
    if (code != kExitClean && worst != kExitErrors) worst = code;
  }
  return worst;
}

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
  return ArchiveYear(settings, request, ctx.err);
}

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

int DumpCommand(const CommandContext& ctx) {
  po::options_description options("dump options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "stage", po::value<std::string>()->required(), "figures or layout");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage = "usage: arsred dump --stage figures|layout <year-dir> [--layout NAME|FILE]\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  std::string stage = vm["stage"].as<std::string>();
  if (stage != "figures" && stage != "layout") {
    ctx.err << "arsred: dump: --stage is figures or layout\n";
    return kExitUsage;
  }
  YearBuild p;
  ResourceCache cache;
  if (auto code = RunStages(SettingsFrom(vm), vm["year-dir"].as<std::string>(), cache, p, stage == "layout", ctx.err)) {
    return *code;
  }
  PrintDiagnostics(p.diagnostics, p.inputs.sources, ctx.err);
  ctx.out << (stage == "figures" ? DumpFigures(p.figures) : TraceDocument(p.document));
  return ExitCodeOfWriting(p.diagnostics);
}

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

int ImportSieCommand(const CommandContext& ctx) {
  po::options_description options("import-sie options");
  options.add_options()("sie-file", po::value<std::string>()->required(), "the books: an SIE 4 file (type 1-4)")(
      "year", po::value<std::string>()->required(), "the year's input directory, e.g. inputs/2024")(
      "propose-mapping", "print a starting kontomappning from the books' accounts, to review; writes nothing");
  po::positional_options_description positional;
  positional.add("sie-file", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred import-sie <file.se> --year <year-dir> [--propose-mapping]\n"
      "Reads the year's books from an SIE 4 file and writes, through the kontomappning in\n"
      "rakenskaper.yaml, each mapped note item and statement line into rakenskaper.yaml. Refused,\n"
      "with nothing written, when the books are another organisation's or year's, an account with\n"
      "a balance is not mapped, the books do not balance, or they disagree with last year's closing\n"
      "balances or with the figures they are checked against. Books exported before or after the\n"
      "year's result was booked to equity both import. --propose-mapping prints a kontomappning to\n"
      "start from, made from the books' account names and the year's notes. A copy of the books is\n"
      "kept in the year's directory as bokforing.se; the archive keeps it. See docs/sie.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  return ImportSie({vm["sie-file"].as<std::string>(), vm["year"].as<std::string>(), vm.count("propose-mapping") > 0},
                   ctx.out, ctx.err);
}

// Set by SIGINT and SIGTERM while `arsred watch` runs; the watch reads it between builds.
std::atomic<bool> watch_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "a signal handler may only touch lock-free atomics");

void RequestWatchStop(int) { watch_stop_requested.store(true); }

// Sends SIGINT and SIGTERM to RequestWatchStop while it lives, then puts back what was there
// before: the command also runs inside the tests' process.
class StopOnSignals {
 public:
  StopOnSignals() {
    watch_stop_requested.store(false);
    struct sigaction action {};
    action.sa_handler = RequestWatchStop;
    sigemptyset(&action.sa_mask);
    // No SA_RESTART: poll() returns at once, and the watch ends within a moment.
    ::sigaction(SIGINT, &action, &previous_interrupt_);
    ::sigaction(SIGTERM, &action, &previous_terminate_);
  }
  ~StopOnSignals() {
    ::sigaction(SIGINT, &previous_interrupt_, nullptr);
    ::sigaction(SIGTERM, &previous_terminate_, nullptr);
  }
  StopOnSignals(const StopOnSignals&) = delete;
  StopOnSignals& operator=(const StopOnSignals&) = delete;

 private:
  struct sigaction previous_interrupt_ {};
  struct sigaction previous_terminate_ {};
};

int WatchCommand(const CommandContext& ctx) {
  po::options_description options("watch options");
  options.add_options()("year-dir", po::value<std::string>()->required(), "the year's input directory")(
      "output,o", po::value<std::string>(), "the PDF to write (default: arsredovisning-YEAR.pdf)")(
      "pdfa", "write PDF/A also for the draft")("tagged", "write a tagged PDF also for the draft");
  AddModeOptions(options);
  AddSettingsOptions(options);
  po::positional_options_description positional;
  positional.add("year-dir", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred watch <year-dir> [-o FILE] [--layout NAME|FILE] [--final] [--pdfa]\n"
      "Typesets the year's report as a draft, then again each time one of its input files, an\n"
      "earlier year's or the layout is saved, printing the findings each time. The PDF is\n"
      "replaced only when the inputs have no errors, so a viewer keeps showing the last good\n"
      "draft. Fonts and the hyphenation dictionary are read once: restart after changing them.\n"
      "Stop with Ctrl-C (exit 0); exit 2 when the directories cannot be watched.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("draft") && vm.count("final")) {
    ctx.err << "arsred: watch: --draft and --final exclude each other\n";
    return kExitUsage;
  }
  OutputTarget target;
  if (vm.count("output")) target.path = vm["output"].as<std::string>();
  target.directory = target.path.empty();
  const StopOnSignals stop_on_signals;
  WatchControl control;
  control.stop = &watch_stop_requested;
  return WatchYear(SettingsFrom(vm), vm["year-dir"].as<std::string>(), target, control, ctx.err);
}

struct Command {
  const char* name;
  int (*run)(const CommandContext&);
};
constexpr Command kCommands[] = {
    {"check", CheckCommand},     {"build", BuildCommand}, {"archive", ArchiveCommand},
    {"verify", VerifyCommand},   {"watch", WatchCommand}, {"import-sie", ImportSieCommand},
    {"new", NewCommand},         {"dump", DumpCommand},   {"approve", ApproveCommand},
    {"reopen", ReopenCommand},   {"schema", SchemaCommand}};

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
    out << "arsred " << ARSRED_VERSION << "\n";
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

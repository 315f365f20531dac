// arsred watch: the draft typeset again on every save, until Ctrl-C.
#include "command.h"

#include <signal.h>

#include <atomic>
#include <ostream>
#include <string>

#include "diagnostics.h"
#include "watch.h"

namespace arsred {

namespace {

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

}  // namespace

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
      "usage: arsred watch <year-dir> [-o FILE] [--layout NAME|FILE] [--draft | --final] [--pdfa] [--tagged]\n"
      "Typesets the year's report as a draft, then again each time one of its input files, an\n"
      "earlier year's or the layout is saved, printing the findings each time. The draft is\n"
      "written whenever build would write it: with its findings listed on its last pages, and\n"
      "[?] where a figure is still ATT FYLLA I. When the inputs cannot be loaded (a file that\n"
      "does not parse), the last PDF is kept, so a viewer keeps showing it. Fonts and the\n"
      "hyphenation dictionary are read once: restart after changing them.\n"
      "Stop with Ctrl-C (exit 0); exit 2 when the directories cannot be watched.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  if (vm.count("draft") && vm.count("final")) {
    ctx.err << "arsred: watch: --draft and --final exclude each other\n";
    return kExitUsage;
  }
  OutputTarget target;
  if (auto code = ParseOutputTarget(ctx, vm, "watch", 1, /*pipe_allowed=*/false, target)) return *code;
  const StopOnSignals stop_on_signals;
  WatchControl control;
  control.stop = &watch_stop_requested;
  return WatchYear(SettingsFrom(vm), vm["year-dir"].as<std::string>(), target, control, ctx.err);
}

}  // namespace arsred

#include "watch.h"

#include <limits.h>  // NAME_MAX
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <optional>
#include <ostream>
#include <system_error>

namespace arsred {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// How long poll() may wait before the stop flag is read again.
constexpr std::chrono::milliseconds kStopCheckInterval{100};

// Events on a directory whose files the report reads. IN_CLOSE_WRITE is a save in place;
// IN_MOVED_TO a temporary file renamed over the old one; IN_DELETE and IN_CREATE an editor that
// deletes the file and writes it anew (or a file removed or added); IN_MOVED_FROM a file renamed
// away. IN_MODIFY is left out on purpose: it fires for every write() of a save in progress.
constexpr uint32_t kFileEvents = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR;
// On the directory that holds the years: year directories that come, go or are renamed.
constexpr uint32_t kYearDirEvents = IN_CREATE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR;

// The name of a year directory, as load.cc reads it (four digits, 1900 to 2200); 0 otherwise.
int YearOfName(std::string_view name) {
  if (name.size() != 4 || !std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  const int year = std::stoi(std::string(name));
  return year >= 1900 && year <= 2200 ? year : 0;
}

enum class DirRole {
  kYear,     // the report year or one before it
  kYears,    // the directory that holds the year directories
  kLayouts,  // <data_dir>/layouts, or the directory of a layout file of the förbund's own
};

// Whether two paths name the same file, as the tool writes paths (lexically: "inputs/2024/../x"
// is "inputs/x").
bool SamePath(const std::string& a, const std::string& b) {
  return fs::path(a).lexically_normal() == fs::path(b).lexically_normal();
}

struct WatchedDir {
  DirRole role;
  std::string path;
};

// One inotify instance and its watches. Closing the descriptor removes every watch with it, so
// the destructor is all the cleaning up there is.
class Inotify {
 public:
  Inotify() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}
  ~Inotify() {
    if (fd_ >= 0) ::close(fd_);
  }
  Inotify(const Inotify&) = delete;
  Inotify& operator=(const Inotify&) = delete;

  int fd() const { return fd_; }

  // Watches the directory `path` for `mask`; returns 0, or the errno of the failure. Watching a
  // directory again (after a queue overflow) renews its watch.
  int Watch(const std::string& path, DirRole role, uint32_t mask) {
    const int wd = ::inotify_add_watch(fd_, path.c_str(), mask);
    if (wd < 0) return errno;
    dirs_[wd] = WatchedDir{role, path};
    return 0;
  }

  // Watches the directory `path` for `mask` as well. A directory watched already (the year's,
  // when the layout lies in it) keeps its role and gets the events of `mask` too; inotify has one
  // watch per directory. Returns 0, or the errno of the failure.
  int WatchAlso(const std::string& path, DirRole role, uint32_t mask) {
    const int wd = ::inotify_add_watch(fd_, path.c_str(), mask | IN_MASK_ADD);
    if (wd < 0) return errno;
    dirs_.try_emplace(wd, WatchedDir{role, path});
    return 0;
  }

  bool Watching(const std::string& path) const {
    return std::any_of(dirs_.begin(), dirs_.end(), [&](const auto& dir) { return SamePath(dir.second.path, path); });
  }

  // Stops watching the directory that was at `path`: after a rename its watch would follow it
  // to its new name and report that directory's saves as the old one's.
  void Unwatch(const std::string& path) {
    for (auto it = dirs_.begin(); it != dirs_.end(); ++it) {
      if (it->second.path == path) {
        ::inotify_rm_watch(fd_, it->first);
        dirs_.erase(it);
        return;
      }
    }
  }

  // The directory of a watch; null for one removed since (its last events may still be queued).
  const WatchedDir* Lookup(int wd) const {
    auto it = dirs_.find(wd);
    return it == dirs_.end() ? nullptr : &it->second;
  }

  // The kernel dropped the watch (IN_IGNORED): its directory was removed.
  void Forget(int wd) { dirs_.erase(wd); }

 private:
  int fd_;
  std::map<int, WatchedDir> dirs_;
};

std::string Findings(size_t errors, size_t warnings) {
  if (errors == 0 && warnings == 0) return "no findings";
  std::string text = errors > 0 ? Plural(errors, "error") : "";
  if (warnings > 0) text += (text.empty() ? "" : ", ") + Plural(warnings, "warning");
  return text;
}

// The wall clock as HH:MM:SS: a watch runs for hours, and its output is read by time.
std::string TimeOfDay() {
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  char text[16] = "";
  if (::localtime_r(&now, &local) != nullptr) std::strftime(text, sizeof text, "%H:%M:%S", &local);
  return text;
}

std::string Listed(const std::vector<std::string>& items, size_t at_most) {
  std::string text;
  for (size_t i = 0; i < items.size() && i < at_most; ++i) text += (i > 0 ? ", " : "") + items[i];
  if (items.size() > at_most) text += " and " + std::to_string(items.size() - at_most) + " more";
  return text;
}

// The watched directories, the changes waiting for a build, and the state kept from one build
// to the next: the resources of the layouts and the last PDF written.
class YearWatcher {
 public:
  YearWatcher(const BuildSettings& settings, const std::string& year_dir, const OutputTarget& output,
              std::chrono::milliseconds settle, std::ostream& err)
      : settings_(settings), year_dir_(year_dir), output_(output), settle_(settle), err_(err) {
    // A watch exists to show a draft; a final report is made by `build --final` or `archive`.
    if (settings_.mode == ReportMode::kAuto) settings_.mode = ReportMode::kDraft;
    fs::path dir = fs::path(year_dir).lexically_normal();
    if (dir.filename().empty()) dir = dir.parent_path();  // "inputs/2024/"
    year_path_ = dir.string();
    years_path_ = dir.parent_path().empty() ? "." : dir.parent_path().string();
    report_year_ = YearOfName(dir.filename().string());
    // The same path that build.cc reads a layout from and keys its resources by.
    layouts_path_ = settings_.data_dir + "/layouts";
  }

  // Watches every directory the report is read from; returns the reason when it cannot.
  std::optional<std::string> SetUp() {
    if (inotify_.fd() < 0) return "cannot start inotify: " + Reason(errno);
    if (int error = inotify_.Watch(year_path_, DirRole::kYear, kFileEvents)) return CannotWatch(year_path_, error);
    if (int error = inotify_.Watch(layouts_path_, DirRole::kLayouts, kFileEvents)) {
      return CannotWatch(layouts_path_, error);
    }
    // Without a year in its name the directory is no report's (each build says so); the years
    // beside it then do not matter.
    if (report_year_ == 0) return std::nullopt;
    if (int error = inotify_.Watch(years_path_, DirRole::kYears, kYearDirEvents)) {
      return CannotWatch(years_path_, error);
    }
    return WatchEarlierYears();
  }

  void PrintWatched() const {
    err_ << "arsred: watching " << year_path_;
    if (!earlier_years_.empty()) {
      std::vector<std::string> years;
      for (int year : earlier_years_) years.push_back(std::to_string(year));
      err_ << ", the years before it (" << Listed(years, years.size()) << ")";
    }
    err_ << " and " << layouts_path_ << "\n";
  }

  int fd() const { return inotify_.fd(); }
  bool HasChanges() const { return !changes_.empty(); }
  Clock::time_point BuildDue() const { return last_event_ + settle_; }

  // Reads every queued event and notes those that call for a build; returns the reason when
  // the descriptor cannot be read.
  std::optional<std::string> ReadEvents() {
    alignas(inotify_event) char buffer[64 * (sizeof(inotify_event) + NAME_MAX + 1)];
    for (;;) {
      const ssize_t length = ::read(inotify_.fd(), buffer, sizeof buffer);
      if (length < 0 && errno == EINTR) continue;
      if (length < 0 && errno == EAGAIN) return std::nullopt;
      if (length <= 0) return "cannot read the inotify events: " + Reason(length < 0 ? errno : EIO);
      for (const char* at = buffer; at < buffer + length;) {
        const auto* event = reinterpret_cast<const inotify_event*>(at);
        OnEvent(*event, event->len > 0 ? std::string_view(event->name) : std::string_view());
        at += sizeof(inotify_event) + event->len;
      }
    }
  }

  // Runs the stages, prints the findings and a status line, and writes the draft whenever build
  // would: with findings in its appendix and marks where figures are still to fill in. Inputs
  // that stop the stages (a file that does not parse) leave the last PDF as it was.
  WatchedBuild Build() {
    WatchedBuild outcome;
    outcome.number = ++builds_;
    outcome.changes = std::move(changes_);
    changes_.clear();
    if (outcome.changes.empty()) {
      err_ << "arsred: " << TimeOfDay() << " building " << year_path_ << "\n";
    } else {
      err_ << "arsred: " << TimeOfDay() << " changed: " << Listed(outcome.changes, 4) << "; building again\n";
    }
    const Clock::time_point start = Clock::now();
    YearBuild p;
    const std::optional<int> stopped_at = RunStages(settings_, year_dir_, cache_, p, true, err_);
    layout_in_use_ = p.layout_source.path;
    WatchLayoutDirectory();
    outcome.output = OutputPath(p.inputs.report_year);
    outcome.errors = p.diagnostics.ErrorCount();
    outcome.warnings = p.diagnostics.WarningCount();
    if (stopped_at) {
      outcome.exit_code = *stopped_at;  // RunStages printed the findings
    } else {
      PrintDiagnostics(p.diagnostics, p.inputs.sources, err_);
      outcome.pages = p.document.pages.size();
      outcome.exit_code = ExitCodeOfWriting(p.diagnostics);
    }
    RenderOptions options;
    const std::optional<std::string> input = InputNamedBy(p.inputs.sources, outcome.output);
    if (!stopped_at && p.diagnostics.ErrorCount() > p.errors_before_layout) {
      // As build: a report that could not be typeset (a character the font lacks) is not written.
      err_ << "arsred: " << year_dir_ << ": the report could not be typeset\n";
      outcome.exit_code = kExitErrors;
    } else if (input && !stopped_at) {
      err_ << "arsred: " << outcome.output << " is " << *input << ", which the build reads; name another file "
           << "with -o\n";
      outcome.exit_code = kExitErrors;
    } else if (!stopped_at && HoldsOtherThan(outcome.output, "%PDF-")) {
      err_ << "arsred: " << outcome.output << " exists and is not a report written by arsred, so it is left as it "
           << "is; name another file with -o, or remove it first\n";
      outcome.exit_code = kExitErrors;
    } else if (!stopped_at) {
      options = RenderOptionsFor(settings_, p);
      std::string error;
      if (RenderPdf(p.document, outcome.output, options, &error)) {
        outcome.written = true;
        last_written_build_ = outcome.number;
        last_written_path_ = outcome.output;
      } else {
        err_ << "arsred: " << error << "\n";
        outcome.exit_code = kExitErrors;
      }
    }
    outcome.took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);

    err_ << "arsred: build " << outcome.number << " in " << outcome.took.count() << " ms: ";
    if (outcome.written) {
      err_ << "wrote " << outcome.output << " (" << DescribeReport(p, options) << "); "
           << Findings(outcome.errors, outcome.warnings) << "\n";
    } else {
      err_ << "not written (see above); ";
      if (last_written_build_ > 0) {
        err_ << "kept the last good PDF, " << last_written_path_ << " (build " << last_written_build_ << ")\n";
      } else {
        err_ << "nothing written yet: the PDF is written once the inputs load\n";
      }
    }
    return outcome;
  }

 private:
  static std::string Reason(int error) { return std::strerror(error); }

  static std::string CannotWatch(const std::string& path, int error) {
    std::string reason = "cannot watch " + path + ": " + Reason(error);
    if (error == ENOSPC) reason += " (the limit fs.inotify.max_user_watches is reached)";
    return reason;
  }

  // The layout in use is known once a build has resolved it; a layout file of the förbund's own
  // may lie anywhere, so its directory is watched from then on (it stays watched should the year
  // name another layout later: saves there then change nothing).
  void WatchLayoutDirectory() {
    if (layout_in_use_.empty()) return;
    const fs::path dir = fs::path(layout_in_use_).parent_path();
    const std::string path = dir.empty() ? "." : dir.string();
    // Added to a directory watched already, too: the one that holds the years is watched for
    // directories only.
    const bool watched = inotify_.Watching(path);
    if (int error = inotify_.WatchAlso(path, DirRole::kLayouts, kFileEvents)) {
      err_ << "arsred: " << CannotWatch(path, error) << "; saving the layout does not start a build\n";
      return;
    }
    if (!watched) err_ << "arsred: watching " << path << ", the layout's directory\n";
  }

  // Watches each year directory before the report year that is not watched yet.
  std::optional<std::string> WatchEarlierYears() {
    std::error_code ec;
    for (const auto& item : fs::directory_iterator(years_path_, ec)) {
      const int year = YearOfName(item.path().filename().string());
      if (year == 0 || year >= report_year_ || !item.is_directory(ec)) continue;
      const int error = inotify_.Watch(item.path().string(), DirRole::kYear, kFileEvents);
      if (error == ENOENT || error == ENOTDIR) continue;  // gone since it was listed
      if (error != 0) return CannotWatch(item.path().string(), error);
      if (std::find(earlier_years_.begin(), earlier_years_.end(), year) == earlier_years_.end()) {
        earlier_years_.push_back(year);
      }
    }
    std::sort(earlier_years_.begin(), earlier_years_.end());
    return std::nullopt;
  }

  void NoteChange(std::string what) {
    if (std::find(changes_.begin(), changes_.end(), what) == changes_.end()) changes_.push_back(std::move(what));
    last_event_ = Clock::now();
  }

  void OnEvent(const inotify_event& event, std::string_view name) {
    if (event.mask & IN_Q_OVERFLOW) {
      // Some events were lost, perhaps a year directory's creation: look again and build.
      if (report_year_ != 0) {
        if (std::optional<std::string> failure = WatchEarlierYears()) err_ << "arsred: " << *failure << "\n";
      }
      NoteChange("unknown files (inotify's queue overflowed)");
      return;
    }
    const WatchedDir* dir = inotify_.Lookup(event.wd);
    if (dir == nullptr) return;
    if (event.mask & IN_IGNORED) {
      // A year directory removed is watched again when it comes back (see below); the others
      // are not, so say so rather than fall silent.
      if (dir->role != DirRole::kYear) {
        err_ << "arsred: " << dir->path << " was removed; it is no longer watched\n";
      }
      inotify_.Forget(event.wd);
      return;
    }
    const std::string path = dir->path + "/" + std::string(name);
    if (IsWatchedFileName(name)) {
      // A saved layout may name other fonts: in whichever directory it lies, the fonts cached
      // for it go, also while the last build stopped before it knew its layout.
      ForgetLayoutResources(path);
      // The report's layout (in layouts/, a folder of its own, the year's directory or the one
      // holding the years) calls for a build whatever the directory's role.
      if (!layout_in_use_.empty() && SamePath(path, layout_in_use_)) {
        NoteChange(path);
        return;
      }
    }
    switch (dir->role) {
      case DirRole::kYear:
        if (IsWatchedFileName(name)) NoteChange(path);
        break;
      case DirRole::kLayouts:
        // Another layout than the report's is read by no build; saving it changes nothing. Until
        // a build has resolved the layout, any may be the report's.
        if (IsWatchedFileName(name) && layout_in_use_.empty()) NoteChange(path);
        break;
      case DirRole::kYears: {
        const int year = YearOfName(name);
        if (!(event.mask & IN_ISDIR) || year == 0 || year > report_year_) break;
        if (event.mask & (IN_CREATE | IN_MOVED_TO)) {
          // Files written into it before the watch began are read by the build this schedules.
          // A directory gone again already needs no watch: the build finds it missing.
          const int error = inotify_.Watch(path, DirRole::kYear, kFileEvents);
          if (error != 0 && error != ENOENT && error != ENOTDIR) err_ << "arsred: " << CannotWatch(path, error) << "\n";
        } else {
          inotify_.Unwatch(path);
        }
        NoteChange(path + "/");
        break;
      }
    }
  }

  // The cache keeps a layout's fonts and dictionary under "<layout path>\n<dictionary>"
  // (build.cc). A layout that was saved may name other fonts, so its entries go; the next build
  // loads them again. Other layouts keep theirs.
  void ForgetLayoutResources(const std::string& layout_path) {
    std::erase_if(cache_, [&](const auto& entry) {
      return SamePath(entry.first.substr(0, entry.first.find('\n')), layout_path);
    });
  }

  // Where the PDF goes: the rule of `arsred build` (a file, or arsredovisning-<year>.pdf in a
  // directory).
  std::string OutputPath(int year) const {
    if (!output_.directory) return output_.path;
    if (year == 0) return "";
    const std::string name = ReportFileName(year);
    return output_.path.empty() ? name : (fs::path(output_.path) / name).string();
  }

  BuildSettings settings_;
  const std::string year_dir_;  // as given, for RunStages: findings show the paths the user typed
  const OutputTarget output_;
  const std::chrono::milliseconds settle_;
  std::ostream& err_;

  std::string year_path_;   // normalized, without a trailing slash
  std::string years_path_;  // the directory holding it
  std::string layouts_path_;
  int report_year_ = 0;
  std::vector<int> earlier_years_;  // found at start, for the first line printed

  Inotify inotify_;
  std::vector<std::string> changes_;  // waiting for a build
  Clock::time_point last_event_;
  ResourceCache cache_;
  std::string layout_in_use_;  // the layout file the last build read; empty when it stopped before
  int builds_ = 0;
  int last_written_build_ = 0;
  std::string last_written_path_;
};

}  // namespace

bool IsWatchedFileName(std::string_view name) {
  if (name.empty() || name.front() == '.') return false;
  return name.ends_with(".yaml") || name.ends_with(".yml");
}

int WatchYear(const BuildSettings& settings, const std::string& year_dir, const OutputTarget& output,
              const WatchControl& control, std::ostream& err) {
  YearWatcher watcher(settings, year_dir, output, control.settle, err);
  if (std::optional<std::string> failure = watcher.SetUp()) {
    err << "arsred: watch: " << *failure << "\n";
    return kExitErrors;
  }
  watcher.PrintWatched();

  int builds = 0;
  auto build = [&] {
    WatchedBuild outcome = watcher.Build();
    ++builds;
    if (control.on_build) control.on_build(outcome);
  };
  auto stopped = [&] {
    return (control.stop != nullptr && control.stop->load()) ||
           (control.max_builds > 0 && builds >= control.max_builds);
  };

  build();
  while (!stopped()) {
    std::chrono::milliseconds wait = kStopCheckInterval;
    if (watcher.HasChanges()) {
      const auto until_due = std::chrono::ceil<std::chrono::milliseconds>(watcher.BuildDue() - Clock::now());
      wait = std::clamp(until_due, std::chrono::milliseconds(0), kStopCheckInterval);
    }
    pollfd events{watcher.fd(), POLLIN, 0};
    const int ready = ::poll(&events, 1, static_cast<int>(wait.count()));
    if (ready < 0 && errno != EINTR) {
      err << "arsred: watch: poll failed: " << std::strerror(errno) << "\n";
      return kExitErrors;
    }
    if (ready > 0) {
      if (std::optional<std::string> failure = watcher.ReadEvents()) {
        err << "arsred: watch: " << *failure << "\n";
        return kExitErrors;
      }
    }
    if (watcher.HasChanges() && Clock::now() >= watcher.BuildDue()) build();
  }
  err << "arsred: stopped watching " << year_dir << "\n";
  return kExitClean;
}

}  // namespace arsred

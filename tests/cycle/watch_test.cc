// `arsred watch` over a copy of the base year: a build at start and after each save, whichever
// way the editor saves; the last good PDF kept while the inputs have errors; editors' scratch
// files, and layouts the report does not use, ignored; a saved layout read again with its fonts;
// a year directory that appears watched too.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <sstream>
#include <thread>

#include "test_util.h"
#include "watch.h"

namespace arsred::test {
namespace {

using namespace std::chrono_literals;

// How long a build may take to be reported. A build of the base year takes well under a second
// in Release; under ASan and UBSan, on a machine shared with a fuzzer, it can take many.
constexpr auto kPatience = 60s;

struct BaseCopy {
  TempDir temp;
  BaseCopy() { fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive); }
  fs::path year() const { return temp.path() / "inputs/2024"; }
  fs::path pdf() const { return temp.path() / "draft.pdf"; }
};

// Changes `from` to `to` in `file` as many editors save: the new text goes to a temporary file
// beside it, which is then renamed over the original.
void SaveByRename(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = ReadFile(file);
  REQUIRE(text.find(from) != std::string::npos);
  std::string hidden_name = ".";
  hidden_name += file.filename().string();
  hidden_name += ".new";
  fs::path temporary = file.parent_path() / hidden_name;
  WriteFile(temporary, ReplaceAll(text, from, to));
  fs::rename(temporary, file);
}

// Changes `from` to `to` in `file`, written in place.
void SaveInPlace(const fs::path& file, const std::string& from, const std::string& to) {
  std::string text = ReadFile(file);
  REQUIRE(text.find(from) != std::string::npos);
  WriteFile(file, ReplaceAll(text, from, to));
}

ino_t Inode(const fs::path& file) {
  struct stat status {};
  REQUIRE(::stat(file.c_str(), &status) == 0);
  return status.st_ino;
}

// One build as the test saw it: its outcome and what the watch printed for it.
struct SeenBuild {
  WatchedBuild outcome;
  std::string printed;
};

// WatchYear running on a thread of its own until Stop().
class WatchRun {
 public:
  WatchRun(const BuildSettings& settings, const fs::path& year, const fs::path& pdf) {
    WatchControl control;
    control.stop = &stop_;
    // Runs on the watching thread, which alone writes to err_.
    control.on_build = [this](const WatchedBuild& outcome) {
      std::string all = err_.str();
      std::lock_guard lock(mutex_);
      builds_.push_back(SeenBuild{outcome, all.substr(printed_before_)});
      printed_before_ = all.size();
      changed_.notify_all();
    };
    thread_ = std::thread([this, settings, control, year, pdf] {
      int code = WatchYear(settings, year.string(), OutputTarget{pdf.string(), false}, control, err_);
      std::lock_guard lock(mutex_);
      exit_code_ = code;
      finished_ = true;
      changed_.notify_all();
    });
  }
  ~WatchRun() { Stop(); }
  WatchRun(const WatchRun&) = delete;
  WatchRun& operator=(const WatchRun&) = delete;

  // Waits until `done` holds for the builds seen so far; false when the watch ended first or
  // kPatience passed.
  bool WaitUntil(const std::function<bool(const std::vector<SeenBuild>&)>& done) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, kPatience, [&] { return finished_ || done(builds_); });
    return done(builds_);
  }
  bool WaitForBuilds(size_t count) {
    return WaitUntil([count](const std::vector<SeenBuild>& builds) { return builds.size() >= count; });
  }

  SeenBuild Build(size_t index) {
    std::lock_guard lock(mutex_);
    return builds_.at(index);
  }
  size_t BuildCount() {
    std::lock_guard lock(mutex_);
    return builds_.size();
  }

  // Ends the loop and returns WatchYear's exit code; what it printed is then Printed().
  int Stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return exit_code_;
  }
  std::string Printed() const { return err_.str(); }  // after Stop()

 private:
  std::atomic<bool> stop_{false};
  std::ostringstream err_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<SeenBuild> builds_;
  size_t printed_before_ = 0;  // watching thread only
  bool finished_ = false;
  int exit_code_ = -1;
  std::thread thread_;
};

// Build `number` (counted from 1), once it is done: it must have written nothing, for errors.
SeenBuild UnwrittenBuild(WatchRun& watch, size_t number) {
  REQUIRE(watch.WaitForBuilds(number));
  SeenBuild build = watch.Build(number - 1);
  INFO(build.printed);
  CHECK_FALSE(build.outcome.written);
  CHECK(build.outcome.exit_code == kExitErrors);
  return build;
}

BuildSettings SourceTreeSettings() {
  BuildSettings settings;
  settings.data_dir = kSourceDir.string();
  return settings;
}

TEST_CASE("only the names of YAML files that are not hidden call for a build", "[watch]") {
  for (const char* name : {"text.yaml", "rakenskaper.yaml", "modern.yaml", "budget.yml"}) {
    INFO(name);
    CHECK(IsWatchedFileName(name));
  }
  // vim's swap file and its probe, emacs's lock, autosave and backup, kate's swap, a text file.
  for (const char* name : {".text.yaml.swp", "4913", ".#text.yaml", "#text.yaml#", "text.yaml~",
                           ".text.yaml.kate-swp", "notes.txt", ".yaml", ""}) {
    INFO(name);
    CHECK_FALSE(IsWatchedFileName(name));
  }
}

TEST_CASE("watch builds at start and after each save, drafts with the findings, and keeps the last PDF while the "
          "inputs do not load", "[watch]") {
  BaseCopy base;
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());

  REQUIRE(watch.WaitForBuilds(1));
  SeenBuild first = watch.Build(0);
  INFO(first.printed);
  CHECK(first.outcome.number == 1);
  CHECK(first.outcome.changes.empty());
  REQUIRE(first.outcome.written);
  CHECK(first.outcome.output == base.pdf().string());
  CHECK(first.outcome.pages > 0);
  const std::string first_pdf = ReadFile(base.pdf());
  CHECK(first_pdf.starts_with("%PDF-"));
  CHECK(first.printed.find("wrote " + base.pdf().string()) != std::string::npos);

  // Saved through a temporary file renamed over the original; the temporary file's own events
  // (a hidden name) do not count.
  SaveByRename(base.year() / "text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering och arbete.");
  REQUIRE(watch.WaitForBuilds(2));
  SeenBuild second = watch.Build(1);
  INFO(second.printed);
  CHECK(second.outcome.changes == std::vector<std::string>{(base.year() / "text.yaml").string()});
  REQUIRE(second.outcome.written);
  const std::string second_pdf = ReadFile(base.pdf());
  const bool bytes_changed = second_pdf != first_pdf;  // not the PDFs themselves in a failure's report
  CHECK(bytes_changed);

  // An error in the figures, saved in place: the findings are printed, and the draft is written
  // as build writes it, with the finding on its last pages.
  SaveInPlace(base.year() / "rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank",
              "belopp: 2800001\n        rad: kassa_och_bank");
  REQUIRE(watch.WaitForBuilds(3));
  SeenBuild third = watch.Build(2);
  INFO(third.printed);
  CHECK(third.outcome.changes == std::vector<std::string>{(base.year() / "rakenskaper.yaml").string()});
  CHECK(third.outcome.written);
  CHECK(third.outcome.errors > 0);
  CHECK(third.outcome.exit_code == kExitErrors);
  CHECK(third.printed.find("error[balance.sheet]") != std::string::npos);
  CHECK(third.printed.find("wrote " + base.pdf().string()) != std::string::npos);
  const std::string third_pdf = ReadFile(base.pdf());
  CHECK(RunTool("pdftotext " + Quote(base.pdf()) + " -").output.find("error[balance.sheet]") != std::string::npos);

  // A file that does not parse: nothing can be drafted, and the last PDF stays.
  SaveInPlace(base.year() / "rakenskaper.yaml", "belopp: 2800001\n", "belopp: [2800001\n");
  SeenBuild fourth = UnwrittenBuild(watch, 4);
  INFO(fourth.printed);
  CHECK(fourth.printed.find("kept the last good PDF, " + base.pdf().string() + " (build 3)") != std::string::npos);
  const bool kept = ReadFile(base.pdf()) == third_pdf;
  CHECK(kept);
  SaveInPlace(base.year() / "rakenskaper.yaml", "belopp: [2800001\n", "belopp: 2800001\n");
  REQUIRE(watch.WaitForBuilds(5));
  // The draft of build 5 is in place. (Its inode, not the one of a file replaced earlier: the
  // file system may give a freed inode number to the next new file.)
  const ino_t before_fix_inode = Inode(base.pdf());

  // Fixed by an editor that deletes the file and writes it anew. Should the deletion be built
  // on its own (the test thread paused between the two), that build has errors too; what
  // matters is that a build after it writes a draft without findings.
  const fs::path accounts = base.year() / "rakenskaper.yaml";
  const std::string fixed = ReplaceAll(ReadFile(accounts), "belopp: 2800001", "belopp: 2800000");
  fs::remove(accounts);
  WriteFile(accounts, fixed);
  REQUIRE(watch.WaitUntil([](const std::vector<SeenBuild>& builds) {
    return builds.size() > 5 && builds.back().outcome.written && builds.back().outcome.errors == 0;
  }));
  // The inputs are build 2's again, and so are the bytes, in a new file renamed into place.
  const bool same_bytes = ReadFile(base.pdf()) == second_pdf;
  CHECK(same_bytes);
  CHECK(Inode(base.pdf()) != before_fix_inode);

  CHECK(watch.Stop() == kExitClean);
  CHECK(watch.Printed().find("arsred: stopped watching") != std::string::npos);
}

TEST_CASE("a text the font cannot print keeps the last PDF, as build writes nothing", "[watch]") {
  BaseCopy base;
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));
  REQUIRE(watch.Build(0).outcome.written);
  const std::string good = ReadFile(base.pdf());

  SaveInPlace(base.year() / "text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering \u4E2D.");
  SeenBuild failed = UnwrittenBuild(watch, 2);
  INFO(failed.printed);
  CHECK(failed.printed.find("error[layout.glyph]") != std::string::npos);
  CHECK(failed.printed.find("the report could not be typeset") != std::string::npos);
  CHECK(failed.printed.find("kept the last good PDF, " + base.pdf().string() + " (build 1)") != std::string::npos);
  const bool kept = ReadFile(base.pdf()) == good;
  CHECK(kept);
}

TEST_CASE("watch ignores editors' swap, lock and backup files", "[watch]") {
  BaseCopy base;
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));

  // What editors leave beside a file while it is edited, then the save itself. Had any of the
  // scratch files counted, it would be among the changes of the next build, or have a build of
  // its own before the one of the save.
  const fs::path year = base.year();
  WriteFile(year / ".text.yaml.swp", "vim's swap");
  WriteFile(year / "4913", "");  // vim checks that it may create files here
  fs::remove(year / "4913");
  fs::create_symlink("someone@host.4242:1700000000", year / ".#text.yaml");  // emacs's lock
  WriteFile(year / "#text.yaml#", "emacs's autosave");
  fs::copy_file(year / "text.yaml", year / "text.yaml~");
  fs::rename(year / ".text.yaml.swp", year / ".text.yaml.swx");
  SaveInPlace(year / "text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering och arbete.");

  REQUIRE(watch.WaitForBuilds(2));
  SeenBuild second = watch.Build(1);
  INFO(second.printed);
  CHECK(second.outcome.changes == std::vector<std::string>{(year / "text.yaml").string()});
  CHECK(second.outcome.written);
  CHECK(watch.Stop() == kExitClean);
  CHECK(watch.BuildCount() == 2);
}

TEST_CASE("a saved layout is read again with its fonts — a layout the report does not use is not", "[watch]") {
  BaseCopy base;
  const fs::path data = base.temp.path() / "data";
  fs::create_directories(data);
  fs::copy(kSourceDir / "layouts", data / "layouts", fs::copy_options::recursive);
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  BuildSettings settings = SourceTreeSettings();
  settings.data_dir = data.string();
  WatchRun watch(settings, base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));
  REQUIRE(watch.Build(0).outcome.written);
  const std::string upright = ReadFile(base.pdf());

  // The base year uses the modern layout; classic's save comes first, so that it would be among
  // the changes of the next build, or have a build of its own, had it counted.
  SaveByRename(data / "layouts/classic.yaml", "normal: Carlito-Regular.ttf", "normal: Carlito-Italic.ttf");
  // Only the fonts change: the PDF differs only if the fonts loaded for the first build are
  // dropped and loaded again.
  SaveByRename(data / "layouts/modern.yaml", "normal: Carlito-Regular.ttf", "normal: Carlito-Italic.ttf");
  REQUIRE(watch.WaitForBuilds(2));
  SeenBuild second = watch.Build(1);
  INFO(second.printed);
  CHECK(second.outcome.changes == std::vector<std::string>{data.string() + "/layouts/modern.yaml"});
  REQUIRE(second.outcome.written);
  const bool bytes_changed = ReadFile(base.pdf()) != upright;
  CHECK(bytes_changed);
  CHECK(RunTool("pdffonts " + Quote(base.pdf())).output.find("Carlito-Italic") != std::string::npos);
}

TEST_CASE("a layout of the year's own is watched wherever it lies, and read again with its fonts", "[watch]") {
  BaseCopy base;
  const fs::path inputs = base.temp.path() / "inputs";
  const fs::path layout = WriteOwnLayout(inputs);
  SetYearLayout(base.year(), "../layout/egen.yaml");
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));
  SeenBuild first = watch.Build(0);
  INFO(first.printed);
  REQUIRE(first.outcome.written);
  CHECK(first.printed.find("watching " + layout.parent_path().string() + ", the layout's directory") !=
        std::string::npos);
  CHECK(RunTool("pdffonts " + Quote(base.pdf())).output.find("+Egen-Regular") != std::string::npos);

  // Only the fonts change: the PDF shows the new one only if the layout's fonts are read again.
  SaveByRename(layout, "normal: Egen-Regular.ttf", "normal: Carlito-Regular.ttf");
  REQUIRE(watch.WaitForBuilds(2));
  SeenBuild second = watch.Build(1);
  INFO(second.printed);
  CHECK(second.outcome.changes == std::vector<std::string>{layout.string()});
  REQUIRE(second.outcome.written);
  CHECK(RunTool("pdffonts " + Quote(base.pdf())).output.find("+Carlito-Regular") != std::string::npos);

  // A layout in the directory that holds the years, which is watched for year directories
  // only until the year names it: a save in place there builds too.
  const fs::path beside_years = inputs / "egen.yaml";
  fs::copy_file(layout, beside_years);
  SaveInPlace(base.year() / "forbund.yaml", "layout: ../layout/egen.yaml", "layout: ../egen.yaml");
  REQUIRE(watch.WaitForBuilds(3));
  REQUIRE(watch.Build(2).outcome.written);
  SaveInPlace(beside_years, "kolumner: 1", "kolumner: 2");
  REQUIRE(watch.WaitForBuilds(4));
  SeenBuild fourth = watch.Build(3);
  INFO(fourth.printed);
  CHECK(fourth.outcome.changes == std::vector<std::string>{beside_years.string()});
  CHECK(fourth.outcome.written);
  CHECK(watch.Stop() == kExitClean);
}

TEST_CASE("a layout saved while the inputs stop the build is read again with its fonts once they are fixed",
          "[watch]") {
  BaseCopy base;
  const fs::path layout = WriteOwnLayout(base.temp.path() / "inputs");
  const fs::path beside = base.year() / "layout.yaml";
  fs::copy_file(layout, beside);
  fs::copy_file(layout.parent_path() / "Egen-Regular.ttf", base.year() / "Egen-Regular.ttf");
  SetYearLayout(base.year(), "layout.yaml");
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));
  REQUIRE(watch.Build(0).outcome.written);
  CHECK(RunTool("pdffonts " + Quote(base.pdf())).output.find("+Egen-Regular") != std::string::npos);

  // forbund.yaml broken: the build stops before the layout, which is then saved with another
  // regular face. Its fonts must not come from the first build's cache once the year is fixed.
  const fs::path org = base.year() / "forbund.yaml";
  SaveInPlace(org, "omfattning: arsredovisning", "omfattning: [arsredovisning");
  REQUIRE(watch.WaitForBuilds(2));
  CHECK_FALSE(watch.Build(1).outcome.written);
  SaveInPlace(beside, "normal: Egen-Regular.ttf", "normal: Carlito-Regular.ttf");
  REQUIRE(watch.WaitForBuilds(3));
  SaveInPlace(org, "omfattning: [arsredovisning", "omfattning: arsredovisning");
  REQUIRE(watch.WaitUntil([](const std::vector<SeenBuild>& builds) { return builds.back().outcome.written; }));
  INFO(watch.Build(watch.BuildCount() - 1).printed);
  const std::string fonts = RunTool("pdffonts " + Quote(base.pdf())).output;
  CHECK(fonts.find("+Carlito-Regular") != std::string::npos);
  CHECK(fonts.find("+Egen-Regular") == std::string::npos);
  CHECK(watch.Stop() == kExitClean);
}

TEST_CASE("a year directory that appears before the report year is watched too", "[watch]") {
  BaseCopy base;
  WatchRun watch(SourceTreeSettings(), base.year(), base.pdf());
  REQUIRE(watch.WaitForBuilds(1));

  const fs::path inputs = base.temp.path() / "inputs";
  fs::create_directory(inputs / "2025");  // after the report year: not read, so not watched
  fs::create_directory(inputs / "2022");
  REQUIRE(watch.WaitForBuilds(2));
  SeenBuild second = watch.Build(1);
  INFO(second.printed);
  CHECK(second.outcome.changes == std::vector<std::string>{(inputs / "2022").string() + "/"});

  WriteFile(inputs / "2025/forbund.yaml", "ar: 2025\n");
  WriteFile(inputs / "2022/forbund.yaml", ReplaceAll(ReadFile(inputs / "2023/forbund.yaml"), "ar: 2023", "ar: 2022"));
  REQUIRE(watch.WaitForBuilds(3));
  SeenBuild third = watch.Build(2);
  INFO(third.printed);
  CHECK(third.outcome.changes == std::vector<std::string>{(inputs / "2022/forbund.yaml").string()});
  CHECK(watch.Stop() == kExitClean);
}

TEST_CASE("a PDF watch cannot write is an I/O error named with its path, and watching goes on", "[watch]") {
  BaseCopy base;
  const fs::path out_dir = base.temp.path() / "utkast";
  const fs::path pdf = out_dir / "r.pdf";
  WatchRun watch(SourceTreeSettings(), base.year(), pdf);
  REQUIRE(watch.WaitForBuilds(1));
  SeenBuild first = watch.Build(0);
  INFO(first.printed);
  CHECK_FALSE(first.outcome.written);
  CHECK(first.outcome.exit_code == kExitErrors);
  CHECK(first.printed.find("cannot write " + pdf.string()) != std::string::npos);
  CHECK(first.printed.find("No such file or directory") != std::string::npos);
  CHECK(first.printed.find("bug") == std::string::npos);

  // Once the directory exists, the next save writes.
  fs::create_directory(out_dir);
  SaveByRename(base.year() / "text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering och arbete.");
  REQUIRE(watch.WaitUntil([](const std::vector<SeenBuild>& builds) { return builds.back().outcome.written; }));
  CHECK(ReadFile(pdf).starts_with("%PDF-"));
  watch.Stop();
}

TEST_CASE("watch says why it cannot start, and stops", "[watch]") {
  TempDir temp;
  std::ostringstream err;
  std::atomic<bool> stop{false};
  WatchControl control;
  control.stop = &stop;
  int builds = 0;
  control.on_build = [&](const WatchedBuild&) { ++builds; };
  const fs::path missing = temp.path() / "inputs/2024";
  int code = WatchYear(SourceTreeSettings(), missing.string(), OutputTarget{(temp.path() / "x.pdf").string(), false},
                       control, err);
  CHECK(code == kExitErrors);
  CHECK(builds == 0);
  CHECK(err.str() == "arsred: watch: cannot watch " + missing.string() + ": No such file or directory\n");
}

}  // namespace
}  // namespace arsred::test

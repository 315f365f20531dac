// Every file is written whole or not at all, and durably: a failure at any step leaves the old
// file as it was and nothing beside it; I/O errors name the path and the system's reason.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <vector>

#include "test_util.h"
#include "write_file.h"

namespace arsred::test {
namespace {

TEST_CASE("a write that fails at any step before the rename leaves the old file and nothing beside it") {
  TempDir temp;
  const fs::path target = temp.path() / "rakenskaper.yaml";
  for (WriteStep step : {WriteStep::kCreate, WriteStep::kWrite, WriteStep::kSyncFile, WriteStep::kRename}) {
    WriteFile(target, "the old file\n");
    INFO("step " << static_cast<int>(step));
    try {
      WriteFileAtomically(target, "the new file\n", [step](WriteStep s) { return s == step; });
      FAIL("the write did not fail");
    } catch (const std::runtime_error& failure) {
      const std::string message = failure.what();
      CHECK(message.find(temp.path().string()) != std::string::npos);  // the path
      CHECK(message.find("Input/output error") != std::string::npos);  // the system's reason
    }
    CHECK(ReadFile(target) == "the old file\n");
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(temp.path())) files += entry.is_regular_file();
    CHECK(files == 1);
  }
}

// Runs `write` in a child process whose Ctrl-C is the default one (end the process) and returns
// the signal that ended it, or 0.
int SignalThatEnded(const std::function<void()>& write) {
  const pid_t child = ::fork();
  if (child == 0) {
    ::signal(SIGINT, SIG_DFL);
    try {
      write();
    } catch (...) {
      ::_exit(3);
    }
    ::_exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

// A tester's Ctrl-C during builds left "out.pdf.arsred-tmp-PID" beside the report, and during
// an import once the new books with the old figures: the signal now waits for the write.
// The process id of a child that has exited: a run that was killed.
pid_t DeadProcessId() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  int status = 0;
  ::waitpid(child, &status, 0);
  return child;
}

TEST_CASE("a write clears what killed runs left beside its file, and only that") {
  TempDir temp;
  const fs::path target = temp.path() / "rakenskaper.yaml";
  const std::string dead = std::to_string(DeadProcessId());
  const std::string alive = std::to_string(::getppid());
  const std::vector<std::string> left = {"rakenskaper.yaml.arsred-tmp-" + dead};
  const std::vector<std::string> kept = {
      "rakenskaper.yaml.arsred-tmp-" + alive,      // a run still at work
      "rakenskaper.yaml.arsred-old-" + dead,       // maybe the only copy of what a killed run replaced
      "rakenskaper.yaml.arsred-tmp-" + dead + "x",  // not a name arsred gives
      "rakenskaper.yaml.arsred-tmp-",
      "budget.yaml.arsred-tmp-" + dead,            // another file's
      "rakenskaper.yaml"};
  for (const std::string& name : left) WriteFile(temp.path() / name, "partial");
  for (const std::string& name : kept) WriteFile(temp.path() / name, "other");
  WriteFileAtomically(target, "new\n");
  for (const std::string& name : left) CHECK_FALSE(fs::exists(temp.path() / name));
  for (const std::string& name : kept) CHECK(fs::exists(temp.path() / name));

  // A staging directory of `new` or `archive`, hidden, with an attempt number.
  const fs::path staged = temp.path() / (".2025.arsred-new-" + dead + "-0");
  fs::create_directories(staged / "inner");
  WriteFile(staged / "inner" / "text.yaml", "partial");
  const fs::path live_staged = temp.path() / (".2025.arsred-new-" + alive + "-0");
  fs::create_directories(live_staged);
  RemoveLeftoversOfKilledRuns(temp.path() / "2025", ".arsred-new-");
  CHECK_FALSE(fs::exists(staged));
  CHECK(fs::exists(live_staged));
}

TEST_CASE("Ctrl-C during a write ends the process only once the write is whole and tidied up") {
  TempDir temp;
  for (WriteStep step : {WriteStep::kCreate, WriteStep::kWrite, WriteStep::kSyncFile, WriteStep::kRename}) {
    INFO("step " << static_cast<int>(step));
    const fs::path books = temp.path() / "bokforing.se", figures = temp.path() / "rakenskaper.yaml";
    WriteFile(books, "old books\n");
    WriteFile(figures, "old figures\n");
    const auto interrupt_at = [step](WriteStep s) {
      if (s == step) ::raise(SIGINT);
      return false;
    };
    CHECK(SignalThatEnded([&] { WriteFileAtomically(figures, "new figures\n", interrupt_at); }) == SIGINT);
    CHECK(ReadFile(figures) == "new figures\n");
    CHECK(SignalThatEnded([&] {
            WriteFilesTogether({{books, "new books\n"}, {figures, "newer figures\n"}}, interrupt_at);
          }) == SIGINT);
    CHECK(ReadFile(books) == "new books\n");
    CHECK(ReadFile(figures) == "newer figures\n");
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(temp.path())) files += entry.is_regular_file();
    CHECK(files == 2);
  }
  // Outside a write, Ctrl-C is what it was.
  CHECK(SignalThatEnded([] { ::raise(SIGINT); }) == SIGINT);
}

TEST_CASE("a directory that cannot be synced is reported, with the new file complete in place") {
  TempDir temp;
  const fs::path target = temp.path() / "r.pdf";
  WriteFile(target, "old");
  CHECK_THROWS_WITH(WriteFileAtomically(target, "new", [](WriteStep s) { return s == WriteStep::kSyncDirectory; }),
                    Catch::Contains("wrote " + target.string() + ", but cannot sync the directory " + temp.path().string()));
  CHECK(ReadFile(target) == "new");
  WriteFileAtomically(target, "newer");
  CHECK(ReadFile(target) == "newer");
}

TEST_CASE("a report is not written over a device or a pipe, nor through a link planted at its temporary name") {
  TempDir temp;
  // `-o /dev/null` as root replaced the system's device with a PDF.
  const fs::path pipe = temp.path() / "pipe";
  REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);
  CHECK_THROWS_WITH(WriteFileAtomically(pipe, "new"),
                    Catch::Contains("it is not a regular file (a device, a pipe or a socket)"));
  CHECK(fs::is_fifo(fs::symlink_status(pipe)));
  CHECK_THROWS_WITH(WriteFilesTogether({{pipe, "new"}}), Catch::Contains("it is not a regular file"));
  CHECK(fs::is_fifo(fs::symlink_status(pipe)));
  CHECK(std::distance(fs::directory_iterator(temp.path()), fs::directory_iterator()) == 1);
  RunResult build = RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "-o", pipe.string()});
  CHECK(build.exit_code == 2);
  CHECK(build.err.find("cannot write " + pipe.string() + ": it is not a regular file") != std::string::npos);
  CHECK(fs::is_fifo(fs::symlink_status(pipe)));
  // Nor is a pipe read as the ICC profile, where reading would wait for ever (/dev/zero: without end).
  RunResult profile = RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "--pdfa", "--icc-profile",
                                 pipe.string(), "-o", (temp.path() / "r.pdf").string()});
  CHECK(profile.exit_code == 2);
  CHECK(profile.err.find("cannot read the ICC profile " + pipe.string() + ": not a regular file") != std::string::npos);

  // A link standing at the temporary's name is removed, not written through.
  const fs::path victim = temp.path() / "victim.txt", target = temp.path() / "r.pdf";
  WriteFile(victim, "keep");
  fs::create_symlink(victim, target.string() + ".arsred-tmp-" + std::to_string(::getpid()));
  WriteFileAtomically(target, "new");
  CHECK(ReadFile(victim) == "keep");
  CHECK(ReadFile(target) == "new");
  CHECK(!fs::is_symlink(target));
  fs::create_symlink(victim, target.string() + ".arsred-tmp-" + std::to_string(::getpid()));
  WriteFilesTogether({{target, "newer"}});
  CHECK(ReadFile(victim) == "keep");
  CHECK(ReadFile(target) == "newer");
}

TEST_CASE("commands name the path and the reason when they cannot write, and exit 2") {
  TempDir temp;
  WriteFile(temp.path() / "a-file", "");
  RunResult schema = RunArsred({"schema", "--write", (temp.path() / "a-file/sub").string()});
  CHECK(schema.exit_code == 2);
  CHECK(schema.err.find("arsred: schema: cannot create " + (temp.path() / "a-file/sub/schema").string() +
                        ": Not a directory") != std::string::npos);
  CHECK(schema.err.find("bug") == std::string::npos);
  RunResult build = RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "-o",
                               (temp.path() / "missing/r.pdf").string()});
  CHECK(build.exit_code == 2);
  CHECK(build.err.find("cannot write " + (temp.path() / "missing/r.pdf").string()) != std::string::npos);
  CHECK(build.err.find("No such file or directory") != std::string::npos);
  CHECK(build.err.find("bug") == std::string::npos);
}

TEST_CASE("an import that cannot keep the books names the path and the reason, and changes nothing") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  WriteFile(year / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  const std::string before = ReadFile(year / "rakenskaper.yaml");
  fs::create_directory(year / "bokforing.se");  // in the way of the copy of the books
  RunResult run = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/import/books-2024-closed.se").string(),
                             "--year", year.string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("arsred: import-sie: cannot write " + (year / "bokforing.se").string()) != std::string::npos);
  CHECK(run.err.find("it is a directory") != std::string::npos);
  CHECK(run.err.find("nothing was written") != std::string::npos);
  CHECK(run.err.find("bug") == std::string::npos);
  CHECK(ReadFile(year / "rakenskaper.yaml") == before);
}

// The names in a directory, sorted.
std::vector<std::string> NamesIn(const fs::path& directory) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(directory)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST_CASE("files written together are all put back when the last cannot be renamed into place") {
  TempDir temp;
  const fs::path books = temp.path() / "bokforing.se", figures = temp.path() / "rakenskaper.yaml";
  for (bool books_before : {true, false}) {
    INFO("books before: " << books_before);
    // The second rename fails: the first file, already in place, goes back to what it was.
    int renames = 0;
    const auto second_rename = [&renames](WriteStep step) { return step == WriteStep::kRename && ++renames == 2; };
    fs::remove(books);
    if (books_before) WriteFile(books, "the old books\n");
    WriteFile(figures, "the old figures\n");
    try {
      WriteFilesTogether({{books, "the new books\n"}, {figures, "the new figures\n"}}, second_rename);
      FAIL("the write did not fail");
    } catch (const std::runtime_error& failure) {
      const std::string message = failure.what();
      CHECK(message.find("cannot write " + figures.string()) != std::string::npos);
      CHECK(message.find("Input/output error") != std::string::npos);
      CHECK(message.find("put back") == std::string::npos);  // it was
    }
    CHECK(fs::exists(books) == books_before);
    if (books_before) CHECK(ReadFile(books) == "the old books\n");
    CHECK(ReadFile(figures) == "the old figures\n");
    CHECK(NamesIn(temp.path()).size() == (books_before ? 2u : 1u));  // no temporary or kept file beside them
  }
  WriteFilesTogether({{books, "the new books\n"}, {figures, "the new figures\n"}});
  CHECK(ReadFile(books) == "the new books\n");
  CHECK(ReadFile(figures) == "the new figures\n");
  CHECK(NamesIn(temp.path()) == std::vector<std::string>{"bokforing.se", "rakenskaper.yaml"});
}

TEST_CASE("an import that cannot replace rakenskaper.yaml keeps the books as they were") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  WriteFile(year / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  WriteFile(year / "bokforing.se", "the books imported before\n");
  const std::string before = ReadFile(year / "rakenskaper.yaml");
  // A directory where rakenskaper.yaml's temporary file would go (the import runs in this
  // process): its replacement cannot be written, whoever runs the test.
  const fs::path in_the_way = year / ("rakenskaper.yaml.arsred-tmp-" + std::to_string(::getpid()));
  fs::create_directory(in_the_way);
  RunResult run = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/import/books-2024-closed.se").string(),
                             "--year", year.string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("arsred: import-sie: cannot write " + (year / "rakenskaper.yaml").string()) != std::string::npos);
  CHECK(run.err.find("File exists") != std::string::npos);  // a temporary is always a new file
  CHECK(run.err.find("nothing was written") != std::string::npos);
  CHECK(ReadFile(year / "bokforing.se") == "the books imported before\n");
  CHECK(ReadFile(year / "rakenskaper.yaml") == before);
  fs::remove(in_the_way);
  for (const std::string& name : NamesIn(year)) CHECK(name.find(".arsred-") == std::string::npos);
}

TEST_CASE("new does not make a year through a link standing in its place, and leaves nothing behind") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  // A dangling symbolic link where the year would go: the year is not made through it.
  fs::create_symlink(temp.path() / "nowhere", temp.path() / "inputs/2025");
  RunResult run = RunArsred({"new", "2025", "--from", (temp.path() / "inputs/2024").string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("inputs/2025") != std::string::npos);
  CHECK(run.err.find("nothing written") != std::string::npos);
  CHECK(!fs::exists(temp.path() / "nowhere"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(temp.path() / "inputs")) ++entries;
  CHECK(entries == 3);  // 2023, 2024 and the link: no staging directory left behind
}

}  // namespace
}  // namespace arsred::test

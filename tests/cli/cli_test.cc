// The command line: help, version, usage errors and exit codes.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("help and version") {
  RunResult help = RunArsred({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("check <year-dir>") != std::string::npos);
  RunResult check_help = RunArsred({"check", "--help"});
  CHECK(check_help.exit_code == 0);
  CHECK(check_help.out.find("--werror") != std::string::npos);
  RunResult version = RunArsred({"--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("arsred ", 0) == 0);
}

TEST_CASE("usage errors exit 1 with the usage") {
  CHECK(RunArsred({}).exit_code == 1);
  RunResult unknown = RunArsred({"chek"});
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.err.find("unknown command `chek`") != std::string::npos);
  CHECK(RunArsred({"check"}).exit_code == 1);
  // Named as the usage line names it, not as the option behind it (--year-dir).
  CHECK(RunArsred({"check"}).err.rfind("arsred: missing <year-dir>, e.g. inputs/2024\nusage: arsred check <year-dir>", 0) == 0);
  CHECK(RunArsred({"check", "a", "b"}).exit_code == 1);
  CHECK(RunArsred({"check", "--bogus", "x"}).exit_code == 1);
}

TEST_CASE("a missing or misnamed year directory is an input error") {
  TempDir temp;
  RunResult missing = RunArsred({"check", (temp.path() / "2023").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("no such directory") != std::string::npos);
  fs::create_directories(temp.path() / "senaste");
  CHECK(RunArsred({"check", (temp.path() / "senaste").string()}).exit_code == 2);
  WriteFile(temp.path() / "2022", "not a directory");
  CHECK(RunArsred({"check", (temp.path() / "2022").string()}).err.find("found a file") != std::string::npos);
}

// What -o may name: a file, or a directory (one that exists, or any path ending in /) that takes
// arsredovisning-YEAR.pdf. An empty one is a usage error (it wrote ./arsredovisning-2023.pdf),
// and a missing directory is a write error, exit 2, as the README says, with one year or several;
// with several years, a file is a usage error.
TEST_CASE("build -o names a file or a directory — empty is a usage error, a missing directory exit 2") {
  TempDir temp;
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  CHECK(RunArsred({"build", year, "-o", ""}).exit_code == 1);
  CHECK(RunArsred({"build", year, "-o", (temp.path() / "saknas/").string()}).exit_code == 2);
  CHECK(RunArsred({"build", year, year, "-o", (temp.path() / "saknas/").string()}).exit_code == 2);
  CHECK(RunArsred({"build", year, year, "-o", (temp.path() / "saknas.pdf").string()}).exit_code == 1);
  CHECK(RunArsred({"build", year, "-o", temp.path().string()}).exit_code == 0);
  CHECK(fs::exists(temp.path() / "arsredovisning-2024.pdf"));
  CHECK(RunArsred({"build", year, year, "-o", (temp.path() / "arsredovisning-2024.pdf").string()}).exit_code == 1);
  CHECK_FALSE(fs::exists(temp.path() / "saknas"));
}

// `-o -` wrote a file named "-" (a tester piping the report to a viewer). It is standard output
// now, with the same bytes as the file; never a terminal, nor several years, nor for watch.
TEST_CASE("build -o - writes the report to standard output, the same bytes as a file") {
  TempDir temp;
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  const std::string binary = ARSRED_BINARY;
  ToolRun piped = RunTool("cd " + Quote(temp.path()) + " && " + binary + " build " + year + " -o - 2>/dev/null | cat");
  REQUIRE(RunArsred({"build", year, "-o", (temp.path() / "fil.pdf").string()}).exit_code == 0);
  CHECK(piped.output.rfind("%PDF-", 0) == 0);
  CHECK(piped.output == ReadFile(temp.path() / "fil.pdf"));
  CHECK_FALSE(fs::exists(temp.path() / "-"));
  ToolRun html = RunTool(binary + " build " + year + " --html -o - 2>/dev/null | cat");
  CHECK(html.output.rfind("<!DOCTYPE html>", 0) == 0);
  ToolRun said = RunTool("{ " + binary + " build " + year + " -o - 2>&1 >/dev/null; }");
  CHECK(said.output.find("arsred: wrote the report to standard output") != std::string::npos);
  CHECK(RunArsred({"build", year, year, "-o", "-"}).exit_code == 1);
  CHECK(RunArsred({"build", year, "--html", "--open-data", "-o", "-"}).exit_code == 1);
  CHECK(RunArsred({"watch", year, "-o", "-"}).exit_code == 1);
}

// A tester's -o onto the year's approval record, which a build does not read, replaced it with
// the PDF. A build writes over its own earlier output only.
TEST_CASE("build -o does not replace a file that is not a report of its kind") {
  TempDir temp;
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  const fs::path record = temp.path() / "faststallande.yaml";
  WriteFile(record, "fastställd: 2025-03-14\n");
  RunResult refused = RunArsred({"build", year, "-o", record.string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find(record.string() + " exists and is not a report written by arsred") != std::string::npos);
  CHECK(ReadFile(record) == "fastställd: 2025-03-14\n");
  // Its own earlier output, and an empty file, it replaces; a PDF is not a web page.
  const fs::path pdf = temp.path() / "r.pdf", page = temp.path() / "r.html";
  WriteFile(pdf, "");
  CHECK(RunArsred({"build", year, "-o", pdf.string()}).exit_code == 0);
  CHECK(RunArsred({"build", year, "-o", pdf.string()}).exit_code == 0);
  CHECK(RunArsred({"build", year, "--html", "-o", pdf.string()}).exit_code == 2);
  CHECK(RunArsred({"build", year, "--html", "-o", page.string()}).exit_code == 0);
  CHECK(RunArsred({"build", year, "--html", "-o", page.string()}).exit_code == 0);
}

// A tester's `dump --format csv > /dev/full` lost the dump and exited 0.
TEST_CASE("dump says so and exits 2 when its output cannot be written") {
  const std::string binary = ARSRED_BINARY;
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  for (const std::string format : {"csv", "json", "text"}) {
    ToolRun full = RunTool("{ " + binary + " dump --stage figures --format " + format + " " + year + " 2>&1 >/dev/full; }");
    INFO(full.output);
    CHECK(full.exit_code == 2);
    CHECK(full.output.find("arsred: dump: cannot write to standard output") != std::string::npos);
  }
  CHECK(RunTool(binary + " dump --stage figures " + year + " >/dev/null").exit_code == 0);
}

// A new user in inputs/2025 typed `arsred check .` and was told that the year directory,
// named 2025, was not named by its year.
TEST_CASE("check . inside a year directory checks that year") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path before = fs::current_path();
  fs::current_path(temp.path() / "inputs/2024");
  const RunResult here = RunArsred({"check", "."});
  const RunResult up = RunArsred({"check", "../2024/."});
  fs::current_path(temp.path() / "inputs/2024/");
  const RunResult parent = RunArsred({"check", ".."});
  fs::current_path(before);
  CHECK(here.exit_code == 0);
  CHECK(up.exit_code == 0);
  CHECK(parent.err.find("year.name") != std::string::npos);  // inputs/ is no year
}

TEST_CASE("check exits 3 for warnings, or 2 with --werror — build writes and exits 0, or 2 with --werror") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path(), fs::copy_options::recursive);
  // Approval after the three months Finsam allows is a warning, not an error.
  fs::path org = temp.path() / "2024/forbund.yaml";
  WriteFile(org, ReplaceAll(ReplaceAll(ReadFile(org), "styrelsebeslut: 2025-03-14", "styrelsebeslut: 2025-05-02"),
                            "datum: 2025-03-14", "datum: 2025-05-02"));
  RunResult warned = RunArsred({"check", (temp.path() / "2024").string()});
  CHECK(warned.exit_code == 3);
  CHECK(warned.err.find("warning[dates.deadline]") != std::string::npos);
  RunResult strict = RunArsred({"check", "--werror", (temp.path() / "2024").string()});
  CHECK(strict.exit_code == 2);
  CHECK(strict.err.find("error[dates.deadline]") != std::string::npos);

  // A command that wrote what it was asked to exits 0 and prints its warnings.
  const fs::path pdf = temp.path() / "rapport.pdf";
  RunResult built = RunArsred({"build", (temp.path() / "2024").string(), "-o", pdf.string()});
  CHECK(built.exit_code == 0);
  CHECK(built.err.find("warning[dates.deadline]") != std::string::npos);
  CHECK(fs::exists(pdf));
  fs::remove(pdf);
  RunResult strict_build = RunArsred({"build", "--werror", (temp.path() / "2024").string(), "-o", pdf.string()});
  CHECK(strict_build.exit_code == 2);
  CHECK(strict_build.err.find("error[dates.deadline]") != std::string::npos);
  // A draft with errors is written, showing them, as with any error in the inputs.
  CHECK(fs::exists(pdf));
  fs::remove(pdf);
  WriteFile(org, ReplaceAll(ReadFile(org), "status: utkast", "status: slutlig"));
  RunResult strict_final = RunArsred({"build", "--werror", "--final", (temp.path() / "2024").string(), "-o", pdf.string()});
  CHECK(strict_final.exit_code == 2);
  CHECK(strict_final.err.find("a final report is refused while the inputs have errors") != std::string::npos);
  CHECK(!fs::exists(pdf));
}

TEST_CASE("files are refused when they lead out of the year directory or are not files") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "in", fs::copy_options::recursive);
  fs::path text = temp.path() / "in/2024/text.yaml";
  fs::rename(text, temp.path() / "elsewhere.yaml");
  fs::create_symlink(temp.path() / "elsewhere.yaml", text);
  RunResult outside = RunArsred({"check", (temp.path() / "in/2024").string()});
  CHECK(outside.exit_code == 2);
  CHECK(outside.err.find("error[file.outside]") != std::string::npos);
  fs::remove(text);
  fs::create_directories(text);
  RunResult directory = RunArsred({"check", (temp.path() / "in/2024").string()});
  CHECK(directory.err.find("error[file.type]") != std::string::npos);
  fs::remove(text);
  RunResult missing = RunArsred({"check", (temp.path() / "in/2024").string()});
  CHECK(missing.err.find("error[year.file_missing]") != std::string::npos);
  // A link to nothing, and a link to itself, lead nowhere, not out of the directory.
  for (const fs::path& target : {temp.path() / "gone.yaml", text}) {
    fs::create_symlink(target, text);
    RunResult nowhere = RunArsred({"check", (temp.path() / "in/2024").string()});
    INFO(nowhere.err);
    CHECK(nowhere.exit_code == 2);
    CHECK(nowhere.err.find("error[file.read]: a link that leads to no file") != std::string::npos);
    CHECK(nowhere.err.find("file.outside") == std::string::npos);
    fs::remove(text);
  }
}

// A report written over a file the build reads would replace an input with a PDF, exit 0: a
// tester's `-o 2023/rakenskaper.yaml`, or the year before's, or the layout.
TEST_CASE("build refuses an output that names one of its own inputs, and writes nothing") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "in", fs::copy_options::recursive);
  fs::copy_file(kSourceDir / "layouts/modern.yaml", temp.path() / "in/egen.yaml");
  const fs::path year = temp.path() / "in/2024";
  for (const fs::path& input : {year / "rakenskaper.yaml", temp.path() / "in/2023/../2023/forbund.yaml",
                                temp.path() / "in/egen.yaml"}) {
    INFO(input);
    const std::string before = ReadFile(input);
    RunResult run = RunArsred({"build", year.string(), "--layout", (temp.path() / "in/egen.yaml").string(), "-o",
                               input.string()});
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("which the build reads") != std::string::npos);
    CHECK(ReadFile(input) == before);
  }
  RunResult html = RunArsred({"build", year.string(), "--html", "-o", (year / "text.yaml").string()});
  CHECK(html.exit_code == 2);
  CHECK(ReadFile(year / "text.yaml").rfind("forvaltningsberattelse:", 0) == 0);
  // Beside the inputs is allowed.
  CHECK(RunArsred({"build", year.string(), "-o", (year / "rapport.pdf").string()}).exit_code == 0);
}

// Root reads every file whatever its mode, so the check runs in a child process that has given
// up root (as the user nobody) when the tests run as root.
TEST_CASE("a file that cannot be read is a located error") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "in", fs::copy_options::recursive);
  fs::permissions(temp.path(), fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                                   fs::perms::others_read | fs::perms::others_exec);
  const fs::path budget = temp.path() / "in/2024/budget.yaml";
  fs::permissions(budget, fs::perms::none);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(pipe_fds[0]);
    if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(99);
    RunResult run = RunArsred({"check", (temp.path() / "in/2024").string()});
    const ssize_t written = ::write(pipe_fds[1], run.err.data(), run.err.size());
    ::_exit(written == static_cast<ssize_t>(run.err.size()) ? run.exit_code : 98);
  }
  ::close(pipe_fds[1]);
  std::string err;
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) err.append(buffer, static_cast<size_t>(n));
  ::close(pipe_fds[0]);
  int status = 0;
  REQUIRE(::waitpid(child, &status, 0) == child);
  INFO(err);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 2);
  CHECK(err.find(budget.generic_string() + ": error[file.read]: cannot read the file") != std::string::npos);
  fs::permissions(budget, fs::perms::owner_read | fs::perms::owner_write);  // so that TempDir can remove it
}

TEST_CASE("a misspelt file name in a year directory is pointed out") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path(), fs::copy_options::recursive);
  fs::rename(temp.path() / "2024/budget.yaml", temp.path() / "2024/budjet.yaml");
  RunResult run = RunArsred({"check", (temp.path() / "2024").string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("did you mean budget.yaml?") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

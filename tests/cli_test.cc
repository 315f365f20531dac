// The command line: help, version, usage errors and exit codes.
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

TEST_CASE("warnings exit 3, or 2 with --werror") {
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

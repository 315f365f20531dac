// Every file is written whole or not at all, and durably: a failure at any step leaves the old
// file as it was and nothing beside it; I/O errors name the path and the system's reason.
#include <catch2/catch.hpp>

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
  CHECK(build.err.find("cannot create " + (temp.path() / "missing/r.pdf").string()) != std::string::npos);
  CHECK(build.err.find("No such file or directory") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

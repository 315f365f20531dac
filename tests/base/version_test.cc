// Which commit arsred is built from: cmake/source_revision.cmake, run at every build, names the
// checkout's commit (and whether files differ from it) or nothing outside a checkout, and
// rewrites its header only when that changes.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

std::string Revision(const fs::path& source, const fs::path& header) {
  ToolRun run = RunTool("cmake -DSOURCE_DIR=" + Quote(source) + " -DOUTPUT=" + Quote(header) + " -P " +
                        Quote(kSourceDir / "cmake/source_revision.cmake"));
  REQUIRE(run.exit_code == 0);
  const std::string text = ReadFile(header);
  const std::string define = "ARSRED_SOURCE_REVISION \"";
  const size_t open = text.find(define);
  REQUIRE(open != std::string::npos);
  const size_t from = open + define.size();
  return text.substr(from, text.find('"', from) - from);
}

TEST_CASE("the build names the commit it is built from, and marks a changed checkout") {
  TempDir temp;
  const fs::path source = temp.path() / "source", header = temp.path() / "source_revision.h";
  fs::create_directories(source);
  WriteFile(source / "file.txt", "one\n");
  CHECK(Revision(source, header).empty());  // not a checkout: the release number alone

  const std::string git = "git -C " + Quote(source) + " -c user.name=t -c user.email=t@example.org ";
  REQUIRE(RunTool(git + "init -q && " + git + "add file.txt && " + git + "commit -q -m one").exit_code == 0);
  const std::string commit = RunTool("git -C " + Quote(source) + " rev-parse --short=12 HEAD").output.substr(0, 12);
  CHECK(Revision(source, header) == commit);
  const auto written = fs::last_write_time(header);
  CHECK(Revision(source, header) == commit);
  CHECK(fs::last_write_time(header) == written);  // unchanged: not rewritten, nothing recompiles

  WriteFile(source / "file.txt", "two\n");
  CHECK(Revision(source, header) == commit + "-dirty");
}

}  // namespace
}  // namespace arsred::test

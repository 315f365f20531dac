// calculate.rounding advises what to do. Where the inputs have errors, the figures do not add
// up in kronor either, and a new user was told to give amounts in kr that were in kr already:
// the cause was a cost tagged with a driftredovisning row that does not exist.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("calculate.rounding points at the inputs' errors where there are any") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", "drift: personal\n", "drift: personalx\n");
  RunResult build = RunArsred({"build", year.string(), "-o", (temp.path() / "r.pdf").string()});
  REQUIRE(build.err.find("warning[calculate.rounding]") != std::string::npos);
  CHECK(build.err.find("The inputs have errors (above), which are the likely cause") != std::string::npos);
  CHECK(build.err.find("give these amounts in kr") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

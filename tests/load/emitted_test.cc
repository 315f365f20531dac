// Inputs written by another program read as the same inputs written by hand: the base years
// rewritten by PyYAML (tests/fixtures/emitted/README.md), with flow mappings, sorted keys, \x
// escapes, CRLF line ends and long quoted values continued over lines, check without a finding
// and give the base years' report to the byte.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("a year written by PyYAML reads as the same year written by hand") {
  const fs::path emitted = kSourceDir / "tests/fixtures/emitted/pyyaml/2024";
  RunResult check = RunArsred({"check", emitted.string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.err.find("no findings") != std::string::npos);

  TempDir temp;
  const fs::path from_emitted = temp.path() / "emitted.pdf";
  const fs::path from_base = temp.path() / "base.pdf";
  REQUIRE(RunArsred({"build", emitted.string(), "-o", from_emitted.string()}).exit_code == 0);
  REQUIRE(RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "-o", from_base.string()}).exit_code == 0);
  const bool same_bytes = ReadFile(from_emitted) == ReadFile(from_base);
  CHECK(same_bytes);
}

}  // namespace
}  // namespace arsred::test

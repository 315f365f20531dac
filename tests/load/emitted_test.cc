// Inputs written by another program read as the same inputs written by hand: the base years
// rewritten by PyYAML (tests/fixtures/emitted/README.md), with flow mappings, sorted keys, \x
// escapes, CRLF line ends and long quoted values continued over lines, check without a finding
// and give the base years' report to the byte.
#include <catch2/catch.hpp>

#include <utility>
#include <vector>

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

// macOS, and text copied from a PDF, may write ä as a followed by a combining diaeresis.
TEST_CASE("a year whose letters are written with combining accents reads as the same year") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  for (const char* file : {"text.yaml", "verksamhet.yaml", "forbund.yaml"}) {
    const fs::path path = temp.path() / "inputs/2024" / file;
    std::string text = ReadFile(path);
    for (const auto& [composed, decomposed] : std::vector<std::pair<std::string, std::string>>{
             {"\u00e5", "a\u030a"}, {"\u00e4", "a\u0308"}, {"\u00f6", "o\u0308"},
             {"\u00c5", "A\u030a"}, {"\u00c4", "A\u0308"}, {"\u00d6", "O\u0308"}}) {
      text = ReplaceAll(text, composed, decomposed);
    }
    REQUIRE(text.find("\u0308") != std::string::npos);
    WriteFile(path, text);
  }
  RunResult check = RunArsred({"check", (temp.path() / "inputs/2024").string()});
  INFO(check.err);
  CHECK(check.exit_code == 0);
  const fs::path decomposed = temp.path() / "decomposed.pdf", composed = temp.path() / "composed.pdf";
  REQUIRE(RunArsred({"build", (temp.path() / "inputs/2024").string(), "-o", decomposed.string()}).exit_code == 0);
  REQUIRE(RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "-o", composed.string()}).exit_code == 0);
  const bool same_bytes = ReadFile(decomposed) == ReadFile(composed);
  CHECK(same_bytes);
}

}  // namespace
}  // namespace arsred::test

// An embedded table right under a heading that says what its title says is not captioned again:
// "Driftsredovisning" over the driftredovisning prints the title once (issue 22).
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

// How many caption lines "Driftredovisning" the base year's layout has when `before` stands
// in the text right above [[driftredovisning]].
size_t DriftCaptions(const std::string& before) {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path text = temp.path() / "inputs/2024/text.yaml";
  WriteFile(text, ReplaceAll(ReadFile(text), "  [[driftredovisning]]\n", before + "  [[driftredovisning]]\n"));
  RunResult dump = RunArsred({"dump", "--stage", "layout", (temp.path() / "inputs/2024").string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  size_t captions = 0;
  for (size_t at = dump.out.find("role=caption"); at != std::string::npos; at = dump.out.find("role=caption", at + 1)) {
    const size_t end = dump.out.find('\n', at);
    if (dump.out.substr(at, end - at).find("\"Driftredovisning\"") != std::string::npos) ++captions;
  }
  return captions;
}

TEST_CASE("a table's caption is left out under a heading that says the same") {
  CHECK(DriftCaptions("") == 1);                                     // after a table: captioned
  CHECK(DriftCaptions("  ## Driftredovisning\n\n") == 0);              // the same words
  CHECK(DriftCaptions("  ## DRIFTREDOVISNING\n\n") == 0);              // in capitals
  CHECK(DriftCaptions("  ## Driftsredovisning\n\n") == 0);             // one letter apart
  CHECK(DriftCaptions("  ## Drift och budget\n\n") == 1);              // other words
  CHECK(DriftCaptions("  ## Driftredovisning\n\n  Utfall mot budget.\n\n") == 1);  // not right under it
}

}  // namespace
}  // namespace arsred::test

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
// A table that runs onto the next page repeats its head there under its title, "(forts.)"
// added: three rows of a driftredovisning under a bare head read as a table of their own. The
// repeated lines are pagination (artifacts), as the head is.
TEST_CASE("a table continued on the next page repeats its title with (forts.) above its head") {
  TempDir temp;
  std::string rows;
  for (int month = 1; month <= 70; ++month) {
    rows += "      - text: Utbetalning " + std::to_string(month) + "\n        celler:\n          - belopp: " +
            std::to_string(1000 * month) + "\n";
  }
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "  [[diagram:kostnader]]",
                                       "  [[diagram:kostnader]]\n\n  [[belopp:utbetalningar]]");
  WriteFile(year / "rakenskaper.yaml", ReadFile(year / "rakenskaper.yaml") +
                                           "beloppstabeller:\n  - id: utbetalningar\n    rubrik: Utbetalningar under året\n"
                                           "    kolumner: [Belopp]\n    rader:\n" + rows);
  RunResult dump = RunArsred({"dump", "--stage", "layout", year.string()});
  INFO(dump.err);
  REQUIRE(dump.exit_code == 0);
  CHECK(Count(dump.out, "role=caption structure=") >= 1);
  // Once on each page after the first it runs onto.
  const size_t continued = Count(dump.out, "role=artifact \"(forts.)\"");
  CHECK(continued >= 1);
  CHECK(Count(dump.out, "role=artifact \"Utbetalningar \"") == continued);
  CHECK(Count(dump.out, "role=artifact \"Belopp \"") == continued);  // the head, repeated
}

}  // namespace arsred::test

// Golden diagnostics for whole input directories:
//  - tests/fixtures/bad/*.yaml: one defect each. The first line says which file of the base
//    year (tests/fixtures/base/) the case replaces: "# replaces 2024/rakenskaper.yaml: why".
//    The expected output of `arsred check` is beside it in the same name with .out.
//  - tests/fixtures/as-printed/<year>/: the two seed reports exactly as printed, errors and
//    all; expected.out holds the reviewed diagnostics.
// Each .out starts with "exit N". ARSRED_UPDATE_GOLDENS=1 rewrites them (review the diff).
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_util.h"

namespace arsred::test {
namespace {

std::string Golden(const RunResult& run, const std::string& root_shown_as, const std::string& root) {
  return "exit " + std::to_string(run.exit_code) + "\n" + ReplaceAll(run.err, root, root_shown_as);
}

void CompareWithGolden(const fs::path& golden, const std::string& actual) {
  if (UpdatingGoldens()) {
    WriteFile(golden, actual);
    return;
  }
  REQUIRE(fs::exists(golden));
  CHECK(actual == ReadFile(golden));
}

std::vector<fs::path> Sorted(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_CASE("the base fixture is clean, so each bad fixture shows only its own defect") {
  RunResult run = RunArsred({"check", (kSourceDir / "tests/fixtures/base/2024").string()});
  INFO(run.err);
  CHECK(run.exit_code == 0);
}

TEST_CASE("one-defect fixtures give their golden diagnostics") {
  const fs::path bad = kSourceDir / "tests/fixtures/bad";
  std::vector<fs::path> cases = Sorted(bad, ".yaml");
  REQUIRE(cases.size() >= 30);
  for (const fs::path& fixture : cases) {
    DYNAMIC_SECTION(fixture.filename().string()) {
      std::string text = ReadFile(fixture);
      const std::string marker = "# replaces ";
      REQUIRE(text.rfind(marker, 0) == 0);
      std::string target = text.substr(marker.size(), text.find(':') - marker.size());
      TempDir temp;
      fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
      WriteFile(temp.path() / "inputs" / target, text);
      RunResult run = RunArsred({"check", (temp.path() / "inputs/2024").string()});
      // A fixture whose defect goes unnoticed is itself broken.
      CHECK(run.exit_code != 0);
      fs::path golden = fixture;
      golden.replace_extension(".out");
      CompareWithGolden(golden, Golden(run, "", temp.path().string() + "/"));
    }
  }
}

TEST_CASE("the seed reports as printed give their reviewed diagnostics") {
  for (const char* year : {"2020", "2023"}) {
    DYNAMIC_SECTION(year) {
      const fs::path dir = kSourceDir / "tests/fixtures/as-printed" / year;
      RunResult run = RunArsred({"check", (dir / year).string()});
      // Both reports went to print with errors: the tool exists to stop that.
      CHECK(run.exit_code == 2);
      CompareWithGolden(dir / "expected.out", Golden(run, "", kSourceDir.string() + "/"));
    }
  }
}

}  // namespace
}  // namespace arsred::test

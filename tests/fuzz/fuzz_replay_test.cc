// Every input the fuzzers found a crash, hang or sanitizer report with is kept in
// tests/fuzz_regressions/<target>/ and replayed here (under the sanitizers in scripts/test).
#include <catch2/catch.hpp>

#include <algorithm>

#include "../../fuzz/fuzz_targets.h"
#include "test_util.h"

namespace arsred::test {
namespace {

// Returns how many inputs were replayed.
size_t Replay(const char* target, void (*run)(const uint8_t*, size_t)) {
  fs::path dir = kSourceDir / "tests/fuzz_regressions" / target;
  std::vector<fs::path> inputs;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md") inputs.push_back(entry.path());
  }
  std::sort(inputs.begin(), inputs.end());
  for (const fs::path& input : inputs) {
    INFO(input.string());
    std::string bytes = ReadFile(input);
    run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    SUCCEED();
  }
  return inputs.size();
}

TEST_CASE("the load fuzzer's regressions replay without a crash") { Replay("load", fuzz::LoadAndValidate); }

TEST_CASE("the layout fuzzer's regressions replay without a crash") { Replay("layout", fuzz::LayOutWith); }

TEST_CASE("the render fuzzer's regressions replay without a crash") { Replay("render", fuzz::RenderWith); }

TEST_CASE("the SIE fuzzer's regressions replay without a crash") { Replay("sie", fuzz::ReadBooks); }

TEST_CASE("the signature fuzzer's corpus replays without a crash") {
  // Its seeds and findings are PDFs, which .gitignore would leave out but for its exception.
  CHECK(Replay("signatures", fuzz::CheckSignaturesOf) >= 5);
}

}  // namespace
}  // namespace arsred::test

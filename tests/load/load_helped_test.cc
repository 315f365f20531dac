// The inputs parsed with a thread that comes to help (RunStages's, after the dictionary): the
// same result as without, and a helper is never left waiting.
#include <catch2/catch.hpp>
#include <thread>

#include "calculate.h"
#include "load.h"
#include "test_util.h"

namespace arsred {
namespace {

using test::kSourceDir;

// What the loaded year amounts to: its findings and every figure calculate derives from it.
std::string Outcome(const InputSet& inputs, const Diagnostics& loading) {
  Diagnostics diagnostics = loading;
  const ReportFigures figures = Calculate(inputs, true, Presentation{}, diagnostics);
  diagnostics.Sort(inputs.sources);
  std::string out;
  for (const Diagnostic& d : diagnostics.all()) out += FormatDiagnostic(d, inputs.sources);
  return out + DumpFigures(figures);
}

TEST_CASE("the inputs load alike whether another thread helps or not, and when it comes") {
  const std::string year = (kSourceDir / "inputs/2023").string();
  InputSet alone;
  Diagnostics alone_diagnostics;
  REQUIRE(LoadInputs(year, alone, alone_diagnostics));
  const std::string expected = Outcome(alone, alone_diagnostics);

  for (int delay_ms : {0, 2, 50}) {  // before, while and after the files are parsed
    INFO("the helper comes after " << delay_ms << " ms");
    WorkQueue queue;
    std::thread helper([&queue, delay_ms] {
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      queue.Help();
    });
    InputSet helped;
    Diagnostics helped_diagnostics;
    const bool loaded = LoadInputs(year, helped, helped_diagnostics, {}, &queue);
    helper.join();
    REQUIRE(loaded);
    CHECK(Outcome(helped, helped_diagnostics) == expected);
  }
}

TEST_CASE("a thread waiting to help is let go when the year cannot be loaded") {
  for (const char* year : {"inputs/1999", "inputs"}) {  // no such directory; not a year's name
    INFO(year);
    WorkQueue queue;
    bool released = false;
    std::thread helper([&] {
      queue.Help();
      released = true;
    });
    InputSet inputs;
    Diagnostics diagnostics;
    CHECK_FALSE(LoadInputs((kSourceDir / year).string(), inputs, diagnostics, {}, &queue));
    helper.join();  // would never return if the queue were left open
    CHECK(released);
    CHECK(diagnostics.HasErrors());
  }
}

}  // namespace
}  // namespace arsred

// A pie's slices close its circle exactly, whatever its rounded percentages sum to (the seed's
// 2023 "Försörjningsform efter insats" sums to 101 % and swept 363.6°, its last slice over its
// first; "före insats", 99 %, left a white wedge); the legend prints the percentages as given.
#include <catch2/catch.hpp>

#include <cmath>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "test_util.h"

namespace arsred::test {
namespace {

// The base year with two pies of the distribution Försörjning, before (40 + 61 = 101 %) and
// after (70 + 29 = 99 %), beside its pie of costs.
fs::path PiesNotSummingToHundred(const fs::path& dir) {
  const fs::path year =
      EditedBaseYear(dir, "text.yaml", "  [[diagram:kostnader]]\n",
                     "  [[diagram:kostnader]]\n\n  [[diagram:fore]]\n\n  [[diagram:efter]]\n");
  std::string activity = ReadFile(year / "verksamhet.yaml");
  for (const auto& [from, to] : std::map<std::string, std::string>{
           {"arbete: 40\n          bistand: 60", "arbete: 40\n          bistand: 61"},
           {"arbete: 70\n          bistand: 30", "arbete: 70\n          bistand: 29"},
           {"diagram:\n", "diagram:\n  - id: fore\n    typ: cirkel\n    rubrik: Före\n    kalla: forsorjning.fore\n"
                          "  - id: efter\n    typ: cirkel\n    rubrik: Efter\n    kalla: forsorjning.efter\n"}}) {
    REQUIRE(activity.find(from) != std::string::npos);
    activity = ReplaceAll(activity, from, to);
  }
  WriteFile(year / "verksamhet.yaml", activity);
  return year;
}

// Degrees clockwise from `from` to `to`, both clockwise from 12 o'clock, in [0, 360).
double Clockwise(double from, double to) { return std::fmod(to - from + 720.0, 360.0); }

constexpr double kDegrees = 180.0 / M_PI;

TEST_CASE("a pie's slices sum to 360°, though its printed percentages sum to 101 % or 99 %") {
  TempDir temp;
  const fs::path year = PiesNotSummingToHundred(temp.path());
  for (const char* layout : {"modern", "classic"}) {
    INFO(layout);
    RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", layout});
    INFO(dump.err);
    REQUIRE(dump.exit_code == 0);
    // Each slice: from the centre to its first edge, an arc in curves to its second edge.
    static const std::regex kSlice(
        R"(path fill=\S+ role=figure structure=(\d+): M ([0-9.]+),([0-9.]+) L ([0-9.]+),([0-9.]+) (.*) Z)");
    std::map<int, double> swept;  // per pie (its Figure element)
    for (auto it = std::sregex_iterator(dump.out.begin(), dump.out.end(), kSlice); it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      const double cx = std::stod(m[2]), cy = std::stod(m[3]);
      const std::string curves = m[6];
      const size_t last_point = curves.rfind(' ');
      const std::string end = curves.substr(last_point + 1);
      const double ex = std::stod(end.substr(0, end.find(','))), ey = std::stod(end.substr(end.find(',') + 1));
      const double from = std::atan2(std::stod(m[4]) - cx, std::stod(m[5]) - cy) * kDegrees;
      const double to = std::atan2(ex - cx, ey - cy) * kDegrees;
      swept[std::stoi(m[1])] += Clockwise(from, to);
    }
    REQUIRE(swept.size() == 3);  // the costs, before and after
    for (const auto& [figure, degrees] : swept) {
      INFO("the pie of figure " << figure);
      CHECK(degrees == Approx(360.0).margin(0.05));
    }
    // The legends print the shares as the inputs give them (the figures in reading order: the
    // costs, before, after).
    const std::string before = std::to_string(std::next(swept.begin())->first);
    const std::string after = std::to_string(swept.rbegin()->first);
    CHECK(Count(dump.out, "role=figure structure=" + before + " \"61 %\"") == 1);
    CHECK(Count(dump.out, "role=figure structure=" + after + " \"29 %\"") == 1);
  }
}

TEST_CASE("the HTML edition's pies sum to 360°, though their percentages do not sum to 100 %") {
  TempDir temp;
  const fs::path year = PiesNotSummingToHundred(temp.path());
  const fs::path out = temp.path() / "r.html";
  RunResult run = RunArsred({"build", year.string(), "--html", "-o", out.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  const std::string page = ReadFile(out);
  // A slice: "M100 100L x0 y0A90 90 0 large 1 x1 y1Z", clockwise on the screen (y down).
  static const std::regex kSlice(R"(<path d="M([0-9.]+) ([0-9.]+)L([0-9.-]+) ([0-9.-]+)A[0-9.]+ [0-9.]+ 0 [01] 1 ([0-9.-]+) ([0-9.-]+)Z")");
  std::vector<double> pies;
  for (size_t at = page.find("<svg"); at != std::string::npos; at = page.find("<svg", at + 1)) {
    const std::string svg = page.substr(at, page.find("</svg>", at) - at);
    if (svg.find("<path d=\"M") == std::string::npos) continue;  // bars
    double degrees = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), kSlice); it != std::sregex_iterator(); ++it) {
      const std::smatch& m = *it;
      const double cx = std::stod(m[1]), cy = std::stod(m[2]);
      const double from = std::atan2(std::stod(m[3]) - cx, cy - std::stod(m[4])) * kDegrees;
      const double to = std::atan2(std::stod(m[5]) - cx, cy - std::stod(m[6])) * kDegrees;
      degrees += Clockwise(from, to);
    }
    pies.push_back(degrees);
  }
  REQUIRE(pies.size() == 3);
  for (double degrees : pies) CHECK(degrees == Approx(360.0).margin(0.05));
  CHECK(page.find(">Arbete 40\u00A0%<") != std::string::npos);
  CHECK(page.find(">Ekonomiskt bistånd 61\u00A0%<") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

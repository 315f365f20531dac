// The signatures page: the auditors' sentence stands below the signature blocks, never on them
// (with eight seats it was printed over the last block), and in a two-column layout the place
// and date follow the opening sentence instead of flowing into the column beside it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "test_util.h"

namespace arsred::test {
namespace {

struct Run {
  int page = 0;
  double x = 0, y = 0, size = 0;
  std::string role, text;
  int structure = 0;
};

// The text runs of a layout trace on the pages from the heading "Underskrifter" on.
std::vector<Run> SignaturePageRuns(const std::string& trace) {
  static const std::regex kText(
      R"(^  text at=([0-9.]+),([0-9.]+) font=\d+ size=([0-9.]+) color=\S+ role=(\S+) structure=(-?\d+) "(.*)\"$)");
  std::vector<Run> runs;
  std::istringstream lines(trace);
  int page = -1;
  bool started = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("page ", 0) == 0) page = std::stoi(line.substr(5));
    std::smatch m;
    if (!std::regex_search(line, m, kText)) continue;
    if (m[6] == "UNDERSKRIFTER" || m[6] == "Underskrifter") started = true;
    if (!started) continue;
    runs.push_back({page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), m[4], m[6], std::stoi(m[5])});
  }
  return runs;
}

// The base year with a board of `seats` seats (five or more): its five members' and more
// members' of a seat each, every seat with a named ledamot, and the auditors' sentence asked for.
fs::path BoardOfSeats(const fs::path& dir, int seats) {
  const std::vector<std::string> members = {"region", "norrby", "soderby", "forsakringskassan", "arbetsformedlingen"};
  std::string more, board;
  for (int i = 1; i <= seats; ++i) {
    const std::string n = std::to_string(i);
    std::string member = i <= 5 ? members[static_cast<size_t>(i - 1)] : "m" + n;
    if (i > 5) more += "  - id: " + member + "\n    namn: Kommun " + n + "\n    typ: kommun\n";
    board += "  - medlem: " + member + "\n    roll: " + (i == 1 ? "ordforande" : i == 2 ? "vice_ordforande" : "ledamot") +
             "\n    namn: Person " + n + "\n";
  }
  const fs::path year = EditedBaseYear(dir, "forbund.yaml", "rakenskapsar:", "revisorspateckning: {}\nrakenskapsar:");
  std::string forbund = ReadFile(year / "forbund.yaml");
  const size_t from = forbund.find("styrelse:\n"), to = forbund.find("revisorspateckning:");
  forbund.replace(from, to - from, more + "styrelse:\n" + board);
  WriteFile(year / "forbund.yaml", forbund);
  return year;
}

TEST_CASE("the auditors' sentence stands below the signature blocks, however many seats the board has") {
  for (const char* layout : {"modern", "classic"}) {
    for (int seats = 5; seats <= 20; ++seats) {
      INFO(layout << ", " << seats << " seats");
      TempDir temp;
      const fs::path year = BoardOfSeats(temp.path(), seats);
      RunResult dump = RunArsred({"dump", "--stage", "layout", year.string(), "--layout", layout});
      INFO(dump.err);
      REQUIRE(dump.exit_code == 0);
      const std::vector<Run> runs = SignaturePageRuns(dump.out);
      // The sentence's runs, and the blocks' (a seat's name, role and member).
      const auto note_start = std::find_if(runs.begin(), runs.end(), [](const Run& r) { return r.text == "Vår "; });
      const auto place = std::find_if(runs.begin(), runs.end(), [](const Run& r) { return r.text == "Provstad "; });
      REQUIRE(note_start != runs.end());
      REQUIRE(place != runs.end());
      std::vector<Run> note, blocks;
      for (const Run& r : runs) {
        if (r.structure == note_start->structure) {
          note.push_back(r);
        } else if (r.role == "signature" && r.structure != place->structure) {
          blocks.push_back(r);
        }
      }
      REQUIRE(blocks.size() == 3 * static_cast<size_t>(seats));
      const Run& last = *std::max_element(blocks.begin(), blocks.end(), [](const Run& a, const Run& b) {
        return a.page != b.page ? a.page < b.page : a.y > b.y;  // the lowest on the last page
      });
      for (const Run& r : note) {
        INFO("\"" << r.text << "\" on page " << r.page << " at y=" << r.y << "; the last block's lowest line on page "
                  << last.page << " at y=" << last.y);
        CHECK(r.page >= last.page);
        // On the same page, a line below it at least: never on the block's lines.
        if (r.page == last.page) CHECK(r.y <= last.y - 1.2 * r.size);
      }
      // Set ragged, the blank for the date kept with its words: one line, with the gaps of a space.
      std::vector<double> baselines;
      for (const Run& r : note) baselines.push_back(r.y);
      CHECK(std::count(baselines.begin(), baselines.end(), note.front().y) == static_cast<long>(note.size()));
    }
  }
}

TEST_CASE("in two columns, the place and date follow the signatures page's opening sentence, unhyphenated") {
  RunResult dump =
      RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string(), "--layout", "classic"});
  REQUIRE(dump.exit_code == 0);
  const std::vector<Run> runs = SignaturePageRuns(dump.out);
  const auto intro = std::find_if(runs.begin(), runs.end(), [](const Run& r) { return r.text == "Årsredovisningen "; });
  const auto place = std::find_if(runs.begin(), runs.end(), [](const Run& r) { return r.text == "Provstad "; });
  REQUIRE(intro != runs.end());
  REQUIRE(place != runs.end());
  double intro_lowest = intro->y;
  for (const Run& r : runs) {
    if (r.structure != intro->structure) continue;
    intro_lowest = std::min(intro_lowest, r.y);
    CHECK(r.text.back() != '-');  // "Sam-ordningsförbundet" was hyphenated in the first column
  }
  CHECK(place->page == intro->page);
  CHECK(place->x == Approx(intro->x));  // at the left margin, not in the second column
  CHECK(place->y < intro_lowest);
}

}  // namespace
}  // namespace arsred::test

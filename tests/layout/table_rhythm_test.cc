// Rows keep one rhythm (issue 22): a row under a rule (a sum's, or the head's) stands as far
// below it as every other such row, and the row after it is as far away as rows are in
// general. Before, a row right after a sum stood closer to it than other rows to theirs (the
// equity lines of the balance sheet), and the first row under the head hugged its rule.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

struct TraceLine {
  int page = 0;
  bool rule = false;
  double y = 0;
  std::string text;  // a run's text
};

// The runs and rules of the financial statements (from the heading "Resultaträkning" to the
// next heading of the first level) in the base year's layout trace.
std::vector<TraceLine> Statements() {
  RunResult dump = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string()});
  REQUIRE(dump.exit_code == 0);
  static const std::regex kRun(R"(^  text at=[0-9.]+,([0-9.]+) .*role=([a-z0-9-]+) .*"([^"]*)\")");
  static const std::regex kRule(R"(^  rule from=[0-9.]+,([0-9.]+) to=[0-9.]+,([0-9.]+) width=0\.[468]0 )");
  static const std::regex kPage(R"(^page ([0-9]+) )");
  std::vector<TraceLine> out;
  bool inside = false;
  int page = -1;
  std::istringstream lines(dump.out);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, kPage)) {
      page = std::stoi(m[1].str());
    } else if (std::regex_search(line, m, kRun)) {
      if (m[3] == "Resultaträkning" && m[2] == "heading2") inside = true;
      if (inside && m[2] == "heading1") break;
      if (inside) out.push_back({page, false, std::stod(m[1].str()), m[3].str()});
    } else if (inside && std::regex_search(line, m, kRule) && m[1] == m[2]) {
      out.push_back({page, true, std::stod(m[1].str()), ""});
    }
  }
  REQUIRE(!out.empty());
  return out;
}

TEST_CASE("a row under a rule stands as far below it as every other, and the next row keeps the rhythm") {
  const std::vector<TraceLine> lines = Statements();
  // Every rule to the baseline of the row under it: one distance.
  std::set<long> distances;  // in hundredths of a point
  // (Rules are drawn after their row's text, so the row under a rule is the run with the
  // highest baseline below it on its page.)
  for (size_t k = 0; k < lines.size(); ++k) {
    if (!lines[k].rule) continue;
    double under = -1;
    for (size_t j = 0; j < lines.size(); ++j) {
      if (!lines[j].rule && lines[j].page == lines[k].page && lines[j].y < lines[k].y && lines[j].y > under) {
        under = lines[j].y;
      }
    }
    if (under > 0) distances.insert(std::lround((lines[k].y - under) * 100));
  }
  INFO("distances from a rule to the baseline under it, in hundredths of a point");
  for (long d : distances) UNSCOPED_INFO(d);
  CHECK(distances.size() == 1);
  // The equity lines: the sum, then two lines, evenly apart.
  auto baseline = [&](const std::string& word, size_t from) {
    for (size_t k = from; k < lines.size(); ++k) {
      if (!lines[k].rule && lines[k].text == word) return k;
    }
    FAIL("no run " << word);
    return lines.size();
  };
  const size_t equity = baseline("Eget ", 0);
  const size_t result = baseline("Årets ", equity);
  const size_t other = baseline("Övrigt ", result);
  CHECK(lines[equity].y - lines[result].y == Approx(lines[result].y - lines[other].y));
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// The right edge (xMax) of the first word `word` that pdftotext -bbox finds after `after`.
double RightEdge(const std::string& bbox, const std::string& word, size_t after = 0) {
  const size_t at = bbox.find(">" + word + "</word>", after);
  REQUIRE(at != std::string::npos);
  const size_t x = bbox.rfind("xMax=\"", at);
  return std::stod(bbox.substr(x + 6));
}

TEST_CASE("a head over a column of numbers stands right-aligned, as its numbers do") {
  TempDir temp;
  const fs::path pdf = temp.path() / "base.pdf";
  RunResult build = RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "-o", pdf.string()});
  INFO(build.err);
  REQUIRE(build.exit_code <= 3);
  ToolRun text = RunTool("pdftotext -bbox " + Quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  // The income statement: "Not" over the note numbers, the first of which is 1 (after the page
  // of contents, whose note entries also begin with "Not").
  const size_t contents = text.output.find(">Innehåll</word>");
  REQUIRE(contents != std::string::npos);
  const size_t statement = text.output.find("</page>", contents);
  REQUIRE(statement != std::string::npos);
  const size_t head = text.output.find(">Not</word>", statement);
  REQUIRE(head != std::string::npos);
  CHECK(RightEdge(text.output, "Not", statement) == Approx(RightEdge(text.output, "1", head)).margin(0.5));
}

// The notes' number columns shifted from note to note, each as wide as its own widest figure:
// "2024" stood at 460 over one note and 452 over the next.
TEST_CASE("every note's number columns stand at the same place") {
  RunResult dump = RunArsred({"dump", "--stage", "layout", (kSourceDir / "tests/fixtures/base/2024").string()});
  REQUIRE(dump.exit_code == 0);
  // From the line after the heading "Noter" (not its bookmark, listed first).
  std::smatch heading;
  static const std::regex kNotesHeading(R"re(role=heading1 structure=[0-9]+ "Noter"\n)re");
  REQUIRE(std::regex_search(dump.out, heading, kNotesHeading));
  const size_t first_note = static_cast<size_t>(heading.position(0) + heading.length(0));
  static const std::regex kYearHead(R"re(text at=([0-9.]+),[0-9.]+ .*role=table-header .*"(2024|2023)")re");
  std::map<std::string, std::set<std::string>> x_of;  // year -> the x its head stands at, over all notes
  std::istringstream lines(dump.out.substr(first_note));
  int heads = 0;
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (line.find("role=heading1") != std::string::npos) break;  // the notes end at the next part
    if (!std::regex_search(line, m, kYearHead)) continue;
    x_of[m[2]].insert(m[1]);
    ++heads;
  }
  CHECK(heads >= 10);  // the base year has six notes, each with both years
  CHECK(x_of["2024"].size() == 1);
  CHECK(x_of["2023"].size() == 1);
}

}  // namespace
}  // namespace arsred::test

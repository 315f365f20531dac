// The one-line texts a reader sees as headings, beside the table and chart captions: a goal
// area's caption and follow-up head, an appendix's title and the cover's lines take placeholders.
// A new user's "Uppföljning av verksamhetsmål {ar}" went to print as written, with no finding.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("placeholders in a goal area's heads, an appendix title and the cover are filled in or refused") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "verksamhet.yaml", "    rubrik: Verksamhetsmål\n",
                                       "    rubrik: Verksamhetsmål {ar}\n    rubrik_uppfoljning: Utfall {ar}\n");
  auto edit = [&](const std::string& file, const std::string& from, const std::string& to) {
    const std::string text = ReadFile(year / file);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(year / file, ReplaceAll(text, from, to));
  };
  edit("forbund.yaml", "status: utkast\n",
       "status: utkast\nrapport:\n  undertitel: Verksamhetsåret {ar}\n  antagen_av: förbundsstyrelsen\n");
  edit("forbund.yaml", "styrelsebeslut: 2025-03-14\n", "");  // the board has not decided yet
  edit("text.yaml", "redovisningsprinciper: |", "bilagor:\n  - rubrik: Underlag {ar}\n    text: Text.\nredovisningsprinciper: |");
  REQUIRE(RunArsred({"check", year.string()}).exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find("{ar}") == std::string::npos);
  for (const char* filled : {">Verksamhetsmål 2024</caption>", ">Utfall 2024</th>", "Verksamhetsåret 2024",
                             "Bilaga 1 Underlag 2024"}) {
    INFO(filled);
    CHECK(html.find(filled) != std::string::npos);
  }
  // Not yet decided by the board: the cover says who is to adopt it, not that it was adopted.
  CHECK(html.find("Att antas av förbundsstyrelsen") != std::string::npos);
  CHECK(html.find("Antagen av") == std::string::npos);

  // A misspelt name is an error where it stands, as in the prose.
  edit("verksamhet.yaml", "Utfall {ar}", "Utfall {arr}");
  RunResult check = RunArsred({"check", year.string()});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("malomraden[0].rubrik_uppfoljning: error[text.placeholder]") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("placeholders in a row's label are filled in or refused, as in a caption") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", "      - text: Skattekonto\n",
                                       "      - text: Skattekonto {ar}-12-31\n");
  const std::string activity = ReadFile(year / "verksamhet.yaml");
  WriteFile(year / "verksamhet.yaml", ReplaceAll(activity, "text: Inskrivna deltagare", "text: Inskrivna {ar}"));
  RunResult check = RunArsred({"check", year.string()});
  INFO(check.err);
  REQUIRE(check.exit_code == 0);
  const fs::path page = temp.path() / "rapport.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", page.string()}).exit_code == 0);
  const std::string html = ReadHtmlPage(page);
  CHECK(html.find(">Skattekonto 2024-12-31</th>") != std::string::npos);
  CHECK(html.find(">Inskrivna 2024</th>") != std::string::npos);
  CHECK(html.find("{ar}") == std::string::npos);

  // Printed as written before, with no finding: now a misspelt name is an error at its key.
  WriteFile(year / "rakenskaper.yaml",
            ReplaceAll(ReadFile(year / "rakenskaper.yaml"), "Skattekonto {ar}-12-31", "Skattekonto {arr}-12-31"));
  RunResult misspelt = RunArsred({"check", year.string()});
  CHECK(misspelt.exit_code == 2);
  CHECK(misspelt.err.find("].text: error[text.placeholder]") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

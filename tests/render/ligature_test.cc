// Ligatures, where a layout asks for them (issue 22): ff, fi, fl, ffi and ffl drawn as one glyph,
// and the letters still what a reader copies, searches and hears.
#include <catch2/catch.hpp>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("with ligaturer: true, f-ligatures are drawn and the text still reads as letters") {
  TempDir temp;
  const fs::path year_dir =
      EditedBaseYear(temp.path(), "text.yaml", "{forbund.namn} samordnar rehabilitering.",
                     "{forbund.namn} finansierar offentliga insatser, flera av dem officiella, utan bluff.");
  const std::string modern = ReadFile(kSourceDir / "layouts/modern.yaml");
  REQUIRE(modern.find("  hangande_skiljetecken: true\n") != std::string::npos);
  const fs::path layout = temp.path() / "ligaturer.yaml";
  WriteFile(layout, ReplaceAll(modern, "  hangande_skiljetecken: true\n", "  hangande_skiljetecken: true\n  ligaturer: true\n"));
  const std::string year = year_dir.string();

  RunResult dump = RunArsred({"dump", "--stage", "layout", "--layout", layout.string(), year});
  REQUIRE(dump.exit_code == 0);
  CHECK(dump.out.find("\"\uFB01nansierar ") != std::string::npos);  // fi
  CHECK(dump.out.find("\"\uFB02era ") != std::string::npos);         // fl
  CHECK(dump.out.find("\"blu\uFB00.\"") != std::string::npos);      // ff
  // Not across a point where the dictionary hyphenates: of-fent-li-ga, of-fi-ci-el-la.
  CHECK(dump.out.find("\"offentliga ") != std::string::npos);
  CHECK(dump.out.find("\"of\uFB01ciella, ") != std::string::npos);
  RunResult plain = RunArsred({"dump", "--stage", "layout", year});  // the default layout: none
  REQUIRE(plain.exit_code == 0);
  CHECK(plain.out.find("\"finansierar ") != std::string::npos);
  CHECK(plain.out.find('\xEF') == std::string::npos);  // no character of U+F000–FFFF at all

  const fs::path pdf = temp.path() / "rapport.pdf";
  RunResult build = RunArsred({"build", "--layout", layout.string(), year, "-o", pdf.string()});
  REQUIRE(build.exit_code == 0);
  ToolRun extracted = RunTool("pdftotext " + Quote(pdf) + " -");
  REQUIRE(extracted.exit_code == 0);
  CHECK(extracted.output.find("finansierar offentliga insatser, flera av dem officiella, utan bluff.") != std::string::npos);
  for (const char* form : {"\uFB00", "\uFB01", "\uFB02", "\uFB03", "\uFB04"}) {
    CHECK(extracted.output.find(form) == std::string::npos);
  }
}

}  // namespace
}  // namespace arsred::test

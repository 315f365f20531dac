// Every diagnostic code the sources can emit is documented: the input rules in
// docs/validation.md, the archive's and the SIE reader's in their own pages of docs/.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("every diagnostic code is documented in docs/") {
  std::string doc;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "docs")) {
    if (entry.path().extension() == ".md") doc += ReadFile(entry.path());
  }
  const std::regex emitting(R"re((?:Error|Warning|ExpectSame|Report|Fail)\("([a-z_]+\.[a-z_]+)")re");
  std::set<std::string> codes;
  for (const auto& entry : fs::recursive_directory_iterator(kSourceDir / "pipeline")) {
    if (!entry.is_regular_file()) continue;
    std::string source = ReadFile(entry.path());
    for (std::sregex_iterator it(source.begin(), source.end(), emitting), end; it != end; ++it) {
      codes.insert((*it)[1]);
    }
  }
  REQUIRE(codes.size() > 100);
  for (const std::string& code : codes) {
    INFO(code);
    CHECK(doc.find("`" + code + "`") != std::string::npos);
  }
}

}  // namespace
}  // namespace arsred::test

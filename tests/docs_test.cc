// Every diagnostic code the sources can emit is documented in docs/validation.md.
#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("every diagnostic code is documented in docs/validation.md") {
  const std::string doc = ReadFile(kSourceDir / "docs/validation.md");
  const std::regex emitting(R"re((?:Error|Warning|ExpectSame|Report|Fail)\("([a-z_]+\.[a-z_]+)")re");
  std::set<std::string> codes;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "pipeline")) {
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

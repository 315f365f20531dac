#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "pdf_deflate.h"

namespace arsred {
namespace {

std::string Inflate(const std::string& deflated, size_t size) {
  std::string out(size, '\0');
  uLongf length = static_cast<uLongf>(size);
  REQUIRE(uncompress(reinterpret_cast<Bytef*>(out.data()), &length, reinterpret_cast<const Bytef*>(deflated.data()),
                     static_cast<uLong>(deflated.size())) == Z_OK);
  REQUIRE(length == size);
  return out;
}

// A page's worth of operators that differs from page to page.
std::string PageContent(int page) {
  std::string content;
  for (int line = 0; line < 40 + page % 7; ++line) {
    content += "1 0 0 1 70.866 " + std::to_string(760 - 14 * line) + " Tm\n[(sida " + std::to_string(page) +
               ", rad " + std::to_string(line) + ")-4.5(ord)] TJ\n";
  }
  return content;
}

TEST_CASE("streams are deflated in the order they were given, and zlib inflates them") {
  std::vector<std::string> pages;
  for (int page = 0; page < 60; ++page) pages.push_back(PageContent(page));
  pages.push_back("");  // a page with nothing on it
  const std::vector<std::string> deflated = DeflateAll(pages);
  REQUIRE(deflated.size() == pages.size());
  for (size_t i = 0; i < pages.size(); ++i) {
    INFO("page " << i);
    CHECK(Inflate(deflated[i], pages[i].size()) == pages[i]);
    CHECK(deflated[i] == Deflate(pages[i]));
  }
  CHECK(deflated[0].size() < pages[0].size() / 3);
  CHECK(DeflateAll({}).empty());
}

}  // namespace
}  // namespace arsred

// haru_internals.cc reads libharu's private structs as they are in one release: the headers this
// build compiled against and the library this process loaded must both be that release.
#include "haru_internals.h"

#include <hpdf.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <string_view>

namespace arsred {
namespace {

static_assert(std::string_view(HPDF_VERSION_TEXT) == haru::kAssumedVersion,
              "libharu's headers are not the release haru_internals.cc was written for");

TEST_CASE("libharu is the release whose private structs haru_internals.cc reads") {
  CHECK(std::string_view(HPDF_VERSION_TEXT) == haru::kAssumedVersion);  // the headers compiled against
  CHECK(std::string_view(HPDF_GetVersion()) == haru::kAssumedVersion);  // the library loaded
  CHECK(haru::LoadedVersionIsAssumed());
}

TEST_CASE("the libharu MD5 that names subsets and the /ID is MD5") {
  const auto digest = haru::Md5("abc");  // RFC 1321, appendix A.5
  const unsigned char expected[16] = {0x90, 0x01, 0x50, 0x98, 0x3c, 0xd2, 0x4f, 0xb0,
                                      0xd6, 0x96, 0x3f, 0x7d, 0x28, 0xe1, 0x7f, 0x72};
  CHECK(std::equal(digest.begin(), digest.end(), expected));
}

}  // namespace
}  // namespace arsred

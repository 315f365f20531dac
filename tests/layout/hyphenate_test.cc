// Swedish hyphenation through libhyphen: Latin-1 and lower case before lookup, breaks mapped back
// to byte offsets of the UTF-8 word, and nothing that is not a word is touched.
#include <catch2/catch.hpp>

#include "font_metrics.h"
#include "hyphenate.h"

namespace arsred {
namespace {

const Hyphenator& Swedish() {
  static std::unique_ptr<Hyphenator> hyphenator = [] {
    std::string error;
    auto loaded = Hyphenator::Load(kSwedishDictionary, &error);
    INFO(error);
    REQUIRE(loaded);
    return loaded;
  }();
  return *hyphenator;
}

// The word with a '-' at every break point.
std::string Hyphenated(std::string_view word) {
  std::string out;
  size_t previous = 0;
  for (size_t at : Swedish().BreakPoints(word)) {
    REQUIRE(at > previous);
    REQUIRE(at < word.size());
    out += std::string(word.substr(previous, at - previous)) + "-";
    previous = at;
  }
  return out + std::string(word.substr(previous));
}

// Expected results from the notes on libhyphen (tech.md §7), checked there by hand.
TEST_CASE("Swedish words break where the dictionary says") {
  CHECK(Hyphenated("samordningsförbundet") == "sam-ord-nings-för-bun-det");
  CHECK(Hyphenated("förvaltningsberättelse") == "för-valt-nings-be-rät-tel-se");
  CHECK(Hyphenated("rehabiliteringsinsatser") == "re-ha-bi-li-te-rings-in-sat-ser");
  CHECK(Hyphenated("årsredovisning") == "års-re-do-vis-ning");
  CHECK(Hyphenated("räkenskapsår") == "rä-ken-skaps-år");
  CHECK(Hyphenated("ändamålsenlig") == "än-da-måls-en-lig");
}

TEST_CASE("break points are byte offsets into the UTF-8 word") {
  // "för" is four bytes: ö takes two.
  CHECK(Swedish().BreakPoints("förvaltningsberättelse") == std::vector<size_t>{4, 8, 13, 15, 19, 22});
}

TEST_CASE("capitals hyphenate like the lower-case word") {
  CHECK(Hyphenated("Samordningsförbundet") == "Sam-ord-nings-för-bun-det");
  CHECK(Hyphenated("Årsredovisning") == "Års-re-do-vis-ning");
  CHECK(Hyphenated("FÖRVALTNINGSBERÄTTELSE") == "FÖR-VALT-NINGS-BE-RÄT-TEL-SE");
  CHECK(Swedish().BreakPoints("ÄNDAMÅLSENLIG") == Swedish().BreakPoints("ändamålsenlig"));
}

TEST_CASE("numbers, units, URLs and mixed words are left whole") {
  CHECK(Swedish().BreakPoints("2023").empty());
  CHECK(Swedish().BreakPoints("kr/mån").empty());
  CHECK(Swedish().BreakPoints("https://www.samordningsforbundet.se").empty());
  CHECK(Swedish().BreakPoints("samordningsförbundet.").empty());  // the caller strips punctuation
  CHECK(Swedish().BreakPoints("rehabilitering2023").empty());
  CHECK(Swedish().BreakPoints("insatser\u2212").empty());  // not a Latin-1 letter
  CHECK(Swedish().BreakPoints("").empty());
}

TEST_CASE("two letters stay on each side of a break") {
  CHECK(Swedish().BreakPoints("abc").empty());
  for (std::string word : {"arbete", "ekonomi", "samordningsförbundet", "Östersund"}) {
    INFO(word);
    std::vector<size_t> breaks = Swedish().BreakPoints(word);
    CHECK_FALSE(breaks.empty());
    for (size_t at : breaks) {
      CHECK(DecodeUtf8(word.substr(0, at)).size() >= 2);
      CHECK(DecodeUtf8(word.substr(at)).size() >= 2);
    }
  }
  CHECK(Hyphenated("arbete") == "ar-be-te");
}

TEST_CASE("a missing dictionary is an error, not a crash") {
  std::string error;
  CHECK_FALSE(Hyphenator::Load("/nonexistent/hyph_sv_SE.dic", &error));
  CHECK_THAT(error, Catch::Contains("/nonexistent/hyph_sv_SE.dic"));
}

}  // namespace
}  // namespace arsred

// Swedish hyphenation by the patterns of hyph_sv_SE.dic: Latin-1 and lower case before lookup,
// breaks mapped back to byte offsets of the UTF-8 word, nothing that is not a word touched, and
// the same breaks as libhyphen gives from the same file.
#include <catch2/catch.hpp>
#include <hyphen.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "compiled_resources.h"
#include "font_metrics.h"
#include "hyphenate.h"
#include "test_util.h"

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
  CHECK_THAT(error, Catch::Contains("No such file"));
}

TEST_CASE("a pattern file this reader cannot follow is refused, naming the file and line") {
  struct Case {
    const char* text;
    const char* says;
  };
  for (const Case& c : {Case{"UTF-8\n.a1b\n", "UTF-8"}, Case{"ISO8859-1\n.a1b\nNEXTLEVEL\n1-1\n", "line 3: NEXTLEVEL"},
                        Case{"ISO8859-1\nNOHYPHEN -\n", "line 2: NOHYPHEN"},
                        Case{"ISO8859-1\nsch1f/ff=f,4,2\n", "line 2: not a pattern"},
                        Case{"ISO8859-1\n% nothing but a comment\n", "no hyphenation patterns"}, Case{"", "no hyphenation patterns"}}) {
    INFO(c.text);
    std::string error;
    CHECK_FALSE(Hyphenator::Parse(c.text, "test.dic", &error));
    CHECK_THAT(error, Catch::StartsWith("test.dic: ") && Catch::Contains(c.says));
  }
}

TEST_CASE("patterns: the highest value wins, a later pattern replaces an earlier one, and the minima hold") {
  std::string error;
  // b|c: "b2c" beats "ab1c" (even forbids). c|d: "c2d" replaces "c3d". d|e: "d1e" allows it.
  // a|: ".a3" allows it, but one letter may not stand before a break.
  auto dict = Hyphenator::Parse("ISO8859-1\nab1c\nb2c\n.a3\nc3d\nc2d\nd1e\n", "test.dic", &error);
  REQUIRE(dict);
  CHECK(dict->BreakPoints("abcdef") == std::vector<size_t>{4});
  auto wider = Hyphenator::Parse("ISO8859-1\nLEFTHYPHENMIN 5\nd1e\n", "test.dic", &error);
  REQUIRE(wider);
  CHECK(wider->BreakPoints("abcdef").empty());  // "abcd" is fewer than the file's five letters
}

// What libhyphen makes of the word with the same dictionary (Latin-1, lower case, hyphenate3 with
// two letters kept on each side), as byte offsets into the word: the reference for the trie.
std::vector<size_t> LibhyphenBreakPoints(HyphenDict* dict, const std::string& word) {
  std::string latin1;
  std::vector<size_t> offsets;
  for (size_t i = 0; i < word.size();) {
    const unsigned char lead = static_cast<unsigned char>(word[i]);
    char32_t cp = lead;
    size_t bytes = 1;
    if (lead >= 0xC0) {
      cp = ((lead & 0x1F) << 6) | (static_cast<unsigned char>(word[i + 1]) & 0x3F);
      bytes = 2;
    }
    if (cp >= 'A' && cp <= 'Z') cp += 0x20;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) cp += 0x20;
    latin1 += static_cast<char>(cp);
    offsets.push_back(i);
    i += bytes;
  }
  std::vector<char> hyphens(latin1.size() + 5, '0');
  char** rep = nullptr;
  int* pos = nullptr;
  int* cut = nullptr;
  hnj_hyphen_hyphenate3(dict, latin1.c_str(), static_cast<int>(latin1.size()), hyphens.data(), nullptr, &rep, &pos,
                        &cut, 2, 2, 2, 2);
  REQUIRE(rep == nullptr);  // Swedish has no non-standard breaks
  std::free(pos);
  std::free(cut);
  std::vector<size_t> breaks;
  for (size_t i = 1; i + 2 < latin1.size(); ++i) {
    if ((hyphens[i] - '0') % 2 == 1) breaks.push_back(offsets[i + 1]);
  }
  return breaks;
}

// Every run of four or more Latin-1 letters in the YAML of inputs/ and tests/fixtures/.
std::set<std::string> WordsOfTheInputs() {
  std::set<std::string> words;
  for (const char* dir : {"inputs", "tests/fixtures"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(test::kSourceDir / dir)) {
      if (entry.path().extension() != ".yaml") continue;
      const std::string text = test::ReadFile(entry.path());
      std::string run;
      for (size_t i = 0; i <= text.size(); ++i) {
        const unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : 0;
        const unsigned char next = i + 1 < text.size() ? static_cast<unsigned char>(text[i + 1]) : 0;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
          run += static_cast<char>(c);
        } else if (c == 0xC3 && next >= 0x80 && next <= 0xBF && next != 0x97 && next != 0xB7) {
          run += text.substr(i, 2);
          ++i;
        } else {
          if (run.size() >= 4) words.insert(run);
          run.clear();
        }
      }
    }
  }
  return words;
}

TEST_CASE("the same breaks as libhyphen, for every word of the inputs and the fixtures") {
  HyphenDict* reference = hnj_hyphen_load(kSwedishDictionary);
  REQUIRE(reference != nullptr);
  const std::set<std::string> words = WordsOfTheInputs();
  CHECK(words.size() > 2000);
  size_t hyphenated = 0;
  for (const std::string& w : words) {
    INFO(w);
    const std::vector<size_t> ours = Swedish().BreakPoints(w);
    CHECK(ours == LibhyphenBreakPoints(reference, w));
    if (!ours.empty()) ++hyphenated;
  }
  CHECK(hyphenated > words.size() / 2);
  hnj_hyphen_free(reference);
}

TEST_CASE("the dictionary compiled into the program is the file's trie, used only for those bytes") {
  std::string error;
  const auto compiled = Hyphenator::Load(kSwedishDictionary, &error, &kSwedishPatterns);
  REQUIRE(compiled);
  CHECK(compiled->precompiled());
  CHECK_FALSE(Swedish().precompiled());  // loaded without the compiled trie: parsed from the file
  const std::string text = test::ReadFile(kSwedishDictionary);
  CHECK(kSwedishPatterns.source == text);
  for (const std::string& w : WordsOfTheInputs()) {
    INFO(w);
    CHECK(compiled->BreakPoints(w) == Swedish().BreakPoints(w));
  }

  // A file that differs from the compiled one by a single pattern is read from its own bytes.
  test::TempDir dir;
  const std::string changed_path = (dir.path() / "hyph_sv_SE.dic").string();
  test::WriteFile(changed_path, text + "z1z\n");  // a break between two z
  const auto other = Hyphenator::Load(changed_path, &error, &kSwedishPatterns);
  REQUIRE(other);
  CHECK_FALSE(other->precompiled());
  CHECK(compiled->BreakPoints("zzzzzz").empty());
  CHECK(other->BreakPoints("zzzzzz") == std::vector<size_t>{2, 3, 4});
}

}  // namespace
}  // namespace arsred

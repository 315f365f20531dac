// The kerning compiled into the program for the fonts in fonts/ (compiled_resources.h): it is
// HarfBuzz's, pair for pair; it stands only for a face with exactly the tables it was made from;
// and it covers every pair of characters the inputs' texts put side by side, so that a build of
// the seed years shapes nothing at run time.
#include <catch2/catch.hpp>

#include <filesystem>

#include "compiled_resources.h"
#include "font_metrics.h"
#include "sfnt.h"
#include "test_util.h"

namespace arsred::test {
namespace {

const char* const kFaces[] = {"Carlito-Regular.ttf", "Carlito-Bold.ttf", "Carlito-Italic.ttf",
                              "Carlito-BoldItalic.ttf"};

std::unique_ptr<FontMetrics> Parse(const std::string& bytes, std::span<const CompiledKerning> compiled) {
  std::string error;
  auto font = FontMetrics::Parse(bytes, &error, compiled);
  INFO(error);
  REQUIRE(font);
  return font;
}

TEST_CASE("compiled kerning is HarfBuzz's for every pair it covers, in every face of fonts/") {
  REQUIRE(kBundledKerning.size() == std::size(kFaces));
  for (const char* face : kFaces) {
    INFO(face);
    const std::string bytes = ReadFile(kSourceDir / "fonts" / face);
    const auto compiled = Parse(bytes, kBundledKerning);
    const auto shaped = Parse(bytes, {});
    REQUIRE(compiled->compiled_kerning() != nullptr);
    CHECK(compiled->compiled_kerning()->name == face);
    CHECK(shaped->compiled_kerning() == nullptr);
    const auto& characters = compiled->compiled_kerning()->characters;
    CHECK(characters.size() > 200);
    size_t kerned = 0;
    for (char32_t left : characters) {
      for (char32_t right : characters) {
        const int value = compiled->Kerning(left, right);
        if (value != shaped->Kerning(left, right)) {
          FAIL_CHECK("U+" << std::hex << static_cast<uint32_t>(left) << " U+" << static_cast<uint32_t>(right));
        }
        if (value != 0) ++kerned;
      }
    }
    CHECK(kerned > 1000);
    CHECK(compiled->shaped_pairs() == 0);
    CHECK(shaped->shaped_pairs() > 1000);
    // A pair outside the compiled characters is shaped at run time, and kerns as HarfBuzz says.
    CHECK(compiled->Kerning(U'\u0393', U'\u03B1') == shaped->Kerning(U'\u0393', U'\u03B1'));  // Γα
  }
}

TEST_CASE("compiled kerning stands only for a face whose shaping tables are the same bytes") {
  std::string bytes = ReadFile(kSourceDir / "fonts" / "Carlito-Regular.ttf");
  std::string error;
  const std::optional<sfnt::Tables> tables = sfnt::ReadTables(bytes, &error);
  REQUIRE(tables);
  // One byte near the end of GPOS changed: the kerning may differ, so the face is shaped.
  const sfnt::Bytes gpos = tables->Find(sfnt::Tag("GPOS"));
  REQUIRE(gpos.size() > 100);
  const size_t at = static_cast<size_t>(gpos.data().data() - bytes.data()) + gpos.size() - 10;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  CHECK(Parse(bytes, kBundledKerning)->compiled_kerning() == nullptr);
}

// A layout trace's text with its spelt-out characters ("\\u{202F}") back as they are drawn.
std::string Unescaped(const std::string& trace) {
  std::string out;
  for (size_t at = 0; at < trace.size(); ++at) {
    const size_t close = trace.compare(at, 3, "\\u{") == 0 ? trace.find('}', at) : std::string::npos;
    if (close == std::string::npos) {
      out += trace[at];
      continue;
    }
    out += EncodeUtf8(std::u32string(1, static_cast<char32_t>(std::stoul(trace.substr(at + 3, close - at - 3), nullptr, 16))));
    at = close;
  }
  return out;
}

TEST_CASE("compiled kerning covers every pair of characters side by side in the inputs and the drawn text") {
  std::vector<std::unique_ptr<FontMetrics>> faces;
  std::vector<std::string> files;
  for (const char* face : kFaces) files.push_back(ReadFile(kSourceDir / "fonts" / face));
  for (const std::string& bytes : files) faces.push_back(Parse(bytes, kBundledKerning));
  // The inputs, the layouts, and the golden layout traces, which hold every text a report draws
  // as it is drawn (the figures with their narrow no-break spaces and minus signs among them).
  size_t texts = 0;
  for (const char* dir : {"inputs", "layouts", "tests/golden"}) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(kSourceDir / dir)) {
      if (entry.path().extension() != ".yaml" && entry.path().extension() != ".txt") continue;
      const std::string text = Unescaped(ReadFile(entry.path()));
      for (const auto& face : faces) face->Width(text, 10, /*no_break_space_as_space=*/true);
      ++texts;
    }
  }
  CHECK(texts > 20);
  for (size_t i = 0; i < faces.size(); ++i) {
    INFO(kFaces[i]);
    CHECK(faces[i]->shaped_pairs() == 0);
  }
}

}  // namespace
}  // namespace arsred::test

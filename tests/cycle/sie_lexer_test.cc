// The SIE reader's lexer: bytes to text (CP437, line ends, what is not text), and a line to its
// label and fields. What the fields mean, and the findings of whole files, are in sie_test.cc.
#include <catch2/catch.hpp>

#include <set>

#include "sie_lexer.h"

namespace arsred {
namespace {

TEST_CASE("CP437 decodes to Unicode, every byte one character", "[sie]") {
  CHECK(Cp437ToUtf8("\x86\x84\x94\x8F\x8E\x99") == "åäöÅÄÖ");
  CHECK(Cp437ToUtf8("\x82\x81\x90\x9A\x87\x80") == "éüÉÜçÇ");
  CHECK(Cp437ToUtf8("\xE1\xE6\xF8\xFD\x9C") == "ßµ°²£");
  CHECK(Cp437ToUtf8("\x9E\xC9\xFE\xFF") == "₧╔■\u00A0");
  CHECK(Cp437ToUtf8("#KONTO 1930 \"Bank\"") == "#KONTO 1930 \"Bank\"");
  // The upper half maps to 128 different characters, none of them ASCII.
  std::set<std::string> seen;
  for (int byte = 0x80; byte <= 0xFF; ++byte) {
    std::string decoded = Cp437ToUtf8(std::string(1, static_cast<char>(byte)));
    CHECK(static_cast<unsigned char>(decoded[0]) >= 0xC2);
    seen.insert(decoded);
  }
  CHECK(seen.size() == 128);
}

TEST_CASE("the text of a file: LF line ends, no Ctrl-Z, registered decoded", "[sie]") {
  SourceSet sources;
  Diagnostics diagnostics;
  const SieText text = DecodeSieText("#FNAMN \"L\x94n\"\r\n#RAR 0 20230101 20231231\r\n\x1A\x1A", "a.se", sources,
                                     diagnostics);
  CHECK(diagnostics.all().empty());
  CHECK(text.readable);
  CHECK(text.bytes == "#FNAMN \"L\x94n\"\n#RAR 0 20230101 20231231\n");
  CHECK(sources.file(text.file).path == "a.se");
  CHECK(sources.file(text.file).text == "#FNAMN \"Lön\"\n#RAR 0 20230101 20231231\n");
}

TEST_CASE("a file that is not text in its encoding is registered but not readable", "[sie]") {
  for (const char* bytes : {"\xFF\xFE#\0F", "\xEF\xBB\xBF#FNAMN L\x94n\n", "#FNAMN x\n#RAR\x01\n", "#FNAMN x\rKONTO\n"}) {
    SourceSet sources;
    Diagnostics diagnostics;
    const SieText text = DecodeSieText(bytes, "a.se", sources, diagnostics);
    INFO(bytes);
    CHECK_FALSE(text.readable);
    CHECK(text.file == 0);
    REQUIRE(diagnostics.all().size() == 1);
    CHECK(diagnostics.all()[0].code == "sie.encoding");
  }
  // A character that suggests another encoding is only pointed out.
  SourceSet sources;
  Diagnostics diagnostics;
  CHECK(DecodeSieText("#FNAMN \"L\xF6n\"\n", "a.se", sources, diagnostics).readable);
  REQUIRE(diagnostics.all().size() == 1);
  CHECK(diagnostics.all()[0].severity == Severity::kWarning);
  CHECK(diagnostics.all()[0].where.column == 10);
}

TEST_CASE("a line is blank, a brace, a record, or not a record", "[sie]") {
  CHECK(ScanSieLine(" \t ", 1).kind == SieLineKind::kBlank);
  CHECK(ScanSieLine("", 1).kind == SieLineKind::kBlank);
  const SieLine open = ScanSieLine("  {\t", 4);
  CHECK(open.kind == SieLineKind::kOpenBrace);
  CHECK(open.column == 3);
  CHECK(ScanSieLine("}", 5).kind == SieLineKind::kCloseBrace);
  CHECK(ScanSieLine("{ }", 5).kind == SieLineKind::kNotARecord);
  CHECK(ScanSieLine("KONTO 1930", 5).kind == SieLineKind::kNotARecord);
  const SieLine record = ScanSieLine("\t#KONTO 1930 Bank  ", 7);
  CHECK(record.kind == SieLineKind::kRecord);
  CHECK(record.record.label == "#KONTO");
  CHECK(record.record.line == 7);
  CHECK(record.record.column == 2);
  CHECK(record.record.end_column == 8);
  CHECK(record.record.fields.empty());  // read by ReadSieFields
}

TEST_CASE("fields: values, quotes and object lists, with their columns", "[sie]") {
  Diagnostics diagnostics;
  SieLine line = ScanSieLine("#TRANS 1930 {1 \"a}b\" 6 P1}\t\"-100.00\" \"x \\\"y\\\" \\\\ \\n\" \"\"", 3);
  REQUIRE(ReadSieFields(line, 0, diagnostics));
  CHECK(diagnostics.all().empty());
  const std::vector<SieField>& fields = line.record.fields;
  REQUIRE(fields.size() == 5);
  CHECK(fields[0].text == "1930");
  CHECK(fields[0].column == 8);
  CHECK(fields[0].end_column == 12);
  CHECK(fields[1].list);
  CHECK(fields[1].column == 13);
  CHECK(fields[1].end_column == 27);
  REQUIRE(fields[1].items.size() == 4);
  CHECK(fields[1].items[1].text == "a}b");
  CHECK(fields[1].items[3].text == "P1");
  CHECK(fields[2].text == "-100.00");
  CHECK(fields[3].text == "x \"y\" \\ \\n");
  CHECK(fields[4].text.empty());
  CHECK_FALSE(fields[4].list);
  CHECK(line.record.end_column == fields[4].end_column);
}

TEST_CASE("fields that cannot be told apart stop the record at the first", "[sie]") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"#KONTO 2440 \"Skulder", "sie.quote 13"},   // not closed on its line
      {"#KONTO 2440 \"Skul\"der", "sie.quote 19"},  // text after the closing quote
      {"#KONTO 2440 Skul\"der", "sie.quote 17"},    // a quote inside a value
      {"#TRANS 1930 {1 2 100.00", "sie.objects 13"},
      {"#TRANS 1930 {1 {2 3}} 100.00", "sie.objects 16"},
      {"#TRANS 1930 {1 2}x 100.00", "sie.objects 18"},
  };
  for (const auto& [text, finding] : cases) {
    INFO(text);
    Diagnostics diagnostics;
    SieLine line = ScanSieLine(text, 1);
    CHECK_FALSE(ReadSieFields(line, 0, diagnostics));
    REQUIRE(diagnostics.all().size() == 1);
    const Diagnostic& d = diagnostics.all()[0];
    CHECK(d.code + " " + std::to_string(d.where.column) == finding);
    CHECK(d.key_path == line.record.label);
  }
}

}  // namespace
}  // namespace arsred

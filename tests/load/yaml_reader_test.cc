// The YAML reader's tree: what the loader reads instead of yaml-cpp's nodes, built from the
// parser's events in one pass.
#include <catch2/catch.hpp>

#include "yaml_reader.h"

namespace arsred {
namespace {

struct Parsed {
  SourceSet sources;
  Diagnostics diagnostics;
  std::optional<ParsedFile> file;

  const YamlNode& root() const { return file->root; }
  // A node's position as the loader reports it: "line:column", 1-based, columns in characters.
  std::string At(const YamlNode& node) const {
    Where where = WhereOf(node.mark, file->file, sources);
    return std::to_string(where.line) + ":" + std::to_string(where.column);
  }
};

std::unique_ptr<Parsed> Parse(const std::string& text) {
  auto parsed = std::make_unique<Parsed>();
  parsed->file = ParseYamlText(text, "test.yaml", parsed->sources, parsed->diagnostics);
  return parsed;
}

TEST_CASE("a mapping keeps its keys in file order, duplicates included") {
  auto parsed = Parse("b: 1\na: 2\nb: 3\n");
  REQUIRE(parsed->file);
  CHECK(parsed->diagnostics.all().empty());
  const YamlNode& root = parsed->root();
  REQUIRE(root.IsMap());
  REQUIRE(root.entries.size() == 3);
  CHECK(root.entries[0].key.text == "b");
  CHECK(root.entries[1].key.text == "a");
  CHECK(root.entries[2].key.text == "b");
  CHECK(root.entries[2].value.text == "3");
  // A lookup finds the first of two equal keys; the loader reports the second as a duplicate.
  const YamlEntry* b = root.Lookup("b");
  REQUIRE(b != nullptr);
  CHECK(b->value.text == "1");
  CHECK(root.Lookup("c") == nullptr);
}

TEST_CASE("only scalars written without quotes, block indicator or tag are plain") {
  auto parsed = Parse(
      "plain: 12\n"
      "single: '12'\n"
      "double: \"12\"\n"
      "literal: |\n"
      "  12\n"
      "folded: >\n"
      "  12\n"
      "tagged: !!str 12\n"
      "'quoted key': x\n");
  REQUIRE(parsed->file);
  const YamlNode& root = parsed->root();
  auto value = [&](const char* key) -> const YamlNode& {
    const YamlEntry* entry = root.Lookup(key);
    REQUIRE(entry != nullptr);
    return entry->value;
  };
  CHECK(value("plain").plain);
  CHECK(value("plain").text == "12");
  CHECK_FALSE(value("single").plain);
  CHECK(value("single").text == "12");
  CHECK_FALSE(value("double").plain);
  CHECK_FALSE(value("literal").plain);
  CHECK(value("literal").text == "12\n");
  CHECK_FALSE(value("folded").plain);
  CHECK_FALSE(value("tagged").plain);
  // A quoted key is found by its text, as yaml-cpp's lookups did.
  REQUIRE(root.Lookup("quoted key") != nullptr);
  CHECK_FALSE(root.Lookup("quoted key")->key.plain);
}

TEST_CASE("keys and values carry yaml-cpp's marks, 1-based after conversion") {
  auto parsed = Parse(
      "namn: Provbygden\n"
      "säte:   Östersund\n"
      "lista:\n"
      "  - a\n"
      "  - 'b'\n"
      "tom:\n"
      "karta: {x: 1}\n");
  REQUIRE(parsed->file);
  const YamlNode& root = parsed->root();
  CHECK(parsed->At(root) == "1:1");
  REQUIRE(root.entries.size() == 5);
  CHECK(parsed->At(root.entries[0].key) == "1:1");
  CHECK(parsed->At(root.entries[0].value) == "1:7");
  CHECK(parsed->At(root.entries[1].value) == "2:9");  // columns count characters, not bytes
  const YamlNode& list = root.entries[2].value;
  CHECK(parsed->At(list) == "4:3");
  REQUIRE(list.items.size() == 2);
  CHECK(parsed->At(list.items[0]) == "4:5");
  CHECK(parsed->At(list.items[1]) == "5:5");  // a quoted scalar is marked at its opening quote
  // yaml-cpp marks an empty value at the token after it: here the next key.
  CHECK(parsed->At(root.entries[3].key) == "6:1");
  CHECK(parsed->At(root.entries[3].value) == "7:1");
  const YamlNode& map = root.entries[4].value;
  CHECK(parsed->At(map) == "7:8");
  REQUIRE(map.entries.size() == 1);
  CHECK(parsed->At(map.entries[0].value) == "7:12");
}

TEST_CASE("sequences nest, in block and flow style") {
  auto parsed = Parse(
      "rader:\n"
      "  - [1, 2]\n"
      "  - - a\n"
      "    - b\n"
      "  - namn: c\n"
      "  - []\n");
  REQUIRE(parsed->file);
  const YamlEntry* rows = parsed->root().Lookup("rader");
  REQUIRE(rows != nullptr);
  const YamlNode& list = rows->value;
  REQUIRE(list.IsSequence());
  REQUIRE(list.items.size() == 4);
  REQUIRE(list.items[0].IsSequence());
  REQUIRE(list.items[0].items.size() == 2);
  CHECK(list.items[0].items[1].text == "2");
  REQUIRE(list.items[1].IsSequence());
  CHECK(list.items[1].items[1].text == "b");
  REQUIRE(list.items[2].IsMap());
  CHECK(list.items[2].entries[0].value.text == "c");
  CHECK(list.items[3].IsSequence());
  CHECK(list.items[3].items.empty());
}

TEST_CASE("empty values, ~ and null are null — an empty quoted text is not") {
  auto parsed = Parse("a:\nb: ~\nc: null\nd: ''\ne:\n  - \n  -\n");
  REQUIRE(parsed->file);
  const YamlNode& root = parsed->root();
  REQUIRE(root.entries.size() == 5);
  CHECK(root.entries[0].value.IsNull());
  CHECK(root.entries[1].value.IsNull());
  CHECK(root.entries[2].value.IsNull());
  CHECK(root.entries[3].value.IsScalar());
  CHECK(root.entries[3].value.text.empty());
  const YamlNode& list = root.entries[4].value;
  REQUIRE(list.items.size() == 2);
  CHECK(list.items[0].IsNull());
  CHECK(list.items[1].IsNull());
}

TEST_CASE("keys that are not scalars are kept for the loader to refuse") {
  auto parsed = Parse("? [a, b]\n: 1\n: 2\n");
  REQUIRE(parsed->file);
  const YamlNode& root = parsed->root();
  REQUIRE(root.entries.size() == 2);
  CHECK(root.entries[0].key.IsSequence());
  CHECK(root.entries[0].value.text == "1");
  CHECK(root.entries[1].key.IsNull());
  CHECK(root.entries[1].value.text == "2");
}

TEST_CASE("only the first document is kept, and a second one is refused") {
  auto parsed = Parse("a: 1\n---\nb: 2\n");
  CHECK_FALSE(parsed->file);
  REQUIRE(parsed->diagnostics.all().size() == 1);
  CHECK(parsed->diagnostics.all()[0].code == "yaml.documents");
}

TEST_CASE("a syntax error gives no tree, with yaml-cpp's position") {
  auto parsed = Parse("a: 1\nb: [1, 2\n");
  CHECK_FALSE(parsed->file);
  REQUIRE(parsed->diagnostics.all().size() == 1);
  CHECK(parsed->diagnostics.all()[0].code == "yaml.syntax");
}

}  // namespace
}  // namespace arsred

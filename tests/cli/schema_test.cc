// The JSON Schemas in schema/ and the reference in docs/ are generated from model.h; the
// committed copies must be what `arsred schema --write .` writes now.
#include <catch2/catch.hpp>

#include "schema.h"
#include "load.h"
#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("the committed schemas and reference are up to date (run: arsred schema --write .)") {
  SchemaCollector schema = CollectInputSchema();
  for (const YearFileSpec& spec : kYearFileSpecs) {
    std::string stem = std::string(spec.name).substr(0, std::string(spec.name).find('.'));
    INFO(spec.name);
    CHECK(ReadFile(kSourceDir / "schema" / (stem + ".schema.json")) == JsonSchemaFor(schema, spec.name));
  }
  CHECK(ReadFile(kSourceDir / "docs/input-format.md") == MarkdownReference(schema));
  SchemaCollector layout = CollectLayoutSchema();
  CHECK(ReadFile(kSourceDir / "schema/layout.schema.json") == JsonSchemaFor(layout, "layout"));
  CHECK(ReadFile(kSourceDir / "docs/layout-format.md") == LayoutMarkdownReference(layout));
}

TEST_CASE("every key of the format is documented") {
  SchemaCollector schema = CollectInputSchema();
  for (const std::string& name : schema.order()) {
    for (const FieldDesc& field : schema.mapping(name).fields) {
      INFO(name << "." << field.key);
      CHECK(field.doc.size() > 5);
    }
  }
}

TEST_CASE("the JSON Schema forbids unknown keys and names required ones") {
  SchemaCollector schema = CollectInputSchema();
  std::string json = JsonSchemaFor(schema, "forbund.yaml");
  CHECK(json.find("\"additionalProperties\": false") != std::string::npos);
  CHECK(json.find("\"required\": [\"ar\", \"omfattning\", \"forbund\"]") != std::string::npos);
  CHECK(json.find("\"enum\": [\"ordforande\", \"vice_ordforande\", \"ledamot\"]") != std::string::npos);
}

// The loader reads a plain scalar that looks like a number as its text: `konton: [1510]`, as
// docs/sie.md and --propose-mapping write it. The schema said "string", so an editor checking
// against it flagged every account written alone.
TEST_CASE("the JSON Schema takes a number where the format reads one as text") {
  const std::string json = JsonSchemaFor(CollectInputSchema(), "rakenskaper.yaml");
  const size_t accounts = json.find("\"konton\": {");
  REQUIRE(accounts != std::string::npos);
  const size_t items = json.find("\"items\": {", accounts);
  REQUIRE(items != std::string::npos);
  CHECK(json.substr(items, 80).find("\"type\": [\"string\", \"number\"]") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

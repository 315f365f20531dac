#include "schema.h"

#include <set>
#include <sstream>

#include "layout_model.h"
#include "load.h"

namespace arsred {

SchemaCollector CollectInputSchema() {
  SchemaCollector schema;
  schema.AddRoot<OrgFile>();
  schema.AddRoot<TextFile>();
  schema.AddRoot<ActivityFile>();
  schema.AddRoot<BudgetFile>();
  schema.AddRoot<AccountsFile>();
  schema.AddRoot<CorrectionsFile>();
  return schema;
}

SchemaCollector CollectLayoutSchema() {
  SchemaCollector schema;
  schema.AddRoot<LayoutFile>();
  return schema;
}

namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

// Mappings reachable from `root`, in the order first met.
void Reachable(const SchemaCollector& schema, const TypeRef& type, std::vector<std::string>& out) {
  if (type.element) Reachable(schema, *type.element, out);
  if (type.kind != TypeRef::Kind::kMapping) return;
  for (const auto& seen : out) {
    if (seen == type.mapping) return;
  }
  out.push_back(type.mapping);
  for (const auto& field : schema.mapping(type.mapping).fields) Reachable(schema, field.type, out);
}

std::string DefName(const std::string& mapping) {
  std::string out;
  for (char c : mapping) out += (c == '.' ? '_' : c);
  return out;
}

class JsonWriter {
 public:
  std::string Type(const TypeRef& t, const std::string& doc, int indent) {
    std::string pad(static_cast<size_t>(indent), ' ');
    std::string d = doc.empty() ? "" : ",\n" + pad + "  \"description\": " + JsonString(doc);
    using K = TypeRef::Kind;
    switch (t.kind) {
      case K::kString:
        // A plain scalar that looks like a number is read as its text (konton: [1510], a year in
        // a column head): an editor checking the schema must not flag it.
        return "{\n" + pad + "  \"type\": [\"string\", \"number\"],\n" + pad + "  \"minLength\": 1" + d + "\n" + pad +
               "}";
      case K::kText:
        return "{\n" + pad + "  \"type\": \"string\",\n" + pad + "  \"minLength\": 1" + d + "\n" + pad + "}";
      case K::kInteger:
      case K::kMoney:
        return "{\n" + pad + "  \"type\": \"integer\"" + d + "\n" + pad + "}";
      case K::kDecimal:
        return "{\n" + pad + "  \"type\": [\"number\", \"string\"],\n" + pad +
               "  \"pattern\": \"^[0-9]+([.,][0-9]{1,2})?$\"" + d + "\n" + pad + "}";
      case K::kDate:
        return "{\n" + pad + "  \"type\": \"string\",\n" + pad + "  \"pattern\": \"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"" + d +
               "\n" + pad + "}";
      case K::kYearOrDate:
        return "{\n" + pad + "  \"type\": [\"integer\", \"string\"],\n" + pad +
               "  \"pattern\": \"^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$\"" + d + "\n" + pad + "}";
      case K::kBool:
        return "{\n" + pad + "  \"type\": \"boolean\"" + d + "\n" + pad + "}";
      case K::kId:
        return "{\n" + pad + "  \"type\": \"string\",\n" + pad + "  \"pattern\": \"^[a-z0-9][a-z0-9_-]*$\"" + d + "\n" +
               pad + "}";
      case K::kEnum: {
        std::string values, meanings;
        for (const auto& [spelling, meaning] : t.values) {
          values += (values.empty() ? "" : ", ") + JsonString(spelling);
          meanings += (meanings.empty() ? "" : "; ") + spelling + ": " + meaning;
        }
        std::string text = doc.empty() ? meanings : doc + " (" + meanings + ")";
        return "{\n" + pad + "  \"enum\": [" + values + "],\n" + pad + "  \"description\": " + JsonString(text) + "\n" +
               pad + "}";
      }
      case K::kList:
        return "{\n" + pad + "  \"type\": \"array\",\n" + pad + "  \"items\": " + Type(*t.element, "", indent + 2) + d +
               "\n" + pad + "}";
      case K::kDict:
        return "{\n" + pad + "  \"type\": \"object\",\n" + pad +
               "  \"propertyNames\": {\"pattern\": \"^[a-z0-9][a-z0-9_-]*$\"},\n" + pad +
               "  \"additionalProperties\": " + Type(*t.element, "", indent + 2) + d + "\n" + pad + "}";
      case K::kMapping:
        return "{\n" + pad + "  \"$ref\": \"#/definitions/" + DefName(t.mapping) + "\"" + d + "\n" + pad + "}";
    }
    return "{}";
  }

  std::string Mapping(const MappingDesc& m, int indent) {
    std::string pad(static_cast<size_t>(indent), ' ');
    std::string out = "\"type\": \"object\",\n" + pad + "\"additionalProperties\": false,\n" + pad + "\"properties\": {";
    std::string required;
    for (size_t i = 0; i < m.fields.size(); ++i) {
      const FieldDesc& f = m.fields[i];
      out += (i ? ",\n" : "\n") + pad + "  " + JsonString(f.key) + ": " + Type(f.type, f.doc, indent + 2);
      if (f.required) required += (required.empty() ? "" : ", ") + JsonString(f.key);
    }
    out += "\n" + pad + "}";
    if (!required.empty()) out += ",\n" + pad + "\"required\": [" + required + "]";
    return out;
  }
};

}  // namespace

std::string JsonSchemaFor(const SchemaCollector& schema, const std::string& file) {
  JsonWriter writer;
  TypeRef root;
  root.kind = TypeRef::Kind::kMapping;
  root.mapping = file;
  std::vector<std::string> reachable;
  Reachable(schema, root, reachable);
  std::string out = "{\n  \"$schema\": \"http://json-schema.org/draft-07/schema#\",\n";
  out += "  \"$comment\": \"Generated by `arsred schema`; do not edit. See docs/input-format.md.\",\n";
  out += "  \"title\": " + JsonString("arsred " + file) + ",\n  ";
  out += writer.Mapping(schema.mapping(file), 2);
  out += ",\n  \"definitions\": {";
  bool first = true;
  for (const auto& name : reachable) {
    if (name == file) continue;
    out += std::string(first ? "\n" : ",\n") + "    " + JsonString(DefName(name)) + ": {\n      ";
    out += writer.Mapping(schema.mapping(name), 6) + "\n    }";
    first = false;
  }
  out += "\n  }\n}\n";
  return out;
}

namespace {

std::string Anchor(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '.') continue;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string MarkdownType(const TypeRef& t) {
  using K = TypeRef::Kind;
  switch (t.kind) {
    case K::kString: return "text (one line)";
    case K::kText: return "markup text (see [markup](markup.md))";
    case K::kInteger: return "whole number";
    case K::kMoney: return "amount (whole kr, or tkr under `enhet: tkr`)";
    case K::kDecimal: return "decimal number (2,4)";
    case K::kDate: return "date (YYYY-MM-DD)";
    case K::kYearOrDate: return "year (YYYY) or date (YYYY-MM-DD)";
    case K::kBool: return "true or false";
    case K::kId: return "id (a-z, 0-9, - and _)";
    case K::kEnum: {
      std::string out = "one of";
      for (size_t i = 0; i < t.values.size(); ++i) out += (i ? ", `" : " `") + t.values[i].first + "`";
      return out;
    }
    case K::kList: return "list of " + MarkdownType(*t.element);
    case K::kDict: return "mapping of ids to " + MarkdownType(*t.element);
    case K::kMapping: return "[" + t.mapping + "](#" + Anchor(t.mapping) + ")";
  }
  return "";
}

std::string EscapeCell(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

}  // namespace

namespace {

// One section per mapping: its keys as a table, then the values of its enumerations.
void MarkdownMappings(const SchemaCollector& schema, const std::set<std::string>& files, std::ostream& out) {
  for (const auto& name : schema.order()) {
    const MappingDesc& m = schema.mapping(name);
    out << (files.count(name) ? "## " : "### ") << name << "\n\n";
    if (files.count(name)) {
      out << "Editor support: start the file with `# yaml-language-server: $schema=../../schema/"
          << name.substr(0, name.find('.')) << ".schema.json`.\n\n";
    }
    out << "| key | type | | meaning |\n| --- | --- | --- | --- |\n";
    for (const FieldDesc& f : m.fields) {
      out << "| `" << f.key << "` | " << EscapeCell(MarkdownType(f.type)) << " | " << (f.required ? "required" : "")
          << " | " << EscapeCell(f.doc) << " |\n";
    }
    out << "\n";
    for (const FieldDesc& f : m.fields) {
      const TypeRef* t = &f.type;
      while (t->element) t = t->element.get();
      if (t->kind != TypeRef::Kind::kEnum) continue;
      out << "`" << f.key << "` values:";
      for (size_t i = 0; i < t->values.size(); ++i) {
        out << (i ? "; `" : " `") << t->values[i].first << "` " << t->values[i].second;
      }
      out << ".\n\n";
    }
  }
}

}  // namespace

std::string MarkdownReference(const SchemaCollector& schema) {
  std::ostringstream out;
  out << "# Input format reference\n\n"
      << "<!-- Generated by `arsred schema --markdown`; do not edit. The format is declared once, in "
         "pipeline/load/model.h. -->\n\n"
      << "A year is a directory `inputs/<year>/` of these files. A report year needs all but "
         "`rattelser.yaml`; a comparative year (`omfattning: jamforelsear`) needs `forbund.yaml` and "
         "`rakenskaper.yaml`. Keys marked *required* must be given; lists may be left out when empty. "
         "Amounts are whole kronor unless the mapping they stand in says `enhet: tkr`. How prose is "
         "written is in [markup.md](markup.md); the rules that tie the figures together are in "
         "[validation.md](validation.md).\n\n"
      << "**Values still to fill in.** `arsred new <year> --from inputs/<year-1>` starts a year from the "
         "last: it carries what stays from year to year and writes the plain words `ATT FYLLA I` (without "
         "quotes) in place of every figure and text that is the new year's own. Any value may be written so "
         "(not a mapping or a list). `arsred check` reports each one with its place: a value as `fill.value`, "
         "and the year's figures are checked only once none is left; a text as `fill.text`, which does not "
         "hold up the checks. The JSON Schemas do not allow the words, so an editor marks them too.\n\n"
         "A draft is written all the same (`arsred build`, `arsred watch`): an amount, a count, a number "
         "or a goal's status still to fill in prints as `[?]`, and so does every figure reckoned from it (a "
         "sum, a share, a placeholder in the text), with a footnote under each table that has one; a chart "
         "with such a figure is not drawn yet, and says so; a text prints as written. The draft's last pages "
         "list each value with its place, the exit code is 2, and `--final` refuses. A value of another "
         "kind (a name, a date, a choice) has nothing a draft could print in its place: while one is left, "
         "no draft is written.\n\n";
  std::set<std::string> files;
  for (const YearFileSpec& spec : kYearFileSpecs) files.insert(spec.name);
  MarkdownMappings(schema, files, out);
  return out.str();
}

std::string LayoutMarkdownReference(const SchemaCollector& schema) {
  std::ostringstream out;
  out << "# Layout file reference\n\n"
      << "<!-- Generated by `arsred schema --write`; do not edit. Declared in pipeline/layout/layout_model.h. -->\n\n"
      << "A layout is a YAML file: the tool's own are `layouts/<name>.yaml` (`modern`, `classic`), and a "
         "förbund may keep one of its own beside its inputs. A year chooses its layout with `layout:` in "
         "`forbund.yaml` (default: `modern`):\n\n"
         "- a **name**, without `/`, is the file `layouts/<name>.yaml`: `layout: classic`;\n"
         "- a **path ending in `.yaml`** is a layout file of the förbund's own, relative to the year's "
         "directory: `layout: ../layout/norra-bohuslan.yaml` (a folder beside the years), or `layout: "
         "layout.yaml` (in the year's directory). An absolute path is refused, so that the inputs and their "
         "layout can be moved together.\n\n"
         "`arsred build --layout` (and `check`, `dump`, `watch`, `archive`) sets another layout for one run: "
         "a name, or a path from the current directory. A reference that does not resolve is an error at the "
         "`layout:` value, with the nearest name in `layouts/` (`layout.unknown`, `layout.missing`, "
         "`layout.reference`); `arsred check` reads the layout and finds its fonts exactly as `build` does.\n\n"
         "Page lengths are in millimetres, type sizes and spacing in points, colours `#rrggbb`. Fonts are "
         "TrueType files, named in `typsnitt` without a directory: each is looked for first in the layout "
         "file's own directory, then in `fonts/`. Running header and footer texts may hold `{titel}` (the "
         "report's title and year), `{forbund.namn}`, `{forbund.organisationsnummer}`, `{ar}`, `{sida}` and "
         "`{sidor}`, and no other (`layout.placeholder`). Editor support: `# yaml-language-server: $schema=../schema/layout.schema.json` in "
         "`layouts/`; a layout elsewhere gives the path from where it is to the tool's "
         "`schema/layout.schema.json`.\n\n";
  MarkdownMappings(schema, {"layout"}, out);
  return out.str();
}
}  // namespace arsred

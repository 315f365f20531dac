// The HTML edition as a browser's parser reads it (libxml2's HTML parser): its headings, tables,
// charts and links, the figures it prints against ReportFigures cell by cell, hostile inputs,
// refusals, reproducibility and atomic writing.
#include <catch2/catch.hpp>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "build.h"
#include "calculate.h"
#include "escape_markup.h"
#include "html_style.h"
#include "html_text.h"
#include "layout.h"
#include "report_parts.h"
#include "test_util.h"

namespace arsred::test {
namespace {

// ----- reading the page --------------------------------------------------------------------------

struct FreeDoc {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using Html = std::unique_ptr<xmlDoc, FreeDoc>;

Html Parse(const std::string& page) {
  return Html(htmlReadMemory(page.data(), static_cast<int>(page.size()), "report.html", "UTF-8",
                             HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
}

std::string Name(const xmlNode* node) { return reinterpret_cast<const char*>(node->name); }

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string text = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return text;
}

bool HasAttribute(const xmlNode* node, const char* name) {
  return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string Text(const xmlNode* node) {
  xmlChar* content = xmlNodeGetContent(node);
  std::string text = content == nullptr ? "" : reinterpret_cast<const char*>(content);
  xmlFree(content);
  return text;
}

// Every element under `node` (itself included) in document order.
void Elements(xmlNode* node, std::vector<xmlNode*>& out) {
  for (; node != nullptr; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    out.push_back(node);
    Elements(node->children, out);
  }
}

std::vector<xmlNode*> AllElements(const Html& doc) {
  std::vector<xmlNode*> out;
  Elements(xmlDocGetRootElement(doc.get()), out);
  return out;
}

std::vector<xmlNode*> Children(xmlNode* node, const std::string& name) {
  std::vector<xmlNode*> out;
  for (xmlNode* child = node->children; child != nullptr; child = child->next) {
    if (child->type == XML_ELEMENT_NODE && Name(child) == name) out.push_back(child);
  }
  return out;
}

std::vector<xmlNode*> Descendants(xmlNode* node, const std::string& name) {
  std::vector<xmlNode*> all, out;
  Elements(node->children, all);
  for (xmlNode* element : all) {
    if (Name(element) == name) out.push_back(element);
  }
  return out;
}

int HeadingLevel(const std::string& name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6' ? name[1] - '0' : 0;
}

// The rows of a table as their cells' texts: the head's rows, then the body's.
std::vector<std::vector<std::string>> Rows(xmlNode* table) {
  std::vector<std::vector<std::string>> rows;
  for (const char* part : {"thead", "tbody"}) {
    for (xmlNode* section : Children(table, part)) {
      for (xmlNode* row : Children(section, "tr")) {
        std::vector<std::string> cells;
        for (xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
          if (cell->type == XML_ELEMENT_NODE) cells.push_back(Text(cell));
        }
        rows.push_back(cells);
      }
    }
  }
  return rows;
}

// The same rows as the PDF prints them, from ReportFigures (a spacer row is space, no row).
std::vector<std::vector<std::string>> Rows(const ReportTable& table) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& head : table.head) {
    std::vector<std::string> cells;
    for (const HeadCell& cell : head) cells.push_back(cell.text);
    rows.push_back(cells);
  }
  for (const ReportRow& row : table.rows) {
    if (row.style == RowStyle::kSpacer) continue;
    std::vector<std::string> cells;
    for (const Cell& cell : row.cells) cells.push_back(cell.text);
    rows.push_back(cells);
  }
  return rows;
}

std::string BuildHtml(const fs::path& year, const fs::path& out, std::vector<std::string> more = {}) {
  std::vector<std::string> args{"build", year.string(), "--html", "-o", out.string()};
  args.insert(args.end(), more.begin(), more.end());
  RunResult run = RunArsred(args);
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return ReadHtmlPage(out);
}

ReportFigures FiguresOf(const fs::path& year) {
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs(year.string(), inputs, diagnostics));
  return Calculate(inputs, true, Presentation{}, diagnostics);
}

// ----- the structure ----------------------------------------------------------------------------

void CheckStructure(const std::string& year) {
  TempDir temp;
  const fs::path dir = kSourceDir / "inputs" / year;
  const std::string page = BuildHtml(dir, temp.path() / "rapport.html", {"--open-data"});
  Html doc = Parse(page);
  REQUIRE(doc != nullptr);
  const std::vector<xmlNode*> elements = AllElements(doc);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  CHECK(Name(root) == "html");
  CHECK(Attribute(root, "lang") == "sv");
  CHECK(page.rfind("<!DOCTYPE html>\n", 0) == 0);

  std::map<std::string, int> count;
  for (xmlNode* e : elements) ++count[Name(e)];
  CHECK(count["title"] >= 1);
  CHECK(count["main"] == 1);
  CHECK(count["nav"] == 1);
  CHECK(count["h1"] > 2);  // the title, the contents and each part, as the PDF's H1s
  CHECK(count["h5"] + count["h6"] == 0);
  bool charset = false, viewport = false;
  for (xmlNode* e : elements) {
    if (Name(e) != "meta") continue;
    charset = charset || Attribute(e, "charset") == "utf-8";
    viewport = viewport || Attribute(e, "name") == "viewport";
  }
  CHECK(charset);
  CHECK(viewport);

  // Headings: h1 to h4, as the tagged PDF's H1 to H4 (the title and each part an h1), no level
  // skipped on the way down.
  int previous = 0;
  std::vector<std::pair<int, std::string>> headings;  // in main: level and id
  bool in_main = false;
  for (xmlNode* e : elements) {
    if (Name(e) == "main") in_main = true;
    const int level = HeadingLevel(Name(e));
    if (level == 0) continue;
    INFO(year << ": " << Name(e) << " " << Text(e) << " after h" << previous);
    CHECK(level <= previous + 1);
    CHECK(level <= 4);
    CHECK(!Text(e).empty());
    previous = level;
    if (in_main) headings.emplace_back(level, Attribute(e, "id"));
  }
  CHECK(headings.size() > 20);

  // The skip link leads to main; the contents link to every h1 and h2 of it.
  std::set<std::string> ids, contents_links;
  for (xmlNode* e : elements) {
    if (HasAttribute(e, "id")) {
      INFO("id " << Attribute(e, "id"));
      CHECK(ids.insert(Attribute(e, "id")).second);  // each id once
    }
    if (Name(e) == "nav") {
      for (xmlNode* a : Descendants(e, "a")) contents_links.insert(Attribute(a, "href"));
    }
  }
  bool skip_link = false;
  for (xmlNode* e : elements) {
    if (Name(e) == "a" && Attribute(e, "class") == "skip-link") skip_link = Attribute(e, "href") == "#main";
    if (Name(e) == "main") CHECK(Attribute(e, "id") == "main");
  }
  CHECK(skip_link);
  for (const auto& [level, id] : headings) {
    if (level > 2) continue;
    INFO("h" << level << " #" << id);
    CHECK(contents_links.count("#" + id) == 1);
  }
  for (const std::string& link : contents_links) CHECK(ids.count(link.substr(1)) == 1);

  // Tables: a caption first, a head, and a scope on every header cell.
  int tables = 0;
  for (xmlNode* e : elements) {
    if (Name(e) != "table") continue;
    ++tables;
    xmlNode* first = e->children;
    while (first != nullptr && first->type != XML_ELEMENT_NODE) first = first->next;
    INFO(year << ": table " << (first ? Text(first) : "(empty)"));
    REQUIRE(first != nullptr);
    CHECK(Name(first) == "caption");
    CHECK(!Text(first).empty());
    CHECK(Children(e, "thead").size() == 1);
    // A section's heading row spans the table's columns, as wide as every other row.
    size_t columns = 0;
    for (xmlNode* row : Descendants(e, "tr")) {
      size_t cells = 0;
      for (xmlNode* cell = row->children; cell != nullptr; cell = cell->next) {
        if (cell->type != XML_ELEMENT_NODE) continue;
        const std::string span = Attribute(cell, "colspan");
        cells += span.empty() ? 1 : std::stoul(span);
      }
      if (columns == 0) columns = cells;  // the head's first row
      if (Attribute(row, "class").find("section") != std::string::npos && columns > 1) {
        CHECK(Attribute(Descendants(row, "th").at(0), "colspan") == std::to_string(columns));
      }
    }
    // A caption for screen readers only stands under a heading that names the table: it says
    // what the heading says ("Driftsredovisning", not the table's default "Driftredovisning").
    if (Attribute(first, "class") == "visually-hidden") {
      xmlNode* before = Name(e->parent) == "div" ? e->parent->prev : e->prev;
      while (before != nullptr && before->type != XML_ELEMENT_NODE) before = before->prev;
      if (before != nullptr && HeadingLevel(Name(before)) > 0) CHECK(Text(first) == Text(before));
    }
    for (xmlNode* th : Descendants(e, "th")) {
      // A table nested in a goal's cell owns its own header cells.
      const std::string scope = Attribute(th, "scope");
      CHECK((scope == "col" || scope == "row"));
    }
  }
  CHECK(tables > 10);

  // Charts: an image with a name made from its figures.
  int charts = 0;
  for (xmlNode* e : elements) {
    if (Name(e) != "svg") continue;
    ++charts;
    CHECK(Attribute(e, "role") == "img");
    std::string name = Attribute(e, "aria-label");
    const std::string labelled_by = Attribute(e, "aria-labelledby");
    for (xmlNode* other : elements) {
      if (!labelled_by.empty() && Attribute(other, "id") == labelled_by) name = Text(other);
    }
    INFO(name);
    CHECK((name.rfind("Cirkeldiagram: ", 0) == 0 || name.rfind("Stapeldiagram: ", 0) == 0));
    CHECK(name.find(" %") != std::string::npos);
  }
  const ReportFigures figures = FiguresOf(dir);
  const bool drawable = std::any_of(figures.charts.begin(), figures.charts.end(),
                                    [](const auto& chart) { return !chart.second.to_fill; });
  CHECK(charts >= (drawable ? 1 : 0));

  // Nothing is fetched: no src anywhere, no style sheet or script from a file, and an http(s)
  // address only in a link that the year's text itself writes.
  const std::string text_yaml = ReadFile(dir / "text.yaml");
  for (xmlNode* e : elements) {
    INFO(Name(e));
    CHECK(!HasAttribute(e, "src"));
    CHECK(Name(e) != "script");
    CHECK(Name(e) != "link");
    CHECK(Name(e) != "iframe");
    CHECK(Name(e) != "object");
    for (const char* attribute : {"href", "xlink:href", "action", "data", "srcset", "poster"}) {
      const std::string value = Attribute(e, attribute);
      if (value.rfind("http:", 0) == 0 || value.rfind("https:", 0) == 0 || value.rfind("//", 0) == 0) {
        INFO(value);
        CHECK(Name(e) == "a");
        CHECK(text_yaml.find("<" + value + ">") != std::string::npos);
      }
    }
  }
  CHECK(page.find("url(") == std::string::npos);
  CHECK(page.find("@import") == std::string::npos);
  // The open data beside it, by a relative link.
  CHECK(page.find("href=\"rapport.figures.json\"") != std::string::npos);
  CHECK(fs::exists(temp.path() / "rapport.figures.json"));

  // The figures: every table the PDF prints in a part of its own or where the text embeds it is
  // in the page, row by row and cell by cell, the strings ReportFigures holds (U+2212, U+202F).
  std::multimap<std::string, xmlNode*> by_caption;
  for (xmlNode* e : elements) {
    if (Name(e) == "table" && !Children(e, "caption").empty()) by_caption.emplace(Text(Children(e, "caption")[0]), e);
  }
  // The tables the PDF prints: the statements, the notes, and those the texts embed.
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs(dir.string(), inputs, diagnostics));
  const ReportProse prose = ProseOf(inputs);
  std::vector<const arsred::Text*> texts;
  if (prose.text.forvaltningsberattelse) texts.push_back(&prose.text.forvaltningsberattelse->value);
  if (prose.text.redovisningsprinciper) texts.push_back(&prose.text.redovisningsprinciper->value);
  for (const Appendix& appendix : prose.text.bilagor) texts.push_back(&appendix.text.value);
  for (const GoalArea& area : prose.goal_areas) {
    for (const Goal& goal : area.mal) texts.push_back(&goal.redovisning.value);
  }
  std::vector<const ReportTable*> printed_tables = NoteTables(figures);
  for (const char* statement : {"resultatrakning", "balansrakning", "kassaflodesanalys"}) {
    printed_tables.push_back(&figures.tables.at(statement));
  }
  for (const arsred::Text* text : texts) {
    for (const Block& block : text->doc.blocks) {
      if (block.kind != Block::Kind::kEmbed) continue;
      const EmbedTarget target = ResolveEmbed(figures, prose.goal_areas, block.embed);
      if (target.kind == EmbedTarget::Kind::kTable) printed_tables.push_back(target.table);
    }
  }
  int compared = 0, numbers = 0;
  for (const ReportTable* table : printed_tables) {
    INFO(year << ": " << table->id << " \"" << table->title << "\"");
    if (table->title.empty()) continue;  // a survey without a title: found by no caption of its own
    // Two tables may share a title (a time series and a table of the year): one of those so
    // captioned must be this one, and is then taken.
    // Under a heading that names it, a table is captioned by the heading's words.
    std::vector<std::multimap<std::string, xmlNode*>::iterator> captioned;
    for (auto it = by_caption.begin(); it != by_caption.end(); ++it) {
      if (it->first == table->title || SaysTheSame(table->title, it->first)) captioned.push_back(it);
    }
    REQUIRE(!captioned.empty());
    auto same = std::find_if(captioned.begin(), captioned.end(),
                             [&](const auto& entry) { return Rows(entry->second) == Rows(*table); });
    if (same == captioned.end()) {
      CHECK(Rows(captioned.front()->second) == Rows(*table));  // shows the difference
      continue;
    }
    by_caption.erase(*same);
    ++compared;
    for (const ReportRow& row : table->rows) {
      for (const Cell& cell : row.cells) numbers += cell.numeric && !cell.text.empty();
    }
  }
  CHECK(compared >= 10);
  CHECK(numbers > 100);
  // Every amount the report year's statements print appears in the page as printed.
  const std::string text = Text(root);
  for (const auto& [figure, printed] : figures.rounded_tkr) {
    if (figure.rfind("rr.", 0) != 0 && figure.rfind("br.", 0) != 0) continue;
    INFO(figure << " " << printed);
    CHECK((text.find(FormatNumber(printed)) != std::string::npos ||
           text.find(FormatNumber(-printed)) != std::string::npos));
  }
  // Swedish typography, as the PDF prints it.
  CHECK(text.find("\u2212") != std::string::npos);
  CHECK(text.find("\u202F") != std::string::npos);
}

TEST_CASE("the HTML edition of 2020 reads as a document: headings, contents, tables, charts, figures") {
  CheckStructure("2020");
}

TEST_CASE("the HTML edition of 2023 reads as a document: headings, contents, tables, charts, figures") {
  CheckStructure("2023");
}

TEST_CASE("the HTML edition is the same bytes from the same inputs, and written whole") {
  TempDir temp;
  const fs::path year = kSourceDir / "inputs/2023";
  const std::string first = BuildHtml(year, temp.path() / "a.html", {"--open-data"});
  const std::string second = BuildHtml(year, temp.path() / "b.html", {"--open-data"});
  // The pages differ only in the name of their data file.
  CHECK(ReplaceAll(first, "a.figures.json", "b.figures.json") == second);
  CHECK(ReadFile(temp.path() / "a.figures.json") == ReadFile(temp.path() / "b.figures.json"));
  // The data file is the figures dump's JSON.
  RunResult dump = RunArsred({"dump", "--stage", "figures", "--format", "json", year.string()});
  REQUIRE(dump.exit_code == 0);
  CHECK(ReadFile(temp.path() / "a.figures.json") == dump.out);
  // A name that is not a plain word is linked percent-encoded.
  BuildHtml(year, temp.path() / "års rapport#1.html", {"--open-data"});
  CHECK(ReadFile(temp.path() / "års rapport#1.html").find("href=\"%C3%A5rs%20rapport%231.figures.json\"") !=
        std::string::npos);
  CHECK(fs::exists(temp.path() / "års rapport#1.figures.json"));
  fs::remove(temp.path() / "års rapport#1.html");
  fs::remove(temp.path() / "års rapport#1.figures.json");
  // No temporary file is left beside it.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(temp.path())) files += entry.is_regular_file();
  CHECK(files == 4);

  // A directory that does not exist: nothing is written, the reason is named, exit 2.
  RunResult missing = RunArsred({"build", year.string(), "--html", "-o", (temp.path() / "nowhere/r.html").string()});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nowhere") != std::string::npos);
  // An old page stays as it was when the new one cannot be made (a final of a draft year).
  RunResult refused = RunArsred({"build", year.string(), "--html", "--final", "-o", (temp.path() / "a.html").string()});
  CHECK(refused.exit_code == 2);
  CHECK(ReadHtmlPage(temp.path() / "a.html") == first);
}

// On a phone's width a table's long word breaks where Swedish hyphenates it, with a hyphen the
// browser draws at a soft hyphen; the report's own hyphenation list wins over the dictionary.
// A table that scrolls sideways keeps its words whole, and prose is left to the browser.
TEST_CASE("the words of tables that fit the width carry soft hyphens where the PDF would hyphenate them") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "text.yaml", "forvaltningsberattelse: |",
                                       "avstavning: [kost-nader]\nforvaltningsberattelse: |");
  const fs::path out = temp.path() / "r.html";
  REQUIRE(RunArsred({"build", year.string(), "--html", "-o", out.string()}).exit_code == 0);
  const std::string raw = ReadFile(out);
  CHECK(raw.find(">Verk\u00ADsam\u00ADhe\u00ADtens in\u00ADtäk\u00ADter</th>") != std::string::npos);
  CHECK(raw.find(">Verk\u00ADsam\u00ADhe\u00ADtens kost\u00ADnader</th>") != std::string::npos);
  // No soft hyphen outside a table's words: not in prose, nor in an attribute or a tag.
  for (const std::string& paragraph : {std::string("<p>"), std::string("<h2")}) {
    const size_t at = raw.find(paragraph);
    REQUIRE(at != std::string::npos);
    CHECK(raw.substr(at, raw.find('<', at + 1) - at).find("\u00AD") == std::string::npos);
  }
  CHECK(raw.find("=\"\u00AD") == std::string::npos);
}

TEST_CASE("build --html: the options that belong to the PDF are refused, and several years go to a directory") {
  TempDir temp;
  const std::string year = (kSourceDir / "inputs/2023").string();
  CHECK(RunArsred({"build", year, "--html", "--pdfa"}).exit_code == 1);
  CHECK(RunArsred({"build", year, "--html", "--tagged"}).exit_code == 1);
  CHECK(RunArsred({"build", year, "--open-data", "-o", (temp.path() / "r.pdf").string()}).exit_code == 1);
  CHECK(fs::is_empty(temp.path()));
  RunResult both = RunArsred({"build", (kSourceDir / "inputs/2020").string(), year, "--html", "-o", temp.path().string()});
  INFO(both.err);
  CHECK(both.exit_code == 0);
  CHECK(fs::exists(temp.path() / "arsredovisning-2020.html"));
  CHECK(fs::exists(temp.path() / "arsredovisning-2023.html"));
  // A final year's page has no draft banner; a draft's has one, and its findings part.
  fs::create_directories(temp.path() / "final");
  const fs::path final_year = FinalSeedCopy(temp.path() / "final", "2023");
  const std::string final_page = BuildHtml(final_year, temp.path() / "final.html", {"--final"});
  CHECK(final_page.find("<p class=\"draft-banner\"") == std::string::npos);
  CHECK(final_page.find("Utkast") == std::string::npos);
  CHECK(final_page.find("Granskningsanteckningar") == std::string::npos);
  const std::string draft_page = ReadHtmlPage(temp.path() / "arsredovisning-2023.html");
  CHECK(draft_page.find("<p class=\"draft-banner\">Utkast") != std::string::npos);
  CHECK(draft_page.find(">Granskningsanteckningar (utkast)</h1>") != std::string::npos);
}

TEST_CASE("a chart whose values are still to fill in says so in words, and draws nothing") {
  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  REQUIRE(RunArsred({"new", "2024", "--from", (temp.path() / "inputs/2023").string()}).exit_code == 0);
  const fs::path year = temp.path() / "inputs/2024";
  const std::string text = ReadFile(year / "text.yaml");
  REQUIRE(text.find("forvaltningsberattelse: ATT FYLLA I\n") != std::string::npos);
  WriteFile(year / "text.yaml", ReplaceAll(text, "forvaltningsberattelse: ATT FYLLA I\n",
                                           "forvaltningsberattelse: |\n  # Förvaltningsberättelse\n\n"
                                           "  [[diagram:kostnadsfordelning]]\n"));
  const fs::path out = temp.path() / "r.html";
  RunResult run = RunArsred({"build", year.string(), "--html", "-o", out.string()});
  INFO(run.err);
  CHECK(run.exit_code == 2);  // a draft, written, of inputs with values to fill in
  const std::string page = ReadHtmlPage(out);
  CHECK(page.find("<figcaption>Kostnadsfördelning</figcaption>\n<p class=\"to-fill\">" + ChartToFillText() + "</p>") !=
        std::string::npos);
  CHECK(page.find("<svg") == std::string::npos);
  CHECK(page.find("<p class=\"draft-banner\">Utkast") != std::string::npos);
  // The draft's last part lists the findings, each with its place.
  CHECK(page.find("<ul class=\"findings\">\n<li>") != std::string::npos);
  CHECK(page.find("error[fill.value]") != std::string::npos);
}

TEST_CASE("with diagrammonster the web edition hatches a pie's slices and swatches as the PDF does") {
  TempDir temp;
  const fs::path classic = temp.path() / "classic.html", modern = temp.path() / "modern.html";
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  REQUIRE(RunArsred({"build", year, "--html", "--layout", "classic", "-o", classic.string()}).exit_code == 0);
  REQUIRE(RunArsred({"build", year, "--html", "-o", modern.string()}).exit_code == 0);
  const std::string hatched = ReadHtmlPage(classic);
  // The base year's pie has three slices: the second hatched at 45°, the third across, each
  // slice and its swatch drawn again over its colour.
  CHECK(Count(hatched, "<pattern id=") == 8);   // four directions, in white and in black lines
  CHECK(Count(hatched, "-hatch-45-") == 2 + 2);  // its two patterns, the slice, the swatch
  CHECK(Count(hatched, "-hatch-0-") == 2 + 2);
  CHECK(Count(hatched, "-hatch-90-") == 2);      // defined, not used
  CHECK(Count(ReadHtmlPage(modern), "<pattern") == 0);
}

// ----- hostile inputs ----------------------------------------------------------------------------

// inputs/ copied into `dir`, with 2023's text and a table caption changed by `edit`.
fs::path EditedCopy(const fs::path& dir, const std::string& file, const std::string& from, const std::string& to) {
  fs::copy(kSourceDir / "inputs", dir / "inputs", fs::copy_options::recursive);
  const fs::path year = dir / "inputs/2023";
  const std::string text = ReadFile(year / file);
  REQUIRE(text.find(from) != std::string::npos);
  WriteFile(year / file, ReplaceAll(text, from, to));
  return year;
}

TEST_CASE("markup in the inputs comes out as text: scripts, images and quotes are escaped") {
  TempDir temp;
  const std::string hostile = "<script>alert(1)</script> och <img src=x onerror=alert(1)>";
  const fs::path year = EditedCopy(temp.path(), "text.yaml", "  # Förvaltningsberättelse\n",
                                   "  # Förvaltningsberättelse\n\n  Första " + hostile +
                                       " och <https://exempel.se/\"onmouseover=\"alert(1)>\n");
  const std::string caption = "Tabell 2. Deltagarflöden i insatser";
  WriteFile(year / "verksamhet.yaml",
            ReplaceAll(ReadFile(year / "verksamhet.yaml"), "rubrik: " + caption,
                       "rubrik: \"" + caption + " <script>alert(2)</script><img src=x onerror=alert(2)>\""));
  const std::string page = BuildHtml(year, temp.path() / "r.html");
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; och &lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(2)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</caption>") !=
        std::string::npos);
  // Parsed, the words are text, and the link has its address and nothing else.
  Html doc = Parse(page);
  int links = 0;
  for (xmlNode* e : AllElements(doc)) {
    CHECK(Name(e) != "script");
    CHECK(Name(e) != "img");
    CHECK(!HasAttribute(e, "onerror"));
    CHECK(!HasAttribute(e, "onmouseover"));
    if (Name(e) == "p" && Text(e).rfind("Första", 0) == 0) CHECK(Text(e).find(hostile) != std::string::npos);
    if (Name(e) == "a" && Attribute(e, "href").rfind("https://exempel.se/", 0) == 0) {
      ++links;
      CHECK(Attribute(e, "href") == "https://exempel.se/\"onmouseover=\"alert(1)");
    }
  }
  CHECK(links == 1);
}

TEST_CASE("build --html refuses a javascript: link and a bidirectional override, at their places, writing nothing") {
  struct Case {
    const char* code;
    std::string line;
  };
  for (const Case& c : {Case{"markup.link", "  Se <javascript:alert(1)> här.\n"},
                        Case{"file.encoding", "  Ett \u202Eomvänt\u202C ord.\n"}}) {
    TempDir temp;
    const fs::path year = EditedCopy(temp.path(), "text.yaml", "  # Förvaltningsberättelse\n",
                                     "  # Förvaltningsberättelse\n\n" + c.line);
    const fs::path out = temp.path() / "r.html";
    RunResult run = RunArsred({"build", year.string(), "--html", "--open-data", "-o", out.string()});
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(std::string("text.yaml:5:")) != std::string::npos);
    CHECK(run.err.find(std::string("error[") + c.code + "]") != std::string::npos);
    CHECK(!fs::exists(out));
    CHECK(!fs::exists(temp.path() / "r.figures.json"));
  }
}

// ----- the writer's parts ------------------------------------------------------------------------

TEST_CASE("EscapeMarkup writes the five characters of markup as references") {
  CHECK(EscapeMarkup("a & b < c > d \" e ' f") == "a &amp; b &lt; c &gt; d &quot; e &#39; f");
  CHECK(EscapeMarkup("Årets resultat \u2212" "1\u202F409") == "Årets resultat \u2212" "1\u202F409");
}

TEST_CASE("headings' ids are ASCII words, each once") {
  HeadingIds ids;
  CHECK(ids.Make("Resultaträkning") == "resultatrakning");
  CHECK(ids.Make("Förhållanden och händelser av betydelse") == "forhallanden-och-handelser-av-betydelse");
  CHECK(ids.Make("Resultaträkning") == "resultatrakning-2");
  CHECK(ids.Make("Not 1 Verksamhetens intäkter") == "not-1-verksamhetens-intakter");
  CHECK(ids.Make("2023") == "del-2023");
  CHECK(ids.Make("\"<>\"") == "del");
}

TEST_CASE("a layout colour too light for text is darkened to 4.5:1 on white, and a dark one kept") {
  const Color white{255, 255, 255};
  const Color blue{0x1f, 0x4e, 0x79};
  CHECK(Readable(blue, {white}) == blue);
  for (const Color light : {Color{0xff, 0xc0, 0x00}, Color{0xa5, 0xa5, 0xa5}, Color{0xff, 0xff, 0xff}}) {
    const Color readable = Readable(light, {white});
    CHECK(ContrastRatio(readable, white) >= kMinimumTextContrast);
    CHECK(ContrastRatio(readable, white) < 6.0);  // darkened just enough, not to black
  }
  CHECK(ContrastRatio(Color{0, 0, 0}, white) == Approx(21.0));
  // On the layout's table stripes as well as on white.
  const Color stripe{0xee, 0xee, 0xee};
  CHECK(ContrastRatio(Readable(Color{0x76, 0x76, 0x76}, {white, stripe}), stripe) >= kMinimumTextContrast);
}

}  // namespace
}  // namespace arsred::test

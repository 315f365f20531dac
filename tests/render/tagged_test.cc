// The tagged PDF (PDF/UA-1), checked as far as it can be without a full validator (PAC and
// veraPDF are not available here; docs/accessibility.md lists what they would add): the marked
// content of every page, the structure tree and the parent tree that ties them, what a reader
// gets from the tree, and that tagging changes neither a pixel nor the file much.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include <map>
#include <set>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

bool IsName(QPDFObjectHandle object, const char* name) { return object.isName() && object.getName() == name; }

// The content stream's operators and operands, as whitespace-separated tokens. libharu writes
// text as hex strings (<0041…>), so no token inside a string can look like an operator.
std::vector<std::string> ContentTokens(QPDFObjectHandle page) {
  std::string content;
  for (QPDFObjectHandle stream : QPDFPageObjectHelper(page).getPageContents()) {
    std::shared_ptr<Buffer> data = stream.getStreamData();
    content.append(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
    content += '\n';
  }
  // Dictionaries ("<</MCID 3>>") are written without spaces around their brackets.
  std::string spaced;
  for (char c : content) {
    if (c == '<' || c == '>') {
      spaced += ' ';
      spaced += c;
      spaced += ' ';
    } else {
      spaced += c;
    }
  }
  std::istringstream words(spaced);
  std::vector<std::string> tokens;
  for (std::string word; words >> word;) tokens.push_back(word);
  return tokens;
}

struct StructureWalk {
  std::vector<std::string> types;                  // every element's type, in reading order
  std::map<QPDFObjGen, std::set<int>> mcids;       // page -> MCIDs listed in the tree
  std::map<std::pair<QPDFObjGen, int>, QPDFObjGen> element_of;  // (page, MCID) -> element
  std::set<QPDFObjGen> annotations;                // annotations referenced by OBJR
  std::vector<std::string> alts;                   // the Figures' alternative texts
  // Each Table's rows, as the columns each covers: its cells' /ColSpan summed.
  std::vector<std::vector<long long>> table_rows;
  std::vector<size_t> open_tables;  // while walking: the tables the element is in, innermost last
  // Each heading's level (1 for H1) and /ActualText ("" without), in reading order.
  std::vector<std::pair<int, std::string>> headings;
  std::vector<std::string> problems;
};

// A table cell's columns: its /ColSpan attribute, or 1.
long long ColumnsOf(QPDFObjectHandle cell) {
  QPDFObjectHandle attributes = cell.getKey("/A");
  if (!attributes.isDictionary()) return 1;
  QPDFObjectHandle span = attributes.getKey("/ColSpan");
  return span.isInteger() ? span.getIntValue() : 1;
}

void Walk(QPDFObjectHandle element, StructureWalk& walk, std::set<QPDFObjGen>& seen) {
  if (!element.isDictionary()) return;
  if (element.isIndirect() && !seen.insert(element.getObjGen()).second) {
    walk.problems.push_back("an element is reached twice");
    return;
  }
  const std::string type = element.getKey("/S").isName() ? element.getKey("/S").getName() : "?";
  walk.types.push_back(type);
  if (type == "/Figure") {
    const std::string alt = element.getKey("/Alt").isString() ? element.getKey("/Alt").getUTF8Value() : "";
    if (alt.empty()) walk.problems.push_back("a Figure without /Alt");
    walk.alts.push_back(alt);
  }
  if (type == "/TH") {
    QPDFObjectHandle scope = element.getKey("/A").getKey("/Scope");
    if (!IsName(scope, "/Column") && !IsName(scope, "/Row")) walk.problems.push_back("a TH without a scope");
  }
  if (type == "/Table") {
    walk.open_tables.push_back(walk.table_rows.size());
    walk.table_rows.emplace_back();
  }
  if (type == "/TR") {
    long long columns = 0;
    for (int i = 0; element.getKey("/K").isArray() && i < element.getKey("/K").getArrayNItems(); ++i) {
      columns += ColumnsOf(element.getKey("/K").getArrayItem(i));
    }
    if (walk.open_tables.empty()) walk.problems.push_back("a TR outside a Table");
    if (!walk.open_tables.empty()) walk.table_rows[walk.open_tables.back()].push_back(columns);
  }
  if (type.size() == 3 && type[1] == 'H' && type[2] >= '1' && type[2] <= '6') {
    QPDFObjectHandle actual = element.getKey("/ActualText");
    walk.headings.emplace_back(type[2] - '0', actual.isString() ? actual.getUTF8Value() : "");
  }
  QPDFObjectHandle page = element.getKey("/Pg");
  QPDFObjectHandle kids = element.getKey("/K");
  std::vector<QPDFObjectHandle> list;
  if (kids.isArray()) {
    for (int i = 0; i < kids.getArrayNItems(); ++i) list.push_back(kids.getArrayItem(i));
  } else if (!kids.isNull()) {
    list.push_back(kids);
  }
  for (QPDFObjectHandle kid : list) {
    if (kid.isInteger()) {
      if (!page.isDictionary()) {
        walk.problems.push_back("an MCID in an element without /Pg");
        continue;
      }
      const int mcid = static_cast<int>(kid.getIntValue());
      walk.mcids[page.getObjGen()].insert(mcid);
      walk.element_of[{page.getObjGen(), mcid}] = element.getObjGen();
    } else if (kid.isDictionary() && IsName(kid.getKey("/Type"), "/MCR")) {
      const int mcid = static_cast<int>(kid.getKey("/MCID").getIntValue());
      walk.mcids[kid.getKey("/Pg").getObjGen()].insert(mcid);
      walk.element_of[{kid.getKey("/Pg").getObjGen(), mcid}] = element.getObjGen();
    } else if (kid.isDictionary() && IsName(kid.getKey("/Type"), "/OBJR")) {
      if (type != "/Link" && type != "/Form") walk.problems.push_back("an object reference outside a Link or Form");
      walk.annotations.insert(kid.getKey("/Obj").getObjGen());
    } else if (kid.isDictionary()) {
      if (kid.getKey("/P").getObjGen() != element.getObjGen()) walk.problems.push_back("a kid whose /P is not its parent");
      Walk(kid, walk, seen);
    }
  }
  if (type == "/Table") walk.open_tables.pop_back();
}

// Every structural rule of a tagged report that its objects show.
void CheckTagged(const fs::path& file, size_t expected_tables) {
  INFO(file.string());
  QPDF pdf;
  pdf.processFile(file.c_str());
  QPDFObjectHandle root = pdf.getRoot();
  CHECK(root.getKey("/Lang").getUTF8Value() == "sv-SE");
  CHECK(root.getKey("/MarkInfo").getKey("/Marked").isBool());
  CHECK(root.getKey("/MarkInfo").getKey("/Marked").getBoolValue());
  CHECK(root.getKey("/ViewerPreferences").getKey("/DisplayDocTitle").getBoolValue());
  QPDFObjectHandle tree = root.getKey("/StructTreeRoot");
  REQUIRE(tree.isDictionary());

  StructureWalk walk;
  std::set<QPDFObjGen> seen;
  Walk(tree.getKey("/K"), walk, seen);
  for (const std::string& problem : walk.problems) FAIL_CHECK(problem);
  REQUIRE(!walk.types.empty());
  CHECK(walk.types.front() == "/Document");
  CHECK(static_cast<size_t>(std::count(walk.types.begin(), walk.types.end(), "/Table")) == expected_tables);
  // Every row of a table covers all its columns: a head over two columns spans them (/ColSpan),
  // else a reader takes it for the head of the first alone and shifts the heads after it.
  for (const std::vector<long long>& rows : walk.table_rows) {
    for (long long columns : rows) CHECK(columns == rows.front());
  }

  // Headings in reading order never skip a level, and the first is an H1.
  int level = 0;
  for (const std::string& type : walk.types) {
    if (type.size() != 3 || type[1] != 'H' || type[2] < '1' || type[2] > '6') continue;
    const int next = type[2] - '0';
    INFO(type << " after H" << level);
    CHECK(next <= level + 1);
    level = next;
  }
  CHECK(level > 0);

  // The parent tree: key -> what it holds.
  std::map<long long, QPDFObjectHandle> parents;
  QPDFObjectHandle numbers = tree.getKey("/ParentTree").getKey("/Nums");
  REQUIRE(numbers.isArray());
  for (int i = 0; i + 1 < numbers.getArrayNItems(); i += 2) {
    parents[numbers.getArrayItem(i).getIntValue()] = numbers.getArrayItem(i + 1);
  }
  CHECK(tree.getKey("/ParentTreeNextKey").getIntValue() == static_cast<long long>(parents.size()));

  int pages = 0, marks = 0, links = 0, fields = 0;
  for (QPDFObjectHandle page : pdf.getAllPages()) {
    ++pages;
    INFO("page " << pages);
    CHECK(IsName(page.getKey("/Tabs"), "/S"));
    REQUIRE(page.getKey("/StructParents").isInteger());
    QPDFObjectHandle page_marks = parents[page.getKey("/StructParents").getIntValue()];
    REQUIRE(page_marks.isArray());

    // Marked content: balanced, every text object inside a mark, every MCID once and in the tree.
    int depth = 0;
    std::set<int> page_mcids;
    const std::vector<std::string> tokens = ContentTokens(page);
    for (size_t t = 0; t < tokens.size(); ++t) {
      const std::string& token = tokens[t];
      if (token == "BDC" || token == "BMC") ++depth;
      if (token == "EMC") {
        --depth;
        CHECK(depth >= 0);
      }
      if (token == "BT") CHECK(depth > 0);  // no untagged text: content or artifact
      if (token == "/MCID" && t + 1 < tokens.size()) {
        const int mcid = std::stoi(tokens[t + 1]);
        CHECK(page_mcids.insert(mcid).second);
        ++marks;
      }
    }
    CHECK(depth == 0);
    CHECK(page_mcids == walk.mcids[page.getObjGen()]);
    CHECK(static_cast<int>(page_mcids.size()) == page_marks.getArrayNItems());
    for (int mcid : page_mcids) {
      // Reachable both ways: the parent tree names the element that lists the MCID.
      auto it = walk.element_of.find({page.getObjGen(), mcid});
      REQUIRE(it != walk.element_of.end());
      CHECK(page_marks.getArrayItem(mcid).getObjGen() == it->second);
    }

    // Each annotation: a link in a Link element, or a signature field in a Form element with
    // its accessible name (/TU); with a description, and found by the parent tree.
    QPDFObjectHandle annotations = page.getKey("/Annots");
    for (int a = 0; annotations.isArray() && a < annotations.getArrayNItems(); ++a) {
      QPDFObjectHandle annotation = annotations.getArrayItem(a);
      const bool field = IsName(annotation.getKey("/Subtype"), "/Widget");
      ++(field ? fields : links);
      CHECK(walk.annotations.count(annotation.getObjGen()) == 1);
      CHECK(annotation.getKey("/Contents").isString());
      REQUIRE(annotation.getKey("/StructParent").isInteger());
      QPDFObjectHandle element = parents[annotation.getKey("/StructParent").getIntValue()];
      CHECK(IsName(element.getKey("/S"), field ? "/Form" : "/Link"));
      if (field) CHECK_FALSE(annotation.getKey("/TU").getUTF8Value().empty());
    }
  }
  CHECK(marks > 300);
  CHECK(links > 10);
  CHECK(fields > 5);  // a signature field for each seat of the board
}

// A final report of `year`, tagged (the default layout, or `layout`) or not (a layout that says so).
fs::path BuildFinal(const TempDir& temp, const std::string& year, bool tagged, const std::string& layout = "modern") {
  const fs::path data = temp.path() / "data";
  if (!fs::exists(data)) {
    fs::create_directories(data / "layouts");
    fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
    WriteFile(data / "layouts/modern.yaml", ReadFile(kSourceDir / "layouts/modern.yaml"));
    WriteFile(data / "layouts/classic.yaml", ReadFile(kSourceDir / "layouts/classic.yaml"));
    WriteFile(data / "layouts/untagged.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") + "taggad: false\n");
  }
  const fs::path pdf = temp.path() / (year + "-" + layout + (tagged ? "-tagged.pdf" : "-untagged.pdf"));
  RunResult run = RunArsred({"build", FinalSeedCopy(temp.path(), year).string(), "--final", "--data-dir", data.string(),
                             "--layout", tagged ? layout : "untagged", "-o", pdf.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  return pdf;
}

// The Table elements layout made, from its trace: one per table, however many pages it takes.
size_t TablesInTrace(const TempDir& temp, const std::string& year) {
  RunResult dump = RunArsred({"dump", "--stage", "layout", "--final", FinalSeedCopy(temp.path(), year).string()});
  std::istringstream lines(dump.out);
  size_t tables = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("element ", 0) == 0 && line.find(" Table parent=") != std::string::npos) ++tables;
  }
  return tables;
}

TEST_CASE("final reports of both years are tagged: marks, tree and parent tree agree", "[tagged]") {
  TempDir temp;
  for (const char* year : {"2020", "2023"}) {
    const size_t tables = TablesInTrace(temp, year);
    CHECK(tables > 10);
    CheckTagged(BuildFinal(temp, year, true), tables);
  }
}

// The parts' headings, in the order of the report, in what `pdfinfo -struct-text` reads out.
void CheckReadingOrder(const std::string& text) {
  size_t at = 0;
  for (const char* heading : {"Innehåll", "Förvaltningsberättelse", "Finansiella rapporter", "Resultaträkning",
                              "Balansräkning", "Kassaflödesanalys", "Redovisningsprinciper", "Noter",
                              "Underskrifter"}) {
    INFO(heading);
    const size_t found = text.find("\"" + std::string(heading) + "\"", at);
    CHECK(found != std::string::npos);
    if (found != std::string::npos) at = found;
  }
}

TEST_CASE("a reader gets the 2020 report's headings in order, and its words whole", "[tagged]") {
  TempDir temp;
  ToolRun tree = RunTool("pdfinfo -struct-text " + Quote(BuildFinal(temp, "2020", true)));
  REQUIRE(tree.exit_code == 0);
  CheckReadingOrder(tree.output);
  CHECK(tree.output.find("\"Årsredovisning 2020\"") != std::string::npos);
}

TEST_CASE("a reader gets every heading, paragraph and figure from the tree, in reading order", "[tagged]") {
  TempDir temp;
  const fs::path pdf = BuildFinal(temp, "2023", true);
  ToolRun tree = RunTool("pdfinfo -struct-text " + Quote(pdf));
  REQUIRE(tree.exit_code == 0);
  const std::string& text = tree.output;
  CheckReadingOrder(text);
  // Words are words: the text has its spaces, also between the lines of a paragraph.
  CHECK(text.find("\"Årsredovisning 2023\"") != std::string::npos);
  CHECK(text.find("\"Denna årsredovisning innehåller en översiktlig redogörelse") != std::string::npos);
  const size_t notes_entry = text.find("\"Noter ");  // the contents' entry and its page number
  REQUIRE(notes_entry != std::string::npos);
  CHECK(std::isdigit(static_cast<unsigned char>(text[notes_entry + 7])));
  // Table cells with headers: the balance sheet's total, headed by its line's label.
  CHECK(text.find("/Scope /Row") != std::string::npos);
  CHECK(text.find("\"SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER\"") != std::string::npos);
  // Each chart a Figure, whose alternative text gives its figures.
  QPDF parsed;
  parsed.processFile(pdf.c_str());
  StructureWalk walk;
  std::set<QPDFObjGen> seen;
  Walk(parsed.getRoot().getKey("/StructTreeRoot").getKey("/K"), walk, seen);
  REQUIRE(walk.alts.size() == 3);
  CHECK(walk.alts[2] == "Cirkeldiagram: Kostnadsfördelning: Individinriktade insatser 69 %, Personalkostnader 25 %, "
                        "Verksamhetskostnader och strukturinriktade insatser 6 %");
}

TEST_CASE("a head over several columns spans them in the tree, as a section row's one cell does", "[tagged]") {
  TempDir temp;
  ToolRun tree = RunTool("pdfinfo -struct-text " + Quote(BuildFinal(temp, "2023", true)));
  REQUIRE(tree.exit_code == 0);
  const std::string& text = tree.output;
  // The cell that holds `cell`, after `from`, with its attributes.
  auto cell_of = [&](const std::string& from, const std::string& cell) {
    const size_t at = text.find("\"" + cell + "\"", text.find(from));
    REQUIRE(at != std::string::npos);
    const size_t start = text.rfind("T", text.rfind(":\n", at));  // "TH:" or "TD:" opens its attributes
    return text.substr(start, at - start);
  };
  // Tabell 2: "2023" and "2022" each over Alla, Kvinnor and Män.
  CHECK(cell_of("\"Tabell 2.", "2023").find("/ColSpan 3") != std::string::npos);
  CHECK(cell_of("\"Tabell 2.", "2022").find("/ColSpan 3") != std::string::npos);
  // Tabell 3: "Andel av avslutade deltagare" over its columns.
  CHECK(cell_of("\"Tabell 3.", "Andel av avslutade deltagare").find("/ColSpan") != std::string::npos);
  // The balance sheet's section head across its row (label, note, 2023 and 2022).
  CHECK(cell_of("\"Balansräkning\"", "TILLGÅNGAR").find("/ColSpan 4") != std::string::npos);
}

// The PDF's bookmarks as (level, title), in their order: level 1 at the top.
std::vector<std::pair<int, std::string>> Bookmarks(const fs::path& file) {
  QPDF pdf;
  pdf.processFile(file.c_str());
  std::vector<std::pair<int, std::string>> marks;
  auto walk = [&](auto& self, QPDFObjectHandle item, int level) -> void {
    for (; item.isDictionary(); item = item.getKey("/Next")) {
      marks.emplace_back(level, item.getKey("/Title").getUTF8Value());
      self(self, item.getKey("/First"), level + 1);
    }
  };
  walk(walk, pdf.getRoot().getKey("/Outlines").getKey("/First"), 1);
  return marks;
}

// Headings or bookmarks one a line, "2 Om förbundet", for a readable comparison.
std::string Listed(const std::vector<std::pair<int, std::string>>& entries) {
  std::string text;
  for (const auto& [level, title] : entries) text += std::to_string(level) + " " + title + "\n";
  return text;
}

// The headings as a reader gets them from the tree, in reading order: (level, what is drawn),
// from what `pdfinfo -struct-text` prints under each "H1 (block)".
std::vector<std::pair<int, std::string>> DrawnHeadings(const fs::path& file) {
  ToolRun tree = RunTool("pdfinfo -struct-text " + Quote(file));
  REQUIRE(tree.exit_code == 0);
  std::istringstream lines(tree.output);
  std::vector<std::pair<int, std::string>> headings;
  bool in_heading = false;
  for (std::string line; std::getline(lines, line);) {
    const std::string word = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (word.size() >= 2 && word[0] == 'H' && word[1] >= '1' && word[1] <= '6' && (word.size() == 2 || word[2] == ' ')) {
      headings.emplace_back(word[1] - '0', "");
      in_heading = true;
    } else if (in_heading && word.size() >= 2 && word.front() == '"') {
      std::string& title = headings.back().second;
      title += (title.empty() ? "" : " ") + word.substr(1, word.size() - 2);
    } else {
      in_heading = false;
    }
  }
  return headings;
}

// The headings of `pdf` in reading order, each with its level, read as a screen reader reads
// the tree: a heading's /ActualText stands for what it draws (a heading set in capitals is
// read, and bookmarked, as written).
std::vector<std::pair<int, std::string>> HeadingsAsRead(const fs::path& pdf) {
  QPDF parsed;
  parsed.processFile(pdf.c_str());
  StructureWalk walk;
  std::set<QPDFObjGen> seen;
  Walk(parsed.getRoot().getKey("/StructTreeRoot").getKey("/K"), walk, seen);
  const std::vector<std::pair<int, std::string>> drawn = DrawnHeadings(pdf);
  REQUIRE(drawn.size() == walk.headings.size());
  std::vector<std::pair<int, std::string>> headings;
  for (size_t i = 0; i < drawn.size(); ++i) {
    const std::string& actual = walk.headings[i].second;
    headings.emplace_back(drawn[i].first, actual.empty() ? drawn[i].second : actual);
  }
  return headings;
}

TEST_CASE("the bookmarks are the headings in reading order, nested by level, in both layouts", "[tagged]") {
  TempDir temp;
  for (const char* layout : {"modern", "classic"}) {
    for (const char* year : {"2020", "2023"}) {
      INFO(layout << " " << year);
      const fs::path pdf = BuildFinal(temp, year, true, layout);
      const std::vector<std::pair<int, std::string>> headings = HeadingsAsRead(pdf);
      CHECK(Listed(Bookmarks(pdf)) == Listed(headings));
      CHECK(headings.size() > 20);
    }
  }
}

TEST_CASE("a heading drawn in capitals is read as written", "[tagged]") {
  TempDir temp;
  const fs::path pdf = BuildFinal(temp, "2023", true, "classic");
  std::vector<std::string> read;
  for (const auto& [level, text] : HeadingsAsRead(pdf)) read.push_back(text);
  CHECK(std::find(read.begin(), read.end(), "Förvaltningsberättelse") != read.end());
  CHECK(std::find(read.begin(), read.end(), "Om förbundet") != read.end());
  CHECK(std::find(read.begin(), read.end(), "FÖRVALTNINGSBERÄTTELSE") == read.end());
  CHECK(std::find(read.begin(), read.end(), "OM FÖRBUNDET") == read.end());
  // Only what is drawn otherwise has one: the modern layout's headings are drawn as written.
  const fs::path modern = BuildFinal(temp, "2023", true, "modern");
  QPDF parsed_modern;
  parsed_modern.processFile(modern.c_str());
  StructureWalk modern_walk;
  std::set<QPDFObjGen> modern_seen;
  Walk(parsed_modern.getRoot().getKey("/StructTreeRoot").getKey("/K"), modern_walk, modern_seen);
  for (const auto& [level, actual] : modern_walk.headings) CHECK(actual.empty());
}

TEST_CASE("the cover's title is the report's first heading and first bookmark", "[tagged]") {
  TempDir temp;
  const fs::path pdf = BuildFinal(temp, "2023", true);
  const std::vector<std::pair<int, std::string>> headings = DrawnHeadings(pdf);
  REQUIRE(!headings.empty());
  CHECK(headings.front() == std::pair<int, std::string>(1, "Årsredovisning 2023"));
  const std::vector<std::pair<int, std::string>> bookmarks = Bookmarks(pdf);
  REQUIRE(!bookmarks.empty());
  CHECK(bookmarks.front() == std::pair<int, std::string>(1, "Årsredovisning 2023"));
}

TEST_CASE("a web address is one link annotation a line, and its Link element holds all its text", "[tagged]") {
  TempDir temp;
  const fs::path pdf = BuildFinal(temp, "2023", true);
  QPDF parsed;
  parsed.processFile(pdf.c_str());
  int links = 0;
  for (QPDFObjectHandle page : parsed.getAllPages()) {
    std::set<std::pair<std::string, long long>> lines;  // (address, bottom of the annotation)
    QPDFObjectHandle annotations = page.getKey("/Annots");
    for (int a = 0; annotations.isArray() && a < annotations.getArrayNItems(); ++a) {
      QPDFObjectHandle annotation = annotations.getArrayItem(a);
      QPDFObjectHandle action = annotation.getKey("/A");
      if (!action.isDictionary() || !action.getKey("/URI").isString()) continue;
      ++links;
      const long long bottom = std::llround(annotation.getKey("/Rect").getArrayItem(1).getNumericValue());
      INFO(action.getKey("/URI").getUTF8Value());
      CHECK(lines.insert({action.getKey("/URI").getUTF8Value(), bottom}).second);  // once on its line
    }
  }
  CHECK(links >= 1);
  // The address, cut where it may break into runs of its own, is read whole inside its Link.
  ToolRun tree = RunTool("pdfinfo -struct-text " + Quote(pdf));
  REQUIRE(tree.exit_code == 0);
  const std::string address = "\"https://kfkl.se/wp-content/uploads/2020/10/Slutversion_Samhallsekonomisk-berakning.pdf\"";
  const size_t at = tree.output.find(address + "\n");
  REQUIRE(at != std::string::npos);
  const size_t line_start = tree.output.rfind('\n', tree.output.rfind('\n', at) - 1) + 1;
  CHECK(tree.output.substr(line_start, at - line_start).find("Link (inline)") != std::string::npos);
}

TEST_CASE("tagging changes no pixel and leaves the file within 1.5 times its untagged size", "[tagged]") {
  for (const char* year : {"2020", "2023"}) {
    TempDir temp;
    const fs::path tagged = BuildFinal(temp, year, true), untagged = BuildFinal(temp, year, false);
    INFO(year << ": " << fs::file_size(tagged) << " bytes tagged, " << fs::file_size(untagged) << " untagged");
    CHECK(fs::file_size(tagged) * 2 <= fs::file_size(untagged) * 3);
    for (const auto& [pdf, prefix] : {std::pair{tagged, "t"}, std::pair{untagged, "u"}}) {
      REQUIRE(RunTool("pdftoppm -r 40 -png " + Quote(pdf) + " " + Quote(temp.path() / prefix)).exit_code == 0);
    }
    int pages = 0;
    for (const auto& entry : fs::directory_iterator(temp.path())) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("t-", 0) != 0) continue;
      ++pages;
      INFO(name);
      CHECK(ReadFile(entry.path()) == ReadFile(temp.path() / ("u" + name.substr(1))));
    }
    CHECK(pages >= 18);
  }
}

}  // namespace
}  // namespace arsred::test

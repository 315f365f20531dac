// A second förbund (issue 16, part 6): tests/fixtures/forbund/vasterkusten/, the fictional
// Samordningsförbundet Västerkusten, built like a real förbund of its kind. Eight members and
// four seats: the state's two authorities and the region appoint a ledamot each, and the five
// kommuner one together, by turns; seven ersättare, a presidium, a ledamot who left during the
// year. Its report is titled "Årsredovisning med tillhörande verksamhetsberättelse", calls its
// cash flow statement a Finansieringsanalys, is signed before the statements (the förbund's own
// layout, kept beside its years) and has two bilagor, one a table of the members'
// contributions. The years are checked clean; the report is built final and draft; the final
// report's figures and pages are compared with goldens (tests/golden/vasterkusten-2024-*,
// ARSRED_UPDATE_GOLDENS=1 rewrites them); what the issue asks for is read from the PDF; and
// the printed report is read back by the auditor's test reader.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "auditor.h"
#include "test_util.h"

namespace arsred::test {
namespace {

const fs::path kForbund = kSourceDir / "tests/fixtures/forbund/vasterkusten";
const std::string kYear = (kForbund / "2024").string();

// A data directory for the report: the project's fonts, and no layouts of its own, since
// forbund.yaml names the förbund's own layout beside its years (`layout: ../vasterkusten.yaml`).
class ForbundData {
 public:
  ForbundData() { fs::create_directory_symlink(kSourceDir / "fonts", temp_.path() / "fonts"); }
  std::string dir() const { return temp_.path().string(); }
  fs::path file(const std::string& name) const { return temp_.path() / name; }

 private:
  TempDir temp_;
};

// pdftotext gives U+202F and U+00A0 back as they are; compare numbers with plain spaces.
std::string Plain(std::string text) { return ReplaceAll(ReplaceAll(text, "\u202F", " "), "\u00A0", " "); }

// The text of each page of a PDF, as `pdftotext -layout` gives it.
std::vector<std::string> PdfPages(const fs::path& pdf) {
  ToolRun text = RunTool("pdftotext -layout " + Quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  const std::string plain = Plain(text.output);
  std::vector<std::string> pages;
  size_t from = 0;
  for (size_t at = plain.find('\f'); at != std::string::npos; at = plain.find('\f', from)) {
    pages.push_back(plain.substr(from, at - from));
    from = at + 1;
  }
  return pages;
}

// The page (counted from 0) of each heading in a trace's outline, by its title.
std::map<std::string, int> OutlinePages(const std::string& trace) {
  std::map<std::string, int> pages;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("outline level=", 0) != 0) continue;
    const size_t page = line.find(" page=");
    const size_t quote = line.find('"');
    pages.emplace(line.substr(quote + 1, line.rfind('"') - quote - 1), std::stoi(line.substr(page + 6)));
  }
  return pages;
}

// A trace's pages, each as its lines: without the draft's watermark, the structure elements
// the items belong to (a draft has its own numbering) and the page count in the footer.
std::vector<std::string> TracePages(const std::string& trace) {
  static const std::regex structure(" structure=[0-9]+"), count("(Sida [0-9]+) av [0-9]+");
  std::vector<std::string> pages;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("page ", 0) == 0) {
      pages.emplace_back();
    } else if (!pages.empty() && line.rfind("  watermark", 0) != 0) {
      pages.back() += std::regex_replace(std::regex_replace(line, structure, ""), count, "$1") + "\n";
    }
  }
  return pages;
}

bool Has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

TEST_CASE("the second förbund's years are clean", "[forbund]") {
  for (const char* year : {"2023", "2024"}) {
    RunResult run = RunArsred({"check", (kForbund / year).string()});
    INFO(year << "\n" << run.err);
    CHECK(run.exit_code == 0);
    CHECK(Has(run.err, "no findings"));
  }
}

TEST_CASE("golden figures and final layout trace of the second förbund, part by part", "[forbund]") {
  ForbundData data;
  RunResult figures = RunArsred({"dump", "--stage", "figures", "--data-dir", data.dir(), kYear});
  INFO(figures.err);
  CHECK(figures.exit_code == 0);
  const fs::path figures_golden = kSourceDir / "tests/golden/vasterkusten-2024-figures.txt";
  if (UpdatingGoldens()) WriteFile(figures_golden, figures.out);
  CHECK(figures.out == ReadFile(figures_golden));

  RunResult run = RunArsred({"dump", "--stage", "layout", "--final", "--data-dir", data.dir(), kYear});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.err.empty());
  const fs::path dir = kSourceDir / "tests/golden/vasterkusten-2024-layout-final";
  const auto parts = TraceByPart(run.out);
  std::string whole;
  for (const auto& [name, text] : parts) whole += text;
  REQUIRE(whole == run.out);
  if (UpdatingGoldens()) {
    fs::remove_all(dir);
    for (const auto& [name, text] : parts) WriteFile(dir / (name + ".txt"), text);
  }
  std::vector<std::string> expected, found;
  for (const auto& entry : fs::directory_iterator(dir)) expected.push_back(entry.path().stem().string());
  std::sort(expected.begin(), expected.end());
  for (const auto& part : parts) found.push_back(part.first);
  CHECK(found == expected);
  for (const auto& [name, text] : parts) {
    INFO("part " << name);
    CHECK(text == ReadFile(dir / (name + ".txt")));
  }
  // Cover, contents, the two berättelser, signatures, statements, notes, principles, two bilagor.
  CHECK(parts.size() == 11);
}

TEST_CASE("the second förbund builds final and draft — the draft is the final with UTKAST and its notes", "[forbund]") {
  ForbundData data;
  RunResult final_build = RunArsred({"build", kYear, "--final", "--data-dir", data.dir(), "-o", data.file("final.pdf").string()});
  INFO(final_build.err);
  CHECK(final_build.exit_code == 0);
  CHECK(Has(final_build.err, "final, PDF/A-2a, PDF/UA-1"));
  CHECK(!Has(final_build.err, "warning"));
  CHECK(RunTool("qpdf --check " + Quote(data.file("final.pdf"))).exit_code == 0);
  RunResult draft_build = RunArsred({"build", kYear, "--draft", "--data-dir", data.dir(), "-o", data.file("draft.pdf").string()});
  INFO(draft_build.err);
  CHECK(draft_build.exit_code == 0);
  CHECK(Has(draft_build.err, "draft"));

  RunResult final_trace = RunArsred({"dump", "--stage", "layout", "--final", "--data-dir", data.dir(), kYear});
  RunResult draft_trace = RunArsred({"dump", "--stage", "layout", "--draft", "--data-dir", data.dir(), kYear});
  REQUIRE(final_trace.exit_code == 0);
  REQUIRE(draft_trace.exit_code == 0);
  CHECK(!Has(final_trace.out, "watermark"));
  const std::vector<std::string> finals = TracePages(final_trace.out), drafts = TracePages(draft_trace.out);
  // Every page of the draft says UTKAST; its one extra page says the inputs gave no findings.
  size_t watermarks = 0;
  for (size_t at = draft_trace.out.find("  watermark"); at != std::string::npos;
       at = draft_trace.out.find("  watermark", at + 1)) {
    ++watermarks;
  }
  REQUIRE(drafts.size() == finals.size() + 1);
  CHECK(watermarks == drafts.size());
  CHECK(OutlinePages(draft_trace.out).at("Granskningsanteckningar (utkast)") == static_cast<int>(finals.size()));
  const std::vector<std::string> draft_text = PdfPages(data.file("draft.pdf"));
  REQUIRE(draft_text.size() == drafts.size());
  CHECK(Has(draft_text.back(), "Granskningen av underlaget gav inga anmärkningar."));
  // Otherwise the pages are the final's, but for the draft's contents, which list that page, and
  // the final's signature fields, which a draft has none of.
  const auto without_signature_fields = [](const std::string& page) {
    std::istringstream lines(page);
    std::string kept;
    for (std::string line; std::getline(lines, line);) {
      if (line.find("signature-field ") == std::string::npos) kept += line + "\n";
    }
    return kept;
  };
  for (size_t p = 0; p < finals.size(); ++p) {
    if (p == 1) continue;
    INFO("page " << p + 1);
    CHECK(drafts[p] == without_signature_fields(finals[p]));
  }
  CHECK(Has(final_trace.out, "signature-field "));
  CHECK(Has(drafts[1], "Granskningsanteckningar (utkast)"));
}

TEST_CASE("the second förbund's report: its title, the board's signatures before the statements, a "
          "Finansieringsanalys and two bilagor", "[forbund]") {
  ForbundData data;
  const fs::path pdf = data.file("arsredovisning-2024.pdf");
  RunResult build = RunArsred({"build", kYear, "--final", "--data-dir", data.dir(), "-o", pdf.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  RunResult trace = RunArsred({"dump", "--stage", "layout", "--final", "--data-dir", data.dir(), kYear});
  REQUIRE(trace.exit_code == 0);
  const std::vector<std::string> pages = PdfPages(pdf);
  const std::map<std::string, int> outline = OutlinePages(trace.out);
  REQUIRE(pages.size() == 17);

  // The title: on the cover, in the document information and in the running header.
  ToolRun cover = RunTool("pdftotext -f 1 -l 1 " + Quote(pdf) + " -");
  for (const char* words : {"Årsredovisning med tillhörande\nverksamhetsberättelse 2024",
                            "Finansiell samordning av rehabiliteringsinsatser", "Samordningsförbundet Västerkusten",
                            "Bryggsunds, Hällviks, Skärby, Tångeröds och Åsvalla kommuner",
                            "Antagen av förbundsstyrelsen 2025-02-27", "222001-4712"}) {
    INFO(words << "\n" << cover.output);
    CHECK(Has(cover.output, words));
  }
  ToolRun info = RunTool("pdfinfo " + Quote(pdf));
  CHECK(Has(info.output, "Title:           Årsredovisning med tillhörande verksamhetsberättelse 2024\n"));
  CHECK(Has(pages[2], "Årsredovisning med tillhörande verksamhetsberättelse 2024"));

  // The förbund's order: the signatures on a sheet of their own before the statements, the
  // notes before the principles, the appendices last.
  const std::vector<std::string> order = {"Förvaltningsberättelse", "Verksamhetsberättelse", "Underskrifter",
                                          "Finansiella rapporter", "Resultaträkning", "Balansräkning",
                                          "Finansieringsanalys", "Noter", "Redovisningsprinciper",
                                          "Bilaga 1 Ekonomiskt underlag", "Bilaga 2 Insatser och deltagare"};
  for (size_t i = 0; i < order.size(); ++i) {
    INFO(order[i]);
    REQUIRE(outline.count(order[i]) == 1);
    if (i > 0) CHECK(outline.at(order[i - 1]) <= outline.at(order[i]));
  }
  const int signatures = outline.at("Underskrifter");
  CHECK(signatures + 1 == outline.at("Resultaträkning"));
  CHECK(!outline.count("Kassaflödesanalys"));

  // The signature page: the four sitting ledamöter, the kommuner's joint seat signed by
  // Hällvik's ledamot, who chairs; no ersättare, and not the ledamot who left in May.
  const std::string& signing = pages[static_cast<size_t>(signatures)];
  INFO(signing);
  CHECK(Has(signing, "Underskrifter"));
  CHECK(Has(signing, "Bryggsund 2025-02-27"));
  for (const char* words : {"Margareta Lindholm", "Ordförande", "Hällviks kommun", "Anders Kjellberg", "Vice ordförande",
                            "Region Västlandet", "Jenny Strandberg", "Försäkringskassan", "Karin Öhman",
                            "Arbetsförmedlingen"}) {
    INFO(words);
    CHECK(Has(signing, words));
  }
  for (const char* words : {"Mattias Berg", "Sofia Nyström", "Lena Hagström", "Johan Ekdahl", "Birgitta Svanberg",
                            "Ove Karlsson", "Elin Forsberg", "Ersättare", "Peter Lunde", "Bryggsunds kommun",
                            "Skärby kommun", "Tångeröds kommun", "Åsvalla kommun"}) {
    INFO(words);
    CHECK(!Has(signing, words));
  }
  // The board with its ersättare is listed in the förvaltningsberättelse.
  const std::string& board = pages[2];
  CHECK(Has(board, "Styrelsens ledamöter och ersättare"));
  for (const char* words : {"Hällviks kommun (gemensamt med", "Karin Öhman (från 2024-06-01)",
                            "Peter Lunde (till 2024-05-31)", "Elin Forsberg", "Åsvalla kommun"}) {
    INFO(words);
    CHECK(Has(board, words));
  }
  size_t substitutes = 0;
  for (size_t at = board.find("Ersättare"); at != std::string::npos; at = board.find("Ersättare", at + 1)) ++substitutes;
  CHECK(substitutes == 7);

  // The statement under its older name.
  const std::string& cash = pages[static_cast<size_t>(outline.at("Finansieringsanalys"))];
  CHECK(Has(cash, "Finansieringsanalys"));
  CHECK(Has(cash, "Likvida medel vid årets slut"));
  for (const std::string& page : pages) CHECK(!Has(page, "Kassaflödesanalys"));

  // Both appendices in the contents, and the members' contributions adding up to the note's.
  const std::string& contents = pages[1];
  CHECK(std::regex_search(contents, std::regex("Bilaga 1 Ekonomiskt underlag[ .]+16")));
  CHECK(std::regex_search(contents, std::regex("Bilaga 2 Insatser och deltagare[ .]+17")));
  CHECK(std::regex_search(contents, std::regex("Underskrifter[ .]+10")));
  const std::string& contributions = pages[static_cast<size_t>(outline.at("Bilaga 1 Ekonomiskt underlag"))];
  INFO(contributions);
  CHECK(Has(contributions, "Medlemmarnas bidrag"));
  CHECK(std::regex_search(contributions, std::regex("Tångeröds kommun +267 +258\n")));
  CHECK(std::regex_search(contributions, std::regex("Summa +6 400 +6 200\n")));
  const std::string& notes = pages[static_cast<size_t>(outline.at("Noter"))];
  CHECK(std::regex_search(notes, std::regex("Summa +6 442 750 +6 218 400\n")));  // with the conference fees
  const std::string& participants = pages[static_cast<size_t>(outline.at("Bilaga 2 Insatser och deltagare"))];
  CHECK(std::regex_search(participants, std::regex("Totalt +186 +101 +85\n")));
}

TEST_CASE("an auditor with only the second förbund's printed report finds it consistent", "[forbund][auditor]") {
  ForbundData data;
  const fs::path pdf = data.file("arsredovisning-2024.pdf");
  RunResult build = RunArsred({"build", kYear, "--final", "--data-dir", data.dir(), "-o", pdf.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  ToolRun text = RunTool("pdftotext -bbox " + Quote(pdf) + " -");
  REQUIRE(text.exit_code == 0);
  const auditor::PrintedReport report = auditor::ReadReport(auditor::ParseBbox(text.output));
  const auditor::Audit audit = auditor::AuditReport(report);
  std::string found;
  for (const std::string& part : audit.found) found += "\n  " + part;
  INFO("The auditor found:" << found << "\nand read:\n" << auditor::Describe(report));
  for (const char* part : {"Resultaträkning 2024 2023", "Balansräkning 2024 2023", "Kassaflödesanalys 2024 2023",
                           "Flerårsöversikt 2024 2023 2022 2021 2020", "Driftredovisning 2024", "Not 1", "Not 2",
                           "Not 3", "Not 4", "Not 5", "Not 6", "Tabell 1", "Tabell 2"}) {
    INFO("looking for " << part);
    CHECK(audit.Found(part));
  }
  // What it checked, of each kind: about what this report gives (a reading that finds less
  // fails rather than passes).
  for (const auto& [kind, least] : std::vector<std::pair<std::string, int>>{
           {"sum", 60}, {"note", 24}, {"cash flow", 5}, {"cash", 3}, {"carried forward", 2}, {"balance", 2},
           {"driftredovisning", 9}, {"repeated", 15}, {"text", 28}, {"participants", 36}}) {
    const int made = audit.checks.count(kind) ? audit.checks.at(kind) : 0;
    INFO("checks of kind \"" << kind << "\": " << made);
    CHECK(made >= least);
  }
  for (const std::string& finding : audit.findings) FAIL_CHECK(finding);
}

// In classic, a full-width table near the foot of page 4 left the headings after it
// ("EKONOMI", "Årets resultat") in the right column below it, beside an empty left column, and
// their text on page 5: the next column started as low as this one.
TEST_CASE("no heading stands on a page without the text it heads") {
  const std::vector<std::vector<std::string>> builds = {
      {kYear, "--layout", "classic"}, {kYear}, {(kSourceDir / "inputs/2020").string(), "--layout", "classic"},
      {(kSourceDir / "inputs/2023").string(), "--layout", "classic"}, {(kSourceDir / "inputs/2023").string()}};
  static const std::regex kRun(R"re(^  text at=[0-9.]+,[0-9.]+ .*role=([a-z0-9-]+) )re");
  for (const std::vector<std::string>& args : builds) {
    std::vector<std::string> command = {"dump", "--stage", "layout"};
    command.insert(command.end(), args.begin(), args.end());
    RunResult dump = RunArsred(command);
    INFO(args.front() << (args.size() > 1 ? " " + args.back() : ""));
    REQUIRE(dump.exit_code <= 3);
    int page = -1, heading_page = -1;
    std::string heading;
    std::istringstream lines(dump.out);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind("page ", 0) == 0) page = std::stoi(line.substr(5));
      std::smatch m;
      if (!std::regex_search(line, m, kRun)) continue;
      const std::string role = m[1];
      if (role == "heading2" || role == "heading3" || role == "heading4") {
        if (heading.empty()) heading_page = page;
        heading += line.substr(line.find('"'));
      } else if (role != "artifact" && !heading.empty()) {
        INFO(heading);
        CHECK(page == heading_page);
        heading.clear();
      }
    }
  }
}

}  // namespace
}  // namespace arsred::test

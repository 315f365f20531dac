// The yearly archive: what it holds, that verify accepts it and names every file changed by a
// single byte, and that the archive of a final year is locked.
#include <catch2/catch.hpp>

#include <functional>
#include <map>

#include "archive.h"
#include "sha256.h"
#include "test_util.h"
#include "version.h"

namespace arsred::test {
namespace {

// The base fixture copied, with its status set as asked; archives go beside it.
struct Workspace {
  TempDir temp;
  explicit Workspace(const char* status = "slutlig") {
    fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
    Edit("forbund.yaml", "status: utkast", std::string("status: ") + status);
  }
  fs::path year() const { return temp.path() / "inputs/2024"; }
  fs::path archive() const { return temp.path() / "archive/2024"; }
  void Edit(const std::string& file, const std::string& from, const std::string& to) const {
    const fs::path path = year() / file;
    const std::string text = ReadFile(path);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(path, ReplaceAll(text, from, to));
  }
  RunResult Archive(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"archive", year().string(), "--out", archive().string()};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunArsred(args);
  }
};

// Every file under `root` with its bytes, to show that a refused run changed nothing.
std::map<std::string, std::string> Contents(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), root).generic_string()] = ReadFile(entry.path());
  }
  return files;
}

std::vector<std::string> FilesOf(const fs::path& root) {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : Contents(root)) names.push_back(name);
  return names;
}

TEST_CASE("an archive holds the final PDF/A report, its sources and their hashes, and verifies", "[archive]") {
  Workspace work;
  RunResult run = work.Archive();
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("seal (SHA-256 of manifest.yaml): ") != std::string::npos);

  const std::vector<std::string> files = FilesOf(work.archive());
  for (const char* expected :
       {"arsredovisning-2024.pdf", "manifest.yaml", "SHA256SUMS", "source/inputs/2024/forbund.yaml",
        "source/inputs/2024/text.yaml", "source/inputs/2024/rakenskaper.yaml", "source/inputs/2023/rakenskaper.yaml",
        "source/layouts/modern.yaml", "source/fonts/Carlito-Regular.ttf", "source/fonts/OFL.txt",
        "source/hyphenation/hyph_sv_SE.dic", "source/color/sRGB.icc"}) {
    INFO(expected);
    CHECK(std::find(files.begin(), files.end(), expected) != files.end());
  }
  // The prior year gives figures only: its prose is not part of what the report was made from.
  CHECK(std::find(files.begin(), files.end(), "source/inputs/2023/text.yaml") == files.end());
  // The snapshot is the inputs byte for byte.
  CHECK(ReadFile(work.archive() / "source/inputs/2024/budget.yaml") == ReadFile(work.year() / "budget.yaml"));
  // Nothing is left beside the archive from writing it.
  CHECK(FilesOf(work.temp.path() / "archive").size() == files.size());

  const std::string manifest = ReadFile(work.archive() / "manifest.yaml");
  CHECK(manifest.find("marked_final: true") != std::string::npos);
  // The level the PDF claims: the layout tags a final report, so it is PDF/A-2a and PDF/UA-1.
  CHECK(manifest.find("pdf: \"PDF/A-2a, PDF/UA-1\"") != std::string::npos);
  CHECK(RunTool("pdfinfo -meta " + Quote(work.archive() / "arsredovisning-2024.pdf") +
                " | grep -q '<pdfaid:conformance>A</pdfaid:conformance>'").exit_code == 0);
  // The versions that shaped its bytes.
  for (const char* component : {"arsred", "compiler", "glibc", "libharu", "libdeflate", "qpdf"}) {
    INFO(component);
    CHECK(manifest.find(std::string("  - name: \"") + component + "\"\n    version: \"") != std::string::npos);
  }
  CHECK(manifest.find("arsred: \"" ARSRED_VERSION "\"") != std::string::npos);
  // The toolchain names arsred as --version does: with its commit, when built from a checkout.
  CHECK(manifest.find("  - name: \"arsred\"\n    version: \"" + ArsredVersion() + "\"\n") != std::string::npos);
  CHECK(RunArsred({"--version"}).out == "arsred " + ArsredVersion() + "\n");
  const std::string pdf_hash = Sha256Hex(ReadFile(work.archive() / "arsredovisning-2024.pdf"));
  CHECK(manifest.find("sha256: \"" + pdf_hash + "\"") != std::string::npos);
  // The standard tool agrees with every hash, the manifest's included.
  CHECK(RunTool("cd " + Quote(work.archive()) + " && sha256sum --quiet -c SHA256SUMS").exit_code == 0);

  // The report is the one `build --final` makes.
  const fs::path built = work.temp.path() / "built.pdf";
  REQUIRE(RunArsred({"build", work.year().string(), "--final", "-o", built.string()}).exit_code == 0);
  CHECK(ReadFile(built) == ReadFile(work.archive() / "arsredovisning-2024.pdf"));

  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(verify.err.find("report rebuilt from source/ is identical") != std::string::npos);
}

TEST_CASE("an untagged final report is archived as what it is, PDF/A-2b", "[archive]") {
  Workspace work;
  const fs::path data = work.temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts/untagged.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") + "taggad: false\n");
  RunResult run = work.Archive({"--data-dir", data.string(), "--layout", "untagged"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(ReadFile(work.archive() / "manifest.yaml").find("pdf: \"PDF/A-2b\"") != std::string::npos);
  CHECK(RunArsred({"verify", work.archive().string()}).exit_code == 0);
}

TEST_CASE("an archive keeps the books the figures came from and the approval record", "[archive]") {
  Workspace work;
  WriteFile(work.year() / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  const std::string books = ReadFile(kSourceDir / "tests/fixtures/import/books-2024-closed.se");
  const fs::path sie = work.temp.path() / "export.se";
  WriteFile(sie, books);
  RunResult import = RunArsred({"import-sie", sie.string(), "--year", work.year().string()});
  INFO(import.err);
  REQUIRE(import.exit_code == 0);
  REQUIRE(RunArsred({"approve", work.year().string()}).exit_code == 0);
  RunResult run = work.Archive();
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(ReadFile(work.archive() / "source/inputs/2024/bokforing.se") == books);
  CHECK(ReadFile(work.archive() / "source/inputs/2024/faststallande.yaml") ==
        ReadFile(work.year() / "faststallande.yaml"));
  const std::string manifest = ReadFile(work.archive() / "manifest.yaml");
  CHECK(manifest.find("path: \"source/inputs/2024/bokforing.se\"\n    bytes: " + std::to_string(books.size()) +
                      "\n    sha256: \"" + Sha256Hex(books) + "\"") != std::string::npos);
  CHECK(RunArsred({"verify", work.archive().string()}).exit_code == 0);

  // The archived books are sealed like every other file.
  const fs::path archived_books = work.archive() / "source/inputs/2024/bokforing.se";
  WriteFile(archived_books, ReplaceAll(books, "#KONTO", "#KONTO "));
  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find(archived_books.generic_string() + ": changed") != std::string::npos);

  // A changed figure of the approved year: the archive's copy no longer makes a final report.
  // verify names the file, and gives no advice to edit or reopen the copy in the archive.
  WriteFile(archived_books, books);
  const fs::path archived_accounts = work.archive() / "source/inputs/2024/rakenskaper.yaml";
  const std::string accounts = ReadFile(archived_accounts);
  WriteFile(archived_accounts, ReplaceAll(accounts, "finansiella_intakter: 10000", "finansiella_intakter: 10001"));
  REQUIRE(ReadFile(archived_accounts) != accounts);
  RunResult tampered = RunArsred({"verify", work.archive().string()});
  INFO(tampered.err);
  CHECK(tampered.exit_code == 2);
  CHECK(tampered.err.find(archived_accounts.generic_string() + ": changed") != std::string::npos);
  CHECK(tampered.err.find("cannot be rebuilt from source/, whose files listed here were changed after archiving") !=
        std::string::npos);
  CHECK(tampered.err.find("arsred reopen") == std::string::npos);
  CHECK(tampered.err.find("nothing was written") == std::string::npos);
}

// Rewrites the manifest with `edit` and seals it again in SHA256SUMS, as an archive made by
// another toolchain would be sealed.
void Reseal(const fs::path& archive, const std::function<std::string(std::string)>& edit) {
  const fs::path manifest = archive / "manifest.yaml";
  const std::string old_hash = Sha256Hex(ReadFile(manifest));
  WriteFile(manifest, edit(ReadFile(manifest)));
  const fs::path sums = archive / "SHA256SUMS";
  WriteFile(sums, ReplaceAll(ReadFile(sums), old_hash, Sha256Hex(ReadFile(manifest))));
}

TEST_CASE("verify tells a changed toolchain from a changed source when the rebuild differs", "[archive]") {
  Workspace work;
  const RunResult archived = work.Archive();
  REQUIRE(archived.exit_code == 0);
  const std::string seal_line = "seal (SHA-256 of manifest.yaml): ";
  REQUIRE(archived.err.find(seal_line) != std::string::npos);
  const std::string seal = archived.err.substr(archived.err.find(seal_line) + seal_line.size(), 64);
  const fs::path pdf_path = work.archive() / "arsredovisning-2024.pdf";
  const std::string pdf = ReadFile(pdf_path);
  // What an archive made under libharu 2.3.0-old looks like here: its report is not the one
  // this toolchain rebuilds, though its hash is sealed and every source matches.
  std::string other_pdf = pdf;
  other_pdf.insert(other_pdf.rfind("%%EOF"), "% made by another libharu\n");
  WriteFile(pdf_path, other_pdf);
  const std::string manifest_text = ReadFile(work.archive() / "manifest.yaml");
  const size_t at = manifest_text.find("  - name: \"libharu\"\n    version: \"");
  REQUIRE(at != std::string::npos);
  const size_t version_start = manifest_text.find("version: \"", at) + 10;
  const std::string version = manifest_text.substr(version_start, manifest_text.find('"', version_start) - version_start);
  Reseal(work.archive(), [&](std::string text) {
    text = ReplaceAll(text, Sha256Hex(pdf), Sha256Hex(other_pdf));
    text = ReplaceAll(text, "bytes: " + std::to_string(pdf.size()) + "\n", "bytes: " + std::to_string(other_pdf.size()) + "\n");
    return ReplaceAll(text, "\"libharu\"\n    version: \"" + version + "\"", "\"libharu\"\n    version: \"2.3.0-old\"");
  });
  const fs::path sums = work.archive() / "SHA256SUMS";
  WriteFile(sums, ReplaceAll(ReadFile(sums), Sha256Hex(pdf), Sha256Hex(other_pdf)));
  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);  // still a difference: the exit code does not change
  CHECK(verify.err.find("note: the toolchain is not the one that made the archive: libharu 2.3.0-old then, " +
                        version + " now") != std::string::npos);
  CHECK(verify.err.find("arsredovisning-2024.pdf: differs from the report rebuilt from source/: every source file "
                        "matches its hash, and the toolchain differs (libharu 2.3.0-old then, " + version +
                        " now): the difference comes from the toolchain, not from the inputs") != std::string::npos);

  // With the recorded toolchain this one, the same difference is arsred's own fault.
  Reseal(work.archive(), [&](std::string text) { return ReplaceAll(text, "2.3.0-old", version); });
  verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("note: the toolchain") == std::string::npos);
  CHECK(verify.err.find("or arsred did not reproduce its own output: then this is a bug in arsred") !=
        std::string::npos);
  // Which of the two, the seal recorded when the archive was made tells: the report and its
  // manifest were rewritten (a reviewer flipped a byte and resealed; verify blamed itself).
  CHECK(verify.err.find(seal_line) != std::string::npos);
  verify = RunArsred({"verify", work.archive().string(), "--seal", seal});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("manifest.yaml: its seal (SHA-256) is ") != std::string::npos);
  CHECK(verify.err.find("the manifest was changed after the archive was made") != std::string::npos);
  CHECK(verify.err.find("bug") == std::string::npos);
  CHECK(RunArsred({"verify", work.archive().string(), "--seal", "abc"}).exit_code == 1);
}

TEST_CASE("verify checks the seal recorded when the archive was made", "[archive]") {
  Workspace work;
  const RunResult archived = work.Archive();
  REQUIRE(archived.exit_code == 0);
  const std::string seal_line = "seal (SHA-256 of manifest.yaml): ";
  const std::string seal = archived.err.substr(archived.err.find(seal_line) + seal_line.size(), 64);
  RunResult verify = RunArsred({"verify", work.archive().string(), "--seal", seal});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(verify.err.find(seal_line + seal) != std::string::npos);
}

TEST_CASE("a rebuild that differs because a source changed says so", "[archive]") {
  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  const fs::path text = work.archive() / "source/inputs/2024/text.yaml";
  WriteFile(text, ReplaceAll(ReadFile(text), "samordnar rehabilitering.", "samordnar rehabilitering i länet."));
  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("source/inputs/2024/text.yaml: changed") != std::string::npos);
  CHECK(verify.err.find("differs from the report rebuilt from source/: source files were changed") !=
        std::string::npos);
}

TEST_CASE("why a rebuild differs: sources, the report, the toolchain, or arsred", "[archive]") {
  const auto component = [](const char* name, const char* version) {
    ManifestComponent c;
    c.name.value = name;
    c.version.value = version;
    return c;
  };
  const std::vector<ComponentVersion> now = {{"libharu", "2.4.4"}, {"qpdf", "11.3.0"}};
  const std::vector<ManifestComponent> same = {component("libharu", "2.4.4"), component("qpdf", "11.3.0")};
  const std::vector<ManifestComponent> older = {component("libharu", "2.4.3"), component("qpdf", "11.3.0"),
                                                component("zlib", "1.2")};
  CHECK(ExplainRebuildDifference(true, true, older, now).find("source files were changed") == 0);
  CHECK(ExplainRebuildDifference(false, true, older, now).find("the archived report itself was changed") == 0);
  CHECK(ExplainRebuildDifference(false, false, {}, now).find("does not record the toolchain") != std::string::npos);
  const std::string toolchain = ExplainRebuildDifference(false, false, older, now);
  CHECK(toolchain.find("(libharu 2.4.3 then, 2.4.4 now; zlib 1.2 then, not used now)") != std::string::npos);
  CHECK(toolchain.find("qpdf") == std::string::npos);
  CHECK(ExplainRebuildDifference(false, false, same, now).find("this is a bug in arsred") != std::string::npos);
}

TEST_CASE("an archive that cannot be written names the path and the reason, and changes nothing", "[archive]") {
  Workspace work;
  WriteFile(work.temp.path() / "archive", "a file where the archive's folder would be");
  RunResult run = work.Archive();
  INFO(run.err);
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("arsred: archive: ") != std::string::npos);
  CHECK(run.err.find((work.temp.path() / "archive").string()) != std::string::npos);
  CHECK(run.err.find("Not a directory") != std::string::npos);
  CHECK(run.err.find("nothing was changed") != std::string::npos);
  CHECK(run.err.find("bug") == std::string::npos);
  CHECK(ReadFile(work.temp.path() / "archive") == "a file where the archive's folder would be");
}

// A new user's refused archive of a draft year left deep/ and deep/nested/ behind, empty.
TEST_CASE("a refused archive leaves no directories behind", "[archive]") {
  Workspace work("utkast");
  RunResult run = RunArsred({"archive", work.year().string(), "--out", (work.temp.path() / "deep/nested/2024").string()});
  CHECK(run.exit_code == 2);
  CHECK_FALSE(fs::exists(work.temp.path() / "deep"));
}

TEST_CASE("verify names every archived file that one changed byte touches", "[archive]") {
  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  const auto original = Contents(work.archive());
  for (const auto& [name, bytes] : original) {
    // Put the archive back as it was, then change one byte of this file, near its middle.
    for (const auto& [other, content] : original) WriteFile(work.archive() / other, content);
    std::string changed = bytes;
    REQUIRE(!changed.empty());
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x01);
    WriteFile(work.archive() / name, changed);
    RunResult verify = RunArsred({"verify", work.archive().string()});
    INFO(name << "\n" << verify.err);
    CHECK(verify.exit_code == 2);
    CHECK(verify.err.find((work.archive() / name).generic_string() + ": ") != std::string::npos);
  }
}

TEST_CASE("verify reports missing and unlisted files, and never reads outside the archive", "[archive]") {
  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  fs::remove(work.archive() / "source/inputs/2024/budget.yaml");
  WriteFile(work.archive() / "extra.txt", "not archived");
  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("source/inputs/2024/budget.yaml: missing") != std::string::npos);
  CHECK(verify.err.find("extra.txt: not in the manifest") != std::string::npos);

  Workspace second;
  REQUIRE(second.Archive().exit_code == 0);
  const fs::path manifest = second.archive() / "manifest.yaml";
  WriteFile(manifest, ReplaceAll(ReadFile(manifest), "year_dir: \"source/inputs/2024\"", "year_dir: \"../../inputs/2024\""));
  verify = RunArsred({"verify", second.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("its settings name paths outside the archive") != std::string::npos);

  CHECK(RunArsred({"verify", second.temp.path().string()}).exit_code == 2);  // not an archive
  CHECK(RunArsred({"verify", (second.temp.path() / "nowhere").string()}).exit_code == 2);
}

TEST_CASE("the archive of a final year is not replaced unless asked, with a reason", "[archive]") {
  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  const auto sealed = Contents(work.archive());

  work.Edit("text.yaml", "samordnar rehabilitering.", "samordnar rehabilitering i länet.");
  RunResult refused = work.Archive();
  INFO(refused.err);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is not replaced; nothing was changed") != std::string::npos);
  CHECK(Contents(work.archive()) == sealed);
  CHECK(FilesOf(work.temp.path() / "archive").size() == FilesOf(work.archive()).size());  // no leftovers beside it
  CHECK(!fs::exists(work.temp.path() / "archive/2024.replaced-1"));

  CHECK(work.Archive({"--replace-final", " "}).exit_code == 1);  // a reason is required
  // One line of UTF-8, which the manifest keeps and verify reads back: a tester's two-line
  // reason, and one in Latin-1, made archives that could never be verified or replaced again.
  RunResult two_lines = work.Archive({"--replace-final", "Fel i not 3.\nSe protokollet."});
  CHECK(two_lines.exit_code == 1);
  CHECK(two_lines.err.find("reason is one line of UTF-8 text, which the manifest records; it has a line break") !=
        std::string::npos);
  CHECK(work.Archive({"--replace-final", "R\xE4ttelse"}).exit_code == 1);
  RunResult replaced = work.Archive({"--replace-final", "Felskrivning i förvaltningsberättelsen rättad"});
  INFO(replaced.err);
  CHECK(replaced.exit_code == 0);
  const fs::path kept = work.temp.path() / "archive/2024.replaced-1";
  CHECK(Contents(kept) == sealed);  // the old archive, untouched, beside the new one
  const std::string manifest = ReadFile(work.archive() / "manifest.yaml");
  CHECK(manifest.find("reason: \"Felskrivning i förvaltningsberättelsen rättad\"") != std::string::npos);
  CHECK(manifest.find("kept_as: \"2024.replaced-1\"") != std::string::npos);
  CHECK(manifest.find(Sha256Hex(sealed.at("manifest.yaml"))) != std::string::npos);
  CHECK(RunArsred({"verify", work.archive().string()}).exit_code == 0);
  CHECK(RunArsred({"verify", kept.string()}).exit_code == 0);
  // The new report differs from the old one: the replacement really happened.
  CHECK(ReadFile(work.archive() / "arsredovisning-2024.pdf") != sealed.at("arsredovisning-2024.pdf"));
}

TEST_CASE("only a year marked final is archived, and only without errors — nothing else is touched", "[archive]") {
  Workspace draft("utkast");
  RunResult refused = draft.Archive();
  INFO(refused.err);
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("is a draft (forbund.yaml: status: utkast)") != std::string::npos);
  // It asks for what is missing: here only the status, as the decision's date and the chair are given.
  CHECK(refused.err.find("Set `status: slutlig`; nothing was written") != std::string::npos);
  CHECK(!fs::exists(draft.archive()));
  const RunResult seed = RunArsred({"build", (kSourceDir / "inputs/2023").string(), "--final", "-o",
                                    (draft.temp.path() / "x.pdf").string()});
  CHECK(seed.err.find("Set `status: slutlig` and `styrelsebeslut` (the date of the board's decision), and give the "
                      "ordförande's seat `roll: ordforande`") != std::string::npos);

  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  const auto before = Contents(work.archive());
  work.Edit("rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank", "belopp: 2800001\n        rad: kassa_och_bank");
  RunResult broken = work.Archive({"--replace-final", "ny version"});
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find("nothing was written") != std::string::npos);
  CHECK(Contents(work.archive()) == before);

  // Something that is not an archive is never overwritten.
  Workspace other;
  WriteFile(other.archive() / "anteckningar.txt", "mina anteckningar");
  RunResult foreign = other.Archive();
  CHECK(foreign.exit_code == 2);
  CHECK(foreign.err.find("not a readable arsred archive; nothing was changed") != std::string::npos);
  CHECK(ReadFile(other.archive() / "anteckningar.txt") == "mina anteckningar");
}

TEST_CASE("an archive of a year with a layout of its own keeps that layout and its fonts, and verifies without them",
          "[archive]") {
  Workspace work;
  const fs::path layout = WriteOwnLayout(work.temp.path() / "inputs");
  SetYearLayout(work.year(), "../layout/egen.yaml");
  RunResult run = work.Archive();
  INFO(run.err);
  REQUIRE(run.exit_code == 0);

  // The layout as layouts/<name>.yaml, the font found beside it beside its copy with the
  // licence of its directory, the fonts from fonts/ in fonts/; the regular face of fonts/,
  // which the report did not use, not at all.
  const std::vector<std::string> files = FilesOf(work.archive());
  for (const char* expected : {"source/layouts/egen.yaml", "source/layouts/Egen-Regular.ttf",
                               "source/layouts/EGEN-LICENS.txt", "source/fonts/Carlito-Bold.ttf", "source/fonts/OFL.txt"}) {
    INFO(expected);
    CHECK(std::find(files.begin(), files.end(), expected) != files.end());
  }
  CHECK(std::find(files.begin(), files.end(), "source/fonts/Carlito-Regular.ttf") == files.end());
  CHECK(ReadFile(work.archive() / "source/layouts/egen.yaml") == ReadFile(layout));
  CHECK(ReadFile(work.archive() / "manifest.yaml").find("  layout: \"egen\"\n") != std::string::npos);
  // The archived forbund.yaml is the input byte for byte, reference and all.
  CHECK(ReadFile(work.archive() / "source/inputs/2024/forbund.yaml") == ReadFile(work.year() / "forbund.yaml"));

  // verify rebuilds from the snapshot alone: the layout's folder may be gone by then.
  fs::remove_all(layout.parent_path());
  RunResult verify = RunArsred({"verify", work.archive().string()});
  INFO(verify.err);
  CHECK(verify.exit_code == 0);
}

TEST_CASE("verify refuses a manifest whose layout is not a name in the snapshot's layouts/", "[archive]") {
  Workspace work;
  REQUIRE(work.Archive().exit_code == 0);
  // A layout file's path would be read from the current directory: outside the archive.
  const fs::path manifest = work.archive() / "manifest.yaml";
  WriteFile(manifest, ReplaceAll(ReadFile(manifest), "  layout: \"modern\"", "  layout: \"modern.yaml\""));
  RunResult verify = RunArsred({"verify", work.archive().string()});
  CHECK(verify.exit_code == 2);
  CHECK(verify.err.find("its settings name paths outside the archive") != std::string::npos);
}

TEST_CASE("both seed years archive and verify", "[archive]") {
  TempDir temp;
  for (const char* year : {"2020", "2023"}) {
    const fs::path archive = temp.path() / year;
    RunResult run = RunArsred({"archive", FinalSeedCopy(temp.path(), year).string(), "--out", archive.string()});
    INFO(year << "\n" << run.err);
    CHECK(run.exit_code == 0);  // no findings: the seed years need no identity given up
    RunResult verify = RunArsred({"verify", archive.string()});
    INFO(verify.err);
    CHECK(verify.exit_code == 0);
  }
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

// A new user built an approved year with --layout modern, where the year names classic: a final
// report in other clothes than the archived one, and nothing said so.
TEST_CASE("a final report set in another layout than its year names says so", "[archive]") {
  Workspace work;
  const std::string pdf = (work.temp.path() / "r.pdf").string();
  const RunResult other = RunArsred({"build", work.year().string(), "--layout", "classic", "-o", pdf});
  CHECK(other.exit_code == 0);
  CHECK(other.err.find("note: this final report is set in the layout classic (--layout), not in modern") !=
        std::string::npos);
  const RunResult same = RunArsred({"build", work.year().string(), "--layout", "modern", "-o", pdf});
  CHECK(same.err.find("note:") == std::string::npos);
  Workspace draft("utkast");
  const RunResult draft_build = RunArsred({"build", draft.year().string(), "--layout", "classic", "-o", pdf});
  CHECK(draft_build.err.find("note:") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

// PDF/A-2 (level A when tagged, B when not), checked as far as it can be without a full validator (veraPDF is not available
// here; docs/archive.md lists what only it would check): the readers' tools accept the file, and
// a walk over every object with libqpdf asserts each rule that can be checked structurally.
#include <catch2/catch.hpp>

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <regex>
#include <set>

#include "render_pdf.h"
#include "test_util.h"

namespace arsred::test {
namespace {

// The text of one XMP property, <name>value</name> or inside its rdf:li; "" when absent.
std::string XmpValue(const std::string& xmp, const std::string& name) {
  const std::regex pattern("<" + name + ">(?:<rdf:(?:Alt|Seq|Bag)><rdf:li[^>]*>)?([^<]*)<");
  std::smatch match;
  return std::regex_search(xmp, match, pattern) ? match[1].str() : "";
}

// D:20231231000000+00'00' -> 2023-12-31T00:00:00+00:00, the same instant as XMP writes it.
std::string InfoDateAsXmp(const std::string& date) {
  REQUIRE(date.size() == 23);
  REQUIRE(date.compare(0, 2, "D:") == 0);
  return date.substr(2, 4) + "-" + date.substr(6, 2) + "-" + date.substr(8, 2) + "T" + date.substr(10, 2) + ":" +
         date.substr(12, 2) + ":" + date.substr(14, 2) + date.substr(16, 3) + ":" + date.substr(20, 2);
}

std::string InfoText(QPDFObjectHandle info, const char* key) {
  QPDFObjectHandle value = info.getKey(key);
  return value.isString() ? value.getUTF8Value() : "";
}

// Every dictionary in the file (also stream dictionaries and dictionaries nested in arrays),
// each visited once.
class ObjectWalk {
 public:
  explicit ObjectWalk(QPDF& pdf) {
    for (QPDFObjectHandle object : pdf.getAllObjects()) Visit(object);
  }
  const std::vector<QPDFObjectHandle>& dictionaries() const { return dictionaries_; }

 private:
  void Visit(QPDFObjectHandle object) {
    if (object.isIndirect()) {
      if (!seen_.insert(object.getObjGen()).second) return;
    }
    if (object.isStream()) {
      Visit(object.getDict());
    } else if (object.isDictionary()) {
      dictionaries_.push_back(object);
      for (const std::string& key : object.getKeys()) Visit(object.getKey(key));
    } else if (object.isArray()) {
      for (int i = 0; i < object.getArrayNItems(); ++i) Visit(object.getArrayItem(i));
    }
  }

  std::set<QPDFObjGen> seen_;
  std::vector<QPDFObjectHandle> dictionaries_;
};

bool IsName(QPDFObjectHandle object, const char* name) { return object.isName() && object.getName() == name; }

// The PDF/A-2 rules that the file's structure shows; `level` is "A" (tagged) or "B".
void CheckPdfA2(const fs::path& file, const std::string& level) {
  INFO(file.string());
  QPDF pdf;
  pdf.processFile(file.c_str());
  CHECK(pdf.getPDFVersion() == "1.7");

  QPDFObjectHandle trailer = pdf.getTrailer();
  QPDFObjectHandle id = trailer.getKey("/ID");
  REQUIRE(id.isArray());
  REQUIRE(id.getArrayNItems() == 2);
  CHECK(id.getArrayItem(0).getStringValue().size() == 16);
  CHECK_FALSE(trailer.hasKey("/Encrypt"));

  QPDFObjectHandle root = pdf.getRoot();
  CHECK(root.getKey("/Lang").getUTF8Value() == "sv-SE");

  // The output intent: sRGB from an embedded ICC profile.
  QPDFObjectHandle intents = root.getKey("/OutputIntents");
  REQUIRE(intents.isArray());
  REQUIRE(intents.getArrayNItems() == 1);
  QPDFObjectHandle intent = intents.getArrayItem(0);
  CHECK(IsName(intent.getKey("/S"), "/GTS_PDFA1"));
  CHECK(intent.getKey("/OutputConditionIdentifier").getUTF8Value() == "sRGB IEC61966-2.1");
  QPDFObjectHandle profile = intent.getKey("/DestOutputProfile");
  REQUIRE(profile.isStream());
  CHECK(profile.getDict().getKey("/N").getIntValue() == 3);
  std::shared_ptr<Buffer> icc = profile.getStreamData();
  REQUIRE(icc->getSize() > 128);
  CHECK(std::string(reinterpret_cast<const char*>(icc->getBuffer()) + 36, 4) == "acsp");

  // The XMP metadata: uncompressed, well-formed enough to read, and saying what Info says.
  QPDFObjectHandle metadata = root.getKey("/Metadata");
  REQUIRE(metadata.isStream());
  CHECK(IsName(metadata.getDict().getKey("/Type"), "/Metadata"));
  CHECK(IsName(metadata.getDict().getKey("/Subtype"), "/XML"));
  CHECK_FALSE(metadata.getDict().hasKey("/Filter"));
  std::shared_ptr<Buffer> raw = metadata.getRawStreamData();
  const std::string xmp(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
  CHECK(XmpValue(xmp, "pdfaid:part") == "2");
  CHECK(XmpValue(xmp, "pdfaid:conformance") == level);
  // Level A is tagged; tests/render/tagged_test.cc checks the tree itself.
  CHECK(root.hasKey("/StructTreeRoot") == (level == "A"));
  CHECK(root.hasKey("/MarkInfo") == (level == "A"));
  QPDFObjectHandle info = trailer.getKey("/Info");
  REQUIRE(info.isDictionary());
  CHECK(XmpValue(xmp, "dc:title") == InfoText(info, "/Title"));
  CHECK(XmpValue(xmp, "dc:creator") == InfoText(info, "/Author"));
  CHECK(XmpValue(xmp, "dc:description") == InfoText(info, "/Subject"));
  CHECK(XmpValue(xmp, "pdf:Producer") == InfoText(info, "/Producer"));
  CHECK(XmpValue(xmp, "xmp:CreatorTool") == InfoText(info, "/Creator"));
  CHECK(XmpValue(xmp, "xmp:CreateDate") == InfoDateAsXmp(InfoText(info, "/CreationDate")));
  CHECK(XmpValue(xmp, "xmp:ModifyDate") == InfoDateAsXmp(InfoText(info, "/ModDate")));
  CHECK_FALSE(XmpValue(xmp, "dc:title").empty());

  // Every object: fonts embedded, no forbidden actions, keys or transparency, annotations printable.
  int fonts = 0, annotations = 0;
  const std::set<std::string> allowed_actions = {"/GoTo", "/GoToR", "/Thread", "/URI", "/Named", "/SubmitForm"};
  const ObjectWalk walk(pdf);
  for (QPDFObjectHandle dict : walk.dictionaries()) {
    for (const char* key : {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/Encrypt", "/XFA", "/OPI", "/PS",
                            "/Alternates", "/TR", "/TR2", "/NeedsRendering"}) {
      INFO(key << " in " << dict.unparse().substr(0, 200));
      CHECK_FALSE(dict.hasKey(key));
    }
    if (dict.hasKey("/SMask")) CHECK(IsName(dict.getKey("/SMask"), "/None"));
    for (const char* alpha : {"/CA", "/ca"}) {
      if (dict.hasKey(alpha)) CHECK(dict.getKey(alpha).getNumericValue() == 1.0);
    }
    if (dict.hasKey("/Group")) CHECK_FALSE(IsName(dict.getKey("/Group").getKey("/S"), "/Transparency"));
    if (dict.hasKey("/S") && (dict.hasKey("/URI") || dict.hasKey("/D") || IsName(dict.getKey("/Type"), "/Action"))) {
      INFO(dict.unparse());
      CHECK(allowed_actions.count(dict.getKey("/S").getName()) == 1);
    }
    if (IsName(dict.getKey("/Type"), "/Font") && !IsName(dict.getKey("/Subtype"), "/Type0")) {
      ++fonts;
      QPDFObjectHandle descriptor = dict.getKey("/FontDescriptor");
      INFO(dict.unparse().substr(0, 200));
      REQUIRE(descriptor.isDictionary());
      CHECK((descriptor.hasKey("/FontFile") || descriptor.hasKey("/FontFile2") || descriptor.hasKey("/FontFile3")));
      if (IsName(dict.getKey("/Subtype"), "/CIDFontType2")) CHECK(dict.hasKey("/CIDToGIDMap"));
    }
    if (IsName(dict.getKey("/Type"), "/Annot") || dict.hasKey("/Rect")) {
      ++annotations;
      INFO(dict.unparse());
      const long long flags = dict.getKey("/F").isInteger() ? dict.getKey("/F").getIntValue() : 0;
      CHECK((flags & 4) == 4);       // Print
      CHECK((flags & (1 | 2 | 32)) == 0);  // not Invisible, Hidden or NoView
      CHECK((IsName(dict.getKey("/Subtype"), "/Link") || dict.hasKey("/AP")));
    }
  }
  CHECK(fonts >= 2);
  CHECK(annotations > 10);  // the contents' links at least
}

// What a reader's tools say: qpdf finds no damage, every font embedded, the XMP well-formed.
void CheckWithTools(const fs::path& file) {
  INFO(file.string());
  CHECK(RunTool("qpdf --check " + Quote(file)).exit_code == 0);
  ToolRun fonts = RunTool("pdffonts " + Quote(file));
  REQUIRE(fonts.exit_code == 0);
  std::istringstream lines(fonts.output);
  std::string line;
  int listed = 0;
  for (int n = 0; std::getline(lines, line); ++n) {
    if (n < 2) continue;  // the heading and its rule
    ++listed;
    INFO(line);
    CHECK(line.find(" yes yes yes ") != std::string::npos);  // embedded, subset, with a Unicode map
  }
  CHECK(listed >= 2);
  CHECK(RunTool("pdfinfo -meta " + Quote(file) + " | xmllint --noout -").exit_code == 0);
  // The ToUnicode maps are proper ones: poppler has no complaint while extracting the text.
  ToolRun text = RunToolWithErrors("pdftotext " + Quote(file) + " -");
  CHECK(text.output.find("Syntax Warning") == std::string::npos);
  CHECK(text.output.find("Årsredovisning") != std::string::npos);
}

TEST_CASE("final reports of both years are PDF/A-2a as far as their structure shows", "[pdfa]") {
  TempDir temp;
  for (const char* year : {"2020", "2023"}) {
    const fs::path pdf = temp.path() / (std::string(year) + ".pdf");
    RunResult run = RunArsred({"build", FinalSeedCopy(temp.path(), year).string(), "--final", "-o", pdf.string()});
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("PDF/A-2a, PDF/UA-1") != std::string::npos);
    CheckPdfA2(pdf, "A");
    CheckWithTools(pdf);
  }
}

TEST_CASE("a draft is plain PDF unless --pdfa asks, and then it is PDF/A-2b too", "[pdfa]") {
  TempDir temp;
  const std::string year = (kSourceDir / "tests/fixtures/base/2024").string();
  const fs::path plain = temp.path() / "plain.pdf", archival = temp.path() / "pdfa.pdf";
  REQUIRE(RunArsred({"build", year, "-o", plain.string()}).exit_code == 0);
  REQUIRE(RunArsred({"build", year, "--pdfa", "-o", archival.string()}).exit_code == 0);
  CheckPdfA2(archival, "B");
  CheckWithTools(archival);

  QPDF pdf;
  pdf.processFile(plain.c_str());
  CHECK_FALSE(pdf.getRoot().hasKey("/OutputIntents"));
  std::shared_ptr<Buffer> raw = pdf.getRoot().getKey("/Metadata").getRawStreamData();
  const std::string xmp(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize());
  CHECK(XmpValue(xmp, "pdfaid:part").empty());
  CHECK(XmpValue(xmp, "dc:title") == "Årsredovisning 2024");
}

TEST_CASE("a layout that turns tagging off makes the final report PDF/A-2b", "[pdfa]") {
  TempDir temp;
  fs::copy(kSourceDir / "tests/fixtures/base", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path org = temp.path() / "inputs/2024/forbund.yaml";
  WriteFile(org, ReplaceAll(ReadFile(org), "status: utkast", "status: slutlig"));
  const fs::path data = temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts/untagged.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") + "taggad: false\n");
  const fs::path pdf = temp.path() / "r.pdf";
  RunResult run = RunArsred({"build", (temp.path() / "inputs/2024").string(), "--final", "--data-dir", data.string(),
                             "--layout", "untagged", "-o", pdf.string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  CHECK(run.err.find("PDF/A-2b)") != std::string::npos);
  CheckPdfA2(pdf, "B");
  CheckWithTools(pdf);
}

TEST_CASE("XMP escapes what XML would misread and repeats every Info entry", "[pdfa]") {
  DocumentInfo info;
  info.title = "Årsredovisning <2024> & \"mer\"";
  info.author = "Öst & Väst";
  info.subject = "Ämne";
  info.creator = "arsred";
  info.created = "2025-03-14";
  info.modified = "2025-03-15";
  TempDir temp;
  const std::string xmp = XmpPacket(info, PdfFlavour::kPdfA2b);
  CHECK(XmpValue(xmp, "dc:title") == "Årsredovisning &lt;2024&gt; &amp; &quot;mer&quot;");
  CHECK(XmpValue(xmp, "dc:creator") == "Öst &amp; Väst");
  CHECK(XmpValue(xmp, "xmp:CreateDate") == "2025-03-14T00:00:00+00:00");
  CHECK(XmpValue(xmp, "xmp:ModifyDate") == "2025-03-15T00:00:00+00:00");
  CHECK(XmpValue(xmp, "pdf:Keywords").empty());  // no keywords, no entry
  CHECK(XmpValue(xmp, "pdfaid:conformance") == "B");
  CHECK(XmpValue(xmp, "pdfuaid:part").empty());
  // Tagged: level A, PDF/UA-1, and the extension schema that declares pdfuaid to PDF/A.
  const std::string tagged = XmpPacket(info, PdfFlavour::kPdfA2b, true);
  CHECK(XmpValue(tagged, "pdfaid:conformance") == "A");
  CHECK(XmpValue(tagged, "pdfuaid:part") == "1");
  CHECK(XmpValue(tagged, "pdfaSchema:prefix") == "pdfuaid");
  CHECK(XmpValue(tagged, "pdfaSchema:namespaceURI") == "http://www.aiim.org/pdfua/ns/id/");
  WriteFile(temp.path() / "tagged.xml", tagged);
  CHECK(RunTool("xmllint --noout " + Quote(temp.path() / "tagged.xml")).exit_code == 0);
  WriteFile(temp.path() / "x.xml", xmp);
  CHECK(RunTool("xmllint --noout " + Quote(temp.path() / "x.xml")).exit_code == 0);
}

TEST_CASE("an ICC profile that is not one is refused, and nothing is written", "[pdfa]") {
  TempDir temp;
  WriteFile(temp.path() / "fake.icc", std::string(200, 'x'));
  const fs::path pdf = temp.path() / "r.pdf";
  RunResult run = RunArsred({"build", (kSourceDir / "tests/fixtures/base/2024").string(), "--pdfa", "--icc-profile",
                             (temp.path() / "fake.icc").string(), "-o", pdf.string()});
  CHECK(run.exit_code == 2);
  CHECK(run.err.find("is not an ICC profile") != std::string::npos);
  CHECK_FALSE(fs::exists(pdf));
}

}  // namespace
}  // namespace arsred::test

// The final report's signature fields: one empty field per seat of the board, named by the
// seat, over its signature line, with the ledamot in words for readers and signing tools. A
// draft, which nobody signs, has none.
#include <catch2/catch.hpp>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include <map>
#include <set>
#include <sstream>

#include "test_util.h"

namespace arsred::test {
namespace {

bool IsName(QPDFObjectHandle object, const char* name) { return object.isName() && object.getName() == name; }

struct TracedField {
  double x = 0, y = 0, width = 0, height = 0;
  std::string tooltip;
};

// The signature fields layout placed, by name, read from its trace:
// `signature-field at=70.87,635.82 size=207.02x40.00 structure=382 name="region" tooltip="…"`.
std::map<std::string, TracedField> FieldsInTrace(const std::string& trace) {
  std::map<std::string, TracedField> fields;
  std::istringstream lines(trace);
  for (std::string line; std::getline(lines, line);) {
    const size_t at = line.find("signature-field at=");
    if (at == std::string::npos) continue;
    TracedField field;
    REQUIRE(std::sscanf(line.c_str() + at, "signature-field at=%lf,%lf size=%lfx%lf", &field.x, &field.y, &field.width,
                        &field.height) == 4);
    const size_t name = line.find(" name=\"") + 7;
    const size_t tooltip = line.find("\" tooltip=\"");
    REQUIRE(tooltip != std::string::npos);
    field.tooltip = line.substr(tooltip + 11, line.size() - tooltip - 12);
    fields[line.substr(name, tooltip - name)] = field;
  }
  return fields;
}

TEST_CASE("a final report has an empty signature field on each seat's line — a draft has none", "[signing]") {
  TempDir temp;
  const fs::path year = FinalSeedCopy(temp.path(), "2023");
  const fs::path pdf = temp.path() / "final.pdf";
  RunResult build = RunArsred({"build", year.string(), "--final", "-o", pdf.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  RunResult dump = RunArsred({"dump", "--stage", "layout", "--final", year.string()});
  REQUIRE(dump.exit_code == 0);
  const std::map<std::string, TracedField> traced = FieldsInTrace(dump.out);
  // 2023's board: the state's two seats, the region and eight kommuner.
  CHECK(traced.size() == 11);
  CHECK(traced.count("forsakringskassan") == 1);
  CHECK(traced.count("ostersund") == 1);

  QPDF file;
  file.processFile(pdf.string().c_str());
  QPDFObjectHandle form = file.getRoot().getKey("/AcroForm");
  REQUIRE(form.isDictionary());
  CHECK_FALSE(form.hasKey("/NeedAppearances"));  // PDF/A forbids it
  CHECK_FALSE(form.hasKey("/SigFlags"));         // nothing is signed yet
  QPDFObjectHandle fields = form.getKey("/Fields");
  REQUIRE(fields.isArray());
  CHECK(fields.getArrayNItems() == static_cast<int>(traced.size()));

  // Every widget of the document, to find each field on its page.
  std::map<QPDFObjGen, int> page_of;
  int page_number = 0;
  for (QPDFObjectHandle page : file.getAllPages()) {
    ++page_number;
    QPDFObjectHandle annotations = page.getKey("/Annots");
    for (int a = 0; annotations.isArray() && a < annotations.getArrayNItems(); ++a) {
      page_of[annotations.getArrayItem(a).getObjGen()] = page_number;
    }
  }
  std::set<std::string> names;
  std::set<int> pages;
  for (int i = 0; i < fields.getArrayNItems(); ++i) {
    QPDFObjectHandle field = fields.getArrayItem(i);
    const std::string name = field.getKey("/T").getUTF8Value();
    INFO(name);
    CHECK(names.insert(name).second);
    REQUIRE(traced.count(name) == 1);
    const TracedField& expected = traced.at(name);
    CHECK(IsName(field.getKey("/FT"), "/Sig"));
    CHECK(IsName(field.getKey("/Subtype"), "/Widget"));
    CHECK_FALSE(field.hasKey("/V"));  // empty
    CHECK(field.getKey("/F").getIntValue() == 4);
    CHECK(field.getKey("/TU").getUTF8Value() == expected.tooltip);
    // Where layout put it, on a page that lists it.
    QPDFObjectHandle rect = field.getKey("/Rect");
    REQUIRE(rect.isArray());
    CHECK(rect.getArrayItem(0).getNumericValue() == Approx(expected.x).margin(0.01));
    CHECK(rect.getArrayItem(1).getNumericValue() == Approx(expected.y).margin(0.01));
    CHECK(rect.getArrayItem(2).getNumericValue() == Approx(expected.x + expected.width).margin(0.01));
    CHECK(rect.getArrayItem(3).getNumericValue() == Approx(expected.y + expected.height).margin(0.01));
    REQUIRE(page_of.count(field.getObjGen()) == 1);
    CHECK(field.getKey("/P").getObjGen() == file.getAllPages()[static_cast<size_t>(page_of[field.getObjGen()] - 1)].getObjGen());
    pages.insert(page_of[field.getObjGen()]);
    // An appearance (PDF/A asks for one), empty: the line is printed on the page itself.
    QPDFObjectHandle appearance = field.getKey("/AP").getKey("/N");
    REQUIRE(appearance.isStream());
    CHECK(IsName(appearance.getDict().getKey("/Subtype"), "/Form"));
    CHECK(appearance.getDict().getKey("/BBox").isArray());
  }
  // All on the signature page, the last of the report.
  CHECK(pages == std::set<int>{page_number});
  // 2023's seats have no ids of their own: each is named by the member that appoints it.
  CHECK(traced.at("forsakringskassan").tooltip.find("Försäkringskassan") != std::string::npos);

  // inputs/2023 itself is not approved: a draft.
  const fs::path draft = temp.path() / "draft.pdf";
  const std::string draft_year = (kSourceDir / "inputs/2023").string();
  REQUIRE(RunArsred({"build", draft_year, "-o", draft.string()}).exit_code == 0);
  QPDF draft_file;
  draft_file.processFile(draft.string().c_str());
  CHECK_FALSE(draft_file.getRoot().hasKey("/AcroForm"));
  CHECK(RunArsred({"dump", "--stage", "layout", draft_year}).out.find("signature-field") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

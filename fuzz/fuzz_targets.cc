#include "fuzz_targets.h"

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <optional>

#include "calculate.h"
#include "compiled_resources.h"
#include "layout.h"
#include "load.h"
#include "render_pdf.h"
#include "sie.h"
#include "signatures.h"
#include "validate.h"

namespace arsred::fuzz {

namespace {

// The base year, loaded once: each input changes one file of a copy.
const InputSet& BaseYear() {
  static const InputSet base = [] {
    InputSet inputs;
    Diagnostics diagnostics;
    LoadInputs(std::string(ARSRED_SOURCE_DIR) + "/tests/fixtures/base/2024", inputs, diagnostics);
    return inputs;
  }();
  return base;
}

void Reset(YearFiles& files, const std::string& name) {
  if (name == "forbund.yaml") files.forbund = {};
  if (name == "text.yaml") files.text = {};
  if (name == "verksamhet.yaml") files.verksamhet = {};
  if (name == "budget.yaml") files.budget = {};
  if (name == "rakenskaper.yaml") files.rakenskaper = {};
  if (name == "rattelser.yaml") files.rattelser = {};
}

}  // namespace

void LoadAndValidate(const uint8_t* data, size_t size) {
  if (size == 0) return;
  const YearFileSpec& spec = kYearFileSpecs[data[0] % 6];
  InputSet inputs = BaseYear();
  YearInput& year = inputs.years.at(2024);
  Reset(year.files, spec.name);
  Diagnostics diagnostics;
  LoadFileText(std::string(reinterpret_cast<const char*>(data) + 1, size - 1), spec.name,
               std::string("fuzz/") + spec.name, year.files, inputs.sources, diagnostics);
  year.complete = !diagnostics.HasErrors();
  year.present.insert(spec.name);
  Validate(inputs, diagnostics);
  // A draft is typeset even when the inputs have errors, so calculate must survive them.
  if (year.complete) Calculate(inputs, true, Presentation{}, diagnostics);
}

namespace {

// The base year laid out with the layout file in `data`; nullopt when the layout is unusable.
std::optional<Document> LaidOutWith(const uint8_t* data, size_t size, LayoutFile& layout) {
  static const std::string path = "/tmp/arsred-fuzz-layout-" + std::to_string(getpid()) + ".yaml";
  {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  InputSet inputs = BaseYear();
  Diagnostics diagnostics;
  if (!LoadLayout(path, layout, inputs.sources, diagnostics)) return std::nullopt;
  LayoutResources resources;
  const PrecompiledResources precompiled{&kSwedishPatterns, kBundledKerning};
  if (!LoadLayoutResources(layout, {std::string(ARSRED_SOURCE_DIR) + "/fonts"}, kSwedishDictionary, precompiled,
                           resources, diagnostics)) return std::nullopt;
  const Presentation presentation =
      PresentationOf(inputs.report().files.forbund, layout.belopp ? std::optional<Unit>(layout.belopp->value) : std::nullopt,
                     layout.benamningar ? &*layout.benamningar : nullptr);
  ReportFigures figures = Calculate(inputs, true, presentation, diagnostics);
  Document document = LayOut(ProseOf(inputs), figures, layout, resources, DraftNotes{}, diagnostics);
  // build refuses to render a report whose typesetting failed (a glyph the font lacks).
  if (diagnostics.HasErrors()) return std::nullopt;
  return document;
}

}  // namespace

void LayOutWith(const uint8_t* data, size_t size) {
  LayoutFile layout;
  LaidOutWith(data, size, layout);
}

void RenderWith(const uint8_t* data, size_t size) {
  LayoutFile layout;
  std::optional<Document> document = LaidOutWith(data, size, layout);
  if (!document) return;
  static const std::string path = "/tmp/arsred-fuzz-render-" + std::to_string(getpid()) + ".pdf";
  RenderOptions options;
  options.flavour = PdfFlavour::kPdfA2b;
  options.tagged = !layout.taggad || layout.taggad->value;
  std::string error;
  // A document layout made must render; anything else is a bug in one of the two.
  if (!RenderPdf(*document, path, options, &error)) {
    std::fprintf(stderr, "render failed: %s\n", error.c_str());
    std::abort();
  }
  std::filesystem::remove(path);
}

void ReadBooks(const uint8_t* data, size_t size) {
  SourceSet sources;
  Diagnostics diagnostics;
  const SieFile books =
      ReadSie(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.se", sources, diagnostics);
  const std::vector<AccountTarget> targets = {{"intakter", {{3000, 3999}}}, {"kassa", {{1900, 1999}}}};
  for (SieBalanceKind kind : {SieBalanceKind::kOpening, SieBalanceKind::kClosing, SieBalanceKind::kResult}) {
    MapBalances(books, kind, 0, targets);
  }
  for (const Diagnostic& d : diagnostics.all()) FormatDiagnostic(d, sources);
}

void CheckSignaturesOf(const uint8_t* data, size_t size) {
  ReportSignatures signatures;
  std::string error;
  CheckSignatures(std::string(reinterpret_cast<const char*>(data), size), signatures, &error);
}

}  // namespace arsred::fuzz

// The layout file read and checked, and the fonts and dictionary it asks for (layout.h).
#include "layout.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "layout_units.h"
#include "load_visitor.h"

namespace arsred {

double MmToPt(const Decimal& mm) { return static_cast<double>(mm.hundredths) / 100.0 * 72.0 / 25.4; }
double Pt(const Decimal& pt) { return static_cast<double>(pt.hundredths) / 100.0; }
double Pt(const Located<Decimal>& pt) { return Pt(pt.value); }

bool ParseColor(const std::string& text, Color* out) {
  if (text.size() != 7 || text[0] != '#') return false;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  int v[6];
  for (int i = 0; i < 6; ++i) {
    v[i] = hex(text[static_cast<size_t>(i) + 1]);
    if (v[i] < 0) return false;
  }
  *out = Color{static_cast<uint8_t>(v[0] * 16 + v[1]), static_cast<uint8_t>(v[2] * 16 + v[3]),
               static_cast<uint8_t>(v[4] * 16 + v[5])};
  return true;
}

Color ColorOr(const std::optional<Located<std::string>>& text, Color fallback) {
  Color c = fallback;
  if (text) ParseColor(text->value, &c);
  return c;
}

namespace {

const std::vector<std::string> kParts = {"omslag", "innehall", "forvaltningsberattelse", "resultatrakning",
                                         "balansrakning", "kassaflodesanalys", "redovisningsprinciper", "noter",
                                         "underskrifter", "bilagor"};

// Names the nearest part, or, when none is near, what the parts are. A statement printed under
// an older name keeps its part and takes the name from `benamningar`.
std::string UnknownPartMessage(const std::string& name) {
  std::string message = "no part `" + name + "`";
  if (name == "finansieringsanalys") {
    return message + ": the part is `kassaflodesanalys`; `benamningar: {kassaflodesanalys: Finansieringsanalys}` "
                     "prints it under that name";
  }
  std::string suggestion = DidYouMean(name, kParts);
  if (!suggestion.empty()) return message + "; did you mean `" + suggestion + "`?";
  message += "; the parts are";
  for (size_t i = 0; i < kParts.size(); ++i) message += (i ? ", " : " ") + kParts[i];
  return message;
}

struct LayoutChecker {
  Diagnostics& d;
  void Color(const Located<std::string>& text) {
    arsred::Color c;
    if (!ParseColor(text.value, &c)) d.Error("layout.color", text.where, text.path, "a colour is written #rrggbb");
  }
  void Color(const std::optional<Located<std::string>>& text) {
    if (text) Color(*text);
  }
  // A running header's or footer's text: each {…} one of kRunningPlaceholders, and no brace left
  // open or standing alone (a tester's "{forbund.nman} {titel|foo} {" printed as typed on every page).
  void RunningText(const std::optional<Located<std::string>>& text) {
    if (!text) return;
    const std::string& value = text->value;
    for (size_t at = 0; at < value.size(); ++at) {
      if (value[at] != '{' && value[at] != '}') continue;
      const size_t close = value[at] == '{' ? value.find_first_of("{}", at + 1) : std::string::npos;
      if (close == std::string::npos || value[close] != '}') {
        d.Error("layout.placeholder", text->where, text->path, "a brace without its pair: a placeholder is {name}");
        return;
      }
      const std::string name = value.substr(at + 1, close - at - 1);
      const auto known = std::find(std::begin(kRunningPlaceholders), std::end(kRunningPlaceholders), name);
      if (known == std::end(kRunningPlaceholders)) {
        std::string names;
        for (std::string_view n : kRunningPlaceholders) names += (names.empty() ? "{" : ", {") + std::string(n) + "}";
        d.Error("layout.placeholder", text->where, text->path,
                "no placeholder {" + name + "} in a running header or footer; they are " + names);
      }
      at = close;
    }
  }
  void Positive(const Located<Decimal>& value, double at_most) {
    double v = static_cast<double>(value.value.hundredths) / 100.0;
    if (v <= 0 || v > at_most) {
      d.Error("layout.range", value.where, value.path, "must be above 0 and at most " + std::to_string(static_cast<int>(at_most)));
    }
  }
};

}  // namespace

bool LoadLayout(const std::string& path, LayoutFile& layout, SourceSet& sources, Diagnostics& diagnostics) {
  size_t errors = diagnostics.ErrorCount();
  auto parsed = ReadYamlFile(path, path, sources, diagnostics);
  if (!parsed) return false;
  Loader loader(parsed->file, sources, diagnostics, ReaderLimits{}.max_scalar_bytes);
  loader.LoadRoot(parsed->root, layout);
  if (diagnostics.ErrorCount() != errors) return false;

  LayoutChecker check{diagnostics};
  check.Positive(layout.sida.bredd, 1000);
  check.Positive(layout.sida.hojd, 1000);
  for (const auto* m : {&layout.sida.marginal.topp, &layout.sida.marginal.botten, &layout.sida.marginal.inner,
                        &layout.sida.marginal.yttre}) {
    check.Positive(*m, 100);
  }
  // The margins must leave room to set text in: at least 40 mm each way, 30 mm per column.
  const Margins& m = layout.sida.marginal;
  double text_width = MmToPt(layout.sida.bredd.value) - MmToPt(m.inner.value) - MmToPt(m.yttre.value);
  double text_height = MmToPt(layout.sida.hojd.value) - MmToPt(m.topp.value) - MmToPt(m.botten.value);
  int64_t columns = layout.sida.kolumner ? layout.sida.kolumner->value : 1;
  double gap = layout.sida.spaltmellanrum ? MmToPt(layout.sida.spaltmellanrum->value) : 18;
  if (text_width < MmToPt(Decimal{4000}) || text_height < MmToPt(Decimal{4000}) ||
      (columns == 2 && (text_width - gap) / 2 < MmToPt(Decimal{3000}))) {
    diagnostics.Error("layout.range", layout.sida.marginal.where, "sida.marginal",
                      "the margins leave too little room for text (at least 40 mm each way, 30 mm per column)");
  }
  if (layout.sida.kolumner && (layout.sida.kolumner->value < 1 || layout.sida.kolumner->value > 2)) {
    diagnostics.Error("layout.columns", layout.sida.kolumner->where, layout.sida.kolumner->path, "1 or 2 columns");
  }
  for (const std::optional<RunningLine>* line : {&layout.sidhuvud, &layout.sidfot}) {
    if (!*line) continue;
    for (const auto* text : {&(*line)->vanster, &(*line)->mitten, &(*line)->hoger}) check.RunningText(*text);
  }
  check.Positive(layout.text.storlek, 72);
  check.Positive(layout.text.radavstand, 100);
  if (const auto& expansion = layout.text.expansion;
      expansion && (expansion->value.hundredths < 0 || expansion->value.hundredths > 300)) {
    diagnostics.Error("layout.range", expansion->where, expansion->path, "must be from 0 to 3 (per cent)");
  }
  check.Color(layout.text.farg);
  for (const HeadingStyle* h : {&layout.rubriker.h1, &layout.rubriker.h2, &layout.rubriker.h3, &layout.rubriker.h4}) {
    check.Positive(h->storlek, 72);
    check.Color(h->farg);
  }
  check.Positive(layout.tabeller.storlek, 72);
  check.Color(layout.tabeller.linjefarg);
  check.Color(layout.tabeller.huvudfarg);
  check.Color(layout.tabeller.randfarg);
  for (const auto& c : layout.diagramfarger) check.Color(c);
  if (layout.diagramfarger.empty()) {
    diagnostics.Error("layout.chart_colors", layout.where, "diagramfarger", "give at least one chart colour");
  }
  if (layout.ordning.empty()) {
    diagnostics.Error("layout.parts", layout.where, "ordning",
                      "list the parts of the report in order, e.g. [omslag, innehall, forvaltningsberattelse]");
  }
  if (layout.benamningar) CheckStatementNames(*layout.benamningar, diagnostics);
  std::vector<std::string> seen;
  for (const auto& part : layout.ordning) {
    if (std::find(kParts.begin(), kParts.end(), part.value.name) == kParts.end()) {
      diagnostics.Error("layout.part", part.where, part.path, UnknownPartMessage(part.value.name));
    } else if (std::find(seen.begin(), seen.end(), part.value.name) != seen.end()) {
      diagnostics.Error("layout.part", part.where, part.path, "`" + part.value.name + "` is listed twice");
    }
    seen.push_back(part.value.name);
  }
  return diagnostics.ErrorCount() == errors;
}

bool LoadLayoutFonts(const LayoutFile& layout, const std::vector<std::string>& font_dirs, LayoutResources& resources,
                     Diagnostics& diagnostics, std::span<const CompiledKerning> kerning) {
  bool ok = true;
  const Fonts& t = layout.typsnitt;
  for (const Located<std::string>* file : {&t.normal, &t.fet, &t.kursiv, &t.fet_kursiv}) {
    // A face is named by its file name alone, so that a layout reads fonts from the directories
    // it is given and nowhere else.
    if (file->value.empty() || file->value.find('/') != std::string::npos || file->value == "." ||
        file->value == "..") {
      diagnostics.Error("layout.font", file->where, file->path,
                        "name a font file without a directory: it is looked for beside the layout, then in fonts/");
      ok = false;
      continue;
    }
    std::string path;
    for (const std::string& dir : font_dirs) {
      std::error_code ec;
      if (std::filesystem::exists(dir + "/" + file->value, ec)) {
        path = dir + "/" + file->value;
        break;
      }
    }
    if (path.empty()) {
      std::string places;
      for (size_t i = 0; i < font_dirs.size(); ++i) places += (i == 0 ? "" : " or ") + font_dirs[i];
      diagnostics.Error("layout.font", file->where, file->path, "no font file " + file->value + " in " + places);
      ok = false;
      continue;
    }
    // The file stays mapped for the document, which carries it to render.
    std::string error;
    std::shared_ptr<const FontFile> data = FontFile::Open(path, &error);
    std::shared_ptr<const FontMetrics> metrics = data ? FontMetrics::Parse(data->bytes(), &error, kerning) : nullptr;
    if (!metrics) {
      const std::string why = data ? path + ": " + error : error;  // Open's error names the path
      diagnostics.Error("layout.font", file->where, file->path, "cannot use " + path + ": " + why);
      ok = false;
      continue;
    }
    resources.metrics.push_back(metrics);
    resources.faces.push_back({path, file->value.substr(0, file->value.rfind('.')), std::move(data), metrics});
  }
  return ok;
}

bool LoadLayoutResources(const LayoutFile& layout, const std::vector<std::string>& font_dirs,
                         const std::string& dictionary, const PrecompiledResources& precompiled,
                         LayoutResources& resources, Diagnostics& diagnostics) {
  bool ok = LoadLayoutFonts(layout, font_dirs, resources, diagnostics, precompiled.kerning);
  std::string error;
  resources.hyphenator = Hyphenator::Load(dictionary, &error, precompiled.patterns);
  if (!resources.hyphenator) {
    diagnostics.Error("layout.hyphenation", Where{}, "", "cannot load the Swedish hyphenation dictionary: " + error);
    ok = false;
  }
  return ok;
}

}  // namespace arsred

// Stage 4, layout: the report's figures, its prose and a layout file -> pages of positioned
// items (pages.h). Layout knows nothing about PDF; render knows nothing about the report.
//
// Paragraphs are set by total-fit line breaking with Swedish hyphenation (paragraph.h), pages are
// filled top to bottom with headings kept with what follows, no single line of a paragraph left
// alone at the top or bottom of a page, table rows never split and table heads repeated after a
// break. The table of contents is filled in after the pages are made, in the same run.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "calculate.h"
#include "diagnostics.h"
#include "font_metrics.h"
#include "hyphenate.h"
#include "layout_model.h"
#include "load.h"
#include "pages.h"

namespace arsred {

struct LayoutResources {
  std::vector<std::shared_ptr<const FontMetrics>> metrics;  // regular, bold, italic, bold italic
  std::vector<FontFace> faces;
  std::unique_ptr<Hyphenator> hyphenator;
};

// Reads and checks a layout file; findings (with positions) go to `diagnostics`.
bool LoadLayout(const std::string& path, LayoutFile& layout, SourceSet& sources, Diagnostics& diagnostics);

// What the program carries ready-made for the resources a report is normally made with (the build
// stage's compiled_resources.h). Left empty, everything is read from the files.
struct PrecompiledResources {
  const Hyphenator::Compiled* patterns = nullptr;
  std::span<const CompiledKerning> kerning;
};

// Loads the four faces the layout names (`typsnitt`). Each is a file name, looked for in
// `font_dirs` in order (build.h's LayoutSource: beside the layout, then <data_dir>/fonts); a face
// found in none, or not a usable TrueType font, is an error at its name in the layout file. A
// face's kerning comes from `kerning` when that holds its tables' (FontMetrics::Parse).
bool LoadLayoutFonts(const LayoutFile& layout, const std::vector<std::string>& font_dirs, LayoutResources& resources,
                     Diagnostics& diagnostics, std::span<const CompiledKerning> kerning = {});

// LoadLayoutFonts, then the Swedish hyphenation dictionary (a libhyphen .dic file, normally
// kSwedishDictionary), each from `precompiled` where it holds them.
bool LoadLayoutResources(const LayoutFile& layout, const std::vector<std::string>& font_dirs,
                         const std::string& dictionary, const PrecompiledResources& precompiled,
                         LayoutResources& resources, Diagnostics& diagnostics);

struct DraftNotes {
  bool draft = false;
  std::vector<std::string> findings;  // formatted diagnostics, listed in the draft's appendix
};

// What layout reads of the report year's inputs: its prose and its goals. Everything else
// reaches layout as figures (calculate.h).
struct ReportProse {
  const TextFile& text;                     // text.yaml: förvaltningsberättelse, principles, appendices
  const std::vector<GoalArea>& goal_areas;  // verksamhet.yaml's målområden, embedded by the text
};

// The prose of the report year of `inputs`.
inline ReportProse ProseOf(const InputSet& inputs) {
  const YearFiles& files = inputs.report().files;
  return {files.text, files.verksamhet.malomraden};
}

// Lays out the report. Text that the fonts cannot show is reported with its position.
Document LayOut(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                const LayoutResources& resources, const DraftNotes& draft, Diagnostics& diagnostics);

}  // namespace arsred

// Stage 4's result and stage 5's only input: the document as pages of positioned items.
//
// Layout decides everything; render draws exactly these items and nothing else, and the text
// trace (trace.h) prints them for tests and `arsred dump --stage layout`. Units are points
// (1/72 inch); x grows to the right from the page's left edge and y grows upwards from its
// bottom edge, as in PDF. Text is UTF-8 in the font's own characters (layout has already
// replaced what the font lacks, e.g. U+00A0 by U+0020).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace arsred {

// The ligatures a run's text may hold where the layout sets them (text.ligaturer): Unicode's
// presentation forms, each drawn as one glyph and standing for its letters (longest first).
struct Ligature {
  std::string_view letters;
  char32_t character;
};
inline constexpr Ligature kLigatures[] = {
    {"ffi", 0xFB03}, {"ffl", 0xFB04}, {"ff", 0xFB00}, {"fi", 0xFB01}, {"fl", 0xFB02}};

// The letters `c` stands for when it is one of kLigatures, or "".
constexpr std::string_view LigatureLetters(char32_t c) {
  for (const Ligature& ligature : kLigatures) {
    if (ligature.character == c) return ligature.letters;
  }
  return {};
}

struct Color {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Color&) const = default;
};

// What an item is for the reader; kept for the tagged PDF (accessibility) and the trace.
enum class Role {
  kArtifact,      // running header/footer, page number, rules, watermark, decoration
  kHeading1, kHeading2, kHeading3, kHeading4,
  kParagraph, kSmallPrint, kListItem,
  kTableHeader, kTableCell, kCaption,
  kFigure, kTocEntry, kSignature, kTitle,
};

// The logical structure of the report, for the tagged PDF (PDF/UA): a tree of elements in
// reading order, built by layout as it composes. Items point at the element they belong to;
// an item that belongs to none (structure -1) is an artifact: running headers and footers,
// rules, stripes, leaders, watermarks, repeated table heads.
enum class StructType {
  kDocument, kH1, kH2, kH3, kH4, kH5, kH6, kP, kL, kLI, kLbl, kLBody,
  kTable, kTR, kTH, kTD, kCaption, kFigure, kTOC, kTOCI, kLink, kForm,
};

// The standard structure type's name in PDF: "P", "H1", "TD", …
inline const char* StructTag(StructType type) {
  static constexpr const char* kTags[] = {"Document", "H1", "H2",    "H3",  "H4",    "H5",      "H6",
                                          "P",        "L",  "LI",    "Lbl", "LBody", "Table",   "TR",
                                          "TH",       "TD", "Caption", "Figure", "TOC", "TOCI", "Link",
                                          "Form"};
  return kTags[static_cast<int>(type)];
}

enum class HeaderScope { kNone, kColumn, kRow };

struct StructElement {
  StructType type = StructType::kP;
  int parent = -1;  // index in Document::structure; -1 only for the root (element 0, kDocument)
  std::string alt;  // a Figure's alternative text: what it shows, in words
  HeaderScope scope = HeaderScope::kNone;  // a TH's: the column or the row it heads
  // A table cell's columns: a head over several ("2023" over Kvinnor, Män, Totalt), or a
  // section row's one cell ("TILLGÅNGAR") across the row. Written as /ColSpan when over 1.
  int col_span = 1;
  // What the element's text says when it is drawn otherwise: a heading set in capitals
  // ("FÖRVALTNINGSBERÄTTELSE") as written ("Förvaltningsberättelse"), for reading aloud and
  // copying. "" when the drawn text says it.
  std::string actual_text = {};
};

class FontFile;     // font_metrics.h
class FontMetrics;  // font_metrics.h

struct FontFace {
  std::string file;  // path of the TrueType file it was read from, for traces and messages
  std::string name;  // a name for traces, e.g. "Carlito-Bold"
  // The file's bytes, the same that layout measured: render embeds them and opens no file.
  std::shared_ptr<const FontFile> data;
  // The metrics layout measured with, whose kerning render writes (each pair looked up once).
  std::shared_ptr<const FontMetrics> metrics;
};

// A run of text drawn from (x, y) on its baseline in one font, size and colour.
struct GlyphRun {
  int font = 0;  // index into Document::fonts
  double size = 10;
  double x = 0, y = 0;
  double scale = 1;  // the glyphs' horizontal scale: a justified line's font expansion (1: none)
  std::string text;
  Color color;
  Role role = Role::kParagraph;
  int structure = -1;  // the element it belongs to (Document::structure), or -1: an artifact
};

struct Rule {
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  double width = 0.5;
  Color color;
  Role role = Role::kArtifact;
  int structure = -1;
};

struct FilledRect {
  double x = 0, y = 0, width = 0, height = 0;
  Color fill;
  Role role = Role::kArtifact;
  int structure = -1;
};

// A closed shape of lines and cubic Bézier curves, filled (charts).
struct PathOp {
  enum class Kind { kMoveTo, kLineTo, kCurveTo, kClose };
  Kind kind = Kind::kMoveTo;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0, x3 = 0, y3 = 0;  // kMoveTo/kLineTo use x1/y1; kCurveTo all
};

struct FilledPath {
  std::vector<PathOp> ops;
  Color fill;
  Role role = Role::kFigure;
  int structure = -1;
};

// A clickable area that goes to a place in the document, or to a web address.
struct Link {
  double x = 0, y = 0, width = 0, height = 0;
  int target_page = -1;    // internal: page index (0-based) ...
  double target_y = 0;     // ... and the y to show at the top
  std::string uri;         // external, when not empty
  int structure = -1;      // its Link element, which holds the link's text too
  std::string description; // what the link leads to, for readers that cannot see it
};

// An empty signature field over a seat's signature line, in a final report: the ledamot signs
// it digitally (`arsred sign`), or by hand above the printed line. The area is where a signing
// tool shows the signature.
struct SignatureField {
  double x = 0, y = 0, width = 0, height = 0;
  std::string name;     // the field's name: the seat's id, which `arsred sign --seat` takes
  std::string tooltip;  // who signs, in words: "Anna Andersson, ordförande, Region Jämtland Härjedalen"
  int structure = -1;   // its Form element
};

// A watermark drawn diagonally across the page (the draft's UTKAST).
struct Watermark {
  int font = 0;
  double size = 96;
  std::string text;
  Color color;
};

using PageItem = std::variant<GlyphRun, Rule, FilledRect, FilledPath, Link, Watermark, SignatureField>;

struct Page {
  double width = 595.28, height = 841.89;  // A4
  std::string label;                       // the printed page number ("3"), or "" for none
  std::vector<PageItem> items;
};

struct OutlineEntry {
  std::string title;
  int level = 1;  // 1 = top
  int page = 0;
  double y = 0;
};

struct DocumentInfo {
  std::string title, author, subject, keywords, creator;
  std::string language = "sv-SE";
  // ISO dates from the inputs (never the clock), e.g. "2024-03-15".
  std::string created, modified;
};

struct Document {
  DocumentInfo info;
  std::vector<StructElement> structure;  // element 0 is the document; empty: untagged
  std::vector<FontFace> fonts;
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;
};

}  // namespace arsred

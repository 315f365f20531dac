// A layout file (layouts/<name>.yaml, or a förbund's own anywhere; see build.h): page, fonts,
// sizes, colours, running header and footer, and the order of the report's parts. Declared
// once, like the inputs (model.h), so the same loader checks it with located errors and
// `arsred schema` documents it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"

namespace arsred {

// Lengths are in millimetres (page geometry) or points (type), as decimals: 25 or 10,5.
struct Margins : Anchor {
  static constexpr std::string_view kName = "Margins";
  Located<Decimal> topp, botten, inner, yttre;
  template <class V>
  void Fields(V& v) {
    v("topp", topp, "Top margin in mm (the running header sits in it).");
    v("botten", botten, "Bottom margin in mm (the running footer sits in it).");
    v("inner", inner, "Inner margin in mm (left on odd pages, right on even pages when printed two-sided).");
    v("yttre", yttre, "Outer margin in mm.");
  }
};

struct PageSetup : Anchor {
  static constexpr std::string_view kName = "PageSetup";
  Located<Decimal> bredd, hojd;
  Margins marginal;
  std::optional<Located<int64_t>> kolumner;
  std::optional<Located<Decimal>> spaltmellanrum;
  std::optional<Located<bool>> dubbelsidig;
  std::optional<Located<bool>> underskrifter_eget_blad;
  template <class V>
  void Fields(V& v) {
    v("bredd", bredd, "Page width in mm (A4: 210).");
    v("hojd", hojd, "Page height in mm (A4: 297).");
    v("marginal", marginal, "The margins.");
    v("kolumner", kolumner,
      "Text columns for prose: 1 (default) or 2. Tables, statements and the parts' headings span the page.");
    v("spaltmellanrum", spaltmellanrum, "Space between columns in mm.");
    v("dubbelsidig", dubbelsidig, "Mirror inner and outer margins on even pages (two-sided print).");
    v("underskrifter_eget_blad", underskrifter_eget_blad,
      "The signature page on a sheet of its own: a new page before and after it, and with dubbelsidig a "
      "right-hand page with nothing printed on its back (a blank page is left where needed).");
  }
};

struct Fonts : Anchor {
  static constexpr std::string_view kName = "Fonts";
  Located<std::string> normal, fet, kursiv, fet_kursiv;
  template <class V>
  void Fields(V& v) {
    v("normal", normal,
      "Regular face: a TrueType file, named without a directory; looked for beside the layout file, then in fonts/.");
    v("fet", fet, "Bold face.");
    v("kursiv", kursiv, "Italic face.");
    v("fet_kursiv", fet_kursiv, "Bold italic face.");
  }
};

struct BodyText : Anchor {
  static constexpr std::string_view kName = "BodyText";
  Located<Decimal> storlek, radavstand, styckeavstand;
  std::optional<Located<bool>> marginaljusterad;
  std::optional<Located<bool>> hangande_skiljetecken;
  std::optional<Located<Decimal>> expansion;
  std::optional<Located<bool>> ligaturer;
  Located<std::string> farg;
  template <class V>
  void Fields(V& v) {
    v("storlek", storlek, "Type size of prose in pt.");
    v("radavstand", radavstand, "Distance between baselines in pt.");
    v("styckeavstand", styckeavstand, "Space between paragraphs in pt.");
    v("marginaljusterad", marginaljusterad, "Justify prose (default true).");
    v("hangande_skiljetecken", hangande_skiljetecken,
      "In justified prose, let a hyphen, dash, comma, full stop, colon, semicolon or closing quote at a line's end "
      "hang partly into the right margin, so that the edge looks straight (margin kerning, as LaTeX's microtype). "
      "Default false.");
    v("expansion", expansion,
      "In justified prose, how far in per cent the letters of a line may widen or narrow (font expansion, as "
      "LaTeX's microtype) so that its word spaces stay near their natural width; a narrow column of long Swedish "
      "words otherwise has lines with spaces twice their width. 0 to 3; default 0 (off).");
    v("ligaturer", ligaturer,
      "Set ff, fi, fl, ffi and ffl as ligatures where the font has them (U+FB00–FB04), but never across a point "
      "where a word may be hyphenated; copying and searching the PDF still find the letters. Default false: "
      "Swedish avoids a ligature across the joint of a compound, which hyphenation points find only in part.");
    v("farg", farg, "Text colour, #rrggbb.");
  }
};

struct HeadingStyle : Anchor {
  static constexpr std::string_view kName = "HeadingStyle";
  Located<Decimal> storlek;
  Located<Decimal> fore, efter;
  std::optional<Located<bool>> versaler;
  std::optional<Located<bool>> ny_sida;
  std::optional<Located<std::string>> farg;
  template <class V>
  void Fields(V& v) {
    v("storlek", storlek, "Type size in pt (headings are bold).");
    v("fore", fore, "Space above in pt.");
    v("efter", efter, "Space below in pt.");
    v("versaler", versaler, "Set the heading in capitals.");
    v("ny_sida", ny_sida, "Start a new page before it.");
    v("farg", farg, "Colour, #rrggbb (default: the text colour).");
  }
};

struct Headings : Anchor {
  static constexpr std::string_view kName = "Headings";
  HeadingStyle h1, h2, h3, h4;
  template <class V>
  void Fields(V& v) {
    v("h1", h1, "Parts: Förvaltningsberättelse, Resultaträkning, Noter …");
    v("h2", h2, "Sections.");
    v("h3", h3, "Subsections.");
    v("h4", h4, "Minor headings.");
  }
};

struct TableStyle : Anchor {
  static constexpr std::string_view kName = "TableStyle";
  Located<Decimal> storlek, radavstand;
  Located<std::string> linjefarg;
  std::optional<Located<std::string>> huvudfarg;
  std::optional<Located<std::string>> randfarg;
  template <class V>
  void Fields(V& v) {
    v("storlek", storlek, "Type size of tables in pt.");
    v("radavstand", radavstand, "Row height (baseline to baseline) in pt.");
    v("linjefarg", linjefarg, "Colour of rules, #rrggbb.");
    v("huvudfarg", huvudfarg, "Colour of the head row's text, #rrggbb.");
    v("randfarg", randfarg, "Background of every second body row (zebra stripes), #rrggbb; leave out for none.");
  }
};

// The placeholders a running header or footer may hold, as {name} (layout.cc fills them).
inline constexpr std::string_view kRunningPlaceholders[] = {"titel", "forbund.namn", "forbund.organisationsnummer",
                                                            "ar",    "sida",         "sidor"};

struct RunningLine : Anchor {
  static constexpr std::string_view kName = "RunningLine";
  std::optional<Located<std::string>> vanster, mitten, hoger;
  Located<Decimal> storlek;
  template <class V>
  void Fields(V& v) {
    v("vanster", vanster, "Left text; may hold placeholders such as {titel}, {forbund.namn}, {ar}, {sida}, {sidor}.");
    v("mitten", mitten, "Centred text.");
    v("hoger", hoger, "Right text.");
    v("storlek", storlek, "Type size in pt.");
  }
};

struct LayoutFile : Anchor {
  static constexpr std::string_view kName = "layout";
  Located<std::string> namn;
  PageSetup sida;
  Fonts typsnitt;
  BodyText text;
  Headings rubriker;
  TableStyle tabeller;
  std::vector<Located<std::string>> diagramfarger;
  std::optional<Located<bool>> diagrammonster;
  std::optional<RunningLine> sidhuvud;
  std::optional<RunningLine> sidfot;
  std::vector<Located<Id>> ordning;
  std::optional<Located<Unit>> belopp;
  std::optional<Located<bool>> taggad;
  std::optional<StatementNames> benamningar;
  template <class V>
  void Fields(V& v) {
    v("namn", namn, "The layout's name.");
    v("benamningar", benamningar,
      "Other titles for the statements (e.g. kassaflodesanalys: Finansieringsanalys) and labels for their "
      "lines; a year's `benamningar` take precedence.");
    v("belopp", belopp,
      "Unit of the resultaträkning, balansräkning, kassaflödesanalys and driftredovisning: tkr (default, rounded "
      "by the report's one rounding) or kr (exact). A year's `belopp` in forbund.yaml overrides it.");
    v("taggad", taggad,
      "Whether the final report is a tagged PDF (PDF/UA-1 and PDF/A-2a; the default) or not (PDF/A-2b). "
      "`arsred build --tagged` tags a draft too.");
    v("sida", sida, "Page size, margins and columns.");
    v("typsnitt", typsnitt, "The four faces of the text font.");
    v("text", text, "Prose.");
    v("rubriker", rubriker, "Headings by level.");
    v("tabeller", tabeller, "Tables and statements.");
    v("diagramfarger", diagramfarger, "Chart colours in order, #rrggbb.");
    v("diagrammonster", diagrammonster,
      "Hatch a pie's slices and their legend swatches as well as colour them, each colour after the first with "
      "lines of its own direction, so that slices of like shades (a layout of greys) are told apart in print. "
      "Default false.");
    v("sidhuvud", sidhuvud, "Running header (not on the cover).");
    v("sidfot", sidfot, "Running footer (not on the cover).");
    v("ordning", ordning,
      "The parts in any order: omslag, innehall, forvaltningsberattelse, resultatrakning, balansrakning, "
      "kassaflodesanalys, redovisningsprinciper, noter, underskrifter, bilagor (the year's appendices, each a part "
      "of its own). The statements keep their part ids when `benamningar` renames them.");
  }
};

}  // namespace arsred

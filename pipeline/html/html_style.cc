#include "html_style.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout_units.h"

namespace arsred {

namespace {

constexpr Color kWhite{255, 255, 255};

double Linear(uint8_t channel) {
  const double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double Luminance(Color c) { return 0.2126 * Linear(c.r) + 0.7152 * Linear(c.g) + 0.0722 * Linear(c.b); }

// A heading's size in rem, the layout's h1–h4 (in main, HTML h1–h4).
constexpr const char* kHeadingSizes[4] = {"1.75rem", "1.35rem", "1.15rem", "1.02rem"};

}  // namespace

double ContrastRatio(Color a, Color b) {
  const double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

Color Readable(Color color, const std::vector<Color>& backgrounds) {
  auto passes = [&](Color c) {
    return std::all_of(backgrounds.begin(), backgrounds.end(),
                       [&](Color background) { return ContrastRatio(c, background) >= kMinimumTextContrast; });
  };
  // Each step takes 5 % off every channel: the hue stays, and black, which passes on any light
  // background, is reached in the end.
  for (int step = 0; step < 100 && !passes(color); ++step) {
    color = Color{static_cast<uint8_t>(color.r * 95 / 100), static_cast<uint8_t>(color.g * 95 / 100),
                  static_cast<uint8_t>(color.b * 95 / 100)};
  }
  return color;
}

std::string Hex(Color color) {
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x", color.r, color.g, color.b);
  return text;
}

HtmlColors ColorsOf(const LayoutFile& layout) {
  HtmlColors colors;
  if (layout.tabeller.randfarg) {
    Color stripe;
    if (ParseColor(layout.tabeller.randfarg->value, &stripe)) colors.stripe = stripe;
  }
  std::vector<Color> page{kWhite};
  std::vector<Color> table_page = page;
  if (colors.stripe) table_page.push_back(*colors.stripe);
  Color text;
  ParseColor(layout.text.farg.value, &text);
  colors.text = Readable(text, table_page);
  colors.muted = Readable(Color{90, 90, 90}, page);  // the grey of the PDF's running lines
  colors.accent = Readable(ColorOr(layout.rubriker.h1.farg, text), page);
  colors.link = colors.accent;
  colors.table_head = Readable(ColorOr(layout.tabeller.huvudfarg, text), page);
  const HeadingStyle* headings[4] = {&layout.rubriker.h1, &layout.rubriker.h2, &layout.rubriker.h3,
                                     &layout.rubriker.h4};
  for (int i = 0; i < 4; ++i) colors.headings[i] = Readable(ColorOr(headings[i]->farg, text), page);
  ParseColor(layout.tabeller.linjefarg.value, &colors.rule);
  for (const auto& c : layout.diagramfarger) {
    Color color;
    if (ParseColor(c.value, &color)) colors.charts.push_back(color);
  }
  if (colors.charts.empty()) colors.charts.push_back(colors.accent);
  colors.chart_patterns = layout.diagrammonster && layout.diagrammonster->value;
  return colors;
}

std::string StyleSheet(const LayoutFile& layout, const HtmlColors& colors) {
  const std::string text = Hex(colors.text), link = Hex(colors.link), rule = Hex(colors.rule);
  std::string css;
  css +=
      "*,*::before,*::after{box-sizing:border-box}"
      "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}"
      // The readers' own fonts: nothing to download, and text as their system sets it.
      "body{margin:0;background:#fff;color:" + text +
      ";font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;"
      "font-size:1.0625rem;line-height:1.55;overflow-wrap:break-word}"
      ".skip-link{position:absolute;left:1rem;top:-10rem;background:#fff;color:" + link +
      ";padding:.5rem 1rem;border:2px solid " + link + ";z-index:1}"
      ".skip-link:focus{top:1rem}"
      "header.cover,nav.contents,main{max-width:48rem;margin:0 auto;padding-left:1.25rem;padding-right:1.25rem}"
      "header.cover{border-top:6px solid " + Hex(colors.accent) + ";padding-top:2.5rem;padding-bottom:1.5rem}"
      "header.cover h1{font-size:2.5rem;line-height:1.15;margin:0 0 .4rem;color:" + Hex(colors.accent) + "}"
      ".subtitle{font-size:1.3rem;margin:0 0 1rem;color:" + Hex(colors.accent) + "}"
      ".organisation{font-size:1.35rem;margin:1.25rem 0 .25rem}"
      ".cover-line{margin:.2rem 0}"
      ".organisation-number,.open-data{color:" + Hex(colors.muted) + "}"
      ".organisation-number{margin:.75rem 0 0}"
      ".open-data{margin:.5rem 0 0}"
      ".draft-banner{border:2px solid #8a1c1c;color:#8a1c1c;background:#fff;padding:.5rem .75rem;margin:0 0 1.5rem;"
      "font-weight:700}"
      "nav.contents{padding-top:.5rem;padding-bottom:1rem}"
      "nav.contents h1{font-size:1.35rem;margin:1rem 0 .5rem;color:" + Hex(colors.headings[0]) + "}"
      "nav.contents ol{list-style:none;margin:0;padding:0}"
      "nav.contents ol ol{padding-left:1.25rem;margin-bottom:.35rem}"
      "nav.contents li{margin:.15rem 0}"
      "nav.contents>ol>li>a{font-weight:700}"
      "nav.contents a{text-decoration:none}nav.contents a:hover,nav.contents a:focus{text-decoration:underline}"
      "a{color:" + link + ";text-decoration:underline;text-underline-offset:.15em}"
      "a:focus-visible{outline:3px solid " + link + ";outline-offset:2px}"
      "main{padding-bottom:2rem}"
      "main h1,h2,h3,h4,h5{line-height:1.25;font-weight:700}"
      "main h1{margin:3rem 0 1rem;padding-top:1.25rem;border-top:1px solid " + rule + "}"
      "main h2{margin:2rem 0 .6rem}"
      "main h3{margin:1.6rem 0 .4rem}"
      "main h4,main h5{margin:1.3rem 0 .3rem}";
  const HeadingStyle* headings[4] = {&layout.rubriker.h1, &layout.rubriker.h2, &layout.rubriker.h3,
                                     &layout.rubriker.h4};
  for (int i = 0; i < 4; ++i) {
    css += "main h" + std::to_string(i + 1) + "{font-size:" + kHeadingSizes[i] + ";color:" + Hex(colors.headings[i]);
    if (headings[i]->versaler && headings[i]->versaler->value) css += ";text-transform:uppercase;letter-spacing:.02em";
    css += "}";
  }
  css +=
      "p{margin:0 0 .8rem}"
      "ul{margin:0 0 .8rem;padding-left:1.4rem}"
      "li{margin:.2rem 0}"
      ".small{font-size:.9rem}"
      "table{border-collapse:collapse;width:100%;margin:1.25rem 0 1.5rem;font-size:.95rem;line-height:1.35}"
      "caption{caption-side:top;text-align:left;font-weight:700;padding:0 0 .45rem}"
      "th,td{padding:.28rem .45rem;text-align:left;vertical-align:top}"
      "thead>tr>th{color:" + Hex(colors.table_head) + ";font-weight:700;vertical-align:bottom;border-bottom:1.5px solid " +
      rule + "}"
      "tbody>tr>th{font-weight:400}"
      // Numbers right-aligned on figures of one width, so that their digits stand in columns.
      ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
      "thead th.num{white-space:normal}"
      // A head over a group of columns ("2023") is centred over them, its rule under all of them.
      "thead th[colspan]{text-align:center}"
      ".nowrap{white-space:nowrap}"
      "tbody>tr>th{min-width:9rem}"
      // A table of many columns scrolls sideways in the text's width.
      ".table-scroll{overflow-x:auto;margin:1.25rem 0 1.5rem}"
      ".table-scroll:focus-visible{outline:3px solid " + link + ";outline-offset:2px}"
      ".table-scroll table{margin:0;font-size:.85rem}"
      ".table-scroll th,.table-scroll td{padding-left:.35rem;padding-right:.35rem}"
      "tr.section th,tr.section td{font-weight:700;padding-top:.6rem}"
      "tr.subtotal th,tr.subtotal td{font-weight:700;border-top:1px solid " + rule + "}"
      "tr.total th,tr.total td{font-weight:700;border-top:2px solid " + rule + "}"
      "tr.after-gap th,tr.after-gap td{padding-top:.95rem}"
      "tbody th.i1{padding-left:1.4rem}tbody th.i2{padding-left:2.3rem}tbody th.i3{padding-left:3.2rem}"
      ".footnote{font-size:.875rem;margin:-.9rem 0 1.5rem}";
  if (colors.stripe) css += "tbody tr:nth-child(even){background:" + Hex(*colors.stripe) + "}";
  css +=
      "table.goals{font-size:1rem}"
      "table.goals>tbody>tr>th,table.goals>tbody>tr>td{border-bottom:1px solid " + rule + ";padding-top:.6rem;padding-bottom:.6rem}"
      "table.goals>tbody>tr>th{width:34%}"
      "table.goals p,table.goals ul{margin:0 0 .45rem}"
      "table.goals table{font-size:.9rem;margin:.5rem 0 .75rem}"
      "table.goals table td,table.goals table th{padding-top:.2rem;padding-bottom:.2rem}"
      ".status{font-weight:700}"
      "figure.chart{margin:1.5rem 0}"
      "figure.chart figcaption{font-weight:700;margin-bottom:.5rem}"
      "figure.chart svg{display:block;width:100%;max-width:40rem;height:auto}"
      ".to-fill{font-style:italic}"
      "details{margin:.5rem 0 1rem}"
      "summary{cursor:pointer;color:" + link + "}"
      "details table{max-width:30rem}"
      "ul.signatures{list-style:none;padding:0;margin:1.5rem 0;display:grid;"
      "grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1.25rem 2rem}"
      "ul.signatures li{margin:0}"
      ".signature-role{font-weight:700}"
      "ul.findings{font-size:.875rem;padding-left:1.1rem}"
      ".visually-hidden{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
      "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
      // On a phone's width the tables take less room, so that most fit without scrolling.
      "@media (max-width:40rem){"
      "header.cover,nav.contents,main{padding-left:.75rem;padding-right:.75rem}"
      "header.cover h1{font-size:2rem}"
      "table{font-size:.8rem}"
      "th,td{padding:.25rem .2rem}"
      "tbody>tr>th{min-width:0}"
      ".nowrap{white-space:normal}"  // a date may break at its hyphen rather than widen the page
      // A long word breaks at its soft hyphens, and only as a last resort elsewhere inside it.
      // The goals table's columns have set widths; the other tables size their columns by
      // their words, which a break anywhere would let the browser crush to a letter a line.
      "th,td{overflow-wrap:break-word}"
      "table.goals th,table.goals td{overflow-wrap:anywhere}"
      // A table in a frame of its own scrolls sideways instead: its labels keep their words
      // whole and its row headers a readable width, rather than crush to a letter a line
      // beside numbers that never break (WCAG 1.4.10).
      ".table-scroll th,.table-scroll td{overflow-wrap:normal}"
      ".table-scroll tbody>tr>th{min-width:8rem}"
      "tbody th.i1{padding-left:.7rem}tbody th.i2{padding-left:1.2rem}tbody th.i3{padding-left:1.7rem}"
      "}"
      // Printed: no navigation, each part from a new page, black on white.
      "@page{margin:18mm 20mm}"
      "@media print{"
      ".skip-link,nav.contents{display:none}"
      "body{color:#000;background:#fff;font-size:10.5pt}"
      "header.cover,main{max-width:none;padding:0}"
      "header.cover{border-top-color:#000}"
      "h1,h2,h3,h4,h5,header.cover h1,.subtitle,a,summary,caption,thead th,.organisation-number,.open-data,"
      ".draft-banner{color:#000!important}"
      ".draft-banner{border-color:#000}"
      "h1.part{break-before:page;border-top:0}"
      "h1,h2,h3,h4,h5,caption{break-after:avoid}"
      "tr,figure,li{break-inside:avoid}"
      "thead{display:table-header-group}"
      "tbody tr:nth-child(even){background:none}"
      ".table-scroll{overflow:visible}"
      "}";
  return css;
}

}  // namespace arsred

#include "layout.h"

#include <algorithm>
#include <map>
#include <optional>

#include "composer.h"
#include "layout_units.h"
#include "page_builder.h"
#include "paragraph.h"
#include "report_parts.h"

namespace arsred {

namespace {

std::string Fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [key, value] : values) {
    std::string token = "{" + key + "}";
    for (size_t at = text.find(token); at != std::string::npos; at = text.find(token, at + value.size())) {
      text.replace(at, token.size(), value);
    }
  }
  return text;
}

// The lines of a contents entry: its words, as many on a line as fit in `room` (the first) or
// `room - hang` (those after it, hung by `hang`). A word wider than that stands on its own line.
std::vector<std::string> TocEntryLines(const std::string& title, const FontMetrics& metrics, double size, double room,
                                       double hang) {
  std::vector<std::string> lines(1);
  size_t start = 0;
  while (start <= title.size()) {
    size_t end = title.find(' ', start);
    if (end == std::string::npos) end = title.size();
    const std::string word = title.substr(start, end - start);
    const std::string longer = lines.back().empty() ? word : lines.back() + ' ' + word;
    const double fits = lines.size() == 1 ? room : room - hang;
    if (!lines.back().empty() && metrics.Width(longer, size) > fits) {
      lines.push_back(word);
    } else {
      lines.back() = longer;
    }
    start = end + 1;
  }
  return lines;
}

}  // namespace

Document LayOut(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                const LayoutResources& resources, const DraftNotes& draft, Diagnostics& diagnostics) {
  Document doc;
  doc.fonts = resources.faces;
  doc.info.title = figures.title;
  doc.info.author = figures.organisation;
  doc.info.subject = figures.title + " för " + figures.organisation + " (" +
                     figures.organisation_number + ")";
  doc.info.creator = "arsred";
  doc.info.created = figures.document_date;
  doc.info.modified = figures.document_date;

  const PageSetup& s = layout.sida;
  PageBuilder pages(doc, MmToPt(s.bredd.value), MmToPt(s.hojd.value), MmToPt(s.marginal.topp.value),
                    MmToPt(s.marginal.botten.value), MmToPt(s.marginal.inner.value), MmToPt(s.marginal.yttre.value),
                    s.kolumner ? static_cast<int>(s.kolumner->value) : 1,
                    s.spaltmellanrum ? MmToPt(s.spaltmellanrum->value) : 18,
                    s.dubbelsidig && s.dubbelsidig->value);
  doc.structure.push_back({StructType::kDocument, -1, "", HeaderScope::kNone});
  Composer composer(prose, figures, layout, resources, diagnostics, pages, doc.structure);

  if (!prose.text.bilagor.empty() && !LayoutHasPart(layout, "bilagor")) {
    const Appendix& first = prose.text.bilagor.front();
    diagnostics.Warning("layout.appendices", first.where, first.path,
                        "the layout's `ordning` has no part `bilagor`, so the year's appendices are not printed");
  }
  const std::vector<ReportPart> parts = ReportParts(layout, prose, figures);
  auto compose = [&](Composer& c, int toc_pages) {
    for (const ReportPart& part : parts) {
      switch (part.kind) {
        case PartKind::kCover: c.Cover(); break;
        case PartKind::kContents:
          if (toc_pages > 0) c.Contents(toc_pages);
          break;
        case PartKind::kManagementReport: c.Markup(*prose.text.forvaltningsberattelse, true); break;
        case PartKind::kStatement: c.Statement(part.statement.c_str(), part.first_statement); break;
        case PartKind::kPrinciples: c.Principles(); break;
        case PartKind::kNotes: c.Notes(); break;
        case PartKind::kSignatures: c.Signatures(/*fields=*/!draft.draft); break;
        case PartKind::kAppendices: c.Appendices(); break;
      }
    }
    c.DraftAppendix(draft);
  };
  // The table of contents needs its page count before the pages are placed; composing only
  // collects blocks, so its entries are known once everything is composed, and the reserved
  // block is given its page count before placing (SetReservedPages below: the 1 passed here only
  // asks for the block). Its lines do not depend on the page numbers.
  const bool with_contents = LayoutHasPart(layout, "innehall");
  compose(composer, with_contents ? 1 : 0);
  // The contents' geometry, used both to count its pages and to set it below: where its first
  // line stands on a page, and how far down each entry takes it (a part's entry stands apart).
  const double toc_size = Pt(layout.text.storlek);
  const double toc_top = MmToPt(s.hojd.value) - MmToPt(s.marginal.topp.value) - Pt(layout.rubriker.h1.storlek) * 2.5;
  const double toc_bottom = MmToPt(s.marginal.botten.value);
  // An entry too long for its line goes on over the next, hung by an em, so that the page
  // numbers keep a column of their own with room for the leaders before them.
  const double toc_width = MmToPt(s.bredd.value) - MmToPt(s.marginal.inner.value) - MmToPt(s.marginal.yttre.value);
  const auto entry_lines = [&](const TocEntry& e) {
    const FontMetrics& m = *resources.metrics[e.level == 1 ? kBold : kRegular];
    const double room = toc_width - toc_size * 1.5 * (e.level - 1) - m.Width("000", toc_size) - toc_size * 3;
    return TocEntryLines(ForDrawing(e.title), m, toc_size, room, toc_size);
  };
  const auto entry_height = [&](const TocEntry& e) {
    return (e.level == 1 ? toc_size * 0.4 : 0) + toc_size * 1.45 * static_cast<double>(entry_lines(e).size());
  };
  // Every entry is listed: the pages are counted with the same steps that set them.
  int toc_pages = 1;
  for (double y = toc_top; const TocEntry& e : composer.toc()) {
    if (y <= toc_bottom) {
      ++toc_pages;
      y = toc_top;
    }
    y -= entry_height(e);
  }
  pages.SetReservedPages(toc_pages);
  pages.Run();
  if (pages.overflowed()) {
    diagnostics.Error("layout.pages", Where{}, "",
                      "the report would run to more than " + std::to_string(PageBuilder::kMaxPages) + " pages");
    doc.pages.resize(PageBuilder::kMaxPages);
  }

  // Running header and footer; page labels are the physical page numbers.
  int total = static_cast<int>(doc.pages.size());
  for (int p = 0; p < total; ++p) doc.pages[static_cast<size_t>(p)].label = std::to_string(p + 1);
  const bool has_cover = LayoutHasPart(layout, "omslag");
  const FontMetrics& regular = *resources.metrics[0];
  Color text_color;
  ParseColor(layout.text.farg.value, &text_color);
  auto running = [&](const RunningLine& line, bool top, int p) {
    // The names of kRunningPlaceholders (layout_model.h), which the layout file is checked against.
    std::map<std::string, std::string> values{{"titel", figures.title},
                                              {"forbund.namn", figures.organisation},
                                              {"forbund.organisationsnummer", figures.organisation_number},
                                              {"ar", std::to_string(figures.year)},
                                              {"sida", std::to_string(p + 1)},
                                              {"sidor", std::to_string(total)}};
    Page& page = doc.pages[static_cast<size_t>(p)];
    double size = Pt(line.storlek);
    double left = MmToPt(s.marginal.inner.value), right = page.width - MmToPt(s.marginal.yttre.value);
    if (s.dubbelsidig && s.dubbelsidig->value && (p + 1) % 2 == 0) {
      left = MmToPt(s.marginal.yttre.value);
      right = page.width - MmToPt(s.marginal.inner.value);
    }
    double y = top ? page.height - MmToPt(s.marginal.topp.value) + size * 1.6
                   : MmToPt(s.marginal.botten.value) - size * 2.2;
    auto put = [&](const std::optional<Located<std::string>>& text, int align) {
      if (!text) return;
      GlyphRun run;
      run.size = size;
      run.text = ForDrawing(Fill(text->value, values));
      run.color = Color{90, 90, 90};
      run.role = Role::kArtifact;
      double w = regular.Width(run.text, size);
      run.x = align < 0 ? left : align == 0 ? (left + right - w) / 2 : right - w;
      run.y = y;
      page.items.push_back(run);
    };
    put(line.vanster, -1);
    put(line.mitten, 0);
    put(line.hoger, 1);
    double rule_y = top ? y - size * 0.6 : y + size * 1.2;
    page.items.push_back(Rule{left, rule_y, right, rule_y, 0.3, Color{160, 160, 160}, Role::kArtifact});
  };
  for (int p = has_cover ? 1 : 0; p < total; ++p) {
    if (std::find(pages.blank().begin(), pages.blank().end(), p) != pages.blank().end()) continue;
    if (layout.sidhuvud) running(*layout.sidhuvud, true, p);
    if (layout.sidfot) running(*layout.sidfot, false, p);
  }

  // The table of contents, now that the pages are known: title, dotted leaders, page numbers,
  // each line a link to its heading.
  const auto& anchors = pages.anchors();
  std::optional<AnchorPos> contents_bookmark;  // where the contents' heading is drawn
  if (!pages.reserved().empty()) {
    size_t entry = 0;
    double size = Pt(layout.text.storlek);
    Color accent = ColorOr(layout.rubriker.h1.farg, text_color);
    const FontMetrics& bold = *resources.metrics[1];
    for (size_t k = 0; k < pages.reserved().size(); ++k) {
      Page& page = doc.pages[static_cast<size_t>(pages.reserved()[k])];
      double left = MmToPt(s.marginal.inner.value), right = page.width - MmToPt(s.marginal.yttre.value);
      double y = page.height - MmToPt(s.marginal.topp.value) - Pt(layout.rubriker.h1.storlek);
      if (k == 0) {
        GlyphRun title;
        title.font = kBold;
        title.size = Pt(layout.rubriker.h1.storlek);
        title.x = left;
        title.y = y;
        title.text = kContentsHeading;
        title.color = accent;
        title.role = Role::kHeading1;
        title.structure = composer.toc_heading();
        page.items.push_back(title);
        contents_bookmark = {pages.reserved()[k], y + title.size};
      }
      y = toc_top;
      for (; entry < composer.toc().size() && y > toc_bottom; ++entry) {
        const TocEntry& e = composer.toc()[entry];
        const double next_y = y - entry_height(e);
        if (e.level == 1) y -= size * 0.4;
        auto at = anchors.find(e.anchor);
        if (at == anchors.end()) {
          y = next_y;
          continue;
        }
        std::string number = std::to_string(at->second.page + 1);
        int face = e.level == 1 ? kBold : kRegular;
        const FontMetrics& m = e.level == 1 ? bold : regular;
        double indent = size * 1.5 * (e.level - 1);
        // Each entry a TOCI holding a Link: its title, its page number and the link itself.
        doc.structure.push_back({StructType::kTOCI, composer.toc_element(), "", HeaderScope::kNone});
        doc.structure.push_back({StructType::kLink, static_cast<int>(doc.structure.size()) - 1, "", HeaderScope::kNone});
        const int link_element = static_cast<int>(doc.structure.size()) - 1;
        const std::vector<std::string> lines = entry_lines(e);
        const double first_y = y;
        GlyphRun label;
        label.font = face;
        label.size = size;
        label.color = text_color;
        label.role = Role::kTocEntry;
        label.structure = link_element;
        for (size_t i = 0; i < lines.size(); ++i) {
          if (i > 0) y -= size * 1.45;
          label.x = left + indent + (i > 0 ? size : 0);
          label.y = y;
          label.text = lines[i] + ' ';  // read as "Noter 20", not "Noter20", and a line's last word apart from the next's
          page.items.push_back(label);
        }
        const double title_width = label.x - left - indent + m.Width(lines.back(), size);
        label.x = left + indent;
        GlyphRun num = label;
        num.text = number;
        num.x = right - m.Width(number, size);
        page.items.push_back(num);
        // Dot leaders between the title and the number.
        double from = label.x + title_width + 4, to = num.x - 4;
        double dot = regular.Width(".", size) + 1.6;
        if (to - from > dot * 2) {
          // Drawn dot by dot at a fixed pitch, ending at `to`, so that the leaders line up down
          // the page.
          const int count = static_cast<int>((to - from) / dot);
          GlyphRun leader_dot;
          leader_dot.size = size;
          leader_dot.y = y;
          leader_dot.text = ".";
          leader_dot.color = Color{150, 150, 150};
          leader_dot.role = Role::kArtifact;
          leader_dot.structure = -1;
          for (int i = 0; i < count; ++i) {
            leader_dot.x = to - (count - i) * dot;
            page.items.push_back(leader_dot);
          }
        }
        Link link;
        link.x = left;
        link.y = y - 3;
        link.width = right - left;
        link.height = first_y - y + size + 2;
        link.target_page = at->second.page;
        link.target_y = at->second.y + 8;
        link.structure = link_element;
        link.description = e.title + ", sidan " + number;
        page.items.push_back(link);
        y = next_y;
      }
    }
  }
  // The bookmarks in reading order, the order the headings were composed in: sorted by page and
  // height, those of two columns went wrong ("Uppdrag", low in the left column, came before "Om
  // förbundet", high in the right).
  for (const TocEntry& e : composer.outline()) {
    if (e.anchor == kContentsAnchor) {
      if (contents_bookmark) doc.outline.push_back({e.title, e.level, contents_bookmark->page, contents_bookmark->y});
      continue;
    }
    auto at = anchors.find(e.anchor);
    if (at != anchors.end()) doc.outline.push_back({e.title, e.level, at->second.page, at->second.y + 8});
  }

  if (draft.draft) {
    for (Page& page : doc.pages) page.items.push_back(Watermark{kBold, 110, "UTKAST", Color{235, 210, 210}});
  }
  return doc;
}

}  // namespace arsred

// The writer of the HTML edition (html_report.h): one class, its parts in files of their own as
// the sections below say. Internal to html.
#pragma once

#include <string>
#include <vector>

#include "calculate.h"
#include "escape_markup.h"
#include "html_style.h"
#include "html_text.h"
#include "layout.h"
#include "layout_model.h"
#include "markup.h"
#include "paragraph.h"
#include "report_parts.h"

namespace arsred {

class HtmlWriter {
 public:
  HtmlWriter(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
             const Hyphenator* hyphenator);

  // The page, whole (html_report.cc).
  std::string Page(const DraftNotes& draft, const std::string& figures_file);

 private:
  // --- the document and the prose (html_report.cc) ---------------------------------------------

  // The header: the report's title (h1), the draft's banner, the cover's lines, the open data.
  std::string Cover(const DraftNotes& draft, const std::string& figures_file);
  // The table of contents: a link to every part (h1) and section (h2), and to a deeper heading
  // over a part the law asks for (HeadsRequiredPart), each list nested in its parent's item.
  std::string Contents() const;
  // A heading of the report's level `level` (1: a part, as "# " in the markup), as the HTML
  // heading of its level in the outline, as in the tagged PDF (a part is an h1), never skipping
  // a level. `at_any_level`: listed in the contents whatever its level.
  void Heading(int level, const std::string& text, bool at_any_level = false);
  // A paragraph, small print or list item written to `out`, consecutive items in one list
  // (`in_list`: one is open); false, after closing any list, for a heading or an embed.
  bool Prose(const Block& block, bool& in_list, std::string& out) const;
  void Markup(const Text& text);
  // Paragraphs, lists and surveys of a goals table's cell.
  std::string CellMarkup(const Text& text);
  std::string Inlines(const std::vector<Inline>& inlines) const;
  void Embed(const std::string& embed, const std::string& heading_above);

  // The parts.
  void Statement(const ReportPart& part);
  void Principles();
  void Notes();
  void Signatures();
  void Appendices();
  void DraftAppendix(const DraftNotes& draft);

  // --- tables (html_tables.cc) -------------------------------------------------------------------

  // A table with its caption; a `hidden_caption` is there for screen readers only (a heading
  // right above says the same), so that every table is named.
  std::string Table(const ReportTable& table, const std::string& caption, bool hidden_caption,
                    const std::string& css_class = "");
  // An embedded table, captioned by its title, or by the heading above that names it.
  void EmbeddedTable(const ReportTable& table, const std::string& heading_above);
  void Goals(const GoalArea& area, const std::string& heading_above);
  // `html` with a soft hyphen (U+00AD) in its text wherever word_breaks_ hyphenates a word; tags
  // and entities are left as they are.
  std::string SoftHyphenated(const std::string& html) const;

  // --- charts (html_charts.cc) -------------------------------------------------------------------

  void Chart(const ReportChart& chart);
  std::string PieSvg(const ReportChart& chart, const std::string& title_id) const;
  std::string BarsSvg(const ReportChart& chart, const std::string& title_id) const;

  struct ContentsEntry {
    int level;  // in the outline: 1 for an h1
    std::string id, text;
  };

  const ReportProse& prose_;
  const ReportFigures& figures_;
  const LayoutFile& layout_;
  HtmlColors colors_;
  WordBreaks word_breaks_;
  HeadingIds ids_;
  std::string main_;  // <main>'s content, written part by part
  std::vector<ContentsEntry> contents_;
  HeadingOutline outline_;  // the page's heading levels in main, the tagged PDF's
  int charts_ = 0;         // charts written, for their ids
  std::string draft_appendix_id_;
};

}  // namespace arsred

// The HTML edition (html_writer.h), tables: statements, notes, the tables the text embeds, goals.
#include "html_writer.h"

#include <algorithm>

namespace arsred {

namespace {

// A table of more columns than this scrolls sideways in a region of its own: on a phone it
// would otherwise widen the page.
constexpr size_t kColumnsThatFit = 6;

// The class of a row: its weight and rule, as the PDF sets sums and section heads.
std::string RowClass(RowStyle style, bool after_gap) {
  std::string classes;
  switch (style) {
    case RowStyle::kSection: classes = "section"; break;
    case RowStyle::kSubtotal: classes = "subtotal"; break;
    case RowStyle::kTotal: classes = "total"; break;
    case RowStyle::kBody:
    case RowStyle::kSpacer: break;
  }
  if (after_gap) classes += classes.empty() ? "after-gap" : " after-gap";
  return classes.empty() ? "" : " class=\"" + classes + "\"";
}

// A head cell's text, escaped, that a browser breaks only at its spaces and after an en dash:
// "2023-01-01–2023-12-31" may break after the dash, never at a hyphen inside a date.
std::string HeadText(const std::string& text) {
  const std::string kEnDash = "\u2013";
  std::string h;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    const std::string word = text.substr(start, end - start);
    if (!h.empty()) h += ' ';
    if (word.find('-') == std::string::npos) {
      h += EscapeMarkup(word);
    } else {
      for (size_t from = 0; from <= word.size();) {
        size_t dash = word.find(kEnDash, from);
        if (dash == std::string::npos) dash = word.size();
        h += "<span class=\"nowrap\">" + EscapeMarkup(word.substr(from, dash - from)) + "</span>";
        if (dash < word.size()) h += kEnDash + "<wbr>";
        from = dash + kEnDash.size();
      }
    }
    start = end + 1;
  }
  return h;
}

}  // namespace

std::string HtmlWriter::Table(const ReportTable& table, const std::string& caption, bool hidden_caption,
                              const std::string& css_class) {
  std::string h;
  // A table of many columns is wider than the text: it scrolls sideways in a region of its own,
  // which a keyboard can reach and a screen reader names by the table's caption.
  size_t columns = 0;
  for (const ReportRow& row : table.rows) columns = std::max(columns, row.cells.size());
  for (const std::vector<HeadCell>& row : table.head) {
    size_t spanned = 0;
    for (const HeadCell& cell : row) spanned += static_cast<size_t>(cell.span);
    columns = std::max(columns, spanned);
  }
  const bool scrolls = columns > kColumnsThatFit;
  const std::string caption_id = scrolls ? ids_.Make("tabell " + caption) : "";
  if (scrolls) {
    h += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"" + caption_id + "\">\n";
  }
  h += css_class.empty() ? "<table>\n" : "<table class=\"" + css_class + "\">\n";
  h += "<caption" + std::string(scrolls ? " id=\"" + caption_id + "\"" : "") +
       (hidden_caption ? " class=\"visually-hidden\">" : ">") + EscapeMarkup(caption) + "</caption>\n";
  // Every table has a head: the one calculate gives, or, for a table without, the columns'
  // places, so that its cells are still read under a header.
  h += "<thead>\n";
  for (const std::vector<HeadCell>& row : table.head) {
    h += "<tr>";
    size_t column = 0;
    for (const HeadCell& cell : row) {
      // A head over several columns ("2023", "Andel av avslutade deltagare") heads each of
      // them (HTML assigns a header over all the columns it spans); an empty one heads nothing,
      // and is no header for a screen reader to name.
      const std::string tag = cell.text.empty() ? "td" : "th";
      h += "<" + tag;
      if (!cell.text.empty()) h += " scope=\"col\"";
      if (cell.span > 1) h += " colspan=\"" + std::to_string(cell.span) + "\"";
      if (IsNumberColumn(table, column)) h += " class=\"num\"";
      h += ">" + HeadText(cell.text) + "</" + tag + ">";
      column += static_cast<size_t>(cell.span);
    }
    h += "</tr>\n";
  }
  h += "</thead>\n<tbody>\n";
  // A spacer row of the PDF is space above the row after it.
  bool gap = false;
  for (const ReportRow& row : table.rows) {
    if (row.style == RowStyle::kSpacer) {
      gap = true;
      continue;
    }
    h += "<tr" + RowClass(row.style, gap) + ">";
    gap = false;
    for (size_t c = 0; c < row.cells.size(); ++c) {
      const std::string text = EscapeMarkup(row.cells[c].text);
      if (c == 0) {
        const int indent = std::min(row.indent, 3);
        // A section's heading row has this one cell: it spans the table, so that the row has
        // the table's columns as every other row does.
        const size_t span = row.style == RowStyle::kSection && row.cells.size() == 1 ? columns : 1;
        h += "<th scope=\"row\"" + (span > 1 ? " colspan=\"" + std::to_string(span) + "\"" : std::string()) +
             (indent > 0 ? " class=\"i" + std::to_string(indent) + "\"" : std::string()) + ">" + text + "</th>";
      } else {
        h += (IsNumberColumn(table, c) ? "<td class=\"num\">" : "<td>") + text + "</td>";
      }
    }
    h += "</tr>\n";
  }
  h += "</tbody>\n</table>\n";
  if (scrolls) h += "</div>\n";
  if (!table.footnote.empty()) h += "<p class=\"footnote\">" + EscapeMarkup(table.footnote) + "</p>\n";
  // A table that scrolls keeps its words whole; one that fits the width may hyphenate them.
  return scrolls ? h : SoftHyphenated(h);
}

void HtmlWriter::EmbeddedTable(const ReportTable& table, const std::string& heading_above) {
  // A heading right above that names the table captions it for the eye; the caption is still
  // there for a screen reader, which lists tables by their captions.
  if (!table.title.empty() && !SaysTheSame(table.title, heading_above)) {
    main_ += Table(table, table.title, false);
  } else {
    // The heading is the report's own name for the table ("Driftsredovisning" above the
    // driftredovisning): the caption a screen reader announces says the same as the eye reads.
    main_ += Table(table, heading_above.empty() ? table.title : heading_above, true);
  }
}

void HtmlWriter::Goals(const GoalArea& area, const std::string& heading_above) {
  const std::string follow_up = GoalFollowUpHead(figures_, area);
  std::string h = "<table class=\"goals\">\n";
  // As for the other tables: the title is the caption, shown unless a heading right above says
  // the same; without a title, the heading (or the goal head) captions it for screen readers.
  const std::string title = GoalAreaCaption(figures_, area);
  const std::string caption = !title.empty() ? title : heading_above.empty() ? kGoalHead : heading_above;
  const bool shown = !title.empty() && !SaysTheSame(title, heading_above);
  h += std::string(shown ? "<caption>" : "<caption class=\"visually-hidden\">") + EscapeMarkup(caption) +
           "</caption>\n";
  h += "<thead>\n<tr><th scope=\"col\">" + EscapeMarkup(kGoalHead) + "</th><th scope=\"col\">" + EscapeMarkup(follow_up) +
           "</th></tr>\n</thead>\n<tbody>\n";
  for (const Goal& goal : area.mal) {
    h += "<tr><th scope=\"row\">" + CellMarkup(goal.mal.value) + "</th><td><p class=\"status\">" +
             EscapeMarkup(GoalStatusText(goal.status)) + "</p>\n" + CellMarkup(goal.redovisning.value) + "</td></tr>\n";
  }
  h += "</tbody>\n</table>\n";
  main_ += SoftHyphenated(h);
}

std::string HtmlWriter::SoftHyphenated(const std::string& html) const {
  if (!word_breaks_.hyphenates()) return html;
  static const std::string kSoftHyphen = "\u00AD";
  std::string out;
  out.reserve(html.size() + html.size() / 8);
  size_t i = 0;
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<' || c == '&') {  // a tag or an entity, copied whole
      const size_t end = html.find(c == '<' ? '>' : ';', i);
      const size_t stop = end == std::string::npos ? html.size() : end + 1;
      out.append(html, i, stop - i);
      i = stop;
      continue;
    }
    if (c == ' ' || c == '\n') {
      out += c;
      ++i;
      continue;
    }
    if (c == '/') {  // "kvinnor/män", "deltagare/brukare": a line may break after the slash
      out += "/<wbr>";
      ++i;
      continue;
    }
    size_t end = i;
    while (end < html.size() && std::string_view(" \n<&/").find(html[end]) == std::string_view::npos) ++end;
    const std::string word = html.substr(i, end - i);
    size_t from = 0;
    for (size_t cut : word_breaks_.Cuts(word)) {
      out.append(word, from, cut - from);
      if (word[cut - 1] != '-') out += kSoftHyphen;  // after the word's own hyphen it breaks anyway
      from = cut;
    }
    out.append(word, from, std::string::npos);
    i = end;
  }
  return out;
}

}  // namespace arsred

// The HTML edition (html_report.h): the page, its header and contents, the parts and the prose.
#include "html_report.h"

#include <algorithm>

#include "html_writer.h"
#include "paragraph.h"

namespace arsred {

std::string HtmlReport(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                       const DraftNotes& draft, const HtmlOptions& options) {
  return HtmlWriter(prose, figures, layout, options.hyphenator).Page(draft, options.figures_file);
}

HtmlWriter::HtmlWriter(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                       const Hyphenator* hyphenator)
    : prose_(prose), figures_(figures), layout_(layout), colors_(ColorsOf(layout)), word_breaks_(hyphenator) {
  std::vector<std::string> exceptions;
  for (const Located<std::string>& word : prose.text.avstavning) exceptions.push_back(word.value);
  word_breaks_.set_exceptions(exceptions);
  // The ids the page itself uses, so that no heading takes them.
  ids_.Make("main");
  ids_.Make(kContentsHeading);
}

std::string HtmlWriter::Page(const DraftNotes& draft, const std::string& figures_file) {
  for (const ReportPart& part : ReportParts(layout_, prose_, figures_)) {
    switch (part.kind) {
      // The page always opens with the title and the contents, whatever the layout's order:
      // on the web they are how a reader finds the way.
      case PartKind::kCover:
      case PartKind::kContents: break;
      case PartKind::kManagementReport: Markup(prose_.text.forvaltningsberattelse->value); break;
      case PartKind::kStatement: Statement(part); break;
      case PartKind::kPrinciples: Principles(); break;
      case PartKind::kNotes: Notes(); break;
      case PartKind::kSignatures: Signatures(); break;
      case PartKind::kAppendices: Appendices(); break;
    }
  }
  DraftAppendix(draft);

  std::string page =
      "<!DOCTYPE html>\n"
      "<html lang=\"sv\">\n"
      "<head>\n"
      "<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>" + EscapeMarkup(figures_.title + " – " + figures_.organisation) + "</title>\n"
      "<meta name=\"description\" content=\"" +
      EscapeMarkup(figures_.title + " för " + figures_.organisation + " (" + figures_.organisation_number + ")") +
      "\">\n"
      "<style>" + StyleSheet(layout_, colors_) + "</style>\n"
      "</head>\n"
      "<body>\n"
      "<a class=\"skip-link\" href=\"#main\">Till rapportens innehåll</a>\n";
  page += Cover(draft, figures_file);
  page += Contents();
  page += "<main id=\"main\">\n" + main_ + "</main>\n</body>\n</html>\n";
  return page;
}

namespace {

// A file name as a relative URL: every byte but letters, digits and . _ ~ - percent-encoded, so
// that a space, a '#' or an 'å' in the name still finds the file.
std::string RelativeUrl(const std::string& file_name) {
  static const char* kHex = "0123456789ABCDEF";
  std::string url;
  for (const char c : file_name) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || (byte >= '0' && byte <= '9') || c == '.' ||
        c == '_' || c == '~' || c == '-') {
      url += c;
    } else {
      url += '%';
      url += kHex[byte >> 4];
      url += kHex[byte & 0xF];
    }
  }
  return url;
}

}  // namespace

std::string HtmlWriter::Cover(const DraftNotes& draft, const std::string& figures_file) {
  std::string h = "<header class=\"cover\">\n";
  if (draft.draft) {
    h += "<p class=\"draft-banner\">Utkast: rapporten är inte fastställd";
    if (!draft_appendix_id_.empty()) {
      h += ". Anteckningarna från granskningen av underlaget står <a href=\"#" + draft_appendix_id_ + "\">sist</a>";
    }
    h += ".</p>\n";
  }
  h += "<h1>" + EscapeMarkup(figures_.title) + "</h1>\n";
  if (!figures_.subtitle.empty()) h += "<p class=\"subtitle\">" + EscapeMarkup(figures_.subtitle) + "</p>\n";
  h += "<p class=\"organisation\">" + EscapeMarkup(figures_.organisation) + "</p>\n";
  for (const std::string& line : figures_.cover_lines) h += "<p class=\"cover-line\">" + EscapeMarkup(line) + "</p>\n";
  h += "<p class=\"organisation-number\">Organisationsnummer " + EscapeMarkup(figures_.organisation_number) + "</p>\n";
  if (!figures_file.empty()) {
    // A relative link: the file lies beside the page, and nothing is fetched from elsewhere.
    h += "<p class=\"open-data\">Rapportens siffror som öppna data: <a href=\"" + RelativeUrl(figures_file) +
         "\" type=\"application/json\">" + EscapeMarkup(figures_file) + "</a> (JSON)</p>\n";
  }
  h += "</header>\n";
  return h;
}

std::string HtmlWriter::Contents() const {
  std::string h = "<nav class=\"contents\" aria-labelledby=\"innehall\">\n<h1 id=\"innehall\">" +
                  EscapeMarkup(kContentsHeading) + "</h1>\n<ol>\n";
  int depth = 0;           // lists open inside the top one
  bool open_item = false;  // the last item of the innermost list is still open
  for (const ContentsEntry& entry : contents_) {
    const std::string link = "<a href=\"#" + entry.id + "\">" + EscapeMarkup(entry.text) + "</a>";
    // One list deeper at most: an h2 before any part stands at the top level.
    const int target = std::min(entry.level - 1, open_item ? depth + 1 : depth);
    if (target > depth) {
      h += "\n<ol>\n";
      depth = target;
    } else {
      if (open_item) h += "</li>\n";
      for (; depth > target; --depth) h += "</ol>\n</li>\n";
    }
    h += "<li>" + link;
    open_item = true;
  }
  if (open_item) h += "</li>\n";
  for (; depth > 0; --depth) h += "</ol>\n</li>\n";
  h += "</ol>\n</nav>\n";
  return h;
}

void HtmlWriter::Heading(int level, const std::string& text, bool at_any_level) {
  // The same levels as the tagged PDF's: each part an h1, as the report's title is.
  const int html_level = std::min(outline_.Next(level), 6);
  const std::string id = ids_.Make(text);
  const std::string tag = "h" + std::to_string(html_level);
  main_ += "<" + tag + " id=\"" + id + "\"" + (html_level == 1 ? " class=\"part\"" : "") + ">" + EscapeMarkup(text) +
           "</" + tag + ">\n";
  if (html_level <= 2 || at_any_level) contents_.push_back({html_level, id, text});
}

std::string HtmlWriter::Inlines(const std::vector<Inline>& inlines) const {
  std::string h;
  std::string before;  // the previous span's text, as printed
  for (const Inline& span : inlines) {
    std::string text;
    switch (span.kind) {
      case Inline::Kind::kText: text = ProseTypography(span.text, before); h += EscapeMarkup(text); break;
      case Inline::Kind::kEmphasis: text = ProseTypography(span.text, before); h += "<em>" + EscapeMarkup(text) + "</em>"; break;
      case Inline::Kind::kStrong: text = ProseTypography(span.text, before); h += "<strong>" + EscapeMarkup(text) + "</strong>"; break;
      case Inline::Kind::kPlaceholder: text = PlaceholderText(figures_, span); h += EscapeMarkup(text); break;
      // Only http:, https: and mailto: addresses get here (load refuses any other, markup.link).
      case Inline::Kind::kLink: text = LinkText(span); h += "<a href=\"" + EscapeMarkup(span.text) + "\">" + EscapeMarkup(text) + "</a>"; break;
    }
    before = std::move(text);
  }
  return h;
}

bool HtmlWriter::Prose(const Block& block, bool& in_list, std::string& out) const {
  if (block.kind != Block::Kind::kBulletItem && in_list) {
    out += "</ul>\n";
    in_list = false;
  }
  switch (block.kind) {
    case Block::Kind::kParagraph: out += "<p>" + Inlines(block.inlines) + "</p>\n"; return true;
    case Block::Kind::kSmallPrint: out += "<p class=\"small\">" + Inlines(block.inlines) + "</p>\n"; return true;
    case Block::Kind::kBulletItem: {
      const std::string item = Inlines(block.inlines);
      // An item of nothing but blanks makes no list item (nor does it in the PDF).
      if (item.find_first_not_of(" \n\t") == std::string::npos) return true;
      if (!in_list) out += "<ul>\n";
      in_list = true;
      out += "<li>" + item + "</li>\n";
      return true;
    }
    case Block::Kind::kHeading:
    case Block::Kind::kEmbed: return false;
  }
  return false;
}

void HtmlWriter::Markup(const Text& text) {
  bool in_list = false;
  std::string heading_above;  // the heading of the block before, when it was one
  const std::vector<Block>& blocks = text.doc.blocks;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const Block& block = blocks[b];
    const std::string heading_before = std::move(heading_above);
    heading_above.clear();
    if (Prose(block, in_list, main_)) continue;
    if (block.kind == Block::Kind::kHeading) {
      heading_above = HeadingText(figures_, block.inlines);
      Heading(block.level, heading_above, HeadsRequiredPart(blocks, b));
    } else {
      Embed(block.embed, heading_before);
    }
  }
  if (in_list) main_ += "</ul>\n";
}

std::string HtmlWriter::CellMarkup(const Text& text) {
  std::string h;
  bool in_list = false;
  for (const Block& block : text.doc.blocks) {
    if (Prose(block, in_list, h)) continue;
    if (block.kind == Block::Kind::kHeading) {  // not allowed in a cell (validate refuses it)
      h += "<p>" + Inlines(block.inlines) + "</p>\n";
      continue;
    }
    // A survey, where the follow-up embeds it; validate allows no other embed here.
    const EmbedTarget target = ResolveEmbed(figures_, prose_.goal_areas, block.embed);
    if (target.kind != EmbedTarget::Kind::kTable) continue;
    const ReportTable& survey = *target.table;
    // A survey without a title is named by its group, the head over its figures.
    std::string group;
    for (const HeadCell& cell : survey.head.empty() ? std::vector<HeadCell>{} : survey.head.front()) {
      if (!cell.text.empty()) group += (group.empty() ? "" : ", ") + cell.text;
    }
    h += survey.title.empty() ? Table(survey, "Enkät: " + group, true) : Table(survey, survey.title, false);
  }
  if (in_list) h += "</ul>\n";
  return h;
}

void HtmlWriter::Embed(const std::string& embed, const std::string& heading_above) {
  const EmbedTarget target = ResolveEmbed(figures_, prose_.goal_areas, embed);
  switch (target.kind) {
    case EmbedTarget::Kind::kTable: EmbeddedTable(*target.table, heading_above); break;
    case EmbedTarget::Kind::kChart: Chart(*target.chart); break;
    case EmbedTarget::Kind::kGoals: Goals(*target.goals, heading_above); break;
    case EmbedTarget::Kind::kNone: break;
    case EmbedTarget::Kind::kMissing:  // validation has reported it (text.embed); a draft marks the place
      main_ += "<p>" + EscapeMarkup("[[" + embed + "]]?") + "</p>\n";
      break;
  }
}

void HtmlWriter::Statement(const ReportPart& part) {
  const ReportTable& table = figures_.tables.at(part.statement);
  if (part.first_statement) Heading(1, kStatementsHeading);
  Heading(2, table.title);
  main_ += Table(table, table.title, true, "statement");
}

void HtmlWriter::Principles() {
  Heading(1, kPrinciplesHeading);
  if (prose_.text.redovisningsprinciper) Markup(prose_.text.redovisningsprinciper->value);
  Heading(2, kRoundingHeading);
  main_ += "<p>" + EscapeMarkup(RoundingPolicyText(figures_)) + "</p>\n";
}

void HtmlWriter::Notes() {
  if (figures_.note_order.empty()) return;
  Heading(1, kNotesHeading);
  // Each note a section of the part (the PDF sets its heading smaller, as the h3 of the layout).
  for (const ReportTable* note : NoteTables(figures_)) {
    Heading(2, note->title);
    main_ += Table(*note, note->title, true, "note");
  }
}

void HtmlWriter::Signatures() {
  const SignaturePage& s = figures_.signatures;
  Heading(1, kSignaturesHeading);
  main_ += "<p>" + EscapeMarkup(SignatureIntroText(figures_)) + "</p>\n";
  main_ += "<p>" + EscapeMarkup(SigningPlaceAndDateText(s)) + "</p>\n";
  // Each seat: its role, the ledamot (where the inputs name one) and the member appointing it.
  main_ += "<ul class=\"signatures\">\n";
  for (const SignatureLine& line : s.lines) {
    main_ += "<li>";
    if (!line.role.empty()) main_ += "<span class=\"signature-role\">" + EscapeMarkup(line.role) + "</span><br>";
    if (!line.name.empty()) main_ += "<span class=\"signature-name\">" + EscapeMarkup(line.name) + "</span><br>";
    main_ += "<span class=\"signature-member\">" + EscapeMarkup(line.member) + "</span></li>\n";
  }
  main_ += "</ul>\n";
  if (s.auditors_note) main_ += "<p>" + EscapeMarkup(AuditorsNoteText(s)) + "</p>\n";
}

void HtmlWriter::Appendices() {
  const std::vector<Appendix>& appendices = prose_.text.bilagor;
  for (size_t i = 0; i < appendices.size(); ++i) {
    Heading(1, AppendixHeading(figures_, i, appendices[i]));
    Markup(appendices[i].text.value);
  }
}

void HtmlWriter::DraftAppendix(const DraftNotes& draft) {
  if (!draft.draft) return;
  Heading(1, kDraftAppendixHeading);
  draft_appendix_id_ = contents_.back().id;
  main_ += "<p>" + EscapeMarkup(DraftFindingsIntro(!draft.findings.empty())) + "</p>\n";
  if (draft.findings.empty()) return;
  main_ += "<ul class=\"findings\">\n";
  for (const std::string& finding : draft.findings) main_ += "<li>" + EscapeMarkup(finding) + "</li>\n";
  main_ += "</ul>\n";
}

}  // namespace arsred

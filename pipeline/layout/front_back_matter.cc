// The composer (composer.h), the parts around the texts: cover, contents, statements, principles, notes, signatures, appendices and the draft appendix.
#include "composer.h"

#include <algorithm>

#include "layout_units.h"
#include "report_parts.h"

namespace arsred {

namespace {

// The cover's title stands this share of the page's height below the top of the text area.
constexpr double kCoverTitleDrop = 0.28;
// Room to sign above a signature line, in points; a final report's signature field fills it.
constexpr double kSignatureRoom = 40;
// Space above the first pair of signatures (and the auditors' sentence below the last), and
// between pairs, in points: the room to sign is clear of the text of the pair above it.
constexpr double kAboveSignatures = 18;
constexpr double kBetweenSignatures = 12;
// How far a line's descenders reach below its baseline, as a share of the type size.
constexpr double kDescent = 0.25;

}  // namespace

void Composer::Cover() {
  FlowBlock b;
  b.new_page = true;
  b.height = pages_.text_height();
  b.span = true;
  std::string name = figures_.organisation;
  std::string number = "Organisationsnummer " + figures_.organisation_number;
  std::string all_text = name + figures_.title + figures_.subtitle + number;
  for (const std::string& line : figures_.cover_lines) all_text += line;
  CheckGlyphs(all_text, Where{}, "rapport", kBold);
  Color accent = ColorOr(layout_.rubriker.h1.farg, body_.color);
  const double text_width = pages_.text_width();
  auto title_lines = typesetter_.Set({{figures_.title, kBold, ""}}, 34, accent, text_width, false);
  // The title is the report's first heading, an H1 as in the web edition, and its first bookmark.
  int title_level = 1;
  TagLines(title_lines, title_lines.empty() ? Element(StructType::kP) : HeadingElement(1, &title_level));
  if (!title_lines.empty()) {
    b.anchor = kCoverAnchor;
    outline_.push_back({figures_.title, title_level, kCoverAnchor});
  }
  std::vector<SetLine> subtitle_lines;
  if (!figures_.subtitle.empty()) {
    subtitle_lines = typesetter_.Set({{figures_.subtitle, kRegular, ""}}, 16, accent, text_width, false);
    TagLines(subtitle_lines, Element(StructType::kP));
  }
  auto name_lines = typesetter_.Set({{name, kRegular, ""}}, 20, body_.color, text_width, false);
  TagLines(name_lines, Element(StructType::kP));
  std::vector<std::vector<SetLine>> extra_lines;
  for (const std::string& line : figures_.cover_lines) {
    extra_lines.push_back(typesetter_.Set({{line, kRegular, ""}}, 12, body_.color, text_width, false));
    TagLines(extra_lines.back(), Element(StructType::kP));
  }
  const int number_element = Element(StructType::kP);
  b.draw = [=](Page& page, double left, double top, double width) {
    double y = top - page.height * kCoverTitleDrop;
    page.items.push_back(FilledRect{left, y + 30, width, 3, accent, Role::kArtifact});
    auto put = [&](const std::vector<SetLine>& lines, double line_height) {
      for (const SetLine& line : lines) {
        for (GlyphRun run : line.runs) {
          run.x += left;
          run.y = y;
          run.role = Role::kTitle;
          page.items.push_back(run);
        }
        y -= line_height;
      }
    };
    put(title_lines, 40);
    if (!subtitle_lines.empty()) {
      y += 8;  // closer to the title it belongs to
      put(subtitle_lines, 22);
      y -= 8;
    }
    put(name_lines, 26);
    for (const auto& lines : extra_lines) put(lines, 16);
    GlyphRun org;
    org.size = 12;
    org.x = left;
    org.y = y - 6;
    org.text = number;
    org.color = Color{90, 90, 90};
    org.role = Role::kTitle;
    org.structure = number_element;
    page.items.push_back(org);
  };
  pages_.Add(b);
}

void Composer::Statement(const char* id, bool first) {
  auto it = figures_.tables.find(id);
  if (it == figures_.tables.end()) return;
  if (first) Heading(1, kStatementsHeading, true);
  Heading(2, it->second.title, true);
  Table(it->second, true, Keeping::kWhole, "");
}

void Composer::Principles() {
  Heading(1, kPrinciplesHeading, true);
  const auto& text = prose_.text.redovisningsprinciper;
  if (text) Markup(*text, false);
  // The rounding policy is the tool's, so the tool states it (docs/rounding.md).
  Inline policy;
  policy.text = RoundingPolicyText(figures_);
  Heading(2, kRoundingHeading, false);
  Paragraph({policy}, "redovisningsprinciper", Role::kParagraph);
}

void Composer::Appendices() {
  const std::vector<Appendix>& appendices = prose_.text.bilagor;
  for (size_t i = 0; i < appendices.size(); ++i) {
    Heading(1, AppendixHeading(figures_, i, appendices[i]), true);
    Markup(appendices[i].text, false);
  }
}

void Composer::Notes() {
  if (figures_.note_order.empty()) return;
  Heading(1, kNotesHeading, true);
  const std::vector<const ReportTable*> notes = NoteTables(figures_);
  for (const ReportTable* note : notes) number_column_floor_ = std::max(number_column_floor_, WidestNumberCell(*note));
  for (const ReportTable* note : notes) {
    Heading(3, note->title, true);  // listed in the contents under "Noter", as in the web edition
    Table(*note, true, Keeping::kWhole, "");
  }
  number_column_floor_ = 0;
}

void Composer::Signatures(bool fields) {
  const SignaturePage& s = figures_.signatures;
  // Signed on paper, the page may be asked to stand on a sheet of its own.
  const bool own_sheet = layout_.sida.underskrifter_eget_blad && layout_.sida.underskrifter_eget_blad->value;
  Heading(1, kSignaturesHeading, true, own_sheet);
  // The page's sentences run across the full width, ragged and hyphenated only to fit: set in a
  // column of a two-column layout, the place and date flowed into the column beside the opening
  // sentence, and justified the auditors' sentence had gaps of a centimetre.
  auto sentence = [&](const std::string& text, const std::string& path, Role role, double space_before,
                      bool keep_with_next) {
    Inline words;
    words.text = text;
    std::vector<SetLine> lines = typesetter_.Set(Spans({words}, kRegular, path), body_.size, body_.color,
                                                 pages_.text_width(), false, Hyphenation::kOnlyToFit);
    for (SetLine& line : lines) {
      for (GlyphRun& run : line.runs) run.role = role;
    }
    TagLines(lines, Element(StructType::kP));
    AddLines(lines, body_, leading_, 0, space_before, keep_with_next, "", /*span=*/true);
  };
  sentence(SignatureIntroText(figures_), "underskrifter", Role::kParagraph, paragraph_space_, false);
  sentence(SigningPlaceAndDateText(s), "underskrifter", Role::kSignature, paragraph_space_, false);
  // Two signatures side by side, with room to sign above each line; the page is kept whole.
  const double size = body_.size;
  const double step = size * 1.2;  // from one line of a signature's text to the next
  Color color = body_.color;
  Color rule = rule_color_;
  for (size_t i = 0; i < s.lines.size(); i += 2) {
    std::vector<SignatureLine> pair(s.lines.begin() + static_cast<std::ptrdiff_t>(i),
                                    s.lines.begin() + static_cast<std::ptrdiff_t>(std::min(i + 2, s.lines.size())));
    // The block is as tall as what it draws, down to the descenders of its last line, so that
    // what follows it (the next pair, the auditors' sentence) stands below it, not on it.
    size_t most_lines = 0;
    for (const SignatureLine& line : pair) {
      most_lines = std::max<size_t>(most_lines, !line.name.empty() + !line.role.empty() + !line.member.empty());
    }
    FlowBlock b;
    b.height = kSignatureRoom + static_cast<double>(most_lines) * step + size * kDescent;
    b.space_before = i == 0 ? kAboveSignatures : kBetweenSignatures;
    // The auditors' sentence belongs to the page: kept with the last pair.
    b.keep_with_next = i + 2 < s.lines.size() || s.auditors_note;
    b.span = true;
    for (const SignatureLine& line : pair) CheckGlyphs(line.role + line.member + line.name, Where{}, "styrelse", kRegular);
    // Per signature: its field (a Form element), then one paragraph: name, role, member.
    std::vector<int> forms, elements;
    for (size_t k = 0; k < pair.size(); ++k) {
      forms.push_back(fields ? Element(StructType::kForm) : -1);
      elements.push_back(Element(StructType::kP));
    }
    b.draw = [=](Page& page, double left, double top, double width) {
      double column = width / 2;
      for (size_t k = 0; k < pair.size(); ++k) {
        double x = left + static_cast<double>(k) * column;
        double line_y = top - kSignatureRoom;
        page.items.emplace_back(Rule{x, line_y, x + column - 24, line_y, 0.5, rule, Role::kArtifact});
        if (forms[k] >= 0) {
          std::string who;
          for (const std::string* part : {&pair[k].name, &pair[k].role, &pair[k].member}) {
            if (!part->empty()) who += (who.empty() ? "" : ", ") + *part;
          }
          page.items.emplace_back(SignatureField{x, line_y, column - 24, kSignatureRoom, pair[k].seat, who, forms[k]});
        }
        double y = line_y - step;
        // Name, role (in bold) and member, a line each; read as one paragraph, so each line
        // but the last ends in a space.
        const std::string* lines[] = {&pair[k].name, &pair[k].role, &pair[k].member};
        for (size_t part = 0; part < 3; ++part) {
          const std::string& text = *lines[part];
          if (text.empty()) continue;
          GlyphRun run;
          run.font = part == 1 ? kBold : kRegular;
          run.size = size * 0.95;
          run.x = x;
          run.y = y;
          run.text = text + (part < 2 ? " " : "");
          run.color = color;
          run.role = Role::kSignature;
          run.structure = elements[k];
          page.items.push_back(run);
          y -= step;
        }
      }
    };
    pages_.Add(b);
  }
  if (s.auditors_note) sentence(AuditorsNoteText(s), "revisorspateckning", Role::kSignature, kAboveSignatures, false);
  if (own_sheet) pages_.NextOnNewSheet();
}

void Composer::Contents(int pages) {
  int outline_level = 1;
  toc_heading_ = HeadingElement(1, &outline_level);
  // Its bookmark stands here, in reading order, as the other headings' do.
  outline_.push_back({kContentsHeading, outline_level, kContentsAnchor});
  toc_element_ = Element(StructType::kTOC);
  FlowBlock b;
  b.reserve_pages = pages;
  pages_.Add(b);
}

void Composer::DraftAppendix(const DraftNotes& draft) {
  if (!draft.draft) return;
  Heading(1, kDraftAppendixHeading, true);
  // The findings read as the checker prints them: ragged, with file names and key paths whole
  // (only a word wider than the line is broken), across the columns of a multi-column layout,
  // where justified in one narrow column they had gaps of a centimetre.
  auto finding_paragraph = [&](const std::string& words, Role role, double size_factor) {
    Inline text;
    // A finding may quote what the font cannot draw (the very character it is about): shown as
    // "?", so that the draft is still written with every finding in it.
    const FontMetrics& font = typesetter_.metrics(kRegular);
    ForEachCodePoint(words, [&](char32_t cp) {
      if (cp == '\n' || cp == 0xA0 || font.HasGlyph(cp)) {
        AppendUtf8(text.text, cp);
      } else {
        text.text += '?';
      }
    });
    Style style = body_;
    style.size *= size_factor;
    std::vector<SetLine> lines = typesetter_.Set(Spans({text}, kRegular, "utkast"), style.size, style.color,
                                                 pages_.text_width(), false, Hyphenation::kOnlyToFit);
    for (SetLine& line : lines) {
      for (GlyphRun& run : line.runs) run.role = role;
    }
    TagLines(lines, Element(StructType::kP));
    AddLines(lines, style, leading_ * size_factor, 0, paragraph_space_, false, "", /*span=*/true);
  };
  finding_paragraph(DraftFindingsIntro(!draft.findings.empty()), Role::kParagraph, 1.0);
  for (const std::string& finding : draft.findings) finding_paragraph(finding, Role::kSmallPrint, kSmallPrintScale);
}

}  // namespace arsred

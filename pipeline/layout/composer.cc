// The composer (composer.h), setting text: paragraphs, headings, lists and captions, and what the text embeds.
#include "composer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "layout_units.h"
#include "report_parts.h"

namespace arsred {

namespace {

std::string Upper(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 32);
    } else if (c == 0xC3 && i + 1 < text.size() &&
               (text[i + 1] == '\xA5' || text[i + 1] == '\xA4' || text[i + 1] == '\xB6' || text[i + 1] == '\xA9')) {
      out += static_cast<char>(c);
      out += static_cast<char>(text[++i] - 0x20);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace

Composer::Composer(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                   const LayoutResources& resources, Diagnostics& diagnostics, PageBuilder& pages,
                   std::vector<StructElement>& structure)
    : prose_(prose), figures_(figures), layout_(layout), d_(diagnostics), pages_(pages),
      typesetter_({resources.metrics[0].get(), resources.metrics[1].get(), resources.metrics[2].get(),
                   resources.metrics[3].get()},
                  resources.hyphenator.get()),
      structure_(structure) {
  body_.size = Pt(layout.text.storlek);
  ParseColor(layout.text.farg.value, &body_.color);
  leading_ = Pt(layout.text.radavstand);
  paragraph_space_ = Pt(layout.text.styckeavstand);
  justify_ = !layout.text.marginaljusterad || layout.text.marginaljusterad->value;
  typesetter_.set_margin_kerning(layout.text.hangande_skiljetecken && layout.text.hangande_skiljetecken->value);
  if (layout.text.expansion) typesetter_.set_expansion(Pt(*layout.text.expansion) / 100);
  typesetter_.set_ligatures(layout.text.ligaturer && layout.text.ligaturer->value);
  std::vector<std::string> exceptions;
  for (const Located<std::string>& word : prose.text.avstavning) exceptions.push_back(word.value);
  typesetter_.set_hyphenation_exceptions(exceptions);
  table_size_ = Pt(layout.tabeller.storlek);
  table_leading_ = Pt(layout.tabeller.radavstand);
  ParseColor(layout.tabeller.linjefarg.value, &rule_color_);
  head_color_ = ColorOr(layout.tabeller.huvudfarg, body_.color);
  if (layout.tabeller.randfarg) {
    Color c;
    if (ParseColor(layout.tabeller.randfarg->value, &c)) stripe_ = c;
  }
  chart_patterns_ = layout.diagrammonster && layout.diagrammonster->value;
  for (const auto& c : layout.diagramfarger) {
    Color color;
    if (ParseColor(c.value, &color)) chart_colors_.push_back(color);
  }
}

void Composer::CheckGlyphs(const std::string& text, Where where, const std::string& path, int face) {
  const FontMetrics& metrics = typesetter_.metrics(face);
  char32_t missing = 0;
  ForEachCodePoint(text, [&](char32_t cp) {
    if (missing == 0 && cp != 0xA0 && cp != '\n' && !metrics.HasGlyph(cp)) missing = cp;
  });
  if (missing == 0) return;
  char code[16];
  std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(missing));
  d_.Error("layout.glyph", where, path, std::string("the font has no glyph for ") + code + " (\"" +
                                            EncodeUtf8(std::u32string(1, missing)) + "\")");
}

std::string Composer::PlaceholderText(const Inline& span) const { return arsred::PlaceholderText(figures_, span); }

std::vector<StyledSpan> Composer::Spans(const std::vector<Inline>& inlines, int base_face, const std::string& path) {
  std::vector<StyledSpan> spans;
  for (const Inline& span : inlines) {
    StyledSpan s;
    s.face = base_face;
    const std::string_view before = spans.empty() ? std::string_view() : std::string_view(spans.back().text);
    switch (span.kind) {
      case Inline::Kind::kText: s.text = ProseTypography(span.text, before); break;
      case Inline::Kind::kEmphasis: s.text = ProseTypography(span.text, before); s.face = base_face | kItalic; break;
      case Inline::Kind::kStrong: s.text = ProseTypography(span.text, before); s.face = base_face | kBold; break;
      case Inline::Kind::kLink:
        s.text = LinkText(span);
        s.uri = span.text;
        break;
      case Inline::Kind::kPlaceholder: s.text = PlaceholderText(span); break;
    }
    CheckGlyphs(s.text, span.where, path, s.face);
    spans.push_back(std::move(s));
  }
  return spans;
}

void Composer::AddLines(const std::vector<SetLine>& lines, Style style, double leading, double indent, double space_before,
                      bool keep_last_with_next, const std::string& anchor, bool span) {
  for (size_t i = 0; i < lines.size(); ++i) {
    FlowBlock b;
    b.height = leading;
    b.span = span;
    b.space_before = i == 0 ? space_before : 0;
    bool orphan = i == 0 && lines.size() >= 2;
    bool widow = lines.size() >= 3 && i + 2 == lines.size();
    b.keep_with_next = orphan || widow || (lines.size() == 2 && i == 0) || (keep_last_with_next && i + 1 == lines.size());
    if (i == 0) b.anchor = anchor;
    SetLine line = lines[i];
    double ascent = style.size * 0.8;
    b.draw = [line, indent, ascent](Page& page, double x, double top, double) {
      for (GlyphRun run : line.runs) {
        run.x += x + indent;
        run.y = top - ascent;
        page.items.push_back(run);
      }
      for (Link link : line.links) {
        link.x += x + indent;
        link.y = top - ascent - 2;
        link.height = ascent + 3;
        page.items.push_back(link);
      }
    };
    pages_.Add(std::move(b));
  }
}

void Composer::Paragraph(const std::vector<Inline>& inlines, const std::string& path, Role role, double indent,
                       double size_factor, bool keep_with_next) {
  Style style = body_;
  style.size *= size_factor;
  const std::vector<StyledSpan> spans = Spans(inlines, kRegular, path);
  const int element = Element(StructType::kP);
  std::vector<SetLine> lines =
      typesetter_.Set(spans, style.size, style.color, pages_.column_width() - indent, justify_);
  for (SetLine& line : lines) {
    for (GlyphRun& run : line.runs) run.role = role;
  }
  TagLines(lines, element);
  AddLines(lines, style, leading_ * size_factor, indent, paragraph_space_, keep_with_next);
}

void Composer::Heading(int level, const std::string& raw_text, bool in_toc, bool new_sheet, bool at_any_level) {
  const HeadingStyle& h = level == 1 ? layout_.rubriker.h1 : level == 2 ? layout_.rubriker.h2
                          : level == 3 ? layout_.rubriker.h3 : layout_.rubriker.h4;
  std::string text = h.versaler && h.versaler->value ? Upper(raw_text) : raw_text;
  Style style{Pt(h.storlek), kBold, ColorOr(h.farg, body_.color)};
  CheckGlyphs(text, Where{}, "heading", kBold);
  // A part's heading runs across the columns of a multi-column layout, above them.
  const bool span = level == 1 && pages_.columns() > 1;
  const double width = span ? pages_.text_width() : pages_.column_width();
  auto set = [&](double measure) {
    return typesetter_.Set({{text, kBold, ""}}, style.size, style.color, measure, false, Hyphenation::kOnlyToFit);
  };
  auto lines = set(width);
  // A heading that wraps is balanced, its lines about as long as each other, so that no line is
  // left with a word or two under a full one: the narrowest measure that still gives as many
  // lines, found to the point.
  if (lines.size() >= 2) {
    double fits = width, too_narrow = width / 2;
    while (fits - too_narrow > 1) {
      const double middle = (fits + too_narrow) / 2;
      (set(middle).size() == lines.size() ? fits : too_narrow) = middle;
    }
    lines = set(fits);
  }
  Role role = level == 1 ? Role::kHeading1 : level == 2 ? Role::kHeading2 : level == 3 ? Role::kHeading3 : Role::kHeading4;
  for (SetLine& line : lines) {
    for (GlyphRun& run : line.runs) run.role = role;
  }
  // Its level in the outline (the structure tree, the bookmarks, the contents), which need not
  // be the level it is set at: a note's heading, set as a level 3, is the next level under "Noter".
  int outline_level = 0;
  const int element = HeadingElement(level, &outline_level);
  // Drawn in capitals, read as written: a screen reader would spell "OM" out, and a copy would
  // shout. (The contents and the outline have the heading as written already.)
  if (text != raw_text) structure_[static_cast<size_t>(element)].actual_text = raw_text;
  TagLines(lines, element);
  std::string anchor = "h" + std::to_string(++heading_count_);
  if (in_toc && (outline_level <= 2 || at_any_level)) toc_.push_back({raw_text, outline_level, anchor});
  outline_.push_back({raw_text, outline_level, anchor});
  // The first line of a heading carries the space above and, for a part, the new page.
  FlowBlock spacer;
  spacer.height = 0;
  spacer.space_before = Pt(h.fore);
  spacer.keep_with_next = true;
  spacer.new_page = (h.ny_sida && h.ny_sida->value) || new_sheet;
  spacer.recto = new_sheet;
  spacer.span = span;
  pages_.Add(spacer);
  AddLines(lines, style, style.size * 1.2, 0, 0, true, anchor, span);
  FlowBlock after;
  after.height = Pt(h.efter);
  after.keep_with_next = true;
  after.span = span;
  pages_.Add(after);
}

namespace {

// Whether a paragraph introduces the table or chart right after it, and so must not be parted
// from it by a column or page break: a caption ("Figur 1. Försörjningsform före och efter
// insats") or a lead-in that ends with a colon.
bool IntroducesWhatFollows(std::string_view text) {
  for (std::string_view word : {"Figur ", "Tabell ", "Diagram ", "Bild "}) {
    if (text.starts_with(word) && text.size() > word.size() && text[word.size()] >= '0' && text[word.size()] <= '9') {
      return true;
    }
  }
  return !text.empty() && text.back() == ':';
}

}  // namespace

void Composer::Markup(const Located<Text>& text, bool in_toc) {
  list_ = -1;
  std::string heading_above;  // the heading of the block before, when it was one
  const std::vector<arsred::Block>& blocks = text.value.doc.blocks;
  for (size_t b = 0; b < blocks.size(); ++b) {
    const arsred::Block& block = blocks[b];
    if (block.kind != arsred::Block::Kind::kBulletItem) list_ = -1;  // a list is its run of items
    const std::string heading_before = std::move(heading_above);
    heading_above.clear();
    switch (block.kind) {
      case arsred::Block::Kind::kHeading: {
        const std::string title = HeadingText(figures_, block.inlines);
        Heading(block.level, title, in_toc, /*new_sheet=*/false, HeadsRequiredPart(blocks, b));
        heading_above = title;
        break;
      }
      case arsred::Block::Kind::kParagraph: {
        const bool before_embed = b + 1 < blocks.size() && blocks[b + 1].kind == arsred::Block::Kind::kEmbed;
        Paragraph(block.inlines, text.path, Role::kParagraph, 0, 1.0,
                  before_embed && IntroducesWhatFollows(HeadingText(figures_, block.inlines)));
        break;
      }
      case arsred::Block::Kind::kSmallPrint: Paragraph(block.inlines, text.path, Role::kSmallPrint, 0, kSmallPrintScale); break;
      case arsred::Block::Kind::kBulletItem: Bullet(block.inlines, text.path); break;
      case arsred::Block::Kind::kEmbed: Embed(block.embed, text.path, heading_before); break;
    }
  }
}

void Composer::Bullet(const std::vector<Inline>& inlines, const std::string& path) {
  double indent = body_.size * 1.2;
  std::vector<StyledSpan> spans = Spans(inlines, kRegular, path);
  if (SpansAreBlank(spans)) return;  // no lines, no list item
  GlyphRun bullet;
  bullet.font = kRegular;
  bullet.size = body_.size;
  bullet.x = -indent + body_.size * 0.2;
  bullet.text = "\u2022";
  bullet.color = body_.color;
  bullet.role = Role::kListItem;
  // A list stands apart from the paragraph above it as paragraphs do; its items, closer.
  const bool first_item = list_ < 0;
  if (first_item) list_ = Element(StructType::kL);
  const int item = Element(StructType::kLI, list_);
  bullet.structure = Element(StructType::kLbl, item);
  const int body = Element(StructType::kLBody, item);
  std::vector<SetLine> lines =
      typesetter_.Set(spans, body_.size, body_.color, pages_.column_width() - indent, justify_);
  for (SetLine& line : lines) {
    for (GlyphRun& run : line.runs) run.role = Role::kListItem;
  }
  if (!lines.empty()) lines[0].runs.insert(lines[0].runs.begin(), bullet);
  TagLines(lines, body);
  AddLines(lines, body_, leading_, indent, first_item ? paragraph_space_ : paragraph_space_ * 0.5);
}

void Composer::Caption(const std::string& text, double size, bool span, double space_before, int element) {
  for (FlowBlock& b : CaptionBlocks(text, size, span, space_before, element)) pages_.Add(b);
}

std::vector<FlowBlock> Composer::CaptionBlocks(const std::string& text, double size, bool span, double space_before,
                                               int element) {
  auto lines = typesetter_.Set({{text, kBold, ""}}, size, body_.color, span ? pages_.text_width() : pages_.column_width(),
                               false, Hyphenation::kOnlyToFit);
  if (element >= 0) TagLines(lines, element);
  std::vector<FlowBlock> blocks;
  for (size_t i = 0; i < lines.size(); ++i) {
    FlowBlock b;
    b.height = size * 1.3;
    b.span = span;
    b.space_before = i == 0 ? space_before : 0;
    b.keep_with_next = true;
    SetLine line = lines[i];
    b.draw = [line, size](Page& page, double left, double top, double) {
      for (GlyphRun run : line.runs) {
        run.x += left;
        run.y = top - size;
        run.role = Role::kCaption;
        page.items.push_back(run);
      }
    };
    blocks.push_back(std::move(b));
  }
  return blocks;
}

void Composer::Embed(const std::string& embed, const std::string& path, const std::string& heading_above) {
  const EmbedTarget target = ResolveEmbed(figures_, prose_.goal_areas, embed);
  switch (target.kind) {
    case EmbedTarget::Kind::kTable: {
      // "### Driftsredovisning" right above the driftredovisning: one title is enough.
      const bool named_above = SaysTheSame(target.table->title, heading_above);
      Table(*target.table, target.wide, Keeping::kUnlessAGap, named_above ? std::string() : target.table->title,
            named_above);
      break;
    }
    case EmbedTarget::Kind::kChart: {
      // A chart's title under a heading that says the same ("Kostnadsfördelning") is not printed
      // again; the figure's description keeps it for screen readers.
      const ReportChart& chart = *target.chart;
      if (!chart.title.empty() && !SaysTheSame(chart.title, heading_above)) {
        Caption(chart.title, table_size_ + 0.5, false, paragraph_space_ * 1.5, Element(StructType::kP));
      }
      if (target.chart->to_fill) {
        ChartToFill();
      } else {
        target.chart->bars ? Bars(*target.chart) : Pie(*target.chart);
      }
      break;
    }
    case EmbedTarget::Kind::kGoals: Goals(*target.goals, heading_above); break;
    case EmbedTarget::Kind::kNone: break;
    case EmbedTarget::Kind::kMissing: {
      // Validation has reported it (text.embed); a draft shows where it would stand.
      Inline marker;
      marker.text = "[[" + embed + "]]?";
      Paragraph({marker}, path, Role::kParagraph);
      break;
    }
  }
}

}  // namespace arsred

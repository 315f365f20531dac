#include "markup.h"

#include <cctype>

#include "values.h"

namespace arsred {

namespace {

// A block's text joined from its lines, with the file position of every byte, so that spans
// found in the joined text can still point at the line and column the user typed.
struct SourcedText {
  std::string text;
  std::vector<Where> where;  // one per byte of text

  void Append(std::string_view piece, Where start) {
    Where w = start;
    for (size_t i = 0; i < piece.size(); ++i) {
      text += piece[i];
      where.push_back(w);
      // The next byte starts a new column unless it continues this character's UTF-8 sequence.
      if (i + 1 < piece.size() && (static_cast<unsigned char>(piece[i + 1]) & 0xC0) != 0x80) ++w.column;
    }
  }
  void AppendSpace(Where at) {
    text += ' ';
    where.push_back(at);
  }
  Where At(size_t offset) const { return where.empty() ? Where{} : where[std::min(offset, where.size() - 1)]; }
};

// The length of the URI scheme and its colon ("https:", "mailto:") that starts at `at`, or 0:
// a letter, then letters, digits, +, - or ., then a colon.
size_t LinkSchemeAt(const std::string& text, size_t at) {
  if (at >= text.size() || !std::isalpha(static_cast<unsigned char>(text[at]))) return 0;
  size_t end = at + 1;
  while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '+' ||
                               text[end] == '-' || text[end] == '.')) {
    ++end;
  }
  return end < text.size() && text[end] == ':' ? end + 1 - at : 0;
}

// Whether a scheme ("https:", with its colon) may be linked: the web and e-mail.
bool IsAllowedLink(const std::string& scheme) {
  const std::string lower = LowerLatin1(scheme);
  return lower == "https:" || lower == "http:" || lower == "mailto:";
}

bool IsNameChar(char c) {
  return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '_' ||
         c == '.' || c == '-';
}

bool IsSpace(char c) { return c == ' ' || c == '\n'; }

bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Appends `piece`, which stands at `at` in the file, to `span`, and notes a break in
// `span.breaks` where `at` is not `next`, the place that the characters before would give.
// Advances `next` past the piece's characters.
void AppendPlaced(Inline& span, std::string_view piece, Where at, Where& next) {
  if (piece.empty()) return;
  if (!IsContinuation(piece.front())) {
    if (!span.text.empty() && (at.line != next.line || at.column != next.column || at.file != next.file)) {
      span.breaks.emplace_back(span.text.size(), at);
    }
    next = at;
  }
  for (char c : piece) {
    if (!IsContinuation(c)) ++next.column;
  }
  span.text += piece;
}

class InlineParser {
 public:
  InlineParser(const SourcedText& source, const std::string& path, Diagnostics& diagnostics)
      : s_(source), path_(path), diagnostics_(diagnostics) {}

  std::vector<Inline> Parse() {
    const std::string& t = s_.text;
    size_t i = 0;
    while (i < t.size()) {
      char c = t[i];
      if (c == '\\' && i + 1 < t.size() && std::string_view("\\*{}[]<>").find(t[i + 1]) != std::string_view::npos) {
        AddText(i, std::string(1, t[i + 1]));
        i += 2;
      } else if (c == '{' && i + 1 < t.size() && t[i + 1] == '{') {
        AddText(i, "{");
        i += 2;
      } else if (c == '}' && i + 1 < t.size() && t[i + 1] == '}') {
        AddText(i, "}");
        i += 2;
      } else if (c == '{') {
        i = Placeholder(i);
      } else if (c == '}') {
        diagnostics_.Error("markup.brace", s_.At(i), path_, "`}` without `{` (write }} for a literal brace)");
        ++i;
      } else if (c == '<' && LinkSchemeAt(t, i + 1) > 0) {
        i = Link(i);
      } else if (c == '*' && Opens(i)) {
        i = Emphasis(i);
      } else {
        AddText(i, std::string(1, c));
        ++i;
      }
    }
    return std::move(out_);
  }

 private:
  // An asterisk run opens emphasis when it follows a space (or starts the text) and precedes a
  // non-space, so that "BIP*" and "*" footnote marks stay literal.
  bool Opens(size_t i) const {
    const std::string& t = s_.text;
    size_t run = t.compare(i, 2, "**") == 0 ? 2 : 1;
    bool after_space = i == 0 || IsSpace(t[i - 1]) || t[i - 1] == '(';
    bool before_text = i + run < t.size() && !IsSpace(t[i + run]);
    if (!after_space || !before_text) return false;
    return FindCloser(i + run, run) != std::string::npos;
  }

  size_t FindCloser(size_t from, size_t run) const {
    const std::string& t = s_.text;
    std::string marker(run, '*');
    for (size_t j = from; j + run <= t.size(); ++j) {
      if (t.compare(j, run, marker) != 0) continue;
      if (run == 1 && j + 1 < t.size() && t[j + 1] == '*') {
        ++j;
        continue;
      }
      bool after_text = !IsSpace(t[j - 1]);
      bool before_end = j + run == t.size() || IsSpace(t[j + run]) ||
                        std::string_view(".,;:!?)\"”").find(t[j + run]) != std::string_view::npos;
      if (after_text && before_end) return j;
    }
    return std::string::npos;
  }

  size_t Emphasis(size_t i) {
    const std::string& t = s_.text;
    size_t run = t.compare(i, 2, "**") == 0 ? 2 : 1;
    size_t close = FindCloser(i + run, run);
    Inline span;
    span.kind = run == 2 ? Inline::Kind::kStrong : Inline::Kind::kEmphasis;
    span.where = s_.At(i + run);
    Where next = span.where;
    for (size_t j = i + run; j < close; ++j) AppendPlaced(span, std::string_view(t).substr(j, 1), s_.At(j), next);
    out_.push_back(std::move(span));
    return close + run;
  }

  size_t Placeholder(size_t i) {
    const std::string& t = s_.text;
    size_t close = t.find('}', i);
    size_t next_open = t.find('{', i + 1);
    if (close == std::string::npos || (next_open != std::string::npos && next_open < close)) {
      diagnostics_.Error("markup.brace", s_.At(i), path_, "`{` starts a placeholder that is not closed with `}`");
      AddText(i, "{");
      return i + 1;
    }
    std::string inside = t.substr(i + 1, close - i - 1);
    Inline span;
    span.kind = Inline::Kind::kPlaceholder;
    span.where = s_.At(i + 1);
    size_t bar = inside.find('|');
    span.text = inside.substr(0, bar);
    if (bar != std::string::npos) {
      std::string formats = inside.substr(bar + 1);
      size_t start = 0;
      while (start <= formats.size()) {
        size_t comma = formats.find(',', start);
        std::string format = formats.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        span.formats.push_back(format);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    }
    bool valid_name = !span.text.empty();
    for (char c : span.text) valid_name = valid_name && IsNameChar(c);
    if (!valid_name) {
      diagnostics_.Error("markup.placeholder", span.where, path_,
                         "`{" + inside + "}` is not a placeholder name (write {{ for a literal brace)");
      AddText(i, "{" + inside + "}");
    } else {
      out_.push_back(std::move(span));
    }
    return close + 1;
  }

  size_t Link(size_t i) {
    const std::string& t = s_.text;
    size_t close = t.find('>', i);
    size_t space = t.find_first_of(" \n", i);
    const std::string scheme = t.substr(i + 1, LinkSchemeAt(t, i + 1));
    if (close == std::string::npos || (space != std::string::npos && space < close)) {
      // "<" and a word with a colon, as in "<Obs: preliminärt>", is text unless it reads as a
      // web or e-mail address.
      if (!IsAllowedLink(scheme)) {
        AddText(i, "<");
        return i + 1;
      }
      diagnostics_.Error("markup.link", s_.At(i), path_, "a link <https://...> must be closed with `>` and contain no spaces");
      AddText(i, "<");
      return i + 1;
    }
    if (!IsAllowedLink(scheme)) {
      // A link the report would open for its reader (the PDF's link annotations open it as it
      // is): only to the web or to an e-mail address, never a script, a file or a program.
      diagnostics_.Error("markup.link", s_.At(i), path_,
                         "a link may only be https://, http:// or mailto:, not " + scheme);
      AddText(i, t.substr(i, close - i + 1));
      return close + 1;
    }
    Inline span;
    span.kind = Inline::Kind::kLink;
    span.text = t.substr(i + 1, close - i - 1);
    span.where = s_.At(i);
    out_.push_back(std::move(span));
    return close + 1;
  }

  void AddText(size_t at, const std::string& text) {
    if (out_.empty() || out_.back().kind != Inline::Kind::kText) {
      Inline span;
      span.where = s_.At(at);
      next_ = span.where;
      out_.push_back(std::move(span));
    }
    AppendPlaced(out_.back(), text, s_.At(at), next_);
  }

  const SourcedText& s_;
  const std::string& path_;
  Diagnostics& diagnostics_;
  std::vector<Inline> out_;
  Where next_;  // where the next byte of the last text span would stand if nothing broke the run
};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

Where Inline::At(size_t offset) const {
  if (!placed) return where;
  Where at = where;
  size_t from = 0;
  for (const auto& [start, position] : breaks) {
    if (start > offset) break;
    at = position;
    from = start;
  }
  for (size_t i = from; i < offset && i < text.size(); ++i) {
    if (!IsContinuation(text[i])) ++at.column;
  }
  return at;
}

std::vector<Inline> ParseCaption(const std::string& caption, const Where& where, const std::string& key_path,
                                 Diagnostics& diagnostics) {
  SourcedText source;
  source.Append(caption, where);
  return InlineParser(source, key_path, diagnostics).Parse();
}

MarkupDoc ParseMarkup(const Text& text, const Where& origin, const std::string& key_path, Diagnostics& diagnostics) {
  MarkupDoc doc;
  // Where line `index` of the raw text starts in the file.
  auto line_start = [&](int index, size_t leading) {
    if (!text.block) return origin;
    return Where{origin.file, text.first_line + index, text.indent + 1 + static_cast<int>(leading)};
  };

  SourcedText pending;
  Block::Kind pending_kind = Block::Kind::kParagraph;
  Where pending_where;
  auto flush = [&]() {
    if (pending.text.empty()) return;
    Block block;
    block.kind = pending_kind;
    block.where = pending_where;
    block.inlines = InlineParser(pending, key_path, diagnostics).Parse();
    doc.blocks.push_back(std::move(block));
    pending = SourcedText();
  };
  auto start = [&](Block::Kind kind, Where where) {
    flush();
    pending_kind = kind;
    pending_where = where;
  };
  auto append = [&](std::string_view piece, Where where) {
    if (!pending.text.empty()) pending.AppendSpace(where);
    pending.Append(piece, where);
  };

  int previous_heading = 0;
  std::string_view raw = text.raw;
  int index = 0;
  size_t pos = 0;
  while (pos <= raw.size()) {
    size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    size_t leading = line.find_first_not_of(' ');
    std::string_view content = Trim(line);
    Where at = line_start(index, leading == std::string_view::npos ? 0 : leading);

    // An embed inside a line of text would print as that text: a tester's "Se [[tabell:x]] nedan."
    // gave no finding, though the table did not even exist.
    if (const size_t embed = content.find("[["); embed != 0 && embed != std::string_view::npos &&
                                                 content.find("]]", embed) != std::string_view::npos) {
      Where embed_at = at;
      embed_at.column += Utf8Columns(content, embed);
      diagnostics.Error("markup.embed", embed_at, key_path,
                        "an embed is [[kind:id]] alone on its line; inside a line it would print as text");
    }
    if (content.empty()) {
      flush();
    } else if (content.front() == '#') {
      size_t level = content.find_first_not_of('#');
      if (level == std::string_view::npos || level > 4 || content[level] != ' ' ||
          Trim(content.substr(level)).empty()) {
        diagnostics.Error("markup.heading", at, key_path, "a heading is 1 to 4 # followed by a space and its text");
      } else {
        int lvl = static_cast<int>(level);
        if (previous_heading > 0 && lvl > previous_heading + 1) {
          diagnostics.Error("markup.heading_level", at, key_path,
                            "heading level " + std::to_string(lvl) + " follows level " +
                                std::to_string(previous_heading) + ": levels may not be skipped");
        }
        previous_heading = lvl;
        start(Block::Kind::kHeading, at);
        Where text_at = at;
        text_at.column += static_cast<int>(level) + 1;
        append(Trim(content.substr(level)), text_at);
        flush();
        doc.blocks.back().level = lvl;
      }
    } else if (content.rfind("[[", 0) == 0) {
      flush();
      if (content.size() < 5 || content.substr(content.size() - 2) != "]]") {
        diagnostics.Error("markup.embed", at, key_path, "an embed is [[kind:id]] alone on its line");
      } else {
        Block block;
        block.kind = Block::Kind::kEmbed;
        block.embed = std::string(content.substr(2, content.size() - 4));
        block.where = at;
        doc.blocks.push_back(std::move(block));
      }
    } else if (content.rfind("- ", 0) == 0) {
      start(Block::Kind::kBulletItem, at);
      Where item_at = at;
      item_at.column += 2;
      append(Trim(content.substr(2)), item_at);
    } else if (content.rfind("> ", 0) == 0 || content == ">") {
      if (pending_kind != Block::Kind::kSmallPrint || pending.text.empty()) start(Block::Kind::kSmallPrint, at);
      Where small_at = at;
      small_at.column += 2;
      append(Trim(content.substr(1)), small_at);
    } else {
      // A plain line continues the paragraph or list item above it, or starts a paragraph.
      if (pending.text.empty() || pending_kind == Block::Kind::kHeading) start(Block::Kind::kParagraph, at);
      append(content, at);
    }
    if (end == raw.size()) break;
    pos = end + 1;
    ++index;
  }
  flush();
  if (!text.block) {
    // Folded, plain and quoted scalars do not keep their lines: every position is the scalar's.
    for (Block& block : doc.blocks) {
      block.where = origin;
      for (Inline& span : block.inlines) {
        span.where = origin;
        span.breaks.clear();
        span.placed = false;
      }
    }
  }
  return doc;
}

}  // namespace arsred

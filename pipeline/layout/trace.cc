#include "trace.h"

#include <charconv>
#include <cstdio>
#include <string_view>
#include <type_traits>

namespace arsred {
namespace {

// Fixed decimals (two unless said) through std::to_chars, which never consults the locale
// (printf and iostreams do, unless imbued). A value that rounds to zero prints as "0.00", never
// "-0.00".
std::string Number(double value, int decimals = 2) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed, decimals);
  if (error != std::errc()) return "nan";
  std::string text(buffer, end);
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string Point(double x, double y) { return Number(x) + "," + Number(y); }

std::string Size(double width, double height) { return Number(width) + "x" + Number(height); }

std::string Hex(unsigned value, int digits) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%0*X", digits, value);
  return buffer;
}

std::string ColorText(const Color& color) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", color.r, color.g, color.b);
  return buffer;
}

// Decodes one UTF-8 sequence at text[at]; returns its length, or 0 when it is malformed.
size_t DecodeUtf8(std::string_view text, size_t at, char32_t* code_point) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(at);
  size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : (lead >> 3) == 0x1E ? 4 : 0;
  if (length == 0 || at + length > text.size()) return 0;
  char32_t value = length == 1 ? lead : lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if ((byte(at + i) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(at + i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kSmallest[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  *code_point = value;
  return length;
}

// Spaces and hyphens that look alike on screen are spelled out, so that a trace tells an NBSP
// or a narrow no-break space from an ordinary space.
bool IsLookalikeSpaceOrHyphen(char32_t c) {
  return c == 0x00A0 || c == 0x00AD || (c >= 0x2000 && c <= 0x200B) || c == 0x2011 || c == 0x202F ||
         c == 0x2060 || c == 0xFEFF;
}

std::string Quoted(std::string_view text) {
  std::string out = "\"";
  for (size_t at = 0; at < text.size();) {
    char32_t c = 0;
    size_t length = DecodeUtf8(text, at, &c);
    if (length == 0) {  // not UTF-8: show the byte itself
      out += "\\x" + Hex(static_cast<unsigned char>(text[at]), 2);
      ++at;
      continue;
    }
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || IsLookalikeSpaceOrHyphen(c)) {
      out += "\\u{" + Hex(static_cast<unsigned>(c), 4) + "}";
    } else {
      out += text.substr(at, length);
    }
    at += length;
  }
  return out + "\"";
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kArtifact: return "artifact";
    case Role::kHeading1: return "heading1";
    case Role::kHeading2: return "heading2";
    case Role::kHeading3: return "heading3";
    case Role::kHeading4: return "heading4";
    case Role::kParagraph: return "paragraph";
    case Role::kSmallPrint: return "small-print";
    case Role::kListItem: return "list-item";
    case Role::kTableHeader: return "table-header";
    case Role::kTableCell: return "table-cell";
    case Role::kCaption: return "caption";
    case Role::kFigure: return "figure";
    case Role::kTocEntry: return "toc-entry";
    case Role::kSignature: return "signature";
    case Role::kTitle: return "title";
  }
  return "unknown";
}

std::string PathOpText(const PathOp& op) {
  switch (op.kind) {
    case PathOp::Kind::kMoveTo: return "M " + Point(op.x1, op.y1);
    case PathOp::Kind::kLineTo: return "L " + Point(op.x1, op.y1);
    case PathOp::Kind::kCurveTo:
      return "C " + Point(op.x1, op.y1) + " " + Point(op.x2, op.y2) + " " + Point(op.x3, op.y3);
    case PathOp::Kind::kClose: return "Z";
  }
  return "?";
}

std::string InElement(int structure) { return structure >= 0 ? " structure=" + std::to_string(structure) : ""; }

std::string ItemLine(const PageItem& item) {
  return std::visit(
      [](const auto& it) -> std::string {
        using T = std::decay_t<decltype(it)>;
        if constexpr (std::is_same_v<T, GlyphRun>) {
          std::string line = "text at=" + Point(it.x, it.y) + " font=" + std::to_string(it.font) +
                             " size=" + Number(it.size) + " color=" + ColorText(it.color) +
                             " role=" + RoleName(it.role);
          if (it.scale != 1) line += " scale=" + Number(it.scale, 4);
          if (it.structure >= 0) line += " structure=" + std::to_string(it.structure);
          return line + " " + Quoted(it.text);
        } else if constexpr (std::is_same_v<T, Rule>) {
          return "rule from=" + Point(it.x1, it.y1) + " to=" + Point(it.x2, it.y2) + " width=" + Number(it.width) +
                 " color=" + ColorText(it.color) + " role=" + RoleName(it.role) + InElement(it.structure);
        } else if constexpr (std::is_same_v<T, FilledRect>) {
          return "rect at=" + Point(it.x, it.y) + " size=" + Size(it.width, it.height) +
                 " fill=" + ColorText(it.fill) + " role=" + RoleName(it.role) + InElement(it.structure);
        } else if constexpr (std::is_same_v<T, FilledPath>) {
          std::string line = "path fill=" + ColorText(it.fill) + " role=" + RoleName(it.role) + InElement(it.structure) + ":";
          for (const PathOp& op : it.ops) {
            line += ' ';
            line += PathOpText(op);
          }
          return line;
        } else if constexpr (std::is_same_v<T, Link>) {
          std::string line = "link at=" + Point(it.x, it.y) + " size=" + Size(it.width, it.height) +
                             InElement(it.structure);
          if (!it.description.empty()) line += " description=" + Quoted(it.description);
          if (!it.uri.empty()) return line + " uri=" + Quoted(it.uri);
          return line + " to page=" + std::to_string(it.target_page) + " y=" + Number(it.target_y);
        } else if constexpr (std::is_same_v<T, SignatureField>) {
          return "signature-field at=" + Point(it.x, it.y) + " size=" + Size(it.width, it.height) +
                 InElement(it.structure) + " name=" + Quoted(it.name) + " tooltip=" + Quoted(it.tooltip);
        } else {
          static_assert(std::is_same_v<T, Watermark>);
          return "watermark font=" + std::to_string(it.font) + " size=" + Number(it.size) +
                 " color=" + ColorText(it.color) + " " + Quoted(it.text);
        }
      },
      item);
}

}  // namespace

std::string TraceDocument(const Document& document) {
  const DocumentInfo& info = document.info;
  std::string out;
  out += "info title=" + Quoted(info.title) + "\n";
  out += "info author=" + Quoted(info.author) + "\n";
  out += "info subject=" + Quoted(info.subject) + "\n";
  out += "info keywords=" + Quoted(info.keywords) + "\n";
  out += "info creator=" + Quoted(info.creator) + "\n";
  out += "info language=" + Quoted(info.language) + "\n";
  out += "info created=" + Quoted(info.created) + " modified=" + Quoted(info.modified) + "\n";
  for (size_t i = 0; i < document.fonts.size(); ++i) {
    const FontFace& font = document.fonts[i];
    // The file's name only: the same document traces the same wherever the checkout is.
    std::string file = font.file.substr(font.file.find_last_of('/') + 1);
    out += "font " + std::to_string(i) + " name=" + Quoted(font.name) + " file=" + Quoted(file) + "\n";
  }
  for (const OutlineEntry& entry : document.outline) {
    out += "outline level=" + std::to_string(entry.level) + " page=" + std::to_string(entry.page) +
           " y=" + Number(entry.y) + " " + Quoted(entry.title) + "\n";
  }
  // The PDF numbers every page from the first (render_pdf.cc, AddPageLabels). The line stays so
  // that traces compare with those printed when a document could say otherwise.
  out += "first_numbered_page 0\n";
  for (size_t i = 0; i < document.structure.size(); ++i) {
    const StructElement& element = document.structure[i];
    out += "element " + std::to_string(i) + " " + StructTag(element.type) + " parent=" + std::to_string(element.parent);
    if (element.scope != HeaderScope::kNone) out += element.scope == HeaderScope::kColumn ? " scope=column" : " scope=row";
    if (element.col_span > 1) out += " colspan=" + std::to_string(element.col_span);
    if (!element.alt.empty()) out += " alt=" + Quoted(element.alt);
    if (!element.actual_text.empty()) out += " actual_text=" + Quoted(element.actual_text);
    out += "\n";
  }
  for (size_t i = 0; i < document.pages.size(); ++i) {
    const Page& page = document.pages[i];
    out += "page " + std::to_string(i) + " label=" + Quoted(page.label) + " size=" + Size(page.width, page.height) +
           "\n";
    for (const PageItem& item : page.items) out += "  " + ItemLine(item) + "\n";
  }
  return out;
}

}  // namespace arsred

#include "printable_characters.h"

#include <cstdio>
#include <map>
#include <set>
#include <string_view>

#include "font_metrics.h"
#include "load_visitor.h"
#include "markup.h"
#include "model_walk.h"
#include "paragraph.h"

namespace arsred {

namespace {

// One-line values that name something rather than being printed: figure and statement-line
// names, accounts, a seat, a chart, the layout file.
const std::set<std::string_view> kNotPrinted = {"avser", "rad", "konton", "till", "figur", "plats", "layout", "avstavning"};

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Where byte `offset` of a one-line value stands, when the value is written as it is read, plain
// or between quotes, from `where` on its line; else `where` itself (a value folded over lines, or
// with an escape before the offset).
Where PlaceInScalar(const SourceSet& sources, const Where& where, std::string_view value, size_t offset) {
  if (!where.known()) return where;
  const std::string_view line = sources.LineText(where.file, where.line);
  size_t byte = 0;
  for (int column = 1; column < where.column && byte < line.size(); ++column) {
    ++byte;
    while (byte < line.size() && IsContinuationByte(line[byte])) ++byte;
  }
  const std::string_view before = value.substr(0, offset);
  std::string_view rest = line.substr(byte);
  int quote = 0;
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    rest.remove_prefix(1);
    quote = 1;
  }
  if (rest.substr(0, before.size()) != before) return where;
  Where at = where;
  at.column += quote + Utf8Columns(before, before.size());
  return at;
}

// What to do about a character the font lacks, for those that come into a text unseen.
std::string Advice(char32_t missing) {
  if (missing == '\t') return "a tab: write a space";
  if (missing == 0xAD) {
    return "a soft hyphen, which most editors do not show (text pasted from Word often has them): delete it; "
           "to say where a word may break, list it under `avstavning` in text.yaml";
  }
  if ((missing >= 0x200B && missing <= 0x200D) || missing == 0x2060 || missing == 0xFEFF) {
    return "an invisible zero-width character (pasted text often has them): delete it";
  }
  if (missing >= 0x300 && missing <= 0x36F) {
    // A Latin letter and its accent are read as one character already (compose_accents.h).
    return "a combining accent on a character that has no form with it in one: write the accented letter "
           "as one character, or leave the accent out";
  }
  return "write it otherwise, or give the layout's `typsnitt` a font that has it";
}

class CharacterCheck {
 public:
  CharacterCheck(const SourceSet& sources, const LayoutFile& layout, const LayoutResources& fonts,
                 Diagnostics& diagnostics)
      : sources_(sources), layout_(layout), fonts_(fonts), d_(diagnostics) {}

  void OneLine(const Located<std::string>& value) {
    if (kNotPrinted.count(LastKey(value.path))) return;
    auto place_of = [&](size_t at) { return PlaceInScalar(sources_, value.where, value.value, at); };
    Findings findings, in_bold;
    Scan(value.value, kRegular, findings, place_of);
    Scan(value.value, kBold, in_bold, place_of);
    findings.merge(in_bold);  // what only the bold face lacks
    Report(findings, value.path);
  }

  void Prose(const Located<Text>& text) {
    Findings findings;
    for (const Block& block : text.value.doc.blocks) {
      const bool heading = block.kind == Block::Kind::kHeading;
      for (const Inline& span : block.inlines) {
        int face = heading ? kBold : kRegular;
        switch (span.kind) {
          case Inline::Kind::kText: break;
          case Inline::Kind::kEmphasis: face |= heading ? 0 : kItalic; break;
          case Inline::Kind::kStrong: face |= kBold; break;
          case Inline::Kind::kLink: break;          // an address: where the link starts is near enough
          case Inline::Kind::kPlaceholder: continue;  // a figure: digits and signs, set by layout
        }
        const bool link = span.kind == Inline::Kind::kLink;
        Scan(span.text, face, findings, [&](size_t at) { return link ? span.where : span.At(at); });
      }
    }
    Report(findings, text.path);
  }

  bool clean() const { return clean_; }

 private:
  struct Finding {
    Where first;
    int face = kRegular;
    int count = 0;
  };
  using Findings = std::map<char32_t, Finding>;  // by character: a text reports each once

  template <class PlaceOf>
  void Scan(const std::string& text, int face, Findings& findings, PlaceOf place_of) {
    const FontMetrics& metrics = *fonts_.metrics.at(static_cast<size_t>(face));
    size_t offset = 0;
    ForEachCodePoint(text, [&](char32_t cp) {
      const size_t at = offset;
      offset += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
      // A line end joins lines; a no-break space is drawn as a space where the font has none.
      if (cp == '\n' || cp == 0xA0 || metrics.HasGlyph(cp)) return;
      auto [it, first] = findings.try_emplace(cp);
      if (first) {
        it->second.first = place_of(at);
        it->second.face = face;
      }
      ++it->second.count;
    });
  }

  void Report(const Findings& findings, const std::string& path) {
    for (const auto& [missing, finding] : findings) {
      clean_ = false;
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(missing));
      // An invisible character is named by its code alone: quoted, it would show as nothing.
      const bool visible = missing > ' ' && missing != 0xAD && !(missing >= 0x300 && missing <= 0x36F) &&
                           !(missing >= 0x200B && missing <= 0x200D) && missing != 0x2060 && missing != 0xFEFF;
      std::string message = "the font's " + FaceName(finding.face) + " has no glyph for " + code +
                            (visible ? " (\"" + EncodeUtf8(std::u32string(1, missing)) + "\")" : "") + ": " +
                            Advice(missing);
      if (finding.count > 1) message += " (it stands " + std::to_string(finding.count) + " times in this text)";
      d_.Error("layout.glyph", finding.first, path, message);
    }
  }

  std::string FaceName(int face) const {
    const Fonts& t = layout_.typsnitt;
    switch (face) {
      case kBold: return "bold face, " + t.fet.value + ",";
      case kItalic: return "italic face, " + t.kursiv.value + ",";
      case kBoldItalic: return "bold italic face, " + t.fet_kursiv.value + ",";
      default: return "regular face, " + t.normal.value + ",";
    }
  }

  const SourceSet& sources_;
  const LayoutFile& layout_;
  const LayoutResources& fonts_;
  Diagnostics& d_;
  bool clean_ = true;
};

}  // namespace

bool CheckPrintableCharacters(const YearFiles& files, const SourceSet& sources, const LayoutFile& layout,
                              const LayoutResources& fonts, Diagnostics& diagnostics) {
  CharacterCheck check(sources, layout, fonts, diagnostics);
  auto one_line = [&](const Located<std::string>& value) { check.OneLine(value); };
  ValueWalker<std::string, decltype(one_line)> lines{one_line};
  WalkYearFiles(lines, files, /*with_corrections=*/false);
  auto prose = [&](const Located<Text>& text) { check.Prose(text); };
  ValueWalker<Text, decltype(prose)> texts{prose};
  WalkYearFiles(texts, files, /*with_corrections=*/false);
  return check.clean();
}

}  // namespace arsred

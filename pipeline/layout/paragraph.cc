#include "paragraph.h"

#include <algorithm>
#include <cmath>

#include "linebreak.h"
#include "values.h"

namespace arsred {

namespace {

const char* kNoBreakSpace = "\u00A0";
// Between groups of three digits, as FormatNumber writes them: a narrow no-break space.
const char* kThousandsSpace = "\u202F";

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The loosest line the first pass, without hyphenation, accepts: an adjustment ratio of 1 is a
// badness of 100, LaTeX's \pretolerance.
constexpr double kPretolerance = 1.0;
// A line's letters are scaled in steps of 1/10 000, which the PDF writes exactly.
constexpr double kScaleSteps = 10000;

// One unit of the line-breaking input, with what to draw for it.
struct Atom {
  BreakItem item;
  std::string text;  // boxes: the text; penalties at hyphenation points: "-"
  int face = kRegular;
  std::string uri;
  bool space = false;  // glue between words
  bool before_space = false;  // a penalty that lets a line end at the space after it, hanging
  double hanging = 0;         // a penalty: how far the line's last character hangs if it breaks here
};

// How far a character at a line's end hangs into the margin, as a share of its width: about
// the right-hand protrusion of LaTeX's microtype for text fonts. 0 for any other character.
double MarginKerning(std::string_view last_character) {
  static constexpr std::pair<std::string_view, double> kShares[] = {
      {".", 0.7}, {",", 0.7}, {"-", 0.7}, {"\u2013", 0.3}, {"\u2014", 0.2}, {":", 0.5},
      {";", 0.5}, {"\u201D", 0.5}, {"\u2019", 0.5}, {"!", 0.2}, {"?", 0.2}};
  for (const auto& [character, share] : kShares) {
    if (last_character == character) return share;
  }
  return 0;
}

// The last character of a UTF-8 text, or "".
std::string_view LastCharacter(std::string_view text) {
  if (text.empty()) return {};
  size_t at = text.size() - 1;
  while (at > 0 && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) --at;
  return text.substr(at);
}

// The first character of a UTF-8 text, or "".
std::string_view FirstCharacter(std::string_view text) {
  size_t end = text.empty() ? 0 : 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return text.substr(0, end);
}

// `piece` with its ff, fi, fl, ffi and ffl set as ligatures (kLigatures, pages.h), where `font`
// has them.
std::string Ligate(const std::string& piece, const FontMetrics& font) {
  if (piece.find('f') == std::string::npos) return piece;
  std::string out;
  for (size_t at = 0; at < piece.size();) {
    bool joined = false;
    for (const Ligature& ligature : kLigatures) {
      if (piece.compare(at, ligature.letters.size(), ligature.letters) == 0 && font.HasGlyph(ligature.character)) {
        out += EncodeUtf8(std::u32string(1, ligature.character));
        at += ligature.letters.size();
        joined = true;
        break;
      }
    }
    if (!joined) out += piece[at++];
  }
  return out;
}

// First fit, the last resort when total fit finds no solution at all: it always ends, and text
// is never dropped (a box wider than the line, if any is left, gets a line of its own).
std::vector<LineBreak> FirstFitBreaks(const std::vector<BreakItem>& items, double width) {
  std::vector<LineBreak> breaks;
  size_t start = 0;
  while (start < items.size()) {
    double x = 0;
    size_t candidate = items.size();
    bool flagged = false, any_box = false;
    size_t next = items.size();
    for (size_t j = start; j < items.size(); ++j) {
      const BreakItem& item = items[j];
      if (item.kind == BreakItem::Kind::kPenalty && item.penalty <= -kForbidden) {
        breaks.push_back({j, 0, false});
        next = j + 1;
        break;
      }
      if (item.kind == BreakItem::Kind::kBox) {
        if (any_box && x + item.width > width && candidate < items.size()) {
          breaks.push_back({candidate, 0, flagged});
          next = candidate + 1;
          break;
        }
        x += item.width;
        any_box = true;
      } else if (item.kind == BreakItem::Kind::kGlue) {
        if (any_box && items[j - 1].kind == BreakItem::Kind::kBox) {
          candidate = j;
          flagged = false;
        }
        if (any_box) x += item.width;
      } else if (any_box && item.penalty < kForbidden) {
        candidate = j;
        flagged = item.flagged;
      }
    }
    start = next;
  }
  return breaks;
}

}  // namespace

namespace {

// Whether the hyphen at in[i] joins two years, "2023-2025", given `before` (the text so far):
// four digits on each side and no more. A date, "2011-03-04", keeps its hyphens.
bool IsYearRange(const std::string& before, const std::string& in, size_t i) {
  auto digits = [](const std::string& text, size_t from, size_t count) {
    if (from + count > text.size()) return false;
    for (size_t k = from; k < from + count; ++k) {
      if (!IsAsciiDigit(text[k])) return false;
    }
    return true;
  };
  if (before.size() < 4 || !digits(before, before.size() - 4, 4)) return false;
  if (before.size() > 4 && (IsAsciiDigit(before[before.size() - 5]) || before[before.size() - 5] == '-')) return false;
  if (!digits(in, i + 1, 4)) return false;
  return i + 5 >= in.size() || (!IsAsciiDigit(in[i + 5]) && in[i + 5] != '-');
}

}  // namespace

namespace {

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Whether the space at in[i] separates thousands in a number typed in prose, "2 074" or
// "1 234 567", given `before` (the text so far): one to three digits before it, standing alone
// (after a space, a sign, a bracket or another group), and exactly three after it.
bool IsThousandsSpace(const std::string& before, const std::string& in, size_t i) {
  size_t run = 0;
  while (run < before.size() && IsAsciiDigit(before[before.size() - 1 - run])) ++run;
  if (run == 0 || run > 3) return false;
  if (run < before.size()) {
    const char lead = before[before.size() - 1 - run];
    if (IsAsciiLetter(lead) || lead == '.' || lead == ',' || lead == ':') return false;  // "v 2", "3,5 000"
  }
  for (size_t k = 1; k <= 3; ++k) {
    if (i + k >= in.size() || !IsAsciiDigit(in[i + k])) return false;
  }
  return i + 4 >= in.size() || !IsAsciiDigit(in[i + 4]);
}

// Whether the space at in[i] stands between a number and its unit, "074 tkr", "15 kr".
bool IsSpaceBeforeUnit(const std::string& before, const std::string& in, size_t i) {
  if (before.empty() || !IsAsciiDigit(before.back())) return false;
  for (const char* unit : {"tkr", "kr", "mnkr", "mkr"}) {
    const size_t n = std::char_traits<char>::length(unit);
    if (in.compare(i + 1, n, unit) == 0 && (i + 1 + n >= in.size() || !IsAsciiLetter(in[i + 1 + n]))) return true;
  }
  return false;
}

}  // namespace

std::string ProseTypography(const std::string& in, std::string_view before) {
  std::string s(before);
  s.reserve(before.size() + in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    char prev = s.empty() ? ' ' : s.back();
    char next = i + 1 < in.size() ? in[i + 1] : ' ';
    if (c == '-' && prev == ' ' && next == ' ') {
      // "2023 - 2025" is a range (en dash, no spaces); "a - b" a dash with spaces.
      bool range = s.size() > before.size() && s.size() >= 2 && IsAsciiDigit(s[s.size() - 2]) && i + 2 < in.size() &&
                   IsAsciiDigit(in[i + 2]);
      if (range) {
        s.pop_back();
        s += "\u2013";
        ++i;  // the space after
      } else {
        s += "\u2013";
      }
    } else if (c == '-' && IsYearRange(s, in, i)) {
      s += "\u2013";  // 2023-2025
    } else if (c == '-' && (prev == ' ' || prev == '(') && IsAsciiDigit(next)) {
      s += "\u2212";  // a negative number in prose
    } else if (c == '%' && IsAsciiDigit(prev)) {
      s += kNoBreakSpace;
      s += '%';
    } else if (c == ' ' && next == '%' && IsAsciiDigit(prev)) {
      // "25 %": the space before % becomes a no-break space
    } else if (c == ' ' && IsThousandsSpace(s, in, i)) {
      s += kThousandsSpace;  // as the tables print them: a number never breaks across lines
    } else if (c == ' ' && IsSpaceBeforeUnit(s, in, i)) {
      s += kNoBreakSpace;  // "2 074 tkr" keeps its unit
    } else if (c == '"') {
      s += "\u201D";
    } else if (c == '\'') {
      s += "\u2019";
    } else {
      s += c;
    }
  }
  return s.substr(before.size());
}

std::string ForDrawing(const std::string& text) {
  if (text.find(kNoBreakSpace) == std::string::npos) return text;
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 2, kNoBreakSpace) == 0) {
      out += ' ';
      ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

namespace {

// Punctuation that may stand around a word without being part of it: "(förbundet)",
// "pensionsförpliktelser.", "”handledning”".
bool IsWordPunctuation(std::string_view text, size_t at, size_t* length) {
  static const char* const kMarks[] = {".", ",", ";", ":", "!", "?", "(", ")", "\"", "'", "\u201D", "\u2019", "*"};
  for (const char* mark : kMarks) {
    size_t n = std::char_traits<char>::length(mark);
    if (text.compare(at, n, mark) == 0) {
      *length = n;
      return true;
    }
  }
  return false;
}

}  // namespace

namespace {

using HyphenationExceptions = std::unordered_map<std::string, std::vector<size_t>>;

// Where the dictionary, or the report's own list of exceptions before it, hyphenates `part`.
std::vector<size_t> PartCuts(std::string_view part, const Hyphenator& hyphenator,
                             const HyphenationExceptions& exceptions) {
  if (!exceptions.empty()) {
    auto it = exceptions.find(LowerLatin1(std::string(part)));
    if (it != exceptions.end()) return it->second;
  }
  return hyphenator.BreakPoints(part);
}

// Where a word may break: after a hyphen that joins two parts ("STAR-team") and, with a
// dictionary, where it hyphenates each part inside the word's punctuation.
std::vector<size_t> WordCuts(const std::string& word, const Hyphenator* hyphenator,
                             const HyphenationExceptions& exceptions) {
  if (hyphenator == nullptr && word.find('-') == std::string::npos) return {};  // most words
  std::vector<size_t> cuts;
  // Hyphenate the word inside its punctuation, and each part of a word that has hyphens
  // ("STAR-team"), which may also break after its own hyphen.
  size_t start = 0, end = word.size(), n = 0;
  while (start < end && IsWordPunctuation(word, start, &n)) start += n;
  while (end > start) {
    size_t back = end - 1;
    while (back > start && (static_cast<unsigned char>(word[back]) & 0xC0) == 0x80) --back;
    if (!IsWordPunctuation(word, back, &n) || back + n != end) break;
    end = back;
  }
  size_t part = start;
  while (part < end) {
    size_t hyphen = word.find('-', part);
    size_t part_end = hyphen == std::string::npos || hyphen >= end ? end : hyphen;
    if (hyphenator != nullptr && part_end > part) {
      const std::string_view piece = std::string_view(word).substr(part, part_end - part);
      for (size_t cut : PartCuts(piece, *hyphenator, exceptions)) cuts.push_back(part + cut);
    }
    // After a hyphen that joins two parts, a line may break without adding another; not inside
    // a date or a number such as an organisation number ("2009-04-01", "222000-1990").
    const bool between_digits = part_end < end && part_end > start && IsAsciiDigit(word[part_end - 1]) &&
                                part_end + 1 < end && IsAsciiDigit(word[part_end + 1]);
    if (part_end < end && part_end > start && part_end + 1 < end && !between_digits) cuts.push_back(part_end + 1);
    part = part_end + 1;
  }
  return cuts;
}

}  // namespace

std::vector<size_t> WordBreaks::Cuts(const std::string& word) const {
  return WordCuts(word, hyphenator_, exceptions_);
}

const std::vector<size_t>& Typesetter::BreakPoints(const std::string& word) const {
  auto it = break_points_.find(word);
  if (it != break_points_.end()) return it->second;
  return break_points_[word] = word_breaks_.Cuts(word);
}

void Typesetter::set_hyphenation_exceptions(const std::vector<std::string>& words) {
  word_breaks_.set_exceptions(words);
  break_points_.clear();
}

void WordBreaks::set_exceptions(const std::vector<std::string>& words) {
  for (const std::string& written : words) {
    std::string word;
    std::vector<size_t> cuts;
    for (char c : written) {
      if (c == '-') {
        cuts.push_back(word.size());
      } else {
        word += c;
      }
    }
    exceptions_[LowerLatin1(word)] = cuts;
  }
}

double Typesetter::Kern(int face, std::string_view left, std::string_view right, double size) const {
  // The two characters as they are drawn (ForDrawing), which is how Width measures them.
  const std::u32string pair =
      DecodeUtf8(ForDrawing(std::string(LastCharacter(left)) + std::string(FirstCharacter(right))));
  if (pair.size() != 2) return 0;
  return metrics(face).Kerning(pair[0], pair[1]) * size / 1000;
}

std::vector<size_t> BreaksAfterPunctuation(std::string_view word) {
  std::vector<size_t> breaks;
  constexpr std::string_view kEnDash = "\u2013";
  for (size_t i = 0; i + 1 < word.size(); ++i) {
    if (word[i] == '/') breaks.push_back(i + 1);
    if (word.substr(i, kEnDash.size()) == kEnDash && i + kEnDash.size() < word.size()) {
      breaks.push_back(i + kEnDash.size());
    }
  }
  return breaks;
}

double Typesetter::Width(int face, const std::string& text, double size) const {
  return metrics(face).Width(text, size, /*no_break_space_as_space=*/true);
}

std::vector<SetLine> Typesetter::Set(const std::vector<StyledSpan>& spans, double size, Color color, double width,
                                     bool justify, Hyphenation hyphenation) const {
  // 1. Atoms: boxes for word pieces, glue for spaces, penalties where a word may break (with
  //    `hyphenate`, also where the dictionary hyphenates it).
  std::vector<Atom> atoms;
  bool hyphenate = false;
  // After a slash or a dash inside a word, running text may break; text set only to fit (a
  // table's cells and heads, headings) keeps such a word whole unless it is wider than the
  // line: "Avvikelse utfall–/budget" broke a head between the halves of its compound.
  bool punctuation_breaks = hyphenation == Hyphenation::kWhenNeeded;
  const bool hang = margin_kerning_ && justify;
  auto add_word = [&](const std::string& word, int face, const std::string& uri) {
    if (word.empty()) return;
    std::vector<size_t> cuts = hyphenate ? BreakPoints(word) : WordCuts(word, nullptr, {});
    if (punctuation_breaks || hyphenate) {
      for (size_t cut : BreaksAfterPunctuation(word)) cuts.push_back(cut);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    size_t start = 0;
    // The word's letters from `from` to `to`, with ligatures where asked for. A ligature never
    // spans a point where the line may break, nor one where the dictionary would hyphenate (the
    // joint of a compound, mostly: "af|fär"), even when this paragraph needs no hyphens.
    auto letters = [&](size_t from, size_t to) {
      if (!ligatures_ || word.find('f', from) >= to) return word.substr(from, to - from);
      std::string out;
      size_t at = from;
      if (word_breaks_.hyphenates()) {
        for (size_t joint : BreakPoints(word)) {
          if (joint <= at || joint >= to) continue;
          out += Ligate(word.substr(at, joint - at), metrics(face));
          at = joint;
        }
      }
      return out + Ligate(word.substr(at, to - at), metrics(face));
    };
    for (size_t cut : cuts) {
      std::string piece = letters(start, cut);
      // The kerning across the cut belongs to the line when the word does not break here: it is
      // in this piece's width, and taken back from the width of a break here, where the hyphen
      // (kerned against the piece) follows instead.
      const double join = Kern(face, LastCharacter(piece), word.substr(cut), size);
      atoms.push_back({{BreakItem::Kind::kBox, Width(face, piece, size) + join}, piece, face, uri});
      bool explicit_break = piece.back() == '/' || piece.back() == '-' ||
                            (piece.size() >= 3 && piece.compare(piece.size() - 3, 3, "\u2013") == 0);
      Atom penalty;
      penalty.item.kind = BreakItem::Kind::kPenalty;
      penalty.item.width =
          (explicit_break ? 0 : Width(face, "-", size) + Kern(face, LastCharacter(piece), "-", size)) - join;
      // The line ending here ends with the hyphen (added, or the word's own) or the dash.
      if (hang) {
        const std::string_view last = explicit_break ? LastCharacter(piece) : std::string_view("-");
        penalty.hanging = MarginKerning(last) * Width(face, std::string(last), size);
        penalty.item.width -= penalty.hanging;
      }
      penalty.item.penalty = explicit_break ? 50 : 100;
      penalty.item.flagged = !explicit_break;
      if (!explicit_break) penalty.text = "-";  // the hyphen drawn where the line breaks
      penalty.face = face;
      atoms.push_back(penalty);
      start = cut;
    }
    std::string rest = letters(start, word.size());
    atoms.push_back({{BreakItem::Kind::kBox, Width(face, rest, size)}, rest, face, uri});
  };
  // All of the paragraph's atoms, ending with the glue that fills the last line and a forced
  // break; none when it is blank.
  auto make_atoms = [&] {
    atoms.clear();
    for (const StyledSpan& span : spans) {
      size_t start = 0;
      const std::string& t = span.text;
      while (start <= t.size()) {
        size_t space = t.find_first_of(" \n", start);
        std::string word = t.substr(start, space == std::string::npos ? std::string::npos : space - start);
        add_word(word, span.face, span.uri);
        if (space == std::string::npos) break;
        if (hang && !atoms.empty() && atoms.back().item.kind == BreakItem::Kind::kBox) {
          // A line that ends after this word may hang its final punctuation: a break just before
          // the space, as wide as the room the hanging gains (negative), at no cost.
          const std::string_view last = LastCharacter(atoms.back().text);
          const double hanging = MarginKerning(last) * Width(atoms.back().face, std::string(last), size);
          if (hanging > 0) {
            Atom before;
            before.item.kind = BreakItem::Kind::kPenalty;
            before.item.width = -hanging;
            before.hanging = hanging;
            before.before_space = true;
            before.face = atoms.back().face;
            atoms.push_back(before);
          }
        }
        double w = Width(span.face, " ", size);
        Atom glue;
        glue.item = {BreakItem::Kind::kGlue, w, w / 2, w / 3};
        glue.space = true;
        glue.face = span.face;
        // Several spaces in a row count as one.
        if (atoms.empty() || !atoms.back().space) atoms.push_back(glue);
        start = space + 1;
      }
    }
    while (!atoms.empty() && (atoms.back().space || atoms.back().before_space)) atoms.pop_back();
    while (!atoms.empty() && atoms.front().space) atoms.erase(atoms.begin());
    if (atoms.empty()) return;
    Atom finish;
    finish.item = {BreakItem::Kind::kGlue, 0, 100000, 0};  // fills the last line
    finish.space = true;
    atoms.push_back(finish);
    Atom end;
    end.item.kind = BreakItem::Kind::kPenalty;
    end.item.penalty = -kForbidden;
    atoms.push_back(end);
  };

  // A ragged line may end anywhere it fits: its spaces get room to stretch without cost.
  std::vector<BreakItem> items;
  auto make_items = [&] {
    items.clear();
    for (const Atom& a : atoms) {
      BreakItem item = a.item;
      // Ragged spaces stretch freely and never shrink: a ragged line is drawn at its natural
      // width, which must fit.
      if (!justify && item.kind == BreakItem::Kind::kGlue && item.stretch < 1000) {
        item.stretch = width;
        item.shrink = 0;
      }
      // A justified line may widen or narrow its letters a little, so that its spaces need not
      // (font expansion): the breaker counts it as stretch and shrink of the words.
      if (justify && item.kind == BreakItem::Kind::kBox) {
        item.stretch = item.width * expansion_;
        item.shrink = item.width * expansion_;
      }
      items.push_back(item);
    }
  };
  // First, as TeX does, without hyphenation and accepting no line looser than kPretolerance:
  // most paragraphs set so, and only the others are hyphenated (fewer hyphens, and most words
  // are never looked up in the dictionary).
  make_atoms();
  if (atoms.empty()) return {};
  make_items();
  BreakParams first_pass;
  first_pass.tolerance = kPretolerance;
  first_pass.first_pass_only = true;
  auto breaks = BreakLines(items, {width}, first_pass);
  BreakParams params;
  params.emergency_stretch = width * 0.1;
  if (!breaks && hyphenation == Hyphenation::kOnlyToFit) {
    // Words whole, however loose the lines (a line of one word has no space to stretch, so each
    // line may stretch by the whole width): this fails only where a word is wider than the line.
    BreakParams whole_words = params;
    whole_words.emergency_stretch = width;
    breaks = BreakLines(items, {width}, whole_words);
    if (!breaks) {
      // A word too wide breaks after its dash or slash, if that is enough, before a hyphen.
      punctuation_breaks = true;
      make_atoms();
      make_items();
      breaks = BreakLines(items, {width}, whole_words);
    }
  }
  if (!breaks) {
    hyphenate = word_breaks_.hyphenates();
    make_atoms();
    make_items();
    breaks = BreakLines(items, {width}, params);
  }
  if (!breaks) {
    // A word wider than the line: let it break anywhere, at a high cost, and try again.
    std::vector<Atom> split;
    for (const Atom& a : atoms) {
      if (a.item.kind != BreakItem::Kind::kBox || a.item.width <= width) {
        split.push_back(a);
        continue;
      }
      std::u32string chars = DecodeUtf8(a.text);
      for (size_t i = 0; i < chars.size(); ++i) {
        std::string one = EncodeUtf8(chars.substr(i, 1));
        split.push_back({{BreakItem::Kind::kBox, Width(a.face, one, size)}, one, a.face, a.uri});
        if (i + 1 < chars.size()) {
          Atom p;
          p.item.kind = BreakItem::Kind::kPenalty;
          p.item.penalty = 900;
          split.push_back(p);
        }
      }
    }
    atoms = std::move(split);
    make_items();
    params.emergency_stretch = width;
    breaks = BreakLines(items, {width}, params);
    if (!breaks) breaks = FirstFitBreaks(items, width);
  }

  // 2. Lines: glue set by the adjustment ratio (justified lines but the last), boxes drawn as
  //    runs; pieces of one word in one face are joined into one run.
  // The scale of a justified line's letters: as far as its adjustment ratio asks, within the
  // expansion and rounded to what the PDF writes; its spaces then take the rest of the room
  // (`ratio` becomes theirs), so that the line still ends exactly at the margin.
  auto expanded_line = [&](size_t from, const LineBreak& lb, double& ratio) {
    double scale = std::clamp(1 + ratio * expansion_, 1 - expansion_, 1 + expansion_);
    scale = std::round(scale * kScaleSteps) / kScaleSteps;
    double words = 0, spaces = 0, stretch = 0, shrink = 0;
    for (size_t i = from; i < lb.item; ++i) {
      const BreakItem& item = atoms[i].item;
      if (item.kind == BreakItem::Kind::kBox) words += item.width;
      if (item.kind != BreakItem::Kind::kGlue) continue;
      spaces += item.width;
      stretch += item.stretch;
      shrink += item.shrink;
    }
    if (atoms[lb.item].item.kind == BreakItem::Kind::kPenalty) words += atoms[lb.item].item.width;
    const double room = width - words * scale - spaces;
    ratio = room > 0 ? (stretch > 0 ? room / stretch : 0) : (shrink > 0 ? room / shrink : 0);
    return scale;
  };
  std::vector<SetLine> lines;
  size_t start = 0;
  for (size_t b = 0; b < breaks->size(); ++b) {
    const LineBreak& lb = (*breaks)[b];
    bool last = b + 1 == breaks->size();
    // A last or ragged line is set at its natural width, unless that is too wide: then its
    // spaces shrink as the line breaker counted on, or it would run into the margin.
    double ratio = justify && !last ? lb.ratio : std::min(lb.ratio, 0.0);
    // Skip glue and penalties at the start of a line.
    while (start < lb.item && atoms[start].item.kind != BreakItem::Kind::kBox) ++start;
    const double scale = ratio != 0 && expansion_ > 0 ? expanded_line(start, lb, ratio) : 1;
    SetLine line;
    double x = 0;
    bool joinable = false;  // the previous atom was a box of this word
    // A space was passed since the last run: the run ends with one in its text. The eye sees the
    // gap either way; text extraction and a screen reader following the tags need the character.
    bool space_after_run = false;
    std::string last_box_uri;  // the link of the last piece of a word set, or ""
    for (size_t i = start; i < lb.item; ++i) {
      const Atom& a = atoms[i];
      if (a.item.kind == BreakItem::Kind::kGlue) {
        double w = a.item.width;
        if (ratio > 0) w += ratio * a.item.stretch;
        if (ratio < 0) w += ratio * a.item.shrink;
        if (a.item.stretch >= 1000) w = a.item.width;  // the finishing glue never stretches a line
        x += w;
        joinable = false;
        space_after_run = !line.runs.empty();
        continue;
      }
      if (a.item.kind == BreakItem::Kind::kPenalty) continue;
      if (joinable && !line.runs.empty() && line.runs.back().font == a.face && a.uri.empty()) {
        line.runs.back().text += a.text;
      } else {
        if (space_after_run) line.runs.back().text += ' ';
        GlyphRun run;
        run.font = a.face;
        run.size = size;
        run.x = x;
        run.scale = scale;
        run.text = a.text;
        run.color = color;
        line.runs.push_back(run);
        // A web address is cut where it may break, each piece a run; on a line its pieces are
        // one link, one annotation, not one a piece ("https://", "www.", …).
        if (!a.uri.empty() && last_box_uri == a.uri) {
          line.links.back().width = x + a.item.width * scale - line.links.back().x;
        } else if (!a.uri.empty()) {
          Link link;
          link.x = x;
          link.width = a.item.width * scale;
          link.uri = a.uri;
          line.links.push_back(link);
        }
      }
      x += a.item.width * scale;
      joinable = true;
      space_after_run = false;
      last_box_uri = a.uri;
    }
    const Atom& at_break = atoms[lb.item];
    if ((at_break.item.kind == BreakItem::Kind::kGlue || at_break.before_space) && !line.runs.empty()) {
      line.runs.back().text += ' ';
    }
    if (at_break.item.kind == BreakItem::Kind::kPenalty) {
      // What breaking here adds to the line (a hyphen, kerned; less the kerning into the next
      // piece, which the last box counted), all of it also where it hangs.
      x += (at_break.item.width + at_break.hanging) * scale;
      if (!at_break.text.empty() && !line.runs.empty()) {
        line.runs.back().text += at_break.text;
        line.hyphenated = true;
      }
    }
    line.width = x;
    for (GlyphRun& run : line.runs) run.text = ForDrawing(run.text);
    lines.push_back(std::move(line));
    start = lb.item + 1;
  }
  return lines;
}

bool SpansAreBlank(const std::vector<StyledSpan>& spans) {
  for (const StyledSpan& span : spans) {
    if (span.text.find_first_not_of(" \n") != std::string::npos) return false;
  }
  return true;
}

}  // namespace arsred

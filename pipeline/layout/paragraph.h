// Sets a paragraph: styled text -> justified (or ragged) lines of positioned glyph runs, by
// total-fit line breaking with Swedish hyphenation. Also the typographic clean-up of prose
// typed by users (dashes, minus signs, no-break spaces before %, quotation marks).
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "font_metrics.h"
#include "hyphenate.h"
#include "pages.h"

namespace arsred {

enum Face { kRegular = 0, kBold = 1, kItalic = 2, kBoldItalic = 3 };

struct StyledSpan {
  std::string text;
  int face = kRegular;
  std::string uri;  // a link's address, when the span is a link
};

// When a paragraph's words may be hyphenated: when its lines cannot be set well without (TeX's
// second pass), or only to fit a word wider than the line, as in headings and the heads of
// tables, whose lines may be as ragged as they come.
enum class Hyphenation { kWhenNeeded, kOnlyToFit };

struct SetLine {
  std::vector<GlyphRun> runs;  // x relative to the line's start, y = 0 on the baseline
  std::vector<Link> links;     // relative like the runs (y from −descent to ascent)
  double width = 0;            // width actually used
  bool hyphenated = false;
};

// Where words may break, as the report breaks them: after a hyphen that joins two parts
// ("STAR-team"), and with a dictionary where it hyphenates each part, or, for a word the report
// lists itself (text.yaml's `avstavning`), only where that list writes hyphens. The typesetter
// breaks lines by it; the HTML edition marks the same points with soft hyphens.
class WordBreaks {
 public:
  explicit WordBreaks(const Hyphenator* hyphenator) : hyphenator_(hyphenator) {}
  // Words hyphenated only where written with hyphens ("kun-skaps-ut-by-te"), instead of where
  // the dictionary's patterns say; a word given without one is not hyphenated.
  void set_exceptions(const std::vector<std::string>& words);
  // Byte offsets into `word` where a line may break, ascending: a hyphen is added there unless
  // the byte before is the word's own hyphen.
  std::vector<size_t> Cuts(const std::string& word) const;
  bool hyphenates() const { return hyphenator_ != nullptr; }

 private:
  const Hyphenator* hyphenator_;
  // A word in lower case, without its hyphens -> where they stood (byte offsets).
  std::unordered_map<std::string, std::vector<size_t>> exceptions_;
};

class Typesetter {
 public:
  Typesetter(std::vector<const FontMetrics*> faces, const Hyphenator* hyphenator)
      : faces_(std::move(faces)), word_breaks_(hyphenator) {}

  // Lines of at most `width` points. `justify` stretches all lines but the last. A word wider
  // than the line is broken between characters as a last resort (never overfull), except that
  // with margin kerning a justified line's final punctuation hangs partly past `width`.
  std::vector<SetLine> Set(const std::vector<StyledSpan>& spans, double size, Color color, double width,
                           bool justify, Hyphenation hyphenation = Hyphenation::kWhenNeeded) const;
  double Width(int face, const std::string& text, double size) const;
  // Margin kerning: in justified text, a line's final hyphen, dash, comma, full stop, colon,
  // semicolon or closing quote stands partly in the right margin (by MarginKerning's shares of
  // its width), where the eye expects the edge; line breaking counts the room it gains.
  void set_margin_kerning(bool on) { margin_kerning_ = on; }
  // How far (a fraction, 0.02 for 2 %) the letters of a justified line may widen or narrow.
  void set_expansion(double fraction) { expansion_ = fraction; }
  // Ligatures: ff, fi, fl, ffi and ffl set as one glyph (U+FB00–FB04) where the face has it,
  // never across a point where the word may break. The PDF's ToUnicode map gives the letters back.
  void set_ligatures(bool on) { ligatures_ = on; }
  // WordBreaks::set_exceptions, before the first paragraph.
  void set_hyphenation_exceptions(const std::vector<std::string>& words);
  const FontMetrics& metrics(int face) const { return *faces_.at(static_cast<size_t>(face)); }

 private:
  // Break points of a word, looked up once per word: a report repeats its words many times.
  const std::vector<size_t>& BreakPoints(const std::string& word) const;
  // The kerning in points between the last character of `left` and the first of `right`.
  double Kern(int face, std::string_view left, std::string_view right, double size) const;

  std::vector<const FontMetrics*> faces_;
  WordBreaks word_breaks_;
  bool margin_kerning_ = false;
  double expansion_ = 0;
  bool ligatures_ = false;
  mutable std::unordered_map<std::string, std::vector<size_t>> break_points_;
};

// Where a word may break without a hyphen, as the typesetter breaks it: after a slash or an en
// dash inside it ("lärobok/kunskapssammanställning", "2023-01-01–2023-12-31"). Byte offsets into
// `word`, ascending; none at its end.
std::vector<size_t> BreaksAfterPunctuation(std::string_view word);

// Whether `spans` hold no text to set (Typesetter::Set gives no lines for them).
bool SpansAreBlank(const std::vector<StyledSpan>& spans);

// Typography for prose as users type it: " - " becomes an en dash, "2023 - 2025" a range with
// an en dash, "-1 700" in running text a minus sign, "25%" gets a no-break space before the
// sign, straight quotes become Swedish ones (” and ’). A typed number keeps together as the
// tables print numbers: "2 074" takes a narrow no-break space between its groups, and the space
// before tkr, kr, mnkr or mkr is a no-break space, so "2 074 tkr" never breaks across lines.
// `before` is what is printed just before the text, such as a placeholder's figure: it is read
// as context ("{resultat} tkr" keeps its unit too), not returned.
std::string ProseTypography(const std::string& text, std::string_view before = {});

// The font lacks U+00A0: it is drawn as a space, while line breaking keeps it unbreakable.
std::string ForDrawing(const std::string& text);

}  // namespace arsred

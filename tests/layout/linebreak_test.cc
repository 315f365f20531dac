// Total-fit line breaking: hand-checked paragraphs, the limits (forced and forbidden breaks,
// consecutive hyphens, overfull boxes, emergency stretch), agreement with an exhaustive search on
// random small paragraphs, and speed.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <random>
#include <sstream>

#include "font_metrics.h"
#include "hyphenate.h"
#include "linebreak.h"
#include "test_util.h"

namespace arsred::test {
namespace {

using Kind = BreakItem::Kind;

// Stretch of the glue that ends a paragraph (and a line before a forced break): so much that the
// last line is never loose.
constexpr double kFill = 100000;

struct Spacing {
  double space = 1, stretch = 1, shrink = 0.5;
  double hyphen = 1, hyphen_penalty = 50;
};

// A paragraph's items, with what each one prints (a box its letters, glue a space, penalties
// nothing) so that the chosen lines can be compared as text.
struct Paragraph {
  std::vector<BreakItem> items;
  std::vector<std::string> text;

  void Add(BreakItem item, std::string printed = "") {
    items.push_back(item);
    text.push_back(std::move(printed));
  }
  void EndLine() {
    Add({Kind::kGlue, 0, kFill, 0});
    Add({Kind::kPenalty, 0, 0, 0, -kForbidden});
  }
};

// Builds a paragraph from marked-up text: words separated by spaces, '|' where a word may be
// hyphenated, '~' a space that must not break, '\n' a forced line break.
Paragraph Build(std::string_view marked, const std::function<double(std::string_view)>& measure,
                const Spacing& spacing = {}) {
  Paragraph p;
  std::string fragment;
  auto flush = [&] {
    if (fragment.empty()) return;
    p.Add({Kind::kBox, measure(fragment)}, fragment);
    fragment.clear();
  };
  BreakItem space{Kind::kGlue, spacing.space, spacing.stretch, spacing.shrink};
  for (char c : marked) {
    if (c == ' ' || c == '~' || c == '|' || c == '\n') flush();
    if (c == ' ') {
      p.Add(space, " ");
    } else if (c == '~') {
      p.Add({Kind::kPenalty, 0, 0, 0, kForbidden});
      p.Add(space, " ");
    } else if (c == '|') {
      p.Add({Kind::kPenalty, spacing.hyphen, 0, 0, spacing.hyphen_penalty, true});
    } else if (c == '\n') {
      p.EndLine();
    } else {
      fragment += c;
    }
  }
  flush();
  p.EndLine();
  return p;
}

// Every letter one unit wide.
double Letters(std::string_view fragment) { return static_cast<double>(DecodeUtf8(fragment).size()); }

// The lines the breaks make, each ending in '-' when hyphenated (trailing spaces removed).
std::vector<std::string> Lines(const Paragraph& p, const std::vector<LineBreak>& breaks) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (const LineBreak& b : breaks) {
    std::string line;
    for (size_t i = start; i < b.item; ++i) line += p.text[i];
    while (!line.empty() && line.back() == ' ') line.pop_back();
    if (b.hyphenated) line += "-";
    lines.push_back(line);
    // The next line starts at the next box or forced break; what lies between is discarded.
    start = b.item + 1;
    while (start < p.items.size() && p.items[start].kind != Kind::kBox && p.items[start].penalty > -kForbidden) {
      ++start;
    }
  }
  return lines;
}

std::vector<std::string> BreakIntoLines(const Paragraph& p, double width) {
  auto breaks = BreakLines(p.items, {width}, {});
  REQUIRE(breaks);
  return Lines(p, *breaks);
}

int LongestHyphenRun(const std::vector<LineBreak>& breaks) {
  int longest = 0, run = 0;
  for (const LineBreak& b : breaks) {
    run = b.hyphenated ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

TEST_CASE("total fit looks ahead where first fit would not") {
  // Width 8; spaces are 1 wide and stretch by 1. First fit fills line 1 ("a b cc d", exactly 8)
  // and strands "eeeee" on a line with no space to stretch. Total fit sets "a b cc" (room 2 over
  // two spaces: ratio 1) and "d eeeee" (room 1 over one space: ratio 1).
  Paragraph p = Build("a b cc d eeeee fff", Letters, {1, 1, 0});
  auto breaks = BreakLines(p.items, {8}, {});
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"a b cc", "d eeeee", "fff"});
  CHECK((*breaks)[0].ratio == 1);
  CHECK((*breaks)[1].ratio == 1);
  CHECK((*breaks)[2].ratio == Approx(0).margin(1e-4));  // the last line is filled by the finishing glue
}

TEST_CASE("each line has the width of its own entry, the last entry repeating") {
  Paragraph p = Build("aaa bb cc ddd ee ff gggg", Letters, {1, 1, 0});
  CHECK(BreakIntoLines(p, 8) == std::vector<std::string>{"aaa bb", "cc ddd", "ee ff", "gggg"});
  auto breaks = BreakLines(p.items, {6, 12}, {});
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"aaa bb", "cc ddd ee ff", "gggg"});
}

TEST_CASE("a forced break ends the line even when more would fit") {
  Paragraph p = Build("aa bb\ncc dd", Letters);
  auto breaks = BreakLines(p.items, {100}, {});
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"aa bb", "cc dd"});
  CHECK(p.items[(*breaks)[0].item].penalty == -kForbidden);
}

TEST_CASE("no break at a forbidding penalty, nor at glue that follows no box") {
  Spacing spacing{1, 1, 0.5};
  CHECK(BreakIntoLines(Build("aa bb cc dd ee", Letters, spacing), 9) == std::vector<std::string>{"aa bb cc", "dd ee"});
  // "cc~dd" must stay together, so the first line has to stretch more.
  CHECK(BreakIntoLines(Build("aa bb cc~dd ee", Letters, spacing), 9) == std::vector<std::string>{"aa bb", "cc dd ee"});
}

// With free hyphenation (no extra cost for consecutive hyphens) the optimum is three perfect
// lines, all hyphenated: "aaaaaa bbbb-", "bb ccccc dd-", "ddd eee fff-", each exactly 12.
TEST_CASE("never more than max_consecutive_hyphens hyphenated lines in a row") {
  Paragraph p = Build("aaaaaa bbbb|bb ccccc dd|ddd eee fff|ffff", Letters, {1, 1, 0});
  BreakParams params;
  params.flagged_demerits = 0;
  params.max_consecutive_hyphens = 3;
  auto unconstrained = BreakLines(p.items, {12}, params);
  REQUIRE(unconstrained);
  CHECK(Lines(p, *unconstrained) == std::vector<std::string>{"aaaaaa bbbb-", "bb ccccc dd-", "ddd eee fff-", "ffff"});
  CHECK(LongestHyphenRun(*unconstrained) == 3);

  params.max_consecutive_hyphens = 2;
  auto limited = BreakLines(p.items, {12}, params);
  REQUIRE(limited);
  CHECK(LongestHyphenRun(*limited) <= 2);
  CHECK(Lines(p, *limited) == std::vector<std::string>{"aaaaaa bbbb-", "bb ccccc", "ddddd eee", "fffffff"});

  // Without hyphenation the first line cannot be filled: "aaaaaa bbbbbb" is 13 wide and
  // "aaaaaa" alone has no space to stretch.
  params.max_consecutive_hyphens = 0;
  CHECK_FALSE(BreakLines(p.items, {12}, params));
}

// Line 1 can end "aaa bbb" (ratio 4) or "aaa bbb cc-" (exactly 11, cheaper); either way line 2
// ends "dd-" with the same fitness. Only the path through the plain line 1 leaves room for the
// third line's hyphen, so the cheaper node with two hyphens in a row must not replace it.
TEST_CASE("the hyphen limit keeps the costlier path that respects it") {
  Paragraph p = Build("aaa bbb cc|ccc dd|dddddd ee|eeeeee", Letters, {1, 1, 0});
  BreakParams params;
  params.flagged_demerits = 0;
  params.max_consecutive_hyphens = 2;
  auto breaks = BreakLines(p.items, {11}, params);
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"aaa bbb", "ccccc dd-", "dddddd ee-", "eeeeee"});
}

// With fitness demerits of 10000: "aaaa bbb" (ratio 2, very loose) then "c ddd eeee" (ratio 0)
// costs more up to the second break than "aaaa bbb c" then "ddd eeee" (ratio 2), but the latter
// ends very loose and pays again before the decent last line. So at the second break a cheaper
// node of one fitness class must not displace the best node of another.
TEST_CASE("nodes of different fitness classes do not displace each other") {
  Paragraph p = Build("aaaa bbb c ddd eeee fff", Letters, {1, 1, 0});
  BreakParams params;
  params.fitness_demerits = 10000;
  auto breaks = BreakLines(p.items, {10}, params);
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"aaaa bbb", "c ddd eeee", "fff"});
}

// Widths 14, 6, 13: "a b c dd ee" can be line 1 (cheap) or "dd ee" line 2 after "a b c" (dear).
// Both end at the same space, but only after line 2 does the wide third line follow that
// "ffff ggg" needs.
TEST_CASE("nodes ending different lines stay apart while the line widths differ") {
  Paragraph p = Build("a b c dd ee ffff ggg", Letters, {1, 1, 0});
  auto breaks = BreakLines(p.items, {14, 6, 13}, {});
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"a b c", "dd ee", "ffff ggg"});
}

TEST_CASE("a box wider than the line has no solution, whatever the stretch") {
  BreakParams params;
  params.emergency_stretch = 1000;
  CHECK_FALSE(BreakLines(Build("aa aaaaaaaaaaaa aa", Letters).items, {10}, params));
  CHECK(BreakLines(Build("aa aaaaaaaaaa aa", Letters).items, {10}, params));  // exactly 10 fits
}

TEST_CASE("emergency stretch makes an otherwise impossible paragraph feasible") {
  // Width 20: "aaaaa bbbbb" leaves 9 of room over one space that stretches by 1 (ratio 9, above
  // the second tolerance of 5), and the long word cannot join it.
  Paragraph p = Build("aaaaa bbbbb cccccccccccccccc", Letters, {1, 1, 0});
  BreakParams params;
  CHECK_FALSE(BreakLines(p.items, {20}, params));
  params.emergency_stretch = 4;  // 9 / (1 + 4) = 1.8
  auto breaks = BreakLines(p.items, {20}, params);
  REQUIRE(breaks);
  CHECK(Lines(p, *breaks) == std::vector<std::string>{"aaaaa bbbbb", "cccccccccccccccc"});
  // The line is still set with its own glue: the reported ratio is against the real stretch.
  CHECK((*breaks)[0].ratio == 9);
}

TEST_CASE("the second pass accepts looser lines than the first") {
  // "aaaaa bbbbb" alone has ratio 3: beyond tolerance 2, within second_tolerance 5.
  Paragraph p = Build("aaaaa bbbbb ccccccccccc", Letters, {1, 1, 0});
  BreakParams params;
  params.second_tolerance = 2;
  CHECK_FALSE(BreakLines(p.items, {14}, params));
  params.second_tolerance = 5;
  auto breaks = BreakLines(p.items, {14}, params);
  REQUIRE(breaks);
  CHECK((*breaks)[0].ratio == 3);
}

TEST_CASE("a paragraph that does not end in a forced break, or has no width, is refused") {
  Paragraph p = Build("aa bb", Letters);
  CHECK_FALSE(BreakLines(p.items, {}, {}));
  p.items.pop_back();
  CHECK_FALSE(BreakLines(p.items, {10}, {}));
  CHECK_FALSE(BreakLines({}, {10}, {}));
}

// ---- A real paragraph: Carlito 10 pt, Swedish hyphenation. ----

struct Typesetter {
  std::unique_ptr<FontMetrics> font;
  std::unique_ptr<Hyphenator> hyphenator;
  double size = 10;

  Typesetter() {
    std::string error;
    font = FontMetrics::Load((kSourceDir / "fonts" / "Carlito-Regular.ttf").string(), &error);
    hyphenator = Hyphenator::Load(kSwedishDictionary, &error);
    INFO(error);
    REQUIRE(font);
    REQUIRE(hyphenator);
  }

  // Marks the hyphenation points of every word (punctuation around a word is not part of it).
  std::string Mark(std::string_view text) const {
    std::string marked;
    std::istringstream words{std::string(text)};
    for (std::string word; words >> word;) {
      size_t begin = word.find_first_not_of("(\"");
      size_t end = word.find_last_not_of(".,;:)\"") + 1;
      if (!marked.empty()) marked += ' ';
      if (begin >= end) {
        marked += word;
        continue;
      }
      std::string core = word.substr(begin, end - begin);
      size_t previous = 0;
      marked += word.substr(0, begin);
      for (size_t at : hyphenator->BreakPoints(core)) {
        marked += core.substr(previous, at - previous) + "|";
        previous = at;
      }
      marked += core.substr(previous) + word.substr(end);
    }
    return marked;
  }

  Paragraph Set(std::string_view text) const {
    double space = font->Advance(U' ') * size / 1000;
    Spacing spacing{space, space / 2, space / 3, font->Advance(U'-') * size / 1000, 50};
    return Build(Mark(text), [&](std::string_view fragment) { return font->Width(fragment, size); }, spacing);
  }
};

constexpr const char* kSwedishParagraph =
    "Samordningsförbundet i Jämtlands län bildades 2009 och består av Region Jämtland Härjedalen, "
    "länets åtta kommuner, Försäkringskassan och Arbetsförmedlingen. Förbundets ändamål är att "
    "genom finansiell samordning stödja individer i behov av samordnade rehabiliteringsinsatser, "
    "så att de uppnår eller förbättrar sin förmåga att utföra förvärvsarbete.";

// The expected lines were read and found good by eye (every line within the first pass's
// tolerance, hyphens at dictionary points, never more than two hyphenated lines in a row). The
// measure is 219 pt: kerned, the text is a little tighter than it was without kerning, when
// these lines were reviewed at 220 pt; at 220 two of them now need the second pass.
TEST_CASE("a Swedish paragraph in Carlito breaks as reviewed") {
  Typesetter typesetter;
  Paragraph p = typesetter.Set(kSwedishParagraph);
  auto breaks = BreakLines(p.items, {219}, {});
  REQUIRE(breaks);
  std::vector<std::string> lines = Lines(p, *breaks);
  CHECK(lines == std::vector<std::string>{
                     "Samordningsförbundet i Jämtlands län bildades 2009",
                     "och består av Region Jämtland Härjedalen, länets åt-",
                     "ta kommuner, Försäkringskassan och Arbetsförmed-",
                     "lingen. Förbundets ändamål är att genom finansiell",
                     "samordning stödja individer i behov av samordnade re-",
                     "habiliteringsinsatser, så att de uppnår eller förbättrar",
                     "sin förmåga att utföra förvärvsarbete.",
                 });
  for (const LineBreak& b : *breaks) {
    CHECK(b.ratio >= -1);
    CHECK(b.ratio <= BreakParams{}.tolerance);
  }
}


// How much slower than an optimised build the timings may be: unoptimised code (here with
// sanitizers, 1.3 ms for the 200 words) says nothing about the speed of a release.
#ifdef NDEBUG
constexpr double kSlowdown = 1;
#else
constexpr double kSlowdown = 10;
#endif

TEST_CASE("a 200-word paragraph breaks in well under a millisecond, and time grows linearly") {
  Typesetter typesetter;
  std::string text;
  for (int copies = 0; copies < 5; ++copies) text += std::string(kSwedishParagraph) + " ";
  Paragraph p = typesetter.Set(text);
  size_t words = static_cast<size_t>(std::count(text.begin(), text.end(), ' '));
  CHECK(words >= 200);
  constexpr int kRuns = 50;
  auto start = std::chrono::steady_clock::now();
  for (int run = 0; run < kRuns; ++run) REQUIRE(BreakLines(p.items, {300}, {}));
  std::chrono::duration<double, std::micro> each = (std::chrono::steady_clock::now() - start) / kRuns;
  INFO(each.count() << " µs per paragraph");
  CHECK(each.count() < 1000 * kSlowdown);

  // Ten times the text must not take a hundred times as long: lines that can no longer stretch to
  // reach the current break are retired, so the work grows with the text, not with its square.
  std::string long_text;
  for (int copies = 0; copies < 10; ++copies) long_text += text;
  Paragraph long_paragraph = typesetter.Set(long_text);
  start = std::chrono::steady_clock::now();
  REQUIRE(BreakLines(long_paragraph.items, {300}, {}));
  std::chrono::duration<double, std::micro> long_time = std::chrono::steady_clock::now() - start;
  INFO(long_time.count() << " µs for the 2000-word paragraph");
  CHECK(long_time.count() < 30 * 1000 * kSlowdown);
}

// ---- Agreement with an exhaustive search over every set of breaks. ----

// The demerits of one set of breaks (ending with the last item), scored from the paper's rules
// independently of the implementation; nullopt when a line does not fit or too many hyphenated
// lines follow each other.
std::optional<double> Score(const std::vector<BreakItem>& items, const std::vector<size_t>& breaks,
                            const std::vector<double>& widths, const BreakParams& params, double tolerance,
                            double extra_stretch) {
  double total = 0;
  int previous_fitness = 1, hyphen_run = 0;
  size_t start = 0;
  for (size_t line = 0; line < breaks.size(); ++line) {
    size_t b = breaks[line];
    double width = widths[std::min(line, widths.size() - 1)];
    double length = 0, stretch = extra_stretch, shrink = 0;
    for (size_t i = start; i < b; ++i) {
      if (items[i].kind == Kind::kPenalty) continue;
      length += items[i].width;
      stretch += items[i].stretch;
      shrink += items[i].shrink;
    }
    const BreakItem& at = items[b];
    if (at.kind == Kind::kPenalty) length += at.width;
    double ratio = length < width ? (stretch > 0 ? (width - length) / stretch : 1e9)
                   : length > width ? (shrink > 0 ? (width - length) / shrink : -1e9)
                                    : 0;
    if (ratio < -1 || ratio > tolerance) return std::nullopt;
    bool flagged = at.kind == Kind::kPenalty && at.flagged;
    hyphen_run = flagged ? hyphen_run + 1 : 0;
    if (hyphen_run > params.max_consecutive_hyphens) return std::nullopt;
    double demerits = std::pow(params.line_penalty + 100 * std::pow(std::abs(ratio), 3), 2);
    if (at.kind == Kind::kPenalty && at.penalty > -kForbidden) {
      demerits += at.penalty * std::abs(at.penalty);
    }
    if (flagged && hyphen_run > 1) demerits += params.flagged_demerits;
    int fitness = ratio < -0.5 ? 0 : ratio <= 0.5 ? 1 : ratio <= 1 ? 2 : 3;
    if (std::abs(fitness - previous_fitness) > 1) demerits += params.fitness_demerits;
    previous_fitness = fitness;
    total += demerits;
    start = b + 1;
    while (start < items.size() && items[start].kind != Kind::kBox && items[start].penalty > -kForbidden) ++start;
  }
  return total;
}

// The least demerits over all sets of breaks on the first pass that has any feasible set, and
// that pass's tolerance and extra stretch.
struct Optimum {
  double demerits;
  double tolerance, extra_stretch;
};

std::optional<Optimum> Search(const std::vector<BreakItem>& items, const std::vector<double>& widths,
                              const BreakParams& params) {
  std::vector<size_t> optional_breaks, forced_breaks;
  for (size_t i = 0; i < items.size(); ++i) {
    const BreakItem& item = items[i];
    if (item.kind == Kind::kPenalty && item.penalty <= -kForbidden) {
      forced_breaks.push_back(i);
    } else if ((item.kind == Kind::kPenalty && item.penalty < kForbidden) ||
               (item.kind == Kind::kGlue && i > 0 && items[i - 1].kind == Kind::kBox)) {
      optional_breaks.push_back(i);
    }
  }
  std::vector<std::pair<double, double>> passes{{params.tolerance, 0}, {params.second_tolerance, 0}};
  if (params.emergency_stretch > 0) passes.push_back({params.second_tolerance, params.emergency_stretch});
  for (auto [tolerance, extra_stretch] : passes) {
    std::optional<double> best;
    for (uint32_t subset = 0; subset < (1u << optional_breaks.size()); ++subset) {
      std::vector<size_t> breaks = forced_breaks;
      for (size_t k = 0; k < optional_breaks.size(); ++k) {
        if (subset >> k & 1) breaks.push_back(optional_breaks[k]);
      }
      std::sort(breaks.begin(), breaks.end());
      auto score = Score(items, breaks, widths, params, tolerance, extra_stretch);
      if (score && (!best || *score < *best)) best = score;
    }
    if (best) return Optimum{*best, tolerance, extra_stretch};
  }
  return std::nullopt;
}

TEST_CASE("on random small paragraphs the breaks are optimal, as an exhaustive search finds") {
  std::mt19937 random(1981);
  auto pick = [&](int low, int high) { return std::uniform_int_distribution<int>(low, high)(random); };
  int solved = 0, hyphenated = 0;
  constexpr int kRounds = 300;
  for (int round = 0; round < kRounds; ++round) {
    // Widths and stretches are multiples of 1/4, so both sides compute every ratio exactly.
    std::string marked;
    int legal_breaks = 0;
    while (legal_breaks < 10) {
      if (!marked.empty()) {
        int separator = pick(0, 19);
        marked += separator == 0 ? '\n' : separator == 1 ? '~' : ' ';
        legal_breaks += separator == 1 ? 0 : 1;
      }
      int letters = pick(1, 7);
      int hyphen_at = letters >= 4 && pick(0, 3) > 0 ? pick(2, letters - 2) : -1;
      for (int k = 0; k < letters; ++k) {
        if (k == hyphen_at) {
          marked += '|';
          ++legal_breaks;
        }
        marked += static_cast<char>('a' + k);
      }
    }
    Spacing spacing{1, pick(1, 4) / 2.0, pick(0, 4) / 4.0, 1, static_cast<double>(pick(-2, 4) * 25)};
    Paragraph p = Build(marked, Letters, spacing);
    BreakParams params;
    params.tolerance = 1;
    params.second_tolerance = 3;
    params.emergency_stretch = pick(0, 1) * 4;
    params.flagged_demerits = pick(0, 1) * 3000;
    params.fitness_demerits = pick(0, 2) * 5000;
    params.max_consecutive_hyphens = pick(0, 3);
    // Some paragraphs have lines of their own widths at the start (as beside a figure).
    std::vector<double> widths{static_cast<double>(pick(6, 16))};
    for (int extra = pick(0, 2); extra > 0; --extra) widths.push_back(pick(6, 16));
    INFO("round " << round << " widths " << widths.front() << ", " << widths.back() << ": " << marked);

    std::optional<Optimum> optimum = Search(p.items, widths, params);
    auto breaks = BreakLines(p.items, widths, params);
    REQUIRE(breaks.has_value() == optimum.has_value());
    if (!breaks) continue;
    ++solved;
    hyphenated += LongestHyphenRun(*breaks) > 0;
    std::vector<size_t> chosen;
    for (const LineBreak& b : *breaks) chosen.push_back(b.item);
    auto score = Score(p.items, chosen, widths, params, optimum->tolerance, optimum->extra_stretch);
    REQUIRE(score);
    CHECK(*score == Approx(optimum->demerits));
  }
  // The cases must exercise both outcomes and hyphenation.
  CHECK(solved > kRounds / 4);
  CHECK(solved < kRounds);
  CHECK(hyphenated > kRounds / 20);
}

}  // namespace
}  // namespace arsred::test

// Rules on the prose: every placeholder names a figure the data has, in a format that suits it,
// and every embedded block names a table, chart or goal area that exists; and no text is still
// the "to fill" marker that `arsred new` wrote. Then what the prose types beside its
// placeholders: a figure of the year typed as a number instead of a placeholder
// (text.typed_figure), and a word that says the opposite of a figure's sign (text.sign_words).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "fill_marker.h"
#include "load_visitor.h"
#include "model_walk.h"
#include "prose.h"
#include "sign_words.h"
#include "validate_rules.h"

namespace arsred {

namespace {

// Typed amounts in tkr below this are not taken for figures: one-digit thousands coincide with
// some small note item or deviation of the year too often to mean anything.
constexpr int64_t kSmallestTypedTkr = 10;

// The order in which figures are suggested for a typed number: the statements first, then the
// other tables, so that the likeliest name leads.
int Rank(const std::string& name) {
  static const char* const kOrder[] = {"rr.", "br.", "ek.", "medlemsbidrag", "drift.", "not.", "kfa.", "ansvar.", "budget."};
  for (size_t i = 0; i < std::size(kOrder); ++i) {
    if (name.rfind(kOrder[i], 0) == 0) return static_cast<int>(i);
  }
  return static_cast<int>(std::size(kOrder));
}

// "tabell.resultat" for "tabell.resultat.arbete.andel_alla", "fg.enkat.x" for
// "fg.enkat.x.andel_positivt": the table, survey, distribution or chart a figure belongs to.
std::string SourceOf(const std::string& name) {
  size_t from = name.rfind("fg.", 0) == 0 ? 3 : 0;
  size_t first = name.find('.', from);
  if (first == std::string::npos) return name;
  size_t second = name.find('.', first + 1);
  return name.substr(0, second);
}

int64_t Pow10(int n) {
  int64_t p = 1;
  while (n-- > 0) p *= 10;
  return p;
}

// A fraction's percentage with `decimals` decimals, as digits (half away from zero): 110/189 at
// one decimal gives 582 (58,2 %).
int64_t PercentDigits(int64_t part, int64_t whole, int decimals) {
  return RoundedDivision((part < 0 ? -part : part) * 100 * Pow10(decimals), whole);
}

struct TextChecker {
  ValidationContext& c;
  std::map<std::string, int> embedded;  // embed -> times placed
  std::vector<std::string> figure_names;

  // The table a placeholder name's figure is in: the prior year's for "fg." names.
  const FigureTable* TableOf(const std::string& name) const {
    return name.rfind("fg.", 0) == 0 ? c.prior : &c.figures;
  }
  static std::string BaseName(const std::string& name) { return name.rfind("fg.", 0) == 0 ? name.substr(3) : name; }

  explicit TextChecker(ValidationContext& context) : c(context) {
    for (const auto& [name, figure] : c.figures.all()) figure_names.push_back(name);
    if (c.prior) {
      for (const auto& [name, figure] : c.prior->all()) figure_names.push_back("fg." + name);
    }
  }

  // Why a participant table's count that a placeholder names (tabell.TABLE.ROW.COLUMN, or its
  // andel_COLUMN) does not exist although its row does: the row gives no count for the group, or,
  // for a row that sums others, some of those give none. Empty when that is not why.
  std::string MissingCount(const std::string& name) const {
    const bool prior = name.rfind("fg.", 0) == 0;
    const YearInput* year = prior ? c.prior_input : &c.year;
    std::vector<std::string> parts;
    for (size_t from = prior ? 3 : 0, dot; from <= name.size(); from = dot + 1) {
      dot = std::min(name.find('.', from), name.size());
      parts.push_back(name.substr(from, dot - from));
    }
    if (!year || parts.size() != 4 || parts[0] != "tabell") return "";
    std::string column = parts[3].rfind("andel_", 0) == 0 ? parts[3].substr(6) : parts[3];
    if (column != "kvinnor" && column != "man" && column != "ovriga") return "";
    for (const CountTable& table : year->files.verksamhet.tabeller) {
      if (table.id.value.name != parts[1]) continue;
      auto given = [&](const CountRow& row) {
        return column == "kvinnor" ? row.kvinnor.has_value() : column == "man" ? row.man.has_value() : row.ovriga.has_value();
      };
      for (const CountRow& row : table.rader) {
        if (row.id.value.name != parts[2] || row.kalla) continue;
        const std::string group = column == "man" ? "män" : column == "ovriga" ? "övriga" : "kvinnor";
        if (row.summa_av.empty()) return given(row) ? "" : "row `" + parts[2] + "` gives no count of " + group;
        std::string lacking;
        for (const Located<Id>& summed : row.summa_av) {
          for (const CountRow& other : table.rader) {
            if (other.id.value.name == summed.value.name && !other.kalla && !given(other)) {
              lacking += (lacking.empty() ? "`" : ", `") + summed.value.name + "`";
            }
          }
        }
        if (!lacking.empty()) {
          return "row `" + parts[2] + "` sums rows of which " + lacking + " gives no count of " + group +
                 ", so neither does the sum";
        }
      }
    }
    return "";
  }

  void Placeholder(const Inline& span, const std::string& path) {
    const Figure* f = LookUpFigure(c, span.text);
    // The prior year's load errors are reported already; its figures are simply unknown here.
    if (!f && span.text.rfind("fg.", 0) == 0 && c.prior_has_errors) return;
    if (!f) {
      std::string message = "no figure `" + span.text + "`";
      if (span.text.rfind("fg.", 0) == 0 && !c.prior) message += " (the prior year has no directory)";
      const std::string missing_count = MissingCount(span.text);
      if (!missing_count.empty()) {
        message += ": " + missing_count;
      } else if (std::string suggestion = DidYouMean(span.text, figure_names); !suggestion.empty()) {
        message += "; did you mean `" + suggestion + "`?";
      }
      c.d.Error("text.placeholder", span.where, path, message);
      return;
    }
    using K = Figure::Kind;
    bool tkr = false, kr = false, abs = false, text = false;
    std::vector<std::string> sign_words;
    std::set<std::string> seen;
    for (const std::string& format : span.formats) {
      bool fits = true;
      if (!seen.insert(format).second) {
        c.d.Error("text.format", span.where, path, "format `" + format + "` is given twice");
        continue;
      }
      if (IsSignWordFormat(format)) {
        sign_words.push_back(format);
        continue;
      }
      if (format == "tkr" || format == "kr") {
        fits = f->kind == K::kMoney;
        (format == "tkr" ? tkr : kr) = true;
      } else if (format == "procent") {
        fits = f->kind == K::kPercent;
      } else if (format == "abs") {
        fits = f->kind == K::kMoney || f->kind == K::kCount || f->kind == K::kPercent;
        abs = true;
      } else if (format == "text") {
        fits = f->kind == K::kCount;
        text = true;
      } else {
        std::string message = "unknown format `" + format + "`";
        std::string suggestion = DidYouMean(format, {"tkr", "kr", "abs", "procent", "text", "hogre_lagre", "mer_mindre",
                                                     "overskott_underskott", "okning_minskning"});
        if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
        c.d.Error("text.format", span.where, path, message);
        continue;
      }
      if (!fits) {
        c.d.Error("text.format", span.where, path, "format `" + format + "` does not suit `" + span.text + "`");
      }
    }
    if (tkr && kr) c.d.Error("text.format", span.where, path, "choose tkr or kr, not both");
    if (kr && !f->money.exact()) {
      c.d.Error("text.format", span.where, path,
                "`" + span.text + "` is known only to the thousand; print it in tkr");
    }
    if (!sign_words.empty()) SignWordPlaceholder(span, path, *f, sign_words, abs, text, kr);
  }

  // A placeholder that prints a word chosen by its figure's sign (sign_words.h): one such
  // format, on a figure whose sign it can speak of, with nothing that prints a number, and a
  // figure that does not print as 0.
  void SignWordPlaceholder(const Inline& span, const std::string& path, const Figure& f,
                           const std::vector<std::string>& words, bool abs, bool text, bool kr) {
    const std::string& format = words.front();
    if (words.size() > 1) {
      c.d.Error("text.format", span.where, path, "one word per placeholder: `" + words[0] + "` or `" + words[1] + "`");
      return;
    }
    if (abs || text) {
      c.d.Error("text.format", span.where, path,
                "`" + format + "` prints a word, and `" + std::string(abs ? "abs" : "text") +
                    "` a number: give the number its own placeholder");
      return;
    }
    SignMeaning meaning = MeaningOf(BaseName(span.text), *TableOf(span.text));
    if (!SignWordSuits(format, meaning)) {
      c.d.Error("text.format", span.where, path,
                "`" + format + "` does not suit `" + span.text + "`: it chooses " + SignWordPair(format) +
                    " by the sign of " + SignWordNeeds(format));
      return;
    }
    // The word follows the sign as printed. A figure that prints as 0 has no direction, and one
    // under 1 tkr may print as 0 tkr (the report rounds to the floor or the ceiling), so no
    // word is certain to be true.
    std::string pair = SignWordPair(format);
    std::string neither = "neither \"" + pair.substr(0, pair.find('/')) + "\" nor \"" + pair.substr(pair.find('/') + 1) +
                          "\" is true; write the sentence without a direction (e.g. \"i nivå med budget\")";
    std::string problem;
    switch (f.kind) {
      case Figure::Kind::kMoney:
        if (f.money.kronor == 0) {
          problem = "is 0 kr";
        } else if (!kr && f.money.kronor > -1000 && f.money.kronor < 1000) {
          problem = "is " + FormatMoney(f.money) + ", under 1 tkr: printed in tkr it may show 0";
          if (f.money.exact()) neither += ", or print it in kr";
        }
        break;
      case Figure::Kind::kPercent:
        if (f.Percent() == 0) problem = "prints as 0 %";
        break;
      case Figure::Kind::kCount:
        if (f.count == 0) problem = "is 0";
        break;
      default:
        break;
    }
    if (!problem.empty()) c.d.Error("text.sign_zero", span.where, path, "`" + span.text + "` " + problem + ", where " + neither);
  }

  // Numbers typed with tkr, kr or % whose value is a figure of the year: the text would not
  // follow the data when it changes, and a wrong figure goes unnoticed. See docs/validation.md
  // for what counts as a match.
  void TypedFigures(const Block& block, const Prose& prose, const std::string& path) {
    std::set<std::string> quoted, sources;
    for (const Inline& span : block.inlines) {
      if (span.kind != Inline::Kind::kPlaceholder) continue;
      quoted.insert(span.text);
      sources.insert(SourceOf(span.text));
    }
    for (const TypedNumber& n : TypedNumbers(prose.text)) {
      if (n.digits == 0) continue;
      struct Match {
        std::string name;
        bool prior;
        bool conventional;  // the typed value is the figure's ordinary rounding, not only its floor or ceiling
        bool negative;
      };
      std::vector<Match> matches;
      auto scan = [&](const FigureTable& table, bool prior) {
        for (const auto& [base, f] : table.all()) {
          std::string name = prior ? "fg." + base : base;
          if (n.unit == TypedNumber::Unit::kPercent) {
            if (f.kind != Figure::Kind::kPercent || f.of <= 0 || f.count == 0 || n.decimals > 2) continue;
            // A percentage is a figure only beside its own table, survey, distribution or chart:
            // between 0 and 100, some share of the year equals almost any typed percentage.
            if (!sources.count(SourceOf(name)) || quoted.count(name)) continue;
            if (PercentDigits(f.count, f.of, n.decimals) == n.digits && !n.negative) {
              matches.push_back({name, prior, true, false});
            }
            continue;
          }
          if (f.kind != Figure::Kind::kMoney || f.money.kronor == 0) continue;
          int64_t amount = f.money.kronor < 0 ? -f.money.kronor : f.money.kronor;
          bool negative = f.money.kronor < 0;
          if (n.negative && !negative) continue;
          if (n.unit == TypedNumber::Unit::kKr) {
            if (n.decimals == 0 && f.money.exact() && amount == n.digits) matches.push_back({name, prior, true, negative});
            continue;
          }
          if (n.decimals > 2 || n.digits < kSmallestTypedTkr * Pow10(n.decimals)) continue;
          int64_t unit = 1000 / Pow10(n.decimals);
          int64_t floor = amount / unit, ceiling = (amount + unit - 1) / unit, nearest = (amount + unit / 2) / unit;
          if (n.digits == floor || n.digits == ceiling) matches.push_back({name, prior, n.digits == nearest, negative});
        }
      };
      scan(c.figures, false);
      if (c.prior) scan(*c.prior, true);
      if (matches.empty()) continue;
      // The figures the paragraph already quotes, then their tables' figures, come before the
      // rest: "ett budgeterat {drift.resultat.budget|overskott_underskott} på 240 tkr" means
      // the budget, not the receivables that also print as 240.
      auto nearness = [&](const Match& m) { return quoted.count(m.name) ? 2 : sources.count(SourceOf(m.name)) ? 1 : 0; };
      std::stable_sort(matches.begin(), matches.end(), [&](const Match& a, const Match& b) {
        if (a.prior != b.prior) return !a.prior;
        if (a.conventional != b.conventional) return a.conventional;
        if (nearness(a) != nearness(b)) return nearness(a) > nearness(b);
        return Rank(a.name) < Rank(b.name);
      });
      auto placeholder = [&](const Match& m) {
        std::string format = n.unit == TypedNumber::Unit::kPercent ? "procent"
                             : n.unit == TypedNumber::Unit::kKr    ? "kr"
                                                                   : "tkr";
        if (m.negative && !n.negative) format += ",abs";
        return "`{" + m.name + "|" + format + "}`";
      };
      std::string written = prose.text.substr(n.at, n.end - n.at);
      std::string message = "`" + written + "` is " +
                            (matches[0].prior ? "the prior year's figure" : "a figure of the year") +
                            ": write " + placeholder(matches[0]);
      size_t shown = std::min<size_t>(matches.size(), 4);
      if (shown > 1) {
        message += " (or ";
        for (size_t i = 1; i < shown; ++i) {
          message += (i > 1 ? (i + 1 == shown ? " or " : ", ") : "") + placeholder(matches[i]);
          if (matches[i].prior && !matches[0].prior) message += ", the prior year's";
        }
        size_t more = matches.size() - shown;
        if (more == 1) message += "; 1 more figure has this value";
        if (more > 1) message += "; " + std::to_string(more) + " more figures have this value";
        message += ")";
      }
      message += ", so that the text follows the data";
      c.d.Warning("text.typed_figure", prose.At(n.at), path, message);
    }
  }

  // Typed words beside a signed placeholder that say the opposite of its sign: a comparative
  // right after a deviation ("{drift.insatser.avvikelse|tkr,abs} tkr högre än budgeterat"), a
  // result's or a change's noun right before it ("ett underskott med {rr.arets_resultat|tkr,abs}").
  // The exact figure decides, so that rounding cannot hide a contradiction.
  void SignWords(const Prose& prose, const std::string& path) {
    for (const Prose::Piece& piece : prose.pieces) {
      const Inline& span = *piece.span;
      if (span.kind != Inline::Kind::kPlaceholder || FindSignWordFormat(span.formats)) continue;
      const Figure* f = LookUpFigure(c, span.text);
      if (!f) continue;
      SignMeaning meaning = MeaningOf(BaseName(span.text), *TableOf(span.text));
      if (meaning == SignMeaning::kNone) continue;
      int64_t value = f->kind == Figure::Kind::kMoney ? f->money.kronor : f->count;

      ProseWord typed;
      int said = 0;
      std::string format;
      if (meaning == SignMeaning::kDeviation || meaning == SignMeaning::kCostDeviation) {
        // "{…} tkr högre än": the unit, then a comparative and "än".
        std::vector<ProseWord> after = WordsAfter(prose.text, piece.start + 1, 3);
        size_t k = 0;
        if (k < after.size() && (after[k].word == "tkr" || after[k].word == "kr" || after[k].word == "%" ||
                                 after[k].word == "procent")) {
          ++k;
        }
        if (k + 1 < after.size() && after[k + 1].word == "än") {
          said = ComparativeDirection(after[k].word);
          typed = after[k];
          format = typed.word == "högre" || typed.word == "lägre" ? "hogre_lagre" : "mer_mindre";
        }
      } else {
        // "ett underskott med {…}", "en minskning med {…}", "ökat med {…}".
        std::vector<ProseWord> before = WordsBefore(prose.text, piece.start, 2);
        size_t k = 0;
        if (k < before.size() && (before[k].word == "med" || before[k].word == "på" || before[k].word == "om")) ++k;
        if (k < before.size()) {
          typed = before[k];
          if (meaning == SignMeaning::kResult) {
            said = ResultWordDirection(typed.word);
            format = "overskott_underskott";
          }
          if (said == 0) {
            said = ChangeWordDirection(typed.word);
            format = "okning_minskning";
          }
        }
      }
      if (said == 0) continue;
      int actual = ReaderDirection(meaning, value);
      if (actual == said) continue;
      std::string what = FormatMoney(f->money);
      if (f->kind != Figure::Kind::kMoney) what = std::to_string(value);
      std::string message = "`" + typed.word + "` contradicts `" + span.text + "`, which is " + what;
      if (actual == 0) {
        message += ": no direction at all";
      } else {
        message += ": " + Direction(meaning, actual);
      }
      message += "; write `{" + span.text + "|" + format + "}` to have the word follow the figure";
      c.d.Warning("text.sign_words", prose.At(typed.at), path, message);
    }
  }

  static std::string Direction(SignMeaning meaning, int direction) {
    bool more = direction > 0;
    switch (meaning) {
      case SignMeaning::kDeviation: return more ? "more than budgeted" : "less than budgeted";
      case SignMeaning::kCostDeviation: return more ? "a cost higher than budgeted" : "a cost lower than budgeted";
      case SignMeaning::kResult: return more ? "a surplus" : "a deficit";
      case SignMeaning::kIncrease:
      case SignMeaning::kDecrease: return more ? "an increase" : "a decrease";
      case SignMeaning::kNone: break;
    }
    return "";
  }

  // A negative amount in running text reads wrong more often than not: a cost budget the
  // driftredovisning keeps negative prints "(−6 925 tkr)". The text says the direction in words.
  void NegativeInRunningText(const Inline& span, const std::string& path) {
    const Figure* f = LookUpFigure(c, span.text);
    if (!f || f->kind != Figure::Kind::kMoney || f->money.kronor >= 0) return;
    for (const std::string& format : span.formats) {
      if (format == "abs" || IsSignWordFormat(format)) return;
    }
    c.d.Warning("text.negative", span.where, path,
                "`{" + span.text + "}` prints a negative amount in running text: write `abs` and say the direction "
                "in words, or with a word from its sign (docs/markup.md)");
  }

  bool EmbedExists(const std::string& kind, const std::string& id, std::vector<std::string>& ids) {
    const ActivityFile& a = c.year.files.verksamhet;
    auto scan = [&](const auto& items) {
      bool found = false;
      for (const auto& item : items) {
        ids.push_back(item.id.value.name);
        found = found || item.id.value.name == id;
      }
      return found;
    };
    if (kind == "tabell") return scan(a.tabeller);
    if (kind == "tidsserie") return scan(a.tidsserier);
    if (kind == "enkat") return scan(a.enkater);
    if (kind == "fordelning") return scan(a.fordelningar);
    if (kind == "diagram") return scan(a.diagram);
    if (kind == "mal") return scan(a.malomraden);
    if (kind == "belopp") return scan(c.year.files.rakenskaper.beloppstabeller);
    return false;
  }

  void Embed(const Block& block, const std::string& path, bool in_goal) {
    const std::string& embed = block.embed;
    // The tables of the year as a whole, and what each is made of where the year may lack it
    // (the investeringsredovisning is made from the cash flow, which every report year has).
    static const std::vector<std::string> kWholeYear = {"flerarsoversikt", "driftredovisning", "investeringsredovisning",
                                                        "styrelse"};
    if (std::find(kWholeYear.begin(), kWholeYear.end(), embed) != kWholeYear.end()) {
      std::string needs;
      if (embed == "flerarsoversikt" && !c.year.files.rakenskaper.flerarsoversikt) needs = "rakenskaper.yaml: flerarsoversikt";
      if (embed == "driftredovisning" && !c.year.files.budget.driftredovisning) needs = "budget.yaml: driftredovisning";
      if (embed == "styrelse" && c.year.files.forbund.styrelse.empty()) needs = "forbund.yaml: styrelse";
      if (!needs.empty()) c.d.Error("text.embed", block.where, path, "[[" + embed + "]] needs " + needs);
    } else {
      size_t colon = embed.find(':');
      std::string kind = embed.substr(0, colon);
      std::string id = colon == std::string::npos ? "" : embed.substr(colon + 1);
      static const std::vector<std::string> kKinds = {"tabell", "tidsserie", "enkat", "fordelning", "diagram", "mal",
                                                      "belopp"};
      if (std::find(kKinds.begin(), kKinds.end(), kind) == kKinds.end() || id.empty()) {
        std::string message = "[[" + embed + "]] is not an embed";
        std::vector<std::string> all = kKinds;
        all.insert(all.end(), kWholeYear.begin(), kWholeYear.end());
        std::string suggestion = DidYouMean(kind, all);
        if (!suggestion.empty()) message += "; did you mean " + suggestion + "?";
        c.d.Error("text.embed", block.where, path, message);
        return;
      }
      std::vector<std::string> ids;
      if (!EmbedExists(kind, id, ids)) {
        std::string message = "no " + kind + " `" + id + "` in " +
                              (kind == "belopp" ? "rakenskaper.yaml: beloppstabeller" : "verksamhet.yaml");
        std::string suggestion = DidYouMean(id, ids);
        if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
        c.d.Error("text.embed", block.where, path, message);
        return;
      }
      if (in_goal && kind == "mal") {
        c.d.Error("text.embed", block.where, path, "a goals table cannot be placed inside a goal");
        return;
      }
    }
    if (++embedded[embed] == 2) {
      c.d.Warning("text.embed_twice", block.where, path, "[[" + embed + "]] is placed a second time");
    }
  }

  // Where the text stands decides its headings: a goal's text has none, and an appendix's start at
  // level 2 under the heading the report gives it.
  enum class Place { kPart, kGoal, kAppendix };

  void Document(const Located<Text>& text, Place place) {
    const bool in_goal = place == Place::kGoal;
    for (const Block& block : text.value.doc.blocks) {
      if (block.kind == Block::Kind::kEmbed) {
        Embed(block, text.path, in_goal);
        continue;
      }
      if (in_goal && block.kind == Block::Kind::kHeading) {
        c.d.Error("text.heading", block.where, text.path, "a goal's text has no headings");
      }
      if (place == Place::kAppendix && block.kind == Block::Kind::kHeading && block.level == 1) {
        c.d.Error("text.heading", block.where, text.path,
                  "an appendix's headings start at ##: its own heading is \"Bilaga N\" and its `rubrik`");
      }
      for (const Inline& span : block.inlines) {
        if (span.kind != Inline::Kind::kPlaceholder) continue;
        Placeholder(span, text.path);
        NegativeInRunningText(span, text.path);
      }
      Prose prose(block);
      TypedFigures(block, prose, text.path);
      SignWords(prose, text.path);
    }
  }
};

bool IsOnlyFillMarker(const std::string& raw) {
  size_t first = raw.find_first_not_of(" \t\r\n");
  size_t last = raw.find_last_not_of(" \t\r\n");
  return first != std::string::npos && raw.compare(first, last - first + 1, kFillMarker) == 0;
}

}  // namespace

void CheckTextsToWrite(const YearInput& year, Diagnostics& d) {
  auto report = [&](const Located<Text>& text) {
    if (IsOnlyFillMarker(text.value.raw)) {
      d.Error("fill.text", text.where, text.path, "text to write for " + std::to_string(year.year));
    }
  };
  ValueWalker<Text, decltype(report)> walker{report};
  WalkYearFiles(walker, year.files, /*with_corrections=*/true);
}

namespace {

// text.yaml's `avstavning`: words of letters, hyphens only between them, each word once.
void CheckHyphenationExceptions(ValidationContext& c) {
  std::set<std::string> seen;
  for (const Located<std::string>& entry : c.year.files.text.avstavning) {
    const std::string& word = entry.value;
    bool letters = !word.empty() && word.front() != '-' && word.back() != '-' && word.find("--") == std::string::npos;
    for (size_t i = 0; letters && i < word.size(); ++i) {
      const unsigned char ch = static_cast<unsigned char>(word[i]);
      letters = ch == '-' || ch >= 0x80 || std::isalpha(ch);
    }
    if (!letters) {
      c.d.Error("text.hyphenation", entry.where, entry.path,
                "`" + word + "` is not a word with hyphens where it may break, e.g. kun-skaps-ut-by-te");
      continue;
    }
    std::string key = LowerLatin1(word);
    std::erase(key, '-');
    if (!seen.insert(key).second) {
      c.d.Warning("text.hyphenation", entry.where, entry.path, "`" + word + "` is listed twice; the last one counts");
    }
  }
}

}  // namespace

void CheckTexts(ValidationContext& c) {
  TextChecker checker(c);
  // Every one-line text may quote figures: a caption, a column head, a row's label, a cover
  // line ("Uppföljning av verksamhetsmål {ar}", kolumner: ["{ar}", "{foregaende_ar}"]). Calculate
  // fills them in (FillCaption); here each is checked as prose's placeholders are.
  auto one_line = [&](const Located<std::string>& line) {
    if (line.value.find_first_of("{}") == std::string::npos) return;
    for (const Inline& span : ParseCaption(line.value, line.where, line.path, c.d)) {
      if (span.kind == Inline::Kind::kPlaceholder) checker.Placeholder(span, line.path);
    }
  };
  ValueWalker<std::string, decltype(one_line)> lines{one_line};
  WalkYearFiles(lines, c.year.files, /*with_corrections=*/false);
  const TextFile& text = c.year.files.text;
  using Place = TextChecker::Place;
  if (text.forvaltningsberattelse) {
    checker.Document(*text.forvaltningsberattelse, Place::kPart);
    // The report gives the principles and the notes their headings; the förvaltningsberättelse
    // is the förbund's own text and brings its own (which may be "Verksamhetsberättelse och
    // förvaltningsberättelse"). Without one, its sections stand in the contents under no part.
    const std::vector<Block>& blocks = text.forvaltningsberattelse->value.doc.blocks;
    const bool to_write = IsOnlyFillMarker(text.forvaltningsberattelse->value.raw);  // fill.text says it
    if (!to_write && !blocks.empty() && !(blocks.front().kind == Block::Kind::kHeading && blocks.front().level == 1)) {
      c.d.Warning("text.heading", blocks.front().where, text.forvaltningsberattelse->path,
                  "the förvaltningsberättelse starts without its heading: write `# Förvaltningsberättelse` (or "
                  "the title the förbund gives it) as its first line, else the report's first part has no title "
                  "in the contents");
    }
  }
  if (text.redovisningsprinciper) checker.Document(*text.redovisningsprinciper, Place::kPart);
  for (const Appendix& appendix : text.bilagor) checker.Document(appendix.text, Place::kAppendix);
  for (const GoalArea& area : c.year.files.verksamhet.malomraden) {
    for (const Goal& goal : area.mal) {
      checker.Document(goal.mal, Place::kGoal);
      checker.Document(goal.redovisning, Place::kGoal);
    }
  }
  CheckHyphenationExceptions(c);
}

}  // namespace arsred

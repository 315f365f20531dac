// What a report says, whatever it is made into: the order of its parts, the texts the tool
// writes itself, what a placeholder or an embed in the prose stands for. The typeset PDF (the
// Composer) and the HTML edition (pipeline/html) both read them here, so that the two editions
// say the same things in the same order.
#pragma once

#include <string>
#include <vector>

#include "calculate.h"
#include "layout.h"
#include "layout_model.h"
#include "markup.h"
#include "model.h"

namespace arsred {

// ----- the parts, in the layout's order (`ordning`) -------------------------------------------

enum class PartKind {
  kCover,             // omslag
  kContents,          // innehall
  kManagementReport,  // forvaltningsberattelse: the year's text
  kStatement,         // resultatrakning, balansrakning, kassaflodesanalys
  kPrinciples,        // redovisningsprinciper, with the rounding policy
  kNotes,             // noter
  kSignatures,        // underskrifter
  kAppendices,        // bilagor: each appendix a part of its own
};

struct ReportPart {
  PartKind kind;
  std::string statement;         // kStatement: the table's id ("resultatrakning")
  bool first_statement = false;  // kStatement: the first of them, under "Finansiella rapporter"
};

// The parts the layout names, in its order, that the year has something for: no
// förvaltningsberättelse part without its text, no statement without its table.
std::vector<ReportPart> ReportParts(const LayoutFile& layout, const ReportProse& prose, const ReportFigures& figures);

// Whether the layout's `ordning` names the part `name` ("innehall", "omslag", "bilagor").
bool LayoutHasPart(const LayoutFile& layout, const std::string& name);

// ----- the outline of headings ---------------------------------------------------------------------

// The level of each heading in a document's outline (the tagged PDF's H1…H6, the web page's
// h2…h6), from the levels it is set at, in reading order: one level below the nearest heading
// before it that is set larger, so that no level is skipped and headings set alike stay siblings.
// A note's heading, set as a level 3 under "Noter" (level 1), is at outline level 2, and so is
// the next note's.
class HeadingOutline {
 public:
  int Next(int set_level);

 private:
  struct Entry {
    int set_level;
    int outline_level;
  };
  std::vector<Entry> open_;  // the headings the next one may stand under, outermost first
};

// ----- the texts the tool writes -----------------------------------------------------------------

inline constexpr const char* kContentsHeading = "Innehåll";
// The anchor of the contents' heading in the outline; its place is known once the pages are.
inline constexpr const char* kContentsAnchor = "innehall";
// The anchor of the cover, where the report's title is.
inline constexpr const char* kCoverAnchor = "omslag";
inline constexpr const char* kStatementsHeading = "Finansiella rapporter";
inline constexpr const char* kPrinciplesHeading = "Redovisningsprinciper";
inline constexpr const char* kRoundingHeading = "Avrundning";
inline constexpr const char* kNotesHeading = "Noter";
inline constexpr const char* kSignaturesHeading = "Underskrifter";
inline constexpr const char* kDraftAppendixHeading = "Granskningsanteckningar (utkast)";
// The head of a goals table's first column, and of its second where the area names none.
inline constexpr const char* kGoalHead = "Mål";
inline constexpr const char* kDefaultFollowUpHead = "Måluppfyllelse";

// The rounding policy, stated by the tool under the accounting principles (docs/rounding.md).
std::string RoundingPolicyText(const ReportFigures& figures);

// "Årsredovisningen har upprättats av styrelsen för …".
std::string SignatureIntroText(const ReportFigures& figures);
// "Östersund 2024-03-15", with a line to fill in by hand for what the inputs leave out.
std::string SigningPlaceAndDateText(const SignaturePage& signatures);
// "Vår revisionsberättelse har lämnats …" (only where `auditors_note`).
std::string AuditorsNoteText(const SignaturePage& signatures);

// "Bilaga 1 Ekonomiskt underlag" (`index` from 0).
std::string AppendixHeading(const ReportFigures& figures, size_t index, const Appendix& appendix);

// A goal area's caption and the head of its follow-up column, placeholders filled in: the
// caption empty when the area gives none.
std::string GoalAreaCaption(const ReportFigures& figures, const GoalArea& area);
std::string GoalFollowUpHead(const ReportFigures& figures, const GoalArea& area);

// The draft appendix's first paragraph, before its findings (`any`: there are findings).
std::string DraftFindingsIntro(bool any);

// A goal's status as printed: "Uppfyllt", "Delvis uppfyllt", … ([?] while it is to fill in).
std::string GoalStatusText(const Located<GoalStatus>& status);

// ----- the prose ---------------------------------------------------------------------------------

// What a placeholder prints. One that names no figure is an error that validation has reported,
// and a draft is still printed: it shows "[name?]" where the figure would stand.
std::string PlaceholderText(const ReportFigures& figures, const Inline& span);

// What a link prints: its address, an e-mail address without "mailto:".
std::string LinkText(const Inline& link);

// A heading's text: its words with the prose's typography, its placeholders' figures.
std::string HeadingText(const ReportFigures& figures, const std::vector<Inline>& inlines);

// Whether the heading `blocks[i]` stands right above the driftredovisning or the
// investeringsredovisning, parts every årsredovisning must have (LKBR 10 kap.). The contents list such a heading whatever its level,
// so that a reader finds the part wherever the text places it; other headings are listed down
// to the second level.
bool HeadsRequiredPart(const std::vector<Block>& blocks, size_t i);

// Whether a table's title says what the heading above it says: the same words, whatever the
// case, or one letter apart ("Driftsredovisning" over a table titled "Driftredovisning"). Such
// a table is not captioned again under its heading.
bool SaysTheSame(const std::string& title, const std::string& heading);

// What an embed of the prose (`[[kind:id]]`, docs/markup.md) stands for.
struct EmbedTarget {
  // kNone: nothing is printed (a chart, goal area or table of the whole year that the year does
  // not have); kMissing: a table named by id that does not exist, which validation has reported
  // (text.embed) and a draft marks where it would stand.
  enum class Kind { kTable, kChart, kGoals, kNone, kMissing };
  Kind kind = Kind::kNone;
  const ReportTable* table = nullptr;
  const ReportChart* chart = nullptr;
  const GoalArea* goals = nullptr;
  bool wide = false;  // a table that spans a two-column page: many number columns, or one of the text's own
};
EmbedTarget ResolveEmbed(const ReportFigures& figures, const std::vector<GoalArea>& goal_areas,
                         const std::string& embed);

// Whether a table's column holds numbers (the note column's included): its cells and its head
// are set right-aligned.
bool IsNumberColumn(const ReportTable& table, size_t column);

// The notes' tables in number order (Not 1, Not 2, …).
std::vector<const ReportTable*> NoteTables(const ReportFigures& figures);

// ----- charts ------------------------------------------------------------------------------------

// Said where a chart would stand while a value of it is still to fill in (a draft only).
std::string ChartToFillText();

// "Cirkeldiagram" or "Stapeldiagram".
const char* ChartKind(const ReportChart& chart);
// What a chart shows, said in words from its figures, for a reader who cannot see it:
// "Cirkeldiagram: Kostnader 2023: Insatser 69 %, Personal 25 %, Övrigt 6 %". Plain spaces for
// the no-break spaces of "69 %": a reader speaks them alike.
std::string ChartDescription(const ReportChart& chart);
// The figure a chart's part shows as printed: a bar's value, a slice's percentage.
std::string ChartPartValue(const ReportChart& chart, const ChartPart& part);

// Each slice's share of a pie's full circle, in the order of its parts: its percentage of the
// parts' total, so that the slices close the circle exactly. A chart's percentages are rounded
// (and typed so by users) and need not sum to 100: drawn as they stand, 101 % made the last
// slice overlap the first and 99 % left a wedge of paper. The legend still prints them as given.
// A negative part gets no slice; all zero, no slices.
std::vector<double> PieShares(const ReportChart& chart);

// Hatching of a pie's slices (a layout's diagrammonster): the directions of the lines over the
// colour at `index`, in degrees from the horizontal, counter-clockwise; none for the first.
const std::vector<double>& HatchAngles(size_t index);
// Whether hatch lines over `fill` are drawn white (on a dark colour) rather than black.
bool HatchInWhite(Color fill);

}  // namespace arsred

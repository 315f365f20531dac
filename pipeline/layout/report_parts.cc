// What a report says, whatever it is made into (report_parts.h).
#include "report_parts.h"

#include <algorithm>

#include "enums.h"
#include "fill_marker.h"
#include "paragraph.h"

namespace arsred {

std::vector<ReportPart> ReportParts(const LayoutFile& layout, const ReportProse& prose, const ReportFigures& figures) {
  std::vector<ReportPart> parts;
  bool statements = false;
  for (const auto& entry : layout.ordning) {
    const std::string& name = entry.value.name;
    if (name == "omslag") parts.push_back({PartKind::kCover, "", false});
    if (name == "innehall") parts.push_back({PartKind::kContents, "", false});
    if (name == "forvaltningsberattelse" && prose.text.forvaltningsberattelse) {
      parts.push_back({PartKind::kManagementReport, "", false});
    }
    if ((name == "resultatrakning" || name == "balansrakning" || name == "kassaflodesanalys") &&
        figures.tables.count(name) > 0) {
      parts.push_back({PartKind::kStatement, name, !statements});
      statements = true;
    }
    if (name == "redovisningsprinciper") parts.push_back({PartKind::kPrinciples, "", false});
    if (name == "noter") parts.push_back({PartKind::kNotes, "", false});
    if (name == "underskrifter") parts.push_back({PartKind::kSignatures, "", false});
    if (name == "bilagor") parts.push_back({PartKind::kAppendices, "", false});
  }
  return parts;
}

bool LayoutHasPart(const LayoutFile& layout, const std::string& name) {
  return std::any_of(layout.ordning.begin(), layout.ordning.end(),
                     [&](const Located<Id>& part) { return part.value.name == name; });
}

std::string RoundingPolicyText(const ReportFigures& figures) {
  const std::string tkr_policy =
      "Belopp i tkr är avrundade till hela tusental kronor, alla tillsammans, så att varje summa, varje "
      "avvikelse och varje belopp som förs vidare från ett år till nästa stämmer med de redovisade raderna. "
      "Varje belopp avrundas till ett av de två närmaste tusentalen, och ett belopp som redan är jämna "
      "tusental ändras inte. Beloppen avrundas till närmaste tusental utom där summorna annars inte skulle "
      "stämma; där avrundas så få belopp som möjligt åt andra hållet. Samma belopp redovisas med samma värde "
      "i alla tabeller och i texten.";
  if (figures.money_unit != Unit::kKr) {
    return tkr_policy + " I tabellerna står – för att det inte finns något att redovisa och 0 för ett belopp som "
                        "understiger ett halvt tusental kronor.";
  }
  // A report in kr may still print some amounts in tkr: a note in tkr (as an actuary gives a
  // pension provision), the flerårsöversikt of years known only in tkr, the charts' labels, and
  // figures its text quotes in tkr.
  const bool some_in_tkr =
      figures.text_in_tkr || !figures.charts.empty() ||
      std::any_of(figures.tables.begin(), figures.tables.end(), [](const auto& table) {
        return table.second.unit == kAmountsInTkr;
      });
  if (!some_in_tkr) {
    return "Alla belopp redovisas i hela kronor. I tabellerna står – för att det inte finns något att redovisa.";
  }
  return "Resultaträkningen, balansräkningen, kassaflödesanalysen och driftredovisningen redovisas i hela kronor. " +
         tkr_policy +
         " I tabellerna står – för att det inte finns något att redovisa och, i tabeller i tkr, 0 för ett belopp "
         "som understiger ett halvt tusental kronor.";
}

std::string SignatureIntroText(const ReportFigures& figures) {
  return "Årsredovisningen har upprättats av styrelsen för " + figures.organisation + ".";
}

std::string SigningPlaceAndDateText(const SignaturePage& signatures) {
  return (signatures.place.empty() ? std::string("Ort") : signatures.place) + " " +
         (signatures.date.empty() ? std::string("____________________") : signatures.date);
}

std::string AuditorsNoteText(const SignaturePage& signatures) {
  // A no-break space keeps the date, or the line left for it, with the words it completes.
  return "Vår revisionsberättelse har lämnats\u00A0" +
         (signatures.auditors_date.empty() ? std::string("____________________") : signatures.auditors_date) + ".";
}

std::string GoalAreaCaption(const ReportFigures& figures, const GoalArea& area) {
  return area.rubrik ? FillCaption(figures, area.rubrik->value) : std::string();
}

std::string GoalFollowUpHead(const ReportFigures& figures, const GoalArea& area) {
  return area.rubrik_uppfoljning ? FillCaption(figures, area.rubrik_uppfoljning->value) : kDefaultFollowUpHead;
}

std::string AppendixHeading(const ReportFigures& figures, size_t index, const Appendix& appendix) {
  return "Bilaga " + std::to_string(index + 1) + " " + ProseTypography(FillCaption(figures, appendix.rubrik.value));
}

std::string DraftFindingsIntro(bool any) {
  return any ? "Granskningen av underlaget gav följande anmärkningar, med plats i underlaget:"
             : "Granskningen av underlaget gav inga anmärkningar.";
}

std::string GoalStatusText(const Located<GoalStatus>& status) {
  if (status.to_fill) return kToFillMark;
  for (const auto& v : EnumSpelling<GoalStatus>::kValues) {
    if (v.value == status.value) return std::string(v.meaning);
  }
  return "";
}

std::string PlaceholderText(const ReportFigures& figures, const Inline& span) {
  return FormatPlaceholder(figures, span.text, span.formats).value_or("[" + span.text + "?]");
}

std::string LinkText(const Inline& link) {
  return link.text.rfind("mailto:", 0) == 0 ? link.text.substr(7) : link.text;
}

std::string HeadingText(const ReportFigures& figures, const std::vector<Inline>& inlines) {
  std::string title;
  for (const Inline& span : inlines) {
    title += span.kind == Inline::Kind::kPlaceholder ? PlaceholderText(figures, span) : ProseTypography(span.text);
  }
  return title;
}

bool HeadsRequiredPart(const std::vector<Block>& blocks, size_t i) {
  return blocks[i].kind == Block::Kind::kHeading && i + 1 < blocks.size() && blocks[i + 1].kind == Block::Kind::kEmbed &&
         (blocks[i + 1].embed == "driftredovisning" || blocks[i + 1].embed == "investeringsredovisning");
}

bool SaysTheSame(const std::string& title, const std::string& heading) {
  if (title.empty() || heading.empty()) return false;
  const std::string a = LowerLatin1(title), b = LowerLatin1(heading);
  if (a == b) return true;
  const std::string& longer = a.size() >= b.size() ? a : b;
  const std::string& shorter = a.size() >= b.size() ? b : a;
  if (longer.size() - shorter.size() > 1) return false;
  size_t i = 0;
  while (i < shorter.size() && shorter[i] == longer[i]) ++i;
  // One letter more, or one letter other, and the rest alike.
  if (longer.size() > shorter.size()) return longer.compare(i + 1, std::string::npos, shorter, i) == 0;
  return longer.compare(i + 1, std::string::npos, shorter, i + 1) == 0;
}

EmbedTarget ResolveEmbed(const ReportFigures& figures, const std::vector<GoalArea>& goal_areas,
                         const std::string& embed) {
  const size_t colon = embed.find(':');
  const std::string kind = embed.substr(0, colon);
  const std::string id = colon == std::string::npos ? "" : embed.substr(colon + 1);
  EmbedTarget target;
  if (kind == "diagram") {
    auto it = figures.charts.find("diagram." + id);
    if (it != figures.charts.end()) {
      target.kind = EmbedTarget::Kind::kChart;
      target.chart = &it->second;
    }
    return target;
  }
  if (kind == "mal") {
    for (const GoalArea& area : goal_areas) {
      if (area.id.value.name == id) {
        target.kind = EmbedTarget::Kind::kGoals;
        target.goals = &area;
        break;
      }
    }
    return target;
  }
  // The tables of the year as a whole have no id; the others are "<kind>.<id>".
  const bool whole_year = kind == "flerarsoversikt" || kind == "driftredovisning" || kind == "investeringsredovisning" ||
                          kind == "styrelse";
  auto it = figures.tables.find(whole_year ? kind : kind + "." + id);
  if (it == figures.tables.end()) {
    if (!whole_year) target.kind = EmbedTarget::Kind::kMissing;
    return target;
  }
  target.kind = EmbedTarget::Kind::kTable;
  target.table = &it->second;
  target.wide = whole_year ? kind == "flerarsoversikt" || kind == "driftredovisning" : it->second.numeric_columns.size() > 4;
  return target;
}

bool IsNumberColumn(const ReportTable& table, size_t column) {
  if (table.has_note_column && column == 1) return true;  // note numbers
  if (column < table.numeric_columns.size()) return table.numeric_columns[column];
  return column > 0;
}

std::vector<const ReportTable*> NoteTables(const ReportFigures& figures) {
  std::vector<const ReportTable*> notes;
  for (const std::string& id : figures.note_order) {
    auto it = figures.tables.find("not." + id);
    if (it != figures.tables.end()) notes.push_back(&it->second);
  }
  return notes;
}

std::string ChartToFillText() { return std::string(kToFillMark) + " Diagrammet ritas när dess värden är ifyllda."; }

const char* ChartKind(const ReportChart& chart) { return chart.bars ? "Stapeldiagram" : "Cirkeldiagram"; }

const std::vector<double>& HatchAngles(size_t index) {
  static const std::vector<std::vector<double>> kAngles = {{},        {45},    {0},     {135},   {90},
                                                           {45, 135}, {0, 90}, {45, 0}, {135, 90}};
  return kAngles[index % kAngles.size()];
}

bool HatchInWhite(Color fill) { return fill.r * 299 + fill.g * 587 + fill.b * 114 < 128 * 1000; }

std::string ChartPartValue(const ReportChart& chart, const ChartPart& part) {
  return chart.bars ? part.value : FormatPercent(part.percent);
}

std::vector<double> PieShares(const ReportChart& chart) {
  int64_t total = 0;
  for (const ChartPart& part : chart.parts) total += std::max<int64_t>(part.percent, 0);
  std::vector<double> shares;
  for (const ChartPart& part : chart.parts) {
    shares.push_back(total > 0 ? static_cast<double>(std::max<int64_t>(part.percent, 0)) / static_cast<double>(total) : 0);
  }
  return shares;
}

std::string ChartDescription(const ReportChart& chart) {
  std::string text = std::string(ChartKind(chart)) + (chart.title.empty() ? "" : ": " + chart.title) + ":";
  for (size_t i = 0; i < chart.parts.size(); ++i) {
    const ChartPart& part = chart.parts[i];
    text += (i == 0 ? " " : ", ") + part.label + " " + ChartPartValue(chart, part);
  }
  for (size_t at = text.find("\u00A0"); at != std::string::npos; at = text.find("\u00A0", at + 1)) {
    text.replace(at, 2, " ");
  }
  return text;
}

int HeadingOutline::Next(int set_level) {
  while (!open_.empty() && open_.back().set_level >= set_level) open_.pop_back();
  const int outline_level = open_.empty() ? 1 : open_.back().outline_level + 1;
  open_.push_back({set_level, outline_level});
  return outline_level;
}

}  // namespace arsred

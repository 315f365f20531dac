// Rules on verksamhet.yaml: participant counts add up by gender and by sub-rows, printed
// percentages agree with the counts, series take each year from its own directory, survey
// answers sum to the respondents, distributions to about 100 %, charts show real figures.
#include <map>
#include <set>

#include "load_visitor.h"
#include "validate_rules.h"

namespace arsred {

namespace {

// More persons than Sweden has is a slip of the keyboard (or a pasted account number), and
// would not fit the table's column.
constexpr int64_t kMostPersons = 9'999'999;

void CheckCountOfPersons(ValidationContext& c, const Located<int64_t>& count, const char* code) {
  if (count.value > kMostPersons) {
    c.d.Error(code, count.where, count.path,
              std::to_string(count.value) + " persons: a count of persons is at most 9 999 999");
  }
}

// Printed percentages are rounded one by one; k of them can drift from 100 by up to k/2.
bool SumsToHundred(int64_t sum, size_t parts) { return std::llabs(sum - 100) <= static_cast<int64_t>(parts / 2); }

template <class T>
void CheckUniqueIds(ValidationContext& c, const std::vector<T>& items, const char* what) {
  std::set<std::string> seen;
  for (const T& item : items) {
    if (!seen.insert(item.id.value.name).second) {
      c.d.Error("id.duplicate", item.id.where, item.id.path,
                std::string(what) + " id `" + item.id.value.name + "` is used twice");
    }
  }
}

// A row that takes its counts from a row of another table (kalla TABLE.ROW): that row must
// exist and have counts of its own, and this row must not repeat them.
void CheckCountRowSource(ValidationContext& c, const CountRow& row) {
  const Located<std::string>& kalla = *row.kalla;
  for (const auto* count : {&row.alla, &row.kvinnor, &row.man, &row.ovriga}) {
    if (*count) {
      c.d.Error("table.source", (*count)->where, (*count)->path,
                "the row takes its counts from `" + kalla.value + "` (kalla); do not write them again here");
      break;
    }
  }
  const size_t dot = kalla.value.find('.');
  if (dot == std::string::npos || kalla.value.find('.', dot + 1) != std::string::npos) {
    c.d.Error("table.source", kalla.where, kalla.path, "kalla is TABLE.ROW, e.g. deltagarfloden.avslutade");
    return;
  }
  const std::string table_id = kalla.value.substr(0, dot), row_id = kalla.value.substr(dot + 1);
  for (const CountTable& table : c.year.files.verksamhet.tabeller) {
    if (table.id.value.name != table_id) continue;
    for (const CountRow& source : table.rader) {
      if (source.id.value.name != row_id) continue;
      if (source.kalla) {
        c.d.Error("table.source", kalla.where, kalla.path,
                  "`" + kalla.value + "` takes its counts from another row itself; name the row that has them");
      }
      return;
    }
    c.d.Error("table.source", kalla.where, kalla.path, "table " + table_id + " has no row `" + row_id + "`");
    return;
  }
  c.d.Error("table.source", kalla.where, kalla.path, "verksamhet.yaml has no table `" + table_id + "`");
}

void CheckCountTable(ValidationContext& c, const CountTable& table) {
  CheckUniqueIds(c, table.rader, "row");
  const std::string base = "tabell." + table.id.value.name;
  std::map<std::string, const CountRow*> rows;
  for (const CountRow& row : table.rader) rows[row.id.value.name] = &row;
  for (const auto& column : table.kolumner) {
    const std::string& name = column.value.name;
    if (name != "alla" && name != "kvinnor" && name != "man" && name != "ovriga") {
      c.d.Error("table.column", column.where, column.path, "a column is one of alla, kvinnor, man, ovriga");
    }
  }
  for (const CountRow& row : table.rader) {
    if (row.kalla) CheckCountRowSource(c, row);
    if (row.indrag && (row.indrag->value < 0 || row.indrag->value > 2)) {
      c.d.Error("table.indent", row.indrag->where, row.indrag->path, "indrag is 0, 1 or 2");
    }
    for (const auto* count : {&row.alla, &row.kvinnor, &row.man, &row.ovriga}) {
      if (*count && (*count)->value < 0) {
        c.d.Error("table.negative", (*count)->where, (*count)->path, "a count of persons cannot be negative");
      }
      if (*count) CheckCountOfPersons(c, **count, "table.count");
    }
    if (row.alla && row.kvinnor && row.man) {
      int64_t sum = row.kvinnor->value + row.man->value + (row.ovriga ? row.ovriga->value : 0);
      if (sum != row.alla->value) {
        c.d.Error("table.gender_sum", row.alla->where, row.alla->path,
                  "alla " + std::to_string(row.alla->value) + " ≠ kvinnor + män" +
                      std::string(row.ovriga ? " + övriga" : "") + " " + std::to_string(sum));
      }
    } else if (row.alla && (row.kvinnor || row.man)) {
      int64_t part = (row.kvinnor ? row.kvinnor->value : 0) + (row.man ? row.man->value : 0);
      if (part > row.alla->value) {
        c.d.Error("table.gender_sum", row.alla->where, row.alla->path, "more women and men than alla");
      }
    }
    // A row that is the sum of other rows, e.g. "till arbete/studier" = arbete + studier.
    for (const auto& ref : row.summa_av) {
      if (!rows.count(ref.value.name)) {
        c.d.Error("table.row", ref.where, ref.path, "no row `" + ref.value.name + "` in table " + table.id.value.name);
      }
    }
    if (!row.summa_av.empty()) {
      for (const char* column : {"alla", "kvinnor", "man"}) {
        const Figure* total = c.figures.Find(base + "." + row.id.value.name + "." + column);
        if (!total) continue;
        int64_t sum = 0;
        for (const auto& ref : row.summa_av) {
          const Figure* part = c.figures.Find(base + "." + ref.value.name + "." + column);
          if (part) sum += part->count;
        }
        if (sum != total->count) {
          c.d.Error("table.row_sum", total->where, row.path + "." + column,
                    std::string(column) + " " + std::to_string(total->count) + " ≠ the sum of rows " +
                        std::to_string(sum));
        }
      }
    }
    for (const auto& [column, stated] : row.andelar.entries) {
      const Figure* share = c.figures.Find(base + "." + row.id.value.name + ".andel_" + column.value.name);
      if (!share) {
        c.d.Error("table.share", column.where, column.path,
                  table.andel_av ? "percentages are printed for alla, kvinnor and man, not `" + column.value.name + "`"
                                 : std::string("no percentage to compare: the table has no `andel_av` row"));
        continue;
      }
      int64_t derived = share->Percent();
      if (derived != stated.value) {
        c.d.Error("table.share", stated.where, stated.path,
                  "printed " + std::to_string(stated.value) + " % ≠ " + std::to_string(share->count) + " of " +
                      std::to_string(share->of) + " = " + std::to_string(derived) + " %");
      }
    }
  }
  if (table.andel_av && !rows.count(table.andel_av->value.name)) {
    c.d.Error("table.row", table.andel_av->where, table.andel_av->path,
              "no row `" + table.andel_av->value.name + "` in this table");
  }
  if (table.jamforelse && table.jamforelse->value) {
    bool found = false;
    if (c.prior_input) {
      for (const CountTable& prior : c.prior_input->files.verksamhet.tabeller) {
        found = found || prior.id.value.name == table.id.value.name;
      }
    }
    if (!found && !c.prior_has_errors) {
      c.d.Error("table.prior", table.jamforelse->where, table.jamforelse->path,
                "the prior year's directory has no table `" + table.id.value.name + "` to compare with");
    }
  }
}

// kalla TABLE.ROW.COLUMN, looked up in the figures of one year.
const Figure* SeriesValue(const FigureTable& figures, const std::string& source) {
  return figures.Find("tabell." + source);
}

void CheckSeries(ValidationContext& c, const TimeSeries& series) {
  const int year = c.inputs.report_year;
  CheckUniqueIds(c, series.kolumner, "column");
  std::set<std::string> columns;
  for (const SeriesColumn& column : series.kolumner) {
    columns.insert(column.id.value.name);
    size_t dots = static_cast<size_t>(std::count(column.kalla.value.begin(), column.kalla.value.end(), '.'));
    if (dots != 2) {
      c.d.Error("series.source", column.kalla.where, column.kalla.path, "kalla is TABLE.ROW.COLUMN");
    }
  }
  if (series.fran_ar.value > year || series.fran_ar.value < year - 20) {
    c.d.Error("series.years", series.fran_ar.where, series.fran_ar.path,
              "fran_ar must be a year before " + std::to_string(year) + " (at most 20 years back)");
    return;
  }
  std::map<int64_t, const SeriesRow*> history;
  for (const SeriesRow& row : series.historik) {
    if (!history.emplace(row.ar.value, &row).second) {
      c.d.Error("series.duplicate", row.ar.where, row.ar.path, "year given twice");
    }
    if (row.ar.value < series.fran_ar.value || row.ar.value > year) {
      c.d.Warning("series.unused", row.ar.where, row.ar.path, "outside the years the table shows");
    }
    for (const auto& [column, value] : row.varden.entries) {
      if (!columns.count(column.value.name)) {
        c.d.Error("series.column", column.where, column.path, "no column `" + column.value.name + "`");
      }
    }
  }
  for (int y = static_cast<int>(series.fran_ar.value); y <= year; ++y) {
    const YearInput* dir = c.inputs.Find(y);
    auto h = history.find(y);
    if (!dir) {
      if (h == history.end()) {
        c.d.Error("series.missing_year", series.where, series.path,
                  "the table shows " + std::to_string(y) + ", but neither inputs/" + std::to_string(y) +
                      " nor historik gives it");
      }
      continue;
    }
    const FigureTable& figures = y == year ? c.figures : c.derived.Of(y);
    bool any = false;
    for (const SeriesColumn& column : series.kolumner) any = any || SeriesValue(figures, column.kalla.value);
    if (!any && h == history.end()) {
      c.d.Error("series.missing_year", series.where, series.path,
                "inputs/" + std::to_string(y) + " has no table row for this series (" +
                    (series.kolumner.empty() ? std::string("?") : series.kolumner.front().kalla.value) + ")");
    }
    if (h == history.end()) continue;
    for (const auto& [column, value] : h->second->varden.entries) {
      for (const SeriesColumn& col : series.kolumner) {
        if (col.id.value.name != column.value.name) continue;
        const Figure* own = SeriesValue(figures, col.kalla.value);
        if (own && own->count != value.value) {
          c.d.Error("series.year", value.where, value.path,
                    std::to_string(y) + ": " + std::to_string(value.value) + " ≠ " + dir->dir + "'s " +
                        col.kalla.value + " " + std::to_string(own->count));
        }
      }
    }
  }
}

void CheckSurvey(ValidationContext& c, const Survey& survey) {
  int64_t n = survey.negativt.value + survey.varken_eller.value + survey.positivt.value;
  for (const auto* count : {&survey.negativt, &survey.varken_eller, &survey.positivt}) {
    if (count->value < 0) c.d.Error("survey.negative", count->where, count->path, "a number of answers cannot be negative");
    CheckCountOfPersons(c, *count, "survey.count");
  }
  if (survey.n && survey.n->value != n) {
    c.d.Error("survey.n", survey.n->where, survey.n->path,
              "n = " + std::to_string(survey.n->value) + " ≠ negativt + varken eller + positivt = " + std::to_string(n));
  }
  if (n == 0) c.d.Error("survey.empty", survey.where, survey.path, "the survey has no answers");
  for (const auto& [key, stated] : survey.andelar.entries) {
    const Figure* share = c.figures.Find("enkat." + survey.id.value.name + ".andel_" + key.value.name);
    if (!share) {
      c.d.Error("survey.share", key.where, key.path, "andelar are keyed negativt, varken_eller or positivt");
      continue;
    }
    // The share as the table prints it: rounded so that the three sum to 100 % (figures.cc).
    int64_t derived = share->Percent();
    if (derived != stated.value) {
      c.d.Error("survey.share", stated.where, stated.path,
                "printed " + std::to_string(stated.value) + " % ≠ " + std::to_string(share->count) + " of " +
                    std::to_string(n) + " = " + std::to_string(derived) + " %");
    }
  }
  if (survey.positiva_svar.empty()) return;
  int64_t counted = 0, percent_sum = 0;
  bool by_count = false, by_percent = false;
  for (const PositiveAnswer& answer : survey.positiva_svar) {
    if (answer.antal.has_value() == answer.andel.has_value()) {
      c.d.Error("survey.answer", answer.where, answer.path, "give either `antal` or `andel` for each answer");
      continue;
    }
    if (answer.antal) {
      by_count = true;
      counted += answer.antal->value;
    } else {
      by_percent = true;
      percent_sum += answer.andel->value;
    }
  }
  if (by_count && by_percent) {
    c.d.Error("survey.answer", survey.positiva_svar.front().where, survey.path + ".positiva_svar",
              "give all answers as counts or all as percentages");
  } else if (by_count && counted != survey.positivt.value) {
    c.d.Error("survey.positive_sum", survey.positiva_svar.front().where, survey.path + ".positiva_svar",
              "the positive answers sum to " + std::to_string(counted) + " ≠ positivt " +
                  std::to_string(survey.positivt.value));
  } else if (by_percent && !SumsToHundred(percent_sum, survey.positiva_svar.size())) {
    c.d.Error("survey.positive_sum", survey.positiva_svar.front().where, survey.path + ".positiva_svar",
              "the shares of the positive answers sum to " + std::to_string(percent_sum) + " %, not 100 %");
  }
}

void CheckDistribution(ValidationContext& c, const Distribution& distribution) {
  CheckUniqueIds(c, distribution.kategorier, "category");
  CheckUniqueIds(c, distribution.matningar, "measurement");
  std::set<std::string> categories;
  for (const Category& category : distribution.kategorier) categories.insert(category.id.value.name);
  for (const Measurement& m : distribution.matningar) {
    int64_t sum = 0;
    std::set<std::string> given;
    for (const auto& [category, percent] : m.andelar.entries) {
      if (!categories.count(category.value.name)) {
        c.d.Error("distribution.category", category.where, category.path,
                  "no category `" + category.value.name + "` in kategorier");
      }
      if (percent.value < 0 || percent.value > 100) {
        c.d.Error("distribution.percent", percent.where, percent.path, "a percentage is between 0 and 100");
      }
      given.insert(category.value.name);
      sum += percent.value;
    }
    for (const Category& category : distribution.kategorier) {
      if (!given.count(category.id.value.name)) {
        c.d.Error("distribution.category", m.where, m.path + ".andelar",
                  "no percentage for category `" + category.id.value.name + "` (write 0 for none)");
      }
    }
    if (!SumsToHundred(sum, m.andelar.entries.size())) {
      size_t slack = m.andelar.entries.size() / 2;
      c.d.Error("distribution.sum", m.where, m.path,
                "the percentages sum to " + std::to_string(sum) + " %; rounding explains at most " +
                    std::to_string(slack) + (slack == 1 ? " point" : " points") + " off 100");
    }
    if (m.n && m.n->value <= 0) c.d.Error("distribution.n", m.n->where, m.n->path, "n must be positive");
    if (m.n) CheckCountOfPersons(c, *m.n, "distribution.n");
  }
}

void CheckChart(ValidationContext& c, const Chart& chart) {
  const ActivityFile& activity = c.year.files.verksamhet;
  if (chart.kalla.has_value() == !chart.delar.empty()) {
    c.d.Error("chart.source", chart.where, chart.path, "a chart has either `kalla` (a distribution) or `delar`");
    return;
  }
  if (chart.kalla) {
    const std::string& source = chart.kalla->value;
    size_t dot = source.find('.');
    bool found = false;
    for (const Distribution& d : activity.fordelningar) {
      if (dot == std::string::npos || d.id.value.name != source.substr(0, dot)) continue;
      for (const Measurement& m : d.matningar) found = found || m.id.value.name == source.substr(dot + 1);
    }
    if (!found) {
      c.d.Error("chart.source", chart.kalla->where, chart.kalla->path,
                "no distribution measurement `" + source + "` (write FORDELNING.MATNING)");
    }
    return;
  }
  std::set<std::string> ids;
  for (const ChartSlice& slice : chart.delar) {
    if (slice.id && !ids.insert(slice.id->value.name).second) {
      c.d.Error("id.duplicate", slice.id->where, slice.id->path, "slice id used twice");
    }
    const Figure* f = LookUpFigure(c, slice.kalla.value);
    if (!f) {
      c.d.Error("chart.figure", slice.kalla.where, slice.kalla.path, "no figure `" + slice.kalla.value + "`");
    } else if (f->kind != Figure::Kind::kMoney && f->kind != Figure::Kind::kCount) {
      c.d.Error("chart.figure", slice.kalla.where, slice.kalla.path, "a chart shows amounts or counts");
    }
  }
  if (chart.typ.value == ChartKind::kPie) {
    // A pie of magnitudes is only honest when the slices share a sign.
    bool positive = false, negative = false;
    for (const ChartSlice& slice : chart.delar) {
      const Figure* f = LookUpFigure(c, slice.kalla.value);
      if (!f || f->kind != Figure::Kind::kMoney || f->money.kronor == 0) continue;
      (f->money.kronor < 0 ? negative : positive) = true;
    }
    if (positive && negative) {
      c.d.Error("chart.sign", chart.where, chart.path, "a pie chart cannot mix positive and negative amounts");
    }
  }
}

}  // namespace

void CheckActivity(ValidationContext& c) {
  const ActivityFile& activity = c.year.files.verksamhet;
  CheckUniqueIds(c, activity.insatser, "insats");
  CheckUniqueIds(c, activity.malomraden, "goal area");
  CheckUniqueIds(c, activity.tabeller, "table");
  CheckUniqueIds(c, activity.tidsserier, "series");
  CheckUniqueIds(c, activity.enkater, "survey");
  CheckUniqueIds(c, activity.fordelningar, "distribution");
  CheckUniqueIds(c, activity.diagram, "chart");
  if (c.report_year() && c.year.present.count("verksamhet.yaml") && !activity.personal) {
    c.d.Error("staff.missing", activity.where, "personal", "a report year gives the kansli's staff (personal.arsarbetare)");
  }
  for (const GoalArea& area : activity.malomraden) {
    if (area.mal.empty()) c.d.Error("goals.empty", area.where, area.path, "a goal area needs at least one goal");
  }
  for (const CountTable& table : activity.tabeller) CheckCountTable(c, table);
  for (const TimeSeries& series : activity.tidsserier) CheckSeries(c, series);
  for (const Survey& survey : activity.enkater) CheckSurvey(c, survey);
  for (const Distribution& distribution : activity.fordelningar) CheckDistribution(c, distribution);
  for (const Chart& chart : activity.diagram) CheckChart(c, chart);
}

}  // namespace arsred

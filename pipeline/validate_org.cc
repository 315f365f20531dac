// Rules on forbund.yaml: the year, the organisation number, dates in order, members and board.
#include <map>

#include "load_visitor.h"
#include "validate_rules.h"

namespace arsred {

namespace {

// Swedish organisationsnummer: NNNNNN-NNNN whose ten digits pass the Luhn check.
bool ValidOrganisationNumber(const std::string& s, std::string* why) {
  if (s.size() != 11 || s[6] != '-') {
    *why = "write it as NNNNNN-NNNN";
    return false;
  }
  std::string digits = s.substr(0, 6) + s.substr(7);
  int sum = 0;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (digits[i] < '0' || digits[i] > '9') {
      *why = "write it as NNNNNN-NNNN";
      return false;
    }
    int v = digits[i] - '0';
    if (i % 2 == 0) v *= 2;
    sum += v > 9 ? v - 9 : v;
  }
  if (sum % 10 != 0) {
    *why = "the check digit does not match (Luhn): a digit is mistyped";
    return false;
  }
  return true;
}

Date AddMonths(Date d, int months) {
  int index = d.year * 12 + (d.month - 1) + months;
  Date out{index / 12, index % 12 + 1, d.day};
  while (!IsRealDate(out.year, out.month, out.day)) --out.day;
  return out;
}

}  // namespace

void CheckOrganisation(ValidationContext& c) {
  const OrgFile& org = c.year.files.forbund;
  const int year = c.inputs.report_year;
  if (org.ar.value != year) {
    c.d.Error("year.mismatch", org.ar.where, org.ar.path,
              "ar is " + std::to_string(org.ar.value) + " but the directory is " + std::to_string(year));
  }
  std::string why;
  if (!ValidOrganisationNumber(org.forbund.organisationsnummer.value, &why)) {
    c.d.Error("org.number", org.forbund.organisationsnummer.where, org.forbund.organisationsnummer.path,
              "organisationsnummer " + org.forbund.organisationsnummer.value + ": " + why);
  }
  if (org.forbund.bildat && org.forbund.bildat->value > year) {
    c.d.Error("org.founded", org.forbund.bildat->where, org.forbund.bildat->path,
              "the förbund was formed after the year of the report");
  }

  // The financial year is the calendar year (LKBR 1 kap. 5 §).
  Date year_end{year, 12, 31};
  if (org.rakenskapsar) {
    const Period& p = *org.rakenskapsar;
    if (p.fran.value != Date{year, 1, 1}) {
      c.d.Error("dates.fiscal_year", p.fran.where, p.fran.path,
                "the financial year is the calendar year: it starts " + Date{year, 1, 1}.ToString());
    }
    if (p.till.value != year_end) {
      c.d.Error("dates.fiscal_year", p.till.where, p.till.path,
                "the financial year is the calendar year: it ends " + year_end.ToString());
    }
  }
  if (org.styrelsebeslut) {
    Date approved = org.styrelsebeslut->value;
    if (approved <= year_end) {
      c.d.Error("dates.order", org.styrelsebeslut->where, org.styrelsebeslut->path,
                "the board approves the report after the year has ended (" + year_end.ToString() + ")");
    } else if (approved > AddMonths(year_end, 3)) {
      c.d.Warning("dates.deadline", org.styrelsebeslut->where, org.styrelsebeslut->path,
                  "Finsam asks for the report within three months of the year's end (by " +
                      AddMonths(year_end, 3).ToString() + ")");
    }
  }
  if (org.undertecknande && org.undertecknande->datum) {
    const auto& signed_on = *org.undertecknande->datum;
    if (signed_on.value <= year_end) {
      c.d.Error("dates.order", signed_on.where, signed_on.path,
                "signed " + signed_on.value.ToString() + ", before the year ended on " + year_end.ToString());
    }
    if (org.styrelsebeslut && signed_on.value < org.styrelsebeslut->value) {
      c.d.Error("dates.order", signed_on.where, signed_on.path,
                "signed " + signed_on.value.ToString() + ", before the board approved it on " +
                    org.styrelsebeslut->value.ToString());
    }
    if (org.revisorspateckning && org.revisorspateckning->datum &&
        org.revisorspateckning->datum->value < signed_on.value) {
      c.d.Error("dates.order", org.revisorspateckning->datum->where, org.revisorspateckning->datum->path,
                "the auditors report on a signed report: their date comes after " + signed_on.value.ToString());
    }
  }

  for (const Correction& correction : c.year.files.rattelser.rattelser) {
    if (correction.rapport.value < year) {
      c.d.Error("corrections.year", correction.rapport.where, correction.rapport.path,
                "a figure of " + std::to_string(year) + " can only have been printed in the report of " +
                    std::to_string(year) + " or later");
    }
  }

  if (!c.report_year()) return;

  for (const YearFileSpec& spec : kYearFileSpecs) {
    if (spec.required_for_report && !c.year.present.count(spec.name)) {
      c.d.Error("year.file_missing", Where{}, c.year.dir + "/" + spec.name, "a report year needs this file");
    }
  }
  if (c.year.present.count("text.yaml") && !c.year.files.text.forvaltningsberattelse) {
    c.d.Error("text.missing", c.year.files.text.where, "forvaltningsberattelse",
              "a report year needs its förvaltningsberättelse");
  }
  if (org.status && org.status->value == Status::kFinal) {
    // The place defaults to the förbund's säte; the date may be left out, to write by hand on
    // the line the report leaves.
    if (!org.undertecknande && !org.forbund.sate) {
      c.d.Error("final.signing", org.status->where, "undertecknande",
                "a final report needs the place of signing: `undertecknande.ort`, or the förbund's `sate`");
    }
    if (!org.styrelsebeslut) {
      c.d.Error("final.approval", org.status->where, "styrelsebeslut",
                "a final report needs the date the board approved it");
    }
  }

  // Members: Finsam requires Försäkringskassan, Arbetsförmedlingen, a region and kommuner.
  std::map<std::string, const Member*> members;
  std::map<MemberKind, int> kinds;
  std::vector<std::string> ids;
  for (const Member& m : org.medlemmar) {
    if (!members.emplace(m.id.value.name, &m).second) {
      c.d.Error("members.duplicate", m.id.where, m.id.path, "member id `" + m.id.value.name + "` is used twice");
    }
    ++kinds[m.typ.value];
    ids.push_back(m.id.value.name);
  }
  if (org.medlemmar.empty()) {
    c.d.Error("members.missing", org.where, "medlemmar", "a report year lists the förbund's members");
  } else {
    if (kinds[MemberKind::kState] != 2) {
      c.d.Error("members.state", org.medlemmar.front().where, "medlemmar",
                "the state is a member twice over, through Försäkringskassan and Arbetsförmedlingen (found " +
                    std::to_string(kinds[MemberKind::kState]) + " of typ stat)");
    }
    if (kinds[MemberKind::kRegion] != 1) {
      c.d.Error("members.region", org.medlemmar.front().where, "medlemmar",
                "a förbund has one region among its members (found " + std::to_string(kinds[MemberKind::kRegion]) +
                    ")");
    }
    if (kinds[MemberKind::kMunicipality] < 1) {
      c.d.Error("members.kommun", org.medlemmar.front().where, "medlemmar", "a förbund has at least one kommun");
    }
  }

  // Board: one seat per member, at most one chair and one vice chair.
  std::map<std::string, int> seats;
  int chairs = 0, vice_chairs = 0;
  for (const Seat& seat : org.styrelse) {
    if (!members.count(seat.medlem.value.name)) {
      std::string message = "no member with id `" + seat.medlem.value.name + "`";
      std::string suggestion = DidYouMean(seat.medlem.value.name, ids);
      if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
      c.d.Error("board.member", seat.medlem.where, seat.medlem.path, message);
      continue;
    }
    if (++seats[seat.medlem.value.name] == 2) {
      c.d.Error("board.seats", seat.medlem.where, seat.medlem.path,
                "each member appoints one ledamot: `" + seat.medlem.value.name + "` has a second seat");
    }
    if (seat.roll.value == BoardRole::kChair && ++chairs == 2) {
      c.d.Error("board.chair", seat.roll.where, seat.roll.path, "the board has one ordförande");
    }
    if (seat.roll.value == BoardRole::kViceChair && ++vice_chairs == 2) {
      c.d.Error("board.chair", seat.roll.where, seat.roll.path, "the board has one vice ordförande");
    }
  }
  if (!org.styrelse.empty()) {
    for (const Member& m : org.medlemmar) {
      if (!seats.count(m.id.value.name)) {
        c.d.Error("board.seats", m.where, m.path, "member `" + m.id.value.name + "` has no seat on the board");
      }
    }
  } else if (!org.medlemmar.empty()) {
    c.d.Error("board.missing", org.where, "styrelse", "a report year lists the board's seats");
  }
  if (org.status && org.status->value == Status::kFinal && chairs == 0) {
    c.d.Error("final.chair", org.status->where, "styrelse", "a final report names the board's ordförande");
  }

}

}  // namespace arsred

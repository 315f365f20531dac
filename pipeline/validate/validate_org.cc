// Rules on forbund.yaml: the year, the organisation number, dates in order, members and board.
#include <map>
#include <optional>

#include "load_visitor.h"
#include "statement_lines.h"
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

// A seat's earlier ledamöter left in the order given, not before the year began, and not after
// the report was signed; the seat then names its sitting ledamot.
void CheckFormerHolders(ValidationContext& c, const Seat& seat) {
  const OrgFile& org = c.year.files.forbund;
  const Date year_start{c.inputs.report_year, 1, 1};
  std::optional<Date> signed_on;
  if (org.undertecknande && org.undertecknande->datum) signed_on = org.undertecknande->datum->value;
  const FormerHolder* previous = nullptr;
  for (const FormerHolder& former : seat.tidigare) {
    const Located<Date>& till = former.till;
    if (till.value < year_start) {
      c.d.Error("board.former_holder", till.where, till.path,
                "left before " + year_start.ToString() + ", so not on the board this year: leave them out");
    } else if (previous && till.value <= previous->till.value) {
      c.d.Error("board.former_holder", till.where, till.path,
                "list the earlier ledamöter oldest first: this one left on " + till.value.ToString() +
                    ", not after the one above (" + previous->till.value.ToString() + ")");
    } else if (signed_on && till.value >= *signed_on) {
      c.d.Error("board.former_holder", till.where, till.path,
                "still on the board when the report was signed (" + signed_on->ToString() + "): they sign it");
    }
    previous = &former;
  }
  if (!seat.tidigare.empty() && !seat.namn) {
    c.d.Error("board.former_holder", seat.where, seat.path,
              "a seat that changed hands names its sitting ledamot, who signs: `namn`");
  }
}

// The board as the förbundsordning has it: every member appoints or co-appoints a seat, a
// member holds no more seats than allowed, one ordförande and one vice ordförande at most, and
// each seat's earlier ledamöter in the order they left.
void CheckBoard(ValidationContext& c, const std::map<std::string, const Member*>& members,
                const std::vector<std::string>& ids) {
  const OrgFile& org = c.year.files.forbund;
  if (org.styrelse.empty()) {
    if (!org.medlemmar.empty()) c.d.Error("board.missing", org.where, "styrelse", "a report year lists the board's seats");
    return;
  }
  auto known = [&](const Located<Id>& id) {
    if (members.count(id.value.name)) return true;
    std::string message = "no member with id `" + id.value.name + "`";
    std::string suggestion = DidYouMean(id.value.name, ids);
    if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
    c.d.Error("board.unknown_member", id.where, id.path, message);
    return false;
  };
  const int64_t allowed = org.platser_per_medlem ? org.platser_per_medlem->value : 1;
  if (org.platser_per_medlem && allowed < 1) {
    c.d.Error("board.seats_allowed", org.platser_per_medlem->where, org.platser_per_medlem->path,
              "a member may hold at least one seat");
  }
  std::map<std::string, int> appoints;
  std::map<std::string, const Seat*> seat_ids;
  int chairs = 0, vice_chairs = 0;
  for (const Seat& seat : org.styrelse) {
    if (seat.medlem && !seat.medlemmar.empty()) {
      c.d.Error("board.appointed_by", seat.medlem->where, seat.medlem->path,
                "a seat is appointed by one member (`medlem`) or jointly by several (`medlemmar`), not both");
    } else if (!seat.medlem && seat.medlemmar.empty()) {
      c.d.Error("board.appointed_by", seat.where, seat.path,
                "say who appoints the seat: `medlem`, or `medlemmar` for several members jointly");
    } else if (seat.medlemmar.size() == 1) {
      c.d.Error("board.appointed_by", seat.medlemmar.front().where, seat.medlemmar.front().path,
                "a seat appointed jointly names two members or more; for one, write `medlem`");
    }
    if (seat.medlem && known(*seat.medlem)) ++appoints[seat.medlem->value.name];
    for (const Located<Id>& m : seat.medlemmar) {
      if (known(m)) ++appoints[m.value.name];
    }
    if (!seat.medlemmar.empty() && !seat.innehas_av) {
      c.d.Error("board.holder", seat.where, seat.path,
                "say which of the members holds the seat this period: `innehas_av`");
    }
    if (seat.innehas_av) {
      const std::string& holder = seat.innehas_av->value.name;
      bool among = false;
      for (const Located<Id>& m : seat.medlemmar) among = among || m.value.name == holder;
      if (seat.medlemmar.empty()) {
        c.d.Error("board.holder", seat.innehas_av->where, seat.innehas_av->path,
                  "only a seat appointed jointly (`medlemmar`) says who holds it");
      } else if (!among) {
        c.d.Error("board.holder", seat.innehas_av->where, seat.innehas_av->path,
                  "`" + holder + "` is not one of the members that appoint this seat");
      }
    }
    // The seat's id: its own, or that of the member appointing it.
    const Located<Id>* id = seat.id ? &*seat.id : seat.medlem ? &*seat.medlem : nullptr;
    if (!id && !seat.medlemmar.empty()) {
      c.d.Error("board.seat_id", seat.where, seat.path, "a seat appointed jointly needs an `id`");
    } else if (id && !seat_ids.emplace(id->value.name, &seat).second && (seat.id || allowed > 1)) {
      // Two seats of one member, neither with an id, are a second seat unless that is allowed.
      c.d.Error("board.seat_id", id->where, id->path,
                "seat id `" + id->value.name + "` is used twice; give one seat an `id` of its own");
    }
    if (seat.roll.value == BoardRole::kChair && ++chairs == 2) {
      c.d.Error("board.chair", seat.roll.where, seat.roll.path, "the board has one ordförande");
    }
    if (seat.roll.value == BoardRole::kViceChair && ++vice_chairs == 2) {
      c.d.Error("board.vice_chair", seat.roll.where, seat.roll.path, "the board has one vice ordförande");
    }
    CheckFormerHolders(c, seat);
  }
  for (const Member& m : org.medlemmar) {
    if (!appoints.count(m.id.value.name)) {
      c.d.Error("board.member_without_seat", m.where, m.path,
                "member `" + m.id.value.name + "` appoints no seat: give it one, or name it in a seat's `medlemmar`");
    }
  }
  std::map<std::string, int64_t> held;
  for (const Seat& seat : org.styrelse) {
    const Located<Id>* holder = seat.medlem ? &*seat.medlem : seat.innehas_av ? &*seat.innehas_av : nullptr;
    if (holder && members.count(holder->value.name) && ++held[holder->value.name] == allowed + 1) {
      c.d.Error("board.second_seat", holder->where, holder->path,
                "`" + holder->value.name + "` holds more than " + std::to_string(allowed) +
                    (allowed == 1 ? " seat" : " seats") +
                    "; where the förbundsordning allows more, say so with `platser_per_medlem`");
    }
  }
  for (const Substitute& s : org.ersattare) {
    known(s.medlem);
    if (s.plats && !seat_ids.count(s.plats->value.name)) {
      std::vector<std::string> seat_names;
      for (const auto& [name, seat] : seat_ids) seat_names.push_back(name);
      std::string message = "no seat with id `" + s.plats->value.name + "`";
      std::string suggestion = DidYouMean(s.plats->value.name, seat_names);
      if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
      c.d.Error("board.substitute_seat", s.plats->where, s.plats->path, message);
    }
  }
  if (org.status && org.status->value == Status::kFinal && chairs == 0) {
    c.d.Error("final.chair", org.status->where, "styrelse", "a final report names the board's ordförande: give the chairing seat `roll: ordforande` under styrelse");
  }
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
  if (org.forbund.bildat && org.forbund.bildat->value.year > year) {
    c.d.Error("org.founded", org.forbund.bildat->where, org.forbund.bildat->path,
              "the förbund was formed after the year of the report");
  }
  // A samordningsförbund is formed under Finsam (lag 2003:1210), in force from 2004-01-01.
  if (org.forbund.bildat && org.forbund.bildat->value.year < 2004) {
    c.d.Error("org.founded", org.forbund.bildat->where, org.forbund.bildat->path,
              "the förbund was formed before 2004, when Finsam (lag 2003:1210), under which it is formed, came into "
              "force");
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
    // The comparative column prints the year before as its own report did; while that year is
    // a draft, its figures may yet change, and this report would then contradict it.
    const OrgFile* prior_org = c.prior_input ? &c.prior_input->files.forbund : nullptr;
    if (prior_org && prior_org->omfattning.value == Scope::kAnnualReport &&
        !(prior_org->status && prior_org->status->value == Status::kFinal)) {
      c.d.Warning("final.prior_draft", org.status->where, "status",
                  "the year before, " + c.prior_input->dir + ", is not marked slutlig: its figures, printed "
                  "here as the comparative year, may still change: mark it slutlig once its board has approved it");
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
    if (kinds[MemberKind::kRegion] < 1 || kinds[MemberKind::kRegion] > 2) {
      c.d.Error("members.region", org.medlemmar.front().where, "medlemmar",
                "a förbund has one region among its members, or two (found " +
                    std::to_string(kinds[MemberKind::kRegion]) + ")");
    }
    if (kinds[MemberKind::kMunicipality] < 1) {
      c.d.Error("members.kommun", org.medlemmar.front().where, "medlemmar", "a förbund has at least one kommun");
    }
  }

  CheckBoard(c, members, ids);
  if (org.benamningar) CheckStatementNames(*org.benamningar, c.d);

}

void CheckYearFiles(const YearInput& year, Diagnostics& d) {
  if (year.files.forbund.omfattning.value != Scope::kAnnualReport) return;
  for (const YearFileSpec& spec : kYearFileSpecs) {
    if (spec.required_for_report && !year.present.count(spec.name)) {
      d.Error("year.file_missing", Where{}, year.dir + "/" + spec.name, "a report year needs this file");
    }
  }
}

}  // namespace arsred

// The closed vocabularies of the input format, each with the spelling users write in YAML.
#pragma once

#include <array>
#include <string_view>
#include <utility>

#include "values.h"

namespace arsred {

enum class Scope { kAnnualReport, kComparativeYear };
enum class Status { kDraft, kFinal };
enum class MemberKind { kState, kRegion, kMunicipality };
enum class BoardRole { kChair, kViceChair, kMember };
enum class GoalStatus { kMet, kPartlyMet, kNotMet };
enum class DriftKind { kIncome, kCost };
enum class NoteKind { kSpecification, kProvision, kFixedAsset };
enum class Orientation { kIndividual, kStructural };
enum class ChartKind { kPie, kBar };

// EnumSpelling<E>::kValues lists (value, spelling, meaning) for each enum of the format.
template <class E>
struct EnumSpelling;

template <class E>
struct EnumValue {
  E value;
  std::string_view spelling;
  std::string_view meaning;
};

template <>
struct EnumSpelling<Unit> {
  static constexpr std::array<EnumValue<Unit>, 2> kValues{{
      {Unit::kKr, "kr", "kronor"},
      {Unit::kTkr, "tkr", "thousands of kronor"},
  }};
};
template <>
struct EnumSpelling<Scope> {
  static constexpr std::array<EnumValue<Scope>, 2> kValues{{
      {Scope::kAnnualReport, "arsredovisning", "a full year with its own annual report"},
      {Scope::kComparativeYear, "jamforelsear",
       "a year kept only for the figures later reports compare with (no report is built)"},
  }};
};
template <>
struct EnumSpelling<Status> {
  static constexpr std::array<EnumValue<Status>, 2> kValues{{
      {Status::kDraft, "utkast", "still being written"},
      {Status::kFinal, "slutlig", "approved by the board; signing data is then required"},
  }};
};
template <>
struct EnumSpelling<MemberKind> {
  static constexpr std::array<EnumValue<MemberKind>, 3> kValues{{
      {MemberKind::kState, "stat", "Försäkringskassan or Arbetsförmedlingen (together half)"},
      {MemberKind::kRegion, "region", "the region (a quarter)"},
      {MemberKind::kMunicipality, "kommun", "a kommun (all kommuner together a quarter)"},
  }};
};
template <>
struct EnumSpelling<BoardRole> {
  static constexpr std::array<EnumValue<BoardRole>, 3> kValues{{
      {BoardRole::kChair, "ordforande", "ordförande"},
      {BoardRole::kViceChair, "vice_ordforande", "vice ordförande"},
      {BoardRole::kMember, "ledamot", "ledamot"},
  }};
};
template <>
struct EnumSpelling<GoalStatus> {
  static constexpr std::array<EnumValue<GoalStatus>, 3> kValues{{
      {GoalStatus::kMet, "uppnatt", "Målet är uppnått"},
      {GoalStatus::kPartlyMet, "delvis_uppnatt", "Målet är delvis uppnått"},
      {GoalStatus::kNotMet, "inte_uppnatt", "Målet är inte uppnått"},
  }};
};
template <>
struct EnumSpelling<DriftKind> {
  static constexpr std::array<EnumValue<DriftKind>, 2> kValues{{
      {DriftKind::kIncome, "intakt", "an income row"},
      {DriftKind::kCost, "kostnad", "a cost row"},
  }};
};
template <>
struct EnumSpelling<NoteKind> {
  static constexpr std::array<EnumValue<NoteKind>, 3> kValues{{
      {NoteKind::kSpecification, "specifikation", "items that sum to the line(s) the note annotates"},
      {NoteKind::kProvision, "avsattning",
       "an opening balance and the year's movements, which give the closing balance"},
      {NoteKind::kFixedAsset, "anlaggning",
       "fixed assets: the acquisition value and the accumulated depreciation, each from its opening balance "
       "through the year's movements, and their sum, the redovisat värde"},
  }};
};
template <>
struct EnumSpelling<Orientation> {
  static constexpr std::array<EnumValue<Orientation>, 2> kValues{{
      {Orientation::kIndividual, "individ", "individinriktad insats"},
      {Orientation::kStructural, "struktur", "strukturinriktad insats"},
  }};
};
template <>
struct EnumSpelling<ChartKind> {
  static constexpr std::array<EnumValue<ChartKind>, 2> kValues{{
      {ChartKind::kPie, "cirkel", "a pie chart"},
      {ChartKind::kBar, "stapel", "a bar chart"},
  }};
};

template <class E>
std::string_view SpellingOf(E value) {
  for (const auto& v : EnumSpelling<E>::kValues) {
    if (v.value == value) return v.spelling;
  }
  return "?";
}

}  // namespace arsred

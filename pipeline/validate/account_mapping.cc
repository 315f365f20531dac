#include "account_mapping.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <type_traits>
#include <vector>

#include "figures.h"

namespace arsred {

namespace {

// Lines whose amounts are credits in the books (negative in SIE), positive in the report.
bool IsCreditLine(const std::string& line) {
  static const std::set<std::string> kCredit = {
      "resultatrakning.verksamhetens_intakter", "resultatrakning.finansiella_intakter",
      "resultatrakning.extraordinara_poster",   "balansrakning.avsattningar_pensioner",
      "balansrakning.andra_avsattningar",       "balansrakning.langfristiga_skulder",
      "balansrakning.kortfristiga_skulder",
  };
  return kCredit.count(line) > 0;
}

// The amount field of a statement section by its key, through the section's own Fields().
struct MoneyFieldFinder {
  std::string_view key;
  const std::optional<Located<Money>>* found = nullptr;
  template <class M>
  void operator()(const char* name, M& member, const char*) {
    if constexpr (std::is_same_v<M, std::optional<Located<Money>>>) {
      if (key == name) found = &member;
    }
  }
};

template <class Section>
const std::optional<Located<Money>>* FindMoneyField(const std::optional<Section>& section, std::string_view key,
                                                    bool* known) {
  Section probe;  // the field list is the same for every object; a present section gives the value
  MoneyFieldFinder in_probe{key};
  probe.Fields(in_probe);
  *known = in_probe.found != nullptr;
  if (!section || !*known) return nullptr;
  MoneyFieldFinder finder{key};
  const_cast<Section&>(*section).Fields(finder);  // Fields() only takes the members' addresses
  return finder.found;
}

std::vector<std::string> Split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  return parts;
}

}  // namespace

std::optional<AccountRange> ParseAccountRange(std::string_view text) {
  const auto number = [](std::string_view digits) -> std::optional<int> {
    if (digits.empty() || digits.size() > 9 || digits.front() == '0') return std::nullopt;
    int value = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + (c - '0');
    }
    return value;
  };
  const size_t dash = text.find('-');
  const auto first = number(text.substr(0, dash));
  const auto last = dash == std::string_view::npos ? first : number(text.substr(dash + 1));
  if (!first || !last || *last < *first) return std::nullopt;
  return AccountRange{*first, *last};
}

std::optional<MappingTarget> ResolveMappingTarget(const AccountsFile& accounts, const std::string& till,
                                                  std::string* why) {
  MappingTarget target;
  const std::vector<std::string> parts = Split(till, '.');
  if (till == "eget_kapital") {
    target.kind = MappingTarget::Kind::kEquity;
    target.line = "balansrakning.eget_kapital";
    target.credit = true;
    target.prior_figure = "br.eget_kapital";
    return target;
  }
  if (parts.size() == 2 && (parts[0] == "resultatrakning" || parts[0] == "balansrakning")) {
    bool known = false;
    target.result = parts[0] == "resultatrakning";
    target.value = target.result ? FindMoneyField(accounts.resultatrakning, parts[1], &known)
                                 : FindMoneyField(accounts.balansrakning, parts[1], &known);
    if (!known) {
      *why = "the " + parts[0] + " has no line `" + parts[1] + "`";
      return std::nullopt;
    }
    if (target.result && accounts.resultatrakning) target.unit = accounts.resultatrakning->enhet;
    if (!target.result && accounts.balansrakning) target.unit = accounts.balansrakning->enhet;
    target.line = till;
    target.credit = IsCreditLine(till);
    if (!target.result) target.prior_figure = "br." + parts[1];
    return target;
  }
  if (parts.size() < 2 || parts.size() > 3 || parts[0] != "noter") {
    *why = "name noter.NOTE.ITEM, noter.NOTE (an avsattning or anlaggning note), resultatrakning.LINE, "
           "balansrakning.LINE or eget_kapital";
    return std::nullopt;
  }
  const auto note = std::find_if(accounts.noter.begin(), accounts.noter.end(),
                                 [&](const Note& n) { return n.id.value.name == parts[1]; });
  if (note == accounts.noter.end()) {
    *why = "there is no note `" + parts[1] + "`";
    return std::nullopt;
  }
  target.note = &*note;
  const bool provision = note->typ && note->typ->value == NoteKind::kProvision;
  if (note->avser.empty()) {
    *why = "note `" + parts[1] + "` names no statement line (avser)";
    return std::nullopt;
  }
  if (IsFixedAssetNote(*note)) {
    // Its asset accounts, acquisition values and accumulated depreciation together, close at
    // the redovisat värde; its items are movements, which no account's balance gives.
    if (parts.size() == 3) {
      *why = "the items of an anlaggning note are the year's movements of the acquisition value, which no "
             "account's balance gives: map the note itself (noter." + parts[1] + "), to check its redovisat värde";
      return std::nullopt;
    }
    target.kind = MappingTarget::Kind::kFixedAssetNote;
    target.line = note->avser[0].value;
    target.prior_figure = "br." + note->avser[0].value.substr(note->avser[0].value.find('.') + 1);
    return target;
  }
  if (parts.size() == 2) {
    if (!provision) {
      *why = "map the items of note `" + parts[1] + "` (noter." + parts[1] + ".ITEM); only an avsattning or "
             "anlaggning note is mapped whole";
      return std::nullopt;
    }
    target.kind = MappingTarget::Kind::kProvisionNote;
    target.line = note->avser[0].value;
    target.credit = true;
    target.prior_figure = "not." + parts[1] + ".utgaende";
    return target;
  }
  if (provision) {
    *why = "the items of an avsattning note are the year's movements, from the actuary: map the note itself "
           "(noter." + parts[1] + ")";
    return std::nullopt;
  }
  const auto item = std::find_if(note->poster.begin(), note->poster.end(),
                                 [&](const NoteItem& i) { return i.id && i.id->value.name == parts[2]; });
  if (item == note->poster.end()) {
    *why = "note `" + parts[1] + "` has no item with id `" + parts[2] + "` (give the item an id to map to it)";
    return std::nullopt;
  }
  target.item = &*item;
  target.line = note->avser[0].value;
  if (note->avser.size() > 1) {
    target.line.clear();
    for (const Located<std::string>& line : note->avser) {
      if (item->rad && line.value.substr(line.value.find('.') + 1) == item->rad->value.name) target.line = line.value;
    }
    if (target.line.empty()) {
      *why = "the item does not say which of the note's lines it belongs to (rad)";
      return std::nullopt;
    }
  }
  if (target.line.rfind("ansvarsforbindelser.", 0) == 0) {
    *why = "ansvarsförbindelser are not in the books";
    return std::nullopt;
  }
  target.kind = item->poster.empty() ? MappingTarget::Kind::kWrite : MappingTarget::Kind::kGroupItem;
  target.result = target.line.rfind("resultatrakning.", 0) == 0;
  target.credit = IsCreditLine(target.line);
  target.value = &item->belopp;
  target.unit = note->enhet;
  if (!target.result) target.prior_figure = "not." + parts[1] + "." + parts[2];
  return target;
}

}  // namespace arsred

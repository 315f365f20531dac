// The account mapping of rakenskaper.yaml (`kontomappning`): which accounts of the books go to
// which note item or statement line. Checked by validate on every run, and used by
// `arsred import-sie` to write the books' figures (cycle/import_sie.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model.h"

namespace arsred {

// An inclusive range of account numbers, compared as numbers: {3000, 3999} holds 3000 to 3999
// but not the five-digit 30100. A range whose first is above its last holds nothing.
struct AccountRange {
  int first = 0;
  int last = 0;
};

// "3010" or "3000-3099", as written in `konton`.
std::optional<AccountRange> ParseAccountRange(std::string_view text);

// What a mapping's `till` names, found in the year's rakenskaper.yaml.
struct MappingTarget {
  enum class Kind {
    kWrite,          // a value the import writes: a note item's belopp, or a line given directly
    kGroupItem,      // checked only: a note item whose amount is the sum of its poster
    kProvisionNote,  // checked only: an avsattning note's closing balance
    kFixedAssetNote,  // checked only: an anlaggning note's redovisat värde
    kEquity,         // checked only: opening equity and entries booked directly against it
  };
  Kind kind = Kind::kWrite;
  std::string line;      // the statement line: "resultatrakning.finansiella_intakter"
  bool result = false;   // a resultaträkning line (#RES), else a balansräkning one (#UB)
  bool credit = false;   // its amounts are credits in the books: income, provisions, debts, equity
  const NoteItem* item = nullptr;                    // kWrite of an item, kGroupItem
  const Note* note = nullptr;                        // the item's note, or kProvisionNote's, kFixedAssetNote's
  const std::optional<Located<Money>>* value = nullptr;  // kWrite: where the amount is written
  std::optional<Located<Unit>> unit;                 // the unit of the value's section
  std::string prior_figure;  // the figure of last year's closing balance, for #IB 0; "" for none
};

// Finds `till` in `accounts`; nullopt and `why` when it names nothing that can be mapped.
std::optional<MappingTarget> ResolveMappingTarget(const AccountsFile& accounts, const std::string& till,
                                                  std::string* why);

}  // namespace arsred

// `arsred import-sie`: the year's statement and note figures from the books, as an SIE 4 file,
// through the account mapping in rakenskaper.yaml (`kontomappning`). Each mapped figure is
// written into rakenskaper.yaml in place of its value (a number, or `ATT FYLLA I` from
// `arsred new`); everything else in the file stays as it was. Nothing is written unless every
// account with a balance is mapped and every check holds (docs/sie.md).
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model.h"
#include "sie.h"

namespace arsred {

// "3010" or "3000-3099", as written in `konton`.
std::optional<AccountRange> ParseAccountRange(std::string_view text);

// What a mapping's `till` names, found in the year's rakenskaper.yaml.
struct MappingTarget {
  enum class Kind {
    kWrite,          // a value the import writes: a note item's belopp, or a line given directly
    kGroupItem,      // checked only: a note item whose amount is the sum of its poster
    kProvisionNote,  // checked only: an avsattning note's closing balance
    kEquity,         // checked only: opening equity and entries booked directly against it
  };
  Kind kind = Kind::kWrite;
  std::string line;      // the statement line: "resultatrakning.finansiella_intakter"
  bool result = false;   // a resultaträkning line (#RES), else a balansräkning one (#UB)
  bool credit = false;   // its amounts are credits in the books: income, provisions, debts, equity
  const NoteItem* item = nullptr;                    // kWrite of an item, kGroupItem
  const Note* note = nullptr;                        // the item's note, or kProvisionNote
  const std::optional<Located<Money>>* value = nullptr;  // kWrite: where the amount is written
  std::optional<Located<Unit>> unit;                 // the unit of the value's section
  std::string prior_figure;  // the figure of last year's closing balance, for #IB 0; "" for none
};

// Finds `till` in `accounts`; nullopt and `why` when it names nothing that can be mapped.
std::optional<MappingTarget> ResolveMappingTarget(const AccountsFile& accounts, const std::string& till,
                                                  std::string* why);

struct ImportRequest {
  std::string sie_file;  // the books, e.g. bokslut-2024.se
  std::string year_dir;  // the year's inputs, e.g. inputs/2024
  bool propose_mapping = false;  // print a starting kontomappning on `out` instead of importing
};

// Returns the exit code: 0 written (or proposed), 2 refused (nothing written) with every reason
// printed.
int ImportSie(const ImportRequest& request, std::ostream& out, std::ostream& err);

}  // namespace arsred

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

#include "account_mapping.h"
#include "model.h"
#include "sie.h"

namespace arsred {

struct ImportRequest {
  std::string sie_file;  // the books, e.g. bokslut-2024.se
  std::string year_dir;  // the year's inputs, e.g. inputs/2024
  bool propose_mapping = false;  // print a starting kontomappning on `out` instead of importing
  bool dry_run = false;          // every check, and what would be written, but write nothing
};

// Returns the exit code: 0 written (or proposed), 2 refused (nothing written) with every reason
// printed.
int ImportSie(const ImportRequest& request, std::ostream& out, std::ostream& err);

}  // namespace arsred

// `arsred import-sie --propose-mapping`: a starting `kontomappning` for a year, made from the
// books' accounts and the year's notes, for the economist to review before using it. Each
// account with a balance goes to the statement line its number belongs to in BAS (or Kommun-Bas,
// by #KPTYP), and there to the note item whose text best matches the account's name.
#pragma once

#include <string>

#include "model.h"
#include "sie.h"

namespace arsred {

// The proposal as YAML: a `kontomappning:` block with a comment on each entry saying which
// account and item it matched, and comments for the accounts it could not place.
std::string ProposeMapping(const SieFile& books, const AccountsFile& accounts, const std::string& books_name);

}  // namespace arsred

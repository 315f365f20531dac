// The second part of the SIE reader (sie.h): the records of a file into the structs of sie.h.
//
// Each line is lexed (sie_lexer.h) and its record decoded by its label: the file's description
// (#FLAGGA to #VALUTA), the years (#RAR), the accounts (#KONTO, #KTYP), the balances (#IB, #UB,
// #RES) and the vouchers (#VER and the #TRANS of its { } block). A record with an error is left
// out. Once the file is read, what needs it whole and only the records can tell is checked: a
// voucher left open, the records the file must have, years and accounts used but not declared.
// The checks of the books themselves are sie_ledger_checks' part.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "diagnostics.h"
#include "sie.h"
#include "sie_lexer.h"

namespace arsred {

// Reads the records of a file's text (LF line ends; file `file` of the SourceSet). What is left
// out for an error is noted in the result's `unread`.
SieFile ReadSieRecords(std::string_view text, SieEncoding encoding, int file, Diagnostics& diagnostics);

// An amount as SIE writes it ("1234.5", "-989750.00", "12") in öre. Refuses a comma, spaces,
// a plus sign, an exponent, more than two decimals and more than 15 digits of kronor; `why`
// then says what is wrong.
std::optional<int64_t> ParseSieAmount(std::string_view text, std::string* why);

}  // namespace arsred

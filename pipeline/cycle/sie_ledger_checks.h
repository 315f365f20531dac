// The third part of the SIE reader (sie.h): what must hold of the books read, as a ledger.
//
// Each voucher balances, checked as its } is read so that an unbalanced one is not kept. Once the
// whole file is read: each year starts the day after the one before ends, #IB and #UB are given
// for balance accounts and #RES for result accounts, each year's balances add up, and a year
// opens where the one before closed (docs/sie.md, "The whole-file checks").
#pragma once

#include <string>

#include "diagnostics.h"
#include "sie.h"

namespace arsred {

// Whether the voucher's #TRANS amounts add up to 0; when not, reports it at its #VER
// (sie.voucher) and returns false.
bool CheckVoucherBalances(const SieVoucher& voucher, Diagnostics& diagnostics);

// The checks of the whole file. The balances are not checked when a balance record was left out
// for an error (sie.unread), and against the vouchers not when a voucher was: the record left out
// would make them fail for no further reason, and its error is reported already.
void CheckLedger(const SieFile& sie, Diagnostics& diagnostics);

// A year index as findings name it: "year -1".
std::string SieYearName(int index);

}  // namespace arsred

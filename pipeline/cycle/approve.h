// `arsred approve` and `arsred reopen`: recording a year as the board approved it, and
// reopening it for a change (validate/approval.h checks a year against the record).
#pragma once

#include <iosfwd>
#include <string>

namespace arsred {

// `arsred approve <year-dir>` and `arsred reopen <year-dir> --reason R`; exit codes as the
// command line's.
int ApproveYear(const std::string& year_dir, std::ostream& err);
int ReopenYear(const std::string& year_dir, const std::string& reason, std::ostream& err);

}  // namespace arsred

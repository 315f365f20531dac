// An approved year stays as the board approved it. `arsred approve` records, in the year's
// `faststallande.yaml`, a fingerprint of each of its files' figures and texts (comments and
// layout of the YAML do not count); any later change to them is an error until
// `arsred reopen` reopens the year, with a reason that the file keeps.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "load.h"

namespace arsred {

// The fingerprint (SHA-256 of a canonical form of the loaded values) of each file that the report
// year's report reads: its own files by name, the books it was imported from (by their bytes),
// and the earlier years' files it prints figures from as "2024/rakenskaper.yaml".
std::map<std::string, std::string> FingerprintReport(const InputSet& inputs);

// Whether `year` has been approved and not reopened since.
bool IsApproved(const YearInput& year);

// After validation, for every year loaded (the report year, and the earlier years whose figures
// it prints): an error (approval.changed) for each file of an approved year that differs from
// what was approved; a warning (approval.missing) when the report year is marked slutlig but was
// never approved.
void CheckApprovals(const InputSet& inputs, Diagnostics& diagnostics);

// faststallande.yaml as read: the date of the decision it records and the fingerprints, or
// none when the year was reopened since; and the reopenings, kept as its history.
struct ApprovalRecord {
  bool exists = false;
  std::string approved;                       // the styrelsebeslut date
  std::map<std::string, std::string> files;   // empty once reopened
  std::vector<std::pair<std::string, std::string>> reopened;  // (the approval's date, why)
  std::string unreadable;  // why the record could not be read, with its line; empty when it could
};

ApprovalRecord ReadApproval(const std::string& year_dir);
// The text of faststallande.yaml for `record`.
std::string ApprovalText(const ApprovalRecord& record);

}  // namespace arsred

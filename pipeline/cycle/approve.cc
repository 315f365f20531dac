#include "approve.h"

#include <filesystem>
#include <ostream>

#include "approval.h"
#include "load.h"
#include "validate.h"
#include "write_file.h"

namespace fs = std::filesystem;

namespace arsred {

int ApproveYear(const std::string& year_dir, std::ostream& err) {
  InputSet inputs;
  Diagnostics diagnostics;
  if (!LoadInputs(year_dir, inputs, diagnostics)) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    return kExitErrors;
  }
  Validate(inputs, diagnostics);
  CheckApprovals(inputs, diagnostics);
  const YearInput& year = inputs.report();
  const OrgFile& org = year.files.forbund;
  ApprovalRecord record = ReadApproval(year.dir);
  if (!record.files.empty()) {
    err << "arsred: approve: " << year.dir << " was approved already (" << record.approved
        << "); to approve it again, reopen it first: arsred reopen " << year.dir << " --reason \"…\"\n";
    return kExitErrors;
  }
  if (!org.status || org.status->value != Status::kFinal || !org.styrelsebeslut) {
    err << "arsred: approve: " << year.dir << " records the board's approval: set `status: slutlig` and "
        << "`styrelsebeslut` (the date of the decision) in forbund.yaml first\n";
    return kExitErrors;
  }
  // A year reopened is approved again by a new decision of the board: a styrelsebeslut left as it
  // was would record the corrected report as decided when the first one was (ISO dates compare
  // as text).
  const std::string decided = org.styrelsebeslut->value.ToString();
  if (!record.reopened.empty() && decided <= record.reopened.back().first) {
    err << "arsred: approve: " << year.dir << " was approved on " << record.reopened.back().first
        << " and reopened; its new approval is a new decision of the board: set `styrelsebeslut` in forbund.yaml to "
           "the date of that decision (it says "
        << decided << "); nothing was written\n";
    return kExitErrors;
  }
  if (diagnostics.HasErrors()) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: approve: a year with errors is not approved; nothing was written\n";
    return kExitErrors;
  }
  record.approved = decided;
  record.files = FingerprintReport(inputs);
  try {
    WriteFileAtomically(fs::path(year_dir) / kApprovalFileName, ApprovalText(record));
  } catch (const std::exception& failure) {
    err << "arsred: approve: " << failure.what() << "; nothing was written\n";
    return kExitErrors;
  }
  err << "arsred: approve: recorded " << year.dir << " as approved on " << record.approved << " ("
      << record.files.size() << " files, in " << kApprovalFileName << ")\n";
  return kExitClean;
}

int ReopenYear(const std::string& year_dir, const std::string& reason, std::ostream& err) {
  ApprovalRecord record = ReadApproval(year_dir);
  if (record.files.empty()) {
    err << "arsred: reopen: " << year_dir << " is not approved (no " << kApprovalFileName
        << " with fingerprints); nothing to reopen\n";
    return kExitErrors;
  }
  record.reopened.emplace_back(record.approved, reason);
  record.files.clear();
  try {
    WriteFileAtomically(fs::path(year_dir) / kApprovalFileName, ApprovalText(record));
  } catch (const std::exception& failure) {
    err << "arsred: reopen: " << failure.what() << "; nothing was written\n";
    return kExitErrors;
  }
  err << "arsred: reopen: " << year_dir << " may be changed again; the reason is kept in " << kApprovalFileName
      << ". Approve it again when the board has: arsred approve " << year_dir << "\n";
  return kExitClean;
}

}  // namespace arsred

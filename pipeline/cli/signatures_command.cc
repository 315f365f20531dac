// arsred signatures: who has signed a report, whether each signature holds, and with --archive
// whether what they signed is the report the archive rebuilds.
#include "command.h"

#include <filesystem>
#include <ostream>
#include <string>

#include "archive.h"
#include "diagnostics.h"
#include "read_file.h"
#include "signatures.h"

namespace arsred {

namespace {

namespace fs = std::filesystem;

// The archived report: the one PDF at the top of the archive's directory.
fs::path ArchivedReport(const fs::path& archive) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(archive, ec)) {
    if (entry.path().extension() == ".pdf") return entry.path();
  }
  return {};
}

// Whether the first revision of `signed_pdf` is, byte for byte, the report that `archive`
// holds and rebuilds from its sources (arsred verify).
bool FirstRevisionIsArchived(const std::string& signed_pdf, size_t first_revision_end, const std::string& archive,
                             std::ostream& err) {
  if (VerifyArchive(archive, /*recorded_seal=*/"", err) != kExitClean) {
    err << "arsred: signatures: the archive does not rebuild its report (above), so it proves nothing\n";
    return false;
  }
  const fs::path report = ArchivedReport(archive);
  std::string why;
  const std::optional<std::string> archived = report.empty() ? std::nullopt : ReadWholeFile(report, &why);
  if (!archived) {
    err << "arsred: signatures: " << archive << ": no archived report to compare with\n";
    return false;
  }
  if (signed_pdf.compare(0, first_revision_end, *archived) != 0 || archived->size() != first_revision_end) {
    err << "arsred: signatures: the signed report's first revision is not " << report.string()
        << ": the signatures are on another report\n";
    return false;
  }
  err << "arsred: signatures: the first revision is " << report.string()
      << " byte for byte, which the archive rebuilds from its sources\n";
  return true;
}

}  // namespace

int SignaturesCommand(const CommandContext& ctx) {
  po::options_description options("signatures options");
  options.add_options()("report", po::value<std::string>()->required(), "the signed report (PDF)")(
      "archive", po::value<std::string>()->default_value(""), "the year's archive, to prove what was signed")(
      "all-seats", po::bool_switch(), "also fail (exit 2) while a seat has not signed: the round is complete");
  po::positional_options_description positional;
  positional.add("report", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred signatures <signed.pdf> [--archive DIR] [--all-seats]\n"
      "Lists each seat's signature: who signed (the certificate's subject), when, and whether it\n"
      "holds: its byte range covers all of its revision but the signature itself, the digest\n"
      "matches, the CMS verifies with its certificate, and the certificate could sign then. Then\n"
      "the seats that have not signed. With --archive, also whether the first revision is byte for\n"
      "byte the report that archive rebuilds. Exit 0 when every signature present holds (and the\n"
      "archive agrees), 2 otherwise; with --all-seats, 2 also while a seat has not signed.\n"
      "See docs/signing.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  const std::string report = vm["report"].as<std::string>();
  std::string why;
  const std::optional<std::string> pdf = ReadWholeFile(report, &why);
  ReportSignatures signatures;
  if (!pdf || !CheckSignatures(*pdf, signatures, &why)) {
    ctx.err << "arsred: signatures: " << report << ": " << why << "\n";
    return kExitErrors;
  }
  if (signatures.seats.empty()) {
    ctx.err << "arsred: signatures: " << report << " has no signature fields (a draft, or not arsred's)\n";
    return kExitErrors;
  }
  bool all_hold = true;
  size_t signed_count = 0;
  for (const SeatSignature& seat : signatures.seats) {
    if (!seat.is_signed) continue;
    if (!seat.not_this_seats) ++signed_count;
    ctx.out << seat.seat << ": signed by " << (seat.signer.empty() ? "?" : seat.signer) << ", " << seat.when;
    if (!seat.timestamp.empty()) ctx.out << ", timestamped " << seat.timestamp;
    if (seat.problems.empty()) {
      ctx.out << ": valid" << (seat.whole_file ? " (covers the whole file)" : "") << "\n";
      if (const std::string note = SignerNameNote(seat); !note.empty()) ctx.out << "  note: " << note << "\n";
      continue;
    }
    all_hold = false;
    ctx.out << ": NOT VALID\n";
    for (const std::string& problem : seat.problems) ctx.out << "  " << problem << "\n";
  }
  for (const SeatSignature& seat : signatures.seats) {
    if (seat.prepared) {
      ctx.out << seat.seat << ": prepared for a signing service, not signed yet (" << seat.tooltip << ")\n";
    } else if (!seat.is_signed) {
      ctx.out << seat.seat << ": not signed yet (" << seat.tooltip << ")\n";
    }
  }
  ctx.out << signed_count << " of " << signatures.seats.size() << " seats signed\n";
  const bool round_incomplete = vm["all-seats"].as<bool>() && signed_count < signatures.seats.size();
  if (round_incomplete) {
    ctx.err << "arsred: signatures: " << signatures.seats.size() - signed_count
            << " of the seats have not signed yet (--all-seats)\n";
  }
  if (!signatures.unsigned_changes.empty()) {
    all_hold = false;
    ctx.out << "NOT SIGNED: the file was changed after signing, where no signature covers it:\n";
    for (const std::string& change : signatures.unsigned_changes) ctx.out << "  " << change << "\n";
  }
  const std::string archive = vm["archive"].as<std::string>();
  const bool signatures_hold = all_hold;
  if (!archive.empty() && !FirstRevisionIsArchived(*pdf, signatures.first_revision_end, archive, ctx.err)) {
    all_hold = false;
  }
  if (!archive.empty() && !signatures_hold) {
    ctx.err << "arsred: signatures: but the signatures do not all hold (above): they do not prove the report as "
               "this file has it\n";
  }
  return all_hold && !round_incomplete ? kExitClean : kExitErrors;
}

}  // namespace arsred

#include "signatures.h"

#include <ctime>

#include "cades.h"
#include "signed_pdf.h"

namespace arsred {

namespace {

// Where each revision of `pdf` ends: after each "%%EOF" and the line end that follows it.
std::vector<size_t> RevisionEnds(const std::string& pdf) {
  std::vector<size_t> ends;
  for (size_t at = pdf.find("%%EOF"); at != std::string::npos; at = pdf.find("%%EOF", at + 5)) {
    size_t end = at + 5;
    if (end < pdf.size() && pdf[end] == '\r') ++end;
    if (end < pdf.size() && pdf[end] == '\n') ++end;
    ends.push_back(end);
  }
  return ends;
}

void CheckOne(const std::string& pdf, const std::vector<size_t>& revision_ends, const SignatureFieldInPdf& field,
              SeatSignature& out) {
  if (field.sub_filter != "/ETSI.CAdES.detached" && field.sub_filter != "/adbe.pkcs7.detached") {
    out.problems.push_back("a signature of a kind not checked here (" + field.sub_filter + ")");
    return;
  }
  std::time_t when = 0;
  if (ParsePdfDate(field.signing_time, &when)) {
    out.when = UtcText(when);
  } else {
    out.problems.push_back("no signing time (/M)");
  }
  // The range: from the start to the '<' of /Contents, and from after its '>' to the end of a
  // revision, so that all the signer saw is covered and only the signature itself is not.
  const std::vector<long long>& r = field.byte_range;
  const bool shaped = r.size() == 4 && r[0] == 0 && r[1] > 0 && r[2] > r[1] && r[3] >= 0 &&
                      static_cast<unsigned long long>(r[2] + r[3]) <= pdf.size();
  if (!shaped) {
    out.problems.push_back("its /ByteRange is not two parts of this file");
    return;
  }
  const size_t a = static_cast<size_t>(r[1]), b = static_cast<size_t>(r[2]), end = static_cast<size_t>(r[2] + r[3]);
  if (pdf[a] != '<' || pdf[b - 1] != '>' || b - a - 2 != 2 * field.contents.size()) {
    out.problems.push_back("its /ByteRange leaves out more than its /Contents");
  }
  bool ends_revision = false;
  for (size_t revision_end : revision_ends) ends_revision = ends_revision || revision_end == end;
  if (!ends_revision) out.problems.push_back("its /ByteRange stops short of the end of its revision");
  out.whole_file = end == pdf.size() || end == revision_ends.back();
  const std::string problem =
      VerifyCades(field.contents, pdf.substr(0, a) + pdf.substr(b, end - b), when, &out.signer);
  if (!problem.empty()) out.problems.push_back(problem);
  const TimestampCheck timestamp = CheckTimestamp(field.contents);
  if (!timestamp.problem.empty()) out.problems.push_back("its timestamp: " + timestamp.problem);
  out.timestamp = timestamp.time;
}

}  // namespace

bool CheckSignatures(const std::string& pdf, ReportSignatures& out, std::string* error) {
  PdfForSigning file;
  if (!ReadPdfForSigning(pdf, file, error)) return false;
  const std::vector<size_t> revision_ends = RevisionEnds(pdf);
  if (revision_ends.empty()) {
    *error = "no %%EOF: not a whole PDF";
    return false;
  }
  out.first_revision_end = revision_ends.front();
  for (const SignatureFieldInPdf& field : file.fields) {
    SeatSignature seat;
    seat.seat = field.name;
    seat.tooltip = field.tooltip;
    seat.prepared = field.awaits_signature();
    seat.is_signed = field.is_signed && !seat.prepared;
    if (seat.is_signed) CheckOne(pdf, revision_ends, field, seat);
    out.seats.push_back(seat);
  }
  return true;
}

}  // namespace arsred

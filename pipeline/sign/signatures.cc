#include "signatures.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <ctime>

#include "cades.h"
#include "signed_pdf.h"
#include "values.h"

namespace arsred {

namespace {

// A revision of the file: its bytes end with "%%EOF", and, counted with it, the line end that
// follows. A signature may cover its revision with the line end or without it.
struct Revision {
  size_t start = 0;
  size_t eof_end = 0;  // just past "%%EOF"
  size_t end = 0;      // past the line end after it too
  bool EndsAt(size_t at) const { return at >= eof_end && at <= end; }
};

// The file's revisions, oldest first: each runs from the end of the one before to after its
// "%%EOF" and line end.
std::vector<Revision> Revisions(const std::string& pdf) {
  std::vector<Revision> revisions;
  for (size_t at = pdf.find("%%EOF"); at != std::string::npos; at = pdf.find("%%EOF", at + 5)) {
    Revision revision;
    revision.start = revisions.empty() ? 0 : revisions.back().end;
    revision.eof_end = revision.end = at + 5;
    if (revision.end < pdf.size() && pdf[revision.end] == '\r') ++revision.end;
    if (revision.end < pdf.size() && pdf[revision.end] == '\n') ++revision.end;
    revisions.push_back(revision);
  }
  return revisions;
}

// Where the file's content ends: trailing white space (line ends a tool adds) is nothing.
size_t ContentEnd(const std::string& pdf) {
  const size_t last = pdf.find_last_not_of(std::string(" \t\r\n\f\0", 6));
  return last == std::string::npos ? 0 : last + 1;
}

std::string Bytes(size_t start, size_t end) {
  return "bytes " + std::to_string(start) + "–" + std::to_string(end) + " (" + std::to_string(end - start) +
         " bytes)";
}

// What the objects written in `pdf[start, end)` are, as far as their dictionaries tell, for a
// reader to see what an unsigned change did: "the field `region`, a page, object 1333".
std::string WhatItWrites(const std::string& pdf, size_t start, size_t end, const PdfForSigning& file) {
  std::string out;
  for (size_t at = pdf.find(" obj", start); at != std::string::npos && at < end; at = pdf.find(" obj", at + 4)) {
    // "N G obj" at the start of a line.
    size_t number_start = pdf.find_last_of("\r\n", at);
    number_start = number_start == std::string::npos ? 0 : number_start + 1;
    if (number_start < start) continue;
    char* after = nullptr;
    const long object = std::strtol(pdf.c_str() + number_start, &after, 10);
    if (after == pdf.c_str() + number_start || *after != ' ') continue;
    std::string what = "object " + std::to_string(object);
    // The object's dictionary, up to its stream or end (and no further than 1000 bytes): where
    // its /Type is.
    size_t head_end = std::min({end, at + 1000, pdf.find("endobj", at), pdf.find("stream", at)});
    const std::string head = pdf.substr(at, head_end - at);
    const auto has_type = [&](const std::string& type) {
      for (const std::string& spelling : {"/Type " + type, "/Type" + type}) {
        const size_t found = head.find(spelling);
        if (found != std::string::npos) {
          const size_t next = found + spelling.size();
          if (next >= head.size() || !std::isalnum(static_cast<unsigned char>(head[next]))) return true;
        }
      }
      return false;
    };
    if (has_type("/Page")) what = "a page (object " + std::to_string(object) + ")";
    if (has_type("/Annot")) what = "an annotation (object " + std::to_string(object) + ")";
    if (has_type("/Sig")) what = "a signature dictionary (object " + std::to_string(object) + ")";
    // A signature field is its widget annotation too: its name says more.
    for (const SignatureFieldInPdf& field : file.fields) {
      if (field.object == object) what = "the field `" + field.name + "`";
    }
    if (object == file.form_object) what = "the form";
    out += (out.empty() ? "" : ", ") + what;
  }
  return out;
}

// The file as it stood at the end of `end`, read; false when it cannot be read so.
bool ReadRevision(const std::string& pdf, size_t end, PdfForSigning& out) {
  std::string ignored;
  return ReadPdfForSigning(pdf.substr(0, end), out, &ignored);
}

// Whether the file as it stood at `revision`'s end has a signature (or one prepared) whose
// /ByteRange ends there: the revision is that signature's own.
bool IsSignaturesOwn(const std::string& pdf, const Revision& revision) {
  PdfForSigning then;
  if (!ReadRevision(pdf, revision.end, then)) return false;
  for (const SignatureFieldInPdf& field : then.fields) {
    const std::vector<long long>& r = field.byte_range;
    if (field.is_signed && r.size() == 4 && r[2] >= 0 && r[3] >= 0 &&
        revision.EndsAt(static_cast<size_t>(r[2] + r[3]))) {
      return true;
    }
  }
  return false;
}

void CheckOne(const std::string& pdf, const std::vector<Revision>& revisions, const SignatureFieldInPdf& field,
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
  out.range_end = end;
  if (pdf[a] != '<' || pdf[b - 1] != '>' || b - a - 2 != 2 * field.contents.size()) {
    out.problems.push_back("its /ByteRange leaves out more than its /Contents");
  }
  const bool ends_revision =
      std::any_of(revisions.begin(), revisions.end(), [&](const Revision& revision) { return revision.EndsAt(end); });
  if (!ends_revision) out.problems.push_back("its /ByteRange stops short of the end of its revision");
  // The seat's field must hold this signature already in the signature's own revision: a /V
  // set later, in a change no signature covers, is not the seat's signature.
  PdfForSigning then;
  const bool read = ReadRevision(pdf, end, then);
  const bool field_had_it = read && std::any_of(then.fields.begin(), then.fields.end(), [&](const auto& earlier) {
                              return earlier.object == field.object && earlier.byte_range == field.byte_range;
                            });
  if (!field_had_it) {
    out.not_this_seats = true;
    out.problems.push_back("this field did not hold the signature when it was signed: it was put here (/V) "
                           "later, by a change no signature covers, so the seat has not signed");
  }
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
  const std::vector<Revision> revisions = Revisions(pdf);
  if (revisions.empty()) {
    *error = "no %%EOF: not a whole PDF";
    return false;
  }
  out.first_revision_end = revisions.front().end;
  size_t newest = 0;  // where the newest signature's range ends
  for (const SignatureFieldInPdf& field : file.fields) {
    SeatSignature seat;
    seat.seat = field.name;
    seat.tooltip = field.tooltip;
    seat.prepared = field.awaits_signature();
    seat.is_signed = field.is_signed && !seat.prepared;
    if (seat.is_signed) CheckOne(pdf, revisions, field, seat);
    newest = std::max(newest, seat.range_end);
    out.seats.push_back(seat);
  }
  // Every revision after the report as built is a signature's own (or one prepared for a
  // service): any other is a change made after signing that nobody signed.
  for (size_t i = 1; i < revisions.size(); ++i) {
    if (IsSignaturesOwn(pdf, revisions[i])) continue;
    const std::string writes = WhatItWrites(pdf, revisions[i].start, revisions[i].end, file);
    out.unsigned_changes.push_back(Bytes(revisions[i].start, revisions[i].end) +
                                   ": a revision that no signature ends at, a change nobody signed" +
                                   (writes.empty() ? "" : " (it writes " + writes + ")"));
  }
  // Bytes after the last "%%EOF" are no revision at all, but a reader may still take them as
  // one (an update without its "%%EOF"); only white space may follow.
  const size_t content_end = ContentEnd(pdf);
  if (content_end > revisions.back().end) {
    const std::string writes = WhatItWrites(pdf, revisions.back().end, content_end, file);
    out.unsigned_changes.push_back(Bytes(revisions.back().end, content_end) +
                                   ": after the last %%EOF, which no signature covers" +
                                   (writes.empty() ? "" : " (it writes " + writes + ")"));
  }
  // The newest signature covers the whole file only when nothing but white space follows it.
  for (SeatSignature& seat : out.seats) seat.whole_file = seat.range_end == newest && newest >= content_end;
  return true;
}

std::string SignerNameNote(const SeatSignature& seat) {
  std::vector<std::string> parts;
  for (size_t start = 0;;) {
    const size_t comma = seat.tooltip.find(", ", start);
    parts.push_back(seat.tooltip.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  if (parts.size() != 3 || parts[0].empty()) return "";  // no name given for the seat
  const std::string& name = parts[0];
  const size_t cn_at = seat.signer.find("CN = ");
  if (cn_at == std::string::npos) return "";
  const size_t cn_end = seat.signer.find(", ", cn_at);
  const std::string common_name = LowerLatin1(seat.signer.substr(cn_at + 5, cn_end == std::string::npos
                                                                                ? std::string::npos
                                                                                : cn_end - cn_at - 5));
  const std::string wanted = LowerLatin1(name);
  for (size_t start = 0; start < wanted.size();) {
    size_t space = wanted.find(' ', start);
    if (space == std::string::npos) space = wanted.size();
    const std::string word = wanted.substr(start, space - start);
    if (!word.empty() && common_name.find(word) == std::string::npos) {
      return "the certificate's name is not " + name + ", whom the report names for this seat: is it the right "
             "person's?";
    }
    start = space + 1;
  }
  return "";
}

}  // namespace arsred

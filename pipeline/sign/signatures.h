// `arsred signatures`: who has signed a report, whether each signature holds, and who has not
// signed yet.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace arsred {

struct SeatSignature {
  std::string seat;     // the field's name
  std::string tooltip;  // who signs, in words
  bool is_signed = false;
  bool prepared = false;  // reserved for a signing service (`sign --prepare`), not signed yet
  std::string signer;   // the certificate's subject
  std::string when;     // /M, as "2025-03-14 09:30:00 UTC"
  size_t range_end = 0;             // where its /ByteRange ends
  bool whole_file = false;          // the newest, and nothing but white space follows it
  // Its /V was set after the signature's own revision: not the seat's signature at all.
  bool not_this_seats = false;
  std::string timestamp;            // the time of its RFC 3161 timestamp (B-T), or ""
  std::vector<std::string> problems;  // empty: valid
};

struct ReportSignatures {
  std::vector<SeatSignature> seats;  // in the order of the form's fields
  // The report as built: the bytes up to the end of the first revision.
  size_t first_revision_end = 0;
  // What no signature covers as its own: each later revision that is not a signature's own,
  // and bytes after the last %%EOF; each named by its bytes and what it writes.
  std::vector<std::string> unsigned_changes;
};

// Reads and checks every signature field of `pdf`: each signature's byte range (from the start,
// around its /Contents only, to the end of a revision), its digest and CMS, that its
// certificate could sign at its /M, and that its field held it in its own revision; and that
// every revision after the first is a signature's own. False with `error` when the file cannot be read as a PDF.
bool CheckSignatures(const std::string& pdf, ReportSignatures& out, std::string* error);

// A note when the seat names its ledamot (its field's tooltip: "Name, Role, Member") and the
// signer's certificate (its CN) does not carry every word of that name; "" otherwise. Whether
// the right person signed is the board's to judge, and a certificate may spell a name otherwise:
// this only puts the two side by side. A new user's chair's certificate signed another seat.
std::string SignerNameNote(const SeatSignature& seat);

}  // namespace arsred

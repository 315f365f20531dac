// `arsred sign`: a ledamot signs a final report in the signature field of their seat, with a
// PAdES baseline B-B signature (ETSI EN 319 142-1) appended as an incremental update, so that the
// report's own bytes, and every earlier signature, stay as they were.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>

namespace arsred {

// One of three ways: with a key of one's own (`pkcs12`); or through a signing service, first
// `prepare` (reserve the field, write the data to sign) and then `attach` (put the service's
// CMS in place). A signature is then timestamped (PAdES B-T) with a token got elsewhere for the
// data `timestamp_data` writes.
struct SignRequest {
  std::string report;         // the final report (PDF), as arsred built it or as others signed it
  std::string seat;           // the field's name: the seat's id
  std::string pkcs12;         // the key and certificate
  std::string prepare;        // where to write the data a signing service signs
  std::string attach;         // the CMS (DER) a signing service returned
  std::string timestamp_data; // where to write the signature value a timestamp covers
  std::string timestamp;      // an RFC 3161 timestamp token (DER) for the seat's signature
  std::string password_file;  // the PKCS#12 password on its first line; "" for none
  std::string output;         // where the signed report goes; "" for the report itself
  // The signing time for /M, "YYYY-MM-DDTHH:MM:SSZ" (UTC) or "YYYY-MM-DD"; "" for the clock.
  std::string date;
};

// Returns the exit code: 0 signed, 2 refused (the file left as it was) with the reason on `err`.
int SignReport(const SignRequest& request, std::ostream& err);

}  // namespace arsred

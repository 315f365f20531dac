#include "sign.h"

#include <ctime>
#include <filesystem>
#include <ostream>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "cades.h"
#include "diagnostics.h"
#include "read_file.h"
#include "sha256.h"
#include "signatures.h"
#include "signed_pdf.h"
#include "values.h"
#include "write_file.h"

namespace arsred {

namespace {

// Room for the CMS in /Contents: a signature with its certificate and a chain of two or three
// takes 2 to 6 KB; a timestamp token would add about as much.
constexpr size_t kContentsBytes = 16384;

// "2025-03-14T09:30:00Z" or "2025-03-14" (noon UTC, so that the day is the same everywhere);
// false when it is neither.
bool ParseSigningTime(const std::string& text, std::time_t* when) {
  std::tm tm{};
  int consumed = 0;
  if (text.size() == 10 && std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                                       &consumed) == 3 && consumed == 10) {
    tm.tm_hour = 12;
  } else if (text.size() != 20 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &tm.tm_year, &tm.tm_mon,
                                              &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &consumed) != 6 ||
             consumed != 20) {
    return false;
  }
  if (!IsRealDate(tm.tm_year, tm.tm_mon, tm.tm_mday) || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *when = timegm(&tm);
  return *when != static_cast<std::time_t>(-1);
}

// What every way of signing starts from: the report, read and found to be a final report of
// arsred's with a field for the seat.
struct Signing {
  const SignRequest& request;
  std::ostream& err;
  std::string pdf;
  PdfForSigning file;
  const SignatureFieldInPdf* field = nullptr;

  int Refuse(const std::string& why) const {
    err << "arsred: sign: " << why << "; nothing was written\n";
    return kExitErrors;
  }
  std::string Output() const { return request.output.empty() ? request.report : request.output; }
};

// Reads the report and finds the seat's field; "" when signing may go on, else why not.
std::string Open(Signing& s) {
  std::string why;
  const std::optional<std::string> pdf = ReadWholeFile(s.request.report, &why);
  if (!pdf) return s.request.report + ": " + why;
  s.pdf = *pdf;
  if (!ReadPdfForSigning(s.pdf, s.file, &why)) return s.request.report + ": " + why;
  if (s.file.creator != "arsred" || !s.file.pdfa || s.file.fields.empty()) {
    return s.request.report + ": not a final report made by arsred (a PDF/A with a signature field for each "
                              "seat: `arsred build --final`)";
  }
  // A new signature covers the whole file: it must not seem to approve a change no one signed,
  // nor be added beside signatures that no longer hold.
  ReportSignatures signatures;
  if (!CheckSignatures(s.pdf, signatures, &why)) return s.request.report + ": " + why;
  if (!signatures.unsigned_changes.empty()) {
    return s.request.report + " was changed after it was signed, where no signature covers it (" +
           signatures.unsigned_changes.front() + "): not a final report as arsred and its signers left it";
  }
  for (const SeatSignature& seat : signatures.seats) {
    if (!seat.problems.empty()) {
      return s.request.report + ": the signature of `" + seat.seat + "` does not hold (" + seat.problems.front() +
             "); `arsred signatures` tells more";
    }
  }
  std::string names;
  for (const SignatureFieldInPdf& f : s.file.fields) {
    if (f.name == s.request.seat) s.field = &f;
    names += (names.empty() ? "" : ", ") + f.name;
  }
  if (!s.field) return s.request.report + " has no signature field `" + s.request.seat + "`; its seats: " + names;
  return "";
}

std::string Who(const Signing& s) { return "`" + s.request.seat + "` (" + s.field->tooltip + ")"; }

// The signing time: --date, or the clock, the one place arsred reads it; "" or why not.
std::string SigningTime(const Signing& s, std::time_t* when) {
  *when = std::time(nullptr);
  if (s.request.date.empty() || ParseSigningTime(s.request.date, when)) return "";
  return "--date " + s.request.date + ": give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)";
}

// Why a seat whose field has a value takes no new signature: it is prepared for a service, or
// signed.
std::string Taken(const Signing& s) {
  return Who(s) + (s.field->awaits_signature() ? " is prepared already: attach the service's signature"
                                               : " has signed " + s.request.report + " already");
}

int SignWithKey(Signing& s) {
  if (s.field->is_signed) return s.Refuse(Taken(s));
  std::time_t when = 0;
  std::string why = SigningTime(s, &when);
  if (!why.empty()) return s.Refuse(why);
  std::string password;
  if (!s.request.password_file.empty()) {
    const std::optional<std::string> text = ReadWholeFile(s.request.password_file, &why, 1u << 16);
    if (!text) return s.Refuse(s.request.password_file + ": " + why);
    // Windows editors may begin a UTF-8 file with a byte order mark: it is no part of the password.
    const std::string_view bom = "\xEF\xBB\xBF";
    const size_t start = text->compare(0, bom.size(), bom) == 0 ? bom.size() : 0;
    password = text->substr(start, text->find_first_of("\r\n", start) - start);
  }
  const std::optional<std::string> bundle = ReadWholeFile(s.request.pkcs12, &why, 1u << 20);
  if (!bundle) return s.Refuse(s.request.pkcs12 + ": " + why);
  const std::unique_ptr<SigningKey> key = SigningKey::FromPkcs12(*bundle, password, &why);
  if (!key) return s.Refuse(s.request.pkcs12 + ": " + why);
  why = key->CannotSignAt(when);
  if (!why.empty()) return s.Refuse(s.request.pkcs12 + ": " + why + " (signing at " + UtcText(when) + ")");

  PreparedSignature prepared = PrepareSignature(s.pdf, s.file, *s.field, PdfDate(when), kContentsBytes);
  const std::string signed_bytes = SignedBytes(prepared);
  const std::string cms = key->SignCades(Sha256(signed_bytes));
  // The signature is checked as `arsred signatures` will check it, before anything is written:
  // a key OpenSSL signs with in a way the CMS does not describe would give a signature that
  // verifies nowhere.
  std::string signer;
  why = VerifyCades(cms, signed_bytes, when, &signer);
  if (!why.empty()) return s.Refuse("the signature made with " + s.request.pkcs12 + " does not verify: " + why);
  if (!PlaceSignature(prepared, cms)) {
    return s.Refuse("the signature is larger than the " + std::to_string(kContentsBytes) + " bytes reserved for it");
  }
  WriteFileAtomically(s.Output(), prepared.pdf);
  s.err << "arsred: sign: " << Who(s) << " signed by " << key->Subject() << ", " << UtcText(when)
        << "; wrote " << s.Output() << "\n";
  return kExitClean;
}

// Reserves the field and writes the bytes the signature will cover, for a signing service.
int Prepare(Signing& s) {
  if (s.field->is_signed) return s.Refuse(Taken(s));
  std::time_t when = 0;
  const std::string why = SigningTime(s, &when);
  if (!why.empty()) return s.Refuse(why);
  PreparedSignature prepared = PrepareSignature(s.pdf, s.file, *s.field, PdfDate(when), kContentsBytes);
  const std::string data = SignedBytes(prepared);
  WriteFileAtomically(s.request.prepare, data);
  WriteFileAtomically(s.Output(), prepared.pdf);
  s.err << "arsred: sign: " << Who(s) << " prepared in " << s.Output() << "; the data to sign is "
        << s.request.prepare << " (" << data.size() << " bytes, SHA-256 " << Sha256Hex(data) << ")\n";
  return kExitClean;
}

// Puts a signing service's CMS in the prepared field, after checking that it signs that data.
int Attach(Signing& s) {
  if (!s.field->awaits_signature()) {
    return s.Refuse(Who(s) + (s.field->is_signed ? " has signed already" : " is not prepared: run --prepare first"));
  }
  std::string why;
  const std::optional<std::string> cms = ReadWholeFile(s.request.attach, &why, 1u << 20);
  if (!cms) return s.Refuse(s.request.attach + ": " + why);
  // A CMS without the attribute may sign the right bytes, but is no PAdES B-B signature.
  why = NotCades(*cms);
  if (!why.empty()) return s.Refuse(s.request.attach + ": " + why + " (a signing service for PAdES adds it)");
  PreparedSignature prepared = PreparedIn(s.pdf, *s.field);
  std::time_t when = 0;
  std::string signer;
  // The field's /M is the signing time the prepared data carries.
  if (!ParsePdfDate(s.field->signing_time, &when)) return s.Refuse("the prepared field has no signing time (/M)");
  why = VerifyCades(*cms, SignedBytes(prepared), when, &signer);
  if (!why.empty()) return s.Refuse(s.request.attach + ": not a signature of the prepared data: " + why);
  if (!PlaceSignature(prepared, *cms)) {
    return s.Refuse(s.request.attach + ": larger than the " + std::to_string(kContentsBytes) + " bytes reserved");
  }
  WriteFileAtomically(s.Output(), prepared.pdf);
  s.err << "arsred: sign: " << Who(s) << " signed by " << signer << "; wrote " << s.Output() << "\n";
  return kExitClean;
}

// Writes the signature value of the seat's signature: what a timestamping authority stamps.
int TimestampData(Signing& s) {
  if (!s.field->is_signed || s.field->awaits_signature()) return s.Refuse(Who(s) + " has not signed yet");
  const std::string value = SignatureValueOf(s.field->contents);
  WriteFileAtomically(s.request.timestamp_data, value);
  s.err << "arsred: sign: the signature value of " << Who(s) << " is in " << s.request.timestamp_data << " ("
        << value.size() << " bytes, SHA-256 " << Sha256Hex(value) << "): ask a timestamping authority for a token "
        << "over it, then give it with --timestamp\n";
  return kExitClean;
}

// Adds a timestamp token to the seat's signature, in place: its /Contents is not covered by its
// own signature, so only the newest signature can take one (a later one covers it).
int Timestamp(Signing& s) {
  if (!s.field->is_signed || s.field->awaits_signature()) return s.Refuse(Who(s) + " has not signed yet");
  std::string why;
  const std::optional<std::string> token = ReadWholeFile(s.request.timestamp, &why, 1u << 20);
  if (!token) return s.Refuse(s.request.timestamp + ": " + why);
  PreparedSignature in_place = PreparedIn(s.pdf, *s.field);
  std::string time;
  std::string stamped;
  try {
    stamped = WithTimestamp(s.field->contents, *token, &time);
  } catch (const std::runtime_error& failure) {
    return s.Refuse(s.request.timestamp + ": " + failure.what());
  }
  if (!PlaceSignature(in_place, stamped)) {
    return s.Refuse("the signature with its timestamp is larger than the " + std::to_string(kContentsBytes) +
                    " bytes reserved");
  }
  WriteFileAtomically(s.Output(), in_place.pdf);
  s.err << "arsred: sign: the signature of " << Who(s) << " is timestamped " << time << "; wrote " << s.Output()
        << "\n";
  return kExitClean;
}

// Why a file sign would write is one it reads (the key, its password, a CMS, a token, or for
// the data it writes beside it, the report), or "": writing it would destroy what it reads,
// a ledamot's key above all.
std::string WritesOverAnInput(const SignRequest& request) {
  struct Named {
    const std::string& path;
    const char* what;
  };
  const std::string output = request.output.empty() ? request.report : request.output;
  const std::vector<Named> inputs{{request.pkcs12, "the key and certificate"},
                                  {request.password_file, "the password file"},
                                  {request.attach, "the signing service's CMS"},
                                  {request.timestamp, "the timestamp token"}};
  std::vector<Named> written{{output, "-o"}, {request.prepare, "--prepare"},
                             {request.timestamp_data, "--timestamp-data"}};
  for (const Named& w : written) {
    std::error_code ec;
    if (w.path.empty() || !std::filesystem::exists(w.path, ec)) continue;
    for (const Named& input : inputs) {
      if (!input.path.empty() && std::filesystem::equivalent(w.path, input.path, ec)) {
        return std::string(w.what) + " " + w.path + " is " + input.what + " sign reads; name another file";
      }
    }
    // The data for a service or a timestamp is written beside the report, never over it.
    if (&w != &written.front() && (std::filesystem::equivalent(w.path, request.report, ec) ||
                                   std::filesystem::equivalent(w.path, output, ec))) {
      return std::string(w.what) + " " + w.path + " is the report; name another file";
    }
  }
  return "";
}

}  // namespace

int SignReport(const SignRequest& request, std::ostream& err) {
  Signing s{request, err, {}, {}, nullptr};
  try {
    const std::string overwrites = WritesOverAnInput(request);
    if (!overwrites.empty()) return s.Refuse(overwrites);
    const std::string why = Open(s);
    if (!why.empty()) return s.Refuse(why);
    if (!request.prepare.empty()) return Prepare(s);
    if (!request.attach.empty()) return Attach(s);
    if (!request.timestamp_data.empty()) return TimestampData(s);
    if (!request.timestamp.empty()) return Timestamp(s);
    return SignWithKey(s);
  } catch (const std::exception& failure) {
    return s.Refuse(failure.what());
  }
}

}  // namespace arsred

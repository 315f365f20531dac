#include "sign.h"

#include <ctime>
#include <ostream>
#include <stdexcept>

#include "cades.h"
#include "diagnostics.h"
#include "read_file.h"
#include "signed_pdf.h"
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
  if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
      tm.tm_sec > 60) {
    return false;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  *when = timegm(&tm);
  return *when != static_cast<std::time_t>(-1);
}

// The same instant as a PDF date, "D:20250314093000Z", and for people, "2025-03-14 09:30:00 UTC".
std::string Formatted(std::time_t when, const char* format) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char text[40];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

}  // namespace

int SignReport(const SignRequest& request, std::ostream& err) {
  const auto refuse = [&](const std::string& why) {
    err << "arsred: sign: " << why << "; nothing was written\n";
    return static_cast<int>(kExitErrors);
  };
  try {
    std::string why;
    const std::optional<std::string> pdf = ReadWholeFile(request.report, &why);
    if (!pdf) return refuse(request.report + ": " + why);
    PdfForSigning file;
    if (!ReadPdfForSigning(*pdf, file, &why)) return refuse(request.report + ": " + why);
    if (file.creator != "arsred" || !file.pdfa || file.fields.empty()) {
      return refuse(request.report + ": not a final report made by arsred (a PDF/A with a signature field for "
                                     "each seat: `arsred build --final`)");
    }
    const SignatureFieldInPdf* field = nullptr;
    std::string names;
    for (const SignatureFieldInPdf& f : file.fields) {
      if (f.name == request.seat) field = &f;
      names += (names.empty() ? "" : ", ") + f.name;
    }
    if (!field) return refuse(request.report + " has no signature field `" + request.seat + "`; its seats: " + names);
    if (field->is_signed) return refuse("`" + request.seat + "` (" + field->tooltip + ") has signed " + request.report + " already");

    std::time_t when = std::time(nullptr);  // the one place arsred reads the clock
    if (!request.date.empty() && !ParseSigningTime(request.date, &when)) {
      return refuse("--date " + request.date + ": give YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)");
    }
    std::string password;
    if (!request.password_file.empty()) {
      const std::optional<std::string> text = ReadWholeFile(request.password_file, &why, 1u << 16);
      if (!text) return refuse(request.password_file + ": " + why);
      password = text->substr(0, text->find_first_of("\r\n"));
    }
    const std::optional<std::string> bundle = ReadWholeFile(request.pkcs12, &why, 1u << 20);
    if (!bundle) return refuse(request.pkcs12 + ": " + why);
    const std::unique_ptr<SigningKey> key = SigningKey::FromPkcs12(*bundle, password, &why);
    if (!key) return refuse(request.pkcs12 + ": " + why);
    why = key->CannotSignAt(when);
    if (!why.empty()) return refuse(request.pkcs12 + ": " + why + " (signing at " + Formatted(when, "%F %T UTC") + ")");

    PreparedSignature prepared = PrepareSignature(*pdf, file, *field, Formatted(when, "D:%Y%m%d%H%M%SZ"), kContentsBytes);
    if (!PlaceSignature(prepared, key->SignCades(Sha256Of(SignedBytes(prepared))))) {
      return refuse("the signature is larger than the " + std::to_string(kContentsBytes) + " bytes reserved for it");
    }
    const std::string output = request.output.empty() ? request.report : request.output;
    WriteFileAtomically(output, prepared.pdf);
    err << "arsred: sign: " << request.seat << " (" << field->tooltip << ") signed by " << key->Subject() << ", "
        << Formatted(when, "%F %T UTC") << "; wrote " << output << "\n";
    return kExitClean;
  } catch (const std::exception& failure) {
    return refuse(failure.what());
  }
}

}  // namespace arsred

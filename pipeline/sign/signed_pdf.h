// A final report's signature fields, read with qpdf (its C API, loaded when first needed), and
// a signature added to one of them as an incremental update: the bytes before it stay as they
// are, so every earlier signature stays valid. Internal to sign/.
#pragma once

#include <cstddef>
#include <ctime>
#include <string>
#include <vector>

namespace arsred {

struct SignatureFieldInPdf {
  std::string name;     // /T: the seat's id
  std::string tooltip;  // /TU: who signs, in words
  int object = 0, generation = 0;
  bool is_signed = false;  // has a value (/V)
  std::string dictionary;  // the field as PDF syntax, to write again with its value
  // Its signature, when signed: /ByteRange, /Contents (the CMS and its padding), /M, /SubFilter.
  std::vector<long long> byte_range;
  std::string contents;
  std::string signing_time;
  std::string sub_filter;
  // Prepared for a signing service (`--prepare`): the signature's place is reserved, but its
  // /Contents holds only zeros until the service's CMS is attached.
  bool awaits_signature() const { return is_signed && contents.find_first_not_of('\0') == std::string::npos; }
};

// What an incremental update needs to know of the file as it is.
struct PdfForSigning {
  std::string creator;  // the Info dictionary's /Creator: "arsred" for a report of arsred's
  bool pdfa = false;    // has an output intent and XMP metadata, as arsred's PDF/A has
  std::vector<SignatureFieldInPdf> fields;
  int form_object = 0, form_generation = 0;  // the /AcroForm, when it is an object of its own
  std::string form_dictionary;
  bool form_has_sig_flags = false;
  // The last trailer's entries as PDF syntax ("12 0 R", "[<…><…>]"), and its /Size.
  std::string root, info, id;
  long long size = 0;
  size_t last_xref = 0;       // the offset the file's last `startxref` gives
  bool xref_stream = false;  // that section is a cross-reference stream (else a table)
};

// Reads `pdf`; false with `error` when qpdf finds it damaged or it has no last `startxref`.
bool ReadPdfForSigning(const std::string& pdf, PdfForSigning& out, std::string* error);

// The bytes of `pdf` with an incremental update that gives `field` a signature: the signature
// dictionary (SubFilter ETSI.CAdES.detached, /M `pdf_date`), the field again with its /V, the
// form with /SigFlags 3, and a cross-reference section of the file's own kind. The signature's
// /Contents is reserved as `contents_bytes` zero bytes; `PlaceSignature` fills it in.
struct PreparedSignature {
  std::string pdf;
  size_t contents_start = 0;  // the '<' of /Contents
  size_t contents_end = 0;    // just past its '>'
  size_t byte_range_at = 0;   // where the /ByteRange array's placeholder starts
};
PreparedSignature PrepareSignature(const std::string& pdf, const PdfForSigning& file, const SignatureFieldInPdf& field,
                                   const std::string& pdf_date, size_t contents_bytes);

// The bytes a signature covers: all but /Contents.
std::string SignedBytes(const PreparedSignature& prepared);

// Puts the DER of the CMS into /Contents, as hex padded with zeros; false when it does not fit.
bool PlaceSignature(PreparedSignature& prepared, const std::string& cms_der);

// A PDF date, "D:20250314093000Z" or with an offset ("+01'00'"), as a time; false when it is
// not one. PdfDate writes one (in UTC), UtcText the same instant for people:
// "2025-03-14 09:30:00 UTC".
bool ParsePdfDate(const std::string& text, std::time_t* when);
std::string PdfDate(std::time_t when);
std::string UtcText(std::time_t when);

// The signature of `field` in `pdf` as it stands in the file (its /ByteRange), for putting
// another CMS in its place: a service's (attach), or the same with a timestamp. Only the
// newest revision's signature can change, as no later one covers its /Contents; throws
// std::runtime_error otherwise.
PreparedSignature PreparedIn(const std::string& pdf, const SignatureFieldInPdf& field);

}  // namespace arsred

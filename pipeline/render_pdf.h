// Stage 5, render: draws a laid-out Document with libharu into a PDF file, and nothing else.
//
// The output is reproducible: the same Document gives the same bytes (no clock: the dates are
// the document's; the trailer /ID is derived from the content). The file is written to a
// temporary file beside the target and renamed over it only when complete, so a failure or a
// kill never leaves a half-written PDF where a good one was.
#pragma once

#include <string>

#include "pages.h"

namespace arsred {

// Where the sRGB profile for PDF/A's output intent comes from by default (Debian's
// icc-profiles-free: an ICC version 2 profile, which every PDF/A part accepts).
inline constexpr const char* kDefaultIccProfile = "/usr/share/color/icc/sRGB.icc";

enum class PdfFlavour {
  kPlain,   // PDF 1.7 with document information, outline, page labels and links
  kPdfA2b,  // the same, plus what ISO 19005-2 level B asks: XMP metadata and an output intent
};

struct RenderOptions {
  PdfFlavour flavour = PdfFlavour::kPlain;
  // A tagged PDF (PDF/UA-1): every item marked as content of its structure element or as an
  // artifact, the structure tree in reading order. With PDF/A it is PDF/A-2a (level A).
  bool tagged = false;
  std::string icc_profile = kDefaultIccProfile;  // read only for PDF/A
};

// Returns false and sets `error` when the PDF cannot be made or written.
bool RenderPdf(const Document& document, const std::string& output_path, const RenderOptions& options,
               std::string* error);

// The XMP packet written for `info` (exposed for tests): the document information again, in
// XMP's terms, with the pdfaid entries when `flavour` is PDF/A (level A when tagged) and the
// pdfuaid entry when tagged.
std::string XmpPacket(const DocumentInfo& info, PdfFlavour flavour, bool tagged = false);

}  // namespace arsred

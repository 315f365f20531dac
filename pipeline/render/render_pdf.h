// Stage 5, render: draws a laid-out Document with libharu into a PDF file, and nothing else.
//
// The output is reproducible: the same Document gives the same bytes (no clock: the dates are
// the document's; the trailer /ID is derived from the content). The file is written to a
// temporary file beside the target and renamed over it only when complete, so a failure or a
// kill never leaves a half-written PDF where a good one was.
#pragma once

#include <string>
#include <vector>

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

// The conformance the PDF claims in its metadata: "PDF/A-2a, PDF/UA-1" (final, tagged),
// "PDF/A-2b" (PDF/A, untagged), "PDF/UA-1" (a tagged draft), or "" for a plain PDF.
std::string ConformanceOf(const RenderOptions& options);

// A component whose version shapes the bytes of a PDF. The same inputs give the same bytes
// only under the same versions: an update of libharu, say, may change a rebuilt report without
// any input having changed (`arsred verify` tells the two apart with this list).
struct ComponentVersion {
  std::string name;
  std::string version;
};
// arsred, the compiler it was built with, the C library (its libm rounds the layout's
// arithmetic), libharu, libdeflate and qpdf, as they are in this process. qpdf is loaded for it.
std::vector<ComponentVersion> ToolchainVersions();

// Returns false and sets `error` when the PDF cannot be made or written.
bool RenderPdf(const Document& document, const std::string& output_path, const RenderOptions& options,
               std::string* error);

// The PDF's bytes, for a caller that writes them elsewhere than to a file (standard output).
// Returns false and sets `error` when the PDF cannot be made.
bool RenderPdfBytes(const Document& document, const RenderOptions& options, std::string* bytes, std::string* error);

// The XMP packet written for `info` (exposed for tests): the document information again, in
// XMP's terms, with the pdfaid entries when `flavour` is PDF/A (level A when tagged) and the
// pdfuaid entry when tagged.
std::string XmpPacket(const DocumentInfo& info, PdfFlavour flavour, bool tagged = false);

}  // namespace arsred

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

// Returns false and sets `error` when the PDF cannot be made or written.
bool RenderPdf(const Document& document, const std::string& output_path, std::string* error);

}  // namespace arsred

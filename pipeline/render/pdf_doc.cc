#include "pdf_doc.h"

#include <cstdio>

namespace arsred {

std::string DescribeLibharuError(HPDF_STATUS code, HPDF_STATUS detail) {
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%04lX", static_cast<unsigned long>(code));
  std::string text = std::string("libharu error ") + hex;
  if (const char* name = haru::ErrorName(code)) text += std::string(" ") + name;
  if (detail != 0) text += " (detail " + std::to_string(detail) + ")";
  return text;
}

PdfDoc::PdfDoc() {
  // The build checked the headers; this checks the shared library the process loaded, which a
  // system update can replace under the same soname. Another release's structs would be read
  // wrongly, silently.
  if (!haru::LoadedVersionIsAssumed()) {
    throw RenderFailure(std::string("libharu ") + HPDF_GetVersion() + " is loaded, but arsred was built for libharu " +
                        std::string(haru::kAssumedVersion) + " and reads its private structs");
  }
  doc_ = HPDF_New(&RecordLibharuError, &error_);
  if (doc_ == nullptr) throw RenderFailure("libharu could not create a document");
}

}  // namespace arsred

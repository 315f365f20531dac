// The libharu document behind render_pdf.cc and pdf_tags.cc: one HPDF_Doc, with libharu's errors
// turned into exceptions at the call that caused them. Internal to the renderer.
#pragma once

#include <hpdf.h>
#include <hpdf_encrypt.h>  // libharu's MD5, which it exports

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace arsred {

// Thrown inside the renderer only, never through a libharu frame: the error handler merely records
// what libharu reported, and PdfDoc::Check turns that record into an exception afterwards.
class RenderFailure : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LibharuError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

// Keeps the first error: once an error is set, every later call on the document fails with
// HPDF_INVALID_DOCUMENT, which says nothing about the cause.
inline void RecordLibharuError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) noexcept {
  auto* error = static_cast<LibharuError*>(user_data);
  if (error->code == HPDF_OK) *error = {code, detail};
}

inline const char* LibharuErrorName(HPDF_STATUS code) {
  switch (code) {
    case HPDF_FAILD_TO_ALLOC_MEM: return "HPDF_FAILD_TO_ALLOC_MEM";
    case HPDF_FILE_IO_ERROR: return "HPDF_FILE_IO_ERROR";
    case HPDF_FILE_OPEN_ERROR: return "HPDF_FILE_OPEN_ERROR";
    case HPDF_INVALID_ANNOTATION: return "HPDF_INVALID_ANNOTATION";
    case HPDF_INVALID_DATE_TIME: return "HPDF_INVALID_DATE_TIME";
    case HPDF_INVALID_DESTINATION: return "HPDF_INVALID_DESTINATION";
    case HPDF_INVALID_DOCUMENT: return "HPDF_INVALID_DOCUMENT";
    case HPDF_INVALID_FONT_NAME: return "HPDF_INVALID_FONT_NAME";
    case HPDF_INVALID_OUTLINE: return "HPDF_INVALID_OUTLINE";
    case HPDF_INVALID_PARAMETER: return "HPDF_INVALID_PARAMETER";
    case HPDF_INVALID_URI: return "HPDF_INVALID_URI";
    case HPDF_PAGE_FONT_NOT_FOUND: return "HPDF_PAGE_FONT_NOT_FOUND";
    case HPDF_PAGE_INVALID_FONT_SIZE: return "HPDF_PAGE_INVALID_FONT_SIZE";
    case HPDF_PAGE_INVALID_GMODE: return "HPDF_PAGE_INVALID_GMODE";
    case HPDF_PAGE_INVALID_SIZE: return "HPDF_PAGE_INVALID_SIZE";
    case HPDF_PAGE_OUT_OF_RANGE: return "HPDF_PAGE_OUT_OF_RANGE";
    case HPDF_STRING_OUT_OF_RANGE: return "HPDF_STRING_OUT_OF_RANGE";
    case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "HPDF_TTF_CANNOT_EMBEDDING_FONT";
    case HPDF_TTF_INVALID_CMAP: return "HPDF_TTF_INVALID_CMAP";
    case HPDF_TTF_INVALID_FOMAT: return "HPDF_TTF_INVALID_FOMAT";
    case HPDF_TTF_MISSING_TABLE: return "HPDF_TTF_MISSING_TABLE";
    case HPDF_ZLIB_ERROR: return "HPDF_ZLIB_ERROR";
    default: return nullptr;
  }
}

inline std::string DescribeLibharuError(HPDF_STATUS code, HPDF_STATUS detail) {
  char hex[32];
  std::snprintf(hex, sizeof hex, "0x%04lX", static_cast<unsigned long>(code));
  std::string text = std::string("libharu error ") + hex;
  if (const char* name = LibharuErrorName(code)) text += std::string(" ") + name;
  if (detail != 0) text += " (detail " + std::to_string(detail) + ")";
  return text;
}

// Owns one HPDF_Doc. Not movable: libharu keeps a pointer to `error_`.
class PdfDoc {
 public:
  PdfDoc() : doc_(HPDF_New(&RecordLibharuError, &error_)) {
    if (doc_ == nullptr) throw RenderFailure("libharu could not create a document");
  }
  ~PdfDoc() { HPDF_Free(doc_); }
  PdfDoc(const PdfDoc&) = delete;
  PdfDoc& operator=(const PdfDoc&) = delete;

  HPDF_Doc get() const { return doc_; }

  // What the calls that follow are doing, for the error message ("drawing page 3").
  void set_context(std::string context) { context_ = std::move(context); }

  // Throws when libharu reported an error or `status` is not HPDF_OK (a few calls, such as
  // HPDF_LinkAnnot_SetBorderStyle on a wrong annotation, return an error without reporting it).
  void Check(HPDF_STATUS status, const char* call) const {
    if (error_.code != HPDF_OK) Fail(call, error_.code, error_.detail);
    if (status != HPDF_OK) Fail(call, status, 0);
  }

  // For calls that return a handle: throws when libharu reported an error or returned null.
  template <typename Handle>
  Handle CheckHandle(Handle handle, const char* call) const {
    static_assert(std::is_pointer_v<Handle>);
    if (error_.code != HPDF_OK) Fail(call, error_.code, error_.detail);
    if (handle == nullptr) throw RenderFailure(context_ + ": " + call + " failed");
    return handle;
  }

 private:
  [[noreturn]] void Fail(const char* call, HPDF_STATUS code, HPDF_STATUS detail) const {
    throw RenderFailure(context_ + ": " + call + ": " + DescribeLibharuError(code, detail));
  }

  LibharuError error_;  // declared before doc_: HPDF_New receives its address
  HPDF_Doc doc_;
  std::string context_;
};

// The MD5 of `bytes`, with libharu's own MD5 (the document /ID, the tags of font subsets).
inline std::array<HPDF_BYTE, 16> Md5(std::string_view bytes) {
  HPDF_MD5_CTX context;
  HPDF_MD5Init(&context);
  HPDF_MD5Update(&context, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT32>(bytes.size()));
  std::array<HPDF_BYTE, 16> digest{};
  HPDF_MD5Final(digest.data(), &context);
  return digest;
}

}  // namespace arsred

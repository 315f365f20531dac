// The libharu document behind render_pdf.cc, pdf_fonts.cc and pdf_tags.cc: one HPDF_Doc, with
// libharu's errors turned into exceptions at the call that caused them, and the objects of
// arsred's own (dictionaries, arrays, streams) that its public API cannot make, built through
// haru_internals.h. Internal to the renderer.
#pragma once

#include <hpdf.h>  // the public view: render is compiled with HPDF_SHARED (haru_internals.h)

#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include "haru_internals.h"

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

// "libharu error 0x1022 HPDF_INVALID_DATE_TIME (detail 3)".
std::string DescribeLibharuError(HPDF_STATUS code, HPDF_STATUS detail);

// Owns one HPDF_Doc. Not movable: libharu keeps a pointer to `error_`.
class PdfDoc {
 public:
  // Throws RenderFailure when the libharu loaded is not the release haru_internals.cc assumes.
  PdfDoc();
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

  // Objects of arsred's own, each call checked (haru_internals.h says what each does). An
  // indirect dictionary is an object of its own in the file; a direct one is written inside
  // whatever holds it.
  haru::Dict NewDict() { return CheckHandle(haru::NewDict(doc_), "HPDF_Dict_New"); }
  haru::Dict NewIndirectDict() {
    haru::Dict dict = NewDict();
    Check(haru::MakeIndirect(doc_, dict), "HPDF_Xref_Add");
    return dict;
  }
  haru::Array NewArray() { return CheckHandle(haru::NewArray(doc_), "HPDF_Array_New"); }
  haru::Dict NewStream() { return CheckHandle(haru::NewStream(doc_), "HPDF_DictStream_New"); }
  // `text` in PDFDocEncoding (ASCII), or UTF-8 given the document's UTF-8 encoder.
  haru::Object NewString(const std::string& text, HPDF_Encoder utf8 = nullptr) {
    return CheckHandle(haru::NewString(doc_, text.c_str(), utf8), "HPDF_String_New");
  }
  haru::Object NewBinary(const HPDF_BYTE* bytes, unsigned size) {
    return CheckHandle(haru::NewBinary(doc_, bytes, size), "HPDF_Binary_New");
  }

  void Add(haru::Dict dict, const char* key, haru::Object value) { Check(haru::Add(dict, key, value), "HPDF_Dict_Add"); }
  void AddName(haru::Dict dict, const char* key, const std::string& name) {
    Check(haru::AddName(dict, key, name.c_str()), "HPDF_Dict_AddName");
  }
  void AddNumber(haru::Dict dict, const char* key, HPDF_INT32 value) {
    Check(haru::AddNumber(dict, key, value), "HPDF_Dict_AddNumber");
  }
  void AddReal(haru::Dict dict, const char* key, double value) {
    Check(haru::AddReal(dict, key, static_cast<HPDF_REAL>(value)), "HPDF_Dict_AddReal");
  }
  void AddBoolean(haru::Dict dict, const char* key, bool value) {
    Check(haru::AddBoolean(dict, key, value), "HPDF_Dict_AddBoolean");
  }
  void Append(haru::Array array, haru::Object value) { Check(haru::Append(array, value), "HPDF_Array_Add"); }
  void AppendNumber(haru::Array array, HPDF_INT32 value) {
    Check(haru::AppendNumber(array, value), "HPDF_Array_AddNumber");
  }
  void AppendReal(haru::Array array, double value) {
    Check(haru::AppendReal(array, static_cast<HPDF_REAL>(value)), "HPDF_Array_AddReal");
  }
  haru::Array PageAnnotations(HPDF_Page page) { return CheckHandle(haru::PageAnnotations(page), "HPDF_Array_New"); }

  haru::Dict Catalog() const { return haru::Catalog(doc_); }
  haru::Dict Trailer() const { return haru::Trailer(doc_); }

  // Appends `bytes` to a stream from NewStream, deflated by libharu when it writes the file or,
  // with `deflate` false, as they are.
  void WriteStream(haru::Dict stream, std::string_view bytes, bool deflate) {
    Check(haru::WriteStream(stream, bytes, deflate), "HPDF_Stream_Write");
  }
  // Puts already deflated bytes into the stream of `stream` (which must be empty) and has
  // libharu write them unchanged, with /Filter /FlateDecode.
  void WriteDeflatedStream(haru::Dict stream, std::string_view deflated) {
    if (!haru::IsEmptyStream(stream)) {
      throw RenderFailure("a deflated stream can only replace an empty stream without a write hook");
    }
    Check(haru::WriteDeflatedStream(stream, deflated), "HPDF_Stream_Write");
  }

 private:
  [[noreturn]] void Fail(const char* call, HPDF_STATUS code, HPDF_STATUS detail) const {
    throw RenderFailure(context_ + ": " + call + ": " + DescribeLibharuError(code, detail));
  }

  LibharuError error_;  // declared before doc_: HPDF_New receives its address
  HPDF_Doc doc_ = nullptr;
  std::string context_;
};

}  // namespace arsred

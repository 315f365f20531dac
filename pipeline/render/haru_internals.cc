// libharu's private view: the whole of hpdf.h, with the structs behind its handles. The target
// defines HPDF_SHARED for every other file of render (CMakeLists.txt); this file alone drops it.
#undef HPDF_SHARED
#include "haru_internals.h"

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_encrypt.h>
#include <hpdf_error.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

namespace arsred::haru {

static_assert(std::string_view(HPDF_VERSION_TEXT) == kAssumedVersion,
              "haru_internals.cc reads the private structs of another libharu release than this one's headers");

namespace {

HPDF_Doc AsDoc(Doc doc) { return static_cast<HPDF_Doc>(doc); }
HPDF_Dict AsDict(Dict dict) { return static_cast<HPDF_Dict>(dict); }
HPDF_Array AsArray(Array array) { return static_cast<HPDF_Array>(array); }

// libharu writes a dictionary's entries, then calls this hook, then its stream: the /Filter of
// bytes that were deflated before they were given to it. (It drops a /Filter entry of its own
// when the stream's filter is none, so the entry cannot simply be added.)
HPDF_STATUS WriteFlateFilter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

}  // namespace

bool LoadedVersionIsAssumed() { return std::string_view(HPDF_GetVersion()) == kAssumedVersion; }

const char* ErrorName(HPDF_STATUS code) {
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

Dict NewDict(Doc doc) { return HPDF_Dict_New(AsDoc(doc)->mmgr); }

HPDF_STATUS MakeIndirect(Doc doc, Object object) { return HPDF_Xref_Add(AsDoc(doc)->xref, object); }

Array NewArray(Doc doc) { return HPDF_Array_New(AsDoc(doc)->mmgr); }

Dict NewStream(Doc doc) { return HPDF_DictStream_New(AsDoc(doc)->mmgr, AsDoc(doc)->xref); }

Object NewString(Doc doc, const char* text, void* utf8_encoder) {
  return HPDF_String_New(AsDoc(doc)->mmgr, text, static_cast<HPDF_Encoder>(utf8_encoder));
}

Object NewBinary(Doc doc, const HPDF_BYTE* bytes, unsigned size) {
  // libharu copies the bytes; its signature merely lacks the const.
  return HPDF_Binary_New(AsDoc(doc)->mmgr, const_cast<HPDF_BYTE*>(bytes), size);
}

HPDF_STATUS Add(Dict dict, const char* key, Object value) { return HPDF_Dict_Add(AsDict(dict), key, value); }

HPDF_STATUS AddName(Dict dict, const char* key, const char* name) {
  return HPDF_Dict_AddName(AsDict(dict), key, name);
}

HPDF_STATUS AddNumber(Dict dict, const char* key, HPDF_INT32 value) {
  return HPDF_Dict_AddNumber(AsDict(dict), key, value);
}

HPDF_STATUS AddReal(Dict dict, const char* key, HPDF_REAL value) { return HPDF_Dict_AddReal(AsDict(dict), key, value); }

HPDF_STATUS AddBoolean(Dict dict, const char* key, bool value) {
  return HPDF_Dict_AddBoolean(AsDict(dict), key, value ? HPDF_TRUE : HPDF_FALSE);
}

HPDF_STATUS Append(Array array, Object value) { return HPDF_Array_Add(AsArray(array), value); }

HPDF_STATUS AppendNumber(Array array, HPDF_INT32 value) { return HPDF_Array_AddNumber(AsArray(array), value); }

HPDF_STATUS AppendReal(Array array, HPDF_REAL value) { return HPDF_Array_AddReal(AsArray(array), value); }

Dict Catalog(Doc doc) { return AsDoc(doc)->catalog; }

Dict Trailer(Doc doc) { return AsDoc(doc)->trailer; }

void SetPdfVersion(Doc doc, HPDF_PDFVer version) { AsDoc(doc)->pdf_version = version; }

Dict PageContents(Object page) { return static_cast<HPDF_PageAttr>(static_cast<HPDF_Page>(page)->attr)->contents; }

Array PageAnnotations(Object page) {
  HPDF_Dict dict = static_cast<HPDF_Page>(page);
  auto annotations = static_cast<HPDF_Array>(HPDF_Dict_GetItem(dict, "Annots", HPDF_OCLASS_ARRAY));
  if (annotations != nullptr) return annotations;
  annotations = HPDF_Array_New(dict->mmgr);
  if (annotations == nullptr || HPDF_Dict_Add(dict, "Annots", annotations) != HPDF_OK) return nullptr;
  return annotations;
}

const char* PageFontName(Object page, Dict font) {
  return HPDF_Page_GetLocalFontName(static_cast<HPDF_Page>(page), AsDict(font));
}

HPDF_STATUS WriteStream(Dict stream, std::string_view bytes, bool deflate) {
  HPDF_Dict dict = AsDict(stream);
  dict->filter = deflate ? HPDF_STREAM_FILTER_FLATE_DECODE : HPDF_STREAM_FILTER_NONE;
  return HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()),
                           static_cast<HPDF_UINT>(bytes.size()));
}

bool IsEmptyStream(Dict stream) {
  HPDF_Dict dict = AsDict(stream);
  return dict->stream != nullptr && HPDF_Stream_Size(dict->stream) == 0 && dict->write_fn == nullptr;
}

HPDF_STATUS WriteDeflatedStream(Dict stream, std::string_view deflated) {
  HPDF_Dict dict = AsDict(stream);
  dict->filter = HPDF_STREAM_FILTER_NONE;
  dict->write_fn = WriteFlateFilter;
  return HPDF_Stream_Write(dict->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                           static_cast<HPDF_UINT>(deflated.size()));
}

std::array<HPDF_BYTE, 16> Md5(std::string_view bytes) {
  HPDF_MD5_CTX context;
  HPDF_MD5Init(&context);
  HPDF_MD5Update(&context, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT32>(bytes.size()));
  std::array<HPDF_BYTE, 16> digest{};
  HPDF_MD5Final(digest.data(), &context);
  return digest;
}

}  // namespace arsred::haru

// The one place where arsred reaches past libharu's public API. Internal to the renderer.
//
// libharu 2.3.0 has no API for what a tagged PDF/A needs: the trailer /ID, the catalog's /Lang,
// /Metadata and /StructTreeRoot, PDF 1.7, dictionaries and streams of arsred's own (fonts,
// structure tree, output intent), streams deflated elsewhere. Those are built here, from the
// library's private structs and object functions (hpdf_doc.h, hpdf_objects.h, hpdf_streams.h).
//
// The rest of render is compiled with HPDF_SHARED, libharu's public view, in which every handle
// is an untyped pointer and no private header can be included: an access to libharu's insides
// anywhere else does not compile. The functions here report failure as libharu does (a null
// handle or a status, the cause recorded by the document's error handler); PdfDoc (pdf_doc.h)
// turns that into exceptions.
//
// The structs are private, so they may change in any release: CMakeLists.txt refuses to
// configure against another libharu than kAssumedVersion, and so do haru_internals.cc (at
// compile time), PdfDoc (against the library loaded at run time) and a test.
#pragma once

#include <hpdf_types.h>  // HPDF_STATUS, HPDF_BYTE, HPDF_REAL, HPDF_PDFVer: alike in both views

#include <array>
#include <string_view>

namespace arsred::haru {

// The libharu release whose private structs haru_internals.cc reads: Debian 12's libhpdf-dev
// 2.3.0+dfsg. CMakeLists.txt reads this line.
inline constexpr std::string_view kAssumedVersion = "2.3.0";

// Whether the libharu loaded in this process says it is kAssumedVersion.
bool LoadedVersionIsAssumed();

// libharu's objects as its public API hands them out: untyped handles. A page (HPDF_Page) and
// an annotation (HPDF_Annotation) are dictionaries too.
using Doc = void*;
using Dict = void*;
using Array = void*;
using Object = void*;  // any value: a dictionary, an array, a string …

// The symbol of a libharu error code ("HPDF_INVALID_DATE_TIME"), or null for codes arsred does
// not expect. The codes are in hpdf_error.h, which the public view cannot include.
const char* ErrorName(HPDF_STATUS code);

// New objects of `doc`, null on failure. A dictionary is direct (written where it is used)
// until MakeIndirect registers it in the cross-reference table.
Dict NewDict(Doc doc);
HPDF_STATUS MakeIndirect(Doc doc, Object object);
Array NewArray(Doc doc);
// An indirect dictionary with an empty stream, for WriteStream or WriteDeflatedStream.
Dict NewStream(Doc doc);
// A string from `text`, UTF-8 when `utf8_encoder` (HPDF_GetEncoder(doc, "UTF-8")) is given, else
// written byte for byte.
Object NewString(Doc doc, const char* text, void* utf8_encoder);
Object NewBinary(Doc doc, const HPDF_BYTE* bytes, unsigned size);

HPDF_STATUS Add(Dict dict, const char* key, Object value);
HPDF_STATUS AddName(Dict dict, const char* key, const char* name);
HPDF_STATUS AddNumber(Dict dict, const char* key, HPDF_INT32 value);
HPDF_STATUS AddReal(Dict dict, const char* key, HPDF_REAL value);
HPDF_STATUS AddBoolean(Dict dict, const char* key, bool value);
HPDF_STATUS Append(Array array, Object value);
HPDF_STATUS AppendNumber(Array array, HPDF_INT32 value);
HPDF_STATUS AppendReal(Array array, HPDF_REAL value);

// The document's catalog and trailer dictionaries.
Dict Catalog(Doc doc);
Dict Trailer(Doc doc);
// The version in the file's header (%PDF-1.7); libharu writes 1.3 unless told.
void SetPdfVersion(Doc doc, HPDF_PDFVer version);

// The content stream's dictionary of a page from HPDF_AddPage.
Dict PageContents(Object page);
// The /Annots array of a page from HPDF_AddPage, made the first time (libharu's own annotation
// calls make only links and notes); null on failure.
Array PageAnnotations(Object page);
// The name ("F1") under which `page` lists `font` in its /Font resources, adding it there the
// first time; null on failure.
const char* PageFontName(Object page, Dict font);

// Appends `bytes` to the stream of `stream` (from NewStream), to be written deflated by libharu
// or, with `deflate` false, as they are.
HPDF_STATUS WriteStream(Dict stream, std::string_view bytes, bool deflate);
// Whether `stream` can take bytes deflated elsewhere: its stream is empty and has no write hook.
bool IsEmptyStream(Dict stream);
// Puts `deflated` (the zlib format) into the empty stream of `stream`, which libharu then writes
// unchanged with /Filter /FlateDecode.
HPDF_STATUS WriteDeflatedStream(Dict stream, std::string_view deflated);

// The MD5 of `bytes`, with libharu's own MD5 (hpdf_encrypt.h): the document /ID, the tags of
// font subsets.
std::array<HPDF_BYTE, 16> Md5(std::string_view bytes);

}  // namespace arsred::haru

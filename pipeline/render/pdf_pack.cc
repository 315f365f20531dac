#include "pdf_pack.h"

#include <qpdf/qpdf-c.h>

#include <memory>

#include "pdf_doc.h"
#include "shared_library.h"

namespace arsred {
namespace {

// The functions of qpdf's C API that packing uses, from the library loaded on first use.
struct QpdfApi {
  decltype(&qpdf_init) init;
  decltype(&qpdf_cleanup) cleanup;
  decltype(&qpdf_silence_errors) silence_errors;
  decltype(&qpdf_set_suppress_warnings) set_suppress_warnings;
  decltype(&qpdf_read_memory) read_memory;
  decltype(&qpdf_more_warnings) more_warnings;
  decltype(&qpdf_has_error) has_error;
  decltype(&qpdf_get_error) get_error;
  decltype(&qpdf_get_error_full_text) get_error_full_text;
  decltype(&qpdf_init_write_memory) init_write_memory;
  decltype(&qpdf_set_object_stream_mode) set_object_stream_mode;
  decltype(&qpdf_set_decode_level) set_decode_level;
  decltype(&qpdf_set_deterministic_ID) set_deterministic_id;
  decltype(&qpdf_write) write;
  decltype(&qpdf_get_buffer_length) get_buffer_length;
  decltype(&qpdf_get_buffer) get_buffer;
  decltype(&qpdf_get_qpdf_version) version;
};

const QpdfApi& Qpdf() {
  // Function-local statics are initialised once, also when two threads ask at once.
  static const QpdfApi api = [] {
    static SharedLibrary library(ARSRED_QPDF_SONAME);
    QpdfApi found{};
    library.Find(found.init, "qpdf_init");
    library.Find(found.cleanup, "qpdf_cleanup");
    library.Find(found.silence_errors, "qpdf_silence_errors");
    library.Find(found.set_suppress_warnings, "qpdf_set_suppress_warnings");
    library.Find(found.read_memory, "qpdf_read_memory");
    library.Find(found.more_warnings, "qpdf_more_warnings");
    library.Find(found.has_error, "qpdf_has_error");
    library.Find(found.get_error, "qpdf_get_error");
    library.Find(found.get_error_full_text, "qpdf_get_error_full_text");
    library.Find(found.init_write_memory, "qpdf_init_write_memory");
    library.Find(found.set_object_stream_mode, "qpdf_set_object_stream_mode");
    library.Find(found.set_decode_level, "qpdf_set_decode_level");
    library.Find(found.set_deterministic_id, "qpdf_set_deterministic_ID");
    library.Find(found.write, "qpdf_write");
    library.Find(found.get_buffer_length, "qpdf_get_buffer_length");
    library.Find(found.get_buffer, "qpdf_get_buffer");
    library.Find(found.version, "qpdf_get_qpdf_version");
    return found;
  }();
  return api;
}

}  // namespace

// A tagged report has a thousand small structure elements, which written one object at a time
// would nearly double the file. qpdf packs them into compressed object streams (PDF 1.5, which
// PDF/A-2 allows); streams already compressed are copied as they are, and the XMP metadata is
// left uncompressed. The result is as reproducible as its input: qpdf derives the second half
// of the /ID from the content.
std::string PackObjects(const std::string& pdf) {
  const QpdfApi& q = Qpdf();
  qpdf_data data = q.init();
  const std::unique_ptr<qpdf_data, void (*)(qpdf_data*)> cleanup(&data, q.cleanup);
  q.silence_errors(data);
  q.set_suppress_warnings(data, QPDF_TRUE);
  const auto fail = [&](const char* step) {
    std::string why = "qpdf finds the PDF damaged";
    if (q.has_error(data)) why = q.get_error_full_text(data, q.get_error(data));
    throw RenderFailure(std::string("packing the structure tree into object streams (") + step + "): " + why);
  };
  if ((q.read_memory(data, "the PDF as written", pdf.data(), pdf.size(), nullptr) & QPDF_ERRORS) != 0 ||
      q.more_warnings(data)) {
    fail("reading");
  }
  if ((q.init_write_memory(data) & QPDF_ERRORS) != 0) fail("starting to write");
  q.set_object_stream_mode(data, qpdf_o_generate);
  q.set_decode_level(data, qpdf_dl_none);
  q.set_deterministic_id(data, QPDF_TRUE);
  if ((q.write(data) & QPDF_ERRORS) != 0) fail("writing");
  const unsigned char* bytes = q.get_buffer(data);
  if (bytes == nullptr) fail("writing");
  return std::string(reinterpret_cast<const char*>(bytes), q.get_buffer_length(data));
}

std::string QpdfVersion() { return Qpdf().version(); }

}  // namespace arsred

#include "pdf_pack.h"

#include <memory>

#include "pdf_doc.h"
#include "qpdf_api.h"

namespace arsred {

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

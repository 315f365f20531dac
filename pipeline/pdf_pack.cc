#include "pdf_pack.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <filesystem>
#include <stdexcept>
#include <system_error>

#include "pdf_doc.h"

namespace arsred {

// A tagged report has a thousand small structure elements, which written one object at a time
// would nearly double the file. qpdf packs them into compressed object streams (PDF 1.5, which
// PDF/A-2 allows); streams already compressed are copied as they are, and the XMP metadata is
// left uncompressed. The result is as reproducible as its input: qpdf derives the second half
// of the /ID from the content.
void PackObjects(const std::string& path) {
  const std::string packed = path + ".packed";
  std::error_code ignored;
  try {
    QPDF input;
    input.setSuppressWarnings(true);
    input.processFile(path.c_str());
    if (input.anyWarnings()) throw std::runtime_error("qpdf finds the PDF damaged");
    QPDFWriter writer(input, packed.c_str());
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.setDecodeLevel(qpdf_dl_none);
    writer.setDeterministicID(true);
    writer.write();
  } catch (const std::exception& failure) {
    std::filesystem::remove(packed, ignored);
    throw RenderFailure(std::string("packing the structure tree into object streams: ") + failure.what());
  }
  std::error_code error;
  std::filesystem::rename(packed, path, error);
  if (error) {
    std::filesystem::remove(packed, ignored);
    throw RenderFailure("cannot replace " + path + ": " + error.message());
  }
}

}  // namespace arsred

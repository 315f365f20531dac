#include "pdf_pack.h"

#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <memory>
#include <stdexcept>

#include "pdf_doc.h"

namespace arsred {

// A tagged report has a thousand small structure elements, which written one object at a time
// would nearly double the file. qpdf packs them into compressed object streams (PDF 1.5, which
// PDF/A-2 allows); streams already compressed are copied as they are, and the XMP metadata is
// left uncompressed. The result is as reproducible as its input: qpdf derives the second half
// of the /ID from the content.
std::string PackObjects(const std::string& pdf) {
  try {
    QPDF input;
    input.setSuppressWarnings(true);
    input.processMemoryFile("the PDF as written", pdf.data(), pdf.size());
    if (input.anyWarnings()) throw std::runtime_error("qpdf finds the PDF damaged");
    QPDFWriter writer(input);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_generate);
    writer.setDecodeLevel(qpdf_dl_none);
    writer.setDeterministicID(true);
    writer.write();
    std::unique_ptr<Buffer> packed(writer.getBuffer());
    return std::string(reinterpret_cast<const char*>(packed->getBuffer()), packed->getSize());
  } catch (const std::exception& failure) {
    throw RenderFailure(std::string("packing the structure tree into object streams: ") + failure.what());
  }
}

}  // namespace arsred

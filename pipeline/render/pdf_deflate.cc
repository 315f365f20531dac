#include "pdf_deflate.h"

#include <libdeflate.h>

#include <memory>
#include <utility>

#include "pdf_doc.h"

namespace arsred {

std::string Deflate(std::string_view data) {
  // A compressor holds large tables: one per thread, made on first use.
  struct FreeCompressor {
    void operator()(libdeflate_compressor* compressor) const { libdeflate_free_compressor(compressor); }
  };
  thread_local std::unique_ptr<libdeflate_compressor, FreeCompressor> compressor(
      libdeflate_alloc_compressor(kDeflateLevel));
  if (!compressor) throw RenderFailure("libdeflate cannot make a compressor (out of memory)");
  std::string out(libdeflate_zlib_compress_bound(compressor.get(), data.size()), '\0');
  const size_t size = libdeflate_zlib_compress(compressor.get(), data.data(), data.size(), out.data(), out.size());
  if (size == 0) throw RenderFailure("libdeflate cannot deflate a stream of " + std::to_string(data.size()) + " bytes");
  out.resize(size);
  return out;
}

std::vector<std::string> DeflateAll(const std::vector<std::string>& streams) {
  std::vector<std::string> deflated;
  deflated.reserve(streams.size());
  for (const std::string& stream : streams) deflated.push_back(Deflate(stream));
  return deflated;
}

void StreamDeflater::Add(HPDF_Dict stream_dict, std::string bytes) {
  dicts_.push_back(stream_dict);
  bytes_.push_back(std::move(bytes));
}

void StreamDeflater::Finish(PdfDoc& pdf) {
  const std::vector<std::string> deflated = DeflateAll(bytes_);
  for (size_t i = 0; i < dicts_.size(); ++i) pdf.WriteDeflatedStream(dicts_[i], deflated[i]);
}

}  // namespace arsred

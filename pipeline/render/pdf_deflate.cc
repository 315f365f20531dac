#include "pdf_deflate.h"

#include <libdeflate.h>

#include <iterator>
#include <memory>
#include <utility>

#include "pdf_doc.h"

namespace arsred {

std::string Deflate(std::string_view data) {
  // libdeflate compresses whole buffers about twice as fast as zlib at the same level, to the
  // same size. A compressor holds large tables: one per thread, made on first use.
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

ContentDeflater::ContentDeflater() : helper_("arsred-deflate", [this] { queue_.Help(); }) {}

ContentDeflater::~ContentDeflater() {
  try {
    queue_.Finish();  // lets the helper go; a no-op after Finish
  } catch (...) {  // drawing has failed already, or Finish has reported this
  }
}

void ContentDeflater::Add(std::string content) {
  std::string& page = pages_.emplace_back(std::move(content));
  queue_.Add([&page] { page = Deflate(page); });
}

std::vector<std::string> ContentDeflater::Finish() {
  queue_.Finish();
  return {std::make_move_iterator(pages_.begin()), std::make_move_iterator(pages_.end())};
}

void StreamDeflater::Add(HPDF_Dict stream_dict, std::string bytes) {
  dicts_.push_back(stream_dict);
  deflater_.Add(std::move(bytes));
}

void StreamDeflater::Finish(PdfDoc& pdf) {
  const std::vector<std::string> deflated = deflater_.Finish();
  for (size_t i = 0; i < dicts_.size(); ++i) pdf.WriteDeflatedStream(dicts_[i], deflated[i]);
}

}  // namespace arsred

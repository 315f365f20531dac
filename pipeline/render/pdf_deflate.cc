#include "pdf_deflate.h"

// Internal headers: the stream and the write hook of a libharu dictionary.
#include <hpdf_objects.h>
#include <hpdf_streams.h>
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
  for (size_t i = 0; i < dicts_.size(); ++i) SetDeflatedStream(pdf, dicts_[i], deflated[i]);
}

namespace {

// libharu writes a dictionary's entries, then calls this hook, then its stream: the /Filter of
// bytes it was given already deflated. (It drops a /Filter entry of its own when its filter
// is none, so the entry cannot simply be added.)
HPDF_STATUS WriteFlateFilter(HPDF_Dict, HPDF_Stream stream) { return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012"); }

}  // namespace

void SetDeflatedStream(PdfDoc& pdf, HPDF_Dict stream_dict, const std::string& deflated) {
  if (stream_dict->stream == nullptr || HPDF_Stream_Size(stream_dict->stream) != 0 || stream_dict->write_fn != nullptr) {
    throw RenderFailure("a deflated stream can only replace an empty stream without a write hook");
  }
  stream_dict->filter = HPDF_STREAM_FILTER_NONE;
  stream_dict->write_fn = WriteFlateFilter;
  pdf.Check(HPDF_Stream_Write(stream_dict->stream, reinterpret_cast<const HPDF_BYTE*>(deflated.data()),
                              static_cast<HPDF_UINT>(deflated.size())),
            "HPDF_Stream_Write");
}

}  // namespace arsred

#include "pdf_deflate.h"

// Internal headers: the stream and the write hook of a libharu dictionary.
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <zlib.h>

#include <utility>

#include "pdf_doc.h"

namespace arsred {

std::string Deflate(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  const int status = compress2(reinterpret_cast<Bytef*>(out.data()), &size,
                               reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                               Z_DEFAULT_COMPRESSION);
  if (status != Z_OK) throw RenderFailure("zlib cannot deflate a content stream (error " + std::to_string(status) + ")");
  out.resize(size);
  return out;
}

ContentDeflater::ContentDeflater() : helper_([this] { Work(); }) {}

ContentDeflater::~ContentDeflater() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  more_.notify_all();
  if (helper_.joinable()) helper_.join();
}

void ContentDeflater::Add(std::string content) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pages_.push_back(std::move(content));
  }
  more_.notify_one();
}

void ContentDeflater::DrainQueue(std::unique_lock<std::mutex>& lock) {
  while (next_ < pages_.size()) {
    const size_t page = next_++;
    ++busy_;
    // pages_ may grow (and move its strings) while the lock is released: the page is taken out.
    std::string content = std::move(pages_[page]);
    lock.unlock();
    std::string deflated, error;
    try {
      deflated = Deflate(content);
    } catch (const std::exception& failure) {
      error = failure.what();
    }
    lock.lock();
    pages_[page] = std::move(deflated);
    if (!error.empty() && error_.empty()) error_ = error;
    --busy_;
  }
  more_.notify_all();  // Finish may be waiting for the last page in hand
}

void ContentDeflater::Work() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    more_.wait(lock, [this] { return closed_ || next_ < pages_.size(); });
    DrainQueue(lock);
    if (closed_) return;
  }
}

std::vector<std::string> ContentDeflater::Finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  closed_ = true;
  more_.notify_all();
  DrainQueue(lock);
  more_.wait(lock, [this] { return busy_ == 0; });
  if (!error_.empty()) throw RenderFailure(error_);
  return std::move(pages_);
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

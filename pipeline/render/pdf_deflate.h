// Deflating the pages' content streams on two threads, and handing the result to libharu.
// Internal to the renderer.
//
// libharu deflates a stream on the one thread that saves the document, with zlib, and deflating
// the content streams was the largest part of writing the PDF. Here a helper thread deflates
// each page as soon as it is drawn, with libdeflate, the drawing thread joins in when it has
// drawn the last, and libharu writes the deflated bytes as they are, the stream's /Filter said
// by a write hook.
#pragma once

#include <hpdf.h>

#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "helper_thread.h"
#include "work_queue.h"

namespace arsred {

class PdfDoc;

class ContentDeflater {
 public:
  ContentDeflater();
  ~ContentDeflater();  // joins the helper, also when drawing failed half-way
  ContentDeflater(const ContentDeflater&) = delete;
  ContentDeflater& operator=(const ContentDeflater&) = delete;

  // Queues one page's content (pages in order).
  void Add(std::string content);
  // Deflates what is still queued, waits for the helper and returns the pages' deflated
  // contents in the order they were added. Throws RenderFailure when deflating failed.
  std::vector<std::string> Finish();

 private:
  std::deque<std::string> pages_;  // as added, then as deflated; a deque keeps each in place
  WorkQueue queue_;
  HelperThread helper_;  // last: it starts working on the members above
};

// The streams of one document whose bytes are deflated on a ContentDeflater's two threads, and
// handed to libharu when all are done.
class StreamDeflater {
 public:
  // `stream_dict` (an empty stream of the document) is to hold `bytes`, deflated.
  void Add(HPDF_Dict stream_dict, std::string bytes);
  // Waits for every stream and puts each into its dictionary; throws RenderFailure.
  void Finish(PdfDoc& pdf);

 private:
  ContentDeflater deflater_;
  std::vector<HPDF_Dict> dicts_;  // in the order added
};

// The level every stream is deflated at: zlib's default, what libharu would use.
inline constexpr int kDeflateLevel = 6;

// `data` deflated, in the zlib format a PDF's FlateDecode reads; throws RenderFailure.
std::string Deflate(std::string_view data);

}  // namespace arsred

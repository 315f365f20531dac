// Deflating the streams arsred writes itself (the pages' content, the font programs and maps),
// and handing the result to libharu. Internal to the renderer.
//
// libharu would deflate each stream with zlib as it saves the document. Here the streams are
// collected as they are made, deflated with libdeflate, which is about twice as fast at the same
// level and size, and libharu writes the deflated bytes as they are, the stream's /Filter said
// by a write hook.
#pragma once

#include <hpdf.h>

#include <string>
#include <string_view>
#include <vector>

namespace arsred {

class PdfDoc;

// The streams of one document, deflated when all are made.
class StreamDeflater {
 public:
  // `stream_dict` (an empty stream of the document) is to hold `bytes`, deflated.
  void Add(HPDF_Dict stream_dict, std::string bytes);
  // Deflates every stream and puts each into its dictionary; throws RenderFailure.
  void Finish(PdfDoc& pdf);

 private:
  std::vector<HPDF_Dict> dicts_;    // in the order added
  std::vector<std::string> bytes_;  // the same order
};

// The level every stream is deflated at: zlib's default, what libharu would use.
inline constexpr int kDeflateLevel = 6;

// `data` deflated, in the zlib format a PDF's FlateDecode reads; throws RenderFailure.
std::string Deflate(std::string_view data);

// Each of `streams` deflated, in the same order.
std::vector<std::string> DeflateAll(const std::vector<std::string>& streams);

}  // namespace arsred

// The tagged PDF's side of rendering (PDF/UA-1): marked content around every item drawn, and
// the structure tree, parent tree and catalog entries that tie the marks to the elements the
// layout made. The one place of the renderer that knows about tagging; render_pdf.cc tells it
// which element each item belongs to, and nothing else.
#pragma once

#include <hpdf.h>

#include <cstddef>
#include <string>
#include <vector>

#include "pages.h"
#include "pdf_doc.h"

namespace arsred {

class PdfTagger {
 public:
  PdfTagger(PdfDoc& pdf, const Document& document);

  // Before drawing content of element `structure` (-1: an artifact) on a page: ends the marked
  // sequence that is open and begins the element's when they differ, appending the operators to
  // the page's `content`. Must be called outside a text object (BT…ET), so that marks and text
  // objects nest.
  void Mark(std::string& content, size_t page_index, int structure);
  // Whether content of `structure` can be drawn without a new mark.
  bool IsOpen(int structure) const { return open_ == structure; }
  // Ends the page's open sequence; called after its last item.
  void EndPage(std::string& content);
  // A link annotation belongs to its Link element (as an object reference), with `description`
  // as its /Contents, which is what a screen reader announces.
  void AddAnnotation(HPDF_Annotation annotation, size_t page_index, int structure, const std::string& description);
  // Writes the structure tree, the parent tree and the catalog's and pages' keys.
  void Finish(const std::vector<HPDF_Page>& pages);

 private:
  // One child of an element, in the order of drawing: marked content or an annotation.
  struct ContentKid {
    size_t sequence;  // when it was drawn, over the whole document
    size_t page;
    int mcid = -1;                       // marked content, or
    HPDF_Annotation annotation = nullptr;  // an annotation
  };

  PdfDoc& pdf_;
  const Document& document_;
  std::vector<std::vector<ContentKid>> content_;      // per element
  std::vector<std::vector<int>> page_marks_;          // per page: the element of each MCID
  std::vector<std::pair<HPDF_Annotation, int>> annotations_;  // with their elements
  int open_ = -2;  // the element whose sequence is open (-1 an artifact), or -2 for none
  size_t sequence_ = 0;
};

}  // namespace arsred

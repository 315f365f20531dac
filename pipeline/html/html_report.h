// The HTML edition: the report as one self-contained web page, for a förbund's website.
//
// It is made from what the PDF is made from (the report's prose, its figures and the layout's
// order of parts, titles and colours), not from the PDF or its pages: every figure is the string
// ReportFigures holds, as the PDF prints it. One file, with its style sheet inside and no
// request to anywhere; the same inputs give the same bytes.
#pragma once

#include <string>

#include "calculate.h"
#include "layout.h"
#include "layout_model.h"

namespace arsred {

struct HtmlOptions {
  // The file name of the figures as open data (JSON), beside the page, for a relative link from
  // it; empty for none.
  std::string figures_file;
  // The hyphenation dictionary the PDF is set with: the words of tables then carry soft hyphens
  // where the PDF would hyphenate them, so that on a phone's width a browser breaks a long word
  // with a hyphen, at a point Swedish allows, rather than between any two letters. Null: none.
  const Hyphenator* hyphenator = nullptr;
};

// The whole page: <!DOCTYPE html> to </html>, UTF-8.
std::string HtmlReport(const ReportProse& prose, const ReportFigures& figures, const LayoutFile& layout,
                       const DraftNotes& draft, const HtmlOptions& options);

}  // namespace arsred

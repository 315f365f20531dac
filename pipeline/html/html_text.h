// Text into HTML: the ids of headings (escaping is base's EscapeMarkup, shared with the PDF's
// metadata).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace arsred {

// Fragment ids for headings, made from their words ("Resultaträkning" -> "resultatrakning"):
// lower-case ASCII letters, digits and hyphens only, each id once per document.
class HeadingIds {
 public:
  std::string Make(const std::string& text);

 private:
  std::set<std::string> used_;
};

}  // namespace arsred

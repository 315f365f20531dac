// Text into HTML: escaping, and the ids of headings.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace arsred {

// `text` with &, <, >, " and ' written as character references, so that it is text wherever it
// stands: between tags or inside an attribute's quotes. Every text of the inputs goes through it.
std::string Escape(std::string_view text);

// Fragment ids for headings, made from their words ("Resultaträkning" -> "resultatrakning"):
// lower-case ASCII letters, digits and hyphens only, each id once per document.
class HeadingIds {
 public:
  std::string Make(const std::string& text);

 private:
  std::set<std::string> used_;
};

}  // namespace arsred

// Text into XML or HTML: the one escaping every stage that writes markup uses (the PDF's XMP
// metadata, the HTML edition).
#pragma once

#include <string>
#include <string_view>

namespace arsred {

// `text` with &, <, >, " and ' written as character references, so that it is text wherever it
// stands: between tags or inside an attribute's quotes, in XML and in HTML alike.
std::string EscapeMarkup(std::string_view text);

}  // namespace arsred

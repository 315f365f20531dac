// A text trace of a laid-out Document: one line per page and per item, with positions rounded
// to 0.01 pt. It backs `arsred dump --stage layout` and the golden layout tests; being a second
// consumer of the same pages as the renderer, it shows exactly what will be drawn.
#pragma once

#include <string>

#include "pages.h"

namespace arsred {

std::string TraceDocument(const Document& document);

}  // namespace arsred

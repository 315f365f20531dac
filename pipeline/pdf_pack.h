// Rewrites a finished PDF with its small objects packed into compressed object streams (qpdf).
// Its own file: qpdf 11's headers do not compile as C++20 with clang 14 (JSON.hh), so this one
// is compiled as C++17 there (CMakeLists.txt).
#pragma once

#include <string>

namespace arsred {

// The same PDF, packed; throws RenderFailure.
std::string PackObjects(const std::string& pdf);

}  // namespace arsred

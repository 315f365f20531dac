// Rewrites a finished PDF with its small objects packed into compressed object streams (qpdf).
// Its own file: qpdf 11's headers do not compile as C++20 with clang 14 (JSON.hh), so this one
// is compiled as C++17 there (CMakeLists.txt).
#pragma once

#include <string>

namespace arsred {

// Replaces the file at `path`; throws RenderFailure.
void PackObjects(const std::string& path);

}  // namespace arsred

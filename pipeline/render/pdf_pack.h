// Rewrites a finished PDF with its small objects packed into compressed object streams (qpdf).
//
// qpdf is loaded the first time a PDF is packed, not when arsred starts (shared_library.h): it
// brings GnuTLS and eight more libraries, and a draft is never packed.
#pragma once

#include <string>

namespace arsred {

// The same PDF, packed; throws RenderFailure (also when qpdf cannot be loaded).
std::string PackObjects(const std::string& pdf);

// The version of the qpdf that packs (loading it); throws RenderFailure when it cannot be loaded.
std::string QpdfVersion();

}  // namespace arsred

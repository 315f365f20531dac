// Rewrites a finished PDF with its small objects packed into compressed object streams (qpdf).
//
// qpdf is loaded (dlopen) the first time a PDF is packed, not when arsred starts: it brings
// GnuTLS and eight more libraries whose loading and initialisation took longer than a fifth of
// writing a draft, which is never packed.
#pragma once

#include <string>

namespace arsred {

// The same PDF, packed; throws RenderFailure (also when qpdf cannot be loaded).
std::string PackObjects(const std::string& pdf);

}  // namespace arsred

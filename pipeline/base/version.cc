#include "version.h"

#include "source_revision.h"  // generated at build time (cmake/source_revision.cmake)

namespace arsred {

std::string ArsredVersion() {
  const std::string revision = ARSRED_SOURCE_REVISION;
  return revision.empty() ? std::string(ARSRED_VERSION) : std::string(ARSRED_VERSION) + " (commit " + revision + ")";
}

}  // namespace arsred

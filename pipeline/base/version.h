// Which arsred this is: what `--version` prints and what an archive records as the toolchain's
// first component.
#pragma once

#include <string>

namespace arsred {

// The release number, and the commit it is built from when built from a git checkout:
// "0.1.0 (commit bf5e9d37def7)". The number alone does not tell apart two builds between
// releases whose output differs, and `verify` must be able to say that arsred changed.
std::string ArsredVersion();

}  // namespace arsred

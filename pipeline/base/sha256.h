// SHA-256, for the archive's manifest and the fingerprints of an approved year.
#pragma once

#include <string>
#include <string_view>

namespace arsred {

// SHA-256 of `bytes` in lower-case hexadecimal (OpenSSL's implementation). Throws
// std::runtime_error when libcrypto cannot be loaded or fails.
std::string Sha256Hex(std::string_view bytes);

}  // namespace arsred

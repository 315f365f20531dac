// SHA-256, for the archive's manifest, the fingerprints of an approved year and signatures.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace arsred {

using Sha256Digest = std::array<unsigned char, 32>;

// SHA-256 of `bytes` (OpenSSL's implementation). Throws std::runtime_error when libcrypto
// cannot be loaded or fails.
Sha256Digest Sha256(std::string_view bytes);

// The same in lower-case hexadecimal.
std::string Sha256Hex(std::string_view bytes);

}  // namespace arsred

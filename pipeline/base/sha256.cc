#include "sha256.h"

#include <stdexcept>

#include "openssl_api.h"

namespace arsred {

Sha256Digest Sha256(std::string_view bytes) {
  // OpenSSL's libcrypto is loaded when a first hash is asked for (openssl_api.h): only the
  // archive, an approved year and signing need it.
  const openssl::Api& crypto = openssl::Crypto();
  Sha256Digest digest{};
  unsigned int length = 0;
  if (crypto.evp_digest(bytes.data(), bytes.size(), digest.data(), &length, crypto.evp_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw std::runtime_error(openssl::Errors("OpenSSL could not compute a SHA-256"));
  }
  return digest;
}

std::string Sha256Hex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned char byte : Sha256(bytes)) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  return hex;
}

}  // namespace arsred

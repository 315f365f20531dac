#include "sha256.h"

#include <openssl/evp.h>

#include <stdexcept>

#include "shared_library.h"

namespace arsred {

std::string Sha256Hex(std::string_view bytes) {
  // OpenSSL's libcrypto is loaded when a first hash is asked for (shared_library.h): only the
  // archive and an approved year need it.
  struct Crypto {
    decltype(&EVP_Digest) digest;
    decltype(&EVP_sha256) sha256;
  };
  static const Crypto crypto = [] {
    static SharedLibrary library(ARSRED_CRYPTO_SONAME);
    Crypto found{};
    library.Find(found.digest, "EVP_Digest");
    library.Find(found.sha256, "EVP_sha256");
    return found;
  }();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (crypto.digest(bytes.data(), bytes.size(), digest, &length, crypto.sha256(), nullptr) != 1) {
    throw std::runtime_error("OpenSSL could not compute a SHA-256");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    hex += kHex[digest[i] >> 4];
    hex += kHex[digest[i] & 0xF];
  }
  return hex;
}

}  // namespace arsred

// A ledamot's key and certificate, from a PKCS#12 file, and the CMS signature that PAdES
// baseline B-B puts in a PDF (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached): SignedData
// over the digest of the signed bytes, with the signed attributes content-type, message-digest
// and signing-certificate-v2, and no signing-time (the PDF's /M gives the time instead).
#pragma once

#include <cstdint>
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "sha256.h"

namespace arsred {

class SigningKey {
 public:
  // The key, its certificate and any chain in a PKCS#12 file's bytes. Null, with `error`, when
  // the file does not open with `password`, holds no key or certificate, or the key is not the
  // certificate's.
  static std::unique_ptr<SigningKey> FromPkcs12(const std::string& bytes, const std::string& password,
                                                std::string* error);
  ~SigningKey();
  SigningKey(const SigningKey&) = delete;
  SigningKey& operator=(const SigningKey&) = delete;

  // The certificate's subject, one line: "CN = Anna Andersson, O = Region Jämtland Härjedalen".
  std::string Subject() const;
  // Why the certificate may not sign at `when`, or "" when it may: not yet valid, expired, or
  // its key usage allows neither digital signatures nor non-repudiation.
  std::string CannotSignAt(std::time_t when) const;

  // The DER of a detached CMS SignedData signing `digest` (the SHA-256 of the signed bytes).
  // Throws std::runtime_error with OpenSSL's reason.
  std::string SignCades(const Sha256Digest& digest) const;

 private:
  SigningKey() = default;
  void* key_ = nullptr;                // EVP_PKEY
  void* certificate_ = nullptr;        // X509
  std::vector<void*> chain_;           // X509, the issuers the file carries
};

// Checks a detached CMS signature (DER; padding after it is ignored) over `signed_bytes`: the
// digest of the bytes, the signature with the certificate the CMS carries, that certificate
// against the signing-certificate-v2 attribute (CAdES) and against its issuer's signature where
// the CMS carries the issuer, and that the certificate could sign at `signing_time`. Returns "" when all hold, else why not; `signer`
// gets the certificate's subject when there is one.
std::string VerifyCades(const std::string& der, const std::string& signed_bytes, std::time_t signing_time,
                        std::string* signer);

// Why the CMS is not a CAdES signature as PAdES B-B has it (no signing-certificate-v2 attribute,
// nor the older signing-certificate), or "".
std::string NotCades(const std::string& der);

// PAdES B-T: an RFC 3161 timestamp token over the signature value, in the SignerInfo's unsigned
// attribute signature-time-stamp (id-aa-signatureTimeStampToken). The token is got elsewhere,
// from a timestamping authority, for the bytes SignatureValueOf gives.

// The signature value of the CMS's signer: what a timestamp covers. Throws std::runtime_error.
std::string SignatureValueOf(const std::string& cms_der);

// The CMS with `token` added, after checking that the token is a signed timestamp whose message
// imprint is the SHA-256 of the signature value. `time` gets the timestamp's time. Throws
// std::runtime_error saying why it does not fit.
std::string WithTimestamp(const std::string& cms_der, const std::string& token, std::string* time);

struct TimestampCheck {
  bool present = false;
  std::string time;     // the token's time, when present
  std::string problem;  // why it does not hold, or ""
};
TimestampCheck CheckTimestamp(const std::string& cms_der);

}  // namespace arsred

#include "cades.h"

#include <openssl/x509v3.h>

#include <algorithm>
#include <ctime>
#include <cstdint>
#include <stdexcept>

#include "openssl_api.h"

namespace arsred {

namespace {

X509* AsCertificate(void* certificate) { return static_cast<X509*>(certificate); }
EVP_PKEY* AsKey(void* key) { return static_cast<EVP_PKEY*>(key); }

// The contents of a memory BIO as a string, and the BIO freed.
std::string TakeText(BIO* bio) {
  const openssl::Api& c = openssl::Crypto();
  char* data = nullptr;
  const long length = c.bio_ctrl(bio, BIO_CTRL_INFO, 0, &data);
  std::string text = data && length > 0 ? std::string(data, static_cast<size_t>(length)) : "";
  c.bio_free(bio);
  return text;
}

// "2025-03-14 09:30:00 UTC", as arsred writes every time it prints.
std::string TimeText(const ASN1_TIME* time) {
  std::tm tm{};
  if (openssl::Crypto().asn1_time_to_tm(time, &tm) != 1) return "?";
  char text[32];
  std::strftime(text, sizeof text, "%F %T UTC", &tm);
  return text;
}

// A DER length: one byte below 128, else the count of bytes that follow and the bytes.
std::string DerLength(size_t length) {
  if (length < 0x80) return std::string(1, static_cast<char>(length));
  std::string bytes;
  for (; length > 0; length >>= 8) bytes.insert(bytes.begin(), static_cast<char>(length & 0xFF));
  return static_cast<char>(0x80 | bytes.size()) + bytes;
}

// Why `certificate` may not sign at `when`, or "".
std::string CertificateCannotSignAt(X509* certificate, std::time_t when) {
  const openssl::Api& c = openssl::Crypto();
  std::time_t at = when;
  const ASN1_TIME* not_before = c.x509_get0_not_before(certificate);
  const ASN1_TIME* not_after = c.x509_get0_not_after(certificate);
  if (c.x509_cmp_time(not_before, &at) >= 0) return "the certificate is valid only from " + TimeText(not_before);
  if (c.x509_cmp_time(not_after, &at) <= 0) return "the certificate expired " + TimeText(not_after);
  const uint32_t usage = c.x509_get_key_usage(certificate);
  if (usage != UINT32_MAX && (usage & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION)) == 0) {
    return "the certificate's key usage allows no signatures";
  }
  return "";
}

// The certificate's subject on one line, UTF-8 left as it is ("Härjedalen", not "H\C3\A4rjedalen").
std::string SubjectOf(X509* certificate) {
  const openssl::Api& c = openssl::Crypto();
  BIO* bio = c.bio_new(c.bio_s_mem());
  if (!bio) return "?";
  c.x509_name_print_ex(bio, c.x509_get_subject_name(certificate), 0, XN_FLAG_ONELINE & ~ASN1_STRFLGS_ESC_MSB);
  return TakeText(bio);
}


using OwnedCms = std::unique_ptr<CMS_ContentInfo, void (*)(CMS_ContentInfo*)>;

OwnedCms ParseCms(const std::string& der, const char* what) {
  const openssl::Api& c = openssl::Crypto();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = c.d2i_cms_content_info(nullptr, &p, static_cast<long>(der.size()));
  if (!cms) throw std::runtime_error(std::string(what) + " is no CMS (" + openssl::Errors("unreadable") + ")");
  return OwnedCms(cms, c.cms_content_info_free);
}

CMS_SignerInfo* FirstSigner(CMS_ContentInfo* cms) {
  const openssl::Api& c = openssl::Crypto();
  OPENSSL_STACK* signers = reinterpret_cast<OPENSSL_STACK*>(c.cms_get0_signer_infos(cms));
  if (!signers || c.stack_count(signers) < 1) throw std::runtime_error("the signature has no signer");
  return static_cast<CMS_SignerInfo*>(c.stack_item(signers, 0));
}

std::string Bytes(const ASN1_STRING* string) {
  const openssl::Api& c = openssl::Crypto();
  return std::string(reinterpret_cast<const char*>(c.asn1_string_get0_data(string)),
                     static_cast<size_t>(c.asn1_string_length(string)));
}

// Whether `token` is a timestamp, signed (by its own certificate), whose message imprint is the
// SHA-256 of `signature_value`; throws why not. `time` gets its time.
void CheckToken(const std::string& token, const std::string& signature_value, std::string* time) {
  const openssl::Api& c = openssl::Crypto();
  OwnedCms cms = ParseCms(token, "the timestamp token");
  BIO* content = c.bio_new(c.bio_s_mem());
  if (!content) throw std::runtime_error(openssl::Errors("OpenSSL could not read the timestamp"));
  if (c.cms_verify(cms.get(), nullptr, nullptr, nullptr, content, CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1) {
    c.bio_free(content);
    throw std::runtime_error("the timestamp token's signature does not verify (" + openssl::Errors("no reason") + ")");
  }
  const std::string tst_info = TakeText(content);
  const auto* p = reinterpret_cast<const unsigned char*>(tst_info.data());
  TS_TST_INFO* info = c.d2i_ts_tst_info(nullptr, &p, static_cast<long>(tst_info.size()));
  if (!info) throw std::runtime_error("the token holds no timestamp (TSTInfo)");
  const std::unique_ptr<TS_TST_INFO, void (*)(TS_TST_INFO*)> owned(info, c.ts_tst_info_free);
  TS_MSG_IMPRINT* imprint = c.ts_tst_info_get_msg_imprint(info);
  const ASN1_OBJECT* algorithm = nullptr;
  c.x509_algor_get0(&algorithm, nullptr, nullptr, c.ts_msg_imprint_get_algo(imprint));
  const Sha256Digest expected = Sha256(signature_value);
  if (c.obj_obj2nid(algorithm) != NID_sha256 ||
      Bytes(c.ts_msg_imprint_get_msg(imprint)) != std::string(expected.begin(), expected.end())) {
    throw std::runtime_error("the timestamp is not of this signature (its imprint is not the SHA-256 of the "
                             "signature value)");
  }
  *time = TimeText(c.ts_tst_info_get_time(info));
}

// Why arsred does not sign with `key`, or "". The CMS it makes names the key's algorithm the
// way RSA (PKCS#1 v1.5) and ECDSA keys need: an RSA-PSS key would be signed as PSS under the
// name of plain RSA, which no one can verify, and EdDSA would need another layout of the CMS.
// ECDSA on the NIST curves is what readers verify.
std::string UnsupportedKey(EVP_PKEY* key) {
  const openssl::Api& c = openssl::Crypto();
  const char* supported = "arsred signs with RSA or ECDSA keys (P-256, P-384 or P-521)";
  const int type = c.evp_pkey_get_base_id(key);
  if (type == EVP_PKEY_RSA) return "";
  const char* name = c.evp_pkey_get0_type_name(key);
  const std::string type_name = name ? name : "of an unknown type";
  if (type != EVP_PKEY_EC) return "the key is " + type_name + "; " + supported;
  char curve[64] = "";
  size_t length = 0;
  if (c.evp_pkey_get_group_name(key, curve, sizeof curve, &length) != 1) openssl::Errors("");
  const std::string group = curve;
  if (group == "prime256v1" || group == "secp384r1" || group == "secp521r1" || group == "P-256" ||
      group == "P-384" || group == "P-521") {
    return "";
  }
  return "the key is ECDSA on the curve " + (group.empty() ? std::string("?") : group) + "; " + supported;
}

// Whether OpenSSL's legacy provider is loaded: PKCS#12 files exported before OpenSSL 3 (and by
// many other tools still) encrypt with RC2-40 or 3DES, which only it decrypts. Loaded once, with
// the default provider kept beside it (retain fallbacks).
bool LegacyProviderLoaded() {
  // Kept for the life of the process, and held here: OpenSSL's store of providers and the
  // provider refer to each other only, so without this pointer LeakSanitizer reports the pair.
  static OSSL_PROVIDER* const legacy = [] {
    OSSL_PROVIDER* provider = openssl::Crypto().ossl_provider_try_load(nullptr, "legacy", 1);
    openssl::Errors("");  // why not, when not: the message for the file says what to do
    return provider;
  }();
  return legacy != nullptr;
}

}  // namespace

std::unique_ptr<SigningKey> SigningKey::FromPkcs12(const std::string& bytes, const std::string& password,
                                                   std::string* error) {
  const openssl::Api& c = openssl::Crypto();
  BIO* bio = c.bio_new_mem_buf(bytes.data(), static_cast<int>(bytes.size()));
  PKCS12* file = bio ? c.d2i_pkcs12_bio(bio, nullptr) : nullptr;
  if (bio) c.bio_free(bio);
  if (!file) {
    *error = "not a PKCS#12 file (" + openssl::Errors("unreadable") + ")";
    return nullptr;
  }
  EVP_PKEY* key = nullptr;
  X509* certificate = nullptr;
  STACK_OF(X509)* chain = nullptr;
  const bool legacy = LegacyProviderLoaded();
  const int parsed = c.pkcs12_parse(file, password.c_str(), &key, &certificate, &chain);
  c.pkcs12_free(file);
  std::unique_ptr<SigningKey> out(new SigningKey);
  out->key_ = key;
  out->certificate_ = certificate;
  if (chain) {
    OPENSSL_STACK* stack = reinterpret_cast<OPENSSL_STACK*>(chain);
    for (int i = 0; i < c.stack_count(stack); ++i) out->chain_.push_back(c.stack_item(stack, i));
    c.stack_free(stack);  // the certificates are ours now
  }
  if (parsed != 1) {
    std::string reasons;
    bool unsupported = false;
    for (const openssl::Error& failure : openssl::TakeErrors()) {
      reasons += (reasons.empty() ? "" : "; ") + failure.text;
      unsupported = unsupported || ERR_GET_REASON(failure.code) == ERR_GET_REASON(ERR_R_UNSUPPORTED);
    }
    if (unsupported && !legacy) {
      *error = "the file is encrypted the old way (RC2 or 3DES, as files exported before OpenSSL 3 are), which this "
               "OpenSSL reads only with its legacy provider, and that could not be loaded. Export it again: "
               "`openssl pkcs12 -legacy -in old.p12 -nodes -out key.pem && openssl pkcs12 -export -in key.pem "
               "-out new.p12`, then delete key.pem (" + reasons + ")";
    } else {
      *error = "the file does not open with this password (" + (reasons.empty() ? "no reason given" : reasons) + ")";
    }
    return nullptr;
  }
  // PKCS12_parse gives as the certificate only the one whose key the file holds; certificates
  // for other keys go into the chain.
  if (key && !certificate && !out->chain_.empty()) {
    std::string subjects;
    for (void* other : out->chain_) subjects += (subjects.empty() ? "" : "; ") + SubjectOf(AsCertificate(other));
    *error = "the private key is not the key of any certificate in the file (it has: " + subjects + ")";
    return nullptr;
  }
  if (!key || !certificate) {
    *error = std::string("the file holds no ") + (key ? "certificate" : "private key");
    return nullptr;
  }
  if (c.x509_check_private_key(certificate, key) != 1) {
    openssl::Errors("");
    *error = "the private key is not the certificate's";
    return nullptr;
  }
  *error = UnsupportedKey(key);
  if (!error->empty()) return nullptr;
  return out;
}

SigningKey::~SigningKey() {
  const openssl::Api& c = openssl::Crypto();
  if (key_) c.evp_pkey_free(AsKey(key_));
  if (certificate_) c.x509_free(AsCertificate(certificate_));
  for (void* certificate : chain_) c.x509_free(AsCertificate(certificate));
}

std::string SigningKey::Subject() const { return SubjectOf(AsCertificate(certificate_)); }

std::string SigningKey::CannotSignAt(std::time_t when) const {
  return CertificateCannotSignAt(AsCertificate(certificate_), when);
}

std::string SigningKey::SignCades(const Sha256Digest& digest) const {
  const openssl::Api& c = openssl::Crypto();
  const auto fail = [](const char* step) { throw std::runtime_error(openssl::Errors(step)); };
  CMS_ContentInfo* cms = c.cms_sign(nullptr, nullptr, nullptr, nullptr, CMS_PARTIAL | CMS_DETACHED | CMS_BINARY);
  if (!cms) fail("OpenSSL could not start a CMS SignedData");
  const std::unique_ptr<CMS_ContentInfo, void (*)(CMS_ContentInfo*)> owned(cms, c.cms_content_info_free);
  // CMS_CADES adds signing-certificate-v2. CMS_PARTIAL leaves the signing to us: OpenSSL 3.0
  // would add a signing-time attribute, which PAdES B-B does not allow.
  CMS_SignerInfo* signer = c.cms_add1_signer(cms, AsCertificate(certificate_), AsKey(key_), c.evp_sha256(),
                                             CMS_PARTIAL | CMS_BINARY | CMS_CADES | CMS_NOSMIMECAP);
  if (!signer) fail("OpenSSL could not add the signer");
  for (void* issuer : chain_) {
    if (c.cms_add1_cert(cms, AsCertificate(issuer)) != 1) fail("OpenSSL could not add a certificate of the chain");
  }
  if (c.cms_signed_add1_attr_by_nid(signer, NID_pkcs9_contentType, V_ASN1_OBJECT, c.obj_nid2obj(NID_pkcs7_data),
                                    -1) != 1 ||
      c.cms_signed_add1_attr_by_nid(signer, NID_pkcs9_messageDigest, V_ASN1_OCTET_STRING, digest.data(),
                                    static_cast<int>(digest.size())) != 1) {
    fail("OpenSSL could not add the signed attributes");
  }

  // What is signed is the DER of the signed attributes as a SET OF: each attribute encoded, in
  // ascending order of the encodings.
  std::vector<std::string> attributes;
  for (int i = 0; i < c.cms_signed_get_attr_count(signer); ++i) {
    unsigned char* encoded = nullptr;
    const int length = c.i2d_x509_attribute(c.cms_signed_get_attr(signer, i), &encoded);
    if (length <= 0) fail("OpenSSL could not encode a signed attribute");
    attributes.emplace_back(reinterpret_cast<char*>(encoded), static_cast<size_t>(length));
    c.crypto_free(encoded, __FILE__, __LINE__);
  }
  std::sort(attributes.begin(), attributes.end());  // std::string compares bytes as unsigned
  std::string content;
  for (const std::string& attribute : attributes) content += attribute;
  const std::string signed_attributes = "\x31" + DerLength(content.size()) + content;

  EVP_MD_CTX* context = c.evp_md_ctx_new();
  if (!context) fail("OpenSSL could not start signing");
  const std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> owned_context(context, c.evp_md_ctx_free);
  const auto* tbs = reinterpret_cast<const unsigned char*>(signed_attributes.data());
  size_t length = 0;
  if (c.evp_digest_sign_init(context, nullptr, c.evp_sha256(), nullptr, AsKey(key_)) != 1 ||
      c.evp_digest_sign(context, nullptr, &length, tbs, signed_attributes.size()) != 1) {
    fail("OpenSSL could not sign with the key");
  }
  std::string signature(length, '\0');
  if (c.evp_digest_sign(context, reinterpret_cast<unsigned char*>(signature.data()), &length, tbs,
                        signed_attributes.size()) != 1) {
    fail("OpenSSL could not sign with the key");
  }
  signature.resize(length);
  if (c.asn1_string_set(c.cms_signer_info_get0_signature(signer), signature.data(), static_cast<int>(length)) != 1) {
    fail("OpenSSL could not put the signature in place");
  }

  unsigned char* der = nullptr;
  const int der_length = c.i2d_cms_content_info(cms, &der);
  if (der_length <= 0) fail("OpenSSL could not encode the CMS");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(der_length));
  c.crypto_free(der, __FILE__, __LINE__);
  return out;
}

std::string NotCades(const std::string& der) {
  const openssl::Api& c = openssl::Crypto();
  try {
    OwnedCms cms = ParseCms(der, "the signature");
    CMS_SignerInfo* signer = FirstSigner(cms.get());
    if (c.cms_signed_get_attr_by_nid(signer, NID_id_smime_aa_signingCertificateV2, -1) < 0 &&
        c.cms_signed_get_attr_by_nid(signer, NID_id_smime_aa_signingCertificate, -1) < 0) {
      return "the CMS has no signing-certificate-v2 attribute, which a PAdES signature (B-B) must have: it binds "
             "the signer's certificate to the signature, so that the certificate cannot be changed or swapped";
    }
  } catch (const std::runtime_error& failure) {
    return failure.what();
  }
  return "";
}

namespace {

// Why CMS_verify failed, in words, from OpenSSL's reasons.
std::string VerifyFailure() {
  std::string reasons, certificate_problem;
  bool attribute = false, signature = false;
  for (const openssl::Error& error : openssl::TakeErrors()) {
    reasons += (reasons.empty() ? "" : "; ") + error.text;
    const int lib = ERR_GET_LIB(error.code), reason = ERR_GET_REASON(error.code);
    // OpenSSL names what failed in the certificate only in the detail: "Verify error: …".
    if (lib == ERR_LIB_CMS && reason == CMS_R_CERTIFICATE_VERIFY_ERROR) {
      certificate_problem = error.detail.empty() ? error.text : error.detail;
    }
    attribute = attribute || lib == ERR_LIB_ESS;
    signature = signature || (lib == ERR_LIB_CMS && reason == CMS_R_VERIFICATION_FAILURE);
  }
  if (reasons.empty()) reasons = "no reason given";
  if (!certificate_problem.empty()) {
    return "the signer's certificate does not hold (" + certificate_problem +
           "): it is not the certificate its issuer signed, or not one that may be used";
  }
  if (attribute) {
    return "the signer's certificate is not the one the signature was made with: its signing-certificate-v2 "
           "attribute names another (" + reasons + ")";
  }
  if (signature) return "the signature does not verify: what it signed has changed (" + reasons + ")";
  return "the signature does not verify (" + reasons + ")";
}

}  // namespace

std::string VerifyCades(const std::string& der, const std::string& signed_bytes, std::time_t signing_time,
                        std::string* signer) {
  const openssl::Api& c = openssl::Crypto();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = c.d2i_cms_content_info(nullptr, &p, static_cast<long>(der.size()));
  if (!cms) return "the signature is no CMS (" + openssl::Errors("unreadable") + ")";
  const std::unique_ptr<CMS_ContentInfo, void (*)(CMS_ContentInfo*)> owned(cms, c.cms_content_info_free);
  // A PDF signature signs the bytes around it, so it carries none itself.
  if (c.cms_is_detached(cms) != 1) return "the signature is not detached (ETSI.CAdES.detached)";
  const std::string not_cades = NotCades(der);
  if (!not_cades.empty()) return not_cades;

  // CMS_CADES checks the signing-certificate-v2 attribute against the signer's certificate, and
  // OpenSSL does that only after building the certificate's chain from a store. Whether an
  // issuer is one to trust is the reader's question, not this check's: the store holds the
  // certificates the CMS carries, each taken as an anchor (PARTIAL_CHAIN). What the chain still
  // checks is each certificate's signature by its issuer where the CMS has the issuer, so that a
  // certificate edited in the CMS does not pass. A self-signed certificate is checked against itself below, not by the chain: the
  // chain would also ask its key usage to allow signing certificates, which a ledamot's
  // self-signed one need not. The signing time is checked below, at /M, not at the clock
  // (NO_CHECK_TIME); any purpose will do, and extensions OpenSSL does not know are not a reason
  // to refuse.
  X509_STORE* store = c.x509_store_new();
  if (!store) return openssl::Errors("OpenSSL could not make a certificate store");
  const std::unique_ptr<X509_STORE, void (*)(X509_STORE*)> owned_store(store, c.x509_store_free);
  STACK_OF(X509)* carried = c.cms_get1_certs(cms);
  OPENSSL_STACK* carried_stack = reinterpret_cast<OPENSSL_STACK*>(carried);
  for (int i = 0; carried && i < c.stack_count(carried_stack); ++i) {
    c.x509_store_add_cert(store, static_cast<X509*>(c.stack_item(carried_stack, i)));
  }
  if (carried) c.stack_pop_free(carried_stack, reinterpret_cast<void (*)(void*)>(c.x509_free));
  c.x509_store_set_flags(store, X509_V_FLAG_PARTIAL_CHAIN | X509_V_FLAG_NO_CHECK_TIME | X509_V_FLAG_IGNORE_CRITICAL);
  c.x509_store_set_purpose(store, X509_PURPOSE_ANY);

  // The bytes behind a buffering BIO: given a memory BIO, OpenSSL 3.0's CMS_verify copies it
  // into one of its own, which it leaks when the CMS's content cannot be set up (found by the
  // fuzzer).
  BIO* bytes = c.bio_new_mem_buf(signed_bytes.data(), static_cast<int>(signed_bytes.size()));
  BIO* buffer = bytes ? c.bio_new(c.bio_f_buffer()) : nullptr;
  if (!buffer) {
    if (bytes) c.bio_free(bytes);
    return openssl::Errors("OpenSSL could not read the signed bytes");
  }
  BIO* content = c.bio_push(buffer, bytes);
  // The certificate (above), the digest of the bytes against the message-digest attribute, the
  // signature over the attributes against the signer's certificate, and that certificate
  // against the signing-certificate-v2 attribute.
  const int verified = c.cms_verify(cms, nullptr, store, content, nullptr, CMS_BINARY | CMS_CADES);
  const std::string failure = verified == 1 ? "" : VerifyFailure();
  c.bio_free_all(content);
  STACK_OF(X509)* signers = c.cms_get0_signers(cms);
  OPENSSL_STACK* stack = reinterpret_cast<OPENSSL_STACK*>(signers);
  X509* certificate = signers && c.stack_count(stack) > 0 ? static_cast<X509*>(c.stack_item(stack, 0)) : nullptr;
  if (certificate) *signer = SubjectOf(certificate);
  if (signers) c.stack_free(stack);
  if (!failure.empty()) return failure;
  if (!certificate) return "the signature carries no signer's certificate";
  if (c.x509_name_cmp(c.x509_get_subject_name(certificate), c.x509_get_issuer_name(certificate)) == 0 &&
      c.x509_verify(certificate, c.x509_get0_pubkey(certificate)) != 1) {
    return "the signer's self-signed certificate does not verify with its own key: it is not as it was made (" +
           openssl::Errors("no reason given") + ")";
  }
  return CertificateCannotSignAt(certificate, signing_time);
}

std::string SignatureValueOf(const std::string& cms_der) {
  OwnedCms cms = ParseCms(cms_der, "the signature");
  return Bytes(openssl::Crypto().cms_signer_info_get0_signature(FirstSigner(cms.get())));
}

std::string WithTimestamp(const std::string& cms_der, const std::string& token, std::string* time) {
  const openssl::Api& c = openssl::Crypto();
  OwnedCms cms = ParseCms(cms_der, "the signature");
  CMS_SignerInfo* signer = FirstSigner(cms.get());
  if (c.cms_unsigned_get_attr_by_nid(signer, NID_id_smime_aa_timeStampToken, -1) >= 0) {
    throw std::runtime_error("the signature has a timestamp already");
  }
  CheckToken(token, Bytes(c.cms_signer_info_get0_signature(signer)), time);
  if (c.cms_unsigned_add1_attr_by_nid(signer, NID_id_smime_aa_timeStampToken, V_ASN1_SEQUENCE, token.data(),
                                      static_cast<int>(token.size())) != 1) {
    throw std::runtime_error(openssl::Errors("OpenSSL could not add the timestamp"));
  }
  unsigned char* der = nullptr;
  const int length = c.i2d_cms_content_info(cms.get(), &der);
  if (length <= 0) throw std::runtime_error(openssl::Errors("OpenSSL could not encode the CMS"));
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(length));
  c.crypto_free(der, __FILE__, __LINE__);
  return out;
}

TimestampCheck CheckTimestamp(const std::string& cms_der) {
  const openssl::Api& c = openssl::Crypto();
  TimestampCheck out;
  try {
    OwnedCms cms = ParseCms(cms_der, "the signature");
    CMS_SignerInfo* signer = FirstSigner(cms.get());
    const int at = c.cms_unsigned_get_attr_by_nid(signer, NID_id_smime_aa_timeStampToken, -1);
    if (at < 0) return out;
    out.present = true;
    ASN1_TYPE* value = c.x509_attribute_get0_type(c.cms_unsigned_get_attr(signer, at), 0);
    if (!value || value->type != V_ASN1_SEQUENCE) throw std::runtime_error("the timestamp attribute holds no token");
    CheckToken(Bytes(value->value.sequence), Bytes(c.cms_signer_info_get0_signature(signer)), &out.time);
  } catch (const std::runtime_error& failure) {
    out.problem = failure.what();
  }
  return out;
}

}  // namespace arsred

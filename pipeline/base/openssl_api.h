// The functions of OpenSSL's libcrypto that arsred uses, from the library loaded when first
// needed (shared_library.h): SHA-256 for the archive and approval, and the CMS of a signature
// (sign/). A command that needs none of them does not pay for loading it.
#pragma once

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <string>
#include <vector>

namespace arsred::openssl {

struct Api {
  decltype(&BIO_new) bio_new;
  decltype(&BIO_s_mem) bio_s_mem;
  decltype(&BIO_new_mem_buf) bio_new_mem_buf;
  decltype(&BIO_ctrl) bio_ctrl;
  decltype(&BIO_free) bio_free;
  decltype(&BIO_free_all) bio_free_all;
  decltype(&BIO_f_buffer) bio_f_buffer;
  decltype(&BIO_push) bio_push;
  decltype(&d2i_PKCS12_bio) d2i_pkcs12_bio;
  decltype(&PKCS12_parse) pkcs12_parse;
  decltype(&OSSL_PROVIDER_try_load) ossl_provider_try_load;
  decltype(&PKCS12_free) pkcs12_free;
  decltype(&EVP_PKEY_free) evp_pkey_free;
  decltype(&EVP_PKEY_get_base_id) evp_pkey_get_base_id;
  decltype(&EVP_PKEY_get0_type_name) evp_pkey_get0_type_name;
  decltype(&EVP_PKEY_get_group_name) evp_pkey_get_group_name;
  decltype(&X509_free) x509_free;
  decltype(&OPENSSL_sk_num) stack_count;
  decltype(&OPENSSL_sk_value) stack_item;
  decltype(&OPENSSL_sk_free) stack_free;
  decltype(&X509_check_private_key) x509_check_private_key;
  decltype(&X509_get0_notBefore) x509_get0_not_before;
  decltype(&X509_get0_notAfter) x509_get0_not_after;
  decltype(&X509_cmp_time) x509_cmp_time;
  decltype(&X509_get_key_usage) x509_get_key_usage;
  decltype(&X509_get_subject_name) x509_get_subject_name;
  decltype(&X509_get_issuer_name) x509_get_issuer_name;
  decltype(&X509_NAME_cmp) x509_name_cmp;
  decltype(&X509_verify) x509_verify;
  decltype(&X509_get0_pubkey) x509_get0_pubkey;
  decltype(&X509_NAME_print_ex) x509_name_print_ex;
  decltype(&ASN1_TIME_to_tm) asn1_time_to_tm;
  decltype(&CMS_sign) cms_sign;
  decltype(&CMS_add1_signer) cms_add1_signer;
  decltype(&CMS_add1_cert) cms_add1_cert;
  decltype(&CMS_signed_add1_attr_by_NID) cms_signed_add1_attr_by_nid;
  decltype(&CMS_signed_get_attr_count) cms_signed_get_attr_count;
  decltype(&CMS_signed_get_attr) cms_signed_get_attr;
  decltype(&CMS_SignerInfo_get0_signature) cms_signer_info_get0_signature;
  decltype(&i2d_X509_ATTRIBUTE) i2d_x509_attribute;
  decltype(&i2d_CMS_ContentInfo) i2d_cms_content_info;
  decltype(&d2i_CMS_ContentInfo) d2i_cms_content_info;
  decltype(&CMS_verify) cms_verify;
  decltype(&CMS_get1_certs) cms_get1_certs;
  decltype(&CMS_signed_get_attr_by_NID) cms_signed_get_attr_by_nid;
  decltype(&X509_STORE_new) x509_store_new;
  decltype(&X509_STORE_free) x509_store_free;
  decltype(&X509_STORE_add_cert) x509_store_add_cert;
  decltype(&X509_STORE_set_flags) x509_store_set_flags;
  decltype(&X509_STORE_set_purpose) x509_store_set_purpose;
  decltype(&OPENSSL_sk_pop_free) stack_pop_free;
  decltype(&CMS_is_detached) cms_is_detached;
  decltype(&CMS_get0_signers) cms_get0_signers;
  decltype(&CMS_get0_SignerInfos) cms_get0_signer_infos;
  decltype(&CMS_unsigned_get_attr_by_NID) cms_unsigned_get_attr_by_nid;
  decltype(&CMS_unsigned_get_attr) cms_unsigned_get_attr;
  decltype(&CMS_unsigned_add1_attr_by_NID) cms_unsigned_add1_attr_by_nid;
  decltype(&X509_ATTRIBUTE_get0_type) x509_attribute_get0_type;
  decltype(&d2i_TS_TST_INFO) d2i_ts_tst_info;
  decltype(&TS_TST_INFO_free) ts_tst_info_free;
  decltype(&TS_TST_INFO_get_msg_imprint) ts_tst_info_get_msg_imprint;
  decltype(&TS_TST_INFO_get_time) ts_tst_info_get_time;
  decltype(&TS_MSG_IMPRINT_get_msg) ts_msg_imprint_get_msg;
  decltype(&TS_MSG_IMPRINT_get_algo) ts_msg_imprint_get_algo;
  decltype(&X509_ALGOR_get0) x509_algor_get0;
  decltype(&OBJ_obj2nid) obj_obj2nid;
  decltype(&ASN1_STRING_get0_data) asn1_string_get0_data;
  decltype(&ASN1_STRING_length) asn1_string_length;
  decltype(&CMS_ContentInfo_free) cms_content_info_free;
  decltype(&ASN1_STRING_set) asn1_string_set;
  decltype(&OBJ_nid2obj) obj_nid2obj;
  decltype(&EVP_MD_CTX_new) evp_md_ctx_new;
  decltype(&EVP_MD_CTX_free) evp_md_ctx_free;
  decltype(&EVP_DigestSignInit) evp_digest_sign_init;
  decltype(&EVP_DigestSign) evp_digest_sign;
  decltype(&EVP_Digest) evp_digest;
  decltype(&EVP_sha256) evp_sha256;
  decltype(&ERR_get_error_all) err_get_error_all;
  decltype(&ERR_error_string_n) err_error_string_n;
  decltype(&CRYPTO_free) crypto_free;
};

// The functions, found on first use; throws std::runtime_error when libcrypto cannot be loaded.
const Api& Crypto();

// OpenSSL's own reasons for the last failure, oldest first, emptied as they are read; `fallback`
// when it recorded none. Each with the detail OpenSSL gave, when it gave one (a certificate
// check names what failed only there).
std::string Errors(const std::string& fallback);

// The same, as OpenSSL's codes (ERR_GET_LIB and ERR_GET_REASON read them) with their text.
struct Error {
  unsigned long code;
  std::string text;    // with the detail, as Errors gives it
  std::string detail;  // "" when none
};
std::vector<Error> TakeErrors();

}  // namespace arsred::openssl

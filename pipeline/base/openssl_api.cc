#include "openssl_api.h"

#include "shared_library.h"

namespace arsred::openssl {

const Api& Crypto() {
  static const Api api = [] {
    static SharedLibrary library(ARSRED_CRYPTO_SONAME);
    Api found{};
    library.Find(found.bio_new, "BIO_new");
    library.Find(found.bio_s_mem, "BIO_s_mem");
    library.Find(found.bio_new_mem_buf, "BIO_new_mem_buf");
    library.Find(found.bio_ctrl, "BIO_ctrl");
    library.Find(found.bio_free, "BIO_free");
    library.Find(found.bio_free_all, "BIO_free_all");
    library.Find(found.bio_f_buffer, "BIO_f_buffer");
    library.Find(found.bio_push, "BIO_push");
    library.Find(found.d2i_pkcs12_bio, "d2i_PKCS12_bio");
    library.Find(found.pkcs12_parse, "PKCS12_parse");
    library.Find(found.ossl_provider_try_load, "OSSL_PROVIDER_try_load");
    library.Find(found.pkcs12_free, "PKCS12_free");
    library.Find(found.evp_pkey_free, "EVP_PKEY_free");
    library.Find(found.evp_pkey_get_base_id, "EVP_PKEY_get_base_id");
    library.Find(found.evp_pkey_get0_type_name, "EVP_PKEY_get0_type_name");
    library.Find(found.evp_pkey_get_group_name, "EVP_PKEY_get_group_name");
    library.Find(found.x509_free, "X509_free");
    library.Find(found.stack_count, "OPENSSL_sk_num");
    library.Find(found.stack_item, "OPENSSL_sk_value");
    library.Find(found.stack_free, "OPENSSL_sk_free");
    library.Find(found.x509_check_private_key, "X509_check_private_key");
    library.Find(found.x509_get0_not_before, "X509_get0_notBefore");
    library.Find(found.x509_get0_not_after, "X509_get0_notAfter");
    library.Find(found.x509_cmp_time, "X509_cmp_time");
    library.Find(found.x509_get_key_usage, "X509_get_key_usage");
    library.Find(found.x509_get_subject_name, "X509_get_subject_name");
    library.Find(found.x509_get_issuer_name, "X509_get_issuer_name");
    library.Find(found.x509_name_cmp, "X509_NAME_cmp");
    library.Find(found.x509_verify, "X509_verify");
    library.Find(found.x509_get0_pubkey, "X509_get0_pubkey");
    library.Find(found.x509_name_print_ex, "X509_NAME_print_ex");
    library.Find(found.asn1_time_to_tm, "ASN1_TIME_to_tm");
    library.Find(found.cms_sign, "CMS_sign");
    library.Find(found.cms_add1_signer, "CMS_add1_signer");
    library.Find(found.cms_add1_cert, "CMS_add1_cert");
    library.Find(found.cms_signed_add1_attr_by_nid, "CMS_signed_add1_attr_by_NID");
    library.Find(found.cms_signed_get_attr_count, "CMS_signed_get_attr_count");
    library.Find(found.cms_signed_get_attr, "CMS_signed_get_attr");
    library.Find(found.cms_signer_info_get0_signature, "CMS_SignerInfo_get0_signature");
    library.Find(found.i2d_x509_attribute, "i2d_X509_ATTRIBUTE");
    library.Find(found.i2d_cms_content_info, "i2d_CMS_ContentInfo");
    library.Find(found.d2i_cms_content_info, "d2i_CMS_ContentInfo");
    library.Find(found.cms_verify, "CMS_verify");
    library.Find(found.cms_get1_certs, "CMS_get1_certs");
    library.Find(found.cms_signed_get_attr_by_nid, "CMS_signed_get_attr_by_NID");
    library.Find(found.x509_store_new, "X509_STORE_new");
    library.Find(found.x509_store_free, "X509_STORE_free");
    library.Find(found.x509_store_add_cert, "X509_STORE_add_cert");
    library.Find(found.x509_store_set_flags, "X509_STORE_set_flags");
    library.Find(found.x509_store_set_purpose, "X509_STORE_set_purpose");
    library.Find(found.stack_pop_free, "OPENSSL_sk_pop_free");
    library.Find(found.cms_is_detached, "CMS_is_detached");
    library.Find(found.cms_get0_signers, "CMS_get0_signers");
    library.Find(found.cms_get0_signer_infos, "CMS_get0_SignerInfos");
    library.Find(found.cms_unsigned_get_attr_by_nid, "CMS_unsigned_get_attr_by_NID");
    library.Find(found.cms_unsigned_get_attr, "CMS_unsigned_get_attr");
    library.Find(found.cms_unsigned_add1_attr_by_nid, "CMS_unsigned_add1_attr_by_NID");
    library.Find(found.x509_attribute_get0_type, "X509_ATTRIBUTE_get0_type");
    library.Find(found.d2i_ts_tst_info, "d2i_TS_TST_INFO");
    library.Find(found.ts_tst_info_free, "TS_TST_INFO_free");
    library.Find(found.ts_tst_info_get_msg_imprint, "TS_TST_INFO_get_msg_imprint");
    library.Find(found.ts_tst_info_get_time, "TS_TST_INFO_get_time");
    library.Find(found.ts_msg_imprint_get_msg, "TS_MSG_IMPRINT_get_msg");
    library.Find(found.ts_msg_imprint_get_algo, "TS_MSG_IMPRINT_get_algo");
    library.Find(found.x509_algor_get0, "X509_ALGOR_get0");
    library.Find(found.obj_obj2nid, "OBJ_obj2nid");
    library.Find(found.asn1_string_get0_data, "ASN1_STRING_get0_data");
    library.Find(found.asn1_string_length, "ASN1_STRING_length");
    library.Find(found.cms_content_info_free, "CMS_ContentInfo_free");
    library.Find(found.asn1_string_set, "ASN1_STRING_set");
    library.Find(found.obj_nid2obj, "OBJ_nid2obj");
    library.Find(found.evp_md_ctx_new, "EVP_MD_CTX_new");
    library.Find(found.evp_md_ctx_free, "EVP_MD_CTX_free");
    library.Find(found.evp_digest_sign_init, "EVP_DigestSignInit");
    library.Find(found.evp_digest_sign, "EVP_DigestSign");
    library.Find(found.evp_digest, "EVP_Digest");
    library.Find(found.evp_sha256, "EVP_sha256");
    library.Find(found.err_get_error_all, "ERR_get_error_all");
    library.Find(found.err_error_string_n, "ERR_error_string_n");
    library.Find(found.crypto_free, "CRYPTO_free");
    return found;
  }();
  return api;
}

std::vector<Error> TakeErrors() {
  const Api& c = Crypto();
  std::vector<Error> out;
  const char* data = nullptr;
  int flags = 0;
  for (unsigned long code; (code = c.err_get_error_all(nullptr, nullptr, nullptr, &data, &flags)) != 0;) {
    char text[256];
    c.err_error_string_n(code, text, sizeof text);
    Error error{code, text, (flags & ERR_TXT_STRING) && data ? data : ""};
    if (!error.detail.empty()) error.text += " (" + error.detail + ")";
    out.push_back(error);
  }
  return out;
}

std::string Errors(const std::string& fallback) {
  std::string out;
  for (const Error& error : TakeErrors()) out += (out.empty() ? "" : "; ") + error.text;
  return out.empty() ? fallback : out;
}

}  // namespace arsred::openssl

#include "qpdf_api.h"

#include "shared_library.h"

namespace arsred {

const QpdfApi& Qpdf() {
  static const QpdfApi api = [] {
    static SharedLibrary library(ARSRED_QPDF_SONAME);
    QpdfApi found{};
    library.Find(found.init, "qpdf_init");
    library.Find(found.cleanup, "qpdf_cleanup");
    library.Find(found.silence_errors, "qpdf_silence_errors");
    library.Find(found.set_suppress_warnings, "qpdf_set_suppress_warnings");
    library.Find(found.read_memory, "qpdf_read_memory");
    library.Find(found.more_warnings, "qpdf_more_warnings");
    library.Find(found.has_error, "qpdf_has_error");
    library.Find(found.get_error, "qpdf_get_error");
    library.Find(found.get_error_full_text, "qpdf_get_error_full_text");
    library.Find(found.init_write_memory, "qpdf_init_write_memory");
    library.Find(found.set_object_stream_mode, "qpdf_set_object_stream_mode");
    library.Find(found.set_decode_level, "qpdf_set_decode_level");
    library.Find(found.set_deterministic_id, "qpdf_set_deterministic_ID");
    library.Find(found.write, "qpdf_write");
    library.Find(found.get_buffer_length, "qpdf_get_buffer_length");
    library.Find(found.get_buffer, "qpdf_get_buffer");
    library.Find(found.version, "qpdf_get_qpdf_version");
    library.Find(found.get_root, "qpdf_get_root");
    library.Find(found.get_trailer, "qpdf_get_trailer");
    library.Find(found.has_key, "qpdf_oh_has_key");
    library.Find(found.get_key, "qpdf_oh_get_key");
    library.Find(found.is_array, "qpdf_oh_is_array");
    library.Find(found.is_dictionary, "qpdf_oh_is_dictionary");
    library.Find(found.is_indirect, "qpdf_oh_is_indirect");
    library.Find(found.is_name_and_equals, "qpdf_oh_is_name_and_equals");
    library.Find(found.get_array_n_items, "qpdf_oh_get_array_n_items");
    library.Find(found.get_array_item, "qpdf_oh_get_array_item");
    library.Find(found.get_object_id, "qpdf_oh_get_object_id");
    library.Find(found.get_generation, "qpdf_oh_get_generation");
    library.Find(found.get_utf8_value, "qpdf_oh_get_utf8_value");
    library.Find(found.get_binary_string_value, "qpdf_oh_get_binary_string_value");
    library.Find(found.get_int_value, "qpdf_oh_get_int_value");
    library.Find(found.unparse, "qpdf_oh_unparse");
    library.Find(found.unparse_resolved, "qpdf_oh_unparse_resolved");
    return found;
  }();
  return api;
}

}  // namespace arsred

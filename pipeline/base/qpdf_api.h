// The functions of qpdf's C API that arsred uses, from the library loaded when first needed
// (shared_library.h): packing a tagged report (render) and reading a report's signature fields
// (sign). qpdf brings GnuTLS and eight more libraries, which a draft never needs.
#pragma once

#include <qpdf/qpdf-c.h>

namespace arsred {

struct QpdfApi {
  // Reading and writing.
  decltype(&qpdf_init) init;
  decltype(&qpdf_cleanup) cleanup;
  decltype(&qpdf_silence_errors) silence_errors;
  decltype(&qpdf_set_suppress_warnings) set_suppress_warnings;
  decltype(&qpdf_read_memory) read_memory;
  decltype(&qpdf_more_warnings) more_warnings;
  decltype(&qpdf_has_error) has_error;
  decltype(&qpdf_get_error) get_error;
  decltype(&qpdf_get_error_full_text) get_error_full_text;
  decltype(&qpdf_init_write_memory) init_write_memory;
  decltype(&qpdf_set_object_stream_mode) set_object_stream_mode;
  decltype(&qpdf_set_decode_level) set_decode_level;
  decltype(&qpdf_set_deterministic_ID) set_deterministic_id;
  decltype(&qpdf_write) write;
  decltype(&qpdf_get_buffer_length) get_buffer_length;
  decltype(&qpdf_get_buffer) get_buffer;
  decltype(&qpdf_get_qpdf_version) version;
  // Objects.
  decltype(&qpdf_get_root) get_root;
  decltype(&qpdf_get_trailer) get_trailer;
  decltype(&qpdf_oh_has_key) has_key;
  decltype(&qpdf_oh_get_key) get_key;
  decltype(&qpdf_oh_is_array) is_array;
  decltype(&qpdf_oh_is_dictionary) is_dictionary;
  decltype(&qpdf_oh_is_indirect) is_indirect;
  decltype(&qpdf_oh_is_name_and_equals) is_name_and_equals;
  decltype(&qpdf_oh_get_array_n_items) get_array_n_items;
  decltype(&qpdf_oh_get_array_item) get_array_item;
  decltype(&qpdf_oh_get_object_id) get_object_id;
  decltype(&qpdf_oh_get_generation) get_generation;
  decltype(&qpdf_oh_get_utf8_value) get_utf8_value;
  decltype(&qpdf_oh_get_binary_string_value) get_binary_string_value;
  decltype(&qpdf_oh_get_int_value) get_int_value;
  decltype(&qpdf_oh_unparse) unparse;
  decltype(&qpdf_oh_unparse_resolved) unparse_resolved;
};

// The functions, found on first use (also when two threads ask at once); throws
// std::runtime_error when qpdf cannot be loaded.
const QpdfApi& Qpdf();

}  // namespace arsred

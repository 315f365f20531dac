// The functions of HarfBuzz's subsetter that font_subset.cc uses, from the library loaded when a
// report's fonts are first embedded (shared_library.h). libharfbuzz-subset brings libharfbuzz,
// GLib, FreeType and more, which a command that writes no PDF (check, the HTML edition, the
// yearly cycle) never needs.
#pragma once

#include <hb-subset.h>
#include <hb.h>

namespace arsred {

struct HarfBuzzSubsetApi {
  decltype(&hb_blob_create) blob_create;
  decltype(&hb_blob_destroy) blob_destroy;
  decltype(&hb_blob_get_data) blob_get_data;
  decltype(&hb_face_create) face_create;
  decltype(&hb_face_destroy) face_destroy;
  decltype(&hb_face_reference_blob) face_reference_blob;
  decltype(&hb_set_add) set_add;
  decltype(&hb_subset_input_create_or_fail) subset_input_create_or_fail;
  decltype(&hb_subset_input_destroy) subset_input_destroy;
  decltype(&hb_subset_input_set) subset_input_set;
  decltype(&hb_subset_input_set_flags) subset_input_set_flags;
  decltype(&hb_subset_input_unicode_set) subset_input_unicode_set;
  decltype(&hb_subset_or_fail) subset_or_fail;
  decltype(&hb_version_string) version_string;
};

// The functions, found on first use (also when two threads ask at once); throws
// std::runtime_error when the library cannot be loaded.
const HarfBuzzSubsetApi& HarfBuzzSubset();

}  // namespace arsred

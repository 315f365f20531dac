// The functions of HarfBuzz that font_metrics.cc uses, from the library loaded when a face first
// shapes a pair (shared_library.h). The fonts in fonts/ need no shaping at run time (their
// kerning is compiled into the program), and HarfBuzz brings GLib, FreeType, graphite2 and four
// more libraries, which took 0.6 ms to map and relocate at the start of every command.
#pragma once

#include <hb-ot.h>
#include <hb.h>

namespace arsred {

struct HarfBuzzApi {
  decltype(&hb_blob_create) blob_create;
  decltype(&hb_blob_destroy) blob_destroy;
  decltype(&hb_face_create) face_create;
  decltype(&hb_face_destroy) face_destroy;
  decltype(&hb_font_create) font_create;
  decltype(&hb_font_destroy) font_destroy;
  decltype(&hb_font_set_scale) font_set_scale;
  decltype(&hb_buffer_create) buffer_create;
  decltype(&hb_buffer_destroy) buffer_destroy;
  decltype(&hb_buffer_allocation_successful) buffer_allocation_successful;
  decltype(&hb_buffer_clear_contents) buffer_clear_contents;
  decltype(&hb_buffer_add_utf32) buffer_add_utf32;
  decltype(&hb_buffer_set_direction) buffer_set_direction;
  decltype(&hb_buffer_set_script) buffer_set_script;
  decltype(&hb_buffer_set_language) buffer_set_language;
  decltype(&hb_buffer_get_glyph_infos) buffer_get_glyph_infos;
  decltype(&hb_buffer_get_glyph_positions) buffer_get_glyph_positions;
  decltype(&hb_language_from_string) language_from_string;
  decltype(&hb_shape) shape;
  decltype(&hb_set_create) set_create;
  decltype(&hb_set_destroy) set_destroy;
  decltype(&hb_set_is_empty) set_is_empty;
  decltype(&hb_set_next) set_next;
  decltype(&hb_ot_layout_collect_lookups) ot_layout_collect_lookups;
  decltype(&hb_ot_layout_lookup_collect_glyphs) ot_layout_lookup_collect_glyphs;
};

// The functions, found on first use (also when two threads ask at once); throws
// std::runtime_error when HarfBuzz cannot be loaded.
const HarfBuzzApi& HarfBuzz();

}  // namespace arsred

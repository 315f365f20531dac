#include "harfbuzz_api.h"

#include "shared_library.h"

namespace arsred {

const HarfBuzzApi& HarfBuzz() {
  static const HarfBuzzApi api = [] {
    static SharedLibrary library(ARSRED_HARFBUZZ_SONAME);
    HarfBuzzApi found{};
    library.Find(found.blob_create, "hb_blob_create");
    library.Find(found.blob_destroy, "hb_blob_destroy");
    library.Find(found.face_create, "hb_face_create");
    library.Find(found.face_destroy, "hb_face_destroy");
    library.Find(found.font_create, "hb_font_create");
    library.Find(found.font_destroy, "hb_font_destroy");
    library.Find(found.font_set_scale, "hb_font_set_scale");
    library.Find(found.buffer_create, "hb_buffer_create");
    library.Find(found.buffer_destroy, "hb_buffer_destroy");
    library.Find(found.buffer_allocation_successful, "hb_buffer_allocation_successful");
    library.Find(found.buffer_clear_contents, "hb_buffer_clear_contents");
    library.Find(found.buffer_add_utf32, "hb_buffer_add_utf32");
    library.Find(found.buffer_set_direction, "hb_buffer_set_direction");
    library.Find(found.buffer_set_script, "hb_buffer_set_script");
    library.Find(found.buffer_set_language, "hb_buffer_set_language");
    library.Find(found.buffer_get_glyph_infos, "hb_buffer_get_glyph_infos");
    library.Find(found.buffer_get_glyph_positions, "hb_buffer_get_glyph_positions");
    library.Find(found.language_from_string, "hb_language_from_string");
    library.Find(found.shape, "hb_shape");
    library.Find(found.set_create, "hb_set_create");
    library.Find(found.set_destroy, "hb_set_destroy");
    library.Find(found.set_is_empty, "hb_set_is_empty");
    library.Find(found.set_next, "hb_set_next");
    library.Find(found.ot_layout_collect_lookups, "hb_ot_layout_collect_lookups");
    library.Find(found.ot_layout_lookup_collect_glyphs, "hb_ot_layout_lookup_collect_glyphs");
    return found;
  }();
  return api;
}

}  // namespace arsred

#include "harfbuzz_subset_api.h"

#include "shared_library.h"

namespace arsred {

const HarfBuzzSubsetApi& HarfBuzzSubset() {
  static const HarfBuzzSubsetApi api = [] {
    // The blob and face functions are libharfbuzz's, found through the subsetter's dependencies.
    static SharedLibrary library(ARSRED_HARFBUZZ_SUBSET_SONAME);
    HarfBuzzSubsetApi found{};
    library.Find(found.blob_create, "hb_blob_create");
    library.Find(found.blob_destroy, "hb_blob_destroy");
    library.Find(found.blob_get_data, "hb_blob_get_data");
    library.Find(found.face_create, "hb_face_create");
    library.Find(found.face_destroy, "hb_face_destroy");
    library.Find(found.face_reference_blob, "hb_face_reference_blob");
    library.Find(found.set_add, "hb_set_add");
    library.Find(found.subset_input_create_or_fail, "hb_subset_input_create_or_fail");
    library.Find(found.subset_input_destroy, "hb_subset_input_destroy");
    library.Find(found.subset_input_set, "hb_subset_input_set");
    library.Find(found.subset_input_set_flags, "hb_subset_input_set_flags");
    library.Find(found.subset_input_unicode_set, "hb_subset_input_unicode_set");
    library.Find(found.subset_or_fail, "hb_subset_or_fail");
    library.Find(found.version_string, "hb_version_string");
    return found;
  }();
  return api;
}

}  // namespace arsred

// libFuzzer entry: arbitrary bytes as a layout file, the report laid out and rendered (see
// fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arsred::fuzz::RenderWith(data, size);
  return 0;
}

// libFuzzer entry: arbitrary bytes as one input file of a year (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arsred::fuzz::LoadAndValidate(data, size);
  return 0;
}

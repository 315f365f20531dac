// libFuzzer entry: arbitrary bytes as a signed PDF (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arsred::fuzz::CheckSignaturesOf(data, size);
  return 0;
}

// libFuzzer entry: arbitrary bytes as an SIE file from the books (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  arsred::fuzz::ReadBooks(data, size);
  return 0;
}

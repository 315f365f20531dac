// What the fuzzers feed arbitrary bytes to. Shared by the libFuzzer executables (fuzz/*_fuzzer.cc)
// and by the ctest replay of every input kept in tests/fuzz_regressions/.
#pragma once

#include <cstddef>
#include <cstdint>

namespace arsred::fuzz {

// The first byte picks one file of the base year (tests/fixtures/base/2024), the rest replaces
// it; the year is then loaded, validated and calculated, as `arsred build` would.
void LoadAndValidate(const uint8_t* data, size_t size);

// The bytes are a layout file; when it loads, the base year is laid out with it.
void LayOutWith(const uint8_t* data, size_t size);

// The same, and the laid-out report is rendered as PDF/A (tagged unless the layout says not):
// rendering must not fail for any document layout makes.
void RenderWith(const uint8_t* data, size_t size);

// The bytes are an SIE file from the books; it is read and its balances summed by ranges.
void ReadBooks(const uint8_t* data, size_t size);

// The bytes are a signed PDF; its signature fields are read and every signature checked, as
// `arsred signatures` does with a file from anyone.
void CheckSignaturesOf(const uint8_t* data, size_t size);

}  // namespace arsred::fuzz

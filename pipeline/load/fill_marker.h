// The "to fill" marker that `arsred new` writes where a new year needs its own figure or text:
// a plain YAML scalar, easy to search for, that `arsred check` reports with its place until it
// is replaced.
#pragma once

#include <string_view>

namespace arsred {

inline constexpr std::string_view kFillMarker = "ATT FYLLA I";

}  // namespace arsred

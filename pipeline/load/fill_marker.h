// The "to fill" marker that `arsred new` writes where a new year needs its own figure or text:
// a plain YAML scalar, easy to search for, that `arsred check` reports with its place until it
// is replaced.
#pragma once

#include <string_view>

namespace arsred {

inline constexpr std::string_view kFillMarker = "ATT FYLLA I";

// What a draft prints in place of a figure still to fill in, or reckoned from one: short enough
// for a table's cell. The draft's findings say where each value goes.
inline constexpr const char* kToFillMark = "[?]";

}  // namespace arsred

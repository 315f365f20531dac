// Writing data as C++ source, for the tools that compile the program's resources into it
// (compile_patterns.cc, compile_kerning.cc).
#pragma once

#include <string>
#include <string_view>

namespace arsred::tools {

// `count` items as the lines of a C++ initializer, `per_line` to a line, each as `print` writes it.
template <typename Item, typename Print>
std::string Initializer(const Item* items, size_t count, size_t per_line, Print print) {
  std::string out;
  for (size_t i = 0; i < count; ++i) {
    out += i % per_line == 0 ? "\n    " : " ";
    out += print(items[i]);
    out += ',';
  }
  return out + "\n";
}

// A constexpr char array named `name` holding `bytes`, and its definition's end.
inline std::string CharArray(const std::string& name, std::string_view bytes) {
  return "constexpr char " + name + "[] = {" +
         Initializer(bytes.data(), bytes.size(), 24,
                     [](char c) { return std::to_string(static_cast<int>(static_cast<signed char>(c))); }) +
         "};\n";
}

}  // namespace arsred::tools

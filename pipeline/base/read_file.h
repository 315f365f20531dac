// Reading a file whole, with the system's reason when it cannot be read.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>

namespace arsred {

// The bytes of `path`; nothing, with `error` ("no such file or directory", "a directory", "larger
// than 64 MB"), when it is not a regular file of at most `max_bytes` or cannot be read.
std::optional<std::string> ReadWholeFile(const std::filesystem::path& path, std::string* error,
                                         size_t max_bytes = 64u << 20);

}  // namespace arsred

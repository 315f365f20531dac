#include "read_file.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace arsred {

std::optional<std::string> ReadWholeFile(const std::filesystem::path& path, std::string* error, size_t max_bytes) {
  std::error_code ec;
  const std::filesystem::file_status status = std::filesystem::status(path, ec);
  if (ec) {
    *error = ec.message();
    return std::nullopt;
  }
  if (!std::filesystem::is_regular_file(status)) {
    *error = std::filesystem::is_directory(status) ? "a directory, not a file" : "not a regular file";
    return std::nullopt;
  }
  const uintmax_t size = std::filesystem::file_size(path, ec);
  if (ec || size > max_bytes) {
    *error = ec ? ec.message() : "larger than " + std::to_string(max_bytes >> 20) + " MB";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  std::string bytes(static_cast<size_t>(size), '\0');
  if (!in || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
    *error = std::strerror(errno);
    return std::nullopt;
  }
  return bytes;
}

}  // namespace arsred

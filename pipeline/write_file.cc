#include "write_file.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace arsred {

void WriteFileAtomically(const std::filesystem::path& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path temp = path.string() + ".arsred-tmp-" + std::to_string(::getpid());
  std::ofstream out(temp, std::ios::binary);
  out << text;
  out.close();
  std::error_code error;
  if (!out) {
    fs::remove(temp, error);
    throw std::runtime_error("cannot write " + temp.string());
  }
  fs::rename(temp, path, error);
  if (error) {
    fs::remove(temp, error);
    throw std::runtime_error("cannot replace " + path.string() + ": " + error.message());
  }
}

}  // namespace arsred

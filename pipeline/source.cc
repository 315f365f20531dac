#include "source.h"

namespace arsred {

int SourceSet::Add(std::string path, std::string text) {
  files_.push_back(SourceFile{std::move(path), std::move(text)});
  return static_cast<int>(files_.size()) - 1;
}

std::string_view SourceSet::LineText(int file_index, int line) const {
  if (file_index < 0 || file_index >= size() || line < 1) return {};
  std::string_view text = file(file_index).text;
  size_t start = 0;
  for (int current = 1; current < line; ++current) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return {};
    start = newline + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view result = text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  return result;
}

int Utf8Columns(std::string_view line, size_t bytes) {
  int columns = 0;
  for (size_t i = 0; i < bytes && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++columns;
  }
  return columns;
}

}  // namespace arsred

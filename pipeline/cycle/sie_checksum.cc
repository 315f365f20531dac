#include "sie_checksum.h"

#include <libdeflate.h>

#include <string>

namespace arsred {

uint32_t Crc32(std::string_view bytes, uint32_t crc) { return libdeflate_crc32(crc, bytes.data(), bytes.size()); }

void SieChecksum::Feed(std::string_view text, bool decoded) {
  // A field's text is decoded to UTF-8; in a CP437 file the sum is over the bytes as written.
  if (decoded && encoding_ == SieEncoding::kCp437) {
    crc_ = Crc32(Utf8ToCp437(text), crc_);
  } else {
    crc_ = Crc32(text, crc_);
  }
}

void SieChecksum::Add(const SieRecord& record) {
  Feed(record.label, false);
  for (const SieField& field : record.fields) {
    if (!field.list) {
      Feed(field.text, true);
      continue;
    }
    for (const SieField& item : field.items) Feed(item.text, true);
  }
}

void SieChecksum::AddUnread(const SieLine& line) {
  Feed(line.record.label, false);
  std::string kept;
  for (char c : line.text.substr(line.fields_start)) {
    if (c != ' ' && c != '\t' && c != '"' && c != '{' && c != '}') kept += c;
  }
  Feed(kept, false);
}

std::optional<uint32_t> ParseSieChecksum(std::string_view text) {
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  if (text.empty() || text.size() > 10) return std::nullopt;
  uint64_t magnitude = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
  }
  if (negative ? magnitude > 0x80000000u : magnitude > 0xFFFFFFFFu) return std::nullopt;
  return static_cast<uint32_t>(negative ? 0 - magnitude : magnitude);
}

}  // namespace arsred

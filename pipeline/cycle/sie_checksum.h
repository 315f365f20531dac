// #KSUMMA, the checksum a bookkeeping program may write over a SIE file: the format's only guard
// against a file changed after it was exported, or cut short.
//
// The rule, as SIE filformat ver 4B (SIE-gruppen, 2008-09-30) gives it in "Kontrollsummering"
// (its parts "Vilka delar av filinnehållet ska kontrollsummeras?" and "Kodexempel på
// kontrollsummering", a C routine), read here through the implementations that follow it and
// the real exports they agree with:
// - A first #KSUMMA, without a field, opens the checksum; a second, the file's last record,
//   closes it and gives the value. The records between them are covered, and nothing else: not
//   the #FLAGGA before the opening one, not the two #KSUMMA themselves.
// - Of each record covered, its label as written ("#KONTO") and the contents of its fields one
//   after the other: no spaces or tabs between them, no quotes around a field (\" inside one is
//   a quote, and counts as one), no braces of an object list (its values count), no lines
//   holding only { or }, no line ends. Records of labels unknown to the reader count as well.
// - Those characters as the file's bytes, CP437 (#FORMAT PC8), go through CRC-32 as ISO 3309 and
//   zlib define it: polynomial 0xEDB88320 (reflected), initial value 0xFFFFFFFF, final XOR
//   0xFFFFFFFF. The value is written in decimal: unsigned (Norstedts Bokslut, Visma Compact:
//   #KSUMMA 3033066896), or by some programs signed (-1261900400 for the same 32 bits).
//
// Two independent implementations sum the same characters: kigkonsult's Sie4Sdk (PHP; read in
// its copy wilhelmuggla/sie4sdk, src/Sie4WriterBase.php: the label and the unquoted field
// values, an object list's values without its braces, PHP's crc32) and idstam/jsisie (C#, jsiSIE/SieCRC32.cs, a translation of
// the specification's C routine: the label and the fields with { } removed, compared unsigned).
// The rule reproduces the #KSUMMA of all five real exports in jsisie's sie_test_files that have
// one: Norstedts Bokslut 2011.2.1 as SIE 1, 4E (177 vouchers) and 4I, Norstedts Revision
// 2010.1.1 (with \" in its fields) and Visma Compact 6.00. Counting the #FLAGGA or the opening
// #KSUMMA reproduces none of them, counting braces none of the two with vouchers. A file in UTF-8
// (#FORMAT UTF-8), which the format does not know, is summed over its UTF-8 bytes, as its program
// wrote them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "sie_lexer.h"

namespace arsred {

// CRC-32 (ISO 3309, zlib's) of `bytes`, continuing from `crc` (0 to start).
uint32_t Crc32(std::string_view bytes, uint32_t crc = 0);

// The CRC-32 of the records a #KSUMMA pair covers, fed one record at a time.
class SieChecksum {
 public:
  explicit SieChecksum(SieEncoding encoding) : encoding_(encoding) {}

  // A record whose fields were read: its label and the contents of its fields.
  void Add(const SieRecord& record);
  // A record whose fields could not be read (a quote not closed): its label and the characters
  // of the rest of its line but blanks, quotes and braces, as near as the rule can be followed.
  void AddUnread(const SieLine& line);

  uint32_t value() const { return crc_; }

 private:
  void Feed(std::string_view utf8_or_bytes, bool decoded);

  const SieEncoding encoding_;
  uint32_t crc_ = 0;
};

// A #KSUMMA value as programs write it, in decimal, signed or unsigned: the 32 bits it stands
// for; nullopt when it is not a whole number in -2147483648 to 4294967295.
std::optional<uint32_t> ParseSieChecksum(std::string_view text);

}  // namespace arsred

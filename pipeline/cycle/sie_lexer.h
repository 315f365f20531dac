// The first part of the SIE reader (sie.h): a file's bytes as text, and its lines as tokens.
//
// A SIE 4 file is CP437 text, or UTF-8 where it says so. DecodeSieText checks that it is text,
// makes its line ends LF and registers it, decoded to UTF-8, in the SourceSet. ScanSieLine then
// tells what a line holds (a record's label, a lone { or }, or nothing), and ReadSieFields splits
// a record's fields: values, quoted or not, and object lists in braces. What the fields mean is
// sie_records' part. Columns count characters, which are bytes in CP437; a tab counts as one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "diagnostics.h"
#include "source.h"

namespace arsred {

// The text of CP437 bytes in UTF-8, one character per byte (bytes below 0x80 are ASCII).
std::string Cp437ToUtf8(std::string_view bytes);

// The CP437 bytes of text that Cp437ToUtf8 made: its inverse, for what the bytes as written must
// give (#KSUMMA). A character CP437 does not have becomes '?'.
std::string Utf8ToCp437(std::string_view text);

// How a file's text is encoded: CP437 (#FORMAT PC8, or no #FORMAT), or UTF-8 when the file says
// so by a byte order mark or #FORMAT UTF-8.
enum class SieEncoding { kCp437, kUtf8 };

// Whether #FORMAT's value names `name` ("PC8", "UTF-8"): programs write it in either case
// (`#FORMAT pc8`), though labels are case-sensitive.
bool IsSieFormat(std::string_view value, std::string_view name);

// A file's bytes as the reader reads them.
struct SieText {
  int file = -1;          // index of the decoded text in the SourceSet
  std::string bytes;      // with CR LF made LF, a trailing Ctrl-Z and a UTF-8 byte order mark dropped
  SieEncoding encoding = SieEncoding::kCp437;
  bool readable = false;  // false after an encoding error: nothing of the file is read
};

// Drops the Ctrl-Z that DOS programs wrote at the end, makes CR LF into LF and adds the text,
// decoded from its encoding, to `sources` as `file_name`. A UTF-16 byte order mark, a NUL or
// another control byte, or bytes that are not UTF-8 in a file that says it is, is an error
// (sie.encoding) and leaves the text unreadable; in CP437, the first character that suggests
// another encoding is a warning.
SieText DecodeSieText(std::string_view bytes, const std::string& file_name, SourceSet& sources,
                      Diagnostics& diagnostics);

// One field of a record: a value, quoted or not, or an object list in braces.
struct SieField {
  std::string text;  // unquoted, unescaped and decoded to UTF-8
  bool list = false;
  std::vector<SieField> items;  // an object list's values
  int column = 0;               // of the field's first character, 1-based
  int end_column = 0;           // just after its last character
};

struct SieRecord {
  std::string label;  // as written, e.g. "#TRANS"
  std::vector<SieField> fields;
  int line = 0;
  int column = 0;      // of the '#'
  int end_column = 0;  // just after the last field read
};

// What a line holds once the blanks at either end are left out.
enum class SieLineKind { kBlank, kOpenBrace, kCloseBrace, kNotARecord, kRecord };

struct SieLine {
  SieLineKind kind = SieLineKind::kBlank;
  int number = 0;           // 1-based
  int column = 0;           // of its first character that is not blank
  SieRecord record;         // of kRecord: its label, line and columns; fields once ReadSieFields ran
  std::string_view text;    // the line without its trailing blanks
  size_t fields_start = 0;  // the offset in `text` just after the label
  SieEncoding encoding = SieEncoding::kCp437;  // of `text`
};

// Tells what line `number` of a text holds. Reports nothing.
SieLine ScanSieLine(std::string_view text, int number, SieEncoding encoding = SieEncoding::kCp437);

// Reads the fields of a record's line into `line.record` (file `file` of the SourceSet). On a
// quote or object list that is not closed, or text run on after one (sie.quote, sie.objects),
// reports it and returns false: the fields after it cannot be told apart.
bool ReadSieFields(SieLine& line, int file, Diagnostics& diagnostics);

}  // namespace arsred

#include "sie_lexer.h"

#include <algorithm>
#include <cstdint>
#include <iterator>

namespace arsred {

namespace {

// CP437's upper half, bytes 0x80 to 0xFF, in Unicode. The lower half is ASCII.
constexpr char16_t kCp437High[128] = {
    0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0x00E0, 0x00E5, 0x00E7,  // Ç ü é â ä à å ç
    0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,  // ê ë è ï î ì Ä Å
    0x00C9, 0x00E6, 0x00C6, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9,  // É æ Æ ô ö ò û ù
    0x00FF, 0x00D6, 0x00DC, 0x00A2, 0x00A3, 0x00A5, 0x20A7, 0x0192,  // ÿ Ö Ü ¢ £ ¥ ₧ ƒ
    0x00E1, 0x00ED, 0x00F3, 0x00FA, 0x00F1, 0x00D1, 0x00AA, 0x00BA,  // á í ó ú ñ Ñ ª º
    0x00BF, 0x2310, 0x00AC, 0x00BD, 0x00BC, 0x00A1, 0x00AB, 0x00BB,  // ¿ ⌐ ¬ ½ ¼ ¡ « »
    0x2591, 0x2592, 0x2593, 0x2502, 0x2524, 0x2561, 0x2562, 0x2556,  // ░ ▒ ▓ │ ┤ ╡ ╢ ╖
    0x2555, 0x2563, 0x2551, 0x2557, 0x255D, 0x255C, 0x255B, 0x2510,  // ╕ ╣ ║ ╗ ╝ ╜ ╛ ┐
    0x2514, 0x2534, 0x252C, 0x251C, 0x2500, 0x253C, 0x255E, 0x255F,  // └ ┴ ┬ ├ ─ ┼ ╞ ╟
    0x255A, 0x2554, 0x2569, 0x2566, 0x2560, 0x2550, 0x256C, 0x2567,  // ╚ ╔ ╩ ╦ ╠ ═ ╬ ╧
    0x2568, 0x2564, 0x2565, 0x2559, 0x2558, 0x2552, 0x2553, 0x256B,  // ╨ ╤ ╥ ╙ ╘ ╒ ╓ ╫
    0x256A, 0x2518, 0x250C, 0x2588, 0x2584, 0x258C, 0x2590, 0x2580,  // ╪ ┘ ┌ █ ▄ ▌ ▐ ▀
    0x03B1, 0x00DF, 0x0393, 0x03C0, 0x03A3, 0x03C3, 0x00B5, 0x03C4,  // α ß Γ π Σ σ µ τ
    0x03A6, 0x0398, 0x03A9, 0x03B4, 0x221E, 0x03C6, 0x03B5, 0x2229,  // Φ Θ Ω δ ∞ φ ε ∩
    0x2261, 0x00B1, 0x2265, 0x2264, 0x2320, 0x2321, 0x00F7, 0x2248,  // ≡ ± ≥ ≤ ⌠ ⌡ ÷ ≈
    0x00B0, 0x2219, 0x00B7, 0x221A, 0x207F, 0x00B2, 0x25A0, 0x00A0,  // ° ∙ · √ ⁿ ² ■ no-break space
};

std::string Hex(unsigned char byte) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[byte >> 4] + digits[byte & 15];
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

// Bytes that stand for box drawing, Greek letters and mathematical signs in CP437. A Swedish
// ledger has no use for them, but they are what åäö become when a file in Latin-1, Windows-1252
// or UTF-8 is read as CP437 (ö, 0xF6 in Latin-1, is ÷ in CP437; UTF-8's lead byte 0xC3 is ├).
bool IsUnlikelyInLedger(unsigned char byte) {
  if (byte >= 0xB0 && byte <= 0xDF) return true;
  if (byte < 0xE0) return false;
  // Kept: ß µ ± ° · ² and the no-break space, which a name or text may well hold.
  return byte != 0xE1 && byte != 0xE6 && byte != 0xF1 && byte != 0xF8 && byte != 0xFA && byte != 0xFD &&
         byte != 0xFF;
}

// The first multi-byte UTF-8 sequence when the whole text is well-formed UTF-8 and holds one;
// empty otherwise.
std::string_view FirstUtf8Sequence(std::string_view text) {
  std::string_view first;
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size()) return {};
    for (size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return {};
    }
    if (length > 1 && first.empty()) first = text.substr(i, length);
    i += length;
  }
  return first;
}

// Line and column (in characters, which are bytes in CP437) of a byte offset.
Where WhereOfOffset(std::string_view text, size_t offset, int file, SieEncoding encoding) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  const size_t bytes = offset - line_start;
  const int characters = encoding == SieEncoding::kUtf8 ? Utf8Columns(text.substr(line_start), bytes)
                                                        : static_cast<int>(bytes);
  return Where{file, line, characters + 1};
}

// The label of the record on the line that holds byte `offset`, for a finding there, as every
// other finding about a record carries it; "" when the line holds no record, or its label is not
// plain ASCII (it would not show as written).
std::string LabelOfLineAt(std::string_view text, size_t offset) {
  const size_t before = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const size_t start = before == std::string_view::npos ? 0 : before + 1;
  const size_t end = std::min(text.find('\n', start), text.size());
  const SieLine line = ScanSieLine(text.substr(start, end - start), 1);
  if (line.kind != SieLineKind::kRecord) return "";
  const std::string& label = line.record.label;
  const bool plain = std::all_of(label.begin(), label.end(), [](char c) { return c > 0x20 && c < 0x7F; });
  return plain ? label : "";
}

// The offset of the first byte that does not belong to a well-formed UTF-8 character (no
// overlong forms, no surrogates, nothing above U+10FFFF); npos when there is none.
size_t FindInvalidUtf8(std::string_view text) {
  const auto byte = [text](size_t i) { return static_cast<unsigned char>(text[i]); };
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    const size_t length = lead < 0x80                  ? 1
                          : lead >= 0xC2 && lead <= 0xDF ? 2
                          : lead >= 0xE0 && lead <= 0xEF ? 3
                          : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                         : 0;
    if (length == 0 || i + length > text.size()) return i;
    for (size_t k = 1; k < length; ++k) {
      if ((byte(i + k) & 0xC0) != 0x80) return i;
    }
    // The second byte's range is what rules out the overlong forms, the surrogates and what lies
    // above U+10FFFF.
    const unsigned char second = length > 1 ? byte(i + 1) : 0;
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) ||
        (lead == 0xF4 && second > 0x8F)) {
      return i;
    }
    i += length;
  }
  return std::string_view::npos;
}

// The value of the file's first #FORMAT ("PC8", "UTF-8"), empty when it has none or the record
// cannot be read. Read before the text is decoded, since it decides how; what is wrong with the
// record is the record reader's to say.
std::string DeclaredFormat(std::string_view text) {
  int number = 0;
  for (size_t start = 0; start <= text.size();) {
    const size_t end = std::min(text.find('\n', start), text.size());
    SieLine line = ScanSieLine(text.substr(start, end - start), ++number);
    start = end + 1;
    if (line.kind != SieLineKind::kRecord || line.record.label != "#FORMAT") continue;
    Diagnostics unused;
    if (!ReadSieFields(line, -1, unused) || line.record.fields.empty()) return "";
    return line.record.fields[0].text;
  }
  return "";
}

// The first byte that cannot be in a SIE text: a control character other than tab and the
// line feed. Returns npos when there is none.
size_t FindControlByte(std::string_view text, std::string* why) {
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\t' || c == '\n' || (c >= 0x20 && c != 0x7F)) continue;
    if (c == 0) {
      *why = "a NUL byte: this is not a text file (SIE 4 is CP437 text)";
    } else if (c == '\r') {
      *why = "a carriage return that does not end a line (lines end with LF or CR LF)";
    } else if (c == 0x1A) {
      // Ctrl-Z ends a DOS text file; at the very end it is read as such (WithoutEndOfFilePadding).
      *why = "an end-of-file mark (Ctrl-Z, 0x1A) with more records after it: two files joined into one? "
             "(SIE 4 is CP437 text)";
    } else {
      *why = "control character " + Hex(c) + " (SIE 4 is CP437 text)";
    }
    return i;
  }
  return std::string_view::npos;
}

// A record's line as its fields are read: its text, where its findings go, and the column of a
// byte in characters. In CP437 a byte is a character; in UTF-8 a continuation byte (10xxxxxx) is
// not, and the characters are counted as the reading moves along the line, so never twice.
class FieldText {
 public:
  FieldText(const SieLine& line, int file, Diagnostics& diagnostics)
      : text(line.text), line_(line), file_(file), diagnostics_(diagnostics) {}

  int Column(size_t pos) {
    if (line_.encoding == SieEncoding::kCp437) return static_cast<int>(pos) + 1;
    if (pos < counted_) {
      counted_ = 0;
      column_ = 1;
    }
    for (; counted_ < pos && counted_ < text.size(); ++counted_) {
      if ((static_cast<unsigned char>(text[counted_]) & 0xC0) != 0x80) ++column_;
    }
    return column_;
  }
  std::string Decoded(const std::string& raw) const {
    return line_.encoding == SieEncoding::kUtf8 ? raw : Cp437ToUtf8(raw);
  }
  void Error(const char* code, int column, std::string message) {
    diagnostics_.Error(code, Where{file_, line_.record.line, column}, line_.record.label, std::move(message));
  }

  const std::string_view text;

 private:
  const SieLine& line_;
  const int file_;
  Diagnostics& diagnostics_;
  size_t counted_ = 0;  // the bytes whose characters `column_` counts
  int column_ = 1;
};

// Reads one value at `pos`, quoted or not; in an object list a } also ends a value.
bool ReadValue(FieldText& in, size_t& pos, bool in_list, SieField& field) {
  const std::string_view line = in.text;
  field.column = in.Column(pos);
  std::string raw;
  if (line[pos] == '"') {
    ++pos;
    while (pos < line.size() && line[pos] != '"') {
      // \" is a quote and \\ a backslash; any other backslash stands for itself.
      if (line[pos] == '\\' && pos + 1 < line.size() && (line[pos + 1] == '"' || line[pos + 1] == '\\')) ++pos;
      raw += line[pos++];
    }
    if (pos >= line.size()) {
      in.Error("sie.quote", field.column, "the quote is not closed on its line (write \\\" for a quote inside a text)");
      return false;
    }
    ++pos;
    if (pos < line.size() && !IsBlank(line[pos]) && !(in_list && line[pos] == '}')) {
      in.Error("sie.quote", in.Column(pos), "text follows the closing quote: separate fields by a space");
      return false;
    }
  } else {
    while (pos < line.size() && !IsBlank(line[pos]) && !(in_list && line[pos] == '}')) {
      if (line[pos] == '"') {
        in.Error("sie.quote", in.Column(pos),
                 "a quote inside a value: quote the whole value and write \\\" for the quote");
        return false;
      }
      if (in_list && line[pos] == '{') {
        in.Error("sie.objects", in.Column(pos), "an object list cannot hold another {");
        return false;
      }
      raw += line[pos++];
    }
  }
  field.text = in.Decoded(raw);
  field.end_column = in.Column(pos);
  return true;
}

// Reads an object list at `pos`, its { to its }.
bool ReadObjectList(FieldText& in, size_t& pos, SieField& field) {
  const std::string_view line = in.text;
  field.list = true;
  field.column = in.Column(pos);
  ++pos;
  while (true) {
    while (pos < line.size() && IsBlank(line[pos])) ++pos;
    if (pos >= line.size()) {
      in.Error("sie.objects", field.column, "the object list is not closed with }");
      return false;
    }
    if (line[pos] == '}') {
      ++pos;
      break;
    }
    SieField item;
    if (!ReadValue(in, pos, true, item)) return false;
    field.items.push_back(std::move(item));
  }
  if (pos < line.size() && !IsBlank(line[pos])) {
    in.Error("sie.objects", in.Column(pos), "text follows the object list's }: separate fields by a space");
    return false;
  }
  field.end_column = in.Column(pos);
  return true;
}

std::string_view WithoutEndOfFilePadding(std::string_view bytes) {
  // A DOS program may end a text file with Ctrl-Z, and some then write a line end after it
  // ("}\r\n\x1A\r\n"); others pad the file's last block with NUL bytes. Neither is part of the
  // text. A Ctrl-Z or NUL followed by more than that is reported where it stands.
  size_t end = bytes.size();
  size_t padding_from = end;
  while (end > 0) {
    const char c = bytes[end - 1];
    if (c == '\x1A' || c == '\0') {
      padding_from = end - 1;
    } else if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
      break;
    }
    --end;
  }
  return bytes.substr(0, padding_from);
}

}  // namespace

bool IsSieFormat(std::string_view value, std::string_view name) {
  return value.size() == name.size() && std::equal(value.begin(), value.end(), name.begin(), [](char a, char b) {
           const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
           return lower(a) == lower(b);
         });
}

std::string Cp437ToUtf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (char c : bytes) {
    unsigned char byte = static_cast<unsigned char>(c);
    AppendUtf8(out, byte < 0x80 ? byte : kCp437High[byte - 0x80]);
  }
  return out;
}

std::string Utf8ToCp437(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const unsigned char lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      out += static_cast<char>(lead);
      ++i;
      continue;
    }
    // Cp437ToUtf8 writes nothing above U+FFFF: two or three bytes.
    const size_t length = (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 1;
    char32_t code = length == 2 ? lead & 0x1F : lead & 0x0F;
    for (size_t k = 1; k < length && i + k < text.size(); ++k) code = code << 6 | (text[i + k] & 0x3F);
    i += length;
    const char16_t* found = std::find(std::begin(kCp437High), std::end(kCp437High), code);
    out += found == std::end(kCp437High) ? '?' : static_cast<char>(0x80 + (found - std::begin(kCp437High)));
  }
  return out;
}

SieText DecodeSieText(std::string_view bytes, const std::string& file_name, SourceSet& sources,
                      Diagnostics& diagnostics) {
  bytes = WithoutEndOfFilePadding(bytes);
  bool utf16 = bytes.size() >= 2 &&
               ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  bool utf8_bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  if (utf8_bom) bytes.remove_prefix(3);
  // CR LF line ends become LF, so that positions are counted on the text as registered.
  SieText decoded;
  std::string& text = decoded.bytes;
  text.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    text += bytes[i];
  }
  // A file that says it is UTF-8 is read as such, if it is; one that is not is shown as CP437,
  // which any bytes are, to point at the first byte that is not UTF-8.
  const std::string format = DeclaredFormat(text);
  const std::string declared = utf8_bom                          ? "it starts with a UTF-8 byte order mark"
                               : IsSieFormat(format, "UTF-8") ? "#FORMAT UTF-8"
                                                                 : "";
  const size_t not_utf8 = declared.empty() ? std::string::npos : FindInvalidUtf8(text);
  if (!declared.empty() && not_utf8 == std::string::npos) decoded.encoding = SieEncoding::kUtf8;
  const bool utf8 = decoded.encoding == SieEncoding::kUtf8;
  int file = sources.Add(file_name, utf8 ? text : Cp437ToUtf8(text));
  decoded.file = file;

  if (utf16) {
    diagnostics.Error("sie.encoding", Where{file, 1, 1}, "",
                      "the file is UTF-16 (it starts with a byte order mark): SIE 4 files are CP437 text");
    return decoded;
  }
  if (!declared.empty() && !utf8) {
    diagnostics.Error("sie.encoding", WhereOfOffset(text, not_utf8, file, SieEncoding::kCp437),
                      LabelOfLineAt(text, not_utf8),
                      "byte " + Hex(static_cast<unsigned char>(text[not_utf8])) +
                          " is not UTF-8, though the file says it is (" + declared + ")");
    return decoded;
  }
  std::string why;
  size_t bad = FindControlByte(text, &why);
  if (bad != std::string::npos) {
    diagnostics.Error("sie.encoding", WhereOfOffset(text, bad, file, decoded.encoding), LabelOfLineAt(text, bad), why);
    return decoded;
  }
  auto unlikely = utf8 ? text.end() : std::find_if(text.begin(), text.end(), [](char c) {
    return IsUnlikelyInLedger(static_cast<unsigned char>(c));
  });
  if (unlikely != text.end()) {
    size_t offset = static_cast<size_t>(unlikely - text.begin());
    unsigned char byte = static_cast<unsigned char>(*unlikely);
    std::string_view sequence = FirstUtf8Sequence(text);
    // Why the file is read as CP437: it says so, or it does not say (SIE's default).
    const std::string read_as = IsSieFormat(format, "PC8") ? "CP437, as its #FORMAT PC8 says"
                                                           : "CP437, as a SIE file without #FORMAT UTF-8 is";
    std::string message;
    if (!sequence.empty()) {
      message = "the file looks like UTF-8, but is read as " + read_as + ": " + std::string(sequence) + " reads as " +
                Cp437ToUtf8(sequence) + "; export the file again in PC8, or mark it #FORMAT UTF-8 if it is UTF-8 throughout";
    } else {
      std::string latin1;
      AppendUtf8(latin1, byte);
      message = "byte " + Hex(byte) + " is " + Cp437ToUtf8(std::string(1, static_cast<char>(byte))) +
                " in CP437, unlikely in a ledger, but " + latin1 + " in Latin-1 and Windows-1252: the file is read as " +
                read_as + ", and its names may be misread";
    }
    diagnostics.Warning("sie.encoding", WhereOfOffset(text, offset, file, SieEncoding::kCp437),
                        LabelOfLineAt(text, offset), message);
  }
  decoded.readable = true;
  return decoded;
}

SieLine ScanSieLine(std::string_view text, int number, SieEncoding encoding) {
  SieLine line;
  line.number = number;
  line.encoding = encoding;
  size_t start = 0;
  while (start < text.size() && IsBlank(text[start])) ++start;
  size_t end = text.size();
  while (end > start && IsBlank(text[end - 1])) --end;
  if (start == end) return line;
  std::string_view content = text.substr(start, end - start);
  line.column = static_cast<int>(start) + 1;
  line.text = text.substr(0, end);
  if (content == "{") {
    line.kind = SieLineKind::kOpenBrace;
  } else if (content == "}") {
    line.kind = SieLineKind::kCloseBrace;
  } else if (content.front() != '#') {
    line.kind = SieLineKind::kNotARecord;
  } else {
    line.kind = SieLineKind::kRecord;
    size_t label_end = start;
    while (label_end < end && !IsBlank(text[label_end])) ++label_end;
    line.record.label = std::string(text.substr(start, label_end - start));
    line.record.line = number;
    line.record.column = line.column;
    line.record.end_column = static_cast<int>(label_end) + 1;
    line.fields_start = label_end;
  }
  return line;
}

bool ReadSieFields(SieLine& line, int file, Diagnostics& diagnostics) {
  FieldText text(line, file, diagnostics);
  SieRecord& record = line.record;
  size_t pos = line.fields_start;
  while (true) {
    while (pos < text.text.size() && IsBlank(text.text[pos])) ++pos;
    if (pos >= text.text.size()) return true;
    SieField field;
    bool read = text.text[pos] == '{' ? ReadObjectList(text, pos, field) : ReadValue(text, pos, false, field);
    if (!read) return false;
    record.end_column = field.end_column;
    record.fields.push_back(std::move(field));
  }
}

}  // namespace arsred

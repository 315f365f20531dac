#include "sie.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <tuple>

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

void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Hex(unsigned char byte) {
  const char* digits = "0123456789ABCDEF";
  return std::string("0x") + digits[byte >> 4] + digits[byte & 15];
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

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

std::optional<Date> ParseSieDate(std::string_view text, std::string* why) {
  if (text.size() != 8 || !AllDigits(text)) {
    *why = "expected a date written YYYYMMDD, found \"" + std::string(text) + "\"";
    return std::nullopt;
  }
  Date d;
  std::from_chars(text.data(), text.data() + 4, d.year);
  std::from_chars(text.data() + 4, text.data() + 6, d.month);
  std::from_chars(text.data() + 6, text.data() + 8, d.day);
  if (d.year < 1900 || d.year > 2200) {
    *why = "the date " + std::string(text) + " is outside the years 1900 to 2200";
    return std::nullopt;
  }
  if (!IsRealDate(d.year, d.month, d.day)) {
    *why = "there is no date " + std::string(text);
    return std::nullopt;
  }
  return d;
}

// A Swedish organisationsnummer is NNNNNN-NNNN, and its ten digits pass the Luhn check.
bool ValidOrgNumber(std::string_view s, std::string* why) {
  if (s.size() != 11 || s[6] != '-' || !AllDigits(s.substr(0, 6)) || !AllDigits(s.substr(7))) {
    *why = "write it as NNNNNN-NNNN";
    return false;
  }
  int sum = 0;
  int position = 0;
  for (char c : s) {
    if (c == '-') continue;
    int v = c - '0';
    if (position++ % 2 == 0) v *= 2;
    sum += v > 9 ? v - 9 : v;
  }
  if (sum % 10 != 0) {
    *why = "its check digit does not match (Luhn): a digit is mistyped";
    return false;
  }
  return true;
}

bool IsEquityAccount(int account) { return std::to_string(account).rfind("20", 0) == 0; }

std::string YearName(int index) { return "year " + std::to_string(index); }

// One field of a record: a value, quoted or not, or an object list in braces.
struct Field {
  std::string text;  // unquoted, unescaped and decoded to UTF-8
  bool list = false;
  std::vector<Field> items;  // an object list's values
  int column = 0;            // of the field's first character, 1-based
  int end_column = 0;        // just after its last character
};

struct Record {
  std::string label;  // as written, e.g. "#TRANS"
  std::vector<Field> fields;
  int line = 0;
  int column = 0;      // of the '#'
  int end_column = 0;  // just after the last field
};

// Labels read here and labels known but not used. Both count as records of the file's top
// level: one found inside a voucher's braces shows that the voucher's } is missing. Any other
// label is skipped without a word, as the format asks of a reader meeting a newer file.
const std::set<std::string, std::less<>> kTopLevelLabels = {
    "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN",    "#SIETYP",  "#FNAMN",  "#ORGNR",  "#KPTYP",  "#VALUTA",
    "#RAR",    "#KONTO",   "#KTYP",   "#IB",     "#UB",      "#RES",    "#VER",    "#PROSA",  "#FTYP",
    "#FNR",    "#BKOD",    "#ADRESS", "#TAXAR",  "#OMFATTN", "#ENHET",  "#SRU",    "#DIM",    "#UNDERDIM",
    "#OBJEKT", "#OIB",     "#OUB",    "#PSALDO", "#PBUDGET", "#KSUMMA",
};

// Records that describe the file as a whole and are given once.
const std::set<std::string, std::less<>> kSingleLabels = {
    "#FLAGGA", "#PROGRAM", "#FORMAT", "#GEN", "#SIETYP", "#FNAMN", "#ORGNR", "#KPTYP", "#VALUTA",
};

class SieReader {
 public:
  SieReader(int file, Diagnostics& diagnostics) : file_(file), diagnostics_(diagnostics) { sie_.file = file; }

  // Reads the lines of the file's CP437 bytes (CRLF already made LF).
  void ReadLines(std::string_view bytes) {
    int number = 0;
    size_t start = 0;
    while (start <= bytes.size()) {
      size_t end = bytes.find('\n', start);
      if (end == std::string_view::npos) end = bytes.size();
      ReadLine(bytes.substr(start, end - start), ++number);
      start = end + 1;
    }
  }

  // The checks that need the whole file. Returns what was read.
  SieFile Finish() {
    if (records_ == 0) {
      Error("sie.empty", Where{file_, 1, 1}, "", "the file holds no records");
      return std::move(sie_);
    }
    if (block_ == Block::kOpen) {
      Error("sie.brace", At(open_.brace_line, open_.brace_column), "#VER",
            "the voucher's block is not closed: } is missing at the end of the file");
    } else if (block_ == Block::kAwaitingOpen) {
      Error("sie.brace", open_.voucher.where, "#VER", "the #VER at the end of the file has no { } block");
    }
    ApplyAccountTypes();
    CheckPresence();
    CheckYearReferences();
    CheckAccountReferences();
    CheckYearsFollow();
    CheckAccountClasses();
    // A balance record dropped for an error would make the sums below fail for no further
    // reason; that error is reported already.
    if (!balances_damaged_) CheckBalances();
    return std::move(sie_);
  }

 private:
  enum class Block { kNone, kAwaitingOpen, kOpen };

  // The voucher whose { } block is being read.
  struct OpenVoucher {
    SieVoucher voucher;
    bool broken = false;  // a line of it had an error: it is neither kept nor checked
    int brace_line = 0;
    int brace_column = 0;
  };

  struct Reference {
    Where where;
    std::string label;
    int count = 0;
  };

  Where At(int line, int column) const { return Where{file_, line, column}; }
  void Error(const char* code, Where where, const std::string& label, std::string message) {
    diagnostics_.Error(code, where, label, std::move(message));
  }
  void Warning(const char* code, Where where, const std::string& label, std::string message) {
    diagnostics_.Warning(code, where, label, std::move(message));
  }

  // ---- Lines and fields ----

  void ReadLine(std::string_view line, int number) {
    size_t start = 0;
    while (start < line.size() && IsBlank(line[start])) ++start;
    size_t end = line.size();
    while (end > start && IsBlank(line[end - 1])) --end;
    if (start == end) return;
    ++records_;
    std::string_view content = line.substr(start, end - start);
    int column = static_cast<int>(start) + 1;
    if (content == "{") return OpenBrace(number, column);
    if (content == "}") return CloseBrace(number, column);
    if (content.front() != '#') {
      Error("sie.record", At(number, column), "", "expected a record starting with #, or a line holding only { or }");
      if (block_ == Block::kOpen) open_.broken = true;
      return;
    }

    Record record;
    record.line = number;
    record.column = column;
    size_t label_end = start;
    while (label_end < end && !IsBlank(line[label_end])) ++label_end;
    record.label = std::string(line.substr(start, label_end - start));
    record.end_column = static_cast<int>(label_end) + 1;

    bool in_voucher = record.label == "#TRANS" || record.label == "#RTRANS" || record.label == "#BTRANS";
    bool top_level = kTopLevelLabels.count(record.label) > 0;
    if (!in_voucher && !top_level) return;  // a label of a later version of the format
    if (block_ == Block::kAwaitingOpen) {
      Error("sie.brace", open_.voucher.where, "#VER", "#VER must be followed by a line holding only {");
      // The lines of a voucher whose { was left out are still its lines.
      if (in_voucher) {
        block_ = Block::kOpen;
        open_.broken = true;
        open_.brace_line = open_.voucher.where.line;
        open_.brace_column = open_.voucher.where.column;
      } else {
        block_ = Block::kNone;
      }
    } else if (block_ == Block::kOpen && top_level) {
      Error("sie.brace", At(open_.brace_line, open_.brace_column), "#VER",
            "the voucher's block is not closed: } is missing before line " + std::to_string(number));
      block_ = Block::kNone;
    }

    if (!SplitFields(line.substr(0, end), label_end, record)) {
      if (block_ == Block::kOpen) open_.broken = true;
      MarkDamaged(record.label);
      // The block of a #VER that could not be read still belongs to it.
      if (record.label == "#VER") StartVoucher(record, false);
      return;
    }
    Dispatch(record);
  }

  // Splits the fields after a record's label. On an unclosed quote or object list, reports it
  // and returns false: the fields after it cannot be told apart.
  bool SplitFields(std::string_view line, size_t pos, Record& record) {
    while (true) {
      while (pos < line.size() && IsBlank(line[pos])) ++pos;
      if (pos >= line.size()) return true;
      Field field;
      if (line[pos] == '{') {
        field.list = true;
        field.column = static_cast<int>(pos) + 1;
        ++pos;
        while (true) {
          while (pos < line.size() && IsBlank(line[pos])) ++pos;
          if (pos >= line.size()) {
            Error("sie.objects", At(record.line, field.column), record.label, "the object list is not closed with }");
            return false;
          }
          if (line[pos] == '}') {
            ++pos;
            break;
          }
          Field item;
          if (!ReadValue(line, pos, record, true, item)) return false;
          field.items.push_back(std::move(item));
        }
        if (pos < line.size() && !IsBlank(line[pos])) {
          Error("sie.objects", At(record.line, static_cast<int>(pos) + 1), record.label,
                "text follows the object list's }: separate fields by a space");
          return false;
        }
        field.end_column = static_cast<int>(pos) + 1;
      } else if (!ReadValue(line, pos, record, false, field)) {
        return false;
      }
      record.end_column = field.end_column;
      record.fields.push_back(std::move(field));
    }
  }

  // Reads one value at `pos`, quoted or not; in an object list a } also ends a value.
  bool ReadValue(std::string_view line, size_t& pos, const Record& record, bool in_list, Field& field) {
    field.column = static_cast<int>(pos) + 1;
    std::string raw;
    if (line[pos] == '"') {
      ++pos;
      while (pos < line.size() && line[pos] != '"') {
        // \" is a quote and \\ a backslash; any other backslash stands for itself.
        if (line[pos] == '\\' && pos + 1 < line.size() && (line[pos + 1] == '"' || line[pos + 1] == '\\')) ++pos;
        raw += line[pos++];
      }
      if (pos >= line.size()) {
        Error("sie.quote", At(record.line, field.column), record.label,
              "the quote is not closed on its line (write \\\" for a quote inside a text)");
        return false;
      }
      ++pos;
      if (pos < line.size() && !IsBlank(line[pos]) && !(in_list && line[pos] == '}')) {
        Error("sie.quote", At(record.line, static_cast<int>(pos) + 1), record.label,
              "text follows the closing quote: separate fields by a space");
        return false;
      }
    } else {
      while (pos < line.size() && !IsBlank(line[pos]) && !(in_list && line[pos] == '}')) {
        if (line[pos] == '"') {
          Error("sie.quote", At(record.line, static_cast<int>(pos) + 1), record.label,
                "a quote inside a value: quote the whole value and write \\\" for the quote");
          return false;
        }
        if (in_list && line[pos] == '{') {
          Error("sie.objects", At(record.line, static_cast<int>(pos) + 1), record.label,
                "an object list cannot hold another {");
          return false;
        }
        raw += line[pos++];
      }
    }
    field.text = Cp437ToUtf8(raw);
    field.end_column = static_cast<int>(pos) + 1;
    return true;
  }

  // ---- Records ----

  void Dispatch(const Record& r) {
    const std::string& label = r.label;
    if (label == "#TRANS" || label == "#RTRANS" || label == "#BTRANS") {
      if (block_ != Block::kOpen) {
        Error("sie.voucher", At(r.line, r.column), label, label + " outside a #VER block");
        return;
      }
      if (label == "#TRANS") ReadTransaction(r);
      return;
    }
    bool first = true;
    if (kSingleLabels.count(label) > 0) {
      auto [it, inserted] = single_lines_.emplace(label, r.line);
      if (!inserted) {
        Warning("sie.duplicate", At(r.line, r.column), label,
                label + " is given twice (first on line " + std::to_string(it->second) + "); the first is used");
        first = false;
      }
    }
    if (label == "#FLAGGA") return ReadFlag(r);
    if (label == "#PROGRAM") return ReadText(r, "the program's name", first ? &sie_.program : nullptr);
    if (label == "#FORMAT") return ReadFormat(r);
    if (label == "#GEN") return ReadGenerated(r, first);
    if (label == "#SIETYP") return ReadType(r, first);
    if (label == "#FNAMN") return ReadText(r, "the company's name", first ? &sie_.company_name : nullptr);
    if (label == "#ORGNR") return ReadOrgNumber(r, first);
    if (label == "#KPTYP") return ReadText(r, "the chart of accounts", first ? &sie_.chart_of_accounts : nullptr);
    if (label == "#VALUTA") return ReadCurrency(r);
    if (label == "#RAR") return ReadYear(r);
    if (label == "#KONTO") return ReadAccountName(r);
    if (label == "#KTYP") return ReadAccountType(r);
    if (label == "#IB") return ReadBalance(r, SieBalanceKind::kOpening);
    if (label == "#UB") return ReadBalance(r, SieBalanceKind::kClosing);
    if (label == "#RES") return ReadBalance(r, SieBalanceKind::kResult);
    if (label == "#VER") return StartVoucher(r, true);
    // The other labels of kTopLevelLabels are known and not used.
  }

  // False, after reporting it, when the record has fewer than `count` fields.
  bool HasFields(const Record& r, size_t count, const char* form) {
    if (r.fields.size() >= count) return true;
    Error("sie.record", At(r.line, r.end_column), r.label,
          r.label + " needs " + std::to_string(count) + (count == 1 ? " field" : " fields") + " (" + r.label + " " +
              form + "), found " + std::to_string(r.fields.size()));
    return false;
  }

  // The text of a field that must be a value, not an object list; null after reporting it.
  const std::string* Value(const Record& r, size_t index, const char* what) {
    const Field& f = r.fields[index];
    if (!f.list) return &f.text;
    Error("sie.record", At(r.line, f.column), r.label, std::string("expected ") + what + ", found an object list");
    return nullptr;
  }

  Where WhereOf(const Record& r, size_t index) const {
    return index < r.fields.size() ? At(r.line, r.fields[index].column) : At(r.line, r.column);
  }

  std::optional<int> ReadAccountNumber(const Record& r, size_t index) {
    const std::string* text = Value(r, index, "an account number");
    if (!text) return std::nullopt;
    if (!AllDigits(*text) || text->size() > 9 || text->front() == '0') {
      Error("sie.account", WhereOf(r, index), r.label,
            "expected an account number (1 to 9 digits, not starting with 0), found \"" + *text + "\"");
      return std::nullopt;
    }
    int number = 0;
    std::from_chars(text->data(), text->data() + text->size(), number);
    return number;
  }

  std::optional<int> ReadYearIndex(const Record& r, size_t index) {
    const std::string* text = Value(r, index, "a year index");
    if (!text) return std::nullopt;
    std::string_view digits = *text;
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (!AllDigits(digits) || digits.size() > 2) {
      Error("sie.year", WhereOf(r, index), r.label,
            "expected a year index (0 for the file's year, -1 for the one before), found \"" + *text + "\"");
      return std::nullopt;
    }
    int value = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return digits.size() < text->size() ? -value : value;
  }

  std::optional<int64_t> ReadAmount(const Record& r, size_t index) {
    const std::string* text = Value(r, index, "an amount");
    if (!text) return std::nullopt;
    std::string why;
    std::optional<int64_t> ore = ParseSieAmount(*text, &why);
    if (!ore) {
      Error("sie.amount", WhereOf(r, index), r.label, why);
      return std::nullopt;
    }
    // Keeps every sum of the amounts read inside int64_t (see kSieMaxTotalOre).
    int64_t magnitude = *ore < 0 ? -*ore : *ore;
    if (magnitude > kSieMaxTotalOre - total_magnitude_) {
      if (!total_reported_) {
        Error("sie.amount", WhereOf(r, index), r.label,
              "the amounts of the file add up to more than " + FormatOre(kSieMaxTotalOre) +
                  ": this cannot be a ledger, and no more amounts are read");
      }
      total_reported_ = true;
      return std::nullopt;
    }
    total_magnitude_ += magnitude;
    return ore;
  }

  std::optional<Date> ReadDate(const Record& r, size_t index) {
    const std::string* text = Value(r, index, "a date");
    if (!text) return std::nullopt;
    std::string why;
    std::optional<Date> date = ParseSieDate(*text, &why);
    if (!date) Error("sie.date", WhereOf(r, index), r.label, why);
    return date;
  }

  void ReadFlag(const Record& r) {
    if (!HasFields(r, 1, "0 or 1")) return;
    const std::string* text = Value(r, 0, "0 or 1");
    if (text && *text != "0" && *text != "1") {
      Error("sie.record", WhereOf(r, 0), r.label, "#FLAGGA is 0 or 1, found \"" + *text + "\"");
    }
  }

  void ReadText(const Record& r, const char* what, Located<std::string>* target) {
    if (!HasFields(r, 1, what)) return;
    const std::string* text = Value(r, 0, what);
    if (text && target) *target = Located<std::string>{*text, WhereOf(r, 0), r.label};
  }

  void ReadFormat(const Record& r) {
    if (!HasFields(r, 1, "PC8")) return;
    const std::string* text = Value(r, 0, "an encoding");
    if (text && *text != "PC8") {
      Error("sie.encoding", WhereOf(r, 0), r.label,
            "unknown encoding \"" + *text + "\": SIE 4 files are in PC8 (CP437), the only encoding read here");
    }
  }

  void ReadGenerated(const Record& r, bool first) {
    if (!HasFields(r, 1, "date")) return;
    std::optional<Date> date = ReadDate(r, 0);
    if (first) sie_.generated = date;
  }

  void ReadType(const Record& r, bool first) {
    if (!HasFields(r, 1, "type")) return;
    const std::string* text = Value(r, 0, "a type");
    if (!text) return;
    if (text->size() == 1 && (*text)[0] >= '1' && (*text)[0] <= '4') {
      if (first) sie_.sie_type = (*text)[0] - '0';
    } else if (*text == "4i" || *text == "4I") {
      Error("sie.type", WhereOf(r, 0), r.label,
            "SIE type 4i holds vouchers only, without balances: export a type 4 file (or 1 to 3)");
    } else {
      Error("sie.type", WhereOf(r, 0), r.label, "SIE type \"" + *text + "\" is not one of 1, 2, 3 and 4");
    }
  }

  void ReadOrgNumber(const Record& r, bool first) {
    if (!HasFields(r, 1, "organisation number")) return;
    const std::string* text = Value(r, 0, "an organisation number");
    if (!text) return;
    std::string why;
    if (!ValidOrgNumber(*text, &why)) {
      Warning("sie.orgnr", WhereOf(r, 0), r.label, "organisation number \"" + *text + "\": " + why);
    }
    if (first) sie_.org_number = Located<std::string>{*text, WhereOf(r, 0), r.label};
  }

  void ReadCurrency(const Record& r) {
    if (!HasFields(r, 1, "currency")) return;
    const std::string* text = Value(r, 0, "a currency");
    if (text && *text != "SEK") {
      Error("sie.currency", WhereOf(r, 0), r.label,
            "the amounts are in " + *text + ": the report's amounts are kronor (SEK)");
    }
  }

  void ReadYear(const Record& r) {
    if (!HasFields(r, 3, "year-index start end")) return;
    std::optional<int> index = ReadYearIndex(r, 0);
    std::optional<Date> start = ReadDate(r, 1);
    std::optional<Date> end = ReadDate(r, 2);
    if (!index) return;
    // A year whose dates are wrong is still declared, so its balances are not also refused.
    if (const SieYear* earlier = sie_.LookupYear(*index)) {
      Error("sie.year", WhereOf(r, 0), r.label,
            YearName(*index) + " is declared twice (first on line " + std::to_string(earlier->where.line) + ")");
      return;
    }
    if (start && end && *end < *start) {
      Error("sie.year", WhereOf(r, 2), r.label,
            YearName(*index) + " ends " + end->ToString() + ", before it starts " + start->ToString());
    }
    sie_.years.push_back(SieYear{*index, start, end, WhereOf(r, 0)});
  }

  void ReadAccountName(const Record& r) {
    if (!HasFields(r, 2, "account name")) return;
    std::optional<int> number = ReadAccountNumber(r, 0);
    const std::string* name = Value(r, 1, "the account's name");
    if (!number || !name) return;
    auto [it, inserted] = sie_.accounts.emplace(*number, SieAccount{*number, *name, 0, WhereOf(r, 0)});
    if (!inserted) {
      Warning("sie.duplicate", WhereOf(r, 0), r.label,
              "account " + std::to_string(*number) + " is named twice (first on line " +
                  std::to_string(it->second.where.line) + "); the first name is used");
    }
  }

  void ReadAccountType(const Record& r) {
    if (!HasFields(r, 2, "account type")) return;
    std::optional<int> number = ReadAccountNumber(r, 0);
    const std::string* type = Value(r, 1, "an account type");
    if (!number || !type) return;
    if (type->size() != 1 || std::string_view("TSKI").find((*type)[0]) == std::string_view::npos) {
      Error("sie.account", WhereOf(r, 1), r.label,
            "account type \"" + *type + "\" is not T (tillgång), S (skuld), K (kostnad) or I (intäkt)");
      return;
    }
    auto [it, inserted] = account_types_.emplace(*number, std::make_pair((*type)[0], WhereOf(r, 0)));
    if (!inserted) {
      Warning("sie.duplicate", WhereOf(r, 0), r.label,
              "account " + std::to_string(*number) + " has a second #KTYP (first on line " +
                  std::to_string(it->second.second.line) + "); the first is used");
    }
  }

  void MarkDamaged(const std::string& label) {
    if (label == "#IB" || label == "#UB" || label == "#RES") balances_damaged_ = true;
  }

  void ReadBalance(const Record& r, SieBalanceKind kind) {
    if (!HasFields(r, 3, "year-index account amount [quantity]")) return MarkDamaged(r.label);
    std::optional<int> year = ReadYearIndex(r, 0);
    std::optional<int> account = ReadAccountNumber(r, 1);
    std::optional<int64_t> ore = ReadAmount(r, 2);
    if (!year || !account || !ore) return MarkDamaged(r.label);
    auto key = std::make_tuple(kind, *year, *account);
    auto [it, inserted] = balance_lines_.emplace(key, r.line);
    if (!inserted) {
      Error("sie.duplicate", WhereOf(r, 0), r.label,
            "a second " + r.label + " " + std::to_string(*year) + " for account " + std::to_string(*account) +
                " (first on line " + std::to_string(it->second) + ")");
      return MarkDamaged(r.label);
    }
    sie_.balances.push_back(SieBalance{kind, *year, *account, *ore, WhereOf(r, 0)});
    NoteYear(*year, WhereOf(r, 0), r.label);
    NoteAccount(*account, WhereOf(r, 1), r.label);
  }

  void StartVoucher(const Record& r, bool split) {
    block_ = Block::kAwaitingOpen;
    open_ = OpenVoucher{};
    open_.voucher.where = At(r.line, r.column);
    open_.broken = !split;
    if (!split) return;
    if (!HasFields(r, 3, "series number date [text] [registered] [sign]")) {
      open_.broken = true;
      return;
    }
    const std::string* series = Value(r, 0, "the voucher's series");
    const std::string* number = Value(r, 1, "the voucher's number");
    std::optional<Date> date = ReadDate(r, 2);
    const std::string* text = r.fields.size() > 3 ? Value(r, 3, "the voucher's text") : nullptr;
    bool registered_ok = true;
    if (r.fields.size() > 4 && !r.fields[4].text.empty()) registered_ok = ReadDate(r, 4).has_value();
    if (!series || !number || !date || (r.fields.size() > 3 && !text) || !registered_ok) {
      open_.broken = true;
      return;
    }
    open_.voucher.series = *series;
    open_.voucher.number = *number;
    open_.voucher.date = date;
    if (text) open_.voucher.text = *text;
  }

  void ReadTransaction(const Record& r) {
    // Older programs left the object list out; say so rather than count the fields.
    if (r.fields.size() >= 2 && !r.fields[1].list) {
      Error("sie.objects", WhereOf(r, 1), r.label,
            "expected the object list before the amount ({} when there are no objects)");
      open_.broken = true;
      return;
    }
    if (!HasFields(r, 3, "account {objects} amount [date] [text] [quantity] [sign]")) {
      open_.broken = true;
      return;
    }
    SieTransaction transaction;
    transaction.where = At(r.line, r.column);
    std::optional<int> account = ReadAccountNumber(r, 0);
    bool objects_ok = true;
    const Field& objects = r.fields[1];
    if (objects.items.size() % 2 != 0) {
      Error("sie.objects", WhereOf(r, 1), r.label,
            "an object list holds pairs of dimension and object, found " + std::to_string(objects.items.size()) +
                " values");
      objects_ok = false;
    } else {
      for (size_t i = 0; i < objects.items.size(); i += 2) {
        transaction.objects.push_back(SieObjectRef{objects.items[i].text, objects.items[i + 1].text});
      }
    }
    std::optional<int64_t> amount = ReadAmount(r, 2);
    int64_t ore = amount.value_or(0);
    bool date_ok = true;
    if (r.fields.size() > 3 && !(r.fields[3].text.empty() && !r.fields[3].list)) {
      transaction.date = ReadDate(r, 3);
      date_ok = transaction.date.has_value();
    }
    const std::string* text = r.fields.size() > 4 ? Value(r, 4, "the transaction's text") : nullptr;
    if (!account || !objects_ok || !amount || !date_ok || (r.fields.size() > 4 && !text)) {
      open_.broken = true;
      return;
    }
    transaction.account = *account;
    transaction.ore = ore;
    if (text) transaction.text = *text;
    open_.voucher.transactions.push_back(std::move(transaction));
    NoteAccount(*account, WhereOf(r, 0), r.label);
  }

  void OpenBrace(int line, int column) {
    if (block_ == Block::kAwaitingOpen) {
      block_ = Block::kOpen;
      open_.brace_line = line;
      open_.brace_column = column;
    } else if (block_ == Block::kOpen) {
      Error("sie.brace", At(line, column), "", "a second { inside the voucher opened on line " +
                                                   std::to_string(open_.voucher.where.line));
      open_.broken = true;
    } else {
      Error("sie.brace", At(line, column), "", "a { that does not follow a #VER");
    }
  }

  void CloseBrace(int line, int column) {
    if (block_ != Block::kOpen) {
      Error("sie.brace", At(line, column), "", "a } without an open #VER block");
      return;
    }
    block_ = Block::kNone;
    if (open_.broken) return;
    int64_t debit = 0, credit = 0;
    for (const SieTransaction& t : open_.voucher.transactions) (t.ore > 0 ? debit : credit) += t.ore;
    if (debit + credit != 0) {
      const SieVoucher& v = open_.voucher;
      std::string name = v.series.empty() && v.number.empty() ? "the voucher" : "voucher " + v.series + " " + v.number;
      Error("sie.voucher", v.where, "#VER",
            name + " does not balance: its #TRANS lines add up to " + FormatOre(debit + credit) + " (debit " +
                FormatOre(debit) + ", credit " + FormatOre(credit) + ")");
      return;
    }
    sie_.vouchers.push_back(std::move(open_.voucher));
  }

  void NoteYear(int index, Where where, const std::string& label) {
    Reference& ref = year_references_[index];
    if (ref.count++ == 0) {
      ref.where = where;
      ref.label = label;
    }
  }

  void NoteAccount(int account, Where where, const std::string& label) {
    Reference& ref = account_references_[account];
    if (ref.count++ == 0) {
      ref.where = where;
      ref.label = label;
    }
  }

  // ---- Whole-file checks ----

  void ApplyAccountTypes() {
    for (const auto& [number, type] : account_types_) {
      auto it = sie_.accounts.find(number);
      if (it == sie_.accounts.end()) {
        Warning("sie.account", type.second, "#KTYP",
                "#KTYP for account " + std::to_string(number) + ", which has no #KONTO");
        continue;
      }
      it->second.type = type.first;
    }
  }

  void CheckPresence() {
    if (!sie_.LookupYear(0)) {
      Error("sie.missing", Where{file_, 0, 0}, "",
            "the file has no #RAR 0: without the financial year its balances cannot be placed");
    }
    if (single_lines_.count("#SIETYP") == 0) {
      Warning("sie.missing", Where{file_, 0, 0}, "", "the file has no #SIETYP: it does not say which SIE type it is");
    }
    if (single_lines_.count("#FNAMN") == 0) {
      Warning("sie.missing", Where{file_, 0, 0}, "", "the file has no #FNAMN: it does not name the company");
    }
  }

  void CheckYearReferences() {
    for (const auto& [index, ref] : year_references_) {
      if (sie_.LookupYear(index)) continue;
      if (index == 0) continue;  // reported as a missing #RAR 0
      std::string uses = ref.count > 1 ? " (" + std::to_string(ref.count) + " records use it)" : "";
      Error("sie.year", ref.where, ref.label, YearName(index) + " has no #RAR" + uses);
    }
  }

  void CheckAccountReferences() {
    if (sie_.accounts.empty()) {
      if (!account_references_.empty()) {
        Warning("sie.account", Where{file_, 0, 0}, "", "the file has no #KONTO records: the accounts have no names");
      }
      return;
    }
    for (const auto& [number, ref] : account_references_) {
      if (sie_.accounts.count(number)) continue;
      Warning("sie.account", ref.where, ref.label,
              "account " + std::to_string(number) + " has no #KONTO" +
                  (ref.count > 1 ? " (" + std::to_string(ref.count) + " records use it)" : ""));
    }
  }

  void CheckYearsFollow() {
    for (const SieYear& later : sie_.years) {
      const SieYear* earlier = sie_.LookupYear(later.index - 1);
      if (!earlier || !earlier->end || !later.start) continue;
      if (NextDay(*earlier->end) != *later.start) {
        Error("sie.year", later.where, "#RAR",
              YearName(later.index) + " starts " + later.start->ToString() + " but " + YearName(earlier->index) +
                  " ends " + earlier->end->ToString() + ": a financial year starts the day after the one before ends");
      }
    }
  }

  // A balance account's balances are #IB and #UB, a result account's is #RES. Given the other
  // way round, a record counts twice in the sums below.
  void CheckAccountClasses() {
    Reference balance_on_result, result_on_balance;
    for (const SieBalance& b : sie_.balances) {
      SieAccountClass account_class = ClassOfAccount(sie_, b.account);
      bool is_result = b.kind == SieBalanceKind::kResult;
      Reference* ref = nullptr;
      if (!is_result && account_class == SieAccountClass::kResult) ref = &balance_on_result;
      if (is_result && account_class == SieAccountClass::kBalance) ref = &result_on_balance;
      if (!ref) continue;
      if (ref->count++ == 0) {
        ref->where = b.where;
        ref->label = std::string(LabelOf(b.kind)) + " for account " + std::to_string(b.account);
      }
    }
    auto more = [](const Reference& ref) {
      return ref.count > 1 ? " (" + std::to_string(ref.count) + " such records)" : std::string();
    };
    if (balance_on_result.count > 0) {
      Warning("sie.class", balance_on_result.where, "",
              balance_on_result.label + ", a result account: its balance belongs in #RES" + more(balance_on_result));
    }
    if (result_on_balance.count > 0) {
      Warning("sie.class", result_on_balance.where, "",
              result_on_balance.label + ", a balance account: its balances belong in #IB and #UB" +
                  more(result_on_balance));
    }
  }

  std::string YearDescription(int index) const {
    const SieYear* year = sie_.LookupYear(index);
    if (!year || !year->start || !year->end) return YearName(index);
    return YearName(index) + " (" + year->start->ToString() + "\u2013" + year->end->ToString() + ")";
  }

  // Reports a finding about a whole year at its #RAR when the file has one, else at `fallback`,
  // a record of `fallback_label`.
  void YearError(const char* code, int index, Where fallback, const char* fallback_label, std::string message) {
    const SieYear* year = sie_.LookupYear(index);
    Error(code, year ? year->where : fallback, year ? "#RAR" : fallback_label, std::move(message));
  }

  // Every voucher balances, so over a year the balance accounts change by exactly minus the
  // result: Σ #UB y + Σ #RES y = Σ #IB y, and the opening balances themselves sum to 0. Checked
  // as two rules, so that each names the records that are off: Σ #IB y = 0 and
  // Σ #UB y + Σ #RES y = 0. These hold whether or not the result has been booked to equity.
  // Each year also opens where the one before closed: #IB y = #UB y-1 account by account,
  // except on equity accounts (20xx), where a program may carry the year's result when it
  // opens the next year.
  void CheckBalances() {
    struct Totals {
      int64_t ore = 0;
      Where first;
      bool any = false;
    };
    std::map<std::pair<SieBalanceKind, int>, Totals> totals;
    for (const SieBalance& b : sie_.balances) {
      Totals& t = totals[{b.kind, b.year_index}];
      if (!t.any) t.first = b.where;
      t.any = true;
      t.ore += b.ore;
    }
    auto total = [&](SieBalanceKind kind, int year) -> const Totals* {
      auto it = totals.find({kind, year});
      return it == totals.end() ? nullptr : &it->second;
    };
    std::set<int> years;
    for (const auto& [key, t] : totals) years.insert(key.second);
    for (int year : years) {
      // A year without #RAR is reported as such; its sums would only repeat that.
      if (!sie_.LookupYear(year)) continue;
      std::string y = std::to_string(year);
      if (const Totals* opening = total(SieBalanceKind::kOpening, year); opening && opening->ore != 0) {
        YearError("sie.balance", year, opening->first, "#IB",
                  "the opening balances of " + YearDescription(year) + " do not balance: the #IB " + y +
                  " amounts add up to " + FormatOre(opening->ore) + ", not 0");
      }
      if (const Totals* closing = total(SieBalanceKind::kClosing, year)) {
        const Totals* result = total(SieBalanceKind::kResult, year);
        int64_t result_ore = result ? result->ore : 0;
        if (closing->ore + result_ore != 0) {
          YearError("sie.balance", year, closing->first, "#UB",
                    "the closing balances of " + YearDescription(year) + " do not match its result: the #UB " + y +
                    " amounts add up to " + FormatOre(closing->ore) + " and the #RES " + y + " amounts to " +
                    FormatOre(result_ore) + "; together " + FormatOre(closing->ore + result_ore) + ", not 0" +
                    AccountsVouchersDoNotExplain(year));
        }
      }
      if (total(SieBalanceKind::kOpening, year) && total(SieBalanceKind::kClosing, year - 1)) {
        CheckOpeningFollowsClosing(year);
      }
    }
  }

  // When the file has the year's vouchers: the accounts whose balance they do not explain (a
  // balance account's #IB plus its #TRANS is its #UB; a result account's #TRANS add up to its
  // #RES), as "; the vouchers do not explain account 1930: ...", or "" when they explain all.
  std::string AccountsVouchersDoNotExplain(int year) const {
    const SieYear* y = sie_.LookupYear(year);
    if (!y || !y->start || !y->end) return "";
    std::map<int, int64_t> moved;
    bool any = false;
    for (const SieVoucher& v : sie_.vouchers) {
      if (!v.date || *v.date < *y->start || *y->end < *v.date) continue;
      any = true;
      for (const SieTransaction& t : v.transactions) moved[t.account] += t.ore;
    }
    if (!any) return "";
    std::map<int, std::array<int64_t, 3>> balance;  // #IB, #UB, #RES of the year
    for (const SieBalance& b : sie_.balances) {
      if (b.year_index == year) balance[b.account][static_cast<size_t>(b.kind)] = b.ore;
    }
    for (const auto& [account, ore] : moved) balance[account];  // accounts with vouchers but no balance
    std::string named;
    int count = 0;
    for (const auto& [account, b] : balance) {
      const int64_t vouchers = moved.count(account) ? moved.at(account) : 0;
      const bool result = ClassOfAccount(sie_, account) == SieAccountClass::kResult;
      const int64_t expected = result ? vouchers : b[0] + vouchers;
      const int64_t recorded = result ? b[2] : b[1];
      if (expected == recorded) continue;
      if (++count > 5) continue;
      named += std::string(count == 1 ? "; the vouchers do not explain " : "; ") + "account " + std::to_string(account) +
               ": " + (result ? "its #TRANS add up to " + FormatOre(vouchers) + " but #RES is "
                              : "#IB " + FormatOre(b[0]) + " and its #TRANS " + FormatOre(vouchers) +
                                    " make " + FormatOre(expected) + " but #UB is ") +
               FormatOre(recorded);
    }
    if (count > 5) named += "; and " + std::to_string(count - 5) + " more accounts";
    return named;
  }

  void CheckOpeningFollowsClosing(int year) {
    std::map<int, std::pair<const SieBalance*, const SieBalance*>> by_account;  // #IB year, #UB year-1
    for (const SieBalance& b : sie_.balances) {
      if (b.kind == SieBalanceKind::kOpening && b.year_index == year) by_account[b.account].first = &b;
      if (b.kind == SieBalanceKind::kClosing && b.year_index == year - 1) by_account[b.account].second = &b;
    }
    for (const auto& [account, pair] : by_account) {
      if (IsEquityAccount(account)) continue;
      const auto [opening, closing] = pair;
      // A program may leave out a zero balance, so a missing record counts as 0.
      int64_t opening_ore = opening ? opening->ore : 0;
      int64_t closing_ore = closing ? closing->ore : 0;
      if (opening_ore == closing_ore) continue;
      std::string ib = "#IB " + std::to_string(year), ub = "#UB " + std::to_string(year - 1);
      Error("sie.opening", opening ? opening->where : closing->where, opening ? "#IB" : "#UB",
            ib + " of account " + std::to_string(account) + " is " + (opening ? FormatOre(opening_ore) : "missing") +
                " but " + ub + " is " + (closing ? FormatOre(closing_ore) : "missing") + " (off by " +
                FormatOre(opening_ore - closing_ore) + "): a year opens where the one before closed");
    }
  }

  const int file_;
  Diagnostics& diagnostics_;
  SieFile sie_;
  int records_ = 0;  // non-blank lines
  Block block_ = Block::kNone;
  OpenVoucher open_;
  std::map<std::string, int, std::less<>> single_lines_;  // label -> line of its first record
  std::map<std::tuple<SieBalanceKind, int, int>, int> balance_lines_;
  std::map<int, std::pair<char, Where>> account_types_;
  std::map<int, Reference> year_references_;
  std::map<int, Reference> account_references_;
  bool balances_damaged_ = false;
  int64_t total_magnitude_ = 0;
  bool total_reported_ = false;
};

// Line and column (in characters, which are bytes in CP437) of a byte offset.
Where WhereOfOffset(std::string_view text, size_t offset, int file) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Where{file, line, static_cast<int>(offset - line_start) + 1};
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
    } else {
      *why = "control character " + Hex(c) + " (SIE 4 is CP437 text)";
    }
    return i;
  }
  return std::string_view::npos;
}

}  // namespace

const char* LabelOf(SieBalanceKind kind) {
  switch (kind) {
    case SieBalanceKind::kOpening: return "#IB";
    case SieBalanceKind::kClosing: return "#UB";
    case SieBalanceKind::kResult: return "#RES";
  }
  return "";
}

const SieYear* SieFile::LookupYear(int index) const {
  for (const SieYear& year : years) {
    if (year.index == index) return &year;
  }
  return nullptr;
}

const SieAccount* SieFile::LookupAccount(int number) const {
  auto it = accounts.find(number);
  return it == accounts.end() ? nullptr : &it->second;
}

const SieBalance* SieFile::LookupBalance(SieBalanceKind kind, int year_index, int account) const {
  for (const SieBalance& b : balances) {
    if (b.kind == kind && b.year_index == year_index && b.account == account) return &b;
  }
  return nullptr;
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

std::optional<int64_t> ParseSieAmount(std::string_view text, std::string* why) {
  std::string_view digits = text;
  bool negative = !digits.empty() && digits.front() == '-';
  if (negative) digits.remove_prefix(1);
  size_t point = digits.find('.');
  std::string_view whole = digits.substr(0, point);
  std::string_view fraction = point == std::string_view::npos ? std::string_view() : digits.substr(point + 1);
  if (!AllDigits(whole) || (point != std::string_view::npos && !AllDigits(fraction))) {
    std::string shown = "\"" + std::string(text) + "\"";
    if (text.find(',') != std::string_view::npos) {
      *why = "amount " + shown + ": write the decimals after a period (12.50), not a comma";
    } else if (text.find_first_of(" \t") != std::string_view::npos || text.find("\u00A0") != std::string_view::npos) {
      *why = "amount " + shown + ": write it without spaces";
    } else if (text.find_first_of("eE") != std::string_view::npos) {
      *why = "amount " + shown + ": write it in plain digits, without an exponent";
    } else if (!text.empty() && text.front() == '+') {
      *why = "amount " + shown + ": write it without a plus sign";
    } else if (point != std::string_view::npos && (whole.empty() || fraction.empty()) &&
               (whole.empty() || AllDigits(whole)) && (fraction.empty() || AllDigits(fraction))) {
      *why = "amount " + shown + ": write digits on both sides of the period, as in 0.50";
    } else {
      *why = "expected an amount such as 1234.50 or -12, found " + shown;
    }
    return std::nullopt;
  }
  if (fraction.size() > 2) {
    *why = "amount \"" + std::string(text) + "\" has more than two decimals (öre)";
    return std::nullopt;
  }
  if (whole.size() > 15) {
    *why = "amount \"" + std::string(text) + "\" is too large (more than 15 digits of kronor)";
    return std::nullopt;
  }
  int64_t kronor = 0, ore = 0;
  std::from_chars(whole.data(), whole.data() + whole.size(), kronor);
  if (!fraction.empty()) {
    std::from_chars(fraction.data(), fraction.data() + fraction.size(), ore);
    if (fraction.size() == 1) ore *= 10;
  }
  int64_t value = kronor * 100 + ore;
  return negative ? -value : value;
}

std::string FormatOre(int64_t ore) {
  uint64_t magnitude = ore < 0 ? 0 - static_cast<uint64_t>(ore) : static_cast<uint64_t>(ore);
  std::string out = ore < 0 ? "\u2212" : "";
  out += GroupDigits(static_cast<int64_t>(magnitude / 100));
  out += ',';
  out += static_cast<char>('0' + magnitude % 100 / 10);
  out += static_cast<char>('0' + magnitude % 10);
  out += " kr";
  return out;
}

int64_t RoundOreToKronor(int64_t ore) { return RoundedDivision(ore, 100); }

SieAccountClass ClassOfAccount(const SieFile& sie, int account) {
  if (const SieAccount* a = sie.LookupAccount(account)) {
    if (a->type == 'T' || a->type == 'S') return SieAccountClass::kBalance;
    if (a->type == 'K' || a->type == 'I') return SieAccountClass::kResult;
  }
  char first = std::to_string(account)[0];
  if (account > 0 && (first == '1' || first == '2')) return SieAccountClass::kBalance;
  if (account > 0 && first >= '3' && first <= '8') return SieAccountClass::kResult;
  return SieAccountClass::kUnknown;
}

bool InRanges(const std::vector<AccountRange>& ranges, int account) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const AccountRange& r) { return r.first <= account && account <= r.last; });
}

int64_t SumAccounts(const SieFile& sie, SieBalanceKind kind, int year_index, const std::vector<AccountRange>& ranges) {
  int64_t sum = 0;
  for (const SieBalance& b : sie.balances) {
    if (b.kind == kind && b.year_index == year_index && InRanges(ranges, b.account)) sum += b.ore;
  }
  return sum;
}

BalanceMapping MapBalances(const SieFile& sie, SieBalanceKind kind, int year_index,
                           const std::vector<AccountTarget>& targets) {
  BalanceMapping mapping;
  for (const AccountTarget& target : targets) mapping.sums.push_back(TargetSum{target.target, 0});
  for (const SieBalance& b : sie.balances) {
    if (b.kind != kind || b.year_index != year_index) continue;
    bool taken = false;
    for (size_t i = 0; i < targets.size(); ++i) {
      if (!InRanges(targets[i].ranges, b.account)) continue;
      mapping.sums[i].ore += b.ore;
      taken = true;
    }
    if (!taken && b.ore != 0) mapping.unmapped.push_back(b);
  }
  std::sort(mapping.unmapped.begin(), mapping.unmapped.end(),
            [](const SieBalance& a, const SieBalance& b) { return a.account < b.account; });
  return mapping;
}

SieFile ReadSie(std::string_view bytes, const std::string& file_name, SourceSet& sources, Diagnostics& diagnostics) {
  // A DOS program may end a text file with Ctrl-Z; it is not part of the text.
  while (!bytes.empty() && bytes.back() == '\x1A') bytes.remove_suffix(1);
  bool utf16 = bytes.size() >= 2 &&
               ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
  bool utf8_bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
  // CR LF line ends become LF, so that positions are counted on the text as registered.
  std::string text;
  text.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n') continue;
    text += bytes[i];
  }
  int file = sources.Add(file_name, Cp437ToUtf8(text));
  SieFile unread;
  unread.file = file;

  if (utf16) {
    diagnostics.Error("sie.encoding", Where{file, 1, 1}, "",
                      "the file is UTF-16 (it starts with a byte order mark): SIE 4 files are CP437 text");
    return unread;
  }
  if (utf8_bom) {
    diagnostics.Error("sie.encoding", Where{file, 1, 1}, "",
                      "the file is UTF-8 (it starts with a byte order mark): SIE 4 files are CP437 text (#FORMAT PC8)");
    return unread;
  }
  std::string why;
  size_t bad = FindControlByte(text, &why);
  if (bad != std::string::npos) {
    diagnostics.Error("sie.encoding", WhereOfOffset(text, bad, file), "", why);
    return unread;
  }
  auto unlikely = std::find_if(text.begin(), text.end(),
                               [](char c) { return IsUnlikelyInLedger(static_cast<unsigned char>(c)); });
  if (unlikely != text.end()) {
    size_t offset = static_cast<size_t>(unlikely - text.begin());
    unsigned char byte = static_cast<unsigned char>(*unlikely);
    std::string_view sequence = FirstUtf8Sequence(text);
    std::string message;
    if (!sequence.empty()) {
      message = "the file looks like UTF-8, not CP437 (#FORMAT PC8): " + std::string(sequence) + " reads as " +
                Cp437ToUtf8(sequence) + "; export the file again in PC8";
    } else {
      std::string latin1;
      AppendUtf8(latin1, byte);
      message = "byte " + Hex(byte) + " is " + Cp437ToUtf8(std::string(1, static_cast<char>(byte))) +
                " in CP437, unlikely in a ledger, but " + latin1 +
                " in Latin-1 and Windows-1252: the file may not be CP437 (#FORMAT PC8), and its names may be misread";
    }
    diagnostics.Warning("sie.encoding", WhereOfOffset(text, offset, file), "", message);
  }
  SieReader reader(file, diagnostics);
  reader.ReadLines(text);
  return reader.Finish();
}

}  // namespace arsred

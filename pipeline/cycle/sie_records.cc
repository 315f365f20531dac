#include "sie_records.h"

#include <charconv>
#include <map>
#include <set>
#include <tuple>

#include "sie_checksum.h"
#include "sie_ledger_checks.h"
#include "sie_lexer.h"

namespace arsred {

namespace {

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
// In any of the forms OrgNumberDigits reads, with its check digit right.
bool ValidOrgNumber(std::string_view s, std::string* why) {
  const std::string digits = OrgNumberDigits(std::string(s));
  const bool only_digits_and_hyphens = s.find_first_not_of("0123456789-") == std::string_view::npos;
  if (digits.size() != 10 || !only_digits_and_hyphens) {
    *why = "write it as NNNNNN-NNNN";
    return false;
  }
  int sum = 0;
  int position = 0;
  for (char c : digits) {
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

class RecordReader {
 public:
  RecordReader(SieEncoding encoding, int file, Diagnostics& diagnostics)
      : encoding_(encoding), file_(file), diagnostics_(diagnostics), checksum_(encoding) {
    sie_.file = file;
    sie_.first_record = Where{file, 1, 1};
  }

  // Reads the lines of the file's bytes (CRLF already made LF).
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

  // The checks that need the whole file and only its records. Returns what was read.
  SieFile Finish() {
    if (records_ == 0) {
      Error("sie.empty", Where{file_, 1, 1}, "", "the file holds no records");
      sie_.unread.text = true;
      return Read();
    }
    if (block_ == Block::kOpen) {
      Error("sie.brace", At(open_.brace_line, open_.brace_column), "#VER",
            "the voucher's block is not closed: } is missing at the end of the file");
      sie_.unread.vouchers = true;
    } else if (block_ == Block::kAwaitingOpen) {
      Error("sie.brace", open_.voucher.where, "#VER", "the #VER at the end of the file has no { } block");
      sie_.unread.vouchers = true;
    }
    if (checksum_state_ == Checksum::kOpen) {
      Error("sie.checksum", checksum_opened_, "#KSUMMA",
            "the file opens a checksum but has no closing #KSUMMA with its value: the file was cut short, "
            "or changed after it was exported; export it again");
    }
    ApplyAccountTypes();
    CheckPresence();
    CheckYearReferences();
    CheckAccountReferences();
    return Read();
  }

 private:
  enum class Block { kNone, kAwaitingOpen, kOpen };
  // Where the file is in its #KSUMMA pair: before it (or without one), between the two, after
  // the closing one, or past a finding about it, after which nothing more is said of it.
  enum class Checksum { kNone, kOpen, kClosed, kDone };

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

  SieFile Read() { return std::move(sie_); }

  // ---- Lines ----

  void ReadLine(std::string_view text, int number) {
    SieLine line = ScanSieLine(text, number, encoding_);
    if (line.kind == SieLineKind::kBlank) return;
    ++records_;
    if (checksum_state_ == Checksum::kClosed) {
      // The closing #KSUMMA is the file's last record: what follows it could be added to an
      // exported file without touching its checksum.
      checksum_state_ = Checksum::kDone;
      Error("sie.checksum", At(number, line.column), line.kind == SieLineKind::kRecord ? line.record.label : "",
            "a line after the closing #KSUMMA, which must end the file: the checksum does not cover it, so it "
            "may have been added after the file was exported");
    }
    switch (line.kind) {
      case SieLineKind::kOpenBrace: return OpenBrace(number, line.column);
      case SieLineKind::kCloseBrace: return CloseBrace(number, line.column);
      case SieLineKind::kNotARecord:
        Error("sie.record", At(number, line.column), "",
              "expected a record starting with #, or a line holding only { or }");
        if (block_ == Block::kOpen) open_.broken = true;
        if (checksum_state_ == Checksum::kOpen) checksum_unknown_ = true;
        return;
      case SieLineKind::kRecord:
        if (!first_record_seen_) {
          first_record_seen_ = true;
          sie_.first_record = At(number, line.column);
          sie_.first_label = line.record.label;
        }
        return ReadRecord(line);
      case SieLineKind::kBlank: return;
    }
  }

  // A record's place among the voucher blocks, then its fields, then what they say.
  void ReadRecord(SieLine& line) {
    const SieRecord& record = line.record;
    bool in_voucher = record.label == "#TRANS" || record.label == "#RTRANS" || record.label == "#BTRANS";
    bool top_level = kTopLevelLabels.count(record.label) > 0;
    if (!in_voucher && !top_level) {
      // A label of a later version of the format: skipped, but the checksum covers it.
      if (checksum_state_ != Checksum::kOpen) return;
      Diagnostics unused;
      if (ReadSieFields(line, file_, unused)) {
        checksum_.Add(record);
      } else {
        checksum_.AddUnread(line);
      }
      return;
    }
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
        sie_.unread.vouchers = true;
      }
    } else if (block_ == Block::kOpen && top_level) {
      Error("sie.brace", At(open_.brace_line, open_.brace_column), "#VER",
            "the voucher's block is not closed: } is missing before line " + std::to_string(record.line));
      block_ = Block::kNone;
      sie_.unread.vouchers = true;
    }

    if (!ReadSieFields(line, file_, diagnostics_)) {
      if (block_ == Block::kOpen) open_.broken = true;
      // Its error is reported: a checksum that differs for it would say nothing more.
      if (checksum_state_ == Checksum::kOpen) checksum_unknown_ = true;
      LeftOut(record.label);
      // The block of a #VER that could not be read still belongs to it.
      if (record.label == "#VER") StartVoucher(record, false);
      return;
    }
    if (checksum_state_ == Checksum::kOpen && record.label != "#KSUMMA") checksum_.Add(record);
    // A record that gives an error is left out, or kept with what it says wrong (a year that
    // ends before it starts): either way, what rests on it is not to be checked further.
    const size_t errors = diagnostics_.ErrorCount();
    Dispatch(record);
    if (diagnostics_.ErrorCount() > errors) sie_.unread.labels.insert(record.label);
  }

  // ---- Records ----

  void Dispatch(const SieRecord& r) {
    const std::string& label = r.label;
    if (label == "#TRANS" || label == "#RTRANS" || label == "#BTRANS") {
      if (block_ != Block::kOpen) {
        // Most likely a line of a voucher whose braces went wrong: its vouchers are not whole.
        Error("sie.voucher", At(r.line, r.column), label, label + " outside a #VER block");
        sie_.unread.vouchers = true;
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
    if (label == "#KSUMMA") return ReadChecksum(r);
    // The other labels of kTopLevelLabels are known and not used.
  }

  // False, after reporting it, when the record has fewer than `count` fields.
  bool HasFields(const SieRecord& r, size_t count, const char* form) {
    if (r.fields.size() >= count) return true;
    Error("sie.record", At(r.line, r.end_column), r.label,
          r.label + " needs " + std::to_string(count) + (count == 1 ? " field" : " fields") + " (" + r.label + " " +
              form + "), found " + std::to_string(r.fields.size()));
    return false;
  }

  // The text of a field that must be a value, not an object list; null after reporting it.
  const std::string* Value(const SieRecord& r, size_t index, const char* what) {
    const SieField& f = r.fields[index];
    if (!f.list) return &f.text;
    Error("sie.record", At(r.line, f.column), r.label, std::string("expected ") + what + ", found an object list");
    return nullptr;
  }

  Where WhereOf(const SieRecord& r, size_t index) const {
    return index < r.fields.size() ? At(r.line, r.fields[index].column) : At(r.line, r.column);
  }

  std::optional<int> ReadAccountNumber(const SieRecord& r, size_t index) {
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

  std::optional<int> ReadYearIndex(const SieRecord& r, size_t index) {
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

  // An amount of at most three whole digits followed by a "quantity" of three digits and öre
  // ("18 663.00"): an amount written with a space between its thousands, as a person would.
  static bool LooksLikeSpacedAmount(std::string_view amount, std::string_view quantity) {
    auto digits = [](std::string_view text) { return text.find_first_not_of("0123456789") == std::string_view::npos; };
    if (!amount.empty() && amount[0] == '-') amount.remove_prefix(1);
    const bool whole_thousands_head = !amount.empty() && amount.size() <= 3 && digits(amount);
    const size_t point = quantity.find('.');
    const std::string_view whole = quantity.substr(0, point);
    const bool thousands_tail = whole.size() == 3 && digits(whole) &&
                                (point == std::string_view::npos || digits(quantity.substr(point + 1)));
    return whole_thousands_head && thousands_tail && point != std::string_view::npos;
  }

  std::optional<int64_t> ReadAmount(const SieRecord& r, size_t index) {
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

  std::optional<Date> ReadDate(const SieRecord& r, size_t index) {
    const std::string* text = Value(r, index, "a date");
    if (!text) return std::nullopt;
    std::string why;
    std::optional<Date> date = ParseSieDate(*text, &why);
    if (!date) Error("sie.date", WhereOf(r, index), r.label, why);
    return date;
  }

  void ReadFlag(const SieRecord& r) {
    if (!HasFields(r, 1, "0 or 1")) return;
    const std::string* text = Value(r, 0, "0 or 1");
    if (text && *text != "0" && *text != "1") {
      Error("sie.record", WhereOf(r, 0), r.label, "#FLAGGA is 0 or 1, found \"" + *text + "\"");
    }
  }

  void ReadText(const SieRecord& r, const char* what, Located<std::string>* target) {
    if (!HasFields(r, 1, what)) return;
    const std::string* text = Value(r, 0, what);
    if (text && target) *target = Located<std::string>{*text, WhereOf(r, 0), r.label};
  }

  // The text is decoded already: as UTF-8 when it said so by a byte order mark or #FORMAT UTF-8
  // (sie_lexer.h), else as CP437. The value is read in either case (`#FORMAT pc8`).
  void ReadFormat(const SieRecord& r) {
    if (!HasFields(r, 1, "PC8")) return;
    const std::string* text = Value(r, 0, "an encoding");
    if (!text) return;
    const bool pc8 = IsSieFormat(*text, "PC8");
    if (!pc8 && !IsSieFormat(*text, "UTF-8")) {
      Error("sie.encoding", WhereOf(r, 0), r.label,
            "unknown encoding \"" + *text + "\": SIE 4 files are in PC8 (CP437), or in UTF-8 when they say so");
    } else if (pc8 && encoding_ == SieEncoding::kUtf8) {
      Warning("sie.encoding", WhereOf(r, 0), r.label,
              "the file says #FORMAT PC8 but starts with a UTF-8 byte order mark: it is read as UTF-8");
    }
  }

  void ReadGenerated(const SieRecord& r, bool first) {
    if (!HasFields(r, 1, "date")) return;
    std::optional<Date> date = ReadDate(r, 0);
    if (first) sie_.generated = date;
  }

  void ReadType(const SieRecord& r, bool first) {
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

  void ReadOrgNumber(const SieRecord& r, bool first) {
    if (!HasFields(r, 1, "organisation number")) return;
    const std::string* text = Value(r, 0, "an organisation number");
    if (!text) return;
    std::string why;
    if (!ValidOrgNumber(*text, &why)) {
      Warning("sie.orgnr", WhereOf(r, 0), r.label, "organisation number \"" + *text + "\": " + why);
    }
    if (first) sie_.org_number = Located<std::string>{*text, WhereOf(r, 0), r.label};
  }

  void ReadCurrency(const SieRecord& r) {
    if (!HasFields(r, 1, "currency")) return;
    const std::string* text = Value(r, 0, "a currency");
    if (text && *text != "SEK") {
      Error("sie.currency", WhereOf(r, 0), r.label,
            "the amounts are in " + *text + ": the report's amounts are kronor (SEK)");
    }
  }

  void ReadYear(const SieRecord& r) {
    if (!HasFields(r, 3, "year-index start end")) return;
    std::optional<int> index = ReadYearIndex(r, 0);
    std::optional<Date> start = ReadDate(r, 1);
    std::optional<Date> end = ReadDate(r, 2);
    if (!index) return;
    // A year whose dates are wrong is still declared, so its balances are not also refused.
    if (const SieYear* earlier = sie_.LookupYear(*index)) {
      Error("sie.year", WhereOf(r, 0), r.label,
            SieYearName(*index) + " is declared twice (first on line " + std::to_string(earlier->where.line) + ")");
      return;
    }
    if (start && end && *end < *start) {
      Error("sie.year", WhereOf(r, 2), r.label,
            SieYearName(*index) + " ends " + end->ToString() + ", before it starts " + start->ToString());
    }
    sie_.years.push_back(SieYear{*index, start, end, WhereOf(r, 0)});
  }

  void ReadAccountName(const SieRecord& r) {
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

  void ReadAccountType(const SieRecord& r) {
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

  // The first #KSUMMA, without a value, opens the checksum; the second gives it, for the records
  // between them (sie_checksum.h).
  void ReadChecksum(const SieRecord& r) {
    if (checksum_state_ == Checksum::kNone) {
      if (!r.fields.empty()) {
        checksum_state_ = Checksum::kDone;
        Error("sie.checksum", At(r.line, r.fields[0].column), r.label,
              "#KSUMMA with a value, but no #KSUMMA without one before it opens the checksum: the file's start "
              "was changed after it was exported");
        return;
      }
      checksum_state_ = Checksum::kOpen;
      checksum_opened_ = At(r.line, r.column);
      return;
    }
    if (checksum_state_ != Checksum::kOpen) return;
    checksum_state_ = Checksum::kClosed;
    if (r.fields.empty()) {
      checksum_state_ = Checksum::kDone;
      Error("sie.checksum", At(r.line, r.end_column), r.label,
            "the closing #KSUMMA has no value: the file's checksum was removed after it was exported");
      return;
    }
    const SieField& field = r.fields[0];
    const std::optional<uint32_t> written = field.list ? std::nullopt : ParseSieChecksum(field.text);
    if (!written) {
      checksum_state_ = Checksum::kDone;
      Error("sie.checksum", At(r.line, field.column), r.label,
            "the checksum is not a CRC-32 written in decimal (such as 854227682 or -1261900400)");
      return;
    }
    if (checksum_unknown_ || *written == checksum_.value()) return;
    checksum_state_ = Checksum::kDone;
    Error("sie.checksum", At(r.line, field.column), r.label,
          "the records do not add up to the file's checksum (#KSUMMA " + field.text + "; they give " +
              std::to_string(checksum_.value()) +
              "): the file was changed after it was exported, or is damaged; export it again");
  }

  // A record left out whose fields could not be told apart: of a balance, neither its year nor
  // its account is known.
  void LeftOut(const std::string& label) {
    sie_.unread.labels.insert(label);
    if (label == "#IB") sie_.unread.balances.push_back({SieBalanceKind::kOpening, std::nullopt, std::nullopt});
    if (label == "#UB") sie_.unread.balances.push_back({SieBalanceKind::kClosing, std::nullopt, std::nullopt});
    if (label == "#RES") sie_.unread.balances.push_back({SieBalanceKind::kResult, std::nullopt, std::nullopt});
  }

  void ReadBalance(const SieRecord& r, SieBalanceKind kind) {
    if (!HasFields(r, 3, "year-index account amount [quantity]")) return LeftOut(r.label);
    std::optional<int> year = ReadYearIndex(r, 0);
    std::optional<int> account = ReadAccountNumber(r, 1);
    std::optional<int64_t> ore = ReadAmount(r, 2);
    if (ore && r.fields.size() > 3 && LooksLikeSpacedAmount(r.fields[2].text, r.fields[3].text)) {
      Warning("sie.amount", WhereOf(r, 2), r.label,
              "`" + r.fields[2].text + " " + r.fields[3].text + "` reads as the amount " + r.fields[2].text +
                  " and the quantity " + r.fields[3].text + ": if it is one amount with a space between its "
                  "thousands, write it " + r.fields[2].text + r.fields[3].text);
    }
    if (!year || !account || !ore) {
      sie_.unread.balances.push_back({kind, year, account});
      return;
    }
    auto key = std::make_tuple(kind, *year, *account);
    auto [it, inserted] = balance_lines_.emplace(key, r.line);
    if (!inserted) {
      Error("sie.duplicate", WhereOf(r, 0), r.label,
            "a second " + r.label + " " + std::to_string(*year) + " for account " + std::to_string(*account) +
                " (first on line " + std::to_string(it->second) + ")");
      // Which of the two is right is not known.
      sie_.unread.balances.push_back({kind, year, account});
      return;
    }
    sie_.balances.push_back(SieBalance{kind, *year, *account, *ore, WhereOf(r, 0), WhereOf(r, 1), WhereOf(r, 2)});
    NoteYear(*year, WhereOf(r, 0), r.label);
    NoteAccount(*account, WhereOf(r, 1), r.label);
  }

  void StartVoucher(const SieRecord& r, bool split) {
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

  void ReadTransaction(const SieRecord& r) {
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
    const SieField& objects = r.fields[1];
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
    if (open_.broken || !CheckVoucherBalances(open_.voucher, diagnostics_)) {
      sie_.unread.vouchers = true;
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

  // A record the file lacks is reported at the file's first record, or, for #RAR 0, at the file's
  // first #RAR, which names another year.
  void CheckPresence() {
    if (!sie_.LookupYear(0)) {
      const bool other_year = !sie_.years.empty();
      Error("sie.missing", other_year ? sie_.years.front().where : sie_.first_record,
            other_year ? "#RAR" : sie_.first_label,
            "the file has no #RAR 0: without the financial year its balances cannot be placed");
    }
    if (single_lines_.count("#SIETYP") == 0) {
      Warning("sie.missing", sie_.first_record, sie_.first_label,
              "the file has no #SIETYP: it does not say which SIE type it is");
    }
    if (single_lines_.count("#FNAMN") == 0) {
      Warning("sie.missing", sie_.first_record, sie_.first_label,
              "the file has no #FNAMN: it does not name the company");
    }
  }

  void CheckYearReferences() {
    for (const auto& [index, ref] : year_references_) {
      if (sie_.LookupYear(index)) continue;
      if (index == 0) continue;  // reported as a missing #RAR 0
      std::string uses = ref.count > 1 ? " (" + std::to_string(ref.count) + " records use it)" : "";
      Error("sie.year", ref.where, ref.label, SieYearName(index) + " has no #RAR" + uses);
    }
  }

  void CheckAccountReferences() {
    // A #KONTO left out for an error (a quote not closed, say) has been reported: the accounts
    // it may have named are not said to lack one as well.
    if (sie_.unread.labels.count("#KONTO")) return;
    if (sie_.accounts.empty()) {
      // Said once, at the first record that uses an account.
      const Reference* first = nullptr;
      for (const auto& [number, ref] : account_references_) {
        if (!first || ref.where.line < first->where.line) first = &ref;
      }
      if (first) {
        Warning("sie.account", first->where, first->label, "the file has no #KONTO records: the accounts have no names");
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

  const SieEncoding encoding_;
  const int file_;
  Diagnostics& diagnostics_;
  SieFile sie_;
  int records_ = 0;  // non-blank lines
  bool first_record_seen_ = false;
  Block block_ = Block::kNone;
  OpenVoucher open_;
  std::map<std::string, int, std::less<>> single_lines_;  // label -> line of its first record
  std::map<std::tuple<SieBalanceKind, int, int>, int> balance_lines_;
  std::map<int, std::pair<char, Where>> account_types_;
  std::map<int, Reference> year_references_;
  std::map<int, Reference> account_references_;
  SieChecksum checksum_;
  Checksum checksum_state_ = Checksum::kNone;
  Where checksum_opened_;           // the opening #KSUMMA
  bool checksum_unknown_ = false;  // a line it covers could not be read: its error is reported
  int64_t total_magnitude_ = 0;
  bool total_reported_ = false;
};

}  // namespace

SieFile ReadSieRecords(std::string_view text, SieEncoding encoding, int file, Diagnostics& diagnostics) {
  RecordReader reader(encoding, file, diagnostics);
  reader.ReadLines(text);
  return reader.Finish();
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
  // Some programs (Dynamics NAV) write three decimals; zeros past the öre say nothing more.
  while (fraction.size() > 2 && fraction.back() == '0') fraction.remove_suffix(1);
  if (fraction.size() > 2) {
    *why = "amount \"" + std::string(text) + "\" has more than two decimals (öre) that are not zeros";
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

}  // namespace arsred

#include "new_year.h"

#include <fcntl.h>   // AT_FDCWD, for renameat2
#include <unistd.h>  // getpid

#include <algorithm>
#include <cerrno>
#include <cstdio>  // renameat2
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <regex>

#include <yaml-cpp/yaml.h>

#include "build.h"
#include "field_traits.h"
#include "figures.h"
#include "fill_marker.h"
#include "load.h"
#include "validate.h"
#include "write_file.h"

namespace fs = std::filesystem;

namespace arsred {

namespace {

constexpr FieldFate kRules[] = {
    // forbund.yaml. The dates of approval and signing are left out rather than marked: a marker
    // would keep the year's figures from being checked until the board has met. A report marked
    // slutlig asks for them (final.approval, final.signing); the place of signing is carried.
    {"forbund.yaml", "styrelsebeslut", Fate::kDrop},
    // The unit the statements are printed in is the förbund's choice, not an input's unit.
    {"forbund.yaml", "belopp", Fate::kCarry},
    {"Signing", "datum", Fate::kDrop},
    {"AuditorsNote", "datum", Fate::kDrop},
    // Who held a seat before its sitting ledamot is the past year's history.
    {"Seat", "tidigare", Fate::kDrop},
    // text.yaml: the accounting principles seldom change; every other text is the year's own.
    {"text.yaml", "redovisningsprinciper", Fate::kCarry},
    {"text.yaml", "avstavning", Fate::kCarry},
    // verksamhet.yaml: goals are set for several years; how they went, and every count, is the
    // year's own. Percentages given only to check a printed table are derived in a new year.
    {"Goal", "mal", Fate::kCarry},
    {"Goal", "status", Fate::kMark},
    {"Staff", "arsarbetare", Fate::kMark},
    {"Staff", "finansierade_tjanster", Fate::kMark},
    {"CountRow", "alla", Fate::kMark},
    {"CountRow", "kvinnor", Fate::kMark},
    {"CountRow", "man", Fate::kMark},
    {"CountRow", "ovriga", Fate::kMark},
    {"CountRow", "andelar", Fate::kDrop},
    {"Survey", "negativt", Fate::kMark},
    {"Survey", "varken_eller", Fate::kMark},
    {"Survey", "positivt", Fate::kMark},
    {"Survey", "n", Fate::kDrop},
    {"Survey", "andelar", Fate::kDrop},
    {"PositiveAnswer", "antal", Fate::kMark},
    {"PositiveAnswer", "andel", Fate::kMark},
    {"Measurement", "n", Fate::kMark},
    {"Measurement", "andelar", Fate::kMark},
    {"*", "rubrik", Fate::kNewYear},
    {"*", "rubrik_uppfoljning", Fate::kNewYear},
    // budget.yaml: the recommended ceiling on equity is a standing policy, not a figure of the year.
    {"budget.yaml", "sparade_medel", Fate::kVerbatim},
    // rakenskaper.yaml. Opening balances and the cash flow's changes come from the prior year's
    // directory; a note's closing balance in tkr and its printed total only checked a printed
    // report. An opening balance the prior year knew only in tkr is asked for to the krona
    // (Reframe keeps just those). Entries booked against equity are events of their year. The
    // multi-year overview's history is the past (years no longer shown are removed beforehand).
    {"Note", "ingaende", Fate::kMark},
    // An anlaggning note's opening balances likewise; the movements of its accumulated
    // depreciation other than the year's own go with a disposal, an event of its year.
    {"Note", "ingaende_anskaffningsvarde", Fate::kMark},
    {"Note", "ingaende_avskrivningar", Fate::kMark},
    {"Note", "avskrivningsposter", Fate::kDrop},
    {"Note", "utgaende", Fate::kDrop},
    {"Note", "summa", Fate::kDrop},
    {"Equity", "ingaende", Fate::kMark},
    {"Equity", "direkta_poster", Fate::kDrop},
    {"CashFlow", "justering_avsattningar", Fate::kDrop},
    {"CashFlow", "forandring_fordringar", Fate::kDrop},
    {"CashFlow", "forandring_skulder", Fate::kDrop},
    {"CashFlow", "likvida_medel_ingaende", Fate::kDrop},
    {"CashFlow", "justering_avskrivningar", Fate::kDrop},  // the resultaträkning's avskrivningar
    {"Overview", "historik", Fate::kVerbatim},
    // The account mapping follows the chart of accounts, not the year (`arsred import-sie`).
    {"rakenskaper.yaml", "kontomappning", Fate::kVerbatim},
};

// A mapping whose presence alone is a choice (print the auditors' note), kept when empty.
constexpr std::string_view kKeptWhenEmpty[] = {"AuditorsNote"};

// The fate of a key that has no rule: amounts and prose are the year's own; the units amounts
// are written in (`enhet`) are left out, as the new year's amounts come from the books in kronor
// (the default); the rest is carried.
template <class M>
Fate FateOfType() {
  if constexpr (IsOptional<M>::value || IsVector<M>::value) {
    return FateOfType<typename M::value_type>();
  } else if constexpr (IsDict<M>::value) {
    return FateOfType<typename decltype(M{}.entries)::value_type::second_type>();
  } else if constexpr (IsLocated<M>::value) {
    using V = decltype(M{}.value);
    if constexpr (std::is_same_v<V, Money> || std::is_same_v<V, Text>) return Fate::kMark;
    if constexpr (std::is_same_v<V, Unit>) return Fate::kDrop;
    return Fate::kCarry;
  } else {
    return Fate::kCarry;
  }
}

template <class M>
Fate FateOf(std::string_view mapping, std::string_view key) {
  // The most specific rule wins: this mapping's key, then any key of it, then the key anywhere.
  for (auto [m, k] : {std::pair{mapping, key}, std::pair{mapping, std::string_view("*")},
                      std::pair{std::string_view("*"), key}}) {
    for (const FieldFate& rule : kRules) {
      if (rule.mapping == m && rule.key == k) return rule.fate;
    }
  }
  return FateOfType<M>();
}

// Replaces the number `from` where it stands as a whole number in `text`: "Tabell 3. Resultat 2023".
std::string WithYear(const std::string& text, int from, int to) {
  const std::string old_year = std::to_string(from), new_year = std::to_string(to);
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool starts_number = i == 0 || !is_digit(text[i - 1]);
    size_t end = i + old_year.size();
    if (starts_number && text.compare(i, old_year.size(), old_year) == 0 && (end == text.size() || !is_digit(text[end]))) {
      out += new_year;
      i = end;
    } else {
      out += text[i++];
    }
  }
  return out;
}

// Whether a caption states a count of its year, typed rather than quoted ("(276 personer)"): a
// number outside placeholders that is not a year and does not number the table ("Tabell 2.").
bool StatesACount(const std::string& caption) {
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  int depth = 0;
  for (size_t i = 0; i < caption.size(); ++i) {
    if (caption[i] == '{') ++depth;
    if (caption[i] == '}' && depth > 0) --depth;
    if (depth > 0 || !is_digit(caption[i]) || (i > 0 && is_digit(caption[i - 1]))) continue;
    size_t end = i;
    while (end < caption.size() && is_digit(caption[end])) ++end;
    const std::string number = caption.substr(i, end - i);
    const bool year = number.size() == 4 && (number.compare(0, 2, "19") == 0 || number.compare(0, 2, "20") == 0);
    bool numbering = false;
    for (const char* word : {"Tabell ", "Figur ", "Diagram ", "Bilaga ", "Not "}) {
      const size_t n = std::string(word).size();
      numbering = numbering || (i >= n && caption.compare(i - n, n, word) == 0);
    }
    if (!year && !numbering) return true;
  }
  return false;
}

// Whether text written plain could be read as something else: by yaml-cpp, which quotes what
// its own parser would misread, or by another YAML reader (an editor checking the schema): a
// number, a boolean (YAML 1.1 also takes yes, no, on and off), null or a date. And the marker's
// words, which a user wrote as a value: quoted, they are not taken for one still to fill in.
bool MustQuote(const std::string& text) {
  static const std::regex kOtherThanText(
      "[-+]?([0-9][0-9_]*)?\\.?[0-9]+([eE][-+]?[0-9]+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(inf|Inf|INF)|"
      "\\.(nan|NaN|NAN)|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ].*)?|~|null|Null|NULL|"
      "y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF");
  return text == kFillMarker || std::regex_match(text, kOtherThanText);
}

// One line of text as a YAML scalar: plain where every reader takes it for the same text,
// quoted otherwise (yaml-cpp chooses how).
std::string ScalarText(const std::string& text) {
  YAML::Emitter emitter;
  if (MustQuote(text)) emitter << YAML::DoubleQuoted;
  emitter << text;
  return emitter.c_str();
}

// Writes the new year's files from a copy of the prior year's, key by key through Fields().
class YamlWriter {
 public:
  YamlWriter(int from_year, int year) : from_year_(from_year), year_(year) {}

  // The keys of `mapping` at `indent`, one per line (nested ones below); empty when none is
  // written. `mode` is kCarry (each key by its rule) or kVerbatim (every key as it stands).
  template <class T>
  std::string Mapping(T& mapping, int indent, Fate mode) {
    Unit inherited = unit_;  // as in the loader, `enhet` holds for the mapping and those below it
    FieldWriter<T> fields{*this, indent, mode, {}};
    mapping.Fields(fields);
    unit_ = inherited;
    return fields.out;
  }

  int values_to_fill() const { return values_to_fill_; }
  int texts_to_write() const { return texts_to_write_; }

 private:
  template <class T>
  struct FieldWriter {
    YamlWriter& writer;
    int indent;
    Fate mode;
    std::string out;

    template <class M>
    void operator()(const char* key, M& member, const char* /*doc*/) {
      Fate fate = mode == Fate::kCarry ? FateOf<M>(T::kName, key) : mode;
      if (fate != Fate::kDrop) out += writer.Value(key, member, indent, fate);
    }
  };

  // How the keys of a mapping are written, given the fate of the key that holds it.
  static Fate ModeBelow(Fate fate) { return fate == Fate::kVerbatim ? Fate::kVerbatim : Fate::kCarry; }

  template <class M>
  std::string Value(const std::string& key, M& member, int indent, Fate fate) {
    const std::string pad(static_cast<size_t>(indent), ' ');
    if constexpr (IsOptional<M>::value) {
      return member ? Value(key, *member, indent, fate) : "";
    } else if constexpr (IsVector<M>::value) {
      if (member.empty()) return "";
      if constexpr (IsLocated<typename M::value_type>::value) {
        // A list of values on one line, as the inputs write them: [a, b].
        YAML::Emitter list;
        list << YAML::Flow << YAML::BeginSeq;
        using V = decltype(member.front().value);
        for (auto& element : member) {
          std::string text = Unquoted(element, fate);
          constexpr bool kWords = std::is_same_v<V, std::string> || std::is_same_v<V, Id>;
          if (kWords && fate != Fate::kMark && MustQuote(text)) list << YAML::DoubleQuoted;
          list << text;
        }
        list << YAML::EndSeq;
        return pad + key + ": " + list.c_str() + "\n";
      } else {
        std::string out = pad + key + ":\n";
        for (auto& element : member) {
          // Each item's keys are written two deeper than its dash, the first on the dash's line.
          std::string body = Mapping(element, indent + 4, ModeBelow(fate));
          out += pad + "  - " + (body.empty() ? "{}\n" : body.substr(static_cast<size_t>(indent) + 4));
        }
        return out;
      }
    } else if constexpr (IsDict<M>::value) {
      if (member.entries.empty()) return "";
      std::string out = pad + key + ":\n";
      for (auto& [id, value] : member.entries) out += Value(id.value.name, value, indent + 2, fate);
      return out;
    } else if constexpr (IsLocated<M>::value) {
      using V = decltype(member.value);
      if (fate == Fate::kMark) {
        ++(std::is_same_v<V, Text> ? texts_to_write_ : values_to_fill_);
        return pad + key + ": " + std::string(kFillMarker) + "\n";
      }
      if constexpr (std::is_same_v<V, Unit>) unit_ = member.value;
      // A caption that typed last year's count would print it again: it is written anew.
      if constexpr (std::is_same_v<V, std::string>) {
        if (fate == Fate::kNewYear && StatesACount(member.value)) {
          ++values_to_fill_;
          return pad + "# " + std::to_string(from_year_) + ": " + member.value +
                 " (quote the count with a placeholder, docs/markup.md)\n" + pad + key + ": " +
                 std::string(kFillMarker) + "\n";
        }
      }
      if constexpr (std::is_same_v<V, Text>) {
        const std::string& raw = member.value.raw;
        if (raw.find('\n') != std::string::npos) {
          return pad + key + ": " + (FitsBlock(raw) ? Block(raw, indent) : DoubleQuoted(raw) + "\n");
        }
      }
      std::string text = Unquoted(member, fate);
      if constexpr (std::is_same_v<V, std::string> || std::is_same_v<V, Text> || std::is_same_v<V, Id>) {
        text = ScalarText(text);
      }
      return pad + key + ": " + text + "\n";
    } else {
      std::string body = Mapping(member, indent + 2, ModeBelow(fate));
      if (!body.empty()) return pad + key + ":\n" + body;
      bool kept = std::find(std::begin(kKeptWhenEmpty), std::end(kKeptWhenEmpty), M::kName) != std::end(kKeptWhenEmpty);
      return kept ? pad + key + ": {}\n" : "";
    }
  }

  // A value as the text YAML should read back, before any quoting.
  template <class V>
  std::string Unquoted(Located<V>& value, Fate fate) {
    const V& v = value.value;
    if (fate == Fate::kMark) {
      ++values_to_fill_;
      return std::string(kFillMarker);
    }
    if constexpr (std::is_same_v<V, std::string>) {
      return fate == Fate::kNewYear ? WithYear(v, from_year_, year_) : v;
    } else if constexpr (std::is_same_v<V, Text>) {
      return v.raw;
    } else if constexpr (std::is_same_v<V, int64_t>) {
      return std::to_string(v);
    } else if constexpr (std::is_same_v<V, Money>) {
      // In the unit the written file gives the mapping; an amount read in tkr is whole thousands.
      return std::to_string(unit_ == Unit::kTkr ? v.kronor / 1000 : v.kronor);
    } else if constexpr (std::is_same_v<V, Decimal>) {
      std::string text = v.ToString();
      std::replace(text.begin(), text.end(), ',', '.');  // as the inputs write it: 2.4
      return text;
    } else if constexpr (std::is_same_v<V, Date> || std::is_same_v<V, YearOrDate>) {
      return v.ToString();
    } else if constexpr (std::is_same_v<V, bool>) {
      return v ? "true" : "false";
    } else if constexpr (std::is_same_v<V, Id>) {
      return v.name;
    } else {
      static_assert(IsEnum<V>::value, "a value type of model.h that `arsred new` does not write");
      return std::string(SpellingOf(v));
    }
  }

  // Whether a literal block gives back `raw` exactly: YAML reads any other control character
  // (a carriage return, a tab where indentation is expected) in a block differently.
  static bool FitsBlock(const std::string& raw) {
    return std::none_of(raw.begin(), raw.end(), [](char c) { return c != '\n' && c >= 0 && c < ' '; });
  }

  static std::string DoubleQuoted(const std::string& raw) {
    YAML::Emitter emitter;
    emitter << YAML::DoubleQuoted << raw;
    return emitter.c_str();
  }

  // Prose of several lines as a literal block (|), its lines as they were; the indicators say
  // how many line ends it ends with and, when its first line starts with a space, how deep the
  // block is indented.
  static std::string Block(const std::string& raw, int indent) {
    size_t end = raw.find_last_not_of('\n');
    std::string body = end == std::string::npos ? "" : raw.substr(0, end + 1);
    size_t trailing = raw.size() - body.size();
    std::string header = "|";
    size_t first_content = body.find_first_not_of('\n');
    if (first_content != std::string::npos && body[first_content] == ' ') header += "2";
    header += trailing == 0 ? "-" : trailing == 1 ? "" : "+";
    const std::string pad(static_cast<size_t>(indent) + 2, ' ');
    std::string out = header + "\n";
    for (size_t start = 0; start <= body.size();) {
      size_t line_end = std::min(body.find('\n', start), body.size());
      std::string line = body.substr(start, line_end - start);
      out += (line.empty() ? "" : pad + line) + "\n";
      start = line_end + 1;
    }
    for (size_t i = 1; i < trailing; ++i) out += "\n";
    return out;
  }

  int from_year_;
  int year_;
  Unit unit_ = Unit::kKr;
  int values_to_fill_ = 0;
  int texts_to_write_ = 0;
};

// The prior year's files made into the new year's, where a value changes rather than being
// carried, marked or left out. `closing` holds the prior year's figures.
void Reframe(YearFiles& files, int year, const FigureTable& closing) {
  OrgFile& org = files.forbund;
  org.ar.value = year;
  org.omfattning.value = Scope::kAnnualReport;
  org.status.emplace().value = Status::kDraft;
  if (org.rakenskapsar) {
    org.rakenskapsar->fran.value = Date{year, 1, 1};
    org.rakenskapsar->till.value = Date{year, 12, 31};
  }
  // A report year needs these; written as markers also when the prior year, a comparative
  // one, has none.
  if (!files.text.forvaltningsberattelse) files.text.forvaltningsberattelse.emplace();
  if (!files.verksamhet.personal) files.verksamhet.personal.emplace();
  // An opening balance comes from the prior year's closing one, unless that was known only in
  // tkr (an actuary's pension figure, a year encoded from a printed report): then the year asks
  // for it to the krona, from the books' opening balances (`import-sie` writes it).
  const auto known_only_in_tkr = [&](const std::string& figure) {
    const Figure* f = closing.Find(figure);
    return f && f->kind == Figure::Kind::kMoney && !f->money.exact();
  };
  for (Note& note : files.rakenskaper.noter) {
    note.ingaende.reset();
    note.ingaende_anskaffningsvarde.reset();
    note.ingaende_avskrivningar.reset();
    const std::string base = "not." + note.id.value.name;
    if (note.typ && note.typ->value == NoteKind::kProvision && known_only_in_tkr(base + ".utgaende")) {
      note.ingaende.emplace();
    }
    if (IsFixedAssetNote(note)) {
      if (known_only_in_tkr(base + ".utgaende_anskaffningsvarde")) note.ingaende_anskaffningsvarde.emplace();
      if (known_only_in_tkr(base + ".utgaende_avskrivningar")) note.ingaende_avskrivningar.emplace();
    }
  }
  auto& equity = files.rakenskaper.eget_kapital;
  if (equity) equity->ingaende.reset();
  if (known_only_in_tkr("br.eget_kapital")) {
    if (!equity) equity.emplace();
    equity->ingaende.emplace();
  }
  // A group's stated amount only checks its sub-items; the sub-items are to fill in.
  for (Note& note : files.rakenskaper.noter) {
    for (NoteItem& item : note.poster) {
      if (!item.poster.empty()) item.belopp.reset();
    }
  }
  // The overview shows the last `antal_ar` years; history older than that is no longer shown.
  auto& overview = files.rakenskaper.flerarsoversikt;
  if (overview && overview->historik) {
    const int64_t first_shown = year - overview->antal_ar.value + 1;
    std::erase_if(overview->historik->ar, [&](const HistoryYear& h) { return h.ar.value < first_shown; });
    if (overview->historik->ar.empty()) overview->historik.reset();
  }
}

// The line that points an editor at the file's schema: the one the earlier year's file has,
// since the new year's directory stands beside it (inputs kept outside the source tree point
// elsewhere than ../../schema/), else the source tree's where the new year finds it there (in
// inputs/ of the source tree), else none: a line that leads nowhere only makes editors complain.
std::string SchemaLine(const fs::path& earlier_file, const std::string& stem) {
  constexpr std::string_view kPrefix = "# yaml-language-server: $schema=";
  std::ifstream in(earlier_file, std::ios::binary);
  std::string first;
  if (in && std::getline(in, first)) {
    if (first.starts_with("\xEF\xBB\xBF")) first.erase(0, 3);
    if (!first.empty() && first.back() == '\r') first.pop_back();
    if (first.starts_with(kPrefix)) return first + "\n";
  }
  const std::string in_source_tree = "../../schema/" + stem + ".schema.json";
  std::error_code ignored;
  if (!fs::is_regular_file(earlier_file.parent_path() / in_source_tree, ignored)) return "";
  return std::string(kPrefix) + in_source_tree + "\n";
}

std::string Explanation(const std::string& file, int from_year) {
  const std::string from = std::to_string(from_year);
  if (file == "forbund.yaml") {
    return "# The dates of the board's approval (styrelsebeslut) and of signing are left out until\n"
           "# they are known; a report marked slutlig needs them.\n";
  }
  if (file == "text.yaml") {
    return "# Every text is this year's own, except redovisningsprinciper: carried from " + from +
           ", as the\n# accounting principles seldom change. Read it through all the same.\n";
  }
  if (file == "verksamhet.yaml") {
    return "# Insatser, goals, tables, series, distributions and charts are carried from " + from +
           ";\n# the year's counts and the goals' status and follow-up are to fill in.\n";
  }
  if (file == "budget.yaml") {
    return "# The rows of the driftredovisning and the ceiling on equity are carried from " + from +
           ".\n# Amounts are in kronor, unless their section says enhet: tkr.\n";
  }
  return "# The notes are carried from " + from + " with every amount to fill in, in kronor as in the books\n"
         "# (unless a section says enhet: tkr). Opening balances and the cash flow statement\n"
         "# come from " + from + "'s directory and are not written here, but for an `ingaende` that\n"
         "# " + from + " knew only in tkr: fill it in from the books' opening balance (import-sie does).\n";
}

template <class F>
void ForEachWrittenFile(YearFiles& files, F write) {
  write("forbund.yaml", files.forbund);
  write("text.yaml", files.text);
  write("verksamhet.yaml", files.verksamhet);
  write("budget.yaml", files.budget);
  write("rakenskaper.yaml", files.rakenskaper);
  // rattelser.yaml corrects printed reports of its own year: nothing of it is carried.
}

struct NewFile {
  std::string name;
  std::string text;
};

// Removes a directory tree when it goes out of scope, unless released.
struct RemoveUnlessKept {
  fs::path path;
  ~RemoveUnlessKept() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
};

// A fresh directory beside `target`, hidden and not named by a year, so that no run of
// `arsred check` takes it for one.
fs::path MakeStagingDirectory(const fs::path& target) {
  RemoveLeftoversOfKilledRuns(target, ".arsred-new-");
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::string name = ".";
    name += target.filename().string() + ".arsred-new-" + std::to_string(::getpid()) + "-" + std::to_string(attempt);
    fs::path staging = target.parent_path() / name;
    std::error_code ec;
    if (fs::create_directory(staging, ec)) return staging;
    if (ec) return {};
  }
  return {};
}

}  // namespace

std::span<const FieldFate> NewYearRules() { return kRules; }

int NewYear(int year, const std::string& from_dir, std::ostream& err) {
  InputSet inputs;
  Diagnostics diagnostics;
  if (!LoadInputs(from_dir, inputs, diagnostics)) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: new: nothing written\n";
    return kExitErrors;
  }
  const YearInput& from = inputs.report();
  if (year != from.year + 1) {
    err << "arsred: new: " << from.dir << " is " << from.year << "; a new year starts from the year before it, "
        << "so " << year << " starts from " << year - 1 << "\n";
    return kExitErrors;
  }
  const fs::path target = fs::path(from.dir).parent_path() / std::to_string(year);
  std::error_code ec;
  if (fs::exists(fs::symlink_status(target, ec))) {
    err << "arsred: new: " << target.generic_string() << " exists; nothing written (remove it first to start over)\n";
    return kExitErrors;
  }
  if (!from.checkable()) {
    PrintDiagnostics(diagnostics, inputs.sources, err);
    err << "arsred: new: " << from.dir << (from.complete ? " still has values to fill in (above)" : " does not load (above)")
        << "; nothing written\n";
    return kExitErrors;
  }
  Validate(inputs, diagnostics);
  const size_t prior_errors = diagnostics.ErrorCount();

  YearFiles files = from.files;
  Reframe(files, year, DeriveFigures(inputs, from.year, nullptr));
  YamlWriter writer(from.year, year);
  std::vector<NewFile> written;
  std::vector<std::string> not_written;
  ForEachWrittenFile(files, [&](const std::string& name, auto& root) {
    std::string body = writer.Mapping(root, 0, Fate::kCarry);
    if (body.empty()) {
      not_written.push_back(name);
      return;
    }
    const std::string stem = name.substr(0, name.find('.'));
    written.push_back({name, SchemaLine(fs::path(from.dir) / name, stem) +
                                 "# Started by `arsred new` from " + std::to_string(from.year) +
                                 ". Replace each value marked att fylla i (in capitals) with this year's;\n" +
                                 "# `arsred check` lists those left, with their places.\n" +
                                 Explanation(name, from.year) + body});
  });

  // What is written must read back with nothing to report but the markers; anything else is a
  // fault of this command, and a year it cannot read is not left behind.
  const std::string shown_target = target.generic_string();
  for (const NewFile& file : written) {
    YearFiles reread;
    SourceSet sources;
    Diagnostics findings;
    LoadFileText(file.text, file.name, shown_target + "/" + file.name, reread, sources, findings);
    for (const Diagnostic& d : findings.all()) {
      if (d.code != "fill.value") {
        err << FormatDiagnostic(d, sources) << "arsred: new: internal error: " << file.name
            << " as written does not read back (above; please report it); nothing written\n";
        return kExitErrors;
      }
    }
  }

  const TerminationDeferred deferred;  // Ctrl-C waits until the year is in place or removed
  const fs::path staging = MakeStagingDirectory(target);
  if (staging.empty()) {
    err << "arsred: new: cannot make a directory beside " << shown_target << "; nothing written\n";
    return kExitErrors;
  }
  RemoveUnlessKept cleanup{staging};
  for (const NewFile& file : written) {
    try {
      WriteFileDurably(staging / file.name, file.text);
    } catch (const std::runtime_error& failure) {
      err << "arsred: new: " << failure.what() << "; nothing written\n";
      return kExitErrors;
    }
  }
  // The year appears whole or not at all, and durably: its files and the directory are synced
  // before the rename, and the parent after. RENAME_NOREPLACE keeps a directory made meanwhile.
  try {
    SyncDirectory(staging);
  } catch (const std::runtime_error& failure) {
    err << "arsred: new: " << failure.what() << "; nothing written\n";
    return kExitErrors;
  }
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, target.c_str(), RENAME_NOREPLACE) != 0) {
    err << "arsred: new: cannot move the new year into " << shown_target << ": " << std::strerror(errno)
        << "; nothing written\n";
    return kExitErrors;
  }
  cleanup.path.clear();
  try {
    SyncDirectory(target.parent_path().empty() ? fs::path(".") : target.parent_path());
  } catch (const std::runtime_error& failure) {
    err << "arsred: new: wrote " << shown_target << ", but " << failure.what() << "\n";
    return kExitErrors;
  }

  err << "arsred: new: wrote " << shown_target << " from " << from.dir << ": " << Plural(writer.values_to_fill(), "value")
      << " to fill in and " << Plural(writer.texts_to_write(), "text") << " to write, each marked " << kFillMarker
      << "; `arsred check " << shown_target << "` lists them\n";
  if (from.files.forbund.omfattning.value == Scope::kComparativeYear) {
    err << "arsred: new: note: " << from.dir << " is a comparative year, so what only a report year has (members, "
        << "board, goals, budget) is not in it to carry: add it\n";
  }
  for (const std::string& name : not_written) {
    err << "arsred: new: note: " << from.dir << " has no " << name << " to start from; write " << shown_target << "/"
        << name << " (see docs/input-format.md)\n";
  }
  if (prior_errors > 0) {
    err << "arsred: new: warning: " << from.dir << " has " << prior_errors
        << (prior_errors == 1 ? " error" : " errors") << " of its own (arsred check " << from.dir
        << " lists them); the new year was started from it all the same\n";
  }
  return kExitClean;
}

}  // namespace arsred

// arsred_synthesize: writes a synthetic input year with N times the content of a real one, so
// that bench/run can measure how arsred scales with the size of a report.
//
//   arsred_synthesize [--factor N] YEAR_DIR OUT_DIR
//
// Reads YEAR_DIR (e.g. inputs/2023) and every year directory beside it before it with the
// project's own loader, and writes each as OUT_DIR/<year>/ with N times the content: N times the
// insatser, the note items, the rows of the driftredovisning and of the participant tables, the
// goals and the prose. The years before it are scaled the same way, so that the prior-year
// columns, the multi-year overview and the time series still find what they compare with.
//
// Every identity the validator checks stays exact. A note item (or sub-item, or budget row) is
// split into N items whose amounts sum to the original in the unit it was written in, so sums,
// balances, Finsam's shares and the driftredovisning's outcome do not change. Copy 1 keeps the
// original ids, so every placeholder, chart and series that names one still resolves; copy k
// appends "-dk" to ids and ", del k" to labels, and refers to copy k of what the original
// referred to (an item of insats X in copy k concerns insats X-dk).
//
// The prose is copied section by section with varied wording (a lead-in sentence, sentences in
// another order, some words exchanged), embedded tables only in the original. One text may not
// exceed the loader's limit (ReaderLimits::max_scalar_bytes, 256 KiB); where N copies would, the
// highest copies are left out and the summary says how far the text grew.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "field_traits.h"
#include "load.h"

namespace fs = std::filesystem;

namespace arsred {
namespace {

// ---------------------------------------------------------------------------------------------
// Writing the structs of model.h back as YAML, following each struct's Fields() in order (so
// that `enhet` comes before the amounts it governs, as the loader reads them).

class YamlWriter {
 public:
  explicit YamlWriter(YAML::Emitter& out) : out_(out) {}

  template <class T>
  void Mapping(T& mapping) {
    out_ << YAML::BeginMap;
    FieldWriter visitor{*this};
    mapping.Fields(visitor);
    out_ << YAML::EndMap;
  }

 private:
  struct FieldWriter {
    YamlWriter& writer;
    template <class M>
    void operator()(const char* key, M& member, const char* /*doc*/) {
      writer.Member(key, member);
    }
  };

  template <class M>
  void Member(const char* key, M& member) {
    if constexpr (IsOptional<M>::value) {
      if (member) Member(key, *member);
    } else if constexpr (IsVector<M>::value) {
      if (member.empty()) return;
      out_ << YAML::Key << key << YAML::Value;
      Value(member);
    } else if constexpr (IsDict<M>::value) {
      if (member.entries.empty()) return;
      out_ << YAML::Key << key << YAML::Value;
      Value(member);
    } else {
      out_ << YAML::Key << key << YAML::Value;
      Value(member);
    }
  }

  template <class T>
  void Value(T& value) {
    if constexpr (IsVector<T>::value) {
      out_ << YAML::BeginSeq;
      for (auto& item : value) Value(item);
      out_ << YAML::EndSeq;
    } else if constexpr (IsDict<T>::value) {
      out_ << YAML::BeginMap;
      for (auto& [key, item] : value.entries) {
        out_ << YAML::Key << key.value.name << YAML::Value;
        Value(item);
      }
      out_ << YAML::EndMap;
    } else if constexpr (IsLocated<T>::value) {
      Scalar(value.value);
    } else {
      static_assert(kIsMapping<T>, "a member type of model.h that the writer does not know");
      Mapping(value);
    }
  }

  void Scalar(const std::string& s) { out_ << s; }
  void Scalar(const Id& id) { out_ << id.name; }
  void Scalar(int64_t n) { out_ << static_cast<long long>(n); }
  void Scalar(bool b) { out_ << b; }
  void Scalar(const Date& d) { out_ << d.ToString(); }
  void Scalar(const YearOrDate& d) { out_ << d.ToString(); }
  void Scalar(const Decimal& d) { out_ << d.ToString(); }
  // An amount read under `enhet: tkr` was multiplied by 1000 and marked; write it back in tkr.
  void Scalar(const Money& m) { out_ << static_cast<long long>(m.exact() ? m.kronor : m.kronor / 1000); }
  void Scalar(const Text& t) {
    std::string raw = t.raw;
    while (!raw.empty() && raw.back() == '\n') raw.pop_back();
    // A literal block takes its indentation from its first line; yaml-cpp writes no indentation
    // indicator, so a first line starting with a space would be read back differently.
    if (!raw.empty() && raw.front() == ' ') {
      std::cerr << "arsred_synthesize: a text starts with a space; cannot write it as a block\n";
      std::exit(1);
    }
    out_ << YAML::Literal << raw;
  }
  template <class E>
    requires IsEnum<E>::value
  void Scalar(E e) {
    out_ << std::string(SpellingOf(e));
  }

  YAML::Emitter& out_;
};

template <class T>
void WriteFile(const fs::path& path, T& file, const std::string& origin) {
  YAML::Emitter out;
  out.SetIndent(2);
  YamlWriter(out).Mapping(file);
  if (!out.good()) {
    std::cerr << "arsred_synthesize: " << path.string() << ": " << out.GetLastError() << "\n";
    std::exit(1);
  }
  std::ofstream stream(path, std::ios::binary);
  stream << "# Synthetic input written by bench/synthesize.cc from " << origin << "; do not edit.\n"
         << out.c_str() << "\n";
  if (!stream) {
    std::cerr << "arsred_synthesize: cannot write " << path.string() << "\n";
    std::exit(1);
  }
}

// ---------------------------------------------------------------------------------------------
// Names of the copies.

std::string IdSuffix(int k) { return k == 1 ? "" : "-d" + std::to_string(k); }
std::string LabelSuffix(int k) { return k == 1 ? "" : ", del " + std::to_string(k); }

void CopyId(Located<Id>& id, int k) { id.value.name += IdSuffix(k); }
void CopyId(std::optional<Located<Id>>& id, int k) {
  if (id) CopyId(*id, k);
}
void CopyLabel(Located<std::string>& label, int k) { label.value += LabelSuffix(k); }

// Splits `total` into `n` whole amounts of unequal size that sum to exactly `total`: shares by
// fixed weights, rounded down, and the remainder given to the largest fractions.
std::vector<int64_t> Split(int64_t total, int n) {
  std::vector<int64_t> weights(static_cast<size_t>(n));
  int64_t weight_sum = 0;
  for (int k = 0; k < n; ++k) {
    weights[static_cast<size_t>(k)] = 4 + (k * 7) % 10;
    weight_sum += weights[static_cast<size_t>(k)];
  }
  int64_t magnitude = total < 0 ? -total : total;
  std::vector<int64_t> parts(static_cast<size_t>(n));
  std::vector<std::pair<int64_t, int>> remainders;
  int64_t given = 0;
  for (int k = 0; k < n; ++k) {
    // Amounts are capped at 15 digits by the format; times a weight below 14 this fits int64.
    int64_t scaled = magnitude * weights[static_cast<size_t>(k)];
    parts[static_cast<size_t>(k)] = scaled / weight_sum;
    given += parts[static_cast<size_t>(k)];
    remainders.emplace_back(scaled % weight_sum, -k);
  }
  std::sort(remainders.rbegin(), remainders.rend());
  for (int64_t i = 0; i < magnitude - given; ++i) {
    ++parts[static_cast<size_t>(-remainders[static_cast<size_t>(i)].second)];
  }
  if (total < 0) {
    for (auto& p : parts) p = -p;
  }
  return parts;
}

// The same split for an amount, in the unit it was written in.
std::vector<Money> Split(const Money& m, int n) {
  std::vector<Money> out;
  if (m.exact()) {
    for (int64_t p : Split(m.kronor, n)) out.push_back(Money::Kr(p));
  } else {
    for (int64_t p : Split(m.kronor / 1000, n)) out.push_back(Money::Tkr(p));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Prose: the markup of docs/markup.md, copied with varied wording.

struct Chunk {
  enum class Kind { kHeading, kEmbed, kParagraph, kList, kSmall };
  Kind kind = Kind::kParagraph;
  int level = 0;                   // of a heading
  std::vector<std::string> lines;  // as written
};

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

Chunk::Kind KindOfLine(std::string_view line) {
  if (StartsWith(line, "#")) return Chunk::Kind::kHeading;
  if (StartsWith(line, "[[")) return Chunk::Kind::kEmbed;
  if (StartsWith(line, "- ")) return Chunk::Kind::kList;
  if (StartsWith(line, ">")) return Chunk::Kind::kSmall;
  return Chunk::Kind::kParagraph;
}

// Splits a text into blocks at blank lines, and where a line starts another kind of block.
std::vector<Chunk> Chunks(const std::string& raw) {
  std::vector<Chunk> chunks;
  bool open = false;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('\n', start);
    if (end == std::string::npos) end = raw.size();
    std::string line = raw.substr(start, end - start);
    start = end + 1;
    if (line.find_first_not_of(' ') == std::string::npos) {
      open = false;
      continue;
    }
    Chunk::Kind kind = KindOfLine(line);
    bool continues = open && kind != Chunk::Kind::kHeading && kind != Chunk::Kind::kEmbed &&
                     chunks.back().kind != Chunk::Kind::kHeading && chunks.back().kind != Chunk::Kind::kEmbed &&
                     (kind == chunks.back().kind ||
                      (chunks.back().kind == Chunk::Kind::kList && StartsWith(line, "  ")));
    if (!continues) {
      chunks.push_back({kind, 0, {}});
      if (kind == Chunk::Kind::kHeading) {
        chunks.back().level = static_cast<int>(line.find_first_not_of('#'));
      }
    }
    chunks.back().lines.push_back(line);
    open = true;
  }
  return chunks;
}

std::string Join(const std::vector<std::string>& lines, std::string_view separator) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += separator;
    out += line;
  }
  return out;
}

std::string Trim(std::string_view s) {
  size_t a = s.find_first_not_of(' ');
  if (a == std::string_view::npos) return "";
  size_t b = s.find_last_not_of(' ');
  return std::string(s.substr(a, b - a + 1));
}

bool IsWordByte(char c) {
  auto u = static_cast<unsigned char>(c);
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || u >= 0x80;
}

// Words exchanged in copies, each only where it stands as a whole word outside a placeholder or
// link. Copy k uses those whose index i has (k + i) % 3 != 0, so neighbouring copies differ.
constexpr std::pair<std::string_view, std::string_view> kSynonyms[] = {
    {"insatserna", "aktiviteterna"}, {"insatser", "aktiviteter"},   {"förbundet", "samordningsförbundet"},
    {"samverkan", "samarbete"},      {"under året", "under verksamhetsåret"}, {"parterna", "medlemmarna"},
    {"arbete", "sysselsättning"},    {"länet", "regionen"},         {"stöd", "hjälp"},
    {"betydligt", "väsentligt"},     {"framför allt", "främst"},    {"bland annat", "exempelvis"},
};

std::string ExchangeWords(std::string_view text, int k) {
  std::string out;
  int depth = 0;  // inside {placeholder} or <link>
  for (size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '{' || c == '<') ++depth;
    if ((c == '}' || c == '>') && depth > 0) --depth;
    bool word_start = depth == 0 && IsWordByte(c) && (i == 0 || !IsWordByte(text[i - 1]));
    bool replaced = false;
    if (word_start) {
      for (size_t s = 0; s < std::size(kSynonyms) && !replaced; ++s) {
        if ((k + static_cast<int>(s)) % 3 == 0) continue;
        auto [from, to] = kSynonyms[s];
        if (!StartsWith(text.substr(i), from)) continue;
        size_t after = i + from.size();
        if (after < text.size() && IsWordByte(text[after])) continue;
        out += to;
        i = after;
        replaced = true;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

bool IsUpperStart(std::string_view s) {
  if (s.empty()) return false;
  if (s[0] >= 'A' && s[0] <= 'Z') return true;
  // Å, Ä, Ö in UTF-8.
  return StartsWith(s, "\xC3\x85") || StartsWith(s, "\xC3\x84") || StartsWith(s, "\xC3\x96");
}

// Sentences of a paragraph: split after . ? ! followed by a space and a capital, outside
// placeholders.
std::vector<std::string> Sentences(const std::string& text) {
  std::vector<std::string> out;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i + 2 < text.size(); ++i) {
    if (text[i] == '{') ++depth;
    if (text[i] == '}' && depth > 0) --depth;
    if (depth == 0 && (text[i] == '.' || text[i] == '?' || text[i] == '!') && text[i + 1] == ' ' &&
        IsUpperStart(std::string_view(text).substr(i + 2))) {
      out.push_back(text.substr(start, i + 1 - start));
      start = i + 2;
    }
  }
  out.push_back(text.substr(start));
  return out;
}

// Breaks text into lines of at most about `width` bytes. A line never starts with a word that
// would make it another block ("- " a list item, "#" a heading, ">" small print, "[[" an embed).
std::vector<std::string> Wrap(const std::string& text, size_t width, const std::string& first_prefix,
                              const std::string& next_prefix) {
  std::vector<std::string> words;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(' ', start);
    if (end == std::string::npos) end = text.size();
    std::string word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    bool unsafe_first = word == "-" || word == "\xE2\x80\x93" || StartsWith(word, "#") || StartsWith(word, ">") ||
                        StartsWith(word, "[[") || StartsWith(word, "- ");
    if (unsafe_first && !words.empty()) {
      words.back() += " " + word;
    } else {
      words.push_back(word);
    }
  }
  std::vector<std::string> lines;
  std::string line = first_prefix;
  bool line_empty = true;
  for (const auto& word : words) {
    if (!line_empty && line.size() + 1 + word.size() > width) {
      lines.push_back(line);
      line = next_prefix;
      line_empty = true;
    }
    if (!line_empty) line += ' ';
    line += word;
    line_empty = false;
  }
  if (!line_empty) lines.push_back(line);
  return lines;
}

constexpr std::string_view kLeadIns[] = {
    "I delområde K är bilden i stort densamma.",
    "Motsvarande redovisning gäller för delområde K.",
    "För delområde K ser förhållandena likartade ut.",
    "Uppföljningen av delområde K pekar åt samma håll.",
    "Delområde K beskrivs på liknande sätt.",
    "Även för delområde K gäller det som följer.",
    "Rapporterna från delområde K ger en liknande bild.",
};

std::string LeadIn(int k, size_t index) {
  std::string s(kLeadIns[(static_cast<size_t>(k) + index) % std::size(kLeadIns)]);
  s.replace(s.find('K'), 1, std::to_string(k));
  return s;
}

constexpr size_t kWrapWidth = 92;

// Copy k (k >= 2) of one block of prose; `index` varies the lead-in sentence between blocks
// (none when `index` is kNoLeadIn). Headings and embeds are not varied here: the caller decides.
constexpr size_t kNoLeadIn = SIZE_MAX;
std::string VaryChunk(const Chunk& chunk, int k, size_t index) {
  switch (chunk.kind) {
    case Chunk::Kind::kParagraph: {
      std::vector<std::string> trimmed;
      for (const auto& line : chunk.lines) trimmed.push_back(Trim(line));
      std::string text = Join(trimmed, " ");
      std::vector<std::string> sentences = Sentences(text);
      // Emphasis may span sentences; reordering them could unpair its asterisks.
      if (sentences.size() > 1 && text.find('*') == std::string::npos) {
        size_t shift = static_cast<size_t>(k - 1) % sentences.size();
        std::rotate(sentences.begin(), sentences.begin() + static_cast<std::ptrdiff_t>(shift), sentences.end());
      }
      text = ExchangeWords(Join(sentences, " "), k);
      if (index != kNoLeadIn) text = LeadIn(k, index) + " " + text;
      return Join(Wrap(text, kWrapWidth, "", ""), "\n");
    }
    case Chunk::Kind::kList: {
      std::vector<std::string> items;
      for (const auto& line : chunk.lines) {
        if (StartsWith(line, "- ")) {
          items.push_back(Trim(line.substr(2)));
        } else {
          items.back() += ' ';
          items.back() += Trim(line);
        }
      }
      size_t shift = static_cast<size_t>(k - 1) % items.size();
      std::rotate(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(shift), items.end());
      std::vector<std::string> lines;
      for (const auto& item : items) {
        for (auto& line : Wrap(ExchangeWords(item, k), kWrapWidth, "- ", "  ")) lines.push_back(line);
      }
      return Join(lines, "\n");
    }
    case Chunk::Kind::kSmall:
    case Chunk::Kind::kHeading:
    case Chunk::Kind::kEmbed:
      break;
  }
  return Join(chunk.lines, "\n");
}

std::string VaryHeading(const Chunk& heading, int k) {
  return heading.lines.front() + " (delområde " + std::to_string(k) + ")";
}

// A piece of the scaled text: which copy it belongs to (1 = the original) and its markup.
struct Piece {
  int copy = 1;
  std::string text;
};

// N times a text: a section without subsections is followed by N - 1 varied copies of itself
// (heading included); other prose is followed by varied copies of each block in place.
// Embeds stay in the original only (placing a table twice is a warning). While the result is
// longer than `max_bytes`, the pieces of the highest copy are left out, last first.
std::string ScaleProse(const std::string& raw, int n, size_t max_bytes) {
  // The lead-ins and exchanged words make a copy a little longer than its original: count
  // N times the original at most, so that the factor stays N.
  max_bytes = std::min(max_bytes, static_cast<size_t>(n) * raw.size());
  std::vector<Chunk> chunks = Chunks(raw);
  std::vector<Piece> pieces;
  size_t index = 0;  // counts varied blocks, to vary the lead-ins
  for (size_t i = 0; i < chunks.size();) {
    const Chunk& chunk = chunks[i];
    if (chunk.kind == Chunk::Kind::kHeading) {
      size_t end = i + 1;
      while (end < chunks.size() && chunks[end].kind != Chunk::Kind::kHeading) ++end;
      bool leaf = chunk.level >= 2 && end > i + 1 &&
                  (end == chunks.size() || chunks[end].level <= chunk.level);
      if (!leaf) {
        pieces.push_back({1, Join(chunk.lines, "\n")});
        ++i;
        continue;
      }
      std::string original;
      for (size_t j = i; j < end; ++j) original += (j > i ? "\n\n" : "") + Join(chunks[j].lines, "\n");
      pieces.push_back({1, original});
      for (int k = 2; k <= n; ++k) {
        std::string copy = VaryHeading(chunk, k);
        bool has_prose = false;
        for (size_t j = i + 1; j < end; ++j) {
          if (chunks[j].kind == Chunk::Kind::kEmbed) continue;
          copy += "\n\n" + VaryChunk(chunks[j], k, index++);
          has_prose = true;
        }
        if (has_prose) pieces.push_back({k, copy});
      }
      i = end;
      continue;
    }
    pieces.push_back({1, Join(chunk.lines, "\n")});
    if (chunk.kind != Chunk::Kind::kEmbed) {
      for (int k = 2; k <= n; ++k) pieces.push_back({k, VaryChunk(chunk, k, index++)});
    }
    ++i;
  }

  auto total = [&] {
    size_t bytes = 0;
    for (const auto& p : pieces) bytes += p.text.size() + 2;
    return bytes;
  };
  // The loader counts the scalar with its final line break; keep a margin for that.
  while (total() + 16 > max_bytes) {
    size_t last = 0;  // the last piece of the highest copy
    for (size_t p = 0; p < pieces.size(); ++p) {
      if (pieces[p].copy >= pieces[last].copy) last = p;
    }
    if (pieces[last].copy == 1) break;  // the original alone is too long: the loader will say so
    pieces.erase(pieces.begin() + static_cast<std::ptrdiff_t>(last));
  }
  std::string out;
  for (const auto& p : pieces) out += (out.empty() ? "" : "\n\n") + p.text;
  return out;
}

// Copy k of a goal's text: every block varied, without lead-ins (a goal is a cell of a table);
// embeds left to the original.
std::string VaryText(const std::string& raw, int k) {
  std::string out;
  for (const Chunk& chunk : Chunks(raw)) {
    if (chunk.kind == Chunk::Kind::kEmbed) continue;
    out += (out.empty() ? "" : "\n\n") + VaryChunk(chunk, k, kNoLeadIn);
  }
  return out.empty() ? LeadIn(k, 0) : out;
}

// ---------------------------------------------------------------------------------------------
// Scaling each file.

struct Counts {
  size_t insatser = 0, goals = 0, table_rows = 0, note_items = 0, drift_rows = 0, prose_bytes = 0;
};

Counts Count(const YearFiles& f) {
  Counts c;
  c.insatser = f.verksamhet.insatser.size();
  for (const auto& area : f.verksamhet.malomraden) {
    c.goals += area.mal.size();
    for (const auto& goal : area.mal) c.prose_bytes += goal.mal.value.raw.size() + goal.redovisning.value.raw.size();
  }
  for (const auto& table : f.verksamhet.tabeller) c.table_rows += table.rader.size();
  for (const auto& note : f.rakenskaper.noter) c.note_items += note.poster.size();
  if (f.budget.driftredovisning) c.drift_rows = f.budget.driftredovisning->rader.size();
  if (f.text.forvaltningsberattelse) c.prose_bytes += f.text.forvaltningsberattelse->value.raw.size();
  if (f.text.redovisningsprinciper) c.prose_bytes += f.text.redovisningsprinciper->value.raw.size();
  return c;
}

void ScaleActivity(ActivityFile& a, int n) {
  std::vector<Insats> insatser;
  for (int k = 1; k <= n; ++k) {
    for (Insats insats : a.insatser) {
      CopyId(insats.id, k);
      CopyLabel(insats.namn, k);
      insatser.push_back(insats);
    }
  }
  a.insatser = insatser;

  for (GoalArea& area : a.malomraden) {
    std::vector<Goal> goals = area.mal;
    for (int k = 2; k <= n; ++k) {
      for (Goal goal : area.mal) {
        goal.mal.value.raw = VaryText(goal.mal.value.raw, k);
        goal.redovisning.value.raw = VaryText(goal.redovisning.value.raw, k);
        goals.push_back(goal);
      }
    }
    area.mal = goals;
  }

  // Rows are copied in blocks, so that a sum row stays next to the rows it sums.
  for (CountTable& table : a.tabeller) {
    std::vector<CountRow> rows;
    for (int k = 1; k <= n; ++k) {
      for (CountRow row : table.rader) {
        CopyId(row.id, k);
        CopyLabel(row.text, k);
        for (auto& id : row.summa_av) CopyId(id, k);
        rows.push_back(row);
      }
    }
    table.rader = rows;
  }
  // Time series, surveys, distributions and charts are left as they are: their columns and
  // categories are fixed (a series runs over years, a distribution sums to 100 %).
}

void ScaleBudget(BudgetFile& b, int n) {
  if (!b.driftredovisning) return;
  std::vector<DriftRow> rows;
  for (const DriftRow& row : b.driftredovisning->rader) {
    std::vector<Money> budgets = Split(row.budget.value, n);
    for (int k = 1; k <= n; ++k) {
      DriftRow copy = row;
      CopyId(copy.id, k);
      CopyLabel(copy.text, k);
      copy.budget.value = budgets[static_cast<size_t>(k - 1)];
      rows.push_back(copy);
    }
  }
  b.driftredovisning->rader = rows;
}

void ScaleAccounts(AccountsFile& r, int n) {
  for (Note& note : r.noter) {
    std::vector<NoteItem> items;
    for (const NoteItem& item : note.poster) {
      // The k-th part of each amount, of each sub-item, and of a stated group amount.
      std::vector<std::vector<Money>> sub_parts;
      for (const NoteSubItem& sub : item.poster) sub_parts.push_back(Split(sub.belopp.value, n));
      std::vector<Money> parts;
      if (item.belopp) parts = Split(item.belopp->value, n);
      for (int k = 1; k <= n; ++k) {
        size_t part = static_cast<size_t>(k - 1);
        NoteItem copy = item;
        CopyId(copy.id, k);
        CopyLabel(copy.text, k);
        CopyId(copy.drift, k);
        CopyId(copy.insats, k);
        for (size_t s = 0; s < copy.poster.size(); ++s) {
          NoteSubItem& sub = copy.poster[s];
          CopyLabel(sub.text, k);
          CopyId(sub.insats, k);
          sub.belopp.value = sub_parts[s][part];
        }
        if (copy.belopp) {
          if (copy.poster.empty()) {
            copy.belopp->value = parts[part];
          } else {
            // A stated group amount must equal its sub-items' sum; the split of each sub-item
            // gives that sum for this copy.
            int64_t sum = 0;
            for (const NoteSubItem& sub : copy.poster) sum += sub.belopp.value.kronor;
            copy.belopp->value.kronor = sum;
          }
        }
        items.push_back(copy);
      }
    }
    note.poster = items;
  }
  if (r.eget_kapital) {
    std::vector<EquityEntry> entries;
    for (const EquityEntry& entry : r.eget_kapital->direkta_poster) {
      std::vector<Money> parts = Split(entry.belopp.value, n);
      for (int k = 1; k <= n; ++k) {
        EquityEntry copy = entry;
        CopyLabel(copy.text, k);
        copy.belopp.value = parts[static_cast<size_t>(k - 1)];
        entries.push_back(copy);
      }
    }
    r.eget_kapital->direkta_poster = entries;
  }
}

void ScaleText(TextFile& t, int n, size_t max_bytes) {
  for (auto* text : {&t.forvaltningsberattelse, &t.redovisningsprinciper}) {
    if (*text) (*text)->value.raw = ScaleProse((*text)->value.raw, n, max_bytes);
  }
}

void ScaleYear(YearFiles& f, int n, size_t max_bytes) {
  ScaleActivity(f.verksamhet, n);
  ScaleBudget(f.budget, n);
  ScaleAccounts(f.rakenskaper, n);
  ScaleText(f.text, n, max_bytes);
  // forbund.yaml (one board seat per member, fixed by Finsam) and rattelser.yaml (not printed)
  // are written as they are.
}

void WriteYear(const fs::path& dir, YearInput& year, const std::string& origin) {
  fs::create_directories(dir);
  YearFiles& f = year.files;
  auto has = [&](const char* name) { return year.present.count(name) > 0; };
  if (has("forbund.yaml")) WriteFile(dir / "forbund.yaml", f.forbund, origin);
  if (has("text.yaml")) WriteFile(dir / "text.yaml", f.text, origin);
  if (has("verksamhet.yaml")) WriteFile(dir / "verksamhet.yaml", f.verksamhet, origin);
  if (has("budget.yaml")) WriteFile(dir / "budget.yaml", f.budget, origin);
  if (has("rakenskaper.yaml")) WriteFile(dir / "rakenskaper.yaml", f.rakenskaper, origin);
  if (has("rattelser.yaml")) WriteFile(dir / "rattelser.yaml", f.rattelser, origin);
}

std::string Ratio(size_t after, size_t before) {
  if (before == 0) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, " (%.2fx)", static_cast<double>(after) / static_cast<double>(before));
  return buf;
}

int Usage() {
  std::cerr << "usage: arsred_synthesize [--factor N] YEAR_DIR OUT_DIR\n"
               "Writes OUT_DIR/<year>/ for YEAR_DIR's year and each year directory beside it before it,\n"
               "with N times the content (default 10).\n";
  return 1;
}

int Run(int argc, char** argv) {
  int n = 10;
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--factor" && i + 1 < argc) {
      n = std::atoi(argv[++i]);
    } else if (arg == "-h" || arg == "--help" || StartsWith(arg, "-")) {
      return Usage();
    } else {
      args.push_back(arg);
    }
  }
  if (args.size() != 2 || n < 1 || n > 100) return Usage();

  InputSet all;
  Diagnostics diagnostics;
  if (!LoadInputs(args[0], all, diagnostics)) {
    for (const auto& d : diagnostics.all()) std::cerr << FormatDiagnostic(d, all.sources) << "\n";
    return 1;
  }
  const size_t max_bytes = ReaderLimits{}.max_scalar_bytes;
  for (const auto& [year, entry] : all.years) {
    // Each year is read as a report year of its own, so that its own prose is read too.
    InputSet own;
    Diagnostics own_diagnostics;
    LoadInputs(entry.dir, own, own_diagnostics);
    if (own_diagnostics.HasErrors()) {
      own_diagnostics.Sort(own.sources);
      for (const auto& d : own_diagnostics.all()) std::cerr << FormatDiagnostic(d, own.sources) << "\n";
      std::cerr << "arsred_synthesize: " << entry.dir << " has errors; fix them first\n";
      return 1;
    }
    YearInput& input = own.years.at(year);
    Counts before = Count(input.files);
    ScaleYear(input.files, n, max_bytes);
    Counts after = Count(input.files);
    fs::path out = fs::path(args[1]) / std::to_string(year);
    fs::remove_all(out);
    WriteYear(out, input, entry.dir);
    std::cout << out.string() << ": insatser " << before.insatser << " -> " << after.insatser << ", goals "
              << before.goals << " -> " << after.goals << ", table rows " << before.table_rows << " -> "
              << after.table_rows << ", note items " << before.note_items << " -> " << after.note_items
              << ", driftredovisning rows " << before.drift_rows << " -> " << after.drift_rows
              << ", prose bytes " << before.prose_bytes << " -> " << after.prose_bytes
              << Ratio(after.prose_bytes, before.prose_bytes) << "\n";
  }
  return 0;
}

}  // namespace
}  // namespace arsred

int main(int argc, char** argv) { return arsred::Run(argc, argv); }

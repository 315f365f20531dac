#include "load_visitor.h"

#include <algorithm>
#include <cctype>

namespace arsred {

namespace {

size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

const char* KindName(const YamlNode& node) {
  switch (node.kind) {
    case YamlNode::Kind::kMap: return "a mapping";
    case YamlNode::Kind::kSequence: return "a list";
    case YamlNode::Kind::kNull: return "nothing";
    case YamlNode::Kind::kScalar: break;
  }
  return "a value";
}

}  // namespace

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  // Suggestions are for typos in names, which are short; a long word gets none, and a candidate
  // whose length alone puts it out of reach is not measured. Without these bounds a file of
  // long, unknown placeholders made checking quadratic (found by the load fuzzer).
  if (word.size() > 64) return {};
  std::string best;
  size_t best_distance = std::max<size_t>(2, word.size() / 3) + 1;
  for (const auto& candidate : candidates) {
    size_t length_gap = candidate.size() > word.size() ? candidate.size() - word.size() : word.size() - candidate.size();
    if (length_gap >= best_distance) continue;
    size_t d = EditDistance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  if (!best.empty() || word.empty()) return best;
  // The same words joined in another order ("lagre_hogre" for hogre_lagre).
  auto words = [](const std::string& name) {
    std::vector<std::string> parts;
    for (size_t from = 0; from <= name.size();) {
      const size_t joint = std::min(name.find('_', from), name.size());
      parts.push_back(name.substr(from, joint - from));
      from = joint + 1;
    }
    std::sort(parts.begin(), parts.end());
    return parts;
  };
  if (word.find('_') != std::string::npos) {
    const std::vector<std::string> own = words(word);
    for (const auto& candidate : candidates) {
      if (candidate.size() == word.size() && words(candidate) == own) return candidate;
    }
  }
  // A word cut short at a joint of a longer name ("delvis" for delvis_uppnatt), if only one
  // name begins so.
  std::string only;
  for (const auto& candidate : candidates) {
    const bool begins_with_word = candidate.size() > word.size() && candidate.compare(0, word.size(), word) == 0;
    if (!begins_with_word || std::isalnum(static_cast<unsigned char>(candidate[word.size()]))) continue;
    if (!only.empty()) return {};
    only = candidate;
  }
  return only;
}

bool Loader::CheckKeys(const YamlNode& node, const std::string& path) {
  bool ok = true;
  std::set<std::string> seen;
  for (const YamlEntry& entry : node.entries) {
    const YamlNode& key = entry.key;
    if (!key.IsScalar()) {
      Error("key.type", key, path, "keys must be plain words");
      ok = false;
      continue;
    }
    if (!seen.insert(key.text).second) {
      // Both are kept and a lookup would find the first: a silent guess we refuse to make.
      Error("key.duplicate", key, path.empty() ? key.text : path + "." + key.text,
            "key `" + key.text + "` appears twice");
      ok = false;
    }
  }
  return ok;
}

bool Loader::IsFillMarker(const YamlNode& node) {
  // Only the plain scalar: quoted, the words are a value the user chose to write.
  return node.IsScalar() && node.plain && node.text == kFillMarker;
}

std::string LastKey(const std::string& path) {
  size_t dot = path.rfind('.');
  std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  return key.substr(0, key.find('['));
}

bool Loader::PlainScalar(const YamlNode& node, const std::string& path, const char* what, std::string* out) {
  if (!node.IsScalar()) {
    Error("yaml.type", node, path, std::string("expected ") + what + ", found " + KindName(node));
    return false;
  }
  if (!node.plain) {
    // Quoted: '123' would otherwise pass for a number; say so rather than guess.
    Error("value.quoted", node, path, std::string("expected ") + what + " without quotes");
    return false;
  }
  *out = node.text;
  return true;
}

bool Loader::QuoteRunsOn(const YamlNode& node) const {
  Where at = At(node);
  std::string_view line = sources_.LineText(file_, at.line);
  size_t start = static_cast<size_t>(node.mark.column);
  if (start >= line.size() || (line[start] != '"' && line[start] != '\'')) return false;
  const char quote = line[start];
  // Whether `text` from `from` on holds the closing quote.
  auto closes = [quote](std::string_view text, size_t from) {
    for (size_t i = from; i < text.size(); ++i) {
      if (quote == '"' && text[i] == '\\') {
        ++i;  // an escape, or at the line's end an escaped line break
      } else if (text[i] == quote) {
        if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
          ++i;  // '' is an escaped quote inside single quotes
        } else {
          return true;
        }
      }
    }
    return false;
  };
  if (closes(line, start + 1)) return false;
  // Programs that write YAML (PyYAML, for one) continue a long quoted value on the lines below.
  // A quote left open instead swallows the keys, items and comments below it, which stand no
  // deeper than the key on the line it opens on (after the dashes of list items: "- namn:").
  auto indent = [](std::string_view text) { return text.find_first_not_of(' '); };
  auto looks_like_structure = [](std::string_view text) {
    if (text.starts_with("#") || text == "-" || text.starts_with("- ")) return true;
    size_t key = 0;
    while (key < text.size() && (std::isalnum(static_cast<unsigned char>(text[key])) || text[key] == '_')) ++key;
    return key > 0 && key < text.size() && text[key] == ':' && (key + 1 == text.size() || text[key + 1] == ' ');
  };
  size_t first_indent = indent(line);
  while (line.substr(first_indent).starts_with("- ")) first_indent = line.find_first_not_of(' ', first_indent + 1);
  for (int next = at.line + 1; next <= static_cast<int>(sources_.file(file_).line_starts.size()); ++next) {
    const std::string_view continued = sources_.LineText(file_, next);
    const size_t depth = indent(continued);
    if (depth == std::string_view::npos) continue;  // a blank line
    if (depth <= first_indent && looks_like_structure(continued.substr(depth))) return true;
    if (closes(continued, depth)) return false;
  }
  return true;
}

bool Loader::TooLong(const YamlNode& node, const std::string& path) {
  if (node.text.size() <= max_scalar_bytes_) return false;
  Error("value.size", node, path,
        "text of " + std::to_string(node.text.size()) + " bytes; the limit is " + std::to_string(max_scalar_bytes_));
  return true;
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, std::string& out) {
  if (!node.IsScalar()) {
    Error("yaml.type", node, path, std::string("expected text, found ") + KindName(node));
    return;
  }
  if (TooLong(node, path)) return;
  if (QuoteRunsOn(node)) {
    Error("value.quote", node, path, "the quote is not closed on this line");
    return;
  }
  out = node.text;
  if (out.empty()) Error("value.empty", node, path, "empty text; write a value or leave the key out");
  if (out.find('\n') != std::string::npos) Error("value.lines", node, path, "expected a single line of text");
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, Text& out) {
  if (!node.IsScalar()) {
    Error("yaml.type", node, path, std::string("expected text, found ") + KindName(node));
    return;
  }
  if (TooLong(node, path)) return;
  out.raw = node.text;
  Where at = At(node);
  std::string_view indicator_line = sources_.LineText(file_, at.line);
  size_t byte = static_cast<size_t>(node.mark.column);
  bool literal = byte < indicator_line.size() && indicator_line[byte] == '|';
  if (literal) {
    out.block = true;
    out.first_line = at.line + 1;
    // The first non-blank content line sets the indentation, as in YAML.
    int content_lines = static_cast<int>(std::count(out.raw.begin(), out.raw.end(), '\n')) + 1;
    for (int line = at.line + 1; line <= at.line + content_lines; ++line) {
      std::string_view content = sources_.LineText(file_, line);
      size_t first = content.find_first_not_of(' ');
      if (first == std::string_view::npos) continue;
      out.indent = static_cast<int>(first);
      break;
    }
  } else {
    out.first_line = at.line;
    out.indent = at.column - 1;
  }
  if (out.raw.empty()) Error("value.empty", node, path, "empty text; write a value or leave the key out");
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, int64_t& out) {
  std::string text, why;
  if (!PlainScalar(node, path, "a whole number", &text)) return;
  auto value = ParseInteger(text, &why);
  if (!value) {
    Error("value.number", node, path, why + " (found `" + text + "`)");
    return;
  }
  out = *value;
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, Money& out) {
  std::string text, why;
  if (!PlainScalar(node, path, "an amount in whole kronor", &text)) return;
  auto value = ParseInteger(text, &why);
  if (!value) {
    Error("value.money", node, path, why + " (found `" + text + "`)");
    return;
  }
  // The format caps amounts at 15 digits; in tkr that is still far inside int64 after * 1000.
  out = unit_ != Unit::kTkr ? Money::Kr(*value) : thousands_exact_ ? Money::Kr(*value * 1000) : Money::Tkr(*value);
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, Decimal& out) {
  if (!node.IsScalar()) {
    Error("yaml.type", node, path, std::string("expected a number, found ") + KindName(node));
    return;
  }
  // "2,4" must be quoted in YAML flow context, so both quoted and plain scalars are read here.
  std::string why;
  auto value = ParseDecimal(node.text, &why);
  if (!value) {
    Error("value.decimal", node, path, why + " (found `" + node.text + "`)");
    return;
  }
  out = *value;
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, Date& out) {
  std::string text, why;
  if (!PlainScalar(node, path, "a date (YYYY-MM-DD)", &text)) return;
  auto value = ParseDate(text, &why);
  if (!value) {
    Error("value.date", node, path, why);
    return;
  }
  out = *value;
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, YearOrDate& out) {
  std::string text, why;
  if (!PlainScalar(node, path, "a year (YYYY) or a date (YYYY-MM-DD)", &text)) return;
  auto value = ParseYearOrDate(text, &why);
  if (!value) {
    Error("value.date", node, path, why + " (found `" + text + "`)");
    return;
  }
  out = *value;
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, bool& out) {
  std::string text;
  if (!PlainScalar(node, path, "true or false", &text)) return;
  if (text == "true") {
    out = true;
  } else if (text == "false") {
    out = false;
  } else {
    // YAML 1.1 would read yes/no/on/off as booleans; we accept only the unambiguous words.
    Error("value.bool", node, path, "expected true or false (found `" + text + "`)");
  }
}

void Loader::ReadValue(const YamlNode& node, const std::string& path, Id& out) {
  if (!node.IsScalar()) {
    Error("yaml.type", node, path, std::string("expected an id, found ") + KindName(node));
    return;
  }
  out.name = node.text;
  if (!IsValidId(out.name)) {
    Error("value.id", node, path,
          "`" + out.name + "` is not a valid id (lower-case a-z, digits, - and _, starting with a letter or digit)");
  }
}

}  // namespace arsred

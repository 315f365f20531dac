#include "yaml_reader.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>
#include <vector>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include "compose_accents.h"

namespace arsred {

std::string ReadAtMost(std::istream& in, size_t limit) {
  std::string text;
  char buffer[64 * 1024];
  while (text.size() < limit && in) {
    in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, limit - text.size())));
    text.append(buffer, static_cast<size_t>(in.gcount()));
  }
  return text;
}

Where WhereOf(const YAML::Mark& mark, int file, const SourceSet& sources) {
  if (mark.line < 0) return Where{file, 1, 1};
  int line = mark.line + 1;
  std::string_view text = sources.LineText(file, line);
  // yaml-cpp reports an error at the end of the file (a bracket never closed) on the line after
  // the last: point at the end of the last line that holds anything, which can be shown.
  const int lines = static_cast<int>(sources.file(file).line_starts.size());
  if (line >= lines && text.empty()) {
    line = std::min(line, lines);
    while (line > 1 && sources.LineText(file, line).find_first_not_of(" \t") == std::string_view::npos) --line;
    text = sources.LineText(file, line);
    return Where{file, line, Utf8Columns(text, text.size()) + 1};
  }
  return Where{file, line, Utf8Columns(text, static_cast<size_t>(mark.column)) + 1};
}

const YamlEntry* YamlNode::Lookup(std::string_view key) const {
  for (const YamlEntry& entry : entries) {
    if (entry.key.IsScalar() && entry.key.text == key) return &entry;
  }
  return nullptr;
}

namespace {

// Position (1-based line, column in characters) of a byte offset in a text.
Where WhereOfOffset(std::string_view text, size_t offset, int file) {
  int line = 1;
  size_t line_start = 0;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return Where{file, line, Utf8Columns(text.substr(line_start), offset - line_start) + 1};
}

std::string Hex4(uint32_t cp) {
  std::string out;
  for (int shift = 12; shift >= 0; shift -= 4) out += "0123456789ABCDEF"[(cp >> shift) & 15];
  return out;
}

}  // namespace

// (yaml_reader.h) Finds the first byte that is not valid UTF-8, or a character the typesetter cannot handle
// (outside the Basic Multilingual Plane, a control character, or one that reorders text).
// Returns npos when all is well.
size_t FindBadCharacter(std::string_view text, std::string* why) {
  size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
        *why = "control character U+" + Hex4(c) + " is not allowed";
        return i;
      }
      ++i;
      continue;
    }
    int length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + static_cast<size_t>(length) > text.size()) {
      *why = "the file is not valid UTF-8 (save it as UTF-8; Latin-1 and Windows-1252 are not accepted)";
      return i;
    }
    uint32_t cp = c & (0xFF >> (length + 1));
    for (int k = 1; k < length; ++k) {
      unsigned char cc = static_cast<unsigned char>(text[i + static_cast<size_t>(k)]);
      if ((cc & 0xC0) != 0x80) {
        *why = "the file is not valid UTF-8 (save it as UTF-8; Latin-1 and Windows-1252 are not accepted)";
        return i;
      }
      cp = (cp << 6) | (cc & 0x3F);
    }
    bool overlong = (length == 2 && cp < 0x80) || (length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000);
    if (overlong || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      *why = "the file is not valid UTF-8 (save it as UTF-8; Latin-1 and Windows-1252 are not accepted)";
      return i;
    }
    if (cp > 0xFFFF) {
      *why = "characters outside the Basic Multilingual Plane (such as emoji) cannot be typeset";
      return i;
    }
    if (cp >= 0x80 && cp <= 0x9F) {
      *why = "control character U+" + Hex4(cp) + " is not allowed";
      return i;
    }
    // Embeddings, overrides and isolates make text show in another order than it is stored in,
    // so that what a reader sees and what is checked, extracted and published differ.
    // Word processors' line and paragraph separators: YAML takes them for line ends, where the
    // writer saw none.
    if (cp == 0x2028 || cp == 0x2029) {
      *why = std::string(cp == 0x2028 ? "a line separator" : "a paragraph separator") + " (U+" + Hex4(cp) +
             ", as word processors copy a line break) is not allowed: break the line with Enter";
      return i;
    }
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
      *why = "bidirectional control character U+" + Hex4(cp) +
             " is not allowed: it shows the text in another order than it is written";
      return i;
    }
    i += static_cast<size_t>(length);
  }
  return std::string_view::npos;
}

namespace {

// Builds the tree of the first document from the parser's events and checks them on the way:
// refuses anchors, aliases, several documents and nesting deeper than the format can use, all of
// which yaml-cpp accepts silently. Later documents are parsed (for their syntax errors) but not kept.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(int file, const SourceSet& sources, Diagnostics& diagnostics, int max_depth)
      : file_(file), sources_(sources), diagnostics_(diagnostics), max_depth_(max_depth) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++documents_ == 2) Fail("yaml.documents", mark, "only one YAML document per file (remove the second ---)");
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    Add(mark);
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Fail("yaml.alias", mark, "aliases (*name) are not allowed: write the value out");
    Add(mark);  // a stand-in, so that the keys and values after it stay paired
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    CheckTag(mark, tag);
    YamlNode& node = Add(mark);
    node.kind = YamlNode::Kind::kScalar;
    node.text = value;
    node.plain = tag == "?";  // yaml-cpp's non-specific tag; quoted and block scalars get "!"
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckTag(mark, tag);
    Open(mark, anchor, YamlNode::Kind::kSequence);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckTag(mark, tag);
    Open(mark, anchor, YamlNode::Kind::kMap);
  }
  void OnMapEnd() override { Close(); }

  bool failed() const { return failed_; }
  // Nested past the limit (yaml.depth, reported): yaml-cpp's own limit may then stop it too.
  bool too_deep() const { return too_deep_; }
  int documents() const { return documents_; }
  // The key path of the value being read, as far as the file was read ("noter[2].poster"): where
  // a syntax error stopped it.
  std::string Path() const {
    std::string path;
    for (const Frame& frame : open_) {
      const YamlNode& node = *frame.node;
      if (node.IsSequence() && !node.items.empty()) {
        path += "[" + std::to_string(node.items.size() - 1) + "]";
      } else if (node.IsMap() && !node.entries.empty() && node.entries.back().key.IsScalar()) {
        path += (path.empty() ? "" : ".") + node.entries.back().key.text;
      }
    }
    return path;
  }
  // The first document's root: kNull when it holds no value.
  YamlNode TakeRoot() { return std::move(root_); }

 private:
  // A collection being filled. Its node stays in place until it is closed: nodes are only
  // appended to the collection at the top of the stack.
  struct Frame {
    YamlNode* node;
    bool awaiting_value = false;  // a mapping whose last key has no value yet
  };

  // A new node in the collection being filled, or a document's root.
  YamlNode& Add(const YAML::Mark& mark) {
    YamlNode* node = nullptr;
    if (open_.empty()) {
      node = documents_ == 1 ? &root_ : &(later_root_ = YamlNode{});
    } else {
      Frame& parent = open_.back();
      if (parent.node->IsSequence()) {
        node = &parent.node->items.emplace_back();
      } else if (!parent.awaiting_value) {
        node = &parent.node->entries.emplace_back().key;
        parent.awaiting_value = true;
      } else {
        node = &parent.node->entries.back().value;
        parent.awaiting_value = false;
      }
    }
    node->mark = mark;
    return *node;
  }
  void Open(const YAML::Mark& mark, YAML::anchor_t anchor, YamlNode::Kind kind) {
    CheckAnchor(mark, anchor);
    YamlNode& node = Add(mark);
    node.kind = kind;
    open_.push_back(Frame{&node});
    if (static_cast<int>(open_.size()) == max_depth_ + 1) {
      Fail("yaml.depth", mark, "nested more than " + std::to_string(max_depth_) + " levels deep");
      too_deep_ = true;
    }
  }
  void Close() { open_.pop_back(); }
  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor != YAML::NullAnchor) Fail("yaml.anchor", mark, "anchors (&name) are not allowed");
  }
  // A tag would say how to read a value, and arsred reads each key one way: `sate: !!binary …`
  // printed the Base64 as the place of signing. yaml-cpp gives "?" for no tag and "!" for a quoted
  // or block scalar's; `!!str` says text, as quotes do, and is read so.
  void CheckTag(const YAML::Mark& mark, const std::string& tag) {
    const std::string standard = "tag:yaml.org,2002:";
    if (tag.empty() || tag == "?" || tag == "!" || tag == standard + "str") return;
    const std::string shown = tag.rfind(standard, 0) == 0 ? "!!" + tag.substr(standard.size()) : tag;
    Fail("yaml.tag", mark, "tags such as " + shown + " are not read: write the value without it");
  }
  void Fail(const char* code, const YAML::Mark& mark, const std::string& message) {
    if (failed_) return;  // one structural finding per file is enough; the rest follow from it
    failed_ = true;
    diagnostics_.Error(code, WhereOf(mark, file_, sources_), "", message);
  }

  int file_;
  const SourceSet& sources_;
  Diagnostics& diagnostics_;
  int max_depth_;
  bool too_deep_ = false;
  int documents_ = 0;
  bool failed_ = false;
  YamlNode root_;
  YamlNode later_root_;  // the root of the document being parsed after the first, thrown away
  std::vector<Frame> open_;
};

// yaml-cpp reports "illegal map value" and similar for tabs; say what is wrong instead.
bool CheckIndentation(std::string_view text, int file, Diagnostics& diagnostics) {
  size_t line_start = 0;
  int line = 1;
  while (line_start <= text.size()) {
    size_t end = text.find('\n', line_start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view whole_line = text.substr(line_start, end - line_start);
    for (size_t i = line_start; i < end; ++i) {
      if (text[i] == ' ') continue;
      const Where at{file, line, Utf8Columns(whole_line, i - line_start) + 1};
      if (text[i] == '\t') {
        diagnostics.Error("yaml.tab", at, "", "tab used for indentation: indent with spaces");
        return false;
      }
      if (text.compare(i, 2, "\u00A0") == 0) {
        diagnostics.Error("yaml.indent", at, "",
                          "a no-break space (U+00A0) in the indentation, as word processors copy them: indent with "
                          "plain spaces");
        return false;
      }
      break;
    }
    if (end == text.size()) break;
    line_start = end + 1;
    ++line;
  }
  return true;
}

// UTF-16 after its byte order mark, as UTF-8; false where a surrogate stands without its pair
// (or the text ends in half a code unit).
bool Utf16ToUtf8(std::string_view bytes, bool little_endian, std::string& out) {
  const size_t whole = bytes.size() - bytes.size() % 2;  // an odd last byte is half a code unit
  auto unit = [&](size_t i) {
    const auto first = static_cast<unsigned char>(bytes[i]), second = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? static_cast<char32_t>(first | second << 8) : static_cast<char32_t>(first << 8 | second);
  };
  out.clear();
  out.reserve(bytes.size());
  for (size_t i = 0; i < whole; i += 2) {
    char32_t c = unit(i);
    if (c >= 0xDC00 && c <= 0xDFFF) return false;
    if (c >= 0xD800 && c <= 0xDBFF) {
      if (i + 2 >= whole) return false;
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return false;
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    }
    AppendUtf8(out, c);
  }
  return whole == bytes.size();
}

// The lines of `text`, without their line ends.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (size_t from = 0; from <= text.size();) {
    const size_t end = std::min(text.find('\n', from), text.size());
    lines.push_back(text.substr(from, end - from));
    from = end + 1;
  }
  return lines;
}

// The commonest syntax error in prose: a line of a text (after `|`) typed without its indent,
// which ends the text there. yaml-cpp reports the error where it gave up, which may be lines
// below. Returns the 1-based number of such a line at or above `error_line` (a line at column 1
// that is no key, after an indented line), or 0.
int UnindentedTextLine(std::string_view text, int error_line) {
  const std::vector<std::string_view> lines = SplitLines(text);
  auto is_key = [](std::string_view line) {
    size_t i = 0;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_')) ++i;
    return i > 0 && i < line.size() && line[i] == ':';
  };
  const int last = std::min(error_line, static_cast<int>(lines.size()));
  for (int n = last; n >= std::max(2, last - 10); --n) {
    std::string_view line = lines[static_cast<size_t>(n - 1)];
    if (line.empty() || line[0] == ' ' || line[0] == '#' || line[0] == '-' || line[0] == '.' || is_key(line)) continue;
    int above = n - 1;
    while (above >= 1 && lines[static_cast<size_t>(above - 1)].find_first_not_of(' ') == std::string_view::npos) --above;
    if (above >= 1 && lines[static_cast<size_t>(above - 1)][0] == ' ') return n;
  }
  return 0;
}

// Where the `[` or `{` stands that a list or mapping written on one line left open: yaml-cpp
// reports "end of sequence flow not found" where it gave up, on a line below. Looks back from
// `error_line` for the nearest line that opens more brackets than it closes (outside quotes and
// comments) and returns its last unclosed bracket as (line, 1-based column), or (0, 0).
std::pair<int, int> UnclosedFlowBracket(std::string_view text, int error_line) {
  const std::vector<std::string_view> lines = SplitLines(text);
  const int last = std::min(error_line, static_cast<int>(lines.size()));
  for (int n = last; n >= 1; --n) {
    const std::string_view line = lines[static_cast<size_t>(n - 1)];
    std::vector<size_t> open;  // the byte offsets of the brackets still open on this line
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quote) {
        if (c == quote) quote = 0;
      } else if ((c == '"' || c == '\'') && (i == 0 || std::string_view(" [{,:").find(line[i - 1]) != std::string_view::npos)) {
        quote = c;
      } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
        break;
      } else if (c == '[' || c == '{') {
        open.push_back(i);
      } else if ((c == ']' || c == '}') && !open.empty()) {
        open.pop_back();
      }
    }
    if (!open.empty()) return {n, Utf8Columns(line, open.back()) + 1};
  }
  return {0, 0};
}

}  // namespace

YamlSource AddYamlSource(std::string text, const std::string& shown_path, SourceSet& sources) {
  // Windows editors save "Unicode" as UTF-16 with a byte order mark: no guess, so it is read as
  // the text it is. Positions are then counted in that text, as in any other.
  const bool little_endian = text.starts_with("\xFF\xFE"), big_endian = text.starts_with("\xFE\xFF");
  bool broken_utf16 = false;
  if (little_endian || big_endian) {
    std::string decoded;
    // Where the pairs break, the text read so far is kept, to point at the place.
    broken_utf16 = !Utf16ToUtf8(std::string_view(text).substr(2), little_endian, decoded);
    text = std::move(decoded);
  }
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // a UTF-8 BOM is harmless
  // A letter typed as the letter and a combining accent is read as the one character it is:
  // the same text, which the font can print (compose_accents.h).
  text = ComposeAccents(std::move(text));
  // CRLF line ends from Windows editors are fine, and so are CR alone (old Mac OS), which yaml-cpp
  // does not take for line ends; positions are counted on the normalised text, line by line as
  // an editor shows them.
  if (text.find('\r') != std::string::npos) {
    std::string normalised;
    normalised.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
      normalised += text[i] == '\r' ? '\n' : text[i];
    }
    text = std::move(normalised);
  }
  // A line of only spaces and tabs is blank to YAML, but yaml-cpp refuses the tab ("illegal
  // tab when looking for indentation"); editors leave such lines. It is read as the empty line
  // it is: no value starts on it, so no position is lost.
  if (text.find('\t') != std::string::npos) {
    for (size_t start = 0; start < text.size();) {
      const size_t end = std::min(text.find('\n', start), text.size());
      const std::string_view line = std::string_view(text).substr(start, end - start);
      if (line.find('\t') != std::string_view::npos && line.find_first_not_of(" \t") == std::string_view::npos) {
        text.erase(start, end - start);
        start += 1;
      } else {
        start = end + 1;
      }
    }
  }
  return {sources.Add(shown_path, std::move(text)), broken_utf16};
}

std::optional<ParsedFile> ParseYamlSource(YamlSource source, const SourceSet& sources, Diagnostics& diagnostics,
                                          const ReaderLimits& limits) {
  const int file = source.file;
  const std::string& stored = sources.file(file).text;
  if (source.broken_utf16) {
    diagnostics.Error("file.encoding", WhereOfOffset(stored, stored.size(), file), "",
                      "the file is UTF-16 (by its byte order mark) but holds a broken character pair: save it as UTF-8");
    return std::nullopt;
  }
  if (stored.size() > limits.max_file_bytes) {
    diagnostics.Error("file.size", Where{file, 1, 1}, "",
                      "the file is larger than " + std::to_string(limits.max_file_bytes) + " bytes, the limit");
    return std::nullopt;
  }
  std::string why;
  size_t bad = FindBadCharacter(stored, &why);
  if (bad != std::string::npos) {
    // Columns before a bad byte are still countable; the line itself is shown as far as it is valid.
    diagnostics.Error("file.encoding", WhereOfOffset(stored, bad, file), "", why);
    return std::nullopt;
  }
  if (!CheckIndentation(stored, file, diagnostics)) return std::nullopt;

  TreeBuilder builder(file, sources, diagnostics, limits.max_depth);
  try {
    std::istringstream in(stored);
    YAML::Parser parser(in);
    // Only the first document is used and a second is an error; stop after a third. yaml-cpp
    // 0.7 can report an endless stream of empty documents for some damaged input (found by
    // the load fuzzer, tests/fuzz_regressions/load/endless-documents).
    while (builder.documents() < 3 && parser.HandleNextDocument(builder)) {
    }
  } catch (const YAML::ParserException& e) {
    // Also yaml-cpp's own depth limit (DeepRecursion), for nesting far beyond ours: where ours
    // was passed already, that is the finding, not yaml-cpp's "bad file" with a key path of
    // hundreds of [0].
    if (builder.too_deep()) return std::nullopt;
    const Where at = WhereOf(e.mark, file, sources);
    const bool flow_left_open = e.msg.find("flow not found") != std::string::npos;
    if (const auto [line, column] = UnclosedFlowBracket(stored, at.line); flow_left_open && line > 0) {
      const bool list = e.msg.find("sequence") != std::string::npos;
      diagnostics.Error("yaml.syntax", Where{file, line, column}, builder.Path(),
                        std::string("YAML syntax: this ") + (list ? "[ is never closed: the list it starts ends with ]"
                                                                  : "{ is never closed: the mapping it starts ends with }") +
                            " (YAML then gave up on line " + std::to_string(at.line) + ")");
    } else if (const int unindented = UnindentedTextLine(stored, at.line)) {
      diagnostics.Error("yaml.syntax", Where{file, unindented, 1}, builder.Path(),
                        "YAML syntax: this line has no indent, so it ends the indented text above it (a text "
                        "after `|` goes on only on lines indented like its first): indent it (YAML then gave up "
                        "on line " + std::to_string(at.line) + ": " + e.msg + ")");
    } else {
      diagnostics.Error("yaml.syntax", at, builder.Path(), "YAML syntax: " + e.msg);
    }
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    diagnostics.Error("yaml.syntax", WhereOf(e.mark, file, sources), "", std::string("YAML: ") + e.what());
    return std::nullopt;
  }
  if (builder.failed()) return std::nullopt;
  if (builder.documents() == 0) {
    diagnostics.Error("file.empty", Where{file, 1, 1}, "", "the file is empty");
    return std::nullopt;
  }
  YamlNode root = builder.TakeRoot();
  if (root.IsNull()) {
    diagnostics.Error("file.empty", Where{file, 1, 1}, "", "the file holds no values");
    return std::nullopt;
  }
  if (!root.IsMap()) {
    diagnostics.Error("yaml.type", WhereOf(root.mark, file, sources), "", "the file must be a mapping of keys to values");
    return std::nullopt;
  }
  return ParsedFile{file, std::move(root)};
}

std::optional<ParsedFile> ParseYamlText(std::string text, const std::string& shown_path, SourceSet& sources,
                                        Diagnostics& diagnostics, const ReaderLimits& limits) {
  return ParseYamlSource(AddYamlSource(std::move(text), shown_path, sources), sources, diagnostics, limits);
}

std::optional<ParsedFile> ReadYamlFile(const std::string& path, const std::string& shown_path, SourceSet& sources,
                                       Diagnostics& diagnostics, const ReaderLimits& limits) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int file = sources.Add(shown_path, "");
    diagnostics.Error("file.read", Where{file, 0, 0}, "", "cannot read the file");
    return std::nullopt;
  }
  // Read one byte past the limit so that an oversized file is reported, not truncated.
  std::string text = ReadAtMost(in, limits.max_file_bytes + 1);
  return ParseYamlText(std::move(text), shown_path, sources, diagnostics, limits);
}

}  // namespace arsred

#include "yaml_edit.h"

#include <algorithm>
#include <map>
#include <string_view>

#include "yaml_reader.h"

namespace arsred {

namespace {

// A scalar of the file as parsed, with the indentation of the block collection it is in (the
// column of its key or its dash), which bounds the lines of a block scalar.
struct ScalarAt {
  const YamlNode* node;
  int parent_indent;
};

// Where a value is written in the text, and what takes its place.
struct Replacement {
  size_t begin;
  size_t end;        // one past its last character
  std::string text;  // the edit's text, and a comment kept from a block scalar's first line
  const ScalarEdit* edit;
};

size_t OffsetOf(const YamlNode& node) { return static_cast<size_t>(node.mark.pos); }

// The byte offset of a Where (1-based line, column in characters) in its file's text.
size_t OffsetOf(const SourceFile& file, const Where& where) {
  if (where.line < 1 || static_cast<size_t>(where.line) > file.line_starts.size()) return std::string::npos;
  size_t at = file.line_starts[static_cast<size_t>(where.line - 1)];
  for (int column = 1; column < where.column && at < file.text.size(); ++column) {
    const auto lead = static_cast<unsigned char>(file.text[at]);
    at += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  }
  return at;
}

// The scalars that are values (not keys), by their offset in the text.
void IndexScalars(const YamlNode& node, int parent_indent, std::map<size_t, ScalarAt>& scalars) {
  if (node.IsScalar()) scalars[OffsetOf(node)] = {&node, parent_indent};
  for (const YamlNode& item : node.items) IndexScalars(item, node.mark.column, scalars);
  for (const YamlEntry& entry : node.entries) IndexScalars(entry.value, node.mark.column, scalars);
}

// One past the closing quote of the quoted scalar at `begin`: in double quotes a backslash
// escapes the character after it, in single quotes '' is a quote. Either may run over lines.
std::optional<size_t> QuotedEnd(std::string_view text, size_t begin) {
  const char quote = text[begin];
  for (size_t i = begin + 1; i < text.size(); ++i) {
    if (quote == '"' && text[i] == '\\') {
      ++i;
    } else if (text[i] == quote) {
      if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return std::nullopt;
}

// One past the last character of the plain scalar at `begin` whose value is `value`. It is read
// along the text as YAML folds it: the spaces around a line break are dropped, and the break is
// a space, or a line feed for each empty line after it. So it ends where its value does, before
// a comment, a `,` or `}` of a flow collection, or a line that is not its own, in block and flow
// context alike. Nullopt when the text does not spell the value.
std::optional<size_t> PlainEnd(std::string_view text, size_t begin, std::string_view value) {
  size_t i = begin, j = 0;
  while (j < value.size()) {
    const size_t after_spaces = text.find_first_not_of(" \t", i);
    if (after_spaces != std::string_view::npos && text[after_spaces] == '\n') {
      size_t breaks = 0;
      i = after_spaces;
      for (; i < text.size() && (text[i] == '\n' || text[i] == ' ' || text[i] == '\t'); ++i) breaks += text[i] == '\n';
      const std::string fold = breaks == 1 ? " " : std::string(breaks - 1, '\n');
      if (value.substr(j, fold.size()) != fold) return std::nullopt;
      j += fold.size();
      continue;
    }
    if (i >= text.size() || text[i] != value[j]) return std::nullopt;
    ++i;
    ++j;
  }
  return i;
}

// The block scalar whose indicator (`|` or `>`) is at `begin`: after its indicators (`+`, `-`,
// an indentation digit) and its line, the lines that are empty or indented at least as its
// content, which is as far as the digit says past `parent_indent`, else as far as its first line
// that is not empty. It ends at the end of the last of them that is not empty. Its `text` is a
// comment on the indicator's line, with the spaces before it, to keep after the new value.
Replacement BlockScalar(std::string_view text, size_t begin, int parent_indent) {
  size_t i = begin + 1;
  int indent = 0;
  for (; i < text.size() && (text[i] == '+' || text[i] == '-' || (text[i] >= '1' && text[i] <= '9')); ++i) {
    if (text[i] >= '1') indent = std::max(parent_indent, 0) + (text[i] - '0');
  }
  const size_t header_end = std::min(text.find('\n', i), text.size());
  const std::string_view after = text.substr(i, header_end - i);
  Replacement block{begin, header_end, after.find('#') == std::string_view::npos ? "" : std::string(after), nullptr};
  for (size_t line = header_end + 1; line < text.size();) {
    const size_t line_end = std::min(text.find('\n', line), text.size());
    const size_t first = text.find_first_not_of(' ', line);
    if (first != std::string_view::npos && first < line_end) {
      const int spaces = static_cast<int>(first - line);
      if (indent == 0 && spaces > parent_indent) indent = spaces;
      if (indent == 0 || spaces < indent) break;
      block.end = line_end;
    }
    line = line_end + 1;
  }
  return block;
}

// What replaces the value of `edit`, which starts at `scalar`; nullopt when where it ends
// cannot be told.
std::optional<Replacement> ReplacementOf(std::string_view text, const ScalarAt& scalar, const ScalarEdit& edit) {
  const size_t begin = OffsetOf(*scalar.node);
  size_t at = begin;
  if (at < text.size() && text[at] == '!') {  // a tag (`!!str`), replaced with the value
    at = std::min(text.find_first_of(" \n", at), text.size());
    at = std::min(text.find_first_not_of(' ', at), text.size());
  }
  if (at >= text.size() || text[at] == '\n') return std::nullopt;
  std::optional<Replacement> replacement;
  if (text[at] == '|' || text[at] == '>') {
    replacement = BlockScalar(text, at, scalar.parent_indent);
  } else if (std::optional<size_t> end = text[at] == '"' || text[at] == '\'' ? QuotedEnd(text, at)
                                                                             : PlainEnd(text, at, scalar.node->text)) {
    replacement = Replacement{at, *end, "", nullptr};
  }
  if (!replacement) return std::nullopt;
  replacement->begin = begin;
  replacement->text = edit.text + replacement->text;
  replacement->edit = &edit;
  return replacement;
}

std::string Apply(std::string text, std::vector<Replacement> replacements) {
  std::sort(replacements.begin(), replacements.end(),
            [](const Replacement& a, const Replacement& b) { return a.begin > b.begin; });
  for (const Replacement& r : replacements) text.replace(r.begin, r.end - r.begin, r.text);
  return text;
}

// Whether `after` holds what `before` does, but for the values at the offsets of `written`
// (in the text of `before`), which must be plain scalars of the text written.
bool SameValues(const YamlNode& before, const YamlNode& after, const std::map<size_t, std::string>& written) {
  if (before.kind != after.kind) return false;
  if (before.IsScalar()) {
    const auto it = written.find(OffsetOf(before));
    if (it != written.end()) return after.plain && after.text == it->second;
    return before.plain == after.plain && before.text == after.text;
  }
  if (before.items.size() != after.items.size() || before.entries.size() != after.entries.size()) return false;
  for (size_t i = 0; i < before.items.size(); ++i) {
    if (!SameValues(before.items[i], after.items[i], written)) return false;
  }
  for (size_t i = 0; i < before.entries.size(); ++i) {
    if (!SameValues(before.entries[i].key, after.entries[i].key, written) ||
        !SameValues(before.entries[i].value, after.entries[i].value, written)) {
      return false;
    }
  }
  return true;
}

// Whether the file's text with `replacements` made parses to what the file holds, but for the
// values replaced, which read as their edits' text.
bool OnlyEditedValuesChange(const SourceFile& file, const YamlNode& root,
                            const std::vector<Replacement>& replacements) {
  std::map<size_t, std::string> written;
  for (const Replacement& r : replacements) written[r.begin] = r.edit->text;
  SourceSet edited;
  Diagnostics parsing;
  const std::optional<ParsedFile> parsed = ParseYamlText(Apply(file.text, replacements), file.path, edited, parsing);
  return parsed && SameValues(root, parsed->root, written);
}

}  // namespace

std::optional<std::string> EditScalars(const SourceSet& sources, int file, const std::vector<ScalarEdit>& edits,
                                       Diagnostics& diagnostics) {
  const SourceFile& source = sources.file(file);
  Diagnostics parsing;  // the file was loaded: what is wrong in it is said already
  const std::optional<ParsedFile> parsed = ParseYamlSource(YamlSource{file, false}, sources, parsing);
  std::map<size_t, ScalarAt> scalars;
  if (parsed) IndexScalars(parsed->root, -1, scalars);
  const auto refuse = [&diagnostics](const ScalarEdit& edit, const std::string& why) {
    diagnostics.Error("import.edit", edit.where, edit.path,
                      why + ": write it as a plain value on one line, such as `ATT FYLLA I`, and import again");
  };

  std::vector<Replacement> replacements;
  for (const ScalarEdit& edit : edits) {
    const auto scalar = scalars.find(OffsetOf(source, edit.where));
    std::optional<Replacement> replacement;
    if (scalar != scalars.end()) replacement = ReplacementOf(source.text, scalar->second, edit);
    if (!replacement) {
      refuse(edit, "cannot tell where this value ends in the text, to write " + edit.text + " in its place");
      continue;
    }
    const auto overlaps = [&](const Replacement& other) {
      return other.begin < replacement->end && replacement->begin < other.end;
    };
    if (std::any_of(replacements.begin(), replacements.end(), overlaps)) {
      refuse(edit, "this value would be written twice");
      continue;
    }
    replacements.push_back(std::move(*replacement));
  }
  if (replacements.size() < edits.size()) return std::nullopt;
  if (replacements.empty()) return source.text;

  // The text made must hold every other value as it was: a value whose end was misread would
  // take what follows it with it, or leave part of itself behind.
  if (OnlyEditedValuesChange(source, parsed->root, replacements)) return Apply(source.text, replacements);
  bool said = false;
  for (const Replacement& replacement : replacements) {
    if (OnlyEditedValuesChange(source, parsed->root, {replacement})) continue;
    refuse(*replacement.edit, "writing " + replacement.edit->text + " in place of this value would change others");
    said = true;
  }
  if (!said) refuse(edits.front(), "writing the values together would change others");
  return std::nullopt;
}

}  // namespace arsred

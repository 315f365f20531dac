// Light markup for the report's prose (docs/markup.md): headings, paragraphs, bullet lists,
// emphasis, small print, links, embedded blocks [[kind:id]] and placeholders {name|format}.
// Parsed when the inputs are loaded, so that every placeholder keeps its own file position.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "diagnostics.h"
#include "values.h"

namespace arsred {

struct Inline {
  enum class Kind { kText, kEmphasis, kStrong, kPlaceholder, kLink };
  Kind kind = Kind::kText;
  std::string text;                  // the text, the placeholder's name, or the link's address
  std::vector<std::string> formats;  // placeholder formats, e.g. {"tkr", "abs"}
  Where where;                       // where the span starts in the input file
  // Where bytes of a text, emphasis or strong span stand in the file, as (offset in `text`,
  // position) wherever that does not follow from the characters before it: a joined line, an
  // escape. Empty when the span stays on one line as written, or when positions are not known
  // (`placed` false: a folded or quoted scalar, whose every byte is reported at `where`).
  std::vector<std::pair<size_t, Where>> breaks;
  bool placed = true;

  // The file position of byte `offset` of `text`, so that a check can point at a word inside
  // the span (for text, emphasis and strong spans).
  Where At(size_t offset) const;
};

struct Block {
  enum class Kind { kHeading, kParagraph, kSmallPrint, kBulletItem, kEmbed };
  Kind kind = Kind::kParagraph;
  int level = 0;                // heading level 1..4
  std::vector<Inline> inlines;  // for headings, paragraphs and list items
  std::string embed;            // for embeds: "tabell:deltagarfloden", "flerarsoversikt"
  Where where;
};

struct MarkupDoc {
  std::vector<Block> blocks;
};

// Prose as loaded from the input: the raw text, where its lines stand, and its parsed blocks.
struct Text {
  std::string raw;
  int first_line = 0;   // 1-based line of the first content line in the file
  int indent = 0;       // columns of indentation stripped from each content line
  bool block = false;   // a literal (|) block scalar: its lines map one to one onto the file
  MarkupDoc doc;
};

// A one-line caption (a table's or chart's `rubrik`) that may quote figures: its text and
// placeholder spans, `where` being where its value stands. Brace errors go to `diagnostics`.
std::vector<Inline> ParseCaption(const std::string& caption, const Where& where, const std::string& key_path,
                                 Diagnostics& diagnostics);

// Parses `text` (a loaded Text value) into blocks. `origin` is where the text's first content
// line stands; markup errors (unclosed braces, unknown heading levels) go to `diagnostics`.
MarkupDoc ParseMarkup(const Text& text, const Where& origin, const std::string& key_path, Diagnostics& diagnostics);

}  // namespace arsred

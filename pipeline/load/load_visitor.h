// Fills the structs of model.h from the YamlNode tree of one file, following each struct's
// Fields(): checks types, required and unknown keys, duplicate keys, and keeps every value's
// position. Every finding goes to the Diagnostics; loading goes on after an error so that one run
// reports all.
#pragma once

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "diagnostics.h"
#include "field_traits.h"
#include "fill_marker.h"
#include "yaml_reader.h"

namespace arsred {

// The key a path ends in, without list indices: "noter[2].poster[0].belopp" -> "belopp".
std::string LastKey(const std::string& path);

// The nearest of `candidates` to `word` when it is close enough to be a likely typo.
std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates);

class Loader {
 public:
  Loader(int file, const SourceSet& sources, Diagnostics& diagnostics, size_t max_scalar_bytes)
      : file_(file), sources_(sources), diagnostics_(diagnostics), max_scalar_bytes_(max_scalar_bytes) {}

  // Amounts in tkr are then exact thousands: a budget is decided in whole tkr, and 6 000 tkr is
  // 6 000 000 kr, not a figure known only to the nearest thousand (which prints with ≈ in kr).
  void set_thousands_exact() { thousands_exact_ = true; }

  template <class T>
  void LoadRoot(const YamlNode& root, T& target) {
    ReadMapping(root, "", target);
  }

  // Reads `node` into `target`; `path` is the key path used in messages.
  template <class T>
  void Read(const YamlNode& node, const std::string& path, T& target);

  Where At(const YamlNode& node) const { return WhereOf(node.mark, file_, sources_); }
  // Markers where a draft could show nothing in the value's place (a date, a name, a choice).
  int undraftable_markers() const { return undraftable_markers_; }
  void Error(const char* code, const YamlNode& node, const std::string& path, const std::string& message) {
    diagnostics_.Error(code, At(node), path, message);
  }

 private:
  template <class T>
  struct FieldVisitor;

  template <class T>
  void ReadMapping(const YamlNode& node, const std::string& path, T& target);
  bool CheckKeys(const YamlNode& node, const std::string& path);
  // Whether `node` is the "to fill" marker that `arsred new` writes (fill_marker.h).
  static bool IsFillMarker(const YamlNode& node);
  // What a value of the type is, for the message on a value still to fill in.
  std::string WhatToFill(const std::string&) const { return "one line of text"; }
  std::string WhatToFill(const int64_t&) const { return "a whole number"; }
  std::string WhatToFill(const Money&) const {
    return unit_ == Unit::kTkr ? "an amount in whole tkr" : "an amount in whole kronor";
  }
  std::string WhatToFill(const Decimal&) const { return "a number with at most two decimals (2,4)"; }
  std::string WhatToFill(const Date&) const { return "a date (YYYY-MM-DD)"; }
  std::string WhatToFill(const YearOrDate&) const { return "a year (YYYY) or a date (YYYY-MM-DD)"; }
  std::string WhatToFill(const bool&) const { return "true or false"; }
  std::string WhatToFill(const Id&) const { return "an id (a-z, 0-9, - and _)"; }
  template <class E>
    requires IsEnum<E>::value
  std::string WhatToFill(const E&) const {
    std::string words = "one of";
    for (const auto& v : EnumSpelling<E>::kValues) {
      words += ' ';
      words += v.spelling;
    }
    return words;
  }
  // The scalar of a plain (unquoted) YAML scalar, for numbers, dates and booleans.
  bool PlainScalar(const YamlNode& node, const std::string& path, const char* what, std::string* out);

  void ReadValue(const YamlNode& node, const std::string& path, std::string& out);
  void ReadValue(const YamlNode& node, const std::string& path, Text& out);
  void ReadValue(const YamlNode& node, const std::string& path, int64_t& out);
  void ReadValue(const YamlNode& node, const std::string& path, Money& out);
  void ReadValue(const YamlNode& node, const std::string& path, Decimal& out);
  void ReadValue(const YamlNode& node, const std::string& path, Date& out);
  void ReadValue(const YamlNode& node, const std::string& path, YearOrDate& out);
  void ReadValue(const YamlNode& node, const std::string& path, bool& out);
  void ReadValue(const YamlNode& node, const std::string& path, Id& out);
  template <class E>
    requires IsEnum<E>::value
  void ReadValue(const YamlNode& node, const std::string& path, E& out);

  int file_;
  const SourceSet& sources_;
  Diagnostics& diagnostics_;
  // A quoted scalar whose closing quote is not on its own line, nor on the lines below that
  // continue it (indented more): almost always an unclosed quote that swallowed the lines below.
  bool QuoteRunsOn(const YamlNode& node) const;
  bool TooLong(const YamlNode& node, const std::string& path);

  Unit unit_ = Unit::kKr;  // the unit of money in the mapping being read (its `enhet` key)
  bool thousands_exact_ = false;  // see set_thousands_exact
  size_t max_scalar_bytes_;
  int undraftable_markers_ = 0;
};

template <class T>
struct Loader::FieldVisitor {
  Loader& loader;
  const YamlNode& map;
  const std::string& path;
  std::vector<std::string> known;
  // A value's quote left open swallowed the lines below it: a key missing after it is most
  // likely among them, and the open quote (value.quote) is the finding to mend.
  bool keys_swallowed = false;

  template <class M>
  void operator()(const char* key, M& member, const char* /*doc*/) {
    known.emplace_back(key);
    const YamlEntry* entry = map.Lookup(key);
    std::string child_path = path.empty() ? key : path + "." + key;
    if (entry == nullptr) {
      if constexpr (kIsRequired<M>) {
        if (keys_swallowed) return;
        loader.Error("key.missing", map, path, std::string("missing required key `") + key + "`");
      }
      return;
    }
    if (entry->value.IsNull()) {
      // yaml-cpp marks an empty value at the next token, often the next line: point at the key.
      loader.Error("yaml.type", entry->key, child_path, "no value given: write a value or leave the key out");
      return;
    }
    loader.Read(entry->value, child_path, member);
  }
};

template <class T>
void Loader::ReadMapping(const YamlNode& node, const std::string& path, T& target) {
  target.where = At(node);
  target.path = path;
  if (!node.IsMap()) {
    Error("yaml.type", node, path, "expected a mapping of keys (key: value)");
    return;
  }
  if (!CheckKeys(node, path)) return;
  Unit saved = unit_;
  FieldVisitor<T> visitor{*this, node, path, {}};
  visitor.keys_swallowed = std::any_of(node.entries.begin(), node.entries.end(), [&](const YamlEntry& entry) {
    return entry.value.IsScalar() && QuoteRunsOn(entry.value);
  });
  target.Fields(visitor);
  unit_ = saved;
  for (const YamlEntry& entry : node.entries) {
    const std::string& key = entry.key.text;
    if (std::find(visitor.known.begin(), visitor.known.end(), key) != visitor.known.end()) continue;
    std::string message = "unknown key `" + key + "`";
    std::string suggestion = DidYouMean(key, visitor.known);
    if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
    Error("key.unknown", entry.key, path.empty() ? key : path + "." + key, message);
  }
}

template <class T>
void Loader::Read(const YamlNode& node, const std::string& path, T& target) {
  if constexpr (IsOptional<T>::value) {
    target.emplace();
    Read(node, path, *target);
  } else if constexpr (IsVector<T>::value) {
    if (!node.IsSequence()) {
      Error("yaml.type", node, path, "expected a list (items starting with -)");
      return;
    }
    target.resize(node.items.size());
    for (size_t i = 0; i < node.items.size(); ++i) {
      Read(node.items[i], path + "[" + std::to_string(i) + "]", target[i]);
    }
  } else if constexpr (IsDict<T>::value) {
    if (!node.IsMap()) {
      Error("yaml.type", node, path, "expected a mapping of ids to values");
      return;
    }
    if (!CheckKeys(node, path)) return;
    for (const YamlEntry& pair : node.entries) {
      auto& entry = target.entries.emplace_back();
      entry.first.where = At(pair.key);
      entry.first.path = path + "." + pair.key.text;
      ReadValue(pair.key, entry.first.path, entry.first.value);
      Read(pair.value, entry.first.path, entry.second);
    }
  } else if constexpr (IsLocated<T>::value) {
    target.where = At(node);
    target.path = path;
    // The marker `arsred new` writes (fill_marker.h): a figure still to fill in is missing, not
    // malformed. Prose is loaded as it stands; validation lists the texts still to write.
    if constexpr (!std::is_same_v<decltype(target.value), Text>) {
      if (IsFillMarker(node)) {
        Error("fill.value", node, path, "to fill in: `" + LastKey(path) + "`, " + WhatToFill(target.value));
        target.to_fill = true;
        using V = decltype(target.value);
        if constexpr (std::is_same_v<V, Money>) target.value = Money::ToFill();
        // A draft shows these as still to fill in (an amount, a count, a goal's status); any
        // other value is one the report cannot be drafted without.
        constexpr bool kDraftable = std::is_same_v<V, Money> || std::is_same_v<V, int64_t> ||
                                    std::is_same_v<V, Decimal> || std::is_same_v<V, GoalStatus>;
        if (!kDraftable) ++undraftable_markers_;
        return;
      }
    }
    ReadValue(node, path, target.value);
    if constexpr (std::is_same_v<decltype(target.value), Unit>) unit_ = target.value;
  } else {
    static_assert(kIsMapping<T>, "unsupported member type in model.h");
    ReadMapping(node, path, target);
  }
}

template <class E>
  requires IsEnum<E>::value
void Loader::ReadValue(const YamlNode& node, const std::string& path, E& out) {
  std::string spelling;
  if (!PlainScalar(node, path, "one of the words listed in the reference", &spelling)) return;
  std::vector<std::string> allowed;
  for (const auto& v : EnumSpelling<E>::kValues) {
    if (v.spelling == spelling) {
      out = v.value;
      return;
    }
    allowed.emplace_back(v.spelling);
  }
  std::string message = "`" + spelling + "` is not one of:";
  for (const auto& a : allowed) message += " " + a;
  std::string suggestion = DidYouMean(spelling, allowed);
  if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
  Error("value.enum", node, path, message);
}

}  // namespace arsred

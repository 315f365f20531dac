// `arsred new`: starts a year's inputs from the year before it. What stays from year to year is
// carried (the förbund, its members and board, the insatser and goals, the notes' structure, the
// tables and charts, the accounting principles); every figure and text that is the year's own
// is written as the marker ATT FYLLA I (fill_marker.h), which `arsred check` lists with its place
// until it is replaced. Opening balances are not written: they come from the prior year's
// directory, as for any year that has one.
//
// The files are made from the loaded prior year through the Fields() of model.h, so every key of
// the format is written, or deliberately left out, by the rules below: a key without a rule of
// its own follows its type (amounts and prose are the year's own, other values are carried).
#pragma once

#include <iosfwd>
#include <span>
#include <string>
#include <string_view>

namespace arsred {

// What a key of the prior year becomes in the new year.
enum class Fate {
  kCarry,     // written as it stands (a mapping: each of its keys by its own rule)
  kVerbatim,  // written as it stands, with everything under it
  kMark,      // written as the marker (a list's or a dictionary's every value): the year's own
  kDrop,      // left out: derived from the prior year, or only there to check a printed report
  kNewYear,   // a caption: the prior year's number in it becomes the new year's
};

struct FieldFate {
  std::string_view mapping;  // a mapping's name (kName in model.h), or "*" for every mapping
  std::string_view key;      // a key of that mapping, or "*" for every key
  Fate fate;
};

// The keys whose fate is not their type's. A test checks that each names a key of the format.
std::span<const FieldFate> NewYearRules();

// Writes <parent of from_dir>/<year>/ from the year directory `from_dir`, whose year must be
// year - 1, all at once: into a directory beside it, renamed into place when complete. Nothing
// is written when the target exists, the years do not follow each other, or the prior year
// does not load; the reasons go to `err`. Returns an exit code (diagnostics.h): 0 when written,
// 3 when written from a prior year that has validation errors of its own, 2 when refused.
int NewYear(int year, const std::string& from_dir, std::ostream& err);

}  // namespace arsred

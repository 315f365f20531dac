// Words chosen by the sign of a figure (docs/markup.md, "Words from the sign"): the formats
// `hogre_lagre`, `mer_mindre`, `over_under`, `overskott_underskott` and `okning_minskning`, so that prose like
// "{drift.personal.avvikelse|tkr,abs} tkr {drift.personal.avvikelse|mer_mindre} än budgeterat"
// is true whatever the year's figures are. Also the typed words that check reads next to a
// signed placeholder (validate_text.cc), so that both use one vocabulary.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "figures.h"

namespace arsred {

// What the sign of a figure means to a reader. Only these figures take a sign word.
enum class SignMeaning {
  kNone,           // a balance, a magnitude, a count, a share: its sign says nothing a word should
  kResult,         // a result: positive is a surplus (and what it adds to eget kapital)
  kDeviation,      // utfall − budget of an income or a result: positive is more than budgeted
  kCostDeviation,  // utfall − budget of a cost, which the driftredovisning prints negative:
                   // a negative deviation is a cost higher than budgeted
  kIncrease,       // a change in a balance: positive is an increase
  kDecrease,       // a change in the cash flow's sign: positive is a decrease of the balance it
                   // names (kfa.forandring_fordringar: less owed to the förbund, more cash)
};

// The meaning of the figure `name` (without the "fg." prefix) in `figures`, its year's table.
SignMeaning MeaningOf(const std::string& name, const FigureTable& figures);

// True for the sign-word formats.
bool IsSignWordFormat(std::string_view format);
// The first sign-word format of a placeholder's formats, or null.
const std::string* FindSignWordFormat(const std::vector<std::string>& formats);
// True when `format` says something true about a figure of meaning `meaning`: the comparison
// words for deviations, surplus and deficit for results, increase and decrease for changes
// (and for results, which change eget kapital).
bool SignWordSuits(std::string_view format, SignMeaning meaning);
// "högre/lägre", for messages: the two words of a sign-word format.
std::string SignWordPair(std::string_view format);
// What `format` suits, for messages: "a deviation from budget (drift.ROW.avvikelse)".
std::string SignWordNeeds(std::string_view format);

// +1 when `value` means more (higher, a surplus, an increase) to a reader, −1 when less, 0 for 0.
int ReaderDirection(SignMeaning meaning, int64_t value);

// The word for a figure of meaning `meaning` whose printed value is `printed` (after rounding,
// in the unit the placeholder prints). A printed 0 has no direction: both words are printed,
// "högre/lägre", which check reports before it can reach a report (text.sign_zero).
std::string SignWord(std::string_view format, SignMeaning meaning, int64_t printed);
// The same for the figure `name` (without "fg.") of `figures`.
std::string SignWord(std::string_view format, const std::string& name, const FigureTable& figures, int64_t printed);

// Typed words that state a direction, lower case: the comparative before "än" after a
// deviation ("högre", "mer", "större"; "lägre", "mindre"), and the noun or verb before a
// result or a change ("överskott", "underskott"; "ökning", "ökat", "ökade", "minskning", ...).
// +1 or −1 for a word of that kind, 0 for any other word.
int ComparativeDirection(std::string_view word);
int ResultWordDirection(std::string_view word);
int ChangeWordDirection(std::string_view word);

}  // namespace arsred

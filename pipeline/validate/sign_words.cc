#include "sign_words.h"

#include <algorithm>

namespace arsred {

namespace {

struct WordPair {
  const char* format;
  const char* more;  // for a value that means more to a reader
  const char* less;
};

constexpr WordPair kPairs[] = {
    {"hogre_lagre", "högre", "lägre"},
    {"mer_mindre", "mer", "mindre"},
    {"over_under", "över", "under"},
    {"overskott_underskott", "överskott", "underskott"},
    {"okning_minskning", "ökning", "minskning"},
};

const WordPair* PairOf(std::string_view format) {
  for (const WordPair& pair : kPairs) {
    if (format == pair.format) return &pair;
  }
  return nullptr;
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

int Direction(std::string_view word, std::initializer_list<std::string_view> more,
              std::initializer_list<std::string_view> less) {
  if (std::find(more.begin(), more.end(), word) != more.end()) return 1;
  if (std::find(less.begin(), less.end(), word) != less.end()) return -1;
  return 0;
}

}  // namespace

SignMeaning MeaningOf(const std::string& name, const FigureTable& figures) {
  static const char* const kResults[] = {"rr.arets_resultat",  "rr.resultat_efter_finansiella_poster",
                                         "rr.verksamhetens_resultat", "br.arets_resultat",
                                         "kfa.arets_resultat", "drift.resultat.utfall",
                                         "drift.resultat.budget"};
  for (const char* result : kResults) {
    if (name == result) return SignMeaning::kResult;
  }
  // Changes of a balance in the cash flow's sign: an increase of cash, of provisions and of
  // liabilities is positive; an increase of receivables is negative (it ties up cash).
  if (name == "kfa.arets_kassaflode" || name == "kfa.justering_avsattningar" || name == "kfa.forandring_skulder") {
    return SignMeaning::kIncrease;
  }
  if (name == "kfa.forandring_fordringar") return SignMeaning::kDecrease;
  // The year's movements of an avsättning note (only those notes have `forandring`).
  if (StartsWith(name, "not.") && EndsWith(name, ".forandring")) return SignMeaning::kIncrease;

  if (StartsWith(name, "drift.") && EndsWith(name, ".avvikelse")) {
    std::string_view row = std::string_view(name).substr(6, name.size() - 6 - 10);
    if (row == "kostnader" || row == "nettokostnad") return SignMeaning::kCostDeviation;
    if (row == "intakter" || row == "resultat") return SignMeaning::kDeviation;
    if (row == "finansiella_poster") {
      // The financial items are a net: a reader speaks of their costs when the outcome is a
      // net cost (or nil against a budgeted cost), of their income otherwise.
      int64_t outcome = figures.MoneyOr0("drift.finansiella_poster.utfall").kronor;
      int64_t budget = figures.MoneyOr0("drift.finansiella_poster.budget").kronor;
      bool cost = outcome < 0 || (outcome == 0 && budget < 0);
      return cost ? SignMeaning::kCostDeviation : SignMeaning::kDeviation;
    }
    const Figure* f = figures.Find(name);
    if (!f) return SignMeaning::kNone;
    return f->cost ? SignMeaning::kCostDeviation : SignMeaning::kDeviation;
  }
  return SignMeaning::kNone;
}

bool IsSignWordFormat(std::string_view format) { return PairOf(format) != nullptr; }

const std::string* FindSignWordFormat(const std::vector<std::string>& formats) {
  for (const std::string& format : formats) {
    if (IsSignWordFormat(format)) return &format;
  }
  return nullptr;
}

bool SignWordSuits(std::string_view format, SignMeaning meaning) {
  using M = SignMeaning;
  if (format == "hogre_lagre" || format == "mer_mindre" || format == "over_under") {
    return meaning == M::kDeviation || meaning == M::kCostDeviation;
  }
  if (format == "overskott_underskott") return meaning == M::kResult;
  if (format == "okning_minskning") return meaning == M::kIncrease || meaning == M::kDecrease || meaning == M::kResult;
  return false;
}

std::string SignWordPair(std::string_view format) {
  const WordPair* pair = PairOf(format);
  return pair ? std::string(pair->more) + "/" + pair->less : "";
}

std::string SignWordNeeds(std::string_view format) {
  if (format == "hogre_lagre" || format == "mer_mindre" || format == "over_under") {
    return "a deviation from budget (drift.ROW.avvikelse)";
  }
  if (format == "overskott_underskott") return "a result (rr.arets_resultat, drift.resultat.utfall, …)";
  if (format == "okning_minskning") {
    return "a change (kfa.arets_kassaflode, kfa.forandring_*, an avsättning note's forandring) or a result";
  }
  return "";
}

int ReaderDirection(SignMeaning meaning, int64_t value) {
  int sign = value > 0 ? 1 : value < 0 ? -1 : 0;
  return meaning == SignMeaning::kCostDeviation || meaning == SignMeaning::kDecrease ? -sign : sign;
}

std::string SignWord(std::string_view format, SignMeaning meaning, int64_t printed) {
  const WordPair* pair = PairOf(format);
  if (!pair) return "";
  int direction = ReaderDirection(meaning, printed);
  if (direction > 0) return pair->more;
  if (direction < 0) return pair->less;
  return SignWordPair(format);  // printed as 0: no word is true (check reports text.sign_zero)
}

std::string SignWord(std::string_view format, const std::string& name, const FigureTable& figures, int64_t printed) {
  return SignWord(format, MeaningOf(name, figures), printed);
}

int ComparativeDirection(std::string_view word) {
  return Direction(word, {"högre", "mer", "större"}, {"lägre", "mindre"});
}

int ResultWordDirection(std::string_view word) { return Direction(word, {"överskott"}, {"underskott"}); }

int ChangeWordDirection(std::string_view word) {
  return Direction(word, {"ökning", "ökat", "ökade", "ökar"}, {"minskning", "minskat", "minskade", "minskar"});
}

}  // namespace arsred

#include "propose_mapping.h"

#include <algorithm>
#include <map>
#include <sstream>
#include <type_traits>

#include "account_mapping.h"
#include "figures.h"
#include "values.h"

namespace arsred {

namespace {

// The statement line (or `eget_kapital`) an account's number belongs to: BAS's classes, which
// Kommun-Bas shares but for its financial items (84 income, 85 costs). "" for what a förbund's
// report has no line for (taxes, appropriations, the year's result booked to equity).
std::string LineOfAccount(int account, bool kommun_bas) {
  if (account < 1000 || account > 8999) return "";
  if (account <= 1299) return "balansrakning.materiella_anlaggningstillgangar";
  if (account <= 1399) return "balansrakning.finansiella_anlaggningstillgangar";
  if (account <= 1799) return "balansrakning.fordringar";
  if (account <= 1899) return "balansrakning.kortfristiga_placeringar";
  if (account <= 1999) return "balansrakning.kassa_och_bank";
  if (account <= 2099) return "eget_kapital";
  if (account <= 2199) return "balansrakning.andra_avsattningar";
  if (account <= 2239) return "balansrakning.avsattningar_pensioner";
  if (account <= 2299) return "balansrakning.andra_avsattningar";
  if (account <= 2399) return "balansrakning.langfristiga_skulder";
  if (account <= 2999) return "balansrakning.kortfristiga_skulder";
  if (account <= 3999) return "resultatrakning.verksamhetens_intakter";
  if (kommun_bas) {
    if (account <= 7999) return "resultatrakning.verksamhetens_kostnader";
    if (account >= 8400 && account <= 8499) return "resultatrakning.finansiella_intakter";
    if (account >= 8500 && account <= 8599) return "resultatrakning.finansiella_kostnader";
    return "";
  }
  if (account >= 7800 && account <= 7899) return "resultatrakning.avskrivningar";
  if (account <= 7999) return "resultatrakning.verksamhetens_kostnader";
  if (account <= 8399) return "resultatrakning.finansiella_intakter";
  if (account <= 8499) return "resultatrakning.finansiella_kostnader";
  return "";
}

// The money lines a statement section of the inputs gives directly.
struct MoneyLines {
  std::vector<std::string> given;
  template <class M>
  void operator()(const char* key, M& member, const char*) {
    if constexpr (std::is_same_v<M, std::optional<Located<Money>>>) {
      if (member) given.push_back(key);
    }
  }
};

// Where an account may go: a note item (by id), an avsattning or anlaggning note, a line given directly, or
// equity; with the text its name is compared with.
struct Candidate {
  std::string till;
  std::string line;
  std::string text;
};

std::vector<Candidate> CandidatesOf(const AccountsFile& accounts) {
  std::vector<Candidate> out;
  for (const Note& note : accounts.noter) {
    // Notes mapped whole: their items are movements, not balances (account_mapping.cc).
    if ((note.typ && note.typ->value == NoteKind::kProvision) || IsFixedAssetNote(note)) {
      for (const auto& line : note.avser) out.push_back({"noter." + note.id.value.name, line.value, note.rubrik.value});
      continue;
    }
    for (const NoteItem& item : note.poster) {
      if (!item.id) continue;
      std::string line = note.avser.empty() ? "" : note.avser.front().value;
      if (note.avser.size() > 1) {
        line.clear();
        for (const auto& candidate : note.avser) {
          if (item.rad && candidate.value.substr(candidate.value.find('.') + 1) == item.rad->value.name) {
            line = candidate.value;
          }
        }
      }
      out.push_back({"noter." + note.id.value.name + "." + item.id->value.name, line, item.text.value});
    }
  }
  auto direct = [&](const char* section, const auto& statement) {
    if (!statement) return;
    MoneyLines lines;
    const_cast<std::remove_cvref_t<decltype(*statement)>&>(*statement).Fields(lines);  // only reads
    for (const std::string& key : lines.given) {
      const std::string line = std::string(section) + "." + key;
      out.push_back({line, line, key});
    }
  };
  direct("resultatrakning", accounts.resultatrakning);
  direct("balansrakning", accounts.balansrakning);
  out.push_back({"eget_kapital", "eget_kapital", "eget kapital"});
  return out;
}

// Little words that say nothing of what an account is: "Löner till tjänstemän" must not look
// like "Bidrag till insatser".
bool IsLittleWord(const std::string& word) {
  static const char* const kLittle[] = {"till", "och", "för", "med", "som", "från", "under", "samt", "vid", "mot",
                                        "inom", "per", "ej", "övr"};
  return std::any_of(std::begin(kLittle), std::end(kLittle), [&](const char* little) { return word == little; });
}

// Lower-case words of a name, å, ä and ö kept, little words left out:
// "Bidrag till Försäkringskassan" -> {bidrag, försäkringskassan}.
// Names written in capitals, as older programs export them ("BIDRAG FÖRSÄKRINGSKASSAN"), find
// the same words: Å, Ä and Ö are lowered too.
std::vector<std::string> Words(const std::string& name) {
  const std::string text = LowerLatin1(name);
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    unsigned char c = i < text.size() ? static_cast<unsigned char>(text[i]) : ' ';
    if ((c >= 'a' && c <= 'z') || c >= 0x80) {
      word += static_cast<char>(c);
      continue;
    }
    if (word.size() >= 3 && !IsLittleWord(word)) words.push_back(word);
    word.clear();
  }
  return words;
}

// Words that BAS's account groups stand for in a förbund's notes, so that "7010 Löner" finds the
// item "Personalkostnader" and "4010 Bidrag" the item "Bidrag till insatser".
std::string GroupWords(int account) {
  if (account >= 1900 && account <= 1999) return " bank konto";
  if (account >= 3000 && account <= 3099) return " bidrag medlemsbidrag";
  if (account >= 4000 && account <= 4999) return " insatser bidrag";
  if (account >= 5000 && account <= 6999) return " övriga externa kostnader verksamhetskostnader";
  if (account >= 7000 && account <= 7699) return " personalkostnader personal löner arvoden";
  if (account >= 8000 && account <= 8599) return " finansiella";
  return "";
}

// How alike two names are: for each word of the first, 2 when the second has it too, 1 when it
// has a word that begins with the same five letters ("region" and "regionen").
int Likeness(const std::string& a, const std::string& b) {
  int likeness = 0;
  const std::vector<std::string> others = Words(b);
  for (const std::string& x : Words(a)) {
    int best = 0;
    for (const std::string& y : others) {
      const size_t n = std::min<size_t>({x.size(), y.size(), 5});
      if (x == y) best = 2;
      else if (x.compare(0, n, y, 0, n) == 0) best = std::max(best, 1);
    }
    likeness += best;
  }
  return likeness;
}

// Where the year's own kontomappning sends `account`, or "" when none of its lines takes it.
std::string MappedTarget(const AccountsFile& accounts, int account) {
  for (const AccountMapping& mapping : accounts.kontomappning) {
    for (const Located<std::string>& text : mapping.konton) {
      const std::optional<AccountRange> range = ParseAccountRange(text.value);
      if (range && account >= range->first && account <= range->last) return mapping.till.value;
    }
  }
  return "";
}

}  // namespace

std::string ProposeMapping(const SieFile& books, const AccountsFile& accounts, const std::string& books_name) {
  const bool kommun_bas = books.chart_of_accounts.value.find("KB") != std::string::npos ||
                          books.chart_of_accounts.value.find("ommun") != std::string::npos;
  const std::vector<Candidate> candidates = CandidatesOf(accounts);
  // The accounts with a balance this year, each placed once.
  std::map<int, int64_t> balances;
  for (const SieBalance& b : books.balances) {
    if (b.year_index == 0 && b.kind != SieBalanceKind::kOpening && b.ore != 0) balances[b.account] += b.ore;
  }
  struct Entry {
    std::vector<int> accounts;
    std::vector<std::string> notes;
  };
  std::map<std::string, Entry> entries;
  std::vector<std::string> order;  // targets in the order of their first account
  std::vector<std::string> unplaced;
  size_t differences = 0;  // accounts the year's own mapping sends elsewhere
  for (const auto& [number, ore] : balances) {
    const SieAccount* account = books.LookupAccount(number);
    const std::string name = account ? account->name : "";
    const std::string label = std::to_string(number) + (name.empty() ? "" : " " + name);
    const std::string line = LineOfAccount(BasAccountOf(number), kommun_bas);
    if (line.empty()) {
      unplaced.push_back(label + ": no line of the report in the chart (the year's result booked to equity "
                                 "needs no mapping)");
      continue;
    }
    const Candidate* best = nullptr;
    int best_likeness = -1;
    for (const Candidate& c : candidates) {
      if (c.line != line) continue;
      // The account's own name counts twice the words of its group.
      const int likeness = 2 * Likeness(name, c.text) + Likeness(GroupWords(BasAccountOf(number)), c.text);
      if (likeness > best_likeness) {
        best = &c;
        best_likeness = likeness;
      }
    }
    if (!best) {
      unplaced.push_back(label + ": belongs to " + line + ", which no note item with an id and no line given "
                                 "directly stands for (give the note's items ids, or the line a value)");
      continue;
    }
    if (!entries.count(best->till)) order.push_back(best->till);
    Entry& entry = entries[best->till];
    entry.accounts.push_back(number);
    std::string why = label + " -> " + best->text;
    if (best_likeness == 0 && best->till != "eget_kapital") why += " (no word of the names matched: check)";
    // A year that has a mapping already: say where it differs, so that copying the proposal
    // over it does not move a figure unseen.
    const std::string mapped = MappedTarget(accounts, number);
    if (!accounts.kontomappning.empty() && mapped != best->till) {
      why += mapped.empty() ? " (the year's kontomappning has no line for it)"
                            : " (the year's kontomappning sends it to " + mapped + ")";
      ++differences;
    }
    entry.notes.push_back(why);
  }

  std::ostringstream out;
  out << "# A starting kontomappning proposed from " << books_name
      << (books.chart_of_accounts.value.empty() ? "" : " (" + books.chart_of_accounts.value + ")")
      << ": review every entry,\n# then put it in rakenskaper.yaml. Each account with a balance goes to the "
         "line its number\n# belongs to, and there to the note item whose text is most like its name.\n";
  if (!accounts.kontomappning.empty()) {
    out << "# The year has a kontomappning of its own; this proposal differs from it for " << differences
        << (differences == 1 ? " account" : " accounts") << " (marked below).\n";
  }
  for (const std::string& text : unplaced) out << "# not placed: " << text << "\n";
  out << "kontomappning:\n";
  for (const std::string& till : order) {
    const Entry& entry = entries.at(till);
    out << "  - konton: [";
    for (size_t i = 0; i < entry.accounts.size(); ++i) out << (i ? ", " : "") << entry.accounts[i];
    out << "]\n    till: " << till << "\n";
    for (const std::string& note : entry.notes) out << "    # " << note << "\n";
  }
  return out.str();
}

}  // namespace arsred

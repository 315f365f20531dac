// The real inputs: every year is clean; every money figure of 2023 takes part in an identity
// that breaks when it changes; garbled files give located errors, never a crash.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "field_traits.h"
#include "load.h"
#include "model_walk.h"
#include "test_util.h"

namespace arsred::test {
namespace {

TEST_CASE("every year in inputs/ checks clean") {
  int years = 0;
  for (const auto& entry : fs::directory_iterator(kSourceDir / "inputs")) {
    if (!entry.is_directory()) continue;
    ++years;
    RunResult run = RunArsred({"check", entry.path().string()});
    INFO(run.err);
    CHECK(run.exit_code == 0);
  }
  CHECK(years >= 5);
}

// Every Located<Money> of a loaded year, with where it stands.
struct MoneyLeaf {
  std::string file;
  std::string path;
  Where where;
  bool tkr = false;
};

std::vector<MoneyLeaf> MoneyLeaves(const YearFiles& files) {
  std::vector<MoneyLeaf> leaves;
  std::string file;
  auto found = [&](const Located<Money>& money) {
    leaves.push_back({file, money.path, money.where, !money.value.exact()});
  };
  ValueWalker<Money, decltype(found)> walker{found};
  file = "budget.yaml";
  walker.Walk(const_cast<BudgetFile&>(files.budget));
  file = "rakenskaper.yaml";
  walker.Walk(const_cast<AccountsFile&>(files.rakenskaper));
  return leaves;
}

// Adds `delta` to the integer written at `where` (1-based line and column) of `text`.
std::string Mutate(const std::string& text, Where where, int64_t delta) {
  size_t offset = 0;
  for (int line = 1; line < where.line; ++line) offset = text.find('\n', offset) + 1;
  offset += static_cast<size_t>(where.column - 1);
  size_t end = offset;
  while (end < text.size() && (text[end] == '-' || std::isdigit(static_cast<unsigned char>(text[end])))) ++end;
  int64_t value = std::stoll(text.substr(offset, end - offset));
  return text.substr(0, offset) + std::to_string(value + delta) + text.substr(end);
}

// Money figures that no identity ties to another: the board's budget decisions, the history of
// years that have no directory, and the ansvarsförbindelser, which stand outside the balance
// sheet (only the year's funding decisions, which the report does not give, would tie their
// change to the insatser paid). Changing them changes what is printed, not whether it adds up.
bool IsFreeFigure(const MoneyLeaf& leaf, const AccountsFile& accounts) {
  if (leaf.file == "budget.yaml" || leaf.path.rfind("flerarsoversikt.historik", 0) == 0) return true;
  if (leaf.path.rfind("noter[", 0) != 0) return false;
  const Note& note = accounts.noter.at(std::stoul(leaf.path.substr(6)));
  for (const auto& line : note.avser) {
    if (line.value.rfind("ansvarsforbindelser.", 0) != 0) return false;
  }
  return !note.avser.empty();
}

const std::set<std::string> kIdentityCodes = {
    "balance.sheet", "cashflow.closing", "members.share", "drift.income", "drift.cost", "note.closing",
    "note.opening", "equity.opening",   "overview.year", "note.sum",     "note.group_sum"};

TEST_CASE("changing any money figure of inputs/2023 breaks an identity it takes part in") {
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs((kSourceDir / "inputs/2023").string(), inputs, diagnostics));
  std::vector<MoneyLeaf> leaves = MoneyLeaves(inputs.report().files);
  REQUIRE(leaves.size() > 40);

  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  size_t free_figures = 0;
  for (const MoneyLeaf& leaf : leaves) {
    if (IsFreeFigure(leaf, inputs.report().files.rakenskaper)) {
      ++free_figures;
      continue;
    }
    // Amounts the sources give only in tkr leave 2023's widest identity (the balance sheet) a
    // tolerance of 4.5 tkr; 5 tkr either way is the smallest change that must always be caught,
    // and far larger ones must be caught too.
    for (int64_t kronor : {5'000, -5'000, 1'000'000}) {
      int64_t delta = leaf.tkr ? kronor / 1000 : kronor;
      DYNAMIC_SECTION(leaf.file << " " << leaf.path << " " << delta) {
        fs::path file = temp.path() / "inputs/2023" / leaf.file;
        std::string original = ReadFile(kSourceDir / "inputs/2023" / leaf.file);
        WriteFile(file, Mutate(original, leaf.where, delta));
        RunResult run = RunArsred({"check", (temp.path() / "inputs/2023").string()});
        WriteFile(file, original);
        INFO(run.err);
        CHECK(run.exit_code == 2);
        bool named = false;
        for (const std::string& code : kIdentityCodes) named |= run.err.find("error[" + code + "]") != std::string::npos;
        CHECK(named);
      }
    }
  }
  // The budget, the history table and note 6; if this grows, a figure has lost its identity.
  CHECK(free_figures <= 20);
}

TEST_CASE("garbled input files give located errors, never a crash") {
  std::mt19937 random(20231231);  // fixed: the same garbling every run
  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  for (const char* name : {"forbund.yaml", "text.yaml", "verksamhet.yaml", "budget.yaml", "rakenskaper.yaml"}) {
    const std::string original = ReadFile(kSourceDir / "inputs/2023" / name);
    const fs::path file = temp.path() / "inputs/2023" / name;
    for (int round = 0; round < 40; ++round) {
      std::string garbled = original;
      size_t at = random() % garbled.size();
      switch (round % 4) {
        case 0: garbled.resize(at); break;                                    // truncated
        case 1: garbled[at] = static_cast<char>(random() % 256); break;      // one byte changed
        case 2: garbled.insert(at, std::string(1 + random() % 8, static_cast<char>(random() % 128))); break;
        case 3: garbled.erase(at, 1 + random() % 40); break;                  // a piece cut out
      }
      WriteFile(file, garbled);
      RunResult run = RunArsred({"check", (temp.path() / "inputs/2023").string()});
      INFO(name << " round " << round << "\n" << run.err);
      CHECK((run.exit_code == 0 || run.exit_code == 2 || run.exit_code == 3));
      if (run.exit_code == 2) CHECK(run.err.find("inputs/20") != std::string::npos);
    }
    WriteFile(file, original);
  }
}

// An amount the sources give only in tkr cannot print in kr. A budget in tkr can: it was
// decided in whole tkr (a new user's budget of 6 000 tkr printed as "≈6 000 000" in a report in
// kr, as if it were known only to the nearest thousand).
TEST_CASE("kr on a figure known only in tkr is an error — a budget in tkr is exact") {
  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path text = temp.path() / "inputs/2023/text.yaml";
  const std::string original = ReadFile(text);
  const std::string sentence = "kapitalet uppgår till {br.eget_kapital|tkr} tkr.\n";
  REQUIRE(original.find(sentence) != std::string::npos);
  WriteFile(text, ReplaceAll(original, sentence,
                             sentence + "  Året före var det {fg.br.eget_kapital|kr}, och budgeten "
                                        "{drift.resultat.budget|kr,abs}.\n"));
  RunResult check = RunArsred({"check", (temp.path() / "inputs/2023").string()});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[text.format]: `fg.br.eget_kapital` is known only to the thousand; print it in tkr") !=
        std::string::npos);
  CHECK(check.err.find("`drift.resultat.budget` is known only") == std::string::npos);
  CHECK(Count(check.err, "error[") == 1);
}

// A new user began 2024 with `arsred new` from a comparative year, which has no budget.yaml to
// carry: check listed the 28 values to fill in, and said that budget.yaml was missing only once
// every one of them was filled.
TEST_CASE("a missing file of a report year is said while values are still to fill in") {
  TempDir temp;
  const fs::path year = EditedBaseYear(temp.path(), "rakenskaper.yaml", "        belopp: 250000\n",
                                       "        belopp: ATT FYLLA I\n");
  fs::remove(year / "budget.yaml");
  RunResult check = RunArsred({"check", year.string()});
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("error[fill.value]") != std::string::npos);
  CHECK(check.err.find("budget.yaml: error[year.file_missing]: a report year needs this file") != std::string::npos);
  CHECK(Count(check.err, "year.file_missing") == 1);
}

// A new user's 2025 was approved and built final while 2024, its comparative year, was still a
// draft: nothing said that the figures it compares with could still change.
TEST_CASE("a final year whose year before is still a draft is warned of") {
  TempDir temp;
  const fs::path year = NextYearCopy(temp.path());
  const fs::path org = year / "forbund.yaml";
  WriteFile(org, ReplaceAll(ReadFile(org), "status: utkast\n", "status: slutlig\n"));  // its styrelsebeslut is there
  RunResult check = RunArsred({"check", year.string()});
  CHECK(check.err.find("warning[final.prior_draft]: the year before, ") != std::string::npos);
  // 2023 approved: nothing to say.
  const fs::path prior_org = temp.path() / "2023/forbund.yaml";
  WriteFile(prior_org, ReplaceAll(ReadFile(prior_org), "status: utkast\n", "status: slutlig\nstyrelsebeslut: 2024-03-14\n"));
  CHECK(RunArsred({"check", year.string()}).err.find("final.prior_draft") == std::string::npos);
}

}  // namespace
}  // namespace arsred::test

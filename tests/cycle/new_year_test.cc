// `arsred new`: a year started from the last carries what stays, marks what is the year's own,
// reads back with nothing but the markers to report, and, once filled in, is checked in full
// against the prior year's closing balances.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include <set>
#include <sstream>

#include "figures.h"
#include "fill_marker.h"
#include "load.h"
#include "new_year.h"
#include "schema.h"
#include "test_util.h"
#include "validate.h"

namespace arsred::test {
namespace {

const std::vector<std::string> kWrittenFiles = {"forbund.yaml", "text.yaml", "verksamhet.yaml", "budget.yaml",
                                                "rakenskaper.yaml"};

// A copy of tests/fixtures/base (2023 and 2024) to start 2025 from.
struct BaseCopy {
  TempDir temp;
  BaseCopy() { fs::copy(kSourceDir / "tests/fixtures/base", inputs(), fs::copy_options::recursive); }
  fs::path inputs() const { return temp.path() / "inputs"; }
  fs::path year(int y) const { return inputs() / std::to_string(y); }
  void Edit(int y, const std::string& file, const std::string& from, const std::string& to) const {
    fs::path p = year(y) / file;
    std::string text = ReadFile(p);
    REQUIRE(text.find(from) != std::string::npos);
    WriteFile(p, ReplaceAll(text, from, to));
  }
  // The names in inputs/, to show that a refusal leaves nothing behind.
  std::set<std::string> Listing() const {
    std::set<std::string> names;
    for (const auto& entry : fs::recursive_directory_iterator(inputs())) {
      names.insert(fs::relative(entry.path(), inputs()).generic_string());
    }
    return names;
  }
};

// A year loaded and checked as `arsred check` does it.
struct Checked {
  InputSet inputs;
  Diagnostics diagnostics;
  explicit Checked(const fs::path& dir) {
    REQUIRE(LoadInputs(dir.string(), inputs, diagnostics));
    Validate(inputs, diagnostics);
  }
  std::map<std::string, int> CountByCode() const {
    std::map<std::string, int> counts;
    for (const Diagnostic& d : diagnostics.all()) ++counts[d.code];
    return counts;
  }
  std::string Listing() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.all()) out += FormatDiagnostic(d, inputs.sources);
    return out;
  }
};

// Every finding is a marker, placed at a line and column of a file of the new year.
void RequireOnlyMarkers(const Checked& checked, const fs::path& year_dir) {
  INFO(checked.Listing());
  REQUIRE(!checked.diagnostics.all().empty());
  for (const Diagnostic& d : checked.diagnostics.all()) {
    CHECK((d.code == "fill.value" || d.code == "fill.text"));
    REQUIRE(d.where.known());
    CHECK(d.where.line > 0);
    CHECK(d.where.column > 0);
    CHECK(fs::path(checked.inputs.sources.file(d.where.file).path).parent_path() == year_dir.lexically_normal());
  }
}

bool IsMarker(const YAML::Node& node) { return node.IsScalar() && node.Scalar() == kFillMarker; }

// Replaces each marker in `fresh` by what stands at the same place in `prior`, except prose,
// which stays to be written.
void FillFrom(YAML::Node fresh, const YAML::Node& prior) {
  if (fresh.IsMap()) {
    std::vector<std::string> marked;
    for (const auto& entry : fresh) {
      std::string key = entry.first.as<std::string>();
      if (IsMarker(entry.second)) {
        if (key != "forvaltningsberattelse" && key != "redovisning") marked.push_back(key);
      } else {
        INFO(key);
        REQUIRE(prior[key]);
        FillFrom(entry.second, prior[key]);
      }
    }
    for (const std::string& key : marked) {
      INFO(key);
      REQUIRE(prior[key]);
      fresh[key] = YAML::Clone(prior[key]);
    }
  } else if (fresh.IsSequence()) {
    REQUIRE(prior.IsSequence());
    REQUIRE(fresh.size() == prior.size());
    for (size_t i = 0; i < fresh.size(); ++i) FillFrom(fresh[i], prior[i]);
  }
}

// Fills every figure of the new year's `file` with the prior year's, in place.
YAML::Node FillLikePriorYear(const BaseCopy& base, int year, const std::string& file) {
  YAML::Node fresh = YAML::LoadFile((base.year(year) / file).string());
  FillFrom(fresh, YAML::LoadFile((base.year(year - 1) / file).string()));
  return fresh;
}

void Write(const fs::path& path, const YAML::Node& node) {
  YAML::Emitter out;
  out << node;
  WriteFile(path, std::string(out.c_str()) + "\n");
}

// Sets the amount of the item `text` of note `note` in a rakenskaper.yaml.
void SetItemAmount(const fs::path& file, const std::string& note, const std::string& text, int64_t amount) {
  YAML::Node accounts = YAML::LoadFile(file.string());
  for (YAML::Node candidate : accounts["noter"]) {
    if (candidate["id"].as<std::string>() != note) continue;
    for (YAML::Node item : candidate["poster"]) {
      if (item["text"].as<std::string>() != text) continue;
      item["belopp"] = amount;
      Write(file, accounts);
      return;
    }
  }
  FAIL("no item " << text << " in note " << note);
}

Money Closing(const FigureTable& figures, const std::string& name) {
  const Figure* figure = figures.Find(name);
  REQUIRE(figure != nullptr);
  return figure->money;
}

// The year's opening balances (equity, the pension provision, cash) are the prior year's
// closing ones.
void CheckOpensWherePriorCloses(const FigureTable& figures, const FigureTable& prior) {
  CHECK(Closing(figures, "ek.ingaende").kronor == Closing(prior, "br.eget_kapital").kronor);
  CHECK(Closing(figures, "not.pensioner.ingaende").kronor == Closing(prior, "not.pensioner.utgaende").kronor);
  CHECK(Closing(figures, "kfa.likvida_medel_ingaende").kronor == Closing(prior, "br.kassa_och_bank").kronor);
}

TEST_CASE("a new year carries the last one's structure and marks its own figures and texts", "[new]") {
  BaseCopy base;
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  INFO(err.str());
  CHECK(err.str().find("wrote " + base.year(2025).lexically_normal().generic_string()) != std::string::npos);

  // The five files, each opening with what to do (the base's files name no schema, and no
  // schema stands at ../../schema from them); no corrections, and nothing left beside the new year.
  for (const std::string& file : kWrittenFiles) {
    INFO(file);
    std::string text = ReadFile(base.year(2025) / file);
    CHECK(text.rfind("# Started by `arsred new` from 2024", 0) == 0);
    // Said without the marker itself, which a search and replace of the markers would hit first.
    CHECK(text.find("Replace each value marked att fylla i (in capitals) with this year's") != std::string::npos);
    CHECK(Count(text, "ATT FYLLA I") == Count(text, ": ATT FYLLA I") + Count(text, "- ATT FYLLA I"));
    CHECK_NOTHROW(YAML::Load(text));
  }
  CHECK(!fs::exists(base.year(2025) / "rattelser.yaml"));
  CHECK(base.Listing().count("2025/forbund.yaml") == 1);
  for (const std::string& name : base.Listing()) CHECK(name[0] != '.');

  // `check` finds only the markers: the figures as fill.value (the year is then incomplete),
  // the two texts as fill.text.
  Checked checked(base.year(2025));
  RequireOnlyMarkers(checked, base.year(2025));
  auto counts = checked.CountByCode();
  CHECK(counts["fill.text"] == 2);
  CHECK(counts["fill.value"] > 40);
  RunResult run = RunArsred({"check", base.year(2025).string()});
  CHECK(run.exit_code == kExitErrors);
  CHECK(run.err.find("2025/budget.yaml:") != std::string::npos);
  CHECK(run.err.find(": driftredovisning.rader[0].budget: error[fill.value]: to fill in: `budget`, an amount in "
                     "whole kronor") != std::string::npos);
  CHECK(run.err.find(": forvaltningsberattelse: error[fill.text]: text to write for 2025") != std::string::npos);

  // What is carried, as loaded back; the prior year loaded as a report year, with its prose.
  const YearFiles& fresh = checked.inputs.report().files;
  Checked prior_year(base.year(2024));
  const YearFiles& prior = prior_year.inputs.report().files;
  const OrgFile& org = fresh.forbund;
  CHECK(org.ar.value == 2025);
  CHECK(org.omfattning.value == Scope::kAnnualReport);
  REQUIRE(org.status);
  CHECK(org.status->value == Status::kDraft);
  CHECK(org.forbund.namn.value == prior.forbund.forbund.namn.value);
  CHECK(org.medlemmar.size() == prior.forbund.medlemmar.size());
  CHECK(org.styrelse.size() == prior.forbund.styrelse.size());
  REQUIRE(org.rakenskapsar);
  CHECK(org.rakenskapsar->till.value.ToString() == "2025-12-31");
  CHECK(!org.styrelsebeslut);
  REQUIRE(org.undertecknande);
  CHECK(org.undertecknande->ort.value == "Provstad");
  CHECK(!org.undertecknande->datum);
  REQUIRE(fresh.text.redovisningsprinciper);
  CHECK(fresh.text.redovisningsprinciper->value.raw == prior.text.redovisningsprinciper->value.raw);
  REQUIRE(fresh.verksamhet.malomraden.size() == 1);
  CHECK(fresh.verksamhet.malomraden[0].mal[0].mal.value.raw == prior.verksamhet.malomraden[0].mal[0].mal.value.raw);
  CHECK(fresh.verksamhet.insatser.size() == 2);
  REQUIRE(fresh.budget.driftredovisning);
  CHECK(fresh.budget.driftredovisning->rader.size() == 5);
  CHECK(fresh.budget.sparade_medel->andel_av_medlemsbidrag->value == 20);
  const AccountsFile& accounts = fresh.rakenskaper;
  REQUIRE(accounts.noter.size() == prior.rakenskaper.noter.size());
  for (size_t i = 0; i < accounts.noter.size(); ++i) {
    const Note& note = accounts.noter[i];
    CHECK(note.id.value.name == prior.rakenskaper.noter[i].id.value.name);
    CHECK(note.poster.size() == prior.rakenskaper.noter[i].poster.size());
    CHECK(!note.ingaende);
  }
  CHECK(accounts.noter[0].poster[0].drift->value.name == "medlemsbidrag");
  CHECK(accounts.noter[0].poster[0].bidrag_fran->value == MemberKind::kRegion);
  // The overview shows 2023 to 2025, each from its directory: 2022's history is no longer shown.
  REQUIRE(accounts.flerarsoversikt);
  CHECK(accounts.flerarsoversikt->antal_ar.value == 3);
  CHECK(!accounts.flerarsoversikt->historik);
  // The series keeps its start, and with it the history of the year without a directory.
  CHECK(fresh.verksamhet.tidsserier[0].fran_ar.value == 2022);
  CHECK(fresh.verksamhet.tidsserier[0].historik.size() == 1);
}

TEST_CASE("a new year filled in is checked in full, from the prior year's closing balances", "[new]") {
  BaseCopy base;
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  for (const char* file : {"forbund.yaml", "verksamhet.yaml", "budget.yaml", "rakenskaper.yaml"}) {
    Write(base.year(2025) / file, FillLikePriorYear(base, 2025, file));
  }
  // The same figures as 2024 give the same result, which moves equity and the pension
  // provision; without a bank balance that moved with them, the balance sheet does not balance:
  // the check ran.
  {
    Checked checked(base.year(2025));
    INFO(checked.Listing());
    auto counts = checked.CountByCode();
    CHECK(counts["balance.sheet"] == 1);
    CHECK(counts["fill.value"] == 0);
    CHECK(counts["fill.text"] == 2);
  }
  // Årets resultat −90 000 kr and the provision's +80 000 kr: the bank holds 10 000 kr less.
  SetItemAmount(base.year(2025) / "rakenskaper.yaml", "omsattningstillgangar", "Företagskonto", 2790000);
  Checked checked(base.year(2025));
  RequireOnlyMarkers(checked, base.year(2025));
  CHECK(checked.CountByCode() == std::map<std::string, int>{{"fill.text", 2}});

  // The opening balances are the closing ones of 2024's directory.
  DerivedYears years(checked.inputs);
  const FigureTable& figures = years.Of(2025);
  const FigureTable& prior = years.Of(2024);
  CheckOpensWherePriorCloses(figures, prior);
  CHECK(Closing(prior, "br.eget_kapital").kronor != 0);
  CHECK(Closing(prior, "not.pensioner.utgaende").kronor == 580000);
  CHECK(Closing(figures, "br.kassa_och_bank").kronor == 2790000);
}

TEST_CASE("an anlaggning note is carried with its movements to fill in and its openings from the closings", "[new]") {
  BaseCopy base;
  // 2024 buys inventarier for 60 000 kr from the bank and writes off 12 000 kr. As the first
  // year of the note it gives its opening balances (nil, as 2023 had none) and a movement of the
  // depreciation.
  base.Edit(2024, "rakenskaper.yaml", "resultatrakning:\n  finansiella_intakter: 10000\n",
            "resultatrakning:\n  finansiella_intakter: 10000\n  avskrivningar: 12000\n"
            "kassaflodesanalys:\n  investeringsverksamhet: -60000\n");
  base.Edit(2024, "rakenskaper.yaml", "      - text: Företagskonto\n        belopp: 2800000\n",
            "      - text: Företagskonto\n        belopp: 2740000\n");
  base.Edit(2024, "rakenskaper.yaml", "  - id: pensioner\n",
            "  - id: inventarier\n    rubrik: Inventarier\n    avser: [balansrakning.materiella_anlaggningstillgangar]\n"
            "    typ: anlaggning\n    ingaende_anskaffningsvarde: 0\n    ingaende_avskrivningar: 0\n"
            "    avskrivningstid: 5\n    poster:\n      - text: Årets investeringar\n        belopp: 60000\n"
            "    avskrivningsposter:\n      - text: Utrangeringar\n        belopp: 0\n"
            "  - id: pensioner\n");
  {
    Checked checked(base.year(2024));
    INFO(checked.Listing());
    REQUIRE(checked.diagnostics.all().empty());
  }
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  const std::string accounts = ReadFile(base.year(2025) / "rakenskaper.yaml");
  INFO(accounts);
  CHECK(accounts.find("    typ: anlaggning\n") != std::string::npos);
  CHECK(accounts.find("    avskrivningstid: 5\n") != std::string::npos);
  CHECK(accounts.find("      - text: Årets investeringar\n        belopp: ATT FYLLA I\n") != std::string::npos);
  // The opening balances come from 2024's closing ones; a disposal is an event of its year.
  CHECK(accounts.find("ingaende_anskaffningsvarde") == std::string::npos);
  CHECK(accounts.find("ingaende_avskrivningar") == std::string::npos);
  CHECK(accounts.find("avskrivningsposter") == std::string::npos);

  Write(base.year(2025) / "rakenskaper.yaml", FillLikePriorYear(base, 2025, "rakenskaper.yaml"));
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs(base.year(2025).string(), inputs, diagnostics));
  FigureTable figures = DeriveFigures(inputs, 2025, nullptr);
  CHECK(Closing(figures, "not.inventarier.ingaende_anskaffningsvarde").kronor == 60000);
  CHECK(Closing(figures, "not.inventarier.ingaende_avskrivningar").kronor == -12000);
  CHECK(Closing(figures, "not.inventarier.utgaende_anskaffningsvarde").kronor == 120000);
  CHECK(Closing(figures, "not.inventarier.utgaende_avskrivningar").kronor == -24000);
  CHECK(Closing(figures, "br.materiella_anlaggningstillgangar").kronor == 96000);
}

TEST_CASE("text that YAML would misread is quoted, and prose keeps its lines and line ends", "[new]") {
  BaseCopy base;
  base.Edit(2024, "forbund.yaml", "namn: Samordningsförbundet Provbygden", "namn: \"Provbygden: #1 i länet\"");
  base.Edit(2024, "forbund.yaml", "sate: Provstad", "sate: \"true\"");
  base.Edit(2024, "forbund.yaml", "namn: Norrby kommun", "namn: \"- Norrby 'kommun'\"");
  // A ledamot's name that happens to be the marker's words, written in quotes: a value, not a marker.
  base.Edit(2024, "forbund.yaml", "roll: ordforande", "roll: ordforande\n    namn: \"ATT FYLLA I\"");
  // The auditors' note is printed when the key is there; its date is the year's own.
  base.Edit(2024, "forbund.yaml", "  datum: 2025-03-14\n", "  datum: 2025-03-14\nrevisorspateckning:\n  datum: 2025-03-20\n");
  // Prose whose first line is indented and that ends in two line ends; and prose with a line
  // that starts with a tab, which in a literal block would be read as indentation.
  base.Edit(2024, "text.yaml", "redovisningsprinciper: |\n  Årsredovisningen är upprättad",
            "redovisningsprinciper: |2+\n     Inledd med blanksteg.\n  Årsredovisningen är upprättad");
  base.Edit(2024, "text.yaml", "och redovisning.\n", "och redovisning.\n\n");
  base.Edit(2024, "verksamhet.yaml", "- mal: |\n          Deltagare närmar sig egen försörjning.\n",
            "- mal: \"Deltagare\\n\\tnärmar sig egen försörjning.\\n\"\n");
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  INFO(err.str());
  Checked checked(base.year(2025));
  RequireOnlyMarkers(checked, base.year(2025));
  CHECK(checked.CountByCode()["fill.text"] == 2);

  Checked prior_year(base.year(2024));
  const YearFiles& fresh = checked.inputs.report().files;
  const YearFiles& prior = prior_year.inputs.report().files;
  CHECK(fresh.forbund.forbund.namn.value == "Provbygden: #1 i länet");
  CHECK(fresh.forbund.forbund.sate->value == "true");
  CHECK(ReadFile(base.year(2025) / "forbund.yaml").find("  sate: \"true\"\n") != std::string::npos);
  CHECK(fresh.forbund.medlemmar[3].namn.value == "- Norrby 'kommun'");
  CHECK(fresh.forbund.styrelse[0].namn->value == "ATT FYLLA I");
  CHECK(fresh.forbund.revisorspateckning.has_value());
  CHECK(!fresh.forbund.revisorspateckning->datum);
  const std::string& principles = prior.text.redovisningsprinciper->value.raw;
  CHECK(principles.rfind("   Inledd med blanksteg.\nÅrsredovisningen", 0) == 0);
  CHECK(principles.substr(principles.size() - 3) == ".\n\n");
  CHECK(fresh.text.redovisningsprinciper->value.raw == principles);
  CHECK(prior.verksamhet.malomraden[0].mal[0].mal.value.raw == "Deltagare\n\tnärmar sig egen försörjning.\n");
  CHECK(fresh.verksamhet.malomraden[0].mal[0].mal.value.raw == prior.verksamhet.malomraden[0].mal[0].mal.value.raw);
}

TEST_CASE("opening balances a first year gave itself are not carried: the next takes the closing ones", "[new]") {
  // Base 2023 is a comparative year without a prior directory: it states its opening equity,
  // pension provision and cash flow changes. Start 2024 from it in place of the fixture's.
  BaseCopy base;
  fs::remove_all(base.year(2024));
  std::ostringstream err;
  REQUIRE(NewYear(2024, base.year(2023).string(), err) == kExitClean);
  INFO(err.str());
  CHECK(err.str().find("is a comparative year") != std::string::npos);
  CHECK(err.str().find("has no budget.yaml to start from") != std::string::npos);
  CHECK(!fs::exists(base.year(2024) / "budget.yaml"));
  const std::string accounts = ReadFile(base.year(2024) / "rakenskaper.yaml");
  CHECK(accounts.find("ingaende:") == std::string::npos);  // base 2023's closing balances are exact
  CHECK(accounts.find("eget_kapital:") == std::string::npos);
  CHECK(accounts.find("kassaflodesanalys") == std::string::npos);

  Write(base.year(2024) / "rakenskaper.yaml", FillLikePriorYear(base, 2024, "rakenskaper.yaml"));
  InputSet inputs;
  Diagnostics diagnostics;
  REQUIRE(LoadInputs(base.year(2024).string(), inputs, diagnostics));
  FigureTable figures = DeriveFigures(inputs, 2024, nullptr);
  FigureTable prior = DeriveFigures(inputs, 2023, nullptr);
  CHECK(Closing(prior, "br.eget_kapital").kronor == 1900000 + 4000000 - 3900000);
  CHECK(Closing(figures, "ek.ingaende").kronor == Closing(prior, "br.eget_kapital").kronor);
  CHECK(Closing(figures, "not.pensioner.ingaende").kronor == 500000);
  CHECK(Closing(figures, "kfa.likvida_medel_ingaende").kronor == 3000000);
}

TEST_CASE("the account mapping is carried as it stands, for the import of the new year's books", "[new]") {
  BaseCopy base;
  WriteFile(base.year(2024) / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  Checked fresh(base.year(2025));
  RequireOnlyMarkers(fresh, base.year(2025));
  Checked prior(base.year(2024));
  const auto& carried = fresh.inputs.report().files.rakenskaper.kontomappning;
  const auto& original = prior.inputs.report().files.rakenskaper.kontomappning;
  REQUIRE(carried.size() == original.size());
  REQUIRE(carried.size() == 15);
  for (size_t i = 0; i < carried.size(); ++i) {
    CHECK(carried[i].till.value == original[i].till.value);
    REQUIRE(carried[i].konton.size() == original[i].konton.size());
    for (size_t k = 0; k < carried[i].konton.size(); ++k) {
      CHECK(carried[i].konton[k].value == original[i].konton[k].value);
    }
  }
  // Account numbers are text to the format (and to an editor checking the schema): quoted.
  CHECK(ReadFile(base.year(2025) / "rakenskaper.yaml").find("  - konton: [\"1930\"]\n") != std::string::npos);
  // Each item the mapping writes into has its amount to fill in, in place for the import.
  CHECK(ReadFile(base.year(2025) / "rakenskaper.yaml").find("      - id: foretagskonto\n        text: Företagskonto\n"
                                                            "        belopp: ATT FYLLA I\n") != std::string::npos);
}

TEST_CASE("a new year's files point at the schema as the year before's do", "[new]") {
  BaseCopy base;
  // Inputs kept outside the source tree point their editor at its schema by another path.
  const std::string elsewhere = "# yaml-language-server: $schema=../../../arsred/schema/forbund.schema.json\r\n";
  const fs::path org = base.year(2024) / "forbund.yaml";
  WriteFile(org, "\xEF\xBB\xBF" + elsewhere + ReadFile(org));
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  CHECK(ReadFile(base.year(2025) / "forbund.yaml").rfind(
            "# yaml-language-server: $schema=../../../arsred/schema/forbund.schema.json\n# Started by", 0) == 0);
  // A file without the line gets none where no schema stands at ../../schema from the year...
  CHECK(ReadFile(base.year(2025) / "budget.yaml").rfind("# Started by", 0) == 0);
  // ...and the source tree's where one does (inputs/ of the source tree).
  fs::create_directories(base.temp.path() / "schema");
  WriteFile(base.temp.path() / "schema/budget.schema.json", "{}");
  fs::remove_all(base.year(2025));
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  CHECK(ReadFile(base.year(2025) / "budget.yaml").rfind(
            "# yaml-language-server: $schema=../../schema/budget.schema.json\n# Started by", 0) == 0);
}

TEST_CASE("the unit the statements are printed in is carried — the units amounts were written in are not", "[new]") {
  BaseCopy base;
  const fs::path org = base.year(2024) / "forbund.yaml";
  WriteFile(org, ReadFile(org) + "belopp: kr\n");
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  Checked fresh(base.year(2025));
  const auto& unit = fresh.inputs.report().files.forbund.belopp;
  REQUIRE(unit);
  CHECK(unit->value == Unit::kKr);
}

TEST_CASE("new refuses an existing year, a year that does not follow and a prior year that does not load",
          "[new]") {
  BaseCopy base;
  SECTION("the new year exists") {
    WriteFile(base.year(2025) / "forbund.yaml", "begun by hand\n");
    const auto before = base.Listing();
    std::ostringstream err;
    CHECK(NewYear(2025, base.year(2024).string(), err) == kExitErrors);
    CHECK(err.str().find("exists; nothing written") != std::string::npos);
    CHECK(ReadFile(base.year(2025) / "forbund.yaml") == "begun by hand\n");
    CHECK(base.Listing() == before);
  }
  SECTION("the years do not follow each other") {
    const auto before = base.Listing();
    std::ostringstream err;
    CHECK(NewYear(2026, base.year(2024).string(), err) == kExitErrors);
    CHECK(NewYear(2024, base.year(2024).string(), err) == kExitErrors);
    CHECK(err.str().find("2026 starts from 2025") != std::string::npos);
    CHECK(base.Listing() == before);
  }
  SECTION("the prior year's directory is missing") {
    std::ostringstream err;
    CHECK(NewYear(2025, (base.temp.path() / "elsewhere/2024").string(), err) == kExitErrors);
    CHECK(err.str().find("error[year.missing]") != std::string::npos);
    CHECK(!fs::exists(base.temp.path() / "elsewhere"));
  }
  SECTION("the prior year does not load") {
    base.Edit(2024, "budget.yaml", "budget: 4200000", "budget: 4 200 000");
    const auto before = base.Listing();
    std::ostringstream err;
    CHECK(NewYear(2025, base.year(2024).string(), err) == kExitErrors);
    CHECK(err.str().find("error[value.money]") != std::string::npos);
    CHECK(err.str().find("does not load (above); nothing written") != std::string::npos);
    CHECK(base.Listing() == before);
  }
}

TEST_CASE("a prior year whose figures disagree still starts the next, with a warning", "[new]") {
  BaseCopy base;
  base.Edit(2024, "rakenskaper.yaml", "belopp: 2800000\n        rad: kassa_och_bank",
            "belopp: 2800001\n        rad: kassa_och_bank");
  std::ostringstream err;
  CHECK(NewYear(2025, base.year(2024).string(), err) == kExitClean);  // it wrote what it was asked to
  CHECK(err.str().find(" of its own (arsred check ") != std::string::npos);
  CHECK(fs::exists(base.year(2025) / "rakenskaper.yaml"));
}

TEST_CASE("the real 2023 starts 2024: only markers to report, and the carried text reads back the same", "[new]") {
  TempDir temp;
  fs::copy(kSourceDir / "inputs", temp.path() / "inputs", fs::copy_options::recursive);
  const fs::path year = temp.path() / "inputs/2024";
  std::ostringstream err;
  REQUIRE(NewYear(2024, (temp.path() / "inputs/2023").string(), err) == kExitClean);
  INFO(err.str());
  Checked checked(year);
  RequireOnlyMarkers(checked, year);
  auto counts = checked.CountByCode();
  CHECK(counts["fill.value"] > 80);
  CHECK(counts["fill.text"] == 7);  // the förvaltningsberättelse and six goals' follow-up

  const YearFiles& fresh = checked.inputs.report().files;
  Checked prior_year(temp.path() / "inputs/2023");
  const YearFiles& prior = prior_year.inputs.report().files;
  CHECK(fresh.text.redovisningsprinciper->value.raw == prior.text.redovisningsprinciper->value.raw);
  const auto& goals = fresh.verksamhet.malomraden.at(0).mal;
  REQUIRE(goals.size() == prior.verksamhet.malomraden.at(0).mal.size());
  for (size_t i = 0; i < goals.size(); ++i) CHECK(goals[i].mal.value.raw == prior.verksamhet.malomraden[0].mal[i].mal.value.raw);
  CHECK(fresh.verksamhet.malomraden[0].rubrik->value == "Uppföljning av verksamhetsmål 2024");
  CHECK(fresh.verksamhet.tabeller.at(1).rubrik.value == "Tabell 3. Resultat deltagare i finansierade insatser 2024");
  for (size_t i = 0; i < fresh.verksamhet.insatser.size(); ++i) {
    CHECK(fresh.verksamhet.insatser[i].namn.value == prior.verksamhet.insatser[i].namn.value);
  }
  // Amounts are the books' kronor: no section keeps the prior year's tkr but the overview's history.
  const AccountsFile& accounts = fresh.rakenskaper;
  CHECK(!accounts.resultatrakning->enhet);
  for (const Note& note : accounts.noter) {
    CHECK(!note.enhet);
    CHECK(!note.utgaende);
  }
  CHECK(!fresh.budget.driftredovisning->enhet);
  // Six years, 2019 to 2024, all with directories: 2018's history is no longer shown.
  CHECK(!accounts.flerarsoversikt->historik);
  CHECK(ReadFile(year / "rakenskaper.yaml").find("2018") == std::string::npos);
}

TEST_CASE("the marker stands for a missing value, and in prose loads as text", "[new]") {
  SourceSet sources;
  Diagnostics diagnostics;
  YearFiles files;
  LoadFileText("driftredovisning:\n  rader:\n    - id: medlemsbidrag\n      text: Medlemsbidrag\n"
               "      typ: ATT FYLLA I\n      budget: ATT FYLLA I\nnasta_ar:\n  enhet: tkr\n  tilldelning: ATT FYLLA I\n",
               "budget.yaml", "inputs/2025/budget.yaml", files, sources, diagnostics);
  std::vector<std::string> found;
  for (const Diagnostic& d : diagnostics.all()) {
    found.push_back(d.code + "@" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column) + " " + d.message);
  }
  CHECK(found == std::vector<std::string>{
                     "fill.value@5:12 to fill in: `typ`, one of intakt kostnad",
                     "fill.value@6:15 to fill in: `budget`, an amount in whole kronor",
                     "fill.value@9:16 to fill in: `tilldelning`, an amount in whole tkr",
                 });

  // Quoted, the words are a value like any other: here a wrong one.
  Diagnostics quoted;
  LoadFileText("ar: \"ATT FYLLA I\"\nomfattning: jamforelsear\nforbund:\n  namn: F\n  organisationsnummer: 1\n",
               "forbund.yaml", "inputs/2025/forbund.yaml", files, sources, quoted);
  REQUIRE(quoted.all().size() == 1);
  CHECK(quoted.all()[0].code == "value.quoted");

  Diagnostics prose;
  LoadFileText("forvaltningsberattelse: ATT FYLLA I\nredovisningsprinciper: |\n  ATT FYLLA I\n", "text.yaml",
               "inputs/2025/text.yaml", files, sources, prose);
  CHECK(prose.all().empty());
  CHECK(files.text.forvaltningsberattelse->value.raw == "ATT FYLLA I");
}

TEST_CASE("every rule of `arsred new` names a key of the format", "[new]") {
  SchemaCollector schema = CollectInputSchema();
  auto has_key = [&](const std::string& mapping, std::string_view key) {
    for (const FieldDesc& field : schema.mapping(mapping).fields) {
      if (key == "*" || field.key == key) return true;
    }
    return false;
  };
  for (const FieldFate& rule : NewYearRules()) {
    INFO(rule.mapping << "." << rule.key);
    bool known = false;
    for (const std::string& mapping : schema.order()) {
      if (rule.mapping == "*" || rule.mapping == mapping) known = known || has_key(mapping, rule.key);
    }
    CHECK(known);
  }
}

TEST_CASE("a new year with its books imported lacks only what the books do not hold", "[new][import]") {
  BaseCopy base;
  WriteFile(base.year(2024) / "rakenskaper.yaml", ReadFile(kSourceDir / "tests/fixtures/import/rakenskaper-2024.yaml"));
  RunResult started = RunArsred({"new", "2025", "--from", base.year(2024).string()});
  INFO(started.err);
  REQUIRE(started.exit_code == kExitClean);
  RunResult imported = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/import/books-2025.se").string(), "--year",
                                  base.year(2025).string()});
  INFO(imported.err);
  REQUIRE(imported.exit_code == kExitClean);
  CHECK(imported.err.find("wrote 12 amounts") != std::string::npos);
  // The actuary's movements and the group's poster are not in the books: checked once filled.
  CHECK(imported.err.find("not checked yet, noter.pensioner") != std::string::npos);
  CHECK(imported.err.find("not checked yet, noter.kortfristiga_skulder.skuld_insatser") != std::string::npos);
  {
    Checked checked(base.year(2025));
    RequireOnlyMarkers(checked, base.year(2025));
  }

  // What the books do not hold (budget, participants, staff, the actuary's movements), filled
  // like 2024: then only the texts remain to write, and every rule has run.
  for (const char* file : {"forbund.yaml", "verksamhet.yaml", "budget.yaml", "rakenskaper.yaml"}) {
    Write(base.year(2025) / file, FillLikePriorYear(base, 2025, file));
  }
  Checked checked(base.year(2025));
  CHECK(checked.CountByCode() == std::map<std::string, int>{{"fill.text", 2}});
  DerivedYears years(checked.inputs);
  const FigureTable& figures = years.Of(2025);
  const FigureTable& prior = years.Of(2024);
  CheckOpensWherePriorCloses(figures, prior);
  CHECK(Closing(figures, "br.kassa_och_bank").kronor == 2790000);  // from the books

  // With everything filled, the import checks what it could not before, and still agrees.
  RunResult again = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/import/books-2025.se").string(), "--year",
                               base.year(2025).string()});
  INFO(again.err);
  CHECK(again.exit_code == kExitClean);
  CHECK(again.err.find("not checked yet") == std::string::npos);
  CHECK(again.err.find("checked 3 more against the books") != std::string::npos);
}

TEST_CASE("the real 2023 starts 2024, whose books import onto 2023's closing balances", "[new][import]") {
  TempDir temp;
  const fs::path inputs = temp.path() / "inputs";
  fs::copy(kSourceDir / "inputs", inputs, fs::copy_options::recursive);
  REQUIRE(RunArsred({"check", (inputs / "2023").string()}).exit_code == kExitClean);  // the mapping is sound

  RunResult started = RunArsred({"new", "2024", "--from", (inputs / "2023").string()});
  INFO(started.err);
  REQUIRE(started.exit_code == kExitClean);
  // The seed year's account mapping is carried, so the books import without a line written by hand.
  const std::string started_accounts = ReadFile(inputs / "2024/rakenskaper.yaml");
  CHECK(started_accounts.find("kontomappning:\n  - konton: [\"3010\"]\n") != std::string::npos);
  // 2023 knew its closing equity and pension provision only in tkr: 2024 asks for them to the krona.
  CHECK(started_accounts.find("eget_kapital:\n  ingaende: ATT FYLLA I\n") != std::string::npos);
  CHECK(started_accounts.find("    typ: avsattning\n    ingaende: ATT FYLLA I\n") != std::string::npos);
  const std::string books = (kSourceDir / "tests/fixtures/import/books-jamtland-2024.se").string();
  RunResult imported = RunArsred({"import-sie", books, "--year", (inputs / "2024").string()});
  INFO(imported.err);
  REQUIRE(imported.exit_code == kExitClean);
  CHECK(imported.err.find("wrote 28 amounts") != std::string::npos);
  CHECK(imported.err.find("noter.omsattningstillgangar.foretagskonto = 6 561 185 kr (1930)") != std::string::npos);
  // The books know the opening balances to the krona, and the import records them where asked.
  CHECK(imported.err.find("the books open eget_kapital at 2 331 095 kr, which 2023 gave only in tkr (2 331 tkr): "
                          "recorded as its exact opening balance") != std::string::npos);
  CHECK(imported.err.find("the books open noter.pensioner at ") != std::string::npos);

  // Only what the books do not hold is left: markers, each with its place.
  Checked checked(inputs / "2024");
  RequireOnlyMarkers(checked, inputs / "2024");
  const std::string accounts = ReadFile(inputs / "2024/rakenskaper.yaml");
  CHECK(accounts.find("belopp: 6561185") != std::string::npos);
  CHECK(accounts.find("finansiella_intakter: 7000") != std::string::npos);
  CHECK(accounts.find("eget_kapital:\n  ingaende: 2331095\n") != std::string::npos);
  InputSet loaded;
  Diagnostics ignored;
  REQUIRE(LoadInputs((inputs / "2024").string(), loaded, ignored));
  const FigureTable figures = DeriveFigures(loaded, 2024, nullptr);
  CHECK(figures.Find("ek.ingaende")->money.kronor == 2331095);
  CHECK(figures.Find("ek.ingaende")->money.exact());

  // Other books of the same year, which open the provision at another amount: the recorded
  // opening follows the books imported last, and the import says what it was.
  const std::string recorded_pension = accounts.substr(accounts.find("    typ: avsattning\n    ingaende: "), 45);
  RunResult other = RunArsred({"import-sie", (kSourceDir / "tests/fixtures/next-year/bokslut-2024.se").string(),
                               "--year", (inputs / "2024").string()});
  INFO(other.err);
  REQUIRE(other.exit_code == kExitClean);
  CHECK(other.err.find("the books open noter.pensioner at 2 576 843 kr, which 2023 gave only in tkr (2 577 tkr): "
                       "recorded as its exact opening balance (it was ") != std::string::npos);
  CHECK(ReadFile(inputs / "2024/rakenskaper.yaml").find("    typ: avsattning\n    ingaende: 2576843\n") !=
        std::string::npos);
  RunResult back = RunArsred({"import-sie", books, "--year", (inputs / "2024").string()});
  INFO(back.err);
  REQUIRE(back.exit_code == kExitClean);
  CHECK(back.err.find("recorded as its exact opening balance (it was 2 576 843 kr)") != std::string::npos);
  CHECK(ReadFile(inputs / "2024/rakenskaper.yaml").find(recorded_pension) != std::string::npos);

  // Without the key, the import says how to ask for it.
  WriteFile(inputs / "2024/rakenskaper.yaml", ReplaceAll(accounts, "eget_kapital:\n  ingaende: 2331095\n", ""));
  RunResult unasked = RunArsred({"import-sie", books, "--year", (inputs / "2024").string()});
  INFO(unasked.err);
  CHECK(unasked.exit_code == kExitClean);
  CHECK(unasked.err.find("the books open eget_kapital at 2 331 095 kr, which 2023 gave only in tkr (2 331 tkr): to "
                         "record the exact amount, add `ingaende: ATT FYLLA I` under eget_kapital and import "
                         "again") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

namespace arsred::test {
namespace {

TEST_CASE("a caption that typed last year's count is written anew — one that quotes it is carried", "[new]") {
  BaseCopy base;
  base.Edit(2024, "verksamhet.yaml", "    rubrik: Kostnadsfördelning\n", "    rubrik: Kostnadsfördelning (120 deltagare)\n");
  base.Edit(2024, "verksamhet.yaml", "  - id: deltagarfloden\n    rubrik: ",
            "  - id: deltagarfloden\n    rubrik: Tabell 2. {tabell.deltagarfloden.inskrivna.alla} inskrivna 2024, ");
  REQUIRE(RunArsred({"check", base.year(2024).string()}).exit_code == 0);
  std::ostringstream err;
  REQUIRE(NewYear(2025, base.year(2024).string(), err) == kExitClean);
  const std::string activity = ReadFile(base.year(2025) / "verksamhet.yaml");
  CHECK(activity.find("    # 2024: Kostnadsfördelning (120 deltagare) (quote the count with a placeholder, "
                      "docs/markup.md)\n    rubrik: ATT FYLLA I\n") != std::string::npos);
  CHECK(activity.find("rubrik: Tabell 2. {tabell.deltagarfloden.inskrivna.alla} inskrivna 2025, ") != std::string::npos);
  // The caption to write is listed like any value to fill in.
  RunResult check = RunArsred({"check", base.year(2025).string()});
  CHECK(check.err.find("diagram[0].rubrik: error[fill.value]") != std::string::npos);
}

}  // namespace
}  // namespace arsred::test

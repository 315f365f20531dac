#include "statement_lines.h"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "load_visitor.h"

namespace arsred {

const std::vector<Statement>& Statements() {
  using S = RowStyle;
  static const std::vector<Statement> statements = {
      {"resultatrakning",
       "Resultaträkning",
       {{"rr.verksamhetens_intakter", "Verksamhetens intäkter", 1, S::kBody, "resultatrakning.verksamhetens_intakter", true},
        {"rr.verksamhetens_kostnader", "Verksamhetens kostnader", -1, S::kBody, "resultatrakning.verksamhetens_kostnader", true},
        {"rr.avskrivningar", "Avskrivningar", -1, S::kBody, "resultatrakning.avskrivningar"},
        {"rr.verksamhetens_nettokostnader", "Verksamhetens nettokostnader", 1, S::kSubtotal, "", true},
        {"rr.verksamhetens_resultat", "Verksamhetens resultat", 1, S::kSubtotal, "", true},
        {"rr.finansiella_intakter", "Finansiella intäkter", 1, S::kBody, "resultatrakning.finansiella_intakter"},
        {"rr.finansiella_kostnader", "Finansiella kostnader", -1, S::kBody, "resultatrakning.finansiella_kostnader"},
        {"rr.resultat_efter_finansiella_poster", "Resultat efter finansiella poster", 1, S::kSubtotal, "", true},
        {"rr.extraordinara_poster", "Extraordinära poster", 1, S::kBody, "resultatrakning.extraordinara_poster"},
        {"rr.arets_resultat", "Årets resultat", 1, S::kTotal, "", true}}},
      {"balansrakning",
       "Balansräkning",
       {{"", "TILLGÅNGAR", 1, S::kSection},
        {"", "Anläggningstillgångar", 1, S::kSection, "", false, 0, "anlaggningstillgangar"},
        {"br.materiella_anlaggningstillgangar", "Materiella anläggningstillgångar", 1, S::kBody,
         "balansrakning.materiella_anlaggningstillgangar", false, 1, "anlaggningstillgangar"},
        {"br.finansiella_anlaggningstillgangar", "Finansiella anläggningstillgångar", 1, S::kBody,
         "balansrakning.finansiella_anlaggningstillgangar", false, 1, "anlaggningstillgangar"},
        {"br.summa_anlaggningstillgangar", "Summa anläggningstillgångar", 1, S::kSubtotal, "", true, 0,
         "anlaggningstillgangar"},
        {"", "Omsättningstillgångar", 1, S::kSection},
        {"br.fordringar", "Fordringar", 1, S::kBody, "balansrakning.fordringar", false, 1},
        {"br.kortfristiga_placeringar", "Kortfristiga placeringar", 1, S::kBody, "balansrakning.kortfristiga_placeringar", false, 1},
        {"br.kassa_och_bank", "Kassa och bank", 1, S::kBody, "balansrakning.kassa_och_bank", false, 1},
        {"br.summa_omsattningstillgangar", "Summa omsättningstillgångar", 1, S::kSubtotal, "", true},
        {"br.summa_tillgangar", "SUMMA TILLGÅNGAR", 1, S::kTotal, "", true},
        {"", "EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", 1, S::kSection},
        {"br.eget_kapital", "Eget kapital", 1, S::kSubtotal, "", true},
        {"br.arets_resultat", "Årets resultat", 1, S::kBody, "", true, 1},
        {"br.ovrigt_eget_kapital", "Övrigt eget kapital", 1, S::kBody, "", true, 1},
        {"br.summa_avsattningar", "Avsättningar", 1, S::kSubtotal},
        {"br.avsattningar_pensioner", "Avsättningar för pensioner och liknande förpliktelser", 1, S::kBody,
         "balansrakning.avsattningar_pensioner", false, 1},
        {"br.andra_avsattningar", "Andra avsättningar", 1, S::kBody, "balansrakning.andra_avsattningar", false, 1},
        {"br.summa_skulder", "Skulder", 1, S::kSubtotal},
        {"br.langfristiga_skulder", "Långfristiga skulder", 1, S::kBody, "balansrakning.langfristiga_skulder", false, 1},
        {"br.kortfristiga_skulder", "Kortfristiga skulder", 1, S::kBody, "balansrakning.kortfristiga_skulder", false, 1},
        {"br.summa_eget_kapital_och_skulder", "SUMMA EGET KAPITAL, AVSÄTTNINGAR OCH SKULDER", 1, S::kTotal, "", true},
        {"", "PANTER OCH ANSVARSFÖRBINDELSER", 1, S::kSection, "", false, 0, "ansvarsforbindelser"},
        {"ansvar.beslutad_finansiering", "Återstående belopp för beslutad finansiering av samverkansinsatser", 1,
         S::kBody, "ansvarsforbindelser.beslutad_finansiering", false, 1, "ansvarsforbindelser"},
        {"ansvar.pensionsforpliktelser", "Pensionsförpliktelser som inte tagits upp bland avsättningarna", 1,
         S::kBody, "ansvarsforbindelser.pensionsforpliktelser", false, 1, "ansvarsforbindelser"}}},
      {"kassaflodesanalys",
       "Kassaflödesanalys",
       {{"", "DEN LÖPANDE VERKSAMHETEN", 1, S::kSection},
        {"kfa.arets_resultat", "Årets resultat", 1, S::kBody, "", true},
        {"kfa.justering_avsattningar", "Justering för gjorda avsättningar", 1, S::kBody, "", true},
        {"kfa.justering_avskrivningar", "Justering för av- och nedskrivningar", 1, S::kBody},
        {"kfa.justering_ovriga", "Justering för övriga ej likviditetspåverkande poster", 1, S::kBody},
        {"kfa.fore_rorelsekapital", "Medel från verksamheten före förändring av rörelsekapital", 1, S::kSubtotal, "", true},
        {"kfa.forandring_fordringar", "Ökning (\u2212)/minskning (+) kortfristiga fordringar", 1, S::kBody, "", true},
        {"kfa.forandring_skulder", "Ökning (+)/minskning (\u2212) kortfristiga skulder", 1, S::kBody, "", true},
        {"kfa.lopande_verksamhet", "Kassaflöde från den löpande verksamheten", 1, S::kSubtotal, "", true},
        {"kfa.investeringsverksamhet", "Kassaflöde från investeringsverksamheten", 1, S::kBody, "", true},
        {"kfa.finansieringsverksamhet", "Kassaflöde från finansieringsverksamheten", 1, S::kBody, "", true},
        {"kfa.arets_kassaflode", "Årets kassaflöde", 1, S::kSubtotal, "", true},
        {"kfa.likvida_medel_ingaende", "Likvida medel vid årets början", 1, S::kBody, "", true},
        {"kfa.likvida_medel_utgaende", "Likvida medel vid årets slut", 1, S::kTotal, "", true}}},
  };
  return statements;
}

const Statement& StatementById(std::string_view id) {
  for (const Statement& statement : Statements()) {
    if (statement.id == id) return statement;
  }
  throw std::logic_error("no statement " + std::string(id));
}

const std::vector<std::string>& RenamableTables() {
  static const std::vector<std::string> ids = {"resultatrakning", "balansrakning", "kassaflodesanalys",
                                               "driftredovisning"};
  return ids;
}

std::vector<std::string> RelabelableLines() {
  std::vector<std::string> names;
  for (const Statement& statement : Statements()) {
    for (const StatementLine& line : statement.lines) {
      if (!line.figure.empty()) names.emplace_back(line.figure);
    }
  }
  return names;
}

void CheckStatementNames(const StatementNames& names, Diagnostics& diagnostics) {
  const std::vector<std::string> lines = RelabelableLines();
  std::set<std::string> seen;
  for (const LineName& name : names.rader) {
    const std::string& line = name.rad.value;
    if (std::find(lines.begin(), lines.end(), line) == lines.end()) {
      std::string message = "no statement line `" + line + "`";
      std::string suggestion = DidYouMean(line, lines);
      if (!suggestion.empty()) message += "; did you mean `" + suggestion + "`?";
      diagnostics.Error("names.line", name.rad.where, name.rad.path, message);
    } else if (!seen.insert(line).second) {
      diagnostics.Error("names.line", name.rad.where, name.rad.path, "`" + line + "` is named twice");
    }
  }
}

}  // namespace arsred

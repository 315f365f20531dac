// The loader: what yaml-cpp lets through that we must not, and that every finding is located.
#include <catch2/catch.hpp>

#include "load.h"
#include "load_visitor.h"

namespace arsred {
namespace {

struct Loaded {
  SourceSet sources;
  Diagnostics diagnostics;
  YearFiles files;
};

std::unique_ptr<Loaded> Load(const std::string& file, const std::string& text) {
  auto loaded = std::make_unique<Loaded>();
  LoadFileText(text, file, "inputs/2024/" + file, loaded->files, loaded->sources, loaded->diagnostics);
  return loaded;
}

// The single finding's code and position, as "code@line:column".
std::string Only(const Loaded& loaded) {
  const auto& all = loaded.diagnostics.all();
  if (all.size() != 1) {
    std::string listing = std::to_string(all.size()) + " findings:";
    for (const auto& d : all) listing += " " + d.code + "@" + std::to_string(d.where.line) + ":" + std::to_string(d.where.column);
    return listing;
  }
  return all[0].code + "@" + std::to_string(all[0].where.line) + ":" + std::to_string(all[0].where.column);
}

std::string ReplaceAllForTest(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

const char* kOrg =
    "ar: 2024\n"
    "omfattning: jamforelsear\n"
    "forbund:\n"
    "  namn: Provbygden\n"
    "  organisationsnummer: 222000-1990\n";

TEST_CASE("a well-formed file loads with every value and its position") {
  auto loaded = Load("forbund.yaml", kOrg);
  CHECK(loaded->diagnostics.all().empty());
  const OrgFile& org = loaded->files.forbund;
  CHECK(org.ar.value == 2024);
  CHECK(org.omfattning.value == Scope::kComparativeYear);
  CHECK(org.forbund.namn.value == "Provbygden");
  CHECK(org.forbund.namn.where.line == 4);
  CHECK(org.forbund.namn.where.column == 9);
  CHECK(org.forbund.namn.path == "forbund.namn");
}

TEST_CASE("what yaml-cpp accepts silently is refused with a position") {
  CHECK(Only(*Load("forbund.yaml", std::string(kOrg) + "ar: 2025\n")) == "key.duplicate@6:1");
  CHECK(Only(*Load("forbund.yaml", std::string(kOrg) + "layout: &l modern\n")) == "yaml.anchor@6:9");
  CHECK(Only(*Load("forbund.yaml", "ar: &y 2024\nx: *y\n")) == "yaml.anchor@1:5");
  CHECK(Only(*Load("forbund.yaml", std::string(kOrg) + "---\nar: 2025\n")) == "yaml.documents@6:1");
  CHECK(Only(*Load("forbund.yaml", "ar: 2024\n\tomfattning: jamforelsear\n")) == "yaml.tab@2:1");
  CHECK(Only(*Load("forbund.yaml", std::string(kOrg) + "layout: \"bl\xE5\"\n")) == "file.encoding@6:12");
  CHECK(Only(*Load("forbund.yaml", "\xFF\xFE" "a")) == "file.encoding@1:1");  // UTF-16 cut in half a code unit
  CHECK(Only(*Load("forbund.yaml", std::string(kOrg) + "layout: \"\xF0\x9F\x98\x80\"\n")) == "file.encoding@6:10");
  CHECK(Only(*Load("forbund.yaml", "")) == "file.empty@1:1");
  CHECK(Only(*Load("forbund.yaml", "# only a comment\n")) == "file.empty@1:1");
  CHECK(Only(*Load("forbund.yaml", "- a\n- b\n")) == "yaml.type@1:1");
}

// Files from other editors and programs, as a tester fed them in.
TEST_CASE("blank lines with tabs, old Mac line ends and no-break spaces are read or named") {
  // A tab on a line of nothing else indents nothing: valid YAML, and editors leave such lines.
  CHECK(Load("forbund.yaml", "ar: 2024\n\t\nomfattning: jamforelsear\n \t \nforbund:\n  namn: P\n"
                             "  organisationsnummer: 222000-1990\n")
            ->diagnostics.all()
            .empty());
  CHECK(Only(*Load("forbund.yaml", "\n   \n\t\n")) == "file.empty@1:1");
  // Lines ended by CR alone read as lines, counted as an editor shows them.
  std::string mac;
  for (char c : std::string("# Provbygden\n") + kOrg) mac += c == '\n' ? '\r' : c;
  auto old_mac = Load("forbund.yaml", mac);
  CHECK(old_mac->diagnostics.all().empty());
  CHECK(old_mac->files.forbund.forbund.namn.where.line == 5);
  // A no-break space where an indent belongs, as a word processor copies one.
  CHECK(Only(*Load("forbund.yaml", "ar: 2024\nforbund:\n \u00A0namn: P\n")) == "yaml.indent@3:2");
  // A word processor's line separator, which YAML would take for a line end.
  CHECK(Only(*Load("forbund.yaml", "ar: 2024\nforbund:\n  namn: Prov\u2028bygden\n")) == "file.encoding@3:13");
  // A list left open at the end of the file points at its [, with the key being read.
  auto unclosed = Load("forbund.yaml", std::string(kOrg) + "layout: [modern\n\n");
  CHECK(Only(*unclosed) == "yaml.syntax@6:9");
  CHECK(unclosed->diagnostics.all()[0].key_path == "layout[0]");
}

TEST_CASE("deep nesting and oversized files are refused before parsing") {
  std::string deep = "ar: " + std::string(40, '[') + std::string(40, ']') + "\n";
  CHECK(Only(*Load("forbund.yaml", deep)) == "yaml.depth@1:36");
  // Far deeper, with no line end: yaml-cpp's own limit stops it too, which is no second finding
  // (it was "YAML syntax: bad file" under a key path of 700 [0]).
  CHECK(Only(*Load("forbund.yaml", std::string(700, '[') + std::string(700, ']'))) == "yaml.depth@1:33");
  ReaderLimits small;
  small.max_file_bytes = 10;
  Loaded loaded;
  LoadFileText(kOrg, "forbund.yaml", "f", loaded.files, loaded.sources, loaded.diagnostics, small);
  CHECK(Only(loaded) == "file.size@1:1");
}

TEST_CASE("numbers must be plain whole numbers where the format says so") {
  auto with = [](const std::string& value) {
    return Load("forbund.yaml", std::string(kOrg) + "platser_per_medlem: " + value + "\n");
  };
  CHECK(Only(*with("2")) == "0 findings:");
  CHECK(Only(*with("'2'")) == "value.quoted@6:21");
  CHECK(Only(*with("2.0")) == "value.number@6:21");
  CHECK(Only(*with("0x2")) == "value.number@6:21");
  CHECK(Only(*with("02")) == "value.number@6:21");
  CHECK(Only(*with("2 0")) == "value.number@6:21");
  CHECK(Only(*with("[2]")) == "yaml.type@6:21");
}

TEST_CASE("when a förbund was formed is a year or a whole date") {
  auto with = [](const std::string& value) { return Load("forbund.yaml", std::string(kOrg) + "  bildat: " + value + "\n"); };
  CHECK(Only(*with("2011")) == "0 findings:");
  CHECK(Only(*with("2011-03-04")) == "0 findings:");
  CHECK(with("2011-03-04")->files.forbund.forbund.bildat->value.ToString() == "2011-03-04");
  CHECK(with("2011")->files.forbund.forbund.bildat->value.ToString() == "2011");
  CHECK(Only(*with("2011-02-30")) == "value.date@6:11");
  CHECK(Only(*with("11")) == "value.date@6:11");
  CHECK(Only(*with("'2011'")) == "value.quoted@6:11");
}

TEST_CASE("unknown keys get a did-you-mean, missing keys are named") {
  auto loaded = Load("forbund.yaml", "ar: 2024\nomfatning: jamforelsear\nforbund:\n  namn: X\n");
  const auto& all = loaded->diagnostics.all();
  REQUIRE(all.size() == 3);
  bool suggested = false, missing_scope = false, missing_number = false;
  for (const auto& d : all) {
    suggested |= d.code == "key.unknown" && d.message.find("did you mean `omfattning`") != std::string::npos;
    missing_scope |= d.code == "key.missing" && d.message.find("`omfattning`") != std::string::npos;
    missing_number |= d.code == "key.missing" && d.message.find("`organisationsnummer`") != std::string::npos;
  }
  CHECK(suggested);
  CHECK(missing_scope);
  CHECK(missing_number);
}

TEST_CASE("a word cut short at a joint of a listed word is pointed to it, when only one begins so") {
  auto message_for = [](const std::string& status) {
    auto loaded = Load("verksamhet.yaml", "malomraden:\n  - id: a\n    rubrik: A\n    mal:\n      - mal: M\n"
                                          "        status: " + status + "\n        redovisning: R\n");
    for (const auto& d : loaded->diagnostics.all()) {
      if (d.code == "value.enum") return d.message;
    }
    FAIL("no value.enum finding for " << status);
    return std::string();
  };
  CHECK(message_for("delvis").find("did you mean `delvis_uppnatt`?") != std::string::npos);
  // "upp" begins uppnatt, but not at a joint: no guess.
  CHECK(message_for("upp").find("did you mean") == std::string::npos);
}

TEST_CASE("a line of a text typed without its indent is pointed to, not where YAML gave up") {
  auto loaded = Load("text.yaml",
                     "forvaltningsberattelse: |\n  # Rubrik\n\n  Första stycket.\nAndra raden utan indrag\n"
                     "  tredje raden\n  fjärde: rad\nredovisningsprinciper: |\n  Text.\n");
  CHECK(Only(*loaded) == "yaml.syntax@5:1");
  CHECK(loaded->diagnostics.all()[0].message.find("this line has no indent") != std::string::npos);
  CHECK(loaded->diagnostics.all()[0].message.find("gave up on line 7") != std::string::npos);
  // Another syntax error keeps YAML's own place and words.
  auto other = Load("forbund.yaml", "ar: [2024\nomfattning: arsredovisning\n");
  REQUIRE(other->diagnostics.all().size() == 1);
  CHECK(other->diagnostics.all()[0].code == "yaml.syntax");
  CHECK(other->diagnostics.all()[0].message.find("no indent") == std::string::npos);
}

TEST_CASE("the words of a name joined in another order are pointed to the name") {
  CHECK(DidYouMean("lagre_hogre", {"tkr", "abs", "hogre_lagre", "mer_mindre"}) == "hogre_lagre");
  CHECK(DidYouMean("underskott_overskott", {"overskott_underskott", "okning_minskning"}) == "overskott_underskott");
  // Other words, or one word more: no guess.
  CHECK(DidYouMean("lagre_mer", {"hogre_lagre", "mer_mindre"}).empty());
  CHECK(DidYouMean("lagre_hogre_x", {"hogre_lagre"}).empty());
}

TEST_CASE("enumerations, booleans and dates are checked where they stand") {
  auto loaded = Load("forbund.yaml", std::string(kOrg) + "status: slutlg\nstyrelsebeslut: 2025-02-30\n");
  REQUIRE(loaded->diagnostics.all().size() == 2);
  CHECK(loaded->diagnostics.all()[0].code == "value.enum");
  CHECK(loaded->diagnostics.all()[0].message.find("did you mean `slutlig`") != std::string::npos);
  CHECK(loaded->diagnostics.all()[1].code == "value.date");
  auto yes = Load("verksamhet.yaml",
                  "tabeller:\n  - id: t\n    rubrik: T\n    jamforelse: yes\n    rader: []\n");
  CHECK(Only(*yes) == "value.bool@4:17");
}

TEST_CASE("money takes the unit of the mapping it stands in") {
  auto loaded = Load("rakenskaper.yaml",
                     "resultatrakning:\n  enhet: tkr\n  finansiella_intakter: 7\n"
                     "balansrakning:\n  kassa_och_bank: 7000\n");
  REQUIRE(loaded->diagnostics.all().empty());
  const AccountsFile& a = loaded->files.rakenskaper;
  CHECK(a.resultatrakning->finansiella_intakter->value.kronor == 7000);
  CHECK(a.resultatrakning->finansiella_intakter->value.tkr_terms == 1);
  CHECK(a.balansrakning->kassa_och_bank->value.kronor == 7000);
  CHECK(a.balansrakning->kassa_och_bank->value.exact());
}

TEST_CASE("CRLF line ends and a UTF-8 byte order mark are accepted") {
  std::string crlf = ReplaceAllForTest(kOrg);
  auto loaded = Load("forbund.yaml", "\xEF\xBB\xBF" + crlf);
  CHECK(loaded->diagnostics.all().empty());
  CHECK(loaded->files.forbund.forbund.namn.where.line == 4);
}

// The text as UTF-16 after its byte order mark, in either byte order (the text is ASCII and
// Latin-1, and one character past the Basic Multilingual Plane given as a surrogate pair).
std::string Utf16(const std::u16string& text, bool little_endian) {
  std::string bytes = little_endian ? "\xFF\xFE" : "\xFE\xFF";
  for (char16_t unit : text) {
    const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
    bytes += little_endian ? std::string{low, high} : std::string{high, low};
  }
  return bytes;
}

TEST_CASE("a file saved as UTF-16 with a byte order mark is read as the text it is") {
  const std::u16string org = u"forbund:\n  namn: Samordningsförbundet Älvdalen\n  organisationsnummer: 222000-1990\n"
                             u"  sate: Mora\n";
  for (bool little_endian : {true, false}) {
    INFO(little_endian);
    auto loaded = Load("forbund.yaml", Utf16(org + u"ar: 2024\nomfattning: arsredovisning\n", little_endian));
    CHECK(loaded->files.forbund.forbund.namn.value == "Samordningsförbundet Älvdalen");
    REQUIRE(loaded->files.forbund.forbund.sate);
    CHECK(loaded->files.forbund.forbund.sate->value == "Mora");
    CHECK(loaded->files.forbund.forbund.sate->where.line == 4);
  }
  // Half of a surrogate pair is no text: refused, not guessed at.
  // Pointed to where the pairs break, after the text read so far.
  const std::string broken = Utf16(org, true) + "\x3D\xD8";
  CHECK(Only(*Load("forbund.yaml", broken)) == "file.encoding@5:1");
  CHECK(Only(*Load("forbund.yaml", Utf16(u"ar: 2024\n", true) + "a")) == "file.encoding@2:1");
  // A character outside the Basic Multilingual Plane (an emoji) decodes, and is refused as in UTF-8.
  auto emoji = Load("forbund.yaml", Utf16(u"forbund:\n  namn: F\U0001F600\n", true));
  REQUIRE(!emoji->diagnostics.all().empty());
  CHECK(emoji->diagnostics.all()[0].code == "file.encoding");
  CHECK(emoji->diagnostics.all()[0].where.line == 2);
}

}  // namespace
}  // namespace arsred

namespace arsred {
namespace {

TEST_CASE("a text longer than the limit is refused at its key") {
  std::string text = "forvaltningsberattelse: |\n";
  while (text.size() < 300 * 1024) text += "  Förbundet har under året finansierat insatser i länet.\n";
  auto loaded = Load("text.yaml", text);
  REQUIRE(loaded->diagnostics.all().size() == 1);
  CHECK(loaded->diagnostics.all()[0].code == "value.size");
  CHECK(loaded->diagnostics.all()[0].where.line == 1);
  CHECK(loaded->diagnostics.all()[0].message.find("the limit is 262144") != std::string::npos);
}

}  // namespace
}  // namespace arsred

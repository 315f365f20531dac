// `arsred sign`: every seat of a final report signs in turn, each signature PAdES B-B, and
// poppler's pdfsig, qpdf and OpenSSL agree that each is valid; what it refuses leaves the file as
// it was. The certificates are made here with the openssl tool, in a temporary directory: a test
// CA (RSA) and a key per ledamot (EC P-256, and RSA for the seat that checks reproducibility).
#include <catch2/catch.hpp>

#include <cstdio>
#include <ctime>
#include <regex>

#include "test_util.h"

namespace arsred::test {
namespace {

const char* kOpensslConfig =
    "[req]\n"
    "distinguished_name = dn\n"
    "[dn]\n"
    "[ca]\n"
    "basicConstraints = critical, CA:TRUE\n"
    "keyUsage = critical, keyCertSign, cRLSign\n"
    "[ledamot]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical, digitalSignature, nonRepudiation\n"
    "[encipher_only]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical, keyEncipherment\n"
    "[tsa_ext]\n"
    "basicConstraints = CA:FALSE\n"
    "keyUsage = critical, digitalSignature\n"
    "extendedKeyUsage = critical, timeStamping\n"
    "[tsa]\n"
    "default_tsa = tsa_config\n"
    "[tsa_config]\n"
    "serial = tsaserial\n"
    "crypto_device = builtin\n"
    "signer_cert = tsa.crt\n"
    "signer_key = tsa.key\n"
    "signer_digest = sha256\n"
    "default_policy = 1.2.3.4.1\n"
    "digests = sha256\n"
    "accuracy = secs:1\n"
    "ess_cert_id_alg = sha256\n";

// A test CA in `dir`, and ledamöter's PKCS#12 files issued by it (password "hemligt").
class TestCa {
 public:
  explicit TestCa(const fs::path& dir) : dir_(dir) {
    WriteFile(dir_ / "openssl.cnf", kOpensslConfig);
    WriteFile(dir_ / "password", "hemligt\n");
    Run("openssl req -x509 -newkey rsa:2048 -nodes -keyout " + Path("ca.key") + " -out " + Path("ca.crt") +
        " -subj '/CN=arsred test CA' -days 30 -config " + Path("openssl.cnf") + " -extensions ca");
  }

  // A ledamot's .p12: `key` "ec" (P-256), "rsa", "rsa-pss" or "ed25519", valid for `days`, with the extensions of `profile`.
  fs::path Issue(const std::string& name, const std::string& key = "ec", int days = 30,
                 const std::string& profile = "ledamot") {
    const std::string keygen = key == "ec"        ? "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
                               : key == "rsa-pss" ? "-newkey rsa-pss -pkeyopt rsa_keygen_bits:2048"
                               : key == "ed25519" ? "-newkey ed25519"
                                                  : "-newkey rsa:2048";
    Run("openssl req " + keygen + " -nodes -keyout " + Path(name + ".key") + " -out " + Path(name + ".csr") +
        " -subj '/CN=" + name + "/O=Samordningsförbundet' -utf8 -config " + Path("openssl.cnf"));
    Run("openssl x509 -req -in " + Path(name + ".csr") + " -CA " + Path("ca.crt") + " -CAkey " + Path("ca.key") +
        " -CAcreateserial -days " + std::to_string(days) + " -out " + Path(name + ".crt") + " -extfile " +
        Path("openssl.cnf") + " -extensions " + profile);
    Run("openssl pkcs12 -export -inkey " + Path(name + ".key") + " -in " + Path(name + ".crt") + " -certfile " +
        Path("ca.crt") + " -out " + Path(name + ".p12") + " -passout pass:hemligt");
    return dir_ / (name + ".p12");
  }

  fs::path password() const { return dir_ / "password"; }

  // The .p12 of the ledamot `name` (issued before) exported again as before OpenSSL 3 (RC2-40).
  fs::path Legacy(const std::string& name) {
    Run("openssl pkcs12 -export -legacy -inkey " + Path(name + ".key") + " -in " + Path(name + ".crt") + " -out " +
        Path(name + ".legacy.p12") + " -passout pass:hemligt");
    return dir_ / (name + ".legacy.p12");
  }
  // A .p12 with the key of `name` and, as its only certificate, the one of `other`.
  fs::path Mismatched(const std::string& name, const std::string& other) {
    Run("openssl pkcs12 -export -inkey " + Path(name + ".key") + " -nocerts -certfile " + Path(other + ".crt") +
        " -out " + Path(name + ".mismatched.p12") + " -passout pass:hemligt");
    return dir_ / (name + ".mismatched.p12");
  }

  // What a timestamping authority returns for `data` (RFC 3161): a token from `openssl ts`,
  // with a TSA certificate of this CA's.
  fs::path TimestampToken(const fs::path& data) {
    if (!fs::exists(dir_ / "tsa.crt")) {
      WriteFile(dir_ / "tsaserial", "01\n");
      Run("openssl req -newkey rsa:2048 -nodes -keyout " + Path("tsa.key") + " -out " + Path("tsa.csr") +
          " -subj '/CN=arsred test TSA' -config " + Path("openssl.cnf"));
      Run("openssl x509 -req -in " + Path("tsa.csr") + " -CA " + Path("ca.crt") + " -CAkey " + Path("ca.key") +
          " -CAcreateserial -days 30 -out " + Path("tsa.crt") + " -extfile " + Path("openssl.cnf") +
          " -extensions tsa_ext");
    }
    const fs::path token = data.string() + ".tsr";
    Run("(cd " + Quote(dir_) + " && openssl ts -query -data " + Quote(data) + " -sha256 -cert -no_nonce -out " +
        Path("request.tsq") + " && openssl ts -reply -config " + Path("openssl.cnf") + " -queryfile " +
        Path("request.tsq") + " -token_out -out " + Quote(token) + ")");
    return token;
  }
  // What a signing service returns for `data`: a detached CMS made by `openssl cms` with the
  // key and certificate of the ledamot `name` (issued before).
  fs::path ServiceSigns(const std::string& name, const fs::path& data) const {
    const fs::path out = dir_ / (name + ".cms.der");
    Run("openssl cms -sign -binary -in " + Quote(data) + " -signer " + Path(name + ".crt") + " -inkey " +
        Path(name + ".key") + " -certfile " + Path("ca.crt") + " -outform DER -out " + Quote(out) +
        " -nosmimecap -cades -md sha256");
    return out;
  }
  fs::path certificate() const { return dir_ / "ca.crt"; }

  // A ledamot's .p12 with a self-signed certificate (no CA), EC P-256.
  fs::path SelfSigned(const std::string& name) {
    Run("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + Path(name + ".key") +
        " -out " + Path(name + ".crt") + " -subj '/CN=" + name + "' -days 30 -config " + Path("openssl.cnf") +
        " -extensions ledamot");
    Run("openssl pkcs12 -export -inkey " + Path(name + ".key") + " -in " + Path(name + ".crt") + " -out " +
        Path(name + ".p12") + " -passout pass:hemligt");
    return dir_ / (name + ".p12");
  }
  // A .p12 like SelfSigned's, whose certificate's own signature is broken (its last byte).
  fs::path BrokenSelfSigned(const std::string& name) {
    SelfSigned(name);
    Run("openssl x509 -in " + Path(name + ".crt") + " -outform DER -out " + Path(name + ".der"));
    std::string der = ReadFile(dir_ / (name + ".der"));
    der.back() ^= 0x01;
    WriteFile(dir_ / (name + ".der"), der);
    Run("openssl x509 -inform DER -in " + Path(name + ".der") + " -out " + Path(name + ".broken.crt"));
    Run("openssl pkcs12 -export -inkey " + Path(name + ".key") + " -in " + Path(name + ".broken.crt") + " -out " +
        Path(name + ".broken.p12") + " -passout pass:hemligt");
    return dir_ / (name + ".broken.p12");
  }
  // The same as ServiceSigns, without -cades: a CMS with no signing-certificate-v2 attribute.
  fs::path ServiceSignsWithoutCades(const std::string& name, const fs::path& data) const {
    const fs::path out = dir_ / (name + ".plain.cms.der");
    Run("openssl cms -sign -binary -in " + Quote(data) + " -signer " + Path(name + ".crt") + " -inkey " +
        Path(name + ".key") + " -outform DER -out " + Quote(out) + " -nosmimecap -md sha256");
    return out;
  }

 private:
  std::string Path(const std::string& name) const { return Quote(dir_ / name); }
  static void Run(const std::string& command) {
    ToolRun run = RunToolWithErrors(command);
    INFO(command << "\n" << run.output);
    REQUIRE(run.exit_code == 0);
  }
  fs::path dir_;
};

// Tomorrow (UTC), as --date takes it: within every certificate made today for 30 days.
std::string Tomorrow() {
  std::time_t now = std::time(nullptr) + 24 * 3600;
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &tm);
  return text;
}

// The final 2023 report, built into `dir`.
fs::path FinalReport(const fs::path& dir) {
  const fs::path pdf = dir / "arsredovisning-2023.pdf";
  RunResult build = RunArsred({"build", FinalSeedCopy(dir, "2023").string(), "--final", "-o", pdf.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  return pdf;
}

// A draft of 2023 (inputs/2023 itself is not approved), built into `dir`.
fs::path DraftReport(const fs::path& dir) {
  const fs::path pdf = dir / "draft.pdf";
  REQUIRE(RunArsred({"build", (kSourceDir / "inputs/2023").string(), "-o", pdf.string()}).exit_code == 0);
  return pdf;
}

RunResult Sign(const fs::path& report, const std::string& seat, const fs::path& p12, const TestCa& ca,
               const std::string& date = Tomorrow(), const fs::path& output = {}) {
  std::vector<std::string> args{"sign", report.string(), "--seat", seat, "--pkcs12", p12.string(),
                                "--password-file", ca.password().string(), "--date", date};
  if (!output.empty()) args.insert(args.end(), {"-o", output.string()});
  return RunArsred(args);
}

// The DER of the CMS in the first signature of `pdf` and the bytes its /ByteRange covers. (By
// hand: std::regex recurses once per character, and /Contents holds 32 768 of them.)
std::pair<std::string, std::string> FirstSignatureAndSignedBytes(const std::string& pdf) {
  const size_t range = pdf.find("/ByteRange [0 ");
  REQUIRE(range != std::string::npos);
  size_t a = 0, b = 0, c = 0;
  REQUIRE(std::sscanf(pdf.c_str() + range, "/ByteRange [0 %zu %zu %zu]", &a, &b, &c) == 3);
  REQUIRE(pdf[a] == '<');
  REQUIRE(pdf[b - 1] == '>');
  std::string der;
  for (size_t i = a + 1; i + 1 < b - 1; i += 2) der += static_cast<char>(std::stoi(pdf.substr(i, 2), nullptr, 16));
  return {der, pdf.substr(0, a) + pdf.substr(b, c)};
}

// `pdf` with the `nth` (0-based) occurrence of `from` in the CMS of its newest signature replaced
// by `to`, of the same length: a certificate edited where no signature covers it.
std::string EditedNewestCms(const std::string& pdf, const std::string& from, const std::string& to, int nth) {
  REQUIRE(from.size() == to.size());
  const size_t range = pdf.rfind("/ByteRange [0 ");
  REQUIRE(range != std::string::npos);
  size_t a = 0, b = 0;
  REQUIRE(std::sscanf(pdf.c_str() + range, "/ByteRange [0 %zu %zu", &a, &b) == 2);
  std::string der;
  for (size_t i = a + 1; i + 1 < b - 1; i += 2) der += static_cast<char>(std::stoi(pdf.substr(i, 2), nullptr, 16));
  size_t at = der.find(from);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = der.find(from, at + 1);
  REQUIRE(at != std::string::npos);
  der.replace(at, to.size(), to);
  std::string hex;
  for (unsigned char byte : der) {
    char two[3];
    std::snprintf(two, sizeof two, "%02X", byte);
    hex += two;
  }
  std::string out = pdf;
  out.replace(a + 1, hex.size(), hex);
  return out;
}

// A field of `pdf` as qpdf reads it: its object number and its value (/V, "1327 0 R"), or 0.
std::pair<int, std::string> FieldOf(const fs::path& pdf, const std::string& name) {
  const std::string json = RunTool("qpdf --json=2 --json-key=acroform " + Quote(pdf)).output;
  const size_t at = json.find("\"fullname\": \"" + name + "\"");
  REQUIRE(at != std::string::npos);
  const size_t object = json.find("\"object\": \"", at), value = json.find("\"value\": ", at);
  REQUIRE(object != std::string::npos);
  REQUIRE(value != std::string::npos);
  const size_t value_start = value + 9, value_end = json.find_first_of(",\n", value_start);
  return {std::stoi(json.substr(object + 11)), ReplaceAll(json.substr(value_start, value_end - value_start), "\"", "")};
}

// `pdf` with another program's incremental update appended: each of `objects` (its number and
// new dictionary) written again, a cross-reference table, and a trailer back to the file's last
// section; `eof` false leaves the closing %%EOF off, as a careless program might.
std::string ForeignUpdate(const fs::path& pdf, const std::vector<std::pair<int, std::string>>& objects,
                          bool eof = true) {
  std::string out = ReadFile(pdf);
  const std::string trailer = RunTool("qpdf --show-object=trailer " + Quote(pdf)).output;
  // "/Root 2 0 R": the entry's text up to the next key or the end.
  const auto entry = [&](const std::string& key) {
    const size_t at = trailer.find("/" + key + " ");
    if (at == std::string::npos) return std::string();
    size_t end = trailer.find(" /", at + 1);
    if (end == std::string::npos) end = trailer.rfind(" >>");
    return trailer.substr(at, end - at) + " ";
  };
  const size_t last_xref = std::stoul(out.substr(out.rfind("startxref") + 10));
  std::string xref = "xref\n";
  for (const auto& [number, text] : objects) {
    char row[64];
    std::snprintf(row, sizeof row, "%d 1\n%010zu 00000 n \n", number, out.size());
    xref += row;
    out += std::to_string(number) + " 0 obj\n" + text + "\nendobj\n";
  }
  const size_t xref_at = out.size();
  out += xref + "trailer\n<< " + entry("Size") + entry("Root") + entry("Info") + entry("ID") + "/Prev " +
         std::to_string(last_xref) + " >>\nstartxref\n" + std::to_string(xref_at) + "\n";
  if (eof) out += "%%EOF\n";
  return out;
}

TEST_CASE("every seat signs in turn, and every signature stays valid", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  const std::string unsigned_bytes = ReadFile(report);
  ToolRun fields = RunTool("pdfsig " + Quote(report));
  std::vector<std::string> seats;
  const std::regex field_name("Signature Field Name: (\\S+)");
  for (auto it = std::sregex_iterator(fields.output.begin(), fields.output.end(), field_name);
       it != std::sregex_iterator(); ++it) {
    seats.push_back((*it)[1]);
  }
  REQUIRE(seats.size() == 11);

  for (size_t i = 0; i < seats.size(); ++i) {
    INFO(seats[i]);
    RunResult run = Sign(report, seats[i], ca.Issue(seats[i]), ca);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    CHECK(run.err.find("signed by CN = " + seats[i]) != std::string::npos);
    // Each update appends: the bytes before it are those the earlier signatures cover.
    CHECK(ReadFile(report).compare(0, unsigned_bytes.size(), unsigned_bytes) == 0);
    ToolRun check = RunTool("pdfsig " + Quote(report));
    CHECK(Count(check.output, "Signature Validation: Signature is Valid.") == i + 1);
    CHECK(Count(check.output, "The signature form field is not signed.") == seats.size() - i - 1);
    CHECK(Count(check.output, "Signature Type: ETSI.CAdES.detached") == i + 1);
    CHECK(Count(check.output, "Total document signed") == 1);  // the newest covers the whole file
  }
  CHECK(RunTool("qpdf --check " + Quote(report)).exit_code == 0);
  // Still the PDF/A-2a and PDF/UA-1 it was built as.
  const std::string xmp = RunTool("pdfinfo -meta " + Quote(report)).output;
  CHECK(xmp.find("<pdfaid:part>2</pdfaid:part>") != std::string::npos);
  CHECK(xmp.find("<pdfaid:conformance>A</pdfaid:conformance>") != std::string::npos);

  // OpenSSL verifies the first signature against the test CA, over the bytes its range names,
  // and finds the attributes PAdES B-B asks for and no signing time.
  const std::string signed_report = ReadFile(report);
  const auto [der, covered] = FirstSignatureAndSignedBytes(signed_report);
  WriteFile(temp.path() / "first.der", der);
  WriteFile(temp.path() / "first.bin", covered);
  ToolRun verify = RunToolWithErrors("openssl cms -verify -binary -inform DER -in " + Quote(temp.path() / "first.der") +
                                     " -content " + Quote(temp.path() / "first.bin") + " -CAfile " +
                                     Quote(ca.certificate()) + " -purpose any -out /dev/null");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  const std::string printed =
      RunTool("openssl cms -cmsout -print -inform DER -noout -in " + Quote(temp.path() / "first.der")).output;
  CHECK(printed.find("object: contentType") != std::string::npos);
  CHECK(printed.find("object: messageDigest") != std::string::npos);
  CHECK(printed.find("signingCertificateV2") != std::string::npos);
  CHECK(printed.find("signingTime") == std::string::npos);

  // arsred's own check agrees: every seat signed and valid, the newest covering the whole file.
  RunResult listed = RunArsred({"signatures", report.string()});
  INFO(listed.out << listed.err);
  CHECK(listed.exit_code == 0);
  CHECK(Count(listed.out, ": valid") == seats.size());
  CHECK(Count(listed.out, "(covers the whole file)") == 1);
  CHECK(listed.out.find("11 of 11 seats signed") != std::string::npos);

  // One byte changed inside a signed range: the signatures that cover it are no longer valid.
  std::string tampered = signed_report;
  const size_t at = tampered.find("Årsredovisning");
  REQUIRE(at != std::string::npos);
  tampered[at + 3] = 'X';
  WriteFile(temp.path() / "tampered.pdf", tampered);
  const std::string after = RunTool("pdfsig " + Quote(temp.path() / "tampered.pdf")).output;
  CHECK(Count(after, "Signature Validation: Signature is Valid.") == 0);
  RunResult checked = RunArsred({"signatures", (temp.path() / "tampered.pdf").string()});
  INFO(checked.out);
  CHECK(checked.exit_code == 2);
  CHECK(Count(checked.out, ": NOT VALID") == seats.size());
  CHECK(checked.out.find("the signature does not verify") != std::string::npos);
}

TEST_CASE("a signer's certificate edited in the CMS is not valid — a CMS without signing-certificate-v2 is refused",
          "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  REQUIRE(Sign(report, "region", ca.Issue("region"), ca).exit_code == 0);
  REQUIRE(Sign(report, "ostersund", ca.SelfSigned("ostersund"), ca).exit_code == 0);
  REQUIRE(RunArsred({"signatures", report.string()}).exit_code == 0);
  const std::string signed_bytes = ReadFile(report);
  const auto not_valid = [&](const std::string& pdf, const std::string& says) {
    WriteFile(temp.path() / "edited.pdf", pdf);
    RunResult run = RunArsred({"signatures", (temp.path() / "edited.pdf").string()});
    INFO(run.out << run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.out.find("ostersund: signed by CN = 0stersund") != std::string::npos);
    CHECK(run.out.find(": NOT VALID\n  " + says) != std::string::npos);
  };
  // The self-signed certificate's subject (its second "ostersund": the first is its issuer):
  // the signing-certificate-v2 attribute names the certificate as it was.
  not_valid(EditedNewestCms(signed_bytes, "ostersund", "0stersund", 1),
            "the signer's certificate is not the one the signature was made with");

  // A certificate the CA issued, its subject edited: the CA's signature on it no longer holds.
  REQUIRE(Sign(report, "berg", ca.Issue("berg"), ca).exit_code == 0);
  WriteFile(temp.path() / "edited.pdf", EditedNewestCms(ReadFile(report), "berg", "bErg", 0));
  RunResult run = RunArsred({"signatures", (temp.path() / "edited.pdf").string()});
  INFO(run.out);
  CHECK(run.exit_code == 2);
  CHECK(run.out.find("berg: signed by CN = bErg") != std::string::npos);
  CHECK(run.out.find("the signer's certificate does not hold (Verify error: certificate signature failure)") !=
        std::string::npos);

  // Through a service: a CMS without the attribute is refused, and nothing written.
  ca.Issue("krokom");
  const fs::path prepared = temp.path() / "prepared.pdf", data = temp.path() / "data.bin";
  REQUIRE(RunArsred({"sign", report.string(), "--seat", "krokom", "--prepare", data.string(), "-o",
                     prepared.string(), "--date", Tomorrow()})
              .exit_code == 0);
  const std::string prepared_bytes = ReadFile(prepared);
  RunResult plain = RunArsred({"sign", prepared.string(), "--seat", "krokom", "--attach",
                               ca.ServiceSignsWithoutCades("krokom", data).string()});
  INFO(plain.err);
  CHECK(plain.exit_code == 2);
  CHECK(plain.err.find("the CMS has no signing-certificate-v2 attribute") != std::string::npos);
  CHECK(ReadFile(prepared) == prepared_bytes);
}

TEST_CASE("a change after signing that no signature covers is named, and not signed over", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  REQUIRE(Sign(report, "region", ca.Issue("region"), ca).exit_code == 0);
  REQUIRE(Sign(report, "ostersund", ca.Issue("ostersund"), ca).exit_code == 0);
  const fs::path berg = ca.Issue("berg");
  const fs::path changed = temp.path() / "changed.pdf";
  // `signatures` on `pdf` written as changed.pdf: exit 2, the change named; and `sign` refuses it.
  const auto unsigned_change = [&](const std::string& pdf, const std::string& says) {
    WriteFile(changed, pdf);
    RunResult listed = RunArsred({"signatures", changed.string()});
    INFO(listed.out);
    CHECK(listed.exit_code == 2);
    CHECK(listed.out.find("NOT SIGNED: the file was changed after signing") != std::string::npos);
    CHECK(listed.out.find(says) != std::string::npos);
    CHECK(listed.out.find("(covers the whole file)") == std::string::npos);
    RunResult signing = Sign(changed, "berg", berg, ca);
    INFO(signing.err);
    CHECK(signing.exit_code == 2);
    CHECK(signing.err.find("was changed after it was signed, where no signature covers it") != std::string::npos);
    CHECK(ReadFile(changed) == pdf);
    return listed;
  };
  const std::string signed_bytes = ReadFile(report);
  const auto [ostersund, ostersund_value] = FieldOf(report, "ostersund");
  const auto [region, region_value] = FieldOf(report, "region");
  const auto [arbetsformedlingen, none] = FieldOf(report, "arbetsformedlingen");
  REQUIRE(none == "null");
  const std::string field = RunTool("qpdf --show-object=" + std::to_string(arbetsformedlingen) + " " + Quote(report)).output;

  // Another seat's field given ostersund's signature: not signed by that seat.
  RunResult stolen = unsigned_change(
      ForeignUpdate(report, {{arbetsformedlingen, field.substr(0, field.rfind(">>")) + "/V " + ostersund_value + " >>"}}),
      "a change nobody signed (it writes the field `arbetsformedlingen`)");
  CHECK(stolen.out.find("arbetsformedlingen: signed by CN = ostersund") != std::string::npos);
  CHECK(stolen.out.find("it was put here (/V) later, by a change no signature covers") != std::string::npos);
  CHECK(stolen.out.find("2 of 11 seats signed") != std::string::npos);

  // region's signature taken away.
  const std::string region_field = RunTool("qpdf --show-object=" + std::to_string(region) + " " + Quote(report)).output;
  RunResult unsigned_region =
      unsigned_change(ForeignUpdate(report, {{region, ReplaceAll(region_field, "/V " + region_value, "")}}),
                      "(it writes the field `region`)");
  CHECK(unsigned_region.out.find("region: not signed yet") != std::string::npos);

  // The same update without its %%EOF, and bytes after the %%EOF: no revision, and not covered.
  unsigned_change(ForeignUpdate(report, {{region, ReplaceAll(region_field, "/V " + region_value, "")}}, false),
                  ": after the last %%EOF, which no signature covers (it writes the field `region`)");
  unsigned_change(signed_bytes + "anything at all\n", "bytes " + std::to_string(signed_bytes.size()) + "–" +
                                                           std::to_string(signed_bytes.size() + 15) +
                                                           " (15 bytes): after the last %%EOF");

  // Line ends after the newest %%EOF are nothing: it still covers the whole file.
  WriteFile(changed, signed_bytes + "\n\r\n");
  RunResult spaced = RunArsred({"signatures", changed.string()});
  CHECK(spaced.exit_code == 0);
  CHECK(spaced.out.find("ostersund: signed by CN = ostersund") != std::string::npos);
  CHECK(spaced.out.find("(covers the whole file)") != std::string::npos);

  // Nor does `sign` add a signature beside one that no longer holds.
  WriteFile(changed, EditedNewestCms(signed_bytes, "ostersund", "0stersund", 0));
  RunResult beside_broken = Sign(changed, "berg", berg, ca);
  CHECK(beside_broken.exit_code == 2);
  CHECK(beside_broken.err.find("the signature of `ostersund` does not hold") != std::string::npos);
}

TEST_CASE("an untagged final report (a cross-reference table) takes one signature after another", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path data = temp.path() / "data";
  fs::create_directories(data / "layouts");
  fs::create_directory_symlink(kSourceDir / "fonts", data / "fonts");
  WriteFile(data / "layouts/untagged.yaml", ReadFile(kSourceDir / "layouts/modern.yaml") + "taggad: false\n");
  const fs::path report = temp.path() / "untagged.pdf";
  RunResult build = RunArsred({"build", FinalSeedCopy(temp.path(), "2023").string(), "--final", "--data-dir",
                               data.string(), "--layout", "untagged", "-o", report.string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  REQUIRE(ReadFile(report).find("\nxref\n") != std::string::npos);  // a table, not a stream
  const std::vector<std::string> seats{"region", "ostersund", "berg"};
  for (size_t i = 0; i < seats.size(); ++i) {
    INFO(seats[i]);
    RunResult run = Sign(report, seats[i], ca.Issue(seats[i]), ca);
    INFO(run.err);
    REQUIRE(run.exit_code == 0);
    // Each update's /Size is one more than its highest object: qpdf has nothing to say.
    ToolRun check = RunToolWithErrors("qpdf --check " + Quote(report));
    INFO(check.output);
    CHECK(check.exit_code == 0);
    CHECK(check.output.find("WARNING") == std::string::npos);
    RunResult listed = RunArsred({"signatures", report.string()});
    INFO(listed.out << listed.err);
    CHECK(listed.exit_code == 0);
    CHECK(Count(listed.out, ": valid") == i + 1);
  }
  CHECK(Count(RunTool("pdfsig " + Quote(report)).output, "Signature Validation: Signature is Valid.") == 3);
}

TEST_CASE("the PKCS#12 files ledamöter have: an old one (RC2-40), a password file with a BOM", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  ca.Issue("region");
  RunResult legacy = Sign(report, "region", ca.Legacy("region"), ca, Tomorrow(), temp.path() / "legacy.pdf");
  INFO(legacy.err);
  CHECK(legacy.exit_code == 0);
  // A byte order mark, as Windows editors write one, is no part of the password.
  WriteFile(ca.password(), "\xEF\xBB\xBFhemligt\r\n");
  RunResult bom = Sign(report, "ostersund", ca.Issue("ostersund"), ca, Tomorrow(), temp.path() / "bom.pdf");
  INFO(bom.err);
  CHECK(bom.exit_code == 0);
  // A key whose certificate is not in the file is named as such.
  RunResult mismatched = Sign(report, "region", ca.Mismatched("region", "ostersund"), ca);
  CHECK(mismatched.exit_code == 2);
  CHECK(mismatched.err.find("the private key is not the key of any certificate in the file (it has: CN = ostersund") !=
        std::string::npos);
  // An archive is a directory; a file is named as not one.
  RunResult not_archive = RunArsred({"signatures", report.string(), "--archive", report.string()});
  CHECK(not_archive.exit_code == 2);
  CHECK(not_archive.err.find(": not a directory") != std::string::npos);
}

TEST_CASE("signatures lists who has not signed, and --archive proves what was signed", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path year = FinalSeedCopy(temp.path(), "2023");
  RunResult archived = RunArsred({"archive", year.string(), "--out", (temp.path() / "archive").string()});
  INFO(archived.err);
  REQUIRE(archived.exit_code == 0);
  const fs::path signed_report = temp.path() / "signerad.pdf";
  REQUIRE(Sign(temp.path() / "archive/arsredovisning-2023.pdf", "region", ca.Issue("region"), ca, Tomorrow(),
               signed_report)
              .exit_code == 0);

  RunResult listed = RunArsred({"signatures", signed_report.string(), "--archive", (temp.path() / "archive").string()});
  INFO(listed.out << listed.err);
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.find("region: signed by CN = region") != std::string::npos);
  CHECK(listed.out.find("ostersund: not signed yet (") != std::string::npos);
  CHECK(listed.out.find("1 of 11 seats signed") != std::string::npos);
  CHECK(listed.err.find("the first revision is ") != std::string::npos);
  // A script that must know the round is complete asks so: ten seats remain.
  RunResult complete = RunArsred({"signatures", signed_report.string(), "--all-seats"});
  CHECK(complete.exit_code == 2);
  CHECK(complete.err.find("10 of the seats have not signed yet (--all-seats)") != std::string::npos);

  // A signed report of other inputs (a changed text) is refused against this archive.
  fs::create_directories(temp.path() / "other");
  const fs::path other_year = FinalSeedCopy(temp.path() / "other", "2023");
  const std::string text = ReadFile(other_year / "text.yaml");
  WriteFile(other_year / "text.yaml", ReplaceAll(text, "Förbundet", "Samordningsförbundet"));
  const fs::path other = temp.path() / "other.pdf";
  REQUIRE(RunArsred({"build", other_year.string(), "--final", "-o", other.string()}).exit_code == 0);
  REQUIRE(Sign(other, "region", ca.Issue("region2"), ca).exit_code == 0);
  RunResult mismatch = RunArsred({"signatures", other.string(), "--archive", (temp.path() / "archive").string()});
  INFO(mismatch.err);
  CHECK(mismatch.exit_code == 2);
  CHECK(mismatch.err.find("the signatures are on another report") != std::string::npos);

  // A damaged file is named as such, once: qpdf is not left to warn of failures on stderr.
  ToolRun damaged = RunToolWithErrors(std::string(ARSRED_BINARY) + " signatures " +
                                      Quote(kSourceDir / "tests/fuzz_regressions/signatures/no-catalog.pdf"));
  CHECK(damaged.exit_code == 2);
  CHECK(damaged.output.find("damaged") != std::string::npos);
  CHECK(damaged.output.find("WARNING") == std::string::npos);

  // A draft has nothing to list.
  const fs::path draft = DraftReport(temp.path());
  RunResult none = RunArsred({"signatures", draft.string()});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("has no signature fields") != std::string::npos);
}

TEST_CASE("signing is refused, and the file left as it was, when it must not happen", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  REQUIRE(Sign(report, "region", ca.Issue("region"), ca).exit_code == 0);
  const std::string before = ReadFile(report);
  const auto refused = [&](const RunResult& run, const std::string& says) {
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find(says) != std::string::npos);
    CHECK(run.err.find("nothing was written") != std::string::npos);
    CHECK(ReadFile(report) == before);
  };
  const fs::path p12 = ca.Issue("ostersund");
  refused(Sign(report, "region", p12, ca), "`region` (");                 // signed already
  refused(Sign(report, "ostersund ", p12, ca), "has no signature field");  // no such seat
  refused(Sign(report, "ostersund", p12, ca, "2000-01-01"), "valid only from");
  refused(Sign(report, "ostersund", ca.Issue("kort", "ec", 1), ca, "2199-01-01"), "the certificate expired");
  refused(Sign(report, "ostersund", ca.Issue("krypto", "ec", 30, "encipher_only"), ca), "allows no signatures");
  // Keys arsred does not sign with are named, before anything is signed.
  refused(Sign(report, "ostersund", ca.Issue("pss", "rsa-pss"), ca),
          "the key is RSA-PSS; arsred signs with RSA or ECDSA keys (P-256, P-384 or P-521)");
  refused(Sign(report, "ostersund", ca.Issue("edwards", "ed25519"), ca), "the key is ED25519; arsred signs with");
  // What sign makes is checked before it is written: here, a self-signed certificate whose own
  // signature does not hold.
  refused(Sign(report, "ostersund", ca.BrokenSelfSigned("trasig"), ca),
          "does not verify: the signer's self-signed certificate does not verify with its own key");
  refused(Sign(report, "ostersund", p12, ca, "den 14 mars"), "--date den 14 mars");
  refused(Sign(report, "ostersund", p12, ca, "2027-02-30"), "--date 2027-02-30");  // no such day
  WriteFile(ca.password(), "fel\n");
  refused(Sign(report, "ostersund", p12, ca), "does not open with this password");
  WriteFile(ca.password(), "hemligt\n");
  refused(Sign(report, "ostersund", report, ca, Tomorrow(), temp.path() / "signerad.pdf"), "not a PKCS#12 file");
  // -o naming the key or its password file would destroy the ledamot's key.
  const std::string key_bytes = ReadFile(p12);
  refused(Sign(report, "ostersund", p12, ca, Tomorrow(), p12), "is the key and certificate sign reads");
  CHECK(ReadFile(p12) == key_bytes);
  refused(Sign(report, "ostersund", p12, ca, Tomorrow(), ca.password()), "is the password file sign reads");
  CHECK(ReadFile(ca.password()) == "hemligt\n");

  // A file whose cross-references point wrong is one qpdf repairs in memory: an update could not
  // point back to it.
  std::string damaged = before;
  const size_t startxref = damaged.rfind("startxref\n");
  REQUIRE(startxref != std::string::npos);
  damaged.replace(startxref + 10, damaged.find('\n', startxref + 10) - startxref - 10, "1234");
  WriteFile(temp.path() / "damaged.pdf", damaged);
  RunResult on_damaged = Sign(temp.path() / "damaged.pdf", "ostersund", p12, ca);
  CHECK(on_damaged.exit_code == 2);
  CHECK(on_damaged.err.find("damaged") != std::string::npos);

  // A draft is not signed: it has no fields, and is no PDF/A.
  const fs::path draft = DraftReport(temp.path());
  RunResult on_draft = Sign(draft, "region", p12, ca);
  CHECK(on_draft.exit_code == 2);
  CHECK(on_draft.err.find("not a final report made by arsred") != std::string::npos);
}

TEST_CASE("through a signing service: --prepare writes the data, --attach puts its CMS in place", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  ca.Issue("region");
  ca.Issue("ostersund");
  const fs::path prepared = temp.path() / "prepared.pdf", data = temp.path() / "data.bin";
  RunResult prepare = RunArsred({"sign", report.string(), "--seat", "region", "--prepare", data.string(), "-o",
                                 prepared.string(), "--date", Tomorrow()});
  INFO(prepare.err);
  REQUIRE(prepare.exit_code == 0);
  // The data is the bytes the signature will cover: the prepared file without its /Contents.
  const std::string prepared_bytes = ReadFile(prepared);
  CHECK(FirstSignatureAndSignedBytes(prepared_bytes).second == ReadFile(data));
  CHECK(RunArsred({"signatures", prepared.string()}).out.find("region: prepared for a signing service") !=
        std::string::npos);
  CHECK(RunArsred({"sign", prepared.string(), "--seat", "region", "--prepare", data.string()}).exit_code == 2);

  // A CMS of other data, or none prepared, is refused and nothing written.
  WriteFile(temp.path() / "other.bin", "something else");
  RunResult wrong = RunArsred({"sign", prepared.string(), "--seat", "region", "--attach",
                               ca.ServiceSigns("region", temp.path() / "other.bin").string()});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("not a signature of the prepared data") != std::string::npos);
  CHECK(ReadFile(prepared) == prepared_bytes);
  const fs::path cms = ca.ServiceSigns("region", data);
  RunResult unprepared = RunArsred({"sign", prepared.string(), "--seat", "ostersund", "--attach", cms.string()});
  CHECK(unprepared.exit_code == 2);
  CHECK(unprepared.err.find("is not prepared") != std::string::npos);

  const fs::path signed_report = temp.path() / "signed.pdf";
  RunResult attach =
      RunArsred({"sign", prepared.string(), "--seat", "region", "--attach", cms.string(), "-o", signed_report.string()});
  INFO(attach.err);
  REQUIRE(attach.exit_code == 0);
  CHECK(attach.err.find("signed by CN = region") != std::string::npos);
  CHECK(Count(RunTool("pdfsig " + Quote(signed_report)).output, "Signature Validation: Signature is Valid.") == 1);
  CHECK(RunArsred({"signatures", signed_report.string()}).exit_code == 0);
  // The next seat signs after it, with a key of its own.
  REQUIRE(Sign(signed_report, "ostersund", temp.path() / "ca/ostersund.p12", ca).exit_code == 0);
  CHECK(Count(RunTool("pdfsig " + Quote(signed_report)).output, "Signature Validation: Signature is Valid.") == 2);
}

TEST_CASE("a signature is timestamped (B-T) with a token for its signature value", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  REQUIRE(Sign(report, "region", ca.Issue("region"), ca).exit_code == 0);
  const fs::path value = temp.path() / "region.value";
  RunResult data = RunArsred({"sign", report.string(), "--seat", "region", "--timestamp-data", value.string()});
  INFO(data.err);
  REQUIRE(data.exit_code == 0);
  const fs::path token = ca.TimestampToken(value);

  // A token for other data is refused, and nothing written.
  WriteFile(temp.path() / "other.value", "other");
  const std::string before = ReadFile(report);
  RunResult wrong = RunArsred({"sign", report.string(), "--seat", "region", "--timestamp",
                               ca.TimestampToken(temp.path() / "other.value").string()});
  CHECK(wrong.exit_code == 2);
  CHECK(wrong.err.find("the timestamp is not of this signature") != std::string::npos);
  CHECK(ReadFile(report) == before);

  RunResult stamped = RunArsred({"sign", report.string(), "--seat", "region", "--timestamp", token.string()});
  INFO(stamped.err);
  REQUIRE(stamped.exit_code == 0);
  CHECK(stamped.err.find("is timestamped ") != std::string::npos);
  // Only /Contents changed: the bytes the signature covers are as they were.
  const std::string after = ReadFile(report);
  CHECK(after.size() == before.size());
  CHECK(FirstSignatureAndSignedBytes(after).second == FirstSignatureAndSignedBytes(before).second);
  RunResult listed = RunArsred({"signatures", report.string()});
  INFO(listed.out);
  CHECK(listed.exit_code == 0);
  CHECK(listed.out.find(", timestamped ") != std::string::npos);
  CHECK(Count(RunTool("pdfsig " + Quote(report)).output, "Signature Validation: Signature is Valid.") == 1);
  CHECK(RunArsred({"sign", report.string(), "--seat", "region", "--timestamp", token.string()}).err.find(
            "has a timestamp already") != std::string::npos);

  // Once the next seat has signed, the earlier signature is covered by it and takes no timestamp.
  REQUIRE(Sign(report, "ostersund", ca.Issue("ostersund"), ca).exit_code == 0);
  RunResult late = RunArsred({"sign", report.string(), "--seat", "region", "--timestamp", token.string()});
  CHECK(late.exit_code == 2);
  CHECK(late.err.find("a later one covers it") != std::string::npos);
}

TEST_CASE("the same report, key and time give the same signed bytes (RSA)", "[sign]") {
  TempDir temp;
  TestCa ca(temp.path() / "ca");
  const fs::path report = FinalReport(temp.path());
  const fs::path p12 = ca.Issue("region", "rsa");
  const std::string date = Tomorrow() + "T09:30:00Z";
  REQUIRE(Sign(report, "region", p12, ca, date, temp.path() / "a.pdf").exit_code == 0);
  REQUIRE(Sign(report, "region", p12, ca, date, temp.path() / "b.pdf").exit_code == 0);
  CHECK(ReadFile(temp.path() / "a.pdf") == ReadFile(temp.path() / "b.pdf"));
  CHECK(ReadFile(temp.path() / "a.pdf").find("/M (D:" + ReplaceAll(Tomorrow(), "-", "") + "093000Z)") !=
        std::string::npos);
}

}  // namespace
}  // namespace arsred::test

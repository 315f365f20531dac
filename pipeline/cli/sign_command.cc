// arsred sign: a ledamot signs the final report in their seat's field (PAdES B-B).
#include "command.h"

#include <ostream>
#include <string>

#include "diagnostics.h"
#include "sign.h"

namespace arsred {

int SignCommand(const CommandContext& ctx) {
  po::options_description options("sign options");
  options.add_options()("report", po::value<std::string>()->required(), "the final report (PDF)")(
      "seat", po::value<std::string>()->required(), "the seat whose field is signed: its id, e.g. region")(
      "pkcs12", po::value<std::string>()->default_value(""), "the ledamot's key and certificate (.p12)")(
      "prepare", po::value<std::string>()->default_value(""),
      "for a signing service: reserve the field and write the data it signs to this file")(
      "attach", po::value<std::string>()->default_value(""),
      "for a signing service: put the CMS (DER) it returned into the prepared field")(
      "timestamp-data", po::value<std::string>()->default_value(""),
      "write the seat's signature value, for a timestamping authority")(
      "timestamp", po::value<std::string>()->default_value(""),
      "add an RFC 3161 timestamp token (DER) to the seat's signature (PAdES B-T)")(
      "password-file", po::value<std::string>()->default_value(""), "the .p12's password on the first line")(
      "output,o", po::value<std::string>()->default_value(""), "where the signed report goes (default: in place)")(
      "date", po::value<std::string>()->default_value(""),
      "the signing time, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ in UTC (default: the clock)");
  po::positional_options_description positional;
  positional.add("report", 1);
  po::variables_map vm;
  int exit_code = 0;
  const char* usage =
      "usage: arsred sign <report.pdf> --seat ID --pkcs12 FILE [--password-file FILE] [-o OUT] [--date D]\n"
      "       arsred sign <report.pdf> --seat ID --prepare DATA [-o PREPARED.pdf] [--date D]\n"
      "       arsred sign <prepared.pdf> --seat ID --attach CMS.der [-o OUT]\n"
      "       arsred sign <signed.pdf> --seat ID --timestamp-data VALUE | --timestamp TOKEN.der [-o OUT]\n"
      "Signs the final report in the signature field of the seat ID with the key and certificate\n"
      "of FILE: a PAdES baseline B-B signature (ETSI.CAdES.detached, SHA-256) appended as an\n"
      "incremental update, so the report's bytes and every earlier signature stay valid. Each\n"
      "ledamot signs in turn, on the file the one before wrote. The signing time is --date, or\n"
      "else the clock: the one place arsred reads it. Refused, with the file unchanged, when the\n"
      "seat has signed already or has no field, the file is not a final report of arsred's, or the\n"
      "key is not the certificate's or the certificate may not sign then. Through a signing\n"
      "service that is given only the data (or its SHA-256): --prepare reserves the field and writes\n"
      "the bytes the signature covers; --attach puts the service's CMS in place after checking that\n"
      "it signs them. A signature is timestamped (PAdES B-T) with a token a timestamping authority\n"
      "made for the value --timestamp-data writes, before the next seat signs. arsred makes no\n"
      "network requests. See docs/signing.md.\n";
  if (!ParseCommand(ctx, options, positional, usage, vm, exit_code)) return exit_code;
  SignRequest request;
  request.report = vm["report"].as<std::string>();
  request.seat = vm["seat"].as<std::string>();
  request.pkcs12 = vm["pkcs12"].as<std::string>();
  request.prepare = vm["prepare"].as<std::string>();
  request.attach = vm["attach"].as<std::string>();
  request.timestamp_data = vm["timestamp-data"].as<std::string>();
  request.timestamp = vm["timestamp"].as<std::string>();
  if ((!request.pkcs12.empty()) + (!request.prepare.empty()) + (!request.attach.empty()) +
          (!request.timestamp_data.empty()) + (!request.timestamp.empty()) != 1) {
    ctx.err << "arsred: sign: give one of --pkcs12 (a key of one's own), --prepare or --attach (a signing "
               "service), --timestamp-data or --timestamp\n";
    return kExitUsage;
  }
  request.password_file = vm["password-file"].as<std::string>();
  request.output = vm["output"].as<std::string>();
  request.date = vm["date"].as<std::string>();
  return SignReport(request, ctx.err);
}

}  // namespace arsred

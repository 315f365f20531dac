#include "signed_pdf.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <memory>
#include <stdexcept>

#include "qpdf_api.h"

namespace arsred {

namespace {

// A dictionary written by qpdf ("<< /A 1 >>") with `entries` added before its end.
std::string WithEntries(std::string dictionary, const std::string& entries) {
  while (!dictionary.empty() && (dictionary.back() == ' ' || dictionary.back() == '\n')) dictionary.pop_back();
  if (dictionary.size() < 4 || dictionary.compare(dictionary.size() - 2, 2, ">>") != 0) {
    throw std::runtime_error("qpdf gave a dictionary that does not end in >>");
  }
  return dictionary.substr(0, dictionary.size() - 2) + entries + " >>";
}

std::string Padded(long long value, int width) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*lld", width, value);
  return text;
}

// One object of the update: its number, generation and where it starts.
struct Written {
  int object;
  int generation;
  size_t offset;
};

// The cross-reference section of the update, of the same kind as the file's last one, and its
// trailer; `at` is where it starts.
std::string CrossReference(std::vector<Written> objects, const PdfForSigning& file, long long size, size_t at,
                           int stream_object) {
  std::sort(objects.begin(), objects.end(), [](const Written& a, const Written& b) { return a.object < b.object; });
  const std::string trailer_entries = " /Root " + file.root + (file.info.empty() ? "" : " /Info " + file.info) +
                                      (file.id.empty() ? "" : " /ID " + file.id) +
                                      " /Prev " + std::to_string(file.last_xref);
  if (!file.xref_stream) {
    std::string out = "xref\n";
    for (const Written& w : objects) {
      out += std::to_string(w.object) + " 1\n" + Padded(static_cast<long long>(w.offset), 10) + " " +
             Padded(w.generation, 5) + " n \n";
    }
    return out + "trailer\n<< /Size " + std::to_string(size) + trailer_entries + " >>\nstartxref\n" +
           std::to_string(at) + "\n%%EOF\n";
  }
  // A cross-reference stream: each entry its type (1, in use), offset (4 bytes) and generation
  // (2 bytes), the stream itself among them.
  objects.push_back({stream_object, 0, at});
  std::string index, entries;
  for (const Written& w : objects) {
    index += (index.empty() ? "" : " ") + std::to_string(w.object) + " 1";
    entries += '\x01';
    for (int shift : {24, 16, 8, 0}) entries += static_cast<char>((w.offset >> shift) & 0xFF);
    entries += static_cast<char>((w.generation >> 8) & 0xFF);
    entries += static_cast<char>(w.generation & 0xFF);
  }
  return std::to_string(stream_object) + " 0 obj\n<< /Type /XRef /Size " + std::to_string(size) + " /Index [" +
         index + "] /W [1 4 2]" + trailer_entries + " /Length " + std::to_string(entries.size()) + " >>\nstream\n" +
         entries + "\nendstream\nendobj\nstartxref\n" + std::to_string(at) + "\n%%EOF\n";
}

}  // namespace

bool ReadPdfForSigning(const std::string& pdf, PdfForSigning& out, std::string* error) {
  const size_t startxref = pdf.rfind("startxref");
  if (startxref == std::string::npos) {
    *error = "not a PDF: no startxref";
    return false;
  }
  out.last_xref = std::strtoull(pdf.c_str() + startxref + 9, nullptr, 10);
  if (out.last_xref >= pdf.size()) {
    *error = "damaged: startxref points past the end";
    return false;
  }
  out.xref_stream = pdf.compare(out.last_xref, 4, "xref") != 0;

  const QpdfApi& q = Qpdf();
  qpdf_data data = q.init();
  const std::unique_ptr<qpdf_data, void (*)(qpdf_data*)> cleanup(&data, q.cleanup);
  q.silence_errors(data);
  q.set_suppress_warnings(data, QPDF_TRUE);
  if ((q.read_memory(data, "the report", pdf.data(), pdf.size(), nullptr) & QPDF_ERRORS) != 0) {
    *error = q.has_error(data) ? q.get_error_full_text(data, q.get_error(data)) : "qpdf finds it damaged";
    return false;
  }
  // A file qpdf had to repair has cross-references that an update cannot point back to.
  if (q.more_warnings(data)) {
    *error = "damaged: qpdf had to repair it";
    return false;
  }
  // qpdf's object functions record a failure rather than throw, and warn on stderr of a second
  // failure while one is unread: each step that can fail is read here, and ends the reading.
  const auto failed = [&] {
    if (!q.has_error(data)) return false;
    *error = std::string("damaged: ") + q.get_error_full_text(data, q.get_error(data));
    return true;
  };
  const qpdf_oh trailer = q.get_trailer(data);
  const qpdf_oh root = q.get_root(data);
  if (failed()) return false;
  if (!q.is_dictionary(data, trailer) || !q.is_dictionary(data, root)) {
    *error = "damaged: no trailer or no catalog";
    return false;
  }
  out.pdfa = q.has_key(data, root, "/OutputIntents") && q.has_key(data, root, "/Metadata");
  out.root = q.unparse(data, q.get_key(data, trailer, "/Root"));
  if (q.has_key(data, trailer, "/Info")) {
    const qpdf_oh info = q.get_key(data, trailer, "/Info");
    out.info = q.unparse(data, info);
    // The Info strings are UTF-16 in arsred's reports: read as text, not as bytes.
    if (q.has_key(data, info, "/Creator")) out.creator = q.get_utf8_value(data, q.get_key(data, info, "/Creator"));
  }
  if (q.has_key(data, trailer, "/ID")) out.id = q.unparse(data, q.get_key(data, trailer, "/ID"));
  out.size = q.get_int_value(data, q.get_key(data, trailer, "/Size"));
  if (failed()) return false;

  const qpdf_oh form = q.get_key(data, root, "/AcroForm");
  if (!q.is_dictionary(data, form)) return true;  // no fields
  if (q.is_indirect(data, form)) {
    out.form_object = q.get_object_id(data, form);
    out.form_generation = q.get_generation(data, form);
    out.form_dictionary = q.unparse_resolved(data, form);
  }
  out.form_has_sig_flags = q.has_key(data, form, "/SigFlags");
  const qpdf_oh fields = q.get_key(data, form, "/Fields");
  for (int i = 0; q.is_array(data, fields) && i < q.get_array_n_items(data, fields); ++i) {
    const qpdf_oh field = q.get_array_item(data, fields, i);
    if (!q.is_indirect(data, field) || !q.is_name_and_equals(data, q.get_key(data, field, "/FT"), "/Sig")) continue;
    SignatureFieldInPdf found;
    found.name = q.get_utf8_value(data, q.get_key(data, field, "/T"));
    found.tooltip = q.get_utf8_value(data, q.get_key(data, field, "/TU"));
    found.object = q.get_object_id(data, field);
    found.generation = q.get_generation(data, field);
    found.is_signed = q.has_key(data, field, "/V");
    if (found.is_signed) {
      const qpdf_oh signature = q.get_key(data, field, "/V");
      const qpdf_oh range = q.get_key(data, signature, "/ByteRange");
      for (int k = 0; q.is_array(data, range) && k < q.get_array_n_items(data, range); ++k) {
        found.byte_range.push_back(q.get_int_value(data, q.get_array_item(data, range, k)));
      }
      size_t length = 0;
      const char* contents = q.get_binary_string_value(data, q.get_key(data, signature, "/Contents"), &length);
      if (contents) found.contents.assign(contents, length);
      found.signing_time = q.get_utf8_value(data, q.get_key(data, signature, "/M"));
      const qpdf_oh sub_filter = q.get_key(data, signature, "/SubFilter");
      found.sub_filter = q.unparse(data, sub_filter);
    }
    found.dictionary = q.unparse_resolved(data, field);
    if (failed()) return false;
    out.fields.push_back(found);
  }
  return !failed();
}

PreparedSignature PrepareSignature(const std::string& pdf, const PdfForSigning& file, const SignatureFieldInPdf& field,
                                   const std::string& pdf_date, size_t contents_bytes) {
  if (file.form_object == 0) throw std::runtime_error("the report's form is not an object of its own");
  PreparedSignature out;
  out.pdf = pdf;
  if (out.pdf.empty() || out.pdf.back() != '\n') out.pdf += '\n';
  const int signature_object = static_cast<int>(file.size);
  const int xref_object = signature_object + 1;
  std::vector<Written> written;

  // The signature dictionary, its byte range a placeholder of fixed width until the offsets are known.
  written.push_back({signature_object, 0, out.pdf.size()});
  const std::string range_placeholder = "[0 0000000000 0000000000 0000000000]";
  out.pdf += std::to_string(signature_object) +
             " 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /M (" + pdf_date +
             ") /ByteRange ";
  out.byte_range_at = out.pdf.size();
  out.pdf += range_placeholder + " /Contents ";
  out.contents_start = out.pdf.size();
  out.pdf += "<" + std::string(contents_bytes * 2, '0') + ">";
  out.contents_end = out.pdf.size();
  out.pdf += " >>\nendobj\n";

  // The field again, now with its value.
  written.push_back({field.object, field.generation, out.pdf.size()});
  out.pdf += std::to_string(field.object) + " " + std::to_string(field.generation) + " obj\n" +
             WithEntries(field.dictionary, " /V " + std::to_string(signature_object) + " 0 R") + "\nendobj\n";

  // The form, on the first signature: /SigFlags 3 (signatures exist; append only).
  if (!file.form_has_sig_flags) {
    written.push_back({file.form_object, file.form_generation, out.pdf.size()});
    out.pdf += std::to_string(file.form_object) + " " + std::to_string(file.form_generation) + " obj\n" +
               WithEntries(file.form_dictionary, " /SigFlags 3") + "\nendobj\n";
  }

  // /Size is one more than the highest object number: a cross-reference table is no object, so
  // only a stream's own number counts (qpdf finds a file with a larger /Size damaged).
  const int highest = file.xref_stream ? xref_object : signature_object;
  const long long size = std::max<long long>(file.size, highest + 1);
  out.pdf += CrossReference(written, file, size, out.pdf.size(), xref_object);

  // Everything but /Contents is signed: from the start to its '<', and from after its '>' to the end.
  std::string range = "[0 " + std::to_string(out.contents_start) + " " + std::to_string(out.contents_end) + " " +
                      std::to_string(out.pdf.size() - out.contents_end) + "]";
  range.resize(range_placeholder.size(), ' ');
  out.pdf.replace(out.byte_range_at, range.size(), range);
  return out;
}

std::string SignedBytes(const PreparedSignature& prepared) {
  return prepared.pdf.substr(0, prepared.contents_start) + prepared.pdf.substr(prepared.contents_end);
}

bool PlaceSignature(PreparedSignature& prepared, const std::string& cms_der) {
  const size_t room = (prepared.contents_end - prepared.contents_start - 2) / 2;
  if (cms_der.size() > room) return false;
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string hex;
  for (unsigned char byte : cms_der) {
    hex += kHex[byte >> 4];
    hex += kHex[byte & 0xF];
  }
  hex.resize(2 * room, '0');  // zeros after it, also where a longer signature stood
  prepared.pdf.replace(prepared.contents_start + 1, hex.size(), hex);
  return true;
}

bool ParsePdfDate(const std::string& text, std::time_t* when) {
  std::tm tm{};
  char zone = 'Z';
  int offset_hours = 0, offset_minutes = 0;
  const int read = std::sscanf(text.c_str(), "D:%4d%2d%2d%2d%2d%2d%c%2d'%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                               &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &zone, &offset_hours, &offset_minutes);
  if (read < 6) return false;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  std::time_t utc = timegm(&tm);
  const int sign = zone == '+' ? 1 : zone == '-' ? -1 : 0;
  utc -= sign * (offset_hours * 3600 + offset_minutes * 60);
  *when = utc;
  return true;
}

namespace {

std::string FormattedUtc(std::time_t when, const char* format) {
  std::tm tm{};
  gmtime_r(&when, &tm);
  char text[40];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

}  // namespace

std::string PdfDate(std::time_t when) { return FormattedUtc(when, "D:%Y%m%d%H%M%SZ"); }

std::string UtcText(std::time_t when) { return FormattedUtc(when, "%F %T UTC"); }

PreparedSignature PreparedIn(const std::string& pdf, const SignatureFieldInPdf& field) {
  const std::vector<long long>& r = field.byte_range;
  if (r.size() != 4 || r[1] <= 0 || r[2] <= r[1] || static_cast<unsigned long long>(r[2]) > pdf.size() ||
      pdf[static_cast<size_t>(r[1])] != '<' || pdf[static_cast<size_t>(r[2] - 1)] != '>') {
    throw std::runtime_error("the prepared signature's /ByteRange does not frame its /Contents");
  }
  if (static_cast<unsigned long long>(r[2] + r[3]) != pdf.size()) {
    throw std::runtime_error("the signature is not the file's newest revision: a later one covers it");
  }
  PreparedSignature out;
  out.pdf = pdf;
  out.contents_start = static_cast<size_t>(r[1]);
  out.contents_end = static_cast<size_t>(r[2]);
  return out;
}

}  // namespace arsred

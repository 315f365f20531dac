#include "render_pdf.h"

#include <hpdf.h>  // the public view; what it lacks (the trailer /ID, the catalog's entries) is in PdfDoc
#include <gnu/libc-version.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#include "escape_markup.h"
#include "font_metrics.h"
#include "pdf_fonts.h"
#include "pdf_deflate.h"
#include "pdf_doc.h"
#include "pdf_pack.h"
#include "pdf_tags.h"
#include "read_file.h"
#include "version.h"
#include "write_file.h"

namespace arsred {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kProducer = "arsred";

HPDF_REAL Real(double value) { return static_cast<HPDF_REAL>(value); }

// Text must be UTF-8 of U+0001..U+FFFF, what a two-byte character code can hold: malformed
// UTF-8 and characters beyond are refused here rather than drawn as something else. `visit`
// gets each character of text that passes. `where` is called only to name the place in an
// error: "page 2, item 5".
template <class DescribeWhere, class Visit>
void CheckDrawable(const std::string& text, const DescribeWhere& where, Visit visit) {
  for (size_t at = 0; at < text.size();) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(at);
    size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 0;
    if (lead == 0 || length == 0 || at + length > text.size()) {
      throw RenderFailure(where() + ": text is not UTF-8 within U+0001..U+FFFF: \"" + text + "\"");
    }
    uint32_t code_point = length == 1 ? lead : lead & (0x7Fu >> length);
    for (size_t i = 1; i < length; ++i) {
      if ((byte(at + i) & 0xC0) != 0x80) throw RenderFailure(where() + ": text is not UTF-8: \"" + text + "\"");
      code_point = (code_point << 6) | (byte(at + i) & 0x3Fu);
    }
    if ((length == 2 && code_point < 0x80) || (length == 3 && code_point < 0x800) ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      throw RenderFailure(where() + ": text is not UTF-8: \"" + text + "\"");
    }
    visit(static_cast<char32_t>(code_point));
    at += length;
  }
}

// The character drawn for `c`. Layout should already have replaced U+00A0, which Carlito lacks
// (it would draw a box); this is the last line of defence.
char32_t Drawn(char32_t c) { return c == 0xA0 ? U' ' : c; }

// "2024-03-15" as midnight at offset +00'00'. ind 'Z' would be the natural choice, but libharu
// 2.3.0 rejects it when it converts a date for XMP. libharu checks the day against the month.
std::optional<HPDF_Date> ParseIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9')) return std::nullopt;
  }
  HPDF_Date date{};
  date.year = std::stoi(text.substr(0, 4));
  date.month = std::stoi(text.substr(5, 2));
  date.day = std::stoi(text.substr(8, 2));
  date.ind = '+';
  return date;
}

// The trailer /ID: both halves alike (this is the file's first version), an MD5 over the bytes
// of the whole file as written with a placeholder /ID, so that the same Document gives the same
// file and any change to what the file holds gives another /ID. libharu keeps an /ID it finds.
constexpr size_t kIdBytes = 16;

void SetPlaceholderId(PdfDoc& pdf) {
  pdf.set_context("setting the document /ID");
  haru::Array id = pdf.NewArray();
  pdf.Add(pdf.Trailer(), "ID", id);
  const std::array<HPDF_BYTE, kIdBytes> zeros{};
  for (int i = 0; i < 2; ++i) pdf.Append(id, pdf.NewBinary(zeros.data(), kIdBytes));
}

// Replaces the placeholder, which libharu writes in the trailer as two strings of 32 hex zeros.
void FillInId(std::string& file) {
  const std::string placeholder = "<" + std::string(2 * kIdBytes, '0') + ">";
  const size_t trailer = file.rfind("trailer");
  const size_t first = trailer == std::string::npos ? trailer : file.find(placeholder, trailer);
  const size_t second = first == std::string::npos ? first : file.find(placeholder, first + placeholder.size());
  if (second == std::string::npos) throw RenderFailure("libharu wrote no /ID placeholder into the trailer");
  const std::array<HPDF_BYTE, kIdBytes> digest = haru::Md5(file);
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t at : {first, second}) {
    for (size_t i = 0; i < kIdBytes; ++i) {
      file[at + 1 + 2 * i] = kHex[digest[i] >> 4];
      file[at + 2 + 2 * i] = kHex[digest[i] & 0xF];
    }
  }
}

void SetInfo(PdfDoc& pdf, const DocumentInfo& info) {
  pdf.set_context("setting the document information");
  HPDF_Doc doc = pdf.get();
  const std::pair<HPDF_InfoType, const std::string*> strings[] = {
      {HPDF_INFO_TITLE, &info.title},       {HPDF_INFO_AUTHOR, &info.author},
      {HPDF_INFO_SUBJECT, &info.subject},   {HPDF_INFO_KEYWORDS, &info.keywords},
      {HPDF_INFO_CREATOR, &info.creator},
  };
  for (const auto& [type, value] : strings) {
    if (!value->empty()) pdf.Check(HPDF_SetInfoAttr(doc, type, value->c_str()), "HPDF_SetInfoAttr");
  }
  // libharu presets "Haru Free PDF Library 2.3.0".
  pdf.Check(HPDF_SetInfoAttr(doc, HPDF_INFO_PRODUCER, kProducer), "HPDF_SetInfoAttr");

  const std::pair<HPDF_InfoType, const std::string*> dates[] = {
      {HPDF_INFO_CREATION_DATE, &info.created},
      {HPDF_INFO_MOD_DATE, &info.modified},
  };
  for (const auto& [type, value] : dates) {
    if (value->empty()) continue;
    std::optional<HPDF_Date> date = ParseIsoDate(*value);
    if (!date) throw RenderFailure("document date \"" + *value + "\" is not an ISO date (YYYY-MM-DD)");
    pdf.Check(HPDF_SetInfoDateAttr(doc, type, *date), "HPDF_SetInfoDateAttr");
  }

  if (!info.language.empty()) {
    pdf.Add(pdf.Catalog(), "Lang", pdf.NewString(info.language));
  }
}

// The Info dictionary's dates are midnight at +00'00' (see ParseIsoDate); XMP says the same
// instant in ISO 8601, as PDF/A requires the two to agree.
std::string XmpDate(const std::string& iso_date) { return iso_date + "T00:00:00+00:00"; }

void SetPdfVersion(PdfDoc& pdf) {
  // PDF 1.7 (ISO 32000-1): what /Lang, the XMP metadata and the output intent belong to, and
  // the base of PDF/A-2. libharu would otherwise write %PDF-1.3.
  haru::SetPdfVersion(pdf.get(), HPDF_VER_17);
}

// The output intent PDF/A asks for when pages use device colours: sRGB, from an ICC profile
// embedded whole (it is small: 7 KB).
void AddOutputIntent(PdfDoc& pdf, const std::string& icc_path) {
  pdf.set_context("embedding the output intent's ICC profile " + icc_path);
  // A profile is kilobytes; reading stops at 4 MB, so that a device or a pipe given for one
  // (`--icc-profile /dev/zero`) is refused rather than read without end.
  std::string error;
  const std::optional<std::string> read = ReadWholeFile(icc_path, &error, 4u << 20);
  if (!read) throw RenderFailure("cannot read the ICC profile " + icc_path + ": " + error);
  const std::string& profile = *read;
  // An ICC profile starts with its own size (big-endian) and has "acsp" at offset 36.
  if (profile.size() < 128 || profile.compare(36, 4, "acsp") != 0) {
    throw RenderFailure(icc_path + " is not an ICC profile (install icc-profiles-free, or pass --icc-profile)");
  }
  haru::Dict icc = pdf.NewStream();
  pdf.AddNumber(icc, "N", 3);
  pdf.AddName(icc, "Alternate", "DeviceRGB");
  pdf.WriteStream(icc, profile, /*deflate=*/true);

  haru::Dict intent = pdf.NewIndirectDict();
  pdf.AddName(intent, "Type", "OutputIntent");
  // GTS_PDFA1 is the subtype for every part of PDF/A, not only part 1.
  pdf.AddName(intent, "S", "GTS_PDFA1");
  for (const char* key : {"OutputConditionIdentifier", "Info"}) pdf.Add(intent, key, pdf.NewString("sRGB IEC61966-2.1"));
  pdf.Add(intent, "DestOutputProfile", icc);
  haru::Array intents = pdf.NewArray();
  pdf.Add(pdf.Catalog(), "OutputIntents", intents);
  pdf.Append(intents, intent);
}

// The XMP metadata stream in the catalog, uncompressed as PDF/A asks, so that archive tools
// can read it without a PDF library.
void AddMetadata(PdfDoc& pdf, const DocumentInfo& info, PdfFlavour flavour, bool tagged) {
  pdf.set_context("writing the XMP metadata");
  const std::string packet = XmpPacket(info, flavour, tagged);
  haru::Dict metadata = pdf.NewStream();
  pdf.AddName(metadata, "Type", "Metadata");
  pdf.AddName(metadata, "Subtype", "XML");
  pdf.WriteStream(metadata, packet, /*deflate=*/false);
  pdf.Add(pdf.Catalog(), "Metadata", metadata);
}

// A view of `page` with `top` at the top of the window, at 100 % (libharu rejects zoom 0,
// "keep the reader's zoom", and anything outside 0.08..32).
HPDF_Destination TopOfView(PdfDoc& pdf, HPDF_Page page, double top) {
  HPDF_Destination destination = pdf.CheckHandle(HPDF_Page_CreateDestination(page), "HPDF_Page_CreateDestination");
  pdf.Check(HPDF_Destination_SetXYZ(destination, 0, Real(top), 1), "HPDF_Destination_SetXYZ");
  return destination;
}

// Appends `value` rounded to `decimals` places (at most 6), without trailing zeros or exponent:
// what a PDF content stream reads as a number, the same on every machine.
void AppendNumber(std::string& out, double value, int decimals) {
  static constexpr int64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000};
  const int64_t scale = kScale[decimals];
  int64_t scaled = std::llround(value * static_cast<double>(scale));
  if (scaled < 0) {
    out += '-';
    scaled = -scaled;
  }
  out += std::to_string(scaled / scale);
  int64_t fraction = scaled % scale;
  if (fraction == 0) return;
  out += '.';
  // The fraction's digits, leading zeros included, then without the trailing ones.
  for (int64_t place = scale / 10; place > 0 && fraction > 0; place /= 10) {
    out += static_cast<char>('0' + fraction / place);
    fraction %= place;
  }
}

// Positions to a thousandth of a point, 1/72 000 inch.
void AppendPoint(std::string& out, double x, double y) {
  AppendNumber(out, x, 3);
  out += ' ';
  AppendNumber(out, y, 3);
  out += ' ';
}

void AppendColor(std::string& out, const Color& color, const char* op) {
  for (uint8_t channel : {color.r, color.g, color.b}) {
    AppendNumber(out, channel / 255.0, 4);
    out += ' ';
  }
  out += op;
  out += '\n';
}

// Checked UTF-8 text (CheckDrawable's) as the bytes of a literal string inside a TJ array,
// without its outer parentheses: the UTF-16BE code units that are the embedded fonts' character
// codes, two bytes a character (hex would take four, and deflating the content streams is a good
// part of rendering), and where the font kerns a pair, the string closed, the kerning, and a new
// string opened. Returns the text's width in 1/1000 em, kerning included, as layout measured it.
int64_t AppendStringBytes(std::string& out, const std::string& text, const FontMetrics& metrics) {
  int64_t width = 0;
  char32_t previous = 0;
  ForEachCodePoint(text, [&](char32_t original) {
    const char32_t c = Drawn(original);
    if (const int kerning = previous != 0 ? metrics.Kerning(previous, c) : 0; kerning != 0) {
      // The pair's kerning, between two strings of the TJ array: a number there moves the next
      // glyph left by thousandths of the font size.
      out += ")";
      out += std::to_string(-kerning);
      out += "(";
      width += kerning;
    }
    previous = c;
    for (const auto byte : {static_cast<char>(c >> 8), static_cast<char>(c & 0xFF)}) {
      if (byte == '(' || byte == ')' || byte == '\\') {
        out += '\\';
      } else if (byte == '\r') {  // a bare CR in a string would be read as a line end, LF
        out += "\\r";
        continue;
      }
      out += byte;
    }
    width += metrics.Advance(c);
  });
  return width;
}

// Draws one page's items in order, watermarks first so that they lie under everything. The
// operators are written here, not through libharu's page functions, whose per-call overhead was
// most of the rendering time: colours, font and line width are set only when they change;
// consecutive glyph runs share one BT/ET, and runs along one baseline in the same font, size and
// colour share one TJ, each placed by a kerning-like adjustment from where the previous one
// ended (by the widths the font's /W says, which are the ones layout measured with).
class PageDrawer {
 public:
  // `tagger` is null for an untagged PDF. The page's signature fields are added to `fields`.
  PageDrawer(PdfDoc& pdf, const std::vector<HPDF_Page>& pages, const std::vector<EmbeddedFont>& fonts,
             size_t page_index, const Page& layout, PdfTagger* tagger, std::vector<haru::Dict>& fields)
      : pdf_(pdf), pages_(pages), fonts_(fonts), page_index_(page_index), page_(pages[page_index]), layout_(layout),
        tagger_(tagger), fields_(fields) {}

  // Returns the page's content stream.
  std::string Draw() {
    pdf_.set_context("drawing page " + std::to_string(page_index_));
    // Watermarks first: PDF/A allows no transparency, so a light mark drawn underneath is the
    // way to show UTKAST without hiding any text.
    for (size_t i = 0; i < layout_.items.size(); ++i) {
      if (!std::holds_alternative<Watermark>(layout_.items[i])) continue;
      item_index_ = i;
      MarkAs(-1);
      DrawWatermark(std::get<Watermark>(layout_.items[i]));
    }
    EndText();
    for (size_t i = 0; i < layout_.items.size(); ++i) {
      item_index_ = i;
      std::visit([this](const auto& item) { DrawItem(item); }, layout_.items[i]);
    }
    EndText();
    if (tagger_) tagger_->EndPage(out_);
    return std::move(out_);
  }

 private:
  // "page 2, item 5", for messages.
  std::string Where() const {
    return "page " + std::to_string(page_index_) + ", item " + std::to_string(item_index_);
  }

  // In a tagged PDF, what follows is content of `structure` (-1: an artifact). A marked sequence
  // and a text object must nest, so the text object ends where the mark changes.
  void MarkAs(int structure) {
    if (tagger_ == nullptr || tagger_->IsOpen(structure)) return;
    EndText();
    tagger_->Mark(out_, page_index_, structure);
  }

  const EmbeddedFont& Font(int index) const {
    if (index < 0 || static_cast<size_t>(index) >= fonts_.size()) {
      throw RenderFailure(Where() + ": font " + std::to_string(index) + " is not in the document's fonts");
    }
    const EmbeddedFont& font = fonts_[static_cast<size_t>(index)];
    // LoadFonts loads every font that has text to draw; this would be a bug there.
    if (font.dict == nullptr) throw RenderFailure(Where() + ": font " + std::to_string(index) + " was not loaded");
    return font;
  }

  void BeginText() {
    if (in_text_) return;
    out_ += "BT\n";
    in_text_ = true;
  }

  void OpenString() {
    if (in_string_) return;
    out_ += '(';
    in_string_ = true;
  }

  void CloseString() {
    if (!in_string_) return;
    out_ += ')';
    in_string_ = false;
  }

  void EndLine() {
    if (!in_line_) return;
    CloseString();
    out_ += "] TJ\n";
    in_line_ = false;
  }

  void EndText() {
    if (!in_text_) return;
    EndLine();
    out_ += "ET\n";
    in_text_ = false;
  }

  void SetFont(int index, double size) {
    if (font_ == index && size_ == size) return;
    const char* name = haru::PageFontName(page_, Font(index).dict);
    pdf_.CheckHandle(name, "HPDF_Page_GetLocalFontName");
    out_ += '/';
    out_ += name;
    out_ += ' ';
    AppendNumber(out_, size, 3);
    out_ += " Tf\n";
    font_ = index;
    size_ = size;
  }

  void SetFill(const Color& color) {
    if (fill_ == color) return;
    AppendColor(out_, color, "rg");
    fill_ = color;
  }

  void SetStroke(const Color& color, double width) {
    if (stroke_ != color) {
      AppendColor(out_, color, "RG");
      stroke_ = color;
    }
    if (line_width_ != width) {
      AppendNumber(out_, width, 3);
      out_ += " w\n";
      line_width_ = width;
    }
    if (!butt_caps_set_) {  // PDF's default, but said once so that the page does not depend on it
      out_ += "0 J\n";
      butt_caps_set_ = true;
    }
  }

  // Whether `run` continues the current TJ: same baseline, font, size and colour, and starting
  // within a word space or so of where the last run ended (justified lines stretch and shrink
  // their spaces by that much; a wider gap, such as between table columns, gets its own Tm).
  bool ContinuesLine(const GlyphRun& run) const {
    if (!in_line_ || run.y != line_y_ || run.font != font_ || run.size != size_ || run.scale != line_scale_ ||
        !(fill_ == run.color)) {
      return false;
    }
    const double gap = run.x - pen_x_;
    return gap > -0.5 * run.size && gap < 1.5 * run.size;
  }

  void DrawItem(const GlyphRun& run) {
    const std::string& text = run.text;  // checked by CharactersByFont, before any page is drawn
    if (text.empty()) return;
    MarkAs(run.structure);
    BeginText();
    const FontMetrics& metrics = *Font(run.font).metrics;
    if (ContinuesLine(run)) {
      // A TJ number moves the next glyph left by thousandths of the font size, widened or
      // narrowed, as the glyphs are, by the line's scale.
      const double adjustment = std::round((pen_x_ - run.x) * 1000 / run.size / run.scale * 1000) / 1000;
      if (adjustment != 0) {
        CloseString();
        AppendNumber(out_, adjustment, 3);
        pen_x_ -= adjustment * run.size * run.scale / 1000;
      }
    } else {
      EndLine();
      SetFont(run.font, run.size);
      SetFill(run.color);
      // An absolute text matrix per line rather than relative Td moves, whose rounding would
      // accumulate down a page; its first number scales the glyphs across (font expansion).
      if (run.scale == 1) {
        out_ += "1";
      } else {
        AppendNumber(out_, run.scale, 4);
      }
      out_ += " 0 0 1 ";
      AppendPoint(out_, run.x, run.y);
      out_ += "Tm\n[";
      in_line_ = true;
      line_y_ = run.y;
      line_scale_ = run.scale;
      pen_x_ = run.x;
    }
    OpenString();
    pen_x_ += static_cast<double>(AppendStringBytes(out_, text, metrics)) * run.size * run.scale / 1000;
  }

  void DrawItem(const Watermark&) {}  // drawn before everything else, in Draw()

  void DrawItem(const Rule& rule) {
    MarkAs(rule.structure);
    EndText();
    SetStroke(rule.color, rule.width);
    AppendPoint(out_, rule.x1, rule.y1);
    out_ += "m ";
    AppendPoint(out_, rule.x2, rule.y2);
    out_ += "l S\n";
  }

  void DrawItem(const FilledRect& rect) {
    MarkAs(rect.structure);
    EndText();
    SetFill(rect.fill);
    AppendPoint(out_, rect.x, rect.y);
    AppendPoint(out_, rect.width, rect.height);
    out_ += "re f\n";
  }

  void DrawItem(const FilledPath& path) {
    if (path.ops.empty()) return;
    MarkAs(path.structure);
    EndText();
    if (path.ops.front().kind != PathOp::Kind::kMoveTo) throw RenderFailure(Where() + ": a path must start with a move");
    SetFill(path.fill);
    for (const PathOp& op : path.ops) {
      switch (op.kind) {
        case PathOp::Kind::kMoveTo:
          AppendPoint(out_, op.x1, op.y1);
          out_ += "m\n";
          break;
        case PathOp::Kind::kLineTo:
          AppendPoint(out_, op.x1, op.y1);
          out_ += "l\n";
          break;
        case PathOp::Kind::kCurveTo:
          AppendPoint(out_, op.x1, op.y1);
          AppendPoint(out_, op.x2, op.y2);
          AppendPoint(out_, op.x3, op.y3);
          out_ += "c\n";
          break;
        case PathOp::Kind::kClose:
          out_ += "h\n";
          break;
      }
    }
    out_ += "f\n";
  }

  // An annotation, not page content: it does not interrupt a text object.
  void DrawItem(const Link& link) {
    HPDF_Rect area{Real(link.x), Real(link.y), Real(link.x + link.width), Real(link.y + link.height)};
    HPDF_Annotation annotation = nullptr;
    if (!link.uri.empty()) {
      annotation = pdf_.CheckHandle(HPDF_Page_CreateURILinkAnnot(page_, area, link.uri.c_str()),
                                    "HPDF_Page_CreateURILinkAnnot");
    } else {
      if (link.target_page < 0 || static_cast<size_t>(link.target_page) >= pages_.size()) {
        throw RenderFailure(Where() + ": link to page " + std::to_string(link.target_page) +
                            ", which the document does not have");
      }
      HPDF_Destination destination = TopOfView(pdf_, pages_[static_cast<size_t>(link.target_page)], link.target_y);
      annotation = pdf_.CheckHandle(HPDF_Page_CreateLinkAnnot(page_, area, destination), "HPDF_Page_CreateLinkAnnot");
    }
    pdf_.Check(HPDF_LinkAnnot_SetBorderStyle(annotation, 0, 0, 0), "HPDF_LinkAnnot_SetBorderStyle");
    // /F 4 (Print): libharu writes no flags, and PDF/A requires printable annotations.
    pdf_.AddNumber(annotation, "F", 4);
    if (tagger_) tagger_->AddAnnotation(annotation, page_index_, link.structure, link.description.empty() ? link.uri : link.description);
  }

  // An empty signature field: a widget annotation that is its own field (/FT /Sig), named by the
  // seat, printable, and with an empty appearance (PDF/A asks for one; the line is on the page).
  // Signing fills it in an incremental update and leaves these bytes as they are.
  void DrawItem(const SignatureField& field) {
    HPDF_Encoder utf8 = pdf_.CheckHandle(HPDF_GetEncoder(pdf_.get(), "UTF-8"), "HPDF_GetEncoder");
    haru::Dict widget = pdf_.NewIndirectDict();
    pdf_.AddName(widget, "Type", "Annot");
    pdf_.AddName(widget, "Subtype", "Widget");
    pdf_.AddName(widget, "FT", "Sig");
    pdf_.Add(widget, "T", pdf_.NewString(field.name, utf8));
    pdf_.Add(widget, "TU", pdf_.NewString(field.tooltip, utf8));
    haru::Array rect = pdf_.NewArray();
    for (double value : {field.x, field.y, field.x + field.width, field.y + field.height}) pdf_.AppendReal(rect, value);
    pdf_.Add(widget, "Rect", rect);
    pdf_.AddNumber(widget, "F", 4);  // Print, as PDF/A requires
    pdf_.Add(widget, "P", page_);
    haru::Dict appearance = pdf_.NewStream();
    pdf_.AddName(appearance, "Type", "XObject");
    pdf_.AddName(appearance, "Subtype", "Form");
    haru::Array box = pdf_.NewArray();
    for (double value : {0.0, 0.0, field.width, field.height}) pdf_.AppendReal(box, value);
    pdf_.Add(appearance, "BBox", box);
    pdf_.WriteStream(appearance, "", /*deflate=*/false);
    haru::Dict appearances = pdf_.NewDict();
    pdf_.Add(appearances, "N", appearance);
    pdf_.Add(widget, "AP", appearances);
    pdf_.Append(pdf_.PageAnnotations(page_), widget);
    if (tagger_) tagger_->AddAnnotation(widget, page_index_, field.structure, field.tooltip);
    fields_.push_back(widget);
  }

  // Centred on the page centre and turned 45° about it; "centred" vertically means the middle
  // of the capitals, not of the em box.
  void DrawWatermark(const Watermark& watermark) {
    const std::string& text = watermark.text;  // checked by CharactersByFont
    if (text.empty()) return;
    const FontMetrics& metrics = *Font(watermark.font).metrics;
    const double width = metrics.Width(text, watermark.size, /*no_break_space_as_space=*/true);
    const double cap_height = (metrics.cap_height() > 0 ? metrics.cap_height() : metrics.ascender()) * watermark.size / 1000;

    const double angle = kPi / 4;
    const double cosine = std::cos(angle), sine = std::sin(angle);
    // The baseline start, (-width/2, -cap_height/2) from the centre in the text's own axes.
    const double local_x = -width / 2, local_y = -cap_height / 2;
    const double x = layout_.width / 2 + cosine * local_x - sine * local_y;
    const double y = layout_.height / 2 + sine * local_x + cosine * local_y;

    BeginText();
    SetFont(watermark.font, watermark.size);
    SetFill(watermark.color);
    for (double entry : {cosine, sine, -sine, cosine}) {
      AppendNumber(out_, entry, 5);
      out_ += ' ';
    }
    AppendPoint(out_, x, y);
    out_ += "Tm\n[(";
    AppendStringBytes(out_, text, metrics);
    out_ += ")] TJ\n";
    EndText();
  }

  PdfDoc& pdf_;
  const std::vector<HPDF_Page>& pages_;
  const std::vector<EmbeddedFont>& fonts_;
  size_t page_index_;
  HPDF_Page page_;
  const Page& layout_;
  PdfTagger* tagger_;
  std::vector<haru::Dict>& fields_;
  size_t item_index_ = 0;
  std::string out_;  // the content stream
  bool in_text_ = false;
  bool in_line_ = false;    // a TJ array is open
  bool in_string_ = false;  // a string in it is open
  double line_y_ = 0;       // its baseline
  double line_scale_ = 1;   // its glyphs' horizontal scale
  double pen_x_ = 0;        // where its last glyph ended, by the font's widths
  int font_ = -1;
  double size_ = 0;
  std::optional<Color> fill_, stroke_;
  double line_width_ = -1;
  bool butt_caps_set_ = false;
};

void AddOutline(PdfDoc& pdf, const Document& document, const std::vector<HPDF_Page>& pages) {
  if (document.outline.empty()) return;
  pdf.set_context("making the outline");
  HPDF_Doc doc = pdf.get();
  // Without the encoder libharu writes the UTF-8 bytes as PDFDocEncoding, and Swedish is garbled.
  HPDF_Encoder utf8 = pdf.CheckHandle(HPDF_GetEncoder(doc, "UTF-8"), "HPDF_GetEncoder");
  // open[i] is the latest entry of level i + 1; an entry hangs under the latest entry one level
  // up, or under the deepest one there is when levels are skipped.
  std::vector<HPDF_Outline> open;
  for (const OutlineEntry& entry : document.outline) {
    if (entry.page < 0 || static_cast<size_t>(entry.page) >= pages.size()) {
      throw RenderFailure("outline entry \"" + entry.title + "\" points to page " + std::to_string(entry.page) +
                          ", which the document does not have");
    }
    const size_t level = static_cast<size_t>(std::max(entry.level, 1));
    if (open.size() > level - 1) open.resize(level - 1);
    HPDF_Outline parent = open.empty() ? nullptr : open.back();
    HPDF_Outline outline =
        pdf.CheckHandle(HPDF_CreateOutline(doc, parent, entry.title.c_str(), utf8), "HPDF_CreateOutline");
    HPDF_Destination destination = TopOfView(pdf, pages[static_cast<size_t>(entry.page)], entry.y);
    pdf.Check(HPDF_Outline_SetDestination(outline, destination), "HPDF_Outline_SetDestination");
    open.push_back(outline);
  }
  pdf.Check(HPDF_SetPageMode(doc, HPDF_PAGE_MODE_USE_OUTLINE), "HPDF_SetPageMode");
}

// Viewers show the numbers printed on the pages: 1, 2, 3 from the first page, the cover
// included, as layout numbers them (Page::label).
void AddPageLabels(PdfDoc& pdf) {
  pdf.set_context("setting the page labels");
  pdf.Check(HPDF_AddPageLabel(pdf.get(), 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, nullptr), "HPDF_AddPageLabel");
}

// The characters each of the document's fonts draws, as they reach the PDF (CheckDrawable
// refuses here what drawing would refuse later).
std::vector<std::vector<char32_t>> CharactersByFont(const Document& document) {
  std::vector<std::vector<uint8_t>> used(document.fonts.size());  // by code: drawn or not
  for (size_t page = 0; page < document.pages.size(); ++page) {
    const std::vector<PageItem>& items = document.pages[page].items;
    for (size_t i = 0; i < items.size(); ++i) {
      int font = -1;
      const std::string* text = nullptr;
      if (const auto* run = std::get_if<GlyphRun>(&items[i])) {
        font = run->font;
        text = &run->text;
      } else if (const auto* watermark = std::get_if<Watermark>(&items[i])) {
        font = watermark->font;
        text = &watermark->text;
      } else {
        continue;
      }
      if (font < 0 || static_cast<size_t>(font) >= used.size()) continue;  // reported when drawn
      const auto where = [page, i] { return "page " + std::to_string(page) + ", item " + std::to_string(i); };
      std::vector<uint8_t>& seen = used[static_cast<size_t>(font)];
      if (seen.empty()) seen.resize(0x10000);  // CheckDrawable allows U+0001..U+FFFF only
      CheckDrawable(*text, where, [&seen](char32_t c) { seen[Drawn(c)] = 1; });
    }
  }
  std::vector<std::vector<char32_t>> characters(used.size());
  for (size_t font = 0; font < used.size(); ++font) {
    for (size_t cp = 0; cp < used[font].size(); ++cp) {
      if (used[font][cp]) characters[font].push_back(static_cast<char32_t>(cp));
    }
  }
  return characters;
}

// A font file that draws text: the faces that name it, the characters they draw, its bytes.
struct FontFileInUse {
  std::vector<size_t> faces;  // indexes into Document::fonts
  std::vector<char32_t> characters;
  std::shared_ptr<const FontFile> file;  // the face's data, which layout read
  std::string postscript_name;
  std::string description;  // "font 1 (Carlito-Bold) from fonts/Carlito-Bold.ttf", for errors
};

// What pages are drawn with, before any font is embedded: for each face with text to draw,
// its font's dictionary (empty until EmbedFonts fills it) and the font file's metrics, whose
// widths are the ones a subset keeps. Returns the files to embed, each once for all the faces
// that name it. Faces without text stay empty, and need carry no data.
std::vector<FontFileInUse> PrepareFonts(PdfDoc& pdf, const Document& document, std::vector<EmbeddedFont>& fonts) {
  const std::vector<FontFace>& faces = document.fonts;
  const std::vector<std::vector<char32_t>> characters = CharactersByFont(document);
  fonts.assign(faces.size(), EmbeddedFont{});
  std::vector<FontFileInUse> files;
  std::vector<bool> done(faces.size(), false);
  for (size_t i = 0; i < faces.size(); ++i) {
    if (done[i]) continue;
    FontFileInUse use;
    for (size_t j = i; j < faces.size(); ++j) {
      if (faces[j].file != faces[i].file) continue;
      use.faces.push_back(j);
      done[j] = true;
      use.characters.insert(use.characters.end(), characters[j].begin(), characters[j].end());
    }
    if (use.characters.empty()) continue;
    use.postscript_name = faces[i].name;
    use.description = "font " + std::to_string(i) + " (" + faces[i].name + ") from " + faces[i].file;
    pdf.set_context("reading " + use.description);
    use.file = faces[i].data;
    if (!use.file) throw RenderFailure(use.description + " carries no font data");
    std::string error;
    std::shared_ptr<const FontMetrics> metrics = faces[i].metrics;  // layout's, when it carries them
    if (!metrics) metrics = FontMetrics::Parse(use.file->bytes(), &error);
    if (!metrics) throw RenderFailure("cannot read " + use.description + ": " + error);
    const haru::Dict dict = NewFontDict(pdf);
    for (size_t j : use.faces) fonts[j] = EmbeddedFont{dict, metrics};
    files.push_back(std::move(use));
  }
  return files;
}

// Embeds each font file in use as a subset of the characters drawn with it, into the
// dictionary its faces' pages name.
void EmbedFonts(PdfDoc& pdf, StreamDeflater& streams, std::vector<FontFileInUse>& files,
                const std::vector<EmbeddedFont>& fonts) {
  for (FontFileInUse& use : files) {
    pdf.set_context("embedding " + use.description);
    EmbedFont(pdf, streams, fonts[use.faces.front()].dict, use.file->bytes(), use.postscript_name,
              std::move(use.characters), use.description);
  }
}

// The document's interactive form: its signature fields, for `arsred sign` and signing tools.
// No /SigFlags yet (nothing is signed), and no /NeedAppearances, which PDF/A forbids. An object
// of its own, so that the first signature can add /SigFlags by writing it again.
void AddSignatureForm(PdfDoc& pdf, const std::vector<haru::Dict>& fields) {
  if (fields.empty()) return;
  pdf.set_context("adding the signature fields");
  haru::Array list = pdf.NewArray();
  for (haru::Dict field : fields) pdf.Append(list, field);
  haru::Dict form = pdf.NewIndirectDict();
  pdf.Add(form, "Fields", list);
  pdf.Add(pdf.Catalog(), "AcroForm", form);
}

// Builds the whole PDF and returns its bytes; throws RenderFailure.
std::string WritePdf(const Document& document, const RenderOptions& options) {
  if (document.pages.empty()) throw RenderFailure("the document has no pages");
  PdfDoc pdf;
  HPDF_Doc doc = pdf.get();
  pdf.set_context("setting up the document");
  SetPdfVersion(pdf);
  // Before any page exists: a page's content stream takes the mode in force when it is added.
  pdf.Check(HPDF_SetCompressionMode(doc, HPDF_COMP_ALL), "HPDF_SetCompressionMode");
  pdf.Check(HPDF_UseUTFEncodings(doc), "HPDF_UseUTFEncodings");
  pdf.Check(HPDF_SetCurrentEncoder(doc, "UTF-8"), "HPDF_SetCurrentEncoder");  // Info as UTF-16BE

  // Every stream arsred writes (the pages' content, then the font programs and maps) is
  // collected and deflated once all are made (pdf_deflate.h). The pages are drawn with the font
  // files' own metrics (a subset keeps the advance widths) before the fonts are subset.
  StreamDeflater streams;
  std::vector<EmbeddedFont> fonts;
  std::vector<FontFileInUse> font_files = PrepareFonts(pdf, document, fonts);
  SetInfo(pdf, document.info);

  // Every page first, so that links can point forward.
  std::vector<HPDF_Page> pages;
  for (size_t i = 0; i < document.pages.size(); ++i) {
    const Page& layout = document.pages[i];
    pdf.set_context("adding page " + std::to_string(i));
    HPDF_Page page = pdf.CheckHandle(HPDF_AddPage(doc), "HPDF_AddPage");
    pdf.Check(HPDF_Page_SetWidth(page, Real(layout.width)), "HPDF_Page_SetWidth");
    pdf.Check(HPDF_Page_SetHeight(page, Real(layout.height)), "HPDF_Page_SetHeight");
    pages.push_back(page);
  }
  std::optional<PdfTagger> tagger;
  if (options.tagged) tagger.emplace(pdf, document);
  std::vector<haru::Dict> signature_fields;
  for (size_t i = 0; i < document.pages.size(); ++i) {
    streams.Add(haru::PageContents(pages[i]),
                PageDrawer(pdf, pages, fonts, i, document.pages[i], tagger ? &*tagger : nullptr, signature_fields)
                    .Draw());
  }
  AddSignatureForm(pdf, signature_fields);
  EmbedFonts(pdf, streams, font_files, fonts);
  pdf.set_context("adding the deflated streams");
  streams.Finish(pdf);
  if (tagger) tagger->Finish(pages);
  AddOutline(pdf, document, pages);
  AddPageLabels(pdf);
  SetPlaceholderId(pdf);
  AddMetadata(pdf, document.info, options.flavour, options.tagged);
  if (options.flavour == PdfFlavour::kPdfA2b) AddOutputIntent(pdf, options.icc_profile);

  pdf.set_context("writing the PDF");
  pdf.Check(HPDF_SaveToStream(doc), "HPDF_SaveToStream");
  std::string bytes(HPDF_GetStreamSize(doc), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(bytes.size());
  pdf.Check(HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size), "HPDF_ReadFromStream");
  if (size != bytes.size()) throw RenderFailure("libharu returned " + std::to_string(size) + " of " +
                                                std::to_string(bytes.size()) + " bytes of the PDF");
  FillInId(bytes);
  if (options.tagged) bytes = PackObjects(bytes);
  return bytes;
}

}  // namespace

std::string XmpPacket(const DocumentInfo& info, PdfFlavour flavour, bool tagged) {
  // Each entry repeats an Info entry, as PDF/A requires; empty ones are left out of both.
  std::string rdf;
  const auto property = [&rdf](const char* name, const std::string& value) {
    // Escaped here: libharu's own XMP writer escapes nothing, so a förbund named "Öst & Väst"
    // would make ill-formed metadata.
    if (!value.empty()) rdf += std::string("   <") + name + ">" + EscapeMarkup(value) + "</" + name + ">\n";
  };
  const auto container = [&rdf](const char* name, const char* kind, const std::string& value, bool x_default) {
    if (value.empty()) return;
    rdf += std::string("   <") + name + "><rdf:" + kind + "><rdf:li" + (x_default ? " xml:lang=\"x-default\"" : "") +
           ">" + EscapeMarkup(value) + "</rdf:li></rdf:" + kind + "></" + name + ">\n";
  };
  rdf += "   <dc:format>application/pdf</dc:format>\n";
  container("dc:title", "Alt", info.title, true);
  container("dc:creator", "Seq", info.author, false);
  container("dc:description", "Alt", info.subject, true);
  container("dc:language", "Bag", info.language, false);
  property("pdf:Keywords", info.keywords);
  property("pdf:Producer", kProducer);
  property("xmp:CreatorTool", info.creator);
  if (!info.created.empty()) property("xmp:CreateDate", XmpDate(info.created));
  if (!info.modified.empty()) {
    property("xmp:ModifyDate", XmpDate(info.modified));
    property("xmp:MetadataDate", XmpDate(info.modified));
  }
  if (flavour == PdfFlavour::kPdfA2b) {
    property("pdfaid:part", "2");
    // Level A is level B with the logical structure (tags) and Unicode for all text.
    property("pdfaid:conformance", tagged ? "A" : "B");
  }
  if (tagged) property("pdfuaid:part", "1");
  // PDF/A allows only the schemas it predefines, unless the packet describes the others;
  // pdfuaid is not among them.
  std::string extension;
  if (tagged && flavour == PdfFlavour::kPdfA2b) {
    extension =
        "  <rdf:Description rdf:about=\"\"\n"
        "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
        "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
        "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
        "   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType=\"Resource\">\n"
        "    <pdfaSchema:schema>PDF/UA identification schema</pdfaSchema:schema>\n"
        "    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
        "    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
        "    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType=\"Resource\">\n"
        "     <pdfaProperty:name>part</pdfaProperty:name>\n"
        "     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
        "     <pdfaProperty:category>internal</pdfaProperty:category>\n"
        "     <pdfaProperty:description>The part of ISO 14289 (PDF/UA) the file conforms to</pdfaProperty:description>\n"
        "    </rdf:li></rdf:Seq></pdfaSchema:property>\n"
        "   </rdf:li></rdf:Bag></pdfaExtension:schemas>\n"
        "  </rdf:Description>\n";
  }
  // The packet header's begin attribute is a byte order mark, as XMP prescribes.
  return "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
         "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
         " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
         "  <rdf:Description rdf:about=\"\"\n"
         "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
         "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
         "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
         "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
         "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n" +
         rdf +
         "  </rdf:Description>\n" +
         extension +
         " </rdf:RDF>\n"
         "</x:xmpmeta>\n"
         "<?xpacket end=\"r\"?>";
}

bool RenderPdfBytes(const Document& document, const RenderOptions& options, std::string* bytes, std::string* error) {
  try {
    *bytes = WritePdf(document, options);
  } catch (const std::exception& failure) {
    *error = failure.what();
    return false;
  }
  return true;
}

bool RenderPdf(const Document& document, const std::string& output_path, const RenderOptions& options,
               std::string* error) {
  std::string bytes;
  if (!RenderPdfBytes(document, options, &bytes, error)) {
    *error = "cannot make " + output_path + ": " + *error;
    return false;
  }
  try {
    WriteFileAtomically(output_path, bytes);
  } catch (const std::exception& failure) {
    *error = failure.what();
    return false;
  }
  return true;
}

std::string ConformanceOf(const RenderOptions& options) {
  if (options.flavour == PdfFlavour::kPdfA2b) return options.tagged ? "PDF/A-2a, PDF/UA-1" : "PDF/A-2b";
  return options.tagged ? "PDF/UA-1" : "";
}

#if defined(__clang__)
constexpr const char* kCompiler = "Clang " __clang_version__;
#else
constexpr const char* kCompiler = "GCC " __VERSION__;
#endif

std::vector<ComponentVersion> ToolchainVersions() {
  // libdeflate is linked in (statically by default), so the version it was built against is
  // the one that runs; libharu, qpdf and the C library are shared, and report their own.
  // libhyphen has no version to ask for; its dictionary is archived with the inputs.
  return {{"arsred", ArsredVersion()},
          {"compiler", kCompiler},
          {"glibc", gnu_get_libc_version()},
          {"libharu", HPDF_GetVersion()},
          {"libdeflate", LIBDEFLATE_VERSION_STRING},
          {"qpdf", QpdfVersion()}};
}

}  // namespace arsred

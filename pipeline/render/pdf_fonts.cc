#include "pdf_fonts.h"

// Internal headers: fonts are built from libharu's objects (dictionaries, arrays, streams) and
// registered in its cross-reference table, as pdf_tags.cc does for the structure tree.
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "font_subset.h"
#include "pdf_deflate.h"
#include "pdf_doc.h"

namespace arsred {
namespace {

// libharu's objects, each call checked.
class ObjectMaker {
 public:
  ObjectMaker(PdfDoc& pdf, StreamDeflater& streams) : pdf_(pdf), doc_(pdf.get()), streams_(streams) {}

  HPDF_Dict Dict(bool indirect) {
    HPDF_Dict dict = pdf_.CheckHandle(HPDF_Dict_New(doc_->mmgr), "HPDF_Dict_New");
    if (indirect) pdf_.Check(HPDF_Xref_Add(doc_->xref, dict), "HPDF_Xref_Add");
    return dict;
  }
  HPDF_Array Array() { return pdf_.CheckHandle(HPDF_Array_New(doc_->mmgr), "HPDF_Array_New"); }

  // An indirect stream that will hold `bytes`, deflated.
  HPDF_Dict Stream(std::string bytes) {
    HPDF_Dict stream = pdf_.CheckHandle(HPDF_DictStream_New(doc_->mmgr, doc_->xref), "HPDF_DictStream_New");
    streams_.Add(stream, std::move(bytes));
    return stream;
  }

  void Add(HPDF_Dict dict, const char* key, void* value) { pdf_.Check(HPDF_Dict_Add(dict, key, value), "HPDF_Dict_Add"); }
  void AddName(HPDF_Dict dict, const char* key, const std::string& name) {
    pdf_.Check(HPDF_Dict_AddName(dict, key, name.c_str()), "HPDF_Dict_AddName");
  }
  void AddNumber(HPDF_Dict dict, const char* key, int value) {
    pdf_.Check(HPDF_Dict_AddNumber(dict, key, value), "HPDF_Dict_AddNumber");
  }
  void AddReal(HPDF_Dict dict, const char* key, double value) {
    pdf_.Check(HPDF_Dict_AddReal(dict, key, static_cast<HPDF_REAL>(value)), "HPDF_Dict_AddReal");
  }
  void AddString(HPDF_Dict dict, const char* key, const char* ascii) {
    Add(dict, key, pdf_.CheckHandle(HPDF_String_New(doc_->mmgr, ascii, nullptr), "HPDF_String_New"));
  }
  void Append(HPDF_Array array, void* value) { pdf_.Check(HPDF_Array_Add(array, value), "HPDF_Array_Add"); }
  void AppendNumber(HPDF_Array array, int value) {
    pdf_.Check(HPDF_Array_AddNumber(array, value), "HPDF_Array_AddNumber");
  }

 private:
  PdfDoc& pdf_;
  HPDF_Doc doc_;
  StreamDeflater& streams_;
};

// "ABCDEF+": six capitals that change with the subset, as PDF asks of an embedded subset's name.
std::string SubsetTag(std::string_view program) {
  const std::array<HPDF_BYTE, 16> digest = Md5(program);
  std::string tag;
  for (size_t i = 0; i < 6; ++i) tag += static_cast<char>('A' + digest[i] % 26);
  return tag + "+";
}

// A PDF name keeps letters, digits and hyphens of the face's name.
std::string PostScriptName(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    out += keep ? c : '-';
  }
  return out.empty() ? "Font" : out;
}

// The identity from the codes drawn to their Unicode values, as ranges of consecutive codes; a
// bfrange may not cross a change of the first byte.
std::string ToUnicodeMap(const std::vector<char32_t>& characters) {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  for (char32_t c : characters) {
    if (!ranges.empty() && ranges.back().second + 1 == c && (c & 0xFF) != 0) {
      ranges.back().second = c;
    } else {
      ranges.emplace_back(c, c);
    }
  }
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  char entry[48];
  for (size_t first = 0; first < ranges.size(); first += 100) {  // at most 100 entries a block
    const size_t count = std::min<size_t>(100, ranges.size() - first);
    cmap += std::to_string(count) + " beginbfrange\n";
    for (size_t i = first; i < first + count; ++i) {
      std::snprintf(entry, sizeof entry, "<%04X> <%04X> <%04X>\n", static_cast<unsigned>(ranges[i].first),
                    static_cast<unsigned>(ranges[i].second), static_cast<unsigned>(ranges[i].first));
      cmap += entry;
    }
    cmap += "endbfrange\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

// Two bytes per code from 0 to the highest code drawn: the subset's glyph, or 0.
std::string CidToGidMap(const FontMetrics& subset, const std::vector<char32_t>& characters) {
  std::string map(2 * (static_cast<size_t>(characters.back()) + 1), '\0');
  for (char32_t c : characters) {
    const uint16_t glyph = subset.Glyph(c);
    map[2 * c] = static_cast<char>(glyph >> 8);
    map[2 * c + 1] = static_cast<char>(glyph & 0xFF);
  }
  return map;
}

// PDF asks for the dominant vertical stem width, which a TrueType font does not record; this
// common estimate from the weight class gives 95 for regular and 169 for bold.
int StemV(int weight) { return weight <= 0 ? 95 : 10 + 220 * (std::max(weight, 50) - 50) / 900; }

HPDF_Dict Descriptor(ObjectMaker& make, const FontMetrics& metrics, const std::string& base_font, HPDF_Dict program) {
  HPDF_Dict descriptor = make.Dict(true);
  make.AddName(descriptor, "Type", "FontDescriptor");
  make.AddName(descriptor, "FontName", base_font);
  // Nonsymbolic: Latin text; Italic where the face slants; FixedPitch where post says so.
  int flags = 32;
  if (metrics.italic_angle() != 0) flags |= 64;
  if (metrics.fixed_pitch()) flags |= 1;
  make.AddNumber(descriptor, "Flags", flags);
  HPDF_Array box = make.Array();
  for (int edge : metrics.bounding_box()) make.AppendNumber(box, edge);
  make.Add(descriptor, "FontBBox", box);
  make.AddReal(descriptor, "ItalicAngle", metrics.italic_angle());
  make.AddNumber(descriptor, "Ascent", metrics.ascender());
  make.AddNumber(descriptor, "Descent", metrics.descender());
  make.AddNumber(descriptor, "CapHeight", metrics.cap_height() > 0 ? metrics.cap_height() : metrics.ascender());
  if (metrics.x_height() > 0) make.AddNumber(descriptor, "XHeight", metrics.x_height());
  make.AddNumber(descriptor, "StemV", StemV(metrics.weight()));
  make.Add(descriptor, "FontFile2", program);
  return descriptor;
}

// /W as runs of consecutive codes: [first [w w w] first [w] …].
HPDF_Array Widths(ObjectMaker& make, const FontMetrics& metrics, const std::vector<char32_t>& characters) {
  HPDF_Array widths = make.Array();
  HPDF_Array run = nullptr;
  for (size_t i = 0; i < characters.size(); ++i) {
    if (i == 0 || characters[i] != characters[i - 1] + 1) {
      make.AppendNumber(widths, static_cast<int>(characters[i]));
      run = make.Array();
      make.Append(widths, run);
    }
    make.AppendNumber(run, metrics.Advance(characters[i]));
  }
  return widths;
}

}  // namespace

HPDF_Dict NewFontDict(PdfDoc& pdf) {
  HPDF_Dict dict = pdf.CheckHandle(HPDF_Dict_New(pdf.get()->mmgr), "HPDF_Dict_New");
  pdf.Check(HPDF_Xref_Add(pdf.get()->xref, dict), "HPDF_Xref_Add");
  return dict;
}

void EmbedFont(PdfDoc& pdf, StreamDeflater& streams, HPDF_Dict font, std::string_view font_file_bytes,
               const std::string& postscript_name, std::vector<char32_t> characters, const std::string& description) {
  std::sort(characters.begin(), characters.end());
  characters.erase(std::unique(characters.begin(), characters.end()), characters.end());
  // Codes are two bytes; code 0 is never drawn (the renderer refuses U+0000).
  std::erase_if(characters, [](char32_t c) { return c == 0 || c > 0xFFFF; });
  if (characters.empty()) throw RenderFailure(description + " has no characters to embed");

  std::string error;
  std::optional<std::string> program = SubsetTrueType(font_file_bytes, characters, &error);
  if (!program) throw RenderFailure("cannot subset " + description + ": " + error);
  const std::unique_ptr<FontMetrics> metrics = FontMetrics::Parse(*program, &error);
  if (!metrics) throw RenderFailure("the subset of " + description + " cannot be read back: " + error);

  ObjectMaker make(pdf, streams);
  const std::string base_font = SubsetTag(*program) + PostScriptName(postscript_name);
  const int program_size = static_cast<int>(program->size());
  HPDF_Dict file = make.Stream(std::move(*program));
  make.AddNumber(file, "Length1", program_size);

  HPDF_Dict cid_font = make.Dict(true);
  make.AddName(cid_font, "Type", "Font");
  make.AddName(cid_font, "Subtype", "CIDFontType2");
  make.AddName(cid_font, "BaseFont", base_font);
  HPDF_Dict system_info = make.Dict(false);
  make.AddString(system_info, "Registry", "Adobe");
  make.AddString(system_info, "Ordering", "Identity");
  make.AddNumber(system_info, "Supplement", 0);
  make.Add(cid_font, "CIDSystemInfo", system_info);
  make.Add(cid_font, "FontDescriptor", Descriptor(make, *metrics, base_font, file));
  make.Add(cid_font, "W", Widths(make, *metrics, characters));
  make.Add(cid_font, "CIDToGIDMap", make.Stream(CidToGidMap(*metrics, characters)));

  make.AddName(font, "Type", "Font");
  make.AddName(font, "Subtype", "Type0");
  make.AddName(font, "BaseFont", base_font);
  make.AddName(font, "Encoding", "Identity-H");
  HPDF_Array descendants = make.Array();
  make.Append(descendants, cid_font);
  make.Add(font, "DescendantFonts", descendants);
  make.Add(font, "ToUnicode", make.Stream(ToUnicodeMap(characters)));
}

}  // namespace arsred

#include "pdf_fonts.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <utility>

#include "font_subset.h"
#include "pages.h"  // the ligatures layout may set
#include "pdf_deflate.h"
#include "pdf_doc.h"

namespace arsred {
namespace {

// "ABCDEF+": six capitals that change with the subset, as PDF asks of an embedded subset's name.
std::string SubsetTag(std::string_view program) {
  const std::array<HPDF_BYTE, 16> digest = haru::Md5(program);
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
// bfrange may not cross a change of the first byte. A ligature maps to its letters, so that
// copying and searching find "fi", not "ﬁ".
std::string ToUnicodeMap(const std::vector<char32_t>& characters) {
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<char32_t> ligatures;
  for (char32_t c : characters) {
    if (!LigatureLetters(c).empty()) {
      ligatures.push_back(c);
      continue;
    }
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
  if (!ligatures.empty()) {  // at most five (kLigatures): one block
    cmap += std::to_string(ligatures.size()) + " beginbfchar\n";
    for (char32_t c : ligatures) {
      std::snprintf(entry, sizeof entry, "<%04X> <", static_cast<unsigned>(c));
      cmap += entry;
      for (char letter : LigatureLetters(c)) {
        std::snprintf(entry, sizeof entry, "%04X", static_cast<unsigned>(letter));
        cmap += entry;
      }
      cmap += ">\n";
    }
    cmap += "endbfchar\n";
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

haru::Dict Descriptor(PdfDoc& pdf, const FontMetrics& metrics, const std::string& base_font, haru::Dict program) {
  haru::Dict descriptor = pdf.NewIndirectDict();
  pdf.AddName(descriptor, "Type", "FontDescriptor");
  pdf.AddName(descriptor, "FontName", base_font);
  // Nonsymbolic: Latin text; Italic where the face slants; FixedPitch where post says so.
  int flags = 32;
  if (metrics.italic_angle() != 0) flags |= 64;
  if (metrics.fixed_pitch()) flags |= 1;
  pdf.AddNumber(descriptor, "Flags", flags);
  haru::Array box = pdf.NewArray();
  for (int edge : metrics.bounding_box()) pdf.AppendNumber(box, edge);
  pdf.Add(descriptor, "FontBBox", box);
  pdf.AddReal(descriptor, "ItalicAngle", metrics.italic_angle());
  pdf.AddNumber(descriptor, "Ascent", metrics.ascender());
  pdf.AddNumber(descriptor, "Descent", metrics.descender());
  pdf.AddNumber(descriptor, "CapHeight", metrics.cap_height() > 0 ? metrics.cap_height() : metrics.ascender());
  if (metrics.x_height() > 0) pdf.AddNumber(descriptor, "XHeight", metrics.x_height());
  pdf.AddNumber(descriptor, "StemV", StemV(metrics.weight()));
  pdf.Add(descriptor, "FontFile2", program);
  return descriptor;
}

// /W as runs of consecutive codes: [first [w w w] first [w] …].
haru::Array Widths(PdfDoc& pdf, const FontMetrics& metrics, const std::vector<char32_t>& characters) {
  haru::Array widths = pdf.NewArray();
  haru::Array run = nullptr;
  for (size_t i = 0; i < characters.size(); ++i) {
    if (i == 0 || characters[i] != characters[i - 1] + 1) {
      pdf.AppendNumber(widths, static_cast<int>(characters[i]));
      run = pdf.NewArray();
      pdf.Append(widths, run);
    }
    pdf.AppendNumber(run, metrics.Advance(characters[i]));
  }
  return widths;
}

}  // namespace

haru::Dict NewFontDict(PdfDoc& pdf) { return pdf.NewIndirectDict(); }

void EmbedFont(PdfDoc& pdf, StreamDeflater& streams, haru::Dict font, std::string_view font_file_bytes,
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

  // An indirect stream that will hold `bytes`, deflated beside the pages.
  const auto stream = [&pdf, &streams](std::string bytes) {
    haru::Dict dict = pdf.NewStream();
    streams.Add(dict, std::move(bytes));
    return dict;
  };
  const std::string base_font = SubsetTag(*program) + PostScriptName(postscript_name);
  const int program_size = static_cast<int>(program->size());
  haru::Dict file = stream(std::move(*program));
  pdf.AddNumber(file, "Length1", program_size);

  haru::Dict cid_font = pdf.NewIndirectDict();
  pdf.AddName(cid_font, "Type", "Font");
  pdf.AddName(cid_font, "Subtype", "CIDFontType2");
  pdf.AddName(cid_font, "BaseFont", base_font);
  haru::Dict system_info = pdf.NewDict();
  pdf.Add(system_info, "Registry", pdf.NewString("Adobe"));
  pdf.Add(system_info, "Ordering", pdf.NewString("Identity"));
  pdf.AddNumber(system_info, "Supplement", 0);
  pdf.Add(cid_font, "CIDSystemInfo", system_info);
  pdf.Add(cid_font, "FontDescriptor", Descriptor(pdf, *metrics, base_font, file));
  pdf.Add(cid_font, "W", Widths(pdf, *metrics, characters));
  pdf.Add(cid_font, "CIDToGIDMap", stream(CidToGidMap(*metrics, characters)));

  pdf.AddName(font, "Type", "Font");
  pdf.AddName(font, "Subtype", "Type0");
  pdf.AddName(font, "BaseFont", base_font);
  pdf.AddName(font, "Encoding", "Identity-H");
  haru::Array descendants = pdf.NewArray();
  pdf.Append(descendants, cid_font);
  pdf.Add(font, "DescendantFonts", descendants);
  pdf.Add(font, "ToUnicode", stream(ToUnicodeMap(characters)));
}

}  // namespace arsred

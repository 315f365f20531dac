#include "pdf_tags.h"

// libharu 2.3.0 has no tagging API ("BDC/EMC not implemented"): the structure tree is made of
// dictionaries and arrays of arsred's own (PdfDoc, through haru_internals.h).
#include <algorithm>
#include <limits>

namespace arsred {

namespace {

constexpr size_t kNever = std::numeric_limits<size_t>::max();

}  // namespace

PdfTagger::PdfTagger(PdfDoc& pdf, const Document& document)
    : pdf_(pdf), document_(document), content_(document.structure.size()), page_marks_(document.pages.size()) {
  const std::vector<StructElement>& elements = document.structure;
  if (elements.empty() || elements[0].type != StructType::kDocument) {
    throw RenderFailure("a tagged PDF needs the layout's structure tree, which starts with the document");
  }
  // Parents come before their children (layout makes elements in reading order); the tree
  // below relies on it, and a cycle could not be written.
  for (size_t i = 1; i < elements.size(); ++i) {
    if (elements[i].parent < 0 || static_cast<size_t>(elements[i].parent) >= i) {
      throw RenderFailure("structure element " + std::to_string(i) + " has no parent made before it");
    }
  }
}

void PdfTagger::Mark(std::string& content, size_t page_index, int structure) {
  if (structure == open_) return;
  if (structure >= static_cast<int>(content_.size())) {
    throw RenderFailure("page " + std::to_string(page_index) + ": an item belongs to structure element " +
                        std::to_string(structure) + ", which the document does not have");
  }
  if (open_ != -2) content += "EMC\n";
  if (structure < 0) {
    content += "/Artifact BMC\n";
  } else {
    std::vector<int>& marks = page_marks_[page_index];
    const int mcid = static_cast<int>(marks.size());
    marks.push_back(structure);
    content_[static_cast<size_t>(structure)].push_back({sequence_++, page_index, mcid, nullptr});
    content += std::string("/") + StructTag(document_.structure[static_cast<size_t>(structure)].type) +
               " <</MCID " + std::to_string(mcid) + ">> BDC\n";
  }
  open_ = structure;
}

void PdfTagger::EndPage(std::string& content) {
  if (open_ != -2) content += "EMC\n";
  open_ = -2;
}

void PdfTagger::AddAnnotation(HPDF_Annotation annotation, size_t page_index, int structure,
                              const std::string& description) {
  if (structure < 0 || structure >= static_cast<int>(content_.size())) {
    throw RenderFailure("page " + std::to_string(page_index) + ": an annotation (a link or a field) belongs to no element");
  }
  content_[static_cast<size_t>(structure)].push_back({sequence_++, page_index, -1, annotation});
  annotations_.emplace_back(annotation, structure);
  HPDF_Encoder utf8 = pdf_.CheckHandle(HPDF_GetEncoder(pdf_.get(), "UTF-8"), "HPDF_GetEncoder");
  pdf_.Add(annotation, "Contents", pdf_.NewString(description, utf8));
}

void PdfTagger::Finish(const std::vector<HPDF_Page>& pages) {
  pdf_.set_context("writing the structure tree");
  HPDF_Encoder utf8 = pdf_.CheckHandle(HPDF_GetEncoder(pdf_.get(), "UTF-8"), "HPDF_GetEncoder");
  const std::vector<StructElement>& structure = document_.structure;
  const size_t count = structure.size();

  haru::Dict root = pdf_.NewIndirectDict();
  pdf_.AddName(root, "Type", "StructTreeRoot");
  std::vector<haru::Dict> elements(count);
  for (size_t i = 0; i < count; ++i) {
    // /Type /StructElem is optional; left out, as there are a thousand elements.
    elements[i] = pdf_.NewIndirectDict();
    pdf_.AddName(elements[i], "S", StructTag(structure[i].type));
  }
  pdf_.Add(root, "K", elements[0]);

  // Each element's place among its siblings is where its first content was drawn; an element
  // with no content (an empty cell) stays after the sibling made before it.
  std::vector<size_t> first(count, kNever);
  for (size_t i = 0; i < count; ++i) {
    if (!content_[i].empty()) first[i] = content_[i].front().sequence;
  }
  for (size_t i = count; i-- > 1;) {
    const size_t parent = static_cast<size_t>(structure[i].parent);
    first[parent] = std::min(first[parent], first[i]);
  }
  std::vector<std::vector<size_t>> children(count);
  for (size_t i = 1; i < count; ++i) children[static_cast<size_t>(structure[i].parent)].push_back(i);

  for (size_t i = 0; i < count; ++i) {
    haru::Dict element = elements[i];
    const StructElement& about = structure[i];
    pdf_.Add(element, "P", i == 0 ? root : elements[static_cast<size_t>(about.parent)]);
    if (about.scope != HeaderScope::kNone || about.col_span > 1) {
      // A reader tells which columns a cell heads or stands in by its place and its span: a
      // head over two columns without /ColSpan is read as the head of the next column only.
      haru::Dict attributes = pdf_.NewDict();
      pdf_.AddName(attributes, "O", "Table");
      if (about.scope != HeaderScope::kNone) {
        pdf_.AddName(attributes, "Scope", about.scope == HeaderScope::kColumn ? "Column" : "Row");
      }
      if (about.col_span > 1) pdf_.AddNumber(attributes, "ColSpan", about.col_span);
      pdf_.Add(element, "A", attributes);
    }
    if (!about.alt.empty()) {
      pdf_.Add(element, "Alt", pdf_.NewString(about.alt, utf8));
    }
    if (!about.actual_text.empty()) {
      pdf_.Add(element, "ActualText", pdf_.NewString(about.actual_text, utf8));
    }

    // The kids in reading order: child elements and this element's own content, merged.
    struct Kid {
      size_t key;
      size_t child;                 // an element, or kNever
      const ContentKid* content;    // marked content or an annotation, or null
    };
    std::vector<Kid> kids;
    size_t previous = 0;
    for (size_t child : children[i]) {
      const size_t key = first[child] != kNever ? first[child] : previous;
      kids.push_back({key, child, nullptr});
      previous = key;
    }
    for (const ContentKid& content : content_[i]) kids.push_back({content.sequence, kNever, &content});
    std::stable_sort(kids.begin(), kids.end(), [](const Kid& a, const Kid& b) { return a.key < b.key; });
    if (kids.empty()) continue;

    // Marked content all on one page is listed by MCID alone, with the page on the element;
    // otherwise each mark names its page.
    size_t page = kNever;
    bool one_page = true;
    for (const ContentKid& content : content_[i]) {
      if (page == kNever) page = content.page;
      one_page = one_page && content.page == page && content.annotation == nullptr;
    }
    if (page != kNever && one_page) pdf_.Add(element, "Pg", pages[page]);
    haru::Array list = pdf_.NewArray();
    for (const Kid& kid : kids) {
      if (kid.child != kNever) {
        pdf_.Append(list, elements[kid.child]);
      } else if (kid.content->annotation != nullptr) {
        haru::Dict reference = pdf_.NewDict();
        pdf_.AddName(reference, "Type", "OBJR");
        pdf_.Add(reference, "Obj", kid.content->annotation);
        pdf_.Add(reference, "Pg", pages[kid.content->page]);
        pdf_.Append(list, reference);
      } else if (one_page) {
        pdf_.AppendNumber(list, kid.content->mcid);
      } else {
        haru::Dict reference = pdf_.NewDict();
        pdf_.AddName(reference, "Type", "MCR");
        pdf_.Add(reference, "Pg", pages[kid.content->page]);
        pdf_.AddNumber(reference, "MCID", kid.content->mcid);
        pdf_.Append(list, reference);
      }
    }
    pdf_.Add(element, "K", list);
  }

  // The parent tree: from each page's MCIDs, and from each annotation, back to its element.
  // Keys 0…pages-1 are the pages; the annotations follow.
  haru::Dict parent_tree = pdf_.NewIndirectDict();
  haru::Array numbers = pdf_.NewArray();
  for (size_t p = 0; p < pages.size(); ++p) {
    haru::Array marks = pdf_.NewArray();
    for (int element : page_marks_[p]) {
      pdf_.Append(marks, elements[static_cast<size_t>(element)]);
    }
    pdf_.AppendNumber(numbers, static_cast<HPDF_INT32>(p));
    pdf_.Append(numbers, marks);
    pdf_.AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p));
    // Tab through annotations in the order of the structure.
    pdf_.AddName(pages[p], "Tabs", "S");
  }
  for (size_t k = 0; k < annotations_.size(); ++k) {
    const auto key = static_cast<HPDF_INT32>(pages.size() + k);
    pdf_.AppendNumber(numbers, key);
    pdf_.Append(numbers, elements[static_cast<size_t>(annotations_[k].second)]);
    pdf_.AddNumber(annotations_[k].first, "StructParent", key);
  }
  pdf_.Add(parent_tree, "Nums", numbers);
  pdf_.Add(root, "ParentTree", parent_tree);
  pdf_.AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(pages.size() + annotations_.size()));

  pdf_.Add(pdf_.Catalog(), "StructTreeRoot", root);
  haru::Dict mark_info = pdf_.NewDict();
  pdf_.AddBoolean(mark_info, "Marked", true);
  pdf_.Add(pdf_.Catalog(), "MarkInfo", mark_info);
  // Viewers show the title ("Årsredovisning 2023"), not the file name.
  haru::Dict preferences = pdf_.NewDict();
  pdf_.AddBoolean(preferences, "DisplayDocTitle", true);
  pdf_.Add(pdf_.Catalog(), "ViewerPreferences", preferences);
}

}  // namespace arsred

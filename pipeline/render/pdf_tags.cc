#include "pdf_tags.h"

// Internal headers: libharu 2.3.0 has no tagging API ("BDC/EMC not implemented"); the page's
// content stream, the catalog and the object writers are reached through them.
#include <hpdf_doc.h>

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
    throw RenderFailure("page " + std::to_string(page_index) + ": a link belongs to no Link element");
  }
  content_[static_cast<size_t>(structure)].push_back({sequence_++, page_index, -1, annotation});
  annotations_.emplace_back(annotation, structure);
  HPDF_Doc doc = pdf_.get();
  HPDF_Encoder utf8 = pdf_.CheckHandle(HPDF_GetEncoder(doc, "UTF-8"), "HPDF_GetEncoder");
  HPDF_String contents = pdf_.CheckHandle(HPDF_String_New(doc->mmgr, description.c_str(), utf8), "HPDF_String_New");
  pdf_.Check(HPDF_Dict_Add(annotation, "Contents", contents), "HPDF_Dict_Add");
}

void PdfTagger::Finish(const std::vector<HPDF_Page>& pages) {
  pdf_.set_context("writing the structure tree");
  HPDF_Doc doc = pdf_.get();
  HPDF_MMgr mmgr = doc->mmgr;
  HPDF_Encoder utf8 = pdf_.CheckHandle(HPDF_GetEncoder(doc, "UTF-8"), "HPDF_GetEncoder");
  const std::vector<StructElement>& structure = document_.structure;
  const size_t count = structure.size();

  const auto new_dict = [&](bool indirect) {
    HPDF_Dict dict = pdf_.CheckHandle(HPDF_Dict_New(mmgr), "HPDF_Dict_New");
    if (indirect) pdf_.Check(HPDF_Xref_Add(doc->xref, dict), "HPDF_Xref_Add");
    return dict;
  };
  const auto new_array = [&] { return pdf_.CheckHandle(HPDF_Array_New(mmgr), "HPDF_Array_New"); };

  HPDF_Dict root = new_dict(true);
  pdf_.Check(HPDF_Dict_AddName(root, "Type", "StructTreeRoot"), "HPDF_Dict_AddName");
  std::vector<HPDF_Dict> elements(count);
  for (size_t i = 0; i < count; ++i) {
    // /Type /StructElem is optional; left out, as there are a thousand elements.
    elements[i] = new_dict(true);
    pdf_.Check(HPDF_Dict_AddName(elements[i], "S", StructTag(structure[i].type)), "HPDF_Dict_AddName");
  }
  pdf_.Check(HPDF_Dict_Add(root, "K", elements[0]), "HPDF_Dict_Add");

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
    HPDF_Dict element = elements[i];
    const StructElement& about = structure[i];
    pdf_.Check(HPDF_Dict_Add(element, "P", i == 0 ? root : elements[static_cast<size_t>(about.parent)]),
               "HPDF_Dict_Add");
    if (about.scope != HeaderScope::kNone) {
      HPDF_Dict attributes = new_dict(false);
      pdf_.Check(HPDF_Dict_AddName(attributes, "O", "Table"), "HPDF_Dict_AddName");
      pdf_.Check(HPDF_Dict_AddName(attributes, "Scope", about.scope == HeaderScope::kColumn ? "Column" : "Row"),
                 "HPDF_Dict_AddName");
      pdf_.Check(HPDF_Dict_Add(element, "A", attributes), "HPDF_Dict_Add");
    }
    if (!about.alt.empty()) {
      HPDF_String alt = pdf_.CheckHandle(HPDF_String_New(mmgr, about.alt.c_str(), utf8), "HPDF_String_New");
      pdf_.Check(HPDF_Dict_Add(element, "Alt", alt), "HPDF_Dict_Add");
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
    if (page != kNever && one_page) pdf_.Check(HPDF_Dict_Add(element, "Pg", pages[page]), "HPDF_Dict_Add");
    HPDF_Array list = new_array();
    for (const Kid& kid : kids) {
      if (kid.child != kNever) {
        pdf_.Check(HPDF_Array_Add(list, elements[kid.child]), "HPDF_Array_Add");
      } else if (kid.content->annotation != nullptr) {
        HPDF_Dict reference = new_dict(false);
        pdf_.Check(HPDF_Dict_AddName(reference, "Type", "OBJR"), "HPDF_Dict_AddName");
        pdf_.Check(HPDF_Dict_Add(reference, "Obj", kid.content->annotation), "HPDF_Dict_Add");
        pdf_.Check(HPDF_Dict_Add(reference, "Pg", pages[kid.content->page]), "HPDF_Dict_Add");
        pdf_.Check(HPDF_Array_Add(list, reference), "HPDF_Array_Add");
      } else if (one_page) {
        pdf_.Check(HPDF_Array_AddNumber(list, kid.content->mcid), "HPDF_Array_AddNumber");
      } else {
        HPDF_Dict reference = new_dict(false);
        pdf_.Check(HPDF_Dict_AddName(reference, "Type", "MCR"), "HPDF_Dict_AddName");
        pdf_.Check(HPDF_Dict_Add(reference, "Pg", pages[kid.content->page]), "HPDF_Dict_Add");
        pdf_.Check(HPDF_Dict_AddNumber(reference, "MCID", kid.content->mcid), "HPDF_Dict_AddNumber");
        pdf_.Check(HPDF_Array_Add(list, reference), "HPDF_Array_Add");
      }
    }
    pdf_.Check(HPDF_Dict_Add(element, "K", list), "HPDF_Dict_Add");
  }

  // The parent tree: from each page's MCIDs, and from each annotation, back to its element.
  // Keys 0…pages-1 are the pages; the annotations follow.
  HPDF_Dict parent_tree = new_dict(true);
  HPDF_Array numbers = new_array();
  for (size_t p = 0; p < pages.size(); ++p) {
    HPDF_Array marks = new_array();
    for (int element : page_marks_[p]) {
      pdf_.Check(HPDF_Array_Add(marks, elements[static_cast<size_t>(element)]), "HPDF_Array_Add");
    }
    pdf_.Check(HPDF_Array_AddNumber(numbers, static_cast<HPDF_INT32>(p)), "HPDF_Array_AddNumber");
    pdf_.Check(HPDF_Array_Add(numbers, marks), "HPDF_Array_Add");
    pdf_.Check(HPDF_Dict_AddNumber(pages[p], "StructParents", static_cast<HPDF_INT32>(p)), "HPDF_Dict_AddNumber");
    // Tab through annotations in the order of the structure.
    pdf_.Check(HPDF_Dict_AddName(pages[p], "Tabs", "S"), "HPDF_Dict_AddName");
  }
  for (size_t k = 0; k < annotations_.size(); ++k) {
    const auto key = static_cast<HPDF_INT32>(pages.size() + k);
    pdf_.Check(HPDF_Array_AddNumber(numbers, key), "HPDF_Array_AddNumber");
    pdf_.Check(HPDF_Array_Add(numbers, elements[static_cast<size_t>(annotations_[k].second)]), "HPDF_Array_Add");
    pdf_.Check(HPDF_Dict_AddNumber(annotations_[k].first, "StructParent", key), "HPDF_Dict_AddNumber");
  }
  pdf_.Check(HPDF_Dict_Add(parent_tree, "Nums", numbers), "HPDF_Dict_Add");
  pdf_.Check(HPDF_Dict_Add(root, "ParentTree", parent_tree), "HPDF_Dict_Add");
  pdf_.Check(HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(pages.size() + annotations_.size())),
             "HPDF_Dict_AddNumber");

  pdf_.Check(HPDF_Dict_Add(doc->catalog, "StructTreeRoot", root), "HPDF_Dict_Add");
  HPDF_Dict mark_info = new_dict(false);
  pdf_.Check(HPDF_Dict_AddBoolean(mark_info, "Marked", HPDF_TRUE), "HPDF_Dict_AddBoolean");
  pdf_.Check(HPDF_Dict_Add(doc->catalog, "MarkInfo", mark_info), "HPDF_Dict_Add");
  // Viewers show the title ("Årsredovisning 2023"), not the file name.
  HPDF_Dict preferences = new_dict(false);
  pdf_.Check(HPDF_Dict_AddBoolean(preferences, "DisplayDocTitle", HPDF_TRUE), "HPDF_Dict_AddBoolean");
  pdf_.Check(HPDF_Dict_Add(doc->catalog, "ViewerPreferences", preferences), "HPDF_Dict_Add");
}

}  // namespace arsred

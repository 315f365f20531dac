// Walking the loaded model for every value of one type, through each struct's Fields(), so that a
// check over all texts (or all one-line strings) covers a field added to model.h without naming it.
#pragma once

#include <type_traits>

#include "field_traits.h"
#include "model.h"

namespace arsred {

// Calls `found` for every Located<Value> in a mapping of the format and the mappings below it.
template <class Value, class Found>
struct ValueWalker {
  Found& found;

  template <class M>
  void operator()(const char* /*key*/, M& member, const char* /*doc*/) {
    Walk(member);
  }
  template <class M>
  void Walk(M& member) {
    if constexpr (IsOptional<M>::value) {
      if (member) Walk(*member);
    } else if constexpr (IsVector<M>::value) {
      for (auto& element : member) Walk(element);
    } else if constexpr (IsDict<M>::value) {
      for (auto& entry : member.entries) Walk(entry.second);
    } else if constexpr (IsLocated<M>::value) {
      if constexpr (std::is_same_v<decltype(member.value), Value>) found(member);
    } else {
      member.Fields(*this);
    }
  }
};

// Walks the year's files that the report is made from with `walker`; rattelser.yaml too when
// `with_corrections`.
template <class Walker>
void WalkYearFiles(Walker& walker, const YearFiles& year_files, bool with_corrections) {
  YearFiles& files = const_cast<YearFiles&>(year_files);  // Fields() only hands out references; nothing is changed
  walker.Walk(files.forbund);
  walker.Walk(files.text);
  walker.Walk(files.verksamhet);
  walker.Walk(files.budget);
  walker.Walk(files.rakenskaper);
  if (with_corrections) walker.Walk(files.rattelser);
}

}  // namespace arsred

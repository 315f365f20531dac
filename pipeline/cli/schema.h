// Describes the input format from the Fields() of model.h, and writes that description as a
// JSON Schema (for editors with yaml-language-server) and as the Markdown reference. Being
// generated from the same lists the loader follows, neither can drift from what is accepted.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "field_traits.h"

namespace arsred {

struct TypeRef {
  enum class Kind { kString, kText, kInteger, kMoney, kDecimal, kDate, kYearOrDate, kBool, kId, kEnum, kList, kDict, kMapping };
  Kind kind = Kind::kString;
  std::string mapping;                                      // kMapping: the struct's kName
  std::vector<std::pair<std::string, std::string>> values;  // kEnum: spelling, meaning
  std::shared_ptr<TypeRef> element;                         // kList, kDict
};

struct FieldDesc {
  std::string key;
  std::string doc;
  bool required = false;
  TypeRef type;
};

struct MappingDesc {
  std::string name;
  std::vector<FieldDesc> fields;
};

class SchemaCollector {
 public:
  // Describes T and every mapping reachable from it; returns T's name.
  template <class T>
  std::string AddRoot() {
    return Describe<T>().mapping;
  }
  const MappingDesc& mapping(const std::string& name) const { return mappings_.at(name); }
  const std::vector<std::string>& order() const { return order_; }

 private:
  struct Visitor {
    SchemaCollector& collector;
    MappingDesc& desc;
    template <class M>
    void operator()(const char* key, M& /*member*/, const char* doc) {
      desc.fields.push_back({key, doc, kIsRequired<M>, collector.Describe<M>()});
    }
  };

  template <class T>
  TypeRef Describe() {
    TypeRef ref;
    if constexpr (IsOptional<T>::value) {
      return Describe<typename T::value_type>();
    } else if constexpr (IsVector<T>::value) {
      ref.kind = TypeRef::Kind::kList;
      ref.element = std::make_shared<TypeRef>(Describe<typename T::value_type>());
    } else if constexpr (IsDict<T>::value) {
      ref.kind = TypeRef::Kind::kDict;
      using Value = typename decltype(T{}.entries)::value_type::second_type;
      ref.element = std::make_shared<TypeRef>(Describe<Value>());
    } else if constexpr (IsLocated<T>::value) {
      return DescribeValue<decltype(T{}.value)>();
    } else {
      ref.kind = TypeRef::Kind::kMapping;
      ref.mapping = std::string(T::kName);
      if (!mappings_.count(ref.mapping)) {
        mappings_[ref.mapping] = MappingDesc{ref.mapping, {}};
        order_.push_back(ref.mapping);
        T instance;
        MappingDesc desc{ref.mapping, {}};
        Visitor visitor{*this, desc};
        instance.Fields(visitor);
        mappings_[ref.mapping] = std::move(desc);
      }
    }
    return ref;
  }

  template <class V>
  TypeRef DescribeValue() {
    TypeRef ref;
    using K = TypeRef::Kind;
    if constexpr (std::is_same_v<V, std::string>) ref.kind = K::kString;
    else if constexpr (std::is_same_v<V, Text>) ref.kind = K::kText;
    else if constexpr (std::is_same_v<V, int64_t>) ref.kind = K::kInteger;
    else if constexpr (std::is_same_v<V, Money>) ref.kind = K::kMoney;
    else if constexpr (std::is_same_v<V, Decimal>) ref.kind = K::kDecimal;
    else if constexpr (std::is_same_v<V, Date>) ref.kind = K::kDate;
    else if constexpr (std::is_same_v<V, YearOrDate>) ref.kind = K::kYearOrDate;
    else if constexpr (std::is_same_v<V, bool>) ref.kind = K::kBool;
    else if constexpr (std::is_same_v<V, Id>) ref.kind = K::kId;
    else {
      static_assert(IsEnum<V>::value, "unsupported value type in model.h");
      ref.kind = K::kEnum;
      for (const auto& v : EnumSpelling<V>::kValues) ref.values.emplace_back(v.spelling, v.meaning);
    }
    return ref;
  }

  std::map<std::string, MappingDesc> mappings_;
  std::vector<std::string> order_;
};

// The root mapping of each file of a year directory, e.g. {"forbund.yaml", "forbund.yaml"}.
SchemaCollector CollectInputSchema();

// A JSON Schema (draft-07) for one input file, e.g. "forbund.yaml".
std::string JsonSchemaFor(const SchemaCollector& schema, const std::string& file);

// The Markdown reference of every input file (docs/input-format.md).
std::string MarkdownReference(const SchemaCollector& schema);

// The same for layout files (layouts/*.yaml): its schema, JSON Schema and reference
// (schema/layout.schema.json, docs/layout-format.md).
SchemaCollector CollectLayoutSchema();
std::string LayoutMarkdownReference(const SchemaCollector& schema);

}  // namespace arsred

// Compile-time facts about the member types used in model.h, shared by the loader and the
// schema exporter: which are required, which are mappings, which are lists.
#pragma once

#include <optional>
#include <type_traits>
#include <vector>

#include "model.h"

namespace arsred {

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

template <class T>
struct IsDict : std::false_type {};
template <class T>
struct IsDict<Dict<T>> : std::true_type {};

template <class T>
struct IsLocated : std::false_type {};
template <class T>
struct IsLocated<Located<T>> : std::true_type {};

// A mapping of the format: a struct with Fields().
template <class T>
constexpr bool kIsMapping = std::is_base_of_v<Anchor, T>;

// Lists and dictionaries may be left out (they are then empty); optionals may be left out;
// everything else must be given.
template <class T>
constexpr bool kIsRequired = !IsOptional<T>::value && !IsVector<T>::value && !IsDict<T>::value;

template <class T>
struct IsEnum : std::false_type {};
template <class E>
  requires requires { EnumSpelling<E>::kValues; }
struct IsEnum<E> : std::true_type {};

}  // namespace arsred

#include "shared_library.h"

#include <dlfcn.h>

#include <stdexcept>

namespace arsred {

void* SharedLibrary::Symbol(const char* name) {
  if (handle_ == nullptr) {
    handle_ = ::dlopen(soname_.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle_ == nullptr) throw std::runtime_error("cannot load " + soname_ + ": " + ::dlerror());
  }
  void* symbol = ::dlsym(handle_, name);
  if (symbol == nullptr) throw std::runtime_error(soname_ + " has no " + name);
  return symbol;
}

}  // namespace arsred

// A shared library loaded when it is first needed (dlopen), for a dependency that only some
// commands use: loading and relocating such a library at start-up costs every command, and
// qpdf (with GnuTLS) and OpenSSL's libcrypto took 3 of the 6 ms arsred needed before main.
#pragma once

#include <string>

namespace arsred {

class SharedLibrary {
 public:
  // `soname` as the dynamic linker finds it, e.g. "libcrypto.so.3". Loads nothing yet.
  explicit SharedLibrary(std::string soname) : soname_(std::move(soname)) {}
  SharedLibrary(const SharedLibrary&) = delete;
  SharedLibrary& operator=(const SharedLibrary&) = delete;

  // Sets `function` to the library's symbol `name`, loading the library on first use. Throws
  // std::runtime_error when the library cannot be loaded or lacks the symbol.
  template <class Function>
  void Find(Function*& function, const char* name) {
    function = reinterpret_cast<Function*>(Symbol(name));
  }

 private:
  void* Symbol(const char* name);

  std::string soname_;
  void* handle_ = nullptr;  // never closed: the library stays until the process ends
};

}  // namespace arsred

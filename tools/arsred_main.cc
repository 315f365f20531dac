// arsred: the annual report of a Swedish samordningsförbund, from YAML to a signed PDF.
// The commands live in the library (pipeline/cli/); this file only hands over argv and maps
// an unexpected failure to an exit code.
#include <cstdlib>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "job.h"

// operator new as the standard has it, over malloc (which mimalloc, linked into the tool,
// provides): a new-handler if one is set, else std::bad_alloc, which main reports. mimalloc's
// own operator new asks the C++ runtime for the new-handler through the dynamic symbol table,
// where this program's runtime (linked in statically) is not, and so aborted without a word when
// memory ran out (a tester's `ulimit -v 80000`).
#ifdef ARSRED_MIMALLOC
void* operator new(std::size_t size) {
  for (;;) {
    if (void* block = std::malloc(size == 0 ? 1 : size)) return block;
    const std::new_handler handler = std::get_new_handler();
    if (!handler) throw std::bad_alloc();
    handler();
  }
}
void* operator new[](std::size_t size) { return ::operator new(size); }
void operator delete(void* block) noexcept { std::free(block); }
void operator delete[](void* block) noexcept { std::free(block); }
void operator delete(void* block, std::size_t) noexcept { std::free(block); }
void operator delete[](void* block, std::size_t) noexcept { std::free(block); }
#endif

int main(int argc, char** argv) {
  arsred::Job job(std::vector<std::string>(argv, argv + argc));
  try {
    return job.Run(std::cout, std::cerr);
  } catch (const std::bad_alloc&) {
    std::cerr << "arsred: out of memory (see `ulimit -v`); nothing was written\n";
    return 70;  // EX_SOFTWARE
  } catch (const std::exception& e) {
    std::cerr << "arsred: internal error: " << e.what() << "\n"
              << "arsred: this is a bug in arsred, not in your inputs; please report it with the inputs.\n";
    return 70;  // EX_SOFTWARE
  }
}

// Names for arsred's helper threads, so that `top -H`, perf and gdb tell them
// apart: profiling a build is mostly a question of which thread waits for
// which.
#pragma once

#include <pthread.h>

namespace arsred {

// Names the calling thread; Linux keeps the first 15 bytes.
inline void NameThisThread(const char *name) {
  pthread_setname_np(pthread_self(), name);
}

} // namespace arsred

// The helper threads arsred starts (the dictionary, the second YAML reader, the paragraph
// setter, the stream deflater), started where they can run at once.
//
// Linux starts a new thread on its parent's CPU. While the parent keeps that CPU busy, one of
// the two then waits for the load balancer to move it to an idle CPU, which takes up to a
// scheduler tick (4 ms): measured here, a new helper began work a median 1.9 ms after it was
// made, and one parent in ten stood still for 3 ms. So a helper is made on another CPU than the
// caller's when the process may use another, and may move freely once it runs (see
// bench/README.md).
#pragma once

#include <pthread.h>

#include <functional>

namespace arsred {

class HelperThread {
 public:
  // Runs `work` on a new thread named `name` (at most 15 bytes: top -H, perf and gdb show it).
  // `work` must not throw. Throws std::system_error when no thread can be made.
  HelperThread(const char* name, std::function<void()> work);
  ~HelperThread();  // joins
  HelperThread(const HelperThread&) = delete;
  HelperThread& operator=(const HelperThread&) = delete;

  void Join();

 private:
  struct Start;
  pthread_t thread_{};
  bool joinable_ = false;
};

}  // namespace arsred

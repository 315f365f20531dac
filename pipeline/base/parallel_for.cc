#include "parallel_for.h"

#include <atomic>
#include <exception>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

namespace arsred {

void ParallelFor(size_t count, const std::function<void(size_t)>& body) {
  std::atomic<size_t> next{0};
  std::vector<std::exception_ptr> failures(count);  // each written by the thread that ran its index
  const auto work = [&] {
    for (size_t i; (i = next.fetch_add(1, std::memory_order_relaxed)) < count;) {
      try {
        body(i);
      } catch (...) {
        failures[i] = std::current_exception();
      }
    }
  };
  std::optional<std::thread> helper;
  if (count > 1) {
    try {
      helper.emplace(work);
    } catch (const std::system_error&) {  // no thread to be had: the caller does it all
    }
  }
  work();
  if (helper) helper->join();
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);
  }
}

}  // namespace arsred

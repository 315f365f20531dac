// The one parallel step (parallel_for.h). scripts/tsan runs these under ThreadSanitizer.
#include <catch2/catch.hpp>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "parallel_for.h"

namespace arsred {
namespace {

TEST_CASE("every index runs once, on the calling thread and at most one other") {
  std::vector<int> runs(500, 0);
  std::mutex mutex;
  std::set<std::thread::id> threads;
  ParallelFor(runs.size(), [&](size_t i) {
    ++runs[i];  // each index is one thread's
    std::lock_guard<std::mutex> lock(mutex);
    threads.insert(std::this_thread::get_id());
  });
  for (size_t i = 0; i < runs.size(); ++i) {
    INFO("index " << i);
    CHECK(runs[i] == 1);
  }
  CHECK(threads.size() <= 2);
}

TEST_CASE("no index, or one, runs on the calling thread alone") {
  ParallelFor(0, [](size_t) { FAIL("no index to run"); });
  std::thread::id ran_on;
  ParallelFor(1, [&](size_t) { ran_on = std::this_thread::get_id(); });
  CHECK(ran_on == std::this_thread::get_id());
}

TEST_CASE("when calls throw, the others still run, and the lowest index's exception comes back") {
  std::vector<int> runs(50, 0);
  const auto body = [&](size_t i) {
    ++runs[i];
    if (i == 7 || i == 30) throw std::runtime_error("index " + std::to_string(i));
  };
  CHECK_THROWS_WITH(ParallelFor(runs.size(), body), "index 7");
  for (size_t i = 0; i < runs.size(); ++i) {
    INFO("index " << i);
    CHECK(runs[i] == 1);
  }
}

}  // namespace
}  // namespace arsred

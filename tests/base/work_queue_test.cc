// The queue the loader and the renderer share their work through.
#include <catch2/catch.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "work_queue.h"

namespace arsred {
namespace {

TEST_CASE("every job runs once, on the finishing thread or a helper, and Finish waits for all") {
  WorkQueue queue;
  std::thread helper([&queue] { queue.Help(); });  // waits for jobs, returns once finished
  std::vector<int> done(200, 0);
  for (size_t i = 0; i < done.size(); ++i) {
    queue.Add([&done, i] { ++done[i]; });
  }
  queue.Finish();
  for (size_t i = 0; i < done.size(); ++i) {
    INFO("job " << i);
    CHECK(done[i] == 1);
  }
  helper.join();
  queue.Finish();  // again: nothing to do
}

TEST_CASE("a job that throws is reported once by Finish, and the jobs not yet begun are dropped") {
  WorkQueue queue;
  int ran = 0;
  queue.Add([&ran] { ++ran; });
  queue.Add([] { throw std::runtime_error("no room"); });
  queue.Add([&ran] { ++ran; });
  CHECK_THROWS_WITH(queue.Finish(), "no room");
  CHECK(ran == 1);
  CHECK_NOTHROW(queue.Finish());
}

TEST_CASE("a helper that comes after Finish, or to a queue that had no jobs, returns at once") {
  WorkQueue empty;
  std::thread early([&empty] { empty.Help(); });
  empty.Finish();
  early.join();
  std::thread late([&empty] { empty.Help(); });
  late.join();
  SUCCEED("both helpers returned");
}

}  // namespace
}  // namespace arsred

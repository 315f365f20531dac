#include <pthread.h>
#include <sched.h>

#include <catch2/catch.hpp>
#include <cstring>
#include <string>

#include "helper_thread.h"

namespace arsred {
namespace {

TEST_CASE("a helper thread runs its work under its name, and may then use every CPU its maker may") {
  cpu_set_t maker{};
  REQUIRE(sched_getaffinity(0, sizeof maker, &maker) == 0);
  std::string name;
  bool ran = false;
  cpu_set_t helper{};
  {
    HelperThread thread("arsred-test", [&] {
      char buffer[16] = {};
      pthread_getname_np(pthread_self(), buffer, sizeof buffer);
      name = buffer;
      sched_getaffinity(0, sizeof helper, &helper);
      ran = true;
    });
  }  // joined here
  CHECK(ran);
  CHECK(name == "arsred-test");
  // Started elsewhere than its maker's CPU where there is another, it is not kept there.
  CHECK(CPU_EQUAL(&helper, &maker));
}

TEST_CASE("joining a helper thread twice is harmless, and its work is done by the first join") {
  int runs = 0;
  HelperThread thread("arsred-test", [&] { ++runs; });
  thread.Join();
  CHECK(runs == 1);
  thread.Join();
  CHECK(runs == 1);
}

TEST_CASE("a helper thread made where only one CPU is allowed still runs") {
  cpu_set_t maker{};
  REQUIRE(sched_getaffinity(0, sizeof maker, &maker) == 0);
  cpu_set_t one{};
  CPU_SET(sched_getcpu(), &one);
  REQUIRE(sched_setaffinity(0, sizeof one, &one) == 0);
  bool ran = false;
  {
    HelperThread thread("arsred-test", [&] { ran = true; });
  }
  sched_setaffinity(0, sizeof maker, &maker);
  CHECK(ran);
}

}  // namespace
}  // namespace arsred

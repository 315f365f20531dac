#include "helper_thread.h"

#include <sched.h>

#include <cerrno>
#include <exception>
#include <memory>
#include <system_error>
#include <utility>

namespace arsred {

struct HelperThread::Start {
  const char* name;
  std::function<void()> work;
  cpu_set_t allowed;  // the caller's CPUs, given back once the helper runs
  bool placed = false;

  static void* Run(void* argument) {
    std::unique_ptr<Start> start(static_cast<Start*>(argument));
    pthread_setname_np(pthread_self(), start->name);
    if (start->placed) pthread_setaffinity_np(pthread_self(), sizeof start->allowed, &start->allowed);
    try {
      start->work();
    } catch (...) {
      std::terminate();  // as std::thread does: helpers catch what they can report
    }
    return nullptr;
  }
};

HelperThread::HelperThread(const char* name, std::function<void()> work) {
  auto start = std::make_unique<Start>();
  start->name = name;
  start->work = std::move(work);
  pthread_attr_t attributes;
  if (pthread_attr_init(&attributes) != 0) throw std::system_error(ENOMEM, std::generic_category(), "pthread_attr_init");
  const int cpu = sched_getcpu();
  if (cpu >= 0 && sched_getaffinity(0, sizeof start->allowed, &start->allowed) == 0) {
    cpu_set_t elsewhere = start->allowed;
    CPU_CLR(cpu, &elsewhere);
    start->placed = CPU_COUNT(&elsewhere) > 0 &&
                    pthread_attr_setaffinity_np(&attributes, sizeof elsewhere, &elsewhere) == 0;
  }
  int error = pthread_create(&thread_, &attributes, &Start::Run, start.get());
  if (error != 0 && start->placed) {  // the CPUs allowed changed meanwhile: start it anywhere
    start->placed = false;
    pthread_attr_destroy(&attributes);
    pthread_attr_init(&attributes);
    error = pthread_create(&thread_, &attributes, &Start::Run, start.get());
  }
  pthread_attr_destroy(&attributes);
  if (error != 0) throw std::system_error(error, std::generic_category(), "pthread_create");
  start.release();  // the thread owns it now
  joinable_ = true;
}

HelperThread::~HelperThread() { Join(); }

void HelperThread::Join() {
  if (!joinable_) return;
  pthread_join(thread_, nullptr);
  joinable_ = false;
}

}  // namespace arsred

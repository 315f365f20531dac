#include "work_queue.h"

#include <utility>

namespace arsred {

void WorkQueue::Add(std::function<void()> job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (failure_) return;
    jobs_.push_back(std::move(job));
  }
  changed_.notify_one();
}

void WorkQueue::RunNext(std::unique_lock<std::mutex>& lock) {
  std::function<void()> job = std::move(jobs_[next_++]);
  ++busy_;
  lock.unlock();
  std::exception_ptr failure;
  try {
    job();
  } catch (...) {  // carried to the thread that calls Finish
    failure = std::current_exception();
  }
  lock.lock();
  --busy_;
  if (failure && !failure_) {
    failure_ = failure;
    next_ = jobs_.size();
  }
  changed_.notify_all();  // Finish may be waiting for this job
}

void WorkQueue::Help() {
  std::unique_lock<std::mutex> lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return finished_ || HasWork(); });
    if (!HasWork()) return;
    RunNext(lock);
  }
}

void WorkQueue::Finish() {
  std::unique_lock<std::mutex> lock(mutex_);
  if (finished_) return;
  finished_ = true;
  changed_.notify_all();  // helpers waiting for more
  while (HasWork()) RunNext(lock);
  changed_.wait(lock, [this] { return busy_ == 0; });
  if (failure_) std::rethrow_exception(failure_);
}

}  // namespace arsred

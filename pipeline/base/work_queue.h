// Jobs worked through by the thread that adds them and by any thread that comes to help: the
// loader's files (a helper joins in once the hyphenation dictionary is loaded) and the
// renderer's streams (a helper deflates them while the pages are drawn).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>

namespace arsred {

class WorkQueue {
 public:
  WorkQueue() = default;
  WorkQueue(const WorkQueue&) = delete;
  WorkQueue& operator=(const WorkQueue&) = delete;

  // Queues a job; jobs start in the order they were added. After a job has thrown, the jobs
  // not yet started are dropped.
  void Add(std::function<void()> job);
  // Runs jobs as they come until Finish has been called and none is left.
  void Help();
  // No more jobs: runs those left (helpers join in), waits for those in other threads' hands,
  // and rethrows the first exception a job threw. Later calls return at once.
  void Finish();

 private:
  bool HasWork() const { return next_ < jobs_.size(); }
  // Runs the next job with `lock` released.
  void RunNext(std::unique_lock<std::mutex>& lock);

  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;
  size_t next_ = 0;  // the first job not yet started
  size_t busy_ = 0;  // jobs started and not yet done
  bool finished_ = false;
  std::exception_ptr failure_;
};

}  // namespace arsred

#include "thread_pool.h"

#include <chrono>
#include <cstdlib>

namespace nnunet {

ThreadPool::ThreadPool(int size) { start(size > 1 ? size - 1 : 0); }

ThreadPool::~ThreadPool() { stop(); }

void ThreadPool::resize(int size) {
  if (size < 1) size = 1;
  if (size == this->size()) return;
  stop();
  start(size - 1);
}

void ThreadPool::start(int workers) {
  stopping_ = false;
  for (int i = 0; i < workers; ++i) workers_.emplace_back([this, i] { workerLoop(i + 1); });
}

void ThreadPool::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  for (auto& w : workers_) w.join();
  workers_.clear();
}

void ThreadPool::work(Job& job, int thread) {
  for (int i = job.next.fetch_add(1); i < job.count; i = job.next.fetch_add(1)) {
    job.task(i, thread);
    if (job.done.fetch_add(1) + 1 == job.count) {
      std::lock_guard<std::mutex> lock(mutex_);
      finished_.notify_all();
    }
  }
}

void ThreadPool::run(int count, const Task& task) {
  if (count <= 0) return;
  if (workers_.empty() || count == 1) {
    for (int i = 0; i < count; ++i) task(i, 0);
    return;
  }
  auto job = std::make_shared<Job>(task, count);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job_ = job;
    generation_.fetch_add(1);
  }
  wake_.notify_all();
  work(*job, 0);
  std::unique_lock<std::mutex> lock(mutex_);
  finished_.wait(lock, [&] { return job->done.load() == count; });
  job_.reset();
}

void ThreadPool::workerLoop(int thread) {
  std::uint64_t seen = 0;
  for (;;) {
    // Kernels arrive in bursts (one per layer), so spin briefly before sleeping: waking a thread
    // from a condition variable costs tens of microseconds.
    const auto spinUntil = std::chrono::steady_clock::now() + std::chrono::microseconds(50);
    while (generation_.load() == seen && std::chrono::steady_clock::now() < spinUntil) {
#if defined(__x86_64__) || defined(__i386__)
      __builtin_ia32_pause();
#endif
    }
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load() != seen; });
      seen = generation_.load();
      if (stopping_) return;
      job = job_;
    }
    if (job) work(*job, thread);
  }
}

int defaultThreadCount() {
  if (const char* v = std::getenv("NNUNET_NUM_THREADS")) {
    const int n = std::atoi(v);
    if (n > 0) return n;
  }
  const unsigned hw = std::thread::hardware_concurrency();
  return hw > 0 ? int(hw) : 1;
}

ThreadPool& globalPool() {
  // Never destroyed: joining threads from a static destructor at process exit can deadlock.
  static ThreadPool* pool = new ThreadPool(defaultThreadCount());
  return *pool;
}

}  // namespace nnunet

// A small persistent pool: the calling thread plus (size - 1) workers. Work is a count of tasks
// that threads claim one at a time; which thread runs a task never changes what the task
// computes, so results do not depend on the pool size.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace nnunet {

class ThreadPool {
 public:
  using Task = std::function<void(int task, int thread)>;

  explicit ThreadPool(int size);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  // Threads that run tasks, the caller included.
  int size() const { return int(workers_.size()) + 1; }
  void resize(int size);
  // Runs task(i, thread) for every i in [0, count) and returns when all are done. `thread` is in
  // [0, size()) and lets a task use per-thread scratch memory.
  void run(int count, const Task& task);

 private:
  void start(int workers);
  void stop();
  void workerLoop(int thread);
  void claimTasks(int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  const Task* task_ = nullptr;
  int count_ = 0;
  std::atomic<int> next_{0};
  int busy_ = 0;
  std::atomic<std::uint64_t> generation_{0};
  bool stopping_ = false;
};

// The process-wide pool the kernels use, sized from NNUNET_NUM_THREADS (default: all cores).
ThreadPool& globalPool();
int defaultThreadCount();

}  // namespace nnunet

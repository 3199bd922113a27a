// A small persistent pool: the calling thread plus (size - 1) workers. Work is a count of tasks
// that threads claim one at a time; which thread runs a task never changes what the task
// computes, so results do not depend on the pool size.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
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
  // One run's tasks. Shared with the workers, so that one waking up late finds the tasks all
  // claimed instead of a dangling job: the caller waits for tasks to finish, never for a worker
  // to wake (which can take milliseconds when the cores are oversubscribed).
  struct Job {
    Job(const Task& t, int n) : task(t), count(n) {}
    Task task;
    int count;
    std::atomic<int> next{0};
    std::atomic<int> done{0};
  };

  void start(int workers);
  void stop();
  void workerLoop(int thread);
  void work(Job& job, int thread);

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::shared_ptr<Job> job_;
  std::atomic<std::uint64_t> generation_{0};
  bool stopping_ = false;
};

// The process-wide pool the kernels use, sized from NNUNET_NUM_THREADS (default: all cores).
ThreadPool& globalPool();
int defaultThreadCount();

}  // namespace nnunet

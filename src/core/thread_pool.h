// The interpreter's one pool of worker threads (pthreadpool). XNNPACK runs on
// it, and so do litert's own multithreaded kernels (OpContext::ParallelFor).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <thread>

struct pthreadpool;

namespace litert {

class ThreadPool {
 public:
  // `threads` counts the calling thread: 1 means no workers and no pool. The
  // workers are started in the background (waking an idle core can take
  // milliseconds), so that loading and preparing a model overlap with it;
  // the first handle() or ParallelFor waits for them.
  explicit ThreadPool(int threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int threads() const { return threads_; }
  // The pthreadpool_t for libraries that take one; null with one thread.
  pthreadpool* handle() const {
    WaitForWorkers();
    return pool_;
  }

  // Calls fn(begin, end, range) over [0, n) split into at most threads()
  // contiguous ranges of at least `min_chunk` items (range: 0, 1, ... for
  // per-range scratch), and waits for all of them.
  void ParallelFor(size_t n, size_t min_chunk,
                   const std::function<void(size_t, size_t, int)>& fn);

 private:
  void WaitForWorkers() const;

  int threads_;
  pthreadpool* pool_ = nullptr;  // null with one thread or when creation failed
  mutable std::thread creator_;
  mutable std::once_flag created_;
};

// The least work (multiply-adds) worth waking the workers for (a few
// microseconds): 2^17 unless a test lowers it to run every split.
int64_t MinParallelWork();
void SetMinParallelWorkForTest(int64_t work);

// `pool`, or null (run on the caller) when `work` is below MinParallelWork().
inline ThreadPool* PoolForWork(ThreadPool* pool, int64_t work) {
  return work >= MinParallelWork() ? pool : nullptr;
}

// fn(begin, end) over int ranges covering [0, n): split over `pool` in ranges
// of at least `min_chunk` items when `work` pays for it, else one call on the
// caller.
template <typename F>
void ParallelRanges(ThreadPool* pool, int n, int64_t work, int min_chunk,
                    const F& fn) {
  pool = PoolForWork(pool, work);
  if (pool == nullptr || pool->threads() <= 1) {
    fn(0, n);
    return;
  }
  pool->ParallelFor(n, min_chunk, [&](size_t begin, size_t end, int) {
    fn(static_cast<int>(begin), static_cast<int>(end));
  });
}

}  // namespace litert

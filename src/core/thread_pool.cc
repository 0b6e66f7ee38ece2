#include "core/thread_pool.h"

#include <pthreadpool.h>

#include <algorithm>
#include <atomic>
#include <system_error>

namespace litert {

namespace {
std::atomic<int64_t> min_parallel_work{int64_t{1} << 17};
}  // namespace

int64_t MinParallelWork() {
  return min_parallel_work.load(std::memory_order_relaxed);
}
void SetMinParallelWorkForTest(int64_t work) { min_parallel_work.store(work); }

ThreadPool::ThreadPool(int threads) : threads_(std::max(threads, 1)) {
  if (threads_ <= 1) return;
  try {
    creator_ = std::thread(
        [this] { pool_ = pthreadpool_create(static_cast<size_t>(threads_)); });
  } catch (const std::system_error&) {
    pool_ = pthreadpool_create(static_cast<size_t>(threads_));
  }
}

void ThreadPool::WaitForWorkers() const {
  std::call_once(created_, [this] {
    if (creator_.joinable()) creator_.join();
  });
}

ThreadPool::~ThreadPool() {
  WaitForWorkers();
  if (pool_ != nullptr) pthreadpool_destroy(pool_);
}

namespace {
struct RangeTask {
  const std::function<void(size_t, size_t, int)>* fn;
  size_t n, chunk;
};
void RunRange(void* context, size_t i) {
  const auto* task = static_cast<const RangeTask*>(context);
  const size_t begin = i * task->chunk;
  (*task->fn)(begin, std::min(task->n, begin + task->chunk),
              static_cast<int>(i));
}
}  // namespace

void ThreadPool::ParallelFor(
    size_t n, size_t min_chunk,
    const std::function<void(size_t, size_t, int)>& fn) {
  if (n == 0) return;
  WaitForWorkers();
  const size_t parts =
      std::min<size_t>(threads_, (n + std::max<size_t>(min_chunk, 1) - 1) /
                                     std::max<size_t>(min_chunk, 1));
  if (pool_ == nullptr || parts <= 1) {
    fn(0, n, 0);
    return;
  }
  RangeTask task{&fn, n, (n + parts - 1) / parts};
  const size_t ranges = (n + task.chunk - 1) / task.chunk;  // none empty
  pthreadpool_parallelize_1d(pool_, &RunRange, &task, ranges, 0);
}

}  // namespace litert

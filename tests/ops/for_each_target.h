// Runs a test body once per Highway target compiled in and supported by this
// CPU (SSE4, AVX2, AVX-512 here; NEON on Arm), then restores the best one, so
// that every dispatch path of the fast kernels is exercised.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "core/thread_pool.h"
#include "hwy/targets.h"

namespace litert {

template <typename F>
void ForEachTarget(F&& f) {
  const std::vector<int64_t> targets = hwy::SupportedAndGeneratedTargets();
  ASSERT_FALSE(targets.empty());
  for (int64_t target : targets) {
    hwy::SetSupportedTargetsForTest(target);
    SCOPED_TRACE(hwy::TargetName(target));
    f();
  }
  hwy::SetSupportedTargetsForTest(0);
}

// Tests split work over threads however small it is, so that every
// multithreaded path runs on the tests' small shapes.
class SplitEveryWork : public ::testing::Environment {
 public:
  void SetUp() override { SetMinParallelWorkForTest(0); }
};
inline ::testing::Environment* const kSplitEveryWork =
    ::testing::AddGlobalTestEnvironment(new SplitEveryWork);

}  // namespace litert

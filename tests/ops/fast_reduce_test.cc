// The reduction row primitives (ops/fast/reduce_rows.h) against scalar loops
// on every Highway target: kept rows bit for bit, float sums within rounding,
// extrema with std::min/std::max's NaN rule, quantized sums wrapping in int32.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include "ops/fast/reduce_rows.h"
#include "ops/for_each_target.h"

namespace litert::fast {
namespace {

constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

std::vector<float> Values(std::mt19937& rng, int64_t n) {
  std::uniform_real_distribution<float> v(-100.f, 100.f);
  std::vector<float> x(n);
  for (auto& e : x) e = v(rng);
  return x;
}

void CheckFloatRows() {
  std::mt19937 rng(21);
  for (int c = 0; c < 200; ++c) {
    const int64_t n = std::uniform_int_distribution<int>(0, 300)(rng);
    auto x = Values(rng, n), acc = Values(rng, n);
    if (n > 3 && c % 4 == 0) x[n / 2] = kNaN;  // skipped by extrema
    // Kept rows: exact.
    auto sum = acc, want = acc;
    AddRowFloat(sum.data(), x.data(), n);
    for (int64_t i = 0; i < n; ++i) want[i] += x[i];
    for (int64_t i = 0; i < n; ++i) {
      ASSERT_TRUE(sum[i] == want[i] ||
                  (std::isnan(sum[i]) && std::isnan(want[i])));
    }
    for (bool max : {false, true}) {
      auto got = acc;
      ExtremumRowFloat(got.data(), x.data(), n, max);
      for (int64_t i = 0; i < n; ++i) {
        const float w = max ? std::max(acc[i], x[i]) : std::min(acc[i], x[i]);
        ASSERT_EQ(got[i], w) << "case " << c << " at " << i;
      }
      float fold = max ? -1e30f : 1e30f, wfold = fold;
      ExtremumFoldFloat(&fold, x.data(), n, max);
      for (float v : x) wfold = max ? std::max(wfold, v) : std::min(wfold, v);
      ASSERT_EQ(fold, wfold) << "case " << c;
    }
    // A reduced row: the sum within rounding of the terms' magnitudes.
    if (c % 4 != 0) {
      double exact = 0, mag = 0;
      for (float v : x) exact += v, mag += std::fabs(v);
      ASSERT_NEAR(SumRowFloat(x.data(), n), exact, 1e-6 * mag + 1e-6);
    }
  }
}

TEST(FastReduceTest, FloatRowsMatchScalarLoopsOnEveryTarget) {
  ForEachTarget([] { CheckFloatRows(); });
}

template <typename T>
void CheckQuantRows(std::mt19937& rng) {
  for (int c = 0; c < 60; ++c) {
    const int64_t n = std::uniform_int_distribution<int>(0, 300)(rng);
    std::uniform_int_distribution<int> v(std::numeric_limits<T>::min(),
                                         std::numeric_limits<T>::max());
    std::vector<T> x(n);
    for (auto& e : x) e = static_cast<T>(v(rng));
    const int32_t zero = v(rng);
    std::vector<int32_t> acc(n), want(n);
    for (int64_t i = 0; i < n; ++i) {
      // Near the int32 limits: the sums wrap.
      acc[i] = c % 3 == 0 ? std::numeric_limits<int32_t>::max() - 5 : v(rng);
      want[i] = static_cast<int32_t>(uint32_t(acc[i]) + uint32_t(x[i] - zero));
    }
    AddRowQuant(acc.data(), x.data(), n, zero);
    ASSERT_EQ(acc, want) << "case " << c;
    uint32_t sum = 0;
    for (T e : x) sum += uint32_t(e - zero);
    ASSERT_EQ(SumRowQuant(x.data(), n, zero), static_cast<int32_t>(sum));
  }
}

TEST(FastReduceTest, QuantizedRowsWrapLikeInt32OnEveryTarget) {
  ForEachTarget([] {
    std::mt19937 rng(23);
    CheckQuantRows<int8_t>(rng);
    CheckQuantRows<uint8_t>(rng);
    CheckQuantRows<int16_t>(rng);
  });
}

}  // namespace
}  // namespace litert::fast

// The float32 fast matrix product (AVX-512) against a float64 sum over odd
// shapes, column tails, transposed operands (strides) and column ranges.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "ops/fast/float_gemm.h"

namespace litert::fast {
namespace {

TEST(FastFloatGemmTest, MatchesAFloat64SumOverOddShapes) {
  if (!HasFloatAvx512()) GTEST_SKIP() << "this CPU has no AVX-512";
  std::mt19937 rng(7);
  std::uniform_real_distribution<float> value(-1.f, 1.f);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  for (int c = 0; c < 200; ++c) {
    const int m = pick(1, 20), k = pick(1, 70), n = pick(1, 150);
    const bool ta = pick(0, 1), tb = pick(0, 1);
    std::vector<float> a(size_t(m) * k), b(size_t(k) * n);
    for (auto& x : a) x = value(rng);
    for (auto& x : b) x = value(rng);
    // A(i, kk) and B(kk, j) through strides, as BATCH_MATMUL's adj_x/adj_y.
    const int64_t a_m = ta ? 1 : k, a_k = ta ? m : 1;
    const int64_t b_k = tb ? 1 : n, b_n = tb ? k : 1;
    std::vector<float> packed(PackedFloatSize(k, n));
    PackFloatB(b.data(), b_k, b_n, k, n, packed.data());
    std::vector<float> out(size_t(m) * n, -7.f);
    // Two column ranges, as threads split them (the split at a multiple of
    // 16).
    const int split = std::min(n, 16 * pick(0, (n + 15) / 16));
    FloatGemm(a.data(), a_m, a_k, m, k, packed.data(), 0, split, out.data(), n);
    FloatGemm(a.data(), a_m, a_k, m, k, packed.data(), split, n, out.data(), n);
    for (int i = 0; i < m; ++i) {
      for (int j = 0; j < n; ++j) {
        double want = 0;
        for (int kk = 0; kk < k; ++kk) {
          want += double(a[i * a_m + kk * a_k]) * b[kk * b_k + j * b_n];
        }
        ASSERT_NEAR(out[size_t(i) * n + j], want, 1e-5 * (1 + k))
            << "case " << c << " m " << m << " k " << k << " n " << n << " at "
            << i << "," << j;
      }
    }
  }
}

}  // namespace
}  // namespace litert::fast

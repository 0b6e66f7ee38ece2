// The float32 fast matrix product (AVX-512) against a float64 sum over odd
// shapes, column tails, transposed operands (strides) and column ranges.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "ops/fast/float_gemm.h"
#include "ops/for_each_target.h"

namespace litert::fast {
namespace {

void CheckGemmCases();

TEST(FastFloatGemmTest, MatchesAFloat64SumOverOddShapesOnEveryTarget) {
  ForEachTarget([] { CheckGemmCases(); });
}

void CheckGemmCases() {
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

// float32 CONV_2D and DEPTHWISE_CONV_2D fast paths against float64 sums over
// odd shapes, paddings, strides, dilations and activations, 1 and 2 threads.
#include <algorithm>

#include "core/thread_pool.h"
#include "ops/fast/conv_float.h"
#include "ops/fast/depthwise_float.h"

namespace litert::fast {
namespace {

void CheckConvCases();
TEST(FastFloatConvTest, MatchesFloat64SumsOnEveryTarget) {
  ForEachTarget([] { CheckConvCases(); });
}

void CheckConvCases() {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> value(-1.f, 1.f);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  for (int c = 0; c < 120; ++c) {
    const bool depthwise = c % 3 == 2;
    ConvInt8Shape s{};
    s.batches = pick(1, 2);
    s.in_h = pick(1, 9);
    s.in_w = pick(1, 9);
    s.in_c = pick(1, 40);
    s.out_c = depthwise ? s.in_c : pick(1, 90);
    s.k_h = pick(1, 3);
    s.k_w = pick(1, 3);
    s.stride_h = pick(1, 2);
    s.stride_w = pick(1, 2);
    s.dilation_h = pick(1, 2);
    s.dilation_w = pick(1, 2);
    s.pad_h = pick(0, s.k_h - 1);
    s.pad_w = pick(0, s.k_w - 1);
    if (pick(0, 3) == 0) {
      s.k_h = s.k_w = s.stride_h = s.stride_w = 1;
      s.pad_h = s.pad_w = 0;
    }
    s.out_h =
        (s.in_h + 2 * s.pad_h - ((s.k_h - 1) * s.dilation_h + 1)) / s.stride_h +
        1;
    s.out_w =
        (s.in_w + 2 * s.pad_w - ((s.k_w - 1) * s.dilation_w + 1)) / s.stride_w +
        1;
    if (s.out_h < 1 || s.out_w < 1) continue;
    const int per = depthwise ? 1 : s.in_c;
    std::vector<float> x(size_t(s.batches) * s.in_h * s.in_w * s.in_c);
    std::vector<float> w(size_t(s.out_c) * s.k_h * s.k_w * per);
    std::vector<float> bias(s.out_c);
    for (auto& v : x) v = value(rng);
    for (auto& v : w) v = value(rng);
    for (auto& v : bias) v = value(rng);
    const float lo = pick(0, 1) ? -1e30f : 0.f, hi = pick(0, 1) ? 1e30f : 1.f;
    std::vector<float> y(size_t(s.batches) * s.out_h * s.out_w * s.out_c);
    ThreadPool* pool = c % 2 ? &two : nullptr;
    if (depthwise) {
      DepthwiseFloat(s, x.data(), w.data(), bias.data(), lo, hi, y.data(),
                     pool);
    } else {
      ConvFloat conv;
      conv.Prepare(s, pool ? 2 : 1);
      ASSERT_TRUE(conv.Pack(w.data()));
      std::vector<float> scratch(conv.scratch_bytes() / sizeof(float) + 16);
      conv.Run(x.data(), bias.data(), lo, hi, y.data(), scratch.data(), pool);
    }
    for (int b = 0; b < s.batches; ++b)
      for (int oy = 0; oy < s.out_h; ++oy)
        for (int ox = 0; ox < s.out_w; ++ox)
          for (int o = 0; o < s.out_c; ++o) {
            double want = bias[o];
            for (int ky = 0; ky < s.k_h; ++ky) {
              const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
              if (iy < 0 || iy >= s.in_h) continue;
              for (int kx = 0; kx < s.k_w; ++kx) {
                const int ix = ox * s.stride_w - s.pad_w + kx * s.dilation_w;
                if (ix < 0 || ix >= s.in_w) continue;
                for (int i = 0; i < per; ++i) {
                  const int ic = depthwise ? o : i;
                  const float xv =
                      x[((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.in_c +
                        ic];
                  const float wv =
                      depthwise
                          ? w[size_t(ky * s.k_w + kx) * s.out_c + o]
                          : w[((size_t(o) * s.k_h + ky) * s.k_w + kx) * s.in_c +
                              i];
                  want += double(xv) * wv;
                }
              }
            }
            want = std::clamp<double>(want, lo, hi);
            const float got =
                y[((size_t(b) * s.out_h + oy) * s.out_w + ox) * s.out_c + o];
            ASSERT_NEAR(got, want, 1e-5 * (1 + s.k_h * s.k_w * per))
                << "case " << c << (depthwise ? " depthwise" : " conv");
          }
  }
}

}  // namespace
}  // namespace litert::fast

// The fast MAX_POOL_2D / AVERAGE_POOL_2D (float32, int8, uint8) and float32
// RESIZE_BILINEAR kernels against scalar restatements of the reference rules
// (pool_2d.cc, resize_bilinear.cc) over odd shapes, channel tails, windows,
// strides, paddings and activations, on every Highway target, 1 and 2
// threads. Pooling must match bit for bit; resize up to float rounding.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <type_traits>
#include <vector>

#include "core/thread_pool.h"
#include "ops/fast/pool.h"
#include "ops/fast/resize_bilinear.h"
#include "ops/for_each_target.h"

namespace litert::fast {
namespace {

// --- Pooling -----------------------------------------------------------------

// Calls f(o, values) per output element o, values: the input values under
// its window inside the input, in the reference's order (rows, then columns).
template <typename T, typename F>
void ForEachWindow(const PoolShape& s, const std::vector<T>& x, F&& f) {
  size_t o = 0;
  std::vector<T> values;
  for (int b = 0; b < s.batches; ++b)
    for (int oy = 0; oy < s.out_h; ++oy)
      for (int ox = 0; ox < s.out_w; ++ox)
        for (int c = 0; c < s.channels; ++c, ++o) {
          values.clear();
          for (int fy = 0; fy < s.filter_h; ++fy) {
            const int iy = oy * s.stride_h - s.pad_h + fy;
            if (iy < 0 || iy >= s.in_h) continue;
            for (int fx = 0; fx < s.filter_w; ++fx) {
              const int ix = ox * s.stride_w - s.pad_w + fx;
              if (ix < 0 || ix >= s.in_w) continue;
              values.push_back(
                  x[((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.channels +
                    c]);
            }
          }
          f(o, values);
        }
}

// float: max as std::max from lowest, or sum / count (0 for no positions),
// then std::min(std::max(r, lo), hi).
std::vector<float> ReferencePoolFloat(const PoolShape& s, bool max,
                                      const std::vector<float>& x, float lo,
                                      float hi) {
  std::vector<float> y(size_t(s.batches) * s.out_h * s.out_w * s.channels);
  ForEachWindow(s, x, [&](size_t o, const std::vector<float>& v) {
    float r;
    if (max) {
      r = std::numeric_limits<float>::lowest();
      for (float e : v) r = std::max(r, e);
    } else {
      float sum = 0.f;
      for (float e : v) sum += e;
      r = v.empty() ? 0.f : sum / static_cast<float>(v.size());
    }
    y[o] = std::min(std::max(r, lo), hi);
  });
  return y;
}

// Quantized: max from the type's minimum, or the average rounded half away
// from zero with C++ division; then the clamp.
template <typename T>
std::vector<T> ReferencePoolQuantized(const PoolShape& s, bool max,
                                      const std::vector<T>& x, int32_t lo,
                                      int32_t hi) {
  std::vector<T> y(size_t(s.batches) * s.out_h * s.out_w * s.channels);
  ForEachWindow(s, x, [&](size_t o, const std::vector<T>& v) {
    int32_t r;
    if (max) {
      r = std::numeric_limits<T>::min();
      for (T e : v) r = std::max<int32_t>(r, e);
    } else {
      int64_t sum = 0;
      const int64_t count = v.size();
      for (T e : v) sum += e;
      r = count == 0
              ? 0
              : static_cast<int32_t>(sum > 0 ? (sum + count / 2) / count
                                             : (sum - count / 2) / count);
    }
    y[o] = static_cast<T>(std::min(std::max(r, lo), hi));
  });
  return y;
}

// Equal bit for bit, or both NaN.
bool SameFloat(float a, float b) {
  if (std::isnan(a) && std::isnan(b)) return true;
  uint32_t ua, ub;
  std::memcpy(&ua, &a, 4);
  std::memcpy(&ub, &b, 4);
  return ua == ub;
}

// A random pooling geometry: SAME, VALID, or any padding (windows wholly in
// the padding included).
PoolShape RandomPoolShape(std::mt19937& rng) {
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  PoolShape s{};
  s.batches = pick(1, 2);
  s.in_h = pick(1, 11);
  s.in_w = pick(1, 11);
  s.channels = pick(0, 3) == 0 ? pick(1, 4) : pick(1, 70);
  s.filter_h = pick(1, 4);
  s.filter_w = pick(1, 4);
  if (pick(0, 7) == 0) {  // a global pool
    s.filter_h = s.in_h;
    s.filter_w = s.in_w;
  }
  s.stride_h = pick(1, 3);
  s.stride_w = pick(1, 3);
  auto axis = [&](int mode, int in, int filter, int stride, int* out,
                  int* pad) {
    if (mode == 0) {  // SAME, as ComputeWindow
      *out = (in + stride - 1) / stride;
      *pad = std::max((*out - 1) * stride + filter - in, 0) / 2;
    } else if (mode == 1) {  // VALID
      *out = in >= filter ? (in - filter) / stride + 1 : 0;
      *pad = 0;
    } else {  // any padding up to the filter size
      *pad = pick(0, filter);
      *out = std::max((in + 2 * *pad - filter) / stride + 1, 0);
    }
  };
  const int mode = pick(0, 2);
  axis(mode, s.in_h, s.filter_h, s.stride_h, &s.out_h, &s.pad_h);
  axis(mode, s.in_w, s.filter_w, s.stride_w, &s.out_w, &s.pad_w);
  return s;
}

void CheckPoolCases() {
  std::mt19937 rng(11);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  const float kInf = std::numeric_limits<float>::infinity();
  const float kRanges[4][2] = {
      {-kInf, kInf}, {0.f, kInf}, {0.f, 6.f}, {-1.f, 1.f}};
  for (int n = 0; n < 300; ++n) {
    const PoolShape s = RandomPoolShape(rng);
    const size_t in_size = size_t(s.batches) * s.in_h * s.in_w * s.channels;
    const size_t out_size = size_t(s.batches) * s.out_h * s.out_w * s.channels;
    ThreadPool* pool = n % 2 ? &two : nullptr;
    const bool max = n % 4 < 2;
    SCOPED_TRACE(::testing::Message()
                 << "case " << n << (max ? " max" : " average") << " ["
                 << s.batches << "," << s.in_h << "," << s.in_w << ","
                 << s.channels << "] filter " << s.filter_h << "x" << s.filter_w
                 << " stride " << s.stride_h << "x" << s.stride_w << " pad "
                 << s.pad_h << "," << s.pad_w << " out " << s.out_h << "x"
                 << s.out_w << (pool ? " 2 threads" : " 1 thread"));

    // float32, with signed zeros, infinities and NaNs now and then.
    std::vector<float> xf(in_size);
    std::uniform_real_distribution<float> value(-8.f, 8.f);
    for (auto& v : xf) {
      switch (pick(0, 40)) {
        case 0:
          v = -0.f;
          break;
        case 1:
          v = 0.f;
          break;
        case 2:
          v = pick(0, 1) ? kInf : -kInf;
          break;
        case 3:
          v = std::numeric_limits<float>::quiet_NaN();
          break;
        default:
          v = value(rng);
      }
    }
    const int range = pick(0, 3);
    const float lo = kRanges[range][0], hi = kRanges[range][1];
    std::vector<float> yf(out_size + 1, 42.f);  // one guard past the end
    if (max) {
      MaxPoolFloat(s, xf.data(), lo, hi, yf.data(), pool);
    } else {
      AveragePoolFloat(s, xf.data(), lo, hi, yf.data(), pool);
    }
    const std::vector<float> want = ReferencePoolFloat(s, max, xf, lo, hi);
    for (size_t i = 0; i < out_size; ++i) {
      ASSERT_TRUE(SameFloat(yf[i], want[i]))
          << "float at " << i << ": " << yf[i] << " vs " << want[i];
    }
    EXPECT_EQ(yf[out_size], 42.f);

    // int8 and uint8 with a random clamp inside the type's range.
    auto check = [&](auto zero) {
      using T = decltype(zero);
      constexpr int kMin = std::numeric_limits<T>::min();
      constexpr int kMax = std::numeric_limits<T>::max();
      std::vector<T> xq(in_size);
      for (auto& v : xq) v = static_cast<T>(pick(kMin, kMax));
      int32_t qlo = kMin, qhi = kMax;
      if (pick(0, 1)) {
        qlo = pick(kMin, kMax);
        qhi = pick(kMin, kMax);
        if (pick(0, 5) != 0 && qlo > qhi) std::swap(qlo, qhi);
      }
      std::vector<T> yq(out_size + 1, T{7});
      const bool fits = QuantizedAveragePoolFits(s);
      ASSERT_TRUE(fits);
      if constexpr (std::is_same_v<T, int8_t>) {
        (max ? MaxPoolInt8 : AveragePoolInt8)(s, xq.data(), qlo, qhi, yq.data(),
                                              pool);
      } else {
        (max ? MaxPoolUInt8 : AveragePoolUInt8)(s, xq.data(), qlo, qhi,
                                                yq.data(), pool);
      }
      const std::vector<T> want_q =
          ReferencePoolQuantized<T>(s, max, xq, qlo, qhi);
      for (size_t i = 0; i < out_size; ++i) {
        ASSERT_EQ(int(yq[i]), int(want_q[i]))
            << (sizeof(T) == 1 && kMin < 0 ? "int8" : "uint8") << " at " << i
            << " clamp [" << qlo << ", " << qhi << "]";
      }
      EXPECT_EQ(yq[out_size], T{7});
    };
    check(int8_t{0});
    check(uint8_t{0});
  }
}

TEST(FastPoolTest, MatchesTheReferenceRulesBitForBitOnEveryTarget) {
  ForEachTarget([] { CheckPoolCases(); });
}

// The quantized average at the largest window it covers (2^16 positions, the
// sums at their extremes) and the first it leaves to the reference.
void CheckLargeQuantizedAverages() {
  PoolShape s{};
  s.batches = 1;
  s.in_h = s.in_w = s.filter_h = s.filter_w = 256;
  s.channels = 5;
  s.out_h = s.out_w = 1;
  s.stride_h = s.stride_w = 1;
  ASSERT_TRUE(QuantizedAveragePoolFits(s));
  std::mt19937 rng(5);
  const size_t n = size_t(256) * 256 * s.channels;
  for (int fill = 0; fill < 3; ++fill) {
    std::vector<int8_t> x8(n);
    std::vector<uint8_t> xu(n);
    for (size_t i = 0; i < n; ++i) {
      const int c = i % s.channels;
      // Channels at the extremes, near them, and random.
      const int r = std::uniform_int_distribution<int>(0, 255)(rng);
      const int v = fill == 0   ? (c % 2 ? 255 : 0)
                    : fill == 1 ? (c < 2 ? 255 - (i % 3 == 0) : r)
                                : r;
      xu[i] = static_cast<uint8_t>(v);
      x8[i] = static_cast<int8_t>(v - 128);
    }
    std::vector<int8_t> y8(s.channels);
    std::vector<uint8_t> yu(s.channels);
    ThreadPool two(2);
    AveragePoolInt8(s, x8.data(), -128, 127, y8.data(), &two);
    AveragePoolUInt8(s, xu.data(), 0, 255, yu.data(), nullptr);
    EXPECT_EQ(y8, ReferencePoolQuantized<int8_t>(s, false, x8, -128, 127));
    EXPECT_EQ(yu, ReferencePoolQuantized<uint8_t>(s, false, xu, 0, 255));
  }
  s.in_h = s.filter_h = 257;
  EXPECT_FALSE(QuantizedAveragePoolFits(s));
}

TEST(FastPoolTest, QuantizedAverageOverTheLargestWindowOnEveryTarget) {
  ForEachTarget([] { CheckLargeQuantizedAverages(); });
}

// Quantized averages whose |sum| + count/2 is a multiple of the count or one
// off it, where a float quotient lands on the wrong side of an integer (1 x
// count windows; counts such as 41 and 51592 need the kernel's correction
// up, others down).
void CheckQuotientEdges() {
  std::mt19937 rng(23);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  std::vector<int> counts;
  for (int c = 1; c <= 130; ++c) counts.push_back(c);
  for (int c : {49, 51592, 51602, 51932, 51953, 65536}) counts.push_back(c);
  for (int count : counts) {
    const PoolShape s{1, 1, count, 37, 1, 1, 1, count, 1, 1, 0, 0};
    auto check = [&](auto zero) {
      using T = decltype(zero);
      constexpr int64_t kMin = std::numeric_limits<T>::min();
      constexpr int64_t kMax = std::numeric_limits<T>::max();
      std::vector<T> x(size_t(count) * s.channels);
      for (int ch = 0; ch < s.channels; ++ch) {
        // |sum| = k * count + j - count / 2, within the type's sums.
        // Large counts: the top quotients, where the float one errs most.
        const int k = count > 1000 ? 255 - ch / 3 : pick(0, 255);
        const int64_t a = int64_t{k} * count + ch % 3 - 1;
        int64_t sum = std::max<int64_t>(a - count / 2, 0);
        if (pick(0, 1)) sum = -sum;
        sum = std::clamp(sum, kMin * count, kMax * count);
        // Spread over the window: base, and base + 1 for the remainder.
        const int64_t base =
            sum >= 0 ? sum / count : -((-sum + count - 1) / count);
        const int64_t rem = sum - base * count;
        for (int i = 0; i < count; ++i) {
          x[size_t(i) * s.channels + ch] = static_cast<T>(base + (i < rem));
        }
      }
      std::vector<T> y(s.channels);
      if constexpr (std::is_same_v<T, int8_t>) {
        AveragePoolInt8(s, x.data(), kMin, kMax, y.data(), nullptr);
      } else {
        AveragePoolUInt8(s, x.data(), kMin, kMax, y.data(), nullptr);
      }
      ASSERT_EQ(y, ReferencePoolQuantized<T>(s, false, x, kMin, kMax))
          << "count " << count;
    };
    check(int8_t{0});
    check(uint8_t{0});
  }
}

TEST(FastPoolTest, QuantizedAverageRoundsAtQuotientEdgesOnEveryTarget) {
  ForEachTarget([] { CheckQuotientEdges(); });
}

// --- RESIZE_BILINEAR ---------------------------------------------------------

// The reference rule in float for the source positions, the blend in double;
// also the blend's magnitude sum(|p| |w|) for the tolerance.
void ReferenceResize(const ResizeShape& s, const std::vector<float>& x,
                     std::vector<double>* want, std::vector<double>* mag) {
  auto scale = [&](int in, int out) {
    return s.align_corners && out > 1
               ? static_cast<float>(in - 1) / static_cast<float>(out - 1)
               : static_cast<float>(in) / static_cast<float>(out);
  };
  auto source = [&](int i, float sc, int in, int* lo, int* hi) {
    const float pos = s.half_pixel_centers
                          ? (static_cast<float>(i) + 0.5f) * sc - 0.5f
                          : static_cast<float>(i) * sc;
    *lo = std::max(static_cast<int>(std::floor(pos)), 0);
    *hi = std::min(static_cast<int>(std::ceil(pos)), in - 1);
    return pos - static_cast<float>(*lo);
  };
  const float hs = scale(s.in_h, s.out_h), ws = scale(s.in_w, s.out_w);
  want->clear();
  mag->clear();
  for (int b = 0; b < s.batches; ++b)
    for (int oy = 0; oy < s.out_h; ++oy) {
      int y0, y1;
      const double dy = source(oy, hs, s.in_h, &y0, &y1);
      for (int ox = 0; ox < s.out_w; ++ox) {
        int x0, x1;
        const double dx = source(ox, ws, s.in_w, &x0, &x1);
        auto at = [&](int iy, int ix, int c) -> double {
          return x[((size_t(b) * s.in_h + iy) * s.in_w + ix) * s.channels + c];
        };
        const double w[4] = {(1 - dy) * (1 - dx), dy * (1 - dx), (1 - dy) * dx,
                             dy * dx};
        for (int c = 0; c < s.channels; ++c) {
          const double p[4] = {at(y0, x0, c), at(y1, x0, c), at(y0, x1, c),
                               at(y1, x1, c)};
          double v = 0, m = 0;
          for (int k = 0; k < 4; ++k) {
            v += p[k] * w[k];
            m += std::fabs(p[k] * w[k]);
          }
          want->push_back(v);
          mag->push_back(m);
        }
      }
    }
}

void CheckResizeCase(const ResizeShape& s, std::mt19937& rng,
                     ThreadPool* pool) {
  SCOPED_TRACE(::testing::Message()
               << "[" << s.batches << "," << s.in_h << "," << s.in_w << ","
               << s.channels << "] -> " << s.out_h << "x" << s.out_w
               << (s.align_corners ? " align_corners" : "")
               << (s.half_pixel_centers ? " half_pixel_centers" : "")
               << (pool ? " 2 threads" : " 1 thread"));
  std::uniform_real_distribution<float> value(-4.f, 4.f);
  std::vector<float> x(size_t(s.batches) * s.in_h * s.in_w * s.channels);
  for (auto& v : x) v = value(rng);
  const size_t out_size = size_t(s.batches) * s.out_h * s.out_w * s.channels;
  std::vector<float> y(out_size + 1, 42.f);
  ResizeBilinearFloat(s, x.data(), y.data(), pool);
  std::vector<double> want, mag;
  ReferenceResize(s, x, &want, &mag);
  ASSERT_EQ(want.size(), out_size);
  for (size_t i = 0; i < out_size; ++i) {
    ASSERT_NEAR(y[i], want[i], 1e-6 * mag[i] + 1e-30) << "at " << i;
  }
  EXPECT_EQ(y[out_size], 42.f);
}

void CheckResizeCases() {
  std::mt19937 rng(17);
  auto pick = [&](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };
  ThreadPool two(2);
  for (int n = 0; n < 200; ++n) {
    ResizeShape s{};
    s.batches = pick(1, 2);
    s.in_h = pick(1, 9);
    s.in_w = pick(1, 9);
    s.channels = pick(0, 3) == 0 ? pick(1, 4) : pick(1, 70);
    s.out_h = pick(1, 19);
    s.out_w = pick(1, 19);
    const int mode = pick(0, 2);
    s.align_corners = mode == 1;
    s.half_pixel_centers = mode == 2;
    CheckResizeCase(s, rng, n % 2 ? &two : nullptr);
  }
  // Long rows: source positions in the hundreds, where a position off by one
  // float step would show far above the tolerance; and more than one chunk
  // of column taps.
  for (int mode = 0; mode < 3; ++mode) {
    ResizeShape s{1, 3, 997, 3, 4, 3001, mode == 1, mode == 2};
    CheckResizeCase(s, rng, mode == 1 ? &two : nullptr);
    ResizeShape d{1, 2, 1499, 1, 2, 611, mode == 1, mode == 2};
    CheckResizeCase(d, rng, mode == 2 ? &two : nullptr);
  }
}

TEST(FastResizeBilinearTest, MatchesTheReferenceRuleOnEveryTarget) {
  ForEachTarget([] { CheckResizeCases(); });
}

}  // namespace
}  // namespace litert::fast

#include "ops/fast/pool.h"

#include <algorithm>
#include <cstddef>
#include <limits>

#include "ops/fast/conv_tiles.h"

// Compiled once per Highway target (SSE4, AVX2, AVX-512; NEON on Arm) and
// picked at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/pool.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Calls pixel(first, rows, cols, y) for every output pixel of output rows
// [row0, row1) (row = batch * out_h + oy): the window's positions inside the
// input are `rows` x `cols` input pixels from `first` (input row stride
// in_w * channels), y the pixel's output channels.
template <typename T, class Pixel>
void ForEachPixel(const PoolShape& s, const T* input, T* output, int row0,
                  int row1, Pixel&& pixel) {
  const size_t c = s.channels;
  for (int row = row0; row < row1; ++row) {
    const int b = row / s.out_h, oy = row % s.out_h;
    int ky0, ky1;
    TapRange(oy, s.stride_h, s.pad_h, 1, s.filter_h, s.in_h, &ky0, &ky1);
    const int iy0 = oy * s.stride_h - s.pad_h + ky0;
    for (int ox = 0; ox < s.out_w; ++ox) {
      int kx0, kx1;
      TapRange(ox, s.stride_w, s.pad_w, 1, s.filter_w, s.in_w, &kx0, &kx1);
      const int ix0 = ox * s.stride_w - s.pad_w + kx0;
      const int rows = ky1 - ky0, cols = kx1 - kx0;
      // An empty window points nowhere in particular: it is never read.
      const size_t at = rows > 0 && cols > 0
                            ? ((size_t(b) * s.in_h + iy0) * s.in_w + ix0) * c
                            : 0;
      pixel(input + at, rows, cols, output + (size_t(row) * s.out_w + ox) * c);
    }
  }
}

// The reference's clamps: float keeps a NaN (min(max(v, lo), hi) as
// std::min/std::max), integers are plain.
template <class D, class V>
V ClampTo(D d, V v, V lo, V hi) {
  if constexpr (hwy::IsFloat<hn::TFromD<D>>()) {
    v = hn::IfThenElse(hn::Lt(v, lo), lo, v);
    return hn::IfThenElse(hn::Gt(v, hi), hi, v);
  } else {
    (void)d;
    return hn::Min(hn::Max(v, lo), hi);
  }
}
template <typename T>
T ClampTo(T v, T lo, T hi) {
  v = v < lo ? lo : v;
  return hi < v ? hi : v;
}

// Max over the window then the clamp; float as std::max (a NaN never wins).
template <typename T>
void MaxPoolRows(const PoolShape& s, const T* input, T lo, T hi, T* output,
                 int row0, int row1) {
  const size_t c = s.channels, row_stride = size_t(s.in_w) * c;
  constexpr T kLowest = std::numeric_limits<T>::lowest();
  auto pixel = [&](const T* first, int rows, int cols, T* y) {
    size_t ch = 0;
    // Full vectors, then 16 (bytes), 8 and 4 lanes.
    auto blocks = [&](auto tag) {
      const size_t n = hn::Lanes(tag);
      const auto vlo = hn::Set(tag, lo), vhi = hn::Set(tag, hi);
      for (; ch + n <= c; ch += n) {
        auto acc = hn::Set(tag, kLowest);
        for (int r = 0; r < rows; ++r) {
          const T* x = first + r * row_stride + ch;
          for (int k = 0; k < cols; ++k, x += c) {
            const auto v = hn::LoadU(tag, x);
            if constexpr (hwy::IsFloat<T>()) {
              acc = hn::IfThenElse(hn::Lt(acc, v), v, acc);
            } else {
              acc = hn::Max(acc, v);
            }
          }
        }
        hn::StoreU(ClampTo(tag, acc, vlo, vhi), tag, y + ch);
      }
    };
    blocks(hn::ScalableTag<T>());
    if constexpr (sizeof(T) == 1) blocks(hn::CappedTag<T, 16>());
    blocks(hn::CappedTag<T, 8>());
    blocks(hn::CappedTag<T, 4>());
    // The last channels, fewer than 4: plain loops (no reads past the
    // tensor's end).
    for (; ch < c; ++ch) {
      T acc = kLowest;
      for (int r = 0; r < rows; ++r) {
        const T* x = first + r * row_stride + ch;
        for (int k = 0; k < cols; ++k, x += c) {
          acc = acc < *x ? *x : acc;
        }
      }
      y[ch] = ClampTo(acc, lo, hi);
    }
  };
  ForEachPixel(s, input, output, row0, row1, pixel);
}

// sum / count in the reference's order (the same float sums), then the clamp.
void AveragePoolFloatRows(const PoolShape& s, const float* input, float lo,
                          float hi, float* output, int row0, int row1) {
  const size_t c = s.channels, row_stride = size_t(s.in_w) * c;
  auto pixel = [&](const float* first, int rows, int cols, float* y) {
    const int count = rows * cols;
    if (count == 0) {  // never from SAME/VALID; as the reference
      std::fill(y, y + c, ClampTo(0.f, lo, hi));
      return;
    }
    size_t ch = 0;
    auto blocks = [&](auto tag) {
      const size_t n = hn::Lanes(tag);
      const auto vlo = hn::Set(tag, lo), vhi = hn::Set(tag, hi);
      const auto vcount = hn::Set(tag, static_cast<float>(count));
      for (; ch + n <= c; ch += n) {
        auto sum = hn::Zero(tag);
        for (int r = 0; r < rows; ++r) {
          const float* x = first + r * row_stride + ch;
          for (int k = 0; k < cols; ++k, x += c) {
            sum = hn::Add(sum, hn::LoadU(tag, x));
          }
        }
        hn::StoreU(ClampTo(tag, hn::Div(sum, vcount), vlo, vhi), tag, y + ch);
      }
    };
    blocks(hn::ScalableTag<float>());
    blocks(hn::CappedTag<float, 8>());
    blocks(hn::CappedTag<float, 4>());
    for (; ch < c; ++ch) {
      float sum = 0.f;
      for (int r = 0; r < rows; ++r) {
        const float* x = first + r * row_stride + ch;
        for (int k = 0; k < cols; ++k, x += c) sum += *x;
      }
      y[ch] = ClampTo(sum / static_cast<float>(count), lo, hi);
    }
  };
  ForEachPixel(s, input, output, row0, row1, pixel);
}

// int8/uint8 average: int32 sums, then (sum +- count/2) / count with C++
// division as |sum| + count/2 over count by a float reciprocal, corrected by
// one where it is off (exact: every value stays below 2^24), then the clamp.
template <typename T>
void AveragePoolQuantizedRows(const PoolShape& s, const T* input, int32_t lo,
                              int32_t hi, T* output, int row0, int row1) {
  const size_t c = s.channels, row_stride = size_t(s.in_w) * c;
  auto pixel = [&](const T* first, int rows, int cols, T* y) {
    const int32_t count = rows * cols;
    if (count == 0) {  // never from SAME/VALID; as the reference
      std::fill(y, y + c, static_cast<T>(ClampTo<int32_t>(0, lo, hi)));
      return;
    }
    const int32_t half = count / 2;
    const float inv = 1.f / static_cast<float>(count);
    size_t ch = 0;
    auto blocks = [&](auto d32) {
      const hn::Rebind<T, decltype(d32)> dt;
      const hn::Rebind<float, decltype(d32)> df;
      const size_t n = hn::Lanes(d32);
      const auto vlo = hn::Set(d32, lo), vhi = hn::Set(d32, hi);
      const auto vcount = hn::Set(d32, count), vhalf = hn::Set(d32, half);
      const auto vlast = hn::Set(d32, count - 1), one = hn::Set(d32, 1);
      const auto vinv = hn::Set(df, inv);
      for (; ch + n <= c; ch += n) {
        auto sum = hn::Zero(d32);
        for (int r = 0; r < rows; ++r) {
          const T* x = first + r * row_stride + ch;
          for (int k = 0; k < cols; ++k, x += c) {
            sum = hn::Add(sum, hn::PromoteTo(d32, hn::LoadU(dt, x)));
          }
        }
        const auto a = hn::Add(hn::Abs(sum), vhalf);
        auto q = hn::ConvertTo(d32, hn::Mul(hn::ConvertTo(df, a), vinv));
        const auto rem = hn::Sub(a, hn::Mul(q, vcount));
        q = hn::IfThenElse(hn::Gt(rem, vlast), hn::Add(q, one), q);
        q = hn::IfThenElse(hn::Lt(rem, hn::Zero(d32)), hn::Sub(q, one), q);
        q = hn::IfThenElse(hn::Gt(sum, hn::Zero(d32)), q, hn::Neg(q));
        hn::StoreU(hn::DemoteTo(dt, ClampTo(d32, q, vlo, vhi)), dt, y + ch);
      }
    };
    blocks(hn::ScalableTag<int32_t>());
    blocks(hn::CappedTag<int32_t, 8>());
    blocks(hn::CappedTag<int32_t, 4>());
    for (; ch < c; ++ch) {
      int32_t sum = 0;
      for (int r = 0; r < rows; ++r) {
        const T* x = first + r * row_stride + ch;
        for (int k = 0; k < cols; ++k, x += c) sum += *x;
      }
      const int32_t v = sum > 0 ? (sum + half) / count : (sum - half) / count;
      y[ch] = static_cast<T>(ClampTo(v, lo, hi));
    }
  };
  ForEachPixel(s, input, output, row0, row1, pixel);
}

// The exported (non-template) entry points, one per type.
void MaxPoolFloatRows(const PoolShape& s, const float* input, float lo,
                      float hi, float* output, int row0, int row1) {
  MaxPoolRows<float>(s, input, lo, hi, output, row0, row1);
}
void MaxPoolInt8Rows(const PoolShape& s, const int8_t* input, int32_t lo,
                     int32_t hi, int8_t* output, int row0, int row1) {
  MaxPoolRows<int8_t>(s, input, static_cast<int8_t>(lo),
                      static_cast<int8_t>(hi), output, row0, row1);
}
void MaxPoolUInt8Rows(const PoolShape& s, const uint8_t* input, int32_t lo,
                      int32_t hi, uint8_t* output, int row0, int row1) {
  MaxPoolRows<uint8_t>(s, input, static_cast<uint8_t>(lo),
                       static_cast<uint8_t>(hi), output, row0, row1);
}
void AveragePoolInt8Rows(const PoolShape& s, const int8_t* input, int32_t lo,
                         int32_t hi, int8_t* output, int row0, int row1) {
  AveragePoolQuantizedRows<int8_t>(s, input, lo, hi, output, row0, row1);
}
void AveragePoolUInt8Rows(const PoolShape& s, const uint8_t* input, int32_t lo,
                          int32_t hi, uint8_t* output, int row0, int row1) {
  AveragePoolQuantizedRows<uint8_t>(s, input, lo, hi, output, row0, row1);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "core/thread_pool.h"

namespace litert::fast {

HWY_EXPORT(MaxPoolFloatRows);
HWY_EXPORT(AveragePoolFloatRows);
HWY_EXPORT(MaxPoolInt8Rows);
HWY_EXPORT(MaxPoolUInt8Rows);
HWY_EXPORT(AveragePoolInt8Rows);
HWY_EXPORT(AveragePoolUInt8Rows);

namespace {

// Positions one window may count on each axis.
int64_t WindowRows(const PoolShape& s) { return std::min(s.filter_h, s.in_h); }
int64_t WindowCols(const PoolShape& s) { return std::min(s.filter_w, s.in_w); }

// Calls run(row0, row1) over the output rows, split over the pool when the
// work is worth it.
template <typename F>
void ForOutputRows(const PoolShape& s, ThreadPool* pool, F&& run) {
  const int rows = s.batches * s.out_h;
  ParallelRanges(
      pool, rows,
      int64_t{rows} * s.out_w * s.channels * WindowRows(s) * WindowCols(s), 1,
      run);
}

}  // namespace

bool QuantizedAveragePoolFits(const PoolShape& s) {
  return WindowRows(s) * WindowCols(s) <= kMaxQuantizedPoolCount;
}

void MaxPoolFloat(const PoolShape& s, const float* input, float lo, float hi,
                  float* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(MaxPoolFloatRows)
    (s, input, lo, hi, output, row0, row1);
  });
}

void AveragePoolFloat(const PoolShape& s, const float* input, float lo,
                      float hi, float* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(AveragePoolFloatRows)
    (s, input, lo, hi, output, row0, row1);
  });
}

void MaxPoolInt8(const PoolShape& s, const int8_t* input, int32_t lo,
                 int32_t hi, int8_t* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(MaxPoolInt8Rows)
    (s, input, lo, hi, output, row0, row1);
  });
}

void MaxPoolUInt8(const PoolShape& s, const uint8_t* input, int32_t lo,
                  int32_t hi, uint8_t* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(MaxPoolUInt8Rows)
    (s, input, lo, hi, output, row0, row1);
  });
}

void AveragePoolInt8(const PoolShape& s, const int8_t* input, int32_t lo,
                     int32_t hi, int8_t* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(AveragePoolInt8Rows)
    (s, input, lo, hi, output, row0, row1);
  });
}

void AveragePoolUInt8(const PoolShape& s, const uint8_t* input, int32_t lo,
                      int32_t hi, uint8_t* output, ThreadPool* pool) {
  ForOutputRows(s, pool, [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(AveragePoolUInt8Rows)
    (s, input, lo, hi, output, row0, row1);
  });
}

}  // namespace litert::fast
#endif  // HWY_ONCE

#include "ops/fast/depthwise_int8.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "core/thread_pool.h"
#include "ops/fast/conv_tiles.h"

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/depthwise_int8.cc"
// clang-format off
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"
#include "ops/fast/int8_requant-inl.h"
// clang-format on

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Output rows [row0, row1) (row = batch * out_h + oy): per pixel, a vector
// of channels at a time in int32 lanes (then single channels), only the taps
// inside the image.
template <typename T>
HWY_INLINE void DepthwiseRows(const ConvInt8Shape& s, const T* input, T* output,
                              int row0, int row1, const int32_t* weights,
                              const int32_t* bias, int c_padded,
                              const Int8Requant& rq) {
  const int c = s.out_c;
  for (int row = row0; row < row1; ++row) {
    const int b = row / s.out_h, oy = row % s.out_h;
    // The taps inside the image along y for this row, along x per pixel.
    int ky0, ky1;
    TapRange(oy, s.stride_h, s.pad_h, s.dilation_h, s.k_h, s.in_h, &ky0, &ky1);
    const T* image = input + size_t(b) * s.in_h * s.in_w * c;
    const size_t x_step = size_t(s.dilation_w) * c;
    for (int ox = 0; ox < s.out_w; ++ox) {
      T* out = output + (size_t(row) * s.out_w + ox) * c;
      const int ix0 = ox * s.stride_w - s.pad_w;
      int kx0, kx1;
      TapRange(ox, s.stride_w, s.pad_w, s.dilation_w, s.k_w, s.in_w, &kx0,
               &kx1);
      // Whole vectors of channels, then the last channels through small
      // buffers (no reads or writes past the pixel); weights, bias and
      // requantization are padded to 16 channels.
      const hn::ScalableTag<int32_t> d32;
      const hn::Rebind<T, decltype(d32)> d8;
      const int lanes = static_cast<int>(hn::Lanes(d32));
      const auto zp = hn::Set(d32, s.input_zero_point);
      for (int ch = 0; ch < c; ch += lanes) {
        const int valid = std::min(lanes, c - ch);
        T buffer[64] = {};
        auto acc = hn::LoadU(d32, bias + ch);
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
          const T* x =
              image + (size_t(iy) * s.in_w + ix0 + kx0 * s.dilation_w) * c + ch;
          const int32_t* w = weights + size_t(ky * s.k_w + kx0) * c_padded + ch;
          for (int kx = kx0; kx < kx1; ++kx, x += x_step, w += c_padded) {
            const T* xs = x;
            if (valid < lanes) {
              std::memcpy(buffer, x, valid * sizeof(T));
              xs = buffer;
            }
            const auto xv = hn::Sub(hn::PromoteTo(d32, hn::LoadU(d8, xs)), zp);
            acc = hn::Add(acc, hn::Mul(xv, hn::LoadU(d32, w)));
          }
        }
        const auto q = hn::DemoteTo(d8, Requantize(d32, acc, rq, ch));
        if (valid == lanes) {
          hn::StoreU(q, d8, out + ch);
        } else {
          hn::StoreU(q, d8, buffer);
          std::memcpy(out + ch, buffer, valid * sizeof(T));
        }
      }
    }
  }
}

void DepthwiseRowsImpl(const ConvInt8Shape& s, const int8_t* input,
                       int8_t* output, int row0, int row1,
                       const int32_t* weights, const int32_t* bias,
                       int c_padded, const Int8Requant& rq) {
  DepthwiseRows(s, input, output, row0, row1, weights, bias, c_padded, rq);
}
void DepthwiseRowsInt16Impl(const ConvInt8Shape& s, const int16_t* input,
                            int16_t* output, int row0, int row1,
                            const int32_t* weights, const int32_t* bias,
                            int c_padded, const Int8Requant& rq) {
  DepthwiseRows(s, input, output, row0, row1, weights, bias, c_padded, rq);
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace litert::fast {

HWY_EXPORT(DepthwiseRowsImpl);
HWY_EXPORT(DepthwiseRowsInt16Impl);

void DepthwiseInt8::Prepare(const ConvInt8Shape& s, Int8Requant requant) {
  s_ = s;
  packed_ = false;
  c_padded_ = (s.out_c + 15) / 16 * 16;
  requant.multiplier.resize(c_padded_, 0);
  // Padded channels are computed, never stored: any valid shift will do.
  requant.right_shift.resize(c_padded_, requant.mode == Requant::kQ15 ? 15 : 0);
  requant.scale.resize(c_padded_, 0.f);
  rq_ = std::move(requant);
}

bool DepthwiseInt8::Pack(const int8_t* filter, const int32_t* bias) {
  try {
    weights_.assign(size_t(s_.k_h) * s_.k_w * c_padded_, 0);
    bias_.assign(c_padded_, 0);
  } catch (const std::bad_alloc&) {
    return false;
  }
  const int c = s_.out_c;
  for (int t = 0; t < s_.k_h * s_.k_w; ++t) {
    for (int ch = 0; ch < c; ++ch) {
      weights_[size_t(t) * c_padded_ + ch] = filter[size_t(t) * c + ch];
    }
  }
  for (int ch = 0; ch < c && bias != nullptr; ++ch) bias_[ch] = bias[ch];
  packed_ = true;
  return true;
}

template <typename T>
void DepthwiseInt8::RunRows(const T* input, T* output, ThreadPool* pool) const {
  auto rows_of = [&](int row0, int row1) {
    if constexpr (sizeof(T) == 1) {
      HWY_DYNAMIC_DISPATCH(DepthwiseRowsImpl)
      (s_, input, output, row0, row1, weights_.data(), bias_.data(), c_padded_,
       rq_);
    } else {
      HWY_DYNAMIC_DISPATCH(DepthwiseRowsInt16Impl)
      (s_, input, output, row0, row1, weights_.data(), bias_.data(), c_padded_,
       rq_);
    }
  };
  const int rows = s_.batches * s_.out_h;
  ParallelRanges(pool, rows,
                 int64_t{rows} * s_.out_w * s_.out_c * s_.k_h * s_.k_w, 1,
                 rows_of);
}

template void DepthwiseInt8::RunRows(const int8_t*, int8_t*, ThreadPool*) const;
template void DepthwiseInt8::RunRows(const int16_t*, int16_t*,
                                     ThreadPool*) const;

}  // namespace litert::fast
#endif  // HWY_ONCE

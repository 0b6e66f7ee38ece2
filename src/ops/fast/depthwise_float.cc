#include "ops/fast/depthwise_float.h"

#include "ops/fast/conv_tiles.h"

// Compiled once per Highway target (SSE4, AVX2, AVX-512; NEON on Arm) and
// picked at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/depthwise_float.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Output rows [row0, row1) (row = batch * out_h + oy): per pixel, one vector
// of channels at a time, taps in the reference's order, only the taps inside
// the image.
void DepthwiseRowsImpl(const ConvInt8Shape& s, const float* input,
                       const float* filter, const float* bias, float lo,
                       float hi, float* output, int row0, int row1) {
  const hn::ScalableTag<float> d;
  const int c = s.out_c;
  for (int row = row0; row < row1; ++row) {
    const int b = row / s.out_h, oy = row % s.out_h;
    int ky0, ky1;
    TapRange(oy, s.stride_h, s.pad_h, s.dilation_h, s.k_h, s.in_h, &ky0, &ky1);
    const float* image = input + size_t(b) * s.in_h * s.in_w * c;
    const size_t x_step = size_t(s.dilation_w) * c;
    for (int ox = 0; ox < s.out_w; ++ox) {
      float* y = output + (size_t(row) * s.out_w + ox) * c;
      const int ix0 = ox * s.stride_w - s.pad_w;
      int kx0, kx1;
      TapRange(ox, s.stride_w, s.pad_w, s.dilation_w, s.k_w, s.in_w, &kx0,
               &kx1);
      int ch = 0;
      // Full vectors, then 8 and 4 lanes, then (below) single channels.
      auto blocks = [&](auto tag) {
        const int n = static_cast<int>(hn::Lanes(tag));
        const auto tlo = hn::Set(tag, lo), thi = hn::Set(tag, hi);
        for (; ch + n <= c; ch += n) {
          auto acc = hn::Zero(tag);
          for (int ky = ky0; ky < ky1; ++ky) {
            const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
            const float* x =
                image + (size_t(iy) * s.in_w + ix0 + kx0 * s.dilation_w) * c +
                ch;
            const float* w = filter + size_t(ky * s.k_w + kx0) * c + ch;
            for (int kx = kx0; kx < kx1; ++kx, x += x_step, w += c) {
              acc = hn::MulAdd(hn::LoadU(tag, x), hn::LoadU(tag, w), acc);
            }
          }
          if (bias != nullptr) acc = hn::Add(acc, hn::LoadU(tag, bias + ch));
          // Clamp with a NaN kept as NaN, as in the reference.
          acc = hn::IfThenElse(hn::Lt(acc, tlo), tlo, acc);
          acc = hn::IfThenElse(hn::Gt(acc, thi), thi, acc);
          hn::StoreU(acc, tag, y + ch);
        }
      };
      blocks(d);
      blocks(hn::CappedTag<float, 8>());
      blocks(hn::CappedTag<float, 4>());
      // The last channels, fewer than a vector: plain loops (no reads past
      // the tensors' ends).
      for (; ch < c; ++ch) {
        float acc = 0.f;
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
          for (int kx = kx0; kx < kx1; ++kx) {
            const int ix = ix0 + kx * s.dilation_w;
            acc += image[(size_t(iy) * s.in_w + ix) * c + ch] *
                   filter[size_t(ky * s.k_w + kx) * c + ch];
          }
        }
        if (bias != nullptr) acc += bias[ch];
        y[ch] = acc < lo ? lo : (acc > hi ? hi : acc);
      }
    }
  }
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "core/thread_pool.h"

namespace litert::fast {

HWY_EXPORT(DepthwiseRowsImpl);

void DepthwiseFloat(const ConvInt8Shape& s, const float* input,
                    const float* filter, const float* bias, float lo, float hi,
                    float* output, ThreadPool* pool) {
  const int rows = s.batches * s.out_h;
  auto run = [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(DepthwiseRowsImpl)
    (s, input, filter, bias, lo, hi, output, row0, row1);
  };
  ParallelRanges(pool, rows, int64_t{rows} * s.out_w * s.out_c * s.k_h * s.k_w,
                 1, run);
}

}  // namespace litert::fast
#endif  // HWY_ONCE

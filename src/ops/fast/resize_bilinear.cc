#include "ops/fast/resize_bilinear.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

// Compiled once per Highway target (SSE4, AVX2, AVX-512; NEON on Arm) and
// picked at run time.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "ops/fast/resize_bilinear.cc"
#include "hwy/foreach_target.h"  // IWYU pragma: keep
#include "hwy/highway.h"

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Output rows [row0, row1) (row = batch * out_h + oy), a chunk of columns at
// a time: per output pixel the four weights once, then a vector of channels
// at a time.
void ResizeBilinearRowsImpl(const ResizeShape& s, float h_scale, float w_scale,
                            const float* input, float* output, int row0,
                            int row1) {
  const size_t c = s.channels;
  // Column taps in chunks, computed once per chunk for all the rows.
  constexpr int kChunk = 64;
  BilinearTap xs[kChunk];
  for (int ox0 = 0; ox0 < s.out_w; ox0 += kChunk) {
    const int n = std::min(kChunk, s.out_w - ox0);
    BilinearTaps(ox0, n, s.in_w, w_scale, s.half_pixel_centers, xs);
    for (int row = row0; row < row1; ++row) {
      const int b = row / s.out_h, oy = row % s.out_h;
      BilinearTap ty;
      BilinearTaps(oy, 1, s.in_h, h_scale, s.half_pixel_centers, &ty);
      const float dy = ty.frac;
      const float* image = input + size_t(b) * s.in_h * s.in_w * c;
      const float* row_lo = image + size_t(ty.lo) * s.in_w * c;
      const float* row_hi = image + size_t(ty.hi) * s.in_w * c;
      float* y = output + (size_t(row) * s.out_w + ox0) * c;
      for (int i = 0; i < n; ++i, y += c) {
        const float dx = xs[i].frac;
        const float w00 = (1 - dy) * (1 - dx), w10 = dy * (1 - dx);
        const float w01 = (1 - dy) * dx, w11 = dy * dx;
        const float* p00 = row_lo + size_t(xs[i].lo) * c;
        const float* p01 = row_lo + size_t(xs[i].hi) * c;
        const float* p10 = row_hi + size_t(xs[i].lo) * c;
        const float* p11 = row_hi + size_t(xs[i].hi) * c;
        size_t ch = 0;
        // Full vectors, then 8 and 4 lanes, then (below) single channels.
        auto blocks = [&](auto tag) {
          const size_t lanes = hn::Lanes(tag);
          const auto v00 = hn::Set(tag, w00), v10 = hn::Set(tag, w10);
          const auto v01 = hn::Set(tag, w01), v11 = hn::Set(tag, w11);
          for (; ch + lanes <= c; ch += lanes) {
            auto v = hn::Mul(hn::LoadU(tag, p00 + ch), v00);
            v = hn::MulAdd(hn::LoadU(tag, p10 + ch), v10, v);
            v = hn::MulAdd(hn::LoadU(tag, p01 + ch), v01, v);
            v = hn::MulAdd(hn::LoadU(tag, p11 + ch), v11, v);
            hn::StoreU(v, tag, y + ch);
          }
        };
        blocks(hn::ScalableTag<float>());
        blocks(hn::CappedTag<float, 8>());
        blocks(hn::CappedTag<float, 4>());
        for (; ch < c; ++ch) {
          y[ch] = p00[ch] * w00 + p10[ch] * w10 + p01[ch] * w01 + p11[ch] * w11;
        }
      }
    }
  }
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
#include "core/thread_pool.h"

namespace litert::fast {

HWY_EXPORT(ResizeBilinearRowsImpl);

// Compiled for the baseline like the reference, and never inlined into the
// per-target code above.
HWY_NOINLINE void BilinearTaps(int32_t first, int n, int32_t in_size,
                               float scale, bool half_pixel_centers,
                               BilinearTap* taps) {
  for (int k = 0; k < n; ++k) {
    const int32_t i = first + k;
    const float pos = half_pixel_centers
                          ? (static_cast<float>(i) + 0.5f) * scale - 0.5f
                          : static_cast<float>(i) * scale;
    const int32_t lo = std::max(static_cast<int32_t>(std::floor(pos)), 0);
    const int32_t hi =
        std::min(static_cast<int32_t>(std::ceil(pos)), in_size - 1);
    taps[k] = {lo, hi, pos - static_cast<float>(lo)};
  }
}

void ResizeBilinearFloat(const ResizeShape& s, const float* input,
                         float* output, ThreadPool* pool) {
  // in / out, or (in - 1) / (out - 1) with align_corners (as the reference).
  auto scale = [&](int in, int out) {
    if (s.align_corners && out > 1) {
      return static_cast<float>(in - 1) / static_cast<float>(out - 1);
    }
    return static_cast<float>(in) / static_cast<float>(out);
  };
  const float h_scale = scale(s.in_h, s.out_h);
  const float w_scale = scale(s.in_w, s.out_w);
  const int rows = s.batches * s.out_h;
  auto run = [&](int row0, int row1) {
    HWY_DYNAMIC_DISPATCH(ResizeBilinearRowsImpl)
    (s, h_scale, w_scale, input, output, row0, row1);
  };
  ParallelRanges(pool, rows, int64_t{rows} * s.out_w * s.channels * 4, 1, run);
}

}  // namespace litert::fast
#endif  // HWY_ONCE

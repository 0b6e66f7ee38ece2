#include "ops/fast/depthwise_float.h"

#include <immintrin.h>

// GCC 12 flags the undefined vectors inside its own AVX-512 headers.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "core/thread_pool.h"

namespace litert::fast {
namespace {

// Output rows [row0, row1) (row = batch * out_h + oy): per pixel, 16
// channels at a time in one register, taps in the reference's order.
__attribute__((target("avx512f"))) void Rows(
    const ConvInt8Shape& s, const float* input, const float* filter,
    const float* bias, float lo, float hi, float* output, int row0, int row1) {
  const int c = s.out_c;
  const __m512 vlo = _mm512_set1_ps(lo), vhi = _mm512_set1_ps(hi);
  for (int row = row0; row < row1; ++row) {
    const int b = row / s.out_h, oy = row % s.out_h;
    // The taps inside the image along y, for this row.
    int ky0 = 0, ky1 = s.k_h;
    while (ky0 < ky1 && oy * s.stride_h - s.pad_h + ky0 * s.dilation_h < 0)
      ++ky0;
    while (ky1 > ky0 &&
           oy * s.stride_h - s.pad_h + (ky1 - 1) * s.dilation_h >= s.in_h) {
      --ky1;
    }
    const float* image = input + size_t(b) * s.in_h * s.in_w * c;
    for (int ox = 0; ox < s.out_w; ++ox) {
      float* y = output + (size_t(row) * s.out_w + ox) * c;
      // The taps inside the image along x, for this pixel.
      const int ix0 = ox * s.stride_w - s.pad_w;
      int kx0 = 0, kx1 = s.k_w;
      while (kx0 < kx1 && ix0 + kx0 * s.dilation_w < 0) ++kx0;
      while (kx1 > kx0 && ix0 + (kx1 - 1) * s.dilation_w >= s.in_w) --kx1;
      const size_t x_step = size_t(s.dilation_w) * c;
      for (int ch = 0; ch < c; ch += 16) {
        const int valid = c - ch < 16 ? c - ch : 16;
        const __mmask16 m = valid == 16 ? 0xFFFF : (1u << valid) - 1;
        __m512 acc = _mm512_setzero_ps();
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
          const float* x =
              image + (size_t(iy) * s.in_w + ix0 + kx0 * s.dilation_w) * c + ch;
          const float* w = filter + size_t(ky * s.k_w + kx0) * c + ch;
          for (int kx = kx0; kx < kx1; ++kx, x += x_step, w += c) {
            acc = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(m, x),
                                  _mm512_maskz_loadu_ps(m, w), acc);
          }
        }
        if (bias != nullptr) {
          acc = _mm512_add_ps(acc, _mm512_maskz_loadu_ps(m, bias + ch));
        }
        // max(lo, acc), min(hi, .): a NaN stays NaN, as in the reference.
        acc = _mm512_min_ps(vhi, _mm512_max_ps(vlo, acc));
        _mm512_mask_storeu_ps(y + ch, m, acc);
      }
    }
  }
}

}  // namespace

void DepthwiseFloat(const ConvInt8Shape& s, const float* input,
                    const float* filter, const float* bias, float lo, float hi,
                    float* output, ThreadPool* pool) {
  const int rows = s.batches * s.out_h;
  if (pool == nullptr || pool->threads() <= 1) {
    Rows(s, input, filter, bias, lo, hi, output, 0, rows);
    return;
  }
  pool->ParallelFor(rows, 1, [&](size_t begin, size_t end, int) {
    Rows(s, input, filter, bias, lo, hi, output, static_cast<int>(begin),
         static_cast<int>(end));
  });
}

}  // namespace litert::fast

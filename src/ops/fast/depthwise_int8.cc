#include "ops/fast/depthwise_int8.h"

#include <algorithm>
#include <new>

#include "ops/fast/conv_tiles.h"
#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {

void DepthwiseInt8::Prepare(const ConvInt8Shape& s, Int8Requant requant) {
  s_ = s;
  packed_ = false;
  c_padded_ = (s.out_c + 15) / 16 * 16;
  requant.multiplier.resize(c_padded_, 0);
  requant.right_shift.resize(c_padded_, 0);
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

namespace {

// Output rows [row0, row1) (row = batch * out_h + oy).
LITERT_VNNI void DepthwiseRows(const ConvInt8Shape& s, const int8_t* input,
                               int8_t* output, int row0, int row1,
                               const int32_t* weights, const int32_t* bias,
                               int c_padded, const Int8Requant& rq) {
  const int c = s.out_c;
  const __m512i zp = _mm512_set1_epi32(s.input_zero_point);
  for (int row = row0; row < row1; ++row) {
    const int b = row / s.out_h, oy = row % s.out_h;
    // The taps inside the image along y for this row, along x per pixel.
    int ky0, ky1;
    TapRange(oy, s.stride_h, s.pad_h, s.dilation_h, s.k_h, s.in_h, &ky0, &ky1);
    const int8_t* image = input + size_t(b) * s.in_h * s.in_w * c;
    const size_t x_step = size_t(s.dilation_w) * c;
    for (int ox = 0; ox < s.out_w; ++ox) {
      int8_t* out = output + (size_t(row) * s.out_w + ox) * c;
      const int ix0 = ox * s.stride_w - s.pad_w;
      int kx0, kx1;
      TapRange(ox, s.stride_w, s.pad_w, s.dilation_w, s.k_w, s.in_w, &kx0,
               &kx1);
      for (int ch = 0; ch < c; ch += 16) {
        const int valid = std::min(16, c - ch);
        const __mmask16 lanes = valid >= 16 ? 0xFFFF : (1u << valid) - 1;
        __m512i acc = _mm512_loadu_si512(bias + ch);
        for (int ky = ky0; ky < ky1; ++ky) {
          const int iy = oy * s.stride_h - s.pad_h + ky * s.dilation_h;
          const int8_t* x =
              image + (size_t(iy) * s.in_w + ix0 + kx0 * s.dilation_w) * c + ch;
          const int32_t* w = weights + size_t(ky * s.k_w + kx0) * c_padded + ch;
          for (int kx = kx0; kx < kx1; ++kx, x += x_step, w += c_padded) {
            const __m512i xv = _mm512_sub_epi32(
                _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(lanes, x)), zp);
            acc = _mm512_add_epi32(
                acc, _mm512_mullo_epi32(xv, _mm512_loadu_si512(w)));
          }
        }
        _mm_mask_storeu_epi8(out + ch, lanes, Requantize(acc, rq, ch));
      }
    }
  }
}

}  // namespace

void DepthwiseInt8::Rows(const int8_t* input, int8_t* output, int row0,
                         int row1) const {
  DepthwiseRows(s_, input, output, row0, row1, weights_.data(), bias_.data(),
                c_padded_, rq_);
}

void DepthwiseInt8::Run(const int8_t* input, int8_t* output,
                        ThreadPool* pool) const {
  const int rows = s_.batches * s_.out_h;
  if (pool == nullptr || pool->threads() <= 1) {
    Rows(input, output, 0, rows);
    return;
  }
  pool->ParallelFor(rows, 1, [&](size_t begin, size_t end, int) {
    Rows(input, output, static_cast<int>(begin), static_cast<int>(end));
  });
}

}  // namespace litert::fast

#include "ops/fast/blockwise_int4.h"

#include <algorithm>
#include <new>

#include "core/thread_pool.h"
#include "ops/fast/int8_gemm.h"
#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {

bool BlockwiseInt4::Pack(const uint8_t* w, int units, int depth, int block,
                         const std::vector<float>& scale16,
                         const std::vector<float>& kernel_sum) {
  units_ = units;
  depth_ = depth;
  block_ = block;
  blocks_ = depth / block;
  unit_blocks_ = (units + 15) / 16;
  vnni_ = UseInt8Vnni();
  try {
    packed_.assign(size_t(unit_blocks_) * (depth / 8) * 64, 0);
    scales_.assign(size_t(unit_blocks_) * blocks_ * 16, 0.f);
    kernel_sum_.assign(size_t(unit_blocks_) * 16, 0.f);
  } catch (const std::bad_alloc&) {
    return false;
  }
  for (int u = 0; u < units; ++u) {
    const int ub = u / 16, lane = u % 16;
    for (int k = 0; k < depth; k += 2) {
      // Elements e (low nibble) and e + 1 (high) share byte e / 2: e is
      // even, as depth is.
      const size_t e = size_t(u) * depth + k;
      const uint8_t pair = w[e / 2];
      if (vnni_) {
        // Group k / 8, byte (k % 8) / 2 of this unit's word.
        packed_[(size_t(ub) * (depth / 8) + k / 8) * 64 + lane * 4 +
                (k % 8) / 2] = pair;
      } else {
        packed_[(size_t(ub) * (depth / 2) + k / 2) * 16 + lane] = pair;
      }
    }
    for (int b = 0; b < blocks_; ++b) {
      scales_[(size_t(ub) * blocks_ + b) * 16 + lane] =
          scale16[size_t(u) * blocks_ + b];
    }
    kernel_sum_[u] = kernel_sum[u];
  }
  return true;
}

namespace {

// Units [16 * ub, 16 * ub + 16): acc = kernel_sum * (zp + 128), then per
// block acc = fma(16 * X_b, scale16, acc), X_b = sum (q + 128) * w.
LITERT_VNNI void UnitBlock(const uint8_t* packed, const float* scales,
                           const float* kernel_sum, const uint32_t* words,
                           int groups_per_block, int blocks, float zp128,
                           float scale, const float* bias, int valid, float lo,
                           float hi, float* out) {
  const __m512i nibble = _mm512_set1_epi8(0x0F);
  const __m512i eight = _mm512_set1_epi8(0x08);
  __m512 acc =
      _mm512_mul_ps(_mm512_loadu_ps(kernel_sum), _mm512_set1_ps(zp128));
  const uint8_t* wp = packed;
  const uint32_t* qw = words;
  for (int b = 0; b < blocks; ++b) {
    __m512i x = _mm512_setzero_si512();
    for (int g = 0; g < groups_per_block; ++g, wp += 64, qw += 2) {
      const __m512i v = _mm512_loadu_si512(wp);
      // 4-bit two's complement to int8: (t ^ 8) - 8.
      const __m512i even = _mm512_sub_epi8(
          _mm512_xor_si512(_mm512_and_si512(v, nibble), eight), eight);
      const __m512i odd = _mm512_sub_epi8(
          _mm512_xor_si512(_mm512_and_si512(_mm512_srli_epi16(v, 4), nibble),
                           eight),
          eight);
      x = _mm512_dpbusd_epi32(x, _mm512_set1_epi32(int32_t(qw[0])), even);
      x = _mm512_dpbusd_epi32(x, _mm512_set1_epi32(int32_t(qw[1])), odd);
    }
    // float(16 * X) == 16 * float(X): scaling by 16 commutes with rounding.
    const __m512 xf =
        _mm512_mul_ps(_mm512_cvtepi32_ps(x), _mm512_set1_ps(16.f));
    acc = _mm512_fmadd_ps(xf, _mm512_loadu_ps(scales + size_t(b) * 16), acc);
  }
  const __mmask16 mask = valid >= 16 ? 0xFFFF : (1u << valid) - 1;
  __m512 y = _mm512_mul_ps(acc, _mm512_set1_ps(scale));
  if (bias != nullptr) y = _mm512_add_ps(y, _mm512_maskz_loadu_ps(mask, bias));
  y = _mm512_min_ps(_mm512_max_ps(y, _mm512_set1_ps(lo)), _mm512_set1_ps(hi));
  _mm512_mask_storeu_ps(out, mask, y);
}

}  // namespace

void BlockwiseInt4::Run(const int8_t* q, int32_t zero_point, float scale,
                        const float* bias, float lo, float hi, uint32_t* words,
                        float* out, ThreadPool* pool) const {
  if (!vnni_) {
    RunPairs(q, zero_point, scale, bias, lo, hi, words, out, pool);
    return;
  }
  // Per group of 8: the (q + 128) bytes of the even elements, then the odd.
  for (int g = 0; g < depth_ / 8; ++g) {
    const uint8_t* u = reinterpret_cast<const uint8_t*>(q) + size_t(g) * 8;
    uint32_t even = 0, odd = 0;
    for (int j = 3; j >= 0; --j) {
      even = (even << 8) | uint8_t(u[2 * j] ^ 0x80);
      odd = (odd << 8) | uint8_t(u[2 * j + 1] ^ 0x80);
    }
    words[2 * g] = even;
    words[2 * g + 1] = odd;
  }
  const float zp128 = static_cast<float>(zero_point + 128);
  auto work = [&](size_t begin, size_t end, int) {
    for (size_t ub = begin; ub < end; ++ub) {
      const int u0 = static_cast<int>(ub) * 16;
      UnitBlock(packed_.data() + ub * size_t(depth_ / 8) * 64,
                scales_.data() + ub * size_t(blocks_) * 16,
                kernel_sum_.data() + u0, words, block_ / 8, blocks_, zp128,
                scale, bias ? bias + u0 : nullptr, units_ - u0, lo, hi,
                out + u0);
    }
  };
  if (ThreadPool* p = PoolForWork(pool, int64_t{units_} * depth_)) {
    p->ParallelFor(unit_blocks_, 4, work);
  } else {
    work(0, unit_blocks_, 0);
  }
}

}  // namespace litert::fast

#include "ops/fast/hybrid_int8.h"

#include <cstring>
#include <new>

#include "core/thread_pool.h"
#include "ops/fast/int8_gemm.h"
#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {

bool HybridInt8::Pack(const int8_t* w, int units, int depth,
                      const std::vector<float>& unit_scale) {
  units_ = units;
  depth_ = depth;
  kp_ = (depth + 3) / 4 * 4;
  unit_blocks_ = (units + 15) / 16;
  vnni_ = UseInt8Vnni();
  try {
    packed_.assign(size_t(unit_blocks_) * kp_ * 16, 0);
    colsum_.assign(size_t(unit_blocks_) * 16, 0);
    unit_scale_.assign(size_t(unit_blocks_) * 16, 0.f);
  } catch (const std::bad_alloc&) {
    return false;
  }
  for (int u = 0; u < units; ++u) {
    const int ub = u / 16, lane = u % 16;
    int32_t sum = 0;
    for (int k = 0; k < depth; ++k) {
      const int8_t v = w[size_t(u) * depth + k];
      if (vnni_) {
        packed_[(size_t(ub) * (kp_ / 4) + k / 4) * 64 + lane * 4 + k % 4] = v;
      } else {
        packed_[(size_t(ub) * (kp_ / 2) + k / 2) * 32 + lane * 2 + k % 2] = v;
      }
      sum += v;
    }
    colsum_[u] = sum;
    unit_scale_[u] = unit_scale[u];
  }
  return true;
}

namespace {

LITERT_VNNI void UnitBlock(const int8_t* packed, const uint32_t* words, int k4s,
                           const int32_t* colsum, const float* uscale,
                           int32_t zero_point, float scale, const float* bias,
                           int valid, float lo, float hi, float* out) {
  __m512i acc = _mm512_setzero_si512();
  for (int k4 = 0; k4 < k4s; ++k4) {
    acc = _mm512_dpbusd_epi32(acc, _mm512_set1_epi32(int32_t(words[k4])),
                              _mm512_loadu_si512(packed + size_t(k4) * 64));
  }
  // acc = sum (q + 128) * w: take (128 + zp) * sum w off (exact in int32).
  const __m512i sum = _mm512_sub_epi32(
      acc, _mm512_mullo_epi32(_mm512_set1_epi32(128 + zero_point),
                              _mm512_loadu_si512(colsum)));
  // As the reference: float(sum) * (scale * unit_scale), then + bias.
  const __m512 factor =
      _mm512_mul_ps(_mm512_set1_ps(scale), _mm512_loadu_ps(uscale));
  __m512 y = _mm512_mul_ps(_mm512_cvtepi32_ps(sum), factor);
  const __mmask16 m = valid >= 16 ? 0xFFFF : (1u << valid) - 1;
  if (bias != nullptr) y = _mm512_add_ps(y, _mm512_maskz_loadu_ps(m, bias));
  // max(lo, y), min(hi, .): a NaN stays NaN, as in the reference.
  y = _mm512_min_ps(_mm512_set1_ps(hi), _mm512_max_ps(_mm512_set1_ps(lo), y));
  _mm512_mask_storeu_ps(out, m, y);
}

}  // namespace

void HybridInt8::Run(const int8_t* q, int32_t zero_point, float scale,
                     const float* bias, float lo, float hi, uint32_t* words,
                     float* out, ThreadPool* pool) const {
  if (!vnni_) {
    RunPairs(q, zero_point, scale, bias, lo, hi, words, out, pool);
    return;
  }
  // The row as (q + 128) bytes, 4 per word, zero padded to kp.
  std::memset(words, 0, size_t(kp_));
  auto* bytes = reinterpret_cast<uint8_t*>(words);
  for (int k = 0; k < depth_; ++k) bytes[k] = uint8_t(q[k]) ^ 0x80;
  auto work = [&](size_t begin, size_t end, int) {
    for (size_t ub = begin; ub < end; ++ub) {
      const int u0 = static_cast<int>(ub) * 16;
      UnitBlock(packed_.data() + ub * size_t(kp_) * 16, words, kp_ / 4,
                colsum_.data() + u0, unit_scale_.data() + u0, zero_point, scale,
                bias ? bias + u0 : nullptr, units_ - u0, lo, hi, out + u0);
    }
  };
  if (ThreadPool* p = PoolForWork(pool, int64_t{units_} * depth_)) {
    p->ParallelFor(unit_blocks_, 4, work);
  } else {
    work(0, unit_blocks_, 0);
  }
}

}  // namespace litert::fast

#include "ops/fast/add_int8.h"

#include "core/thread_pool.h"
#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {
namespace {

LITERT_VNNI void AddRange(const int8_t* a, const int8_t* b, int8_t* out,
                          size_t begin, size_t end, const AddInt8Params& p) {
  const __m512i zp1 = _mm512_set1_epi32(p.zp1), zp2 = _mm512_set1_epi32(p.zp2);
  const __m512i m1 = _mm512_set1_epi32(p.m1), m2 = _mm512_set1_epi32(p.m2);
  const __m512i mo = _mm512_set1_epi32(p.m_out);
  const __m512i e1 = _mm512_set1_epi32(p.shift1),
                e2 = _mm512_set1_epi32(p.shift2),
                eo = _mm512_set1_epi32(p.shift_out);
  const __m512i zpo = _mm512_set1_epi32(p.zp_out);
  const __m512i lo = _mm512_set1_epi32(p.act_min),
                hi = _mm512_set1_epi32(p.act_max);
  for (size_t i = begin; i < end; i += 16) {
    const size_t left = end - i;
    const __mmask16 m = left >= 16 ? 0xFFFF : (1u << left) - 1;
    // (q - zp) << left_shift fits in int32 for 8-bit values.
    const __m512i x = _mm512_slli_epi32(
        _mm512_sub_epi32(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, a + i)),
                         zp1),
        p.left_shift);
    const __m512i y = _mm512_slli_epi32(
        _mm512_sub_epi32(_mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, b + i)),
                         zp2),
        p.left_shift);
    const __m512i s1 = RoundingShift(Srdhm(x, m1), e1);
    const __m512i s2 = RoundingShift(Srdhm(y, m2), e2);
    const __m512i sum =
        p.subtract ? _mm512_sub_epi32(s1, s2) : _mm512_add_epi32(s1, s2);
    __m512i v = _mm512_add_epi32(RoundingShift(Srdhm(sum, mo), eo), zpo);
    v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
    _mm_mask_storeu_epi8(out + i, m, _mm512_cvtepi32_epi8(v));
  }
}

}  // namespace

void AddInt8(const int8_t* a, const int8_t* b, int8_t* out, size_t n,
             const AddInt8Params& p, ThreadPool* pool) {
  constexpr size_t kChunk = 16 * 1024;  // elements per task, a multiple of 16
  if (pool == nullptr || pool->threads() <= 1 || n < 2 * kChunk) {
    AddRange(a, b, out, 0, n, p);
    return;
  }
  pool->ParallelFor(
      (n + kChunk - 1) / kChunk, 1, [&](size_t begin, size_t end, int) {
        AddRange(a, b, out, begin * kChunk, std::min(n, end * kChunk), p);
      });
}

}  // namespace litert::fast

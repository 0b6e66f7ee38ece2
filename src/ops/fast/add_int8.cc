#include "ops/fast/add_int8.h"

#include "core/thread_pool.h"
#include "ops/fast/int8_requant_avx512.h"

namespace litert::fast {
namespace {

// 16 elements of T widened to int32 lanes.
LITERT_VNNI inline __m512i Load16(__mmask16 m, const int8_t* p) {
  return _mm512_cvtepi8_epi32(_mm_maskz_loadu_epi8(m, p));
}
LITERT_VNNI inline __m512i Load16(__mmask16 m, const int16_t* p) {
  return _mm512_cvtepi16_epi32(_mm256_maskz_loadu_epi16(m, p));
}
LITERT_VNNI inline void Store16(__mmask16 m, int8_t* p, __m512i v) {
  _mm_mask_storeu_epi8(p, m, _mm512_cvtepi32_epi8(v));
}
LITERT_VNNI inline void Store16(__mmask16 m, int16_t* p, __m512i v) {
  _mm256_mask_storeu_epi16(p, m, _mm512_cvtepi32_epi16(v));
}

template <typename T>
LITERT_VNNI void AddRange(const T* a, const T* b, T* out, size_t begin,
                          size_t end, const AddInt8Params& p) {
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
    // (q - zp) << left_shift fits in int32 (8-bit: 20, int16: 15).
    const __m512i x = _mm512_slli_epi32(_mm512_sub_epi32(Load16(m, a + i), zp1),
                                        p.left_shift);
    const __m512i y = _mm512_slli_epi32(_mm512_sub_epi32(Load16(m, b + i), zp2),
                                        p.left_shift);
    const __m512i s1 = RoundingShift(Srdhm(x, m1), e1);
    const __m512i s2 = RoundingShift(Srdhm(y, m2), e2);
    const __m512i sum =
        p.subtract ? _mm512_sub_epi32(s1, s2) : _mm512_add_epi32(s1, s2);
    __m512i v = _mm512_add_epi32(RoundingShift(Srdhm(sum, mo), eo), zpo);
    v = _mm512_min_epi32(_mm512_max_epi32(v, lo), hi);
    Store16(m, out + i, v);
  }
}

}  // namespace

template <typename T>
void AddAny(const T* a, const T* b, T* out, size_t n, const AddInt8Params& p,
            ThreadPool* pool) {
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

void AddInt8(const int8_t* a, const int8_t* b, int8_t* out, size_t n,
             const AddInt8Params& p, ThreadPool* pool) {
  AddAny(a, b, out, n, p, pool);
}

void AddInt16(const int16_t* a, const int16_t* b, int16_t* out, size_t n,
              const AddInt8Params& p, ThreadPool* pool) {
  AddAny(a, b, out, n, p, pool);
}

}  // namespace litert::fast

// Requantization of 16 int32 accumulators at once (AVX-512), bit-exact with
// the scalar rules: LiteRT's double rounding (quant/quant_math.h) or
// XNNPACK's float scaling. Only for files compiled into the fast paths; every
// function needs the LITERT_VNNI target.
#pragma once

#include <immintrin.h>

#include <cstdint>

#include "ops/fast/int8_gemm.h"

// GCC 12 flags the undefined vectors inside its own AVX-512 headers.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#pragma GCC diagnostic ignored "-Wuninitialized"

#define LITERT_VNNI \
  __attribute__((target("avx512f,avx512bw,avx512dq,avx512vl,avx512vnni")))

namespace litert::fast {

// LiteRT's SaturatingRoundingDoublingHighMul of 64-bit products p = a * b
// (b a Q31 multiplier, never INT32_MIN): (p + nudge) / 2^31 truncated toward
// zero, nudge = 2^30 when p >= 0 and 1 - 2^30 otherwise. Both cases equal
// floor((p + 2^30) / 2^31): for p < 0, trunc(s / 2^31) of the negative
// s = p + 1 - 2^30 is floor((s + 2^31 - 1) / 2^31).
LITERT_VNNI inline __m512i HighMul(__m512i p) {
  return _mm512_srai_epi64(
      _mm512_add_epi64(p, _mm512_set1_epi64(int64_t{1} << 30)), 31);
}

LITERT_VNNI inline __m512i Srdhm(__m512i a, __m512i b) {
  const __m512i even = HighMul(_mm512_mul_epi32(a, b));
  const __m512i odd = HighMul(
      _mm512_mul_epi32(_mm512_srli_epi64(a, 32), _mm512_srli_epi64(b, 32)));
  return _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
}

// LiteRT's RoundingDivideByPOT: x / 2^e, ties away from zero (e >= 0).
LITERT_VNNI inline __m512i RoundingShift(__m512i x, __m512i e) {
  const __m512i one = _mm512_set1_epi32(1);
  const __m512i mask = _mm512_sub_epi32(_mm512_sllv_epi32(one, e), one);
  const __m512i rem = _mm512_and_si512(x, mask);
  const __m512i threshold =
      _mm512_add_epi32(_mm512_srai_epi32(mask, 1), _mm512_srli_epi32(x, 31));
  const __m512i shifted = _mm512_srav_epi32(x, e);
  return _mm512_mask_add_epi32(shifted, _mm512_cmpgt_epi32_mask(rem, threshold),
                               shifted, one);
}

// (p + 2^(e - 1)) >> e in 64-bit lanes.
LITERT_VNNI inline __m512i RoundShift64(__m512i p, __m512i e) {
  const __m512i one = _mm512_set1_epi64(1);
  const __m512i half = _mm512_sllv_epi64(one, _mm512_sub_epi64(e, one));
  return _mm512_srlv_epi64(_mm512_add_epi64(p, half), e);
}

// LiteRT's single rounding (FULLY_CONNECTED): |x| * m rounded once at a
// right shift of e >= 31 bits, ties away from zero, the sign put back.
LITERT_VNNI inline __m512i SingleRounding(__m512i x, __m512i m, __m512i e) {
  const __mmask16 negative = _mm512_cmplt_epi32_mask(x, _mm512_setzero_si512());
  const __m512i magnitude = _mm512_abs_epi32(x);  // INT32_MIN: 2^31 unsigned
  const __m512i low = _mm512_set1_epi64(0xFFFFFFFF);
  const __m512i even =
      RoundShift64(_mm512_mul_epu32(magnitude, m), _mm512_and_si512(e, low));
  const __m512i odd =
      RoundShift64(_mm512_mul_epu32(_mm512_srli_epi64(magnitude, 32),
                                    _mm512_srli_epi64(m, 32)),
                   _mm512_srli_epi64(e, 32));
  const __m512i r =
      _mm512_mask_blend_epi32(0xAAAA, even, _mm512_slli_epi64(odd, 32));
  return _mm512_mask_sub_epi32(r, negative, _mm512_setzero_si512(), r);
}

// The requantization of output channels [n, n + 16), loaded once and used
// for every row of a tile (stores through int8_t* would otherwise force the
// compiler to reload the parameters after each one).
struct RequantLanes {
  bool fixed_point, single_rounding;
  __m512i multiplier, shift, zero_point, lo, hi;
  __m512 scale, flo, fhi;
};

LITERT_VNNI inline RequantLanes LoadRequant(const Int8Requant& rq, int n) {
  RequantLanes l;
  l.fixed_point = rq.mode != Requant::kFloat;
  l.single_rounding = rq.mode == Requant::kSingleRounding;
  l.zero_point = _mm512_set1_epi32(rq.output_zero_point);
  if (l.fixed_point) {
    l.multiplier = _mm512_loadu_si512(rq.multiplier.data() + n);
    l.shift = _mm512_loadu_si512(rq.right_shift.data() + n);
    l.lo = _mm512_set1_epi32(rq.act_min);
    l.hi = _mm512_set1_epi32(rq.act_max);
  } else {
    l.scale = _mm512_loadu_ps(rq.scale.data() + n);
    l.flo =
        _mm512_set1_ps(static_cast<float>(rq.act_min - rq.output_zero_point));
    l.fhi =
        _mm512_set1_ps(static_cast<float>(rq.act_max - rq.output_zero_point));
  }
  return l;
}

// 16 accumulators -> 16 int8 quanta.
LITERT_VNNI inline __m128i Requantize(__m512i acc, const RequantLanes& l) {
  __m512i q;
  if (l.fixed_point) {
    q = l.single_rounding ? SingleRounding(acc, l.multiplier, l.shift)
                          : RoundingShift(Srdhm(acc, l.multiplier), l.shift);
    q = _mm512_add_epi32(q, l.zero_point);
    q = _mm512_min_epi32(_mm512_max_epi32(q, l.lo), l.hi);
  } else {
    __m512 f = _mm512_mul_ps(_mm512_cvtepi32_ps(acc), l.scale);
    f = _mm512_max_ps(_mm512_min_ps(f, l.fhi), l.flo);
    q = _mm512_add_epi32(_mm512_cvtps_epi32(f), l.zero_point);
  }
  return _mm512_cvtepi32_epi8(q);
}

LITERT_VNNI inline __m128i Requantize(__m512i acc, const Int8Requant& rq,
                                      int n) {
  return Requantize(acc, LoadRequant(rq, n));
}

}  // namespace litert::fast

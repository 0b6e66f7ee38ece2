// Requantization of int32 lanes for the Highway int8 kernels (every target),
// bit-exact with the scalar rules of quant/quant_math.h: LiteRT's double
// rounding (SaturatingRoundingDoublingHighMul, then RoundingDivideByPOT), its
// single rounding (FULLY_CONNECTED) and XNNPACK's float scaling. Included per
// target after hwy/highway.h, like Highway's own -inl headers (the guard flips
// with each target).
#if defined(LITERT_OPS_FAST_INT8_REQUANT_INL_H_) == defined(HWY_TARGET_TOGGLE)
#ifdef LITERT_OPS_FAST_INT8_REQUANT_INL_H_
#undef LITERT_OPS_FAST_INT8_REQUANT_INL_H_
#else
#define LITERT_OPS_FAST_INT8_REQUANT_INL_H_
#endif

#include <cstdint>

#include "hwy/highway.h"
#include "ops/fast/int8_gemm.h"

HWY_BEFORE_NAMESPACE();
namespace litert::fast::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// SaturatingRoundingDoublingHighMul of a by a Q31 multiplier b (never
// INT32_MIN, so no saturation): floor((a * b + 2^30) / 2^31) in 64 bits, which
// equals LiteRT's truncation with a sign-dependent nudge.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Srdhm(D d, V a, V b) {
#if HWY_TARGET == HWY_SCALAR
  // One lane: no 64-bit view of the vector.
  const int64_t p = int64_t{hn::GetLane(a)} * hn::GetLane(b);
  return hn::Set(d, static_cast<int32_t>((p + (int64_t{1} << 30)) >> 31));
#else
  const hn::Repartition<int64_t, D> d64;
  const hn::Repartition<uint64_t, D> du64;
  const auto nudge = hn::Set(d64, int64_t{1} << 30);
  const auto even = hn::ShiftRight<31>(hn::Add(hn::MulEven(a, b), nudge));
  // The odd lanes moved into the even positions MulEven reads.
  const V a_odd = hn::BitCast(d, hn::ShiftRight<32>(hn::BitCast(du64, a)));
  const V b_odd = hn::BitCast(d, hn::ShiftRight<32>(hn::BitCast(du64, b)));
  const auto odd =
      hn::ShiftRight<31>(hn::Add(hn::MulEven(a_odd, b_odd), nudge));
  // The low 32 bits of each 64-bit result.
  return hn::OddEven(hn::BitCast(d, hn::ShiftLeft<32>(odd)),
                     hn::BitCast(d, even));
#endif
}

// RoundingDivideByPOT: x / 2^e rounded half away from zero, e >= 0 per lane.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V RoundingShift(D d, V x, V e) {
  const V one = hn::Set(d, 1);
  const V mask = hn::Sub(one << e, one);
  const V remainder = hn::And(x, mask);
  // Half of the divisor, plus one for negative x (ties go away from zero).
  const V threshold =
      hn::Add(hn::ShiftRight<1>(mask), hn::And(hn::ShiftRight<31>(x), one));
  const V shifted = x >> e;  // arithmetic
  return hn::Add(shifted,
                 hn::IfThenElseZero(hn::Gt(remainder, threshold), one));
}

// LiteRT's single rounding of FULLY_CONNECTED: |acc| * m (in 64 bits) plus
// half of 2^e, shifted right by e (e >= 31, so the result fits in int32),
// the sign put back: rounding ties away from zero.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V SingleRounding(D d, V acc, V m, V e) {
#if HWY_TARGET == HWY_SCALAR
  const int64_t a = hn::GetLane(acc);
  const uint64_t magnitude = static_cast<uint64_t>(a < 0 ? -a : a) *
                             static_cast<uint32_t>(hn::GetLane(m));
  const int shift = hn::GetLane(e);
  const int64_t r =
      static_cast<int64_t>((magnitude + (uint64_t{1} << (shift - 1))) >> shift);
  return hn::Set(d, static_cast<int32_t>(a < 0 ? -r : r));
#else
  const hn::RebindToUnsigned<D> du;
  const hn::Repartition<uint64_t, D> du64;
  const auto negative = hn::Lt(acc, hn::Zero(d));
  // |INT32_MIN| is 2^31 as unsigned.
  const auto magnitude =
      hn::BitCast(du, hn::IfThenElse(negative, hn::Neg(acc), acc));
  const auto mu = hn::BitCast(du, m);
  const auto low = hn::Set(du64, 0xFFFFFFFFu);
  const auto one = hn::Set(du64, 1);
  auto round = [&](auto product, auto shift) {
    return hn::Add(product, one << hn::Sub(shift, one)) >> shift;
  };
  const auto shifts = hn::BitCast(du64, e);
  const auto even = round(hn::MulEven(magnitude, mu), hn::And(shifts, low));
  const auto odd = round(
      hn::MulEven(
          hn::BitCast(du, hn::ShiftRight<32>(hn::BitCast(du64, magnitude))),
          hn::BitCast(du, hn::ShiftRight<32>(hn::BitCast(du64, mu)))),
      hn::ShiftRight<32>(shifts));
  const V r =
      hn::BitCast(d, hn::OddEven(hn::BitCast(du, hn::ShiftLeft<32>(odd)),
                                 hn::BitCast(du, even)));
  return hn::IfThenElse(negative, hn::Neg(r), r);
#endif
}

// LiteRT's rounding of int16 x int8 sums: (acc * m + 2^(e - 1)) >> e in 64
// bits (m below 2^15, e >= 1: the result fits in int32), ties upward.
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Q15Rounding(D d, V acc, V m, V e) {
#if HWY_TARGET == HWY_SCALAR
  const int64_t p = int64_t{hn::GetLane(acc)} * hn::GetLane(m);
  const int shift = hn::GetLane(e);
  return hn::Set(
      d, static_cast<int32_t>((p + (int64_t{1} << (shift - 1))) >> shift));
#else
  const hn::Repartition<int64_t, D> d64;
  const hn::Repartition<uint64_t, D> du64;
  const auto one = hn::Set(d64, 1);
  const auto low = hn::Set(d64, 0xFFFFFFFF);
  auto round = [&](auto product, auto shift) {
    return hn::Add(product, one << hn::Sub(shift, one)) >> shift;
  };
  const auto shifts = hn::BitCast(d64, e);
  const auto even = round(hn::MulEven(acc, m), hn::And(shifts, low));
  const V acc_odd = hn::BitCast(d, hn::ShiftRight<32>(hn::BitCast(du64, acc)));
  const V m_odd = hn::BitCast(d, hn::ShiftRight<32>(hn::BitCast(du64, m)));
  const auto odd =
      round(hn::MulEven(acc_odd, m_odd),
            hn::BitCast(d64, hn::ShiftRight<32>(hn::BitCast(du64, e))));
  return hn::OddEven(hn::BitCast(d, hn::ShiftLeft<32>(odd)),
                     hn::BitCast(d, even));
#endif
}

// Accumulators of output channels [n, n + Lanes(d)) -> output quanta in int32
// lanes (within the activation range).
template <class D, class V = hn::VFromD<D>>
HWY_INLINE V Requantize(D d, V acc, const Int8Requant& rq, int n) {
  if (rq.mode != Requant::kFloat) {
    const V m = hn::LoadU(d, rq.multiplier.data() + n);
    const V e = hn::LoadU(d, rq.right_shift.data() + n);
    const V scaled = rq.mode == Requant::kDoubleRounding
                         ? RoundingShift(d, Srdhm(d, acc, m), e)
                     : rq.mode == Requant::kSingleRounding
                         ? SingleRounding(d, acc, m, e)
                         : Q15Rounding(d, acc, m, e);
    V q = hn::Add(scaled, hn::Set(d, rq.output_zero_point));
    q = hn::Max(q, hn::Set(d, rq.act_min));
    return hn::Min(q, hn::Set(d, rq.act_max));
  }
  const hn::Rebind<float, D> df;
  auto f = hn::Mul(hn::ConvertTo(df, acc), hn::LoadU(df, rq.scale.data() + n));
  f = hn::Min(
      f, hn::Set(df, static_cast<float>(rq.act_max - rq.output_zero_point)));
  f = hn::Max(
      f, hn::Set(df, static_cast<float>(rq.act_min - rq.output_zero_point)));
  // Round half to even, as XNNPACK's conversion.
  return hn::Add(hn::NearestInt(f), hn::Set(d, rq.output_zero_point));
}

}  // namespace litert::fast::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#endif  // LITERT_OPS_FAST_INT8_REQUANT_INL_H_

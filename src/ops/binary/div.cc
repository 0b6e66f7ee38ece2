// DIV: out = act(a / b), NumPy broadcasting up to rank 6.
//
//   float32: IEEE division (x / 0 gives inf or nan), then the fused clamp.
//     (LiteRT's builtin kernel clamps inf to +-FLT_MAX; its default XNNPACK
//     path keeps inf, like litert.)
//   int32: division truncating toward zero, then the integer clamp of the
//     fused activation; INT32_MIN / -1 saturates to INT32_MAX. A zero divisor
//     anywhere in b is an error, as in LiteRT.
//   int8, uint8, int16: LiteRT's fixed-point quotient. With v1 = q1 - zp1 and
//     v2 = q2 - zp2 (signs moved so that v2 > 0):
//       r, rs  = 1 / v2 as a Q31 mantissa r in (0.5, 1] and exponent rs
//                (Newton-Raphson, three steps, in fixed point)
//       h      = redundant sign bits of v1
//       u      = SRDHM(v1 << h, r)                      // v1 / v2, unscaled
//       out    = zp_out + RoundingShift(SRDHM(u, M), rs + h - shift)
//     where M, shift = QuantizeMultiplier(s1 / (s2 * s_out)), the real
//     multiplier computed in float. A b element equal to its zero point is an
//     error. Where LiteRT's final shift reaches 31 bits or more (tiny |v1|
//     against a large v2) its C++ shifts are undefined and it returns
//     garbage; litert returns the correctly rounded value there.
#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "ops/binary/binary_op.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace binary {
namespace {

constexpr int32_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int32_t kInt32Min = std::numeric_limits<int32_t>::min();

int32_t SaturateInt32(int64_t v) {
  return static_cast<int32_t>(Clamp<int64_t>(v, kInt32Min, kInt32Max));
}

int CountLeadingZeros32(uint32_t x) {
  int n = 0;
  for (uint32_t bit = uint32_t{1} << 31; bit != 0 && (x & bit) == 0; bit >>= 1)
    ++n;
  return n;
}

// Bits below the sign bit that only repeat it (0 has 31).
int CountRedundantSignBits(int32_t x) {
  if (x >= 0) return CountLeadingZeros32(static_cast<uint32_t>(x)) - 1;
  if (x == kInt32Min) return 0;
  return CountLeadingZeros32(2u * static_cast<uint32_t>(-x));
}

// x / 2^e rounded to nearest, ties away from zero, for any e >= 0.
int32_t RoundingShiftRight(int32_t x, int e) {
  if (e <= 0) return x;
  if (e >= 63) return 0;
  const int64_t v = x;
  const int64_t mask = (int64_t{1} << e) - 1;
  const int64_t remainder = v & mask;
  const int64_t threshold = (mask >> 1) + (v < 0 ? 1 : 0);
  return static_cast<int32_t>((v >> e) + (remainder > threshold ? 1 : 0));
}

// 1 / (1 + x) for x = a / 2^31 in [0, 1), as a Q31 value in (0.5, 1]: the
// Newton-Raphson iteration on the half denominator d = (1 + x) / 2 with the
// start 48/17 - 32/17 * d, in Q2.29 (fixed point with 2 integer bits).
int32_t OneOverOnePlusX(int32_t a) {
  using quant::SaturatingRoundingDoublingHighMul;
  // (a + 1.0) / 2 with 1.0 as the largest Q31 value, rounded.
  const int32_t half_denominator =
      static_cast<int32_t>((int64_t{a} + kInt32Max + 1) / 2);
  constexpr int32_t k48Over17 = 1515870810;      // round(48/17 * 2^29)
  constexpr int32_t kNeg32Over17 = -1010580540;  // round(-32/17 * 2^29)
  constexpr int32_t kOne = int32_t{1} << 29;     // 1.0 in Q2.29
  int32_t x =
      SaturateInt32(int64_t{k48Over17} + SaturatingRoundingDoublingHighMul(
                                             half_denominator, kNeg32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t dx = SaturatingRoundingDoublingHighMul(half_denominator, x);
    const int32_t one_minus_dx = SaturateInt32(int64_t{kOne} - dx);
    // x * (1 - d x) is Q4.27; bring it back to Q2.29.
    const int32_t step = SaturateInt32(
        int64_t{SaturatingRoundingDoublingHighMul(x, one_minus_dx)} * 4);
    x = SaturateInt32(int64_t{x} + step);
  }
  // x approximates 1 / d = 2 / (1 + x_in) in Q2.29: halve it into Q31.
  return SaturateInt32(int64_t{x} * 2);
}

// 1 / v for v > 0: returns the Q31 mantissa and sets *shift so that
// 1 / v = mantissa * 2^-31 * 2^-*shift.
int32_t Reciprocal(int32_t v, int* shift) {
  const int headroom_plus_one = CountLeadingZeros32(static_cast<uint32_t>(v));
  *shift = 31 - headroom_plus_one;
  // v normalized to [1, 2), minus one, in Q31.
  const uint32_t normalized = static_cast<uint32_t>(v) << headroom_plus_one;
  return OneOverOnePlusX(
      static_cast<int32_t>(normalized - (uint32_t{1} << 31)));
}

class DivOp : public BinaryOpBase {
 public:
  explicit DivOp(Activation act)
      : BinaryOpBase("DIV", {DType::kFloat32, DType::kInt32, DType::kInt8,
                             DType::kUInt8, DType::kInt16}),
        act_(act) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_RETURN_IF_ERROR(PrepareCommon(ctx));
    LITERT_RETURN_IF_ERROR(CheckClampActivation(ctx, act_));
    if (!IsQuantizedType(type_)) return Status::Ok();
    QuantParam q[3];
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, q));
    zp1_ = q[0].zero_point;
    zp2_ = q[1].zero_point;
    zp_out_ = q[2].zero_point;
    const float real =
        q[0].scale / (q[1].scale * q[2].scale);  // float, as LiteRT
    multiplier_ = quant::QuantizeMultiplier(real);
    int32_t qmin, qmax;
    QuantTypeRange(type_, &qmin, &qmax);
    QuantizedActivationRange(act_, q[2].scale, zp_out_, qmin, qmax, &act_min_,
                             &act_max_);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    RtTensor& out = ctx.output(0);
    switch (type_) {
      case DType::kFloat32:
        FastFloatBinary(fast::FloatBinaryOp::kDiv, bc_, ctx, act_);
        return Status::Ok();
      case DType::kInt32:
        return EvalInt32(ctx, a, b, out);
      case DType::kInt8:
        return EvalQuantized<int8_t>(ctx, a, b, out);
      case DType::kUInt8:
        return EvalQuantized<uint8_t>(ctx, a, b, out);
      case DType::kInt16:
        return EvalQuantized<int16_t>(ctx, a, b, out);
      default:
        return ctx.Error("DIV: unexpected type " + DTypeName(type_));
    }
  }

 private:
  // Fails when some element of b equals `zero` (b's zero point).
  template <typename T>
  Status CheckNoZeroDivisor(OpContext& ctx, const RtTensor& b,
                            int32_t zero) const {
    const int64_t i = FindElement<T>(b, static_cast<T>(zero));
    if (i < 0) return Status::Ok();
    return ctx.Error("DIV: division by zero (input 1 element " +
                     std::to_string(i) + ")");
  }

  Status EvalInt32(OpContext& ctx, const RtTensor& a, const RtTensor& b,
                   RtTensor& out) const {
    LITERT_RETURN_IF_ERROR(CheckNoZeroDivisor<int32_t>(ctx, b, 0));
    int32_t lo, hi;
    IntActivationRange(act_, &lo, &hi);
    BinaryLoop<int32_t, int32_t>(bc_, a, b, out, [&](int32_t x, int32_t y) {
      return static_cast<int32_t>(
          Clamp<int64_t>(int64_t{x} / int64_t{y}, lo, hi));
    });
    return Status::Ok();
  }

  template <typename T>
  Status EvalQuantized(OpContext& ctx, const RtTensor& a, const RtTensor& b,
                       RtTensor& out) const {
    LITERT_RETURN_IF_ERROR(CheckNoZeroDivisor<T>(ctx, b, zp2_));
    BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
      int32_t v1 = static_cast<int32_t>(x) - zp1_;
      int32_t v2 = static_cast<int32_t>(y) - zp2_;
      if (v2 < 0) {
        v1 = -v1;
        v2 = -v2;
      }
      int recip_shift;
      const int32_t recip = Reciprocal(v2, &recip_shift);
      const int headroom = CountRedundantSignBits(v1);
      const int32_t unscaled = quant::SaturatingRoundingDoublingHighMul(
          static_cast<int32_t>(static_cast<uint32_t>(v1) << headroom), recip);
      const int total_shift = multiplier_.shift - recip_shift - headroom;
      int32_t scaled;
      if (total_shift > 0) {
        scaled = quant::MultiplyByQuantizedMultiplier(
            unscaled, multiplier_.multiplier, total_shift);
      } else {
        scaled = RoundingShiftRight(quant::SaturatingRoundingDoublingHighMul(
                                        unscaled, multiplier_.multiplier),
                                    -total_shift);
      }
      return static_cast<T>(Clamp(zp_out_ + scaled, act_min_, act_max_));
    });
    return Status::Ok();
  }

  Activation act_;
  int32_t zp1_ = 0, zp2_ = 0, zp_out_ = 0;
  int32_t act_min_ = 0, act_max_ = 0;
  quant::QuantizedMultiplier multiplier_;
};

}  // namespace
}  // namespace binary

Result<std::unique_ptr<Op>> CreateDiv(const OpInitContext& init) {
  const fb::DivOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_DivOptions() : nullptr;
  const Activation act =
      opts != nullptr
          ? static_cast<Activation>(opts->fused_activation_function())
          : Activation::kNone;
  return std::unique_ptr<Op>(new binary::DivOp(act));
}

}  // namespace litert

// RSQRT: out = 1 / sqrt(x).
//
//   float32.
//   int8, as LiteRT, in fixed point: v = q - zp_in; v = 0 gives the largest
//   output; otherwise 1/sqrt(v) by five Newton-Raphson steps in Q3.28 (v first
//   normalized by powers of 4 into [2^27, 2^29)), then scaled by
//   1 / (sqrt(s_in) * s_out) with two double-rounding multiplies.
//   int16 (zero points 0): LiteRT's interpolated 513-entry table.
//   Inputs below zero (q < zp_in) are an error at run time, as there.
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>

#include "ops/quant/quant_math.h"
#include "ops/unary/unary_common.h"

namespace litert {
namespace {

int32_t SaturatingShiftLeft(int32_t x, int exponent) {
  const int32_t threshold = static_cast<int32_t>((1u << (31 - exponent)) - 1);
  if (x > threshold) return std::numeric_limits<int32_t>::max();
  if (x < -threshold) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(static_cast<uint32_t>(x) << exponent);
}

// 1 / sqrt(v) for an integer v >= 1 as multiplier * 2^(shift - 31).
quant::QuantizedMultiplier InverseSqrtMultiplier(int32_t v) {
  using quant::SaturatingRoundingDoublingHighMul;
  if (v <= 1) return {std::numeric_limits<int32_t>::max(), 0};
  int right_shift = 11;
  while (v >= (1 << 29)) {
    v /= 4;
    ++right_shift;
  }
  const int pairs = (std::countl_zero(static_cast<uint32_t>(v)) - 1) / 2 - 1;
  right_shift -= pairs;
  v <<= 2 * pairs;  // now in [2^27, 2^29)
  // Q3.28 values: x <- 1.5 x - (v / 2) x^3, starting from x = 1.
  const int32_t half_input = quant::RoundingDivideByPOT(v >> 1, 1);
  const int32_t three_halves = (1 << 28) + (1 << 27);
  int32_t x = 1 << 28;
  for (int i = 0; i < 5; ++i) {
    const int32_t x3 =
        SaturatingShiftLeft(SaturatingRoundingDoublingHighMul(
                                SaturatingRoundingDoublingHighMul(x, x), x),
                            6);
    const uint32_t diff =
        static_cast<uint32_t>(
            SaturatingRoundingDoublingHighMul(three_halves, x)) -
        static_cast<uint32_t>(
            SaturatingRoundingDoublingHighMul(half_input, x3));
    x = SaturatingShiftLeft(static_cast<int32_t>(diff), 3);
  }
  x = SaturatingRoundingDoublingHighMul(x, 1518500250);  // * sqrt(2) / 2
  if (right_shift < 0) {
    x = static_cast<int32_t>(static_cast<uint32_t>(x) << -right_shift);
    right_shift = 0;
  }
  return {x, -right_shift};
}

class RsqrtOp : public unary::ElementwiseUnaryOp<RsqrtOp> {
 public:
  static constexpr char kName[] = "RSQRT";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kRsqrt);
        return Status::Ok();
      case DType::kInt8: {
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        const float denominator = std::sqrt(in_q_.scale) * out_q_.scale;
        multiplier_ = quant::QuantizeMultiplier(1.0 / denominator);
        UseTable<int8_t>([this](int32_t q) { return QuantizedInt8(q); });
        return Status::Ok();
      }
      case DType::kInt16: {
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        const float largest = 32767.f * out_q_.scale;
        lut_.Build(in_q_.scale, out_q_.scale, [largest](float x) {
          return x <= 0.f ? largest : 1.f / std::sqrt(x);
        });
        UseInt16();
        return Status::Ok();
      }
      default:
        return Unsupported(ctx, in.type, "float32, int8, int16");
    }
  }
  Status Validate(OpContext& ctx, const RtTensor& in) const {
    return unary::CheckNotBelowZeroPoint(ctx, in, in_q_.zero_point, kName);
  }
  float Apply(float x) const { return 1.f / std::sqrt(x); }
  int16_t Int16(int16_t q) const { return lut_.Lookup(q); }

 private:
  int32_t QuantizedInt8(int32_t q) const {
    constexpr int kShift = 20;  // keeps the intermediate an integer
    const int32_t v = q - in_q_.zero_point;
    if (v <= 0) return QMax<int8_t>();  // 0 (and the rejected negatives)
    const quant::QuantizedMultiplier inv = InverseSqrtMultiplier(v);
    const int32_t scaled = quant::MultiplyByQuantizedMultiplier(
        1, inv.multiplier, inv.shift + kShift);
    return quant::MultiplyByQuantizedMultiplier(scaled, multiplier_.multiplier,
                                                multiplier_.shift - kShift) +
           out_q_.zero_point;
  }

  quant::QuantizedMultiplier multiplier_;
  unary::Int16Lut lut_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateRsqrt(const OpInitContext&) {
  return std::unique_ptr<Op>(new RsqrtOp);
}

}  // namespace litert

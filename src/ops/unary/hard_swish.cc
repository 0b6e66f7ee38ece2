// HARD_SWISH: out = x * relu6(x + 3) / 6.
//
//   float32.
//   int8 and uint8, as LiteRT, in 16-bit fixed point (then kept as a
//   256-entry table): with v = q - zp_in and h = v * 2^7 (the input on a
//   finer scale s_in / 128),
//     r = h * (s_in / 128) / (3 / 2^15)   saturated to [-1, 1) in Q15: x / 3
//     r = (r + 1) / 2                     in [0, 1]: relu6(x + 3) / 6
//     y = h * (s_in / 128) / s_out        the identity part on the out scale
//     out = (r * y) / 2^-e + zp_out       truncating high multiply, rounding
//                                         shift
//   Both multipliers are Q15 (a Q31 multiplier rounded to 16 bits). The
//   output multiplier must be below 1 (s_in / s_out < 128), as there.
#include <memory>

#include "ops/quant/fixed_point_int16.h"
#include "ops/quant/quant_math.h"
#include "ops/unary/unary_common.h"

namespace litert {
namespace {

class HardSwishOp : public unary::ElementwiseUnaryOp<HardSwishOp> {
 public:
  static constexpr char kName[] = "HARD_SWISH";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    if (in.type == DType::kFloat32) {
      UseFastFloat(fast::FloatUnaryOp::kHardSwish);
      return Status::Ok();
    }
    if (in.type != DType::kInt8 && in.type != DType::kUInt8) {
      return Unsupported(ctx, in.type, "float32, int8, uint8");
    }
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
    const float hires_input_scale = (1.f / 128.f) * in_q_.scale;
    const quant::QuantizedMultiplier output =
        quant::QuantizeMultiplier(hires_input_scale / out_q_.scale);
    const quant::QuantizedMultiplier reluish =
        quant::QuantizeMultiplier(hires_input_scale / (3.f / 32768.f));
    LITERT_CHECK_OP(ctx, output.shift <= 0,
                    "HARD_SWISH needs input scale / output scale < 128, got " +
                        std::to_string(in_q_.scale / out_q_.scale));
    output_multiplier_ = quant::DownScaleMultiplierToInt16(output.multiplier);
    output_exponent_ = output.shift;
    reluish_multiplier_ = quant::DownScaleMultiplierToInt16(reluish.multiplier);
    reluish_exponent_ = reluish.shift;
    if (in.type == DType::kInt8) {
      UseTable<int8_t>([this](int32_t q) { return Quantized(q); });
    } else {
      UseTable<uint8_t>([this](int32_t q) { return Quantized(q); });
    }
    return Status::Ok();
  }

  float Apply(float x) const {
    return x * std::min(std::max(x + 3.f, 0.f), 6.f) / 6.f;
  }

 private:
  int32_t Quantized(int32_t q) const {
    using quant::RoundingDivideByPOT16;
    using quant::Saturate16;
    using quant::SaturatingRoundingDoublingHighMul16;
    const int16_t hires = static_cast<int16_t>((q - in_q_.zero_point) * 128);
    const int16_t preshift_output =
        SaturatingRoundingDoublingHighMul16(hires, output_multiplier_);
    int16_t reluish = hires;
    if (reluish_exponent_ > 0) {
      reluish = Saturate16(int32_t{reluish} * (1 << (reluish_exponent_ - 1)));
    }
    reluish = SaturatingRoundingDoublingHighMul16(reluish, reluish_multiplier_);
    if (reluish_exponent_ > 0) {
      reluish = Saturate16(int32_t{reluish} * 2);
    } else if (reluish_exponent_ < 0) {
      reluish = RoundingDivideByPOT16(reluish, -reluish_exponent_);
    }
    reluish = static_cast<int16_t>((int32_t{reluish} + (1 << 15)) >> 1);
    const int16_t product =
        quant::SaturatingDoublingHighMul16(reluish, preshift_output);
    return RoundingDivideByPOT16(product, -output_exponent_) +
           out_q_.zero_point;
  }

  int16_t output_multiplier_ = 0, reluish_multiplier_ = 0;
  int output_exponent_ = 0, reluish_exponent_ = 0;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateHardSwish(const OpInitContext&) {
  return std::unique_ptr<Op>(new HardSwishOp);
}

}  // namespace litert

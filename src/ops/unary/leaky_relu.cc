// LEAKY_RELU: out = x for x >= 0, alpha * x for x < 0 (LeakyReluOptions.alpha,
// default 0).
//
//   float32.
//   int8 and uint8 (a 256-entry table), with v = q - zp_in: when the scale
//   ratios r = s_in / s_out (in [2^-8, 2^7]) and alpha * r (nonzero magnitude
//   >= 2^-8, within (-128, 128]) allow it, the official runtime's default
//   path (its XNNPACK CPU delegate) takes the op and rounds both slopes to
//   1/256:
//     out = zp_out + floor((v * lrint(256 * (v >= 0 ? r : alpha * r)) + 128)
//                          / 256)
//   otherwise its builtin kernel: out = zp_out + MBQM(v, r or alpha * r).
//   int16 (zero points 0): the builtin kernel's MBQM form.
//   The ratios are formed in float, as there.
#include <cmath>
#include <memory>

#include "ops/quant/quant_math.h"
#include "ops/unary/unary_common.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class LeakyReluOp : public unary::ElementwiseUnaryOp<LeakyReluOp> {
 public:
  static constexpr char kName[] = "LEAKY_RELU";
  explicit LeakyReluOp(float alpha) : alpha_(alpha) {}

  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    if (in.type == DType::kFloat32) {
      UseFastFloat(fast::FloatUnaryOp::kLeakyRelu, {.alpha = alpha_});
      return Status::Ok();
    }
    if (in.type != DType::kInt8 && in.type != DType::kUInt8 &&
        in.type != DType::kInt16) {
      return Unsupported(ctx, in.type, "float32, int8, uint8, int16");
    }
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
    const float identity = in_q_.scale / out_q_.scale;
    const float negative = identity * alpha_;
    identity_ = quant::QuantizeMultiplier(identity);
    alpha_multiplier_ =
        quant::QuantizeMultiplier(in_q_.scale * alpha_ / out_q_.scale);
    // The CPU delegate's conditions for taking 8-bit LEAKY_RELU.
    per_256_ = in.type != DType::kInt16 && identity >= 0x1.0p-8f &&
               identity <= 0x1.0p+7f && negative >= -0x1.FFFC00p+6f &&
               negative <= 0x1.0p+7f && std::fabs(negative) >= 0x1.0p-8f;
    if (per_256_) {
      positive_per_256_ = static_cast<int32_t>(std::lrintf(256.f * identity));
      negative_per_256_ = static_cast<int32_t>(std::lrintf(256.f * negative));
    }
    if (in.type == DType::kInt8) {
      UseTable<int8_t>([this](int32_t q) { return Quantized(q); });
    } else if (in.type == DType::kUInt8) {
      UseTable<uint8_t>([this](int32_t q) { return Quantized(q); });
    } else {
      UseInt16();
    }
    return Status::Ok();
  }

  float Apply(float x) const { return x > 0.f ? x : x * alpha_; }
  int16_t Int16(int16_t q) const {
    return static_cast<int16_t>(
        std::clamp<int32_t>(Quantized(q), QMin<int16_t>(), QMax<int16_t>()));
  }

 private:
  int32_t Quantized(int32_t q) const {
    const int32_t v = q - in_q_.zero_point;
    if (per_256_) {
      const int32_t slope = v >= 0 ? positive_per_256_ : negative_per_256_;
      return out_q_.zero_point + ((v * slope + 128) >> 8);  // floor
    }
    return out_q_.zero_point + quant::MultiplyByQuantizedMultiplier(
                                   v, v >= 0 ? identity_ : alpha_multiplier_);
  }

  float alpha_;
  quant::QuantizedMultiplier identity_, alpha_multiplier_;
  bool per_256_ = false;
  int32_t positive_per_256_ = 0, negative_per_256_ = 0;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateLeakyRelu(const OpInitContext& init) {
  const fb::LeakyReluOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_LeakyReluOptions()
                         : nullptr;
  return std::unique_ptr<Op>(
      new LeakyReluOp(opts != nullptr ? opts->alpha() : 0.f));
}

}  // namespace litert

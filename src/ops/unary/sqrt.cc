// SQRT: out = sqrt(x).
//
//   float32 (NaN for negative x).
//   int8 and int16 (int16: zero points 0), as the official runtime: the square
//   root of the dequantized input in float, divided by the output scale and
//   truncated (not rounded), plus the output zero point:
//     out = clamp(trunc(sqrt(s_in * (q - zp_in)) / s_out) + zp_out)
//   An input below zero (q < zp_in) is an error at run time, as there.
#include <cmath>
#include <memory>

#include "ops/unary/unary_common.h"

namespace litert {
namespace {

class SqrtOp : public unary::ElementwiseUnaryOp<SqrtOp> {
 public:
  static constexpr char kName[] = "SQRT";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kSqrt);
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseTable<int8_t>([this](int32_t q) { return Quantized(q, -128, 127); });
        return Status::Ok();
      case DType::kInt16:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseInt16();
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type, "float32, int8, int16");
    }
  }

  Status Validate(OpContext& ctx, const RtTensor& in) const {
    return unary::CheckNotBelowZeroPoint(ctx, in, in_q_.zero_point, kName);
  }

  float Apply(float x) const { return std::sqrt(x); }
  int16_t Int16(int16_t q) const {
    return static_cast<int16_t>(Quantized(q, -32768, 32767));
  }

 private:
  int32_t Quantized(int32_t q, int32_t qmin, int32_t qmax) const {
    const float root =
        std::sqrt(in_q_.scale * static_cast<float>(q - in_q_.zero_point));
    const float v =
        std::trunc(root / out_q_.scale) + static_cast<float>(out_q_.zero_point);
    if (!(v > static_cast<float>(qmin))) return qmin;  // also NaN (q < zp)
    if (v > static_cast<float>(qmax)) return qmax;
    return static_cast<int32_t>(v);
  }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateSqrt(const OpInitContext&) {
  return std::unique_ptr<Op>(new SqrtOp);
}

}  // namespace litert

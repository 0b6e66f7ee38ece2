// GELU: out = x * Phi(x), Phi the standard normal CDF:
//   exact:       0.5 x (1 + erf(x / sqrt(2)))
//   approximate: 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3)))
// (GeluOptions.approximate; the schema default is exact).
//
//   float32; int8 and uint8: a 256-entry table of the real function; int16
//   (zero points 0): LiteRT's interpolated 513-entry table.
#include <cmath>
#include <memory>

#include "ops/unary/unary_common.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

float GeluExact(float x) {
  // erf evaluated in double, like the official runtime's float kernel.
  return 0.5f * x * (1.0f + std::erf(x * 0.70710678118654752440));
}

float GeluApproximate(float x) {
  constexpr float kSqrt2OverPi = 0.7978845608028654f;
  return 0.5f * x *
         (1.0f + std::tanh(kSqrt2OverPi * (x + 0.044715f * x * x * x)));
}

class GeluOp : public unary::ElementwiseUnaryOp<GeluOp> {
 public:
  static constexpr char kName[] = "GELU";
  explicit GeluOp(bool approximate)
      : f_(approximate ? GeluApproximate : GeluExact) {}

  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        if (f_ == GeluApproximate) {
          UseFastFloat(fast::FloatUnaryOp::kGeluApproximate);
        } else {
          UsePlain<float>();  // erf: no vector version here
        }
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<int8_t>(f_);
        return Status::Ok();
      case DType::kUInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<uint8_t>(f_);
        return Status::Ok();
      case DType::kInt16:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        lut_.Build(in_q_.scale, out_q_.scale, f_);
        UseInt16();
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type, "float32, int8, uint8, int16");
    }
  }
  float Apply(float x) const { return f_(x); }
  int16_t Int16(int16_t q) const { return lut_.Lookup(q); }

 private:
  float (*f_)(float);
  unary::Int16Lut lut_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateGelu(const OpInitContext& init) {
  const fb::GeluOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_GeluOptions() : nullptr;
  return std::unique_ptr<Op>(
      new GeluOp(opts != nullptr && opts->approximate()));
}

}  // namespace litert

// RELU and RELU6: out = clamp(x, 0, inf) and clamp(x, 0, 6).
//
// float32: the clamp itself. int8/uint8/int16: like LiteRT, the input is
// requantized to the output's scale with a fixed-point multiplier
// (s_in / s_out), then clamped to the quantized range of [0, 6] (or [0, inf))
// on the output:
//   out = clamp(zp_out + MBQM(q - zp_in, s_in / s_out), q(0), q(6))
// where q(v) = zp_out + round_half_away(v / s_out), limited to the type's
// range.
#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <string>

#include "ops/fast/elementwise_float.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/quant/quant_math.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class ReluOp : public Op {
 public:
  // `act` is kRelu or kRelu6; `name` is for messages.
  ReluOp(Activation act, const char* name) : act_(act), name_(name) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 1 && ctx.has_input(0),
        name_ + " expects 1 input, got " + std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        name_ + " expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    type_ = in.type;
    LITERT_CHECK_OP(ctx,
                    type_ == DType::kFloat32 || type_ == DType::kInt8 ||
                        type_ == DType::kUInt8 || type_ == DType::kInt16,
                    name_ + " does not support input type " + DTypeName(type_) +
                        " (float32, int8, uint8, int16)");
    LITERT_CHECK_OP(ctx, out.type == type_,
                    name_ + " output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(type_) + " like the input");
    ctx.SetOutputShape(0, in.shape);
    if (type_ == DType::kFloat32) return Status::Ok();

    const bool in_ok = in.quant.scale.size() == 1 && in.quant.scale[0] > 0.f;
    const bool out_ok = out.quant.scale.size() == 1 && out.quant.scale[0] > 0.f;
    LITERT_CHECK_OP(ctx, in_ok,
                    name_ + " input needs one positive quantization scale");
    LITERT_CHECK_OP(ctx, out_ok,
                    name_ + " output needs one positive quantization scale");
    zp_in_ = in.quant.zero_point.empty()
                 ? 0
                 : static_cast<int32_t>(in.quant.zero_point[0]);
    zp_out_ = out.quant.zero_point.empty()
                  ? 0
                  : static_cast<int32_t>(out.quant.zero_point[0]);
    multiplier_ = quant::QuantizeMultiplier(double{in.quant.scale[0]} /
                                            out.quant.scale[0]);
    int32_t qmin = QMin<int8_t>(), qmax = QMax<int8_t>();
    if (type_ == DType::kUInt8) {
      qmin = QMin<uint8_t>();
      qmax = QMax<uint8_t>();
    } else if (type_ == DType::kInt16) {
      qmin = QMin<int16_t>();
      qmax = QMax<int16_t>();
    }
    QuantizedActivationRange(act_, out.quant.scale[0], zp_out_, qmin, qmax,
                             &lo_, &hi_);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& in = ctx.input(0);
    RtTensor& out = ctx.output(0);
    switch (type_) {
      case DType::kFloat32: {
        float lo, hi;
        FloatActivationRange(act_, &lo, &hi);
        // min(max(x, lo), hi) with NaN kept, as the clamp of the fast path.
        fast::FloatUnary(fast::FloatUnaryOp::kClamp, {.lo = lo, .hi = hi},
                         in.as<float>(), out.as<float>(), in.num_elements(),
                         ctx.thread_pool());
        break;
      }
      case DType::kInt8:
        EvalQuantized<int8_t>(in, out);
        break;
      case DType::kUInt8:
        EvalQuantized<uint8_t>(in, out);
        break;
      case DType::kInt16:
        EvalQuantized<int16_t>(in, out);
        break;
      default:
        return ctx.Error(name_ + ": unexpected type " + DTypeName(type_));
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void EvalQuantized(const RtTensor& in, RtTensor& out) const {
    const T* x = in.as<T>();
    T* y = out.as<T>();
    const int64_t n = in.num_elements();
    for (int64_t i = 0; i < n; ++i) {
      const int32_t v =
          zp_out_ + quant::MultiplyByQuantizedMultiplier(
                        static_cast<int32_t>(x[i]) - zp_in_, multiplier_);
      y[i] = static_cast<T>(std::min(std::max(v, lo_), hi_));
    }
  }

  Activation act_;
  std::string name_;
  DType type_ = DType::kFloat32;
  int32_t zp_in_ = 0, zp_out_ = 0, lo_ = 0, hi_ = 0;
  quant::QuantizedMultiplier multiplier_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateRelu(const OpInitContext&) {
  return std::unique_ptr<Op>(new ReluOp(Activation::kRelu, "RELU"));
}

Result<std::unique_ptr<Op>> CreateRelu6(const OpInitContext&) {
  return std::unique_ptr<Op>(new ReluOp(Activation::kRelu6, "RELU6"));
}

}  // namespace litert

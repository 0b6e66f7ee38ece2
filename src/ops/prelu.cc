// PRELU: out = x >= 0 ? x : alpha * x, with `alpha` broadcast against `x`
// (NumPy rules; the output has the broadcast shape).
//
// int8/uint8 follow LiteRT: with x' = q_x - zp_x and a' = q_alpha - zp_alpha,
//   r = x' >= 0 ? MBQM(x', s_x / s_out) : MBQM(x' * a', s_x * s_a / s_out)
//   out = clamp(zp_out + r) to the type's range
// MBQM being MultiplyByQuantizedMultiplier. Unlike LiteRT, which requires the
// output to have the input's shape, alpha may also stretch the input.
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "ops/broadcast.h"
#include "ops/fast/elementwise_float.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "ops/quant/quant_math.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

bool HasOneScale(const RtTensor& t) {
  return t.quant.scale.size() == 1 && t.quant.scale[0] > 0.f &&
         t.quant.zero_point.size() <= 1;
}

int32_t ZeroPoint(const RtTensor& t) {
  return t.quant.zero_point.empty()
             ? 0
             : static_cast<int32_t>(t.quant.zero_point[0]);
}

class PreluOp : public Op {
 public:
  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 2 && ctx.has_input(0) && ctx.has_input(1),
        "PRELU expects 2 inputs (input, alpha), got " +
            std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        "PRELU expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& alpha = ctx.input(1);
    const RtTensor& out = ctx.output(0);
    type_ = in.type;
    LITERT_CHECK_OP(ctx,
                    type_ == DType::kFloat32 || type_ == DType::kInt8 ||
                        type_ == DType::kUInt8,
                    "PRELU does not support input type " + DTypeName(type_) +
                        " (float32, int8, uint8)");
    LITERT_CHECK_OP(ctx, alpha.type == type_,
                    "PRELU alpha (input 1) has type " + DTypeName(alpha.type) +
                        ", expected " + DTypeName(type_) + " like input 0");
    LITERT_CHECK_OP(ctx, out.type == type_,
                    "PRELU output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(type_) + " like the input");
    LITERT_CHECK_OP(ctx, bc_.Init(in.shape, alpha.shape),
                    "PRELU input shape " + ShapeToString(in.shape) +
                        " and alpha shape " + ShapeToString(alpha.shape) +
                        " do not broadcast (or rank > " +
                        std::to_string(kMaxBroadcastRank) + ")");
    ctx.SetOutputShape(0, bc_.output_shape());
    if (type_ == DType::kFloat32) return Status::Ok();

    LITERT_CHECK_OP(ctx, HasOneScale(in),
                    "PRELU input needs one positive quantization scale");
    LITERT_CHECK_OP(ctx, HasOneScale(alpha),
                    "PRELU alpha needs one positive quantization scale "
                    "(per-channel alpha is "
                    "not supported)");
    LITERT_CHECK_OP(ctx, HasOneScale(out),
                    "PRELU output needs one positive quantization scale");
    zp_in_ = ZeroPoint(in);
    zp_alpha_ = ZeroPoint(alpha);
    zp_out_ = ZeroPoint(out);
    const double s_in = in.quant.scale[0], s_alpha = alpha.quant.scale[0];
    const double s_out = out.quant.scale[0];
    positive_ = quant::QuantizeMultiplier(s_in / s_out);
    negative_ = quant::QuantizeMultiplier(s_in * s_alpha / s_out);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& in = ctx.input(0);
    const RtTensor& alpha = ctx.input(1);
    RtTensor& out = ctx.output(0);
    if (type_ == DType::kFloat32) {
      fast::FloatBinary(fast::FloatBinaryOp::kPrelu, bc_, in.as<float>(),
                        alpha.as<float>(), out.as<float>(), -HUGE_VALF,
                        HUGE_VALF, ctx.thread_pool());
    } else if (type_ == DType::kInt8) {
      EvalQuantized<int8_t>(in, alpha, out);
    } else {
      EvalQuantized<uint8_t>(in, alpha, out);
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void EvalQuantized(const RtTensor& in, const RtTensor& alpha,
                     RtTensor& out) const {
    const T* x = in.as<T>();
    const T* a = alpha.as<T>();
    T* y = out.as<T>();
    bc_.ForEach([&](int64_t i, int64_t ix, int64_t ia) {
      const int32_t v = static_cast<int32_t>(x[ix]) - zp_in_;
      int32_t r;
      if (v >= 0) {
        r = quant::MultiplyByQuantizedMultiplier(v, positive_);
      } else {
        const int32_t av = static_cast<int32_t>(a[ia]) - zp_alpha_;
        r = quant::MultiplyByQuantizedMultiplier(v * av, negative_);
      }
      y[i] =
          static_cast<T>(std::min(std::max(r + zp_out_, QMin<T>()), QMax<T>()));
    });
  }

  DType type_ = DType::kFloat32;
  BroadcastIndexer bc_;
  int32_t zp_in_ = 0, zp_alpha_ = 0, zp_out_ = 0;
  quant::QuantizedMultiplier positive_, negative_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreatePrelu(const OpInitContext&) {
  return std::unique_ptr<Op>(new PreluOp());
}

}  // namespace litert

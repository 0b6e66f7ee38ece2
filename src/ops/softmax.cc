// SOFTMAX over the last axis:
//   out_i = exp(beta * (x_i - max)) / sum_j exp(beta * (x_j - max))
//
// float32: computed in float as written, exp by a vector kernel (within an
// ulp of std::exp; ops/fast/elementwise_float.h).
// int8 -> int8 and uint8 -> uint8: the output is fixed at scale 1/256 and zero
// point -128 (int8) or 0 (uint8), as LiteRT requires. Each probability is
// computed in float from exp((q_i - q_max) * s_in * beta) and quantized with
// round-half-away-from-zero:
//   out_i = clamp(round(p_i * 256) + zp_out)
// LiteRT's own int8 kernels do not agree bit for bit (its reference kernel uses
// gemmlowp fixed-point exp, its optimized kernel a float lookup table); they
// differ from each other, and from this kernel, by at most one quantum.
// int8 -> int16 (TFLite Micro's keyword model): the same, with the int16
// output's own scale and zero point (LiteRT writes 1/65536 and -32768):
//   out_i = clamp(round(p_i / s_out) + zp_out)
#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "ops/fast/elementwise_float.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class SoftmaxOp : public Op {
 public:
  explicit SoftmaxOp(float beta) : beta_(beta) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_CHECK_OP(
        ctx, ctx.num_inputs() == 1 && ctx.has_input(0),
        "SOFTMAX expects 1 input, got " + std::to_string(ctx.num_inputs()));
    LITERT_CHECK_OP(
        ctx, ctx.num_outputs() == 1,
        "SOFTMAX expects 1 output, got " + std::to_string(ctx.num_outputs()));
    const RtTensor& in = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    type_ = in.type;
    LITERT_CHECK_OP(ctx,
                    type_ == DType::kFloat32 || type_ == DType::kInt8 ||
                        type_ == DType::kUInt8,
                    "SOFTMAX does not support input type " + DTypeName(type_) +
                        " (float32, int8, uint8)");
    out_type_ = out.type;
    const bool int8_to_int16 =
        type_ == DType::kInt8 && out_type_ == DType::kInt16;
    LITERT_CHECK_OP(ctx, out.type == type_ || int8_to_int16,
                    "SOFTMAX output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(type_) +
                        " like the input (or int16 for an int8 input)");
    LITERT_CHECK_OP(
        ctx, in.rank() >= 1,
        "SOFTMAX input must have at least 1 dimension, got a scalar");
    ctx.SetOutputShape(0, in.shape);
    depth_ = in.dim(in.rank() - 1);
    rows_ = depth_ > 0 ? in.num_elements() / depth_ : 0;
    if (type_ == DType::kFloat32) return Status::Ok();

    LITERT_CHECK_OP(ctx, in.quant.scale.size() == 1 && in.quant.scale[0] > 0.f,
                    "SOFTMAX input needs one positive quantization scale");
    input_scale_ = in.quant.scale[0];
    if (int8_to_int16) {
      LITERT_CHECK_OP(
          ctx,
          out.quant.scale.size() == 1 && out.quant.scale[0] > 0.f &&
              std::isfinite(out.quant.scale[0]) &&
              out.quant.zero_point.size() == 1 &&
              out.quant.zero_point[0] >= QMin<int16_t>() &&
              out.quant.zero_point[0] <= QMax<int16_t>(),
          "SOFTMAX int16 output needs one positive scale and a zero point in "
          "the int16 range");
      out_scale_ = out.quant.scale[0];
      out_zp_ = static_cast<int32_t>(out.quant.zero_point[0]);
      return Status::Ok();
    }
    out_scale_ = 1.f / 256;
    const int64_t want_zp = type_ == DType::kInt8 ? -128 : 0;
    const bool out_ok =
        out.quant.scale.size() == 1 &&
        std::abs(out.quant.scale[0] - 1.f / 256) <= 0.001f / 256 &&
        out.quant.zero_point.size() == 1 && out.quant.zero_point[0] == want_zp;
    LITERT_CHECK_OP(ctx, out_ok,
                    "SOFTMAX " + DTypeName(type_) +
                        " output must have scale 1/256 and zero "
                        "point " +
                        std::to_string(want_zp));
    out_zp_ = static_cast<int32_t>(want_zp);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& in = ctx.input(0);
    RtTensor& out = ctx.output(0);
    if (type_ == DType::kFloat32) {
      fast::SoftmaxFloat(in.as<float>(), out.as<float>(), rows_, depth_, beta_,
                         ctx.thread_pool());
    } else if (out_type_ == DType::kInt16) {
      EvalQuantized<int8_t, int16_t>(in, out);
    } else if (type_ == DType::kInt8) {
      EvalQuantized<int8_t, int8_t>(in, out);
    } else {
      EvalQuantized<uint8_t, uint8_t>(in, out);
    }
    return Status::Ok();
  }

 private:
  template <typename T, typename OutT>
  void EvalQuantized(const RtTensor& in, RtTensor& out) const {
    const T* x = in.as<T>();
    OutT* y = out.as<OutT>();
    const float k = input_scale_ * beta_;
    for (int64_t r = 0; r < rows_; ++r, x += depth_, y += depth_) {
      int32_t max = x[0];
      for (int32_t i = 1; i < depth_; ++i) max = std::max<int32_t>(max, x[i]);
      float sum = 0.f;
      for (int32_t i = 0; i < depth_; ++i) {
        sum +=
            std::exp(static_cast<float>(static_cast<int32_t>(x[i]) - max) * k);
      }
      // sum >= 1 (the max element contributes exp(0)): never divides by 0.
      const double inv = 1.0 / (static_cast<double>(sum) * out_scale_);
      for (int32_t i = 0; i < depth_; ++i) {
        const float p =
            std::exp(static_cast<float>(static_cast<int32_t>(x[i]) - max) * k);
        // Bounded before the cast: a negative beta can overflow exp and make
        // this NaN.
        const double scaled = std::round(p * inv);
        const double bounded = scaled >= 0.0 ? std::min(scaled, 131072.0) : 0.0;
        const int32_t q = static_cast<int32_t>(bounded) + out_zp_;
        y[i] = static_cast<OutT>(
            std::min(std::max(q, QMin<OutT>()), QMax<OutT>()));
      }
    }
  }

  float beta_;
  DType type_ = DType::kFloat32;
  DType out_type_ = DType::kFloat32;
  float out_scale_ = 1.f / 256;
  int32_t out_zp_ = 0;
  int32_t depth_ = 0;
  int64_t rows_ = 0;
  float input_scale_ = 1.f;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateSoftmax(const OpInitContext& init) {
  const fb::SoftmaxOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_SoftmaxOptions()
                         : nullptr;
  // The schema default of beta is 0; a missing table means the options were
  // never written, and LiteRT's parser leaves beta at 0 then too.
  return std::unique_ptr<Op>(
      new SoftmaxOp(opts != nullptr ? opts->beta() : 0.f));
}

}  // namespace litert

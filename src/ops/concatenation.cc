// CONCATENATION: joins N >= 1 tensors along `axis` (negative counts from the
// end).
//
// All inputs have the output's type and rank and agree on every dimension but
// `axis`. The output is viewed as [outer, axis * inner]: each input contributes
// one contiguous run of (its axis size * inner) elements per outer index.
//
// int8/uint8: an input whose scale and zero point equal the output's is
// copied; otherwise each value is requantized through real numbers, as LiteRT
// does for rescaled (uint8) concatenation:
//   scale = s_in * (1 / s_out), bias = -zp_in * scale   (float)
//   out = clamp(round_half_away(q * scale + bias) + zp_out)
// (LiteRT itself refuses int8 inputs whose parameters differ from the
// output's; litert applies the uint8 rule to int8 too.)
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "ops/data_movement.h"
#include "ops/op.h"
#include "ops/op_util.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace {

class ConcatenationOp : public Op {
 public:
  ConcatenationOp(int axis, Activation act) : axis_option_(axis), act_(act) {}

  Status Prepare(OpContext& ctx) override {
    const int n = ctx.num_inputs();
    LITERT_CHECK_OP(ctx, n >= 1, "CONCATENATION expects at least 1 input");
    LITERT_CHECK_OP(ctx, ctx.num_outputs() == 1,
                    "CONCATENATION expects 1 output, got " +
                        std::to_string(ctx.num_outputs()));
    LITERT_CHECK_OP(ctx, act_ == Activation::kNone,
                    "CONCATENATION fused activation " +
                        std::to_string(static_cast<int>(act_)) +
                        " is not supported (only NONE)");
    for (int i = 0; i < n; ++i) {
      LITERT_CHECK_OP(
          ctx, ctx.has_input(i),
          "CONCATENATION input " + std::to_string(i) + " is missing");
    }
    const RtTensor& first = ctx.input(0);
    const RtTensor& out = ctx.output(0);
    type_ = first.type;
    LITERT_CHECK_OP(
        ctx,
        type_ == DType::kFloat32 || type_ == DType::kInt8 ||
            type_ == DType::kUInt8 || type_ == DType::kInt16 ||
            type_ == DType::kInt32 || type_ == DType::kInt64 ||
            type_ == DType::kBool || type_ == DType::kFloat16,
        "CONCATENATION does not support input type " + DTypeName(type_) +
            " (float32, float16, int8, uint8, int16, int32, int64, bool)");
    LITERT_CHECK_OP(ctx, out.type == type_,
                    "CONCATENATION output has type " + DTypeName(out.type) +
                        ", expected " + DTypeName(type_) + " like input 0");
    const int rank = first.rank();
    const int axis = NormalizeAxis(axis_option_, rank);
    LITERT_CHECK_OP(ctx, axis >= 0,
                    "CONCATENATION axis " + std::to_string(axis_option_) +
                        " is out of range for inputs of rank " +
                        std::to_string(rank));
    Shape out_shape = first.shape;
    int64_t axis_total = 0;
    for (int i = 0; i < n; ++i) {
      const RtTensor& t = ctx.input(i);
      LITERT_CHECK_OP(ctx, t.type == type_,
                      "CONCATENATION input " + std::to_string(i) +
                          " has type " + DTypeName(t.type) + ", expected " +
                          DTypeName(type_));
      LITERT_CHECK_OP(ctx, t.rank() == rank,
                      "CONCATENATION input " + std::to_string(i) +
                          " has shape " + ShapeToString(t.shape) +
                          ", expected rank " + std::to_string(rank) +
                          " like input 0 " + ShapeToString(first.shape));
      for (int d = 0; d < rank; ++d) {
        LITERT_CHECK_OP(
            ctx, d == axis || t.dim(d) == first.dim(d),
            "CONCATENATION input " + std::to_string(i) + " has shape " +
                ShapeToString(t.shape) + ", which differs from input 0 " +
                ShapeToString(first.shape) + " in dimension " +
                std::to_string(d) + " (axis is " + std::to_string(axis) + ")");
      }
      axis_total += t.dim(axis);
    }
    LITERT_CHECK_OP(ctx, axis_total <= std::numeric_limits<int32_t>::max(),
                    "CONCATENATION output is too large along the axis");
    out_shape[axis] = static_cast<int32_t>(axis_total);

    outer_ = 1;
    for (int d = 0; d < axis; ++d) outer_ *= first.dim(d);
    inner_ = 1;
    for (int d = axis + 1; d < rank; ++d) inner_ *= first.dim(d);
    axis_ = axis;

    rescale_.assign(n, Rescale{});
    if (type_ == DType::kInt8 || type_ == DType::kUInt8) {
      const bool out_q =
          out.quant.scale.size() == 1 && out.quant.scale[0] > 0.f;
      for (int i = 0; i < n; ++i) {
        const RtTensor& t = ctx.input(i);
        if (t.quant.scale.empty() && out.quant.scale.empty()) continue;
        LITERT_CHECK_OP(
            ctx, out_q,
            "CONCATENATION output needs one positive quantization scale");
        LITERT_CHECK_OP(ctx,
                        t.quant.scale.size() == 1 && t.quant.scale[0] > 0.f,
                        "CONCATENATION input " + std::to_string(i) +
                            " needs one positive quantization scale");
        const float s_in = t.quant.scale[0], s_out = out.quant.scale[0];
        const int32_t zp_in = t.quant.zero_point.empty()
                                  ? 0
                                  : static_cast<int32_t>(t.quant.zero_point[0]);
        const int32_t zp_out =
            out.quant.zero_point.empty()
                ? 0
                : static_cast<int32_t>(out.quant.zero_point[0]);
        if (s_in == s_out && zp_in == zp_out) continue;
        Rescale& r = rescale_[i];
        r.needed = true;
        r.scale = s_in * (1.f / s_out);
        r.bias = -static_cast<float>(zp_in) * r.scale;
        LITERT_CHECK_OP(ctx, std::isfinite(r.scale) && std::isfinite(r.bias),
                        "CONCATENATION input " + std::to_string(i) +
                            " scale is too large relative to the output scale");
        r.zp_out = zp_out;
      }
    }
    ctx.SetOutputShape(0, std::move(out_shape));
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const size_t elem = DTypeSize(type_);
    uint8_t* y = ctx.output(0).data;
    int64_t out_row = 0;  // elements per outer index in the output
    for (int i = 0; i < ctx.num_inputs(); ++i)
      out_row += ctx.input(i).dim(axis_) * inner_;
    int64_t col = 0;  // where input i starts within an output row
    for (int i = 0; i < ctx.num_inputs(); ++i) {
      const RtTensor& t = ctx.input(i);
      const int64_t run = t.dim(axis_) * inner_;
      for (int64_t o = 0; o < outer_; ++o) {
        const int64_t dst = o * out_row + col;
        const int64_t src = o * run;
        if (rescale_[i].needed) {
          if (type_ == DType::kInt8) {
            Requantize(t.as<int8_t>() + src, run, rescale_[i],
                       reinterpret_cast<int8_t*>(y) + dst);
          } else {
            Requantize(t.as<uint8_t>() + src, run, rescale_[i], y + dst);
          }
        } else if (run > 0) {
          CopyRun(y + dst * elem, t.data + src * elem, run * elem);
        }
      }
      col += run;
    }
    return Status::Ok();
  }

 private:
  struct Rescale {
    bool needed = false;
    float scale = 1.f;
    float bias = 0.f;
    int32_t zp_out = 0;
  };

  template <typename T>
  static void Requantize(const T* x, int64_t n, const Rescale& r, T* y) {
    for (int64_t j = 0; j < n; ++j) {
      // Bounded before the cast so extreme scales cannot overflow int32.
      const float real =
          std::round(static_cast<float>(x[j]) * r.scale + r.bias);
      const int32_t v =
          static_cast<int32_t>(std::min(std::max(real, -1e9f), 1e9f)) +
          r.zp_out;
      y[j] = static_cast<T>(std::min(std::max(v, QMin<T>()), QMax<T>()));
    }
  }

  int axis_option_;  // as written in the file, may be negative
  int axis_ = 0;     // normalized in Prepare
  Activation act_;
  DType type_ = DType::kFloat32;
  int64_t outer_ = 1, inner_ = 1;
  std::vector<Rescale> rescale_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateConcatenation(const OpInitContext& init) {
  const fb::ConcatenationOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_ConcatenationOptions()
                         : nullptr;
  const int axis = opts != nullptr ? opts->axis() : 0;
  const Activation act =
      opts != nullptr
          ? static_cast<Activation>(opts->fused_activation_function())
          : Activation::kNone;
  return std::unique_ptr<Op>(new ConcatenationOp(axis, act));
}

}  // namespace litert

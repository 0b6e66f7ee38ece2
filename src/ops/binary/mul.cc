// MUL: out = act(a * b), NumPy broadcasting up to rank 6.
//
//   float32: the product, then the fused clamp.
//   int32, int64: wrapping two's-complement product, then the integer clamp
//     of the fused activation.
//   int8, uint8, int16: LiteRT's fixed-point product
//       out = clamp(zp_out + MBQM((q1 - zp1) * (q2 - zp2), s1 * s2 / s_out))
//     with the real multiplier computed in float, as LiteRT does (it decides
//     ties that double precision would round the other way). int16 needs zero
//     points 0.
#include <memory>
#include <type_traits>

#include "ops/binary/binary_op.h"
#include "ops/fast/quant_binary.h"
#include "schema/tflite_generated.h"

namespace litert {
namespace binary {
namespace {

class MulOp : public BinaryOpBase {
 public:
  explicit MulOp(Activation act)
      : BinaryOpBase("MUL", {DType::kFloat32, DType::kInt32, DType::kInt64,
                             DType::kInt8, DType::kUInt8, DType::kInt16}),
        act_(act) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_RETURN_IF_ERROR(PrepareCommon(ctx));
    LITERT_RETURN_IF_ERROR(CheckClampActivation(ctx, act_));
    if (!IsQuantizedType(type_)) return Status::Ok();
    QuantParam q[3];
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, q));
    if (type_ == DType::kInt16) {
      LITERT_RETURN_IF_ERROR(CheckZeroPointsZero(ctx, q, 3));
    }
    zp1_ = q[0].zero_point;
    zp2_ = q[1].zero_point;
    zp_out_ = q[2].zero_point;
    const float real =
        q[0].scale * q[1].scale / q[2].scale;  // float, as LiteRT
    multiplier_ = quant::QuantizeMultiplier(real);
    fast_ = multiplier_.shift <= 0;
    int32_t qmin, qmax;
    QuantTypeRange(type_, &qmin, &qmax);
    QuantizedActivationRange(act_, q[2].scale, zp_out_, qmin, qmax, &act_min_,
                             &act_max_);
    fast_params_.op = fast::QuantBinaryOp::kMul;
    fast_params_.zp1 = zp1_;
    fast_params_.zp2 = zp2_;
    fast_params_.zp_out = zp_out_;
    fast_params_.act_min = act_min_;
    fast_params_.act_max = act_max_;
    fast_params_.m_out = multiplier_.multiplier;
    fast_params_.shift_out = -multiplier_.shift;
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    RtTensor& out = ctx.output(0);
    switch (type_) {
      case DType::kFloat32:
        FastFloatBinary(fast::FloatBinaryOp::kMul, bc_, ctx, act_);
        break;
      case DType::kInt32:
        EvalPlain<int32_t>(a, b, out);
        break;
      case DType::kInt64:
        EvalPlain<int64_t>(a, b, out);
        break;
      case DType::kInt8:
        EvalQuantized<int8_t>(ctx);
        break;
      case DType::kUInt8:
        EvalQuantized<uint8_t>(ctx);
        break;
      case DType::kInt16:
        EvalQuantized<int16_t>(ctx);
        break;
      default:
        return ctx.Error("MUL: unexpected type " + DTypeName(type_));
    }
    return Status::Ok();
  }

 private:
  template <typename T>
  void EvalPlain(const RtTensor& a, const RtTensor& b, RtTensor& out) const {
    T lo, hi;
    ActivationRange(act_, &lo, &hi);
    BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
      if constexpr (std::is_floating_point_v<T>) {
        return Clamp(x * y, lo, hi);
      } else {
        return Clamp(WrapMul(x, y), lo, hi);
      }
    });
  }

  template <typename T>
  void EvalQuantized(OpContext& ctx) const {
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    RtTensor& out = ctx.output(0);
    if (fast_) {
      fast::QuantBinary(fast_params_, bc_, a.as<T>(), b.as<T>(), out.as<T>(),
                        ctx.thread_pool());
      return;
    }
    BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
      const int32_t product =
          (static_cast<int32_t>(x) - zp1_) * (static_cast<int32_t>(y) - zp2_);
      const int32_t v =
          zp_out_ + quant::MultiplyByQuantizedMultiplier(product, multiplier_);
      return static_cast<T>(Clamp(v, act_min_, act_max_));
    });
  }

  Activation act_;
  int32_t zp1_ = 0, zp2_ = 0, zp_out_ = 0;
  int32_t act_min_ = 0, act_max_ = 0;
  quant::QuantizedMultiplier multiplier_;
  bool fast_ = false;  // right shifts only: the vector kernel
  fast::QuantBinaryParams fast_params_;
};

}  // namespace
}  // namespace binary

Result<std::unique_ptr<Op>> CreateMul(const OpInitContext& init) {
  const fb::MulOptions* opts =
      init.op != nullptr ? init.op->builtin_options_as_MulOptions() : nullptr;
  const Activation act =
      opts != nullptr
          ? static_cast<Activation>(opts->fused_activation_function())
          : Activation::kNone;
  return std::unique_ptr<Op>(new binary::MulOp(act));
}

}  // namespace litert

// ADD and SUB: out = act(a + b) and out = act(a - b), NumPy broadcasting up to
// rank 6. One kernel; SUB negates the second operand's rescaled value.
//
//   float32: plain arithmetic, then the fused clamp.
//   int32, int64: wrapping two's-complement arithmetic, then the integer clamp
//     ([0, inf), [-1, 1], [0, 6]) of the fused activation.
//   int8, uint8, int16 (general scales): LiteRT's rescaled fixed-point add.
//     Both inputs are brought to a common scale twice_max = 2 * max(s1, s2)
//     with `left_shift` extra bits (20 for 8-bit, 15 for int16), combined, and
//     the result is rescaled to the output:
//       a = MBQM((q1 - zp1) << left_shift, s1 / twice_max)
//       b = MBQM((q2 - zp2) << left_shift, s2 / twice_max)
//       out = clamp(MBQM(a +- b, twice_max / (2^left_shift * s_out)) + zp_out)
//     where MBQM is MultiplyByQuantizedMultiplier (LiteRT's double rounding);
//     the real multipliers are computed in double from the float scales.
//     int16 needs zero points 0 (LiteRT rejects others).
//   int16 with pot_scale_int16 set and power-of-two scales: LiteRT's older
//     symmetric path. One input has the output's scale, the other is
//     rounding-shifted right onto it, and the two are combined with int16
//     saturation. (LiteRT aborts on this path for ADD when shapes broadcast;
//     litert broadcasts with the same per-element arithmetic.) Without
//     options LiteRT leaves pot_scale_int16 false: general path.
#pragma once

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>

#include "ops/binary/binary_op.h"
#include "ops/fast/int8_gemm.h"
#include "ops/fast/quant_binary.h"

namespace litert::binary {

class AddSubOp : public BinaryOpBase {
 public:
  // `pot_scale_int16` is the option's value, false when the op has no options.
  AddSubOp(bool subtract, Activation act, bool pot_scale_int16)
      : BinaryOpBase(subtract ? "SUB" : "ADD",
                     {DType::kFloat32, DType::kInt32, DType::kInt64,
                      DType::kInt8, DType::kUInt8, DType::kInt16}),
        subtract_(subtract),
        act_(act),
        pot_scale_int16_(pot_scale_int16) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_RETURN_IF_ERROR(PrepareCommon(ctx));
    LITERT_RETURN_IF_ERROR(CheckClampActivation(ctx, act_));
    if (IsQuantizedType(type_)) return PrepareQuantized(ctx);
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    RtTensor& out = ctx.output(0);
    switch (type_) {
      case DType::kFloat32:
        FastFloatBinary(
            subtract_ ? fast::FloatBinaryOp::kSub : fast::FloatBinaryOp::kAdd,
            bc_, ctx, act_);
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
        if (pot_path_) {
          EvalPotInt16(a, b, out);
        } else {
          EvalQuantized<int16_t>(ctx);
        }
        break;
      default:
        return ctx.Error(name_ + ": unexpected type " + DTypeName(type_));
    }
    return Status::Ok();
  }

 private:
  // The general rescaled path: the vector kernel when its multipliers allow.
  template <typename T>
  void EvalQuantized(OpContext& ctx) const {
    if (fast_) {
      fast::QuantBinary(fast_params_, bc_, ctx.input(0).as<T>(),
                        ctx.input(1).as<T>(), ctx.output(0).as<T>(),
                        ctx.thread_pool());
    } else {
      EvalGeneral<T>(ctx.input(0), ctx.input(1), ctx.output(0));
    }
  }

  // log2(scale) when scale is a power of two within LiteRT's tolerance (the
  // fractional part of log2 below 1e-3).
  static bool NearLog2(float scale, int* log2) {
    const double l = std::log2(double{scale});
    const double rounded = std::round(l);
    *log2 = static_cast<int>(rounded);
    return std::abs(l - rounded) < 1e-3;
  }

  Status PrepareQuantized(OpContext& ctx) {
    QuantParam q[3];
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, q));
    if (type_ == DType::kInt16) {
      LITERT_RETURN_IF_ERROR(CheckZeroPointsZero(ctx, q, 3));
    }
    zp1_ = q[0].zero_point;
    zp2_ = q[1].zero_point;
    zp_out_ = q[2].zero_point;
    int32_t qmin, qmax;
    QuantTypeRange(type_, &qmin, &qmax);
    QuantizedActivationRange(act_, q[2].scale, zp_out_, qmin, qmax, &act_min_,
                             &act_max_);

    pot_path_ = false;
    int l1, l2, l_out;
    if (type_ == DType::kInt16 && pot_scale_int16_ &&
        NearLog2(q[0].scale, &l1) && NearLog2(q[1].scale, &l2) &&
        NearLog2(q[2].scale, &l_out)) {
      pot_path_ = true;
      shift1_ = l1 - l_out;
      shift2_ = l2 - l_out;
      LITERT_CHECK_OP(
          ctx, (shift1_ == 0 || shift2_ == 0) && shift1_ <= 0 && shift2_ <= 0,
          name_ +
              " int16 with power-of-two scales needs one input scale "
              "equal to the output scale and the other no larger");
      return Status::Ok();
    }
    left_shift_ = type_ == DType::kInt16 ? 15 : 20;
    const double twice_max = 2.0 * std::max<double>(q[0].scale, q[1].scale);
    m1_ = quant::QuantizeMultiplier(q[0].scale / twice_max);
    m2_ = quant::QuantizeMultiplier(q[1].scale / twice_max);
    m_out_ = quant::QuantizeMultiplier(
        twice_max / ((1 << left_shift_) * double{q[2].scale}));
    fast_ = m1_.shift <= 0 && m2_.shift <= 0 && m_out_.shift <= 0;
    fast_params_.op =
        subtract_ ? fast::QuantBinaryOp::kSub : fast::QuantBinaryOp::kAdd;
    fast_params_.zp1 = zp1_;
    fast_params_.zp2 = zp2_;
    fast_params_.zp_out = zp_out_;
    fast_params_.act_min = act_min_;
    fast_params_.act_max = act_max_;
    fast_params_.left_shift = left_shift_;
    fast_params_.m1 = m1_.multiplier;
    fast_params_.m2 = m2_.multiplier;
    fast_params_.m_out = m_out_.multiplier;
    fast_params_.shift1 = -m1_.shift;
    fast_params_.shift2 = -m2_.shift;
    fast_params_.shift_out = -m_out_.shift;
    return Status::Ok();
  }

  template <typename T>
  void EvalPlain(const RtTensor& a, const RtTensor& b, RtTensor& out) const {
    T lo, hi;
    ActivationRange(act_, &lo, &hi);
    if (subtract_) {
      BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
        if constexpr (std::is_floating_point_v<T>) {
          return Clamp(x - y, lo, hi);
        } else {
          return Clamp(WrapSub(x, y), lo, hi);
        }
      });
    } else {
      BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
        if constexpr (std::is_floating_point_v<T>) {
          return Clamp(x + y, lo, hi);
        } else {
          return Clamp(WrapAdd(x, y), lo, hi);
        }
      });
    }
  }

  template <typename T>
  void EvalGeneral(const RtTensor& a, const RtTensor& b, RtTensor& out) const {
    const int32_t scale_up = 1 << left_shift_;
    const int32_t sign = subtract_ ? -1 : 1;
    BinaryLoop<T, T>(bc_, a, b, out, [&](T x, T y) {
      const int32_t scaled1 = quant::MultiplyByQuantizedMultiplier(
          (static_cast<int32_t>(x) - zp1_) * scale_up, m1_);
      const int32_t scaled2 = quant::MultiplyByQuantizedMultiplier(
          (static_cast<int32_t>(y) - zp2_) * scale_up, m2_);
      const int32_t v = quant::MultiplyByQuantizedMultiplier(
                            scaled1 + sign * scaled2, m_out_) +
                        zp_out_;
      return static_cast<T>(Clamp(v, act_min_, act_max_));
    });
  }

  void EvalPotInt16(const RtTensor& a, const RtTensor& b, RtTensor& out) const {
    const int32_t sign = subtract_ ? -1 : 1;
    BinaryLoop<int16_t, int16_t>(bc_, a, b, out, [&](int16_t x, int16_t y) {
      const int32_t v1 = quant::RoundingDivideByPOT(x, -shift1_);
      const int32_t v2 = quant::RoundingDivideByPOT(y, -shift2_);
      const int32_t v =
          Clamp<int32_t>(v1 + sign * v2, QMin<int16_t>(), QMax<int16_t>());
      return static_cast<int16_t>(Clamp(v, act_min_, act_max_));
    });
  }

  bool subtract_;
  Activation act_;
  bool pot_scale_int16_;
  // Quantized parameters, fixed in Prepare.
  int32_t zp1_ = 0, zp2_ = 0, zp_out_ = 0;
  int32_t act_min_ = 0, act_max_ = 0;
  int left_shift_ = 20;
  quant::QuantizedMultiplier m1_, m2_, m_out_;
  bool pot_path_ = false;
  int shift1_ = 0, shift2_ = 0;
  // int8 on a CPU with AVX-512 VNNI, multipliers with right shifts only.
  bool fast_ = false;
  fast::QuantBinaryParams fast_params_;
};

}  // namespace litert::binary

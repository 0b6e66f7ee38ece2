// SQUARED_DIFFERENCE: out = (a - b)^2, NumPy broadcasting up to rank 6.
//
//   float32: (x - y) * (x - y).
//   int32: the same with wrapping two's-complement arithmetic.
//   int8: LiteRT's fixed-point path. Both inputs are brought to a common
//     scale twice_max = 2 * max(s1, s2) with 7 extra bits, subtracted, squared,
//     and the square is rescaled to the output:
//       d = MBQM((q1 - zp1) << 7, s1 / twice_max)
//         - MBQM((q2 - zp2) << 7, s2 / twice_max)
//       out = clamp(zp_out + MBQM(d * d, twice_max^2 / (2^14 * s_out)))
//     (|d| < 2^15, so d * d fits in int32.)
#include <algorithm>
#include <memory>

#include "ops/binary/binary_op.h"

namespace litert {
namespace binary {
namespace {

class SquaredDifferenceOp : public BinaryOpBase {
 public:
  SquaredDifferenceOp()
      : BinaryOpBase("SQUARED_DIFFERENCE",
                     {DType::kFloat32, DType::kInt32, DType::kInt8}) {}

  Status Prepare(OpContext& ctx) override {
    LITERT_RETURN_IF_ERROR(PrepareCommon(ctx));
    if (type_ != DType::kInt8) return Status::Ok();
    QuantParam q[3];
    LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, q));
    zp1_ = q[0].zero_point;
    zp2_ = q[1].zero_point;
    zp_out_ = q[2].zero_point;
    const double twice_max = 2.0 * std::max<double>(q[0].scale, q[1].scale);
    m1_ = quant::QuantizeMultiplier(q[0].scale / twice_max);
    m2_ = quant::QuantizeMultiplier(q[1].scale / twice_max);
    m_out_ = quant::QuantizeMultiplier(
        twice_max * twice_max /
        (double{1 << (2 * kLeftShift)} * double{q[2].scale}));
    return Status::Ok();
  }

  Status Eval(OpContext& ctx) override {
    const RtTensor& a = ctx.input(0);
    const RtTensor& b = ctx.input(1);
    RtTensor& out = ctx.output(0);
    switch (type_) {
      case DType::kFloat32:
        FastFloatBinary(fast::FloatBinaryOp::kSquaredDifference, bc_, ctx);
        break;
      case DType::kInt32:
        BinaryLoop<int32_t, int32_t>(bc_, a, b, out, [](int32_t x, int32_t y) {
          const int32_t d = WrapSub(x, y);
          return WrapMul(d, d);
        });
        break;
      case DType::kInt8:
        BinaryLoop<int8_t, int8_t>(bc_, a, b, out, [&](int8_t x, int8_t y) {
          const int32_t d = quant::MultiplyByQuantizedMultiplier(
                                (int32_t{x} - zp1_) * (1 << kLeftShift), m1_) -
                            quant::MultiplyByQuantizedMultiplier(
                                (int32_t{y} - zp2_) * (1 << kLeftShift), m2_);
          const int32_t v =
              zp_out_ + quant::MultiplyByQuantizedMultiplier(d * d, m_out_);
          return static_cast<int8_t>(
              Clamp<int32_t>(v, QMin<int8_t>(), QMax<int8_t>()));
        });
        break;
      default:
        return ctx.Error("SQUARED_DIFFERENCE: unexpected type " +
                         DTypeName(type_));
    }
    return Status::Ok();
  }

 private:
  static constexpr int kLeftShift = 7;
  int32_t zp1_ = 0, zp2_ = 0, zp_out_ = 0;
  quant::QuantizedMultiplier m1_, m2_, m_out_;
};

}  // namespace
}  // namespace binary

Result<std::unique_ptr<Op>> CreateSquaredDifference(const OpInitContext&) {
  return std::unique_ptr<Op>(new binary::SquaredDifferenceOp());
}

}  // namespace litert

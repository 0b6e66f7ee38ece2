// TANH: out = tanh(x).
//
//   float32.
//   int8 and uint8: a 256-entry table of the real function (LiteRT's lookup
//   table rounding); any output quantization.
//   int16, as LiteRT: zero points 0, output scale 2^-15. An input scale of
//   2^-12 or 2^-11 takes the 16-bit fixed-point evaluation (TanhQ3ToQ0, the
//   2^-11 input first doubled with saturation); any other scale is brought to
//   units of 1/(3 * 4096) and interpolated in the 256-entry sigmoid table (8
//   fraction bits, tanh(x) = 2 logistic(2x) - 1), mirrored for negative inputs.
#include <array>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "ops/quant/fixed_point_int16.h"
#include "ops/unary/unary_common.h"

namespace litert {
namespace {

float Tanh(float x) { return std::tanh(x); }

class TanhOp : public unary::ElementwiseUnaryOp<TanhOp> {
 public:
  static constexpr char kName[] = "TANH";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kTanh);
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<int8_t>(Tanh);
        return Status::Ok();
      case DType::kUInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<uint8_t>(Tanh);
        return Status::Ok();
      case DType::kInt16: {
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        int log2 = 0;
        LITERT_CHECK_OP(ctx,
                        unary::CheckedLog2(out_q_.scale, &log2) && log2 == -15,
                        "TANH int16 output needs scale 2^-15, got " +
                            std::to_string(out_q_.scale));
        input_ = unary::PrepareInt16SigmoidInput(in_q_.scale);
        sigmoid_table_ =
            &unary::Int16SigmoidTable();  // built here, not in Eval
        UseInt16();
        return Status::Ok();
      }
      default:
        return Unsupported(ctx, in.type, "float32, int8, uint8, int16");
    }
  }

  float Apply(float x) const { return Tanh(x); }

  int16_t Int16(int16_t q) const {
    if (input_.power_of_two) {
      return quant::TanhQ3ToQ0(
          quant::SaturatingRoundingMultiplyByPOT16(q, input_.pot_shift));
    }
    const auto& table = *sigmoid_table_;
    const int32_t x = unary::ToInt16SigmoidUnits(q, input_);
    const uint32_t abs_x = static_cast<uint32_t>(std::abs(x));
    const uint32_t index = abs_x >> 8;
    int32_t r = 0xFFFF << 8;  // saturated
    if (index < 255) {
      const uint32_t a = table[index], b = table[index + 1];
      r = static_cast<int32_t>((a << 8) + (abs_x & 0xffu) * (b - a));
    }
    r = x >= 0 ? r - (1 << 23) + (1 << 7) : -r + (1 << 23) + (1 << 7) - 1;
    return static_cast<int16_t>(r >> 8);
  }

 private:
  unary::Int16SigmoidInput input_;
  const std::array<uint32_t, 256>* sigmoid_table_ = nullptr;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateTanh(const OpInitContext&) {
  return std::unique_ptr<Op>(new TanhOp);
}

}  // namespace litert

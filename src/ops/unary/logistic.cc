// LOGISTIC: out = 1 / (1 + e^-x).
//
//   float32.
//   int8 and uint8: a 256-entry table of the real function (LiteRT's lookup
//   table rounding); any output quantization.
//   int16, as LiteRT: zero points 0, output scale 2^-15. An input scale of
//   2^-12 takes the 16-bit fixed-point evaluation (LogisticQ3ToQ0); any other
//   scale is brought to units of 1/(3 * 4096) and interpolated in the 256-entry
//   sigmoid table (9 fraction bits), mirrored for negative inputs.
#include <array>
#include <cmath>
#include <cstdlib>
#include <memory>

#include "ops/quant/fixed_point_int16.h"
#include "ops/unary/unary_common.h"

namespace litert {
namespace {

float Logistic(float x) { return 1.f / (1.f + std::exp(-x)); }

class LogisticOp : public unary::ElementwiseUnaryOp<LogisticOp> {
 public:
  static constexpr char kName[] = "LOGISTIC";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kLogistic);
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<int8_t>(Logistic);
        return Status::Ok();
      case DType::kUInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<uint8_t>(Logistic);
        return Status::Ok();
      case DType::kInt16: {
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        int log2 = 0;
        LITERT_CHECK_OP(ctx,
                        unary::CheckedLog2(out_q_.scale, &log2) && log2 == -15,
                        "LOGISTIC int16 output needs scale 2^-15, got " +
                            std::to_string(out_q_.scale));
        input_ = unary::PrepareInt16SigmoidInput(in_q_.scale);
        sigmoid_table_ =
            &unary::Int16SigmoidTable();  // built here, not in Eval
        fixed_point_ = input_.power_of_two && input_.pot_shift == 0;
        UseInt16();
        return Status::Ok();
      }
      default:
        return Unsupported(ctx, in.type, "float32, int8, uint8, int16");
    }
  }

  float Apply(float x) const { return Logistic(x); }

  int16_t Int16(int16_t q) const {
    if (fixed_point_) return quant::LogisticQ3ToQ0(q);
    const auto& table = *sigmoid_table_;
    const int32_t x = unary::ToInt16SigmoidUnits(q, input_);
    const uint32_t abs_x = static_cast<uint32_t>(std::abs(x));
    const uint32_t index = abs_x >> 9;
    uint32_t r = 0x7FFFu << 10;  // saturated
    if (index < 255) {
      const uint32_t a = table[index], b = table[index + 1];
      r = (a << 9) + (abs_x & 0x1ffu) * (b - a);
    }
    r = x >= 0 ? r + (1u << 9) : (1u << 25) - r + (1u << 9) - 1;
    return static_cast<int16_t>(r >> 10);
  }

 private:
  unary::Int16SigmoidInput input_;
  const std::array<uint32_t, 256>* sigmoid_table_ = nullptr;
  bool fixed_point_ = false;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateLogistic(const OpInitContext&) {
  return std::unique_ptr<Op>(new LogisticOp);
}

}  // namespace litert

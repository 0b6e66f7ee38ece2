// EXP: out = e^x.
//
//   float32.
//   int8: a 256-entry table of the real function on the quantization (LiteRT's
//   lookup table: float math, round half away from zero, saturating).
//   int16 (zero points 0): LiteRT's interpolated 513-entry table (Int16Lut).
#include <cmath>
#include <memory>

#include "ops/unary/unary_common.h"

namespace litert {
namespace {

float Exp(float x) { return std::exp(x); }

class ExpOp : public unary::ElementwiseUnaryOp<ExpOp> {
 public:
  static constexpr char kName[] = "EXP";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kExp);
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<int8_t>(Exp);
        return Status::Ok();
      case DType::kInt16:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        lut_.Build(in_q_.scale, out_q_.scale, Exp);
        UseInt16();
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type, "float32, int8, int16");
    }
  }
  float Apply(float x) const { return Exp(x); }
  int16_t Int16(int16_t q) const { return lut_.Lookup(q); }

 private:
  unary::Int16Lut lut_;
};

}  // namespace

Result<std::unique_ptr<Op>> CreateExp(const OpInitContext&) {
  return std::unique_ptr<Op>(new ExpOp);
}

}  // namespace litert

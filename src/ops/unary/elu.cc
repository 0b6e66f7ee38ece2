// ELU: out = x for x >= 0, e^x - 1 for x < 0 (alpha 1).
//
//   float32; int8: a 256-entry table of the real function (LiteRT's lookup
//   table rounding).
#include <cmath>
#include <memory>

#include "ops/unary/unary_common.h"

namespace litert {
namespace {

float Elu(float x) { return x < 0.f ? std::expm1(x) : x; }

class EluOp : public unary::ElementwiseUnaryOp<EluOp> {
 public:
  static constexpr char kName[] = "ELU";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor& out) {
    switch (in.type) {
      case DType::kFloat32:
        UseFastFloat(fast::FloatUnaryOp::kElu);
        return Status::Ok();
      case DType::kInt8:
        LITERT_RETURN_IF_ERROR(ReadQuantParams(ctx, in, out));
        UseRealTable<int8_t>(Elu);
        return Status::Ok();
      default:
        return Unsupported(ctx, in.type, "float32, int8");
    }
  }
  float Apply(float x) const { return Elu(x); }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateElu(const OpInitContext&) {
  return std::unique_ptr<Op>(new EluOp);
}

}  // namespace litert

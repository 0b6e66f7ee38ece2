// SQUARE: out = x * x, float32.
#include <cmath>
#include <memory>

#include "ops/unary/unary_common.h"

namespace litert {
namespace {

class SquareOp : public unary::ElementwiseUnaryOp<SquareOp> {
 public:
  static constexpr char kName[] = "SQUARE";
  Status PrepareType(OpContext& ctx, const RtTensor& in, const RtTensor&) {
    if (in.type != DType::kFloat32) return Unsupported(ctx, in.type, "float32");
    UseFastFloat(fast::FloatUnaryOp::kSquare);
    return Status::Ok();
  }
  float Apply(float x) const { return x * x; }
};

}  // namespace

Result<std::unique_ptr<Op>> CreateSquare(const OpInitContext&) {
  return std::unique_ptr<Op>(new SquareOp);
}

}  // namespace litert
